"""Trend tests: Mann-Kendall, seasonal Mann-Kendall (Hirsch) and Sen's slope.

* Mann-Kendall (Mann 1945, Kendall 1975): S = sum of sign(x_j - x_i) over i < j; its variance
  with the tie correction, var S = [n(n-1)(2n+5) - sum t(t-1)(2t+5)] / 18; the continuity
  correction z = sign(S) (|S| - 1) / sqrt(var S); a two-sided normal p-value; and
  tau = S / D as R's ``trend::mk.test`` computes it.
* Sen's slope (Sen 1968): the median of the pairwise slopes (x_j - x_i) / (t_j - t_i); its
  confidence interval from the normal approximation to S (Gilbert 1987, section 16.5), with
  the ranks rounded as R's ``trend::sens.slope`` does.
* Seasonal Mann-Kendall (Hirsch, Slack and Smith 1982): S and var S summed over the seasons
  (months or quarters), each season compared only with itself in other years; the seasonal
  Sen's slope is the median of the within-season slopes per year.

Missing values are left out; the remaining values keep their place in time.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr, ndtri  # the normal CDF and its inverse, without overhead


@dataclass(frozen=True)
class Trend:
    n: int  # values tested
    s: float
    var_s: float
    z: float
    p_value: float
    tau: float
    sen_slope: float  # per period (per year for the seasonal test)
    sen_ci_low: float
    sen_ci_high: float
    confidence: float
    method: str

    @property
    def beyond_chance(self) -> bool:
        """The slope's interval excludes 0."""
        return not (self.sen_ci_low <= 0 <= self.sen_ci_high)


def _present(values) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(values, dtype="float64")
    times = np.flatnonzero(~np.isnan(x)).astype("float64")
    return x[~np.isnan(x)], times


def _pairs(x: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Signs and slopes of every pair i < j, in R's order (by i, then j)."""
    i, j = _pair_indices(len(x))
    diff = x[j] - x[i]
    return np.sign(diff), diff / (t[j] - t[i])


@functools.lru_cache(maxsize=64)
def _pair_indices(n: int) -> tuple[np.ndarray, np.ndarray]:
    return np.triu_indices(n, k=1)


def _tie_terms(x: np.ndarray) -> tuple[float, float]:
    """sum t(t-1)(2t+5) and sum t(t-1)/2 over groups of tied values."""
    _, counts = np.unique(x, return_counts=True)
    t = counts.astype("float64")
    return float(np.sum(t * (t - 1) * (2 * t + 5))), float(np.sum(t * (t - 1) / 2))


def _variance(x: np.ndarray) -> float:
    n = len(x)
    ties, _ = _tie_terms(x)
    return (n * (n - 1) * (2 * n + 5) - ties) / 18


def _z(s: float, var_s: float) -> float:
    if var_s <= 0:
        return 0.0
    return math.copysign(max(abs(s) - 1, 0), s) / math.sqrt(var_s) if s else 0.0


def _p(z: float) -> float:
    return float(2 * ndtr(-abs(z)))


def _sen_interval(slopes: np.ndarray, var_s: float, confidence: float) -> tuple[float, float]:
    """Gilbert's (1987) interval, ranks as R's trend::sens.slope rounds them (1-based)."""
    k = len(slopes)
    if k == 0:
        return math.nan, math.nan
    c = ndtri(1 - (1 - confidence) / 2) * math.sqrt(var_s)
    ordered = np.sort(slopes)
    lower_rank, upper_rank = round((k - c) / 2), round((k + c) / 2 + 1)
    if lower_rank < 1 or upper_rank > k:  # too few values for an interval at this level
        return math.nan, math.nan
    return float(ordered[lower_rank - 1]), float(ordered[upper_rank - 1])


def mann_kendall(values, confidence: float = 0.95) -> Trend:
    """Mann-Kendall test and Sen's slope (per period) of one series in time order."""
    x, t = _present(values)
    n = len(x)
    if n < 3:
        raise ValueError(f"a trend test needs at least 3 values, not {n}")
    signs, slopes = _pairs(x, t)
    s = float(signs.sum())
    var_s = _variance(x)
    z = _z(s, var_s)
    _, tied_pairs = _tie_terms(x)
    pairs = n * (n - 1) / 2
    untied = pairs - tied_pairs
    tau = s / math.sqrt(untied * pairs) if untied else 0.0  # a constant series: no trend
    low, high = _sen_interval(slopes, var_s, confidence)
    return Trend(
        n, s, var_s, z, _p(z), tau, float(np.median(slopes)), low, high, confidence,
        "Mann-Kendall test, Sen's slope",
    )  # fmt: skip


def seasonal_mann_kendall(values, period: int, confidence: float = 0.95) -> Trend:
    """Seasonal Mann-Kendall test (Hirsch) of a series with ``period`` seasons a year, the
    first value in season 0. The slope is per year (per cycle of ``period`` values)."""
    x = np.asarray(values, dtype="float64")
    s = var_s = pairs = untied = 0.0
    n = 0
    slopes = []
    for season in range(period):
        xs, ts = _present(x[season::period])
        if len(xs) < 2:
            continue
        signs, season_slopes = _pairs(xs, ts)
        s += float(signs.sum())
        var_s += _variance(xs)
        size = len(xs) * (len(xs) - 1) / 2
        pairs += size
        untied += size - _tie_terms(xs)[1]
        slopes.append(season_slopes)
        n += len(xs)
    if n < 3 or not slopes:
        raise ValueError("a seasonal trend test needs at least two years of each season")
    every = np.concatenate(slopes)
    z = _z(s, var_s)
    low, high = _sen_interval(every, var_s, confidence)
    tau = s / math.sqrt(untied * pairs) if untied else 0.0
    return Trend(
        n, s, var_s, z, _p(z), tau, float(np.median(every)), low, high, confidence,
        "seasonal Mann-Kendall test (Hirsch), seasonal Sen's slope",
    )  # fmt: skip
