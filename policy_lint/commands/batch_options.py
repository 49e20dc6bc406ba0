"""Command-line options shared by ``check`` and ``vet`` for batch runs.

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
