import json

from click.testing import CliRunner

from policy_lint.cli import cli

PACK = "id: p\ntitle: P pack\nversion: '1'\nsource: tests\n"
RULE = """\
id: X-01
name: logs
title: Logs racist incidents
source: tests
applies_to: [policy]
kind: requirement
topic: racism
elements:
  - id: logs
    description: logs racist incidents
    all: [[incident*], [~log]]
help: Log them all.
model_clause: All racist incidents are logged.
examples:
  - {status: met, text: Racist incidents are logged.}
  - {status: met, note: deliberately wrong, text: We do not log racist incidents.}
"""


def make(tmp_path, rule=RULE):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "pack.yaml").write_text(PACK)
    (folder / "X-01.yaml").write_text(rule)
    return str(folder)


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_rules_test_reports_mismatch_and_exits_1(tmp_path):
    folder = make(tmp_path)
    result = run("rules", "test", folder)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        f"FAIL  {folder}/X-01.yaml:16: X-01 example 2 (deliberately wrong): expected met, "
        "got not_met"
    )
    assert lines[1].startswith("      Not met: missing: logs racist incidents (only negated")
    assert lines[-1] == "1 of 2 examples passed in 1 rules; 3 coverage gaps"


def test_rules_test_passes_and_strict_checks_coverage(tmp_path):
    folder = make(tmp_path, RULE.replace("status: met, note", "status: not_met, note"))
    assert run("rules", "test", folder).exit_code == 0
    strict = run("rules", "test", "--strict", folder)
    assert strict.exit_code == 1
    assert "FAIL  coverage: X-01: needs at least 2 met examples (has 1)" in strict.output


def test_rules_test_broken_pack_exits_2_one_line(tmp_path):
    folder = make(tmp_path, RULE.replace("kind: requirement", "kind: nonsense"))
    result = CliRunner().invoke(cli, ["rules", "test", folder])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "X-01.yaml:6: kind: 'nonsense' is not one of" in result.output


def test_rules_list_table_and_json(tmp_path):
    folder = make(tmp_path)
    table = run("rules", "list", "--packs", folder)
    assert table.exit_code == 0
    assert table.output.splitlines()[1].split()[:5] == ["X-01", "p", "logs", "warning", "1"]
    data = json.loads(run("rules", "list", "--format", "json", "--packs", folder).output)
    assert data == [
        {
            "applies_to": ["policy"],
            "critical": False,
            "id": "X-01",
            "kind": "requirement",
            "name": "logs",
            "pack": "p",
            "severity": "warning",
            "source": "tests",
            "title": "Logs racist incidents",
            "weight": 1,
        }
    ]


def test_rules_explain(tmp_path):
    folder = make(tmp_path)
    result = run("rules", "explain", "x-01", "--packs", folder)
    assert result.exit_code == 0
    assert result.output.startswith("# X-01 logs\n")
    missing = run("rules", "explain", "X-99", "--packs", folder)
    assert missing.exit_code == 2


def test_shipped_packs_list():
    result = run("rules", "list", "--format", "json")
    assert result.exit_code == 0
    ids = [r["id"] for r in json.loads(result.output)]
    assert "AR-L11" in ids and len(ids) == len(set(ids))


def test_rules_explain_an_unknown_id_suggests_the_near_one():
    near = CliRunner().invoke(cli, ["rules", "explain", "AR-L1O"])
    assert (near.exit_code, near.stderr) == (2, "error: no rule 'AR-L1O' — did you mean AR-L10?\n")
    far = CliRunner().invoke(cli, ["rules", "explain", "ZZ-99"])
    assert far.stderr == "error: no rule 'ZZ-99' — see `policy-lint rules list`\n"
