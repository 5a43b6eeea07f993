"""The collection's map: which notebook answers what, read from the notebooks themselves.

Used by ``notebooks/00_overview.ipynb`` so the map never drifts from the
notebooks' own titles and questions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from helpers import paths

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure


def collection_map(folder: str | Path | None = None) -> pd.DataFrame:
    """One row per notebook: file, title and the question it answers.

    Parameters
    ----------
    folder : str or Path, optional
        Notebook folder; default ``notebooks/`` (relative paths from the repository root).

    Returns
    -------
    pandas.DataFrame
        Columns ``notebook``, ``title``, ``question``, in run order.

    Examples
    --------
    >>> m = collection_map()
    >>> m.loc[0, "notebook"]
    '00_overview.ipynb'
    """
    import nbformat
    import pandas as pd

    from helpers.build import list_notebooks, notebook_title
    from helpers.errors import DataError

    folder = paths.resolve(folder) if folder is not None else paths.NOTEBOOKS_DIR
    if not folder.is_dir():
        raise DataError("expected a folder of notebooks", path=folder)
    rows = []
    for nb_path in list_notebooks(folder):
        try:
            nb = nbformat.read(nb_path, as_version=4)
        except Exception as exc:  # nbformat raises several types for broken JSON
            raise DataError(f"not a readable notebook ({exc.__class__.__name__})", path=nb_path) from None
        title, question = notebook_title(nb)
        rows.append({"notebook": nb_path.name, "title": title, "question": question})
    return pd.DataFrame(rows, columns=["notebook", "title", "question"])


def plot_map(table: pd.DataFrame, source: str, labels: dict[str, str] | None = None) -> Figure:
    """Draw the collection as a flow: the source article feeding each notebook.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`collection_map`.
    source : str
        Label of the starting document (drawn on the left).
    labels : dict, optional
        Notebook file name to a short (e.g. Chinese) label shown in its box;
        default the notebook's title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    labels = labels or {}
    n = max(len(table), 1)
    fig, ax = plt.subplots(figsize=(8.0, 0.7 * n + 1.2))
    ax.set_axis_off()
    ax.set_xlim(0, 10)
    ax.set_ylim(-0.5, n - 0.5)
    box = {"boxstyle": "round,pad=0.4", "facecolor": "#F2F2F2", "edgecolor": "#555555"}
    ax.text(1.4, (n - 1) / 2, source, ha="center", va="center", fontsize=10, bbox=box, wrap=True)
    for i, row in enumerate(table.itertuples(index=False)):
        y = n - 1 - i
        label = f"{row.notebook[:2]}  {labels.get(row.notebook, row.title)}"
        ax.annotate("", xy=(4.0, y), xytext=(2.8, (n - 1) / 2),
                    arrowprops={"arrowstyle": "->", "color": "#888888"})
        ax.text(4.1, y, label, ha="left", va="center", fontsize=10,
                bbox={**box, "facecolor": "#E8F1FA"})
    fig.tight_layout()
    return fig
