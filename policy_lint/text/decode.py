"""Decode the bytes of a Markdown or plain-text file and normalise its line endings.

Order of guesses (WHATWG Encoding Standard "decode" BOM sniffing, then a strict UTF-8 try):

1. a byte-order mark: UTF-8 (``EF BB BF``), UTF-32 LE/BE, UTF-16 LE/BE — the BOM is dropped
   so it never counts as a column on line 1;
2. strict UTF-8;
3. Windows-1252 (``cp1252``), the usual encoding of text saved by older Windows editors;
   its five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) are kept as the C1 control
   characters Latin-1 gives them, so decoding never fails.

Line endings: CRLF and lone CR become LF.  Only the end of each line changes, so every line
keeps its characters and every (line, column) pair is the same as in an editor.
"""

from __future__ import annotations

from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CP1252_HOLES = {0x81: "\x81", 0x8D: "\x8d", 0x8F: "\x8f", 0x90: "\x90", 0x9D: "\x9d"}


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded source.

    Attributes:
        text: The text with LF line endings and no BOM.
        encoding: The encoding assumed: ``utf-8``, ``utf-8-sig``, ``utf-16-le``,
            ``utf-16-be``, ``utf-32-le``, ``utf-32-be`` or ``cp1252``.
        warning: A one-line note for the document's warnings when the encoding was not
            UTF-8 (or the BOM's bytes could not all be decoded), else ``None``.
    """

    text: str
    encoding: str
    warning: str | None = None


def normalise_newlines(text: str) -> str:
    """Turn CRLF and lone CR into LF (lines and columns are unchanged)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _cp1252(data: bytes) -> str:
    text = data.decode("cp1252", errors="replace")  # one character per byte
    if "\ufffd" not in text:
        return text
    chars = list(text)
    for i, byte in enumerate(data):
        if byte in _CP1252_HOLES:
            chars[i] = _CP1252_HOLES[byte]
    return "".join(chars)


def decode(data: bytes) -> Decoded:
    """Decode a text file's bytes (see the module doc for the order of guesses).

    Args:
        data: The whole file.

    Returns:
        ``Decoded`` with LF line endings.  Never raises: undecodable bytes under a
        UTF-16/32 BOM become U+FFFD and are reported in ``warning``.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            warning: str | None = None
            try:
                text = body.decode(name)
            except UnicodeDecodeError as exc:
                text = body.decode(name, errors="replace")
                warning = (
                    f"text is not valid {name.upper()} after its byte-order mark (byte "
                    f"{exc.start + len(bom)}) — undecodable bytes were replaced by U+FFFD"
                )
            if warning is None and name != "utf-8-sig":
                warning = f"text decoded as {name.upper()} (byte-order mark), not UTF-8"
            return Decoded(normalise_newlines(text), name, warning)
    try:
        return Decoded(normalise_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as exc:
        text = _cp1252(data)
        return Decoded(
            normalise_newlines(text),
            "cp1252",
            f"text is not valid UTF-8 (byte {exc.start}); read as Windows-1252 — "
            "save the file as UTF-8 if characters look wrong",
        )
