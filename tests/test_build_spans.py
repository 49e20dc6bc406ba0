"""The builder's fast model constructors and batch line locator give the ordinary objects."""

from __future__ import annotations

from dataclasses import asdict

from policy_lint.model import Sentence, SourceSpan, new_span
from policy_lint.parsers._build import DocumentBuilder, line_locator


def test_new_span_equals_the_dataclass_constructor() -> None:
    fast = new_span("a.md", None, None, 3, 5, 4, 2, "table", 1, 2, 3, None)
    slow = SourceSpan("a.md", line=3, column=5, end_line=4, end_column=2, container="table",
                      table=1, row=2, col=3)  # fmt: skip
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert asdict(fast) == asdict(slow)
    assert type(fast) is SourceSpan


def test_marks_match_one_call_per_pair_across_lines() -> None:
    src = "# T\n\nFirst line of text. Second\nline here. Third one.\n"
    starts = [0, 4, 5, 32, 54]
    base = src.index("First")
    bounds = [(0, 19), (20, 37), (38, 48)]  # "First … text.", "Second\nline here.", "Third one."
    one = line_locator("a.md", starts, base)
    out: list[int] = []
    line_locator("a.md", starts, base).marks(bounds, bounds, out)  # type: ignore[attr-defined]
    rows = [tuple(out[k : k + 7]) for k in range(0, len(out), 7)]
    assert [row[3:] for row in rows] == [
        (x.line, x.column, x.end_line, x.end_column) for x in (one(s, e) for s, e in bounds)
    ]
    assert rows == [
        (0, 19, 0, 3, 1, 3, 20),
        (20, 37, 0, 3, 21, 4, 11),
        (38, 48, 0, 4, 12, 4, 22),
    ]


def test_builder_sentences_and_spans_from_a_text_block() -> None:
    src = "Staff  must report racism. The Board will act.\n"
    builder = DocumentBuilder("a.txt", "text")
    locate = line_locator("a.txt", [0, len(src)], 0)
    builder.block("paragraph", src.rstrip("\n"), locate(0, 46), locate)
    (block,) = builder.build().sections[0].blocks
    assert [s.text for s in block.sentences] == ["Staff must report racism.", "The Board will act."]
    assert [(s.span.column, s.span.end_column) for s in block.sentences] == [(1, 27), (28, 47)]


def test_other_space_is_every_whitespace_but_the_space() -> None:
    import sys

    from policy_lint.parsers._build import OTHER_SPACE

    spaces = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()} - {" "}
    found = {ch for ch in spaces if OTHER_SPACE.fullmatch(ch)}
    assert found == spaces
    assert OTHER_SPACE.search("plain text, no odd spaces") is None


def test_uneven_spaces_are_collapsed_in_sentences_only() -> None:
    builder = DocumentBuilder("a.txt", "text")
    span = SourceSpan("a.txt", line=1)
    builder.block("paragraph", "Staff\u2028must act.  The Board\twill act.", span)
    (block,) = builder.build().sections[0].blocks
    assert block.text == "Staff\u2028must act.  The Board will act."
    assert [s.text for s in block.sentences] == ["Staff must act.", "The Board will act."]


def test_new_block_equals_the_dataclass_constructor() -> None:
    from policy_lint.model import Block, new_block

    span = SourceSpan("a.md", line=2)
    sentence = Sentence("All staff will act.", span, 0, 19)
    fast = new_block("list_item", "All staff will act.", span, (sentence,), 2, True, "4.2")
    assert fast == Block("list_item", "All staff will act.", span, (sentence,), 2, True, "4.2")
    assert type(fast) is Block


def test_fast_constructor_falls_back_for_other_shapes() -> None:
    from dataclasses import dataclass

    from policy_lint.model import _fast_new

    @dataclass(frozen=True, slots=True)
    class Three:
        a: int
        b: str
        c: tuple[int, ...]

    @dataclass(frozen=True)
    class Unslotted:
        a: int

    make = _fast_new(Three)
    assert make(1, "x", (2,)) == Three(1, "x", (2,))
    assert _fast_new(Unslotted) is Unslotted  # not slotted: the class itself
