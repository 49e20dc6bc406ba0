"""A config's rule ids and pack names, and a pack's id, checked through ``policy-lint check``.

Like ruff and ESLint, a config naming a rule or pack that does not exist must stop the run
(exit 2) with one line ``error: path:line: reason`` on stderr and nothing on stdout, instead
of silently disabling, re-grading or waiving nothing (``config_refs.check_references``).
A pack in the standards folder whose ``id`` is not its folder name is rejected at the
``id:`` line (``docs/rule-format.md`` §1).
"""

from __future__ import annotations

from pathlib import Path

import hostile_fixtures as H
import pytest
from click.testing import CliRunner

from policy_lint import packs as packs_module
from policy_lint.api import check_paths
from policy_lint.cli import cli
from policy_lint.config_refs import did_you_mean, summarise, unknown_rule_reason
from policy_lint.errors import ConfigError

STANDARDS = Path(__file__).resolve().parents[1] / "policy_lint" / "standards"
SHIPPED_RULES = sorted(p.stem for p in STANDARDS.glob("*/*.yaml") if p.stem != "pack")
SHIPPED_PACKS = ", ".join(sorted(p.parent.name for p in STANDARDS.glob("*/pack.yaml")))
PACK = "id: {id}\ntitle: Mini pack\nversion: 1.0.0\nsource: tests\n"
RULE = """\
id: M-01
name: logs
title: Logs racist incidents
source: tests
applies_to: [all]
kind: requirement
topic: racism
elements:
  - id: logs
    description: logs racist incidents
    all: [[incident*], [~log]]
help: Log every racist incident.
model_clause: All racist incidents are logged.
examples:
  - status: met
    text: Racist incidents are logged.
"""


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tmp_path`` as the working folder, with ``docs/good.md`` in it."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "good.md").write_text(H.GOOD_MARKDOWN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", "docs", "--no-color", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def fails_with(config: str, line: str, name: str = ".policy-lint.yaml") -> None:
    Path(name).write_text(config, encoding="utf-8")
    assert check() == (2, "", f"error: {line}\n")


def runs(config: str, *args: str) -> None:
    Path(".policy-lint.yaml").write_text(config, encoding="utf-8")
    status, out, err = check(*args)
    assert (status in (0, 1), err) == (True, "")
    assert "good.md" in out


def mini_pack(root: Path, folder: str, pack_id: str) -> Path:
    (root / folder).mkdir(parents=True)
    (root / folder / "pack.yaml").write_text(PACK.format(id=pack_id), encoding="utf-8")
    (root / folder / "M-01.yaml").write_text(RULE, encoding="utf-8")
    return root / folder


# --- unknown rule ids ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "config, line",
    [
        (
            "fail_under: 10\nrules:\n  AR-L02: off\n  AR-L1O: off\n",
            ".policy-lint.yaml:4: unknown rule 'AR-L1O' — did you mean AR-L10?",
        ),
        (
            "rules:\n  ar-l13: error\n",
            ".policy-lint.yaml:2: unknown rule 'ar-l13' — did you mean AR-L13?",
        ),
        (
            "rules:\n  AR-W01: {severity: info}\n  AR-WO2: {enabled: false}\n",
            ".policy-lint.yaml:3: unknown rule 'AR-WO2' — did you mean AR-W02?",
        ),
        (
            "waivers:\n  - reason: plan due in March\n    paths: '*.md'\n    rule: AR-L1O\n"
            "    expires: 2099-01-01\n",
            ".policy-lint.yaml:4: unknown rule 'AR-L1O' — did you mean AR-L10?",
        ),
    ],
)
def test_unknown_rule_in_yaml_config(folder: Path, config: str, line: str) -> None:
    fails_with(config, line)


def test_unknown_rule_without_a_near_match_lists_the_known_rules(folder: Path) -> None:
    assert "AR-L01" in SHIPPED_RULES and "AR-W02" in SHIPPED_RULES
    fails_with(
        "rules:\n  CONDUCT: off\n",
        f".policy-lint.yaml:2: unknown rule 'CONDUCT' — known rules: {summarise(SHIPPED_RULES)}",
    )
    # every shipped rule is named, whichever pack it is in
    listed = summarise(SHIPPED_RULES)
    assert "AR-L01 to AR-L16" in listed and listed.endswith("AR-W01, AR-W02")


def test_unknown_rule_in_pyproject_tables(folder: Path) -> None:
    waiver = 'rule = "{}"\npaths = "*.md"\nreason = "plan due"\nexpires = "2099-01-01"\n'
    fails_with(
        "[project]\nname = 'x'\n\n[tool.policy-lint]\nfail_under = 1\n\n"
        "[[tool.policy-lint.waivers]]\n" + waiver.format("AR-L01") + "\n"
        "[[tool.policy-lint.waivers]]\n" + waiver.format("AR-L1O"),
        "pyproject.toml:14: unknown rule 'AR-L1O' — did you mean AR-L10?",
        name="pyproject.toml",
    )
    fails_with(
        '[tool.policy-lint.rules]\nAR-L02 = "off"\n"AR-L1O" = "off"\n',
        "pyproject.toml:3: unknown rule 'AR-L1O' — did you mean AR-L10?",
        name="pyproject.toml",
    )
    fails_with(
        '[tool.policy-lint]\nrules.AR-L02 = "off"\nrules.AR-L99X = "off"\n',
        f"pyproject.toml:3: unknown rule 'AR-L99X' — known rules: {summarise(SHIPPED_RULES)}",
        name="pyproject.toml",
    )


def test_rules_of_any_shipped_pack_and_of_the_packs_in_use_are_known(folder: Path) -> None:
    # AR-C01 belongs to a pack contracts get; a code of conduct does not, yet it is a rule
    runs("rules:\n  AR-C01: off\n  AR-W01: info\n  AR-L02: false\n")
    mini_pack(folder, "own-pack", "own-pack")
    runs("packs: [./own-pack]\nrules:\n  M-01: off\n")
    runs("rules:\n  M-01: warning\n", "--packs", "./own-pack")
    # without the pack, M-01 is unknown
    fails_with(
        "rules:\n  M-01: warning\n",
        f".policy-lint.yaml:2: unknown rule 'M-01' — known rules: {summarise(SHIPPED_RULES)}",
    )


def test_check_paths_raises_the_same_error(folder: Path) -> None:
    Path(".policy-lint.yaml").write_text("rules:\n  AR-L1O: off\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        check_paths(["docs"])
    assert (err.value.path, err.value.line) == (".policy-lint.yaml", 2)


def test_suggestions_only_when_one_rule_is_clearly_meant() -> None:
    known = ["AR-L01", "AR-L10", "AR-L11", "AR-L13"]
    assert did_you_mean("AR-L1O", known) == "AR-L10"  # letter O for zero
    assert did_you_mean("AR-LI3", known) == "AR-L13"  # letter I for one
    assert did_you_mean("AR-L31", ["AR-L05", "AR-L13"]) == "AR-L13"  # transposed: one edit
    assert did_you_mean("AR-L12", known) is None  # AR-L10, AR-L11, AR-L13 tie at one edit
    assert did_you_mean("XYZ", known) is None
    assert unknown_rule_reason("AR-L12", known) == (
        "unknown rule 'AR-L12' — known rules: AR-L01, AR-L10, AR-L11, AR-L13"
    )
    assert summarise(["B-2", "A-01", "A-02", "A-03", "A-05", "B-1", "B-3", "B-10"]) == (
        "A-01 to A-03, A-05, B-1 to B-3, B-10"
    )


# --- unknown packs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "config, line",
    [
        (
            "fail_under: 10\npacks: [chscp-leaders, chscp-leader]\n",
            ".policy-lint.yaml:2: unknown rule pack 'chscp-leader' — did you mean chscp-leaders?",
        ),
        (
            "packs:\n  - chscp-leaders\n  - hackney\n",
            f".policy-lint.yaml:3: unknown rule pack 'hackney' — shipped packs: {SHIPPED_PACKS}",
        ),
        (
            "packs:\n  - ./packs/nope\n",
            ".policy-lint.yaml:2: no rule pack folder './packs/nope' — give a folder holding a "
            "pack.yaml (relative to the working folder) or a shipped pack: " + SHIPPED_PACKS,
        ),
        (
            "packs: [docs]\n",
            ".policy-lint.yaml:1: 'docs' has no pack.yaml, so it is not a rule pack — see "
            "docs/rule-format.md §1",
        ),
    ],
)
def test_unknown_pack_in_config_names_the_config_line(folder: Path, config: str, line: str) -> None:
    fails_with(config, line)


def test_unknown_pack_in_pyproject(folder: Path) -> None:
    fails_with(
        '[tool.policy-lint]\nfail_under = 1\npacks = ["chscp-leaders", "chscp-lang"]\n',
        f"pyproject.toml:3: unknown rule pack 'chscp-lang' — shipped packs: {SHIPPED_PACKS}",
        name="pyproject.toml",
    )


# --- pack id and folder name ----------------------------------------------------------------


def test_pack_in_the_standards_folder_must_be_named_after_its_id(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    standards = folder / "std"
    mini_pack(standards, "hackney-words", "mini-words")
    mini_pack(standards, "hackney-rules", "hackney-rules")
    monkeypatch.setattr(packs_module, "standards_dir", lambda: str(standards))
    assert check("--packs", "hackney-words") == (
        2,
        "",
        "error: std/hackney-words/pack.yaml:1: id 'mini-words' does not match the folder name "
        "'hackney-words' — a pack in the standards folder is found by its folder name: set "
        "id: hackney-words, or rename the folder to mini-words\n",
    )
    status, out, err = check("--packs", "hackney-rules")
    assert (status in (0, 1), err, "M-01" in out) == (True, "", True)


def test_pack_given_as_a_path_may_have_any_folder_name(folder: Path) -> None:
    mini_pack(folder, "packs/v2", "hackney-schools")
    status, out, err = check("--packs", "packs/v2", "--format", "json")
    assert (status in (0, 1), err) == (True, "")
    assert '"pack": "hackney-schools"' in out


# --- the shared YAML loader ---------------------------------------------------------------


def test_config_is_read_by_the_shared_loader(folder: Path) -> None:
    Path(".policy-lint.yaml").write_bytes("\ufefffail_under: 0\n".encode())  # BOM is fine
    status, _, err = check()
    assert (status, err) == (0, "")
    Path(".policy-lint.yaml").write_bytes(b"fail_under: 1\n#" + b"x" * (1024 * 1024))
    assert check() == (
        2,
        "",
        "error: .policy-lint.yaml: file is 1.0 MB, over the 1 MB limit for a config file — is "
        "this the right file?\n",
    )
    fails_with("fail_under: !!python/object:os.system 1\n", ".policy-lint.yaml:1: YAML syntax "
               "error: could not determine a constructor for the tag "
               "'tag:yaml.org,2002:python/object:os.system' — fix the YAML")
