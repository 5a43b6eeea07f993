"""The result of fitting a growth model: one class, :class:`FitResult`, for every model.

Error model, used by every curve (see :mod:`helpers.growth.curves`).
``scale="level"`` (default): :math:`y_t = f(t; \\theta) + \\varepsilon_t` with
:math:`\\varepsilon_t \\sim N(0, \\sigma^2)`, least squares on the values, as in
the public 2019 analyses. ``scale="log"``: :math:`\\log y_t = \\log f(t; \\theta) +
\\varepsilon_t` (multiplicative errors). Log-likelihoods of log-scale fits are
expressed as a density of :math:`y` (Jacobian :math:`-\\sum \\log y_t`), so AIC/BIC
compare fits across scales on the same data. R² is always computed on the levels.

A result has ``summary()`` (a DataFrame of estimates and standard errors,
optionally rounded to the precision the standard errors support), ``predict()``
(point forecast and a prediction interval), ``fan()`` and ``mean()``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from helpers.errors import DataError, ParameterError

__all__ = [
    "FitResult",
    "make_result",
    "likelihood",
    "information_criteria",
    "r_squared",
    "round_to_se",
]


def _check_interval(interval: float) -> float:
    if isinstance(interval, bool) or not (isinstance(interval, (int, float)) and 0.0 < float(interval) < 1.0):
        raise ParameterError(f"interval must be a probability strictly between 0 and 1, got {interval!r}")
    return float(interval)


def round_to_se(estimate: float, stderr: float, digits: int = 2) -> tuple[float, float, int]:
    """Round an estimate to the precision its standard error supports.

    The standard error keeps ``digits`` significant digits and the estimate is
    rounded to the same decimal place (the convention of e.g. the Particle
    Data Group and most journals). Without a usable standard error (NaN, 0)
    the estimate keeps 4 significant digits.

    Parameters
    ----------
    estimate, stderr : float
        In the same unit.
    digits : int
        Significant digits of the standard error (1 or 2).

    Returns
    -------
    (estimate, stderr, decimals) : (float, float, int)
        Rounded values and the number of decimals used (negative: tens, hundreds).

    Examples
    --------
    >>> round_to_se(3808.678, 349.831)
    (3810.0, 350.0, -1)
    >>> round_to_se(0.52412, 0.03794)
    (0.524, 0.038, 3)
    >>> round_to_se(2.5, float("nan"))
    (2.5, nan, 3)
    """
    if not math.isfinite(estimate):
        return estimate, stderr, 0
    if not math.isfinite(stderr) or stderr <= 0:
        scale = abs(estimate) if estimate else 1.0
        dec = 3 - int(math.floor(math.log10(scale)))
        return round(estimate, dec), stderr, dec
    dec = digits - 1 - int(math.floor(math.log10(stderr)))
    return round(estimate, dec) + 0.0, round(stderr, dec) + 0.0, dec


def r_squared(observed: np.ndarray, fitted: np.ndarray) -> float:
    """Coefficient of determination on the levels.

    Parameters
    ----------
    observed, fitted : array-like
        Same length.

    Returns
    -------
    float
        ``1 - Σ(y - f)² / Σ(y - ȳ)²``.

    Examples
    --------
    >>> r_squared([1.0, 2.0, 3.0], [1.0, 2.0, 4.0])
    0.5
    """
    y = np.asarray(observed, dtype=float)
    f = np.asarray(fitted, dtype=float)
    return float(1.0 - np.sum((y - f) ** 2) / np.sum((y - y.mean()) ** 2))


@dataclass(frozen=True, eq=False)
class FitResult:
    """A fitted growth model.

    Attributes
    ----------
    model : str
        E.g. ``"exponential"``, ``"logistic"``, ``"gompertz"``, ``"poly3"``, ``"gm11"``.
    years, values : ndarray
        The data fitted (values in the caller's unit, e.g. yuan or 亿元).
    params, stderr : dict
        Estimates and asymptotic standard errors (same unit as values for
        levels such as ``K``; rates per year; years for inflection years).
    fitted : ndarray
        Mean function at ``years`` (same unit as values).
    residuals : ndarray
        On the fitting scale: ``y - f`` (level) or ``log y - log f`` (log).
    scale : str
        ``"level"`` or ``"log"`` (error model, see the module docstring).
    n_params : int
        Parameters of the mean function (σ is counted on top in AIC/BIC).
    loglik, aic, aicc, bic, r2 : float
        Gaussian log-likelihood as a density of ``y``, AIC, small-sample AICc,
        BIC (``n_params + 1`` parameters) and R² on the levels.
    interval_method : str
        Default for :meth:`predict`: ``"delta"`` or ``"bootstrap"``.
    meta : dict
        Model details (e.g. the polynomial's centre year, whether a bound is active).
    """

    model: str
    years: np.ndarray
    values: np.ndarray
    params: dict[str, float]
    stderr: dict[str, float]
    fitted: np.ndarray
    residuals: np.ndarray
    scale: str
    n_params: int
    loglik: float
    aic: float
    aicc: float
    bic: float
    r2: float
    interval_method: str
    meta: dict[str, Any] = field(default_factory=dict)
    _theta: np.ndarray = field(default=None, repr=False)  # type: ignore[assignment]
    _cov: np.ndarray = field(default=None, repr=False)  # type: ignore[assignment]
    _mean: Callable[[np.ndarray, np.ndarray], np.ndarray] = field(default=None, repr=False)  # type: ignore[assignment]
    _refit: Callable[[np.ndarray], np.ndarray] = field(default=None, repr=False)  # type: ignore[assignment]

    @property
    def n(self) -> int:
        """Number of years fitted."""
        return int(self.years.size)

    @property
    def sigma(self) -> float:
        """Residual standard deviation on the fitting scale (dof-corrected)."""
        dof = max(self.n - self.n_params, 1)
        return float(np.sqrt(np.sum(self.residuals**2) / dof))

    def summary(self, *, rounded: bool = False) -> pd.DataFrame:
        """Parameters with standard errors, one row each.

        Parameters
        ----------
        rounded : bool
            Round each estimate to the precision of its standard error (two
            significant digits of the SE, see :func:`round_to_se`): what a
            table should show.

        Returns
        -------
        pandas.DataFrame
            ``estimate`` and ``stderr`` indexed by parameter name.

        Examples
        --------
        >>> from helpers.growth import fit_polynomial
        >>> r = fit_polynomial([2000, 2001, 2002, 2003], [1.0, 2.1, 2.9, 4.2], 1)
        >>> r.summary(rounded=True).loc["b1"].tolist()
        [1.04, 0.065]
        """
        est = pd.Series(self.params, dtype=float)
        se = pd.Series(self.stderr, dtype=float).reindex(est.index)
        if rounded:
            pairs = [round_to_se(float(e), float(s))[:2] for e, s in zip(est, se, strict=True)]
            est = pd.Series([p[0] for p in pairs], index=est.index)
            se = pd.Series([p[1] for p in pairs], index=est.index)
        return pd.DataFrame({"estimate": est, "stderr": se}).rename_axis("parameter")

    def mean(self, years: Sequence[float] | np.ndarray) -> np.ndarray:
        """Point forecast (the fitted mean function) at any years.

        Parameters
        ----------
        years : array-like of int

        Returns
        -------
        ndarray
            Same unit as the data.
        """
        return np.asarray(self._mean(np.asarray(years, dtype=float), self._theta), dtype=float)

    def _h(self, years: np.ndarray, theta: np.ndarray) -> np.ndarray:
        f = np.asarray(self._mean(years, theta), dtype=float)
        if self.scale == "log":
            with np.errstate(divide="ignore", invalid="ignore"):
                return np.where(f > 0, np.log(np.where(f > 0, f, 1.0)), np.nan)
        return f

    def _back(self, h: np.ndarray) -> np.ndarray:
        return np.exp(h) if self.scale == "log" else h

    def quantiles(
        self,
        years: Sequence[float] | np.ndarray,
        probs: Sequence[float],
        *,
        method: str | None = None,
        n_boot: int = 400,
        seed: int = 0,
    ) -> np.ndarray:
        """Predictive quantiles of a new observation at ``years``.

        Parameters
        ----------
        years : array-like of int
            Years to forecast.
        probs : sequence of float
            Probabilities in (0, 1).
        method : {"delta", "bootstrap"}, optional
            ``"delta"``: t interval on the fitting scale with variance
            ``g'Σg + σ²`` (g the gradient of the mean in θ, Σ the parameter
            covariance), back-transformed for log fits. ``"bootstrap"``: residual
            bootstrap (centred, dof-inflated residuals; refit; add a resampled
            residual), empirical quantiles. Default :attr:`interval_method`.
        n_boot : int
            Bootstrap draws.
        seed : int
            Seed of the bootstrap's ``numpy.random.Generator``.

        Returns
        -------
        ndarray, shape (len(probs), len(years))
        """
        x = np.atleast_1d(np.asarray(years, dtype=float))
        p = np.asarray(probs, dtype=float)
        if ((p <= 0) | (p >= 1)).any():
            raise ParameterError(f"probabilities must lie strictly between 0 and 1, got {p.tolist()}")
        method = method or self.interval_method
        if method == "delta":
            if self._cov is None or not np.isfinite(self._cov).all():
                raise ParameterError(f"{self.model}: no parameter covariance; use method='bootstrap'")
            h0 = self._h(x, self._theta)
            grad = _num_grad(lambda th: self._h(x, th), self._theta)
            var = np.einsum("ij,jk,ik->i", grad, self._cov, grad) + self.sigma**2
            dof = max(self.n - self.n_params, 1)
            q = stats.t.ppf(p, dof)
            out = h0[None, :] + q[:, None] * np.sqrt(var)[None, :]
        elif method == "bootstrap":
            draws = self._bootstrap_draws(x, n_boot, seed)
            out = np.quantile(draws, p, axis=0)
        else:
            raise ParameterError(f"interval method must be 'delta' or 'bootstrap', got {method!r}")
        if np.isnan(out).any():
            bad = x[np.isnan(out).any(axis=0)]
            raise ParameterError(
                f"{self.model}: the mean is not positive at {bad.astype(int).tolist()}, so no log-scale interval exists"
            )
        return self._back(out)

    def _bootstrap_draws(self, x: np.ndarray, n_boot: int, seed: int) -> np.ndarray:
        if int(n_boot) < 20:
            raise ParameterError(f"n_boot must be at least 20, got {n_boot!r}")
        rng = np.random.default_rng(seed)
        dof = max(self.n - self.n_params, 1)
        e = (self.residuals - self.residuals.mean()) * np.sqrt(self.n / dof)
        h_fit = self._h(self.years.astype(float), self._theta)
        draws = []
        for _ in range(int(n_boot)):
            star = h_fit + rng.choice(e, size=self.n, replace=True)
            try:
                theta = self._refit(self._back(star))
            except (ParameterError, DataError, np.linalg.LinAlgError, ValueError):
                continue
            h_new = self._h(x, theta)
            draws.append(h_new + rng.choice(e, size=x.size, replace=True))
        if len(draws) < 0.9 * int(n_boot):
            raise ParameterError(f"{self.model}: {int(n_boot) - len(draws)} of {n_boot} bootstrap refits failed")
        return np.asarray(draws)

    def predict(
        self,
        years: Sequence[float] | np.ndarray,
        interval: float | None = 0.9,
        *,
        method: str | None = None,
        n_boot: int = 400,
        seed: int = 0,
    ) -> pd.DataFrame:
        """Point forecast and a central prediction interval.

        Parameters
        ----------
        years : array-like of int
            Years to forecast (in or beyond the fitted range).
        interval : float or None
            Central coverage, e.g. 0.9; ``None`` for point forecasts only.
        method, n_boot, seed
            See :meth:`quantiles`.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``year``: ``forecast`` (the fitted mean; for log fits the
            median) and ``lower``/``upper`` (same unit as the data).
        """
        x = np.atleast_1d(np.asarray(years, dtype=float))
        out = pd.DataFrame({"forecast": self.mean(x)}, index=pd.Index(x.astype(np.int64), name="year"))
        if interval is not None:
            lev = _check_interval(interval)
            q = self.quantiles(x, [(1 - lev) / 2, (1 + lev) / 2], method=method, n_boot=n_boot, seed=seed)
            out["lower"], out["upper"] = q[0], q[1]
        return out

    def fan(
        self,
        years: Sequence[float] | np.ndarray,
        levels: Sequence[float] = (0.5, 0.8, 0.9),
        *,
        method: str | None = None,
        n_boot: int = 400,
        seed: int = 0,
    ) -> pd.DataFrame:
        """Nested prediction intervals for a fan chart.

        Parameters
        ----------
        years : array-like of int
        levels : sequence of float
            Central coverages.
        method, n_boot, seed
            See :meth:`quantiles` (one bootstrap serves every level).

        Returns
        -------
        pandas.DataFrame
            Indexed by ``year``: ``forecast`` and ``lower_XX``/``upper_XX`` per level (XX in percent).
        """
        x = np.atleast_1d(np.asarray(years, dtype=float))
        levs = [_check_interval(v) for v in levels]
        probs = [p for v in levs for p in ((1 - v) / 2, (1 + v) / 2)]
        q = self.quantiles(x, probs, method=method, n_boot=n_boot, seed=seed)
        out = pd.DataFrame({"forecast": self.mean(x)}, index=pd.Index(x.astype(np.int64), name="year"))
        for i, v in enumerate(levs):
            tag = f"{round(v * 100):d}"
            out[f"lower_{tag}"], out[f"upper_{tag}"] = q[2 * i], q[2 * i + 1]
        return out


def _num_grad(fun: Callable[[np.ndarray], np.ndarray], theta: np.ndarray) -> np.ndarray:
    """Central-difference Jacobian of ``fun`` at ``theta`` (rows: outputs)."""
    theta = np.asarray(theta, dtype=float)
    f0 = np.asarray(fun(theta))
    jac = np.empty((f0.size, theta.size))
    for j in range(theta.size):
        step = 1e-6 * max(abs(theta[j]), 1e-2)
        up, dn = theta.copy(), theta.copy()
        up[j] += step
        dn[j] -= step
        jac[:, j] = (np.asarray(fun(up)) - np.asarray(fun(dn))) / (2 * step)
    return jac


def likelihood(values: np.ndarray, residuals: np.ndarray, scale: str, n_params: int) -> dict[str, float]:
    """Gaussian log-likelihood (as a density of y), AIC, AICc and BIC of a fit.

    Parameters
    ----------
    values : ndarray
        The data :math:`y_t` (positive for ``scale="log"``).
    residuals : ndarray
        On the fitting scale.
    scale : {"level", "log"}
    n_params : int
        Parameters of the mean function; :math:`\\sigma` is counted on top
        (:math:`k = n\\_params + 1`).

    Returns
    -------
    dict
        ``loglik``, ``aic`` (:math:`-2\\ell + 2k`), ``aicc`` (:math:`\\mathrm{AIC} +
        2k(k+1)/(n-k-1)`, infinite when :math:`n \\le k + 1`) and ``bic``
        (:math:`-2\\ell + k\\log n`); FPP3 section 7.5.

    Examples
    --------
    >>> d = likelihood(np.ones(5), np.array([0.1, -0.1, 0.0, 0.1, -0.1]), "level", 1)
    >>> round(d["aic"] - (-2 * d["loglik"] + 4), 12)
    0.0
    """
    n = values.size
    rss = float(np.sum(residuals**2))
    sig2 = max(rss / n, 1e-300)
    ll = -0.5 * n * (np.log(2 * np.pi * sig2) + 1.0)
    if scale == "log":
        ll -= float(np.sum(np.log(values)))
    k = n_params + 1
    aic = -2 * ll + 2 * k
    aicc = aic + (2 * k * (k + 1) / (n - k - 1) if n - k - 1 > 0 else np.inf)
    bic = -2 * ll + k * np.log(n)
    return {"loglik": float(ll), "aic": float(aic), "aicc": float(aicc), "bic": float(bic)}


def make_result(
    model: str,
    years: np.ndarray,
    values: np.ndarray,
    names: Sequence[str],
    theta: np.ndarray,
    cov: np.ndarray | None,
    mean: Callable[[np.ndarray, np.ndarray], np.ndarray],
    refit: Callable[[np.ndarray], np.ndarray],
    scale: str,
    n_params: int,
    interval_method: str,
    meta: dict[str, Any] | None = None,
) -> FitResult:
    """Assemble a :class:`FitResult` (used by the fitters in :mod:`~helpers.growth.curves` and :mod:`~helpers.growth.grey`).

    Parameters
    ----------
    model : str
        Model name.
    years, values : ndarray
        The fitted data.
    names : sequence of str
        Parameter names, in the order of ``theta``.
    theta : ndarray
        Estimates.
    cov : ndarray or None
        Parameter covariance (NaN standard errors when None).
    mean : callable
        ``mean(years, theta) -> fitted values``.
    refit : callable
        ``refit(values) -> theta`` on the same years (for the bootstrap).
    scale : {"level", "log"}
        Error model.
    n_params : int
        Parameters counted in AIC/BIC (σ added on top).
    interval_method : {"delta", "bootstrap"}
        Default for predictions.
    meta : dict, optional
        Extra details.

    Returns
    -------
    FitResult
    """
    yrs = years.astype(float)
    fitted = np.asarray(mean(yrs, theta), dtype=float)
    if scale == "log":
        with np.errstate(divide="ignore", invalid="ignore"):
            resid = np.log(values) - np.log(fitted)
    else:
        resid = values - fitted
    se = np.full(len(names), np.nan) if cov is None else np.sqrt(np.clip(np.diag(cov), 0, None))
    lik = likelihood(values, resid, scale, n_params)
    return FitResult(
        model=model,
        years=years,
        values=values,
        params={k: float(v) for k, v in zip(names, theta, strict=True)},
        stderr={k: float(v) for k, v in zip(names, se, strict=True)},
        fitted=fitted,
        residuals=resid,
        scale=scale,
        n_params=n_params,
        r2=r_squared(values, fitted),
        interval_method=interval_method,
        meta=dict(meta or {}),
        _theta=np.asarray(theta, dtype=float),
        _cov=None if cov is None else np.asarray(cov, dtype=float),
        _mean=mean,
        _refit=refit,
        **lik,
    )


def information_criteria(results: Mapping[str, FitResult]) -> pd.DataFrame:
    """Compare fits of the same data by AIC, AICc, BIC and R².

    Parameters
    ----------
    results : mapping of str to FitResult
        Fits of the same years and values.

    Returns
    -------
    pandas.DataFrame
        Indexed by model name: ``scale``, ``n``, ``k`` (mean parameters + σ),
        ``loglik``, ``aic``, ``aicc``, ``bic``, ``delta_aicc`` (from the best),
        ``r2``; sorted by AICc.

    Examples
    --------
    >>> from helpers.growth import fit_polynomial
    >>> x = np.arange(2000, 2010); y = 2.0 + 3.0 * (x - 2000) + np.sin(x)
    >>> t = information_criteria({"line": fit_polynomial(x, y, 1), "quad": fit_polynomial(x, y, 2)})
    >>> list(t.columns[:3])
    ['scale', 'n', 'k']
    """
    if not results:
        raise ParameterError("information_criteria needs at least one fit")
    first = next(iter(results.values()))
    rows = {}
    for name, r in results.items():
        if (
            r.years.shape != first.years.shape
            or not np.array_equal(r.years, first.years)
            or not np.allclose(r.values, first.values)
        ):
            raise ParameterError(
                f"fit {name!r} is on different data; information criteria compare fits of the same data"
            )
        rows[name] = {
            "scale": r.scale,
            "n": r.n,
            "k": r.n_params + 1,
            "loglik": r.loglik,
            "aic": r.aic,
            "aicc": r.aicc,
            "bic": r.bic,
            "r2": r.r2,
        }
    t = pd.DataFrame.from_dict(rows, orient="index")
    t.insert(t.columns.get_loc("bic") + 1, "delta_aicc", t["aicc"] - t["aicc"].min())
    return t.sort_values(["aicc", "bic"], kind="stable").rename_axis("model")
