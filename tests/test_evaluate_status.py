"""Status rules, targets and trend phrases: exact texts, both directions, both kinds of
target, and every reason a value cannot be judged."""

from __future__ import annotations

import pytest

from ctscore.evaluate.formatting import change_text
from ctscore.evaluate.status import (
    Evidence,
    goal_value,
    relative_text,
    status,
    target_text,
)
from ctscore.spec.scorecards import Target

ENOUGH = Evidence(rows=100, minimum=5)


def whole(value: float, extra: int = 0) -> str:
    """An indicator with no decimals."""
    return f"{value:,.{extra}f}"


def two(value: float, extra: int = 0) -> str:
    """An indicator with two decimals."""
    return f"{value:,.{2 + extra}f}"


def judge(value, target, lower=True, evidence=ENOUGH, fmt=whole, baseline=None):
    goal = goal_value(target, baseline)
    label = f" ({relative_text(target, baseline, fmt)})" if target.value is None else ""
    return status(value, target, goal, lower, evidence, fmt, label)


ABSOLUTE_45 = Target(value=45)  # amber margin 10%: amber up to 49.5 (lower is better)


@pytest.mark.parametrize(
    ("value", "code", "label", "rule"),
    [
        (40, "green", "on track", "green: 40 ≤ target 45"),
        (45, "green", "on track", "green: 45 ≤ target 45"),
        (48, "amber", "close", "amber: 48 misses target 45 by at most 10% (≤ 49.5)"),
        (49.5, "amber", "close", "amber: 49.5 misses target 45 by at most 10% (≤ 49.5)"),
        (60, "red", "off track", "red: 60 misses target 45 by more than 10% (> 49.5)"),
    ],
)
def test_lower_is_better_against_an_absolute_target(value, code, label, rule):
    verdict = judge(value, ABSOLUTE_45)
    assert (verdict.code, verdict.label, verdict.rule) == (code, label, rule)


@pytest.mark.parametrize(
    ("value", "code", "rule"),
    [
        (1.6, "green", "green: 1.60 ≥ target 1.50"),
        (1.5, "green", "green: 1.50 ≥ target 1.50"),
        (1.3, "amber", "amber: 1.30 misses target 1.50 by at most 20% (≥ 1.20)"),
        (0.6, "red", "red: 0.60 misses target 1.50 by more than 20% (< 1.20)"),
    ],
)
def test_higher_is_better_against_an_absolute_target(value, code, rule):
    verdict = judge(value, Target(value=1.5, amber_margin=20), lower=False, fmt=two)
    assert (verdict.code, verdict.rule) == (code, rule)


@pytest.mark.parametrize(
    ("value", "code", "rule"),
    [
        (44, "green", "green: 44 ≤ target 45 (10% below baseline 50)"),
        (
            48,
            "amber",
            "amber: 48 misses target 45 (10% below baseline 50) by at most 10% (≤ 49.5)",
        ),
        (
            148,
            "red",
            "red: 148 misses target 45 (10% below baseline 50) by more than 10% (> 49.5)",
        ),
    ],
)
def test_lower_is_better_against_the_baseline(value, code, rule):
    verdict = judge(value, Target(change_from_baseline=-10), baseline=50)
    assert (verdict.code, verdict.rule) == (code, rule)


@pytest.mark.parametrize(
    ("value", "code", "rule"),
    [
        (13, "green", "green: 13 ≥ target 12 (20% above baseline 10)"),
        (11, "amber", "amber: 11 misses target 12 (20% above baseline 10) by at most 10% (≥ 10.8)"),
        (9, "red", "red: 9 misses target 12 (20% above baseline 10) by more than 10% (< 10.8)"),
    ],
)
def test_higher_is_better_against_the_baseline(value, code, rule):
    verdict = judge(value, Target(change_from_baseline=20), lower=False, baseline=10)
    assert (verdict.code, verdict.rule) == (code, rule)


def test_numbers_that_would_print_alike_get_more_decimals():
    # 45.4 and 45 both print as '45' with no decimals: the rule shows the difference.
    verdict = judge(45.4, ABSOLUTE_45)
    assert verdict.rule == "amber: 45.4 misses target 45.0 by at most 10% (≤ 49.5)"


def test_a_zero_margin_goes_straight_from_green_to_red():
    target = Target(value=10, amber_margin=0)
    assert judge(10, target).code == "green"
    assert judge(10.2, target).rule == "red: 10.2 misses target 10.0 by more than 0% (> 10.0)"


SMALL = "insufficient data: only {} behind the value (at least 5 needed)"


@pytest.mark.parametrize(
    ("value", "evidence", "baseline", "rule"),
    [
        (3, Evidence(3, 5), 50, SMALL.format("3 events")),
        (1, Evidence(1, 5), 50, SMALL.format("1 event")),
        (None, Evidence(None, 5), 50, "insufficient data: no value for this period"),
        (float("nan"), Evidence(0, 0), 50, "insufficient data: no value for this period"),
        (
            40,
            Evidence(80, 5, partial=True),
            50,
            "insufficient data: the data covers only part of the period",
        ),
        (40, ENOUGH, None, "insufficient data: no baseline value to set the target"),
    ],
)
def test_insufficient_data_says_why(value, evidence, baseline, rule):
    verdict = judge(value, Target(change_from_baseline=-10), evidence=evidence, baseline=baseline)
    assert (verdict.code, verdict.label, verdict.rule) == (
        "insufficient",
        "insufficient data",
        rule,
    )


def test_small_counts_are_judged_in_both_directions():
    for lower in (True, False):
        verdict = judge(40, ABSOLUTE_45, lower=lower, evidence=Evidence(2, 5))
        assert verdict.code == "insufficient"


def test_no_target_no_status():
    verdict = status(40, None, None, True, ENOUGH, whole)
    assert (verdict.code, verdict.label, verdict.rule) == ("none", "no target", "no target set")


def test_goal_and_target_texts():
    assert goal_value(Target(value=3), baseline=None) == 3
    assert goal_value(Target(change_from_baseline=-10), baseline=50) == pytest.approx(45)
    assert goal_value(Target(change_from_baseline=-10), baseline=None) is None
    assert target_text(None, None, None, whole) == "–"
    assert target_text(Target(value=1.5), 1.5, None, two) == "1.50"
    assert target_text(Target(change_from_baseline=-10), 45, 50, whole) == (
        "45 (10% below baseline 50)"
    )
    assert target_text(Target(change_from_baseline=5), None, None, whole) == (
        "5% above no baseline value"
    )
    assert relative_text(Target(change_from_baseline=0), 7, whole) == "equal to baseline 7"


@pytest.mark.parametrize(
    ("current", "earlier", "text"),
    [
        (148, 127, "+16.5%"),
        (1.62, 1.79, "-9.5%"),
        (5, 5, "±0.0%"),
        (3, 0, "new"),
        (0, 0, "±0.0%"),
        (None, 3, "–"),
        (3, float("nan"), "–"),
    ],
)
def test_change_texts(current, earlier, text):
    assert change_text(current, earlier) == text
