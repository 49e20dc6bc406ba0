"""Choose a reader by sniffing a file's bytes and run it.

``parse_file(path)`` is the one entry point: it checks the size limit, sniffs the format
from magic bytes (a zip holding ``word/document.xml`` → DOCX, ``%PDF-`` → PDF, an OLE
container → legacy Word or an encrypted DOCX, other known magics → unsupported, anything
else → Markdown or plain text by extension), imports only the reader it needs, and turns
every failure into a one-line ``DocumentError``.

Readers are modules in this package with a function
``parse(path: str, data: bytes, limits: Limits, **options) -> Document``.
"""

from __future__ import annotations

import importlib
import os
import signal
import stat
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO

from ..errors import DocumentError
from ..model import Document

#: format name → module in this package (imported lazily).
PARSERS: dict[str, str] = {
    "docx": "docx",
    "pdf": "pdf",
    "markdown": "markdown",
    "text": "text",
}

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
TEXT_SUFFIXES = (".txt", ".text")
DOCX_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")
PDF_SUFFIXES = (".pdf",)
#: Formats we cannot read but will not pass over in silence: a folder walk picks them up so
#: each gets a one-line "unsupported format — save it as .docx or PDF" row, and a
#: commissioning team sees that a supplier's legacy contract was not checked.
UNSUPPORTED_SUFFIXES = (".doc", ".dot", ".rtf", ".odt")
#: Every suffix ``policy-lint check`` picks up when walking a folder.
DOCUMENT_SUFFIXES = (
    MARKDOWN_SUFFIXES + TEXT_SUFFIXES + DOCX_SUFFIXES + PDF_SUFFIXES + UNSUPPORTED_SUFFIXES
)


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on the work one document may cost.

    Attributes:
        max_file_bytes: Largest input file read, in bytes (default 100 MiB).
        max_unzipped_bytes: Largest total uncompressed size of a DOCX's parts (default
            200 MiB); a zip over it is a ``zip-limit`` error.
        max_part_bytes: Largest single uncompressed DOCX part (default 100 MiB).
        max_pages: Most PDF pages read (default 2,000); more is a ``too-large`` error.
        max_depth: Deepest nesting of tables / lists / quotes followed (default 100).
        max_text_bytes: Largest Markdown or plain-text file read (default 10 MiB, some
            5,000 pages of prose; the readers take seconds per MB); more is ``too-large``.
        max_seconds: Longest one reader may take, in seconds (default 60); past it the
            document is a ``timeout`` error.  Enforced with ``SIGALRM`` in the main thread
            on POSIX (elsewhere not enforced); a C library call is interrupted when it
            returns to Python.  ``0`` turns it off.
    """

    max_file_bytes: int = 100 * 1024 * 1024
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_part_bytes: int = 100 * 1024 * 1024
    max_pages: int = 2000
    max_depth: int = 100
    max_text_bytes: int = 10 * 1024 * 1024
    max_seconds: float = 60.0


DEFAULT_LIMITS = Limits()

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OTHER_MAGICS: tuple[tuple[bytes, str], ...] = (
    (b"{\\rtf", "an RTF file — save it as .docx or PDF"),
    (b"\x89PNG", "a PNG image — run OCR and save the text, or export the document as PDF"),
    (b"\xff\xd8\xff", "a JPEG image — run OCR and save the text, or export the document as PDF"),
    (b"GIF8", "a GIF image — export the document as PDF or .docx"),
    (b"II*\x00", "a TIFF image — run OCR first"),
    (b"MM\x00*", "a TIFF image — run OCR first"),
)


def sniff(path: str, head: bytes) -> str:
    """Decide a file's format from its first bytes and, for text, its extension.

    Args:
        path: The file's path (only its suffix is used).
        head: The file's first bytes (at least 8 when the file is that long).

    Returns:
        ``"docx"``, ``"pdf"``, ``"zip"`` (a zip that is not yet known to be a DOCX),
        ``"ole"``, ``"markdown"`` or ``"text"``.

    Raises:
        DocumentError: ``unsupported-format`` for images, RTF and other known binaries,
            binary data and BOM-less UTF-16; ``corrupt`` for a ``.pdf`` without a PDF
            header or a ``.docx`` (``.docm`` …) that is not a zip.
    """
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    for magic, what in _OTHER_MAGICS:
        if head.startswith(magic):
            raise DocumentError(path, f"unsupported format: {what}", "unsupported-format")
    suffix = os.path.splitext(path)[1].lower()
    if suffix in (".doc", ".odt", ".rtf", ".pages", ".wpd"):
        raise DocumentError(
            path, f"unsupported format: {suffix} — save it as .docx or PDF", "unsupported-format"
        )
    sample = head[:4096]
    if b"\x00" in sample and not head.startswith((b"\xff\xfe", b"\xfe\xff", b"\0\0\xfe\xff")):
        if _utf16_without_bom(sample):
            raise DocumentError(
                path,
                "unsupported format: UTF-16 text without a byte-order mark — save it as UTF-8",
                "unsupported-format",
            )
        raise DocumentError(
            path,
            "unsupported format: binary data, not a DOCX, PDF, Markdown or text file",
            "unsupported-format",
        )
    if suffix in PDF_SUFFIXES:
        raise DocumentError(
            path,
            "not a PDF: no %PDF- header in its first 1 KB — is the file damaged or misnamed?",
            "corrupt",
        )
    if suffix in DOCX_SUFFIXES:
        raise DocumentError(
            path,
            "not a Word document: no zip container — is the file damaged or misnamed?",
            "corrupt",
        )
    return "markdown" if suffix in MARKDOWN_SUFFIXES else "text"


def _utf16_without_bom(sample: bytes) -> bool:
    """True when every other byte is NUL and the rest is mostly printable (UTF-16 of ASCII)."""
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    for zeros, chars in ((odd, even), (even, odd)):
        if zeros.count(0) >= 0.9 * len(zeros) and sum(32 <= b < 127 or b in b"\t\n\r" for b in
                                                      chars) >= 0.9 * len(chars):
            return True
    return False


def _zip_kind(path: str, data: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError) as exc:
        raise DocumentError(
            path, f"corrupt or truncated zip container ({exc})", "corrupt"
        ) from None
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names and "mimetype" in names:
        raise DocumentError(
            path,
            "unsupported format: an OpenDocument (.odt) file — save it as .docx or PDF",
            "unsupported-format",
        )
    raise DocumentError(
        path,
        "unsupported format: a zip file with no word/document.xml (not a Word document)",
        "unsupported-format",
    )


def read_bytes(path: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Read a whole input file, read-only, within the size limit.

    Raises:
        DocumentError: ``unreadable`` (missing, a folder, permission), ``too-large``,
            ``empty``.
    """
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(path, "is a folder, not a document", "unreadable")
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(
                path, "not a regular file (a pipe, device or socket) — skipped", "unreadable"
            )
        size = info.st_size
        if size > limits.max_file_bytes:
            raise DocumentError(
                path,
                f"file is {size / 1048576:.1f} MB, over the {limits.max_file_bytes // 1048576} "
                "MB limit — split it or raise the limit",
                "too-large",
            )
        with open(path, "rb") as fh:
            # read(n) allocates n bytes up front: ask for the file's size, not the limit.
            want = size + 1 if 0 < size <= limits.max_file_bytes else limits.max_file_bytes + 1
            data = fh.read(want)
            if len(data) == want and want <= limits.max_file_bytes:  # grew since stat
                data += fh.read(limits.max_file_bytes + 1 - want)
    except DocumentError:
        raise
    except IsADirectoryError:
        raise DocumentError(path, "is a folder, not a document", "unreadable") from None
    except FileNotFoundError:
        raise DocumentError(path, "no such file", "unreadable") from None
    except PermissionError:
        raise DocumentError(
            path, "permission denied — cannot read the file", "unreadable"
        ) from None
    except OSError as exc:
        raise DocumentError(
            path, f"cannot read the file ({exc.strerror or exc})", "unreadable"
        ) from None
    if len(data) > limits.max_file_bytes:
        raise DocumentError(path, "file is over the size limit", "too-large")
    if not data.strip():
        raise DocumentError(path, "file is empty — nothing to check", "empty")
    return data


def detect_format(path: str, data: bytes) -> str:
    """Return the reader name (a key of ``PARSERS``) for a file's bytes.

    Raises:
        DocumentError: For unsupported, encrypted (OLE) or corrupt containers.
    """
    kind = sniff(path, data[:4096])
    if kind == "zip":
        return _zip_kind(path, data)
    if kind == "ole":
        suffix = os.path.splitext(path)[1].lower()
        if suffix in DOCX_SUFFIXES and b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00" in data:
            raise DocumentError(
                path,
                "password-protected Word document — remove the password (File > Info > "
                "Protect Document) and save again",
                "encrypted",
            )
        raise DocumentError(
            path,
            "unsupported format: a legacy Word 97-2003 (.doc) or other OLE file — save it as "
            ".docx or PDF",
            "unsupported-format",
        )
    return kind


def parse_file(
    path: str | os.PathLike[str],
    limits: Limits = DEFAULT_LIMITS,
    **options: object,
) -> Document:
    """Read one document into the model.

    Args:
        path: File to read; never written to.
        limits: Work bounds (size, zip, pages, depth).
        **options: Passed to the reader (e.g. ``pdf_engine="pdfplumber"``).

    Returns:
        The parsed ``Document``.

    Raises:
        DocumentError: For any reason the file cannot be read; the message is one line.
    """
    spath = os.fspath(path)
    data = read_bytes(spath, limits)
    fmt = detect_format(spath, data)
    if fmt in ("markdown", "text") and len(data) > limits.max_text_bytes:
        raise DocumentError(
            spath,
            f"file is {len(data) / 1048576:.1f} MB of text, over the "
            f"{limits.max_text_bytes / 1048576:g} MB limit for Markdown and plain text — "
            "split it or raise the limit",
            "too-large",
        )
    module = importlib.import_module(f"{__name__}.{PARSERS[fmt]}")
    try:
        with _deadline(limits.max_seconds):
            document: Document = module.parse(spath, data, limits, **options)
    except DocumentError:
        raise
    except _TimeUp:
        raise DocumentError(
            spath,
            f"reading took longer than the {limits.max_seconds:g}-second limit — split the "
            "document or raise the limit",
            "timeout",
        ) from None
    except RecursionError:
        raise DocumentError(
            spath, "document is nested too deeply to read safely", "too-large"
        ) from None
    except MemoryError:
        raise DocumentError(spath, "document needs too much memory to read", "too-large") from None
    except Exception as exc:  # noqa: BLE001 - no raw library exception reaches the user
        raise DocumentError(
            spath,
            f"could not read the {fmt.upper() if fmt != 'markdown' else 'Markdown'} file "
            f"({type(exc).__name__}: {str(exc)[:120]}) — is it corrupt?",
            "corrupt",
        ) from exc
    return document


class _TimeUp(BaseException):
    """Raised by the alarm handler.

    A ``BaseException``, so the readers' ``except Exception`` clauses cannot swallow it.
    """


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise ``_TimeUp`` in the body after ``seconds``.

    Only in the main thread on POSIX and when no other interval timer is running; otherwise
    the body runs unbounded.  The previous ``SIGALRM`` handler is restored.
    """
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )
    if not usable:
        yield
        return

    def fire(_signum: int, _frame: object) -> None:
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
