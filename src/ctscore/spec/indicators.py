"""Indicators: what is measured, from which rows, and how it is aggregated.

Two families, told apart by the kind of their measure (see ``ctscore.spec.measures``):

* a :class:`RowIndicator` aggregates the rows of its ``source`` that pass its filter;
* a :class:`CombinedIndicator` combines the results of other indicators, and has no
  source, filter or dimensions of its own.

A spec file writes both the same way; ``Indicator`` is their union, and the kind of the
measure picks the class.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

from ctscore.spec.base import Direction, Identifier, StrictModel, listed_twice
from ctscore.spec.filters import Filter
from ctscore.spec.measures import (
    COMBINED_MEASURE_KINDS,
    ROW_MEASURE_KINDS,
    CombinedMeasure,
    RowMeasure,
)


class IndicatorBase(StrictModel):
    """A performance indicator: one number per period (and breakdown value)."""

    id: Identifier = Field(description="Short name used in scorecards and expressions.")
    title: str = Field(min_length=1, description="Name shown in reports.")
    description: str = Field(
        min_length=1, description="What it measures, in words a policy officer understands."
    )
    rationale: str = Field(default="", description="Why it matters for policy.")
    unit: str = Field(min_length=1, description="Unit of the value, e.g. 'attacks', 'deaths'.")
    direction: Direction = Field(description="Whether a higher value is good or bad news.")
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


class RowIndicator(IndicatorBase):
    """An indicator aggregating the rows of one source (count, sum, mean, max, min,
    distinct_count)."""

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
                }
            ]
        }
    )

    source: Identifier = Field(description="Source whose rows a row measure aggregates.")
    filter: Filter | None = Field(default=None, description="Which rows of the source count.")
    measure: RowMeasure = Field(description="How the value is computed.")
    dimensions: list[str] = Field(
        default=[],
        description="Columns it can be broken down by, e.g. [province, district]. Indicators "
        "built from other indicators can be broken down by the dimensions all of them share.",
    )

    @field_validator("dimensions", mode="after")
    @classmethod
    def _each_dimension_once(cls, dimensions: list[str]) -> list[str]:
        twice = listed_twice(dimensions)
        if twice:
            raise ValueError(f"'{twice[0]}' is listed more than once; give each dimension once")
        return dimensions


class CombinedIndicator(IndicatorBase):
    """An indicator computed from other indicators (ratio, share, rate, derived, rolling,
    change, year_to_date, composite). It can be broken down by the dimensions all of its
    inputs share."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "attacks_per_million",
                    "title": "Attacks per million people",
                    "description": "Attacks per 1,000,000 inhabitants.",
                    "unit": "attacks per million",
                    "direction": "lower_is_better",
                    "decimals": 2,
                    "measure": {"kind": "rate", "indicator": "attacks", "population": "population"},
                }
            ]
        }
    )

    measure: CombinedMeasure = Field(description="How the value is computed.")

    @model_validator(mode="before")
    @classmethod
    def _no_rows_of_its_own(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        kind = _kind(data)
        extra = [name for name in _ROW_FIELDS if data.get(name) not in (None, [])]
        if extra and kind in COMBINED_MEASURE_KINDS:
            raise ValueError(
                f"'{kind}' combines other indicators; remove "
                + ", ".join(f"'{name}'" for name in extra)
            )
        # an empty source, filter or dimensions was accepted, and stands for none
        return {k: v for k, v in data.items() if k not in _ROW_FIELDS or k in extra}


_ROW_FIELDS = ("source", "filter", "dimensions")


def _kind(data: Any) -> Any:
    measure = data.get("measure") if isinstance(data, dict) else None
    return measure.get("kind") if isinstance(measure, dict) else None


def _family(data: Any) -> str:
    """Which class an indicator as written (or built) is: by the kind of its measure; an
    unknown or missing kind goes where its other keys are allowed, so that the kind is the
    one error reported."""
    if isinstance(data, IndicatorBase):
        return "row" if isinstance(data, RowIndicator) else "combined"
    kind = _kind(data)
    if kind in ROW_MEASURE_KINDS:
        return "row"
    if kind in COMBINED_MEASURE_KINDS:
        return "combined"
    has_rows = isinstance(data, dict) and any(name in data for name in _ROW_FIELDS)
    return "row" if has_rows else "combined"


Indicator = Annotated[
    Annotated[RowIndicator, Tag("row")] | Annotated[CombinedIndicator, Tag("combined")],
    Discriminator(_family),
]
