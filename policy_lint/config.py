"""Project configuration: ``.policy-lint.yaml`` or ``[tool.policy-lint]`` in ``pyproject.toml``.

The nearest config is found by walking up from a checked file's folder (in each folder:
``.policy-lint.yaml``, ``.policy-lint.yml``, then a ``pyproject.toml`` that has a
``[tool.policy-lint]`` table). It is validated against ``schemas/config.schema.json``; every
problem is a ``ConfigError`` naming the file and line (exit status 2). Rule ids and pack names
it mentions are checked against the packs by ``config_refs.check_references``.

Paths in ``doc_types``, ``exclude`` and ``waivers`` are globs in ``.gitignore`` syntax
(library: ``pathspec``), relative to the config file's folder.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from .errors import ConfigError
from .scorecard import Thresholds

CONFIG_NAMES = (".policy-lint.yaml", ".policy-lint.yml")
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class RuleSetting:
    """Per-rule configuration: on or off, an optional severity override, its config line."""

    enabled: bool = True
    severity: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Waiver:
    """An accepted gap: ``rule`` on paths matching ``paths`` until ``expires`` (ISO date)."""

    rule: str
    paths: tuple[str, ...]
    reason: str
    expires: str
    line: int | None = None
    rule_line: int | None = None


@dataclass(frozen=True, slots=True)
class Config:
    """A validated configuration; every field is optional (``None`` = not configured).

    Attributes:
        path: Config file ("" for defaults).
        root: Folder the globs are relative to.
        packs: Packs applied to every document, or ``None`` for the per-type default.
        fail_under: Score gate (0–100).
        thresholds: RAG thresholds.
        rules: Rule id → ``RuleSetting``.
        doc_types: ``(glob, doc_type)`` overrides, first match wins.
        exclude: Globs never checked when walking folders.
        waivers: Accepted gaps.
        pdf_engine: ``pypdfium2`` or ``pdfplumber``.
        suppliers: ``(glob, supplier name)`` for ``policy-lint vet``, first match wins.
        pack_lines: Config line of each entry of ``packs`` (for error messages).
    """

    path: str = ""
    root: str = "."
    packs: tuple[str, ...] | None = None
    fail_under: float | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    doc_types: tuple[tuple[str, str], ...] = ()
    exclude: tuple[str, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    pdf_engine: str | None = None
    suppliers: tuple[tuple[str, str], ...] = ()
    pack_lines: tuple[int | None, ...] = ()

    def relative(self, path: str) -> str | None:
        """``path`` relative to ``root`` in POSIX form, or ``None`` if it lies outside."""
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))
        if rel == ".." or rel.startswith(".." + os.sep):
            return None
        return rel.replace(os.sep, "/")

    def matches(self, patterns: tuple[str, ...], path: str) -> bool:
        """True when ``path`` matches any of ``patterns`` (``.gitignore`` syntax)."""
        rel = self.relative(path)
        return rel is not None and bool(patterns) and _spec(patterns).match_file(rel)

    def doc_type_for(self, path: str) -> str | None:
        """The configured document type for ``path``, if a ``doc_types`` glob matches."""
        for pattern, doc_type in self.doc_types:
            if self.matches((pattern,), path):
                return doc_type
        return None

    def is_excluded(self, path: str) -> bool:
        """True when ``path`` matches an ``exclude`` glob."""
        return self.matches(self.exclude, path)


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> Any:
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(patterns)


def find_config(start: str) -> str | None:
    """The nearest config file at or above folder ``start``, or ``None``."""
    folder = os.path.abspath(start)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return candidate
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_tool_table(pyproject):
            return pyproject
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_tool_table(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as fh:
            return any(line.strip().startswith("[tool.policy-lint") for line in fh)
    except (OSError, UnicodeDecodeError):
        return False


def load_config(path: str) -> Config:
    """Read and validate one config file.

    YAML is read by the shared loader (``_yaml.load_yaml``: 1 MB, safe constructor, alias
    and node limits, a line for every key), with dates kept as the text written so a bad
    date is reported at its line. Rule ids and pack names are checked against the packs
    later, by ``config_refs.check_references``, once the packs in use are known. Results
    are cached by absolute path and modification stamp.

    Args:
        path: A ``.policy-lint.yaml`` / ``.yml`` file or a ``pyproject.toml``.

    Returns:
        The validated ``Config``.

    Raises:
        ConfigError: Unreadable file, bad YAML/TOML, or a schema violation, at ``path:line``.
    """
    try:
        st = os.stat(path)
        stamp: tuple[Any, ...] = (os.path.abspath(path), st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = (os.path.abspath(path),)  # reported by the reader below
    return _load_config(path, stamp)


@lru_cache(maxsize=64)
def _load_config(path: str, stamp: tuple[Any, ...]) -> Config:
    """``load_config``, cached by absolute path and modification stamp.

    ``path`` (as shown in messages) is often relative, so it alone must not be the key: the
    same ``.policy-lint.yaml`` name in another working folder, or an edited file, is another
    config.
    """
    from ._yaml import read_text  # PyYAML is imported only when a config is read

    if path.endswith(".toml"):
        data, locate = _read_toml(path, read_text(path, ConfigError, *_SIZE_WORDS))
    else:
        data, locate = _read_yaml(path)
    data = _dates_to_text(data)
    _validate(path, data, locate)
    return _build(path, data, locate)


#: ``what`` and ``advice`` for ``_yaml.read_text`` / ``load_yaml`` size errors.
_SIZE_WORDS = ("config file", "is this the right file?")


def _read_yaml(path: str) -> tuple[Any, Any]:
    from ._yaml import line_of, load_yaml

    data, lines = load_yaml(
        path, ConfigError, dates_as_text=True, what=_SIZE_WORDS[0], advice=_SIZE_WORDS[1]
    )

    def locate(where: list[Any]) -> int | None:
        return line_of(lines, where) or 1

    return ({} if data is None else data), locate


def _read_toml(path: str, text: str) -> tuple[Any, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef,unused-ignore]
    try:
        whole = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"invalid TOML: {exc} — fix the syntax") from None
    data = whole.get("tool", {}).get("policy-lint", {})
    return data, _toml_locator(text.splitlines())


def _toml_locator(lines: list[str]) -> Any:
    """``locate(where)`` for a ``pyproject.toml``: the 1-based line of a key path.

    A key is found as ``key =``, ``key.`` (dotted key) or a ``[...key]`` / ``[[...key]]``
    header, searching down from the ``[tool.policy-lint`` header; item ``i`` of an array
    is the ``i+1``-th occurrence of the key that follows it (``waivers, 1, rule``: the
    second ``rule =``), or of the array's own key (``[[tool.policy-lint.waivers]]``).
    """
    header = next(
        (i for i, ln in enumerate(lines) if ln.strip().startswith("[tool.policy-lint")), 0
    )

    def nth(key: str, start: int, n: int) -> int | None:
        pattern = re.compile(rf"(?:^|[\s{{,.\[])([\"']?){re.escape(key)}\1\s*(?:=|\.|\])")
        hits = (i for i in range(start, len(lines)) if pattern.search(lines[i]))
        return next(itertools.islice(hits, n, None), None)

    def locate(where: list[Any]) -> int | None:
        line, parent = header, None
        for pos, key in enumerate(where):
            if isinstance(key, int):
                after = where[pos + 1] if pos + 1 < len(where) else None
                if isinstance(after, str):
                    hit = nth(after, line, key)
                elif parent is not None:
                    hit = nth(parent, line, key)
                else:
                    hit = None
                if hit is None:
                    break
                line, parent = hit, None
                continue
            hit = nth(str(key), line, 0)
            if hit is None:
                break
            line, parent = hit, str(key)
        return line + 1

    return locate


def _dates_to_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _dates_to_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_to_text(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    return value


@lru_cache(maxsize=1)
def config_schema() -> dict[str, Any]:
    """The config JSON Schema shipped as ``policy_lint/schemas/config.schema.json``."""
    text = resources.files("policy_lint").joinpath("schemas/config.schema.json").read_text()
    schema: dict[str, Any] = json.loads(text)
    return schema


def _validate(path: str, data: Any, locate: Any) -> None:
    import jsonschema

    validator = jsonschema.Draft7Validator(config_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), e.path))
    if not errors:
        rag = data.get("rag", {})
        if rag.get("amber", 50) > rag.get("green", 80):
            raise ConfigError(
                path, "rag: amber is above green — amber must be at most green", locate(["rag"])
            )
        return
    err = errors[0]
    where = list(err.absolute_path)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        allowed = set(err.schema.get("properties", {}))
        extra = sorted(k for k in err.instance if k not in allowed)
        if extra:
            where.append(extra[0])
            keys = ", ".join(sorted(allowed))
            raise ConfigError(
                path,
                f"{_dotted(where)}: unknown setting — use one of: {keys}",
                locate(where),
            )
    hint = err.schema.get("description", "") if isinstance(err.schema, dict) else ""
    if err.validator == "oneOf" and "rules" in where:
        hint = "use off, on, error, warning, info or {enabled: …, severity: …}"
    message = err.message if len(err.message) < 160 else err.message[:157] + "…"
    if err.validator == "oneOf":
        message = f"{err.instance!r} is not an allowed value"
    tail = f" — {hint}" if hint else " — see schemas/config.schema.json"
    raise ConfigError(path, f"{_dotted(where) or 'config'}: {message}{tail}", locate(where))


def _dotted(where: list[Any]) -> str:
    return "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in where).lstrip(".")


def _build(path: str, data: dict[str, Any], locate: Any) -> Config:
    rules: dict[str, RuleSetting] = {}
    for rule_id, value in data.get("rules", {}).items():
        line = locate(["rules", rule_id])
        if isinstance(value, bool):
            rules[rule_id] = RuleSetting(enabled=value, line=line)
        elif isinstance(value, str):
            severity = value if value in SEVERITIES else None
            rules[rule_id] = RuleSetting(value != "off", severity, line)
        else:
            rules[rule_id] = RuleSetting(value.get("enabled", True), value.get("severity"), line)
    waivers = []
    for i, w in enumerate(data.get("waivers", [])):
        paths = (w["paths"],) if isinstance(w["paths"], str) else tuple(w["paths"])
        try:
            _dt.date.fromisoformat(w["expires"])
        except ValueError:
            raise ConfigError(
                path,
                f"waivers[{i}].expires: {w['expires']!r} is not a real date — use YYYY-MM-DD",
                locate(["waivers", i, "expires"]),
            ) from None
        where = locate(["waivers", i])
        rule_line = locate(["waivers", i, "rule"])
        waivers.append(Waiver(w["rule"], paths, w["reason"], w["expires"], where, rule_line))
    rag = data.get("rag", {})
    packs = data.get("packs")
    return Config(
        path=path,
        root=os.path.dirname(os.path.abspath(path)),
        packs=tuple(packs) if packs else None,
        fail_under=data.get("fail_under"),
        thresholds=Thresholds(float(rag.get("green", 80)), float(rag.get("amber", 50))),
        rules=rules,
        doc_types=tuple(data.get("doc_types", {}).items()),
        exclude=tuple(data.get("exclude", ())),
        waivers=tuple(waivers),
        pdf_engine=data.get("pdf_engine"),
        suppliers=tuple(data.get("suppliers", {}).items()),
        pack_lines=tuple(locate(["packs", i]) for i in range(len(packs or ()))),
    )


def config_for(path: str, explicit: str | None = None) -> Config:
    """The config governing document ``path``: ``explicit`` if given, else the nearest one.

    Raises:
        ConfigError: When the chosen config is invalid (or ``explicit`` does not exist).
    """
    if explicit:
        if not os.path.isfile(explicit):
            raise ConfigError(explicit, "no such config file — check the --config path")
        return load_config(explicit)
    folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
    found = find_config(folder)
    return load_config(_shown(found)) if found else Config(root=os.path.abspath(folder))


def _shown(path: str) -> str:
    """``path`` relative to the working folder when it lies inside it (for messages)."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel
