"""Map a Markdown block's inline tokens back to source offsets (the Markdown reader's helper).

markdown-it gives only block tokens a ``map`` of source lines (PITFALLS P51), so ``Inline``
matches each inline token's text back to the decoded source character by character: every
character of a block's text knows its source offset, and emphasis, links, footnote
references and other markup removed from the text never shift a column.  Inline footnotes
(``^[text]``) are recorded with where their text is, so the walker in ``markdown`` can place
the note's own block there.
"""

from __future__ import annotations

import html
import re
from typing import Any

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: How far past the cursor a text token is looked for (markup between tokens is short), so a
#: token that is not literally in the source costs a bounded search, not the rest of the block.
_WINDOW = 1024


class Inline:
    """Collect a block's text and, for each character, its offset in the source."""

    def __init__(self, src: str, pos: int, end: int) -> None:
        self.src, self.pos, self.end = src, pos, end
        self.chars: list[str] = []
        self.origin: list[int] = []
        self.comments: list[tuple[int, str]] = []
        #: Inline footnotes ``^[…]`` met: note id → (first offset of its text, its "]").
        self.notes: dict[int, tuple[int, int]] = {}
        #: Footnote reference marks met (``[^label]`` and ``^[…]``): note id → source offset.
        self.refs: dict[int, int] = {}

    def add(self, text: str, at: int) -> None:
        """Append ``text`` whose first character sits at source offset ``at`` (contiguous)."""
        if not self.chars or self.chars[-1][-1:] == " ":
            stripped = text.lstrip()
            at += len(text) - len(stripped)
            text = stripped
        if text:
            self.chars.append(text)
            self.origin.extend(range(at, at + len(text)))

    def text(self, content: str) -> None:
        src, pos = self.src, self.pos
        at = src.find(content, pos, min(self.end, pos + len(content) + _WINDOW))
        if at >= 0:
            self.add(content, at)
            self.pos = at + len(content)
            return
        for ch in content:  # escapes, entities, tabs: match character by character
            limit = min(self.end, self.pos + 64)
            j = src.find(ch, self.pos, limit)
            amp = src.find("&", self.pos, limit) if ch != "&" else -1
            if amp >= 0 and (j < 0 or amp < j):
                entity = _ENTITY.match(src, amp)
                if entity and html.unescape(entity.group()).startswith(ch):
                    self.add(ch, amp)  # "&copy;" → "©" at the "&"
                    self.pos = entity.end()
                    continue
            if j >= 0:
                self.add(ch, j)
                self.pos = j + 1
            else:
                self.add(ch, self.pos)

    def skip_past(self, needle: str) -> int:
        at = self.src.find(needle, self.pos, self.end)
        if at >= 0:
            self.pos = at + len(needle)
        return at

    def skip_link_tail(self) -> None:
        if self.skip_past("]") < 0:
            return
        src, k = self.src, self.pos
        if k < self.end and src[k] == "[":
            self.skip_past("]")
        elif k < self.end and src[k] == "(":
            depth = 0
            while k < self.end:
                ch = src[k]
                if ch == "\\":
                    k += 1
                elif ch == "(":
                    depth += 1
                elif ch == ")":
                    depth -= 1
                    if depth == 0:
                        break
                k += 1
            self.pos = min(k + 1, self.end)

    def softbreak(self) -> None:
        at = self.src.find("\n", self.pos, self.end)
        self.add(" ", at if at >= 0 else self.pos)
        if at >= 0:
            self.pos = at + 1

    def run_plain(self, content: str) -> None:
        """Read markup-free content: its lines, joined by soft breaks."""
        for i, line in enumerate(content.split("\n")):
            if i:
                self.softbreak()
            self.text(line)

    def run(self, children: list[Any]) -> None:
        skip_text = False
        for tok in children:
            kind = tok.type
            if kind == "text":
                if not skip_text:
                    self.text(tok.content)
            elif kind in ("softbreak", "hardbreak"):
                self.softbreak()
            elif kind == "code_inline":
                if self.skip_past(tok.markup) >= 0:
                    self.skip_past(tok.markup)
            elif kind == "html_inline":
                at = self.skip_past(tok.content)
                if tok.content.startswith("<!--"):
                    self.comments.append((max(at, 0), tok.content[4:-3].strip()))
            elif kind == "link_open" and tok.markup == "autolink":
                skip_text = True
                self.skip_past(">")
            elif kind == "link_close":
                if skip_text:
                    skip_text = False
                else:
                    self.skip_link_tail()
            elif kind == "image":
                if self.skip_past("![") >= 0:
                    self.skip_link_tail()
            elif kind == "footnote_ref":
                meta = tok.meta or {}
                if "label" not in meta:  # an inline note: ^[text]
                    at = self.skip_past("^[")
                    if at >= 0:
                        close = self.bracket_end(self.pos)
                        self.notes[meta["id"]] = (self.pos, close)
                        self.pos = min(close + 1, self.end)
                else:
                    at = self.skip_past("[^")
                    if at >= 0:
                        self.skip_past("]")
                if at >= 0 and "id" in meta:
                    self.refs.setdefault(meta["id"], at)

    def bracket_end(self, k: int) -> int:
        """Offset of the ``]`` closing a bracket opened just before ``k`` (else the end)."""
        src, depth = self.src, 1
        while k < self.end:
            ch = src[k]
            if ch == "\\":
                k += 1
            elif ch == "[":
                depth += 1
            elif ch == "]":
                depth -= 1
                if depth == 0:
                    return k
            k += 1
        return self.end

    def result(self) -> tuple[str, list[int]]:
        text = "".join(self.chars)
        while text.endswith(" "):
            text = text[:-1]
        origin = self.origin[: len(text)]
        # Never one past the end of the source, even when text was not found in it.
        origin.append(min(origin[-1] + 1, len(self.src)) if origin else self.pos)
        return text, origin
