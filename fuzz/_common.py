"""Shared helpers for the atheris fuzz targets (see fuzz/README.md).

A target feeds bytes to one reader's ``parse(path, data, limits)`` directly, not through
``parsers.parse_file``: ``parse_file`` turns every stray exception into a generic
``corrupt`` ``DocumentError``, which would hide exactly the faults fuzzing is for.  The
contract checked is the readers' own: only ``DocumentError`` may escape, and every
sentence span of a Markdown / text document must point inside the source.
"""

from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

#: Small limits so one input cannot take seconds (the fuzzer's -timeout is a backstop).
FUZZ_LIMITS_KW = {
    "max_file_bytes": 1 << 20,
    "max_unzipped_bytes": 4 << 20,
    "max_part_bytes": 2 << 20,
    "max_pages": 20,
    "max_depth": 100,
}

_SEEN: set[str] = set()
def leak(exc: BaseException, data: bytes) -> None:
    """Record an exception other than ``DocumentError`` that escaped a reader.

    ``parse_file`` would still turn it into a one-line ``corrupt`` error, so by default the
    run goes on (a crash of the process, a hang past ``-timeout`` or memory past
    ``-rss_limit_mb`` is what stops it): each distinct (type, innermost ``policy_lint``
    frame) is written once to ``$FUZZ_LEAKS`` (default ``fuzz/leaks/leaks.txt``) with the input
    saved beside it.  With ``FUZZ_STRICT=1`` the exception is re-raised instead.
    """
    if os.environ.get("FUZZ_STRICT") == "1":
        raise exc
    import hashlib
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "policy_lint" in f.filename]
    where = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
    key = f"{type(exc).__name__} at {where}"
    if isinstance(exc, AssertionError):
        key += f" ({exc})"
    if key in _SEEN:
        return
    _SEEN.add(key)
    out = os.environ.get("FUZZ_LEAKS", "") or os.path.join(ROOT, "fuzz", "leaks", "leaks.txt")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    name = f"{out}.{hashlib.sha1(data).hexdigest()[:12]}"
    with open(name, "wb") as fh:
        fh.write(data)
    with open(out, "a", encoding="utf-8") as fh:
        fh.write(f"{key}: {str(exc)[:200]!r} input={name}\n")
