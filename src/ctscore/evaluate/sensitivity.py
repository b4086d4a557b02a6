"""Composite indicators under uncertainty: how much the score, its rank among the periods
and its status depend on the declared weights (see ``ctscore.stats.sensitivity``)."""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pandas as pd

from ctscore.compute import combine
from ctscore.compute.combine import Measured
from ctscore.compute.engine import compute
from ctscore.compute.periods import Calendar
from ctscore.compute.result import TOTAL
from ctscore.data import LoadedData
from ctscore.evaluate.model import IndicatorReport, Report, Section
from ctscore.evaluate.scorecard import baseline_periods
from ctscore.evaluate.status import JUDGED
from ctscore.spec.period_measures import CompositeMeasure
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.scorecards import Scorecard
from ctscore.stats.sensitivity import Sensitivity, status_changed, weight_sensitivity

NORMALISATIONS = ("min_max", "z_score")  # the choices when a composite normalises at all


def with_sensitivity(
    report: Report,
    spec: ProjectSpec,
    data: LoadedData,
    calendar: Calendar,
    card: Scorecard | None = None,
) -> Report:
    """``report`` with a sensitivity sentence on each composite indicator it shows; with
    ``card``, also how often the status against the card's target changes."""
    composites = [
        i
        for i in report.indicators()
        if isinstance(spec.indicators[i.id].measure, CompositeMeasure)
    ]
    if not composites:
        return report
    texts = {i.id: sensitivity_text(spec, data, calendar, i, card) for i in composites}
    sections = tuple(
        Section(
            s.title,
            s.intro,
            tuple(
                dataclasses.replace(i, sensitivity=texts[i.id]) if i.id in texts else i
                for i in s.indicators
            ),
        )
        for s in report.sections
    )
    return dataclasses.replace(report, sections=sections)


def sensitivity_text(
    spec: ProjectSpec,
    data: LoadedData,
    calendar: Calendar,
    shown: IndicatorReport,
    card: Scorecard | None = None,
) -> str:
    measure = spec.indicators[shown.id].measure
    assert isinstance(measure, CompositeMeasure)  # shown only for composite indicators
    ids = [c.indicator for c in measure.components]
    results = compute(spec, data, calendar, ids)
    totals = results[results["dimension"] == TOTAL]
    periods = list(dict.fromkeys(totals["period"]))
    parts = [
        _measured(totals[totals["indicator"] == i].set_index("period").loc[periods]) for i in ids
    ]
    choices = NORMALISATIONS if measure.normalisation != "none" else (measure.normalisation,)
    ordered = [measure.normalisation, *[c for c in choices if c != measure.normalisation]]

    def score(weights: np.ndarray, alternative: int) -> np.ndarray:
        out = combine.composite(
            list(zip(parts, weights, strict=True)),
            ordered[alternative],
            measure.year_weights,
            calendar.periods_per_year,
        )
        value = out.value
        if measure.log_score:
            s = measure.log_score
            value = combine.log_score(value, s.reference, s.max_score, s.cap)
        return value[:, 0]

    found = weight_sensitivity(
        score, [c.weight for c in measure.components], len(ordered), spec.config.confidence
    )
    here = periods.index(shown.trend[-1].period)
    if np.isnan(found.nominal[here]):
        return ""
    decimals = spec.indicators[shown.id].decimals

    def fmt(x: float) -> str:
        return f"{x:,.{decimals}f}"

    normalised = (
        f" and the normalisation drawn from {' or '.join(ordered)}" if len(ordered) > 1 else ""
    )
    return (
        f"with every weight varied by up to ±{found.spread:.0%} at random{normalised} "
        f"({found.draws} seeded draws), the {shown.trend[-1].period} score lies between "
        f"{fmt(found.low[here])} and {fmt(found.high[here])} in "
        f"{spec.config.confidence:.0%} of draws; its rank among the "
        f"{int(np.sum(~np.isnan(found.nominal)))} periods changes in "
        f"{found.rank_changed[here]:.0%} of draws"
        f"{_status_text(spec, calendar, shown, card, found, periods, here)}"
    )


def _status_text(spec, calendar, shown, card, found: Sensitivity, periods, here) -> str:
    """'; its status against the target (off track) changes in 48% of draws', or '' when
    the card sets no target or the status is not judged (insufficient data). A target set
    against the baseline moves with it: the baseline is recomputed in every draw."""
    target = (
        next((e.target for e in card.entries() if e.indicator == shown.id), None) if card else None
    )
    if target is None or shown.status.code not in JUDGED:
        return ""
    goals: np.ndarray | None
    if target.value is not None:
        goals = np.full(found.draws, target.value)
        nominal_goal = target.value
    else:
        labels = [calendar.label(p) for p in baseline_periods(spec, card, calendar)]
        columns = [periods.index(label) for label in labels if label in periods]
        factor = 1 + target.change_from_baseline / 100
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a draw without a baseline
            goals = np.nanmean(found.scores[:, columns], axis=1) * factor if columns else None
            nominal_goal = np.nanmean(found.nominal[columns]) * factor if columns else np.nan
        if goals is None or np.isnan(nominal_goal):
            return ""
    lower = spec.indicators[shown.id].direction == "lower_is_better"
    code, share = status_changed(
        found.scores[:, here], goals, found.nominal[here], nominal_goal, target.amber_margin, lower
    )
    return f"; its status against the target ({JUDGED[code]}) changes in {share:.0%} of draws"


def _measured(rows: pd.DataFrame) -> Measured:
    return Measured(
        rows["value"].to_numpy(dtype="float64")[:, None],
        rows["rows"].to_numpy(dtype="int64")[:, None],
        rows["partial"].to_numpy(dtype=bool)[:, None],
    )
