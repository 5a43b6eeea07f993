"""The GM(1,1) grey forecasting model (Deng 1982), as used for Double 11 GMV by Liu & Wu (2018).

GM(1,1) works on the accumulated series :math:`x^{(1)}(k) = \\sum_{i \\le k} x^{(0)}(i)` of a
short positive series :math:`x^{(0)}` observed at equally spaced times. It fits the
"grey differential equation" :math:`x^{(0)}(k) + a z^{(1)}(k) = b` (:math:`z^{(1)}(k)` the mean of
:math:`x^{(1)}(k-1)` and :math:`x^{(1)}(k)`, k = 2..n) by ordinary least squares and forecasts
with the whitened solution

    x1_hat(k) = (x0(1) - b/a)·exp(-a·(k-1)) + b/a
    x0_hat(k) = x1_hat(k) - x1_hat(k-1) = (1 - exp(a))·(x0(1) - b/a)·exp(-a·(k-1)),  k >= 2,

so its forecasts grow geometrically at ``exp(-a) - 1`` a year (``-a`` is the
"development coefficient"). The model is exponential growth estimated in a
particular way; it cannot saturate. Liu & Wu's "improved" variant is not
described in the abstract available, so the standard model is implemented.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.errors import ParameterError
from helpers.growth.rates import check_series
from helpers.growth.results import FitResult, make_result
from helpers.validation import integer

__all__ = ["gm11_coefficients", "gm11_forecast", "fit_gm11", "window_sensitivity"]


def gm11_coefficients(values) -> tuple[float, float]:
    """Grey parameters ``(a, b)`` of GM(1,1) by least squares.

    Parameters
    ----------
    values : array-like of float
        The original series ``x0`` at consecutive times (at least 3 values).

    Returns
    -------
    a : float
        Development coefficient with sign as in ``x0 + a·z1 = b`` (negative for growth).
    b : float
        Grey input (unit of values).

    References
    ----------
    Deng, J. (1982). Control problems of grey systems. *Systems & Control Letters* 1(5):288–294.
    Liu, S., Lin, Y. (2010). *Grey Systems: Theory and Applications*, ch. 7.

    Examples
    --------
    Hand computation for x0 = 1, 2, 3, 4: x1 = 1, 3, 6, 10; z1 = 2, 4.5, 8;
    regressing 2, 3, 4 on z1 gives slope 36/109, so a = -36/109 and b = 153/109.

    >>> a, b = gm11_coefficients([1, 2, 3, 4])
    >>> round(a * 109, 10), round(b * 109, 10)
    (-36.0, 153.0)
    """
    x0 = np.asarray(values, dtype=float)
    if x0.size < 3:
        raise ParameterError(f"GM(1,1) needs at least 3 values, got {x0.size}")
    x1 = np.cumsum(x0)
    z1 = 0.5 * (x1[1:] + x1[:-1])
    B = np.column_stack([-z1, np.ones_like(z1)])
    a, b = np.linalg.lstsq(B, x0[1:], rcond=None)[0]
    if a == 0:
        raise ParameterError("GM(1,1): development coefficient a is exactly 0 (constant accumulated increments)")
    return float(a), float(b)


def gm11_forecast(x0_first: float, a: float, b: float, k) -> np.ndarray:
    """Time-response forecast ``x0_hat(k)`` of GM(1,1).

    Parameters
    ----------
    x0_first : float
        First observed value ``x0(1)`` (the initial condition).
    a, b : float
        Grey parameters from :func:`gm11_coefficients`.
    k : array-like of float
        1-based positions (k = 1 returns ``x0_first``; k = n + 1 is one step ahead).

    Returns
    -------
    ndarray
        Forecasts, unit of values.

    Examples
    --------
    >>> gm11_forecast(1.0, -36 / 109, 153 / 109, [1, 2]).round(4).tolist()
    [1.0, 2.0546]
    """
    k = np.asarray(k, dtype=float)
    c = x0_first - b / a
    out = (1.0 - np.exp(a)) * c * np.exp(-a * (k - 1.0))
    return np.where(k <= 1.0, x0_first, out)


def fit_gm11(years, values) -> FitResult:
    """Fit GM(1,1) to an annual series.

    Parameters
    ----------
    years : array-like of int
        Consecutive calendar years (no gaps), strictly increasing, at least 4.
    values : array-like of float
        Positive values (e.g. yuan or 亿元).

    Returns
    -------
    FitResult
        ``params``: ``a``, ``b`` (grey parameters; ``b`` in the unit of values)
        and ``growth`` (``exp(-a) - 1``, the forecast growth per year, derived,
        no standard error). Standard errors of ``a`` and ``b`` are the OLS ones
        of the grey regression. Residuals are ``y - x0_hat`` on the levels; the
        first fitted value equals the first observation by construction, so
        the initial value counts as a third parameter in AIC/BIC. Prediction
        intervals use the residual bootstrap (``interval_method="bootstrap"``).

    References
    ----------
    Deng (1982); Liu, X. & Wu, X. (2018), GM(1,1) forecast of Alibaba Double 11
    turnover, *Journal of Fujian Institute of Financial Administrators* 2018(4):47–53.

    Examples
    --------
    For a geometric series with ratio q the grey equation holds exactly with
    ``a = -2(q - 1)/(q + 1)``:

    >>> r = fit_gm11(range(2010, 2016), 3.0 * 1.5 ** np.arange(6))
    >>> round(r.params["a"], 10)
    -0.4
    """
    yrs, vals = check_series(years, values, min_points=4, positive=True, consecutive=True, what="GM(1,1) fit")
    first_year = float(yrs[0])

    def theta_of(v: np.ndarray) -> np.ndarray:
        a, b = gm11_coefficients(v)
        return np.array([a, b, float(v[0])])

    def mean(x: np.ndarray, th: np.ndarray) -> np.ndarray:
        return gm11_forecast(th[2], th[0], th[1], np.asarray(x, dtype=float) - first_year + 1.0)

    theta = theta_of(vals)
    # OLS covariance of (a, b) in the grey regression
    x1 = np.cumsum(vals)
    z1 = 0.5 * (x1[1:] + x1[:-1])
    B = np.column_stack([-z1, np.ones_like(z1)])
    res = vals[1:] - B @ theta[:2]
    dof = B.shape[0] - 2
    s2 = float(res @ res / dof) if dof > 0 else np.nan
    cov_ab = s2 * np.linalg.inv(B.T @ B)
    result = make_result(
        "gm11",
        yrs,
        vals,
        ("a", "b", "x0_first"),
        theta,
        None,
        mean,
        theta_of,
        "level",
        3,
        "bootstrap",
        {"first_year": int(first_year)},
    )
    result.params["growth"] = float(np.exp(-theta[0]) - 1.0)
    result.stderr.update({"a": float(np.sqrt(cov_ab[0, 0])), "b": float(np.sqrt(cov_ab[1, 1])), "growth": np.nan})
    result.stderr["x0_first"] = 0.0
    return result


def window_sensitivity(years, values, fit_end: int, lengths, targets) -> pd.DataFrame:
    """GM(1,1) forecasts as a function of how many recent years it is fitted on.

    Parameters
    ----------
    years, values : array-like
        The series (consecutive years within each window).
    fit_end : int
        Last year of every fitting window.
    lengths : sequence of int
        Window lengths in years (each at least 4).
    targets : sequence of int
        Years to forecast.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``window_years``: ``first_year``, ``growth`` (``exp(-a) - 1``)
        and one forecast column per target year (unit of values).

    Examples
    --------
    >>> t = window_sensitivity(range(2000, 2010), 2.0 * 1.5 ** np.arange(10), 2009, [4, 6], [2010])
    >>> t.index.tolist(), bool((t[2010] > 0).all())
    ([4, 6], True)
    """
    yrs, vals = check_series(years, values, min_points=4, what="GM(1,1) window series")
    rows = {}
    for n in lengths:
        n = integer(n, "window length", low=4)
        mask = yrs <= fit_end
        if int(n) > mask.sum():
            raise ParameterError(f"GM(1,1) window of {n} years does not fit in the {mask.sum()} years up to {fit_end}")
        r = fit_gm11(yrs[mask][-int(n) :], vals[mask][-int(n) :])
        row = {"first_year": int(r.years[0]), "growth": r.params["growth"]}
        row.update(dict(zip([int(t) for t in targets], r.mean(list(targets)), strict=True)))
        rows[int(n)] = row
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("window_years")
