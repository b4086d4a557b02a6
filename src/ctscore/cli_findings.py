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


def print_findings(found: list[Diagnostic], strict: bool) -> None:
    """Each finding on one line (stderr), then the summary; exit 2 under --strict when any
    is a warning."""
    for item in found:
        click.echo(str(item), err=True)
    line = summary(found)
    if line:
        click.echo(line, err=True)
    if strict and warnings_of(found):
        click.echo("--strict: warnings fail the command (exit code 2).", err=True)
        sys.exit(2)
