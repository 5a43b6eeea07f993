"""Tests of helpers.growth_charts: the charts draw what they say (breaks, gaps, hollow later windows)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import backtest, growth  # noqa: E402
from helpers import growth_charts as charts  # noqa: E402


@pytest.fixture()
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def _series():
    s = pd.Series([1.0, 2.0, 4.0, 20.0, 22.0, np.nan], index=range(2017, 2023))
    w = pd.Series([1, 1, 1, 11, 11, 11], index=s.index)
    return s, w


def test_plot_series_splits_windows_and_marks_gaps(ax):
    s, w = _series()
    charts.plot_series(ax, s, w, label="x", highlight=2019)
    lines = [ln for ln in ax.get_lines() if ln.get_label().startswith("x (")]
    assert [ln.get_label() for ln in lines] == ["x (1天 days)", "x (11天 days)"]
    assert list(lines[0].get_xdata()) == [2017, 2018, 2019]
    assert lines[1].get_markerfacecolor() == "white"  # later window hollow
    missing = [ln for ln in ax.get_lines() if ln.get_label() == "未公布 not disclosed"]
    assert list(missing[0].get_xdata()) == [2022]


def test_window_change_line_and_yoy(ax):
    s, w = _series()
    charts.mark_window_change(ax, growth.window_breaks(w))
    assert ax.get_lines()[0].get_xdata()[0] == pytest.approx(2019.5)
    fig, ax2 = plt.subplots()
    charts.plot_yoy(ax2, growth.yoy_growth(s, w), w)
    heights = sorted(round(p.get_height()) for p in ax2.patches)
    assert heights == [10, 100, 100]  # 2018, 2019 (+100%) and 2021 (+10%); 2020 not comparable, not drawn
    assert any("n/c" in t.get_text() for t in ax2.texts)
    plt.close(fig)


def test_fan_fits_backtest_and_r2_charts(ax):
    yrs = np.arange(2005, 2016)
    y = 10.0 + 3.0 * (yrs - 2005.0) ** 2
    fit = growth.fit_polynomial(yrs, y, 2)
    fan = fit.fan([2016, 2017], levels=(0.5, 0.9))
    charts.plot_fan(ax, fan, pd.Series(y, index=yrs), label="poly2")
    assert len(ax.collections) == 2  # one band per level
    fig, axs = plt.subplots(1, 3)
    charts.plot_fits(axs[0], {"poly2": fit}, range(2005, 2018))
    assert axs[0].get_lines()[0].get_xdata()[0] == pytest.approx(2005)
    bt = backtest.rolling_origin(yrs, y, backtest.model_fitters(["poly1", "poly2"]), 2010, interval=None)
    charts.plot_backtest(axs[1], bt)
    assert len(axs[1].get_lines()) == 3  # two models and the zero line
    charts.plot_r2_simulation(axs[2], growth.simulate_polynomial_r2(n_sims=50, seed=1), 0.999)
    assert axs[2].get_xscale() == "log"
    plt.close(fig)
