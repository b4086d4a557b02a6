"""Values and columns must fit their types when the spec is loaded, with one clear message."""

from __future__ import annotations

from test_spec_errors import INDICATOR, errors_for

AT = "indicators/a.yaml:9"
FILTER = "indicators[attacks].filter"
WHERE = f"{AT}:7: {FILTER}"


def with_filter(*lines: str) -> str:
    block = "    filter:\n" + "".join(f"      {line}\n" for line in lines)
    return INDICATOR.replace("    measure:", block + "    measure:")


def test_yaml_boolean_on_a_text_column(project):
    assert errors_for(project, with_filter("province: yes")) == [
        f"{WHERE}.province: 'yes' is read as true, but column 'province' holds text; "
        "quote it: 'yes'"
    ]


def test_yaml_number_on_a_text_column_keeps_how_it_was_written(project):
    assert errors_for(project, with_filter("province: [Punjab, 007]")) == [
        "indicators/a.yaml:9:26: indicators[attacks].filter.province[1]: '007' is read as a "
        "number, but column 'province' holds text; quote it: '007'"
    ]


def test_quoted_number_on_an_integer_column(project):
    assert errors_for(project, with_filter('killed: {gte: "5"}')) == [
        f"{AT}:16: {FILTER}.killed.gte: '5' is text, but column 'killed' holds numbers; write it "
        "without quotes: 5"
    ]


def test_year_on_a_date_column(project):
    assert errors_for(project, with_filter("date: 2024")) == [
        f"{WHERE}.date: '2024' is read as a number, but column 'date' holds dates; for the "
        "whole year write between: [2024-01-01, 2024-12-31]"
    ]


def test_text_that_is_not_a_date(project):
    assert errors_for(project, with_filter("date: {gte: last year}")) == [
        f"{AT}:14: {FILTER}.date.gte: 'last year' is not a date; write dates as YYYY-MM-DD, "
        "e.g. 2024-03-18"
    ]


def test_dates_and_iso_text_on_a_date_column_are_fine(project):
    text = with_filter("date: {between: [2024-01-01, '2024-06-30']}")
    assert errors_for(project, text) == []


def test_values_inside_combinators_are_checked(project):
    assert errors_for(project, with_filter("any:", "  - killed: {gte: 1}", "  - province: no")) == [
        "indicators/a.yaml:11:11: indicators[attacks].filter.any[1].province: 'no' is read as "
        "false, but column 'province' holds text; quote it: 'no'"
    ]


def test_empty_lists(project):
    assert errors_for(project, with_filter("province: []", "killed: {in: []}")) == [
        f"{WHERE}.province: an empty list keeps no rows; give at least one value",
        "indicators/a.yaml:10:16: indicators[attacks].filter.killed.in: an empty list keeps no "
        "rows; give at least one value",
    ]


def test_between_with_three_values(project):
    assert errors_for(project, with_filter("killed: {between: [1, 2, 3]}")) == [
        f"{AT}:16: {FILTER}.killed.between: between needs exactly two values [low, high]"
    ]


def test_between_with_reversed_ends(project):
    assert errors_for(project, with_filter("killed: {between: [10, 2]}")) == [
        f"{AT}:16: {FILTER}.killed.between: between's first value (10) is larger than its "
        "second (2); write [2, 10]"
    ]


def test_null_filter_value_is_one_message(project):
    assert errors_for(project, with_filter("province: null")) == [
        f"{WHERE}.province: no value given; to keep rows where province is missing write "
        "{is_null: true}"
    ]


def test_null_in_a_list_is_one_message(project):
    assert errors_for(project, with_filter("province: [Punjab, null]")) == [
        "indicators/a.yaml:9:26: indicators[attacks].filter.province[1]: no value given; "
        "write a value or remove the entry"
    ]


def test_measure_kind_typo_suggests(project):
    [message] = errors_for(project, INDICATOR.replace("{kind: count}", "{kind: cout}"))
    assert message.startswith(
        "indicators/a.yaml:8:5: indicators[attacks].measure: unknown kind 'cout' "
        "(did you mean 'count'?); allowed: 'count', 'sum'"
    )


def test_sum_of_a_text_column(project):
    text = INDICATOR.replace("{kind: count}", "{kind: sum, column: province}")
    assert errors_for(project, text) == [
        "indicators/a.yaml:8:26: indicators[attacks].measure.column: 'sum' needs a column of "
        "numbers, but column 'province' has type category"
    ]


BOOLEAN_SOURCE = """\
sources:
  - id: events
    title: Events
    file: events.csv
    date: {parts: {year: y, month: m}, precision_column: p}
    coverage_start: 2024-06-01
    coverage_end: 2024-01-01
    columns:
      y: {type: text}
      m: {type: integer}
      p: {type: integer}
      suicide: {type: boolean}
      province: {type: text, allowed: [Punjab, yes, no]}
"""


def test_source_column_types(project):
    indicator = INDICATOR.replace("{kind: count}", "{kind: mean, column: suicide}")
    source = BOOLEAN_SOURCE.replace("    coverage_start: 2024-06-01\n", "")
    assert errors_for(project, indicator, **{"data/sources.yaml": source}) == [
        "data/sources.yaml:5:20: sources[events].date.parts.year: column 'y' must have type: "
        "integer (it has type text)",
        "data/sources.yaml:5:40: sources[events].date.precision_column: column 'p' must have "
        "type: category or text (it has type integer)",
        "data/sources.yaml:12:48: sources[events].columns.province.allowed[1]: 'yes' is read "
        "as true, but column 'province' holds text; quote it: 'yes'",
        "data/sources.yaml:12:53: sources[events].columns.province.allowed[2]: 'no' is read "
        "as false, but column 'province' holds text; quote it: 'no'",
        "indicators/a.yaml:8:27: indicators[attacks].measure.column: 'mean' needs a column of "
        "numbers, but column 'suicide' has type boolean; to count the rows where it is true "
        "use kind: count with filter: {suicide: true}",
    ]


def test_coverage_start_after_its_end(project):
    source = BOOLEAN_SOURCE.replace("y: {type: text}", "y: {type: integer}")
    source = source.replace("p: {type: integer}", "p: {type: category}")
    source = source.replace("allowed: [Punjab, yes, no]", "allowed: [Punjab]")
    no_dimensions = INDICATOR.replace("[province]", "[]")
    assert errors_for(project, no_dimensions, **{"data/sources.yaml": source}) == [
        "data/sources.yaml:2:5: sources[events]: coverage_start (2024-06-01) is after "
        "coverage_end (2024-01-01)"
    ]


RATIO = """\
  - id: self_ratio
    title: Self
    description: A ratio of one indicator with itself.
    unit: ratio
    direction: lower_is_better
    measure: {kind: share, numerator: attacks, denominator: attacks}
  - id: index
    title: Index
    description: An index.
    unit: score
    direction: lower_is_better
    measure:
      kind: composite
      components: [{indicator: attacks, weight: 1}]
      log_score: {reference: 100, cap: -1}
"""


def test_indicator_rules(project):
    text = INDICATOR.replace("[province]", "[province, province]") + RATIO
    assert errors_for(project, text) == [
        "indicators/a.yaml:9:5: indicators[attacks].dimensions: 'province' is listed more than "
        "once; give each dimension once",
        "indicators/a.yaml:15:5: indicators[self_ratio].measure: numerator and denominator are "
        "the same indicator ('attacks'), so the value is always 1; name two different "
        "indicators",
        "indicators/a.yaml:24:35: indicators[index].measure.log_score.cap: input should be "
        "greater than 0",
    ]
