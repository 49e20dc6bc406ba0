"""Commands never lose a document or a device, and never hang on a pipe (fresh-eyes finds)."""

import os
import shutil
from pathlib import Path

from click.testing import CliRunner

from policy_lint.cli import cli

SAMPLE = Path(__file__).resolve().parents[1] / "sample_policies" / "code_of_conduct_weak.md"


def test_output_over_an_input_document_is_refused(tmp_path):
    doc = tmp_path / "draft.md"
    shutil.copy(SAMPLE, doc)
    before = doc.read_bytes()
    result = CliRunner().invoke(cli, ["check", str(doc), "-o", f"markdown={doc}"])
    assert result.exit_code == 2
    assert f"{doc}: --output would overwrite a document being checked" in result.output
    assert doc.read_bytes() == before


def test_two_formats_to_one_file_are_refused(tmp_path):
    doc = tmp_path / "draft.md"
    shutil.copy(SAMPLE, doc)
    out = tmp_path / "same.html"
    result = CliRunner().invoke(
        cli, ["check", str(doc), "-o", f"html={out}", "-o", f"json={out}"]
    )
    assert result.exit_code == 2
    assert "--output gives this file for both html and json" in result.output
    assert not out.exists()


def test_output_to_a_pipe_is_refused_and_the_pipe_kept(tmp_path):
    doc = tmp_path / "draft.md"
    shutil.copy(SAMPLE, doc)
    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    result = CliRunner().invoke(cli, ["check", str(doc), "-o", f"json={pipe}"])
    assert result.exit_code == 2
    assert "cannot write the report: not a regular file" in result.output
    assert pipe.is_fifo()


def test_parse_of_a_fifo_is_an_error_not_a_hang(tmp_path):
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    result = CliRunner().invoke(cli, ["parse", str(pipe)])
    assert result.exit_code == 1
    assert f"{pipe}: not a regular file (a pipe, device or socket)" in result.output


def test_parse_strips_terminal_controls(tmp_path):
    doc = tmp_path / "bidi.md"
    doc.write_text("# T\n\nHello \x1b]0;pwned\x07 world \u202e evil.\n", encoding="utf-8")
    text = CliRunner().invoke(cli, ["parse", str(doc)]).output
    assert "Hello ]0;pwned world  evil." in text
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    js = CliRunner().invoke(cli, ["parse", "--format", "json", str(doc)]).output
    assert "\\u202e" in js and "\u202e" not in js


def test_rules_docs_without_a_docs_folder_is_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["rules", "docs"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "error: docs/rules.md: cannot write the report: its folder does not exist — create it"
    )
