"""Decide a document's type (``STANDARDS.md`` doc types) and say why.

Order of evidence, first hit wins:

1. ``override`` (``--doc-type`` or the config's ``doc_types``);
2. front matter / metadata ``doc_type`` or ``type`` (Markdown front matter);
3. document properties: DOCX core ``category``, ``subject``, ``keywords``; PDF ``subject``,
   ``keywords`` — only when they name a type;
4. the title (metadata title, else the first heading), then the file name;
5. the opening text (contract wording such as "This Agreement is made …", "the Supplier
   shall"), then contract voice repeated in the first 20,000 characters ("the Buyer shall",
   "this Contract" three times or more);
6. otherwise ``policy`` — the commonest input and the type most standards apply to; the
   reason says so and how to set the type.

Within one text the most specific type wins: code of conduct, service specification,
contract, handbook, strategy, practice guidance, policy, procedure ("Anti-racism policy and
procedure" is a policy).
"""

from __future__ import annotations

import os
import re

from .errors import ConfigError
from .model import Document
from .ruleset import DOC_TYPES

DEFAULT_DOC_TYPE = "policy"

#: Written forms of each type (after lower-casing and folding ``_ - /`` to spaces).
_SYNONYMS: dict[str, str] = {
    "code of conduct": "code_of_conduct",
    "conduct": "code_of_conduct",
    "code": "code_of_conduct",
    "service specification": "service_specification",
    "service spec": "service_specification",
    "specification": "service_specification",
    "spec": "service_specification",
    "terms and conditions": "contract",
    "terms": "contract",
    "agreement": "contract",
    "framework agreement": "contract",
    "practice guidance": "practice_guidance",
    "guidance": "practice_guidance",
    "guide": "practice_guidance",
    "procedures": "procedure",
    "policies": "policy",
    "strategies": "strategy",
}

_TITLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (doc_type, re.compile(pattern, re.IGNORECASE))
    for doc_type, pattern in (
        ("code_of_conduct", r"\b(?:code\s+of\s+(?:conduct|behaviour|ethics)|conduct\s+code)\b"),
        (
            "service_specification",
            r"\bservice\s+spec(?:ification)?s?\b|\bspecification\b|\bstatement\s+of\s+work\b"
            r"|\bperformance\s+work\s+statement\b|\bservice\s+requirements\b",
        ),
        (
            "contract",
            r"\b(?:contract|agreement|terms\s+(?:and|&)\s+conditions|t\s*&\s*cs?|core\s+terms"
            r"|(?:call\s*off|framework|joint)\s+schedule|(?:award|order)\s+form)\b",
        ),
        ("handbook", r"\b(?:handbook|staff\s+guide|employee\s+guide)\b"),
        ("strategy", r"\b(?:strateg(?:y|ies|ic\s+plan)|action\s+plan)\b"),
        (
            "practice_guidance",
            r"\b(?:practice\s+guid(?:ance|e)|guidance|toolkit|practice\s+note)\b",
        ),
        ("policy", r"\b(?:polic(?:y|ies)|policy\s+statement)\b"),
        ("procedure", r"\b(?:procedures?|protocol)\b"),
    )
)

_CONTRACT_TEXT = re.compile(
    r"\b(?:this\s+(?:agreement|contract)\s+is\s+made|the\s+(?:supplier|contractor|provider"
    r"|service\s+provider)\s+shall|terms\s+and\s+conditions\s+of\s+contract)\b",
    re.IGNORECASE,
)
#: Contract voice anywhere in the opening pages: a party bound by "shall", or "this Contract".
_CONTRACT_VOICE = re.compile(
    r"\bthe\s+(?:supplier|contractor|provider|buyer|authority|customer|licensee|licensor"
    r"|company|distributor|parties)\s+shall\b|\bthis\s+(?:call[\s-]*off\s+)?(?:contract|agreement)\b",
    re.IGNORECASE,
)
_SPEC_TEXT = re.compile(r"\bservice\s+specification\b", re.IGNORECASE)


def normalise_doc_type(value: str) -> str | None:
    """Map a written type ("Code of Conduct", "code-of-conduct", "T&Cs") to a doc type."""
    key = " ".join(re.sub(r"[_\-/]+", " ", value.strip().lower()).split())
    if not key:
        return None
    if key.replace(" ", "_") in DOC_TYPES:
        return key.replace(" ", "_")
    if key in _SYNONYMS:
        return _SYNONYMS[key]
    return None


def _from_text(text: str) -> str | None:
    for doc_type, pattern in _TITLE_PATTERNS:
        if pattern.search(text):
            return doc_type
    return None


def detect_doc_type(doc: Document, override: str | None = None) -> tuple[str, str]:
    """Decide the document type.

    Args:
        doc: The parsed document.
        override: A type given by the user or config; wins when set.

    Returns:
        ``(doc_type, reason)``; ``doc_type`` is one of ``ruleset.DOC_TYPES`` and ``reason``
        a short phrase such as ``title "Staff Code of Conduct"``.

    Raises:
        ConfigError: ``override`` is not a known type.
    """
    if override:
        found = normalise_doc_type(override)
        if found is None:
            raise ConfigError(
                "", f"unknown document type {override!r} — use one of {', '.join(DOC_TYPES)}"
            )
        return found, f"set to {override!r}"
    meta = {k.lower(): v for k, v in doc.metadata.items()}
    for key in ("doc_type", "doctype", "document_type", "type"):
        value = meta.get(key, "")
        found = normalise_doc_type(value) if value else None
        if found is None and value:
            found = _from_text(value)
        if found:
            return found, f"metadata {key}: {value!r}"
    for key in ("category", "subject", "keywords"):
        value = meta.get(key, "")
        found = (normalise_doc_type(value) or _from_text(value)) if value else None
        if found:
            where = "DOCX" if doc.format == "docx" else doc.format.upper()
            return found, f"{where} {key} property {value!r}"
    title = doc.title
    if title:
        found = _from_text(title)
        if found:
            return found, f"title {title!r}"
    name = os.path.basename(doc.path)
    stem = re.sub(r"[_\-.]+", " ", os.path.splitext(name)[0])
    stem = re.sub(r"(?<=[A-Za-z])(?=\d)", " ", stem)  # "Agreement4" → "Agreement 4"
    found = _from_text(stem)
    if found:
        return found, f"file name {name!r}"
    opening = doc.text[:4000]
    if _SPEC_TEXT.search(opening):
        return "service_specification", 'opening text says "service specification"'
    match = _CONTRACT_TEXT.search(opening)
    if match:
        return "contract", f"opening text says {' '.join(match.group().split())!r}"
    voice = _CONTRACT_VOICE.findall(doc.text[:20000])
    if len(voice) >= 3:
        return "contract", (
            f"contract wording in the opening pages ({len(voice)} times, e.g. "
            f"{' '.join(voice[0].split())!r})"
        )
    return DEFAULT_DOC_TYPE, (
        f"no type in metadata, title or file name — assumed {DEFAULT_DOC_TYPE} (set doc_type "
        "in front matter, or use --doc-type)"
    )
