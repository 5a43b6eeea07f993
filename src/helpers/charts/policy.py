"""Charts of notebook 04: cross-border tax over time and by price, optimal promotions, decompositions, regimes.

Every function takes its data, keyword options and ``ax=None`` and returns the
:class:`~matplotlib.figure.Figure` it drew on, with a title that says what it shows, axis
labels in words with units and a source line. Money is in yuan, stock in units, shares
are drawn in percent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from helpers.charts import add_source, figure_and_axes
from helpers.errors import ParameterError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "MODEL_SOURCE",
    "RULES_SOURCE",
    "plot_landed_tax",
    "plot_profit_heatmap",
    "plot_promotions",
    "plot_returns_regimes",
    "plot_salvage_regimes",
    "plot_sensitivities",
    "plot_sensitivity",
    "plot_shapley",
    "plot_tax_path",
    "save_and_show",
]

#: Source line of charts drawn from the rule tables.
RULES_SOURCE = "data/policy/cross_border_parameters.csv and cross_border_rules.csv (a source per row)"
#: Source line of model charts.
MODEL_SOURCE = "Model (helpers.policy, helpers.inventory.pricing); assumptions in data/assumptions/bonded.csv; rules in data/policy/"

_CATEGORY_LABELS = {
    "cosmetics_skincare_ordinary": "护肤 skincare, ordinary",
    "cosmetics_skincare_high_end": "高档护肤 skincare, high-end",
    "cosmetics_makeup_ordinary": "彩妆 make-up, ordinary",
    "cosmetics_makeup_high_end": "高档彩妆 make-up, high-end",
}


def _need(table: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ParameterError(f"{what} lacks column(s) {', '.join(missing)}")


def _finish(fig: Figure, ax: Axes, title: str, xlabel: str, ylabel: str, source: str | None) -> Figure:
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if source:
        add_source(fig, source)
    return fig


def plot_tax_path(
    path: pd.DataFrame,
    events: pd.DataFrame | None = None,
    *,
    highlight: str | None = None,
    marks: Mapping[str, object] | None = None,
    source: str | None = RULES_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """The cross-border tax on one order as a share of its price, by product category, over time.

    Parameters
    ----------
    path : pandas.DataFrame
        :func:`helpers.policy.tax_path` (columns date, category, effective_rate).
    events : pandas.DataFrame, optional
        Rule changes to mark (columns date, rule_id), e.g. from :func:`helpers.policy.load_rules`.
    highlight : str, optional
        The category of the worked product (drawn thicker).
    marks : mapping, optional
        Label -> date of vertical marks (e.g. the two dates compared, the seed article).
    source : str, optional
    ax : Axes, optional

    Returns
    -------
    Figure

    Examples
    --------
    >>> from helpers.policy import tax_path
    >>> fig = plot_tax_path(tax_path(300, "2015-01-01", "2020-12-31", ("cosmetics_skincare_ordinary",)))
    >>> fig.axes[0].get_ylabel()
    'tax on the order, % of its price'
    """
    _need(path, ("date", "category", "effective_rate"), "path")
    fig, ax = figure_and_axes(ax, figsize=(9, 4.8))
    for cat, rows in path.groupby("category", sort=False):
        rows = rows.sort_values("date")
        ax.step(
            rows["date"],
            100 * rows["effective_rate"],
            where="post",
            label=_CATEGORY_LABELS.get(cat, cat),
            linewidth=2.4 if cat == highlight else 1.2,
            alpha=1.0 if cat in (highlight, None) else 0.8,
            linestyle="--" if str(cat).endswith("high_end") else "-",
        )  # categories that coincide stay visible
    top = 100 * float(path["effective_rate"].max())
    ax.set_ylim(0, max(top * 1.25, 5))
    if events is not None and len(events):
        lo, hi = path["date"].min(), path["date"].max()
        for day in sorted(set(events.loc[(events["date"] > lo) & (events["date"] <= hi), "date"])):
            ax.axvline(day, color="0.8", linewidth=0.7, zorder=0)
    groups: list[tuple[pd.Timestamp, list[str]]] = []
    for label, date in sorted(((str(k), pd.Timestamp(v)) for k, v in (marks or {}).items()), key=lambda kv: kv[1]):
        if groups and (date - groups[-1][0]).days <= 45:  # marks a few days apart share one line and label
            groups[-1][1].append(label)
        else:
            groups.append((date, [label]))
    for date, names in groups:
        ax.axvline(date, color="#D55E00", linestyle="--", linewidth=1.0)
        ax.annotate(
            " / ".join(names),
            (date, 0.02),
            xycoords=("data", "axes fraction"),
            color="#D55E00",
            fontsize=7.5,
            rotation=90,
            ha="right",
            va="bottom",
        )
    ax.legend(loc="center right", fontsize=8)
    return _finish(
        fig,
        ax,
        "跨境电商零售进口税负 Tax on one cross-border order, by product category",
        "date (grey lines: rule changes in the rule table)",
        "tax on the order, % of its price",
        source,
    )


def plot_landed_tax(
    prices: Sequence[float] | np.ndarray,
    taxes: Mapping[str, Sequence[float]],
    *,
    worked_price: float | None = None,
    source: str | None = RULES_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """Import tax on a one-item order against its price, one line per rule regime.

    Parameters
    ----------
    prices : sequence of float
        Order prices, yuan.
    taxes : mapping
        Regime label -> tax at each price, yuan.
    worked_price : float, optional
        The worked product's price (a vertical line).

    Examples
    --------
    >>> fig = plot_landed_tax([100, 200], {"2015-11-11 rules": [0, 100]}, worked_price=150)
    >>> fig.axes[0].get_xlabel()
    'order price, yuan'
    """
    if not taxes:
        raise ParameterError("taxes: nothing to draw")
    fig, ax = figure_and_axes(ax, figsize=(8, 4.8))
    x = np.asarray(prices, dtype=float)
    for label, values in taxes.items():
        ax.plot(x, np.asarray(values, dtype=float), label=label, linewidth=1.4)
    if worked_price is not None:
        ax.axvline(worked_price, color="0.4", linewidth=0.8, linestyle=":")
        ax.annotate(
            "worked product",
            (worked_price, 0.97),
            xycoords=("data", "axes fraction"),
            fontsize=8,
            ha="left",
            va="top",
            color="0.3",
        )
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=7.5, ncol=2)
    return _finish(
        fig,
        ax,
        "到岸税负 Tax a one-item cross-border order pays, by rule regime",
        "order price, yuan",
        "import tax on the order, yuan",
        source,
    )


def plot_promotions(
    table: pd.DataFrame,
    *,
    alternative: pd.DataFrame | None = None,
    labels: Mapping[str, str] | None = None,
    legend: tuple[str, str] = ("as set in the parameters", "the other bearer of the cross-border tax"),
    source: str | None = MODEL_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """Optimal Double 11 stock of each seller, with the price its buyers pay written on the bar.

    Parameters
    ----------
    table : pandas.DataFrame
        Index seller role; columns stock, consumer_price (``BondedStudy.depth``).
    alternative : pandas.DataFrame, optional
        The same for some roles with the other bearer of the tax (drawn as hatched bars).
    labels : mapping, optional
        Role -> bar label.
    legend : (str, str)
        Legend entries of the plain and the hatched bars.

    Examples
    --------
    >>> t = pd.DataFrame({"stock": [100.0, 80.0], "consumer_price": [290.0, 300.0]}, index=["a", "b"])
    >>> fig = plot_promotions(t)
    >>> fig.axes[0].get_ylabel()
    'optimal stock, units'
    """
    _need(table, ("stock", "consumer_price"), "table")
    fig, ax = figure_and_axes(ax, figsize=(9, 4.8))
    labels = dict(labels or {})
    x = np.arange(len(table))
    width = 0.38 if alternative is not None else 0.6
    bars = ax.bar(x - (width / 2 if alternative is not None else 0), table["stock"], width, label=legend[0])
    for bar, price in zip(bars, table["consumer_price"]):
        ax.annotate(
            f"{price:,.0f}",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7.5,
        )
    if alternative is not None:
        pos = [list(table.index).index(r) for r in alternative.index]
        alt = ax.bar(
            np.array(pos) + width / 2,
            alternative["stock"],
            width,
            hatch="//",
            fill=False,
            edgecolor="0.35",
            label=legend[1],
        )
        for bar, price in zip(alt, alternative["consumer_price"]):
            ax.annotate(
                f"{price:,.0f}",
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=7.5,
                color="0.35",
            )
    ax.set_xticks(x, [labels.get(r, str(r)) for r in table.index], fontsize=7.5)
    ax.set_ylim(
        0, float(max(table["stock"].max(), 0 if alternative is None else alternative["stock"].max())) * 1.15 + 1
    )
    ax.legend(fontsize=8, loc="upper left")
    return _finish(
        fig,
        ax,
        "促销规模 Optimal Double 11 stock by seller (number on a bar: yuan the buyer pays)",
        "seller and the date of its rules",
        "optimal stock, units",
        source,
    )


def plot_shapley(
    results: Mapping[str, pd.DataFrame],
    *,
    measure_label: str = "change in optimal stock, units",
    labels: Mapping[str, str] | None = None,
    source: str | None = MODEL_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """Shapley contributions of each feature to a gap, per rule date, with the range over orders as whiskers.

    Parameters
    ----------
    results : mapping
        Rule label -> :meth:`helpers.policy.ShapleyResult.summary` table (index feature; columns
        shapley, min_over_orders, max_over_orders).
    measure_label : str
        Axis label with the unit.
    labels : mapping, optional
        Feature -> words.

    Examples
    --------
    >>> s = pd.DataFrame({"shapley": [-5.0, 2.0], "min_over_orders": [-6.0, 1.0], "max_over_orders": [-4.0, 3.0]},
    ...                  index=["taxes", "disposal"])
    >>> fig = plot_shapley({"2019 rules": s})
    >>> fig.axes[0].get_xlabel()
    'change in optimal stock, units'
    """
    if not results:
        raise ParameterError("results: nothing to draw")
    fig, ax = figure_and_axes(ax, figsize=(8, 4.6))
    labels = dict(labels or {})
    features = list(next(iter(results.values())).index)
    n = len(results)
    height = 0.8 / n
    y = np.arange(len(features))
    for k, (rule, table) in enumerate(results.items()):
        _need(table, ("shapley", "min_over_orders", "max_over_orders"), f"results[{rule!r}]")
        t = table.loc[features]
        pos = y + (k - (n - 1) / 2) * height
        ax.barh(pos, t["shapley"], height * 0.9, label=rule)
        err = np.vstack([t["shapley"] - t["min_over_orders"], t["max_over_orders"] - t["shapley"]])
        ax.errorbar(t["shapley"], pos, xerr=np.clip(err, 0, None), fmt="none", ecolor="0.2", capsize=3, linewidth=0.9)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(y, [labels.get(f, f) for f in features], fontsize=8.5)
    ax.invert_yaxis()
    ax.legend(fontsize=8)
    fig.subplots_adjust(left=0.24)
    return _finish(
        fig,
        ax,
        "分解 Bonded against domestic platform: Shapley contributions\n(whiskers: smallest and largest over the orders of the steps)",
        measure_label,
        "feature switched to the bonded platform's",
        source,
    )


def plot_salvage_regimes(table: pd.DataFrame, *, source: str | None = MODEL_SOURCE, ax: Axes | None = None) -> Figure:
    """Optimal stock under each way out for leftovers, at a fixed price (expected profit written on the bar).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`helpers.inventory.salvage_regimes` (columns disposal, net_salvage, stock, expected_profit).

    Examples
    --------
    >>> t = pd.DataFrame({"disposal": ["a", "b"], "net_salvage": [100.0, -5.0], "stock": [900.0, 600.0],
    ...                   "expected_profit": [80000.0, 60000.0]})
    >>> plot_salvage_regimes(t).axes[0].get_ylabel()
    'optimal stock at that price, units'
    """
    _need(table, ("disposal", "net_salvage", "stock", "expected_profit"), "table")
    fig, ax = figure_and_axes(ax, figsize=(9, 4.6))
    x = np.arange(len(table))
    bars = ax.bar(x, table["stock"])
    for bar, profit in zip(bars, table["expected_profit"]):
        ax.annotate(
            f"{profit:,.0f} yuan",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7.5,
        )
    names = [
        f"{d.split(' ', 1)[0]}\n{d.split(' ', 1)[-1][:28]}\n({v:,.1f} yuan net)"
        for d, v in zip(table["disposal"], table["net_salvage"])
    ]
    ax.set_xticks(x, names, fontsize=7)
    ax.set_ylim(0, float(table["stock"].max()) * 1.15 + 1)
    return _finish(
        fig,
        ax,
        "剩余库存处置 Bonded platform's stock by way out for leftovers (on a bar: expected profit)",
        "what happens to a leftover unit (net value per unit)",
        "optimal stock at that price, units",
        source,
    )


def plot_returns_regimes(
    kappas: Sequence[float] | np.ndarray,
    no_returns: Sequence[float] | np.ndarray,
    accepted: float,
    *,
    kappa_star: float,
    assumed: float,
    rare: Sequence[float] | np.ndarray | None = None,
    source: str | None = MODEL_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """Expected profit without returns against the demand lost to the rule, and with returns accepted.

    Parameters
    ----------
    kappas : sequence of float
        Demand lost without returns (shares), the x axis.
    no_returns : sequence of float
        Expected profit without returns at each, yuan.
    accepted : float
        Expected profit with returns accepted, yuan.
    kappa_star, assumed : float
        Break-even and assumed demand loss (shares).
    rare : sequence of float, optional
        Expected profit with returns allowed but rare, at each demand loss.

    Examples
    --------
    >>> fig = plot_returns_regimes([0, 0.3], [100.0, 70.0], 90.0, kappa_star=0.1, assumed=0.1)
    >>> fig.axes[0].get_xlabel()
    'demand lost without returns, % (assumption range)'
    """
    fig, ax = figure_and_axes(ax, figsize=(8, 4.6))
    k = 100 * np.asarray(kappas, dtype=float)
    ax.plot(k, np.asarray(no_returns, dtype=float), color="#0072B2", label="不可退货 no returns")
    if rare is not None:
        ax.plot(
            k,
            np.asarray(rare, dtype=float),
            color="#009E73",
            linestyle="-.",
            label="依法可退但实际罕见 allowed in law, rare in practice",
        )
    ax.axhline(accepted, color="#D55E00", label="可退回保税区 returns accepted into the zone")
    ax.axvline(100 * kappa_star, color="0.4", linestyle=":", label=f"break-even {100 * kappa_star:.1f}%")
    ax.axvline(100 * assumed, color="0.4", linestyle="--", label=f"assumed {100 * assumed:.1f}%")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=7.5, loc="lower left")
    return _finish(
        fig,
        ax,
        "退货规则 Bonded platform's expected profit by returns rule",
        "demand lost without returns, % (assumption range)",
        "expected profit at the optimal promotion, yuan",
        source,
    )


def plot_profit_heatmap(
    surface: pd.DataFrame,
    ridge: pd.DataFrame | None = None,
    *,
    marks: Mapping[str, float] | None = None,
    source: str | None = MODEL_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """Expected profit over discount depth x net salvage value, with the best discount for each salvage value.

    Parameters
    ----------
    surface : pandas.DataFrame
        :func:`helpers.inventory.profit_surface` (index salvage in yuan, columns discount as shares).
    ridge : pandas.DataFrame, optional
        :func:`helpers.inventory.best_by_salvage`.
    marks : mapping, optional
        Label -> net salvage value (horizontal lines).

    Examples
    --------
    >>> s = pd.DataFrame([[1.0, 2.0], [3.0, 4.0]], index=pd.Index([0.0, 50.0], name="salvage_yuan"),
    ...                  columns=pd.Index([0.0, 0.1], name="discount"))
    >>> plot_profit_heatmap(s).axes[0].get_xlabel()
    "discount, % of the seller's list price"
    """
    fig, ax = figure_and_axes(ax, figsize=(8, 5))
    x = 100 * np.asarray(surface.columns, dtype=float)
    y = np.asarray(surface.index, dtype=float)
    mesh = ax.pcolormesh(x, y, surface.to_numpy(), shading="auto", cmap="viridis", vmin=0)
    fig.colorbar(mesh, ax=ax, label="expected profit, yuan")
    if ridge is not None:
        ax.plot(100 * ridge["discount"], ridge["salvage_yuan"], color="white", linewidth=1.5, label="best discount")
        ax.legend(loc="lower right", fontsize=8)
    for label, value in (marks or {}).items():
        ax.axhline(value, color="#D55E00", linestyle="--", linewidth=0.8)
        ax.annotate(
            label, (x[0], value), color="white", fontsize=7.5, va="bottom", xytext=(2, 1), textcoords="offset points"
        )
    return _finish(
        fig,
        ax,
        "期望利润 Bonded platform's expected profit: discount depth x salvage value",
        "discount, % of the seller's list price",
        "net value of a leftover unit, yuan",
        source,
    )


def plot_sensitivity(
    sensitivity: pd.DataFrame,
    *,
    outcome_label: str,
    title: str,
    labels: Mapping[str, str] | None = None,
    top: int = 8,
    source: str | None = MODEL_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """Tornado chart of a one-at-a-time sweep (:func:`helpers.sensitivity.one_at_a_time`), largest swings on top.

    Assumptions with no effect are left out; say so in the text that goes with the chart.

    Examples
    --------
    >>> from helpers.sensitivity import one_at_a_time
    >>> s = one_at_a_time(lambda p: p["a"] - 1, {"a": 1.0}, {"a": (0.0, 2.0)})
    >>> plot_sensitivity(s, outcome_label="gap, %", title="t").axes[0].get_xlabel()
    'gap, %'
    """
    from helpers.charts.sensitivity import tornado_chart

    fig, ax = figure_and_axes(ax, figsize=(8, 4.8))
    shown = sensitivity[sensitivity["swing"] > 1e-9].head(top)
    shown = shown if len(shown) else sensitivity.head(1)
    words = {n: (labels or {}).get(n, str(n).replace("_", " ")) for n in shown["parameter"]}  # no raw identifiers
    tornado_chart(shown, outcome_label=outcome_label, labels=words, ax=ax)
    ax.tick_params(axis="y", labelsize=7.5)
    ax.set_ylabel("assumption, moved to each end of its range")
    ax.set_title(title)
    if source:
        add_source(fig, source)
    return fig


def plot_sensitivities(
    tables: Mapping[str, pd.DataFrame],
    *,
    outcome_label: str,
    labels: Mapping[str, str] | None = None,
    top: int = 8,
    source: str | None = MODEL_SOURCE,
    axes: Sequence[Axes] | None = None,
) -> Figure:
    """Tornado charts of several one-at-a-time sweeps side by side (one panel per table, titled by its key).

    Examples
    --------
    >>> from helpers import plotting
    >>> plotting.setup()
    >>> from helpers.sensitivity import one_at_a_time
    >>> s = one_at_a_time(lambda p: p["a"] - 1, {"a": 1.0}, {"a": (0.0, 2.0)})
    >>> len(plot_sensitivities({"x": s, "y": s}, outcome_label="gap, %").axes)
    2
    """
    import matplotlib.pyplot as plt

    if not tables:
        raise ParameterError("tables: nothing to draw")
    if axes is None:
        fig, axes = plt.subplots(1, len(tables), figsize=(5.5 * len(tables), 4.8))
        axes = np.atleast_1d(axes)
    else:
        fig = axes[0].figure
    for ax, (title, table) in zip(axes, tables.items()):
        plot_sensitivity(table, outcome_label=outcome_label, title=title, labels=labels, top=top, source=None, ax=ax)
        if ax.get_legend() is not None:
            ax.get_legend().set_loc("best")
    fig.suptitle("敏感性 What moves the bonded platform's stock gap against a domestic platform")
    fig.tight_layout()
    if source:
        add_source(fig, source)
    return fig


def save_and_show(fig: Figure, name: str) -> object:
    """Save ``fig`` (PNG and SVG, :func:`helpers.plotting.savefig`), close it, and return the saved PNG for display.

    Showing the saved file instead of the live figure renders each chart once, not twice, and the
    notebook shows exactly the file in ``figures/``.

    Returns
    -------
    IPython.display.Image
        The PNG, displayed at the figure's width at 100 dpi.
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image

    from helpers import plotting

    png = plotting.savefig(fig, name)[0]
    width = int(round(fig.get_figwidth() * 100))
    plt.close(fig)
    return Image(filename=str(png), width=width)
