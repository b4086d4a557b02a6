"""Reporting periods: labels, fiscal years, grids, coverage and placing dates on a grid."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctscore.compute.periods import Calendar

TYPES = ["month", "quarter", "year", "fiscal_year"]


def labels(calendar: Calendar, first: str, last: str) -> list[str]:
    return [calendar.label(p) for p in calendar.grid(pd.Timestamp(first), pd.Timestamp(last))]


def test_labels_of_each_period_type():
    assert labels(Calendar("month"), "2023-11-20", "2024-02-01") == [
        "2023-11",
        "2023-12",
        "2024-01",
        "2024-02",
    ]
    assert labels(Calendar("quarter"), "2023-12-31", "2024-04-01") == [
        "2023-Q4",
        "2024-Q1",
        "2024-Q2",
    ]
    assert labels(Calendar("year"), "2023-12-31", "2024-01-01") == ["2023", "2024"]


def test_pakistan_fiscal_year_runs_july_to_june():
    fiscal = Calendar("fiscal_year", 7)
    fy2024 = fiscal.parse("FY2024")
    assert fiscal.label(fy2024) == "FY2024"
    assert fy2024.start_time == pd.Timestamp("2023-07-01")
    assert fy2024.end_time.normalize() == pd.Timestamp("2024-06-30")
    assert labels(fiscal, "2023-06-30", "2023-07-01") == ["FY2023", "FY2024"]


def test_fiscal_year_starting_in_january_is_the_calendar_year():
    fiscal = Calendar("fiscal_year", 1)
    assert fiscal.parse("FY2024").start_time == pd.Timestamp("2024-01-01")
    assert labels(fiscal, "2024-01-01", "2024-12-31") == ["FY2024"]


def test_parse_round_trips_and_rejects_wrong_labels():
    for period_type, text in [
        ("month", "2024-03"),
        ("quarter", "2024-Q1"),
        ("year", "2024"),
        ("fiscal_year", "FY2024"),
    ]:
        calendar = Calendar(period_type)
        assert calendar.label(calendar.parse(text)) == text
    with pytest.raises(ValueError, match="write it like '2024-Q1'"):
        Calendar("quarter").parse("2024Q1")
    with pytest.raises(ValueError, match="month must be 01 to 12"):
        Calendar("month").parse("2024-13")


def test_unknown_period_type_is_refused():
    with pytest.raises(ValueError, match="unknown period type 'week'"):
        Calendar("week")


def test_positions_by_hand():
    dates = pd.Series(
        pd.to_datetime(["2023-06-30", "2023-07-01", "2024-06-30", None, "2019-06-30"])
    )
    grid = Calendar("fiscal_year", 7).grid(pd.Timestamp("2020-01-01"), pd.Timestamp("2024-12-31"))
    assert [str(p.year) for p in grid] == ["2020", "2021", "2022", "2023", "2024", "2025"]
    # FY2023, FY2024, FY2024, missing, FY2019 (before the grid)
    assert Calendar("fiscal_year", 7).positions(dates, grid).tolist() == [3, 4, 4, -1, -1]
    quarters = Calendar("quarter").grid(pd.Timestamp("2023-04-01"), pd.Timestamp("2023-12-31"))
    assert Calendar("quarter").positions(dates, quarters).tolist() == [0, 1, -1, -1, -1]


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(TYPES),
    st.integers(1, 12),
    st.lists(st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)), min_size=1, max_size=30),
)
def test_positions_agree_with_pandas_periods(period_type, start_month, days):
    calendar = Calendar(period_type, start_month)
    dates = pd.Series(pd.to_datetime(days))
    grid = calendar.grid(pd.Timestamp("2000-03-15"), pd.Timestamp("2030-08-20"))
    expected = [grid.get_loc(p) if p in grid else -1 for p in dates.dt.to_period(calendar.freq)]
    assert calendar.positions(dates, grid).tolist() == expected


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(TYPES),
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)),
    st.integers(0, 2000),
)
def test_grid_has_every_period_once_in_order(period_type, first, days):
    calendar = Calendar(period_type, 7)
    start = pd.Timestamp(first)
    grid = calendar.grid(start, start + pd.Timedelta(days=days))
    assert grid[0].start_time <= start <= grid[0].end_time
    gaps = [(b.start_time - a.end_time).total_seconds() for a, b in itertools.pairwise(grid)]
    assert all(0 < gap <= 1 for gap in gaps)  # the next period starts right after
    assert len(set(grid)) == len(grid)


def test_complete_and_overlapping_periods():
    calendar = Calendar("quarter")
    q4 = pd.Period("2024Q4", freq="Q-DEC")
    start = pd.Timestamp("2015-01-01")
    assert calendar.is_complete(q4, start, pd.Timestamp("2024-12-31"))
    assert not calendar.is_complete(q4, start, pd.Timestamp("2024-11-15"))
    assert calendar.overlaps(q4, start, pd.Timestamp("2024-10-01"))
    assert not calendar.overlaps(q4, start, pd.Timestamp("2024-09-30"))
    assert not calendar.is_complete(q4, pd.Timestamp("2024-10-02"), pd.Timestamp("2025-06-30"))


def test_years_restart_at_the_fiscal_year_start():
    days = pd.DatetimeIndex(["2023-06-30", "2023-07-01", "2024-01-01", "2024-07-01"])
    assert Calendar("quarter", 7).years(days, fiscal=True).tolist() == [2023, 2024, 2024, 2025]
    assert Calendar("quarter", 7).years(days, fiscal=False).tolist() == [2023, 2023, 2024, 2024]
    assert Calendar("quarter", 1).years(days, fiscal=True).tolist() == [2023, 2023, 2024, 2024]
    # April start: FY2024 runs April 2023 - March 2024
    assert np.array_equal(Calendar("month", 4).years(days, True), [2024, 2024, 2024, 2025])


@pytest.mark.parametrize(
    ("period_type", "start", "fiscal", "splits"),
    [
        ("month", 2, True, False),  # a month always lies in one year
        ("quarter", 1, True, False),
        ("quarter", 4, True, False),
        ("quarter", 7, True, False),
        ("quarter", 2, True, True),  # Q1 holds January (FY ending) and February (FY starting)
        ("quarter", 12, True, True),
        ("quarter", 2, False, False),  # calendar years are made of quarters
        ("year", 1, True, False),
        ("year", 7, True, True),
        ("year", 7, False, False),
        ("fiscal_year", 7, True, False),
        ("fiscal_year", 7, False, True),  # FY2024 = July 2023 - June 2024
        ("fiscal_year", 1, False, False),
    ],
)
def test_periods_that_hold_days_of_two_years(period_type, start, fiscal, splits):
    assert Calendar(period_type, start).splits_years(fiscal) is splits


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(TYPES), st.integers(1, 12), st.booleans())
def test_splits_years_agrees_with_the_years_of_first_and_last_days(period_type, start, fiscal):
    calendar = Calendar(period_type, start)
    grid = calendar.grid(pd.Timestamp("2020-01-01"), pd.Timestamp("2023-12-31"))
    first = calendar.years(grid.start_time, fiscal)
    last = calendar.years(grid.end_time.normalize(), fiscal)
    assert calendar.splits_years(fiscal) == bool((first != last).any())
