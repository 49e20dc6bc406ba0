"""Check many documents at once: worker processes, a time limit per document, stable order.

``run_tasks`` hands ``(path, settings)`` tasks to ``jobs`` worker processes it starts and
owns (``multiprocessing``, ``fork`` where the platform has it, else ``spawn``), one task per
worker at a time over its own pipe. Each task has a deadline; a worker still busy when its
deadline passes is killed and replaced, and that document becomes an error row
``timed out after N s`` (PITFALLS P42: a single malformed file must not block the batch). A
worker that dies (crash, out of memory, killed from outside) makes its document an error row
and is replaced. ``concurrent.futures.ProcessPoolExecutor`` is not used because it cannot
kill one running task. With ``jobs == 1`` everything runs in this process and the time limit
is a ``SIGALRM`` timer where the platform has one (main thread only).

Results come back in task order whatever order they finish in; larger files are started
first so the last worker is not left alone with the largest document. A rule pack or config
error in any document stops the run (``PackError`` / ``ConfigError``, exit status 2); any
other failure is that document's error row.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from .errors import ConfigError, PackError, PolicyLintError
from .scorecard import DocumentResult, Thresholds, score_document

#: ``work(path, settings) -> DocumentResult``; must be a module-level function.
Work = Callable[[str, Any], DocumentResult]
#: Default per-document time limit in seconds.
DEFAULT_TIMEOUT = 120.0


def default_jobs() -> int:
    """Worker processes to use by default: every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def error_row(path: str, settings: Any, reason: str, code: str) -> DocumentResult:
    """A scored error row for ``path`` (RAG ``error``, fails its gate)."""
    base = DocumentResult(path, error=f"{path}: {reason}", error_code=code)
    thresholds = getattr(settings, "thresholds", None) or Thresholds()
    return score_document(base, thresholds, getattr(settings, "fail_under", None))


def _internal(path: str, settings: Any, exc: BaseException) -> DocumentResult:
    reason = (
        f"internal error while checking ({type(exc).__name__}: {str(exc)[:160]}) — please "
        "report it with the document if you can"
    )
    return error_row(path, settings, reason, "internal")


def _timed_out(path: str, settings: Any, timeout: float) -> DocumentResult:
    reason = f"timed out after {timeout:g} s — raise --timeout or check this file on its own"
    return error_row(path, settings, reason, "timeout")


class _Alarm(BaseException):
    """Raised by the in-process timer; a BaseException so broad handlers let it through."""


@contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    usable = (
        seconds is not None and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def ring(_signum: int, _frame: Any) -> None:
        raise _Alarm()

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _run_one(work: Work, path: str, settings: Any) -> tuple[str, Any]:
    """Run one task; ``("ok", result)`` or ``("fatal", (kind, path, reason, line))``."""
    try:
        return "ok", work(path, settings)
    except (PackError, ConfigError) as exc:
        return "fatal", (exc.kind, exc.path, exc.reason, exc.line)
    except _Alarm:
        raise
    except Exception as exc:  # noqa: BLE001 - one document's failure is its own error row
        return "ok", _internal(path, settings, exc)


def _raise_fatal(info: tuple[str, str, str, int | None]) -> None:
    kind, path, reason, line = info
    raise (PackError if kind == "pack" else ConfigError)(path, reason, line)


def _worker_main(conn: Connection, work: Work) -> None:
    """Worker loop: receive ``(index, path, settings)``, send ``(index, (tag, payload))``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        index, path, settings = msg
        reply = _run_one(work, path, settings)
        try:
            conn.send((index, reply))
        except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be sent
            conn.send((index, ("ok", _internal(path, settings, exc))))


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    task: int | None = None
    deadline: float | None = None


class _Pool:
    """Worker processes owned by ``run_tasks``; each runs one task at a time."""

    def __init__(self, work: Work, size: int) -> None:
        methods = mp.get_all_start_methods()
        self.ctx: Any = mp.get_context("fork" if "fork" in methods else "spawn")
        self.work = work
        self.workers = [self._start() for _ in range(size)]

    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=_worker_main, args=(child, self.work), daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def replace(self, w: _Worker) -> None:
        """Kill ``w`` (if still running) and put a fresh worker in its place."""
        self._stop(w, hard=True)
        self.workers[self.workers.index(w)] = self._start()

    @staticmethod
    def _stop(w: _Worker, hard: bool) -> None:
        if hard and w.proc.is_alive():
            w.proc.kill()
        w.proc.join(timeout=5)
        if w.proc.is_alive():  # pragma: no cover - a worker ignoring SIGKILL
            w.proc.kill()
            w.proc.join(timeout=5)
        w.conn.close()

    def close(self) -> None:
        """Ask idle workers to finish, kill busy ones."""
        for w in self.workers:
            busy = w.task is not None
            if not busy:
                try:
                    w.conn.send(None)
                except OSError:
                    busy = True
            self._stop(w, hard=busy)


def run_tasks(
    tasks: Sequence[tuple[str, Any]],
    work: Work,
    jobs: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    on_done: Callable[[int, DocumentResult], None] | None = None,
) -> list[DocumentResult]:
    """Run ``work(path, settings)`` for every task; results in task order.

    Args:
        tasks: ``(path, settings)`` pairs; ``settings`` must be picklable when ``jobs > 1``
            and the platform has no ``fork``.
        work: A module-level function returning a ``DocumentResult``.
        jobs: Worker processes (``None``: ``default_jobs()``); 1 runs in this process.
        timeout: Seconds allowed per document, ``None`` for no limit.
        on_done: Called with each task's index and result as it finishes (in finishing
            order), e.g. to advance a progress bar or store the result while others run.

    Returns:
        One ``DocumentResult`` per task, in the order of ``tasks``; timeouts and crashed
        workers are error rows (``error_code`` ``timeout`` / ``internal``).

    Raises:
        PackError, ConfigError: From any document; the run stops (exit status 2).
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    done = on_done or (lambda _i, _r: None)
    if jobs == 1 or not tasks:
        return _run_inline(tasks, work, timeout, done)
    results: list[DocumentResult | None] = [None] * len(tasks)
    order = deque(sorted(range(len(tasks)), key=lambda i: (-_size(tasks[i][0]), i)))
    pool = _Pool(work, min(jobs, len(tasks)))
    finished: list[tuple[int, DocumentResult]] = []
    try:
        while order or any(w.task is not None for w in pool.workers):
            for w in pool.workers:
                if w.task is None and order:
                    i = order.popleft()
                    w.task = i
                    w.deadline = None if timeout is None else time.monotonic() + timeout
                    w.conn.send((i, tasks[i][0], tasks[i][1]))
            for i, row in finished:  # after refilling: workers run while results are handled
                done(i, row)
            finished = _collect(pool, tasks, results, timeout)
        for i, row in finished:
            done(i, row)
    finally:
        pool.close()
    return [r for r in results if r is not None]


def _collect(
    pool: _Pool,
    tasks: Sequence[tuple[str, Any]],
    results: list[DocumentResult | None],
    timeout: float | None,
) -> list[tuple[int, DocumentResult]]:
    """Wait for the next replies, deaths or deadlines among busy workers; record them.

    Returns:
        ``(task index, row)`` for each task finished (the rows are also put in ``results``).
    """
    out: list[tuple[int, DocumentResult]] = []
    busy = [w for w in pool.workers if w.task is not None]
    deadlines = [w.deadline for w in busy if w.deadline is not None]
    wait_for = None if not deadlines else max(0.0, min(deadlines) - time.monotonic())
    wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=wait_for)
    now = time.monotonic()
    for w in busy:
        i = w.task
        assert i is not None
        path, settings = tasks[i]
        row: DocumentResult | None = None
        try:
            if w.conn.poll():
                _index, (tag, payload) = w.conn.recv()
                if tag == "fatal":
                    _raise_fatal(payload)
                row = payload
        except (EOFError, OSError):
            row = None
        if row is not None:
            w.task = w.deadline = None
        elif not w.proc.is_alive():
            code = w.proc.exitcode
            how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit {code}"
            row = error_row(
                path, settings,
                f"the worker process checking this file stopped ({how}) — check the file on "
                "its own; it may need more memory or be malformed", "internal",
            )
            w.task = w.deadline = None
            pool.replace(w)
        elif w.deadline is not None and now >= w.deadline:
            row = _timed_out(path, settings, float(timeout or 0))
            w.task = w.deadline = None
            pool.replace(w)
        if row is not None:
            results[i] = row
            out.append((i, row))
    return out


def _run_inline(
    tasks: Sequence[tuple[str, Any]], work: Work, timeout: float | None,
    done: Callable[[int, DocumentResult], None],
) -> list[DocumentResult]:
    out: list[DocumentResult] = []
    for path, settings in tasks:
        try:
            with _alarm(timeout):
                tag, payload = _run_one(work, path, settings)
        except _Alarm:
            tag, payload = "ok", _timed_out(path, settings, float(timeout or 0))
        if tag == "fatal":
            _raise_fatal(payload)
        done(len(out), payload)
        out.append(payload)
    return out


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


__all__ = ["DEFAULT_TIMEOUT", "PolicyLintError", "default_jobs", "error_row", "run_tasks"]
