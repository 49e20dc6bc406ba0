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

Most candidate ends are decided inside the regular expression that finds them, the rest by
Python code (``split_sentences`` says which and why the two agree).
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

_STOPS = ".!?…"
_CLOSERS = "\"')\\]’”"
_OPENERS = "\"'(\\[‘“"
#: A candidate end is a run of stops and then this: closers, then space and something that is
#: not an ASCII lower-case letter (or a lower-case clause label such as "iv." or "(b)").
_END_TAIL = (
    f"[{_CLOSERS}]*"
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

# Fast paths (see ``split_sentences``).
#: After a full stop: white space, then an upper-case letter, a digit, or openers and a
#: non-space (``_is_boundary``'s ``starts_new``).
_STARTS_NEW = rf"(?=\s+(?:[A-Z0-9]|[{_OPENERS}]\S))"
#: A character that no candidate ends with, and no white space: neither a stop nor a
#: closer, or one closer after a letter or digit.
_ENDS_NO_CANDIDATE = rf"(?:[^\s{_STOPS}{_CLOSERS}]|(?<=[A-Za-z0-9])[{_CLOSERS}])"
#: Longest word before a full stop that the patterns decide (at most the 39 characters of
#: ``_full_stop_before_capital``); longer ones, 0.6% in the corpus, are decided in Python.
#: Each length is a lookbehind that costs time at every candidate.
_LONGEST_WORD = 15


def _plain_word(size: int) -> str:
    """A word of ``size`` non-space characters that ends a sentence when it is not the first.

    Two or more ASCII letters that are no abbreviation of either list, or a word that
    ``_WORD_BEFORE`` cannot read: one ending in neither a letter nor a full stop ("2010",
    "B)", 'group"'), or holding a character that is neither, nor an opener ("e-mail").
    """
    if size == 1:
        return r"[^\sA-Za-z.]"
    abbreviations = _words(ABBREVIATIONS | REF_ABBREVIATIONS, size)
    return (
        f"(?:{f'(?!{abbreviations})' if abbreviations else ''}[A-Za-z]{{{size}}}"
        f"|(?=\\S{{0,{size - 2}}}[^\\sA-Za-z.{_OPENERS}]|\\S{{{size - 1}}}[^\\sA-Za-z.])"
        f"\\S{{{size}}})"
    )


def _words(words: frozenset[str], size: int) -> str:
    """Those of ``words`` of ``size`` letters as a pattern, or "" if none.

    ASCII case-insensitive (the splitter compares ``word.lower()``) except one-letter words,
    which match in lower case only (an upper-case letter may be an initial or a label).
    Words holding other than letters ("e.g") are left out.
    """
    chosen = sorted(w for w in words if len(w) == size and w.isascii() and w.isalpha())
    if not chosen:
        return ""
    return f"(?{'' if size == 1 else 'ai'}:{'|'.join(chosen)})"


def _after_word(words: frozenset[str]) -> str:
    """Lookbehinds: the text before this point is " ", one of ``words`` and a full stop.

    One lookbehind per length, as Python's lookbehinds are fixed-width.
    """
    by_size = [_words(words, size) for size in sorted({len(word) for word in words})]
    return "(?:" + "|".join(f"(?<= {pattern}\\.)" for pattern in by_size if pattern) + ")"


def _candidates(stop: str) -> re.Pattern[str]:
    r"""The candidate ends whose stops are characters of ``stop`` (``\.`` or ``[.!?…]``).

    Group 1 (empty) takes part when the candidate ends the sentence wherever the sentence
    began, group 2 when it does not, neither when ``_decide`` must say.  The prefix and the
    last branch are the candidate itself; the lookarounds before that consume nothing.
    """
    # " ", the word and the stop, and before them a character that ends no candidate (the
    # space is tested first: it fails fast for every size but the word's).
    plain_word_before = "|".join(
        f"(?<= {_plain_word(size)}\\.)(?<={_ENDS_NO_CANDIDATE}(?s:.){{{size + 2}}})"
        for size in range(1, _LONGEST_WORD + 1)
    )
    return re.compile(
        stop
        + f"(?=[\\s{_STOPS}{_CLOSERS}])"  # quickly past stops inside words and numbers
        + "(?:"
        # Group 1: "… every year. The", "… Act 2010. 3.2 …", "… by e-mail. The".
        + f"{_STARTS_NEW}(?:{plain_word_before})()"
        # Group 2: "e.g. The", "Mr. Smith", "No. 5", "s. 4.2", "para. 3".
        + f"|(?:{_STARTS_NEW}{_after_word(ABBREVIATIONS)}"
        + rf"|(?=\s+[0-9]){_after_word(REF_ABBREVIATIONS)})()"
        # Neither: the rest of the candidate.
        + f"|{stop}*{_END_TAIL})"
    )


#: Candidates in a text whose only stops are full stops (a literal first character lets the
#: regular-expression engine skip from full stop to full stop), and in any text.
_DOT_CANDIDATE = _candidates(r"\.")
_CANDIDATE = _candidates(f"[{_STOPS}]")
#: A clause number opening the text, then a capital, digit or opener: no sentence end.
_LEADING_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*\." + _STARTS_NEW)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences in ``text``.

    Leading and trailing whitespace is excluded from each sentence; empty text gives ``[]``.

    Each candidate end (a run of stops, then ``_END_TAIL``) is decided by ``_decide`` for the
    sentence begun at ``start`` (0, or the last sentence's end).  ``_DOT_CANDIDATE`` finds
    them when the text's only stops are full stops (quicker: its first character is a
    literal), else ``_CANDIDATE``.  Both match each candidate from its first stop to its end,
    in order: their lookbehinds consume nothing, and any stop inside the word they look at is
    followed by no white space, so starts no candidate.  Each candidate is followed by white
    space and a non-space, so none lies in trailing white space (no ``rstrip`` is needed).

    Fast paths, each deciding as ``_decide`` would whatever ``start`` is:

    * Group 1, an end: one full stop, then ``_STARTS_NEW``; before it " " and a
      ``_plain_word`` of up to ``_LONGEST_WORD`` characters; before the space a character of
      ``_ENDS_NO_CANDIDATE``.  No candidate ends at that space, so the sentence began before
      it and holds a non-space, the space and the word: it is no clause head, the word is
      not its first (no label), and the word is the token ``_full_stop_before_capital`` and
      ``_is_boundary`` read.  Both end the sentence there.
    * Group 2, no end: one full stop after " " and an abbreviation, then ``_STARTS_NEW``, or
      after a reference abbreviation, then a digit.  ``_is_boundary`` rejects both, either
      as a clause head or by the word.
    * ``_LEADING_NUMBER``, no end: ``_is_boundary`` finds the clause head ("3.1") before the
      text's first candidate, so the scan starts after it.

    The sentence after an end starts past its one space; only other white space there, or
    at the text's end, needs ``_push``.

    Args:
        text: A block's normalised text.

    Returns:
        Offsets in ``text``, in order, non-overlapping; together they cover every
        non-space character.
    """
    if "!" in text or "?" in text or "…" in text:
        search = _CANDIDATE.search
    else:
        search = _DOT_CANDIDATE.search
    number = _LEADING_NUMBER.match(text) if text[:1].isdigit() else None
    spans: list[tuple[int, int]] = []
    start = 0
    # ``search`` from each end rather than ``finditer``: the same matches (none is empty),
    # and no iterator to build for the many blocks without a candidate.
    match = search(text, number.end() if number else 0)
    while match is not None:
        end = match.end()
        decided = match.lastindex
        if decided == 1 or (decided is None and _decide(text, start, match.start(), end)):
            # The sentence runs from after the last one's end and its one space to this
            # candidate's last stop or closer, which is no white space.
            first = start + 1 if text[start] == " " else start
            if text[first].isspace():
                _push(text, start, end, spans)
            else:
                spans.append((first, end))
            start = end
        match = search(text, end)
    size = len(text)
    if start < size:  # the last sentence, trimmed as ``_push`` would
        first = start + 1 if text[start] == " " else start
        if first < size and not text[first].isspace() and not text[-1].isspace():
            spans.append((first, size))
        else:
            _push(text, start, size, spans)
    return spans


def _decide(text: str, start: int, stop_at: int, end: int) -> bool:
    """Whether the candidate ``text[stop_at:end]`` ends the sentence begun at ``start``."""
    if not (
        end == stop_at + 1 and text[stop_at] == "." and text[end] == " " and text[end + 1].isupper()
    ):
        return _is_boundary(text, start, stop_at, end)
    # Fast path for the usual "… plain word. Capital …" (saves the general checks).
    space = text.rfind(" ", start, stop_at)
    if space <= start:  # the sentence's first word (which may be a label: "iv.")
        return _is_boundary(text, start, stop_at, end)
    word = text[space + 1 : stop_at]
    if (
        len(word) > 1
        and word.isalpha()
        and word.islower()
        and word not in ABBREVIATIONS
        and word not in REF_ABBREVIATIONS
    ):
        return True
    ends = _full_stop_before_capital(text, start, stop_at, end, space, word)
    return _is_boundary(text, start, stop_at, end) if ends is None else ends


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
