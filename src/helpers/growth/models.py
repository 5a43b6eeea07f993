"""Growth models by name: fit one, build fitters for a backtest, say which ones a series can support.

The names are the curves of :mod:`helpers.growth.curves` (``exponential``,
``logistic``, ``gompertz``, ``poly1``...``poly5``) and the grey model
``gm11`` of :mod:`helpers.growth.grey`. This module sits above both, so
neither imports the other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from helpers.errors import ParameterError
from helpers.growth import curves
from helpers.growth.grey import fit_gm11
from helpers.growth.results import FitResult
from helpers.validation import integer

__all__ = ["MODEL_NAMES", "Fitter", "fit_model", "model_fitters", "min_points", "feasible_models", "model_label"]

#: Names accepted by :func:`fit_model` (``polyD`` for any degree D from 1 to 5).
MODEL_NAMES = ("exponential", "logistic", "gompertz", "poly1", "poly2", "poly3", "gm11")

#: A fitter takes (years, values) and returns a :class:`~helpers.growth.results.FitResult`.
Fitter = Callable[[np.ndarray, np.ndarray], FitResult]


def _check_name(name: Any) -> str:
    ok = isinstance(name, str) and (
        name in MODEL_NAMES or (name.startswith("poly") and name[4:].isdigit() and 1 <= int(name[4:]) <= 5)
    )
    if not ok:
        raise ParameterError(f"unknown model {name!r}; choose from {', '.join(MODEL_NAMES)} (polyD for D = 1..5)")
    return name


_LABELS = {
    "exponential": "exponential",
    "logistic": "logistic",
    "gompertz": "Gompertz",
    "gm11": "GM(1,1)",
    "poly1": "linear",
    "poly2": "quadratic",
    "poly3": "cubic",
    "poly4": "quartic",
    "poly5": "quintic",
}


def model_label(name: str) -> str:
    """A model's name in words, for charts and sentences.

    Examples
    --------
    >>> model_label("poly3"), model_label("gm11"), model_label("gompertz")
    ('cubic', 'GM(1,1)', 'Gompertz')
    """
    return _LABELS[_check_name(name)]


def fit_model(name: str, years, values, **kwargs: Any) -> FitResult:
    """Fit a model by name.

    Parameters
    ----------
    name : str
        One of :data:`MODEL_NAMES` (``polyD`` for a degree-D polynomial).
    years, values : array-like
        The series (calendar years; values in any positive unit).
    **kwargs
        Passed to the fitter (e.g. ``scale``; GM(1,1) takes none).

    Returns
    -------
    FitResult

    Examples
    --------
    >>> fit_model("poly1", [2000, 2001, 2002], [1.0, 2.0, 3.0]).params["b1"]
    1.0
    """
    name = _check_name(name)
    if name == "exponential":
        return curves.fit_exponential(years, values, **kwargs)
    if name == "logistic":
        return curves.fit_logistic(years, values, **kwargs)
    if name == "gompertz":
        return curves.fit_gompertz(years, values, **kwargs)
    if name == "gm11":
        return fit_gm11(years, values)
    return curves.fit_polynomial(years, values, int(name[4:]), **kwargs)


def min_points(name: str, last_n: int | None = None) -> int:
    """Fewest years a model needs (its parameters plus one; GM(1,1): 4, or ``last_n`` when it uses a window).

    Examples
    --------
    >>> min_points("gm11", last_n=5), min_points("poly2")
    (5, 4)
    """
    name = _check_name(name)
    if name == "gm11":
        return max(4, int(last_n or 4))
    return curves.min_points(name)


def model_fitters(
    names: Sequence[str], scale: str = "level", last_n: int | Mapping[str, int] | None = None
) -> dict[str, Fitter]:
    """Fitters for named models, for :func:`helpers.growth.backtest.rolling_origin`.

    Parameters
    ----------
    names : sequence of str
        Names from :data:`MODEL_NAMES`.
    scale : {"level", "log"}
        Error model for the curve models (GM(1,1) has its own).
    last_n : int or mapping of str to int, optional
        Fit only the most recent ``last_n`` years (GM(1,1) is usually run on a
        short recent window); a mapping sets it per model, others use all years.

    Returns
    -------
    dict of str to callable
        ``name -> fitter(years, values)``.

    Examples
    --------
    >>> fits = model_fitters(["poly2", "gm11"], last_n={"gm11": 4})
    >>> fits["gm11"](np.arange(2000, 2010), 1.5 ** np.arange(10)).years.tolist()
    [2006, 2007, 2008, 2009]
    """
    if scale not in curves.SCALES:
        raise ParameterError(f"scale must be 'level' or 'log', got {scale!r}")
    out: dict[str, Fitter] = {}
    for name in names:
        _check_name(name)
        kwargs = {} if name == "gm11" else {"scale": scale}
        n_last = last_n.get(name) if isinstance(last_n, Mapping) else last_n
        if n_last is not None:
            n_last = integer(n_last, f"last_n for {name!r}", low=3)

        def fitter(
            years: np.ndarray, values: np.ndarray, _name: str = name, _kw: dict = kwargs, _n: int | None = n_last
        ) -> FitResult:
            if _n is not None:
                years, values = np.asarray(years)[-_n:], np.asarray(values)[-_n:]
            return fit_model(_name, years, values, **_kw)

        out[name] = fitter
    return out


def feasible_models(
    names: Sequence[str], years: Sequence[int], last_n: Mapping[str, int] | None = None
) -> tuple[list[str], dict[str, str]]:
    """Which models a series can support, and why the others cannot.

    A model needs at least :func:`min_points` years; GM(1,1) also needs them
    consecutive (no gap in its window).

    Parameters
    ----------
    names : sequence of str
        Models wanted.
    years : sequence of int
        Years with a comparable figure, sorted.
    last_n : mapping, optional
        Per-model fitting windows (as in :func:`model_fitters`).

    Returns
    -------
    (list of str, dict of str to str)
        Models that can be fitted, and for each other one a reason in words.

    Examples
    --------
    >>> feasible_models(["exponential", "poly3", "gm11"], [2017, 2019, 2020, 2021])
    (['exponential'], {'poly3': 'needs at least 5 years, the series has 4', 'gm11': 'needs its last 4 years without a gap, but the last run without one is 2019-2021'})
    """
    last_n = dict(last_n or {})
    yrs = [int(y) for y in years]
    ok: list[str] = []
    why: dict[str, str] = {}
    for name in names:
        need = min_points(name, last_n.get(name))
        if name == "gm11":
            window = yrs[-need:] if len(yrs) >= need else yrs
            run_start = len(yrs) - 1
            while run_start > 0 and yrs[run_start] - yrs[run_start - 1] == 1:
                run_start -= 1
            if len(window) < need or any(b - a != 1 for a, b in zip(window, window[1:])):
                span = (f"{yrs[run_start]}-{yrs[-1]}" if run_start < len(yrs) - 1 else str(yrs[-1])) if yrs else "none"
                why[name] = f"needs its last {need} years without a gap, but the last run without one is {span}"
                continue
        elif len(yrs) < need:
            why[name] = f"needs at least {need} years, the series has {len(yrs)}"
            continue
        ok.append(name)
    return ok, why
