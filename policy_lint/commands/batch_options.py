"""Command-line options shared by ``check`` and ``vet``.

``reading_options``: ``--packs`` (names or folders, comma-separated or repeated),
``--doc-type``, ``--pdf-engine`` and ``--config``; ``pack_names`` turns ``--packs`` values
into names.

``--jobs`` (worker processes; default every core, 1 checks in-process), ``--timeout``
(seconds per document, after which it is an error row; 0 for no limit), ``--cache-dir`` and
``--no-cache`` (the result cache, ``policy_lint.cache``). Kept apart from both commands so
neither imports the other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..batch import DEFAULT_TIMEOUT


def batch_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--jobs``, ``--timeout``, ``--cache-dir`` and ``--no-cache`` to a click command."""
    options = [
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                     help="Worker processes (default: all cores; 1 runs in-process)."),
        click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT,
                     show_default=True, metavar="SECONDS",
                     help="Time limit per document; 0 for none. A document over it is "
                     "reported as an error row."),
        click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
                     help="Result cache folder (default: the user cache folder)."),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


#: Document types a user may force with ``--doc-type``: ``ruleset.DOC_TYPES``, repeated here
#: because importing ``ruleset`` (and RE2 with it) while building the command line would
#: cost ~30 ms of start-up; a test keeps the two equal.
DOC_TYPES = (
    "strategy", "policy", "procedure", "code_of_conduct", "handbook", "contract",
    "service_specification", "practice_guidance", "other",
)


def reading_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--packs``, ``--doc-type``, ``--pdf-engine`` and ``--config`` to a click command."""
    options = [
        click.option("--packs", "packs", multiple=True, metavar="PACK[,PACK]",
                     help="Rule packs (names or folders); default: per document type."),
        click.option("--doc-type", type=click.Choice(DOC_TYPES), default=None,
                     help="Treat every document as this type instead of detecting it."),
        click.option("--pdf-engine", type=click.Choice(["pypdfium2", "pdfplumber"]),
                     default=None, help="PDF text engine (default pypdfium2)."),
        click.option("--config", "config", type=click.Path(dir_okay=False), default=None,
                     help="Config file (default: nearest .policy-lint.yaml or "
                     "pyproject.toml)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def pack_names(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """``--packs`` values (repeated and/or comma-separated) as names, or ``None`` for none."""
    names = tuple(p.strip() for v in values for p in v.split(",") if p.strip())
    return names or None
