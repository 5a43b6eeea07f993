"""Deprecated: the channel models moved to :mod:`helpers.inventory` (this shim goes in the next release).

Old name → new name: everything keeps its name in :mod:`helpers.inventory` except
``consignment_advantage(values)``, now ``inventory.arrangement_gap(values, "merchant")``.
Changed behaviour: ``ChannelParams.wholesale`` is optional (``None``: the supplier's
best-response price) and no longer the fourth positional field; ``compare_channels``
also reports the buyback arrangement.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

from helpers.inventory import (
    ChannelParams,
    ChannelResult,
    PopulationResult,
    PopulationSpec,
    agency_equilibrium,
    arrangement_gap,
    combined_cv,
    compare_channels,
    consignment,
    draw_merchants,
    lognormal_demand,
    lorenz_curve,
    population_outcome,
    price_war,
    procurement,
    reselling_equilibrium,
    simulate_channels,
    simulate_population,
    stock_vs_salvage,
    top_share,
    wjs_equilibrium,
)

warnings.warn(
    "helpers.channels is deprecated; import the same names from helpers.inventory",
    DeprecationWarning,
    stacklevel=2,
)

__all__ = [
    "ChannelParams",
    "ChannelResult",
    "PopulationResult",
    "PopulationSpec",
    "agency_equilibrium",
    "combined_cv",
    "compare_channels",
    "consignment",
    "consignment_advantage",
    "draw_merchants",
    "lognormal_demand",
    "lorenz_curve",
    "population_outcome",
    "price_war",
    "procurement",
    "reselling_equilibrium",
    "simulate_channels",
    "simulate_population",
    "stock_vs_salvage",
    "top_share",
    "wjs_equilibrium",
]


def consignment_advantage(values: Mapping[str, float]) -> float:
    """Deprecated alias of ``helpers.inventory.arrangement_gap(values, "merchant")``."""
    return arrangement_gap(values, "merchant")
