"""Findings about dates: how precisely rows are dated, and events whose date window spans
two periods.

A row is placed in a period by its date (a UCDP GED event by ``date_start``, whatever its
precision). A date built from parts known only to the month or year is the first day of
that month or year; the data-quality record says how many rows each source has known only
to the week, month or year and, when the precision comes from coded values (UCDP's
``date_prec`` 1-5), how many rows have each code. With ``date.end_column`` (UCDP's
``date_end``), an event may have happened on any day of its window; those whose window
reaches into a later period are counted once, in the period of their first day, and their
number is reported per compute.
"""

from __future__ import annotations

import numpy as np

from ctscore.compute.periods import Calendar
from ctscore.data.dates import DATE, DATE_END, PRECISION
from ctscore.data.load import LoadedData, Table
from ctscore.errors import Diagnostic
from ctscore.findings import finding
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.sources import DateSpec, columns_of, date_spec


def precision_findings(spec: ProjectSpec, table: Table) -> list[Diagnostic]:
    """A note per source with rows dated to the week, month or year only, or with coded
    precisions."""
    if PRECISION not in table.frame or table.frame.empty:
        return []
    counts = table.frame[PRECISION].value_counts()
    inexact = [(p, int(counts[p])) for p in ("week", "month", "year") if counts.get(p)]
    date = date_spec(table.source)
    if date is None:  # a table with precisions has a date
        return []
    codes = _codes(table, date.precision_column) if date.precision_column else ""
    if not inexact and not codes:
        return []
    parts = [f"{n:,} only to the {p}" for p, n in inexact]
    dated = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
    dated = dated or "all to the day"
    message = (
        f"{table.source.id}: of {len(table.frame):,} rows, {dated} are dated; {_placed(date)}"
        + (f"; {codes}" if codes else "")
    )
    diagnostic = spec.diagnostic("sources", table.source.id, ("date",), message)
    return [finding(diagnostic, "date_precision", "note")]


def _placed(date: DateSpec) -> str:
    """Where a row whose day is not known is counted: a date built from parts falls on the
    first day of its month or year; a date column's date (UCDP's date_start, ACLED's
    event_date, often mid-month) is used as the dataset gives it."""
    if date.column:
        return (
            f"each row is counted on the day {date.column} gives, even when that day is not "
            "known (a date written as a month or a year only falls on its first day)"
        )
    return "rows known only to their month or year are placed on its first day"


def _codes(table: Table, column: str) -> str:
    """``date_prec 1 ×9,000 (day), 2 ×285 (day), ...`` for a recoded precision column."""
    declared = columns_of(table.source).get(column)
    counts = table.raw_values.get(column)
    if declared is None or not declared.recode or not counts:
        return ""
    shown = declared.from_ or column
    ordered = sorted(counts.items(), key=lambda item: (len(item[0]), item[0]))
    listed = ", ".join(f"{code} ×{n:,} ({declared.recode.get(code, code)})" for code, n in ordered)
    return f"{shown} {listed}"


def partial_findings(results, calendar: Calendar) -> list[Diagnostic]:
    """A note naming the periods the data covers only in part (flagged, never judged)."""
    if results.empty:
        return []
    totals = results[results["dimension"] == "total"]
    partial = list(dict.fromkeys(totals.loc[totals["partial"].astype(bool), "period"]))
    if not partial:
        return []
    shown = ", ".join(partial[:6]) + (f" and {len(partial) - 6} more" if len(partial) > 6 else "")
    message = (
        f"{len(partial)} {calendar.noun}{'s' if len(partial) != 1 else ''} only partly covered "
        f"by the data: {shown}; their values are flagged partial and never judged"
    )
    return [finding(Diagnostic("ctscore compute", message=message), "partial_period", "note")]


def window_findings(spec: ProjectSpec, data: LoadedData, calendar: Calendar, sources) -> list:
    """A note per source whose events' date windows reach into a later period."""
    found = []
    for source_id in sources:
        table = data.tables.get(source_id)
        if table is None or DATE_END not in table.frame:
            continue
        start, end = table.frame[DATE], table.frame[DATE_END]
        both = (start.notna() & end.notna()).to_numpy()
        if not both.any():
            continue
        first = start[both].dt.to_period(calendar.freq)
        last = end[both].dt.to_period(calendar.freq)
        spans = int(np.count_nonzero((last > first).to_numpy()))
        if not spans:
            continue
        date = date_spec(table.source)
        assert date is not None  # a table with date windows has a date
        message = (
            f"{spans:,} events of {source_id} have a date window ({date.column} to "
            f"{date.end_column}) that spans two or more {calendar.noun}s; each is counted "
            f"once, in the {calendar.noun} of its {date.column}"
        )
        diagnostic = spec.diagnostic("sources", source_id, ("date",), message)
        found.append(finding(diagnostic, "date_window", "note"))
    return found
