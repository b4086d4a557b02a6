"""Interrupted time series: segmented Poisson-family regression around an event.

The model (Wagner et al. 2002; Lopez Bernal, Cummins and Gasparrini 2017):

    log E[y_t] = b0 + b1 t + b2 step_t (+ b3 (t - t0) step_t) + Fourier terms + log(exposure_t)

where ``step_t`` is 1 from the event's period ``t0`` on. ``exp(b2)`` is the level change (a
rate ratio), ``exp(b3)`` the change of the trend per period, ``exp(b1)`` the pre-event trend.
Fitted with statsmodels: ``poisson`` and ``quasi_poisson`` with GLM (quasi-Poisson scales the
covariance by the Pearson chi2 over the residual degrees of freedom, as R's ``glm`` does);
``negative_binomial`` with the discrete NB2 model, which estimates its dispersion alpha by
maximum likelihood. Newey-West (HAC) standard errors are optional. Residual autocorrelation
is reported with the Ljung-Box test and the Durbin-Watson statistic of Pearson residuals.

The counterfactual is the fitted model with the step (and slope change) set to 0: the
pre-event course continued, with a confidence band from the covariance of the estimates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MODELS = ("poisson", "quasi_poisson", "negative_binomial")
MIN_PERIODS = 8  # on each side of the event: fewer cannot separate a step from the trend
LJUNG_BOX_MATERIAL = 0.05  # a Ljung-Box p-value below this is reported as material


class CannotEstimate(ValueError):
    """The question cannot be answered from these numbers (the message says why)."""


@dataclass(frozen=True)
class Estimate:
    rate_ratio: float
    ci_low: float
    ci_high: float
    p_value: float

    @property
    def beyond_chance(self) -> bool:
        return not (self.ci_low <= 1 <= self.ci_high)


@dataclass(frozen=True)
class Autocorrelation:
    ljung_box_p: float
    lags: int
    durbin_watson: float

    @property
    def material(self) -> bool:
        return self.ljung_box_p < LJUNG_BOX_MATERIAL


@dataclass(frozen=True)
class ItsFit:
    model: str
    n_before: int
    n_after: int
    dispersion: float  # quasi-Poisson scale, NB alpha, or 1 for Poisson
    level_change: Estimate
    slope_change: Estimate | None
    pre_trend: Estimate  # rate ratio per period before the event
    autocorrelation: Autocorrelation
    covariance: str  # "model-based" or "Newey-West (lags L)"
    fitted: np.ndarray  # expected counts under the model
    counterfactual: np.ndarray  # expected counts had the event not happened
    counterfactual_low: np.ndarray
    counterfactual_high: np.ndarray
    # With several events: (level change, slope change) at each, in time order; the first
    # is ``level_change`` and ``slope_change``. The counterfactual continues the course
    # before the first event.
    changes: tuple[tuple[Estimate, Estimate | None], ...] = ()


def _events(event: int | Sequence[int]) -> list[int]:
    return sorted({int(event)} if isinstance(event, int | np.integer) else {int(e) for e in event})


def _suffix(k: int) -> str:
    """'' for the first event's columns, '_2', '_3'... for the next ones."""
    return "" if k == 0 else f"_{k + 1}"


def design(
    n: int,
    event: int | Sequence[int],
    slope_change: bool,
    seasonality: int,
    periods_per_year: int,
    first_season: int = 0,
) -> tuple[np.ndarray, list[str]]:
    """The regression's columns: const, time, then per event a step (and time_after), then
    sin/cos pairs."""
    t = np.arange(n, dtype="float64")
    columns, names = [np.ones(n), t], ["const", "time"]
    for k, start in enumerate(_events(event)):
        step = (t >= start).astype("float64")
        columns.append(step)
        names.append("step" + _suffix(k))
        if slope_change:
            columns.append((t - start) * step)
            names.append("time_after" + _suffix(k))
    season = (t + first_season) % periods_per_year
    for k in range(1, seasonality + 1):
        angle = 2 * np.pi * k * season / periods_per_year
        columns += [np.sin(angle), np.cos(angle)]
        names += [f"sin{k}", f"cos{k}"]
    return np.column_stack(columns), names


def check_estimable(
    n: int, event: int | Sequence[int], seasonality: int, periods_per_year: int
) -> None:
    events = _events(event)
    if not all(0 < e < n for e in events):
        raise CannotEstimate("the event lies outside the analysis window")
    if len(events) == 1:
        before, after = events[0], n - events[0]
        if min(before, after) < MIN_PERIODS:
            raise CannotEstimate(
                f"{_periods(before)} before the event and {after} after; at least "
                f"{MIN_PERIODS} are needed on each side"
            )
    segments = np.diff([0, *events, n])
    if len(events) > 1 and segments.min() < MIN_PERIODS:
        raise CannotEstimate(
            f"the events cut the window into {', '.join(map(str, segments))} periods; at "
            f"least {MIN_PERIODS} are needed before, between and after them"
        )
    if seasonality * 2 >= periods_per_year and seasonality:
        raise CannotEstimate(
            f"seasonality {seasonality} needs more than {2 * seasonality} periods a year"
        )


def _periods(n: int) -> str:
    return f"{n} period" + ("" if n == 1 else "s")


def fit(
    counts,
    event: int | Sequence[int],
    model: str = "quasi_poisson",
    exposure=None,
    seasonality: int = 0,
    periods_per_year: int = 12,
    slope_change: bool = True,
    newey_west_lags: int | None = None,
    first_season: int = 0,
    confidence: float = 0.95,
) -> ItsFit:
    """Fit the segmented regression; ``event`` is the index of the first period after it
    (or a list of them, one per event)."""
    # imported here, not with the module: about a second that commands which fit nothing
    # (`build --check`, `validate`, `test`) need not pay
    import statsmodels.api as sm
    from scipy.stats import norm
    from statsmodels.discrete.discrete_model import NegativeBinomial
    from statsmodels.stats.diagnostic import acorr_ljungbox
    from statsmodels.stats.stattools import durbin_watson

    y = np.asarray(counts, dtype="float64")
    n = len(y)
    check_estimable(n, event, seasonality, periods_per_year)
    if np.isnan(y).any():
        raise CannotEstimate("a period in the window has no value")
    if model not in MODELS:
        raise CannotEstimate(f"unknown model '{model}'; use one of {', '.join(MODELS)}")
    offset = None if exposure is None else np.log(np.asarray(exposure, dtype="float64"))
    if offset is not None and not np.isfinite(offset).all():
        raise CannotEstimate("the exposure is missing or 0 in a period of the window")
    if np.all(y == y[0]):
        raise CannotEstimate(f"the series is constant ({y[0]:g} every period): nothing to model")
    X, names = design(n, event, slope_change, seasonality, periods_per_year, first_season)
    hac = (
        {}
        if newey_west_lags is None
        else {"cov_type": "HAC", "cov_kwds": {"maxlags": newey_west_lags}}
    )
    if model == "negative_binomial":
        # Start from the Poisson fit and the moment estimate of alpha: from statsmodels'
        # default start, a large offset (a population) keeps Newton from converging.
        poisson = sm.GLM(y, X, family=sm.families.Poisson(), offset=offset).fit()
        mu = poisson.fittedvalues
        alpha = max(1e-4, float(np.sum((y - mu) ** 2 - mu) / np.sum(mu**2)))
        nb = NegativeBinomial(y, X, offset=offset)
        start = [*poisson.params, alpha]
        result = nb.fit(start_params=start, method="newton", disp=0, maxiter=200, **hac)
        if not result.mle_retvals["converged"]:
            raise CannotEstimate("the negative binomial model did not converge; try quasi_poisson")
        beta, cov = result.params[:-1], result.cov_params()[:-1, :-1]
        dispersion = float(result.params[-1])
        mean = np.exp(X @ beta + (0 if offset is None else offset))
    else:
        glm = sm.GLM(y, X, family=sm.families.Poisson(), offset=offset)
        result = glm.fit(scale="X2" if model == "quasi_poisson" else 1.0, **hac)
        beta, cov = result.params, result.cov_params()
        dispersion = float(result.scale)
        mean = result.fittedvalues
    z = norm.ppf(1 - (1 - confidence) / 2)
    se = np.sqrt(np.diag(cov))

    def estimate(name: str) -> Estimate:
        i = names.index(name)
        p = 2 * norm.sf(abs(beta[i] / se[i]))
        ratio, low, high = np.exp([beta[i], beta[i] - z * se[i], beta[i] + z * se[i]])
        return Estimate(float(ratio), float(low), float(high), float(p))

    without = X.copy()
    without[:, [i for i, c in enumerate(names) if c.startswith(("step", "time_after"))]] = 0
    eta = without @ beta + (0 if offset is None else offset)
    eta_se = np.sqrt(np.einsum("ij,jk,ik->i", without, cov, without))
    pearson = (y - mean) / np.sqrt(
        mean * (1 + (dispersion * mean if model == "negative_binomial" else 0))
    )
    lags = min(periods_per_year, max(1, n // 5))
    ljung = acorr_ljungbox(pearson, lags=[lags], return_df=True)
    events = _events(event)
    changes = tuple(
        (
            estimate("step" + _suffix(k)),
            estimate("time_after" + _suffix(k)) if slope_change else None,
        )
        for k in range(len(events))
    )
    return ItsFit(
        model=model,
        n_before=events[0],
        n_after=n - events[0],
        dispersion=dispersion if model != "poisson" else 1.0,
        level_change=changes[0][0],
        slope_change=changes[0][1],
        pre_trend=estimate("time"),
        autocorrelation=Autocorrelation(
            float(ljung["lb_pvalue"].iloc[0]), lags, float(durbin_watson(pearson))
        ),
        covariance="model-based"
        if newey_west_lags is None
        else f"Newey-West (lags {newey_west_lags})",
        fitted=np.asarray(mean, dtype="float64"),
        counterfactual=np.exp(eta),
        counterfactual_low=np.exp(eta - z * eta_se),
        counterfactual_high=np.exp(eta + z * eta_se),
        changes=changes,
    )
