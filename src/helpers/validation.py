"""One place to check arguments and notebook parameters.

Every helper checks its numeric arguments with :func:`number`, :func:`integer`
or :func:`choice`, and every notebook declares its parameters in a ``SPEC``
dictionary in its ``parameters`` cell and checks them with :func:`check_params`
before any work. A bad value raises one :class:`~helpers.errors.ParameterError`
that names the parameter, the value and what is allowed.

A parameter specification is a plain dictionary (so the build can read it from
the notebook without running it)::

    SPEC = {
        "horizon": {"type": "int", "range": [1, 10], "unit": "years",
                    "help": "years ahead to forecast"},
        "platform": {"type": "str", "help": "platform modelled (a value of the file's platform column)"},
        "gmv_csv": {"type": "path", "help": "GMV table (data/README.md)"},
        "levels": {"type": "list[float]", "range": [0, 1], "help": "interval levels"},
        "tax_category": {"type": "str", "choices": ["skincare", "makeup"], "help": "..."},
    }

Types: ``int``, ``float``, ``bool``, ``str``, ``path`` (an existing file, read
from the repository root when relative), ``date`` (``YYYY-MM-DD``), ``list[int]``,
``list[float]``, ``list[str]`` and ``dict`` (for named overrides such as
``assumptions``). ``range`` is inclusive; ``choices`` lists allowed values;
``optional: true`` admits ``None``.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from helpers.errors import ParameterError

__all__ = [
    "TYPES",
    "check_params",
    "check_value",
    "choice",
    "describe",
    "integer",
    "number",
    "probability",
]

#: Parameter types a ``SPEC`` may declare.
TYPES = ("int", "float", "bool", "str", "path", "date", "list[int]", "list[float]", "list[str]", "dict")
_SPEC_KEYS = {"type", "range", "choices", "unit", "help", "optional", "min_length"}


def number(
    value: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    unit: str = "",
) -> float:
    """A finite real number within bounds, as ``float``.

    Parameters
    ----------
    value : Any
        The value to check (``bool`` is refused: it is not a quantity).
    name : str
        Argument name, used in the message.
    low, high : float, optional
        Bounds (inclusive unless ``low_open`` / ``high_open``).
    unit : str
        Unit shown in the message, e.g. ``"yuan"``.

    Returns
    -------
    float

    Raises
    ------
    ParameterError
        Not a number, not finite, or out of bounds.

    Examples
    --------
    >>> number(3, "cost", low=0)
    3.0
    >>> number(-1, "cost", low=0, unit="yuan")
    Traceback (most recent call last):
    ...
    helpers.errors.ParameterError: cost must be >= 0 yuan, got -1
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ParameterError(f"{name} must be a number{_unit(unit)}, got {value!r}")
    x = float(value)
    if not math.isfinite(x):
        raise ParameterError(f"{name} must be finite, got {value!r}")
    if low is not None and (x < low or (low_open and x == low)):
        raise ParameterError(f"{name} must be {'>' if low_open else '>='} {_g(low)}{_unit(unit)}, got {value!r}")
    if high is not None and (x > high or (high_open and x == high)):
        raise ParameterError(f"{name} must be {'<' if high_open else '<='} {_g(high)}{_unit(unit)}, got {value!r}")
    return x


def integer(value: Any, name: str, *, low: int | None = None, high: int | None = None) -> int:
    """A whole number within bounds, as ``int`` (``3.0`` is accepted, ``3.5`` and ``True`` are not).

    Examples
    --------
    >>> integer(3.0, "horizon", low=1)
    3
    >>> integer(0, "horizon", low=1)
    Traceback (most recent call last):
    ...
    helpers.errors.ParameterError: horizon must be >= 1, got 0
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not float(value).is_integer():
        raise ParameterError(f"{name} must be a whole number, got {value!r}")
    x = int(value)
    if low is not None and x < low:
        raise ParameterError(f"{name} must be >= {low}, got {value!r}")
    if high is not None and x > high:
        raise ParameterError(f"{name} must be <= {high}, got {value!r}")
    return x


def probability(value: Any, name: str, *, open_low: bool = False, open_high: bool = False) -> float:
    """A number in [0, 1] (ends optionally excluded).

    Examples
    --------
    >>> probability(0.9, "level", open_low=True, open_high=True)
    0.9
    """
    return number(value, name, low=0.0, high=1.0, low_open=open_low, high_open=open_high)


def choice(value: Any, name: str, allowed: Iterable[Any]) -> Any:
    """One of ``allowed``.

    Examples
    --------
    >>> choice("jd", "platform", ["alibaba", "jd"])
    'jd'
    >>> choice("x", "platform", ["alibaba", "jd"])
    Traceback (most recent call last):
    ...
    helpers.errors.ParameterError: platform must be one of 'alibaba', 'jd'; got 'x'
    """
    allowed = list(allowed)
    if value not in allowed:
        raise ParameterError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}")
    return value


def _g(x: float) -> str:
    return f"{x:g}"


def _unit(unit: str) -> str:
    return f" {unit}" if unit else ""


def _check_spec(name: str, spec: Mapping[str, Any]) -> None:
    unknown = set(spec) - _SPEC_KEYS
    if unknown:
        raise ParameterError(f"SPEC for {name!r} has unknown keys {sorted(unknown)}; allowed: {sorted(_SPEC_KEYS)}")
    if spec.get("type") not in TYPES:
        raise ParameterError(f"SPEC for {name!r} needs 'type', one of {', '.join(TYPES)}; got {spec.get('type')!r}")
    if not spec.get("help"):
        raise ParameterError(f"SPEC for {name!r} needs a one-line 'help'")


def check_value(name: str, value: Any, spec: Mapping[str, Any]) -> Any:
    """Check one parameter against its specification; return it typed.

    Parameters
    ----------
    name : str
        Parameter name (used in the message).
    value : Any
        The value given.
    spec : mapping
        ``{"type": ..., "range": [lo, hi], "choices": [...], "unit": ..., "help": ...}``.

    Returns
    -------
    Any
        ``int``/``float``/``bool``/``str``, a resolved :class:`~pathlib.Path`, a
        :class:`datetime.date`, a list or a dict.

    Raises
    ------
    ParameterError
        Naming the parameter, the value and what is allowed.

    Examples
    --------
    >>> check_value("horizon", 3, {"type": "int", "range": [1, 10], "help": "years ahead"})
    3
    >>> check_value("horizon", "abc", {"type": "int", "range": [1, 10], "unit": "years", "help": "years ahead"})
    Traceback (most recent call last):
    ...
    helpers.errors.ParameterError: parameter horizon = 'abc': must be a whole number (int in [1, 10] years: years ahead)
    """
    _check_spec(name, spec)
    if value is None and spec.get("optional"):
        return None
    try:
        return _typed(name, value, spec)
    except ParameterError as exc:
        raise ParameterError(f"parameter {name} = {value!r}: {exc.args[0]} ({describe(spec)})") from None


def _typed(name: str, value: Any, spec: Mapping[str, Any]) -> Any:
    kind = spec["type"]
    lo, hi = spec.get("range") or [None, None]
    if kind.startswith("list["):
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
            raise ParameterError("must be a list, e.g. [1, 2]")
        if len(value) < int(spec.get("min_length", 1)):
            raise ParameterError(f"must have at least {spec.get('min_length', 1)} element(s)")
        inner = dict(spec, type=kind[5:-1])
        inner.pop("min_length", None)
        return [_typed(f"{name}[{i}]", v, inner) for i, v in enumerate(value)]
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not float(value).is_integer():
            raise ParameterError("must be a whole number")
        out: Any = int(value)
        _in_range(out, lo, hi)
    elif kind == "float":
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)):
            raise ParameterError("must be a finite number")
        out = float(value)
        _in_range(out, lo, hi)
    elif kind == "bool":
        if not isinstance(value, bool):
            raise ParameterError("must be True or False")
        out = value
    elif kind == "str":
        if not isinstance(value, str) or not value:
            raise ParameterError("must be a non-empty text")
        out = value
    elif kind == "path":
        if not isinstance(value, (str, Path)) or not str(value):
            raise ParameterError("must be a file path")
        from helpers import paths

        out = paths.resolve(value)
        if not out.is_file():
            raise ParameterError(f"no file at {out}")
    elif kind == "date":
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            out = value
        else:
            try:
                out = dt.date.fromisoformat(str(value))
            except ValueError:
                raise ParameterError("must be a date YYYY-MM-DD") from None
        if lo is not None and out < dt.date.fromisoformat(str(lo)):
            raise ParameterError(f"must be on or after {lo}")
        if hi is not None and out > dt.date.fromisoformat(str(hi)):
            raise ParameterError(f"must be on or before {hi}")
    elif kind == "dict":
        if not isinstance(value, Mapping):
            raise ParameterError("must be a mapping, e.g. {'name': 0.3}")
        out = dict(value)
    else:  # pragma: no cover - _check_spec guards
        raise ParameterError(f"unknown type {kind!r}")
    if "choices" in spec and out not in spec["choices"]:
        raise ParameterError(f"must be one of {', '.join(map(repr, spec['choices']))}")
    return out


def _in_range(x: float, lo: Any, hi: Any) -> None:
    if lo is not None and x < lo:
        raise ParameterError(f"must be >= {lo}")
    if hi is not None and x > hi:
        raise ParameterError(f"must be <= {hi}")


def describe(spec: Mapping[str, Any]) -> str:
    """One line saying what a parameter accepts.

    Examples
    --------
    >>> describe({"type": "float", "range": [0, 1], "unit": "share", "help": "demand CV"})
    'float in [0, 1] share: demand CV'
    """
    text = spec["type"]
    if spec.get("range"):
        lo, hi = spec["range"]
        text += f" in [{'' if lo is None else lo}, {'' if hi is None else hi}]"
    if spec.get("choices"):
        text += " one of " + ", ".join(map(repr, spec["choices"]))
    if spec.get("unit"):
        text += f" {spec['unit']}"
    if spec.get("optional"):
        text += " or None"
    return f"{text}: {spec.get('help', '')}"


class Params(dict):
    """Checked notebook parameters: a dict that also allows ``p.name``."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def check_params(spec: Mapping[str, Mapping[str, Any]], namespace: Mapping[str, Any]) -> Params:
    """Check every declared parameter in ``namespace`` (a notebook's ``globals()``).

    Parameters
    ----------
    spec : mapping
        The notebook's ``SPEC``: parameter name to its specification.
    namespace : mapping
        Where the values are (``globals()`` after the ``parameters`` cell and any
        injected overrides).

    Returns
    -------
    Params
        The typed values, by name (``p["horizon"]`` or ``p.horizon``).

    Raises
    ------
    ParameterError
        The first bad parameter (with the value and what is allowed), or a
        declared parameter that is missing.

    Examples
    --------
    >>> spec = {"horizon": {"type": "int", "range": [1, 10], "help": "years ahead"}}
    >>> check_params(spec, {"horizon": 3}).horizon
    3
    """
    out = Params()
    for name, s in spec.items():
        if name not in namespace:
            raise ParameterError(f"parameter {name} is declared in SPEC but not set in the parameters cell")
        out[name] = check_value(name, namespace[name], s)
    return out
