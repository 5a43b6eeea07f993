"""China's cross-border retail-import (跨境电商零售进口) rules, the taxes of each channel, and notebook 04's sellers.

Modules, from the bottom up (each imports only those above it):

- :mod:`~helpers.policy.tables`: the dated rule and parameter tables in ``data/policy/``;
- :mod:`~helpers.policy.regimes`: :class:`Regime`, the rules in force on a date for a
  product category (cached), and its label;
- :mod:`~helpers.policy.tax`: the cross-border tax of an order, general-trade rates, who pays
  what, and the two taxes as vectorised functions of a price (:class:`CrossBorderLevy`,
  :class:`VATInPrice`);
- :mod:`~helpers.policy.sellers`: notebook 04's domestic and bonded sellers built from the
  assumption table and the rules of a date;
- :mod:`~helpers.policy.decomposition`: order-free (Shapley) decomposition of the gap between
  two sellers' optimal promotions;
- :mod:`~helpers.policy.study`: notebook 04's analysis in one call, and its sentences.

The price-setting newsvendor these build on is :mod:`helpers.inventory.pricing`; charts are in
:mod:`helpers.charts.policy`.
"""

from __future__ import annotations

from helpers.policy.decomposition import MEASURES, ShapleyResult, orders_table, shapley
from helpers.policy.regimes import (
    RETURNS_REGIMES,
    Regime,
    categories,
    parameter_on,
    parameters_in_force,
    regime_label,
    regime_on,
    rules_in_force,
)
from helpers.policy.sellers import (
    ASSUMPTION_NAMES,
    CATEGORIES,
    bonded_disposals,
    bonded_seller,
    build_demand,
    build_sellers,
    domestic_seller,
    domestic_unit_cost,
    general_trade_salvage,
    optimal_discounts,
    promotion_gap,
    returns_share,
    seller_features,
)
from helpers.policy.study import BondedStudy, run_study
from helpers.policy.tables import CONFIDENCE_LEVELS, PARAMETERS_CSV, RULES_CSV, last_change, load_parameters, load_rules
from helpers.policy.tax import (
    CrossBorderLevy,
    GeneralTradeRates,
    OrderTax,
    VATInPrice,
    change_dates,
    comprehensive_rate,
    cosmetics_category,
    general_trade_rates,
    order_tax,
    tax_by_price,
    tax_path,
    tax_timeline,
    who_pays,
)

__all__ = [
    "ASSUMPTION_NAMES",
    "BondedStudy",
    "CATEGORIES",
    "CONFIDENCE_LEVELS",
    "CrossBorderLevy",
    "GeneralTradeRates",
    "MEASURES",
    "OrderTax",
    "PARAMETERS_CSV",
    "RETURNS_REGIMES",
    "RULES_CSV",
    "Regime",
    "ShapleyResult",
    "VATInPrice",
    "bonded_disposals",
    "bonded_seller",
    "build_demand",
    "build_sellers",
    "categories",
    "change_dates",
    "comprehensive_rate",
    "cosmetics_category",
    "domestic_seller",
    "domestic_unit_cost",
    "general_trade_rates",
    "general_trade_salvage",
    "last_change",
    "load_parameters",
    "load_rules",
    "optimal_discounts",
    "order_tax",
    "tax_by_price",
    "orders_table",
    "parameter_on",
    "parameters_in_force",
    "promotion_gap",
    "regime_label",
    "regime_on",
    "returns_share",
    "rules_in_force",
    "run_study",
    "seller_features",
    "shapley",
    "tax_path",
    "tax_timeline",
    "who_pays",
]
