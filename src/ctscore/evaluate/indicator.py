"""Evaluate one indicator of a scorecard: value, comparisons, target, status, trend, breakdown."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

import pandas as pd

from ctscore.compute.periods import Calendar
from ctscore.compute.result import TOTAL, ResultRow
from ctscore.evaluate import noise
from ctscore.evaluate.formatting import change_text, relative_change, slope_text, value_text
from ctscore.evaluate.model import Comparison, IndicatorReport, Point, Share
from ctscore.evaluate.status import (
    Evidence,
    events,
    goal_value,
    is_missing,
    relative_text,
    status,
    target_text,
)
from ctscore.spec.indicators import Indicator, RowIndicator
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
    confidence: float = 0.95  # of every interval and test

    @property
    def noun(self) -> str:
        return self.calendar.noun

    def lags(self) -> list[tuple[str, int | None]]:
        """(comparison kind, periods back) in the card's order; None for the baseline.

        For annual scorecards 'a year earlier' is the previous period: shown once."""
        shown: list[tuple[str, int | None]] = []
        seen: set[int | None] = set()
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

    def row(self, period: pd.Period) -> ResultRow | None:
        label = self.calendar.label(period)
        return ResultRow.of(self.totals.loc[label]) if label in self.totals.index else None

    def value(self, period: pd.Period) -> float | None:
        return self.point(period)[0]

    def point(self, period: pd.Period) -> tuple[float | None, float | None, float | None]:
        """The value and its confidence interval (None where there is none)."""
        row = self.row(period)
        if row is None:
            return None, None, None
        value, low, high = (
            None if is_missing(number) else number
            for number in (row.value, row.ci_low, row.ci_high)
        )
        return value, low, high


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
    tested_trend = noise.trend_words(
        [p.value for p in points],
        setting.noun,
        functools.partial(slope_text, indicator),
        setting.confidence,
    )
    return IndicatorReport(
        id=indicator.id,
        title=indicator.title,
        description=indicator.description,
        rationale=indicator.rationale,
        unit=indicator.unit,
        direction="lower is better" if lower else "higher is better",
        value=current,
        value_text=fmt(current),
        rows=None if row is None else row.rows,
        comparisons=tuple(
            _comparison(setting, lag, row, current, earlier, lower, fmt, history)
            for lag, earlier in _earlier_values(setting, history, baseline)
        ),
        target_text=target_text(entry.target, goal, baseline, fmt),
        target_value=goal,
        baseline_value=baseline,
        status=_status(indicator, entry, row, current, goal, baseline, fmt, setting.confidence),
        trend_arrow=tested_trend.arrow,
        trend_phrase=tested_trend.phrase,
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
            *history.point(p),
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


def _status(indicator: Indicator, entry: Entry, row, current, goal, baseline, fmt, confidence):
    evidence = Evidence(
        None if row is None else int(row.events),
        indicator.small_count,
        bool(row is not None and row.partial),
    )
    target = entry.target
    label = ""
    if target is not None and target.change_from_baseline is not None:
        label = f" ({relative_text(target, baseline, fmt)})"
    lower = indicator.direction == "lower_is_better"
    decided = status(current, target, goal, lower, evidence, fmt, label)
    if decided.code not in ("green", "amber", "red"):
        return decided
    gap = noise.target_gap(row, goal, fmt, confidence)
    if gap is None:
        rule = f"{decided.rule}; the gap is not tested (no interval for this measure)"
        return dataclasses.replace(decided, rule=rule)
    return dataclasses.replace(
        decided, rule=f"{decided.rule}; {gap.text}", beyond_chance=gap.beyond_chance
    )


def _comparison(
    setting: Setting, lag, row, current, earlier, lower: bool, fmt, history: History
) -> Comparison:
    better = None
    if not is_missing(current) and not is_missing(earlier) and current != earlier:
        better = (current < earlier) == lower
    periods = setting.baseline_periods if lag is None else (setting.period - lag,)
    earlier_rows = [history.row(p) for p in periods]
    found = noise.change(row, [r for r in earlier_rows if r is not None], setting.confidence)
    tested = noise.change_words(found, setting.confidence)
    shown, change, in_points = (
        change_text(current, earlier),
        relative_change(current, earlier),
        False,
    )
    if found is not None and found.kind == "difference":  # shares move in points
        shown, change, in_points = f"{found.estimate:+.1f} pp", found.estimate, True
    return Comparison(
        setting.comparison_label(lag, with_period=True),
        setting.comparison_label(lag, with_period=False),
        fmt(earlier),
        shown,
        better,
        None if tested is None else tested.beyond_chance,
        "" if tested is None else tested.text,
        change,
        in_points,
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
    filtered = indicator.filter if isinstance(indicator, RowIndicator) else None
    if filtered is not None and dimension in filtered.columns():
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


def _flags(row: ResultRow | None, minimum: int) -> tuple[str, ...]:
    if row is None:
        return ("no value for this period",)
    flags = []
    if row.partial:
        flags.append("the data does not cover the whole period")
    if row.zero_denominator:
        flags.append("no value: the denominator is zero")
    if row.small_count:
        flags.append(
            f"small count: only {events(round(row.events))} behind the value "
            f"(fewer than {minimum}), too few to judge"
        )
    return tuple(flags)
