"""Evaluate one indicator of a scorecard: value, comparisons, target, status, trend, breakdown."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from ctscore.compute.periods import Calendar
from ctscore.compute.result import TOTAL
from ctscore.evaluate.formatting import change_text, value_text
from ctscore.evaluate.model import Comparison, IndicatorReport, Point, Share
from ctscore.evaluate.status import (
    Evidence,
    events,
    goal_value,
    is_missing,
    relative_text,
    status,
    target_text,
    trend,
)
from ctscore.spec.indicators import Indicator
from ctscore.spec.scorecards import Entry, Scorecard


@dataclass(frozen=True)
class Setting:
    """What every indicator of one scorecard is evaluated against."""

    card: Scorecard
    results: pd.DataFrame  # the engine's tidy table, region already applied
    calendar: Calendar
    period: pd.Period
    baseline_periods: tuple[pd.Period, ...]
    breakdown_label: str = ""  # how reports name the breakdown (a column's ``label``)

    @property
    def noun(self) -> str:
        return self.calendar.noun

    def lags(self) -> list[tuple[str, int | None]]:
        """(comparison kind, periods back) in the card's order; None for the baseline.

        For annual scorecards 'a year earlier' is the previous period: shown once."""
        shown, seen = [], set()
        for kind in self.card.comparisons:
            lag = {"previous_period": 1, "baseline": None}.get(kind, self.calendar.periods_per_year)
            if lag not in seen:
                seen.add(lag)
                shown.append((kind, lag))
        return shown

    def comparison_label(self, lag: int | None, with_period: bool) -> str:
        if lag is None:
            return "baseline"
        word = f"previous {self.noun}" if lag == 1 else "a year earlier"
        return f"{word} ({self.calendar.label(self.period - lag)})" if with_period else word


@dataclass(frozen=True)
class History:
    """One indicator's values without breakdown, period by period."""

    totals: pd.DataFrame  # indexed by period label
    calendar: Calendar

    def row(self, period: pd.Period) -> pd.Series | None:
        label = self.calendar.label(period)
        return self.totals.loc[label] if label in self.totals.index else None

    def value(self, period: pd.Period) -> float | None:
        row = self.row(period)
        return None if row is None or is_missing(row["value"]) else float(row["value"])


def evaluate_indicator(
    indicator: Indicator, entry: Entry, setting: Setting, history: History
) -> IndicatorReport:
    period = setting.period
    fmt = functools.partial(value_text, indicator)
    row, current = history.row(period), history.value(period)
    lower = indicator.direction == "lower_is_better"
    baseline = _mean([history.value(p) for p in setting.baseline_periods])
    goal = goal_value(entry.target, baseline) if entry.target else None
    points = _points(setting, history)
    arrow, phrase = trend([p.value for p in points], setting.noun)
    return IndicatorReport(
        id=indicator.id,
        title=indicator.title,
        description=indicator.description,
        rationale=indicator.rationale,
        unit=indicator.unit,
        direction="lower is better" if lower else "higher is better",
        value=current,
        value_text=fmt(current),
        rows=None if row is None else int(row["rows"]),
        comparisons=tuple(
            _comparison(setting, lag, current, earlier, lower, fmt)
            for lag, earlier in _earlier_values(setting, history, baseline)
        ),
        target_text=target_text(entry.target, goal, baseline, fmt),
        target_value=goal,
        baseline_value=baseline,
        status=_status(indicator, entry, row, current, goal, baseline, fmt),
        trend_arrow=arrow,
        trend_phrase=phrase,
        trend=points,
        breakdown_label=setting.breakdown_label or (setting.card.breakdown or "").replace("_", " "),
        breakdown=_breakdown(setting, indicator),
        breakdown_counts=True,  # n beside every value, counts too (same dagger rule)
        small_count=indicator.small_count,
        flags=_flags(row, indicator.small_count),
        note=entry.note,
        percent=indicator.percent,
    )


def _points(setting: Setting, history: History) -> tuple[Point, ...]:
    """The trend: the last ``trend_periods`` periods, up to the reported one."""
    periods = [setting.period - n for n in range(setting.card.trend_periods - 1, -1, -1)]
    if setting.card.start is not None:  # none before the period holding the card's start
        periods = [p for p in periods if p.end_time.date() >= setting.card.start]
    return tuple(
        Point(
            setting.calendar.label(p),
            p.start_time.date().isoformat(),
            p.end_time.date().isoformat(),
            history.value(p),
        )
        for p in periods
    )


def _earlier_values(setting: Setting, history: History, baseline: float | None):
    """(lag, value) of each comparison; the lag is None for the baseline."""
    return [
        (lag, baseline if lag is None else history.value(setting.period - lag))
        for _, lag in setting.lags()
    ]


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _status(indicator: Indicator, entry: Entry, row, current, goal, baseline, fmt):
    evidence = Evidence(
        None if row is None else int(row["events"]),
        indicator.small_count,
        bool(row is not None and row["partial"]),
    )
    target = entry.target
    label = ""
    if target is not None and target.change_from_baseline is not None:
        label = f" ({relative_text(target, baseline, fmt)})"
    lower = indicator.direction == "lower_is_better"
    return status(current, target, goal, lower, evidence, fmt, label)


def _comparison(setting: Setting, lag, current, earlier, lower: bool, fmt) -> Comparison:
    better = None
    if not is_missing(current) and not is_missing(earlier) and current != earlier:
        better = (current < earlier) == lower
    return Comparison(
        setting.comparison_label(lag, with_period=True),
        setting.comparison_label(lag, with_period=False),
        fmt(earlier),
        change_text(current, earlier),
        better,
    )


def totals_of(results: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """One indicator's rows without breakdown, indexed by period label."""
    rows = results[(results["indicator"] == indicator_id) & (results["dimension"] == TOTAL)]
    return rows.set_index("period")


def _breakdown(setting: Setting, indicator: Indicator) -> tuple[Share, ...]:
    dimension = setting.card.breakdown
    if not dimension:
        return ()
    results = setting.results
    rows = results[
        (results["indicator"] == indicator.id)
        & (results["dimension"] == dimension)
        & (results["period"] == setting.calendar.label(setting.period))
    ]
    # Values the filter rules out by construction (a filter on the breakdown's own column)
    # are left out; the rest sort by value, largest first, flagged values included.
    if indicator.filter is not None and dimension in indicator.filter.columns():
        rows = rows[rows["rows"] > 0]
    rows = rows.sort_values(
        ["value", "dimension_value"], ascending=[False, True], na_position="last"
    )
    longest = rows["value"].abs().max()
    return tuple(
        Share(
            name=r.dimension_value,
            value=None if is_missing(r.value) else float(r.value),
            value_text=value_text(indicator, r.value),
            rows=round(r.events),
            small=bool(r.small_count),
            bar=0.0 if is_missing(r.value) or not longest else abs(float(r.value)) / longest,
        )
        for r in rows.itertuples()
    )


def _flags(row, minimum: int) -> tuple[str, ...]:
    if row is None:
        return ("no value for this period",)
    flags = []
    if row["partial"]:
        flags.append("the data does not cover the whole period")
    if row["zero_denominator"]:
        flags.append("no value: the denominator is zero")
    if row["small_count"]:
        flags.append(
            f"small count: only {events(round(row['events']))} behind the value "
            f"(fewer than {minimum}), too few to judge"
        )
    return tuple(flags)
