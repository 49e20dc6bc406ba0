"""``policy-lint rules``: list, explain, test and document the rules of the packs.

* ``rules list [--format table|json] [--packs P ...]``
* ``rules explain ID [--packs P ...]``
* ``rules test [PACK_DIR ...] [--strict]`` — run every example; exit 1 on a mismatch (or, with
  ``--strict``, on missing example coverage), exit 2 on a broken pack (one line, no traceback)
* ``rules docs [--output docs/rules.md]`` — regenerate the rules page from the shipped packs
"""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import click

from ..errors import PackError
from ..ruleset import RuleSet


def _fail(exc: PackError) -> NoReturn:
    click.echo(f"error: {exc.message}", err=True)
    sys.exit(2)


def _load(packs: tuple[str, ...]) -> RuleSet:
    from ..packs import available_packs, load_packs

    try:
        return load_packs(packs or tuple(available_packs()), validate=True)
    except PackError as exc:
        _fail(exc)


@click.group("rules")
def rules_command() -> None:
    """List, explain and test the rules of the rule packs."""


_packs_option = click.option(
    "--packs",
    "packs",
    multiple=True,
    metavar="PACK",
    help="Pack name or folder (repeatable); default: every shipped pack.",
)


@rules_command.command("list")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@_packs_option
def list_rules(fmt: str, packs: tuple[str, ...]) -> None:
    """List the rules: id, pack, name, severity, weight, applies to, title."""
    rules = _load(packs)
    if fmt == "json":
        rows: list[dict[str, Any]] = [
            {
                "id": r.id,
                "pack": r.pack,
                "name": r.name,
                "title": r.title,
                "kind": r.kind,
                "severity": r.severity.value,
                "weight": r.weight,
                "critical": r.critical,
                "applies_to": list(r.applies_to),
                "source": r.source,
            }
            for r in rules
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False, sort_keys=True))
        return
    header = ("ID", "PACK", "NAME", "SEVERITY", "W", "APPLIES TO", "TITLE")
    table = [header] + [
        (
            r.id,
            r.pack,
            r.name,
            r.severity.value + ("!" if r.critical else ""),
            str(r.weight),
            ",".join(r.applies_to),
            r.title,
        )
        for r in rules
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header) - 1)]
    for row in table:
        cells = [c.ljust(w) for c, w in zip(row[:-1], widths, strict=True)]
        click.echo("  ".join(cells + [row[-1]]).rstrip())
    click.echo(f"\n{len(rules)} rules in {len(rules.packs)} packs (! = critical)")


@rules_command.command("explain")
@click.argument("rule_id")
@_packs_option
def explain(rule_id: str, packs: tuple[str, ...]) -> None:
    """Explain one rule: what it checks, how to meet it, a model clause."""
    from ..ruledocs import explain_text

    rules = _load(packs)
    rule = rules.get(rule_id)
    if rule is None:
        from ..config_refs import did_you_mean

        hint = did_you_mean(rule_id, [r.id for r in rules])
        more = f"did you mean {hint}?" if hint else "see `policy-lint rules list`"
        click.echo(f"error: no rule {rule_id!r} — {more}", err=True)
        sys.exit(2)
    click.echo(explain_text(rule))


@rules_command.command("test")
@click.argument("pack_dirs", nargs=-1)
@click.option("--strict", is_flag=True, help="Also fail when a rule lacks required examples.")
@click.option("-v", "--verbose", is_flag=True, help="Show passing examples too.")
def test_rules(pack_dirs: tuple[str, ...], strict: bool, verbose: bool) -> None:
    """Run every example of every rule in PACK_DIRs (default: the shipped packs)."""
    from ..ruletest import coverage_problems, run_all

    rules = _load(pack_dirs)
    failed = 0
    results = run_all(rules)
    for res in results:
        if res.ok:
            if verbose:
                click.echo(f"ok    {res.rule.id} example {res.number}: {res.actual}")
            continue
        failed += 1
        note = f" ({res.example.note})" if res.example.note else ""
        click.echo(
            f"FAIL  {res.where}: {res.rule.id} example {res.number}{note}: expected "
            f"{res.expected}, got {res.actual}"
        )
        if res.message:
            click.echo(f"      {res.message}")
    problems = [p for rule in rules for p in coverage_problems(rule)]
    for problem in problems:
        click.echo(f"{'FAIL' if strict else 'warn'}  coverage: {problem}")
    click.echo(
        f"{len(results) - failed} of {len(results)} examples passed in {len(rules)} rules"
        + (f"; {len(problems)} coverage gaps" if problems else "")
    )
    if failed or (strict and problems):
        sys.exit(1)


@rules_command.command("docs")
@click.option(
    "--output",
    "-o",
    default="docs/rules.md",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="File to write ('-' for stdout).",
)
def docs(output: str) -> None:
    """Regenerate the rules page from the shipped packs."""
    from ..ruledocs import rules_markdown, shipped_rules

    try:
        text = rules_markdown(shipped_rules())
    except PackError as exc:
        _fail(exc)
    if output == "-":
        click.echo(text, nl=False)
        return
    from ..atomic import write_atomic
    from ..errors import ConfigError

    try:
        write_atomic(output, text)
    except ConfigError as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(2)
    click.echo(f"wrote {output}")
