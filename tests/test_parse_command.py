"""`policy-lint parse`: JSON output validates against the document schema; text shows locations."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from policy_lint.cli import cli
from policy_lint.parsers import DEFAULT_LIMITS
from policy_lint.parsers.markdown import parse

SCHEMA_PATH = (
    Path(__file__).resolve().parents[1] / "policy_lint" / "schemas" / "document.schema.json"
)

SOURCE = """---
title: Anti-racism policy
doc_type: policy
---

# Anti-racism policy

We do not tolerate racism, e.g. racist jokes. Staff **must** report it.

## Reporting

- Tell your manager.
- Or use the [form](https://example.org/form).

| Incident | Action |
|---|---|
| Racist abuse | Dismissal |

> Quoted from the charter.

<!-- expect AR-L11: partly_met -->
Footnoted[^1].

[^1]: See the charter.
"""


@pytest.fixture()
def schema() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(loaded)
    return loaded


@pytest.fixture()
def policy(tmp_path: Path) -> Path:
    path = tmp_path / "policy.md"
    path.write_text(SOURCE, encoding="utf-8")
    return path


def test_json_output_validates(policy: Path, schema: dict[str, object]) -> None:
    result = CliRunner().invoke(cli, ["parse", "--format", "json", str(policy)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["format"] == "markdown"
    assert data["metadata"]["title"] == "Anti-racism policy"
    assert data["metadata"]["directive:21"] == "expect AR-L11: partly_met"
    spans = [
        (s["text"], s["span"]["line"], s["span"]["column"], s["span"]["container"])
        for sec in data["sections"]
        for b in sec["blocks"]
        for s in b["sentences"]
    ]
    assert spans == [
        ("Anti-racism policy", 6, 3, "body"),
        ("We do not tolerate racism, e.g. racist jokes.", 8, 1, "body"),
        ("Staff must report it.", 8, 47, "body"),
        ("Reporting", 10, 4, "body"),
        ("Tell your manager.", 12, 3, "body"),
        ("Or use the form.", 13, 3, "body"),
        ("Incident", 15, 3, "table"),
        ("Action", 15, 14, "table"),
        ("Racist abuse", 17, 3, "table"),
        ("Dismissal", 17, 18, "table"),
        ("Quoted from the charter.", 19, 3, "body"),
        ("Footnoted.", 22, 1, "body"),
        ("See the charter.", 24, 7, "footnote"),
    ]


def test_schema_rejects_a_broken_document(schema: dict[str, object]) -> None:
    data = json.loads(json.dumps(parse("x.md", b"# T\n\nText.\n", DEFAULT_LIMITS).to_dict()))
    jsonschema.Draft202012Validator(schema).validate(data)
    data["sections"][0]["blocks"][0]["kind"] = "sidebar"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_text_output_shows_locations(policy: Path) -> None:
    result = CliRunner().invoke(cli, ["parse", str(policy)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "  title: Anti-racism policy" in lines
    assert "    line 8:47: Staff must report it." in lines
    assert "    line 17:18, table row 2 col 2: Dismissal" in lines
    assert "    line 24:7, footnote 1 (from line 22): See the charter." in lines


def test_module_entry_point_and_error_exit(tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    proc = subprocess.run(
        [sys.executable, "-m", "policy_lint", "parse", str(missing)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"error: {missing}: no such file"


def test_text_output_shows_computed_numbers_and_header_variants(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Code of conduct", 1)
    d.add_paragraph("Racism is not tolerated.", style="List Number")
    d.add_paragraph("Breaches lead to disciplinary action.", style="List Number")
    d.sections[0].header.paragraphs[0].text = "CONFIDENTIAL"
    path = tmp_path / "code.docx"
    d.save(str(path))
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index("# Code of conduct")
    assert lines[start + 1 :] == [
        "  [list_item 1.] ¶ 2",
        "    ¶ 2: Racism is not tolerated.",
        "  [list_item 2.] ¶ 3",
        "    ¶ 3: Breaches lead to disciplinary action.",
        "  [paragraph] section 1 header (default)",
        "    section 1 header (default): CONFIDENTIAL",
    ]


def test_json_shape_is_one_object_for_one_file_and_a_list_for_several(tmp_path: Path) -> None:
    good = tmp_path / "a.md"
    good.write_text("# A\n\nStaff must act.\n", encoding="utf-8")
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    runner = CliRunner()
    one = runner.invoke(cli, ["parse", "--format", "json", str(good)])
    assert json.loads(one.stdout)["path"] == str(good)
    failed = runner.invoke(cli, ["parse", "--format", "json", str(empty)])
    assert (failed.exit_code, failed.stdout) == (1, "")  # no '[]' that no schema accepts
    several = runner.invoke(cli, ["parse", "--format", "json", str(good), str(empty)])
    assert several.exit_code == 1
    assert [d["path"] for d in json.loads(several.stdout)] == [str(good)]


def test_documents_hash_and_compare_equal_when_read_twice(policy: Path) -> None:
    from policy_lint.parsers import parse_file

    first, second = parse_file(policy), parse_file(policy)
    assert first == second
    assert hash(first) == hash(second)
    assert len({first, second}) == 1


def test_short_format_option_as_check_has(policy: Path) -> None:
    res = CliRunner().invoke(cli, ["parse", "-f", "json", str(policy)])
    assert res.exit_code == 0
    assert json.loads(res.stdout)["format"] == "markdown"
