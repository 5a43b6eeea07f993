"""Growth curves fitted by nonlinear least squares: exponential, logistic, Gompertz, polynomial.

With :math:`t` the calendar year and :math:`\\theta` the parameters (FPP3 notation,
Hyndman & Athanasopoulos 2021, section 7.7 "nonlinear regression"):

- exponential: :math:`f(t) = A e^{g (t - t_0)}` (constant growth; :math:`t_0` the last year fitted);
- logistic: :math:`f(t) = K / (1 + e^{-r (t - t_m)})` (saturates at :math:`K`, inflection at :math:`K/2`);
- Gompertz: :math:`f(t) = K \\exp(-e^{-c (t - t_m)})` (saturates at :math:`K`, inflection at :math:`K/e`);
- polynomial of degree :math:`d`: :math:`f(t) = \\sum_{j=0}^{d} b_j (t - \\bar t)^j` on a centred year.

Every fit is :func:`scipy.optimize.least_squares` on data scaled to a maximum
of 1, with tolerances (1e-12) far inside the precision any result is shown at;
the error model is in :mod:`helpers.growth.results`. A saturation level that
ends at its numerical bound (:data:`K_BOUNDS`) is flagged
(``meta["at_bound"]``): the data then show no saturation and :math:`K` is not
identified.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import optimize

from helpers.errors import ParameterError
from helpers.growth.rates import check_series
from helpers.growth.results import FitResult, make_result
from helpers.validation import integer

__all__ = ["K_BOUNDS", "SCALES", "fit_exponential", "fit_logistic", "fit_gompertz", "fit_polynomial", "min_points"]

#: Error models every curve accepts (see :mod:`helpers.growth.results`).
SCALES = ("level", "log")

#: Optimiser tolerances: far inside the 4 significant digits any result is shown with.
_TOL = 1e-12


@dataclass(frozen=True)
class _Curve:
    name: str
    names: tuple[str, ...]
    level_params: tuple[int, ...]  # indices of parameters in the data's unit
    mean: Callable[[np.ndarray, np.ndarray], np.ndarray]
    start: Callable[[np.ndarray, np.ndarray], np.ndarray]  # on data scaled to max 1
    bounds: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def _exp_mean(origin: float) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    def mean(x: np.ndarray, th: np.ndarray) -> np.ndarray:
        return th[0] * np.exp(th[1] * (x - origin))

    return mean


def _logistic_mean(x: np.ndarray, th: np.ndarray) -> np.ndarray:
    return th[0] / (1.0 + np.exp(-th[1] * (x - th[2])))


def _gompertz_mean(x: np.ndarray, th: np.ndarray) -> np.ndarray:
    return th[0] * np.exp(-np.exp(-th[1] * (x - th[2])))


_K_GRID = (1.05, 1.25, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0, 100.0)
#: Bounds of the saturation level K, as multiples of the largest value fitted
#: (numerical guard rails, not assumptions: a fit at the upper bound means the
#: data show no sign of saturation; :attr:`FitResult.meta` flags it).
K_BOUNDS = (0.5, 1000.0)


def _sat_start(
    link: Callable[[np.ndarray], np.ndarray], mean: Callable[[np.ndarray, np.ndarray], np.ndarray]
) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Start values (K, rate, inflection year): a grid of K, each with a linearised fit."""

    def start(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        best, best_sse = np.array([2.0 * y.max(), 0.5, x.mean()]), np.inf
        for m in _K_GRID:
            k = m * y.max()
            z = link(y / k)  # = -rate * (x - t0)
            slope, icpt = np.polyfit(x - x.mean(), z, 1)
            rate = max(-slope, 1e-3)
            th = np.array([k, rate, x.mean() + icpt / rate])
            with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
                sse = float(np.sum((np.log(y) - np.log(mean(x, th))) ** 2))
            if np.isfinite(sse) and sse < best_sse:
                best, best_sse = th, sse
        return best

    return start


def _logit_link(u: np.ndarray) -> np.ndarray:
    return np.log(1.0 / u - 1.0)


def _gompertz_link(u: np.ndarray) -> np.ndarray:
    return np.log(-np.log(u))


def _sat_bounds(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lo = np.array([K_BOUNDS[0] * y.max(), 1e-4, x.min() - 100.0])
    hi = np.array([K_BOUNDS[1] * y.max(), 10.0, x.max() + 200.0])
    return lo, hi


def _fit_curve(curve: _Curve, yrs: np.ndarray, vals: np.ndarray, scale: str, theta0: np.ndarray | None = None):
    """Least squares on data scaled to a maximum of 1; returns theta (data unit) and covariance."""
    if scale not in SCALES:
        raise ParameterError(f"scale must be 'level' or 'log', got {scale!r}")
    s = float(np.max(np.abs(vals)))
    x = yrs.astype(float)
    y = vals / s
    conv = np.ones(len(curve.names))
    conv[list(curve.level_params)] = s
    if theta0 is None:
        th0 = curve.start(x, y)
    else:
        th0 = np.asarray(theta0, dtype=float) / conv
    lo, hi = curve.bounds(x, y)
    with np.errstate(invalid="ignore"):
        lo_in = np.where(np.isfinite(lo), lo + 1e-9 * np.abs(lo) + 1e-12, lo)
        hi_in = np.where(np.isfinite(hi), hi - 1e-9 * np.abs(hi) - 1e-12, hi)
    th0 = np.clip(th0, lo_in, hi_in)

    if scale == "log":
        ly = np.log(y)

        def resid(th: np.ndarray) -> np.ndarray:
            f = curve.mean(x, th)
            return ly - np.log(np.maximum(f, 1e-12))
    else:

        def resid(th: np.ndarray) -> np.ndarray:
            return y - curve.mean(x, th)

    with np.errstate(over="ignore", invalid="ignore"):
        res = optimize.least_squares(
            resid, th0, bounds=(lo, hi), x_scale="jac", method="trf", max_nfev=5000, ftol=_TOL, xtol=_TOL, gtol=_TOL
        )
    th = res.x
    n, p = x.size, th.size
    jac = res.jac
    dof = n - p
    s2 = float(np.sum(res.fun**2) / dof) if dof > 0 else np.nan
    try:
        cov_n = s2 * np.linalg.pinv(jac.T @ jac)
    except np.linalg.LinAlgError:  # pragma: no cover
        cov_n = np.full((p, p), np.nan)
    at_bound = bool(np.any(np.isclose(th, lo, rtol=1e-3, atol=0)) or np.any(np.isclose(th, hi, rtol=1e-3, atol=0)))
    cov = cov_n * np.outer(conv, conv)
    return th * conv, cov, at_bound, bool(res.success)


def _curve_result(curve: _Curve, years, values, scale: str, what: str, meta: dict | None = None) -> FitResult:
    p = len(curve.names)
    yrs, vals = check_series(years, values, min_points=p + 1, positive=True, what=what)
    th, cov, at_bound, ok = _fit_curve(curve, yrs, vals, scale)
    if not ok:  # pragma: no cover - least_squares rarely fails outright
        raise ParameterError(f"{what}: the optimiser did not converge")

    def refit(new_values: np.ndarray) -> np.ndarray:
        v = np.asarray(new_values, dtype=float)
        if scale == "log" and (v <= 0).any():
            raise ParameterError("non-positive bootstrap value")
        return _fit_curve(curve, yrs, v, scale, theta0=th)[0]

    m = {"at_bound": at_bound, **(meta or {})}
    return make_result(curve.name, yrs, vals, curve.names, th, cov, curve.mean, refit, scale, p, "delta", m)


def fit_exponential(years, values, *, scale: str = "level", origin: int | None = None) -> FitResult:
    """Fit ``f(t) = A·exp(g·(t - origin))``: constant growth.

    Parameters
    ----------
    years : array-like of int
        Calendar years, strictly increasing.
    values : array-like of float
        Positive values (e.g. yuan or 亿元).
    scale : {"level", "log"}
        Error model (module docstring).
    origin : int, optional
        Year at which ``A`` is the level; default the last year fitted.

    Returns
    -------
    FitResult
        ``params``: ``A`` (unit of values, level at ``origin``), ``g``
        (continuous growth per year; annual growth is ``exp(g) - 1``).

    References
    ----------
    Malthusian growth; e.g. Meyer (1994), *Technol. Forecast. Soc. Change* 47:89–102.

    Examples
    --------
    >>> yrs = np.arange(2000, 2010)
    >>> r = fit_exponential(yrs, 5 * np.exp(0.3 * (yrs - 2009)))
    >>> round(r.params["A"], 6), round(r.params["g"], 6)
    (5.0, 0.3)
    """
    yrs_chk, _ = check_series(years, values, min_points=3, what="exponential fit")
    org = float(yrs_chk[-1] if origin is None else origin)

    def start(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        g, la = np.polyfit(x - org, np.log(y), 1)
        return np.array([np.exp(la), g])

    def bounds(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.array([1e-12, -5.0]), np.array([np.inf, 5.0])

    curve = _Curve("exponential", ("A", "g"), (0,), _exp_mean(org), start, bounds)
    return _curve_result(curve, years, values, scale, "exponential fit", {"origin": int(org)})


def fit_logistic(years, values, *, scale: str = "level") -> FitResult:
    """Fit the logistic curve ``f(t) = K / (1 + exp(-r·(t - t0)))``.

    Parameters
    ----------
    years : array-like of int
        Calendar years, strictly increasing (at least 4).
    values : array-like of float
        Positive values.
    scale : {"level", "log"}
        Error model.

    Returns
    -------
    FitResult
        ``params``: ``K`` (saturation level, unit of values), ``r`` (rate per
        year), ``t0`` (inflection year, where f = K/2). ``meta["at_bound"]`` is
        True when K hit :data:`K_BOUNDS` (no saturation visible).

    References
    ----------
    Verhulst (1838); Meade & Islam (1998), *Management Science* 44(8):1115–1130.

    Examples
    --------
    >>> yrs = np.arange(2000, 2016)
    >>> r = fit_logistic(yrs, 100 / (1 + np.exp(-0.6 * (yrs - 2008))))
    >>> [round(r.params[k], 4) for k in ("K", "r", "t0")]
    [100.0, 0.6, 2008.0]
    """
    curve = _Curve(
        "logistic", ("K", "r", "t0"), (0,), _logistic_mean, _sat_start(_logit_link, _logistic_mean), _sat_bounds
    )
    return _curve_result(curve, years, values, scale, "logistic fit")


def fit_gompertz(years, values, *, scale: str = "level") -> FitResult:
    """Fit the Gompertz curve ``f(t) = K·exp(-exp(-c·(t - tm)))``.

    Parameters
    ----------
    years : array-like of int
        Calendar years, strictly increasing (at least 4).
    values : array-like of float
        Positive values.
    scale : {"level", "log"}
        Error model.

    Returns
    -------
    FitResult
        ``params``: ``K`` (saturation level), ``c`` (rate per year), ``tm``
        (inflection year, where f = K/e ≈ 0.37 K).

    References
    ----------
    Gompertz (1825); Meade & Islam (1998), *Management Science* 44(8):1115–1130.

    Examples
    --------
    >>> yrs = np.arange(2000, 2016)
    >>> r = fit_gompertz(yrs, 50 * np.exp(-np.exp(-0.4 * (yrs - 2007))))
    >>> [round(r.params[k], 4) for k in ("K", "c", "tm")]
    [50.0, 0.4, 2007.0]
    """
    curve = _Curve(
        "gompertz", ("K", "c", "tm"), (0,), _gompertz_mean, _sat_start(_gompertz_link, _gompertz_mean), _sat_bounds
    )
    return _curve_result(curve, years, values, scale, "Gompertz fit")


def fit_polynomial(years, values, degree: int = 2, *, center: float | None = None, scale: str = "level") -> FitResult:
    """Fit a polynomial in the centred year, ``f(t) = Σ b_j·(t - center)^j``.

    Centring keeps the powers from being nearly collinear (with raw years such
    as 2009 the cubic column is numerically a combination of the others; see
    :func:`dropped_polynomial_terms`). The fitted curve does not depend on the
    centre, only the coefficients do.

    Parameters
    ----------
    years : array-like of int
        Calendar years, strictly increasing (at least degree + 2).
    values : array-like of float
        Positive values.
    degree : int
        1 to 5.
    center : float, optional
        Year subtracted before taking powers; default the mean year fitted.
    scale : {"level", "log"}
        ``"level"``: ordinary least squares. ``"log"``: least squares of
        ``log y - log f`` (f must stay positive at the data).

    Returns
    -------
    FitResult
        ``params``: ``b0`` ... ``b{degree}`` (unit of values per year^j);
        ``meta["center"]``.

    References
    ----------
    Zheng (2019), RPubs "Alibaba Singles Day (11/11) Sales Predictions" (raw-year cubic).

    Examples
    --------
    >>> yrs = np.arange(2009, 2019)
    >>> r = fit_polynomial(yrs, 6 - 34 * (yrs - 2009) + 30 * (yrs - 2009) ** 2.0 + 40, degree=2, center=2009)
    >>> [round(r.params[k], 6) for k in ("b0", "b1", "b2")]
    [46.0, -34.0, 30.0]
    """
    d = integer(degree, "polynomial degree", low=1, high=5)
    yrs_chk, vals_chk = check_series(years, values, min_points=d + 2, what=f"degree-{d} polynomial fit")
    c = float(np.mean(yrs_chk) if center is None else center)
    names = tuple(f"b{j}" for j in range(d + 1))

    def mean(x: np.ndarray, th: np.ndarray) -> np.ndarray:
        return np.polynomial.polynomial.polyval(np.asarray(x, dtype=float) - c, th)

    def start(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        X = np.vander(x - c, d + 1, increasing=True)
        w = 1.0 / y if scale == "log" else np.ones_like(y)
        return np.linalg.lstsq(X * w[:, None], y * w, rcond=None)[0]

    def bounds(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.full(d + 1, -np.inf), np.full(d + 1, np.inf)

    curve = _Curve(f"poly{d}", names, tuple(range(d + 1)), mean, start, bounds)
    if scale == "log":
        f0 = mean(yrs_chk.astype(float), start(yrs_chk.astype(float), vals_chk))
        if (f0 <= 0).any():
            raise ParameterError(f"degree-{d} polynomial: no positive start for a log-scale fit; use scale='level'")
    return _curve_result(curve, years, values, scale, f"degree-{d} polynomial fit", {"center": c})


def min_points(name: str) -> int:
    """Fewest years a curve needs: its number of mean parameters plus one (σ).

    Parameters
    ----------
    name : str
        ``"exponential"``, ``"logistic"``, ``"gompertz"`` or ``"polyD"``.

    Returns
    -------
    int

    Examples
    --------
    >>> min_points("logistic"), min_points("poly3")
    (4, 5)
    """
    if name == "exponential":
        return 3
    if name in ("logistic", "gompertz"):
        return 4
    if name.startswith("poly") and name[4:].isdigit():
        return int(name[4:]) + 2
    raise ParameterError(f"no curve named {name!r}")
