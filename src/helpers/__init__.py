"""helpers: tested building blocks for the Singles' Day (双十一) economics notebooks.

Importing the package is cheap: submodules (and the heavy libraries they need,
such as pandas, scipy, matplotlib and jieba) load only when first used, e.g.
``helpers.sales`` or ``from helpers import plotting``.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

from helpers.errors import DataError, ParameterError

if os.environ.get("HELPERS_TRACE_READS"):  # set by the build: record the files a notebook reads
    from helpers import paths as _paths
    from helpers.build.trace import install as _install_trace

    _install_trace(os.environ["HELPERS_TRACE_READS"], _paths.ROOT)

__version__ = "0.2.0"

#: Domain subpackages (each ``__init__`` is its public API).
SUBPACKAGES = ("build", "charts", "funnel", "growth", "inventory", "listings", "policy", "site", "text")
#: Core and data-layer modules.
MODULES = (
    "assumptions",
    "bibliography",
    "collection",
    "paths",
    "plotting",
    "prose",
    "sales",
    "sensitivity",
    "tables",
    "units",
    "validation",
)
#: Old module paths kept for one release; importing them warns and names the new place.
DEPRECATED = (
    "articles",
    "backtest",
    "bonded",
    "channels",
    "claims",
    "grey",
    "growth_charts",
    "newsvendor",
    "numbers_zh",
)
_SUBMODULES = SUBPACKAGES + MODULES + DEPRECATED

__all__ = ["DataError", "ParameterError", "__version__", *SUBPACKAGES, *MODULES]


def __getattr__(name: str) -> Any:
    """Import a submodule on first attribute access (PEP 562)."""
    if name in _SUBMODULES:
        module = importlib.import_module(f"helpers.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
