"""Terminal output for the CLI: tables (rich) and result files."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from ctscore.data import LoadedData
from ctscore.data.adapted import unknown_code_notes
from ctscore.data.load import Table as SourceTable
from ctscore.errors import Diagnostic, UserError
from ctscore.spec.project_spec import ProjectSpec


def print_quality(data: LoadedData) -> None:
    """Rows read and kept per source, then the data-quality table: one row per broken rule."""
    from rich.markup import escape  # values from data files may contain [brackets]

    console = Console(width=max(Console().width, 120), highlight=False)
    for table in data.tables.values():
        dropped = table.rows_read - len(table.frame)
        console.print(
            f"{table.source.id}: {table.rows_read:,} rows read, {dropped:,} dropped, "
            f"{len(table.frame):,} kept ({table.path.name})",
            markup=False,
        )
    for note in unknown_code_notes(data.tables.values()):
        console.print(note, markup=False)
        blanks = blank_cells(table)
        if blanks:
            console.print(f"  blank cells: {blanks}", markup=False)
    if not data.quality:
        console.print("No data problems found.")
        return
    quality = Table(
        "source", "file", "column", "rows", "problem", "first rows", "action", title="Data quality"
    )
    for issue in data.quality:
        problem = f"{issue.problem} ({issue.advice})" if issue.advice else issue.problem
        row = (issue.file, issue.column, f"{issue.rows:,}", problem, issue.first_rows)
        quality.add_row(issue.source, *(escape(cell) for cell in row), issue.action)
    console.print(quality)


def blank_cells(table: SourceTable) -> str:
    """``killed_max 16, injured 3 (counted as 0)``: blank cells per column of a source."""
    counts = table.frame.isna().sum()
    parts = [
        f"{name} {int(n):,}" for name, n in counts.items() if n and not str(name).startswith("_")
    ]
    parts += [f"{name} {n:,} (counted as 0)" for name, n in table.blanks_as_zero.items()]
    return ", ".join(parts)


def write_results(results: pd.DataFrame, output: Path | None, printed: str = "csv") -> None:
    if output is None and printed == "json":
        print(results.to_json(orient="records", indent=1, date_format="iso"))
        return
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
    """A progress bar on a terminal, as ``progress(step, done, total)``; silent with --quiet
    or when stderr is not a terminal (pipes, CI logs, ``make report``)."""
    if quiet or not sys.stderr.isatty():
        yield lambda _step, _done, _total: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("building", total=None)

        def update(step: str, done: int, total: int) -> None:
            label = "writing files" if done == total else f"building {step}"
            bar.update(task, description=label, completed=done, total=total)

        yield update


def report_build(summary, check: bool, quiet: bool, as_json: bool) -> None:
    """The paths written on stdout (or the summary as JSON); on stderr, the files of the
    reports that were up to date (so the user always sees where the reports are) and the
    summary line; with --check, the reports out of date, and exit 1 when there is one."""
    import json

    if as_json:
        print(json.dumps(summary.as_json(), indent=1))
    elif check:
        for name, reason in summary.out_of_date:
            print(f"out of date: {name} ({reason})")
    else:
        for path in summary.written:
            print(path)
    if not quiet and not as_json:
        if not check:
            for path in summary.current:
                print(f"{path} (up to date)", file=sys.stderr)
        print(summary.line(check), file=sys.stderr)
    if check and summary.out_of_date:
        sys.exit(1)


def validation_json(spec: ProjectSpec, data: LoadedData | None) -> dict:
    """`ctscore validate --format json`: what the project declares and, with --data, the
    rows read, kept and the data problems."""
    import dataclasses

    kinds = ("sources", "indicators", "scorecards", "policy_events", "tests")
    result: dict = {"ok": True, "declared": {k: len(spec.collection(k)) for k in kinds}}
    if data is not None:
        result["data"] = {
            table.source.id: {"rows_read": table.rows_read, "rows_kept": len(table.frame)}
            for table in data.tables.values()
        }
        result["quality"] = [dataclasses.asdict(issue) for issue in data.quality]
    return result
