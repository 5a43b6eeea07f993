"""Deprecated: growth charts moved to :mod:`helpers.charts.growth`; kept for one release.

The new functions take their data first and ``ax=None`` and return a Figure.
The old names here keep the old call shape (an Axes first, the Axes returned)
by calling the new ones.
"""

from __future__ import annotations

import warnings
from typing import Any

from helpers.charts import growth as _new

__all__ = [
    "mark_window_change",
    "mark_missing_years",
    "plot_series",
    "plot_yoy",
    "plot_fits",
    "plot_fan",
    "plot_backtest",
    "plot_r2_simulation",
]

warnings.warn(
    "helpers.growth_charts is deprecated and will be removed in the next release; use helpers.charts.growth",
    DeprecationWarning,
    stacklevel=2,
)


def mark_window_change(ax: Any, years: Any, label: str = "") -> Any:
    """Old call shape of :func:`helpers.charts.growth.annotate_window_changes` (a dashed line per year)."""
    for y in years:
        ax.axvline(y - 0.5, color="0.35", ls="--", lw=1)
    return ax


def mark_missing_years(ax: Any, years: Any, label: str = "no figure published") -> Any:
    """Old call shape of :func:`helpers.charts.growth.annotate_missing_years`."""
    return _new.annotate_missing_years(ax, years, label)


def plot_series(
    ax: Any,
    values: Any,
    windows: Any = None,
    *,
    label: str = "",
    color: Any = None,
    log: bool = False,
    highlight: Any = None,
    unit: str = "亿元",
) -> Any:
    """Old call shape of :func:`helpers.charts.growth.plot_series` (returns the Axes)."""
    _new.plot_series(values, windows, label=label, log=log, highlight=highlight, unit=unit, ax=ax)
    return ax


def plot_yoy(ax: Any, growth_table: Any, windows: Any = None, *, color: Any = None) -> Any:
    """Old call shape of :func:`helpers.charts.growth.plot_yoy` (returns the Axes)."""
    _new.plot_yoy(growth_table, windows, ax=ax)
    return ax


def plot_fits(ax: Any, fits: Any, years: Any, *, actual: Any = None, log: bool = False, unit: str = "亿元") -> Any:
    """Old call shape of :func:`helpers.charts.growth.plot_fits` (returns the Axes)."""
    _new.plot_fits(fits, years, actual=actual, log=log, unit=unit, ax=ax)
    return ax


def plot_fan(ax: Any, fan: Any, history: Any, *, color: Any = None, label: str = "", unit: str = "亿元") -> Any:
    """Old call shape: one model's fan, now drawn by :func:`helpers.charts.growth.plot_forecasts`."""
    _new.plot_forecasts({label or "forecast": fan}, history, unit=unit, title=label or "Forecast", ax=ax)
    return ax


def plot_backtest(ax: Any, backtest: Any, *, horizon: int = 1) -> Any:
    """Old call shape of :func:`helpers.charts.growth.plot_backtest` (returns the Axes)."""
    _new.plot_backtest(backtest, horizon=horizon, ax=ax)
    return ax


def plot_r2_simulation(ax: Any, sims: Any, observed_r2: float, *, label: str = "") -> Any:
    """Old call shape: R² of random series, now drawn by :func:`helpers.charts.growth.plot_null_r2`."""
    frame = sims.assign(null=label or "random series") if "null" not in sims else sims
    _new.plot_null_r2(frame, observed_r2, ax=ax)
    return ax
