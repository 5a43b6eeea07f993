"""Rolling-origin backtests of growth models, and whether their accuracy differs significantly.

For every forecast origin :math:`T` (the last year a forecaster had), each
model is refitted on the years up to :math:`T` and forecasts
:math:`\\hat y_{T+h|T}` for :math:`h = 1, \\dots, H`; the forecasts are compared
with what was later announced. This is the "evaluation on a rolling
forecasting origin" of Tashman (2000) and Hyndman & Athanasopoulos (FPP3
section 5.10). With a handful of origins a ranking by mean error is fragile:
:func:`dm_test` is the Diebold & Mariano (1995) test of equal accuracy with the
small-sample correction of Harvey, Leybourne & Newbold (1997), and
:func:`rank_models` reports a winner only when it beats every other model
significantly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from helpers.errors import ParameterError
from helpers.growth.models import Fitter, model_fitters
from helpers.growth.rates import check_series
from helpers.validation import choice, integer, probability

__all__ = [
    "Fitter",
    "model_fitters",
    "rolling_origin",
    "error_table",
    "parameter_path",
    "first_origin",
    "dm_test",
    "Ranking",
    "rank_models",
    "holm",
]


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
    horizon = integer(horizon, "horizon", low=1)
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
    >>> from helpers.growth import fit_exponential
    >>> x = np.arange(2000, 2010); y = 10.0 * 1.3 ** (x - 2000)
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


def first_origin(years: Sequence[int], need: int) -> int | None:
    """The first forecast origin at which a model needing ``need`` years can be fitted.

    Parameters
    ----------
    years : sequence of int
        Years with a figure, sorted.
    need : int
        Years the most demanding model needs.

    Returns
    -------
    int or None
        The ``need``-th year, or None when that leaves no later year to forecast.

    Examples
    --------
    >>> first_origin(range(2009, 2020), 5), first_origin([2017, 2019, 2020, 2021], 4)
    (2013, None)
    """
    yrs = [int(y) for y in years]
    need = integer(need, "need", low=1)
    if len(yrs) <= need:
        return None
    return yrs[need - 1]


def dm_test(
    errors_1: Sequence[float] | np.ndarray,
    errors_2: Sequence[float] | np.ndarray,
    *,
    horizon: int = 1,
    loss: str = "absolute",
) -> dict[str, float]:
    """Diebold-Mariano test of equal forecast accuracy, with the Harvey-Leybourne-Newbold correction.

    With loss differential :math:`d_t = L(e_{1,t}) - L(e_{2,t})`, :math:`t = 1..n`,

    .. math::

        DM = \\frac{\\bar d}{\\sqrt{\\hat V(\\bar d)}}, \\quad
        \\hat V(\\bar d) = \\frac{1}{n}\\Big(\\hat\\gamma_0 + 2\\sum_{k=1}^{h-1}\\hat\\gamma_k\\Big), \\quad
        DM^* = DM \\sqrt{\\frac{n + 1 - 2h + h(h-1)/n}{n}},

    :math:`\\hat\\gamma_k` the sample autocovariances of :math:`d_t`; :math:`DM^*` is
    compared with Student's t with :math:`n - 1` degrees of freedom (HLN 1997).
    If the long-run variance estimate is not positive for :math:`h > 1`, only
    :math:`\\hat\\gamma_0` is used.

    Parameters
    ----------
    errors_1, errors_2 : array-like of float
        Forecast errors of two models for the same targets (e.g. percentage errors).
    horizon : int
        Forecast horizon :math:`h` of the errors.
    loss : {"absolute", "squared"}
        :math:`L(e) = |e|` or :math:`e^2`.

    Returns
    -------
    dict
        ``n``, ``mean_difference`` (:math:`\\bar d`; negative: model 1 more
        accurate), ``statistic`` (:math:`DM^*`) and ``p_value`` (two-sided). With
        identical losses the statistic is 0 and the p-value 1.

    References
    ----------
    Diebold, F.X. & Mariano, R.S. (1995). Comparing predictive accuracy. *Journal
    of Business & Economic Statistics* 13(3):253-263.
    Harvey, D., Leybourne, S. & Newbold, P. (1997). Testing the equality of
    prediction mean squared errors. *International Journal of Forecasting*
    13(2):281-291.

    Examples
    --------
    Loss differentials 1, 2, 3, 4 (h = 1): DM = 2.5 / sqrt(1.25 / 4) = 4.472,
    DM* = DM·sqrt(3/4) = 3.873, p = 0.0305 on t(3):

    >>> r = dm_test([1.0, 2.0, 3.0, 4.0], [0.0, 0.0, 0.0, 0.0])
    >>> round(r["statistic"], 3), round(r["p_value"], 4)
    (3.873, 0.0305)
    """
    e1 = np.asarray(errors_1, dtype=float)
    e2 = np.asarray(errors_2, dtype=float)
    if e1.shape != e2.shape or e1.ndim != 1:
        raise ParameterError(f"dm_test needs two error series of the same length, got {e1.shape} and {e2.shape}")
    if not (np.isfinite(e1).all() and np.isfinite(e2).all()):
        raise ParameterError("dm_test: forecast errors must be finite")
    h = integer(horizon, "horizon", low=1)
    loss = choice(loss, "loss", ("absolute", "squared"))
    n = e1.size
    if n < 2:
        raise ParameterError(f"dm_test needs at least 2 forecasts per model, got {n}")
    f = np.abs if loss == "absolute" else np.square
    d = f(e1) - f(e2)
    dbar = float(d.mean())
    dc = d - dbar
    gamma = [float(dc[k:] @ dc[: n - k]) / n for k in range(min(h, n))]
    var = (gamma[0] + 2.0 * sum(gamma[1:])) / n
    if var <= 0:
        var = gamma[0] / n
    if var <= 0:  # identical losses at every target
        return {
            "n": float(n),
            "mean_difference": dbar,
            "statistic": 0.0 if dbar == 0 else np.sign(dbar) * np.inf,
            "p_value": 1.0 if dbar == 0 else 0.0,
        }
    dm = dbar / np.sqrt(var)
    corr = np.sqrt(max(n + 1 - 2 * h + h * (h - 1) / n, 0.0) / n)
    stat = float(dm * corr)
    p = float(2.0 * stats.t.sf(abs(stat), df=n - 1))
    return {"n": float(n), "mean_difference": dbar, "statistic": stat, "p_value": p}


@dataclass(frozen=True)
class Ranking:
    """Which model forecast best in a backtest, and whether that is a finding.

    Attributes
    ----------
    horizon : int
        Steps ahead scored.
    table : pandas.DataFrame
        Indexed by model, best first: ``n`` forecasts, ``mape`` (fraction),
        ``dm_statistic``, ``p_value`` and Holm-adjusted ``p_holm`` of the test
        of the best model against that model (NaN on the best model's own row).
    best : str
        Lowest mean absolute percentage error.
    rankable : bool
        True only when there are at least ``min_forecasts`` common forecasts
        and the best model beats every other one at level ``alpha``.
    reason : str
        Why the ranking is or is not supported, in words.
    n_origins : int
        Common forecast origins the comparison rests on.
    beaten : list of str
        Models the best one is significantly more accurate than (Holm-adjusted).
    tied : list of str
        Models it cannot be told apart from (or all others, when too few origins to test).
    """

    horizon: int
    table: pd.DataFrame
    best: str
    rankable: bool
    reason: str
    n_origins: int
    beaten: list[str]
    tied: list[str]

    def summary(self) -> pd.DataFrame:
        """The ranking table (see :attr:`table`)."""
        return self.table.copy()


def rank_models(
    backtest: pd.DataFrame,
    *,
    horizon: int = 1,
    loss: str = "absolute",
    alpha: float = 0.05,
    min_forecasts: int = 5,
) -> Ranking:
    """Rank models by backtest accuracy, and test whether the best one is significantly better.

    Models are compared on the target years every one of them forecast. The
    best model (lowest MAPE) is tested against each other model with
    :func:`dm_test` on the percentage errors; the ranking is reported as a
    finding only when every test rejects equal accuracy at ``alpha``, with at
    least ``min_forecasts`` forecasts each.

    Parameters
    ----------
    backtest : pandas.DataFrame
        Output of :func:`rolling_origin`.
    horizon : int
        Horizon to rank.
    loss : {"absolute", "squared"}
        Loss in the DM test.
    alpha : float
        Significance level.
    min_forecasts : int
        Fewest forecasts per model for any ranking (below it nothing is tested).

    Returns
    -------
    Ranking

    Examples
    --------
    >>> bt = pd.DataFrame({"model": ["a"] * 3 + ["b"] * 3, "horizon": 1, "origin": [1, 2, 3] * 2,
    ...                    "year": [2, 3, 4] * 2, "pct_error": [0.01, -0.02, 0.01, 0.3, 0.2, -0.4]})
    >>> r = rank_models(bt, min_forecasts=5)
    >>> r.best, r.rankable, r.reason
    ('a', False, 'only 3 forecast origins (fewer than 5): the models cannot be ranked')
    """
    h = integer(horizon, "horizon", low=1)
    alpha = probability(alpha, "alpha", open_low=True, open_high=True)
    min_forecasts = integer(min_forecasts, "min_forecasts", low=2)
    sub = backtest[backtest["horizon"] == h]
    if sub.empty:
        raise ParameterError(f"the backtest has no {h}-step forecasts to rank")
    wide = sub.pivot_table(index="year", columns="model", values="pct_error", aggfunc="first").dropna()
    models = list(dict.fromkeys(sub["model"]))
    wide = wide[models]
    n = int(len(wide))
    if n == 0:
        raise ParameterError("the models have no target year in common to compare on")
    mape = wide.abs().mean().sort_values(kind="stable")
    best = str(mape.index[0])
    rows = {}
    for m in mape.index:
        row = {"n": n, "mape": float(mape[m]), "dm_statistic": np.nan, "p_value": np.nan}
        if m != best and n >= min_forecasts:  # with fewer forecasts no test is shown at all
            t = dm_test(wide[best].to_numpy(), wide[m].to_numpy(), horizon=h, loss=loss)
            row.update(dm_statistic=t["statistic"], p_value=t["p_value"])
        rows[m] = row
    table = pd.DataFrame.from_dict(rows, orient="index").rename_axis("model")
    table["p_holm"] = holm(table["p_value"])
    if len(models) < 2:
        return Ranking(h, table, best, False, "only one model was backtested: nothing to rank", n, [], [])
    if n < min_forecasts:
        reason = (
            f"only {n} forecast origin{'s' if n != 1 else ''} (fewer than {min_forecasts}): the models cannot be ranked"
        )
        return Ranking(h, table, best, False, reason, n, [], [m for m in mape.index if m != best])
    padj = table["p_holm"].drop(best)
    beaten = [str(m) for m, p in padj.items() if p < alpha]
    close = [str(m) for m, p in padj.items() if p >= alpha]
    if not close:
        reason = (
            f"{best} is more accurate than every other model (largest Holm-adjusted p = "
            f"{float(padj.max()):.3f} < {alpha:g}, {n} origins)"
        )
        return Ranking(h, table, best, True, reason, n, beaten, close)
    reason = (
        f"{best} has the lowest error, but with {n} origins its accuracy cannot be told apart from "
        f"{', '.join(close)} (Holm-adjusted p ≥ {alpha:g})"
    )
    if beaten:
        reason += f"; it is significantly more accurate than {', '.join(beaten)}"
    return Ranking(h, table, best, False, reason, n, beaten, close)


def holm(p_values: pd.Series) -> pd.Series:
    """Holm's step-down adjustment of p-values for multiple tests (NaN entries are left out).

    Parameters
    ----------
    p_values : pandas.Series
        Unadjusted p-values.

    Returns
    -------
    pandas.Series
        Adjusted p-values (same index), capped at 1 and monotone in the raw ones.

    References
    ----------
    Holm, S. (1979). A simple sequentially rejective multiple test procedure.
    *Scandinavian Journal of Statistics* 6(2):65-70.

    Examples
    --------
    >>> holm(pd.Series([0.01, 0.04, 0.03], index=list("abc"))).round(2).tolist()
    [0.03, 0.06, 0.06]
    """
    p = pd.Series(p_values, dtype=float)
    valid = p.dropna().sort_values(kind="stable")
    m = len(valid)
    adj = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * valid.to_numpy()))
    out = pd.Series(np.nan, index=p.index)
    out.loc[valid.index] = adj
    return out
