"""Open a DOCX package safely: bounded zip reads, hardened XML, relationships, metadata.

A DOCX (also ``.docm``, ``.dotx``, ``.dotm``) is an OPC zip package (ECMA-376 Part 2) whose
main part is WordprocessingML (ECMA-376 Part 1).  This module knows only the package layer:

* the zip directory is checked before anything is inflated — total declared uncompressed
  size over ``Limits.max_unzipped_bytes``, one part over ``Limits.max_part_bytes`` or more than
  ``MAX_ENTRIES`` entries is a ``zip-limit`` error — and every part is then read with a bounded
  read, so a zip header that lies about sizes cannot inflate past the limits (PITFALLS P26);
* XML is parsed with a hardened lxml parser (no entity resolution, no network, no DTD
  loading, no huge-tree mode) and any part carrying a ``DOCTYPE`` or ``ENTITY`` declaration
  is refused (billion laughs, XXE — PITFALLS P26);
* relationships (``_rels/*.rels``) resolve the main part and its headers, footers,
  footnotes, endnotes, styles and numbering;
* ``docProps/core.xml`` gives the metadata.

Every failure is a ``DocumentError`` naming the file and the part.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from io import BytesIO

from lxml import etree

from ..errors import DocumentError
from . import Limits

#: Most zip entries accepted (a real DOCX has tens; PITFALLS P26 "100 000 tiny entries").
MAX_ENTRIES = 10_000

_CHUNK = 1 << 20
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOC = "/officeDocument"
_CORE = {
    "title": "{http://purl.org/dc/elements/1.1/}title",
    "subject": "{http://purl.org/dc/elements/1.1/}subject",
    "keywords": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords",
    "category": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}category",
    "description": "{http://purl.org/dc/elements/1.1/}description",
    "author": "{http://purl.org/dc/elements/1.1/}creator",
}

_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


class Package:
    """A DOCX zip opened for bounded, read-only access.

    Args:
        path: The document path as given by the user (for messages only).
        data: The whole file's bytes.
        limits: Zip and part size limits.

    Raises:
        DocumentError: ``corrupt`` when the zip cannot be opened, ``zip-limit`` when its
            directory declares too many entries or too many bytes.
    """

    def __init__(self, path: str, data: bytes, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        try:
            self._zip = zipfile.ZipFile(BytesIO(data))
            infos = self._zip.infolist()
        except _ZIP_ERRORS as exc:
            raise DocumentError(path, f"corrupt or truncated DOCX zip ({exc})", "corrupt") from None
        if len(infos) > MAX_ENTRIES:
            self._limit(f"the zip holds {len(infos)} entries, over the {MAX_ENTRIES} limit")
        total = 0
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if info.file_size > limits.max_part_bytes:
                self._limit(
                    f"part {info.filename} inflates to {info.file_size} bytes, over the "
                    f"{limits.max_part_bytes}-byte part limit"
                )
            total += info.file_size
            self._infos[info.filename] = info
        if total > limits.max_unzipped_bytes:
            self._limit(
                f"the zip inflates to {total} bytes, over the "
                f"{limits.max_unzipped_bytes}-byte limit"
            )
        self._inflated = 0

    def _limit(self, why: str) -> None:
        raise DocumentError(
            self.path, f"{why} (a zip bomb?) — check the file or raise the limit", "zip-limit"
        )

    def close(self) -> None:
        """Close the zip."""
        self._zip.close()

    def has(self, name: str) -> bool:
        """True when the package holds a part called ``name``."""
        return name in self._infos

    def read(self, name: str) -> bytes:
        """Inflate one part, never past the part limit or the package's running total.

        Raises:
            DocumentError: ``zip-limit`` past a limit, ``corrupt`` for a damaged entry.
        """
        info = self._infos[name]
        cap = min(self.limits.max_part_bytes, self.limits.max_unzipped_bytes - self._inflated)
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as fh:
                while True:
                    chunk = fh.read(min(_CHUNK, cap + 1 - size))
                    if not chunk:
                        break
                    size += len(chunk)
                    chunks.append(chunk)
                    if size > cap:
                        self._limit(f"part {name} inflates past the size limit")
        except DocumentError:
            raise
        except _ZIP_ERRORS as exc:
            raise DocumentError(
                self.path, f"corrupt DOCX: cannot inflate {name} ({exc})", "corrupt"
            ) from None
        self._inflated += size
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element | None:
        """Parse one part with the hardened parser; ``None`` when the part is absent.

        Raises:
            DocumentError: ``corrupt`` for a DOCTYPE / ENTITY declaration (refused, see
                PITFALLS P26) or malformed XML; ``too-large`` past libxml2's non-huge
                bounds (element depth 256, 10 MB text nodes).
        """
        if name not in self._infos:
            return None
        raw = self.read(name)
        if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
            self._refuse_dtd(name)
        try:
            root = etree.fromstring(raw, _safe_parser())
        except etree.XMLSyntaxError as exc:
            if "XML_PARSE_HUGE" in str(exc):
                raise DocumentError(
                    self.path,
                    f"{name} is nested too deeply or has a text node too large to read safely "
                    "— simplify the document",
                    "too-large",
                ) from None
            raise DocumentError(
                self.path, f"corrupt DOCX: {name} is not well-formed XML ({exc})", "corrupt"
            ) from None
        tree = root.getroottree()
        if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
            self._refuse_dtd(name)
        return root

    def _refuse_dtd(self, name: str) -> None:
        raise DocumentError(
            self.path,
            f"{name} declares a DTD or entities, which Word never writes (possible XXE / "
            "entity-expansion attack) — refused; re-save the document in Word",
            "corrupt",
        )

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationships of ``part``: ``{rId: (type suffix, target part name)}``.

        The type suffix is the last path segment of the relationship type (``header``,
        ``footnotes`` …); external targets are left out.
        """
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, tuple[str, str]] = {}
        if root is None:
            return out
        for rel in root.iter(f"{_PKG_REL}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            if target.startswith("/"):
                name = target.lstrip("/")
            else:
                name = posixpath.normpath(posixpath.join(folder, target))
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            out[rel.get("Id") or ""] = (kind, name)
        return out

    def main_part(self) -> str:
        """The main document part named by ``_rels/.rels``, else ``word/document.xml``."""
        for kind, name in self.rels("").values():
            if kind == _OFFICE_DOC[1:] and self.has(name):
                return name
        if self.has("word/document.xml"):
            return "word/document.xml"
        raise DocumentError(
            self.path, "not a Word document: no main document part — re-save it as .docx",
            "unsupported-format",
        )

    def metadata(self) -> dict[str, str]:
        """Title, subject, keywords, category, description and author from core.xml.

        Only non-empty values are returned, with whitespace collapsed.
        """
        root = self.xml("docProps/core.xml")
        out: dict[str, str] = {}
        if root is None:
            return out
        for key, tag in _CORE.items():
            el = root.find(tag)
            if el is not None:
                value = " ".join("".join(el.itertext()).split())
                if value:
                    out[key] = value
        return out
