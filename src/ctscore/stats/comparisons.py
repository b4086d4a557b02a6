"""The change between two values, with its interval and p-value.

* counts (and rates, counts over an exposure): the ratio of two Poisson rates, tested with
  the exact conditional test (the binomial test of the first count given the total) and
  bounded by the exact conditional interval (the Clopper-Pearson interval of the first
  count's share of the total, as R's ``poisson.test`` computes it); statsmodels'
  ``test_poisson_2indep`` (method ``exact-cond``) and ``proportion_confint``;
* shares: the difference of two proportions, in percentage points, with Newcombe's hybrid
  score interval (Newcombe 1998, method 10) and the score test of equal proportions
  (statsmodels ``confint_proportions_2indep``, ``test_proportions_2indep``).

A change "is beyond chance" when its interval excludes no change (ratio 1, difference 0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ctscore.stats.intervals import alpha_of

RATE_RATIO = "exact conditional test of two Poisson rates"
SHARE_DIFFERENCE = "Newcombe score interval for two proportions"


@dataclass(frozen=True)
class Change:
    """A change from ``before`` to ``after``.

    ``kind`` is ``ratio`` (estimate, low, high are rate ratios: 1.25 is 25% more) or
    ``difference`` (in percentage points for shares)."""

    kind: str
    estimate: float
    low: float
    high: float
    p_value: float
    method: str

    @property
    def beyond_chance(self) -> bool:
        """The interval excludes no change."""
        none = 1.0 if self.kind == "ratio" else 0.0
        return not (self.low <= none <= self.high)


def count_change(
    after: float,
    before: float,
    exposure_after: float = 1.0,
    exposure_before: float = 1.0,
    confidence: float = 0.95,
) -> Change | None:
    """Ratio of the rate ``after / exposure_after`` to ``before / exposure_before``.

    None when it cannot be estimated: a count missing or not a whole number, or both 0."""
    if not _whole(after) or not _whole(before) or after + before == 0:
        return None
    # imported when a change is tested: about a second that `build --check` need not pay
    from statsmodels.stats.proportion import proportion_confint
    from statsmodels.stats.rates import test_poisson_2indep

    alpha = alpha_of(confidence)
    args = (int(after), exposure_after, int(before), exposure_before)
    with np.errstate(divide="ignore"):  # a count of 0 before: the ratio is infinite
        test = test_poisson_2indep(*args, method="exact-cond")
    # statsmodels has no exact conditional interval for the ratio: it is the Clopper-Pearson
    # interval of the first count's share of the total, turned into a ratio (as R's
    # poisson.test computes it).
    low_share, high_share = proportion_confint(args[0], args[0] + args[2], alpha, "beta")
    to_ratio = exposure_before / exposure_after
    low = low_share / (1 - low_share) * to_ratio
    high = high_share / (1 - high_share) * to_ratio if high_share < 1 else math.inf
    estimate = (after / exposure_after) / (before / exposure_before) if before else math.inf
    return Change("ratio", estimate, float(low), float(high), float(test.pvalue), RATE_RATIO)


def share_change(
    successes_after: float,
    trials_after: float,
    successes_before: float,
    trials_before: float,
    confidence: float = 0.95,
) -> Change | None:
    """Difference of two shares in percentage points (31.2% against 8.7% is +22.5 pp)."""
    numbers = (successes_after, trials_after, successes_before, trials_before)
    if not all(_whole(n) for n in numbers) or trials_after == 0 or trials_before == 0:
        return None
    from statsmodels.stats.proportion import confint_proportions_2indep, test_proportions_2indep

    args = tuple(int(n) for n in numbers)
    low, high = confint_proportions_2indep(
        *args, method="newcomb", compare="diff", alpha=alpha_of(confidence)
    )
    test = test_proportions_2indep(*args, method="score", compare="diff")
    estimate = args[0] / args[1] - args[2] / args[3]
    return Change(
        "difference", 100 * estimate, 100 * low, 100 * high, float(test.pvalue), SHARE_DIFFERENCE
    )


def _whole(x) -> bool:
    return x is not None and not math.isnan(x) and x >= 0 and float(x).is_integer()
