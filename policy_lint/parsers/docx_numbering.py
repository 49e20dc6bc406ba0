"""DOCX automatic numbering: the list and heading numbers Word draws but never stores (P14).

Word keeps "4.2", "(a)" or "iii." out of the paragraph text and computes them from
``word/numbering.xml`` (ECMA-376 Part 1 §17.9).  This module does the same so a block can
carry its number as ``Block.label`` (never in its text):

* A paragraph is numbered by ``w:numPr`` (``numId``, ``ilvl``), its own or its style
  chain's (``Styles.numbering``); ``numId`` 0 means none.  Without an ``ilvl`` the level is
  the one whose ``w:lvl/w:pStyle`` names the paragraph's style, else 0.
* ``w:num`` (a numbering instance) points to a ``w:abstractNum`` (the definition), possibly
  through ``w:numStyleLink`` → numbering style → ``w:num`` → ``w:abstractNum`` with the
  levels (§17.9.21, §17.9.27; at most ``_MAX_LINKS`` hops).  ``w:lvlOverride`` replaces a
  level's start (``w:startOverride``) or whole definition (``w:lvl``).
* Counters belong to the abstract numbering, so instances sharing one continue each other;
  an instance with an override keeps its own counters (Word's "restart numbering").
* Using level L advances its counter (from ``w:start`` on first use) and resets each deeper
  level k, unless its ``w:lvlRestart`` says otherwise: 0 = never, v = only when a level
  shallower than v (1-based) is used (§17.9.10).
* The label is ``w:lvlText`` with each ``%N`` replaced by level N's counter in that level's
  ``w:numFmt`` (all decimal when the shown level is ``w:isLgl``, §17.9.4).  Formats:
  ``decimal``, ``decimalZero``, ``lowerLetter`` / ``upperLetter`` (a … z, aa, bb …),
  ``lowerRoman`` / ``upperRoman``, ``none`` (empty); ``bullet`` levels have no label; any
  other format is read as ``decimal``.

Work is bounded: nine levels, ``w:lvlText`` cut at 255 characters, malformed numbers ignored.
Damaged definitions give no label; they never raise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml import etree

from .docx_styles import Styles, W

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
#: Levels a numbering definition may have (``w:ilvl`` 0–8, §17.9.3).
LEVELS = 9
_MAX_TEXT = 255
_MAX_LINKS = 4
_MAX_START = 2**31 - 1
_VAL = W + "val"
_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Level:
    """One numbering level (``w:lvl``).

    Attributes:
        start: First value (``w:start``, default 0 as in §17.9.25; Word writes 1).
        fmt: ``w:numFmt`` value (default ``decimal``).
        text: ``w:lvlText`` (``""`` when absent).
        legal: ``w:isLgl``: show every level's number as decimal.
        restart: ``w:lvlRestart`` value (1-based level; 0 = never), or ``None``.
        style: ``w:pStyle``: the paragraph style this level is linked to, or ``None``.
    """

    start: int = 0
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False
    restart: int | None = None
    style: str | None = None


Levels = tuple["Level | None", ...]


def _int(el: etree._Element | None, default: int | None = None) -> int | None:
    """``w:val`` of ``el`` as an int in ``0 … 2**31 - 1``, else ``default``."""
    value = el.get(_VAL) if el is not None else None
    if value is None:
        return default
    value = value.strip()
    if not value.isdigit() or len(value) > 10:
        return default
    return min(int(value), _MAX_START)


def _on(el: etree._Element | None) -> bool:
    """An ``ST_OnOff`` toggle: present and not ``0`` / ``false`` / ``off``."""
    return el is not None and el.get(_VAL, "true") not in ("0", "false", "off")


def _num_fmt(lvl: etree._Element) -> str:
    """``w:numFmt``, also when Word wrapped it in ``mc:AlternateContent`` (the Fallback)."""
    el = lvl.find(W + "numFmt")
    if el is None:
        el = lvl.find(f"{MC}AlternateContent/{MC}Fallback/{W}numFmt")
    return (el.get(_VAL) if el is not None else None) or "decimal"


def read_level(lvl: etree._Element) -> tuple[int, Level] | None:
    """``(ilvl, Level)`` for a ``w:lvl`` element, or ``None`` when its ``w:ilvl`` is bad."""
    ilvl = lvl.get(W + "ilvl")
    if ilvl is None or not ilvl.strip().isdigit() or int(ilvl) >= LEVELS:
        return None
    text_el = lvl.find(W + "lvlText")
    text = (text_el.get(_VAL) or "") if text_el is not None else ""
    style = lvl.find(W + "pStyle")
    return int(ilvl), Level(
        start=_int(lvl.find(W + "start"), 0) or 0,
        fmt=_num_fmt(lvl),
        text=text[:_MAX_TEXT],
        legal=_on(lvl.find(W + "isLgl")),
        restart=_int(lvl.find(W + "lvlRestart")),
        style=style.get(_VAL) if style is not None else None,
    )


def _levels(parent: etree._Element) -> list[Level | None]:
    levels: list[Level | None] = [None] * LEVELS
    for lvl in parent.iterchildren(W + "lvl"):
        found = read_level(lvl)
        if found is not None and levels[found[0]] is None:
            levels[found[0]] = found[1]
    return levels


def format_number(value: int, fmt: str) -> str:
    """``value`` in ``w:numFmt`` ``fmt`` (§17.18.59); out-of-range values fall back to decimal.

    ``lowerLetter`` runs a … z, aa … zz, aaa …; roman numerals are for 1 … 3999.
    """
    if fmt in ("none", "bullet"):
        return ""
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter") and 0 < value <= 26 * 20:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        out = []
        for size, digits in _ROMAN:
            count, value = divmod(value, size)
            out.append(digits * count)
        roman = "".join(out)
        return roman if fmt == "lowerRoman" else roman.upper()
    return str(value)


@dataclass(frozen=True, slots=True)
class _Instance:
    """A resolved ``w:num``: whose counters it uses and its levels (overrides applied)."""

    key: str
    levels: Levels


class Numbering:
    """Numbering definitions from ``word/numbering.xml``; ``sequence()`` gives the counters.

    Args:
        root: The parsed ``w:numbering`` element, or ``None`` (no numbering: no labels).
        styles: The document's styles, for ``w:numStyleLink`` and style-linked levels.
    """

    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        self.styles = styles
        self._instances: dict[str, _Instance] = {}
        if root is None:
            return
        abstract: dict[str, list[Level | None]] = {}
        links: dict[str, str] = {}
        for el in root.iterchildren(W + "abstractNum"):
            aid = el.get(W + "abstractNumId")
            if aid is None or aid in abstract:
                continue
            abstract[aid] = _levels(el)
            link = el.find(W + "numStyleLink")
            if link is not None and link.get(_VAL):
                links[aid] = link.get(_VAL) or ""
        nums: dict[str, etree._Element] = {}
        for el in root.iterchildren(W + "num"):
            nid = el.get(W + "numId")
            if nid is not None and nid.strip() not in nums:
                nums[nid.strip()] = el
        for nid, el in nums.items():
            aid = self._abstract_id(el, nums, abstract, links)
            if aid is not None:
                self._instances[nid] = self._instance(nid, el, aid, abstract[aid])

    def _abstract_id(
        self,
        num: etree._Element,
        nums: dict[str, etree._Element],
        abstract: dict[str, list[Level | None]],
        links: dict[str, str],
    ) -> str | None:
        """The abstract numbering holding ``num``'s levels, following numbering styles."""
        ref = num.find(W + "abstractNumId")
        aid = ref.get(_VAL) if ref is not None else None
        for _ in range(_MAX_LINKS):
            if aid is None or aid not in links:
                break
            linked = nums.get(self.styles.numbering_styles.get(links[aid], ""))
            ref = linked.find(W + "abstractNumId") if linked is not None else None
            aid = ref.get(_VAL) if ref is not None else None
        return aid if aid in abstract else None

    @staticmethod
    def _instance(nid: str, num: etree._Element, aid: str, base: list[Level | None]) -> _Instance:
        levels = list(base)
        overridden = False
        for override in num.iterchildren(W + "lvlOverride"):
            ilvl = override.get(W + "ilvl")
            if ilvl is None or not ilvl.strip().isdigit() or int(ilvl) >= LEVELS:
                continue
            i = int(ilvl)
            lvl = override.find(W + "lvl")
            found = read_level(lvl) if lvl is not None else None
            if found is not None:
                levels[i] = found[1]
                overridden = True
            start = _int(override.find(W + "startOverride"))
            level = levels[i]
            if start is not None and level is not None:
                levels[i] = replace(level, start=start)
                overridden = True
        return _Instance(f"num {nid}" if overridden else f"abstract {aid}", tuple(levels))

    def __bool__(self) -> bool:
        """True when some ``w:num`` resolves to levels (else no paragraph gets a label)."""
        return bool(self._instances)

    def sequence(self) -> NumberSequence:
        """Fresh counters for one story (the body, a header, the notes …)."""
        return NumberSequence(self)

    def instance(self, num_id: str) -> _Instance | None:
        """The resolved ``w:num`` with id ``num_id``, or ``None``."""
        return self._instances.get(num_id)


class NumberSequence:
    """Counters of one story: ``label()`` for each numbered paragraph, in reading order."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self._counters: dict[str, list[int | None]] = {}

    def label(self, num_id: str, ilvl: str | None, style: str | None) -> str:
        """Advance the counters for a paragraph and return its label (``""`` for bullets).

        Args:
            num_id: The paragraph's ``w:numId`` (not ``"0"``).
            ilvl: Its ``w:ilvl`` as written, or ``None`` (then the level linked to
                ``style`` by ``w:pStyle``, else 0).
            style: The paragraph's style id, or ``None``.
        """
        inst = self.numbering.instance(num_id)
        if inst is None:
            return ""
        levels = inst.levels
        if ilvl is not None and ilvl.strip().isdigit():
            level = min(int(ilvl), LEVELS - 1)
        else:
            linked = [i for i, lv in enumerate(levels) if lv is not None and lv.style == style]
            level = linked[0] if style is not None and linked else 0
        this = levels[level]
        if this is None:
            return ""
        counters = self._counters.get(inst.key)
        if counters is None:
            counters = self._counters[inst.key] = [None] * LEVELS
        value = counters[level]
        counters[level] = this.start if value is None else value + 1
        for k in range(level + 1, LEVELS):
            deeper = levels[k]
            restart = deeper.restart if deeper is not None else None
            if restart is None or restart > k:
                restart = k
            if level < restart:
                counters[k] = None
        if this.fmt == "bullet":
            return ""
        return _PLACEHOLDER.sub(lambda m: self._shown(levels, counters, int(m[1]) - 1, this),
                                this.text).strip()  # fmt: skip

    @staticmethod
    def _shown(levels: Levels, counters: list[int | None], k: int, this: Level) -> str:
        """Level ``k``'s number as shown in ``this`` level's text."""
        lv = levels[k]
        if lv is None:
            return ""
        value = counters[k]
        if value is None:
            value = lv.start
        return format_number(value, "decimal" if this.legal and lv.fmt != "none" else lv.fmt)
