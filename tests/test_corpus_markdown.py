"""Every Markdown / text file of ../shared/corpus reads into a sensible Document.

Each file gives a non-empty ``Document`` or a ``DocumentError``; every sentence's line and
column point at its first character in the source; no code fence or table rule leaks into
the text.  Skipped when ../shared/corpus is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_lint.errors import DocumentError
from policy_lint.parsers import parse_file
from policy_lint.text.decode import decode
from policy_lint.text.normalise import normalise_text

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SUFFIXES = (".md", ".markdown", ".txt")
FILES = (
    sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in SUFFIXES) if CORPUS.is_dir() else []
)
#: Source characters a sentence may start at without starting with them (markup, escapes).
MARKUP = set("\\&*_`\"'")

pytestmark = pytest.mark.corpus


def test_corpus_present() -> None:
    if not FILES:
        pytest.skip(f"no Markdown / text corpus at {CORPUS}")
    assert len(FILES) >= 1


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file_reads(path: Path) -> None:
    try:
        doc = parse_file(path)
    except DocumentError as exc:
        assert exc.code in {"empty", "unsupported-format", "too-large"}, str(exc)
        return
    sentences = [s for _, _, s in doc.sentences()]
    assert sentences, f"{path.name}: no sentences read"
    assert doc.format == ("text" if path.suffix.lower() == ".txt" else "markdown")
    lines = decode(path.read_bytes()).text.split("\n")
    wrong = []
    for sentence in sentences:
        line, col = sentence.span.line, sentence.span.column
        assert line is not None and col is not None
        char = normalise_text(lines[line - 1][col - 1 : col])
        if not char or (not sentence.text.startswith(char) and char not in MARKUP):
            wrong.append((line, col, sentence.text[:40]))
        assert "```" not in sentence.text and "|---" not in sentence.text
    assert wrong == [], f"{path.name}: sentences not at their spans: {wrong[:5]}"
