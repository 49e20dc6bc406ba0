"""One rule file → a compiled ``Rule``; schema validation and term-set compilation.

Helpers of ``packs``: ``validate`` checks a YAML mapping against ``schemas/pack.schema.json`` or
``schemas/rule.schema.json`` (JSON Schema 2020-12) and reports the first error at its YAML
line; ``Compiler`` compiles a pack's term sets once each; ``load_rule`` builds a ``Rule``.
Every problem is a one-line ``PackError`` naming the file, line and field.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from ._yaml import LineMap, line_of, load_yaml
from .errors import PackError
from .findings import Severity
from .ruleset import Element, Example, Near, Rule, Topics, Wording
from .terms import BUILTIN_TERMS, TermError, TermSet, compile_set


class Compiler:
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


def validate(file: str, data: Any, lines: LineMap, which: str) -> None:
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
    if error.validator == "maxLength":
        message = f"longer than the {error.validator_value}-character limit"
    elif error.validator == "maxItems":
        message = f"more than {error.validator_value} items"
    field = field_name(path) or "(top level)"
    if len(message) > 160:
        message = message[:157] + "..."
    raise PackError(
        file,
        f"{field}: {message} — see docs/rule-format.md",
        line_of(lines, path),
    )


def field_name(path: Sequence[Any]) -> str:
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


def load_rule(
    file: str,
    pack_id: str,
    defaults: Mapping[str, Any],
    compiler: Compiler,
    topics: Topics,
    check: bool = True,
) -> Rule:
    """Build one rule from its file; ``check=False`` skips the JSON Schema (shipped packs)."""
    data, lines = load_yaml(file)
    if check:
        validate(file, data, lines, "rule")
    elif not isinstance(data, dict):
        raise PackError(file, "expected a YAML mapping of rule fields", 1)
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
                    f"{field_name(where)}: unknown term set {value!r} — define it under "
                    "terms: in this rule or in pack.yaml",
                    line_of(lines, where),
                ) from None
        return compiler.compile(
            f"{data['id']}:{field_name(where)}", value, file, lines, where, local
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
