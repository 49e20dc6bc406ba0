"""A non-discrimination clause's list of employment practices is no sanction and no support.

Fresh-eyes fault on the Apple supplier code (p. 16): "Supplier shall not Discriminate against
any Worker based on race, … in hiring and employment practices such as … access to training,
… discipline, and termination" made AR-L11 met ("discipline" / "termination" read as the
sanction) and AR-L12 met ("discipline" as accountability, "access to training" as support).
Those words are the employment decisions that must not be discriminatory. The
``employment_practice_list`` term set of AR-L11 and AR-L12 (``unless`` on the sanction,
accountability and support elements) leaves such a sentence out of those elements; the
prohibition itself still counts as AR-L11's "unacceptable" element (STANDARDS.md, AR-L11).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_lint.api import check_paths
from policy_lint.engine import evaluate
from policy_lint.findings import Finding, Status
from policy_lint.packs import load_packs
from policy_lint.ruletest import parse_string

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
APPLE = SHARED / "corpus" / "real" / "pdf" / "apple-supplier-code-of-conduct.pdf"

SUPPLIER_LIST = (
    "Supplier shall not discriminate against any worker based on race, colour or ethnicity in "
    "hiring and employment practices such as applications for employment, promotions, access "
    "to training, wages, discipline, and termination, unless prohibited by law."
)
RECRUITMENT_LIST = (
    "Managers must not discriminate on grounds of race in recruitment, training, promotion "
    "and dismissal."
)


def _findings(text: str, doc_type: str = "code_of_conduct") -> dict[str, Finding]:
    doc = parse_string(text, "code.md")
    found = evaluate(doc, load_packs(("chscp-leaders",)), doc_type)
    return {f.rule_id: f for f in found if f.rule_id in ("AR-L11", "AR-L12")}


@pytest.mark.parametrize("sentence", [SUPPLIER_LIST, RECRUITMENT_LIST])
def test_listed_practices_give_no_sanction_accountability_or_support(sentence: str) -> None:
    found = _findings(f"## Employment standards\n\n{sentence}\n")
    l11, l12 = found["AR-L11"], found["AR-L12"]
    assert l11.status is Status.PARTLY_MET
    assert l11.missing == ("sanctions",)
    assert [(e.element, e.quote) for e in l11.evidence] == [("unacceptable", sentence)]
    assert l12.status is Status.NOT_MET
    assert l12.evidence == ()


def test_a_real_sanction_after_the_list_still_counts() -> None:
    sanction = (
        "Racist conduct by staff will be dealt with under the disciplinary procedure and may "
        "lead to dismissal."
    )
    found = _findings(f"{RECRUITMENT_LIST} {sanction}\n", doc_type="policy")
    l11 = found["AR-L11"]
    assert l11.status is Status.MET
    assert [(e.element, e.quote) for e in l11.evidence] == [
        ("unacceptable", RECRUITMENT_LIST),
        ("sanctions", sanction),
    ]


def test_a_sanction_in_the_same_sentence_after_the_practices_counts() -> None:
    # The practices do not run to the end of the sentence: what follows is the sanction.
    sentence = (
        "Discrimination on grounds of race in recruitment, promotion or training is prohibited "
        "and will lead to disciplinary action, suspension or dismissal."
    )
    found = _findings(f"{sentence}\n", doc_type="policy")
    l11 = found["AR-L11"]
    assert l11.status is Status.MET
    assert {e.element for e in l11.evidence} == {"unacceptable", "sanctions"}
    assert {e.quote for e in l11.evidence} == {sentence}


def test_apple_code_does_not_cite_its_employment_practice_list() -> None:
    if not APPLE.is_file():
        pytest.skip(f"{APPLE} is absent (../shared not beside the repository)")
    result = check_paths([str(APPLE)])
    (doc,) = result.documents
    by_id = {f.rule_id: f for f in doc.findings}
    for rule_id in ("AR-L11", "AR-L12"):
        quotes = [e.quote for e in by_id[rule_id].evidence]
        assert quotes, rule_id
        assert not any("access to training" in q for q in quotes), (rule_id, quotes)
    first = by_id["AR-L11"].evidence[0]
    assert first.element == "unacceptable"
    assert first.quote.startswith("Supplier shall not discriminate against any Worker based on age")
    assert first.span.page == 3
