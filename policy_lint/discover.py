"""Turn the paths a user gives into the documents to check.

A path may be a file (checked whatever its suffix; the reader sniffs its bytes), a folder
(walked recursively for ``parsers.DOCUMENT_SUFFIXES``, honouring ``.gitignore`` files in and
above it, and never entering ``.git``) or a glob (``*``, ``?``, ``[…]``, ``**``). ``exclude``
(a predicate, usually the config's ``exclude`` globs) drops paths. Anything that cannot be a
document — a missing path, a FIFO or device, an unreadable file, a symbolic-link loop — comes
back as a ``Candidate`` with a one-line ``error`` so it is reported as a row, not a crash.
``discover_each`` also says, per path given, what it was and how many candidates it gave, so
a command can tell "this folder holds no documents" from "this path does not exist".
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .parsers import DOCUMENT_SUFFIXES

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A path to check, or (``error`` set) a path that cannot be checked and why.

    ``missing`` is True when the path given does not exist (or a glob matched nothing).
    """

    path: str
    error: str = ""
    code: str = ""
    missing: bool = False


@dataclass(frozen=True, slots=True)
class Given:
    """One path as given on the command line, and what discovery made of it.

    Attributes:
        path: As given.
        kind: ``file``, ``folder``, ``glob`` or ``missing`` (no such path; a glob that
            matches no file).
        found: Candidates it yielded after ``exclude``, counting ones an earlier path
            already gave (so ``a/ a/x.md`` does not make ``a/x.md`` look empty).
    """

    path: str
    kind: str
    found: int


def discover_each(
    paths: Sequence[str], exclude: Callable[[str], bool] | None = None
) -> tuple[list[Candidate], list[Given]]:
    """``discover``, and also a ``Given`` per path saying what it was and what it yielded.

    Args:
        paths: As given on the command line.
        exclude: Returns True for paths that must be skipped.

    Returns:
        ``(candidates, given)``: candidates as ``discover`` returns them; ``given`` in
        argument order.
    """
    out: list[Candidate] = []
    given: list[Given] = []
    seen: set[str] = set()
    skip = exclude or (lambda _p: False)

    for arg in paths:
        if not os.path.lexists(arg) and _GLOB_CHARS & set(arg):
            kind, found = "glob", list(_glob(arg))
            if not found:
                kind = "missing"
                found = [Candidate(arg, f"{arg}: no file matches this pattern — check the glob",
                                   "unreadable", missing=True)]
        elif not os.path.lexists(arg):
            kind = "missing"
            found = [Candidate(arg, f"{arg}: no such file or folder", "unreadable", missing=True)]
        else:
            kind = "folder" if os.path.isdir(arg) else "file"
            found = list(_expand(arg))
        kept = [c for c in found if not skip(c.path)]
        given.append(Given(arg, kind, len(kept)))
        for cand in kept:
            key = os.path.normpath(cand.path)
            if key not in seen:
                seen.add(key)
                out.append(cand)
    return out, given


def discover(
    paths: Sequence[str], exclude: Callable[[str], bool] | None = None
) -> list[Candidate]:
    """Expand files, folders and globs into candidates, in a stable order, without duplicates.

    Args:
        paths: As given on the command line.
        exclude: Returns True for paths that must be skipped.

    Returns:
        Candidates in argument order; a folder's files sorted by path.
    """
    return discover_each(paths, exclude)[0]


def subfolders(root: str, exclude: Callable[[str], bool] | None = None) -> list[str]:
    """The folders directly inside ``root`` that discovery would walk, sorted by name.

    Hidden folders (name starting with ``.``), folders a ``.gitignore`` ignores and folders
    ``exclude`` drops are left out. Used by ``vet``: each such folder is a supplier, even
    one holding no documents.

    Args:
        root: An existing folder.
        exclude: Returns True for paths that must be skipped.

    Returns:
        ``root`` joined with each folder name; empty when ``root`` cannot be listed.
    """
    skip = exclude or (lambda _p: False)
    ignores = list(_ancestor_ignores(root))
    local = _read_gitignore(root)
    if local is not None:
        ignores.append((root, local))
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return []
    out = []
    for entry in entries:
        path = os.path.join(root, entry.name)
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir and not entry.name.startswith(".") and not _ignored(path, True, ignores) \
                and not skip(path):
            out.append(path)
    return out


def _glob(pattern: str) -> Iterator[Candidate]:
    """Files matching a shell-style glob (``**`` = any folders).

    The glob's fixed leading folder is walked with the same loop, FIFO and ``.gitignore``
    handling as any folder; Python's ``glob`` would follow symbolic-link loops.
    """
    from pathspec import GitIgnoreSpec

    parts = pattern.replace(os.sep, "/").split("/")
    fixed = next(i for i, part in enumerate(parts) if _GLOB_CHARS & set(part))
    base = "/".join(parts[:fixed]) or ("/" if pattern.startswith("/") else ".")
    spec = GitIgnoreSpec.from_lines(["/" + "/".join(parts[fixed:])])
    last = parts[-1]

    def keep(path: str) -> bool:
        rel = os.path.relpath(path, base).replace(os.sep, "/")
        name = os.path.basename(path)
        wanted = name.lower().endswith(DOCUMENT_SUFFIXES) or fnmatch.fnmatch(name, last)
        return wanted and bool(spec.match_file(rel))

    if os.path.isdir(base):
        for cand in _walk(base, keep=keep):
            if not cand.error or keep(cand.path):
                yield cand


def _expand(path: str) -> Iterator[Candidate]:
    if os.path.isdir(path):
        yield from _walk(path)
    else:
        yield _check_file(path)


def _check_file(path: str) -> Candidate:
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Candidate(path, f"{path}: symbolic link loop — skipped", "unreadable")
        return Candidate(
            path, f"{path}: cannot be read ({exc.strerror or exc}) — broken link?", "unreadable"
        )
    if stat.S_ISFIFO(st.st_mode) or stat.S_ISSOCK(st.st_mode):
        return Candidate(
            path, f"{path}: is a FIFO or socket, not a document — skipped", "unreadable"
        )
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        return Candidate(path, f"{path}: is a device, not a document — skipped", "unreadable")
    if not os.access(path, os.R_OK):
        return Candidate(path, f"{path}: permission denied — cannot read the file", "unreadable")
    return Candidate(path)


def _is_document(path: str) -> bool:
    return path.lower().endswith(DOCUMENT_SUFFIXES)


def _walk(root: str, keep: Callable[[str], bool] = _is_document) -> Iterator[Candidate]:
    ignores: list[tuple[str, Any]] = list(_ancestor_ignores(root))
    visited: set[tuple[int, int]] = set()
    yield from _walk_dir(root, ignores, visited, keep)


def _walk_dir(
    folder: str,
    ignores: list[tuple[str, Any]],
    visited: set[tuple[int, int]],
    keep: Callable[[str], bool],
) -> Iterator[Candidate]:
    try:
        st = os.stat(folder)
    except OSError as exc:
        yield Candidate(folder, f"{folder}: cannot open folder ({exc.strerror})", "unreadable")
        return
    key = (st.st_dev, st.st_ino)
    if key in visited:
        yield Candidate(folder, f"{folder}: symbolic link loop — skipped", "unreadable")
        return
    visited.add(key)
    local = _read_gitignore(folder)
    here = ignores + ([(folder, local)] if local is not None else [])
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield Candidate(folder, f"{folder}: cannot list folder ({exc.strerror})", "unreadable")
        return
    for entry in entries:
        if entry.name == ".git":
            continue
        path = os.path.join(folder, entry.name)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if _ignored(path, is_dir, here):
            continue
        if is_dir:
            yield from _walk_dir(path, here, visited, keep)
        elif keep(path):
            yield _check_file(path)
        elif entry.is_symlink() and not os.path.exists(path):
            cand = _check_file(path)
            if cand.error and "loop" in cand.error:
                yield cand


def _read_gitignore(folder: str) -> Any:
    path = os.path.join(folder, ".gitignore")
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read(1_000_000).splitlines()
    except OSError:
        return None
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)


def _ancestor_ignores(root: str) -> Iterator[tuple[str, Any]]:
    """``.gitignore`` specs of folders above ``root`` up to the enclosing git work tree."""
    folder = os.path.abspath(root)
    chain: list[str] = []
    while True:
        parent = os.path.dirname(folder)
        if os.path.isdir(os.path.join(folder, ".git")) or parent == folder:
            break
        folder = parent
        chain.append(folder)
    if not os.path.isdir(os.path.join(folder, ".git")):
        return
    for ancestor in reversed(chain):
        spec = _read_gitignore(ancestor)
        if spec is not None:
            yield ancestor, spec


def _ignored(path: str, is_dir: bool, specs: list[tuple[str, Any]]) -> bool:
    full = os.path.abspath(path)
    for base, spec in specs:
        rel = os.path.relpath(full, os.path.abspath(base)).replace(os.sep, "/")
        if rel.startswith("../"):
            continue
        if spec.match_file(rel + ("/" if is_dir else "")):
            return True
    return False
