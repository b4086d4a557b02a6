"""``ctscore validate --data``: the data-quality table, or the row-precise errors and exit 2."""

from __future__ import annotations

from click.testing import CliRunner

from ctscore.cli import main
from test_data_rules import EVENTS, FIVE_BAD

# The same source and the same five kinds of bad data as the loader's own tests.
SOURCES, CSV = EVENTS, FIVE_BAD


def validate(project, on_error: str, csv: str = CSV):
    root = project({"data/sources.yaml": SOURCES.format(on_error=on_error), "data/events.csv": csv})
    return CliRunner().invoke(main, ["validate", "--data", str(root)])


def test_drop_prints_the_data_quality_table_and_exits_0(project):
    result = validate(project, "drop")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "events: 6 rows read, 4 dropped, 2 kept (events.csv)"
    assert "Data quality" in lines[1]
    rows = [line.split("│")[1:-1] for line in lines if line.startswith("│ events")]
    cells = [tuple(cell.strip() for cell in row) for row in rows]
    assert [(file, column, n, first, action) for _, file, column, n, _, first, action in cells] == [
        ("data/events.csv", "date", "1", "line 4 '2024-02-30'", "dropped"),
        ("data/events.csv", "province", "1", "line 5 'Sindhh'", "dropped"),
        ("data/events.csv", "killed", "1", "line 3 'two'", "dropped"),
        ("data/events.csv", "killed", "1", "line 6 '-1'", "dropped"),
    ]
    assert [cell[4] for cell in cells][2:] == ["not a whole number", "below the minimum 0"]
    assert lines[-1] == "OK: 1 sources, 0 indicators, 0 scorecards, 0 policy events."


def test_fail_prints_row_precise_errors_and_exits_2(project):
    result = validate(project, "fail")
    assert result.exit_code == 2
    drop = (
        "; or set 'on_error: drop' on the source to leave such rows out (they are then "
        "counted nowhere, and each build warns how many were dropped)"
    )
    assert result.stderr.splitlines() == [
        "data/events.csv:3: killed: not a whole number in 1 row: line 3 'two'" + drop,
        "data/events.csv:4: date: not a date in 1 row: line 4 '2024-02-30' (expected a date "
        "such as 2024-03-18, or give the column a 'format')" + drop,
        "data/events.csv:5: province: not an allowed value in 1 row: line 5 'Sindhh' "
        "(allowed: Punjab, Sindh; 'Sindhh' may be a typo of 'Sindh'; fix the value or add a recode)"
        + drop,
        "data/events.csv:6: killed: below the minimum 0 in 1 row: line 6 '-1'" + drop,
        "4 problems found.",
    ]
    assert "Traceback" not in result.output


def test_clean_data(project):
    clean = "".join(line for line in CSV.splitlines(True) if line[0] in "i16")
    result = validate(project, "fail", clean)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "events: 2 rows read, 0 dropped, 2 kept (events.csv)",
        "No data problems found.",
        "OK: 1 sources, 0 indicators, 0 scorecards, 0 policy events.",
    ]


def test_the_bundled_sample_validates_with_its_data():
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    result = CliRunner().invoke(main, ["validate", "--data", str(repo)])
    assert result.exit_code == 0, result.output
    assert "No data problems found." in result.stdout
