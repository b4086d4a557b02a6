"""Sensitivity of a composite score to its weights (and its normalisation, where there is a
choice), by seeded Monte Carlo, as COINr's ``get_sensitivity`` does it (Becker et al. 2022):
each draw multiplies every weight by a factor drawn uniformly in [1 - spread, 1 + spread] and
picks one of the alternative normalisations at random; the score is recomputed for every
period. Reported per period: the interval of the score over the draws, and how often the
period's rank among all periods differs from its rank with the declared weights; where the
scorecard sets a target, how often the period's status against it differs from its status
with the declared weights (``status_changed``)."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

SEED = 20221101
DRAWS = 200  # enough for a 95% interval to 2 digits; the build stays fast
SPREAD = 0.5  # weights vary by up to +-50%

# score(weights, alternative index) -> one value per period (NaN where there is none)
Score = Callable[[np.ndarray, int], np.ndarray]


@dataclass(frozen=True)
class Sensitivity:
    draws: int
    spread: float
    alternatives: int  # normalisations drawn from (1: the declared one only)
    scores: np.ndarray  # (draws, periods)
    nominal: np.ndarray  # (periods,)
    low: np.ndarray  # per period, the interval of the score over the draws
    high: np.ndarray
    rank_changed: np.ndarray  # per period, the share of draws where its rank changes


def weight_sensitivity(
    score: Score,
    weights: Sequence[float],
    alternatives: int = 1,
    confidence: float = 0.95,
    draws: int = DRAWS,
    spread: float = SPREAD,
    seed: int = SEED,
) -> Sensitivity:
    rng = np.random.default_rng(seed)
    declared = np.asarray(weights, dtype="float64")
    factors = rng.uniform(1 - spread, 1 + spread, size=(draws, len(declared)))
    chosen = rng.integers(0, alternatives, size=draws)
    scores = np.array([score(declared * f, int(a)) for f, a in zip(factors, chosen, strict=True)])
    nominal = score(declared, 0)
    alpha = 1 - confidence
    with warnings.catch_warnings():  # periods without a score (NaN in every draw) stay NaN
        warnings.simplefilter("ignore", RuntimeWarning)
        low = np.nanquantile(scores, alpha / 2, axis=0) if scores.size else nominal
        high = np.nanquantile(scores, 1 - alpha / 2, axis=0) if scores.size else nominal
    return Sensitivity(
        draws, spread, alternatives, scores, nominal, low, high,
        (_ranks(scores) != _ranks(nominal[None, :])).mean(axis=0),
    )  # fmt: skip


def _ranks(scores: np.ndarray) -> np.ndarray:
    """Rank of each period within each row (0 = highest score); periods without a score
    rank last."""
    filled = np.where(np.isnan(scores), -np.inf, scores)
    order = np.argsort(-filled, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(scores.shape[1])[None, :], axis=1)
    return ranks


# Status codes of ``verdicts``, in the order of ``ctscore.evaluate.status.JUDGED``.
VERDICTS = ("green", "amber", "red")


def verdicts(
    values: np.ndarray, goals: np.ndarray, amber_margin: float, lower_is_better: bool
) -> np.ndarray:
    """Index into ``VERDICTS`` of each value against its goal, by the rule of
    ``ctscore.evaluate.status.status``: green when the goal is met, amber when missed by at
    most ``amber_margin`` percent of the goal, red otherwise."""
    values, goals = np.asarray(values, dtype="float64"), np.asarray(goals, dtype="float64")
    margin = np.abs(goals) * amber_margin / 100
    if lower_is_better:
        met, close = values <= goals, values <= goals + margin
    else:
        met, close = values >= goals, values >= goals - margin
    return np.where(met, 0, np.where(close, 1, 2))


def status_changed(
    values: np.ndarray,
    goals: np.ndarray,
    nominal_value: float,
    nominal_goal: float,
    amber_margin: float,
    lower_is_better: bool,
) -> tuple[str, float]:
    """The status with the declared weights, and the share of draws (one value and one goal
    per draw) whose status differs from it."""
    nominal = int(verdicts(np.array([nominal_value]), np.array([nominal_goal]),
                           amber_margin, lower_is_better)[0])  # fmt: skip
    drawn = verdicts(values, goals, amber_margin, lower_is_better)
    return VERDICTS[nominal], float(np.mean(drawn != nominal)) if drawn.size else 0.0
