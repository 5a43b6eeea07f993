"""Deprecated alias of :mod:`helpers.inventory.newsvendor` (kept for one release).

``import helpers.newsvendor`` still works but warns; import
``helpers.inventory.newsvendor`` (or ``from helpers.inventory import newsvendor``) instead.
"""

from __future__ import annotations

import warnings

from helpers.inventory.newsvendor import *  # noqa: F401,F403
from helpers.inventory.newsvendor import __all__  # noqa: F401

warnings.warn(
    "helpers.newsvendor has moved to helpers.inventory.newsvendor; the old name will be removed in the next release",
    DeprecationWarning,
    stacklevel=2,
)
