"""The DOCX reader on packages built in code: exact text and exact locations.

Each PITFALLS entry's "Expected" is an assertion here (P01 … P26); the security cases
(zip bomb, lying zip header, XXE, billion laughs, deep nesting, truncation) are at the end.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from policy_lint.errors import DocumentError
from policy_lint.model import Story
from policy_lint.parsers import Limits, parse_file
from policy_lint.parsers.docx import TRACKED_WARNING
from tests.docx_fixtures import (
    DML_BOX,
    DOCM_MAIN,
    DOTX_MAIN,
    LAUGHS,
    NS,
    P05,
    VML_BOX,
    WML,
    XXE,
    alternate,
    blocks,
    from_python_docx,
    lie_about_size,
    make_docx,
    nested,
    notes_part,
    p,
    read,
    replace_part,
    run,
    story,
    tbl,
    tc,
    texts,
    tr,
    where,
)


# -- body order, tables, merged cells (P15, P16) ------------------------------------------
def test_tables_in_body_order_with_coordinates_p15():
    d = docx.Document()
    d.add_paragraph("Intro")
    d.add_table(rows=1, cols=1).cell(0, 0).text = "Table says racism is not tolerated"
    d.add_paragraph("After")
    doc = read(from_python_docx(d))
    assert texts(doc) == ["Intro", "Table says racism is not tolerated", "After"]
    assert [b.kind for b in blocks(doc)] == ["paragraph", "table_cell", "paragraph"]
    assert [where(b) for b in blocks(doc)] == [
        ("body", 0, None, None, None), ("table", 1, 1, 1, 1), ("body", 2, None, None, None)]
    assert doc.format == "docx" and doc.warnings == ()


def test_horizontally_merged_cell_read_once_p16():
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "Zero tolerance for racism"
    for i, word in enumerate(["A", "B", "C"]):
        t.cell(1, i).text = word
    doc = read(from_python_docx(d))
    assert texts(doc) == ["Zero tolerance for racism", "A", "B", "C"]
    assert [where(b) for b in blocks(doc)] == [
        ("table", 0, 1, 1, 1), ("table", 1, 1, 2, 1), ("table", 2, 1, 2, 2), ("table", 3, 1, 2, 3)]


def test_vertical_merge_grid_before_and_multi_paragraph_cell():
    body = tbl(
        tr(tc(p("Top"), '<w:vMerge w:val="restart"/>'), tc(p("R1C2"))),
        tr(tc(p("DUP"), "<w:vMerge/>"), tc(p("Rule one.") + p("") + p("Rule two."))),
        tr(tc(p("Shifted"), '<w:gridSpan w:val="2"/>'), tc(p("Last")),
           trpr='<w:gridBefore w:val="1"/>'),
    )
    doc = read(make_docx(body))
    assert texts(doc) == ["Top", "R1C2", "Rule one.", "Rule two.", "Shifted", "Last"]
    assert [where(b)[1:] for b in blocks(doc)] == [
        (0, 1, 1, 1), (1, 1, 1, 2), (3, 1, 2, 2), (5, 1, 2, 2), (6, 1, 3, 2), (7, 1, 3, 4)]
    assert [(s.text, s.span.paragraph, s.span.column, s.span.end_column, s.span.col)
            for _, _, s in doc.sentences()][2:4] == [
        ("Rule one.", 3, 1, 10, 2), ("Rule two.", 5, 1, 10, 2)]


def test_nested_table_and_content_control_wrapped_rows_and_cells_p03():
    inner = tbl(tr(tc(p("Inner"))))
    body = tbl(
        tr(tc(p("Outer") + inner + p("After inner"))),
        f"<w:sdt><w:sdtPr/><w:sdtContent>{tr(tc(p('Row in SDT')))}</w:sdtContent></w:sdt>",
        tr(f"<w:sdt><w:sdtContent>{tc(p('Cell in SDT'))}</w:sdtContent></w:sdt>", tc(p("Next"))),
    )
    body = f"<w:sdt><w:sdtContent>{body}</w:sdtContent></w:sdt>"
    doc = read(make_docx(body))
    assert texts(doc) == ["Outer", "Inner", "After inner", "Row in SDT", "Cell in SDT", "Next"]
    assert [where(b) for b in blocks(doc)] == [
        ("table", 0, 1, 1, 1), ("table", 1, 2, 1, 1), ("table", 2, 1, 1, 1),
        ("table", 3, 1, 2, 1), ("table", 4, 1, 3, 1), ("table", 5, 1, 3, 2)]


def test_block_and_inline_content_controls_unwrapped_p03():
    sdt = "<w:sdt><w:sdtPr><w:alias w:val='x'/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"
    body = (
        sdt.format(p("INSIDE SDT racism is not tolerated")) + p("OUTSIDE")
        + f"<w:p>{run('Owner: ')}{sdt.format(run('HR Director'))}</w:p>"
    )
    prompt = "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"
    body += (f"<w:p>{run('Lead: ')}{prompt.format(run('Click here to enter text.'))}</w:p>"
             + prompt.format(p("Click or tap here to enter text.")) + p("End."))
    doc = read(make_docx(body))
    assert texts(doc) == ["INSIDE SDT racism is not tolerated", "OUTSIDE", "Owner: HR Director",
                          "Lead: ", "End."]
    assert [where(b)[:2] for b in blocks(doc)] == [
        ("body", 0), ("body", 1), ("body", 2), ("body", 3), ("body", 5)]


# -- text boxes and alternate content (P01, P02) ------------------------------------------
@pytest.mark.parametrize("box", [VML_BOX, DML_BOX], ids=["vml", "drawingml"])
def test_text_box_is_its_own_block_after_anchor_p01(box):
    body = f"<w:p>{run('Anchor para.')}{box.format(p('Report racism here'))}</w:p>" + p("Next")
    doc = read(make_docx(body))
    assert texts(doc) == ["Anchor para.", "Report racism here", "Next"]
    assert [where(b)[:2] for b in blocks(doc)] == [("body", 0), ("text_box", 1), ("body", 2)]


def test_text_box_injected_with_python_docx_p01():
    d = docx.Document()
    para = d.add_paragraph("Anchor para.")
    para._p.append(parse_xml(
        f'<w:r xmlns:w="{NS["w"]}" xmlns:v="{NS["v"]}"><w:pict><v:shape><v:textbox>'
        f"<w:txbxContent>{p('Report racism here')}</w:txbxContent></v:textbox></v:shape>"
        "</w:pict></w:r>"))
    doc = read(from_python_docx(d))
    assert texts(doc) == ["Anchor para.", "Report racism here"]
    assert blocks(doc)[1].span.container == "text_box"


def test_text_box_in_table_cell_keeps_cell_coordinates():
    cell = f"<w:p>{run('Cell text')}{DML_BOX.format(p('Boxed in cell'))}</w:p>" + p("More")
    doc = read(make_docx(tbl(tr(tc(p("First")), tc(cell)))))
    assert texts(doc) == ["First", "Cell text", "Boxed in cell", "More"]
    assert [where(b) for b in blocks(doc)] == [
        ("table", 0, 1, 1, 1), ("table", 1, 1, 1, 2), ("text_box", 2, 1, 1, 2),
        ("table", 3, 1, 1, 2)]


def test_alternate_content_read_once_not_glued_p02():
    body = f"<w:p>{run('Para.')}{alternate('wps', 'CALLOUT', 'CALLOUT')}</w:p>"
    doc = read(make_docx(body))
    assert texts(doc) == ["Para.", "CALLOUT"]
    assert [where(b)[:2] for b in blocks(doc)] == [("body", 0), ("text_box", 1)]


def test_alternate_content_unknown_requires_takes_fallback():
    body = f"<w:p>{run('Para.')}{alternate('xx', 'NEW', 'OLD')}</w:p>" + (
        "<mc:AlternateContent><mc:Choice Requires='xx'>" + p("Unknown block")
        + "</mc:Choice><mc:Choice Requires='w14'>" + p("Known block")
        + "</mc:Choice><mc:Fallback>" + p("Fallback block")
        + "</mc:Fallback></mc:AlternateContent>")
    assert texts(read(make_docx(body))) == ["Para.", "OLD", "Known block"]


# -- tracked changes, hyperlinks, fields, characters (P05, P06, P08, P19, P20) -------------
def test_tracked_changes_read_accepted_with_one_warning_p05_p06():
    moved = (f"<w:p><w:moveFrom>{run('Gone ')}</w:moveFrom>{run('Staff ')}"
             f"<w:moveTo>{run('must report.')}</w:moveTo></w:p>")
    deleted_row = tbl(tr(tc(p("Kept row"))), tr(tc(p("Deleted row")), trpr="<w:del w:id='3'/>"))
    doc = read(make_docx(P05 + moved + deleted_row + P05))
    assert texts(doc) == ["Racism is not tolerated.", "Staff must report.", "Kept row",
                          "Racism is not tolerated."]
    assert doc.warnings == (TRACKED_WARNING,)
    assert blocks(doc)[3].span.paragraph == 4  # the deleted row's paragraph still counts


def test_hyperlinks_in_body_cell_and_header_p08():
    link = (f"<w:p>{run('Please ')}<w:hyperlink r:id='rId99'>{run('report racism here')}"
            f"</w:hyperlink>{run('.')}</w:p>")
    body = link + tbl(tr(tc(link))) + (
        "<w:sectPr><w:headerReference w:type='default' r:id='rIdH'/></w:sectPr>")
    data = make_docx(body, parts={"word/header1.xml": story("hdr", link)},
                     rels={"rIdH": ("header", "header1.xml")})
    doc = read(data)
    assert texts(doc) == ["Please report racism here."] * 3
    assert [b.span.container for b in blocks(doc)] == ["body", "table", "header"]


def test_footer_built_from_text_boxes_keeps_footer_container_p11():
    footer = f"<w:p>{VML_BOX.format(p('Report racism to HR.'))}</w:p>" + p("Page footer")
    body = p("Body.") + "<w:sectPr><w:footerReference w:type='default' r:id='rIdF'/></w:sectPr>"
    data = make_docx(body, parts={"word/footer1.xml": story("ftr", footer)},
                     rels={"rIdF": ("footer", "footer1.xml")})
    assert [(b.text, where(b)[:2]) for b in blocks(read(data))] == [
        ("Body.", ("body", 0)), ("Report racism to HR.", ("footer", 1)),
        ("Page footer", ("footer", 2))]


def test_field_results_not_instructions():
    body = (
        f"<w:p>{run('Owner: ')}<w:fldSimple w:instr=' DOCPROPERTY Owner '>{run('HR')}"
        "</w:fldSimple></w:p>"
        f"<w:p>{run('See ')}<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        "<w:r><w:instrText> HYPERLINK \"http://x\" </w:instrText></w:r>"
        f"{run('INSTRUCTION TEXT')}<w:r><w:fldChar w:fldCharType='separate'/></w:r>"
        f"{run('the policy')}<w:r><w:fldChar w:fldCharType='end'/></w:r>{run(' now.')}</w:p>"
    )
    broken = f"<w:p><w:r><w:fldChar w:fldCharType='begin'/></w:r>{run('instr')}</w:p>" + p("Kept.")
    assert texts(read(make_docx(body + broken))) == ["Owner: HR", "See the policy now.", "Kept."]


def test_special_characters_p19():
    body = (
        '<w:p><w:r><w:t>anti</w:t><w:noBreakHyphen/><w:t>racism dis</w:t><w:softHyphen/>'
        '<w:t>ciplinary</w:t><w:sym w:font="Symbol" w:char="F0B7"/>'
        '<w:t xml:space="preserve">end&#160;of</w:t><w:tab/><w:t>x</w:t><w:br/><w:t>y</w:t>'
        '<w:cr/><w:sym w:font="Symbol" w:char="F061"/><w:sym w:font="Wingdings" w:char="F0FC"/>'
        "</w:r></w:p>"
    )
    block = blocks(read(make_docx(body)))[0]
    assert block.text == "anti-racism disciplinary end of x\ny\nα "  # Wingdings tick → space
    [sentence] = block.sentences
    assert sentence.text == "anti-racism disciplinary end of x y α"
    assert (sentence.span.column, sentence.span.end_column) == (1, 38)


def test_sentence_columns_and_curly_quotes_p20():
    d = docx.Document()
    d.add_paragraph("Intro. We don\u2019t tolerate racism; it is \u201czero tolerance\u201d.")
    [block] = blocks(read(from_python_docx(d)))
    assert [(s.text, s.span.column, s.span.end_column) for s in block.sentences] == [
        ("Intro.", 1, 7), ("We don't tolerate racism; it is \"zero tolerance\".", 8, 57)]
    assert re.search(r"don't tolerate", block.sentences[1].text)


# -- stories: headers, footers, notes, comments (P11, P12, P13) ----------------------------
def test_headers_and_footers_read_once_after_body_p11():
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "CONFIDENTIAL header"
    d.sections[0].footer.paragraphs[0].text = "Racism is never tolerated here."
    d.sections[0].different_first_page_header_footer = True
    d.sections[0].first_page_header.paragraphs[0].text = "First page header"
    d.add_paragraph("body")
    second = d.add_section()
    d.add_paragraph("second body")
    assert second.header.is_linked_to_previous
    third = d.add_section()
    third.header.is_linked_to_previous = False
    third.header.paragraphs[0].text = "Third header"
    doc = read(from_python_docx(d))
    found = [(b.text, b.span.container, b.span.paragraph) for b in blocks(doc)]
    # python-docx's add_section() ends section 1 with an empty paragraph (index 1)
    assert found[:2] == [("body", "body", 0), ("second body", "body", 2)]
    assert sorted(found[2:]) == [
        ("CONFIDENTIAL header", "header", 0), ("First page header", "header", 0),
        ("Racism is never tolerated here.", "footer", 0), ("Third header", "header", 0)]
    # PITFALLS P11: each distinct part once, located as "section N header (variant)".
    assert sorted((b.text, b.span.label()) for b in blocks(doc)[2:]) == [
        ("CONFIDENTIAL header", "section 1 header (default)"),
        ("First page header", "section 1 header (first)"),
        ("Racism is never tolerated here.", "section 1 footer (default)"),
        ("Third header", "section 3 header (default)"),
    ]
    body_sentences = [s.text for b in blocks(doc)[:2] for s in b.sentences]
    assert body_sentences == ["body", "second body"]
    # Headers and footers come after the body but are under none of its headings.
    assert [(s.heading, s.heading_path) for s in doc.sections[-1:]] == [("", ())]


def _two_section_headers(settings: str | None) -> bytes:
    even_header = story("hdr", p("Even page header"))
    default_header = story("hdr", p("Default header"))
    old_props = "<w:sectPrChange w:id='9' w:author='A'><w:sectPr/></w:sectPrChange>"
    body = (
        p("Body text.")
        + "<w:p><w:pPr><w:sectPr><w:headerReference w:type='even' r:id='rIdH2'/>"
        + f"{old_props}</w:sectPr></w:pPr></w:p>"
        + p("Second section.")
        + "<w:sectPr><w:headerReference w:type='default' r:id='rIdH1'/></w:sectPr>"
    )
    parts = {"word/header1.xml": default_header, "word/header2.xml": even_header}
    rels = {"rIdH1": ("header", "header1.xml"), "rIdH2": ("header", "header2.xml")}
    overrides = {
        "/word/header1.xml": WML + "header+xml",
        "/word/header2.xml": WML + "header+xml",
    }
    if settings is not None:
        parts["word/settings.xml"] = story("settings", settings)
        rels["rIdS"] = ("settings", "settings.xml")
        overrides["/word/settings.xml"] = WML + "settings+xml"
    return make_docx(body, parts=parts, rels=rels, overrides=overrides)


def test_even_page_header_and_tracked_section_properties_p11():
    doc = read(_two_section_headers("<w:evenAndOddHeaders/>"))
    assert [(b.text, b.span.label()) for b in blocks(doc)] == [
        ("Body text.", "¶ 1"),
        ("Second section.", "¶ 3"),
        ("Even page header", "section 1 header (even)"),
        ("Default header", "section 2 header (default)"),
    ]
    (header,) = [b for b in blocks(doc) if b.text == "Even page header"]
    assert header.span.story == Story("header", 1, "even")
    assert doc.warnings == ()


@pytest.mark.parametrize("settings", [None, "<w:evenAndOddHeaders w:val='false'/>"])
def test_a_header_variant_word_does_not_show_is_not_read_p11(settings):
    # Without "Different odd & even pages" Word never shows the even-page header, so its
    # text is no evidence of anything (a fresh-eyes run found AR-L01 met from one).
    doc = read(_two_section_headers(settings))
    assert [b.text for b in blocks(doc)] == ["Body text.", "Second section.", "Default header"]
    assert doc.warnings == (
        "1 header/footer part(s) not read: Word does not show them (a first-page or "
        "even-page header without 'Different first page' / 'Different odd & even pages')",
    )


def test_footnotes_and_endnotes_own_containers_p12():
    body = (f"<w:p>{run('Racism is not tolerated.')}<w:r><w:footnoteReference w:id='1'/></w:r>"
            f"</w:p><w:p>{run('See note.')}<w:r><w:endnoteReference w:id='1'/></w:r></w:p>")
    data = make_docx(
        body,
        parts={"word/footnotes.xml": notes_part("footnotes", "footnote",
                                                "Breaches lead to disciplinary action."),
               "word/endnotes.xml": notes_part("endnotes", "endnote", "End note text.")},
        rels={"rIdF": ("footnotes", "footnotes.xml"), "rIdE": ("endnotes", "endnotes.xml")},
        overrides={"/word/footnotes.xml": WML + "footnotes+xml",
                   "/word/endnotes.xml": WML + "endnotes+xml"},
    )
    doc = read(data)
    assert texts(doc) == ["Racism is not tolerated.", "See note.",
                          " Breaches lead to disciplinary action.", " End note text."]
    # A note's paragraphs count from its own first (Word's separator notes are not counted).
    assert [where(b)[:2] for b in blocks(doc)] == [
        ("body", 0), ("body", 1), ("footnote", 0), ("endnote", 0)]
    assert blocks(doc)[2].sentences[0].text == "Breaches lead to disciplinary action."
    # PITFALLS P12: the note's id and the body paragraph that references it.
    assert [b.span.label() for b in blocks(doc)[2:]] == [
        "footnote 1 (from ¶ 1)", "endnote i (from ¶ 2)"]  # Word's default formats
    assert blocks(doc)[2].sentences[0].span.story == Story("footnote", note="1", ref_paragraph=0)


def test_comments_left_out_p13():
    d = docx.Document()
    para = d.add_paragraph("Policy text.")
    d.add_comment(para.runs, text="Reviewer: is racism covered?", author="R")
    doc = read(from_python_docx(d))
    assert texts(doc) == ["Policy text."]


# -- structure: lists and headings (P14, P18) ----------------------------------------------
def test_list_items_level_and_no_number_in_text_p14():
    d = docx.Document()
    d.add_paragraph("Racism is not tolerated.", style="List Number")
    sub = d.add_paragraph("Sub item.", style="List Number")
    sub._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{NS["w"]}"><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr>'))
    off = d.add_paragraph("Not a list.", style="List Number")
    off._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{NS["w"]}"><w:numId w:val="0"/></w:numPr>'))
    doc = read(from_python_docx(d))
    assert [(b.kind, b.text, b.level) for b in blocks(doc)] == [
        ("list_item", "Racism is not tolerated.", 0), ("list_item", "Sub item.", 1),
        ("paragraph", "Not a list.", 0)]


def test_localised_renamed_and_builtin_headings_p18():
    d = docx.Document()
    d.add_paragraph("Policy title", style="Title")
    st = d.styles.add_style("Überschrift 1", WD_STYLE_TYPE.PARAGRAPH)
    st.base_style = d.styles["Normal"]
    st.element.get_or_add_pPr().append(
        parse_xml(f'<w:outlineLvl xmlns:w="{NS["w"]}" w:val="0"/>'))
    d.add_paragraph("Conduct", style=st)
    d.add_heading("Sanctions", level=2)
    house = d.styles.add_style("Policy H3", WD_STYLE_TYPE.PARAGRAPH)
    house.base_style = d.styles["Heading 3"]
    d.add_paragraph("Appeals", style=house)
    d.add_paragraph("Body text.")
    direct = d.add_paragraph("Direct outline")
    direct._p.get_or_add_pPr().append(
        parse_xml(f'<w:outlineLvl xmlns:w="{NS["w"]}" w:val="1"/>'))
    d.add_heading("Body level", level=1)._p.pPr.append(
        parse_xml(f'<w:outlineLvl xmlns:w="{NS["w"]}" w:val="9"/>'))
    doc = read(from_python_docx(d))
    assert st.name == "Überschrift 1"
    assert [(s.heading, s.level, s.heading_path) for s in doc.sections] == [
        ("Policy title", 1, ("Policy title",)),
        ("Conduct", 1, ("Conduct",)),
        ("Sanctions", 2, ("Conduct", "Sanctions")),
        ("Appeals", 3, ("Conduct", "Sanctions", "Appeals")),
        ("Direct outline", 2, ("Conduct", "Direct outline")),
    ]
    assert texts(doc)[-2:] == ["Direct outline", "Body level"]


def test_headings_in_tables_only_open_sections_in_layout_tables():
    h2 = "<w:pPr><w:pStyle w:val='Heading2'/></w:pPr>"
    body = (tbl(tr(tc(p("Layout heading", h2) + p("Layout text.")))) + p("Between.")
            + tbl(tr(tc(p("A.1", h2)), tc(p("Clause text.", h2)))))
    doc = read(make_docx(body))
    assert [(s.heading, [b.kind for b in s.blocks]) for s in doc.sections] == [
        ("Layout heading", ["heading", "table_cell", "paragraph", "table_cell", "table_cell"])]
    assert texts(doc)[-2:] == ["A.1", "Clause text."]


def test_heading_style_id_fallback_without_styles_part():
    body = p("Scope", "<w:pPr><w:pStyle w:val='Heading2'/></w:pPr>") + p("Text.")
    doc = read(make_docx(body))
    assert [(s.heading, s.level) for s in doc.sections] == [("Scope", 2)]


# -- package: metadata, variants, sniffing (P22, P23, P24) ---------------------------------
def test_metadata_from_core_properties():
    core = {"dc:title": "Anti-racism policy", "dc:creator": "HR", "cp:keywords": "racism",
            "dc:description": "  ", "dc:subject": "Conduct", "cp:category": "Policy"}
    doc = read(make_docx(p("Text."), core=core))
    assert doc.metadata == {"title": "Anti-racism policy", "author": "HR", "keywords": "racism",
                            "subject": "Conduct", "category": "Policy"}


@pytest.mark.parametrize("suffix, main_type", [
    (".docm", DOCM_MAIN), (".dotx", DOTX_MAIN), (".dotm", DOCM_MAIN), (".docx", DOCM_MAIN)])
def test_macro_and_template_packages_read_the_same_p23(tmp_path, suffix, main_type):
    path = tmp_path / f"policy{suffix}"
    path.write_bytes(make_docx(p("Racism is not tolerated."), main_type=main_type))
    assert texts(parse_file(path)) == ["Racism is not tolerated."]


@pytest.mark.parametrize("content, code, start", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "unsupported-format",
     "unsupported format: a legacy Word 97-2003 (.doc)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le"),
     "encrypted", "password-protected Word document"),
    (b"", "empty", "file is empty"),
])
def test_legacy_and_encrypted_word_files_p22_p24(tmp_path, content, code, start):
    path = tmp_path / "fake.docx"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as err:
        parse_file(path)
    assert err.value.code == code
    assert err.value.reason.startswith(start)


def test_document_without_text_or_in_strict_xml_is_an_error():
    with pytest.raises(DocumentError) as err:
        read(make_docx(p("") + "<w:p/>"))
    assert err.value.code == "empty"
    strict = ('<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body>'
              "<w:p><w:r><w:t>Text</w:t></w:r></w:p></w:body></w:document>")
    with pytest.raises(DocumentError) as err:
        read(make_docx("", document=strict))
    assert err.value.code == "unsupported-format" and "Strict Open XML" in err.value.reason


# -- security and damage (P26) -------------------------------------------------------------
def test_zip_bomb_part_over_limit_p26():
    data = make_docx(p(" " * 3_000_000))
    assert len(data) < 30_000
    with pytest.raises(DocumentError) as err:
        read(data, Limits(max_part_bytes=1_000_000))
    assert err.value.code == "zip-limit"
    with pytest.raises(DocumentError) as err:
        read(data, Limits(max_unzipped_bytes=2_000_000))
    assert err.value.code == "zip-limit"
    assert "t.docx: the zip inflates to" in err.value.message


def test_lying_zip_header_cannot_inflate_past_declared_size_p26():
    data = bytearray(make_docx(p("Racism is not tolerated." + " " * 500_000)))
    lie_about_size(data, "word/document.xml", 2_000)
    with pytest.raises(DocumentError) as err:
        read(bytes(data), Limits(max_part_bytes=100_000))
    assert err.value.code == "corrupt"


def test_too_many_entries_p26():
    parts = {f"customXml/item{i}.xml": "<a/>" for i in range(10_001)}
    with pytest.raises(DocumentError) as err:
        read(make_docx(p("Text."), parts=parts))
    assert err.value.code == "zip-limit"


@pytest.mark.parametrize("name, content", [
    ("word/document.xml", XXE), ("[Content_Types].xml", LAUGHS)], ids=["xxe", "laughs"])
def test_dtd_and_entities_refused_p26(tmp_path, name, content):
    path = tmp_path / "evil.docx"
    path.write_bytes(replace_part(make_docx(p("Text.")), name, content))
    with pytest.raises(DocumentError) as err:
        parse_file(path)
    assert err.value.code == "corrupt"
    assert f"{name} declares a DTD or entities" in err.value.reason


def test_nesting_depth_bounded():
    doc = read(make_docx(nested(5)), Limits(max_depth=5))
    assert where(blocks(doc)[0]) == ("table", 0, 5, 1, 1)
    with pytest.raises(DocumentError) as err:
        read(make_docx(nested(6)), Limits(max_depth=5))
    assert err.value.code == "too-large"
    with pytest.raises(DocumentError) as err:  # past libxml2's own depth bound (256)
        read(make_docx(nested(400)))
    assert err.value.code == "too-large"
    assert "word/document.xml is nested too deeply" in err.value.reason


def test_truncated_and_damaged_packages(tmp_path):
    data = make_docx(p("Racism is not tolerated. " * 200))
    for cut in (data[: len(data) // 2], data[:-10]):
        path = tmp_path / "cut.docx"
        path.write_bytes(cut)
        with pytest.raises(DocumentError) as err:
            parse_file(path)
        assert err.value.code == "corrupt"
        with pytest.raises(DocumentError):
            read(cut)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    broken = bytearray(data)
    start = info.header_offset + 30 + len(info.filename) + 10
    broken[start: start + 40] = b"\xff" * 40
    with pytest.raises(DocumentError) as err:
        read(bytes(broken))
    assert err.value.code == "corrupt"
    with pytest.raises(DocumentError) as err:
        read(replace_part(data, "word/document.xml", "<w:document"))
    assert "word/document.xml is not well-formed XML" in err.value.reason


def test_placeholder_core_title_is_no_title_and_the_heading_stands_in():
    heading = (
        "<w:p><w:pPr><w:pStyle w:val='Heading1'/></w:pPr>" + run("Staff Code of Conduct") + "</w:p>"
    )
    styles = (
        "<w:style w:type='paragraph' w:styleId='Heading1'><w:name w:val='heading 1'/>"
        "<w:pPr><w:outlineLvl w:val='0'/></w:pPr></w:style>"
    )
    doc = read(make_docx(heading + p("All staff must challenge racism."), styles=styles,
                         core={"dc:title": "(anonymous)", "dc:creator": "Document1"}))
    assert "title" not in doc.metadata and "author" not in doc.metadata
    assert doc.title == "Staff Code of Conduct"
    printed = read(make_docx(p("Text."), core={"dc:title": "Microsoft Word - Conduct.docx"}))
    assert printed.metadata["title"] == "Conduct"


def _footnotes(*notes: tuple[str, str]) -> str:
    """A footnotes part: Word's two separators, then notes ``(id, text)``."""
    seps = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>"
    )
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r>{run(" " + t)}</w:p></w:footnote>'
        for i, t in notes
    )
    return story("footnotes", seps + body)


def _with_footnotes(body: str, *notes: tuple[str, str]) -> bytes:
    return make_docx(
        body,
        parts={"word/footnotes.xml": _footnotes(*notes)},
        rels={"rIdF": ("footnotes", "footnotes.xml")},
        overrides={"/word/footnotes.xml": WML + "footnotes+xml"},
    )


def _ref(note: str) -> str:
    return f"<w:r><w:footnoteReference w:id='{note}'/></w:r>"


def test_notes_are_numbered_as_word_shows_them_and_unshown_notes_are_not_read_p12():
    heading = "<w:p><w:pPr><w:outlineLvl w:val='0'/></w:pPr>" + run("2. Equality") + "</w:p>"
    body = (
        f"<w:p>{run('First point.')}{_ref('5')}</w:p>"
        f"<w:p>{run('Second point.')}{_ref('3')}</w:p>"
        f"<w:p>{run('Dropped.')}<w:del w:id='9' w:author='A'>{_ref('8')}</w:del></w:p>"
        + heading
        + p("Racism is never tolerated.")
    )
    doc = read(_with_footnotes(
        body, ("3", "Second note."), ("5", "First note."), ("7", "Never referenced."),
        ("8", "Referenced only from deleted text."),
    ))  # fmt: skip
    notes = [b for b in blocks(doc) if b.span.container == "footnote"]
    # Word numbers notes by the order of their marks, not by w:id.
    assert [(b.text.strip(), b.span.label()) for b in notes] == [
        ("Second note.", "footnote 2 (from ¶ 2)"),
        ("First note.", "footnote 1 (from ¶ 1)"),
    ]
    assert doc.warnings == (
        "2 footnote(s)/endnote(s) not read: no reference mark to them in the text (or only in "
        "deleted text), so Word does not show them",
        TRACKED_WARNING,
    )
    # Notes come after the body but are not under its last heading ("2. Equality").
    (note_section,) = [s for s in doc.sections if any(b in s.blocks for b in notes)]
    assert (note_section.heading, note_section.heading_path) == ("", ())
