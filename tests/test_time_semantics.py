"""Time semantics stated (issue #9): which period 'latest_complete' chose and why, period
ranges (--from/--to, start/end, an indicator's or scorecard's start), and date columns of
the result comparable with strings."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ctscore.cli import main

SOURCES = """\
sources:
  - id: events
    title: Events
    file: events.csv
    coverage_start: 2023-01-01
    coverage_end: 2024-02-10
    date: {column: date}
    columns:
      id: {type: integer, unique: true}
      date: {type: date}
      province: {type: category}
      killed: {type: integer, min: 0}
indicators:
  - id: events
    title: Events
    description: d
    unit: events
    direction: lower_is_better
    source: events
    measure: {kind: count}
scorecards:
  - id: q
    title: Q
    period_type: quarter
    sections: [{title: S, indicators: [events]}]
"""
CSV = "id,date,province,killed\n1,2023-02-05,Punjab,2\n2,2023-11-10,Sindh,0\n3,2024-02-01,Sindh,1\n"


@pytest.fixture
def root(project):
    return project({"data/sources.yaml": SOURCES, "events.csv": CSV})


def test_the_terminal_says_which_period_was_chosen_and_why(root):
    result = CliRunner().invoke(main, ["build", "--format", "html", "--quiet", str(root)])
    assert result.exit_code == 0, result.output
    assert (
        "scorecards[q].period: note: scorecard 'q' reports 2023-Q4, the latest period the "
        "data fully covers; 2024-Q1 not reported: the data ends before it ends (build it "
        "anyway with --period 2024-Q1, or 'make report PERIOD=2024-Q1': it is flagged partial "
        "and never judged) [period_chosen]"
    ) in result.stderr
    assert (root / "reports/q-2023-Q4.html").is_file()
