"""SARIF 2.1.0 (OASIS): one result per rule not met or partly met, per document.

Spec: *Static Analysis Results Interchange Format (SARIF) Version 2.1.0*, OASIS Standard.
Rule metadata (``tool.driver.rules``) comes from the packs: short description = title, full
description and help = the rule's help text and model clause, ``defaultConfiguration.level``
from its severity. A result points at its best evidence (Markdown / text: line and column;
DOCX / PDF: line 1 with the paragraph or page in the message, since those formats have no
source lines) or at the start of the document. A not-met rule has its severity's level; a
partly met one is a ``note``. A waived rule carries an accepted external suppression.
Unreadable documents are ``toolExecutionNotifications`` of level ``error``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ..findings import Finding, Status
from ..scorecard import DocumentResult, Result, RuleInfo
from ._common import advice, best_span, clean, json_text, where

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """A relative path as a relative URI reference; an absolute one as a ``file:`` URI."""
    posix = path.replace("\\", "/")
    # a name that is not UTF-8 keeps its original bytes, percent-encoded (PEP 383)
    quoted = quote(posix, encoding="utf-8", errors="surrogateescape")
    return "file://" + quoted if posix.startswith("/") else quoted


def _rule(info: RuleInfo) -> dict[str, Any]:
    help_text = info.help or info.title
    clause = info.model_clause
    markdown = help_text + (f"\n\n**Model clause:** {clause}" if clause else "")
    rule: dict[str, Any] = {
        "id": info.id,
        "name": info.name or info.id,
        "shortDescription": {"text": info.title or info.id},
        "fullDescription": {"text": help_text},
        "help": {
            "text": help_text + (f" Model clause: {clause}" if clause else ""),
            "markdown": markdown,
        },
        "defaultConfiguration": {"level": _LEVEL.get(info.severity, "warning")},
        "properties": {
            "pack": info.pack,
            "weight": info.weight,
            "critical": info.critical,
            "tags": [info.pack],
        },
    }
    if info.source:
        rule["properties"]["source"] = info.source
    return rule


def _region(doc: DocumentResult, f: Finding) -> dict[str, Any]:
    span = best_span(f)
    if span is None or span.line is None or span.page is not None:
        return {"startLine": 1}
    region: dict[str, Any] = {"startLine": span.line}
    if span.column is not None:
        region["startColumn"] = span.column
    if span.end_line is not None and span.end_line >= span.line:
        region["endLine"] = span.end_line
        if span.end_column is not None and (span.end_line > span.line or span.column is None
                                            or span.end_column > span.column):
            region["endColumn"] = span.end_column
    return region


def _result(doc: DocumentResult, f: Finding, index: dict[str, int]) -> dict[str, Any]:
    level = _LEVEL.get(f.severity.value, "warning") if f.status is Status.NOT_MET else "note"
    text = f"{f.rule_id} {f.status.label}: {clean(f.title)} ({where(f)})."
    if f.evidence:
        text += f" Evidence: \"{clean(f.evidence[0].quote, 300)}\""
    tail = advice(f)
    if tail:
        text += f" {tail}"
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "level": level,
        "kind": "fail",
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(doc.path)},
                    "region": _region(doc, f),
                }
            }
        ],
        "properties": {
            "status": f.status.value,
            "docType": doc.doc_type,
            "documentScore": doc.score,
            "rag": doc.rag,
        },
    }
    if f.rule_id in index:
        result["ruleIndex"] = index[f.rule_id]
    if f.waived:
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": clean(f.waived)}
        ]
    return result


def render(result: Result) -> str:
    """SARIF 2.1.0 JSON text (sorted keys, deterministic)."""
    rules = list(result.rules)
    known = {r.id for r in rules}
    for doc in result.documents:  # rules seen only in findings (e.g. hand-built results)
        for f in doc.findings:
            if f.rule_id not in known:
                known.add(f.rule_id)
                rules.append(RuleInfo(f.rule_id, f.pack, f.name, f.title, help=f.help,
                                      model_clause=f.model_clause, severity=f.severity.value,
                                      weight=f.weight, critical=f.critical))
    rules.sort(key=lambda r: r.id)
    index = {r.id: i for i, r in enumerate(rules)}
    results = [
        _result(doc, f, index)
        for doc in result.documents
        for f in doc.findings
        if f.status in (Status.NOT_MET, Status.PARTLY_MET)
    ]
    notifications = [
        {
            "level": "error",
            "message": {"text": clean(doc.error)},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(doc.path)}}}],
            "descriptor": {"id": doc.error_code or "unreadable"},
        }
        for doc in result.documents
        if doc.error
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "policy-lint",
                "version": result.version or "0",
                "rules": [_rule(r) for r in rules],
            }
        },
        "invocations": [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": notifications,
            }
        ],
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json_text(log)
