import pytest

from policy_lint.doctype import detect_doc_type, normalise_doc_type
from policy_lint.errors import ConfigError
from policy_lint.model import Block, Document, Section, Sentence, SourceSpan
from policy_lint.ruletest import parse_string


def doc(path="doc.md", title="", metadata=None, body="Some text.", fmt="markdown"):
    span = SourceSpan(path, line=1)
    blocks = []
    if title:
        blocks.append(Block("heading", title, span, (Sentence(title, span, 0, len(title)),), 1))
    blocks.append(Block("paragraph", body, span, (Sentence(body, span, 0, len(body)),)))
    section = Section(title, (title,) if title else (), 1 if title else 0, tuple(blocks))
    return Document(path, fmt, dict(metadata or {}), (section,))


def test_override_wins_and_is_normalised():
    d = doc(title="Staff Code of Conduct", metadata={"doc_type": "policy"})
    assert detect_doc_type(d, "Service Specification") == (
        "service_specification",
        "set to 'Service Specification'",
    )


def test_unknown_override_is_a_config_error():
    with pytest.raises(ConfigError) as err:
        detect_doc_type(doc(), "memo")
    assert "unknown document type 'memo'" in err.value.message


def test_front_matter_doc_type():
    d = parse_string("---\ndoc_type: code of conduct\n---\n\n# Anti-racism policy\n\nText.\n")
    assert detect_doc_type(d) == ("code_of_conduct", "metadata doc_type: 'code of conduct'")


def test_docx_category_property():
    d = doc(path="x.docx", metadata={"category": "Contract"}, fmt="docx")
    assert detect_doc_type(d) == ("contract", "DOCX category property 'Contract'")


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Staff Code of Conduct", "code_of_conduct"),
        ("Family Support Service Specification 2025", "service_specification"),
        ("Terms and Conditions for the Supply of Services", "contract"),
        ("Framework Agreement", "contract"),
        ("Employee Handbook", "handbook"),
        ("Anti-Racism Strategy 2024-2027", "strategy"),
        ("Practice Guidance: working with interpreters", "practice_guidance"),
        ("Anti-racism policy and procedure", "policy"),
        ("Complaints Procedure", "procedure"),
    ],
)
def test_title_heuristics(title, expected):
    found, reason = detect_doc_type(doc(title=title))
    assert (found, reason) == (expected, f"title {title!r}")


def test_file_name_then_opening_text_then_default():
    assert detect_doc_type(doc(path="docs/staff-handbook.md")) == (
        "handbook",
        "file name 'staff-handbook.md'",
    )
    d = doc(path="a.md", body="This Agreement is made between the Council and the Provider.")
    assert detect_doc_type(d) == ("contract", "opening text says 'This Agreement is made'")
    found, reason = detect_doc_type(doc(path="notes.md"))
    assert found == "policy"
    assert reason.startswith("no type in metadata, title or file name — assumed policy")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("code-of-conduct", "code_of_conduct"),
        ("T&Cs", None),
        ("terms and conditions", "contract"),
        ("service_specification", "service_specification"),
        ("", None),
    ],
)
def test_normalise(value, expected):
    assert normalise_doc_type(value) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Call-Off Schedule 19 - TUPE Surcharge v.1.4.docx", "contract"),
        ("Joint Schedule 4 - Commercially Sensitive Information v.1.4.docx", "contract"),
        ("Core Terms (DA) v3.0.2.pdf", "contract"),
        ("Framework Award Form v.1.4.docx", "contract"),
        ("GluMobile_EX-10.09_Content License Agreement4.pdf", "contract"),
        ("Attachment-A-PWS Performance Work Statement.pdf", "service_specification"),
    ],
)
def test_contract_file_names_from_public_procurement(name, expected):
    assert detect_doc_type(doc(path=name))[0] == expected


def test_repeated_contract_voice_makes_a_contract():
    body = (
        "1.1 The Buyer shall provide the Premises. 1.2 The Buyer shall pay the Charges. "
        "1.3 This Contract ends on the Expiry Date."
    )
    doc_type, reason = detect_doc_type(doc(path="schedule27.pdf", body=body))
    assert doc_type == "contract"
    assert reason.startswith("contract wording in the opening pages (3 times")
    once = detect_doc_type(doc(path="notes.md", body="The Buyer shall be told."))
    assert once[0] == "policy"
