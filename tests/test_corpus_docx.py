"""Every Word file in ../shared/corpus reads to a non-empty Document or a clean DocumentError.

The corpus holds real agency policies and public-sector contract schedules (``.docx``, and
legacy ``.doc`` files that must be refused clearly).  Skipped when ../shared is absent.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from policy_lint.errors import DocumentError
from policy_lint.parsers import parse_file

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
SUFFIXES = (".docx", ".docm", ".dotx", ".dotm", ".doc")


def word_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(f for f in CORPUS.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)


pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def files() -> list[Path]:
    found = word_files()
    if not found:
        pytest.skip("../shared/corpus is absent or holds no Word files")
    return found


def test_every_word_file_reads_or_fails_cleanly(files: list[Path]) -> None:
    results: Counter[str] = Counter()
    for path in files:
        try:
            doc = parse_file(path)
        except DocumentError as exc:
            assert exc.message.startswith(str(path) + ": ")
            assert "\n" not in exc.message
            results[f"error:{exc.code}"] += 1
            print(f"ERROR {path.name}: {exc.code}: {exc.reason}")
            continue
        sentences = sum(1 for _ in doc.sentences())
        assert doc.format == "docx"
        assert sentences > 0, path
        for _, block, sentence in doc.sentences():
            span = sentence.span
            assert span.paragraph is not None and span.paragraph >= 0
            assert span.column is not None and span.column >= 1
            assert sentence.text.strip() == sentence.text and sentence.text
            assert span.container == block.span.container
            if span.container == "table":
                assert span.table and span.row and span.col
        results["read"] += 1
        print(f"read  {path.name}: {len(doc.sections)} sections, {sentences} sentences")
    print(dict(results))
    assert results["read"] >= 1
    assert sum(results.values()) == len(files)


def test_legacy_doc_files_are_refused_as_unsupported(files: list[Path]) -> None:
    legacy = [f for f in files if f.suffix.lower() == ".doc"]
    if not legacy:
        pytest.skip("no .doc files in the corpus")
    for path in legacy:
        with pytest.raises(DocumentError) as err:
            parse_file(path)
        assert err.value.code == "unsupported-format"
        assert "legacy Word 97-2003 (.doc)" in err.value.reason
