"""The confidence interval of each value: ``ci_low``, ``ci_high`` and ``ci_method``.

The method follows the measure (see ``ctscore.stats.intervals``):

* ``count``: the exact Poisson interval (Garwood);
* ``share`` of two counts: Wilson's score interval (or Clopper-Pearson, ``share_interval``
  in ``ctscore.yaml``);
* ``rate`` of a count: the count's exact interval divided by the population;
* ``sum`` (deaths, injuries...): a bootstrap over the period's events, seeded (see
  ``ctscore.stats.intervals.bootstrap_sums``). Casualties come in clusters (one bombing
  kills 40), so a Poisson interval on them would be far too narrow; resampling the events
  keeps the clusters whole;
* everything else (means, ratios, derived values, scores): no interval, and ``ci_method``
  says so; no interval is better than a wrong one.

The level is ``confidence`` in ``ctscore.yaml`` (95% by default).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ctscore.compute.result import TOTAL
from ctscore.spec.measures import RateMeasure, RatioMeasure
from ctscore.spec.project_spec import ProjectSpec
from ctscore.stats import intervals

NO_INTERVAL = "none"


def interval_method(spec: ProjectSpec, indicator_id: str) -> str:
    """The name of the interval method an indicator's values get."""
    measure = spec.indicators[indicator_id].measure
    if measure.kind == "count":
        return intervals.GARWOOD
    if isinstance(measure, RatioMeasure) and measure.kind == "share":  # noqa: SIM102
        if _counts(spec, str(measure.numerator), str(measure.denominator)):
            return intervals.SHARE_METHODS[spec.config.share_interval]
    if isinstance(measure, RateMeasure) and _counts(spec, measure.indicator):
        return f"{intervals.GARWOOD} / population"
    if measure.kind == "sum":
        return intervals.BOOTSTRAP
    return NO_INTERVAL


def add_intervals(spec: ProjectSpec, table: pd.DataFrame, event_values=None) -> pd.DataFrame:
    """The result table with the three interval columns filled in. ``event_values(id,
    dimension, groups)`` gives the rows behind a sum (see ``engine``); without it sums get no
    interval."""
    low = np.full(len(table), np.nan)
    high = low.copy()
    method = np.full(len(table), NO_INTERVAL, dtype=object)
    confidence = spec.config.confidence
    for key, rows in table.groupby("indicator", sort=False).indices.items():
        indicator_id = str(key)
        name = interval_method(spec, indicator_id)
        if name == intervals.BOOTSTRAP and event_values is None:
            name = NO_INTERVAL
        method[rows] = name
        if name == NO_INTERVAL:
            continue
        kind = spec.indicators[indicator_id].measure.kind
        part = table.iloc[rows]
        if kind == "sum":
            low[rows], high[rows] = _bootstrap_sums(part, indicator_id, event_values, confidence)
        elif kind == "count":
            low[rows], high[rows] = intervals.poisson_exact(part["value"], confidence)
        elif kind == "share":
            how = spec.config.share_interval
            low[rows], high[rows] = intervals.proportion(
                part["numerator"], part["denominator"], confidence, how
            )
        else:  # a rate of a count
            rate = spec.indicators[indicator_id].measure
            assert isinstance(rate, RateMeasure)
            per = rate.per
            people = part["denominator"].to_numpy(dtype="float64")
            count_low, count_high = intervals.poisson_exact(part["numerator"], confidence)
            with np.errstate(divide="ignore", invalid="ignore"):
                low[rows] = np.where(people > 0, count_low / people * per, np.nan)
                high[rows] = np.where(people > 0, count_high / people * per, np.nan)
    missing = table["value"].isna().to_numpy()
    low[missing] = high[missing] = np.nan
    return table.assign(ci_low=low, ci_high=high, ci_method=method)


def _bootstrap_sums(part: pd.DataFrame, indicator_id: str, event_values, confidence: float):
    """Bootstrap interval of each sum, one breakdown (or the total) at a time. The part's
    rows run period by period, breakdown values in order within a period: the engine's cells."""
    low = np.full(len(part), np.nan)
    high = low.copy()
    for dimension, rows in part.groupby("dimension", sort=False).indices.items():
        groups = list(dict.fromkeys(part["dimension_value"].iloc[rows]))
        moments, rows_of, nonnegative = event_values(
            indicator_id, None if dimension == TOTAL else dimension, groups
        )
        low[rows], high[rows] = intervals.bootstrap_sums(moments, rows_of, confidence, nonnegative)
    return low, high


def _counts(spec: ProjectSpec, *ids: str) -> bool:
    return all(spec.indicators[i].measure.kind == "count" for i in ids)
