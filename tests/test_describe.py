"""``ctscore describe``: types, blanks, ranges and the most frequent values of a source's
columns, to write filters from the values that occur (issue #9)."""

from __future__ import annotations

from click.testing import CliRunner

from conftest import SOURCES as BASE
from ctscore.cli import main

CSV = "id,date,province,killed\n1,2024-01-05,Punjab,2\n2,2024-02-10,Sindh,\n3,2024-03-01,Punjab,7\n"
SOURCES = BASE.replace(
    "killed: {type: integer, min: 0}", "killed: {type: integer, min: 0, required: false}"
)


def rows(output: str) -> dict[str, list[str]]:
    cells = [line.split("│")[1:-1] for line in output.splitlines() if line.startswith("│")]
    return {row[0].strip(): [c.strip() for c in row[1:]] for row in cells if row[0].strip()}


def test_every_column_with_its_type_blanks_range_and_values(project):
    root = project({"data/sources.yaml": SOURCES, "events.csv": CSV})
    result = CliRunner().invoke(main, ["describe", str(root), "events"])
    assert result.exit_code == 0, result.output
    assert "events: 3 rows" in result.stdout
    described = rows(result.stdout)
    assert described["province"] == ["category", "0", "2", "", "Punjab (2), Sindh (1)"]
    assert described["killed"] == ["integer", "1", "2", "2 to 7", "2 (1), 7 (1)"]
    assert described["date"][:4] == ["date", "0", "3", "2024-01-05 to 2024-03-01"]


def test_one_column_and_the_project_defaulting_to_here(project):
    project({"data/sources.yaml": SOURCES, "events.csv": CSV})
    result = CliRunner().invoke(main, ["describe", "events", "province"])
    assert result.exit_code == 0, result.output
    assert list(rows(result.stdout)) == ["province"]


def test_unknown_source_and_column_say_did_you_mean(project):
    root = project({"data/sources.yaml": SOURCES, "events.csv": CSV})
    result = CliRunner().invoke(main, ["describe", str(root), "event"])
    assert result.exit_code == 2
    assert "unknown source 'event' (did you mean 'events'?)" in result.stderr
    result = CliRunner().invoke(main, ["describe", str(root), "events", "provnce"])
    assert result.exit_code == 2
    assert "source 'events' has no column 'provnce' (did you mean 'province'?)" in result.stderr
