"""Terminal text (library: ``rich``): a scorecard per document, one-line summaries, a total.

Colour is decided by the caller (the CLI turns it on only for a TTY without ``NO_COLOR`` or
``--no-color``); with ``color=False`` the output is plain text with no escape codes. All
document-derived text is printed as ``rich.text.Text`` (never parsed as markup) after control
characters are stripped (``_common.clean``).
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from ..findings import Finding, Status
from ..scorecard import DocumentResult, Result
from ._common import (
    RAG_LABEL,
    advice,
    clean,
    distinct_evidence,
    help_summary,
    status_key,
    status_text,
    summary_line,
)

_STYLE = {
    "met": "green",
    "partly_met": "yellow",
    "not_met": "red",
    "not_applicable": "dim",
    "waived": "cyan",
}
_MARK = {"met": "✔", "partly_met": "◐", "not_met": "✘", "not_applicable": "·", "waived": "~"}
_RAG_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red",
              "error": "bold magenta", "none": "dim"}


def error_reason(doc: DocumentResult) -> str:
    """``doc.error`` without its leading ``path:`` (the row already shows the path).

    Error messages are ``path[:line]: reason — what to do`` (``errors.PolicyLintError``);
    ``path:12: reason`` becomes ``line 12: reason``. A message naming another path is kept
    whole.
    """
    head = doc.path + ":"
    if not doc.path or not doc.error.startswith(head):
        return doc.error
    rest = doc.error[len(head):]
    line, sep, reason = rest.partition(": ")
    if sep and line.isdigit():
        return f"line {line}: {reason}"
    return rest.lstrip()


def _score(doc: DocumentResult) -> str:
    return "—" if doc.score is None else f"{doc.score:g}"


def _finding(console: Console, f: Finding) -> None:
    key = status_key(f)
    line = Text("  ")
    line.append(f"{_MARK[key]} {status_text(f):<14}", style=_STYLE[key])
    line.append(f" {f.rule_id} ", style="bold")
    line.append(clean(f.name))
    line.append(f"  [{f.severity.value}{', critical' if f.critical else ''}]", style="dim")
    console.print(line)
    if f.evidence:
        for ev in distinct_evidence(f)[:2]:
            quote = Text("      ")
            quote.append(f"{ev.location()}: ", style="dim")
            quote.append(f"“{clean(ev.quote, 220)}”", style="italic")
            console.print(quote)
    if f.status in (Status.PARTLY_MET, Status.NOT_MET):
        tip = advice(f)
        if tip:
            console.print(Text("      → " + tip, style="dim"))
        if help_summary(f):
            console.print(Text("      how: " + help_summary(f), style="dim"))
        if f.model_clause:
            console.print(Text("      model clause: " + clean(f.model_clause, 400), style="dim"))


def _document(console: Console, doc: DocumentResult) -> None:
    console.print(Text(clean(doc.path), style="bold underline"))
    if doc.error:
        console.print(Text("  error: " + clean(doc.error), style="bold magenta"))
        console.print()
        return
    meta = Text("  ")
    if doc.title:
        meta.append(f"“{clean(doc.title, 80)}” · ")
    meta.append(f"{doc.format} · type {doc.doc_type} ({clean(doc.doc_type_reason, 120)})")
    console.print(meta)
    head = Text(f"  score {_score(doc)}  ")
    head.append(f" {RAG_LABEL[doc.rag].upper()} ", style=_RAG_STYLE[doc.rag])
    head.append("  gate passed" if doc.passed else "  gate FAILED",
                style="green" if doc.passed else "bold red")
    console.print(head)
    for f in doc.findings:
        if f.status is not Status.NOT_APPLICABLE:
            _finding(console, f)
    skipped = len(doc.findings) - len(doc.applicable)
    if skipped:
        noun = "rule" if skipped == 1 else "rules"
        console.print(Text(f"  ({skipped} {noun} not applicable to {doc.doc_type})", style="dim"))
    if doc.flags:
        console.print(Text(f"  wording ({len(doc.flags)}):", style="bold"))
        for fl in doc.flags:
            t = Text(f"    {fl.span.label()}: ", style="dim")
            t.append(f"{fl.rule_id} “{clean(fl.term, 60)}” ", style="yellow")
            t.append(clean(fl.message, 200))
            console.print(t)
    for w in doc.warnings:
        console.print(Text("  warning: " + clean(w), style="yellow"))
    for g in doc.gate_failures:
        console.print(Text("  gate: " + clean(g), style="red"))
    console.print()


def _one_line(doc: DocumentResult) -> Text:
    t = Text("  ")
    t.append(f"{RAG_LABEL[doc.rag]:<6}", style=_RAG_STYLE[doc.rag])
    t.append(f" {_score(doc):>5}  ")
    t.append(clean(doc.path))
    if doc.error:
        t.append("  " + clean(error_reason(doc), 120), style="magenta")
        return t
    n = {s: doc.count(s) for s in (Status.MET, Status.PARTLY_MET, Status.NOT_MET)}
    t.append(
        f"  {doc.doc_type}: {n[Status.MET]} met, {n[Status.PARTLY_MET]} partly, "
        f"{n[Status.NOT_MET]} not met",
        style="dim",
    )
    if doc.waived:
        t.append(f", {len(doc.waived)} waived", style="dim")
    if not doc.passed:
        t.append("  FAILED", style="bold red")
    return t


def render(result: Result, color: bool = False, width: int = 100) -> str:
    """Plain or coloured terminal text.

    Args:
        result: The check result.
        color: Emit ANSI colour codes.
        width: Line width in characters for wrapping.
    """
    buf = io.StringIO()
    console = Console(
        file=buf, width=width, force_terminal=color, no_color=not color,
        color_system="standard" if color else None, highlight=False, emoji=False,
        markup=False, soft_wrap=True,
    )
    for doc in result.documents:
        _document(console, doc)
    org = result.organisation
    if org is not None:
        score = "—" if org.score is None else f"{org.score:g}"
        head = Text(f"Organisation scorecard: {score} ", style="bold")
        head.append(f" {RAG_LABEL[org.rag].upper()} ", style=_RAG_STYLE[org.rag])
        console.print(head)
        for r in org.rows:
            t = Text("  ")
            t.append(f"{_MARK[r.status.value]} {r.status.label:<14}", style=_STYLE[r.status.value])
            t.append(f" {r.rule_id} {clean(r.name):<28}")
            t.append(clean(r.document) if r.document else "no document", style="dim")
            console.print(t)
        if org.gaps:
            console.print(Text("  gaps (no document meets): " + ", ".join(org.gaps), style="red"))
        console.print()
    console.print(Text("Summary", style="bold"))
    for doc in result.documents:
        console.print(_one_line(doc))
    console.print(Text(summary_line(result), style="bold"))
    return buf.getvalue()
