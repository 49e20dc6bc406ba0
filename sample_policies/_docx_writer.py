"""DOCX output for ``build.py`` (python-docx), including text boxes and tracked changes.

Text boxes are VML ``w:pict/v:shape/v:textbox/w:txbxContent`` (the form python-docx cannot
read, PITFALLS P01); tracked changes are ``w:ins`` / ``w:del`` runs (P05, P06) so the
samples exercise the reader's accepted-changes view.
"""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

_MARK = re.compile(r"(\{\+.*?\+\}|\{-.*?-\})")
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_V = 'xmlns:v="urn:schemas-microsoft-com:vml"'
_DATE = "2025-01-06T09:00:00Z"


def _runs(paragraph: Any, text: str, counter: list[int]) -> None:
    for part in _MARK.split(text):
        if not part:
            continue
        if part.startswith("{+") or part.startswith("{-"):
            counter[0] += 1
            body = escape(part[2:-2])
            if part.startswith("{+"):
                xml = (f'<w:ins {_W} w:id="{counter[0]}" w:author="Reviewer" w:date="{_DATE}">'
                       f'<w:r><w:t xml:space="preserve">{body}</w:t></w:r></w:ins>')
            else:
                xml = (f'<w:del {_W} w:id="{counter[0]}" w:author="Reviewer" w:date="{_DATE}">'
                       f'<w:r><w:delText xml:space="preserve">{body}</w:delText></w:r></w:del>')
            paragraph._p.append(parse_xml(xml))
        else:
            paragraph.add_run(part)


def _text_box(doc: Any, text: str) -> None:
    anchor = doc.add_paragraph()
    xml = (
        f'<w:r {nsdecls("w")} {_V}><w:pict><v:shape id="box{len(doc.paragraphs)}" '
        'style="width:420pt;height:70pt" stroked="t"><v:textbox><w:txbxContent>'
        f'<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    anchor._p.append(parse_xml(xml))


def write_docx(src: Any, out: str) -> None:
    """Write ``src`` (a ``build.Source``) to ``out``."""
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    props = doc.core_properties
    props.title = src.props.get("title", "")
    props.subject = src.props.get("subject", "")
    props.author = src.props.get("author", "")
    props.comments = "Sample document written for policy-lint; fictional organisation."
    counter = [100]
    rows: list[list[str]] = []

    def flush_table() -> None:
        if not rows:
            return
        table = doc.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                para = table.cell(i, j).paragraphs[0]
                run = para.add_run(cell)
                run.bold = i == 0
        rows.clear()

    for kind, text, level in src.blocks:
        if kind != "row":
            flush_table()
        if kind == "h":
            doc.add_heading(text, level)
        elif kind == "row":
            from build import cells

            rows.append(cells(text))
        elif kind == "box":
            _text_box(doc, text)
        else:
            style = {"bullet": "List Bullet", "number": "List Number"}.get(kind)
            _runs(doc.add_paragraph(style=style), text, counter)
    flush_table()
    settings = doc.settings.element
    if counter[0] > 100 and settings.find(qn("w:trackRevisions")) is None:
        settings.append(parse_xml(f"<w:trackRevisions {nsdecls('w')}/>"))
    doc.save(out)
