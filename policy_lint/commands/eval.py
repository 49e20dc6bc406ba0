"""``policy-lint eval LABELS``: measure the checker against hand labels (eval/GUIDE.md).

Prints per-rule and overall exact status agreement, precision / recall of "present" (met or
partly met) against "not met", the 3×3 confusion matrix, evidence agreement, and every
disagreement (document, rule, expected, got, evidence). ``--check`` only validates the labels
(schema, and every labelled quote found in the document's text). Metrics are computed in
``policy_lint.evaluation``; this module renders them.

Exit status: 0 measured (or labels valid), 1 ``--check`` found problems or a labelled file
could not be read, 2 bad labels file or rule pack.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from ..evaluation import DocLabels, Parse


def _pct(value: float | None) -> str:
    """``0.8125`` → ``81.2%``; ``None`` → ``—``."""
    return "—" if value is None else f"{100 * value:.1f}%"


def check_evidence(entries: Sequence[DocLabels], parse: Parse | None = None) -> list[str]:
    """Labelled evidence that is not in the document's text as read, one problem per line.

    Every quote must be a substring of the parsed text (typography normalised, whitespace
    collapsed, case kept). Unreadable files are reported; missing shared files are not.
    ``parse`` defaults to ``parsers.parse_file`` (pass a cached one to parse once).
    """
    from ..errors import DocumentError
    from ..evaluation import PRESENT
    from ..parsers import parse_file
    from ..text.normalise import normalise_text

    parse_doc = parse or parse_file
    problems: list[str] = []
    for entry in entries:
        for shown, file in entry.files:
            if not file.exists():
                continue
            try:
                doc = parse_doc(file)
            except DocumentError as exc:
                problems.append(exc.message)
                continue
            text = " ".join(normalise_text(doc.text).split())
            for rid, label in sorted(entry.rules.items()):
                if label.status in PRESENT and not label.evidence:
                    problems.append(f"{shown}: {rid} is {label.status} but cites no evidence")
                for quote in label.evidence:
                    if " ".join(normalise_text(quote).split()) not in text:
                        problems.append(f"{shown}: {rid} evidence not in text: {quote[:70]!r}")
    return problems


def report(evaluation: Any) -> dict[str, Any]:
    """The JSON-ready result of an ``Evaluation``: overall, per rule, disagreements."""
    from ..evaluation import summarise

    outcomes = evaluation.outcomes
    per_rule = {
        rid: summarise([o for o in outcomes if o.rule_id == rid]) for rid in evaluation.rule_ids
    }
    disagreements = [
        {
            "document": o.doc,
            "rule": o.rule_id,
            "expected": o.expected,
            "got": o.got,
            "evidence": list(o.got_evidence[:2]),
            "labelled_evidence": list(o.expected_evidence[:1]),
            "note": o.note,
        }
        for o in outcomes
        if not o.agrees
    ]
    evidence_misses = [
        {
            "document": o.doc,
            "rule": o.rule_id,
            "evidence": list(o.got_evidence[:2]),
            "labelled_evidence": list(o.expected_evidence),
        }
        for o in outcomes
        if o.evidence_agrees is False
    ]
    return {
        "cases": evaluation.cases,
        "overall": summarise(outcomes),
        "rules": per_rule,
        "disagreements": disagreements,
        "evidence_misses": evidence_misses,
        "skipped": list(evaluation.skipped),
        "unevaluated_rules": list(evaluation.unevaluated),
        "errors": list(evaluation.errors),
    }


def render_text(result: dict[str, Any]) -> str:
    """A plain-text report of ``report(...)``."""
    overall = result["overall"]
    lines = [
        f"Evaluated {result['cases']} document files; {overall['n']} labelled rule results.",
        "",
        f"{'rule':<8} {'n':>4} {'agree':>7} {'prec':>7} {'recall':>7} {'F1':>7} {'evid':>7}",
    ]

    def row(name: str, s: dict[str, Any]) -> str:
        p = s["present"]
        return (
            f"{name:<8} {s['n']:>4} {_pct(s['agreement']):>7} {_pct(p['precision']):>7} "
            f"{_pct(p['recall']):>7} {_pct(p['f1']):>7} {_pct(s['evidence_agreement']):>7}"
        )

    lines += [row(rid, s) for rid, s in result["rules"].items()]
    lines += [row("overall", overall), "", "Confusion (rows expected, columns got):"]
    heads = ("met", "partly_met", "not_met")
    lines.append(f"{'':<12}" + "".join(f"{h:>12}" for h in heads))
    for e in heads:
        lines.append(f"{e:<12}" + "".join(f"{overall['confusion'][e][g]:>12}" for g in heads))
    lines.append(f"applicability mismatches: {overall['applicability_mismatches']}")
    if result["disagreements"]:
        lines += ["", f"Disagreements ({len(result['disagreements'])}):"]
        for d in result["disagreements"]:
            cited = f" — cited: {d['evidence'][0][:90]!r}" if d["evidence"] else ""
            lines.append(
                f"  {d['document']} {d['rule']}: expected {d['expected']}, got {d['got']}{cited}"
            )
    if result["evidence_misses"]:
        lines += [
            "",
            f"Evidence not matching the labelled sentence ({len(result['evidence_misses'])}):",
        ]
        for d in result["evidence_misses"]:
            cited = d["evidence"][0][:90] if d["evidence"] else ""
            lines.append(f"  {d['document']} {d['rule']}: cited {cited!r}")
    if result["unevaluated_rules"]:
        lines += [
            "",
            "Labelled but not evaluated (rule not in the loaded packs): "
            + ", ".join(result["unevaluated_rules"]),
        ]
    for title, key in (("Skipped", "skipped"), ("Unreadable", "errors")):
        if result[key]:
            lines += ["", f"{title}:"] + [f"  {item}" for item in result[key]]
    return "\n".join(lines) + "\n"


@click.command("eval")
@click.argument("labels", type=click.Path(dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--pack",
    "packs",
    multiple=True,
    help="Rule pack name or path (repeatable); default: the labelled packs that are installed.",
)
@click.option(
    "--shared",
    type=click.Path(file_okay=False),
    default=None,
    help="The shared folder for 'shared:' entries (default: ../shared beside the repo).",
)
@click.option("--check", is_flag=True, help="Only validate the labels and their quotes.")
def eval_command(
    labels: str, fmt: str, packs: Sequence[str], shared: str | None, check: bool
) -> None:
    """Measure policy-lint against the hand labels in LABELS (see eval/GUIDE.md)."""
    from ..errors import PolicyLintError
    from ..evaluation import LABELLED_PACKS, load_labels, run
    from ..packs import available_packs, load_packs

    try:
        entries = load_labels(labels, shared)
        if check:
            problems = check_evidence(entries)
            for problem in problems:
                click.echo(problem)
            click.echo(f"{len(entries)} labelled documents; {len(problems)} problems.")
            sys.exit(1 if problems else 0)
        names = list(packs) or [p for p in LABELLED_PACKS if p in available_packs()]
        rules = load_packs(names)
    except PolicyLintError as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(2)
    result = report(run(entries, rules))
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        click.echo(render_text(result), nl=False)
    sys.exit(1 if result["errors"] else 0)
