"""``policy-lint vet``: supplier grouping, combined scorecards, ranked comparison, formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from policy_lint.api import Options, check_paths
from policy_lint.cli import cli
from policy_lint.findings import Status
from policy_lint.reporters.comparison import render_csv, render_html, render_json, render_text
from policy_lint.suppliers import UNGROUPED, compare, supplier_by_folder

ROOT = Path(__file__).resolve().parents[1]
FRONT = "---\ndoc_type: {t}\n---\n# {title}\n\n{body}\n"
EQUALITY_FIRM = (
    "The Supplier shall not unlawfully discriminate within the meaning and scope of the "
    "Equality Act 2010 or any other Law relating to discrimination, and shall comply with the "
    "public sector equality duty in section 149 of that Act as if it were a public authority."
)
EQUALITY_WEAK = (
    "The Contractor should comply with the Equality Act 2010 when delivering the Services."
)
AUDIT = (
    "The Authority may audit the Supplier's compliance with its equality and anti-racism "
    "obligations under this Clause at any time on giving five (5) Working Days' notice."
)
CONDUCT = (
    "Racist language, jokes or behaviour will not be tolerated. Any breach will be dealt with "
    "under the Disciplinary Procedure and may amount to gross misconduct resulting in dismissal."
)


def _write(path: Path, doc_type: str, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(FRONT.format(t=doc_type, title=path.stem, body=body), encoding="utf-8")


@pytest.fixture()
def register(tmp_path: Path) -> Path:
    reg = tmp_path / "register"
    _write(reg / "acme" / "contract.md", "contract", EQUALITY_FIRM)
    _write(reg / "acme" / "policies" / "conduct.md", "policy", CONDUCT)
    _write(reg / "beta" / "a.md", "contract", EQUALITY_WEAK)
    _write(reg / "beta" / "b.md", "contract", AUDIT)
    _write(reg / "loose.md", "contract", EQUALITY_WEAK)
    return reg


def _comparison(reg: Path, **kw: object) -> object:
    result = check_paths([str(reg)], options=Options(today="2026-01-01"))
    return compare(
        result.documents, supplier_by_folder([str(reg)]), result.rules, result.thresholds,
        version="0.1.0", **kw,  # type: ignore[arg-type]
    )


def test_supplier_is_the_first_folder_under_the_given_path(tmp_path: Path) -> None:
    (tmp_path / "reg" / "acme").mkdir(parents=True)
    name = supplier_by_folder([str(tmp_path / "reg")])
    assert name(str(tmp_path / "reg" / "acme" / "x" / "y.pdf")) == "acme"
    assert name(str(tmp_path / "reg" / "top.pdf")) == UNGROUPED
    assert name(str(tmp_path / "elsewhere" / "z.pdf")) == "elsewhere"


def test_supplier_card_keeps_best_status_and_its_document(register: Path) -> None:
    comp = _comparison(register)
    cards = {c.name: c for c in comp.suppliers}  # type: ignore[attr-defined]
    assert sorted(cards) == [UNGROUPED, "acme", "beta"]
    beta = cards["beta"]
    c01, c06 = beta.row("AR-C01"), beta.row("AR-C06")
    assert (c01.status, c01.document) == (Status.PARTLY_MET, str(register / "beta" / "a.md"))
    assert c01.quote == EQUALITY_WEAK and c01.location == "line 6:1"
    assert (c06.status, c06.document) == (Status.MET, str(register / "beta" / "b.md"))
    acme = cards["acme"]
    assert acme.row("AR-C01").status is Status.MET
    l11 = acme.row("AR-L11")
    assert (l11.status, l11.document) == (
        Status.MET, str(register / "acme" / "policies" / "conduct.md")
    )
    assert beta.row("AR-L11").status is Status.NOT_APPLICABLE  # no policy from beta
    assert [d.path for d in acme.documents] == [
        str(register / "acme" / "contract.md"), str(register / "acme" / "policies" / "conduct.md")
    ]


def test_ranked_by_score_and_texts_agree(register: Path) -> None:
    comp = _comparison(register)
    ranked = [(c.rank, c.name) for c in comp.suppliers]  # type: ignore[attr-defined]
    scores = [c.score for c in comp.suppliers]  # type: ignore[attr-defined]
    assert scores == sorted(scores, reverse=True)
    assert [r for r, _ in ranked] == [1, 2, 3]
    text = render_text(comp)  # type: ignore[arg-type]
    assert text.splitlines()[3].split()[:2] == ["#", "supplier"]
    first = text.splitlines()[4].split()
    assert first[:3] == ["1", ranked[0][1], f"{scores[0]:g}"]


def test_json_is_deterministic_sorted_and_valid(register: Path) -> None:
    schema = json.loads((ROOT / "policy_lint/schemas/comparison.schema.json").read_text())
    one = render_json(_comparison(register))  # type: ignore[arg-type]
    two = render_json(_comparison(register))  # type: ignore[arg-type]
    assert one == two
    data = json.loads(one)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert one == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    beta = next(s for s in data["suppliers"] if s["name"] == "beta")
    assert beta["standards"]["AR-C06"] == {
        "status": "met", "document": str(register / "beta" / "b.md"), "quote": AUDIT,
        "location": "line 6:1",
    }
    assert beta["counts"]["documents"] == 2


def test_csv_matrix_is_formula_safe(tmp_path: Path) -> None:
    reg = tmp_path / "reg"
    _write(reg / "=HYPERLINK(1)" / "c.md", "contract", EQUALITY_FIRM)
    _write(reg / "+plain" / "c.md", "contract", EQUALITY_WEAK)
    rows = list(csv.reader(io.StringIO(render_csv(_comparison(reg)))))  # type: ignore[arg-type]
    assert rows[0][:4] == ["rank", "supplier", "score", "rag"]
    assert rows[0][10:13] == ["AR-C01", "AR-C02", "AR-C03"]
    names = {r[1]: r for r in rows[1:]}
    assert set(names) == {"'=HYPERLINK(1)", "'+plain"}
    assert names["'=HYPERLINK(1)"][10] == "met"
    assert names["'+plain"][10] == "partly_met"


def test_html_is_self_contained_and_escaped(tmp_path: Path) -> None:
    reg = tmp_path / "reg"
    body = EQUALITY_FIRM.replace("any other Law", 'any other Law (4 < 5 > 3 & "annex")')
    _write(reg / "<script>alert(1)<" / "c.md", "contract", body)
    page = render_html(_comparison(reg))  # type: ignore[arg-type]
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;" in page
    assert "Law (4 &lt; 5 &gt; 3 &amp; &quot;annex&quot;)" in page
    assert "http://" not in page and "https://" not in page
    assert "default-src 'none'" in page


def test_html_matrix_scrolls_in_its_own_box_and_counts_documents(tmp_path: Path) -> None:
    reg = tmp_path / "reg"
    _write(reg / "Acme" / "c.md", "contract", EQUALITY_FIRM)
    page = render_html(_comparison(reg))  # type: ignore[arg-type]
    # A wide matrix (one column a rule) scrolls inside its region, not the whole page.
    start = page.index('<div class="scroll" role="region"')
    assert page.index('<table class="matrix">') > start
    assert page.index("</table></div>", start) > page.index("<th>Gate</th>")
    assert ".scroll{overflow-x:auto" in page
    assert "· 1 document ·" in page and "1 documents" not in page


def test_fail_under_gates_and_failing_only_filters(register: Path) -> None:
    runner = CliRunner()
    base = ["vet", str(register), "--no-cache", "-j", "1", "-f", "json"]
    data = json.loads(runner.invoke(cli, base).stdout)
    scores = {s["name"]: s["score"] for s in data["suppliers"]}
    top = max(scores.values())
    out = runner.invoke(cli, [*base, "--fail-under", "0"])
    failing = [s["name"] for s in json.loads(out.stdout)["suppliers"] if not s["passed"]]
    assert failing == [s["name"] for s in data["suppliers"] if s["gate_failures"]]
    cut = runner.invoke(cli, [*base, "--fail-under", f"{top}", "--failing-only"])
    shown = json.loads(cut.stdout)
    assert cut.exit_code == 1
    assert {s["name"] for s in shown["suppliers"]} >= {
        n for n, v in scores.items() if v < top
    }
    assert shown["hidden"] == len(scores) - len(shown["suppliers"])
    for s in shown["suppliers"]:
        assert not s["passed"]


def test_vet_writes_files_and_rejects_two_stdout_formats(register: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "cmp.html"
    res = runner.invoke(cli, ["vet", str(register), "--no-cache", "-o", f"html={out}",
                              "-f", "csv"])
    assert res.stdout.startswith("rank,supplier,score")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    bad = runner.invoke(cli, ["vet", str(register), "-f", "csv", "-f", "json"])
    assert bad.exit_code == 2
    assert "would all print to stdout" in bad.output


def test_vet_uses_the_cache_dir(register: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    cache = tmp_path / "cache"
    args = ["vet", str(register), "--cache-dir", str(cache), "-f", "json", "-j", "2"]
    first = runner.invoke(cli, args).stdout
    assert len(list(cache.rglob("*.json"))) == 5
    assert runner.invoke(cli, args).stdout == first



def test_config_suppliers_mapping_overrides_folders(register: Path) -> None:
    (register / ".policy-lint.yaml").write_text(
        "suppliers:\n  'acme/policies/**': Acme Group\n  'beta/b.md': Acme Group\n",
        encoding="utf-8",
    )
    out = CliRunner().invoke(cli, ["vet", str(register), "--no-cache", "-f", "json"])
    data = json.loads(out.stdout)
    members = {
        s["name"]: sorted(Path(d["path"]).name for d in s["documents"])
        for s in data["suppliers"]
    }
    assert members == {
        "Acme Group": ["b.md", "conduct.md"], "acme": ["contract.md"], "beta": ["a.md"],
        UNGROUPED: ["loose.md"],
    }
    group = next(s for s in data["suppliers"] if s["name"] == "Acme Group")
    assert group["standards"]["AR-C06"]["status"] == "met"
    assert group["standards"]["AR-L11"]["document"] == str(
        register / "acme" / "policies" / "conduct.md"
    )


def test_config_suppliers_must_be_names(register: Path) -> None:
    (register / ".policy-lint.yaml").write_text("suppliers:\n  'acme/**': 3\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["vet", str(register), "--no-cache"])
    assert out.exit_code == 2
    assert ".policy-lint.yaml:2: suppliers.acme/**: 3 is not of type 'string'" in out.output
