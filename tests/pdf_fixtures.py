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
    """Register DejaVu Sans with reportlab and return its name."""
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
