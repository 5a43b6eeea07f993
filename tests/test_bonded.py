"""Tests for helpers.bonded: salvage and returns regimes, the price-setting newsvendor, landed prices.

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

from helpers import bonded as b
from helpers import newsvendor as nv
from helpers.errors import ParameterError

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
    s = dataclasses.replace(BONDED, tax_date="2019-11-11")
    # 2019, ordinary cosmetics: 0.7 x 13% = 9.1% -> 27.3 on 300
    assert b.import_tax(s, 300) == pytest.approx(27.3)
    assert b.consumer_price(s, 300) == pytest.approx(327.3)
    assert b.unit_revenue(s, 300) == pytest.approx(300.0)
    absorbed = dataclasses.replace(s, tax_borne_by="seller")
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
    s = dataclasses.replace(DOMESTIC, tax_date="2019-11-11", tax_borne_by="seller")
    assert b.optimal_promotion(s, d).price == pytest.approx(1.5 * 165 / 0.909, rel=2e-3)


def test_multiplicative_uncertainty_raises_the_price():
    # Petruzzi & Dada (1999): with multiplicative demand p* >= the riskless price (247.5)
    r = b.optimal_promotion(DOMESTIC, DEMAND)
    assert r.price > 1.5 * 165 + 5


def test_consumer_borne_proportional_tax_scales_demand_not_price():
    # iso-elastic: demand at (1 + t) p is (1 + t)^-b times demand at p, so p* is unchanged
    # and stock and profit scale by (1 + t)^-b; 2019 ordinary cosmetics t = 0.091
    taxed = dataclasses.replace(DOMESTIC, tax_date="2019-11-11")
    r0, r1 = b.optimal_promotion(DOMESTIC, DEMAND), b.optimal_promotion(taxed, DEMAND)
    assert r1.discount == pytest.approx(r0.discount, abs=1e-4)
    assert r1.stock / r0.stock == pytest.approx(1.091**-3, rel=1e-4)
    assert r1.expected_profit / r0.expected_profit == pytest.approx(1.091**-3, rel=1e-4)


def test_postal_exemption_kink():
    # 2015 cosmetics: tax 50% of the price unless it is <= 50 yuan, i.e. price <= 100.
    # cost 80, list 120, b = 3, nearly deterministic. Without tax the optimum is the list price
    # (Lerner 1.5 x 80 = 120). With the tax on top, at 120 the buyer pays 180:
    #   profit ~ (180/120)^-3 x 40 = 11.85 per unit of base demand;
    # at 100 the buyer pays 100: (100/120)^-3 x 20 = 34.56 -> the optimum sits on the kink, 100.
    d = b.PromotionDemand(120, 1000, 3, 1e-4)
    s = b.Seller("bonded 2015", 80, b.Disposal("carry", 50), tax_date="2015-11-11")
    r = b.optimal_promotion(s, d)
    assert r.price == pytest.approx(100.0, abs=0.2)
    assert r.consumer_price == pytest.approx(r.price)  # exempt
    assert b.optimal_promotion(dataclasses.replace(s, tax_date=None), d).discount == pytest.approx(0.0, abs=1e-3)


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

    best = optimize.minimize(profit, x0=[260.0, 1500.0], method="Nelder-Mead",
                             options={"xatol": 1e-4, "fatol": 1e-4, "maxiter": 4000})
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
    without = b.promotion_profit(BONDED, DEMAND, 0.1).expected_profit
    assert k == pytest.approx(1 - with_r / without, abs=1e-8)
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
    steps = [("bonded salvage", {"disposal": CARRY}), ("tax 2019", {"tax_date": "2019-11-11"})]
    t = b.decompose(DOMESTIC, steps, DEMAND)
    final = b.optimal_promotion(dataclasses.replace(DOMESTIC, disposal=CARRY, tax_date="2019-11-11"), DEMAND)
    assert t["expected_profit"].iloc[-1] == pytest.approx(final.expected_profit)
    assert t["change_stock"].sum() == pytest.approx(t["stock"].iloc[-1] - t["stock"].iloc[0])


# ---------------------------------------------------------------------------
# landed price
def test_landed_price_comparison_worked_example():
    # 300 yuan, 30 ml (10 yuan/ml -> high-end from 2016-10-01)
    t = b.landed_price_comparison(300, ["2015-11-11", "2016-06-18", "2016-11-11", "2019-11-11"], volume_ml=30)
    # 2015 postal 50% = 150; 2016-06 47% = 141; 2016-11 high-end 26.353% = 79.06; 2019 high-end 69.18
    assert t["tax_yuan"].round(2).tolist() == [150.0, 141.0, 79.06, 69.18]
    assert t["category"].tolist()[2:] == ["cosmetics_high_end", "cosmetics_high_end"]
    t2 = b.landed_price_comparison(300, ["2016-11-11"], volume_ml=100)
    assert t2["tax_yuan"].iloc[0] == pytest.approx(35.7)  # ordinary: 11.9%


# ---------------------------------------------------------------------------
# bad inputs
def test_bad_inputs():
    with pytest.raises(ParameterError, match="salvage \\(170\\) must be below unit_cost \\(165 yuan\\)"):
        b.Seller("x", 165, b.Disposal("d", 170))
    with pytest.raises(ParameterError, match="PromotionDemand.elasticity must be > 0"):
        b.PromotionDemand(300, 1000, -1, 0.5)
    with pytest.raises(ParameterError, match="discount must be a share in \\[0, 1\\), got 1.2"):
        b.promotion_profit(DOMESTIC, DEMAND, 1.2)
    with pytest.raises(ParameterError, match="tax_borne_by must be 'consumer' or 'seller'"):
        b.Seller("x", 165, CARRY, tax_borne_by="platform")
    with pytest.raises(ParameterError, match="holding_cost must be >= 0"):
        b.Disposal("d", 10, -1)
    with pytest.raises(ParameterError, match="revenue_share must be in \\(0, 1\\]"):
        b.Seller("x", 165, CARRY, revenue_share=1.5)
    with pytest.raises(ParameterError, match="no_returns_discount must be a share"):
        b.returns_regimes(BONDED, DEMAND, discount=0.1, no_returns_discount=1.0, returns=nv.Returns(0.1, 1, 1))
    with pytest.raises(ParameterError, match="max_discount must be in \\(0, 1\\)"):
        b.optimal_promotion(BONDED, DEMAND, max_discount=1.0)
    assert math.isfinite(b.optimal_promotion(BONDED, DEMAND).expected_profit)


# ---------------------------------------------------------------------------
# the notebook scenario built from data/assumptions/bonded.csv
@pytest.fixture(scope="module")
def params():
    from helpers import assumptions

    return assumptions.values(assumptions.load_assumptions("data/assumptions/bonded.csv"))


def test_assumption_table_has_every_parameter(params):
    assert set(b.ASSUMPTION_NAMES) <= set(params)


def test_build_sellers(params):
    sellers = b.build_sellers(params)
    assert len(sellers) == 4
    merchant, platform, bonded_2015, bonded_2019 = sellers
    assert merchant.revenue_share == pytest.approx(1 - params["commission_rate"])
    assert platform.disposal.salvage == pytest.approx(params["domestic_salvage_share"] * params["wholesale_cost_yuan"])
    # best bonded disposal at base: carry over, (0.85 - 0.20) x 165 = 107.25 > re-export 41.25 > destroy -8.25
    assert bonded_2015.disposal.net == pytest.approx(0.65 * 165)
    assert bonded_2015.returns is None and bonded_2015.demand_factor == pytest.approx(0.9)
    assert bonded_2019.returns.rate == params["cross_border_return_rate"]
    assert bonded_2019.returns.recovery_value == pytest.approx(0.65 * 165)
    assert (bonded_2015.tax_date, bonded_2019.tax_date) == ("2015-11-11", "2019-11-11")
    with pytest.raises(ParameterError, match="missing parameter\\(s\\): elasticity"):
        b.build_demand({k: v for k, v in params.items() if k != "elasticity"})


def test_promotion_gap_matches_direct_computation(params):
    sellers, demand = b.build_sellers(params), b.build_demand(params)
    rb, rd = b.optimal_promotion(sellers[3], demand), b.optimal_promotion(sellers[1], demand)
    assert b.promotion_gap(params, bonded=3) == pytest.approx(rb.discount - rd.discount)
    assert b.promotion_gap(params, bonded=3, measure="stock") == pytest.approx(rb.stock / rd.stock - 1)
    with pytest.raises(ParameterError, match="measure must be"):
        b.promotion_gap(params, measure="price")


def test_flip_point():
    f = lambda p: p["x"] ** 2 - 0.25  # noqa: E731
    assert b.flip_point(f, {"x": 0.0}, "x", 0.0, 1.0) == pytest.approx(0.5, abs=1e-6)
    assert b.flip_point(f, {"x": 0.0}, "x", 0.6, 1.0) is None
    with pytest.raises(ParameterError, match="'y' is not in the base case"):
        b.flip_point(f, {"x": 0.0}, "y", 0.0, 1.0)


def test_best_by_salvage_is_the_ridge_of_the_surface():
    salvages = [-10.0, 60.0, 132.0]
    ridge = b.best_by_salvage(BONDED, DEMAND, salvages)
    s = dataclasses.replace(BONDED, disposal=dataclasses.replace(CARRY, salvage=60.0))
    assert ridge["discount"].iloc[1] == pytest.approx(b.optimal_promotion(s, DEMAND).discount)
    surface = b.profit_surface(BONDED, DEMAND, list(np.linspace(0, 0.3, 31)), salvages)
    # the optimum is at least as good as every grid point of its row
    assert (ridge["expected_profit"].to_numpy() >= surface.max(axis=1).to_numpy() - 1e-6).all()
    assert (np.diff(ridge["discount"]) > 0).all()


def test_steps_towards_reaches_the_target(params):
    sellers, demand = b.build_sellers(params), b.build_demand(params)
    t = b.decompose(sellers[1], b.steps_towards(sellers[3]), demand)
    assert t["expected_profit"].iloc[-1] == pytest.approx(b.optimal_promotion(sellers[3], demand).expected_profit)
