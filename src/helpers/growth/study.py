"""Notebook 02's analysis of one platform's Double 11 GMV, computed in one call.

:func:`run_study` takes the GMV table and the notebook's settings and returns
a :class:`Study`: the comparable series (the measurement window chosen from the
data), growth rates, model fits, saturation ceilings and whether they are
identified, the 2019 cubic check and its null models, the GM(1,1) window check
against Liu & Wu (2018), rolling-origin backtests with Diebold-Mariano tests,
and forecasts. A part that the data cannot support is not computed; its
``skipped`` entry says why in one sentence. The sentences the notebook shows
are in :mod:`helpers.growth.narrative`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers import sales
from helpers.errors import ParameterError
from helpers.growth import backtest as bt
from helpers.growth import diagnostics, nulls, rates
from helpers.growth.grey import window_sensitivity
from helpers.growth.models import feasible_models, min_points, model_fitters
from helpers.growth.results import FitResult, information_criteria

__all__ = ["Settings", "Study", "load_table", "run_study", "source_name", "window_words"]

_SATURATING = ("logistic", "gompertz")
#: A ceiling is compared with its estimate from this many years of data earlier.
_LOOKBACK = 3


@dataclass(frozen=True)
class Settings:
    """What :func:`run_study` needs: the notebook's parameters (see its ``SPEC`` for meanings and units)."""

    platform: str = "alibaba"
    platform_label: str | None = None
    fit_window_days: int | None = None
    first_origin: int | None = None
    horizon: int = 2
    interval: float = 0.9
    fit_scale: str = "level"
    models: tuple[str, ...] = ("exponential", "logistic", "gompertz", "poly2", "poly3", "gm11")
    gm11_last_n: int = 5
    coverage_changes: Mapping[str, Sequence[int]] = field(default_factory=dict)
    claim_platform: str = "alibaba"
    claim_fit_years: tuple[int, int] = (2009, 2018)
    claim_degree: int = 3
    claim_target_year: int = 2019
    claim_r2: float = 0.9994
    claim_inputs: Mapping[int, float] = field(default_factory=dict)
    article_year: int = 2015
    liu_wu_forecasts: Mapping[int, float] = field(default_factory=dict)
    liu_wu_fit_end: int = 2016
    gm11_windows: tuple[int, ...] = (4, 5, 6, 7, 8)
    null_shocks: str = "bootstrap"
    old_benchmark_shape: float = 1.0
    n_sims: int = 2000
    n_boot: int = 300
    min_origins: int = 5
    alpha: float = 0.05
    seed: int = 0

    def __post_init__(self) -> None:
        if len(self.claim_fit_years) != 2 or self.claim_fit_years[0] >= self.claim_fit_years[1]:
            raise ParameterError(
                f"parameter claim_fit_years = {list(self.claim_fit_years)!r}: give [first, last] with first < last"
            )
        if self.claim_target_year <= self.claim_fit_years[1]:
            raise ParameterError(
                f"parameter claim_target_year = {self.claim_target_year}: must come after the fitted "
                f"years (last {self.claim_fit_years[1]})"
            )
        if not self.models:
            raise ParameterError("parameter models: give at least one model")

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> Settings:
        """Settings from a notebook's checked parameters (names not listed here are ignored)."""
        names = {f.name for f in fields(cls)}
        kw = {k: v for k, v in params.items() if k in names}
        for k in ("models", "claim_fit_years", "gm11_windows"):
            if k in kw and kw[k] is not None:
                kw[k] = tuple(kw[k])
        return cls(**kw)

    @property
    def label(self) -> str:
        """The platform's name in words."""
        return self.platform_label or sales.platform_name(self.platform)


@dataclass
class Study:
    """Everything notebook 02 shows, for one platform (see :func:`run_study`).

    Values are in 亿元 (1e8 yuan); growth rates and errors are fractions.
    ``skipped`` maps a part (``"claim"``, ``"liu_wu"``, ``"backtest"``,
    ``"ceiling_path"``, ``"window_change"``, ``"models"``...) to the sentence
    saying why it was not computed. ``filled`` is None for a full-schema file;
    for a plain ``year,value`` file it names the defaults the loader filled in
    (see :func:`load_table`).
    """

    settings: Settings
    source: str
    values: pd.Series
    windows: pd.Series
    window: float | None
    window_assumed: bool
    window_text: str
    series: pd.Series
    breaks: list[int]
    coverage_breaks: list[int]
    yoy: pd.DataFrame
    cagr: pd.DataFrame
    others: dict[str, tuple[pd.Series, pd.Series]]
    filled: dict[str, str] | None = None
    skipped: dict[str, str] = field(default_factory=dict)
    models: list[str] = field(default_factory=list)
    model_reasons: dict[str, str] = field(default_factory=dict)
    fits: dict[str, FitResult] = field(default_factory=dict)
    ic: pd.DataFrame | None = None
    ceilings: pd.DataFrame | None = None
    ceiling_paths: dict[str, pd.DataFrame] = field(default_factory=dict)
    claim: dict[str, Any] | None = None
    liu_wu: dict[str, Any] | None = None
    backtest: pd.DataFrame | None = None
    errors: pd.DataFrame | None = None
    rankings: dict[int, bt.Ranking] = field(default_factory=dict)
    other_scale_ranking: bt.Ranking | None = None
    fans: dict[str, pd.DataFrame] = field(default_factory=dict)
    later: pd.Series | None = None

    @property
    def label(self) -> str:
        """The platform's name in words."""
        return self.settings.label

    @property
    def first_year(self) -> int:
        return int(self.series.index[0])

    @property
    def last_year(self) -> int:
        return int(self.series.index[-1])


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def source_name(path: str | Path) -> str:
    """A data file's name for source lines: relative to the repository root when inside it, else its file name.

    Examples
    --------
    >>> from helpers import paths
    >>> source_name(paths.ROOT / "data" / "sales" / "gmv.csv")
    'data/sales/gmv.csv'
    >>> source_name("/tmp/elsewhere/mine.csv")
    'mine.csv'
    """
    from helpers import paths

    p = Path(path)
    try:
        return p.resolve().relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:
        return p.name


def _years(n: int) -> str:
    return f"{n} year{'s' if n != 1 else ''}"


def window_words(rows: pd.DataFrame, window: float | None) -> str:
    """The measurement window in words, from the rows' period dates (e.g. ``"one day, 11 Nov"``).

    Parameters
    ----------
    rows : pandas.DataFrame
        GMV rows with ``window_days``, ``period_start``, ``period_end``.
    window : float or None
        The window chosen (None: not stated in the data).

    Returns
    -------
    str

    Examples
    --------
    >>> rows = pd.DataFrame({"window_days": [11, 11], "period_start": pd.to_datetime(["2020-11-01", "2021-11-01"]),
    ...                      "period_end": pd.to_datetime(["2020-11-11", "2021-11-11"])})
    >>> window_words(rows, 11)
    '11 days, 1-11 Nov'
    >>> window_words(rows, None)
    'window not stated in the data'
    """
    if window is None:
        return "window not stated in the data"
    days = "one day" if window == 1 else f"{window:g} days"
    sub = rows[pd.to_numeric(rows["window_days"], errors="coerce") == window].dropna(
        subset=["period_start", "period_end"]
    )
    if sub.empty:
        return days
    starts = {(d.day, d.strftime("%b")) for d in sub["period_start"]}
    ends = {(d.day, d.strftime("%b")) for d in sub["period_end"]}
    if len(starts) != 1 or len(ends) != 1:
        return days
    (d0, m0), (d1, m1) = next(iter(starts)), next(iter(ends))
    if (d0, m0) == (d1, m1):
        return f"{days}, {d1} {m1}"
    return f"{days}, {d0}-{d1} {m1}" if m0 == m1 else f"{days}, {d0} {m0}-{d1} {m1}"


def load_table(path: str | Path, platform: str, unit: str | None = None) -> tuple[pd.DataFrame, dict[str, str] | None]:
    """The GMV table notebook 02 models: the full schema, or a plain ``year,value`` file.

    A full-schema file (``data/README.md``) is read whole by
    :func:`helpers.sales.load_gmv`, so other platforms can be drawn beside
    ``platform``. A plain file (``year`` and one value column, e.g. ``value`` or
    ``gmv_100m_yuan``, optionally ``platform``) is read with ``unit``; without a
    ``platform`` column its series is named ``platform``.

    Parameters
    ----------
    path : str or Path
        The CSV file (relative paths from the repository root).
    platform : str
        The platform code modelled (names a plain file's series).
    unit : str, optional
        Unit of a plain file's value column (``"亿元"``, ``"yuan"``...); None when
        the column name says it (``gmv_100m_yuan``, ``gmv_yuan``). Refused for a
        full-schema file, which has a ``unit`` column.

    Returns
    -------
    (table, filled) : (pandas.DataFrame, dict or None)
        The table of :func:`helpers.sales.load_gmv`; ``filled`` is None for a
        full-schema file, else the defaults filled in: ``unit`` (and
        ``unit_from``, where it was read), ``window``, ``confidence``, ``source``.

    Raises
    ------
    DataError
        As :func:`helpers.sales.load_gmv` (file, line and column named).

    Examples
    --------
    >>> table, filled = load_table("data/sales/gmv.csv", "jd")
    >>> filled is None, sorted(table["platform"].unique())
    (True, ['alibaba', 'industry_syntun', 'jd'])
    """
    return sales.load_gmv_file(path, platform, unit)


def _rows(table: pd.DataFrame, platform: str, source: str) -> pd.DataFrame:
    known = [str(p) for p in pd.unique(table["platform"].astype(str))]
    if platform not in known:
        raise ParameterError(f"parameter platform = {platform!r}: not in {source}; the file has {', '.join(known)}")
    rows = table[table["platform"].astype(str) == platform].set_index("year").sort_index()
    rows.index = rows.index.astype(np.int64)
    return rows


def run_study(
    table: pd.DataFrame,
    settings: Settings,
    source: str | Path = "data/sales/gmv.csv",
    filled: Mapping[str, str] | None = None,
) -> Study:
    """Compute notebook 02's analysis for ``settings.platform``.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`helpers.sales.load_gmv` (``platform``, ``year``,
        ``gmv_100m_yuan``, ``window_days``, ``period_start``, ``period_end``).
    settings : Settings
        The notebook's parameters.
    source : str or Path
        The file the table came from (for source lines and messages).
    filled : mapping, optional
        The defaults :func:`load_table` filled in for a plain ``year,value`` file
        (the notebook states them); None for a full-schema file.

    Returns
    -------
    Study

    Raises
    ------
    ParameterError
        A platform that is not in the file, or a fit window no year has.
    """
    s = settings
    source = str(source)
    rows = _rows(table, s.platform, source)
    values = rows["gmv_100m_yuan"].astype(float)
    windows = rows["window_days"]
    if s.fit_window_days is not None:
        window, assumed = float(s.fit_window_days), False
    else:
        window, assumed = rates.choose_window(values, windows)
    series = rates.comparable_series(values, windows, window)
    if series.empty:
        have = sorted({int(w) for w in pd.to_numeric(windows, errors="coerce").dropna()})
        raise ParameterError(
            f"parameter fit_window_days = {s.fit_window_days!r}: no {s.label} year with a figure has "
            f"that window; the file has windows {have} days (None chooses from the data)"
        )
    cov = [int(y) for y in s.coverage_changes.get(s.platform, [])]
    fit_windows = windows if window is not None else None
    study = Study(
        settings=s,
        source=source,
        values=values,
        windows=windows,
        window=window,
        window_assumed=assumed,
        window_text=window_words(rows.reset_index(), window),
        series=series,
        breaks=rates.window_breaks(windows),
        coverage_breaks=[y for y in cov if y in values.index],
        yoy=rates.yoy_growth(values, fit_windows, breaks=cov),
        cagr=rates.cagr_table(
            values, rates.comparable_periods(values, fit_windows, breaks=cov), fit_windows, breaks=cov
        ),
        others={},
        filled=dict(filled) if filled else None,
    )
    for other in pd.unique(table["platform"].astype(str)):
        if other != s.platform:
            o = _rows(table, other, source)
            if o["gmv_100m_yuan"].notna().any():
                study.others[sales.platform_name(other)] = (o["gmv_100m_yuan"].astype(float), o["window_days"])
    if window is None:
        study.skipped["window_change"] = (
            f"The file states no measurement window for {s.label}, so whether its years were measured alike "
            "cannot be checked: they are taken as one comparable series (an assumption), and the window "
            "checks (breaks, other windows drawn apart) are skipped."
        )
    elif not study.breaks:
        study.skipped["window_change"] = (
            f"{_cap(s.label)}'s series has no change of measurement window, so there is no break to handle."
        )
    _fit_models(study)
    _claim(study)
    _liu_wu(study)
    _backtest(study)
    _forecasts(study)
    return study


def _fit_models(study: Study) -> None:
    s = study.settings
    yrs = study.series.index.to_numpy()
    study.models, study.model_reasons = feasible_models(s.models, yrs, {"gm11": s.gm11_last_n})
    if not study.models:
        study.skipped["models"] = (
            f"{_cap(study.label)} has {_years(len(yrs))} comparable over one window, too few for "
            "any growth model asked for, so no model is fitted and nothing is forecast."
        )
        return
    fitters = model_fitters(study.models, scale=s.fit_scale, last_n={"gm11": s.gm11_last_n})
    study.fits = {m: fitters[m](yrs, study.series.to_numpy()) for m in study.models}
    same = {m: r for m, r in study.fits.items() if r.n == len(yrs)}
    study.ic = information_criteria(same) if same else None
    rows = {}
    for m in _SATURATING:
        if m in study.fits:
            r = study.fits[m]
            k, se = r.params["K"], r.stderr["K"]
            # identified: not at the bound, a standard error under half the estimate, not clearly below values seen
            ok = (
                not r.meta.get("at_bound")
                and math.isfinite(se)
                and 2 * se < k
                and k + 2 * se >= float(study.series.max())
            )
            rows[m] = {
                "K": k,
                "se_K": se,
                "at_bound": bool(r.meta.get("at_bound")),
                "identified": ok,
                "multiple_of_last": k / study.series.iloc[-1],
            }
    study.ceilings = pd.DataFrame.from_dict(rows, orient="index").rename_axis("model") if rows else None
    # filled in below when the path is tracked: steps up, and steps outside the previous fit's 2-SE range
    sat = [m for m in _SATURATING if m in study.fits]
    origins = [int(y) for y in yrs if sum(yrs <= y) >= 5]  # at least 2 degrees of freedom for a 3-parameter curve
    if not sat:
        study.skipped["ceiling_path"] = "No saturation model (logistic, Gompertz) is fitted, so no ceiling is tracked."
    elif len(origins) < 3:
        study.skipped["ceiling_path"] = (
            f"Tracking the ceiling as data are added needs at least 3 fits of 5 or more "
            f"years; {study.label}'s series allows {len(origins)}."
        )
    else:
        study.ceiling_paths = {m: bt.parameter_path(yrs, study.series.to_numpy(), fitters[m], origins) for m in sat}
        for m, p in study.ceiling_paths.items():
            k, se = p["K"].to_numpy(), p["se_K"].to_numpy()
            study.ceilings.loc[m, "steps"] = len(k) - 1
            study.ceilings.loc[m, "steps_up"] = int((np.diff(k) > 0).sum())
            if (
                len(k) >= _LOOKBACK + 1
            ):  # the estimate from _LOOKBACK years earlier, and whether the last left its ±2 SE
                study.ceilings.loc[m, "earlier_origin"] = int(p.index[-1 - _LOOKBACK])
                study.ceilings.loc[m, "K_earlier"] = k[-1 - _LOOKBACK]
                study.ceilings.loc[m, "se_earlier"] = se[-1 - _LOOKBACK]
                study.ceilings.loc[m, "moved"] = bool(abs(k[-1] - k[-1 - _LOOKBACK]) > 2 * se[-1 - _LOOKBACK])


def _claim(study: Study) -> None:
    s = study.settings
    lo, hi = s.claim_fit_years
    need = list(range(lo, hi + 1)) + [s.claim_target_year]
    if s.platform != s.claim_platform:
        study.skipped["claim"] = (
            f"The {s.claim_target_year} cubic claim is about another platform's series (parameter "
            f"claim_platform), not {study.label}'s, so this section is skipped."
        )
        return
    missing = [y for y in need if y not in study.series.index]
    if missing:
        study.skipped["claim"] = (
            f"The cubic claim fitted {lo}–{hi} and forecast {s.claim_target_year}; the comparable "
            f"series lacks {', '.join(map(str, missing[:4]))}{'...' if len(missing) > 4 else ''}, "
            "so this section is skipped."
        )
        return
    from helpers.growth.curves import fit_polynomial

    data = study.series.loc[lo:hi]
    claim_vals = data.copy()
    for y, v in s.claim_inputs.items():
        if int(y) in claim_vals.index:
            claim_vals.loc[int(y)] = float(v)
    actual = float(study.series.loc[s.claim_target_year])
    from helpers.growth.models import model_label

    name = model_label(f"poly{s.claim_degree}")
    main = fit_polynomial(data.index, data, s.claim_degree)
    variants = {
        f"{name}, data file": main,
        f"{name}, the claim's inputs": fit_polynomial(data.index, claim_vals, s.claim_degree),
    }
    lower = None
    if s.claim_degree > 1:
        lower = fit_polynomial(data.index, data, s.claim_degree - 1)
        variants[f"{model_label(f'poly{s.claim_degree - 1}')} (one degree lower), data file"] = lower
    err = float(main.mean([s.claim_target_year])[0] / actual - 1)
    own_hit = _own_hit_probability(main, s.claim_target_year, actual)
    sims = nulls.polynomial_r2_null(data.to_numpy(), s.claim_degree, n_sims=s.n_sims, shocks=s.null_shocks, seed=s.seed)
    old = diagnostics.simulate_polynomial_r2(
        len(data), s.claim_degree, n_sims=s.n_sims, shape=s.old_benchmark_shape, seed=s.seed
    )
    old_label = "old benchmark: positive shocks summed twice"
    all_sims = pd.concat([sims, old.assign(null=old_label, scale="level", order=2)], ignore_index=True)
    centres = {"raw year": 0.0, f"year - {lo}": float(lo), "centred year": float(np.mean(data.index))}
    design = pd.DataFrame(
        {
            "centre": list(centres.values()),
            "condition_number": [
                diagnostics.design_condition_number(data.index, s.claim_degree, c) for c in centres.values()
            ],
            "dropped_by_r_lm": [
                diagnostics.dropped_polynomial_terms(data.index, s.claim_degree, c) for c in centres.values()
            ],
        },
        index=pd.Index(list(centres), name="year origin"),
    )
    study.claim = {
        "data": data,
        "actual": actual,
        "variants": variants,
        "error": err,
        "own_hit": own_hit,
        "fit": main,
        "lower": lower,
        "sims": all_sims,
        "null_table": nulls.null_summary(all_sims, main.r2, err),
        "old_label": old_label,
        "design": design,
        "second_differences": pd.Series(np.diff(data.to_numpy(), 2), index=data.index[2:]),
    }


def _own_hit_probability(fit: FitResult, year: int, actual: float) -> float:
    """Chance that a new value lands as close to the fit's forecast as ``actual`` did, if the fit were the true model.

    Uses the fit's own predictive t distribution (delta method on the fitting scale):
    ``P(|Y - median| <= |actual - median|)``. NaN when the fit has no such distribution.

    Examples
    --------
    >>> from helpers.growth.curves import fit_polynomial
    >>> r = fit_polynomial([2000, 2001, 2002, 2003, 2004, 2005], [1.0, 2.1, 2.9, 4.2, 4.8, 6.1], 1)
    >>> round(_own_hit_probability(r, 2006, float(r.mean([2006])[0])), 3)
    0.0
    """
    from scipy import stats

    try:
        q = fit.quantiles([year], [0.5, 0.75], method="delta")[:, 0]
    except ParameterError:
        return math.nan
    dof = max(fit.n - fit.n_params, 1)
    if fit.scale == "log":
        mid, spread, dist = math.log(q[0]), math.log(q[1]) - math.log(q[0]), abs(math.log(actual) - math.log(q[0]))
    else:
        mid, spread, dist = q[0], q[1] - q[0], abs(actual - q[0])
    sd = spread / float(stats.t.ppf(0.75, dof))
    if not (math.isfinite(sd) and sd > 0) or not math.isfinite(mid):
        return math.nan
    return float(2 * stats.t.cdf(dist / sd, dof) - 1)


def _liu_wu(study: Study) -> None:
    s = study.settings
    if not s.liu_wu_forecasts:
        study.skipped["liu_wu"] = (
            "No published GM(1,1) forecasts are given (liu_wu_forecasts), so this section is skipped."
        )
        return
    if s.platform != s.claim_platform:
        study.skipped["liu_wu"] = (
            f"Liu & Wu (2018) forecast another platform's series (parameter claim_platform), "
            f"not {study.label}'s, so this section is skipped."
        )
        return
    targets = sorted(int(t) for t in s.liu_wu_forecasts)
    ser = study.series
    upto = ser[ser.index <= s.liu_wu_fit_end]
    idx = [int(y) for y in upto.index]
    run = 1 if idx else 0
    for i in range(len(idx) - 1, 0, -1):
        if idx[i] - idx[i - 1] != 1:
            break
        run += 1
    usable = [int(n) for n in s.gm11_windows if n <= run]
    missing = [t for t in targets if t not in ser.index]
    if not usable or missing:
        why = (
            f"a figure for {', '.join(map(str, missing))} in the comparable series"
            if missing
            else f"at least {min(s.gm11_windows)} consecutive years up to {s.liu_wu_fit_end} (the series has {run})"
        )
        study.skipped["liu_wu"] = f"The GM(1,1) window check needs {why}, so this section is skipped."
        return
    table = window_sensitivity(upto.index, upto, s.liu_wu_fit_end, usable, targets)
    announced = ser.reindex(targets)
    study.liu_wu = {
        "table": table,
        "targets": targets,
        "announced": announced,
        "published": pd.Series({int(k): float(v) for k, v in s.liu_wu_forecasts.items()}),
        "errors": table[targets].div(announced) - 1,
    }


def _backtest(study: Study) -> None:
    s = study.settings
    yrs = study.series.index.to_numpy()
    need = {m: min_points(m, s.gm11_last_n if m == "gm11" else None) for m in study.models}
    models, origin = _backtest_plan(yrs, need, s.first_origin)
    if len(models) < 2 or origin is None:
        study.skipped["backtest"] = (
            f"A backtest needs two or more models fitted at an origin with a later year to "
            f"forecast; the {_years(len(yrs))} of {study.label}'s comparable series allow "
            f"{'one model' if len(models) == 1 else 'none'}, so the models cannot be ranked."
        )
        return
    left_out = [m for m in study.models if m not in models]
    if left_out:
        study.skipped["backtest_models"] = (
            f"Left out of the backtest: {', '.join(left_out)} (too few years before the first origin, {origin})."
        )
    order = [m for m in study.models if m in models]
    fitters = model_fitters(order, scale=s.fit_scale, last_n={"gm11": s.gm11_last_n})
    study.backtest = bt.rolling_origin(
        yrs,
        study.series.to_numpy(),
        fitters,
        int(origin),
        horizon=s.horizon,
        interval=s.interval,
        n_boot=s.n_boot,
        seed=s.seed,
    )
    study.errors = bt.error_table(study.backtest)
    for h in sorted(study.backtest["horizon"].unique()):
        study.rankings[int(h)] = bt.rank_models(
            study.backtest, horizon=int(h), alpha=s.alpha, min_forecasts=s.min_origins
        )
    other = "log" if s.fit_scale == "level" else "level"
    alt = bt.rolling_origin(
        yrs,
        study.series.to_numpy(),
        model_fitters(order, scale=other, last_n={"gm11": s.gm11_last_n}),
        int(origin),
        horizon=1,
        interval=None,
    )
    study.other_scale_ranking = bt.rank_models(alt, horizon=1, alpha=s.alpha, min_forecasts=s.min_origins)


def _backtest_plan(yrs: np.ndarray, need: Mapping[str, int], first: int | None) -> tuple[list[str], int | None]:
    """The models to backtest and the first origin: drop the most demanding model until an origin exists."""
    models = sorted(need, key=lambda m: -need[m])
    while len(models) >= 2:
        k = max(need[m] for m in models)
        origin = first if first is not None else bt.first_origin(yrs, k)
        if origin is not None and origin < yrs[-1] and int((yrs <= origin).sum()) >= k:
            return models, int(origin)
        models = models[1:]
    return models, None


def _forecasts(study: Study) -> None:
    s = study.settings
    if not study.fits:
        return
    last = study.last_year
    future = list(range(last + 1, last + s.horizon + 1))
    levels = sorted({0.5, s.interval})
    study.fans = {m: r.fan(future, levels, n_boot=s.n_boot, seed=s.seed) for m, r in study.fits.items()}
    later = study.values[(study.values.index > last) & study.values.notna()]
    study.later = later if len(later) else None
