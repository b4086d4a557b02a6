"""Load every source of a project into typed tables, and record what was wrong with the data."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ctscore.data.columns import Failure, convert, evaluate_expression
from ctscore.data.readers import LINE, header, read_raw
from ctscore.errors import Diagnostic, UserError, did_you_mean
from ctscore.expressions import parse_expression
from ctscore.spec.loader import display_path
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.sources import Source, columns_of

DATE = "_date"
PRECISION = "_date_precision"
EXAMPLES = 5  # rows shown per failed rule


@dataclass(frozen=True)
class QualityIssue:
    """One data rule broken by some rows of a source, for the report's data-quality appendix."""

    source: str
    file: str
    column: str
    problem: str
    rows: int
    examples: tuple[tuple[int, str], ...]  # (line in the file, offending value)
    action: str  # "dropped" or "failed"

    def __str__(self) -> str:
        shown = ", ".join(f"line {line} '{value}'" for line, value in self.examples)
        more = (
            f" and {self.rows - len(self.examples)} more" if self.rows > len(self.examples) else ""
        )
        return f"{self.column}: {self.rows} row(s) {self.problem}: {shown}{more}"


@dataclass(frozen=True)
class Table:
    """A source's rows with typed columns, ``_line`` and, when it has dates, ``_date``."""

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
    path = spec.path(source.file)
    shown = display_path(path)
    declared = columns_of(source)
    read = {name: column for name, column in declared.items() if not column.derived}
    in_file = {name: column.from_ or name for name, column in read.items()}
    present = _check_header(path, shown, source, in_file)
    raw = read_raw(path, source, [in_file[name] for name in present])
    frame = pd.DataFrame({LINE: raw[LINE]})
    failures: list[Failure] = []
    for name in read:
        if name in present:
            frame[name], found = convert(name, read[name], raw[in_file[name]])
            failures += found
        else:  # an optional column missing from the file
            frame[name] = pd.Series(pd.NA, index=frame.index, dtype="object")
    failures += _derive(spec, source, frame)
    _add_dates(source, frame)
    issues = [_issue(source, shown, failure, frame) for failure in failures]
    if issues and source.on_error == "fail":
        raise UserError(_diagnostics(shown, issues))
    if failures:
        bad = pd.concat([f.mask for f in failures], axis=1).any(axis=1)
        frame = frame.loc[~bad].reset_index(drop=True)
    return Table(source, frame, path, _sha256(path), len(raw)), issues


def _check_header(path: Path, shown: str, source: Source, in_file: dict[str, str]) -> list[str]:
    """Names of the declared columns present in the file; missing required ones are errors."""
    try:
        available = header(path, source)
    except FileNotFoundError:
        raise UserError([Diagnostic(shown, message="file not found")]) from None
    except (UnicodeDecodeError, ValueError) as error:
        raise UserError([Diagnostic(shown, message=f"cannot read the file: {error}")]) from None
    columns = columns_of(source)
    missing = [n for n, f in in_file.items() if f not in available and columns[n].required]
    if missing:
        raise UserError(
            [
                Diagnostic(
                    shown,
                    1,
                    None,
                    in_file[name],
                    f"column '{in_file[name]}' not found in the "
                    f"file{did_you_mean(in_file[name], available)}; the file has: "
                    + ", ".join(available),
                )
                for name in missing
            ]
        )
    return [name for name, file_name in in_file.items() if file_name in available]


def _derive(spec: ProjectSpec, source: Source, frame: pd.DataFrame) -> list[Failure]:
    failures: list[Failure] = []
    for name, column in columns_of(source).items():
        if column.expression:
            frame[name] = evaluate_expression(parse_expression(column.expression), frame, column)
        elif column.classify:
            codebook = spec.codebooks[column.classify.codebook]
            values = frame[column.classify.column]
            frame[name] = values.map(codebook.lookup()).astype("category")
            unmatched = values.notna() & frame[name].isna()
            failures.append(
                Failure(
                    "codebook",
                    column.classify.column,
                    unmatched,
                    f"is in no category of codebook '{codebook.id}' (version {codebook.version})",
                    "add the value to the codebook",
                )
            )
    return [f for f in failures if f.mask.any()]


def _add_dates(source: Source, frame: pd.DataFrame) -> None:
    spec = source.date
    if spec is None:
        return
    if spec.column:
        frame[DATE] = frame[spec.column]
        precision = "day"
    else:
        parts = spec.parts
        frame[DATE] = pd.to_datetime(
            pd.DataFrame(
                {
                    "year": frame[parts.year],
                    "month": frame[parts.month] if parts.month else 1,
                    "day": frame[parts.day] if parts.day else 1,
                }
            ),
            errors="coerce",
        )
        precision = "day" if parts.day else "month" if parts.month else "year"
    if spec.precision_column:
        frame[PRECISION] = frame[spec.precision_column].astype("string")
    else:
        frame[PRECISION] = precision


def _issue(source: Source, shown: str, failure: Failure, frame: pd.DataFrame) -> QualityIssue:
    rows = frame.loc[failure.mask]
    column = failure.column if failure.column in frame else None
    examples = tuple(
        (int(line), "" if column is None or pd.isna(value) else str(value))
        for line, value in zip(
            rows[LINE].head(EXAMPLES),
            rows[column].head(EXAMPLES) if column else [None] * min(len(rows), EXAMPLES),
            strict=True,
        )
    )
    problem = failure.problem + (f" ({failure.hint})" if failure.hint else "")
    action = "dropped" if source.on_error == "drop" else "failed"
    return QualityIssue(
        source.id, shown, failure.column, problem, int(failure.mask.sum()), examples, action
    )


def _diagnostics(shown: str, issues: list[QualityIssue]) -> list[Diagnostic]:
    hint = "; or set 'on_error: drop' on the source to leave such rows out"
    return [
        Diagnostic(
            shown,
            issue.examples[0][0] if issue.examples else None,
            None,
            issue.column,
            str(issue).split(": ", 1)[1] + hint,
        )
        for issue in issues
    ]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
