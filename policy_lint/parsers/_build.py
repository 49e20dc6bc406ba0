"""Assemble a ``Document`` from the blocks a reader finds, in reading order.

Readers know formats; this module knows the model.  A reader calls ``heading()`` and
``block()`` in reading order with the block's raw text and a ``locate`` callback that turns
offsets in that raw text into a ``SourceSpan``; the builder normalises the text
(``text.normalise``), splits sentences (``text.sentences``), maps every sentence back to its
source position, and groups blocks into sections by heading level.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import fields
from functools import lru_cache

from ..model import Block, Document, Section, SentenceList, SourceSpan, new_block, new_span
from ..text.normalise import SPECIAL_CHARS, collapse_spaces, normalise
from ..text.sentences import split_sentences

#: ``locate(start, end)`` → span of raw-text offsets ``[start, end)`` of one block.
Locator = Callable[[int, int], SourceSpan]
#: Every character ``str.isspace`` accepts but the space (``collapse_spaces`` changes them);
#: one character class, which ``re`` scans faster than ``[^\S ]``.
OTHER_SPACE = re.compile(
    "[\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)


_SPECIAL_SEARCH = SPECIAL_CHARS.search


def _even_spaces(text: str) -> bool:
    """True when ``collapse_spaces`` leaves every stripped slice of ``text`` as it is."""
    return "  " not in text and OTHER_SPACE.search(text) is None


_SPAN_FIELDS = tuple(f.name for f in fields(SourceSpan))


class DocumentBuilder:
    """Collects headings and blocks and returns a ``Document``.

    Args:
        path: The document path as given by the user.
        fmt: ``docx``, ``pdf``, ``markdown`` or ``text``.
        lazy: Split a block into sentences and locate them on first use (the locator is
            kept until then); ``False`` does it now, for readers whose locators hold more
            than the sentence marks do (PDF: a block's line table).
    """

    def __init__(self, path: str, fmt: str, lazy: bool = True) -> None:
        self.path = path
        self.format = fmt
        self.lazy = lazy
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
        self,
        raw: str,
        level: int,
        span: SourceSpan,
        locate: Locator | None = None,
        label: str = "",
    ) -> None:
        """Start a new section under a heading of ``level`` (1 = top).

        ``label`` is the heading's computed number (``Block.label``), kept out of its text.
        """
        text = collapse_spaces(normalise(raw).text)
        if not text:
            return
        self._flush()
        level = max(1, level)
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        self._stack.append((level, text))
        self._heading, self._level = text, level
        self._blocks.append(self._make("heading", raw, span, locate, level, False, label))

    def block(
        self,
        kind: str,
        raw: str,
        span: SourceSpan,
        locate: Locator | None = None,
        level: int = 0,
        quoted: bool = False,
        label: str = "",
    ) -> Block | None:
        """Add a non-heading block; blank text is skipped. Returns the block added.

        ``label`` is the block's computed list number (``Block.label``), kept out of text.
        """
        if not raw or raw.isspace():
            return None
        block = self._make(kind, raw, span, locate, level, quoted, label)
        text = block.text
        if text and not text.isspace():  # else it has no sentence
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
        label: str = "",
    ) -> Block:
        if _SPECIAL_SEARCH(raw) is None:  # is_normal(raw), inlined: once per block
            text, origin = raw, None
        else:
            norm = normalise(raw)
            text = norm.text
            origin = None if norm.origin is None else norm.to_original
        if self.lazy:
            sentences = SentenceList(text, span, deferred=_SplitLater(text, span, locate, origin))
        else:
            marks = locate_sentences(span, locate, origin, split_sentences(text))
            sentences = SentenceList(text, span, marks, _even_spaces(text))
        return new_block(kind, text, span, sentences, level, quoted, label)

    def story_break(self) -> None:
        """Close the open section and start an untitled one, for a new story.

        Headers, footers and notes come after the body in reading order; without a break
        they would sit under the body's last heading, take its topic and be cited as part
        of it (a fresh-eyes run saw a footnote of clause 1 scored under clause 2).
        """
        self._flush()
        self._stack = []
        self._heading, self._level = "", 0

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


def sentence_bounds(text: str) -> tuple[array[int], bool]:
    """Split a block's text into sentences (``text.sentences``): a ``SentenceList`` split.

    Returns:
        ``(bounds, even)``: ``start, end`` in ``text`` for each sentence, in an array of C
        ints, and whether ``text`` has even spacing (a sentence's text is then a slice).
    """
    flat = array("i")
    for pair in split_sentences(text):
        flat.extend(pair)
    return flat, _even_spaces(text)


def locate_sentences(
    span: SourceSpan,
    locate: Locator | None,
    origin: Callable[[int], int] | None,
    bounds: array[int] | list[tuple[int, int]],
) -> array[int]:
    """The ``SentenceList`` marks of split sentences: where each starts and ends in the source.

    Args:
        span: The block's span (every sentence's span when ``locate`` is ``None``).
        locate: Raw-text offsets → span, or ``None``; a ``marks`` method, when it has one,
            gives the location integers of many offset pairs in one go.
        origin: Normalised → raw offset map (``Normalised.to_original``), or ``None`` when
            normalising changed no offset.
        bounds: ``start, end`` in the block's normalised text, flat (``sentence_bounds``) or
            as pairs (``split_sentences``).

    Returns:
        ``MARKS_PER_SENTENCE`` integers a sentence (``start, end``, then page, line, column,
        end line, end column; 0 for ``None``) in an array of C ints sized exactly.
    """
    if isinstance(bounds, array):
        pairs = list(zip(bounds[0::2], bounds[1::2], strict=True))
    else:
        pairs = bounds
    out: list[int] = []
    if locate is None:
        fixed = (span.page or 0, span.line or 0, span.column or 0, span.end_line or 0,
                 span.end_column or 0)  # fmt: skip
        for start, end in pairs:
            out += (start, end)
            out += fixed
    else:
        raw = pairs if origin is None else [(origin(a), origin(b)) for a, b in pairs]
        marks = getattr(locate, "marks", None)
        if marks is not None:
            marks(pairs, raw, out)
        else:
            for (start, end), (a, b) in zip(pairs, raw, strict=True):
                where = locate(a, b)
                out += (start, end, where.page or 0, where.line or 0, where.column or 0,
                        where.end_line or 0, where.end_column or 0)  # fmt: skip
    return array("i", out)


class _SplitLater:
    """``model.SplitLater`` for a block: ``sentence_bounds`` then ``locate_sentences``.

    One small object a block (not two ``partial`` and a tuple): the lazy path runs once per
    block of every Markdown, text and DOCX file read.
    """

    __slots__ = ("text", "span", "locator", "origin")

    def __init__(
        self,
        text: str,
        span: SourceSpan,
        locator: Locator | None,
        origin: Callable[[int], int] | None,
    ) -> None:
        self.text, self.span, self.locator, self.origin = text, span, locator, origin

    def split(self) -> tuple[array[int], bool]:
        return sentence_bounds(self.text)

    def locate(self, bounds: array[int]) -> array[int]:
        return locate_sentences(self.span, self.locator, self.origin, bounds)


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


class LineLocator:
    """The ``Locator`` ``line_locator`` returns; ``marks`` maps a block's sentences in one go.

    Offsets of one block arrive in increasing order, so the line is found by moving a cursor
    forward from the previous one (``bisect`` from there) instead of a search from the top.
    """

    __slots__ = ("starts", "base", "origin", "fixed", "line")

    def __init__(
        self,
        fields: tuple[object, ...],
        line_starts: list[int],
        base: int,
        origin: Callable[[int], int] | None,
    ) -> None:
        self.fixed = fields
        self.starts = line_starts
        self.base = base
        self.origin = origin
        self.line = 0  # cursor: index in starts of a line at or before the next offset

    def _index(self, offset: int) -> int:
        starts, i = self.starts, self.line
        if starts[i] > offset:
            i = 0
        i = bisect_right(starts, offset, i) - 1
        self.line = max(i, 0)
        return i

    def __call__(self, start: int, end: int) -> SourceSpan:
        origin = self.origin
        if origin is None:
            s = self.base + start
            e = self.base + end
        else:
            s = origin(start)
            e = origin(end)
        if e < s:
            e = s
        starts = self.starts
        i = bisect_right(starts, s) - 1
        j = bisect_right(starts, e, i if i > 0 else 0) - 1
        file, page, paragraph, _, _, _, _, container, table, row, col, story = self.fixed
        return new_span(
            file,
            page,
            paragraph,
            i + 1,
            s - starts[i if i > 0 else 0] + 1,
            j + 1,
            e - starts[j if j > 0 else 0] + 1,
            container,
            table,
            row,
            col,
            story,
        )

    def marks(
        self, bounds: list[tuple[int, int]], raw: list[tuple[int, int]], out: list[int]
    ) -> None:
        """Append ``SentenceList`` marks for sentences at ``bounds`` (raw offsets ``raw``).

        Gives the line and column ``__call__`` would, without a span object per sentence.
        """
        if not bounds:
            return
        origin, base = self.origin, self.base
        if origin is None:
            pairs = [(base + start, base + end) for start, end in raw]
        else:
            pairs = [(origin(start), origin(end)) for start, end in raw]
        page: int = self.fixed[1] or 0  # type: ignore[assignment]
        if pairs[0][0] < 0:
            for (start, end), (a, b) in zip(bounds, raw, strict=True):
                where = self(a, b)
                out.extend((start, end, page, where.line or 0, where.column or 0,
                            where.end_line or 0, where.end_column or 0))  # fmt: skip
            return
        starts = self.starts
        n = len(starts)
        i = self._index(pairs[0][0])
        nxt = starts[i + 1] if i + 1 < n else -1  # offset where the line after i starts
        extend = out.extend
        for (start, end), (s, e) in zip(bounds, pairs, strict=True):
            if s < starts[i]:  # not increasing after all (an unusual origin map)
                i = bisect_right(starts, s) - 1
                nxt = starts[i + 1] if i + 1 < n else -1
            elif nxt != -1 and s >= nxt:
                i = bisect_right(starts, s, i) - 1
                nxt = starts[i + 1] if i + 1 < n else -1
            if e < s:
                e = s
            j = bisect_right(starts, e, i) - 1 if nxt != -1 and e >= nxt else i
            extend((start, end, page, i + 1, s - starts[i] + 1, j + 1, e - starts[j] + 1))
        self.line = i


def span_fields(path: str, **fixed: object) -> tuple[object, ...]:
    """Every ``SourceSpan`` field value in field order, line and column ``None``.

    Hand the result to ``line_locator(fields=…)`` when many blocks share it (a reader's body
    text, one table cell's paragraphs), so each block's locator does not rebuild it.

    Raises:
        TypeError: ``fixed`` names a field ``SourceSpan`` does not have.
    """
    return _fixed_fields(path, tuple(fixed.items()))


def line_locator(
    path: str,
    line_starts: list[int],
    base: int,
    origin: Callable[[int], int] | None = None,
    fields: tuple[object, ...] | None = None,
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
        fields: ``span_fields(path, …)`` computed once for many blocks (then ``fixed`` is
            ignored).
        **fixed: Extra ``SourceSpan`` fields (e.g. ``container="table"``).

    Raises:
        TypeError: ``fixed`` names a field ``SourceSpan`` does not have.
    """
    if fields is None:
        fields = _fixed_fields(path, tuple(fixed.items()))
    return LineLocator(fields, line_starts, base, origin)
