"""Tests for helpers.inventory.arrangements and .params: consignment, buyback and procurement for one product."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from helpers.errors import ParameterError
from helpers.inventory import (
    ChannelParams,
    buyback,
    compare_channels,
    consignment,
    integrated,
    lognormal_demand,
    procurement,
    procurement_window,
    realised_profits,
    simulate_channels,
    stock_vs_salvage,
    wholesale_sweep,
)
from helpers.inventory import newsvendor as nv

RETURNS = nv.Returns(rate=0.1, handling_cost=5, recovery_value=60)
PARAMS = ChannelParams(
    price=100,
    unit_cost=60,
    commission=0.05,
    merchant_salvage=30,
    platform_salvage=20,
    returns=RETURNS,
    ad_fee_rate=0.05,
    fixed_cost=300.0,
    buyback_share=0.8,
)
FIXED_W = replace(PARAMS, wholesale=75.0)
DEMAND = lognormal_demand(500, 0.7)


# --- one product, by hand -------------------------------------------------------------------------------------


def test_consignment_by_hand() -> None:
    r = consignment(DEMAND, PARAMS)
    m = 0.9 * 95 + 0.1 * 55  # merchant's net revenue per unit sold
    assert r.fractile == pytest.approx((m - 60) / (m - 30))
    assert r.order == pytest.approx(float(DEMAND.ppf(r.fractile)))
    sales = float(nv.expected_sales(r.order, DEMAND))
    ad = 0.05 * 100 * 500
    assert r.merchant_profit == pytest.approx(m * sales + 30 * (r.order - sales) - 60 * r.order - ad - 300)
    assert r.platform_profit == pytest.approx(0.05 * 100 * 0.9 * sales + ad)
    assert r.platform_p_loss == 0.0 and r.participates and math.isnan(r.wholesale)


def test_procurement_by_hand_with_a_fixed_wholesale_price() -> None:
    r = procurement(DEMAND, FIXED_W)
    m = 0.9 * 100 + 0.1 * 55
    assert r.fractile == pytest.approx((m - 75) / (m - 20))
    assert r.merchant_profit == pytest.approx(15 * r.order)
    assert r.merchant_p_loss == 0.0  # by construction: the supplier is paid for every unit ordered
    expected = nv.expected_profit(r.order, DEMAND, 100, 75, 20, returns=RETURNS) - 300
    assert r.platform_profit == pytest.approx(expected)


def test_buyback_by_hand_and_its_supplier_can_lose() -> None:
    r = buyback(DEMAND, FIXED_W)
    m, b = 0.9 * 100 + 0.1 * 55, 0.8 * 75
    assert r.fractile == pytest.approx((m - 75) / (m - b))
    left = r.order - float(nv.expected_sales(r.order, DEMAND))
    assert r.merchant_profit == pytest.approx(15 * r.order - (b - 30) * left)
    assert r.merchant_p_loss == pytest.approx(float(DEMAND.cdf(r.order * (1 - 15 / (b - 30)))))
    assert 0 < r.merchant_p_loss < 1
    # a low buyback share leaves the supplier unable to lose: it refunds less per return than it earns per unit
    assert buyback(DEMAND, replace(FIXED_W, buyback_share=0.5)).merchant_p_loss == 0.0


@pytest.mark.parametrize("arrangement", ["consignment", "buyback", "procurement"])
def test_parties_add_up_and_never_beat_the_integrated_channel(arrangement: str) -> None:
    r = {"consignment": consignment, "buyback": buyback, "procurement": procurement}[arrangement](DEMAND, PARAMS)
    best = integrated(DEMAND, PARAMS)
    assert r.channel_profit <= best + 1e-6
    table = compare_channels(DEMAND, PARAMS, [arrangement])
    assert table["channel_efficiency"].iloc[0] == pytest.approx(r.channel_profit / best)
    assert table["expected_profit_yuan"].sum() == pytest.approx(r.channel_profit)


def test_efficiency_ranking_at_base() -> None:
    """A small commission barely distorts stocking; a supplier-set wholesale price does (double marginalisation)."""
    t = compare_channels(DEMAND, PARAMS).drop_duplicates("arrangement").set_index("arrangement")["channel_efficiency"]
    assert t["consignment"] > 0.99
    assert t["procurement"] < t["buyback"] < t["consignment"]


def test_simulation_agrees_with_closed_forms() -> None:
    sims = simulate_channels(DEMAND, PARAMS, n_draws=200_000, seed=3)
    table = compare_channels(DEMAND, PARAMS).set_index(["arrangement", "party"])
    for (arrangement, party), group in sims.groupby(["arrangement", "party"]):
        x = group["profit_yuan"].to_numpy()
        expected = table.loc[(arrangement, party)]
        se = max(x.std(ddof=1) / math.sqrt(x.size), 1e-9)
        assert abs(x.mean() - expected["expected_profit_yuan"]) < 4 * se + 1e-9
        assert abs((x < 0).mean() - expected["p_loss"]) < 4 * math.sqrt(0.25 / x.size) + 1e-9


def test_realised_profits_match_the_newsvendor_core() -> None:
    q, d = 400.0, np.array([100.0, 400.0, 900.0])
    merchant, platform = realised_profits("procurement", q, d, FIXED_W, wholesale=75.0)
    np.testing.assert_allclose(platform, nv.profit_at_demand(q, d, 100, 75, 20, returns=RETURNS) - 300)
    np.testing.assert_allclose(merchant, 15 * q)
    merchant, _ = realised_profits("consignment", q, d, PARAMS, ad_fee=2500.0)
    np.testing.assert_allclose(merchant, nv.profit_at_demand(q, d, 95, 60, 30, returns=RETURNS) - 2800)
    zero = realised_profits("buyback", 0.0, d, FIXED_W, wholesale=75.0)
    assert np.all(zero[0] == 0) and np.all(zero[1] == 0)  # no trade: no fixed cost either
    with pytest.raises(ParameterError, match="wholesale must be a finite price"):
        realised_profits("procurement", q, d, PARAMS)


# --- one participation rule --------------------------------------------------------------------------------------


def test_consignment_merchant_stays_out_when_it_expects_a_loss() -> None:
    small = lognormal_demand(10, 0.7)
    r = consignment(small, PARAMS)
    assert not r.participates and r.order == 0 and r.platform_profit == 0 and r.merchant_profit == 0
    assert consignment(small, replace(PARAMS, fixed_cost=0.0)).participates


def test_supplier_cuts_its_price_to_keep_a_small_product_listed() -> None:
    small = lognormal_demand(40, 0.7)
    free = procurement(small, replace(PARAMS, fixed_cost=0.0))
    kept = procurement(small, PARAMS)
    assert kept.participates and kept.wholesale < free.wholesale
    assert kept.platform_profit == pytest.approx(0.0, abs=1e-3)  # the platform just covers its fixed cost
    assert not procurement(lognormal_demand(5, 0.7), PARAMS).participates


def test_fixed_wholesale_price_and_the_platform_exit() -> None:
    r = procurement(lognormal_demand(10, 0.7), FIXED_W)
    assert not r.participates  # at 75 yuan the platform cannot cover 300 yuan on 10 units


# --- tables and sweeps -------------------------------------------------------------------------------------------


def test_stock_rises_with_salvage_value() -> None:
    t = stock_vs_salvage(DEMAND, PARAMS, [-20.0, 0.0, 20.0, 40.0])
    for _, g in t.groupby("arrangement"):
        assert np.all(np.diff(g["order_units"]) > 0)
    with pytest.raises(ParameterError, match="salvage 60: merchant_salvage must be below unit_cost"):
        stock_vs_salvage(DEMAND, PARAMS, [60.0])


def test_procurement_window_agrees_with_the_sweep() -> None:
    params = replace(PARAMS, platform_salvage=30.0, fixed_cost=500.0)  # notebook 03's base case
    demand = lognormal_demand(240, 0.6946)
    w = procurement_window(demand, params)
    base = consignment(demand, params)
    sweep = wholesale_sweep(demand, params, [w["platform_max"] - 0.5, w["platform_max"] + 0.5])
    assert sweep.platform_profit_yuan.iloc[0] > base.platform_profit > sweep.platform_profit_yuan.iloc[1]
    sweep = wholesale_sweep(demand, params, [w["merchant_min"] - 0.5, w["merchant_min"] + 0.5])
    assert sweep.merchant_profit_yuan.iloc[0] < base.merchant_profit < sweep.merchant_profit_yuan.iloc[1]
    assert w["mutual"] == 0.0 and w["platform_max"] < w["merchant_min"] < w["best_response"]
    assert w["best_response"] == pytest.approx(procurement(demand, params).wholesale)
    # where the merchant never prefers procurement, the window says so
    assert math.isnan(procurement_window(DEMAND, PARAMS)["merchant_min"])


# --- parameters --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"commission": 1.0}, r"commission must be < 1"),
        ({"wholesale": 55.0}, "wholesale must lie between unit_cost and price"),
        ({"wholesale": 100.0}, "wholesale must lie between unit_cost and price"),
        ({"merchant_salvage": 60.0}, "merchant_salvage must be below unit_cost"),
        ({"platform_salvage": 80.0}, "platform_salvage must be below unit_cost"),
        ({"ad_fee_rate": -0.1}, "ad_fee_rate must be >= 0"),
        ({"price": "100"}, "price must be a number"),
        ({"price": 50.0}, r"price \(50 yuan\) must exceed unit_cost"),
        ({"buyback_share": 1.0}, "buyback_share must be < 1"),
        ({"fixed_cost": -1.0}, "fixed_cost must be >= 0"),
    ],
)
def test_bad_channel_params(changes: dict, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        replace(PARAMS, **changes)


def test_from_values_and_missing_names() -> None:
    v = dict(
        price=100,
        unit_cost=60,
        commission=0.05,
        merchant_salvage=30,
        platform_salvage=20,
        return_rate=0.1,
        return_handling_cost=5,
        return_recovery=60,
        ad_fee_rate=0.05,
        stocking_fixed_cost=300,
        buyback_share=0.8,
    )
    assert ChannelParams.from_values(v) == PARAMS
    assert ChannelParams.from_values({**v, "wholesale": 75}) == FIXED_W
    del v["unit_cost"]
    with pytest.raises(ParameterError, match=r"missing parameter\(s\): unit_cost"):
        ChannelParams.from_values(v)


def test_arrangement_names_are_checked() -> None:
    with pytest.raises(ParameterError, match="arrangements must be among consignment, buyback, procurement"):
        compare_channels(DEMAND, PARAMS, ["barter"])
    with pytest.raises(ParameterError, match="n_draws must be >= 1"):
        simulate_channels(DEMAND, PARAMS, n_draws=0)
