"""Sentences computed from results, readable as text and as code.

Notebooks state their findings in words computed from their numbers. These
helpers pick the words ("rose"/"fell", "more"/"fewer"), format numbers and
units at the precision that carries meaning, and refuse a missing value
instead of printing ``nan``::

    from helpers import prose
    prose.say("{platform} GMV {rose} from {a} in {y0} to {b} in {y1}.",
              platform="JD", rose=prose.direction(b - a), a=prose.yuan_100m(a), ...)

:func:`say` fills a template and raises :class:`~helpers.errors.ParameterError`
if any value is missing (``None`` or NaN); :func:`bullets` turns findings into a
Markdown list.
"""

from __future__ import annotations

import math
import numbers
import string
from collections.abc import Iterable, Mapping
from typing import Any

from helpers.errors import ParameterError

__all__ = [
    "bullets",
    "compare",
    "direction",
    "integer",
    "num",
    "pct",
    "pp",
    "say",
    "yuan",
]


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isnan(value))


def _need(value: Any, what: str) -> float:
    if _missing(value):
        raise ParameterError(f"{what}: the value is missing (None or NaN); a sentence cannot state it")
    return float(value)


def direction(
    change: float, up: str = "rose", down: str = "fell", flat: str = "was unchanged", *, tol: float = 0.0
) -> str:
    """A verb for the sign of ``change``; ``flat`` when ``|change| <= tol``.

    Examples
    --------
    >>> direction(3.0), direction(-0.2), direction(0.001, tol=0.01)
    ('rose', 'fell', 'was unchanged')
    >>> direction(-1, "more", "fewer")
    'fewer'
    """
    x = _need(change, "direction")
    if abs(x) <= tol:
        return flat
    return up if x > 0 else down


def compare(
    a: float,
    b: float,
    higher: str = "higher than",
    lower: str = "lower than",
    same: str = "the same as",
    *,
    rtol: float = 1e-9,
) -> str:
    """Words for how ``a`` stands to ``b``.

    Examples
    --------
    >>> compare(2, 1), compare(1, 2), compare(1, 1)
    ('higher than', 'lower than', 'the same as')
    """
    x, y = _need(a, "compare a"), _need(b, "compare b")
    if math.isclose(x, y, rel_tol=rtol, abs_tol=0.0):
        return same
    return higher if x > y else lower


def num(value: float, digits: int = 0, *, signed: bool = False) -> str:
    """A number with thousands separators and ``digits`` decimals.

    Examples
    --------
    >>> num(77501.869), num(1234.5678, 1), num(-3.2, 1, signed=True), num(3.2, 1, signed=True)
    ('77,502', '1,234.6', '-3.2', '+3.2')
    >>> num(-0.04, 1)
    '0.0'
    """
    x = _need(value, "num")
    text = f"{x:{'+' if signed else ''},.{digits}f}"
    if text.lstrip("+-").strip("0.,") == "":  # rounds to zero: no sign ("-0.0" -> "0.0")
        text = text.lstrip("+-")
    return text


def integer(value: float) -> str:
    """A count rounded to a whole number.

    Examples
    --------
    >>> integer(1234.4)
    '1,234'
    """
    return num(value, 0)


def pct(share: float, digits: int = 1, *, signed: bool = False) -> str:
    """A share (0.206) as a percentage ("20.6%").

    Examples
    --------
    >>> pct(0.2064), pct(0.5, 0), pct(-0.031, signed=True)
    ('20.6%', '50%', '-3.1%')
    """
    return num(100 * _need(share, "pct"), digits, signed=signed) + "%"


def pp(diff: float, digits: int = 1, *, signed: bool = False) -> str:
    """A difference of shares (0.027) in percentage points ("2.7 pp").

    Examples
    --------
    >>> pp(0.027), pp(-0.001, signed=True)
    ('2.7 pp', '-0.1 pp')
    """
    return num(100 * _need(diff, "pp"), digits, signed=signed) + " pp"


def yuan(value: float, digits: int = 0, unit: str = "yuan") -> str:
    """An amount with its unit.

    Examples
    --------
    >>> yuan(12.345, 1), yuan(912.17, 0, "亿元")
    ('12.3 yuan', '912 亿元')
    """
    return f"{num(value, digits)} {unit}"


def say(template: str, /, **values: Any) -> str:
    """Fill ``template`` (``str.format`` fields); refuse a missing or unused value.

    Parameters
    ----------
    template : str
        Text with ``{name}`` fields (format specs allowed, e.g. ``{x:.1f}``).
    **values
        One value per field; ``None`` or NaN is refused.

    Returns
    -------
    str

    Raises
    ------
    ParameterError
        A field without a value, a value that is missing, or a value given but unused.

    Examples
    --------
    >>> say("GMV {verb} by {p}.", verb=direction(1), p=pct(0.6))
    'GMV rose by 60.0%.'
    >>> say("GMV was {x}.", x=float("nan"))
    Traceback (most recent call last):
    ...
    helpers.errors.ParameterError: say: field 'x' is missing (None or NaN) in 'GMV was {x}.'
    """
    fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    names = {f.split(".")[0].split("[")[0] for f in fields}
    absent = sorted(names - set(values))
    if absent:
        raise ParameterError(f"say: no value for field(s) {absent} in {template!r}")
    unused = sorted(set(values) - names)
    if unused:
        raise ParameterError(f"say: value(s) {unused} not used by {template!r}")
    for name in names:
        if _missing(values[name]):
            raise ParameterError(f"say: field {name!r} is missing (None or NaN) in {template!r}")
    return template.format(**values)


def bullets(items: Iterable[str] | Mapping[str, str]) -> str:
    """A Markdown bullet list; a mapping gives ``**key**: value`` items.

    Examples
    --------
    >>> print(bullets(["one", "two"]))
    - one
    - two
    >>> print(bullets({"Growth": "slowed"}))
    - **Growth**: slowed
    """
    lines = [f"- **{k}**: {v}" for k, v in items.items()] if isinstance(items, Mapping) else [f"- {s}" for s in items]
    if not lines:
        raise ParameterError("bullets: nothing to list")
    return "\n".join(lines)
