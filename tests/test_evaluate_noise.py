"""Verdicts that respect noise: which test decides, and the words it gives."""

from __future__ import annotations

import pytest

from ctscore.compute.result import ResultRow
from ctscore.evaluate import noise
from ctscore.stats.intervals import GARWOOD, WILSON


def row(value, numerator=float("nan"), denominator=float("nan"), method=GARWOOD, low=0, high=0):
    return ResultRow(
        value, numerator, denominator, ci_method=method, ci_low=low, ci_high=high
    )  # fmt: skip


def test_shares_change_in_percentage_points():
    # 8.7% -> 31.2% is +22.5 pp (the example), with 23 and 77 trials.
    before, after = row(2 / 23, 2, 23, WILSON), row(24 / 77, 24, 77, WILSON)
    found = noise.change(after, [before], 0.95)
    assert found.kind == "difference" and f"{found.estimate:+.1f}" == "+22.5"
    words = noise.change_words(found, 0.95)
    assert words.text == f"95% CI {found.low:+.1f} to {found.high:+.1f} pp, p = 0.032"


def test_a_baseline_of_several_periods_is_their_sum_over_their_number():
    # 30 now against 10, 10 and 10: a rate ratio of 3 (exposure 1 against 3 periods).
    found = noise.change(row(30), [row(10), row(10), row(10)], 0.95)
    assert found.estimate == pytest.approx(3.0) and found.beyond_chance


def test_untested_measures_get_no_verdict():
    untested = row(64, method="none")
    assert noise.change(untested, [untested], 0.95) is None
    assert noise.target_gap(untested, 20, lambda v, e: f"{v:.{e}f}", 0.95) is None


def test_gap_to_target_uses_the_values_interval():
    fmt = lambda v, e: f"{v:.{e}f}"  # noqa: E731
    inside = noise.target_gap(row(5, low=1.6, high=11.7), 3, fmt, 0.95)
    assert not inside.beyond_chance and "includes the target" in inside.text
    outside = noise.target_gap(row(148, low=125.1, high=173.9), 45, fmt, 0.95)
    assert outside.beyond_chance and "125.1 to 173.9 excludes the target" in outside.text


def unit(slope, sign=False, unit=True):
    return f"{slope:{'+' if sign else ''}.1f}" + (" attacks" if unit else "")


def test_a_clear_fall_is_called_with_its_interval_and_test():
    words = noise.trend_words([40, 38, 35, 36, 30, 28, 27, 25, 22, 20], "quarter", unit, 0.95)
    assert words.arrow == "↓" and words.beyond_chance
    assert words.phrase.startswith("falling by ")
    assert words.phrase.endswith("Mann-Kendall p < 0.001, 10 quarters)")


def test_noise_is_not_called_a_trend():
    words = noise.trend_words([5, 7, 4, 6, 5, 7, 4, 6], "quarter", unit, 0.95)
    assert words.arrow == "→" and words.beyond_chance is False
    assert words.phrase.startswith("no clear trend, within normal variation")


def test_too_little_history():
    assert noise.trend_words([3, None, 4], "year", unit, 0.95).phrase == (
        "not enough history for a trend test"
    )
