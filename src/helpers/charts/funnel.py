"""Charts for the SKU funnel (notebook 06): where candidates go, how long learning takes, what it costs.

Every function follows the collection's convention (:mod:`helpers.charts`): it takes a
result of :mod:`helpers.funnel` (or a tidy table built from one), an optional ``ax`` and a
``source`` line, and returns the Figure it drew on. Numbers in titles and labels come from
the data, so the charts stay right when the notebook reruns with other assumptions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from helpers.charts import add_source, figure_and_axes
from helpers.errors import ParameterError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "ASSUMPTION_LABELS",
    "MODEL_SOURCE",
    "plot_arrangements",
    "plot_decision_times",
    "plot_empirical_prior",
    "plot_error_check",
    "plot_faster_learning",
    "plot_outcomes",
    "plot_sensitivity",
    "plot_survival_map",
    "plot_weeks_to_learn",
]

#: Default source line of model charts.
MODEL_SOURCE = "Model (helpers.funnel); assumptions in data/assumptions/funnel.csv"

#: Chart labels (words and units) for the assumptions of ``data/assumptions/funnel.csv``.
ASSUMPTION_LABELS = {
    "unwanted_share": "unwanted share of candidates",
    "unwanted_mean": "demand of an unwanted SKU, units/week",
    "unwanted_shape": "spread of unwanted demand (Gamma shape)",
    "wanted_mean": "demand of a wanted SKU, units/week",
    "wanted_shape": "spread of wanted demand (Gamma shape)",
    "price_yuan": "price, yuan",
    "gross_margin_share": "gross margin, share of price",
    "listing_cost_yuan": "listing cost, yuan per SKU",
    "weekly_cost_yuan": "weekly cost, yuan per SKU-week",
    "first_batch_units": "first batch, units",
    "salvage_share": "salvage of cut stock, share of cost",
    "keep_life_weeks": "weeks a kept SKU stays listed",
    "commission_rate": "marketplace commission, share of price",
    "merchant_salvage_share": "merchant's salvage, share of cost",
    "platform_review_cost_yuan": "platform review cost, yuan per SKU",
    "platform_slot_cost_yuan": "platform slot cost, yuan per SKU-week",
    "spike_multiplier": "Double 11 week, multiple of a week",
    "spike_discount": "Double 11 discount, share of price",
    "candidate_concentration": "similarity of candidates (Beta concentration)",
}


def _plain_log_ticks(axis: Any) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.10g}"))
    axis.set_minor_formatter(FuncFormatter(lambda v, _: ""))


_OUTCOME_COLOURS = {
    "kept, worth keeping": "#009E73",
    "kept, not worth keeping": "#E69F00",
    "cut, worth keeping": "#D55E00",
    "cut, not worth keeping": "#BBBBBB",
}


def _need(table: Any, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in table]
    if missing:
        raise ParameterError(f"{what} needs column(s) {', '.join(missing)}")


def plot_outcomes(
    outcomes: pd.DataFrame,
    *,
    article_survival: float | None = None,
    source: str = MODEL_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """Stacked bars: how tried candidates end under each rule (shares of candidates tried).

    Parameters
    ----------
    outcomes : pandas.DataFrame
        Index: rule labels; columns ``kept, worth keeping``, ``kept, not worth keeping``,
        ``cut, worth keeping``, ``cut, not worth keeping`` (shares summing to 1 per row).
    article_survival : float, optional
        Survival share claimed by the article, drawn as a line.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({k: [0.25] for k in _OUTCOME_COLOURS}, index=["rule"])
    >>> plot_outcomes(t).axes[0].get_xlabel()
    'share of candidate SKUs tried, %'
    """
    _need(outcomes, list(_OUTCOME_COLOURS), "plot_outcomes")
    fig, ax = figure_and_axes(ax, figsize=(8.5, 1.6 + 0.6 * len(outcomes)))
    y = np.arange(len(outcomes))[::-1]
    left = np.zeros(len(outcomes))
    for column, colour in _OUTCOME_COLOURS.items():
        width = 100 * outcomes[column].to_numpy(float)
        ax.barh(y, width, left=left, color=colour, label=column, height=0.6)
        left = left + width
    if article_survival is not None:
        ax.axvline(
            100 * article_survival,
            color="black",
            linestyle="--",
            linewidth=1,
            label=f"the article's survival: {100 * article_survival:.1f}% kept",
        )
    ax.set_yticks(y, list(outcomes.index))
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of candidate SKUs tried, %")
    ax.set_title("试销漏斗 Where tried candidates end, by rule")
    ax.legend(ncol=3, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.25))
    fig.subplots_adjust(left=0.25, bottom=0.4)
    return add_source(fig, source)


def plot_survival_map(
    grid: pd.DataFrame,
    *,
    targets: Sequence[float] = (1 / 21, 1 / 11, 1 / 6),
    claim: tuple[float, float] = (0.7, 0.8),
    claim_label: str = "article",
    y_label: str = "",
    log_y: bool = False,
    source: str = MODEL_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """Heat map of the survival share over the unwanted share (x) and a second assumption (y).

    Parameters
    ----------
    grid : pandas.DataFrame
        From :func:`helpers.sensitivity.two_way`: columns the unwanted shares, index the second
        parameter, cells the survival share (0-1).
    targets : sequence of float
        Survival shares drawn as contours (default: the article's 1万/(1万+10万) and the
        ends of what "1万+ kept, 10万+ cut" allows).
    claim : (float, float)
        The article's range of unwanted shares, shaded.
    claim_label : str
        Who makes the claim, for the label of the shaded band.
    y_label : str
        Axis label of the second parameter, with its unit.

    Examples
    --------
    >>> import pandas as pd
    >>> g = pd.DataFrame([[0.3, 0.1], [0.2, 0.05]], index=[1.0, 2.0], columns=[0.6, 0.9])
    >>> plot_survival_map(g, y_label="weeks").axes[0].get_xlabel()
    'unwanted share of candidates (prior), %'
    """
    fig, ax = figure_and_axes(ax, figsize=(8.0, 5.0))
    x = 100 * np.asarray(grid.columns, dtype=float)
    y = np.asarray(grid.index, dtype=float)
    z = 100 * grid.to_numpy(float)
    mesh = ax.pcolormesh(x, y, z, shading="nearest", cmap="viridis", vmin=0)
    fig.colorbar(mesh, ax=ax, label="survival: share of tried SKUs kept, %")
    levels = sorted(100 * t for t in targets)
    cs = ax.contour(x, y, z, levels=levels, colors="white", linewidths=[1, 2, 1][: len(levels)] or 1)
    ax.clabel(cs, fmt=lambda v: f"{v:.1f}%", fontsize=8)
    ax.axvspan(100 * claim[0], 100 * claim[1], color="white", alpha=0.18, linewidth=0)
    ax.annotate(
        f"{claim_label}: {100 * claim[0]:g}–{100 * claim[1]:g}% unwanted",
        (100 * claim[0], y.max()),
        xytext=(2, -12),
        textcoords="offset points",
        color="white",
        fontsize=8,
    )
    if log_y:
        ax.set_yscale("log")
        ax.set_yticks(y)
        _plain_log_ticks(ax.yaxis)
    ax.set_xlabel("unwanted share of candidates (prior), %")
    ax.set_ylabel(y_label)
    ax.set_title("存活率 Survival share of the funnel, with the survival shares claimed (contours)")
    return add_source(fig, source)


def plot_weeks_to_learn(
    table: pd.DataFrame,
    *,
    breakeven: float,
    source: str = MODEL_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """Expected weeks to classify a SKU against its true demand rate, one line per error rate.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`helpers.funnel.weeks_to_learn` (columns ``rate, error, weeks``).
    breakeven : float
        Break-even demand rate (units per week), drawn as a vertical line.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"rate": [0.1, 1.0, 0.1, 1.0], "error": [0.01, 0.01, 0.1, 0.1], "weeks": [2, 9, 1, 4]})
    >>> plot_weeks_to_learn(t, breakeven=0.5).axes[0].get_yscale()
    'log'
    """
    _need(table, ["rate", "error", "weeks"], "plot_weeks_to_learn")
    fig, ax = figure_and_axes(ax)
    for error, part in table.groupby("error", sort=True):
        part = part.sort_values("rate")
        ax.plot(part["rate"], part["weeks"], marker="o", markersize=3, label=f"error {100 * error:g}%")
    ax.axvline(breakeven, color="0.4", linestyle=":", linewidth=1)
    ax.annotate(
        f"break-even {breakeven:.2g} units/week",
        (breakeven, 1),
        xytext=(3, 3),
        textcoords="offset points",
        fontsize=8,
        color="0.3",
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    _plain_log_ticks(ax.xaxis)
    _plain_log_ticks(ax.yaxis)
    ax.set_xlabel("true demand of the SKU, units per week")
    ax.set_ylabel("expected weeks of sales to a decision")
    ax.set_title("学习时间 Weeks needed to classify a SKU")
    ax.legend(fontsize=8)
    return add_source(fig, source)


def plot_decision_times(
    curves: Mapping[str, np.ndarray],
    *,
    horizon: int,
    source: str = MODEL_SOURCE,
    ax: Axes | None = None,
) -> Figure:
    """Cumulative share of SKUs decided (kept or cut) by each test week, one line per group.

    Parameters
    ----------
    curves : mapping
        Label to an array of length ``horizon + 1``: probability of a decision after each week.
    horizon : int
        Test weeks.

    Examples
    --------
    >>> plot_decision_times({"a": np.array([0, 0.5, 0.5])}, horizon=2).axes[0].get_ylim()[1] >= 100
    np.True_
    """
    fig, ax = figure_and_axes(ax)
    weeks = np.arange(horizon + 1)
    for label, p in curves.items():
        p = np.asarray(p, dtype=float)
        if p.shape != (horizon + 1,):
            raise ParameterError(f"curve {label!r} must have horizon + 1 = {horizon + 1} values")
        ax.step(weeks, 100 * np.cumsum(p), where="post", label=label)
    ax.set_xlim(0, horizon)
    ax.set_ylim(0, 102)
    ax.set_xlabel("weeks of sales (test week)")
    ax.set_ylabel("share of SKUs decided, %")
    ax.set_title("决策时间 When the test ends: share of SKUs kept or cut by week")
    ax.legend(fontsize=8, loc="lower right")
    return add_source(fig, source)


def plot_error_check(
    table: pd.DataFrame,
    *,
    source: str = "Simulation (helpers.funnel.simulate_funnel) against Wald's bounds",
    ax: Axes | None = None,
) -> Figure:
    """Measured error rates of sequential tests (dots) against their analytic bounds (bars).

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``test`` (label), ``error`` (label of the error), ``measured`` and ``bound`` (shares).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"test": ["a"], "error": ["keep"], "measured": [0.01], "bound": [0.05]})
    >>> plot_error_check(t).axes[0].get_xlabel()
    'error rate, %'
    """
    _need(table, ["test", "error", "measured", "bound"], "plot_error_check")
    fig, ax = figure_and_axes(ax, figsize=(8.0, 1.2 + 0.4 * len(table)))
    labels = [f"{t}: {e}" for t, e in zip(table["test"], table["error"])]
    y = np.arange(len(table))[::-1]
    ax.barh(
        y,
        100 * table["bound"].to_numpy(float),
        color="#DDDDDD",
        height=0.6,
        label="analytic bound (Wald; Ville for the posterior rule)",
    )
    ax.plot(100 * table["measured"].to_numpy(float), y, "o", color="#0072B2", label="measured in simulation")
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlabel("error rate, %")
    ax.set_xlim(0, None)
    ax.set_title("检验误差 Sequential tests stay within Wald's error bounds")
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2)
    fig.subplots_adjust(left=0.42, bottom=0.35)
    return add_source(fig, source)


def plot_empirical_prior(
    rates: np.ndarray,
    predicted: np.ndarray,
    *,
    breakeven: float | None = None,
    data_label: str = "listed items",
    source: str,
    ax: Axes | None = None,
) -> Figure:
    """Distribution of observed weekly sales per listed item against the fitted mixture's prediction.

    Parameters
    ----------
    rates : numpy.ndarray
        Observed units per week, one per item.
    predicted : numpy.ndarray
        The same quantity drawn from the fitted model (same exposures), for comparison.
    breakeven : float, optional
        Break-even rate, drawn as a line.
    data_label : str
        What the items are (built from the data by the caller), for the title.

    Examples
    --------
    >>> f = plot_empirical_prior(np.array([0, 1, 10.0]), np.array([0, 2, 8.0]), source="toy")
    >>> f.axes[0].get_ylabel()
    'share of items, %'
    """
    from matplotlib.ticker import NullLocator

    fig, ax = figure_and_axes(ax)
    obs = np.asarray(rates, dtype=float)
    pred = np.asarray(predicted, dtype=float)
    top = max(float(np.nanmax(obs)), float(np.nanmax(pred)), 10.0)
    edges = np.concatenate([[0.0], np.geomspace(0.5, top * 1.01, 25)])
    for data, label, style in (
        (obs, f"listed items ({len(obs):,})", {"color": "#0072B2", "alpha": 0.6}),
        (pred, "fitted Gamma–Poisson mixture", {"color": "#D55E00", "histtype": "step", "linewidth": 1.5}),
    ):
        weights = np.full(len(data), 100.0 / max(len(data), 1))
        ax.hist(np.clip(data, 0, None), bins=edges, weights=weights, label=label, **style)
    ax.set_xscale("symlog", linthresh=0.5)
    ticks = [0.0] + [10.0**k for k in range(int(np.ceil(np.log10(top))) + 1)]
    ax.set_xticks(ticks, [f"{t:,.0f}" for t in ticks])
    ax.xaxis.set_minor_locator(NullLocator())
    if breakeven is not None:
        ax.axvline(breakeven, color="0.3", linestyle=":", linewidth=1)
        ax.annotate(
            f"break-even {breakeven:.2g} units/week",
            (breakeven, ax.get_ylim()[1] * 0.9),
            xytext=(3, 0),
            textcoords="offset points",
            fontsize=8,
        )
    ax.set_xlabel("units sold per week (ordinary days; first bar: nothing sold)")
    ax.set_ylabel("share of items, %")
    ax.set_title(f"经验先验 Weekly sales per item: {data_label}")
    ax.legend(fontsize=8)
    return add_source(fig, source)


def plot_faster_learning(
    table: pd.DataFrame, *, source: str = MODEL_SOURCE, axes: Sequence[Axes] | None = None
) -> Figure:
    """Two panels: test weeks and cost per surviving SKU against the traffic multiplier of test weeks.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`helpers.funnel.faster_learning` (index ``multiplier``; columns
        ``test_weeks, cost_per_survivor, gain_per_tried``).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"test_weeks": [3.0, 2.0], "cost_per_survivor": [2e4, 1.5e4], "gain_per_tried": [0, 500]},
    ...                  index=pd.Index([1.0, 2.0], name="multiplier"))
    >>> len(plot_faster_learning(t).axes)
    2
    """
    import matplotlib.pyplot as plt

    _need(table, ["test_weeks", "cost_per_survivor", "gain_per_tried"], "plot_faster_learning")
    if axes is None:
        fig, pair = plt.subplots(1, 2, figsize=(9.5, 4.0))
    else:
        if len(axes) != 2:
            raise ParameterError("axes must be two matplotlib Axes")
        fig, pair = axes[0].figure, axes
    m = np.asarray(table.index, dtype=float)
    pair[0].plot(m, table["test_weeks"], marker="o")
    pair[0].set_ylim(0, None)
    pair[0].set_xlabel("buyers shown a test SKU, multiple of an ordinary week")
    pair[0].set_ylabel("mean test weeks per tried SKU")
    pair[1].plot(m, table["cost_per_survivor"] / 1e4, marker="o", label="funnel cost per surviving SKU")
    pair[1].plot(m, table["gain_per_tried"] / 1e4, marker="s", label="value gained per tried SKU")
    pair[1].axhline(0, color="black", linewidth=0.6)
    pair[1].set_xlabel("buyers shown a test SKU, multiple of an ordinary week")
    pair[1].set_ylabel("万元 (10,000 yuan) per SKU")
    pair[1].legend(fontsize=8)
    fig.suptitle("更快学习 What faster learning is worth (procurement)")
    fig.subplots_adjust(wspace=0.3, top=0.88)
    return add_source(fig, source)


def plot_arrangements(table: pd.DataFrame, *, source: str = MODEL_SOURCE, ax: Axes | None = None) -> Figure:
    """Grouped bars: funnel cost per tried SKU borne by the platform and by merchants, per arrangement.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`helpers.funnel.arrangement_table` (columns ``arrangement, party, learning_cost``).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"arrangement": ["procurement", "procurement"], "party": ["platform", "merchant"],
    ...                   "learning_cost": [5000.0, 0.0]})
    >>> plot_arrangements(t).axes[0].get_ylabel()
    'funnel cost per tried SKU, yuan'
    """
    _need(table, ["arrangement", "party", "learning_cost"], "plot_arrangements")
    fig, ax = figure_and_axes(ax)
    arrangements = list(dict.fromkeys(table["arrangement"]))
    parties = list(dict.fromkeys(table["party"]))
    x = np.arange(len(arrangements))
    width = 0.8 / max(len(parties), 1)
    names = {
        "procurement": "procurement 采销\n(platform buys stock)",
        "marketplace": "marketplace 寄售\n(merchants list)",
    }
    for i, party in enumerate(parties):
        part = table[table["party"] == party].set_index("arrangement").reindex(arrangements)
        ax.bar(x + (i - (len(parties) - 1) / 2) * width, part["learning_cost"].fillna(0), width, label=party)
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_xticks(x, [names.get(a, a) for a in arrangements])
    ax.set_ylabel("funnel cost per tried SKU, yuan")
    ax.set_title("谁承担试错成本 Who pays for learning which SKUs sell")
    ax.legend(fontsize=8)
    return add_source(fig, source)


def plot_sensitivity(
    panels: Mapping[str, pd.DataFrame],
    *,
    labels: Mapping[str, str] | None = None,
    reference: Mapping[str, tuple[float, str]] | None = None,
    title: str = "敏感性 What moves the funnel's outcomes",
    source: str = MODEL_SOURCE,
) -> Figure:
    """Stacked tornado charts, one panel per outcome, with an optional reference line in each.

    Parameters
    ----------
    panels : mapping
        Outcome axis label (with its unit) to a table from :func:`helpers.sensitivity.one_at_a_time`.
    labels : mapping, optional
        Display names of the assumptions (default :data:`ASSUMPTION_LABELS`).
    reference : mapping, optional
        Outcome axis label to ``(value, label)``: a dashed line (e.g. the article's claim).

    Examples
    --------
    >>> from helpers.sensitivity import one_at_a_time
    >>> t = one_at_a_time(lambda p: p["unwanted_share"] * 10, {"unwanted_share": 0.75}, {"unwanted_share": (0.5, 0.9)})
    >>> fig = plot_sensitivity({"survival share, %": t}, reference={"survival share, %": (6.0, "claim")})
    >>> len(fig.axes), fig.axes[0].get_xlabel()
    (1, 'survival share, %')
    """
    import matplotlib.pyplot as plt

    from helpers.charts.sensitivity import tornado_chart

    if not panels:
        raise ParameterError("plot_sensitivity needs at least one outcome table")
    rows = [max(len(t), 1) for t in panels.values()]
    fig, axes = plt.subplots(
        len(panels),
        1,
        figsize=(9.0, 0.8 + 0.36 * sum(rows) + 0.8 * len(rows)),
        gridspec_kw={"height_ratios": rows},
        squeeze=False,
    )
    for ax, (label, table) in zip(axes[:, 0], panels.items()):
        tornado_chart(table, outcome_label=label, ax=ax, labels=dict(labels or ASSUMPTION_LABELS))
        if reference and label in reference:
            value, text = reference[label]
            ax.axvline(value, color="#D55E00", linestyle="--", linewidth=1, label=text)
            ax.legend(fontsize=8, loc="lower right")
    fig.suptitle(title)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    add_source(fig, source)
    fig.subplots_adjust(bottom=0.8 / fig.get_figheight())  # a tall figure needs less than add_source's share
    return fig
