"""Every chart of the collection, one module per domain, one convention.

Each chart function takes its data (a result object or a tidy table), an
optional ``ax`` and keyword options, and returns the :class:`~matplotlib.figure.Figure`
it drew on (a new one when ``ax`` is None). It sets a title that says what the
chart shows, axis labels in words with units, and a source line at the bottom
(:func:`add_source`). Saving is the caller's: ``plotting.savefig(fig, name)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["add_source", "figure_and_axes"]


def figure_and_axes(ax: Axes | None = None, *, figsize: tuple[float, float] | None = None) -> tuple[Figure, Axes]:
    """The figure and axes to draw on: ``ax``'s own, or a new pair.

    Examples
    --------
    >>> fig, ax = figure_and_axes()
    >>> fig is ax.figure
    True
    """
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax.figure, ax
    fig, new_ax = plt.subplots(figsize=figsize)
    return fig, new_ax


def add_source(fig: Figure, text: str) -> Figure:
    """Write the source line at the bottom left of ``fig`` ("Source: ...").

    Parameters
    ----------
    fig : Figure
    text : str
        What the chart rests on, e.g. ``"data/sales/gmv.csv (Alibaba announcements)"`` or
        ``"Model; assumptions in data/assumptions/bonded.csv"``. ``"Source: "`` is prefixed
        unless the text already starts with it.

    Returns
    -------
    Figure
        The same figure (with room made at the bottom).

    Examples
    --------
    >>> fig, _ = figure_and_axes()
    >>> add_source(fig, "Model").texts[-1].get_text()
    'Source: Model'
    """
    if not text or not text.strip():
        from helpers.errors import ParameterError

        raise ParameterError("a chart needs a source line (data file and source, or 'Model; assumptions in ...')")
    label = text if text.startswith("Source:") else f"Source: {text}"
    fig.text(0.01, 0.005, label, ha="left", va="bottom", fontsize=7, color="#555555", wrap=True)
    fig.subplots_adjust(bottom=max(fig.subplotpars.bottom, 0.16))
    return fig
