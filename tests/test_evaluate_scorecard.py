"""Evaluating whole scorecards of the small test project: the period reported, the three
kinds of baseline, comparisons, targets, regions, breakdowns and the frozen Report."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from scipy.stats import binomtest, chi2

from ctscore.compute.periods import Calendar
from ctscore.data import load_data
from ctscore.errors import UserError
from ctscore.evaluate import baseline_periods
from ctscore.evaluate import report as report_text
from ctscore.evaluate.model import Report
from ctscore.pipeline import evaluate_card
from ctscore.spec.loader import load_project_spec
from ctscore.spec.scorecards import Baseline, EventWindow
from test_build_project import SPECS, events, make_project

QUARTER = Calendar("quarter")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("small"))
    spec = load_project_spec(root)
    return spec, load_data(spec)


def evaluate(project, card_id: str, period: str | None = None) -> Report:
    spec, data = project
    return evaluate_card(spec, data, spec.scorecards[card_id], period)[0]


def indicator(report: Report, indicator_id: str):
    return next(i for i in report.indicators() if i.id == indicator_id)


@pytest.fixture(scope="module")
def quarterly(project) -> Report:
    return evaluate(project, "quarterly")


def counts(by: str = "quarter", **where) -> pd.Series:
    frame = events()
    for column, value in where.items():
        frame = frame[frame[column] == value]
    return frame.groupby(by).size()


def test_the_latest_complete_quarter_is_reported(quarterly):
    assert quarterly.period == "2024-Q4"
    assert quarterly.period_range == "1 October 2024 to 31 December 2024"
    assert quarterly.issued == "2024-12-31T00:00:00+00:00"


def test_values_and_comparisons_match_the_data(quarterly):
    attacks = indicator(quarterly, "attacks")
    n = counts()
    assert attacks.value == n["2024-Q4"]
    assert attacks.value_text == str(n["2024-Q4"])
    previous, year_earlier, baseline = attacks.comparisons
    assert previous.label == "previous quarter (2024-Q3)"
    assert previous.value_text == str(n["2024-Q3"])
    assert previous.change_text == f"{(n['2024-Q4'] - n['2024-Q3']) / n['2024-Q3'] * 100:+.1f}%"
    assert previous.better == (n["2024-Q4"] < n["2024-Q3"])  # fewer attacks is good news
    assert year_earlier.label == "a year earlier (2023-Q4)"
    assert year_earlier.value_text == str(n["2023-Q4"])
    assert baseline.short_label == "baseline"
    assert quarterly.comparison_labels == ("previous quarter", "a year earlier", "baseline")


def test_baseline_before_an_event_and_a_target_relative_to_it(quarterly):
    # The ceasefire (2023-07-20) falls in 2023-Q3: the baseline is the two quarters before.
    assert quarterly.baseline_periods == ("2023-Q1", "2023-Q2")
    n = counts()
    expected = (n["2023-Q1"] + n["2023-Q2"]) / 2
    attacks = indicator(quarterly, "attacks")
    assert attacks.baseline_value == pytest.approx(expected)
    assert attacks.target_value == pytest.approx(expected * 0.9)
    assert attacks.status.code == ("green" if n["2024-Q4"] <= expected * 0.9 else "red")
    # The gap to the target is tested with the value's exact Poisson interval (Garwood).
    low, high = chi2.ppf(0.025, 2 * n["2024-Q4"]) / 2, chi2.ppf(0.975, 2 * n["2024-Q4"] + 2) / 2
    assert low <= expected * 0.9 <= high
    assert attacks.status.rule == (
        f"green: {n['2024-Q4']} ≤ target {expected * 0.9:.0f} (10% below baseline {expected:.0f})"
        f"; the gap is within normal variation: the exact Poisson (Garwood) 95% interval "
        f"{low:.1f} to {high:.1f} includes the target"
    )
    assert attacks.status.beyond_chance is False
    assert "the 2 quarters before “Ceasefire” (2023-07-20)" in quarterly.baseline_text


def test_baseline_as_a_period_a_window_and_before_an_event(project):
    spec, _ = project
    card = spec.scorecards["quarterly"]

    def periods(baseline: Baseline) -> list[str]:
        changed = card.model_copy(update={"baseline": baseline})
        return [QUARTER.label(p) for p in baseline_periods(spec, changed, QUARTER)]

    assert periods(Baseline(period="2022-Q3")) == ["2022-Q3"]
    assert periods(Baseline(start="2022-Q2", end="2023-Q1")) == [
        "2022-Q2",
        "2022-Q3",
        "2022-Q4",
        "2023-Q1",
    ]
    assert periods(Baseline(before_event=EventWindow(event="ceasefire", periods=3))) == [
        "2022-Q4",
        "2023-Q1",
        "2023-Q2",
    ]
    with pytest.raises(UserError, match="the window ends \\(2022-Q1\\) before it starts"):
        periods(Baseline(start="2022-Q3", end="2022-Q1"))
    with pytest.raises(UserError, match="'2022-07' is not a quarter label"):
        periods(Baseline(period="2022-07"))


def test_an_annual_scorecard_with_a_fixed_baseline_year(project):
    report = evaluate(project, "annual")
    n = counts("year")
    assert report.period == "2024"
    assert report.period_noun == "year"
    # 'a year earlier' is the previous year: shown once.
    assert report.comparison_labels == ("previous year", "baseline")
    attacks = indicator(report, "attacks")
    assert attacks.value == n["2024"]
    assert attacks.baseline_value == n["2022"]
    assert attacks.target_value == pytest.approx(n["2022"] * 0.95)
    assert attacks.comparisons[0].label == "previous year (2023)"
    assert [p.period for p in attacks.trend] == ["2022", "2023", "2024"]
    # Three years are too few for a Mann-Kendall test: no trend is called.
    assert attacks.trend_phrase == "not enough history for a trend test"
    assert attacks.trend_arrow == "·"


def test_an_explicit_period(project):
    report = evaluate(project, "quarterly", "2024-Q2")
    assert report.period == "2024-Q2"
    assert indicator(report, "attacks").value == counts()["2024-Q2"]
    assert report.indicators()[0].trend[-1].period == "2024-Q2"


@pytest.mark.parametrize(
    ("period", "message"),
    [
        (
            "2030-Q1",
            "ctscore build --period: scorecard 'quarterly': period 2030-Q1 is outside the "
            "data, which covers 2022-Q1 to 2024-Q4",
        ),
        (
            "2024-03",
            "ctscore build --period: scorecard 'quarterly': '2024-03' is not a quarter "
            "label; write it like '2024-Q1'",
        ),
    ],
)
def test_a_period_outside_the_data_or_of_the_wrong_kind_is_a_user_error(project, period, message):
    with pytest.raises(UserError) as caught:
        evaluate(project, "quarterly", period)
    assert [str(d) for d in caught.value.diagnostics] == [message]


def test_a_region_reports_its_own_rows(project):
    report = evaluate(project, "alpha_quarterly")
    alpha = events()[events()["province"] == "Alpha"]
    q4 = alpha[alpha["quarter"] == "2024-Q4"]
    assert report.scope == "Alpha (province)"
    assert indicator(report, "attacks").value == len(q4)
    assert indicator(report, "lethality").value == pytest.approx(q4["killed"].sum() / len(q4))
    assert indicator(report, "attacks").status.rule.startswith(f"green: {len(q4)} ≤ target 10")


def test_a_region_keeps_the_coverage_of_the_whole_source(tmp_path):
    # Without declared coverage, the source covers its first to its last date. Alpha's last
    # event is before Beta's last one (31 December): 2024-Q4 is still complete for Alpha.
    specs = SPECS.replace("    coverage_start: 2022-01-01\n    coverage_end: 2024-12-31\n", "")
    root = make_project(tmp_path, files={"indicators/spec.yaml": specs})
    with (root / "events.csv").open("a", encoding="utf-8") as csv:
        csv.write("9999,2024-12-31,Beta,armed,0\n")
    spec = load_project_spec(root)
    data = load_data(spec)
    alpha_last = data.tables["events"].frame.query("province == 'Alpha'")["_date"].max()
    assert alpha_last < pd.Timestamp("2024-12-31")
    report, _ = evaluate_card(spec, data, spec.scorecards["alpha_quarterly"])
    assert report.period == "2024-Q4"
    assert not any(i.flags for i in report.indicators())


def test_a_region_value_not_in_the_data_is_a_user_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    specs = SPECS.replace("value: Alpha}", "value: Alpah}")
    spec = load_project_spec(make_project(tmp_path, files={"indicators/spec.yaml": specs}))
    with pytest.raises(UserError) as caught:
        evaluate_card(spec, load_data(spec), spec.scorecards["alpha_quarterly"])
    (message,) = [str(d) for d in caught.value.diagnostics]
    assert message.startswith("indicators/spec.yaml:")
    assert message.endswith(
        "scorecards[alpha_quarterly].region.value: no rows have province 'Alpah' "
        "(did you mean 'Alpha'?); values in the data: Alpha, Beta, Gamma"
    )


def test_a_region_needs_a_dimension_every_indicator_has(tmp_path):
    undivided = (
        "  - id: undivided\n    title: Undivided\n    description: Not by province.\n"
        "    unit: events\n    direction: lower_is_better\n    source: events\n"
        "    measure: {kind: count}\n\nscorecards:\n"
    )
    specs = SPECS.replace("\nscorecards:\n", undivided).replace(
        "          - lethality\n  - id: annual",
        "          - lethality\n          - undivided\n  - id: annual",
    )
    spec = load_project_spec(make_project(tmp_path, files={"indicators/spec.yaml": specs}))
    with pytest.raises(UserError) as caught:
        evaluate_card(spec, load_data(spec), spec.scorecards["alpha_quarterly"])
    assert str(caught.value).endswith(
        "scorecards[alpha_quarterly].region.dimension: indicator 'undivided' cannot be "
        "broken down by 'province'; add it to the indicator's dimensions"
    )


def test_a_region_cannot_be_broken_down_by_its_own_dimension(tmp_path):
    specs = SPECS.replace(
        "    region: {dimension: province, value: Alpha}\n",
        "    region: {dimension: province, value: Alpha}\n    breakdown: province\n",
    )
    with pytest.raises(UserError) as caught:
        load_project_spec(make_project(tmp_path, files={"indicators/spec.yaml": specs}))
    assert "a scorecard for one province cannot be broken down by province" in str(caught.value)


def test_breakdowns_show_counts_and_mark_small_ones(quarterly):
    frame = events()
    q4 = frame[frame["quarter"] == "2024-Q4"]
    attacks = indicator(quarterly, "attacks")
    assert [(s.name, s.value, s.rows) for s in attacks.breakdown] == [
        (name, q4["province"].eq(name).sum(), q4["province"].eq(name).sum())
        for name in sorted({"Alpha", "Beta", "Gamma"}, key=lambda p: -q4["province"].eq(p).sum())
    ]
    # n shown for counts too, with the same dagger rule (issue #9)
    assert attacks.breakdown_counts
    lethality = indicator(quarterly, "lethality")
    assert lethality.breakdown_counts
    gamma = next(s for s in lethality.breakdown if s.name == "Gamma")
    assert (gamma.value, gamma.value_text, gamma.rows, gamma.small) == (None, "–", 0, True)
    assert lethality.breakdown[-1] is gamma  # no value and too few events: last
    assert max(s.bar for s in lethality.breakdown) == 1.0


def test_small_counts_are_flagged_and_not_judged(quarterly):
    suicide = indicator(quarterly, "suicide_attacks")
    n = counts(kind="suicide").get("2024-Q4", 0)
    assert n < 5
    assert suicide.flags[-1].startswith(f"small count: only {n} event")
    assert suicide.status.code == "none"  # no target: nothing to judge


def test_a_partial_period_is_flagged_and_not_judged(tmp_path):
    # Data collection stopped mid-quarter: rows after the end are dropped (and recorded).
    specs = SPECS.replace(
        "coverage_end: 2024-12-31", "coverage_end: 2024-11-15\n    on_error: drop"
    )
    spec = load_project_spec(make_project(tmp_path, files={"indicators/spec.yaml": specs}))
    data = load_data(spec)
    card = spec.scorecards["quarterly"]
    assert evaluate_card(spec, data, card)[0].period == "2024-Q3"  # latest complete
    report, _ = evaluate_card(spec, data, card, "2024-Q4")
    attacks = indicator(report, "attacks")
    assert "the data does not cover the whole period" in attacks.flags
    assert attacks.status.rule == "insufficient data: the data covers only part of the period"


def test_the_reading_of_the_quarter(quarterly):
    n = counts()
    change = (n["2024-Q4"] - n["2024-Q3"]) / n["2024-Q3"] * 100
    statuses = [i.status.code for i in quarterly.indicators() if i.status.code != "none"]
    # The fall is within normal variation: the exact conditional interval of the rate ratio
    # (Clopper-Pearson on the current count's share of both, as R's poisson.test) holds 1.
    share = binomtest(n["2024-Q4"], n["2024-Q4"] + n["2024-Q3"]).proportion_ci(0.95, "exact")
    low, high = (p / (1 - p) for p in (share.low, share.high))
    assert low < 1 < high
    assert quarterly.reading.startswith(
        f"2024-Q4: Attacks stood at {n['2024-Q4']}, within normal variation of the previous "
        f"quarter ({change:+.1f}%, 95% CI {(low - 1) * 100:+.0f}% to {(high - 1) * 100:+.0f}%)."
    )
    assert f"Of {len(statuses)} indicators with a target:" in quarterly.reading


def test_trends_cover_the_declared_number_of_periods(quarterly):
    attacks = indicator(quarterly, "attacks")
    assert len(attacks.trend) == 8
    assert [p.period for p in attacks.trend][-3:] == ["2024-Q2", "2024-Q3", "2024-Q4"]
    assert attacks.trend[-1].end == "2024-12-31"
    assert [e.title for e in quarterly.events] == ["Ceasefire"]


def test_the_report_is_frozen_plain_data(quarterly):
    """The renderer sees only frozen dataclasses of text, numbers and tuples."""

    def walk(value):
        if dataclasses.is_dataclass(value):
            assert type(value).__dataclass_params__.frozen, type(value).__name__
            for field in dataclasses.fields(value):
                walk(getattr(value, field.name))
        elif isinstance(value, tuple):
            for item in value:
                walk(item)
        else:
            assert value is None or isinstance(value, (str, int, float, bool)), repr(value)

    walk(quarterly)
    with pytest.raises(dataclasses.FrozenInstanceError):
        quarterly.title = "changed"


@pytest.mark.parametrize(("change", "in_points", "words"), [
    (12.5, False, "rose 12.5% on the previous quarter"),
    (-12.5, False, "fell 12.5% on the previous quarter"),
    (-2.25, True, "fell 2.2 pp on the previous quarter"),
])  # fmt: skip
def test_the_reading_says_rose_or_fell_from_the_number(quarterly, change, in_points, words):
    attacks = indicator(quarterly, "attacks")
    [previous] = [c for c in attacks.comparisons if c.short_label == "previous quarter"]
    moved = dataclasses.replace(
        previous, change=change, in_points=in_points, change_text="?", beyond_chance=True
    )
    comparisons = tuple(moved if c is previous else c for c in attacks.comparisons)
    shown = dataclasses.replace(attacks, comparisons=comparisons)
    assert words in report_text._move(shown, "quarter")
    no_change = dataclasses.replace(shown, comparisons=(dataclasses.replace(moved, change=None),))
    assert "stood at" in report_text._move(no_change, "quarter")
