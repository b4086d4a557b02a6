"""Interrupted time series on the tutorial data of Lopez Bernal, Cummins and Gasparrini
(2017), "Interrupted time series regression for the evaluation of public health
interventions: a tutorial", IJE 46(1):348-355: acute coronary events in Sicily, 2002-2006,
and the smoking ban of January 2005 (data: github.com/gasparrini/2017_lopezbernal_IJE_codedata,
sicily.csv). Each estimate is checked against an independent computation: a Poisson fit by
iteratively reweighted least squares written out below, and R's definition of the
quasi-Poisson dispersion (Pearson chi2 / residual df); and against R's glm running the
authors' published code on the same data (the tests at the end)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import norm

from ctscore.stats.its import CannotEstimate, design, fit

# fmt: off
ACES = [728, 659, 791, 734, 757, 726, 760, 740, 720, 814, 795, 858, 887, 766, 851, 769, 781,
        756, 766, 752, 765, 831, 879, 928, 914, 808, 937, 840, 916, 828, 845, 818, 860, 839,
        887, 886, 831, 796, 833, 820, 877, 758, 767, 738, 781, 843, 850, 908, 1021, 859, 976,
        888, 962, 838, 810, 876, 843, 936, 912]
STDPOP = [379875.3, 376495.5, 377040.8, 377116.4, 377383.4, 374113.1, 379513.3, 376295.5,
          374653.2, 378485.6, 375955.5, 378349.7, 376762.4, 379032.3, 379360.4, 376162,
          377972.4, 381830.7, 379888.6, 380872.2, 380966.9, 381240.4, 382104.9, 381802.7,
          381656.3, 383680, 383504.2, 386462.9, 383783.1, 380836.8, 383483, 380906.2,
          382926.8, 384052.4, 384449.6, 383428.4, 388153.2, 388373.2, 386470.1, 386033.2,
          383686.4, 385509.3, 385901.9, 386516.6, 388436.5, 383255.2, 390148.7, 385874.9,
          391613.6, 391750.4, 394005.6, 391364.9, 391664.6, 389022.3, 391878.5, 388575.3,
          392989, 390018.8, 390712.3]
# fmt: on
BAN = 36  # January 2005 is the 37th month


def irls_poisson(X, y, offset):
    """Poisson regression by iteratively reweighted least squares (McCullagh and Nelder)."""
    beta = np.zeros(X.shape[1])
    beta[0] = np.log(y.mean()) - offset.mean()
    for _ in range(50):
        mu = np.exp(X @ beta + offset)
        z = X @ beta + (y - mu) / mu
        w = np.sqrt(mu)
        beta = np.linalg.lstsq(X * w[:, None], z * w, rcond=None)[0]
    mu = np.exp(X @ beta + offset)
    cov = np.linalg.inv(X.T @ (X * mu[:, None]))
    return beta, cov, mu


@pytest.fixture(scope="module")
def by_hand():
    """The tutorial's model 3 (step change, two Fourier pairs) fitted by hand."""
    X, names = design(59, BAN, slope_change=False, seasonality=2, periods_per_year=12)
    y, offset = np.array(ACES, float), np.log(STDPOP)
    beta, cov, mu = irls_poisson(X, y, offset)
    dispersion = np.sum((y - mu) ** 2 / mu) / (59 - X.shape[1])
    return beta, cov, dispersion, names


def test_quasi_poisson_matches_the_hand_fit(by_hand):
    beta, cov, dispersion, names = by_hand
    result = fit(ACES, BAN, "quasi_poisson", STDPOP, seasonality=2, slope_change=False)
    step = names.index("step")
    se = np.sqrt(cov[step, step] * dispersion)
    assert f"{result.dispersion:.4g}" == f"{dispersion:.4g}"
    expected = np.exp([beta[step], beta[step] - 1.959964 * se, beta[step] + 1.959964 * se])
    got = [result.level_change.rate_ratio, result.level_change.ci_low, result.level_change.ci_high]
    assert [f"{v:.4g}" for v in got] == [f"{v:.4g}" for v in expected]
    # The ban lowered the rate of events: about 11%, beyond chance.
    assert f"{result.level_change.rate_ratio:.3f}" == "0.885"
    assert result.level_change.beyond_chance
    assert result.level_change.p_value == pytest.approx(2 * norm.sf(abs(beta[step]) / se), rel=1e-3)
    assert result.pre_trend.rate_ratio == pytest.approx(np.exp(beta[names.index("time")]))


def test_poisson_has_dispersion_one_and_narrower_intervals():
    poisson = fit(ACES, BAN, "poisson", STDPOP, slope_change=False)
    quasi = fit(ACES, BAN, "quasi_poisson", STDPOP, slope_change=False)
    assert poisson.dispersion == 1.0 and quasi.dispersion > 3
    assert poisson.level_change.rate_ratio == pytest.approx(quasi.level_change.rate_ratio)
    width = lambda e: np.log(e.ci_high) - np.log(e.ci_low)  # noqa: E731
    assert width(quasi.level_change) == pytest.approx(
        width(poisson.level_change) * np.sqrt(quasi.dispersion)
    )


def test_negative_binomial_estimates_its_dispersion():
    result = fit(ACES, BAN, "negative_binomial", STDPOP, seasonality=2)
    assert 0 < result.dispersion < 0.01
    assert 0.8 < result.level_change.rate_ratio < 0.95
    assert result.slope_change is not None


def test_slope_change_counterfactual_and_autocorrelation():
    result = fit(ACES, BAN, "quasi_poisson", STDPOP, seasonality=2, slope_change=True)
    assert result.n_before == 36 and result.n_after == 23
    # Before the event the counterfactual is the fitted model itself.
    assert result.counterfactual[:BAN] == pytest.approx(result.fitted[:BAN])
    assert (result.counterfactual_low < result.counterfactual).all()
    assert (result.counterfactual < result.counterfactual_high).all()
    assert 0 < result.autocorrelation.durbin_watson < 4
    assert 0 <= result.autocorrelation.ljung_box_p <= 1


def test_newey_west_changes_only_the_errors():
    plain = fit(ACES, BAN, "quasi_poisson", STDPOP, slope_change=False)
    hac = fit(ACES, BAN, "quasi_poisson", STDPOP, slope_change=False, newey_west_lags=3)
    assert hac.level_change.rate_ratio == pytest.approx(plain.level_change.rate_ratio)
    assert hac.level_change.ci_low != pytest.approx(plain.level_change.ci_low)
    assert hac.covariance == "Newey-West (lags 3)"


@pytest.mark.parametrize(
    ("event", "message"),
    [(5, "5 periods before the event and 54 after"), (0, "outside"), (59, "outside")],
)
def test_what_cannot_be_estimated_is_refused(event, message):
    with pytest.raises(CannotEstimate, match=message):
        fit(ACES, event)


def test_a_constant_series_is_refused():
    with pytest.raises(CannotEstimate, match="constant"):
        fit([2.0] * 20, 10)


def test_two_events_recover_the_steps_they_were_simulated_with():
    # 60 periods of 2000 expected events, x1.5 from period 20 and x0.6 from period 40 (the
    # estimates' standard errors are about 1%: within 10% of the truth for any seed).
    t = np.arange(60)
    mean = 2000 * np.where(t >= 20, 1.5, 1.0) * np.where(t >= 40, 0.6, 1.0)
    counts = np.random.default_rng(12).poisson(mean)
    result = fit(counts, [20, 40], "poisson", slope_change=False)
    (first, no_slope), (second, _) = result.changes
    assert no_slope is None and result.level_change == first
    assert first.rate_ratio == pytest.approx(1.5, rel=0.1)
    assert second.rate_ratio == pytest.approx(0.6, rel=0.1)
    assert result.n_before == 20 and result.n_after == 40
    # The counterfactual continues the course before the first event.
    assert result.counterfactual[50] == pytest.approx(2000, rel=0.1)


def test_events_too_close_together_are_refused():
    with pytest.raises(CannotEstimate, match="cut the window into 20, 5, 34 periods"):
        fit(np.arange(59) + 5.0, [20, 25])


# R 4.2.2 running the authors' published code (Rcode.R of the repository above, models 1-4;
# tsModel's harmonic(month, 2, 12) written out as cos/sin of 2*pi*k*month/12, and Epi's ci.exp,
# which gives Wald intervals exp(b -/+ qnorm(0.975) * se)), on the same 59 months:
#   (rate ratio, 2.5%, 97.5%) of the step, and the dispersion (summary(model)$dispersion).
R_TUTORIAL_MODELS = {
    # model1: glm(aces ~ offset(log(stdpop)) + smokban + time, family=poisson)
    ("poisson", 0, False): ((0.8943765080, 0.8646864168, 0.9250860457), 1.0),
    # model2: the same, family=quasipoisson
    ("quasi_poisson", 0, False): ((0.8943765080, 0.8391890039, 0.9531933026), 3.559194632),
    # model3: + harmonic(month, 2, 12), family=quasipoisson
    ("quasi_poisson", 2, False): ((0.8850715472, 0.8394009557, 0.9332270096), 2.262186415),
}


@pytest.mark.parametrize(("model", "seasonality", "slope_change"), list(R_TUTORIAL_MODELS))
def test_the_tutorial_models_match_r_glm(model, seasonality, slope_change):
    (rate_ratio, low, high), dispersion = R_TUTORIAL_MODELS[model, seasonality, slope_change]
    result = fit(ACES, BAN, model, STDPOP, seasonality=seasonality, slope_change=slope_change)
    step = result.level_change
    got = [step.rate_ratio, step.ci_low, step.ci_high, result.dispersion]
    assert [f"{v:.4g}" for v in got] == [f"{v:.4g}" for v in (rate_ratio, low, high, dispersion)]


def test_the_slope_change_model_matches_r_glm():
    """model4: + I(time-36):smokban. R measures the step at month 36, the last month before
    the ban; ctscore measures it at the ban's first month, one month of the new trend later, so
    ctscore's level change is R's step times R's change of trend."""
    result = fit(ACES, BAN, "quasi_poisson", STDPOP, seasonality=2, slope_change=True)
    r_step, r_slope = 0.8764644178, (1.001483327, 0.9978495324, 1.005130355)
    slope = result.slope_change
    assert [f"{v:.4g}" for v in (slope.rate_ratio, slope.ci_low, slope.ci_high)] == [
        f"{v:.4g}" for v in r_slope
    ]
    assert f"{result.level_change.rate_ratio:.4g}" == f"{r_step * r_slope[0]:.4g}"
    assert f"{result.dispersion:.4g}" == f"{2.274562545:.4g}"
    # The pre-event trend: R's exp(coef(model4)["time"]) with its Wald interval.
    trend = result.pre_trend
    assert [f"{v:.4g}" for v in (trend.rate_ratio, trend.ci_low, trend.ci_high)] == [
        f"{v:.4g}" for v in (1.005115643, 1.003394306, 1.006839932)
    ]


def test_p_values_are_wald_z_like_stata_glm_scale_x2():
    """R's summary.glm gives quasi families t p-values with the residual df (model3's step:
    3.642e-05 with 52 df); ctscore, like Stata's `glm, scale(x2)` and Epi's ci.exp, uses the
    normal distribution, consistent with its Wald intervals. For the Poisson model both agree
    with R (9.130e-11)."""
    poisson = fit(ACES, BAN, "poisson", STDPOP, slope_change=False)
    assert f"{poisson.level_change.p_value:.4g}" == "9.13e-11"
    quasi = fit(ACES, BAN, "quasi_poisson", STDPOP, seasonality=2, slope_change=False)
    log_ci = np.log([quasi.level_change.ci_low, quasi.level_change.ci_high])
    z = np.log(quasi.level_change.rate_ratio) / ((log_ci[1] - log_ci[0]) / (2 * norm.ppf(0.975)))
    assert quasi.level_change.p_value == pytest.approx(2 * norm.sf(abs(z)), rel=1e-6)
    assert quasi.level_change.p_value < 3.642e-05


def test_negative_binomial_matches_r_glm_nb():
    """R 4.2.2, MASS 7.3-58 `glm.nb(aces ~ offset(log(stdpop)) + after + time + since +
    harmonics)`, with ctscore's parameterisation (since = months after the ban's first month):
    theta 861.1979 (alpha = 1/theta = 0.001161173). glm.nb takes the coefficients' errors with
    theta held fixed; statsmodels' NB2 takes them from the joint information of the coefficients
    and alpha, so the intervals agree to 3 digits, the estimates to 4+."""
    result = fit(ACES, BAN, "negative_binomial", STDPOP, seasonality=2, slope_change=True)
    assert f"{result.dispersion:.4g}" == f"{0.00116117333:.4g}"
    for estimate, (rate_ratio, low, high) in [
        (result.level_change, (0.8770382620, 0.8317191294, 0.9248267665)),
        (result.slope_change, (1.001465693, 0.9980711001, 1.004871832)),
        (result.pre_trend, (1.005137370, 1.003545671, 1.006731594)),
    ]:
        assert f"{estimate.rate_ratio:.4g}" == f"{rate_ratio:.4g}"
        assert estimate.ci_low == pytest.approx(low, rel=1e-3)
        assert estimate.ci_high == pytest.approx(high, rel=1e-3)
