"""The findings of a command on the terminal: printed after it, summarised, and with
``--strict`` turned into exit code 2 (see ctscore.findings)."""

from __future__ import annotations

import sys

import click

from ctscore.errors import Diagnostic
from ctscore.findings import summary, warnings_of

STRICT = click.option(
    "--strict",
    is_flag=True,
    help="Exit with code 2 when there is any warning (for CI).",
)

# Notes --quiet still prints: which period was built instead of the one a user expects.
SHOWN_WHEN_QUIET = {"period_chosen"}


def FROM_TO(command):
    """``--from`` and ``--to``: a period label ('2007', '2007-Q1') or a day ('2007-01-01')."""
    command = click.option(
        "--to", "end", help="Last period: a label such as 2021 or 2021-Q4, or a day."
    )(command)
    return click.option(
        "--from", "start", help="First period: a label such as 2007 or 2007-Q1, or a day."
    )(command)


def print_findings(found: list[Diagnostic], strict: bool, quiet: bool = False) -> None:
    """Each finding on one line (stderr; notes not with --quiet), then the summary; exit 2
    under --strict when any is a warning."""
    for item in found:
        if not (quiet and item.severity == "note" and item.code not in SHOWN_WHEN_QUIET):
            click.echo(str(item), err=True)
    line = summary(found)
    if line:
        click.echo(line, err=True)
    if strict and warnings_of(found):
        click.echo("--strict: warnings fail the command (exit code 2).", err=True)
        sys.exit(2)
