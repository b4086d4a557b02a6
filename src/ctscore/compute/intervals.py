"""The confidence interval of each value: ``ci_low``, ``ci_high`` and ``ci_method``.

The method follows the measure (see ``ctscore.stats.intervals``):

* ``count``: the exact Poisson interval (Garwood);
* ``share`` of two counts: Wilson's score interval (or Clopper-Pearson, ``share_interval``
  in ``ctscore.yaml``);
* ``rate`` of a count: the count's exact interval divided by the population;
* everything else (sums, means, ratios, derived values of casualties...): no interval, and
  ``ci_method`` says so. Casualties come in clusters, so a Poisson interval on them would be
  far too narrow; no interval is better than a wrong one.

The level is ``confidence`` in ``ctscore.yaml`` (95% by default).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ctscore.spec.project_spec import ProjectSpec
from ctscore.stats import intervals

NO_INTERVAL = "none"


def interval_method(spec: ProjectSpec, indicator_id: str) -> str:
    """The name of the interval method an indicator's values get."""
    measure = spec.indicators[indicator_id].measure
    if measure.kind == "count":
        return intervals.GARWOOD
    if measure.kind == "share" and _counts(spec, measure.numerator, measure.denominator):
        return intervals.SHARE_METHODS[spec.config.share_interval]
    if measure.kind == "rate" and _counts(spec, measure.indicator):
        return f"{intervals.GARWOOD} / population"
    return NO_INTERVAL


def add_intervals(spec: ProjectSpec, table: pd.DataFrame) -> pd.DataFrame:
    """The result table with the three interval columns filled in."""
    low = np.full(len(table), np.nan)
    high = low.copy()
    method = np.full(len(table), NO_INTERVAL, dtype=object)
    confidence = spec.config.confidence
    for indicator_id, rows in table.groupby("indicator", sort=False).indices.items():
        name = interval_method(spec, indicator_id)
        method[rows] = name
        if name == NO_INTERVAL:
            continue
        kind = spec.indicators[indicator_id].measure.kind
        part = table.iloc[rows]
        if kind == "count":
            low[rows], high[rows] = intervals.poisson_exact(part["value"], confidence)
        elif kind == "share":
            how = spec.config.share_interval
            low[rows], high[rows] = intervals.proportion(
                part["numerator"], part["denominator"], confidence, how
            )
        else:  # a rate of a count
            per = spec.indicators[indicator_id].measure.per
            people = part["denominator"].to_numpy(dtype="float64")
            count_low, count_high = intervals.poisson_exact(part["numerator"], confidence)
            with np.errstate(divide="ignore", invalid="ignore"):
                low[rows] = np.where(people > 0, count_low / people * per, np.nan)
                high[rows] = np.where(people > 0, count_high / people * per, np.nan)
    missing = table["value"].isna().to_numpy()
    low[missing] = high[missing] = np.nan
    return table.assign(ci_low=low, ci_high=high, ci_method=method)


def _counts(spec: ProjectSpec, *ids: str) -> bool:
    return all(spec.indicators[i].measure.kind == "count" for i in ids)
