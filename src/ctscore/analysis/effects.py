"""Policy effects: each ``evaluations:`` entry answered by an interrupted time series.

The series is the indicator's total per period over the window (default: the data's first
period to its last complete one). The event's period is the first "after" period when the
event falls on its first day; otherwise the next period is, and the period holding the event
counts as before. What cannot be estimated (too few periods, the event outside the window, a
period without a value, a value that is not a whole number) is refused with an error located
at the evaluation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ctscore.compute.engine import compute
from ctscore.compute.periods import Calendar
from ctscore.compute.result import TOTAL
from ctscore.data import LoadedData
from ctscore.errors import UserError
from ctscore.evaluate.noise import p_text
from ctscore.spec.evaluations import Evaluation
from ctscore.spec.project_spec import ProjectSpec
from ctscore.stats import its


@dataclass(frozen=True)
class Effect:
    id: str
    title: str
    indicator: str
    indicator_title: str
    unit: str
    event: str
    event_title: str
    event_date: str
    periods: tuple[str, ...]
    event_index: int  # position of the first period after the event
    observed: tuple[float, ...]
    fit: its.ItsFit
    confidence: float
    seasonality: int
    noun: str = "period"  # month, quarter...
    later_events: tuple[tuple[str, str, int], ...] = ()  # (id, title, index) after the first

    @property
    def event_period(self) -> str:
        return self.periods[self.event_index]

    def sentence(self) -> str:
        """One sentence a minister can read."""
        level = self.fit.level_change
        what, when = self.indicator_title, f"after “{self.event_title}”"
        interval = f"{self.confidence:.0%} CI {_percent(level.ci_low)} to {_percent(level.ci_high)}"
        if level.beyond_chance:
            side = "higher" if level.rate_ratio > 1 else "lower"
            text = (
                f"{what} were {abs(level.rate_ratio - 1):.0%} {side} {when} than the earlier "
                f"trend predicts ({interval})."
            )
        else:
            text = (
                f"{what} {when} were within normal variation of what the earlier trend "
                f"predicts (change {_percent(level.rate_ratio)}, {interval})."
            )
        slope = self.fit.slope_change
        if slope is not None and slope.beyond_chance:
            direction = "rising" if slope.rate_ratio > 1 else "falling"
            text += (
                f" Afterwards they were {direction} {abs(slope.rate_ratio - 1):.1%} faster a "
                f"{self.noun} than before ({self.confidence:.0%} CI {_percent(slope.ci_low, 1)} to "
                f"{_percent(slope.ci_high, 1)})."
            )
        for (_, title, _), (level, _) in zip(self.later_events, self.fit.changes[1:], strict=True):
            change = f"{_percent(level.rate_ratio)}, {self.confidence:.0%} CI "
            change += f"{_percent(level.ci_low)} to {_percent(level.ci_high)}"
            verdict = "beyond chance" if level.beyond_chance else "within normal variation"
            text += f" At “{title}” they changed again by {change}: {verdict}."
        return text[0].upper() + text[1:]

    def caveats(self) -> tuple[str, ...]:
        notes = [
            "An interrupted time series cannot separate the event's effect from that of "
            "anything else that changed at the same time.",
        ]
        if self.fit.n_before < 24:
            notes.append(
                f"Only {self.fit.n_before} periods before the event: the earlier trend, and so "
                "the counterfactual, is uncertain."
            )
        if self.fit.autocorrelation.material:
            notes.append(
                "The residuals are autocorrelated (Ljung-Box "
                f"{p_text(self.fit.autocorrelation.ljung_box_p)}): the intervals may be too "
                "narrow; consider newey_west_lags."
            )
        return tuple(notes)

    def as_json(self) -> dict:
        fit = self.fit

        def estimate(e: its.Estimate | None):
            if e is None:
                return None
            return {
                "rate_ratio": e.rate_ratio,
                "ci_low": e.ci_low,
                "ci_high": e.ci_high,
                "p_value": e.p_value,
            }

        return {
            "id": self.id,
            "title": self.title,
            "indicator": self.indicator,
            "event": self.event,
            "first_period": self.periods[0],
            "event_period": self.event_period,
            "last_period": self.periods[-1],
            "model": fit.model,
            "covariance": fit.covariance,
            "n_before": fit.n_before,
            "n_after": fit.n_after,
            "dispersion": fit.dispersion,
            "level_change": estimate(fit.level_change),
            "slope_change": estimate(fit.slope_change),
            "pre_trend": estimate(fit.pre_trend),
            "autocorrelation": {
                "ljung_box_p": fit.autocorrelation.ljung_box_p,
                "lags": fit.autocorrelation.lags,
                "durbin_watson": fit.autocorrelation.durbin_watson,
                "material": fit.autocorrelation.material,
            },
            "events": [
                {
                    "event": event_id,
                    "event_period": self.periods[index],
                    "level_change": estimate(level),
                    "slope_change": estimate(slope),
                }
                for (event_id, _, index), (level, slope) in zip(
                    ((self.event, self.event_title, self.event_index), *self.later_events),
                    fit.changes,
                    strict=True,
                )
            ],
            "sentence": self.sentence(),
        }


def _percent(ratio: float, decimals: int = 0) -> str:
    return f"{(ratio - 1) * 100:+.{decimals}f}%"


def evaluate_effects(spec: ProjectSpec, data: LoadedData, ids: list[str]) -> list[Effect]:
    return [evaluate_effect(spec, data, spec.evaluations[i]) for i in ids]


def evaluate_effect(spec: ProjectSpec, data: LoadedData, evaluation: Evaluation) -> Effect:
    def refuse(field: str | tuple, message: str) -> UserError:
        path = field if isinstance(field, tuple) else (field,)
        return UserError([spec.diagnostic("evaluations", evaluation.id, path, message)])

    calendar = Calendar.for_project(spec.config, evaluation.period_type)
    ids = [evaluation.indicator, *([evaluation.exposure] if evaluation.exposure else [])]
    results = compute(spec, data, calendar, ids)
    totals = results[results["dimension"] == TOTAL]
    series = totals[totals["indicator"] == evaluation.indicator].set_index("period")
    window = _window(series, calendar, evaluation, refuse)
    rows = series.loc[window]
    partial = [p for p, flag in zip(window, rows["partial"], strict=True) if flag]
    if partial:
        raise refuse(
            "end", f"the data covers only part of {', '.join(partial)}; end the window before"
        )
    values = rows["value"].to_numpy(dtype="float64")
    missing = [p for p, v in zip(window, values, strict=True) if math.isnan(v)]
    if missing:
        raise refuse("start", f"no value for {', '.join(missing)}; choose a window with values")
    if not np.all(values == np.round(values)):
        raise refuse("indicator", "its values are not whole numbers; a count model needs counts")
    several = len(evaluation.event_ids) > 1
    placed = []  # (event, index of its first period after), in time order
    for position, event_id in enumerate(evaluation.event_ids):
        event = spec.policy_events[event_id]
        index = _event_index(window, calendar, event.date)
        if index is None:
            raise refuse(
                ("events", position) if several else "event",
                f"the event ({event.date}) lies outside the window {window[0]} to {window[-1]}",
            )
        placed.append((event, index))
    placed.sort(key=lambda pair: pair[1])
    event, event_index = placed[0]
    exposure = None
    if evaluation.exposure:
        exposure_rows = totals[totals["indicator"] == evaluation.exposure].set_index("period")
        exposure = exposure_rows.reindex(window)["value"].to_numpy(dtype="float64")
    first = calendar.parse(window[0])
    ppy = calendar.periods_per_year
    first_season = (first.start_time.month - 1) * ppy // 12
    try:
        fit = its.fit(
            values,
            [index for _, index in placed] if several else event_index,
            evaluation.model,
            exposure,
            evaluation.seasonality,
            ppy,
            evaluation.slope_change,
            evaluation.newey_west_lags,
            first_season,
            spec.config.confidence,
        )
    except its.CannotEstimate as error:
        field = "seasonality" if "seasonality" in str(error) else "events" if several else "event"
        raise refuse(field, str(error)) from None
    indicator = spec.indicators[evaluation.indicator]
    return Effect(
        evaluation.id,
        evaluation.title,
        indicator.id,
        indicator.title,
        indicator.unit,
        event.id,
        event.title,
        event.date.isoformat(),
        tuple(window),
        event_index,
        tuple(float(v) for v in values),
        fit,
        spec.config.confidence,
        evaluation.seasonality,
        calendar.noun,
        tuple((e.id, e.title, index) for e, index in placed[1:]),
    )


def _window(series: pd.DataFrame, calendar: Calendar, evaluation: Evaluation, refuse) -> list[str]:
    labels = list(series.index)
    if not labels:
        raise refuse("indicator", "the indicator has no values")
    complete = [p for p in labels if not series.loc[p, "partial"]]
    bounds = []
    for field, given, default in (
        ("start", evaluation.start, complete[0] if complete else labels[0]),
        ("end", evaluation.end, complete[-1] if complete else labels[-1]),
    ):
        try:
            label = calendar.label(calendar.parse(given)) if given else default
        except ValueError as error:
            raise refuse(field, str(error)) from None
        if label not in labels:
            raise refuse(
                field, f"{label} is outside the data, which covers {labels[0]} to {labels[-1]}"
            )
        bounds.append(labels.index(label))
    if bounds[1] < bounds[0]:
        raise refuse("end", "the window ends before it starts")
    return labels[bounds[0] : bounds[1] + 1]


def _event_index(window: list[str], calendar: Calendar, date) -> int | None:
    period = pd.Timestamp(date).to_period(calendar.freq)
    if period.start_time.date() != date:
        period += 1
    label = calendar.label(period)
    return window.index(label) if label in window else None
