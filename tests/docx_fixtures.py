"""Build DOCX packages in code for the DOCX reader's tests.

``make_docx(body_xml, ...)`` writes a minimal but valid WordprocessingML package with every
namespace a test might use declared on the root, so tests state only the XML they care
about.  ``from_python_docx(doc)`` saves a python-docx ``Document`` to bytes, and
``replace_part`` rewrites one part of an existing package.
"""

from __future__ import annotations

import io
import struct
import zipfile
from typing import Any

from policy_lint.model import Block, Document
from policy_lint.parsers import Limits
from policy_lint.parsers import docx as reader

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "xx": "urn:example:unknown-extension",
}
XMLNS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOC_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def p(text: str, ppr: str = "") -> str:
    """A paragraph with one run holding ``text`` (XML-escaped by the caller if needed)."""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def tc(inner: str, tcpr: str = "") -> str:
    """A table cell; ``inner`` is block content (a cell needs at least one ``w:p``)."""
    return f"<w:tc>{f'<w:tcPr>{tcpr}</w:tcPr>' if tcpr else ''}{inner}</w:tc>"


def tbl(*rows: str) -> str:
    """A table of the given ``w:tr`` strings."""
    return f"<w:tbl><w:tblPr/><w:tblGrid/>{''.join(rows)}</w:tbl>"


def tr(*cells: str, trpr: str = "") -> str:
    """A table row of the given ``w:tc`` strings."""
    return f"<w:tr>{f'<w:trPr>{trpr}</w:trPr>' if trpr else ''}{''.join(cells)}</w:tr>"


def story(root: str, inner: str) -> str:
    """A header / footer / notes part: ``root`` is ``hdr``, ``ftr``, ``footnotes`` …."""
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    return f"{head}<w:{root} {XMLNS}>{inner}</w:{root}>"


def run(text: str) -> str:
    """A run holding ``text``."""
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


VML_BOX = (
    '<w:r><w:pict><v:shape><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox>'
    "</v:shape></w:pict></w:r>"
)
DML_BOX = (
    '<w:r><w:drawing><wp:anchor><a:graphic><a:graphicData uri="x"><wps:wsp><wps:txbx>'
    "<w:txbxContent>{}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>"
    "</wp:anchor></w:drawing></w:r>"
)


def alternate(choice_requires: str, choice: str, fallback: str) -> str:
    """A run with an ``mc:AlternateContent`` text box: DrawingML Choice, VML Fallback."""
    return (
        f'<w:r><mc:AlternateContent><mc:Choice Requires="{choice_requires}">'
        f"{DML_BOX.format(p(choice))[5:-6]}</mc:Choice><mc:Fallback>"
        f"{VML_BOX.format(p(fallback))[5:-6]}</mc:Fallback></mc:AlternateContent></w:r>"
    )


P05 = (
    '<w:p><w:r><w:t xml:space="preserve">Racism </w:t></w:r><w:del w:id="1" w:author="a">'
    '<w:r><w:delText xml:space="preserve">may be </w:delText></w:r></w:del>'
    '<w:ins w:id="2" w:author="a"><w:r><w:t xml:space="preserve">is not </w:t></w:r></w:ins>'
    "<w:r><w:t>tolerated.</w:t></w:r></w:p>"
)


def notes_part(root: str, tag: str, text: str) -> str:
    """A footnotes / endnotes part: two separator notes, then note 1 holding ``text``."""
    return story(root, (
        f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
        f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        f'</w:r></w:p></w:{tag}><w:{tag} w:id="1"><w:p><w:r><w:{tag}Ref/></w:r>'
        f'{run(" " + text)}</w:p></w:{tag}>'))


XXE = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       f"<w:document {XMLNS}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>")
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">'
          '<!ENTITY c "&b;&b;&b;&b;">]><Types xmlns="http://schemas.openxmlformats.org/package/'
          '2006/content-types"><Default Extension="x" ContentType="&c;"/></Types>')


def nested(depth: int) -> str:
    """``depth`` one-cell tables nested inside each other around ``Deepest``."""
    body = p("Deepest")
    for _ in range(depth):
        body = tbl(tr(tc(body)))
    return body


def lie_about_size(data: bytearray, name: str, size: int) -> None:
    """Patch a zip in place so both headers of ``name`` declare ``size`` uncompressed bytes."""
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name)
    struct.pack_into("<I", data, info.header_offset + 22, size)  # local file header
    cd = data.index(b"PK\x01\x02")
    while data[cd + 46 : cd + 46 + len(name)] != name.encode():
        cd = data.index(b"PK\x01\x02", cd + 4)
    struct.pack_into("<I", data, cd + 24, size)  # central directory header


def make_docx(
    body: str,
    *,
    parts: dict[str, str | bytes] | None = None,
    rels: dict[str, tuple[str, str]] | None = None,
    overrides: dict[str, str] | None = None,
    styles: str | None = None,
    core: dict[str, str] | None = None,
    main_type: str = DOC_MAIN,
    document: str | None = None,
) -> bytes:
    """A DOCX package as bytes.

    Args:
        body: Inner XML of ``w:body``.
        parts: Extra parts ``{name: content}`` (e.g. ``word/header1.xml``).
        rels: Extra document relationships ``{rId: (type suffix, target)}``.
        overrides: Extra content-type overrides ``{"/word/x.xml": content type}``.
        styles: Inner XML of ``w:styles`` (a styles part is written only when given).
        core: ``docProps/core.xml`` elements ``{"dc:title": "…"}``.
        main_type: The main part's content type (``.docm`` / ``.dotx`` tests change it).
        document: Whole ``word/document.xml`` text, replacing ``body``.
    """
    parts = dict(parts or {})
    rels = dict(rels or {})
    overrides = dict(overrides or {})
    if styles is not None:
        parts["word/styles.xml"] = story("styles", styles)
        rels["rIdStyles"] = ("styles", "styles.xml")
        overrides["/word/styles.xml"] = WML + "styles+xml"
    if core is not None:
        props = "".join(f"<{k}>{v}</{k}>" for k, v in core.items())
        parts["docProps/core.xml"] = (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"{props}</cp:coreProperties>"
        )
    over = "".join(f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in overrides.items())
    content_types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main_type}"/>{over}</Types>'
    )
    package_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    doc_rels = "".join(
        f'<Relationship Id="{rid}" Type="{REL}{kind}" Target="{target}"/>'
        for rid, (kind, target) in rels.items()
    )
    files: dict[str, str | bytes] = {
        "[Content_Types].xml": content_types,
        "_rels/.rels": package_rels,
        "word/document.xml": document
        or f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<w:document {XMLNS}><w:body>{body}</w:body></w:document>",
        "word/_rels/document.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org'
        f'/package/2006/relationships">{doc_rels}</Relationships>',
        **parts,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return buf.getvalue()


def from_python_docx(document: Any) -> bytes:
    """Save a python-docx ``Document`` to bytes."""
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def replace_part(data: bytes, name: str, content: str | bytes) -> bytes:
    """Return ``data`` (a zip) with part ``name`` replaced or added."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            if info.filename != name:
                zf.writestr(info, src.read(info.filename))
        zf.writestr(name, content)
    return buf.getvalue()


def read(data: bytes, limits: Limits | None = None, path: str = "t.docx") -> Document:
    """Run the DOCX reader on bytes."""
    return reader.parse(path, data, limits or Limits())


def blocks(doc: Document) -> list[Block]:
    """Every block in reading order."""
    return [block for _, block in doc.blocks()]


def texts(doc: Document) -> list[str]:
    """Every block's text, in reading order."""
    return [block.text for block in blocks(doc)]


def where(block: Block) -> tuple[str, int | None, int | None, int | None, int | None]:
    """``(container, paragraph, table, row, col)`` of a block's span."""
    s = block.span
    return (s.container, s.paragraph, s.table, s.row, s.col)
