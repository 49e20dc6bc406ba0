"""The document model every reader produces and every rule reads.

Shape (see ``DESIGN.md``)::

    Document(path, format, metadata, sections, warnings)
      └─ Section(heading, heading_path, level, blocks)
           └─ Block(kind, text, span, sentences, quoted)
                └─ Sentence(text, span, start, end)

Every ``Block`` and ``Sentence`` carries a ``SourceSpan`` saying exactly where it came from:
the file, and the PDF page, DOCX paragraph index, or Markdown / text line and column, plus the
container (body, table cell, text box, header, footer, footnote, endnote).

All classes are frozen dataclasses; this module does no I/O and imports nothing else from the
package.  ``to_dict()`` gives a JSON-serialisable form (see ``schemas/document.schema.json``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

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


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """Where a piece of text sits in its source file.

    Attributes:
        file: Path of the source document as given by the user.
        page: 1-based PDF page, else ``None``.
        paragraph: 0-based DOCX paragraph index within its container part (body paragraphs
            are counted in body order, including those inside tables, text boxes and content
            controls), else ``None``.
        line: 1-based line: the Markdown / text source line, or the line on the PDF page.
        column: 1-based column (in characters of the decoded source) for Markdown and text;
            for DOCX the 1-based character offset within the paragraph.
        end_line: 1-based line of the last character, where known.
        end_column: 1-based column just after the last character, where known.
        container: One of ``CONTAINERS``.
        table: 1-based index of the table in its part, when ``container == "table"``.
        row: 1-based table row, when in a table.
        col: 1-based table column (grid column), when in a table.
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

    def label(self) -> str:
        """A short human location such as ``p. 3, line 12`` or ``line 40:5`` or ``¶ 17``."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"p. {self.page}")
        if self.paragraph is not None:
            parts.append(f"¶ {self.paragraph + 1}")
        if self.line is not None:
            if self.page is not None:
                parts.append(f"line {self.line}")
            else:
                parts.append(
                    f"line {self.line}" + (f":{self.column}" if self.column is not None else "")
                )
        if self.container != "body":
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


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level unit of text.

    Attributes:
        kind: One of ``BLOCK_KINDS``.
        text: Normalised text of the whole block.
        span: Where the block starts in the source.
        sentences: The block's sentences, in order; they cover its prose.
        level: Heading level (1 = top) for headings, nesting depth for list items, else 0.
        quoted: True when the block is quoted material (a block quote), which never counts as
            the document's own commitment.
    """

    kind: str
    text: str
    span: SourceSpan
    sentences: tuple[Sentence, ...] = ()
    level: int = 0
    quoted: bool = False


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
    """

    path: str
    format: str
    metadata: dict[str, str] = field(default_factory=dict)
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
        """A JSON-serialisable dict (``schemas/document.schema.json``)."""
        return asdict(self)
