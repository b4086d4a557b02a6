"""Terminal output for the CLI: tables (rich) and result files."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from ctscore.data import LoadedData
from ctscore.errors import Diagnostic, UserError
from ctscore.spec.project_spec import ProjectSpec


def print_indicators(spec: ProjectSpec) -> None:
    table = Table("id", "title", "unit", "direction", "source", title="Indicators")
    for indicator in spec.indicators.values():
        source = indicator.source or f"({indicator.measure.kind} of other indicators)"
        table.add_row(
            indicator.id,
            indicator.title,
            indicator.unit,
            indicator.direction.replace("_", " "),
            source,
        )
    Console(width=max(Console().width, 120)).print(table)


def print_quality(data: LoadedData) -> None:
    console = Console()
    for table in data.tables.values():
        console.print(
            f"{table.source.id}: {table.rows_read:,} rows read, "
            f"{len(table.frame):,} kept ({table.path.name})"
        )
    if not data.quality:
        console.print("No data problems found.")
        return
    quality = Table(
        "source", "column", "rows", "problem", "first lines", "action", title="Data quality"
    )
    for issue in data.quality:
        lines = ", ".join(f"{line} '{value}'" for line, value in issue.examples)
        quality.add_row(
            issue.source, issue.column, str(issue.rows), issue.problem, lines, issue.action
        )
    console.print(quality)


def write_results(results: pd.DataFrame, output: Path | None) -> None:
    if output is None:
        results.to_csv(sys.stdout, index=False)
        return
    suffix = output.suffix.lower()
    if suffix == ".parquet":
        results.to_parquet(output, index=False)
    elif suffix == ".json":
        results.to_json(output, orient="records", indent=1, date_format="iso")
    elif suffix == ".csv":
        results.to_csv(output, index=False)
    else:
        raise UserError(
            [
                Diagnostic(
                    str(output),
                    message="unknown output format; use a .csv, .parquet or .json file name",
                )
            ]
        )
    print(output)


@contextlib.contextmanager
def progress_reporter(quiet: bool):
    """A progress bar on a terminal; silence with --quiet or when output is not a terminal."""
    if quiet or not sys.stderr.isatty():
        yield lambda _name: None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=Console(stderr=True)) as progress:
        task = progress.add_task("building", total=None)
        yield lambda name: progress.update(task, description=f"building {name}", advance=1)
