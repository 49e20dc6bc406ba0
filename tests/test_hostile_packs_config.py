"""Hostile rule packs and configs through ``policy-lint check``: exit 2 with one exact line.

A rule pack or a config is the user's own input, but it is often copied from elsewhere; a
bad one must stop the run at once (DESIGN.md: exit 2, "the tool could not run as asked")
with ``error: path[:line]: reason`` on stderr, nothing on stdout and no traceback.  Patterns
that would backtrack catastrophically in ``re`` are linear in RE2 and are allowed: a run with
them on a hostile document finishes and scores it.
"""

from __future__ import annotations

import os
from pathlib import Path

import hostile_fixtures as H
import pytest
from click.testing import CliRunner

from policy_lint.cli import cli

PACK = "id: mini\ntitle: Mini pack\nversion: 1.0.0\nsource: tests\n"
RULE = """\
id: M-01
name: logs
title: Logs racist incidents
source: tests
applies_to: [code_of_conduct]
kind: requirement
topic: racism
terms:
  logged:
    - ~log
    - pattern: '(a+)+$'
    - pattern: '(x+x+)+y'
    - pattern: '(.*a){20}'
elements:
  - id: logs
    description: logs racist incidents
    all: [[incident*], logged]
help: Log every racist incident.
model_clause: All racist incidents are logged.
examples:
  - status: met
    text: Racist incidents are logged.
"""
BOMB = "".join(
    f"{name}: &{name} [{','.join([prev] * 9)}]\n"
    for name, prev in zip(
        "abcdefghi", ['"lol"', "*a", "*b", "*c", "*d", "*e", "*f", "*g", "*h"], strict=True
    )
)
ALIAS_BOMB = (
    "YAML expands to more than 200,000 nodes (alias bomb?) — write the data out without "
    "anchors and aliases"
)


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tmp_path`` as the working folder, with ``docs/good.md`` in it."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "good.md").write_text(H.GOOD_MARKDOWN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def pack(root: Path, name: str, files: dict[str, str]) -> str:
    (root / name).mkdir()
    for file, text in {"pack.yaml": PACK, **files}.items():
        (root / name / file).write_text(text, encoding="utf-8")
    return name


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", "docs", "--no-color", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def assert_one_line(status: int, out: str, err: str, line: str) -> None:
    assert (status, out, err) == (2, "", f"error: {line}\n")


def test_pack_with_a_yaml_alias_bomb(folder: Path) -> None:
    name = pack(folder, "bomb", {"M-01.yaml": BOMB})
    assert_one_line(*check("--packs", name), f"bomb/M-01.yaml:6: {ALIAS_BOMB}")


def test_pack_with_a_recursive_alias(folder: Path) -> None:
    name = pack(folder, "loop", {"M-01.yaml": "id: &a [*a]\n"})
    assert_one_line(*check("--packs", name), "loop/M-01.yaml:1: recursive YAML alias — remove it")


def test_catastrophic_patterns_run_in_linear_time_on_a_hostile_document(folder: Path) -> None:
    name = pack(folder, "regex", {"M-01.yaml": RULE})
    hostile = "Racist incidents are " + "a" * 200_000 + "! And " + "x" * 100_000 + "\n"
    (folder / "docs" / "good.md").write_text(H.GOOD_MARKDOWN + "\n" + hostile, encoding="utf-8")
    status, out, err = check("--packs", name)
    assert (status, err) == (0, "")
    assert "  ✔ met            M-01 logs  [warning]\n" in out  # the a-run matches (a+)+$


def _empty_rule_files(folder: Path, n: int) -> None:
    for i in range(n):
        os.close(os.open(folder / f"R-{i:06d}.yaml", os.O_CREAT | os.O_WRONLY, 0o644))


def test_pack_over_the_rule_limit_fails_before_reading_a_rule(folder: Path) -> None:
    name = pack(folder, "many", {})
    _empty_rule_files(folder / name, 5001)
    status, out, err = check("--packs", name)
    assert (status, out) == (2, "")
    assert err == f"error: {name}: more than 5000 rules in one pack — split it\n"


@pytest.mark.slow
def test_pack_of_100000_rules(folder: Path) -> None:
    name = pack(folder, "huge", {})
    _empty_rule_files(folder / name, 100_000)
    status, out, err = check("--packs", name)
    assert (status, out) == (2, "")
    assert err == f"error: {name}: more than 5000 rules in one pack — split it\n"


def test_pack_over_the_rule_limit_names_the_folder_as_given(folder: Path) -> None:
    name = pack(folder, "many", {})
    _empty_rule_files(folder / name, 5001)
    assert_one_line(*check("--packs", name), "many: more than 5000 rules in one pack — split it")


@pytest.mark.parametrize(
    "text, line",
    [
        (
            "fail_under: high\n",
            ".policy-lint.yaml:1: fail_under: 'high' is not of type 'number' — A document "
            "whose score is under this fails its gate (exit 1).",
        ),
        (
            "exclude: {a: 1}\n",
            ".policy-lint.yaml:1: exclude: {'a': 1} is not of type 'array' — Path globs "
            "(relative to the config file's folder, .gitignore syntax) never checked when "
            "walking folders.",
        ),
        (
            "fail_under: 50\nrules: [1, 2]\n",
            ".policy-lint.yaml:2: rules: [1, 2] is not of type 'object' — Per rule: off / on "
            "(or false / true), a severity (error, warning, info), or {enabled, severity}.",
        ),
        (
            "pdf_engine: 3\n",
            ".policy-lint.yaml:1: pdf_engine: 3 is not one of ['pypdfium2', 'pdfplumber'] — "
            "see schemas/config.schema.json",
        ),
        (
            "- just a list\n",
            ".policy-lint.yaml:1: config: ['just a list'] is not of type 'object' — see "
            "schemas/config.schema.json",
        ),
        (BOMB, f".policy-lint.yaml:6: {ALIAS_BOMB}"),
        ("packs: &p [*p]\n", ".policy-lint.yaml:1: recursive YAML alias — remove it"),
    ],
)
def test_config_with_wrong_types_or_an_alias_bomb(folder: Path, text: str, line: str) -> None:
    (folder / ".policy-lint.yaml").write_text(text, encoding="utf-8")
    assert_one_line(*check(), line)


def test_pyproject_config_with_a_wrong_type(folder: Path) -> None:
    (folder / "pyproject.toml").write_text('[tool.policy-lint]\nfail_under = "x"\n')
    assert_one_line(
        *check(),
        "pyproject.toml:2: fail_under: 'x' is not of type 'number' — A document whose score "
        "is under this fails its gate (exit 1).",
    )
