"""The collection map: the source article feeding each notebook."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpers.charts import add_source

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_map"]


def plot_map(table: pd.DataFrame, source: str, labels: dict[str, str] | None = None, ax: Axes | None = None) -> Figure:
    """Draw the collection as a flow: the source article feeding each notebook.

    Parameters
    ----------
    table : pandas.DataFrame
        ``notebook`` and ``title`` columns (:func:`helpers.collection.collection_map`).
    source : str
        Label of the starting document (drawn on the left).
    labels : dict, optional
        Notebook file name to a short label shown in its box; default the title.
    ax : Axes, optional
        Where to draw; default a new figure sized to the number of notebooks.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> fig = plot_map(pd.DataFrame({"notebook": ["01_a.ipynb"], "title": ["01 · A"]}), "article")
    >>> fig.axes[0].get_title()
    'The collection: one article, one notebook per question'
    """
    import matplotlib.pyplot as plt

    labels = labels or {}
    n = max(len(table), 1)
    if ax is None:
        fig, ax = plt.subplots(figsize=(8.0, 0.7 * n + 1.6))
    else:
        fig = ax.figure
    ax.set_axis_off()
    ax.set_xlim(0, 10)
    ax.set_ylim(-0.6, n - 0.4)
    box = {"boxstyle": "round,pad=0.4", "facecolor": "#F2F2F2", "edgecolor": "#555555"}
    ax.text(1.4, (n - 1) / 2, source, ha="center", va="center", fontsize=10, bbox=box, wrap=True)
    for i, row in enumerate(table.itertuples(index=False)):
        y = n - 1 - i
        label = f"{row.notebook[:2]}  {labels.get(row.notebook, row.title)}"
        ax.annotate("", xy=(4.0, y), xytext=(2.8, (n - 1) / 2), arrowprops={"arrowstyle": "->", "color": "#888888"})
        ax.text(4.1, y, label, ha="left", va="center", fontsize=10, bbox={**box, "facecolor": "#E8F1FA"})
    ax.set_title("The collection: one article, one notebook per question")
    add_source(fig, "the notebooks' title cells (notebooks/NN_*.ipynb); the article in data/articles/")
    return fig
