from pathlib import Path

from policy_lint.packs import load_packs
from policy_lint.ruledocs import explain_text, rules_markdown, shipped_rules

ROOT = Path(__file__).resolve().parents[1]


def test_docs_rules_md_is_up_to_date():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(shipped_rules()), (
        "docs/rules.md is stale — run `policy-lint rules docs` and commit it"
    )


def test_docs_list_every_rule_once():
    rules = shipped_rules()
    text = rules_markdown(rules)
    for rule in rules:
        assert text.count(f"\n### {rule.id} {rule.name}\n") == 1


def test_explain_a_small_rule(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "pack.yaml").write_text("id: p\ntitle: P pack\nversion: '1'\nsource: tests\n")
    (folder / "X-01.yaml").write_text(
        "id: X-01\nname: logs\ntitle: Logs racist incidents\nsource: Charter, Leaders\n"
        "applies_to: [policy]\nkind: requirement\ntopic: racism\nweight: 2\n"
        "elements:\n  - id: logs\n    description: logs racist incidents\n"
        "    all: [[incident*], [~log]]\n    scope: paragraph\n"
        "help: Log them all.\nmodel_clause: All racist incidents are logged.\n"
        "examples:\n  - {status: met, text: Racist incidents are logged.}\n"
        "  - {status: not_met, text: Nothing.}\n"
    )
    text = explain_text(load_packs([str(folder)]).rules[0])
    assert text.splitlines()[:5] == [
        "# X-01 logs",
        "",
        "**Logs racist incidents**",
        "",
        "pack `p` · kind `requirement` · severity `warning` · weight 2",
    ]
    assert (
        "- `logs` — logs racist incidents (within one paragraph; about racism (general "
        "equality wording = partly met)); looks for {incident*} + {~log}"
    ) in text
    assert "> All racist incidents are logged." in text
    assert text.rstrip().endswith("*Examples:* 1 met, 1 not met")
