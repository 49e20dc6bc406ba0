"""Walk one WordprocessingML story (body, header, footer, notes) into text units.

The rules (ECMA-376 Part 1; the PITFALLS entry each one answers is in brackets):

* Paragraphs and tables in document order; each paragraph of a table cell is a
  ``table_cell`` unit with the cell's coordinates (not joined: the sentence splitter does not
  split at new lines, so joined list lines would read as one sentence) [P15].
  Heading-styled paragraphs in a cell stay cell text (contracts number table clauses with
  heading styles), except in a one-cell layout table, where they still open sections.
  Merged cells are read once: ``w:vMerge`` continuation and ``w:hMerge`` cells are skipped,
  ``w:gridSpan`` advances the grid column [P16].  Nested tables are walked, up to
  ``Limits.max_depth``.
* Content controls ``w:sdt`` (around paragraphs, tables, rows, cells or runs), ``w:customXml``,
  ``w:smartTag``, hyperlinks and ``w:fldSimple`` are unwrapped [P03, P08]; a control still
  showing its placeholder (``w:showingPlcHdr``) is template prompt text and is left out.
* ``mc:AlternateContent``: only the first ``mc:Choice`` whose ``Requires`` namespaces are all
  understood, else the ``mc:Fallback`` [P02].
* Text boxes (``w:txbxContent`` in VML or DrawingML) become units of their own right after
  the anchor paragraph, never part of its text [P01].
* Complex fields: the result (after ``separate``) is read, the instruction is not.
* Tracked changes are read accepted: ``w:ins`` / ``w:moveTo`` in, ``w:del`` / ``w:moveFrom`` /
  deleted rows out, and ``tracked`` is set [P05, P06].
* ``w:tab`` → space, ``w:br`` / ``w:cr`` → new line, ``w:noBreakHyphen`` → ``-``,
  ``w:softHyphen`` → nothing, ``w:sym`` → its letter or digit when the symbol font maps to one,
  otherwise a space (bullets and ticks separate words; they are not words) [P19].

Paragraph indices count every ``w:p`` of the part in document order (those in tables, text
boxes, content controls, merged-away cells and deleted rows included; those in an unchosen
``mc`` branch not), 0-based.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from lxml import etree

from ..errors import DocumentError
from .docx_numbering import Numbering
from .docx_styles import Styles, W

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_ALT, _CHOICE, _FALLBACK = MC + "AlternateContent", MC + "Choice", MC + "Fallback"
_P, _R, _T, _TBL, _TR, _TC = (W + t for t in ("p", "r", "t", "tbl", "tr", "tc"))
_PSTYLE, _VAL, _SDTPR = W + "pStyle", W + "val", W + "sdtPr"
_PPR, _SDT, _SDTCONTENT, _TXBX = W + "pPr", W + "sdt", W + "sdtContent", W + "txbxContent"
_INS, _DEL, _MOVETO, _MOVEFROM = W + "ins", W + "del", W + "moveTo", W + "moveFrom"
_FLDCHAR, _RUBY, _RUBYBASE = W + "fldChar", W + "ruby", W + "rubyBase"
#: Note reference marks (ECMA-376 Part 1 §17.11.7, §17.11.14) → ``note_refs`` kind.
_NOTE_REFS = {W + "footnoteReference": "footnote", W + "endnoteReference": "endnote"}
_BOXES_IN = frozenset({W + "drawing", W + "pict", W + "object"})
_CHARS = {W + "tab": " ", W + "ptab": " ", W + "br": "\n", W + "cr": "\n",
          W + "noBreakHyphen": "-", W + "softHyphen": ""}
#: Inline elements whose content is never text of the accepted view.
_SKIP_INLINE = frozenset(
    W + t for t in ("pPr", "rPr", "del", "moveFrom", "sdtPr", "sdtEndPr", "rubyPr", "rt")
)
_UNWRAP_BLOCK = frozenset({W + "customXml", _INS, _MOVETO})
_TRACKED = frozenset({_INS, _DEL, _MOVETO, _MOVEFROM})
#: Namespaces whose markup this reader understands inside an ``mc:Choice``.
UNDERSTOOD = frozenset(
    "http://schemas.microsoft.com/office/" + s
    for s in (
        "word/2010/wordprocessingShape", "word/2010/wordprocessingGroup",
        "word/2010/wordprocessingCanvas", "word/2010/wordprocessingInk", "word/2010/wordml",
        "word/2012/wordml", "word/2010/wordprocessingDrawing", "drawing/2010/main",
        "word/2015/wordml/symex", "word/2016/wordml/cid", "word/2018/wordml",
        "word/2018/wordml/cex", "word/2020/wordml/sdtdatahash", "word/2024/wordml/sdtformatlock",
    )
) | frozenset({"urn:schemas-microsoft-com:vml", "urn:schemas-microsoft-com:office:office",
               "urn:schemas-microsoft-com:office:word",
               "http://schemas.openxmlformats.org/drawingml/2006/main"})
_SYMBOL_UPPER = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ"
_SYMBOL_LOWER = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ"


@dataclass(frozen=True, slots=True)
class Where:
    """Where a unit sits: the span container, its story and table coordinates."""

    container: str
    story: str
    table: int | None = None
    row: int | None = None
    col: int | None = None
    in_box: bool = False


@dataclass(frozen=True, slots=True)
class Unit:
    """One block's raw text, from paragraph ``paragraph`` (0-based index in its part)."""

    kind: str
    raw: str
    where: Where
    paragraph: int
    level: int = 0
    label: str = ""  # the automatic list / heading number (docx_numbering), not in raw


@dataclass(frozen=True, slots=True)
class _Cell:
    where: Where
    layout: bool = False  # the only cell of a one-cell table: headings still open sections


def choose_branch(alt: etree._Element) -> etree._Element | None:
    """The one ``mc:AlternateContent`` branch to read (ECMA-376 Part 3 §10.2.1)."""
    for child in alt:
        if child.tag == _CHOICE:
            needs = (child.get("Requires") or "").split()
            if needs and all(child.nsmap.get(prefix) in UNDERSTOOD for prefix in needs):
                return child
        elif child.tag == _FALLBACK:
            return child
    return None


def symbol_text(sym: etree._Element) -> str:
    """Text for a ``w:sym``: its letter or digit when mappable, else a space (see module)."""
    try:
        code = int(sym.get(W + "char") or "", 16)
    except ValueError:
        return " "
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
    font = (sym.get(W + "font") or "").lower()
    if font == "symbol":
        if 0x41 <= code <= 0x5A:
            return _SYMBOL_UPPER[code - 0x41]
        if 0x61 <= code <= 0x7A:
            return _SYMBOL_LOWER[code - 0x61]
        return chr(code) if 0x30 <= code <= 0x39 else " "
    if "wingding" in font or "webding" in font or code < 0x20 or code > 0x10FFFF:
        return " "
    char = chr(code)
    return char if char.isalnum() else " "


class StoryWalker:
    """Turn one story's XML into ``Unit``s, in reading order.

    Args:
        path: Document path, for error messages.
        story: ``body``, ``header``, ``footer``, ``footnote`` or ``endnote``.
        styles: Resolved paragraph styles.
        max_depth: Deepest nesting of tables and text boxes; deeper is a ``too-large``
            ``DocumentError``.
        numbering: The package's numbering definitions, or ``None``: units then carry no
            ``label``.  Each walker counts its own story's numbers, in reading order
            (every paragraph counts, blank ones too, as in Word).
    """

    def __init__(
        self,
        path: str,
        story: str,
        styles: Styles,
        max_depth: int,
        numbering: Numbering | None = None,
    ) -> None:
        self.path, self.story, self.styles, self.max_depth = path, story, styles, max_depth
        self._numbers = numbering.sequence() if numbering else None
        self.units: list[Unit] = []
        self.tracked = False
        #: ``("footnote" | "endnote", w:id)`` → 0-based index (``Unit.paragraph``) of the
        #: first paragraph holding a reference mark to that note.
        self.note_refs: dict[tuple[str, str], int] = {}
        self.index = 0
        self._tables = 0
        self._fields: list[bool] = []  # per open complex field: in its result?
        self._where = Where("body" if story == "body" else story, story)

    def walk(self, parent: etree._Element) -> None:
        """Walk the block-level children of ``parent`` (a body, note, header or footer)."""
        self._blocks(parent, self._where, 0, None)

    def skip(self, parent: etree._Element) -> None:
        """Count the paragraphs of content that is not read (keeps indices aligned)."""
        self.index += sum(1 for _ in parent.iter(_P))

    # -- block level -------------------------------------------------------------------
    def _blocks(self, parent: etree._Element, where: Where, depth: int, cell: _Cell | None) -> None:
        for child in parent:
            tag = child.tag
            if tag == _P:
                self._paragraph(child, where, depth, cell)
            elif tag == _TBL:
                self._table(child, where, depth + 1)
            elif tag == _SDT:
                content = child.find(_SDTCONTENT)
                if content is not None and _placeholder(child):
                    self.skip(content)
                elif content is not None:
                    self._blocks(content, where, depth, cell)
            elif tag in _UNWRAP_BLOCK:
                self.tracked = self.tracked or tag != W + "customXml"
                self._blocks(child, where, depth, cell)
            elif tag == _ALT:
                branch = choose_branch(child)
                if branch is not None:
                    self._blocks(branch, where, depth, cell)
            elif tag in (_DEL, _MOVEFROM):
                self.tracked = True
                self.skip(child)

    def _check(self, depth: int) -> None:
        if depth > self.max_depth:
            raise DocumentError(
                self.path,
                f"tables or text boxes are nested more than {self.max_depth} deep — flatten "
                "them or raise the depth limit",
                "too-large",
            )

    def _paragraph(self, p: etree._Element, where: Where, depth: int, cell: _Cell | None) -> None:
        index = self.index
        self.index += 1
        out: list[str] = []
        boxes: list[etree._Element] = []
        self._inline(p, out, boxes)
        if self._fields and not all(self._fields):
            # An instruction never spans paragraphs: drop unclosed ones so a damaged field
            # cannot hide the rest of the story.
            self._fields = [in_result for in_result in self._fields if in_result]
        raw = "".join(out)
        ppr = p.find(_PPR)
        sid = None
        if ppr is not None:
            pstyle = ppr.find(_PSTYLE)
            sid = pstyle.get(_VAL) if pstyle is not None else None
        label = ""
        mark = ppr.find(W + "rPr") if ppr is not None else None
        mark_deleted = mark is not None and (
            mark.find(_DEL) is not None or mark.find(_MOVEFROM) is not None
        )
        if mark_deleted:
            # A deleted paragraph mark joins this paragraph to the next in the accepted view
            # (ECMA-376 §17.13.5.15), so it is no list item of its own: not counted.
            self.tracked = True
        if self._numbers is not None and not mark_deleted:
            numbered = self.styles.numbering(ppr, sid)
            if numbered is not None:
                label = self._numbers.label(*numbered)
        if raw and not raw.isspace():
            self._unit(ppr, sid, raw, index, where, cell, label)
        if boxes:
            box_where = replace(
                where, container="text_box" if self.story == "body" else self.story, in_box=True
            )
            for box in boxes:
                self._check(depth + 1)
                self._blocks(box, box_where, depth + 1, None)

    def _unit(
        self,
        ppr: etree._Element | None,
        sid: str | None,
        raw: str,
        index: int,
        where: Where,
        cell: _Cell | None,
        label: str,
    ) -> None:
        heading = None
        if self.story == "body" and not where.in_box and (cell is None or cell.layout):
            heading = self.styles.paragraph_heading(ppr, sid)
        if heading is not None:
            self.units.append(Unit("heading", raw, where, index, heading, label))
        elif cell is not None:
            self.units.append(Unit("table_cell", raw, where, index, 0, label))
        else:
            level = self.styles.list_level(ppr, sid)
            kind = "paragraph" if level is None else "list_item"
            self.units.append(Unit(kind, raw, where, index, level or 0, label))

    def _rows(self, parent: etree._Element, tag: str) -> list[etree._Element]:
        """Children with ``tag``, looking through ``w:sdt`` / ``w:customXml`` / ``mc`` wrappers."""
        found: list[etree._Element] = []
        for child in parent:
            if child.tag == tag:
                found.append(child)
            elif child.tag == _SDT:
                content = child.find(_SDTCONTENT)
                if content is not None:
                    found.extend(self._rows(content, tag))
            elif child.tag == W + "customXml":
                found.extend(self._rows(child, tag))
            elif child.tag == _ALT:
                branch = choose_branch(child)
                if branch is not None:
                    found.extend(self._rows(branch, tag))
        return found

    def _table(self, tbl: etree._Element, where: Where, depth: int) -> None:
        self._check(depth)
        self._tables += 1
        number, row = self._tables, 0
        container = "table" if where.container == "body" else where.container
        rows = self._rows(tbl, _TR)
        layout = len(rows) == 1 and len(self._rows(rows[0], _TC)) == 1
        for tr in rows:
            trpr = tr.find(W + "trPr")
            if trpr is not None and trpr.find(_DEL) is not None:
                self.tracked = True
                self.skip(tr)
                continue
            row += 1
            col = 1 + _int(trpr, "gridBefore", 0)
            for tc in self._rows(tr, _TC):
                tcpr = tc.find(W + "tcPr")
                span = max(1, _int(tcpr, "gridSpan", 1))
                if _continues(tcpr, "vMerge") or _continues(tcpr, "hMerge"):
                    self.skip(tc)
                else:
                    here = Where(container, where.story, number, row, col, where.in_box)
                    cell = _Cell(here, layout)
                    self._blocks(tc, cell.where, depth, cell)
                col += span

    # -- inline level ------------------------------------------------------------------
    def _inline(self, el: etree._Element, out: list[str], boxes: list[etree._Element]) -> None:
        for child in el:
            tag = child.tag
            if tag == _R:
                self._run(child, out, boxes)
            elif tag in _SKIP_INLINE or not isinstance(tag, str):
                if tag in (_DEL, _MOVEFROM):
                    self.tracked = True
            elif tag == _ALT:
                branch = choose_branch(child)
                if branch is not None:
                    self._inline(branch, out, boxes)
            elif tag in _BOXES_IN:
                _find_boxes(child, boxes)
            elif tag == _SDT and _placeholder(child):
                continue
            else:
                if tag in _TRACKED:
                    self.tracked = True
                self._inline(child, out, boxes)

    def _run(self, r: etree._Element, out: list[str], boxes: list[etree._Element]) -> None:
        for child in r:
            tag = child.tag
            if tag == _T:
                if not self._fields or all(self._fields):
                    out.append(child.text or "")
            elif tag in _CHARS:
                if not self._fields or all(self._fields):
                    out.append(_CHARS[tag])
            elif tag == W + "sym":
                out.append(symbol_text(child))
            elif tag == _FLDCHAR:
                self._field(child.get(W + "fldCharType"))
            elif tag in _NOTE_REFS:
                note = child.get(W + "id")
                if note is not None:
                    self.note_refs.setdefault((_NOTE_REFS[tag], note), self.index - 1)
            elif tag in _BOXES_IN:
                _find_boxes(child, boxes)
            elif tag == _ALT:
                branch = choose_branch(child)
                if branch is not None:
                    self._run(branch, out, boxes)
            elif tag == _RUBY:
                base = child.find(_RUBYBASE)
                if base is not None:
                    self._inline(base, out, boxes)

    def _field(self, kind: str | None) -> None:
        if kind == "begin":
            self._fields.append(False)
        elif kind == "separate" and self._fields:
            self._fields[-1] = True
        elif kind == "end" and self._fields:
            self._fields.pop()


def _find_boxes(el: etree._Element, boxes: list[etree._Element]) -> None:
    """Collect ``w:txbxContent`` under a drawing, honouring ``mc`` branches, not nested ones."""
    for child in el:
        if child.tag == _TXBX:
            boxes.append(child)
        elif child.tag == _ALT:
            branch = choose_branch(child)
            if branch is not None:
                _find_boxes(branch, boxes)
        elif isinstance(child.tag, str):
            _find_boxes(child, boxes)


def _placeholder(sdt: etree._Element) -> bool:
    """True when a content control shows its placeholder ("Click here to enter text.")."""
    return sdt.find(f"{_SDTPR}/{W}showingPlcHdr") is not None


def _int(pr: etree._Element | None, name: str, default: int) -> int:
    el = pr.find(W + name) if pr is not None else None
    value = el.get(W + "val") if el is not None else None
    return int(value) if value is not None and value.isdigit() else default


def _continues(pr: etree._Element | None, name: str) -> bool:
    """True for a merge continuation cell (``w:vMerge`` / ``w:hMerge`` not ``restart``)."""
    el = pr.find(W + name) if pr is not None else None
    if el is None:
        return False
    return bool(el.get(W + "val", "continue") == "continue")
