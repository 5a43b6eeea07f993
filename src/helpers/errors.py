"""The package's exception types: every bad input ends in one of these.

A ``DataError`` names the file, the line and the column it is about and says
what was expected, so a user can fix the input without reading a traceback.
"""

from __future__ import annotations

from pathlib import Path


class DataError(ValueError):
    """A data file (or table) does not hold what the collection expects.

    Parameters
    ----------
    message : str
        What is wrong and what was expected, e.g. ``"expected a non-negative
        number, got 'abc'"``.
    path : str or Path, optional
        The file the problem is in.
    line : int, optional
        1-based line number in the file (the header is line 1).
    column : str, optional
        Column (or field) name.

    Examples
    --------
    >>> str(DataError("expected a number, got 'x'", path="data/a.csv", line=3, column="value"))
    "data/a.csv, line 3, column 'value': expected a number, got 'x'"
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        self.column = column
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.path is not None:
            where.append(self.path)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return (", ".join(where) + ": " + self.message) if where else self.message


class ParameterError(ValueError):
    """A model or function argument is outside its valid range.

    Examples
    --------
    >>> str(ParameterError("cost must be below price (got cost=120, price=100 yuan)"))
    'cost must be below price (got cost=120, price=100 yuan)'
    """
