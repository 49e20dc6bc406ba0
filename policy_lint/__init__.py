"""policy-lint: check agency documents against the CHSCP Active Anti-Racism Charter.

Public API (imported lazily so that ``import policy_lint`` loads no document parser):

* ``check_paths(paths, config=None) -> Result`` — read, judge and score documents.
* ``load_packs(names_or_paths) -> RuleSet`` — load and validate rule packs.
* ``parse_file(path) -> Document`` — read one document into the model.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "check_paths", "load_packs", "parse_file"]


def __getattr__(name: str) -> Any:
    if name == "check_paths":
        from .api import check_paths

        return check_paths
    if name == "load_packs":
        from .packs import load_packs

        return load_packs
    if name == "parse_file":
        from .parsers import parse_file

        return parse_file
    raise AttributeError(f"module 'policy_lint' has no attribute {name!r}")
