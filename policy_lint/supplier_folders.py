"""Which supplier a document belongs to, for ``policy-lint vet`` (docs/vet.md "Suppliers").

A folder given to ``vet`` is read either as a *supplier folder* (one supplier, named after
the folder, holding every document found anywhere inside it) or as a *register* (each folder
directly inside it is a supplier; documents lying loose in it are ``UNGROUPED``).
``read_folders`` decides which: when several folders are given, each is one supplier
whatever its layout; a folder given alone is a register when its documents lie in
subfolders. ``--folders`` forces either reading. A file given on its own belongs to its
folder's supplier. The config's ``suppliers:`` mapping (glob → name, first match wins)
overrides all of this.

Every supplier is known by a *key*: the absolute path of its folder (for ``UNGROUPED``, the
register's path joined with ``UNGROUPED``), whose last part is the supplier's name. Two
different folders with the same name are never merged: ``distinct_names`` tells them apart
by the nearest parent folder where their paths differ (``acme (lot1)`` / ``acme (lot2)``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: Supplier name for files lying directly in a register.
UNGROUPED = "(ungrouped)"

#: How ``vet`` reads a folder given: decided by the rule, or forced by ``--folders``.
AUTO, REGISTER, SUPPLIER = "auto", "register", "supplier"
FOLDER_MODES = (AUTO, REGISTER, SUPPLIER)


@dataclass(frozen=True, slots=True)
class FolderReading:
    """How the folders given to ``vet`` were read.

    Attributes:
        registers: Folders (as given) whose subfolders are the suppliers.
        suppliers: Folders (as given) that are each one supplier.
        notes: A ``note:`` line per judgement call: the reading used, how to get the other.
    """

    registers: tuple[str, ...] = ()
    suppliers: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def supplier_name(folder: str) -> str:
    """A supplier folder's supplier: its own name (``sup/AcmeCare/`` → ``AcmeCare``)."""
    return os.path.basename(os.path.normpath(os.path.abspath(folder))) or folder


def _inside(path: str, root: str) -> str | None:
    """``path`` relative to ``root`` if it lies in it (``.`` for ``root`` itself), else None."""
    rel = os.path.relpath(os.path.abspath(path), root)
    return None if rel == os.pardir or rel.startswith(os.pardir + os.sep) else rel


def read_folders(
    folders: Sequence[str], documents: Sequence[str], mode: str = AUTO
) -> FolderReading:
    """Decide, per folder given, whether it is a register or one supplier (docs/vet.md).

    The rule (``mode`` ``auto``): when several folders are given, each is one supplier. A
    folder given alone is a register when any document found in it lies in a subfolder
    (noted when documents also lie directly in it: those become ``UNGROUPED``), else one
    supplier.

    Args:
        folders: The folders given, as given (missing paths, files and globs left out).
        documents: Paths of every document (readable or not) the run will check.
        mode: ``auto``, or ``register`` / ``supplier`` to read every folder that way.

    Returns:
        The ``FolderReading``; folders keep their order.
    """
    if mode != AUTO:
        both = tuple(folders)
        return FolderReading(both, ()) if mode == REGISTER else FolderReading((), both)
    if len(folders) != 1:
        return FolderReading((), tuple(folders))
    folder = folders[0]
    root = os.path.abspath(folder)
    rels = [r for r in (_inside(d, root) for d in documents) if r is not None]
    if not any(os.sep in r for r in rels):
        return FolderReading((), (folder,))
    notes: tuple[str, ...] = ()
    if any(os.sep not in r for r in rels):
        notes = (
            f"note: {folder} holds documents both directly in it and in subfolders: read as "
            f"a register (each subfolder a supplier, documents directly in it as "
            f"{UNGROUPED}) — give --folders supplier to read it as one supplier",
        )
    return FolderReading((folder,), (), notes)


def supplier_key_by_folder(
    registers: Sequence[str], suppliers: Sequence[str] = ()
) -> Callable[[str], str]:
    """Map a document path to its supplier's key by the folders given.

    The innermost folder given that holds the path decides: a supplier folder is its own
    key; a register gives the first folder under it, or ``register/UNGROUPED`` for a
    document lying directly in it. A path in no folder given belongs to its own folder.

    Args:
        registers: Folders read as registers.
        suppliers: Folders read as one supplier each.

    Returns:
        ``path -> key`` (an absolute path whose last part is the supplier's name).
    """
    roots = [(os.path.normpath(os.path.abspath(r)), False) for r in registers]
    roots += [(os.path.normpath(os.path.abspath(s)), True) for s in suppliers]
    roots.sort(key=lambda r: -len(r[0]))

    def key(path: str) -> str:
        full = os.path.abspath(path)
        for root, whole in roots:
            rel = _inside(full, root)
            if rel is None or rel == os.curdir:
                continue
            if whole:
                return root
            parts = rel.split(os.sep)
            return os.path.join(root, parts[0] if len(parts) > 1 else UNGROUPED)
        return os.path.dirname(full)

    return key


def _parts(key: str) -> list[str]:
    """The folders above a key, innermost first (``/a/b/acme`` → ``["b", "a"]``)."""
    head, out = os.path.dirname(key), list[str]()
    while True:
        head, tail = os.path.split(head)
        if not tail:
            return out
        out.append(tail)


def distinct_names(keys: Iterable[str]) -> dict[str, str]:
    """A supplier name per key, never the same name for two keys.

    A key's name is its last part. Keys that share it get the nearest parent folder that
    tells them all apart (``/x/lot1/acme``, ``/x/lot2/acme`` → ``acme (lot1)``, ``acme
    (lot2)``); when no single level does, their parent paths past the part they share
    (``acme (a/x)``).

    Args:
        keys: Supplier keys (``supplier_key_by_folder``), in any order; repeats are fine.

    Returns:
        ``key -> name``.
    """
    by_name: dict[str, list[str]] = {}
    for key in dict.fromkeys(keys):
        by_name.setdefault(os.path.basename(key) or key, []).append(key)
    out: dict[str, str] = {}
    for name, same in by_name.items():
        if len(same) == 1:
            out[same[0]] = name
            continue
        ups = [_parts(k) for k in same]
        for level in range(min(len(u) for u in ups)):
            tags = [u[level] for u in ups]
            if len(set(tags)) == len(tags):
                break
        else:
            common = os.path.commonpath([os.path.dirname(k) for k in same])
            tags = [os.path.relpath(os.path.dirname(k), common) for k in same]
            tags = [os.path.basename(common) or common if t == os.curdir else t for t in tags]
        out.update((k, f"{name} ({tag})") for k, tag in zip(same, tags, strict=True))
    return out


def shown(key: str) -> str:
    """A supplier key as the user would write it: relative to the working folder if inside."""
    folder = os.path.dirname(key) if os.path.basename(key) == UNGROUPED else key
    rel = _inside(folder, os.getcwd())
    return folder if rel is None else rel


def renamed_notes(names: Mapping[str, str]) -> list[str]:
    """A ``note:`` per name shared by several supplier folders, saying how each is shown."""
    by_name: dict[str, list[str]] = {}
    for key in names:
        by_name.setdefault(os.path.basename(key), []).append(key)
    return [
        f"note: {', '.join(shown(k) for k in keys)} share the name {name}: vetted apart as "
        + ", ".join(names[k] for k in keys)
        for name, keys in by_name.items() if len(keys) > 1
    ]


def supplier_by_folder(
    registers: Sequence[str], suppliers: Sequence[str] = (), known: Iterable[str] = ()
) -> Callable[[str], str]:
    """Map a document path to its supplier's name by the folders given.

    Args:
        registers: Folders read as registers.
        suppliers: Folders read as one supplier each.
        known: Keys of every supplier in the run; those sharing a name get
            ``distinct_names``. A path whose key is not known is named by its last part.

    Returns:
        ``path -> supplier name``.
    """
    key_of = supplier_key_by_folder(registers, suppliers)
    names = distinct_names(known)

    def name(path: str) -> str:
        key = key_of(path)
        return names.get(key) or os.path.basename(key) or UNGROUPED

    return name


def configured_name(cfg: Any, path: str) -> str | None:
    """The supplier a config's ``suppliers:`` globs give ``path`` (first match), else None."""
    for pattern, supplier in getattr(cfg, "suppliers", ()):
        if cfg.matches((pattern,), path):
            return str(supplier)
    return None


def supplier_by_config(
    config_of: Callable[[str], Any], fallback: Callable[[str], str]
) -> Callable[[str], str]:
    """Map a path through its config's ``suppliers:`` globs (first match), else ``fallback``.

    Args:
        config_of: ``path -> Config`` (the config governing that document).
        fallback: Used when no ``suppliers:`` glob matches (usually ``supplier_by_folder``).
    """

    def name(path: str) -> str:
        found = configured_name(config_of(path), path)
        return fallback(path) if found is None else found

    return name
