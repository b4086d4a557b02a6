"""Indicator measures: values computed from other indicators' results.

Every input and output is a frame indexed by (period, group) with columns value, rows,
numerator, denominator, zero_denominator and partial. ``rows`` of a combined value is
the smallest number of source rows behind any of its inputs: the weakest support,
which is what the small-count flag should warn about.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ctscore.compute.periods import Calendar
from ctscore.compute.rows import GROUP, PERIOD
from ctscore.expressions import parse_expression


def frame(
    value,
    rows,
    like: pd.DataFrame,
    *,
    numerator=np.nan,
    denominator=np.nan,
    zero_denominator=False,
    partial=None,
) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "value": value,
            "rows": rows,
            "numerator": numerator,
            "denominator": denominator,
            "zero_denominator": zero_denominator,
            "partial": like["partial"] if partial is None else partial,
        },
        index=like.index,
    )


def _weakest(*inputs: pd.DataFrame) -> pd.Series:
    return pd.concat([i["rows"] for i in inputs], axis=1).min(axis=1).astype("int64")


def _any_partial(*inputs: pd.DataFrame) -> pd.Series:
    return pd.concat([i["partial"] for i in inputs], axis=1).any(axis=1)


def ratio(numerator: pd.DataFrame, denominator: pd.DataFrame) -> pd.DataFrame:
    top, bottom = numerator["value"], denominator["value"]
    zero = bottom == 0
    with np.errstate(all="ignore"):
        value = (top / bottom).where(~zero & bottom.notna())
    return frame(
        value,
        _weakest(numerator, denominator),
        numerator,
        numerator=top,
        denominator=bottom,
        zero_denominator=zero,
        partial=_any_partial(numerator, denominator),
    )


def derived(expression: str, inputs: dict[str, pd.DataFrame]) -> pd.DataFrame:
    parsed = parse_expression(expression)
    used = [inputs[name] for name in sorted(parsed.names)]
    like = used[0] if used else next(iter(inputs.values()))
    value = parsed.evaluate({name: inputs[name]["value"] for name in parsed.names})
    value = pd.Series(value, index=like.index, dtype="float64") if np.isscalar(value) else value
    value = value.where(np.isfinite(value))
    rows = _weakest(*used) if used else like["rows"]
    partial = _any_partial(*used) if used else like["partial"]
    return frame(value, rows, like, partial=partial)


def rolling(base: pd.DataFrame, window: int, function: str) -> pd.DataFrame:
    by_group = base.groupby(level=GROUP, sort=False, observed=True)

    def roll(column: str, how: str) -> pd.Series:
        result = by_group[column].rolling(window, min_periods=window).agg(how)
        return result.droplevel(0).reindex(base.index)

    value = roll("value", function)
    rows = roll("rows", "sum").fillna(0).astype("int64")
    partial = roll("partial", "max").fillna(1).astype(bool)
    return frame(value, rows, base, partial=partial)


def change(base: pd.DataFrame, lag: int, mode: str) -> pd.DataFrame:
    earlier = base.groupby(level=GROUP, sort=False, observed=True).shift(lag)
    current, before = base["value"], earlier["value"]
    difference = current - before
    zero = before == 0
    if mode == "percent":
        with np.errstate(all="ignore"):
            value = (difference / before * 100).where(~zero)
    else:
        value, zero = difference, pd.Series(False, index=base.index)
    rows = pd.concat([base["rows"], earlier["rows"]], axis=1).min(axis=1).fillna(0)
    partial = base["partial"] | earlier["partial"].fillna(True).astype(bool)
    return frame(
        value,
        rows.astype("int64"),
        base,
        numerator=current,
        denominator=before,
        zero_denominator=zero,
        partial=partial,
    )


def year_to_date(base: pd.DataFrame, calendar: Calendar, fiscal: bool) -> pd.DataFrame:
    periods = base.index.get_level_values(PERIOD)
    year_calendar = Calendar("fiscal_year" if fiscal else "year", calendar.fiscal_year_start_month)
    year = pd.Series(periods.start_time, index=base.index).dt.to_period(year_calendar.freq)
    keys = [year, base.index.get_level_values(GROUP)]
    value = base["value"].groupby(keys, sort=False).cumsum()
    rows = base["rows"].groupby(keys, sort=False).cumsum()
    partial = base["partial"].astype(int).groupby(keys, sort=False).cummax().astype(bool)
    return frame(value, rows, base, partial=partial)


def rate(base: pd.DataFrame, population: pd.Series, per: float) -> pd.DataFrame:
    """``population`` is indexed by (year, group); each period uses its starting year."""
    periods = base.index.get_level_values(PERIOD)
    lookup = pd.MultiIndex.from_arrays(
        [periods.start_time.year, base.index.get_level_values(GROUP)]
    )
    people = pd.Series(population.reindex(lookup).to_numpy(), index=base.index, dtype="float64")
    zero = people == 0
    with np.errstate(all="ignore"):
        value = (base["value"] / people * per).where(~zero)
    return frame(
        value,
        base["rows"],
        base,
        numerator=base["value"],
        denominator=people,
        zero_denominator=zero,
    )


def weighted_sum(parts: list[tuple[pd.DataFrame, float]], normalisation: str) -> pd.DataFrame:
    total = None
    for part, weight in parts:
        values = _normalise(part["value"], normalisation) * weight
        total = values if total is None else total + values
    inputs = [part for part, _ in parts]
    return frame(total, _weakest(*inputs), inputs[0], partial=_any_partial(*inputs))


def _normalise(values: pd.Series, how: str) -> pd.Series:
    if how == "none":
        return values
    by_group = values.groupby(level=GROUP, sort=False, observed=True)
    if how == "min_max":
        low, high = by_group.transform("min"), by_group.transform("max")
        return ((values - low) / (high - low)).where(high > low, 0.0)
    mean, spread = by_group.transform("mean"), by_group.transform("std", ddof=0)
    return ((values - mean) / spread).where(spread > 0, 0.0)


def log_score(values: pd.Series, reference: float, max_score: float, cap: float | None):
    with np.errstate(all="ignore"):
        score = max_score * np.log(values + 1) / np.log(reference + 1)
    return score.clip(upper=cap) if cap is not None else score
