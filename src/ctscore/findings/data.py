"""Findings about the loaded data: dropped rows, blank cells, values that match nothing.

Each finding is located at the declaration it is about (the source's ``on_error``, the
indicator's ``measure.column`` or filter test, the recode key) and carries a rule code (see
``ctscore.findings``). A value "matches nothing" when it occurs in no row of its column:

* a filter value (``eq``, ``ne``, ``in``, ``not_in`` or a plain value or list) on a text or
  category column: a warning, with "did you mean" from the values that do occur;
* a recode key that no cell holds: a warning when it looks like a value that does occur and
  is not itself recoded or a recode's result (a typo of the key, as when the key
  'Khyber Pakhtunkhwa province' misses the data's 'Khyber Pakhtunkwa province'), else a
  note (an alias kept for other editions of the data);
* an ``allowed`` value that no row holds: a note (values outside ``allowed`` are already
  errors, with "may be a typo of" when they are close to an allowed one).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

import numpy as np
import pandas as pd

from ctscore.compute.filters import FilterError, filter_mask
from ctscore.compute.rows import MISSING, observed_values
from ctscore.data.load import LoadedData, Table
from ctscore.data.notices import notice_findings
from ctscore.errors import Diagnostic, did_you_mean
from ctscore.findings import finding
from ctscore.findings.dates import precision_findings
from ctscore.spec.filters import Condition
from ctscore.spec.indicators import RowIndicator
from ctscore.spec.measures import ColumnMeasure, RatioMeasure
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.value_checks import column_tests

_VALUE_TESTS = ("eq", "ne", "in_", "not_in")
_SUMMARISED = ("sum", "mean", "max", "min", "distinct_count")


def data_findings(spec: ProjectSpec, data: LoadedData) -> list[Diagnostic]:
    """Every finding on the loaded data, source by source, then indicator by indicator."""
    found: list[Diagnostic] = []
    for table in data.tables.values():
        found += notice_findings(spec, table)
        found += _dropped(spec, table)
        found += _zero_filled(spec, table)
        found += _recode_keys(spec, table)
        found += _unused_allowed(spec, table)
        found += _blank_breakdowns(spec, table)
        found += precision_findings(spec, table)
        found += _unmatched_where_values(spec, table)
    for row in spec.row_indicators:
        rows = data.tables.get(row.source)
        if rows is not None:
            found += _blank_measured(spec, row, rows)
            found += _blank_filtered(spec, row, rows)
            found += _unmatched_filter_values(spec, row, rows)
    for indicator in spec.indicators.values():
        if isinstance(indicator.measure, RatioMeasure) and indicator.measure.kind == "share":
            found += _blank_categories(spec, data, indicator.id, indicator.measure)
    return found


def _dropped(spec: ProjectSpec, table: Table) -> list[Diagnostic]:
    dropped = table.rows_read - len(table.frame)
    if dropped <= 0:
        return []
    source = table.source.id
    message = (
        f"{_rows(dropped)} dropped from {source} (on_error: drop); they are counted nowhere: "
        f"{len(table.frame):,} of {table.rows_read:,} rows kept; each broken rule is listed in "
        "the data-quality appendix and by 'ctscore validate --data'"
    )
    return [finding(spec.diagnostic("sources", source, ("on_error",), message), "rows_dropped")]


def _zero_filled(spec: ProjectSpec, table: Table) -> list[Diagnostic]:
    source = table.source.id
    return [
        finding(
            spec.diagnostic(
                "sources",
                source,
                ("columns", column, "missing"),
                f"{count:,} blank cells of '{column}' in {source} are counted as 0 (missing: zero)",
            ),
            "blanks_as_zero",
            "note",
        )
        for column, count in table.blanks_as_zero.items()
    ]


def _recode_keys(spec: ProjectSpec, table: Table) -> list[Diagnostic]:
    from ctscore.spec.sources import columns_of

    found = []
    columns = columns_of(table.source)
    for column, counts in table.raw_values.items():
        recode, texts = columns[column].recode, set(counts)
        plain = texts - set(recode) - set(recode.values())  # values no recode touches
        for key in recode:
            if key in texts:
                continue
            hint = did_you_mean(key, sorted(plain))
            severity = "warning" if hint else "note"
            message = f"recode key '{key}' occurs nowhere in column '{column}'{hint}" + (
                "; no cell is recoded by it" if hint else "; kept as an alias, it recodes no cell"
            )
            where = ("columns", column, "recode", key)
            diagnostic = spec.diagnostic("sources", table.source.id, where, message)
            found.append(finding(diagnostic, "unmatched_recode_key", severity))
    return found


def _unused_allowed(spec: ProjectSpec, table: Table) -> list[Diagnostic]:
    from ctscore.spec.sources import columns_of

    found = []
    for column, declared in columns_of(table.source).items():
        if declared.allowed is None or column not in table.frame or table.frame.empty:
            continue
        seen, _ = observed_values(table.frame[column])
        unused = [str(a) for a in declared.allowed if str(a) not in seen]
        if unused:
            message = (
                f"allowed value{'s' if len(unused) > 1 else ''} "
                + ", ".join(f"'{u}'" for u in unused)
                + f" occur{'s' if len(unused) == 1 else ''} in no row of '{column}'"
            )
            where = ("columns", column, "allowed")
            diagnostic = spec.diagnostic("sources", table.source.id, where, message)
            found.append(finding(diagnostic, "unused_allowed_value", "note"))
    return found


def _blank_breakdowns(spec: ProjectSpec, table: Table) -> list[Diagnostic]:
    """Dimensions some indicator breaks this source down by, with blank cells."""
    dimensions = {
        d for i in spec.row_indicators if i.source == table.source.id for d in i.dimensions
    }
    found = []
    for column in sorted(d for d in dimensions if d in table.frame):
        blank = int(table.frame[column].isna().sum())
        if blank:
            message = (
                f"{blank:,} rows of {table.source.id} have a blank '{column}': breakdowns "
                f"by {column} show them as '{MISSING}'"
            )
            where = ("columns", column)
            diagnostic = spec.diagnostic("sources", table.source.id, where, message)
            found.append(finding(diagnostic, "blank_breakdown", "note"))
    return found


def _rows(count: int) -> str:
    return f"{count:,} row{'s' if count != 1 else ''}"


def _mask(indicator: RowIndicator, table: Table) -> np.ndarray | None:
    """The rows an indicator counts (its filter within the source's ``where``)."""
    try:
        mask = filter_mask(table.frame, indicator.filter)
        return mask & filter_mask(table.frame, table.source.where)
    except FilterError:  # compute reports it, located
        return None


def _blank_measured(spec: ProjectSpec, indicator: RowIndicator, table: Table) -> list[Diagnostic]:
    """Rows an indicator counts whose measured column is blank (missing: exclude)."""
    measure = indicator.measure
    if not isinstance(measure, ColumnMeasure) or measure.kind not in _SUMMARISED:
        return []
    column = measure.column
    if column not in table.frame:
        return []
    mask = _mask(indicator, table)
    if mask is None:
        return []
    blank = int((mask & table.frame[column].isna().to_numpy()).sum())
    if not blank:
        return []
    rows = int(mask.sum())
    message = (
        f"{blank:,} of {rows:,} rows of {table.source.id} that '{indicator.id}' counts have a "
        f"blank '{column}'; they are left out of the {measure.kind.replace('_', ' ')} "
        f"(missing: exclude), which rests on {rows - blank:,} rows with a known value (the "
        "results' 'known'); declare 'missing: zero' on the column if a blank means 0"
    )
    diagnostic = spec.diagnostic("indicators", indicator.id, ("measure", "column"), message)
    return [finding(diagnostic, "blank_values")]


def _blank_filtered(spec: ProjectSpec, indicator: RowIndicator, table: Table) -> list[Diagnostic]:
    """Blank cells in a column the filter tests: such rows pass no test but 'is_null'."""
    found = []
    for path, column, test in _tests(indicator):
        if column not in table.frame or (isinstance(test, Condition) and test.is_null is not None):
            continue
        blank = int(table.frame[column].isna().sum())
        if blank:
            message = (
                f"{_rows(blank)} of {table.source.id} {'has' if blank == 1 else 'have'} a blank "
                f"'{column}', which this "
                f"test cannot match: '{indicator.id}' does not count them"
            )
            diagnostic = spec.diagnostic("indicators", indicator.id, ("filter", *path), message)
            found.append(finding(diagnostic, "blank_values"))
    return found


def _unmatched_filter_values(
    spec: ProjectSpec, indicator: RowIndicator, table: Table
) -> list[Diagnostic]:
    return _unmatched(spec, ("indicators", indicator.id, "filter"), indicator.filter, table)


def _unmatched_where_values(spec: ProjectSpec, table: Table) -> list[Diagnostic]:
    return _unmatched(spec, ("sources", table.source.id, "where"), table.source.where, table)


def _unmatched(spec: ProjectSpec, where: tuple, tests, table: Table) -> list[Diagnostic]:
    """A warning for each value a filter compares a text column with that no row holds."""
    kind, item, key = where
    found = []
    for path, column, test in column_tests(tests) if tests is not None else ():
        values = table.frame.get(column)
        if values is None or not _textual(values) or table.frame.empty:
            continue
        seen, _ = observed_values(values)
        for value in _values_of(test):
            if str(value) not in seen:
                message = (
                    f"value '{value}' occurs in no row of column '{column}' of "
                    f"{table.source.id}{_suggest(str(value), seen)}"
                )
                diagnostic = spec.diagnostic(kind, item, (key, *path), message)
                found.append(finding(diagnostic, "unmatched_filter_value"))
    return found


def _suggest(value: str, seen: set[str]) -> str:
    """``(did you mean 'x'?)``, looser than for names: data values are long phrases."""
    close = difflib.get_close_matches(value, sorted(seen), n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    lower = {s.lower(): s for s in seen}
    if value.lower() in lower:
        return f" (did you mean '{lower[value.lower()]}'?)"
    return "; 'ctscore describe' lists the values that occur"


def _blank_categories(spec: ProjectSpec, data: LoadedData, share_id: str, share: RatioMeasure):
    """A share's denominator rows whose numerator category is blank: counted below the
    line, never above it."""
    numerator = spec.row_indicator(str(share.numerator))
    denominator = spec.row_indicator(str(share.denominator))
    if numerator is None or denominator is None:
        return []
    if numerator.source != denominator.source or numerator.source not in data.tables:
        return []
    table = data.tables[numerator.source]
    below = _mask(denominator, table)
    if below is None or numerator.filter is None:
        return []
    own = denominator.filter.columns() if denominator.filter is not None else set()
    found = []
    for column in sorted(numerator.filter.columns() - own):
        if column not in table.frame:
            continue
        blank = int((below & table.frame[column].isna().to_numpy()).sum())
        if blank:
            message = (
                f"{blank:,} of the {int(below.sum()):,} rows of the denominator "
                f"'{denominator.id}' have a blank '{column}': they count in the denominator "
                f"but never in the numerator '{numerator.id}'"
            )
            diagnostic = spec.diagnostic("indicators", share_id, ("measure",), message)
            found.append(finding(diagnostic, "blank_category"))
    return found


def _tests(indicator: RowIndicator) -> Iterator[tuple[tuple, str, object]]:
    return column_tests(indicator.filter) if indicator.filter is not None else iter(())


def _values_of(test) -> list:
    """The values a test compares for equality (not ranges: those need not occur)."""
    if isinstance(test, Condition):
        values = []
        for name in _VALUE_TESTS:
            given = getattr(test, name)
            if given is not None:
                values += given if isinstance(given, list) else [given]
        return values
    return test if isinstance(test, list) else [test]


def _textual(values: pd.Series) -> bool:
    return isinstance(values.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(values)
