"""A per-document index the kinds share: sentences, term-set membership, cached hits.

Block quotes are left out and quoted spans blanked (``text.cues``). Which term sets occur in
which sentence is found in one pass: every sentence is run once through an RE2 ``Set`` of all
the rule set's term sets (``Matcher``). Match positions are then computed only for the
(sentence, set) pairs a rule actually inspects, and cached. Term sets outside the matcher
fall back to one ``finditer`` over the whole document.

Measured on a 100-page synthetic policy (5,152 sentences, 62 sets): membership for all sets
~22 ms, against ~260 ms for 62 whole-document ``finditer`` passes with their 41k matches.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import re2

from ..model import Block, Document, Section, Sentence, SentenceList
from ..terms import LIST_LABELS, TermSet, re2_options
from ..text import cues

_SEP = "\x00"
Span = tuple[int, int]
SHARED_SETS: list[TermSet] = []  # sets every Matcher adds (_refs registers one)


class Matcher:
    """An RE2 ``Set`` of term-set patterns (and ``SHARED_SETS``): which occur, in one pass.

    Args:
        term_sets: The sets (duplicates by pattern are merged).
    """

    def __init__(self, term_sets: Iterable[TermSet]) -> None:
        self.ids: dict[str, int] = {}
        self.set: Any = None
        patterns: list[str] = []
        for ts in (*term_sets, *SHARED_SETS):
            if ts.pattern not in self.ids:
                self.ids[ts.pattern] = len(patterns)
                patterns.append(ts.pattern)
        if patterns:
            rset = re2.Set.SearchSet(re2_options())
            for pattern in patterns:
                rset.Add(pattern.encode("utf-8"))
            rset.Compile()
            self.set = rset

    def match(self, text: str) -> list[int]:
        """Ids of the patterns that occur in ``text``."""
        if self.set is None:
            return []
        return self.set.Match(text.encode("utf-8")) or []

    def members(self, texts: list[str]) -> list[list[int]]:
        """For each pattern id, the indexes of the ``texts`` it occurs in, in order."""
        out: list[list[int]] = [[] for _ in self.ids]
        if self.set is None:
            return out
        # The wrapper's Match re-checks types on every call; the bound C method does not.
        match = getattr(self.set, "_set", self.set).Match
        for i, text in enumerate(texts):
            for pid in match(text.encode("utf-8")) or ():
                out[pid].append(i)
        return out


@dataclass(slots=True)
class SentRec:
    """One sentence of the document as the kinds see it.

    Attributes:
        index: Position in reading order.
        text: Sentence text with quoted spans blanked (same length as ``raw``).
        raw: Sentence text as read.
        pos: The sentence's position in its block (``sentence`` makes the model object on
            demand: only evidence needs its span).
        block, section: The model objects.
        block_no, section_no: Global block and section numbers (scope units).
        heading_block: The sentence is (part of) a heading block.
        avoid_section: A heading above says "wording to avoid" or the like.
        title_like: Cached ``cues.is_name_list`` / ``is_title_line`` verdict (``None``
            until ``heading`` is first asked, so only the sentences a rule reaches pay).
    """

    index: int
    text: str
    raw: str
    pos: int
    block: Block
    section: Section
    block_no: int
    section_no: int
    heading_block: bool
    avoid_section: bool
    title_like: bool | None = None

    @property
    def sentence(self) -> Sentence:
        """The model ``Sentence`` (text and span), built when evidence needs it."""
        return self.block.sentences[self.pos]

    @property
    def heading(self) -> bool:
        """True for a heading, a title line or a list of document names (read as headings)."""
        if self.heading_block:
            return True
        found = self.title_like
        if found is None:
            raw = self.raw
            found = self.title_like = cues.is_name_list(raw) or (
                self.block.kind == "paragraph" and cues.is_title_line(raw)
            )
        return found


class DocIndex:
    """Sentences and cached term hits of one document, for one doc type.

    Args:
        doc: The parsed document.
        doc_type: Its type (plain "should" is weak in contracts / service specifications).
        matcher: Membership matcher for the rule set's term sets (optional).
    """

    def __init__(self, doc: Document, doc_type: str, matcher: Matcher | None = None) -> None:
        self.doc = doc
        self.doc_type = doc_type
        self.sents: list[SentRec] = []
        self.sections: list[Section] = list(doc.sections)
        block_no = 0
        for s_no, section in enumerate(doc.sections):
            avoid_section = any(cues.is_avoid_heading(h) for h in section.heading_path)
            for block in section.blocks:
                block_no += 1
                if block.quoted:
                    continue
                heading = block.kind == "heading"
                sentences = block.sentences
                if isinstance(sentences, SentenceList):
                    texts = sentences.texts()  # no Sentence / SourceSpan object each
                else:
                    texts = [sentence.text for sentence in sentences]
                for pos, raw in enumerate(texts):
                    # Titles and lists of document names are read like headings: decided
                    # lazily by SentRec.heading.
                    masked = cues.mask_quotes(raw) if ('"' in raw or "'" in raw) else raw
                    if _SEP in masked:
                        masked = masked.replace(_SEP, " ")
                    self.sents.append(
                        SentRec(
                            len(self.sents),
                            masked,
                            raw,
                            pos,
                            block,
                            section,
                            block_no,
                            s_no,
                            heading,
                            avoid_section,
                        )
                    )
        self.matcher = matcher
        self._members: dict[str, list[int]] | None = None
        self._member_sets: dict[str, set[int]] = {}
        self._spans: dict[tuple[str, int], list[Span]] = {}
        self._avoid: list[bool | None] = [None] * len(self.sents)
        self._definition: dict[int, bool] = {}
        self._topic: dict[tuple[str, int], str | None] = {}
        self._heading_hits: dict[tuple[str, int], bool] = {}
        #: Memo for the kinds: derived sets that many rules ask for (e.g. on-topic units).
        self.memo: dict[object, object] = {}
        self._units: dict[str, list[int]] = {}  # unit key of each non-heading sentence
        self._body: list[int] | None = None  # the non-heading sentences
        self._unit_arrays: dict[str, list[int]] = {}
        self._unit_topics: dict[tuple[str, int, str], tuple[int | None, int | None]] = {}
        self._groups: dict[tuple[str, str], list[int]] = {}
        self._whole_doc: dict[tuple[str, str], frozenset[int]] = {}

    # --- membership and positions ------------------------------------------------------

    def _membership(self) -> dict[str, list[int]]:
        if self._members is None:
            self._members = {}
            if self.matcher is not None:
                lists = self.matcher.members([rec.text for rec in self.sents])
                self._members = {p: lists[pid] for p, pid in self.matcher.ids.items()}
        return self._members

    def members(self, ts: TermSet) -> list[int]:
        """Indexes of the sentences where ``ts`` matches, in order (negation not applied)."""
        known = self._membership().get(ts.pattern)
        if known is not None:
            return known
        found = self._scan(ts)
        self._membership()[ts.pattern] = found
        return found

    def has(self, ts: TermSet, i: int) -> bool:
        """True when ``ts`` matches sentence ``i``."""
        s = self._member_sets.get(ts.pattern)
        if s is None:
            s = self._member_sets[ts.pattern] = set(self.members(ts))
        return i in s

    def spans(self, ts: TermSet, i: int) -> list[Span]:
        """``(start, end)`` of each match of ``ts`` in sentence ``i`` (cached)."""
        key = (ts.pattern, i)
        found = self._spans.get(key)
        if found is None:
            found = self._spans[key] = list(ts.finditer(self.sents[i].text))
        return found

    def hits(self, ts: TermSet) -> dict[int, list[Span]]:
        """Sentence index → match spans, for every sentence ``ts`` matches."""
        return {i: self.spans(ts, i) for i in self.members(ts)}

    def _scan(self, ts: TermSet) -> list[int]:
        """Membership of a set outside the matcher: one pass over the whole document."""
        starts: list[int] = []
        pos = 0
        for rec in self.sents:
            starts.append(pos)
            pos += len(rec.text) + 1
        corpus = _SEP.join(rec.text for rec in self.sents)
        found: list[int] = []
        for s, _ in ts.finditer(corpus):
            i = bisect.bisect_right(starts, s) - 1
            if not found or found[-1] != i:
                found.append(i)
        return found

    def live_hits(self, ts: TermSet, i: int) -> list[Span]:
        """Matches of ``ts`` in sentence ``i`` that no negation cancels."""
        if not self.has(ts, i):
            return []
        text = self.sents[i].text
        return [h for h in self.spans(ts, i) if cues.negated_by(text, *h) is None]

    # --- cues ------------------------------------------------------------------------------

    def avoid(self, i: int) -> bool:
        """True for wording-to-avoid examples (by their own cue or their heading)."""
        found = self._avoid[i]
        if found is None:
            rec = self.sents[i]
            found = rec.avoid_section or (not rec.heading and cues.is_avoid_example(rec.raw))
            self._avoid[i] = found
        return found

    def definition(self, i: int) -> bool:
        """True when sentence ``i`` is a definition ("X means …"), which never commits."""
        found = self._definition.get(i)
        if found is None:
            found = self._definition[i] = cues.is_definition(self.sents[i].raw)
        return found

    def negation(self, i: int, start: int, end: int) -> str | None:
        """The negation cue cancelling a match in sentence ``i``, or ``None``."""
        return cues.negated_by(self.sents[i].text, start, end)

    def weak(self, i: int, start: int, end: int) -> str | None:
        """The weak-commitment cue governing a match in sentence ``i``, or ``None``."""
        return cues.weak_cue(self.sents[i].text, start, end, self.doc_type)

    # --- scope units and topic ---------------------------------------------------------

    def unit_of(self, scope: str, i: int) -> int:
        """Scope-unit key of sentence ``i``: itself, its block, its section, or 0."""
        return self.unit_array(scope)[i]

    def unit_array(self, scope: str) -> list[int]:
        """Scope-unit key of every sentence, by index (sentence / paragraph / section / doc)."""
        arr = self._unit_arrays.get(scope)
        if arr is None:
            if scope == "sentence":
                arr = list(range(len(self.sents)))
            elif scope == "paragraph":
                arr = [rec.block_no for rec in self.sents]
            elif scope == "section":
                arr = [rec.section_no for rec in self.sents]
            else:
                arr = [0] * len(self.sents)
            self._unit_arrays[scope] = arr
        return arr

    def unit_members(self, scope: str, unit: int) -> list[int]:
        """Sentences of a scope unit that are not headings (callers check ``avoid``)."""
        if self._body is None:
            self._body = [rec.index for rec in self.sents if not rec.heading]
        keys = self._units.get(scope)
        if keys is None:
            keys = self._units[scope] = list(map(self.unit_array(scope).__getitem__, self._body))
        lo = bisect.bisect_left(keys, unit)
        return self._body[lo : bisect.bisect_right(keys, unit, lo)]

    def unit_keys(self, scope: str, ts: TermSet) -> list[int]:
        """Scope-unit key of each sentence of ``members(ts)``, in the same order (cached).

        Unit keys never decrease in reading order (sentence, block and section numbers all
        grow), so this list is sorted and a unit's sentences are one slice of ``members``.
        """
        key = (scope, ts.pattern)
        found = self._groups.get(key)
        if found is None:
            found = self._groups[key] = list(
                map(self.unit_array(scope).__getitem__, self.members(ts))
            )
        return found

    def members_in(self, scope: str, ts: TermSet, unit: int) -> list[int]:
        """The sentences of ``members(ts)`` in scope unit ``unit``, in order."""
        keys = self.unit_keys(scope, ts)
        lo = bisect.bisect_left(keys, unit)
        return self.members(ts)[lo : bisect.bisect_right(keys, unit, lo)]

    def whole_document_units(self, scope: str, ts: TermSet) -> frozenset[int]:
        """Units with a ``members(ts)`` sentence about breaches of the whole document."""
        key = (scope, ts.pattern)
        found = self._whole_doc.get(key)
        if found is None:
            keys = self.unit_keys(scope, ts)
            whole = cues.refers_to_whole_document
            sents = self.sents
            found = self._whole_doc[key] = frozenset(
                keys[j] for j, i in enumerate(self.members(ts)) if whole(sents[i].text)
            )
        return found

    def topic(self, i: int, racism: TermSet, equality: TermSet, protected: TermSet) -> str | None:
        """``full`` / ``general`` / ``None`` for sentence ``i`` (docs/rule-format.md §4.3)."""
        key = (racism.pattern + "\x01" + equality.pattern, i)
        if key in self._topic:
            return self._topic[key]
        text = self.sents[i].text
        found: str | None = None
        live = self.live_hits(racism, i)
        if live:
            words = {" ".join(text[s:e].lower().replace("-", " ").split()) for s, e in live}
            if words - LIST_LABELS:
                found = "full"
            else:
                listed = {text[s:e].lower() for s, e in self.spans(protected, i)}
                if len(listed) < 2 or any(cues.operative_grounds(text, s) for s, _ in live):
                    found = "full"
                else:
                    found = "general"
        if found is None and self.live_hits(equality, i):
            found = "general"
        self._topic[key] = found
        return found

    def unit_topic(
        self, scope: str, unit: int, racism: TermSet, equality: TermSet, protected: TermSet
    ) -> tuple[int | None, int | None]:
        """First sentence of a unit with a full topic, and first with a general one."""
        key = (scope, unit, racism.pattern + "\x01" + equality.pattern)
        found = self._unit_topics.get(key)
        if found is None:
            # A definition ("Racist incident means …") gives the topic only when no other
            # sentence of the unit does: evidence should be a commitment (eval/GUIDE.md §2).
            full = general = full_def = general_def = None
            # The unit's sentences where either set occurs, in order (as the non-heading
            # members of the unit filtered by ``has``, without visiting the others).
            inside = set(self.members_in(scope, racism, unit))
            inside.update(self.members_in(scope, equality, unit))
            for i in sorted(inside):
                if self.sents[i].heading or self.avoid(i):
                    continue
                topic = self.topic(i, racism, equality, protected)
                is_def = self.definition(i)
                if topic == "full":
                    if not is_def:
                        full = i
                        break
                    full_def = i if full_def is None else full_def
                if topic == "general":
                    if not is_def and general is None:
                        general = i
                    elif is_def and general_def is None:
                        general_def = i
            found = self._unit_topics[key] = (
                full if full is not None else full_def,
                general if general is not None else general_def,
            )
        return found

    def heading_topic(self, section_no: int, racism: TermSet, equality: TermSet) -> str | None:
        """Topic supplied by the headings above a section (``heading_sets_topic``)."""
        heading = " / ".join(self.sections[section_no].heading_path)
        if racism.search(heading):
            return "full"
        if equality.search(heading):
            return "general"
        return None

    def under(self, section_no: int, sets: tuple[TermSet, ...]) -> bool:
        """True when a heading above section ``section_no`` matches one of ``sets``."""
        path = " / ".join(self.sections[section_no].heading_path)
        for ts in sets:
            key = (ts.pattern, section_no)
            if key not in self._heading_hits:
                self._heading_hits[key] = ts.search(path)
            if self._heading_hits[key]:
                return True
        return False
