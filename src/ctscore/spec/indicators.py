"""Indicators: what is measured, from which rows, and how it is aggregated.

Two families of measure:

* **row measures** (count, sum, mean, max, min, distinct_count) aggregate the rows of
  one source that pass the indicator's filter, per period and breakdown value;
* **indicator measures** (ratio, share, rate, derived, rolling, change, year_to_date,
  composite) combine the results of other indicators.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from ctscore.spec.base import Direction, Identifier, StrictModel, listed_twice
from ctscore.spec.filters import Filter


class CountMeasure(StrictModel):
    """Number of rows."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"kind": "count"}]})

    kind: Literal["count"] = Field(description="Count the rows that pass the filter.")


class ColumnMeasure(StrictModel):
    """An aggregate of one column over the rows that pass the filter."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"kind": "sum", "column": "killed"},
                {"kind": "distinct_count", "column": "perpetrator_group"},
            ]
        }
    )

    kind: Literal["sum", "mean", "max", "min", "distinct_count"] = Field(
        description="sum, mean, max or min of the column, or the number of distinct values."
    )
    column: str = Field(description="The column to aggregate.")


RowMeasure = Annotated[CountMeasure | ColumnMeasure, Field(discriminator="kind")]


class InlineMeasure(StrictModel):
    """A row measure written inside a ratio or share, instead of a separate indicator that
    would then show in ``ctscore list`` and the methodology appendix."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "source": "incidents",
                    "filter": {"perpetrator_group": "TTP"},
                    "measure": {"kind": "count"},
                }
            ]
        }
    )

    source: Identifier = Field(description="Source whose rows it aggregates.")
    filter: Filter | None = Field(default=None, description="Which rows of the source count.")
    measure: RowMeasure = Field(description="count, sum, mean, max, min or distinct_count.")
    dimensions: list[str] = Field(
        default=[], description="Columns it can be broken down by (give the same on both)."
    )


class RatioMeasure(StrictModel):
    """One indicator divided by another. A zero denominator gives no value and a flag."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"kind": "share", "numerator": "police_attacks", "denominator": "attacks"},
                {
                    "kind": "share",
                    "numerator": {
                        "source": "incidents",
                        "filter": {"perpetrator_group": "TTP"},
                        "measure": {"kind": "count"},
                    },
                    "denominator": {"source": "incidents", "measure": {"kind": "count"}},
                },
                {
                    "kind": "ratio",
                    "numerator": "militants_killed",
                    "denominator": "security_forces_killed",
                },
            ]
        }
    )

    kind: Literal["ratio", "share"] = Field(
        description="ratio: numerator / denominator. share: the same, but the numerator must "
        "be part of the denominator, so the value lies between 0 and 1."
    )
    numerator: Identifier | InlineMeasure = Field(
        description="Indicator on top of the fraction: its id, or a measure written here, "
        "e.g. {source: incidents, filter: {perpetrator_group: TTP}, measure: {kind: count}}."
    )
    denominator: Identifier | InlineMeasure = Field(
        description="Indicator below the fraction: its id, or a measure written here."
    )

    @model_validator(mode="after")
    def _two_indicators(self) -> RatioMeasure:
        if isinstance(self.numerator, str) and self.numerator == self.denominator:
            raise ValueError(
                f"numerator and denominator are the same indicator ('{self.numerator}'), so "
                "the value is always 1; name two different indicators"
            )
        return self


class RateMeasure(StrictModel):
    """An indicator per head of population, e.g. attacks per million people.

    Each period is divided by the population of the year it starts in. For a breakdown
    value (e.g. a province) the population is the sum of its rows for that year; it is
    missing when there is no such row or one of them has no number. The total population
    is the sum of all rows of that year; it is missing when any of them has no number, or
    when the data behind the indicator has rows that year for a region with no population
    row. A missing population gives no value and no flag; a population of 0 gives no value
    and the zero-denominator flag.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"kind": "rate", "indicator": "attacks", "population": "population", "per": 1000000}
            ]
        }
    )

    kind: Literal["rate"] = Field(description="Divide an indicator by population.")
    indicator: Identifier = Field(description="Indicator to divide.")
    population: Identifier = Field(
        description="Source holding population by year (and by region for breakdowns)."
    )
    population_column: str = Field(
        default="population", description="Column of the population source with the headcount."
    )
    year_column: str = Field(
        default="year", description="Column of the population source with the year."
    )
    per: float = Field(default=1_000_000, gt=0, description="Rate per this many people.")


class DerivedMeasure(StrictModel):
    """Arithmetic over other indicators, e.g. ``militants_killed / security_forces_killed``."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "derived",
                    "expression": "militants_neutralised / (security_forces_killed + 1)",
                }
            ]
        }
    )

    kind: Literal["derived"] = Field(description="Compute from other indicators.")
    expression: str = Field(
        min_length=1,
        description="Indicator ids, numbers, + - * / ( ) and min, max, log, abs. "
        "Division by zero gives no value and the zero-denominator flag; the log of 0 or of a "
        "negative number gives no value, without the flag.",
    )


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


Measure = Annotated[
    CountMeasure
    | ColumnMeasure
    | RatioMeasure
    | RateMeasure
    | DerivedMeasure
    | RollingMeasure
    | ChangeMeasure
    | YearToDateMeasure
    | CompositeMeasure,
    Field(discriminator="kind"),
]
ROW_MEASURE_KINDS = ("count", "sum", "mean", "max", "min", "distinct_count")


class Indicator(StrictModel):
    """A performance indicator: one number per period (and breakdown value)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "suicide_attacks",
                    "title": "Suicide attacks",
                    "description": "Attacks carried out by a suicide bomber.",
                    "rationale": "Suicide attacks need organisation, recruitment and safe havens.",
                    "unit": "attacks",
                    "direction": "lower_is_better",
                    "source": "incidents",
                    "filter": {"attack_type": "suicide_bombing"},
                    "measure": {"kind": "count"},
                    "dimensions": ["province", "district"],
                },
                {
                    "id": "attacks_per_million",
                    "title": "Attacks per million people",
                    "description": "Attacks per 1,000,000 inhabitants.",
                    "unit": "attacks per million",
                    "direction": "lower_is_better",
                    "decimals": 2,
                    "measure": {"kind": "rate", "indicator": "attacks", "population": "population"},
                },
            ]
        }
    )

    id: Identifier = Field(description="Short name used in scorecards and expressions.")
    title: str = Field(min_length=1, description="Name shown in reports.")
    description: str = Field(
        min_length=1, description="What it measures, in words a policy officer understands."
    )
    rationale: str = Field(default="", description="Why it matters for policy.")
    unit: str = Field(min_length=1, description="Unit of the value, e.g. 'attacks', 'deaths'.")
    direction: Direction = Field(description="Whether a higher value is good or bad news.")
    source: Identifier | None = Field(
        default=None, description="Source whose rows a row measure aggregates."
    )
    filter: Filter | None = Field(default=None, description="Which rows of the source count.")
    measure: Measure = Field(description="How the value is computed.")
    dimensions: list[str] = Field(
        default=[],
        description="Columns it can be broken down by, e.g. [province, district]. Indicators "
        "built from other indicators can be broken down by the dimensions all of them share.",
    )
    small_count: int = Field(
        default=5,
        ge=0,
        description="Values resting on fewer events than this are flagged as small counts "
        "(events: rows, or the sum of the source's 'weight' column). Default: the source's "
        "'small_count', else the project's (5 unless set).",
    )
    start: dt.date | None = Field(
        default=None,
        description="First day the indicator is reported for: periods before the one holding "
        "it are left out of results and reports (e.g. 2007-01-01 for a GED analysis of "
        "2007-2021; without it, every period of the project's data is shown, zero-filled).",
    )
    decimals: int = Field(default=0, ge=0, le=6, description="Decimals shown in reports.")
    percent: bool = Field(
        default=False, description="Show the value as a percentage (0.25 shows as 25%)."
    )

    @field_validator("dimensions", mode="after")
    @classmethod
    def _each_dimension_once(cls, dimensions: list[str]) -> list[str]:
        twice = listed_twice(dimensions)
        if twice:
            raise ValueError(f"'{twice[0]}' is listed more than once; give each dimension once")
        return dimensions

    @model_validator(mode="after")
    def _source_only_for_row_measures(self) -> Indicator:
        row_measure = self.measure.kind in ROW_MEASURE_KINDS
        if row_measure and self.source is None:
            raise ValueError(f"a '{self.measure.kind}' measure needs a 'source'")
        if not row_measure:
            extra = [name for name in ("source", "filter") if getattr(self, name) is not None]
            extra += ["dimensions"] if self.dimensions else []
            if extra:
                raise ValueError(
                    f"'{self.measure.kind}' combines other indicators; remove "
                    + ", ".join(f"'{name}'" for name in extra)
                )
        return self

    @property
    def is_row_measure(self) -> bool:
        return self.measure.kind in ROW_MEASURE_KINDS
