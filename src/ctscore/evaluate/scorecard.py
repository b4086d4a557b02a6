"""Evaluate one scorecard for one period into a frozen Report."""

from __future__ import annotations

import pandas as pd

from ctscore.compute.periods import Calendar
from ctscore.compute.result import TOTAL
from ctscore.errors import Diagnostic, UserError
from ctscore.evaluate import methodology
from ctscore.evaluate.formatting import change_text, value_text
from ctscore.evaluate.model import Comparison, IndicatorReport, Point, Section, Share
from ctscore.evaluate.status import goal_value, is_missing, status, trend
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.scorecards import Entry, Scorecard

NOUNS = {"month": "month", "quarter": "quarter", "year": "year", "fiscal_year": "fiscal year"}


def choose_period(card: Scorecard, results: pd.DataFrame, calendar: Calendar, wanted: str | None):
    """The period to report: the one asked for, else the latest the data fully covers."""
    label = wanted or card.period
    totals = results[results["dimension"] == TOTAL]
    if label == "latest_complete":
        complete = totals.groupby("period", sort=False)["partial"].any()
        complete = complete[~complete]
        if complete.empty:
            raise UserError([Diagnostic(card.id, message="the data covers no complete period")])
        return calendar.parse(complete.index[-1])
    try:
        period = calendar.parse(label)
    except ValueError as error:
        raise UserError([Diagnostic(card.id, message=f"period: {error}")]) from None
    if calendar.label(period) not in set(totals["period"]):
        first, last = totals["period"].iloc[0], totals["period"].iloc[-1]
        raise UserError(
            [Diagnostic(card.id, message=f"period {label} is outside the data ({first} to {last})")]
        )
    return period


def evaluate_scorecard(
    spec: ProjectSpec,
    card: Scorecard,
    results: pd.DataFrame,
    calendar: Calendar,
    period: pd.Period,
    context: dict,
):
    """``context`` carries the build facts the report cites (inputs, quality, command)."""
    totals = results[results["dimension"] == TOTAL].set_index(["indicator", "period"])
    baseline_periods = _baseline_periods(spec, card, calendar)
    sections = tuple(
        Section(
            s.title,
            s.intro,
            tuple(
                _indicator(spec, card, entry, results, totals, calendar, period, baseline_periods)
                for entry in s.entries()
            ),
        )
        for s in card.sections
    )
    return methodology.report(spec, card, calendar, period, sections, baseline_periods, context)


def _baseline_periods(spec: ProjectSpec, card: Scorecard, calendar: Calendar) -> list[pd.Period]:
    baseline = card.baseline
    if baseline is None:
        return []
    if baseline.period:
        return [calendar.parse(baseline.period)]
    if baseline.start:
        return list(pd.period_range(calendar.parse(baseline.start), calendar.parse(baseline.end)))
    event = spec.policy_events[baseline.before_event.event]
    event_period = pd.Timestamp(event.date).to_period(calendar.freq)
    return [event_period - n for n in range(baseline.before_event.periods, 0, -1)]


def _indicator(spec, card, entry: Entry, results, totals, calendar, period, baseline_periods):
    indicator = spec.indicators[entry.indicator]
    noun = NOUNS[calendar.period_type]

    def at(p: pd.Period) -> pd.Series | None:
        key = (indicator.id, calendar.label(p))
        return totals.loc[key] if key in totals.index else None

    def value_at(p: pd.Period) -> float | None:
        row = at(p)
        return None if row is None or is_missing(row["value"]) else float(row["value"])

    current_row = at(period)
    current = value_at(period)
    lower = indicator.direction == "lower_is_better"
    baseline_values = [v for v in map(value_at, baseline_periods) if v is not None]
    baseline = sum(baseline_values) / len(baseline_values) if baseline_values else None
    comparisons = []
    for kind in card.comparisons:
        if kind == "baseline":
            earlier, label = baseline, "baseline"
        else:
            lag = 1 if kind == "previous_period" else calendar.periods_per_year
            earlier = value_at(period - lag)
            when = f"previous {noun}" if lag == 1 else "a year earlier"
            label = f"{when} ({calendar.label(period - lag)})"
        better = None
        if not is_missing(current) and not is_missing(earlier) and current != earlier:
            better = (current < earlier) == lower
        comparisons.append(
            Comparison(label, value_text(indicator, earlier), change_text(current, earlier), better)
        )
    goal = goal_value(entry.target, baseline) if entry.target else None
    enough = current_row is not None and not bool(current_row["small_count"])
    verdict = status(current, goal, entry.target, lower, enough, lambda v: value_text(indicator, v))
    history = [period - n for n in range(card.trend_periods - 1, -1, -1)]
    points = tuple(
        Point(calendar.label(p), p.start_time.date().isoformat(), value_at(p)) for p in history
    )
    arrow, phrase = trend([p.value for p in points][-6:], noun)
    return IndicatorReport(
        id=indicator.id,
        title=indicator.title,
        description=indicator.description,
        rationale=indicator.rationale,
        unit=indicator.unit,
        direction="lower is better" if lower else "higher is better",
        value=current,
        value_text=value_text(indicator, current),
        comparisons=tuple(comparisons),
        target_text=_target_text(entry, goal, indicator),
        target_value=goal,
        status=verdict,
        trend_arrow=arrow,
        trend_phrase=phrase,
        trend=points,
        breakdown_label=(card.breakdown or "").replace("_", " "),
        breakdown=_breakdown(results, indicator, card.breakdown, calendar.label(period)),
        flags=_flags(current_row),
        note=entry.note,
        percent=indicator.percent,
    )


def _target_text(entry: Entry, goal, indicator) -> str:
    if entry.target is None:
        return "–"
    if entry.target.value is not None:
        return value_text(indicator, entry.target.value)
    change = entry.target.change_from_baseline
    return f"{change:+g}% vs baseline ({value_text(indicator, goal)})"


def _breakdown(results, indicator, dimension: str | None, label: str) -> tuple[Share, ...]:
    if not dimension:
        return ()
    rows = results[
        (results["indicator"] == indicator.id)
        & (results["dimension"] == dimension)
        & (results["period"] == label)
    ]
    rows = rows.sort_values(["value", "dimension_value"], ascending=[False, True])
    return tuple(
        Share(
            r.dimension_value,
            None if is_missing(r.value) else float(r.value),
            value_text(indicator, r.value),
        )
        for r in rows.itertuples()
    )


def _flags(row) -> tuple[str, ...]:
    if row is None:
        return ("no value for this period",)
    flags = []
    if row["partial"]:
        flags.append("the data does not cover the whole period")
    if row["zero_denominator"]:
        flags.append("no value: the denominator is zero")
    if row["small_count"]:
        flags.append(f"small count: only {int(row['rows'])} events behind the value")
    return tuple(flags)
