"""Diagnostics of polynomial fits: collinearity of raw-year designs and R² of fits to random series.

Behind the 2019 "perfect cubic" claim: with raw years (2009, 2010, ...) the
columns :math:`1, t, t^2, t^3` are nearly collinear, so a pivoting solver such
as R's ``lm`` drops the cubic (:func:`dropped_polynomial_terms`); and almost
any smooth accumulating series is fitted by a low-order polynomial with
:math:`R^2` near 1. :func:`simulate_polynomial_r2` is the original benchmark of
notebook 02: twice-accumulated positive shocks. It has a quadratic trend built
in and never produces a negative second difference, so it is kept for
comparison only; the benchmarks calibrated to the data are in
:mod:`helpers.growth.nulls`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers.errors import ParameterError
from helpers.validation import integer, number

__all__ = [
    "design_condition_number",
    "dropped_polynomial_terms",
    "polynomial_fit_batch",
    "simulate_polynomial_r2",
    "r2_sensitivity",
]


def polynomial_fit_batch(paths: np.ndarray, degree: int, n_fit: int | None = None) -> pd.DataFrame:
    """Fit a polynomial in the centred index to many series at once; R² and the next-point error.

    Parameters
    ----------
    paths : ndarray, shape (n_points, n_series)
        One series per column (any unit).
    degree : int
        Polynomial degree (1 to 5).
    n_fit : int, optional
        Points fitted (the first ``n_fit``); the point after them is forecast.
        Default ``n_points - 1``.

    Returns
    -------
    pandas.DataFrame
        One row per series: ``r2`` (on the fitted levels) and ``next_error``
        (forecast / actual - 1 at point ``n_fit + 1``; NaN where the actual is 0).

    Examples
    --------
    >>> t = np.arange(11.0)
    >>> out = polynomial_fit_batch(np.column_stack([1 + t**2, 1 + t**3]), 2)
    >>> out["r2"].round(6).tolist(), out["next_error"].round(6).tolist()
    ([1.0, 0.994565], [0.0, -0.085714])
    """
    y = np.asarray(paths, dtype=float)
    if y.ndim != 2:
        raise ParameterError(f"paths must be a 2-D array (points x series), got {y.ndim} dimension(s)")
    deg = integer(degree, "degree", low=1, high=5)
    n = integer(n_fit if n_fit is not None else y.shape[0] - 1, "n_fit", low=deg + 2, high=y.shape[0] - 1)
    t = np.arange(y.shape[0], dtype=float)
    t -= t[:n].mean()
    X = np.vander(t[:n], deg + 1, increasing=True)
    coef = np.linalg.lstsq(X, y[:n], rcond=None)[0]
    yy = y[:n]
    fit = X @ coef
    with np.errstate(divide="ignore", invalid="ignore"):
        tss = ((yy - yy.mean(axis=0)) ** 2).sum(axis=0)
        r2 = 1 - ((yy - fit) ** 2).sum(axis=0) / tss
        nxt = np.vander(t[n : n + 1], deg + 1, increasing=True) @ coef
        err = nxt[0] / y[n] - 1.0
    r2 = np.where(tss > 0, r2, np.nan)
    err = np.where(np.isfinite(err), err, np.nan)
    return pd.DataFrame({"r2": r2, "next_error": err}).rename_axis("sim")


def design_condition_number(years, degree: int, center: float = 0.0) -> float:
    """Condition number of the polynomial design matrix ``[1, t-c, (t-c)², ...]``.

    Parameters
    ----------
    years : array-like of int
    degree : int
    center : float
        0 for raw years.

    Returns
    -------
    float
        2-norm condition number; above ~1e12 the fit loses most digits.

    Examples
    --------
    >>> design_condition_number(range(2009, 2019), 3) > 1e15
    True
    >>> design_condition_number(range(2009, 2019), 3, center=2013.5) < 1e3
    True
    """
    x = np.asarray(years, dtype=float) - center
    return float(np.linalg.cond(np.vander(x, int(degree) + 1, increasing=True)))


def dropped_polynomial_terms(years, degree: int, center: float = 0.0, tol: float = 1e-7) -> list[int]:
    """Powers a pivoting least-squares solver would drop as collinear.

    Emulates R's ``lm`` (LINPACK ``dqrdc2`` with ``tol = 1e-7``): columns are
    taken in order, and one whose norm after removing the earlier kept columns
    falls below ``tol`` times its own norm is declared aliased and dropped —
    R then prints "not defined because of singularities" and fits the rest.

    Parameters
    ----------
    years : array-like of int
    degree : int
    center : float
        0 for raw years (as in ``poly(year, 3, raw = TRUE)``).
    tol : float
        Relative tolerance (R's default 1e-7).

    Returns
    -------
    list of int
        Dropped powers (e.g. ``[3]``).

    References
    ----------
    R Core Team, ``lm.fit``/``qr`` documentation (LINPACK dqrdc2, tol = 1e-07).

    Examples
    --------
    >>> dropped_polynomial_terms(range(2009, 2019), 3)
    [3]
    >>> dropped_polynomial_terms(range(2009, 2019), 3, center=2013.5)
    []
    """
    x = np.asarray(years, dtype=float) - center
    X = np.vander(x, int(degree) + 1, increasing=True)
    kept: list[int] = []
    dropped: list[int] = []
    for j in range(X.shape[1]):
        col = X[:, j]
        r = col
        if kept:
            q, _ = np.linalg.qr(X[:, kept])
            r = col - q @ (q.T @ col)
            r = r - q @ (q.T @ r)  # second pass for accuracy
        if np.linalg.norm(r) < tol * np.linalg.norm(col):
            dropped.append(j)
        else:
            kept.append(j)
    return dropped


def simulate_polynomial_r2(
    n_points: int = 10,
    degree: int = 3,
    *,
    n_sims: int = 2000,
    shape: float = 1.0,
    integrations: int = 2,
    seed: int = 0,
) -> pd.DataFrame:
    """R² and next-point error of polynomial fits to twice-accumulated positive shocks (the original benchmark).

    Each series integrates (cumulative sums, ``integrations`` times) i.i.d.
    Gamma(shape, 1/shape) shocks (mean 1, coefficient of variation
    ``1/sqrt(shape)``). Shocks of mean 1 summed twice have a quadratic trend
    built in (the expected value of point k is k(k+1)/2), and every second
    difference is positive, so a near-perfect polynomial fit is guaranteed by
    construction: this benchmark cannot say whether a real series' R² is
    unusual. Use :mod:`helpers.growth.nulls` for a benchmark calibrated to the
    data. A polynomial of ``degree`` in the centred index is fitted by least
    squares to the first ``n_points`` values and extrapolated one step.

    Parameters
    ----------
    n_points : int
        Points fitted (the 2019 claim used 10: 2009–2018).
    degree : int
        Polynomial degree.
    n_sims : int
        Number of random series.
    shape : float
        Gamma shape of the shocks (assumption; larger is smoother).
    integrations : int
        1 (random positive increments) or 2 (increments themselves a random walk).
    seed : int
        Seed of the ``numpy.random.Generator``.

    Returns
    -------
    pandas.DataFrame
        One row per series: ``r2`` (levels), ``next_error`` (forecast / actual - 1 at point n+1)
        and ``negative_second_difference`` (never true with two integrations).

    Examples
    --------
    >>> sims = simulate_polynomial_r2(n_sims=200, seed=1)
    >>> bool(sims["r2"].median() > 0.99), bool(sims["negative_second_difference"].any())
    (True, False)
    """
    deg = integer(degree, "degree", low=1, high=5)
    n_points = integer(n_points, "n_points", low=deg + 2)
    n_sims = integer(n_sims, "n_sims", low=1)
    integrations = integer(integrations, "integrations", low=1)
    shape = number(shape, "shape", low=0.0, low_open=True)
    rng = np.random.default_rng(seed)
    y = rng.gamma(shape, 1.0 / shape, size=(n_points + 1, n_sims))
    for _ in range(integrations):
        y = np.cumsum(y, axis=0)
    out = polynomial_fit_batch(y, deg, n_points)
    out["negative_second_difference"] = (np.diff(y[:n_points], n=2, axis=0) < 0).any(axis=0)
    return out


def r2_sensitivity(
    shapes: Sequence[float],
    *,
    observed_r2: float,
    observed_error: float,
    integrations: Sequence[int] = (1, 2),
    n_points: int = 10,
    degree: int = 3,
    n_sims: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """How the random-series evidence depends on the assumed smoothness of the shocks.

    Parameters
    ----------
    shapes : sequence of float
        Gamma shapes to try (the assumption's range).
    observed_r2 : float
        R² of the real fit.
    observed_error : float
        Its next-year forecast error as a fraction (e.g. 0.002).
    integrations : sequence of int
        Integration orders to try (see :func:`simulate_polynomial_r2`).
    n_points, degree, n_sims, seed
        As in :func:`simulate_polynomial_r2` (the same seed for every cell).

    Returns
    -------
    pandas.DataFrame
        One row per (integrations, shape): ``median_r2``, ``share_r2_at_least_observed``
        and ``share_error_within_observed`` (share of random series whose
        next-point forecast is at least as close as the real one).

    Examples
    --------
    >>> t = r2_sensitivity([1.0, 4.0], observed_r2=0.999, observed_error=0.01, n_sims=200)
    >>> t.shape
    (4, 5)
    """
    rows = []
    for k in integrations:
        for shape in shapes:
            sims = simulate_polynomial_r2(
                n_points, degree, n_sims=n_sims, shape=float(shape), integrations=int(k), seed=seed
            )
            rows.append(
                {
                    "integrations": int(k),
                    "shape": float(shape),
                    "median_r2": float(sims["r2"].median()),
                    "share_r2_at_least_observed": float((sims["r2"] >= observed_r2).mean()),
                    "share_error_within_observed": float((sims["next_error"].abs() <= abs(observed_error)).mean()),
                }
            )
    return pd.DataFrame(rows)
