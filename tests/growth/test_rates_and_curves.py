"""Tests of helpers.growth: input checks, growth rates, curve fits, diagnostics (generated data only)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers import growth
from helpers.errors import DataError, ParameterError

YEARS = np.arange(2000, 2020)


def _noisy(f: np.ndarray, cv: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return f * np.exp(rng.normal(0.0, cv, f.size))


# ---------------------------------------------------------------- input checks
@pytest.mark.parametrize(
    ("years", "values", "exc", "text"),
    [
        (
            [2001, 2000, 2002, 2003],
            [1, 2, 3, 4],
            DataError,
            "column 'year': exponential fit: years must be strictly increasing, but 2000 comes after 2001",
        ),
        (
            [2000, 2001, 2001, 2003],
            [1, 2, 3, 4],
            DataError,
            "column 'year': exponential fit: year 2001 appears more than once",
        ),
        (
            [2000, 2001, 2002, 2003],
            [1, 0, 3, 4],
            DataError,
            "column 'value': exponential fit: value for 2001 must be positive, got 0.0",
        ),
        ([2000, 2001, 2002, 2003], [1, -2, 3, 4], DataError, "value for 2001 must be positive, got -2.0"),
        ([2000, 2001, 2002, 2003], [1, np.nan, 3, 4], DataError, "value for 2001 is missing or not finite"),
        ([2000, 2001], [1, 2], ParameterError, "exponential fit needs at least 3 years of data, got 2"),
        ([2000, 2001, 2002], [1, 2], DataError, "got 3 years but 2 values"),
        ([2000, 2000.5, 2002], [1, 2, 3], DataError, "years must be whole numbers, got 2000.5"),
    ],
)
def test_bad_input_is_named(years, values, exc, text):
    with pytest.raises(exc) as info:
        growth.fit_exponential(years, values)
    assert text in str(info.value)


def test_too_few_points_per_model():
    with pytest.raises(ParameterError, match="logistic fit needs at least 4 years of data, got 3"):
        growth.fit_logistic([2000, 2001, 2002], [1.0, 2.0, 3.0])
    with pytest.raises(ParameterError, match="degree-3 polynomial fit needs at least 5 years"):
        growth.fit_polynomial([2000, 2001, 2002, 2003], [1.0, 2.0, 3.0, 5.0], 3)
    with pytest.raises(ParameterError, match="polynomial degree must be <= 5, got 7"):
        growth.fit_polynomial(YEARS, YEARS - 1999.0, 7)


def test_bad_options():
    with pytest.raises(ParameterError, match="scale must be 'level' or 'log', got 'ln'"):
        growth.fit_logistic(YEARS, YEARS - 1999.0, scale="ln")
    with pytest.raises(ParameterError, match="unknown model 'cubic'"):
        growth.fit_model("cubic", YEARS, YEARS - 1999.0)
    r = growth.fit_polynomial(YEARS, YEARS - 1999.0, 1)
    with pytest.raises(ParameterError, match="interval must be a probability strictly between 0 and 1, got 90"):
        r.predict([2020], interval=90)
    with pytest.raises(ParameterError, match="interval method must be 'delta' or 'bootstrap'"):
        r.predict([2020], method="profile")


# ---------------------------------------------------------------- growth rates
def test_yoy_growth_respects_breaks_and_gaps():
    s = pd.Series([100.0, 150.0, 600.0, 660.0, np.nan, 800.0], index=[2018, 2019, 2020, 2021, 2022, 2023])
    w = pd.Series([1, 1, 11, 11, 11, 11], index=s.index)
    t = growth.yoy_growth(s, w)
    assert t.loc[2019, "growth"] == pytest.approx(0.5)
    assert np.isnan(t.loc[2020, "growth"]) and "window changed (1 to 11 days)" in t.loc[2020, "note"]
    assert t.loc[2021, "growth"] == pytest.approx(0.1)
    assert t.loc[2022, "note"] == "no figure for 2022"
    assert t.loc[2023, "note"] == "no figure for 2022"
    assert t.loc[2018, "note"] == "first year"
    # without window information the break is not detected
    assert growth.yoy_growth(s).loc[2020, "growth"] == pytest.approx(3.0)
    assert growth.window_breaks(w) == [2020]


def test_cagr_closed_form_and_errors():
    s = pd.Series([100.0, 120.0, 144.0, 172.8], index=[2010, 2011, 2012, 2013])
    assert growth.cagr(s, 2010, 2013) == pytest.approx(0.2)
    t = growth.cagr_table(s, [(2010, 2012), (2011, 2013)])
    assert t["cagr"].tolist() == pytest.approx([0.2, 0.2])
    assert t["multiple"].tolist() == pytest.approx([1.44, 1.44])
    with pytest.raises(ParameterError, match="CAGR 2010-2015: no figure for 2015"):
        growth.cagr(s, 2010, 2015)
    w = pd.Series([1, 1, 11, 11], index=s.index)
    with pytest.raises(ParameterError, match=r"CAGR 2010-2013 spans a change of measurement window \(\[1, 11\] days\)"):
        growth.cagr(s, 2010, 2013, w)
    with pytest.raises(ParameterError, match="end > start"):
        growth.cagr(s, 2013, 2010)


# ---------------------------------------------------------------- parameter recovery
def test_exponential_recovers_parameters():
    f = 50.0 * np.exp(0.25 * (YEARS - 2019))
    y = f + np.random.default_rng(1).normal(0.0, 0.3, f.size)  # additive errors: the level-scale model
    r = growth.fit_exponential(YEARS, np.abs(y))
    assert r.params["g"] == pytest.approx(0.25, abs=3 * r.stderr["g"])
    assert abs(r.params["A"] - 50.0) < 3 * r.stderr["A"]
    assert r.params["A"] == pytest.approx(50.0, rel=0.02)


def test_exponential_log_scale_equals_ols_on_logs():
    y = _noisy(3.0 * np.exp(0.4 * (YEARS - 2019)), 0.1, 2)
    r = growth.fit_exponential(YEARS, y, scale="log")
    ols = stats.linregress(YEARS - 2019, np.log(y))
    assert r.params["g"] == pytest.approx(ols.slope, rel=1e-6)
    assert r.params["A"] == pytest.approx(np.exp(ols.intercept), rel=1e-6)
    assert r.stderr["g"] == pytest.approx(ols.stderr, rel=1e-4)
    # the log-scale likelihood is a density of y: Jacobian term -sum(log y)
    rss = np.sum(r.residuals**2)
    n = y.size
    assert r.loglik == pytest.approx(-n / 2 * (np.log(2 * np.pi * rss / n) + 1) - np.log(y).sum())


@pytest.mark.parametrize("scale", ["level", "log"])
def test_logistic_recovers_parameters(scale):
    f = 1000.0 / (1 + np.exp(-0.5 * (YEARS - 2011)))
    r = growth.fit_logistic(YEARS, _noisy(f, 0.02, 3), scale=scale)
    for k, true in (("K", 1000.0), ("r", 0.5), ("t0", 2011.0)):
        assert abs(r.params[k] - true) < 4 * r.stderr[k], (k, r.params[k], r.stderr[k])
    assert r.params["K"] == pytest.approx(1000.0, rel=0.05)
    assert not r.meta["at_bound"]


@pytest.mark.parametrize("scale", ["level", "log"])
def test_gompertz_recovers_parameters(scale):
    f = 800.0 * np.exp(-np.exp(-0.3 * (YEARS - 2008)))
    r = growth.fit_gompertz(YEARS, _noisy(f, 0.02, 4), scale=scale)
    for k, true in (("K", 800.0), ("c", 0.3), ("tm", 2008.0)):
        assert abs(r.params[k] - true) < 4 * r.stderr[k], (k, r.params[k], r.stderr[k])
    assert r.params["c"] == pytest.approx(0.3, rel=0.1)


def test_logistic_on_pure_exponential_hits_the_bound():
    y = 2.0 * 1.5 ** (YEARS - 2000.0)
    r = growth.fit_logistic(YEARS, y)
    assert r.meta["at_bound"]
    assert r.params["K"] == pytest.approx(growth.K_BOUNDS[1] * y.max(), rel=1e-3)


def test_polynomial_matches_ols_closed_form():
    rng = np.random.default_rng(5)
    x = YEARS - 2009.5
    y = 500 + 80 * x + 6 * x**2 + 0.3 * x**3 + rng.normal(0, 20, x.size)
    r = growth.fit_polynomial(YEARS, y, 3)
    X = np.vander(x, 4, increasing=True)
    beta = np.linalg.solve(X.T @ X, X.T @ y)
    resid = y - X @ beta
    s2 = resid @ resid / (x.size - 4)
    se = np.sqrt(np.diag(s2 * np.linalg.inv(X.T @ X)))
    assert [r.params[f"b{j}"] for j in range(4)] == pytest.approx(beta, rel=1e-7)
    assert [r.stderr[f"b{j}"] for j in range(4)] == pytest.approx(se, rel=1e-4)
    assert r.meta["center"] == 2009.5
    for j, true in enumerate((500, 80, 6, 0.3)):
        assert abs(r.params[f"b{j}"] - true) < 4 * r.stderr[f"b{j}"]
    # exact OLS prediction interval: yhat ± t * s * sqrt(1 + x0'(X'X)^-1 x0)
    x0 = np.vander(np.array([2021 - 2009.5]), 4, increasing=True)[0]
    half = stats.t.ppf(0.95, x.size - 4) * np.sqrt(s2 * (1 + x0 @ np.linalg.inv(X.T @ X) @ x0))
    p = r.predict([2021], interval=0.9)
    assert p.loc[2021, "forecast"] == pytest.approx(x0 @ beta)
    assert p.loc[2021, "upper"] - p.loc[2021, "forecast"] == pytest.approx(half, rel=1e-4)
    assert p.loc[2021, "forecast"] - p.loc[2021, "lower"] == pytest.approx(half, rel=1e-4)


def test_polynomial_curve_does_not_depend_on_centre():
    y = _noisy(5 + 3.0 * (YEARS - 2000) ** 2, 0.05, 6)
    a = growth.fit_polynomial(YEARS, y, 3, center=2000)
    b = growth.fit_polynomial(YEARS, y, 3)
    assert a.mean([2020, 2021]) == pytest.approx(b.mean([2020, 2021]), rel=1e-8)
    assert a.r2 == pytest.approx(b.r2)
    assert a.params["b3"] == pytest.approx(b.params["b3"], rel=1e-6)  # top coefficient is centre-free


def test_information_criteria_prefer_true_model():
    rng = np.random.default_rng(7)
    x = YEARS - 2010.0
    y = 300 + 20 * x + 4 * x**2 + rng.normal(0, 10, x.size)
    fits = {d: growth.fit_polynomial(YEARS, y, d) for d in (1, 2, 3)}
    ic = growth.information_criteria({f"poly{d}": f for d, f in fits.items()})
    assert ic.index[0] == "poly2"
    assert ic.loc["poly2", "delta_aicc"] == 0.0
    assert ic.loc["poly1", "k"] == 3
    rss = np.sum(fits[2].residuals ** 2)
    assert ic.loc["poly2", "aic"] == pytest.approx(x.size * (np.log(2 * np.pi * rss / x.size) + 1) + 2 * 4)
    with pytest.raises(ParameterError, match="on different data"):
        growth.information_criteria({"a": fits[1], "b": growth.fit_polynomial(YEARS[1:], y[1:], 1)})


def test_bootstrap_intervals_are_deterministic_and_cover_delta():
    y = _noisy(1000.0 / (1 + np.exp(-0.5 * (YEARS - 2011))), 0.03, 8)
    r = growth.fit_logistic(YEARS, y)
    a = r.predict([2020, 2022], 0.9, method="bootstrap", n_boot=200, seed=1)
    b = r.predict([2020, 2022], 0.9, method="bootstrap", n_boot=200, seed=1)
    pd.testing.assert_frame_equal(a, b)
    d = r.predict([2020, 2022], 0.9)
    assert (a["lower"] < a["forecast"]).all() and (a["forecast"] < a["upper"]).all()
    # both methods agree on the interval width within a factor of 2
    ratio = (a["upper"] - a["lower"]) / (d["upper"] - d["lower"])
    assert ((ratio > 0.5) & (ratio < 2)).all()
    fan = r.fan([2020], levels=(0.5, 0.9))
    assert fan.loc[2020, "lower_90"] < fan.loc[2020, "lower_50"] < fan.loc[2020, "upper_50"] < fan.loc[2020, "upper_90"]


def test_delta_interval_coverage_by_simulation():
    # 90% intervals from a correctly specified (log-scale) model cover about 90% of new draws
    rng = np.random.default_rng(9)
    f = 100.0 * np.exp(0.2 * (YEARS - 2019))
    hits = 0
    for _ in range(200):
        y = f * np.exp(rng.normal(0, 0.05, f.size))
        p = growth.fit_exponential(YEARS, y, scale="log").predict([2020], 0.9)
        y_new = 100.0 * np.exp(0.2) * np.exp(rng.normal(0, 0.05))
        hits += p.loc[2020, "lower"] <= y_new <= p.loc[2020, "upper"]
    assert 0.84 <= hits / 200 <= 0.96


# ---------------------------------------------------------------- 2019 claim diagnostics
def test_raw_year_cubic_loses_its_cubic_term():
    assert growth.dropped_polynomial_terms(range(2009, 2019), 3) == [3]
    assert growth.dropped_polynomial_terms(range(2009, 2019), 3, center=2009) == []
    assert growth.dropped_polynomial_terms(range(2009, 2019), 2) == []
    raw = growth.design_condition_number(range(2009, 2019), 3)
    centred = growth.design_condition_number(range(2009, 2019), 3, center=2013.5)
    assert raw > 1e15 and centred < 100


def test_r2_simulation():
    a = growth.simulate_polynomial_r2(n_sims=300, seed=11)
    b = growth.simulate_polynomial_r2(n_sims=300, seed=11)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 300 and a["r2"].between(0, 1).all()
    assert a["r2"].median() > 0.99
    # smoother shocks (larger Gamma shape) give higher R²; one integration gives lower R²
    smooth = growth.simulate_polynomial_r2(n_sims=300, shape=10.0, seed=11)
    assert smooth["r2"].median() > a["r2"].median()
    once = growth.simulate_polynomial_r2(n_sims=300, integrations=1, seed=11)
    assert once["r2"].median() < a["r2"].median()
    with pytest.raises(ParameterError, match="shape must be > 0, got 0"):
        growth.simulate_polynomial_r2(shape=0)
    with pytest.raises(ParameterError, match="n_points must be >= 5, got 4"):
        growth.simulate_polynomial_r2(n_points=4, degree=3)


def test_comparable_periods_never_span_a_break():
    s = pd.Series([1.0, 2, 4, 8, 16, 32, 64, 100, 110, np.nan], index=range(2013, 2023))
    w = pd.Series([1] * 7 + [11] * 3, index=s.index)
    periods = growth.comparable_periods(s, w)
    assert periods == [(2013, 2019), (2013, 2016), (2016, 2019), (2020, 2021)]
    for start, end in periods:  # every default period is a valid CAGR period
        growth.cagr(s, start, end, w)
    assert growth.comparable_periods(s.iloc[:3]) == [(2013, 2015)]


def test_r2_sensitivity_matches_direct_simulation():
    t = growth.r2_sensitivity([0.5, 4.0], observed_r2=0.999, observed_error=0.02, integrations=(2,), n_sims=300, seed=3)
    direct = growth.simulate_polynomial_r2(10, 3, n_sims=300, shape=4.0, integrations=2, seed=3)
    row = t[t["shape"] == 4.0].iloc[0]
    assert row["median_r2"] == pytest.approx(direct["r2"].median())
    assert row["share_error_within_observed"] == pytest.approx((direct["next_error"].abs() <= 0.02).mean())
    assert t["median_r2"].is_monotonic_increasing  # smoother shocks, closer fits


def test_unknown_windows_are_never_compared():
    # the loader gives window_days as nullable Int64 with <NA> where a source does not say
    s = pd.Series([100.0, 120.0, 130.0, 150.0], index=[2019, 2020, 2021, 2022])
    w = pd.Series([11, 11, None, None], index=s.index, dtype="Int64")
    t = growth.yoy_growth(s, w)
    assert t.loc[2020, "growth"] == pytest.approx(0.2)
    assert np.isnan(t.loc[2021, "growth"]) and t.loc[2021, "note"] == "measurement window unknown: not comparable"
    assert growth.window_breaks(w) == []
    assert growth.comparable_periods(s, w) == [(2019, 2020)]  # no period over unknown windows
