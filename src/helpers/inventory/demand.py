"""Lognormal demand from a mean and a coefficient of variation, and its newsvendor quantities in closed form.

Demand with mean ``μ`` and coefficient of variation ``cv`` is ``D = μ·exp(σZ − σ²/2)``
with ``σ² = ln(1 + cv²)`` and ``Z`` standard normal. Stocking the ``a``-quantile of
``D`` gives, per unit of mean demand (Snyder & Shen 2019, eq. 4.102, the lognormal
loss function)::

    Q/μ      = exp(σ·z_a − σ²/2),                z_a = Φ⁻¹(a)
    E[min(Q, D)]/μ = Φ(z_a − σ) + (1 − a)·Q/μ

so the scale ``μ`` factors out: merchants who differ only in size stock, sell and
earn in proportion. :func:`lognormal_units` evaluates these for whole arrays of
fractiles and log-standard deviations at once (the merchant population and the
supplier's wholesale price use it inside optimisers).
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np
from scipy import special, stats

from helpers.errors import ParameterError
from helpers.validation import number

__all__ = ["LognormalUnits", "combined_cv", "lognormal_demand", "lognormal_sigma", "lognormal_units"]


def lognormal_sigma(cv: float | np.ndarray) -> float | np.ndarray:
    """Log-standard deviation ``σ = sqrt(ln(1 + cv²))`` of a lognormal with coefficient of variation ``cv``.

    Examples
    --------
    >>> round(lognormal_sigma(0.5), 6)
    0.472381
    """
    arr = np.asarray(cv, dtype=float)
    out = np.sqrt(np.log1p(arr * arr))
    return float(out) if out.ndim == 0 else out


def lognormal_demand(mean: float, cv: float) -> Any:
    """Frozen lognormal demand with a given mean (units) and coefficient of variation.

    Parameters
    ----------
    mean : float
        Expected demand, units (> 0).
    cv : float
        Standard deviation / mean (> 0).

    Returns
    -------
    scipy.stats frozen lognorm
        ``ln D ~ N(ln mean - σ²/2, σ²)`` with ``σ² = ln(1 + cv²)``.

    References
    ----------
    Snyder & Shen (2019), ch. 4 (lognormal demand in the newsvendor).

    Examples
    --------
    >>> d = lognormal_demand(1000, 0.5)
    >>> round(float(d.mean()), 6), round(float(d.std() / d.mean()), 6)
    (1000.0, 0.5)
    """
    mean = number(mean, "mean", low=0.0, low_open=True, unit="units")
    cv = number(cv, "cv", low=0.0, low_open=True)
    sigma = float(lognormal_sigma(cv))
    return stats.lognorm(sigma, scale=mean * math.exp(-sigma * sigma / 2.0))


def combined_cv(cv_own: float, cv_common: float) -> float:
    """CV of the product of two independent mean-one lognormal factors.

    Parameters
    ----------
    cv_own, cv_common : float
        Coefficients of variation of the two factors (>= 0).

    Returns
    -------
    float
        ``sqrt((1 + cv_own²)(1 + cv_common²) - 1)``.

    Examples
    --------
    >>> round(combined_cv(0.6, 0.3), 4)
    0.6946
    """
    a = number(cv_own, "cv_own", low=0.0)
    b = number(cv_common, "cv_common", low=0.0)
    return math.sqrt((1 + a * a) * (1 + b * b) - 1)


class LognormalUnits(NamedTuple):
    """Stock, expected sales and expected leftovers per unit of mean demand (arrays).

    Attributes
    ----------
    stock : ndarray
        ``Q/μ``; 0 where the fractile is 0.
    sales : ndarray
        ``E[min(Q, D)]/μ``.
    leftover : ndarray
        ``E[(Q − D)+]/μ = stock − sales``.
    """

    stock: np.ndarray
    sales: np.ndarray
    leftover: np.ndarray


def lognormal_units(fractile: float | np.ndarray, sigma: float | np.ndarray) -> LognormalUnits:
    """Newsvendor quantities per unit of mean demand for lognormal demand, vectorised.

    Parameters
    ----------
    fractile : float or array
        Share of demand scenarios covered, in [0, 1); 0 means stock nothing.
    sigma : float or array
        Log-standard deviation of demand (> 0); broadcast with ``fractile``.

    Returns
    -------
    LognormalUnits

    References
    ----------
    Snyder & Shen (2019), eq. 4.102 (lognormal loss function).

    Examples
    --------
    >>> u = lognormal_units(0.5, lognormal_sigma(0.5))
    >>> round(float(u.stock), 4), round(float(u.sales), 4)
    (0.8944, 0.7655)
    """
    a = np.asarray(fractile, dtype=float)
    s = np.asarray(sigma, dtype=float)
    if np.any(~np.isfinite(a)) or np.any((a < 0) | (a >= 1)):
        raise ParameterError("fractile must be in [0, 1)")
    if np.any(~np.isfinite(s)) or np.any(s <= 0):
        raise ParameterError("sigma (log-standard deviation of demand) must be > 0")
    a, s = np.broadcast_arrays(a, s)
    active = a > 0
    z = special.ndtri(np.where(active, a, 0.5))
    stock = np.where(active, np.exp(s * z - 0.5 * s * s), 0.0)
    sales = np.where(active, special.ndtr(z - s) + (1.0 - a) * stock, 0.0)
    return LognormalUnits(stock, sales, stock - sales)
