"""Markdown reader: structure, scope and exact line/column (PITFALLS P45, P47, P48, P51, P52)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy_lint.errors import DocumentError
from policy_lint.model import Block, Document, Story
from policy_lint.parsers import DEFAULT_LIMITS, Limits, parse_file
from policy_lint.parsers.markdown import parse
from policy_lint.text.normalise import normalise_text


def md(source: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    return parse("doc.md", source.encode("utf-8"), limits)


def blocks(doc: Document) -> list[Block]:
    return [block for _, block in doc.blocks()]


def where(block_or_sentence: object) -> tuple[int | None, int | None]:
    span = block_or_sentence.span  # type: ignore[attr-defined]
    return span.line, span.column


def sentences(doc: Document) -> list[tuple[str, int | None, int | None]]:
    return [(s.text, s.span.line, s.span.column) for _, _, s in doc.sentences()]


# --- PITFALLS entries -------------------------------------------------------------------------


def test_p45_yaml_front_matter_is_metadata_not_a_heading() -> None:
    doc = md("---\ntitle: Racism policy\nowner: HR\n---\n\n# Policy\n")
    assert doc.metadata["title"] == "Racism policy"
    assert doc.metadata["owner"] == "HR"
    assert [s.heading for s in doc.sections] == ["Policy"]
    heading = doc.sections[0].blocks[0]
    assert (heading.kind, heading.text, where(heading)) == ("heading", "Policy", (6, 3))
    assert "owner" not in doc.text


def test_p47_html_comments_are_not_prose_but_directives() -> None:
    doc = md(
        "<!-- TODO: racism section is not tolerated wording draft -->\n\n"
        "Text <!-- inline comment racism --> more.\n"
    )
    assert [b.text for b in blocks(doc)] == ["Text more."]
    assert sentences(doc) == [("Text more.", 3, 1)]
    assert doc.metadata["directive:1"] == "TODO: racism section is not tolerated wording draft"
    assert doc.metadata["directive:3"] == "inline comment racism"


def test_p48_pipe_table_cells_are_separate_units() -> None:
    doc = md("| Rule | Action |\n|---|---|\n| Racism | Dismissal |\n")
    cells = [
        (b.kind, b.text, b.span.container, b.span.table, b.span.row, b.span.col, where(b))
        for b in blocks(doc)
    ]
    assert cells == [
        ("table_cell", "Rule", "table", 1, 1, 1, (1, 3)),
        ("table_cell", "Action", "table", 1, 1, 2, (1, 10)),
        ("table_cell", "Racism", "table", 1, 2, 1, (3, 3)),
        ("table_cell", "Dismissal", "table", 1, 2, 2, (3, 12)),
    ]
    assert "|" not in doc.text


def test_p51_sentence_on_second_line_of_paragraph() -> None:
    doc = md("Intro line.\nRacism is tolerated here.\n")
    assert sentences(doc) == [("Intro line.", 1, 1), ("Racism is tolerated here.", 2, 1)]


def test_p52_code_urls_and_reference_definitions_are_not_prose() -> None:
    source = (
        "```\ngrep 'racism is tolerated' log\n```\n\n    indented code racism\n\n"
        "Use `racism_tolerated=False`.\n\nRead the [policy][p].\n\n"
        '[p]: https://example.org/racism-is-tolerated "Title racism"\n'
    )
    doc = md(source)
    assert [b.text for b in blocks(doc)] == ["Use .", "Read the policy."]
    assert "racism" not in doc.text
    assert sentences(doc) == [("Use .", 7, 1), ("Read the policy.", 9, 1)]


# --- inline markup keeps columns --------------------------------------------------------------


def test_sentence_mid_line_after_emphasis_and_link() -> None:
    doc = md('Staff **must** report [racism](http://x.org/a(b) "t") now. Managers *act* fast.\n')
    assert sentences(doc) == [
        ("Staff must report racism now.", 1, 1),
        ("Managers act fast.", 1, 60),
    ]
    block = blocks(doc)[0]
    second = block.sentences[1]
    assert (second.span.end_line, second.span.end_column) == (1, 80)


def test_entity_at_an_indented_paragraph_start() -> None:
    doc = md("   &copy; 2024 The Council. All rights kept.\n")
    assert sentences(doc) == [("\u00a9 2024 The Council.", 1, 4), ("All rights kept.", 1, 29)]


def test_escapes_entities_and_autolinks() -> None:
    doc = md("Escaped \\*star\\* &amp; more. See <https://example.org/racism>. Next one.\n")
    assert sentences(doc) == [
        ("Escaped *star* & more.", 1, 1),
        ("See .", 1, 30),
        ("Next one.", 1, 64),
    ]


def test_image_and_footnote_reference_are_skipped() -> None:
    doc = md("Look ![racism alt](img.png) here[^n]. Then go.\n\n[^n]: The note says so.\n")
    assert sentences(doc) == [
        ("Look here.", 1, 1),
        ("Then go.", 1, 39),
        ("The note says so.", 3, 7),
    ]
    note = blocks(doc)[-1]
    assert note.span.container == "footnote"


# --- structure ------------------------------------------------------------------------------


def test_headings_atx_and_setext_make_sections() -> None:
    doc = md(
        "# Code of conduct\n\nIntro.\n\nRacism\n------\n\nText here.\n\n### Sanctions ###\n\nOut.\n"
    )
    assert [(s.heading, s.heading_path, s.level) for s in doc.sections] == [
        ("Code of conduct", ("Code of conduct",), 1),
        ("Racism", ("Code of conduct", "Racism"), 2),
        ("Sanctions", ("Code of conduct", "Racism", "Sanctions"), 3),
    ]
    assert [where(s.blocks[0]) for s in doc.sections] == [(1, 3), (5, 1), (10, 5)]


def test_lists_level_is_nesting_depth_and_marker_is_not_text() -> None:
    doc = md("- First item\n- 1\n  1. Nested item. Second sentence\n     on the next line.\n")
    got = [(b.kind, b.level, b.text, where(b)) for b in blocks(doc)]
    assert got == [
        ("list_item", 1, "First item", (1, 3)),
        ("list_item", 1, "1", (2, 3)),
        ("list_item", 2, "Nested item. Second sentence on the next line.", (3, 6)),
    ]
    assert sentences(doc)[-1] == ("Second sentence on the next line.", 3, 19)


def test_block_quote_is_quoted() -> None:
    doc = md("> Racism is fine, said nobody.\n> Second line.\n>\n> - quoted item\n")
    got = [(b.kind, b.quoted, b.text, where(b)) for b in blocks(doc)]
    assert got == [
        ("quote", True, "Racism is fine, said nobody. Second line.", (1, 3)),
        ("list_item", True, "quoted item", (4, 5)),
    ]
    assert sentences(doc)[1] == ("Second line.", 2, 3)


def test_html_block_is_not_prose() -> None:
    doc = md('<div class="x">\nracism tolerated\n</div>\n\nReal text.\n')
    assert [b.text for b in blocks(doc)] == ["Real text."]


def test_directive_comment_recorded_by_line() -> None:
    doc = md("Intro.\n\n<!-- expect AR-L11: partly_met -->\n<!-- policy-lint: disable AR-L11 -->\n")
    assert doc.metadata["directive:3"] == "expect AR-L11: partly_met"
    assert doc.metadata["directive:4"] == "policy-lint: disable AR-L11"


# --- front matter, decoding, limits ---------------------------------------------------------


def test_bad_yaml_front_matter_is_a_warning() -> None:
    doc = md("---\ntitle: [unclosed\n---\n\nBody text.\n")
    assert doc.warnings and "front matter is not valid YAML" in doc.warnings[0]
    assert sentences(doc) == [("Body text.", 5, 1)]
    assert "title" not in doc.metadata


def test_yaml_front_matter_values_become_strings() -> None:
    doc = md(
        "---\ntitle: Policy\ndoc_type: policy\nversion: 3\ntags: [a, b]\n"
        "nested: {x: 1}\n---\nText.\n"
    )
    assert {k: v for k, v in doc.metadata.items() if k != "encoding"} == {
        "title": "Policy",
        "doc_type": "policy",
        "version": "3",
        "tags": "a, b",
    }


def test_toml_front_matter() -> None:
    doc = md("+++\ntitle = \"Racism policy\"\ntype = 'policy'\n+++\n\n# Policy\n\nBody.\n")
    assert doc.metadata["title"] == "Racism policy"
    assert doc.metadata["type"] == "policy"
    assert [b.text for b in blocks(doc)] == ["Policy", "Body."]
    assert where(blocks(doc)[0]) == (6, 3)


def test_crlf_bom_and_cp1252() -> None:
    doc = parse("d.md", b"\xef\xbb\xbf# T\r\n\r\nOne.\r\nTwo.\r\n", DEFAULT_LIMITS)
    assert sentences(doc) == [("T", 1, 3), ("One.", 3, 1), ("Two.", 4, 1)]
    assert doc.metadata["encoding"] == "utf-8-sig"
    assert doc.warnings == ()
    doc = parse("d.md", "Caf\u00e9 \u2019ok\u2019.\n".encode("cp1252"), DEFAULT_LIMITS)
    assert sentences(doc) == [("Caf\u00e9 'ok'.", 1, 1)]
    assert doc.metadata["encoding"] == "cp1252"
    assert "Windows-1252" in doc.warnings[0]
    doc = parse("d.md", "Hi \u00e9.\n".encode("utf-16"), DEFAULT_LIMITS)
    assert sentences(doc) == [("Hi \u00e9.", 1, 1)]
    assert doc.metadata["encoding"] == "utf-16-le"


def test_deep_nesting_is_a_clean_result() -> None:
    doc = md("> " * 300 + "deep\n\nAfter.\n", Limits(max_depth=20))
    assert any("nested more than 20 levels" in w for w in doc.warnings)
    doc = md("- " * 300 + "deep\n", Limits(max_depth=20))
    assert any("nested more than 20 levels" in w for w in doc.warnings)


def test_parse_file_reads_markdown(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_bytes(b"# Racism\n\nWe act. We report.\n")
    doc = parse_file(path)
    assert doc.format == "markdown"
    assert sentences(doc) == [("Racism", 1, 3), ("We act.", 3, 1), ("We report.", 3, 9)]


# --- property: spans point at the sentence's first character ---------------------------------

_WORDS = st.sampled_from(
    [
        "Racism",
        "staff",
        "must",
        "report",
        "*it*",
        "**now**",
        "e.g.",
        "No. 5",
        "`code`",
        "[link](http://x.org)",
        "3.1",
        "\u201cquoted\u201d",
        "caf\u00e9",
        "<!-- c -->",
        "\\*",
        "&amp;",
        "A.",
        "![i](p.png)",
        "[^1]",
        "&copy;",
        "&#169;",
        "~~old~~",
        "_em_",
        "[a [b] c](u)",
        "[![i](p.png)](u)",
        "<http://a.b>",
        "x  \ny",
        "Tab\tin",
        "\\[",
    ]
)
_LINE = st.lists(_WORDS, min_size=1, max_size=8).map(" ".join).map(lambda s: s + ".")
_PREFIXES = st.sampled_from(
    ["", "# ", "- ", "1. ", "> ", "  - ", "| ", "### ", "   ", "-\t", "> - ", "10) "]
)
_DOC = st.lists(
    st.tuples(_PREFIXES, _LINE, st.sampled_from(["\n", "\n\n", "\r\n"])), min_size=1, max_size=8
).map(lambda parts: "".join(p + t + e for p, t, e in parts))


def _check_spans(doc: Document, source: str) -> None:
    lines = source.replace("\r\n", "\n").split("\n")
    for _, _, sentence in doc.sentences():
        line, col = sentence.span.line, sentence.span.column
        assert line is not None and col is not None
        assert 1 <= line <= len(lines)
        assert 1 <= col <= len(lines[line - 1])
        first = normalise_text(lines[line - 1][col - 1])
        assert sentence.text.startswith(first) or first in "\\&*`_[<!~"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOC)
def test_property_markdown_spans_point_into_source(source: str) -> None:
    try:
        doc = md(source)
    except DocumentError:
        return
    _check_spans(doc, source)


@pytest.mark.parametrize("source", ["", "\n\n", "---\n---\n", "+++\n+++\n", "<!-- -->\n"])
def test_documents_without_prose_give_no_blocks(source: str) -> None:
    assert blocks(md(source)) == []


def test_numbered_heading_keeps_its_number_and_column() -> None:
    doc = md("### 1. Correction\n\n- 2. Item\n")
    assert sentences(doc) == [("1. Correction", 1, 5), ("Item", 3, 6)]


def test_toml_front_matter_that_tomllib_rejects_falls_back_to_simple_lines() -> None:
    doc = md("+++\ntitle = \"Racism policy\"\nauthor = 'HR'\nbroken = [\n+++\nBody.\n")
    assert doc.metadata["title"] == "Racism policy"
    assert doc.metadata["author"] == "HR"
    assert sentences(doc) == [("Body.", 6, 1)]


def test_two_comments_on_one_line_are_joined() -> None:
    doc = md("Text <!-- a --> and <!-- b --> end.\n")
    assert doc.metadata["directive:1"] == "a\nb"
    assert sentences(doc) == [("Text and end.", 1, 1)]


def test_front_matter_that_is_not_a_mapping_is_a_warning() -> None:
    doc = md("---\n- a\n- b\n---\nBody.\n")
    assert doc.warnings == (
        "line 1: front matter is not a YAML mapping (key: value) — it was ignored",
    )
    assert sentences(doc) == [("Body.", 5, 1)]


def test_comment_lines_inside_quotes_and_lists() -> None:
    doc = md("> Quoted.\n>\n> <!-- a -->\n> <!-- b -->\n\n- item\n\n  <!-- c -->\n")
    assert doc.metadata["directive:3"] == "a"
    assert doc.metadata["directive:4"] == "b"
    assert doc.metadata["directive:8"] == "c"


# --- rules left out when their marker is absent (markdown._GATES) -------------------------

GATE_SOURCES = [
    "# Policy\n\nAll staff must report racism.\n\n- one\n- two\n",
    "---\ntitle: T\n---\n\nText with ~~struck~~ words and a note[^1].\n\n[^1]: The note.\n",
    "Quote:\n\n> Racism is never banter.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "See [the Act][act].\n\n[act]: https://example.org\n\n<!-- policy-lint: disable AR-L11 -->\n",
    "```\ncode\n```\n\n~~~\nmore\n~~~\n\nInline ^[note] here. a < b > c | d\n",
    "Text --- not front matter\n---\n\nSetext above. 1 [^ 2] ~ single tilde.\n",
]


def _tokens(md: object, src: str) -> list[tuple[object, ...]]:
    out = []
    for tok in md.parse(src):  # type: ignore[attr-defined]
        kids = [(c.type, c.content) for c in tok.children or []]
        out.append((tok.type, tok.map, tok.content, tok.level, tuple(kids), tok.meta.get("plain")))
    return out


@pytest.mark.parametrize("src", GATE_SOURCES)
def test_gated_parser_gives_the_full_parsers_tokens(src: str) -> None:
    from policy_lint.parsers.markdown import _GATES, _features, _markdown

    full = _markdown(20, (*(name for name, _ in _GATES), "front_matter"))
    gated = _markdown(20, _features(src))
    assert _tokens(gated, src) == _tokens(full, src)


def test_features_name_only_the_syntax_a_source_can_hold() -> None:
    from policy_lint.parsers.markdown import _features

    assert _features(GATE_SOURCES[0]) == ()
    assert _features(GATE_SOURCES[1]) == (
        "reference", "fence", "strikethrough", "footnote", "front_matter"
    )
    assert _features(GATE_SOURCES[2]) == ("blockquote", "table")
    assert _features(GATE_SOURCES[3]) == ("blockquote", "reference", "html_block")  # "-->"
    # "---" later in the file is no front matter; a lone "~" still keeps fences possible.
    assert "front_matter" not in _features(GATE_SOURCES[5])
    assert "fence" in _features(GATE_SOURCES[5])


# --- Block.label: an ordered item's number as written (PITFALLS P14) ------------------------


def test_ordered_list_numbers_are_labels_not_text() -> None:
    doc = md(
        "# Policy\n\n3. Racism is not tolerated.\n4. Report it.\n\n   Second paragraph.\n\n"
        "- A bullet.\n\n007) Odd number.\n10. > Quoted first.\n11. 1. Nested one.\n"
        "    2. Nested two.\n"
    )
    assert [(b.kind, b.label, b.text, where(b)) for b in blocks(doc)] == [
        ("heading", "", "Policy", (1, 3)),
        ("list_item", "3.", "Racism is not tolerated.", (3, 4)),
        ("list_item", "4.", "Report it.", (4, 4)),
        ("list_item", "", "Second paragraph.", (6, 4)),
        ("list_item", "", "A bullet.", (8, 3)),
        ("list_item", "7)", "Odd number.", (10, 6)),  # shown as 7, whatever "007" says
        ("quote", "", "Quoted first.", (11, 7)),
        ("list_item", "1.", "Nested one.", (12, 8)),
        ("list_item", "2.", "Nested two.", (13, 8)),
    ]
    assert sentences(doc)[1] == ("Racism is not tolerated.", 3, 4)


def test_markdown_evidence_location_cites_the_item(tmp_path: Path) -> None:
    from engine_fixtures import CONDUCT_RULE, make_pack

    from policy_lint.engine import evaluate

    rules = make_pack(tmp_path, CONDUCT_RULE)
    doc = md("# Conduct\n\n1. Racism is not tolerated.\n2. Racist abuse leads to dismissal.\n")
    (finding,) = evaluate(doc, rules, "policy")
    assert [e.location() for e in finding.evidence] == ["line 3:4, item 1", "line 4:4, item 2"]


def test_footnotes_say_which_note_and_where_it_is_referenced() -> None:
    src = (
        "# T\n\nRacism is not tolerated.[^sanctions] More text.\n\n"
        "And inline.^[Inline note here.]\n\n"
        "[^sanctions]: Breaches lead to disciplinary action.\n"
    )
    doc = parse("fn.md", src.encode(), DEFAULT_LIMITS)
    notes = [b for _, b in doc.blocks() if b.span.container == "footnote"]
    assert [(b.text, b.span.label()) for b in notes] == [
        ("Breaches lead to disciplinary action.", "line 7:15, footnote sanctions (from line 3)"),
        ("Inline note here.", "line 5:14, footnote 2 (from line 5)"),
    ]
    assert notes[0].span.story == Story("footnote", note="sanctions", ref_line=3)
    # after the body, but under none of its headings (they would lend the note their topic)
    (section,) = [s for s in doc.sections if notes[0] in s.blocks]
    assert (section.heading, section.heading_path, section.level) == ("", (), 0)
    # the reference mark leaves the body sentence whole
    body = [s.text for _, b in doc.blocks() if b.span.container == "body" for s in b.sentences]
    assert body[1:3] == ["Racism is not tolerated.", "More text."]


def test_ordered_list_labels_are_the_numbers_commonmark_shows() -> None:
    src = "1. a\n1. b\n1. c\n\n7) x\n8) y\n\n- z\n\n3. p\n   1. q\n   1. r\n4. s\n"
    doc = parse("ol.md", src.encode(), DEFAULT_LIMITS)
    assert [(b.label, b.text) for _, b in doc.blocks()] == [
        ("1.", "a"), ("2.", "b"), ("3.", "c"), ("7)", "x"), ("8)", "y"), ("", "z"),
        ("3.", "p"), ("1.", "q"), ("2.", "r"), ("4.", "s"),
    ]  # fmt: skip
