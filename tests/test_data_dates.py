"""Dates with a time zone are read as written: the offset is dropped, not applied."""

from __future__ import annotations

import pandas as pd
import pytest

from ctscore.api import load_project
from ctscore.data import load_data
from ctscore.errors import UserError
from ctscore.spec.loader import load_project_spec

SOURCES = """\
sources:
  - id: events
    title: Events
    file: {file}
    date: {{column: when}}
    columns:
      id: {{type: integer}}
      when: {{type: date{format}}}
indicators:
  - {{id: events, title: E, description: E., unit: events, direction: lower_is_better,
     source: events, measure: {{kind: count}}}}
"""


def make(project, csv: str, format: str = "", file: str = "data/events.csv"):
    sources = SOURCES.format(file=file, format=f", format: '{format}'" if format else "")
    return project({"data/sources.yaml": sources, file: csv})


def dates(root) -> list[str]:
    frame = load_data(load_project_spec(root)).tables["events"].frame
    assert frame["_date"].dt.tz is None
    return frame["_date"].dt.strftime("%Y-%m-%d %H:%M").tolist()


def by_quarter(root) -> dict[str, float]:
    results = load_project(root).compute(["events"], "quarter")
    return results.set_index("period")["value"].to_dict()


def test_one_offset_for_the_whole_column(project):
    csv = "id,when\n1,2024-03-31T23:00:00Z\n2,2024-06-30T23:30:00Z\n3,2024-07-01T00:15:00Z\n"
    root = make(project, csv)
    assert dates(root) == ["2024-03-31 23:00", "2024-06-30 23:30", "2024-07-01 00:15"]
    assert by_quarter(root) == {"2024-Q1": 1.0, "2024-Q2": 1.0, "2024-Q3": 1.0}


def test_mixed_offsets_and_no_offset_each_keep_the_date_as_written(project):
    csv = (
        "id,when\n1,2024-03-31T23:00:00Z\n2,2024-04-01T02:00:00+05:00\n"
        "3,2024-04-01 02:00:00.5 -0430\n4,2024-04-02\n5,2024-04-03T10:00\n"
    )
    root = make(project, csv)
    assert dates(root) == [
        "2024-03-31 23:00",
        "2024-04-01 02:00",  # in UTC it would be 31 March, in the previous quarter
        "2024-04-01 02:00",
        "2024-04-02 00:00",
        "2024-04-03 10:00",
    ]
    assert by_quarter(root) == {"2024-Q1": 1.0, "2024-Q2": 4.0}
    (root / "data/events.csv").write_text(csv + "6,2024-13-01T00:00:00+05:00\n")
    with pytest.raises(UserError) as info:
        load_data(load_project_spec(root))
    assert [str(d) for d in info.value.diagnostics] == [
        "data/events.csv:7: when: not a date in 1 row: line 7 '2024-13-01T00:00:00+05:00' "
        "(expected a date such as 2024-03-18, or give the column a 'format'); or set "
        "'on_error: drop' on the source to leave such rows out (they are then counted "
        "nowhere, and each build warns how many were dropped)"
    ]


def test_mixed_offsets_with_a_format(project):
    csv = "id,when\n1,31/03/2024 23:00 +0000\n2,01/04/2024 02:00 +0500\n"
    root = make(project, csv, format="%d/%m/%Y %H:%M %z")
    assert dates(root) == ["2024-03-31 23:00", "2024-04-01 02:00"]


def test_parquet_timestamps_with_a_zone_give_their_local_time(project, tmp_path):
    when = pd.to_datetime(["2024-03-31 23:00", "2024-04-01 02:00"]).tz_localize("Asia/Karachi")
    root = make(project, "", file="data/events.parquet")
    pd.DataFrame({"id": [1, 2], "when": when}).to_parquet(root / "data/events.parquet")
    assert dates(root) == ["2024-03-31 23:00", "2024-04-01 02:00"]
