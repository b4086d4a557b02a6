"""Shared building blocks of the spec models."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        max_length=64,
        description="Lower-case letters, digits and underscores, starting with a letter.",
    ),
]
Scalar = StrictBool | StrictInt | StrictFloat | dt.date | str
PeriodType = Literal["month", "quarter", "year", "fiscal_year"]
Direction = Literal["higher_is_better", "lower_is_better"]


class StrictModel(BaseModel):
    """Every spec model: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)
