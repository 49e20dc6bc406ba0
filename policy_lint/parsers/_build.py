"""Assemble a ``Document`` from the blocks a reader finds, in reading order.

Readers know formats; this module knows the model.  A reader calls ``heading()`` and
``block()`` in reading order with the block's raw text and a ``locate`` callback that turns
offsets in that raw text into a ``SourceSpan``; the builder normalises the text
(``text.normalise``), splits sentences (``text.sentences``), maps every sentence back to its
source position, and groups blocks into sections by heading level.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import fields
from functools import lru_cache
from typing import Any

from ..model import Block, Document, Section, Sentence, SourceSpan
from ..text.normalise import collapse_spaces, is_normal, normalise
from ..text.sentences import split_sentences

#: ``locate(start, end)`` → span of raw-text offsets ``[start, end)`` of one block.
Locator = Callable[[int, int], SourceSpan]
#: Every character ``str.isspace`` accepts but the space (``collapse_spaces`` changes them);
#: one character class, which ``re`` scans faster than ``[^\S ]``.
OTHER_SPACE = re.compile(
    "[\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)


def _even_spaces(text: str) -> bool:
    """True when ``collapse_spaces`` leaves every stripped slice of ``text`` as it is."""
    return "  " not in text and OTHER_SPACE.search(text) is None


_SPAN_FIELDS = tuple(f.name for f in fields(SourceSpan))


def _slot_setters(cls: type, names: tuple[str, ...]) -> list[Any] | None:
    """The slot descriptors' ``__set__`` of a frozen slotted dataclass, else ``None``."""
    if tuple(getattr(cls, "__slots__", ())) != names:
        return None
    return [getattr(cls, name).__set__ for name in names]


def _fast_new(cls: type) -> Callable[..., Any]:
    """A positional constructor for a frozen slotted model class that fills its slots directly.

    A frozen dataclass's ``__init__`` sets every field through ``object.__setattr__``; this
    is the builder's largest per-sentence cost.  The result is an ordinary instance (equal,
    hashable, ``asdict``-able); if the class is ever not slotted, the class itself is used.
    """
    names = tuple(f.name for f in fields(cls))
    setters = _slot_setters(cls, names)
    if setters is None:
        return cls
    new = object.__new__
    if len(names) == 4:
        a, b, c, d = setters

        def make4(w: Any, x: Any, y: Any, z: Any) -> Any:
            obj: Any = new(cls)
            a(obj, w)
            b(obj, x)
            c(obj, y)
            d(obj, z)
            return obj

        return make4
    if len(names) == 6:
        b0, b1, b2, b3, b4, b5 = setters

        def make6(v0: Any, v1: Any, v2: Any, v3: Any, v4: Any, v5: Any) -> Any:
            obj: Any = new(cls)
            b0(obj, v0)
            b1(obj, v1)
            b2(obj, v2)
            b3(obj, v3)
            b4(obj, v4)
            b5(obj, v5)
            return obj

        return make6
    if len(names) == 11:
        s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10 = setters

        def make11(
            v0: Any, v1: Any, v2: Any, v3: Any, v4: Any, v5: Any,
            v6: Any, v7: Any, v8: Any, v9: Any, v10: Any,
        ) -> Any:  # fmt: skip
            obj: Any = new(cls)
            s0(obj, v0)
            s1(obj, v1)
            s2(obj, v2)
            s3(obj, v3)
            s4(obj, v4)
            s5(obj, v5)
            s6(obj, v6)
            s7(obj, v7)
            s8(obj, v8)
            s9(obj, v9)
            s10(obj, v10)
            return obj

        return make11
    return cls


#: ``new_span(file, page, paragraph, line, column, end_line, end_column, container, table,
#: row, col)`` and ``new_sentence(text, span, start, end)``: model constructors, positional.
new_span: Callable[..., SourceSpan] = _fast_new(SourceSpan)
new_sentence: Callable[[str, SourceSpan, int, int], Sentence] = _fast_new(Sentence)
#: ``new_block(kind, text, span, sentences, level, quoted)``.
new_block: Callable[..., Block] = _fast_new(Block)


class DocumentBuilder:
    """Collects headings and blocks and returns a ``Document``.

    Args:
        path: The document path as given by the user.
        fmt: ``docx``, ``pdf``, ``markdown`` or ``text``.
    """

    def __init__(self, path: str, fmt: str) -> None:
        self.path = path
        self.format = fmt
        self.metadata: dict[str, str] = {}
        self.warnings: list[str] = []
        self._sections: list[Section] = []
        self._stack: list[tuple[int, str]] = []  # (level, heading) of open headings
        self._heading = ""
        self._level = 0
        self._blocks: list[Block] = []

    def warn(self, message: str) -> None:
        """Record a one-line warning once."""
        if message not in self.warnings:
            self.warnings.append(message)

    def heading(
        self, raw: str, level: int, span: SourceSpan, locate: Locator | None = None
    ) -> None:
        """Start a new section under a heading of ``level`` (1 = top)."""
        text = collapse_spaces(normalise(raw).text)
        if not text:
            return
        self._flush()
        level = max(1, level)
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        self._stack.append((level, text))
        self._heading, self._level = text, level
        self._blocks.append(self._make("heading", raw, span, locate, level, False))

    def block(
        self,
        kind: str,
        raw: str,
        span: SourceSpan,
        locate: Locator | None = None,
        level: int = 0,
        quoted: bool = False,
    ) -> Block | None:
        """Add a non-heading block; blank text is skipped. Returns the block added."""
        if not raw or raw.isspace():
            return None
        block = self._make(kind, raw, span, locate, level, quoted)
        if block.sentences:
            self._blocks.append(block)
            return block
        return None

    def _make(
        self,
        kind: str,
        raw: str,
        span: SourceSpan,
        locate: Locator | None,
        level: int,
        quoted: bool,
    ) -> Block:
        norm = None if is_normal(raw) else normalise(raw)
        text = raw if norm is None else norm.text
        bounds = split_sentences(text)
        if locate is None:
            spans: list[SourceSpan] = [span] * len(bounds)
        else:
            raw_bounds = bounds
            if norm is not None and norm.origin is not None:
                to = norm.to_original
                raw_bounds = [(to(start), to(end)) for start, end in bounds]
            many = getattr(locate, "many", None)
            if many is not None:
                spans = many(raw_bounds)
            else:
                spans = [locate(start, end) for start, end in raw_bounds]
        if _even_spaces(text):
            if len(bounds) == 1 and bounds[0] == (0, len(text)):
                texts = [text]
            else:
                texts = [text[start:end] for start, end in bounds]
        else:
            texts = [collapse_spaces(text[start:end]) for start, end in bounds]
        firsts, lasts = zip(*bounds, strict=True) if bounds else ((), ())
        sentences = tuple(map(new_sentence, texts, spans, firsts, lasts))
        return new_block(kind, text, span, sentences, level, quoted)

    def _flush(self) -> None:
        if self._blocks:
            path = tuple(h for _, h in self._stack) if self._heading else ()
            self._sections.append(Section(self._heading, path, self._level, tuple(self._blocks)))
        self._blocks = []

    def build(self, pages: int | None = None) -> Document:
        """Close the last section and return the ``Document``."""
        self._flush()
        return Document(
            self.path,
            self.format,
            dict(self.metadata),
            tuple(self._sections),
            tuple(self.warnings),
            pages,
        )


@lru_cache(maxsize=64)
def _fixed_fields(path: str, fixed: tuple[tuple[str, object], ...]) -> tuple[object, ...]:
    """All ``SourceSpan`` field values (line and column ``None``), in field order; cached."""
    values: dict[str, object] = dict.fromkeys(_SPAN_FIELDS)
    values.update(file=path, container="body")
    values.update(fixed)
    if len(values) != len(_SPAN_FIELDS):
        unknown = sorted(set(values) - set(_SPAN_FIELDS))
        raise TypeError(f"unknown SourceSpan field(s): {unknown}")
    return tuple(values.values())


class _LineLocator:
    """The ``Locator`` ``line_locator`` returns; ``many`` maps a block's sentences in one go.

    Offsets of one block arrive in increasing order, so the line is found by moving a cursor
    forward from the previous one (``bisect`` from there) instead of a search from the top.
    The last ``(start, end)`` asked for is remembered, so the block's own span is built once.
    """

    __slots__ = ("starts", "base", "origin", "fixed", "line", "last")

    def __init__(
        self,
        path: str,
        line_starts: list[int],
        base: int,
        origin: Callable[[int], int] | None,
        fixed: dict[str, object],
    ) -> None:
        self.starts = line_starts
        self.base = base
        self.origin = origin
        self.fixed = _fixed_fields(path, tuple(fixed.items()))
        self.line = 0  # cursor: index in starts of a line at or before the next offset
        self.last: tuple[int, int, SourceSpan] | None = None

    def _index(self, offset: int) -> int:
        starts, i = self.starts, self.line
        if starts[i] > offset:
            i = 0
        i = bisect_right(starts, offset, i) - 1
        self.line = max(i, 0)
        return i

    def __call__(self, start: int, end: int) -> SourceSpan:
        last = self.last
        if last is not None and last[0] == start and last[1] == end:
            return last[2]
        origin = self.origin
        s = origin(start) if origin else self.base + start
        e = origin(end) if origin else self.base + end
        e = max(s, e)
        starts = self.starts
        i = self._index(s)
        j = self._index(e)
        file, page, paragraph, _, _, _, _, container, table, row, col = self.fixed
        span = new_span(
            file,
            page,
            paragraph,
            i + 1,
            s - starts[max(i, 0)] + 1,
            j + 1,
            e - starts[max(j, 0)] + 1,
            container,
            table,
            row,
            col,
        )
        self.last = (start, end, span)
        return span

    def many(self, bounds: list[tuple[int, int]]) -> list[SourceSpan]:
        """Spans of raw-offset pairs ``[(start, end), …]`` (increasing), as ``__call__`` does."""
        if not bounds:
            return []
        origin, base = self.origin, self.base
        if origin is None:
            pairs = [(base + start, base + end) for start, end in bounds]
        else:
            pairs = [(origin(start), origin(end)) for start, end in bounds]
        if pairs[0][0] < 0:
            return [self(start, end) for start, end in bounds]
        last = self.last
        starts = self.starts
        file, page, paragraph, _, _, _, _, container, table, row, col = self.fixed
        n = len(starts)
        i = self._index(pairs[0][0])
        nxt = starts[i + 1] if i + 1 < n else -1  # offset where the line after i starts
        out = []
        for (start, end), (s, e) in zip(bounds, pairs, strict=True):
            if last is not None and last[0] == start and last[1] == end:
                out.append(last[2])
                continue
            if s < starts[i]:  # not increasing after all (an unusual origin map)
                i = bisect_right(starts, s) - 1
                nxt = starts[i + 1] if i + 1 < n else -1
            elif nxt != -1 and s >= nxt:
                i = bisect_right(starts, s, i) - 1
                nxt = starts[i + 1] if i + 1 < n else -1
            if e < s:
                e = s
            j = bisect_right(starts, e, i) - 1 if nxt != -1 and e >= nxt else i
            out.append(
                new_span(
                    file,
                    page,
                    paragraph,
                    i + 1,
                    s - starts[i] + 1,
                    j + 1,
                    e - starts[j] + 1,
                    container,
                    table,
                    row,
                    col,
                )  # fmt: skip
            )
        self.line = i
        return out


def line_locator(
    path: str,
    line_starts: list[int],
    base: int,
    origin: Callable[[int], int] | None = None,
    **fixed: object,
) -> Locator:
    """A ``Locator`` for text sources: raw offsets → 1-based line and column.

    Args:
        path: Source file path.
        line_starts: Offsets in the decoded source where each line starts (sorted).
        base: Offset in the source of the block's raw text's first character.
        origin: Optional map from a raw-text offset to a source offset, for blocks whose raw
            text is not one contiguous slice of the source (e.g. Markdown paragraphs with
            inline markup removed); defaults to ``base + offset``.
        **fixed: Extra ``SourceSpan`` fields (e.g. ``container="table"``).

    Raises:
        TypeError: ``fixed`` names a field ``SourceSpan`` does not have.
    """
    return _LineLocator(path, line_starts, base, origin, fixed)
