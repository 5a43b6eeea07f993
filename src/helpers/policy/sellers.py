"""Notebook 04's sellers: a domestic importer and a bonded cross-border platform under the rules of a date.

Every seller buys the same product abroad at the same customs value :math:`V`
(``import_cost_yuan``: purchase plus freight and insurance, CIF), so that only the rules
differ, and every seller pays the taxes of its channel explicitly
(:func:`helpers.policy.who_pays`):

* a **domestic seller** (general trade, 一般贸易; a procurement platform that imports itself,
  or a merchant selling on consignment): unit cost :math:`c = V (1+t_m)/(1-t_c)` (tariff and
  consumption tax are costs of the stock), a VAT-inclusive price (it remits
  :math:`p\\,t_v/(1+t_v)`; the import VAT is credited), leftovers redistributed to lower-tier
  cities at ``domestic_salvage_share`` of the unit cost, domestic returns;
* a **bonded cross-border platform** (保税, 1210): unit cost :math:`V`, the cross-border tax of
  the date on top of its price (or absorbed, 包税), leftovers carried over, re-exported,
  destroyed or, where the rules allow it (GAC 2018/194), imported as general trade after paying
  general-trade taxes, and the returns regime of the date: none, allowed in law but rare in
  practice (a share :math:`\\pi` of the returns the 2019 rules see), or accepted into the zone.
  Without returns a share :math:`\\kappa` of demand is lost (buyers who need the option).

The numbers are assumptions in ``data/assumptions/bonded.csv``; the rules come from
``data/policy/``. :func:`build_demand` and :func:`build_sellers` turn a ``{name: value}``
dict into the model's objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from helpers.errors import ParameterError
from helpers.inventory import newsvendor as nv
from helpers.inventory.pricing import Disposal, PromotionDemand, Seller, best_disposal, optimal_promotion
from helpers.policy.regimes import Regime, regime_on
from helpers.policy.tax import CrossBorderLevy, VATInPrice, general_trade_rates

__all__ = [
    "ASSUMPTION_NAMES",
    "CATEGORIES",
    "bonded_disposals",
    "bonded_seller",
    "build_demand",
    "build_sellers",
    "domestic_seller",
    "domestic_unit_cost",
    "general_trade_salvage",
    "promotion_gap",
    "returns_share",
    "seller_features",
]

#: The explicit product categories (make-up 美容、修饰类 vs skincare 护肤类, ordinary vs high-end).
CATEGORIES = (
    "cosmetics_skincare_ordinary",
    "cosmetics_skincare_high_end",
    "cosmetics_makeup_ordinary",
    "cosmetics_makeup_high_end",
)

#: Parameters the sellers and the demand read (rows of data/assumptions/bonded.csv).
ASSUMPTION_NAMES = (
    "list_price_yuan",
    "base_units",
    "elasticity",
    "demand_cv",
    "import_cost_yuan",
    "commission_rate",
    "domestic_salvage_share",
    "carry_over_value_share",
    "carry_over_holding_share",
    "reexport_value_share",
    "destruction_cost_share",
    "general_trade_conversion_cost_share",
    "domestic_return_rate",
    "domestic_return_handling_yuan",
    "cross_border_return_rate",
    "cross_border_return_handling_yuan",
    "no_returns_conversion_discount",
    "returns_practice_share_2016_2018",
)

Params = Mapping[str, float]
Table = pd.DataFrame | str | Path | None


def _need(params: Params, names: Iterable[str]) -> None:
    missing = [n for n in names if n not in params]
    if missing:
        raise ParameterError(f"missing parameter(s): {', '.join(missing)}")


def build_demand(params: Params) -> PromotionDemand:
    """The promotion demand from a parameter dict (list_price_yuan, base_units, elasticity, demand_cv).

    Examples
    --------
    >>> build_demand({"list_price_yuan": 300, "base_units": 1000, "elasticity": 3, "demand_cv": 0.5}).elasticity
    3
    """
    _need(params, ("list_price_yuan", "base_units", "elasticity", "demand_cv"))
    return PromotionDemand(params["list_price_yuan"], params["base_units"], params["elasticity"], params["demand_cv"])


def domestic_unit_cost(params: Params, date: dt.date | str, category: str, parameters: Table = None) -> float:
    """Landed cost of a general-trade import, yuan per unit: :math:`V (1+t_m)/(1-t_c)`.

    Examples
    --------
    >>> round(domestic_unit_cost({"import_cost_yuan": 150}, "2019-11-11", "cosmetics_skincare_ordinary"), 2)
    151.5
    """
    _need(params, ("import_cost_yuan",))
    return general_trade_rates(date, category, parameters).landed_cost(params["import_cost_yuan"])


def returns_share(regime: Regime, params: Params) -> float:
    """Share of the 2019-rules returns that happen under a regime: 0, π (in law, rare in practice) or 1.

    Examples
    --------
    >>> returns_share(regime_on("2017-11-11"), {"returns_practice_share_2016_2018": 0.1})
    0.1
    """
    if regime.returns_into_bonded_zone:
        return 1.0
    if regime.returns_allowed_in_law:
        _need(params, ("returns_practice_share_2016_2018",))
        return float(params["returns_practice_share_2016_2018"])
    return 0.0


def bonded_disposals(params: Params, regime: Regime, parameters: Table = None) -> list[Disposal]:
    """The ways out for unsold bonded stock under a regime (GAC 2018/194): carry over, re-export,
    destroy and, where the rules allow it, import as general trade.

    Importing as general trade pays the general-trade tariff and consumption tax on the customs
    value and a conversion cost (labels, inspection, the import filing a cross-border product may
    lack), then redistributes the unit like a domestic one:
    net = ``domestic_salvage_share`` · c_domestic - (c_domestic - V) - ``general_trade_conversion_cost_share`` · V.

    Returns
    -------
    list of Disposal
        Carry over (value and holding cost), re-export, destroy (minus the cost), and
        "import as general trade" when ``regime.general_trade_import``.

    Examples
    --------
    >>> p = {"import_cost_yuan": 100, "carry_over_value_share": 0.85, "carry_over_holding_share": 0.2,
    ...      "reexport_value_share": 0.25, "destruction_cost_share": 0.05, "domestic_salvage_share": 0.8,
    ...      "general_trade_conversion_cost_share": 0.1}
    >>> [round(d.net, 2) for d in bonded_disposals(p, regime_on("2019-11-11"))]
    [65.0, 25.0, -5.0, 69.8]
    """
    _need(
        params,
        (
            "import_cost_yuan",
            "carry_over_value_share",
            "carry_over_holding_share",
            "reexport_value_share",
            "destruction_cost_share",
        ),
    )
    v = params["import_cost_yuan"]
    out = [
        Disposal("保税区结转 carry over", params["carry_over_value_share"] * v, params["carry_over_holding_share"] * v),
        Disposal("退运 re-export", params["reexport_value_share"] * v),
        Disposal("销毁 destroy", -params["destruction_cost_share"] * v),
    ]
    if regime.general_trade_import:
        _need(params, ("domestic_salvage_share", "general_trade_conversion_cost_share"))
        out.append(
            Disposal(
                "转一般贸易进口 import as general trade",
                general_trade_salvage(params, regime, parameters) - params["general_trade_conversion_cost_share"] * v,
            )
        )
    return out


def general_trade_salvage(params: Params, regime: Regime, parameters: Table = None) -> float:
    """Net value of a leftover bonded unit redistributed like a domestic one after paying general-trade
    tariff and consumption tax, yuan: ``domestic_salvage_share`` · c_domestic - (c_domestic - V).

    Examples
    --------
    >>> round(general_trade_salvage({"import_cost_yuan": 100, "domestic_salvage_share": 0.8}, regime_on("2019-11-11")), 2)
    79.8
    """
    _need(params, ("import_cost_yuan", "domestic_salvage_share"))
    landed = domestic_unit_cost(params, regime.date, regime.category, parameters)
    return params["domestic_salvage_share"] * landed - (landed - params["import_cost_yuan"])


def domestic_seller(
    params: Params, date: dt.date | str, category: str, *, merchant: bool = False, parameters: Table = None
) -> Seller:
    """A general-trade importer selling at a VAT-inclusive price: a procurement platform, or a consignment merchant.

    Parameters
    ----------
    params : mapping
        import_cost_yuan, domestic_salvage_share, domestic_return_rate,
        domestic_return_handling_yuan (and commission_rate for the merchant).
    date : date or str
        Date whose general-trade rates apply.
    category : str
        Explicit product category (:data:`CATEGORIES`).
    merchant : bool
        A merchant selling on consignment (keeps 1 - commission of the price) instead of a
        platform selling its own stock.
    parameters : DataFrame or path, optional
        The policy parameter table.

    Returns
    -------
    Seller

    Examples
    --------
    >>> p = {"import_cost_yuan": 150, "domestic_salvage_share": 0.8, "domestic_return_rate": 0.05,
    ...      "domestic_return_handling_yuan": 10}
    >>> s = domestic_seller(p, "2019-11-11", "cosmetics_skincare_ordinary")
    >>> round(s.unit_cost, 2), round(s.disposal.salvage, 2), s.levy.rate
    (151.5, 121.2, 0.13)
    """
    _need(
        params, ("import_cost_yuan", "domestic_salvage_share", "domestic_return_rate", "domestic_return_handling_yuan")
    )
    rates = general_trade_rates(date, category, parameters)
    cost = rates.landed_cost(params["import_cost_yuan"])
    redistribute = Disposal("下沉分销 redistribute", params["domestic_salvage_share"] * cost)
    share = 1.0
    if merchant:
        _need(params, ("commission_rate",))
        share = 1 - params["commission_rate"]
    name = "国内寄售商家 consignment merchant" if merchant else "国内自营平台 procurement platform"
    when = pd.Timestamp(date).date().isoformat()
    return Seller(
        f"{name} ({when})",
        cost,
        redistribute,
        revenue_share=share,
        returns=nv.Returns(
            params["domestic_return_rate"], params["domestic_return_handling_yuan"], redistribute.salvage
        ),
        levy=VATInPrice(rates.vat),
        levy_borne_by="seller",
    )


def bonded_seller(
    params: Params, regime: Regime, *, tax_borne_by: str = "consumer", parameters: Table = None
) -> Seller:
    """The bonded cross-border platform under a regime: its tax, its best disposal, its returns regime.

    Examples
    --------
    >>> import helpers.assumptions as a
    >>> p = a.values(a.load_assumptions("data/assumptions/bonded.csv"))
    >>> s = bonded_seller(p, regime_on("2017-11-11"))
    >>> round(s.demand_factor, 2), round(s.returns.rate, 4)   # κ(1 - π) lost, π x 5% returned
    (0.91, 0.005)
    """
    _need(
        params,
        (
            "import_cost_yuan",
            "cross_border_return_rate",
            "cross_border_return_handling_yuan",
            "no_returns_conversion_discount",
        ),
    )
    if tax_borne_by not in ("consumer", "seller"):
        raise ParameterError(f"tax_borne_by must be 'consumer' or 'seller', got {tax_borne_by!r}")
    k = params["no_returns_conversion_discount"]
    if not 0 <= k < 1:
        raise ParameterError(f"no_returns_conversion_discount must be a share in [0, 1), got {k!r}")
    best = best_disposal(bonded_disposals(params, regime, parameters))
    pi = returns_share(regime, params)
    returns = None
    if pi > 0 and params["cross_border_return_rate"] > 0:
        returns = nv.Returns(
            pi * params["cross_border_return_rate"], params["cross_border_return_handling_yuan"], best.net
        )
    return Seller(
        f"保税跨境平台 bonded platform ({regime.date.isoformat()})",
        params["import_cost_yuan"],
        best,
        returns=returns,
        demand_factor=1 - (1 - pi) * k,
        levy=CrossBorderLevy(regime),
        levy_borne_by=tax_borne_by,
    )


def build_sellers(
    params: Params,
    *,
    before: str = "2015-11-11",
    after: str = "2019-11-11",
    tax_borne_by: str = "consumer",
    tax_category: str = "cosmetics_skincare_ordinary",
    parameters: Table = None,
) -> dict[str, Seller]:
    """Notebook 04's five sellers, keyed by role.

    ``"platform_before"``, ``"bonded_before"``: a domestic procurement platform and the bonded
    platform under the rules of ``before``; ``"platform_after"``, ``"bonded_after"``: the same
    under the rules of ``after``; ``"merchant"``: a consignment merchant under the rules of ``after``.

    Examples
    --------
    >>> import helpers.assumptions as a
    >>> p = a.values(a.load_assumptions("data/assumptions/bonded.csv"))
    >>> list(build_sellers(p))
    ['merchant', 'platform_before', 'bonded_before', 'platform_after', 'bonded_after']
    """
    _need(params, ASSUMPTION_NAMES)
    rb, ra = regime_on(before, tax_category, parameters), regime_on(after, tax_category, parameters)
    return {
        "merchant": domestic_seller(params, after, tax_category, merchant=True, parameters=parameters),
        "platform_before": domestic_seller(params, before, tax_category, parameters=parameters),
        "bonded_before": bonded_seller(params, rb, tax_borne_by=tax_borne_by, parameters=parameters),
        "platform_after": domestic_seller(params, after, tax_category, parameters=parameters),
        "bonded_after": bonded_seller(params, ra, tax_borne_by=tax_borne_by, parameters=parameters),
    }


def seller_features(target: Seller, start: Seller | None = None) -> dict[str, dict]:
    """The three features that turn a domestic seller into ``target`` (for the Shapley decomposition).

    ``"taxes"``: the unit cost (no general-trade tariff and consumption tax up front) and the tax on the
    price; ``"disposal"``: the bonded ways out instead of redistribution; ``"returns"``: the returns regime
    with its demand factor. Given the ``start`` seller, the taxes feature also moves the general-trade taxes
    it no longer pays up front onto the leftover and returned units it still sends into the domestic market
    (their value falls by ``start.unit_cost - target.unit_cost``): a unit that did not pay them at the border
    pays them when it enters the country. Later features in the order taxes, disposal, returns override
    that when they are switched too.

    Examples
    --------
    >>> list(seller_features(Seller("b", 150, Disposal("c", 100))))
    ['taxes', 'disposal', 'returns']
    >>> f = seller_features(Seller("b", 150, Disposal("c", 100)), Seller("d", 180, Disposal("r", 144)))
    >>> f["taxes"]["disposal"].net
    114.0
    """
    taxes: dict = {"unit_cost": target.unit_cost, "levy": target.levy, "levy_borne_by": target.levy_borne_by}
    if start is not None:
        upfront = max(start.unit_cost - target.unit_cost, 0.0)
        d = start.disposal
        taxes["disposal"] = Disposal(f"{d.name} (after general-trade taxes)", d.salvage - upfront, d.holding_cost)
        if start.returns is not None:
            taxes["returns"] = nv.Returns(
                start.returns.rate, start.returns.handling_cost, start.returns.recovery_value - upfront
            )
    return {
        "taxes": taxes,
        "disposal": {"disposal": target.disposal},
        "returns": {"returns": target.returns, "demand_factor": target.demand_factor},
    }


def optimal_discounts(params: Params, *, grid_points: int = 81, **kwargs: str) -> pd.DataFrame:
    """Each of notebook 04's five sellers' optimal Double 11 discount, price paid and stock.

    The function notebook 05 (and any other) calls to set observed discounts against the
    model's: one row per seller of :func:`build_sellers`, in its order.

    Parameters
    ----------
    params : mapping
        Values for :data:`ASSUMPTION_NAMES` (e.g. ``assumptions.values(table)``, with overrides).
    grid_points : int
        Passed to :func:`helpers.inventory.optimal_promotion`.
    **kwargs
        Passed to :func:`build_sellers` (before, after, tax_borne_by, tax_category, parameters).

    Returns
    -------
    DataFrame
        Index ``role``; columns ``seller`` (name with the date of its rules), ``discount``
        (fraction of the seller's list price), ``consumer_price`` (yuan the buyer pays),
        ``stock`` (units) and ``expected_profit`` (yuan).

    Examples
    --------
    >>> import helpers.assumptions as a
    >>> p = a.values(a.load_assumptions("data/assumptions/bonded.csv"))
    >>> t = optimal_discounts(p)
    >>> list(t.index)[:2], bool(t["discount"].between(0, 1).all())
    (['merchant', 'platform_before'], True)
    """
    sellers = build_sellers(params, **kwargs)
    demand = build_demand(params)
    rows = {role: optimal_promotion(s, demand, grid_points=grid_points).as_dict() for role, s in sellers.items()}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "role"
    return out[["seller", "discount", "consumer_price", "stock", "expected_profit"]]


def promotion_gap(
    params: Params,
    *,
    measure: str = "discount",
    when: str = "after",
    grid_points: int = 81,
    **kwargs: str,
) -> float:
    """How the bonded platform's optimal promotion differs from a domestic platform's under the same rules.

    Parameters
    ----------
    params : mapping
        Values for :data:`ASSUMPTION_NAMES`.
    measure : str
        ``"discount"``: bonded minus domestic optimal discount (share of list price; negative
        = shallower). ``"consumer_price"``: bonded minus domestic price paid by the buyer, yuan.
        ``"stock"``, ``"profit"``: bonded / domestic - 1 (negative = smaller; NaN when the domestic
        platform does not stock). ``"stock_units"``: bonded minus domestic stock, units (always defined).
    when : str
        ``"before"`` or ``"after"``: which date's rules (``before``/``after`` in ``kwargs``).
    grid_points : int
        Passed to :func:`helpers.inventory.optimal_promotion` (fewer = faster sweeps).
    **kwargs
        Passed to :func:`build_sellers` (before, after, tax_borne_by, tax_category, parameters).

    Returns
    -------
    float

    Examples
    --------
    >>> import helpers.assumptions as a
    >>> p = a.values(a.load_assumptions("data/assumptions/bonded.csv"))
    >>> promotion_gap(p, measure="stock", when="before") < 0
    True
    """
    if measure not in ("discount", "consumer_price", "stock", "stock_units", "profit"):
        raise ParameterError(
            f"measure must be 'discount', 'consumer_price', 'stock', 'stock_units' or 'profit', got {measure!r}"
        )
    if when not in ("before", "after"):
        raise ParameterError(f"when must be 'before' or 'after', got {when!r}")
    sellers = build_sellers(params, **kwargs)
    demand = build_demand(params)
    rb = optimal_promotion(sellers[f"bonded_{when}"], demand, grid_points=grid_points)
    rd = optimal_promotion(sellers[f"platform_{when}"], demand, grid_points=grid_points)
    if measure in ("discount", "consumer_price"):
        return getattr(rb, measure) - getattr(rd, measure)
    if measure == "stock_units":
        return rb.stock - rd.stock
    a, d = (rb.stock, rd.stock) if measure == "stock" else (rb.expected_profit, rd.expected_profit)
    return a / d - 1 if d > 0 else float("nan")
