"""Week precision (issue #13): ACLED's time_precision 2 and UCDP's date_prec 2-3 mean "known
to within a week". Such rows are a class of their own, between day and month: counted on
the day the dataset gives, stated by class in the data-quality note, and filterable."""

from __future__ import annotations

from conftest import write_project
from ctscore.api import load_project

SOURCES = """\
sources:
  - {id: ged, title: GED, kind: ucdp_ged, file: data/ged.csv}
indicators:
  - {id: n, title: N, description: N., unit: u, direction: lower_is_better, source: ged,
     measure: {kind: count}}
  - {id: weeks, title: W, description: W., unit: u, direction: lower_is_better, source: ged,
     filter: {date_precision: week}, measure: {kind: count}}
"""
# date_prec 3 (a week) on 30 January, its window reaching 3 February; 2 (2-6 days) on
# 27 February; 1 (the day) on 15 January and 10 March.
GED = (
    "id,date_prec,date_start,date_end\n"
    "1,3,2020-01-30,2020-02-03\n"
    "2,2,2020-02-27,2020-03-02\n"
    "3,1,2020-01-15,2020-01-15\n"
    "4,1,2020-03-10,2020-03-10\n"
)


def test_week_rows_are_their_own_class_counted_on_the_dataset_date(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = write_project(tmp_path, {"data/sources.yaml": SOURCES, "data/ged.csv": GED})
    project = load_project(root)
    frame = project.data.tables["ged"].frame
    assert frame["_date_precision"].tolist() == ["week", "week", "day", "day"]
    results = project.compute(["n", "weeks"], "month")
    counts = results.set_index(["indicator", "period"])["value"].to_dict()
    # by hand: January holds rows 1 and 3 (row 1 on its date_start, not in February)
    assert {p: counts["n", p] for p in ("2020-01", "2020-02", "2020-03")} == {
        "2020-01": 2,
        "2020-02": 1,
        "2020-03": 1,
    }
    assert {p: counts["weeks", p] for p in ("2020-01", "2020-02", "2020-03")} == {
        "2020-01": 1,
        "2020-02": 1,
        "2020-03": 0,
    }
    (note,) = [f.message for f in project.data.findings if f.code == "date_precision"]
    assert note.startswith("ged: of 4 rows, 2 only to the week are dated; ")
    assert note.endswith("date_prec 1 ×2 (day), 2 ×1 (week), 3 ×1 (week)")


def test_a_declared_precision_column_may_say_week(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sources = """\
sources:
  - id: events
    title: Events
    file: events.csv
    date: {column: date, precision_column: p}
    columns:
      date: {type: date}
      p: {type: category}
indicators:
  - {id: n, title: N, description: N., unit: u, direction: lower_is_better, source: events,
     measure: {kind: count}}
"""
    csv = "date,p\n2024-01-05,day\n2024-01-08,week\n2024-02-01,month\n"
    root = write_project(tmp_path, {"data/sources.yaml": sources, "events.csv": csv})
    project = load_project(root)
    assert project.data.tables["events"].frame["_date_precision"].tolist() == [
        "day",
        "week",
        "month",
    ]
    (note,) = [f.message for f in project.data.findings if f.code == "date_precision"]
    assert note.startswith("events: of 3 rows, 1 only to the week and 1 only to the month ")
