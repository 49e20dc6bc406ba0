"""Read a Markdown file into the model, with exact line and column for every block and sentence.

Parsing is markdown-it-py's CommonMark preset with the GFM ``table`` rule enabled (PITFALLS
P48) plus mdit-py-plugins' ``front_matter`` (P45) and ``footnote`` plugins.  markdown-it only
gives block tokens a ``map`` of source lines (P51), so each inline token's text is matched back
to the decoded source character by character (``_md_inline.Inline``): every character of a
block's text knows its source offset, and markup removed from the text never shifts a column.
Inline footnotes (``^[note]``) are placed where their text is written.

What is read as prose: headings (ATX and setext, also inside list items and quotes),
paragraphs, list items (``level`` = list depth; an ordered item's first block has the number
CommonMark shows for it — the list's start, counted on — with its ``.`` or ``)``, as ``label``,
not in its text), table cells (container ``table`` with
table / row / col), footnotes (container ``footnote``) and block quotes (kind ``quote`` or a
quoted list item, ``quoted=True``).
What is not (P47, P52): fenced and indented code, inline code, raw HTML blocks and inline HTML,
HTML comments, autolinks, link destinations and reference definitions, images.

Metadata: YAML (``---``) or TOML (``+++``, Hugo style) front matter → ``metadata`` strings;
HTML comments → ``metadata["directive:<line>"]`` (comment text, several on one line joined by
new lines) for inline directives such as ``<!-- policy-lint: disable AR-L11 -->``.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..model import Document, Story
from ..text.decode import decode
from ._build import DocumentBuilder, LineLocator, span_fields
from ._frontmatter import toml_front_matter, yaml_front_matter
from ._md_inline import Inline

if TYPE_CHECKING:
    from . import Limits

_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_FOOTNOTE_LABEL = re.compile(r"[ \t]*\[\^[^\]\n]*\]:[ \t]*")
#: One container marker before a block's first character: quote ``>``, list bullet / number.
#: At most one is stripped per open container, so a heading or item whose own text looks
#: like a marker ("- # -", "1. 1") keeps it.
_MARKER = re.compile(r"[ \t]*(?:>|[-+*](?=[ \t\n]|$)|\d{1,9}[.)](?=[ \t\n]|$))")
_ATX = re.compile(r"[ \t]*(?:#{1,6}(?=[ \t\n]|$))?[ \t]*")
_SPACES = re.compile(r"[ \t]*")
#: Inline children of text with no markup (the fast path of ``_Walker._plain``).
_PLAIN = frozenset({"text", "softbreak"})
#: Inline content that may hold markup in this preset: escapes, code, emphasis, strikethrough,
#: links / images / footnotes (``[``), autolinks / HTML, entities, and spaces or tabs that a
#: line break trims (markdown-it's ``newline`` rule).  Content without any of these parses to
#: text and soft breaks only, so its inline pass is skipped (``_selective_inline``).
_MARKUP = re.compile(r"[\\`*_~\[<&\t]| \n|\n ")
#: Block tokens the walker needs nothing from.
_PASS = frozenset({"paragraph_open", "paragraph_close", "fence", "code_block", "hr"})


#: Optional syntax and what a source must contain for it to occur at all.  Each of these
#: markdown-it rules (and plugins) returns at once unless its line or inline marker is there
#: (``>`` quote, ``[`` link reference definition, ``<`` HTML block, ``|`` GFM table row,
#: ``` `` ` ``/``~`` fence, ``~~`` strikethrough, ``[^``/``^[`` footnotes, ``---`` front
#: matter on the first line), so a rule whose marker appears nowhere in the source is left
#: out of the parser for that file: the tokens are the same and the parse is about 10 %
#: faster on typical policy prose (benchmarks/README.md).
_GATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("blockquote", (">",)),
    ("reference", ("[",)),
    ("html_block", ("<",)),
    ("table", ("|",)),
    ("fence", ("`", "~")),
    ("strikethrough", ("~",)),
    ("footnote", ("[^", "^[")),
)


def _features(src: str) -> tuple[str, ...]:
    """The optional syntax ``src`` may hold (see ``_GATES``), as a cache key."""
    found = tuple(name for name, marks in _GATES if any(m in src for m in marks))
    return (*found, "front_matter") if src.startswith("---") else found


@lru_cache(maxsize=32)
def _markdown(max_depth: int, features: tuple[str, ...] = tuple(n for n, _ in _GATES)) -> Any:
    """A markdown-it parser: CommonMark, GFM tables, strikethrough, footnotes, front matter.

    Rules for syntax not in ``features`` are disabled (``_GATES``).
    """
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    if "front_matter" in features:
        md.use(front_matter_plugin)
    if "footnote" in features:
        md.use(footnote_plugin)
    md.disable([name for name, _ in _GATES if name != "footnote" and name not in features])
    md.core.ruler.at("inline", _selective_inline)
    md.options["maxNesting"] = max(2, max_depth)
    return md


def _selective_inline(state: Any) -> None:
    """markdown-it's core ``inline`` rule, run only on content that may hold markup.

    Most policy paragraphs are plain prose, whose inline pass (about 40 % of markdown-it's
    time) would only cut them into text and soft-break tokens; such a token is marked
    ``meta["plain"]`` and left without children, and the walker reads its ``content``.
    """
    md, env = state.md, state.env
    search = _MARKUP.search
    for tok in state.tokens:
        if tok.type == "inline":
            if search(tok.content) is None:
                tok.meta["plain"] = True
                tok.children = []
            else:
                tok.children = []
                md.inline.parse(tok.content, md, env, tok.children)


def line_starts_of(text: str) -> list[int]:
    """Offsets where each line of ``text`` starts (``[0]`` for one line)."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


class _Walker:
    """Walk markdown-it's token stream and feed blocks to the builder."""

    def __init__(self, path: str, src: str, builder: DocumentBuilder) -> None:
        self.path, self.src, self.builder = path, src, builder
        self.starts = line_starts_of(src)
        self.stack: list[str] = []  # open containers: blockquote, list_item, footnote, td
        self.list_depth = 0
        self.quote_depth = 0
        self.heading = 0
        self.table = self.row = self.col = 0
        self.notes: dict[int, tuple[int, int]] = {}  # inline footnotes, see Inline.notes
        self.note: tuple[int, int] | None = None  # where the open inline footnote's text is
        self.note_refs: dict[int, int] = {}  # footnote id → offset of its first reference
        # (stack depth, "3.") of an ordered list item whose first block is still to come
        self.item_label: tuple[int, str] | None = None
        self.numbers: list[int | None] = []  # next number of each open list (None: bullets)
        # SourceSpan fields shared by many blocks: body, footnote, the open table cell.
        self.body_fields = span_fields(path)
        self.note_fields = span_fields(path, container="footnote")
        self.cell_fields = self.body_fields

    def past_markers(self, pos: int) -> int:
        """Skip one marker per open list item / quote, then a heading's ATX marker."""
        for _ in range(sum(c in ("list_item", "blockquote") for c in self.stack)):
            m = _MARKER.match(self.src, pos)
            if m is None:
                break
            pos = m.end()
        tail = _ATX if self.heading else _SPACES
        return tail.match(self.src, pos).end()  # type: ignore[union-attr]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def directive(self, offset: int, text: str) -> None:
        key = f"directive:{self.line_of(offset)}"
        meta = self.builder.metadata
        meta[key] = f"{meta[key]}\n{text}" if key in meta else text

    def walk(self, tokens: list[Any]) -> None:
        row_pos = 0
        for tok in tokens:
            kind = tok.type
            if kind in _PASS:
                continue
            if kind == "inline":
                inner = self.stack[-1] if self.stack else ""
                where = tok.map
                pos = self.starts[where[0]] if where else row_pos
                if inner == "td":
                    pos = max(pos, row_pos)
                end = (
                    self.starts[where[1]]
                    if where and where[1] < len(self.starts)
                    else len(self.src)
                )
                if inner == "footnote" and self.note is not None:
                    (pos, end), self.note = self.note, None
                elif inner == "footnote":
                    m = _FOOTNOTE_LABEL.match(self.src, pos)
                    if m:
                        pos = m.end()
                elif self.heading and not inner:
                    pos = _ATX.match(self.src, pos).end()  # type: ignore[union-attr]
                elif inner in ("list_item", "blockquote"):
                    pos = self.past_markers(pos)
                row_pos = self.inline(tok, pos, end, inner)
                if inner == "list_item":
                    self.item_label = None  # only the item's first block (even if empty)
            elif kind == "heading_open":
                self.heading = int(tok.tag[1:])
            elif kind == "heading_close":
                self.heading = 0
            elif kind == "blockquote_open":
                self.stack.append("blockquote")
                self.quote_depth += 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.list_depth += 1
                # CommonMark shows an ordered list as start, start + 1, … whatever numbers
                # are written ("1. 1. 1." reads 1, 2, 3), so the label is the shown number.
                start = tok.attrGet("start") if kind == "ordered_list_open" else None
                self.numbers.append(None if start is None and kind == "bullet_list_open"
                                    else int(start or 1))  # fmt: skip
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_depth -= 1
                if self.numbers:
                    self.numbers.pop()
            elif kind == "list_item_open":
                self.stack.append("list_item")
                number = self.numbers[-1] if self.numbers else None
                if number is None:
                    self.item_label = None
                else:
                    self.numbers[-1] = number + 1
                    self.item_label = (len(self.stack), f"{number}{tok.markup}")
            elif kind == "footnote_block_open":
                self.builder.story_break()  # notes are under none of the body's headings
            elif kind == "footnote_open":
                self.stack.append("footnote")
                meta = tok.meta or {}
                ident = meta.get("id", -1)
                inline_note = meta.get("label") is None
                self.note = self.notes.get(ident) if inline_note else None
                # "[^label]" keeps its label; an inline note ^[…] is numbered as rendered.
                label = str(meta["label"]) if not inline_note else str(ident + 1)
                ref = self.note_refs.get(ident)
                story = Story(
                    "footnote", note=label, ref_line=None if ref is None else self.line_of(ref)
                )
                self.note_fields = span_fields(self.path, container="footnote", story=story)
            elif kind == "table_open":
                self.table += 1
                self.row = 0
            elif kind == "tr_open":
                self.row += 1
                self.col = 0
                row_pos = self.starts[tok.map[0]] if tok.map else row_pos
            elif kind in ("th_open", "td_open"):
                self.col += 1
                self.stack.append("td")
                # span_fields(path, container="table", table=…, row=…, col=…), built directly:
                # a cache keyed by cell would miss on every cell.
                f = self.body_fields
                self.cell_fields = (*f[:7], "table", self.table, self.row, self.col, None)
            elif kind in ("th_close", "td_close", "list_item_close", "footnote_close"):
                self.stack.pop()
                if kind == "list_item_close":
                    self.item_label = None
            elif kind == "blockquote_close":
                self.stack.pop()
                self.quote_depth -= 1
            elif kind == "html_block":
                first = tok.map[0] if tok.map else 0
                for m in _COMMENT.finditer(tok.content):
                    line = first + tok.content.count("\n", 0, m.start()) + 1
                    self.directive(self.starts[min(line, len(self.starts)) - 1], m.group(1).strip())
            elif kind == "front_matter":
                yaml_front_matter(self.builder, tok.content)

    def _plain(self, tok: Any, pos: int, end: int) -> tuple[str, int] | None:
        """Fast path: text with no markup that stands contiguous in the source."""
        content: str = tok.content
        if tok.meta.get("plain"):
            at = self.src.find(content, pos, end) if content else -1
            return (content.replace("\n", " "), at) if at >= 0 else None
        children = tok.children or ()
        if not content or any(c.type not in _PLAIN for c in children):
            return None
        at = self.src.find(content, pos, end)
        if at < 0 or "".join(c.content or "\n" for c in children) != content:
            return None
        return content.replace("\n", " "), at

    def inline(self, tok: Any, pos: int, end: int, inner: str) -> int:
        """Read one inline token's text (``inner``: the innermost open container, or "")."""
        plain = self._plain(tok, pos, end)
        if plain is not None:
            raw, base = plain
            origin: Any = None
            next_pos = base + len(raw)
        else:
            reader = Inline(self.src, pos, end)
            if tok.meta.get("plain"):
                reader.run_plain(tok.content)
            else:
                reader.run(tok.children or [])
            for at, text in reader.comments:
                self.directive(at, text)
            self.notes.update(reader.notes)
            for ident, at in reader.refs.items():
                self.note_refs.setdefault(ident, at)
            raw, offsets = reader.result()
            if not raw:
                return reader.pos
            base, origin, next_pos = offsets[0], offsets.__getitem__, reader.pos
        if inner == "td":
            fields = self.cell_fields
        elif inner and "footnote" in self.stack:
            fields = self.note_fields
        else:
            fields = self.body_fields
        locate = LineLocator(fields, self.starts, base, origin)
        span = locate(0, len(raw))
        quoted = self.quote_depth > 0
        if self.heading and not inner:
            self.builder.heading(raw, self.heading, span, locate)
        elif inner == "td":
            self.builder.block("table_cell", raw, span, locate, quoted=quoted)
        elif inner == "list_item":
            pending = self.item_label
            label = pending[1] if pending is not None and pending[0] == len(self.stack) else ""
            self.builder.block("list_item", raw, span, locate, self.list_depth, quoted, label)
        elif quoted:
            self.builder.block("quote", raw, span, locate, quoted=True)
        else:
            self.builder.block("paragraph", raw, span, locate)
        return next_pos


def parse(path: str, data: bytes, limits: Limits, **options: object) -> Document:
    """Read a Markdown file.

    Args:
        path: The path as given by the user (used in spans and messages).
        data: The file's bytes (decoded by ``text.decode``: BOM, UTF-8, else Windows-1252).
        limits: ``parsers.Limits``; ``max_depth`` bounds markdown-it's nesting (deeper text is
            not read and a warning says so).
        **options: Ignored (other readers' options).

    Returns:
        A ``Document`` with ``format="markdown"``; ``metadata["encoding"]`` is the encoding
        assumed.  Front matter and comment directives are in ``metadata``.
    """
    decoded = decode(data)
    src = decoded.text.replace("\0", "\ufffd")  # as markdown-it does; same length
    builder = DocumentBuilder(path, "markdown")
    builder.metadata["encoding"] = decoded.encoding
    if decoded.warning:
        builder.warn(decoded.warning)
    walker = _Walker(path, src, builder)
    masked = toml_front_matter(builder, src, walker.starts) if src.startswith("+++") else src
    tokens = _markdown(limits.max_depth, _features(masked)).parse(masked)
    depth = max(2, limits.max_depth)
    if any(tok.level >= depth - 1 for tok in tokens):
        builder.warn(
            f"content nested more than {depth} levels deep (lists / quotes) was not read — "
            "flatten the nesting"
        )
    walker.walk(tokens)
    return builder.build()
