"""compute: every requested indicator, for every period of the grid and every breakdown value.

The grid runs over the project's whole date range (see ``scope``). For each breakdown (and
the total), indicators are evaluated in dependency order: row measures from their source's
rows (``rows``), the others from the results of those they refer to (``combine``).

A row measure has a value only for periods its source's coverage reaches: inside it, a
period without rows is 0 (count, sum, distinct count); a period the coverage does not
reach at all has no value. Periods not fully covered are flagged partial.

Before any row is read, ``checks`` refuses what cannot be computed (a row measure over a
source without dates, a year-to-date total whose years cut through periods), located at
the indicator's declaration. Only the indicators asked for and their inputs are checked:
an undated source elsewhere in the project does not stop them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ctscore.compute import checks, combine, scope, span
from ctscore.compute.combine import Measured
from ctscore.compute.filters import FilterError
from ctscore.compute.intervals import add_intervals
from ctscore.compute.periods import Calendar
from ctscore.compute.population import Population
from ctscore.compute.result import ALL, Part, result_table
from ctscore.compute.rows import SourceRows
from ctscore.data.load import LoadedData
from ctscore.errors import UserError
from ctscore.expressions import Expression, ExpressionError, parse_expression
from ctscore.findings import note
from ctscore.findings.dates import partial_findings, window_findings
from ctscore.spec.graph import dimensions_of
from ctscore.spec.indicators import RowIndicator
from ctscore.spec.measures import ColumnMeasure, DerivedMeasure, RateMeasure
from ctscore.spec.project_spec import ProjectSpec


def compute(
    spec: ProjectSpec,
    data: LoadedData,
    calendar: Calendar,
    indicator_ids: list[str] | None = None,
    by: list[str] | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
) -> pd.DataFrame:
    """The tidy result table (see ``ctscore.compute.result.COLUMNS``): for each requested
    indicator (default: all), its totals and then each breakdown in ``by`` it supports; the
    periods from ``start`` to ``end`` only, when given (see ``span``)."""
    # by default every declared indicator; inline parts of ratios only as their inputs
    requested = list(dict.fromkeys(indicator_ids or [i for i in spec.indicators if "." not in i]))
    wanted = scope.with_dependencies(spec, requested)
    by = list(dict.fromkeys(by or []))
    scope.check_breakdowns(spec, data, requested, by)
    if not requested:
        return result_table(calendar, pd.PeriodIndex([], freq=calendar.freq), [])
    checks.check_computable(spec, data, calendar, wanted)
    note(window_findings(spec, data, calendar, scope.row_sources(spec, wanted)))
    run = _Run(spec, data, calendar, wanted)
    computed: dict[str | None, tuple[list[str], dict[str, Measured]]] = {}
    for dimension in [*by, None]:  # breakdowns first: totals of counts and sums add them up
        ids = [i for i in wanted if scope.breakable(spec, data, i, dimension)]
        groups = [ALL] if dimension is None else run.groups(dimension)
        computed[dimension] = groups, run.evaluate(ids, dimension, groups)
    parts = []
    for ind_id in requested:
        for dimension in [None, *by]:
            groups, measured = computed[dimension]
            if ind_id in measured:
                parts.append(Part(spec.indicators[ind_id], dimension, groups, measured[ind_id]))
    table = add_intervals(spec, result_table(calendar, run.grid, parts), run.event_moments)
    results = span.within(spec, table, calendar, start, end)
    note(partial_findings(results, calendar))
    return results


class _Run:
    """One compute call: the grid, and what is shared by all breakdowns (each source's rows,
    breakdown values, parsed expressions, population tables) prepared once."""

    def __init__(self, spec: ProjectSpec, data: LoadedData, calendar: Calendar, ids: list[str]):
        self.spec, self.data, self.calendar = spec, data, calendar
        span = scope.project_range(spec, data)
        if span is None:
            raise checks.no_periods(spec, ids)
        self.grid = calendar.grid(*span)
        self._sources: dict[str, SourceRows] = {}
        self._flags: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._groups: dict[str, list[str]] = {}
        self._expressions: dict[str, Expression] = {}
        self._populations: dict[tuple[str, str, str], Population] = {}
        self._nonnegative: dict[str, bool] = {}

    def groups(self, dimension: str) -> list[str]:
        if dimension not in self._groups:
            self._groups[dimension] = scope.breakdown_values(self.spec, self.data, dimension)
        return self._groups[dimension]

    def evaluate(self, ids: list[str], dimension: str | None, groups: list[str]):
        results: dict[str, Measured] = {}
        for ind_id in ids:
            indicator = self.spec.indicators[ind_id]
            if isinstance(indicator, RowIndicator):
                results[ind_id] = self._row_measure(indicator, dimension, groups)
            else:
                inputs = _Inputs(self, ind_id, dimension, groups, results)
                results[ind_id] = combine.measured(indicator.measure, inputs)
        return results

    def _source(self, source_id: str) -> SourceRows:
        if source_id not in self._sources:
            table = self.data.tables[source_id]
            self._sources[source_id] = SourceRows(table, self.calendar, self.grid)
            self._flags[source_id] = self._coverage_flags(table)
        return self._sources[source_id]

    def _coverage_flags(self, table) -> tuple[np.ndarray, np.ndarray]:
        """Per period: (not fully covered, not covered at all) by the source's coverage."""
        span = scope.source_coverage(table)
        if span is None:
            everywhere = np.ones(len(self.grid), dtype=bool)
            return everywhere, everywhere
        partial = np.array([not self.calendar.is_complete(p, *span) for p in self.grid], bool)
        outside = np.array([not self.calendar.overlaps(p, *span) for p in self.grid], bool)
        for gap in scope.coverage_gaps(table):  # e.g. the GTD's lost 1993: no value, not 0
            partial |= [self.calendar.overlaps(p, *gap) for p in self.grid]
            outside |= [self.calendar.is_complete(p, *gap) for p in self.grid]
        return partial, outside

    def _row_measure(
        self, indicator: RowIndicator, dimension: str | None, groups: list[str]
    ) -> Measured:
        source = self._source(indicator.source)
        try:
            value, rows, known, events = source.measure(indicator, dimension, groups)
        except FilterError as error:
            where = ("filter", *error.path)
            raise self._error(indicator.id, where, error.message) from None
        partial, outside = self._flags[indicator.source]
        value[outside] = np.nan
        partial = np.repeat(partial[:, None], len(groups), axis=1)
        return Measured(value, rows, partial, known=known, events=events)

    def event_moments(self, ind_id: str, dimension: str | None, groups: list[str]):
        """For a sum indicator, per cell (period * groups + breakdown value): the number of
        rows behind it, their sum and their sum of squares (bincounts, cached and added up
        like the engine's sums), ``rows_of(cells)``: the values of the rows in those cells, one
        array per cell, and whether no value is negative. For the bootstrap intervals of
        ``intervals``."""
        indicator = self.spec.indicators[ind_id]
        assert isinstance(indicator, RowIndicator) and isinstance(indicator.measure, ColumnMeasure)
        source = self._source(indicator.source)
        keys = source.keys(dimension, groups)
        filter_key, mask = source._mask(indicator)
        column = indicator.measure.column
        values, present = source._floats(column)
        both = present if mask is None else mask if present is None else mask & present
        both_key = filter_key if present is None else (filter_key, column)

        def count(stat: str, weights):
            bins = source._count(
                (stat, filter_key, column), both_key, keys, dimension, both, weights
            )
            return bins[1:]

        if column not in self._nonnegative:  # per column, once per compute call
            self._nonnegative[column] = not bool((values < 0).any())
        nonnegative = self._nonnegative[column]
        squares = np.square(values, dtype="float64")  # not kept: 8 bytes a row
        moments = (count("present", None), count("sum", values), count("squares", squares))

        def rows_of(cells: np.ndarray) -> list[np.ndarray]:
            wanted = np.zeros(len(moments[0]) + 1, dtype=bool)
            wanted[cells + 1] = True
            chosen = wanted[keys.keys] if both is None else wanted[keys.keys] & both
            picked, where = values[chosen], keys.keys[chosen] - 1
            ordered = picked[np.argsort(where, kind="stable")]
            sizes = moments[0][cells].astype("int64")
            return np.split(ordered, np.cumsum(sizes)[:-1])

        return moments, rows_of, nonnegative

    def _error(self, ind_id: str, subpath: tuple, message: str) -> UserError:
        return UserError([self.spec.diagnostic("indicators", ind_id, subpath, message)])

    def expression(self, ind_id: str) -> Expression:
        """A derived indicator's expression, parsed once per compute call."""
        if ind_id not in self._expressions:
            measure = self.spec.indicators[ind_id].measure
            assert isinstance(measure, DerivedMeasure)
            try:
                parsed = parse_expression(measure.expression)
            except ExpressionError as error:  # the spec check reports it first
                where = ("measure", "expression")
                raise self._error(ind_id, where, error.message) from None
            self._expressions[ind_id] = parsed
        return self._expressions[ind_id]

    def _rate(self, ind_id: str) -> RateMeasure:
        measure = self.spec.indicators[ind_id].measure
        assert isinstance(measure, RateMeasure)
        return measure

    def years(self, fiscal: bool) -> tuple[np.ndarray, bool]:
        """Each period counts toward the (fiscal) year its first day falls in; periods that
        hold days of two years were refused by ``checks``."""
        years = self.calendar.years(self.grid.start_time, fiscal)
        day_before = pd.DatetimeIndex([self.grid[0].start_time - pd.Timedelta(days=1)])
        started_before_grid = self.calendar.years(day_before, fiscal)[0] == years[0]
        return years, bool(started_before_grid)

    def people(self, ind_id: str, dimension: str | None, groups: list[str]) -> np.ndarray:
        """A rate's population for each period and breakdown value (see ``population``)."""
        measure = self._rate(ind_id)
        key = (measure.population, measure.year_column, measure.population_column)
        if key not in self._populations:
            frame = self.data.tables[measure.population].frame
            years = self.grid.start_time.year.to_numpy()
            self._populations[key] = Population(frame, key[1], key[2], years)
        if dimension is not None:
            return self._populations[key].by(dimension, groups)
        return self._populations[key].total(self._regions(ind_id))

    def _regions(self, ind_id: str) -> list[tuple[str, list[str], np.ndarray]]:
        """For each column a rate's population shares with its dimensions: the column's
        values, and where the sources behind the rate have rows of each (periods x values)."""
        measure = self._rate(ind_id)
        frame = self.data.tables[measure.population].frame
        shared = dimensions_of(self.spec.indicators, ind_id) & set(frame.columns)
        shared -= {measure.year_column, measure.population_column}
        behind = scope.row_sources(self.spec, scope.with_dependencies(self.spec, [ind_id]))
        regions = []
        for column in sorted(shared):
            sources = [self._source(s) for s in behind if column in self.data.tables[s].frame]
            if sources:
                present = [s.present(column, self.groups(column)) for s in sources]
                regions.append((column, self.groups(column), np.logical_or.reduce(present)))
        return regions


class _Inputs:
    """``combine.Inputs`` of one combined indicator in one breakdown of a compute call."""

    def __init__(self, run: _Run, ind_id: str, dimension, groups, results):
        self._run, self._id, self._dimension, self._groups = run, ind_id, dimension, groups
        self.results: Mapping[str, Measured] = results
        self.shape = (len(run.grid), len(groups))
        self.periods_per_year = run.calendar.periods_per_year

    def expression(self) -> Expression:
        return self._run.expression(self._id)

    def years(self, fiscal: bool) -> tuple[np.ndarray, bool]:
        return self._run.years(fiscal)

    def people(self) -> np.ndarray:
        return self._run.people(self._id, self._dimension, self._groups)
