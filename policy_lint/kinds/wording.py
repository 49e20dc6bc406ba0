"""Kind ``wording``: line-level flags for terms to avoid (pack ``chscp-language``).

Semantics (``docs/rule-format.md`` §7, ``STANDARDS.md`` pack ``chscp-language``): every match
of a ``flag`` set is flagged, except inside quotations or block quotes, inside an ``except``
phrase (a proper name such as "Race Equality Council"), in a sentence matching an ``unless``
set (e.g. the Equality Act is cited), in a sentence that tells writers to avoid the term, or,
when ``when`` is given, in a sentence without one of those context words (PITFALLS P55:
"hostile" of a network is not "hostile" of a parent).
"""

from __future__ import annotations

from ..findings import Flag
from ..model import SourceSpan
from ..ruleset import Rule
from ._index import DocIndex


def flags(rule: Rule, idx: DocIndex) -> list[tuple[int, int, Flag]]:
    """Flags of one wording rule, in reading order, as ``(sentence index, offset, flag)``."""
    spec = rule.wording
    if spec is None:
        return []
    out: list[tuple[int, int, Flag]] = []
    for ts in spec.flag:
        for i, spans in idx.hits(ts).items():
            rec = idx.sents[i]
            if idx.avoid(i):
                continue
            if spec.unless and any(idx.has(u, i) for u in spec.unless):
                continue
            if spec.when and not any(idx.has(w, i) for w in spec.when):
                continue
            exempt = idx.spans(spec.except_, i) if spec.except_ and idx.has(spec.except_, i) else []
            for s, e in spans:
                if any(xs <= s and e <= xe for xs, xe in exempt):
                    continue
                term = rec.raw[s:e]
                message = spec.message
                if spec.suggest:
                    message += f' (suggest "{spec.suggest}")'
                out.append(
                    (
                        i,
                        s,
                        Flag(
                            rule_id=rule.id,
                            pack=rule.pack,
                            severity=rule.severity,
                            term=term,
                            message=message,
                            span=term_span(
                                rec.block.text,
                                rec.sentence.start,
                                rec.sentence.end,
                                rec.raw,
                                s,
                                rec.sentence.span,
                            ),
                            sentence=rec.raw,
                        ),
                    )
                )
    out.sort(key=lambda t: (t[0], t[1]))
    seen: set[tuple[int, int]] = set()
    result = []
    for i, s, flag in out:
        if (i, s) not in seen:
            seen.add((i, s))
            result.append((i, s, flag))
    return result


def term_span(
    block_text: str, start: int, end: int, sentence: str, offset: int, span: SourceSpan
) -> SourceSpan:
    """Location of a term at ``offset`` in a sentence's text.

    A sentence on one line: the sentence's column plus the offset (exact for plain text, for
    Markdown without inline markup before the term, and for DOCX, where the column is the
    character in the paragraph). A sentence over several lines (the readers join soft line
    breaks with spaces): a term within the last line's characters is placed on
    ``span.end_line`` counting back from ``span.end_column``; in a two-line sentence any other
    term is on the first line; otherwise the sentence start is given. PDF keeps the line only.
    """
    raw = block_text[start:end]
    j = _raw_offset(raw, sentence, offset)
    if "\n" in raw[:j]:  # a reader that keeps line breaks in block text
        before = raw[:j]
        line = span.line + before.count("\n") if span.line is not None else None
        return _at(span, line, j - before.rfind("\n"))
    if span.line is None or span.end_line is None or span.end_line == span.line:
        return _at(span, span.line, None if span.column is None else span.column + j)
    from_end = len(raw) - j
    if span.end_column is not None and from_end <= span.end_column - 1:
        return _at(span, span.end_line, span.end_column - from_end)
    if span.end_line == span.line + 1 and span.column is not None:
        return _at(span, span.line, span.column + j)
    return _at(span, span.line, span.column)


def _at(span: SourceSpan, line: int | None, column: int | None) -> SourceSpan:
    return SourceSpan(
        span.file,
        span.page,
        span.paragraph,
        line,
        column,
        None,
        None,
        span.container,
        span.table,
        span.row,
        span.col,
        span.story,
    )


def _raw_offset(raw: str, collapsed: str, offset: int) -> int:
    """Offset in ``raw`` of character ``offset`` of ``" ".join(raw.split())``."""
    r = 0
    while r < len(raw) and raw[r].isspace():
        r += 1
    c = 0
    while c < offset and r < len(raw):
        if raw[r].isspace():
            while r < len(raw) and raw[r].isspace():
                r += 1
            c += 1
        else:
            r += 1
            c += 1
    return r
