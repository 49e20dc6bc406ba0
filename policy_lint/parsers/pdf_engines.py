"""PDF text engines: per page, lines of text with a box, font size and weight.

An engine only says *what text sits where*; reading order, running heads, hyphenation,
paragraphs and headings are decided by one shared stage (``pdf_layout``) so both engines
give the same words.  Coordinates are PDF points, top-down (``base`` is the baseline's
distance from the top of the page).  A line is cut into segments wherever a horizontal gap
exceeds ``GAP_EM`` × the font size, so two columns sharing baselines come out apart
(PITFALLS P29).

* ``pypdfium2`` (default): the page text once (``FPDFText_GetText``), split at PDFium's line
  breaks; then a few raw ``FPDFText_*`` calls per line (origin of the first character, box
  of the last, font size × text matrix scale, font name and flags; text rects over the
  line, ``FPDFText_CountRects``, whose gaps show columns).  No per-character Python calls.
  PDFium marks a line-end hyphen as U+FFFE and joins the lines; it is turned back into
  ``-`` plus a line break.
* ``pdfplumber`` (``pdf_plumber``): characters de-duplicated, clustered by baseline.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

#: A horizontal gap wider than this many font sizes separates two segments (columns).
GAP_EM = 1.5
#: A text-less page with this many vector paths is treated as drawn content, not blank.
DRAWN_PAGE = 50
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\ufffe")
#: PDF font descriptor flag ForceBold (ISO 32000-1, table 123, bit 19).
_FORCE_BOLD = 1 << 18
_MARK = re.compile(r"\d{1,3} ?(?=\S)")
_TAIL_MARK = re.compile(r"(?<=\S) ?\d{1,3}$")
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


class Line(NamedTuple):
    """One run of text on one baseline, no wider than a column.

    Attributes:
        text: The characters, as the engine gives them (spaces between words).
        x0: Left edge, points from the page's left.
        x1: Right edge, points.
        base: Baseline, points from the page's top.
        size: Font size in points (as rendered, text matrix included).
        bold: True for a bold font (name or weight).
        upright: False for text set sideways (a rotated text matrix).
    """

    text: str
    x0: float
    x1: float
    base: float
    size: float
    bold: bool
    upright: bool = True


class PageText(NamedTuple):
    """The lines of one page, in the engine's order (the layout stage re-orders them).

    ``pictures`` is only worked out for a page without text: True when it shows an image, a
    form XObject or at least ``DRAWN_PAGE`` paths (a scan, or a page drawn as vectors), so a
    blank page is told apart from one that needs OCR (PITFALLS P34).  ``problem`` says why
    the engine gave up on a page ("" when it did not): recursion too deep (P44), a page
    object PDFium cannot load.
    """

    number: int
    width: float
    height: float
    lines: list[Line]
    pictures: bool = False
    problem: str = ""


def is_bold(name: str, weight: int) -> bool:
    """True for a bold font: weight 600+ or a name saying bold, black, heavy, semibold, demi."""
    return weight >= 600 or bool(_BOLD_NAME.search(name))


def has_text(lines: list[Line]) -> bool:
    """True when the lines hold at least three non-space characters."""
    return sum(len(x.text.replace(" ", "")) for x in lines) >= 3


def _pdfium_pictures(page: Any) -> bool:
    """True when a PDFium page holds an image or form object, or many paths."""
    import pypdfium2.raw as raw

    paths = 0
    for i in range(raw.FPDFPage_CountObjects(page.raw)):
        kind = raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page.raw, i))
        if kind in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM, raw.FPDF_PAGEOBJ_SHADING):
            return True
        paths += kind == raw.FPDF_PAGEOBJ_PATH
        if paths >= DRAWN_PAGE:
            return True
    return False


def keep_upright(lines: list[Line]) -> list[Line]:
    """Drop sideways lines (margin labels, rotated stamps) unless most text is sideways."""
    upright = [x for x in lines if x.upright]
    if len(upright) == len(lines):
        return lines
    kept = sum(len(x.text) for x in upright)
    return upright if kept * 2 >= sum(len(x.text) for x in lines) else lines


# ---------------------------------------------------------------- pypdfium2 ---------------


class _Pdfium:
    """Reusable ctypes out-parameters and bound raw PDFium text functions."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.r, self.bt = ctypes.c_double(), ctypes.c_double()
        self.matrix = raw.FS_MATRIX()
        self.name = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()
        self.upright = True
        self._xy = (ctypes.byref(self.x), ctypes.byref(self.y))
        self._box = (ctypes.byref(self.bt), ctypes.byref(self.r), self._xy[1], self._xy[1])
        self._m = ctypes.byref(self.matrix)
        self.rx0, self.rx1, self.ry = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        self.rect = (
            ctypes.byref(self.rx0),
            ctypes.byref(self.ry),
            ctypes.byref(self.rx1),
            ctypes.byref(self.ry),
        )
        self._flags = ctypes.byref(self.flags)
        self._origin = raw.FPDFText_GetCharOrigin
        self._size = raw.FPDFText_GetFontSize
        self._matrix = raw.FPDFText_GetMatrix
        self._charbox = raw.FPDFText_GetCharBox
        self._info = raw.FPDFText_GetFontInfo

    def _size_base(self, tp: Any, index: int, height: float) -> tuple[float, float, float]:
        """``(size, baseline, x)`` of one character: font size × text-matrix scale."""
        self._origin(tp, index, *self._xy)
        size = self._size(tp, index)
        self.upright = True
        if self._matrix(tp, index, self._m):
            m = self.matrix
            size *= abs(m.a * m.d - m.b * m.c) ** 0.5
            self.upright = abs(m.b) <= abs(m.a) and abs(m.c) <= abs(m.d)
        return size, height - self.y.value, self.x.value

    def line(self, tp: Any, text: str, first: int, last: int, height: float) -> Line:
        """Measure one line of ``text`` (char indices ``first``..``last`` inclusive).

        Size and baseline come from the first character unless the last one sits on another
        baseline (a superscript or drop cap at one end); then the middle character decides,
        and a small footnote number opening or ending the line is dropped.
        """
        size, base, x0 = self._size_base(tp, first, height)
        upright = self.upright
        if not upright:  # sideways text: no baseline logic applies
            return Line(text, x0, x0, base, round(size, 2) or 1.0, False, False)
        pick = first
        if last > first:
            self._origin(tp, last, *self._xy)
            if abs(height - self.y.value - base) > 0.2 * size:
                size2, base2, _ = self._size_base(tp, last, height)
                mid = (last - first) // 2
                while mid < last - first and text[mid] == " ":
                    mid += 1
                size3, base3, _ = self._size_base(tp, first + mid, height)
                if abs(size3 - size2) <= 0.5 and abs(base3 - base2) <= 0.2 * size2:
                    small = size < 0.8 * size2
                    size, base, pick = size2, base2, last
                    mark = _MARK.match(text)
                    if mark and small:
                        first += mark.end()
                        text = text[mark.end() :]
                        _, _, x0 = self._size_base(tp, first, height)
                elif size2 < 0.8 * size and (tail := _TAIL_MARK.search(text)):
                    text = text[: tail.start()]  # a footnote mark ends the line: drop it
                    last = first + len(text) - 1
        self._charbox(tp, last, *self._box)
        x1 = max(self.r.value, x0)
        n = self._info(tp, pick, self.name, 256, self._flags)
        name = self.name.value.decode("latin-1", "replace") if 0 < n <= 256 else ""
        bold = bool(self.flags.value & _FORCE_BOLD) or is_bold(name, 0)
        return Line(text, x0, x1, base, round(size, 2) or 1.0, bold, upright)


def _split_at_gaps(pd: _Pdfium, tp: Any, line: Line, start: int, height: float) -> list[Line]:
    """Cut a measured line where its text rects leave a gap wider than ``GAP_EM`` em.

    ``FPDFText_CountRects`` over the line's characters gives one rect per text object run;
    most lines have one, and only lines with several are examined.
    """
    raw = pd.raw
    count = raw.FPDFText_CountRects(tp, start, len(line.text))
    if count < 2:
        return [line]
    spans = []
    for i in range(count):
        if raw.FPDFText_GetRect(tp, i, *pd.rect):
            spans.append((pd.rx0.value, pd.rx1.value))
    spans.sort()
    cuts: list[float] = []
    right = spans[0][1] if spans else 0.0
    for x0, x1 in spans[1:]:
        if x0 - right > GAP_EM * line.size:
            cuts.append(x0)
        right = max(right, x1)
    if not cuts:
        return [line]
    pieces: list[str] = []
    offset = 0
    y = height - line.base + line.size * 0.3
    for x in cuts:
        idx = raw.FPDFText_GetCharIndexAtPos(tp, x + 0.5, y, 2.0, line.size * 0.5) - start
        if offset < idx < len(line.text):
            pieces.append(line.text[offset:idx])
            offset = idx
    pieces.append(line.text[offset:])
    lines: list[Line] = []
    pos = 0
    for piece in pieces:
        stripped = piece.strip()
        if stripped:
            first = start + pos + len(piece) - len(piece.lstrip())
            lines.append(pd.line(tp, stripped, first, first + len(stripped) - 1, height))
        pos += len(piece)
    return lines or [line]


def pdfium_pages(pdf: Any) -> Iterator[PageText]:
    """Yield the lines of each page of an open ``pypdfium2.PdfDocument``, closing as it goes.

    A page PDFium cannot load is yielded with no lines and its ``problem`` set.
    """
    import pypdfium2 as pdfium

    pd = _Pdfium()
    for index in range(len(pdf)):
        try:
            page = pdf[index]
        except pdfium.PdfiumError as exc:  # e.g. a /Kids entry that is the page tree itself
            yield PageText(index + 1, 0.0, 0.0, [], problem=" ".join(str(exc).split())[:80])
            continue
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                tp = textpage.raw
                text = textpage.get_text_range()
                lines: list[Line] = []
                pos = 0
                breaks = [*_LINE_BREAK.finditer(text), None]
                # One text rect per line on the whole page: no line has a gap worth a look.
                runs = pd.raw.FPDFText_CountRects(tp, 0, -1) > len(breaks)
                for match in breaks:
                    end = match.start() if match else len(text)
                    hyphen = bool(match and match.group() == "\ufffe")
                    chunk = text[pos:end] + ("-" if hyphen else "")
                    stripped = chunk.strip()
                    if stripped:
                        first = pos + len(chunk) - len(chunk.lstrip())
                        last = min(first + len(stripped) - 1, len(text) - 1)
                        line = pd.line(tp, stripped, first, last, height)
                        wide = line.x1 - line.x0 > 8 * line.size
                        if runs and wide and " " in stripped and line.text == stripped:
                            lines.extend(_split_at_gaps(pd, tp, line, first, height))
                        else:
                            lines.append(line)
                    pos = match.end() if match else len(text)
            finally:
                textpage.close()
            pictures = False if has_text(lines) else _pdfium_pictures(page)
        finally:
            page.close()
        yield PageText(index + 1, width, height, keep_upright(lines), pictures)
