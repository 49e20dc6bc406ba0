"""Fuzz the Markdown and text readers: ``python fuzz/fuzz_markdown.py fuzz/corpus/markdown
-max_total_time=600``.

Each input is read by both readers.  Besides "only ``DocumentError`` escapes", every block
and sentence span must point inside the decoded source: line within the file's lines,
column within that line (plus one past its end).
"""

from __future__ import annotations

import sys

import atheris
from _common import FUZZ_LIMITS_KW, leak

with atheris.instrument_imports(include=["policy_lint"]):
    from policy_lint.errors import DocumentError
    from policy_lint.model import Document
    from policy_lint.parsers import Limits
    from policy_lint.parsers import markdown as md_reader
    from policy_lint.parsers import text as text_reader
    from policy_lint.text.decode import decode

LIMITS = Limits(**FUZZ_LIMITS_KW)


def check_spans(doc: Document, data: bytes) -> None:
    """Raise AssertionError (message: the block's container) when a span points outside
    the source."""
    lines = decode(data).text.split("\n")
    for section in doc.sections:
        for block in section.blocks:
            for span in [block.span] + [s.span for s in block.sentences]:
                where = span.container
                assert span.line is not None and 1 <= span.line <= len(lines), where
                width = len(lines[span.line - 1])
                assert span.column is not None and 1 <= span.column <= width + 1, where
                if span.end_line is not None:
                    assert span.line <= span.end_line <= len(lines), where
                    end_width = len(lines[span.end_line - 1])
                    assert span.end_column is not None, where
                    assert 1 <= span.end_column <= end_width + 1, where


def one_input(data: bytes) -> None:
    for reader in (md_reader, text_reader):
        try:
            doc = reader.parse("f.md", data, LIMITS)
        except DocumentError:
            continue
        except Exception as exc:  # noqa: BLE001 - recorded, see _common.leak
            leak(exc, data)
            continue
        try:
            check_spans(doc, data)
        except AssertionError as exc:
            leak(exc, data)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
