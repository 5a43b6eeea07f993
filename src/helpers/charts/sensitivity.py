"""Charts of sensitivity analyses: tornado charts and two-way heat maps.

Both take the tables of :mod:`helpers.assumptions` (:func:`~helpers.sensitivity.one_at_a_time`
and :func:`~helpers.sensitivity.two_way`) and follow the collection's chart convention
(``ax=None`` → a new Figure, a title, axis labels with units, a source line).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from helpers.charts import add_source, figure_and_axes

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["heatmap_chart", "tornado_chart"]


def tornado_chart(
    sensitivity: pd.DataFrame,
    *,
    outcome_label: str,
    labels: Mapping[str, str] | None = None,
    value_format: str = "{:g}",
    min_swing: float = 0.0,
    title: str | None = None,
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Draw a tornado chart of :func:`helpers.sensitivity.one_at_a_time` output.

    Parameters
    ----------
    sensitivity : pandas.DataFrame
        From :func:`~helpers.sensitivity.one_at_a_time` (largest swing drawn on top).
    outcome_label : str
        Axis label of the outcome (with its unit).
    labels : mapping, optional
        Display names for parameters (default: the names).
    value_format : str
        Format of the parameter values printed at the bar ends.
    min_swing : float
        Leave out parameters whose swing is not above this (default 0: drop only those with no
        effect at all); say so in the text that goes with the chart.
    title : str, optional
        Chart title.
    source : str, optional
        Source line (see :func:`helpers.charts.add_source`); none when omitted.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from helpers.sensitivity import one_at_a_time
    >>> t = one_at_a_time(lambda p: p["a"] + p["b"], {"a": 1.0, "b": 1.0}, {"a": (0.0, 2.0), "b": (0.5, 1.0)})
    >>> fig = tornado_chart(t, outcome_label="outcome (yuan)", title="What moves the outcome", source="Model")
    >>> fig.axes[0].get_title(), len(fig.axes[0].patches)
    ('What moves the outcome', 4)
    """
    n = max(len(sensitivity), 1)
    own = ax is None
    fig, ax = figure_and_axes(ax, figsize=(9.0, 0.5 + 0.45 * n + 1.0))
    labels = dict(labels or {})
    data = sensitivity[sensitivity["swing"] > min_swing].iloc[::-1].reset_index(drop=True)
    base = float(sensitivity["base_outcome"].iloc[0]) if len(sensitivity) else 0.0
    ys = np.arange(len(data))
    handles = {}
    spread = np.ptp(np.r_[data["outcome_low"], data["outcome_high"], base]) if len(data) else 0.0
    for y, row in zip(ys, data.itertuples(index=False)):
        ends = [("low", row.outcome_low, "#0072B2"), ("high", row.outcome_high, "#D55E00")]
        ends.sort(key=lambda e: -abs(e[1] - base))  # longer bar first, so a shorter one on the same side shows
        (_, far, _), (near_end, near, _) = ends
        # both ends on one side and almost equal: one label "low, high" at the far end instead of two on top of each other
        merged = (far - base) * (near - base) > 0 and abs(far - near) < 0.04 * spread
        for end, outcome, colour in ends:
            bars = ax.barh(y, outcome - base, left=base, color=colour, height=0.6, alpha=0.85)
            handles[end] = bars
            if outcome == base or (merged and end == near_end):
                continue
            text = value_format.format(getattr(row, end))
            if merged:
                text = ", ".join(value_format.format(getattr(row, e)) for e in ("low", "high"))
            ax.annotate(
                text,
                (outcome, y),
                xytext=(3 if outcome >= base else -3, 0),
                textcoords="offset points",
                ha="left" if outcome >= base else "right",
                va="center",
                fontsize=8,
            )
    ax.axvline(base, color="black", linewidth=0.8)
    ax.set_yticks(ys, [labels.get(p, p) for p in data["parameter"]])
    ax.set_xlabel(outcome_label)
    if title:
        ax.set_title(title)
    if handles:
        ax.legend([handles["low"], handles["high"]], ["parameter at low end", "parameter at high end"], fontsize=8)
    ax.margins(x=0.15)
    if own:
        fig.tight_layout()  # room for long parameter labels
    if source:
        add_source(fig, source)
    return fig


def heatmap_chart(
    grid: pd.DataFrame,
    *,
    outcome_label: str,
    x_label: str,
    y_label: str,
    title: str,
    value_format: str = "{:.0%}",
    tick_format: str = "{:.3g}",
    vmin: float | None = None,
    vmax: float | None = None,
    contours: tuple[float, ...] = (),
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Draw a two-way sensitivity grid (:func:`helpers.sensitivity.two_way`) as a heat map with values.

    Parameters
    ----------
    grid : pandas.DataFrame
        Rows: values of the y parameter; columns: values of the x parameter; cells: the outcome.
    outcome_label : str
        Colour-bar label (with unit).
    x_label, y_label : str
        Axis labels in words, with units.
    title : str
        Chart title.
    value_format, tick_format : str
        Formats of the cell values and of the tick labels.
    vmin, vmax : float, optional
        Colour scale limits (default: the data's; pass 0 to show zero as zero).
    contours : tuple of float
        Outcome levels to outline.
    source : str, optional
        Source line.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> g = pd.DataFrame([[0.1, 0.2], [0.3, 0.6]], index=[0, 1], columns=[0.5, 1.0])
    >>> fig = heatmap_chart(g, outcome_label="share", x_label="x", y_label="y", title="t", contours=(0.5,))
    >>> fig.axes[0].get_xlabel()
    'x'
    """
    own = ax is None
    fig, ax = figure_and_axes(ax, figsize=(7.0, 4.8))
    values = grid.to_numpy(dtype=float)
    nx, ny = values.shape[1], values.shape[0]
    mesh = ax.pcolormesh(range(nx), range(ny), values, cmap="Reds", vmin=vmin, vmax=vmax, shading="nearest")
    levels = [c for c in contours if np.nanmin(values) < c < np.nanmax(values)]
    if levels and nx > 1 and ny > 1:
        ax.contour(range(nx), range(ny), values, levels=levels, colors="black", linewidths=0.8)
    ax.set_xticks(range(nx), [tick_format.format(v) for v in grid.columns])
    ax.set_yticks(range(ny), [tick_format.format(v) for v in grid.index])
    ax.grid(False)
    for (i, j), v in np.ndenumerate(values):
        ax.text(j, i, value_format.format(v), ha="center", va="center", fontsize=7)
    ax.set(xlabel=x_label, ylabel=y_label, title=title)
    if levels and nx > 1 and ny > 1:
        outcome_label += " (lines at " + ", ".join(value_format.format(c) for c in levels) + ")"
    fig.colorbar(mesh, ax=ax, label=outcome_label)
    if own:
        fig.tight_layout()
    if source:
        add_source(fig, source)
    return fig
