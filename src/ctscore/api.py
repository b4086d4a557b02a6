"""The Python API for notebooks: ``project = ctscore.load_project("."); project.compute()``."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from pathlib import Path

import pandas as pd

from ctscore.compute.engine import compute
from ctscore.compute.periods import Calendar
from ctscore.data import LoadedData, load_data
from ctscore.spec.loader import load_project_spec
from ctscore.spec.project_spec import ProjectSpec


class Project:
    """A loaded, checked project. Data is read on first use and kept."""

    def __init__(self, spec: ProjectSpec):
        self.spec = spec

    @cached_property
    def data(self) -> LoadedData:
        return load_data(self.spec)

    def calendar(self, period_type: str | None = None) -> Calendar:
        return Calendar.for_project(self.spec.config, period_type)

    def compute(
        self,
        indicators: list[str] | str | None = None,
        period_type: str | None = None,
        by: list[str] | str | None = None,
        start: str | dt.date | None = None,
        end: str | dt.date | None = None,
    ) -> pd.DataFrame:
        """Tidy results: one row per indicator, period and breakdown value, each value with
        its confidence interval (``ci_low``, ``ci_high``, ``ci_method``; see
        ``ctscore.compute.result``); with ``start`` and ``end`` (a period label such as '2007'
        or '2007-Q1', or a day), the periods of that range only."""
        indicators = [indicators] if isinstance(indicators, str) else indicators
        by = [by] if isinstance(by, str) else by
        calendar = self.calendar(period_type)
        return compute(self.spec, self.data, calendar, indicators, by, start, end)


def load_project(path: str | Path = ".") -> Project:
    """Load and check the project at ``path``; raises ctscore.UserError listing every problem."""
    return Project(load_project_spec(path))
