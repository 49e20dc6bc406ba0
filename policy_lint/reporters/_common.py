"""Helpers every reporter shares: safe text, status wording, locations and the dict form.

``result_to_dict`` is the one serialisable shape of a ``Result`` (``schemas/
scorecard.schema.json``); the JSON reporter prints it and the HTML and Markdown reporters
read the same values, so every format says the same thing.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from ..findings import Evidence, Finding, Flag, Status
from ..model import SourceSpan
from ..scorecard import DocumentResult, OrgScorecard, Result

#: C0/C1 controls, DEL, bidi embeddings/overrides/isolates, soft hyphen, zero-width marks.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_SPACE = re.compile(r"[\t\n\r]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Characters JSON may carry raw but a terminal could act on: DEL, C1, bidi controls, line
#: and paragraph separators. ``json_text`` writes them as ``\uXXXX`` escapes.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e"
                          "\u2066-\u2069\ufeff]")

STATUS_ORDER = (Status.NOT_MET, Status.PARTLY_MET, Status.MET, Status.NOT_APPLICABLE)
RAG_LABEL = {"green": "Green", "amber": "Amber", "red": "Red", "error": "Error", "none": "—"}


def clean(text: object, limit: int | None = None) -> str:
    """Document-derived text made safe to print: controls stripped, one line, optionally cut.

    A lone surrogate (a file name that is not UTF-8, decoded by ``os.fsdecode``) becomes
    U+FFFD, so it can never be written back out as a raw C1 byte.

    Args:
        text: Anything; converted with ``str``.
        limit: Longest result in characters (an ellipsis marks a cut).
    """
    s = _CONTROL.sub("", _SPACE.sub(" ", str(text)))
    s = _SURROGATE.sub("\ufffd", s)
    if limit is not None and len(s) > limit:
        s = s[: max(limit - 1, 0)].rstrip() + "…"
    return s


def json_text(data: Any) -> str:
    r"""``data`` as deterministic JSON (sorted keys, 2-space indent, newline at the end).

    Non-ASCII text stays readable, but DEL, C1 controls and bidi / zero-width marks are
    escaped as ``\uXXXX`` (they occur only inside strings, so the JSON value is unchanged).
    """
    import json

    text = json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def status_text(f: Finding) -> str:
    """``met`` / ``partly met`` / ``not met`` / ``not applicable``, or ``waived (reason)``."""
    if f.waived:
        return f"waived ({clean(f.waived)})"
    return f.status.label


def status_key(f: Finding) -> str:
    """Machine form of ``status_text``: a ``Status`` value or ``waived``."""
    return "waived" if f.waived else f.status.value


def best_span(f: Finding) -> SourceSpan | None:
    """Where to point for a finding: its first evidence sentence, else ``None``."""
    return f.evidence[0].span if f.evidence else None


def where(f: Finding) -> str:
    """Location label of a finding's best evidence, or ``start of document``."""
    return f.evidence[0].location() if f.evidence else "start of document"


def advice(f: Finding) -> str:
    """What was looked for and not found (for not met / partly met), one line."""
    if f.message:
        return clean(f.message)
    if f.missing:
        return "missing: " + ", ".join(clean(m) for m in f.missing)
    return ""


def plain(text: str) -> str:
    """Markdown emphasis and code marks removed (for formats that show plain text)."""
    return re.sub(r"\*\*|__|`", "", text)


def help_summary(f: Finding) -> str:
    """The first paragraph of the rule's help, as plain one-line text."""
    first = f.help.strip().split("\n\n", 1)[0] if f.help else ""
    return clean(plain(first))


def distinct_evidence(f: Finding) -> tuple[Evidence, ...]:
    """Evidence with repeats of the same sentence at the same place removed."""
    seen: set[tuple[str, SourceSpan]] = set()
    out = []
    for e in f.evidence:
        if (e.quote, e.span) not in seen:
            seen.add((e.quote, e.span))
            out.append(e)
    return tuple(out)


def counts(doc: DocumentResult) -> dict[str, int]:
    """Unwaived counts per status plus ``waived`` and ``flags`` for one document."""
    out = {s.value: doc.count(s) for s in Status}
    out["waived"] = len(doc.waived)
    out["flags"] = len(doc.flags)
    return out


def summary(result: Result) -> dict[str, int]:
    """Totals across the run."""
    docs = result.documents
    return {
        "documents": len(docs),
        "passed": sum(1 for d in docs if d.passed),
        "failed": sum(1 for d in docs if not d.passed),
        "errors": result.errors,
        "green": sum(1 for d in docs if d.rag == "green"),
        "amber": sum(1 for d in docs if d.rag == "amber"),
        "red": sum(1 for d in docs if d.rag == "red"),
        "waived": sum(len(d.waived) for d in docs),
        "flags": sum(len(d.flags) for d in docs),
    }


def summary_line(result: Result) -> str:
    """The closing total, e.g. ``3 documents: 1 green, 1 amber, 1 red · 1 failed its gate``."""
    s = summary(result)
    noun = "document" if s["documents"] == 1 else "documents"
    parts = [f"{s['green']} green", f"{s['amber']} amber", f"{s['red']} red"]
    if s["errors"]:
        parts.append(f"{s['errors']} unreadable")
    line = f"{s['documents']} {noun}: " + ", ".join(parts)
    line += f" · {s['passed']} passed, {s['failed']} failed the gate"
    if s["waived"]:
        line += f" · {s['waived']} waived"
    if s["flags"]:
        line += f" · {s['flags']} wording flag{'s' if s['flags'] != 1 else ''}"
    return line


def _span(span: SourceSpan) -> dict[str, Any]:
    out = {k: v for k, v in asdict(span).items() if v is not None}
    if "story" in out:
        out["story"] = {k: v for k, v in out["story"].items() if v is not None}
    return out


def _evidence(e: Evidence) -> dict[str, Any]:
    return {
        "quote": e.quote,
        "location": e.location(),
        "span": _span(e.span),
        "heading_path": list(e.heading_path),
        "element": e.element,
        "strength": e.strength,
        "scope": e.scope,
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "rule_id": f.rule_id,
        "pack": f.pack,
        "name": f.name,
        "title": f.title,
        "status": f.status.value,
        "severity": f.severity.value,
        "weight": f.weight,
        "critical": f.critical,
        "waived": f.waived,
        "location": where(f),
        "evidence": [_evidence(e) for e in f.evidence],
        "missing": list(f.missing),
        "message": f.message,
        "help": f.help,
        "model_clause": f.model_clause,
    }


def _flag(fl: Flag) -> dict[str, Any]:
    return {
        "rule_id": fl.rule_id,
        "pack": fl.pack,
        "severity": fl.severity.value,
        "term": fl.term,
        "message": fl.message,
        "sentence": fl.sentence,
        "location": fl.span.label(),
        "span": _span(fl.span),
    }


def document_to_dict(doc: DocumentResult) -> dict[str, Any]:
    """One document's scorecard as plain data."""
    return {
        "path": doc.path,
        "format": doc.format,
        "title": doc.title,
        "doc_type": doc.doc_type,
        "doc_type_reason": doc.doc_type_reason,
        "packs": list(doc.packs),
        "score": doc.score,
        "rag": doc.rag,
        "passed": doc.passed,
        "gate_failures": list(doc.gate_failures),
        "fail_under": doc.fail_under,
        "error": doc.error,
        "error_code": doc.error_code,
        "warnings": list(doc.warnings),
        "counts": counts(doc),
        "findings": [_finding(f) for f in doc.findings],
        "flags": [_flag(fl) for fl in doc.flags],
    }


def organisation_to_dict(org: OrgScorecard | None) -> dict[str, Any] | None:
    """The organisation scorecard as plain data (``None`` for a single document)."""
    if org is None:
        return None
    return {
        "score": org.score,
        "rag": org.rag,
        "gaps": list(org.gaps),
        "rows": [
            {
                "rule_id": r.rule_id,
                "name": r.name,
                "title": r.title,
                "weight": r.weight,
                "status": r.status.value,
                "document": r.document,
                "statuses": [{"path": p, "status": s.value} for p, s in r.statuses],
            }
            for r in org.rows
        ],
    }


def result_to_dict(result: Result) -> dict[str, Any]:
    """The whole result as plain data (``schemas/scorecard.schema.json``)."""
    return {
        "tool": {"name": "policy-lint", "version": result.version},
        "thresholds": {"green": result.thresholds.green, "amber": result.thresholds.amber},
        "passed": result.passed,
        "summary": summary(result),
        "documents": [document_to_dict(d) for d in result.documents],
        "organisation": organisation_to_dict(result.organisation),
        "rules": [asdict(r) for r in result.rules],
    }
