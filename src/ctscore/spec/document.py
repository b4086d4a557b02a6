"""The shape of a spec file: top-level lists of each kind of declaration."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field, TypeAdapter

from ctscore.spec.base import StrictModel
from ctscore.spec.evaluations import Evaluation
from ctscore.spec.indicator_tests import IndicatorTest
from ctscore.spec.indicators import Indicator
from ctscore.spec.scorecards import PolicyEvent, Scorecard
from ctscore.spec.sources import Codebook, Source


class SpecFile(StrictModel):
    """A YAML spec file. It may hold any mix of these lists."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "policy_events": [
                        {"id": "ttp_ceasefire", "date": "2021-11-09", "title": "TTP ceasefire"}
                    ],
                    "indicators": [
                        {
                            "id": "attacks",
                            "title": "Attacks",
                            "description": "Attacks recorded in the period.",
                            "unit": "attacks",
                            "direction": "lower_is_better",
                            "source": "incidents",
                            "measure": {"kind": "count"},
                        }
                    ],
                }
            ]
        }
    )

    sources: list[Source] = Field(default=[], description="Data tables.")
    codebooks: list[Codebook] = Field(default=[], description="Versioned classifications.")
    indicators: list[Indicator] = Field(default=[], description="Performance indicators.")
    scorecards: list[Scorecard] = Field(default=[], description="Periodic reports.")
    policy_events: list[PolicyEvent] = Field(default=[], description="Dated policy milestones.")
    tests: list[IndicatorTest] = Field(
        default=[], description="Indicator tests run by `ctscore test`."
    )
    evaluations: list[Evaluation] = Field(
        default=[],
        description="Questions on the effect of a policy event (interrupted time series).",
    )


# Item type of each top-level list (a model, or a union of models such as Indicator), in
# the order files are validated and checked, and the validator of each.
KINDS: dict[str, Any] = {
    name: field.annotation.__args__[0]  # type: ignore[union-attr]
    for name, field in SpecFile.model_fields.items()
}
ITEM_VALIDATORS: dict[str, TypeAdapter[Any]] = {name: TypeAdapter(tp) for name, tp in KINDS.items()}
