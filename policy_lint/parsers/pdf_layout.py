"""The shared layout stage: engine lines → ordered, cleaned body lines of a whole PDF.

Both engines (``pdf_engines``) feed this module, so reading order and text clean-up are
decided once:

* **text clean-up** — Latin ligatures U+FB00–FB06 expanded (PITFALLS P27); U+FFFD / NUL
  inside a word replaced by the ligature letters (fi, fl, ff, ffi, ffl) that make a word
  found elsewhere in the document;
* **reading order** — a column gutter (a vertical strip no narrow segment crosses, in the
  middle half of the text) splits a page into a left and a right column, read left then
  right between full-width lines (P29); otherwise top to bottom, left to right;
* **running heads** — lines in the top or bottom 12 % of a page whose text, digits ignored,
  repeats on at least 40 % of the pages (and lone page numbers) are set apart, so they never
  join body sentences, even where a paragraph runs over the page break;
* **comment balloons** — a PDF printed from Word with markup carries the reviewers'
  comments in the right margin: from a label ("Commented [DL1]:") to its line's end, and the
  balloon's wrapped lines below it in its column, are left out (``RunningHeads.add``, P13);
* **hyphenation** — see ``join_hyphen`` (P28).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from .pdf_engines import Line, PageText

_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00ad": "",
        # Bullets set in Symbol or Wingdings without a Unicode map come out as the font's
        # private-use code (U+F000 + the font's byte): Symbol 0xB7 •; Wingdings 0x6C ●,
        # 0x6E ■, 0x76 ❖, 0xA7 ▪, 0xD8 ➢, 0xFC ✓. No text is written in these codes, so
        # each is read as the bullet it draws and the line starts a list item.
        **dict.fromkeys(
            ("\uf0b7", "\uf06c", "\uf06e", "\uf076", "\uf0a7", "\uf0d8", "\uf0fc"), "•"
        ),
    }
)
_BULLET = re.compile(r"^(?:[•▪◦●○■□‣⁃·*–-]|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivx]{1,4})[.)])$")
_PAGE_NO = re.compile(
    r"^[\W_]*(?:page\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?[\W_]*$", re.IGNORECASE
)
#: The label Word prints on a comment balloon in the right margin ("Commented [DL1]:", a
#: reply "[DL2R1]"): from it to the end of the line is the reviewer's, never the document's
#: own text (an engine may put the balloon on the row of the body line beside it).
_BALLOON = re.compile(r"(?:^|\s)Commented \[[A-Za-z]{1,10}\d{1,5}(?:R\d{1,5})?\]:")
#: Balloon text set after a body row on the same engine line is measured at this many em a
#: character to find the balloon's left edge (generous: it leans left, into the gap).
_BALLOON_EM = 0.6
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_LAST_WORD = re.compile(r"[^\W\d_]+$")
_FIRST_WORD = re.compile(r"^[^\W\d_]+")
_BROKEN = re.compile(r"\w*[\ufffd\x00]\w*")
#: Prefixes whose line-end hyphen is kept ("anti-" + "racism" → "anti-racism").
KEEP_PREFIXES = frozenset(
    "anti non self co cross multi inter intra e ex well post pre pro semi sub ultra "
    "counter cyber socio low high long short full part".split()
)
#: A small list of common words, used with the document's own vocabulary to decide whether
#: the halves of a hyphenated line end are words in their own right.
COMMON_WORDS = frozenset(
    """a about act action after age all also and any are as at based be being black body
    care case child children community conduct day decision did each equal equality ethnic
    every face first for free from full group hand has have he her his home in is it its
    led line long made make making management many may member men minded more must need
    new no not of on one or other our out part people person policy power process race
    racial racism report right risk role safe school self service set she should so some
    staff term that the their them there they this time to training up use was we well
    were what when which who will with work would year you your""".split()
)


class BodyLine(NamedTuple):
    """A line kept for the body, with where it sits.

    Attributes:
        text: Cleaned text.
        page: 1-based page.
        line: 1-based line on the page in reading order (running heads included); the
            pieces of one row (table cells, a label and its text) share one number.
        x0, x1, base, size, bold: The engine's measurements (``pdf_engines.Line``), copied
            flat so the engine's line object is freed with its page (one tuple per line).
    """

    text: str
    page: int
    line: int
    x0: float
    x1: float
    base: float
    size: float
    bold: bool


def clean(text: str) -> str:
    """Expand ligatures and drop soft hyphens; fold runs of spaces."""
    return " ".join(text.translate(_LIGATURES).split())


def merge_labels(lines: list[Line]) -> list[Line]:
    """Join a lone bullet or list number to the text that follows it on the same baseline."""
    out: list[Line] = []
    for ln in sorted(lines, key=lambda x: (round(x.base), x.x0)):
        prev = out[-1] if out else None
        if (
            prev is not None
            and len(prev.text) <= 12
            and _BULLET.match(prev.text.strip())
            and abs(prev.base - ln.base) < 0.3 * ln.size
            and 0 <= ln.x0 - prev.x1 < 6 * ln.size
        ):
            out[-1] = ln._replace(text=f"{prev.text.strip()} {ln.text}", x0=prev.x0)
        else:
            out.append(ln)
    return out


def _rows(lines: list[Line]) -> list[Line]:
    """Top to bottom; lines whose baselines differ by under 0.4 em read left to right.

    A lone footnote mark (1–3 digits set smaller than the rest of its row) is dropped.
    """
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda x: x.base):
        if rows and ln.base - rows[-1][0].base < 0.4 * max(ln.size, rows[-1][0].size):
            rows[-1].append(ln)
        else:
            rows.append([ln])
    out: list[Line] = []
    for row in rows:
        big = max(x.size for x in row)
        out += sorted(
            (x for x in row if not (x.text.isdigit() and len(x.text) <= 3 and x.size < 0.8 * big)),
            key=lambda x: x.x0,
        )
    return out


def find_gutter(lines: list[Line]) -> float | None:
    """The x of a column gutter on a page, or ``None`` for a one-column page.

    A gutter is the middle of the widest strip, inside the middle half of the text, crossed
    by the fewest narrow segments (under 60 % of the text width) — at most 15 % of them,
    which then read as full-width lines — with at least two substantial segments (over 15 %
    of the text width) on each side that share vertical range.
    """
    if len(lines) < 4:
        return None
    left, right = min(x.x0 for x in lines), max(x.x1 for x in lines)
    width = right - left
    if width <= 0:
        return None
    narrow = [x for x in lines if x.x1 - x.x0 < 0.6 * width]
    if len(narrow) < 4:
        return None
    lo_limit, hi_limit = left + 0.25 * width, left + 0.75 * width
    events = sorted([(x.x0, 1) for x in narrow] + [(x.x1, -1) for x in narrow])
    best: tuple[int, float, float] | None = None  # (crossings, -strip width, x)
    count = 0
    for (x, step), (nxt, _) in zip(events, events[1:] + [(right, 0)], strict=True):
        count += step
        lo, hi = max(x, lo_limit), min(nxt, hi_limit)
        if hi - lo >= 4.0:
            cand = (count, -(hi - lo), (lo + hi) / 2)
            if best is None or cand < best:
                best = cand
    if best is None or best[0] > 0.15 * len(narrow):
        return None
    gutter = best[2]
    lhs = [x for x in lines if x.x1 <= gutter and x.x1 - x.x0 > 0.15 * width]
    rhs = [x for x in lines if x.x0 >= gutter and x.x1 - x.x0 > 0.15 * width]
    if len(lhs) < 2 or len(rhs) < 2:
        return None
    top, bottom = min(x.base for x in lhs), max(x.base for x in lhs)
    if (
        sum(top <= x.base <= bottom for x in rhs) < 2
        and sum(min(r.base for r in rhs) <= x.base <= max(r.base for r in rhs) for x in lhs) < 2
    ):
        return None
    return gutter


def reading_order(lines: list[Line]) -> list[Line]:
    """Order a page's lines: by columns when there is a gutter, else top to bottom.

    Ligatures are expanded and list labels joined to their text first.  Each column is
    examined again for a gutter of its own, so a three-column band reads in order too.
    """
    return _columns(merge_labels([x._replace(text=clean(x.text)) for x in lines if x.text.strip()]))


def _columns(lines: list[Line], depth: int = 0) -> list[Line]:
    gutter = find_gutter(lines) if depth < 3 else None
    if gutter is None:
        return _rows(lines)
    out: list[Line] = []
    lhs: list[Line] = []
    rhs: list[Line] = []
    for ln in sorted(lines, key=lambda x: x.base):
        if ln.x0 < gutter < ln.x1:  # full width: closes the columns above it
            out += _columns(lhs, depth + 1) + _columns(rhs, depth + 1) + [ln]
            lhs, rhs = [], []
        else:
            (lhs if ln.x1 <= gutter else rhs).append(ln)
    return out + _columns(lhs, depth + 1) + _columns(rhs, depth + 1)


def _head_key(ln: Line, height: float) -> str | None:
    zone = "top" if ln.base < 0.12 * height else "bottom" if ln.base > 0.88 * height else None
    if zone is None:
        return None
    return zone + ":" + re.sub(r"\d+", "#", " ".join(ln.text.lower().split()))


class RunningHeads:
    """Collect pages one at a time, then drop running headers, footers and page numbers.

    Each page is turned into ``BodyLine`` tuples as it is added (the engine's ``Line``
    objects are freed with the page); only its edge lines' keys (top or bottom zone, text
    lower-cased with digits folded) are kept for the count over all pages.  Repeated
    measurements (margins, font sizes, baselines that recur on every page) share one float.
    """

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self._pages: list[tuple[list[BodyLine], list[tuple[int, str, bool]]]] = []
        self._floats: dict[float, float] = {}
        #: Pages added so far.
        self.pages = 0

    def add(self, number: int, height: float, lines: list[Line]) -> None:
        """Add a page's lines, already in reading order (``reading_order``).

        A printed Word comment balloon is reviewer chatter, not policy text (PITFALLS P13):
        its label ("Commented [DL1]:") to the end of the line is left out, and so are the
        balloon's wrapped lines below it — lines that start in its column (``_in_balloon``)
        — until the next label or the page's end.  Left-out lines take no line number, so
        body lines keep the numbers they have on the page.
        """
        same = self._floats.setdefault
        body: list[BodyLine] = []
        edges: list[tuple[int, str, bool]] = []
        keys: set[str] = set()
        row = 0
        last = len(lines) - 3
        prev: Line | None = None
        margin: tuple[float, float, float] | None = None  # the open balloon: x, last base, em
        for index, ln in enumerate(lines):
            text, right = ln.text, ln.x1
            balloon = _BALLOON.search(text) if "Commented [" in text else None
            if balloon is not None:
                text = text[: balloon.start()].rstrip()
                if not text:  # the label starts the line: its x is the balloon's left edge
                    margin = (ln.x0, ln.base, ln.size)
                    continue
                # Merged onto a body row (PDFium, close baselines): measure back from its end.
                tail = len(ln.text) - balloon.start()
                margin = (ln.x1 - _BALLOON_EM * ln.size * tail, ln.base, ln.size)
                right = ln.x0 + (ln.x1 - ln.x0) * len(text) / len(ln.text)  # about where it ends
            elif margin is not None and _in_balloon(ln, margin):
                margin = (margin[0], ln.base, margin[2])
                continue
            if not (prev and abs(ln.base - prev.base) < 0.4 * ln.size and ln.x0 >= prev.x1 - 1):
                row += 1  # a new row; pieces of one row share its line number
            key = _head_key(ln, height) if index < 3 or index >= last else None
            if key:
                keys.add(key)
                edges.append((len(body), key, bool(_PAGE_NO.match(ln.text))))
            x0, x1, base, size = same(ln.x0, ln.x0), same(right, right), ln.base, ln.size
            body.append(
                BodyLine(text, number, row, x0, x1, same(base, base), same(size, size), ln.bold)
            )
            prev = ln
        self.counts.update(keys)
        self._pages.append((body, edges))
        self.pages += 1

    def body(self) -> tuple[list[BodyLine], int]:
        """Body lines over the document in reading order, and how many lines were dropped.

        A line at a page's edge is dropped when it is a lone page number, or when its key
        repeats on at least 40 % of the pages (at least 2, and only with 3 pages or more).
        The collected pages are released as they are read.
        """
        self._floats = {}  # the shared floats live on in the lines that use them
        total = len(self._pages)
        need = max(2, int(0.4 * total + 0.999))
        counts, self.counts = self.counts, Counter()
        out: list[BodyLine] = []
        dropped = 0
        pages = self._pages
        pages.reverse()
        while pages:
            lines, edges = pages.pop()
            drop = {
                i for i, key, page_no in edges if page_no or (total >= 3 and counts[key] >= need)
            }
            dropped += len(drop)
            out += (bl for i, bl in enumerate(lines) if i not in drop) if drop else lines
        return out, dropped


def _in_balloon(ln: Line, margin: tuple[float, float, float]) -> bool:
    """Whether ``ln`` is a wrapped line of the comment balloon ``margin`` is open for.

    ``margin`` is ``(x, base, em)``: the balloon's left edge, the baseline of its last line
    so far and its label's font size.  A balloon line starts in the balloon's column (at
    most half an em left of its edge; body text starts well left of it), lies below the
    balloon's last line by at most 3 em (a blank line between its paragraphs allowed) and
    is set no larger than the label (Word sets balloon text in one small size).
    """
    x, base, em = margin
    return ln.x0 >= x - 0.5 * em and 0 < ln.base - base <= 3 * em and ln.size <= 1.15 * em + 0.5


def split_running_heads(pages: list[PageText]) -> tuple[list[BodyLine], int]:
    """Drop running headers, footers and page numbers from pages in reading order.

    Args:
        pages: Every page, its lines already in reading order (``reading_order``); the list
            is emptied as it is read, so only one copy of the text is held.

    Returns:
        ``(body_lines, n_dropped)``: body lines in reading order over the document, and how
        many header / footer / page-number lines were set apart (``RunningHeads``).
    """
    heads = RunningHeads()
    pages.reverse()
    while pages:
        page = pages.pop()
        heads.add(page.number, page.height, page.lines)
    return heads.body()


def vocabulary(lines: list[BodyLine]) -> Counter[str]:
    """Lower-cased words of the body, leaving out the halves of line-end hyphenations."""
    parts = "\n".join(bl.text for bl in lines).lower().split("-\n")
    for i in range(len(parts) - 1):  # drop "disci" and "plinary" around each "disci-\nplinary"
        if not parts[i].endswith(" "):
            parts[i] = _LAST_WORD.sub("", parts[i])
            parts[i + 1] = _FIRST_WORD.sub("", parts[i + 1])
    return Counter(_WORD.findall("\n".join(parts)))


def join_hyphen(left: str, right: str, vocab: Counter[str]) -> bool:
    """Decide whether a line-end hyphen between two word halves is removed (PITFALLS P28).

    Keep the hyphen after a known prefix (``KEEP_PREFIXES``) or when the hyphenated form is
    used elsewhere in the document; otherwise join when the joined form is used elsewhere or
    when either half is not a word (``COMMON_WORDS`` or the document's vocabulary).

    Args:
        left: The word before the hyphen, without it (e.g. ``"disci"``).
        right: The word starting the next line (e.g. ``"plinary"``).
        vocab: Lower-cased word counts of the document (``vocabulary``).

    Returns:
        True to join without the hyphen, False to keep ``left-right``.
    """
    lo, ro = left.lower(), right.lower()
    if not lo.isalpha() or not ro[:1].isalpha() or right[:1].isupper():
        return False
    if lo in KEEP_PREFIXES or vocab.get(f"{lo}-{ro}", 0) > 0:
        return False
    if vocab.get(lo + ro, 0) > 0:
        return True
    words = COMMON_WORDS
    return not ((lo in words or vocab.get(lo, 0) > 0) and (ro in words or vocab.get(ro, 0) > 0))


def repair_broken(text: str, vocab: Counter[str]) -> tuple[str, int]:
    """Replace U+FFFD / NUL inside words by the ligature letters that make a known word.

    Returns:
        ``(text, unresolved)``: the repaired text and how many broken words stayed broken.
    """
    unresolved = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal unresolved
        word = match.group()
        for letters in ("fi", "fl", "ff", "ffi", "ffl"):
            guess = re.sub("[\ufffd\x00]", letters, word)
            if vocab.get(guess.lower(), 0) > 0 or guess.lower() in COMMON_WORDS:
                return guess
        unresolved += 1
        return word

    return _BROKEN.sub(fix, text), unresolved
