"""Write report files atomically, so a reader never sees half a report.

The text goes to a temporary file in the destination's own folder (same file system), is
flushed and fsync'ed, then ``os.replace`` moves it over the destination in one step (POSIX
``rename(2)``; atomic on Windows too for same-volume moves). On any failure the temporary
file is removed and the old report, if any, is left untouched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterable

from .errors import ConfigError


def write_atomic(path: str, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` in one step.

    Args:
        path: Destination file; its folder must exist.
        text: Content; written with ``encoding``, newlines untranslated.
        encoding: Text encoding.

    Raises:
        ConfigError: The destination cannot be written (missing folder, permissions …);
            the message names the path and what to do.
    """
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise ConfigError(path, "cannot write the report: its folder does not exist — create it")
    if os.path.isdir(path):
        raise ConfigError(path, "cannot write the report: this is a folder — give a file name")
    if os.path.lexists(path) and not os.path.isfile(path):
        raise ConfigError(
            path, "cannot write the report: not a regular file (a device, pipe or socket)"
        )
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding=encoding, newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        tmp = ""
    except OSError as exc:
        raise ConfigError(
            path,
            f"cannot write the report ({exc.strerror or exc}) — check the path and permissions",
        ) from None
    finally:
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def check_targets(targets: dict[str, str], inputs: list[str]) -> None:
    """Refuse report destinations that would lose something, before anything is written.

    Args:
        targets: Output format → destination path (from ``--output FORMAT=FILE``).
        inputs: Paths of the documents being checked.

    Raises:
        ConfigError: Two formats share one file, or a destination is one of the input
            documents (policy-lint never writes to a document it reads).
    """
    seen: dict[str, str] = {}
    documents = {os.path.realpath(p) for p in inputs}
    for fmt, path in targets.items():
        real = os.path.realpath(path)
        if real in seen:
            raise ConfigError(
                path, f"--output gives this file for both {seen[real]} and {fmt} — use two files"
            )
        seen[real] = fmt
        if real in documents:
            raise ConfigError(
                path, "--output would overwrite a document being checked — choose another file"
            )


def write_reports(
    formats: Iterable[str],
    targets: dict[str, str],
    inputs: list[str],
    render: Callable[[str], str],
) -> None:
    """Render each report format and write it to its ``--output`` file or standard output.

    Destinations are checked first (``check_targets``), so nothing is written when one of
    them would lose something; files are written atomically (``write_atomic``).

    Args:
        formats: Formats to produce, in order.
        targets: Format → destination path; a format not in it goes to standard output.
        inputs: Paths of the documents read (never overwritten).
        render: Format → report text.

    Raises:
        ConfigError: From ``check_targets``.
        OSError: A destination cannot be written.
    """
    check_targets(targets, inputs)
    for fmt in formats:
        text = render(fmt)
        if fmt in targets:
            write_atomic(targets[fmt], text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
