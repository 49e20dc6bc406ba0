"""Markdown (GitHub-flavoured): a scorecard short enough for a pull-request comment.

A summary table (one row per document), the organisation matrix when several documents were
checked, then per document a collapsed ``<details>`` block listing every applicable rule with
its status and evidence or what to add. Document text is escaped: HTML-significant characters
become entities and Markdown punctuation that could break a table or start markup is
backslash-escaped, so a policy cannot inject markup into the comment.
"""

from __future__ import annotations

import html
import re

from ..findings import Finding, Status
from ..scorecard import DocumentResult, Result
from ._common import RAG_LABEL, advice, clean, status_text, summary_line, where

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|~>])")
_ICON = {"met": "✅", "partly_met": "🟡", "not_met": "❌", "not_applicable": "➖", "waived": "⏸️"}
_RAG_ICON = {"green": "🟢", "amber": "🟠", "red": "🔴", "error": "⚠️", "none": "➖"}


def esc(text: object, limit: int | None = None) -> str:
    """Escape document-derived text for a Markdown table cell."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(clean(text, limit), quote=False))


def code(text: object) -> str:
    """Document-derived text as inline ``<code>``: HTML-escaped, pipes kept out of tables."""
    return "<code>" + html.escape(clean(text)).replace("|", "&#124;") + "</code>"


def _icon(f: Finding) -> str:
    return _ICON["waived" if f.waived else f.status.value]


def _score(doc: DocumentResult) -> str:
    return "—" if doc.score is None else f"{doc.score:g}"


def _doc_rows(result: Result) -> list[str]:
    rows = ["| Document | Type | Score | RAG | Gate |", "|---|---|---:|---|---|"]
    for d in result.documents:
        gate = "passed" if d.passed else "**failed**"
        kind = esc(d.doc_type) if not d.error else "error: " + esc(d.error, 160)
        rows.append(
            f"| {code(d.path)} | {kind} | {_score(d)} | {_RAG_ICON[d.rag]} {RAG_LABEL[d.rag]} "
            f"| {gate} |"
        )
    return rows


def _details(doc: DocumentResult) -> list[str]:
    head = f"<details><summary>{code(doc.path)} — {esc(doc.doc_type)}, score "
    head += f"{_score(doc)} ({RAG_LABEL[doc.rag]})</summary>"
    lines = [head, "", f"Document type: {esc(doc.doc_type)} ({esc(doc.doc_type_reason)})", ""]
    lines += ["| | Rule | Status | Severity | Evidence / what to add |", "|---|---|---|---|---|"]
    for f in doc.findings:
        if f.status is Status.NOT_APPLICABLE:
            continue
        if f.evidence and f.status is Status.MET:
            detail = f"“{esc(f.evidence[0].quote, 200)}” ({esc(where(f))})"
        elif f.evidence:
            detail = f"“{esc(f.evidence[0].quote, 200)}” ({esc(where(f))}) · {esc(advice(f), 300)}"
        else:
            detail = esc(advice(f), 300)
        lines.append(
            f"| {_icon(f)} | **{f.rule_id}** {f.name} | {esc(status_text(f))} "
            f"| {f.severity.value} | {detail} |"
        )
    if doc.flags:
        lines += ["", "Wording:", ""]
        lines += [
            f"- {esc(fl.span.label())}: **{fl.rule_id}** “{esc(fl.term)}” — {esc(fl.message)}"
            for fl in doc.flags
        ]
    if doc.warnings or doc.gate_failures:
        lines.append("")
        lines += [f"- ⚠️ {esc(w)}" for w in doc.warnings]
        lines += [f"- ❌ gate: {esc(g)}" for g in doc.gate_failures]
    lines += ["", "</details>", ""]
    return lines


def _org(result: Result) -> list[str]:
    org = result.organisation
    if org is None:
        return []
    score = "—" if org.score is None else f"{org.score:g}"
    lines = [
        f"### Organisation scorecard: {score} ({_RAG_ICON[org.rag]} {RAG_LABEL[org.rag]})",
        "",
        "| Standard | Best status | From |",
        "|---|---|---|",
    ]
    for r in org.rows:
        src = code(r.document) if r.document else "—"
        lines.append(
            f"| **{r.rule_id}** {r.name} | {_ICON[r.status.value]} {r.status.label} "
            f"| {src} |"
        )
    if org.gaps:
        lines += ["", "Gaps (no document meets): " + ", ".join(esc(g) for g in org.gaps)]
    return lines + [""]


def render(result: Result) -> str:
    """Markdown text for a PR comment."""
    lines = ["## policy-lint scorecard", "", esc(summary_line(result)), ""]
    lines += _doc_rows(result) + [""]
    lines += _org(result)
    for doc in result.documents:
        if not doc.error:
            lines += _details(doc)
    return "\n".join(lines).rstrip() + "\n"
