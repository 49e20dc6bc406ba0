"""Result cache: a document's scorecard keyed by what it depends on, stored as JSON.

Key: SHA-256 over the cache format, the policy-lint version and a hash of its own source
files (an edited checkout keeps its version number), a fingerprint of every rule
pack that may be applied (the bytes of each file in the shipped ``standards/`` folders and
in any pack folder named with ``--packs``), the document's resolved settings (config, packs,
type override, PDF engine, gate, thresholds; the date only when the config has waivers,
which expire), the path as given (results quote it) and the SHA-256 of the document's bytes.

Store: one file per key, ``<folder>/v1/<2 hex>/<64 hex>.json``, in the user cache folder
(library: ``platformdirs.user_cache_dir("policy-lint")``) unless ``--cache-dir`` names one.
Entries are plain JSON (never pickle), written to a temporary file and moved into place with
``os.replace``, so a reader never sees half an entry. Deleting the folder is always safe; an
entry that cannot be read or decoded is ignored (and overwritten), and a cache that cannot be
written is silently skipped: the cache only ever saves time, it never changes a result.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from enum import Enum
from functools import lru_cache
from typing import Any

from . import __version__
from .findings import Evidence, Finding, Flag, Severity, Status
from .model import SourceSpan, Story
from .scorecard import DocumentResult

#: Bumped whenever the stored shape changes; old entries are then simply never found.
FORMAT = 1
#: Error codes never cached: they depend on the machine and the moment, not the document.
UNCACHED_CODES = frozenset({"timeout", "internal", "unreadable"})
_CHUNK = 1 << 20


def default_dir() -> str:
    """The per-user cache folder, e.g. ``~/.cache/policy-lint`` on Linux."""
    import platformdirs

    return str(platformdirs.user_cache_dir("policy-lint"))


def open_cache(folder: str | None, enabled: bool = True) -> ResultCache | None:
    """The cache for a run: ``folder`` (``--cache-dir``) or the user cache folder.

    Returns ``None`` when ``enabled`` is false (``--no-cache``).
    """
    if not enabled:
        return None
    return ResultCache(folder or default_dir())


def file_digest(path: str) -> str | None:
    """SHA-256 hex of a file's bytes, or ``None`` when it cannot be read."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def packs_fingerprint(extra_folders: Iterable[str] = ()) -> str:
    """SHA-256 hex over every file (relative name and bytes) of the packs that may apply.

    Covers the shipped ``standards/`` folders and ``extra_folders`` (packs given as folders).
    """
    from importlib import resources

    h = hashlib.sha256()
    shipped = str(resources.files("policy_lint").joinpath("standards"))
    for root in [shipped, *sorted(extra_folders)]:
        if not os.path.isdir(root):
            continue
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(files):
                full = os.path.join(folder, name)
                h.update(os.path.relpath(full, root).encode() + b"\0")
                h.update((file_digest(full) or "unreadable").encode() + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 hex over policy-lint's own Python files.

    So an edited checkout (same version number, different code) never reads results that an
    older build wrote.
    """
    root = os.path.dirname(os.path.abspath(__file__))
    h = hashlib.sha256()
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(f for f in files if f.endswith(".py")):
            full = os.path.join(folder, name)
            h.update(os.path.relpath(full, root).encode() + b"\0")
            h.update((file_digest(full) or "unreadable").encode() + b"\0")
    return h.hexdigest()


def settings_fingerprint(settings: Any) -> str:
    """Canonical JSON of a ``DocumentSettings``; ``today`` only matters when waivers exist."""
    data = _plain(settings)
    if isinstance(data, dict) and not getattr(getattr(settings, "config", None), "waivers", ()):
        data.pop("today", None)
    return json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)


class ResultCache:
    """A folder of cached ``DocumentResult``s.

    Args:
        folder: Cache folder (created on first write).
    """

    def __init__(self, folder: str) -> None:
        self.folder = os.path.join(folder, f"v{FORMAT}")
        self.salt = f"policy-lint {__version__}\0format {FORMAT}\0code {code_fingerprint()}\0"
        self.hits = 0
        self.misses = 0
        self._packs: dict[tuple[str, ...], str] = {}

    def _packs_of(self, settings: Any) -> str:
        named = getattr(settings, "packs", None) or ()
        folders = tuple(sorted(p for p in named if os.path.isdir(p)))
        if folders not in self._packs:
            self._packs[folders] = packs_fingerprint(folders)
        return self._packs[folders]

    def key(self, path: str, settings: Any) -> str | None:
        """The entry key for ``path`` under ``settings``; ``None`` if the file is unreadable."""
        digest = file_digest(path)
        if digest is None:
            return None
        h = hashlib.sha256(self.salt.encode())
        for part in (self._packs_of(settings), settings_fingerprint(settings), path, digest):
            h.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return h.hexdigest()

    def _file(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key + ".json")

    def get(self, key: str) -> DocumentResult | None:
        """The cached result for ``key``, or ``None`` (missing, unreadable or corrupt)."""
        try:
            with open(self._file(key), encoding="utf-8") as fh:
                entry = json.load(fh)
            if entry.get("format") != FORMAT or entry.get("key") != key:
                raise ValueError("stale entry")
            result = decode_result(entry["result"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: DocumentResult) -> None:
        """Store ``result`` (unless it is a timeout or internal error); never raises."""
        if result.error_code in UNCACHED_CODES:
            return
        text = json.dumps(
            {"format": FORMAT, "key": key, "result": _plain(result)},
            sort_keys=True, ensure_ascii=False, separators=(",", ":"),
        )
        target = self._file(key)
        tmp = ""
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=os.path.dirname(target))
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, target)
            tmp = ""
        except (OSError, ValueError):  # ValueError: a file name that is not UTF-8 (surrogates)
            pass
        finally:
            if tmp:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass


def _plain(value: Any) -> Any:
    """Dataclasses, enums, tuples and dicts as JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _span(d: dict[str, Any]) -> SourceSpan:
    story = d.get("story")
    return SourceSpan(**{**d, "story": Story(**story) if story else None})


def _evidence(d: dict[str, Any]) -> Evidence:
    return Evidence(**{
        **d, "span": _span(d["span"]), "heading_path": tuple(d["heading_path"]),
    })


def _finding(d: dict[str, Any]) -> Finding:
    return Finding(**{
        **d, "status": Status(d["status"]), "severity": Severity(d["severity"]),
        "evidence": tuple(_evidence(e) for e in d["evidence"]), "missing": tuple(d["missing"]),
    })


def _flag(d: dict[str, Any]) -> Flag:
    return Flag(**{
        **d, "severity": Severity(d["severity"]), "span": _span(d["span"]),
        "extra": dict(d["extra"]),
    })


def decode_result(d: dict[str, Any]) -> DocumentResult:
    """Rebuild a ``DocumentResult`` from ``_plain`` data.

    Raises:
        KeyError, TypeError, ValueError: The data does not have the expected shape.
    """
    return DocumentResult(**{
        **d,
        "packs": tuple(d["packs"]),
        "findings": tuple(_finding(f) for f in d["findings"]),
        "flags": tuple(_flag(f) for f in d["flags"]),
        "warnings": tuple(d["warnings"]),
        "gate_failures": tuple(d["gate_failures"]),
    })
