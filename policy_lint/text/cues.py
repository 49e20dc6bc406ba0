"""Cues that change what a matched sentence means: quotation, negation, commitment strength.

Source: ``STANDARDS.md`` (status semantics, firm vs weak, quoted text never counts),
``PITFALLS.md`` P53 (negation: "we do not have a process" is a gap, while "racism is not
tolerated" is a prohibition that *meets* a rule) and ``docs/rule-format.md`` §4.2–4.4.

All functions take one normalised sentence (straight quotes) and return offsets in it. The
patterns are fixed, anchored on words and linear; they run only on sentences a rule matched.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Doc types in which plain "should" is a weak commitment (STANDARDS.md).
SHOULD_IS_WEAK = frozenset({"contract", "service_specification"})

# --- quotation ---------------------------------------------------------------------------

_DOUBLE = re.compile(r'"[^"\n]{1,500}"')
_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[/]))'[^'\n]{1,200}'(?=$|[\s.,;:!?)\]/-])")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text inside paired ``"…"`` or ``'…'`` quotation marks (marks included).

    An apostrophe inside a word ("children's") never opens a quotation.
    """
    spans = [(m.start(), m.end()) for m in _DOUBLE.finditer(text)]
    for m in _SINGLE.finditer(text):
        if not any(s <= m.start() < e for s, e in spans):
            spans.append((m.start(), m.end()))
    return sorted(spans)


def mask_quotes(text: str) -> str:
    """``text`` with quoted spans replaced by spaces (same length, offsets preserved)."""
    spans = quoted_spans(text)
    if not spans:
        return text
    chars = list(text)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


# --- clauses -----------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(
    r"[;:()\u2014\u2013]|\s-\s|,\s*(?:and|but|or|so|while|whereas)\b"
    r"|\b(?:but|however|although|though|whereas|unless|except)\b"
    r"|\band\s+(?=(?:will|must|shall|is|are|leads?|results?|may|can|should)\b)"
    r"|,\s*(?=(?:must|will|shall|should|is|are|may|can)\b)"
    # Contrast: "recorded as they describe it, not as the worker sees it" — the "not" opens
    # a new clause and cancels only what follows it.
    r"|,\s*(?=not\s+(?:as|by|the|a|an|just|only|merely|because|what|how|where)\b)",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def clauses(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of the clauses of a sentence (see module doc for the breaks)."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _CLAUSE_BREAK.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return tuple(out)


def clause_of(text: str, offset: int) -> tuple[int, int]:
    """The clause containing ``offset``."""
    for s, e in clauses(text):
        if s <= offset < e:
            return s, e
    return 0, len(text)


# --- negation ----------------------------------------------------------------------------

_NEG = re.compile(
    r"\b(?:not|never|no|none|nobody|nothing|neither|nor|cannot|lacks?|lack\s+of|absence\s+of"
    r"|(?:has|have|is|are)\s+yet\s+to)\b|n't\b",
    re.IGNORECASE,
)
_NEG_FIXED = re.compile(
    r"\b(?:not\s+only|not\s+just|not\s+merely|not\s+simply|not\s+least|not\s+limited"
    r"|whether\s+or\s+not|if\s+not|(?:no|not)\s+(?:later|more|longer|less|fewer)(?:\s+\w+)?\s+than"
    r"|not\s+exceeding|no\s+matter|not\s+(?:good\s+)?enough|no\s+doubt|no\s+one|no-one"
    r"|no\s+(?:extra\s+|additional\s+)?(?:cost|charge)|free\s+of\s+charge)\b",
    re.IGNORECASE,
)
_MODAL_BEFORE = re.compile(r"\b(?:must|shall|should|may|ought\s+to)\s*$", re.IGNORECASE)
#: After a modal + not: "shall not be required" removes a duty, it does not forbid conduct.
_NO_DUTY = re.compile(
    r"\s*(?:be\s+(?:required|obliged|expected|responsible|liable|asked)|have\s+to|need\s+to)\b",
    re.IGNORECASE,
)
_TOLERANCE = (
    r"toleran\w*|tolerat\w*|accept\w*|condon\w*|permit\w*|allow\w*|ignor\w*|excus\w*"
    r"|overlook\w*|justif\w*|place\s+(?:for|in)|room\s+for"
    r"|un(?:reported|recorded|challenged|addressed|investigated|noticed|answered)"
)
_CONDUCT = (
    r"discriminat\w*|harass\w*|victimi[sz]\w*|bull(?:y|ies|ied|ying)|abus\w*|humiliat\w*"
    r"|intimidat\w*|stereotyp\w*"
)
#: Within three words after "not" / "never" / "n't": a prohibition, not a negation.
_PROHIBITION_NEXT = re.compile(
    rf"^(?:\s+\w+){{0,3}}?\s+(?:{_TOLERANCE}|{_CONDUCT})\b", re.IGNORECASE
)
#: Anywhere later in the clause of "no" / "none" / "nothing": "no form of racism will be
#: tolerated".
_PROHIBITION_LATER = re.compile(rf"\b(?:{_TOLERANCE})\b", re.IGNORECASE)
#: A subordinator before the cue in its clause makes the negation part of a condition or a
#: description ("if the Supplier does not comply", "partners who do not meet …"), which does
#: not negate the main commitment.
_SUBORDINATE = re.compile(
    r"\b(?:if|where|when|whenever|unless|who|whom|whose|which|until|in\s+case)\b", re.IGNORECASE
)


@lru_cache(maxsize=4096)
def negations(text: str) -> tuple[tuple[int, int, int, int], ...]:
    """Negation cues that cancel matches: ``(clause_start, clause_end, cue_start, cue_end)``.

    A cue is dropped when it is part of a fixed phrase ("not only", "no later than"); when it
    follows must / shall / should / may (a prohibition) unless a duty is removed ("shall not
    be required"); when a tolerance or prohibited-conduct word follows within three words
    ("not be tolerated", "do not discriminate") or, for "no", anywhere in its clause ("no
    form of racism will be tolerated", "no place for"); or when a subordinator precedes it in
    its clause ("if the Supplier does not comply").
    """
    fixed = [(m.start(), m.end()) for m in _NEG_FIXED.finditer(text)]
    out: list[tuple[int, int, int, int]] = []
    for m in _NEG.finditer(text):
        if any(s <= m.start() < e for s, e in fixed):
            continue
        word = m.group().lower()
        after = text[m.end() :]
        if word in ("not", "n't"):
            modal = _MODAL_BEFORE.search(text, 0, m.start()) or (
                word == "n't"
                and re.search(r"\b(?:must|should|may|shan)n't$", text[: m.end()], re.IGNORECASE)
            )
            if modal and not _NO_DUTY.match(after):
                continue
        cs, ce = clause_of(text, m.start())
        if word in ("not", "n't", "never", "cannot") and _PROHIBITION_NEXT.match(after):
            continue
        if word in ("no", "none", "nothing", "nobody", "cannot", "never") and (
            _PROHIBITION_LATER.search(text, m.end(), ce)
        ):
            continue
        if _SUBORDINATE.search(text, cs, m.start()):
            continue
        out.append((cs, ce, m.start(), m.end()))
    return tuple(out)


def negated_by(text: str, start: int, end: int) -> str | None:
    """The cue that cancels a match ``[start, end)`` in ``text``, or ``None``.

    A cue inside the match itself (an entry such as "will not be tolerated") never cancels it.
    """
    for cs, ce, qs, qe in negations(text):
        if cs <= start < ce and not (start <= qs and qe <= end):
            return text[qs:qe]
    return None


# --- grounds of a prohibition -------------------------------------------------------------

#: Before a protected-characteristics list, a cue that the list gives the grounds of an
#: operative prohibition or commitment ("must not discriminate … based on age, race …",
#: "regardless of race, colour …", "comments about a person's race, religion …").
_OPERATIVE = re.compile(
    r"\b(?:(?:must|shall|will|should|may|do|does|cannot)\s+not|never|prohibit\w*|forbid\w*"
    r"|toleran\w*|tolerat\w*|unacceptable|discriminat\w*|harass\w*|victimi[sz]\w*|bull(?:y|ies|ying)"
    r"|abus\w*|less\s+favourabl\w*|degrad\w*|demean\w*|insult\w*|comments?\s+about|jokes?\s+about"
    r"|regardless\s+of|irrespective\s+of|on\s+(?:the\s+)?grounds?\s+of|on\s+the\s+basis\s+of"
    r"|because\s+of|based\s+on|by\s+reason\s+of|no\s+matter|whatever\s+(?:their|his|her|your))\b",
    re.IGNORECASE,
)
#: A cue that the list only describes the law's categories ("the protected characteristics
#: are: …", "the Equality Act protects nine characteristics: …"); it outweighs an operative
#: cue in the same stretch ("protects people from discrimination because of …").
_DESCRIPTIVE = re.compile(
    r"\bcharacteristics?\s+(?:are|is|include[sd]?|covered|listed|set\s+out)\b|\bprotects?\b"
    r"|\bprotected\s+(?:by|under)\b|\b(?:nine|9)\s+(?:protected\s+)?characteristics\b"
    r"|\bknown\s+as\b|\bdefined\s+(?:as|in)\b|\bmeans\b|\bcollect\w*|\bmonitor\w*"
    r"|\bdata\b|\bstatistics\b",
    re.IGNORECASE,
)


def operative_grounds(text: str, start: int) -> bool:
    """True when a list item at ``start`` gives the grounds of a prohibition or commitment.

    Looks at the stretch of the sentence before ``start`` back to the last ``;`` (or the
    start): an operative cue there (must not, discriminate, harass, regardless of, on the
    grounds of, because of, based on …) and no descriptive cue (the characteristics are,
    protects, known as, means, data) makes the list operative. Source: STANDARDS.md ("race"
    only as an item in a *descriptive* list does not count; a prohibition on grounds of race
    does) and eval/GUIDE.md §3.

    Args:
        text: One normalised sentence.
        start: Offset of the list item (e.g. "race") in ``text``.
    """
    cut = text.rfind(";", 0, start) + 1
    segment = text[cut:start]
    if _DESCRIPTIVE.search(segment):
        return False
    return _OPERATIVE.search(segment) is not None


# --- pointers to the whole document ------------------------------------------------------

_WHOLE_DOC = re.compile(
    r"\b(?:breach\w*|break\w*|contraven\w*|fail\w*\s+to\s+(?:follow|comply\s+with|meet|observe)"
    r"|non-?compliance\s+with|violat\w*)\s+(?:of\s+|with\s+)?(?:any\s+part\s+of\s+)?"
    r"this\s+(?:code(?:\s+of\s+conduct)?|policy|procedure|handbook|charter|agreement|standard)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def refers_to_whole_document(text: str) -> bool:
    """True when a sentence is about breaches of the whole document ("a breach of this code").

    Such a sentence (typically a sanctions clause in its own section) covers every duty the
    document states, so its subject is taken from the document, not from its own section.
    Source: eval/GUIDE.md §3 (a pointer to another part of the same document is read as if
    written out there).
    """
    return _WHOLE_DOC.search(text) is not None


_DUTY = re.compile(
    r"\b(?:must|shall|will|should|(?:is|are)\s+(?:required|expected|responsible)|prohibit\w*"
    r"|forbid\w*|unacceptable|not\s+(?:be\s+)?tolerated|zero\s+tolerance|pledges?"
    r"|(?:are|is|am)\s+committed\s+to)\b",
    re.IGNORECASE,
)


def is_duty(text: str) -> bool:
    """True when a sentence states a duty or prohibition (must, will, shall, prohibited …)."""
    return _DUTY.search(text) is not None


# --- titles, name lists and definitions -----------------------------------------------------

_DOC_WORD = re.compile(
    r"\b(?:Polic(?:y|ies)|Procedures?|Strateg(?:y|ies)|Plans?|Framework|Guidance|Charter|Standards?"
    r"|Code|Handbook|Protocol|Statement|Toolkit|Agreement|Schedule|Specification|Act|Regulations)\b"
)
_CONNECTORS = frozenset("a an and at for in of on or the to with & by from under into".split())
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CONNECTOR_WORDS = "|".join(sorted((c for c in _CONNECTORS if c.isalpha()), key=len)[::-1])
#: A whole lower-case alphabetic word (one all-letter ``_WORD`` match) that is no connector.
_PLAIN_NON_CONNECTOR = re.compile(
    rf"(?<![\w'’-])(?!(?:{_CONNECTOR_WORDS})(?![\w'’-]))[a-z]+(?![\w'’-])"
)


def is_title_line(text: str) -> bool:
    """True for a short paragraph with no sentence punctuation: a title or a bare label.

    "Equal Opportunity (SEP 2016)", "1.5 Complaints": at most six words and no final
    ``. ! ? : ; ,``. Callers apply it to paragraphs only (a list item continues a lead-in).
    """
    stripped = text.rstrip()  # cheap test first: most sentences end with a full stop
    if stripped and stripped[-1] in ".!?:;,":
        return False
    words = _WORD.findall(text)
    return 0 < len(words) <= 6


def is_name_list(text: str) -> bool:
    """True for a title or a list of document names, not a sentence.

    "Dignity at Work Policy; Sickness Absence Policy; Workforce Race Equality Strategy." or a
    title block "Equality & Diversity Policy": every word is capitalised or a connector
    (and, of, at …), it names a kind of document, and it has at most 40 words. Such text is
    never a commitment (STANDARDS.md: headings and titles never count), so the kinds treat it
    like a heading.
    """
    # Cheap test first: most sentences have a plain lower-case word that is no connector.
    if _PLAIN_NON_CONNECTOR.search(text):
        return False
    if not _DOC_WORD.search(text):
        return False
    words = _WORD.findall(text)
    if not words or len(words) > 40:
        return False
    return all(w[0].isupper() or w.lower() in _CONNECTORS for w in words)


_DEFINITION = re.compile(
    r"^\s*(?:\(?\d[\d.]*\)?\s+|\(?[a-z]\)\s+)?(?:(?:in|for\s+the\s+purposes\s+of)\s+this\s+\w+,\s+)?"
    r"(?:the\s+term\s+)?[\"'‘“]?[\w][\w\s&/'’-]{0,60}?[\"'’”]?"
    r"\s+(?:means|shall\s+mean|is\s+defined\s+as|are\s+defined\s+as|has\s+the\s+meaning)\b",
    re.IGNORECASE,
)


def is_definition(text: str) -> bool:
    """True for a definition ("Racist incident means …", "'Standards' shall mean …").

    A definition says what a word means; it commits to nothing (eval/GUIDE.md §2: glossary
    definitions are not candidate sentences).
    """
    return _DEFINITION.match(text) is not None


# --- commitment strength -----------------------------------------------------------------

_WEAK = re.compile(
    r"\b(?:may|might|could|consider|considers|considering|aims?\s+to|aiming\s+to|aspires?\s+to"
    r"|(?:where|wherever|if|when)\s+(?:possible|practicable|feasible)"
    r"|as\s+far\s+as\s+(?:is\s+)?(?:reasonably\s+)?practicable|explor(?:e|es|ing)"
    r"|endeavou?rs?(?:\s+to)?|hopes?\s+to|(?:where|as|when|if)\s+resources\s+(?:allow|permit)"
    r"|subject\s+to\s+(?:available\s+)?(?:resources|funding)|seeks?\s+to|try\s+to|tries\s+to"
    r"|encourag(?:e|es|ed|ing)|would\s+like\s+to|(?:works?|working)\s+towards?"
    r"|(?:works?|working)\s+to\s+(?:be|become|build|develop|make)|striv(?:e|es|ing)|ideally"
    r"|intends?\s+to|plans?\s+to|in\s+due\s+course|where\s+we\s+can)\b",
    re.IGNORECASE,
)
_RELATIVE_MODAL = re.compile(r"\b(?:that|which|who|whom|what|as)\s+(?:may|might|could)\s*$", re.I)
#: "must / shall / always / are required to consider X" is a duty to take X into account,
#: not an option being weighed ("will consider", "should consider" stay weak).
_FIRM_CONSIDER = re.compile(
    r"\b(?:must|shall|always|(?:is|are)\s+required\s+to)\s+(?:\w+\s+)?$", re.IGNORECASE
)
_SHOULD = re.compile(r"\bshould\b(?!\s+consider)", re.IGNORECASE)


def weak_cue(text: str, start: int, end: int, doc_type: str = "policy") -> str | None:
    """The weak-commitment cue in the clause of a match ``[start, end)``, or ``None``.

    "may not" is a prohibition and "that / which may" a relative clause, neither weak.
    Plain "should" is weak only when ``doc_type`` is in ``SHOULD_IS_WEAK``.
    """
    cs, ce = clause_of(text, start)
    return _clause_weak(text, cs, ce, doc_type in SHOULD_IS_WEAK)


@lru_cache(maxsize=8192)
def _clause_weak(text: str, cs: int, ce: int, should_is_weak: bool) -> str | None:
    for m in _WEAK.finditer(text, cs, ce):
        word = m.group().lower()
        if word.startswith("consider") and _FIRM_CONSIDER.search(text, 0, m.start()):
            continue
        if word in ("may", "might", "could"):
            if re.match(r"\s+not\b", text[m.end() :], re.IGNORECASE):
                continue
            if _RELATIVE_MODAL.search(text, 0, m.end()):
                continue
        return m.group()
    if should_is_weak:
        should = _SHOULD.search(text, cs, ce)
        if should:
            return should.group()
    return None


# --- wording to avoid --------------------------------------------------------------------

_AVOID = re.compile(
    r"\bavoid\s+(?:(?:using|saying|writing|recording|describing|calling|labell?ing)\b"
    r"|(?:the\s+|such\s+)?(?:words?|terms?|phrases?|labels?|wording|language|expressions?)\b)"
    r"|\b(?:do\s+not|don't|never)\s+(?:say|write|use\s+the\s+(?:words?|terms?|phrases?|labels?))\b"
    r"|\b(?:instead\s+of|rather\s+than)\s+(?:saying|writing)\b"
    r"|\bexamples?\s+of\s+(?:poor|bad|weak|unacceptable|inappropriate|unclear)\s+"
    r"(?:wording|language|practice|phrasing|commitments?)\b"
    r"|\b(?:wording|phrases|language|terms|labels|words)\s+to\s+avoid\b",
    re.IGNORECASE,
)
_AVOID_HEADING = re.compile(
    r"\b(?:(?:wording|phrases|language|terms|labels|words|examples?)\s+to\s+avoid"
    r"|what\s+not\s+to\s+(?:say|write)|poor\s+(?:practice\s+)?examples?|examples?\s+of\s+poor"
    r"|bad\s+examples?|don'?ts)\b",
    re.IGNORECASE,
)


def is_avoid_example(text: str) -> bool:
    """True when a sentence gives wording to avoid ("avoid phrases such as …")."""
    return _AVOID.search(text) is not None


def is_avoid_heading(heading: str) -> bool:
    """True for headings such as "Wording to avoid" or "Examples of poor practice"."""
    return _AVOID_HEADING.search(heading) is not None
