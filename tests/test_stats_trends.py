"""Trend tests against a published worked example, hand computations, and their size on
series without trend."""

from __future__ import annotations

import math
import statistics

import numpy as np
import pytest
from scipy.stats import kendalltau, theilslopes

from ctscore.stats.trends import mann_kendall, seasonal_mann_kendall

# "A Mann-Kendall example (by hand)", College of the Holy Cross
# (mathcs.holycross.edu/~little/Montserrat/MannKendallByHand.txt): S = 54,
# V = (14)(13)(33)/18 - (2)(1)(9)/18 (one pair of tied values), Z = (S - 1)/sqrt(V) = 2.9058.
HOLY_CROSS = [12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7]


def test_mann_kendall_matches_the_worked_example():
    result = mann_kendall(HOLY_CROSS)
    assert result.n == 14 and result.s == 54
    assert result.var_s == pytest.approx((14 * 13 * 33 - 2 * 1 * 9) / 18)
    assert f"{result.z:.4f}" == "2.9058"
    assert result.p_value == pytest.approx(2 * 0.00183, abs=5e-5)  # their one-sided p ~ .0018


def test_tau_is_kendalls_tau_b_against_time():
    # With untied times, R's trend::mk.test tau = S / D is Kendall's tau-b (scipy).
    assert mann_kendall(HOLY_CROSS).tau == pytest.approx(
        kendalltau(np.arange(14), HOLY_CROSS).statistic
    )


def test_sens_slope_and_its_interval_by_hand():
    slopes = sorted(
        (HOLY_CROSS[j] - HOLY_CROSS[i]) / (j - i) for i in range(14) for j in range(i + 1, 14)
    )
    # Gilbert (1987) eq. 16.8, ranks as trend::sens.slope rounds them: C = 1.96 sqrt(var S),
    # lower rank round((91 - C) / 2) = 28 and upper rank round((91 + C) / 2 + 1) = 64.
    c = 1.959964 * math.sqrt((14 * 13 * 33 - 18) / 18)
    assert (round((91 - c) / 2), round((91 + c) / 2 + 1)) == (28, 64)
    result = mann_kendall(HOLY_CROSS)
    assert result.sen_slope == pytest.approx(statistics.median(slopes))
    assert result.sen_slope == pytest.approx(theilslopes(HOLY_CROSS).slope)
    assert (result.sen_ci_low, result.sen_ci_high) == pytest.approx((slopes[27], slopes[63]))
    assert result.beyond_chance


def test_missing_values_are_left_out_and_keep_their_place():
    with_gap = mann_kendall([1.0, 2.0, np.nan, 4.0, 5.0])
    assert with_gap.n == 4 and with_gap.s == 6 and with_gap.sen_slope == 1.0


def test_too_few_values_refused():
    with pytest.raises(ValueError, match="at least 3 values"):
        mann_kendall([1, np.nan, 2])


def test_seasonal_mann_kendall_sums_the_seasons():
    # Two seasons, four years: season 0 rises every year (S = 6, var = 4*3*13/18); season 1
    # is 5, 5, 4, 6 (S = 0 - 1 + 1 - 1 + 1 + 1 = 1, one tied pair). Hirsch: S and var S add.
    season0, season1 = [1, 2, 3, 4], [5, 5, 4, 6]
    series = [v for pair in zip(season0, season1, strict=True) for v in pair]
    s1 = sum(np.sign(season1[j] - season1[i]) for i in range(4) for j in range(i + 1, 4))
    var1 = (4 * 3 * 13 - 2 * 1 * 9) / 18  # one pair of tied fives
    result = seasonal_mann_kendall(series, period=2)
    assert result.s == 6 + s1
    assert result.var_s == pytest.approx(4 * 3 * 13 / 18 + var1)
    assert result.z == pytest.approx((6 + s1 - 1) / math.sqrt(4 * 3 * 13 / 18 + var1))
    within = [1, 1, 1, 1, 1, 1, 0, -0.5, 1 / 3, -1, 0.5, 2]
    assert result.sen_slope == pytest.approx(statistics.median(within))


def test_mann_kendall_rejects_a_flat_series_about_5_percent_of_the_time():
    draws = np.random.default_rng(1945).poisson(6, size=(2000, 16)).astype(float)
    rejected = np.mean([mann_kendall(row).p_value < 0.05 for row in draws])
    assert 0.035 <= rejected <= 0.065


def test_mann_kendall_finds_a_real_fall():
    rng = np.random.default_rng(3)
    falling = rng.poisson(np.linspace(40, 15, 16))
    result = mann_kendall(falling)
    assert result.p_value < 0.01 and result.sen_ci_high < 0
