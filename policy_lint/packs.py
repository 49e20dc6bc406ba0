"""Load and validate rule packs into a ``RuleSet``.

A pack is a folder with ``pack.yaml`` and one ``<ID>.yaml`` per rule (``docs/rule-format.md``).
Names resolve to ``policy_lint/standards/<name>/``; anything with a path separator, or an
existing folder, is a path. Files are read by ``_yaml.load_yaml`` (1 MB, alias-bomb and
node caps, safe constructor), validated by ``schemas/pack.schema.json`` and
``schemas/rule.schema.json`` (JSON Schema 2020-12), and their term sets compiled with RE2.
Every problem is a one-line ``PackError`` naming the file and line.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Any

from ._rulefile import Compiler, load_rule, validate
from ._yaml import LineMap, line_of, load_yaml
from .errors import PackError
from .findings import Severity
from .ruleset import PackInfo, Rule, RuleSet, Topics

#: Most rules one pack may hold.
MAX_RULES = 5000
#: Deepest ``extends:`` chain followed.
MAX_EXTENDS = 8


def standards_dir() -> str:
    """Folder of the packs shipped with policy-lint."""
    return str(resources.files("policy_lint") / "standards")


def shown(path: str) -> str:
    """``path`` relative to the working folder when it is inside it (for messages)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def pack_path(name_or_path: str) -> str:
    """Resolve a pack name (``chscp-leaders``) or folder path to a folder path.

    Raises:
        PackError: No such pack or folder.
    """
    if os.sep in name_or_path or "/" in name_or_path or os.path.isdir(name_or_path):
        path = name_or_path
    else:
        path = os.path.join(standards_dir(), name_or_path)
    if not os.path.isdir(path):
        shipped = ", ".join(available_packs()) or "none"
        raise PackError(name_or_path, f"no such rule pack — shipped packs: {shipped}")
    return path


def available_packs() -> list[str]:
    """Names of the shipped packs that have a ``pack.yaml``."""
    root = standards_dir()
    if not os.path.isdir(root):
        return []
    return sorted(d for d in os.listdir(root) if os.path.isfile(os.path.join(root, d, "pack.yaml")))


def load_packs(
    names_or_paths: Sequence[str] = ("chscp-leaders",), validate: bool | None = None
) -> RuleSet:
    """Load packs, in order, into one ``RuleSet``.

    Args:
        names_or_paths: Pack names (shipped) or folder paths.
        validate: Check every file against the JSON Schemas. ``None`` (default): yes for
            packs outside ``policy_lint/standards``, no for the shipped packs, whose files the
            test suite validates (``tests/test_packs.py``) — so ``check`` need not import
            jsonschema. Every other check (YAML limits, term sets, references) always runs.

    Returns:
        A frozen ``RuleSet``; rules in pack order, then file-name order.

    Raises:
        PackError: Any invalid file, with ``file:line`` and the field at fault; a rule id
            defined by two packs.
    """
    if isinstance(names_or_paths, str):
        names_or_paths = (names_or_paths,)
    rules: list[Rule] = []
    infos: list[PackInfo] = []
    seen: dict[str, str] = {}
    for item in names_or_paths:
        path = os.path.abspath(pack_path(item))
        check = validate if validate is not None else not _is_shipped(path)
        pack_rules, info = _load_pack_cached(path, check)
        for rule in pack_rules:
            if rule.id in seen:
                raise PackError(
                    rule.file,
                    f"rule {rule.id} is also defined in {seen[rule.id]} — load only one of "
                    "the two packs, or extend one and disable the rule",
                    rule.line,
                )
            seen[rule.id] = rule.file
        rules.extend(pack_rules)
        infos.append(info)
    return RuleSet(tuple(rules), tuple(infos))


def _is_shipped(path: str) -> bool:
    root = os.path.abspath(standards_dir())
    return os.path.dirname(os.path.abspath(path)) == root


def _load_pack_cached(path: str, check: bool) -> tuple[tuple[Rule, ...], PackInfo]:
    stamp = _stamp(path)
    return _load_pack_stamped(path, stamp, check)


def _stamp(path: str) -> tuple[tuple[str, float, int], ...]:
    """Modification stamps of the pack's files, so edits invalidate the cache."""
    out = []
    for name in sorted(os.listdir(path)):
        if name.endswith((".yaml", ".yml")):
            st = os.stat(os.path.join(path, name))
            out.append((name, st.st_mtime, st.st_size))
    return tuple(out)


@lru_cache(maxsize=32)
def _load_pack_stamped(
    path: str, stamp: tuple[tuple[str, float, int], ...], check: bool
) -> tuple[tuple[Rule, ...], PackInfo]:
    rules, info, _ = _load_pack(path, (), check)
    return rules, info


def _check_folder_name(path: str, pack_file: str, pack_id: object, lines: LineMap) -> None:
    """A pack in the standards folder is found by its folder name, so that must be its id.

    ``docs/rule-format.md`` §1: the ``id`` names the pack everywhere (findings, SARIF,
    ``extends``); ``--packs NAME``, config ``packs: [NAME]`` and ``extends: NAME`` find it
    as ``standards/NAME/``. A folder given as a path may have any name.

    Raises:
        PackError: At the ``id:`` line, when the two differ.
    """
    folder = os.path.basename(os.path.normpath(path))
    if _is_shipped(path) and pack_id != folder:
        raise PackError(
            pack_file,
            f"id {pack_id!r} does not match the folder name {folder!r} — a pack in the "
            f"standards folder is found by its folder name: set id: {folder}, or rename the "
            f"folder to {pack_id}",
            line_of(lines, ("id",)),
        )


def _load_pack(
    path: str, chain: tuple[str, ...], check: bool = True
) -> tuple[tuple[Rule, ...], PackInfo, dict[str, Any]]:
    """Load one pack folder. Returns rules, header and the raw merged term sets."""
    if path in chain:
        raise PackError(os.path.join(path, "pack.yaml"), "extends itself (a cycle of packs)")
    if len(chain) > MAX_EXTENDS:
        raise PackError(path, f"extends chain longer than {MAX_EXTENDS} packs")
    pack_file = shown(os.path.join(path, "pack.yaml"))
    if not os.path.isfile(pack_file):
        raise PackError(path, "no pack.yaml in this folder — see docs/rule-format.md §1")
    data, lines = load_yaml(pack_file)
    if check:
        validate(pack_file, data, lines, "pack")
    elif not isinstance(data, dict):
        raise PackError(pack_file, "expected a YAML mapping of pack fields", 1)
    pack_id = data["id"]
    _check_folder_name(path, pack_file, pack_id, lines)

    base_rules: tuple[Rule, ...] = ()
    raw_terms: dict[str, Any] = {}
    base_id = None
    if data.get("extends"):
        target = data["extends"]
        base_dir = (
            os.path.normpath(os.path.join(path, target))
            if ("/" in target or os.sep in target)
            else os.path.join(standards_dir(), target)
        )
        if not os.path.isfile(os.path.join(base_dir, "pack.yaml")):
            raise PackError(
                pack_file, f"extends: no such pack {target!r}", line_of(lines, ("extends",))
            )
        base_rules, base_info, raw_terms = _load_pack(
            os.path.abspath(base_dir), chain + (path,), check and not _is_shipped(base_dir)
        )
        base_id = base_info.id
    raw_terms = {**raw_terms, **(data.get("terms") or {})}
    term_lines = {name: (pack_file, lines, ("terms", name)) for name in data.get("terms") or {}}
    compiler = Compiler(raw_terms, term_lines)
    for name in data.get("terms") or {}:  # compile every set, so errors show even if unused
        compiler.named(name, pack_file)
    topics = Topics(
        compiler.named("racism", pack_file),
        compiler.named("equality", pack_file),
        compiler.named("_protected", pack_file),
    )
    defaults = data.get("defaults") or {}

    rules = list(base_rules)
    ids = {r.id: r.file for r in rules}
    disable = data.get("disable") or []
    for i, rid in enumerate(disable):
        if rid not in ids:
            raise PackError(
                pack_file,
                f"disable: no rule {rid} in the base pack",
                line_of(lines, ("disable", i)),
            )
    rules = [r for r in rules if r.id not in set(disable)]
    for rid, change in (data.get("overrides") or {}).items():
        where = line_of(lines, ("overrides", rid))
        idx = next((i for i, r in enumerate(rules) if r.id == rid), None)
        if idx is None:
            raise PackError(pack_file, f"overrides: no rule {rid} in the base pack", where)
        fields: dict[str, Any] = dict(change)
        if "severity" in fields:
            fields["severity"] = Severity(fields["severity"])
        rules[idx] = replace(rules[idx], **fields)

    files = sorted(
        f
        for f in os.listdir(path)
        if f.endswith((".yaml", ".yml")) and f not in ("pack.yaml", "pack.yml")
    )
    if len(files) + len(rules) > MAX_RULES:
        raise PackError(shown(path), f"more than {MAX_RULES} rules in one pack — split it")
    for name in files:
        rule = load_rule(
            shown(os.path.join(path, name)), pack_id, defaults, compiler, topics, check
        )
        if rule.id in ids:
            raise PackError(
                rule.file,
                f"duplicate rule id {rule.id} (also in {ids[rule.id]}) — give it a new id, "
                "or disable the other one",
                rule.line,
            )
        ids[rule.id] = rule.file
        rules.append(rule)
    info = PackInfo(
        pack_id,
        data["title"],
        str(data["version"]),
        data["source"].strip(),
        path,
        base_id,
        tuple(r.id for r in rules),
    )
    return tuple(rules), info, raw_terms
