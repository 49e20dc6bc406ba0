"""The evaluation set and ``policy-lint eval``: metric functions, labels, and the baseline gate.

Metric functions are checked on hand-made inputs whose answers are worked out in the
comments. The labelled set (``eval/labels.yaml``) is validated, every labelled quote must be
in its document's text, and the whole set is run once: overall agreement must not fall below
``eval/baseline.json`` (raise the baseline when agreement rises; never lower it to pass).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from policy_lint.commands.eval import check_evidence
from policy_lint.errors import ConfigError
from policy_lint.evaluation import (
    DocLabels,
    Outcome,
    RuleLabel,
    agreement,
    confusion,
    evidence_agreement,
    evidence_overlaps,
    load_labels,
    precision_recall,
    run,
    summarise,
)

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "eval" / "labels.yaml"
BASELINE = ROOT / "eval" / "baseline.json"
SHARED = ROOT.parent / "shared"

PAIRS = [
    ("met", "met"),  # TP, agree
    ("met", "partly_met"),  # TP, disagree
    ("partly_met", "not_met"),  # FN
    ("not_met", "partly_met"),  # FP
    ("not_met", "not_met"),  # TN, agree
    ("not_applicable", "not_applicable"),  # ignored everywhere
    ("not_applicable", "met"),  # counted for agreement only (a disagreement)
]


def test_agreement_ignores_pairs_both_not_applicable() -> None:
    # 6 pairs count (the NA/NA one does not); 2 agree.
    assert agreement(PAIRS) == pytest.approx(2 / 6)
    assert agreement([("not_applicable", "not_applicable")]) is None
    assert agreement([]) is None


def test_precision_recall_of_present_against_not_met() -> None:
    # TP 2 (met/met, met/partly), FP 1, FN 1, TN 1; NA pairs left out.
    got = precision_recall(PAIRS)
    assert (got["tp"], got["fp"], got["fn"], got["tn"]) == (2, 1, 1, 1)
    assert got["precision"] == pytest.approx(2 / 3)
    assert got["recall"] == pytest.approx(2 / 3)
    assert got["f1"] == pytest.approx(2 / 3)


def test_precision_recall_undefined_without_denominators() -> None:
    got = precision_recall([("not_met", "not_met")])
    assert (got["precision"], got["recall"], got["f1"]) == (None, None, None)
    assert precision_recall([("met", "not_met")])["precision"] is None
    assert precision_recall([("met", "not_met")])["recall"] == 0.0


def test_confusion_matrix_counts_rows_expected_columns_got() -> None:
    matrix = confusion(PAIRS)
    assert matrix == {
        "met": {"met": 1, "partly_met": 1, "not_met": 0},
        "partly_met": {"met": 0, "partly_met": 0, "not_met": 1},
        "not_met": {"met": 0, "partly_met": 1, "not_met": 1},
    }


def test_evidence_overlap_substring_either_way_and_whitespace() -> None:
    sentence = "All staff must complete anti-racism training within six months."
    assert evidence_overlaps(sentence, "complete  anti-racism\ntraining")
    assert evidence_overlaps("anti-racism training", sentence)
    assert evidence_overlaps("It said \u201cracism\u201d here.", 'It said "racism" here.')


def test_evidence_overlap_by_tokens_threshold() -> None:
    labelled = "Managers will hold staff to account for racist conduct."
    # content words: managers hold staff account racist conduct (6); cited has 4 → 0.67
    assert evidence_overlaps("Managers hold racist staff responsible.", labelled) is True
    # 2 of 6 → 0.33
    assert evidence_overlaps("Managers should be kind to staff.", labelled) is False
    assert evidence_overlaps("", labelled) is False


def test_evidence_agreement_only_where_both_present() -> None:
    outcomes = [
        Outcome("d", "AR-L01", "met", "met", ("Racism exists.",), ("Racism exists here.",)),
        Outcome("d", "AR-L02", "partly_met", "met", ("Leaders talk.",), ("Unrelated text.",)),
        Outcome("d", "AR-L03", "met", "not_met", ("x y z",), ()),
        Outcome("d", "AR-L04", "not_met", "met", (), ("Something.",)),
    ]
    assert [o.evidence_agrees for o in outcomes] == [True, False, None, None]
    assert evidence_agreement(outcomes) == (0.5, 2)
    summary = summarise(outcomes)
    assert summary["n"] == 4 and summary["agreement"] == 0.25
    assert summary["evidence_agreement"] == 0.5


def test_unlisted_rules_follow_standards_applicability() -> None:
    entry = DocLabels("docs/x.md", (), "contract", {"AR-C01": RuleLabel("met", ("q",))})
    assert entry.expected("AR-C01").status == "met"
    assert entry.expected("AR-C02").status == "not_met"  # applies to contracts
    assert entry.expected("AR-L11").status == "not_applicable"  # code / handbook / policy only
    assert entry.expected("AR-P01").status == "not_applicable"


def _mini_labels(tmp_path: Path, rules_yaml: str) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(
        "# Code\n\nRacist behaviour is unacceptable and will lead to disciplinary action.\n",
        encoding="utf-8",
    )
    shutil.copy(ROOT / "eval" / "labels.schema.json", tmp_path / "labels.schema.json")
    path = tmp_path / "labels.yaml"
    path.write_text(
        "documents:\n- path: docs/a.md\n  doc_type: code_of_conduct\n  rules:\n" + rules_yaml,
        encoding="utf-8",
    )
    return path


def test_schema_refuses_met_without_evidence_at_its_line(tmp_path: Path) -> None:
    path = _mini_labels(tmp_path, "    AR-L11: {status: met}\n")
    with pytest.raises(ConfigError) as info:
        load_labels(path)
    assert info.value.line == 5
    assert "evidence" in info.value.message


def test_check_evidence_reports_a_quote_not_in_the_text(tmp_path: Path) -> None:
    path = _mini_labels(
        tmp_path, "    AR-L11: {status: met, evidence: [Racism is never tolerated here.]}\n"
    )
    problems = check_evidence(load_labels(path))
    assert problems == ["docs/a.md: AR-L11 evidence not in text: 'Racism is never tolerated here.'"]


def test_eval_command_json_on_a_one_document_set(tmp_path: Path) -> None:
    from policy_lint.cli import cli

    quote = "Racist behaviour is unacceptable and will lead to disciplinary action."
    path = _mini_labels(tmp_path, f"    AR-L11: {{status: met, evidence: ['{quote}']}}\n")
    result = CliRunner().invoke(cli, ["eval", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["cases"] == 1
    assert set(data["rules"]) >= {"AR-L01", "AR-L05", "AR-L11", "AR-L12", "AR-C01"}
    l11 = [d for d in data["disagreements"] if d["rule"] == "AR-L11"]
    got_l11 = "met" if not l11 else l11[0]["got"]
    assert data["rules"]["AR-L11"]["agreement"] == (1.0 if got_l11 == "met" else 0.0)


# ---------------------------------------------------------------- the labelled set


@pytest.fixture(scope="module")
def entries() -> list[DocLabels]:
    return load_labels(LABELS, SHARED)


@pytest.fixture(scope="module")
def parse():  # type: ignore[no-untyped-def]
    """``parse_file`` with a cache, so the labelled set is read once per test run."""
    from functools import lru_cache

    from policy_lint.parsers import parse_file

    return lru_cache(maxsize=None)(parse_file)


@pytest.fixture(scope="module")
def evaluation(entries: list[DocLabels], parse):  # type: ignore[no-untyped-def]
    from policy_lint.evaluation import LABELLED_PACKS
    from policy_lint.packs import available_packs, load_packs

    rules = load_packs([p for p in LABELLED_PACKS if p in available_packs()])
    return run(entries, rules, parse=parse)


def test_labelled_set_size_and_doc_types(entries: list[DocLabels]) -> None:
    own = [e for e in entries if not e.shared]
    assert len(own) >= 32 and len(entries) >= 40
    assert {e.doc_type for e in own} == {
        "strategy",
        "policy",
        "procedure",
        "code_of_conduct",
        "handbook",
        "contract",
        "service_specification",
        "practice_guidance",
    }
    formats = {f.suffix for e in own for _, f in e.files}
    assert formats == {".md", ".docx", ".pdf"}


def test_every_labelled_quote_is_in_its_document(entries: list[DocLabels], parse) -> None:  # type: ignore[no-untyped-def]
    assert check_evidence(entries, parse) == []


def test_agreement_not_below_baseline(evaluation) -> None:  # type: ignore[no-untyped-def]
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert evaluation.errors == []
    own = [o for o in evaluation.outcomes if not o.doc.startswith("shared:")]
    own_agreement = summarise(own)["agreement"]
    assert own_agreement >= baseline["agreement_own"] - 1e-9, (
        f"own-document agreement {own_agreement:.4f} fell below the baseline "
        f"{baseline['agreement_own']:.4f} — a rule or reader regression (or a label wrong by "
        "eval/GUIDE.md); run `policy-lint eval eval/labels.yaml` to see the disagreements"
    )
    if not SHARED.is_dir():
        pytest.skip("../shared is absent: shared documents not evaluated")
    overall = summarise(evaluation.outcomes)["agreement"]
    assert overall >= baseline["agreement_all"] - 1e-9, (
        f"overall agreement {overall:.4f} fell below the baseline {baseline['agreement_all']:.4f}"
    )


def test_labelled_rules_outside_the_loaded_packs_are_listed_not_scored(tmp_path: Path) -> None:
    from policy_lint.cli import cli

    path = _mini_labels(tmp_path, "    AR-C01: {status: not_met}\n")
    result = CliRunner().invoke(
        cli, ["eval", str(path), "--format", "json", "--pack", "chscp-leaders"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["unevaluated_rules"] == ["AR-C01"]
    assert "AR-C01" not in data["rules"]


def test_shared_entries_are_skipped_when_the_shared_folder_is_absent(tmp_path: Path) -> None:
    path = _mini_labels(tmp_path, "    AR-L11: {status: not_met}\n")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + "- path: shared:corpus/real/markdown/x.md\n  doc_type: policy\n  rules: {}\n",
        encoding="utf-8",
    )
    from policy_lint.packs import load_packs

    entries = load_labels(path, tmp_path / "no-shared-here")
    result = run(entries, load_packs(["chscp-leaders"]))
    assert result.cases == 1
    assert result.skipped == ["shared:corpus/real/markdown/x.md: not found (shared folder absent?)"]
    assert {o.doc for o in result.outcomes} == {"docs/a.md"}


def test_text_report_lists_figures_matrix_and_disagreements() -> None:
    from policy_lint.commands.eval import render_text, report
    from policy_lint.evaluation import Evaluation

    evaluation = Evaluation(
        outcomes=[
            Outcome(
                "docs/a.md",
                "AR-L11",
                "met",
                "met",
                ("Racism is unacceptable.",),
                ("Racism is unacceptable.",),
            ),
            Outcome(
                "docs/a.md",
                "AR-L05",
                "partly_met",
                "not_met",
                ("Staff must not discriminate.",),
                (),
            ),
        ],
        rule_ids=("AR-L05", "AR-L11"),
        cases=1,
    )
    text = render_text(report(evaluation))
    lines = text.splitlines()
    assert lines[0] == "Evaluated 1 document files; 2 labelled rule results."
    assert lines[3] == "AR-L05      1    0.0%       —    0.0%       —       —"
    assert lines[4] == "AR-L11      1  100.0%  100.0%  100.0%  100.0%  100.0%"
    assert lines[5] == "overall     2   50.0%  100.0%   50.0%   66.7%  100.0%"
    assert "partly_met             0           0           1" in lines
    assert "  docs/a.md AR-L05: expected partly_met, got not_met" in lines


def test_eval_command_bad_labels_file_exits_2(tmp_path: Path) -> None:
    from policy_lint.cli import cli

    path = _mini_labels(tmp_path, "    AR-L11: {status: maybe}\n")
    result = CliRunner().invoke(cli, ["eval", str(path)])
    assert result.exit_code == 2
    assert "labels.yaml:5:" in result.output
