"""Tests for helpers.policy.sellers: notebook 04's sellers pay the taxes of their channel, explicitly."""

from __future__ import annotations

import dataclasses

import pytest

from helpers import assumptions, policy
from helpers.errors import ParameterError
from helpers.inventory import pricing


@pytest.fixture(scope="module")
def params() -> dict[str, float]:
    return assumptions.values(assumptions.load_assumptions("data/assumptions/bonded.csv"))


def test_assumption_table_has_every_parameter(params):
    assert set(policy.ASSUMPTION_NAMES) <= set(params)
    # no row of the table is dead weight: every one is read by the model or the worked example
    assert set(params) - set(policy.ASSUMPTION_NAMES) == {"duty_free_price_yuan", "duty_free_volume_ml"}


def test_domestic_seller_bears_general_trade_taxes(params):
    # 2015 skincare: tariff 2%, CT 0, VAT 17%: unit cost 150 x 1.02 = 153; VAT in the price
    s = policy.domestic_seller(params, "2015-11-11", "cosmetics_skincare_ordinary")
    assert s.unit_cost == pytest.approx(153.0)
    assert s.levy_borne_by == "seller" and s.levy.rate == 0.17
    assert pricing.unit_revenue(s, 117.0) == pytest.approx(100.0)
    # make-up 2015: tariff 10%, CT 30%: 150 x 1.1 / 0.7 = 235.71
    m = policy.domestic_seller(params, "2015-11-11", "cosmetics_makeup_ordinary")
    assert m.unit_cost == pytest.approx(150 * 1.1 / 0.7)
    merchant = policy.domestic_seller(params, "2019-11-11", "cosmetics_skincare_ordinary", merchant=True)
    assert merchant.revenue_share == pytest.approx(1 - params["commission_rate"])


def test_bonded_seller_by_regime(params):
    b15 = policy.bonded_seller(params, policy.regime_on("2015-11-11"))
    assert b15.unit_cost == params["import_cost_yuan"] and b15.returns is None
    assert b15.demand_factor == pytest.approx(1 - params["no_returns_conversion_discount"])
    # 2016-18: allowed in law, rare in practice: pi of the returns, (1 - pi) kappa of demand lost
    pi, k = params["returns_practice_share_2016_2018"], params["no_returns_conversion_discount"]
    b17 = policy.bonded_seller(params, policy.regime_on("2017-11-11"))
    assert b17.returns.rate == pytest.approx(pi * params["cross_border_return_rate"])
    assert b17.demand_factor == pytest.approx(1 - (1 - pi) * k)
    b19 = policy.bonded_seller(params, policy.regime_on("2019-11-11"))
    assert b19.returns.rate == params["cross_border_return_rate"] and b19.demand_factor == 1.0
    assert b19.returns.recovery_value == pytest.approx(b19.disposal.net)
    with pytest.raises(ParameterError, match="tax_borne_by must be 'consumer' or 'seller'"):
        policy.bonded_seller(params, policy.regime_on("2019-11-11"), tax_borne_by="platform")


def test_disposals_add_general_trade_import_from_2019(params):
    names15 = [d.name for d in policy.bonded_disposals(params, policy.regime_on("2015-11-11"))]
    d19 = policy.bonded_disposals(params, policy.regime_on("2019-11-11"))
    assert len(names15) == 3 and len(d19) == 4 and "general trade" in d19[-1].name
    # net = 0.8 x 151.5 - 1.5 - 0.10 x 150 = 104.7 (skincare 2019: tariff 1%)
    assert d19[-1].net == pytest.approx(0.8 * 151.5 - 1.5 - 15.0)
    assert policy.general_trade_salvage(params, policy.regime_on("2019-11-11")) == pytest.approx(0.8 * 151.5 - 1.5)
    # a high conversion cost closes that way out: carry over is best again
    closed = {**params, "general_trade_conversion_cost_share": 0.5}
    assert "carry over" in pricing.best_disposal(policy.bonded_disposals(closed, policy.regime_on("2019-11-11"))).name


def test_build_sellers_and_the_category_reaches_every_seller(params):
    s = policy.build_sellers(params, tax_category="cosmetics_skincare_high_end")
    assert list(s) == ["merchant", "platform_before", "bonded_before", "platform_after", "bonded_after"]
    assert s["bonded_after"].levy.regime.category == "cosmetics_skincare_high_end"
    # high-end skincare from 2016-10-01: CT 15% in the domestic cost too: 150 x 1.01 / 0.85
    assert s["platform_after"].unit_cost == pytest.approx(150 * 1.01 / 0.85)
    with pytest.raises(ParameterError, match="missing parameter\\(s\\): elasticity"):
        policy.build_demand({k: v for k, v in params.items() if k != "elasticity"})


def test_same_regular_price_for_every_buyer(params):
    # the list price is what the buyer pays at the regular price, taxes included, for every seller
    s, d = policy.build_sellers(params), policy.build_demand(params)
    for role in s:
        seller = s[role]
        top = pricing.seller_list_price(seller, d)
        assert pricing.consumer_price(seller, top) == pytest.approx(d.list_price, abs=1e-6)


def test_promotion_gap_matches_direct_computation(params):
    s, d = policy.build_sellers(params), policy.build_demand(params)
    rb, rd = pricing.optimal_promotion(s["bonded_after"], d), pricing.optimal_promotion(s["platform_after"], d)
    assert policy.promotion_gap(params) == pytest.approx(rb.discount - rd.discount)
    assert policy.promotion_gap(params, measure="stock") == pytest.approx(rb.stock / rd.stock - 1)
    assert policy.promotion_gap(params, measure="consumer_price") == pytest.approx(
        rb.consumer_price - rd.consumer_price
    )
    with pytest.raises(ParameterError, match="measure must be"):
        policy.promotion_gap(params, measure="price")
    with pytest.raises(ParameterError, match="when must be 'before' or 'after'"):
        policy.promotion_gap(params, when="later")


def test_seller_features_turn_the_domestic_seller_into_the_bonded_one(params):
    s, d = policy.build_sellers(params), policy.build_demand(params)
    changed = dataclasses.replace(
        s["platform_after"], **{k: v for f in policy.seller_features(s["bonded_after"]).values() for k, v in f.items()}
    )
    assert pricing.optimal_promotion(changed, d).expected_profit == pytest.approx(
        pricing.optimal_promotion(s["bonded_after"], d).expected_profit, rel=1e-12
    )
