"""Numbers a table cannot hold exactly: whole numbers beyond 2**53 (float64 rounds them, int64
wraps them round past 2**63) and infinite numbers are type errors, in columns read from the
file and in derived ones, and min/max check only the values that will be used."""

from __future__ import annotations

from conftest import DROP
from conftest import data_errors as errors
from conftest import load_project_data as load

SOURCES = """\
sources:
  - id: events
    title: Events
    file: data/events.csv
    columns:
      killed: {type: integer, min: 0}
      share: {type: number, required: false}
      scaled: {type: integer, expression: killed * 10000000000000000, required: false}
"""
LIMITS = "(whole numbers must lie between -9,007,199,254,740,991 and 9,007,199,254,740,991)"


def test_the_largest_exact_whole_numbers_are_read_as_written(project):
    csv = "killed,share\n9007199254740991,0.5\n-9007199254740991,-1e300\n"
    sources = SOURCES.replace("10000000000000000", "1").replace(", min: 0", "")
    root = project({"data/sources.yaml": sources, "data/events.csv": csv})
    frame = load(root).tables["events"].frame
    assert frame["killed"].tolist() == [2**53 - 1, -(2**53 - 1)]
    assert str(frame["killed"].dtype) == "int64"


def test_too_large_and_infinite_numbers_are_located_once(project):
    csv = (
        "killed,share\n-99999999999999999999,1\n99999999999999999999,2\n9007199254740992,inf\n"
        "1,-Infinity\n"
    )
    root = project({"data/sources.yaml": SOURCES, "data/events.csv": csv})
    assert errors(root) == [
        "data/events.csv:2: killed: too large to count exactly in 3 rows: line 2 "
        "'-99999999999999999999', line 3 '99999999999999999999', line 4 '9007199254740992' "
        f"{LIMITS}" + DROP,  # not also 'below the minimum 0' for line 2
        "data/events.csv:4: share: not a finite number in 2 rows: line 4 'inf', line 5 "
        "'-Infinity'" + DROP,
        "data/events.csv:5: scaled: too large to count exactly in 1 row: line 5 "
        f"'10000000000000000' {LIMITS}" + DROP,
    ]
