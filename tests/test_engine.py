"""The engine on small in-test packs (independent of the shipped rules)."""

import pytest
from engine_fixtures import CONDUCT_RULE, LOG_RULE, make_pack, rule, status
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_lint.engine import INTERNAL_ERROR, evaluate
from policy_lint.findings import Status
from policy_lint.kinds import KINDS, Kind
from policy_lint.ruletest import parse_string


@pytest.fixture
def make(tmp_path):
    return lambda *rules: make_pack(tmp_path, *rules)


def test_firm_statement_is_met_with_evidence(make):
    rules = make(LOG_RULE)
    f = status(rules, "# Policy\n\nIntro line.\n\nAll racist incidents must be logged on CPOMS.\n")
    assert f.status is Status.MET
    assert f.missing == ()
    (ev,) = f.evidence
    assert ev.quote == "All racist incidents must be logged on CPOMS."
    assert (ev.span.file, ev.span.line, ev.span.column) == ("doc.md", 5, 1)
    assert ev.heading_path == ("Policy",)
    assert (ev.element, ev.strength, ev.scope) == ("logs", "firm", "full")
    assert f.message == "Met: logs racist incidents."


def test_negated_is_not_met_and_says_why(make):
    rules = make(LOG_RULE)
    f = status(rules, "We do not currently log racist incidents.")
    assert f.status is Status.NOT_MET
    assert f.evidence == ()
    assert f.missing == ("logs",)
    assert "only negated, 'not'" in f.message


def test_weak_commitment_is_partly_met(make):
    rules = make(LOG_RULE)
    f = status(rules, "Where possible, racist incidents will be logged.")
    assert f.status is Status.PARTLY_MET
    assert f.evidence[0].strength == "weak"
    assert f.missing == ("logs",)
    assert "weak ('Where possible')" in f.message


def test_should_is_firm_in_policy_weak_in_contract(make):
    rules = make(LOG_RULE)
    text = "Racist incidents should be logged by the provider."
    assert status(rules, text, "policy").status is Status.MET
    assert status(rules, text, "code_of_conduct").status is Status.MET
    assert status(rules, text, "contract").status is Status.PARTLY_MET


def test_weak_ok_counts_a_weak_commitment(make):
    rules = make(
        rule(
            "T-09",
            """\
            elements:
              - id: audit
                description: a right to audit
                all: [[audit*]]
                weak_ok: true
            """,
        )
    )
    f = status(rules, "The Authority may audit the Supplier's equality records.", "contract")
    assert f.status is Status.MET
    assert f.evidence[0].strength == "weak"


@pytest.mark.parametrize(
    "text, expected, scope",
    [
        ("All incidents of discrimination must be logged.", Status.PARTLY_MET, "general"),
        (
            # Race among the grounds of the incidents to log: operative, so full (GUIDE §3).
            "Incidents of bias on grounds of age, disability, race or sex must be logged.",
            Status.MET,
            "full",
        ),
        (
            "The protected characteristics are age, disability, race and sex; all incidents "
            "of harassment must be logged.",
            Status.PARTLY_MET,
            "general",
        ),
        (
            "Incidents of harassment because of race, colour or ethnic origin must be logged.",
            Status.MET,
            "full",
        ),
        ("Racially motivated incidents must be logged.", Status.MET, "full"),
        ("All IT security incidents must be logged.", Status.NOT_MET, None),
    ],
)
def test_topic_full_general_or_not_about_it(make, text, expected, scope):
    f = status(make(LOG_RULE), text)
    assert f.status is expected
    assert [e.scope for e in f.evidence] == ([scope] if scope else [])


@pytest.mark.parametrize(
    "text",
    [
        'The charter says "racist incidents must be logged".',
        "> Racist incidents must be logged.\n",
        "# Racist incidents must be logged\n\nSee the procedure.\n",
        "## Wording to avoid\n\nRacist incidents must be logged.\n",
        "Avoid phrases such as racist incidents must be logged.",
    ],
)
def test_quotes_headings_and_avoid_examples_never_count(make, text):
    assert status(make(LOG_RULE), text).status is Status.NOT_MET


def test_paragraph_scope_links_sentences(make):
    rules = make(CONDUCT_RULE)
    f = status(rules, "Racism is not tolerated here. Breaches lead to dismissal.")
    assert f.status is Status.MET
    assert [e.element for e in f.evidence] == ["unacceptable", "sanctions", "sanctions"]
    assert [e.quote for e in f.evidence][1:] == [
        "Breaches lead to dismissal.",
        "Racism is not tolerated here.",
    ] or [e.quote for e in f.evidence][1:] == [
        "Racism is not tolerated here.",
        "Breaches lead to dismissal.",
    ]
    # The sanction in another paragraph has no racism in its unit: not linked.
    f = status(rules, "Racism is not tolerated here.\n\nBreaches lead to dismissal.\n")
    assert f.status is Status.PARTLY_MET
    assert f.missing == ("sanctions",)


def test_one_element_alone_or_general_wording_is_partly_met(make):
    rules = make(CONDUCT_RULE)
    assert status(rules, "Racism has zero tolerance here.").status is Status.PARTLY_MET
    f = status(rules, "Harassment is unacceptable and will lead to disciplinary action.")
    assert f.status is Status.PARTLY_MET
    assert {e.scope for e in f.evidence} == {"general"}
    assert "about equality in general, not racism" in f.message


@pytest.mark.parametrize(
    "scope, expected",
    [
        ("sentence", Status.NOT_MET),
        ("paragraph", Status.NOT_MET),
        ("section", Status.MET),
        ("document", Status.MET),
    ],
)
def test_scopes(make, scope, expected):
    rules = make(
        rule(
            "T-03",
            f"""\
            elements:
              - id: both
                description: incidents and a timescale
                all: [incident, timescale]
                scope: {scope}
            """,
        )
    )
    text = "## Incidents\n\nIncidents are logged.\n\nAnswers come within 5 days.\n"
    assert status(rules, text).status is expected


def test_section_scope_stops_at_the_next_heading(make):
    rules = make(
        rule(
            "T-04",
            """\
            elements:
              - id: both
                description: incidents and a timescale
                all: [incident, timescale]
                scope: section
            """,
        )
    )
    text = "## A\n\nIncidents are logged.\n\n## B\n\nAnswers come within 5 days.\n"
    assert status(rules, text).status is Status.NOT_MET


def test_near_requires_the_term_next_to_the_anchor(make):
    rules = make(
        rule(
            "T-05",
            """\
            topic: racism
            elements:
              - id: respond
                description: responds to racism complaints in time
                all: [respond]
                scope: paragraph
                near: {terms: timescale, within: sentence}
            """,
        )
    )
    ok = "We will respond to complaints about racism within 10 working days."
    apart = "We will respond to complaints about racism. Reviews happen within 10 days."
    assert status(rules, ok).status is Status.MET
    assert status(rules, apart).status is Status.NOT_MET


def test_under_heading_and_unless(make):
    rules = make(
        rule(
            "T-06",
            """\
            elements:
              - id: logs
                description: logs incidents under a racism heading
                all: [incident, logged]
                under_heading: [[racis*]]
                unless: [[IT security]]
            """,
        )
    )
    assert status(rules, "## Racist incidents\n\nIncidents are logged.\n").status is Status.MET
    assert status(rules, "## Health and safety\n\nIncidents are logged.\n").status is Status.NOT_MET
    text = "## Racist incidents\n\nIT security incidents are logged.\n"
    assert status(rules, text).status is Status.NOT_MET


def test_heading_sets_topic_and_later_sets(make):
    rules = make(
        rule(
            "T-07",
            """\
            topic: racism
            elements:
              - id: logs
                description: logs incidents
                all: [incident, logged]
                heading_sets_topic: true
            """,
        )
    )
    assert status(rules, "## Racism\n\nIncidents are logged.\n").status is Status.MET
    assert status(rules, "## Racism\n\nIncidents are filed.\n").status is Status.NOT_MET
    assert status(rules, "## Incidents logged\n\nRacism matters.\n").status is Status.NOT_MET


def test_met_when_list_and_partly_when_none(make):
    rules = make(
        rule(
            "T-08",
            """\
            topic: racism
            elements:
              - id: unacceptable
                description: racism is unacceptable
                all: [unacceptable]
              - id: sanctions
                description: sanctions
                all: [sanction]
            met_when: [unacceptable]
            partly_when: none
            """,
        )
    )
    assert status(rules, "Racism is unacceptable.").status is Status.MET
    assert status(rules, "Where possible, racism is unacceptable.").status is Status.NOT_MET


def test_not_applicable_and_rule_order(make):
    rules = make(
        LOG_RULE, CONDUCT_RULE.replace("[policy, contract, code_of_conduct]", "[strategy]")
    )
    findings = evaluate(parse_string("Racist incidents must be logged."), rules, "policy")
    assert [(f.rule_id, f.status) for f in findings] == [
        ("T-01", Status.MET),
        ("T-02", Status.NOT_APPLICABLE),
    ]
    assert findings[1].message == "Not applicable: applies to strategy, not policy."
    assert findings[1].evidence == ()


def test_a_crashing_rule_becomes_an_internal_error_finding(make, monkeypatch):
    rules = make(LOG_RULE, CONDUCT_RULE)
    real = KINDS["requirement"]

    def boom(rule, index):
        if rule.id == "T-01":
            raise ZeroDivisionError("boom")
        return real.evaluate(rule, index)

    monkeypatch.setitem(KINDS, "requirement", Kind("requirement", True, evaluate=boom))
    findings = evaluate(parse_string("Racism is unacceptable."), rules, "policy")
    assert findings[0].status is Status.NOT_MET
    assert findings[0].message.startswith(f"{INTERNAL_ERROR} T-01 (ZeroDivisionError: boom)")
    assert findings[1].status is Status.PARTLY_MET


def test_near_within_paragraph(make):
    rules = make(
        rule(
            "T-10",
            """\
            elements:
              - id: respond
                description: responds in time
                all: [respond]
                near: {terms: timescale, within: paragraph}
            """,
        )
    )
    same = "We will respond to every complaint. Replies come within 10 days."
    apart = "We will respond to every complaint.\n\nReplies come within 10 days.\n"
    assert status(rules, same).status is Status.MET
    assert status(rules, apart).status is Status.NOT_MET


_PIECES = [
    "Racism is unacceptable.",
    "We do not currently log racist incidents.",
    "Where possible, staff should report racism within 5 days.",
    '> "Racist incidents must be logged."',
    "## Wording to avoid",
    "# Sanctions",
    "- Staff who breach this code will face disciplinary action.",
    "Discrimination on grounds of age, disability, race or sex is prohibited.",
    "Café staff’s ‘hostile’ remarks — not tolerated.",
    "",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.sampled_from(["policy", "contract"]))
def test_shipped_rules_never_crash_and_are_deterministic(pieces, doc_type):
    from policy_lint.engine import flag_wording
    from policy_lint.packs import available_packs, load_packs

    rules = load_packs(tuple(available_packs()))
    doc = parse_string("\n\n".join(pieces) + "\n")
    first = evaluate(doc, rules, doc_type)
    assert not any(f.message.startswith(INTERNAL_ERROR) for f in first)
    assert evaluate(parse_string("\n\n".join(pieces) + "\n"), rules, doc_type) == first
    assert all(f.term for f in flag_wording(doc, rules))


def test_race_among_grounds_of_a_prohibition_is_full_topic(make):
    rules = make(CONDUCT_RULE)
    f = status(
        rules,
        "Harassment because of age, disability, race or religion is unacceptable and will "
        "lead to dismissal.",
    )
    assert f.status is Status.MET
    assert {e.scope for e in f.evidence} == {"full"}


def test_race_in_a_descriptive_list_is_general_topic(make):
    rules = make(CONDUCT_RULE)
    f = status(
        rules,
        "The protected characteristics are age, disability, race and religion. Harassment is "
        "unacceptable and will lead to dismissal.",
    )
    assert f.status is Status.PARTLY_MET


def test_breach_of_this_code_takes_the_documents_racism_duty(make):
    rules = make(CONDUCT_RULE)
    text = (
        "# Code\n\n## Fairness\n\nRacist remarks are unacceptable.\n\n"
        "## Breaches\n\nA breach of this code will lead to dismissal.\n"
    )
    f = status(rules, text, "code_of_conduct")
    assert f.status is Status.MET
    assert [e.quote for e in f.evidence if e.element == "sanctions"] == [
        "Racist remarks are unacceptable.",
        "A breach of this code will lead to dismissal.",
    ]


def test_titles_name_lists_and_definitions_are_never_evidence(make):
    rules = make(LOG_RULE)
    text = (
        "Racist Incident Logging Procedure\n\n"
        "Related: Anti-Racism Policy; Racist Incident Logging Procedure.\n\n"
        "A racist incident means any incident logged by a person who perceives it as racist.\n\n"
        "All racist incidents must be logged on CPOMS.\n"
    )
    f = status(rules, text)
    assert f.status is Status.MET
    assert [e.quote for e in f.evidence] == ["All racist incidents must be logged on CPOMS."]


def test_a_definition_alone_meets_nothing(make):
    rules = make(LOG_RULE)
    f = status(rules, "A racist incident means any incident logged as racist by the victim.")
    assert f.status is Status.NOT_MET
