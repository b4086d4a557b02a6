"""Sources side by side: one concept (e.g. attacks) measured by several datasets, shown
together on a scorecard with their ratio over time and where they diverge most."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ConfigDict, Field, field_validator

from ctscore.spec.base import Identifier, StrictModel, listed_twice
from ctscore.spec.indicators import RowIndicator

if TYPE_CHECKING:  # project_spec imports the scorecard models, and through them this one
    from ctscore.spec.project_spec import ProjectSpec


class SideBySide(StrictModel):
    """One concept measured by several sources, e.g. attacks in UCDP GED, the GTD and ACLED:
    a chart and a table of each source's value per period, each one's ratio to the first,
    the period where they diverge most, and what such differences mean."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title": "Attacks in three datasets",
                    "indicators": ["ged_ttp_events", "gtd_incidents", "acled_attacks"],
                    "note": "GTD counts attempted attacks too; GED only events with at least "
                    "one death.",
                }
            ]
        }
    )

    title: str = Field(min_length=1, description="Heading, e.g. 'Attacks in three datasets'.")
    indicators: list[Identifier] = Field(
        min_length=2,
        description="The concept as each source measures it: one indicator per source, each "
        "computed from rows of that source (count, sum, ...). The first is the reference "
        "the others' ratios are to.",
    )
    note: str = Field(
        default="",
        description="What the sources' definitions differ in, printed under the comparison "
        "(e.g. 'GTD counts attempted attacks; GED only events with a death').",
    )

    @field_validator("indicators")
    @classmethod
    def _each_once(cls, value: list[str]) -> list[str]:
        twice = listed_twice(value)
        if twice:
            raise ValueError(f"each indicator may appear once; given twice: {', '.join(twice)}")
        return value


def check_side_by_side_indicators(spec: ProjectSpec):
    """Each indicator exists and is computed from a source's rows (the comparison is
    between sources), and no two come from the same source."""
    for card in spec.scorecards.values():
        if card.region and card.side_by_side:
            message = (
                "side-by-side comparisons are for scorecards of the whole data: sources name "
                "their regions differently, so one region's rows cannot be picked in each"
            )
            yield spec.diagnostic("scorecards", card.id, ("side_by_side",), message)
        for c_index, comparison in enumerate(card.side_by_side):
            sources: dict[str, str] = {}
            for i_index, ref in enumerate(comparison.indicators):
                path = ("side_by_side", c_index, "indicators", i_index)
                indicator = spec.indicators.get(ref)
                if indicator is None:
                    if unknown := spec.unknown_reference("indicators", ref, "indicator"):
                        yield spec.diagnostic("scorecards", card.id, path, unknown)
                    continue
                if not isinstance(indicator, RowIndicator):
                    message = (
                        f"indicator '{ref}' combines other indicators; a side-by-side "
                        "comparison needs indicators computed from one source's rows each"
                    )
                    yield spec.diagnostic("scorecards", card.id, path, message)
                elif indicator.source in sources:
                    message = (
                        f"indicators '{sources[indicator.source]}' and '{ref}' both come from "
                        f"source '{indicator.source}'; compare different sources"
                    )
                    yield spec.diagnostic("scorecards", card.id, path, message)
                else:
                    sources[indicator.source] = ref


CHECKS = [check_side_by_side_indicators]
