"""``policy-lint check PATH...``: score documents against the charter and report.

Output design: ``--format`` (repeatable) chooses formats; ``--output FORMAT=FILE``
(repeatable) sends one format to a file, written atomically, and implies ``--format FORMAT``.
Formats without a file go to stdout — at most one may. With no ``--format`` at all, the text
scorecard goes to stdout alongside any ``--output`` files.

Exit status (DESIGN.md): 0 every document passes its gate; 1 a gate failed (score under
``--fail-under``, an error-severity rule not met, or a document unreadable); 2 bad usage,
config or rule pack, or nothing to check because no path given holds a document (a CI job
must not read "no documents" as a pass). A folder or glob that holds no document while
other paths do is a warning; a file the config excludes is skipped quietly, so the
pre-commit hook (which passes only matching file names) is unaffected.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import click

from ..reporters import REPORTERS, SUFFIXES
from .batch_options import batch_options, pack_names, reading_options

if TYPE_CHECKING:
    from ..batch_check import Plan
    from ..discover import Given



def parse_outputs(
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    suffixes: Mapping[str, str] = SUFFIXES,
    stem: str = "report",
) -> tuple[list[str], dict[str, str]]:
    """Decide which formats to render and where each goes (shared by ``check`` and ``vet``).

    Args:
        formats: ``--format`` values in order.
        outputs: ``--output`` values, ``FORMAT=FILE`` (or ``FILE`` when exactly one format
            was given).
        suffixes: Known formats and their usual file suffix (for messages).
        stem: File name used in suggestions, e.g. ``report`` → ``report.html``.

    Returns:
        ``(formats, files)``: formats in order; ``files`` maps a format to its file path.

    Raises:
        click.UsageError: Unknown format, a format given two files, or more than one format
            left for stdout (exit status 2).
    """
    files: dict[str, str] = {}
    for item in outputs:
        fmt, sep, path = item.partition("=")
        if not sep:
            if len(formats) != 1:
                raise click.UsageError(
                    f"--output {item!r}: say which format goes there, e.g. --output "
                    f"html={stem}.html"
                )
            fmt, path = formats[0], item
        if fmt not in suffixes:
            raise click.UsageError(
                f"--output {item!r}: unknown format {fmt!r} — use one of {', '.join(suffixes)}"
            )
        if not path:
            raise click.UsageError(f"--output {item!r}: give a file name after '='")
        if fmt in files:
            raise click.UsageError(f"--output: format {fmt!r} is given two files")
        files[fmt] = path
    chosen = list(dict.fromkeys(list(formats) + list(files)))
    if not formats:
        chosen = ["text", *chosen] if "text" not in files else chosen
    to_stdout = [f for f in chosen if f not in files]
    if len(to_stdout) > 1:
        raise click.UsageError(
            f"formats {', '.join(to_stdout)} would all print to stdout — give all but one a "
            f"file, e.g. --output {to_stdout[-1]}={stem}{suffixes[to_stdout[-1]]}"
        )
    return chosen, files


#: What discovery looks for, as the "no documents" messages say it.
LOOKED_FOR = "(looked for .docx, .pdf, .md, …)"


def no_documents(path: str) -> str:
    """``no documents found in PATH (looked for …)``."""
    return f"no documents found in {path} {LOOKED_FOR}"


def without_own_reports(plan: Plan, files: Mapping[str, str], paths: Sequence[str]) -> Plan:
    """Leave this run's ``--output`` files out of the documents found in folders and globs.

    A report written into the folder being checked (``check pol -o markdown=pol/report.md``)
    would be found as a document on the next run, which ``check_targets`` then refuses to
    overwrite (exit 2): CI broke on its second run. A path named on the command line is
    still checked, and an ``--output`` onto it still refused.
    """
    reports = {os.path.realpath(f) for f in files.values()}
    if not reports:
        return plan
    named = {os.path.realpath(p) for p in paths}

    def keep(candidate: Any) -> bool:
        real = os.path.realpath(candidate.path)
        return real not in reports or real in named

    return plan.without(keep)


def report_empty(given: Sequence[Given], checked: int) -> bool:
    """Say which folders and globs held no document; decide whether the run can go on.

    Args:
        given: ``discover.Given`` per path given.
        checked: Documents (readable or not) the run would check.

    Returns:
        False when nothing at all can be checked and some folder or glob was empty: each
        such path was printed as ``error: no documents found in PATH (…)`` and the caller
        exits with status 2. Otherwise True, after a ``warning:`` line per empty path.
    """
    empty = [g.path for g in given if g.kind in ("folder", "glob") and g.found == 0]
    level = "warning" if checked else "error"
    for path in empty:
        click.echo(f"{level}: {no_documents(path)}", err=True)
    return bool(checked) or not empty


def use_color(no_color: bool) -> bool:
    """Colour only on a TTY, and never with ``--no-color`` or a non-empty ``NO_COLOR``."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


@click.command(
    "check",
    epilog="Exit status: 0 every document passes its gate; 1 a gate failed (score under "
    "--fail-under, an error-severity rule not met, or a document unreadable, missing or "
    "matched by no glob); 2 bad usage, config or rule pack, or only folders holding no "
    "document were given.",
)
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(list(REPORTERS)),
              help="Output format; repeat for several (default: text).")
@click.option("-o", "--output", "outputs", multiple=True, metavar="FORMAT=FILE",
              help="Write FORMAT to FILE (atomically) instead of stdout; repeatable.")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None,
              help="Fail (exit 1) when a document scores under this.")
@click.option("--no-color", is_flag=True, help="Never colour the text output.")
@reading_options
@batch_options
def check_command(
    paths: tuple[str, ...],
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    packs: tuple[str, ...],
    fail_under: float | None,
    doc_type: str | None,
    pdf_engine: str | None,
    config: str | None,
    no_color: bool,
    jobs: int | None,
    timeout: float,
    cache_dir: str | None,
    no_cache: bool,
) -> None:
    """Check documents (files, folders, globs) and print their scorecards."""
    from ..api import Options
    from ..atomic import write_reports
    from ..batch_check import check_plan, plan_paths
    from ..cache import open_cache
    from ..errors import ConfigError, PackError
    from ..reporters import render

    chosen, files = parse_outputs(formats, outputs)
    options = Options(
        packs=pack_names(packs), fail_under=fail_under, doc_type=doc_type,
        pdf_engine=pdf_engine, config=config,
    )
    try:
        plan = without_own_reports(plan_paths(list(paths), options=options), files, paths)
        if not report_empty(plan.given, len(plan.candidates)):
            sys.exit(2)
        if not plan.candidates:
            click.echo("note: nothing to check — the config excludes every file given", err=True)
        result = check_plan(
            plan, jobs=jobs, timeout=timeout or None,
            cache=open_cache(cache_dir, not no_cache), show_progress=True,
        )
        color = "text" not in files and use_color(no_color)

        def report(fmt: str) -> str:
            return render(fmt, result, color=color) if fmt == "text" else render(fmt, result)

        write_reports(chosen, files, [d.path for d in result.documents], report)
    except (ConfigError, PackError) as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(2)
    sys.exit(0 if result.passed else 1)
