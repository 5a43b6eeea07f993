"""Load listing-level snapshot data (one row per item per day) into one typed schema.

Listing data arrives as a CSV in UTF-8, UTF-8 with a BOM or GB18030, or as an Excel
workbook, with Chinese or English headers. :func:`load_listings` detects the encoding,
maps the headers to one schema (:data:`COLUMNS`), parses dates written like
``2016/11/5``, keeps empty counts as missing (nullable ``Int64``, never zero), drops
exact duplicate rows, and reports what it found in a :class:`LoadReport` stored in
``df.attrs["load_report"]``. A file it cannot read raises one
:class:`~helpers.errors.DataError` naming the file, the line and the column.

Parsing is vectorised: numbers are parsed by the CSV reader, dates once per distinct
value, text columns are stored as categoricals (a 2.8-million-row file loads in a few
seconds; see ``benchmarks/bench_listings.py``).
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers import paths
from helpers.errors import DataError, ParameterError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "COLUMNS",
    "HEADER_ALIASES",
    "RAW_CSV",
    "LoadReport",
    "load_listings",
    "load_report",
]

#: The shipped raw file (GB18030), Taobao/Tmall cosmetics listings 2016-11-05..14.
RAW_CSV: Path = paths.DATA_DIR / "raw" / "taobao_cosmetics_2016" / "双十一淘宝美妆数据.csv"

#: The schema every loaded table has, in this order.
COLUMNS = ("date", "item_id", "title", "price_yuan", "sale_count", "comment_count", "shop")

#: Accepted headers for each schema column (compared after stripping, lower-casing and
#: turning spaces and hyphens into underscores).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("date", "update_time", "updated", "snapshot_date", "day", "日期", "更新时间", "更新日期", "时间"),
    "item_id": ("item_id", "id", "item", "itemid", "商品id", "商品编号", "宝贝id", "商品_id"),
    "title": ("title", "name", "item_title", "标题", "商品名称", "商品标题", "宝贝标题", "商品"),
    "price_yuan": ("price_yuan", "price", "价格", "单价", "售价", "价格(元)", "价格（元）"),
    "sale_count": ("sale_count", "sales", "sold", "sales_count", "销量", "销售量", "月销量", "付款人数"),
    "comment_count": ("comment_count", "comments", "review_count", "评论数", "评论量", "评价数", "评价量"),
    "shop": ("shop", "shop_name", "store", "店名", "店铺", "店铺名称", "店铺名", "brand", "品牌"),
}
_REQUIRED = ("date", "item_id", "price_yuan", "shop")
_OPTIONAL = ("title", "sale_count", "comment_count")
_CONFLICTS = ("error", "first", "last")
_EXCEL = (".xlsx", ".xlsm")
_PARQUET = (".parquet", ".pq")
_SAMPLE_BYTES = 1 << 16


@dataclasses.dataclass(frozen=True)
class LoadReport:
    """What :func:`load_listings` found in a file.

    Attributes
    ----------
    path, file_format, encoding : str
        The file, ``"csv"``, ``"excel"`` or ``"parquet"``, and the text encoding used
        (``None`` for binary formats).
    rows_read, rows_kept : int
        Data rows in the file and rows returned (after dropping exact duplicates and, if
        asked, conflicting ones).
    exact_duplicates : int
        Rows identical in every schema column to an earlier row (dropped).
    duplicate_lines : tuple of int
        File lines (header = line 1) of the first dropped duplicates (at most 10).
    conflicting_duplicates : int
        Rows sharing an (item, date) with an earlier row but differing elsewhere.
    empty_sale_count, empty_comment_count : int
        Rows whose count is empty (kept as missing).
    items, shops : int
        Distinct items and shops kept.
    first_date, last_date : datetime.date
        Snapshot dates covered.
    column_map : dict
        File header -> schema column.
    ignored_columns : tuple of str
        File headers not used.
    """

    path: str
    file_format: str
    encoding: str | None
    rows_read: int
    rows_kept: int
    exact_duplicates: int
    duplicate_lines: tuple[int, ...]
    conflicting_duplicates: int
    empty_sale_count: int
    empty_comment_count: int
    items: int
    shops: int
    first_date: dt.date | None
    last_date: dt.date | None
    column_map: dict[str, str]
    ignored_columns: tuple[str, ...]

    def summary(self) -> str:
        """One paragraph describing the load, for a notebook or a log.

        Examples
        --------
        >>> r = LoadReport("x.csv", "csv", "gb18030", 10, 9, 1, (5,), 0, 2, 2, 3, 1,
        ...                dt.date(2016, 11, 5), dt.date(2016, 11, 6), {}, ())
        >>> r.summary().split(";")[0]
        'x.csv (csv, gb18030): 10 rows read, 9 kept'
        """
        enc = f", {self.encoding}" if self.encoding else ""
        dates = f"{self.first_date} to {self.last_date}" if self.first_date else "no dates"
        return (
            f"{self.path} ({self.file_format}{enc}): {self.rows_read:,} rows read, {self.rows_kept:,} kept; "
            f"{self.exact_duplicates:,} exact duplicate rows dropped, {self.conflicting_duplicates:,} conflicting "
            f"(item, date) rows; {self.empty_sale_count:,} empty sale counts and {self.empty_comment_count:,} empty "
            f"comment counts kept as missing; {self.items:,} items in {self.shops:,} shops, {dates}."
        )


def load_report(listings: pd.DataFrame) -> LoadReport:
    """The :class:`LoadReport` attached to a table returned by :func:`load_listings`.

    Raises
    ------
    ParameterError
        If the table carries no report (it was not made by :func:`load_listings`).
    """
    report = getattr(listings, "attrs", {}).get("load_report")
    if not isinstance(report, LoadReport):
        raise ParameterError("this table carries no load report; load it with helpers.listings.load_listings()")
    return report


# ----------------------------------------------------------------------------------------------
# headers and encodings


def _norm_header(name: Any) -> str:
    text = str(name).replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


def _map_headers(headers: list[Any], path: Path) -> tuple[dict[str, str], tuple[str, ...]]:
    lookup = {alias: target for target, aliases in HEADER_ALIASES.items() for alias in aliases}
    mapping: dict[str, str] = {}
    seen: dict[str, str] = {}
    ignored = []
    for raw in headers:
        target = lookup.get(_norm_header(raw))
        if target is None:
            ignored.append(str(raw))
            continue
        if target in seen:
            raise DataError(
                f"two columns map to {target!r}: {seen[target]!r} and {str(raw)!r}; keep one",
                path=path,
                line=1,
                column=str(raw),
            )
        seen[target] = str(raw)
        mapping[str(raw)] = target
    missing = [c for c in _REQUIRED if c not in seen]
    if missing:
        wanted = "; ".join(f"{c} (e.g. {', '.join(HEADER_ALIASES[c][:3])})" for c in missing)
        raise DataError(
            f"missing column(s) {', '.join(missing)}: expected {wanted}; the header has "
            f"{', '.join(map(repr, map(str, headers)))}",
            path=path,
            line=1,
            column=missing[0],
        )
    return mapping, tuple(ignored)


def _detect_encoding(path: Path) -> str:
    with path.open("rb") as fh:
        sample = fh.read(_SAMPLE_BYTES)
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        return encoding
    raise DataError("text is neither UTF-8 nor GB18030; save the file as UTF-8 or give encoding=...", path=path)


def _decode_error(path: Path, encoding: str) -> DataError:
    raw = path.read_bytes()
    try:
        raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return DataError(
            f"cannot be read as {encoding} (byte 0x{raw[exc.start]:02x}); give encoding= or re-save the file",
            path=path,
            line=line,
        )
    return DataError(f"cannot be read as {encoding}", path=path)  # pragma: no cover - decode succeeded


# ----------------------------------------------------------------------------------------------
# readers: each returns a DataFrame with schema column names (only those present)


def _read_csv(path: Path, encoding: str) -> tuple[pd.DataFrame, dict[str, str], tuple[str, ...]]:
    import pandas as pd

    try:
        header = pd.read_csv(path, encoding=encoding, nrows=0).columns.tolist()
    except UnicodeDecodeError:
        raise _decode_error(path, encoding) from None
    except pd.errors.EmptyDataError:
        raise DataError("the file is empty (expected a header line and data rows)", path=path, line=1) from None
    mapping, ignored = _map_headers(header, path)
    dtypes = {
        "date": "category",
        "item_id": "category",
        "title": "category",
        "shop": "category",
        "price_yuan": "float64",
        "sale_count": "float64",
        "comment_count": "float64",
    }
    # every column is read (so a line with too many fields is an error); unused ones as cheap categoricals
    types = {raw: dtypes[mapping[raw]] if raw in mapping else "category" for raw in header}
    try:
        frame = pd.read_csv(
            path,
            encoding=encoding,
            dtype=types,
            na_values=[""],
            keep_default_na=False,
            skip_blank_lines=True,
            low_memory=False,
        )
    except UnicodeDecodeError:
        raise _decode_error(path, encoding) from None
    except pd.errors.ParserError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise DataError(
            f"malformed CSV ({str(exc).strip().splitlines()[-1]}); check the quoting and the number of fields",
            path=path,
            line=int(match.group(1)) if match else None,
        ) from None
    except ValueError:
        # a numeric column holds text: read the numeric columns as text to name the cell
        frame = pd.read_csv(
            path,
            encoding=encoding,
            na_values=[""],
            keep_default_na=False,
            dtype={raw: ("str" if types[raw] == "float64" else "category") for raw in header},
        )
    return frame[list(mapping)].rename(columns=mapping), mapping, ignored


def _read_excel(path: Path) -> tuple[pd.DataFrame, dict[str, str], tuple[str, ...]]:
    import importlib.util

    import pandas as pd

    if importlib.util.find_spec("openpyxl") is None:
        raise DataError(
            "reading Excel files needs the 'openpyxl' package (pip install openpyxl), or save the sheet as CSV",
            path=path,
        )
    try:
        frame = pd.read_excel(path, sheet_name=0, dtype=object, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise DataError(f"cannot read the workbook ({type(exc).__name__}: {exc})", path=path) from None
    mapping, ignored = _map_headers(list(frame.columns), path)
    frame = frame[list(mapping)].rename(columns=mapping)
    frame = frame.dropna(how="all")  # Excel keeps formatted empty rows
    return frame, {str(k): v for k, v in mapping.items()}, ignored


def _read_parquet(path: Path) -> tuple[pd.DataFrame, dict[str, str], tuple[str, ...]]:
    import importlib.util

    import pandas as pd

    if importlib.util.find_spec("pyarrow") is None:
        raise DataError("reading Parquet files needs the 'pyarrow' package (pip install pyarrow)", path=path)
    frame = pd.read_parquet(path)
    mapping, ignored = _map_headers(list(frame.columns), path)
    return frame[list(mapping)].rename(columns=mapping), {str(k): v for k, v in mapping.items()}, ignored


# ----------------------------------------------------------------------------------------------
# typed columns


def _first_bad(mask: Any) -> int:
    import numpy as np

    return int(np.flatnonzero(np.asarray(mask))[0])


def _numeric(frame: pd.DataFrame, column: str, path: Path, line0: Any) -> Any:
    """Column as float64 (NaN for empty); text that is not a number raises a DataError."""
    import numpy as np
    import pandas as pd

    s = frame[column]
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        return s.to_numpy(dtype="float64", na_value=np.nan)
    text = s.astype("str").str.strip().str.replace(",", "", regex=False)
    text = text.where(s.notna() & (text != ""), None)
    values = pd.to_numeric(text, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    bad = text.notna().to_numpy() & np.isnan(values)
    if bad.any():
        i = _first_bad(bad)
        raise DataError(f"expected a number, got {str(s.iloc[i])!r}", path=path, line=int(line0[i]), column=column)
    return values


def _to_int64(values: Any) -> Any:
    import numpy as np
    import pandas as pd

    mask = np.isnan(values)
    ints = np.where(mask, 0, values).astype("int64")
    return pd.arrays.IntegerArray(ints, mask)


def _dates(frame: pd.DataFrame, path: Path, line0: Any) -> Any:
    """Dates parsed once per distinct value; accepts 2016/11/5, 2016-11-05, 2016.11.5, 20161105."""
    import numpy as np
    import pandas as pd

    s = frame["date"]
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        values = s.dt.tz_localize(None) if getattr(s.dt, "tz", None) is not None else s
        out = pd.to_datetime(values).dt.normalize().to_numpy(dtype="datetime64[ns]")
        if np.isnat(out).any():
            i = _first_bad(np.isnat(out))
            raise DataError("empty date", path=path, line=int(line0[i]), column="date")
        return out
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    parsed = np.array([_parse_date(u) for u in uniques], dtype="datetime64[ns]")
    bad_unique = np.isnat(parsed)
    bad = (codes < 0) | (bad_unique[codes] if len(parsed) else np.zeros(len(codes), bool))
    if bad.any():
        i = _first_bad(bad)
        shown = "" if codes[i] < 0 else str(s.iloc[i])
        raise DataError(
            f"expected a date like 2016/11/5 or 2016-11-05, got {shown!r}", path=path, line=int(line0[i]), column="date"
        )
    return parsed[codes]


_DATE = re.compile(r"^\s*(\d{4})[/\-.年]?(\d{1,2})[/\-.月]?(\d{1,2})日?(?:[ T].*)?$")


def _parse_date(value: Any) -> Any:
    import numpy as np

    if isinstance(value, (dt.datetime, dt.date)):
        return np.datetime64(dt.date(value.year, value.month, value.day), "ns")
    match = _DATE.match(str(value))
    if not match:
        return np.datetime64("NaT")
    try:
        return np.datetime64(dt.date(*(int(g) for g in match.groups())), "ns")
    except ValueError:
        return np.datetime64("NaT")


def _text(frame: pd.DataFrame, column: str, path: Path, line0: Any, required: bool) -> Any:
    import pandas as pd

    s = frame[column]
    if not isinstance(s.dtype, pd.CategoricalDtype):
        s = s.where(s.isna(), s.astype("str").str.strip()).astype("category")
    else:
        cats = s.cat.categories.astype("str")
        stripped = cats.str.strip()
        if not (stripped == cats).all():
            if stripped.duplicated().any():  # stripping merged two spellings
                s = s.astype("str").str.strip().astype("category")
            else:
                s = s.cat.rename_categories(stripped)
    empty = s.isna().to_numpy()
    if (s.cat.categories == "").any():
        empty |= (s == "").to_numpy()
        s = s.cat.remove_categories([""])
    if required and empty.any():
        i = _first_bad(empty)
        raise DataError("empty value", path=path, line=int(line0[i]), column=column)
    return s.array


# ----------------------------------------------------------------------------------------------


def load_listings(
    path: str | Path | None = None,
    *,
    encoding: str | None = None,
    conflicts: str = "error",
) -> pd.DataFrame:
    """Read a listing-snapshot file into the schema :data:`COLUMNS`.

    Parameters
    ----------
    path : str or Path, optional
        A ``.csv`` (or ``.txt``), ``.xlsx``/``.xlsm`` (needs ``openpyxl``) or ``.parquet``
        (needs ``pyarrow``) file; relative paths are read from the repository root.
        Default: the shipped raw file :data:`RAW_CSV`.
    encoding : str, optional
        Text encoding of a CSV; default: detected (UTF-8 with or without BOM, UTF-16 with
        BOM, else GB18030).
    conflicts : {"error", "first", "last"}
        What to do with rows that share an (item, date) with another row but differ
        elsewhere (exact duplicates are always dropped): raise, or keep the first or last.

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (datetime64, day), ``item_id``, ``title``, ``shop`` (categoricals),
        ``price_yuan`` (float, yuan), ``sale_count`` and ``comment_count`` (nullable
        ``Int64``; empty cells stay missing). ``attrs["load_report"]`` holds a
        :class:`LoadReport`.

    Raises
    ------
    DataError
        Unreadable file or encoding, missing column, malformed line, a price or count that
        is not a number, a negative or fractional count, a bad or empty date, an empty item
        or shop, or (``conflicts="error"``) two different rows for one item and date —
        naming the file, the line (header = line 1) and the column.

    References
    ----------
    Header names follow the widely copied 2016 Taobao cosmetics file (``update_time, id,
    title, price, sale_count, comment_count, 店名``) and its Chinese re-labelled copies.

    Examples
    --------
    >>> df = load_listings()
    >>> list(df.columns) == list(COLUMNS)
    True
    >>> load_report(df).exact_duplicates, int(df["sale_count"].isna().sum())
    (86, 2350)
    """
    import numpy as np

    if conflicts not in _CONFLICTS:
        raise ParameterError(f"conflicts must be one of {', '.join(map(repr, _CONFLICTS))}; got {conflicts!r}")
    path = RAW_CSV if path is None else paths.resolve(path)
    if not path.is_file():
        raise DataError("file not found (expected a listings CSV, Excel or Parquet file)", path=path)
    suffix = path.suffix.lower()
    if suffix in _EXCEL:
        frame, mapping, ignored = _read_excel(path)
        file_format, used_encoding = "excel", None
    elif suffix in _PARQUET:
        frame, mapping, ignored = _read_parquet(path)
        file_format, used_encoding = "parquet", None
    elif suffix == ".xls":
        raise DataError("old .xls workbooks are not read; save the sheet as .xlsx or CSV", path=path)
    else:
        used_encoding = encoding or _detect_encoding(path)
        try:
            codecs.lookup(used_encoding)
        except LookupError:
            raise ParameterError(f"unknown encoding {used_encoding!r}") from None
        frame, mapping, ignored = _read_csv(path, used_encoding)
        file_format = "csv"

    n = len(frame)
    line0 = frame.index.to_numpy() + 2  # header = line 1, one record per line
    label = {target: raw for raw, target in mapping.items()}
    try:
        out = _typed(frame, path, line0)
    except DataError as exc:  # name the column as the file does
        raise DataError(exc.message, path=exc.path, line=exc.line, column=label.get(exc.column, exc.column)) from None

    dup, conflict_rows = _duplicates(out)
    dup_lines = tuple(int(x) for x in line0[dup][:10])
    n_conflicts = int(conflict_rows.sum())
    if n_conflicts and conflicts == "error":
        i = int(np.flatnonzero(conflict_rows)[0])
        same = ((out["item_id"] == out["item_id"].iloc[i]) & (out["date"] == out["date"].iloc[i])).to_numpy() & ~dup
        lines = line0[same]
        raise DataError(
            f"item {out['item_id'].iloc[i]!r} has {len(lines)} different rows for {out['date'].iloc[i]:%Y-%m-%d} "
            f"(lines {', '.join(map(str, lines[:5]))}); pass conflicts='first' or 'last' to keep one",
            path=path,
            line=int(line0[i]),
            column=label.get("item_id", "item_id"),
        )
    drop = dup.copy()
    if n_conflicts:
        sub = out.loc[~dup, ["item_id", "date"]]
        drop[np.flatnonzero(~dup)[sub.duplicated(keep=conflicts).to_numpy()]] = True
    kept = out.take(np.flatnonzero(~drop)).reset_index(drop=True) if drop.any() else out

    dates = kept["date"]
    report = LoadReport(
        path=shown_path(path),
        file_format=file_format,
        encoding=used_encoding,
        rows_read=n,
        rows_kept=len(kept),
        exact_duplicates=int(dup.sum()),
        duplicate_lines=dup_lines,
        conflicting_duplicates=n_conflicts,
        empty_sale_count=int(kept["sale_count"].isna().sum()),
        empty_comment_count=int(kept["comment_count"].isna().sum()),
        items=int(kept["item_id"].nunique()),
        shops=int(kept["shop"].nunique()),
        first_date=dates.min().date() if len(kept) else None,
        last_date=dates.max().date() if len(kept) else None,
        column_map=dict(mapping),
        ignored_columns=ignored,
    )
    kept.attrs["load_report"] = report
    return kept


def _duplicates(out: pd.DataFrame) -> tuple[Any, Any]:
    """Exact duplicate rows (after the first) and rows conflicting with an earlier row of the same item and day.

    Sorting item codes and days finds the (item, day) keys that occur more than once; only
    those few rows are compared column by column.
    """
    import numpy as np

    n = len(out)
    exact = np.zeros(n, dtype=bool)
    conflict = np.zeros(n, dtype=bool)
    if n < 2:
        return exact, conflict
    codes = out["item_id"].cat.codes.to_numpy().astype(np.int64)
    day = out["date"].to_numpy(dtype="datetime64[ns]").astype(np.int64)
    order = np.lexsort((np.arange(n), day, codes))
    same = (codes[order][1:] == codes[order][:-1]) & (day[order][1:] == day[order][:-1])
    if not same.any():
        return exact, conflict
    involved = np.unique(np.concatenate([order[1:][same], order[:-1][same]]))  # file order
    sub = out.iloc[involved]
    exact[involved[sub.duplicated(keep="first").to_numpy()]] = True
    rest = involved[~exact[involved]]
    conflict[rest[out.iloc[rest].duplicated(subset=["item_id", "date"], keep="first").to_numpy()]] = True
    return exact, conflict


def shown_path(path: Path) -> str:
    """A path as shown to readers: relative to the repository root when inside it, else as given.

    Examples
    --------
    >>> from helpers import paths
    >>> shown_path(paths.ROOT / "data" / "x.csv")
    'data/x.csv'
    """
    try:
        return str(path.resolve().relative_to(paths.ROOT.resolve()))
    except ValueError:
        return str(path)


def _typed(frame: pd.DataFrame, path: Path, line0: Any) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    n = len(frame)
    missing_counts = pd.arrays.IntegerArray(np.zeros(n, dtype="int64"), np.ones(n, dtype=bool))
    out = pd.DataFrame(
        {
            "date": _dates(frame, path, line0),
            "item_id": _text(frame, "item_id", path, line0, required=True),
            "title": _text(frame, "title", path, line0, required=False)
            if "title" in frame
            else pd.Categorical([None] * n, categories=pd.Index([], dtype="str")),
            "price_yuan": _numeric(frame, "price_yuan", path, line0),
            "sale_count": _to_int64(_checked_counts(frame, "sale_count", path, line0))
            if "sale_count" in frame
            else missing_counts,
            "comment_count": _to_int64(_checked_counts(frame, "comment_count", path, line0))
            if "comment_count" in frame
            else missing_counts.copy(),
            "shop": _text(frame, "shop", path, line0, required=True),
        }
    )
    price = out["price_yuan"].to_numpy()
    bad = np.isnan(price) | ~np.isfinite(price) | (price < 0)
    if bad.any():
        i = _first_bad(bad)
        what = "empty price" if np.isnan(price[i]) else f"expected a price >= 0 yuan, got {price[i]!r}"
        raise DataError(what, path=path, line=int(line0[i]), column="price_yuan")
    return out


def _checked_counts(frame: pd.DataFrame, column: str, path: Path, line0: Any) -> Any:
    import numpy as np

    values = _numeric(frame, column, path, line0)
    finite = ~np.isnan(values)
    bad = finite & (~np.isfinite(values) | (values < 0) | (values != np.floor(values)))
    if bad.any():
        i = _first_bad(bad)
        raise DataError(
            f"expected a whole number >= 0 (or empty), got {frame[column].iloc[i]!r}",
            path=path,
            line=int(line0[i]),
            column=column,
        )
    return values
