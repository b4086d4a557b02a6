"""Reporting periods: month, quarter, year and fiscal year, labelled as users write them.

Built on pandas Periods: a fiscal year starting in July is pandas' annual period
ending in June, whose year is the year it ends in, so FY2024 = July 2023 - June 2024.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

import pandas as pd

PERIODS_PER_YEAR = {"month": 12, "quarter": 4, "year": 1, "fiscal_year": 1}


@dataclass(frozen=True)
class Calendar:
    """How a project divides time: the period type and the fiscal year's first month."""

    period_type: str = "quarter"
    fiscal_year_start_month: int = 7

    @property
    def freq(self) -> str:
        if self.period_type == "month":
            return "M"
        if self.period_type == "quarter":
            return "Q-DEC"
        return f"Y-{calendar.month_abbr[self.year_end_month].upper()}"

    @property
    def year_end_month(self) -> int:
        """Last month of the (fiscal) year."""
        if self.period_type != "fiscal_year":
            return 12
        return (self.fiscal_year_start_month - 2) % 12 + 1

    @property
    def periods_per_year(self) -> int:
        return PERIODS_PER_YEAR[self.period_type]

    def of(self, dates: pd.Series) -> pd.Series:
        """The period each date falls in (NaT stays missing)."""
        return dates.dt.to_period(self.freq)

    def grid(self, first: pd.Timestamp, last: pd.Timestamp) -> pd.PeriodIndex:
        """Every period touching [first, last], in order, none missing."""
        return pd.period_range(first.to_period(self.freq), last.to_period(self.freq))

    def label(self, period: pd.Period) -> str:
        if self.period_type == "month":
            return f"{period.year:04d}-{period.month:02d}"
        if self.period_type == "quarter":
            return f"{period.year:04d}-Q{period.quarter}"
        if self.period_type == "fiscal_year":
            return f"FY{period.year:04d}"
        return f"{period.year:04d}"

    def parse(self, text: str) -> pd.Period:
        """The period a label such as '2024-Q1', '2024-03', '2024' or 'FY2024' names."""
        patterns = {
            "month": (r"(\d{4})-(\d{2})", "2024-03"),
            "quarter": (r"(\d{4})-Q([1-4])", "2024-Q1"),
            "year": (r"(\d{4})", "2024"),
            "fiscal_year": (r"FY(\d{4})", "FY2024"),
        }
        pattern, example = patterns[self.period_type]
        match = re.fullmatch(pattern, text.strip())
        if not match:
            raise ValueError(
                f"'{text}' is not a {self.period_type.replace('_', ' ')} label; "
                f"write it like '{example}'"
            )
        year = int(match.group(1))
        if self.period_type == "month":
            month = int(match.group(2))
            if not 1 <= month <= 12:
                raise ValueError(f"'{text}': month must be 01 to 12")
            return pd.Period(year=year, month=month, freq=self.freq)
        if self.period_type == "quarter":
            return pd.Period(year=year, quarter=int(match.group(2)), freq=self.freq)
        # An annual period is named by the year it ends in.
        return pd.Period(year=year, month=self.year_end_month, freq=self.freq)

    def is_complete(
        self, period: pd.Period, covered_from: pd.Timestamp, covered_to: pd.Timestamp
    ) -> bool:
        """Whether the data's coverage [covered_from, covered_to] spans the whole period."""
        return period.start_time >= covered_from.normalize() and (
            period.end_time.normalize() <= covered_to.normalize()
        )

    def same_period_last_year(self, period: pd.Period) -> pd.Period:
        return period - self.periods_per_year
