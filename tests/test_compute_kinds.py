"""Every indicator kind against values worked out by hand from a tiny project.

The expected numbers are written out below from the rows in ``EVENTS``; none of them is
computed by ctscore. Quarters run 2022-Q1 .. 2023-Q4 (8 periods).

    id  date        province  group  killed  injured   quarter
    1   2023-01-10  Punjab    A      2       1         2023-Q1
    2   2023-02-20  Sindh     B      0       -         2023-Q1
    3   2023-03-05  Punjab    A      5       3         2023-Q1
    4   2023-05-15  Sindh     -      1       0         2023-Q2
    5   2023-08-01  Punjab    B      0       2         2023-Q3
    6   2023-08-30  Punjab    A      3       -         2023-Q3
    7   2023-11-11  Sindh     A      4       1         2023-Q4
    8   2022-02-01  Punjab    A      1       0         2022-Q1
    9   2022-09-09  Sindh     B      2       1         2022-Q3
"""

from __future__ import annotations

import math

import pytest

from conftest import (
    EVENT_COLUMNS,
    check,
    indicator,
    indicators,
    loaded_project,
    pick,
    source,
    sources,
)

nan = math.nan
CONFIG = "name: Hand-computed\nfiscal_year_start_month: 7\ndefault_period_type: quarter\n"
SOURCES = sources(
    source(
        columns={
            **EVENT_COLUMNS,
            "province": "category, allowed: [Punjab, Sindh, Balochistan]",
            "group": "category, required: false",
            "injured": "integer, required: false",
        },
        coverage=("2022-01-01", "2023-12-31"),
    ),
    source(
        "reports",
        title="Reports with no declared coverage, from mid-January to mid-November 2023",
        columns={"date": "date"},
    ),
    source(
        "population",
        columns={"province": "category", "year": "integer", "population": "integer"},
        date=None,
    ),
)
EVENTS = """\
id,date,province,group,killed,injured
1,2023-01-10,Punjab,A,2,1
2,2023-02-20,Sindh,B,0,
3,2023-03-05,Punjab,A,5,3
4,2023-05-15,Sindh,,1,0
5,2023-08-01,Punjab,B,0,2
6,2023-08-30,Punjab,A,3,
7,2023-11-11,Sindh,A,4,1
8,2022-02-01,Punjab,A,1,0
9,2022-09-09,Sindh,B,2,1
"""
REPORTS = "date\n2023-01-15\n2023-04-02\n2023-04-03\n2023-11-11\n"
POPULATION = """\
province,year,population
Punjab,2022,1900
Punjab,2023,2000
Sindh,2022,900
Sindh,2023,1000
"""


def row(ind_id: str, measure: dict, filter_=None, dimensions=("province",), **extra) -> dict:
    where = {"filter": filter_} if filter_ else {}
    return indicator(
        ind_id, measure, source="events", dimensions=list(dimensions), **where, **extra
    )


INDICATORS = [
    row("attacks", {"kind": "count"}, dimensions=["province", "group"]),
    row("killed", {"kind": "sum", "column": "killed"}, dimensions=["province", "group"]),
    row("mean_killed", {"kind": "mean", "column": "killed"}),
    row("max_killed", {"kind": "max", "column": "killed"}),
    row("min_killed", {"kind": "min", "column": "killed"}),
    row("injured", {"kind": "sum", "column": "injured"}),
    row("mean_injured", {"kind": "mean", "column": "injured"}),
    row("groups_active", {"kind": "distinct_count", "column": "group"}),
    row("deadly", {"kind": "count"}, {"killed": {"gte": 1}}),
    row("punjab_a", {"kind": "count"}, {"province": "Punjab", "group": ["A"]}, small_count=2),
    indicator("deadly_share", {"kind": "share", "numerator": "deadly", "denominator": "attacks"}),
    indicator("lethality", {"kind": "ratio", "numerator": "killed", "denominator": "attacks"}),
    indicator("per_thousand", {"kind": "rate", "indicator": "attacks", "population": "population",
                         "per": 1000}),
    indicator("killed_pct", {"kind": "derived", "expression": "killed / attacks * 100"}),
    indicator("rolling_sum", {"kind": "rolling", "indicator": "attacks", "window": 4}),
    indicator("rolling_mean", {"kind": "rolling", "indicator": "attacks", "window": 2,
                         "function": "mean"}),
    indicator("change", {"kind": "change", "indicator": "attacks"}),
    indicator("change_abs", {"kind": "change", "indicator": "attacks", "mode": "absolute"}),
    indicator("change_year", {"kind": "change", "indicator": "attacks",
                        "against": "same_period_last_year"}),
    indicator("ytd", {"kind": "year_to_date", "indicator": "attacks"}),
    indicator("fiscal_ytd", {"kind": "year_to_date", "indicator": "attacks", "year": "fiscal"}),
    indicator("weighted", {"kind": "composite", "components": [
        {"indicator": "attacks", "weight": 1}, {"indicator": "killed", "weight": 3}]}),
    indicator("min_max", {"kind": "composite", "normalisation": "min_max", "components": [
        {"indicator": "attacks", "weight": 1}, {"indicator": "killed", "weight": 1}]}),
    indicator("z_score", {"kind": "composite", "normalisation": "z_score", "components": [
        {"indicator": "attacks", "weight": 1}]}),
    indicator("reports", {"kind": "count"}, source="reports"),
    indicator("reports_rolling", {"kind": "rolling", "indicator": "reports", "window": 2}),
    indicator("reports_change", {"kind": "change", "indicator": "reports", "mode": "absolute"}),
    indicator("constant_mix", {"kind": "derived", "expression": "max(killed, 2 * attacks) - 1"}),
    indicator("log_attacks", {"kind": "derived", "expression": "log(attacks)"}),
    indicator("log_share", {"kind": "derived", "expression": "log(injured) / attacks"}),
]  # fmt: skip


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return loaded_project(
        tmp_path_factory,
        "hand",
        {
            "ctscore.yaml": CONFIG,
            "data/sources.yaml": SOURCES,
            "events.csv": EVENTS,
            "reports.csv": REPORTS,
            "population.csv": POPULATION,
            "indicators/i.yaml": indicators(*INDICATORS),
        },
    )


@pytest.fixture(scope="module")
def quarterly(project):
    return project.compute(by=["province", "group"])


def test_grid_is_every_quarter_of_the_project(quarterly):
    periods = ["2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"]
    periods += ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]
    assert pick(quarterly, "attacks", "period") == periods
    assert set(quarterly.groupby(["indicator", "dimension", "dimension_value"]).size()) == {8}


def test_count_is_zero_filled_over_periods_and_breakdown_values(quarterly):
    check(quarterly, "attacks", [1, 0, 1, 0, 3, 1, 2, 1])
    check(quarterly, "attacks", [1, 0, 0, 0, 2, 0, 2, 0], dimension="province", value="Punjab")
    check(quarterly, "attacks", [0, 0, 1, 0, 1, 1, 0, 1], dimension="province", value="Sindh")
    # declared as allowed but never seen: zero everywhere, not missing
    check(quarterly, "attacks", [0] * 8, dimension="province", value="Balochistan")
    check(quarterly, "attacks", [1, 0, 0, 0, 2, 0, 1, 1], dimension="group", value="A")
    check(quarterly, "attacks", [0, 0, 1, 0, 1, 0, 1, 0], dimension="group", value="B")
    check(quarterly, "attacks", [0, 0, 0, 0, 0, 1, 0, 0], dimension="group", value="(missing)")
    check(quarterly, "attacks", [1, 0, 1, 0, 3, 1, 2, 1], "rows")


def test_sum_mean_max_min(quarterly):
    check(quarterly, "killed", [1, 0, 2, 0, 7, 1, 3, 4])
    check(quarterly, "killed", [1, 0, 0, 0, 7, 0, 3, 0], dimension="province", value="Punjab")
    check(quarterly, "mean_killed", [1, nan, 2, nan, 7 / 3, 1, 1.5, 4])
    check(quarterly, "mean_killed", [1, nan, nan, nan, 3.5, nan, 1.5, nan], dimension="province",
          value="Punjab")  # fmt: skip
    check(quarterly, "max_killed", [1, nan, 2, nan, 5, 1, 3, 4])
    check(quarterly, "min_killed", [1, nan, 2, nan, 0, 1, 0, 4])
    check(quarterly, "min_killed", [0, 0, 0, 0, 0, 0, 0, 0], "zero_denominator")


def test_missing_values_are_left_out_of_sums_and_means(quarterly):
    check(quarterly, "injured", [0, 0, 1, 0, 4, 0, 2, 1])
    check(quarterly, "mean_injured", [0, nan, 1, nan, 2, 0, 2, 1])
    check(quarterly, "mean_injured", [1, 0, 1, 0, 3, 1, 2, 1], "rows")  # rows that passed


def test_distinct_count(quarterly):
    check(quarterly, "groups_active", [1, 0, 1, 0, 2, 0, 2, 1])
    check(quarterly, "groups_active", [1, 0, 0, 0, 1, 0, 2, 0], dimension="province",
          value="Punjab")  # fmt: skip


def test_filtered_counts(quarterly):
    check(quarterly, "deadly", [1, 0, 1, 0, 2, 1, 1, 1])
    check(quarterly, "punjab_a", [1, 0, 0, 0, 2, 0, 1, 0])
    check(quarterly, "punjab_a", [1, 0, 0, 0, 2, 0, 1, 0], dimension="province", value="Punjab")
    check(quarterly, "punjab_a", [0] * 8, dimension="province", value="Sindh")
    check(quarterly, "punjab_a", [1, 1, 1, 1, 0, 1, 1, 1], "small_count")  # under 2 rows


def test_share_and_ratio_keep_numerator_and_denominator(quarterly):
    check(quarterly, "deadly_share", [1, nan, 1, nan, 2 / 3, 1, 0.5, 1])
    check(quarterly, "deadly_share", [1, 0, 1, 0, 2, 1, 1, 1], "numerator")
    check(quarterly, "deadly_share", [1, 0, 1, 0, 3, 1, 2, 1], "denominator")
    check(quarterly, "deadly_share", [0, 1, 0, 1, 0, 0, 0, 0], "zero_denominator")
    check(quarterly, "lethality", [1, nan, 2, nan, 7 / 3, 1, 1.5, 4])
    check(quarterly, "lethality", [nan, nan, 2, nan, 0, 1, nan, 4], dimension="province",
          value="Sindh")  # fmt: skip
    check(quarterly, "lethality", [1, 1, 0, 1, 0, 0, 1, 0], "zero_denominator",
          dimension="province", value="Sindh")  # fmt: skip


def test_rate_uses_the_population_of_the_year_and_region(quarterly):
    check(quarterly, "per_thousand", [1 / 2.8, 0, 1 / 2.8, 0, 1, 1 / 3, 2 / 3, 1 / 3])
    check(quarterly, "per_thousand", [2800] * 4 + [3000] * 4, "denominator")
    check(quarterly, "per_thousand", [0, 0, 1 / 0.9, 0, 1, 1, 0, 1], dimension="province",
          value="Sindh")  # fmt: skip
    # no population for Balochistan: no value, and no crash
    check(quarterly, "per_thousand", [nan] * 8, dimension="province", value="Balochistan")
    check(quarterly, "per_thousand", [0] * 8, "zero_denominator", "province", "Balochistan")


def test_rate_cannot_be_broken_down_by_a_column_the_population_lacks(quarterly):
    by_group = quarterly[quarterly["dimension"] == "group"]
    assert "per_thousand" not in set(by_group["indicator"])
    assert {"attacks", "killed", "lethality"} <= set(by_group["indicator"])


def test_derived_expression_and_its_division_by_zero(quarterly):
    check(quarterly, "killed_pct", [100, nan, 200, nan, 700 / 3, 100, 150, 400])
    check(quarterly, "killed_pct", [0, 1, 0, 1, 0, 0, 0, 0], "zero_denominator")
    check(quarterly, "killed_pct", [1, 0, 1, 0, 3, 1, 2, 1], "rows")


def test_derived_with_functions(quarterly):
    check(quarterly, "constant_mix", [1, -1, 1, -1, 6, 1, 3, 3])
    check(quarterly, "constant_mix", [0] * 8, "zero_denominator")


def test_derived_log_of_zero_has_no_value_and_no_zero_denominator_flag(quarterly):
    # attacks 1, 0, 1, 0, 3, 1, 2, 1
    check(quarterly, "log_attacks", [0, nan, 0, nan, math.log(3), 0, math.log(2), 0])
    check(quarterly, "log_attacks", [0] * 8, "zero_denominator")
    # injured 0, 0, 1, 0, 4, 0, 2, 1: log(0) alone is not flagged, a division by 0 is
    check(quarterly, "log_share", [nan, nan, 0, nan, math.log(4) / 3, nan, math.log(2) / 2, 0])
    check(quarterly, "log_share", [0, 1, 0, 1, 0, 0, 0, 0], "zero_denominator")


def test_an_expression_is_parsed_once_per_compute(project, monkeypatch):
    from ctscore.compute import engine

    parsed = []
    original = engine.parse_expression
    monkeypatch.setattr(engine, "parse_expression", lambda t: parsed.append(t) or original(t))
    project.compute(["killed_pct"], by=["province", "group"])  # total and two breakdowns
    assert parsed == ["killed / attacks * 100"]


def test_rolling_needs_a_full_window(quarterly):
    check(quarterly, "rolling_sum", [nan, nan, nan, 2, 4, 5, 6, 7])
    check(quarterly, "rolling_sum", [0, 0, 0, 2, 4, 5, 6, 7], "rows")
    check(quarterly, "rolling_mean", [nan, 0.5, 0.5, 0.5, 1.5, 2, 1.5, 1.5])


def test_change_on_previous_period(quarterly):
    check(quarterly, "change", [nan, -100, nan, -100, nan, -200 / 3, 100, -50])
    check(quarterly, "change", [0, 0, 1, 0, 1, 0, 0, 0], "zero_denominator")
    check(quarterly, "change", [nan, 1, 0, 1, 0, 3, 1, 2], "denominator")
    check(quarterly, "change", [1, 0, 1, 0, 3, 1, 2, 1], "numerator")
    check(quarterly, "change_abs", [nan, -1, 1, -1, 3, -2, 1, -1])
    check(quarterly, "change_abs", [0] * 8, "zero_denominator")


def test_change_on_same_period_a_year_earlier(quarterly):
    check(quarterly, "change_year", [nan, nan, nan, nan, 200, nan, 100, nan])
    check(quarterly, "change_year", [0, 0, 0, 0, 0, 1, 0, 1], "zero_denominator")


def test_year_to_date_calendar_and_fiscal(quarterly):
    check(quarterly, "ytd", [1, 1, 2, 2, 3, 4, 6, 7])
    check(quarterly, "ytd", [0] * 8, "partial")
    # FY2022 (July 2021 - June 2022) began before the data: its totals are partial
    check(quarterly, "fiscal_ytd", [1, 1, 1, 1, 4, 5, 2, 3])
    check(quarterly, "fiscal_ytd", [1, 1, 0, 0, 0, 0, 0, 0], "partial")


def test_composite_weights_and_normalisation(quarterly):
    check(quarterly, "weighted", [4, 0, 7, 0, 24, 4, 11, 13])
    # min_max: attacks / 3 + killed / 7 (each ranges from 0)
    attacks, killed = [1, 0, 1, 0, 3, 1, 2, 1], [1, 0, 2, 0, 7, 1, 3, 4]
    expected = [a / 3 + k / 7 for a, k in zip(attacks, killed, strict=True)]
    check(quarterly, "min_max", expected)
    # z_score of attacks: mean 9/8, population standard deviation sqrt(55)/8
    check(quarterly, "z_score", [(8 * a - 9) / math.sqrt(55) for a in [1, 0, 1, 0, 3, 1, 2, 1]])
    # the weakest input: killed and attacks rest on the same rows
    check(quarterly, "weighted", [1, 0, 1, 0, 3, 1, 2, 1], "rows")


def test_breakdown_of_a_composite_normalises_each_value_separately(quarterly):
    # Punjab attacks 1,0,0,0,2,0,2,0: range 0..2
    check(quarterly, "z_score", [(a - 0.625) / math.sqrt(0.734375) for a in
          [1, 0, 0, 0, 2, 0, 2, 0]], dimension="province", value="Punjab")  # fmt: skip
    check(quarterly, "min_max", [0] * 8, dimension="province", value="Balochistan")


def test_partial_flags_follow_the_coverage(quarterly):
    # reports run 2023-01-15 .. 2023-11-11: 2022 is not covered at all (no value, not 0),
    # 2023-Q1 and 2023-Q4 only in part
    check(quarterly, "reports", [nan, nan, nan, nan, 1, 2, 0, 1])
    check(quarterly, "reports", [1, 1, 1, 1, 1, 0, 0, 1], "partial")
    check(quarterly, "attacks", [0] * 8, "partial")  # declared coverage: all of 2022-2023
    # combined values are partial when any period behind them is
    check(quarterly, "reports_rolling", [nan, nan, nan, nan, nan, 3, 2, 1])
    check(quarterly, "reports_rolling", [1, 1, 1, 1, 1, 1, 0, 1], "partial")
    check(quarterly, "reports_change", [nan, nan, nan, nan, nan, 1, -2, 1])
    check(quarterly, "reports_change", [1, 1, 1, 1, 1, 1, 0, 1], "partial")


def test_breakdowns_sum_to_the_total(quarterly):
    for ind_id in ("attacks", "killed", "injured", "deadly", "punjab_a"):
        for dimension in ("province", "group"):
            part = quarterly[
                (quarterly["indicator"] == ind_id) & (quarterly["dimension"] == dimension)
            ]
            if part.empty:
                continue
            summed = part.groupby("period", sort=False)["value"].sum().tolist()
            check(quarterly, ind_id, summed)


def test_other_period_types(project):
    yearly = project.compute(["attacks", "killed", "change", "ytd"], period_type="year")
    check(yearly, "attacks", [2, 7])
    check(yearly, "killed", [3, 15])
    check(yearly, "change", [nan, 250])
    check(yearly, "ytd", [2, 7])
    assert pick(yearly, "attacks", "period") == ["2022", "2023"]
    fiscal = project.compute(["attacks", "change_year"], period_type="fiscal_year")
    assert pick(fiscal, "attacks", "period") == ["FY2022", "FY2023", "FY2024"]
    check(fiscal, "attacks", [1, 5, 3])
    check(fiscal, "attacks", [1, 0, 1], "partial")  # FY2022 began July 2021, FY2024 ends 2024
    check(fiscal, "change_year", [nan, 400, -40])
    monthly = project.compute("attacks", period_type="month")
    assert len(pick(monthly, "attacks")) == 24
    assert sum(pick(monthly, "attacks")) == 9
