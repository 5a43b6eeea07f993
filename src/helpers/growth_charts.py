"""Charts for growth series and their models: breaks, gaps, fitted curves, backtests and fan charts.

Every function draws on a matplotlib ``Axes`` it is given and returns it, so a
notebook cell stays one call per panel. Values are drawn in whatever unit they
come in (the GMV notebook passes 亿元 = 1e8 yuan). A change of measurement
window (Alibaba's 2020 switch from one day to 11 days) is drawn as a dashed
vertical line with a label; years without a figure are marked on the x-axis.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from helpers.growth import FitResult, _windows_float

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "mark_window_change",
    "mark_missing_years",
    "plot_series",
    "plot_yoy",
    "plot_fits",
    "plot_fan",
    "plot_backtest",
    "plot_r2_simulation",
]


def mark_window_change(ax: Axes, years: Sequence[int], label: str = "窗口 1天→11天 window") -> Axes:
    """Dashed vertical line half a year before each year in which the window changed.

    Parameters
    ----------
    ax : matplotlib Axes
    years : sequence of int
        First years of a new window (e.g. ``[2020]``).
    label : str
        Text written next to the line.

    Returns
    -------
    Axes
    """
    for y in years:
        ax.axvline(y - 0.5, color="0.35", ls="--", lw=1)
        ax.annotate(label, xy=(y - 0.5, 0.97), xycoords=("data", "axes fraction"), ha="right", va="top",
                    fontsize=8, color="0.3", rotation=90)
    return ax


def mark_missing_years(ax: Axes, years: Sequence[int], label: str = "未公布 not disclosed") -> Axes:
    """Grey ``x`` markers on the x-axis for years without a figure (drawn as gaps, not zeros).

    Parameters
    ----------
    ax : matplotlib Axes
    years : sequence of int
    label : str
        Legend label.

    Returns
    -------
    Axes
    """
    if len(years):
        ax.plot(list(years), [0.02] * len(years), "x", color="0.45", ms=7, transform=ax.get_xaxis_transform(),
                label=label, clip_on=False)
    return ax


def plot_series(
    ax: Axes,
    values: pd.Series,
    windows: pd.Series | None = None,
    *,
    label: str = "",
    color: str | None = None,
    log: bool = False,
    highlight: int | None = None,
    unit: str = "亿元",
) -> Axes:
    """An annual series: lines join only years with the same window; later windows hollow.

    Parameters
    ----------
    ax : matplotlib Axes
    values : pandas.Series
        Values indexed by year (NaN = no figure, drawn as a gap and marked).
    windows : pandas.Series, optional
        Window length (days) by year; the first window is drawn filled, others hollow.
    label : str
        Legend label of the series.
    color : str, optional
    log : bool
        Logarithmic y-axis.
    highlight : int, optional
        A year to ring and annotate with its value.
    unit : str
        Unit for the y-axis label.

    Returns
    -------
    Axes
    """
    s = pd.Series(values, dtype=float).sort_index()
    w = _windows_float(windows, s.index).fillna(-1.0)  # -1: window unknown
    color = color or ax._get_lines.get_next_color()  # noqa: SLF001 - next colour of the cycle
    first_window = w.iloc[0]
    for i, (win, part) in enumerate(s.groupby(w.to_numpy(), sort=False)):
        part = part.reindex(range(int(part.index.min()), int(part.index.max()) + 1))
        filled = win == first_window and win > 0
        tag = "窗口不明 window unknown" if win < 0 else f"{win:g}天 days"
        lab = f"{label} ({tag})" if label else None
        ax.plot(part.index, part.to_numpy(), "-o", color=color, mfc=color if filled else "white", ms=5, lw=1.6,
                label=lab)
    missing = [int(y) for y in s.index[s.isna()]]
    mark_missing_years(ax, missing)
    if highlight is not None and highlight in s.index and np.isfinite(s.loc[highlight]):
        v = s.loc[highlight]
        ax.plot([highlight], [v], "o", ms=13, mfc="none", mec="0.1", mew=1.4)
        ax.annotate(f"{highlight}: {v:,.0f} {unit}", xy=(highlight, v), xytext=(-12, 18), textcoords="offset points",
                    ha="right", fontsize=9, arrowprops={"arrowstyle": "-", "color": "0.3"})
    if log:
        ax.set_yscale("log")
    ax.set_ylabel(unit)
    ax.set_xlabel("年份 year")
    return ax


def plot_yoy(ax: Axes, growth_table: pd.DataFrame, windows: pd.Series | None = None, *, color: str | None = None) -> Axes:
    """Year-on-year growth bars; years where growth is not computed are labelled with why.

    Parameters
    ----------
    ax : matplotlib Axes
    growth_table : pandas.DataFrame
        Output of :func:`helpers.growth.yoy_growth` (``growth`` as a fraction, ``note``).
    windows : pandas.Series, optional
        Window length by year; bars of later windows are drawn hatched and unfilled.
    color : str, optional

    Returns
    -------
    Axes
    """
    t = growth_table
    color = color or ax._get_lines.get_next_color()  # noqa: SLF001
    w = _windows_float(windows, t.index)
    first_window = w.dropna().iloc[0] if w.notna().any() else None
    ok = t["growth"].notna()
    for same, part in t[ok].groupby((w[ok] == first_window).to_numpy(), sort=False):
        style = {"color": color} if same else {"facecolor": "white", "edgecolor": color, "hatch": "///"}
        bars = ax.bar(part.index, 100 * part["growth"], width=0.7, **style,
                      label=None if same else "其他窗口 other window")
        ax.bar_label(bars, labels=[f"{g:.0%}" for g in part["growth"]], fontsize=7, padding=2)
    for year, note in t.loc[~ok & t["note"].ne("first year"), "note"].items():
        short = "不可比 n/c" if "window" in note else "无数据 n/a"  # window changed or unknown
        ax.annotate(short, xy=(year, 0), xytext=(0, 4), textcoords="offset points", ha="center", rotation=90,
                    fontsize=7, color="0.35")
    ax.set_xlim(t.index.min() - 0.7, t.index.max() + 0.7)
    ax.set_ylabel("同比 year-on-year growth, %")
    ax.set_yscale("symlog", linthresh=100)
    ax.set_xlabel("年份 year")
    return ax


def plot_fits(
    ax: Axes,
    fits: Mapping[str, FitResult],
    years: Sequence[int],
    *,
    actual: pd.Series | None = None,
    log: bool = False,
    unit: str = "亿元",
) -> Axes:
    """Fitted mean curves of several models over ``years``, with the data.

    Parameters
    ----------
    ax : matplotlib Axes
    fits : mapping of str to FitResult
        Label -> fit.
    years : sequence of int
        Years to draw the curves over (may extend past the data).
    actual : pandas.Series, optional
        Observed values by year (default: the data of the first fit).
    log : bool
        Logarithmic y-axis.
    unit : str

    Returns
    -------
    Axes
    """
    grid = np.linspace(min(years), max(years), 200)
    for name, r in fits.items():
        g = grid[grid >= r.years[0]]  # a model is drawn from the first year it was fitted on
        f = r.mean(g)
        if log:
            f = np.where(f > 0, f, np.nan)
        ax.plot(g, f, lw=1.4, label=name)
    data = actual if actual is not None else pd.Series(next(iter(fits.values())).values,
                                                       index=next(iter(fits.values())).years)
    ax.plot(data.index, data.to_numpy(), "o", color="0.1", ms=4, label="实际 actual", zorder=5)
    if log:
        ax.set_yscale("log")
    ax.set_ylabel(unit)
    ax.set_xlabel("年份 year")
    return ax


def plot_fan(
    ax: Axes,
    fan: pd.DataFrame,
    history: pd.Series,
    *,
    color: str | None = None,
    label: str = "",
    unit: str = "亿元",
) -> Axes:
    """Fan chart: history, point forecast and nested prediction intervals.

    Parameters
    ----------
    ax : matplotlib Axes
    fan : pandas.DataFrame
        Output of :meth:`helpers.growth.FitResult.fan` (``forecast``, ``lower_XX``, ``upper_XX``).
    history : pandas.Series
        Observed values by year (drawn in black).
    color : str, optional
    label : str
        Title of the panel.
    unit : str

    Returns
    -------
    Axes
    """
    color = color or ax._get_lines.get_next_color()  # noqa: SLF001
    levels = sorted({int(c.split("_")[1]) for c in fan.columns if c.startswith("lower_")}, reverse=True)
    last = history.dropna()
    x = np.r_[last.index[-1], fan.index.to_numpy()]
    for i, lev in enumerate(levels):
        lo = np.r_[last.iloc[-1], fan[f"lower_{lev}"].to_numpy()]
        hi = np.r_[last.iloc[-1], fan[f"upper_{lev}"].to_numpy()]
        ax.fill_between(x, lo, hi, color=color, alpha=0.15 + 0.15 * i, lw=0, label=f"{lev}%")
    ax.plot(x, np.r_[last.iloc[-1], fan["forecast"].to_numpy()], "--", color=color, lw=1.5)
    ax.plot(last.index, last.to_numpy(), "-o", color="0.1", ms=3, lw=1.2)
    ax.set_title(label, fontsize=10)
    ax.set_ylabel(unit)
    return ax


def plot_backtest(ax: Axes, backtest: pd.DataFrame, *, horizon: int = 1) -> Axes:
    """Percentage forecast error by target year, one line per model.

    Parameters
    ----------
    ax : matplotlib Axes
    backtest : pandas.DataFrame
        Output of :func:`helpers.backtest.rolling_origin`.
    horizon : int
        Which horizon to draw.

    Returns
    -------
    Axes
    """
    from matplotlib.ticker import MaxNLocator

    sub = backtest[backtest["horizon"] == horizon]
    for name, part in sub.groupby("model", sort=False):
        ax.plot(part["year"], 100 * part["pct_error"], "-o", ms=4, lw=1.3, label=name)
    ax.axhline(0, color="0.2", lw=0.8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(f"{horizon}步预测误差 forecast error, %")
    ax.set_xlabel("被预测年份 target year")
    return ax


def plot_r2_simulation(ax: Axes, sims: pd.DataFrame, observed_r2: float, *, label: str = "") -> Axes:
    """Histogram of ``1 - R²`` (log scale) of fits to random series, with the observed value.

    Parameters
    ----------
    ax : matplotlib Axes
    sims : pandas.DataFrame
        Output of :func:`helpers.growth.simulate_polynomial_r2`.
    observed_r2 : float
        R² of the fit to the real data.
    label : str
        Legend label for the observed line.

    Returns
    -------
    Axes
    """
    miss = np.clip(1.0 - sims["r2"].to_numpy(), 1e-8, None)
    bins = np.logspace(np.log10(miss.min()), np.log10(max(miss.max(), 1.0 - observed_r2) * 1.01), 40)
    ax.hist(miss, bins=bins, color="0.65", label="随机序列 random series")
    ax.axvline(1.0 - observed_r2, color="#D55E00", lw=2, label=label or f"观测 observed R² = {observed_r2:.4f}")
    ax.set_xscale("log")
    ax.set_xlabel("1 − R²  (越靠左拟合越好 left = closer fit)")
    ax.set_ylabel("序列数 series")
    return ax
