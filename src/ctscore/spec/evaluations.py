"""Evaluations: one question each, "did this policy event change this indicator?", answered
by an interrupted time series (see ``ctscore.stats.its``)."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from ctscore.spec.base import Identifier, PeriodType, StrictModel

# Indicator kinds whose values are counts of events (or whole-number sums, such as deaths):
# the only ones a Poisson-family model may describe.
COUNT_KINDS = ("count", "sum", "distinct_count")


class Evaluation(StrictModel):
    """Did a policy event change the course of an indicator? Segmented regression of the
    indicator's series on time, a step at the event (and a change of slope after it),
    seasonal Fourier terms and an optional exposure."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "ceasefire_end_effect",
                    "title": "Did the end of the ceasefire change the number of attacks?",
                    "indicator": "attacks",
                    "event": "ttp_ceasefire_end",
                    "period_type": "month",
                    "start": "2019-01",
                    "end": "2024-12",
                    "model": "negative_binomial",
                    "seasonality": 2,
                    "slope_change": True,
                    "newey_west_lags": 3,
                }
            ]
        }
    )

    id: Identifier = Field(
        description="Name used with `ctscore effects --evaluation` and in scorecards."
    )
    title: str = Field(min_length=1, description="The question, in plain words.")
    indicator: Identifier = Field(description="A count or sum indicator (e.g. attacks, deaths).")
    event: Identifier | None = Field(
        default=None, description="The policy event that interrupts the series."
    )
    events: list[Identifier] = Field(
        default=[],
        description="Several policy events, each with its own step (and slope change), "
        "instead of 'event'.",
    )
    period_type: PeriodType = Field(
        default="month", description="month, quarter, year or fiscal_year."
    )
    start: str | None = Field(
        default=None,
        description="First period of the analysis window, e.g. 2015-01 (default: the first).",
    )
    end: str | None = Field(
        default=None,
        description="Last period of the window, e.g. 2022-10 (default: the last complete).",
    )
    model: Literal["poisson", "quasi_poisson", "negative_binomial"] = Field(
        default="quasi_poisson",
        description="poisson; quasi_poisson (variance scaled by Pearson chi2 / df, as R's "
        "glm); negative_binomial (NB2, dispersion estimated by maximum likelihood).",
    )
    exposure: Identifier | None = Field(
        default=None,
        description="Optional indicator (e.g. population) entering as offset log(exposure): "
        "the model then describes a rate.",
    )
    seasonality: int = Field(
        default=0, ge=0, le=6, description="Pairs of Fourier terms (sin, cos) per year; 0 for none."
    )
    slope_change: bool = Field(
        default=True, description="Also estimate a change of trend after the event."
    )
    newey_west_lags: int | None = Field(
        default=None,
        ge=1,
        description="Newey-West (HAC) standard errors with this many lags, for residual "
        "autocorrelation; default: model-based errors.",
    )

    @model_validator(mode="after")
    def _one_kind_of_event(self) -> Evaluation:
        if (self.event is None) == (not self.events):
            raise ValueError("give either 'event' (one policy event) or 'events' (several)")
        return self

    @property
    def event_ids(self) -> list[str]:
        return [self.event] if self.event else list(dict.fromkeys(self.events))
