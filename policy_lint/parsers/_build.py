"""Assemble a ``Document`` from the blocks a reader finds, in reading order.

Readers know formats; this module knows the model.  A reader calls ``heading()`` and
``block()`` in reading order with the block's raw text and a ``locate`` callback that turns
offsets in that raw text into a ``SourceSpan``; the builder normalises the text
(``text.normalise``), splits sentences (``text.sentences``), maps every sentence back to its
source position, and groups blocks into sections by heading level.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Block, Document, Section, Sentence, SourceSpan
from ..text.normalise import collapse_spaces, normalise
from ..text.sentences import split_sentences

#: ``locate(start, end)`` → span of raw-text offsets ``[start, end)`` of one block.
Locator = Callable[[int, int], SourceSpan]


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

    def heading(self, raw: str, level: int, span: SourceSpan, locate: Locator | None = None) -> None:
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
        if not raw.strip():
            return None
        block = self._make(kind, raw, span, locate, level, quoted)
        if block.sentences:
            self._blocks.append(block)
            return block
        return None

    def _make(
        self, kind: str, raw: str, span: SourceSpan, locate: Locator | None, level: int, quoted: bool
    ) -> Block:
        norm = normalise(raw)
        text = norm.text
        sentences = []
        for start, end in split_sentences(text):
            if locate is None:
                s_span = span
            else:
                s_span = locate(norm.to_original(start), norm.to_original(end))
            sentences.append(Sentence(collapse_spaces(text[start:end]), s_span, start, end))
        return Block(kind, text, span, tuple(sentences), level, quoted)

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
    """
    import bisect

    def pos(source_offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(line_starts, source_offset) - 1
        return i + 1, source_offset - line_starts[max(i, 0)] + 1

    def locate(start: int, end: int) -> SourceSpan:
        s = origin(start) if origin else base + start
        e = origin(end) if origin else base + end
        line, col = pos(s)
        end_line, end_col = pos(max(s, e))
        return SourceSpan(
            path, line=line, column=col, end_line=end_line, end_column=end_col, **fixed  # type: ignore[arg-type]
        )

    return locate
