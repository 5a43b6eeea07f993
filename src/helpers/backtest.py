"""Deprecated alias of :mod:`helpers.growth.backtest`; kept for one release.

Import from ``helpers.growth`` (or ``helpers.growth.backtest``) instead.
"""

from __future__ import annotations

import warnings

from helpers.growth.backtest import (  # noqa: F401
    Fitter,
    Ranking,
    __all__,
    dm_test,
    error_table,
    first_origin,
    holm,
    model_fitters,
    parameter_path,
    rank_models,
    rolling_origin,
)

warnings.warn(
    "helpers.backtest is deprecated and will be removed in the next release; use helpers.growth (helpers.growth.backtest)",
    DeprecationWarning,
    stacklevel=2,
)
