"""The ``policy-lint`` command line; the only place that knows exit codes.

Exit status (DESIGN.md): 0 every document meets its gate; 1 a gate failed (score under
threshold, an error-severity rule not met, or a document could not be read); 2 the tool could
not run as asked (bad usage, config or rule pack).

Each sub-command lives in ``policy_lint/commands/<name>.py`` and is registered here by name,
imported only when it is run, so ``policy-lint --version`` stays fast.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from . import __version__

#: command name → (module in policy_lint.commands, attribute, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "check": ("check", "check_command", "Score documents against the charter and report."),
    "eval": ("eval", "eval_command", "Measure policy-lint against hand-labelled documents."),
    "parse": ("parse", "parse_command", "Show what policy-lint reads in a document."),
    "rules": ("rules", "rules_command", "List, explain and test the rules of the rule packs."),
    "vet": ("vet", "vet_command", "Vet supplier folders and compare the suppliers."),
}


class LazyGroup(click.Group):
    """A click group whose sub-commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """All command names, sorted."""
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import and return the command named ``cmd_name``."""
        if cmd_name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[cmd_name]
        command: click.Command = getattr(
            importlib.import_module(f"policy_lint.commands.{module}"), attr
        )
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List commands from the registry without importing them."""
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="policy-lint")
def cli() -> None:
    """Check agency documents against the Active Anti-Racism Charter (CHSCP, 2024)."""


def main(argv: list[str] | None = None) -> Any:
    """Run the CLI; click's usage errors exit 2, and so do config and pack errors."""
    return cli.main(args=argv, prog_name="policy-lint")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
