"""The tidy result table every indicator is computed into.

One row per indicator, period and breakdown value:

* ``indicator``, ``period`` (its label, e.g. ``2024-Q1`` or ``FY2024``), ``period_start``
  and ``period_end`` (days, as datetime64: they compare with text such as '2007-01-01');
* ``dimension``: the breakdown column, or ``total`` for the row that is not broken down,
  whose ``dimension_value`` is ``All``; rows with an empty breakdown column form the
  value ``(missing)``;
* ``value``: the indicator's value, empty (NaN) when it has none;
* ``numerator`` and ``denominator``: for ratios and shares the two values divided, for
  rates the indicator and the population (empty when missing, see ``population``), for
  changes the current and the earlier value; empty for other kinds;
* ``rows``: how many source rows the value rests on (see ``combine`` for combined kinds);
* ``known``: how many of them have a value in the measured column (a sum, mean, max, min or
  distinct count leaves blank cells out: ``missing: exclude``, the default); equal to
  ``rows`` for counts, and for ratios and shares the smaller of their two inputs';
* ``events``: what ``small_count`` is judged on: ``rows``, or for a source with a ``weight``
  column the sum of that column over those rows (ratios and shares: the smaller input's);
* ``ci_low``, ``ci_high`` and ``ci_method``: the value's confidence interval and how it was
  computed (see ``ctscore.compute.intervals``; ``none`` when no interval is given);
* flags: ``partial`` (a period behind the value is not fully covered by the data),
  ``zero_denominator`` (no value because of a division by 0; the log of 0 or of a negative
  number in a derived expression also gives no value, without this flag) and
  ``small_count`` (fewer ``events`` than the indicator's ``small_count``).

Breakdown values are text: whole numbers without a decimal part ('2', not '2.0'), whether
they come from the data, a source's ``allowed`` list or a population table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ctscore.compute.combine import Measured
from ctscore.compute.periods import Calendar
from ctscore.spec.indicators import Indicator

TOTAL = "total"  # the `dimension` of rows that are not broken down
ALL = "All"  # their `dimension_value`
KEYS = ["indicator", "period", "dimension", "dimension_value"]
MEASURED = [
    *KEYS,
    "period_start",
    "period_end",
    "value",
    "numerator",
    "denominator",
    "rows",
    "known",
    "events",
    "partial",
    "zero_denominator",
    "small_count",
]
INTERVAL_COLUMNS = ["ci_low", "ci_high", "ci_method"]
COLUMNS = [*MEASURED, *INTERVAL_COLUMNS]


@dataclass(frozen=True)
class ResultRow:
    """One row of the result table, typed (see the columns above). Numbers are NaN where
    the table is empty."""

    value: float
    numerator: float = float("nan")
    denominator: float = float("nan")
    rows: int = 0
    known: int = 0
    events: float = 0.0
    partial: bool = False
    zero_denominator: bool = False
    small_count: bool = False
    ci_low: float = float("nan")
    ci_high: float = float("nan")
    ci_method: str = "none"

    @classmethod
    def of(cls, row: pd.Series) -> ResultRow:
        return cls(
            value=float(row["value"]),
            numerator=float(row["numerator"]),
            denominator=float(row["denominator"]),
            rows=int(row["rows"]),
            known=int(row["known"]),
            events=float(row["events"]),
            partial=bool(row["partial"]),
            zero_denominator=bool(row["zero_denominator"]),
            small_count=bool(row["small_count"]),
            ci_low=float(row["ci_low"]),
            ci_high=float(row["ci_high"]),
            ci_method=str(row["ci_method"]),
        )


@dataclass(frozen=True)
class Part:
    """One indicator for one breakdown (or the total)."""

    indicator: Indicator
    dimension: str | None
    groups: list[str]
    measured: Measured


def empty_result() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype="object") for column in COLUMNS})


def result_table(calendar: Calendar, grid: pd.PeriodIndex, parts: list[Part]) -> pd.DataFrame:
    """Stack the parts into the tidy table: per part, periods in order, and within a period
    the breakdown values in order."""
    if not parts:
        return empty_result()
    labels = np.array([calendar.label(p) for p in grid], dtype=object)
    # datetime64 days: `results.period_start >= "2007-01-01"` works, as pandas users expect
    starts = grid.start_time.normalize().to_numpy()
    ends = grid.end_time.normalize().to_numpy()
    columns: dict[str, list[np.ndarray]] = {c: [] for c in MEASURED}
    for part in parts:
        size = len(grid) * len(part.groups)
        m = part.measured
        periods = np.arange(len(grid)).repeat(len(part.groups))
        columns["indicator"].append(np.full(size, part.indicator.id, dtype=object))
        columns["period"].append(labels[periods])
        columns["dimension"].append(np.full(size, part.dimension or TOTAL, dtype=object))
        columns["dimension_value"].append(np.tile(np.array(part.groups, dtype=object), len(grid)))
        columns["period_start"].append(starts[periods])
        columns["period_end"].append(ends[periods])
        columns["value"].append(m.value.ravel())
        for name in ("numerator", "denominator"):
            given = getattr(m, name)
            columns[name].append(np.full(size, np.nan) if given is None else given.ravel())
        rows = m.rows.ravel().astype("int64")
        columns["rows"].append(rows)
        columns["known"].append(m.known_rows.ravel().astype("int64"))
        columns["partial"].append(m.partial.ravel())
        zero = m.zero_denominator
        columns["zero_denominator"].append(
            np.zeros(size, dtype=bool) if zero is None else zero.ravel()
        )
        events = m.evidence.ravel().astype("float64")
        columns["events"].append(events)
        columns["small_count"].append(events < part.indicator.small_count)
    table = pd.DataFrame({c: np.concatenate(columns[c]) for c in MEASURED})
    # Filled in by ``ctscore.compute.intervals``, which knows the measures behind each value.
    return table.assign(ci_low=np.nan, ci_high=np.nan, ci_method="none")
