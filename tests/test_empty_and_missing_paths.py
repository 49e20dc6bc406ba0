"""``check`` and ``vet`` when a path holds no documents, does not exist or cannot be read.

A fresh-eyes run found: an empty supplier folder vanished from ``vet``; ``vet`` said "1
document could not be read" without naming it; ``vet nope/`` invented a supplier; an empty
folder was exit status 0 (a CI pass); and unreadable rows printed their path twice. Each test
builds its inputs in a temporary folder and asserts exit codes and exact lines.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result

from policy_lint.cli import cli
from policy_lint.discover import Given, discover_each, subfolders
from policy_lint.reporters.text import error_reason
from policy_lint.scorecard import DocumentResult

ROOT = Path(__file__).resolve().parents[1]
LOOKED = "(looked for .docx, .pdf, .md, …)"
CONTRACT = (
    "---\ndoc_type: contract\n---\n# Contract\n\nThe Supplier shall not unlawfully discriminate "
    "within the meaning and scope of the Equality Act 2010.\n"
)
NOT_PDF = "not a PDF: no %PDF- header in its first 1 KB — is the file damaged or misnamed?"


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture()
def register(tmp_path: Path) -> Path:
    """``acme`` (one contract), ``beta`` (a contract and a broken PDF), ``empty`` (nothing)."""
    reg = tmp_path / "reg"
    for name in ("acme", "beta", "empty"):
        (reg / name).mkdir(parents=True)
    (reg / "acme" / "contract.md").write_text(CONTRACT, encoding="utf-8")
    (reg / "beta" / "contract.md").write_text(CONTRACT, encoding="utf-8")
    (reg / "beta" / "broken.pdf").write_bytes(b"not a pdf at all")
    (reg / "empty" / "notes.xyz").write_text("not a document", encoding="utf-8")
    return reg


# --- check ---------------------------------------------------------------------------------


def test_check_of_an_empty_folder_alone_is_exit_2(tmp_path: Path) -> None:
    res = _run("check", "--no-cache", "-j", "1", str(tmp_path))
    assert res.exit_code == 2
    assert res.stdout == ""
    assert res.stderr == f"error: no documents found in {tmp_path} {LOOKED}\n"


def test_check_warns_about_an_empty_folder_and_checks_the_rest(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    doc = tmp_path / "coc.md"
    doc.write_bytes((ROOT / "sample_policies" / "code_of_conduct_strong.md").read_bytes())
    res = _run("check", "--no-cache", "-j", "1", "--no-color", str(tmp_path / "empty"), str(doc))
    assert res.exit_code == 0
    assert res.stderr == f"warning: no documents found in {tmp_path / 'empty'} {LOOKED}\n"
    assert res.stdout.splitlines()[-1] == (
        "1 document: 1 green, 0 amber, 0 red · 1 passed, 0 failed the gate")


def test_check_of_a_glob_matching_only_excluded_files_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / ".policy-lint.yaml").write_text("exclude: ['drafts/']\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(CONTRACT, encoding="utf-8")
    pattern = f"{tmp_path}/drafts/*.md"
    res = _run("check", "--no-cache", "-j", "1", pattern)
    assert res.exit_code == 2
    assert res.stderr == f"error: no documents found in {pattern} {LOOKED}\n"


def test_check_of_a_file_the_config_excludes_is_a_quiet_pass(tmp_path: Path) -> None:
    """The pre-commit hook passes staged file names; an excluded draft must not block a commit."""
    (tmp_path / ".policy-lint.yaml").write_text("exclude: ['drafts/']\n", encoding="utf-8")
    draft = tmp_path / "drafts" / "a.md"
    draft.parent.mkdir()
    draft.write_text(CONTRACT, encoding="utf-8")
    res = _run("check", "--no-cache", "-j", "1", "--no-color", str(draft))
    assert res.exit_code == 0
    assert res.stderr == "note: nothing to check — the config excludes every file given\n"


def test_check_summary_prints_an_unreadable_path_once(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"not a pdf at all")
    res = _run("check", "--no-cache", "-j", "1", "--no-color", str(bad))
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    assert lines[:2] == [str(bad), f"  error: {bad}: {NOT_PDF}"]  # the full one-line message
    assert lines[-2] == f"  Error      —  {bad}  {NOT_PDF}"


def test_error_reason_drops_only_the_rows_own_path() -> None:
    def doc(path: str, error: str) -> DocumentResult:
        return DocumentResult(path, error=error)

    assert error_reason(doc("a.md", "a.md: empty file — add text")) == "empty file — add text"
    assert error_reason(doc("a.md", "a.md:12: bad front matter")) == "line 12: bad front matter"
    assert error_reason(doc("a.md", "b.md: no such file")) == "b.md: no such file"
    assert error_reason(doc("a.md", "internal error")) == "internal error"


# --- vet -----------------------------------------------------------------------------------


def test_vet_lists_an_empty_supplier_folder_as_failing(register: Path) -> None:
    res = _run("vet", "--no-cache", "-j", "1", str(register))
    assert res.exit_code == 1
    assert res.stderr == (
        f"warning: supplier folder {register / 'empty'} has no documents {LOOKED}\n")
    lines = res.stdout.splitlines()
    assert "  3  empty         —  —       no documents  ✗ gate" in lines
    at = lines.index("3. empty — no documents")
    assert lines[at + 1] == f"   ✗ no documents found in {register / 'empty'}"
    assert lines[-1] == "3 suppliers · 3 failed the gate"


def test_vet_json_of_an_empty_supplier_is_valid_and_not_passing(register: Path) -> None:
    res = _run("vet", "--no-cache", "-j", "1", "-f", "json", str(register))
    data = json.loads(res.stdout)
    schema = json.loads((ROOT / "policy_lint/schemas/comparison.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)
    empty = data["suppliers"][-1]
    assert (empty["name"], empty["rank"], empty["score"], empty["rag"], empty["passed"]) == (
        "empty", 3, None, "none", False)
    assert empty["gate_failures"] == [f"no documents found in {register / 'empty'}"]
    assert (empty["counts"]["documents"], empty["documents"]) == (0, [])
    assert data["passed"] is False


def test_vet_names_each_unreadable_document_and_why(register: Path) -> None:
    res = _run("vet", "--no-cache", "-j", "1", str(register))
    lines = res.stdout.splitlines()
    at = lines.index("   ✗ 1 document could not be read")
    assert lines[at + 1] == f"       {register / 'beta' / 'broken.pdf'}: {NOT_PDF}"


def test_vet_of_a_missing_path_is_an_error_and_the_rest_are_vetted(register: Path) -> None:
    nope = register.parent / "nope"
    res = _run("vet", "--no-cache", "-j", "1", "-f", "json", f"{nope}/", str(register / "acme"))
    assert res.exit_code == 2
    assert res.stderr == f"error: {nope}/: no such file or folder\n"
    data = json.loads(res.stdout)
    paths = [d["path"] for s in data["suppliers"] for d in s["documents"]]
    assert paths == [str(register / "acme" / "contract.md")]
    assert "nope" not in {s["name"] for s in data["suppliers"]}


def test_vet_of_only_a_missing_path_prints_no_comparison(tmp_path: Path) -> None:
    res = _run("vet", "--no-cache", "-j", "1", str(tmp_path / "nope"))
    assert res.exit_code == 2
    assert (res.stdout, res.stderr) == ("", f"error: {tmp_path / 'nope'}: no such file or folder\n")


def test_vet_of_a_register_with_no_documents_at_all_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "acme").mkdir()
    (tmp_path / "beta").mkdir()
    res = _run("vet", "--no-cache", "-j", "1", str(tmp_path))
    assert res.exit_code == 2
    assert (res.stdout, res.stderr) == ("", f"error: no documents found in {tmp_path} {LOOKED}\n")


def test_hidden_ignored_and_excluded_folders_are_not_empty_suppliers(register: Path) -> None:
    for name in (".cache", "build", "archive"):
        (register / name).mkdir()
    (register / ".gitignore").write_text("build/\n", encoding="utf-8")
    (register / "archive" / "old.md").write_text(CONTRACT, encoding="utf-8")
    (register / ".policy-lint.yaml").write_text("exclude: ['archive/']\n", encoding="utf-8")
    assert subfolders(str(register)) == [
        str(register / n) for n in ("acme", "archive", "beta", "empty")]
    res = _run("vet", "--no-cache", "-j", "1", "-f", "json", str(register))
    names = [s["name"] for s in json.loads(res.stdout)["suppliers"]]
    assert sorted(names) == ["acme", "beta", "empty"]  # archive's document is excluded, not absent
    assert res.stderr == (
        f"warning: supplier folder {register / 'empty'} has no documents {LOOKED}\n")


def test_discover_each_says_what_each_path_gave(register: Path) -> None:
    acme = str(register / "acme")
    doc = str(register / "acme" / "contract.md")
    cands, given = discover_each(
        [acme, doc, str(register / "empty"), str(register / "nope"), f"{register}/*/*.zzz"])
    assert given == [
        Given(acme, "folder", 1), Given(doc, "file", 1),  # a repeat still counts as found
        Given(str(register / "empty"), "folder", 0),
        Given(str(register / "nope"), "missing", 1),
        Given(f"{register}/*/*.zzz", "missing", 1),
    ]
    assert [(Path(c.path).name, c.missing) for c in cands] == [
        ("contract.md", False), ("nope", True), ("*.zzz", True)]
