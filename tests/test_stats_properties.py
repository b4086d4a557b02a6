"""Invariants of the statistics, for any input (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ctscore.stats.comparisons import count_change
from ctscore.stats.intervals import poisson_exact, proportion
from ctscore.stats.trends import mann_kendall

counts = st.integers(min_value=0, max_value=5000)
series = st.lists(st.integers(min_value=0, max_value=60), min_size=4, max_size=30)


@given(counts)
@settings(deadline=None)  # the machine is shared: no time limit per example
def test_the_exact_interval_holds_the_count_and_widens_with_confidence(k):
    low95, high95 = poisson_exact([k])
    low99, high99 = poisson_exact([k], confidence=0.99)
    assert low99[0] <= low95[0] <= k <= high95[0] <= high99[0]
    assert (low95[0] == 0) == (k == 0)


@given(counts, st.integers(min_value=1, max_value=5000))
@settings(deadline=None)
def test_a_share_interval_lies_in_0_1_and_holds_the_share(x, extra):
    n = x + extra
    low, high = proportion([x], [n])
    assert 0 <= low[0] <= x / n <= high[0] <= 1


@given(series)
@settings(max_examples=60, deadline=None)
def test_reversing_a_series_reverses_its_trend(values):
    forward, backward = mann_kendall(values), mann_kendall(values[::-1])
    assert forward.s == -backward.s and forward.var_s == backward.var_s
    assert forward.p_value == backward.p_value
    assert forward.sen_slope == -backward.sen_slope
    if not np.isnan(forward.sen_ci_low):
        assert forward.sen_ci_low <= forward.sen_slope <= forward.sen_ci_high


@given(counts, counts)
@settings(deadline=None)
def test_a_rate_ratio_interval_holds_its_estimate(after, before):
    found = count_change(after, before)
    if after + before == 0:
        assert found is None
        return
    assert found.low <= found.estimate <= found.high
    assert 0 <= found.p_value <= 1
