"""What compute refuses, and how: one located message per problem, never a traceback.

Messages are checked in full, as a user reads them (``file:line:col: path: message``).
"""

from __future__ import annotations

import dataclasses

import pytest
from click.testing import CliRunner

import ctscore
from conftest import SOURCES as EVENTS_SOURCE
from ctscore.api import Project
from ctscore.cli import main
from ctscore.errors import UserError
from ctscore.spec.filters import Filter

# The shared events source, plus an undated population table.
SOURCES = (
    EVENTS_SOURCE
    + """\
  - id: population
    title: Population
    file: population.csv
    columns:
      province: {type: category}
      year: {type: integer}
      population: {type: integer}
"""
)
UNDATED = """\
indicators:
  - id: attacks
    title: Attacks
    description: Attacks.
    unit: attacks
    direction: lower_is_better
    source: events
    measure: {kind: count}
  - id: rate
    title: Rate
    description: Attacks per person.
    unit: attacks
    direction: lower_is_better
    measure: {kind: rate, indicator: attacks, population: population, per: 1}
  - id: population_rows
    title: Population rows
    description: Counts an undated table.
    unit: rows
    direction: lower_is_better
    source: population
    measure: {kind: count}
  - id: per_row
    title: Attacks per population row
    description: Depends on the undated count.
    unit: attacks
    direction: lower_is_better
    measure: {kind: derived, expression: attacks / population_rows}
"""
POPULATION = "province,year,population\nPunjab,2024,10\nSindh,2024,30\n"


def messages(caught) -> list[str]:
    return [str(d) for d in caught.value.diagnostics]


@pytest.fixture
def undated(project):
    return ctscore.load_project(
        project(
            {
                "data/sources.yaml": SOURCES,
                "population.csv": POPULATION,
                "indicators/i.yaml": UNDATED,
            }
        )
    )


def test_an_undated_source_only_stops_the_indicators_counting_it(undated):
    yearly = undated.compute(["attacks", "rate"], period_type="year")
    assert yearly["value"].tolist() == [2, 2 / 40]  # the population needs no dates


def test_counting_an_undated_source_is_refused_at_its_source_line(undated):
    expected = (
        "indicators/i.yaml:20:5: indicators[population_rows].source: source 'population' has "
        "no 'date:', but indicators are computed over time, period by period, and need a "
        "source whose rows have dates: count a source declared with 'date:', or use "
        "'population' as the 'population' of a rate"
    )
    for asked in (["population_rows"], ["per_row"], None):  # itself, a dependant, everything
        with pytest.raises(UserError) as caught:
            undated.compute(asked)
        assert messages(caught) == [expected]


def test_cli_computes_other_indicators_beside_an_undated_one(undated):
    ok = CliRunner().invoke(main, ["compute", ".", "--indicator", "attacks"])
    assert ok.exit_code == 0, ok.output
    refused = CliRunner().invoke(main, ["compute", ".", "--indicator", "per_row"])
    assert refused.exit_code == 2
    assert refused.stderr.startswith("indicators/i.yaml:20:5: indicators[population_rows].source")
    assert "Traceback" not in refused.output


FISCAL = """\
indicators:
  - {id: attacks, title: A, description: A., unit: u, direction: lower_is_better,
     source: events, measure: {kind: count}}
  - id: fiscal_ytd
    title: F
    description: F.
    unit: u
    direction: lower_is_better
    measure: {kind: year_to_date, indicator: attacks, year: fiscal}
  - {id: ytd, title: Y, description: Y., unit: u, direction: lower_is_better,
     measure: {kind: year_to_date, indicator: attacks}}
"""
EVENTS = "id,date,province,killed\n1,2024-01-10,Punjab,1\n2,2024-02-10,Sindh,0\n"
EVENTS += "3,2024-03-05,Punjab,2\n4,2024-05-20,Sindh,1\n"


@pytest.fixture
def february(project):
    """Fiscal years start in February, inside the first quarter."""
    config = "name: February\nfiscal_year_start_month: 2\n"
    files = {"ctscore.yaml": config, "events.csv": EVENTS, "indicators/i.yaml": FISCAL}
    return ctscore.load_project(project(files))


def test_fiscal_year_to_date_over_quarters_the_fiscal_year_cuts_is_refused(february):
    with pytest.raises(UserError) as caught:
        february.compute("fiscal_ytd", period_type="quarter")
    assert messages(caught) == [
        "indicators/i.yaml:9:55: indicators[fiscal_ytd].measure.year: a fiscal year-to-date "
        "total cannot be computed by quarter: the fiscal year starts in February "
        "(fiscal_year_start_month: 2), part-way through a quarter, so one quarter would hold "
        "days of two fiscal years; compute it by month or fiscal year, or use 'year: calendar'"
    ]
    with pytest.raises(UserError, match=r"by year: the fiscal year starts in February"):
        february.compute("fiscal_ytd", period_type="year")


def test_fiscal_year_to_date_by_month_restarts_in_february(february):
    # January 2024 ends FY2024 (Feb 2023 - Jan 2024), which began before the data: partial
    monthly = february.compute("fiscal_ytd", period_type="month")
    assert monthly["period"].tolist() == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    assert monthly["value"].tolist() == [1, 1, 2, 2, 3]
    assert monthly["partial"].tolist() == [True, False, False, False, True]
    assert february.compute("ytd", period_type="quarter")["value"].tolist() == [3, 4]


def test_calendar_year_to_date_over_fiscal_years_is_refused(february):
    with pytest.raises(UserError) as caught:
        february.compute("ytd", period_type="fiscal_year")
    assert messages(caught) == [
        "indicators/i.yaml:11:6: indicators[ytd].measure.year: a calendar year-to-date total "
        "cannot be computed by fiscal year: the calendar year starts in January, part-way "
        "through a fiscal year (fiscal_year_start_month: 2), so one fiscal year would hold "
        "days of two calendar years; compute it by month, quarter or year, or use "
        "'year: fiscal'"
    ]


DATED = """\
indicators:
  - id: early
    title: Early
    description: Attacks before a date.
    unit: attacks
    direction: lower_is_better
    source: events
    filter: {any: [{province: Sindh}, {date: {lt: 2024-02-01}}]}
    measure: {kind: count}
"""


def with_filter(project: Project, ind_id: str, written: dict) -> Project:
    """The project with a filter the spec check would refuse: what the engine does alone."""
    spec = project.spec
    indicator = spec.indicators[ind_id].model_copy(
        update={"filter": Filter.model_validate(written)}
    )
    return Project(dataclasses.replace(spec, indicators={**spec.indicators, ind_id: indicator}))


@pytest.fixture
def dated(project):
    return ctscore.load_project(project({"indicators/i.yaml": DATED}))


def test_a_date_filter_with_text_that_is_not_a_date_is_a_located_error(dated):
    assert dated.compute(period_type="year")["value"].tolist() == [2]
    broken = with_filter(dated, "early", {"any": [{"province": "Sindh"}, {"date": "last year"}]})
    with pytest.raises(UserError) as caught:
        broken.compute()
    assert messages(caught) == [
        "indicators/i.yaml:8:40: indicators[early].filter.any[1].date: 'last year' is not a "
        "date; write dates as YYYY-MM-DD, e.g. 2024-03-18"
    ]
    broken = with_filter(dated, "early", {"date": {"between": ["2024-01-01", "soon"]}})
    with pytest.raises(UserError, match=r"filter\.date: 'soon' is not a date"):
        broken.compute()


def test_cli_reports_a_date_that_is_not_a_date_without_a_traceback(project):
    root = project({"indicators/i.yaml": DATED.replace("{lt: 2024-02-01}", "last year")})
    result = CliRunner().invoke(main, ["compute", str(root)])
    assert result.exit_code == 2
    assert "indicators/i.yaml:8:" in result.stderr
    assert "'last year' is not a date" in result.stderr
    assert "Traceback" not in result.output
