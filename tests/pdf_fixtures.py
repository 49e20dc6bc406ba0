"""PDF builders for the PDF reader's tests (reportlab, drawn at exact positions)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
WIDTH, HEIGHT = A4

#: One drawn string: (x, y from the bottom, text, font, size).
Draw = tuple[float, float, str, str, float]


def build(
    pages: Sequence[Sequence[Draw]],
    title: str | None = None,
    encrypt: str | None = None,
    extra: Callable[[canvas.Canvas, int], None] | None = None,
) -> bytes:
    """A PDF with the given strings on each page (and optional drawing callback)."""
    buf = io.BytesIO()
    kwargs: dict[str, object] = {"pagesize": A4}
    if encrypt:
        from reportlab.lib import pdfencrypt

        kwargs["encrypt"] = pdfencrypt.StandardEncryption(encrypt, "owner", canCopy=0)
    c = canvas.Canvas(buf, **kwargs)  # type: ignore[arg-type]
    if title:
        c.setTitle(title)
        c.setAuthor("Equality Team")
    for number, page in enumerate(pages):
        for x, y, text, font, size in page:
            c.setFont(font, size)
            c.drawString(x, y, text)
        if extra:
            extra(c, number)
        c.showPage()
    c.save()
    return buf.getvalue()


def lines(
    x: float,
    y: float,
    texts: Sequence[str],
    size: float = 11,
    lead: float = 14,
    font: str = "Helvetica",
) -> list[Draw]:
    """Strings one under another from baseline ``y`` down, ``lead`` points apart."""
    return [(x, y - i * lead, t, font, size) for i, t in enumerate(texts)]


def register_dejavu() -> str:
    """Register DejaVu Sans with reportlab and return its name (skip the test without it)."""
    if not DEJAVU.exists():
        import pytest

        pytest.skip("DejaVu Sans is not installed (apt-get install fonts-dejavu-core)")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    return "DejaVu"


def write(tmp: Path, name: str, data: bytes) -> str:
    path = tmp / name
    path.write_bytes(data)
    return str(path)


def many_pages(n: int) -> bytes:
    """An n-page policy: running head, page number, 45 lines of prose per page."""
    words = (
        "the council will not tolerate racism and all staff must report discrimination "
        "to their manager who will act promptly"
    ).split()
    pages = []
    for p in range(n):
        texts = [
            " ".join(words[(i * 3 + p + k) % len(words)] for k in range(14)).capitalize() + "."
            for i in range(45)
        ]
        pages.append(
            [
                (72.0, 800.0, "Anti-racism policy 2025", "Helvetica", 9.0),
                (290.0, 40.0, f"Page {p + 1}", "Helvetica", 9.0),
            ]
            + lines(72, 770, texts, lead=15)
        )
    return build(pages, title="Bench")


# ---------------------------------------------------- the documents the tests read -------

H = "Helvetica"


def simple() -> bytes:
    return build(
        [
            lines(
                72,
                760,
                [
                    "Racism of any kind is not tolerated at the council.",
                    "Staff must report incidents to their manager.",
                ],
            )
            + lines(72, 700, ["All reports are recorded and reviewed each month."])
        ]
    )


def two_columns() -> bytes:  # PITFALLS P29
    left = lines(
        60, 700, ["Racism is not tolerated and", "will lead to disciplinary action."], size=12
    )
    right = lines(330, 700, ["Training is offered to all", "staff every year."], size=12)
    return build([left + right])


def hyphenation() -> bytes:  # PITFALLS P28
    return build(
        [
            lines(
                72,
                700,
                ["Breaches lead to disci-", "plinary action and anti-", "racism training."],
                size=12,
            )
        ]
    )


def ligatures() -> bytes:  # PITFALLS P27
    font = register_dejavu()
    return build([[(72, 700, "The of\ufb01cer will \ufb01le a report", font, 12)]])


def running_heads() -> bytes:
    pages = []
    bodies = [
        ["This policy applies to all staff.", "Staff who witness racist"],
        ["abuse must report it the same day.", "Managers act within five days."],
        ["Reports are reviewed every month."],
    ]
    for n, body in enumerate(bodies, 1):
        pages.append(
            [(72, 800, "Anti-Racism Policy", H, 9), (72, 780, "Version 3", H, 9)]
            + lines(72, 700 if n > 1 else 120, body)
            + [(280, 40, f"Page {n} of 3", H, 9)]
        )
    return build(pages)


def headings() -> bytes:
    return build(
        [
            [(72, 760, "Anti-Racism Policy", H, 20)]
            + [(72, 730, "Reporting racism", H, 14)]
            + lines(72, 710, ["Staff report racist incidents to a manager."])
            + [(72, 680, "Sanctions", "Helvetica-Bold", 11)]
            + lines(72, 664, ["Racist conduct is gross misconduct."])
        ]
    )


def fake_bold() -> bytes:  # PITFALLS P30
    return build(
        [
            [(72, 700, "Zero tolerance", H, 12), (72.4, 700, "Zero tolerance", H, 12)]
            + lines(72, 670, ["Racist remarks are never acceptable here."])
        ]
    )


def letter_spaced() -> bytes:  # PITFALLS P32
    def spaced(c: object, _n: int) -> None:
        t = c.beginText(72, 700)  # type: ignore[attr-defined]
        t.setFont(H, 12)
        t.setCharSpace(3.5)
        t.textLine("Racism is not tolerated.")
        c.drawText(t)  # type: ignore[attr-defined]

    return build([[]], extra=spaced)


def titled() -> bytes:
    return build([lines(72, 700, ["Racism is not tolerated."])], title="Anti-Racism Policy")


def raw_pdf(objects: Sequence[bytes]) -> bytes:
    """A PDF written object by object (``objects[i]`` is object ``i + 1``), with an xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def type3_without_tounicode() -> bytes:  # PITFALLS P33: hand-written, no /ToUnicode
    glyph = _stream(b"0 0 0 0 0 0 d1 0 0 500 700 re f")
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(b"BT /F1 12 Tf 72 700 Td <0102030401020304> Tj ET"),
            b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 700] "
            b"/FontMatrix [0.001 0 0 0.001 0 0]"
            b" /CharProcs << /g1 6 0 R /g2 6 0 R /g3 6 0 R /g4 6 0 R >>"
            b" /Encoding << /Type /Encoding /Differences [1 /g1 /g2 /g3 /g4] >>"
            b" /FirstChar 1 /LastChar 4 /Widths [500 500 500 500] >>",
            glyph,
        ]
    )


def page_tree_holding_itself() -> bytes:
    """Two /Kids: a real page, and the page tree itself (PDFium cannot load the second)."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(b"BT /F1 12 Tf 72 720 Td (Racist abuse is always reported.) Tj ET"),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def plain_headings() -> bytes:
    body = lines(
        72,
        700,
        [
            "Who Must Follow This Policy",
            "Every member of staff and every contractor must follow this policy at",
            "all times, on site and online, whatever their role or grade.",
        ],
    )
    return build([body + lines(72, 640, ["Racist abuse is reported to the head teacher."])])


def footnote_mark() -> bytes:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    first = "Staff should act on concerns early."
    x = 72 + stringWidth(first, H, 12)
    return build(
        [
            [
                (72, 700, first, H, 12),
                (x + 1, 704, "4", H, 7),
                (x + 6, 700, " Early help means support at once.", H, 12),
            ]
        ]
    )


def bullets() -> bytes:
    font = register_dejavu()  # the standard Helvetica bullet has no Unicode map in pdfminer
    items = ["Report racist incidents to a manager.", "Record every incident the same day."]
    page = [(72, 700, "Staff must:", H, 11)]
    for i, text in enumerate(items):
        page += [(80, 680 - 16 * i, "\u2022", font, 11), (100, 680 - 16 * i, text, H, 11)]
    return build([page])


BUILDERS = [
    simple,
    two_columns,
    hyphenation,
    ligatures,
    running_heads,
    headings,
    fake_bold,
    letter_spaced,
    titled,
    plain_headings,
    footnote_mark,
    bullets,
]


def sideways_margin() -> bytes:
    """Body text with a rotated label up the left margin (as in Apple's code of conduct)."""

    def label(c: canvas.Canvas, _n: int) -> None:
        c.saveState()
        c.translate(30, 300)
        c.rotate(90)
        c.setFont(H, 9)
        c.drawString(0, 0, "Supplier Responsibility Standards")
        c.restoreState()

    body = lines(72, 700, ["Racism is never tolerated at any site.", "Report it at once."])
    return build([body], extra=label)


BUILDERS.append(sideways_margin)


# ------------------------------------- printed Word comment balloons (PITFALLS P13) -------

_REPORTED = ["Racist abuse by a member of staff is reported to the head", "teacher at once."]


def _balloon(y: float, texts: Sequence[str]) -> list[Draw]:
    """A comment balloon's lines: 8 pt, 9.6 pt apart, left edge at x = 430 (right margin)."""
    return lines(430, y, texts, size=8, lead=9.6)


def comment_balloons(markup: bool = True) -> bytes:
    """Two paragraphs, each with a comment balloon beside it (two lines, then three).

    The balloons' lines stand level with no body row, so both engines read them as a right
    column; "will lead to dismissal …" is the text a reader must not take for policy.
    """
    body = lines(72, 760, _REPORTED) + lines(
        72, 718, ["Pupils who are targeted are offered support by a member", "of staff they trust."]
    )
    dl1 = _balloon(760, ["Commented [DL1]: Add that it", "will lead to dismissal."])
    dl2 = ["Commented [DL2]: Racist abuse", "will lead to dismissal under the"]
    dl2 += ["Disciplinary Procedure."]
    return build([body + (dl1 + _balloon(718, dl2) if markup else [])])


def short_balloon(markup: bool = True) -> bytes:
    """A two-line balloon too short to read as a column: its second line is a row of its own
    between two body rows."""
    body = lines(72, 760, [_REPORTED[0], "teacher at once and is always investigated."])
    body += lines(72, 732, ["Pupils are told how the matter ends."])
    note = _balloon(760, ["Commented [DL1]: Say that", "dismissal follows."])
    return build([body + (note if markup else [])])


def merged_balloon() -> bytes:
    """A balloon label drawn just after a body line 7 pt from its baseline: PDFium reads the
    two as one line ("… learners. Commented [DL1]:"); its wrapped lines follow apart."""
    body = lines(72, 760, ["Staff build an environment where children become"])
    body += lines(72, 746, ["more confident learners."])
    note = _balloon(753, ["Commented [DL1]:", "Say which environment", "is meant."])
    return build([body + note + lines(72, 700, ["Racist abuse is always reported."])])


def margin_note_without_balloon() -> bytes:
    """Page 1: a comment balloon; page 2: the same body with a note in the margin that is
    the document's own (no "Commented [" label), so it is read."""
    page1 = lines(72, 760, _REPORTED)
    page2 = page1 + _balloon(757, ["Contact: the head teacher.", "Abuse leads to dismissal."])
    page1 += _balloon(760, ["Commented [DL1]: Add that it", "will lead to dismissal."])
    return build([page1, page2])


BUILDERS += [comment_balloons, short_balloon, merged_balloon, margin_note_without_balloon]
