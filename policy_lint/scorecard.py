"""Scorecards: a score, a RAG rating and a gate for each document, and an organisation view.

Source: ``STANDARDS.md`` "Scores". A document's score is
``100 × Σ(weight × credit) / Σ(weight of applicable rules)`` with credit 1 for met, 0.5 for
partly met and 0 for not met; RAG is Green at or above ``green`` (default 80), Amber at or
above ``amber`` (default 50), Red below; a critical rule not met keeps a document off Green.
Waived rules leave both sums (they are shown and counted, not scored). The organisation
scorecard gives, per standard, the best status any document reaches and which document.

This module is pure: no I/O, no clock (``today`` is passed in), no imports of parsers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .findings import Finding, Flag, Severity, Status
from .text.titles import tidy_title

if TYPE_CHECKING:
    from .model import Document

#: Status order, best first, for the organisation scorecard.
_RANK = {Status.MET: 0, Status.PARTLY_MET: 1, Status.NOT_MET: 2, Status.NOT_APPLICABLE: 3}

RAG_GREEN, RAG_AMBER, RAG_RED, RAG_ERROR, RAG_NONE = "green", "amber", "red", "error", "none"


def display_title(doc: Document) -> str:
    """The title reports show: the tidied metadata title, else the first heading, else ``""``.

    ``Document.title`` takes the metadata title as it is, so a DOCX whose core properties say
    "(anonymous)" would be shown under that name; here a placeholder counts as no title and
    the first heading is used (reports always show the file name as well).
    """
    title = tidy_title(doc.metadata.get("title", ""))
    if title:
        return title
    for section in doc.sections:
        if section.heading:
            return section.heading
    return ""


@dataclass(frozen=True, slots=True)
class Thresholds:
    """RAG thresholds in score points (0–100): Green ≥ ``green``, Amber ≥ ``amber``."""

    green: float = 80.0
    amber: float = 50.0


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """Rule metadata carried in a result (for SARIF ``rules`` and report legends).

    Attributes mirror ``packs.Rule``: id, pack, name, title, source (charter section),
    help, model_clause, severity (as configured), weight (1–3), critical.
    """

    id: str
    pack: str
    name: str
    title: str
    source: str = ""
    help: str = ""
    model_clause: str = ""
    severity: str = "warning"
    weight: int = 1
    critical: bool = False


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Everything known about one checked document (or why it could not be read).

    Attributes:
        path: The path as given / discovered.
        format: ``docx``, ``pdf``, ``markdown``, ``text`` or ``""`` when unreadable.
        title: Document title ("" if none).
        doc_type: One of the STANDARDS.md document types ("" when unreadable).
        doc_type_reason: Why that type was chosen.
        packs: Pack ids applied.
        findings: One per rule (waivers and severity overrides applied).
        flags: Wording flags (pack ``chscp-language``).
        warnings: Reader and config warnings (e.g. tracked changes, expired waivers).
        error: One-line ``DocumentError`` message when unreadable, else ``""``.
        error_code: ``DocumentError.code`` when unreadable.
        score: 0–100 rounded to one decimal, ``None`` when unreadable or nothing applies.
        rag: ``green`` / ``amber`` / ``red`` / ``error`` / ``none``.
        gate_failures: Why the document fails its gate (empty tuple = passes).
        fail_under: The score gate applied, if any.
    """

    path: str
    format: str = ""
    title: str = ""
    doc_type: str = ""
    doc_type_reason: str = ""
    packs: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    flags: tuple[Flag, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str = ""
    error_code: str = ""
    score: float | None = None
    rag: str = RAG_NONE
    gate_failures: tuple[str, ...] = ()
    fail_under: float | None = None

    @property
    def passed(self) -> bool:
        """True when the document meets its gate."""
        return not self.gate_failures

    @property
    def applicable(self) -> tuple[Finding, ...]:
        """Findings for rules that apply to this document's type."""
        return tuple(f for f in self.findings if f.status is not Status.NOT_APPLICABLE)

    def count(self, status: Status) -> int:
        """How many applicable, unwaived findings have ``status``."""
        return sum(1 for f in self.findings if f.status is status and not f.waived)

    @property
    def waived(self) -> tuple[Finding, ...]:
        """Findings a configured waiver applies to."""
        return tuple(f for f in self.findings if f.waived)


@dataclass(frozen=True, slots=True)
class OrgRow:
    """One standard on the organisation scorecard.

    Attributes:
        rule_id, name, title, weight: From the rule.
        status: The best status any document reaches (``not_applicable`` if none applies).
        document: Path of the document giving that status ("" if none).
        statuses: ``(path, status)`` for every readable document, in input order.
    """

    rule_id: str
    name: str
    title: str
    weight: int
    status: Status
    document: str
    statuses: tuple[tuple[str, Status], ...] = ()


@dataclass(frozen=True, slots=True)
class OrgScorecard:
    """Organisation scorecard: the best status per standard across a set of documents."""

    rows: tuple[OrgRow, ...]
    score: float | None
    rag: str
    gaps: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Result:
    """The whole outcome of a ``check`` run; every reporter renders one of these.

    Attributes:
        documents: One per input path, in input order.
        organisation: Set when more than one document could be read.
        rules: Metadata of every rule applied to any document, sorted by id.
        thresholds: RAG thresholds used.
        version: policy-lint version.
    """

    documents: tuple[DocumentResult, ...]
    organisation: OrgScorecard | None = None
    rules: tuple[RuleInfo, ...] = ()
    thresholds: Thresholds = field(default_factory=Thresholds)
    version: str = ""

    @property
    def passed(self) -> bool:
        """True when every document meets its gate."""
        return all(d.passed for d in self.documents)

    @property
    def errors(self) -> int:
        """Number of unreadable documents."""
        return sum(1 for d in self.documents if d.error)


def compute_score(findings: Iterable[Finding]) -> float | None:
    """Score 0–100 (one decimal) from findings, or ``None`` when no weighted rule applies.

    Waived and not-applicable findings are left out of both sums (STANDARDS.md "Scores").
    """
    total = 0.0
    got = 0.0
    for f in findings:
        if f.status is Status.NOT_APPLICABLE or f.waived:
            continue
        total += f.weight
        got += f.weight * f.status.credit
    if total <= 0:
        return None
    return round(100.0 * got / total, 1)


def rag_for(score: float | None, findings: Iterable[Finding], thresholds: Thresholds) -> str:
    """RAG colour for a score; a critical rule not met (and not waived) is never Green."""
    if score is None:
        return RAG_NONE
    critical_gap = any(
        f.critical and f.status is Status.NOT_MET and not f.waived for f in findings
    )
    if score >= thresholds.green and not critical_gap:
        return RAG_GREEN
    if score >= thresholds.amber:
        return RAG_AMBER
    return RAG_RED


def gate_failures(
    score: float | None, findings: Sequence[Finding], fail_under: float | None
) -> tuple[str, ...]:
    """Reasons a document fails its gate (DESIGN.md "Exit status"); empty when it passes.

    A gate fails when the score is under ``fail_under`` or an ``error``-severity rule is not
    met (waived rules never fail a gate).
    """
    reasons: list[str] = []
    if fail_under is not None and score is not None and score < fail_under:
        reasons.append(f"score {score:g} is under --fail-under {fail_under:g}")
    for f in findings:
        if f.severity is Severity.ERROR and f.status is Status.NOT_MET and not f.waived:
            reasons.append(f"{f.rule_id} ({f.name}) is an error-severity rule and is not met")
    return tuple(reasons)


def score_document(
    base: DocumentResult, thresholds: Thresholds, fail_under: float | None
) -> DocumentResult:
    """Return ``base`` with score, RAG and gate filled in from its findings.

    An unreadable document (``base.error`` set) gets RAG ``error`` and always fails its gate.
    """
    from dataclasses import replace

    if base.error:
        return replace(
            base, score=None, rag=RAG_ERROR, gate_failures=(base.error,), fail_under=fail_under
        )
    score = compute_score(base.findings)
    return replace(
        base,
        score=score,
        rag=rag_for(score, base.findings, thresholds),
        gate_failures=gate_failures(score, base.findings, fail_under),
        fail_under=fail_under,
    )


def organisation_scorecard(
    documents: Sequence[DocumentResult], thresholds: Thresholds
) -> OrgScorecard:
    """Best status per standard across readable documents, and which document gives it.

    Ties go to the first document in input order. The organisation score uses the same
    formula over the best statuses; ``gaps`` lists standards that apply somewhere but that
    no document meets.
    """
    readable = [d for d in documents if not d.error]
    meta: dict[str, Finding] = {}
    for doc in readable:
        for f in doc.findings:
            meta.setdefault(f.rule_id, f)
    rows: list[OrgRow] = []
    for rule_id in sorted(meta):
        best: tuple[Status, str] = (Status.NOT_APPLICABLE, "")
        statuses: list[tuple[str, Status]] = []
        for doc in readable:
            hit = next((x for x in doc.findings if x.rule_id == rule_id), None)
            status = Status.NOT_APPLICABLE if hit is None else hit.status
            statuses.append((doc.path, status))
            if _RANK[status] < _RANK[best[0]]:
                best = (status, doc.path)
        first = meta[rule_id]
        rows.append(
            OrgRow(
                rule_id, first.name, first.title, first.weight, best[0], best[1], tuple(statuses)
            )
        )
    synthetic = [
        Finding(
            r.rule_id, "", r.name, r.title, r.status, weight=r.weight,
            critical=meta[r.rule_id].critical,
        )
        for r in rows
    ]
    score = compute_score(synthetic)
    gaps = tuple(r.rule_id for r in rows if r.status is Status.NOT_MET)
    return OrgScorecard(tuple(rows), score, rag_for(score, synthetic, thresholds), gaps)
