"""Measures: how an indicator's value is computed, one class per kind.

Each kind keeps next to its model (here, or in ``period_measures`` for rolling, change,
year_to_date and composite), what the other stages ask of it: ``references()``
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

from pydantic import ConfigDict, Field, model_validator

from ctscore.spec.base import Identifier, Reference, StrictModel
from ctscore.spec.filters import Filter
from ctscore.spec.period_measures import (
    ChangeMeasure,
    CompositeMeasure,
    RollingMeasure,
    YearToDateMeasure,
)


class CountMeasure(StrictModel):
    """Number of rows."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"kind": "count"}]})

    kind: Literal["count"] = Field(description="Count the rows that pass the filter.")

    def references(self) -> list[Reference]:
        return []

    def formula(self) -> str:
        return "number of rows"


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

    def references(self) -> list[Reference]:
        return [(("measure", "indicator"), self.indicator)]

    def formula(self) -> str:
        return f"{self.indicator} per {self.per:,.0f} people ({self.population}, by year)"


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

    def references(self) -> list[Reference]:
        names = expression_names(self.expression) or ()  # errors: the expression check
        return [(("measure", "expression"), name) for name in names]

    def formula(self) -> str:
        return self.expression


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
