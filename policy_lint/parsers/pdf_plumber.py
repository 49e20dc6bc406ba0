"""The pdfplumber engine: per page, lines of text with a box, font size and weight.

Slower than PDFium (pdfminer parses every content stream in Python) but an independent
reading of the same file: the tests run both engines through the shared layout stage and
compare their words.  Characters are de-duplicated (fake bold, PITFALLS P30), clustered into
lines by baseline, and split into words against the line's own letter spacing (P32) and into
segments at gaps over ``GAP_EM`` em (columns, P29).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .pdf_engines import DRAWN_PAGE, GAP_EM, Line, PageText, has_text, is_bold, keep_upright


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
                    is_bold(str(first.get("fontname", "")), 0),
                    bool(first.get("upright", True)),
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


def dedupe(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop characters drawn twice within 1 pt (fake bold, PITFALLS P30), in O(n log n).

    pdfplumber's own ``dedupe_chars`` does the same but took seconds per page on long
    contracts; genuine double letters ("still") are a glyph width apart and are kept.
    """
    keyed = sorted(chars, key=lambda c: (c["text"], c.get("fontname"), round(c["top"]), c["x0"]))
    kept: list[dict[str, Any]] = []
    for ch in keyed:
        prev = kept[-1] if kept else None
        if (
            prev is not None
            and prev["text"] == ch["text"]
            and prev.get("fontname") == ch.get("fontname")
            and abs(prev["top"] - ch["top"]) < 1
            and abs(prev["x0"] - ch["x0"]) < 1
        ):
            continue
        kept.append(ch)
    return kept


def _plumber_page(page: Any) -> PageText:
    height = float(page.height)
    chars = dedupe([c for c in page.chars if c["text"]])
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
    pictures = not has_text(lines) and (
        bool(page.images) or len(page.rects) + len(page.curves) + len(page.lines) >= DRAWN_PAGE
    )
    return PageText(page.page_number, float(page.width), height, keep_upright(lines), pictures)


def plumber_pages(pdf: Any) -> Iterator[PageText]:
    """Yield the lines of each page of an open ``pdfplumber.PDF``, closing pages as it goes.

    A page whose layout analysis recurses too deeply (PITFALLS P44) is yielded with
    ``problem`` set and no lines, so the other pages are still read.
    """
    for page in pdf.pages:
        try:
            try:
                result = _plumber_page(page)
            except RecursionError:
                result = PageText(page.page_number, 0.0, 0.0, [], problem="recursion too deep")
            yield result
        finally:
            page.close()
