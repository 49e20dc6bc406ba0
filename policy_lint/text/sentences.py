"""Split block text into sentences, returning offsets.

A regular-expression splitter with an abbreviation list: a sentence ends at ``.``, ``!``
or ``?`` (optionally followed by closing quotes or brackets) followed by whitespace and an
upper-case letter, digit, opening quote or bracket — unless the word before the stop is a
known abbreviation ("e.g.", "i.e.", "etc.", "No.", "s.", "para", "Mr", single initials …) or
the stop belongs to a number or clause reference ("3.1.2", "s. 4.2").  A list item or table
cell without a full stop is one sentence.  ``;`` and new lines do not split.
"""

from __future__ import annotations

import re

# Lower-cased, without the trailing dot.
ABBREVIATIONS = frozenset(
    """
    e.g eg i.e ie etc cf viz vs al approx incl excl esp misc fig figs no nos vol vols p pp
    para paras s ss sec sect ch chap art arts reg regs sch cl cll app dept govt ltd plc co inc
    corp mr mrs ms dr prof rev st jr sr hon cllr ref refs tel ext min max est nb ps am pm
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun u.k u.s
    """.split()
)

_END = re.compile(r"[.!?]+[\"')\]’”]*(?=\s+|$)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_STARTS = re.compile(r"\s+([\"'(\[‘“]*)(\S)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences in ``text``.

    Leading and trailing whitespace is excluded from each sentence; empty text gives ``[]``.

    Args:
        text: A block's normalised text.

    Returns:
        Offsets in ``text``, in order, non-overlapping.
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if end >= n or not text[end:].strip():
            break
        stop_at = match.start()
        if not _is_boundary(text, stop_at, end):
            continue
        _push(text, start, end, spans)
        start = end
    _push(text, start, n, spans)
    return spans


def _is_boundary(text: str, stop_at: int, end: int) -> bool:
    punct = text[stop_at:end]
    nxt = _NEXT_STARTS.match(text, end)
    if nxt is None:
        return True
    first = nxt.group(2)
    if "!" in punct or "?" in punct:
        return first.isupper() or first.isdigit() or bool(nxt.group(1))
    # A full stop.
    before = text[max(0, stop_at - 40) : stop_at]
    word_match = _WORD_BEFORE.search(before)
    if word_match:
        word = word_match.group(1).lower().rstrip(".")
        if word in ABBREVIATIONS:
            return False
        if len(word) == 1 and word.isalpha() and before[-2:-1] in ("", " ", ".", "("):
            return False  # an initial: "J. Smith"
    elif before[-1:].isdigit() and first.isdigit():
        return False  # "3. 2" inside a reference; rare, keep together
    if not (first.isupper() or first.isdigit() or nxt.group(1)):
        return False
    return True


def _push(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
