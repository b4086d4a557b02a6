"""Column rules on data: every broken rule reported with the row's line and value, once."""

from __future__ import annotations

import pytest

from conftest import DROP
from conftest import data_errors as errors
from conftest import load_project_data as load
from ctscore.errors import UserError
from ctscore.spec.loader import load_project_spec
from ctscore.spec.sources import (
    Classify,
    Codebook,
    ColumnSpec,
    CsvOptions,
    DateParts,
    DateSpec,
    ExcelOptions,
    Source,
)

BLANK_THEN = (
    " (a blank is then left out of sums and means, and reported; 'missing: zero' counts it as 0)"
)

EVENTS = """\
sources:
  - id: events
    title: Events
    file: data/events.csv
    on_error: {on_error}
    date: {{column: date}}
    columns:
      id: {{type: integer, unique: true}}
      date: {{type: date}}
      province: {{type: category, allowed: [Punjab, Sindh]}}
      killed: {{type: integer, min: 0}}
"""

# The five kinds of bad data, one per row: wrong type, bad date, unknown category, negative
# count; the missing column is a test of its own (it stops the source before any row).
FIVE_BAD = """\
id,date,province,killed
1,2024-01-05,Punjab,2
2,2024-02-10,Sindh,two
3,2024-02-30,Sindh,1
4,2024-03-01,Sindhh,0
5,2024-03-02,Punjab,-1
6,2024-03-03,Sindh,4
"""


def events_project(project, csv: str, on_error: str = "fail", sources: str = EVENTS):
    return project({"data/sources.yaml": sources.format(on_error=on_error), "data/events.csv": csv})


def test_each_kind_of_bad_data_gives_a_row_precise_error(project):
    root = events_project(project, FIVE_BAD)
    assert errors(root) == [
        "data/events.csv:3: killed: not a whole number in 1 row: line 3 'two'" + DROP,
        "data/events.csv:4: date: not a date in 1 row: line 4 '2024-02-30' (expected a date "
        "such as 2024-03-18, or give the column a 'format')" + DROP,
        "data/events.csv:5: province: not an allowed value in 1 row: line 5 'Sindhh' "
        "(allowed: Punjab, Sindh; 'Sindhh' may be a typo of 'Sindh'; fix the value or add a recode)"
        + DROP,
        "data/events.csv:6: killed: below the minimum 0 in 1 row: line 6 '-1'" + DROP,
    ]


def test_missing_column_names_the_header_line_and_suggests(project):
    sources = EVENTS.replace("province: {{type", "provnce: {{type")
    root = events_project(project, FIVE_BAD, sources=sources)
    assert errors(root) == [
        "data/events.csv:1: provnce: column 'provnce' not found in the file (did you mean "
        "'province'?); the file has: id, date, province, killed"
    ]


def test_drop_leaves_bad_rows_out_and_lists_them(project):
    root = events_project(project, FIVE_BAD, on_error="drop")
    data = load(root)
    table = data.tables["events"]
    assert table.rows_read == 6
    assert table.frame["id"].tolist() == [1, 6]
    assert table.frame["_line"].tolist() == [2, 7]
    assert [(i.column, i.rows, i.examples, i.action) for i in data.quality] == [
        ("date", 1, ((4, "2024-02-30"),), "dropped"),
        ("province", 1, ((5, "Sindhh"),), "dropped"),
        ("killed", 1, ((3, "two"),), "dropped"),
        ("killed", 1, ((6, "-1"),), "dropped"),
    ]
    assert str(data.quality[3]) == "killed: below the minimum 0 in 1 row: line 6 '-1'"
    assert table.frame["killed"].dtype == "int32"  # whole numbers that fit: int32 (columns.narrow)


def test_many_bad_rows_show_the_first_five_and_the_values(project):
    rows = "".join(f"{i},2024-01-0{i % 9 + 1},{p},0\n" for i, p in enumerate("ABABABA", 1))
    root = events_project(project, "id,date,province,killed\n" + rows)
    assert errors(root) == [
        "data/events.csv:2: province: not an allowed value in 7 rows: line 2 'A', line 3 'B', "
        "line 4 'A', line 5 'B', line 6 'A' and 2 more (values 'A' ×4, 'B' ×3; allowed: "
        "Punjab, Sindh; fix the value or add a recode)" + DROP
    ]


def test_repeated_ids_list_every_row(project):
    csv = "id,date,province,killed\n1,2024-01-01,Sindh,0\n2,2024-01-02,Sindh,0\n"
    root = events_project(project, csv + "2,2024-01-03,Sindh,0\n")
    assert errors(root) == [
        "data/events.csv:3: id: repeated in 2 rows: line 3 '2', line 4 '2' (the column must "
        "be unique; every row is listed)" + DROP
    ]


def test_empty_required_cell(project):
    root = events_project(project, "id,date,province,killed\n1,2024-01-01,Sindh,\n")
    assert errors(root) == [
        "data/events.csv:2: killed: empty in 1 row: line 2 '' (fill it in, or declare the "
        "column 'required: false'" + BLANK_THEN + ")" + DROP
    ]


RECODE = """\
sources:
  - id: events
    title: Events
    file: data/events.csv
    on_error: drop
    columns:
      province:
        type: category
        recode:
          Baluchistan: Balochistan
          Balochistan province: Balochistan
          Federally Administered Tribal Areas: Merged Districts (ex-FATA)
        allowed: [Balochistan, Merged Districts (ex-FATA), Sindh]
"""


def test_recode_then_allowed_values_report_what_matched_no_map(project):
    csv = "province\nBaluchistan\n Balochistan province \nSindh\nFederally Administered "
    csv += "Tribal Areas\nSindh province\nSindh province\n\n"
    root = project({"data/sources.yaml": RECODE, "data/events.csv": csv})
    data = load(root)
    assert data.tables["events"].frame["province"].tolist() == [
        "Balochistan",
        "Balochistan",
        "Sindh",
        "Merged Districts (ex-FATA)",
    ]
    [issue] = data.quality
    assert issue.examples == ((6, "Sindh province"), (7, "Sindh province"))
    assert issue.values == ()  # every row is shown already
    assert issue.rows == 2


BOOLEANS = """\
sources:
  - id: events
    title: Events
    file: data/events.csv
    columns:
      id: {type: integer}
      claimed: {type: boolean, required: false}
"""


def test_booleans(project):
    csv = "id,claimed\n1,yes\n2,No\n3,TRUE\n4,0\n5,\n\n6,Y\n"  # a blank line: skipped
    root = project({"data/sources.yaml": BOOLEANS, "data/events.csv": csv})
    frame = load(root).tables["events"].frame
    assert frame["claimed"].astype("string").fillna("-").tolist() == [
        "True",
        "False",
        "True",
        "False",
        "-",
        "True",
    ]
    (root / "data/events.csv").write_text(csv + "7,maybe\n")
    assert errors(root) == [
        "data/events.csv:9: claimed: not true or false in 1 row: line 9 'maybe' (use "
        "true/false, yes/no or 1/0)" + DROP
    ]


WEEKDAYS = """\
sources:
  - id: events
    title: Events
    file: data/events.csv
    date: {column: day}
    columns:
      day: {type: date, format: "%A-%B %d-%Y"}
"""


def test_date_with_a_format(project):
    csv = 'day\nSunday-November 19-1995\n"Monday-January 01-2024"\n'
    root = project({"data/sources.yaml": WEEKDAYS, "data/events.csv": csv})
    frame = load(root).tables["events"].frame
    assert frame["_date"].dt.strftime("%Y-%m-%d").tolist() == ["1995-11-19", "2024-01-01"]
    assert frame["_date_precision"].tolist() == ["day", "day"]
    (root / "data/events.csv").write_text(csv + "Thursday-November 31-1995\n1995-11-19\n")
    assert errors(root) == [
        "data/events.csv:4: day: not a date in 2 rows: line 4 'Thursday-November 31-1995', "
        "line 5 '1995-11-19' (expected format '%A-%B %d-%Y')" + DROP
    ]


PARTS = """\
sources:
  - id: events
    title: Events
    file: data/events.csv
    on_error: drop
    date: {parts: {year: iyear, month: imonth, day: iday}}
    columns:
      iyear: {type: integer}
      imonth: {type: integer, min: 0, max: 12, required: false}
      iday: {type: integer, min: 0, max: 31, required: false}
"""


def test_date_from_parts_with_the_precision_of_each_row(project):
    csv = "iyear,imonth,iday\n2023,5,17\n2023,5,0\n2023,0,0\n2023,,\n2023,2,30\n"
    root = project({"data/sources.yaml": PARTS, "data/events.csv": csv})
    data = load(root)
    frame = data.tables["events"].frame
    assert frame["_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2023-05-17",
        "2023-05-01",
        "2023-01-01",
        "2023-01-01",
    ]
    assert frame["_date_precision"].tolist() == ["day", "month", "year", "year"]
    assert [str(i) for i in data.quality] == [
        "iday: not a valid date (iyear/imonth/iday) in 1 row: line 6 '2023-2-30'"
    ]


def test_a_precision_column_must_say_day_week_month_or_year(project):
    sources = EVENTS.replace(
        "date: {{column: date}}", "date: {{column: date, precision_column: p}}"
    )
    sources += "      p: {{type: category}}\n"
    csv = (
        "id,date,province,killed,p\n1,2024-01-05,Punjab,2,Month\n2,2024-01-05,Punjab,2,Week\n"
        "3,2024-01-05,Punjab,2,fortnight\n"
    )
    root = events_project(project, csv, on_error="drop", sources=sources)
    data = load(root)
    assert data.tables["events"].frame["_date_precision"].tolist() == ["month", "week"]
    assert [str(i) for i in data.quality] == [
        "p: not a date precision in 1 row: line 4 'fortnight' (use day, week, month or year)"
    ]


@pytest.mark.parametrize(
    ("column", "message"),
    [
        (
            "{type: text, min: 0}",
            "'min' and 'max' apply to integer and number columns, not to text",
        ),
        ("{type: integer, min: 5, max: 1}", "'min' (5) is larger than 'max' (1)"),
        ("{type: category, format: '%Y'}", "'format' applies to date columns, not to category"),
    ],
)
def test_rules_that_do_not_fit_the_type_are_spec_errors(project, column, message):
    sources = EVENTS.format(on_error="fail").replace("{type: integer, min: 0}", column)
    root = project({"data/sources.yaml": sources})
    with pytest.raises(UserError) as info:
        load_project_spec(root)
    assert [d.message for d in info.value.diagnostics] == [message]


def test_unknown_encoding_is_a_spec_error(project):
    sources = EVENTS.format(on_error="fail").replace(
        "    on_error: fail\n", "    csv: {encoding: latin-9x}\n"
    )
    root = project({"data/sources.yaml": sources})
    with pytest.raises(UserError) as info:
        load_project_spec(root)
    assert [str(d) for d in info.value.diagnostics] == [
        "data/sources.yaml:5:11: sources[events].csv.encoding: unknown encoding 'latin-9x'; "
        "use a Python codec name such as utf-8, latin-1 or cp1252"
    ]


def test_every_source_field_is_described():
    models = [CsvOptions, ExcelOptions, Classify, ColumnSpec, DateParts, DateSpec, Source, Codebook]
    missing = [
        f"{model.__name__}.{name}"
        for model in models
        for name, field in model.model_fields.items()
        if not (field.description or "").strip()
    ]
    assert missing == []
    assert all(m.model_config["extra"] == "forbid" and m.model_config["frozen"] for m in models)


NUMBERS = """\
sources:
  - id: events
    title: Events
    file: data/events.csv
    columns:
      killed: {type: integer}
      rate: {type: number}
"""


def test_numbers_with_spaces_and_exponents(project):
    csv = 'killed,rate\n" 12 ",1e3\n3,0.25\n'
    root = project({"data/sources.yaml": NUMBERS, "data/events.csv": csv})
    frame = load(root).tables["events"].frame
    assert frame["killed"].tolist() == [12, 3]
    assert frame["rate"].tolist() == [1000.0, 0.25]
    (root / "data/events.csv").write_text(csv + "2.5,1\n")
    assert errors(root) == [
        "data/events.csv:4: killed: not a whole number in 1 row: line 4 '2.5'" + DROP
    ]


def test_cells_parsed_while_reading_are_shown_as_written(project):
    """Clean number and date columns are parsed by the CSV reader (ctscore.data.typed_read);
    a row breaking a rule still shows the cell's text, not the parsed number."""
    csv = (
        "id,date,province,killed\n"
        "+1,2024-01-05,Punjab,-007\n"
        "1,2024-01-06,Sindh,2.50\n"
        "3,2024-01-07,Sindh,1e1\n"
    )
    root = events_project(project, csv, on_error="drop")
    data = load(root)
    assert [(i.column, i.rule, i.examples) for i in data.quality] == [
        ("id", "unique", ((2, "+1"), (3, "1"))),
        ("killed", "type", ((3, "2.50"),)),
        ("killed", "min", ((2, "-007"),)),
    ]
    assert data.tables["events"].frame["killed"].tolist() == [10]
    root = events_project(project, csv.replace("+1,", "2,").replace("-007", "7"), "drop")
    table = load(root).tables["events"]
    assert table.frame["killed"].tolist() == [7, 10] and table.frame["id"].dtype == "int32"


def test_a_blank_category_cell_is_empty_whether_or_not_the_column_is_dictionary_read(project):
    csv = "id,date,province,killed\n1,2024-01-05,  ,2\n2,2024-01-06,Sindh,1\n"
    assert errors(events_project(project, csv))[0].startswith(
        "data/events.csv:2: province: empty in 1 row: line 2 '  '"
    )


def test_a_column_with_one_unparsable_cell_is_read_as_text_and_reported(project):
    """The reader gives up parsing that column only; the others stay parsed."""
    csv = "id,date,province,killed\n1,2024-01-05,Punjab,2\n2,05/01/2024,Sindh,1\n"
    assert errors(events_project(project, csv)) == [
        "data/events.csv:3: date: not a date in 1 row: line 3 '05/01/2024' (expected a date "
        "such as 2024-03-18, or give the column a 'format')" + DROP,
    ]


def test_clean_columns_are_parsed_while_reading_and_a_bad_one_is_read_as_text(tmp_path):
    from ctscore.data.readers import layout, read_raw
    from ctscore.data.typed_read import typed_reads

    path = tmp_path / "events.csv"
    path.write_text("id,date,province,killed\n1,2024-01-05,Punjab,2\n2,2024-01-06,Sindh,x\n")
    source = Source.model_validate(
        {
            "id": "events",
            "title": "Events",
            "file": "events.csv",
            "columns": {
                "id": {"type": "integer"},
                "date": {"type": "date"},
                "province": {"type": "category"},
                "killed": {"type": "integer"},
            },
        }
    )
    names = ["id", "date", "province", "killed"]
    types = typed_reads(source, dict(source.columns), {n: n for n in names})
    frame = read_raw(path, source, layout(path, source), names, types).frame
    assert [str(frame[n].dtype) for n in names] == ["int32", "datetime64[us]", "category", "str"]
