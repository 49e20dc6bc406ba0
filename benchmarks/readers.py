"""Time policy-lint's readers against the bare libraries they wrap (run by hand, not in CI).

Usage::

    python benchmarks/readers.py [--pages 100] [--repeat 3] [--formats markdown,docx,pdf]
                                 [--memory-pages 50,500] [--no-memory]
                                 [--clock wall|process]

Builds a document of realistic policy prose of ``--pages`` pages in each format in a temporary
folder (DOCX with python-docx, PDF with fpdf2, Markdown by hand), then times, in the same run
and best of ``--repeat``:

=========  ==========================================  ==========================================
format     policy-lint                                 bare library
=========  ==========================================  ==========================================
docx       ``parse_file``                              python-docx ``Document()`` + paragraph and
                                                       table-cell text (target ratio <= 1.0x)
pdf        ``parse_file`` (pypdfium2 engine)           pypdfium2 ``get_text_range`` per page
                                                       (target <= 3x) and pdfplumber
                                                       ``extract_text`` per page (for reference)
markdown   ``parse_file``                              ``MarkdownIt("commonmark").enable("table")
                                                       .parse`` of the decoded file (target 1.5x)
=========  ==========================================  ==========================================

Then, each in a fresh subprocess, the peak memory (``VmHWM`` resident set, measured without
tracemalloc, and tracemalloc's Python heap peak, in a second process) of reading a PDF of each
``--memory-pages`` size, for policy-lint and for bare
pypdfium2: the target is policy-lint's peak resident set at the largest size <= 1.3x that at
the smallest (memory flat with page count); the ratio to bare pypdfium2 at each size is
printed for reference.  ``--clock process`` times CPU time instead of wall time.
A reader that is missing or fails is reported and skipped.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SUBJECTS = [
    "The Council",
    "Every manager",
    "All staff",
    "The Supplier",
    "The Board",
    "Each team leader",
    "The HR team",
    "Volunteers",
    "Contractors",
    "The Director",
]
VERBS = [
    "will record",
    "must report",
    "shall investigate",
    "will review",
    "should consider",
    "must not tolerate",
    "will publish",
    "shall monitor",
    "will support",
    "must challenge",
]
OBJECTS = [
    "racist incidents",
    "complaints of racial harassment",
    "the equality impact assessment",
    "recruitment data by ethnicity",
    "the anti-racism action plan",
    "training records",
    "reports from staff and service users",
    "the outcome of each investigation",
    "pay gap figures",
    "barriers faced by Black, Asian and minority ethnic staff",
]
TAILS = [
    "within 10 working days",
    "every year",
    "at each Board meeting",
    "e.g. by e-mail",
    "in line with s. 4.2 of the Equality Act 2010",
    "as set out in clause 3.1",
    "with the support of the staff network",
    "and report progress publicly",
    "(see Annex B)",
    "no later than 31 March",
]
HEADINGS = [
    "Purpose",
    "Scope",
    "Definitions",
    "Reporting racism",
    "Investigation",
    "Sanctions",
    "Training",
    "Monitoring and review",
    "Supplier duties",
    "Support",
]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."


def paragraph(rng: random.Random, n: int = 5) -> str:
    return " ".join(sentence(rng) for _ in range(n))


def page_plan(pages: int) -> list[dict[str, object]]:
    """Per page: a heading, four paragraphs, three list items; a table every fourth page."""
    rng = random.Random(42)
    plan = []
    for i in range(pages):
        plan.append(
            {
                "heading": f"{i + 1}. {HEADINGS[i % len(HEADINGS)]}",
                "paragraphs": [paragraph(rng) for _ in range(4)],
                "items": [sentence(rng) for _ in range(3)],
                "table": [[rng.choice(OBJECTS), rng.choice(TAILS)] for _ in range(4)]
                if i % 4 == 3
                else [],
            }
        )
    return plan


def write_markdown(plan: list[dict[str, object]], path: Path) -> None:
    out = ["---", "title: Anti-racism policy", "doc_type: policy", "---", ""]
    for page in plan:
        out += [f"## {page['heading']}", ""]
        for para in page["paragraphs"]:  # type: ignore[attr-defined]
            out += [str(para).replace("must report", "**must** report"), ""]
        out += [f"- {item}" for item in page["items"]] + [""]  # type: ignore[attr-defined]
        if page["table"]:
            out += ["| Duty | When |", "|---|---|"]
            out += [f"| {a} | {b} |" for a, b in page["table"]] + [""]  # type: ignore[attr-defined]
    path.write_text("\n".join(out), encoding="utf-8")


def write_docx(plan: list[dict[str, object]], path: Path) -> None:
    import docx

    doc = docx.Document()
    doc.add_heading("Anti-racism policy", 0)
    for page in plan:
        doc.add_heading(str(page["heading"]), 1)
        for para in page["paragraphs"]:  # type: ignore[attr-defined]
            doc.add_paragraph(para)
        for item in page["items"]:  # type: ignore[attr-defined]
            doc.add_paragraph(item, style="List Bullet")
        if page["table"]:
            table = doc.add_table(rows=0, cols=2)
            for a, b in page["table"]:  # type: ignore[attr-defined]
                cells = table.add_row().cells
                cells[0].text, cells[1].text = a, b
        doc.add_page_break()
    doc.save(str(path))


def write_pdf(plan: list[dict[str, object]], path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    nl = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    for page in plan:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 14)
        pdf.multi_cell(0, 8, str(page["heading"]), **nl)
        pdf.set_font("Helvetica", "", 10)
        for para in page["paragraphs"][:3]:  # type: ignore[index]
            pdf.multi_cell(0, 5, str(para), **nl)
            pdf.ln(2)
        for item in page["items"]:  # type: ignore[attr-defined]
            pdf.multi_cell(0, 5, f"- {item}", **nl)
    pdf.output(str(path))


#: The clock ``best_of`` reads: ``time.perf_counter`` (wall) or ``time.process_time`` (CPU
#: time of this process, which other jobs on a shared machine disturb far less).
CLOCK: Callable[[], float] = time.perf_counter


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Best time of ``repeat`` calls on ``CLOCK``, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = CLOCK()
        fn()
        times.append(CLOCK() - start)
    return min(times) * 1000


def bare_docx(path: Path) -> None:
    import docx

    doc = docx.Document(str(path))
    [p.text for p in doc.paragraphs]
    [c.text for t in doc.tables for row in t.rows for c in row.cells]


def bare_pypdfium2(path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        pdf.close()


def bare_pdfplumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


def bare_markdown(path: Path) -> None:
    from markdown_it import MarkdownIt

    MarkdownIt("commonmark").enable("table").parse(path.read_bytes().decode("utf-8"))


def ours(path: Path) -> None:
    from policy_lint.parsers import parse_file

    parse_file(path)


def compare(
    name: str, path: Path, bare: list[tuple[str, Callable[[Path], None], float]], repeat: int
) -> None:
    try:
        ours(path)  # warm-up: imports, caches
        ms = best_of(lambda: ours(path), repeat)
    except Exception as exc:  # noqa: BLE001 - a reader not landed yet is reported, not fatal
        print(f"{name:9} policy-lint reader not available: {type(exc).__name__}: {exc}")
        return
    print(f"{name:9} policy-lint {ms:9.1f} ms")
    for label, fn, target in bare:
        fn(path)
        base = best_of(lambda fn=fn: fn(path), repeat)  # type: ignore[misc]
        ratio = ms / base
        mark = "ok" if ratio <= target else "OVER"
        print(f"{'':9} {label:26} {base:9.1f} ms  ratio {ratio:5.2f}x (target <= {target}x) {mark}")


MEMORY_SCRIPT = """
import json, sys, tracemalloc
sys.path.insert(0, sys.argv[3])
which, path, trace = sys.argv[1], sys.argv[2], sys.argv[4] == "1"
if which == "ours":
    from policy_lint.parsers import parse_file
else:
    import pypdfium2 as pdfium
if trace:
    tracemalloc.start()
if which == "ours":
    parse_file(path)
else:
    pdf = pdfium.PdfDocument(path)
    for i in range(len(pdf)):
        page = pdf[i]; tp = page.get_textpage(); tp.get_text_range(); tp.close(); page.close()
    pdf.close()
peak = tracemalloc.get_traced_memory()[1] if trace else 0
tracemalloc.stop()
# ru_maxrss survives exec on Linux (it would report the parent's peak): read VmHWM instead.
hwm = 0
with open("/proc/self/status") as fh:
    for line in fh:
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1])
print(json.dumps({"rss_kb": hwm, "py_peak": peak}))
"""


def memory(sizes: list[int], folder: Path) -> None:
    """Peak RSS (VmHWM) and Python heap peak, each reader in a fresh process per size.

    The resident set is measured in a process without tracemalloc (whose own bookkeeping, a
    record per live allocation, is resident memory too and grows with the object count), the
    heap peak in a second process with it.
    """
    results: dict[str, dict[int, dict[str, int]]] = {"ours": {}, "pypdfium2": {}}
    for pages in sizes:
        path = folder / f"mem{pages}.pdf"
        write_pdf(page_plan(pages), path)
        for which, by_size in results.items():
            runs = []
            for trace in ("0", "1"):
                proc = subprocess.run(
                    [sys.executable, "-c", MEMORY_SCRIPT, which, str(path), str(ROOT), trace],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if proc.returncode != 0:
                    print(f"memory    {which} {pages} pages failed: {proc.stderr.strip()[-200:]}")
                    break
                runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
            if len(runs) == 2:
                by_size[pages] = {"rss_kb": runs[0]["rss_kb"], "py_peak": runs[1]["py_peak"]}
    for pages in sizes:
        row = []
        for which, by_size in results.items():
            if pages in by_size:
                v = by_size[pages]
                rss, heap = v["rss_kb"] / 1024, v["py_peak"] / 1048576
                row.append(f"{which} {rss:6.1f} MB rss / {heap:5.1f} MB py")
        ratio = ""
        if all(pages in r for r in results.values()):
            ours_rss, bare_rss = (
                results["ours"][pages]["rss_kb"],
                results["pypdfium2"][pages]["rss_kb"],
            )
            ratio = f"  rss ratio {ours_rss / bare_rss:4.2f}x (for reference)"
        print(f"memory    {pages:4} pages: " + "; ".join(row) + ratio)
    ours = results["ours"]
    if len(ours) >= 2:
        small, large = ours[min(ours)], ours[max(ours)]
        growth = large["rss_kb"] / small["rss_kb"]
        print(
            f"memory    policy-lint growth {min(ours)} -> {max(ours)} pages: rss "
            f"{growth:4.2f}x (target <= 1.3x) {'ok' if growth <= 1.3 else 'OVER'}; python heap "
            f"{large['py_peak'] / small['py_peak']:4.2f}x (the Document itself grows with the text)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--formats", default="markdown,docx,pdf")
    parser.add_argument("--memory-pages", default="50,500")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument(
        "--clock",
        choices=("wall", "process"),
        default="wall",
        help="wall time, or this process's CPU time (steadier when other jobs run)",
    )
    args = parser.parse_args()
    global CLOCK
    CLOCK = time.process_time if args.clock == "process" else time.perf_counter
    formats = args.formats.split(",")
    plan = page_plan(args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{args.pages} pages, best of {args.repeat}, {args.clock} time")
        if "markdown" in formats:
            path = folder / "policy.md"
            write_markdown(plan, path)
            print(f"{'':9} ({path.stat().st_size / 1024:.0f} KB)")
            compare("markdown", path, [("markdown-it parse", bare_markdown, 1.5)], args.repeat)
        if "docx" in formats:
            path = folder / "policy.docx"
            write_docx(plan, path)
            compare("docx", path, [("python-docx text", bare_docx, 1.0)], args.repeat)
        if "pdf" in formats:
            path = folder / "policy.pdf"
            write_pdf(plan, path)
            compare(
                "pdf",
                path,
                [
                    ("pypdfium2 get_text_range", bare_pypdfium2, 3.0),
                    ("pdfplumber extract_text", bare_pdfplumber, 3.0),
                ],
                args.repeat,
            )
        if not args.no_memory:
            memory([int(n) for n in args.memory_pages.split(",")], folder)


if __name__ == "__main__":
    main()
