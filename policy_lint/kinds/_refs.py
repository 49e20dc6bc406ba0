"""Cross-references inside one document: "breaches clause 12", "complies with Clause 14".

Source: ``eval/GUIDE.md`` §3 ("a pointer to a clause of the same document … read the clause
pointed to; it counts as if written out") and ``docs/rule-format.md`` §4.3. A sentence that
names "clause N", "Clause N.M", "section N", "paragraph N", "Schedule N" … of the same
document is read with the **title** of what it points to: the heading, title cell or
numbered paragraph whose text starts with that number ("12. Equality and anti-racism",
"Clause 14: Equality", "12.3 The Supplier shall record …"). The kinds use it for the topic
and, where an element lets headings supply its later term sets (``heading_sets_topic``),
for those sets too.

Only one level is followed (a target's own references are not), and only to targets that
exist. A reference to another instrument ("section 149 of the Equality Act 2010", "section
47 enquiries", "paragraph 4 of the Disciplinary Policy") is not followed.

Bounded: kept in ``DocIndex.memo`` and built lazily, once per document. The candidate
sentences come from the index's one RE2 pass (``_CANDIDATES``); a candidate is parsed only
when a rule asks about it; the number → target map is built once, from the candidates
that start a block; a reference resolves by dictionary look-ups to at most ``MAX_TARGETS``
sentences. Nothing compares sentences pairwise. Measured on the engine benchmark (100
pages, leaders pack; ~250 sentences say "as set out in clause 3.1"): about 1.4 ms of
evaluate's ~20 ms on the realistic policy, 0.5 ms of ~70 ms on the dense one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..terms import TermSet, compile_set
from ._index import SHARED_SETS, DocIndex

#: At most this many target sentences per reference (a clause with many sub-clauses).
MAX_TARGETS = 24
#: At most this many numbers in one list ("clauses 12, 13 and 14").
MAX_LIST = 8

_NUM = r"\d{1,3}(?:\.\d{1,3}){0,3}"
_KIND = {
    "clause": "clause", "section": "clause", "paragraph": "clause", "para": "clause",
    "article": "clause", "part": "part", "schedule": "schedule", "annex": "annex",
    "appendix": "appendix", "appendice": "appendix",
}  # fmt: skip
_WORDS = r"clause|section|paragraph|para|article|part|schedule|annex|appendix|appendice"
# The look-ahead on the first letters lets ``re`` skip most positions (3x faster).
_REF = re.compile(rf"(?=[cspaCSPA])\b({_WORDS})(?:e?s)?\.?\s+({_NUM})\b", re.IGNORECASE)
_MORE = re.compile(rf"\s*(?:\([a-z0-9]{{1,4}}\))*\s*(?:,|and/or|and|or|to|&)\s+({_NUM})\b")
_SUB = re.compile(r"(?:\s*\([a-z0-9]{1,4}\))+")
# Another instrument: "… of the Equality Act 2010", "under the Children Act", "… of our
# Disciplinary Policy"; this document's own "of this Contract / the Agreement" stays.
_DOC_NOUN = r"Act|Regulations?|Order|Code|Directive|Rules|Convention|Measure"
_OTHER_DOC = r"Policy|Procedure|Guidance|Handbook|Charter|Standards?|Strategy|Protocol|Guide"
_EXTERNAL_AFTER = re.compile(
    rf"\s*(?:of|in|under)\s+(?:the|that|our|its|their)\s+"
    rf"(?:(?:[A-Z][\w'&-]*\s+){{0,8}}(?:{_DOC_NOUN})\b|(?:[A-Z][\w'&-]*\s+){{1,8}}(?:{_OTHER_DOC})\b)"
)
_EXTERNAL_BEFORE = re.compile(rf"\b(?:{_DOC_NOUN})(?:\s+\d{{4}})?\s*[,(]?\s*$")
_STATUTORY_USE = re.compile(
    r"\s+(?:enquir|inquir|investigation|assessment|referral|order|notice|duty|agreement)",
    re.IGNORECASE,
)
# A target: a block whose text starts with the number, optionally after the word.
_TARGET = re.compile(
    rf"\s*(?:({_WORDS})\.?\s+)?({_NUM})(\.(?!\d)|\))?(?=$|[\s:\-\u2013\u2014])", re.I
)
_TITLE_SEP = re.compile(r"\s*(?:$|[:.\-\u2013\u2014)])")


#: Every sentence that may hold a reference (a word before a number), and every one that
#: may start a target (that, or a number before a capital letter): supersets, which the
#: patterns above parse. Registered with every ``Matcher``, so finding them costs no pass
#: over the document of its own (without one, ``DocIndex.members`` scans it once each).
_REF_CANDIDATES = compile_set("references", [{"pattern": rf"\b(?:{_WORDS})(?:e?s)?\.?\s+\d"}])
_TARGET_CANDIDATES = compile_set(
    "reference targets",
    [
        {"pattern": rf"\b(?:{_WORDS})\.?\s+\d"},
        {"pattern": r"\b\d{1,3}(?:\.\d{1,3}){0,3}[.):]?\s+(?-i:[A-Z(])"},
    ],
)
for _ts in (_REF_CANDIDATES, _TARGET_CANDIDATES):
    if _ts not in SHARED_SETS:
        SHARED_SETS.append(_ts)


def _kind(word: str | None) -> str:
    return _KIND[word.lower()] if word else "clause"


class References:
    """Referring sentences of one document and what each points to (all built lazily).

    Args:
        idx: The document index (its ``sents``, block and heading flags are read). Not
            kept: the index keeps this object in its ``memo``, and a cycle would leave every
            index to the cyclic garbage collector (measured: +20 % evaluate time).
    """

    def __init__(self, idx: DocIndex) -> None:
        self.sents = sents = idx.sents
        #: Body sentences where a reference word is followed by a number; each is parsed
        #: (``reference_keys``) only when a rule asks about it.
        self.candidates = [i for i in idx.members(_REF_CANDIDATES) if not sents[i].heading_block]
        self.candidate_set = frozenset(self.candidates)
        self._target_candidates = [
            i
            for i in idx.members(_TARGET_CANDIDATES)
            if i == 0 or sents[i - 1].block_no != sents[i].block_no
        ]
        self._keys: dict[int, tuple[tuple[str, str], ...]] = {}
        self._targets: dict[tuple[str, str], list[int]] | None = None
        self._children: dict[tuple[str, str], list[int]] = {}
        self._resolved: dict[int, tuple[int, ...]] = {}
        self._on_topic: dict[str, list[int]] = {}
        self._roots: dict[str, re.Pattern[str] | None] = {}

    def keys(self, i: int) -> tuple[tuple[str, str], ...]:
        """``(kind, number)`` of each same-document reference in sentence ``i`` (cached)."""
        if i not in self.candidate_set:
            return ()
        found = self._keys.get(i)
        if found is None:
            found = self._keys[i] = reference_keys(self.sents[i].text)
        return found

    def refers(self, i: int) -> bool:
        """True when sentence ``i`` names a part of the document (resolved or not)."""
        return bool(self.keys(i))

    def _build_targets(self) -> dict[tuple[str, str], list[int]]:
        """Number → target sentences: headings win, a number used by two bodies is ambiguous."""
        heads: dict[tuple[str, str], list[int]] = {}
        bodies: dict[tuple[str, str], list[list[int]]] = {}
        sents = self.sents
        n = len(sents)
        for i, key in self._keyed_starts():
            rec = sents[i]
            if key is not None:
                j = i + 1
                while j < n and j < i + MAX_TARGETS and sents[j].block_no == rec.block_no:
                    j += 1
                if rec.heading_block:
                    heads.setdefault(key, list(range(i, j)))
                else:
                    bodies.setdefault(key, []).append(list(range(i, j)))
        targets = dict(heads)
        for key, blocks in bodies.items():
            if key not in targets and len(blocks) == 1:
                targets[key] = blocks[0]
        for (kind, num), block in targets.items():
            if "." in num:
                kids = self._children.setdefault((kind, num.rsplit(".", 1)[0]), [])
                kids.extend(block[: max(0, MAX_TARGETS - len(kids))])
        return targets

    def _keyed_starts(self) -> list[tuple[int, tuple[str, str] | None]]:
        """``(first sentence of a block, its key)`` for every block that may be a target.

        The key comes from the text, or else from the number the source computed
        (``Block.label``: Word's automatic numbering, a Markdown ordered list), which is not
        in the text (PITFALLS P14).
        """
        sents = self.sents
        found = [
            (i, _target_key(sents[i].raw, sents[i].heading_block))
            for i in self._target_candidates
        ]
        known = {i for i, key in found if key is not None}
        for rec in sents:
            if rec.pos == 0 and rec.block.label and rec.index not in known:
                found.append((rec.index, _label_key(rec.block.label)))
        found.sort(key=lambda pair: pair[0])
        return found

    def targets(self, i: int) -> tuple[int, ...]:
        """Sentence indexes that sentence ``i``'s references point to (empty if none resolve).

        "Clause 12.3" gives paragraph 12.3 and the title of clause 12; "clause 12" with no
        block of its own gives its numbered sub-clauses 12.1, 12.2 ….
        """
        found = self._resolved.get(i)
        if found is None:
            keys = self.keys(i)
            out: list[int] = []
            if keys:
                if self._targets is None:
                    self._targets = self._build_targets()
                for kind, num in keys:
                    exact = self._targets.get((kind, num))
                    out.extend(exact if exact is not None else self._children.get((kind, num), ()))
                    parts = num.split(".")
                    for k in range(len(parts) - 1, 0, -1):
                        out.extend(self._targets.get((kind, ".".join(parts[:k])), ()))
            found = self._resolved[i] = tuple(dict.fromkeys(j for j in out if j != i))[:MAX_TARGETS]
        return found

    def units_on_topic(
        self, arr: list[int], units: set[int], tag: str, topic_of: Callable[[int], str | None]
    ) -> set[int]:
        """Those of ``units`` with a sentence pointing to a clause that has a topic.

        Args:
            arr: The scope-unit key of every sentence (``DocIndex.unit_array``).
            units: Scope-unit keys to test.
            tag: Cache key of the topic sets ``topic_of`` applies.
            topic_of: Sentence index → ``"full"``, ``"general"`` or ``None``.
        """
        on = self._on_topic.get(tag)
        if on is None:
            roots = self.roots(tag, topic_of) if self.candidates else None
            sents = self.sents
            on = self._on_topic[tag] = (
                []
                if roots is None
                else [
                    i
                    for i in self.candidates
                    if roots.search(sents[i].text) and any(topic_of(j) for j in self.targets(i))
                ]
            )
        return {arr[i] for i in on}.intersection(units)

    def roots(self, tag: str, wanted: Callable[[int], object]) -> re.Pattern[str] | None:
        """A pattern for the first number of every target ``wanted`` accepts, or ``None``.

        Every target of a reference shares its first number ("12" for 12.3, 12 and 12.1),
        so a sentence without one of these numbers cannot point to a wanted clause and is
        not parsed. Cached by ``tag``; ``wanted`` is called once per target sentence.
        """
        if tag not in self._roots:
            if self._targets is None:
                self._targets = self._build_targets()
            roots = {
                num.split(".")[0]
                for (_, num), block in self._targets.items()
                if any(wanted(j) for j in block)
            }
            self._roots[tag] = (
                re.compile(rf"(?=\d)(?<![\d.])(?:{'|'.join(sorted(roots))})(?!\d)")
                if roots
                else None
            )
        return self._roots[tag]


def ref_topic(
    idx: DocIndex, picks: list[int], sets: tuple[TermSet, TermSet, TermSet]
) -> str | None:
    """Best topic (``DocIndex.topic``) of the clauses the ``picks`` point to, or ``None``."""
    refs = references(idx)
    found: str | None = None
    for i in picks:
        for j in refs.targets(i):
            topic = idx.topic(j, *sets)
            if topic == "full":
                return topic
            found = found or topic
    return found


def ref_supplies(idx: DocIndex, picks: list[int], ts: TermSet) -> bool:
    """True when a clause one of the ``picks`` points to matches ``ts`` (not negated)."""
    refs = references(idx)
    if not refs.candidates:
        return False
    roots = refs.roots(ts.pattern, lambda j: idx.live_hits(ts, j))
    if roots is None:
        return False
    sents = idx.sents
    return any(
        idx.live_hits(ts, j) for i in picks if roots.search(sents[i].text) for j in refs.targets(i)
    )


def ref_topic_units(
    idx: DocIndex, scope: str, units: set[int], sets: tuple[TermSet, TermSet, TermSet]
) -> set[int]:
    """Those of ``units`` with a sentence pointing to a clause about racism or equality."""
    tag = sets[0].pattern + "\x01" + sets[1].pattern
    racism, equality = sets[0], sets[1]

    def topic_of(j: int) -> str | None:
        if not (idx.has(racism, j) or idx.has(equality, j)):
            return None  # cheaper than topic's cache key (two long patterns joined)
        return idx.topic(j, *sets)

    return references(idx).units_on_topic(idx.unit_array(scope), units, tag, topic_of)


def references(idx: DocIndex) -> References:
    """The document's ``References`` (built on first use, kept in ``idx.memo``)."""
    found = idx.memo.get("references")
    if found is None:
        found = idx.memo["references"] = References(idx)
    return found  # type: ignore[return-value]


def reference_keys(text: str) -> tuple[tuple[str, str], ...]:
    """``(kind, number)`` of each same-document reference in one sentence, in order.

    >>> reference_keys("If the Supplier breaches clause 12, the Council may terminate.")
    (('clause', '12'),)
    >>> reference_keys("It shall comply with section 149 of the Equality Act 2010.")
    ()
    """
    keys: list[tuple[str, str]] = []
    for m in _REF.finditer(text):
        kind = _kind(m.group(1))
        nums = [m.group(2)]
        end = m.end()
        while len(nums) < MAX_LIST:
            more = _MORE.match(text, end)
            if more is None:
                break
            nums.append(more.group(1))
            end = more.end()
        sub = _SUB.match(text, end)
        after = text[sub.end() if sub else end :]
        before = _EXTERNAL_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if before or _EXTERNAL_AFTER.match(after):
            continue
        if kind == "clause" and m.group(1).lower().startswith("section"):
            if _STATUTORY_USE.match(after):
                continue
        keys.extend((kind, num) for num in nums)
    return tuple(dict.fromkeys(keys))


def _label_key(label: str) -> tuple[str, str] | None:
    """``(kind, number)`` of a computed number such as ``12.``, ``4.2``, ``Clause 7:``."""
    m = _TARGET.match(label)
    if m is None or label[m.end() :].strip(" :.-\u2013\u2014)"):
        return None
    return (_kind(m.group(1)), m.group(2))


def _target_key(text: str, heading: bool) -> tuple[str, str] | None:
    """``(kind, number)`` a block starting with ``text`` can be referred to by, or ``None``.

    A heading may start "12.", "12", "Clause 12:" or "Schedule 4 –"; a body block (a
    paragraph, list item or table cell) must start "Clause 14:" / "Schedule 4 –" (a title
    cell) or "12.1 The …" / "12. The …" (a numbered paragraph).
    """
    m = _TARGET.match(text)
    if m is None:
        return None
    word, num, mark = m.group(1), m.group(2), m.group(3)
    if not heading:
        rest = text[m.end() :].lstrip()
        if word:
            if not _TITLE_SEP.match(text, m.end()) and rest:
                return None
        elif not (mark or "." in num) or not rest or not (rest[0].isupper() or rest[0] == "("):
            return None
    return (_kind(word), num)
