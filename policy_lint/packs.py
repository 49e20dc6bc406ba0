"""Load and validate rule packs into a ``RuleSet``.

A pack is a folder with ``pack.yaml`` and one ``<ID>.yaml`` per rule (``docs/rule-format.md``).
Names resolve to ``policy_lint/standards/<name>/``; anything with a path separator, or an
existing folder, is a path. Files are read by ``_yaml.load_yaml`` (1 MB, alias-bomb and
node caps, safe constructor), validated by ``schemas/pack.schema.json`` and
``schemas/rule.schema.json`` (JSON Schema 2020-12), and their term sets compiled with RE2.
Every problem is a one-line ``PackError`` naming the file and line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Any

from ._yaml import LineMap, line_of, load_yaml
from .errors import PackError
from .findings import Severity
from .ruleset import (
    Element,
    Example,
    Near,
    PackInfo,
    Rule,
    RuleSet,
    Topics,
    Wording,
)
from .terms import BUILTIN_TERMS, TermError, TermSet, compile_set

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


def load_packs(names_or_paths: Sequence[str] = ("chscp-leaders",)) -> RuleSet:
    """Load packs, in order, into one ``RuleSet``.

    Args:
        names_or_paths: Pack names (shipped) or folder paths.

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
        pack_rules, info = _load_pack_cached(os.path.abspath(pack_path(item)))
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


def _load_pack_cached(path: str) -> tuple[tuple[Rule, ...], PackInfo]:
    stamp = _stamp(path)
    return _load_pack_stamped(path, stamp)


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
    path: str, stamp: tuple[tuple[str, float, int], ...]
) -> tuple[tuple[Rule, ...], PackInfo]:
    rules, info, _ = _load_pack(path, ())
    return rules, info


def _load_pack(
    path: str, chain: tuple[str, ...]
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
    _validate(pack_file, data, lines, "pack")
    pack_id = data["id"]

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
        base_rules, base_info, raw_terms = _load_pack(os.path.abspath(base_dir), chain + (path,))
        base_id = base_info.id
    raw_terms = {**raw_terms, **(data.get("terms") or {})}
    term_lines = {name: (pack_file, lines, ("terms", name)) for name in data.get("terms") or {}}
    compiler = _Compiler(raw_terms, term_lines)
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
        raise PackError(path, f"more than {MAX_RULES} rules in one pack — split it")
    for name in files:
        rule = _load_rule(shown(os.path.join(path, name)), pack_id, defaults, compiler, topics)
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


class _Compiler:
    """Compiles term sets by name, once per pack, with errors at their YAML line."""

    def __init__(
        self, raw: dict[str, Any], where: dict[str, tuple[str, LineMap, tuple[Any, ...]]]
    ) -> None:
        self.raw = raw
        self.where = where
        self.cache: dict[str, TermSet] = {}

    def named(
        self,
        name: str,
        file: str,
        local: Mapping[str, Any] | None = None,
        local_where: tuple[str, LineMap] | None = None,
    ) -> TermSet:
        """Compile the set ``name`` (rule-local first, then pack, then built-in)."""
        if local and name in local:
            assert local_where is not None
            lfile, llines = local_where
            return self.compile(name, local[name], lfile, llines, ("terms", name), local)
        if name in self.cache:
            return self.cache[name]
        if name in self.raw:
            pfile, plines, ppath = self.where.get(name, (file, {}, ()))
            ts = self.compile(name, self.raw[name], pfile, plines, ppath, None)
        elif name in BUILTIN_TERMS:
            ts = compile_set(name, BUILTIN_TERMS[name])
        else:
            raise KeyError(name)
        self.cache[name] = ts
        return ts

    def compile(
        self,
        name: str,
        entries: Sequence[Any],
        file: str,
        lines: LineMap,
        where: tuple[Any, ...],
        local: Mapping[str, Any] | None,
    ) -> TermSet:
        """Compile a list of entries; ``@refs`` resolve locally, then pack, then built-in."""

        def resolve(ref: str) -> Sequence[Any]:
            if local and ref in local:
                return list(local[ref])
            if ref in self.raw:
                return list(self.raw[ref])
            return list(BUILTIN_TERMS[ref])

        try:
            return compile_set(name, entries, resolve)
        except TermError as err:
            at = where + ((err.index,) if err.index is not None else ())
            raise PackError(file, f"term set {name}: {err.reason}", line_of(lines, at)) from None


def _validate(file: str, data: Any, lines: LineMap, which: str) -> None:
    """Validate against the pack or rule schema; first error → PackError at its line."""
    from jsonschema.exceptions import best_match

    if not isinstance(data, dict):
        raise PackError(file, f"expected a YAML mapping of {which} fields", 1)
    validator = _validators()[which]
    error = best_match(validator.iter_errors(data))
    if error is None:
        return
    path = list(error.absolute_path)
    message = " ".join(error.message.split())
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = set(error.schema.get("properties", {}))
        extra = sorted(str(k) for k in error.instance if k not in known)
        if extra:
            path.append(extra[0])
            message = f"unknown field {extra[0]!r}"
    field = _field_name(path) or "(top level)"
    if len(message) > 160:
        message = message[:157] + "..."
    raise PackError(
        file,
        f"{field}: {message} — see docs/rule-format.md",
        line_of(lines, path),
    )


def _field_name(path: Sequence[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@lru_cache(maxsize=1)
def _validators() -> dict[str, Any]:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = {}
    for which in ("pack", "rule"):
        text = (resources.files("policy_lint") / "schemas" / f"{which}.schema.json").read_text(
            "utf-8"
        )
        schemas[which] = json.loads(text)
    registry: Registry[Any] = Registry().with_resources(
        [(s["$id"], Resource.from_contents(s)) for s in schemas.values()]
    )
    return {k: Draft202012Validator(v, registry=registry) for k, v in schemas.items()}


def _load_rule(
    file: str, pack_id: str, defaults: Mapping[str, Any], compiler: _Compiler, topics: Topics
) -> Rule:
    data, lines = load_yaml(file)
    _validate(file, data, lines, "rule")
    stem = os.path.splitext(os.path.basename(file))[0]
    if data["id"] != stem:
        raise PackError(
            file,
            f"id: {data['id']!r} does not match the file name — rename the file to "
            f"{data['id']}.yaml",
            line_of(lines, ("id",)),
        )
    local = data.get("terms") or {}
    local_where = (file, lines)
    for name in local:  # compile early so errors point at the definition
        compiler.named(name, file, local, local_where)

    def ref(value: Any, where: tuple[Any, ...]) -> TermSet:
        if isinstance(value, str):
            try:
                return compiler.named(value, file, local, local_where)
            except KeyError:
                raise PackError(
                    file,
                    f"{_field_name(where)}: unknown term set {value!r} — define it under "
                    "terms: in this rule or in pack.yaml",
                    line_of(lines, where),
                ) from None
        return compiler.compile(
            f"{data['id']}:{_field_name(where)}", value, file, lines, where, local
        )

    topic = data.get("topic", "any")
    elements: list[Element] = []
    ids: set[str] = set()
    for i, el in enumerate(data.get("elements") or ()):
        at: tuple[Any, ...] = ("elements", i)
        if el["id"] in ids:
            raise PackError(file, f"duplicate element id {el['id']!r}", line_of(lines, at))
        ids.add(el["id"])
        if "all" in el:
            sets = tuple(ref(v, at + ("all", j)) for j, v in enumerate(el["all"]))
        else:
            sets = (ref(el["terms"], at + ("terms",)),)
        near = None
        if "near" in el:
            near = Near(
                ref(el["near"]["terms"], at + ("near", "terms")),
                el["near"].get("within", "sentence"),
            )
        elements.append(
            Element(
                el["id"],
                " ".join(el["description"].split()),
                sets,
                el.get("scope", "sentence"),
                el.get("topic", topic),
                near,
                tuple(
                    ref(v, at + ("under_heading", j))
                    for j, v in enumerate(el.get("under_heading") or ())
                ),
                tuple(ref(v, at + ("unless", j)) for j, v in enumerate(el.get("unless") or ())),
                bool(el.get("weak_ok", False)),
                bool(el.get("heading_sets_topic", False)),
            )
        )
    for key in ("met_when", "partly_when"):
        value = data.get(key)
        if isinstance(value, list):
            for j, eid in enumerate(value):
                if eid not in ids:
                    raise PackError(
                        file, f"{key}: no element {eid!r} in this rule", line_of(lines, (key, j))
                    )
    wording = None
    if data["kind"] == "wording":
        exc = data.get("except") or []
        wording = Wording(
            tuple(ref(v, ("flag", j)) for j, v in enumerate(data["flag"])),
            " ".join(data["message"].split()),
            ref(list(exc), ("except",)) if exc else None,
            tuple(ref(v, ("unless", j)) for j, v in enumerate(data.get("unless") or ())),
            tuple(ref(v, ("when", j)) for j, v in enumerate(data.get("when") or ())),
            data.get("suggest", ""),
        )
    examples = tuple(
        Example(
            ex["text"],
            ex.get("status"),
            tuple(ex["flags"]) if "flags" in ex else None,
            ex.get("doc_type"),
            bool(ex.get("negated", False)),
            ex.get("note", ""),
            line_of(lines, ("examples", j)) or 0,
        )
        for j, ex in enumerate(data["examples"])
    )

    def as_logic(value: Any, default: str) -> str | tuple[str, ...]:
        return tuple(value) if isinstance(value, list) else (value or default)

    return Rule(
        id=data["id"],
        pack=pack_id,
        name=data["name"],
        title=" ".join(data["title"].split()),
        source=" ".join(data["source"].split()),
        applies_to=tuple(data["applies_to"]),
        kind=data["kind"],
        severity=Severity(data.get("severity", defaults.get("severity", "warning"))),
        weight=int(data.get("weight", defaults.get("weight", 1))),
        critical=bool(data.get("critical", defaults.get("critical", False))),
        help=data["help"].strip(),
        model_clause=(data.get("model_clause") or "").strip(),
        examples=examples,
        topics=topics,
        topic=topic,
        elements=tuple(elements),
        met_when=as_logic(data.get("met_when"), "all"),
        partly_when=as_logic(data.get("partly_when"), "any"),
        wording=wording,
        tags=tuple(data.get("tags") or ()),
        file=file,
        line=line_of(lines, ("id",)) or 1,
    )
