"""Read a PDF into the document model.

``parse`` opens the file with one of two engines (``pdf_engines``: pypdfium2, the default,
or pdfplumber), checks each page's text layer (empty → scanned, ``(cid:N)`` / control
characters → undecodable font, PITFALLS P33/P34), runs the shared layout stage
(``pdf_layout``: reading order, running heads, clean-up) and groups lines into blocks
(``pdf_blocks``).  Spans: ``page`` (1-based) and ``line`` (1-based, on that page, in reading
order); a sentence running over a line or page break gets its first line.  Every engine
failure becomes a one-line ``DocumentError`` (P35, P43, P44).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ..errors import DocumentError
from ..model import Document, SourceSpan, new_span
from ..text.titles import tidy_title
from . import Limits
from ._build import DocumentBuilder, Locator
from .pdf_blocks import PdfBlock, group_blocks
from .pdf_engines import PageText, pdfium_pages
from .pdf_layout import RunningHeads, reading_order, repair_broken, vocabulary
from .pdf_plumber import plumber_pages

ENGINES = ("pypdfium2", "pdfplumber")
_CID = re.compile(r"\(cid:\d+\)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")
_META = {"Title": "title", "Author": "author", "Subject": "subject", "Keywords": "keywords"}
#: Values some generators write when the author set none (reportlab's defaults).
ENCRYPTED = "password-protected PDF — remove the password and save again"


def page_quality(page: PageText) -> str:
    """Judge a page's text layer.

    Returns:
        ``"scanned"`` (no text but an image or drawing: needs OCR), ``"blank"`` (no text, no
        picture), ``"garbled"`` (over 30 % ``(cid:N)`` / control characters) or ``"ok"``.
    """
    text = "".join(x.text for x in page.lines)
    solid = len("".join(text.split()))
    if solid < 3:
        return "scanned" if page.pictures else "blank"
    bad = sum(len(m) for m in _CID.findall(text)) + len(_CONTROL.findall(text))
    return "garbled" if bad and bad > 0.3 * solid else "ok"


def _open(path: str, data: bytes, engine: str) -> tuple[Any, int, dict[str, str]]:
    """Open with ``engine``; return the handle, the page count and the info dict."""
    if engine == "pdfplumber":
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
        from pdfplumber.utils.exceptions import PdfminerException

        try:
            pdf = pdfplumber.open(_bytes_io(data))
        except PdfminerException as exc:
            if isinstance(exc.args[0] if exc.args else None, PDFPasswordIncorrect):
                raise DocumentError(path, ENCRYPTED, "encrypted") from None
            raise DocumentError(path, f"corrupt or not a PDF ({_reason(exc)})", "corrupt") from None
        except (RecursionError, MemoryError):
            raise
        except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on bad input
            raise DocumentError(path, f"corrupt or not a PDF ({_reason(exc)})", "corrupt") from None
        try:
            meta = {k: _as_str(v) for k, v in (pdf.metadata or {}).items()}
            return pdf, len(pdf.pages), meta
        except (RecursionError, MemoryError):
            _close_quietly(pdf)
            raise
        except Exception as exc:  # noqa: BLE001 - e.g. MalformedPDFException from a bad page tree
            _close_quietly(pdf)
            raise DocumentError(path, f"corrupt or not a PDF ({_reason(exc)})", "corrupt") from None
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentError(path, ENCRYPTED, "encrypted") from None
        raise DocumentError(path, f"corrupt or not a PDF ({_reason(exc)})", "corrupt") from None
    try:
        meta = {k: v for k, v in pdf.get_metadata_dict(skip_empty=True).items() if v}
    except pdfium.PdfiumError:
        meta = {}
    return pdf, len(pdf), meta


def _close_quietly(pdf: Any) -> None:
    """Close a pdfplumber PDF, ignoring errors.

    With a broken page tree pdfplumber's ``close`` walks the pages again and raises the same
    error as before (fuzzer find); the document is already being reported as corrupt.
    """
    try:
        pdf.close()
    except Exception:  # noqa: BLE001 - already reporting the document as corrupt
        pass


def _bytes_io(data: bytes) -> Any:
    from io import BytesIO

    return BytesIO(data)


def _as_str(value: object) -> str:
    if isinstance(value, bytes):
        bom = value[:2] in (b"\xfe\xff", b"\xff\xfe")
        return value.decode("utf-16" if bom else "latin-1", "replace")
    return str(value)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:100]


def _pages(path: str, pdf: Any, engine: str) -> Iterator[PageText]:
    source = plumber_pages(pdf) if engine == "pdfplumber" else pdfium_pages(pdf)
    number = 0
    while True:
        try:
            page = next(source)
        except StopIteration:
            return
        except RecursionError:
            raise DocumentError(
                path,
                f"page {number + 1} unreadable (recursion too deep) — is it corrupt?",
                "corrupt",
            ) from None
        except DocumentError:
            raise
        except Exception as exc:  # noqa: BLE001 - engines raise many kinds (PSEOF, PdfiumError …)
            raise DocumentError(
                path, f"page {number + 1}: corrupt or not a PDF ({_reason(exc)})", "corrupt"
            ) from None
        number = page.number
        yield page


def _span_locator(path: str, block: PdfBlock) -> Locator:
    def locate(start: int, end: int) -> SourceSpan:
        page, line = block.locate(start)
        end_page, end_line = block.locate(max(start, end - 1))
        end_line_or_none = end_line if end_page == page else None
        return new_span(
            path, page, None, line, None, end_line_or_none, None, "body", None, None, None, None
        )

    return locate


def _pages_text(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


def parse(
    path: str, data: bytes, limits: Limits, pdf_engine: str = "pypdfium2", **options: object
) -> Document:
    """Read a PDF file's text into a ``Document`` (format ``pdf``, ``pages`` = page count).

    Args:
        path: The file's path as given (used in spans and errors).
        data: The whole file.
        limits: ``max_pages`` bounds the pages read.
        pdf_engine: ``"pypdfium2"`` (fast, default) or ``"pdfplumber"``.
        **options: Ignored (other readers' options).

    Returns:
        The document; metadata ``title``, ``author``, ``subject``, ``keywords`` from the PDF
        info dictionary when set; a warning for pages without a text layer.

    Raises:
        DocumentError: ``encrypted``, ``no-text-layer``, ``garbled-text``, ``corrupt``,
            ``too-large``; ``internal`` for an unknown engine name.
    """
    if pdf_engine not in ENGINES:
        raise DocumentError(
            path,
            f"unknown PDF engine {pdf_engine!r} — use one of {', '.join(ENGINES)}",
            "internal",
        )
    pdf, count, meta = _open(path, data, pdf_engine)
    try:
        if count > limits.max_pages:
            raise DocumentError(
                path,
                f"PDF has {count} pages, over the {limits.max_pages}-page limit — split "
                "it or raise the limit",
                "too-large",
            )
        if count == 0:
            raise DocumentError(path, "PDF has no pages — nothing to check", "empty")
        heads = RunningHeads()  # each page's lines become body lines as it is read
        empty: list[int] = []
        blank: list[int] = []
        garbled: list[int] = []
        unreadable: dict[str, list[int]] = {}
        for page in _pages(path, pdf, pdf_engine):
            if page.problem:
                unreadable.setdefault(page.problem, []).append(page.number)
                continue
            quality = page_quality(page)
            if quality == "ok":
                heads.add(page.number, page.height, reading_order(page.lines))
            else:
                {"scanned": empty, "blank": blank, "garbled": garbled}[quality].append(page.number)
    finally:
        pdf.close()
    if not heads.pages and not garbled:
        empty += blank
    if not heads.pages and unreadable and not empty and not garbled:
        reason = next(iter(unreadable))
        raise DocumentError(path, f"no page could be read ({reason}) — is it corrupt?", "corrupt")
    document = _build(path, count, meta, heads, sorted(empty), garbled)
    notes = [
        f"page(s) {_pages_text(numbers)} could not be read ({reason}) — skipped"
        for reason, numbers in unreadable.items()
    ]
    if b"%%EOF" not in data[-2048:]:
        notes.append(
            "no %%EOF at the end: the file may be truncated — text may be missing; save or "
            "download it again"
        )
    if notes:
        document = replace(document, warnings=(*document.warnings, *notes))
    return document


def _build(
    path: str,
    count: int,
    meta: dict[str, str],
    heads: RunningHeads,
    empty: list[int],
    garbled: list[int],
) -> Document:
    if not heads.pages or len(empty) * 2 > count or len(garbled) * 2 > count - len(empty):
        if garbled and len(garbled) >= len(empty):
            raise DocumentError(
                path,
                f"text layer not decodable on {len(garbled)} of {count} pages (font "
                "without a Unicode map: (cid:N) or control characters) — run OCR first",
                "garbled-text",
            )
        raise DocumentError(
            path,
            f"no text layer on {len(empty)} of {count} pages — scanned? run OCR first",
            "no-text-layer",
        )
    builder = DocumentBuilder(path, "pdf", lazy=False)  # a lazy block would hold its line table
    for key, name in _META.items():
        value = tidy_title(str(meta.get(key, "")))  # "(anonymous)", "Untitled" … say nothing
        if value:
            builder.metadata[name] = value
    if empty:
        builder.warn(f"no text layer on page(s) {_pages_text(empty)} — scanned? run OCR first")
    if garbled:
        builder.warn(f"text not decodable on page(s) {_pages_text(garbled)} — skipped; OCR them")
    body, _ = heads.body()
    needs_vocab = any(
        bl.text.endswith("-") or "\ufffd" in bl.text or "\x00" in bl.text for bl in body
    )
    vocab = vocabulary(body) if needs_vocab else Counter()
    unresolved = 0
    for i, bl in enumerate(body):
        if "\ufffd" in bl.text or "\x00" in bl.text:
            text, missing = repair_broken(bl.text, vocab)
            unresolved += missing
            body[i] = bl._replace(text=text.replace("\x00", "\ufffd"))
    if unresolved:
        builder.warn(f"{unresolved} word(s) with unreadable characters (U+FFFD/NUL)")
    blocks = group_blocks(body, vocab)
    body.clear()
    blocks.reverse()
    while blocks:  # hand blocks over one at a time so their text is not held twice
        block = blocks.pop()
        page, line = block.first
        span = SourceSpan(path, page=page, line=line)
        locate = _span_locator(path, block)
        if block.kind == "heading":
            builder.heading(block.raw, block.level, span, locate)
        else:
            builder.block(block.kind, block.raw, span, locate, level=block.level)
    return builder.build(pages=count)
