"""HTML supplier comparison: one self-contained page (inline CSS, no scripts, no network).

Built with the standard library's ``html.escape`` on every piece of text taken from a
document, a path or a supplier name (quote=True, so attribute values are safe too), after
``_common.clean`` has removed control and bidi-override characters. A Content-Security-Policy
meta tag forbids any fetch. Contents: the ranked matrix suppliers × standards (symbol and
colour per status, score, RAG badge, gate), then per supplier each standard's best status
with the document and sentence that give it.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ._common import RAG_LABEL, clean

_SYMBOL = {"met": "●", "partly_met": "◐", "not_met": "○", "not_applicable": "·"}
_LABEL = {
    "met": "met", "partly_met": "partly met", "not_met": "not met",
    "not_applicable": "not applicable",
}
_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b;max-width:80rem}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem}
th{background:#f3f3f3;text-align:left}td.s{text-align:center;font-size:1.1rem}
.met{background:#d9f2d9}.partly_met{background:#fff1c2}.not_met{background:#f8d4d4}
.not_applicable{color:#888}.badge{padding:.1rem .4rem;border-radius:.3rem;font-weight:600}
.green{background:#2e7d32;color:#fff}.amber{background:#f9a825}.red{background:#c62828;color:#fff}
.error,.none{background:#666;color:#fff}blockquote{margin:.2rem 0 .2rem 1rem;color:#333}
.fail{color:#c62828}
.scroll{overflow-x:auto;max-width:100%;margin:1rem 0}.scroll>table{margin:0}
.matrix{border-collapse:separate;border-spacing:0}.matrix th,.matrix td{border-width:0 1px 1px 0}
.matrix tr>:first-child{border-left-width:1px}.matrix thead th{border-top-width:1px}
.matrix tr>:nth-child(-n+2){position:sticky;z-index:1;background:#fff}
.matrix thead tr>:nth-child(-n+2){background:#f3f3f3}
.matrix tr>:first-child{left:0;box-sizing:border-box;width:2.5rem;min-width:2.5rem;max-width:2.5rem}
.matrix tr>:nth-child(2){left:2.5rem;max-width:16rem;box-shadow:1px 0 0 #ccc}
"""


def _e(value: object, limit: int | None = None) -> str:
    return escape(clean(value, limit), quote=True)


def _score(value: Any) -> str:
    return "—" if value is None else f"{value:g}"


def _badge(rag: str) -> str:
    return f'<span class="badge {_e(rag)}">{_e(RAG_LABEL.get(rag, rag))}</span>'


def _matrix(data: dict[str, Any]) -> list[str]:
    rules = data["rules"]
    out = [
        '<div class="scroll" role="region" aria-label="Suppliers by standard" tabindex="0">'
        '<table class="matrix"><thead><tr><th>#</th><th>Supplier</th><th>Score</th><th>RAG</th>'
    ]
    out += [f'<th title="{_e(r["title"])}">{_e(r["id"])}</th>' for r in rules]
    out.append("<th>Gate</th></tr></thead><tbody>")
    for s in data["suppliers"]:
        cells = [
            f'<tr><td>{s["rank"]}</td><td><a href="#s{s["rank"]}">{_e(s["name"])}</a></td>',
            f"<td>{_score(s['score'])}</td><td>{_badge(s['rag'])}</td>",
        ]
        if not s["counts"]["documents"] and rules:
            cells.append(f'<td colspan="{len(rules)}">no documents</td>')
            rules_here: list[dict[str, Any]] = []
        else:
            rules_here = rules
        for r in rules_here:
            hit = s["standards"].get(r["id"])
            if hit is None:
                cells.append('<td class="s" title="not judged">-</td>')
                continue
            st = hit["status"]
            tip = f'{r["id"]}: {_LABEL[st]}' + (f' — {hit["document"]}' if hit["document"] else "")
            cells.append(f'<td class="s {st}" title="{_e(tip)}">{_SYMBOL[st]}</td>')
        gate = "pass" if s["passed"] else '<span class="fail">fail</span>'
        cells.append(f"<td>{gate}</td></tr>")
        out.append("".join(cells))
    out.append("</tbody></table></div>")
    return out


def _supplier(s: dict[str, Any], rules: list[dict[str, Any]]) -> list[str]:
    c = s["counts"]
    unreadable = f" · {c['errors']} unreadable" if c["errors"] else ""
    out = [
        f'<section id="s{s["rank"]}"><h2>{s["rank"]}. {_e(s["name"])} {_badge(s["rag"])}</h2>',
        f"<p>Score {_score(s['score'])} · {c['documents']} "
        f"document{'' if c['documents'] == 1 else 's'}{unreadable} · "
        f"{c['met']} met, {c['partly_met']} partly met, {c['not_met']} not met</p>",
    ]
    if s["gate_failures"]:
        out.append("<ul>" + "".join(
            f'<li class="fail">{_e(g)}</li>' for g in s["gate_failures"]) + "</ul>")
    out.append("<table><tr><th>Standard</th><th>Best status</th><th>Evidence</th></tr>")
    for r in rules:
        hit = s["standards"].get(r["id"])
        if hit is None or hit["status"] == "not_applicable":
            continue
        ev = ""
        if hit["quote"]:
            ev = (f"{_e(hit['document'])} ({_e(hit['location'])})"
                  f"<blockquote>{_e(hit['quote'], 400)}</blockquote>")
        out.append(
            f'<tr><td>{_e(r["id"])} {_e(r["name"])}</td>'
            f'<td class="{_e(hit["status"])}">{_LABEL[hit["status"]]}</td><td>{ev}</td></tr>'
        )
    out.append("</table>")
    docs = "".join(
        f"<li>{_e(d['path'])} — {_e(d['doc_type'] or 'unreadable')}, score "
        f"{_score(d['score'])}{' — ' + _e(d['error']) if d['error'] else ''}</li>"
        for d in s["documents"]
    )
    out += [f"<details><summary>Documents</summary><ul>{docs}</ul></details></section>"]
    return out


def render(data: dict[str, Any]) -> str:
    """The page for ``comparison_to_dict`` data, as text ending in a newline."""
    n = len(data["suppliers"])
    legend = " ".join(f"{_SYMBOL[k]} {v}" for k, v in _LABEL.items()) + " - not judged"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        "<title>policy-lint supplier comparison</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Supplier comparison</h1><p>{n} supplier{'s' if n != 1 else ''}, ranked by "
        f"score · policy-lint {_e(data['tool']['version'])} · {escape(legend)}</p>",
        *_matrix(data),
    ]
    for s in data["suppliers"]:
        parts += _supplier(s, data["rules"])
    if data["hidden"]:
        parts.append(f"<p>{data['hidden']} passing suppliers hidden (--failing-only).</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
