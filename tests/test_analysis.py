"""`ctscore effects` and `ctscore trends` on the sample project, and the located errors of
evaluations that cannot be estimated."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import ctscore
from conftest import spec_errors
from ctscore.cli import main
from ctscore.stats import its, trends

REPO = Path(__file__).resolve().parents[1]
ESTIMATE = {"rate_ratio", "ci_low", "ci_high", "p_value"}


@pytest.fixture(scope="module")
def sample():
    return ctscore.load_project(REPO)


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    return result


def test_effects_json_has_the_documented_keys_and_matches_a_direct_fit(sample):
    result = run("effects", str(REPO), "--format", "json")
    assert result.exit_code == 0, result.output
    effects = {e["id"]: e for e in json.loads(result.stdout)}
    assert set(effects) == {"ceasefire_effect", "ceasefire_end_effect"}
    for effect in effects.values():
        assert ESTIMATE == set(effect["level_change"]) == set(effect["pre_trend"])
        assert set(effect["slope_change"]) == ESTIMATE
        assert {"ljung_box_p", "durbin_watson"} <= set(effect["autocorrelation"])
        assert {"model", "n_before", "n_after", "dispersion"} <= set(effect)
    # The same fit, from the monthly totals the engine computes, by hand.
    monthly = sample.compute("attacks", "month")
    totals = monthly[monthly["dimension"] == "total"].set_index("period")["value"]
    window = totals.loc["2015-01":"2022-10"]
    event = list(window.index).index("2021-12")  # ceasefire on 9 November: December is after
    direct = its.fit(window.to_numpy(), event, "quasi_poisson", seasonality=2)
    ceasefire = effects["ceasefire_effect"]
    assert (ceasefire["n_before"], ceasefire["n_after"]) == (event, len(window) - event)
    assert ceasefire["level_change"]["rate_ratio"] == pytest.approx(direct.level_change.rate_ratio)
    assert ceasefire["dispersion"] == pytest.approx(direct.dispersion)


def test_effects_csv_has_one_value_per_cell_equal_to_the_json():
    as_json = json.loads(run("effects", str(REPO), "--format", "json").stdout)
    result = run("effects", str(REPO), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == [e["id"] for e in as_json]
    for row, effect in zip(rows, as_json, strict=True):
        assert "events" not in row  # a list is spread over columns, not written as a repr
        assert float(row["level_change_rate_ratio"]) == effect["level_change"]["rate_ratio"]
        (event,) = effect["events"]
        assert row["events_1_event"] == event["event"]
        assert float(row["events_1_slope_change_p_value"]) == event["slope_change"]["p_value"]
        assert all("np." not in cell and "[" not in cell for cell in row.values())


def test_effects_table_gives_the_plain_sentence():
    result = run("effects", str(REPO), "--evaluation", "ceasefire_end_effect")
    assert result.exit_code == 0, result.output
    assert "than the earlier trend predicts" in result.stdout
    assert "cannot separate the event's effect" in result.stdout


def test_trends_json_matches_mann_kendall_on_the_engines_totals(sample):
    result = run(
        "trends", str(REPO), "--indicator", "attacks", "--period-type", "year",
        "--from", "2015", "--to", "2021", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    keys = {"n", "s", "var_s", "z", "p_value", "tau", "sen_slope", "sen_ci_low", "sen_ci_high"}
    assert keys | {"first_period", "last_period"} <= set(row)
    yearly = sample.compute("attacks", "year")
    values = yearly[yearly["dimension"] == "total"].set_index("period").loc["2015":"2021"]
    expected = trends.mann_kendall(values["value"].to_numpy())
    assert (row["n"], row["s"], row["first_period"], row["last_period"]) == (
        7,
        expected.s,
        "2015",
        "2021",
    )
    assert row["sen_slope"] == pytest.approx(expected.sen_slope)


def test_trends_by_dimension_and_errors():
    result = run(
        "trends", str(REPO), "--indicator", "attacks", "--by", "province", "--format", "csv"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 1 + 1 + 7  # header, total, seven provinces
    bad = run("trends", str(REPO), "--indicator", "attacks", "--from", "1990-Q1")
    assert bad.exit_code == 2
    assert "ctscore trends --from: 1990-Q1 is outside the data" in bad.stderr


MONTHS = 30
EVENTS = "id,date,province,killed\n" + "".join(  # 1 to 3 events a month, from 2020-01
    f"{i},{2020 + (m // 12)}-{m % 12 + 1:02d}-{3 + 5 * d:02d},Punjab,{(i * 7) % 3}\n"
    for i, (m, d) in enumerate(((m, d) for m in range(MONTHS) for d in range(1 + m % 3)), start=1)
)
INDICATORS = """\
indicators:
  - {id: n, title: Events, description: d, unit: events, direction: lower_is_better,
     source: events, measure: {kind: count}}
  - {id: killed, title: Killed, description: d, unit: deaths, direction: lower_is_better,
     source: events, measure: {kind: sum, column: killed}}
  - {id: lethality, title: Lethality, description: d, unit: deaths per event,
     direction: lower_is_better, measure: {kind: ratio, numerator: killed, denominator: n}}
policy_events:
  - {id: early, date: 2020-03-01, title: Too early}
  - {id: middle, date: 2021-03-01, title: Middle}
  - {id: autumn, date: 2020-11-01, title: Autumn}
  - {id: summer, date: 2021-07-01, title: Summer}
evaluations:
  - {id: too_early, title: T, indicator: n, event: early}
  - {id: outside, title: T, indicator: n, event: middle, end: 2020-12}
  - {id: fine, title: T, indicator: n, event: middle}
  - {id: two, title: T, indicator: n, events: [summer, autumn]}
"""


def test_what_cannot_be_estimated_is_a_located_error(project):
    root = project({"events.csv": EVENTS, "indicators/i.yaml": INDICATORS})
    for evaluation, message in [
        # January 2020 and June 2022 are partly covered: the window is 2020-02 to 2022-05.
        ("too_early", "indicators/i.yaml:14:45: evaluations[too_early].event: 1 period before "
         "the event and 27 after; at least 8 are needed on each side"),
        ("outside", "indicators/i.yaml:15:43: evaluations[outside].event: the event "
         "(2021-03-01) lies outside the window 2020-02 to 2020-12"),
    ]:  # fmt: skip
        result = run("effects", str(root), "--evaluation", evaluation)
        assert result.exit_code == 2
        assert message in result.stderr
    result = run("effects", str(root), "--evaluation", "fine", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["n_before"] == 13  # 2020-02 to 2021-02


def test_a_count_model_refuses_a_ratio(project):
    bad = INDICATORS.replace("indicator: n, event: middle}", "indicator: lethality, event: middle}")
    root = project({"events.csv": EVENTS, "indicators/i.yaml": bad})
    assert spec_errors(root) == [
        "indicators/i.yaml:16:26: evaluations[fine].indicator: indicator 'lethality' is a "
        "ratio; a quasi_poisson model describes counts: choose a count or sum indicator (e.g. "
        "its numerator) and give the denominator as 'exposure'"
    ]


def test_the_readme_evaluation_example_is_valid():
    import re

    import yaml

    from ctscore.spec.evaluations import Evaluation

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "evaluations:" in b]
    (example,) = yaml.safe_load(block)["evaluations"]
    assert Evaluation.model_validate(example).model == "negative_binomial"


def test_several_events_in_one_evaluation(project):
    root = project({"events.csv": EVENTS, "indicators/i.yaml": INDICATORS})
    result = run("effects", str(root), "--evaluation", "two", "--format", "json")
    assert result.exit_code == 0, result.output
    (effect,) = json.loads(result.stdout)
    # Events in time order: autumn (2020-11) first, then summer (2021-07).
    assert [e["event_period"] for e in effect["events"]] == ["2020-11", "2021-07"]
    assert effect["events"][0]["level_change"] == effect["level_change"]
    assert effect["n_before"] == 9  # 2020-02 to 2020-10
    assert "At “Summer” they changed again by" in effect["sentence"]


def test_event_and_events_exclude_each_other_and_are_checked(project):
    bad = INDICATORS.replace("events: [summer, autumn]}", "event: middle, events: [summer]}")
    bad = bad.replace("event: middle, end: 2020-12}", "events: [middle, wintr]}")
    root = project({"events.csv": EVENTS, "indicators/i.yaml": bad})
    errors = spec_errors(root)
    assert any(
        "evaluations[two]: give either 'event' (one policy event) or 'events' (several)" in e
        for e in errors
    ), errors
    assert any(
        "evaluations[outside].events[1]: unknown policy event 'wintr' (did you mean 'winter'" in e
        or "evaluations[outside].events[1]: unknown policy event 'wintr'" in e
        for e in errors
    ), errors


def test_effects_csv_gives_every_evaluation_the_same_columns(project):
    """A step-only model (no slope change) and a two-event model in one CSV: every estimate
    has its four columns, blank where the model makes none; the second event has its own."""
    step_only = INDICATORS.replace(
        "{id: fine, title: T, indicator: n, event: middle}",
        "{id: fine, title: T, indicator: n, event: middle, slope_change: false}",
    )
    root = project({"events.csv": EVENTS, "indicators/i.yaml": step_only})
    result = run("effects", str(root), "--evaluation", "fine", "--evaluation", "two",
                 "--format", "csv")  # fmt: skip
    assert result.exit_code == 0, result.output
    fine, two = csv.DictReader(io.StringIO(result.stdout))
    assert "slope_change" not in fine  # no column holding a whole estimate (or None)
    assert fine["slope_change_rate_ratio"] == fine["events_1_slope_change_p_value"] == ""
    assert float(two["slope_change_rate_ratio"]) > 0
    assert {two["events_1_event"], two["events_2_event"]} == {"summer", "autumn"}
    assert fine["events_2_event"] == ""
