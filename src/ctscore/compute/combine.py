"""Indicator measures: values computed from other indicators' results.

Every input and output is a :class:`Measured`: 2-D numpy arrays with one row per period
of the grid (in order) and one column per breakdown value. Missing values are NaN.

How the ``rows`` (source rows behind a value) of a combined indicator are counted:

* ratio, share, derived, composite without year weights: the *smallest* number of rows
  behind any of its inputs - the weakest support, which is what the small-count flag
  should warn about (a share of 2 attacks out of 300 rests on 2 attacks);
* rate: the rows behind the indicator divided (population is not counted);
* change: the smaller of the rows behind the two values compared;
* rolling, year_to_date: the rows summed over the periods added up;
* composite with year weights: for each component, its rows summed over every period
  the weighted years cover; then the smallest over the components.

``partial`` is set when any period behind the value is not fully covered by the data.

``zero_denominator`` is set only where a division had a denominator of 0: ratio, share, rate
(a population of 0), percent change (an earlier value of 0) and each ``/`` of a derived
expression. Other ways to have no value are not flagged: a missing input or population, or
the log of 0 or of a negative number in a derived expression (``log(x)`` with ``x <= 0``).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np
from typing_extensions import assert_never

from ctscore.compute.windows import shift, window_any, window_rows, window_sum
from ctscore.expressions import Expression, divide
from ctscore.spec.measures import CombinedMeasure, DerivedMeasure, RateMeasure, RatioMeasure
from ctscore.spec.period_measures import (
    ChangeMeasure,
    CompositeMeasure,
    RollingMeasure,
    YearToDateMeasure,
)


@dataclass(frozen=True)
class Measured:
    """One indicator over the grid: arrays of shape (periods, breakdown values)."""

    value: np.ndarray  # float64, NaN when there is no value
    rows: np.ndarray  # int64: source rows behind the value
    partial: np.ndarray  # bool: a period behind the value is not fully covered
    numerator: np.ndarray | None = None  # float64, for ratios, shares, rates and changes
    denominator: np.ndarray | None = None
    zero_denominator: np.ndarray | None = None  # bool: no value because of a division by 0
    # int64: rows whose measured column has a value (None: as ``rows``; see ``missing``)
    known: np.ndarray | None = None

    # float64: events behind the value (rows, or the sum of the source's weight column)
    events: np.ndarray | None = None

    @property
    def known_rows(self) -> np.ndarray:
        return self.rows if self.known is None else self.known

    @property
    def evidence(self) -> np.ndarray:
        """What ``small_count`` is compared with: the events, else the rows."""
        return self.rows if self.events is None else self.events


class Inputs(Protocol):
    """What a combined measure is computed from, for one breakdown (see the engine)."""

    results: Mapping[str, Measured]  # the indicators already computed, by id
    shape: tuple[int, int]  # (periods, breakdown values)
    periods_per_year: int

    def expression(self) -> Expression:
        """A derived indicator's expression, parsed."""
        ...

    def years(self, fiscal: bool) -> tuple[np.ndarray, bool]:
        """The (fiscal) year of each period, and whether the first began before the grid."""
        ...

    def people(self) -> np.ndarray:
        """A rate's population per period and breakdown value."""
        ...


def measured(measure: CombinedMeasure, inputs: Inputs) -> Measured:
    """A combined measure's value from its inputs: one case per kind."""
    results = inputs.results
    match measure:
        case RatioMeasure():
            return _ratio_or_share(measure, results)
        case DerivedMeasure():
            return derived(inputs.expression(), results, inputs.shape)
        case RollingMeasure():
            return rolling(results[measure.indicator], measure.window, measure.function)
        case ChangeMeasure():
            lag = 1 if measure.against == "previous_period" else inputs.periods_per_year
            return change(results[measure.indicator], lag, measure.mode)
        case YearToDateMeasure():
            years, started_before_grid = inputs.years(measure.year == "fiscal")
            return year_to_date(results[measure.indicator], years, started_before_grid)
        case RateMeasure():
            return rate(results[measure.indicator], inputs.people(), measure.per)
        case CompositeMeasure():
            return _composite(measure, results, inputs.periods_per_year)
        case _:
            assert_never(measure)


def _ratio_or_share(measure: RatioMeasure, results: Mapping[str, Measured]) -> Measured:
    # inline parts were given ids of their own when the spec was loaded (``spec.inline``)
    assert isinstance(measure.numerator, str) and isinstance(measure.denominator, str)
    top, bottom = results[measure.numerator], results[measure.denominator]
    known = np.minimum(top.known_rows, bottom.known_rows)
    # a share's evidence is its denominator; a ratio's, the weaker of the two
    share = measure.kind == "share"
    events = bottom.evidence if share else np.minimum(top.evidence, bottom.evidence)
    return replace(ratio(top, bottom), known=known, events=events)


def _composite(
    measure: CompositeMeasure, results: Mapping[str, Measured], periods_per_year: int
) -> Measured:
    parts = [(results[c.indicator], c.weight) for c in measure.components]
    out = composite(parts, measure.normalisation, measure.year_weights, periods_per_year)
    if measure.log_score:
        score = measure.log_score
        value = log_score(out.value, score.reference, score.max_score, score.cap)
        out = Measured(value, out.rows, out.partial)
    return out


def _weakest(*inputs: Measured) -> np.ndarray:
    return np.minimum.reduce([i.rows for i in inputs])


def _any_partial(*inputs: Measured) -> np.ndarray:
    return np.logical_or.reduce([i.partial for i in inputs])


def _divided(top: np.ndarray, bottom: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """top / bottom, NaN where bottom is 0 (flagged) or either is missing (not flagged)."""
    return divide(top, bottom), bottom == 0


def ratio(numerator: Measured, denominator: Measured) -> Measured:
    value, zero = _divided(numerator.value, denominator.value)
    return Measured(
        value,
        _weakest(numerator, denominator),
        _any_partial(numerator, denominator),
        numerator.value,
        denominator.value,
        zero,
    )


def derived(
    expression: Expression, inputs: Mapping[str, Measured], shape: tuple[int, int]
) -> Measured:
    """An arithmetic expression over other indicators. The zero-denominator flag is set where
    one of its divisions had a denominator of 0 (not for the log of 0 or less)."""
    used = [inputs[name] for name in sorted(expression.names)]
    zeros: list = []
    result = expression.evaluate({name: inputs[name].value for name in expression.names}, zeros)
    value = np.array(np.broadcast_to(np.asarray(result, dtype="float64"), shape))
    value[~np.isfinite(value)] = np.nan
    zero = np.zeros(shape, dtype=bool)
    for divided_by_zero in zeros:
        zero |= np.broadcast_to(divided_by_zero, shape)
    rows = _weakest(*used) if used else np.zeros(shape, dtype="int64")
    partial = _any_partial(*used) if used else np.zeros(shape, dtype=bool)
    return Measured(value, rows, partial, zero_denominator=zero)


def rolling(base: Measured, window: int, function: str) -> Measured:
    """Sum or mean over the current and ``window - 1`` earlier periods. Until the grid has
    ``window`` periods there is no value."""
    value = window_sum(base.value, window)
    if function == "mean":
        value = value / window
    rows = np.where(np.isnan(value), 0, window_rows(base.rows, window))
    return Measured(value, rows, window_any(base.partial, window))


def change(base: Measured, lag: int, mode: str) -> Measured:
    """Against the value ``lag`` periods earlier. numerator: the current value, denominator:
    the earlier value. Percent: no value (and the zero-denominator flag) when it was 0."""
    before = shift(base.value, lag, np.nan)
    if mode == "percent":
        share, zero = _divided(base.value - before, before)
        value = share * 100
    else:
        value, zero = base.value - before, np.zeros(before.shape, dtype=bool)
    rows = np.minimum(base.rows, shift(base.rows, lag, 0))
    partial = base.partial | shift(base.partial, lag, False)
    return Measured(value, rows, partial, base.value, before, zero)


def year_to_date(base: Measured, years: np.ndarray, started_before_grid: bool) -> Measured:
    """Running totals that restart when ``years`` (one number per period) changes. When the
    first year on the grid began before the grid, its totals are incomplete: flagged partial."""
    value = np.empty_like(base.value)
    rows = np.empty_like(base.rows)
    partial = np.empty_like(base.partial)
    starts = np.flatnonzero(np.r_[True, years[1:] != years[:-1]])
    for start, stop in zip(starts, [*starts[1:], len(years)], strict=True):
        value[start:stop] = np.cumsum(base.value[start:stop], axis=0)
        rows[start:stop] = np.cumsum(base.rows[start:stop], axis=0)
        partial[start:stop] = np.logical_or.accumulate(base.partial[start:stop], axis=0)
    if started_before_grid and len(starts):
        partial[: starts[1] if len(starts) > 1 else len(years)] = True
    return Measured(value, rows, partial)


def rate(base: Measured, people: np.ndarray, per: float) -> Measured:
    """``base`` per ``per`` people; no value when the population is missing or 0."""
    share, zero = _divided(base.value, people)
    return Measured(share * per, base.rows, base.partial, base.value, people, zero)


def composite(
    parts: list[tuple[Measured, float]],
    normalisation: str,
    year_weights: list[float] | None,
    periods_per_year: int,
) -> Measured:
    """Weighted sum of normalised components. With year weights, each component is first
    totalled over trailing years (``periods_per_year`` periods ending with the current one),
    and the result is the weighted sum of this year's total and those 1, 2, ... years
    earlier, most recent first. No value until the grid holds every year weighed."""
    inputs = [part for part, _ in parts]
    if not year_weights:
        total = _weighted_sum(normalise(p.value, normalisation) * w for p, w in parts)
        return Measured(total, _weakest(*inputs), _any_partial(*inputs))
    yearly = [window_sum(p.value, periods_per_year) for p in inputs]
    total = _weighted_sum(
        normalise(y, normalisation) * w for y, (_, w) in zip(yearly, parts, strict=True)
    )
    value = _weighted_sum(
        weight * shift(total, lag * periods_per_year, np.nan)
        for lag, weight in enumerate(year_weights)
    )
    span = len(year_weights) * periods_per_year
    rows = np.minimum.reduce([window_rows(p.rows, span) for p in inputs])
    partial = np.logical_or.reduce([window_any(p.partial, span) for p in inputs])
    return Measured(value, np.where(np.isnan(value), 0, rows), partial)


def _weighted_sum(terms: Iterable[np.ndarray]) -> np.ndarray:
    """The sum of arrays (0 for none: a composite always has a component and a weight)."""
    return np.asarray(sum(terms))


def normalise(values: np.ndarray, how: str) -> np.ndarray:
    """Rescale each breakdown value's series over all periods: min_max to 0..1, z_score to
    mean 0 and standard deviation 1. A constant series becomes 0; missing values stay."""
    if how == "none":
        return values
    present = ~np.isnan(values)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        if how == "min_max":
            low, high = np.nanmin(values, axis=0), np.nanmax(values, axis=0)
            scaled = (values - low) / (high - low)
            flat = high == low
        else:
            mean, spread = np.nanmean(values, axis=0), np.nanstd(values, axis=0)
            scaled = (values - mean) / spread
            flat = spread == 0
    return np.where(present & flat, 0.0, scaled)


def log_score(values: np.ndarray, reference: float, max_score: float, cap: float | None):
    """max_score * ln(total + 1) / ln(reference + 1), capped; totals below 0 score 0."""
    with np.errstate(all="ignore"):
        score = max_score * np.log1p(np.maximum(values, 0)) / np.log1p(reference)
    return np.minimum(score, cap) if cap is not None else score
