"""Measures: how an indicator's value is computed, one class per kind.

Each kind keeps here, next to its model, what the other stages ask of it: ``references()``
(the indicators it is computed from, for the reference graph) and ``formula()`` (its
methodology text). Its computation is in ``ctscore.compute.rows`` (row measures) or
``ctscore.compute.combine`` (the others), dispatched with an exhaustive ``match``.

* **row measures** (count, sum, mean, max, min, distinct_count) aggregate the rows of
  one source that pass the indicator's filter, per period and breakdown value;
* **combined measures** (ratio, share, rate, derived, rolling, change, year_to_date,
  composite) combine the results of other indicators.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Literal, get_args

from pydantic import Field, model_validator

from ctscore.spec.base import Identifier, StrictModel
from ctscore.spec.filters import Filter
from ctscore.spec.yamlfile import PathKey

Reference = tuple[PathKey, str]  # (path inside the indicator, referenced indicator id)


class CountMeasure(StrictModel):
    """Number of rows."""

    kind: Literal["count"] = Field(description="Count the rows that pass the filter.")

    def references(self) -> list[Reference]:
        return []

    def formula(self) -> str:
        return "number of rows"


class ColumnMeasure(StrictModel):
    """An aggregate of one column over the rows that pass the filter."""

    kind: Literal["sum", "mean", "max", "min", "distinct_count"] = Field(
        description="sum, mean, max or min of the column, or the number of distinct values."
    )
    column: str = Field(description="The column to aggregate.")

    def references(self) -> list[Reference]:
        return []

    def formula(self) -> str:
        words = {
            "sum": f"sum of {self.column}",
            "mean": f"mean of {self.column}",
            "max": f"largest {self.column}",
            "min": f"smallest {self.column}",
            "distinct_count": f"number of different {self.column} values",
        }
        return words[self.kind]


RowMeasure = Annotated[CountMeasure | ColumnMeasure, Field(discriminator="kind")]


class InlineMeasure(StrictModel):
    """A row measure written inside a ratio or share, instead of a separate indicator that
    would then show in ``ctscore list`` and the methodology appendix."""

    source: Identifier = Field(description="Source whose rows it aggregates.")
    filter: Filter | None = Field(default=None, description="Which rows of the source count.")
    measure: RowMeasure = Field(description="count, sum, mean, max, min or distinct_count.")
    dimensions: list[str] = Field(
        default=[], description="Columns it can be broken down by (give the same on both)."
    )


class RatioMeasure(StrictModel):
    """One indicator divided by another. A zero denominator gives no value and a flag."""

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

    def references(self) -> list[Reference]:
        parts = (("numerator", self.numerator), ("denominator", self.denominator))
        # an inline part refers to nothing until expanded (see ``ctscore.spec.inline``)
        return [(("measure", name), ref) for name, ref in parts if isinstance(ref, str)]

    def formula(self) -> str:
        if self.kind == "share":
            return f"{self.numerator} / {self.denominator}, between 0 and 1"
        return f"{self.numerator} / {self.denominator} (no value when the denominator is 0)"


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

    def references(self) -> list[Reference]:
        return [(("measure", "indicator"), self.indicator)]

    def formula(self) -> str:
        return f"{self.indicator} per {self.per:,.0f} people ({self.population}, by year)"


class DerivedMeasure(StrictModel):
    """Arithmetic over other indicators, e.g. ``militants_killed / security_forces_killed``."""

    kind: Literal["derived"] = Field(description="Compute from other indicators.")
    expression: str = Field(
        min_length=1,
        description="Indicator ids, numbers, + - * / ( ) and min, max, log, abs. "
        "Division by zero gives no value and the zero-denominator flag; the log of 0 or of a "
        "negative number gives no value, without the flag.",
    )

    def references(self) -> list[Reference]:
        names = expression_names(self.expression) or ()  # errors: the expression check
        return [(("measure", "expression"), name) for name in names]

    def formula(self) -> str:
        return self.expression


class RollingMeasure(StrictModel):
    """Sum or mean over a moving window of periods."""

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

    indicator: Identifier = Field(description="Indicator to include.")
    weight: float = Field(description="Its weight in the weighted total.")


class LogScore(StrictModel):
    """Map the weighted total onto a 0..max_score logarithmic scale.

    score = min(cap, max_score * ln(total + 1) / ln(reference + 1)), which is the
    logarithm of (total + 1) in base (reference + 1) ** (1 / max_score). The Global
    Terrorism Index uses reference 20000 and max_score 10: base 20001 ** (1/10).
    """

    reference: float = Field(gt=0, description="Total that scores exactly max_score.")
    max_score: float = Field(default=10, gt=0, description="Score of the reference total.")
    cap: float | None = Field(default=10, gt=0, description="Highest score given; null for no cap.")


class CompositeMeasure(StrictModel):
    """Weighted combination of other indicators, optionally averaged over past years."""

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


CombinedMeasure = Annotated[
    RatioMeasure
    | RateMeasure
    | DerivedMeasure
    | RollingMeasure
    | ChangeMeasure
    | YearToDateMeasure
    | CompositeMeasure,
    Field(discriminator="kind"),
]
Measure = RowMeasure | CombinedMeasure


def _kinds(measures: object) -> tuple[str, ...]:
    """The ``kind`` values of an annotated union of measure classes, in declaration order."""
    members = get_args(get_args(measures)[0])
    return tuple(k for m in members for k in get_args(m.model_fields["kind"].annotation))


ROW_MEASURE_KINDS = _kinds(RowMeasure)
COMBINED_MEASURE_KINDS = _kinds(CombinedMeasure)
MEASURE_KINDS = ROW_MEASURE_KINDS + COMBINED_MEASURE_KINDS


@lru_cache(maxsize=4096)
def expression_names(expression: str) -> tuple[str, ...] | None:
    """The names an expression uses, sorted; None when it does not parse. Cached: the
    reference graph is walked many times per load and compute."""
    # imported here: the expression parser needs numpy, which `ctscore list` does without
    from ctscore.expressions import ExpressionError, parse_expression

    try:
        return tuple(sorted(parse_expression(expression).names))
    except ExpressionError:
        return None
