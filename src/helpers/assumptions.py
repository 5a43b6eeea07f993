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
number`` across those ranges (tornado charts and heat maps), and
:func:`tornado_chart` draws the first.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from helpers import paths
from helpers.errors import DataError, ParameterError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "COLUMNS",
    "STATUSES",
    "load_assumptions",
    "values",
    "ranges",
    "one_at_a_time",
    "two_way",
    "crossings",
    "tornado_chart",
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
    file = paths.resolve(path)
    if not file.is_file():
        raise DataError("parameter table not found", path=path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"file is not UTF-8 ({exc.reason})", path=path) from None
    reader = csv.reader(text.splitlines())
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise DataError("file is empty; expected a header row", path=path, line=1) from None
    for column in COLUMNS:
        if column not in header:
            raise DataError(f"missing column; expected columns {', '.join(COLUMNS)}", path=path, line=1, column=column)
    index = {c: header.index(c) for c in COLUMNS}
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise DataError(f"expected {len(header)} fields, got {len(cells)}", path=path, line=line)
        raw = {c: cells[i].strip() for c, i in index.items()}
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
            raise DataError(f"duplicate parameter {name!r} (first on line {seen[name]})", path=path, line=line, column="name")
        seen[name] = line
        status = raw["status"]
        if status not in STATUSES:
            raise DataError(f"expected one of {', '.join(STATUSES)}, got {status!r}", path=path, line=line, column="status")
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
            raise DataError("every row needs a unit (e.g. yuan, fraction, multiplier)", path=path, line=line, column="unit")
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


def _evaluate(model: Callable[[dict[str, float]], float], params: dict[str, float], where: str) -> float:
    result = model(dict(params))
    try:
        value = float(result)
    except (TypeError, ValueError):
        raise ParameterError(f"model must return a number, got {result!r} at {where}") from None
    return value


def one_at_a_time(
    model: Callable[[dict[str, float]], float],
    base: Mapping[str, float],
    bounds: Mapping[str, tuple[float, float]],
) -> pd.DataFrame:
    """One-at-a-time sensitivity: move each parameter to its low and high end, others at base.

    Parameters
    ----------
    model : callable
        ``model(params) -> float``; ``params`` is a fresh ``{name: value}`` dict.
    base : mapping
        Base-case parameter values.
    bounds : mapping
        ``{name: (low, high)}`` for the parameters to move; each name must be in ``base``.

    Returns
    -------
    pandas.DataFrame
        Columns ``parameter, low, high, base_value, outcome_low, outcome_high, base_outcome,
        swing`` (``|outcome_high - outcome_low|``), sorted by swing, largest first (ties by name).

    References
    ----------
    The tornado diagram of decision analysis, e.g. Howard (1988), "Decision analysis:
    practice and promise", *Management Science* 34(6):679–695.

    Examples
    --------
    >>> one_at_a_time(lambda p: p["a"] * p["b"], {"a": 2.0, "b": 3.0},
    ...               {"a": (1.0, 4.0), "b": (2.0, 3.5)})[["parameter", "outcome_low", "outcome_high", "swing"]]
      parameter  outcome_low  outcome_high  swing
    0         a          3.0          12.0    9.0
    1         b          4.0           7.0    3.0
    """
    base = {str(k): float(v) for k, v in base.items()}
    unknown = [name for name in bounds if name not in base]
    if unknown:
        raise ParameterError(f"ranges given for parameters not in the base case: {', '.join(unknown)}")
    base_outcome = _evaluate(model, base, "the base case")
    rows = []
    for name, (low, high) in bounds.items():
        if not low <= base[name] <= high:
            raise ParameterError(f"base value of {name} ({base[name]:g}) is outside its range [{low:g}, {high:g}]")
        out_low = _evaluate(model, {**base, name: float(low)}, f"{name}={low:g}")
        out_high = _evaluate(model, {**base, name: float(high)}, f"{name}={high:g}")
        rows.append(
            {
                "parameter": name,
                "low": float(low),
                "high": float(high),
                "base_value": base[name],
                "outcome_low": out_low,
                "outcome_high": out_high,
                "base_outcome": base_outcome,
                "swing": abs(out_high - out_low),
            }
        )
    table = pd.DataFrame(
        rows, columns=["parameter", "low", "high", "base_value", "outcome_low", "outcome_high", "base_outcome", "swing"]
    )
    return table.sort_values(["swing", "parameter"], ascending=[False, True], kind="stable").reset_index(drop=True)


def crossings(sensitivity: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Parameters whose range moves the outcome across a threshold (where a conclusion flips).

    Parameters
    ----------
    sensitivity : pandas.DataFrame
        From :func:`one_at_a_time`.
    threshold : float
        Outcome level that matters (e.g. 0 for "gains vs loses", 0.5 for "majority").

    Returns
    -------
    pandas.DataFrame
        The rows of ``sensitivity`` with at least one end on the other side of ``threshold``
        from the base outcome, plus ``flips_at`` (``"low"``, ``"high"`` or ``"both"``).

    Examples
    --------
    >>> s = one_at_a_time(lambda p: p["a"] - p["b"], {"a": 1.0, "b": 0.5}, {"a": (0.0, 2.0), "b": (0.0, 0.9)})
    >>> crossings(s, 0.0)[["parameter", "flips_at"]].values.tolist()
    [['a', 'low']]
    """
    base_side = sensitivity["base_outcome"] > threshold
    low_flip = (sensitivity["outcome_low"] > threshold) != base_side
    high_flip = (sensitivity["outcome_high"] > threshold) != base_side
    out = sensitivity[low_flip | high_flip].copy()
    out["flips_at"] = np.where(low_flip & high_flip, "both", np.where(low_flip, "low", "high"))[low_flip | high_flip]
    return out.reset_index(drop=True)


def two_way(
    model: Callable[[dict[str, float]], float],
    base: Mapping[str, float],
    x: str,
    x_values: Sequence[float] | np.ndarray,
    y: str,
    y_values: Sequence[float] | np.ndarray,
) -> pd.DataFrame:
    """Two-way sensitivity grid (for a heat map): the model at every pair of values of ``x`` and ``y``.

    Parameters
    ----------
    model : callable
        ``model(params) -> float``.
    base : mapping
        Base-case parameter values (must contain ``x`` and ``y``).
    x, y : str
        Parameter names for the columns and the rows.
    x_values, y_values : sequence of float
        Values to evaluate.

    Returns
    -------
    pandas.DataFrame
        Index ``y_values`` (named ``y``), columns ``x_values`` (named ``x``), cells the outcome.

    Examples
    --------
    >>> two_way(lambda p: p["a"] + 10 * p["b"], {"a": 0.0, "b": 0.0}, "a", [1, 2], "b", [0, 1]).values.tolist()
    [[1.0, 2.0], [11.0, 12.0]]
    """
    base = {str(k): float(v) for k, v in base.items()}
    for name in (x, y):
        if name not in base:
            raise ParameterError(f"parameter {name!r} is not in the base case")
    grid = np.array(
        [[_evaluate(model, {**base, x: float(xv), y: float(yv)}, f"{x}={xv}, {y}={yv}") for xv in x_values] for yv in y_values]
    )
    return pd.DataFrame(grid, index=pd.Index(list(y_values), name=y), columns=pd.Index(list(x_values), name=x))


def tornado_chart(
    sensitivity: pd.DataFrame,
    *,
    outcome_label: str,
    labels: Mapping[str, str] | None = None,
    value_format: str = "{:g}",
    min_swing: float = 0.0,
    ax: Axes | None = None,
) -> Figure:
    """Draw a tornado chart of :func:`one_at_a_time` output.

    Parameters
    ----------
    sensitivity : pandas.DataFrame
        From :func:`one_at_a_time` (largest swing drawn on top).
    outcome_label : str
        Axis label of the outcome (with its unit).
    labels : mapping, optional
        Display names for parameters (default: the names).
    value_format : str
        Format of the parameter values printed at the bar ends.
    min_swing : float
        Leave out parameters whose swing is not above this (default 0: drop only those with
        no effect at all); say so in the text that goes with the chart.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=(8.0, 0.5 + 0.45 * max(len(sensitivity), 1) + 1.0))
    else:
        fig = ax.figure
    labels = dict(labels or {})
    data = sensitivity[sensitivity["swing"] > min_swing].iloc[::-1].reset_index(drop=True)
    base = float(sensitivity["base_outcome"].iloc[0]) if len(sensitivity) else 0.0
    ys = np.arange(len(data))
    handles = {}
    for y, row in zip(ys, data.itertuples(index=False)):
        ends = [("low", row.outcome_low, "#0072B2"), ("high", row.outcome_high, "#D55E00")]
        ends.sort(key=lambda e: -abs(e[1] - base))  # longer bar first, so a shorter one on the same side shows
        for end, outcome, colour in ends:
            bars = ax.barh(y, outcome - base, left=base, color=colour, height=0.6, alpha=0.85)
            handles[end] = bars
            if outcome == base:
                continue
            text = value_format.format(getattr(row, end))
            ax.annotate(
                text,
                (outcome, y),
                xytext=(3 if outcome >= base else -3, 0),
                textcoords="offset points",
                ha="left" if outcome >= base else "right",
                va="center",
                fontsize=8,
            )
    ax.axvline(base, color="black", linewidth=0.8)
    ax.set_yticks(ys, [labels.get(p, p) for p in data["parameter"]])
    ax.set_xlabel(outcome_label)
    if handles:
        ax.legend([handles["low"], handles["high"]], ["parameter at low end", "parameter at high end"], fontsize=8)
    ax.margins(x=0.15)
    return fig
