"""Tests of helpers.growth.nulls: the nulls reproduce exact series, recover drift and spread, and can do what the data do."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import growth
from helpers.errors import ParameterError


@pytest.mark.parametrize(
    ("scale", "order", "values"),
    [
        ("log", 1, 3.0 * 1.4 ** np.arange(10)),  # constant growth
        ("level", 1, 5.0 + 2.5 * np.arange(10)),  # constant increments
        ("level", 2, 1.0 + 0.5 * np.arange(10) ** 2),  # constant acceleration
        ("log", 2, np.exp(0.1 * np.arange(10) ** 2)),  # constant change in growth
    ],
)
def test_a_series_without_noise_is_reproduced(scale, order, values):
    paths = growth.null_paths(values, scale=scale, order=order, n_sims=5, n_ahead=2, seed=1)
    assert paths.shape == (12, 5)
    np.testing.assert_allclose(paths[:10], np.tile(values[:, None], (1, 5)), rtol=1e-9)


def test_drift_and_spread_are_recovered_from_a_random_walk():
    rng = np.random.default_rng(3)
    true_c, true_s = 0.08, 0.05
    y = 10.0 * np.exp(np.cumsum(rng.normal(true_c, true_s, 400)))
    for shocks in ("bootstrap", "normal"):
        paths = growth.null_paths(y, scale="log", order=1, n_sims=400, shocks=shocks, seed=4)
        steps = np.diff(np.log(paths), axis=0)
        assert steps.mean() == pytest.approx(true_c, abs=0.01)
        assert steps.std() == pytest.approx(true_s, rel=0.1)


def test_nulls_keep_the_data_s_negative_second_differences_the_old_benchmark_never_does():
    y = np.array([10.0, 30.0, 60.0, 85.0, 130.0, 170.0, 200.0, 260.0, 300.0, 370.0])  # two negative 2nd differences
    assert (np.diff(y, 2) < 0).sum() >= 2
    sims = growth.polynomial_r2_null(y, 3, n_sims=500, seed=5)
    table = growth.null_summary(sims, observed_r2=0.999, observed_error=0.01)
    assert list(table.index) == list(growth.NULLS.values())
    assert (table["share_negative_second_difference"] > 0.3).all()
    old = growth.simulate_polynomial_r2(10, 3, n_sims=500, seed=5)
    assert not old["negative_second_difference"].any()
    assert old["r2"].median() > table["median_r2"].max()  # the built-in trend makes its fits closer


def test_r2_share_is_a_p_value_under_the_null():
    """A series drawn from a null: its R² rank among that null's simulations is roughly uniform."""
    rng = np.random.default_rng(6)
    ranks = []
    for _ in range(60):
        y = 100.0 + np.cumsum(20.0 + np.cumsum(rng.normal(0, 5, 11)))  # ARIMA(0,2,0) with drift
        sims = growth.polynomial_r2_null(
            y[:10], 3, nulls=[("level", 2)], n_sims=300, seed=int(rng.integers(1e6)), shocks="normal"
        )
        r2 = float(growth.polynomial_fit_batch(y[:11, None], 3, 10)["r2"].iloc[0])
        ranks.append(float((sims["r2"] >= r2).mean()))
    ranks = np.array(ranks)
    assert 0.3 < ranks.mean() < 0.7  # not systematically extreme
    assert (ranks < 0.05).mean() < 0.2


def test_deterministic_and_checked():
    y = 1.0 + np.arange(10.0) ** 2 + np.sin(np.arange(10.0))
    a = growth.polynomial_r2_null(y, 3, n_sims=50, seed=9)
    b = growth.polynomial_r2_null(y, 3, n_sims=50, seed=9)
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(ParameterError, match="a null of order 2 needs at least 4 values, got 3"):
        growth.null_paths([1.0, 2.0, 3.0], order=2)
    with pytest.raises(ParameterError, match="a null on logs needs positive values"):
        growth.null_paths([1.0, -2.0, 3.0, 4.0], scale="log")
    with pytest.raises(ParameterError, match="scale must be one of 'level', 'log'; got 'ln'"):
        growth.null_paths(y, scale="ln")
    with pytest.raises(ParameterError, match="no simulated series"):
        growth.null_summary(a.iloc[:0], 0.9, 0.1)
