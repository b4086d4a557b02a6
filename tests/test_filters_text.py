"""Text filters (contains, starts_with, matches) and a source's ``where`` (issue #9): each
checked against a hand count on a small table."""

from __future__ import annotations

import pytest

from conftest import spec_errors
from ctscore.api import load_project

CSV = """\
id,date,dyad,country
1,2024-01-05,Government of Pakistan - TTP,Pakistan
2,2024-01-06,Government of Pakistan - BLA,Pakistan
3,2024-01-07,TTP - Lashkar-e-Islam,Pakistan
4,2024-01-08,Government of Afghanistan - IS,Afghanistan
5,2024-01-09,,Pakistan
"""
SOURCES = """\
sources:
  - id: events
    title: Events
    file: events.csv
    date: {{column: date}}
{where}    columns:
      id: {{type: integer, unique: true}}
      date: {{type: date}}
      dyad: {{type: {dyad_type}, required: false}}
      country: {{type: category}}
indicators:
  - id: picked
    title: Picked
    description: d
    unit: events
    direction: lower_is_better
    source: events
    filter: {{dyad: {test}}}
    measure: {{kind: count}}
"""


def count(project, test: str, where: str = "", dyad_type: str = "text") -> int:
    sources = SOURCES.format(test=test, where=where, dyad_type=dyad_type)
    root = project({"data/sources.yaml": sources, "events.csv": CSV})
    results = load_project(root).compute("picked", period_type="year")
    return int(results["value"].sum())


@pytest.mark.parametrize("dyad_type", ["text", "category"])
@pytest.mark.parametrize(
    ("test", "expected"),
    [
        ("{contains: TTP}", 2),  # rows 1 and 3
        ("{contains: ttp}", 0),  # case matters
        ("{starts_with: Government of Pakistan}", 2),  # rows 1 and 2
        ("{matches: 'Government of .* - (TTP|IS)'}", 2),  # rows 1 and 4
        ("{matches: 'Government'}", 0),  # anchored: the whole value must match
        ("{not_in: [x], starts_with: TTP}", 1),  # row 3
    ],
)
def test_text_tests_against_a_hand_count(project, test, expected, dyad_type):
    assert count(project, test, dyad_type=dyad_type) == expected


def test_where_applies_to_every_indicator_on_the_source(project):
    where = "    where: {country: Pakistan}\n"
    assert count(project, "{contains: Government}", where) == 2  # rows 1 and 2, not 4


def test_a_bad_pattern_and_a_text_test_on_numbers_are_refused(project):
    sources = SOURCES.format(test="{matches: 'TTP('}", where="", dyad_type="text")
    root = project({"data/sources.yaml": sources, "events.csv": CSV})
    (error,) = spec_errors(root)
    assert "'TTP(' is not a regular expression" in error
    sources = SOURCES.format(test="{matches: '" + "a" * 201 + "'}", where="", dyad_type="text")
    (root / "data/sources.yaml").write_text(sources)
    assert "at most 200 characters" in spec_errors(root)[0]


def test_where_with_an_unknown_column_or_an_unmatched_value(project):
    where = "    where: {contry: Pakistan}\n"
    root = project(
        {
            "data/sources.yaml": SOURCES.format(test="x", where=where, dyad_type="text"),
            "events.csv": CSV,
        }
    )
    (error,) = spec_errors(root)
    assert "sources[events].where: unknown column 'contry' (did you mean 'country'?)" in error
    where = "    where: {country: Pakistn}\n"
    (root / "data/sources.yaml").write_text(SOURCES.format(test="x", where=where, dyad_type="text"))
    findings = load_project(root).data.findings
    assert any(
        "sources[events].where.country: warning: value 'Pakistn' occurs in no row of column "
        "'country' of events (did you mean 'Pakistan'?)" in str(f)
        for f in findings
    )


def test_text_tests_read_in_words():
    from ctscore.evaluate.methodology import describe_filter
    from ctscore.spec.filters import Filter

    spec = Filter.model_validate({"dyad": {"starts_with": "Government", "contains": "TTP"}})
    assert describe_filter(spec) == "dyad contains 'TTP' and dyad starts with 'Government'"


def test_filter_on_a_source_suggests_where(project):
    sources = SOURCES.format(test="x", where="    filter: {country: Pakistan}\n", dyad_type="text")
    root = project({"data/sources.yaml": sources, "events.csv": CSV})
    (error,) = spec_errors(root)
    assert "sources[events].filter: unknown field 'filter' (did you mean 'where'?)" in error
