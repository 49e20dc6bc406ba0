"""``policy-lint check`` end to end on documents built in the test: exit codes 0/1/2,
unreadable rows, output files, discovery, config, waivers, escaping and start-up cost."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from policy_lint.cli import cli
from policy_lint.commands.check import use_color

pytestmark = pytest.mark.skipif(
    not (Path(__file__).resolve().parents[1] / "policy_lint/standards/chscp-leaders/pack.yaml")
    .is_file(),
    reason="rule pack not yet available",
)

COMPLIANT = """\
---
title: Staff code of conduct
doc_type: code_of_conduct
---
# Staff code of conduct

## Racism

We recognise that racism exists in our society and in our organisation, and it is not enough
to be non-racist: we are committed to being actively anti-racist.

Racist language, jokes or behaviour will not be tolerated. Any breach will be dealt with under
the Disciplinary Procedure and may amount to gross misconduct resulting in dismissal.
"""

NON_COMPLIANT = """\
---
title: Staff code of conduct
doc_type: code_of_conduct
---
# Staff code of conduct

Staff must arrive on time, dress smartly and keep the office tidy.

Failure to follow this code may result in disciplinary action.
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run(*args: str):
    result = CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.output


def run_json(*args: str):
    code, out = run("--format", "json", *args)
    return code, json.loads(out)


def test_exit_0_when_every_gate_passes(tmp_path):
    doc = write(tmp_path / "coc.md", COMPLIANT)
    code, data = run_json(str(doc))
    assert code == 0, data
    (d,) = data["documents"]
    assert (d["doc_type"], d["passed"], d["error"]) == ("code_of_conduct", True, "")
    l11 = next(f for f in d["findings"] if f["rule_id"] == "AR-L11")
    assert l11["status"] == "met"
    assert l11["evidence"][0]["quote"] == (
        "Racist language, jokes or behaviour will not be tolerated.")
    assert l11["evidence"][0]["location"] == "line 12:1"


def test_exit_1_when_an_error_severity_rule_is_not_met(tmp_path):
    doc = write(tmp_path / "coc.md", NON_COMPLIANT)
    code, out = run("--no-color", str(doc))
    assert code == 1
    assert "gate: AR-L11 (conduct-clause) is an error-severity rule and is not met" in out
    assert "FAILED" in out


def test_exit_1_when_score_is_under_fail_under(tmp_path):
    doc = write(tmp_path / "coc.md", COMPLIANT)
    _, data = run_json(str(doc))
    score = data["documents"][0]["score"]
    assert 0 < score < 100
    code, data = run_json("--fail-under", str(score), str(doc))
    assert code == 0
    code, data = run_json("--fail-under", str(min(score + 0.1, 100)), str(doc))
    assert code == 1
    assert data["documents"][0]["gate_failures"][0].startswith(f"score {score:g} is under")


def test_unreadable_documents_are_rows_and_the_rest_are_checked(tmp_path):
    write(tmp_path / "a_good.md", COMPLIANT)
    (tmp_path / "b_broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    (tmp_path / "c_empty.md").write_text("  \n")
    os.mkfifo(tmp_path / "d_pipe.md")
    code, data = run_json(str(tmp_path))
    assert code == 1
    rows = {Path(d["path"]).name: d for d in data["documents"]}
    assert list(rows) == ["a_good.md", "b_broken.docx", "c_empty.md", "d_pipe.md"]
    assert rows["a_good.md"]["rag"] in ("green", "amber") and rows["a_good.md"]["passed"]
    for name in ("b_broken.docx", "c_empty.md", "d_pipe.md"):
        assert rows[name]["rag"] == "error" and rows[name]["error"].startswith(str(tmp_path))
    assert "FIFO" in rows["d_pipe.md"]["error"]
    assert rows["c_empty.md"]["error_code"] == "empty"
    assert data["summary"]["errors"] == 3
    assert data["organisation"] is None  # one readable document: no organisation view


def test_missing_path_is_an_error_row(tmp_path):
    missing = tmp_path / "nope.md"
    code, out = run("--no-color", str(missing))
    assert code == 1
    lines = out.splitlines()
    assert lines[:2] == [str(missing), f"  error: {missing}: no such file or folder"]
    assert f"  Error      —  {missing}  no such file or folder" in lines  # the path once


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "yaml"], "Invalid value for '-f' / '--format'"),
        (["--format", "json", "--format", "sarif"], "would all print to stdout"),
        (["--format", "json", "--format", "html", "--output", "r.html"], "say which format"),
        (["--output", "pdf=r.pdf"], "unknown format 'pdf'"),
        (["--fail-under", "120"], "120.0 is not in the range"),
        (["--packs", "no-such-pack"], "no-such-pack: no such rule pack"),
        (["--config", "missing.yaml"], "missing.yaml: no such config file"),
    ],
)
def test_exit_2_on_bad_usage_or_pack(tmp_path, args, message):
    doc = write(tmp_path / "coc.md", COMPLIANT)
    result = CliRunner().invoke(cli, ["check", *args, str(doc)])
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_exit_2_on_bad_config_with_file_and_line(tmp_path):
    cfg = write(tmp_path / ".policy-lint.yaml", "fail_under: 50\nrules:\n  AR-L11: sometimes\n")
    doc = write(tmp_path / "coc.md", COMPLIANT)
    code, out = run(str(doc))
    assert code == 2
    assert out.startswith(f"error: {cfg}:3: rules.AR-L11: 'sometimes' is not an allowed value "
                          "— use off, on, error, warning, info")


def test_outputs_go_to_files_atomically_and_text_to_stdout(tmp_path):
    doc = write(tmp_path / "docs/coc.md", COMPLIANT)
    out = tmp_path / "out"
    out.mkdir()
    code, text = run("--no-color", "--output", f"html={out}/r.html", "--output",
                     f"json={out}/r.json", "--output", f"junit={out}/r.xml", str(doc))
    assert code == 0
    assert "Staff code of conduct" in text and "1 document:" in text
    assert sorted(p.name for p in out.iterdir()) == ["r.html", "r.json", "r.xml"]
    assert (out / "r.html").read_text().startswith("<!DOCTYPE html>")
    assert json.loads((out / "r.json").read_text())["documents"][0]["path"] == str(doc)


def test_output_folder_missing_is_exit_2(tmp_path):
    doc = write(tmp_path / "coc.md", COMPLIANT)
    code, out = run("--output", f"json={tmp_path}/no/such/r.json", str(doc))
    assert code == 2 and "its folder does not exist" in out


def test_json_is_byte_identical_across_runs(tmp_path):
    doc = write(tmp_path / "coc.md", COMPLIANT)
    assert run("--format", "json", str(doc))[1] == run("--format", "json", str(doc))[1]


def test_folders_globs_gitignore_and_exclude(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "build/\n")
    write(tmp_path / ".policy-lint.yaml", "exclude: [drafts/]\n")
    for rel in ("p/a.md", "p/sub/b.txt", "build/c.md", "drafts/d.md", "p/notes.xyz"):
        write(tmp_path / rel, COMPLIANT)
    os.symlink(tmp_path / "p", tmp_path / "p" / "sub" / "loop")
    _, data = run_json(str(tmp_path))
    names = [os.path.relpath(d["path"], tmp_path) for d in data["documents"]]
    assert names == ["p/a.md", "p/sub/b.txt", "p/sub/loop"]
    assert data["documents"][2]["error"].endswith("symbolic link loop — skipped")
    os.mkfifo(tmp_path / "drafts" / "pipe.md")
    _, data = run_json(str(tmp_path))
    assert [os.path.relpath(d["path"], tmp_path) for d in data["documents"]] == names
    _, data = run_json(str(tmp_path / "p" / "**" / "*.txt"))
    assert [os.path.relpath(d["path"], tmp_path) for d in data["documents"]] == ["p/sub/b.txt"]


def test_doc_type_override_from_cli_and_config(tmp_path):
    doc = write(tmp_path / "contracts/x.md", COMPLIANT)
    _, data = run_json("--doc-type", "policy", str(doc))
    d = data["documents"][0]
    assert (d["doc_type"], d["doc_type_reason"]) == ("policy", "set with --doc-type")
    write(tmp_path / ".policy-lint.yaml", "doc_types:\n  'contracts/**': procedure\n")
    _, data = run_json(str(doc))
    d = data["documents"][0]
    assert (d["doc_type"], d["doc_type_reason"]) == (
        "procedure", "set by doc_types in .policy-lint.yaml")


def test_waiver_passes_the_gate_and_shows_in_every_format(tmp_path):
    write(tmp_path / ".policy-lint.yaml", """\
        waivers:
          - rule: AR-L11
            paths: "hr/*.md"
            reason: rewrite agreed with HR board
            expires: 2999-12-31
        """)
    doc = write(tmp_path / "hr/coc.md", NON_COMPLIANT)
    code, data = run_json(str(doc))
    assert code == 0
    l11 = next(f for f in data["documents"][0]["findings"] if f["rule_id"] == "AR-L11")
    assert (l11["status"], l11["waived"]) == ("not_met", "rewrite agreed with HR board")
    assert data["summary"]["waived"] == 1
    for fmt in ("text", "markdown", "html", "csv", "junit", "sarif"):
        out = CliRunner().invoke(cli, ["check", "--format", fmt, str(doc)]).output
        assert "rewrite agreed with HR board" in out, fmt


def test_expired_waiver_is_reported_and_fails_again(tmp_path):
    cfg = write(tmp_path / ".policy-lint.yaml", """\
        waivers:
          - rule: AR-L11
            paths: "*.md"
            reason: old exemption
            expires: 2001-01-31
        """)
    doc = write(tmp_path / "coc.md", NON_COMPLIANT)
    code, out = run("--no-color", str(doc))
    assert code == 1
    assert (f"warning: waiver for AR-L11 (old exemption) expired on 2001-01-31 — no longer "
            f"applied; renew or remove it in {cfg}:2") in out


def test_html_report_escapes_script_in_a_document(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("Code of conduct <script>alert('x')</script>", 1)
    d.add_paragraph("<script>alert('x')</script> Racism is unacceptable and will not be "
                    "tolerated.")
    path = tmp_path / "coc.docx"
    d.save(path)
    out = tmp_path / "r.html"
    run("--doc-type", "code_of_conduct", "--output", f"html={out}", str(path))
    page = out.read_text()
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Racism is unacceptable" in page


def test_text_has_no_colour_off_a_tty_or_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert use_color(False) is True
    assert use_color(True) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color(False) is False
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    assert use_color(False) is False


def test_version_imports_no_heavy_library():
    code = (
        "import sys\n"
        "from policy_lint.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('jsonschema', 'rich', 'docx', 'pypdfium2', 'pdfplumber', 'jinja2', 'lxml',"
        " 'markdown_it', 'yaml')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.splitlines() == ["policy-lint, version 0.1.0", ""]


def _modules_loaded_by_check(tmp_path) -> list[str]:
    doc = write(tmp_path / "coc.md", COMPLIANT)
    code = (
        "import sys\n"
        "from policy_lint.cli import main\n"
        f"try:\n    main(['check', '--format', 'json', {str(doc)!r}])\nexcept SystemExit:\n"
        "    pass\n"
        "heavy = ('docx', 'pypdfium2', 'pdfplumber', 'jinja2', 'rich', 'jsonschema')\n"
        "print('LOADED=' + ','.join(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[1])
    line = next(ln for ln in out.stderr.splitlines() if ln.startswith("LOADED="))
    return [m for m in line[len("LOADED="):].split(",") if m]


def test_markdown_json_check_imports_no_docx_pdf_html_or_terminal_library(tmp_path):
    loaded = _modules_loaded_by_check(tmp_path)
    assert [m for m in loaded if m != "jsonschema"] == []


def test_check_does_not_validate_shipped_packs_with_jsonschema(tmp_path):
    assert "jsonschema" not in _modules_loaded_by_check(tmp_path)


def test_check_document_is_picklable_for_a_process_pool(tmp_path):
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    from policy_lint.api import Options, check_document, settings_for

    doc = write(tmp_path / "coc.md", COMPLIANT)
    settings = settings_for(str(doc), Options(today="2026-01-01"))
    assert pickle.loads(pickle.dumps(settings)) == settings
    in_process = check_document(str(doc), settings)
    with ProcessPoolExecutor(max_workers=1) as pool:
        pooled = pool.submit(check_document, str(doc), settings).result()
    assert pooled == in_process
    assert pooled.doc_type == "code_of_conduct" and pooled.score == in_process.score


def test_a_crash_while_judging_one_document_is_an_error_row(tmp_path, monkeypatch):
    import policy_lint.engine

    def boom(doc, rules, doc_type):
        if doc.path.endswith("b.md"):
            raise RuntimeError("kaboom")
        return real(doc, rules, doc_type)

    real = policy_lint.engine.evaluate
    monkeypatch.setattr(policy_lint.engine, "evaluate", boom)
    write(tmp_path / "a.md", COMPLIANT)
    write(tmp_path / "b.md", COMPLIANT)
    code, data = run_json(str(tmp_path))
    assert code == 1
    a, b = data["documents"]
    assert a["error"] == "" and a["passed"]
    assert b["error_code"] == "internal"
    assert b["error"].startswith(f"{tmp_path / 'b.md'}: internal error while checking "
                                 "(RuntimeError: kaboom)")


def test_no_documents_found_is_exit_2_not_a_pass(tmp_path):
    (tmp_path / "notes.xyz").write_text("x")
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: no documents found in {tmp_path} (looked for .docx, .pdf, .md, …)\n")


def test_packs_option_replaces_the_default_packs(tmp_path):
    doc = write(tmp_path / "coc.md", COMPLIANT + "\nStaff must record the race of each child.\n")
    _, data = run_json(str(doc))
    d = data["documents"][0]
    assert d["packs"] == ["chscp-leaders", "chscp-language"]
    assert [f["term"] for f in d["flags"]] == ["race"]
    _, data = run_json("--packs", "chscp-leaders", str(doc))
    d = data["documents"][0]
    assert (d["packs"], d["flags"]) == (["chscp-leaders"], [])


def test_contracts_get_the_commissioning_pack_by_default():
    sample = Path(__file__).resolve().parents[1] / "sample_policies" / "supplier_contract.pdf"
    _, data = run_json(str(sample))
    d = data["documents"][0]
    assert d["doc_type"] == "contract"
    assert d["packs"] == ["chscp-leaders", "chscp-commissioning", "chscp-language"]
    assert {f["rule_id"] for f in d["findings"]} >= {f"AR-C0{i}" for i in range(1, 10)}


@pytest.mark.parametrize("engine", ["pypdfium2", "pdfplumber"])
def test_pdf_engine_option(engine):
    sample = Path(__file__).resolve().parents[1] / "sample_policies" / \
        "racist_incident_procedure.pdf"
    _, data = run_json("--pdf-engine", engine, str(sample))
    d = data["documents"][0]
    assert (d["format"], d["doc_type"], d["error"]) == ("pdf", "procedure", "")
    l10 = next(f for f in d["findings"] if f["rule_id"] == "AR-L10")
    assert l10["evidence"][0]["location"].startswith("p. 1, line ")


def test_procedures_get_the_practice_pack_by_default():
    sample = Path(__file__).resolve().parents[1] / "sample_policies" / \
        "racist_incident_procedure.pdf"
    _, data = run_json(str(sample))
    d = data["documents"][0]
    assert d["packs"] == ["chscp-leaders", "chscp-practice", "chscp-language"]
    statuses = {f["rule_id"]: f["status"] for f in d["findings"]}
    assert statuses["AR-P10"] == "met"  # the LADO paragraph
    assert statuses["AR-P08"] == "not_met"  # adultification is never mentioned


def test_a_legacy_word_file_in_a_folder_is_an_error_row_not_skipped(tmp_path):
    write(tmp_path / "coc.md", COMPLIANT)
    (tmp_path / "old contract.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    code, data = run_json(str(tmp_path))
    assert code == 1
    rows = {Path(d["path"]).name: d for d in data["documents"]}
    assert rows["coc.md"]["error"] == ""
    assert "unsupported format: a legacy Word 97-2003 (.doc)" in rows["old contract.doc"]["error"]


def test_a_report_written_into_the_checked_folder_is_not_checked_next_run(tmp_path, monkeypatch):
    # CI writes its report beside the policies; the second run must not read it as a policy
    # and then refuse to overwrite it (exit 2).
    monkeypatch.chdir(tmp_path)
    pol = tmp_path / "pol"
    pol.mkdir()
    sample = Path(__file__).resolve().parents[1] / "sample_policies" / "code_of_conduct_strong.md"
    (pol / "code.md").write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    args = ["check", "pol", "-o", "markdown=pol/report.md", "-f", "json", "--no-cache"]
    runner = CliRunner()
    for _ in range(2):
        res = runner.invoke(cli, args)
        assert res.exit_code == 0, res.output
        assert [d["path"] for d in json.loads(res.stdout)["documents"]] == ["pol/code.md"]
    # naming the report as an input as well is still refused
    named = runner.invoke(cli, ["check", "pol/report.md", "-o", "markdown=pol/report.md"])
    assert named.exit_code == 2
    assert "would overwrite a document being checked" in named.stderr


def test_doc_type_choices_are_the_rule_engines_doc_types():
    from policy_lint.commands.batch_options import DOC_TYPES
    from policy_lint.ruleset import DOC_TYPES as ENGINE_DOC_TYPES

    assert DOC_TYPES == ENGINE_DOC_TYPES
