"""Load every source of a project into typed tables, and record what was wrong with the data.

The loader is the one place rows are left out: a row that breaks a column rule, or is dated
outside the source's declared coverage (``coverage_start``/``coverage_end``), is recorded
in the data-quality record and, with ``on_error: drop``, dropped; with ``on_error: fail``
the load stops with every such problem. Nothing later drops rows unreported.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ctscore.data.adapted import (
    adapt_raw,
    columns_to_read,
    reported_at_origin,
    with_format_hints,
)
from ctscore.data.columns import Failure, convert, narrow
from ctscore.data.dates import DATE, PRECISION, add_dates
from ctscore.data.derive import derive
from ctscore.data.quality import QualityIssue, diagnostics, quality_issue
from ctscore.data.readers import LINE, Layout, ReadError, delimiter_hint, layout, read_raw
from ctscore.data.typed_read import as_written, typed_reads
from ctscore.errors import Diagnostic, UserError, did_you_mean, display_path
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.sources import ColumnSpec, Source, date_spec

__all__ = [
    "DATE",
    "LINE",
    "PRECISION",
    "LoadedData",
    "QualityIssue",
    "Table",
    "load_data",
    "load_source",
]


@dataclass(frozen=True)
class Table:
    """A source's rows with typed columns, ``_line`` and, when it has dates, ``_date`` and
    ``_date_precision``."""

    source: Source
    frame: pd.DataFrame
    path: Path
    sha256: str
    rows_read: int
    unknown_codes: tuple[tuple[str, int], ...] = ()  # cells blanked per column, by adapter
    # Per column: empty cells counted as 0 (``missing: zero``), and for columns with a
    # ``recode``, the distinct texts found in the file and their rows (to warn of keys
    # matching none, and to count each code of a recoded date precision such as date_prec).
    blanks_as_zero: dict[str, int] = field(default_factory=dict)
    raw_values: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def has_dates(self) -> bool:
        return DATE in self.frame

    @property
    def coverage(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        if not self.has_dates or self.frame[DATE].notna().sum() == 0:
            return None
        return self.frame[DATE].min(), self.frame[DATE].max()


@dataclass(frozen=True)
class LoadedData:
    tables: dict[str, Table]
    quality: tuple[QualityIssue, ...] = field(default=())
    # Warnings and notes on the data (see ctscore.findings): blanks, unmatched values...
    findings: tuple[Diagnostic, ...] = field(default=())


def load_data(spec: ProjectSpec, source_ids: list[str] | None = None) -> LoadedData:
    """Load the given sources (default: all), collecting the problems of every one."""
    tables: dict[str, Table] = {}
    quality: list[QualityIssue] = []
    errors: list[Diagnostic] = []
    for source_id in source_ids or list(spec.sources):
        try:
            table, issues = load_source(spec, spec.sources[source_id])
        except UserError as error:
            errors += error.diagnostics
            continue
        tables[source_id] = table
        quality += issues
    if errors:
        raise UserError(errors)
    from ctscore.findings import note
    from ctscore.findings.data import data_findings  # it reads the tables built here

    loaded = LoadedData(tables, tuple(quality))
    found = tuple(data_findings(spec, loaded))
    note(found)
    return LoadedData(tables, tuple(quality), found)


def load_source(spec: ProjectSpec, source: Source) -> tuple[Table, list[QualityIssue]]:
    """One source as a typed table, with the rules its rows break. With ``on_error: fail``
    a broken rule raises UserError; with ``drop`` the rows breaking one are left out."""
    path = spec.path(source.file)
    shown = display_path(path)
    columns = columns_to_read(spec, source)
    read = {name: column for name, column in columns.items() if not column.derived}
    in_file = {name: column.from_ or name for name, column in read.items()}
    try:
        shape = layout(path, source)
        _check_header(shown, source, shape, read, in_file)
        present = [name for name in read if in_file[name] in shape.names]
        types = typed_reads(source, {name: read[name] for name in present}, in_file)
        raw = read_raw(path, source, shape, [in_file[name] for name in present], types)
    except ReadError as error:
        raise UserError([Diagnostic(shown, error.line, None, "", error.message)]) from None
    if raw.frame.empty and not _may_be_empty(source):
        raise UserError([Diagnostic(shown, shape.header_line, None, "", _no_rows(source, shape))])
    adapted, blanked = adapt_raw(source, raw.frame, in_file)
    texts = {name: _texts(adapted[in_file[name]]) for name in present if read[name].recode}
    rows_read = len(adapted)
    frame, failures = _typed(read, in_file, adapted)  # it frees adapted's columns
    zeros = _blanks_as_zero(read, frame, failures)
    failures += derive(spec, source, columns, frame, failures)
    failures += add_dates(date_spec(source), frame)
    failures = with_format_hints(source, reported_at_origin(read, failures))
    failures += _outside_coverage(source, frame)
    failures = as_written(path, source, shape, in_file, types, failures)
    action = "dropped" if source.on_error == "drop" else "failed"
    issues = [quality_issue(source.id, shown, f, frame[LINE], action, shape.unit) for f in failures]
    if issues and source.on_error == "fail":
        raise UserError(diagnostics(issues))
    if failures:
        frame = _whole_numbers(frame.loc[~_any(failures, frame.index)].reset_index(drop=True))
    table = Table(source, frame, path, raw.sha256, rows_read, blanked, zeros, texts)
    return table, issues


def _blanks_as_zero(
    read: dict[str, ColumnSpec], frame: pd.DataFrame, failures: list[Failure]
) -> dict[str, int]:
    """Fill the empty cells of ``missing: zero`` columns with 0 (rows breaking a rule in
    that column keep theirs), and count them per column."""
    counts = {}
    for name, column in read.items():
        if column.missing != "zero" or not frame[name].isna().any():
            continue
        blank = frame[name].isna() & ~_any([f for f in failures if f.column == name], frame.index)
        if blank.any():
            frame[name] = frame[name].mask(blank, 0)
            counts[name] = int(blank.sum())
    return counts


def _texts(raw: pd.Series) -> dict[str, int]:
    """The distinct non-empty texts of a raw column, without the spaces around them, and
    the rows holding each."""
    counts = raw.astype("category").value_counts()
    text = pd.Series(counts.index.astype(str), dtype="string").str.strip()
    found = pd.Series(counts.to_numpy(), index=text).groupby(level=0).sum()
    return {str(t): int(n) for t, n in found.items() if t != "" and n > 0}


def _any(failures: list[Failure], index: pd.Index) -> pd.Series:
    """The rows that break at least one rule."""
    bad = pd.Series(False, index=index)
    for failure in failures:
        bad |= failure.mask
    return bad


def _whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Integer columns whose missing values were all in dropped rows become int64 again."""
    for name in frame.columns[frame.dtypes == "Int64"]:
        if not frame[name].isna().any():
            frame[name] = narrow(frame[name].astype("int64"))
    return frame


def _may_be_empty(source: Source) -> bool:
    """A dated source that declares its coverage may have no rows: nothing happened then."""
    declared = source.coverage_start and source.coverage_end
    return bool(declared) and date_spec(source) is not None


def _no_rows(source: Source, shape: Layout) -> str:
    """Why a source without rows is a problem, and what to do if it is right."""
    where = "the file holds none"
    if shape.kind != "parquet":
        where = f"the file has a header {shape.unit} and nothing below it"
    message = f"source '{source.id}' has no rows: {where}"
    if date_spec(source) is not None:
        message += (
            "; if nothing happened in the period it covers, declare its 'coverage_start' "
            "and 'coverage_end'"
        )
    return message


def _check_header(
    shown: str, source: Source, shape: Layout, read: dict[str, ColumnSpec], in_file: dict[str, str]
) -> None:
    """Every required column must be in the file; a header that looks split by another
    delimiter gets one message saying which."""
    absent = [name for name in in_file.values() if name not in shape.names]
    hint = delimiter_hint(shape, source, list(in_file.values())) if absent else None
    if hint:
        raise UserError([Diagnostic(shown, shape.header_line, None, "", hint)])
    missing = [n for n, name in in_file.items() if name not in shape.names and read[n].required]
    if missing:
        raise UserError(
            [
                Diagnostic(
                    shown,
                    shape.header_line,
                    None,
                    in_file[name],
                    f"column '{in_file[name]}' not found in the file"
                    f"{did_you_mean(in_file[name], shape.names)}; the file has: "
                    + ", ".join(shape.names),
                )
                for name in missing
            ]
        )


def _typed(
    read: dict[str, ColumnSpec], in_file: dict[str, str], raw: pd.DataFrame
) -> tuple[pd.DataFrame, list[Failure]]:
    """The typed columns; each raw column is dropped from ``raw`` once typed (a failure
    keeps the cells it shows), so a file is not held twice over."""
    typed: dict[str, pd.Series] = {LINE: raw[LINE]}
    failures: list[Failure] = []
    readers = Counter(in_file[name] for name in read)
    for name, column in read.items():
        if in_file[name] in raw:
            typed[name], found = convert(name, column, raw[in_file[name]])
            failures += found
            readers[in_file[name]] -= 1
            if not readers[in_file[name]]:
                del raw[in_file[name]]
        else:  # an optional column missing from the file: every value is missing
            typed[name], _ = convert(name, column, pd.Series(pd.NA, raw.index, dtype="string"))
    return pd.DataFrame(typed, index=raw.index, copy=False), failures


def _outside_coverage(source: Source, frame: pd.DataFrame) -> list[Failure]:
    """The rows dated before ``coverage_start`` or after ``coverage_end``: a report counts
    none of them, so they are recorded (and dropped) here, like rows breaking a rule."""
    start, end = source.coverage_start, source.coverage_end
    if DATE not in frame or (start is None and end is None):
        return []
    day = frame[DATE].dt.normalize()
    outside = pd.Series(False, index=frame.index)
    outside |= (day < pd.Timestamp(start)) if start else False
    outside |= (day > pd.Timestamp(end)) if end else False
    if not outside.any():
        return []
    if start and end:
        problem = f"dated outside the declared coverage {start} to {end}"
    else:
        problem = f"dated before the declared coverage start {start}" if start else ""
        problem = problem or f"dated after the declared coverage end {end}"
    given = [name for name, day in (("coverage_start", start), ("coverage_end", end)) if day]
    hint = "fix the dates, or widen the source's " + " and ".join(given)
    date = date_spec(source)
    assert date is not None  # only dated rows fall outside the coverage
    column = date.column or (date.parts.year if date.parts else DATE)
    return [Failure("coverage", column, outside, frame[DATE], problem, hint)]
