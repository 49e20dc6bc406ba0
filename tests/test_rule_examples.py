"""Every example of every shipped rule is a test case; every rule has enough examples.

The same runner as ``policy-lint rules test`` (``policy_lint.ruletest``). Collects nothing
for a pack with no rules yet.
"""

import re
from pathlib import Path

import pytest

from policy_lint.packs import available_packs, load_packs
from policy_lint.ruletest import coverage_problems, iter_examples, run_example

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
RULES = load_packs(tuple(available_packs()))
CASES = list(iter_examples(RULES))


@pytest.mark.parametrize(
    "rule, example, number",
    CASES,
    ids=[f"{rule.id}-{number}-{example.status or 'flags'}" for rule, example, number in CASES],
)
def test_example(rule, example, number):
    result = run_example(rule, example, number, RULES)
    assert result.actual == result.expected, f"{result.where}: {result.message}"


@pytest.mark.parametrize("rule", RULES.rules, ids=[r.id for r in RULES.rules])
def test_rule_has_enough_examples(rule):
    assert coverage_problems(rule) == []


@pytest.mark.parametrize("rule", RULES.rules, ids=[r.id for r in RULES.rules])
def test_rule_has_help_source_and_model_clause(rule):
    assert rule.help and rule.source
    if rule.kind == "requirement":
        assert rule.model_clause


def _standards_rows() -> dict[str, list[str]]:
    text = (SHARED / "STANDARDS.md").read_text(encoding="utf-8")
    rows: dict[str, list[str]] = {}
    pack = None
    for line in text.splitlines():
        head = re.match(r"## Pack `([a-z0-9-]+)`", line)
        if head:
            pack = head.group(1)
        row = re.match(r"\| (AR-[A-Z]\d\d) \|", line)
        if row and pack:
            rows.setdefault(pack, []).append(row.group(1))
    return rows


def test_every_standard_has_a_rule():
    if not (SHARED / "STANDARDS.md").is_file():
        pytest.skip("../shared/STANDARDS.md is absent")
    rows = _standards_rows()
    assert len(rows["chscp-leaders"]) == 16
    shipped = set(available_packs())
    for pack, ids in rows.items():
        if pack != "chscp-leaders" and pack not in shipped:
            continue
        have = {r.id for r in RULES if r.pack == pack}
        assert [i for i in ids if i not in have] == [], pack
