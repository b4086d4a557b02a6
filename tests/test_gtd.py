"""The GTD adapter (``kind: gtd``) on a fixture written from START's GTD codebook.

tests/fixtures/gtd_pakistan.csv is made up (the GTD may not be redistributed): seven
incidents with every column the adapter knows, START's unknown codes (-99 in counts and
amounts, -9 in yes/no items), dates with an unknown day or month, a leap day, a multiple
incident and a kidnapping. Expected values are counted by hand from the file.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

from conftest import data_errors, write_project
from ctscore.adapters.gtd import gtd_columns
from ctscore.api import load_project
from ctscore.data import load_data
from ctscore.data.adapted import unknown_code_notes
from ctscore.spec.loader import load_project_spec

FIXTURE = Path(__file__).parent / "fixtures" / "gtd_pakistan.csv"
TTP = "Tehrik-i-Taliban Pakistan (TTP)"
SOURCES = """\
sources:
  - id: gtd
    title: Global Terrorism Database
    kind: gtd
    file: data/{file}
{options}
indicators:
  - id: incidents
    title: Incidents
    description: Terrorist incidents, GTI convention (incidents in doubt left out).
    unit: incidents
    direction: lower_is_better
    source: gtd
    filter: {{not: {{doubtterr: 1}}}}
    measure: {{kind: count}}
    dimensions: [provstate]
  - id: deaths
    title: Deaths
    description: People killed; unknown counts are blanks.
    unit: deaths
    direction: lower_is_better
    source: gtd
    filter: {{not: {{doubtterr: 1}}}}
    measure: {{kind: sum, column: nkill}}
  - id: injuries
    title: Injuries
    description: People wounded.
    unit: injuries
    direction: lower_is_better
    source: gtd
    filter: {{not: {{doubtterr: 1}}}}
    measure: {{kind: sum, column: nwound}}
  - id: hostages
    title: Hostages
    description: Hostages and kidnapped.
    unit: people
    direction: lower_is_better
    source: gtd
    filter: {{not: {{doubtterr: 1}}}}
    measure: {{kind: sum, column: nhostkid}}
  - id: unknown_deaths
    title: Incidents with an unknown death toll
    description: nkill coded -99.
    unit: incidents
    direction: lower_is_better
    source: gtd
    filter: {{nkill: {{is_null: true}}}}
    measure: {{kind: count}}
  - id: impact
    title: Impact score (GTI weights, one year)
    description: Incidents, deaths, injuries and hostages weighted 1, 3, 0.5 and 0.5.
    unit: points
    direction: lower_is_better
    measure:
      kind: composite
      components:
        - {{indicator: incidents, weight: 1}}
        - {{indicator: deaths, weight: 3}}
        - {{indicator: injuries, weight: 0.5}}
        - {{indicator: hostages, weight: 0.5}}
"""


def gtd_project(project, data: bytes | None = None, file: str = "gtd.csv", options: str = ""):
    root = project({"data/sources.yaml": SOURCES.format(file=file, options=options)})
    (root / "data" / file).write_bytes(FIXTURE.read_bytes() if data is None else data)
    return root


def frame(root) -> pd.DataFrame:
    return load_data(load_project_spec(root)).tables["gtd"].frame


def read_everything(root, file: str = "gtd.csv", options: str = "") -> Path:
    """Declare every catalogue column (declared columns are always read)."""
    spec = "".join(f"      {name}: {{}}\n" for name in gtd_columns())
    options += "\n    columns:\n" + spec
    (root / "data" / "sources.yaml").write_text(
        SOURCES.format(file=file, options=options), encoding="utf-8"
    )
    return root


def every_column(root, file: str = "gtd.csv", options: str = "") -> pd.DataFrame:
    return frame(read_everything(root, file, options))


@pytest.fixture(scope="module")
def everything_table(tmp_path_factory):
    """Every catalogue column of the fixture, loaded once for the tests that only read it."""
    root = write_project(tmp_path_factory.mktemp("gtd"), {})
    (root / "data" / "gtd.csv").write_bytes(FIXTURE.read_bytes())
    return load_data(load_project_spec(read_everything(root))).tables["gtd"]


@pytest.fixture(scope="module")
def everything(everything_table) -> pd.DataFrame:
    return everything_table.frame


def test_fixture_has_every_catalogue_column():
    with FIXTURE.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == list(gtd_columns())
    assert all(column.description for column in gtd_columns().values())


def test_dates_from_year_month_day_with_zero_as_unknown(project):
    loaded = frame(gtd_project(project))
    assert loaded["_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2014-12-16",
        "2014-03-01",  # iday 0: the month's first day, precision month
        "2015-01-01",  # imonth 0: the year's first day, precision year
        "2015-06-30",
        "2015-06-30",
        "2015-07-01",
        "2016-02-29",
    ]
    assert loaded["_date_precision"].tolist() == ["day", "month", "year"] + ["day"] * 4


def test_approxdate_is_kept_as_text(everything):
    loaded = everything
    assert loaded["approxdate"].fillna("-").tolist()[:3] == ["-", "early March 2014", "2015"]


def test_unknown_codes_are_blanks_not_numbers(everything):
    loaded = everything
    assert loaded["nkill"].astype("Float64").fillna(-1).tolist() == [10, -1, 4, 1, 0, 0, 0]
    assert loaded["nwound"].astype("Float64").fillna(-1).tolist() == [5, 3, -1, 0, 0, 0, 2]
    assert loaded["nhostkid"].isna().tolist() == [True] * 5 + [False, True]  # -99 and blank
    assert loaded.loc[5, ["nhostkid", "ndays", "nreleased"]].tolist() == [3, 2, 3]
    assert loaded.loc[5, ["nhours", "ransomamt", "ransom"]].isna().all()  # -99, -99, -9
    assert loaded["doubtterr"].astype("Float64").fillna(-1).tolist() == [0, -1, 1, 0, 0, 0, 0]
    assert loaded["propvalue"].isna().all()  # -99 and blanks
    assert loaded["nperps"].astype("Float64").fillna(-1).tolist()[:2] == [6, -1]
    for name in ("vicinity", "claimed", "INT_LOG", "INT_IDEO", "INT_ANY"):
        assert pd.isna(loaded.loc[1, name]), name  # -9 in row 2
    assert pd.isna(loaded.loc[6, "property"])


def test_counts_and_flags_follow_the_codebook(everything):
    loaded = everything
    assert loaded["eventid"].tolist()[0] == 201412160001
    assert loaded["suicide"].tolist() == [0, 0, 0, 1, 1, 0, 0]
    assert loaded["success"].tolist() == [1, 1, 1, 1, 0, 1, 1]
    assert loaded["multiple"].tolist() == [0, 0, 0, 1, 1, 0, 0]
    assert loaded.loc[2, ["crit1", "crit2", "crit3"]].tolist() == [1, 1, 0]
    assert loaded["gname"].value_counts()[TTP] == 3
    assert str(loaded["attacktype1_txt"].dtype) == "category"
    assert loaded.loc[6, "summary"].startswith("02/29/2016: a grenade was thrown at the Café")


def test_gti_convention_and_sums_by_year(project):
    results = load_project(gtd_project(project)).compute(None, "year")
    totals = results[results["dimension"] == "total"].set_index(["indicator", "period"])["value"]
    # 2014: both incidents (row 2's doubt is unknown, so it stays in); nkill 10 + unknown.
    # 2015: row 3 (doubtterr 1) left out; three incidents, nkill 1 + 0 + 0, hostages 3.
    expected = {
        "incidents": {"2014": 2, "2015": 3, "2016": 1},
        "deaths": {"2014": 10, "2015": 1, "2016": 0},
        "injuries": {"2014": 8, "2015": 0, "2016": 2},
        "hostages": {"2014": 0, "2015": 3, "2016": 0},
        "unknown_deaths": {"2014": 1, "2015": 0, "2016": 0},
    }
    for indicator, by_year in expected.items():
        assert {y: totals[indicator, y] for y in by_year} == by_year, indicator
    impact = {
        y: 1 * e + 3 * d + 0.5 * i + 0.5 * h
        for y, e, d, i, h in zip(
            ["2014", "2015", "2016"],
            *(expected[k].values() for k in ("incidents", "deaths", "injuries", "hostages")),
            strict=True,
        )
    }
    assert {y: totals["impact", y] for y in impact} == pytest.approx(impact)


def test_incidents_by_province(project):
    results = load_project(gtd_project(project)).compute(["incidents"], "year", ["provstate"])
    by_province = results[(results["period"] == "2015") & (results["dimension"] == "provstate")]
    counts = dict(zip(by_province["dimension_value"], by_province["value"], strict=True))
    assert counts["Khyber Pakhtunkhwa"] == 3
    assert counts.get("Federally Administered Tribal Areas", 0) == 0  # in doubt: left out


def test_older_latin1_release_needs_its_encoding(project, everything):
    from_utf8 = everything
    latin1 = FIXTURE.read_text(encoding="utf-8").encode("latin-1")
    [message] = data_errors(read_everything(gtd_project(project, latin1)))
    assert message.startswith("data/gtd.csv:8: cannot read the file as utf-8")
    assert "csv: {encoding: latin-1}" in message
    encoding = "    csv: {encoding: latin-1}"
    from_latin1 = every_column(gtd_project(project, latin1), options=encoding)
    pd.testing.assert_frame_equal(from_latin1, from_utf8)


def test_excel_distribution_reads_like_the_csv(project, tmp_path, everything):
    from_csv = everything
    workbook = tmp_path / "globalterrorismdb.xlsx"
    pd.read_csv(FIXTURE).to_excel(workbook, index=False)  # numbers as numbers, -99 too
    from_excel = every_column(gtd_project(project, workbook.read_bytes(), "gtd.xlsx"), "gtd.xlsx")
    assert from_excel["_line"].tolist() == list(range(2, 9))
    for name in ("nkill", "nwound", "nhostkid", "doubtterr", "_date", "_date_precision"):
        pd.testing.assert_series_equal(from_excel[name], from_csv[name], check_dtype=False)


def test_invalid_day_is_reported_with_its_row(project):
    text = FIXTURE.read_text(encoding="utf-8").replace(",2016,2,29,", ",2015,2,29,")
    [message] = data_errors(gtd_project(project, text.encode()))
    assert message.startswith("data/gtd.csv:8: iday: not a valid date (iyear/imonth/iday)")


def test_cells_read_as_blank_are_counted_and_stated(everything_table):
    # By hand: nperps is -99 in six rows (all but the first); every other code once.
    assert dict(everything_table.unknown_codes) == {
        "vicinity": 1,
        "doubtterr": 1,
        "nperps": 6,
        "claimed": 1,
        "nkill": 1,
        "nwound": 1,
        "property": 1,
        "propvalue": 1,
        "nhostkid": 1,
        "nhours": 1,
        "ransom": 1,
        "ransomamt": 1,
        "INT_LOG": 1,
        "INT_IDEO": 1,
        "INT_ANY": 1,
    }
    [note] = unknown_code_notes([everything_table])
    assert note.startswith(
        "Global Terrorism Database: cells coded unknown (-9, -99) read as blank, not as "
        "numbers: vicinity 1, doubtterr 1, nperps 6,"
    )


def test_validate_data_says_which_cells_were_read_as_blank(project):
    from click.testing import CliRunner

    from ctscore.cli import main

    result = CliRunner().invoke(main, ["validate", "--data", str(gtd_project(project))])
    assert result.exit_code == 0, result.output
    assert (
        "Global Terrorism Database: cells coded unknown (-9, -99) read as blank, not as "
        "numbers: doubtterr 1, nkill 1, nwound 1, nhostkid 1." in " ".join(result.output.split())
    )


def test_1993_has_no_value_not_zero(project):
    # START lost the 1993 incident records (GTD codebook): move row 1 to 1992, so the
    # data spans 1992-2016 and 1993 lies inside it with no rows.
    text = FIXTURE.read_text(encoding="utf-8").replace(",2014,12,16,", ",1992,12,16,", 1)
    root = gtd_project(project, text.encode())
    results = load_project(root).compute(["incidents", "deaths"], "year")
    totals = results[results["dimension"] == "total"].set_index(["indicator", "period"])
    assert pd.isna(totals.loc[("incidents", "1993"), "value"])
    assert pd.isna(totals.loc[("deaths", "1993"), "value"])
    assert totals.loc[("incidents", "1993"), "partial"]
    assert totals.loc[("incidents", "1994"), "value"] == 0  # a year START covers: 0
    assert totals.loc[("incidents", "1992"), "value"] == 1
    quarters = load_project(root).compute(["incidents"], "quarter")
    q = quarters[quarters["dimension"] == "total"].set_index("period")
    assert q.loc[["1993-Q1", "1993-Q4"], "value"].isna().all()
    assert q.loc["1994-Q1", "value"] == 0


GTI_COMPONENTS = """\
sources:
  - id: gtd
    title: Global Terrorism Database
    kind: gtd
    file: data/gtd.csv
    coverage_start: 2011-01-01
    coverage_end: 2016-12-31
indicators:
  - {id: attacks, title: A, description: A., unit: u, direction: lower_is_better,
     source: gtd, filter: {not: {doubtterr: 1}}, measure: {kind: count}}
  - {id: fatalities, title: F, description: F., unit: u, direction: lower_is_better,
     source: gtd, filter: {not: {doubtterr: 1}}, measure: {kind: sum, column: nkill}}
  - {id: injuries, title: I, description: I., unit: u, direction: lower_is_better,
     source: gtd, filter: {not: {doubtterr: 1}}, measure: {kind: sum, column: nwound}}
  - {id: hostages, title: H, description: H., unit: u, direction: lower_is_better,
     source: gtd, filter: {not: {doubtterr: 1}}, measure: {kind: sum, column: nhostkid}}
"""


def test_the_bundled_impact_score_runs_on_gtd_data(tmp_path):
    # indicators/impact.yaml as shipped, over GTD indicators of the ids it combines. Impact
    # per year (GTI convention, by hand from the fixture; see test_gti_convention_...):
    # 2014: 2 + 3*10 + 0.5*8 + 0.5*0 = 36; 2015: 3 + 3*1 + 0 + 0.5*3 = 7.5; 2016: 1 + 0 +
    # 0.5*2 + 0 = 2; 2011-2013: 0. Score: log base 20001^(1/10) of (weighted five years + 1).
    repo = Path(__file__).resolve().parents[1]
    root = write_project(
        tmp_path,
        {
            "data/sources.yaml": GTI_COMPONENTS,
            "indicators/impact.yaml": (repo / "indicators" / "impact.yaml").read_text("utf-8"),
        },
    )
    (root / "data" / "gtd.csv").write_bytes(FIXTURE.read_bytes())
    results = load_project(root).compute(["terrorism_impact_score"], "year")
    score = results[results["dimension"] == "total"].set_index("period")["value"]
    base = 20001 ** (1 / 10)
    assert score.loc[["2011", "2012", "2013", "2014"]].isna().all()  # < five years of data
    weighted_2015 = 0.52 * 7.5 + 0.26 * 36
    weighted_2016 = 0.52 * 2 + 0.26 * 7.5 + 0.13 * 36
    assert score["2015"] == pytest.approx(math.log(weighted_2015 + 1, base))
    assert score["2016"] == pytest.approx(math.log(weighted_2016 + 1, base))
