"""Document titles from metadata: placeholders and print-driver names are no title.

Readers pass DOCX core-properties and PDF Info values through ``tidy_title``, so
``Document.title`` (and document-type detection, which reads it) falls back to the first
heading instead of a generator's default; reports show the same title.
"""

from __future__ import annotations

import re

#: "Microsoft Word - policy.doc": the title Acrobat's PDFMaker / the Windows print driver
#: writes; the rest is the Word file name.
_PRINTED_FROM = re.compile(r"^microsoft (?:office )?(?:word|excel|powerpoint) - ", re.IGNORECASE)
_OFFICE_SUFFIX = re.compile(r"\.(?:docx?|docm|dotx?|dotm|rtf|odt|xlsx?|pptx?)$", re.IGNORECASE)
#: Titles that name no document: generators' defaults ("(anonymous)" from reportlab and
#: some converters, "Untitled", Word's "Document1") and template prompts ("[Title]").
_PLACEHOLDER = re.compile(
    r"[(\[<]?(?:anonymous|untitled(?: document)?|unspecified|no title|none|null|"
    r"document ?\d*|doc\d+|title|insert title(?: here)?|click here to enter (?:a )?title)"
    r"[)\]>]?",
    re.IGNORECASE,
)


def tidy_title(title: str) -> str:
    """A metadata title fit to show, or ``""`` when it is only a placeholder.

    Whitespace is collapsed; a "Microsoft Word - " print-driver prefix is removed with the
    Office file suffix after it; "(anonymous)", "Untitled", "Document1", "[Title]" and
    titles with no letter or digit become ``""``.

    Args:
        title: A title from document metadata (DOCX core properties, PDF info).

    Returns:
        The title to show, or ``""`` (then the first heading stands in, ``display_title``).
    """
    text = " ".join(title.split())
    if _PRINTED_FROM.match(text):
        text = _OFFICE_SUFFIX.sub("", _PRINTED_FROM.sub("", text)).strip()
    if not any(ch.isalnum() for ch in text) or _PLACEHOLDER.fullmatch(text):
        return ""
    return text
