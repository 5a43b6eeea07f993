"""How a model's result moves with its assumptions: one-at-a-time sweeps, two-way grids, crossings, flip points.

Every function takes a model ``model(params: dict) -> float`` and the ranges of
an assumption table (:func:`helpers.assumptions.ranges`). The tornado and
heat-map charts of these tables are in :mod:`helpers.charts.sensitivity`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import optimize

from helpers.errors import ParameterError
from helpers.validation import integer, number

__all__ = ["crossings", "flip_point", "one_at_a_time", "two_way"]


def flip_point(
    model: Callable[[dict[str, float]], float],
    base: Mapping[str, float],
    name: str,
    low: float,
    high: float,
    *,
    points: int = 9,
    xtol: float | None = None,
) -> float | None:
    """Value of one parameter at which ``model`` changes sign (others at base), or None.

    Scans ``points`` values across [low, high] and refines the first sign change with
    :func:`scipy.optimize.brentq`.

    Parameters
    ----------
    model : callable
        ``model(params) -> float``, e.g. the gap between two sellers' optimal discounts.
    base : mapping
        Base-case parameters.
    name : str
        Parameter to move (must be in ``base``).
    low, high : float
        Its range.
    points : int
        Scan resolution (>= 2).
    xtol : float, optional
        Absolute tolerance of the flip value; default 1e-6 of the range.

    Returns
    -------
    float or None
        The flip value, or None if the sign does not change across the scanned points.

    Examples
    --------
    >>> round(flip_point(lambda p: p["x"] - 0.3, {"x": 0.0}, "x", 0.0, 1.0), 6)
    0.3
    >>> flip_point(lambda p: p["x"] + 1, {"x": 0.0}, "x", 0.0, 1.0) is None
    True
    """
    if name not in base:
        raise ParameterError(f"parameter {name!r} is not in the base case")
    lo, hi = number(low, "low"), number(high, "high")
    n = integer(points, "points", low=2)
    tol = 1e-6 * (abs(hi - lo) or 1.0) if xtol is None else number(xtol, "xtol", low=0.0, low_open=True)
    params = dict(base)

    def f(v: float) -> float:
        return float(model({**params, name: float(v)}))

    xs = np.linspace(lo, hi, n)
    ys = [f(x) for x in xs]
    for (x0, y0), (x1, y1) in zip(zip(xs, ys), zip(xs[1:], ys[1:])):
        if y0 == 0:
            return float(x0)
        if y0 * y1 < 0:
            return float(optimize.brentq(f, x0, x1, xtol=tol))
    return float(xs[-1]) if ys[-1] == 0 else None


def _evaluate(model: Callable[[dict[str, float]], float], params: dict[str, float], where: str) -> float:
    result = model(dict(params))
    try:
        value = float(result)
    except (TypeError, ValueError):
        raise ParameterError(f"model must return a number, got {result!r} at {where}") from None
    return value


def one_at_a_time(
    model: Callable[[dict[str, float]], float],
    base: Mapping[str, float],
    bounds: Mapping[str, tuple[float, float]],
) -> pd.DataFrame:
    """One-at-a-time sensitivity: move each parameter to its low and high end, others at base.

    Parameters
    ----------
    model : callable
        ``model(params) -> float``; ``params`` is a fresh ``{name: value}`` dict.
    base : mapping
        Base-case parameter values.
    bounds : mapping
        ``{name: (low, high)}`` for the parameters to move; each name must be in ``base``.

    Returns
    -------
    pandas.DataFrame
        Columns ``parameter, low, high, base_value, outcome_low, outcome_high, base_outcome,
        swing`` (``|outcome_high - outcome_low|``), sorted by swing, largest first (ties by name).

    References
    ----------
    The tornado diagram of decision analysis, e.g. Howard (1988), "Decision analysis:
    practice and promise", *Management Science* 34(6):679–695.

    Examples
    --------
    >>> one_at_a_time(lambda p: p["a"] * p["b"], {"a": 2.0, "b": 3.0},
    ...               {"a": (1.0, 4.0), "b": (2.0, 3.5)})[["parameter", "outcome_low", "outcome_high", "swing"]]
      parameter  outcome_low  outcome_high  swing
    0         a          3.0          12.0    9.0
    1         b          4.0           7.0    3.0
    """
    base = {str(k): float(v) for k, v in base.items()}
    unknown = [name for name in bounds if name not in base]
    if unknown:
        raise ParameterError(f"ranges given for parameters not in the base case: {', '.join(unknown)}")
    base_outcome = _evaluate(model, base, "the base case")
    rows = []
    for name, (low, high) in bounds.items():
        if not low <= base[name] <= high:
            raise ParameterError(f"base value of {name} ({base[name]:g}) is outside its range [{low:g}, {high:g}]")
        out_low = _evaluate(model, {**base, name: float(low)}, f"{name}={low:g}")
        out_high = _evaluate(model, {**base, name: float(high)}, f"{name}={high:g}")
        rows.append(
            {
                "parameter": name,
                "low": float(low),
                "high": float(high),
                "base_value": base[name],
                "outcome_low": out_low,
                "outcome_high": out_high,
                "base_outcome": base_outcome,
                "swing": abs(out_high - out_low),
            }
        )
    table = pd.DataFrame(
        rows, columns=["parameter", "low", "high", "base_value", "outcome_low", "outcome_high", "base_outcome", "swing"]
    )
    return table.sort_values(["swing", "parameter"], ascending=[False, True], kind="stable").reset_index(drop=True)


def crossings(sensitivity: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Parameters whose range moves the outcome across a threshold (where a conclusion flips).

    Parameters
    ----------
    sensitivity : pandas.DataFrame
        From :func:`one_at_a_time`.
    threshold : float
        Outcome level that matters (e.g. 0 for "gains vs loses", 0.5 for "majority").

    Returns
    -------
    pandas.DataFrame
        The rows of ``sensitivity`` with at least one end on the other side of ``threshold``
        from the base outcome, plus ``flips_at`` (``"low"``, ``"high"`` or ``"both"``).

    Examples
    --------
    >>> s = one_at_a_time(lambda p: p["a"] - p["b"], {"a": 1.0, "b": 0.5}, {"a": (0.0, 2.0), "b": (0.0, 0.9)})
    >>> crossings(s, 0.0)[["parameter", "flips_at"]].values.tolist()
    [['a', 'low']]
    """
    base_side = sensitivity["base_outcome"] > threshold
    low_flip = (sensitivity["outcome_low"] > threshold) != base_side
    high_flip = (sensitivity["outcome_high"] > threshold) != base_side
    out = sensitivity[low_flip | high_flip].copy()
    out["flips_at"] = np.where(low_flip & high_flip, "both", np.where(low_flip, "low", "high"))[low_flip | high_flip]
    return out.reset_index(drop=True)


def two_way(
    model: Callable[[dict[str, float]], float],
    base: Mapping[str, float],
    x: str,
    x_values: Sequence[float] | np.ndarray,
    y: str,
    y_values: Sequence[float] | np.ndarray,
) -> pd.DataFrame:
    """Two-way sensitivity grid (for a heat map): the model at every pair of values of ``x`` and ``y``.

    Parameters
    ----------
    model : callable
        ``model(params) -> float``.
    base : mapping
        Base-case parameter values (must contain ``x`` and ``y``).
    x, y : str
        Parameter names for the columns and the rows.
    x_values, y_values : sequence of float
        Values to evaluate.

    Returns
    -------
    pandas.DataFrame
        Index ``y_values`` (named ``y``), columns ``x_values`` (named ``x``), cells the outcome.

    Examples
    --------
    >>> two_way(lambda p: p["a"] + 10 * p["b"], {"a": 0.0, "b": 0.0}, "a", [1, 2], "b", [0, 1]).values.tolist()
    [[1.0, 2.0], [11.0, 12.0]]
    """
    base = {str(k): float(v) for k, v in base.items()}
    for name in (x, y):
        if name not in base:
            raise ParameterError(f"parameter {name!r} is not in the base case")
    grid = np.array(
        [
            [_evaluate(model, {**base, x: float(xv), y: float(yv)}, f"{x}={xv}, {y}={yv}") for xv in x_values]
            for yv in y_values
        ]
    )
    return pd.DataFrame(grid, index=pd.Index(list(y_values), name=y), columns=pd.Index(list(x_values), name=x))
