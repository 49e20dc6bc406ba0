"""Paragraph styles: which paragraphs are headings (and at what level) and which are lists.

Headings are decided by outline level, not by the English style name, so renamed and
localised heading styles ("Titre 1", "Überschrift 1", "Policy H1") still open sections
(PITFALLS P18).  For a paragraph, in order:

1. its own ``w:pPr/w:outlineLvl`` (direct formatting wins, as in Word);
2. its style and then each ``w:basedOn`` ancestor: a built-in name ``heading N`` gives level
   N, ``Title`` gives 1, a ``w:outlineLvl`` value v gives v + 1;
3. when the style is missing from ``styles.xml``, a built-in style id ``Heading1`` …
   ``Heading9`` or ``Title``.

Outline level 9 means body text (ECMA-376 Part 1 §17.3.1.20).  A paragraph is a list item
when it, or its style chain, has ``w:numPr`` with a ``w:numId`` other than 0 (§17.3.1.19);
its level is ``w:ilvl`` (0 = top).
"""

from __future__ import annotations

import re

from lxml import etree

#: The WordprocessingML main namespace, in Clark notation (ECMA-376 transitional).
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_TITLE = frozenset({"title"})
_BODY_LEVEL = 9
_MAX_CHAIN = 50


def _val(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(W + "val")


def _outline(ppr: etree._Element | None) -> int | None:
    """``w:outlineLvl`` of a ``w:pPr`` as an int, or ``None``."""
    if ppr is None:
        return None
    value = _val(ppr.find(W + "outlineLvl"))
    if value is None or not value.lstrip("-").isdigit():
        return None
    return int(value)


def _level_from_name(name: str) -> int | None:
    match = _HEADING_NAME.match(name.strip())
    if match:
        return int(match.group(1))
    return 1 if name.strip().lower() in _TITLE else None


class Styles:
    """Heading levels and list numbering resolved from ``word/styles.xml``.

    Args:
        root: The parsed ``w:styles`` element, or ``None`` when the part is absent.
    """

    def __init__(self, root: etree._Element | None) -> None:
        self._styles: dict[str, etree._Element] = {}
        self.default: str | None = None
        self._heading: dict[str, int | None] = {}
        self._numpr: dict[str, tuple[str | None, str | None]] = {}
        #: Numbering styles (``w:type="numbering"``): style id → their ``w:numId``, which
        #: ``w:numStyleLink`` in ``numbering.xml`` follows (ECMA-376 Part 1 §17.9.21).
        self.numbering_styles: dict[str, str] = {}
        if root is None:
            return
        for style in root.iterchildren(W + "style"):
            kind = style.get(W + "type", "paragraph")
            sid = style.get(W + "styleId")
            if sid is None:
                continue
            if kind == "numbering":
                num_id = _val(style.find(f"{W}pPr/{W}numPr/{W}numId"))
                if num_id is not None:
                    self.numbering_styles[sid] = num_id
                continue
            if kind != "paragraph":
                continue
            self._styles[sid] = style
            if style.get(W + "default") in ("1", "true", "on"):
                self.default = sid

    def _chain(self, sid: str) -> list[etree._Element]:
        chain: list[etree._Element] = []
        seen: set[str] = set()
        current: str | None = sid
        while current and current not in seen and len(chain) < _MAX_CHAIN:
            seen.add(current)
            style = self._styles.get(current)
            if style is None:
                break
            chain.append(style)
            current = _val(style.find(W + "basedOn"))
        return chain

    def heading_level(self, sid: str | None) -> int | None:
        """Heading level (1 = top) of paragraph style ``sid``, or ``None`` for body text."""
        sid = sid or self.default
        if sid is None:
            return None
        if sid in self._heading:
            return self._heading[sid]
        level: int | None = None
        chain = self._chain(sid)
        for style in chain:
            name = _level_from_name(_val(style.find(W + "name")) or "")
            if name is not None:
                level = name
                break
            outline = _outline(style.find(W + "pPr"))
            if outline is not None:
                level = outline + 1 if 0 <= outline < _BODY_LEVEL else None
                break
        if not chain:
            level = _level_from_name(re.sub(r"(?i)^heading(\d)$", r"heading \1", sid))
        self._heading[sid] = level
        return level

    def paragraph_heading(self, ppr: etree._Element | None, sid: str | None) -> int | None:
        """Heading level of a paragraph from its own ``w:outlineLvl`` or its style."""
        own = _outline(ppr)
        if own is not None:
            return own + 1 if 0 <= own < _BODY_LEVEL else None
        return self.heading_level(sid)

    def _style_numpr(self, sid: str) -> tuple[str | None, str | None]:
        if sid not in self._numpr:
            num_id = ilvl = None
            for style in self._chain(sid):
                numpr = style.find(f"{W}pPr/{W}numPr")
                if numpr is None:
                    continue
                num_id = num_id or _val(numpr.find(W + "numId"))
                ilvl = ilvl or _val(numpr.find(W + "ilvl"))
            self._numpr[sid] = (num_id, ilvl)
        return self._numpr[sid]

    def numbering(
        self, ppr: etree._Element | None, sid: str | None
    ) -> tuple[str, str | None, str | None] | None:
        """A paragraph's numbering reference: ``(numId, ilvl, style id)``, or ``None``.

        ``w:numId`` and ``w:ilvl`` come from the paragraph's own ``w:pPr/w:numPr``, each
        falling back to its style chain's (§17.3.1.19); ``ilvl`` is ``None`` when neither
        gives one (the level then follows ``w:lvl/w:pStyle``).  A ``numId`` of 0 means no
        numbering.  The style id is the paragraph's style (or the default paragraph style).
        """
        num_id = ilvl = None
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        if numpr is not None:
            num_id = _val(numpr.find(W + "numId"))
            ilvl = _val(numpr.find(W + "ilvl"))
        sid = sid or self.default
        if sid is not None and (num_id is None or ilvl is None):
            s_num, s_ilvl = self._style_numpr(sid)
            num_id = num_id or s_num
            ilvl = ilvl or s_ilvl
        if num_id is None or num_id.strip() == "0":
            return None
        return num_id.strip(), ilvl, sid

    def list_level(self, ppr: etree._Element | None, sid: str | None) -> int | None:
        """List level (``w:ilvl``, 0 = top) of a numbered / bulleted paragraph, else ``None``."""
        found = self.numbering(ppr, sid)
        if found is None:
            return None
        ilvl = found[1]
        return int(ilvl) if ilvl and ilvl.isdigit() else 0
