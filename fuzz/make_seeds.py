"""Write small valid seed files for the fuzzers: ``python fuzz/make_seeds.py``.

Seeds go to ``fuzz/corpus/{docx,pdf,markdown}`` (ignored by git: the fuzzer grows them).
Each seed carries the mode byte its target expects as its first byte.
"""

from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests"))

from docx_fixtures import make_docx, nested, p, tbl, tc, tr  # noqa: E402
from pdf_fixtures import build, lines  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BODY = (
    p("Reporting racism")
    + p("Staff must report every racist incident to their manager within 24 hours.")
    + tbl(tr(tc(p("Owner")), tc(p("The Director will review this policy each year."))))
    + nested(3)
)
MARKDOWN = [
    b"# Policy\n\nStaff **must** report racism. See [the charter](http://x).\n",
    b"---\ntitle: T\n---\n- one\n  - two\n    > quoted *text*\n\n| a | b |\n|---|---|\n| c | d |\n",
    b"Text[^1] with `code` and &copy; entities.\n\n[^1]: A footnote.\n\n"
    b"<!-- policy-lint: off -->\n",
    b"1. REPORTING RACISM\n\n(a) first item\n(b) second item\n\n\xef\xbb\xbfplain\r\nline\r\n",
]


def write(kind: str, name: str, data: bytes) -> None:
    folder = os.path.join(HERE, "corpus", kind)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as fh:
        fh.write(data)


def main() -> None:
    docx = make_docx(BODY, core={"dc:title": "Seed"})
    write("docx", "zip", b"\x00" + docx)
    document_xml = docx and (
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body>" + BODY.encode() + b"</w:body></w:document>"
    )
    write("docx", "xml", b"\x01" + document_xml)
    pdf = build([lines(72, 760, ["1. Reporting racism", "Staff must report racism."])])
    write("pdf", "pdfium", b"\x00" + pdf)
    write("pdf", "plumber", b"\x01" + pdf)
    for i, text in enumerate(MARKDOWN):
        write("markdown", f"seed{i}", text)


if __name__ == "__main__":
    main()
