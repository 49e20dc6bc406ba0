"""DOCX automatic numbering as ``Block.label`` (PITFALLS P14), and note reference marks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import jsonschema
from click.testing import CliRunner
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from policy_lint.cli import cli
from policy_lint.engine import evaluate
from policy_lint.findings import Status
from policy_lint.parsers import parse_file
from policy_lint.parsers.docx import TRACKED_WARNING
from policy_lint.parsers.docx_numbering import format_number
from policy_lint.parsers.docx_styles import Styles
from policy_lint.parsers.docx_walk import StoryWalker
from tests.docx_fixtures import XMLNS, blocks, from_python_docx, p, read, run
from tests.engine_fixtures import CONDUCT_RULE, make_pack

ROOT = Path(__file__).resolve().parents[1]


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
           f"<w:p>{run('In a box.')}{fn2}</w:p>"
           "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    body = (p("Intro.")
            + f"<w:p>{run('Racism is not tolerated.')}{fn1}</w:p>"
            + f"<w:p>{run('Again.')}{fn1}{en1}{box}</w:p>"
            + f"<w:tbl><w:tr><w:tc><w:p>{run('Cell.')}{fn2}</w:p></w:tc></w:tr></w:tbl>")
    walker = _walker(body)
    assert walker.note_refs == {("footnote", "1"): 1, ("endnote", "1"): 2, ("footnote", "2"): 3}
    assert [u.raw for u in walker.units] == [
        "Intro.", "Racism is not tolerated.", "Again.", "In a box.", "Cell."]


# -- building numbered documents ------------------------------------------------------------
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    """A ``w:lvl`` definition."""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'{extra}<w:lvlText w:val="{text}"/></w:lvl>')


def define(d: Any, aid: int, levels: str, *nums: tuple[int, str], link: str = "") -> None:
    """Add ``w:abstractNum`` ``aid`` with ``levels`` and ``w:num``s ``(numId, overrides)``."""
    root = d.part.numbering_part.element
    first_num = root.find(qn("w:num"))
    abstract = parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="{aid}">{link}{levels}'
                         "</w:abstractNum>")
    first_num.addprevious(abstract)
    for nid, overrides in nums:
        root.append(parse_xml(f'<w:num {W_NS} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>'
                              f"{overrides}</w:num>"))


def numbered(d: Any, text: str, num_id: int | None, ilvl: int | None = 0,
             style: str | None = None) -> Any:
    """A paragraph with its own ``w:numPr`` (``num_id`` ``None``: style numbering only)."""
    para = d.add_paragraph(text, style=style)
    if num_id is not None:
        level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        para._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {W_NS}>{level}<w:numId w:val="{num_id}"/></w:numPr>'))
    return para


def labelled(d: Any) -> list[tuple[str, str, str]]:
    """``(kind, label, text)`` of every block of the saved and re-read document."""
    return [(b.kind, b.label, b.text) for b in blocks(read(from_python_docx(d)))]


def test_pitfall_p14_repro_list_number_label_not_text():
    d = docx.Document()
    para = d.add_paragraph("Racism is not tolerated.", style="List Number")
    assert para.text == "Racism is not tolerated."  # python-docx: no "1."
    doc = read(from_python_docx(d))
    (block,) = blocks(doc)
    assert (block.kind, block.label, block.text) == ("list_item", "1.", "Racism is not tolerated.")
    assert [s.text for s in block.sentences] == ["Racism is not tolerated."]


def test_list_number_style_counts_and_blank_numbered_paragraphs_count():
    d = docx.Document()
    for text in ("First.", "Second.", "", "Fourth."):
        d.add_paragraph(text, style="List Number")
    d.add_paragraph("Plain.")
    d.add_paragraph("Bulleted.", style="List Bullet")
    assert labelled(d) == [("list_item", "1.", "First."), ("list_item", "2.", "Second."),
                           ("list_item", "4.", "Fourth."), ("paragraph", "", "Plain."),
                           ("list_item", "", "Bulleted.")]


def test_multi_level_resets_deeper_levels():
    d = docx.Document()
    define(d, 50, lvl(0, "decimal", "%1") + lvl(1, "decimal", "%1.%2"), (50, ""))
    for text, ilvl in (("One.", 0), ("A.", 1), ("B.", 1), ("Two.", 0), ("C.", 1)):
        numbered(d, text, 50, ilvl)
    assert [label for _, label, _ in labelled(d)] == ["1", "1.1", "1.2", "2", "2.1"]


def test_letters_romans_and_multilevel_p14_repro_with_ilvl_1():
    d = docx.Document()
    define(d, 51, lvl(0, "lowerLetter", "(%1)") + lvl(1, "lowerRoman", "%2."), (51, ""))
    for text, ilvl in (("Racism.", 0), ("Words.", 1), ("Acts.", 1), ("Jokes.", 1),
                       ("Bullying.", 0), ("Online.", 1)):
        numbered(d, text, 51, ilvl)
    assert labelled(d) == [
        ("list_item", "(a)", "Racism."), ("list_item", "i.", "Words."),
        ("list_item", "ii.", "Acts."), ("list_item", "iii.", "Jokes."),
        ("list_item", "(b)", "Bullying."), ("list_item", "i.", "Online.")]


def test_start_override_restarts_and_shared_abstract_continues():
    d = docx.Document()
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    define(d, 52, lvl(0, "decimal", "%1."), (60, ""), (61, ""), (62, restart))
    for text, num in (("A.", 60), ("B.", 60), ("C.", 61), ("D.", 62), ("E.", 62), ("F.", 60)):
        numbered(d, text, num)
    assert [label for _, label, _ in labelled(d)] == ["1.", "2.", "3.", "1.", "2.", "4."]


def test_num_id_zero_cancels_style_numbering():
    d = docx.Document()
    d.add_paragraph("Numbered.", style="List Number")
    numbered(d, "Not numbered.", 0, None, style="List Number")
    d.add_paragraph("Numbered again.", style="List Number")
    assert labelled(d) == [("list_item", "1.", "Numbered."), ("paragraph", "", "Not numbered."),
                           ("list_item", "2.", "Numbered again.")]


def _number_headings(d: Any, aid: int, num_id: int, level_text: tuple[str, str]) -> None:
    levels = (lvl(0, "decimal", level_text[0], extra='<w:pStyle w:val="Heading1"/>')
              + lvl(1, "decimal", level_text[1], extra='<w:pStyle w:val="Heading2"/>'))
    define(d, aid, levels, (num_id, ""))
    for name, ilvl in (("Heading 1", None), ("Heading 2", 1)):
        ppr = d.styles[name].element.get_or_add_pPr()
        level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr.insert(0, parse_xml(f'<w:numPr {W_NS}>{level}<w:numId w:val="{num_id}"/></w:numPr>'))


def test_numbered_heading_styles_via_style_numpr():
    d = docx.Document()
    _number_headings(d, 53, 70, ("%1", "%1.%2"))
    d.add_heading("Scope", 1)
    d.add_heading("Who", 2)
    d.add_paragraph("Everyone.")
    d.add_heading("Where", 2)
    d.add_heading("Discipline", 1)
    d.add_heading("Sanctions", 2)
    doc = read(from_python_docx(d))
    assert labelled(d) == [
        ("heading", "1", "Scope"), ("heading", "1.1", "Who"), ("paragraph", "", "Everyone."),
        ("heading", "1.2", "Where"), ("heading", "2", "Discipline"),
        ("heading", "2.1", "Sanctions")]
    assert [s.heading for s in doc.sections] == ["Scope", "Who", "Where", "Discipline",
                                                 "Sanctions"]


def test_legal_numbering_restart_rules_and_decimal_zero():
    d = docx.Document()
    levels = (lvl(0, "upperRoman", "%1.") + lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>")
              + lvl(2, "decimalZero", "%3)", extra='<w:lvlRestart w:val="0"/>'))
    define(d, 54, levels, (80, ""))
    for text, ilvl in (("I.", 0), ("II.", 0), ("a.", 1), ("b.", 2), ("c.", 1), ("d.", 2)):
        numbered(d, text, 80, ilvl)
    assert [label for _, label, _ in labelled(d)] == ["I.", "II.", "2.1", "01)", "2.2", "02)"]


def test_num_style_link_follows_numbering_style():
    d = docx.Document()
    d.styles.element.append(parse_xml(
        f'<w:style {W_NS} w:type="numbering" w:styleId="PolicyList"><w:name w:val="Policy list"/>'
        '<w:pPr><w:numPr><w:numId w:val="91"/></w:numPr></w:pPr></w:style>'))
    define(d, 55, lvl(0, "upperLetter", "%1."), (91, ""),
           link='<w:styleLink w:val="PolicyList"/>')
    define(d, 56, "", (90, ""), link='<w:numStyleLink w:val="PolicyList"/>')
    for text in ("One.", "Two."):
        numbered(d, text, 90)
    assert [label for _, label, _ in labelled(d)] == ["A.", "B."]


def test_format_number_edges():
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27, 53)] == ["a", "z", "aa", "aaa"]
    assert format_number(3999, "upperRoman") == "MMMCMXCIX"
    assert format_number(0, "lowerRoman") == "0"
    assert format_number(4000, "lowerRoman") == "4000"
    assert format_number(7, "decimalZero") == "07"
    assert format_number(12, "decimalZero") == "12"
    assert format_number(3, "ordinalText") == "3"
    assert format_number(3, "none") == format_number(3, "bullet") == ""


def test_malformed_numbering_gives_no_labels_and_never_raises():
    d = docx.Document()
    bad_levels = ('<w:lvl w:ilvl="x"><w:lvlText w:val="%1."/></w:lvl>'
                  '<w:lvl w:ilvl="0"><w:start w:val="-3"/><w:numFmt/>'
                  f'<w:lvlText w:val="{"%1" * 400}"/></w:lvl>')
    define(d, 57, bad_levels, (95, ""))
    define(d, 58, lvl(0, "decimal", "%1."), (96, '<w:lvlOverride w:ilvl="99"/>'))
    root = d.part.numbering_part.element
    root.append(parse_xml(f'<w:num {W_NS} w:numId="97"><w:abstractNumId w:val="404"/></w:num>'))
    root.append(parse_xml(f'<w:num {W_NS} w:numId="98"/>'))
    numbered(d, "Huge text, bad start.", 95, 0)
    numbered(d, "Level past 8.", 96, 12)
    numbered(d, "Bad ilvl.", 96, None)
    for num in (97, 98, 12345):
        numbered(d, f"Num {num}.", num)
    labels = [label for _, label, _ in labelled(d)]
    assert labels == ["0" * 127 + "%", "", "1.", "", "", ""]


def test_table_cell_paragraphs_are_labelled():
    d = docx.Document()
    cell = d.add_table(rows=1, cols=2).cell(0, 1)
    cell.paragraphs[0].text = "In a cell."
    cell.paragraphs[0].style = d.styles["List Number"]
    d.add_paragraph("After the table.", style="List Number")
    assert labelled(d) == [("table_cell", "1.", "In a cell."),
                           ("list_item", "2.", "After the table.")]


# -- findings cite the label ---------------------------------------------------------------
def test_finding_evidence_location_cites_clause_and_item(tmp_path):
    d = docx.Document()
    _number_headings(d, 53, 70, ("%1", "%1.%2"))
    d.add_heading("Conduct", 1)
    d.add_paragraph("Staff treat everyone with respect.")
    d.add_paragraph("Racism is not tolerated in our school.", style="List Number")
    d.add_heading("Sanctions", 2)
    d.add_paragraph("Racist abuse by staff leads to disciplinary action.")
    path = tmp_path / "policy.docx"
    path.write_bytes(from_python_docx(d))
    rules = make_pack(tmp_path, CONDUCT_RULE)
    (finding,) = evaluate(parse_file(str(path)), rules, "policy")
    assert finding.status is Status.MET
    assert [(e.quote, e.label, e.location()) for e in finding.evidence] == [
        ("Racism is not tolerated in our school.", "clause 1, item 1",
         "¶ 3, clause 1, item 1"),
        ("Racist abuse by staff leads to disciplinary action.", "clause 1.1", "¶ 5, clause 1.1")]

    result = CliRunner().invoke(
        cli, ["check", "--format", "json", "--doc-type", "policy", "--packs",
              str(tmp_path / "pack"), str(path)], catch_exceptions=False)
    data = json.loads(result.output)
    schema = json.loads((ROOT / "policy_lint/schemas/scorecard.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)
    (found,) = data["documents"][0]["findings"]
    assert found["location"] == "¶ 3, clause 1, item 1"
    assert [e["location"] for e in found["evidence"]] == [
        "¶ 3, clause 1, item 1", "¶ 5, clause 1.1"]


def test_parse_shows_computed_heading_numbers(tmp_path):
    from click.testing import CliRunner

    from policy_lint.cli import cli

    d = docx.Document()
    _number_headings(d, 53, 70, ("%1", "%1.%2"))
    d.add_heading("Scope", 1)
    d.add_heading("Staff", 2)
    d.add_paragraph("Everyone.")
    path = tmp_path / "numbered.docx"
    path.write_bytes(from_python_docx(d))
    out = CliRunner().invoke(cli, ["parse", str(path)]).output.splitlines()
    assert "# Scope  [1]" in out
    assert "## Scope > Staff  [1.1]" in out


def test_an_item_deleted_with_its_paragraph_mark_is_not_counted():
    # Tracked deletion of a whole list item (its text and its paragraph mark): the accepted
    # view the reader gives has no such item, so the next one keeps its number.
    d = docx.Document()
    d.add_paragraph("First.", style="List Number")
    gone = d.add_paragraph("", style="List Number")
    gone._p.append(parse_xml(
        f'<w:del {W_NS} w:id="1" w:author="A"><w:r><w:delText>Removed.</w:delText></w:r></w:del>'
    ))
    gone._p.get_or_add_pPr().append(parse_xml(
        f'<w:rPr {W_NS}><w:del w:id="2" w:author="A"/></w:rPr>'
    ))
    d.add_paragraph("Second.", style="List Number")
    doc = read(from_python_docx(d))
    assert [(b.label, b.text) for b in blocks(doc)] == [("1.", "First."), ("2.", "Second.")]
    assert doc.warnings == (TRACKED_WARNING,)


def test_a_list_item_numbered_like_a_clause_is_cited_as_that_clause():
    from policy_lint.kinds.requirement import cite
    from policy_lint.model import Block, Section, SourceSpan

    span = SourceSpan("c.docx", paragraph=117)
    head = Block("heading", "Definitions", span, (), 1, False, "3.1")
    item = Block("list_item", "The Supplier shall …", span, (), 1, False, "6.3")
    lettered = Block("list_item", "racism", span, (), 2, False, "(a)")
    section = Section("Definitions", ("Definitions",), 1, (head, item, lettered))
    # an ICT contract's ¶ 118 was cited "clause 3.1, item 6.3" under a mis-read heading
    assert cite(item, section) == "clause 6.3"
    assert cite(lettered, section) == "clause 3.1, item (a)"
