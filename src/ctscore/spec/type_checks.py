"""Rules on column types: a measure or a date must use a column of the right type."""

from __future__ import annotations

from collections.abc import Iterator

from ctscore.errors import Diagnostic
from ctscore.spec.measures import ColumnMeasure
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.sources import columns_of, weight_column
from ctscore.spec.values import NUMERIC_TYPES, TEXT_TYPES

Diagnostics = Iterator[Diagnostic]
NUMERIC_MEASURES = ("sum", "mean", "max", "min")


def check_measure_column_types(spec: ProjectSpec) -> Diagnostics:
    """sum, mean, max and min need a column of numbers."""
    for indicator in spec.row_indicators:
        measure = indicator.measure
        source = spec.sources.get(indicator.source)
        if not isinstance(measure, ColumnMeasure) or measure.kind not in NUMERIC_MEASURES:
            continue
        if source is None:
            continue
        column = columns_of(source).get(measure.column)
        if column is None or column.type in NUMERIC_TYPES:
            continue  # an unknown column is reported by itself
        message = (
            f"'{measure.kind}' needs a column of numbers, but column '{measure.column}' has "
            f"type {column.type}"
        )
        if column.type == "boolean":
            message += (
                f"; to count the rows where it is true use kind: count with filter: "
                f"{{{measure.column}: true}}"
            )
        yield spec.diagnostic("indicators", indicator.id, ("measure", "column"), message)


def check_date_column_types(spec: ProjectSpec) -> Diagnostics:
    """The date column is a date, its parts integers, its precision column text."""
    for source in spec.sources.values():
        declared = columns_of(source)
        for path, column, types in _date_columns(source):
            if column in declared and declared[column].type not in types:
                yield spec.diagnostic(
                    "sources",
                    source.id,
                    path,
                    f"column '{column}' must have type: {' or '.join(types)} "
                    f"(it has type {declared[column].type}){_parts_hint(path, declared[column])}",
                )


def _parts_hint(path: tuple, column) -> str:
    """A year (or year-month) column given as the date: say how to declare such dates."""
    if path != ("date", "column") or column.type != "integer":
        return ""
    return (
        "; for a table with a year column (and maybe a month column), declare "
        "'date: {parts: {year: <column>, month: <column>}}' (month optional): its rows are then "
        "known to the year (or month), and periods finer than that are refused"
    )


def _date_columns(source) -> list[tuple[tuple, str, tuple[str, ...]]]:
    """(path, column, the types it may have) for each column the source's date uses."""
    date = source.date
    if date is None:
        return []
    uses: list[tuple[tuple, str, tuple[str, ...]]] = []
    uses += [(("date", "column"), date.column, ("date",))] if date.column else []
    for part in ("year", "month", "day"):
        if date.parts and (column := getattr(date.parts, part)):
            uses.append((("date", "parts", part), column, ("integer",)))
    if date.precision_column:
        uses.append((("date", "precision_column"), date.precision_column, TEXT_TYPES[::-1]))
    if date.end_column:
        uses.append((("date", "end_column"), date.end_column, ("date",)))
    return uses


def check_weight_column_types(spec: ProjectSpec) -> Diagnostics:
    """A source's weight column holds numbers."""
    for source in spec.sources.values():
        weight = weight_column(source)
        column = columns_of(source).get(weight or "")
        if column is not None and column.type not in ("integer", "number"):
            message = (
                f"the weight column '{weight}' must have type integer or number "
                f"(it has type {column.type})"
            )
            yield spec.diagnostic("sources", source.id, ("weight",), message)


CHECKS = [check_measure_column_types, check_date_column_types, check_weight_column_types]
