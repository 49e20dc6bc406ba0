"""Supplier scorecards and the supplier comparison behind ``policy-lint vet``.

Which supplier a document belongs to (docs/vet.md "Suppliers") is decided in
``supplier_folders`` (re-exported here): a folder given is one supplier or a register of
suppliers, and suppliers from different folders that share a name are kept apart.

A supplier scorecard combines the supplier's documents the way the organisation scorecard
does (STANDARDS.md "Scores"): its contracts and service specifications are judged under
``chscp-commissioning`` and its own policies under ``chscp-leaders`` (each document gets the
packs for its type, ``api.packs_for``); per standard the card keeps the best status any of
its documents reaches, and which document and sentence give the evidence. The score and RAG
use the same formula over those best statuses. Suppliers are ranked by score (highest first;
unscored last, a supplier with no documents at all after those), then fewer unreadable
documents, more standards met, and name. A supplier folder holding no documents is still a
supplier: it gets a card with no rows, RAG ``none`` and a failed gate, never a pass.

Pure: no I/O; ``Comparison`` is what every comparison reporter renders.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from .findings import Finding, Severity, Status
from .scorecard import (
    RAG_ERROR,
    RAG_NONE,
    DocumentResult,
    RuleInfo,
    Thresholds,
    organisation_scorecard,
)
from .supplier_folders import (  # re-exported: where vet and its tests have found them
    AUTO,
    FOLDER_MODES,
    REGISTER,
    SUPPLIER,
    UNGROUPED,
    FolderReading,
    read_folders,
    supplier_by_config,
    supplier_by_folder,
    supplier_name,
)

__all__ = [
    "AUTO", "FOLDER_MODES", "REGISTER", "SUPPLIER", "UNGROUPED", "Comparison", "FolderReading",
    "SupplierCard", "SupplierRow", "compare", "empty_card", "group", "read_folders",
    "supplier_by_config", "supplier_by_folder", "supplier_card", "supplier_name",
    "unreadable_failure",
]


@dataclass(frozen=True, slots=True)
class SupplierRow:
    """One standard on a supplier's scorecard.

    Attributes:
        rule_id, name, title, weight, critical: From the rule.
        status: Best status any of the supplier's documents reaches.
        document: Path of the document giving that status ("" when none applies).
        quote: First evidence sentence from that document ("" for not met / n/a).
        location: Where the quote is (``Evidence.location()``), or "".
    """

    rule_id: str
    name: str
    title: str
    weight: int
    critical: bool
    status: Status
    document: str = ""
    quote: str = ""
    location: str = ""


@dataclass(frozen=True, slots=True)
class SupplierCard:
    """A supplier's combined scorecard.

    Attributes:
        name: Supplier name.
        rank: 1-based position in the comparison.
        documents: The supplier's document results, in discovery order.
        rows: One per standard applied to any of its documents, sorted by rule id.
        score: 0–100 (one decimal) over the best statuses, ``None`` if nothing applies.
        rag: ``green`` / ``amber`` / ``red`` / ``none`` (nothing applies, or no documents),
            or ``error`` when no document could be read.
        gaps: Rule ids that apply but that no document meets.
        gate_failures: Why the supplier fails its gate (empty: passes).
    """

    name: str
    rank: int
    documents: tuple[DocumentResult, ...]
    rows: tuple[SupplierRow, ...]
    score: float | None
    rag: str
    gaps: tuple[str, ...] = ()
    gate_failures: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        """True when the supplier meets its gate."""
        return not self.gate_failures

    @property
    def errors(self) -> int:
        """Documents that could not be read."""
        return sum(1 for d in self.documents if d.error)

    def count(self, status: Status) -> int:
        """Standards whose best status is ``status``."""
        return sum(1 for r in self.rows if r.status is status)

    def row(self, rule_id: str) -> SupplierRow | None:
        """The row for ``rule_id``, if that rule applied to any document."""
        return next((r for r in self.rows if r.rule_id == rule_id), None)


@dataclass(frozen=True, slots=True)
class Comparison:
    """Suppliers side by side; what the comparison reporters render.

    Attributes:
        suppliers: Ranked best first (all of them, or only failing ones when filtered).
        rules: Metadata of every rule in any supplier's rows, sorted by id.
        thresholds: RAG thresholds.
        fail_under: Supplier score gate, if any.
        version: policy-lint version.
        hidden: Suppliers left out by a filter (``--failing-only``).
    """

    suppliers: tuple[SupplierCard, ...]
    rules: tuple[RuleInfo, ...] = ()
    thresholds: Thresholds = field(default_factory=Thresholds)
    fail_under: float | None = None
    version: str = ""
    hidden: int = 0

    @property
    def passed(self) -> bool:
        """True when every supplier (shown or hidden) meets its gate."""
        return all(s.passed for s in self.suppliers)


def group(
    documents: Sequence[DocumentResult], supplier_of: Callable[[str], str]
) -> dict[str, list[DocumentResult]]:
    """Documents per supplier, suppliers sorted by name, documents in input order."""
    out: dict[str, list[DocumentResult]] = {}
    for doc in documents:
        out.setdefault(supplier_of(doc.path), []).append(doc)
    return {k: out[k] for k in sorted(out)}


def _evidence(doc: DocumentResult | None, rule_id: str) -> tuple[str, str]:
    hit: Finding | None = None
    if doc is not None:
        hit = next((f for f in doc.findings if f.rule_id == rule_id), None)
    if hit is None or not hit.evidence:
        return "", ""
    return hit.evidence[0].quote, hit.evidence[0].location()


def supplier_card(
    name: str,
    documents: Sequence[DocumentResult],
    thresholds: Thresholds,
    fail_under: float | None = None,
) -> SupplierCard:
    """Combine one supplier's documents into its scorecard (rank 0 until ranked).

    The gate fails when the score is under ``fail_under``, an error-severity standard is
    met by no document, or a document could not be read.
    """
    org = organisation_scorecard(documents, thresholds)
    by_path = {d.path: d for d in documents if not d.error}
    meta = {f.rule_id: f for d in by_path.values() for f in d.findings}
    rows: list[SupplierRow] = []
    for r in org.rows:
        quote, location = _evidence(by_path.get(r.document), r.rule_id)
        rows.append(SupplierRow(
            r.rule_id, r.name, r.title, r.weight, meta[r.rule_id].critical, r.status,
            r.document, quote, location,
        ))
    readable = bool(by_path)
    failures: list[str] = []
    if fail_under is not None and (org.score is None or org.score < fail_under):
        shown = "no score" if org.score is None else f"score {org.score:g}"
        failures.append(f"{shown} is under --fail-under {fail_under:g}")
    for row in rows:
        if row.status is Status.NOT_MET and meta[row.rule_id].severity is Severity.ERROR:
            failures.append(
                f"{row.rule_id} ({row.name}) is an error-severity rule no document meets"
            )
    bad = sum(1 for d in documents if d.error)
    if bad:
        failures.append(unreadable_failure(bad))
    return SupplierCard(
        name=name, rank=0, documents=tuple(documents), rows=tuple(rows),
        score=org.score if readable else None, rag=org.rag if readable else RAG_ERROR,
        gaps=org.gaps, gate_failures=tuple(failures),
    )


def unreadable_failure(count: int) -> str:
    """The gate failure for ``count`` unreadable documents (reporters list them under it)."""
    return f"{count} document{'s' if count != 1 else ''} could not be read"


def empty_card(name: str, folder: str) -> SupplierCard:
    """The card of a supplier whose folder holds no documents: no score, gate failed.

    Args:
        name: Supplier name.
        folder: The folder, as the user will recognise it (named in the gate failure).
    """
    return SupplierCard(
        name=name, rank=0, documents=(), rows=(), score=None, rag=RAG_NONE,
        gate_failures=(f"no documents found in {folder}",),
    )


def _rank_key(card: SupplierCard) -> tuple[int, int, float, int, int, int, str]:
    score = card.score if card.score is not None else -1.0
    return (
        card.score is None, not card.documents, -score, card.errors, -card.count(Status.MET),
        -card.count(Status.PARTLY_MET), card.name,
    )


def compare(
    documents: Sequence[DocumentResult],
    supplier_of: Callable[[str], str],
    rules: Sequence[RuleInfo],
    thresholds: Thresholds,
    fail_under: float | None = None,
    failing_only: bool = False,
    version: str = "",
    empty: Mapping[str, str] | None = None,
) -> Comparison:
    """Group, score and rank suppliers.

    Args:
        documents: Every document result of the run.
        supplier_of: ``path -> supplier name`` (``supplier_by_folder`` or a config mapping).
        rules: Rule metadata (``Result.rules``); only rules some supplier was judged on
            become columns.
        thresholds: RAG thresholds.
        fail_under: Supplier score gate.
        failing_only: Keep only suppliers that fail their gate (the others count as
            ``hidden``).
        version: policy-lint version, for the reports.
        empty: Supplier name → folder, for supplier folders holding no documents; each
            becomes an ``empty_card`` unless documents of that name were found elsewhere.

    Returns:
        The ``Comparison``; ranks are over all suppliers, before any filtering.
    """
    groups = group(documents, supplier_of)
    cards = [supplier_card(name, docs, thresholds, fail_under) for name, docs in groups.items()]
    cards += [empty_card(n, f) for n, f in (empty or {}).items() if n not in groups]
    ranked = sorted(cards, key=_rank_key)
    ranked = [_with_rank(c, i + 1) for i, c in enumerate(ranked)]
    shown = [c for c in ranked if not failing_only or not c.passed]
    used = {r.rule_id for c in ranked for r in c.rows}
    return Comparison(
        suppliers=tuple(shown),
        rules=tuple(r for r in sorted(rules, key=lambda r: r.id) if r.id in used),
        thresholds=thresholds,
        fail_under=fail_under,
        version=version,
        hidden=len(ranked) - len(shown),
    )


def _with_rank(card: SupplierCard, rank: int) -> SupplierCard:
    return replace(card, rank=rank)
