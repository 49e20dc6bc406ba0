"""AR-L10: a record of racist incidents must name what it records in the recording sentence.

STANDARDS.md (AR-L10) asks for a system that records all racist incidents and observations.
A heading such as "Anti-Racism Policy" may give a sentence its topic (``heading_sets_topic``,
docs/rule-format.md §4.3) but not the thing recorded: "We will record the ethnicity of every
child" under it is equality monitoring data, not a record of racist incidents. These tests
run the real ``chscp-leaders`` pack on Markdown documents built in code.
"""

from __future__ import annotations

import pytest

from policy_lint.engine import evaluate
from policy_lint.findings import Finding, Status
from policy_lint.packs import load_packs
from policy_lint.ruletest import parse_string


@pytest.fixture(scope="module")
def leaders():  # type: ignore[no-untyped-def]
    return load_packs(("chscp-leaders",))


def _ar_l10(rules, text: str, doc_type: str = "policy") -> Finding:  # type: ignore[no-untyped-def]
    findings = evaluate(parse_string(text, "doc.md"), rules, doc_type)
    return next(f for f in findings if f.rule_id == "AR-L10")


def _cited(finding: Finding) -> list[tuple[str, str]]:
    return [(e.element, e.quote) for e in finding.evidence]


INVESTIGATE = "Any allegation of racism will be investigated."


@pytest.mark.parametrize("title", ["Anti-Racism Policy", "Records policy"])
def test_ethnicity_recording_is_not_an_incident_record_whatever_the_title(leaders, title):  # type: ignore[no-untyped-def]
    text = f"# {title}\n\nWe will record the ethnicity of every child.\n\n{INVESTIGATE}\n"
    finding = _ar_l10(leaders, text)
    assert finding.status is Status.PARTLY_MET
    assert finding.missing == ("record", "record_all")
    assert _cited(finding) == [("respond", INVESTIGATE)]


def test_ethnicity_of_people_in_an_incident_is_monitoring_data(leaders):  # type: ignore[no-untyped-def]
    sentence = "Staff will record the ethnicity of every pupil involved in an incident."
    finding = _ar_l10(leaders, f"# Anti-Racism Policy\n\n{sentence}\n\n{INVESTIGATE}\n")
    assert finding.status is Status.PARTLY_MET
    assert finding.missing == ("record", "record_all")
    assert {element for element, _ in _cited(finding)} == {"respond"}


def test_a_racism_heading_never_supplies_the_thing_recorded(leaders):  # type: ignore[no-untyped-def]
    finding = _ar_l10(leaders, f"# Racism\n\nWe will log everything on CPOMS.\n\n{INVESTIGATE}\n")
    assert finding.status is Status.PARTLY_MET
    assert finding.missing == ("record", "record_all")


def test_the_heading_still_gives_the_topic_when_the_sentence_names_the_incident(leaders):  # type: ignore[no-untyped-def]
    record = "Every incident must be logged on CPOMS on the same day."
    text = f"# Anti-Racism Policy\n\n{record}\n\n{INVESTIGATE}\n"
    finding = _ar_l10(leaders, text)
    assert finding.status is Status.MET
    assert finding.missing == ()
    assert ("record_all", record) in _cited(finding)
    assert all(e.scope == "full" for e in finding.evidence if e.quote == record)


def test_racist_conduct_named_in_the_recording_sentence_counts(leaders):  # type: ignore[no-untyped-def]
    record = (
        "All staff are required to challenge racist language and behaviour whenever they "
        "encounter it and to record it on CPOMS."
    )
    text = (
        f"## Responsibilities of staff\n\n{record} The Head of Inclusion will investigate every "
        "incident and agree actions with the families involved.\n"
    )
    finding = _ar_l10(leaders, text)
    assert finding.status is Status.MET
    assert ("record_all", record) in _cited(finding)


def test_a_racist_incident_record_that_also_notes_ethnicity_is_still_met(leaders):  # type: ignore[no-untyped-def]
    record = (
        "All racist incidents must be recorded on CPOMS, including the ethnicity of those involved."
    )
    finding = _ar_l10(leaders, f"# Behaviour policy\n\n{record}\n\n{INVESTIGATE}\n")
    assert finding.status is Status.MET
    assert ("record_all", record) in _cited(finding)
