"""Small in-test rule packs for the engine tests (independent of the shipped rules)."""

import textwrap
from pathlib import Path

from policy_lint.engine import evaluate
from policy_lint.findings import Finding
from policy_lint.packs import load_packs
from policy_lint.ruleset import RuleSet
from policy_lint.ruletest import parse_string

PACK = """\
id: test-pack
title: Test pack
version: 1.0.0
source: tests
terms:
  logged: [~log, record*]
  incident: [incident*]
  unacceptable: [unacceptable, not tolerated, zero tolerance]
  sanction: [disciplinary*, dismiss*, gross misconduct]
  respond: [~respond, response]
  timescale:
    - {pattern: '\\bwithin \\d+ (working )?days?\\b'}
"""

EXAMPLES = """\
examples:
  - {status: met, text: x}
"""


def rule(rid: str, body: str, applies: str = "[policy, contract, code_of_conduct]") -> str:
    return (
        f"id: {rid}\nname: {rid.lower()}\ntitle: Test rule {rid}\nsource: tests\n"
        f"applies_to: {applies}\nkind: requirement\nhelp: A rule for the tests.\n"
        f"model_clause: Racist incidents must be logged.\n" + textwrap.dedent(body) + EXAMPLES
    )


LOG_RULE = rule(
    "T-01",
    """\
    topic: racism
    elements:
      - id: logs
        description: logs racist incidents
        all: [incident, logged]
    """,
)

CONDUCT_RULE = rule(
    "T-02",
    """\
    topic: racism
    elements:
      - id: unacceptable
        description: racism is unacceptable
        all: [unacceptable]
      - id: sanctions
        description: sanctions for racism
        all: [sanction]
        scope: paragraph
    """,
)


def make_pack(tmp_path: Path, *rules: str, pack: str = PACK) -> RuleSet:
    """Write a pack of ``rules`` (YAML texts) under ``tmp_path`` and load it."""
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    (folder / "pack.yaml").write_text(pack, encoding="utf-8")
    for text in rules:
        rid = text.split("\n", 1)[0].split(": ")[1]
        (folder / f"{rid}.yaml").write_text(text, encoding="utf-8")
    return load_packs([str(folder)])


def status(
    rules: RuleSet, text: str, doc_type: str = "policy", rule_id: str | None = None
) -> Finding:
    findings = evaluate(parse_string(text, "doc.md"), rules, doc_type)
    if rule_id is None:
        assert len(findings) == 1
        return findings[0]
    return next(f for f in findings if f.rule_id == rule_id)
