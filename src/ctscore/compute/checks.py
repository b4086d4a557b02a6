"""Problems that stop a compute, each located at the indicator declaration behind it
(``file:line:col: indicators[id].path: message``, through ``ProjectSpec.diagnostic``).

``check_computable`` runs before any row is read, on the indicators asked for and those
they are computed from, and reports every problem it finds at once.
"""

from __future__ import annotations

import calendar as months

from ctscore.compute.periods import PERIODS_PER_YEAR, Calendar, noun_of
from ctscore.data.load import LoadedData
from ctscore.errors import Diagnostic, UserError, one_of
from ctscore.spec.period_measures import YearToDateMeasure
from ctscore.spec.project_spec import ProjectSpec


def check_computable(
    spec: ProjectSpec, data: LoadedData, calendar: Calendar, ids: list[str]
) -> None:
    """Every row measure among ``ids`` counts a dated source, and every year-to-date total
    restarts on a period boundary."""
    errors = [*_undated(spec, data, ids), *_years_split(spec, calendar, ids)]
    errors += _too_fine(spec, data, calendar, ids)
    if errors:
        raise UserError(errors)


def no_periods(spec: ProjectSpec, ids: list[str]) -> UserError:
    """No source behind any indicator has a dated row or a declared coverage."""
    message = (
        "source '{}' has no dated rows and no declared coverage ('coverage_start' and "
        "'coverage_end'), so there are no periods to compute"
    )
    errors = [
        spec.diagnostic("indicators", i, ("source",), message.format(row.source))
        for i in ids
        if (row := spec.row_indicator(i)) is not None
    ]
    return UserError(errors or [Diagnostic("ctscore", message="no source has dated rows")])


def _undated(spec: ProjectSpec, data: LoadedData, ids: list[str]) -> list[Diagnostic]:
    errors = []
    for ind_id in ids:
        indicator = spec.row_indicator(ind_id)
        table = data.tables.get(indicator.source) if indicator is not None else None
        if indicator is not None and table is not None and not table.has_dates:
            message = (
                f"source '{indicator.source}' has no 'date:', but indicators are computed "
                "over time, period by period, and need a source whose rows have dates: "
                f"count a source declared with 'date:', or use '{indicator.source}' as the "
                "'population' of a rate"
            )
            errors.append(spec.diagnostic("indicators", ind_id, ("source",), message))
    return errors


def _years_split(spec: ProjectSpec, calendar: Calendar, ids: list[str]) -> list[Diagnostic]:
    errors = []
    for ind_id in ids:
        measure = spec.indicators[ind_id].measure
        if isinstance(measure, YearToDateMeasure):
            fiscal = measure.year == "fiscal"
            if calendar.splits_years(fiscal):
                message = years_split_message(calendar, fiscal)
                errors.append(spec.diagnostic("indicators", ind_id, ("measure", "year"), message))
    return errors


def years_split_message(calendar: Calendar, fiscal: bool) -> str:
    """Why a (fiscal) year-to-date total cannot be computed over ``calendar``'s periods."""
    which = "fiscal" if fiscal else "calendar"
    start = calendar.fiscal_year_start_month
    by = calendar.noun
    setting = f"fiscal_year_start_month: {start}"
    if fiscal:
        starts = f"the fiscal year starts in {months.month_name[start]} ({setting})"
        where = f"part-way through a {by}"
    else:
        starts = "the calendar year starts in January"
        where = f"part-way through a {by} ({setting})"
    fits = [noun_of(t) for t in PERIODS_PER_YEAR if not Calendar(t, start).splits_years(fiscal)]
    fix = f"compute it by {one_of(fits, quote=False)}"
    if not calendar.splits_years(not fiscal):
        fix += f", or use 'year: {'calendar' if fiscal else 'fiscal'}'"
    return (
        f"a {which} year-to-date total cannot be computed by {by}: {starts}, {where}, so "
        f"one {by} would hold days of two {which} years; {fix}"
    )


def _too_fine(spec: ProjectSpec, data: LoadedData, calendar: Calendar, ids: list[str]):
    """A row measure over a source that gives only the year of each row (``date: {parts:
    {year: ...}}``) cannot be computed by quarter or month: every row would land in the
    first period of its year."""
    from ctscore.spec.sources import granularity

    errors = []
    fits_years = calendar.period_type == "year" or (
        calendar.period_type == "fiscal_year" and calendar.fiscal_year_start_month == 1
    )
    for ind_id in ids:
        indicator = spec.row_indicator(ind_id)
        table = data.tables.get(indicator.source) if indicator is not None else None
        if indicator is None or table is None or granularity(table.source) != "year":
            continue
        if fits_years:
            continue
        source = table.source
        declared = source.date is not None  # else the adapter's date, e.g. ucdp_brd's year
        why = (
            "its date has parts: year, without a month"
            if declared
            else f"a {source.kind} table is dated by its year alone"
        )
        message = (
            f"source '{indicator.source}' gives only the year of each row ({why}), so it "
            f"cannot be computed by {calendar.noun}: every row would fall in the first "
            f"{calendar.noun} of its year; compute it by year (--period-type year, or "
            "'period_type: year' on the scorecard)"
            + (", or add a month column to the date's parts" if declared else "")
        )
        errors.append(spec.diagnostic("indicators", ind_id, ("source",), message))
    return errors
