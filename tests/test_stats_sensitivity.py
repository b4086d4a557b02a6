"""Monte Carlo weight sensitivity: seeded, and right on cases worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from ctscore.stats.sensitivity import weight_sensitivity

# Two components over four periods.
A = np.array([10.0, 20.0, 30.0, 40.0])
B = np.array([40.0, 30.0, 20.0, 10.0])


def score(weights, _alternative):
    return weights[0] * A + weights[1] * B


def test_the_interval_follows_the_weight_ranges():
    found = weight_sensitivity(score, [1, 1], draws=2000)
    # Period 1: 10 w1 + 40 w2 with w in [0.5, 1.5]: between 25 and 75, nominal 50.
    assert found.nominal[0] == 50
    assert 25 <= found.low[0] < 35 and 65 < found.high[0] <= 75
    again = weight_sensitivity(score, [1, 1], draws=2000)
    np.testing.assert_array_equal(found.scores, again.scores)


def test_rank_changes_only_where_weights_can_reorder():
    # With declared weights all four periods tie at 50 (ranks by order); any draw with
    # w1 > w2 reverses them: ranks change about half the time.
    found = weight_sensitivity(score, [1, 1], draws=2000)
    assert 0.4 < found.rank_changed[0] < 0.6
    # A dominant component: period 4 always ranks first.
    steady = weight_sensitivity(score, [10, 1], draws=500)
    assert steady.rank_changed[3] == 0


def test_alternative_normalisations_are_drawn():
    def normalised(weights, alternative):
        return score(weights, 0) * (1 if alternative == 0 else 2)

    found = weight_sensitivity(normalised, [1, 1], alternatives=2, draws=1000)
    assert found.high[0] > 75  # only the second normalisation can pass 75
    assert found.nominal[0] == pytest.approx(50)


def test_the_annual_sample_scorecard_states_the_gti_scores_sensitivity():
    from pathlib import Path

    import ctscore
    from ctscore.pipeline import evaluate_card

    project = ctscore.load_project(Path(__file__).resolve().parents[1])
    spec = project.spec
    report, _ = evaluate_card(spec, project.data, spec.scorecards["national_annual"])
    (score,) = [i for i in report.indicators() if i.id == "terrorism_impact_score"]
    assert score.sensitivity.startswith("with every weight varied by up to ±50% at random")
    assert f"the {report.period} score lies between" in score.sensitivity
    assert [i.id for i in report.indicators() if i.sensitivity] == ["terrorism_impact_score"]


def test_verdicts_follow_the_status_rule():
    from ctscore.stats.sensitivity import verdicts

    # Lower is better, goal 10, amber margin 10%: <= 10 green, <= 11 amber, above red.
    got = verdicts(np.array([9.0, 10.0, 10.5, 11.0, 11.5]), np.full(5, 10.0), 10, True)
    assert got.tolist() == [0, 0, 1, 1, 2]
    # Higher is better: >= 10 green, >= 9 amber, below red.
    got = verdicts(np.array([12.0, 10.0, 9.5, 9.0, 8.0]), np.full(5, 10.0), 10, False)
    assert got.tolist() == [0, 0, 1, 1, 2]


def test_status_changes_only_near_the_target():
    from ctscore.stats.sensitivity import status_changed

    found = weight_sensitivity(score, [1, 1], draws=2000)
    values = found.scores[:, 0]  # 10 w1 + 40 w2: symmetric around its nominal 50
    # Far from its target (lower is better, 200): green in every draw, never changes.
    assert status_changed(values, np.full(2000, 200.0), 50, 200, 10, True) == ("green", 0.0)
    # Far beyond it (target 5, amber up to 5.5): red in every draw.
    assert status_changed(values, np.full(2000, 5.0), 50, 5, 10, True) == ("red", 0.0)
    # On the threshold (target 50, margin 0): green with the declared weights, red in
    # about half the draws (those where the score rises above 50).
    code, share = status_changed(values, np.full(2000, 50.0), 50, 50, 0, True)
    assert code == "green" and 0.45 < share < 0.55
    assert share == pytest.approx(np.mean(values > 50))
