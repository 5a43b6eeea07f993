"""Growth of an annual series: growth rates, curve fits and how far a good fit proves anything.

Holds year-on-year growth and CAGR that respect breaks in how a figure is
measured (Alibaba's Double 11 went from one day to an 11-day window in 2020),
the growth curves used for Singles' Day GMV (exponential, logistic, Gompertz,
polynomials on a centred year) fitted with :func:`scipy.optimize.least_squares`,
a small :class:`FitResult` with standard errors, information criteria and
prediction intervals, and the diagnostics behind the 2019 "perfect cubic"
claim (raw-year collinearity, R² of polynomial fits to random growing series).

Error model, used by every curve in this module. ``scale="level"`` (default):
``y = f(year; θ) + e`` with ``e ~ N(0, σ²)``, least squares on the values, as
in the public 2019 analyses. ``scale="log"``: ``log y = log f(year; θ) + e``
(multiplicative errors). Log-likelihoods of log-scale fits are expressed as a
density of ``y`` (Jacobian ``-Σ log y``), so AIC/BIC compare fits across
scales on the same data. R² is always computed on the levels. The grey model
GM(1,1) lives in :mod:`helpers.grey` and returns the same result object.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize, stats

from helpers.errors import DataError, ParameterError

__all__ = [
    "FitResult",
    "check_series",
    "yoy_growth",
    "cagr",
    "cagr_table",
    "comparable_periods",
    "window_breaks",
    "r_squared",
    "fit_exponential",
    "fit_logistic",
    "fit_gompertz",
    "fit_polynomial",
    "fit_model",
    "MODEL_NAMES",
    "information_criteria",
    "design_condition_number",
    "dropped_polynomial_terms",
    "simulate_polynomial_r2",
    "r2_sensitivity",
]

_SCALES = ("level", "log")


# ---------------------------------------------------------------------------
# input checks
# ---------------------------------------------------------------------------
def check_series(
    years: Sequence[float] | np.ndarray | pd.Index,
    values: Sequence[float] | np.ndarray | pd.Series,
    *,
    min_points: int = 1,
    positive: bool = True,
    consecutive: bool = False,
    what: str = "the series",
) -> tuple[np.ndarray, np.ndarray]:
    """Validate an annual series and return it as arrays.

    Parameters
    ----------
    years : array-like of int
        Calendar years, strictly increasing, no duplicates.
    values : array-like of float
        One value per year (any unit, e.g. yuan); finite.
    min_points : int
        Fewest years accepted (a model with p parameters needs p + 1).
    positive : bool
        Require every value > 0 (growth models and logs need it).
    consecutive : bool
        Require years without gaps (GM(1,1) assumes equal spacing).
    what : str
        Name used in error messages, e.g. ``"logistic fit"``.

    Returns
    -------
    years : ndarray of int64
    values : ndarray of float64

    Raises
    ------
    DataError
        Unsorted, duplicate or non-integer years; missing, non-finite or
        non-positive values (the message names the year and column).
    ParameterError
        Fewer than ``min_points`` years.

    Examples
    --------
    >>> y, v = check_series([2009, 2010, 2011], [0.52, 9.36, 52])
    >>> y.tolist(), v.tolist()
    ([2009, 2010, 2011], [0.52, 9.36, 52.0])
    >>> check_series([2010, 2009], [1.0, 2.0])
    Traceback (most recent call last):
    ...
    helpers.errors.DataError: column 'year': the series: years must be strictly increasing, but 2009 comes after 2010 (position 2)
    """
    try:
        yrs = np.asarray(years, dtype=float)
    except (TypeError, ValueError) as exc:
        raise DataError(f"{what}: years must be numbers ({exc})", column="year") from None
    try:
        vals = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise DataError(f"{what}: values must be numbers ({exc})", column="value") from None
    if yrs.ndim != 1 or vals.ndim != 1:
        raise DataError(f"{what}: years and values must be one-dimensional", column="year")
    if yrs.shape != vals.shape:
        raise DataError(
            f"{what}: got {yrs.size} years but {vals.size} values; give one value per year", column="value"
        )
    if yrs.size < min_points:
        raise ParameterError(f"{what} needs at least {min_points} years of data, got {yrs.size}")
    bad = ~np.isfinite(yrs) | (yrs != np.round(yrs))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise DataError(f"{what}: years must be whole numbers, got {float(yrs[i])!r} (position {i + 1})", column="year")
    yrs_i = yrs.astype(np.int64)
    steps = np.diff(yrs_i)
    if (steps == 0).any():
        i = int(np.flatnonzero(steps == 0)[0])
        raise DataError(f"{what}: year {yrs_i[i]} appears more than once", column="year")
    if (steps < 0).any():
        i = int(np.flatnonzero(steps < 0)[0])
        raise DataError(
            f"{what}: years must be strictly increasing, but {yrs_i[i + 1]} comes after {yrs_i[i]} (position {i + 2})",
            column="year",
        )
    if consecutive and (steps != 1).any():
        i = int(np.flatnonzero(steps != 1)[0])
        raise DataError(
            f"{what}: years must be consecutive, but {yrs_i[i]} is followed by {yrs_i[i + 1]}", column="year"
        )
    nonfinite = ~np.isfinite(vals)
    if nonfinite.any():
        i = int(np.flatnonzero(nonfinite)[0])
        raise DataError(
            f"{what}: value for {yrs_i[i]} is missing or not finite ({float(vals[i])!r}); drop undisclosed years before fitting",
            column="value",
        )
    if positive and (vals <= 0).any():
        i = int(np.flatnonzero(vals <= 0)[0])
        raise DataError(f"{what}: value for {yrs_i[i]} must be positive, got {float(vals[i])!r}", column="value")
    return yrs_i, vals


def _check_interval(interval: float) -> float:
    if not (isinstance(interval, (int, float)) and 0.0 < float(interval) < 1.0):
        raise ParameterError(f"interval must be a probability strictly between 0 and 1, got {interval!r}")
    return float(interval)


# ---------------------------------------------------------------------------
# growth rates
# ---------------------------------------------------------------------------
def _windows_float(windows: pd.Series | None, index: pd.Index) -> pd.Series:
    """Window lengths aligned to ``index`` as floats (NaN = unknown); all 1 when not given."""
    if windows is None:
        return pd.Series(1.0, index=index)
    w = pd.Series(windows).reindex(index)
    return pd.Series(pd.to_numeric(w, errors="coerce").astype("float64").to_numpy(na_value=np.nan), index=index)


def window_breaks(windows: pd.Series) -> list[int]:
    """Years in which the measurement window differs from the previous year's.

    Parameters
    ----------
    windows : pandas.Series
        Window length in days (e.g. ``window_days``), indexed by year, sorted.

    Returns
    -------
    list of int
        First year of each new window.

    Examples
    --------
    >>> window_breaks(pd.Series([1, 1, 11, 11], index=[2018, 2019, 2020, 2021]))
    [2020]
    """
    w = pd.Series(windows).sort_index()
    w = _windows_float(w, w.index).dropna()
    changed = w.ne(w.shift()) & w.shift().notna()
    return [int(y) for y in w.index[changed.to_numpy()]]


def yoy_growth(values: pd.Series, windows: pd.Series | None = None) -> pd.DataFrame:
    """Year-on-year growth, computed only between comparable consecutive years.

    Parameters
    ----------
    values : pandas.Series
        Values (e.g. yuan) indexed by year; NaN marks an undisclosed year.
    windows : pandas.Series, optional
        Measurement window (days) by year; growth across a change of window is
        not computed.

    Returns
    -------
    pandas.DataFrame
        Indexed by year: ``value``, ``previous``, ``growth`` (fraction, e.g. 0.6
        for +60%) and ``note`` saying why growth is missing where it is.

    Examples
    --------
    >>> s = pd.Series([100.0, 160.0, 400.0, 440.0], index=[2018, 2019, 2020, 2021])
    >>> w = pd.Series([1, 1, 11, 11], index=s.index)
    >>> yoy_growth(s, w)["growth"].round(2).tolist()
    [nan, 0.6, nan, 0.1]
    """
    s = pd.Series(values, dtype=float).sort_index()
    if s.index.has_duplicates:
        dup = s.index[s.index.duplicated()][0]
        raise DataError(f"year {dup} appears more than once", column="year")
    prev = s.reindex([y - 1 for y in s.index]).to_numpy()
    growth = s.to_numpy() / prev - 1.0
    notes = []
    w = None if windows is None else _windows_float(windows, s.index)
    wprev = None if windows is None else _windows_float(windows, pd.Index([y - 1 for y in s.index])).to_numpy()
    for i, year in enumerate(s.index):
        note = ""
        if (year - 1) not in s.index:
            note = "first year" if i == 0 else f"no figure for {year - 1}"
        elif np.isnan(s.iloc[i]):
            note = f"no figure for {year}"
        elif np.isnan(prev[i]):
            note = f"no figure for {year - 1}"
        elif w is not None and (np.isnan(w.iloc[i]) or np.isnan(wprev[i])):
            note = "measurement window unknown: not comparable"
        elif w is not None and w.iloc[i] != wprev[i]:
            note = f"window changed ({wprev[i]:g} to {w.iloc[i]:g} days): not comparable"
        if note:
            growth[i] = np.nan
        notes.append(note)
    return pd.DataFrame(
        {"value": s.to_numpy(), "previous": prev, "growth": growth, "note": notes},
        index=pd.Index(s.index, name="year"),
    )


def cagr(values: pd.Series, start: int, end: int, windows: pd.Series | None = None) -> float:
    """Compound annual growth rate between two years.

    Parameters
    ----------
    values : pandas.Series
        Values indexed by year (any positive unit).
    start, end : int
        First and last year, ``start < end``; both must have a figure.
    windows : pandas.Series, optional
        Measurement window by year; a period spanning a change raises.

    Returns
    -------
    float
        ``(v_end / v_start) ** (1 / (end - start)) - 1``, a fraction per year.

    Examples
    --------
    >>> round(cagr(pd.Series([100.0, 121.0], index=[2017, 2019]), 2017, 2019), 4)
    0.1
    """
    s = pd.Series(values, dtype=float)
    if not end > start:
        raise ParameterError(f"CAGR period must have end > start, got {start}-{end}")
    for y in (start, end):
        if y not in s.index or not np.isfinite(s.loc[y]):
            raise ParameterError(f"CAGR {start}-{end}: no figure for {y}")
        if s.loc[y] <= 0:
            raise ParameterError(f"CAGR {start}-{end}: value for {y} must be positive, got {s.loc[y]!r}")
    if windows is not None:
        w = pd.Series(windows)
        span = w[(w.index >= start) & (w.index <= end)]
        if span.nunique() > 1:
            raise ParameterError(
                f"CAGR {start}-{end} spans a change of measurement window ({sorted(span.unique().tolist())} days)"
            )
    return float((s.loc[end] / s.loc[start]) ** (1.0 / (end - start)) - 1.0)


def cagr_table(
    values: pd.Series, periods: Sequence[tuple[int, int]], windows: pd.Series | None = None
) -> pd.DataFrame:
    """CAGR for several periods.

    Parameters
    ----------
    values : pandas.Series
        Values indexed by year.
    periods : sequence of (start, end)
        Periods, e.g. ``[(2010, 2014), (2014, 2019)]``.
    windows : pandas.Series, optional
        Measurement window by year (see :func:`cagr`).

    Returns
    -------
    pandas.DataFrame
        ``start``, ``end``, ``years``, ``start_value``, ``end_value``, ``multiple``, ``cagr`` (fraction).

    Examples
    --------
    >>> t = cagr_table(pd.Series([1.0, 2.0, 4.0], index=[2000, 2001, 2002]), [(2000, 2002)])
    >>> float(t.loc[0, "cagr"])
    1.0
    """
    s = pd.Series(values, dtype=float)
    rows = []
    for start, end in periods:
        g = cagr(s, int(start), int(end), windows)
        rows.append(
            {
                "start": int(start),
                "end": int(end),
                "years": int(end) - int(start),
                "start_value": float(s.loc[start]),
                "end_value": float(s.loc[end]),
                "multiple": float(s.loc[end] / s.loc[start]),
                "cagr": g,
            }
        )
    return pd.DataFrame(rows)


def comparable_periods(values: pd.Series, windows: pd.Series | None = None, *, split_from: int = 6) -> list[tuple[int, int]]:
    """Default CAGR periods: each run of years with one known window, and its two halves when long.

    Parameters
    ----------
    values : pandas.Series
        Values indexed by year (NaN = no figure; ignored).
    windows : pandas.Series, optional
        Window length by year; periods never span a change.
    split_from : int
        A run spanning at least this many years is also split at its middle year.

    Returns
    -------
    list of (start, end)
        Periods whose ends both have figures, in chronological order.

    Examples
    --------
    >>> s = pd.Series([1.0, 2, 4, 8, 16, 32, 64, 70, 80, None], index=range(2013, 2023))
    >>> w = pd.Series([1] * 7 + [11] * 3, index=s.index)
    >>> comparable_periods(s, w)
    [(2013, 2019), (2013, 2016), (2016, 2019), (2020, 2021)]
    """
    s = pd.Series(values, dtype=float).sort_index().dropna()
    w = _windows_float(windows, s.index).fillna(-1.0)  # unknown windows form their own run
    out: list[tuple[int, int]] = []
    for _, part in s.groupby((w != w.shift()).cumsum().to_numpy(), sort=True):
        yrs = [int(y) for y in part.index]
        if len(yrs) < 2 or w.loc[yrs[0]] < 0:  # too short, or window unknown
            continue
        out.append((yrs[0], yrs[-1]))
        if yrs[-1] - yrs[0] >= split_from:
            mid = min(yrs, key=lambda y: (abs(y - (yrs[0] + yrs[-1]) / 2), y))
            out += [(yrs[0], mid), (mid, yrs[-1])]
    return out


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


# ---------------------------------------------------------------------------
# result object
# ---------------------------------------------------------------------------
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

    def summary(self) -> pd.DataFrame:
        """Parameters with standard errors, one row each.

        Returns
        -------
        pandas.DataFrame
            ``estimate`` and ``stderr`` indexed by parameter name.
        """
        return pd.DataFrame(
            {"estimate": pd.Series(self.params), "stderr": pd.Series(self.stderr)}
        ).rename_axis("parameter")

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


def _likelihood(values: np.ndarray, residuals: np.ndarray, scale: str, n_params: int) -> dict[str, float]:
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
    """Assemble a :class:`FitResult` (used by the fitters here and in :mod:`helpers.grey`).

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
    lik = _likelihood(values, resid, scale, n_params)
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


# ---------------------------------------------------------------------------
# curve models
# ---------------------------------------------------------------------------
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
    if scale not in _SCALES:
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
        res = optimize.least_squares(resid, th0, bounds=(lo, hi), x_scale="jac", method="trf", max_nfev=2000)
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
    curve = _Curve("logistic", ("K", "r", "t0"), (0,), _logistic_mean, _sat_start(_logit_link, _logistic_mean), _sat_bounds)
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
    curve = _Curve("gompertz", ("K", "c", "tm"), (0,), _gompertz_mean, _sat_start(_gompertz_link, _gompertz_mean), _sat_bounds)
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
    if not isinstance(degree, (int, np.integer)) or not 1 <= int(degree) <= 5:
        raise ParameterError(f"polynomial degree must be an integer from 1 to 5, got {degree!r}")
    d = int(degree)
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


#: Names accepted by :func:`fit_model`.
MODEL_NAMES = ("exponential", "logistic", "gompertz", "poly1", "poly2", "poly3", "gm11")


def fit_model(name: str, years, values, **kwargs: Any) -> FitResult:
    """Fit a model by name.

    Parameters
    ----------
    name : str
        One of :data:`MODEL_NAMES` (``polyD`` for a degree-D polynomial).
    years, values : array-like
        The series.
    **kwargs
        Passed to the fitter (e.g. ``scale``).

    Returns
    -------
    FitResult

    Examples
    --------
    >>> fit_model("poly1", [2000, 2001, 2002], [1.0, 2.0, 3.0]).params["b1"]
    1.0
    """
    if name == "exponential":
        return fit_exponential(years, values, **kwargs)
    if name == "logistic":
        return fit_logistic(years, values, **kwargs)
    if name == "gompertz":
        return fit_gompertz(years, values, **kwargs)
    if name == "gm11":
        from helpers.grey import fit_gm11

        return fit_gm11(years, values, **kwargs)
    if name.startswith("poly") and name[4:].isdigit():
        return fit_polynomial(years, values, int(name[4:]), **kwargs)
    raise ParameterError(f"unknown model {name!r}; choose from {', '.join(MODEL_NAMES)}")


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
        if r.years.shape != first.years.shape or not np.array_equal(r.years, first.years) or not np.allclose(
            r.values, first.values
        ):
            raise ParameterError(f"fit {name!r} is on different data; information criteria compare fits of the same data")
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


# ---------------------------------------------------------------------------
# the 2019 "perfect cubic": collinearity and R² of random growing series
# ---------------------------------------------------------------------------
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
    """R² and next-point error of polynomial fits to random growing series.

    Each series integrates (cumulative sums, ``integrations`` times) i.i.d.
    Gamma(shape, 1/shape) shocks (mean 1, coefficient of variation
    ``1/sqrt(shape)``): with two integrations the yearly increments follow a
    random walk with positive steps, which is what a series whose increments
    grow "about linearly" looks like. No trend is built in. A polynomial of
    ``degree`` in the centred index is fitted by least squares to the first
    ``n_points`` values and extrapolated one step.

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
        One row per series: ``r2`` (levels) and ``next_error`` (forecast / actual - 1 at point n+1).

    Examples
    --------
    >>> sims = simulate_polynomial_r2(n_sims=200, seed=1)
    >>> bool(sims["r2"].median() > 0.99)
    True
    """
    for nm, v, lo in (("n_points", n_points, degree + 2), ("n_sims", n_sims, 1), ("integrations", integrations, 1)):
        if not isinstance(v, (int, np.integer)) or v < lo:
            raise ParameterError(f"{nm} must be an integer >= {lo}, got {v!r}")
    if not (np.isfinite(shape) and shape > 0):
        raise ParameterError(f"shape must be positive, got {shape!r}")
    rng = np.random.default_rng(seed)
    u = rng.gamma(shape, 1.0 / shape, size=(n_points + 1, n_sims))
    y = u
    for _ in range(integrations):
        y = np.cumsum(y, axis=0)
    t = np.arange(n_points + 1, dtype=float)
    t -= t[:n_points].mean()
    X = np.vander(t[:n_points], degree + 1, increasing=True)
    coef = np.linalg.lstsq(X, y[:n_points], rcond=None)[0]
    fit = X @ coef
    yy = y[:n_points]
    r2 = 1 - ((yy - fit) ** 2).sum(axis=0) / ((yy - yy.mean(axis=0)) ** 2).sum(axis=0)
    nxt = np.vander(t[n_points:], degree + 1, increasing=True) @ coef
    return pd.DataFrame({"r2": r2, "next_error": nxt[0] / y[n_points] - 1.0}).rename_axis("sim")


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
            sims = simulate_polynomial_r2(n_points, degree, n_sims=n_sims, shape=float(shape), integrations=int(k), seed=seed)
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
