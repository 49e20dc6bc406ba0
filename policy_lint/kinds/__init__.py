"""Rule kinds: how a rule's data is matched against a document.

``KINDS`` is the explicit registry (no import magic): kind name → ``Kind`` with the function
the engine calls. A requirement kind returns one ``Finding`` (a scorecard row); a wording kind
returns line-level ``Flag``s. Both read a ``DocIndex`` built once per document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..findings import Finding, Flag
from ..ruleset import Rule
from . import requirement, wording
from ._index import DocIndex


@dataclass(frozen=True)
class Kind:
    """A rule kind.

    Attributes:
        name: As written in rule files (``kind:``).
        scorecard: True when it gives a status per document (a scorecard row).
        evaluate: ``(rule, index) -> Finding`` for scorecard kinds.
        flags: ``(rule, index) -> [(sentence index, offset, Flag)]`` for line-level kinds,
            in reading order.
    """

    name: str
    scorecard: bool
    evaluate: Callable[[Rule, DocIndex], Finding] | None = None
    flags: Callable[[Rule, DocIndex], list[tuple[int, int, Flag]]] | None = None


KINDS: dict[str, Kind] = {
    "requirement": Kind("requirement", True, evaluate=requirement.evaluate),
    "wording": Kind("wording", False, flags=wording.flags),
}

__all__ = ["KINDS", "DocIndex", "Kind"]
