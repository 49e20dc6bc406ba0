"""The PDF reader: exact text and page/line spans on PDFs built here, both engines."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from policy_lint.errors import DocumentError
from policy_lint.model import Document
from policy_lint.parsers import DEFAULT_LIMITS, Limits, parse_file
from policy_lint.parsers import pdf as pdf_reader
from policy_lint.parsers.pdf_engines import Line, PageText
from policy_lint.parsers.pdf_layout import clean, join_hyphen, reading_order, repair_broken
from tests import pdf_fixtures as fx

ENGINES = ("pypdfium2", "pdfplumber")


def parse(tmp_path: Path, data: bytes, engine: str = "pypdfium2", **kw: object) -> Document:
    return parse_file(fx.write(tmp_path, "doc.pdf", data), pdf_engine=engine, **kw)  # type: ignore[arg-type]


def sents(doc: Document) -> list[tuple[str, int | None, int | None, str]]:
    return [(s.text, s.span.page, s.span.line, b.kind) for _, b, s in doc.sentences()]


# ------------------------------------------------------------------ text and spans ---------


@pytest.mark.parametrize("engine", ENGINES)
def test_simple_paragraphs(tmp_path: Path, engine: str) -> None:
    doc = parse(tmp_path, fx.simple(), engine)
    assert doc.format == "pdf" and doc.pages == 1
    assert sents(doc) == [
        ("Racism of any kind is not tolerated at the council.", 1, 1, "paragraph"),
        ("Staff must report incidents to their manager.", 1, 2, "paragraph"),
        ("All reports are recorded and reviewed each month.", 1, 3, "paragraph"),
    ]
    assert [len(b.sentences) for _, b in doc.blocks()] == [2, 1]


@pytest.mark.parametrize("engine", ENGINES)
def test_two_columns_read_apart(tmp_path: Path, engine: str) -> None:
    assert sents(parse(tmp_path, fx.two_columns(), engine)) == [
        ("Racism is not tolerated and will lead to disciplinary action.", 1, 1, "paragraph"),
        ("Training is offered to all staff every year.", 1, 3, "paragraph"),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_line_end_hyphens_joined_or_kept(tmp_path: Path, engine: str) -> None:
    doc = parse(tmp_path, fx.hyphenation(), engine)
    assert sents(doc) == [
        ("Breaches lead to disciplinary action and anti-racism training.", 1, 1, "paragraph")
    ]


def test_join_hyphen_rules() -> None:
    vocab: Counter[str] = Counter({"policy": 2, "makers": 1, "employ": 1, "something": 1})
    assert join_hyphen("disci", "plinary", vocab)
    assert not join_hyphen("anti", "racism", vocab)
    assert not join_hyphen("policy", "makers", vocab)  # both halves are words
    assert join_hyphen("some", "thing", vocab)  # the joined form is used elsewhere
    assert not join_hyphen("Smith", "Jones", Counter())  # capitalised right half: a name pair


@pytest.mark.parametrize("engine", ENGINES)
def test_ligatures_expanded(tmp_path: Path, engine: str) -> None:
    if not fx.DEJAVU.exists():
        pytest.skip("DejaVu Sans not installed; ligatures are covered by test_layout_ligatures")
    assert sents(parse(tmp_path, fx.ligatures(), engine)) == [
        ("The officer will file a report", 1, 1, "paragraph")
    ]


def test_layout_ligatures_and_broken_glyphs() -> None:
    expanded = "officer flag effect sufficient"
    assert clean("of\ufb01cer \ufb02ag e\ufb00ect su\ufb03cient") == expanded
    text, missing = repair_broken("The of\ufffdcer and the \x00le", Counter({"officer": 1}))
    assert (text, missing) == ("The officer and the \x00le", 1)


@pytest.mark.parametrize("engine", ENGINES)
def test_running_heads_out_of_body_and_sentence_over_page_break(
    tmp_path: Path, engine: str
) -> None:
    doc = parse(tmp_path, fx.running_heads(), engine)
    assert doc.pages == 3
    assert sents(doc) == [
        ("This policy applies to all staff.", 1, 3, "paragraph"),
        ("Staff who witness racist abuse must report it the same day.", 1, 4, "paragraph"),
        ("Managers act within five days.", 2, 4, "paragraph"),
        ("Reports are reviewed every month.", 3, 3, "paragraph"),
    ]
    assert not re.search(r"Anti-Racism Policy|Version|Page \d", doc.text)
    span = next(s for _, _, s in doc.sentences() if s.text.startswith("Staff who")).span
    assert (span.page, span.line, span.end_line, span.container) == (1, 4, None, "body")


@pytest.mark.parametrize("engine", ENGINES)
def test_headings_from_size_and_weight(tmp_path: Path, engine: str) -> None:
    doc = parse(tmp_path, fx.headings(), engine)
    assert [(s.heading, s.level, s.heading_path) for s in doc.sections] == [
        ("Anti-Racism Policy", 1, ("Anti-Racism Policy",)),
        ("Reporting racism", 2, ("Anti-Racism Policy", "Reporting racism")),
        ("Sanctions", 3, ("Anti-Racism Policy", "Reporting racism", "Sanctions")),
    ]
    assert sents(doc)[-1] == ("Racist conduct is gross misconduct.", 1, 5, "paragraph")


@pytest.mark.parametrize("engine", ENGINES)
def test_fake_bold_once_and_letter_spacing(tmp_path: Path, engine: str) -> None:
    assert [t for t, *_ in sents(parse(tmp_path, fx.fake_bold(), engine))] == [
        "Zero tolerance",
        "Racist remarks are never acceptable here.",
    ]
    assert [t for t, *_ in sents(parse(tmp_path, fx.letter_spaced(), engine))] == [
        "Racism is not tolerated."
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_metadata_title(tmp_path: Path, engine: str) -> None:
    doc = parse(tmp_path, fx.titled(), engine)
    assert doc.metadata == {"title": "Anti-Racism Policy", "author": "Equality Team"}
    assert doc.title == "Anti-Racism Policy"


def _words(doc: Document) -> list[str]:
    return [b.kind + ":" + w for _, b in doc.blocks() for w in b.text.split()]


@pytest.mark.parametrize("builder", fx.BUILDERS, ids=lambda b: b.__name__)
def test_engines_agree_word_for_word(tmp_path: Path, builder: object) -> None:
    data = builder()  # type: ignore[operator]
    fast, slow = (parse(tmp_path, data, e) for e in ENGINES)
    assert _words(fast) == _words(slow)
    assert [s.span for _, _, s in fast.sentences()] == [s.span for _, _, s in slow.sentences()]


def test_reading_order_on_engine_lines() -> None:
    lines = [
        Line("staff every year.", 330, 414, 156, 12, False),
        Line("Racism is not tolerated and", 60, 205, 142, 12, False),
        Line("Training is offered to all", 330, 454, 142, 12, False),
        Line("will lead to disciplinary action.", 60, 216, 156, 12, False),
    ]
    assert [x.text for x in reading_order(lines)] == [
        "Racism is not tolerated and",
        "will lead to disciplinary action.",
        "Training is offered to all",
        "staff every year.",
    ]


# ------------------------------------------------------------------ errors -----------------


def _error(tmp_path: Path, data: bytes, engine: str = "pypdfium2", **kw: object) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        parse(tmp_path, data, engine, **kw)
    assert "\n" not in info.value.message and "Traceback" not in info.value.message
    return info.value


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted(tmp_path: Path, engine: str) -> None:  # PITFALLS P35
    err = _error(tmp_path, fx.build([fx.lines(72, 700, ["Secret."])], encrypt="userpw"), engine)
    assert err.code == "encrypted"
    assert err.reason == "password-protected PDF — remove the password and save again"


def _rectangles(c: object, _n: int) -> None:
    c.rect(100, 100, 300, 400, fill=1)  # type: ignore[attr-defined]


@pytest.mark.parametrize("engine", ENGINES)
def test_no_text_layer(tmp_path: Path, engine: str) -> None:  # PITFALLS P34
    err = _error(tmp_path, fx.build([[], []], extra=_rectangles), engine)
    assert err.code == "no-text-layer"
    assert "no text layer on 2 of 2 pages — scanned? run OCR first" in err.reason


@pytest.mark.parametrize("engine", ENGINES)
def test_some_pages_without_text_warn(tmp_path: Path, engine: str) -> None:
    def drawn(c: object, n: int) -> None:  # page 2: a drawing (60 shapes), page 4: one line
        for i in range(60 if n == 1 else 1 if n == 3 else 0):
            c.rect(100 + 6 * i, 100, 3, 400, fill=1)  # type: ignore[attr-defined]

    text = fx.lines(72, 700, ["Racism is not tolerated."])
    data = fx.build([text, [], fx.lines(72, 700, ["Report it."]), []], extra=drawn)
    doc = parse(tmp_path, data, engine)
    assert doc.warnings == ("no text layer on page(s) 2 — scanned? run OCR first",)
    assert sents(doc) == [
        ("Racism is not tolerated.", 1, 1, "paragraph"),
        ("Report it.", 3, 1, "paragraph"),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_undecodable_font_is_garbled(tmp_path: Path, engine: str) -> None:
    err = _error(tmp_path, fx.type3_without_tounicode(), engine)
    assert err.code == "garbled-text"
    assert err.reason.startswith("text layer not decodable on 1 of 1 pages")


@pytest.mark.parametrize("engine", ENGINES)
def test_truncated_and_not_a_pdf(tmp_path: Path, engine: str) -> None:  # PITFALLS P43
    data = fx.simple()
    for bad in (data[: len(data) // 2], b"%PDF-1.4\n<html><body>Not found</body></html>"):
        assert _error(tmp_path, bad, engine).code == "corrupt"
    with pytest.raises(DocumentError) as info:
        pdf_reader.parse("x.pdf", b"", DEFAULT_LIMITS, engine)
    assert info.value.code == "corrupt"
    tail = parse(tmp_path, data[:-10], engine)  # only "%%EOF" lost: still read, with a warning
    assert sents(tail)[0][0] == "Racism of any kind is not tolerated at the council."
    assert tail.warnings == (
        "no %%EOF at the end: the file may be truncated — text may be missing; save or "
        "download it again",
    )
    assert parse(tmp_path, data, engine).warnings == ()


@pytest.mark.parametrize("engine", ENGINES)
def test_too_many_pages(tmp_path: Path, engine: str) -> None:
    data = fx.build([fx.lines(72, 700, ["Page text."])] * 3)
    err = _error(tmp_path, data, engine, limits=Limits(max_pages=2))
    assert (err.code, err.reason) == (
        "too-large",
        "PDF has 3 pages, over the 2-page limit — split it or raise the limit",
    )


def test_recursion_in_engine_is_wrapped(monkeypatch: pytest.MonkeyPatch) -> None:  # P44
    def deep(_pdf: object) -> object:
        yield PageText(1, 595, 842, [Line("Fine.", 72, 100, 100, 11, False)])
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(pdf_reader, "pdfium_pages", deep)
    with pytest.raises(DocumentError) as info:
        pdf_reader.parse("deep.pdf", fx.simple(), DEFAULT_LIMITS)
    assert (info.value.code, info.value.reason) == (
        "corrupt",
        "page 2 unreadable (recursion too deep) — is it corrupt?",
    )


def test_recursion_on_one_page_skips_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # P44 with pdfplumber: the other pages are read
    from policy_lint.parsers import pdf_plumber

    real = pdf_plumber.dedupe
    calls = []

    def deep(chars: list[dict[str, object]]) -> list[dict[str, object]]:
        calls.append(1)
        if len(calls) == 1:
            raise RecursionError("maximum recursion depth exceeded")
        return real(chars)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_plumber, "dedupe", deep)
    data = fx.build([fx.lines(72, 700, ["First page."]), fx.lines(72, 700, ["Second page."])])
    doc = parse(tmp_path, data, "pdfplumber")
    assert sents(doc) == [("Second page.", 2, 1, "paragraph")]
    assert doc.warnings == ("page(s) 1 could not be read (recursion too deep) — skipped",)


def test_page_pdfium_cannot_load_is_skipped(tmp_path: Path) -> None:
    doc = parse(tmp_path, fx.page_tree_holding_itself())
    assert sents(doc) == [("Racist abuse is always reported.", 1, 1, "paragraph")]
    assert doc.pages == 2
    assert doc.warnings == ("page(s) 2 could not be read (Failed to load page.) — skipped",)


def test_unknown_engine() -> None:
    with pytest.raises(DocumentError) as info:
        pdf_reader.parse("x.pdf", fx.simple(), DEFAULT_LIMITS, pdf_engine="mupdf")
    assert info.value.code == "internal"


# ------------------------------------------------------------------ structure --------------


@pytest.mark.parametrize("engine", ENGINES)
def test_unstyled_short_line_is_a_heading(tmp_path: Path, engine: str) -> None:
    doc = parse(tmp_path, fx.plain_headings(), engine)
    assert [(s.heading, s.level) for s in doc.sections] == [("Who Must Follow This Policy", 1)]
    assert sents(doc) == [
        ("Who Must Follow This Policy", 1, 1, "heading"),
        (
            "Every member of staff and every contractor must follow this policy at all times, "
            "on site and online, whatever their role or grade.",
            1,
            2,
            "paragraph",
        ),
        ("Racist abuse is reported to the head teacher.", 1, 4, "paragraph"),
    ]
    span = doc.sections[0].blocks[1].sentences[0].span
    assert (span.line, span.end_line) == (2, 3)


@pytest.mark.parametrize("engine", ENGINES)
def test_footnote_mark_dropped(tmp_path: Path, engine: str) -> None:
    assert [t for t, *_ in sents(parse(tmp_path, fx.footnote_mark(), engine))] == [
        "Staff should act on concerns early.",
        "Early help means support at once.",
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_bullets_are_list_items(tmp_path: Path, engine: str) -> None:
    assert sents(parse(tmp_path, fx.bullets(), engine)) == [
        ("Staff must:", 1, 1, "paragraph"),
        ("\u2022 Report racist incidents to a manager.", 1, 2, "list_item"),
        ("\u2022 Record every incident the same day.", 1, 3, "list_item"),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_sideways_margin_text_left_out(tmp_path: Path, engine: str) -> None:
    assert sents(parse(tmp_path, fx.sideways_margin(), engine)) == [
        ("Racism is never tolerated at any site.", 1, 1, "paragraph"),
        ("Report it at once.", 1, 2, "paragraph"),
    ]


def test_symbol_font_bullets_start_list_items() -> None:
    """Decoy Primary's anti-bullying policy (../shared/corpus) sets its bullets in Symbol with
    no Unicode map: U+F0B7 glued the whole list into one paragraph."""
    from collections import Counter

    from policy_lint.parsers.pdf_blocks import group_blocks
    from policy_lint.parsers.pdf_layout import BodyLine, clean

    assert clean("\uf0b7 being shy") == "• being shy"
    assert clean("\uf0a7 a \uf0d8 b \uf0fc c") == "• a • b • c"
    texts = ["Risk factors include:", "\uf0b7 lacking close friends in school", "\uf0b7 being shy"]
    lines = [
        BodyLine(clean(t), 1, n + 1, 72.0, 300.0, 700.0 - 14 * n, 11.0, False)
        for n, t in enumerate(texts)
    ]
    blocks = group_blocks(lines, Counter())
    assert [(b.kind, b.raw) for b in blocks] == [
        ("paragraph", "Risk factors include:"),
        ("list_item", "• lacking close friends in school"),
        ("list_item", "• being shy"),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_printed_comment_balloon_labels_are_left_out(tmp_path: Path, engine: str) -> None:
    """A PDF printed from Word with markup shows "Commented [DL1]:" in the margin; it split a
    sentence of Decoy Primary's anti-bullying policy (../shared/corpus) in two."""
    body = fx.lines(
        72, 760, ["Staff build an environment where children become", "more confident learners."]
    )
    balloon = [(430, 753, "Commented [DL1]:", "Helvetica", 8)]
    doc = parse(tmp_path, fx.build([body + balloon]), engine)
    assert sents(doc) == [
        (
            "Staff build an environment where children become more confident learners.",
            1,
            1,
            "paragraph",
        ),
    ]


_REPORTED = "Racist abuse by a member of staff is reported to the head teacher at once."
BALLOON_PAGES = {  # fixture → its sentences: (text, page, line, kind)
    "comment_balloons": [
        (_REPORTED, 1, 1, "paragraph"),
        (
            "Pupils who are targeted are offered support by a member of staff they trust.",
            1,
            3,
            "paragraph",
        ),
    ],
    "short_balloon": [
        (_REPORTED[:-1] + " and is always investigated.", 1, 1, "paragraph"),
        ("Pupils are told how the matter ends.", 1, 3, "paragraph"),
    ],
    "merged_balloon": [
        (
            "Staff build an environment where children become more confident learners.",
            1,
            1,
            "paragraph",
        ),
        ("Racist abuse is always reported.", 1, 3, "paragraph"),
    ],
    "margin_note_without_balloon": [  # page 2 has no balloon: its margin note is read
        (_REPORTED, 1, 1, "paragraph"),
        (_REPORTED[:57], 2, 1, "paragraph"),
        ("Contact: the head teacher.", 2, 1, "paragraph"),
        ("teacher at once.", 2, 2, "paragraph"),
        ("Abuse leads to dismissal.", 2, 2, "paragraph"),
    ],
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", BALLOON_PAGES)
def test_comment_balloon_wrapped_lines_are_left_out(tmp_path: Path, engine: str, name: str) -> None:
    """A tester's PDF printed from Word with markup: the balloon's lines under its label
    ("will lead to dismissal under the Disciplinary Procedure.") were read as policy text
    and turned a rule from partly met to met.  Left-out lines take no line number."""
    doc = parse(tmp_path, getattr(fx, name)(), engine)
    assert sents(doc) == BALLOON_PAGES[name]
    if name in ("comment_balloons", "short_balloon"):  # numbered as on the page without markup
        plain = parse(tmp_path, getattr(fx, name)(markup=False), engine)
        assert sents(plain) == sents(doc)


def test_merged_balloon_label_keeps_the_body_text_before_it() -> None:
    import pypdfium2

    from policy_lint.parsers.pdf_engines import pdfium_pages

    merged = [
        ln.text for ln in next(pdfium_pages(pypdfium2.PdfDocument(fx.merged_balloon()))).lines
    ]
    assert "more confident learners. Commented [DL1]:" in merged  # the case under test
    assert "Say which environment" in merged


def test_balloon_extent_on_engine_lines() -> None:
    """Below the label in its column, at most 3 em under the balloon's last line and no
    larger than the label; a new label starts a new balloon."""
    from policy_lint.parsers.pdf_layout import RunningHeads

    lines = [
        Line("Staff report racist incidents.", 72, 300, 100, 11, False),
        Line("Commented [DL1]: Say to", 430, 530, 100, 8, False),
        Line("whom and how fast.", 429, 500, 109.6, 8, False),  # in the balloon: out
        Line("Managers act within five days.", 72, 280, 114, 11, False),
        Line("Contact: Ms Shah.", 430, 500, 160, 8, False),  # 50 pt under the balloon: read
        Line("Commented [DL2]:", 430, 490, 200, 8, False),
        Line("Review dates", 430, 520, 209.6, 14, False),  # larger than its label: read
        Line("Governors review it yearly.", 72, 280, 230, 11, False),
    ]
    heads = RunningHeads()
    heads.add(1, 842, lines)
    body, dropped = heads.body()
    assert [(bl.text, bl.line) for bl in body] == [
        ("Staff report racist incidents.", 1),
        ("Managers act within five days.", 2),
        ("Contact: Ms Shah.", 3),
        ("Review dates", 4),
        ("Governors review it yearly.", 5),
    ]
    assert dropped == 0
