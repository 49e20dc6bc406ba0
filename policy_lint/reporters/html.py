"""HTML: one self-contained page (inline CSS, no scripts, no network, no external assets).

Rendered with Jinja2 (autoescape on, so every piece of document text is HTML-escaped) from
``templates/report.html.j2``, shipped as package data. A Content-Security-Policy meta tag
forbids any network fetch even if a later edit added one. Contents: a summary table with a
RAG badge per document, the organisation matrix (standard × document), and per document a
bar per standard, evidence quotes with locations, help and model clauses, wording flags.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from ..scorecard import Result
from ._common import RAG_LABEL, clean, plain, result_to_dict, summary_line

_CREDIT = {"met": 100, "partly_met": 50, "not_met": 0, "not_applicable": 0}
_SHORT = {"met": "met", "partly_met": "partly", "not_met": "not", "not_applicable": "n/a"}


@lru_cache(maxsize=1)
def _template() -> Any:
    import jinja2

    source = resources.files(__package__).joinpath("templates/report.html.j2").read_text("utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["plain"] = plain
    return env.from_string(source)


def _clean_tree(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {k: _clean_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_tree(v) for v in value]
    return value


def _fmt(score: float | None) -> str:
    return "—" if score is None else f"{score:g}"


def render(result: Result) -> str:
    """The HTML page as text."""
    data = _clean_tree(result_to_dict(result))
    readable = [d for d in data["documents"] if not d["error"]]
    page: str = _template().render(
        data=data,
        readable=readable,
        summary=summary_line(result),
        rag_label=RAG_LABEL,
        credit=_CREDIT,
        short=_SHORT,
        fmt=_fmt,
    )
    return page + "\n"
