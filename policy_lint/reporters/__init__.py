"""Output formats: one module per format, each a pure ``render(result) -> str``.

``REPORTERS`` maps a format name to its module in this package; modules are imported only
when used (``get_renderer``), so the text reporter's ``rich`` or the HTML reporter's
``jinja2`` load only when asked for. The CLI writes the returned text to stdout or, via
``policy_lint.atomic``, to a file.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import Any

#: format name → module in ``policy_lint.reporters``.
REPORTERS: dict[str, str] = {
    "text": "text",
    "json": "json_format",
    "sarif": "sarif",
    "markdown": "markdown",
    "html": "html",
    "csv": "csv_format",
    "junit": "junit",
}

_SURROGATE = re.compile("[\ud800-\udfff]")

#: Conventional file suffix per format (for help text and defaults).
SUFFIXES: dict[str, str] = {
    "text": ".txt",
    "json": ".json",
    "sarif": ".sarif",
    "markdown": ".md",
    "html": ".html",
    "csv": ".csv",
    "junit": ".xml",
}


def get_renderer(name: str) -> Callable[..., str]:
    """The ``render`` function of format ``name`` (a key of ``REPORTERS``).

    Raises:
        KeyError: Unknown format.
    """
    module = importlib.import_module(f"{__name__}.{REPORTERS[name]}")
    render: Callable[..., str] = module.render
    return render


def render(name: str, result: Any, **options: Any) -> str:
    """Render ``result`` in format ``name`` (options are passed to the text reporter only).

    The text returned is always encodable as UTF-8: a file name that is not valid UTF-8
    reaches Python with lone surrogates (PEP 383), which become U+FFFD here.
    """
    if name == "text":
        out = get_renderer(name)(result, **options)
    else:
        out = get_renderer(name)(result)
    return _SURROGATE.sub("\ufffd", out)
