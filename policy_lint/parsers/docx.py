"""The DOCX reader: WordprocessingML (``.docx``, ``.docm``, ``.dotx``, ``.dotm``) → ``Document``.

Reads the zip with lxml directly (python-docx is not used: it misses text boxes, content
controls, footnotes and tracked insertions, and is several times slower).  The package layer
(bounded zip reads, hardened XML, relationships, metadata) is ``docx_package``; paragraph
styles are ``docx_styles``; the XML walk is ``docx_walk``.

Reading order: the body (paragraphs, tables, text boxes after their anchor paragraph), then
each distinct header and footer part once, in the order the section properties reference
them, then footnotes, then endnotes (separator notes skipped).  Comments are never read
(PITFALLS P13).  Macros in ``.docm`` files are never run; only XML parts are read.

Locations (``SourceSpan``): ``paragraph`` is the 0-based index of the paragraph in its part
(see ``docx_walk``); a sentence's ``column`` / ``end_column`` are 1-based character offsets in
that paragraph's text; ``container`` is ``body``, ``table``, ``text_box``, ``header``,
``footer``, ``footnote`` or ``endnote``; ``table`` / ``row`` / ``col`` are 1-based (grid column)
for table cells.  Blocks in header, footer and note tables keep their story as container.
``story`` says which header or footer (document section, numbered in body order, and
variant: ``w:headerReference/@w:type`` default / first / even, ECMA-376 Part 1 §17.10.5) or
which note (``w:id``, and the body paragraph of its first reference mark) a block is in
(PITFALLS P11, P12); a note's paragraphs are numbered from its own first.  A first-page or
even-page header or footer that Word does not show (no ``w:titlePg`` in its section, no
``w:evenAndOddHeaders`` in the settings part) is not read, and a warning says so.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from ..errors import DocumentError
from ..model import VARIANTS, Document, SourceSpan, Story, new_span
from ..text.titles import tidy_title
from . import Limits
from ._build import DocumentBuilder, Locator
from .docx_numbering import Numbering, format_number
from .docx_package import Package
from .docx_styles import Styles, W
from .docx_walk import StoryWalker, Unit

#: The one warning given for documents with unresolved revisions (PITFALLS P05).
TRACKED_WARNING = "document has unresolved tracked changes — read with all changes accepted"
_STRICT = "{http://purl.oclc.org/ooxml/wordprocessingml/"
_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_HEADER_FOOTER = {W + "headerReference": "header", W + "footerReference": "footer"}


def parse(path: str, data: bytes, limits: Limits, **options: object) -> Document:
    """Read a DOCX package into a ``Document`` (format ``"docx"``).

    Args:
        path: The path as given by the user (used in spans and messages).
        data: The file's bytes (a zip; ``parsers.detect_format`` has sniffed it).
        limits: Zip, part and nesting limits.
        **options: Ignored (other readers' options pass through ``parse_file``).

    Returns:
        The document, with metadata from ``docProps/core.xml`` (``title``, ``subject``,
        ``keywords``, ``category``, ``description``, ``author``; non-empty only).

    Raises:
        DocumentError: ``zip-limit`` for zip bombs, ``corrupt`` for damaged zips, malformed
            XML or DTD / entity declarations, ``too-large`` for nesting past
            ``limits.max_depth``, ``unsupported-format`` without a main document part,
            ``empty`` when no text is found (never a silent "0 findings").
    """
    package = Package(path, data, limits)
    try:
        return _read(package, path, limits)
    finally:
        package.close()


def _read(package: Package, path: str, limits: Limits) -> Document:
    package.xml("[Content_Types].xml")  # refuses DTDs here too (PITFALLS P26)
    main = package.main_part()
    root = package.xml(main)
    body = root.find(W + "body") if root is not None else None
    if root is not None and root.tag.startswith(_STRICT):
        raise DocumentError(
            path,
            "unsupported format: Strict Open XML — save it in Word as a Word Document (.docx)",
            "unsupported-format",
        )
    if body is None:
        raise DocumentError(path, f"corrupt DOCX: {main} has no w:body", "corrupt")
    rels = package.rels(main)
    targets = {kind: name for kind, name in rels.values()}
    styles = Styles(package.xml(targets["styles"]) if "styles" in targets else None)
    numbering = Numbering(package.xml(targets["numbering"]) if "numbering" in targets else None,
                          styles)  # list / heading numbers → Block.label (PITFALLS P14)

    builder = DocumentBuilder(path, "docx")
    for key, value in package.metadata().items():
        value = tidy_title(value)  # "(anonymous)", "Document1" … say nothing
        if value:
            builder.metadata[key] = value
    tracked = False

    walker = StoryWalker(path, "body", styles, limits.max_depth, numbering)
    walker.walk(body)
    _emit(builder, path, walker.units)
    tracked |= walker.tracked
    note_refs = walker.note_refs

    settings_name = targets.get("settings")
    settings = package.xml(settings_name) if settings_name and package.has(settings_name) else None
    even_pages = _on(settings.find(W + "evenAndOddHeaders") if settings is not None else None)
    seen: set[str] = set()
    hidden: set[str] = set()
    referenced = set(note_refs)  # notes whose mark Word shows (not only in deleted text)
    section = 0
    for sect in body.iter(W + "sectPr"):
        parent = sect.getparent()
        if parent is not None and parent.tag == W + "sectPrChange":
            continue  # the section's properties before a tracked change, not a section
        section += 1
        first_page = _on(sect.find(W + "titlePg"))
        for ref in sect:
            story = _HEADER_FOOTER.get(ref.tag)
            rel = rels.get(ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/"
                                   "relationships}id") or "")
            if story is None or rel is None or rel[1] in seen or not package.has(rel[1]):
                continue
            variant = ref.get(W + "type") or "default"
            variant = variant if variant in VARIANTS else "default"
            if (variant == "first" and not first_page) or (variant == "even" and not even_pages):
                hidden.add(rel[1])  # shown only with "different first page" / "odd and even"
                continue
            seen.add(rel[1])
            part = package.xml(rel[1])
            if part is not None:
                builder.story_break()  # not under the body's last heading
                story_walker, _ = _story(builder, path, Story(story, section, variant), part,
                                         styles, limits, None, {})  # fmt: skip
                tracked |= story_walker.tracked
                referenced.update(story_walker.note_refs)
    if hidden - seen:
        builder.warn(
            f"{len(hidden - seen)} header/footer part(s) not read: Word does not show them (a "
            "first-page or even-page header without 'Different first page' / 'Different odd & "
            "even pages')"
        )

    unshown = 0
    for story, kind in (("footnote", "footnotes"), ("endnote", "endnotes")):
        name = targets.get(kind)
        part = package.xml(name) if name and package.has(name) else None
        if part is not None:
            shown = _note_numbers(story, note_refs, referenced, settings)
            builder.story_break()
            notes_walker, skipped = _story(builder, path, Story(story), part, styles, limits,
                                           W + story, note_refs, shown)  # fmt: skip
            tracked |= notes_walker.tracked
            unshown += skipped
    if unshown:
        builder.warn(
            f"{unshown} footnote(s)/endnote(s) not read: no reference mark to them in the text "
            "(or only in deleted text), so Word does not show them"
        )

    if tracked:
        builder.warn(TRACKED_WARNING)
    document = builder.build()
    if not document.sections:
        raise DocumentError(
            path, "the document has no text (images only?) — nothing to check", "empty"
        )
    return document


def _story(
    builder: DocumentBuilder,
    path: str,
    story: Story,
    part: etree._Element,
    styles: Styles,
    limits: Limits,
    note_tag: str | None,
    note_refs: dict[tuple[str, str], int],
    shown: dict[str, str] | None = None,
) -> tuple[StoryWalker, int]:
    """Walk a header / footer part, or each note of a notes part: the walker, notes skipped.

    ``story`` names the part (and, for a header or footer, its section and variant).  For
    notes, ``shown`` maps each note Word displays (``w:id``) to the number it shows; a note
    not in it (never referenced, or only from deleted text) is skipped and counted.  A
    note's blocks get that number and the body paragraph of its first reference
    (``note_refs``: (``footnote``/``endnote``, id) → paragraph).
    """
    walker = StoryWalker(path, story.part, styles, limits.max_depth)
    skipped = 0
    if note_tag is None:
        walker.walk(part)
        _emit(builder, path, walker.units, story)
        return walker, skipped
    for note in part.iterchildren(note_tag):
        ident = note.get(W + "id") or ""
        if note.get(W + "type") in _SEPARATORS or ident not in (shown or {}):
            skipped += note.get(W + "type") not in _SEPARATORS
            walker.skip(note)
            continue
        first, base = len(walker.units), walker.index
        walker.walk(note)
        ref = note_refs.get((story.part, ident))
        where = Story(story.part, note=(shown or {})[ident], ref_paragraph=ref)
        # A note's paragraphs are counted from its own first ("¶ 1, footnote 3"), not
        # across the notes part, whose count includes Word's separator notes.
        units = [replace(u, paragraph=u.paragraph - base) for u in walker.units[first:]]
        _emit(builder, path, units, where)
    return walker, skipped


def _note_numbers(
    kind: str,
    body_refs: dict[tuple[str, str], int],
    referenced: set[tuple[str, str]],
    settings: etree._Element | None,
) -> dict[str, str]:
    """``w:id`` → the number Word shows, for each ``kind`` note it displays.

    Word numbers notes in the order of their reference marks, from ``w:numStart`` in the
    format of ``w:footnotePr`` / ``w:endnotePr`` in the settings part (ECMA-376 §17.11.11,
    §17.11.17); by default footnotes 1, 2, 3 and endnotes i, ii, iii.  Marks in the body
    come first, then those only in headers or footers.
    """
    fmt, start = ("decimal" if kind == "footnote" else "lowerRoman"), 1
    props = settings.find(W + f"{kind}Pr") if settings is not None else None
    if props is not None:
        fmt_el, start_el = props.find(W + "numFmt"), props.find(W + "numStart")
        fmt = fmt_el.get(W + "val", fmt) if fmt_el is not None else fmt
        if start_el is not None and (start_el.get(W + "val") or "").isdigit():
            start = min(int(start_el.get(W + "val") or 1), 10**6)
    order = [ident for k, ident in body_refs if k == kind]
    order += sorted(i for k, i in referenced if k == kind and i not in set(order))
    return {ident: format_number(start + n, fmt) or ident for n, ident in enumerate(order)}


def _on(el: etree._Element | None) -> bool:
    """An on/off property (ECMA-376 §17.17.4): present and not ``0`` / ``false`` / ``off``."""
    return el is not None and el.get(W + "val", "true").lower() not in ("0", "false", "off")


def _emit(
    builder: DocumentBuilder, path: str, units: list[Unit], story: Story | None = None
) -> None:
    for unit in units:
        where = unit.where
        span = SourceSpan(
            path,
            paragraph=unit.paragraph,
            container=where.container,
            table=where.table,
            row=where.row,
            col=where.col,
            story=story,
        )
        locate = _locator(span)
        if unit.kind == "heading":
            builder.heading(unit.raw, unit.level, span, locate, unit.label)
        else:
            builder.block(unit.kind, unit.raw, span, locate, unit.level, label=unit.label)


def _locator(span: SourceSpan) -> Locator:
    """Map raw-text offsets of a paragraph to 1-based ``column`` / ``end_column``."""
    return _ColumnLocator(span)


class _ColumnLocator:
    """A paragraph's ``Locator``: raw offsets ``[start, end)`` → ``column`` / ``end_column``.

    The columns are ``start + 1`` and ``end + 1``; ``marks`` gives the same for all of a
    block's sentences without a span object each (``_build.locate_sentences``).
    """

    __slots__ = ("span",)

    def __init__(self, span: SourceSpan) -> None:
        self.span = span

    def __call__(self, start: int, end: int) -> SourceSpan:
        span = self.span
        return new_span(
            span.file, None, span.paragraph, None, start + 1, None, end + 1,
            span.container, span.table, span.row, span.col, span.story,
        )  # fmt: skip

    def marks(
        self, bounds: list[tuple[int, int]], raw: list[tuple[int, int]], out: list[int]
    ) -> None:
        """Append ``SentenceList`` marks: offsets in the text, columns from ``raw``."""
        for (start, end), (a, b) in zip(bounds, raw, strict=True):
            out += (start, end, 0, 0, a + 1, 0, b + 1)
