"""Where the collection's folders are, and how relative input paths resolve.

Relative paths given to loaders (or as notebook parameters) are read from the
repository root, so ``"data/sales/gmv.csv"`` works the same from a notebook in
``notebooks/``, from ``make run`` and from a test.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Repository root (``src/helpers/paths.py`` -> two levels up); ``HELPERS_ROOT`` overrides.
ROOT: Path = Path(os.environ.get("HELPERS_ROOT", Path(__file__).resolve().parents[2]))
DATA_DIR: Path = ROOT / "data"
NOTEBOOKS_DIR: Path = ROOT / "notebooks"


def figures_dir() -> Path:
    """Folder charts are written to: ``$HELPERS_FIGURES_DIR`` if set, else ``figures/``.

    The build sets the variable to a staging folder so a failing notebook never
    overwrites committed figures.

    Returns
    -------
    Path
        The folder (created if missing).
    """
    folder = Path(os.environ.get("HELPERS_FIGURES_DIR", ROOT / "figures"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def resolve(path: str | os.PathLike[str]) -> Path:
    """Resolve an input path: absolute as given, relative from the repository root.

    A relative path that exists from the current directory but not from the
    root is taken from the current directory.

    Parameters
    ----------
    path : str or PathLike
        File or folder path.

    Returns
    -------
    Path
        Absolute path (not checked for existence when neither candidate exists).

    Examples
    --------
    >>> resolve("data") == DATA_DIR
    True
    """
    p = Path(path).expanduser()
    if p.is_absolute():
        return p
    from_root = ROOT / p
    if from_root.exists() or not p.exists():
        return from_root
    return p.resolve()
