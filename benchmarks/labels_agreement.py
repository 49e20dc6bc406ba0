"""Agreement of the ``chscp-leaders`` rules with a reviewer's labels on real documents.

Usage::

    python benchmarks/labels_agreement.py [--shared PATH] [--pdf-engine pypdfium2] [-v]

Reads ``<shared>/corpus/real/LABELS.md`` (one reviewer's present / partial / absent
judgements of 8 real documents against 9 leader standards; ``present`` ≈ met, ``partial`` ≈
partly met, ``absent`` ≈ not met), reads each labelled document with policy-lint's readers,
and evaluates the mapped rule (LABELS.md "Mapping to the project's standard ids") on it.

LABELS.md ignores the rules' ``applies_to``; so each rule is evaluated with the document's
labelled type when the rule applies to it, otherwise with the first type in the rule's
``applies_to`` that is not a contract type (in contracts plain "should" is weak, which would
change the verdict for a non-contract document).

Prints the agreement (% of labelled pairs whose status equals the label) and one line per
disagreement with the rule's evidence; ``-v`` also prints the agreeing pairs. Exit status 0
always: this is a measurement, not a gate. ``<shared>`` defaults to ``../shared`` beside the
repository, as the tests locate it.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from policy_lint.engine import evaluate  # noqa: E402
from policy_lint.errors import DocumentError  # noqa: E402
from policy_lint.findings import Finding  # noqa: E402
from policy_lint.model import Document  # noqa: E402
from policy_lint.packs import load_packs  # noqa: E402
from policy_lint.parsers import parse_file  # noqa: E402
from policy_lint.ruleset import Rule, RuleSet  # noqa: E402

#: LABELS.md judgement → policy-lint status.
LABEL_STATUS = {"present": "met", "partial": "partly_met", "absent": "not_met"}
#: Types under which plain "should" is weak (rule-format.md §4.4).
CONTRACT_TYPES = ("contract", "service_specification")

_DOC_HEADING = re.compile(r"^## `([^`]+)` \((\w+)\)\s*$")
_ROW = re.compile(r"^\|\s*(\d+)\s*\|[^|]*\|\s*\*\*(\w+)\*\*\s*\|([^|]*)\|")
_MAP_ROW = re.compile(r"^\|\s*(\d+)\s*\|\s*(AR-[A-Z]\d+)\s*\|")


@dataclass(frozen=True)
class Label:
    """One reviewer judgement: document, standard, expected status and the reason given."""

    doc: str
    doc_type: str
    rule_id: str
    expected: str
    reason: str


def read_labels(labels_md: Path) -> list[Label]:
    """Parse LABELS.md into labels (mapping table first, then one table per document).

    Raises:
        ValueError: The file has no mapping table or no judgements.
    """
    std_to_id: dict[str, str] = {}
    labels: list[Label] = []
    doc = doc_type = ""
    for line in labels_md.read_text(encoding="utf-8").splitlines():
        if m := _MAP_ROW.match(line):
            std_to_id[m.group(1)] = m.group(2)
        elif m := _DOC_HEADING.match(line):
            doc, doc_type = m.group(1), m.group(2)
        elif doc and (m := _ROW.match(line)):
            std, verdict, reason = m.group(1), m.group(2).lower(), m.group(3).strip()
            labels.append(Label(doc, doc_type, std, LABEL_STATUS[verdict], reason))
    if not std_to_id or not labels:
        raise ValueError(f"{labels_md}: no mapping table or no judgements found")
    return [
        Label(lb.doc, lb.doc_type, std_to_id[lb.rule_id], lb.expected, lb.reason)
        for lb in labels
    ]


def doc_type_for(rule: Rule, labelled: str) -> str:
    """The labelled type if the rule applies to it, else the rule's first non-contract type."""
    if rule.applies(labelled):
        return labelled
    for t in rule.applies_to:
        if t not in CONTRACT_TYPES:
            return t
    return rule.applies_to[0]


def judge(doc: Document, rule: Rule, labelled_type: str) -> Finding:
    """Evaluate one rule on one parsed document as if the rule applied to it."""
    findings = evaluate(doc, RuleSet(rules=(rule,)), doc_type_for(rule, labelled_type))
    return findings[0]


def _evidence(finding: Finding) -> str:
    if not finding.evidence:
        return "(no evidence)"
    ev = finding.evidence[0]
    quote = " ".join(ev.quote.split())
    return f'{ev.span.label()}: "{quote[:110]}" [{ev.element}, {ev.strength}, {ev.scope}]'


def main(argv: list[str] | None = None) -> int:
    """Run the measurement and print the report."""
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(here.parent / "shared"))
    ap.add_argument("--pdf-engine", default="pypdfium2")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    real = Path(args.shared) / "corpus" / "real"
    labels = read_labels(real / "LABELS.md")
    rules = load_packs(["chscp-leaders"])
    docs: dict[str, Document | DocumentError] = {}
    agree = 0
    lines: list[str] = []
    confusion: dict[tuple[str, str], int] = {}
    for lb in labels:
        if lb.doc not in docs:
            path = real / lb.doc
            try:
                if path.suffix == ".pdf":
                    docs[lb.doc] = parse_file(os.fspath(path), pdf_engine=args.pdf_engine)
                else:
                    docs[lb.doc] = parse_file(os.fspath(path))
            except DocumentError as exc:
                docs[lb.doc] = exc
        doc = docs[lb.doc]
        rule = rules.get(lb.rule_id)
        if rule is None:
            lines.append(f"SKIP {lb.doc} {lb.rule_id}: rule not found")
            continue
        if isinstance(doc, DocumentError):
            got = "error"
            detail = str(doc)
        else:
            finding = judge(doc, rule, lb.doc_type)
            got = finding.status.value
            detail = _evidence(finding)
        confusion[(lb.expected, got)] = confusion.get((lb.expected, got), 0) + 1
        ok = got == lb.expected
        agree += ok
        if not ok or args.verbose:
            mark = "ok  " if ok else "DIFF"
            lines.append(
                f"{mark} {Path(lb.doc).name} {lb.rule_id}: label {lb.expected}, rule {got}\n"
                f"     label: {lb.reason[:150]}\n     rule:  {detail}"
            )
    total = len(labels)
    print(f"Agreement: {agree}/{total} = {100 * agree / total:.1f}% of labelled pairs")
    print("label -> rule counts: " + ", ".join(
        f"{e}->{g}: {n}" for (e, g), n in sorted(confusion.items())
    ))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BrokenPipeError:  # output piped into `head`
        sys.stderr.close()
        raise SystemExit(0) from None
