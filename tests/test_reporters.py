"""Every output format on one hand-built result (two documents, a waiver, an unreadable file)."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from scorecard_fixtures import sample_result

from policy_lint.reporters import REPORTERS, render

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def result():
    return sample_result()


def test_json_validates_and_is_deterministic(result):
    schema = json.loads((ROOT / "policy_lint/schemas/scorecard.schema.json").read_text())
    text = render("json", result)
    data = json.loads(text)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert text == render("json", sample_result())
    assert text == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    good, bad, missing = data["documents"]
    assert (good["score"], good["rag"], good["passed"]) == (80.0, "green", True)
    assert (bad["score"], bad["rag"]) == (12.5, "red")
    assert bad["findings"][1]["waived"] == "new policy due in March"
    assert bad["counts"] == {"met": 0, "partly_met": 1, "not_met": 1, "not_applicable": 0,
                             "waived": 1, "flags": 0}
    assert (missing["rag"], missing["error"]) == ("error", "missing.docx: no such file")
    assert good["findings"][0]["evidence"][0]["location"] == "line 3:1"
    assert data["organisation"]["rows"][0] == {
        "rule_id": "AR-L01", "name": "rule-01", "title": "Title of AR-L01", "weight": 3,
        "status": "met", "document": "good.md",
        "statuses": [{"path": "good.md", "status": "met"},
                     {"path": "bad <script>.md", "status": "not_met"}],
    }
    assert data["summary"]["waived"] == 1 and data["summary"]["errors"] == 1


def test_sarif_validates_against_the_official_schema(result):
    schema = json.loads((ROOT / "tests/schemas/sarif-schema-2.1.0.json").read_text())
    log = json.loads(render("sarif", result))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["AR-L01", "AR-L02", "AR-L11",
                                                                 "AR-L13"]
    got = [(r["ruleId"], r["level"], r["properties"]["status"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
           for r in run["results"]]
    assert got == [
        ("AR-L11", "note", "partly_met", "good.md"),
        ("AR-L01", "error", "not_met", "bad%20%3Cscript%3E.md"),
        ("AR-L11", "warning", "not_met", "bad%20%3Cscript%3E.md"),
        ("AR-L13", "note", "partly_met", "bad%20%3Cscript%3E.md"),
    ]
    assert run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert run["results"][2]["suppressions"][0]["justification"] == "new policy due in March"
    assert run["results"][1]["ruleIndex"] == 0
    note = run["invocations"][0]["toolExecutionNotifications"][0]
    assert (note["level"], note["message"]["text"]) == ("error", "missing.docx: no such file")


def test_html_is_self_contained_and_escapes_document_text(result):
    page = render("html", result)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Bold&lt;/b&gt;" in page
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page, re.I)
    assert "<link" not in page and "@import" not in page
    assert "waived (new policy due in March)" in page
    assert "Could not be read: missing.docx: no such file" in page
    assert 'class="badge green">Green<' in page and 'class="badge red">Red<' in page
    assert "\x1b" not in page


def test_csv_neutralises_formula_cells(result):
    rows = list(csv.DictReader(io.StringIO(render("csv", result))))
    assert len(rows) == 3 + 3 + 1
    l13 = next(r for r in rows if r["rule_id"] == "AR-L13")
    assert l13["evidence"].startswith("'=HYPERLINK(")
    assert l13["advice"] == "partly met"
    waived = next(r for r in rows if r["rule_id"] == "AR-L11" and r["path"].startswith("bad"))
    assert (waived["status"], waived["waived_reason"]) == ("waived", "new policy due in March")
    assert rows[-1]["status"] == "error" and rows[-1]["advice"] == "missing.docx: no such file"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx"])
def test_csv_neutralise_each_trigger(cell):
    from policy_lint.reporters.csv_format import neutralise

    assert neutralise(cell) == "'" + cell
    assert neutralise("Racism is unacceptable.") == "Racism is unacceptable."


def test_junit_failures_skips_and_errors(result):
    root = ET.fromstring(render("junit", result).encode())
    assert {k: root.get(k) for k in ("tests", "failures", "errors", "skipped")} == {
        "tests": "7", "failures": "1", "errors": "1", "skipped": "2"}
    bad = root.findall("testsuite")[1]
    assert bad.get("name") == "bad <script>.md"
    cases = {c.get("name"): c for c in bad.findall("testcase")}
    assert cases["AR-L01 rule-01"].find("failure").get("message") == "not met: Title of AR-L01"
    assert cases["AR-L11 rule-11"].find("skipped").get("message") == \
        "waived (new policy due in March)"
    err = root.findall("testsuite")[2].find("testcase/error")
    assert err.get("message") == "missing.docx: no such file"


def test_text_plain_and_coloured(result):
    plain = render("text", result)
    assert "\x1b" not in plain
    assert "~ waived (new policy due in March) AR-L11" in plain
    assert "  Green     80  good.md  policy: 1 met, 1 partly, 0 not met" in plain
    assert "  Error      —  missing.docx  no such file" in plain.splitlines()  # path once
    assert plain.rstrip().endswith(
        "3 documents: 1 green, 0 amber, 1 red, 1 unreadable · 1 passed, 2 failed the gate "
        "· 1 waived · 1 wording flag")
    assert '“=HYPERLINK("http://x") <script>alert(1)</script>[31m”' in plain
    coloured = render("text", result, color=True)
    assert "\x1b[" in coloured and "\x1b[31m”" not in coloured


def test_markdown_for_pr_comment(result):
    md = render("markdown", result)
    assert md.startswith("## policy-lint scorecard\n")
    assert "| <code>good.md</code> | policy | 80 | 🟢 Green | passed |" in md
    assert "<code>bad &lt;script&gt;.md</code>" in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md and "<script>" not in md
    assert "waived (new policy due in March)" in md
    assert ("| <code>missing.docx</code> | error: missing.docx: no such file | — | ⚠️ Error "
            "| **failed** |") in md


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_format_shows_error_row_and_waiver(result, fmt):
    out = render(fmt, result)
    assert "missing.docx" in out
    assert "no such file" in out
    assert "new policy due in March" in out


GOLDEN = ROOT / "tests" / "golden"
_SUFFIX = {"text": "txt", "markdown": "md", "csv": "csv", "junit": "xml", "html": "html",
           "json": "json", "sarif": "sarif"}


@pytest.mark.parametrize("fmt", sorted(_SUFFIX))
def test_golden_output(result, fmt):
    # Whole-output snapshots: regenerate with POLICY_LINT_UPDATE_GOLDEN=1, then review the diff.
    import os

    path = GOLDEN / f"reporters.{_SUFFIX[fmt]}"
    out = render(fmt, result)
    if os.environ.get("POLICY_LINT_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(out.encode("utf-8"))
    assert out == path.read_bytes().decode("utf-8")
