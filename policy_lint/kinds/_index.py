"""A per-document index the kinds share: sentences, one masked corpus, cached term hits.

The document's sentences (block quotes left out, quoted spans blanked, see ``text.cues``) are
joined into one string separated by NUL, so each term set is one RE2 ``finditer`` over the
whole document; hits are mapped back to sentences by bisection and cached by pattern, so a
set shared by many rules is scanned once.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

from ..model import Block, Document, Section, Sentence
from ..terms import LIST_LABELS, TermSet
from ..text import cues

_SEP = "\x00"


@dataclass(frozen=True)
class SentRec:
    """One sentence of the document as the kinds see it.

    Attributes:
        index: Position in reading order.
        text: Sentence text with quoted spans blanked (same length as ``raw``).
        raw: Sentence text as read.
        sentence, block, section: The model objects.
        block_no, section_no: Global block and section numbers (scope units).
        heading: The sentence is (part of) a heading.
        avoid: Wording-to-avoid example (by its own cue or its heading).
    """

    index: int
    text: str
    raw: str
    sentence: Sentence
    block: Block
    section: Section
    block_no: int
    section_no: int
    heading: bool
    avoid: bool


class DocIndex:
    """Sentences and cached term hits of one document, for one doc type.

    Args:
        doc: The parsed document.
        doc_type: Its type (plain "should" is weak in contracts / service specifications).
    """

    def __init__(self, doc: Document, doc_type: str) -> None:
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
                for sentence in block.sentences:
                    raw = sentence.text
                    masked = cues.mask_quotes(raw).replace(_SEP, " ")
                    avoid = avoid_section or (not heading and cues.is_avoid_example(raw))
                    self.sents.append(
                        SentRec(
                            len(self.sents),
                            masked,
                            raw,
                            sentence,
                            block,
                            section,
                            block_no,
                            s_no,
                            heading,
                            avoid,
                        )
                    )
        self.starts: list[int] = []
        pos = 0
        for rec in self.sents:
            self.starts.append(pos)
            pos += len(rec.text) + 1
        self._hits: dict[str, dict[int, list[tuple[int, int]]]] = {}
        self._topic: dict[tuple[str, int], str | None] = {}
        self._heading_hits: dict[tuple[str, int], bool] = {}

    @cached_property
    def corpus(self) -> str:
        """All sentence texts joined by NUL."""
        return _SEP.join(rec.text for rec in self.sents)

    def hits(self, ts: TermSet) -> dict[int, list[tuple[int, int]]]:
        """Sentence index → ``(start, end)`` of each match of ``ts`` in that sentence."""
        cached = self._hits.get(ts.pattern)
        if cached is not None:
            return cached
        out: dict[int, list[tuple[int, int]]] = {}
        starts = self.starts
        for s, e in ts.finditer(self.corpus):
            i = bisect.bisect_right(starts, s) - 1
            base = starts[i]
            out.setdefault(i, []).append((s - base, min(e - base, len(self.sents[i].text))))
        self._hits[ts.pattern] = out
        return out

    def live_hits(self, ts: TermSet, i: int) -> list[tuple[int, int]]:
        """Matches of ``ts`` in sentence ``i`` that no negation cancels."""
        text = self.sents[i].text
        return [h for h in self.hits(ts).get(i, ()) if cues.negated_by(text, *h) is None]

    def negation(self, i: int, start: int, end: int) -> str | None:
        """The negation cue cancelling a match in sentence ``i``, or ``None``."""
        return cues.negated_by(self.sents[i].text, start, end)

    def weak(self, i: int, start: int, end: int) -> str | None:
        """The weak-commitment cue governing a match in sentence ``i``, or ``None``."""
        return cues.weak_cue(self.sents[i].text, start, end, self.doc_type)

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
                listed = {text[s:e].lower() for s, e in self.hits(protected).get(i, ())}
                found = "general" if len(listed) >= 2 else "full"
        if found is None and self.live_hits(equality, i):
            found = "general"
        self._topic[key] = found
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
