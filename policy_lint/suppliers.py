"""Supplier scorecards and the supplier comparison behind ``policy-lint vet``.

Which supplier a document belongs to (docs/vet.md "Suppliers"): each folder given to ``vet``
is read either as a *supplier folder* (the folder is one supplier, named after it, holding
every document found anywhere inside it) or as a *register* (each folder directly inside it
is a supplier; documents lying loose in it are ``UNGROUPED``); ``read_folders`` decides which.
A file given on its own belongs to its folder's supplier. The config's ``suppliers:`` mapping
(glob → supplier name, first match wins) overrides all of this.

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

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .findings import Finding, Severity, Status
from .scorecard import (
    RAG_ERROR,
    RAG_NONE,
    DocumentResult,
    RuleInfo,
    Thresholds,
    organisation_scorecard,
)

#: Supplier name for files lying directly in a folder given to ``vet``.
UNGROUPED = "(ungrouped)"


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


#: How ``vet`` reads a folder given: decided per folder, or forced by ``--folders``.
AUTO, REGISTER, SUPPLIER = "auto", "register", "supplier"
FOLDER_MODES = (AUTO, REGISTER, SUPPLIER)


@dataclass(frozen=True, slots=True)
class FolderReading:
    """How the folders given to ``vet`` were read.

    Attributes:
        registers: Folders (as given) whose subfolders are the suppliers.
        suppliers: Folders (as given) that are each one supplier.
        notes: A ``note:`` line per judgement call: the reading used, how to get the other.
    """

    registers: tuple[str, ...] = ()
    suppliers: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def supplier_name(folder: str) -> str:
    """A supplier folder's supplier: its own name (``sup/AcmeCare/`` → ``AcmeCare``)."""
    return os.path.basename(os.path.normpath(os.path.abspath(folder))) or folder


def _inside(path: str, root: str) -> str | None:
    """``path`` relative to ``root`` if it lies in it (``.`` for ``root`` itself), else None."""
    rel = os.path.relpath(os.path.abspath(path), root)
    return None if rel == os.pardir or rel.startswith(os.pardir + os.sep) else rel


def read_folders(
    folders: Sequence[str], documents: Sequence[str], mode: str = AUTO
) -> FolderReading:
    """Decide, per folder given, whether it is a register or one supplier (docs/vet.md).

    The rule (``mode`` ``auto``), from where the documents found in the folder lie: only
    directly in it, or none at all: one supplier; only in its subfolders: a register (noted
    when several folders are given); both: a register when it is the only folder given
    (loose documents ``UNGROUPED``), else one supplier (noted either way).

    Args:
        folders: The folders given, as given (missing paths, files and globs left out).
        documents: Paths of every document (readable or not) the run will check.
        mode: ``auto``, or ``register`` / ``supplier`` to read every folder that way.

    Returns:
        The ``FolderReading``; folders keep their order.
    """
    registers: list[str] = []
    suppliers: list[str] = []
    notes: list[str] = []
    several = len(folders) > 1
    for folder in folders:
        root = os.path.abspath(folder)
        rels = [r for r in (_inside(d, root) for d in documents) if r is not None]
        nested = any(os.sep in r for r in rels)
        loose = any(os.sep not in r for r in rels)
        auto = REGISTER if nested and not (loose and several) else SUPPLIER
        kind = auto if mode == AUTO else mode
        (registers if kind == REGISTER else suppliers).append(folder)
        if mode != AUTO or not nested or not (loose or several):
            continue
        where = "both directly in it and in subfolders" if loose else "only in subfolders"
        if kind == REGISTER:
            how = "a register (each subfolder a supplier" + (
                f", documents directly in it as {UNGROUPED})" if loose else ")")
            other = "--folders supplier to read each folder given as one supplier"
        else:
            how = f"one supplier, {supplier_name(folder)}, as several folders were given"
            other = "--folders register to make its subfolders the suppliers"
        notes.append(f"note: {folder} holds documents {where}: read as {how} — give {other}")
    return FolderReading(tuple(registers), tuple(suppliers), tuple(notes))


def supplier_by_folder(
    registers: Sequence[str], suppliers: Sequence[str] = ()
) -> Callable[[str], str]:
    """Map a document path to its supplier by the folders given.

    The innermost folder given that holds the path decides: a supplier folder gives its own
    name (``supplier_name``); a register gives the first folder under it, or ``UNGROUPED``
    for a document lying directly in it. A path in no folder given belongs to its own
    folder's name.

    Args:
        registers: Folders read as registers.
        suppliers: Folders read as one supplier each.

    Returns:
        ``path -> supplier name``.
    """
    roots = [(os.path.abspath(r), False) for r in registers]
    roots += [(os.path.abspath(s), True) for s in suppliers]
    roots.sort(key=lambda r: -len(r[0]))

    def name(path: str) -> str:
        full = os.path.abspath(path)
        for root, whole in roots:
            rel = _inside(full, root)
            if rel is None or rel == os.curdir:
                continue
            if whole:
                return supplier_name(root)
            parts = rel.split(os.sep)
            return parts[0] if len(parts) > 1 else UNGROUPED
        return os.path.basename(os.path.dirname(full)) or UNGROUPED

    return name


def supplier_by_config(
    config_of: Callable[[str], Any], fallback: Callable[[str], str]
) -> Callable[[str], str]:
    """Map a path through its config's ``suppliers:`` globs (first match), else ``fallback``.

    Args:
        config_of: ``path -> Config`` (the config governing that document).
        fallback: Used when no ``suppliers:`` glob matches (usually ``supplier_by_folder``).
    """

    def name(path: str) -> str:
        cfg = config_of(path)
        for pattern, supplier in getattr(cfg, "suppliers", ()):
            if cfg.matches((pattern,), path):
                return str(supplier)
        return fallback(path)

    return name


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
