"""Tests of helpers.growth.grey (GM(1,1)) against hand computations and closed forms."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.errors import DataError, ParameterError
from helpers.growth import grey


def test_hand_computed_example():
    # x0 = 1,2,3,4 -> x1 = 1,3,6,10 -> z1 = 2, 4.5, 8; OLS of (2,3,4) on (-z1, 1)
    a, b = grey.gm11_coefficients([1, 2, 3, 4])
    assert a == pytest.approx(-36 / 109, rel=1e-12)
    assert b == pytest.approx(153 / 109, rel=1e-12)
    # whitened response: x0_hat(k) = (1 - e^a)(x0(1) - b/a) e^{-a(k-1)}
    k = np.array([2.0, 3.0, 4.0, 5.0])
    expected = (1 - np.exp(a)) * (1 - b / a) * np.exp(-a * (k - 1))
    r = grey.fit_gm11([2001, 2002, 2003, 2004], [1, 2, 3, 4])
    assert r.mean([2002, 2003, 2004, 2005]) == pytest.approx(expected, rel=1e-12)
    assert r.fitted[0] == 1.0
    assert r.params["growth"] == pytest.approx(np.exp(36 / 109) - 1)


@pytest.mark.parametrize("q", [1.1, 1.5, 2.0])
def test_geometric_series_closed_form(q):
    x0 = 7.0 * q ** np.arange(8)
    r = grey.fit_gm11(range(2010, 2018), x0)
    assert r.params["a"] == pytest.approx(-2 * (q - 1) / (q + 1), rel=1e-9)
    assert r.params["b"] == pytest.approx(7.0 * 2 / (q + 1), rel=1e-9)
    assert r.stderr["a"] == pytest.approx(0.0, abs=1e-9)


def test_recovers_development_coefficient_from_noisy_data():
    rng = np.random.default_rng(3)
    q = 1.4
    x0 = 10.0 * q ** np.arange(10) * np.exp(rng.normal(0, 0.02, 10))
    r = grey.fit_gm11(range(2000, 2010), x0)
    true_a = -2 * (q - 1) / (q + 1)
    assert abs(r.params["a"] - true_a) < 4 * r.stderr["a"]
    assert r.params["a"] == pytest.approx(true_a, rel=0.1)


def test_bootstrap_interval_is_deterministic():
    x0 = 10.0 * 1.3 ** np.arange(8) * np.exp(np.random.default_rng(4).normal(0, 0.05, 8))
    r = grey.fit_gm11(range(2000, 2008), x0)
    assert r.interval_method == "bootstrap"
    a = r.predict([2008, 2009], 0.8, n_boot=100, seed=5)
    b = r.predict([2008, 2009], 0.8, n_boot=100, seed=5)
    assert a.equals(b)
    assert (a["lower"] < a["forecast"]).all() and (a["forecast"] < a["upper"]).all()


def test_bad_input():
    with pytest.raises(
        DataError, match="column 'year': GM\\(1,1\\) fit: years must be consecutive, but 2001 is followed by 2003"
    ):
        grey.fit_gm11([2000, 2001, 2003, 2004], [1.0, 2.0, 3.0, 4.0])
    with pytest.raises(ParameterError, match="GM\\(1,1\\) fit needs at least 4 years of data, got 3"):
        grey.fit_gm11([2000, 2001, 2002], [1.0, 2.0, 3.0])
    with pytest.raises(DataError, match="value for 2002 must be positive, got -3.0"):
        grey.fit_gm11([2000, 2001, 2002, 2003], [1.0, 2.0, -3.0, 4.0])
    with pytest.raises(ParameterError, match="needs at least 3 values"):
        grey.gm11_coefficients([1.0, 2.0])


def test_window_sensitivity_uses_the_latest_years():
    years = np.arange(2000, 2012)
    x0 = np.r_[1.0, 5.0, 12.0, 10.0 * 1.2 ** np.arange(9)]  # fast start, then 20% a year
    t = grey.window_sensitivity(years, x0, 2010, [4, 8], [2011])
    assert t.loc[4, "first_year"] == 2007 and t.loc[8, "first_year"] == 2003
    assert t.loc[4, 2011] == pytest.approx(grey.fit_gm11(years[7:11], x0[7:11]).mean([2011])[0])
    with pytest.raises(ParameterError, match="window of 20 years does not fit in the 11 years up to 2010"):
        grey.window_sensitivity(years, x0, 2010, [20], [2011])
