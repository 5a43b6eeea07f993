"""Deprecated alias of :mod:`helpers.growth.grey` (GM(1,1)); kept for one release.

Import from ``helpers.growth`` (or ``helpers.growth.grey``) instead.
"""

from __future__ import annotations

import warnings

from helpers.growth.grey import __all__, fit_gm11, gm11_coefficients, gm11_forecast, window_sensitivity  # noqa: F401

warnings.warn(
    "helpers.grey is deprecated and will be removed in the next release; use helpers.growth (helpers.growth.grey)",
    DeprecationWarning,
    stacklevel=2,
)
