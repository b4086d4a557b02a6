"""The UCDP GED adapter: a source of ``kind: ucdp_ged`` gives typed, named columns."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from conftest import data_errors as errors
from ctscore.adapters.ucdp import is_hxl_row, ucdp_columns
from ctscore.api import load_project
from ctscore.data import load_data
from ctscore.spec.loader import load_project_spec
from ctscore.spec.sources import Source, columns_of

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
REAL_FILE = SHARED / "ucdp_ged_pakistan.csv"
TTP = "Government of Pakistan - TTP"

HEADER = (
    "id,year,type_of_violence,dyad_name,side_a,side_b,source_article,adm_1,adm_2,date_prec,"
    "date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,low,high\n"
)
HXL = ",#date+year,,,#group+name+first,#group+name+second,#meta+source,#adm1+name,#adm2+name,"
HXL += ",#date+start,#date+end,,,,,#affected+killed,,\n"
START = "2009-05-02 00:00:00.000"
EVENTS = [
    f'10,2009,1,{TTP},Government of Pakistan,TTP,"""Dawn,2009-05-03,Clash in Swat""",'
    f"Khyber Pakhtunkwa province,Swat district,1,{START},{START},2,5,0,0,7,7,9\n",
    '11,2009,3,TTP - Civilians,TTP,Civilians,"Reuters,\n""Bomb in Peshawar""",'
    "Khyber Pakhtunkwa province,,4,2009-05-01,2009-05-31,0,0,12,0,12,10,15\n",
    f"12,2010,1,{TTP},Government of Pakistan,TTP,x,Federally Administered Tribal Areas,"
    f"Khyber Agency,5,2010-01-01,2010-12-31,1,{{best_b}},0,0,{{best}},3,4\n",
    f"13,2010,2,TTP - Lashkar-e-Islam,TTP,Lashkar-e-Islam,y,,,2,{START},{START},0,1,0,0,1,1,1\n",
]

SOURCES = """\
sources:
  - id: ged
    title: UCDP GED
    kind: ucdp_ged
    file: data/ged.csv
{options}
indicators:
  - id: ttp_deaths
    title: Deaths in the TTP dyad
    description: Best estimate of deaths in fighting between the state and the TTP.
    unit: deaths
    direction: lower_is_better
    source: ged
    filter: {{dyad_name: {ttp}}}
    measure: {{kind: sum, column: best}}
    dimensions: [adm_1]
"""


def ged_project(project, hxl: bool = True, options: str = "", best: int = 2):
    rows = "".join(EVENTS).replace("{best_b}", str(best - 1)).replace("{best}", str(best))
    text = HEADER + (HXL if hxl else "") + rows
    sources = SOURCES.format(options=options, ttp=TTP)
    return project({"data/sources.yaml": sources, "data/ged.csv": text})


def ged(root) -> pd.DataFrame:
    return load_data(load_project_spec(root)).tables["ged"].frame


def test_hxl_row_is_detected_and_skipped(project):
    frame = ged(ged_project(project))
    assert frame["id"].tolist() == [10, 11, 12, 13]
    assert frame["_line"].tolist() == [3, 4, 6, 7]  # event 11 spans lines 4-5
    assert frame["best"].dtype == "int32"  # whole numbers, narrowed (data.columns.narrow)
    assert frame["dyad_name"].dtype == "category"


def test_ucdp_download_without_hxl_row(project):
    assert ged(ged_project(project, hxl=False))["_line"].tolist() == [2, 3, 5, 6]


def test_skip_rows_after_header_given_turns_detection_off(project):
    root = ged_project(project, options="    csv: {skip_rows_after_header: 0}")
    found = errors(root)
    assert any(
        e.startswith("data/ged.csv:2: date_start: not a date in 1 row: line 2 '#date+start'")
        for e in found
    ), found


def test_dated_by_date_start_with_precision_from_date_prec(project):
    frame = ged(ged_project(project))
    assert frame["_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2009-05-02",
        "2009-05-01",
        "2010-01-01",
        "2009-05-02",
    ]
    # date_prec 1, 4, 5, 2 (a span of 2-6 days: within a week)
    assert frame["date_precision"].tolist() == ["day", "month", "year", "week"]
    assert frame["_date_precision"].tolist() == ["day", "month", "year", "week"]


def test_a_date_prec_outside_the_codebook_is_reported_once_at_date_prec(project):
    root = ged_project(project)
    data = root / "data" / "ged.csv"
    data.write_text(
        data.read_text(encoding="utf-8").replace(",Swat district,1,", ",Swat district,6,")
    )
    assert errors(root) == [
        "data/ged.csv:3: date_prec: above the maximum 5 in 1 row: line 3 '6'; or set "
        "'on_error: drop' on the source to leave such rows out (they are then counted nowhere, "
        "and each build warns how many were dropped)"
    ]


def test_only_the_columns_used_are_read(project):
    assert list(ged(ged_project(project)).columns) == [
        "_line",
        "id",
        "dyad_name",
        "adm_1",
        "date_prec",  # read for date_precision: its own rule (1-5) is checked
        "date_precision",
        "date_start",
        "date_end",  # the end of each event's date window (issue #9)
        "best",
        "_date",
        "_date_precision",
        "_date_end",
    ]


def test_declared_columns_change_the_catalogue_field_by_field(project):
    options = (
        "    columns:\n"
        "      adm_1: {recode: {Khyber Pakhtunkwa province: Khyber Pakhtunkhwa,\n"
        "              Federally Administered Tribal Areas: Merged Districts (ex-FATA)}}\n"
        "      killed_state_side: {type: integer, expression: deaths_a}"
    )
    root = ged_project(project, options=options)
    source = load_project_spec(root).sources["ged"]
    adm_1 = columns_of(source)["adm_1"]
    assert (adm_1.type, adm_1.required, adm_1.description) == (
        "category",
        False,
        ucdp_columns()["adm_1"].description,
    )
    frame = ged(root)
    assert frame["adm_1"].astype("string").fillna("-").tolist() == [
        "Khyber Pakhtunkhwa",
        "Khyber Pakhtunkhwa",
        "Merged Districts (ex-FATA)",
        "-",
    ]
    assert frame["killed_state_side"].tolist() == [2, 0, 1, 0]


def test_bad_row_after_a_multiline_value_gets_its_own_line(project):
    root = ged_project(project, best=-1)
    assert errors(root) == [
        "data/ged.csv:6: best: below the minimum 0 in 1 row: line 6 '-1'; or set 'on_error: "
        "drop' on the source to leave such rows out (they are then counted nowhere, and each "
        "build warns how many were dropped)"
    ]


def test_hxl_rows():
    assert is_hxl_row(["", "#date+year", " #adm1+name", ""])
    assert not is_hxl_row(["", "", ""])
    assert not is_hxl_row(["12", "#hashtag in a headline"])


def test_catalogue_columns_are_described_and_counts_are_not_negative():
    columns = ucdp_columns()
    assert all(column.description for column in columns.values())
    for name in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "low"):
        assert (columns[name].type, columns[name].min) == ("integer", 0)
    assert columns["id"].unique
    assert (
        Source(id="g", title="G", kind="ucdp_ged", file="g.csv").csv.skip_rows_after_header is None
    )


needs_real_data = pytest.mark.skipif(
    not REAL_FILE.is_file(), reason=f"real UCDP GED extract not found at {REAL_FILE}"
)


@pytest.fixture
def real(project):
    """A project whose data/ged.csv links to the shared extract (a source's file must be
    inside the project folder; a link there may point elsewhere)."""
    sources = SOURCES.format(options="", ttp=TTP)
    sources += """\
  - id: ttp_events
    title: Events in the TTP dyad
    description: Events of fighting between the state and the TTP.
    unit: events
    direction: lower_is_better
    source: ged
    filter: {dyad_name: Government of Pakistan - TTP}
    measure: {kind: count}
"""
    root = project({"data/sources.yaml": sources})
    (root / "data" / "ged.csv").symlink_to(REAL_FILE)
    return root


def expected_by_year() -> pd.DataFrame:
    """Independently of ctscore: skip the HXL row, keep the dyad, group by date_start's year."""
    raw = pd.read_csv(REAL_FILE, skiprows=[1], low_memory=False)
    ttp = raw[raw["dyad_name"] == TTP]
    year = pd.to_datetime(ttp["date_start"]).dt.year
    return ttp.groupby(year).agg(events=("id", "size"), best=("best", "sum"))


@pytest.mark.realdata
@needs_real_data
def test_real_file_loads_with_every_row_on_its_line(real):
    frame = ged(real)
    assert len(frame) == 6416
    with REAL_FILE.open(encoding="utf-8", newline="") as handle:
        lines = handle.read().split("\n")
    starts = [lines[line - 1].split(",", 1)[0] for line in frame["_line"]]
    assert starts == frame["id"].astype(str).tolist()
    assert frame["_line"].iloc[-1] == len(lines) - 1  # the file ends with a newline
    assert set(frame["_date_precision"]) == {"day", "week", "month", "year"}


@pytest.mark.realdata
@needs_real_data
def test_real_ttp_events_and_deaths_by_year_match_pandas(real):
    expected = expected_by_year()
    frame = ged(real)
    ttp = frame[frame["dyad_name"] == TTP]
    loaded = ttp.groupby(ttp["_date"].dt.year).agg(events=("id", "size"), best=("best", "sum"))
    pd.testing.assert_frame_equal(loaded, expected, check_names=False, check_dtype=False)
    results = load_project(real).compute(["ttp_events", "ttp_deaths"], "year")
    totals = results[results["dimension"] == "total"]
    for indicator, column in (("ttp_events", "events"), ("ttp_deaths", "best")):
        computed = totals[totals["indicator"] == indicator].set_index("period")["value"]
        computed = computed[computed > 0]
        assert computed.to_dict() == {str(y): float(v) for y, v in expected[column].items()}


def test_real_extract_is_never_copied_into_the_project():
    repo = Path(__file__).resolve().parents[1]
    folders = ("data", "tests", "bench", "src", "docs")
    assert not [p for f in folders for p in (repo / f).rglob("ucdp_ged*")]


def test_hdx_header_row_matches_the_catalogue():
    if not REAL_FILE.is_file():
        pytest.skip(f"real UCDP GED extract not found at {REAL_FILE}")
    with REAL_FILE.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header, tags = next(reader), next(reader)
    assert is_hxl_row(tags)
    assert [name for name in ucdp_columns() if name not in header] == ["date_precision"]
