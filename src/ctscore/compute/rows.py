"""Row measures: one groupby pass per source and breakdown computes all of its indicators."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ctscore.compute.filters import filter_mask
from ctscore.compute.periods import Calendar
from ctscore.compute.result import ALL
from ctscore.data.load import DATE, Table
from ctscore.spec.indicators import Indicator

PERIOD = "_period"
GROUP = "_group"


def row_measures(
    table: Table,
    indicators: list[Indicator],
    calendar: Calendar,
    grid: pd.PeriodIndex,
    dimension: str | None,
    groups: list[str],
) -> dict[str, pd.DataFrame]:
    """For each indicator, a frame indexed by (period, group) with value and rows, zero-filled
    over the whole grid and every group (a breakdown value with no rows gets zeros too)."""
    frame = table.frame
    keys = pd.DataFrame({PERIOD: calendar.of(frame[DATE])})
    keys[GROUP] = frame[dimension].astype("string").fillna("(missing)") if dimension else ALL
    columns: dict[str, pd.Series] = {}
    aggregations: dict[str, str] = {}
    for indicator in indicators:
        mask = filter_mask(frame, indicator.filter) & keys[PERIOD].notna()
        columns[f"{indicator.id}:rows"] = mask.astype("int64")
        aggregations[f"{indicator.id}:rows"] = "sum"
        kind = indicator.measure.kind
        if kind != "count":
            value = frame[indicator.measure.column]
            value = value.astype("string" if kind == "distinct_count" else "float64")
            columns[f"{indicator.id}:value"] = value.where(mask)
            aggregations[f"{indicator.id}:value"] = {"distinct_count": "nunique"}.get(kind, kind)
    work = pd.concat([keys, pd.DataFrame(columns)], axis=1)
    grouped = work.groupby([PERIOD, GROUP], observed=True, sort=False).agg(aggregations)
    index = pd.MultiIndex.from_product([grid, groups], names=[PERIOD, GROUP])
    grouped = grouped.reindex(index)
    return {ind.id: _one(grouped, ind) for ind in indicators}


def _one(grouped: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    rows = grouped[f"{indicator.id}:rows"].fillna(0).astype("int64")
    kind = indicator.measure.kind
    if kind == "count":
        value = rows.astype("float64")
    else:
        value = grouped[f"{indicator.id}:value"].astype("float64")
        if kind in ("sum", "distinct_count"):
            value = value.fillna(0.0)  # nothing happened: zero, not missing
        else:
            value = value.where(rows > 0, np.nan)  # a mean or max of no rows is undefined
    return pd.DataFrame({"value": value, "rows": rows})
