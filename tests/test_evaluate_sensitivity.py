"""Composite sensitivity on a scorecard with targets: how often the status changes when the
weights vary, checked on a project small enough to work out by hand.

Attacks and deaths, weighted 1 and 1 (no normalisation): 2024 has 10 attacks killing one
person each, so its score is 10 + 10 = 20, and a draw scores 10 w1 + 10 w2 with w1, w2
uniform in [0.5, 1.5]: symmetric around 20, between 10 and 30."""

from __future__ import annotations

import pytest

from conftest import write_project
from ctscore.data import load_data
from ctscore.pipeline import evaluate_card
from ctscore.spec.loader import load_project_spec

# From the first to the last day of 2023-2024, so neither year is partial.
DAYS_2023 = ["2023-01-01", "2023-04-10", "2023-08-10", "2023-12-31"]  # 4 attacks, 4 killed
DAYS_2024 = ["2024-01-01", *[f"2024-0{m}-10" for m in range(2, 10)], "2024-12-31"]  # 10, 10
ROWS = [(i, day, 1) for i, day in enumerate(DAYS_2023 + DAYS_2024, start=1)]
EVENTS = "id,date,province,killed\n" + "".join(f"{i},{d},Punjab,{k}\n" for i, d, k in ROWS)


def composite(score_id: str) -> str:
    return f"""
  - id: {score_id}
    title: Impact {score_id}
    description: Attacks plus deaths.
    rationale: One number.
    unit: score
    direction: lower_is_better
    measure:
      kind: composite
      components:
        - {{indicator: attacks, weight: 1}}
        - {{indicator: killed, weight: 1}}
"""


INDICATORS = """\
indicators:
  - id: attacks
    title: Attacks
    description: Attacks.
    rationale: Frequency.
    unit: attacks
    direction: lower_is_better
    source: events
    measure: {kind: count}
  - id: killed
    title: Killed
    description: Deaths.
    rationale: Severity.
    unit: deaths
    direction: lower_is_better
    source: events
    measure: {kind: sum, column: killed}
""" + "".join(composite(s) for s in ("on_target", "far", "relative", "untargeted"))

SCORECARDS = """\
scorecards:
  - id: annual
    title: Annual
    period_type: year
    baseline: {period: "2023"}
    sections:
      - title: Impact
        indicators:
          - indicator: on_target
            target: {value: 20, amber_margin: 0}
          - indicator: far
            target: {value: 100}
          - indicator: relative
            target: {change_from_baseline: 100, amber_margin: 0}
          - untargeted
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = write_project(
        tmp_path_factory.mktemp("sensitivity"),
        {
            "events.csv": EVENTS,
            "indicators/i.yaml": INDICATORS,
            "indicators/cards.yaml": SCORECARDS,
        },
    )
    spec = load_project_spec(root)
    found, _ = evaluate_card(spec, load_data(spec), spec.scorecards["annual"], "2024")
    return {i.id: i for i in found.indicators()}


def changed(text: str) -> float:
    """The share of draws in '...its status against the target (on track) changes in 48%
    of draws'."""
    return int(text.rsplit("changes in ", 1)[1].split("%")[0]) / 100


def test_a_score_on_its_target_changes_status_in_about_half_the_draws(report):
    score = report["on_target"]
    assert score.value == 20 and score.status.code == "green"
    assert "its status against the target (on track) changes in" in score.sensitivity
    assert 0.35 <= changed(score.sensitivity) <= 0.65  # 200 draws: 0.5 +- 3.5 sd


def test_a_score_far_from_its_target_never_changes_status(report):
    score = report["far"]
    assert score.status.code == "green"
    assert score.sensitivity.endswith("status against the target (on track) changes in 0% of draws")


def test_a_target_against_the_baseline_moves_with_it(report):
    # Baseline 2023: 4 w1 + 4 w2; the goal, twice that, 8 w1 + 8 w2, moves with the score
    # 10 w1 + 10 w2 and stays below it: red in every draw. (Against a fixed goal of 16 the
    # score, 10 (w1 + w2) with w1 + w2 triangular on [1, 3], would meet it in 18% of draws.)
    score = report["relative"]
    assert score.target_value == 16 and score.status.code == "red"
    assert score.sensitivity.endswith("(off track) changes in 0% of draws")


def test_without_a_target_only_the_rank_is_reported(report):
    text = report["untargeted"].sensitivity
    # 2024 scores 10 (w1 + w2), 2023 4 (w1 + w2): 2024 ranks first in every draw. The
    # rank is reported, the status is not.
    assert text.endswith("its rank among the 2 periods changes in 0% of draws")
    assert "status" not in text
