"""Hand-built findings and results for scorecard and reporter tests (no engine needed)."""

from __future__ import annotations

from policy_lint.findings import Evidence, Finding, Flag, Severity, Status
from policy_lint.model import SourceSpan
from policy_lint.scorecard import (
    DocumentResult,
    Result,
    RuleInfo,
    Thresholds,
    organisation_scorecard,
    score_document,
)

T = Thresholds()


def finding(rule_id, status, *, weight=1, critical=False, severity=Severity.WARNING,
            quote="", span=None, waived="", name=None, help="Say it plainly.",
            model_clause="We will do it."):
    evidence = ()
    if quote:
        evidence = (Evidence(quote, span or SourceSpan("doc.md", line=3, column=1,
                                                       end_line=3, end_column=len(quote) + 1),
                             ("Policy",)),)
    return Finding(rule_id, "chscp-leaders", name or f"rule-{rule_id[-2:]}", f"Title of {rule_id}",
                   status, severity, weight, critical, evidence,
                   () if status is Status.MET else ("element-a",),
                   f"{status.label}", help, model_clause, waived)


def doc(path, findings, *, flags=(), fail_under=None, doc_type="policy", fmt="markdown",
        title="A policy", warnings=()):
    base = DocumentResult(path, fmt, title, doc_type, "front matter says policy",
                          ("chscp-leaders",), tuple(findings), tuple(flags), tuple(warnings))
    return score_document(base, T, fail_under)


def error_doc(path, message="no such file", code="unreadable"):
    return score_document(DocumentResult(path, error=f"{path}: {message}", error_code=code),
                          T, None)


def flag(path="doc.md", term="race", line=7):
    return Flag("AR-W01", "chscp-language", Severity.WARNING, term,
                "Use 'ethnicity' to describe people or records.",
                SourceSpan(path, line=line, column=5), f"Record the {term} of each child.")


def result(*docs):
    rules = tuple(sorted({f.rule_id: RuleInfo(f.rule_id, f.pack, f.name, f.title, "Leaders",
                                              f.help, f.model_clause, f.severity.value,
                                              f.weight, f.critical)
                          for d in docs for f in d.findings}.values(), key=lambda r: r.id))
    org = organisation_scorecard(docs, T) if len(docs) > 1 else None
    return Result(tuple(docs), org, rules, T, "0.1.0")


def sample_result():
    """Two readable documents (one with a waiver and hostile text) and one unreadable."""
    good = doc("good.md", [
        finding("AR-L01", Status.MET, weight=3, critical=True,
                quote="Racism exists in our society and we are actively anti-racist."),
        finding("AR-L11", Status.PARTLY_MET, weight=2, quote="Racism is unacceptable."),
        finding("AR-L02", Status.NOT_APPLICABLE),
    ], flags=[flag("good.md")])
    bad = doc("bad <script>.md", [
        finding("AR-L01", Status.NOT_MET, weight=3, critical=True, severity=Severity.ERROR),
        finding("AR-L11", Status.NOT_MET, weight=2, waived="new policy due in March"),
        finding("AR-L13", Status.PARTLY_MET, weight=1,
                quote="=HYPERLINK(\"http://x\") <script>alert(1)</script>\x1b[31m"),
    ], title="<b>Bold</b>")
    return result(good, bad, error_doc("missing.docx"))
