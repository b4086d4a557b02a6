"""``ctscore.yaml``: the file that makes a folder a ctscore project."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from ctscore.spec.base import PeriodType, ProjectPath, StrictModel


class ProjectPaths(StrictModel):
    """Where the project keeps its files, relative to the folder holding ``ctscore.yaml``."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"specs": ["indicators", "data"], "templates": "templates", "reports": "reports"}
            ]
        }
    )

    specs: list[ProjectPath] = Field(
        default=["indicators", "data"],
        description="Folders searched (recursively) for YAML spec files holding sources, "
        "indicators, scorecards, codebooks and policy events.",
    )
    templates: ProjectPath = Field(
        default="templates",
        description="Folder whose files override the built-in report templates and CSS.",
    )
    reports: ProjectPath = Field(
        default="reports", description="Folder the built reports are written to."
    )


class ProjectConfig(StrictModel):
    """Project settings, read from ``ctscore.yaml`` at the project root."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Pakistan counterterrorism scorecard",
                    "organisation": "Ministry of Interior",
                    "description": "Attacks, casualties and operations, quarter by quarter.",
                    "fiscal_year_start_month": 7,
                    "default_period_type": "quarter",
                    "small_count": 5,
                    "confidence": 0.95,
                    "paths": {
                        "specs": ["indicators", "data"],
                        "templates": "templates",
                        "reports": "reports",
                    },
                }
            ]
        }
    )

    name: str = Field(description="Name of the project, shown on every report.", min_length=1)
    organisation: str = Field(
        default="", description="Organisation publishing the reports, shown on the cover."
    )
    description: str = Field(default="", description="What the project measures, in plain words.")
    fiscal_year_start_month: int = Field(
        default=7,
        ge=1,
        le=12,
        description="First month of the fiscal year (7 = July, as in Pakistan: FY2024 runs "
        "July 2023 to June 2024). Used by the fiscal_year period type.",
    )
    small_count: int = Field(
        default=5,
        ge=0,
        description="Default 'small_count' of every indicator: values resting on fewer events "
        "are flagged and never judged (a source's 'small_count' overrides it).",
    )
    default_period_type: PeriodType = Field(
        default="quarter",
        description="Period type used when a command or scorecard does not name one.",
    )
    paths: ProjectPaths = Field(
        default_factory=ProjectPaths, description="Where the project's files live."
    )
    confidence: float = Field(
        default=0.95,
        gt=0.5,
        lt=1,
        description="Confidence level of every interval and test (0.95: 95% intervals; a "
        "change is called beyond chance when p < 1 - confidence).",
    )
    share_interval: Literal["wilson", "clopper_pearson"] = Field(
        default="wilson",
        description="Interval of shares: wilson (Wilson score) or clopper_pearson (exact).",
    )
