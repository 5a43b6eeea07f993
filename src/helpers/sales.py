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

import csv
import datetime as dt
import io
import math
import re
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

#: Columns every sales table must have, in order.
COLUMNS = (
    "platform", "metric", "year", "value", "unit", "value_base", "period_start", "period_end",
    "window_days", "confidence", "source", "source_url", "note",
)
#: Allowed values of the ``confidence`` column.
CONFIDENCE = ("verified", "verified-secondary", "unverified")
#: First Double 11 (2009); rows may run to next year.
FIRST_YEAR = 2009
_NAME = re.compile(r"[a-z][a-z0-9_]*")


def _decode(path: Path) -> str:
    if not path.is_file():
        raise DataError("file not found (expected a CSV file)", path=path)
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            f"not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8", path=path, line=line
        ) from None


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

    path = paths.resolve(path) if path is not None else GMV_CSV
    text = _decode(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise DataError("empty file: expected a header row", path=path, line=1)
    header = [h.strip() for h in header]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise DataError(f"missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}", path=path, line=1,
                        column=missing[0])
    max_year = dt.date.today().year + 1
    rows, seen = [], {}
    for line, cells in enumerate(reader, start=2):
        if not cells or all(c.strip() == "" for c in cells):
            continue
        if len(cells) != len(header):
            raise DataError(f"expected {len(header)} fields, got {len(cells)} (a missing or extra comma?)",
                            path=path, line=line)
        row = _check_row({h: c.strip() for h, c in zip(header, cells)}, path, line, max_year)
        key = (row["platform"], row["metric"], row["year"])
        if key in seen:
            raise DataError(f"duplicate ({key[0]}, {key[1]}, {key[2]}): already on line {seen[key]}",
                            path=path, line=line, column="year")
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


def load_gmv(path: str | Path | None = None, platform: str | None = None) -> pd.DataFrame:
    """Double 11 GMV by platform and year, validated.

    Parameters
    ----------
    path : str or Path, optional
        A GMV table of the shared schema; default ``data/sales/gmv.csv``.
    platform : str, optional
        Keep one platform (``"alibaba"``, ``"jd"``, ``"industry_syntun"``).

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
    table = read_table(path)
    bad = table.index[(table["metric"] != "gmv") | (table["unit"].map(units.dimension) != "money")]
    if len(bad):
        row = table.loc[bad[0]]
        raise DataError(f"a GMV table holds metric 'gmv' in a money unit, got {row.metric!r} in {row.unit!r} "
                        f"({row.platform} {row.year})", path=path, column="metric")
    table["value_yuan"] = table["value_base"]
    table["gmv_100m_yuan"] = table["value_yuan"] / units.UNIT_FACTORS["亿元"]
    if platform is not None:
        if platform not in table["platform"].cat.categories:
            raise DataError(f"no platform {platform!r}; the file has: {', '.join(table.platform.cat.categories)}",
                            path=path, column="platform")
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
    if metric is not None:
        if metric not in set(table["metric"]):
            raise DataError(f"no metric {metric!r}; the file has: {', '.join(sorted(set(table.metric)))}",
                            path=path, column="metric")
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
