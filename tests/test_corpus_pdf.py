"""Every PDF in ../shared/corpus reads into a non-empty Document or a clear DocumentError."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_lint.errors import DocumentError
from policy_lint.parsers import parse_file

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
PDFS = sorted(CORPUS.rglob("*.pdf")) if CORPUS.is_dir() else []
CODES = {"encrypted", "no-text-layer", "garbled-text", "corrupt", "too-large", "empty"}


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.parametrize("path", PDFS, ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_pdf_reads_or_fails_clearly(path: Path) -> None:
    try:
        doc = parse_file(path)
    except DocumentError as exc:
        assert exc.code in CODES
        assert "\n" not in exc.message and exc.message.startswith(str(path))
        return
    assert doc.format == "pdf" and doc.pages and doc.pages >= 1
    words = doc.text.split()
    assert len(words) >= 20
    assert all(s.span.page and 1 <= s.span.page <= doc.pages for _, _, s in doc.sentences())
    assert all(s.span.line and s.span.line >= 1 for _, _, s in doc.sentences())
    # Extraction that is one word per block (P29-style fragmentation) would show here.
    assert len(words) / max(1, sum(1 for _ in doc.blocks())) > 3


def test_corpus_present_or_skipped() -> None:
    if not PDFS:
        pytest.skip("../shared/corpus is absent")
    assert all(p.suffix == ".pdf" for p in PDFS)
