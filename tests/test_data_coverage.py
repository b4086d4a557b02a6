"""Rows dated outside a source's declared coverage are recorded, and dropped or fatal per
``on_error``, by the loader: nothing later leaves them out unreported."""

from __future__ import annotations

import pytest

from conftest import DROP
from conftest import data_errors as errors
from ctscore.api import load_project
from ctscore.data import load_data
from ctscore.spec.loader import load_project_spec

SOURCES = """\
sources:
  - id: events
    title: Events
    file: data/events.csv
    on_error: {on_error}
{coverage}
    date: {{column: date}}
    columns:
      id: {{type: integer, unique: true}}
      date: {{type: date}}
indicators:
  - {{id: events, title: E, description: E., unit: events, direction: lower_is_better,
     source: events, measure: {{kind: count}}}}
"""
BOTH = "    coverage_start: 2024-01-15\n    coverage_end: 2024-06-30"
# 2024-01-02 is in the first quarter, which the coverage reaches: the engine used to count it.
CSV = """\
id,date
1,2024-01-02
2,2024-01-15
3,2024-06-30T18:00:00
4,2024-07-02
5,
"""


def make(project, on_error: str = "fail", coverage: str = BOTH, csv: str = CSV):
    sources = SOURCES.format(on_error=on_error, coverage=coverage)
    sources = sources.replace("date: {type: date}", "date: {type: date, required: false}")
    return project({"data/sources.yaml": sources, "data/events.csv": csv})


def test_rows_outside_the_coverage_fail_the_load(project):
    assert errors(make(project)) == [
        "data/events.csv:2: date: dated outside the declared coverage 2024-01-15 to "
        "2024-06-30 in 2 rows: line 2 '2024-01-02', line 5 '2024-07-02' (fix the dates, or "
        "widen the source's coverage_start and coverage_end)" + DROP
    ]


def test_dropped_rows_are_recorded_and_not_counted(project):
    root = make(project, on_error="drop")
    data = load_data(load_project_spec(root))
    [issue] = data.quality
    assert (issue.source, issue.column, issue.rows, issue.action) == (
        "events",
        "date",
        2,
        "dropped",
    )
    assert issue.examples == ((2, "2024-01-02"), (5, "2024-07-02"))
    assert data.tables["events"].frame["id"].tolist() == [2, 3, 5]  # an undated row stays
    results = load_project(root).compute(["events"], "quarter")
    assert results.set_index("period")["value"].to_dict() == {"2024-Q1": 1.0, "2024-Q2": 1.0}


@pytest.mark.parametrize(
    ("coverage", "message"),
    [
        (
            "    coverage_start: 2024-01-15",
            "data/events.csv:2: date: dated before the declared coverage start 2024-01-15 in "
            "1 row: line 2 '2024-01-02' (fix the dates, or widen the source's coverage_start)",
        ),
        (
            "    coverage_end: 2024-06-30",
            "data/events.csv:5: date: dated after the declared coverage end 2024-06-30 in 1 "
            "row: line 5 '2024-07-02' (fix the dates, or widen the source's coverage_end)",
        ),
    ],
)
def test_one_sided_coverage(project, coverage, message):
    assert errors(make(project, coverage=coverage)) == [message + DROP]


def test_a_dated_source_without_rows_needs_a_declared_coverage(project):
    assert errors(make(project, coverage="", csv="id,date\n")) == [
        "data/events.csv:1: source 'events' has no rows: the file has a header line and "
        "nothing below it; if nothing happened in the period it covers, declare its "
        "'coverage_start' and 'coverage_end'"
    ]
    root = make(project, csv="id,date\n")
    results = load_project(root).compute(["events"], "quarter")
    assert results.set_index("period")["value"].to_dict() == {"2024-Q1": 0.0, "2024-Q2": 0.0}
