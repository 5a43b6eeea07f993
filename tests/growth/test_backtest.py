"""Tests of helpers.growth.backtest: rolling-origin forecasts rank models as expected on generated series."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.errors import ParameterError
from helpers.growth import backtest

YEARS = np.arange(2000, 2022)


def test_saturating_series_ranks_logistic_first():
    rng = np.random.default_rng(21)
    y = 1000.0 / (1 + np.exp(-0.45 * (YEARS - 2010))) * np.exp(rng.normal(0, 0.01, YEARS.size))
    bt = backtest.rolling_origin(
        YEARS, y, backtest.model_fitters(["exponential", "poly2", "logistic"]), 2011, interval=None
    )
    table = error_table = backtest.error_table(bt)
    mape = table.loc[1, "mape"]
    assert mape["logistic"] < mape["poly2"] < mape["exponential"]
    assert error_table.loc[(1, "logistic"), "rank"] == 1
    # exponential keeps over-forecasting a saturating series
    assert table.loc[(1, "exponential"), "bias"] > 0.05


def test_exponential_series_ranks_exponential_first():
    rng = np.random.default_rng(22)
    y = 5.0 * 1.35 ** (YEARS - 2000.0) * np.exp(rng.normal(0, 0.02, YEARS.size))
    bt = backtest.rolling_origin(
        YEARS, y, backtest.model_fitters(["exponential", "poly1", "gm11"]), 2008, horizon=2, interval=None
    )
    t = backtest.error_table(bt)
    for h in (1, 2):
        assert t.loc[h].index[0] in ("exponential", "gm11")
        assert t.loc[(h, "poly1"), "mape"] > 2 * t.loc[(h, "exponential"), "mape"]


def test_rows_and_error_columns():
    y = 10.0 + 2.0 * (YEARS - 2000.0) ** 2
    bt = backtest.rolling_origin(YEARS, y, backtest.model_fitters(["poly1"]), 2018, horizon=2, interval=0.9)
    assert list(zip(bt["origin"], bt["year"], bt["horizon"], strict=True)) == [
        (2018, 2019, 1),
        (2018, 2020, 2),
        (2019, 2020, 1),
        (2019, 2021, 2),
        (2020, 2021, 1),
    ]
    row = bt.iloc[0]
    assert row["n_fit"] == 19
    assert row["pct_error"] == pytest.approx(row["forecast"] / row["actual"] - 1)
    assert row["log_error"] == pytest.approx(np.log(row["forecast"] / row["actual"]))
    # a straight line under-forecasts a convex series
    assert (bt["pct_error"] < 0).all()
    t = backtest.error_table(bt)
    sub = bt[bt["horizon"] == 1]
    assert t.loc[(1, "poly1"), "mape"] == pytest.approx(sub["pct_error"].abs().mean())
    assert t.loc[(1, "poly1"), "rmsle"] == pytest.approx(np.sqrt((sub["log_error"] ** 2).mean()))
    assert t.loc[(1, "poly1"), "coverage"] == pytest.approx(sub["covered"].mean())


def test_gaps_skip_missing_targets():
    yrs = np.array([2000, 2001, 2002, 2003, 2004, 2006, 2007])
    y = 3.0 * 1.2 ** (yrs - 2000.0)
    bt = backtest.rolling_origin(yrs, y, backtest.model_fitters(["exponential"]), 2003, interval=None)
    assert bt["year"].tolist() == [2004, 2007]  # 2004->2005 has no figure; origin 2006 -> 2007


def test_last_n_window_and_parameter_path():
    y = 2.0 * 1.5 ** (YEARS - 2000.0)
    fit = backtest.model_fitters(["gm11"], last_n=5)["gm11"]
    assert fit(YEARS, y).years.tolist() == list(range(2017, 2022))
    path = backtest.parameter_path(YEARS, y, backtest.model_fitters(["exponential"])["exponential"], [2010, 2015])
    assert path.index.tolist() == [2010, 2015]
    assert path["g"].to_numpy() == pytest.approx([np.log(1.5)] * 2)
    assert {"se_g", "at_bound"} <= set(path.columns)


def test_bad_arguments():
    y = 2.0 * 1.5 ** (YEARS - 2000.0)
    fits = backtest.model_fitters(["exponential"])
    with pytest.raises(ParameterError, match="first_origin 2030 leaves no year to forecast: the series runs 2000-2021"):
        backtest.rolling_origin(YEARS, y, fits, 2030)
    with pytest.raises(ParameterError, match="horizon must be >= 1, got 0"):
        backtest.rolling_origin(YEARS, y, fits, 2010, horizon=0)
    with pytest.raises(ParameterError, match="model 'logistic' at origin 2001: logistic fit needs at least 4 years"):
        backtest.rolling_origin(YEARS, y, backtest.model_fitters(["logistic"]), 2001)
    with pytest.raises(ParameterError, match="unknown model 'spline'"):
        backtest.model_fitters(["spline"])
    with pytest.raises(ParameterError, match="last_n for 'gm11' must be >= 3, got 2"):
        backtest.model_fitters(["gm11"], last_n=2)
    with pytest.raises(ParameterError, match="no forecasts to score"):
        backtest.error_table(pd.DataFrame(columns=["model", "horizon", "pct_error", "log_error", "covered", "lower"]))
