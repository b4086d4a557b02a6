"""Time semantics stated (issue #9): which period 'latest_complete' chose and why, period
ranges (--from/--to, start/end, an indicator's or scorecard's start), and date columns of
the result comparable with strings."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import EVENT_COLUMNS, source, sources
from ctscore.api import load_project
from ctscore.cli import main

# The shared one-source project, with declared coverage, one count and a quarterly card.
EVENTS_COUNT = """\
indicators:
  - id: events
    title: Events
    description: d
    unit: events
    direction: lower_is_better
    source: events
    measure: {kind: count}
"""
SOURCES = (
    sources(source(columns=EVENT_COLUMNS, coverage=("2023-01-01", "2024-02-10")))
    + EVENTS_COUNT
    + """\
scorecards:
  - id: q
    title: Q
    period_type: quarter
    sections: [{title: S, indicators: [events]}]
"""
)
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


def test_from_and_to_keep_the_periods_of_the_range(root):
    project = load_project(root)
    every = project.compute(period_type="quarter")
    assert every["period"].iloc[0] == "2023-Q1"
    cut = project.compute(period_type="quarter", start="2023-Q3", end="2023-12-31")
    assert list(cut["period"]) == ["2023-Q3", "2023-Q4"]
    same = every[(every["period_start"] >= "2023-07-01") & (every["period_end"] <= "2023-12-31")]
    assert cut.equals(same.reset_index(drop=True))
    # a label of another kind of period: its first day (--from) or its last (--to)
    yearly = project.compute(period_type="year", start="2024-Q1")
    assert list(yearly["period"]) == ["2024"]


def test_from_to_on_the_command_line_and_a_bad_bound(root):
    result = CliRunner().invoke(
        main, ["compute", str(root), "--from", "2023-Q4", "--to", "2023-Q4"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split(",")[1] for line in lines[1:]] == ["2023-Q4"]
    bad = CliRunner().invoke(main, ["compute", str(root), "--from", "Q4-2023"])
    assert bad.exit_code == 2
    assert "--from: 'Q4-2023' is not a quarter label; write it like '2024-Q1', or write a day" in (
        bad.stderr
    )


def test_an_indicators_start_leaves_out_the_periods_before_it(root):
    spec = (root / "data/sources.yaml").read_text()
    spec = spec.replace(
        "    measure: {kind: count}\n", "    measure: {kind: count}\n    start: 2023-08-15\n"
    )
    (root / "data/sources.yaml").write_text(spec)
    results = load_project(root).compute(period_type="quarter")
    assert list(results["period"]) == ["2023-Q3", "2023-Q4", "2024-Q1"]
    assert list(results["value"]) == [0, 1, 1]


def test_build_to_picks_the_latest_complete_period_up_to_it(root):
    args = ["build", "--format", "html", "--quiet", "--to", "2023-Q3", str(root)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("q-2023-Q3.html")
    assert "--to 2023-Q3" in (root / "reports/q-2023-Q3.html").read_text()


def test_period_start_and_end_are_days_comparable_with_text(root):
    results = load_project(root).compute(period_type="quarter")
    assert str(results["period_start"].dtype).startswith("datetime64")
    assert (results["period_start"] >= "2023-10-01").sum() == 2


def test_a_scorecards_start_cuts_its_trend(root):
    spec = (root / "data/sources.yaml").read_text()
    spec = spec.replace(
        "    period_type: quarter\n", "    period_type: quarter\n    start: 2023-07-01\n"
    )
    (root / "data/sources.yaml").write_text(spec)
    project = load_project(root)
    from ctscore.pipeline import evaluate_card

    report, _ = evaluate_card(project.spec, project.data, project.spec.scorecards["q"])
    (events,) = report.indicators()
    assert events.trend[0].period == "2023-Q3"


def test_partial_periods_are_stated_on_the_terminal(root):
    result = CliRunner().invoke(main, ["compute", str(root)])
    assert result.exit_code == 0, result.output
    assert (
        "ctscore compute: note: 1 quarter only partly covered by the data: 2024-Q1; their "
        "values are flagged partial and never judged [partial_period]"
    ) in result.stderr
