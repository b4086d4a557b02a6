"""Period ranges: ``--from``/``--to`` (``start``/``end`` in the Python API) and an indicator's
``start`` keep the periods of the result table inside a range.

Everything is computed over the project's whole grid first and the rows are cut afterwards,
so a rolling mean or a change at the start of the range still sees the periods before it.
A bound is a period label of the computed period type ('2007', '2007-Q1', '2007-03',
'FY2007') or a day ('2007-01-01'): ``--from`` keeps the periods that end on or after it,
``--to`` those that start on or before it.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ctscore.compute.periods import PERIODS_PER_YEAR, Calendar
from ctscore.errors import Diagnostic, UserError
from ctscore.spec.project_spec import ProjectSpec


def bound(calendar: Calendar, text: str | dt.date | None, option: str) -> pd.Period | None:
    """The period of ``calendar`` a bound names: its own label, the label of another kind of
    period (for --from its first day counts, for --to its last: '--to 2023-Q4' of a yearly
    scorecard is 2023), or a day."""
    if text is None or text == "":
        return None
    if not isinstance(text, dt.date):
        try:
            return calendar.parse(str(text))
        except ValueError as error:
            own_error = str(error)
        for period_type in PERIODS_PER_YEAR:
            other = Calendar(period_type, calendar.fiscal_year_start_month)
            try:
                named = other.parse(str(text))
            except ValueError:
                continue
            day = named.start_time if option == "--from" else named.end_time
            return day.to_period(calendar.freq)
        try:
            text = dt.date.fromisoformat(str(text).strip())
        except ValueError:
            message = f"{own_error}, or write a day such as 2007-01-01"
            raise UserError([Diagnostic(option, message=message)]) from None
    return pd.Timestamp(text).to_period(calendar.freq)


def within(
    spec: ProjectSpec,
    results: pd.DataFrame,
    calendar: Calendar,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
) -> pd.DataFrame:
    """The rows of ``results`` in the range, and for each indicator with a ``start``, from
    the period holding that day on."""
    first, last = bound(calendar, start, "--from"), bound(calendar, end, "--to")
    if first is not None and last is not None and first > last:
        message = f"--from {start} is after --to {end}"
        raise UserError([Diagnostic("ctscore", message=message)])
    if results.empty:
        return results
    keep = pd.Series(True, index=results.index)
    if first is not None:
        keep &= results["period_end"] >= first.start_time
    if last is not None:
        keep &= results["period_start"] <= last.end_time
    starts = {i: ind.start for i, ind in spec.indicators.items() if ind.start is not None}
    if starts:
        own = results["indicator"].map(starts)
        begins = pd.to_datetime(own).dt.to_period(calendar.freq).dt.start_time
        keep &= own.isna() | (results["period_start"] >= begins)
    return results[keep].reset_index(drop=True)
