"""The scorecard's policy effects: each evaluation it lists, as a frozen EffectReport."""

from __future__ import annotations

import dataclasses

from ctscore.analysis.effects import Effect, evaluate_effects
from ctscore.data import LoadedData
from ctscore.evaluate.model import EffectReport, Report
from ctscore.evaluate.noise import p_text
from ctscore.spec.project_spec import ProjectSpec
from ctscore.spec.scorecards import Scorecard
from ctscore.stats.its import Estimate

MODEL_NAMES = {
    "poisson": "Poisson regression",
    "quasi_poisson": "quasi-Poisson regression",
    "negative_binomial": "negative binomial regression",
}


def with_effects(report: Report, spec: ProjectSpec, data: LoadedData, card: Scorecard) -> Report:
    """``report`` with the effects of the evaluations ``card`` lists (computed on ``data``,
    the card's region only if it has one)."""
    if not card.evaluations:
        return report
    effects = evaluate_effects(spec, data, list(card.evaluations))
    return dataclasses.replace(report, effects=tuple(effect_report(e) for e in effects))


def effect_report(effect: Effect) -> EffectReport:
    fit = effect.fit
    level = f"{effect.confidence:.0%}"
    events = [
        (effect.event_title, 0),
        *((title, k + 1) for k, (_, title, _) in enumerate(effect.later_events)),
    ]
    rows = []
    for title, k in events:
        at = f" at “{title}”" if len(events) > 1 else " at the event"
        step, slope = fit.changes[k] if fit.changes else (fit.level_change, fit.slope_change)
        rows.append((f"Level change{at}", step))
        if slope is not None:
            rows.append((f"Change of trend{at}, per {effect.noun}", slope))
    rows.append((f"Trend before the event, per {effect.noun}", fit.pre_trend))
    return EffectReport(
        id=effect.id,
        title=effect.title,
        sentence=effect.sentence(),
        caveats=effect.caveats(),
        estimates=tuple((what, _ratio(e, level), p_text(e.p_value)) for what, e in rows),
        model_text=_model_text(effect),
        unit=effect.unit,
        event_title=effect.event_title,
        event_period=effect.event_period,
        periods=effect.periods,
        event_index=effect.event_index,
        observed=effect.observed,
        fitted=tuple(float(v) for v in fit.fitted),
        counterfactual=tuple(float(v) for v in fit.counterfactual),
        counterfactual_low=tuple(float(v) for v in fit.counterfactual_low),
        counterfactual_high=tuple(float(v) for v in fit.counterfactual_high),
        later_marks=tuple((index, title) for _, title, index in effect.later_events),
    )


def _model_text(effect: Effect) -> str:
    """How the effect was estimated, in one line under its table."""
    fit = effect.fit
    seasons = f", {effect.seasonality} pairs of seasonal terms" if effect.seasonality else ""
    return (
        f"{MODEL_NAMES[fit.model]} of {effect.unit} per {effect.noun}{seasons}; "
        f"{fit.n_before} {effect.noun}s before ({effect.periods[0]} on) and {fit.n_after} from "
        f"{effect.event_period}; dispersion {fit.dispersion:.3g}; {fit.covariance} standard "
        f"errors; Durbin-Watson {fit.autocorrelation.durbin_watson:.2f}, Ljung-Box "
        f"{p_text(fit.autocorrelation.ljung_box_p)}."
    )


def _ratio(estimate: Estimate, level: str) -> str:
    """'×1.34 (+34%; 95% CI +1% to +78%)'."""

    def percent(r: float) -> str:
        return f"{(r - 1) * 100:+.1f}%"

    return (
        f"×{estimate.rate_ratio:.3f} ({percent(estimate.rate_ratio)}; {level} CI "
        f"{percent(estimate.ci_low)} to {percent(estimate.ci_high)})"
    )
