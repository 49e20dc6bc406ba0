"""Inputs are read-only, and reports are written atomically.

Every command is run on a folder of inputs (documents in every format, a hostile one, a
config, a rule pack, an eval labels file) whose modification times have been set to a fixed
past instant; afterwards every file's bytes, mtime and mode are unchanged and no file has
appeared or gone (no cache, lock or temporary file next to the inputs).  Reports go to
``out/``.  ``policy_lint.atomic.write_atomic`` writes every ``--output`` file: a render that
fails, or a write that fails half-way, leaves the previous report intact and no temporary
file behind.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import hostile_fixtures as H
import pytest
from click.testing import CliRunner

from policy_lint.cli import cli
from policy_lint.reporters import REPORTERS, SUFFIXES

PAST = 1_000_000_000  # 2001-09-09, in seconds
PACK = "id: mini\ntitle: Mini pack\nversion: 1.0.0\nsource: tests\n"
RULE = """\
id: M-01
name: logs
title: Logs racist incidents
source: tests
applies_to: [code_of_conduct, policy]
kind: requirement
topic: racism
terms:
  logged: [~log, record*]
elements:
  - id: logs
    description: logs racist incidents
    all: [[incident*], logged]
help: Log every racist incident.
model_clause: All racist incidents are logged.
examples:
  - status: met
    text: Racist incidents are logged.
  - status: not_met
    text: Staff arrive on time.
"""
LABELS = """\
documents:
- path: docs/good.md
  doc_type: code_of_conduct
  rules:
    AR-L11:
      status: met
      evidence:
      - Racist language, jokes or behaviour will not be tolerated.
"""

Snapshot = dict[str, tuple[str, int, int]]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ro")
    files: dict[str, str | bytes] = {
        "in/.policy-lint.yaml": "fail_under: 10\nexclude: [drafts/]\n",
        "in/docs/good.md": H.GOOD_MARKDOWN,
        "in/docs/policy.txt": "REPORTING RACISM\n\nStaff must report racist incidents.\n",
        "in/docs/policy.docx": H.good_docx(),
        "in/docs/policy.pdf": H.good_pdf(),
        "in/docs/locked.pdf": H.encrypted_pdf(),
        "in/docs/hostile.md": "# <script>alert(1)</script>\n\n=HYPERLINK(\"http://x\")\n\n"
        "\x1b[31mRed\x1b[0m text must be reported.\n",
        "in/mini/pack.yaml": PACK,
        "in/mini/M-01.yaml": RULE,
        "in/labels.yaml": LABELS,
    }
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    for path in [*(root / "in").rglob("*"), root / "in"]:
        os.utime(path, ns=(PAST * 10**9, PAST * 10**9), follow_symlinks=False)
    (root / "out").mkdir()
    return root


def snapshot(folder: Path) -> Snapshot:
    """``{relative path: (sha256, mtime_ns, mode)}`` of every file and folder under
    ``folder``."""
    out: Snapshot = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        out[str(path.relative_to(folder))] = (digest, st.st_mtime_ns, st.st_mode)
    return out


DOCS = ["in/docs/good.md", "in/docs/policy.txt", "in/docs/policy.docx", "in/docs/policy.pdf"]
COMMANDS: list[list[str]] = [
    ["parse", *DOCS],
    ["parse", "--format", "json", *DOCS],
    ["parse", "--pdf-engine", "pdfplumber", "in/docs/policy.pdf", "in/docs/locked.pdf"],
    *(["check", "in/docs", "--format", fmt] for fmt in REPORTERS),
    *(["check", "in/docs", "--output", f"{fmt}=out/r{SUFFIXES[fmt]}"] for fmt in REPORTERS),
    ["check", "in/docs", "--pdf-engine", "pdfplumber", "--packs", "in/mini",
     *(f"--output={fmt}=out/all{SUFFIXES[fmt]}" for fmt in REPORTERS)],
    ["check", "in/docs/good.md", "--config", "in/.policy-lint.yaml", "--format", "json"],
    ["rules", "list", "--packs", "in/mini"],
    ["rules", "list", "--format", "json", "--packs", "in/mini"],
    ["rules", "explain", "M-01", "--packs", "in/mini"],
    ["rules", "test", "in/mini"],
    ["eval", "in/labels.yaml"],
    ["eval", "--format", "json", "in/labels.yaml"],
    ["eval", "--check", "in/labels.yaml"],
    ["vet", "in/docs", "--no-cache", "-j", "1", "--output", "html=out/vet.html",
     "--output", "csv=out/vet.csv"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a[:4]) for a in COMMANDS])
def test_command_leaves_every_input_unchanged(
    inputs: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(inputs)
    before = snapshot(inputs / "in")
    result = CliRunner().invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1), result.output
    assert snapshot(inputs / "in") == before
    assert not [p for p in (inputs / "out").iterdir() if p.name.startswith(".")]


def test_every_output_file_is_written_by_write_atomic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import policy_lint.atomic as atomic

    written: list[str] = []
    real = atomic.write_atomic

    def spy(path: str, text: str, encoding: str = "utf-8") -> None:
        written.append(path)
        real(path, text, encoding)

    monkeypatch.setattr(atomic, "write_atomic", spy)
    (tmp_path / "good.md").write_text(H.GOOD_MARKDOWN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    outputs = [f"--output={fmt}=r{SUFFIXES[fmt]}" for fmt in REPORTERS]
    result = CliRunner().invoke(cli, ["check", "good.md", *outputs])
    assert result.exit_code == 0, result.output
    assert sorted(written) == sorted(f"r{SUFFIXES[fmt]}" for fmt in REPORTERS)


def _old_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "good.md").write_text(H.GOOD_MARKDOWN, encoding="utf-8")
    report = tmp_path / "report.html"
    report.write_text("OLD REPORT")
    monkeypatch.chdir(tmp_path)
    return report


def test_a_failing_render_leaves_the_old_report_and_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import policy_lint.reporters.html as html

    report = _old_report(tmp_path, monkeypatch)

    def broken(*_a: object, **_k: object) -> str:
        raise RuntimeError("template exploded")

    monkeypatch.setattr(html, "render", broken)
    result = CliRunner().invoke(cli, ["check", "good.md", "--output", "html=report.html"])
    assert isinstance(result.exception, RuntimeError)
    assert report.read_text() == "OLD REPORT"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.md", "report.html"]


def test_a_write_failing_half_way_leaves_the_old_report_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import policy_lint.atomic as atomic

    report = _old_report(tmp_path, monkeypatch)

    def full_disk(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    result = CliRunner().invoke(cli, ["check", "good.md", "--output", "html=report.html"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: report.html: cannot write the report (No space left on device) — check the "
        "path and permissions\n"
    )
    assert report.read_text() == "OLD REPORT"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.md", "report.html"]
