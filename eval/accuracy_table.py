"""Print the per-rule figures of a ``policy-lint eval --format json`` result as Markdown.

Usage: ``policy-lint eval eval/labels.yaml --format json | python eval/accuracy_table.py``;
paste the output into ``docs/accuracy.md`` ("Current figures").
"""

from __future__ import annotations

import json
import sys
from typing import Any


def pct(value: float | None) -> str:
    """``0.8125`` → ``81.2%``; ``None`` → ``—``."""
    return "—" if value is None else f"{100 * value:.1f}%"


def table(result: dict[str, Any]) -> str:
    """The per-rule table and the overall confusion matrix, in Markdown."""
    rows = [
        "| rule | n | agreement | precision | recall | F1 | evidence (n) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    items = sorted(result["rules"].items(), key=lambda kv: (kv[0][3] != "L", kv[0]))
    for name, s in [*items, ("**overall**", result["overall"])]:
        p = s["present"]
        rows.append(
            f"| {name} | {s['n']} | {pct(s['agreement'])} | {pct(p['precision'])} | "
            f"{pct(p['recall'])} | {pct(p['f1'])} | {pct(s['evidence_agreement'])} "
            f"({s['evidence_judged']}) |"
        )
    heads = ("met", "partly_met", "not_met")
    matrix = result["overall"]["confusion"]
    rows += ["", "| | met | partly met | not met |", "|---|---:|---:|---:|"]
    for e in heads:
        cells = " | ".join(str(matrix[e][g]) for g in heads)
        rows.append(f"| **{e.replace('_', ' ')}** | {cells} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    sys.stdout.write(table(json.load(sys.stdin)))
