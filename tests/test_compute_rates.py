"""Rates: which population a rate divides by, and when it is missing, worked out by hand.

    date        region  kind   year    population rows of that year
    2022-03-01  A       bomb   2022    A 100, B 300            (C had a raid: not listed)
    2022-07-01  C       raid
    2023-03-01  A       bomb   2023    A 100, B 300, C 600     (C listed, no events: counts)
    2023-06-01  B       raid
    2023-09-01  -       bomb           (no region: not a region, does not need a population)
    2024-02-01  A       bomb   2024    A 100, B (empty)
    2024-05-01  B       bomb

National population: 2022 missing (C has rows but no population row), 2023 1000, 2024
missing (B is listed without a number). Summing what is there would give 400 and 100, and
national rates 2 / 400 and 2 / 100 that overstate the truth.
"""

from __future__ import annotations

import functools
import math

import pytest

from conftest import check as check_close
from conftest import loaded_project, source, sources

nan = math.nan
SOURCES = sources(
    source(
        columns={"date": "date", "region": "category, required: false", "kind": "category"},
        coverage=("2022-01-01", "2024-12-31"),
    ),
    source(
        "population",
        columns={
            "region": "category",
            "year": "integer",
            "population": "integer, required: false",
        },
        date=None,
    ),
)
EVENTS = """\
date,region,kind
2022-03-01,A,bomb
2022-07-01,C,raid
2023-03-01,A,bomb
2023-06-01,B,raid
2023-09-01,,bomb
2024-02-01,A,bomb
2024-05-01,B,bomb
"""
POPULATION = "region,year,population\nA,2022,100\nB,2022,300\nA,2023,100\nB,2023,300\n"
POPULATION += "C,2023,600\nA,2024,100\nB,2024,\n"
INDICATORS = """\
indicators:
  - {id: attacks, title: A, description: A., unit: u, direction: lower_is_better,
     source: events, measure: {kind: count}, dimensions: [region]}
  - {id: bombs, title: B, description: B., unit: u, direction: lower_is_better,
     source: events, filter: {kind: bomb}, measure: {kind: count}, dimensions: [region]}
  - {id: attack_rate, title: R, description: R., unit: u, direction: lower_is_better,
     measure: {kind: rate, indicator: attacks, population: population, per: 1000}}
  - {id: bomb_rate, title: R, description: R., unit: u, direction: lower_is_better,
     measure: {kind: rate, indicator: bombs, population: population, per: 1000}}
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return loaded_project(
        tmp_path_factory,
        "rates",
        {
            "data/sources.yaml": SOURCES,
            "events.csv": EVENTS,
            "population.csv": POPULATION,
            "indicators/i.yaml": INDICATORS,
        },
    )


@pytest.fixture(scope="module")
def yearly(project):
    return project.compute(["attack_rate", "bomb_rate"], period_type="year", by="region")


# No absolute tolerance: every expected value here is exact.
check = functools.partial(check_close, atol=0)


def test_national_population_is_missing_when_a_region_lacks_one(yearly):
    check(yearly, "attack_rate", [nan, 1000, nan], "denominator")
    check(yearly, "attack_rate", [2, 3, 2], "numerator")
    check(yearly, "attack_rate", [nan, 3, nan])  # 3 attacks per 1000 people in 2023
    check(yearly, "attack_rate", [0, 0, 0], "zero_denominator")  # missing is not 0


def test_a_region_with_rows_counts_whatever_the_filter(yearly):
    # 2022: the one bomb was in A, but C had a raid that year and has no population row
    check(yearly, "bomb_rate", [1, 2, 2], "numerator")
    check(yearly, "bomb_rate", [nan, 2, nan])


def test_each_region_divides_by_its_own_population(yearly):
    check(yearly, "attack_rate", [10, 10, 10], dimension="region", value="A")
    check(yearly, "attack_rate", [0, 10 / 3, nan], dimension="region", value="B")
    check(yearly, "attack_rate", [nan, 0, nan], dimension="region", value="C")
    check(yearly, "attack_rate", [300, 300, nan], "denominator", "region", "B")
    check(yearly, "attack_rate", [nan] * 3, dimension="region", value="(missing)")


def test_a_period_uses_the_population_of_the_year_it_starts_in(project):
    quarterly = project.compute("attack_rate", period_type="quarter")
    # one national population per year: 2022-Q1 (only A had an attack) is missing too
    check(quarterly, "attack_rate", [nan] * 4 + [1000] * 4 + [nan] * 4, "denominator")
    check(quarterly, "attack_rate", [nan] * 4 + [1, 1, 1, 0] + [nan] * 4)


def test_the_population_table_is_built_once_per_compute(project, monkeypatch):
    from ctscore.compute import population

    made, labelled = [], []
    init, labels = population.Population.__init__, population.labels
    monkeypatch.setattr(
        population.Population, "__init__", lambda self, *a: made.append(1) or init(self, *a)
    )
    monkeypatch.setattr(population, "labels", lambda v: labelled.append(v.name) or labels(v))
    project.compute(["attack_rate", "bomb_rate"], period_type="year", by="region")
    # two rates, each for the total and by region: one table, its regions labelled once
    assert made == [1]
    assert labelled == ["region"]
