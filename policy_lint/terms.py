"""Term sets: plain words and phrases compiled into one RE2 alternation each.

Entry syntax (``docs/rule-format.md`` §3): a word or phrase matched case-insensitively on
whole words; a space matches spaces or a hyphen, a hyphen matches a hyphen, a space or
nothing; a trailing ``*`` means "any word ending"; ``~word`` adds simple inflections;
``@name`` includes another set; ``{pattern: ...}`` is an RE2 expression (google-re2: linear
time, no backreferences or look-around), at most ``MAX_PATTERN`` characters.

Every compiled set is one ``re2`` pattern, so a document is scanned once per set whatever the
number of entries (measured ~15 MB/s against ~0.3 MB/s for Python ``re`` one entry at a time).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import re2

#: Longest ``pattern:`` entry accepted, in characters.
MAX_PATTERN = 300
#: Most entries in one term set (after ``@`` expansion).
MAX_ENTRIES = 2000

#: Built-in topic vocabularies (STANDARDS.md "What counts as being about racism"); a pack
#: may replace them by defining term sets of the same name.
BUILTIN_TERMS: dict[str, tuple[str, ...]] = {
    "racism": (
        "racis*",
        "anti-racis*",
        "racial*",
        "race",
        "races",
        "race-related",
        "ethnic*",
        "ethnic origin",
        "national origin",
        "nationality",
        "colour",
        "color",
        "skin colour",
        "racialised",
        "racialized",
        "xenophob*",
        "global majority",
        "minority ethnic",
        "black, asian and minority ethnic",
        "BAME",
    ),
    "equality": (
        "equality",
        "equalities",
        "equal opportunit*",
        "diversity",
        "inclusion",
        "inclusive",
        "discriminat*",
        "~harass",
        "harassment",
        "victimisation",
        "prejudic*",
        "hate crime*",
        "hate incident*",
        "protected characteristic*",
        "bias",
        "EDI",
        "ED&I",
        "Equality Act",
    ),
    # Equality Act 2010 s. 4 characteristics other than race: two or more of these in a
    # sentence make "race" a list item (general topic), not a statement about racism.
    "_protected": (
        "age",
        "disability",
        "disabilities",
        "sex",
        "gender",
        "gender reassignment",
        "marriage",
        "civil partnership",
        "pregnancy",
        "maternity",
        "religion",
        "belief",
        "beliefs",
        "sexual orientation",
    ),
}

#: Topic words that are only category labels: in a protected-characteristics list they do not
#: make a sentence about racism.
LIST_LABELS = frozenset(
    {
        "race",
        "races",
        "ethnicity",
        "ethnic origin",
        "ethnic",
        "colour",
        "color",
        "nationality",
        "national origin",
    }
)


class TermError(ValueError):
    """A term-set entry cannot be compiled.

    Args:
        reason: What is wrong.
        index: Index of the entry in its list, if known (for locating the YAML line).
    """

    def __init__(self, reason: str, index: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.index = index


def re2_options() -> Any:
    """RE2 options used everywhere: case-insensitive, no logging to stderr."""
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.longest_match = True  # "gross misconduct" wins over "gross"
    return options


_OPTIONS = re2_options()
_UNANCHORED = re2._Anchor.UNANCHORED
_WORD = re.compile(r"\w")


def _inflect(word: str) -> str:
    """Regex for ``~word``: word, -s/-es, -ed, -ing (e-drop, y→ies/ied, CVC doubling)."""
    w = re.escape(word)
    if word.endswith("e"):
        stem = re.escape(word[:-1])
        return f"{stem}(?:e|es|ed|ing)"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        stem = re.escape(word[:-1])
        return f"{stem}(?:y|ies|ied|ying)"
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return f"{w}(?:|es|ed|ing)"
    low = word.lower()
    if (
        len(low) >= 3
        and low[-1] not in "aeiouwxy"
        and low[-2] in "aeiou"
        and low[-3] not in "aeiou"
    ):
        # log → logged, commit → committed (both spellings accepted: visited / visitted).
        return f"{w}(?:|s|ed|ing|{re.escape(word[-1])}ed|{re.escape(word[-1])}ing)"
    return f"{w}(?:|s|ed|ing)"


def entry_regex(entry: str) -> str:
    """Compile one plain entry (not ``@`` or ``pattern``) into an RE2 fragment.

    Raises:
        TermError: Empty entry, or ``*`` not at the end.
    """
    text = " ".join(entry.split())
    inflect = text.startswith("~")
    if inflect:
        text = text[1:].strip()
    star = text.endswith("*")
    if star:
        text = text[:-1].rstrip()
    if not text:
        raise TermError(f"empty term entry {entry!r}")
    if "*" in text:
        raise TermError(f"'*' is allowed only at the end of a term: {entry!r}")
    parts: list[str] = []
    words = text.split(" ")
    for i, word in enumerate(words):
        last = i == len(words) - 1
        pieces = word.split("-")
        frag = "[-\\s]?".join(
            _inflect(p) if (inflect and last and j == len(pieces) - 1 and p) else re.escape(p)
            for j, p in enumerate(pieces)
        )
        parts.append(frag)
    body = "[-\\s]+".join(parts)
    if star:
        body += "\\w*"
    start = "\\b" if _WORD.match(text[0]) else ""
    end = "\\b" if (star or _WORD.match(text[-1])) else ""
    return f"{start}{body}{end}"


def pattern_regex(pattern: str) -> str:
    """Check a ``pattern:`` entry: length cap, RE2-compilable, not matching empty text.

    Raises:
        TermError: With the reason.
    """
    if len(pattern) > MAX_PATTERN:
        raise TermError(f"pattern is {len(pattern)} characters, over the {MAX_PATTERN} limit")
    try:
        compiled = re2.compile(pattern, _OPTIONS)
    except Exception as exc:  # noqa: BLE001 - re2.error carries bytes
        detail = exc.args[0] if exc.args else exc
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        raise TermError(
            f"pattern {pattern!r} is not valid RE2 ({detail}) — RE2 has no backreferences "
            "or look-around; use plain words where you can"
        ) from None
    if compiled.search("") is not None:
        raise TermError(f"pattern {pattern!r} matches empty text")
    return f"(?:{pattern})"


@dataclass(frozen=True)
class TermSet:
    """A named, compiled term set.

    Attributes:
        name: Set name (``rule.element.n`` for inline sets).
        entries: Entries as written (``@`` references expanded).
        pattern: The combined RE2 pattern.
    """

    name: str
    entries: tuple[str, ...]
    pattern: str
    regex: Any = field(compare=False, repr=False, default=None)

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield ``(start, end)`` character offsets of every non-empty match in ``text``.

        Calls the compiled RE2 object directly on the UTF-8 bytes (the wrapper's
        ``finditer`` builds a match object and decodes offsets for every match, ~8x slower
        on one sentence); byte offsets are characters for ASCII text, else decoded.
        """
        low = getattr(self.regex, "_regexp", None)
        if low is None:  # pragma: no cover - another google-re2 layout
            for m in self.regex.finditer(text):
                if m.end() > m.start():
                    yield m.start(), m.end()
            return
        data = text.encode("utf-8")
        ascii_only = len(data) == len(text)
        n = len(data)
        pos = 0
        while pos <= n:
            start, end = low.Match(_UNANCHORED, data, pos, n)[0]
            if start < 0:
                return
            if end > start:
                if ascii_only:
                    yield start, end
                else:
                    yield len(data[:start].decode("utf-8", "ignore")), len(
                        data[:end].decode("utf-8", "ignore")
                    )
            pos = end if end > pos else pos + 1

    def search(self, text: str) -> bool:
        """True when the set matches anywhere in ``text``."""
        return self.regex.search(text) is not None


def compile_set(
    name: str,
    entries: Sequence[object],
    resolve: Callable[[str], Sequence[object]] | None = None,
    _seen: tuple[str, ...] = (),
) -> TermSet:
    """Compile a list of entries into a ``TermSet``.

    Args:
        name: Set name used in messages.
        entries: Strings or ``{"pattern": str}`` mappings.
        resolve: ``name -> entries`` for ``@name`` references (raises ``KeyError``).

    Raises:
        TermError: Bad entry (``index`` names it), unknown or cyclic ``@`` reference.
    """
    frags: list[str] = []
    shown: list[str] = []
    for index, entry in enumerate(entries):
        try:
            if isinstance(entry, Mapping):
                frags.append(pattern_regex(str(entry.get("pattern", ""))))
                shown.append(f"pattern: {entry.get('pattern')}")
            elif isinstance(entry, str) and entry.startswith("@"):
                ref = entry[1:].strip()
                if ref in _seen or ref == name:
                    raise TermError(f"term set {ref!r} includes itself via {entry!r}")
                if resolve is None:
                    raise TermError(f"unknown term set {ref!r}")
                try:
                    sub = resolve(ref)
                except KeyError:
                    raise TermError(f"unknown term set {ref!r} in {entry!r}") from None
                inner = compile_set(ref, sub, resolve, _seen + (name,))
                frags.append(f"(?:{inner.pattern})")
                shown.extend(inner.entries)
            elif isinstance(entry, str):
                frags.append(entry_regex(entry))
                shown.append(entry)
            else:
                raise TermError(f"term entry must be text or {{pattern: ...}}, not {entry!r}")
        except TermError as err:
            raise TermError(err.reason, index if err.index is None else err.index) from None
    if not frags:
        raise TermError(f"term set {name!r} is empty")
    if len(shown) > MAX_ENTRIES:
        raise TermError(f"term set {name!r} has {len(shown)} entries, over {MAX_ENTRIES}")
    frags = list(dict.fromkeys(frags))
    pattern = "|".join(frags)
    try:
        regex = re2.compile(pattern, _OPTIONS)
    except Exception:  # noqa: BLE001
        raise TermError(f"term set {name!r} is too large to compile") from None
    return TermSet(name, tuple(shown), pattern, regex)


def builtin_set(name: str) -> TermSet:
    """Compile one of ``BUILTIN_TERMS``."""
    return compile_set(name, BUILTIN_TERMS[name])
