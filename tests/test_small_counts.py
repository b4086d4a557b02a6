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


# 2 TTP attacks of 8 (7 in Punjab, 1 in Sindh)
ATTACKS = (
    "date,province,group\n"
    + "".join(f"2024-01-0{i},Punjab,{'TTP' if i <= 2 else 'BLA'}\n" for i in range(1, 8))
    + "2024-02-01,Sindh,BLA\n"
)


def test_a_shares_evidence_is_its_denominator_and_breakdowns_show_n(project):
    # the share rests on the 8 attacks of its denominator, not on the 2 TTP ones (hand count)
    root = project({"data/sources.yaml": SHARE, "attacks.csv": ATTACKS})
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


INLINE = """\
  - id: ttp_share_inline
    title: TTP share
    description: d
    unit: share
    direction: lower_is_better
    measure:
      kind: share
      numerator: {source: attacks, filter: {group: TTP}, measure: {kind: count}}
      denominator: {source: attacks, measure: {kind: count}}
"""


def test_inline_numerator_and_denominator_match_declared_indicators(project):
    inline = {"indicators/inline.yaml": "indicators:\n" + INLINE}
    root = project({"data/sources.yaml": SHARE, "attacks.csv": ATTACKS, **inline})
    loaded = load_project(root)
    both = loaded.compute(["ttp_share", "ttp_share_inline"], period_type="year")
    declared, inline = (both[both["indicator"] == i].iloc[0] for i in both["indicator"].unique())
    columns = ["value", "numerator", "denominator", "rows", "events"]
    assert list(declared[columns]) == list(inline[columns])
    assert inline["value"] == 0.25
    # not listed on their own; the methodology says what each part counts
    from ctscore.evaluate.methodology import method_note

    note = method_note(loaded.spec, loaded.spec.indicators["ttp_share_inline"])
    assert note.filter == (
        "numerator: number of rows where group is TTP; denominator: number of rows where all rows"
    )
    assert note.source == "Attacks"
    listed = sorted(row[0] for row in _listed(root))
    assert listed == [
        "all_attacks",
        "punjab_attacks",
        "ttp_attacks",
        "ttp_share",
        "ttp_share_inline",
    ]


def test_an_inline_measure_is_located_where_it_is_written(project):
    bad = INLINE.replace("{group: TTP}", "{grup: TTP}")
    inline = {"indicators/inline.yaml": "indicators:\n" + bad}
    root = project({"data/sources.yaml": SHARE, "attacks.csv": ATTACKS, **inline})
    errors = spec_errors(root)
    assert any(
        "indicators[ttp_share_inline].measure.numerator.filter.grup: unknown column 'grup' "
        "(did you mean 'group'?)" in e
        for e in errors
    ), errors


def _listed(root) -> list[list[str]]:
    import json

    from click.testing import CliRunner

    from ctscore.cli import main

    out = CliRunner().invoke(main, ["list", str(root), "--format", "json"]).stdout
    return [[row["id"]] for row in json.loads(out)]
