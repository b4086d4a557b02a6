"""compute: every requested indicator, for every period of the grid and every breakdown value.

The grid runs over the project's whole date range (see ``scope``). For each breakdown (and
the total), indicators are evaluated in dependency order: row measures from their source's
rows (``rows``), the others from the results of those they refer to (``combine``).

A row measure has a value only for periods its source's coverage reaches: inside it, a
period without rows is 0 (count, sum, distinct count); a period the coverage does not
reach at all has no value. Periods not fully covered are flagged partial.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ctscore.compute import combine, scope
from ctscore.compute.combine import Measured
from ctscore.compute.filters import FilterError
from ctscore.compute.periods import Calendar
from ctscore.compute.result import ALL, Part, result_table
from ctscore.compute.rows import SourceRows
from ctscore.data.load import LoadedData
from ctscore.errors import Diagnostic, UserError
from ctscore.spec.diagnostics import shown_path
from ctscore.spec.project_spec import ProjectSpec


def compute(
    spec: ProjectSpec,
    data: LoadedData,
    calendar: Calendar,
    indicator_ids: list[str] | None = None,
    by: list[str] | None = None,
) -> pd.DataFrame:
    """The tidy result table (see ``ctscore.compute.result.COLUMNS``): for each requested
    indicator (default: all), its totals and then each breakdown in ``by`` it supports."""
    requested = list(dict.fromkeys(indicator_ids or spec.indicators))
    wanted = scope.with_dependencies(spec, requested)
    by = list(dict.fromkeys(by or []))
    scope.check_breakdowns(spec, data, requested, by)
    if not requested:
        return result_table(calendar, pd.PeriodIndex([], freq=calendar.freq), [])
    run = _Run(spec, data, calendar)
    computed: dict[str | None, tuple[list[str], dict[str, Measured]]] = {}
    for dimension in [*by, None]:  # breakdowns first: totals of counts and sums add them up
        ids = [i for i in wanted if scope.breakable(spec, data, i, dimension)]
        groups = [ALL] if dimension is None else scope.breakdown_values(spec, data, dimension)
        computed[dimension] = groups, run.evaluate(ids, dimension, groups)
    parts = []
    for ind_id in requested:
        for dimension in [None, *by]:
            groups, measured = computed[dimension]
            if ind_id in measured:
                parts.append(Part(spec.indicators[ind_id], dimension, groups, measured[ind_id]))
    return result_table(calendar, run.grid, parts)


class _Run:
    """One compute call: the grid, and each source's rows prepared once for all breakdowns."""

    def __init__(self, spec: ProjectSpec, data: LoadedData, calendar: Calendar):
        self.spec, self.data, self.calendar = spec, data, calendar
        self.grid = calendar.grid(*scope.project_range(spec, data))
        self._sources: dict[str, SourceRows] = {}
        self._flags: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def evaluate(self, ids: list[str], dimension: str | None, groups: list[str]):
        results: dict[str, Measured] = {}
        for ind_id in ids:
            indicator = self.spec.indicators[ind_id]
            if indicator.is_row_measure:
                results[ind_id] = self._row_measure(ind_id, dimension, groups)
            else:
                results[ind_id] = self._combined(indicator.measure, dimension, groups, results)
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
        partial = [not self.calendar.is_complete(p, *span) for p in self.grid]
        outside = [not self.calendar.overlaps(p, *span) for p in self.grid]
        return np.array(partial, dtype=bool), np.array(outside, dtype=bool)

    def _row_measure(self, ind_id: str, dimension: str | None, groups: list[str]) -> Measured:
        indicator = self.spec.indicators[ind_id]
        source = self._source(indicator.source)
        try:
            value, rows = source.measure(indicator, dimension, groups)
        except FilterError as error:
            raise UserError([self._located(ind_id, ("filter",), str(error))]) from None
        partial, outside = self._flags[indicator.source]
        value[outside] = np.nan
        partial = np.repeat(partial[:, None], len(groups), axis=1)
        return Measured(value, rows, partial)

    def _located(self, ind_id: str, subpath: tuple, message: str):
        origin = self.spec.origins.get(("indicators", ind_id))
        if origin is None:
            return Diagnostic("ctscore", path=f"indicators[{ind_id}]", message=message)
        path = (*origin.path, *subpath)
        return origin.doc.diagnostic(path, message, shown_path(origin.doc.data, path))

    def _combined(self, measure, dimension, groups, results: dict[str, Measured]) -> Measured:
        kind = measure.kind
        if kind in ("ratio", "share"):
            return combine.ratio(results[measure.numerator], results[measure.denominator])
        if kind == "derived":
            return combine.derived(measure.expression, results, (len(self.grid), len(groups)))
        if kind == "rolling":
            return combine.rolling(results[measure.indicator], measure.window, measure.function)
        if kind == "change":
            lag = 1 if measure.against == "previous_period" else self.calendar.periods_per_year
            return combine.change(results[measure.indicator], lag, measure.mode)
        if kind == "year_to_date":
            return self._year_to_date(results[measure.indicator], measure.year == "fiscal")
        if kind == "rate":
            people = self._people(measure, dimension, groups)
            return combine.rate(results[measure.indicator], people, measure.per)
        return self._composite(measure, results)

    def _year_to_date(self, base: Measured, fiscal: bool) -> Measured:
        """Each period counts toward the (fiscal) year its first day falls in."""
        years = self.calendar.years(self.grid.start_time, fiscal)
        day_before = pd.DatetimeIndex([self.grid[0].start_time - pd.Timedelta(days=1)])
        started_before_grid = self.calendar.years(day_before, fiscal)[0] == years[0]
        return combine.year_to_date(base, years, bool(started_before_grid))

    def _composite(self, measure, results: dict[str, Measured]) -> Measured:
        parts = [(results[c.indicator], c.weight) for c in measure.components]
        out = combine.composite(
            parts, measure.normalisation, measure.year_weights, self.calendar.periods_per_year
        )
        if measure.log_score:
            score = measure.log_score
            value = combine.log_score(out.value, score.reference, score.max_score, score.cap)
            out = Measured(value, out.rows, out.partial)
        return out

    def _people(self, measure, dimension: str | None, groups: list[str]) -> np.ndarray:
        """Population for each period (that of the year it starts in) and breakdown value;
        for totals, summed over all rows of that year. Missing when the source lacks it."""
        frame = self.data.tables[measure.population].frame
        year = pd.to_numeric(frame[measure.year_column], errors="coerce")
        people = pd.to_numeric(frame[measure.population_column], errors="coerce")
        keys = [year, frame[dimension].astype("string") if dimension else ALL]
        table = (
            pd.DataFrame({"year": year, "group": keys[1], "people": people})
            .dropna(subset=["year"])
            .groupby(["year", "group"])["people"]
            .sum(min_count=1)
            .unstack()
        )
        start_years = self.grid.start_time.year.to_numpy()
        matrix = table.reindex(index=start_years, columns=groups)
        return matrix.to_numpy(dtype="float64", na_value=np.nan)
