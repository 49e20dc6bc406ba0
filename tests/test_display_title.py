"""The title reports show: placeholder metadata titles count as no title.

A DOCX saved by a converter or left with Word's defaults has core properties title
"(anonymous)", "Untitled" or "Document1", and a PDF printed from Word has "Microsoft Word -
<file name>"; reports showed those as the document's name. ``scorecard.display_title`` uses the
first heading instead (``Document.title`` in ``model.py`` still returns the raw value).
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from policy_lint.api import check_paths
from policy_lint.reporters import render
from policy_lint.scorecard import tidy_title

BODY = "Racism is unacceptable and will be dealt with under the disciplinary procedure."


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("(anonymous)", ""),
        ("anonymous", ""),
        ("Untitled", ""),
        ("untitled document", ""),
        ("Document1", ""),
        ("Document 12", ""),
        ("[Title]", ""),
        ("  —  ", ""),
        ("", ""),
        ("Microsoft Word - Equality Policy v3.doc", "Equality Policy v3"),
        ("Microsoft Word - Document1", ""),
        ("MICROSOFT WORD - staff code.docx", "staff code"),
        ("  Anti-Racism   Strategy ", "Anti-Racism Strategy"),
        ("Title IX and Equality Policy", "Title IX and Equality Policy"),
        ("Document Retention Policy", "Document Retention Policy"),
    ],
)
def test_tidy_title(raw: str, shown: str) -> None:
    assert tidy_title(raw) == shown


def _docx(path: Path, title: str, heading: str | None) -> Path:
    d = docx.Document()
    d.core_properties.title = title
    if heading is not None:
        d.add_heading(heading, level=1)
    d.add_paragraph(BODY)
    d.save(str(path))
    return path


def _meta_line(page: str) -> str:
    return next(line.strip() for line in page.splitlines() if '<p class="meta">“' in line
                or '<p class="meta">docx' in line)


def test_anonymous_docx_title_gives_way_to_the_first_heading(tmp_path: Path) -> None:
    path = _docx(tmp_path / "conduct.docx", "(anonymous)", "Staff Code of Conduct")
    result = check_paths([str(path)])
    (doc,) = result.documents
    assert doc.title == "Staff Code of Conduct"
    assert _meta_line(render("html", result)).startswith(
        '<p class="meta">“Staff Code of Conduct” · docx · type'
    )
    assert "(anonymous)" not in render("html", result)
    assert "(anonymous)" not in render("text", result)
    assert "“Staff Code of Conduct” · docx · type" in render("text", result)


def test_printed_from_word_title_keeps_the_file_name_part(tmp_path: Path) -> None:
    path = _docx(tmp_path / "p.docx", "Microsoft Word - Equality Policy v3.doc", "Introduction")
    (doc,) = check_paths([str(path)]).documents
    assert doc.title == "Equality Policy v3"


def test_placeholder_title_and_no_heading_shows_no_title(tmp_path: Path) -> None:
    path = _docx(tmp_path / "policy.docx", "Document1", None)
    result = check_paths([str(path)])
    (doc,) = result.documents
    assert doc.title == ""
    assert _meta_line(render("html", result)).startswith('<p class="meta">docx · type')
    assert "Document1" not in render("html", result)


def test_real_title_is_kept(tmp_path: Path) -> None:
    path = _docx(tmp_path / "s.docx", "Anti-Racism Strategy 2025", "Foreword")
    (doc,) = check_paths([str(path)]).documents
    assert doc.title == "Anti-Racism Strategy 2025"
