"""Bootstrap weights shared by the listing analyses (resampling items or whole shops)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from helpers import validation
from helpers.errors import ParameterError

_MAX_CELLS = 20_000_000  # weights held at once (about 160 MB of float64)


def check(n_boot: int, level: float, seed: int | None) -> tuple[int, float]:
    """Validate bootstrap settings."""
    n = validation.integer(n_boot, "n_boot", low=100)
    lv = validation.number(level, "level", low=0.5, high=0.999)
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise ParameterError(f"seed must be a whole number or None, got {seed!r}")
    return n, lv


def weight_chunks(n_units: int, n_boot: int, seed: int | None) -> Iterator[Any]:
    """Multinomial resampling weights, ``(replicates, n_units)`` blocks adding up to ``n_boot`` rows.

    Each row counts how often each unit is drawn when ``n_units`` units are drawn with
    replacement (the ordinary nonparametric bootstrap, Efron & Tibshirani 1993).
    """
    import numpy as np

    if n_units < 2:
        raise ParameterError(f"a bootstrap needs at least 2 units to resample, got {n_units}")
    rng = np.random.default_rng(seed)
    per = max(1, _MAX_CELLS // n_units)
    done = 0
    p = np.full(n_units, 1.0 / n_units)
    while done < n_boot:
        b = min(per, n_boot - done)
        yield rng.multinomial(n_units, p, size=b).astype("float64")
        done += b


def interval(draws: Any, level: float) -> tuple[Any, Any]:
    """Percentile interval of bootstrap draws along the first axis (NaN draws ignored)."""
    import warnings

    import numpy as np

    alpha = (1.0 - level) / 2.0
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a statistic undefined in every draw stays NaN
        return np.nanquantile(draws, alpha, axis=0), np.nanquantile(draws, 1.0 - alpha, axis=0)


def replicate(stat: Callable[[Any], Any], n_units: int, n_boot: int, seed: int | None) -> Any:
    """Stack ``stat(weights)`` over bootstrap replicates (``stat`` takes one weight vector)."""
    import numpy as np

    rows = [stat(w) for block in weight_chunks(n_units, n_boot, seed) for w in block]
    return np.asarray(rows, dtype="float64")
