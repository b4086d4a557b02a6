"""Derived columns (expression, classify): computed in order, and held to the same rules as a
column read from the file, each broken rule reported with the row's line."""

from __future__ import annotations

import pandas as pd

from conftest import DROP
from conftest import data_errors as errors
from conftest import load_project_data as load

DERIVED = """\
sources:
  - id: events
    title: Events
    file: data/events.csv
    columns:
      civilians: {type: integer, min: 0}
      security: {type: integer, min: 0}
      militants: {type: integer, min: 0, required: false}
      injured: {type: integer, min: 0, required: false}
      fatalities: {type: integer, expression: civilians + security + militants, required: false}
      share_civilian: {type: number, expression: civilians / fatalities, required: false}
"""


def test_derived_columns_and_an_optional_column_absent_from_the_file(project):
    csv = "civilians,security,militants\n1,2,3\n0,0,\n4,0,0\n"
    root = project({"data/sources.yaml": DERIVED, "data/events.csv": csv})
    frame = load(root).tables["events"].frame
    assert frame["fatalities"].tolist() == [6, pd.NA, 4]
    assert frame["share_civilian"].round(3).tolist()[::2] == [0.167, 1.0]
    assert frame["injured"].isna().all()
    assert str(frame["injured"].dtype) == "Int64"


def test_a_required_derived_column_without_a_value_is_reported_once(project):
    sources = DERIVED.replace("militants, required: false}", "militants}")
    sources = sources.replace("fatalities, required: false}", "fatalities}")
    csv = "civilians,security,militants\n1,2,3\n0,0,\nx,0,0\n0,0,0\n"
    root = project({"data/sources.yaml": sources, "data/events.csv": csv})
    # Line 4's civilians is not a number: reported there, not again for the columns derived
    # from it. Line 5 divides by zero: share_civilian has no value.
    assert errors(root) == [
        "data/events.csv:3: fatalities: no value in 1 row: line 3 '' ('civilians + security + "
        "militants' has no value where a column it uses is empty or it divides by zero; "
        "declare the column 'required: false' to allow that)" + DROP,
        "data/events.csv:4: civilians: not a whole number in 1 row: line 4 'x'" + DROP,
        "data/events.csv:5: share_civilian: no value in 1 row: line 5 '' ('civilians / "
        "fatalities' has no value where a column it uses is empty or it divides by zero; "
        "declare the column 'required: false' to allow that)" + DROP,
    ]


RULES = """\
sources:
  - id: events
    title: Events
    file: data/events.csv
    on_error: {on_error}
    columns:
      k: {{type: integer}}
      half: {{type: integer, expression: k / 2}}
      left: {{type: integer, min: 0, max: 2, expression: 3 - k}}
      same: {{type: integer, unique: true, expression: k - k}}
      code: {{type: number, allowed: [0.5, 1], expression: 1 / k}}
"""


def test_expression_columns_obey_type_range_unique_and_allowed(project):
    sources = RULES.format(on_error="fail")
    root = project({"data/sources.yaml": sources, "data/events.csv": "k\n2\n4\n0\n"})
    assert errors(root) == [
        "data/events.csv:2: same: repeated in 3 rows: line 2 '0', line 3 '0', line 4 '0' (the "
        "column must be unique; every row is listed)" + DROP,
        "data/events.csv:3: code: not an allowed value in 1 row: line 3 '0.25' (allowed: 0.5, "
        "1; the values come from the expression: fix it or 'allowed')" + DROP,
        "data/events.csv:3: left: below the minimum 0 in 1 row: line 3 '-1'" + DROP,
        "data/events.csv:4: code: no value in 1 row: line 4 '' ('1 / k' has no value where a "
        "column it uses is empty or it divides by zero; declare the column 'required: false' "
        "to allow that)" + DROP,
        "data/events.csv:4: left: above the maximum 2 in 1 row: line 4 '3'" + DROP,
    ]


def test_an_integer_expression_giving_a_fraction_is_not_a_whole_number(project):
    sources = RULES.format(on_error="drop")
    root = project({"data/sources.yaml": sources, "data/events.csv": "k\n2\n1\n3\n"})
    data = load(root)
    assert [str(issue) for issue in data.quality] == [
        "half: not a whole number in 2 rows: line 3 '0.5', line 4 '1.5' ('k / 2' gives "
        "fractions; declare the column 'type: number')",
        "same: repeated in 3 rows: line 2 '0', line 3 '0', line 4 '0' (the column must be "
        "unique; every row is listed)",
        "code: not an allowed value in 1 row: line 4 '0.3333333333333333' (allowed: 0.5, 1; "
        "the values come from the expression: fix it or 'allowed')",
    ]
    assert [issue.action for issue in data.quality] == ["dropped"] * 3
    assert data.tables["events"].frame.empty


def test_an_infinite_result_is_not_a_finite_number(project):
    sources = RULES.format(on_error="fail").split("      k:")[0]
    sources += "      rate: {type: number}\n      twice: {type: number, expression: rate * 2}\n"
    root = project({"data/sources.yaml": sources, "data/events.csv": "rate\n1\n1e308\n"})
    assert errors(root) == [
        "data/events.csv:3: twice: not a finite number in 1 row: line 3 'inf' ('rate * 2' is "
        "infinite in these rows: a number it uses is too large)" + DROP
    ]


CODEBOOK = """\
codebooks:
  - id: posture
    title: Posture
    version: "1.0"
    categories:
      proactive: [raid, intelligence_based_operation]
      reactive: [response_to_attack]
sources:
  - id: events
    title: Operations
    file: data/events.csv
    on_error: drop
    columns:
      operation_type: {type: category, required: false}
      posture: {type: category, classify: {codebook: posture, column: operation_type}}
"""


def test_codebook_classifies_and_reports_unmatched_values(project):
    csv = "operation_type\nraid\nresponse_to_attack\npatrol\nintelligence_based_operation\n"
    root = project({"data/sources.yaml": CODEBOOK, "data/events.csv": csv})
    data = load(root)
    assert data.tables["events"].frame["posture"].tolist() == [
        "proactive",
        "reactive",
        "proactive",
    ]
    assert [str(i) for i in data.quality] == [
        "operation_type: in no category of codebook 'posture' (version 1.0) in 1 row: "
        "line 4 'patrol' (add the value to the codebook)"
    ]


def test_classify_column_obeys_allowed_and_required(project):
    # A typo in 'allowed' used to pass: 'reactve' then showed as an always-0 breakdown value.
    sources = CODEBOOK.replace("column: operation_type}}", "column: operation_type},\n")
    sources += "               allowed: [proactive, reactve]}\n"
    csv = "operation_type\nraid\nresponse_to_attack\npatrol\n"
    root = project({"data/sources.yaml": sources, "data/events.csv": csv})
    data = load(root)
    assert [str(i) for i in data.quality] == [
        "operation_type: in no category of codebook 'posture' (version 1.0) in 1 row: "
        "line 4 'patrol' (add the value to the codebook)",
        "posture: not an allowed value in 1 row: line 3 'reactive' (allowed: proactive, "
        "reactve; 'reactive' may be a typo of 'reactve'; the values are the categories of "
        "codebook 'posture': fix 'allowed' or the codebook)",
    ]
    assert data.tables["events"].frame["_line"].tolist() == [2]
    (root / "data/events.csv").write_text("operation_type,x\nraid,1\n,2\n")
    sources = sources.replace("on_error: drop", "on_error: fail")
    (root / "data/sources.yaml").write_text(sources)
    assert errors(root) == [
        "data/events.csv:3: posture: no value in 1 row: line 3 '' ('operation_type' is empty "
        "in these rows; declare the column 'required: false' to allow that)" + DROP
    ]


def test_expression_over_a_text_column_is_a_spec_error(project):
    sources = DERIVED.replace("civilians: {type: integer, min: 0}", "civilians: {type: text}")
    csv = "civilians,security,militants\n1,2,3\n"
    root = project({"data/sources.yaml": sources, "data/events.csv": csv})
    assert errors(root) == [
        "data/sources.yaml:10:35: sources[events].columns.fatalities.expression: an "
        "expression needs number columns, but 'civilians' is text"
    ]


def test_derived_columns_in_a_circle(project):
    sources = RULES.format(on_error="fail").split("      half:")[0]
    sources += "      a: {type: number, expression: b + 1}\n"
    sources += "      b: {type: number, expression: a + k}\n"
    root = project({"data/sources.yaml": sources, "data/events.csv": "k\n1\n"})
    assert errors(root) == [
        "data/sources.yaml:8:7: sources[events].columns.a: the derived columns 'a', 'b' are "
        "computed from each other in a circle"
    ]
