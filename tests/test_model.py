"""The model's compact sentence list: same sentences, spans and JSON as plain tuples."""

from __future__ import annotations

import json
import pickle
from array import array

import pytest

from policy_lint.model import Block, Sentence, SentenceList, SourceSpan, Story
from policy_lint.parsers import DEFAULT_LIMITS
from policy_lint.parsers.markdown import parse as parse_markdown
from policy_lint.parsers.text import parse as parse_text

SPAN = SourceSpan("a.md", line=4, column=3, container="table", table=1, row=2, col=1)
TEXT = "Staff must report racism. The Board  will act."


def _marks() -> array[int]:
    # start, end, page, line, column, end_line, end_column (0 = None)
    return array("i", [0, 25, 0, 4, 3, 4, 28, 26, 46, 0, 4, 29, 5, 6])


def test_marks_become_sentences_with_the_block_span_fields() -> None:
    sentences = SentenceList(TEXT, SPAN, _marks(), even=False)
    assert len(sentences) == 2
    first, second = sentences
    assert first == Sentence(
        "Staff must report racism.",
        SourceSpan("a.md", None, None, 4, 3, 4, 28, "table", 1, 2, 1),
        0,
        25,
    )
    # Uneven spacing is folded in the sentence text, not in the offsets.
    assert second.text == "The Board will act."
    assert (second.start, second.end) == (26, 46)
    assert (second.span.line, second.span.column, second.span.end_line) == (4, 29, 5)
    assert sentences[-1] == second
    assert sentences[0:1] == (first,)
    with pytest.raises(IndexError):
        sentences[2]


def test_equal_to_the_tuple_of_the_same_sentences_and_hashes_alike() -> None:
    sentences = SentenceList(TEXT, SPAN, _marks(), even=False)
    plain = tuple(sentences)
    assert sentences == plain
    assert plain == sentences
    assert hash(sentences) == hash(plain)
    block_a = Block("table_cell", TEXT, SPAN, sentences)
    block_b = Block("table_cell", TEXT, SPAN, plain)
    assert block_a == block_b
    assert hash(block_a) == hash(block_b)
    assert sentences != plain[:1]


class _Later:
    """A ``SplitLater`` over the fixed marks, counting its calls."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def split(self) -> tuple[array[int], bool]:
        self.calls.append("split")
        return array("i", [0, 25, 26, 46]), False

    def locate(self, bounds: array[int]) -> array[int]:
        self.calls.append("locate")
        assert list(bounds) == [0, 25, 26, 46]
        return _marks()


def test_deferred_split_runs_once_on_first_use() -> None:
    later = _Later()
    sentences = SentenceList(TEXT, SPAN, deferred=later)
    assert later.calls == []
    assert [s.text for s in sentences] == ["Staff must report racism.", "The Board will act."]
    assert len(sentences) == 2
    assert sentences[1].start == 26
    assert later.calls == ["split", "locate"]


def test_pickles_as_its_marks() -> None:
    sentences = SentenceList(TEXT, SPAN, deferred=_Later())
    again = pickle.loads(pickle.dumps(sentences))
    assert again == sentences
    assert [s.text for s in again] == ["Staff must report racism.", "The Board will act."]


def test_bad_marks_are_refused() -> None:
    with pytest.raises(ValueError, match="multiple of 7"):
        SentenceList(TEXT, SPAN, array("i", [0, 25, 0]))
    with pytest.raises(ValueError, match="marks or a deferred split"):
        SentenceList(TEXT, SPAN)


def test_reader_sentences_are_lazy_and_give_exact_spans() -> None:
    src = b"# Policy\n\nAll staff must report racism. The Board will\nact on every report.\n"
    doc = parse_markdown("p.md", src, DEFAULT_LIMITS)
    block = doc.sections[0].blocks[1]
    assert isinstance(block.sentences, SentenceList)
    assert [
        (s.text, s.span.line, s.span.column, s.span.end_line, s.span.end_column)
        for s in block.sentences
    ] == [  # fmt: skip
        ("All staff must report racism.", 3, 1, 3, 30),
        ("The Board will act on every report.", 3, 31, 4, 21),
    ]


def test_to_dict_is_json_with_every_sentence() -> None:
    doc = parse_text("p.txt", b"Staff  must act. The Board will act.\n", DEFAULT_LIMITS)
    data = json.loads(json.dumps(doc.to_dict()))
    (block,) = data["sections"][0]["blocks"]
    assert list(block) == ["kind", "text", "span", "sentences", "level", "quoted", "label"]
    assert block["label"] == ""
    assert [
        (s["text"], s["start"], s["end"], s["span"]["column"], s["span"]["end_column"])
        for s in block["sentences"]
    ] == [  # fmt: skip
        ("Staff must act.", 0, 16, 1, 17),
        ("The Board will act.", 17, 36, 18, 37),
    ]
    assert block["span"]["line"] == 1
    assert data["format"] == "text"


def test_texts_are_the_sentence_texts_without_the_objects() -> None:
    sentences = SentenceList(TEXT, SPAN, _marks(), even=False)
    assert sentences.texts() == [s.text for s in sentences]
    assert sentences.texts() == ["Staff must report racism.", "The Board will act."]
    even = SentenceList("One. Two.", SPAN, array("i", [0, 4, 0, 1, 1, 1, 5, 5, 9, 0, 1, 6, 1, 10]))
    assert even.texts() == ["One.", "Two."]


def test_split_serves_len_and_texts_and_locations_wait_for_a_sentence() -> None:
    later = _Later()
    sentences = SentenceList(TEXT, SPAN, deferred=later)
    assert len(sentences) == 2
    assert sentences.texts() == ["Staff must report racism.", "The Board will act."]
    assert later.calls == ["split"]  # no source position worked out yet
    assert sentences[1].span.end_line == 5
    assert later.calls == ["split", "locate"]
    assert [s.span.column for s in sentences] == [3, 29]
    assert later.calls == ["split", "locate"]


def test_markdown_blocks_are_split_but_not_located_until_asked() -> None:
    doc = parse_markdown("p.md", b"# T\n\nOne. Two.\n", DEFAULT_LIMITS)
    block = doc.sections[0].blocks[1]
    assert block.sentences.texts() == ["One.", "Two."]  # type: ignore[attr-defined]
    assert block.sentences._marks is None  # type: ignore[attr-defined]
    assert [(s.span.line, s.span.column) for s in block.sentences] == [(3, 1), (3, 6)]


def test_a_header_or_note_paragraph_is_named_within_its_story() -> None:
    note = Story("footnote", note="2", ref_paragraph=6)
    assert SourceSpan("a.docx", paragraph=0, container="footnote", story=note).label() == (
        "footnote 2 (from ¶ 7)"
    )
    assert SourceSpan("a.docx", paragraph=1, container="footnote", story=note).label() == (
        "footnote 2 (from ¶ 7), its ¶ 2"
    )
    footer = Story("footer", section=2, variant="even")
    cell = SourceSpan("a.docx", paragraph=3, container="table", table=1, row=1, col=2,
                      story=footer)  # fmt: skip
    assert cell.label() == "section 2 footer (even), its ¶ 4, table row 1 col 2"
    assert SourceSpan("a.md", line=7, column=15, container="footnote",
                      story=Story("footnote", note="x", ref_line=3)).label() == (
        "line 7:15, footnote x (from line 3)"
    )  # fmt: skip
