"""Wording rules (kind ``wording``): flags, exceptions, exact locations."""

import pytest
from engine_fixtures import LOG_RULE, make_pack

from policy_lint.engine import INTERNAL_ERROR, evaluate, flag_wording
from policy_lint.kinds import KINDS, Kind
from policy_lint.ruletest import parse_string


@pytest.fixture
def make(tmp_path):
    return lambda *rules: make_pack(tmp_path, *rules)


WORDING = """\
id: W-01
name: ethnicity-not-race
title: Prefer ethnicity
source: tests
applies_to: [all]
kind: wording
terms:
  legislation: [Equality Act, legislation]
flag: [[race, races]]
except: [Race Equality Council]
unless: [legislation]
message: Use "ethnicity" rather than "race"
suggest: ethnicity
help: Prefer ethnicity when describing people.
examples:
  - {flags: [race], text: Record the child's race.}
"""


def test_wording_flags_with_exact_location(make):
    rules = make(WORDING, LOG_RULE)
    doc = parse_string(
        "# Records\n\nRecord the child's race and first language.\n\n"
        "Contact the Race Equality Council.\n\n"
        "Race is a protected characteristic under the Equality Act 2010.\n\n"
        "Use 'race' only in quotations.\n\n"
        "> The race of the child was not recorded.\n"
    )
    flags = flag_wording(doc, rules)
    assert [(f.rule_id, f.term, f.span.line, f.span.column) for f in flags] == [
        ("W-01", "race", 3, 20)
    ]
    assert flags[0].message == 'Use "ethnicity" rather than "race" (suggest "ethnicity")'
    assert flags[0].sentence == "Record the child's race and first language."
    # Wording rules give flags, never scorecard findings.
    assert [f.rule_id for f in evaluate(doc, rules, "policy")] == ["T-01"]


def test_wording_flag_on_a_later_line_of_a_paragraph(make):
    rules = make(WORDING)
    doc = parse_string("Intro line that wraps\nand then names race here.\n")
    (flag,) = flag_wording(doc, rules)
    assert (flag.span.line, flag.span.column) == (2, 16)


def test_a_crashing_wording_rule_gives_one_internal_error_flag(make, monkeypatch):
    rules = make(WORDING)

    def boom(rule, index):
        raise KeyError("x")

    monkeypatch.setitem(KINDS, "wording", Kind("wording", False, flags=boom))
    (flag,) = flag_wording(parse_string("Record the race.", "doc.md"), rules)
    assert flag.term == "" and flag.span.file == "doc.md"
    assert flag.message.startswith(f"{INTERNAL_ERROR} W-01 (KeyError: 'x')")
