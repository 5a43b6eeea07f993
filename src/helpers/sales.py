"""Load and validate the Singles' Day sales tables in ``data/sales/``.

Both shipped tables share one long, tidy shape (see ``data/README.md``): one row
per (platform, metric, year), the value in the unit it was announced in, the
same value in base units (yuan, count, per second, fraction), the sales window,
and the row's source. :func:`load_gmv` and :func:`load_operations` read the
shipped files or a user's file of the same schema, check every cell, and raise
:class:`helpers.errors.DataError` naming the file, line and column of the first
problem.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from helpers import paths, units
from helpers.errors import DataError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: Shipped GMV table (metric ``gmv``; Alibaba, JD, whole-industry estimates).
GMV_CSV = paths.DATA_DIR / "sales" / "gmv.csv"
#: Shipped table of other Double 11 metrics (orders, peak rates, shares).
OPERATIONS_CSV = paths.DATA_DIR / "sales" / "operations.csv"

#: Display names of platform codes (``data/sales/platforms.csv``).
PLATFORMS_CSV = paths.DATA_DIR / "sales" / "platforms.csv"

#: Columns every sales table must have, in order.
COLUMNS = (
    "platform",
    "metric",
    "year",
    "value",
    "unit",
    "value_base",
    "period_start",
    "period_end",
    "window_days",
    "confidence",
    "source",
    "source_url",
    "note",
)
#: Allowed values of the ``confidence`` column.
CONFIDENCE = ("verified", "verified-secondary", "unverified")
#: Value columns a plain ``year,value`` file may use, with the unit the name implies (None: give ``unit=``).
SIMPLE_VALUE_COLUMNS = {"value": None, "gmv": None, "gmv_100m_yuan": "亿元", "gmv_yuan": "yuan", "value_yuan": "yuan"}
#: Largest factor between a value and its series' median before it is called a unit slip (10^4).
UNIT_SLIP_FACTOR = 1e4
#: Factor of a one-year spike (up then down, or down then up) flagged as a likely typo.
SPIKE_FACTOR = 5.0


class DataWarning(UserWarning):
    """A value that loads but looks implausible (e.g. a one-year 10x spike)."""


#: First Double 11 (2009); rows may run to next year.
FIRST_YEAR = 2009
_NAME = re.compile(r"[a-z][a-z0-9_]*")


def _number(text: str, path: Path, line: int, column: str) -> float:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise DataError(f"expected a number, got {text!r}", path=path, line=line, column=column) from None
    if not math.isfinite(value) or value < 0:
        raise DataError(f"expected a non-negative number, got {text!r}", path=path, line=line, column=column)
    return value


def _date(text: str, path: Path, line: int, column: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DataError(f"expected a date as YYYY-MM-DD, got {text!r}", path=path, line=line, column=column) from None


def _check_row(row: dict[str, str], path: Path, line: int, max_year: int) -> dict[str, object]:
    def err(column: str, message: str) -> DataError:
        return DataError(message, path=path, line=line, column=column)

    out: dict[str, object] = {}
    for column in ("platform", "metric"):
        if not _NAME.fullmatch(row[column]):
            raise err(column, f"expected a lower-case name like 'alibaba' or 'gmv', got {row[column]!r}")
        out[column] = row[column]
    try:
        year = int(row["year"])
    except ValueError:
        raise err("year", f"expected a whole year like 2015, got {row['year']!r}") from None
    if not FIRST_YEAR <= year <= max_year:
        raise err("year", f"expected a year from {FIRST_YEAR} to {max_year}, got {year}")
    out["year"] = year
    unit = row["unit"]
    if unit not in units.UNITS:
        raise err("unit", f"unknown unit {unit!r}; expected one of: {', '.join(units.UNITS)}")
    out["unit"] = unit
    if row["source"] == "":
        raise err("source", "every row needs a source (title or publisher)")
    if row["value"] == "":
        if row["note"] == "":
            raise err("value", "empty value: a row with no figure needs a note saying why (e.g. 'not disclosed')")
        if row["value_base"] != "":
            raise err("value_base", "expected empty value_base where value is empty")
        out["value"] = out["value_base"] = math.nan
    else:
        value = _number(row["value"], path, line, "value")
        if units.dimension(unit) == "share" and value > 1 / units.UNIT_FACTORS[unit]:
            raise err("value", f"a share cannot exceed 100%, got {row['value']!r} {unit}")
        base = units.to_base(value, unit)
        if row["value_base"] != "":
            given = _number(row["value_base"], path, line, "value_base")
            if not math.isclose(given, base, rel_tol=1e-6, abs_tol=1e-9):
                raise err("value_base", f"expected value × {unit} = {base:,.6g}, got {row['value_base']!r}")
        out["value"], out["value_base"] = value, base
    start, end = row["period_start"], row["period_end"]
    if (start == "") != (end == ""):
        raise err("period_end" if end == "" else "period_start", "give both period_start and period_end, or neither")
    if start:
        d0, d1 = _date(start, path, line, "period_start"), _date(end, path, line, "period_end")
        if d1 < d0:
            raise err("period_end", f"period ends ({end}) before it starts ({start})")
        if d1.year != year:
            raise err("period_end", f"expected the period to end in {year}, got {end}")
        days = (d1 - d0).days + 1
        if row["window_days"] != "" and row["window_days"] != str(days):
            raise err("window_days", f"expected {days} (the days from {start} to {end}), got {row['window_days']!r}")
        out["period_start"], out["period_end"], out["window_days"] = d0, d1, days
    else:
        if row["window_days"] != "":
            raise err("window_days", "window_days needs period_start and period_end")
        out["period_start"] = out["period_end"] = None
        out["window_days"] = None
    if row["confidence"] not in CONFIDENCE:
        raise err("confidence", f"expected one of {', '.join(CONFIDENCE)}, got {row['confidence']!r}")
    for column in ("confidence", "source", "source_url", "note"):
        out[column] = row[column]
    return out


def read_table(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate any sales table of the shared schema.

    Parameters
    ----------
    path : str or Path, optional
        CSV file (relative paths from the repository root); default the shipped GMV table.

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`COLUMNS`, typed: ``platform`` category, ``year`` int64,
        ``value`` and ``value_base`` float64 (NaN only in rows whose note says why),
        ``period_start``/``period_end`` datetime64, ``window_days`` Int64;
        sorted by platform, metric and year.

    Raises
    ------
    DataError
        Missing file, not UTF-8, missing column, bad cell, or a duplicate
        (platform, metric, year); the message names file, line and column.

    Examples
    --------
    >>> t = read_table()
    >>> t.loc[(t.platform == "alibaba") & (t.year == 2015), "value_base"].item()
    91217000000.0
    """
    import pandas as pd

    from helpers import tables

    path = paths.resolve(path) if path is not None else GMV_CSV
    frame = tables.read_csv(path, required=COLUMNS, what="sales table")
    max_year = dt.date.today().year + 1
    rows, seen = [], {}
    for line, cells in zip(frame.attrs["lines"], frame[list(COLUMNS)].itertuples(index=False, name=None)):
        row = _check_row(dict(zip(COLUMNS, cells)), path, line, max_year)
        key = (row["platform"], row["metric"], row["year"])
        if key in seen:
            raise DataError(
                f"duplicate ({key[0]}, {key[1]}, {key[2]}): already on line {seen[key]}",
                path=path,
                line=line,
                column="year",
            )
        seen[key] = line
        rows.append(row)
    if not rows:
        raise DataError("no data rows below the header", path=path, line=2)
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    table = table.sort_values(["platform", "metric", "year"], kind="stable").reset_index(drop=True)
    table["platform"] = pd.Categorical(table["platform"], categories=sorted(table["platform"].unique()))
    table["year"] = table["year"].astype("int64")
    for column in ("value", "value_base"):
        table[column] = table[column].astype("float64")
    for column in ("period_start", "period_end"):
        table[column] = pd.to_datetime(table[column])
    table["window_days"] = table["window_days"].astype("Int64")
    return table


def _simple_table(path: Path, unit: str | None, platform: str | None) -> pd.DataFrame | None:
    """A plain ``year,value`` (optionally ``platform``) file as a full-schema table; None if not that shape."""
    import pandas as pd

    from helpers import tables

    frame = tables.read_csv(path, what="GMV table")
    cols = set(frame.columns)
    value_cols = [c for c in frame.columns if c in SIMPLE_VALUE_COLUMNS]
    if "metric" in cols or "year" not in cols or len(value_cols) != 1 or cols - {"year", "platform", *value_cols}:
        return None
    column = value_cols[0]
    implied = SIMPLE_VALUE_COLUMNS[column]
    unit = unit or implied
    if unit is None:
        raise DataError(
            "a plain year,value file needs its unit: load_gmv(path, unit='亿元') "
            "(notebook parameter gmv_unit), or name the column gmv_100m_yuan / gmv_yuan",
            path=path,
            line=1,
            column=column,
        )
    if implied is not None and unit != implied:
        raise DataError(
            f"column {column!r} is in {implied}, but unit={unit!r} was given", path=path, line=1, column=column
        )
    if unit not in units.UNITS or units.dimension(unit) != "money":
        raise DataError(
            f"unit {unit!r} is not a money unit; expected one of: "
            f"{', '.join(u for u in units.UNITS if units.dimension(u) == 'money')}",
            path=path,
            column=column,
        )
    name = platform or "series"
    rows = []
    max_year = dt.date.today().year + 1
    for line, (_, row) in zip(frame.attrs["lines"], frame.iterrows()):
        try:
            year = int(row["year"])
        except ValueError:
            raise DataError(
                f"expected a whole year like 2015, got {row['year']!r}", path=path, line=line, column="year"
            ) from None
        if not FIRST_YEAR <= year <= max_year:
            raise DataError(
                f"expected a year from {FIRST_YEAR} to {max_year}, got {year}", path=path, line=line, column="year"
            )
        value = math.nan if row[column] == "" else _number(row[column], path, line, column)
        plat = row["platform"] if "platform" in cols and row["platform"] else name
        if not _NAME.fullmatch(plat):
            raise DataError(
                f"expected a lower-case name like 'jd', got {plat!r}", path=path, line=line, column="platform"
            )
        rows.append(
            {
                "platform": plat,
                "metric": "gmv",
                "year": year,
                "value": value,
                "unit": unit,
                "value_base": units.to_base(value, unit) if value == value else math.nan,
                "period_start": None,
                "period_end": None,
                "window_days": None,
                "confidence": "unverified",
                "source": f"user file {path.name}",
                "source_url": "",
                "note": "plain year,value file: no sales window, source or confidence given",
            }
        )
    if not rows:
        raise DataError("no data rows below the header", path=path, line=2)
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    dup = table.duplicated(["platform", "year"])
    if dup.any():
        i = int(dup.to_numpy().nonzero()[0][0])
        raise DataError(f"duplicate year {table.year.iat[i]}", path=path, line=frame.attrs["lines"][i], column="year")
    table = table.sort_values(["platform", "year"], kind="stable").reset_index(drop=True)
    table["platform"] = pd.Categorical(table["platform"], categories=sorted(table["platform"].unique()))
    table["year"] = table["year"].astype("int64")
    for col in ("value", "value_base"):
        table[col] = table[col].astype("float64")
    for col in ("period_start", "period_end"):
        table[col] = pd.to_datetime(table[col])
    table["window_days"] = table["window_days"].astype("Int64")
    return table


def check_plausible(table: pd.DataFrame, path: str | Path | None = None) -> None:
    """Catch unit slips and typos in a GMV table, per platform.

    A value more than :data:`UNIT_SLIP_FACTOR` (10^4) times off its platform's
    median is a unit slip (a figure in 元 under 亿元 is 10^8 off): a
    :class:`DataError`. A one-year spike by more than :data:`SPIKE_FACTOR` up
    then down (or down then up) is likely a typo: a :class:`DataWarning`.
    (Real series grow fast, e.g. Alibaba 2009-2010 by 18x, but do not spike
    and come back.)

    Raises
    ------
    DataError
        A unit slip, naming the platform and year.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"platform": ["x"] * 3, "year": [2015, 2016, 2017],
    ...                   "value_base": [9.1e10, 1.2e11, 1.68e19]})
    >>> check_plausible(t)
    Traceback (most recent call last):
    ...
    helpers.errors.DataError: column 'value': x 2017: 1.68e+19 yuan is 1.4e+08 times its series' median; a value in 元 under a 亿元 unit?
    """
    import numpy as np

    for plat, rows in table.groupby("platform", observed=True):
        rows = rows.sort_values("year")
        v = rows["value_base"].to_numpy(dtype=float)
        years = rows["year"].to_numpy()
        ok = np.isfinite(v) & (v > 0)
        if ok.sum() < 2:
            continue
        med = float(np.median(v[ok]))
        for year, x in zip(years[ok], v[ok]):
            factor = x / med
            if factor > UNIT_SLIP_FACTOR or factor < 1 / UNIT_SLIP_FACTOR:
                raise DataError(
                    f"{plat} {year}: {x:.3g} yuan is {factor:.2g} times its series' median; "
                    f"a value in 元 under a 亿元 unit?",
                    path=path,
                    column="value",
                )
        vv, yy = v[ok], years[ok]
        for i in range(1, len(vv) - 1):
            r1, r2 = vv[i] / vv[i - 1], vv[i + 1] / vv[i]
            if (r1 > SPIKE_FACTOR and r2 < 1 / SPIKE_FACTOR) or (r1 < 1 / SPIKE_FACTOR and r2 > SPIKE_FACTOR):
                warnings.warn(
                    f"{path or 'GMV table'}: {plat} {yy[i]} is {r1:.1f}x the year before and "
                    f"{1 / r2:.1f}x the year after: a typo (a digit too many or too few)?",
                    DataWarning,
                    stacklevel=3,
                )


def load_gmv(path: str | Path | None = None, platform: str | None = None, *, unit: str | None = None) -> pd.DataFrame:
    """Double 11 GMV by platform and year, validated.

    Parameters
    ----------
    path : str or Path, optional
        A GMV table of the shared schema; default ``data/sales/gmv.csv``.
        A plain file with only ``year`` and one value column (``value``,
        ``gmv``, ``gmv_100m_yuan`` or ``gmv_yuan``; optionally ``platform``)
        also loads: the rest of the schema is filled with explicit defaults
        (metric ``gmv``, no window, confidence ``unverified``, source "user
        file <name>").
    platform : str, optional
        Keep one platform (``"alibaba"``, ``"jd"``, ``"industry_syntun"``); for
        a plain file without a ``platform`` column, the name to give the series.
    unit : str, optional
        Unit of a plain file's value column (``"亿元"``, ``"yuan"``, ...), when the
        column name does not say it.

    Returns
    -------
    pandas.DataFrame
        The table of :func:`read_table` plus ``value_yuan`` (yuan) and
        ``gmv_100m_yuan`` (亿元). Years with no official figure stay as rows
        with NaN and a note.

    Raises
    ------
    DataError
        As :func:`read_table`; also a row whose metric is not ``gmv`` or whose
        unit is not money, or an unknown platform.

    Examples
    --------
    >>> g = load_gmv(platform="alibaba")
    >>> g.set_index("year").loc[2015, "gmv_100m_yuan"]
    np.float64(912.17)
    """
    path = paths.resolve(path) if path is not None else GMV_CSV
    table = _simple_table(path, unit, platform)
    simple = table is not None
    if not simple:
        if unit is not None:
            raise DataError("unit= is only for a plain year,value file; this file has a unit column", path=path)
        table = read_table(path)
    bad = table.index[(table["metric"] != "gmv") | (table["unit"].map(units.dimension) != "money")]
    if len(bad):
        row = table.loc[bad[0]]
        raise DataError(
            f"a GMV table holds metric 'gmv' in a money unit, got {row.metric!r} in {row.unit!r} "
            f"({row.platform} {row.year}); is this a file for load_operations?",
            path=path,
            column="metric",
        )
    check_plausible(table, path)
    table["value_yuan"] = table["value_base"]
    table["gmv_100m_yuan"] = table["value_yuan"] / units.UNIT_FACTORS["亿元"]
    if platform is not None:
        if platform not in table["platform"].cat.categories:
            raise DataError(
                f"no platform {platform!r}; the file has: {', '.join(table.platform.cat.categories)}",
                path=path,
                column="platform",
            )
        table = table[table["platform"] == platform].reset_index(drop=True)
    return table


def load_operations(path: str | Path | None = None, metric: str | None = None) -> pd.DataFrame:
    """Other Double 11 metrics (delivery orders, peak rates, mobile share, ...), validated.

    Parameters
    ----------
    path : str or Path, optional
        A table of the shared schema; default ``data/sales/operations.csv``.
    metric : str, optional
        Keep one metric, e.g. ``"peak_payments_per_second"``.

    Returns
    -------
    pandas.DataFrame
        The table of :func:`read_table`; ``value_base`` is in base units
        (count, per second, or fraction for shares).

    Examples
    --------
    >>> ops = load_operations(metric="delivery_orders")
    >>> int(ops.set_index("year").loc[2015, "value_base"])
    467000000
    """
    path = paths.resolve(path) if path is not None else OPERATIONS_CSV
    table = read_table(path)
    if (table["metric"] == "gmv").any():
        i = int((table["metric"] == "gmv").to_numpy().nonzero()[0][0])
        raise DataError(
            f"metric 'gmv' ({table.platform.iat[i]} {table.year.iat[i]}) belongs in a GMV table: read it with load_gmv",
            path=path,
            column="metric",
        )
    if metric is not None:
        if metric not in set(table["metric"]):
            raise DataError(
                f"no metric {metric!r}; the file has: {', '.join(sorted(set(table.metric)))}",
                path=path,
                column="metric",
            )
        table = table[table["metric"] == metric].reset_index(drop=True)
    return table


def gmv_series(table: pd.DataFrame, platform: str = "alibaba", window_days: int | None = None) -> pd.Series:
    """One platform's GMV as a series in yuan, indexed by year.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`load_gmv`.
    platform : str
        Platform to keep.
    window_days : int, optional
        Keep only years with this sales window (1 = the single-day years
        2009–2019 for Alibaba); default all years. Undisclosed years stay as NaN.

    Returns
    -------
    pandas.Series
        ``value_yuan`` indexed by ``year``, named after the platform.

    Examples
    --------
    >>> s = gmv_series(load_gmv(), "alibaba", window_days=1)
    >>> s.index.min(), s.index.max()
    (2009, 2019)
    """
    from helpers.errors import ParameterError

    rows = table[table["platform"] == platform]
    if rows.empty:
        raise ParameterError(f"no rows for platform {platform!r}")
    if window_days is not None:
        rows = rows[rows["window_days"] == window_days]
    series = rows.set_index("year")["value_yuan"].sort_index()
    series.name = platform
    return series


def load_platforms(path: str | Path | None = None) -> pd.DataFrame:
    """The platform codes of the sales tables with their display names (English, Chinese) and scope.

    Parameters
    ----------
    path : str or Path, optional
        Default ``data/sales/platforms.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``platform, name_en, name_zh, scope, source, source_url, note``, indexed by ``platform``.

    Examples
    --------
    >>> load_platforms().loc["jd", "name_en"]
    'JD.com'
    """
    from helpers import tables

    path = paths.resolve(path) if path is not None else PLATFORMS_CSV
    frame = tables.read_csv(
        path,
        required=("platform", "name_en", "name_zh", "scope", "source"),
        nonempty=("platform", "name_en", "source"),
        what="platform table",
    )
    return frame.set_index("platform")


def platform_name(code: str, language: str = "en") -> str:
    """Display name of a platform code; an unknown code (a user's own series) is shown as given.

    Examples
    --------
    >>> platform_name("jd"), platform_name("my_shop")
    ('JD.com', 'my_shop')
    """
    table = load_platforms()
    column = "name_zh" if language == "zh" else "name_en"
    return str(table.loc[code, column]) if code in table.index and table.loc[code, column] else code


def load_gmv_file(
    path: str | Path, platform: str, unit: str | None = None
) -> tuple[pd.DataFrame, dict[str, str] | None]:
    """A GMV file as a notebook gets it: the full schema, or a plain ``year,value`` file, and what was filled in.

    A full-schema file (``data/README.md``) is read whole by :func:`load_gmv`
    (so other platforms stay available); a plain file (``year`` and one value
    column, optionally ``platform``) is read with ``unit`` and, without a
    ``platform`` column, its series is named ``platform``.

    Parameters
    ----------
    path : str or Path
        The CSV file (relative paths from the repository root).
    platform : str
        The platform code modelled (names a plain file's series).
    unit : str, optional
        Unit of a plain file's value column; None when the column name says it.

    Returns
    -------
    (table, filled) : (pandas.DataFrame, dict or None)
        The table of :func:`load_gmv`; ``filled`` is None for a full-schema file,
        else the defaults filled in: ``unit``, ``unit_from`` (where it was read),
        ``window``, ``confidence``, ``source``.

    Raises
    ------
    DataError
        As :func:`load_gmv` (file, line and column named).

    Examples
    --------
    >>> table, filled = load_gmv_file("data/sales/gmv.csv", "jd")
    >>> filled is None, sorted(table["platform"].unique())
    (True, ['alibaba', 'industry_syntun', 'jd'])
    """
    from helpers import tables

    path = paths.resolve(path)
    try:
        header = list(tables.read_csv(path, what="GMV table").columns)
    except DataError:
        header = []  # load_gmv reports the problem with file, line and column
    if not header or "metric" in header:
        return load_gmv(path, unit=unit), None
    table = load_gmv(path, platform=None if "platform" in header else platform, unit=unit)
    column = next((c for c in header if c in SIMPLE_VALUE_COLUMNS), "value")
    filled = {
        "unit": str(table["unit"].iloc[0]),
        "unit_from": "parameter gmv_unit" if unit is not None else f"the column name {column}",
        "window": "none stated",
        "confidence": str(table["confidence"].iloc[0]),
        "source": str(table["source"].iloc[0]),
    }
    return table, filled
