"""Hostile and broken documents: each gives one exact line, the run goes on, work is bounded.

Every input is built in code (``hostile_fixtures``).  For each: the reader's one-line
``DocumentError`` (exact text and code), and ``policy-lint check`` on a folder holding it and
one good document exits 1 (DESIGN.md: an unreadable document fails the gate) while the good
document's scorecard is still printed.  One run of the real CLI in a child process checks
every hostile file at once under a peak-memory bound.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import hostile_fixtures as H
import pytest
from click.testing import CliRunner

from policy_lint.cli import cli
from policy_lint.errors import DocumentError
from policy_lint.parsers import Limits, parse_file

ROOT = Path(__file__).resolve().parents[1]
BINARY = "unsupported format: binary data, not a DOCX, PDF, Markdown or text file"
LEGACY = (
    "unsupported format: a legacy Word 97-2003 (.doc) or other OLE file — save it as "
    ".docx or PDF"
)
DTD = (
    "word/document.xml declares a DTD or entities, which Word never writes (possible XXE / "
    "entity-expansion attack) — refused; re-save the document in Word"
)
BOMB_SIZE = 101 * 1024 * 1024
SECRET = "TOPSECRET-7f3a"

#: name → (builder, error code, reason after "path: ").
CASES: dict[str, tuple[Callable[[Path], bytes], str, str]] = {
    "empty.md": (lambda _t: b"", "empty", "file is empty — nothing to check"),
    "blank.txt": (lambda _t: b" \n\t\r\n", "empty", "file is empty — nothing to check"),
    "random.docx": (lambda _t: H.random_bytes(), "unsupported-format", BINARY),
    "random.pdf": (lambda _t: H.random_bytes(seed=8), "unsupported-format", BINARY),
    "random.md": (lambda _t: H.random_bytes(seed=9), "unsupported-format", BINARY),
    "legacy-renamed.docx": (lambda _t: H.legacy_doc(), "unsupported-format", LEGACY),
    "legacy.doc": (
        lambda _t: H.legacy_doc(),
        "unsupported-format",
        LEGACY,
    ),
    "odt-renamed.docx": (
        lambda _t: H.odt(),
        "unsupported-format",
        "unsupported format: an OpenDocument (.odt) file — save it as .docx or PDF",
    ),
    "truncated.docx": (
        lambda _t: H.truncated(H.good_docx()),
        "corrupt",
        "corrupt or truncated zip container (File is not a zip file)",
    ),
    "truncated.pdf": (
        lambda _t: H.truncated(H.good_pdf()),
        "corrupt",
        "corrupt or not a PDF (Failed to load document (PDFium: Data format error).)",
    ),
    "zip-version-20.2.docx": (
        lambda _t: H.future_zip_version_docx(),
        "corrupt",
        "corrupt or truncated zip container (zip file version 20.2)",
    ),
    "damaged-header.pdf": (
        lambda _t: H.damaged_header_pdf(),
        "corrupt",
        "not a PDF: no %PDF- header in its first 1 KB — is the file damaged or misnamed?",
    ),
    "text-named.docx": (
        lambda _t: b"Staff must report racist incidents.\n",
        "corrupt",
        "not a Word document: no zip container — is the file damaged or misnamed?",
    ),
    "zip-bomb.docx": (
        lambda _t: H.zip_bomb(BOMB_SIZE),
        "zip-limit",
        f"part word/document.xml inflates to {BOMB_SIZE} bytes, over the 104857600-byte part "
        "limit (a zip bomb?) — check the file or raise the limit",
    ),
    "billion-laughs.docx": (lambda _t: H.entity_docx(H.BILLION_LAUGHS), "corrupt", DTD),
    "xxe.docx": (
        lambda t: H.entity_docx(H.xxe(str(t / "secret.txt")).decode()),
        "corrupt",
        DTD,
    ),
    "xxe-utf16.docx": (
        lambda t: H.entity_docx(H.xxe(str(t / "secret.txt"), "utf-16")),
        "corrupt",
        DTD,
    ),
    "nested-tables.docx": (
        lambda _t: H.nested_tables_docx(5000),
        "too-large",
        "word/document.xml is nested too deeply or has a text node too large to read safely "
        "— simplify the document",
    ),
    "password.docx": (
        lambda _t: H.encrypted_docx(),
        "encrypted",
        "password-protected Word document — remove the password (File > Info > Protect "
        "Document) and save again",
    ),
    "password.pdf": (
        lambda _t: H.encrypted_pdf(),
        "encrypted",
        "password-protected PDF — remove the password and save again",
    ),
    "scanned.pdf": (
        lambda _t: H.no_text_pdf(),
        "no-text-layer",
        "no text layer on 1 of 1 pages — scanned? run OCR first",
    ),
    "blank-2000-pages.pdf": (
        lambda _t: H.blank_pages_pdf(2000),
        "no-text-layer",
        "no text layer on 2000 of 2000 pages — scanned? run OCR first",
    ),
    "utf16-no-bom.md": (
        lambda _t: "# Policy\n\nStaff must report racism.\n".encode("utf-16-le"),
        "unsupported-format",
        "unsupported format: UTF-16 text without a byte-order mark — save it as UTF-8",
    ),
    "huge-50mb.md": (
        lambda _t: H.big_markdown(50 * 1024 * 1024),
        "too-large",
        "file is 50.0 MB of text, over the 10 MB limit for Markdown and plain text — split "
        "it or raise the limit",
    ),
}


def _write(folder: Path, name: str) -> Path:
    """Write case ``name`` into ``folder`` (made if needed); the XXE target, a file holding
    ``SECRET``, goes beside the folder so a folder walk does not pick it up."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder.parent / "secret.txt").write_text(SECRET)
    path = folder / name
    path.write_bytes(CASES[name][0](folder.parent))
    return path


@pytest.mark.parametrize("name", sorted(CASES))
def test_reader_gives_one_exact_line(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / "in", name)
    with pytest.raises(DocumentError) as err:
        parse_file(path)
    _, code, reason = CASES[name]
    assert (err.value.code, err.value.message) == (code, f"{path}: {reason}")


def _check_folder(tmp: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    docs = tmp / "docs"
    docs.mkdir()
    (docs / "good.md").write_text(H.GOOD_MARKDOWN, encoding="utf-8")
    bad = _write(docs, name)
    monkeypatch.chdir(tmp)
    # A folder walk picks up document suffixes only; a .doc is checked when named.
    args = ["check", "docs", "--no-color"] + ([f"docs/{bad.name}"] if name.endswith(".doc") else [])
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    return result.exit_code, result.output


def _good_scorecard_shown(out: str) -> None:
    assert "docs/good.md\n  “Staff code of conduct” · markdown · type code_of_conduct" in out
    assert "✔ met            AR-L11 conduct-clause  [error, critical]" in out


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_reports_the_bad_file_and_still_scores_the_good_one(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out = _check_folder(tmp_path, name, monkeypatch)
    assert status == 1
    _good_scorecard_shown(out)
    assert f"  error: docs/{name}: {CASES[name][2]}\n" in out
    assert SECRET not in out


# ---------------------------------------------------------------- PDF engines ------------


@pytest.mark.parametrize(
    "name, reason",
    [
        ("password.pdf", CASES["password.pdf"][2]),
        ("scanned.pdf", CASES["scanned.pdf"][2]),
        ("blank-2000-pages.pdf", CASES["blank-2000-pages.pdf"][2]),
        ("truncated.pdf", "corrupt or not a PDF (Unexpected EOF)"),
    ],
)
def test_pdfplumber_engine_gives_the_same_kind_of_line(
    tmp_path: Path, name: str, reason: str
) -> None:
    path = _write(tmp_path / "in", name)
    with pytest.raises(DocumentError) as err:
        parse_file(path, pdf_engine="pdfplumber")
    assert err.value.message == f"{path}: {reason}"


def _sentences(path: Path, **options: object) -> list[str]:
    doc = parse_file(path, **options)  # type: ignore[arg-type]
    return [s.text for _, _, s in doc.sentences()]


def test_pdf_with_deep_nesting_is_read_by_pdfium(tmp_path: Path) -> None:
    path = tmp_path / "deep.pdf"
    path.write_bytes(H.deep_pdf(100_000))
    assert _sentences(path) == ["Staff must report racist incidents."]


def test_pdf_with_cyclic_references_is_read_by_pdfplumber(tmp_path: Path) -> None:
    path = tmp_path / "cyclic.pdf"
    path.write_bytes(H.cyclic_pdf())
    assert _sentences(path, pdf_engine="pdfplumber") == ["Staff must report racist incidents."]


def test_pdf_with_cyclic_references_keeps_its_readable_pages(tmp_path: Path) -> None:
    path = tmp_path / "cyclic.pdf"
    path.write_bytes(H.cyclic_pdf())
    assert _sentences(path) == ["Staff must report racist incidents."]


def test_pdf_with_deep_nesting_under_pdfplumber_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.pdf"
    path.write_bytes(H.deep_pdf(100_000))
    try:
        assert _sentences(path, pdf_engine="pdfplumber") == [
            "Staff must report racist incidents."
        ]
    except DocumentError as exc:
        assert exc.message == f"{path}: document is nested too deeply to read safely"


@pytest.mark.parametrize(
    "engine, code, reason",
    [
        ("pypdfium2", "no-text-layer", "no text layer on 1 of 1 pages — scanned? run OCR first"),
        (
            "pdfplumber",
            "timeout",
            "reading took longer than the 1-second limit — split the document or raise the "
            "limit",
        ),
    ],
)
def test_pdf_object_that_refers_to_itself_is_bounded(
    tmp_path: Path, engine: str, code: str, reason: str
) -> None:
    """Fuzzer find: pdfminer loops for ever on ``4 0 obj 4 0 R``; the per-document time
    limit turns it into one line."""
    path = tmp_path / "self.pdf"
    path.write_bytes(H.self_reference_pdf())
    with pytest.raises(DocumentError) as err:
        parse_file(path, Limits(max_seconds=1), pdf_engine=engine)
    assert (err.value.code, err.value.message) == (code, f"{path}: {reason}")


# ---------------------------------------------------------------- Markdown / text --------


@pytest.mark.parametrize(
    "source", [H.deep_markdown(10_000, "> "), H.deep_markdown(10_000, "- "),
               H.deep_markdown(5_000, "> - ")]
)
def test_markdown_nested_10000_levels_is_read_with_a_warning(tmp_path: Path, source: str) -> None:
    path = tmp_path / "deep.md"
    path.write_text("# Policy\n\nStaff must report racism.\n\n" + source, encoding="utf-8")
    doc = parse_file(path)
    assert [s.text for _, _, s in doc.sentences()] == ["Policy", "Staff must report racism."]
    assert doc.warnings == (
        "content nested more than 100 levels deep (lists / quotes) was not read — flatten "
        "the nesting",
    )


def test_markdown_of_one_megabyte_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(H.big_markdown(1024 * 1024))
    doc = parse_file(path)
    sentences = list(doc.sentences())
    assert len(sentences) == 1 + 5 * (1024 * 1024 // len(H.SECTION) + 1)
    assert sentences[-1][2].text == "Patterns are reported to the board."


def test_markdown_over_the_time_limit_is_a_timeout(tmp_path: Path) -> None:
    path = tmp_path / "slow.md"
    path.write_bytes(H.big_markdown(2 * 1024 * 1024))
    with pytest.raises(DocumentError) as err:
        parse_file(path, Limits(max_seconds=0.01))
    assert (err.value.code, err.value.message) == (
        "timeout",
        f"{path}: reading took longer than the 0.01-second limit — split the document or "
        "raise the limit",
    )


@pytest.mark.parametrize(
    "data, encoding, warning",
    [
        (
            "# Équipe\n\nStaff “must” report racism – always.\n".encode("cp1252"),
            "cp1252",
            "text is not valid UTF-8 (byte 2); read as Windows-1252 — save the file as "
            "UTF-8 if characters look wrong",
        ),
        (
            "# Équipe\n\nStaff “must” report racism – always.\n".encode("utf-16"),
            "utf-16-le",
            "text decoded as UTF-16-LE (byte-order mark), not UTF-8",
        ),
        (
            b"\xfe\xff" + "# Équipe\n\nStaff “must” report racism – always.\n".encode("utf-16-be"),
            "utf-16-be",
            "text decoded as UTF-16-BE (byte-order mark), not UTF-8",
        ),
    ],
)
@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_legacy_encodings_are_decoded_and_named(
    tmp_path: Path, data: bytes, encoding: str, warning: str, suffix: str
) -> None:
    path = tmp_path / f"policy{suffix}"
    path.write_bytes(data)
    doc = parse_file(path)
    assert doc.metadata["encoding"] == encoding
    assert doc.warnings == (warning,)
    texts = [s.text for _, _, s in doc.sentences()]
    heading = "Équipe" if suffix == ".md" else "# Équipe"  # plain text keeps the "#"
    assert texts == [heading, 'Staff "must" report racism – always.']
    assert [s.span.line for _, _, s in doc.sentences()] == [1, 3]


# ---------------------------------------------------------------- folders ----------------


def test_folder_with_symlink_loops_and_a_fifo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.md").write_text(H.GOOD_MARKDOWN, encoding="utf-8")
    os.symlink("self.md", docs / "self.md")  # a link to itself: ELOOP
    os.symlink("..", docs / "up")  # a folder link back to its parent
    os.mkfifo(docs / "pipe.md")  # opening it would block for ever
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "docs", "--no-color"], catch_exceptions=False)
    assert result.exit_code == 1
    _good_scorecard_shown(result.output)
    assert "  error: docs/pipe.md: is a FIFO or socket, not a document — skipped\n" in result.output
    assert "  error: docs/self.md: symbolic link loop — skipped\n" in result.output
    # docs/up is the folder above docs, whose docs is the folder being walked: a loop.
    assert "  error: docs/up/docs: symbolic link loop — skipped\n" in result.output
    assert result.output.count("docs/good.md\n") == 1  # not read again through docs/up


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file; see the simulated test")
def test_unreadable_file_real_permissions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.md").write_text(H.GOOD_MARKDOWN, encoding="utf-8")
    locked = docs / "locked.md"
    locked.write_text("Staff must report racism.\n")
    locked.chmod(0)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "docs", "--no-color"], catch_exceptions=False)
    locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert result.exit_code == 1
    _good_scorecard_shown(result.output)
    assert "  error: docs/locked.md: permission denied — cannot read the file\n" in result.output


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root every file is readable, so the kernel's EACCES is simulated at each place
    policy-lint asks for it: ``os.access`` in discovery and ``open`` in the reader."""
    import builtins

    import policy_lint.discover as discover

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.md").write_text(H.GOOD_MARKDOWN, encoding="utf-8")
    (docs / "locked.md").write_text("Staff must report racism.\n")
    real_access, real_open = os.access, builtins.open

    def access(path: object, mode: int, **kw: object) -> bool:
        return False if str(path).endswith("locked.md") else real_access(path, mode, **kw)  # type: ignore[arg-type]

    def fake_open(file: object, *args: object, **kw: object) -> object:
        if str(file).endswith("locked.md"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kw)  # type: ignore[call-overload]

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(discover.os, "access", access)
    result = CliRunner().invoke(cli, ["check", "docs", "--no-color"], catch_exceptions=False)
    assert result.exit_code == 1
    _good_scorecard_shown(result.output)
    assert "  error: docs/locked.md: permission denied — cannot read the file\n" in result.output
    monkeypatch.setattr(discover.os, "access", real_access)
    monkeypatch.setattr(builtins, "open", fake_open)
    with pytest.raises(DocumentError) as err:
        parse_file("docs/locked.md")
    assert err.value.message == "docs/locked.md: permission denied — cannot read the file"


# ---------------------------------------------------------------- one real run -----------

#: Peak resident memory allowed for the whole run below (bytes).
MEMORY_BOUND = 1024 * 1024 * 1024


def test_one_cli_run_over_every_hostile_file_is_bounded(tmp_path: Path) -> None:
    """The real CLI in a child process over all the files at once: exit 1, every bad file a
    row with its code, the good one scored, peak memory under ``MEMORY_BOUND`` (the child's
    own ``ru_maxrss`` from ``wait4``).  A hang is caught by killing the child after 300 s."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.md").write_text(H.GOOD_MARKDOWN, encoding="utf-8")
    names = sorted(CASES)
    for name in names:
        _write(docs, name)
    (docs / "deep.md").write_text(H.deep_markdown(10_000), encoding="utf-8")
    (docs / "deep.pdf").write_bytes(H.deep_pdf(100_000))
    (docs / "cyclic.pdf").write_bytes(H.cyclic_pdf())
    os.mkfifo(docs / "pipe.md")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    with open(tmp_path / "out.json", "wb") as out, open(tmp_path / "err.txt", "wb") as err:
        child = subprocess.Popen(
            [sys.executable, "-m", "policy_lint", "check", "docs", "docs/legacy.doc",
             "--format", "json"],
            cwd=tmp_path, stdout=out, stderr=err, env=env,
        )
        killer = threading.Timer(300, child.kill)
        killer.start()
        _, status, usage = os.wait4(child.pid, 0)
        killer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
    assert child.returncode == 1, (tmp_path / "err.txt").read_text()
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    assert peak < MEMORY_BOUND
    result = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    rows = {d["path"]: d for d in result["documents"]}
    good = rows.pop("docs/good.md")
    assert (good["error"], good["rag"], good["score"]) == ("", "amber", 66.7)
    for name in names:
        row = rows.pop(f"docs/{name}")
        assert (row["error_code"], row["error"]) == (
            CASES[name][1], f"docs/{name}: {CASES[name][2]}"
        ), name
    assert rows.pop("docs/pipe.md")["error_code"] == "unreadable"
    assert rows.pop("docs/deep.md")["warnings"] == [
        "content nested more than 100 levels deep (lists / quotes) was not read — flatten "
        "the nesting"
    ]
    assert rows.pop("docs/deep.pdf")["error"] == ""
    assert set(rows) == {"docs/cyclic.pdf"}
    assert SECRET not in (tmp_path / "out.json").read_text(encoding="utf-8")


# ---------------------------------------------------------------- fuzzer finds -----------


@pytest.mark.parametrize("name", sorted(H.FUZZ_PDF))
def test_fuzzed_pdfs_are_one_line_corrupt_errors(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(H.fuzz_pdf(name))
    with pytest.raises(DocumentError) as err:
        parse_file(path, pdf_engine="pdfplumber")
    assert err.value.code == "corrupt"
    assert err.value.message.startswith(f"{path}: ")
    assert "\n" not in err.value.message


@pytest.mark.parametrize("name", sorted(H.FUZZ_PDF))
def test_fuzzed_pdfs_raise_only_document_error_in_the_reader(name: str) -> None:
    from policy_lint.parsers import pdf

    with pytest.raises(DocumentError) as err:
        pdf.parse("f.pdf", H.fuzz_pdf(name), Limits(), pdf_engine="pdfplumber")
    assert err.value.code == "corrupt"


def test_zero_size_font_lines_do_not_break_the_layout() -> None:
    """Fuzzer find: two zero-size lines on one baseline made the layout divide by zero."""
    from policy_lint.parsers import pdf

    try:
        pdf.parse("f.pdf", H.fuzz_pdf("zero-font-size"), Limits(), pdf_engine="pdfplumber")
    except DocumentError:
        pass
