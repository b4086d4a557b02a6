"""compute: every requested indicator, for every period of the grid and every breakdown value."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from ctscore.compute import combine
from ctscore.compute.periods import Calendar
from ctscore.compute.result import ALL, COLUMNS, TOTAL
from ctscore.compute.rows import GROUP, PERIOD, row_measures
from ctscore.data.load import LoadedData, Table
from ctscore.errors import Diagnostic, UserError
from ctscore.spec.graph import dimensions_of, evaluation_order, references
from ctscore.spec.project_spec import ProjectSpec


def compute(
    spec: ProjectSpec,
    data: LoadedData,
    calendar: Calendar,
    indicator_ids: list[str] | None = None,
    by: list[str] | None = None,
) -> pd.DataFrame:
    """The tidy result table (see ``ctscore.compute.result.COLUMNS``)."""
    wanted = _with_dependencies(spec, indicator_ids or list(spec.indicators))
    _check_breakdowns(spec, wanted, by or [])
    first, last = _coverage_range(spec, data, wanted)
    grid = calendar.grid(first, last)
    parts = []
    for dimension in [None, *(by or [])]:
        frames = _frames(spec, data, calendar, grid, wanted, dimension)
        parts += [
            _tidy(spec, calendar, ind_id, dimension, f)
            for ind_id, f in frames.items()
            if indicator_ids is None or ind_id in indicator_ids
        ]
    return pd.concat(parts, ignore_index=True)[COLUMNS] if parts else pd.DataFrame(columns=COLUMNS)


def _with_dependencies(spec: ProjectSpec, ids: list[str]) -> list[str]:
    unknown = [i for i in ids if i not in spec.indicators]
    if unknown:
        raise UserError(
            [Diagnostic("ctscore", message=f"unknown indicator '{i}'") for i in unknown]
        )
    needed, stack = set(), list(ids)
    while stack:
        current = stack.pop()
        if current not in needed:
            needed.add(current)
            stack += [ref for _, ref in references(spec.indicators[current])]
    return [i for i in evaluation_order(spec.indicators) if i in needed]


def _check_breakdowns(spec: ProjectSpec, ids: list[str], by: list[str]) -> None:
    known = set().union(*(dimensions_of(spec.indicators, i) for i in ids)) if ids else set()
    errors = [
        Diagnostic(
            "ctscore",
            message=f"no indicator can be broken down by '{d}'; "
            f"dimensions available: {', '.join(sorted(known)) or 'none'}",
        )
        for d in by
        if d not in known
    ]
    if errors:
        raise UserError(errors)


def _sources(spec: ProjectSpec, ids: list[str]) -> list[str]:
    return sorted({spec.indicators[i].source for i in ids if spec.indicators[i].is_row_measure})


def source_coverage(table: Table) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days a source covers: declared, or from its earliest to its latest date."""
    if not table.has_dates:
        raise UserError(
            [
                Diagnostic(
                    table.source.id,
                    message="this source has no 'date'; indicators over time need one",
                )
            ]
        )
    observed = table.coverage or (pd.Timestamp.min, pd.Timestamp.min)
    start = (
        pd.Timestamp(table.source.coverage_start) if table.source.coverage_start else observed[0]
    )
    end = pd.Timestamp(table.source.coverage_end) if table.source.coverage_end else observed[1]
    return start, end


def _coverage_range(spec, data: LoadedData, ids) -> tuple[pd.Timestamp, pd.Timestamp]:
    spans = [source_coverage(data.tables[s]) for s in _sources(spec, ids)]
    if not spans:
        raise UserError([Diagnostic("ctscore", message="no dated source behind these indicators")])
    return min(s for s, _ in spans), max(e for _, e in spans)


def _groups(data: LoadedData, spec, ids, dimension: str | None) -> list[str]:
    if dimension is None:
        return [ALL]
    values: set[str] = set()
    for source_id in _sources(spec, ids):
        frame = data.tables[source_id].frame
        if dimension in frame:
            values |= set(frame[dimension].astype("string").fillna("(missing)").unique())
    return sorted(values)


def _frames(spec, data, calendar, grid, ids, dimension) -> dict[str, pd.DataFrame]:
    ids = [i for i in ids if dimension is None or dimension in dimensions_of(spec.indicators, i)]
    groups = _groups(data, spec, ids, dimension)
    results: dict[str, pd.DataFrame] = {}
    by_source: dict[str, list] = defaultdict(list)
    for i in ids:
        if spec.indicators[i].is_row_measure:
            by_source[spec.indicators[i].source].append(spec.indicators[i])
    for source_id, indicators in by_source.items():
        table = data.tables[source_id]
        partial = _partial(calendar, grid, source_coverage(table))
        for ind_id, values in row_measures(
            table, indicators, calendar, grid, dimension, groups
        ).items():
            values["partial"] = partial.reindex(values.index, level=PERIOD).to_numpy()
            results[ind_id] = combine.frame(values["value"], values["rows"], values)
    for i in ids:
        if i not in results:
            results[i] = _combined(spec, data, calendar, grid, i, dimension, results)
    return results


def _partial(calendar, grid, coverage) -> pd.Series:
    flags = [not calendar.is_complete(p, *coverage) for p in grid]
    return pd.Series(flags, index=pd.Index(grid, name=PERIOD))


def _combined(spec, data, calendar, grid, ind_id, dimension, results) -> pd.DataFrame:
    measure = spec.indicators[ind_id].measure
    kind = measure.kind
    if kind in ("ratio", "share"):
        return combine.ratio(results[measure.numerator], results[measure.denominator])
    if kind == "derived":
        return combine.derived(measure.expression, results)
    if kind == "rolling":
        return combine.rolling(results[measure.indicator], measure.window, measure.function)
    if kind == "change":
        lag = 1 if measure.against == "previous_period" else calendar.periods_per_year
        return combine.change(results[measure.indicator], lag, measure.mode)
    if kind == "year_to_date":
        return combine.year_to_date(results[measure.indicator], calendar, measure.year == "fiscal")
    if kind == "rate":
        population = _population(data, measure, dimension)
        return combine.rate(results[measure.indicator], population, measure.per)
    return _composite(spec, data, calendar, grid, measure, dimension, results)


def _population(data: LoadedData, measure, dimension: str | None) -> pd.Series:
    frame = data.tables[measure.population].frame
    if dimension is not None and dimension not in frame:
        raise UserError(
            [
                Diagnostic(
                    measure.population,
                    message=f"population source has no column '{dimension}' to match the breakdown",
                )
            ]
        )
    keys = [frame[measure.year_column].astype("int64")]
    keys += [frame[dimension].astype("string")] if dimension else []
    totals = frame[measure.population_column].astype("float64").groupby(keys).sum()
    if dimension is None:
        totals.index = pd.MultiIndex.from_arrays([totals.index, [ALL] * len(totals)])
    return totals


def _composite(spec, data, calendar, grid, measure, dimension, results) -> pd.DataFrame:
    ids = [c.indicator for c in measure.components]
    if measure.year_weights:
        # Weighted average of trailing-year totals: work on months, then read each period's end.
        months = Calendar("month", calendar.fiscal_year_start_month)
        month_grid = pd.period_range(
            grid[0].start_time.to_period("M"), grid[-1].end_time.to_period("M")
        )
        monthly = _frames(spec, data, months, month_grid, _with_dependencies(spec, ids), dimension)
        total = combine.weighted_sum(
            [(monthly[c.indicator], c.weight) for c in measure.components], measure.normalisation
        )
        yearly = combine.rolling(total, 12, "sum")
        shifted = yearly.groupby(level=GROUP, sort=False, observed=True)["value"]
        value = sum(
            weight * shifted.shift(12 * lag) for lag, weight in enumerate(measure.year_weights)
        )
        yearly["value"] = value
        ends = [p.end_time.to_period("M") for p in grid]
        like = results[ids[0]]
        picked = yearly.reindex(
            pd.MultiIndex.from_arrays(
                [np.repeat(ends, len(like) // len(grid)), like.index.get_level_values(GROUP)]
            )
        )
        picked.index = like.index
        out = combine.frame(picked["value"], picked["rows"].fillna(0).astype("int64"), like)
    else:
        out = combine.weighted_sum(
            [(results[c.indicator], c.weight) for c in measure.components], measure.normalisation
        )
    if measure.log_score:
        score = measure.log_score
        out["value"] = combine.log_score(out["value"], score.reference, score.max_score, score.cap)
    return out


def _tidy(spec, calendar: Calendar, ind_id: str, dimension: str | None, values) -> pd.DataFrame:
    periods = values.index.get_level_values(PERIOD)
    out = pd.DataFrame(
        {
            "indicator": ind_id,
            "period": [calendar.label(p) for p in periods],
            "dimension": dimension or TOTAL,
            "dimension_value": values.index.get_level_values(GROUP).astype(str),
            "period_start": periods.start_time.date,
            "period_end": periods.end_time.date,
        }
    )
    for column in ("value", "numerator", "denominator"):
        out[column] = values[column].astype("float64").to_numpy()
    out["rows"] = values["rows"].fillna(0).astype("int64").to_numpy()
    out["partial"] = values["partial"].fillna(False).astype(bool).to_numpy()
    out["zero_denominator"] = values["zero_denominator"].fillna(False).astype(bool).to_numpy()
    out["small_count"] = out["rows"] < spec.indicators[ind_id].small_count
    return out
