"""Split block text into sentences, returning offsets.

A regular-expression splitter (one pass, linear in the text; no model).  A sentence ends at
``.``, ``!``, ``?`` or ``…`` (optionally followed by closing quotes or brackets) that is
followed by whitespace and then an upper-case letter, a digit, or an opening quote or bracket.
A full stop does not end a sentence when:

* the word before it is an abbreviation that is never final ("e.g.", "i.e.", "cf.", "Mr",
  "Dr" …; ``ABBREVIATIONS``), or a reference abbreviation followed by a number ("No. 5",
  "s. 4.2", "para. 3", "Art. 9"; ``REF_ABBREVIATIONS``);
* the word is a single capital initial or dotted initials ("J. Smith", "J.R.R. Tolkien"),
  unless a label word precedes it ("Annex A. The …");
* the sentence so far is only a clause number ("3.", "4.2.", "(a)", "iv.") — a numbered
  clause head belongs to the clause it opens.

Stops inside numbers, URLs and e-mail addresses are not followed by whitespace, so they never
split.  A list item or table cell without a full stop is one sentence.  ``;`` and line breaks
do not split.
"""

from __future__ import annotations

import re

#: Never sentence-final (lower case, without the trailing dot).
ABBREVIATIONS = frozenset(
    """
    e.g eg i.e ie etc cf viz vs al approx incl excl esp nb mr mrs ms mx dr prof rev jr sr hon cllr
    sgt capt lt col gen st
    """.split()
)
#: Abbreviations of a reference: not final when a number (or bracketed number) follows.
REF_ABBREVIATIONS = frozenset(
    """
    no nos vol vols p pp para paras s ss sec sect ch chap art arts reg regs sch cl cll app fig
    figs tel ext ref refs pt r rr jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
#: Words before a single capital that make it a label ("Annex A."), not an initial.
_LABEL_WORDS = frozenset(
    "annex appendix schedule part section table figure plan grade level band class option "
    "type category stage step phase group".split()
)

#: A candidate end: stops and closers, then space and something that is not an ASCII
#: lower-case letter (or a lower-case clause label such as "iv." or "(b)").
_END = re.compile(
    r"[.!?…]+[\"')\]’”]*"
    r"(?=\s+(?:[^\sa-z]|(?:\(?[ivxlc]{1,6}[.)]|\([a-z]\)|[a-z]\))\s+[A-Z]))"
)
_WORD_BEFORE = re.compile(r"[\"'(\[]*([A-Za-z][A-Za-z.]*)")
_LABEL_BEFORE = re.compile(r"([A-Za-z]+)\s+[A-Z]$")
_NEXT_STARTS = re.compile(r"\s+([\"'(\[‘“]*)(\S)")
_CLAUSE_HEAD = re.compile(
    r"\s*(?:\(?\d{1,3}(?:\.\d{1,3})*\)?\.?|\(?[A-Za-z]\)|\(?[ivxlcIVXLC]{1,6}\)?\.?)\s*"
)
_NEXT_CLAUSE = re.compile(r"\s+(?:\(?[ivxlc]{1,6}[.)]|\([a-z]\)|[a-z]\))\s+[A-Z]")
_DOTTED_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")
_SPACE = re.compile(r"\s")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences in ``text``.

    Leading and trailing whitespace is excluded from each sentence; empty text gives ``[]``.

    Args:
        text: A block's normalised text.

    Returns:
        Offsets in ``text``, in order, non-overlapping; together they cover every
        non-space character.
    """
    spans: list[tuple[int, int]] = []
    last = len(text.rstrip())  # nothing to split after the last non-space character
    start = 0
    for match in _END.finditer(text, 0, last):
        end = match.end()
        if end >= last:
            break
        stop_at = match.start()
        # Fast path for the usual "… plain word. Capital …" (saves the general checks).
        space = text.rfind(" ", start, stop_at)
        word = text[space + 1 : stop_at]
        if (
            space > start  # not the sentence's first word (which may be a label: "iv.")
            and end == stop_at + 1
            and text[stop_at] == "."
            and text[end] == " "
            and text[end + 1].isupper()
        ):
            if not (
                len(word) > 1
                and word.isalpha()
                and word.islower()
                and word not in ABBREVIATIONS
                and word not in REF_ABBREVIATIONS
            ):
                ends = _full_stop_before_capital(text, start, stop_at, end, space, word)
                if ends is None:
                    ends = _is_boundary(text, start, stop_at, end)
                if not ends:
                    continue
        elif not _is_boundary(text, start, stop_at, end):
            continue
        first = start + 1 if text[start] == " " else start  # one space after the last stop
        if first < end and not text[first].isspace() and not text[end - 1].isspace():
            spans.append((first, end))  # the usual case: nothing more to trim
        else:
            _push(text, start, end, spans)
        start = end
    _push(text, start, len(text), spans)
    return spans


def _full_stop_before_capital(
    text: str, start: int, stop_at: int, end: int, space: int, word: str
) -> bool | None:
    """``_is_boundary`` for "… word. Capital" with a word after the sentence's first, or None.

    Called only when one full stop is followed by one space and an upper-case letter, and a
    space at ``space`` (after ``start``) precedes ``word``.  Then the sentence so far holds a
    space between two words, so it is no clause number, and ``word`` is the token
    ``_is_boundary`` examines when it is short and holds no other whitespace; ``None`` (ask
    ``_is_boundary``) otherwise, and for a single capital (initial or label).
    """
    if not word or len(word) > 39 or text[start:space].isspace() or _SPACE.search(word):
        return None
    word_match = _WORD_BEFORE.fullmatch(word)
    if word_match is None:
        return True  # "2010.", "3.1.", "e-mail.", "B)."
    raw_word = word_match.group(1)
    lower = raw_word.lower().rstrip(".")
    if lower in ABBREVIATIONS:
        return False
    if len(raw_word) == 1 and raw_word.isupper():
        return None
    if lower in REF_ABBREVIATIONS:
        return True  # followed by a capital, not a number
    return not _DOTTED_INITIALS.fullmatch(raw_word.rstrip("."))


def _is_boundary(text: str, start: int, stop_at: int, end: int) -> bool:
    nxt = _NEXT_STARTS.match(text, end)
    if nxt is None:
        return True
    first = nxt.group(2)
    opener = bool(nxt.group(1))
    starts_new = first.isupper() or first.isdigit() or opener
    punct = text[stop_at:end]
    if "!" in punct or "?" in punct or "…" in punct or ".." in punct:
        return starts_new
    # A full stop.
    if not starts_new:
        return bool(_NEXT_CLAUSE.match(text, end))  # "… act. iv. The buyer …"
    if _CLAUSE_HEAD.fullmatch(text, start, stop_at):
        return False  # "3.1. The Supplier …": the number heads this clause
    before = text[max(start, stop_at - 40) : stop_at]
    tail = before.rsplit(None, 1)
    word_match = _WORD_BEFORE.fullmatch(tail[-1]) if tail else None
    if word_match is None:
        return True
    raw_word = word_match.group(1)
    word = raw_word.lower().rstrip(".")
    if word in ABBREVIATIONS:
        return False
    if len(raw_word) == 1 and raw_word.isupper():
        label = _LABEL_BEFORE.search(before)
        return bool(label and label.group(1).lower() in _LABEL_WORDS)  # else "J. Smith"
    if word in REF_ABBREVIATIONS:
        return not (first.isdigit() or (opener and nxt.group(1)[-1] in "(["))
    if _DOTTED_INITIALS.fullmatch(raw_word.rstrip(".")):
        return False  # "J.R.R. Tolkien", "the U.K. Government"
    return True


def _push(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
