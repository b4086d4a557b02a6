"""Confidence intervals of one value, against published reference values (4 significant
digits) and the coverage a 95% interval must have."""

from __future__ import annotations

import numpy as np
import pytest

from ctscore.stats.comparisons import count_change, share_change
from ctscore.stats.intervals import bootstrap, bootstrap_sums, poisson_exact, proportion


def close(value, reference: str) -> bool:
    """``value`` agrees with a reference printed as ``reference`` to every digit printed
    (references are printed to 4 significant digits or more)."""
    decimals = len(reference.partition(".")[2])
    return abs(value - float(reference)) <= 0.5 * 10**-decimals * (1 + 1e-9)


def test_garwood_count_of_zero_and_ten():
    # epitools::pois.exact documentation: for x = 0 the exact upper limit is 3.689;
    # the 95% interval of 10 events is 4.795 to 18.39 (R: poisson.test(10)$conf.int).
    low, high = poisson_exact([0, 10])
    assert low[0] == 0 and close(high[0], "3.689")
    assert close(low[1], "4.795") and close(high[1], "18.39")


def test_garwood_rate_matches_r_poisson_test():
    # R ?poisson.test example, Welsh nickel workers: poisson.test(137, 24.19893) gives the
    # 95% interval 4.753125 to 6.692709.
    low, high = poisson_exact(137)
    assert close(low / 24.19893, "4.753125") and close(high / 24.19893, "6.692709")


def test_garwood_other_levels_and_missing():
    low90, high90 = poisson_exact(10, confidence=0.90)
    low95, high95 = poisson_exact(10)
    assert low95 < low90 < 10 < high90 < high95
    low, high = poisson_exact([np.nan])
    assert np.isnan(low[0]) and np.isnan(high[0])


def test_wilson_and_clopper_pearson_match_newcombe_1998():
    # Newcombe (1998), Statistics in Medicine 17:857-872, Table II: 81/263 and 15/148.
    low, high = proportion([81, 15], [263, 148])
    expected = ["0.2553", "0.0624", "0.3662", "0.1605"]
    assert all(close(v, r) for v, r in zip([*low, *high], expected, strict=True))
    low, high = proportion([81, 15], [263, 148], method="clopper_pearson")
    expected = ["0.2527", "0.0578", "0.3676", "0.1617"]
    assert all(close(v, r) for v, r in zip([*low, *high], expected, strict=True))


def test_share_without_trials_has_no_interval():
    low, high = proportion([0, 3], [0, 10])
    assert np.isnan(low[0]) and np.isnan(high[0]) and 0 < low[1] < 0.3 < high[1]


def test_share_difference_matches_newcombe_1998b():
    # Newcombe (1998), Statistics in Medicine 17:873-890, Table II: 56/70 - 48/80, method 10
    # (score interval, hybrid): 0.0524 to 0.3339; in percentage points here.
    change = share_change(56, 70, 48, 80)
    assert (
        close(change.estimate, "20.0") and close(change.low, "5.24") and close(change.high, "33.39")
    )
    assert change.beyond_chance


def test_rate_ratio_matches_r_poisson_test():
    # R ?poisson.test example: poisson.test(c(11, 6+8+7), c(800, 1083+1050+878)): rate ratio
    # 1.971488, 95% interval 0.8584264 to 4.2772659, p-value 0.07967.
    change = count_change(11, 21, 800, 1083 + 1050 + 878)
    assert close(change.estimate, "1.971488") and close(change.p_value, "0.07967")
    assert close(change.low, "0.8584264") and close(change.high, "4.2772659")
    assert not change.beyond_chance


def test_rate_ratio_edge_cases():
    assert count_change(0, 0) is None
    assert count_change(2.5, 3) is None
    rise = count_change(5, 0)
    assert rise.estimate == np.inf and rise.high == np.inf and rise.low > 0


@pytest.mark.parametrize("mean", [20, 50])
def test_exact_interval_covers_the_true_rate_about_95_percent(mean):
    draws = np.random.default_rng(2026).poisson(mean, 2000)
    low, high = poisson_exact(draws)
    coverage = np.mean((low <= mean) & (mean <= high))
    assert 0.93 <= coverage <= 0.97


def test_wilson_interval_covers_the_true_share_about_95_percent():
    draws = np.random.default_rng(2026).binomial(200, 0.3, 2000)
    low, high = proportion(draws, 200)
    assert 0.93 <= np.mean((low <= 0.3) & (high >= 0.3)) <= 0.97


def test_bootstrap_is_seeded_and_wider_for_clustered_deaths():
    clustered = [np.array([0, 0, 1, 0, 40, 2, 0, 1])]
    low, high = bootstrap(clustered, lambda a: a.sum(axis=1))
    again = bootstrap(clustered, lambda a: a.sum(axis=1))
    assert (low[0], high[0]) == (again[0][0], again[1][0])
    poisson_low, poisson_high = poisson_exact([44])
    assert high[0] - low[0] > poisson_high[0] - poisson_low[0]
    assert np.isnan(bootstrap([np.array([])], lambda a: a.sum(axis=1))[0][0])


def test_bootstrap_sums_small_cells_resample_large_cells_use_the_bootstrap_variance():
    rng = np.random.default_rng(7)
    deaths = rng.negative_binomial(0.5, 0.2, size=300).astype(float)  # clustered casualties
    cells = np.r_[np.zeros(10, dtype=int), np.ones(290, dtype=int)]  # 10 events, then 290
    m = np.bincount(cells, minlength=3)
    moments = (m, np.bincount(cells, deaths, 3), np.bincount(cells, deaths**2, 3))
    asked = []

    def rows_of(wanted):
        asked.extend(wanted)
        return [deaths[cells == c] for c in wanted]

    low, high = bootstrap_sums(moments, rows_of)
    assert asked == [0]  # only the small cell's events are read
    # Cell 0 (10 events): the percentile bootstrap itself.
    small = bootstrap([deaths[:10]], lambda a: a.sum(axis=1))
    assert (low[0], high[0]) == (small[0][0], small[1][0])
    # Cell 1 (290 events): sum +- 1.96 sqrt(m * plug-in variance), by hand ...
    big = deaths[10:]
    spread = 1.959964 * np.sqrt(len(big) * big.var())
    assert low[1] == pytest.approx(big.sum() - spread) and high[1] == pytest.approx(
        big.sum() + spread
    )
    # ... which the percentile bootstrap approaches (here within 6% of the half-width;
    # the percentile interval leans right with skewed casualties).
    many = bootstrap([big], lambda a: a.sum(axis=1), replicates=4000)
    assert abs(many[0][0] - low[1]) < 0.1 * spread and abs(many[1][0] - high[1]) < 0.1 * spread
    # Cell 2 has no events: no interval.
    assert np.isnan(low[2]) and np.isnan(high[2])


@pytest.mark.parametrize("method", ["wilson", "clopper_pearson"])
@pytest.mark.parametrize("confidence", [0.8, 0.95, 0.99])
def test_share_intervals_equal_statsmodels_proportion_confint(method, confidence):
    """ctscore computes the two intervals without importing statsmodels (a second at every
    start); statsmodels is the reference they must equal."""
    from statsmodels.stats.proportion import proportion_confint

    trials = np.array([1, 2, 7, 30, 263, 148, 5000, 10**6])
    n = np.tile(trials, 5)
    x = np.concatenate([0 * trials, trials // 3, trials // 2, trials - 1, trials])
    low, high = proportion(x, n, confidence, method)
    how = {"wilson": "wilson", "clopper_pearson": "beta"}[method]
    ref_low, ref_high = proportion_confint(x, n, alpha=1 - confidence, method=how)
    ref_low = np.where(x == 0, 0.0, np.clip(ref_low, 0, 1))
    ref_high = np.where(x == n, 1.0, np.clip(ref_high, 0, 1))
    np.testing.assert_allclose(low, ref_low, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(high, ref_high, rtol=1e-12, atol=1e-15)
