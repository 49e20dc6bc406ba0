"""Front matter of Markdown files: YAML (``---``, PITFALLS P45) and TOML (``+++``, Hugo style).

Values become ``Document.metadata`` strings: scalars as text (booleans ``true`` / ``false``),
lists of scalars joined by ``", "``; nested mappings are left out.  A front matter that cannot
be read is a document warning, never an error: the body is still checked.
"""

from __future__ import annotations

import re
from typing import Any

from ._build import DocumentBuilder

_TOML_LINE = re.compile(
    r"""^\s*([A-Za-z0-9_.-]+)\s*=\s*"""
    r"""(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^#\s][^#]*?))\s*(?:\#.*)?$"""
)
_MAX_FRONT_MATTER = 64 * 1024


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)) or value.__class__.__name__ in ("date", "datetime"):
        return str(value).strip()
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return ", ".join(str(v).strip() for v in value)
    return None


def _set_metadata(builder: DocumentBuilder, values: dict[Any, Any]) -> None:
    for key, value in values.items():
        text = _scalar(value)
        if isinstance(key, str) and text is not None:
            builder.metadata[key.strip()] = text


def yaml_front_matter(builder: DocumentBuilder, content: str) -> None:
    """Read YAML front matter (the text between the ``---`` lines) with ``yaml.safe_load``."""
    import yaml

    if len(content) > _MAX_FRONT_MATTER:
        builder.warn("line 1: front matter over 64 KB was ignored — shorten it")
        return
    try:
        values = yaml.safe_load(content)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 2}" if mark is not None else "line 1"
        problem = getattr(exc, "problem", None) or "syntax error"
        builder.warn(f"{line}: front matter is not valid YAML ({problem}) — it was ignored")
        return
    if values is None:
        return
    if not isinstance(values, dict):
        builder.warn("line 1: front matter is not a YAML mapping (key: value) — it was ignored")
        return
    _set_metadata(builder, values)


def toml_front_matter(builder: DocumentBuilder, src: str, starts: list[int]) -> str:
    """Read ``+++`` front matter; return the source with those lines blanked for markdown-it.

    ``tomllib`` (Python 3.11+) reads it; where it is missing or rejects the text, simple
    ``key = "value"`` lines before the first ``[table]`` are read instead.
    """
    first_end = src.find("\n")
    if first_end < 0 or src[:first_end].rstrip() != "+++":
        return src
    for n in range(1, min(len(starts), 2000)):
        line_end = starts[n + 1] - 1 if n + 1 < len(starts) else len(src)
        if src[starts[n] : line_end].rstrip() == "+++":
            break
    else:
        return src
    body = src[starts[1] : starts[n]]
    values: dict[str, Any] = {}
    try:
        import tomllib

        values = tomllib.loads(body)
    except Exception:  # noqa: BLE001 - fall back to simple key = "value" lines
        for row in body.splitlines():
            if row.lstrip().startswith("["):
                break
            m = _TOML_LINE.match(row)
            if m:
                values[m.group(1)] = next(g for g in m.groups()[1:] if g is not None)
        if not values and body.strip():
            builder.warn("line 2: TOML front matter could not be read — it was ignored")
    _set_metadata(builder, values)
    cut = starts[n + 1] if n + 1 < len(starts) else len(src)
    return "\n" * src.count("\n", 0, cut) + src[cut:]
