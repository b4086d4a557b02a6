"""Load every source of a project into typed tables, and record what was wrong with the data."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ctscore.data.columns import Failure, convert, evaluate_expression
from ctscore.data.dates import DATE, PRECISION, add_dates
from ctscore.data.quality import QualityIssue, diagnostics, quality_issue
from ctscore.data.readers import LINE, Layout, ReadError, layout, read_raw
from ctscore.data.ucdp import used_columns
from ctscore.errors import Diagnostic, UserError, did_you_mean
from ctscore.expressions import parse_expression
from ctscore.spec.diagnostics import shown_path
from ctscore.spec.loader import display_path
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.sources import ColumnSpec, Source, columns_of, date_spec

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
    return LoadedData(tables, tuple(quality))


def load_source(spec: ProjectSpec, source: Source) -> tuple[Table, list[QualityIssue]]:
    """One source as a typed table, with the rules its rows break. With ``on_error: fail``
    a broken rule raises UserError; with ``drop`` the rows breaking one are left out."""
    path = spec.path(source.file)
    shown = display_path(path)
    columns = used_columns(spec, source) if source.kind == "ucdp_ged" else columns_of(source)
    read = {name: column for name, column in columns.items() if not column.derived}
    in_file = {name: column.from_ or name for name, column in read.items()}
    try:
        shape = layout(path, source)
        _check_header(shown, shape, read, in_file)
        present = [name for name in read if in_file[name] in shape.names]
        raw = read_raw(path, source, shape, [in_file[name] for name in present])
    except ReadError as error:
        raise UserError([Diagnostic(shown, error.line, None, "", error.message)]) from None
    frame, failures = _typed(read, in_file, raw)
    failures += _derive(spec, source, columns, frame)
    failures += add_dates(date_spec(source), frame)
    action = "dropped" if source.on_error == "drop" else "failed"
    issues = [quality_issue(source.id, shown, f, frame[LINE], action, shape.unit) for f in failures]
    if issues and source.on_error == "fail":
        raise UserError(diagnostics(issues))
    if failures:
        bad = pd.concat([f.mask for f in failures], axis=1).any(axis=1)
        frame = _whole_numbers(frame.loc[~bad].reset_index(drop=True))
    return Table(source, frame, path, _sha256(path), len(raw)), issues


def _whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Integer columns whose missing values were all in dropped rows become int64 again."""
    for name in frame.columns[frame.dtypes == "Int64"]:
        if not frame[name].isna().any():
            frame[name] = frame[name].astype("int64")
    return frame


def _check_header(
    shown: str, shape: Layout, read: dict[str, ColumnSpec], in_file: dict[str, str]
) -> None:
    """Every required column must be in the file."""
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
    typed: dict[str, pd.Series] = {LINE: raw[LINE]}
    failures: list[Failure] = []
    for name, column in read.items():
        if in_file[name] in raw:
            typed[name], found = convert(name, column, raw[in_file[name]])
            failures += found
        else:  # an optional column missing from the file: every value is missing
            typed[name], _ = convert(name, column, pd.Series(pd.NA, raw.index, dtype="string"))
    return pd.DataFrame(typed, index=raw.index), failures


def _derive(
    spec: ProjectSpec, source: Source, columns: dict[str, ColumnSpec], frame: pd.DataFrame
) -> list[Failure]:
    """Add the expression and codebook columns, each once the columns it needs are there."""
    pending = {name: column for name, column in columns.items() if column.derived}
    failures: list[Failure] = []
    while pending:
        ready = [name for name, column in pending.items() if _inputs(column) <= set(frame)]
        if not ready:
            raise UserError([_at(spec, source, ("columns", next(iter(pending))), _circle(pending))])
        for name in ready:
            column = pending.pop(name)
            if column.expression:
                _check_numeric(spec, source, name, column, columns)
                expression = parse_expression(column.expression)
                frame[name] = evaluate_expression(expression, frame, column)
            else:
                failures += _classify(spec, name, column, frame)
    return failures


def _inputs(column: ColumnSpec) -> set[str]:
    if column.classify:
        return {column.classify.column}
    return set(parse_expression(column.expression).names)


def _circle(pending: dict[str, ColumnSpec]) -> str:
    names = ", ".join(f"'{name}'" for name in pending)
    return f"the derived columns {names} are computed from each other in a circle"


def _check_numeric(spec, source, name: str, column: ColumnSpec, columns) -> None:
    wrong = [
        used
        for used in sorted(parse_expression(column.expression).names)
        if columns[used].type not in ("integer", "number", "boolean")
    ]
    if wrong:
        types = ", ".join(f"'{used}' is {columns[used].type}" for used in wrong)
        message = f"an expression needs number columns, but {types}"
        raise UserError([_at(spec, source, ("columns", name, "expression"), message)])


def _classify(spec: ProjectSpec, name: str, column: ColumnSpec, frame: pd.DataFrame):
    codebook = spec.codebooks[column.classify.codebook]
    values = frame[column.classify.column].astype("string")
    frame[name] = values.map(codebook.lookup()).astype("category")
    unmatched = values.notna() & frame[name].isna()
    if not unmatched.any():
        return []
    return [
        Failure(
            "codebook",
            column.classify.column,
            unmatched,
            values,
            f"in no category of codebook '{codebook.id}' (version {codebook.version})",
            "add the value to the codebook",
            list_values=True,
        )
    ]


def _at(spec: ProjectSpec, source: Source, path: tuple, message: str) -> Diagnostic:
    """A problem with the source's declaration, located in its YAML file when known."""
    origin = spec.origins.get(("sources", source.id))
    if origin is None:
        return Diagnostic(source.id, message=message)
    full = (*origin.path, *path)
    return origin.doc.diagnostic(full, message, shown_path(origin.doc.data, full))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
