"""Compiled rule objects: what ``packs.load_packs`` returns and the kinds read.

A ``Rule`` holds one rule file's data with its term sets already compiled (``terms.TermSet``);
a ``RuleSet`` is the ordered, frozen collection of the rules of one or more packs. See
``docs/rule-format.md`` for the file format these mirror.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .findings import Severity
from .terms import TermSet

#: Every document type (STANDARDS.md).
DOC_TYPES = (
    "strategy",
    "policy",
    "procedure",
    "code_of_conduct",
    "handbook",
    "contract",
    "service_specification",
    "practice_guidance",
    "other",
)


@dataclass(frozen=True)
class Example:
    """One example case of a rule (``examples:`` entry).

    Attributes:
        text: Markdown text of the case.
        status: Expected status value (requirement rules), else ``None``.
        flags: Expected flagged terms (wording rules), else ``None``.
        doc_type: Doc type to evaluate with (``None``: the rule's first ``applies_to``).
        negated: The case is a negated ``not_met`` case.
        note: Why the case matters.
        line: 1-based line of the entry in the rule file.
    """

    text: str
    status: str | None = None
    flags: tuple[str, ...] | None = None
    doc_type: str | None = None
    negated: bool = False
    note: str = ""
    line: int = 0


@dataclass(frozen=True)
class Near:
    """``near:`` of an element: a set that must also occur next to the anchor sentence."""

    terms: TermSet
    within: str = "sentence"


@dataclass(frozen=True)
class Element:
    """One thing a requirement rule asks for (``docs/rule-format.md`` §4)."""

    id: str
    description: str
    sets: tuple[TermSet, ...]
    scope: str = "sentence"
    topic: str = "any"
    near: Near | None = None
    under_heading: tuple[TermSet, ...] = ()
    unless: tuple[TermSet, ...] = ()
    weak_ok: bool = False
    heading_sets_topic: bool = False


@dataclass(frozen=True)
class Wording:
    """Fields of a ``kind: wording`` rule (``docs/rule-format.md`` §7)."""

    flag: tuple[TermSet, ...]
    message: str
    except_: TermSet | None = None
    unless: tuple[TermSet, ...] = ()
    when: tuple[TermSet, ...] = ()
    suggest: str = ""


@dataclass(frozen=True)
class Topics:
    """The topic vocabularies a rule uses (pack ``racism`` / ``equality`` sets)."""

    racism: TermSet
    equality: TermSet
    protected: TermSet


@dataclass(frozen=True)
class Rule:
    """A compiled rule.

    Attributes:
        id, pack, name, title, source: Identity and charter source.
        applies_to: Doc types (``("all",)`` for every type).
        kind: ``requirement`` or ``wording``.
        severity, weight, critical: Gate settings (after pack defaults and overrides).
        help, model_clause: Text for people (Markdown).
        examples: Test cases.
        elements, met_when, partly_when, topic: Requirement logic.
        wording: Wording-rule fields, else ``None``.
        topics: Topic vocabularies.
        file, line: Where the rule was defined.
    """

    id: str
    pack: str
    name: str
    title: str
    source: str
    applies_to: tuple[str, ...]
    kind: str
    severity: Severity
    weight: int
    critical: bool
    help: str
    model_clause: str
    examples: tuple[Example, ...]
    topics: Topics
    topic: str = "any"
    elements: tuple[Element, ...] = ()
    met_when: str | tuple[str, ...] = "all"
    partly_when: str | tuple[str, ...] = "any"
    wording: Wording | None = None
    tags: tuple[str, ...] = ()
    file: str = ""
    line: int = 1

    def applies(self, doc_type: str) -> bool:
        """True when the rule applies to documents of ``doc_type``."""
        return "all" in self.applies_to or doc_type in self.applies_to

    @property
    def default_doc_type(self) -> str:
        """Doc type used for examples that give none: the first ``applies_to`` entry."""
        return "policy" if self.applies_to[0] == "all" else self.applies_to[0]

    @property
    def has_weak_path(self) -> bool:
        """True unless ``partly_when: none`` (then no partly-met examples are needed)."""
        return self.partly_when != "none"


@dataclass(frozen=True)
class PackInfo:
    """A loaded pack's header."""

    id: str
    title: str
    version: str
    source: str
    path: str
    extends: str | None = None
    rule_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleSet:
    """Rules of one or more packs, in pack then file order.

    Attributes:
        rules: Every rule (requirement and wording).
        packs: Header of every pack loaded, in order.
    """

    rules: tuple[Rule, ...] = ()
    packs: tuple[PackInfo, ...] = ()
    _index: dict[str, Rule] = field(default_factory=dict, compare=False, repr=False)
    #: Compiled artefacts shared by every evaluation with this rule set (the engine's matcher).
    cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({rule.id: rule for rule in self.rules})

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        """The rule with ``rule_id`` (case-insensitive), else ``None``."""
        return self._index.get(rule_id) or self._index.get(rule_id.upper())

    @property
    def requirements(self) -> tuple[Rule, ...]:
        """Scorecard rules (``kind: requirement``)."""
        return tuple(r for r in self.rules if r.kind == "requirement")

    @property
    def wordings(self) -> tuple[Rule, ...]:
        """Wording rules (``kind: wording``)."""
        return tuple(r for r in self.rules if r.kind == "wording")

    def term_sets(self) -> list[TermSet]:
        """Every term set the rules read from sentences (elements, topics, wording)."""
        out: list[TermSet] = []
        for rule in self.rules:
            out += [rule.topics.racism, rule.topics.equality, rule.topics.protected]
            for el in rule.elements:
                out += list(el.sets) + list(el.unless)
                if el.near is not None:
                    out.append(el.near.terms)
            if rule.wording is not None:
                w = rule.wording
                out += list(w.flag) + list(w.unless) + list(w.when)
                if w.except_ is not None:
                    out.append(w.except_)
        return out

    def only(self, *rule_ids: str) -> RuleSet:
        """A RuleSet with just these rules (used to run one rule's examples)."""
        keep = set(rule_ids)
        return RuleSet(tuple(r for r in self.rules if r.id in keep), self.packs)
