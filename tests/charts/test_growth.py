"""Tests of helpers.charts.growth: each chart returns its Figure, says what it shows and draws what it says."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import growth  # noqa: E402
from helpers.charts import growth as charts  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _series():
    s = pd.Series([1.0, 2.0, 4.0, 20.0, 22.0, np.nan, 30.0, 33.0], index=range(2017, 2025))
    w = pd.Series([1, 1, 1, 11, 11, 11, None, None], index=s.index, dtype="Int64")
    return s, w


def _labelled(fig, source: str | None = None) -> None:
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    texts = [t.get_text() for t in fig.texts]
    assert any(t.startswith("Source: ") for t in texts)
    if source:
        assert f"Source: {source}" in texts


def test_series_splits_windows_marks_gaps_and_never_joins_unknown_windows():
    s, w = _series()
    fig = charts.plot_series(s, w, label="demo", highlight=2019, source="my.csv")
    _labelled(fig, "my.csv")
    ax = fig.axes[0]
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    assert list(lines["1-day window"].get_xdata()) == [2017, 2018, 2019]
    assert lines["11-day window"].get_markerfacecolor() == "white"  # later window hollow
    assert lines["window unknown"].get_linestyle() == "None"  # unknown windows: points, no line
    assert list(lines["no figure published"].get_xdata()) == [2022]
    assert [ln.get_xdata()[0] for ln in ax.get_lines() if ln.get_linestyle() == "--"] == [2019.5]
    assert any("window 1 → 11 days" in t.get_text() for t in ax.texts)
    assert ax.get_yscale() == "log"


def test_given_axes_are_drawn_on():
    fig, ax = plt.subplots()
    s, w = _series()
    assert charts.plot_series(s, w, ax=ax) is fig
    assert charts.plot_yoy(growth.yoy_growth(s, w), w, ax=ax) is fig


def test_yoy_bars_and_not_comparable_years():
    s, w = _series()
    fig = charts.plot_yoy(growth.yoy_growth(s, w, breaks=[2018]), w)
    _labelled(fig)
    ax = fig.axes[0]
    heights = sorted(round(p.get_height()) for p in ax.patches)
    assert heights == [10, 100]  # 2019 (+100%) and 2021 (+10%); 2018 coverage change, 2020 window change
    notes = [t.get_text() for t in ax.texts]
    assert notes.count("not comparable") >= 2 and "no figure" in notes
    assert ax.get_ylim()[0] <= 0  # bars start at zero


def test_fits_claim_backtest_forecasts_and_nulls():
    yrs = np.arange(2005, 2016)
    y = 10.0 + 3.0 * (yrs - 2005.0) ** 2
    fit2 = growth.fit_polynomial(yrs, y, 2)
    fig = charts.plot_fits({"poly2": fit2}, range(2005, 2018))
    _labelled(fig)
    assert fig.axes[0].get_lines()[0].get_label() == "quadratic"  # model names in words
    fig = charts.plot_claim(
        {"cubic": growth.fit_polynomial(yrs[:-1], y[:-1], 3)}, pd.Series(y[:-1], index=yrs[:-1]), 2015, float(y[-1])
    )
    _labelled(fig)
    bt = growth.rolling_origin(yrs, y, growth.model_fitters(["poly1", "poly2"]), 2010, interval=None)
    fig = charts.plot_backtest(bt)
    _labelled(fig)
    assert len(fig.axes[0].get_lines()) == 3  # two models and the zero line
    fans = {"poly2": fit2.fan([2016, 2017], levels=(0.5, 0.9))}
    fig = charts.plot_forecasts(fans, pd.Series(y, index=yrs), later=pd.Series([900.0], index=[2017]))
    _labelled(fig)
    assert fig.axes[0].get_ylim()[0] == 0
    sims = growth.polynomial_r2_null(y[:-1] + np.sin(yrs[:-1]), 3, n_sims=200)
    fig = charts.plot_null_r2(sims, 0.999)
    _labelled(fig)
    assert fig.axes[0].get_xscale() == "log" and len(fig.axes[0].get_yticklabels()) == 4


def test_ceiling_path_marks_fits_at_the_bound():
    path = pd.DataFrame(
        {"K": [100.0, 200.0, 1e5], "se_K": [10.0, 30.0, 5.0], "at_bound": [False, False, True]},
        index=pd.Index([2015, 2016, 2017], name="origin"),
    )
    fig = charts.plot_ceiling_path({"logistic": path}, pd.Series([50.0, 80.0, 120.0], index=[2015, 2016, 2017]))
    _labelled(fig)
    labels = [ln.get_label() for ln in fig.axes[0].get_lines()]
    assert "logistic: at its bound (not identified)" in labels


def test_old_call_shapes_still_work_with_a_warning():
    with pytest.warns(DeprecationWarning, match="helpers.growth_charts is deprecated"):
        import importlib

        import helpers.growth_charts as old

        importlib.reload(old)
    fig, ax = plt.subplots()
    s, w = _series()
    assert old.plot_series(ax, s, w, label="x") is ax
    assert old.plot_yoy(ax, growth.yoy_growth(s, w), w) is ax
