"""Fuzz the DOCX reader: ``python fuzz/fuzz_docx.py fuzz/corpus/docx -max_total_time=600``.

The first input byte picks the mode: even → the bytes are a whole file (zip container,
sniffing included); odd → the rest is ``word/document.xml`` inside an otherwise valid
package, so the mutator reaches the XML walk instead of dying on zip CRCs.
"""

from __future__ import annotations

import io
import sys
import zipfile

import atheris
from _common import FUZZ_LIMITS_KW, leak

with atheris.instrument_imports(include=["policy_lint"]):
    from policy_lint.errors import DocumentError
    from policy_lint.parsers import Limits, detect_format
    from policy_lint.parsers import docx as reader

LIMITS = Limits(**FUZZ_LIMITS_KW)
_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def wrap(document_xml: bytes) -> bytes:
    """A package whose ``word/document.xml`` is ``document_xml``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("[Content_Types].xml", _TYPES)
        zf.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def one_input(data: bytes) -> None:
    if not data:
        return
    payload = wrap(data[1:]) if data[0] & 1 else data[1:]
    try:
        if detect_format("f.docx", payload) != "docx":
            return
        doc = reader.parse("f.docx", payload, LIMITS)
        for _, _, sentence in doc.sentences():  # sentences are split and located on use
            sentence.span.label()
    except DocumentError:
        pass
    except Exception as exc:  # noqa: BLE001 - recorded, see _common.leak
        leak(exc, data)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
