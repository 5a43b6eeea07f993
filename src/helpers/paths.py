"""Where the collection's folders are, and how relative input paths resolve.

In a checkout of the repository, relative paths given to loaders (or as
notebook parameters) are read from the repository root, so
``"data/sales/gmv.csv"`` works the same from a notebook in ``notebooks/``, from
``make run`` and from a test.

Installed from a wheel into another project, the package carries its reference
data (GMV, operations, policy rules, assumptions, lexicon, brands, the
bibliography) inside itself (``helpers/_data``, read through
:mod:`importlib.resources`); relative paths are then read from the caller's
working directory first, and ``data/...`` falls back to the packaged copy.
Output (figures) goes to the working directory, never next to the package.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parents[2]


def _is_checkout(root: Path) -> bool:
    return (root / "data").is_dir() and (root / "pyproject.toml").is_file() and (root / "src" / "helpers").is_dir()


#: Whether the package runs from a checkout of the repository (not an installed wheel).
IN_CHECKOUT: bool = bool(os.environ.get("HELPERS_ROOT")) or _is_checkout(_SOURCE_ROOT)
#: Repository root in a checkout (``HELPERS_ROOT`` overrides); the working directory when installed.
ROOT: Path = Path(os.environ.get("HELPERS_ROOT") or (_SOURCE_ROOT if IN_CHECKOUT else Path.cwd()))
#: Reference data shipped inside the package (present in a built wheel).
PACKAGE_DATA: Path = Path(str(resources.files("helpers") / "_data"))
#: The data folder: ``data/`` of the checkout, or the packaged copy when installed.
DATA_DIR: Path = ROOT / "data" if IN_CHECKOUT else PACKAGE_DATA / "data"
NOTEBOOKS_DIR: Path = ROOT / "notebooks"


def figures_dir() -> Path:
    """Folder charts are written to: ``$HELPERS_FIGURES_DIR`` if set, else ``figures/`` under :data:`ROOT`.

    The build sets the variable to a staging folder so a failing notebook never
    overwrites committed figures. Installed, :data:`ROOT` is the working
    directory, so charts land in ``./figures``.

    Returns
    -------
    Path
        The folder (created if missing).
    """
    folder = Path(os.environ.get("HELPERS_FIGURES_DIR", ROOT / "figures"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def resolve(path: str | os.PathLike[str]) -> Path:
    """Resolve an input path: absolute as given, relative from :data:`ROOT`.

    A relative path that exists from the current directory but not from the
    root is taken from the current directory; one that exists in neither but
    is part of the packaged reference data (``data/sales/gmv.csv``,
    ``references.bib``) is taken from the package.

    Parameters
    ----------
    path : str or PathLike
        File or folder path.

    Returns
    -------
    Path
        Absolute path (not checked for existence when no candidate exists).

    Examples
    --------
    >>> resolve("data") == DATA_DIR
    True
    """
    p = Path(path).expanduser()
    if p.is_absolute():
        return p
    from_root = ROOT / p
    if from_root.exists():
        return from_root
    if p.exists():
        return p.resolve()
    packaged = PACKAGE_DATA / p
    if packaged.exists():
        return packaged
    return from_root
