"""Build the DOCX and PDF sample policies from their Markdown-ish sources.

Usage: ``python sample_policies/build.py`` (needs python-docx and fpdf2, the test extras).
Reads ``sample_policies/sources/*.src`` and writes ``sample_policies/<name>.docx`` or
``.pdf`` next to this script; the built files are committed so the tests and the README
demo need neither library to build anything.

Source format (one file per document)::

    ---
    output: docx | pdf
    title: …            (document property)
    subject: …          (document property; policy-lint reads it for the document type)
    author: …
    ---
    # Heading 1 / ## Heading 2 / ### Heading 3
    A paragraph; consecutive lines join, a blank line ends it.
    - bullet item
    1. numbered item
    | cell | cell |       (table row; the first row of a table is its header)
    [[box]] text          (DOCX: the paragraph sits in a floating text box)
    inline {+inserted+} and {-deleted-} words (DOCX: tracked changes by "Reviewer")
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = os.path.join(HERE, "sources")
FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FIXED_DATE = dt.datetime(2025, 1, 6, 9, 0, 0, tzinfo=dt.timezone.utc)


@dataclass
class Source:
    """A parsed source: properties and blocks ``(kind, text, level)``."""

    name: str
    props: dict[str, str]
    blocks: list[tuple[str, str, int]] = field(default_factory=list)


def read_source(path: str) -> Source:
    """Parse one ``.src`` file."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    props: dict[str, str] = {}
    if text.startswith("---\n"):
        head, text = text[4:].split("\n---\n", 1)
        for line in head.splitlines():
            key, _, value = line.partition(":")
            props[key.strip()] = value.strip()
    src = Source(os.path.splitext(os.path.basename(path))[0], props)
    para: list[str] = []

    def flush() -> None:
        if para:
            src.blocks.append(("p", " ".join(para), 0))
            para.clear()

    for raw in text.splitlines():
        line = raw.strip()
        heading = re.match(r"(#{1,3}) (.+)", line)
        if not line:
            flush()
        elif heading:
            flush()
            src.blocks.append(("h", heading.group(2), len(heading.group(1))))
        elif line.startswith("- "):
            flush()
            src.blocks.append(("bullet", line[2:], 0))
        elif re.match(r"\d+\. ", line):
            flush()
            number, _, item = line.partition(" ")
            src.blocks.append(("number", item, int(number[:-1])))
        elif line.startswith("|"):
            flush()
            src.blocks.append(("row", line, 0))
        elif line.startswith("[[box]]"):
            flush()
            src.blocks.append(("box", line[7:].strip(), 0))
        else:
            para.append(line)
    flush()
    return src


def cells(row: str) -> list[str]:
    """Cells of a ``| a | b |`` row."""
    return [c.strip() for c in row.strip().strip("|").split("|")]


def accepted(text: str) -> str:
    """Text with tracked insertions kept and deletions dropped."""
    return re.sub(r"\{\+(.*?)\+\}", r"\1", re.sub(r"\{-(.*?)-\}", "", text))


def build(src: Source) -> str:
    """Write the output file for ``src`` and return its path."""
    kind = src.props.get("output", "docx")
    out = os.path.join(HERE, f"{src.name}.{kind}")
    if kind == "docx":
        from _docx_writer import write_docx

        write_docx(src, out)
    elif kind == "pdf":
        write_pdf(src, out)
    else:
        raise SystemExit(f"{src.name}: unknown output {kind!r}")
    return out


def write_pdf(src: Source, out: str) -> None:
    """Render ``src`` as a tagged-text PDF with fpdf2 (DejaVu Sans when installed)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(src.props.get("title", ""))
    pdf.set_subject(src.props.get("subject", ""))
    pdf.set_author(src.props.get("author", ""))
    pdf.set_creator("policy-lint sample_policies/build.py")
    if os.path.isfile(os.path.join(FONT_DIR, "DejaVuSans.ttf")):
        pdf.add_font("Body", "", os.path.join(FONT_DIR, "DejaVuSans.ttf"))
        pdf.add_font("Body", "B", os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf"))
        family = "Body"
    else:  # core font: Latin-1 only
        family = "Helvetica"
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    rows: list[list[str]] = []

    def flush_table() -> None:
        if not rows:
            return
        pdf.set_font(family, "", 9.5)
        with pdf.table(line_height=5.5, first_row_as_headings=True) as table:
            for r in rows:
                line = table.row()
                for cell in r:
                    line.cell(cell)
        pdf.ln(3)
        rows.clear()

    for kind, text, level in src.blocks:
        text = accepted(text)
        if kind != "row":
            flush_table()
        if kind == "h":
            pdf.ln(2)
            pdf.set_font(family, "B", {1: 17, 2: 13, 3: 11.5}[level])
            pdf.multi_cell(0, 8 if level == 1 else 6.5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "row":
            rows.append(cells(text))
        else:
            pdf.set_font(family, "", 10.5)
            prefix = {"bullet": "•  ", "number": f"{level}.  "}.get(kind, "")
            indent = 6 if prefix else 0
            pdf.set_x(pdf.l_margin + indent)
            pdf.multi_cell(0, 5.6, prefix + text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.2)
    flush_table()
    pdf.output(out)


def main(argv: list[str]) -> int:
    """Build every source (or those named on the command line)."""
    sys.path.insert(0, HERE)
    names = argv or sorted(n[:-4] for n in os.listdir(SOURCES) if n.endswith(".src"))
    for name in names:
        path = build(read_source(os.path.join(SOURCES, f"{name}.src")))
        print(os.path.relpath(path))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
