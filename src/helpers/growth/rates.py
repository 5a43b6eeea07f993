"""Growth rates of an annual series that respect breaks in how a figure is measured.

A figure such as Alibaba's Double 11 GMV changed meaning twice: from 2011 it
covers Taobao as well as Tmall, and from 2020 it counts 1-11 November instead
of the single day. Growth is computed only between consecutive years measured
the same way; CAGR periods never span a change of window; the window a model
is fitted on is chosen from the data (:func:`choose_window`).

Notation follows Hyndman & Athanasopoulos (2021), *Forecasting: Principles and
Practice*, 3rd ed. (FPP3): :math:`y_t` is the value in year :math:`t`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers.errors import DataError, ParameterError

__all__ = [
    "check_series",
    "window_lengths",
    "window_breaks",
    "choose_window",
    "comparable_series",
    "yoy_growth",
    "cagr",
    "cagr_table",
    "comparable_periods",
]


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
        raise DataError(f"{what}: got {yrs.size} years but {vals.size} values; give one value per year", column="value")
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


def window_lengths(windows: pd.Series | None, index: pd.Index) -> pd.Series:
    """Measurement windows aligned to ``index``, as floats.

    Parameters
    ----------
    windows : pandas.Series or None
        Window length in days by year (nullable integers allowed); ``None``
        means every year is measured the same way.
    index : pandas.Index
        Years to align to.

    Returns
    -------
    pandas.Series
        Days per year as float64; NaN where the window is unknown; all 1.0 when
        ``windows`` is None.

    Examples
    --------
    >>> w = pd.Series([1, None], index=[2019, 2020], dtype="Int64")
    >>> window_lengths(w, pd.Index([2019, 2020, 2021])).tolist()
    [1.0, nan, nan]
    """
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
    w = window_lengths(w, w.index).dropna()
    changed = w.ne(w.shift()) & w.shift().notna()
    return [int(y) for y in w.index[changed.to_numpy()]]


def yoy_growth(values: pd.Series, windows: pd.Series | None = None, *, breaks: Sequence[int] = ()) -> pd.DataFrame:
    """Year-on-year growth, computed only between comparable consecutive years.

    Growth in year :math:`t` is :math:`y_t / y_{t-1} - 1`.

    Parameters
    ----------
    values : pandas.Series
        Values (e.g. yuan) indexed by year; NaN marks an undisclosed year.
    windows : pandas.Series, optional
        Measurement window (days) by year; growth across a change of window is
        not computed.
    breaks : sequence of int
        Years whose figure covers something else than the year before's (e.g.
        2011, when Alibaba's figure added Taobao to Tmall); growth into them is
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
    breaks_set = {int(b) for b in breaks}
    w = None if windows is None else window_lengths(windows, s.index)
    wprev = None if windows is None else window_lengths(windows, pd.Index([y - 1 for y in s.index])).to_numpy()
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
        elif int(year) in breaks_set:
            note = "coverage changed: not comparable"
        if note:
            growth[i] = np.nan
        notes.append(note)
    return pd.DataFrame(
        {"value": s.to_numpy(), "previous": prev, "growth": growth, "note": notes},
        index=pd.Index(s.index, name="year"),
    )


def cagr(
    values: pd.Series, start: int, end: int, windows: pd.Series | None = None, *, breaks: Sequence[int] = ()
) -> float:
    """Compound annual growth rate between two years.

    Parameters
    ----------
    values : pandas.Series
        Values indexed by year (any positive unit).
    start, end : int
        First and last year, ``start < end``; both must have a figure.
    windows : pandas.Series, optional
        Measurement window by year; a period spanning a change raises.
    breaks : sequence of int
        Years of a change of coverage (see :func:`yoy_growth`); a period
        spanning one raises.

    Returns
    -------
    float
        :math:`(y_{end} / y_{start})^{1/(end - start)} - 1`, a fraction per year.

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
    inside = [int(b) for b in breaks if start < int(b) <= end]
    if inside:
        raise ParameterError(f"CAGR {start}-{end} spans a change of coverage in {inside[0]}")
    return float((s.loc[end] / s.loc[start]) ** (1.0 / (end - start)) - 1.0)


def cagr_table(
    values: pd.Series,
    periods: Sequence[tuple[int, int]],
    windows: pd.Series | None = None,
    *,
    breaks: Sequence[int] = (),
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
    breaks : sequence of int
        Years of a change of coverage (see :func:`cagr`).

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
        g = cagr(s, int(start), int(end), windows, breaks=breaks)
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


def comparable_periods(
    values: pd.Series, windows: pd.Series | None = None, *, split_from: int = 6, breaks: Sequence[int] = ()
) -> list[tuple[int, int]]:
    """Default CAGR periods: each run of years with one known window, and its two halves when long.

    Parameters
    ----------
    values : pandas.Series
        Values indexed by year (NaN = no figure; ignored).
    windows : pandas.Series, optional
        Window length by year; periods never span a change.
    split_from : int
        A run spanning at least this many years is also split at its middle year.
    breaks : sequence of int
        Years of a change of coverage: a new run starts there.

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
    w = window_lengths(windows, s.index).fillna(-1.0)  # unknown windows form their own run
    new_run = (w != w.shift()) | pd.Series(s.index.isin([int(b) for b in breaks]), index=s.index)
    out: list[tuple[int, int]] = []
    for _, part in s.groupby(new_run.cumsum().to_numpy(), sort=True):
        yrs = [int(y) for y in part.index]
        if len(yrs) < 2 or w.loc[yrs[0]] < 0:  # too short, or window unknown
            continue
        out.append((yrs[0], yrs[-1]))
        if yrs[-1] - yrs[0] >= split_from:
            mid = min(yrs, key=lambda y: (abs(y - (yrs[0] + yrs[-1]) / 2), y))
            out += [(yrs[0], mid), (mid, yrs[-1])]
    return out


def choose_window(values: pd.Series, windows: pd.Series | None) -> tuple[float | None, bool]:
    """The measurement window a model of the series should be fitted on, chosen from the data.

    The window with the most years that have a figure; on a tie the more recent
    window. When no year states its window, all years are taken as one window
    (an assumption the caller should state).

    Parameters
    ----------
    values : pandas.Series
        Values indexed by year (NaN = no figure).
    windows : pandas.Series or None
        Window length in days by year (NaN = unknown).

    Returns
    -------
    (window, assumed) : (float or None, bool)
        Days of the chosen window (None when no window is known) and whether
        the windows were assumed equal because none is stated.

    Examples
    --------
    >>> s = pd.Series([1.0, 2, 3, 9, 10], index=range(2017, 2022))
    >>> choose_window(s, pd.Series([1, 1, 1, 11, 11], index=s.index))
    (1.0, False)
    >>> choose_window(s, pd.Series([1, 1, 11, 11, None], index=s.index, dtype="Int64"))
    (11.0, False)
    >>> choose_window(s, None)
    (None, True)
    """
    s = pd.Series(values, dtype=float).sort_index()
    w = window_lengths(windows, s.index) if windows is not None else pd.Series(np.nan, index=s.index)
    known = w[s.notna() & w.notna()]
    if known.empty:
        return None, True
    counts = known.groupby(known.to_numpy()).agg(["size", lambda x: int(x.index.max())])
    counts.columns = ["n", "last"]
    best = counts.sort_values(["n", "last"], ascending=False).index[0]
    return float(best), False


def comparable_series(values: pd.Series, windows: pd.Series | None, window: float | None) -> pd.Series:
    """The years with a figure measured over ``window`` (all years with a figure when ``window`` is None).

    Parameters
    ----------
    values : pandas.Series
        Values indexed by year.
    windows : pandas.Series or None
        Window length in days by year.
    window : float or None
        From :func:`choose_window`.

    Returns
    -------
    pandas.Series
        The comparable values, sorted by year, without NaN.

    Examples
    --------
    >>> s = pd.Series([1.0, 2, None, 9], index=range(2018, 2022))
    >>> comparable_series(s, pd.Series([1, 1, 1, 11], index=s.index), 1.0).index.tolist()
    [2018, 2019]
    """
    s = pd.Series(values, dtype=float).sort_index()
    keep = s.notna()
    if window is not None:
        keep &= window_lengths(windows, s.index).eq(float(window))
    out = s[keep]
    out.index = out.index.astype(np.int64)
    return out.rename_axis("year")
