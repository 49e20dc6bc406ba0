"""Sentence splitter and normaliser: exact splits and offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policy_lint.text.normalise import collapse_spaces, normalise, normalise_text
from policy_lint.text.sentences import split_sentences


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We ban slurs, e.g. insults. Staff must report it, i.e. Tell HR.",
            ["We ban slurs, e.g. insults.", "Staff must report it, i.e. Tell HR."],
        ),
        ("Insults, slurs etc. are banned. Next.", ["Insults, slurs etc. are banned.", "Next."]),
        ("Insults, slurs etc. The Board decides.", ["Insults, slurs etc. The Board decides."]),
        (
            "See No. 5 and s. 4.2 of the Act. Then para. 3.1.2 applies.",
            ["See No. 5 and s. 4.2 of the Act.", "Then para. 3.1.2 applies."],
        ),
        ("We say no. Then we go.", ["We say no.", "Then we go."]),
        (
            "J. R. Smith and J.R.R. Tolkien wrote it. Annex A. The next.",
            ["J. R. Smith and J.R.R. Tolkien wrote it.", "Annex A.", "The next."],
        ),
        (
            "Mr. Smith and Dr. Jones met. Yes! Really? yes.",
            ["Mr. Smith and Dr. Jones met.", "Yes!", "Really? yes."],
        ),
        (
            "3.1 The Supplier shall comply. 3.2 The Buyer may audit.",
            ["3.1 The Supplier shall comply.", "3.2 The Buyer may audit."],
        ),
        (
            "3. The Supplier shall comply. 4.2. The Buyer may audit.",
            ["3. The Supplier shall comply.", "4.2. The Buyer may audit."],
        ),
        (
            "(a) The supplier shall act. iv. The buyer shall pay.",
            ["(a) The supplier shall act.", "iv. The buyer shall pay."],
        ),
        (
            "We will... consider it. Wait... The end.",
            ["We will... consider it.", "Wait...", "The end."],
        ),
        (
            "Fees rise 3.5 per cent. Visit https://x.org/a.b?c=1 now. Mail j.smith@x.org. Done",
            [
                "Fees rise 3.5 per cent.",
                "Visit https://x.org/a.b?c=1 now.",
                "Mail j.smith@x.org.",
                "Done",
            ],
        ),
        ('He said "Stop." Then left.', ['He said "Stop."', "Then left."]),
        ("In section 3. The rest follows.", ["In section 3.", "The rest follows."]),
        ("a list item without a full stop", ["a list item without a full stop"]),
        ("Line one.\nLine two.", ["Line one.", "Line two."]),
        ("Semi; colon: no split", ["Semi; colon: no split"]),
        ("  Ends here.   ", ["Ends here."]),
        ("", []),
        ("   ", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_offsets_are_exact() -> None:
    assert split_sentences("  One.  Two three. ") == [(2, 6), (8, 18)]


@given(st.text(alphabet=st.sampled_from(list('aA1. !?\n"(e.g)')), max_size=120))
def test_spans_cover_every_non_space_character_in_order(text: str) -> None:
    spans = split_sentences(text)
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())
    assert all(a < b for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))


def test_large_block_is_linear_enough() -> None:
    text = "Racism is not tolerated here. " * 20000
    assert len(split_sentences(text)) == 20000


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u201czero tolerance\u201d and don\u2019t", '"zero tolerance" and don\'t'),
        ("a\u00a0b\u202fc\u2009d\te", "a b c d e"),
        ("zero\u200bwidth\u200d\u2060join\ufeff", "zerowidthjoin"),
        ("anti\u00adracism non\u2011binary", "antiracism non-binary"),
        ("\ufb01ne \ufb02ow o\ufb03ce", "fine flow office"),
        ("a \u2013 b \u2014 c", "a \u2013 b \u2014 c"),
        ("plain ascii", "plain ascii"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw).text == expected
    assert normalise_text(raw) == expected


def test_normalise_offsets_map_back() -> None:
    norm = normalise("a\u00adb \ufb01x \u2019q")
    assert norm.text == "ab fix 'q"
    assert [norm.to_original(i) for i in range(len(norm.text) + 1)] == [
        0,
        2,
        3,
        4,
        4,
        5,
        6,
        7,
        8,
        9,
    ]
    assert normalise("unchanged").origin is None
    assert normalise("unchanged").to_original(4) == 4


def test_collapse_spaces() -> None:
    assert collapse_spaces("  a \n\t b  ") == "a b"
