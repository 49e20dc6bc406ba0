"""DOCX automatic numbering as ``Block.label`` (PITFALLS P14), and note reference marks."""

from __future__ import annotations

from lxml import etree

from policy_lint.parsers.docx_styles import Styles
from policy_lint.parsers.docx_walk import StoryWalker
from tests.docx_fixtures import XMLNS, p, run


def _walker(body: str) -> StoryWalker:
    root = etree.fromstring(f"<w:body {XMLNS}>{body}</w:body>")
    walker = StoryWalker("t.docx", "body", Styles(None), 8)
    walker.walk(root)
    return walker


def test_note_refs_first_paragraph_of_each_note_p12():
    fn1 = "<w:r><w:footnoteReference w:id='1'/></w:r>"
    en1 = "<w:r><w:endnoteReference w:id='1'/></w:r>"
    fn2 = "<w:r><w:footnoteReference w:id='2'/></w:r>"
    box = ("<w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
           f"<w:p>{run('In a box.')}{fn2}</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    body = (p("Intro.")
            + f"<w:p>{run('Racism is not tolerated.')}{fn1}</w:p>"
            + f"<w:p>{run('Again.')}{fn1}{en1}{box}</w:p>"
            + f"<w:tbl><w:tr><w:tc><w:p>{run('Cell.')}{fn2}</w:p></w:tc></w:tr></w:tbl>")
    walker = _walker(body)
    assert walker.note_refs == {("footnote", "1"): 1, ("endnote", "1"): 2, ("footnote", "2"): 3}
    assert [u.raw for u in walker.units] == [
        "Intro.", "Racism is not tolerated.", "Again.", "In a box.", "Cell."]
