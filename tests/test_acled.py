"""The ACLED adapter (``kind: acled``) on a fixture written from the ACLED codebook.

tests/fixtures/acled_pakistan_export.csv is made up (ACLED may not be redistributed): six
events as the export tool writes them, with every column the adapter knows, the three
time precisions, a leap day, a one-digit day, a note spanning two lines and both dyadic
and one-sided events. Expected values are counted by hand from the file.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from conftest import data_errors, write_project
from ctscore.adapters.acled import acled_columns, iso_event_dates
from ctscore.api import load_project
from ctscore.data import load_data
from ctscore.spec.loader import load_project_spec

FIXTURE = Path(__file__).parent / "fixtures" / "acled_pakistan_export.csv"
ISO = ["2024-03-18", "2024-03-02", "2024-02-15", "2024-02-29", "2023-12-31", "2024-01-01"]
LABELS = {"1": "State forces", "2": "Rebel group", "3": "Political militia", "6": "Protesters"}
LABELS |= {"7": "Civilians", "0": ""}
SOURCES = """\
sources:
  - id: acled
    title: ACLED
    kind: acled
    file: data/{file}
{options}
indicators:
  - id: fatalities
    title: Reported fatalities
    description: ACLED's fatalities in political violence.
    unit: deaths
    direction: lower_is_better
    source: acled
    filter: {{disorder_type: Political violence}}
    measure: {{kind: sum, column: fatalities}}
    dimensions: [admin1]
  - id: civilian_targeting
    title: Events targeting civilians
    description: Events ACLED codes as civilian targeting.
    unit: events
    direction: lower_is_better
    source: acled
    filter: {{civilian_targeting: Civilian targeting}}
    measure: {{kind: count}}
"""


def acled_project(project, text: str | None = None, file: str = "acled.csv", options: str = ""):
    root = project({"data/sources.yaml": SOURCES.format(file=file, options=options)})
    data = FIXTURE.read_bytes() if text is None else text.encode("utf-8")
    (root / "data" / file).write_bytes(data)
    return root


def every_column(root, file: str = "acled.csv") -> pd.DataFrame:
    """Every catalogue column (declared columns are always read)."""
    declared = "".join(f"      {name}: {{}}\n" for name in acled_columns())
    (root / "data" / "sources.yaml").write_text(
        SOURCES.format(file=file, options="    columns:\n" + declared), encoding="utf-8"
    )
    return load_data(load_project_spec(root)).tables["acled"].frame


@pytest.fixture(scope="module")
def everything(tmp_path_factory) -> pd.DataFrame:
    root = write_project(tmp_path_factory.mktemp("acled"), {})
    (root / "data" / "acled.csv").write_bytes(FIXTURE.read_bytes())
    return every_column(root)


def api_form() -> str:
    """The fixture as the API (saved as CSV) gives it: ISO dates, actor types as labels."""
    table = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    table["event_date"] = ISO
    for name in ("inter1", "inter2"):
        table[name] = table[name].map(LABELS)
    table["interaction"] = table["inter1"] + "-" + table["inter2"]
    return table.to_csv(index=False, lineterminator="\n")


def test_fixture_has_every_catalogue_column():
    with FIXTURE.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert sorted(header) == sorted(name for name in acled_columns() if name != "date_precision")
    assert all(column.description for column in acled_columns().values())


def test_export_tool_dates(everything):
    assert everything["_date"].dt.strftime("%Y-%m-%d").tolist() == ISO
    assert everything["_line"].tolist() == [2, 3, 4, 5, 6, 7]  # the last note spans 7-8


def test_time_precision_maps_to_day_day_month(everything):
    assert everything["time_precision"].tolist() == [1, 2, 3, 1, 1, 1]
    assert everything["date_precision"].tolist() == ["day", "week", "month", "day", "day", "day"]
    assert everything["_date_precision"].tolist() == everything["date_precision"].tolist()


def test_columns_follow_the_codebook(everything):
    assert everything["event_id_cnty"].tolist()[0] == "PAK1001"
    assert everything["fatalities"].tolist() == [5, 7, 2, 0, 0, 3]
    assert everything["inter1"].astype(str).tolist() == ["2", "1", "3", "6", "1", "2"]
    assert everything["interaction"].astype(str).tolist()[:3] == ["12", "12", "37"]
    assert everything["civilian_targeting"].isna().tolist() == [True, True, False] + [True] * 3
    assert everything.loc[5, "assoc_actor_1"] == "BLF: Balochistan Liberation Front"
    assert everything.loc[5, "notes"].endswith("vehicle.\nThree soldiers were killed.")
    assert everything["timestamp"].tolist()[0] == 1710892800
    assert everything["geo_precision"].tolist() == [1, 1, 2, 1, 1, 1]
    assert str(everything["admin1"].dtype) == "category"


def test_api_form_reads_like_the_export(project, everything):
    from_api = every_column(acled_project(project, api_form()))
    for name in ("_date", "_date_precision", "fatalities", "admin1"):
        pd.testing.assert_series_equal(from_api[name], everything[name])
    assert from_api["inter1"].astype(str).tolist()[:2] == ["Rebel group", "State forces"]
    assert from_api["interaction"].astype(str).tolist()[2] == "Political militia-Civilians"


def test_both_date_forms_in_one_file(project):
    text = FIXTURE.read_text(encoding="utf-8").replace("18 March 2024", "2024-03-18")
    text = text.replace("02 March 2024", "02-March-2024").replace("1 January 2024", "1 Jan 2024")
    loaded = every_column(acled_project(project, text))
    assert loaded["_date"].dt.strftime("%Y-%m-%d").tolist() == ISO


def test_unknown_date_form_is_reported_as_written(project):
    text = FIXTURE.read_text(encoding="utf-8").replace("29 February 2024", "29/02/2024")
    [message] = data_errors(acled_project(project, text))
    assert message.startswith(
        "data/acled.csv:5: event_date: not a date in 1 row: line 5 '29/02/2024'"
    )


def test_iso_event_dates_leaves_other_cells_alone():
    cells = pd.Series(["18 March 2024", "2024-03-18", None, "soon", "31 June 2024"], dtype=object)
    assert iso_event_dates(cells).tolist() == [
        "2024-03-18",
        "2024-03-18",
        None,
        "soon",
        "31 June 2024",
    ]


def test_time_precision_outside_the_codebook_is_an_error(project):
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "PAK1004,29 February 2024,2024,1,", "PAK1004,29 February 2024,2024,4,"
    )
    # Reported once, at the column of the file (not at date_precision, read from it).
    assert data_errors(acled_project(project, text)) == [
        "data/acled.csv:5: time_precision: not an allowed value in 1 row: line 5 '4' "
        "(allowed: 1, 2, 3; fix the value or add a recode); or set 'on_error: drop' on the "
        "source to leave such rows out (they are then counted nowhere, and each build warns how "
        "many were dropped)"
    ]


def test_fatalities_by_province_and_civilian_targeting(project):
    results = load_project(acled_project(project)).compute(None, "year", ["admin1"])
    totals = results[results["dimension"] == "total"].set_index(["indicator", "period"])["value"]
    # Political violence only: 2024 rows 1, 2, 3, 6 (the protest and the arrest are not).
    assert totals["fatalities", "2024"] == 5 + 7 + 2 + 3
    assert totals["fatalities", "2023"] == 0
    assert totals["civilian_targeting", "2024"] == 1
    provinces = results[(results["indicator"] == "fatalities") & (results["period"] == "2024")]
    provinces = provinces[provinces["dimension"] == "admin1"]
    by_province = dict(zip(provinces["dimension_value"], provinces["value"], strict=True))
    assert by_province["Khyber Pakhtunkhwa"] == 12 and by_province["Balochistan"] == 5


def test_excel_export_with_dates_as_dates(project, tmp_path, everything):
    table = pd.read_csv(FIXTURE, dtype={"event_date": str})
    table["event_date"] = pd.to_datetime(table["event_date"], format="mixed")
    workbook = tmp_path / "acled.xlsx"
    table.to_excel(workbook, index=False)
    root = project({"data/sources.yaml": SOURCES.format(file="acled.xlsx", options="")})
    (root / "data" / "acled.xlsx").write_bytes(workbook.read_bytes())
    from_excel = every_column(root, "acled.xlsx")
    for name in ("_date", "_date_precision", "fatalities"):
        pd.testing.assert_series_equal(from_excel[name], everything[name], check_dtype=False)


def test_a_monadic_export_is_explained(project):
    # The monadic form repeats each event with two actors, once per actor.
    table = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    monadic = pd.concat([table, table[table["actor2"] != ""]]).sort_values("event_id_cnty")
    [message] = data_errors(acled_project(project, monadic.to_csv(index=False)))
    assert message.startswith("data/acled.csv:2: event_id_cnty: repeated in 10 rows:")
    assert "a monadic export, one row per actor, repeats the id" in message
