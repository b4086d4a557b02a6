"""Row filters: which source rows an indicator counts.

A filter is a mapping. Each key is a column name with a test, or one of the
combinators ``all``, ``any`` and ``not``. Keys of one mapping must all hold::

    filter:
      province: [Khyber Pakhtunkhwa, Balochistan]   # value in a list
      attack_type: suicide_bombing                  # equality
      killed_civilians: {gte: 1}                    # comparison
      any:
        - target_type: police
        - target_type: security_forces
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from ctscore.spec.base import Scalar, StrictModel

COMBINATORS = ("all", "any", "not")
MAX_PATTERN = 200  # characters of a 'matches' pattern: a short pattern cannot blow up long


class Condition(StrictModel):
    """A test on one column; give one or more operators, all of which must hold."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"gte": 1},
                {"between": [2015, 2020]},
                {"in": ["police", "security_forces"]},
                {"starts_with": "Government of Pakistan - "},
                {"is_null": False},
            ]
        }
    )

    eq: Scalar | None = Field(default=None, description="Equal to this value.")
    ne: Scalar | None = Field(default=None, description="Not equal to this value.")
    lt: Scalar | None = Field(default=None, description="Less than this value.")
    lte: Scalar | None = Field(default=None, description="Less than or equal to this value.")
    gt: Scalar | None = Field(default=None, description="Greater than this value.")
    gte: Scalar | None = Field(default=None, description="Greater than or equal to this value.")
    in_: list[Scalar] | None = Field(default=None, alias="in", description="One of these values.")
    not_in: list[Scalar] | None = Field(default=None, description="None of these values.")
    between: tuple[Scalar, Scalar] | None = Field(
        default=None, description="Between these two values, both ends included."
    )
    is_null: bool | None = Field(
        default=None, description="true: the value is missing; false: the value is present."
    )
    contains: str | None = Field(
        default=None, description="Text columns: the value contains this text (case matters)."
    )
    starts_with: str | None = Field(
        default=None, description="Text columns: the value starts with this text."
    )
    matches: str | None = Field(
        default=None,
        max_length=MAX_PATTERN,
        description="Text columns: the whole value matches this regular expression (Python "
        f"syntax, anchored at both ends, at most {MAX_PATTERN} characters), e.g. "
        "'Government of Pakistan - .*'.",
    )

    @field_validator("matches", mode="after")
    @classmethod
    def _a_regular_expression(cls, pattern: str | None) -> str | None:
        if pattern is None:
            return pattern
        try:
            re.compile(pattern)
        except re.error as error:
            raise ValueError(f"'{pattern}' is not a regular expression: {error}") from None
        return pattern

    @field_validator("between", mode="before")
    @classmethod
    def _two_values(cls, value: Any) -> Any:
        if value is not None and (not isinstance(value, list | tuple) or len(value) != 2):
            raise ValueError("between needs exactly two values [low, high]")
        return value

    @field_validator("between", mode="after")
    @classmethod
    def _low_then_high(cls, ends: tuple[Scalar, Scalar] | None) -> tuple[Scalar, Scalar] | None:
        if ends is None:
            return ends
        low, high = ends
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in ends)
        dates = all(isinstance(v, dt.date) for v in ends)
        if (numbers or dates) and low > high:  # type: ignore[operator]  # both numbers or dates
            raise ValueError(
                f"between's first value ({low}) is larger than its second ({high}); "
                f"write [{high}, {low}]"
            )
        return ends

    @model_validator(mode="after")
    def _has_an_operator(self) -> Condition:
        if not self.model_fields_set:
            raise ValueError(
                "empty condition; give an operator such as eq, in, gte, between or is_null"
            )
        empty = [
            name
            for name in sorted(self.model_fields_set)
            if name != "is_null" and getattr(self, name) is None
        ]
        if empty:
            written = (Condition.model_fields[empty[0]].alias or empty[0]).rstrip("_")
            raise ValueError(
                f"'{written}: null' tests nothing; missing values never pass a comparison. "
                "To keep rows with a missing value write 'is_null: true'"
            )
        return self


def _test_kind(value: Any) -> str:
    if isinstance(value, dict | Condition):
        return "condition"
    if isinstance(value, list):
        return "list"
    return "value"


ColumnTest = Annotated[
    Annotated[Condition, Tag("condition")]
    | Annotated[list[Scalar], Tag("list")]
    | Annotated[Scalar, Tag("value")],
    Discriminator(_test_kind),
]


class Filter(BaseModel):
    """Keys are column names with a test (a value, a list of values or a condition), or
    the combinators ``all``/``any`` (lists of filters) and ``not`` (a filter)."""

    model_config = ConfigDict(
        extra="allow",
        frozen=True,
        populate_by_name=False,
        allow_inf_nan=False,
        json_schema_extra={
            "examples": [
                {
                    "province": ["Khyber Pakhtunkhwa", "Balochistan"],
                    "attack_type": "suicide_bombing",
                    "killed_civilians": {"gte": 1},
                    "any": [{"target_type": "police"}, {"target_type": "security_forces"}],
                },
                {"country_txt": "Pakistan", "not": {"doubtterr": 1}},
            ]
        },
    )
    __pydantic_extra__: dict[str, ColumnTest] = Field(init=False)

    all_: list[Filter] | None = Field(
        default=None, alias="all", description="Every one of these filters holds."
    )
    any_: list[Filter] | None = Field(
        default=None, alias="any", description="At least one of these filters holds."
    )
    not_: Filter | None = Field(default=None, alias="not", description="This filter does not hold.")

    @property
    def column_tests(self) -> dict[str, Any]:
        return dict(self.__pydantic_extra__ or {})

    def columns(self) -> set[str]:
        """Every column this filter reads, including inside combinators."""
        names = set(self.column_tests)
        for child in [*(self.all_ or []), *(self.any_ or []), *([self.not_] if self.not_ else [])]:
            names |= child.columns()
        return names
