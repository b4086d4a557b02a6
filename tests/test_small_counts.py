"""Small counts judged on events, not rows (issue #9): a source's weight column, and the
small_count defaults of the project and of each source."""

from __future__ import annotations

from conftest import spec_errors
from ctscore.api import load_project

# Battle deaths: one row per dyad-year, so 2 rows may stand for thousands of deaths.
SOURCES = """\
sources:
  - id: battles
    title: Battle deaths
    file: battles.csv
    date: {{parts: {{year: year}}}}
{more}    columns:
      year: {{type: integer}}
      dyad: {{type: category}}
      best: {{type: integer}}
indicators:
  - id: dyads
    title: Dyads at war
    description: d
    unit: dyad-years
    direction: lower_is_better
    source: battles
    measure: {{kind: count}}
"""
CSV = "year,dyad,best\n2022,a,1200\n2022,b,900\n2023,a,3\n"


def flags(project, more: str = "", config: str = "") -> dict[str, tuple]:
    files = {"data/sources.yaml": SOURCES.format(more=more), "battles.csv": CSV}
    if config:
        files["ctscore.yaml"] = "name: Test project\n" + config
    results = load_project(project(files)).compute(period_type="year")
    return {r.period: (r.rows, r.events, r.small_count) for r in results.itertuples()}


def test_without_a_weight_rows_are_the_events(project):
    assert flags(project) == {"2022": (2, 2, True), "2023": (1, 1, True)}


def test_a_weight_column_counts_what_each_row_stands_for(project):
    # hand count: 2022 = 1200 + 900 deaths behind 2 rows; 2023 = 3 deaths
    assert flags(project, "    weight: best\n") == {
        "2022": (2, 2100, False),
        "2023": (1, 3, True),
    }


def test_project_and_source_defaults(project):
    assert flags(project, config="small_count: 2\n")["2022"][2] is False
    assert flags(project, "    small_count: 3\n", config="small_count: 2\n")["2022"][2] is True


def test_the_weight_column_must_be_a_declared_number(project):
    more = "    weight: dyad\n"
    root = project({"data/sources.yaml": SOURCES.format(more=more), "battles.csv": CSV})
    assert "the weight column 'dyad' must have type integer or number" in spec_errors(root)[0]
