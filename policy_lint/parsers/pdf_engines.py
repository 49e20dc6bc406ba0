"""PDF text engines: per page, lines of text with a box, font size and weight.

An engine only says *what text sits where*; reading order, running heads, hyphenation,
paragraphs and headings are decided by one shared stage (``pdf_layout``) so both engines
give the same words.  Coordinates are PDF points, top-down (``base`` is the baseline's
distance from the top of the page).  A line is cut into segments wherever a horizontal gap
exceeds ``GAP_EM`` × the font size, so two columns sharing baselines come out apart
(PITFALLS P29).

* ``pypdfium2`` (default): the page text once (``FPDFText_GetText``), split at PDFium's line
  breaks; then a few raw ``FPDFText_*`` calls per line (origin of the first character, box
  of the last, font size × text matrix scale, font name / weight) and the page's text rects
  (``FPDFText_CountRects`` / ``GetRect``) to find column gaps.  No per-character Python
  calls.  PDFium marks a line-end hyphen as U+FFFE and joins the lines; it is turned back
  into ``-`` plus a line break.
* ``pdfplumber``: characters after ``dedupe_chars`` (fake bold, P30), clustered into lines
  by baseline; word gaps judged against the line's own letter spacing (P32).
"""

from __future__ import annotations

import bisect
import ctypes
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

#: A horizontal gap wider than this many font sizes separates two segments (columns).
GAP_EM = 1.5
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\ufffe")
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
    """

    text: str
    x0: float
    x1: float
    base: float
    size: float
    bold: bool


class PageText(NamedTuple):
    """The lines of one page, in the engine's order (the layout stage re-orders them)."""

    number: int
    width: float
    height: float
    lines: list[Line]


def _is_bold(name: str, weight: int) -> bool:
    return weight >= 600 or bool(_BOLD_NAME.search(name))


# ---------------------------------------------------------------- pypdfium2 ---------------


class _Pdfium:
    """Reusable ctypes out-parameters for the raw PDFium text calls."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        self.x = ctypes.c_double()
        self.y = ctypes.c_double()
        self.l, self.r = ctypes.c_double(), ctypes.c_double()
        self.b, self.t = ctypes.c_double(), ctypes.c_double()
        self.matrix = raw.FS_MATRIX()
        self.name = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()

    def line(self, tp: Any, text: str, first: int, last: int, height: float) -> Line:
        """Measure one line of ``text`` (char indices ``first``..``last`` inclusive)."""
        raw = self.raw
        raw.FPDFText_GetCharOrigin(tp, first, ctypes.byref(self.x), ctypes.byref(self.y))
        x0, base = self.x.value, height - self.y.value
        raw.FPDFText_GetCharBox(
            tp,
            last,
            ctypes.byref(self.l),
            ctypes.byref(self.r),
            ctypes.byref(self.b),
            ctypes.byref(self.t),
        )
        x1 = max(self.r.value, x0)
        size = raw.FPDFText_GetFontSize(tp, first)
        if raw.FPDFText_GetMatrix(tp, first, ctypes.byref(self.matrix)):
            m = self.matrix
            size *= abs(m.a * m.d - m.b * m.c) ** 0.5
        weight = raw.FPDFText_GetFontWeight(tp, first)
        n = raw.FPDFText_GetFontInfo(tp, first, self.name, 256, ctypes.byref(self.flags))
        name = self.name.value.decode("latin-1", "replace") if 0 < n <= 256 else ""
        return Line(text, x0, x1, base, round(size, 2) or 1.0, _is_bold(name, weight))


def _pdfium_rects(tp: Any, raw: Any, height: float) -> list[tuple[float, float, float, float]]:
    """Text rects of a page as ``(top, x0, x1, bottom)``, top-down, sorted by top."""
    out = []
    left, right = ctypes.c_double(), ctypes.c_double()
    bottom, top = ctypes.c_double(), ctypes.c_double()
    for i in range(raw.FPDFText_CountRects(tp, 0, -1)):
        if raw.FPDFText_GetRect(
            tp, i, ctypes.byref(left), ctypes.byref(top), ctypes.byref(right), ctypes.byref(bottom)
        ):
            out.append((height - top.value, left.value, right.value, height - bottom.value))
    out.sort()
    return out


def _split_at_gaps(
    pd: _Pdfium,
    tp: Any,
    line: Line,
    start: int,
    rects: list[tuple[float, float, float, float]],
    height: float,
) -> list[Line]:
    """Cut a measured line where the page's text rects leave a gap wider than GAP_EM."""
    lo = bisect.bisect_left(rects, (line.base - 2 * line.size,))
    hi = bisect.bisect_right(rects, (line.base + line.size,))
    band = [
        (r[1], r[2], r[0], r[3])
        for r in rects[lo:hi]
        if r[0] - 1 <= line.base <= r[3] + line.size and r[2] > line.x0 - 1 and r[1] < line.x1 + 1
    ]
    if len(band) < 2:
        return [line]
    band.sort()
    cuts: list[float] = []
    right = band[0][1]
    for r in band[1:]:
        if r[0] - right > GAP_EM * line.size:
            cuts.append(r[0])
        right = max(right, r[1])
    if not cuts:
        return [line]
    pieces: list[Line] = []
    offset = 0
    y = height - line.base + line.size * 0.3
    for x in cuts:
        idx = pd.raw.FPDFText_GetCharIndexAtPos(tp, x + 0.5, y, 2.0, line.size * 0.5) - start
        if not offset < idx < len(line.text):
            continue
        pieces.append(line._replace(text=line.text[offset:idx]))
        offset = idx
    pieces.append(line._replace(text=line.text[offset:]))
    lines: list[Line] = []
    pos = 0
    for piece in pieces:
        lead = len(piece.text) - len(piece.text.lstrip())
        stripped = piece.text.strip()
        if stripped:
            first = start + pos + lead
            lines.append(pd.line(tp, stripped, first, first + len(stripped) - 1, height))
        pos += len(piece.text)
    return lines or [line]


def pdfium_pages(pdf: Any) -> Iterator[PageText]:
    """Yield the lines of each page of an open ``pypdfium2.PdfDocument``, closing as it goes.

    Raises:
        pypdfium2.PdfiumError: If a page cannot be loaded (the caller wraps it).
    """
    pd = _Pdfium()
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                tp = textpage.raw
                text = textpage.get_text_range()
                lines: list[Line] = []
                rects: list[tuple[float, float, float, float]] | None = None
                pos = 0
                for match in [*_LINE_BREAK.finditer(text), None]:
                    end = match.start() if match else len(text)
                    hyphen = bool(match and match.group() == "\ufffe")
                    chunk = text[pos:end] + ("-" if hyphen else "")
                    stripped = chunk.strip()
                    if stripped:
                        first = pos + len(chunk) - len(chunk.lstrip())
                        last = min(first + len(stripped) - 1, len(text) - 1)
                        line = pd.line(tp, stripped, first, last, height)
                        if " " in stripped and line.x1 - line.x0 > 8 * line.size:
                            if rects is None:
                                rects = _pdfium_rects(tp, pd.raw, height)
                            lines.extend(_split_at_gaps(pd, tp, line, first, rects, height))
                        else:
                            lines.append(line)
                    pos = match.end() if match else len(text)
            finally:
                textpage.close()
        finally:
            page.close()
        yield PageText(index + 1, width, height, lines)


# ---------------------------------------------------------------- pdfplumber --------------


def _plumber_line(chars: list[dict[str, Any]], height: float) -> list[Line]:
    """Build segments from one baseline's characters (sorted by x)."""
    gaps = [
        b["x0"] - a["x1"]
        for a, b in zip(chars, chars[1:], strict=False)
        if a["text"] != " " != b["text"]
    ]
    gaps.sort()
    letter_gap = max(0.0, gaps[len(gaps) // 2]) if gaps else 0.0
    out: list[Line] = []
    seg: list[dict[str, Any]] = []
    words: list[str] = []
    word: list[str] = []

    def flush() -> None:
        if word:
            words.append("".join(word))
            word.clear()
        text = " ".join(words)
        if text.strip():
            first = next(c for c in seg if c["text"].strip())
            size = float(first["size"])
            base = height - float(first["matrix"][5])
            out.append(
                Line(
                    text,
                    float(first["x0"]),
                    float(seg[-1]["x1"]),
                    base,
                    round(size, 2),
                    _is_bold(str(first.get("fontname", "")), 0),
                )
            )
        seg.clear()
        words.clear()

    prev: dict[str, Any] | None = None
    for ch in chars:
        size = float(ch["size"]) or 1.0
        if prev is not None:
            gap = ch["x0"] - prev["x1"]
            if gap > GAP_EM * size and seg:
                flush()
            elif gap > letter_gap + 0.25 * size and word:
                words.append("".join(word))
                word.clear()
        if ch["text"].isspace():
            if word:
                words.append("".join(word))
                word.clear()
        else:
            word.append(ch["text"])
        seg.append(ch)
        prev = ch
    flush()
    return out


def plumber_pages(pdf: Any) -> Iterator[PageText]:
    """Yield the lines of each page of an open ``pdfplumber.PDF``, closing pages as it goes."""
    for page in pdf.pages:
        try:
            height = float(page.height)
            chars = [
                c
                for c in page.dedupe_chars(tolerance=1).chars
                if c.get("upright", True) and c["text"]
            ]
            chars.sort(key=lambda c: (round(height - c["matrix"][5], 1), c["x0"]))
            lines: list[Line] = []
            group: list[dict[str, Any]] = []
            for ch in chars:
                base = height - ch["matrix"][5]
                if group and abs(base - (height - group[0]["matrix"][5])) > 0.3 * max(
                    float(ch["size"]), 1.0
                ):
                    lines.extend(_plumber_line(sorted(group, key=lambda c: c["x0"]), height))
                    group = []
                group.append(ch)
            if group:
                lines.extend(_plumber_line(sorted(group, key=lambda c: c["x0"]), height))
            yield PageText(page.page_number, float(page.width), height, lines)
        finally:
            page.close()
