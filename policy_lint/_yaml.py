"""Bounded, safe YAML reading with line numbers for every value.

``load_yaml(path)`` reads a file of at most ``MAX_BYTES``, composes it with PyYAML's
``CSafeLoader`` (libyaml) or ``SafeLoader`` (no tags, no Python objects), refuses alias
bombs ("billion laughs") and recursive aliases *before* constructing anything, then
constructs the data with the same safe constructor ``yaml.safe_load`` uses. It also returns
``LineMap``: the 1-based line of every mapping key and sequence item, by path, so schema
errors can name ``file:line``.

Errors are raised as ``PackError`` (one line: ``path[:line]: reason``), or as the error class
the caller passes (``config`` passes ``ConfigError``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import yaml

from .errors import PackError, PolicyLintError

#: Largest YAML file read, in bytes.
MAX_BYTES = 1024 * 1024
#: Most alias uses (``*name``) in one file.
MAX_ALIASES = 100
#: Most nodes the constructed data may have once aliases are expanded.
MAX_NODES = 200_000

#: libyaml's parser when PyYAML was built with it (about 25x faster), else the pure-Python
#: one; both compose with the safe resolver and construct with ``SafeConstructor``.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextDatesLoader(_LOADER):  # type: ignore[misc]
    """``_LOADER`` without the implicit timestamp resolver: dates stay the text written."""

    yaml_implicit_resolvers = {
        first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _LOADER.yaml_implicit_resolvers.items()
    }


_TEXT_DATES_LOADER: Any = _TextDatesLoader

#: path (tuple of keys / indexes) → 1-based line.
LineMap = dict[tuple[Any, ...], int]


def read_text(
    path: str,
    error: type[PolicyLintError] = PackError,
    what: str = "rule file",
    advice: str = "split the pack into smaller files",
) -> str:
    """Read one UTF-8 file (a byte-order mark is dropped) of at most ``MAX_BYTES``.

    Args:
        path: File to read.
        error: Error class to raise (``PackError`` for packs, ``ConfigError`` for configs).
        what: What the file is, for the size message ("rule file", "config file").
        advice: What to do about a file over the limit.

    Returns:
        The text.

    Raises:
        PolicyLintError: (``error``) missing, unreadable, too large or not UTF-8.
    """
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            raise error(
                path,
                f"file is {size / 1048576:.1f} MB, over the {MAX_BYTES // 1048576} MB limit "
                f"for a {what} — {advice}",
            )
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except PolicyLintError:
        raise
    except FileNotFoundError:
        raise error(path, "no such file") from None
    except OSError as exc:
        raise error(path, f"cannot read the file ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:  # grew between stat and read, or a device
        raise error(path, f"file is over the 1 MB limit for a {what} — {advice}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(path, f"not UTF-8 text (byte {exc.start}) — save the file as UTF-8") from None


def load_yaml(
    path: str,
    error: type[PolicyLintError] = PackError,
    *,
    dates_as_text: bool = False,
    what: str = "rule file",
    advice: str = "split the pack into smaller files",
) -> tuple[Any, LineMap]:
    """Read, bound-check and safely load one YAML file.

    Args:
        path: File to read.
        error: Error class to raise (``PackError`` for packs, ``ConfigError`` for configs).
        dates_as_text: Leave ``2027-03-31`` as the string it is written as instead of a
            ``datetime.date``, so an impossible date (``2027-13-45``) reaches validation
            (and its line number) instead of failing inside the constructor.
        what: What the file is, for the size message.
        advice: What to do about a file over the limit.

    Returns:
        ``(data, lines)``; ``(None, {})`` for an empty file.

    Raises:
        PolicyLintError: (``error``) missing / unreadable / too large file, YAML syntax
            error (with line), too many aliases, alias expansion over ``MAX_NODES``,
            recursive alias, a value the safe constructor rejects.
    """
    text = read_text(path, error, what, advice)
    loader = (_TEXT_DATES_LOADER if dates_as_text else _LOADER)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: LineMap = {}
        _check_and_map(path, node, lines, error)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what_ = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        raise error(path, f"YAML syntax error: {what_} — fix the YAML", line) from None
    except yaml.YAMLError as exc:
        raise error(path, f"invalid YAML ({' '.join(str(exc).split())[:200]})") from None
    except ValueError as exc:  # e.g. an impossible date such as 2027-13-45
        raise error(path, f"invalid YAML value ({' '.join(str(exc).split())[:200]})") from None
    finally:
        loader.dispose()
    return data, lines


def _check_and_map(
    path: str, root: yaml.Node, lines: LineMap, error: type[PolicyLintError]
) -> None:
    """Map lines, count aliases and expanded size without expanding anything."""
    seen: set[int] = set()
    aliases = 0
    sizes: dict[int, int] = {}
    # Iterative post-order walk: (node, path, expanded?)
    stack: list[tuple[yaml.Node, tuple[Any, ...], bool]] = [(root, (), False)]
    in_progress: set[int] = set()
    while stack:
        node, where, done = stack.pop()
        key = id(node)
        if done:
            in_progress.discard(key)
            total = 1 + sum(sizes[id(c)] for c in _children(node))
            if total > MAX_NODES:
                raise error(
                    path,
                    f"YAML expands to more than {MAX_NODES:,} nodes (alias bomb?) — "
                    "write the data out without anchors and aliases",
                    node.start_mark.line + 1,
                )
            sizes[key] = total
            continue
        if key in seen:
            if key in in_progress:
                raise error(path, "recursive YAML alias — remove it", node.start_mark.line + 1)
            aliases += 1
            if aliases > MAX_ALIASES:
                raise error(
                    path,
                    f"more than {MAX_ALIASES} YAML aliases — write the data out without "
                    "anchors and aliases",
                    node.start_mark.line + 1,
                )
            continue
        seen.add(key)
        in_progress.add(key)
        stack.append((node, where, True))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                kpath = where + (k.value if isinstance(k, yaml.ScalarNode) else str(id(k)),)
                lines.setdefault(kpath, k.start_mark.line + 1)
                stack.append((v, kpath, False))
                stack.append((k, where + ("<key>",), False))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines.setdefault(where + (i,), item.start_mark.line + 1)
                stack.append((item, where + (i,), False))
    if not lines:
        lines[()] = root.start_mark.line + 1


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for kv in node.value for n in kv]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def line_of(lines: LineMap, where: Sequence[Any]) -> int | None:
    """Line of the deepest known prefix of ``where`` (``None`` if nothing is known)."""
    parts = tuple(where)
    while parts:
        if parts in lines:
            return lines[parts]
        parts = parts[:-1]
    return lines.get((), 1 if lines else None)
