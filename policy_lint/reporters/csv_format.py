"""CSV: one row per document × rule (an unreadable document is one row with status ``error``).

Cells that begin with ``=``, ``+``, ``-``, ``@``, tab or carriage return are prefixed with an
apostrophe so a spreadsheet shows them as text instead of running them as formulas (OWASP,
"CSV Injection"). Standard library ``csv`` with CRLF line ends (RFC 4180).
"""

from __future__ import annotations

import csv
import io

from ..findings import Finding
from ..scorecard import DocumentResult, Result
from ._common import advice, clean, distinct_evidence, status_key, where

COLUMNS = (
    "path", "title", "doc_type", "score", "rag", "passed", "rule_id", "rule_name", "status",
    "severity", "weight", "critical", "waived_reason", "location", "evidence", "advice",
    "model_clause",
)
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Prefix a cell a spreadsheet would read as a formula with ``'``."""
    return "'" + cell if cell.startswith(_DANGEROUS) else cell


def _row(doc: DocumentResult, f: Finding | None) -> list[str]:
    score = "" if doc.score is None else f"{doc.score:g}"
    head = [doc.path, clean(doc.title), doc.doc_type, score, doc.rag, str(doc.passed).lower()]
    if f is None:
        return head + ["", "", "error", "", "", "", "", "", "", clean(doc.error), ""]
    quote = " | ".join(clean(e.quote, 300) for e in distinct_evidence(f))
    gap = f.status.value in ("partly_met", "not_met")
    return head + [
        f.rule_id, f.name, status_key(f), f.severity.value, str(f.weight),
        str(f.critical).lower(), clean(f.waived), where(f) if f.evidence else "", quote,
        advice(f) if gap else "", clean(f.model_clause) if gap else "",
    ]


def render(result: Result) -> str:
    """CSV text with a header row."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for doc in result.documents:
        rows = [_row(doc, None)] if doc.error else [_row(doc, f) for f in doc.findings]
        for row in rows:
            writer.writerow([neutralise(clean(c)) for c in row])
    return buf.getvalue()
