"""Read a plain-text file into the model, with exact line and column for every block and sentence.

Paragraphs are runs of non-blank lines separated by blank lines.  Inside a paragraph a line
break is read as a space (one character for one, so offsets map straight back to the source).

Structure is guessed conservatively:

* a **heading** is a paragraph of one line, preceded by a blank line (or the start of the file)
  and followed by one, at most 80 characters and 10 words, not ending in ``. , ; : ! ?``, with
  no "shall / must / will / should / may", that is either numbered (``3.``, ``3.1``, ``4.2.1``
  followed by a capitalised word: level = number of parts) or written in capitals
  (``REPORTING RACISM``: level 1);
* **list items** are lines starting with a bullet (``-``, ``*``, ``•``, ``·``, ``–``) or a
  short label (``1.``, ``1)``, ``(a)``, ``a)``, ``(iv)``) inside a paragraph where the first line
  has one; the marker is not part of the text, continuation lines join the item above, and the
  level grows with the marker's indentation.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Document
from ..text.decode import decode
from ._build import DocumentBuilder, line_locator

if TYPE_CHECKING:
    from . import Limits
from .markdown import line_starts_of

_BLANK_SPLIT = re.compile(r"\n[ \t\f\v]*\n(?:[ \t\f\v]*\n)*")
_NUMBERED = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,5})\.?\s+[A-Z\u00c0-\u024f]")
_MODAL = re.compile(r"\b(?:shall|must|will|should|may)\b", re.I)
_MARKER = re.compile(
    r"^([ \t]*)(?:[-*\u2022\u00b7\u2013](?=\s)|\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})\)|\d{1,3}\.(?=\s))"
    r"[ \t]+(?=\S)"
)


def _is_heading(line: str) -> int:
    """Return the heading level of a one-line paragraph, or 0 when it is not a heading."""
    stripped = line.strip()
    if len(stripped) > 80 or len(stripped.split()) > 10 or stripped[-1] in ".,;:!?":
        return 0
    if _MODAL.search(stripped) or stripped[0] in "-*\u2022\u00b7\u2013(":
        return 0  # a commitment, or a bulleted / lettered item
    m = _NUMBERED.match(stripped)
    if m:
        return m.group(1).count(".") + 1
    letters = [ch for ch in stripped if ch.isalpha()]
    if len(letters) >= 3 and all(ch.isupper() for ch in letters):
        return 1
    return 0


def _paragraphs(src: str) -> list[tuple[int, int]]:
    """``(start, end)`` source offsets of each paragraph (blank-line separated, trimmed)."""
    spans = []
    pos = 0
    for m in _BLANK_SPLIT.finditer(src):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(src)))
    out = []
    for start, end in spans:
        while start < end and src[start].isspace():
            start += 1
        while end > start and src[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def _items(src: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """Split a paragraph into list items ``(text start, end, indent)`` or ``[]`` if not a list."""
    lines = src[start:end].split("\n")
    if not _MARKER.match(lines[0]):
        return []
    items: list[list[int]] = []
    offset = start
    for line in lines:
        m = _MARKER.match(line)
        if m:
            items.append([offset + m.end(), offset + len(line), len(m.group(1).expandtabs(4))])
        elif items:
            items[-1][1] = offset + len(line)
        offset += len(line) + 1
    indents = sorted({indent for _, _, indent in items})
    return [(s, e, indents.index(indent) + 1) for s, e, indent in items]


def parse(path: str, data: bytes, limits: Limits, **options: object) -> Document:
    """Read a plain-text file.

    Args:
        path: The path as given by the user.
        data: The file's bytes (decoded by ``text.decode``: BOM, UTF-8, else Windows-1252).
        limits: ``parsers.Limits`` (unused: plain text has no nesting).
        **options: Ignored (other readers' options).

    Returns:
        A ``Document`` with ``format="text"`` and ``metadata["encoding"]``.
    """
    decoded = decode(data)
    src = decoded.text
    builder = DocumentBuilder(path, "text")
    builder.metadata["encoding"] = decoded.encoding
    if decoded.warning:
        builder.warn(decoded.warning)
    starts = line_starts_of(src)
    for start, end in _paragraphs(src):
        raw = src[start:end]
        single = "\n" not in raw
        if single:
            level = _is_heading(raw)
            if level:
                locate = line_locator(path, starts, start)
                builder.heading(raw, level, locate(0, len(raw)), locate)
                continue
        items = [] if single and not _MARKER.match(raw) else _items(src, start, end)
        if items:
            for s, e, level in items:
                locate = line_locator(path, starts, s)
                text = src[s:e].replace("\n", " ")
                builder.block("list_item", text, locate(0, e - s), locate, level)
            continue
        locate = line_locator(path, starts, start)
        builder.block("paragraph", raw.replace("\n", " "), locate(0, len(raw)), locate)
    return builder.build()
