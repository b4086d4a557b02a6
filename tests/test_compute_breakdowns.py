"""Breakdowns by number columns: one label per value, the same from the data, from the
allowed values and from the population. Worked out by hand, by year (2024 only):

    date        sev  weight  zone       population: zone 1 -> 1000, zone 2 -> 500
    2024-01-10  1    1       1
    2024-02-10  2    1.5     2
    2024-05-01  2    2       1

sev (allowed 1, 2, 3): '1' 1, '2' 2, '3' 0. weight: '1' 1, '1.5' 1, '2' 1.
zone: '1' 2 attacks, 2 per 1000 people; '2' 1 attack, 2 per 1000; total 3 per 1500 = 2.
"""

from __future__ import annotations

import pytest

from conftest import by_value, loaded_project, source, sources
from ctscore.compute.rows import label

SOURCES = sources(
    source(
        columns={
            "date": "date",
            "sev": "number, allowed: [1, 2, 3]",
            "weight": "number",
            "zone": "number",
        },
        coverage=("2024-01-01", "2024-12-31"),
    ),
    source(
        "population",
        columns={"zone": "integer", "year": "integer", "population": "integer"},
        date=None,
    ),
)
EVENTS = "date,sev,weight,zone\n2024-01-10,1,1,1\n2024-02-10,2,1.5,2\n2024-05-01,2,2.0,1\n"
INDICATORS = """\
indicators:
  - {id: attacks, title: A, description: A., unit: u, direction: lower_is_better,
     source: events, measure: {kind: count}, dimensions: [sev, weight, zone]}
  - {id: rate, title: R, description: R., unit: u, direction: lower_is_better,
     measure: {kind: rate, indicator: attacks, population: population, per: 1000}}
"""


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    project = loaded_project(
        tmp_path_factory,
        "numbers",
        {
            "data/sources.yaml": SOURCES,
            "events.csv": EVENTS,
            "population.csv": "zone,year,population\n1,2024,1000\n2,2024,500\n",
            "indicators/i.yaml": INDICATORS,
        },
    )
    assert str(project.data.tables["events"].frame["sev"].dtype) == "float64"
    return project.compute(period_type="year", by=["sev", "weight", "zone"])


def test_allowed_numbers_and_numbers_in_the_data_are_one_group(results):
    assert by_value(results, "attacks", "sev") == {"1": 1, "2": 2, "3": 0}


def test_whole_numbers_lose_their_decimal_part_and_others_keep_it(results):
    assert by_value(results, "attacks", "weight") == {"1": 1, "1.5": 1, "2": 1}


def test_a_rate_by_a_number_column_finds_the_integer_population(results):
    assert by_value(results, "attacks", "zone") == {"1": 2, "2": 1}
    assert by_value(results, "rate", "zone") == {"1": 2, "2": 2}
    assert by_value(results, "rate", "total") == {"All": 2}


def test_label():
    assert [label(v) for v in (2, 2.0, -0.0, 2.5, "2.0", True, 1e20)] == [
        "2",
        "2",
        "0",
        "2.5",
        "2.0",  # text stays as written
        "True",
        "1e+20",  # beyond exact whole numbers in float64: as Python writes it
    ]
