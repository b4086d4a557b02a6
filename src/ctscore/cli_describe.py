"""``ctscore describe``: the command only; the work (which reads data with pandas) is in
``ctscore.describe``, imported when the command runs so other commands start fast."""

from __future__ import annotations

import click

from ctscore.cli import friendly


@click.command()
@click.argument("words", nargs=-1, required=True, metavar="[PROJECT] SOURCE [COLUMN]")
@friendly
def describe(words: tuple[str, ...]) -> None:
    """Describe a source's columns: type, blanks, range and most frequent values."""
    from ctscore.describe import describe_source

    describe_source(words)
