"""A progress bar on stderr for long runs (library: ``rich.progress``).

Shown only for more than ``PROGRESS_MIN`` documents and only when stderr is a terminal, so
pipes, CI logs and redirected output stay clean. It is redrawn from the completion callback,
never from a background thread: worker processes forked while it is shown cannot inherit a
lock held by a drawing thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

#: Up to this many files, no progress bar is shown.
PROGRESS_MIN = 5


@contextmanager
def progress(
    total: int, stream: Any = None, label: str = "checking"
) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr for more than a handful of files, when stderr is a terminal.

    Yields a callback taking the finished path. The bar (library: ``rich.progress``) is
    refreshed from that callback only, never from a background thread, so worker processes
    forked meanwhile never inherit a lock held by a drawing thread. Otherwise the callback
    does nothing and nothing is printed.
    """
    import sys

    out = stream if stream is not None else sys.stderr
    if total <= PROGRESS_MIN or not getattr(out, "isatty", lambda: False)():
        yield lambda _p: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=Console(file=out), auto_refresh=False, transient=True,
    )
    task = bar.add_task(label, total=total)

    def advance(_path: str) -> None:
        bar.update(task, advance=1)
        bar.refresh()

    with bar:
        yield advance
