"""Inventory and channel models: who stocks for Double 11, who carries the risk, what the contracts do.

Modules (each imported explicitly below; its ``__all__`` is its public API):

- :mod:`~helpers.inventory.demand`: lognormal demand from a mean and a CV, and its
  newsvendor quantities in closed form for whole arrays.
- :mod:`~helpers.inventory.params`: :class:`ChannelParams` (unit economics of a product
  sold through a platform) and :class:`ChannelResult` (the outcome of one arrangement).
- :mod:`~helpers.inventory.wholesale`: the supplier's wholesale price as a decision
  (Lariviere & Porteus 2001), for one product or many lognormal products at once.
- :mod:`~helpers.inventory.arrangements`: consignment (寄售), buyback and procurement (采销)
  for one product; side-by-side tables and Monte Carlo profit distributions.
- :mod:`~helpers.inventory.population`: thousands of heterogeneous merchants on one
  Double 11: participation, losses, concentration, size profiles.
- :mod:`~helpers.inventory.pricewar`: matched discounting under each arrangement.
- :mod:`~helpers.inventory.equilibria`: literature checks (Wang, Jiang & Shen 2004;
  agency versus reselling).
- :mod:`~helpers.inventory.channel_study`: notebook 03's analysis in a few calls;
  :mod:`~helpers.inventory.channel_findings`: its findings and conclusions as sentences;
  :mod:`~helpers.inventory.channel_text`: its section sentences and display tables.

Results are frozen dataclasses (one product, one population) or tidy DataFrames (sweeps
and tables); every function checks its arguments with :mod:`helpers.validation` and raises
:class:`~helpers.errors.ParameterError` with one message.
"""

from __future__ import annotations

from helpers.inventory.arrangements import (
    buyback,
    compare_channels,
    consignment,
    integrated,
    procurement,
    procurement_window,
    realised_profits,
    simulate_channels,
    stock_vs_salvage,
    wholesale_sweep,
)
from helpers.inventory.channel_findings import (
    PARAMETER_LABELS,
    WJS_LOSS,
    WJS_SHARE,
    conclusions,
    efficiency_sentence,
    estimate_changes,
    estimate_finding,
    findings,
    flip_list,
    join_words,
    parameter_label,
    risk_sentence,
    scenario_label,
    size_sentence,
    war_sentence,
    wjs_bounds_reproduce,
    wjs_key_numbers,
    wjs_sentence,
)
from helpers.inventory.channel_study import (
    CONCLUSIONS,
    ChannelStudy,
    EstimateCheck,
    channel_outcomes,
    check_estimates,
    commission_sweep,
    example_study,
    run_study,
    uncertainty_sweep,
    validate_estimates,
    wjs_checks,
)
from helpers.inventory.channel_text import (
    agency_sentence,
    assumption_display,
    commission_sentence,
    compare_table,
    crossborder_note,
    estimate_conclusion_table,
    estimate_outcome_table,
    estimate_parameter_table,
    estimate_sentence,
    population_table,
    salvage_sentence,
    sensitivity_sentence,
    uncertainty_sentence,
    war_range_sentence,
    window_sentence,
    wjs_explanation,
    wjs_table,
)
from helpers.inventory.demand import (
    LognormalUnits,
    combined_cv,
    lognormal_demand,
    lognormal_sigma,
    lognormal_units,
)
from helpers.inventory.equilibria import (
    agency_equilibrium,
    reselling_equilibrium,
    wjs_equilibrium,
    wjs_fixed_share,
    wjs_implied_elasticity,
    wjs_stochastic,
    wjs_worst_elasticity,
)
from helpers.inventory.params import ARRANGEMENTS, ChannelParams, ChannelResult, no_trade
from helpers.inventory.population import (
    PopulationResult,
    PopulationSpec,
    arrangement_gap,
    draw_merchants,
    lorenz_curve,
    population_outcome,
    simulate_population,
    size_profile,
    top_share,
    typical_demand,
)
from helpers.inventory.pricewar import price_war, price_war_summary
from helpers.inventory.wholesale import (
    lognormal_unit_profits,
    platform_response,
    supplier_wholesale,
    wholesale_best_response,
)

__all__ = [
    "ARRANGEMENTS",
    "CONCLUSIONS",
    "ChannelParams",
    "ChannelResult",
    "ChannelStudy",
    "EstimateCheck",
    "LognormalUnits",
    "PARAMETER_LABELS",
    "PopulationResult",
    "PopulationSpec",
    "WJS_LOSS",
    "WJS_SHARE",
    "agency_equilibrium",
    "agency_sentence",
    "arrangement_gap",
    "assumption_display",
    "buyback",
    "channel_outcomes",
    "check_estimates",
    "combined_cv",
    "commission_sentence",
    "commission_sweep",
    "compare_channels",
    "compare_table",
    "conclusions",
    "consignment",
    "crossborder_note",
    "draw_merchants",
    "efficiency_sentence",
    "estimate_changes",
    "estimate_finding",
    "estimate_conclusion_table",
    "estimate_outcome_table",
    "estimate_parameter_table",
    "estimate_sentence",
    "example_study",
    "findings",
    "flip_list",
    "integrated",
    "join_words",
    "lognormal_demand",
    "lognormal_sigma",
    "lognormal_unit_profits",
    "lognormal_units",
    "lorenz_curve",
    "no_trade",
    "parameter_label",
    "platform_response",
    "population_outcome",
    "population_table",
    "price_war",
    "price_war_summary",
    "procurement",
    "procurement_window",
    "realised_profits",
    "reselling_equilibrium",
    "risk_sentence",
    "run_study",
    "salvage_sentence",
    "scenario_label",
    "sensitivity_sentence",
    "simulate_channels",
    "simulate_population",
    "size_profile",
    "size_sentence",
    "stock_vs_salvage",
    "supplier_wholesale",
    "top_share",
    "typical_demand",
    "uncertainty_sentence",
    "uncertainty_sweep",
    "validate_estimates",
    "war_range_sentence",
    "war_sentence",
    "wholesale_best_response",
    "wholesale_sweep",
    "window_sentence",
    "wjs_bounds_reproduce",
    "wjs_checks",
    "wjs_equilibrium",
    "wjs_explanation",
    "wjs_fixed_share",
    "wjs_implied_elasticity",
    "wjs_key_numbers",
    "wjs_sentence",
    "wjs_stochastic",
    "wjs_table",
    "wjs_worst_elasticity",
]

# --- the newsvendor core and the price-setting newsvendor (notebook 04's model; appended by its helper) ---------
from helpers.inventory import newsvendor, pricing  # noqa: E402
from helpers.inventory.newsvendor import LognormalNewsvendor, LognormalSolution, Returns  # noqa: E402
from helpers.inventory.pricing import (  # noqa: E402
    Disposal,
    PromotionDemand,
    PromotionResult,
    Seller,
    best_by_salvage,
    best_disposal,
    breakeven_no_returns_discount,
    compare_sellers,
    optimal_promotion,
    profit_surface,
    promotion_curve,
    promotion_profit,
    returns_regimes,
    salvage_regimes,
    seller_list_price,
)

__all__ += [
    "Disposal",
    "LognormalNewsvendor",
    "LognormalSolution",
    "PromotionDemand",
    "PromotionResult",
    "Returns",
    "Seller",
    "best_by_salvage",
    "best_disposal",
    "breakeven_no_returns_discount",
    "compare_sellers",
    "newsvendor",
    "optimal_promotion",
    "pricing",
    "profit_surface",
    "promotion_curve",
    "promotion_profit",
    "returns_regimes",
    "salvage_regimes",
    "seller_list_price",
]
