"""Tests for helpers.policy.decomposition: the Shapley decomposition is order-free, additive and exact."""

from __future__ import annotations

import itertools

import pytest

from helpers import policy
from helpers.errors import ParameterError
from helpers.inventory.pricing import Disposal, PromotionDemand, Seller, optimal_promotion

DEMAND = PromotionDemand(300, 1000, 3, 0.5)
START = Seller("a", 150, Disposal("x", 120))
FEATURES = {"cost": {"unit_cost": 165}, "salvage": {"disposal": Disposal("y", 40)}, "demand": {"demand_factor": 0.9}}


def _v(names):
    changes = {}
    for n in names:
        changes.update(FEATURES[n])
    import dataclasses

    return optimal_promotion(dataclasses.replace(START, **changes), DEMAND).stock


def test_shapley_adds_up_and_equals_the_average_over_orders():
    r = policy.shapley(START, FEATURES, DEMAND)
    total = r.end["stock"] - r.start["stock"]
    assert r.values["stock"].sum() == pytest.approx(total, rel=1e-12)
    # independent: average each feature's marginal contribution over the 3! orders
    for name in FEATURES:
        contributions = []
        for order in itertools.permutations(FEATURES):
            before = order[: order.index(name)]
            contributions.append(_v(before + (name,)) - _v(before))
        assert r.values.loc[name, "stock"] == pytest.approx(sum(contributions) / 6, rel=1e-12)
        assert r.values.loc[name, "stock_min"] == pytest.approx(min(contributions))
        assert r.values.loc[name, "stock_max"] == pytest.approx(max(contributions))
    assert len(r.orders) == 6 * 3
    assert policy.orders_table(r).shape == (6, 3)


def test_demand_scale_alone_is_order_free_for_stock_share():
    # a pure demand factor scales stock proportionally: its share of the log change does not depend on the order,
    # but its contribution in units does; min < max unless the other features do nothing
    r = policy.shapley(START, FEATURES, DEMAND)
    assert r.values.loc["demand", "stock_min"] < r.values.loc["demand", "stock_max"]
    s = r.summary("stock")
    assert s["share_of_change"].sum() == pytest.approx(1.0)


def test_bad_features():
    with pytest.raises(ParameterError, match="fields that a Seller does not have: colour"):
        policy.shapley(START, {"x": {"colour": "red"}}, DEMAND)
    with pytest.raises(ParameterError, match="1 to 6 features"):
        policy.shapley(START, {}, DEMAND)
    r = policy.shapley(START, {"cost": {"unit_cost": 165}}, DEMAND)
    with pytest.raises(ParameterError, match="measure must be one of"):
        r.summary("colour")
