"""Reading CSV, Excel and Parquet files: options, line numbers in messages, unreadable files."""

from __future__ import annotations

import datetime as dt
import hashlib

import openpyxl
import pandas as pd
import pytest

from conftest import DROP
from conftest import data_errors as errors
from conftest import load_project_data as load
from ctscore.data import load_data
from ctscore.data.lines import FileScan, scan
from ctscore.errors import UserError
from ctscore.spec.loader import load_project_spec

BLANK_THEN = (
    " (a blank is then left out of sums and means, and reported; 'missing: zero' counts it as 0)"
)

SOURCE = """\
sources:
  - id: events
    title: Events
    file: {file}
{options}
    columns:
      id: {{type: integer, unique: true}}
      province: {{type: category}}
      killed: {{type: integer, min: 0}}
"""


def make(project, file: str, options: str = "", content: bytes | None = None):
    sources = SOURCE.format(file=file, options=options)
    root = project({"data/sources.yaml": sources})
    if content is not None:
        (root / file).write_bytes(content)
    return root


def test_latin1_csv_with_a_title_note_keeps_line_numbers(project):
    text = "Incidents, compiled by the d\xe9partement (draft)\nid,province,killed\n"
    text += "1,Bal\xf6chistan,2\n2,Sindh,-3\n"
    root = make(
        project, "data/x.csv", "    csv: {encoding: latin-1, skip_rows: 1}", text.encode("latin-1")
    )
    assert errors(root) == [
        "data/x.csv:4: killed: below the minimum 0 in 1 row: line 4 '-3'" + DROP
    ]
    (root / "data/x.csv").write_bytes(text.replace("-3", "3").encode("latin-1"))
    frame = load(root).tables["events"].frame
    assert frame["province"].tolist() == ["Bal\xf6chistan", "Sindh"]
    assert frame["_line"].tolist() == [3, 4]


def test_semicolon_delimiter_and_missing_value_markers(project):
    text = "id;province;killed;note\n1;Punjab;2;a, b\n2;Sindh;n/a;c\n3;Sindh;x;d\n"
    options = "    csv: {delimiter: ';', missing_values: [n/a]}"
    root = make(project, "data/x.csv", options, text.encode())
    assert errors(root) == [
        "data/x.csv:3: killed: empty in 1 row: line 3 '' (fill it in, or declare the column "
        "'required: false'" + BLANK_THEN + ")" + DROP,
        "data/x.csv:4: killed: not a whole number in 1 row: line 4 'x'" + DROP,
    ]


def test_only_declared_columns_are_read(project):
    text = 'id,province,killed,notes\n1,Punjab,2,"free, text"\n2,Sindh,0,\n'
    frame = load(make(project, "data/x.csv", "", text.encode())).tables["events"].frame
    assert list(frame.columns) == ["_line", "id", "province", "killed"]


def test_quoted_values_over_several_lines_and_blank_lines_keep_line_numbers(project):
    text = 'id,province,killed,notes\n1,Punjab,2,"first line\nsecond line"\n\n2,Sindh,-1,x\r\n'
    root = make(project, "data/x.csv", "", text.encode())
    assert scan(root / "data/x.csv").lines == 5
    assert errors(root) == [
        "data/x.csv:5: killed: below the minimum 0 in 1 row: line 5 '-1'" + DROP
    ]


def test_excel_sheet_and_header_row_give_excel_row_numbers(project, tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Read me first"])
    sheet = book.create_sheet("Incidents")
    sheet.append(["Incidents 2024 (provisional)"])
    sheet.append([])
    sheet.append(["id", "province", "killed", "date"])
    sheet.append([1, "Punjab", 2, dt.datetime(2024, 1, 5)])
    sheet.append([2, "Sindh", "two", dt.datetime(2024, 1, 6)])
    sheet.append([3, "Sindh", -1, "2024-01-07"])
    book.save(tmp_path / "x.xlsx")
    options = "    excel: {sheet: Incidents, header_row: 3}\n    date: {column: date}"
    root = make(project, "x.xlsx", options)
    sources = root / "data/sources.yaml"
    sources.write_text(sources.read_text() + "      date: {type: date}\n")
    assert errors(root) == [
        "x.xlsx:5: killed: not a whole number in 1 row: row 5 'two'" + DROP,
        "x.xlsx:6: killed: below the minimum 0 in 1 row: row 6 '-1'" + DROP,
    ]
    sources.write_text(sources.read_text().replace("title: Events", "title: E\n    on_error: drop"))
    frame = load(root).tables["events"].frame
    assert frame["_line"].tolist() == [4]
    assert frame["_date"].tolist() == [pd.Timestamp("2024-01-05")]


def test_excel_sheet_not_found(project, tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Incidents"
    book.save(tmp_path / "x.xlsx")
    root = make(project, "x.xlsx", "    excel: {sheet: Incidnets}")
    assert errors(root) == [
        "x.xlsx: sheet 'Incidnets' not found (did you mean 'Incidents'?); the workbook has: "
        "Incidents"
    ]


def test_parquet_rows_are_numbered_from_1(project, tmp_path):
    frame = pd.DataFrame({"id": [1, 2, 3], "province": ["A", "B", "A"], "killed": [0, 2, -1]})
    frame.to_parquet(tmp_path / "x.parquet")
    root = make(project, "x.parquet")
    assert errors(root) == ["x.parquet:3: killed: below the minimum 0 in 1 row: row 3 '-1'" + DROP]


def test_undecodable_byte_names_its_line(project):
    text = "id,province,killed\n1,Punjab,2\n2,Bal\xf6chistan,0\n".encode("latin-1")
    root = make(project, "data/x.csv", "", text)
    assert errors(root) == [
        "data/x.csv:3: cannot read the file as utf-8: byte 0xf6 is not valid utf-8; give the "
        "file's encoding on the source, e.g. csv: {encoding: latin-1}"
    ]


def test_a_row_with_too_many_fields_names_its_line(project):
    text = 'id,province,killed\n1,"Punjab\nnorth",2\n2,Sindh,0,extra\n'
    root = make(project, "data/x.csv", "", text.encode())
    assert errors(root) == [
        "data/x.csv:4: this row has 4 fields but the header has 3 (a value with the "
        "delimiter ',' in it needs quotes)"
    ]


def test_a_csv_with_only_a_header_says_the_source_has_no_rows(project):
    root = make(project, "data/x.csv", "", b"id,province,killed\n")
    assert errors(root) == [
        "data/x.csv:1: source 'events' has no rows: the file has a header line and nothing below it"
    ]


def test_an_empty_csv_file(project):
    root = make(project, "data/x.csv", "", b"")
    assert errors(root) == [
        "data/x.csv: the file is empty; a CSV source needs a header line, then one line per row"
    ]
    root = make(project, "data/x.csv", "    csv: {skip_rows: 2}", b"Title\n\n")
    assert errors(root) == [
        "data/x.csv: no header line after the first 2 lines, skipped by 'skip_rows: 2'"
    ]


@pytest.mark.parametrize(
    ("separator", "message"),
    [
        (";", "the header looks semicolon-separated; set `csv: {delimiter: ';'}`"),
        ("\t", 'the header looks tab-separated; set `csv: {delimiter: "\\t"}`'),
    ],
)
def test_a_header_split_by_another_delimiter_gets_a_hint(project, separator, message):
    text = separator.join(["id", "province", "killed"]) + "\n" + separator.join("1A2") + "\n"
    root = make(project, "data/x.csv", "", text.encode())
    assert errors(root) == [f"data/x.csv:1: {message}"]


def test_a_file_that_is_a_folder(project):
    root = make(project, "data/x.csv", "", b"id,province,killed\n1,Punjab,2\n")
    spec = load_project_spec(root)  # the file was there when the project was checked
    (root / "data/x.csv").unlink()
    (root / "data/x.csv").mkdir()
    with pytest.raises(UserError) as info:
        load_data(spec)
    assert [str(d) for d in info.value.diagnostics] == [
        "data/x.csv: is a folder, not a file; give the path of the data file"
    ]


def test_blank_excel_rows_between_rows_are_kept_and_reported(project, tmp_path):
    book = openpyxl.Workbook()
    for row in (["id", "province", "killed"], [1, "Punjab", 2], [], [2, "Sindh", 0], [], []):
        book.active.append(row)
    book.save(tmp_path / "x.xlsx")
    # sorted: errors.UserError orders equal messages on one line by chance (not by column)
    assert sorted(errors(make(project, "x.xlsx"))) == [
        "x.xlsx:3: id: empty in 1 row: row 3 '' (fill it in, or declare the column 'required: "
        "false'" + BLANK_THEN + ")" + DROP,
        "x.xlsx:3: killed: empty in 1 row: row 3 '' (fill it in, or declare the column "
        "'required: false'" + BLANK_THEN + ")" + DROP,
        "x.xlsx:3: province: empty in 1 row: row 3 '' (fill it in, or declare the column "
        "'required: false'" + BLANK_THEN + ")" + DROP,
    ]


def test_repeated_ids_drop_every_copy(project):
    text = b"id,province,killed\n1,Punjab,2\n2,Sindh,0\n1,Sindh,1\n"
    root = make(project, "data/x.csv", "    on_error: drop", text)
    data = load(root)
    assert data.tables["events"].frame["_line"].tolist() == [3]
    assert [str(issue) for issue in data.quality] == [
        "id: repeated in 2 rows: line 2 '1', line 4 '1' (the column must be unique; every row "
        "is listed)"
    ]


def test_the_file_digest_is_taken_while_counting_lines(project, tmp_path):
    text = b'id,province,killed\n1,"Punjab\nnorth",2\n2,Sindh,0\n'
    root = make(project, "data/x.csv", "", text)
    assert scan(root / "data/x.csv") == FileScan(4, hashlib.sha256(text).hexdigest())
    table = load(root).tables["events"]
    assert table.sha256 == hashlib.sha256(text).hexdigest()
    assert table.frame["_line"].tolist() == [2, 4]
