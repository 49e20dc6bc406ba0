"""Cross-references inside a document ("breaches clause 12"): parsing, targets, engine use."""

import pytest
from engine_fixtures import LOG_RULE, make_pack, rule, status

from policy_lint.findings import Status
from policy_lint.kinds._index import DocIndex
from policy_lint.kinds._refs import reference_keys, references
from policy_lint.ruletest import parse_string


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("If the Supplier breaches clause 12, the Council may terminate.", [("clause", "12")]),
        ("Sub-contractors shall comply with Clause 14.2(a).", [("clause", "14.2")]),
        (
            "Clauses 12, 13 and 14.2 survive termination.",
            [("clause", "12"), ("clause", "13"), ("clause", "14.2")],
        ),
        ("It must meet the requirements in section 4 of this specification.", [("clause", "4")]),
        ("As set out in Schedule 4 and Appendix 2.", [("schedule", "4"), ("appendix", "2")]),
        ("See paragraph 3.1 and Part 2.", [("clause", "3.1"), ("part", "2")]),
        # Other instruments are not this document.
        ("It shall meet the duty under section 149 of the Equality Act 2010.", []),
        ("Its duty under section 149 of that Act applies.", []),
        ("Children Act 1989, section 17 applies.", []),
        ("Staff will take part in section 47 enquiries.", []),
        ("See paragraph 4 of the Disciplinary Policy.", []),
        ("Clause headings are for convenience only.", []),
    ],
)
def test_reference_keys(text, keys):
    assert list(reference_keys(text)) == keys


CONTRACT = """\
# Contract

## 1. Definitions

Working Day means a weekday.

## 12. Equality and anti-racism

12.1 The Supplier shall comply with the Equality Act 2010.

12.3 The Supplier shall record every racist incident.

## 15. Remedies

15.1 If the Supplier breaches clause 12, the Council may terminate this Contract.

15.2 The Supplier shall report incidents recorded under clause 12.3 monthly.

15.3 The Council may suspend payment for a breach of clause 1.

15.4 A breach of clause 40 is a material breach.
"""


def _index(text: str) -> DocIndex:
    return DocIndex(parse_string(text, "doc.md"), "contract")


def _targets_of(idx: DocIndex, sentence: str) -> list[str]:
    (i,) = [rec.index for rec in idx.sents if rec.raw.startswith(sentence)]
    return [idx.sents[j].raw for j in references(idx).targets(i)]


def test_targets_are_the_heading_or_numbered_paragraph_and_its_clause_title():
    idx = _index(CONTRACT)
    assert _targets_of(idx, "15.1") == ["12. Equality and anti-racism"]
    assert _targets_of(idx, "15.2") == [
        "12.3 The Supplier shall record every racist incident.",
        "12. Equality and anti-racism",
    ]
    assert _targets_of(idx, "15.3") == ["1. Definitions"]
    assert _targets_of(idx, "15.4") == []  # no clause 40
    assert _targets_of(idx, "Working Day") == []  # no reference


def test_a_clause_without_a_title_reads_as_its_numbered_subclauses():
    idx = _index(
        "# Contract\n\n12.1 The Supplier shall comply with the Equality Act 2010.\n\n"
        "12.2 The Supplier shall record every racist incident.\n\n"
        "20.1 A breach of clause 12 is a material breach.\n"
    )
    assert _targets_of(idx, "20.1") == [
        "12.1 The Supplier shall comply with the Equality Act 2010.",
        "12.2 The Supplier shall record every racist incident.",
    ]


def test_a_number_two_paragraphs_start_with_is_ambiguous_and_not_followed():
    idx = _index(
        "# Policy\n\n12.1 The school records racist incidents.\n\n"
        "12.1 The Governors review the budget.\n\nSee paragraph 12.1 for details.\n"
    )
    assert _targets_of(idx, "See paragraph 12.1") == []


def test_a_markdown_list_is_numbered_as_shown_so_a_reference_finds_its_item():
    # "1." written twice in one list shows as 1 and 2 (CommonMark), so "paragraph 2" is the
    # second item, not an ambiguous pair of "1."s.
    idx = _index(
        "# Policy\n\n1. The school records racist incidents.\n\n"
        "1. The Governors review the budget.\n\nSee paragraph 2 for details.\n"
    )
    assert _targets_of(idx, "See paragraph 2") == ["The Governors review the budget."]


def test_a_sentence_starting_with_a_reference_is_not_a_target():
    idx = _index(
        "# Contract\n\nClause 14 applies to racist incidents.\n\n"
        "Clause 2: Payment\n\nThe Supplier shall comply with clause 14 and clause 2.\n"
    )
    assert _targets_of(idx, "The Supplier shall comply") == ["Clause 2: Payment"]


REMEDY_PACK = """\
id: test-pack
title: Test pack
version: 1.0.0
source: tests
terms:
  remedy: [~terminate, remediation plan*]
  equality: [equality, racis*, anti-racis*, discriminat*]
  breach: [breach*]
  incident: [incident*]
  logged: [~log, record*]
  respond: [~respond, ~investigate]
"""

REMEDY_RULE = rule(
    "T-10",
    """\
    topic: any
    elements:
      - id: equality_remedy
        description: remedies for breach of the equality clause
        all: [remedy, equality, breach]
        heading_sets_topic: true
        weak_ok: true
    """,
)


@pytest.fixture
def remedy_rules(tmp_path):
    return make_pack(tmp_path, REMEDY_RULE, pack=REMEDY_PACK)


def test_a_breach_of_the_equality_clause_by_number_is_a_remedy_for_it(remedy_rules):
    f = status(remedy_rules, CONTRACT.replace("15.4", "Note:"), "contract")
    assert f.status is Status.MET
    assert [e.quote for e in f.evidence] == [
        "15.1 If the Supplier breaches clause 12, the Council may terminate this Contract."
    ]


def test_a_breach_of_another_clause_or_a_missing_one_is_not(remedy_rules):
    text = (
        "# Contract\n\n## 2. Payment\n\n2.1 The Council shall pay invoices.\n\n"
        "## 9. Termination\n\n9.1 The Council may terminate for a breach of clause 2.\n\n"
        "9.2 The Council may terminate for a breach of clause 31.\n\n"
        "9.3 The Council may terminate for a breach of section 149 of the Equality Act 2010 "
        "by the Council.\n"
    )
    f = status(remedy_rules, text.replace(" of the Equality Act 2010", ""), "contract")
    assert f.status is Status.NOT_MET
    # A sentence that names equality itself still counts, reference or not.
    assert status(remedy_rules, text, "contract").status is Status.MET


def test_a_reference_gives_a_racism_rule_its_topic(tmp_path):
    rules = make_pack(tmp_path, LOG_RULE)
    base = "# Policy\n\n## 4. {title}\n\nStaff must act.\n\n## 9. Records\n\n{line}\n"
    line = "Every incident under section 4 must be logged."
    f = status(rules, base.format(title="Racist incidents", line=line))
    assert f.status is Status.MET
    assert [(e.quote, e.scope) for e in f.evidence] == [(line, "full")]
    assert status(rules, base.format(title="Bullying and discrimination", line=line)).status is (
        Status.PARTLY_MET
    )
    assert status(rules, base.format(title="Fire safety", line=line)).status is Status.NOT_MET


def test_a_reference_in_a_section_unit_supplies_a_missing_set(tmp_path):
    respond = rule(
        "T-11",
        """\
        topic: racism
        elements:
          - id: respond
            description: responds to racist incidents
            all: [respond, incident]
            scope: section
            heading_sets_topic: true
        """,
    )
    rules = make_pack(tmp_path, respond, pack=REMEDY_PACK)
    text = (
        "# Policy\n\n## 4. Racist incidents\n\nStaff must log what they see.\n\n"
        "## 9. Review\n\nManagers will investigate everything logged under section {n} "
        "within five days.\n"
    )
    f = status(rules, text.format(n=4))
    assert f.status is Status.MET
    assert [e.quote for e in f.evidence] == [
        "Managers will investigate everything logged under section 4 within five days."
    ]
    assert status(rules, text.format(n=7)).status is Status.NOT_MET


def test_a_computed_number_is_a_target_though_not_in_the_text():
    # A Markdown ordered list's number is the item's label, not its text (PITFALLS P14);
    # Word's automatic numbering reaches Block.label the same way.
    idx = _index(
        "# Contract\n\n"
        "7. The Supplier shall comply with the Equality Act 2010 and tackle racism.\n"
        "8. The Supplier shall keep accounts.\n\n"
        "A breach of paragraph 7 is a material breach.\n"
    )
    item = [rec for rec in idx.sents if rec.raw.startswith("The Supplier shall comply")][0]
    assert item.block.label == "7."
    assert _targets_of(idx, "A breach of paragraph 7") == [
        "The Supplier shall comply with the Equality Act 2010 and tackle racism."
    ]
