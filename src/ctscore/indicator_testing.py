"""Run the indicator tests declared in YAML (`tests:`): compute each test's indicators from
its fixture rows alone and compare with the expected values."""

from __future__ import annotations

import dataclasses
import math
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ctscore.compute.engine import compute
from ctscore.compute.periods import Calendar
from ctscore.compute.result import TOTAL
from ctscore.compute.scope import with_dependencies
from ctscore.data import load_data
from ctscore.data.adapted import columns_to_read
from ctscore.errors import Diagnostic, UserError, did_you_mean
from ctscore.findings import collecting
from ctscore.spec.indicator_tests import Expected, GivenRows, IndicatorTest
from ctscore.spec.indicators import RowIndicator
from ctscore.spec.measures import RateMeasure
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.sources import CsvOptions, Source


@dataclass(frozen=True)
class Check:
    """One expected value against the computed one."""

    expected: Expected
    actual: float | None  # None: no value (or no such period / breakdown value)
    passed: bool
    found: bool  # False: the results have no row for this period and breakdown value

    @property
    def difference(self) -> str:
        if not self.found:
            return "no such period or breakdown value in the results"
        if self.actual is None or self.expected.value is None:
            return f"expected {_number(self.expected.value)}, got {_number(self.actual)}"
        delta = self.actual - self.expected.value
        return (
            f"expected {_number(self.expected.value)}, got {_number(self.actual)} "
            f"(difference {delta:+.6g})"
        )


@dataclass(frozen=True)
class TestOutcome:
    test: IndicatorTest
    checks: tuple[Check, ...] = ()
    errors: tuple[str, ...] = ()  # the fixture could not be loaded or computed

    @property
    def passed(self) -> bool:
        return not self.errors and all(check.passed for check in self.checks)


def run_tests(spec: ProjectSpec, select: tuple[str, ...] = ()) -> list[TestOutcome]:
    """Every test of the project (or those selected by id, or by an indicator they check)."""
    chosen = [t for t in spec.tests.values() if _selected(t, select)]
    unknown = [s for s in select if not any(_selected(t, (s,)) for t in spec.tests.values())]
    if unknown:
        names = list(spec.tests) + list(spec.indicators)
        raise UserError(
            Diagnostic(
                "ctscore test --select",
                message=f"no test is named '{s}' or checks an indicator of that name"
                f"{did_you_mean(s, names)}",
            )
            for s in unknown
        )
    return [run_test(spec, test) for test in chosen]


def run_test(spec: ProjectSpec, test: IndicatorTest) -> TestOutcome:
    missing = sorted(_sources_needed(spec, test) - set(test.given))
    if missing:
        return TestOutcome(
            test, errors=tuple(f"give rows for source '{s}' under 'given'" for s in missing)
        )
    with tempfile.TemporaryDirectory(prefix="ctscore-test-") as folder:
        sources = {
            source_id: _fixture_source(spec, spec.sources[source_id], given, Path(folder))
            for source_id, given in test.given.items()
        }
        fixture = dataclasses.replace(spec, sources={**spec.sources, **sources})
        try:
            # Findings on a test's few given rows (blanks, values no row holds) describe the
            # fixture, not the project's data: kept out of the command's warnings.
            with collecting():
                data = load_data(fixture, list(test.given))
                calendar = Calendar.for_project(spec.config, test.period_type)
                by = [test.by] if test.by else []
                results = compute(fixture, data, calendar, test.indicators, by)
        except UserError as error:
            return TestOutcome(
                test, errors=tuple(_fixture_error(d, folder) for d in error.diagnostics)
            )
    return TestOutcome(test, tuple(_check(results, test, e) for e in test.expect))


def _selected(test: IndicatorTest, select: tuple[str, ...]) -> bool:
    return not select or test.id in select or any(i in select for i in test.indicators)


def _sources_needed(spec: ProjectSpec, test: IndicatorTest) -> set[str]:
    needed = set()
    for indicator_id in with_dependencies(spec, test.indicators):
        indicator = spec.indicators[indicator_id]
        if isinstance(indicator, RowIndicator):
            needed.add(indicator.source)
        elif isinstance(indicator.measure, RateMeasure):
            needed.add(indicator.measure.population)
    return needed


def _fixture_source(spec: ProjectSpec, source: Source, given: GivenRows, folder: Path) -> Source:
    """The source reading the test's rows: a file of the project, or the inline rows written
    to a CSV file. The rows alone set the data's range (declared coverage is left out)."""
    if given.file is not None:
        path, columns = spec.path(given.file), source.columns
    else:
        path = folder / f"{source.id}.csv"
        _rows_frame(spec, source, given.rows or []).to_csv(path, index=False)
        columns = _optional_unless_given(source, given.rows or [])
    # An absolute path: spec.path() of it is itself, so the project root need not change.
    return source.model_copy(
        update={
            "file": str(path),
            "format": "csv",
            "csv": CsvOptions(),
            "columns": columns,
            "coverage_start": None,
            "coverage_end": None,
        }
    )


def _optional_unless_given(source: Source, rows: list[dict]) -> dict:
    """A test gives the columns its indicators read; the others may stay empty."""
    given = {key for row in rows for key in row}
    return {
        name: column
        if name in given or (column.from_ or name) in given
        else column.model_copy(update={"required": False})
        for name, column in source.columns.items()
    }


def _rows_frame(spec: ProjectSpec, source: Source, rows: list[dict]) -> pd.DataFrame:
    """Rows keyed by declared column names (or their names in the file), every declared
    column present."""
    columns = columns_to_read(spec, source)
    in_file = {name: c.from_ or name for name, c in columns.items() if not c.derived}
    renamed = [{in_file.get(key, key): value for key, value in row.items()} for row in rows]
    frame = pd.DataFrame(renamed)
    for name in in_file.values():
        if name not in frame:
            frame[name] = None
    return frame


def _fixture_error(diagnostic: Diagnostic, folder: str) -> str:
    return str(diagnostic).replace(str(Path(folder).resolve()), "given").replace(folder, "given")


def _check(results: pd.DataFrame, test: IndicatorTest, expected: Expected) -> Check:
    dimension = TOTAL if expected.breakdown is None else test.by
    rows = results[
        (results["indicator"] == expected.indicator)
        & (results["period"] == expected.period)
        & (results["dimension"] == dimension)
    ]
    if expected.breakdown is not None:
        rows = rows[rows["dimension_value"] == expected.breakdown]
    if rows.empty:
        return Check(expected, None, False, False)
    value = rows["value"].iloc[0]
    actual = None if pd.isna(value) else float(value)
    if actual is None or expected.value is None:
        return Check(expected, actual, actual is None and expected.value is None, True)
    passed = math.isclose(actual, expected.value, rel_tol=0, abs_tol=test.tolerance)
    return Check(expected, actual, passed, True)


def _number(value: float | None) -> str:
    if value is None:
        return "no value"
    return f"{value:g}" if value != int(value) else f"{int(value)}"
