"""One way to read the collection's CSV tables, with errors that name file, line and column.

Every loader of a tidy table (sales, policy, assumptions, lexicon, brands)
reads it with :func:`read_csv` and converts cells with :func:`number` and
:func:`date`. Text is decoded as UTF-8 (with or without BOM) unless other
encodings are allowed (e.g. ``("utf-8-sig", "gb18030")`` for files as
Chinese tools save them); a byte that no allowed encoding reads is reported
with its line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from helpers import paths
from helpers.errors import DataError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["date", "decode", "number", "read_csv"]


def decode(
    path: str | os.PathLike[str], encodings: Sequence[str] = ("utf-8-sig",), *, what: str = "file"
) -> tuple[str, str]:
    """The text of ``path`` and the encoding that read it.

    Parameters
    ----------
    path : path
        The file (relative paths from the repository root).
    encodings : sequence of str
        Tried in order; the first that decodes the whole file wins.
    what : str
        What the file is, for messages.

    Returns
    -------
    (str, str)
        Text and encoding name.

    Raises
    ------
    DataError
        Missing file, a folder, or bytes no allowed encoding reads (with the line).
    """
    file = paths.resolve(path)
    if not file.is_file():
        raise DataError(
            f"file not found (expected a {what})" if not file.exists() else f"is a folder, not a {what}", path=file
        )
    raw = file.read_bytes()
    first_error: UnicodeDecodeError | None = None
    for enc in encodings:
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
    assert first_error is not None
    line = raw[: first_error.start].count(b"\n") + 1
    names = " or ".join(dict.fromkeys(e.replace("-sig", "").upper() for e in encodings))
    raise DataError(
        f"not {names} (byte 0x{raw[first_error.start]:02x}); save the {what} as UTF-8", path=file, line=line
    )


def read_csv(
    path: str | os.PathLike[str],
    *,
    required: Sequence[str] = (),
    nonempty: Sequence[str] = (),
    what: str = "table",
    encodings: Sequence[str] = ("utf-8-sig",),
) -> pd.DataFrame:
    """Read a CSV table as text, checking its header, field counts and required cells.

    Parameters
    ----------
    path : path
        The CSV file (relative paths from the repository root).
    required : sequence of str
        Columns that must be in the header.
    nonempty : sequence of str
        Columns that must have a value on every row.
    what : str
        What the file is, for messages (e.g. ``"GMV table"``).
    encodings : sequence of str
        Encodings to try, in order.

    Returns
    -------
    pandas.DataFrame
        Every cell a stripped string (empty cells ``""``); blank lines skipped.
        ``frame.attrs["lines"]`` holds each row's line number in the file,
        ``frame.attrs["path"]`` the file and ``frame.attrs["encoding"]`` the encoding.

    Raises
    ------
    DataError
        Missing file, undecodable bytes, empty file, missing column, a row with
        the wrong number of fields, or an empty required cell; names file, line
        and column.

    Examples
    --------
    >>> t = read_csv("data/sales/gmv.csv", required=("platform", "year"), what="GMV table")
    >>> t.attrs["lines"][0], t.columns[0]
    (2, 'platform')
    """
    import pandas as pd

    file = paths.resolve(path)
    text, enc = decode(file, encodings, what=what)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if not header or all(not h.strip() for h in header):
            raise DataError(f"empty file: expected a header row ({what})", path=file, line=1)
        header = [h.strip() for h in header]
        missing = [c for c in required if c not in header]
        if missing:
            raise DataError(
                f"missing column(s) {', '.join(missing)}; the header has {', '.join(header)}",
                path=file,
                line=1,
                column=missing[0],
            )
        rows, lines = [], []
        line = reader.line_num
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not cells or all(not c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                raise DataError(
                    f"expected {len(header)} fields, got {len(cells)} (a missing or extra comma?)",
                    path=file,
                    line=start,
                )
            rows.append([c.strip() for c in cells])
            lines.append(start)
    except csv.Error as exc:
        raise DataError(f"not a readable CSV {what}: {exc}", path=file, line=reader.line_num) from None
    frame = pd.DataFrame(rows, columns=header, dtype=object) if rows else pd.DataFrame(columns=header, dtype=object)
    for col in nonempty:
        if col in frame.columns:
            empty = frame.index[frame[col] == ""]
            if len(empty):
                raise DataError("expected a non-empty value", path=file, line=lines[empty[0]], column=col)
    frame.attrs.update(lines=lines, path=str(file), encoding=enc)
    return frame


def number(
    text: str,
    *,
    path: str | os.PathLike[str] | None = None,
    line: int | None = None,
    column: str | None = None,
    low: float | None = None,
    high: float | None = None,
    unit: str = "",
) -> float:
    """A cell read as a finite number (thousands separators allowed), within bounds.

    Examples
    --------
    >>> number("1,234.5")
    1234.5
    >>> number("abc", path="x.csv", line=3, column="value")
    Traceback (most recent call last):
    ...
    helpers.errors.DataError: x.csv, line 3, column 'value': expected a number, got 'abc'
    """
    where = {"path": path, "line": line, "column": column}
    try:
        value = float(str(text).replace(",", ""))
    except ValueError:
        raise DataError(f"expected a number{f' ({unit})' if unit else ''}, got {text!r}", **where) from None
    if not math.isfinite(value):
        raise DataError(f"expected a finite number, got {text!r}", **where)
    if low is not None and value < low:
        raise DataError(f"expected a number >= {low:g}{f' {unit}' if unit else ''}, got {text!r}", **where)
    if high is not None and value > high:
        raise DataError(f"expected a number <= {high:g}{f' {unit}' if unit else ''}, got {text!r}", **where)
    return value


def date(
    text: str,
    *,
    path: str | os.PathLike[str] | None = None,
    line: int | None = None,
    column: str | None = None,
) -> dt.date:
    """A cell read as an ISO date (``YYYY-MM-DD``).

    Examples
    --------
    >>> date("2016-04-08")
    datetime.date(2016, 4, 8)
    """
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        raise DataError(f"expected a date as YYYY-MM-DD, got {text!r}", path=path, line=line, column=column) from None
