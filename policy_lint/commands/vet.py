"""``policy-lint vet PATH...``: vet supplier folders or registers and compare suppliers.

Each folder given is either one supplier (named after the folder, holding every document
inside it) or a register whose subfolders are the suppliers: ``supplier_folders.read_folders``
decides which (several folders given: each one supplier), ``--folders`` forces it, and the
config's ``suppliers:`` globs override both. Suppliers from different folders that share a
name are kept apart (``acme (lot1)`` / ``acme (lot2)``), with a note naming the folders.
Every document is checked as ``check`` would (packs per document type: contracts and service
specifications under ``chscp-commissioning``, policies under ``chscp-leaders``), in parallel
worker processes with a time limit per document and a result cache; then each supplier gets a
combined scorecard (best status per standard and the document giving it) and the suppliers
are compared side by side, ranked.

A supplier folder holding no documents (one given, or one directly in a register) is still
listed, as a supplier with no documents that fails its gate, with a warning naming it. A path
that does not exist is an error line naming it (exit status 2) while the other paths are
still vetted; when no path holds any document at all, each empty folder is an error line and
nothing is reported.

Output: ``--format text|csv|json|html`` (repeatable), ``--output FORMAT=FILE`` (atomic).
Exit status: 0 every supplier passes its gate; 1 a supplier failed (score under
``--fail-under``, an error-severity standard met by no document, an unreadable document, or
no documents at all); 2 bad usage, config or rule pack, a path that does not exist, or no
document in any path given.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

from ..reporters.comparison import COMPARISON_REPORTERS, COMPARISON_SUFFIXES
from .batch_options import batch_options, pack_names, reading_options
from .check import LOOKED_FOR, parse_outputs, report_empty, without_own_reports

if TYPE_CHECKING:
    from ..batch_check import Plan
    from ..suppliers import FolderReading


@click.command("vet", epilog="Exit status: 0 every supplier passes its gate; 1 a supplier "
               "failed (score under --fail-under, an error-severity standard met by no "
               "document, an unreadable document, or no documents); 2 bad usage, config or "
               "rule pack, a path that does not exist, or no document in any path given.")
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "formats", multiple=True,
              type=click.Choice(list(COMPARISON_REPORTERS)),
              help="Output format; repeat for several (default: text).")
@click.option("-o", "--output", "outputs", multiple=True, metavar="FORMAT=FILE",
              help="Write FORMAT to FILE (atomically) instead of stdout; repeatable.")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None,
              help="Fail (exit 1) when a supplier's combined score is under this.")
@click.option("--failing-only", is_flag=True,
              help="Show only suppliers that fail their gate.")
@click.option("--folders", "folders", type=click.Choice(["auto", "register", "supplier"]),
              default="auto", show_default=True,
              help="Read each folder given as a register (each subfolder a supplier) or as "
              "one supplier; auto: several folders are each one supplier, a folder given "
              "alone is a register when its documents lie in subfolders (docs/vet.md).")
@click.option("--no-color", "no_color", is_flag=True,
              help="Accepted as by check; vet's text output is never coloured.")
@reading_options
@batch_options
def vet_command(
    paths: tuple[str, ...],
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    packs: tuple[str, ...],
    fail_under: float | None,
    failing_only: bool,
    doc_type: str | None,
    pdf_engine: str | None,
    folders: str,
    config: str | None,
    no_color: bool,
    jobs: int | None,
    timeout: float,
    cache_dir: str | None,
    no_cache: bool,
) -> None:
    """Vet supplier folders (contracts and policies) and compare the suppliers."""
    from .. import __version__
    from ..api import Options
    from ..atomic import write_reports
    from ..batch_check import check_plan, plan_paths
    from ..cache import open_cache
    from ..config import Config, config_for
    from ..errors import ConfigError, PackError
    from ..supplier_folders import (
        configured_name,
        distinct_names,
        read_folders,
        renamed_notes,
        supplier_by_config,
        supplier_by_folder,
        supplier_key_by_folder,
    )
    from ..suppliers import compare

    def config_of(path: str) -> Config:
        return config_for(path, config)

    chosen, files = parse_outputs(formats, outputs, COMPARISON_SUFFIXES, "suppliers")
    options = Options(
        packs=pack_names(packs), doc_type=doc_type, pdf_engine=pdf_engine, config=config
    )
    try:
        plan = without_own_reports(plan_paths(list(paths), options=options), files, paths)
        missing = [c for c in plan.candidates if c.missing]
        for cand in missing:
            click.echo(f"error: {cand.error}", err=True)
        plan = plan.without(lambda c: not c.missing)
        reading = read_folders([g.path for g in plan.given if g.kind == "folder"],
                               [c.path for c in plan.candidates], folders)
        hollow = _empty_suppliers(plan, reading) if plan.candidates else []
        others = [g for g in plan.given if g.path not in hollow]  # warned about as suppliers
        if not report_empty(others, len(plan.candidates)) or (missing and not plan.candidates):
            sys.exit(2)
        key_of = supplier_key_by_folder(reading.registers, reading.suppliers)
        keys = [key_of(c.path) for c in plan.candidates
                if configured_name(config_of(c.path), c.path) is None]
        keys += [os.path.normpath(os.path.abspath(f)) for f in hollow]
        labels = distinct_names(keys)
        for note in [*reading.notes, *renamed_notes(labels)]:
            click.echo(note, err=True)
        empty: dict[str, str] = {}
        for folder in hollow:
            empty[labels[os.path.normpath(os.path.abspath(folder))]] = folder
            click.echo(f"warning: supplier folder {folder} has no documents {LOOKED_FOR}",
                       err=True)
        result = check_plan(
            plan, jobs=jobs, timeout=timeout or None,
            cache=open_cache(cache_dir, not no_cache), show_progress=True,
        )
        supplier_of = supplier_by_config(
            config_of, supplier_by_folder(reading.registers, reading.suppliers, keys))
        comparison = compare(
            result.documents, supplier_of, result.rules, result.thresholds,
            fail_under=fail_under, failing_only=failing_only, version=__version__,
            empty=empty,
        )
        write_reports(
            chosen,
            files,
            [d.path for d in result.documents],
            lambda fmt: COMPARISON_REPORTERS[fmt](comparison),
        )
    except (ConfigError, PackError) as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(2)
    sys.exit(2 if missing else 0 if comparison.passed else 1)


def _empty_suppliers(plan: Plan, reading: FolderReading) -> list[str]:
    """Supplier folders holding no document, each as given or found.

    A supplier folder is one read as a supplier, or a folder directly inside a register. A
    folder whose documents the config excludes is not empty (the user chose that); hidden
    and git-ignored folders directly in a register are not suppliers.
    """
    from ..discover import discover, subfolders

    under = [os.path.abspath(c.path) for c in plan.candidates]
    folders = list(reading.suppliers)
    for register in reading.registers:
        excluded = lambda p: plan.config_of(p).is_excluded(p)  # noqa: E731
        folders += subfolders(register, excluded)
    out: list[str] = []
    seen: set[str] = set()
    for folder in folders:
        prefix = os.path.join(os.path.abspath(folder), "")
        if prefix in seen or any(p.startswith(prefix) for p in under) or discover([folder]):
            continue
        seen.add(prefix)
        out.append(folder)
    return out

