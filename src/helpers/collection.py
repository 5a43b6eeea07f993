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


def plot_map(table: pd.DataFrame, source: str, labels: dict[str, str] | None = None, ax=None) -> Figure:
    """Draw the collection as a flow (moved to :func:`helpers.charts.collection.plot_map`; kept here as an alias)."""
    from helpers.charts.collection import plot_map as _plot_map

    return _plot_map(table, source, labels, ax=ax)


def short_label(title: str, width: int = 40) -> str:
    """A notebook's short label for the map: its title without the ``NN ·`` number, cut at the
    first colon or question mark, and shortened to ``width`` characters at a word boundary.

    Examples
    --------
    >>> short_label("02 · Double 11 GMV: growth, saturation and the 2019 cubic")
    'Double 11 GMV'
    >>> short_label("05 · Who carried Double 11? Real listing data on brands")
    'Who carried Double 11?'
    """
    import re
    import textwrap

    text = title.split("·", 1)[-1].strip()
    first = re.split(r"(?<=\?)\s|:\s", text, maxsplit=1)[0].strip() or text
    return textwrap.shorten(first, width=width, placeholder=" …")
