"""Scores, RAG, gates and the organisation scorecard (STANDARDS.md "Scores")."""

import pytest
from scorecard_fixtures import T, doc, error_doc, finding

from policy_lint.findings import Severity, Status
from policy_lint.scorecard import (
    DocumentResult,
    Thresholds,
    compute_score,
    gate_failures,
    organisation_scorecard,
    rag_for,
    score_document,
)


def test_score_is_weighted_credit_over_applicable_weight():
    findings = [
        finding("AR-L01", Status.MET, weight=3),
        finding("AR-L05", Status.PARTLY_MET, weight=2),
        finding("AR-L09", Status.NOT_MET, weight=1),
        finding("AR-L02", Status.NOT_APPLICABLE, weight=3),
    ]
    # 100 × (3×1 + 2×0.5 + 1×0) / (3 + 2 + 1)
    assert compute_score(findings) == 66.7
    assert rag_for(66.7, findings, T) == "amber"


def test_waived_rules_leave_the_score_and_the_gate():
    findings = [
        finding("AR-L01", Status.MET, weight=1),
        finding("AR-L11", Status.NOT_MET, weight=3, severity=Severity.ERROR, waived="due 2027"),
    ]
    assert compute_score(findings) == 100.0
    assert gate_failures(100.0, findings, None) == ()


def test_nothing_applicable_gives_no_score():
    assert compute_score([finding("AR-L02", Status.NOT_APPLICABLE)]) is None
    assert rag_for(None, [], T) == "none"


@pytest.mark.parametrize(
    "score, rag", [(80.0, "green"), (79.9, "amber"), (50.0, "amber"), (49.9, "red"), (0.0, "red")]
)
def test_rag_boundaries(score, rag):
    assert rag_for(score, [], T) == rag


def test_rag_thresholds_are_configurable():
    strict = Thresholds(green=90, amber=70)
    assert rag_for(85.0, [], strict) == "amber"
    assert rag_for(65.0, [], strict) == "red"


def test_critical_rule_not_met_is_never_green():
    findings = [finding(f"AR-L0{i}", Status.MET, weight=3) for i in range(1, 8)]
    findings.append(finding("AR-L11", Status.NOT_MET, weight=1, critical=True))
    score = compute_score(findings)
    assert score == 95.5
    assert rag_for(score, findings, T) == "amber"
    waived = findings[:-1] + [finding("AR-L11", Status.NOT_MET, critical=True, waived="agreed")]
    assert rag_for(100.0, waived, T) == "green"


def test_gate_fails_on_fail_under_and_error_severity():
    findings = [
        finding("AR-L01", Status.MET, weight=1),
        finding("AR-L11", Status.NOT_MET, weight=1, severity=Severity.ERROR, name="conduct-clause"),
        finding("AR-L09", Status.NOT_MET, weight=1, severity=Severity.WARNING),
    ]
    assert gate_failures(33.3, findings, 50) == (
        "score 33.3 is under --fail-under 50",
        "AR-L11 (conduct-clause) is an error-severity rule and is not met",
    )
    partly = [finding("AR-L11", Status.PARTLY_MET, severity=Severity.ERROR)]
    assert gate_failures(50.0, partly, 50) == ()


def test_score_document_fills_score_rag_and_gate():
    d = doc("a.md", [finding("AR-L01", Status.MET), finding("AR-L05", Status.NOT_MET)],
            fail_under=60)
    assert (d.score, d.rag, d.passed) == (50.0, "amber", False)
    assert d.gate_failures == ("score 50 is under --fail-under 60",)


def test_unreadable_document_is_an_error_row_that_fails():
    d = error_doc("x.pdf", "encrypted — remove the password", "encrypted")
    assert (d.score, d.rag, d.passed) == (None, "error", False)
    assert d.gate_failures == ("x.pdf: encrypted — remove the password",)


def test_organisation_scorecard_best_status_and_source():
    a = doc("a.md", [finding("AR-L01", Status.PARTLY_MET, weight=3),
                     finding("AR-L11", Status.NOT_MET, weight=3),
                     finding("AR-L02", Status.NOT_APPLICABLE, weight=1)])
    b = doc("b.docx", [finding("AR-L01", Status.MET, weight=3),
                       finding("AR-L11", Status.NOT_MET, weight=3),
                       finding("AR-L02", Status.PARTLY_MET, weight=1)])
    c = doc("c.pdf", [finding("AR-L01", Status.MET, weight=3)])
    org = organisation_scorecard([a, error_doc("gone.md"), b, c], T)
    rows = {r.rule_id: r for r in org.rows}
    assert (rows["AR-L01"].status, rows["AR-L01"].document) == (Status.MET, "b.docx")
    assert (rows["AR-L02"].status, rows["AR-L02"].document) == (Status.PARTLY_MET, "b.docx")
    assert (rows["AR-L11"].status, rows["AR-L11"].document) == (Status.NOT_MET, "a.md")
    assert rows["AR-L01"].statuses == (
        ("a.md", Status.PARTLY_MET), ("b.docx", Status.MET), ("c.pdf", Status.MET)
    )
    assert org.gaps == ("AR-L11",)
    # 100 × (3 + 0.5 + 0) / 7
    assert (org.score, org.rag) == (50.0, "amber")


def test_document_counts_leave_out_waived():
    d = doc("a.md", [finding("AR-L01", Status.NOT_MET, waived="x"),
                     finding("AR-L05", Status.NOT_MET)])
    assert d.count(Status.NOT_MET) == 1
    assert [f.rule_id for f in d.waived] == ["AR-L01"]
    assert isinstance(d, DocumentResult) and score_document(d, T, None).score == 0.0
