"""What a source's adapter changes in loading: which catalogue columns are read, and the
raw cells it blanks (unknown codes) or cleans (e.g. a second date format) before typing."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ctscore.adapters import adapter_of
from ctscore.data.columns import Failure
from ctscore.data.derive import inputs_of
from ctscore.spec.graph import dimensions_of
from ctscore.spec.indicators import Indicator, RowIndicator
from ctscore.spec.measures import ColumnMeasure, RateMeasure
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.sources import ColumnSpec, Source, columns_of, date_spec, weight_column


def columns_to_read(spec: ProjectSpec, source: Source) -> dict[str, ColumnSpec]:
    """Every declared column of a table; of a catalogue, only those the project uses."""
    if adapter_of(source.kind).has_catalogue:
        return used_columns(spec, source)
    return columns_of(source)


def used_columns(spec: ProjectSpec, source: Source) -> dict[str, ColumnSpec]:
    """The columns of a catalogued source the project needs, in catalogue order."""
    columns = columns_of(source)
    wanted = {*adapter_of(source.kind).always_read, *source.columns}
    wanted |= source.where.columns() if source.where is not None else set()
    wanted |= {weight} if (weight := weight_column(source)) else set()
    date = date_spec(source)
    if date is not None:
        parts = date.parts
        wanted |= {c for c in (date.column, date.precision_column, date.end_column) if c}
        wanted |= {c for c in (parts.year, parts.month, parts.day) if c} if parts else set()
    for indicator in spec.indicators.values():
        wanted |= _columns_used_by(spec, indicator, source.id)
    pending = list(wanted)
    while pending:  # and the columns derived columns are computed from
        new = inputs_of(columns.get(pending.pop())) - wanted
        wanted |= new
        pending += new
    # And the catalogue columns whose cells a wanted column reads under another name (e.g.
    # ACLED's time_precision, behind date_precision): their own rules are checked too.
    wanted |= {c.from_ for name in wanted if (c := columns.get(name)) and c.from_ in columns}
    return {name: column for name, column in columns.items() if name in wanted}


def reported_at_origin(read: dict[str, ColumnSpec], failures: list[Failure]) -> list[Failure]:
    """The failures, less those of a column read from another catalogue column's cells in
    rows where that column already failed: a bad ``time_precision`` of 4 is reported once,
    as itself, not again as a bad ``date_precision`` the file does not have."""
    bad_at: dict[str, pd.Series] = {}
    for failure in failures:
        bad = bad_at.get(failure.column)
        bad_at[failure.column] = failure.mask if bad is None else bad | failure.mask
    kept = []
    for failure in failures:
        origin = read[failure.column].from_ if failure.column in read else None
        if origin in read and origin in bad_at:
            failure = replace(failure, mask=failure.mask & ~bad_at[origin])
        if failure.mask.any():
            kept.append(failure)
    return kept


def _columns_used_by(spec: ProjectSpec, indicator: Indicator, source_id: str) -> set[str]:
    measure = indicator.measure
    used: set[str] = set()
    if isinstance(indicator, RowIndicator) and indicator.source == source_id:
        used |= indicator.filter.columns() if indicator.filter is not None else set()
        used |= set(indicator.dimensions)
        used |= {measure.column} if isinstance(measure, ColumnMeasure) else set()
    if isinstance(measure, RateMeasure) and measure.population == source_id:
        used |= {measure.population_column, measure.year_column}
        used |= dimensions_of(spec.indicators, indicator.id)
    return used


def adapt_raw(
    source: Source, raw: pd.DataFrame, in_file: dict[str, str]
) -> tuple[pd.DataFrame, tuple[tuple[str, int], ...]]:
    """The raw cells with the adapter's unknown codes blanked and its clean-ups applied,
    column by column (``in_file`` maps ctscore names to the file's); and how many cells of
    each column were blanked, for the report to say."""
    adapter = adapter_of(source.kind)
    blanked: list[tuple[str, int]] = []
    for name, codes in adapter.missing_codes.items():
        column = in_file.get(name)
        if column in raw:
            unknown = _is_code(raw[column], codes)
            raw[column] = raw[column].mask(unknown)
            blanked += [(name, int(unknown.sum()))] if unknown.any() else []
    for name, clean in adapter.clean.items():
        column = in_file.get(name)
        if column in raw:
            raw[column] = clean(raw[column])
    return raw, tuple(blanked)


def with_format_hints(source: Source, failures: list[Failure]) -> list[Failure]:
    """The failures, with the adapter's hint where the format gives a broken rule a
    known cause."""
    hints = adapter_of(source.kind).hints
    return [
        replace(f, hint=hints[f.column, f.rule]) if (f.column, f.rule) in hints else f
        for f in failures
    ]


def unknown_code_notes(tables) -> list[str]:
    """One line per source whose unknown codes were read as blanks, e.g. 'Global Terrorism
    Database: cells coded unknown (-99, -9) read as blank: nkill 1, nhostkid 2.'"""
    lines = []
    for table in tables:
        if table.unknown_codes:
            codes = adapter_of(table.source.kind).missing_codes
            shown = dict.fromkeys(code for name, _ in table.unknown_codes for code in codes[name])
            counts = ", ".join(f"{name} {count:,}" for name, count in table.unknown_codes)
            lines.append(
                f"{table.source.title}: cells coded unknown ({', '.join(shown)}) read as "
                f"blank, not as numbers: {counts}."
            )
    return lines


def _is_code(values: pd.Series, codes: tuple[str, ...]) -> pd.Series:
    """Cells whose text is one of the codes; numbers from Excel compare by value (-99.0)."""
    text = values.astype("string").str.strip()
    numbers = pd.to_numeric(pd.Series(codes), errors="coerce").dropna()
    by_value = pd.to_numeric(values, errors="coerce").isin(numbers) if len(numbers) else False
    return (text.isin(codes) | by_value).fillna(False).astype(bool)
