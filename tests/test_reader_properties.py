"""Properties of the Markdown and plain-text readers on generated, hostile input.

For any bytes: the reader raises nothing but ``DocumentError``, and every block and sentence
span points inside the decoded source (line in range, column within that line or one past
its end, end not before start), and every sentence's ``start``/``end`` lie inside its
block's text.  ``tests/test_markdown.py`` and ``tests/test_text_reader.py`` already check
spans on well-formed prose; these strategies add markup soup, control characters, odd
newlines, entities, non-BMP characters and raw bytes (the same contract as
``fuzz/fuzz_markdown.py``).
"""

from __future__ import annotations

from types import ModuleType

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from policy_lint.errors import DocumentError
from policy_lint.model import Document, SourceSpan
from policy_lint.parsers import Limits
from policy_lint.parsers import markdown as md_reader
from policy_lint.parsers import text as text_reader
from policy_lint.text.decode import decode

READERS = [md_reader, text_reader]
LIMITS = Limits()

_PIECES = st.sampled_from(
    [
        "# ", "## ", "- ", "* ", "1. ", "2) ", "> ", ">> ", "  ", "    ", "\t", "```\n", "~~~",
        "---\n", "+++\n", "| a | b |\n|---|---|\n", "[^1]", "[^1]: note\n", "[x](http://a)",
        "![i](p.png)", "<http://a.b>", "<!-- c -->", "<b>", "`code`", "**", "*", "_", "~~",
        "&copy;", "&#x41;", "&#0;", "&bogus;", "\\*", "\\", "\n", "\n\n", "\r\n", "\r",
        "Staff must report racism.", "The manager will act. ", "e.g. ", "No. 5 ", "(a) ",
        "REPORTING RACISM", "3.1 Scope", "“quoted”", "ﬁne", "é", "\u00a0", "\u200b",
        "\u2028", "😀", "\x0b", "\x0c", "\x01", "\x1b[31m", "\ufeff", "\ufffd",
    ]
)
_SOURCE = st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=40).map("".join)


_ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp1252"])


def _encode(source: str, encoding: str) -> bytes:
    if encoding == "utf-16-be":
        return b"\xfe\xff" + source.encode("utf-16-be", "surrogatepass")
    return source.encode(encoding, "replace")


def assert_spans_inside(doc: Document, data: bytes) -> None:
    """Every block and sentence span lies inside the decoded ``data``."""
    lines = decode(data).text.split("\n")

    def inside(span: SourceSpan) -> None:
        assert span.line is not None and 1 <= span.line <= len(lines), span
        assert span.column is not None and 1 <= span.column <= len(lines[span.line - 1]) + 1, span
        if span.end_line is not None:
            assert span.line <= span.end_line <= len(lines), span
            assert span.end_column is not None, span
            assert 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1, span
            if span.end_line == span.line:
                assert span.end_column >= span.column, span

    for section in doc.sections:
        for block in section.blocks:
            inside(block.span)
            for sentence in block.sentences:
                inside(sentence.span)
                assert 0 <= sentence.start <= sentence.end <= len(block.text), sentence


def assert_sentences_start_at_their_span(doc: Document, data: bytes) -> None:
    """The source character at each sentence's span is the sentence's first character."""
    lines = decode(data).text.split("\n")
    for _, _, sentence in doc.sentences():
        line, column = sentence.span.line or 0, sentence.span.column or 0
        assert lines[line - 1][column - 1 : column] == sentence.text[:1], sentence


def read(reader: ModuleType, data: bytes) -> Document | None:
    """The reader's document, or ``None`` when it refused the input with a DocumentError."""
    try:
        doc: Document = reader.parse("f.md", data, LIMITS)
    except DocumentError:
        return None
    return doc


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=_SOURCE, encoding=_ENCODINGS)
@example(source="a\n\n> - b\n>\n>   c\n", encoding="utf-8")
@example(source="Text[^1] here.\n\n[^1]: A note.\n", encoding="utf-16")
@example(source="\x1b[31mRed\x1b[0m &copy; ﬁne.\r\n\r\nNext.", encoding="cp1252")
@pytest.mark.parametrize("reader", READERS, ids=["markdown", "text"])
def test_generated_text_only_document_errors_and_spans_inside(
    reader: ModuleType, source: str, encoding: str
) -> None:
    data = _encode(source, encoding)
    doc = read(reader, data)
    if doc is not None:
        assert_spans_inside(doc, data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400))
@pytest.mark.parametrize("reader", READERS, ids=["markdown", "text"])
def test_raw_bytes_only_document_errors_and_spans_inside(reader: ModuleType, data: bytes) -> None:
    doc = read(reader, data)
    if doc is not None:
        assert_spans_inside(doc, data)


@pytest.mark.parametrize(
    "data",
    [
        # fuzz/fuzz_markdown.py finds: an inline footnote's text was placed after the end
        # of the file, and the paragraph holding it ended past its line.
        b"Tex^[1t] wdt end.",
        b"a ^[b]\n\nc\n",
        b'Tex^[1t] wdtText[^1] wdt\x0b\x00\x00\x00\x00\x00\x00\x00 end'
        b' &copy\x0b\x00\x00\x00\x00 end &\x00\x00\x00\x00\x00 end &copy;;  ',
    ],
)
def test_inline_footnote_spans_stay_in_the_source(data: bytes) -> None:
    doc = read(md_reader, data)
    assert doc is not None
    assert_spans_inside(doc, data)
    assert_sentences_start_at_their_span(doc, data)


@pytest.mark.parametrize("data", [b"- # - ", b"- # # # ", b"1. # - ", b"> # - x"])
def test_heading_inside_a_list_item_or_quote_keeps_its_column(data: bytes) -> None:
    doc = read(md_reader, data)
    assert doc is not None
    assert_spans_inside(doc, data)
    assert_sentences_start_at_their_span(doc, data)


def test_inline_and_labelled_footnotes_are_placed_exactly() -> None:
    data = b"Text ^[a [nested] note] here[^x].\n\n[^x]: Label note.\n"
    doc = read(md_reader, data)
    assert doc is not None
    got = [
        (b.span.container, s.text, s.span.line, s.span.column, s.span.end_column)
        for _, b, s in doc.sentences()
    ]
    assert got == [
        ("body", "Text here.", 1, 1, 34),
        ("footnote", "a [nested] note", 1, 8, 23),
        ("footnote", "Label note.", 3, 7, 18),
    ]


def test_heading_inside_a_list_item_is_placed_exactly() -> None:
    doc = read(md_reader, b"- # Duty to report\n1. # - \n")
    assert doc is not None
    got = [(b.kind, s.text, s.span.line, s.span.column) for _, b, s in doc.sentences()]
    assert got == [("list_item", "Duty to report", 1, 5), ("list_item", "-", 2, 6)]
