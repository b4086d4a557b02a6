"""Scorecards (what a report shows) and policy events (dated milestones it refers to)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import ConfigDict, Field, model_validator

from ctscore.spec.base import Identifier, PeriodType, StrictModel
from ctscore.spec.side_by_side import SideBySide

Comparison = Literal["previous_period", "same_period_last_year", "baseline"]


class PolicyEvent(StrictModel):
    """A dated policy milestone, e.g. the start or end of a ceasefire."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "ttp_ceasefire",
                    "date": "2021-11-09",
                    "title": "TTP ceasefire",
                    "description": "Month-long ceasefire between the government and the TTP.",
                },
                {"id": "nap", "date": "2014-12", "title": "National Action Plan"},
            ]
        }
    )

    id: Identifier = Field(description="Name scorecards use to refer to this event.")
    date: dt.date = Field(
        description="Date of the event (YYYY-MM-DD), or its month only (YYYY-MM): the event "
        "is then placed on the month's first day and labelled with the month."
    )
    date_precision: Literal["day", "month"] = Field(
        default="day",
        description="How precisely the date is known; 'month' is set for you by a YYYY-MM date.",
    )

    @model_validator(mode="before")
    @classmethod
    def _month_only(cls, data: Any) -> Any:
        """``date: 2007-12`` (YAML reads it as text) is the first of December 2007."""
        written = data.get("date") if isinstance(data, dict) else None
        if isinstance(written, str) and re.fullmatch(r"\d{4}-\d{2}", written.strip()):
            year, month = map(int, written.strip().split("-"))
            if 1 <= month <= 12:
                return {**data, "date": dt.date(year, month, 1), "date_precision": "month"}
        return data

    title: str = Field(min_length=1, description="Short label shown on charts.")
    description: str = Field(default="", description="What happened, for the appendix.")


class Target(StrictModel):
    """What counts as success for one indicator: an absolute value or a change from baseline."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"value": 10, "amber_margin": 20}, {"change_from_baseline": -10}]
        }
    )

    value: float | None = Field(
        default=None, description="Reach this value or better (read with the direction)."
    )
    change_from_baseline: float | None = Field(
        default=None,
        description="Reach this percent change from the baseline or better, e.g. -10 for "
        "'10% below the baseline'.",
    )
    amber_margin: float = Field(
        default=10,
        ge=0,
        description="Missing the target by at most this percent of the target gives amber "
        "instead of red.",
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Target:
        if (self.value is None) == (self.change_from_baseline is None):
            raise ValueError("give exactly one of 'value' and 'change_from_baseline'")
        return self


class EventWindow(StrictModel):
    """The periods just before a policy event."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"event": "ttp_ceasefire", "periods": 4}]}
    )

    event: Identifier = Field(description="The policy event.")
    periods: int = Field(default=4, ge=1, description="How many periods before it.")


class Baseline(StrictModel):
    """What 'before' means: one period, a window of periods, or the periods before an event."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"before_event": {"event": "ttp_ceasefire", "periods": 4}},
                {"period": "2021-Q3"},
                {"start": "2021-Q1", "end": "2021-Q4"},
            ]
        }
    )

    period: str | None = Field(default=None, description="One period, e.g. '2021-Q3'.")
    start: str | None = Field(default=None, description="First period of a window, e.g. 2021-Q1.")
    end: str | None = Field(default=None, description="Last period of a window, e.g. 2021-Q4.")
    before_event: EventWindow | None = Field(
        default=None, description="The average of the periods just before a policy event."
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Baseline:
        kinds = [self.period is not None, self.start is not None, self.before_event is not None]
        if sum(kinds) != 1 or (self.start is None) != (self.end is None):
            raise ValueError("give exactly one of 'period', 'start' with 'end', or 'before_event'")
        return self


class Region(StrictModel):
    """One value of a breakdown dimension, e.g. one province: the scorecard reports only the
    rows of that value (its own totals, baselines, targets and statuses)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"dimension": "province", "value": "Khyber Pakhtunkhwa"}]}
    )

    dimension: str = Field(
        min_length=1,
        description="A dimension every indicator on the scorecard can be broken down by, "
        "e.g. province.",
    )
    value: str = Field(
        min_length=1, description="The value to keep, as written in the data, e.g. Punjab."
    )


class Entry(StrictModel):
    """An indicator on a scorecard, with its target."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "indicator": "attacks",
                    "target": {"change_from_baseline": -10},
                    "note": "Target of the 2024 plan.",
                }
            ]
        }
    )

    indicator: Identifier = Field(description="The indicator to show.")
    target: Target | None = Field(default=None, description="Its target, if there is one.")
    note: str = Field(default="", description="A note printed under the indicator.")


class Section(StrictModel):
    """A group of indicators under one heading."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title": "Attacks",
                    "intro": "How often attacks happen, and where.",
                    "indicators": [
                        {"indicator": "attacks", "target": {"value": 100}},
                        "suicide_attacks",
                    ],
                }
            ]
        }
    )

    title: str = Field(min_length=1, description="Heading of the section.")
    intro: str = Field(default="", description="A sentence introducing the section.")
    indicators: list[Identifier | Entry] = Field(
        min_length=1, description="Indicator ids, or entries with a target."
    )

    def entries(self) -> list[Entry]:
        return [Entry(indicator=i) if isinstance(i, str) else i for i in self.indicators]


class Scorecard(StrictModel):
    """A periodic report: which indicators, for which period, compared with what."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "national_quarterly",
                    "title": "Counterterrorism scorecard - Pakistan",
                    "audience": "Ministry of Interior",
                    "period_type": "quarter",
                    "period": "latest_complete",
                    "breakdown": "province",
                    "comparisons": ["previous_period", "same_period_last_year", "baseline"],
                    "baseline": {"before_event": {"event": "ttp_ceasefire", "periods": 4}},
                    "sections": [
                        {
                            "title": "Attacks",
                            "indicators": [
                                {"indicator": "attacks", "target": {"change_from_baseline": -10}},
                                "suicide_attacks",
                            ],
                        }
                    ],
                    "evaluations": ["ceasefire_effect"],
                },
                {
                    "id": "kp_annual",
                    "title": "Khyber Pakhtunkhwa, annual",
                    "period_type": "year",
                    "period": "2024",
                    "region": {"dimension": "province", "value": "Khyber Pakhtunkhwa"},
                    "breakdown": "district",
                    "sections": [{"title": "Attacks", "indicators": ["attacks"]}],
                },
            ]
        }
    )

    id: Identifier = Field(description="Name used with `ctscore build --scorecard`.")
    title: str = Field(min_length=1, description="Title on the cover and running header.")
    subtitle: str = Field(default="", description="Line under the title.")
    audience: str = Field(default="", description="Who the report is for.")
    period_type: PeriodType | None = Field(
        default=None, description="month, quarter, year or fiscal_year; default: the project's."
    )
    period: str = Field(
        default="latest_complete",
        description="Period to report, e.g. '2024-Q3', or 'latest_complete' for the last "
        "period the data fully covers.",
    )
    start: dt.date | None = Field(
        default=None,
        description="First day the report covers: trend charts and tables start at the period "
        "holding it (a baseline must lie after it); `build --from` overrides it. Default: the "
        "start of the project's data.",
    )
    region: Region | None = Field(
        default=None,
        description="Report one value of a dimension only, e.g. {dimension: province, value: "
        "Punjab}; default: the whole data set.",
    )
    breakdown: str | None = Field(
        default=None,
        description="Dimension to break every indicator down by, e.g. province (district for "
        "a one-province scorecard).",
    )
    comparisons: list[Comparison] = Field(
        default=["previous_period", "same_period_last_year"],
        description="Earlier values to show beside the current one.",
    )
    baseline: Baseline | None = Field(
        default=None, description="The reference period(s) for 'baseline' comparisons."
    )
    trend_periods: int = Field(
        default=12, ge=2, le=120, description="How many periods the trend charts show."
    )
    sections: list[Section] = Field(min_length=1, description="The indicators, grouped.")
    side_by_side: list[SideBySide] = Field(
        default=[],
        description="Concepts measured by several sources, shown together after the sections: "
        "values, ratios over time and where the sources diverge most.",
    )
    evaluations: list[Identifier] = Field(
        default=[], description="Evaluations (policy effects) shown in a 'Policy effects' section."
    )

    @model_validator(mode="after")
    def _baseline_when_needed(self) -> Scorecard:
        needs = "baseline" in self.comparisons or any(
            entry.target and entry.target.change_from_baseline is not None
            for section in self.sections
            for entry in section.entries()
        )
        if needs and self.baseline is None:
            raise ValueError("a 'baseline' comparison or target needs a 'baseline'")
        return self

    @model_validator(mode="after")
    def _breakdown_not_region(self) -> Scorecard:
        if self.region and self.breakdown == self.region.dimension:
            raise ValueError(
                f"a scorecard for one {self.region.dimension} cannot be broken down by "
                f"{self.region.dimension}; choose another 'breakdown' (e.g. district) or none"
            )
        return self

    def entries(self) -> list[Entry]:
        return [entry for section in self.sections for entry in section.entries()]
