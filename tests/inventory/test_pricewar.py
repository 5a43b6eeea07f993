"""Tests for helpers.inventory.pricewar: matched discounting with one exit rule for every party."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from helpers.errors import ParameterError
from helpers.inventory import ChannelParams, consignment, lognormal_demand, price_war, price_war_summary, procurement
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
)


@pytest.fixture(scope="module")
def war():
    return price_war(500, 0.7, PARAMS, rounds=10, discount=0.05, elasticity=2.0)


def test_round_zero_matches_the_single_product(war) -> None:
    w = war.set_index(["round", "arrangement"])
    demand = lognormal_demand(500, 0.7)
    c0, p0 = consignment(demand, PARAMS), procurement(demand, PARAMS)
    assert w.loc[(0, "consignment"), "merchant_profit_yuan"] == pytest.approx(c0.merchant_profit)
    assert w.loc[(0, "consignment"), "platform_profit_yuan"] == pytest.approx(c0.platform_profit)
    assert w.loc[(0, "procurement"), "wholesale_yuan"] == pytest.approx(p0.wholesale)
    assert w.loc[(0, "procurement"), "platform_profit_yuan"] == pytest.approx(p0.platform_profit)


def test_every_party_follows_the_same_exit_rule(war) -> None:
    """Issue 12: with trade, both expected profits are >= 0; without it, nothing is stocked or earned."""
    traded = war[war.participates]
    assert (traded[["merchant_profit_yuan", "platform_profit_yuan"]] >= -1e-6).all().all()
    out = war[~war.participates]
    assert (out[["order_units", "merchant_profit_yuan", "platform_profit_yuan", "gmv_yuan"]] == 0).all().all()
    assert len(out[out.arrangement == "consignment"]) > 0  # the consignment merchant exits too


def test_the_supplier_resets_its_price_every_round(war) -> None:
    proc = war[(war.arrangement == "procurement") & war.participates]
    assert np.all(np.diff(proc["wholesale_yuan"]) < 0)
    assert np.all(proc["wholesale_yuan"] > 60) and np.all(proc["wholesale_yuan"] < proc["price_yuan"])


def test_fixed_wholesale_price_stops_procurement_when_the_price_falls_below_it() -> None:
    w = price_war(500, 0.7, replace(PARAMS, wholesale=75.0), rounds=8, discount=0.05, elasticity=2.0)
    proc = w[w.arrangement == "procurement"]
    assert not proc.loc[proc.price_yuan <= 75, "participates"].any()


def test_summary(war) -> None:
    s = price_war_summary(war)
    assert set(s.index) == {"consignment", "procurement"}
    c = s.loc["consignment"]
    assert c["exit_round"] == war.loc[(war.arrangement == "consignment") & ~war.participates, "round"].min()
    assert c["platform_peak_ratio"] >= 1.0  # the commission grows with volume before the merchant exits


def test_bad_input() -> None:
    with pytest.raises(ParameterError, match="discount must be < 1"):
        price_war(500, 0.7, PARAMS, rounds=3, discount=1.2, elasticity=2.0)
    with pytest.raises(ParameterError, match="rounds must be >= 0"):
        price_war(500, 0.7, PARAMS, rounds=-1, discount=0.1, elasticity=2.0)
    with pytest.raises(ParameterError, match="arrangements must be among"):
        price_war(500, 0.7, PARAMS, rounds=1, discount=0.1, elasticity=2.0, arrangements=["x"])
