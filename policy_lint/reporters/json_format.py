"""JSON: the whole result, sorted keys, two-space indent, deterministic bytes.

Shape: ``schemas/scorecard.schema.json`` (validated in the tests). No timestamps, so the
same documents and settings always give byte-identical output.
"""

from __future__ import annotations

import json

from ..scorecard import Result
from ._common import result_to_dict


def render(result: Result) -> str:
    """The result as JSON text ending in a newline."""
    return json.dumps(result_to_dict(result), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
