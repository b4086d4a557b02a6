"""`ctscore init [FOLDER]`."""

from __future__ import annotations

from pathlib import Path

import click

from ctscore.cli import friendly


@click.command(name="init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
@friendly
def init_command(folder: Path) -> None:
    """Start a project in FOLDER: ctscore.yaml, a source with example data, two indicators,
    a scorecard, an indicator test, .gitignore and a GitHub Actions workflow."""
    from ctscore.init_project import init_project

    written = init_project(folder)
    for path in written:
        click.echo(str(path))
    where = "" if str(folder) == "." else f" {folder}"
    click.echo(
        f"Next: ctscore test{where} && ctscore build{where}   (then edit the YAML files)",
        err=True,
    )
