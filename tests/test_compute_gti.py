"""The bundled Global Terrorism Index-style impact score, checked by hand.

The fixture uses the bundled ``indicators/impact.yaml`` as it is, over six years of tiny
data. Per year, impact = incidents + 3 x deaths + 0.5 x injuries + 0.5 x hostages:

    id  date        deaths  injured  hostages   impact of the row
    1   2018-05-01  1       0        0          1 + 3          = 4
    2   2019-03-01  0       4        0          1 + 2          = 3
    3   2019-10-01  2       0        0          1 + 6          = 7
    4   2020-06-15  10      2        2          1 + 30 + 1 + 1 = 33
    5   2022-01-20  1       0        0          1 + 3          = 4
    6   2022-04-20  1       0        2          1 + 3 + 1      = 5
    7   2022-12-20  1       0        2          1 + 3 + 1      = 5
    8   2023-07-07  100     0        0          1 + 300        = 301

Yearly totals 2018..2023: 4, 10, 33, 0, 14, 301. The score of year Y weighs the totals of
Y, Y-1, ..., Y-4 by .52, .26, .13, .06, .03 and takes log base 20001^(1/10) of that + 1.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from conftest import loaded_project, pick, spec_errors, write_project

REPO = Path(__file__).resolve().parents[1]
BASE = 20001 ** (1 / 10)
SOURCES = """\
sources:
  - id: incidents
    title: Incidents
    file: incidents.csv
    coverage_start: 2018-01-01
    coverage_end: 2023-12-31
    date: {column: date}
    columns:
      id: {type: integer}
      date: {type: date}
      province: {type: category}
      deaths: {type: integer}
      injured: {type: integer}
      hostages: {type: integer}
"""
INCIDENTS = """\
id,date,province,deaths,injured,hostages
1,2018-05-01,Sindh,1,0,0
2,2019-03-01,Punjab,0,4,0
3,2019-10-01,Punjab,2,0,0
4,2020-06-15,Sindh,10,2,2
5,2022-01-20,Punjab,1,0,0
6,2022-04-20,Punjab,1,0,2
7,2022-12-20,Sindh,1,0,2
8,2023-07-07,Sindh,100,0,0
"""
# The bundled score's components and year weights, on other log scales below.
GTI_WEIGHTS = """\
kind: composite
      components: [{indicator: attacks, weight: 1}, {indicator: fatalities, weight: 3},
                   {indicator: injuries, weight: 0.5}, {indicator: hostages, weight: 0.5}]
      year_weights: [0.52, 0.26, 0.13, 0.06, 0.03]"""
COMPONENTS = """\
indicators:
  - {id: attacks, title: A, description: A., unit: u, direction: lower_is_better,
     source: incidents, measure: {kind: count}, dimensions: [province]}
  - {id: fatalities, title: F, description: F., unit: u, direction: lower_is_better,
     source: incidents, measure: {kind: sum, column: deaths}, dimensions: [province]}
  - {id: injuries, title: I, description: I., unit: u, direction: lower_is_better,
     source: incidents, measure: {kind: sum, column: injured}, dimensions: [province]}
  - {id: hostages, title: H, description: H., unit: u, direction: lower_is_better,
     source: incidents, measure: {kind: sum, column: hostages}, dimensions: [province]}
  - id: steep_score
    title: Same totals on a steeper scale
    description: Reference 100, so big totals hit the cap.
    unit: score
    direction: lower_is_better
    measure:
      GTI_WEIGHTS
      log_score: {reference: 100, cap: 10}
  - id: uncapped_score
    title: Same, without a cap
    description: Reference 100, no cap.
    unit: score
    direction: lower_is_better
    measure:
      GTI_WEIGHTS
      log_score: {reference: 100, cap: null}
""".replace("GTI_WEIGHTS", GTI_WEIGHTS)
GTI = "terrorism_impact_score"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return loaded_project(
        tmp_path_factory,
        "gti",
        {
            "ctscore.yaml": "name: GTI by hand\n",
            "data/sources.yaml": SOURCES,
            "incidents.csv": INCIDENTS,
            "indicators/components.yaml": COMPONENTS,
            "indicators/impact.yaml": (REPO / "indicators" / "impact.yaml").read_text("utf-8"),
        },
    )


def close(actual, expected):
    np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=1e-12, equal_nan=True)


def test_bundled_impact_score_by_year(project):
    yearly = project.compute([GTI, "steep_score", "uncapped_score"], period_type="year")
    assert pick(yearly, GTI, "period") == ["2018", "2019", "2020", "2021", "2022", "2023"]
    total_2022 = 0.52 * 14 + 0.26 * 0 + 0.13 * 33 + 0.06 * 10 + 0.03 * 4  # 12.29
    total_2023 = 0.52 * 301 + 0.26 * 14 + 0.13 * 0 + 0.06 * 33 + 0.03 * 10  # 162.44
    nan = math.nan  # fewer than five years of history
    close(
        pick(yearly, GTI),
        [nan, nan, nan, nan, math.log(total_2022 + 1, BASE), math.log(total_2023 + 1, BASE)],
    )
    # the same, as printed by a calculator
    np.testing.assert_allclose(pick(yearly, GTI)[4:], [2.6122099, 5.1460864], atol=1e-7)
    # reference 100: log base 101^(1/10); 2023 would score 11.04, capped at 10
    steep = [math.log(total_2022 + 1, 101**0.1), 10]
    close(pick(yearly, "steep_score")[4:], steep)
    close(pick(yearly, "uncapped_score")[5], math.log(total_2023 + 1, 101**0.1))
    assert pick(yearly, "uncapped_score")[5] > 11
    # rows: incidents in the five years weighed (2018-2022: rows 1-7; 2019-2023: rows 2-8)
    assert pick(yearly, GTI, "rows")[4:] == [7, 7]


def test_quarterly_score_uses_trailing_years(project):
    quarterly = project.compute(GTI, period_type="quarter")
    scores = dict(zip(pick(quarterly, GTI, "period"), pick(quarterly, GTI), strict=True))
    # the first quarter with five full trailing years is 2022-Q4 (2018-Q1 .. 2022-Q4)
    assert all(math.isnan(scores[q]) for q in ("2022-Q1", "2022-Q2", "2022-Q3"))
    close(scores["2022-Q4"], math.log(12.29 + 1, BASE))
    close(scores["2023-Q4"], math.log(162.44 + 1, BASE))
    # 2023-Q2: the years ending June 2023, 2022, ..., 2019 total 5, 9, 0, 40 and 3
    close(scores["2023-Q2"], math.log(0.52 * 5 + 0.26 * 9 + 0.06 * 40 + 0.03 * 3 + 1, BASE))


def test_score_by_province(project):
    by_province = project.compute(GTI, period_type="year", by="province")
    # Sindh: yearly totals 4, 0, 33, 0, 5, 301
    sindh_2023 = 0.52 * 301 + 0.26 * 5 + 0.13 * 0 + 0.06 * 33 + 0.03 * 0
    sindh = pick(by_province, GTI, dimension="province", value="Sindh")
    close(sindh[5], math.log(sindh_2023 + 1, BASE))
    # Punjab: 0, 10, 0, 0, 9, 0
    punjab_2023 = 0.52 * 0 + 0.26 * 9 + 0.13 * 0 + 0.06 * 0 + 0.03 * 10
    punjab = pick(by_province, GTI, dimension="province", value="Punjab")
    close(punjab[5], math.log(punjab_2023 + 1, BASE))


def test_empty_year_weights_are_refused(project, tmp_path):
    root = write_project(
        tmp_path,
        {
            "indicators/a.yaml": """\
                indicators:
                  - id: events
                    title: Events
                    description: Events.
                    unit: events
                    direction: lower_is_better
                    source: events
                    measure: {kind: count}
                  - id: score
                    title: Score
                    description: Score.
                    unit: score
                    direction: lower_is_better
                    measure:
                      kind: composite
                      components: [{indicator: events, weight: 1}]
                      year_weights: []
                """
        },
    )
    assert any("'year_weights' is empty" in error for error in spec_errors(root))
