"""Measures over periods: rolling windows, changes, year-to-date totals and composite
indices, each computed from other indicators' results period by period
(``ctscore.compute.combine``). Split from ``measures`` only to keep modules short."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from ctscore.spec.base import Identifier, Reference, StrictModel


class RollingMeasure(StrictModel):
    """Sum or mean over a moving window of periods."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"kind": "rolling", "indicator": "attacks", "window": 4, "function": "mean"}
            ]
        }
    )

    kind: Literal["rolling"] = Field(description="Moving window over periods.")
    indicator: Identifier = Field(description="Indicator to smooth.")
    window: int = Field(ge=2, le=120, description="Number of periods in the window.")
    function: Literal["sum", "mean"] = Field(default="sum", description="How to combine them.")

    def references(self) -> list[Reference]:
        return [(("measure", "indicator"), self.indicator)]

    def formula(self) -> str:
        return f"{self.function} of {self.indicator} over {self.window} periods"


class ChangeMeasure(StrictModel):
    """Change of an indicator against an earlier period."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "change",
                    "indicator": "attacks",
                    "against": "same_period_last_year",
                    "mode": "percent",
                }
            ]
        }
    )

    kind: Literal["change"] = Field(description="Difference against an earlier period.")
    indicator: Identifier = Field(description="Indicator whose change is measured.")
    against: Literal["previous_period", "same_period_last_year"] = Field(
        default="previous_period", description="Which earlier period to compare with."
    )
    mode: Literal["absolute", "percent"] = Field(
        default="percent",
        description="absolute: value minus earlier value. percent: that difference as a "
        "percentage of the earlier value (no value when the earlier value is 0).",
    )

    def references(self) -> list[Reference]:
        return [(("measure", "indicator"), self.indicator)]

    def formula(self) -> str:
        against = self.against.replace("_", " ")
        return f"{self.mode} change of {self.indicator} against the {against}"


class YearToDateMeasure(StrictModel):
    """Running total of an indicator since the start of the year."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"kind": "year_to_date", "indicator": "attacks", "year": "fiscal"}]
        }
    )

    kind: Literal["year_to_date"] = Field(description="Cumulate since the start of the year.")
    indicator: Identifier = Field(description="Indicator to cumulate.")
    year: Literal["calendar", "fiscal"] = Field(
        default="calendar", description="Restart at January or at the fiscal year's start."
    )

    def references(self) -> list[Reference]:
        return [(("measure", "indicator"), self.indicator)]

    def formula(self) -> str:
        return f"{self.indicator} cumulated since the start of the {self.year} year"


class Component(StrictModel):
    """One weighted part of a composite index."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"indicator": "deaths", "weight": 3}]}
    )

    indicator: Identifier = Field(description="Indicator to include.")
    weight: float = Field(description="Its weight in the weighted total.")


class LogScore(StrictModel):
    """Map the weighted total onto a 0..max_score logarithmic scale.

    score = min(cap, max_score * ln(total + 1) / ln(reference + 1)), which is the
    logarithm of (total + 1) in base (reference + 1) ** (1 / max_score). The Global
    Terrorism Index uses reference 20000 and max_score 10: base 20001 ** (1/10).
    """

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"reference": 20000, "max_score": 10, "cap": 10}]}
    )

    reference: float = Field(gt=0, description="Total that scores exactly max_score.")
    max_score: float = Field(default=10, gt=0, description="Score of the reference total.")
    cap: float | None = Field(default=10, gt=0, description="Highest score given; null for no cap.")


class CompositeMeasure(StrictModel):
    """Weighted combination of other indicators, optionally averaged over past years."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "composite",
                    "components": [
                        {"indicator": "attacks", "weight": 1},
                        {"indicator": "deaths", "weight": 3},
                        {"indicator": "injured", "weight": 0.5},
                        {"indicator": "hostages", "weight": 0.5},
                    ],
                    "year_weights": [0.52, 0.26, 0.13, 0.06, 0.03],
                    "log_score": {"reference": 20000, "max_score": 10},
                }
            ]
        }
    )

    kind: Literal["composite"] = Field(description="Weighted index of other indicators.")
    components: list[Component] = Field(min_length=1, description="Indicators and weights.")
    normalisation: Literal["none", "min_max", "z_score"] = Field(
        default="none",
        description="Rescale each component over all periods before weighting: min_max to "
        "0..1, z_score to mean 0 and standard deviation 1.",
    )
    year_weights: list[float] | None = Field(
        default=None,
        description="Weighted average of the trailing 12-month totals of this year and the "
        "years before it, most recent first (the GTI uses .52, .26, .13, .06, .03).",
    )
    log_score: LogScore | None = Field(
        default=None, description="Turn the weighted total into a logarithmic score."
    )

    @model_validator(mode="after")
    def _year_weights_given(self) -> CompositeMeasure:
        if self.year_weights is not None and not self.year_weights:
            raise ValueError("'year_weights' is empty; give one weight per year, or leave it out")
        return self

    def references(self) -> list[Reference]:
        return [
            (("measure", "components", index, "indicator"), component.indicator)
            for index, component in enumerate(self.components)
        ]

    def formula(self) -> str:
        text = " + ".join(f"{c.weight:g} × {c.indicator}" for c in self.components)
        if self.normalisation != "none":
            text += f" (each normalised: {self.normalisation})"
        if self.year_weights:
            weights = "/".join(f"{w:g}" for w in self.year_weights)
            text += "; weighted average of trailing years " + weights
        if self.log_score:
            s = self.log_score
            text += f"; score = {s.max_score:g} × ln(total + 1) / ln({s.reference:g} + 1)"
            text += f", at most {s.cap:g}" if s.cap is not None else ""
        return text
