"""Nothing silent: blank cells, dropped rows and values that match nothing are warnings with
a rule code, located at the declaration they concern; results say how many rows had a known
value (issue #9)."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import load_project_data
from ctscore.api import load_project

# A suicide-attacks table like the one of the issue: 'killed_max' blank in two rows.
SOURCES = """\
sources:
  - id: attacks
    title: Suicide attacks
    file: attacks.csv
    on_error: {on_error}
    date: {{column: date}}
    columns:
      id: {{type: integer, unique: true}}
      date: {{type: date}}
      province:
        type: category
        required: false
        recode: {{Khyber Pakhtunkhwa province: Khyber Pakhtunkhwa}}
      killed_max: {{type: integer, min: 0, required: false{missing}}}
"""
CSV = """\
id,date,province,killed_max
1,2024-01-05,Khyber Pakhtunkwa province,10
2,2024-01-20,Punjab,
3,2024-02-11,Punjab,4
4,2024-03-02,,
5,2024-04-09,Punjab,x
"""
INDICATORS = """\
indicators:
  - id: killed
    title: Killed
    description: d
    unit: people
    direction: lower_is_better
    source: attacks
    measure: {kind: sum, column: killed_max}
  - id: punjab_attacks
    title: Attacks in Punjab
    description: d
    unit: attacks
    direction: lower_is_better
    source: attacks
    filter: {province: Punjb}
    measure: {kind: count}
    dimensions: [province]
"""


def make(project, on_error="drop", missing=""):
    return project(
        {
            "data/sources.yaml": SOURCES.format(on_error=on_error, missing=missing),
            "attacks.csv": CSV,
            "indicators/a.yaml": INDICATORS,
        }
    )


def findings(root) -> dict[str, list[str]]:
    by_code: dict[str, list[str]] = {}
    for item in load_project_data(root).findings:
        by_code.setdefault(item.code, []).append(str(item))
    return by_code


def test_blank_cells_are_not_summed_as_zero_silently(project):
    found = findings(make(project))
    assert found["blank_values"][0] == (
        "indicators/a.yaml:8:26: indicators[killed].measure.column: warning: 2 of 4 rows of "
        "attacks that 'killed' counts have a blank 'killed_max'; they are left out of the sum "
        "(missing: exclude), which rests on 2 rows with a known value (the results' 'known'); "
        "declare 'missing: zero' on the column if a blank means 0 [blank_values]"
    )
    # the filter test on province cannot match the row whose province is blank
    assert "1 row of attacks has a blank 'province'" in found["blank_values"][1]
    assert "'(missing)'" in found["blank_breakdown"][0]


def test_results_carry_the_rows_with_a_known_value(project):
    results = load_project(make(project)).compute("killed", period_type="quarter")
    q1 = results.query("period == '2024-Q1'").iloc[0]
    # hand count: Q1 has rows 1-4 (row 5 was dropped: 'x'); rows 2 and 4 are blank
    assert (q1["value"], q1["rows"], q1["known"]) == (14, 4, 2)


def test_missing_zero_counts_blanks_as_zero_and_says_so(project):
    root = make(project, missing=", missing: zero")
    found = findings(root)
    assert "blank_values" not in found or all("killed_max" not in f for f in found["blank_values"])
    assert found["blanks_as_zero"] == [
        "data/sources.yaml:14:60: sources[attacks].columns.killed_max.missing: note: 2 blank "
        "cells of 'killed_max' in attacks are counted as 0 (missing: zero) [blanks_as_zero]"
    ]
    q1 = load_project(root).compute("killed", period_type="quarter").iloc[0]
    assert (q1["value"], q1["rows"], q1["known"]) == (14, 4, 4)


def test_missing_error_makes_a_blank_a_broken_rule(project):
    root = make(project, missing=", missing: error")
    data = load_project_data(root)
    blank = [q for q in data.quality if q.column == "killed_max" and q.rule == "missing"]
    assert [(q.rows, q.examples) for q in blank] == [(2, ((3, ""), (5, "")))]


def test_rows_dropped_are_a_warning_with_the_count(project):
    (dropped,) = findings(make(project))["rows_dropped"]
    assert "sources[attacks].on_error: warning: 1 row dropped from attacks (on_error: drop)" in (
        dropped
    )
    assert "4 of 5 rows kept" in dropped


def test_unmatched_filter_value_says_did_you_mean(project):
    (unmatched,) = findings(make(project))["unmatched_filter_value"]
    assert unmatched.startswith("indicators/a.yaml:15:14:")
    assert (
        "indicators[punjab_attacks].filter.province: warning: value 'Punjb' occurs in no row "
        "of column 'province' of attacks (did you mean 'Punjab'?) [unmatched_filter_value]"
    ) in unmatched


def test_recode_key_that_misses_the_data_spelling(project):
    (recode,) = findings(make(project))["unmatched_recode_key"]
    assert "warning: recode key 'Khyber Pakhtunkhwa province' occurs nowhere in column " in recode
    assert "(did you mean 'Khyber Pakhtunkwa province'?)" in recode


def test_data_value_close_to_an_allowed_one(project):
    root = make(project, on_error="fail")
    sources = (root / "data/sources.yaml").read_text()
    (root / "data/sources.yaml").write_text(
        sources.replace(
            "required: false\n",
            "required: false\n        allowed: [Punjab, Khyber Pakhtunkhwa]\n",
            1,
        )
    )
    (root / "attacks.csv").write_text(
        CSV.replace("x", "1").replace("4,2024-03-02,,", "4,2024-03-02,Punjabb,")
    )
    from conftest import data_errors

    (allowed,) = [e for e in data_errors(root) if "allowed" in e]
    assert "'Punjabb' may be a typo of 'Punjab'" in allowed
    assert "'Khyber Pakhtunkwa province' may be a typo of 'Khyber Pakhtunkhwa'" not in allowed


def test_share_denominator_rows_with_a_blank_category(project):
    share = """\
  - id: all_attacks
    title: All attacks
    description: d
    unit: attacks
    direction: lower_is_better
    source: attacks
    measure: {kind: count}
  - id: punjab_share
    title: Share in Punjab
    description: d
    unit: percent
    direction: lower_is_better
    measure: {kind: share, numerator: punjab_attacks, denominator: all_attacks}
"""
    root = make(project)
    (root / "indicators/a.yaml").write_text(INDICATORS + share)
    (blank,) = findings(root)["blank_category"]
    assert "1 of the 4 rows of the denominator 'all_attacks' have a blank 'province'" in blank


@pytest.mark.parametrize("kind", ["mean", "max"])
def test_known_for_other_summaries(project, kind):
    root = make(project)
    text = (root / "indicators/a.yaml").read_text().replace("kind: sum", f"kind: {kind}")
    (root / "indicators/a.yaml").write_text(text)
    q1 = load_project(root).compute("killed", period_type="quarter").iloc[0]
    expected = {"mean": 7.0, "max": 10.0}[kind]
    assert (q1["value"], q1["known"]) == (expected, 2)
    assert pd.api.types.is_integer_dtype(load_project(root).compute("killed")["known"])


def test_the_report_lists_blanks_and_warnings_and_the_build_prints_them(project):
    from click.testing import CliRunner

    from ctscore.cli import main

    root = make(project)
    card = "scorecards:\n  - {id: q, title: Q, period_type: quarter, period: 2024-Q1, "
    card += "sections: [{title: S, indicators: [killed]}]}\n"
    (root / "indicators/cards.yaml").write_text(card)
    result = CliRunner().invoke(main, ["build", "--format", "html", "--quiet", str(root)])
    assert result.exit_code == 0, result.output
    html = (root / "reports/q-2024-Q1.html").read_text()
    appendix = html[html.index('id="quality"') :]
    assert "No rows were dropped" not in appendix
    assert "<h3>Blank cells</h3>" in appendix
    assert "Suicide attacks (attacks): province 1, killed_max 2" in appendix
    assert "Warning (rows_dropped): 1 row dropped from attacks (on_error: drop)" in appendix
    assert "1 row dropped from attacks (on_error: drop)" in result.stderr.splitlines()[-1]
    strict = ["build", "--format", "html", "--quiet", "--strict", str(root)]
    assert CliRunner().invoke(main, strict).exit_code == 2
