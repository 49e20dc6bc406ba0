"""Kind ``requirement``: elements + commitment strength + topic → met / partly met / not met.

Semantics: ``docs/rule-format.md`` §4–5, which encodes ``STANDARDS.md`` ("Status of one rule
on one document", "What counts as being about racism"). An element is graded 2 (found, firm,
about racism), 1 (found but weak, or about equality in general) or 0 (absent, negated or
excluded); ``met_when`` / ``partly_when`` combine the grades into a status.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Evidence, Finding, Status
from ..ruleset import Element, Rule
from ._index import DocIndex

_FIRM, _WEAK = "firm", "weak"


@dataclass
class ElementResult:
    """How one element fared on one document."""

    element: Element
    grade: int = 0
    strength: str = _FIRM
    topic: str = "full"
    evidence: list[tuple[int, str, str]] = field(default_factory=list)  # (sent, strength, topic)
    weak_cue: str | None = None
    negated: tuple[int, str] | None = None  # (sentence, cue) of a cancelled match


def _unit(el: Element, idx: DocIndex, i: int) -> int:
    rec = idx.sents[i]
    if el.scope == "sentence":
        return i
    if el.scope == "paragraph":
        return rec.block_no
    if el.scope == "section":
        return rec.section_no
    return 0


def evaluate_element(el: Element, rule: Rule, idx: DocIndex) -> ElementResult:
    """Grade one element on the indexed document (best scope unit wins)."""
    result = ElementResult(el)
    # Per set: sentence -> (strength, weak cue) of its best live hit.
    per_set: list[dict[int, tuple[str, str | None]]] = []
    for k, ts in enumerate(el.sets):
        found: dict[int, tuple[str, str | None]] = {}
        for i, spans in idx.hits(ts).items():
            rec = idx.sents[i]
            if rec.heading or rec.avoid:
                continue
            if el.unless and any(idx.hits(u).get(i) for u in el.unless):
                continue
            if el.under_heading and not idx.under(rec.section_no, el.under_heading):
                continue
            for s, e in spans:
                cue = idx.negation(i, s, e)
                if cue is not None:
                    if result.negated is None:
                        result.negated = (i, cue)
                    continue
                weak = idx.weak(i, s, e)
                best = found.get(i)
                if best is None or (best[0] == _WEAK and weak is None):
                    found[i] = (_WEAK, weak) if weak else (_FIRM, None)
        if k == 0 and el.near is not None:
            found = {i: v for i, v in found.items() if _near_ok(el, idx, i)}
        per_set.append(found)

    units: dict[int, list[list[int]]] = {}
    for k, found in enumerate(per_set):
        for i in found:
            units.setdefault(_unit(el, idx, i), [[] for _ in el.sets])[k].append(i)
    best: tuple[tuple[int, int, int, int], ElementResult] | None = None
    for unit, members in units.items():
        if not members[0]:
            continue
        if not all(members):
            # Headings may supply any set but the first (heading_sets_topic).
            section_no = idx.sents[members[0][0]].section_no
            if not el.heading_sets_topic or not all(
                members[k] or idx.under(section_no, (el.sets[k],)) for k in range(len(el.sets))
            ):
                continue
        picks: list[int] = []
        cue: str | None = None
        for k, sents in enumerate(members):
            if not sents:
                continue
            pick = min(sents, key=lambda i, k=k: (per_set[k][i][0] == _WEAK, i))
            picks.append(pick)
            if per_set[k][pick][0] == _WEAK and cue is None:
                cue = per_set[k][pick][1]
        strength = _WEAK if cue else _FIRM
        topic, topic_sent = "full", None
        if el.topic == "racism":
            topic, topic_sent = _unit_topic(el, rule, idx, unit, picks)
            if topic is None:
                continue
        grade = 2 if (strength == _FIRM or el.weak_ok) and topic == "full" else 1
        ev_sents = sorted(set(picks) | ({topic_sent} if topic_sent is not None else set()))
        candidate = ElementResult(
            el,
            grade,
            strength,
            topic,
            [
                (i, _strength_of(per_set, i), idx.topic(i, *_sets(rule)) or topic)
                if el.topic == "racism"
                else (i, _strength_of(per_set, i), "full")
                for i in ev_sents
            ],
            cue,
            result.negated,
        )
        key = (grade, strength == _FIRM, topic == "full", -min(ev_sents))
        if best is None or key > best[0]:
            best = (key, candidate)
    return best[1] if best is not None else result


def _sets(rule: Rule) -> tuple:  # type: ignore[type-arg]
    t = rule.topics
    return (t.racism, t.equality, t.protected)


def _strength_of(per_set: list[dict[int, tuple[str, str | None]]], i: int) -> str:
    found = [s[i][0] for s in per_set if i in s]
    return _FIRM if not found or _FIRM in found else _WEAK


def _near_ok(el: Element, idx: DocIndex, i: int) -> bool:
    assert el.near is not None
    if el.near.within == "sentence":
        return bool(idx.live_hits(el.near.terms, i))
    block_no = idx.sents[i].block_no
    j = i
    while j > 0 and idx.sents[j - 1].block_no == block_no:
        j -= 1
    while j < len(idx.sents) and idx.sents[j].block_no == block_no:
        if not idx.sents[j].avoid and idx.live_hits(el.near.terms, j):
            return True
        j += 1
    return False


def _unit_topic(
    el: Element, rule: Rule, idx: DocIndex, unit: int, picks: list[int]
) -> tuple[str | None, int | None]:
    """Best topic of a unit and the sentence that gives it (``None`` if a pick gives it)."""
    sets = _sets(rule)
    if el.scope == "sentence":
        members = picks
    else:
        members = [
            r.index
            for r in idx.sents
            if not r.heading and not r.avoid and _unit(el, idx, r.index) == unit
        ]
    best: tuple[str | None, int | None] = (None, None)
    for i in sorted(members, key=lambda i: (i not in picks, i)):
        topic = idx.topic(i, *sets)
        if topic == "full":
            return "full", (None if i in picks else i)
        if topic == "general" and best[0] is None:
            best = ("general", None if i in picks else i)
    if el.heading_sets_topic and best[0] != "full":
        section_no = idx.sents[picks[0]].section_no
        heading = idx.heading_topic(section_no, sets[0], sets[1])
        if heading == "full" or (heading == "general" and best[0] is None):
            return heading, None
    return best


def _passes(logic: str | tuple[str, ...], grades: dict[str, int], need: int) -> bool:
    if logic == "none":
        return False
    if logic == "all":
        return all(g >= need for g in grades.values())
    if logic == "any":
        return any(g >= need for g in grades.values())
    if need == 2:
        return all(grades[e] >= 2 for e in logic)
    return any(grades[e] >= need for e in logic)


def evaluate(rule: Rule, idx: DocIndex) -> Finding:
    """Evaluate a requirement rule on an indexed document.

    Returns:
        A ``Finding`` with status met / partly met / not met, evidence for each element
        found (in document order), ``missing`` element ids (grade < 2) and a one-line message.
    """
    results = [evaluate_element(el, rule, idx) for el in rule.elements]
    grades = {r.element.id: r.grade for r in results}
    if _passes(rule.met_when, grades, 2):
        status = Status.MET
    elif _passes(rule.partly_when, grades, 1):
        status = Status.PARTLY_MET
    else:
        status = Status.NOT_MET
    evidence: list[Evidence] = []
    if status is not Status.NOT_MET:
        for r in results:
            for i, strength, topic in r.evidence:
                rec = idx.sents[i]
                evidence.append(
                    Evidence(
                        rec.raw,
                        rec.sentence.span,
                        rec.section.heading_path,
                        r.element.id,
                        strength,
                        topic,
                    )
                )
    missing = tuple(r.element.id for r in results if r.grade < 2)
    return Finding(
        rule_id=rule.id,
        pack=rule.pack,
        name=rule.name,
        title=rule.title,
        status=status,
        severity=rule.severity,
        weight=rule.weight,
        critical=rule.critical,
        evidence=tuple(evidence),
        missing=missing,
        message=_message(status, results, idx),
        help=rule.help,
        model_clause=rule.model_clause,
    )


def _message(status: Status, results: list[ElementResult], idx: DocIndex) -> str:
    parts: list[str] = []
    for r in results:
        d = r.element.description
        if r.grade == 2:
            if status is not Status.MET:
                parts.append(f"found: {d}")
        elif r.grade == 1:
            why = f"weak ({r.weak_cue!r})" if r.strength == _WEAK and not r.element.weak_ok else ""
            if r.topic == "general":
                why = (why + " and " if why else "") + "about equality in general, not racism"
            parts.append(f"partly: {d} — {why}")
        else:
            miss = f"missing: {d}"
            if r.negated is not None:
                i, cue = r.negated
                quote = idx.sents[i].raw
                quote = quote if len(quote) <= 80 else quote[:77] + "..."
                miss += f' (only negated, {cue!r}: "{quote}")'
            parts.append(miss)
    if status is Status.MET:
        return "Met: " + "; ".join(r.element.description for r in results if r.grade == 2) + "."
    label = "Partly met" if status is Status.PARTLY_MET else "Not met"
    return f"{label}: " + "; ".join(parts) + "."
