"""The document model every reader produces and every rule reads.

Shape (see ``DESIGN.md``)::

    Document(path, format, metadata, sections, warnings)
      └─ Section(heading, heading_path, level, blocks)
           └─ Block(kind, text, span, sentences, quoted)
                └─ Sentence(text, span, start, end)

A block's ``sentences`` is a sequence of ``Sentence``: a tuple, or (from the readers) a
``SentenceList`` that holds seven integers a sentence and makes the ``Sentence`` objects when
they are asked for.  A sentence's text is a slice of its block's text and its span differs
from the block's only in page / line / column, so storing them again for every sentence
would hold the document's text twice (measured: 2.7 of 4.8 MB at 500 PDF pages).

Every ``Block`` and ``Sentence`` carries a ``SourceSpan`` saying exactly where it came from:
the file, and the PDF page, DOCX paragraph index, or Markdown / text line and column, plus the
container (body, table cell, text box, header, footer, footnote, endnote).

All classes are frozen dataclasses; this module does no I/O and imports nothing else from the
package.  ``to_dict()`` gives a JSON-serialisable form (see ``schemas/document.schema.json``).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Protocol, overload

#: Block kinds a reader may emit.
BLOCK_KINDS = ("heading", "paragraph", "list_item", "table_cell", "quote")

#: Containers a block may sit in.
CONTAINERS = (
    "body",
    "table",
    "text_box",
    "header",
    "footer",
    "footnote",
    "endnote",
    "front_matter",
)


#: Header / footer variants (``w:headerReference/@w:type``, ECMA-376 Part 1 §17.10.5).
VARIANTS = ("default", "first", "even")


#: Stories outside the body that a ``Story`` names.
STORY_PARTS = ("header", "footer", "footnote", "endnote")


@dataclass(frozen=True, slots=True)
class Story:
    """Which header, footer, footnote or endnote a span sits in (PITFALLS P11, P12).

    Attributes:
        part: One of ``STORY_PARTS``.  (The span's ``container`` may be narrower: a table or
            text box inside the header.)
        section: 1-based document section (DOCX ``w:sectPr``, in body order) whose header or
            footer this is; a part shared by several sections is read once, with the first.
        variant: ``default``, ``first`` (first page) or ``even`` (even pages), for a header or
            footer (``VARIANTS``).
        note: The footnote / endnote's id (DOCX ``w:id``) or label (Markdown ``[^label]``).
        ref_paragraph: 0-based body paragraph (``SourceSpan.paragraph`` numbering) holding the
            note's first reference mark, where known (DOCX).
        ref_line: 1-based source line of the note's first reference (Markdown).
    """

    part: str
    section: int | None = None
    variant: str | None = None
    note: str | None = None
    ref_paragraph: int | None = None
    ref_line: int | None = None

    def label(self) -> str:
        """``section 2 header (first)`` or ``footnote 3 (from ¶ 7)``."""
        if self.note is not None:
            where = f"{self.part} {self.note}"
            if self.ref_paragraph is not None:
                where += f" (from ¶ {self.ref_paragraph + 1})"
            elif self.ref_line is not None:
                where += f" (from line {self.ref_line})"
            return where
        where = self.part if self.section is None else f"section {self.section} {self.part}"
        return where if self.variant is None else f"{where} ({self.variant})"


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """Where a piece of text sits in its source file.

    Attributes:
        file: Path of the source document as given by the user.
        page: 1-based PDF page, else ``None``.
        paragraph: 0-based DOCX paragraph index within its container part (body paragraphs
            are counted in body order, including those inside tables, text boxes and content
            controls; a footnote's or endnote's paragraphs are counted from the note's first),
            else ``None``.
        line: 1-based line: the Markdown / text source line, or the line on the PDF page.
        column: 1-based column (in characters of the decoded source) for Markdown and text;
            for DOCX the 1-based character offset within the paragraph.
        end_line: 1-based line of the last character, where known.
        end_column: 1-based column just after the last character, where known.
        container: One of ``CONTAINERS``.
        table: 1-based index of the table in its part, when ``container == "table"``.
        row: 1-based table row, when in a table.
        col: 1-based table column (grid column), when in a table.
        story: Which header / footer / note, for those containers (else ``None``).
    """

    file: str
    page: int | None = None
    paragraph: int | None = None
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    container: str = "body"
    table: int | None = None
    row: int | None = None
    col: int | None = None
    story: Story | None = None

    def label(self) -> str:
        """A short human location: ``p. 3, line 12``, ``line 40:5``, ``¶ 17`` and so on.

        A header's or note's paragraphs count within it, so its ¶ comes after the story's
        name and the first is not named: ``footnote 2 (from ¶ 7), its ¶ 2``.
        """
        parts: list[str] = []
        story = self.story
        if self.page is not None:
            parts.append(f"p. {self.page}")
        if self.paragraph is not None and story is None:
            parts.append(f"¶ {self.paragraph + 1}")
        if self.line is not None:
            if self.page is not None:
                parts.append(f"line {self.line}")
            else:
                parts.append(
                    f"line {self.line}" + (f":{self.column}" if self.column is not None else "")
                )
        if story is not None:
            parts.append(story.label())
            if self.paragraph:  # a header's or note's own paragraphs, after its first
                parts.append(f"its ¶ {self.paragraph + 1}")
        if self.container != "body" and (story is None or self.container != story.part):
            where = self.container.replace("_", " ")
            if self.row is not None and self.col is not None:
                where += f" row {self.row} col {self.col}"
            parts.append(where)
        return ", ".join(parts) if parts else "start of document"


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or a list item / table cell read as one sentence).

    Attributes:
        text: Normalised text (see ``policy_lint.text.normalise``).
        span: Where the sentence starts (and ends, where known) in the source.
        start: Offset of the first character in the block's ``text``.
        end: Offset just after the last character in the block's ``text``.
    """

    text: str
    span: SourceSpan
    start: int = 0
    end: int = 0


#: Integers a sentence takes in a ``SentenceList``'s marks: start and end offsets in the
#: block text, then page, line, column, end line and end column of its span (0 = ``None``).
MARKS_PER_SENTENCE = 7
class SplitLater(Protocol):
    """A block's sentence split and source mapping, left for ``SentenceList`` to run on use."""

    def split(self) -> tuple[array[int], bool]:
        """``(bounds, even)``: ``start, end`` of each sentence in the block text, flat."""
        ...

    def locate(self, bounds: array[int]) -> array[int]:
        """The marks (``MARKS_PER_SENTENCE`` a sentence) of the sentences at ``bounds``."""
        ...


class SentenceList(Sequence[Sentence]):
    """A block's sentences, kept as seven integers each and made into ``Sentence`` on use.

    Every sentence of a block shares the block's text and the fixed part of its span (file,
    paragraph, container, table, row, column), so a sentence is stored as ``start, end,
    page, line, column, end_line, end_column`` (``MARKS_PER_SENTENCE``; 0 for ``None``, the
    location fields being 1-based).  The list is immutable to its users; a reader may leave
    the work to first use, which fills it in once: ``deferred`` (``SplitLater``) splits
    (``split() -> (bounds, even)``, start and end of each sentence) and then locates
    (``locate(bounds) -> marks``).  ``len()`` and ``texts()`` need only the split, so source
    positions are worked out only when a ``Sentence`` is made.

    Args:
        text: The block's text; a sentence's text is ``text[start:end]``, with runs of
            whitespace folded to one space unless ``even`` says there are none.
        span: The block's span (the fixed fields of every sentence span).
        marks: The integers, ``MARKS_PER_SENTENCE`` a sentence, or ``None``.
        even: ``text`` holds no run of spaces nor any other whitespace character.
        deferred: The split and location to run on first use, when ``marks`` is ``None``.

    Raises:
        ValueError: Neither ``marks`` nor ``deferred``, or the marks' length is not a
            multiple of ``MARKS_PER_SENTENCE``.
    """

    __slots__ = ("_text", "_span", "_marks", "_bounds", "_even", "_pending")

    def __init__(
        self,
        text: str,
        span: SourceSpan,
        marks: array[int] | None = None,
        even: bool = True,
        deferred: SplitLater | None = None,
    ) -> None:
        if marks is None and deferred is None:
            raise ValueError("SentenceList needs marks or a deferred split")
        if marks is not None and len(marks) % MARKS_PER_SENTENCE:
            raise ValueError(f"marks length {len(marks)} is not a multiple of 7")
        self._text = text
        self._span = span
        self._marks = marks
        self._bounds: array[int] | None = None
        self._even = even
        self._pending = None if marks is not None else deferred  # None once marks are in

    def _pairs(self) -> tuple[array[int], int]:
        """``(integers, step)``: the marks (step 7), or the split's start / end pairs (step 2).

        Either way ``start, end`` lead each step; the pairs serve until a span is needed.
        """
        if self._marks is not None:
            return self._marks, MARKS_PER_SENTENCE
        if self._bounds is None:
            assert self._pending is not None
            self._bounds, self._even = self._pending.split()
        return self._bounds, 2

    def _loaded(self) -> array[int]:
        marks = self._marks
        if marks is None:
            bounds, _ = self._pairs()
            assert self._pending is not None
            marks = self._pending.locate(bounds)
            self._marks, self._pending, self._bounds = marks, None, None
        return marks

    def __len__(self) -> int:
        ints, step = self._pairs()
        return len(ints) // step

    def _make(self, marks: array[int], k: int) -> Sentence:
        start, end, page, line, column, end_line, end_column = marks[k : k + 7]
        text = self._text[start:end]
        if not self._even:
            text = " ".join(text.split())
        fixed = self._span
        span = new_span(
            fixed.file,
            page or None,
            fixed.paragraph,
            line or None,
            column or None,
            end_line or None,
            end_column or None,
            fixed.container,
            fixed.table,
            fixed.row,
            fixed.col,
            fixed.story,
        )
        return new_sentence(text, span, start, end)

    def texts(self) -> list[str]:
        """The sentences' texts only, as ``[s.text for s in self]`` without the objects.

        Needs only the split: no source position is worked out.
        """
        ints, step = self._pairs()
        text = self._text
        out = [text[ints[k] : ints[k + 1]] for k in range(0, len(ints), step)]
        return out if self._even else [" ".join(t.split()) for t in out]

    @overload
    def __getitem__(self, index: int) -> Sentence: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Sentence, ...]: ...

    def __getitem__(self, index: int | slice) -> Sentence | tuple[Sentence, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("sentence index out of range")
        return self._make(self._loaded(), index * MARKS_PER_SENTENCE)

    def __iter__(self) -> Iterator[Sentence]:
        marks = self._loaded()
        make = self._make
        for k in range(0, len(marks), MARKS_PER_SENTENCE):
            yield make(marks, k)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (SentenceList, tuple, list)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"SentenceList({tuple(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (SentenceList, (self._text, self._span, self._loaded(), self._even))


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level unit of text.

    Attributes:
        kind: One of ``BLOCK_KINDS``.
        text: Normalised text of the whole block.
        span: Where the block starts in the source.
        sentences: The block's sentences, in order; they cover its prose.  A tuple or a
            ``SentenceList`` (compare equal when they hold equal sentences).
        level: Heading level (1 = top) for headings, nesting depth for list items, else 0.
        quoted: True when the block is quoted material (a block quote), which never counts as
            the document's own commitment.
        label: The number the source computes instead of writing it — DOCX automatic list and
            heading numbering (``numbering.xml``, PITFALLS P14), a Markdown ordered list's
            number — as displayed, e.g. ``4.2``, ``(a)``, ``iii.``; ``""`` when none.  It is
            kept out of ``text`` so rules match the words alone; findings cite it.
    """

    kind: str
    text: str
    span: SourceSpan
    sentences: Sequence[Sentence] = ()
    level: int = 0
    quoted: bool = False
    label: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """A run of blocks under one heading.

    Attributes:
        heading: The heading text (``""`` for text before the first heading).
        heading_path: Headings from the top level down to this one, e.g.
            ``("Code of conduct", "Racism", "Sanctions")``.
        level: Heading level (0 for the untitled preamble).
        blocks: Blocks in reading order; the heading itself is the first block (kind
            ``heading``) when there is one.
    """

    heading: str
    heading_path: tuple[str, ...]
    level: int
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document.

    Attributes:
        path: The path as given by the user.
        format: ``docx``, ``pdf``, ``markdown`` or ``text``.
        metadata: Title, author, ``doc_type`` (front matter), ``encoding`` … as strings.
        sections: Sections in reading order.
        warnings: Things the reader noticed that the user should know (e.g. unresolved
            tracked changes), one line each.
        pages: Number of pages (PDF) else ``None``.

    Two readings of one file compare equal and hash alike (``metadata``, a dict, is left out
    of the hash but compared).
    """

    path: str
    format: str
    metadata: dict[str, str] = field(default_factory=dict, hash=False)
    sections: tuple[Section, ...] = ()
    warnings: tuple[str, ...] = ()
    pages: int | None = None

    @property
    def title(self) -> str:
        """The metadata title, else the first heading, else ``""``."""
        if self.metadata.get("title"):
            return self.metadata["title"]
        for section in self.sections:
            if section.heading:
                return section.heading
        return ""

    def blocks(self) -> Iterator[tuple[Section, Block]]:
        """Yield ``(section, block)`` for every block in reading order."""
        for section in self.sections:
            for block in section.blocks:
                yield section, block

    def sentences(self) -> Iterator[tuple[Section, Block, Sentence]]:
        """Yield ``(section, block, sentence)`` for every sentence in reading order."""
        for section in self.sections:
            for block in section.blocks:
                for sentence in block.sentences:
                    yield section, block, sentence

    @property
    def text(self) -> str:
        """All block texts joined by blank lines (for heuristics and debugging)."""
        return "\n\n".join(block.text for _, block in self.blocks())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (``schemas/document.schema.json``).

        Keys follow the dataclass fields; tuples become lists and every block's
        ``sentences`` a list of ``{text, span, start, end}``.
        """
        return {
            "path": self.path,
            "format": self.format,
            "metadata": dict(self.metadata),
            "sections": [
                {
                    "heading": section.heading,
                    "heading_path": list(section.heading_path),
                    "level": section.level,
                    "blocks": [_block_dict(block) for block in section.blocks],
                }
                for section in self.sections
            ],
            "warnings": list(self.warnings),
            "pages": self.pages,
        }


def _block_dict(block: Block) -> dict[str, Any]:
    return {
        "kind": block.kind,
        "text": block.text,
        "span": asdict(block.span),
        "sentences": [
            {"text": s.text, "span": asdict(s.span), "start": s.start, "end": s.end}
            for s in block.sentences
        ],
        "level": block.level,
        "quoted": block.quoted,
        "label": block.label,
    }


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
    if len(names) == 7:
        b0, b1, b2, b3, b4, b5, b6 = setters

        def make7(v0: Any, v1: Any, v2: Any, v3: Any, v4: Any, v5: Any, v6: Any) -> Any:
            obj: Any = new(cls)
            b0(obj, v0)
            b1(obj, v1)
            b2(obj, v2)
            b3(obj, v3)
            b4(obj, v4)
            b5(obj, v5)
            b6(obj, v6)
            return obj

        return make7
    if len(names) == 12:
        s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11 = setters

        def make12(
            v0: Any, v1: Any, v2: Any, v3: Any, v4: Any, v5: Any,
            v6: Any, v7: Any, v8: Any, v9: Any, v10: Any, v11: Any,
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
            s11(obj, v11)
            return obj

        return make12
    pairs = tuple(setters)

    def make(*values: Any) -> Any:
        obj: Any = new(cls)
        for setter, value in zip(pairs, values, strict=True):
            setter(obj, value)
        return obj

    return make


#: ``new_span(file, page, paragraph, line, column, end_line, end_column, container, table,
#: row, col, story)``: ``SourceSpan``, all fields positional (readers and ``SentenceList`` make
#: one per block and per sentence).
new_span: Callable[..., SourceSpan] = _fast_new(SourceSpan)
#: ``new_sentence(text, span, start, end)``: ``Sentence``, positional.
new_sentence: Callable[[str, SourceSpan, int, int], Sentence] = _fast_new(Sentence)
#: ``new_block(kind, text, span, sentences, level, quoted, label)``: ``Block``, positional.
new_block: Callable[..., Block] = _fast_new(Block)
