"""Charts of the inventory and channel models (notebook 03).

Every function takes the table or result a :mod:`helpers.inventory` call returns,
an optional ``ax`` (a sequence of axes for the multi-panel charts) and returns the
Figure it drew on, with a title, axis labels in words with units and, when
``source`` is given, a source line. Arrangements keep one colour throughout.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from helpers.charts import add_source, figure_and_axes
from helpers.errors import ParameterError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "ARRANGEMENT_LABELS",
    "plot_agency_vs_reselling",
    "plot_commission_sweep",
    "plot_losses_vs_uncertainty",
    "plot_price_war",
    "plot_profit_distributions",
    "plot_shock_and_losses",
    "plot_size_profile",
    "plot_stock_vs_salvage",
    "plot_wholesale_sweep",
    "plot_wjs",
]

#: Display names of the arrangements (Chinese term and English gloss).
ARRANGEMENT_LABELS = {"consignment": "寄售 consignment", "buyback": "回购 buyback", "procurement": "采销 procurement"}
_COLOURS = {"consignment": "#0072B2", "buyback": "#009E73", "procurement": "#D55E00"}
_PARTY = {"merchant": "商家 merchant (supplier)", "platform": "平台 platform"}


def _axes(ax: Any, n: int, figsize: tuple[float, float]) -> tuple[Figure, list[Axes]]:
    """A figure with ``n`` side-by-side axes, or the ``n`` axes given."""
    import matplotlib.pyplot as plt

    if ax is None:
        fig, axes = plt.subplots(1, n, figsize=figsize, squeeze=False)
        return fig, list(axes[0])
    axes = [ax] if n == 1 and not isinstance(ax, (list, tuple, np.ndarray)) else list(np.ravel(ax))
    if len(axes) != n:
        raise ParameterError(f"this chart needs {n} axes, got {len(axes)}")
    return axes[0].figure, axes


def _finish(fig: Figure, title: str, source: str | None) -> Figure:
    fig.suptitle(title)
    fig.tight_layout()
    if source:
        add_source(fig, source)
    return fig


def plot_profit_distributions(sims: pd.DataFrame, *, source: str | None = None, ax: Any = None) -> Figure:
    """Cumulative distribution of each party's profit on one Double 11, by arrangement.

    Parameters
    ----------
    sims : pandas.DataFrame
        From :func:`helpers.inventory.simulate_channels`.
    source : str, optional
        Source line.
    ax : pair of Axes, optional
        Merchant panel, platform panel.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> s = pd.DataFrame({"arrangement": ["consignment"] * 4, "party": ["merchant", "merchant", "platform", "platform"],
    ...                   "profit_yuan": [-100.0, 2000.0, 50.0, 60.0]})
    >>> len(plot_profit_distributions(s).axes)
    2
    """
    fig, axes = _axes(ax, 2, (10.0, 4.2))
    for a, party in zip(axes, ("merchant", "platform")):
        for arrangement, g in sims[sims["party"] == party].groupby("arrangement", sort=False):
            a.ecdf(
                g["profit_yuan"] / 1000.0,
                label=ARRANGEMENT_LABELS.get(arrangement, arrangement),
                color=_COLOURS.get(arrangement),
            )
        a.axvline(0, color="black", linewidth=0.8)
        a.set(title=_PARTY[party], xlabel="profit on one Double 11, thousand yuan")
    for a in axes:
        a.set_ylabel("share of demand scenarios with profit ≤ x")
    axes[0].legend(loc="lower right", fontsize=8)
    return _finish(fig, "Profit of the typical product on one Double 11, by arrangement", source)


def plot_stock_vs_salvage(
    table: pd.DataFrame, expected_demand: float, *, source: str | None = None, ax: Axes | None = None
) -> Figure:
    """Optimal stock of the stocking party against the salvage value of a leftover unit.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`helpers.inventory.stock_vs_salvage`.
    expected_demand : float
        Drawn as a reference line, units.

    Examples
    --------
    >>> t = pd.DataFrame({"salvage_yuan": [0.0, 20.0], "arrangement": "consignment", "order_units": [100.0, 150.0]})
    >>> bool(plot_stock_vs_salvage(t, 120.0).axes[0].get_ylim()[0] == 0.0)
    True
    """
    fig, ax = figure_and_axes(ax)
    for arrangement, g in table.groupby("arrangement", sort=False):
        ax.plot(
            g["salvage_yuan"],
            g["order_units"],
            marker="o",
            ms=3,
            color=_COLOURS.get(arrangement),
            label=ARRANGEMENT_LABELS.get(arrangement, arrangement),
        )
    ax.axhline(expected_demand, color="grey", linestyle="--", linewidth=0.8, label="expected demand")
    ax.set(
        xlabel="salvage value of a leftover unit, yuan",
        ylabel="optimal stock, units",
        ylim=(0, None),
        title="Optimal Double 11 stock rises with what a leftover unit is worth",
    )
    ax.legend(fontsize=8)
    if source:
        add_source(fig, source)
    return fig


def plot_wholesale_sweep(
    sweep: pd.DataFrame,
    consignment_profits: Mapping[str, float],
    best_wholesale: float,
    *,
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Each party's expected profit under procurement as the wholesale price varies, against consignment.

    Parameters
    ----------
    sweep : pandas.DataFrame
        From :func:`helpers.inventory.wholesale_sweep`.
    consignment_profits : mapping
        ``{"merchant": yuan, "platform": yuan}`` under consignment (dashed lines).
    best_wholesale : float
        The supplier's best-response price (vertical line), yuan; NaN to omit.

    Examples
    --------
    >>> s = pd.DataFrame({"wholesale_yuan": [65.0, 80.0], "merchant_profit_yuan": [900.0, 2400.0],
    ...                   "platform_profit_yuan": [3200.0, 1000.0]})
    >>> plot_wholesale_sweep(s, {"merchant": 2300.0, "platform": 1900.0}, 85.0).axes[0].get_xlabel()
    'wholesale price, yuan per unit'
    """
    fig, ax = figure_and_axes(ax)
    colours = {"merchant": "#CC79A7", "platform": "#E69F00"}
    for party in ("merchant", "platform"):
        ax.plot(
            sweep["wholesale_yuan"],
            sweep[f"{party}_profit_yuan"] / 1000.0,
            color=colours[party],
            label=f"{_PARTY[party]}, procurement",
        )
        ax.axhline(
            consignment_profits[party] / 1000.0,
            color=colours[party],
            linestyle="--",
            linewidth=1.0,
            label=f"{_PARTY[party]}, consignment",
        )
    if np.isfinite(best_wholesale):
        ax.axvline(best_wholesale, color="black", linestyle=":", linewidth=1.0, label="supplier's best-response price")
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set(
        xlabel="wholesale price, yuan per unit",
        ylabel="expected profit, thousand yuan",
        title="Who prefers procurement depends on the wholesale price",
    )
    ax.legend(fontsize=7)
    if source:
        add_source(fig, source)
    return fig


def plot_size_profile(profiles: Mapping[str, pd.DataFrame], *, source: str | None = None, ax: Any = None) -> Figure:
    """Participation and losses by merchant size group, by arrangement.

    Parameters
    ----------
    profiles : mapping
        Arrangement → :func:`helpers.inventory.size_profile` table.
    ax : pair of Axes, optional

    Examples
    --------
    >>> t = pd.DataFrame({"size_group": [1, 2], "median_daily_units": [0.3, 3.0], "share_participating": [0.4, 1.0],
    ...                   "share_losing_participants": [0.3, 0.2]})
    >>> len(plot_size_profile({"consignment": t}).axes)
    2
    """
    fig, axes = _axes(ax, 2, (10.0, 4.2))
    for arrangement, t in profiles.items():
        kw = {
            "marker": "o",
            "color": _COLOURS.get(arrangement),
            "label": ARRANGEMENT_LABELS.get(arrangement, arrangement),
        }
        axes[0].plot(t["size_group"], t["share_participating"], **kw)
        axes[1].plot(t["size_group"], t["share_losing_participants"], **kw)
    for a in axes:
        a.set_xticks(list(next(iter(profiles.values()))["size_group"]))
        a.set_xlabel("merchant size group (1 = smallest ordinary-day demand)")
        a.set_ylim(0, 1.05)
        a.yaxis.set_major_formatter(_percent())
    axes[0].set(title="share of merchants that trade", ylabel="share of merchants in the group")
    axes[1].set(title="share of trading merchants losing money", ylabel="expected share on one Double 11")
    axes[0].legend(fontsize=8)
    return _finish(fig, "Merchant size matters once a fixed cost has to be covered", source)


def _percent() -> Any:
    from matplotlib.ticker import PercentFormatter

    return PercentFormatter(xmax=1.0, decimals=0)


def plot_losses_vs_uncertainty(
    table: pd.DataFrame,
    base_cv: float,
    *,
    estimate: tuple[float, float, float] | None = None,
    estimate_label: str = "estimate (interval)",
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Losses and participation under consignment against the merchants' own demand CV.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`helpers.inventory.uncertainty_sweep`: ``cv, single_p_loss, population_share_losing``;
        ``population_share_losing_participants`` and ``population_share_participating`` are drawn when
        present. ``single_p_loss`` is NaN where the typical merchant does not consign (a gap in its line).
    base_cv : float
        Base-case CV (vertical line).
    estimate : (estimate, low, high), optional
        An estimate of the CV and its interval, drawn as a line and a band.
    estimate_label : str
        Legend text of the estimate.

    Examples
    --------
    >>> t = pd.DataFrame({"cv": [0.3, 0.6], "single_p_loss": [0.1, 0.2], "population_share_losing": [0.12, 0.21]})
    >>> bool(plot_losses_vs_uncertainty(t, 0.6).axes[0].get_ylim()[0] == 0.0)
    True
    >>> len(plot_losses_vs_uncertainty(t, 0.6, estimate=(0.5, 0.4, 0.55)).axes[0].patches)
    1
    """
    own = ax is None
    fig, ax = figure_and_axes(ax, figsize=(8.0, 5.6) if own else None)
    ax.plot(
        table["cv"],
        table["single_p_loss"],
        marker="o",
        color="#0072B2",
        label="typical merchant: probability of a loss (gap: does not consign)",
    )
    ax.plot(
        table["cv"],
        table["population_share_losing"],
        marker="s",
        color="#D55E00",
        label="all merchants: share losing money",
    )
    if "population_share_losing_participants" in table:
        ax.plot(
            table["cv"],
            table["population_share_losing_participants"],
            marker="^",
            color="#D55E00",
            linestyle="--",
            label="merchants who consign: share losing money",
        )
    if "population_share_participating" in table:
        ax.plot(
            table["cv"],
            table["population_share_participating"],
            marker="D",
            color="#009E73",
            label="share of merchants who consign",
        )
    ax.axvline(base_cv, color="grey", linestyle="--", linewidth=0.8, label="base case")
    if estimate is not None:
        est, lo, hi = (float(x) for x in estimate)
        ax.axvspan(lo, hi, color="#999999", alpha=0.2, linewidth=0)
        ax.axvline(est, color="black", linestyle=":", linewidth=1.0, label=estimate_label)
    ax.set(
        xlabel="merchants' own demand uncertainty (median coefficient of variation)",
        ylabel="share (of merchants, or probability)",
        ylim=(0, 1.02),
        title="Consignment: losses and participation as demand grows less predictable",
    )
    ax.yaxis.set_major_formatter(_percent())
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, frameon=False)
    if own:
        fig.tight_layout()
    if source:
        add_source(fig, source)
    return fig


def plot_shock_and_losses(draws: pd.DataFrame, *, source: str | None = None, ax: Axes | None = None) -> Figure:
    """Share of merchants losing money in each simulated Double 11 against that year's common demand shock.

    Parameters
    ----------
    draws : pandas.DataFrame
        ``PopulationResult.draws`` (columns ``uplift_shock, share_losing``).

    Examples
    --------
    >>> d = pd.DataFrame({"uplift_shock": [0.8, 1.2], "share_losing": [0.4, 0.1]})
    >>> bool(plot_shock_and_losses(d).axes[0].get_ylim()[0] == 0.0)
    True
    """
    fig, ax = figure_and_axes(ax)
    ax.scatter(draws["uplift_shock"], draws["share_losing"], s=4, alpha=0.4)
    ax.axvline(1.0, color="grey", linestyle="--", linewidth=0.8)
    ax.set(
        xlabel="common Double 11 demand shock (1 = as expected)",
        ylabel="share of merchants losing money",
        ylim=(0, None),
        title="A weak festival is weak for every consignment merchant at once",
    )
    ax.yaxis.set_major_formatter(_percent())
    if source:
        add_source(fig, source)
    return fig


def plot_commission_sweep(sweep: pd.DataFrame, *, source: str | None = None, ax: Any = None) -> Figure:
    """Share of merchants trading and losing, and each side's profit, against the commission rate.

    Parameters
    ----------
    sweep : pandas.DataFrame
        Columns ``commission, share_participating, share_losing, merchant_profit_yuan,
        platform_profit_yuan``; ``share_losing_participants`` is drawn when present.
    ax : pair of Axes, optional

    Examples
    --------
    >>> s = pd.DataFrame({"commission": [0.0, 0.1], "share_participating": [1.0, 0.9], "share_losing": [0.2, 0.25],
    ...                   "merchant_profit_yuan": [5e7, 3e7], "platform_profit_yuan": [2e7, 4e7]})
    >>> len(plot_commission_sweep(s).axes)
    2
    """
    fig, axes = _axes(ax, 2, (10.0, 4.2))
    x = sweep["commission"]
    axes[0].plot(x, sweep["share_participating"], marker="o", label="share of merchants that trade")
    axes[0].plot(x, sweep["share_losing"], marker="s", label="share of all merchants losing money")
    if "share_losing_participants" in sweep:
        axes[0].plot(x, sweep["share_losing_participants"], marker="^", label="share of trading merchants losing money")
    axes[0].set(ylim=(0, 1.05), ylabel="share of merchants", title="merchants")
    axes[0].yaxis.set_major_formatter(_percent())
    axes[1].plot(x, sweep["merchant_profit_yuan"] / 1e6, marker="o", label="merchants, total")
    axes[1].plot(x, sweep["platform_profit_yuan"] / 1e6, marker="s", label="platform")
    axes[1].set(ylim=(0, None), ylabel="expected profit, million yuan per Double 11", title="profits")
    for a in axes:
        a.set_xlabel("commission, share of the price of units kept")
        a.set_xticks(list(x), [f"{100 * c:g}%" for c in x])
        a.legend(fontsize=8)
    return _finish(fig, "Under consignment the commission moves profit from merchants to the platform", source)


def plot_price_war(war: pd.DataFrame, *, source: str | None = None, ax: Any = None) -> Figure:
    """Expected profits and stock, round by round, in a matched price war under each arrangement.

    Parameters
    ----------
    war : pandas.DataFrame
        From :func:`helpers.inventory.price_war`.
    ax : pair of Axes, optional

    Examples
    --------
    >>> w = pd.DataFrame({"round": [0, 1], "arrangement": "consignment", "merchant_profit_yuan": [100.0, 0.0],
    ...                   "platform_profit_yuan": [50.0, 0.0], "order_units": [10.0, 0.0], "participates": [True, False]})
    >>> len(plot_price_war(w).axes)
    2
    """
    fig, axes = _axes(ax, 2, (11.0, 4.2))
    for arrangement, g in war.groupby("arrangement", sort=False):
        colour, name = _COLOURS.get(arrangement), ARRANGEMENT_LABELS.get(arrangement, arrangement)
        axes[0].plot(g["round"], g["platform_profit_yuan"] / 1000, marker="o", color=colour, label=f"platform, {name}")
        axes[0].plot(
            g["round"],
            g["merchant_profit_yuan"] / 1000,
            marker="x",
            linestyle="--",
            color=colour,
            label=f"merchant, {name}",
        )
        axes[1].plot(g["round"], g["order_units"], marker="o", color=colour, label=name)
        out = g[~g["participates"]]
        axes[1].scatter(out["round"], out["order_units"], marker="X", s=60, color=colour, zorder=3)
    axes[0].axhline(0, color="black", linewidth=0.6)
    axes[0].set(xlabel="discount round", ylabel="expected profit, thousand yuan", title="profits")
    axes[1].set(xlabel="discount round", ylabel="stock, units (X: no trade)", ylim=(0, None), title="stock")
    axes[0].legend(fontsize=7)
    axes[1].legend(fontsize=8)
    return _finish(fig, "A matched price war, round by round: who pays and who exits", source)


def plot_wjs(
    elasticity: np.ndarray,
    results: Mapping[float, Mapping[str, np.ndarray]],
    fixed: Mapping[float, Mapping[str, np.ndarray]],
    fixed_share: float,
    *,
    source: str | None = None,
    ax: Any = None,
) -> Figure:
    """Wang–Jiang–Shen consignment: efficiency and retailer share with the share optimised, and with it fixed.

    Parameters
    ----------
    elasticity : array
        Price elasticities ``b`` (x axis).
    results : mapping
        Retailer cost share λ → :func:`helpers.inventory.wjs_equilibrium` output over ``elasticity``.
    fixed : mapping
        λ → :func:`helpers.inventory.wjs_fixed_share` output over ``elasticity``.
    fixed_share : float
        The fixed revenue share used for ``fixed``.
    ax : three Axes, optional

    Examples
    --------
    >>> from helpers.inventory import wjs_equilibrium, wjs_fixed_share
    >>> b = np.linspace(1.1, 10, 20)
    >>> fig = plot_wjs(b, {0.0: wjs_equilibrium(b, 0.0)}, {0.0: wjs_fixed_share(b, 0.0, 0.5)}, 0.5)
    >>> len(fig.axes)
    3
    """
    fig, axes = _axes(ax, 3, (13.0, 4.4))
    for lam, r in results.items():
        axes[0].plot(elasticity, r["efficiency"], label=f"λ = {lam:g}")
        axes[1].plot(elasticity, r["retailer_share"], label=f"λ = {lam:g}")
    for lam, r in fixed.items():
        axes[2].plot(elasticity, r["efficiency"], label=f"λ = {lam:g}")
    axes[0].axhline(2 / np.e, color="black", linestyle="--", linewidth=0.8, label="2/e (a 26.4% loss)")
    axes[1].axhline(0.5, color="black", linestyle="--", linewidth=0.8, label="one half")
    axes[0].set(title="channel efficiency, share optimised", ylabel="channel profit / integrated profit")
    axes[1].set(title="retailer's share of channel profit, share optimised", ylabel="share of channel profit")
    axes[2].set(
        title=f"channel efficiency, share fixed at {fixed_share:.0%}", ylabel="channel profit / integrated profit"
    )
    for a in axes:
        a.set(xlabel="price elasticity of demand b", ylim=(0, 1.02))
        a.legend(fontsize=7, title="retailer cost share", title_fontsize=7)
    return _finish(fig, "Wang, Jiang & Shen (2004) consignment with revenue sharing, deterministic reduction", source)


def plot_agency_vs_reselling(
    shares: np.ndarray,
    agency_prices: Mapping[float, np.ndarray],
    reselling_prices: Mapping[float, float],
    *,
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Retail price under agency selling (by platform share) and under reselling, linear demand.

    Parameters
    ----------
    shares : array
        Platform revenue shares (x axis).
    agency_prices : mapping
        Unit cost (share of the demand intercept) → agency price at each share, in units of the intercept.
    reselling_prices : mapping
        Unit cost → reselling price.

    Examples
    --------
    >>> s = np.linspace(0, 0.9, 10)
    >>> bool(plot_agency_vs_reselling(s, {0.0: np.full(10, 0.5)}, {0.0: 0.75}).axes[0].get_ylim()[0] == 0.0)
    True
    """
    fig, ax = figure_and_axes(ax)
    styles = ["-", "--", ":", "-."]
    for i, (cost, prices) in enumerate(agency_prices.items()):
        style = styles[i % len(styles)]
        prices = np.asarray(prices, dtype=float)
        sold = prices < 1.0 - 1e-9  # at a price of a (the intercept) nothing sells: no trade, not a price
        ax.plot(
            shares,
            np.where(sold, prices, np.nan),
            linestyle=style,
            color="#0072B2",
            label=f"agency 代理, unit cost {cost:g}·a",
        )
        if not sold.all() and sold.any():
            last = int(np.flatnonzero(sold)[-1])
            gone = shares[last + 1] if last + 1 < sold.size else shares[last]  # prices rise with the share
            ax.annotate(
                f"no sale once the share reaches {gone:.0%}",
                (shares[last], prices[last]),
                xytext=(6, -4),
                textcoords="offset points",
                ha="left",
                va="top",
                fontsize=7,
                color="#0072B2",
            )
        ax.axhline(
            reselling_prices[cost], linestyle=style, color="#D55E00", label=f"reselling 转售, unit cost {cost:g}·a"
        )
    ax.set(
        xlabel="platform's revenue share",
        ylabel="retail price, in units of the demand intercept a",
        ylim=(0, None),
        title="Agency selling avoids the second mark-up of reselling",
    )
    ax.xaxis.set_major_formatter(_percent())
    ax.legend(fontsize=7)
    if source:
        add_source(fig, source)
    return fig
