"""Run rules on a document: scorecard findings and wording flags.

``evaluate(doc, rules, doc_type)`` gives one ``Finding`` per scorecard rule, in rule order:
``not_applicable`` when the rule's ``applies_to`` excludes ``doc_type``; otherwise the
kind's verdict with evidence. A rule whose kind raises becomes a ``not_met`` finding whose
message starts "internal error in rule" while the other rules still run (DESIGN.md,
"Findings, not crashes"). ``flag_wording(doc, rules)`` gives the line-level flags of every
``wording`` rule. Both index the document once (``kinds._index.DocIndex``); no I/O.
"""

from __future__ import annotations

from .findings import Finding, Flag, Status
from .kinds import KINDS, DocIndex
from .kinds._index import Matcher
from .model import Document, SourceSpan
from .ruleset import Rule, RuleSet

#: Prefix of the message of a finding whose rule crashed.
INTERNAL_ERROR = "internal error in rule"


def evaluate(doc: Document, rules: RuleSet, doc_type: str) -> list[Finding]:
    """Evaluate every scorecard rule of ``rules`` on ``doc``.

    Args:
        doc: A parsed document.
        rules: Loaded packs (``packs.load_packs``).
        doc_type: One of ``ruleset.DOC_TYPES`` (see ``doctype.detect_doc_type``).

    Returns:
        One ``Finding`` per rule whose kind is a scorecard kind, in rule order.
    """
    index = _index(doc, rules, doc_type)
    findings: list[Finding] = []
    for rule in rules:
        kind = KINDS.get(rule.kind)
        if kind is not None and not kind.scorecard:
            continue
        if not rule.applies(doc_type):
            findings.append(
                _finding(
                    rule,
                    Status.NOT_APPLICABLE,
                    f"Not applicable: applies to {', '.join(rule.applies_to)}, not {doc_type}.",
                )
            )
            continue
        try:
            if kind is None or kind.evaluate is None:
                raise LookupError(f"unknown kind {rule.kind!r}")
            findings.append(kind.evaluate(rule, index))
        except Exception as exc:  # noqa: BLE001 - one bad rule must not stop the others
            findings.append(
                _finding(
                    rule,
                    Status.NOT_MET,
                    f"{INTERNAL_ERROR} {rule.id} ({type(exc).__name__}: {str(exc)[:160]}) — "
                    "the document was not judged on this rule; please report it",
                )
            )
    return findings


def flag_wording(doc: Document, rules: RuleSet) -> list[Flag]:
    """Line-level flags of every ``wording`` rule, in reading order then rule order.

    Wording rules apply to every document type; text in quotations, block quotes, code and
    comments is never flagged. A wording rule that raises gives one flag with an empty
    ``term`` whose message starts "internal error in rule", placed first; the others still
    run.
    """
    index = _index(doc, rules, None)
    out: list[tuple[int, int, int, Flag]] = []
    for n, rule in enumerate(rules):
        kind = KINDS.get(rule.kind)
        if kind is None or kind.flags is None:
            continue
        try:
            out.extend((i, s, n, flag) for i, s, flag in kind.flags(rule, index))
        except Exception as exc:  # noqa: BLE001 - one bad rule must not stop the others
            message = (
                f"{INTERNAL_ERROR} {rule.id} ({type(exc).__name__}: {str(exc)[:160]}) — "
                "the document was not checked for this wording; please report it"
            )
            out.append(
                (
                    -1,
                    0,
                    n,
                    Flag(rule.id, rule.pack, rule.severity, "", message, SourceSpan(doc.path)),
                )
            )
    out.sort(key=lambda t: t[:3])
    return [t[3] for t in out]


#: The last index built, reused when ``flag_wording`` follows ``evaluate`` on one document.
_LAST: list[tuple[Document, RuleSet, DocIndex]] = []


def _index(doc: Document, rules: RuleSet, doc_type: str | None) -> DocIndex:
    """A ``DocIndex`` for ``doc``; ``doc_type=None`` (wording) accepts any cached type."""
    if _LAST:
        last_doc, last_rules, last = _LAST[0]
        if last_doc is doc and last_rules is rules and doc_type in (None, last.doc_type):
            return last
    matcher = rules.cache.get("matcher")
    if matcher is None:
        matcher = rules.cache["matcher"] = Matcher(rules.term_sets())
    index = DocIndex(doc, doc_type or "other", matcher)
    _LAST[:] = [(doc, rules, index)]
    return index


def _finding(rule: Rule, status: Status, message: str) -> Finding:
    return Finding(
        rule_id=rule.id,
        pack=rule.pack,
        name=rule.name,
        title=rule.title,
        status=status,
        severity=rule.severity,
        weight=rule.weight,
        critical=rule.critical,
        missing=tuple(el.id for el in rule.elements) if status is Status.NOT_MET else (),
        message=message,
        help=rule.help,
        model_clause=rule.model_clause,
    )
