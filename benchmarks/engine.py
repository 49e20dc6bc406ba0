"""Rule evaluation time for a 100-page document, next to its parse time (target ≤ 25 %).

Usage::

    python benchmarks/engine.py [--pages 100] [--repeat 3] [--formats markdown,docx,pdf]
                                [--packs chscp-leaders ...]

Writes the readers benchmark's realistic policy prose (``benchmarks/readers.py``, same plan in
every format) as Markdown, DOCX and PDF of ``--pages`` pages, plus a "dense" Markdown policy
(about 500 words a page, nearly every sentence matching some rule: firm, weak, negated,
general — a worst case), then times each, best of ``--repeat``:

* parse: ``parse_file`` on the file;
* evaluate: ``engine.evaluate`` with every shipped pack (or ``--packs``) for doc type policy;
* flag: ``engine.flag_wording`` with the same packs;
* both: evaluate then flag, as ``check`` runs them (they share one document index).

Each run starts from a fresh document index; times are CPU time (process_time), so other
load on the machine disturbs them less. Prints the times, the document size and
throughput, and "both" as a percentage of parse time. Exit status 0 always (a measurement,
not a gate).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from policy_lint import engine  # noqa: E402
from policy_lint.engine import evaluate, flag_wording  # noqa: E402
from policy_lint.packs import available_packs, load_packs  # noqa: E402
from policy_lint.parsers import parse_file  # noqa: E402

SENTENCES = [
    "All racist incidents must be recorded on the incident log within one working day.",
    "The Designated Safeguarding Lead will investigate each incident and agree actions.",
    "Where possible, we will aim to offer anti-racism training to new staff.",
    "We do not currently monitor the ethnicity of applicants at every stage.",
    "Racism in any form is unacceptable and will lead to disciplinary action.",
    "Staff must not discriminate against colleagues, pupils or visitors.",
    "Complaints about racism will be acknowledged within five working days.",
    "The provider shall supply monitoring data by ethnicity every quarter.",
    "Managers should consider whether further support is needed after an incident.",
    "Car parking permits are issued by the facilities team on request.",
    "The building is open from eight in the morning until six in the evening.",
    "Expenses claims must be submitted through the finance portal by month end.",
    "Passwords must be at least twelve characters long and changed every year.",
    "The annual report is published on the website each September.",
    "Fire drills take place once a term and are recorded by the site manager.",
    "Record the child's race and first language on the referral form.",
    "Some parents were described as aggressive in the meeting notes.",
    "Team meetings take place every Tuesday afternoon in the main hall.",
]


def build(pages: int, seed: int = 7) -> str:
    """Markdown text of about ``pages`` pages (500 words each)."""
    rng = random.Random(seed)
    out = ["---", "title: Synthetic policy", "doc_type: policy", "---", ""]
    words = 0
    page = 0
    while words < pages * 500:
        page += 1
        out.append(
            f"## Section {page}: {rng.choice(['Scope', 'Reporting', 'Training', 'Conduct'])}"
        )
        out.append("")
        for _ in range(rng.randint(3, 5)):
            para = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 6)))
            words += len(para.split())
            out.append(para)
            out.append("")
        out.append("- " + rng.choice(SENTENCES))
        out.append("- " + rng.choice(SENTENCES))
        out.append("")
        if page % 10 == 0:
            out.append("> " + rng.choice(SENTENCES))
            out.append("")
    return "\n".join(out)


def best(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        engine._LAST.clear()  # a fresh document index each time, as for a new document
        start = time.process_time()
        result = fn()
        times.append(time.process_time() - start)
    return min(times), result


def best_fresh(path: str, fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    """Best time of ``fn(doc)`` over ``repeat`` freshly parsed documents (parse not timed).

    A parsed document splits its blocks into sentences on first use (``SentenceList``), so
    timing the engine on one document again and again would time that work once only.
    """
    times, result = [], None
    for _ in range(repeat):
        doc = parse_file(path)
        engine._LAST.clear()
        start = time.process_time()
        result = fn(doc)
        times.append(time.process_time() - start)
    return min(times), result


def measure(label: str, path: str, rules, packs, repeat: int) -> None:  # type: ignore[no-untyped-def]
    t_parse, doc = best(lambda: parse_file(path), repeat)
    sentences = sum(1 for _ in doc.sentences())  # type: ignore[attr-defined]
    t_eval, findings = best_fresh(path, lambda d: evaluate(d, rules, "policy"), repeat)
    t_flag, flags = best_fresh(path, lambda d: flag_wording(d, rules), repeat)
    t_both, _ = best_fresh(
        path, lambda d: (evaluate(d, rules, "policy"), flag_wording(d, rules)), repeat
    )
    size = os.path.getsize(path)
    print(
        f"{label:<16} {size / 1024:7.0f} KB {sentences:6d} sent  parse {t_parse * 1000:7.1f} ms"
        f"  evaluate {t_eval * 1000:6.1f}  flag {t_flag * 1000:5.1f}  both {t_both * 1000:6.1f} ms"
        f"  = {t_both / t_parse * 100:4.0f} % of parse"
        f"  ({len(findings)} findings, {len(flags)} flags)"  # type: ignore[arg-type]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--formats", default="markdown,docx,pdf")
    parser.add_argument("--packs", nargs="*", default=None)
    args = parser.parse_args()
    packs = tuple(args.packs or available_packs())
    rules = load_packs(packs)
    print(
        f"{args.pages} pages; packs: {', '.join(packs)} ({len(rules)} rules); CPU times, "
        f"best of {args.repeat}; target: both <= 25 % of parse"
    )
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import readers  # the readers benchmark's realistic policy prose, in every format

    plan = readers.page_plan(args.pages)
    writers = {
        "markdown": (readers.write_markdown, ".md"),
        "docx": (readers.write_docx, ".docx"),
        "pdf": (readers.write_pdf, ".pdf"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            write, suffix = writers[fmt]
            path = os.path.join(tmp, f"policy{suffix}")
            try:
                write(plan, Path(path))
            except Exception as exc:  # noqa: BLE001 - a missing writer library skips a row
                print(f"{fmt}: skipped ({type(exc).__name__}: {exc})")
                continue
            measure(fmt, path, rules, packs, args.repeat)
        dense = os.path.join(tmp, "dense.md")
        Path(dense).write_text(build(args.pages), encoding="utf-8")
        measure("markdown (dense)", dense, rules, packs, args.repeat)


if __name__ == "__main__":
    main()
