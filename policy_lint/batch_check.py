"""Check many documents: discovery, settings, result cache and worker processes together.

``check_many`` is ``api.check_paths`` for batch runs: the same discovery, per-document
config and settings, scoring and ``Result`` (so every reporter works unchanged), with the
documents checked by ``batch.run_tasks`` (``--jobs`` worker processes, ``--timeout`` per
document) and answered from a ``cache.ResultCache`` where the document, packs, settings and
tool are unchanged. ``check`` and ``vet`` both use it; results are identical whatever
``jobs`` is and whether they came from the cache. The commands call its two halves
themselves (``plan_paths`` then ``check_plan``) so they can refuse a missing path or a folder
with no documents before anything is read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .batch import DEFAULT_TIMEOUT, run_tasks
from .config import Config, config_for, load_config
from .discover import Candidate, Given
from .errors import PolicyLintError
from .scorecard import DocumentResult, Result, score_document


@dataclass(frozen=True)
class Plan:
    """What a batch run will check: the candidates, and what each path given yielded.

    Attributes:
        candidates: From ``discover.discover_each``, in discovery order.
        given: One ``discover.Given`` per path given.
        options: The ``api.Options`` in force.
        config_of: ``path -> Config`` governing that document.
        thresholds: RAG thresholds of the run (the first path's config).
    """

    candidates: tuple[Candidate, ...]
    given: tuple[Given, ...]
    options: Any
    config_of: Callable[[str], Config]
    thresholds: Any

    def without(self, keep: Callable[[Candidate], bool]) -> Plan:
        """The same plan with only the candidates ``keep`` accepts."""
        return replace(self, candidates=tuple(c for c in self.candidates if keep(c)))


def plan_paths(
    paths: Sequence[str | os.PathLike[str]],
    config: Config | str | None = None,
    options: Any = None,
) -> Plan:
    """Discover what ``paths`` hold and settle each document's config (no document is read).

    Args:
        paths: Files, folders (walked recursively) and globs.
        config: A ``Config``, a config file path, or ``None`` to find the nearest config
            above each document.
        options: An ``api.Options`` (packs, fail-under, doc type, PDF engine).

    Raises:
        ConfigError: A config file is invalid.
    """
    from .api import Options
    from .discover import discover_each

    opts = options or Options()
    if isinstance(config, str):
        opts = replace(opts, config=config)
        config = load_config(config)
    names = [os.fspath(p) for p in paths]
    fixed = config

    def cfg_of(p: str) -> Config:
        return fixed if isinstance(fixed, Config) else config_for(p, opts.config)

    candidates, given = discover_each(names, exclude=lambda p: cfg_of(p).is_excluded(p))
    thresholds = cfg_of(names[0] if names else ".").thresholds
    return Plan(tuple(candidates), tuple(given), opts, cfg_of, thresholds)


def check_plan(
    plan: Plan,
    *,
    jobs: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    cache: Any = None,
    show_progress: bool = False,
) -> Result:
    """Check a plan's candidates; arguments as for ``check_many``.

    Raises:
        ConfigError: A config file is invalid.
        PackError: A rule pack is invalid or unknown.
    """
    from .api import assemble, settings_for

    docs: list[DocumentResult | None] = []
    tasks: list[tuple[str, Any]] = []
    for cand in plan.candidates:
        settings = settings_for(cand.path, plan.options, plan.config_of(cand.path))
        if cand.error:
            base = DocumentResult(cand.path, error=cand.error, error_code=cand.code)
            docs.append(score_document(base, settings.thresholds, settings.fail_under))
        else:
            docs.append(None)
            tasks.append((cand.path, settings))
    checked = iter(check_tasks(tasks, jobs, timeout, cache, show_progress))
    return assemble([d if d is not None else next(checked) for d in docs], plan.thresholds)


def check_many(
    paths: Sequence[str | os.PathLike[str]],
    config: Config | str | None = None,
    options: Any = None,
    *,
    jobs: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    cache: Any = None,
    show_progress: bool = False,
) -> Result:
    """Check documents in parallel, with a cache; the same ``Result`` as ``check_paths``.

    Args:
        paths: Files, folders (walked recursively) and globs.
        config: A ``Config``, a config file path, or ``None`` to find the nearest config
            above each document.
        options: An ``api.Options`` (packs, fail-under, doc type, PDF engine).
        jobs: Worker processes (``None``: every core; 1 checks in this process).
        timeout: Seconds allowed per document (``None``: no limit).
        cache: A ``cache.ResultCache``, or ``None`` to check everything afresh.
        show_progress: Draw a progress bar on stderr (only when it is a terminal).

    Returns:
        A ``Result``, documents in discovery order.

    Raises:
        ConfigError: A config file is invalid.
        PackError: A rule pack is invalid or unknown.
    """
    return check_plan(
        plan_paths(paths, config, options), jobs=jobs, timeout=timeout, cache=cache,
        show_progress=show_progress,
    )


def check_tasks(
    tasks: Sequence[tuple[str, Any]],
    jobs: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    cache: Any = None,
    show_progress: bool = False,
) -> list[DocumentResult]:
    """``api.check_document`` over ``tasks``, answering from ``cache`` where it can.

    Args:
        tasks: ``(path, DocumentSettings)`` pairs.
        jobs: Worker processes, as for ``run_tasks``.
        timeout: Seconds per document, as for ``run_tasks``.
        cache: A ``cache.ResultCache`` or ``None``; fresh results are stored in it.
        show_progress: Draw a progress bar (``progress``) for the documents not cached.

    Returns:
        One ``DocumentResult`` per task, in task order.

    Raises:
        PackError, ConfigError: As ``run_tasks``.
    """
    from .api import check_document

    keys = [cache.key(p, s) if cache is not None else None for p, s in tasks]
    results: list[DocumentResult | None] = [
        cache.get(k) if cache is not None and k is not None else None for k in keys
    ]
    todo = [i for i, r in enumerate(results) if r is None]
    if todo and (jobs is None or jobs > 1):
        _preload(tasks[i][1] for i in todo)
    from .progress import progress

    with progress(len(todo) if show_progress else 0) as tick:

        def finished(n: int, row: DocumentResult) -> None:
            i = todo[n]
            results[i] = row
            key = keys[i]
            if cache is not None and key is not None:
                cache.put(key, row)
            tick(row.path)

        run_tasks([tasks[i] for i in todo], check_document, jobs, timeout, finished)
    return [r for r in results if r is not None]


def _preload(settings: Iterable[Any]) -> None:
    """Load the packs workers will need once, here, so forked workers inherit them."""
    from .api import PACKS_BY_DOC_TYPE, _load, packs_for

    seen: set[tuple[str, ...]] = set()
    for s in settings:
        choices = [packs_for(t, s.packs) for t in (*PACKS_BY_DOC_TYPE, "policy")]
        for packs in choices:
            if packs and packs not in seen:
                seen.add(packs)
                try:
                    _load(packs)
                except PolicyLintError:
                    return  # reported properly by the worker that needs the pack
