"""Small counts judged on events, not rows (issue #9): a source's weight column, and the
small_count defaults of the project and of each source."""

from __future__ import annotations

from conftest import spec_errors
from ctscore.api import load_project
from ctscore.pipeline import evaluate_card

# Battle deaths: one row per dyad-year, so 2 rows may stand for thousands of deaths.
SOURCES = """\
sources:
  - id: battles
    title: Battle deaths
    file: battles.csv
    date: {{parts: {{year: year}}}}
{more}    columns:
      year: {{type: integer}}
      dyad: {{type: category}}
      best: {{type: integer}}
indicators:
  - id: dyads
    title: Dyads at war
    description: d
    unit: dyad-years
    direction: lower_is_better
    source: battles
    measure: {{kind: count}}
"""
CSV = "year,dyad,best\n2022,a,1200\n2022,b,900\n2023,a,3\n"


def flags(project, more: str = "", config: str = "") -> dict[str, tuple]:
    files = {"data/sources.yaml": SOURCES.format(more=more), "battles.csv": CSV}
    if config:
        files["ctscore.yaml"] = "name: Test project\n" + config
    results = load_project(project(files)).compute(period_type="year")
    return {r.period: (r.rows, r.events, r.small_count) for r in results.itertuples()}


def test_without_a_weight_rows_are_the_events(project):
    assert flags(project) == {"2022": (2, 2, True), "2023": (1, 1, True)}


def test_a_weight_column_counts_what_each_row_stands_for(project):
    # hand count: 2022 = 1200 + 900 deaths behind 2 rows; 2023 = 3 deaths
    assert flags(project, "    weight: best\n") == {
        "2022": (2, 2100, False),
        "2023": (1, 3, True),
    }


def test_project_and_source_defaults(project):
    assert flags(project, config="small_count: 2\n")["2022"][2] is False
    assert flags(project, "    small_count: 3\n", config="small_count: 2\n")["2022"][2] is True


def test_the_weight_column_must_be_a_declared_number(project):
    more = "    weight: dyad\n"
    root = project({"data/sources.yaml": SOURCES.format(more=more), "battles.csv": CSV})
    assert "the weight column 'dyad' must have type integer or number" in spec_errors(root)[0]


SHARE = """\
sources:
  - id: attacks
    title: Attacks
    file: attacks.csv
    date: {column: date}
    columns:
      date: {type: date}
      province: {type: category}
      group: {type: category}
indicators:
  - id: all_attacks
    title: All
    description: d
    unit: attacks
    direction: lower_is_better
    source: attacks
    measure: {kind: count}
    dimensions: [province]
  - id: ttp_attacks
    title: TTP
    description: d
    unit: attacks
    direction: lower_is_better
    source: attacks
    filter: {group: TTP}
    measure: {kind: count}
    dimensions: [province]
  - id: ttp_share
    title: TTP share
    description: d
    unit: share
    direction: lower_is_better
    measure: {kind: share, numerator: ttp_attacks, denominator: all_attacks}
  - id: punjab_attacks
    title: Punjab
    description: d
    unit: attacks
    direction: lower_is_better
    source: attacks
    filter: {province: Punjab}
    measure: {kind: count}
    dimensions: [province]
scorecards:
  - id: y
    title: Y
    period_type: year
    period: "2024"
    breakdown: province
    sections: [{title: S, indicators: [ttp_share, punjab_attacks, all_attacks]}]
"""


def test_a_shares_evidence_is_its_denominator_and_breakdowns_show_n(project):
    # 2 TTP attacks of 7: the share rests on 7 attacks, not on 2 (hand count)
    lines = ["date,province,group"]
    lines += [f"2024-01-0{i},Punjab,{'TTP' if i <= 2 else 'BLA'}" for i in range(1, 8)]
    lines += ["2024-02-01,Sindh,BLA"]
    root = project({"data/sources.yaml": SHARE, "attacks.csv": "\n".join(lines) + "\n"})
    results = load_project(root).compute("ttp_share", period_type="year")
    total = results[results["dimension"] == "total"].iloc[0]
    assert (total["value"], total["rows"], total["events"], total["small_count"]) == (
        0.25,
        2,
        8,
        False,
    )
    project_ = load_project(root)
    report, _ = evaluate_card(project_.spec, project_.data, project_.spec.scorecards["y"])
    by_id = {i.id: i for i in report.indicators()}
    share = {s.name: (s.rows, s.small) for s in by_id["ttp_share"].breakdown}
    assert share == {"Punjab": (7, False), "Sindh": (1, True)}  # n: the denominator
    # Punjab's own filter rules the other provinces out: no zero rows for them
    assert [s.name for s in by_id["punjab_attacks"].breakdown] == ["Punjab"]
    assert by_id["all_attacks"].breakdown_counts  # counts show n too
    assert [s.name for s in by_id["all_attacks"].breakdown] == ["Punjab", "Sindh"]
