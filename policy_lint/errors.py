"""Every error policy-lint reports to a person, in one place.

Each error names the file (and line, where there is one) and says what is wrong and what to
do, so the CLI can print it as one line: ``path[:line]: reason``.  Raw library exceptions
(zipfile, lxml, pypdfium2, yaml …) are caught at the edge of the reader or loader that
called the library and re-raised as one of these kinds.
"""

from __future__ import annotations


class PolicyLintError(Exception):
    """Base class: a problem with one input, reported as ``path[:line]: reason``.

    Args:
        path: The file the problem is in (as given by the user), or ``""`` if none.
        reason: What is wrong and, where possible, what to do; one line, no trailing period
            needed.
        line: 1-based line in ``path`` where the problem is, if known.
    """

    kind = "error"

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = " ".join(str(reason).split())  # always one line
        self.line = line
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The one-line message, ``path[:line]: reason``."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}" if where else self.reason


class DocumentError(PolicyLintError):
    """A document could not be read; the run goes on with the other documents.

    ``code`` is a stable machine-readable kind, one of: ``unsupported-format``,
    ``encrypted``, ``no-text-layer``, ``garbled-text``, ``corrupt``, ``too-large``,
    ``zip-limit``, ``timeout``, ``unreadable``, ``empty``, ``internal``.
    """

    kind = "document"

    def __init__(
        self, path: str, reason: str, code: str = "corrupt", line: int | None = None
    ) -> None:
        self.code = code
        super().__init__(path, reason, line)


class PackError(PolicyLintError):
    """A rule pack is invalid (schema, YAML, unknown kind or term set, unsafe pattern …)."""

    kind = "pack"


class ConfigError(PolicyLintError):
    """A configuration file is invalid or a command-line option cannot be honoured."""

    kind = "config"
