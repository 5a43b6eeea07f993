"""Units of the collection's figures and their conversions, in one place.

Money is announced in 亿元 (1e8 yuan), 万元 (1e4 yuan), billion yuan (1e9) or
yuan; counts in 亿 or 万 (of orders, parcels, merchants) or plain counts;
rates per second; shares as fractions. Every unit maps to a base unit (yuan,
count, per second, fraction) and a factor.
"""

from __future__ import annotations

from helpers.errors import ParameterError

#: unit -> (dimension, factor to the base unit of that dimension)
UNITS: dict[str, tuple[str, float]] = {
    "yuan": ("money", 1.0),
    "元": ("money", 1.0),
    "万元": ("money", 1e4),
    "亿元": ("money", 1e8),
    "million yuan": ("money", 1e6),
    "billion yuan": ("money", 1e9),
    "trillion yuan": ("money", 1e12),
    "count": ("count", 1.0),
    "万": ("count", 1e4),
    "亿": ("count", 1e8),
    "million": ("count", 1e6),
    "billion": ("count", 1e9),
    "per second": ("rate", 1.0),
    "share": ("share", 1.0),
    "percent": ("share", 0.01),
}

#: base unit of each dimension
BASE_UNITS: dict[str, str] = {"money": "yuan", "count": "count", "rate": "per second", "share": "share"}

#: unit -> factor to its base unit (e.g. ``UNIT_FACTORS["亿元"] == 1e8``)
UNIT_FACTORS: dict[str, float] = {unit: factor for unit, (_, factor) in UNITS.items()}


def _lookup(unit: str) -> tuple[str, float]:
    try:
        return UNITS[unit]
    except (KeyError, TypeError):
        known = ", ".join(UNITS)
        raise ParameterError(f"unknown unit {unit!r}; known units: {known}") from None


def dimension(unit: str) -> str:
    """What a unit measures: ``"money"``, ``"count"``, ``"rate"`` or ``"share"``.

    Parameters
    ----------
    unit : str
        A key of :data:`UNITS`.

    Returns
    -------
    str

    Examples
    --------
    >>> dimension("亿元"), dimension("万")
    ('money', 'count')
    """
    return _lookup(unit)[0]


def to_base(value: float, unit: str) -> float:
    """Convert a value to its base unit (yuan, count, per second or fraction).

    Parameters
    ----------
    value : float
        Amount in ``unit``.
    unit : str
        A key of :data:`UNITS`.

    Returns
    -------
    float
        Amount in the base unit of the unit's dimension.

    Examples
    --------
    >>> to_base(912.17, "亿元")
    91217000000.0
    >>> to_base(4.67, "亿")
    467000000.0
    """
    return float(value) * _lookup(unit)[1]


def from_base(value: float, unit: str) -> float:
    """Convert a value from its base unit into ``unit``.

    Parameters
    ----------
    value : float
        Amount in the base unit (yuan, count, per second or fraction).
    unit : str
        Target unit, a key of :data:`UNITS`.

    Returns
    -------
    float

    Examples
    --------
    >>> from_base(91217000000, "亿元")
    912.17
    """
    return float(value) / _lookup(unit)[1]


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert between two units of the same dimension.

    Parameters
    ----------
    value : float
        Amount in ``from_unit``.
    from_unit, to_unit : str
        Keys of :data:`UNITS`; both money, both counts, and so on.

    Returns
    -------
    float
        Amount in ``to_unit``.

    Raises
    ------
    ParameterError
        Unknown unit, or units of different dimensions (yuan to a count).

    Examples
    --------
    >>> convert(912, "亿元", "billion yuan")
    91.2
    >>> convert(1, "万元", "yuan")
    10000.0
    """
    dim_from, f_from = _lookup(from_unit)
    dim_to, f_to = _lookup(to_unit)
    if dim_from != dim_to:
        raise ParameterError(f"cannot convert {from_unit!r} ({dim_from}) to {to_unit!r} ({dim_to})")
    return float(value) * f_from / f_to
