"""Kind ``requirement``: elements + commitment strength + topic → met / partly met / not met.

Semantics: ``docs/rule-format.md`` §4–5, which encodes ``STANDARDS.md`` ("Status of one rule
on one document", "What counts as being about racism"). An element is graded 2 (found, firm,
about racism), 1 (found but weak, or about equality in general) or 0 (absent, negated or
excluded); ``met_when`` / ``partly_when`` combine the grades into a status.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ..findings import Evidence, Finding, Status
from ..model import Block, Section
from ..ruleset import Element, Rule
from ..terms import TermSet
from ..text import cues
from ._index import DocIndex
from ._refs import ref_supplies, ref_topic, ref_topic_units, references

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


def _eligible(el: Element, idx: DocIndex, i: int) -> bool:
    """A sentence that may count for ``el``: not a heading, an avoid example or excluded."""
    rec = idx.sents[i]
    if rec.heading or idx.avoid(i) or idx.definition(i):
        return False
    if el.unless and any(idx.has(u, i) for u in el.unless):
        return False
    return not (el.under_heading and not idx.under(rec.section_no, el.under_heading))


def _best_hit(
    ts: TermSet, idx: DocIndex, i: int, result: ElementResult
) -> tuple[str, str | None] | None:
    """``(strength, weak cue)`` of the best live hit of ``ts`` in sentence ``i``, or ``None``.

    Records the first negated hit on ``result`` for the message.
    """
    best: tuple[str, str | None] | None = None
    for s, e in idx.spans(ts, i):
        cue = idx.negation(i, s, e)
        if cue is not None:
            if result.negated is None:
                result.negated = (i, cue)
            continue
        weak = idx.weak(i, s, e)
        if weak is None:
            return (_FIRM, None)
        if best is None:
            best = (_WEAK, weak)
    return best


def evaluate_element(el: Element, rule: Rule, idx: DocIndex) -> ElementResult:
    """Grade one element on the indexed document (best scope unit wins).

    Units are visited in reading order and only where every required set occurs; within a
    unit each set takes its first firm live hit (else its first weak one); the first unit
    graded 2, firm and fully on topic ends the search.
    """
    result = ElementResult(el)
    scope = el.scope
    candidates = set(idx.unit_keys(scope, el.sets[0]))
    for k in range(1, len(el.sets)):
        if not el.heading_sets_topic and candidates:
            candidates.intersection_update(idx.unit_keys(scope, el.sets[k]))
    if el.topic == "racism" and not el.heading_sets_topic and candidates:
        topics = rule.topics
        topic_key = ("on_topic", el.scope, topics.racism, topics.equality)
        cached = idx.memo.get(topic_key)
        if cached is None:
            cached = idx.memo[topic_key] = frozenset(idx.unit_keys(scope, topics.racism)).union(
                idx.unit_keys(scope, topics.equality)
            )
        # A unit about breaches of the whole document takes its topic from the document:
        # an off-topic candidate stays when one of its first-set sentences says so.
        # So does one that points to a clause about it ("breaches clause 12", _refs).
        off_topic = candidates.difference(cached)  # type: ignore[arg-type]
        if off_topic:
            off_topic -= idx.whole_document_units(scope, el.sets[0])
            if off_topic:
                off_topic -= ref_topic_units(idx, scope, off_topic, _sets(rule))
            candidates -= off_topic
    if not candidates:
        return result
    best: tuple[tuple[int, int, int, int], ElementResult] | None = None
    slices = [(idx.unit_keys(scope, ts), idx.members(ts)) for ts in el.sets]
    # A unit where a later set has no sentence and its heading does not supply that set
    # cannot be graded; visiting it can only record a negated hit for the message, so it is
    # skipped when none of its sentences has a negation cue (or one is already recorded).
    may_doom = el.heading_sets_topic and len(el.sets) > 1 and scope != "document"
    for unit in sorted(candidates):
        if may_doom and _doomed(el, idx, unit, slices, result):
            continue
        picks: list[tuple[int, tuple[str, str | None]]] = []
        for k, ts in enumerate(el.sets):
            pick: tuple[int, tuple[str, str | None]] | None = None
            keys, found = slices[k]
            lo = bisect_left(keys, unit)
            for i in found[lo : bisect_right(keys, unit, lo)]:
                if not _eligible(el, idx, i):
                    continue
                if k == 0 and el.near is not None and not _near_ok(el, idx, i):
                    continue
                hit = _best_hit(ts, idx, i, result)
                if hit is None:
                    continue
                if pick is None or (pick[1][0] == _WEAK and hit[0] == _FIRM):
                    pick = (i, hit)
                if hit[0] == _FIRM:
                    break
            if pick is None:
                # Headings, and the clauses a pick points to, may supply any set but the
                # first (heading_sets_topic).
                if k > 0 and el.heading_sets_topic and picks:
                    if idx.under(idx.sents[picks[0][0]].section_no, (ts,)):
                        continue
                    if ref_supplies(idx, [i for i, _ in picks], ts):
                        continue
                break
            picks.append(pick)
        else:
            graded = _grade(el, rule, idx, unit, picks, result)
            if graded is not None:
                key, candidate = graded
                if best is None or key > best[0]:
                    best = (key, candidate)
                if key[:3] == (2, True, True):
                    break
    return best[1] if best is not None else result


def _doomed(
    el: Element,
    idx: DocIndex,
    unit: int,
    slices: list[tuple[list[int], list[int]]],
    result: ElementResult,
) -> bool:
    """True when ``unit`` (one section at most) fails and visiting it would change nothing.

    Mirrors the search loop of ``evaluate_element``: a set after the first with no sentence
    in the unit ends the unit unless a heading above, or a clause a sentence of the unit
    points to, supplies it (``heading_sets_topic``); the only effect of the sets visited
    before is ``result.negated``.
    """
    ranges = []
    for keys, found in slices:
        lo = bisect_left(keys, unit)
        ranges.append(found[lo : bisect_right(keys, unit, lo)])
    if not ranges[0]:
        return False
    section_no = idx.sents[ranges[0][0]].section_no
    missing = [
        el.sets[k]
        for k in range(1, len(ranges))
        if not ranges[k] and not idx.under(section_no, (el.sets[k],))
    ]
    if not missing:
        return False
    cand = references(idx).candidate_set
    if cand:
        # The clauses a pick points to may supply every missing set.
        pointing = [i for found in ranges for i in found if i in cand]
        if pointing and all(ref_supplies(idx, pointing, ts) for ts in missing):
            return False
    if result.negated is not None:
        return True
    return not any(cues.negations(idx.sents[i].text) for found in ranges for i in found)


def _grade(
    el: Element,
    rule: Rule,
    idx: DocIndex,
    unit: int,
    picks: list[tuple[int, tuple[str, str | None]]],
    result: ElementResult,
) -> tuple[tuple[int, int, int, int], ElementResult] | None:
    """Grade a unit whose sets all matched; ``None`` when it is not about the topic."""
    cue = next((hit[1] for _, hit in picks if hit[0] == _WEAK), None)
    strength = _WEAK if cue else _FIRM
    sents = [i for i, _ in picks]
    topic: str | None = "full"
    topic_sent = None
    if el.topic == "racism":
        topic, topic_sent = _unit_topic(el, rule, idx, unit, sents)
        if topic is None:
            return None
    grade = 2 if (strength == _FIRM or el.weak_ok) and topic == "full" else 1
    firm = {i for i, hit in picks if hit[0] == _FIRM}
    ev_sents = sorted(set(sents) | ({topic_sent} if topic_sent is not None else set()))
    evidence = []
    for i in ev_sents:
        s_strength = _FIRM if (i in firm or i not in sents) else _WEAK
        scope = (idx.topic(i, *_sets(rule)) or topic) if el.topic == "racism" else "full"
        evidence.append((i, s_strength, scope or "full"))
    candidate = ElementResult(el, grade, strength, topic or "full", evidence, cue, result.negated)
    return (grade, strength == _FIRM, topic == "full", -min(ev_sents)), candidate


def _sets(rule: Rule) -> tuple[TermSet, TermSet, TermSet]:
    t = rule.topics
    return (t.racism, t.equality, t.protected)


def _near_ok(el: Element, idx: DocIndex, i: int) -> bool:
    assert el.near is not None
    if el.near.within == "sentence":
        return bool(idx.live_hits(el.near.terms, i))
    block_no = idx.sents[i].block_no
    j = i
    while j > 0 and idx.sents[j - 1].block_no == block_no:
        j -= 1
    while j < len(idx.sents) and idx.sents[j].block_no == block_no:
        if not idx.avoid(j) and idx.live_hits(el.near.terms, j):
            return True
        j += 1
    return False


def _unit_topic(
    el: Element, rule: Rule, idx: DocIndex, unit: int, picks: list[int]
) -> tuple[str | None, int | None]:
    """Best topic of a unit and the sentence that gives it (``None`` if a pick gives it)."""
    sets = _sets(rule)
    pick_topics = [idx.topic(i, *sets) for i in picks]
    if "full" in pick_topics:
        return "full", None
    best: tuple[str | None, int | None] = (None, None)
    if el.scope != "sentence":
        full, general = idx.unit_topic(el.scope, unit, *sets)
        if full is not None:
            return "full", full
        if "general" not in pick_topics and general is not None:
            best = ("general", general)
    if "general" in pick_topics:
        best = ("general", None)
    if best[0] != "full":
        # "If the Supplier breaches clause 12 …" reads clause 12's title (GUIDE.md §3).
        ref = ref_topic(idx, picks, sets)
        if ref == "full":
            return "full", None
        if ref == "general" and best[0] is None:
            best = ("general", None)
    if best[0] != "full" and el.scope != "document":
        # "A breach of this code may lead to dismissal" covers the whole document's duties.
        if any(cues.refers_to_whole_document(idx.sents[i].text) for i in picks):
            # Only a duty naming racism carries over: a general "must not … discriminatory"
            # line in an unrelated policy does not make its breaches clause about racism.
            found = _document_duty_topic(idx, sets)
            if found[0] == "full":
                return found
    if el.heading_sets_topic:
        section_no = idx.sents[picks[0]].section_no
        heading = idx.heading_topic(section_no, sets[0], sets[1])
        if heading == "full" or (heading == "general" and best[0] is None):
            return heading, None
    return best


def _document_duty_topic(
    idx: DocIndex, sets: tuple[TermSet, TermSet, TermSet]
) -> tuple[str | None, int | None]:
    """Topic of the document's own duties, for "a breach of this code …" clauses.

    The first firm duty sentence naming racism gives "full", else the first naming equality
    gives "general" (callers use only "full"). A duty sentence is one with a duty or
    prohibition cue (must, will, shall, prohibited, not tolerated …); a sentence that only
    tells of an event ("the trustees read a passage from the Charter") does not give the
    document's subject.
    """
    general: int | None = None
    for i in sorted(set(idx.members(sets[0])) | set(idx.members(sets[1]))):
        rec = idx.sents[i]
        if rec.heading or idx.avoid(i) or not cues.is_duty(rec.text):
            continue
        if idx.weak(i, 0, len(rec.text)) is not None:
            continue
        topic = idx.topic(i, *sets)
        if topic == "full":
            return "full", i
        if topic == "general" and general is None:
            general = i
    return ("general", general) if general is not None else (None, None)


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


#: A multi-level clause number ("6.3", "12.1.4"): a list item so numbered is a clause in its
#: own right, not an item of the clause whose heading it sits under.
_CLAUSE_NUMBER = re.compile(r"\d{1,4}(?:\.\d{1,4})+")


def cite(block: Block, section: Section) -> str:
    """The computed number a sentence sits under, as a finding cites it (PITFALLS P14).

    ``clause 4.2`` for a numbered heading or paragraph (``Block.label``) or a block under a
    numbered heading or a list item numbered like a clause (``6.3``), ``item 3`` for a
    numbered list item, ``clause 4, item (a)`` for a list item under a numbered heading;
    ``""`` when nothing is numbered.  A label's closing
    full stop is left out ("2." → ``clause 2``).
    """
    head = section.blocks[0] if section.blocks else None
    under = head.label if head is not None and head.kind == "heading" and head is not block else ""
    own = block.label.rstrip(".")  # "2." is cited as "clause 2"; "(a)" and "b)" stay
    if own and (block.kind != "list_item" or _CLAUSE_NUMBER.fullmatch(own)):
        return f"clause {own}"  # a numbered paragraph "6.3" is a clause of its own
    parts = [f"clause {under.rstrip('.')}"] if under.rstrip(".") else []
    if own:
        parts.append(f"item {own}")
    return ", ".join(parts)


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
                        cite(rec.block, rec.section),
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
        message=_message(status, results, idx, rule.met_when),
        help=rule.help,
        model_clause=rule.model_clause,
    )


def _message(
    status: Status, results: list[ElementResult], idx: DocIndex, met_when: str | tuple[str, ...]
) -> str:
    """One line: what was found (and how weakly) and what is missing, element by element.

    When ``met_when`` lists element ids (``docs/rule-format.md`` §5), the other elements are
    partial-credit stand-ins for them ("seeks feedback of any kind" for "seeks feedback on
    anti-racist practice"). A stand-in is named only when no listed element was found at all:
    beside a listed element it would read "found: X; missing: X" (or "found: training in
    equality; found: training on no stated equality topic"), and a met rule names only the
    listed elements that earned it.
    """
    main = set(met_when) if isinstance(met_when, tuple) else {r.element.id for r in results}
    any_main = any(r.grade >= 1 for r in results if r.element.id in main)
    shown = [r for r in results if r.element.id in main or not any_main]
    if status is Status.MET:
        earned = [r.element.description for r in results if r.grade == 2 and r.element.id in main]
        return "Met: " + "; ".join(earned) + "."
    parts: list[str] = []
    for r in shown:
        d = r.element.description
        if r.grade == 2:
            parts.append(f"found: {d}")
        elif r.grade == 1:
            why = f"weak ({r.weak_cue!r})" if r.strength == _WEAK and not r.element.weak_ok else ""
            if r.topic == "general":
                why = (why + " and " if why else "") + "about equality in general, not racism"
            parts.append(f"found, but {why}: {d}")
        else:
            miss = f"missing: {d}"
            if r.negated is not None:
                i, cue = r.negated
                quote = idx.sents[i].raw
                quote = quote if len(quote) <= 80 else quote[:77] + "..."
                miss += f' (only negated, {cue!r}: "{quote}")'
            parts.append(miss)
    label = "Partly met" if status is Status.PARTLY_MET else "Not met"
    return f"{label}: " + "; ".join(parts) + "."
