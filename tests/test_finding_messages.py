"""Finding messages never name an element as both found and missing.

A rule whose ``met_when`` lists element ids has partial-credit stand-ins for them
(``docs/rule-format.md`` §5). Beside a listed element found, a stand-in read as a
contradiction: "found: seeks feedback on anti-racist practice …; missing: seeks feedback or
comments of any kind", or "found: train staff in equality …; found: train staff … on no stated
equality topic". The stand-in is now named only when no listed element was found.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_lint.api import check_paths
from policy_lint.engine import evaluate
from policy_lint.findings import Finding, Status
from policy_lint.packs import load_packs
from policy_lint.ruletest import parse_string

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

FEEDBACK = "seeks feedback on anti-racist practice from staff, children, families or communities"
COMMUNICATE = "communicates positive examples of, or progress on, anti-racist practice"
CHALLENGE = "commits to challenge and tackle racism wherever it is identified"
ANY_FEEDBACK = (
    "seeks feedback or comments of any kind (staff or family surveys, consultation)"
    " — partial credit only"
)


def _finding(path: Path, rule_id: str) -> Finding:
    result = check_paths([str(path)])
    (doc,) = result.documents
    return next(f for f in doc.findings if f.rule_id == rule_id)


def _l07(text: str) -> Finding:
    doc = parse_string(text, "policy.md")
    findings = evaluate(doc, load_packs(("chscp-leaders",)), "policy")
    return next(f for f in findings if f.rule_id == "AR-L07")


def test_stand_in_not_called_missing_beside_the_element_found() -> None:
    # Before: "...; missing: seeks feedback or comments of any kind ... — partial credit only."
    f = _finding(ROOT / "sample_policies" / "dignity_at_work_policy_tracked.docx", "AR-L07")
    assert f.status is Status.PARTLY_MET
    assert f.message == (
        f"Partly met: found: {FEEDBACK}; missing: {COMMUNICATE}; found: {CHALLENGE}."
    )


def test_stand_in_not_called_found_beside_the_element_found() -> None:
    # Before: "... train its staff in equality ...; found, but weak ('should'): ... train its
    # staff, in a contract that has equality obligations, on no stated equality topic ..."
    f = _finding(ROOT / "sample_policies" / "supplier_contract.pdf", "AR-C04")
    assert f.status is Status.PARTLY_MET
    assert f.message == (
        "Partly met: found, but weak ('should'): obliges the supplier to train its staff in "
        "equality, diversity or anti-racist practice."
    )


def test_met_message_names_only_the_elements_that_earn_it() -> None:
    f = _finding(ROOT / "sample_policies" / "anti_racism_strategy.docx", "AR-L07")
    assert f.status is Status.MET
    assert f.message == f"Met: {FEEDBACK}; {COMMUNICATE}; {CHALLENGE}."


def test_real_corpus_procedure_explained_in_writing_only() -> None:
    path = SHARED / "corpus/real/markdown/newstead-preschool-disciplinary-procedure.md"
    if not path.is_file():
        pytest.skip("../shared corpus not available")
    f = _finding(path, "AR-P04")
    assert f.status is Status.PARTLY_MET
    assert f.message == (
        "Partly met: missing: tells practitioners to explain the process (what will happen, "
        "how to complain) to the family in person or verbally; found: tells practitioners to "
        "give the same explanation in writing (a letter, leaflet or easy-read guide)."
    )


def test_stand_in_alone_is_named_as_the_partial_credit() -> None:
    f = _l07("# Staff survey\n\nWe run a staff survey every year and act on what staff tell us.\n")
    assert f.status is Status.PARTLY_MET
    assert f.message == (
        f"Partly met: missing: {FEEDBACK}; missing: {COMMUNICATE}; missing: {CHALLENGE}; "
        f"found: {ANY_FEEDBACK}."
    )


def test_nothing_found_names_the_stand_in_as_missing_too() -> None:
    f = _l07("# Leave\n\nStaff may take annual leave after booking it with their manager.\n")
    assert f.status is Status.NOT_MET
    assert f.message == (
        f"Not met: missing: {FEEDBACK}; missing: {COMMUNICATE}; missing: {CHALLENGE}; "
        f"missing: {ANY_FEEDBACK}."
    )


@pytest.mark.parametrize("sample", ["sample_policies", "corpus/real"])
def test_no_stand_in_is_named_beside_a_found_element(sample: str) -> None:
    base = ROOT / sample if sample == "sample_policies" else SHARED / sample
    if not base.is_dir():
        pytest.skip("../shared corpus not available")
    packs = ("chscp-leaders", "chscp-practice", "chscp-commissioning")
    rules = {r.id: r for r in load_packs(packs)}
    checked = 0
    for doc in check_paths([str(base)]).documents:
        for f in doc.findings:
            rule = rules.get(f.rule_id)
            if rule is None or not isinstance(rule.met_when, tuple):
                continue
            main = [e.description for e in rule.elements if e.id in rule.met_when]
            stand_ins = [e.description for e in rule.elements if e.id not in rule.met_when]
            if f.status is Status.MET or any(
                d in f.message and f"missing: {d}" not in f.message for d in main
            ):
                checked += 1
                assert not any(d in f.message for d in stand_ins), (doc.path, f.message)
    assert checked >= 5
