"""Shared building blocks of the spec models."""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import PurePosixPath, PureWindowsPath
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
)

from ctscore.spec.yamlfile import PathKey

Reference = tuple[PathKey, str]  # (path inside an indicator, referenced indicator id)

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
    """Every spec model: unknown keys are errors, instances are immutable, and a number is
    finite (``.nan`` and ``.inf`` are errors wherever a number is declared)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=False, allow_inf_nan=False
    )


def listed_twice(values: list[str]) -> list[str]:
    """The values a list gives more than once, sorted (for 'give each once' errors)."""
    return sorted({value for value in values if values.count(value) > 1})


def inside_project(value: str) -> str:
    """Validator: a path relative to the project folder that stays inside it.

    Checked on the path as written, so a link the project's owner placed inside the
    folder may still point elsewhere (e.g. to a shared data drive)."""
    absolute = PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute()
    normal = posixpath.normpath(value.replace("\\", "/"))
    if absolute or normal == ".." or normal.startswith("../"):
        raise ValueError(
            f"'{value}' must be inside the project folder; copy or link it there and give "
            "its path relative to the folder"
        )
    return value


# A path relative to the project folder that may not lead out of it.
ProjectPath = Annotated[str, AfterValidator(inside_project)]
