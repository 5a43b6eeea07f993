"""Charts for listing-level data (notebook 05): the sales counter, shares by origin, discounts, uplift.

Every function follows the collection's convention (:mod:`helpers.charts`): it takes the
table a ``helpers.listings`` function returned, an optional ``ax`` (or ``axes`` for
two-panel charts) and a ``source`` line, and returns the Figure. Titles, labels and
legends come from the data (dates, groups, counts), so the charts stay right on another
listing file. :func:`source_line` builds the source text from a loaded table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from helpers.charts import add_source, figure_and_axes
from helpers.errors import ParameterError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "PARAMETER_LABELS",
    "parameter_label",
    "plot_assumption_check",
    "plot_counter_evidence",
    "plot_daily_units",
    "plot_depth_vs_model",
    "plot_discount_classes",
    "plot_shares",
    "plot_uplift",
    "source_line",
]

#: Words (and unit) for the parameters of notebooks 03/04 that the listing estimates speak to.
PARAMETER_LABELS = {
    "uplift": "Double 11 uplift, multiple of an ordinary day",
    "cv_median": "a merchant's demand uncertainty (CV)",
    "scale_sigma": "spread of merchants' size (log sd)",
    "uplift_cv": "common yearly shock (CV)",
    "demand_cv": "an item's demand uncertainty (CV)",
}
_NOTEBOOK_OF = {"consignment": "notebook 03", "bonded": "notebook 04"}


def parameter_label(name: str, file: str | None = None) -> str:
    """A parameter of notebooks 03/04 in words, with the notebook that assumes it.

    Examples
    --------
    >>> parameter_label("demand_cv", "data/assumptions/bonded.csv")
    "an item's demand uncertainty (CV), notebook 04"
    """
    label = PARAMETER_LABELS.get(name, name.replace("_", " "))
    if file:
        stem = file.rsplit("/", 1)[-1].removesuffix(".csv")
        label += f", {_NOTEBOOK_OF.get(stem, stem + '.csv')}"
    return label


_MEASURE_LABELS = {
    "listings": "items listed\non the day",
    "items_selling": "items that\nsold",
    "units": "estimated\nunits",
    "value_yuan": "estimated value\n(yuan)",
}
_CLASS_COLOURS = {
    "real_cut": "#009E73",
    "no_change": "#BBBBBB",
    "raise_then_cut": "#D55E00",
    "raised_before": "#CC79A7",
    "raise_on_day": "#E69F00",
}


def source_line(listings: pd.DataFrame, what: str = "listing snapshots") -> str:
    """The source text for a chart of ``listings``: file and dates covered.

    Examples
    --------
    >>> import pandas as pd
    >>> source_line(pd.DataFrame({"date": pd.to_datetime(["2016-11-05", "2016-11-14"])}))
    'listing snapshots, 2016-11-05..2016-11-14'
    """
    report = getattr(listings, "attrs", {}).get("load_report")
    dates = f"{listings['date'].min():%Y-%m-%d}..{listings['date'].max():%Y-%m-%d}"
    where = f"{report.path} " if report is not None else ""
    return f"{where}({what}, {dates})" if where else f"{what}, {dates}"


def _two_axes(axes: Sequence[Axes] | None, figsize: tuple[float, float]) -> tuple[Figure, Sequence[Axes]]:
    import matplotlib.pyplot as plt

    if axes is None:
        fig, new = plt.subplots(1, 2, figsize=figsize)
        return fig, list(new)
    if len(axes) != 2:
        raise ParameterError("axes must be two matplotlib Axes")
    return axes[0].figure, list(axes)


def plot_counter_evidence(evidence: Any, *, source: str, axes: Sequence[Axes] | None = None) -> Figure:
    """How the sales count moves: direction of one-day changes by date, and falls against a rolling count.

    Parameters
    ----------
    evidence : CounterEvidence
        From :func:`helpers.listings.counter_evidence`.
    source : str
        Source line.
    axes : two Axes, optional

    Returns
    -------
    Figure
    """
    import numpy as np

    fig, (ax1, ax2) = _two_axes(axes, (10, 4.2))
    d = evidence.by_date
    x = np.arange(len(d))
    bottom = np.zeros(len(d))
    for col, label, colour in (
        ("share_down", "went down", "#D55E00"),
        ("share_zero", "unchanged", "#BBBBBB"),
        ("share_up", "went up", "#0072B2"),
    ):
        ax1.bar(x, d[col] * 100, bottom=bottom, color=colour, label=label, width=0.8)
        bottom += d[col].to_numpy() * 100
    ax1.set_xticks(x, [f"{t:%m-%d}" for t in d["date"]], rotation=45, fontsize=8)
    ax1.set_ylim(0, 100)
    ax1.set_xlabel("snapshot date (change since the day before)")
    ax1.set_ylabel("share of items, %")
    ax1.set_title("Day-to-day change of each item's sales count")
    ax1.legend(fontsize=8, loc="lower left")
    lv = evidence.by_level[evidence.by_level["pairs"] > 0]
    window = evidence.summary.get("window_days", 30)
    xb = np.arange(len(lv))
    ax2.bar(xb - 0.2, lv["share_down"] * 100, 0.4, color="#D55E00", label="observed")
    ax2.bar(
        xb + 0.2,
        lv["expected_down_if_rolling"] * 100,
        0.4,
        color="#BBBBBB",
        label=f"if it were a {window:.0f}-day count (steady sales)",
    )
    ax2.set_xticks(xb, lv["band"].astype("str"), fontsize=8, rotation=20)
    ax2.set_ylim(0, 100)
    ax2.set_xlabel("sales count before the change, units")
    ax2.set_ylabel("ordinary one-day changes that went down, %")
    ax2.set_title("Falls before the festival: observed and expected")
    ax2.legend(fontsize=8)
    fig.tight_layout()
    return add_source(fig, source)


def plot_daily_units(totals: pd.DataFrame, *, source: str, axes: Sequence[Axes] | None = None) -> Figure:
    """Estimated units sold per day next to the popular "sum of counts" reading.

    Parameters
    ----------
    totals : DataFrame
        From :func:`helpers.listings.daily_totals`.
    source : str
        Source line.
    axes : two Axes, optional

    Returns
    -------
    Figure
    """
    fig, (ax1, ax2) = _two_axes(axes, (10, 4.2))
    labels = [f"{t:%m-%d}" for t in totals["date"]]
    units = totals["units_since_previous_day"].astype("float64") / 1e4
    ax1.bar(labels, units.fillna(0).where(units.notna(), float("nan")), color="#0072B2")
    for i in range(len(units)):
        if units.isna().iloc[i]:
            ax1.annotate(
                "no earlier\nsnapshot",
                (i, 0),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=7,
                color="0.4",
            )
    ax1.axhline(0, color="0.3", lw=0.8)
    ax1.set_ylabel("units sold since the day before, 万 (10,000 units)")
    ax1.set_xlabel("snapshot date")
    ax1.set_title("Estimated sales: change of the counts")
    ax2.bar(labels, totals["sum_of_counts"] / 1e6, color="#BBBBBB")
    ax2.set_ylabel("sum of counts shown, million")
    ax2.set_xlabel("snapshot date")
    ax2.set_title("Popular reading: counts summed as 'daily sales'")
    for ax in (ax1, ax2):
        ax.tick_params(axis="x", rotation=45, labelsize=8)
    ax2.set_ylim(bottom=0)
    fig.tight_layout()
    return add_source(fig, source)


def plot_shares(shares: pd.DataFrame, *, source: str, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Shares of each measure by group, with bootstrap intervals.

    Parameters
    ----------
    shares : DataFrame
        From :func:`helpers.listings.origin_shares`.
    source : str
        Source line.
    ax : Axes, optional
    title : str, optional
        Default names the grouping and the interval.

    Returns
    -------
    Figure
    """
    import numpy as np

    from helpers import plotting

    fig, ax = figure_and_axes(ax, figsize=(9, 4.5))
    groups = list(dict.fromkeys(shares["group"]))
    measures = [m for m in _MEASURE_LABELS if m in set(shares["measure"])]
    width = 0.8 / max(len(groups), 1)
    x = np.arange(len(measures))
    for i, g in enumerate(groups):
        rows = shares[shares["group"] == g].set_index("measure").reindex(measures)
        share = rows["share"].to_numpy() * 100
        err = np.vstack([share - rows["share_low"].to_numpy() * 100, rows["share_high"].to_numpy() * 100 - share])
        n_nc = int(rows["shops_without_counts"].max())
        n_shops = int(rows["shops"].max())
        label = f"{g} ({n_shops} shop{'s' if n_shops != 1 else ''}" + (f", {n_nc} without counts)" if n_nc else ")")
        ax.bar(
            x + (i - (len(groups) - 1) / 2) * width,
            share,
            width,
            yerr=np.clip(err, 0, None),
            capsize=2,
            color=plotting.PALETTE[i % len(plotting.PALETTE)],
            label=label,
            error_kw={"lw": 0.8},
        )
    ax.set_xticks(x, [_MEASURE_LABELS[m] for m in measures])
    ax.set_ylabel("share of the festival day, %")
    ax.set_ylim(0, None)
    by = shares.attrs.get("by", "group").replace("_", " ")
    level = shares.attrs.get("level", 0.9)
    boot = shares.attrs.get("bootstrap", "shops")
    ax.set_title(title or f"Shares by brand {by} ({level:.0%} intervals, resampling {boot})")
    ax.legend(fontsize=7, ncol=2)
    return add_source(fig, source)


def plot_discount_classes(
    summary: pd.DataFrame, *, source: str, ax: Axes | None = None, title: str | None = None
) -> Figure:
    """Stacked shares of the discount classes by group.

    Parameters
    ----------
    summary : DataFrame
        From :func:`helpers.listings.discount_summary` with ``by`` set.
    source : str
        Source line.
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Figure
    """
    import numpy as np

    from helpers.listings.discounts import CLASSES

    fig, ax = figure_and_axes(ax, figsize=(9, 4.5))
    key = summary.columns[0]
    labels = [f"{g} (n={int(n)})" for g, n in zip(summary[key], summary["comparable"])]
    y = np.arange(len(summary))
    left = np.zeros(len(summary))
    for cls, label in CLASSES.items():
        vals = summary[f"share_{cls}"].to_numpy() * 100
        ax.barh(y, vals, left=left, color=_CLASS_COLOURS[cls], label=label)
        left += vals
    ax.set_yticks(y, labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of items priced before and on the festival day, %")
    ax.set_title(title or f"Festival price against the item's own ordinary price, by {key.replace('_', ' ')}")
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=len(CLASSES), frameon=False)
    fig.tight_layout()
    return add_source(fig, source)


def plot_uplift(sample: pd.DataFrame, statistics: pd.DataFrame, *, source: str, ax: Axes | None = None) -> Figure:
    """Distribution of the festival uplift across items (log scale), with its summaries.

    Parameters
    ----------
    sample : DataFrame
        From :func:`helpers.listings.uplift_sample`.
    statistics : DataFrame
        From :func:`helpers.listings.uplift_statistics`.
    source : str
        Source line.
    ax : Axes, optional

    Returns
    -------
    Figure
    """
    import numpy as np

    fig, ax = figure_and_axes(ax)
    u = sample["uplift"].to_numpy(dtype="float64")
    u = u[u > 0]
    bins = np.logspace(np.floor(np.log10(u.min())), np.ceil(np.log10(u.max())), 40)
    ax.hist(u, bins=bins, color="#56B4E9", edgecolor="white")
    ax.set_xscale("log")
    s = statistics.set_index("statistic")
    for stat, colour, name in (("median_uplift", "#000000", "median item"), ("pooled_uplift", "#D55E00", "pooled")):
        row = s.loc[stat]
        ax.axvline(
            row["estimate"],
            color=colour,
            lw=1.2,
            label=f"{name}: {row['estimate']:,.0f}x ({row['low']:,.0f}–{row['high']:,.0f})",
        )
    ax.set_xlabel("festival-day sales ÷ ordinary daily sales (log scale)")
    ax.set_ylabel("items")
    n_out = int((sample["uplift"] <= 0).sum())
    ax.set_title(
        f"Double 11 uplift across {len(sample):,} items"
        + (f" ({n_out} with no net festival sales not shown)" if n_out else "")
    )
    ax.legend(fontsize=8)
    return add_source(fig, source)


def plot_assumption_check(comparison: pd.DataFrame, *, source: str, axes: Sequence[Axes] | None = None) -> Figure:
    """Each assumed range of notebooks 03/04 beside the estimate and its interval, one panel per parameter.

    Parameters
    ----------
    comparison : DataFrame
        From :func:`helpers.listings.assumption_comparison`.
    source : str
        Source line.
    axes : Axes, optional
        One per estimable parameter.

    Returns
    -------
    Figure
    """
    import matplotlib.pyplot as plt

    rows = comparison[comparison["estimate"].notna()].reset_index(drop=True)
    if rows.empty:
        raise ParameterError("no estimable parameter to draw")
    if axes is None:
        fig, axes = plt.subplots(1, len(rows), figsize=(3.2 * len(rows), 3.6))
        axes = [axes] if len(rows) == 1 else list(axes)
    fig = axes[0].figure
    for ax, r in zip(axes, rows.itertuples()):
        ax.plot([0, 0], [r.low, r.high], color="#BBBBBB", lw=8, solid_capstyle="butt", label="assumed range")
        ax.plot(0, r.assumed, "o", color="#000000", label="assumed value")
        ax.errorbar(
            1,
            r.estimate,
            yerr=[[r.estimate - r.estimate_low], [r.estimate_high - r.estimate]],
            fmt="s",
            color="#D55E00",
            capsize=4,
            label="estimate (interval)",
        )
        ax.set_xlim(-0.7, 1.7)
        ax.set_xticks([0, 1], ["assumed", "estimated"])
        ax.set_ylim(0, max(r.high, r.estimate_high) * 1.15)
        label, nb = parameter_label(r.parameter, r.file).rsplit(", ", 1)
        ax.set_title(f"{label}\n({nb}: {r.file.rsplit('/', 1)[-1]})", fontsize=9)
        ax.grid(axis="x", visible=False)
    axes[0].set_ylabel("parameter value (unit in each title)")
    axes[0].legend(fontsize=7, loc="upper left")
    fig.suptitle("Assumed parameters of notebooks 03/04 against the listing estimates", fontsize=11)
    fig.tight_layout()
    return add_source(fig, source)


def plot_depth_vs_model(observed: pd.DataFrame, model: pd.DataFrame, *, source: str, ax: Axes | None = None) -> Figure:
    """Observed festival discounts beside notebook 04's optimal discounts.

    Parameters
    ----------
    observed : DataFrame
        From :func:`helpers.listings.observed_depth` (one row per group; ``"all"`` for the
        whole file).
    model : DataFrame
        ``seller`` and one or more discount columns (fractions of the list price), e.g. the
        optimum with the assumed parameters and with the estimated ones.
    source : str
        Source line.
    ax : Axes, optional

    Returns
    -------
    Figure
    """
    import numpy as np

    fig, ax = figure_and_axes(ax, figsize=(9, 4.8))
    key = observed.columns[0]
    rows: list[tuple[str, list[float]]] = []
    for r in observed.itertuples(index=False):
        group = getattr(r, key)
        who = "all items" if group == "all" else str(group)
        rows.append((f"observed, {who}: mean discount (0 if not cut)", [r.mean_depth]))
        rows.append((f"observed, {who}: median of the real cuts", [0.0 if np.isnan(r.median_cut) else r.median_cut]))
    cols = [c for c in model.columns if c != "seller"]
    for r in model.itertuples(index=False):
        name = str(r.seller).split(" ", 1)[-1]
        rows.append((f"model: {name}", [getattr(r, c) for c in cols]))
    y = np.arange(len(rows))
    n_obs = 2 * len(observed)
    h = 0.8 / max(len(cols), 1)
    for i, (_, vals) in enumerate(rows[:n_obs]):
        ax.barh(i, vals[0] * 100, height=0.6, color="#009E73", label="observed (listings)" if i == 0 else None)
        ax.annotate(
            f"{vals[0]:.1%}", (vals[0] * 100, i), xytext=(3, 0), textcoords="offset points", va="center", fontsize=7
        )
    for j, c in enumerate(cols):
        for i, (_, vals) in enumerate(rows[n_obs:], start=n_obs):
            off = (j - (len(cols) - 1) / 2) * h
            ax.barh(
                i + off,
                vals[j] * 100,
                height=h,
                color=("#D55E00", "#CC79A7", "#0072B2")[j % 3],
                label=f"notebook 04 optimum ({c.replace('_', ' ')} parameters)" if i == n_obs else None,
            )
            ax.annotate(
                f"{vals[j]:.1%}",
                (vals[j] * 100, i + off),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=7,
            )
    ax.set_yticks(y, [name for name, _ in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("discount, % of the ordinary (list) price")
    ax.set_xlim(0, None)
    ax.set_title("Observed Double 11 discounts against notebook 04's optimal discounts")
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    return add_source(fig, source)
