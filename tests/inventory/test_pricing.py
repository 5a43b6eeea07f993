"""Tests for helpers.inventory.pricing: the price-setting newsvendor, salvage and returns regimes, surfaces.

Models are checked against closed forms (riskless Lerner price, iso-elastic scaling, the
postal-tax exemption kink) and against an independent two-dimensional optimisation that
integrates the profit numerically without the newsvendor core.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from scipy import integrate, optimize

from helpers.errors import ParameterError
from helpers.inventory import newsvendor as nv
from helpers.inventory import pricing as b
from helpers.policy import CrossBorderLevy, regime_on


def levy(date: str, category: str = "cosmetics_skincare_ordinary") -> CrossBorderLevy:
    return CrossBorderLevy(regime_on(date, category))


DEMAND = b.PromotionDemand(list_price=300, base_units=1000, elasticity=3, cv=0.5)
DOMESTIC = b.Seller("procurement platform", 165, b.Disposal("redistribute", 132))
CARRY = b.Disposal("carry over", 140, 30)
BONDED = b.Seller("bonded platform", 165, CARRY)


# ---------------------------------------------------------------------------
# demand and unit economics
def test_demand_mean_and_cv():
    dist = DEMAND.at_price(150, factor=0.5)
    # 1000 x 0.5 x (150/300)^-3 = 4000
    assert float(dist.mean()) == pytest.approx(4000.0)
    assert float(dist.std() / dist.mean()) == pytest.approx(0.5)


def test_consumer_and_seller_borne_tax():
    s = dataclasses.replace(BONDED, levy=levy("2019-11-11"))
    # 2019, ordinary skincare: 0.7 x 13% = 9.1% -> 27.3 on 300
    assert b.levy_on(s, 300) == pytest.approx(27.3)
    assert b.consumer_price(s, 300) == pytest.approx(327.3)
    assert b.unit_revenue(s, 300) == pytest.approx(300.0)
    # the seller lists at the price at which its buyer pays the regular price: 300 / 1.091
    assert b.seller_list_price(s, DEMAND) == pytest.approx(300 / 1.091, rel=1e-9)
    absorbed = dataclasses.replace(s, levy_borne_by="seller")
    assert b.seller_list_price(absorbed, DEMAND) == 300.0
    assert b.consumer_price(absorbed, 300) == pytest.approx(300.0)
    assert b.unit_revenue(absorbed, 300) == pytest.approx(272.7)
    commission = dataclasses.replace(DOMESTIC, revenue_share=0.95)
    assert b.unit_revenue(commission, 200) == pytest.approx(190.0)


# ---------------------------------------------------------------------------
# price-setting newsvendor: closed forms
@pytest.mark.parametrize("elasticity", [2.0, 3.0, 4.0])
def test_riskless_limit_is_the_lerner_price(elasticity):
    # almost no uncertainty: p* = b/(b-1) x c  (iso-elastic demand, Lerner rule)
    d = b.PromotionDemand(300, 1000, elasticity, 1e-4)
    r = b.optimal_promotion(DOMESTIC, d)
    lerner = elasticity / (elasticity - 1) * 165
    expected_discount = max(0.0, 1 - lerner / 300)
    assert r.discount == pytest.approx(expected_discount, abs=2e-3)


def test_commission_and_absorbed_tax_raise_the_effective_cost():
    d = b.PromotionDemand(300, 1000, 3, 1e-4)
    # keeping 95% of the price: p* = 1.5 x 165 / 0.95 = 260.53
    r = b.optimal_promotion(dataclasses.replace(DOMESTIC, revenue_share=0.95), d)
    assert r.price == pytest.approx(1.5 * 165 / 0.95, rel=2e-3)
    # absorbing a 9.1% tax: p* = 1.5 x 165 / 0.909 = 272.28
    s = dataclasses.replace(DOMESTIC, levy=levy("2019-11-11"), levy_borne_by="seller")
    assert b.optimal_promotion(s, d).price == pytest.approx(1.5 * 165 / 0.909, rel=2e-3)


def test_multiplicative_uncertainty_raises_the_price():
    # Petruzzi & Dada (1999): with multiplicative demand p* >= the riskless price (247.5)
    r = b.optimal_promotion(DOMESTIC, DEMAND)
    assert r.price > 1.5 * 165 + 5


def test_consumer_borne_proportional_tax_scales_demand_not_price():
    # iso-elastic: demand at (1 + t) p is (1 + t)^-b times demand at p, so the seller's p* is unchanged
    # (while the list-price cap does not bind) and stock and profit scale by (1 + t)^-b; 2019 skincare t = 0.091
    taxed = dataclasses.replace(DOMESTIC, levy=levy("2019-11-11"))
    r0, r1 = b.optimal_promotion(DOMESTIC, DEMAND), b.optimal_promotion(taxed, DEMAND)
    assert r1.price == pytest.approx(r0.price, rel=1e-6)
    assert r1.consumer_price == pytest.approx(1.091 * r0.price, rel=1e-6)
    assert r1.stock / r0.stock == pytest.approx(1.091**-3, rel=1e-4)
    assert r1.expected_profit / r0.expected_profit == pytest.approx(1.091**-3, rel=1e-4)


def test_postal_exemption_kink():
    # 2015 cosmetics: tax 50% of the price unless it is <= 50 yuan, i.e. price <= 100.
    # cost 80, list 120, b = 3, nearly deterministic. Without tax the optimum is the list price
    # (Lerner 1.5 x 80 = 120). With the tax on top, at 120 the buyer pays 180:
    #   profit ~ (180/120)^-3 x 40 = 11.85 per unit of base demand;
    # at 100 the buyer pays 100: (100/120)^-3 x 20 = 34.56 -> the optimum sits on the kink, 100.
    d = b.PromotionDemand(120, 1000, 3, 1e-4)
    # With the regular price the buyer pays fixed at 120, the seller can list at most at 100 (above it the buyer
    # would pay 1.5 p > 150): the list price sits on the kink and is the optimum.
    s = b.Seller("bonded 2015", 80, b.Disposal("carry", 50), levy=levy("2015-11-11"))
    assert b.seller_list_price(s, d) == pytest.approx(100.0, abs=1e-6)
    r = b.optimal_promotion(s, d)
    assert r.price == pytest.approx(100.0, abs=0.2)
    assert r.consumer_price == pytest.approx(r.price)  # exempt
    assert b.optimal_promotion(dataclasses.replace(s, levy=None), d).discount == pytest.approx(0.0, abs=1e-3)


def _independent_optimum(seller, demand):
    """Maximise E[profit](p, q) over both variables, integrating the profit numerically."""
    s_net = seller.disposal.salvage - seller.disposal.holding_cost
    c = seller.unit_cost

    def profit(x):
        p, q = x
        if p <= c or q <= 0 or p > demand.list_price:
            return 1e12
        dist = demand.at_price(p)
        f = lambda d: (p * min(q, d) + s_net * max(q - d, 0.0) - c * q) * dist.pdf(d)  # noqa: E731
        hi = float(dist.ppf(1 - 1e-12))
        val = integrate.quad(f, 0, q, limit=200)[0] + integrate.quad(f, q, hi, limit=200)[0]
        return -val

    best = optimize.minimize(
        profit, x0=[260.0, 1500.0], method="Nelder-Mead", options={"xatol": 1e-4, "fatol": 1e-4, "maxiter": 4000}
    )
    return best.x, -best.fun


@pytest.mark.parametrize("disposal", [b.Disposal("redistribute", 132), b.Disposal("re-export", 40)])
def test_matches_an_independent_two_dimensional_optimum(disposal):
    seller = dataclasses.replace(DOMESTIC, disposal=disposal)
    (p_ind, q_ind), profit_ind = _independent_optimum(seller, DEMAND)
    r = b.optimal_promotion(seller, DEMAND)
    assert r.expected_profit == pytest.approx(profit_ind, rel=1e-5)
    assert r.price == pytest.approx(p_ind, abs=0.3)
    assert r.stock == pytest.approx(q_ind, rel=2e-3)


def test_lower_salvage_means_shallower_and_smaller():
    rows = b.compare_sellers(
        [dataclasses.replace(DOMESTIC, disposal=b.Disposal(str(s), s)) for s in (140, 110, 40, -10)], DEMAND
    )
    assert (np.diff(rows["discount"]) < 0).all()
    assert (np.diff(rows["stock"]) < 0).all()
    assert (np.diff(rows["expected_profit"]) < 0).all()


def test_optimum_beats_the_grid():
    r = b.optimal_promotion(BONDED, DEMAND)
    grid = [b.promotion_profit(BONDED, DEMAND, x).expected_profit for x in np.linspace(0, 0.8, 401)]
    assert r.expected_profit >= max(grid) - 1e-6


def test_unprofitable_price_stocks_nothing():
    # cost 165, price 300 x (1 - 0.5) = 150 < cost: no stock, no profit
    r = b.promotion_profit(DOMESTIC, DEMAND, 0.5)
    assert (r.stock, r.expected_profit) == (0.0, 0.0)


# ---------------------------------------------------------------------------
# salvage and returns regimes
def test_holding_cost_only_matters_net():
    t = b.salvage_regimes(BONDED, DEMAND, [CARRY, b.Disposal("net", 110)], discount=0.1)
    assert t["stock"].iloc[0] == pytest.approx(t["stock"].iloc[1])
    assert t["expected_profit"].iloc[0] == pytest.approx(t["expected_profit"].iloc[1])


def test_salvage_regime_matches_core_directly():
    t = b.salvage_regimes(BONDED, DEMAND, [b.Disposal("re-export", 40)], discount=0.1)
    dist = DEMAND.at_price(270)
    q = nv.optimal_order(dist, 270, 165, 40)
    assert t["stock"].iloc[0] == pytest.approx(q)
    assert t["expected_profit"].iloc[0] == pytest.approx(nv.expected_profit(q, dist, 270, 165, 40))


def test_best_disposal():
    options = [b.Disposal("re-export", 40), b.Disposal("destroy", -10), CARRY]
    assert b.best_disposal(options).name == "carry over"
    with pytest.raises(ParameterError, match="at least one Disposal"):
        b.best_disposal([])


def test_returns_regimes_bookkeeping():
    ret = nv.Returns(rate=0.05, handling_cost=30, recovery_value=110)
    t = b.returns_regimes(BONDED, DEMAND, discount=0.1, no_returns_discount=0.1, returns=ret).set_index("regime")
    # no returns: demand scaled by 0.9 -> stock and profit scale by 0.9 (multiplicative demand)
    full = b.promotion_profit(BONDED, DEMAND, 0.1)
    assert t.loc["no returns", "stock"] == pytest.approx(0.9 * full.stock)
    assert t.loc["no returns", "expected_profit"] == pytest.approx(0.9 * full.expected_profit)
    assert t.loc["no returns", "expected_returned_units"] == 0
    # returns accepted: returned units = 5% of sales; cost per return = 270 - (110 - 30) = 190
    acc = t.loc["returns accepted"]
    assert acc["expected_returned_units"] == pytest.approx(0.05 * acc["expected_sales"])
    assert acc["returns_cost"] == pytest.approx(acc["expected_returned_units"] * 190)


def test_breakeven_no_returns_discount_closed_form():
    # profit is linear in the demand scale, so kappa* = 1 - profit(returns) / profit(no returns, full demand)
    ret = nv.Returns(rate=0.05, handling_cost=30, recovery_value=110)
    k = b.breakeven_no_returns_discount(BONDED, DEMAND, discount=0.1, returns=ret)
    with_r = b.promotion_profit(dataclasses.replace(BONDED, returns=ret), DEMAND, 0.1).expected_profit

    def gap(kappa):
        s = dataclasses.replace(BONDED, demand_factor=1 - kappa)
        return b.promotion_profit(s, DEMAND, 0.1).expected_profit - with_r

    assert k == pytest.approx(optimize.brentq(gap, 0.0, 0.99, xtol=1e-13), abs=1e-9)
    # at the optimal promotions (default): profits re-optimised on both sides
    k_opt = b.breakeven_no_returns_discount(BONDED, DEMAND, returns=ret)
    accepted = b.optimal_promotion(dataclasses.replace(BONDED, returns=ret), DEMAND).expected_profit
    refused = b.optimal_promotion(dataclasses.replace(BONDED, demand_factor=1 - k_opt), DEMAND).expected_profit
    assert refused == pytest.approx(accepted, rel=1e-9)
    # free, fully recovered returns cost nothing: accepting them pays at any demand loss
    free = nv.Returns(rate=0.05, handling_cost=0, recovery_value=270)
    assert b.breakeven_no_returns_discount(BONDED, DEMAND, discount=0.1, returns=free) == 0.0


# ---------------------------------------------------------------------------
# surfaces and decompositions
def test_profit_surface_matches_pointwise():
    t = b.profit_surface(BONDED, DEMAND, [0.0, 0.1, 0.2], [-10, 40, 140])
    assert t.shape == (3, 3)
    s = dataclasses.replace(BONDED, disposal=dataclasses.replace(CARRY, salvage=40.0))
    assert t.loc[40.0, 0.1] == pytest.approx(b.promotion_profit(s, DEMAND, 0.1).expected_profit)
    assert (t.diff().iloc[1:] > 0).all().all()  # higher salvage, higher profit


def test_decompose_is_cumulative():
    steps = [("bonded salvage", {"disposal": CARRY}), ("tax 2019", {"levy": levy("2019-11-11")})]
    t = b.decompose(DOMESTIC, steps, DEMAND)
    final = b.optimal_promotion(dataclasses.replace(DOMESTIC, disposal=CARRY, levy=levy("2019-11-11")), DEMAND)
    assert t["expected_profit"].iloc[-1] == pytest.approx(final.expected_profit)
    assert t["change_stock"].sum() == pytest.approx(t["stock"].iloc[-1] - t["stock"].iloc[0])


# ---------------------------------------------------------------------------
# bad inputs
def test_bad_inputs():
    with pytest.raises(ParameterError, match="salvage \\(170\\) must be below unit_cost \\(165 yuan\\)"):
        b.Seller("x", 165, b.Disposal("d", 170))
    with pytest.raises(ParameterError, match="PromotionDemand.elasticity must be > 0"):
        b.PromotionDemand(300, 1000, -1, 0.5)
    with pytest.raises(ParameterError, match="discount must be a share in \\[0, 1\\), got 1.2"):
        b.promotion_profit(DOMESTIC, DEMAND, 1.2)
    with pytest.raises(ParameterError, match="levy_borne_by must be 'consumer' or 'seller'"):
        b.Seller("x", 165, CARRY, levy_borne_by="platform")
    with pytest.raises(ParameterError, match="levy must have a tax\\(prices\\) method"):
        b.Seller("x", 165, CARRY, levy=0.1)
    with pytest.raises(ParameterError, match="holding_cost must be >= 0"):
        b.Disposal("d", 10, -1)
    with pytest.raises(ParameterError, match="revenue_share must be <= 1"):
        b.Seller("x", 165, CARRY, revenue_share=1.5)
    with pytest.raises(ParameterError, match="no_returns_discount must be < 1"):
        b.returns_regimes(BONDED, DEMAND, discount=0.1, no_returns_discount=1.0, returns=nv.Returns(0.1, 1, 1))
    with pytest.raises(ParameterError, match="max_discount must be < 1"):
        b.optimal_promotion(BONDED, DEMAND, max_discount=1.0)
    assert math.isfinite(b.optimal_promotion(BONDED, DEMAND).expected_profit)


# ---------------------------------------------------------------------------
# the vectorised path (closed-form lognormal newsvendor, arrays of discounts, cache)
from scipy import special  # noqa: E402


def test_a_list_price_above_the_value_limit_is_capped_at_the_limit():
    # 2015 postal rules: a parcel above 1,000 yuan cannot clear as a personal article; the seller lists at most at it
    s = dataclasses.replace(BONDED, unit_cost=600, disposal=b.Disposal("carry", 300), levy=levy("2015-11-11"))
    d = b.PromotionDemand(3000, 1000, 3, 0.5)
    assert b.seller_list_price(s, d) == pytest.approx(1000.0)
    assert b.optimal_promotion(s, d).price <= 1000.0


@pytest.mark.parametrize(
    "seller",
    [
        DOMESTIC,
        dataclasses.replace(BONDED, levy=levy("2015-11-11"), demand_factor=0.9),
        dataclasses.replace(BONDED, levy=levy("2019-11-11"), levy_borne_by="seller", returns=nv.Returns(0.05, 30, 110)),
        dataclasses.replace(DOMESTIC, revenue_share=0.95, returns=nv.Returns(0.05, 10, 132)),
    ],
    ids=["domestic", "bonded-2015", "bonded-2019-absorbed", "merchant"],
)
def test_promotion_profit_equals_the_scipy_newsvendor_core(seller):
    # the closed form against the general core: frozen scipy lognormal + scalar newsvendor functions
    for x in (0.0, 0.1, 0.25, 0.5):
        r = b.promotion_profit(seller, DEMAND, x)
        price = b.seller_list_price(seller, DEMAND) * (1 - x)
        assert r.price == pytest.approx(price, rel=1e-15)
        dist = DEMAND.at_price(b.consumer_price(seller, price), seller.demand_factor)
        m = b.unit_revenue(seller, price)
        assert r.consumer_price == pytest.approx(b.consumer_price(seller, price), rel=1e-15)
        assert r.expected_demand == pytest.approx(float(dist.mean()), rel=1e-12)
        if m <= seller.unit_cost or nv.net_unit_revenue(m, seller.returns) <= seller.unit_cost:
            assert r.stock == pytest.approx(0.0, abs=0) and r.expected_profit == pytest.approx(0.0, abs=0)
            continue
        kw = dict(returns=seller.returns, holding_cost=seller.disposal.holding_cost)
        c, s = seller.unit_cost, seller.disposal.salvage
        q = nv.optimal_order(dist, m, c, s, **kw)
        assert r.stock == pytest.approx(q, rel=1e-12)
        assert r.expected_profit == pytest.approx(nv.expected_profit(q, dist, m, c, s, **kw), rel=1e-11)
        assert r.expected_sales == pytest.approx(nv.expected_sales(q, dist), rel=1e-11)
        assert r.expected_leftover == pytest.approx(nv.expected_leftover(q, dist), rel=1e-10)
        assert r.critical_fractile == pytest.approx(nv.critical_fractile(m, c, s, **kw), rel=1e-14)


def test_promotion_curve_matches_pointwise():
    s = dataclasses.replace(BONDED, levy=levy("2015-11-11"))
    xs = [0.0, 0.05, 0.3, 0.5, 0.7]
    t = b.promotion_curve(s, DEMAND, xs)
    assert list(t.columns) == list(b.PromotionResult.__dataclass_fields__)
    for i, x in enumerate(xs):
        one = b.promotion_profit(s, DEMAND, x).as_dict()
        for col, value in one.items():
            if col == "seller":
                assert t.loc[i, col] == value
            else:
                assert t.loc[i, col] == pytest.approx(value, rel=1e-14, abs=1e-12)
    with pytest.raises(ParameterError, match="discount must be a share in \\[0, 1\\), got 1.2"):
        b.promotion_curve(s, DEMAND, [0.1, 1.2])


def _profit_slope(seller, demand, x):
    """d(expected profit)/d(discount) in closed form (envelope theorem; no tax, no penalty)."""
    price = demand.list_price * (1 - x)
    r = seller.returns
    m = seller.revenue_share * price
    m_net = m if r is None else (1 - r.rate) * m + r.rate * r.net_recovery
    dm_net = seller.revenue_share * (1 if r is None else 1 - r.rate)
    c, s, h = seller.unit_cost, seller.disposal.salvage, seller.disposal.holding_cost
    mu = demand.mean_at(price, seller.demand_factor)
    sigma = math.sqrt(math.log1p(demand.cv**2))
    alpha = (m_net - c) / (m_net - s + h)
    z = special.ndtri(alpha)
    q = mu * math.exp(sigma * z - sigma**2 / 2)
    sales = mu * special.ndtr(z - sigma) + q * (1 - alpha)
    # dΠ/dp = m_net'·E[min(q, D)] + (m_net - s + h)·Φ(z - σ)·dμ/dp, with dμ/dp = -b·μ/p and dp/dx = -list price
    return -demand.list_price * (
        dm_net * sales - (m_net - s + h) * special.ndtr(z - sigma) * demand.elasticity * mu / price
    )


@pytest.mark.parametrize(
    "seller",
    [DOMESTIC, BONDED, dataclasses.replace(DOMESTIC, revenue_share=0.95, returns=nv.Returns(0.05, 10, 120))],
    ids=["domestic", "bonded", "merchant"],
)
def test_optimal_discount_solves_the_first_order_condition(seller):
    # the root of the analytic slope, found independently, to ~1e-15; the optimiser must agree to 1e-9
    root = optimize.brentq(lambda x: _profit_slope(seller, DEMAND, x), 0.0, 0.3, xtol=1e-15)
    assert b.optimal_promotion(seller, DEMAND).discount == pytest.approx(root, abs=1.5e-9)


def test_proportional_tax_leaves_the_optimal_price_unchanged():
    # a proportional tax on top of the price scales profit, not its argmax: the seller's optimal price must not
    # move (up to the 1e-9 rounding of the discount), whatever the rest of the economics
    for seller in (DOMESTIC, BONDED, dataclasses.replace(BONDED, demand_factor=0.9)):
        r0 = b.optimal_promotion(seller, DEMAND)
        r1 = b.optimal_promotion(dataclasses.replace(seller, levy=levy("2019-11-11")), DEMAND)
        assert r1.price == pytest.approx(r0.price, rel=1e-8)


def test_optimal_promotion_is_cached_by_value():
    a = b.optimal_promotion(BONDED, DEMAND)
    same = b.Seller("bonded platform", 165.0, b.Disposal("carry over", 140.0, 30.0))
    assert b.optimal_promotion(same, b.PromotionDemand(300.0, 1000.0, 3.0, 0.5)) is a
    assert b.optimal_promotion(BONDED, DEMAND, grid_points=41) is not a
