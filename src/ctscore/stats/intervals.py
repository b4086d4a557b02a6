"""Confidence intervals of one value, chosen by what the value measures.

* counts: the exact Poisson interval of Garwood (1936), lower = chi2(a/2, 2k) / 2 and
  upper = chi2(1 - a/2, 2k + 2) / 2, with lower 0 when k = 0;
* shares: Wilson's score interval (Wilson 1927) or Clopper-Pearson's exact one, as
  statsmodels' ``proportion_confint`` gives them;
* sums, means and ratios of casualties: a percentile bootstrap over the period's events
  (casualties come in clusters, so a Poisson interval on deaths would be far too narrow),
  seeded so the same inputs give the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.special import betainccinv, betaincinv, chdtri, ndtri

# The names written in ``ci_method`` and in the methodology appendix.
GARWOOD = "exact Poisson (Garwood)"
WILSON = "Wilson score"
CLOPPER_PEARSON = "Clopper-Pearson exact"
BOOTSTRAP = "bootstrap over events"
NONE = "none"
SHARE_METHODS = {"wilson": WILSON, "clopper_pearson": CLOPPER_PEARSON}
BOOTSTRAP_SEED = 20210101  # fixed: the same inputs give the same intervals, byte for byte
BOOTSTRAP_REPLICATES = 400
# Above this many events in a period, a sum's interval uses the bootstrap's own variance
# (m times the events' plug-in variance) with a normal interval, to which the percentile
# interval converges: the cost stays linear in the rows (a million events take no longer).
BOOTSTRAP_EXACT_UP_TO = 50


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    method: str


def alpha_of(confidence: float) -> float:
    """0.95 -> 0.05."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie between 0 and 1, not {confidence}")
    return 1 - confidence


def poisson_exact(counts, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Garwood's exact interval of the Poisson mean for each count (NaN stays NaN)."""
    k = np.asarray(counts, dtype="float64")
    alpha = alpha_of(confidence)
    # chdtri(df, q) is the chi-square quantile of upper tail q: chi2.ppf(1 - q, df), without
    # importing scipy.stats (seconds at every command's start).
    with np.errstate(invalid="ignore"):
        low = np.where(k > 0, chdtri(2 * np.maximum(k, 1), 1 - alpha / 2) / 2, 0.0)
        high = chdtri(2 * k + 2, alpha / 2) / 2
    low = np.where(np.isnan(k), np.nan, low)
    return low, high


def proportion(
    successes, trials, confidence: float = 0.95, method: str = "wilson"
) -> tuple[np.ndarray, np.ndarray]:
    """Interval of a share: ``method`` wilson or clopper_pearson. NaN where trials is 0."""
    x = np.asarray(successes, dtype="float64")
    n = np.asarray(trials, dtype="float64")
    usable = (n > 0) & ~np.isnan(x) & ~np.isnan(n)
    low = np.full(np.broadcast(x, n).shape, np.nan)
    high = low.copy()
    if usable.any():
        xs, ns = np.broadcast_to(x, low.shape)[usable], np.broadcast_to(n, low.shape)[usable]
        interval = {"wilson": _wilson, "clopper_pearson": _clopper_pearson}[method]
        lo, hi = interval(xs, ns, alpha_of(confidence))
        # 0 of n has lower limit 0 and n of n upper limit 1, exactly (not 5e-17).
        low[usable] = np.where(xs == 0, 0.0, np.clip(lo, 0, 1))
        high[usable] = np.where(xs == ns, 1.0, np.clip(hi, 0, 1))
    return low, high


# The two share intervals as statsmodels' ``proportion_confint`` computes them (a test holds
# them to it), written with scipy.special: importing statsmodels.stats.proportion and
# scipy.stats takes about 1 s, paid by every ``ctscore compute``.
def _wilson(x: np.ndarray, n: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    share, z = x / n, -ndtri(alpha / 2)
    denominator = 1 + z**2 / n
    centre = (share + z**2 / (2 * n)) / denominator
    half = z * np.sqrt(share * (1 - share) / n + z**2 / (4 * n**2)) / denominator
    return centre - half, centre + half


def _clopper_pearson(x: np.ndarray, n: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(invalid="ignore"):  # x = 0 or x = n: set to 0 and 1 by the caller
        return betaincinv(x, n - x + 1, alpha / 2), betainccinv(x + 1, n - x, alpha / 2)


def bootstrap(
    groups: list[np.ndarray],
    statistic: Callable[[np.ndarray], np.ndarray],
    confidence: float = 0.95,
    replicates: int = BOOTSTRAP_REPLICATES,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval, per group, of ``statistic`` over the group's events.

    ``statistic`` takes an array of shape (replicates, events) and returns one value per
    replicate (e.g. ``lambda a: a.sum(axis=1)``). Each group is resampled with replacement,
    all replicates at once. A group with no events has no interval (NaN)."""
    alpha = alpha_of(confidence)
    rng = np.random.default_rng(seed)
    low = np.full(len(groups), np.nan)
    high = low.copy()
    drawn_stats, filled = [], []
    for i, values in enumerate(groups):
        values = np.asarray(values, dtype="float64")
        if len(values) == 0:
            continue
        drawn = values[rng.integers(0, len(values), size=(replicates, len(values)))]
        drawn_stats.append(statistic(drawn))
        filled.append(i)
    if filled:  # one quantile call for every group
        low[filled], high[filled] = np.quantile(
            np.array(drawn_stats), [alpha / 2, 1 - alpha / 2], axis=1
        )
    return low, high


def bootstrap_sums(
    moments: tuple[np.ndarray, np.ndarray, np.ndarray],
    rows_of: Callable[[np.ndarray], list[np.ndarray]],
    confidence: float = 0.95,
    nonnegative: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Interval of the sum of each cell's events, by resampling them: the percentile
    bootstrap for cells of up to ``BOOTSTRAP_EXACT_UP_TO`` events, else the normal interval
    with the bootstrap's variance (m times the plug-in variance of the events).

    ``moments`` are per cell the number of events, their sum and their sum of squares;
    ``rows_of(cells)`` gives the events of those cells (only the small ones are asked for).
    A cell without events has no interval; with ``nonnegative`` the lower limit is >= 0."""
    m, total, squares = (np.asarray(a, dtype="float64") for a in moments)
    with np.errstate(invalid="ignore", divide="ignore"):
        variance = np.maximum(squares - total**2 / m, 0.0)  # m * plug-in variance
    z = chdtri(1, 1 - confidence) ** 0.5  # the normal quantile, from chi2 with 1 df
    low, high = total - z * np.sqrt(variance), total + z * np.sqrt(variance)
    if nonnegative:
        low = np.maximum(low, 0.0)
    small = np.flatnonzero((m > 0) & (m <= BOOTSTRAP_EXACT_UP_TO))
    if len(small):
        low[small], high[small] = bootstrap(rows_of(small), lambda a: a.sum(axis=1), confidence)
    low[m == 0] = high[m == 0] = np.nan
    return low, high
