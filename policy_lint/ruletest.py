"""Run the examples every rule carries (``examples:``), for ``policy-lint rules test`` and pytest.

Each example's text is read as a Markdown document (``parsers.markdown``; if that reader is
missing, a minimal paragraph / heading / block-quote reader built on ``DocumentBuilder``) and
judged with its rule alone, with the example's ``doc_type`` (default: the rule's first
``applies_to``). Requirement examples compare the status; wording examples compare the list
of flagged terms. The harness ships in the package so agencies test their own packs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .model import Document, SourceSpan
from .ruleset import Example, Rule, RuleSet


def parse_string(text: str, path: str = "<example>") -> Document:
    """A ``Document`` from Markdown text held in memory."""
    try:
        from .parsers import DEFAULT_LIMITS
        from .parsers.markdown import parse
    except ImportError:  # pragma: no cover - only while the Markdown reader is missing
        return _simple_parse(text, path)
    return parse(path, text.encode("utf-8"), DEFAULT_LIMITS)


def _simple_parse(text: str, path: str) -> Document:
    from .parsers._build import DocumentBuilder

    builder = DocumentBuilder(path, "markdown")
    for n, chunk in enumerate(text.split("\n\n")):
        chunk = chunk.strip()
        span = SourceSpan(path, line=n + 1, column=1)
        if chunk.startswith("#"):
            level = len(chunk) - len(chunk.lstrip("#"))
            builder.heading(chunk.lstrip("#").strip(), level, span)
        elif chunk.startswith(">"):
            body = " ".join(line.lstrip("> ") for line in chunk.splitlines())
            builder.block("quote", body, span, quoted=True)
        else:
            builder.block("paragraph", chunk, span)
    return builder.build()


@dataclass(frozen=True)
class ExampleResult:
    """The outcome of one example.

    Attributes:
        rule: The rule.
        example: The example.
        number: 1-based position in the rule's ``examples``.
        expected: Expected status or flags, as text.
        actual: What the engine said, as text.
        message: The finding's message (requirement rules).
    """

    rule: Rule
    example: Example
    number: int
    expected: str
    actual: str
    message: str = ""

    @property
    def ok(self) -> bool:
        """True when the engine agrees with the example."""
        return self.expected == self.actual

    @property
    def where(self) -> str:
        """``file:line`` of the example."""
        return f"{self.rule.file}:{self.example.line}"


def run_example(rule: Rule, example: Example, number: int, rules: RuleSet) -> ExampleResult:
    """Judge one example with ``rule`` alone."""
    from .engine import evaluate, flag_wording

    doc = parse_string(example.text, f"{rule.id}-example-{number}.md")
    only = RuleSet((rule,), rules.packs)
    if rule.kind == "wording":
        flags = [f.term.lower() for f in flag_wording(doc, only) if f.rule_id == rule.id]
        expected = [t.lower() for t in (example.flags or ())]
        return ExampleResult(rule, example, number, repr(expected), repr(flags))
    doc_type = example.doc_type or rule.default_doc_type
    finding = evaluate(doc, only, doc_type)[0]
    return ExampleResult(
        rule, example, number, str(example.status), finding.status.value, finding.message
    )


def iter_examples(rules: RuleSet) -> Iterator[tuple[Rule, Example, int]]:
    """Every ``(rule, example, number)`` of a rule set, in order."""
    for rule in rules:
        for number, example in enumerate(rule.examples, 1):
            yield rule, example, number


def run_all(rules: RuleSet) -> list[ExampleResult]:
    """Run every example of every rule."""
    return [run_example(rule, ex, n, rules) for rule, ex, n in iter_examples(rules)]


def coverage_problems(rule: Rule) -> list[str]:
    """What a rule's examples lack (docs/rule-format.md §6), one line each."""
    problems: list[str] = []
    if rule.kind == "wording":
        flagged = sum(1 for e in rule.examples if e.flags)
        clean = sum(1 for e in rule.examples if e.flags is not None and not e.flags)
        if flagged < 2:
            problems.append(f"{rule.id}: needs at least 2 examples with flags (has {flagged})")
        if clean < 2:
            problems.append(f"{rule.id}: needs at least 2 examples with flags: [] (has {clean})")
        return problems
    count = {
        s: sum(1 for e in rule.examples if e.status == s) for s in ("met", "partly_met", "not_met")
    }
    negated = sum(1 for e in rule.examples if e.status == "not_met" and e.negated)
    if count["met"] < 2:
        problems.append(f"{rule.id}: needs at least 2 met examples (has {count['met']})")
    if count["not_met"] < 2:
        problems.append(f"{rule.id}: needs at least 2 not_met examples (has {count['not_met']})")
    if negated < 1:
        problems.append(f"{rule.id}: needs a not_met example marked negated: true")
    if rule.has_weak_path and count["partly_met"] < 2:
        problems.append(
            f"{rule.id}: needs at least 2 partly_met examples (has {count['partly_met']})"
        )
    return problems
