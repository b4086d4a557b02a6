"""Indicator tests declared in YAML and `ctscore test`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from conftest import spec_errors
from ctscore.cli import main

REPO = Path(__file__).resolve().parents[1]

INDICATORS = """\
indicators:
  - id: deaths
    title: Deaths
    description: People killed.
    unit: deaths
    direction: lower_is_better
    source: events
    measure: {kind: sum, column: killed}
    dimensions: [province]
"""

# Two events in Punjab (2 and 3 killed), one in Sindh (4) in 2023; one in Punjab in 2024.
TEST = """\
tests:
  - id: deaths_by_province
    period_type: year
    by: province
    given:
      events:
        rows:
          - {id: 1, date: 2023-01-05, province: Punjab, killed: 2}
          - {id: 2, date: 2023-06-01, province: Punjab, killed: 3}
          - {id: 3, date: 2023-07-01, province: Sindh, killed: 4}
          - {id: 4, date: 2024-02-01, province: Punjab, killed: 1}
    expect:
      - {indicator: deaths, period: "2023", value: 9}
      - {indicator: deaths, period: "2023", breakdown: Punjab, value: EXPECTED}
      - {indicator: deaths, period: "2024", breakdown: Sindh, value: 0}
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def with_test(project, text: str) -> Path:
    """The project with INDICATORS and the given indicator test in one spec file."""
    return project({"indicators/a.yaml": INDICATORS + text})


def test_passing_test_prints_a_table_and_exits_0(project):
    root = with_test(project, TEST.replace("EXPECTED", "5"))
    result = run("test", str(root))
    assert result.exit_code == 0, result.output
    assert "deaths_by_province\t3\tPASS" in result.stdout
    assert result.stdout.endswith("1 test: 1 passed, 0 failed.\n")


def test_wrong_expected_value_fails_with_a_readable_difference(project):
    root = with_test(project, TEST.replace("EXPECTED", "6"))
    result = run("test", str(root))
    assert result.exit_code == 1
    assert (
        "FAIL deaths_by_province: deaths 2023 (Punjab): expected 6, got 5 (difference -1)"
        in result.stdout.splitlines()
    )


def test_tolerance_lets_a_near_value_pass(project):
    text = TEST.replace("EXPECTED", "5.01") + "    tolerance: 0.05\n"
    assert run("test", str(with_test(project, text))).exit_code == 0


def test_json_output_gives_actual_values(project):
    root = with_test(project, TEST.replace("EXPECTED", "6"))
    result = run("test", str(root), "--format", "json")
    assert result.exit_code == 1
    [outcome] = json.loads(result.stdout)
    assert [c["actual"] for c in outcome["checks"]] == [9.0, 5.0, 0.0]
    assert [c["passed"] for c in outcome["checks"]] == [True, False, True]


def test_missing_period_is_named(project):
    text = TEST.replace("EXPECTED", "5").replace('period: "2024"', 'period: "2030"')
    result = run("test", str(with_test(project, text)))
    assert result.exit_code == 1
    assert "deaths 2030 (Sindh): no such period or breakdown value in the results" in result.stdout


def test_unknown_indicator_and_source_are_located_spec_errors(project):
    text = TEST.replace("EXPECTED", "5").replace("events:", "evnts:", 1)
    text = text.replace(
        'indicator: deaths, period: "2023", value', 'indicator: death, period: "2023", value'
    )
    assert spec_errors(with_test(project, text)) == [
        "indicators/a.yaml:15:7: tests[deaths_by_province].given.evnts: unknown source 'evnts' "
        "(did you mean 'events'?)",
        "indicators/a.yaml:22:10: tests[deaths_by_province].expect[0].indicator: unknown "
        "indicator 'death' (did you mean 'deaths'?)",
    ]


def test_bad_fixture_rows_are_reported_not_raised(project):
    text = TEST.replace("EXPECTED", "5").replace("killed: 4}", "killed: -4}")
    result = run("test", str(with_test(project, text)))
    assert result.exit_code == 1
    assert "FAIL deaths_by_province: given/events.csv:4: killed:" in result.stdout


def test_sample_tests_pass_and_fail_when_a_value_changes(tmp_path):
    passed = run("test", str(REPO))
    assert passed.exit_code == 0
    # the fixture rows' blanks and unmatched values are not warnings about the project's data
    assert passed.stderr == ""
    copy = tmp_path / "sample"
    shutil.copytree(REPO, copy, ignore=shutil.ignore_patterns(".venv", ".git", "reports"))
    tests = copy / "indicators" / "tests.yaml"
    tests.write_text(
        tests.read_text().replace("period: 2024-Q1, value: 3}", "period: 2024-Q1, value: 4}")
    )
    result = run("test", str(copy), "--select", "attacks")
    assert result.exit_code == 1
    assert "attacks 2024-Q1: expected 4, got 3 (difference -1)" in result.stdout
    assert "proactive_to_reactive_ratio" not in result.stdout  # not selected


def test_select_unknown_is_a_usage_error():
    result = run("test", str(REPO), "--select", "atacks")
    assert result.exit_code == 2
    assert "no test is named 'atacks'" in result.stderr


def test_rows_from_a_small_file_of_the_project(project):
    rows = "id,date,province,killed\n1,2023-01-05,Punjab,2\n2,2023-06-01,Punjab,3\n"
    text = (
        TEST.replace("EXPECTED", "5").split("        rows:")[0]
        + "        file: tests/events.csv\n"
        + "    expect:\n"
        + '      - {indicator: deaths, period: "2023", breakdown: Punjab, value: 5}\n'
    )
    root = project({"indicators/a.yaml": INDICATORS + text, "tests/events.csv": rows})
    result = run("test", str(root))
    assert result.exit_code == 0, result.output


def test_rows_and_file_together_is_a_spec_error(project):
    text = TEST.replace("EXPECTED", "5").replace(
        "        rows:\n", "        file: tests/events.csv\n        rows:\n"
    )
    [error] = spec_errors(with_test(project, text))
    assert error.startswith("indicators/a.yaml:15:7: tests[deaths_by_province].given.events")
    assert error.endswith("give either 'rows' or 'file'")
