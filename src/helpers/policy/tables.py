"""The two dated tables of China's cross-border retail-import rules, read and checked.

``data/policy/cross_border_rules.csv`` holds one row per rule change (for timelines and
labels); ``data/policy/cross_border_parameters.csv`` one row per parameter value and
validity interval (tax rates, limits, return windows, flags). Both are read with the
collection's one CSV reader (:func:`helpers.tables.read_csv`), so a bad cell is
reported with file, line and column.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import paths
from helpers.errors import DataError
from helpers.tables import number as read_number
from helpers.tables import read_csv

__all__ = [
    "CONFIDENCE_LEVELS",
    "PARAMETERS_CSV",
    "RULES_CSV",
    "last_change",
    "load_parameters",
    "load_rules",
    "parameter_table",
    "table_key",
]

#: Default location of the parameter table (repo-relative).
PARAMETERS_CSV = "data/policy/cross_border_parameters.csv"
#: Default location of the rule-change table (repo-relative).
RULES_CSV = "data/policy/cross_border_rules.csv"
#: Allowed values of the ``confidence`` column.
CONFIDENCE_LEVELS = ("verified", "verified-secondary", "conflicting", "unverified")

_PARAMETER_COLUMNS = (
    "parameter",
    "category",
    "value",
    "unit",
    "effective_from",
    "effective_to",
    "rule_id",
    "confidence",
    "source",
    "source_url",
    "note",
)
_RULE_COLUMNS = ("date", "rule_id", "document", "rule", "rule_zh", "confidence", "source", "source_url", "note")
#: Parameters whose value is a share of a price, in [0, 1).
_SHARE_PARAMETERS = (
    "postal_tax_rate",
    "postal_tax_tier_rate",
    "comprehensive_tax_share",
    "tariff_rate_within_limits",
    "vat_rate",
    "consumption_tax_rate",
    "general_trade_tariff_rate",
)

_cache: dict[tuple, pd.DataFrame] = {}


def _date(text: str, *, path: Path, line: int, column: str, required: bool) -> pd.Timestamp | None:
    text = text.strip()
    if not text:
        if required:
            raise DataError("expected a date YYYY-MM-DD, got an empty cell", path=path, line=line, column=column)
        return None
    try:
        return pd.Timestamp(dt.date.fromisoformat(text))
    except ValueError:
        raise DataError(f"expected a date YYYY-MM-DD, got {text!r}", path=path, line=line, column=column) from None


def _check_text(frame: pd.DataFrame, path: Path, lines: list[int]) -> None:
    for line, source, confidence in zip(lines, frame["source"], frame["confidence"]):
        if not str(source).strip():
            raise DataError("every row needs a source, got an empty cell", path=path, line=line, column="source")
        if confidence not in CONFIDENCE_LEVELS:
            raise DataError(
                f"expected one of {', '.join(CONFIDENCE_LEVELS)}, got {confidence!r}",
                path=path,
                line=line,
                column="confidence",
            )


def load_parameters(path: str | Path = PARAMETERS_CSV) -> pd.DataFrame:
    """Read and check the dated table of cross-border tax and limit parameters.

    Parameters
    ----------
    path : str or Path
        CSV with columns parameter, category, value, unit, effective_from,
        effective_to (blank = still in force), rule_id, confidence, source,
        source_url, note. Repo-relative paths resolve from the repository root.

    Returns
    -------
    pandas.DataFrame
        One row per parameter value; ``value`` as float, ``effective_from`` and
        ``effective_to`` as Timestamps (``NaT`` = open-ended), ``line`` the row's
        line in the file; sorted by parameter, category and start date.

    Raises
    ------
    DataError
        Naming file, line and column: a missing column, a non-numeric value, a
        share outside [0, 1), a bad date, an interval that ends before it
        starts, overlapping intervals for one parameter and category, an empty
        source or an unknown confidence word.

    Examples
    --------
    >>> table = load_parameters()
    >>> float(table.query("parameter == 'comprehensive_tax_share'")["value"].iloc[0])
    0.7
    """
    frame = read_csv(path, required=_PARAMETER_COLUMNS, what="policy parameter table")
    file = Path(frame.attrs["path"])
    lines = list(frame.attrs["lines"])
    _check_text(frame, file, lines)
    values, starts, ends = [], [], []
    for line, row in zip(lines, frame.itertuples(index=False)):
        value = read_number(row.value, path=file, line=line, column="value", low=0.0)
        if row.parameter in _SHARE_PARAMETERS and value >= 1:
            raise DataError(f"expected a share in [0, 1), got {row.value!r}", path=file, line=line, column="value")
        start = _date(row.effective_from, path=file, line=line, column="effective_from", required=True)
        end = _date(row.effective_to, path=file, line=line, column="effective_to", required=False)
        if end is not None and end < start:
            raise DataError(
                f"effective_to {row.effective_to} is before effective_from {row.effective_from}",
                path=file,
                line=line,
                column="effective_to",
            )
        values.append(value)
        starts.append(start)
        ends.append(end if end is not None else pd.NaT)
    out = frame.assign(
        value=np.array(values, dtype=float),
        effective_from=pd.to_datetime(pd.Series(starts, dtype="datetime64[ns]")),
        effective_to=pd.to_datetime(pd.Series(ends, dtype="datetime64[ns]")),
        line=np.array(lines, dtype=int),
    )
    for (param, cat), group in out.groupby(["parameter", "category"], sort=True):
        prev_end, prev_line = None, None
        for row in group.sort_values("effective_from").itertuples(index=False):
            if prev_line is not None and (pd.isna(prev_end) or prev_end >= row.effective_from):
                raise DataError(
                    f"interval for {param!r} ({cat}) overlaps the one on line {prev_line}",
                    path=file,
                    line=int(row.line),
                    column="effective_from",
                )
            prev_end, prev_line = row.effective_to, int(row.line)
    out = out.sort_values(["parameter", "category", "effective_from"], kind="stable").reset_index(drop=True)
    out.attrs.update(path=str(file))
    return out


def load_rules(path: str | Path = RULES_CSV) -> pd.DataFrame:
    """Read and check the dated table of rule changes (for timelines and labels).

    Parameters
    ----------
    path : str or Path
        CSV with columns date, rule_id, document, rule, rule_zh, confidence,
        source, source_url, note.

    Returns
    -------
    pandas.DataFrame
        One row per rule change, ``date`` as Timestamp, sorted by date then rule_id.

    Raises
    ------
    DataError
        A missing column, a bad date, a duplicated rule_id, an empty source or
        an unknown confidence word (with file, line and column).

    Examples
    --------
    >>> rules = load_rules()
    >>> str(rules.loc[rules.rule_id == "cgs_2016_18", "date"].iloc[0].date())
    '2016-04-08'
    """
    frame = read_csv(path, required=_RULE_COLUMNS, what="policy rule table")
    file = Path(frame.attrs["path"])
    lines = list(frame.attrs["lines"])
    _check_text(frame, file, lines)
    dates, seen = [], {}
    for line, row in zip(lines, frame.itertuples(index=False)):
        dates.append(_date(row.date, path=file, line=line, column="date", required=True))
        if row.rule_id in seen:
            raise DataError(
                f"rule_id {row.rule_id!r} already used on line {seen[row.rule_id]}",
                path=file,
                line=line,
                column="rule_id",
            )
        seen[row.rule_id] = line
    out = frame.assign(date=pd.to_datetime(pd.Series(dates, dtype="datetime64[ns]")))
    return out.sort_values(["date", "rule_id"], kind="stable").reset_index(drop=True)


def table_key(parameters: pd.DataFrame | str | Path | None) -> tuple:
    """A hashable key for a parameter table argument (file and modification time, or the frame's identity)."""
    if isinstance(parameters, pd.DataFrame):
        return ("frame", id(parameters))
    file = paths.resolve(PARAMETERS_CSV if parameters is None else parameters)
    return ("file", str(file), file.stat().st_mtime if file.exists() else 0.0)


def parameter_table(parameters: pd.DataFrame | str | Path | None = None) -> pd.DataFrame:
    """The parameter table for an argument: the frame itself, or the file read once per modification.

    Examples
    --------
    >>> parameter_table() is parameter_table()
    True
    """
    if isinstance(parameters, pd.DataFrame):
        return parameters
    key = table_key(parameters)
    if key not in _cache:
        if len(_cache) > 16:
            _cache.clear()
        _cache[key] = load_parameters(key[1])
    return _cache[key]


def last_change(parameters: pd.DataFrame | str | Path | None = None, rules: pd.DataFrame | None = None) -> dt.date:
    """The latest date on which the tables record a change (a rule coming into force or one ending).

    Parameters
    ----------
    parameters : DataFrame or path, optional
        From :func:`load_parameters`; default the shipped table.
    rules : DataFrame, optional
        From :func:`load_rules`; its dates count too when given.

    Returns
    -------
    datetime.date
        After this date the tables hold no later rules: a model run for a later
        date assumes the rules stayed as they were.

    Examples
    --------
    >>> str(last_change())
    '2020-03-28'
    """
    table = parameter_table(parameters)
    days = list(table["effective_from"]) + [d + pd.Timedelta(days=1) for d in table["effective_to"].dropna()]
    if rules is not None and len(rules):
        days += list(rules["date"])
    return max(days).date()
