"""The HTML organisation matrix scrolls inside its own box, first column pinned.

With many documents (one column each) the matrix was wider than a 1280 px window and pushed
the whole page sideways. It now sits in a ``div.scroll`` (``overflow-x: auto``) and the
"Standard" column is ``position: sticky``, so a reader scrolling the matrix still sees which
standard a row is; every column, header and tooltip is still there and still escaped.
"""

from __future__ import annotations

import re

from scorecard_fixtures import doc, finding

from policy_lint.api import assemble
from policy_lint.findings import Status
from policy_lint.reporters import render
from policy_lint.scorecard import Thresholds

N = 40


def _wide_result():
    docs = [
        doc(f"policies/{i:02d} <b>&amp; \"q\".md",
            [finding("AR-L01", Status.MET if i % 2 else Status.NOT_MET, quote="Racism exists."),
             finding("AR-L02", Status.PARTLY_MET, quote="We talk about race.")])
        for i in range(N)
    ]
    return assemble(docs, Thresholds())


def _matrix(page: str) -> str:
    start = page.index('<div class="scroll"')
    return page[start : page.index("</div>", start) + len("</div>")]


def test_matrix_is_wrapped_in_its_own_scrolling_box() -> None:
    page = render("html", _wide_result())
    matrix = _matrix(page)
    assert matrix.startswith(
        '<div class="scroll" role="region" aria-label="Organisation matrix: standards by '
        'document" tabindex="0">\n  <table class="matrix">'
    )
    assert matrix.endswith("  </table>\n  </div>")
    css = page[page.index("<style>") : page.index("</style>")]
    assert ".scroll { overflow-x:auto; max-width:100%; margin-top:10px; }" in css
    assert (
        ".matrix th:first-child, .matrix td:first-child { position:sticky; left:0; z-index:1; "
        "background:#fff;" in css
    )
    assert "border-collapse:separate" in css  # collapsed borders scroll away from sticky cells


def test_no_column_is_lost_and_paths_stay_escaped() -> None:
    page = render("html", _wide_result())
    matrix = _matrix(page)
    heads = re.findall(r'<th title="([^"]*)">(\d+)</th>', matrix)
    assert [int(n) for _, n in heads] == list(range(1, N + 1))
    assert heads[0][0] == "policies/00 &lt;b&gt;&amp;amp; &#34;q&#34;.md"
    rows = re.findall(r"<tr>\s*<td><strong>(AR-L0\d)</strong>", matrix)
    assert rows == ["AR-L01", "AR-L02"]
    l01 = matrix[matrix.index("AR-L01") : matrix.index("AR-L02")]
    assert re.findall(r'class="cell s-(\w+)"', l01) == [
        "met" if i % 2 else "not_met" for i in range(N)
    ]
    assert "<b>" not in page
