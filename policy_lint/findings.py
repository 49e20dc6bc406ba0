"""What the engine says about a document: statuses, severities, evidence and findings.

Vocabulary from ``STANDARDS.md``: a rule on a document is **met**, **partly met**, **not met**
or **not applicable**; met and partly met carry evidence (quoted sentence + location).
Wording rules (pack ``chscp-language``) give line-level ``Flag``s instead of a status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .model import SourceSpan


class Status(str, Enum):
    """Status of one rule on one document (STANDARDS.md, "Status of one rule")."""

    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        """Human form: ``met``, ``partly met``, ``not met``, ``not applicable``."""
        return self.value.replace("_", " ")

    @property
    def credit(self) -> float:
        """Score credit: 1 met, 0.5 partly met, 0 otherwise (STANDARDS.md, "Scores")."""
        return {"met": 1.0, "partly_met": 0.5}.get(self.value, 0.0)


class Severity(str, Enum):
    """How much a rule matters to a gate: an ``error`` rule not met fails the gate."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A quoted sentence that supports a status.

    Attributes:
        quote: The sentence text as read (normalised).
        span: Where it is.
        heading_path: Headings above it.
        element: Id of the rule element it satisfies.
        strength: ``firm`` or ``weak`` commitment.
        scope: ``full`` (about racism / race) or ``general`` (about equality or
            discrimination in general), per STANDARDS.md.
        label: The computed clause / list number the quote sits in, as cited (``Block.label``,
            PITFALLS P14), e.g. ``clause 4.2`` or ``clause 4, item (a)``; ``""`` when none.
    """

    quote: str
    span: SourceSpan
    heading_path: tuple[str, ...] = ()
    element: str = ""
    strength: str = "firm"
    scope: str = "full"
    label: str = ""

    def location(self) -> str:
        """Where the quote is: ``SourceSpan.label()`` then the label, e.g. ``¶ 5, clause 4.2``."""
        where = self.span.label()
        return f"{where}, {self.label}" if self.label else where


@dataclass(frozen=True, slots=True)
class Finding:
    """The status of one rule on one document, with evidence or what was looked for.

    Attributes:
        rule_id: e.g. ``AR-L11``.
        pack: Pack id, e.g. ``chscp-leaders``.
        name: Readable short name, e.g. ``conduct-clause``.
        title: One-line title.
        status: ``Status``.
        severity: ``Severity`` of the rule (as configured).
        weight: 1–3.
        critical: A critical rule not met keeps a document off Green.
        evidence: Supporting sentences (met / partly met only).
        missing: Element ids not found (or found only weakly / generally).
        message: One-line explanation of the status.
        help: What the rule asks and how to meet it.
        model_clause: Wording that would meet the rule.
        waived: The waiver reason when a configured waiver applies, else ``""``.
    """

    rule_id: str
    pack: str
    name: str
    title: str
    status: Status
    severity: Severity = Severity.WARNING
    weight: int = 1
    critical: bool = False
    evidence: tuple[Evidence, ...] = ()
    missing: tuple[str, ...] = ()
    message: str = ""
    help: str = ""
    model_clause: str = ""
    waived: str = ""


@dataclass(frozen=True, slots=True)
class Flag:
    """A line-level wording finding (pack ``chscp-language``).

    Attributes:
        rule_id: e.g. ``AR-W01``.
        pack: Pack id.
        severity: Usually ``warning``.
        term: The word or phrase flagged, as it appears.
        message: What is wrong and what to write instead.
        span: Location of the flagged term (line/column where the format has them).
        sentence: The sentence it is in.
    """

    rule_id: str
    pack: str
    severity: Severity
    term: str
    message: str
    span: SourceSpan
    sentence: str = ""
    extra: dict[str, str] = field(default_factory=dict)
