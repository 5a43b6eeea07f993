"""Tests for helpers.inventory.wholesale: the supplier's wholesale price as a decision (Lariviere & Porteus 2001)."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from helpers.errors import ParameterError
from helpers.inventory import (
    ChannelParams,
    lognormal_demand,
    lognormal_sigma,
    lognormal_unit_profits,
    platform_response,
    supplier_wholesale,
    wholesale_best_response,
)
from helpers.inventory import newsvendor as nv

RETURNS = nv.Returns(rate=0.1, handling_cost=5, recovery_value=60)
PARAMS = ChannelParams(
    price=100,
    unit_cost=60,
    commission=0.05,
    merchant_salvage=30,
    platform_salvage=30,
    returns=RETURNS,
    fixed_cost=0.0,
    buyback_share=0.8,
)


@pytest.mark.parametrize("arrangement", ["procurement", "buyback"])
def test_best_response_beats_every_price_on_a_fine_grid(arrangement: str) -> None:
    demand = lognormal_demand(300, 0.6)  # closed form and numerical search both checked against a brute-force grid
    w_star = supplier_wholesale(demand, PARAMS, arrangement)
    assert w_star == pytest.approx(supplier_wholesale(demand, PARAMS, arrangement, closed_form=False), abs=2e-4)
    grid = np.linspace(60.05, 95.0, 700)
    profits = [platform_response(demand, PARAMS, w, arrangement)["supplier"] for w in grid]
    best = platform_response(demand, PARAMS, w_star, arrangement)["supplier"]
    assert best >= max(profits) - 1e-6
    assert abs(w_star - grid[int(np.argmax(profits))]) < 0.1


def test_closed_form_lognormal_agrees_with_the_general_solver() -> None:
    for cv in (0.3, 0.7, 1.2):
        for params in (PARAMS, replace(PARAMS, fixed_cost=400.0)):
            for arrangement in ("procurement", "buyback"):
                general = supplier_wholesale(lognormal_demand(150, cv), params, arrangement, closed_form=False)
                vector = float(wholesale_best_response(params, lognormal_sigma(cv), 150.0, arrangement))
                assert vector == pytest.approx(general, abs=2e-4), (cv, params.fixed_cost, arrangement)


def test_unit_profits_match_the_newsvendor_core() -> None:
    sigma, w = lognormal_sigma(0.7), 80.0
    supplier, platform, stock = lognormal_unit_profits(PARAMS, w, sigma, "procurement")
    demand = lognormal_demand(1.0, 0.7)
    q = nv.optimal_order(demand, 100, w, 30, returns=RETURNS)
    assert float(stock) == pytest.approx(q, rel=1e-9)
    assert float(platform) == pytest.approx(nv.expected_profit(q, demand, 100, w, 30, returns=RETURNS), rel=1e-9)
    assert float(supplier) == pytest.approx(20 * q, rel=1e-9)


def test_the_fixed_cost_caps_the_price_and_can_rule_trade_out() -> None:
    params = replace(PARAMS, fixed_cost=500.0)
    sigma = lognormal_sigma(0.7)
    w = wholesale_best_response(params, np.full(3, sigma), np.array([20.0, 60.0, 5_000.0]))
    free = float(wholesale_best_response(PARAMS, sigma))
    assert math.isnan(w[0])  # too small to cover the platform's fixed cost at any price
    assert w[1] < free and w[2] == pytest.approx(free, abs=1e-6)
    _, platform, _ = lognormal_unit_profits(params, w[1], sigma, "procurement")
    assert 60.0 * float(platform) - 500.0 == pytest.approx(0.0, abs=1e-3)


def test_lariviere_porteus_price_falls_as_demand_grows_more_variable_here() -> None:
    """With IGFR demand the price-only contract's wholesale price responds to the spread of demand."""
    w = wholesale_best_response(PARAMS, lognormal_sigma(np.array([0.2, 0.5, 1.0])))
    assert np.all(np.diff(w) < 0)
    # the lognormal has an increasing generalised failure rate, x f(x) / (1 - F(x)): the unimodality condition
    x = np.linspace(1, 2000, 400)
    d = lognormal_demand(300, 0.7)
    assert np.all(np.diff(x * d.pdf(x) / d.sf(x)) > 0)


def test_bad_arrangement() -> None:
    with pytest.raises(ParameterError, match="arrangement must be 'procurement' or 'buyback'"):
        supplier_wholesale(lognormal_demand(10, 0.5), PARAMS, "consignment")
    with pytest.raises(ParameterError, match="sigma and planned_mean must be finite and > 0"):
        wholesale_best_response(PARAMS, -1.0)
