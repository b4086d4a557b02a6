"""``ctscore describe [PROJECT] SOURCE [COLUMN]``: what a source's columns hold (type, blank
cells, range, the most frequent values with their rows), so filters and recodes can be
written from the values that occur instead of guessed."""

from __future__ import annotations

import numbers
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ctscore.data.load import LINE
from ctscore.errors import Diagnostic, UserError, did_you_mean

TOP = 5  # most frequent values shown per column
TOP_ONE = 25  # ... when one column is described


def describe_frame(frame: pd.DataFrame, top: int = TOP) -> list[dict[str, str]]:
    """One summary per column (internal columns such as ``_line`` left out)."""
    return [
        _describe(name, frame[name], top)
        for name in frame.columns
        if not str(name).startswith("_") and name != LINE
    ]


def _describe(name: str, values: pd.Series, top: int) -> dict[str, str]:
    present = values.dropna()
    summary = {
        "column": str(name),
        "type": _kind(values),
        "blank": f"{int(values.isna().sum()):,}",
        "distinct": f"{present.nunique():,}",
        "range": "",
        "most frequent": "",
    }
    if (
        len(present)
        and (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values))
        and not pd.api.types.is_bool_dtype(values)
    ):
        summary["range"] = f"{_show(present.min())} to {_show(present.max())}"
    counts = present.astype("string").value_counts().head(top)
    summary["most frequent"] = ", ".join(f"{value} ({n:,})" for value, n in counts.items())
    return summary


def _kind(values: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(values):
        return "boolean"
    if pd.api.types.is_datetime64_any_dtype(values):
        return "date"
    if pd.api.types.is_integer_dtype(values):
        return "integer"
    if pd.api.types.is_numeric_dtype(values):
        return "number"
    return "category" if isinstance(values.dtype, pd.CategoricalDtype) else "text"


def _show(value) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else str(value)
    if isinstance(value, float) and value.is_integer():  # years and ids read best plain
        return str(int(value))
    return str(int(value)) if isinstance(value, numbers.Integral) else str(value)


def _where(args: tuple[str, ...]) -> tuple[Path, str, str | None]:
    """(project, source, column) from ``[PROJECT] SOURCE [COLUMN]``: the first word is the
    project when it is a folder with a ctscore.yaml."""
    words = list(args)
    project = Path(".")
    if len(words) > 1 and (Path(words[0]) / "ctscore.yaml").is_file():
        project = Path(words.pop(0))
    if not 1 <= len(words) <= 2:
        message = (
            "give a source, and optionally a column: ctscore describe [PROJECT] SOURCE [COLUMN]"
        )
        raise UserError([Diagnostic("ctscore describe", message=message)])
    return project, words[0], words[1] if len(words) == 2 else None


def _every_column(source):
    """A source with a catalogue (ucdp_ged, gtd, ...) reads only the columns the project
    uses; describe shows them all."""
    from ctscore.adapters import adapter_of

    adapter = adapter_of(source.kind)
    if not adapter.has_catalogue:
        return source
    every = {name: column for name, column in adapter.columns().items() if not column.derived}
    return source.model_copy(update={"columns": {**every, **source.columns}})


def describe_source(words: tuple[str, ...]) -> None:
    """Print the table ``ctscore describe [PROJECT] SOURCE [COLUMN]`` shows."""
    from ctscore.data import load_source
    from ctscore.spec.loader import load_project_spec

    project, source, column = _where(words)
    spec = load_project_spec(project)
    if source not in spec.sources:
        message = (
            f"unknown source '{source}'{did_you_mean(source, spec.sources)}; the project has: "
        )
        raise UserError([Diagnostic("ctscore describe", message=message + ", ".join(spec.sources))])
    frame = load_source(spec, _every_column(spec.sources[source]))[0].frame
    if column is not None and column not in frame:
        shown = [c for c in frame.columns if not str(c).startswith("_")]
        message = f"source '{source}' has no column '{column}'{did_you_mean(column, shown)}"
        raise UserError([Diagnostic("ctscore describe", message=message)])
    chosen = frame[[column]] if column else frame
    rows = describe_frame(chosen, TOP_ONE if column else TOP)
    table = Table(*rows[0].keys(), title=f"{source}: {len(frame):,} rows") if rows else None
    console = Console(width=max(Console().width, 120), highlight=False)
    if table is not None:
        for row in rows:
            table.add_row(*(escape(cell) for cell in row.values()))
        console.print(table)
