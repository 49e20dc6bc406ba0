"""Hostile and broken inputs, built in code, for ``tests/test_hostile_*.py``.

Every builder returns the file's bytes; nothing is read from disk.  The OLE (Compound File
Binary, MS-CFB) and PDF (ISO 32000-1, §7.5) containers are written by hand so each test holds
exactly the structure it is about: an ``EncryptionInfo`` stream (MS-OFFCRYPTO §2.3.4), a
``WordDocument`` stream (MS-DOC), a page tree that points at itself, an array nested
100,000 deep.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile

from docx_fixtures import make_docx, nested, p
from pdf_fixtures import build, lines

GOOD_MARKDOWN = """\
---
title: Staff code of conduct
doc_type: code_of_conduct
---
# Staff code of conduct

## Racism

We recognise that racism exists in our society and in our organisation, and it is not enough
to be non-racist: we are committed to being actively anti-racist.

Racist language, jokes or behaviour will not be tolerated. Any breach will be dealt with under
the Disciplinary Procedure and may amount to gross misconduct resulting in dismissal.
"""

# ------------------------------------------------------------------ random and empty ------


def random_bytes(n: int = 4096, seed: int = 7) -> bytes:
    """``n`` reproducible random bytes (no magic number by construction: first byte 0x01)."""
    return b"\x01" + random.Random(seed).randbytes(n - 1)


# ------------------------------------------------------------------ OLE / CFB -------------

_END, _FREE, _FATSECT, _NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def _dir_entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
    raw = name.encode("utf-16-le") + b"\x00\x00"
    return (
        raw.ljust(64, b"\x00")
        + struct.pack("<HBB", len(raw), kind, 1)  # length in bytes with NUL, type, black
        + struct.pack("<III", _NOSTREAM, right, child)  # left, right sibling, child
        + b"\x00" * 16  # CLSID
        + b"\x00" * 4  # state bits
        + b"\x00" * 16  # creation, modification time
        + struct.pack("<IQ", start, size)
    )


def ole(streams: list[tuple[str, bytes]]) -> bytes:
    """A version-3 Compound File with up to three streams of ≥ 4,096 bytes each.

    Streams of at least the mini-stream cutoff live in ordinary 512-byte sectors, so no mini
    FAT is needed.  Sector 0 is the FAT, sector 1 the directory, then each stream in turn.
    Sibling order follows MS-CFB §2.6.4 (shorter names first), as a chain of right siblings.
    """
    assert 1 <= len(streams) <= 3
    streams = sorted(streams, key=lambda s: (len(s[0]), s[0].upper()))
    fat = [_FATSECT, _END]
    starts = []
    body = b""
    for _, data in streams:
        data = data.ljust(max(4096, -(-len(data) // 512) * 512), b"\x00")
        n = len(data) // 512
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(n - 1)] + [_END]
        body += data
    assert len(fat) <= 128
    fat += [_FREE] * (128 - len(fat))
    entries = _dir_entry("Root Entry", 5, 1, _NOSTREAM, _END, 0)
    for i, (name, data) in enumerate(streams):
        right = i + 2 if i + 1 < len(streams) else _NOSTREAM
        entries += _dir_entry(name, 2, _NOSTREAM, right, starts[i], len(data))
    entries = entries.ljust(512, b"\x00")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<109I", 0, *([_FREE] * 108))
    )
    assert len(header) == 512
    return header + struct.pack("<128I", *fat) + entries + body


def encrypted_docx() -> bytes:
    """What Word writes for a password-protected .docx: an OLE file, not a zip (agile 4.4)."""
    info = b"\x04\x00\x04\x00\x40\x00\x00\x00" + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
        b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
        b'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" '
        b'saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>'
    )
    package = struct.pack("<Q", 4096) + random.Random(3).randbytes(4096)
    return ole([("EncryptionInfo", info), ("EncryptedPackage", package)])


def legacy_doc() -> bytes:
    """A Word 97-2003 file: an OLE container with ``WordDocument`` and ``1Table`` streams."""
    fib = struct.pack("<HH", 0xA5EC, 0xC1) + b"\x00" * 4092  # FIB magic wIdent, nFib
    return ole([("WordDocument", fib), ("1Table", b"\x00" * 4096)])


# ------------------------------------------------------------------ zips -----------------


def odt() -> bytes:
    """An OpenDocument text file (what LibreOffice saves), to be misnamed ``.docx``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
            'office:1.0"><office:body><office:text/></office:body></office:document-content>',
        )
    return buf.getvalue()


def good_docx() -> bytes:
    """A small valid DOCX with one policy sentence."""
    return make_docx(p("Staff must report every racist incident to their line manager."))


def truncated(data: bytes, keep: float = 0.5) -> bytes:
    """The first ``keep`` share of ``data`` (a download cut short)."""
    return data[: int(len(data) * keep)]


def zip_bomb(inflated: int) -> bytes:
    """A DOCX whose ``word/document.xml`` really inflates to ``inflated`` bytes (deflate of
    one repeated byte: ~1,000:1)."""
    buf = io.BytesIO()
    valid = zipfile.ZipFile(io.BytesIO(good_docx()))
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in valid.infolist():
            if info.filename != "word/document.xml":
                zf.writestr(info.filename, valid.read(info))
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            block = b" " * (1 << 20)
            for _ in range(inflated // len(block)):
                fh.write(block)
            fh.write(b" " * (inflated % len(block)))
    return buf.getvalue()


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE w:document ['
    '<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def xxe(target: str, encoding: str = "utf-8") -> bytes:
    """A ``document.xml`` whose text is an external entity naming a local file."""
    xml = (
        f'<?xml version="1.0" encoding="{encoding}"?>'
        f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file://{target}">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Leak: &secret;</w:t></w:r></w:p></w:body></w:document>"
    )
    return xml.encode(encoding)


def entity_docx(document_xml: str | bytes) -> bytes:
    """A DOCX whose whole ``word/document.xml`` is ``document_xml``."""
    raw = document_xml.decode("latin-1") if isinstance(document_xml, bytes) else document_xml
    if isinstance(document_xml, bytes):
        buf = io.BytesIO()
        valid = zipfile.ZipFile(io.BytesIO(good_docx()))
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for info in valid.infolist():
                data = document_xml if info.filename == "word/document.xml" else valid.read(info)
                zf.writestr(info.filename, data)
        return buf.getvalue()
    return make_docx("", document=raw)


def nested_tables_docx(depth: int = 5000) -> bytes:
    """``depth`` tables nested one inside another."""
    return make_docx(nested(depth))


# ------------------------------------------------------------------ PDFs -----------------


def pdf_from_objects(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF file from object bodies (object ``i + 1`` is ``objects[i]``) with a correct
    cross-reference table (ISO 32000-1 §7.5.4)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (
        b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, root, trailer_extra, xref)
    )
    return bytes(out)


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _stream(content: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def cyclic_pdf() -> bytes:
    """A page tree whose ``/Kids`` holds itself and a page whose ``/Parent`` chain loops;
    the one real page says a sentence."""
    text = b"BT /F1 12 Tf 72 720 Td (Staff must report racist incidents.) Tj ET"
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 /Parent 2 0 R >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> /Self 6 0 R >> >>",
            _stream(text),
            _FONT,
            b"<< /Loop 7 0 R >>",
            b"<< /Loop 6 0 R >>",
        ]
    )


def deep_pdf(depth: int = 100_000) -> bytes:
    """A one-page PDF whose resources and info dictionary hold arrays and dictionaries
    nested ``depth`` deep."""
    deep_array = b"[" * depth + b"]" * depth
    deep_dict = b"<< /A " * depth + b"0" + b" >>" * depth
    text = b"BT /F1 12 Tf 72 720 Td (Staff must report racist incidents.) Tj ET"
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R /Deep 6 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> /X " + deep_array + b" >> >>",
            _stream(text),
            _FONT,
            deep_dict,
            b"<< /Title " + deep_array + b" >>",
        ],
        trailer_extra=b"/Info 7 0 R ",
    )


def blank_pages_pdf(pages: int = 2000) -> bytes:
    """``pages`` blank pages (one shared empty content stream): no text layer at all."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _stream(b""),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>"] * pages
    return pdf_from_objects(objects)


def no_text_pdf() -> bytes:
    """A scanned-looking page: drawn shapes, no text."""
    return build([[]], extra=lambda c, _n: c.rect(72, 72, 400, 600, fill=1))


def good_pdf() -> bytes:
    """A one-page PDF with a heading and a policy sentence."""
    return build([lines(72, 760, ["Reporting racism", "Staff must report racist incidents."])])


def encrypted_pdf() -> bytes:
    """A PDF that needs a user password to open."""
    return build([lines(72, 760, ["Secret policy."])], encrypt="user-password")


# ------------------------------------------------------------------ Markdown / text -------


def deep_markdown(levels: int = 10_000, marker: str = "> ") -> str:
    """One line nested ``levels`` deep (``"> "`` quotes, ``"- "`` list items)."""
    return marker * levels + "Staff must report racism.\n"


def deep_list_markdown(levels: int = 10_000) -> str:
    """A list nested ``levels`` deep, one item per line, each indented under the last."""
    return "".join("  " * i + "- item\n" for i in range(levels))


#: One section of ``big_markdown``: a heading, two sentences, two list items (5 sentences).
SECTION = (
    b"## Reporting\n\nStaff must report every racist incident to their manager within "
    b"24 hours. The manager will record it and tell the equality lead.\n\n"
    b"- Incidents are reviewed each quarter.\n- Patterns are reported to the board.\n\n"
)


def big_markdown(size: int) -> bytes:
    """``"# Policy"`` and ``size // len(SECTION) + 1`` copies of ``SECTION``."""
    return b"# Policy\n\n" + SECTION * (size // len(SECTION) + 1)


def self_reference_pdf() -> bytes:
    """A page whose ``/Contents`` is an object that is a reference to itself
    (``4 0 obj 4 0 R endobj``): pdfminer's ``resolve1`` follows it for ever (found by
    ``fuzz/fuzz_pdf.py``)."""
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"4 0 R",
        ]
    )


#: Inputs found by ``fuzz/fuzz_pdf.py`` (first byte: engine, odd = pdfplumber; the rest is
#: the file), base64.  Each broke pdfplumber's page-count with a non-``DocumentError``.
FUZZ_PDF: dict[str, str] = {
    "type-error": (
        "ASVQREYtMS4zCiWTZW5FbnMvdW9jb2RpbmcgL1dpbkFuc3BlMSAvVHlwZSAvRm9udAo+AQAAAAAAAAcKMyAwIG9i"
        "ago8PAovQ29udGVudHMgNyAwIFIgL01lJGlhQm94IFsgMCAwIDU5NS4yNzU2IDg0MS44ODk4IF0gL1BhcmVudCA2"
        "IDAgUiAvUmVzb3VyY2VzIDw8Ci9Gb250IDEgMCBSIC9Qcm9jU2V0IFsgL1BERiAvVGV4dBMTExMTExMTExMTExMT"
        "EyAvSW1hZ2VCIC9JbWFnZUMgL0ltYWdlSSBdCj4+IC9Sb3RhdGUgMCAvVHJhbnEgPDwKCj4+IAogIC9UeXBlIC9Q"
        "YWdlCj4+CmVuZG9iagowMDQwMiAwMDAwMDA3OTAgMDAwMDAgbiAKdHJhaWxlcgo8PAovSUQgClv/////////////"
        "//////////////////88MDI5OGFkMTbvYTI3YzczODYxYzJlNmU3ZTlkMWZmOTI3PjwwMjk4YWQxNmEyN2M3Mzg2"
        "MWMyZTZlN2U5ZDFmZjkyNz5dEwAAAAAAAAB0TGFiIGdlbmVyYXRlZCBQREYgZG9jdW1lbnQgLSAAAAAAAAAAAAAA"
        "AAAAAAAAAAAwIFIKL1Jvb3QgNCAwIFIKL1NpemUgOAo+PgpzdGFydHhyZWYKMTAzMQolJUVPRgo="
    ),
    "malformed-mediabox": (
        "ASVQREYtMS4zCiWTjIueIFJlcG9ydExhYiBHdAo+PgplbmRvYmoKMyAwIG9iago8PAovQ29udGVudHMgNyAwIFIg"
        "L01lZGlhQm94IFsgMCAwIDU5NS4iNzU2IDg0MS44ODk4IF0gL1BhcmVudCA2IDAgUiAvUmVzb3VyY2VzIDw8Ci1G"
        "b250IDIgMCBSIC9Qcm9jU2V0IFsgL1BERiAvVGV4dCAvSW1hZ2VCIC9JbWFnZUMgL0ltYWdlSSBdCj4+IC9Sb3Rh"
        "dGUgMCAvVHJhbnMgPDwKCj4+IAogIC9UeXBlIC9QYWdlCj4+CmVuZG9iago0IDAgb2JqCjw8Ci9QYWdlTW9kZSAv"
        "VXNlTm9uZSAvUGFnZXMgNiAwIFIgL1R5cGUgL0NhdGFsb2cKPj4KZW5kb2JqCjYgY2VcKSkgKHVuc3BlY2lmaWVk"
        "KSAvVGl0bGUgKHVudGl0bGVkKSAvVHJhcHBlZCAvRmFsc2UKPj4KZW5kb2JqCjkgMCBvYpD1PDwKL0NvdW50IDEg"
        "L2VuZG9iago3IDAgb2JqCjw8Ci9GaWx0ZXIgWyAvQVNDSUk4NURlY29kZSAvRmxhdGVEZWNvZGUgXSAvTGVuZ3Ro"
        "IDE1MQo+PgpzdHJlYW0KR2F0JkNZbVM/JSdTWU1aOltzTHMrbmlxJm1YZTMpbEAiNF1OKVlV////////////////"
        "////////////////////////////////////////////////////////////////////////////////////////"
        "/////////yopVzBFYi5kXFxqY0w7QDo6c0c0JTZcKEFAXC1RUEBPI1oxSFFFcQEBAQEBAQEBAQEBAQEBAQEBAQEB"
        "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB"
        "AQEBAQEBAQEBAQEBAQEBAUBBMCJFJ2A/K1ZYVUBxazM4JUlEWyRoOzU/JmBvaW9GJioiP3JvUlpIMFlbIWEkQ1sv"
        "U1xJJjk8VWpvViEyOEZaa2ZtNF1Sfj5lbmRzdHJlYW0KZW5kb2JqCnhyZWYKMCA4CjAwMDAw0NgwMDAgNjU1MzUg"
        "ZiAKMDAwMDAwMDAwMDQ3MCAwMDAgCnRyYWlsZXIKPDwKL0lEIApbPDAyOThhZDE2ZjIxNmMyZTZlN2U5ZDFmZjky"
        "Nz5dCiUgUmVwb3J0TGFiIGdlbmVyYXRlZCBQREYgZG9jdW1lbnQgLS0gZGlnZXN0ICkKSW4vCmZvIDUgMCBSCi9S"
        "b290IDQgMCBSCi9TaXplIDgKPj4Kc3RhcnR4cmVmCjEwMzEKJSVFT0YK"
    ),
    "index-error": (
        "ASVQREYtMS4zCiWTjIueIFJlcG9ydExhYiBHZW5lcmF0ZGluZyAvTmFtZSAvRjEgL1N1YnR5cGUgL1R5cGUxIC9U"
        "eXBlIC9Gb250Cj4+CmVuZG9iagozIDAgb2JqCjw8Ci9Db250ZW50cyA3IDAgUiAvTWVkaWFCb3ggWyAgOTAgNTUw"
        "LjI3NTYgODQxLjg4OTggXSAvUGFyZW50IDYgMCBSIC9SZXNvdXJjZXMgPDwKLUZvbnQgMSAwIFIgL1Byb2NTZXQg"
        "WyAvUERGIC9UZXh0IC9JbWVDID9JbWFnZUkgXQo+PiAvUm90YXRlIDAgL1RyYW5zIDw8Cgo+PiAKICAvVHlwZSAv"
        "UGFnZQo+PgplbjMgMCBSIF0gL1R5cGUgL1BhZ2VzCj4+CmVuZG9iago3IDAgb2JqCjw8Ci9GaWx0ZXIgWyAvQVND"
        "SUk4NURlY29kZSAvRmxhdGVEZWNvZGUgXSAvTGVuZ3RoIDE1MQo+PgpzdHJlYW0KR2F0JkNZbVM/JSdTWU1aOltz"
        "THMrbmlxJm1YZTMpbEAiNF1OKVlVKilXMEViLmRcXGpjTDtAOjpzRzQlNlwoQUBcLVFQQE8jWjFIUUVxQEEwIkUn"
        "YD8rVlhVQHFrMzglSUQkW2g7NT8mYG9pb0YmKiI/cm9SWkExWVshYSRDWy9TXEkmODxVam9WITI4RlprZm00XVJ+"
        "PmVuZHN0cmVhbQplbmRvYmoKeHJlZgowIDgKMDAwMDAwMDAwMCA2NTUzNSBmIAowMDAwMDAwMDYxIDAwMDAwMDAw"
        "MDAgbiAKdHJhaWxlcgo8PAovSUQgCls8MDI5ODlkMWZmOTI3Pl0KJSBSZXBvcnRMYWIgZ2VuZXJhdGVkIFBERiBk"
        "b2N1bWVudCAtLSBkaWdlc3QgKG9wZW5zb3VyY2UpCgovSW5mbyA1IDAgUgovUm9vdCA0IDAgUgovU2l6ZSA4Cj4+"
        "CnN0YXJ0eHJlZgoxMDMxCiUlRU9GCg=="
    ),
}
#: Found by ``fuzz/fuzz_pdf.py`` (pdfplumber): two lines of a zero-size font on one baseline
#: made ``pdf_blocks._style_stats`` divide by zero.
FUZZ_PDF_LAYOUT: dict[str, str] = {
    "zero-font-size": (
        "ASVQREYtMXNvdXJjZSkKMSAwIG9iago8PAovRjEgMiAwIFIKPj4KZW5kb2JqCjIgMCBvYmoKPDwKL0Jhc2VGb250"
        "IC9IZWx2ZXRpY2EgL0VuY29kaW5nIC9XaW5BbnNpRW5jb2RpbmcgL05hbWUgL0YxIC9TdWJ0eXBlIC9UeXAgL1R5"
        "cGUgL0ZvbnQKPj4KZW5kb2JqCjMgMCBvYmoKPDwKL0NvbnRlbnRzIDcgMCBSIC9NZWRpYUJveCBbIDAgMCA1OTUu"
        "Mjc1NiA4NDEuODg5OCBdIC9QYXJlbnQgNiAwIFIgL1Jlc291cmNlcyA8PAovRm9udCAxIDAgUiAvUHL/////dCBb"
        "IC9QREYgL1RleHQgL0ltYWdlQiAvSW1hZy9JbWFnZUkgXQo+PiAvUm90YXRlIDAgL1RyYW5zIDw8Cgo+PiAKICAv"
        "VHlwZSAvUGFnZQo+PgplbmRvYmoKNODJIG9iago8YmqGhoaGhoaGhoaGhoaGhoZvdW50IDEgL0tpZHMgWyAzIDAg"
        "UiBdPj4KZW5kb2JqCjcgMCBvYmoKPDwKL0ZpbHRlciBbIC9BU0NJSTg1RGVjb2RlIC9GbGF0ZURlY29kZSBdIC9M"
        "ZW5ndGggMTUxCj4+CnN0cmVhbQpHYXQmQ1ltUz8lJ1NZTVo6W3NMcytuaXEmbVhlMylsQCI0XU4pWVUqKVcwRWIu"
        "ZFxcamNMO0A6OnNHNCU2XChBTlwtUVBATyNaMUhRRXFAQTAiRSdgPytWWFVAcWszOCVJRCRbaDs1MCZgMmlvRiYq"
        "Ij9yb1JaSDFZWyFhJENbL1NcSSY5PFVqb1YhMjhGWmtmbTVdUn4+ZW5kc3RyZWFtCmVuZG9iagp4cmVmCjAgOAow"
        "MDAwCjAwMDAwMDAwNzkwIDA6MDAwMCBuIAp0cmFpbGVyCjw8Ci9JRCAKWzwwMjlhZDE2YTI3YzczODYxYzJlNmU3"
        "ZTlkMWZmOTI3Pl0KJSBSZXBvcnRMYWIgZ2VuZXJhdGVkIFBGRCBkb2OsaWdlc3QnKG9wZW5zb3UvSW5mbxISEhIS"
        "EhISEhISEhISEhISEiA1IDAgUgovUm9vdCA0IDAgUgovU2l6ZSA4Cj4+CnN0YXJ0eHJlZgoxMDMxCiUlRU9GCg=="
    ),
}


def fuzz_pdf(name: str) -> bytes:
    """The file of fuzzer find ``name`` (engine byte dropped)."""
    import base64

    return base64.b64decode({**FUZZ_PDF, **FUZZ_PDF_LAYOUT}[name])[1:]


def future_zip_version_docx() -> bytes:
    """A DOCX whose first central-directory entry needs zip version 20.2 to extract
    (``zipfile`` raises ``NotImplementedError``; found by ``fuzz/fuzz_docx.py``)."""
    data = bytearray(good_docx())
    cd = data.index(b"PK\x01\x02")
    struct.pack_into("<H", data, cd + 6, 202)
    return bytes(data)


def damaged_header_pdf() -> bytes:
    """A PDF whose ``%PDF-`` header is damaged (``%P\\x93\\x8c…``) and which has no NUL byte:
    it was read as plain text (found by ``fuzz/fuzz_pdf.py``)."""
    good = pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        ]
    )
    return b"%P\x93\x8c" + good[8:]
