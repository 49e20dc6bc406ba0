"""Group a PDF's ordered body lines into headings, paragraphs and list items.

Rules (all relative to the document's own body text, so they hold for any font size):

* the body size is the median font size over body characters; a **heading** is a short line
  (≤ 15 words, ≤ 150 characters, not ending in ``,`` or ``;``, nor ``.`` past 6 words) set
  at least 15 % larger than the body, or bold where the body is not; a short unstyled line
  that opens a block and runs into the next line is a heading one level below the rest;
  consecutive heading lines of one style merge; levels rank the heading styles by size
  (then bold);
* a **paragraph** breaks at a heading, a list label (bullet, ``1.``, ``(a)``), a font size
  change, a vertical gap over 1.3 × the median line pitch, or a first-line indent; across a
  page or column break it continues unless the last line ended a sentence;
* a line-end hyphen is joined or kept by ``pdf_layout.join_hyphen``.

Each block keeps, for every line, the raw-text offset where it starts and its page and line,
so a sentence gets the span of its first line.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field

from .pdf_layout import BodyLine, join_hyphen

_LIST_START = re.compile(
    r"^(?:[•▪◦●○■□‣⁃·*–-]|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivx]{1,4})[.)])\s+\S"
)
_ENDS_SENTENCE = re.compile(r"[.!?:][\"')\]]*$")


@dataclass(slots=True)
class PdfBlock:
    """A block ready for the ``DocumentBuilder``.

    Attributes:
        kind: ``heading``, ``paragraph`` or ``list_item``.
        level: Heading level (1 = top), list depth (1) or 0.
        raw: The block's text, lines joined by a space (or by nothing at a joined hyphen).
        starts: Raw offset where each line starts.
        pages: 1-based page of each line.
        lines: 1-based line on its page of each line.

    The three per-line columns are C-int arrays (12 bytes a line, against about 100 for a
    list entry and a ``(page, line)`` tuple): every block of the document is held at once
    between grouping and building, so this is part of the reader's peak memory.
    """

    kind: str
    level: int = 0
    raw: str = ""
    starts: array[int] = field(default_factory=lambda: array("i"))
    pages: array[int] = field(default_factory=lambda: array("i"))
    lines: array[int] = field(default_factory=lambda: array("i"))

    @property
    def first(self) -> tuple[int, int]:
        """``(page, line)`` of the block's first line."""
        return self.pages[0], self.lines[0]

    def add(self, text: str, page: int, line: int, vocab: Counter[str]) -> None:
        """Append a line, joining a line-end hyphen where ``join_hyphen`` says so."""
        if self.raw:
            if self.raw.endswith("-") and not self.raw.endswith(" -"):
                left = re.search(r"(\w+)-$", self.raw)
                right = re.match(r"\w+", text)
                if left and right and join_hyphen(left.group(1), right.group(), vocab):
                    self.raw = self.raw[:-1]
            else:
                self.raw += " "
        self.starts.append(len(self.raw))
        self.pages.append(page)
        self.lines.append(line)
        self.raw += text

    def locate(self, offset: int) -> tuple[int, int]:
        """``(page, line)`` of the line holding raw offset ``offset``."""
        i = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return self.pages[i], self.lines[i]


def _median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2] if values else 0.0


def _style_stats(lines: list[BodyLine]) -> tuple[float, bool, float]:
    """Body font size (median over characters), whether the body is bold, median pitch/size."""
    sizes: Counter[float] = Counter()
    bold = 0
    for bl in lines:
        sizes[round(bl.size, 1)] += len(bl.text)
        bold += len(bl.text) if bl.bold else 0
    total = sum(sizes.values())
    acc, body = 0, 0.0
    for size in sorted(sizes):
        acc += sizes[size]
        if acc * 2 >= total:
            body = size
            break
    pitches = [
        (b.base - a.base) / b.size
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page
        and b.size > 0  # a zero-size font (fuzzer find) has no pitch
        and abs(a.size - b.size) < 0.5
        and 0.9 * b.size <= b.base - a.base <= 2.5 * b.size
    ]
    return body, bold * 2 > total, _median(pitches) or 1.2


def _is_heading(bl: BodyLine, body: float, body_bold: bool) -> bool:
    size = bl.size
    larger = size >= body * 1.15
    if not larger and not (bl.bold and not body_bold and size >= body * 0.95):
        return False
    text = bl.text
    if len(text) > 150 or text.endswith((",", ";")) or not any(ch.isalpha() for ch in text):
        return False
    words = len(text.split())
    if words > 15 or (text.endswith(".") and (words > 6 or not larger)):
        return False
    return True


def _breaks(a: BodyLine, b: BodyLine, pitch: float, in_list: bool) -> bool:
    """True when line ``b`` starts a new paragraph after line ``a``."""
    ga, gb = a, b
    if abs(ga.size - gb.size) > 0.6 or _LIST_START.match(b.text):
        return True
    step = gb.base - ga.base
    if a.page == b.page and abs(step) < 0.4 * gb.size and gb.x0 >= ga.x1 - 1:
        return False  # the rest of the same row
    if a.page != b.page or step < 0.3 * gb.size:  # page or column break
        return bool(_ENDS_SENTENCE.search(a.text)) and not b.text[:1].islower()
    if step > max(pitch * 1.3, 1.45) * gb.size:
        return True
    return not in_list and gb.x0 - ga.x0 > gb.size and abs(gb.x1 - ga.x1) < 2 * gb.size


def _plain_headings(
    lines: list[BodyLine], heads: list[bool], pitch: float, body: float
) -> set[int]:
    """Indices of unstyled headings, as in documents set in one font and size.

    Such a heading is a short line (under 60 % of the median body line, at most 10 words,
    capitalised, not ending in ``.,;:``) that starts a block and runs straight into the next.
    """
    widths = sorted(bl.x1 - bl.x0 for bl in lines if abs(bl.size - body) < 0.6)
    if not widths:
        return set()
    short = 0.6 * widths[len(widths) // 2]
    found: set[int] = set()
    for i in range(len(lines) - 1):
        bl, nxt = lines[i], lines[i + 1]
        text = bl.text
        if (
            heads[i]
            or heads[i + 1]
            or bl.x1 - bl.x0 >= short
            or len(text.split()) > 10
            or not text[:1].isupper()
            and not text[:1].isdigit()
            or text.endswith((".", ",", ";", ":"))
            or bl.page != nxt.page
        ):
            continue
        starts = i == 0 or heads[i - 1] or _breaks(lines[i - 1], bl, pitch, False)
        if starts and not _breaks(bl, nxt, pitch, True) and not _LIST_START.match(nxt.text):
            found.add(i)
    return found


def group_blocks(lines: list[BodyLine], vocab: Counter[str]) -> list[PdfBlock]:
    """Turn ordered body lines into headings, paragraphs and list items.

    Args:
        lines: Body lines in reading order (``pdf_layout.split_running_heads``); the list is
            emptied as it is read, so the lines and the blocks are not both held in full.
        vocab: The document's word counts, for hyphenation.

    Returns:
        Blocks in reading order.
    """
    if not lines:
        return []
    body, body_bold, pitch = _style_stats(lines)
    heads = [_is_heading(bl, body, body_bold) for bl in lines]
    styles = sorted(
        {(round(bl.size), bl.bold) for bl, h in zip(lines, heads, strict=True) if h},
        key=lambda s: (-s[0], not s[1]),
    )
    plain = _plain_headings(lines, heads, pitch, body)
    blocks: list[PdfBlock] = []
    prev: BodyLine | None = None
    count = len(lines)
    lines.reverse()  # popped one at a time, so a line is freed once its text is in a block
    heads.reverse()
    for i in range(count):
        bl, head = lines.pop(), heads.pop()
        cur = blocks[-1] if blocks else None
        if i in plain:
            blocks.append(PdfBlock("heading", min(len(styles) + 1, 6)))
        elif head:
            style = (round(bl.size), bl.bold)
            same = (
                cur is not None
                and cur.kind == "heading"
                and prev is not None
                and (round(prev.size), prev.bold) == style
                and prev.page == bl.page
                and 0 < bl.base - prev.base <= 2.0 * bl.size
            )
            if not same:
                blocks.append(PdfBlock("heading", min(styles.index(style) + 1, 6)))
        elif (
            cur is None
            or cur.kind == "heading"
            or prev is None
            or _breaks(prev, bl, pitch, cur.kind == "list_item")
        ):
            kind = "list_item" if _LIST_START.match(bl.text) else "paragraph"
            blocks.append(PdfBlock(kind, 1 if kind == "list_item" else 0))
        blocks[-1].add(bl.text, bl.page, bl.line, vocab)
        prev = bl
    for block in blocks:  # a long "heading" is a bold paragraph
        words = len(block.raw.split())
        if block.kind == "heading" and (words > 25 or block.raw.endswith(".") and words > 6):
            block.kind, block.level = "paragraph", 0
    return blocks
