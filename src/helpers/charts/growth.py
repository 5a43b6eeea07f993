"""Charts of growth series and their models: series with breaks and gaps, growth rates, fits, nulls, backtests, forecasts.

Every chart function takes its data, keyword options and ``ax=None``, and
returns the :class:`~matplotlib.figure.Figure` it drew on; it sets a title that
says what it shows, axis labels in words with units and a source line
(:func:`helpers.charts.add_source`). Values are drawn in the unit they come in
(notebook 02 passes 亿元 = 1e8 yuan). A change of measurement window (Alibaba's
2020 switch from one day to 11 days) is drawn as a dashed vertical line with
its label computed from the windows; years without a figure are marked on the
x-axis, never drawn as zero. Two annotation helpers draw on a given Axes:
:func:`annotate_window_changes` and :func:`annotate_missing_years`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from helpers.charts import add_source, figure_and_axes
from helpers.growth.models import model_label
from helpers.growth.rates import window_breaks, window_lengths
from helpers.growth.results import FitResult

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "annotate_window_changes",
    "annotate_missing_years",
    "plot_series",
    "plot_yoy",
    "plot_fits",
    "plot_claim",
    "plot_null_r2",
    "plot_ceiling_path",
    "plot_backtest",
    "plot_forecasts",
]

#: Default source line of charts of the shipped GMV table.
DATA_SOURCE = "data/sales/gmv.csv (figures as announced; a source per row)"
#: Default source line of model charts.
MODEL_SOURCE = "data/sales/gmv.csv; models fitted with helpers.growth (least squares)"


def _label(name: str) -> str:
    try:
        return model_label(name)
    except Exception:  # noqa: BLE001 - free-text labels are drawn as given
        return name


def _finish(fig: Figure, ax: Axes, title: str, xlabel: str, ylabel: str, source: str | None) -> Figure:
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if source:
        add_source(fig, source)
    return fig


def annotate_window_changes(
    ax: Axes, windows: pd.Series | None, *, years: Sequence[int] | None = None, who: str = ""
) -> Axes:
    """Dashed vertical line half a year before each change of measurement window, labelled with the change.

    Parameters
    ----------
    ax : matplotlib Axes
        Where to draw.
    windows : pandas.Series or None
        Window length in days by year.
    years : sequence of int, optional
        Draw only these change years (default every change).
    who : str
        Whose window changed, for a chart of several series (e.g. ``"Alibaba"``); "" for one series.

    Returns
    -------
    Axes
    """
    if windows is None:
        return ax
    w = window_lengths(windows, pd.Index(sorted(pd.Series(windows).index)))
    for y in window_breaks(w):
        if years is not None and y not in years:
            continue
        before = w[w.index < y].dropna().iloc[-1]
        text = f"{who + ': ' if who else ''}window {before:g} → {w.loc[y]:g} days"
        ax.axvline(y - 0.5, color="0.35", ls="--", lw=1)
        ax.annotate(
            text,
            xy=(y - 0.5, 0.97),
            xycoords=("data", "axes fraction"),
            ha="right",
            va="top",
            fontsize=8,
            color="0.3",
            rotation=90,
        )
    return ax


def annotate_missing_years(ax: Axes, years: Sequence[int], label: str = "no figure published") -> Axes:
    """Grey ``x`` markers on the x-axis for years without a figure (a gap, not a zero).

    Returns
    -------
    Axes
    """
    if len(years):
        ax.plot(
            list(years),
            [0.02] * len(years),
            "x",
            color="0.45",
            ms=7,
            transform=ax.get_xaxis_transform(),
            label=label,
            clip_on=False,
        )
    return ax


def _draw_series(
    ax: Axes, values: pd.Series, windows: pd.Series | None, label: str, color: str, first_window: float | None
) -> None:
    s = pd.Series(values, dtype=float).sort_index()
    if windows is not None and window_lengths(windows, s.index)[s.notna()].isna().all():
        # no year states its window: the model takes the series as one (an assumption), so it is drawn as one
        part = s.reindex(range(int(s.index.min()), int(s.index.max()) + 1))
        tag = "window not stated, taken as one series"
        ax.plot(
            part.index, part.to_numpy(), "-o", color=color, ms=5, lw=1.6, label=f"{label} ({tag})" if label else tag
        )
        return
    w = window_lengths(windows, s.index).fillna(-1.0)  # -1: window unknown
    for win, part in s.groupby(w.to_numpy(), sort=False):
        if part.isna().all():
            continue
        filled = first_window is not None and win == first_window
        tag = "window unknown" if win < 0 else f"{win:g}-day window"
        lab = f"{label} ({tag})" if label else tag
        if win < 0:  # years of unknown window are never joined: they may not be comparable
            ax.plot(part.index, part.to_numpy(), "o", color=color, mfc="white", ms=5, label=lab)
            continue
        part = part.reindex(range(int(part.index.min()), int(part.index.max()) + 1))
        ax.plot(
            part.index, part.to_numpy(), "-o", color=color, mfc=color if filled else "white", ms=5, lw=1.6, label=lab
        )


def plot_series(
    series: Mapping[str, tuple[pd.Series, pd.Series | None]] | pd.Series,
    windows: pd.Series | None = None,
    *,
    label: str = "",
    log: bool = True,
    highlight: int | None = None,
    unit: str = "亿元",
    title: str = "Double 11 GMV by year",
    source: str = DATA_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """One or several annual series: lines join only years with the same window; other windows hollow.

    Parameters
    ----------
    series : pandas.Series or mapping of label to (values, windows)
        Values indexed by year (NaN = no figure, drawn as a gap and marked).
    windows : pandas.Series, optional
        Window length (days) by year, for a single series.
    label : str
        Legend label of a single series.
    log : bool
        Logarithmic y-axis (growth slowing down shows as a bend).
    highlight : int, optional
        A year of the first series to ring and annotate with its value.
    unit : str
        Unit of the values, for the axis label (``亿元`` = 100 million yuan).
    title, source : str
        Title and source line.
    ax : matplotlib Axes, optional

    Returns
    -------
    Figure
    """
    import matplotlib.pyplot as plt

    fig, ax = figure_and_axes(ax, figsize=(10.5, 4.5))
    items = {label: (series, windows)} if isinstance(series, pd.Series) else dict(series)
    single = isinstance(series, pd.Series)
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    missing: list[int] = []
    for i, (lab, (vals, wins)) in enumerate(items.items()):
        s = pd.Series(vals, dtype=float).sort_index()
        w = window_lengths(wins, s.index)
        first = w[s.notna()].dropna()
        _draw_series(
            ax, s, wins, "" if single else lab, colors[i % len(colors)], float(first.iloc[0]) if len(first) else None
        )
        if i == 0:
            missing = [int(y) for y in s.index[s.isna()]]
            annotate_window_changes(ax, wins, who="" if single or len(items) == 1 else lab)
            if highlight is not None and highlight in s.index and np.isfinite(s.loc[highlight]):
                v = s.loc[highlight]
                ax.plot([highlight], [v], "o", ms=13, mfc="none", mec="0.1", mew=1.4)
                ax.annotate(
                    f"{highlight}: {v:,.0f} {unit}",
                    xy=(highlight, v),
                    xytext=(14, -22),
                    textcoords="offset points",
                    ha="left",
                    fontsize=9,
                    arrowprops={"arrowstyle": "-", "color": "0.3"},
                )
    first = next(iter(items))
    annotate_missing_years(
        ax, missing, label="no figure published" if single or len(items) == 1 else f"no {first} figure published"
    )
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if log:
        ax.set_yscale("log")
    else:
        ax.set_ylim(bottom=0)
    import textwrap

    handles, labels = ax.get_legend_handles_labels()
    ax.legend(
        handles,
        [textwrap.fill(lab[:1].upper() + lab[1:], 30) for lab in labels],
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
        frameon=False,
    )
    fig.subplots_adjust(right=0.7)
    scale = " (log scale)" if log else ""
    return _finish(fig, ax, title, "Year of the Double 11", f"GMV, {unit}{scale}", source)


def plot_yoy(
    growth_table: pd.DataFrame,
    windows: pd.Series | None = None,
    *,
    title: str = "Year-on-year growth of Double 11 GMV",
    source: str = DATA_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """Year-on-year growth bars; years where growth is not computed are labelled with why.

    Parameters
    ----------
    growth_table : pandas.DataFrame
        Output of :func:`helpers.growth.yoy_growth` (``growth`` as a fraction, ``note``).
    windows : pandas.Series, optional
        Window length by year; bars of later windows are drawn hatched and unfilled.
    title, source : str
    ax : matplotlib Axes, optional

    Returns
    -------
    Figure
    """
    import matplotlib.pyplot as plt

    fig, ax = figure_and_axes(ax, figsize=(9, 4))
    t = growth_table
    color = plt.rcParams["axes.prop_cycle"].by_key()["color"][0]
    w = window_lengths(windows, t.index)
    first_window = w.dropna().iloc[0] if w.notna().any() else None
    ok = t["growth"].notna()
    for same, part in t[ok].groupby(
        (w[ok] == first_window).to_numpy() if first_window is not None else np.ones(int(ok.sum()), dtype=bool),
        sort=False,
    ):
        style = {"color": color} if same else {"facecolor": "white", "edgecolor": color, "hatch": "///"}
        bars = ax.bar(
            part.index, 100 * part["growth"], width=0.7, **style, label=None if same else "later window (hatched)"
        )
        ax.bar_label(
            bars,
            labels=[f"{100 * g:,.0f}%" if abs(g) >= 10 else f"{100 * g:.1f}%" for g in part["growth"]],
            fontsize=7,
            padding=2,
        )
    for year, note in t.loc[~ok & t["note"].ne("first year"), "note"].items():
        if "window" in note or "coverage" in note:
            short = "not comparable"
        elif note == f"no figure for {int(year) - 1}":
            short = f"no {int(year) - 1} figure"
        else:
            short = "no figure"
        ax.annotate(
            short,
            xy=(year, 0),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            rotation=90,
            fontsize=7,
            color="0.35",
        )
    annotate_window_changes(ax, windows)
    ax.axhline(0, color="0.2", lw=0.8)
    ax.set_xlim(t.index.min() - 0.7, t.index.max() + 0.7)
    if ok.any() and (100 * t.loc[ok, "growth"]).max() > 300:
        ax.set_yscale("symlog", linthresh=100)
        ylabel = "Growth on the year before, % (log scale above 100%)"
    else:
        ylabel = "Growth on the year before, %"
    return _finish(fig, ax, title, "Year of the Double 11", ylabel, source)


def plot_fits(
    fits: Mapping[str, FitResult],
    years: Sequence[int],
    *,
    actual: pd.Series | None = None,
    log: bool = False,
    unit: str = "亿元",
    title: str = "Growth models fitted to Double 11 GMV",
    source: str = MODEL_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """Fitted mean curves of several models over ``years``, with the data.

    Parameters
    ----------
    fits : mapping of str to FitResult
        Model name (or label) -> fit.
    years : sequence of int
        Years to draw the curves over (may extend past the data).
    actual : pandas.Series, optional
        Observed values by year (default: the data of the first fit).
    log : bool
        Logarithmic y-axis.
    unit, title, source : str
    ax : matplotlib Axes, optional

    Returns
    -------
    Figure
    """
    fig, ax = figure_and_axes(ax, figsize=(9, 4.3))
    grid = np.linspace(min(years), max(years), 200)
    for name, r in fits.items():
        g = grid[grid >= r.years[0]]  # a model is drawn from the first year it was fitted on
        f = r.mean(g)
        if log:
            f = np.where(f > 0, f, np.nan)
        ax.plot(g, f, lw=1.4, label=_label(name))
    first = next(iter(fits.values()))
    data = actual if actual is not None else pd.Series(first.values, index=first.years)
    ax.plot(data.index, data.to_numpy(), "o", color="0.1", ms=4, label="announced", zorder=5)
    if log:
        ax.set_yscale("log")
    ax.legend(fontsize=8, loc="upper left")
    return _finish(fig, ax, title, "Year of the Double 11", f"GMV, {unit}" + (" (log scale)" if log else ""), source)


def plot_claim(
    fits: Mapping[str, FitResult],
    data: pd.Series,
    target_year: int,
    actual_target: float,
    *,
    interval: float = 0.9,
    unit: str = "亿元",
    title: str = "Polynomial fits and their forecast of the next year",
    source: str = MODEL_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """Polynomial fits to the claim's years, the first fit's forecast with its interval, and the announced value.

    Parameters
    ----------
    fits : mapping of str to FitResult
        Label -> fit (the first is the claim's model).
    data : pandas.Series
        The values fitted, by year.
    target_year : int
        Year forecast.
    actual_target : float
        Announced value for ``target_year``.
    interval : float
        Coverage of the interval drawn.
    unit, title, source : str
    ax : matplotlib Axes, optional

    Returns
    -------
    Figure
    """
    fig, ax = figure_and_axes(ax, figsize=(9, 4.3))
    grid = np.linspace(float(data.index.min()), float(target_year), 200)
    for (name, r), ls in zip(fits.items(), ("-", "--", ":", "-.")):
        ax.plot(grid, r.mean(grid), lw=1.4, ls=ls, label=f"{_label(name)}")
    ax.plot(data.index, data.to_numpy(), "o", color="0.1", ms=4, label="announced (fitted years)", zorder=5)
    first = next(iter(fits.values()))
    p = first.predict([target_year], interval)
    ax.errorbar(
        [target_year],
        p["forecast"],
        yerr=[p["forecast"] - p["lower"], p["upper"] - p["forecast"]],
        fmt="s",
        color="#D55E00",
        capsize=4,
        label=f"forecast of the first fit, {round(100 * interval)}% interval",
    )
    ax.plot([target_year], [actual_target], "*", ms=14, color="0.1", label=f"announced {target_year}")
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", fontsize=8)
    return _finish(fig, ax, title, "Year of the Double 11", f"GMV, {unit}", source)


def plot_null_r2(
    sims: pd.DataFrame,
    observed_r2: float,
    *,
    title: str = "R² of the same polynomial fitted to simulated series",
    source: str = "Model; nulls estimated from data/sales/gmv.csv (helpers.growth.nulls)",
    ax: Axes | None = None,
) -> Figure:
    """Distribution of ``1 - R²`` (log scale) under each null, with the real fit's value.

    Parameters
    ----------
    sims : pandas.DataFrame
        Output of :func:`helpers.growth.polynomial_r2_null` (column ``null``), optionally with
        rows of :func:`helpers.growth.simulate_polynomial_r2` labelled in ``null``.
    observed_r2 : float
        R² of the fit to the real data.
    title, source : str
    ax : matplotlib Axes, optional

    Returns
    -------
    Figure
    """
    import textwrap

    fig, ax = figure_and_axes(ax, figsize=(10, 4.6))
    groups = list(dict.fromkeys(sims["null"]))
    data = [np.clip(1.0 - sims.loc[sims["null"] == g, "r2"].dropna().to_numpy(), 1e-8, None) for g in groups]
    ax.boxplot(
        data,
        orientation="horizontal",
        whis=(5, 95),
        showfliers=False,
        widths=0.5,
        medianprops={"color": "0.1", "lw": 1.5},
    )
    ax.set_yticks(range(1, len(groups) + 1), [textwrap.fill(g, 24) for g in groups], fontsize=8)
    fig.subplots_adjust(left=0.24)
    ax.axvline(max(1.0 - observed_r2, 1e-8), color="#D55E00", lw=2, label=f"real series: R² = {observed_r2:.4f}")
    ax.set_xscale("log")
    ax.invert_yaxis()
    ax.legend(fontsize=8, loc="lower right")
    return _finish(
        fig, ax, title, "1 − R², log scale (left = closer fit); boxes 25–75%, whiskers 5–95%", "Null model", source
    )


def plot_ceiling_path(
    paths: Mapping[str, pd.DataFrame],
    history: pd.Series,
    *,
    unit: str = "亿元",
    title: str = "Saturation level estimated with data up to each year",
    source: str = MODEL_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """Estimated ceiling K (±2 standard errors on the log scale) by the last year of data, with the data.

    Parameters
    ----------
    paths : mapping of str to pandas.DataFrame
        Model -> output of :func:`helpers.growth.parameter_path` (``K``, ``se_K``, ``at_bound``).
    history : pandas.Series
        Observed values by year.
    unit, title, source : str
    ax : matplotlib Axes, optional

    Returns
    -------
    Figure
    """
    fig, ax = figure_and_axes(ax, figsize=(8.5, 4.2))
    for m, pth in paths.items():
        spread = np.exp(2 * pth["se_K"].fillna(0) / pth["K"])
        ax.errorbar(
            pth.index,
            pth["K"],
            yerr=[pth["K"] - pth["K"] / spread, pth["K"] * spread - pth["K"]],
            fmt="-o",
            capsize=3,
            label=f"{_label(m)} ceiling K, ±2 SE",
        )
        bound = pth[pth["at_bound"]]
        if len(bound):
            ax.plot(
                bound.index, bound["K"], "x", color="0.1", ms=9, label=f"{_label(m)}: at its bound (not identified)"
            )
    recent = history[history.index >= min(p.index.min() for p in paths.values())]
    ax.plot(recent.index, recent.to_numpy(), "k.", ms=8, label="announced GMV")
    ax.set_yscale("log")
    ax.legend(fontsize=8)
    return _finish(fig, ax, title, "Last year of data used in the fit", f"Level, {unit} (log scale)", source)


def plot_backtest(
    backtest: pd.DataFrame,
    *,
    horizon: int = 1,
    title: str | None = None,
    source: str = MODEL_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """Percentage forecast error by target year, one line per model.

    Parameters
    ----------
    backtest : pandas.DataFrame
        Output of :func:`helpers.growth.rolling_origin`.
    horizon : int
        Which horizon to draw.
    title, source : str
    ax : matplotlib Axes, optional

    Returns
    -------
    Figure
    """
    from matplotlib.ticker import MaxNLocator

    fig, ax = figure_and_axes(ax, figsize=(9, 4.2))
    sub = backtest[backtest["horizon"] == horizon]
    for name, part in sub.groupby("model", sort=False):
        ax.plot(part["year"], 100 * part["pct_error"], "-o", ms=4, lw=1.3, label=_label(str(name)))
    ax.axhline(0, color="0.2", lw=0.8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize=8)
    title = title or f"Forecast errors {horizon} year{'s' if horizon > 1 else ''} ahead, refitting at each origin"
    return _finish(fig, ax, title, "Year forecast", "Forecast error, % of the announced value", source)


def plot_forecasts(
    fans: Mapping[str, pd.DataFrame],
    history: pd.Series,
    *,
    later: pd.Series | None = None,
    unit: str = "亿元",
    title: str = "Forecasts with prediction intervals",
    source: str = MODEL_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """Point forecasts and nested prediction intervals of several models, side by side at each future year.

    Parameters
    ----------
    fans : mapping of str to pandas.DataFrame
        Model -> output of :meth:`helpers.growth.FitResult.fan` (``forecast``, ``lower_XX``, ``upper_XX``).
    history : pandas.Series
        Observed values by year (the last few are drawn).
    later : pandas.Series, optional
        Later figures measured differently (drawn hollow: not outcomes of these forecasts).
    unit, title, source : str
    ax : matplotlib Axes, optional

    Returns
    -------
    Figure
    """
    import matplotlib.pyplot as plt

    fig, ax = figure_and_axes(ax, figsize=(9, 4.5))
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    hist = history.dropna()
    ax.plot(hist.index, hist.to_numpy(), "-o", color="0.1", ms=4, lw=1.2, label="announced")
    k = len(fans)
    for i, (m, fan) in enumerate(fans.items()):
        levels = sorted({int(c.split("_")[1]) for c in fan.columns if c.startswith("lower_")})
        x = fan.index.to_numpy(dtype=float) + (i - (k - 1) / 2) * 0.8 / max(k, 1)
        c = colors[i % len(colors)]
        for j, lev in enumerate(reversed(levels)):
            lo, hi = fan[f"lower_{lev}"].to_numpy(), fan[f"upper_{lev}"].to_numpy()
            ax.vlines(x, lo, hi, color=c, lw=1.2 + 2.5 * j, alpha=0.5 + 0.25 * j)
        ax.plot(
            x,
            fan["forecast"].to_numpy(),
            "o",
            color=c,
            mec="white",
            ms=6,
            label=f"{_label(m)} ({'/'.join(str(v) for v in levels)}% intervals)",
        )
    if later is not None and len(later):
        ax.plot(later.index, later.to_numpy(), "o", mfc="white", mec="0.2", ms=7, label="later figure, other window")
    from matplotlib.ticker import MultipleLocator

    ax.xaxis.set_major_locator(MultipleLocator(1))
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=7, loc="upper left")
    return _finish(fig, ax, title, "Year of the Double 11", f"GMV, {unit}", source)
