"""JSON: the whole result, sorted keys, two-space indent, deterministic bytes.

Shape: ``schemas/scorecard.schema.json`` (validated in the tests). No timestamps, so the
same documents and settings always give byte-identical output.
"""

from __future__ import annotations

from ..scorecard import Result
from ._common import json_text, result_to_dict


def render(result: Result) -> str:
    """The result as JSON text ending in a newline (control characters escaped)."""
    return json_text(result_to_dict(result))
