"""Fuzz the PDF reader: ``python fuzz/fuzz_pdf.py fuzz/corpus/pdf -max_total_time=600``.

The first input byte picks the engine (even → pypdfium2, odd → pdfplumber, unless
``FUZZ_PDF_ENGINE`` names one); the rest is the file.  PDFium is C++: a crash there kills
the process, which the fuzzer records.
"""

from __future__ import annotations

import os
import sys

import atheris
from _common import FUZZ_LIMITS_KW, leak

with atheris.instrument_imports(include=["policy_lint"]):
    from policy_lint.errors import DocumentError
    from policy_lint.parsers import Limits
    from policy_lint.parsers import pdf as reader

LIMITS = Limits(**FUZZ_LIMITS_KW)
#: ``FUZZ_PDF_ENGINE=pypdfium2`` (or ``pdfplumber``) fuzzes one engine only, e.g. to get past
#: a known pdfminer hang.
ENGINE = os.environ.get("FUZZ_PDF_ENGINE", "")


def one_input(data: bytes) -> None:
    if len(data) < 2:
        return
    engine = ENGINE or ("pdfplumber" if data[0] & 1 else "pypdfium2")
    try:
        reader.parse("f.pdf", data[1:], LIMITS, pdf_engine=engine)
    except DocumentError:
        pass
    except Exception as exc:  # noqa: BLE001 - recorded, see _common.leak
        leak(exc, data)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
