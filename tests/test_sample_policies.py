"""The sample policies state what a careful reviewer would say about them; check the engine.

Expectations live next to each document: ``<!-- expect AR-L11: partly_met -->`` comments in
Markdown, ``<name>.expected.yaml`` sidecars for DOCX and PDF (written from STANDARDS.md, never
from the engine's output). Each (document, rule) pair is its own test case, so a
disagreement names the rule. Known disagreements are listed in ``ENGINE_DISAGREES`` as strict
xfails with the reason, so they stay visible and the list must shrink when the engine
improves.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_policies"
DOC_SUFFIXES = (".md", ".docx", ".pdf")
_EXPECT = re.compile(r"<!--\s*expect\s+([A-Za-z_-]+[0-9]*):\s*([a-z_]+)\s*-->")

PACKS_READY = (ROOT / "policy_lint/standards/chscp-leaders/pack.yaml").is_file()
needs_packs = pytest.mark.skipif(not PACKS_READY, reason="rule pack not yet available")

#: (document, rule) → why the engine's answer differs from the reviewer's.
ENGINE_DISAGREES: dict[tuple[str, str], str] = {}


def samples() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in DOC_SUFFIXES)


def expectations(path: Path) -> dict[str, str]:
    """``{"doc_type": …, "rag": …, "AR-L01": "met", …}`` for one sample."""
    if path.suffix == ".md":
        return dict(_EXPECT.findall(path.read_text(encoding="utf-8")))
    data = yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    out = {k: v for k, v in data.items() if k != "expect"}
    out.update(data["expect"])
    return out


def cases() -> list[object]:
    out = []
    for path in samples():
        for key, value in expectations(path).items():
            marks = [needs_packs]
            why = ENGINE_DISAGREES.get((path.name, key))
            if why:
                marks.append(pytest.mark.xfail(strict=True, reason=why))
            out.append(pytest.param(path.name, key, value, marks=marks, id=f"{path.name}-{key}"))
    return out


@cache
def checked(name: str):
    from policy_lint.api import check_paths

    (doc,) = check_paths([str(SAMPLES / name)]).documents
    assert not doc.error, doc.error
    return doc


def test_the_sample_set_is_complete():
    docs = samples()
    assert len(docs) >= 9
    assert {p.suffix for p in docs} == {".md", ".docx", ".pdf"}
    for path in docs:
        exp = expectations(path)
        assert "doc_type" in exp and any(k.startswith("AR-") for k in exp), path.name
        assert set(v for k, v in exp.items() if k.startswith("AR-")) <= {
            "met", "partly_met", "not_met", "not_applicable"}
    types = {expectations(p)["doc_type"] for p in docs}
    assert {"code_of_conduct", "strategy", "procedure", "policy", "contract",
            "service_specification"} <= types


def test_tracked_changes_and_text_box_sample_really_has_them():
    import zipfile

    with zipfile.ZipFile(SAMPLES / "dignity_at_work_policy_tracked.docx") as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    assert "<w:ins " in xml and "<w:del " in xml and "<w:txbxContent>" in xml


@pytest.mark.parametrize("name, key, expected", cases())
def test_sample_expectation(name, key, expected):
    doc = checked(name)
    if key == "doc_type":
        assert doc.doc_type == expected
    elif key == "rag":
        assert doc.rag == expected
    else:
        finding = next((f for f in doc.findings if f.rule_id == key), None)
        assert finding is not None, f"{key} was not evaluated on {name}"
        quotes = [e.quote for e in finding.evidence]
        assert finding.status.value == expected, (
            f"{name} {key}: engine says {finding.status.value}, reviewer says {expected}; "
            f"{finding.message}; evidence {quotes}")


@needs_packs
def test_whole_sample_run_validates_as_json_and_sarif():
    from policy_lint.api import check_paths
    from policy_lint.reporters import render

    result = check_paths([str(SAMPLES)])
    assert len(result.documents) == len(samples())
    assert result.organisation is not None
    schema = json.loads((ROOT / "policy_lint/schemas/scorecard.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(json.loads(render("json", result)))
    sarif = json.loads((ROOT / "tests/schemas/sarif-schema-2.1.0.json").read_text())
    log = json.loads(render("sarif", result))
    jsonschema.Draft4Validator(sarif).validate(log)
    assert log["runs"][0]["results"], "the weak samples must produce SARIF results"
