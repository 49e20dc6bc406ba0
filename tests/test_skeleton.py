import subprocess
import sys

import pytest

from policy_lint.errors import DocumentError
from policy_lint.parsers import detect_format, sniff
from policy_lint.text.normalise import normalise
from policy_lint.text.sentences import split_sentences


def test_import_loads_no_parser_library():
    code = (
        "import sys, policy_lint, policy_lint.cli;"
        "bad=[m for m in ('docx','pypdfium2','pdfplumber','markdown_it','lxml') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_sniff_by_magic_not_extension():
    assert sniff("a.docx", b"%PDF-1.7\n") == "pdf"
    assert sniff("a.pdf", b"PK\x03\x04rest") == "zip"
    assert sniff("a.md", b"# Title\n") == "markdown"
    assert sniff("notes.txt", b"hello") == "text"


def test_legacy_doc_renamed_docx_is_unsupported():
    with pytest.raises(DocumentError) as err:
        detect_format("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert err.value.code == "unsupported-format"
    assert err.value.message.startswith("old.docx: unsupported format: a legacy Word")


def test_normalise_keeps_offsets():
    raw = "\u201cRacism\u201d is not tolerated\u00a0\u2014 \ufb01nal."
    norm = normalise(raw)
    assert norm.text == '"Racism" is not tolerated \u2014 final.'
    i = norm.text.index("final")
    assert raw[norm.to_original(i)] == "\ufb01"
    assert norm.to_original(len(norm.text)) == len(raw)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Staff must, e.g. managers, report it. Next one.", ["Staff must, e.g. managers, report it.", "Next one."]),
        ("See s. 4.2 and para 3.1.2 now. Then stop.", ["See s. 4.2 and para 3.1.2 now.", "Then stop."]),
        ("No. 5 applies. J. Smith leads.", ["No. 5 applies.", "J. Smith leads."]),
        ("Report all racist incidents", ["Report all racist incidents"]),
        ("i.e. the Board, etc. Applies here.", ["i.e. the Board, etc. Applies here."]),
    ],
)
def test_sentence_split(text, expected):
    assert [text[a:b] for a, b in split_sentences(text)] == expected
