"""Deprecated alias kept for one release: the bonded-zone models moved.

- the generic price-setting newsvendor -> :mod:`helpers.inventory.pricing`;
- notebook 04's sellers and scenario builders -> :mod:`helpers.policy` (``sellers``, ``study``);
- the flip-point root-finder -> :func:`helpers.sensitivity.flip_point`.

``Seller(tax_date=...)`` became ``Seller(levy=helpers.policy.CrossBorderLevy(regime))``;
:func:`build_sellers` here still returns the old list of four sellers (consignment merchant,
procurement platform, bonded platform under the ``before`` and the ``after`` rules), and maps the
legacy categories ``cosmetics_ordinary``/``cosmetics_high_end`` to the skincare ones.
"""

from __future__ import annotations

import warnings
from typing import Any

from helpers.inventory.pricing import (  # noqa: F401
    Disposal,
    PromotionDemand,
    PromotionResult,
    Seller,
    best_by_salvage,
    best_disposal,
    breakeven_no_returns_discount,
    compare_sellers,
    consumer_price,
    decompose,
    optimal_promotion,
    profit_surface,
    promotion_curve,
    promotion_profit,
    returns_regimes,
    salvage_regimes,
    unit_revenue,
)
from helpers.inventory.pricing import levy_on as import_tax  # noqa: F401
from helpers.policy import sellers as _sellers
from helpers.policy.sellers import ASSUMPTION_NAMES, bonded_disposals, build_demand, promotion_gap  # noqa: F401
from helpers.sensitivity import flip_point  # noqa: F401

__all__ = [
    "ASSUMPTION_NAMES",
    "Disposal",
    "PromotionDemand",
    "PromotionResult",
    "Seller",
    "best_by_salvage",
    "best_disposal",
    "bonded_disposals",
    "breakeven_no_returns_discount",
    "build_demand",
    "build_sellers",
    "compare_sellers",
    "consumer_price",
    "decompose",
    "flip_point",
    "import_tax",
    "optimal_promotion",
    "profit_surface",
    "promotion_curve",
    "promotion_gap",
    "promotion_profit",
    "returns_regimes",
    "salvage_regimes",
    "unit_revenue",
]

_LEGACY = {"cosmetics_ordinary": "cosmetics_skincare_ordinary", "cosmetics_high_end": "cosmetics_skincare_high_end"}


def build_sellers(
    params: Any,
    *,
    before: str = "2015-11-11",
    after: str = "2019-11-11",
    tax_borne_by: str = "consumer",
    tax_category: str = "cosmetics_skincare_ordinary",
) -> list[Seller]:
    """The old four sellers: consignment merchant, procurement platform (``after`` rules), bonded platform
    under the ``before`` and the ``after`` rules (see :func:`helpers.policy.build_sellers`)."""
    s = _sellers.build_sellers(
        params,
        before=before,
        after=after,
        tax_borne_by=tax_borne_by,
        tax_category=_LEGACY.get(tax_category, tax_category),
    )
    return [s["merchant"], s["platform_after"], s["bonded_before"], s["bonded_after"]]


warnings.warn(
    "helpers.bonded has moved: the price-setting newsvendor to helpers.inventory.pricing, notebook 04's "
    "sellers to helpers.policy, flip_point to helpers.sensitivity; the old name will be removed in the next release",
    DeprecationWarning,
    stacklevel=2,
)
