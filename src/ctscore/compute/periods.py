"""Reporting periods: month, quarter, year and fiscal year, labelled as users write them.

Built on pandas Periods: a fiscal year starting in July is pandas' annual period
ending in June, whose year is the year it ends in, so FY2024 = July 2023 - June 2024.
Placing many dates on a grid of periods is done with month arithmetic on numpy arrays
(:meth:`Calendar.positions`), which gives the same answer as ``Series.dt.to_period``
much faster.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

PERIODS_PER_YEAR = {"month": 12, "quarter": 4, "year": 1, "fiscal_year": 1}
MONTHS_PER_PERIOD = {"month": 1, "quarter": 3, "year": 12, "fiscal_year": 12}


def _months(days: np.ndarray) -> np.ndarray:
    """Months since January 1970 (NaT gives a meaningless number: mask it)."""
    return days.astype("datetime64[M]").astype("int64")


def noun_of(period_type: str) -> str:
    """A period type in words: 'fiscal_year' -> 'fiscal year'."""
    return period_type.replace("_", " ")


@dataclass(frozen=True)
class Calendar:
    """How a project divides time: the period type and the fiscal year's first month."""

    period_type: str = "quarter"
    fiscal_year_start_month: int = 7

    def __post_init__(self) -> None:
        if self.period_type not in PERIODS_PER_YEAR:
            raise ValueError(
                f"unknown period type '{self.period_type}'; use one of "
                + ", ".join(PERIODS_PER_YEAR)
            )
        if not 1 <= self.fiscal_year_start_month <= 12:
            raise ValueError("the fiscal year's start month must be 1 to 12")

    @classmethod
    def for_project(cls, config, period_type: str | None = None) -> Calendar:
        """The calendar of a project (its ``ProjectConfig``) for ``period_type``, by default
        the project's default period type."""
        return cls(period_type or config.default_period_type, config.fiscal_year_start_month)

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
    def noun(self) -> str:
        """The period type in words: 'quarter', 'fiscal year'."""
        return noun_of(self.period_type)

    @property
    def periods_per_year(self) -> int:
        return PERIODS_PER_YEAR[self.period_type]

    def grid(self, first: pd.Timestamp, last: pd.Timestamp) -> pd.PeriodIndex:
        """Every period touching [first, last], in order, none missing."""
        return pd.period_range(first.to_period(self.freq), last.to_period(self.freq))

    def _number(self, months: np.ndarray) -> np.ndarray:
        """Number of the period holding each month (months counted from January 1970)."""
        offset = self.fiscal_year_start_month - 1 if self.period_type == "fiscal_year" else 0
        return (months - offset) // MONTHS_PER_PERIOD[self.period_type]

    def positions(self, dates, grid: pd.PeriodIndex) -> np.ndarray:
        """For each date, the 0-based position of its period in ``grid``; -1 when the date
        is missing or outside the grid. ``grid`` must be a contiguous grid of this calendar."""
        days = np.asarray(dates).astype("datetime64[D]")
        missing = np.isnat(days)
        number = days.view("int64")
        if missing.all():
            return np.full(len(days), -1, dtype="int64")
        low, high = number[~missing].min(), number[~missing].max()
        start = grid[0].start_time
        first = self._number(np.array([(start.year - 1970) * 12 + start.month - 1]))[0]
        if high - low > 2 * len(days):  # few dates over a long span: convert each one
            return self._on_grid(self._number(_months(days)) - first, missing, len(grid))
        # Each day of the span, looked up: far cheaper than converting every date.
        span = np.arange(low, high + 1).astype("datetime64[D]")
        by_day = self._on_grid(self._number(_months(span)) - first, False, len(grid))
        return np.where(missing, -1, by_day[np.where(missing, low, number) - low])

    @staticmethod
    def _on_grid(position: np.ndarray, missing, size: int) -> np.ndarray:
        return np.where(missing | (position < 0) | (position >= size), -1, position)

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
            raise ValueError(f"'{text}' is not a {self.noun} label; write it like '{example}'")
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

    def overlaps(
        self, period: pd.Period, covered_from: pd.Timestamp, covered_to: pd.Timestamp
    ) -> bool:
        """Whether the data's coverage shares at least one day with the period."""
        return period.start_time <= covered_to.normalize() and (
            period.end_time.normalize() >= covered_from.normalize()
        )

    def splits_years(self, fiscal: bool) -> bool:
        """Whether a (fiscal) year starts part-way through a period, so that some periods
        hold days of two years: quarters when the fiscal year starts in February, calendar
        years against a fiscal year, fiscal years against the calendar year."""
        year_start = self.fiscal_year_start_month - 1 if fiscal else 0
        period_start = self.fiscal_year_start_month - 1 if self.period_type == "fiscal_year" else 0
        return (year_start - period_start) % MONTHS_PER_PERIOD[self.period_type] != 0

    def years(self, days: pd.DatetimeIndex, fiscal: bool) -> np.ndarray:
        """The (fiscal) year of each day, as a number (a fiscal year is numbered by the year
        it ends in): what year-to-date totals restart on."""
        months = days.year.to_numpy() * 12 + days.month.to_numpy() - 1
        offset = self.fiscal_year_start_month - 1 if fiscal else 0
        return (months - offset) // 12 + (1 if offset else 0)
