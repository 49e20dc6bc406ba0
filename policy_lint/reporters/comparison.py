"""Supplier comparison reports: suppliers × standards, ranked (``policy-lint vet``).

``COMPARISON_REPORTERS`` maps a format to a pure ``render(comparison) -> str``: ``text`` (an
aligned matrix with status symbols, then each supplier's evidence), ``csv`` (one row per
supplier, one column per standard; formula-injection safe as in ``csv_format``), ``json``
(sorted keys, no timestamps: byte-identical for the same input; shape
``schemas/comparison.schema.json``) and ``html`` (``comparison_html``). Every format is
built from ``comparison_to_dict`` so they all say the same thing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from ..findings import Status
from ..suppliers import Comparison, SupplierCard, unreadable_failure
from ._common import RAG_LABEL, clean
from .csv_format import neutralise

#: Status → one-character symbol (text and HTML); ``-`` when a rule applied to no document.
SYMBOLS = {"met": "●", "partly_met": "◐", "not_met": "○", "not_applicable": "·", "": "-"}
LEGEND = "● met  ◐ partly met  ○ not met  · not applicable  - not judged"
#: What a supplier with no documents shows in place of statuses (text and HTML).
NO_DOCUMENTS = "no documents"


def _short(rule_id: str) -> str:
    """``AR-C01`` → ``C01`` (column headings)."""
    return rule_id.split("-", 1)[-1]


def supplier_to_dict(card: SupplierCard, rule_ids: list[str]) -> dict[str, Any]:
    """One supplier as plain data."""
    standards: dict[str, Any] = {}
    for rid in rule_ids:
        row = card.row(rid)
        if row is not None:
            standards[rid] = {
                "status": row.status.value, "document": row.document,
                "quote": row.quote, "location": row.location,
            }
    return {
        "rank": card.rank,
        "name": card.name,
        "score": card.score,
        "rag": card.rag,
        "passed": card.passed,
        "gate_failures": list(card.gate_failures),
        "gaps": list(card.gaps),
        "counts": {
            "documents": len(card.documents), "errors": card.errors,
            **{s.value: card.count(s) for s in Status},
        },
        "documents": [
            {"path": d.path, "doc_type": d.doc_type, "score": d.score, "rag": d.rag,
             "error": d.error}
            for d in card.documents
        ],
        "standards": standards,
    }


def comparison_to_dict(comp: Comparison) -> dict[str, Any]:
    """The whole comparison as plain data (``schemas/comparison.schema.json``)."""
    ids = [r.id for r in comp.rules]
    return {
        "tool": {"name": "policy-lint", "version": comp.version},
        "thresholds": {"green": comp.thresholds.green, "amber": comp.thresholds.amber},
        "fail_under": comp.fail_under,
        "passed": comp.passed,
        "hidden": comp.hidden,
        "rules": [
            {"id": r.id, "pack": r.pack, "name": r.name, "title": r.title,
             "weight": r.weight, "critical": r.critical}
            for r in comp.rules
        ],
        "suppliers": [supplier_to_dict(c, ids) for c in comp.suppliers],
    }


def render_json(comp: Comparison) -> str:
    """JSON text (sorted keys, two-space indent) ending in a newline."""
    return json.dumps(comparison_to_dict(comp), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def render_csv(comp: Comparison) -> str:
    """CSV (RFC 4180, CRLF): rank, supplier, score, RAG, gate, counts, one status per rule."""
    ids = [r.id for r in comp.rules]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([
        "rank", "supplier", "score", "rag", "passed", "documents", "errors", "met",
        "partly_met", "not_met", *ids,
    ])
    for card in comp.suppliers:
        cells = [
            str(card.rank), card.name, "" if card.score is None else f"{card.score:g}",
            card.rag, str(card.passed).lower(), str(len(card.documents)), str(card.errors),
            str(card.count(Status.MET)), str(card.count(Status.PARTLY_MET)),
            str(card.count(Status.NOT_MET)),
        ]
        for rid in ids:
            row = card.row(rid)
            cells.append("" if row is None else row.status.value)
        writer.writerow([neutralise(clean(c)) for c in cells])
    return buf.getvalue()


def render_text(comp: Comparison) -> str:
    """Plain text: a ranked matrix with status symbols, then per supplier its evidence."""
    ids = [r.id for r in comp.rules]
    names = [clean(c.name, 32) for c in comp.suppliers]
    width = max([len("supplier"), *map(len, names)])
    head = f"{'#':>3}  {'supplier':<{width}}  {'score':>5}  {'RAG':<6}  " + " ".join(
        f"{_short(i):<3}" for i in ids
    )
    lines = [
        f"Supplier comparison — {len(comp.suppliers)} supplier"
        f"{'s' if len(comp.suppliers) != 1 else ''}, ranked by score",
        LEGEND, "", head.rstrip(),
    ]
    for card, name in zip(comp.suppliers, names, strict=True):
        marks = []
        for rid in ids:
            row = card.row(rid)
            marks.append(f"{SYMBOLS[row.status.value if row else '']:<3}")
        if not card.documents:
            marks = [NO_DOCUMENTS]
        gate = "" if card.passed else "  ✗ gate"
        lines.append(
            f"{card.rank:>3}  {name:<{width}}  {_score(card.score):>5}  "
            f"{RAG_LABEL.get(card.rag, card.rag):<6}  {' '.join(marks)}".rstrip() + gate
        )
    for card in comp.suppliers:
        lines += ["", _card_text(card)]
    if comp.hidden:
        lines += ["", f"{comp.hidden} passing supplier{'s' if comp.hidden != 1 else ''} hidden "
                  "(--failing-only)"]
    failed = sum(1 for c in comp.suppliers if not c.passed)
    total = len(comp.suppliers) + comp.hidden
    lines += ["", f"{total} supplier{'s' if total != 1 else ''} · {failed} failed the gate"]
    return "\n".join(lines) + "\n"


def _card_text(card: SupplierCard) -> str:
    from .text import error_reason  # lazily: rich is not needed for --help

    docs = len(card.documents)
    head = (
        f"{card.rank}. {clean(card.name)} — score {_score(card.score)} "
        f"({RAG_LABEL.get(card.rag, card.rag)}), {docs} document{'s' if docs != 1 else ''}"
    )
    if not docs:
        head = f"{card.rank}. {clean(card.name)} — {NO_DOCUMENTS}"
    if card.errors:
        head += f", {card.errors} unreadable"
    out = [head]
    for row in card.rows:
        if row.status is Status.NOT_APPLICABLE:
            continue
        line = f"   {SYMBOLS[row.status.value]} {row.rule_id} {row.name}: {row.status.label}"
        if row.quote:
            line += f" — {clean(row.document)} ({clean(row.location)}): “{clean(row.quote, 120)}”"
        out.append(line)
    unreadable = unreadable_failure(card.errors) if card.errors else None
    for g in card.gate_failures:
        out.append(f"   ✗ {clean(g)}")
        if g == unreadable:
            out += [
                f"       {clean(d.path)}: {clean(error_reason(d), 200)}"
                for d in card.documents if d.error
            ]
    return "\n".join(out)


def render_html(comp: Comparison) -> str:
    """A self-contained HTML page (``comparison_html``)."""
    from .comparison_html import render

    return render(comparison_to_dict(comp))


#: format name → renderer.
COMPARISON_REPORTERS: dict[str, Callable[[Comparison], str]] = {
    "text": render_text,
    "csv": render_csv,
    "json": render_json,
    "html": render_html,
}

#: Conventional file suffix per format.
COMPARISON_SUFFIXES = {"text": ".txt", "csv": ".csv", "json": ".json", "html": ".html"}
