"""Output for machines (--format json) and the documented exit codes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from ctscore.cli import main
from test_indicator_tests import INDICATORS as INDICATOR

SCORECARD = """\
scorecards:
  - id: national
    title: National
    sections:
      - title: Deaths
        indicators: [deaths]
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_validate_json_counts_and_data(project):
    root = project({"indicators/a.yaml": INDICATOR})
    result = run("validate", str(root), "--data", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert report["declared"]["indicators"] == 1
    assert report["data"] == {"events": {"rows_read": 2, "rows_kept": 2}}
    assert report["quality"] == []


def test_validate_json_lists_problems_with_their_location_and_exits_2(project):
    root = project({"indicators/a.yaml": INDICATOR.replace("lower_is_better", "lower")})
    result = run("validate", str(root), "--format", "json")
    assert result.exit_code == 2
    [problem] = json.loads(result.stdout)["problems"]
    assert (problem["file"], problem["line"], problem["column"]) == ("indicators/a.yaml", 6, 5)
    assert problem["path"] == "indicators[deaths].direction"
    assert problem["text"].startswith("indicators/a.yaml:6:5: indicators[deaths].direction:")


def test_compute_json_is_one_object_per_row(project):
    root = project({"indicators/a.yaml": INDICATOR})
    result = run("compute", str(root), "--period-type", "month", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["period"], r["value"]) for r in rows] == [("2024-01", 2.0), ("2024-02", 0.0)]


def test_an_unknown_option_is_a_usage_error_exit_2():
    result = run("build", "--frobnicate")
    assert result.exit_code == 2
    assert "Error: No such option '--frobnicate'" in result.stderr
    assert "Usage: main build [OPTIONS] [PROJECT]" in result.stderr


def test_list_piped_gives_whole_ids_and_titles(project, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")  # a narrow terminal width must not cut anything
    long_id = "deaths_" + "x" * 56
    title = "Deaths" + " in a very long title" * 5
    text = INDICATOR.replace("id: deaths", f"id: {long_id}").replace(
        "title: Deaths", f"title: {title}"
    )
    root = project({"indicators/a.yaml": text})
    result = run("list", "indicators", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "id\ttitle\tunit\tdirection\tsource",
        f"{long_id}\t{title}\tdeaths\tlower is better\tevents",
    ]
    [row] = json.loads(run("list", str(root), "--format", "json").stdout)
    assert row["id"] == long_id


def test_list_scorecards_and_a_wrong_kind(project):
    root = project({"indicators/a.yaml": INDICATOR + SCORECARD})
    assert run("list", "scorecards", str(root)).stdout.splitlines()[1].startswith("national\t")
    result = run("list", "scorecard", str(root))
    assert result.exit_code == 2
    assert "usage: ctscore list [KIND] [PROJECT]" in result.stderr


def test_list_evaluations_of_the_sample():
    """`ctscore list evaluations`: each interrupted-time-series question with its indicator,
    events and model, as the spec declares them."""
    from pathlib import Path

    from ctscore.spec.loader import load_project_spec

    repo = Path(__file__).resolve().parents[1]
    listed = json.loads(run("list", "evaluations", str(repo), "--format", "json").stdout)
    declared = load_project_spec(repo).evaluations
    assert [row["id"] for row in listed] == list(declared) != []
    for row in listed:
        evaluation = declared[row["id"]]
        assert row["indicator"] == evaluation.indicator
        assert row["model"] == evaluation.model
        assert row["events"] == (evaluation.event or ", ".join(evaluation.events))
