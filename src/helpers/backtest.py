"""Rolling-origin backtests of growth models: could a model have forecast next year?

For every forecast origin t (the last year a forecaster had), each model is
refitted on the years up to t and forecasts t+1 ... t+h; the forecasts are
compared with what was later announced. This is the "evaluation on a rolling
forecasting origin" of Tashman (2000) and Hyndman & Athanasopoulos (FPP3 §5.10).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from helpers.errors import ParameterError
from helpers.growth import FitResult, check_series, fit_model

__all__ = ["Fitter", "model_fitters", "rolling_origin", "error_table", "parameter_path"]

#: A fitter takes (years, values) and returns a :class:`helpers.growth.FitResult`.
Fitter = Callable[[np.ndarray, np.ndarray], FitResult]


def model_fitters(
    names: Sequence[str], scale: str = "level", last_n: int | Mapping[str, int] | None = None
) -> dict[str, Fitter]:
    """Fitters for named models, for :func:`rolling_origin`.

    Parameters
    ----------
    names : sequence of str
        Names from :data:`helpers.growth.MODEL_NAMES`.
    scale : {"level", "log"}
        Error model for the curve models (GM(1,1) has its own).
    last_n : int or mapping of str to int, optional
        Fit only the most recent ``last_n`` years (GM(1,1) is usually run on a
        short recent window); a mapping sets it per model, others use all years.

    Returns
    -------
    dict of str to callable
        ``name -> fitter(years, values)``.

    Examples
    --------
    >>> fits = model_fitters(["poly2", "gm11"], last_n={"gm11": 4})
    >>> fits["gm11"](np.arange(2000, 2010), 1.5 ** np.arange(10)).years.tolist()
    [2006, 2007, 2008, 2009]
    """
    from helpers.growth import MODEL_NAMES

    out: dict[str, Fitter] = {}
    for name in names:
        if name not in MODEL_NAMES and not (name.startswith("poly") and name[4:].isdigit()):
            raise ParameterError(f"unknown model {name!r}; choose from {', '.join(MODEL_NAMES)}")
        kwargs = {} if name == "gm11" else {"scale": scale}
        n_last = last_n.get(name) if isinstance(last_n, Mapping) else last_n
        if n_last is not None and (not isinstance(n_last, (int, np.integer)) or n_last < 3):
            raise ParameterError(f"last_n for {name!r} must be an integer >= 3, got {n_last!r}")

        def fitter(
            years: np.ndarray, values: np.ndarray, _name: str = name, _kw: dict = kwargs, _n: int | None = n_last
        ) -> FitResult:
            if _n is not None:
                years, values = np.asarray(years)[-_n:], np.asarray(values)[-_n:]
            return fit_model(_name, years, values, **_kw)

        out[name] = fitter
    return out


def rolling_origin(
    years,
    values,
    models: Mapping[str, Fitter],
    first_origin: int,
    *,
    horizon: int = 1,
    interval: float | None = 0.9,
    n_boot: int = 200,
    seed: int = 0,
) -> pd.DataFrame:
    """Refit every model at each origin and forecast the next ``horizon`` years.

    Parameters
    ----------
    years, values : array-like
        The series (strictly increasing years, positive values; gaps allowed,
        a target year with no figure is skipped).
    models : mapping of str to fitter
        E.g. from :func:`model_fitters`.
    first_origin : int
        First origin year t (fit on years <= t). Origins run to the
        second-to-last year.
    horizon : int
        Steps ahead, 1 or more.
    interval : float or None
        Prediction-interval coverage (``None``: point forecasts only).
    n_boot : int
        Bootstrap draws for models whose intervals are bootstrapped.
    seed : int
        Seed for those bootstraps.

    Returns
    -------
    pandas.DataFrame
        One row per model, origin and target year: ``model``, ``origin``,
        ``year``, ``horizon``, ``n_fit``, ``actual``, ``forecast``, ``lower``,
        ``upper``, ``pct_error`` (forecast/actual - 1), ``log_error``
        (log(forecast/actual)), ``covered`` (actual inside the interval) and
        ``note`` (non-empty where a forecast is not positive).

    References
    ----------
    Tashman, L.J. (2000). Out-of-sample tests of forecasting accuracy.
    *International Journal of Forecasting* 16(4):437–450.

    Examples
    --------
    >>> x = np.arange(2000, 2010); y = 10.0 * 1.3 ** (x - 2000)
    >>> bt = rolling_origin(x, y, model_fitters(["exponential"]), 2006, interval=None)
    >>> bt["year"].tolist(), bool(bt["pct_error"].abs().max() < 1e-6)
    ([2007, 2008, 2009], True)
    """
    yrs, vals = check_series(years, values, min_points=2, what="backtest series")
    if not isinstance(horizon, (int, np.integer)) or horizon < 1:
        raise ParameterError(f"horizon must be a positive integer, got {horizon!r}")
    if not models:
        raise ParameterError("rolling_origin needs at least one model")
    origins = [int(t) for t in yrs if first_origin <= t < yrs[-1]]
    if not origins:
        raise ParameterError(
            f"first_origin {first_origin} leaves no year to forecast: the series runs {yrs[0]}-{yrs[-1]}"
        )
    rows = []
    for name, fitter in models.items():
        for t in origins:
            mask = yrs <= t
            try:
                res = fitter(yrs[mask], vals[mask])
            except ParameterError as exc:
                raise ParameterError(f"model {name!r} at origin {t}: {exc}") from None
            targets = [int(y) for y in yrs if t < y <= t + horizon]
            if not targets:
                continue
            pred = res.predict(targets, interval, n_boot=n_boot, seed=seed)
            for y in targets:
                actual = float(vals[yrs == y][0])
                f = float(pred.loc[y, "forecast"])
                lo = float(pred.loc[y, "lower"]) if interval is not None else np.nan
                hi = float(pred.loc[y, "upper"]) if interval is not None else np.nan
                rows.append(
                    {
                        "model": name,
                        "origin": t,
                        "year": y,
                        "horizon": y - t,
                        "n_fit": int(mask.sum()),
                        "actual": actual,
                        "forecast": f,
                        "lower": lo,
                        "upper": hi,
                        "pct_error": f / actual - 1.0,
                        "log_error": float(np.log(f / actual)) if f > 0 else np.nan,
                        "covered": bool(lo <= actual <= hi) if interval is not None else False,
                        "note": "" if f > 0 else "forecast not positive: log error undefined",
                    }
                )
    return pd.DataFrame(rows)


def error_table(backtest: pd.DataFrame) -> pd.DataFrame:
    """Forecast accuracy per model and horizon.

    Parameters
    ----------
    backtest : pandas.DataFrame
        Output of :func:`rolling_origin`.

    Returns
    -------
    pandas.DataFrame
        Indexed by (``horizon``, ``model``): ``n`` forecasts, ``mape`` (mean
        absolute percentage error, fraction), ``median_ape``, ``bias`` (mean
        log error; > 0 means over-forecasting), ``rmsle`` (root mean squared
        log error), ``coverage`` (share of actuals inside the interval; NaN
        without intervals), ``rank`` by MAPE within a horizon.

    References
    ----------
    Hyndman, R.J. & Koehler, A.B. (2006). Another look at measures of forecast
    accuracy. *International Journal of Forecasting* 22(4):679–688.

    Examples
    --------
    >>> bt = pd.DataFrame({"model": ["a", "a"], "horizon": [1, 1], "pct_error": [0.1, -0.3],
    ...                    "log_error": [0.0953, -0.3567], "covered": [True, False], "lower": [1.0, 1.0]})
    >>> round(float(error_table(bt).loc[(1, "a"), "mape"]), 2)
    0.2
    """
    if backtest.empty:
        raise ParameterError("the backtest has no forecasts to score")
    g = backtest.groupby(["horizon", "model"], sort=True, observed=True)
    has_int = backtest["lower"].notna()
    out = pd.DataFrame(
        {
            "n": g.size(),
            "mape": g["pct_error"].apply(lambda s: float(s.abs().mean())),
            "median_ape": g["pct_error"].apply(lambda s: float(s.abs().median())),
            "bias": g["log_error"].mean(),
            "rmsle": g["log_error"].apply(lambda s: float(np.sqrt(np.mean(s**2)))),
            "coverage": backtest.assign(c=backtest["covered"].where(has_int).astype(float))
            .groupby(["horizon", "model"], sort=True, observed=True)["c"]
            .mean(),
        }
    )
    out["rank"] = out.groupby(level="horizon")["mape"].rank(method="min").astype(int)
    return out.sort_values(["horizon", "rank"], kind="stable")


def parameter_path(years, values, fitter: Fitter, origins: Sequence[int]) -> pd.DataFrame:
    """Parameter estimates (and standard errors) as the data window grows.

    Parameters
    ----------
    years, values : array-like
        The series.
    fitter : callable
        ``fitter(years, values) -> FitResult``.
    origins : sequence of int
        Last year of each fitting window.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``origin``: one column per parameter and ``se_<name>`` for
        its standard error; ``at_bound`` flags a saturation level at its bound.

    Examples
    --------
    >>> x = np.arange(2000, 2010); y = 10.0 * 1.3 ** (x - 2000)
    >>> from helpers.growth import fit_exponential
    >>> p = parameter_path(x, y, fit_exponential, [2005, 2009])
    >>> p["g"].round(4).tolist()
    [0.2624, 0.2624]
    """
    yrs, vals = check_series(years, values, min_points=2, what="parameter path series")
    rows = {}
    for t in origins:
        mask = yrs <= t
        res = fitter(yrs[mask], vals[mask])
        row = dict(res.params)
        row.update({f"se_{k}": v for k, v in res.stderr.items()})
        row["at_bound"] = bool(res.meta.get("at_bound", False))
        rows[int(t)] = row
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("origin")
