"""Indicator tests declared in YAML (in the spirit of dbt unit tests): given these rows,
this indicator has these values."""

from __future__ import annotations

from pydantic import ConfigDict, Field, model_validator

from ctscore.spec.base import Identifier, PeriodType, ProjectPath, Scalar, StrictModel


class GivenRows(StrictModel):
    """The rows one source holds during a test: inline, or a small file of the project."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "rows": [
                        {"date": "2024-01-05", "province": "Punjab", "attack_type": "ied"},
                        {
                            "date": "2024-02-10",
                            "province": "Sindh",
                            "attack_type": "suicide_bombing",
                        },
                    ]
                },
                {"file": "tests/incidents.csv"},
            ]
        }
    )

    rows: list[dict[str, Scalar | None]] | None = Field(
        default=None,
        description="Rows as mappings of column to value; columns the source declares but a "
        "row leaves out are empty.",
    )
    file: ProjectPath | None = Field(
        default=None,
        description="A CSV file with a header row, relative to the project root, instead of "
        "`rows`.",
    )

    @model_validator(mode="after")
    def _one_of_rows_or_file(self):
        if (self.rows is None) == (self.file is None):
            raise ValueError("give either 'rows' or 'file'")
        return self


class Expected(StrictModel):
    """One value an indicator must have."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"indicator": "attacks", "period": "2024-Q1", "breakdown": "Punjab", "value": 2},
                {"indicator": "police_share", "period": "2024-Q2", "value": None},
            ]
        }
    )

    indicator: Identifier = Field(description="The indicator.")
    period: str = Field(description="Period label, e.g. 2024-Q1, 2024-03, 2024 or FY2024.")
    breakdown: str | None = Field(
        default=None,
        description="The breakdown value (e.g. Punjab) when the test sets `by`; default: the "
        "total.",
    )
    value: float | None = Field(description="The expected value; null when it has none.")


class IndicatorTest(StrictModel):
    """Fixture rows for the sources an indicator reads, and the values it must give."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "attacks_by_province",
                    "description": "Two attacks in Punjab and one in Sindh.",
                    "period_type": "quarter",
                    "by": "province",
                    "given": {
                        "incidents": {
                            "rows": [
                                {"date": "2024-01-05", "province": "Punjab"},
                                {"date": "2024-02-10", "province": "Punjab"},
                                {"date": "2024-03-01", "province": "Sindh"},
                            ]
                        }
                    },
                    "expect": [
                        {"indicator": "attacks", "period": "2024-Q1", "value": 3},
                        {
                            "indicator": "attacks",
                            "period": "2024-Q1",
                            "breakdown": "Punjab",
                            "value": 2,
                        },
                    ],
                }
            ]
        }
    )

    id: Identifier = Field(description="Name used with `ctscore test --select`.")
    description: str = Field(default="", description="What the test pins down, and why.")
    given: dict[Identifier, GivenRows] = Field(
        description="Rows per source id. Sources not named here hold no rows."
    )
    period_type: PeriodType | None = Field(
        default=None, description="month, quarter, year or fiscal_year; default: the project's."
    )
    by: str | None = Field(
        default=None, description="Breakdown dimension the `breakdown` values belong to."
    )
    expect: list[Expected] = Field(min_length=1, description="The values to check.")
    tolerance: float = Field(
        default=1e-9, ge=0, description="Largest absolute difference that still passes."
    )

    @property
    def indicators(self) -> list[str]:
        return list(dict.fromkeys(e.indicator for e in self.expect))
