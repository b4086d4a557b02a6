"""Trend tests of an indicator's series: Mann-Kendall with Sen's slope, or the seasonal
Mann-Kendall (Hirsch), for the total and for each value of a breakdown.

Periods the data covers only in part are left out (and named in a warning); the slope is
given per period and per year."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ctscore.compute.result import TOTAL
from ctscore.errors import Diagnostic, UserError
from ctscore.stats import trends

COLUMNS = [
    "indicator", "dimension", "dimension_value", "method", "n", "s", "var_s", "z", "p_value",
    "tau", "sen_slope", "sen_ci_low", "sen_ci_high", "sen_slope_per_year", "first_period",
    "last_period",
]  # fmt: skip


@dataclass(frozen=True)
class TrendRequest:
    indicator: str
    period_type: str | None = None
    first: str | None = None  # period labels, inclusive
    last: str | None = None
    by: str | None = None
    seasonal: bool = False


def trend_table(project, request: TrendRequest, warn: Callable[[str], None] = print):
    """One row per series (the total, then each breakdown value): the columns above."""
    calendar = project.calendar(request.period_type)
    by = [request.by] if request.by else []
    results = project.compute([request.indicator], request.period_type, by)
    window = _window(calendar, results, request)
    results = results[results["period"].isin(window)]
    partial = sorted(set(results.loc[results["partial"], "period"]), key=window.index)
    if partial:
        warn(f"warning: left out periods the data covers only in part: {', '.join(partial)}")
    results = results[~results["partial"]]
    ppy = calendar.periods_per_year
    if request.seasonal and ppy == 1:
        raise _error("--seasonal", "a seasonal test needs months or quarters (--period-type)")
    rows = []
    for (dimension, value), series in results.groupby(["dimension", "dimension_value"], sort=False):
        ordered = series.set_index("period").reindex(window)["value"].to_numpy(dtype="float64")
        known = np.flatnonzero(~np.isnan(ordered))
        if len(known) < 3:
            warn(f"warning: {dimension} {value}: fewer than 3 values, no trend test")
            continue
        values = ordered[known[0] : known[-1] + 1]
        if request.seasonal:
            first_season = calendar.parse(window[known[0]]).start_time.month - 1
            shift = first_season * ppy // 12
            found = trends.seasonal_mann_kendall(
                np.r_[np.full(shift, np.nan), values], ppy, project.spec.config.confidence
            )
            per_year = found.sen_slope
        else:
            found = trends.mann_kendall(values, project.spec.config.confidence)
            per_year = found.sen_slope * ppy
        rows.append(
            {
                "indicator": request.indicator,
                "dimension": dimension,
                "dimension_value": value,
                "method": found.method,
                "n": found.n,
                "s": found.s,
                "var_s": found.var_s,
                "z": found.z,
                "p_value": found.p_value,
                "tau": found.tau,
                "sen_slope": found.sen_slope,
                "sen_ci_low": found.sen_ci_low,
                "sen_ci_high": found.sen_ci_high,
                "sen_slope_per_year": per_year,
                "first_period": window[known[0]],
                "last_period": window[known[-1]],
            }
        )
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values("dimension", key=lambda d: d != TOTAL, kind="stable")


def _window(calendar, results: pd.DataFrame, request: TrendRequest) -> list[str]:
    labels = list(dict.fromkeys(results["period"]))
    if not labels:
        raise _error("ctscore trends", "the data has no periods")
    bounds = []
    for option, given, default in (("--from", request.first, 0), ("--to", request.last, -1)):
        if given is None:
            bounds.append(default % len(labels))
            continue
        try:
            label = calendar.label(calendar.parse(given))
        except ValueError as error:
            raise _error(option, str(error)) from None
        if label not in labels:
            raise _error(option, f"{label} is outside the data ({labels[0]} to {labels[-1]})")
        bounds.append(labels.index(label))
    if bounds[1] < bounds[0]:
        raise _error("--to", "the last period comes before the first")
    return labels[bounds[0] : bounds[1] + 1]


def _error(where: str, message: str) -> UserError:
    return UserError([Diagnostic(f"ctscore trends {where}".strip(), message=message)])
