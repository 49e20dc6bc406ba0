"""``policy-lint vet``: which folders given are suppliers and which are registers.

A second tester found ``vet sup/AcmeCare sup/BetaServices``, each company keeping its files
in a ``contracts/`` subfolder, gave ONE supplier, ``contracts``: each folder was read as a
register and both registers' ``contracts`` merged by name, with no note. Now several folders
given are each one supplier whatever their layout, and suppliers from different folders that
share a name are kept apart (``acme (lot1)`` / ``acme (lot2)``) with a note.

A fresh-eyes tester vetting a commissioning team's folders found: ``vet sup/AcmeCare
sup/BetaServices`` showed ONE supplier, ``(ungrouped)``, with BetaServices' documents merged
in; ``vet sup/*`` (shell-expanded) merged three suppliers into one row, made a subfolder
``GammaLtd/folder.pdf`` a "supplier" and only warned about the empty ``EmptyCo``. The
inputs here rebuild that layout from ``sample_policies/`` in a temporary folder; each test
asserts the exact supplier rows (rank, name, score, RAG, gate, documents), stderr lines and
exit status.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from policy_lint.cli import cli
from policy_lint.supplier_folders import distinct_names
from policy_lint.suppliers import (
    AUTO,
    REGISTER,
    SUPPLIER,
    UNGROUPED,
    FolderReading,
    read_folders,
    supplier_by_folder,
)

SAMPLES = Path(__file__).resolve().parents[1] / "sample_policies"
LOOKED = "(looked for .docx, .pdf, .md, …)"
EMPTY_WARNING = f"warning: supplier folder sup/EmptyCo has no documents {LOOKED}"
# (rank, supplier, score, rag, passed, documents) as the CSV gives them.
ACME = ["AcmeCare", "97.4", "green", "true", "3"]
GAMMA = ["GammaLtd", "68.4", "amber", "true", "2"]
BETA = ["BetaServices", "8.1", "red", "false", "1"]
EMPTY = ["EmptyCo", "", "none", "false", "0"]


def _copy(source: str, target: Path) -> None:
    """A sample as Markdown: ``sample_policies/<name>.md``, or the Markdown source a DOCX or
    PDF sample is built from (``sources/<name>.src``, its ``output:`` line dropped), so the
    layout tests depend on the Markdown reader only."""
    target.parent.mkdir(parents=True, exist_ok=True)
    md = SAMPLES / f"{source}.md"
    if md.exists():
        shutil.copy(md, target)
        return
    text = (SAMPLES / "sources" / f"{source}.src").read_text(encoding="utf-8")
    keep = [line for line in text.splitlines(keepends=True) if not line.startswith("output:")]
    target.write_text("".join(keep), encoding="utf-8")


@pytest.fixture()
def sup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``sup/``: AcmeCare (3 documents), BetaServices (1), EmptyCo (none), GammaLtd (a
    document directly in it and a contract in a subfolder named ``folder.pdf``)."""
    root = tmp_path / "sup"
    _copy("supplier_contract", root / "AcmeCare" / "contract.md")
    _copy("service_specification", root / "AcmeCare" / "specification.md")
    _copy("code_of_conduct_strong", root / "AcmeCare" / "conduct.md")
    _copy("it_acceptable_use_policy", root / "BetaServices" / "it_policy.md")
    (root / "EmptyCo").mkdir()
    _copy("code_of_conduct_weak", root / "GammaLtd" / "conduct.md")
    _copy("supplier_contract", root / "GammaLtd" / "folder.pdf" / "contract.md")
    monkeypatch.chdir(tmp_path)
    return root


def _vet(*args: str) -> Result:
    return CliRunner().invoke(cli, ["vet", "--no-cache", "-j", "1", *args],
                              catch_exceptions=False)


def _rows(res: Result) -> list[list[str]]:
    """``[rank, supplier, score, rag, passed, documents]`` per CSV row."""
    return [r[:6] for r in list(csv.reader(io.StringIO(res.stdout)))[1:]]


def _shell_star(folder: str) -> list[str]:
    """What ``folder/*`` expands to in a shell: sorted, no hidden names."""
    return sorted(f"{folder}/{n}" for n in os.listdir(folder) if not n.startswith("."))


def test_each_supplier_folder_named_is_one_supplier(sup: Path) -> None:
    res = _vet("-f", "csv", "sup/AcmeCare", "sup/BetaServices")
    assert _rows(res) == [["1", *ACME], ["2", *BETA]]
    assert res.stderr == ""
    assert res.exit_code == 1  # BetaServices fails: error-severity standards not met


def test_a_shell_expanded_register_is_one_row_per_folder(sup: Path) -> None:
    res = _vet(*_shell_star("sup"))
    lines = res.stdout.splitlines()
    assert [line.split()[:4] for line in lines[4:8]] == [
        ["1", "AcmeCare", "97.4", "Green"], ["2", "GammaLtd", "68.4", "Amber"],
        ["3", "BetaServices", "8.1", "Red"], ["4", "EmptyCo", "—", "—"],
    ]
    assert lines[7] == "  4  EmptyCo           —  —       no documents  ✗ gate"
    at = lines.index("4. EmptyCo — no documents")
    assert lines[at + 1] == "   ✗ no documents found in sup/EmptyCo"
    assert "2. GammaLtd — score 68.4 (Amber), 2 documents" in lines
    assert lines[-1] == "4 suppliers · 2 failed the gate"
    assert res.stderr == f"{EMPTY_WARNING}\n"  # several folders: each one supplier, no note
    assert res.exit_code == 1


def test_a_register_keeps_its_subfolders_as_suppliers(sup: Path) -> None:
    res = _vet("-f", "csv", "sup")
    assert _rows(res) == [["1", *ACME], ["2", *GAMMA], ["3", *BETA], ["4", *EMPTY]]
    assert res.stderr == f"{EMPTY_WARNING}\n"  # only subfolders: a register, no note
    assert res.exit_code == 1


def test_documents_loose_in_a_register_are_ungrouped(sup: Path) -> None:
    _copy("code_of_conduct_weak", sup / "loose.md")
    res = _vet("-f", "csv", "sup")
    assert _rows(res) == [
        ["1", *ACME], ["2", *GAMMA], ["3", UNGROUPED, "27.8", "red", "true", "1"],
        ["4", *BETA], ["5", *EMPTY],
    ]
    assert res.stderr == (
        "note: sup holds documents both directly in it and in subfolders: read as a register "
        f"(each subfolder a supplier, documents directly in it as {UNGROUPED}) — give "
        f"--folders supplier to read it as one supplier\n{EMPTY_WARNING}\n"
    )


def test_one_folder_of_documents_is_that_supplier_and_can_pass(sup: Path) -> None:
    res = _vet("-f", "csv", "sup/AcmeCare/")
    assert _rows(res) == [["1", *ACME]]
    assert (res.stderr, res.exit_code) == ("", 0)


def test_one_supplier_is_counted_in_the_singular(sup: Path) -> None:
    res = _vet("sup/AcmeCare/")
    assert res.stdout.splitlines()[-1] == "1 supplier · 0 failed the gate"


def test_an_empty_supplier_folder_alone_is_exit_2(sup: Path) -> None:
    res = _vet("sup/EmptyCo")
    assert (res.stdout, res.exit_code) == ("", 2)
    assert res.stderr == f"error: no documents found in sup/EmptyCo {LOOKED}\n"


def test_an_empty_supplier_folder_named_is_a_failing_row(sup: Path) -> None:
    res = _vet("-f", "csv", "sup/EmptyCo", "sup/AcmeCare")
    assert _rows(res) == [["1", *ACME], ["2", *EMPTY]]
    assert res.stderr == f"{EMPTY_WARNING}\n"  # once, as a supplier; not also "no documents"
    assert res.exit_code == 1


def test_a_mixed_folder_alone_is_a_register_unless_told(sup: Path) -> None:
    res = _vet("-f", "csv", "sup/GammaLtd")
    assert _rows(res) == [
        ["1", "folder.pdf", "81", "green", "true", "1"],
        ["2", UNGROUPED, "27.8", "red", "true", "1"],
    ]
    assert res.stderr.startswith("note: sup/GammaLtd holds documents both directly in it and "
                                 "in subfolders: read as a register")
    forced = _vet("-f", "csv", "--folders", "supplier", "sup/GammaLtd")
    assert _rows(forced) == [["1", *GAMMA]]
    assert (forced.stderr, forced.exit_code) == ("", 0)


def test_folders_register_restores_subfolders_as_suppliers(sup: Path) -> None:
    res = _vet("-f", "csv", "--folders", "register", "sup/AcmeCare", "sup/BetaServices")
    # Each register's loose documents are its own "(ungrouped)": the two are not merged.
    assert _rows(res) == [
        ["1", f"{UNGROUPED} (AcmeCare)", *ACME[1:]],
        ["2", f"{UNGROUPED} (BetaServices)", *BETA[1:]],
    ]
    assert res.stderr == (
        f"note: sup/AcmeCare, sup/BetaServices share the name {UNGROUPED}: vetted apart as "
        f"{UNGROUPED} (AcmeCare), {UNGROUPED} (BetaServices)\n")
    assert res.exit_code == 1


def test_config_suppliers_globs_still_win(sup: Path) -> None:
    (sup / ".policy-lint.yaml").write_text(
        "suppliers:\n  'GammaLtd/folder.pdf/**': Gamma Framework\n", encoding="utf-8")
    res = _vet("-f", "csv", *_shell_star("sup"))
    assert _rows(res) == [
        ["1", *ACME], ["2", "Gamma Framework", "81", "green", "true", "1"],
        ["3", "GammaLtd", "27.8", "red", "true", "1"], ["4", *BETA], ["5", *EMPTY],
    ]
    assert res.stderr == f"{EMPTY_WARNING}\n"


def test_a_file_given_belongs_to_its_folder(sup: Path) -> None:
    res = _vet("-f", "csv", "sup/GammaLtd/folder.pdf/contract.md", "sup/BetaServices")
    assert _rows(res) == [["1", "folder.pdf", "81", "green", "true", "1"], ["2", *BETA]]


def test_supplier_folders_sharing_a_name_are_kept_apart_with_a_note(sup: Path) -> None:
    _copy("code_of_conduct_weak", sup.parent / "lot2" / "AcmeCare" / "weak.md")
    res = _vet("-f", "csv", "sup/AcmeCare", "lot2/AcmeCare")
    assert _rows(res) == [
        ["1", "AcmeCare (sup)", *ACME[1:]], ["2", "AcmeCare (lot2)", "27.8", "red", "true", "1"],
    ]
    assert res.stderr == (
        "note: sup/AcmeCare, lot2/AcmeCare share the name AcmeCare: vetted apart as "
        "AcmeCare (sup), AcmeCare (lot2)\n")
    assert res.exit_code == 0


@pytest.fixture()
def nested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The second tester's layout: each company keeps its files in ``contracts/``."""
    root = tmp_path / "sup"
    _copy("supplier_contract", root / "AcmeCare" / "contracts" / "contract.md")
    _copy("service_specification", root / "AcmeCare" / "contracts" / "specification.md")
    _copy("it_acceptable_use_policy", root / "BetaServices" / "contracts" / "it_policy.md")
    monkeypatch.chdir(tmp_path)
    return root


def test_companies_named_are_each_one_supplier_whatever_their_layout(nested: Path) -> None:
    res = _vet("-f", "csv", "sup/AcmeCare", "sup/BetaServices")
    assert _rows(res) == [
        ["1", "AcmeCare", "96.6", "green", "true", "2"], ["2", *BETA],
    ]
    assert (res.stderr, res.exit_code) == ("", 1)
    # The folder holding them, given alone, is still a register: the same two suppliers.
    assert _rows(_vet("-f", "csv", "sup")) == _rows(res)


def test_one_company_folder_alone_keeps_the_auto_rule(nested: Path) -> None:
    res = _vet("-f", "csv", "sup/AcmeCare")
    assert _rows(res) == [["1", "contracts", "96.6", "green", "true", "2"]]
    assert (res.stderr, res.exit_code) == ("", 0)
    forced = _vet("-f", "csv", "--folders", "supplier", "sup/AcmeCare")
    assert _rows(forced) == [["1", "AcmeCare", "96.6", "green", "true", "2"]]


def test_registers_named_together_keep_same_named_subfolders_apart(nested: Path) -> None:
    res = _vet("-f", "csv", "--folders", "register", "sup/AcmeCare", "sup/BetaServices")
    assert _rows(res) == [
        ["1", "contracts (AcmeCare)", "96.6", "green", "true", "2"],
        ["2", "contracts (BetaServices)", *BETA[1:]],
    ]
    assert res.stderr == (
        "note: sup/AcmeCare/contracts, sup/BetaServices/contracts share the name contracts: "
        "vetted apart as contracts (AcmeCare), contracts (BetaServices)\n")


def test_files_named_from_same_named_folders_are_kept_apart(nested: Path) -> None:
    res = _vet("-f", "csv", "sup/AcmeCare/contracts/contract.md",
               "sup/BetaServices/contracts/it_policy.md")
    assert _rows(res) == [
        ["1", "contracts (AcmeCare)", "81", "green", "true", "1"],
        ["2", "contracts (BetaServices)", *BETA[1:]],
    ]
    assert res.stderr.startswith("note: sup/AcmeCare/contracts, sup/BetaServices/contracts "
                                 "share the name contracts: vetted apart as")
    assert res.exit_code == 1


def test_an_empty_folder_sharing_a_name_is_still_its_own_failing_row(sup: Path) -> None:
    (sup.parent / "lot2" / "AcmeCare").mkdir(parents=True)
    res = _vet("-f", "csv", "sup/AcmeCare", "lot2/AcmeCare")
    assert _rows(res) == [
        ["1", "AcmeCare (sup)", *ACME[1:]], ["2", "AcmeCare (lot2)", *EMPTY[1:]],
    ]
    assert res.stderr.endswith(
        f"\nwarning: supplier folder lot2/AcmeCare has no documents {LOOKED}\n")
    assert res.exit_code == 1


# --- the rule itself, on paths alone --------------------------------------------------------


def test_read_folders_rule_and_notes() -> None:
    docs = ["r/a/x.md", "r/b/y.md", "s/z.md", "m/loose.md", "m/sub/w.md"]
    assert read_folders(["r"], docs) == FolderReading(("r",), (), ())
    assert read_folders(["s"], docs) == FolderReading((), ("s",), ())
    assert read_folders(["empty"], docs) == FolderReading((), ("empty",), ())
    assert read_folders(["m"], docs).notes == (
        "note: m holds documents both directly in it and in subfolders: read as a register "
        f"(each subfolder a supplier, documents directly in it as {UNGROUPED}) — give "
        "--folders supplier to read it as one supplier",
    )
    several = read_folders(["r", "s", "m", "empty"], docs)
    assert several == FolderReading((), ("r", "s", "m", "empty"), ())
    assert read_folders(["r", "s"], docs, SUPPLIER) == FolderReading((), ("r", "s"), ())
    assert read_folders(["r", "s"], docs, REGISTER) == FolderReading(("r", "s"), (), ())
    assert read_folders(["m"], docs, AUTO).registers == ("m",)


def test_supplier_by_folder_innermost_folder_given_decides(tmp_path: Path) -> None:
    reg, acme = tmp_path / "reg", tmp_path / "reg" / "lot1" / "AcmeCare"
    name = supplier_by_folder([str(reg)], [str(acme), f"{tmp_path}/Beta/"])
    assert name(str(acme / "contracts" / "2024.pdf")) == "AcmeCare"
    assert name(str(reg / "lot1" / "other" / "x.pdf")) == "lot1"
    assert name(str(reg / "top.pdf")) == UNGROUPED
    assert name(str(tmp_path / "Beta" / "deep" / "er" / "p.md")) == "Beta"
    assert name(str(tmp_path / "elsewhere" / "z.pdf")) == "elsewhere"


def test_distinct_names_use_the_nearest_parent_that_differs() -> None:
    keys = ["/x/lot1/acme", "/x/lot2/acme", "/x/lot1/beta", "/x/lot1/acme"]
    assert distinct_names(keys) == {
        "/x/lot1/acme": "acme (lot1)", "/x/lot2/acme": "acme (lot2)", "/x/lot1/beta": "beta",
    }
    # No single level tells all three apart: their paths past the part they share.
    assert distinct_names(["/a/x/acme", "/b/x/acme", "/a/y/acme"]) == {
        "/a/x/acme": "acme (a/x)", "/b/x/acme": "acme (b/x)", "/a/y/acme": "acme (a/y)",
    }
    assert distinct_names(["/r/acme", "/r/q/acme"]) == {
        "/r/acme": "acme (r)", "/r/q/acme": "acme (q)",
    }


def test_no_color_is_accepted_as_check_accepts_it(sup: Path) -> None:
    plain = _vet("sup/AcmeCare/")
    flagged = _vet("--no-color", "sup/AcmeCare/")
    assert (flagged.exit_code, flagged.stdout) == (plain.exit_code, plain.stdout)
