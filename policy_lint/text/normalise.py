"""Normalise typography so rules match, while keeping offsets back to the original.

What changes (Unicode code points; see PITFALLS P19, P20, P27):

* curly single / double quotes and primes → ``'`` and ``"``;
* no-break, narrow no-break, thin, figure and other fixed-width spaces, and tabs → space;
* zero-width space / joiners, word joiner, BOM and soft hyphen (U+00AD) → removed;
* no-break hyphen (U+2011) and hyphen (U+2010) → ``-`` (en and em dashes are kept: they
  separate clauses, and rules match them as they are);
* Latin ligatures (U+FB00–FB06) → their letters (``ﬁ`` → ``fi``).

``normalise(text)`` returns the new text and an offset map so a span found in the new
text can be turned back into a span in the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_REPLACE: dict[str, str] = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00a0": " ",
    "\u202f": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2004": " ",
    "\u2005": " ",
    "\u2006": " ",
    "\u2008": " ",
    "\u205f": " ",
    "\u3000": " ",
    "\t": " ",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    "\u00ad": "",
    "\u2010": "-",
    "\u2011": "-",
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_TABLE = str.maketrans(_REPLACE)
_SPECIAL = frozenset(_REPLACE)
#: Any character ``normalise`` changes (a regex character class scans in C, without hashing
#: every character as ``frozenset.isdisjoint`` does); ``SPECIAL_CHARS.search(t) is None``
#: is ``is_normal(t)`` without the call.
SPECIAL_CHARS = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_REPLACE)) + "]")


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text with a map back to the original.

    Attributes:
        text: The normalised text.
        origin: ``None`` when the text is unchanged; otherwise a tuple of
            ``len(text) + 1`` offsets: ``origin[i]`` is the offset in the original of the
            character at ``i`` (the last entry is the original length).
    """

    text: str
    origin: tuple[int, ...] | None = None

    def to_original(self, offset: int) -> int:
        """Map an offset in ``text`` (0..len) to the offset in the original string."""
        if self.origin is None:
            return offset
        return self.origin[max(0, min(offset, len(self.origin) - 1))]


def normalise(text: str) -> Normalised:
    """Normalise quotes, spaces, hyphens and ligatures (see module doc).

    Args:
        text: Any string.

    Returns:
        ``Normalised``; its ``origin`` is ``None`` when nothing changed (the common case,
        which costs one scan).
    """
    if SPECIAL_CHARS.search(text) is None:
        return Normalised(text)
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        rep = _REPLACE.get(ch)
        if rep is None:
            out.append(ch)
            origin.append(i)
        else:
            for piece in rep:
                out.append(piece)
                origin.append(i)
    origin.append(len(text))
    return Normalised("".join(out), tuple(origin))


def is_normal(text: str) -> bool:
    """True when ``normalise`` would leave ``text`` unchanged (one regex scan)."""
    return SPECIAL_CHARS.search(text) is None


def normalise_text(text: str) -> str:
    """Normalise and return only the text (when offsets are not needed)."""
    return text.translate(_TABLE)


def collapse_spaces(text: str) -> str:
    """Fold runs of whitespace to single spaces and strip the ends."""
    return " ".join(text.split())
