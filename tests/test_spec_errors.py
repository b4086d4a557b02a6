"""Every kind of spec mistake gives one exact, located, actionable message."""

from __future__ import annotations

import pytest

from conftest import spec_errors

INDICATOR = """\
indicators:
  - id: attacks
    title: Attacks
    description: Number of attacks.
    unit: attacks
    direction: lower_is_better
    source: events
    measure: {kind: count}
    dimensions: [province]
"""


def errors_for(project, indicators: str, **files: str) -> list[str]:
    return spec_errors(project({"indicators/a.yaml": indicators, **files}))


def test_valid_project_has_no_errors(project):
    assert errors_for(project, INDICATOR) == []


# One edit of the valid indicator, and the one message it must give, exactly.
@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param(
            "    unit: attacks\n",
            "    unit: attacks\n    descripton: x\n",
            "indicators/a.yaml:6:5: indicators[attacks].descripton: unknown field 'descripton' "
            "(did you mean 'description'?)",
            id="unknown_key_suggests_the_right_one",
        ),
        pytest.param(
            "lower_is_better",
            "lower_better",
            "indicators/a.yaml:6:5: indicators[attacks].direction: unknown value 'lower_better' "
            "(did you mean 'lower_is_better'?); allowed: 'higher_is_better' or 'lower_is_better'",
            id="wrong_enum_value_lists_allowed_values",
        ),
        pytest.param(
            "    unit: attacks\n",
            "",
            "indicators/a.yaml:2:5: indicators[attacks].unit: required field 'unit' is missing",
            id="missing_required_field_points_at_its_item",
        ),
        pytest.param(
            "    unit: attacks\n",
            "    unit: attacks\n    small_count: many\n",
            "indicators/a.yaml:6:5: indicators[attacks].small_count: expected a whole number, "
            "got 'many'",
            id="wrong_type",
        ),
        pytest.param(
            "id: attacks",
            "id: Attacks-2",
            "indicators/a.yaml:2:5: indicators[Attacks-2].id: 'Attacks-2' is not a valid id: use "
            "lower-case letters, digits and underscores, starting with a letter",
            id="invalid_id",
        ),
        pytest.param(
            "source: events",
            "source: event",
            "indicators/a.yaml:7:5: indicators[attacks].source: unknown source 'event' "
            "(did you mean 'events'?)",
            id="unknown_source",
        ),
        pytest.param(
            "    measure:",
            "    filter:\n      provnce: Punjab\n    measure:",
            "indicators/a.yaml:9:7: indicators[attacks].filter.provnce: unknown column 'provnce' "
            "(did you mean 'province'?) (source 'events' declares: id, date, province, killed)",
            id="filter_naming_an_undeclared_column",
        ),
        pytest.param(
            "    measure:",
            "    filter:\n      killed: {gtee: 1}\n    measure:",
            "indicators/a.yaml:9:16: indicators[attacks].filter.killed.gtee: unknown field 'gtee' "
            "(did you mean 'gte'?)",
            id="bad_filter_operator",
        ),
        pytest.param(
            "{kind: count}",
            "{kind: sum, column: kiled}",
            "indicators/a.yaml:8:26: indicators[attacks].measure.column: unknown column 'kiled' "
            "(did you mean 'killed'?) (source 'events' declares: id, date, province, killed)",
            id="measure_column_must_be_declared",
        ),
        pytest.param(
            "    unit: attacks",
            "\tunit: attacks",
            "indicators/a.yaml:5:1: tab character: YAML indentation must use spaces, not tabs",
            id="tab_indentation",
        ),
        pytest.param(
            "    unit: attacks\n",
            "    unit: attacks\n    unit: deaths\n",
            "indicators/a.yaml:6:5: unit: duplicate key 'unit' (first defined on line 5); "
            "remove one of them",
            id="duplicate_keys",
        ),
    ],
)
def test_one_mistake_gives_one_located_message(project, old, new, message):
    assert errors_for(project, INDICATOR.replace(old, new)) == [message]


# The same where the message's start is what matters (the rest lists what is allowed).
@pytest.mark.parametrize(
    ("old", "new", "start"),
    [
        pytest.param(
            "{kind: count}",
            "{kind: tally}",
            "indicators/a.yaml:8:5: indicators[attacks].measure: unknown kind 'tally'; allowed: "
            "'count', 'sum', 'mean'",
            id="unknown_measure_kind_lists_kinds",
        ),
        pytest.param(
            "    measure:",
            "    filter:\n      any:\n        - killed: {gte: 1}\n        - provnce: Sindh\n"
            "    measure:",
            "indicators/a.yaml:11:11: indicators[attacks].filter.any[1].provnce",
            id="nested_filter_column_is_located",
        ),
        pytest.param(
            "[province]",
            "[province, distrct]",
            "indicators/a.yaml:9:28: indicators[attacks].dimensions[1]: unknown column 'distrct'",
            id="unknown_dimension",
        ),
    ],
)
def test_one_mistake_gives_a_message_starting_with(project, old, new, start):
    [message] = errors_for(project, INDICATOR.replace(old, new))
    assert message.startswith(start)


def test_duplicate_ids_across_files_name_the_first(project):
    assert errors_for(project, INDICATOR, **{"indicators/b.yaml": INDICATOR}) == [
        "indicators/b.yaml:2:5: indicators[attacks].id: duplicate id 'attacks' "
        "(first declared at indicators/a.yaml:2)"
    ]


def test_scorecard_naming_an_unknown_indicator(project):
    card = """\
    scorecards:
      - id: national
        title: National
        sections:
          - title: Attacks
            indicators: [attacks, atacks]
    """
    assert errors_for(project, INDICATOR, **{"indicators/cards.yaml": card}) == [
        "indicators/cards.yaml:6:31: scorecards[national].sections[0].indicators[1]: unknown "
        "indicator 'atacks' (did you mean 'attacks'?)"
    ]


def test_derived_indicator_references_and_cycles(project):
    derived = """\
    indicators:
      - id: ratio_a
        title: A
        description: A.
        unit: x
        direction: lower_is_better
        measure: {kind: derived, expression: "ratio_b / attacks"}
      - id: ratio_b
        title: B
        description: B.
        unit: x
        direction: lower_is_better
        measure: {kind: ratio, numerator: ratio_a, denominator: attaks}
    """
    assert errors_for(project, INDICATOR, **{"indicators/d.yaml": derived}) == [
        "indicators/d.yaml:7:5: indicators[ratio_a].measure: indicators refer to each other in "
        "a circle: ratio_a -> ratio_b -> ratio_a",
        "indicators/d.yaml:13:5: indicators[ratio_b].measure: indicators refer to each other in "
        "a circle: ratio_b -> ratio_a -> ratio_b",
        "indicators/d.yaml:13:48: indicators[ratio_b].measure.denominator: unknown indicator "
        "'attaks' (did you mean 'attacks'?)",
    ]


def test_unsafe_expression_is_rejected(project):
    text = (
        INDICATOR
        + """\
  - id: bad
    title: Bad
    description: Bad.
    unit: x
    direction: lower_is_better
    measure: {kind: derived, expression: "__import__('os')"}
"""
    )
    assert errors_for(project, text) == [
        "indicators/a.yaml:15:30: indicators[bad].measure.expression: unknown function "
        "'__import__'; allowed functions: abs, log, max, min"
    ]


def test_unknown_section_suggests(project):
    assert errors_for(project, INDICATOR.replace("indicators:", "indicator:")) == [
        "indicators/a.yaml:1:1: indicator: unknown section 'indicator' (did you mean 'indicators'?)"
    ]


def test_bad_indentation(project):
    text = INDICATOR.replace("    unit: attacks", "      unit: attacks")
    [message] = errors_for(project, text)
    assert message.startswith("indicators/a.yaml:5:11: invalid YAML: mapping values are not ")
    assert message.endswith("check the indentation and quote text that contains ': '")


def test_errors_from_every_file_are_collected(project):
    broken_a = INDICATOR.replace("lower_is_better", "down")
    broken_b = INDICATOR.replace("id: attacks", "id: other").replace("source: events", "source: x")
    messages = errors_for(project, broken_a, **{"indicators/b.yaml": broken_b})
    assert [m.split(":")[0] for m in messages] == ["indicators/a.yaml", "indicators/b.yaml"]


def test_reference_to_a_broken_item_is_not_reported_twice(project):
    broken_source = "sources:\n  - id: events\n    title: E\n    file: events.csv\n    kind: xlsx\n"
    messages = errors_for(project, INDICATOR, **{"data/sources.yaml": broken_source})
    assert len(messages) == 1 and "unknown value 'xlsx'" in messages[0]


def test_source_file_must_exist(project):
    text = "sources:\n  - id: events\n    title: E\n    file: missing.csv\n"
    [message] = errors_for(
        project, INDICATOR.replace("[province]", "[]"), **{"data/sources.yaml": text}
    )
    assert message.startswith("data/sources.yaml:4:5: sources[events].file: file not found: ")


def test_missing_project_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert spec_errors(tmp_path) == [
        "ctscore.yaml: no ctscore.yaml here; run ctscore inside a project folder or give its "
        "path, e.g. `ctscore validate path/to/project`"
    ]


def test_project_config_errors(project):
    root = project({"ctscore.yaml": "name: T\nfiscal_year_start_month: 13\n"})
    assert spec_errors(root) == [
        "ctscore.yaml:2:1: fiscal_year_start_month: input should be less than or equal to 12"
    ]


RATE = """\
  - id: attacks_per_million
    title: Attacks per million
    description: Attacks per million people.
    unit: attacks per million
    direction: lower_is_better
    measure: {kind: rate, indicator: attacks, population: people}
"""
PEOPLE = """\
sources:
  - id: people
    title: Population
    file: people.csv
    columns:
      year: {type: integer}
      population: {type: integer}
"""


def test_scorecard_breakdown_needs_it_in_every_input(project):
    card = """\
    scorecards:
      - id: national
        title: National
        breakdown: district
        sections:
          - title: Attacks
            indicators: [attacks, attacks_per_million]
    """
    files = {"indicators/cards.yaml": card, "data/people.yaml": PEOPLE, "people.csv": "year\n"}
    assert errors_for(project, INDICATOR + RATE, **files) == [
        "indicators/cards.yaml:7:22: scorecards[national].sections[0].indicators[0]: indicator "
        "'attacks' cannot be broken down by 'district'; add it to the dimensions of the "
        "indicators it is computed from",
        "indicators/cards.yaml:7:31: scorecards[national].sections[0].indicators[1]: indicator "
        "'attacks_per_million' cannot be broken down by 'district'; add it to the dimensions of "
        "the indicators it is computed from",
    ]


def test_rate_breakdown_needs_the_column_in_the_population_source(project):
    card = """\
    scorecards:
      - id: national
        title: National
        breakdown: province
        sections:
          - title: Attacks
            indicators: [attacks_per_million]
    """
    files = {"indicators/cards.yaml": card, "data/people.yaml": PEOPLE, "people.csv": "year\n"}
    assert errors_for(project, INDICATOR + RATE, **files) == [
        "indicators/cards.yaml:7:22: scorecards[national].sections[0].indicators[0]: indicator "
        "'attacks_per_million' cannot be broken down by 'province'; its population source has "
        "no such column"
    ]


def test_diagnostics_are_ordered_whatever_order_they_were_found_in():
    from ctscore.errors import Diagnostic, UserError

    found = [
        Diagnostic("data/x.xlsx", 5, None, "province", "is empty"),
        Diagnostic("data/x.xlsx", 5, None, "killed", "is empty"),
        Diagnostic("a.yaml", 2, 1, "id", "duplicate"),
    ]
    expected = [str(d) for d in UserError(found).diagnostics]
    assert [str(d) for d in UserError(reversed(found)).diagnostics] == expected
    assert expected == [
        "a.yaml:2:1: id: duplicate",
        "data/x.xlsx:5: killed: is empty",
        "data/x.xlsx:5: province: is empty",
    ]


def test_unknown_kind_without_a_source_lists_every_kind(project):
    # Read as a combined indicator (no source), it is still told every kind there is.
    text = INDICATOR.replace("    source: events\n", "").replace("    dimensions: [province]\n", "")
    [message] = errors_for(project, text.replace("{kind: count}", "{kind: ratoi}"))
    assert message == (
        "indicators/a.yaml:7:5: indicators[attacks].measure: unknown kind 'ratoi' (did you mean "
        "'ratio'?); allowed: 'count', 'sum', 'mean', 'max', 'min', 'distinct_count', 'ratio', "
        "'share', 'rate', 'derived', 'rolling', 'change', 'year_to_date', 'composite'"
    )


def test_a_combined_indicator_with_rows_of_its_own_is_told_what_to_remove(project):
    text = INDICATOR.replace("{kind: count}", "{kind: derived, expression: '1'}")
    assert errors_for(project, text) == [
        "indicators/a.yaml:2:5: indicators[attacks]: 'derived' combines other indicators; "
        "remove 'source', 'dimensions'"
    ]
