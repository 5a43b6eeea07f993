"""helpers: tested building blocks for the Singles' Day (双十一) economics notebooks.

Importing the package is cheap: submodules (and the heavy libraries they need,
such as pandas, scipy, matplotlib and jieba) load only when first used, e.g.
``helpers.sales`` or ``from helpers import plotting``.
"""

from __future__ import annotations

import importlib
from typing import Any

from helpers.errors import DataError, ParameterError

__version__ = "0.1.0"

_SUBMODULES = (
    "articles",
    "assumptions",
    "backtest",
    "bonded",
    "build",
    "channels",
    "claims",
    "collection",
    "grey",
    "growth",
    "growth_charts",
    "newsvendor",
    "numbers_zh",
    "paths",
    "plotting",
    "policy",
    "sales",
    "text",
    "units",
)

__all__ = ["DataError", "ParameterError", "__version__", *_SUBMODULES]


def __getattr__(name: str) -> Any:
    """Import a submodule on first attribute access (PEP 562)."""
    if name in _SUBMODULES:
        module = importlib.import_module(f"helpers.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
