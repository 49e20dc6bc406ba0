"""Build DOCX and PDF copies of some evaluation documents from their Markdown sources.

Usage: ``python eval/build.py`` (from the repository root). Writes ``eval/docs/built/``.

The Markdown sources use a small subset: ``#`` headings, paragraphs, ``-`` bullet lists,
``1.`` numbered lists and GFM pipe tables. Each built copy holds the same words as its source,
so ``eval/labels.yaml`` labels it with the same statuses and evidence (its ``formats:`` list);
what changes is the container the words sit in, which is what the readers must get right:

* DOCX: numbered lists use Word's automatic numbering (``List Number``; the numbers are not in
  the text, PITFALLS P14); ``table_sections`` renders chosen sections as a two-column table
  (heading | text, P15); ``textbox`` puts the paragraph starting with the given words in a VML
  text box (``w:txbxContent``, P01).
* PDF (fpdf2, core Helvetica): single column, or two columns with ``text_columns`` (P29).

Libraries: python-docx (``Document``, styles, ``OxmlElement``), fpdf2 (``FPDF``,
``text_columns``). Creation dates are fixed so rebuilding gives stable files.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "docs"
OUT = SRC / "built"
FIXED_DATE = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)


@dataclass
class Spec:
    """How to build one document.

    Attributes:
        formats: ``docx`` and/or ``pdf``.
        columns: Number of PDF text columns (1 or 2).
        table_sections: DOCX: headings whose sections are rendered as table rows.
        textbox: DOCX: opening words of a paragraph to place in a text box.
    """

    formats: tuple[str, ...]
    columns: int = 1
    table_sections: tuple[str, ...] = ()
    textbox: str = ""
    extra: dict[str, str] = field(default_factory=dict)


BUILD: dict[str, Spec] = {
    "p01-eastmere-anti-racism-policy": Spec(("docx",)),
    "pr01-kingsmead-academy-racist-incident-procedure": Spec(("docx",)),
    "s02-eastmere-council-equality-strategy": Spec(("docx",)),
    "c02-westvale-volunteer-code-of-conduct": Spec(("docx",)),
    "ss02-northbrook-youth-service-specification": Spec(("docx",)),
    "h02-eastmere-foster-carer-handbook": Spec(
        ("docx",), textbox="Many children in care in Eastmere"
    ),
    "k04-riverside-agency-staffing-framework-agreement": Spec(
        ("docx",),
        table_sections=(
            "Clause 14: Equality",
            "Clause 15: Subcontracting",
            "Clause 18: Audit",
            "Clause 25: Termination",
            "Clause 26: Remedial action",
        ),
    ),
    "p03-riverside-dignity-at-work-policy": Spec(("pdf",)),
    "ss01-eastmere-parenting-support-service-specification": Spec(("pdf",)),
    "g01-northbrook-anti-racist-practice-guidance": Spec(("pdf",)),
    "k01-northbrook-family-support-contract-equality-schedule": Spec(("pdf",)),
    "s03-riverside-trust-workforce-race-equality-strategy": Spec(("pdf",)),
    "c01-northbrook-children-services-staff-code-of-conduct": Spec(("pdf",), columns=2),
}


@dataclass
class Block:
    """One Markdown block: ``kind`` is heading / para / bullet / number / table."""

    kind: str
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


def read_blocks(path: Path) -> list[Block]:
    """Split a Markdown source (the subset above) into blocks."""
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", " ".join(para)))
            para.clear()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        bullet = re.match(r"^[-*]\s+(.*)$", line)
        number = re.match(r"^\d+\.\s+(.*)$", line)
        if not line.strip():
            flush()
        elif heading:
            flush()
            blocks.append(Block("heading", heading.group(2), len(heading.group(1))))
        elif bullet:
            flush()
            blocks.append(Block("bullet", bullet.group(1)))
        elif number:
            flush()
            blocks.append(Block("number", number.group(1)))
        elif line.startswith("|"):
            flush()
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block("table", rows=[cells]))
        elif line.startswith(">"):
            flush()
            blocks.append(Block("quote", line.lstrip("> ")))
        else:
            para.append(line.strip())
    flush()
    return blocks


def _textbox_run(paragraph: object, text: str) -> None:
    """Append a VML text box holding ``text`` to a python-docx paragraph."""
    from docx.oxml import parse_xml

    xml = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
        '<v:shape id="box1" type="#_x0000_t202" style="width:420pt;height:110pt">'
        '<v:textbox><w:txbxContent><w:p><w:r><w:t xml:space="preserve">'
        + text.replace("&", "&amp;").replace("<", "&lt;")
        + "</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    paragraph._p.append(parse_xml(xml))  # type: ignore[attr-defined]


def build_docx(name: str, spec: Spec, blocks: list[Block], out: Path) -> None:
    """Write ``out`` as a DOCX built from ``blocks``."""
    import docx

    document = docx.Document()
    props = document.core_properties
    props.created = props.modified = FIXED_DATE.replace(tzinfo=None)
    props.title = blocks[0].text if blocks and blocks[0].kind == "heading" else name
    table = None
    in_table_section = False
    for block in blocks:
        if block.kind == "heading":
            in_table_section = block.text in spec.table_sections
            if in_table_section:
                if table is None:
                    table = document.add_table(rows=0, cols=2)
                    table.style = "Table Grid"
                row = table.add_row().cells
                row[0].text = block.text
                row[1].text = ""
                continue
            table = None
            document.add_heading(block.text, level=min(block.level, 4))
        elif in_table_section and table is not None:
            cell = table.rows[-1].cells[1]
            if cell.paragraphs[0].text:
                cell.add_paragraph(block.text)
            else:
                cell.paragraphs[0].text = block.text
        elif spec.textbox and block.kind == "para" and block.text.startswith(spec.textbox):
            _textbox_run(document.add_paragraph(), block.text)
        elif block.kind == "bullet":
            document.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "number":
            document.add_paragraph(block.text, style="List Number")
        elif block.kind == "table":
            grid = document.add_table(rows=0, cols=len(block.rows[0]))
            grid.style = "Table Grid"
            for cells in block.rows:
                for target, value in zip(grid.add_row().cells, cells, strict=False):
                    target.text = value
        else:
            document.add_paragraph(block.text)
    document.save(str(out))


def build_pdf(name: str, spec: Spec, blocks: list[Block], out: Path) -> None:
    """Write ``out`` as a PDF (one or two text columns) built from ``blocks``."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(blocks[0].text if blocks else name)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    if spec.columns == 1:
        for block in blocks:
            if block.kind == "heading":
                pdf.set_font("Helvetica", "B", 15 if block.level == 1 else 12)
                pdf.multi_cell(0, 7, block.text, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1)
            else:
                pdf.set_font("Helvetica", "", 10.5)
                lead = "- " if block.kind in ("bullet", "number") else ""
                pdf.multi_cell(0, 5.5, lead + block.text, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
    else:
        title, rest = blocks[0], blocks[1:]
        pdf.set_font("Helvetica", "B", 15)
        pdf.multi_cell(0, 7, title.text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        with pdf.text_columns(
            ncols=spec.columns, gutter=8, text_align="LEFT", balance=True
        ) as cols:
            for block in rest:
                if block.kind == "heading":
                    pdf.set_font("Helvetica", "B", 11.5)
                    with cols.paragraph(top_margin=2, bottom_margin=1) as par:
                        par.write(block.text)
                else:
                    pdf.set_font("Helvetica", "", 9.5)
                    lead = "- " if block.kind in ("bullet", "number") else ""
                    with cols.paragraph(bottom_margin=2) as par:
                        par.write(lead + block.text)
    pdf.output(str(out))


def main(argv: list[str] | None = None) -> int:
    """Build every document in ``BUILD``; return 0, or 1 if a source is missing."""
    OUT.mkdir(parents=True, exist_ok=True)
    status = 0
    for name, spec in BUILD.items():
        source = SRC / f"{name}.md"
        if not source.exists():
            print(f"{source}: missing source — add it or remove it from BUILD", file=sys.stderr)
            status = 1
            continue
        blocks = read_blocks(source)
        for fmt in spec.formats:
            out = OUT / f"{name}.{fmt}"
            (build_docx if fmt == "docx" else build_pdf)(name, spec, blocks, out)
            print(out.relative_to(HERE.parent))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
