"""Plain-text reader: paragraphs, conservative headings and lists, exact line/column."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from policy_lint.errors import DocumentError
from policy_lint.model import Document
from policy_lint.parsers import DEFAULT_LIMITS, parse_file
from policy_lint.parsers.text import parse
from policy_lint.text.decode import decode
from policy_lint.text.normalise import normalise_text


def txt(source: str) -> Document:
    return parse("doc.txt", source.encode("utf-8"), DEFAULT_LIMITS)


def sentences(doc: Document) -> list[tuple[str, int | None, int | None]]:
    return [(s.text, s.span.line, s.span.column) for _, _, s in doc.sentences()]


def kinds(doc: Document) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for _, b in doc.blocks()]


def test_paragraphs_and_sentences_with_exact_positions() -> None:
    doc = txt(
        "This policy sets out how we respond. It applies to all staff,\n"
        "  e.g. volunteers. See s. 4.2 for details.\n\n\n  Indented start. Next.\n"
    )
    assert sentences(doc) == [
        ("This policy sets out how we respond.", 1, 1),
        ("It applies to all staff, e.g. volunteers.", 1, 38),
        ("See s. 4.2 for details.", 2, 20),
        ("Indented start.", 5, 3),
        ("Next.", 5, 19),
    ]
    first = doc.sections[0].blocks[0]
    assert (first.span.end_line, first.span.end_column) == (2, 43)


def test_headings_numbered_and_capitals_only() -> None:
    doc = txt(
        "POLICY ON RACISM\n\n3. Reporting racism\n\nStaff report it.\n\n"
        "3.1 Who reports\n\nAnyone.\n\n3.2 The Supplier shall not discriminate\n\n"
        "A short line\n\nText.\n"
    )
    assert [(s.heading, s.level) for s in doc.sections] == [
        ("POLICY ON RACISM", 1),
        ("3. Reporting racism", 1),
        ("3.1 Who reports", 2),
    ]
    assert doc.sections[2].heading_path == ("3. Reporting racism", "3.1 Who reports")
    assert kinds(doc)[-3:] == [
        ("paragraph", 0, "3.2 The Supplier shall not discriminate"),
        ("paragraph", 0, "A short line"),
        ("paragraph", 0, "Text."),
    ]
    assert sentences(doc)[1] == ("3. Reporting racism", 3, 1)


def test_a_heading_needs_blank_lines_around_it() -> None:
    doc = txt("REPORTING\nStaff report racism.\n")
    assert kinds(doc) == [("paragraph", 0, "REPORTING Staff report racism.")]


def test_lists_bullets_numbers_and_continuations() -> None:
    doc = txt(
        "We will:\n\n- report racism\n- record incidents. Then review.\n"
        "    - nested item\n  continued here\n\n(a) first\n(b) second\n"
    )
    assert kinds(doc) == [
        ("paragraph", 0, "We will:"),
        ("list_item", 1, "report racism"),
        ("list_item", 1, "record incidents. Then review."),
        ("list_item", 2, "nested item   continued here"),
        ("list_item", 1, "first"),
        ("list_item", 1, "second"),
    ]
    assert sentences(doc)[1:5] == [
        ("report racism", 3, 3),
        ("record incidents.", 4, 3),
        ("Then review.", 4, 21),
        ("nested item continued here", 5, 7),
    ]


def test_crlf_cr_bom_and_cp1252(tmp_path: Path) -> None:
    doc = parse("d.txt", b"\xef\xbb\xbfOne.\r\nTwo.\rThree.\r\n", DEFAULT_LIMITS)
    assert sentences(doc) == [("One.", 1, 1), ("Two.", 2, 1), ("Three.", 3, 1)]
    doc = parse("d.txt", "\u201cStop\u201d \u2013 na\u00efve.\n".encode("cp1252"), DEFAULT_LIMITS)
    assert sentences(doc) == [('"Stop" \u2013 na\u00efve.', 1, 1)]
    assert doc.metadata["encoding"] == "cp1252"
    assert doc.warnings == (
        "text is not valid UTF-8 (byte 0); read as Windows-1252 — save the file as UTF-8 if "
        "characters look wrong",
    )
    path = tmp_path / "u16.txt"
    path.write_bytes("Zero \u00e9.\n".encode("utf-16-be").join([b"\xfe\xff", b""]))
    doc = parse_file(path)
    assert doc.format == "text"
    assert sentences(doc) == [("Zero \u00e9.", 1, 1)]
    assert doc.metadata["encoding"] == "utf-16-be"
    assert doc.warnings == ("text decoded as UTF-16-BE (byte-order mark), not UTF-8",)


def test_decode_cases() -> None:
    assert decode(b"a\r\nb\rc").text == "a\nb\nc"
    assert decode(b"\xef\xbb\xbfx").encoding == "utf-8-sig"
    assert decode(b"\xef\xbb\xbfx").warning is None
    assert decode(b"\x81\x93x\x94").text == "\x81\u201cx\u201d"
    assert decode(b"\xff\xfe\x00\x00x\x00\x00\x00").text == "x"


def test_normalised_characters_keep_columns() -> None:
    doc = txt("We\u00a0don\u2019t \u2018tolerate\u2019 it. Zero\u200btolerance \ufb01ne.\n")
    assert sentences(doc) == [("We don't 'tolerate' it.", 1, 1), ("Zerotolerance fine.", 1, 25)]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .A3\n\n-*()\u00a0\u2019\t")), max_size=200))
def test_property_text_spans_point_into_source(source: str) -> None:
    try:
        doc = txt(source)
    except DocumentError:
        return
    lines = source.split("\n")
    for _, _, sentence in doc.sentences():
        line, col = sentence.span.line, sentence.span.column
        assert line is not None and col is not None
        assert 1 <= col <= len(lines[line - 1])
        assert sentence.text.startswith(normalise_text(lines[line - 1][col - 1]).strip() or "\0")


def test_utf32_files_with_a_bom_are_read(tmp_path: Path) -> None:
    for codec, bom in (("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff")):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(bom + "Report racism.\n".encode(codec))
        doc = parse_file(path)
        assert sentences(doc) == [("Report racism.", 1, 1)]
        assert doc.metadata["encoding"] == codec


def test_a_lone_bullet_in_capitals_is_a_list_item_not_a_heading() -> None:
    doc = txt("Intro.\n\n- NOTE\n\n(a) ANNEX\n")
    assert kinds(doc) == [
        ("paragraph", 0, "Intro."),
        ("list_item", 1, "NOTE"),
        ("list_item", 1, "ANNEX"),
    ]
