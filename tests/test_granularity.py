"""A yearly source (battle deaths: one row per dyad-year) is refused by quarter or month, and
an integer year given as the date column says how to declare year-only dates (issue #9)."""

from __future__ import annotations

import pytest

from conftest import spec_errors
from ctscore.api import load_project
from ctscore.errors import UserError

SOURCES = """\
sources:
  - id: battles
    title: Battle deaths
    file: battles.csv
    date: {date}
    columns:
      year: {{type: integer}}
      best: {{type: integer}}
indicators:
  - id: deaths
    title: Battle deaths
    description: d
    unit: deaths
    direction: lower_is_better
    source: battles
    measure: {{kind: sum, column: best}}
"""
CSV = "year,best\n2022,100\n2023,80\n"


def make(project, date="{parts: {year: year}}"):
    return project({"data/sources.yaml": SOURCES.format(date=date), "battles.csv": CSV})


@pytest.mark.parametrize("period_type", ["quarter", "month", "fiscal_year"])
def test_a_yearly_source_is_refused_by_finer_periods(project, period_type):
    with pytest.raises(UserError) as info:
        load_project(make(project)).compute(period_type=period_type)
    (error,) = [str(d) for d in info.value.diagnostics]
    assert error.startswith("data/sources.yaml:15:5: indicators[deaths].source: ")
    assert "gives only the year of each row" in error
    assert "every row would fall in the first" in error


def test_a_yearly_source_by_year_is_computed(project):
    results = load_project(make(project)).compute(period_type="year")
    assert results.set_index("period")["value"].to_dict() == {"2022": 100, "2023": 80}


def test_an_integer_year_as_the_date_column_says_how_to_declare_parts(project):
    (error,) = spec_errors(make(project, date="{column: year}"))
    assert "column 'year' must have type: date (it has type integer)" in error
    assert "declare 'date: {parts: {year: <column>, month: <column>}}'" in error
