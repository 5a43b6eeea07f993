"""Model parameter tables (``data/assumptions/*.csv``) and one-at-a-time sensitivity analysis.

A parameter table has one row per model parameter::

    name,value,low,high,unit,status,source,source_url,note

``status`` is ``sourced`` (the value comes from ``source``/``source_url``) or
``assumption`` (a judgement of this project; ``low``/``high`` give the
plausible range the notebooks sweep and ``note`` says why). Every row names a
source (for an assumption: what it rests on) and carries a note.

:func:`load_assumptions` validates a table and reports the first problem as a
:class:`~helpers.errors.DataError` naming file, line and column;
:func:`values` and :func:`ranges` turn it into the dicts a model takes;
:func:`one_at_a_time` and :func:`two_way` evaluate any model ``f(params) ->
number`` across those ranges (tornado charts and heat maps); the charts live in
:mod:`helpers.charts.sensitivity` (``tornado_chart`` is re-exported here).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.errors import DataError, ParameterError

__all__ = [
    "COLUMNS",
    "STATUSES",
    "load_assumptions",
    "values",
    "ranges",
]

#: Columns every parameter table must have, in this order.
COLUMNS = ("name", "value", "low", "high", "unit", "status", "source", "source_url", "note")
#: Allowed values of the ``status`` column.
STATUSES = ("sourced", "assumption")


def _parse_number(text: str, *, path: Path, line: int, column: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise DataError(f"expected a number, got {text!r}", path=path, line=line, column=column) from None
    if not math.isfinite(value):
        raise DataError(f"expected a finite number, got {text!r}", path=path, line=line, column=column)
    return value


def load_assumptions(path: str | Path) -> pd.DataFrame:
    """Read and validate a parameter table.

    Parameters
    ----------
    path : str or Path
        CSV file, UTF-8, relative to the repository root or absolute.

    Returns
    -------
    pandas.DataFrame
        One row per parameter, columns :data:`COLUMNS` plus ``line`` (line in the file);
        ``value``, ``low``, ``high`` as floats. A sourced row with empty ``low``/``high``
        gets ``low = high = value`` (no range swept).

    Raises
    ------
    DataError
        Missing file or column, a non-numeric or non-finite number, a duplicate name,
        ``low <= value <= high`` violated, an unknown status, an assumption without a
        range, a sourced row without ``source_url``, or an empty ``source`` or ``note``.

    References
    ----------
    The table format is documented in ``data/assumptions/README.md``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "p.csv"
    >>> _ = f.write_text(
    ...     "name,value,low,high,unit,status,source,source_url,note\\n"
    ...     "commission,0.05,0.02,0.10,fraction,assumption,this project,,typical range\\n",
    ...     encoding="utf-8")
    >>> table = load_assumptions(f)
    >>> values(table), ranges(table)
    ({'commission': 0.05}, {'commission': (0.02, 0.1)})
    """
    from helpers import tables

    frame = tables.read_csv(path, required=COLUMNS, what="parameter table")
    path = frame.attrs["path"]
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for line, cells in zip(frame.attrs["lines"], frame[list(COLUMNS)].itertuples(index=False, name=None)):
        raw = dict(zip(COLUMNS, cells))
        name = raw["name"]
        if not name:
            raise DataError("empty parameter name", path=path, line=line, column="name")
        if not name.isidentifier():
            raise DataError(
                f"parameter name must be a Python identifier (letters, digits, _), got {name!r}",
                path=path,
                line=line,
                column="name",
            )
        if name in seen:
            raise DataError(
                f"duplicate parameter {name!r} (first on line {seen[name]})", path=path, line=line, column="name"
            )
        seen[name] = line
        status = raw["status"]
        if status not in STATUSES:
            raise DataError(
                f"expected one of {', '.join(STATUSES)}, got {status!r}", path=path, line=line, column="status"
            )
        value = _parse_number(raw["value"], path=path, line=line, column="value")
        bounds = {}
        for column in ("low", "high"):
            if raw[column] == "":
                if status == "assumption":
                    raise DataError(
                        "an assumption needs a range: give low and high", path=path, line=line, column=column
                    )
                bounds[column] = value
            else:
                bounds[column] = _parse_number(raw[column], path=path, line=line, column=column)
        if not bounds["low"] <= value <= bounds["high"]:
            raise DataError(
                f"expected low <= value <= high, got {bounds['low']:g} <= {value:g} <= {bounds['high']:g}",
                path=path,
                line=line,
                column="value",
            )
        if not raw["source"]:
            raise DataError(
                "every row needs a source (for an assumption: what it rests on)", path=path, line=line, column="source"
            )
        if status == "sourced" and not raw["source_url"]:
            raise DataError("a sourced parameter needs a source_url", path=path, line=line, column="source_url")
        if not raw["note"]:
            raise DataError("every row needs a note", path=path, line=line, column="note")
        if not raw["unit"]:
            raise DataError(
                "every row needs a unit (e.g. yuan, fraction, multiplier)", path=path, line=line, column="unit"
            )
        rows.append({**raw, "value": value, "low": bounds["low"], "high": bounds["high"], "line": line})
    if not rows:
        raise DataError("no parameter rows", path=path, line=2)
    table = pd.DataFrame(rows, columns=[*COLUMNS, "line"])
    return table.astype({"value": float, "low": float, "high": float, "line": int})


def _require(table: pd.DataFrame, required: Iterable[str] | None) -> None:
    if required is None:
        return
    missing = [name for name in required if name not in set(table["name"])]
    if missing:
        raise DataError(f"missing parameter(s): {', '.join(missing)}", column="name")


def values(table: pd.DataFrame, required: Iterable[str] | None = None) -> dict[str, float]:
    """Parameter values as a ``{name: value}`` dict (file order).

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`load_assumptions`.
    required : iterable of str, optional
        Names that must be present (DataError otherwise).

    Returns
    -------
    dict
        ``{name: value}``.

    Examples
    --------
    >>> t = pd.DataFrame({"name": ["a", "b"], "value": [1.0, 2.0], "low": [0.5, 2.0], "high": [2.0, 2.0]})
    >>> values(t)
    {'a': 1.0, 'b': 2.0}
    """
    _require(table, required)
    return {str(n): float(v) for n, v in zip(table["name"], table["value"])}


def with_overrides(table: pd.DataFrame, overrides: Mapping[str, float] | None) -> pd.DataFrame:
    """The assumption table with some values replaced (a notebook's ``assumptions`` parameter).

    Each override must name a parameter of the table and lie within its
    ``low``-``high`` range (a sourced figure without a range cannot be
    overridden); the row's ``status`` becomes ``override``.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`load_assumptions`.
    overrides : mapping, optional
        ``{name: value}``; ``None`` or empty returns ``table`` unchanged.

    Returns
    -------
    pandas.DataFrame
        A copy with the new values.

    Raises
    ------
    ParameterError
        An unknown name (the message lists the known ones), a value that is not
        a number, or a value outside the parameter's range.

    Examples
    --------
    >>> t = pd.DataFrame({"name": ["demand_cv"], "value": [0.5], "low": [0.2], "high": [1.0],
    ...                   "unit": ["coefficient of variation"], "status": ["assumption"]})
    >>> with_overrides(t, {"demand_cv": 0.3})["value"].item()
    0.3
    >>> with_overrides(t, {"demand_cv": 2})
    Traceback (most recent call last):
    ...
    helpers.errors.ParameterError: assumption demand_cv = 2: must be within its range [0.2, 1] coefficient of variation
    """
    if not overrides:
        return table
    if not isinstance(overrides, Mapping):
        raise ParameterError(f"assumption overrides must be a mapping of name to value, got {overrides!r}")
    out = table.copy()
    names = list(out["name"])
    for name, value in overrides.items():
        if name not in names:
            raise ParameterError(f"no assumption named {name!r}; the table has: {', '.join(names)}")
        i = names.index(name)
        lo, hi, unit = out["low"].iat[i], out["high"].iat[i], out["unit"].iat[i] if "unit" in out else ""
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ParameterError(f"assumption {name} = {value!r}: must be a finite number ({unit})")
        if not (lo <= value <= hi):
            raise ParameterError(f"assumption {name} = {value!r}: must be within its range [{lo:g}, {hi:g}] {unit}")
        out.loc[out.index[i], "value"] = float(value)
        if "status" in out:
            out.loc[out.index[i], "status"] = "override"
    return out


def ranges(
    table: pd.DataFrame, *, only_varying: bool = True, required: Iterable[str] | None = None
) -> dict[str, tuple[float, float]]:
    """Sensitivity ranges as ``{name: (low, high)}`` (file order).

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`load_assumptions`.
    only_varying : bool
        Drop parameters with ``low == high`` (default True).
    required : iterable of str, optional
        Names that must be present.

    Returns
    -------
    dict
        ``{name: (low, high)}``.

    Examples
    --------
    >>> t = pd.DataFrame({"name": ["a", "b"], "value": [1.0, 2.0], "low": [0.5, 2.0], "high": [2.0, 2.0]})
    >>> ranges(t)
    {'a': (0.5, 2.0)}
    """
    _require(table, required)
    out = {}
    for n, lo, hi in zip(table["name"], table["low"], table["high"]):
        if only_varying and lo == hi:
            continue
        out[str(n)] = (float(lo), float(hi))
    return out


_MOVED = {
    "one_at_a_time": "helpers.sensitivity",
    "two_way": "helpers.sensitivity",
    "crossings": "helpers.sensitivity",
    "tornado_chart": "helpers.charts.sensitivity",
}


def __getattr__(name: str) -> Any:
    """Names that moved in 0.2 (sweeps to :mod:`helpers.sensitivity`, the chart to
    :mod:`helpers.charts.sensitivity`) still import from here, with a ``DeprecationWarning``.

    They are imported on first use, so this data-layer module does not import the layers above.
    """
    if name in _MOVED:
        import importlib
        import warnings

        warnings.warn(
            f"helpers.assumptions.{name} has moved to {_MOVED[name]}.{name}; "
            "the old name will be removed in the next release",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module 'helpers.assumptions' has no attribute {name!r}")
