"""Null models calibrated to the data: what a fit statistic looks like for series "like this one" with no law behind them.

Is a cubic's :math:`R^2 = 0.9994` on ten years of GMV evidence of anything? Only
against series that share the data's own roughness. Each null here is an
ARIMA(0, d, 0) model with drift on the levels or the logs, estimated from the
series itself (FPP3, Hyndman & Athanasopoulos 2021, sections 9.1 and 9.7):

.. math::

    (1 - B)^d z_t = c + \\varepsilon_t, \\qquad z_t = y_t \\text{ or } \\log y_t,

with :math:`B` the backshift operator, :math:`c` the mean of the observed
:math:`d`-th differences and :math:`\\varepsilon_t` drawn with replacement from
the centred observed differences (``shocks="bootstrap"``, FPP3 section 5.5) or
from :math:`N(0, s^2)` (``shocks="normal"``). Every path starts from the first
:math:`d` observed values. So:

- ``("log", 1)``: yearly growth rates resampled (a random walk with drift on logs);
- ``("level", 1)``: yearly increments resampled (a random walk with drift);
- ``("log", 2)``: changes in the growth rate resampled;
- ``("level", 2)``: changes in the increments (second differences) resampled,
  which keeps the data's own accelerations, negative ones included.

Unlike the twice-accumulated positive shocks of
:func:`helpers.growth.diagnostics.simulate_polynomial_r2`, no trend is imposed
beyond what the data show, and a negative second difference occurs as often as
the data make it likely.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers.errors import ParameterError
from helpers.growth.diagnostics import polynomial_fit_batch
from helpers.growth.rates import check_series
from helpers.validation import choice, integer

__all__ = ["NULLS", "null_label", "null_paths", "polynomial_r2_null", "null_summary"]

#: The nulls compared by default: (scale, order of differencing) -> what is resampled.
NULLS: dict[tuple[str, int], str] = {
    ("log", 1): "growth rates resampled",
    ("level", 1): "increments resampled",
    ("log", 2): "changes in growth resampled",
    ("level", 2): "changes in increments resampled",
}


def null_label(scale: str, order: int) -> str:
    """Words for a null, e.g. ``"increments resampled"``.

    Examples
    --------
    >>> null_label("level", 2)
    'changes in increments resampled'
    """
    key = (choice(scale, "scale", ("level", "log")), integer(order, "order", low=1, high=2))
    return NULLS[key]


def null_paths(
    values: Sequence[float] | np.ndarray,
    *,
    scale: str = "level",
    order: int = 1,
    n_sims: int = 2000,
    n_ahead: int = 1,
    shocks: str = "bootstrap",
    seed: int = 0,
) -> np.ndarray:
    """Simulate series from an ARIMA(0, ``order``, 0) model with drift fitted to ``values``.

    Parameters
    ----------
    values : array-like of float
        The observed series :math:`y_1, \\dots, y_n` at consecutive years (positive for ``scale="log"``).
    scale : {"level", "log"}
        Model :math:`y_t` or :math:`\\log y_t`.
    order : {1, 2}
        Differencing order :math:`d`.
    n_sims : int
        Paths simulated.
    n_ahead : int
        Extra points simulated after the :math:`n` observed ones (0 or more).
    shocks : {"bootstrap", "normal"}
        Resample the centred observed differences, or draw Gaussian ones with their standard deviation.
    seed : int
        Seed of the ``numpy.random.Generator``.

    Returns
    -------
    ndarray, shape (n + n_ahead, n_sims)
        Paths in the unit of ``values``; the first ``order`` points equal the data.

    Raises
    ------
    ParameterError
        Too few points to estimate the drift and the shocks (need ``order + 2``), or bad options.

    Examples
    --------
    A geometric series has constant growth, so resampling its growth rates gives it back:

    >>> p = null_paths([1.0, 2.0, 4.0, 8.0], scale="log", order=1, n_sims=3, n_ahead=1)
    >>> p[:, 0].round(6).tolist()
    [1.0, 2.0, 4.0, 8.0, 16.0]
    """
    scale = choice(scale, "scale", ("level", "log"))
    order = integer(order, "order", low=1, high=2)
    n_sims = integer(n_sims, "n_sims", low=1)
    n_ahead = integer(n_ahead, "n_ahead", low=0)
    shocks = choice(shocks, "shocks", ("bootstrap", "normal"))
    y = np.asarray(values, dtype=float)
    if y.ndim != 1 or y.size < order + 2:
        raise ParameterError(f"a null of order {order} needs at least {order + 2} values, got {y.size}")
    if not np.isfinite(y).all():
        raise ParameterError("the series has missing or non-finite values; drop them first")
    if scale == "log" and (y <= 0).any():
        raise ParameterError("a null on logs needs positive values")
    z = np.log(y) if scale == "log" else y
    diffs = np.diff(z, n=order)
    drift = float(diffs.mean())
    resid = diffs - drift
    rng = np.random.default_rng(seed)
    m = y.size - order + n_ahead
    if shocks == "bootstrap":
        eps = rng.choice(resid, size=(m, n_sims), replace=True)
    else:
        sd = float(resid.std(ddof=1)) if resid.size > 1 else 0.0
        eps = rng.normal(0.0, sd, size=(m, n_sims))
    d = drift + eps  # simulated order-th differences
    if order == 2:
        d = np.cumsum(np.vstack([np.full((1, n_sims), z[1] - z[0]), d]), axis=0)[1:]  # first differences
    start = z[order - 1]
    path = np.vstack([np.tile(z[:order, None], (1, n_sims)), start + np.cumsum(d, axis=0)])
    return np.exp(path) if scale == "log" else path


def polynomial_r2_null(
    values: Sequence[float] | np.ndarray,
    degree: int = 3,
    *,
    nulls: Sequence[tuple[str, int]] | None = None,
    n_sims: int = 2000,
    shocks: str = "bootstrap",
    seed: int = 0,
) -> pd.DataFrame:
    """R² of a polynomial fit, and its next-point error, on series simulated from nulls fitted to ``values``.

    Parameters
    ----------
    values : array-like of float
        The years fitted (consecutive); the nulls are estimated on them alone.
    degree : int
        Polynomial degree (the 2019 claim: 3).
    nulls : sequence of (scale, order), optional
        Default every key of :data:`NULLS`.
    n_sims : int
        Paths per null.
    shocks : {"bootstrap", "normal"}
        See :func:`null_paths`.
    seed : int
        Seed; each null gets its own stream derived from it.

    Returns
    -------
    pandas.DataFrame
        One row per simulated series: ``null`` (words), ``scale``, ``order``,
        ``r2``, ``next_error`` (fraction) and ``negative_second_difference``
        (the fitted part of the path has at least one).

    Examples
    --------
    >>> t = polynomial_r2_null(np.arange(1.0, 11.0) ** 2, 2, nulls=[("level", 2)], n_sims=5)
    >>> t["r2"].round(9).tolist()
    [1.0, 1.0, 1.0, 1.0, 1.0]
    """
    y = check_series(np.arange(len(values)), values, min_points=4, positive=False, what="null calibration")[1]
    keys = list(nulls) if nulls is not None else list(NULLS)
    frames = []
    for i, (scale, order) in enumerate(keys):
        paths = null_paths(y, scale=scale, order=order, n_sims=n_sims, n_ahead=1, shocks=shocks, seed=seed + 7919 * i)
        out = polynomial_fit_batch(paths, degree, y.size)
        out.insert(0, "null", null_label(scale, order))
        out.insert(1, "scale", scale)
        out.insert(2, "order", order)
        out["negative_second_difference"] = (np.diff(paths[: y.size], n=2, axis=0) < 0).any(axis=0)
        frames.append(out)
    return pd.concat(frames, ignore_index=True).rename_axis("sim")


def null_summary(sims: pd.DataFrame, observed_r2: float, observed_error: float) -> pd.DataFrame:
    """How often each null does as well as the real series.

    Parameters
    ----------
    sims : pandas.DataFrame
        Output of :func:`polynomial_r2_null`.
    observed_r2 : float
        R² of the fit to the real data.
    observed_error : float
        Its next-year forecast error, a fraction (e.g. 0.0019).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``null``: ``n``, ``median_r2``, ``share_r2_at_least_observed``
        (a one-sided p-value of the R² under that null),
        ``share_error_within_observed`` (share of series whose next-point
        forecast is at least as close) and ``share_negative_second_difference``.

    Examples
    --------
    >>> sims = pd.DataFrame({"null": ["a", "a"], "r2": [0.99, 0.999], "next_error": [0.1, 0.0],
    ...                      "negative_second_difference": [True, False]})
    >>> null_summary(sims, 0.995, 0.01).loc["a"].round(4).tolist()
    [2.0, 0.9945, 0.5, 0.5, 0.5]
    """
    if sims.empty:
        raise ParameterError("no simulated series to summarise")
    g = sims.groupby("null", sort=False)
    out = pd.DataFrame(
        {
            "n": g.size().astype(float),
            "median_r2": g["r2"].median(),
            "share_r2_at_least_observed": g["r2"].apply(lambda s: float((s >= observed_r2).mean())),
            "share_error_within_observed": g["next_error"].apply(
                lambda s: float((s.abs() <= abs(observed_error)).mean())
            ),
            "share_negative_second_difference": g["negative_second_difference"].mean().astype(float),
        }
    )
    return out
