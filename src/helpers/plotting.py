"""House chart style, a CJK font that renders everywhere, and deterministic figure export.

Call :func:`setup` once at the top of a notebook; save every chart with
:func:`savefig`. Chinese labels render with Noto Sans CJK SC, shipped by the
PyPI package ``mplfonts`` (no system fonts needed). Saved PNG and SVG files
carry no timestamps or version strings, so rebuilding on the same data changes
no byte.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from helpers import paths

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

#: Family name of the shipped CJK font (from ``mplfonts``).
CJK_FONT = "Noto Sans CJK SC"
#: Fixed export resolution, dots per inch.
DPI = 150
#: Default figure size, inches (width, height).
FIGSIZE = (8.0, 4.5)
#: Colour cycle (colour-blind safe, Okabe & Ito 2008).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")

_registered = False


def cjk_font_path() -> Path:
    """Path of the shipped CJK font file.

    Returns
    -------
    Path
        ``NotoSansCJKsc-Regular.otf`` inside the installed ``mplfonts`` package.
    """
    import importlib.util

    spec = importlib.util.find_spec("mplfonts")
    if spec is None or spec.origin is None:  # pragma: no cover - dependency missing
        raise ImportError("the 'mplfonts' package is required for Chinese chart labels: pip install mplfonts")
    return Path(spec.origin).parent / "fonts" / "NotoSansCJKsc-Regular.otf"


def register_cjk_font() -> str:
    """Register the shipped CJK font with matplotlib (idempotent).

    Returns
    -------
    str
        The font family name to use, :data:`CJK_FONT`.
    """
    global _registered
    if not _registered:
        from matplotlib import font_manager

        font_manager.fontManager.addfont(str(cjk_font_path()))
        _registered = True
    return CJK_FONT


def setup() -> None:
    """Register the CJK font and apply the house style to matplotlib.

    Sets a fixed figure size and dpi, a colour-blind-safe palette, the CJK font
    (with DejaVu Sans as fallback for Latin glyphs), a minus sign that the CJK
    font has, and a fixed SVG hash salt so SVG element ids are stable.

    Examples
    --------
    >>> setup()
    >>> import matplotlib
    >>> matplotlib.rcParams["font.family"][0]
    'sans-serif'
    """
    import matplotlib
    from cycler import cycler

    family = register_cjk_font()
    matplotlib.rcParams.update(
        {
            "font.family": ["sans-serif"],
            "font.sans-serif": [family, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "axes.prop_cycle": cycler(color=list(PALETTE)),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.titlesize": 12,
            "axes.titleweight": "normal",
            "axes.labelsize": 10,
            "legend.frameon": False,
            "figure.figsize": FIGSIZE,
            "figure.dpi": 100,
            "savefig.dpi": DPI,
            "savefig.bbox": "standard",
            "svg.hashsalt": "singles-day",
            "svg.fonttype": "path",
            "path.simplify": True,
        }
    )


def savefig(fig: Figure, name: str, folder: str | Path | None = None) -> list[Path]:
    """Save a figure as PNG and SVG, byte-for-byte reproducibly.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The chart.
    name : str
        File stem, e.g. ``"02_gmv_log"`` (no extension; letters, digits, ``_`` and ``-``).
    folder : str or Path, optional
        Target folder; default :func:`helpers.paths.figures_dir`.

    Returns
    -------
    list of Path
        The PNG and SVG files written.
    """
    import re

    from helpers.errors import ParameterError

    if not re.fullmatch(r"[A-Za-z0-9_\-]+", name):
        raise ParameterError(f"figure name must use letters, digits, '_' or '-' only, got {name!r}")
    target = Path(folder) if folder is not None else paths.figures_dir()
    target.mkdir(parents=True, exist_ok=True)
    png = target / f"{name}.png"
    svg = target / f"{name}.svg"
    fig.savefig(png, format="png", dpi=DPI, metadata={"Software": None})
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    return [png, svg]
