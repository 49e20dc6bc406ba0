"""Reports stay safe when a document (or its file name) is hostile.

A supplier controls both the text of a document and its file name.  Through the real CLI,
with text and a name holding ``<script>``, spreadsheet formulas, ANSI escape sequences, C0
and C1 controls, DEL and bidi overrides, every format must come out: without any control
character but line ends (a terminal, spreadsheet or XML parser acts on them), HTML and
Markdown escaped, CSV formula cells neutralised (OWASP "CSV injection": a leading ``'``),
JUnit well-formed XML and JSON / SARIF valid JSON.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from policy_lint.cli import cli
from policy_lint.reporters import REPORTERS

ROOT = Path(__file__).resolve().parents[1]

HOSTILE_NAME = "=HYPERLINK(1)\x1b[2J\x07\u009b\u202e<script>x.txt"
HOSTILE_TEXT = (
    "POLICY <SCRIPT>ALERT(1)</SCRIPT>\n\n"
    '=HYPERLINK("http://evil.example","click") staff must report racist incidents. '
    "<script>alert(2)</script> racist jokes will not be tolerated.\n\n"
    "\x1b[31mRed\x1b[0m racist jokes will not be tolerated \x07\x08 and must be reported. "
    "Bell\x7f and \u009b31m C1 CSI \u202e reversed \u200b zero width.\n\n"
    "+cmd|calc racist language is not tolerated.\n\n"
    "@SUM(1) racist abuse must be reported.\n"
)
#: Anything a terminal, spreadsheet or XML 1.0 parser could act on (line ends allowed).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every format's report for one folder holding the hostile document."""
    root = tmp_path_factory.mktemp("hostile-out")
    (root / "docs").mkdir()
    (root / "docs" / HOSTILE_NAME).write_text(HOSTILE_TEXT, encoding="utf-8")
    out: dict[str, str] = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        for fmt in REPORTERS:
            result = CliRunner().invoke(cli, ["check", "docs", "--format", fmt, "--no-color"])
            assert result.exit_code == 1, result.output
            out[fmt] = result.stdout
    return out


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_no_control_characters_in_any_format(outputs: dict[str, str], fmt: str) -> None:
    assert "HYPERLINK(1)" in outputs[fmt] or fmt == "sarif"  # the document is reported
    assert CONTROL.findall(outputs[fmt]) == []


@pytest.mark.parametrize("fmt", ["html", "markdown", "junit"])
def test_script_tags_are_never_raw_markup(outputs: dict[str, str], fmt: str) -> None:
    text = outputs[fmt]
    assert "<script>" not in text.lower()
    if fmt in ("html", "markdown"):
        assert "&lt;script&gt;" in text


def test_html_escapes_document_text_and_file_name(outputs: dict[str, str]) -> None:
    html = outputs["html"]
    assert "<h2>docs/=HYPERLINK(1)[2J&lt;script&gt;x.txt</h2>" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_csv_cells_cannot_start_a_formula(outputs: dict[str, str]) -> None:
    rows = list(csv.reader(io.StringIO(outputs["csv"])))
    cells = [cell for row in rows for cell in row]
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    quotes = [c for c in cells if "HYPERLINK(" in c and "evil" in c]
    assert quotes and all(c.startswith("'=HYPERLINK(") for c in quotes)


def test_junit_is_well_formed_xml_and_json_formats_parse(outputs: dict[str, str]) -> None:
    ET.fromstring(outputs["junit"])
    doc = json.loads(outputs["json"])
    assert doc["documents"][0]["path"] == "docs/" + HOSTILE_NAME  # JSON keeps the name exactly
    json.loads(outputs["sarif"])


def test_text_report_keeps_the_words_and_drops_the_escapes(outputs: dict[str, str]) -> None:
    text = outputs["text"]
    assert "docs/=HYPERLINK(1)[2J<script>x.txt\n" in text
    assert "\x1b" not in text


def test_undecodable_file_name_is_cleaned(tmp_path: Path) -> None:
    from policy_lint.reporters._common import clean

    assert CONTROL.findall(clean("docs/ev\udc9b[2Jil.txt")) == []


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system taking any bytes")
@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_file_name_that_is_not_utf8_gives_utf8_reports(tmp_path: Path, fmt: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    with open(os.fsencode(docs) + b"/bad\x9bname.txt", "wb") as fh:
        fh.write(HOSTILE_TEXT.encode("utf-8"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = ["check", "docs", "--output", f"{fmt}=report.out"]
    run = subprocess.run(
        [sys.executable, "-m", "policy_lint", *args],
        cwd=tmp_path, env=env, capture_output=True, timeout=120, check=False,
    )
    assert (run.returncode, run.stderr) == (1, b"")
    report = (tmp_path / "report.out").read_bytes().decode("utf-8")  # valid UTF-8
    assert "bad\ufffdname.txt" in report or "bad%9Bname.txt" in report
    run.stdout.decode("utf-8")
