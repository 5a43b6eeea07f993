"""Tests of helpers.funnel.economics: cost formulas by hand, closed forms for the baselines, who bears the cost."""

from __future__ import annotations

import pytest

from helpers import assumptions, paths
from helpers.errors import ParameterError
from helpers.funnel import economics, learning, policy
from helpers.funnel.prior import MixturePrior
from helpers.funnel.simulate import simulate_funnel

PRIOR = MixturePrior(0.75, 0.25, 20.0, 1.0, 0.5)
ECON = economics.Economics(200, 0.25, 3000, 40, 30, 0.25, 104)


def test_the_assumption_table_builds_the_model():
    values = assumptions.values(assumptions.load_assumptions(paths.ROOT / "data/assumptions/funnel.csv"))
    assert set(economics.MODEL_NAMES) <= set(values)
    prior = MixturePrior.from_values(values)
    econ = economics.Economics.from_values(values)
    assert econ.breakeven() == pytest.approx(
        values["weekly_cost_yuan"] / (values["price_yuan"] * values["gross_margin_share"])
    )
    assert 0 < economics.evaluate(values, "survival") < 1
    assert prior.unwanted_share == values["unwanted_share"]


def test_terms_and_breakevens():
    t = ECON.terms("procurement", "platform")
    assert (t.listing, t.weekly, t.margin, t.stock_units) == (3000, 40, 50, 30)
    assert t.writeoff == pytest.approx(150 * 0.75)
    m = ECON.terms("marketplace", "merchant")
    assert m.margin == pytest.approx(50 - 10) and m.writeoff == pytest.approx(150 * 0.4)
    p = ECON.terms("marketplace", "platform")
    assert (p.listing, p.weekly, p.margin, p.stock_units) == (200, 2, 10, 0)
    assert ECON.breakeven("procurement") == pytest.approx(0.8)
    assert ECON.breakeven("marketplace") == pytest.approx(1.0)
    assert ECON.terms("procurement", "merchant").breakeven == float("inf")


def test_learning_cost_by_hand_and_from_simulation():
    t = ECON.terms("procurement", "platform")
    by_hand = {"survival": 0.2, "cut_weeks": 2.0, "cut_units": 1.0, "leftover": 20.0, "stock_units": 30}
    assert economics.learning_cost(by_hand, t) == pytest.approx(3000 + 80 - 50 + 112.5 * 20)
    assert economics.cost_per_survivor(by_hand, t) == pytest.approx((3000 + 80 - 50 + 2250) / 0.2)
    rule = economics.decision_rule(PRIOR, ECON)
    exact = learning.prior_operating(rule, PRIOR, stock_units=30, nodes=200)
    run = simulate_funnel(rule, PRIOR, n_skus=100_000, replications=3, seed=2, stock_units=30)
    assert economics.cost_per_survivor(run, t) == pytest.approx(economics.cost_per_survivor(exact, t), rel=0.02)


def test_a_result_with_other_stock_is_refused():
    rule = economics.decision_rule(PRIOR, ECON)
    op = learning.prior_operating(rule, PRIOR, stock_units=10, nodes=20)
    with pytest.raises(ParameterError, match="stock_units=30"):
        economics.learning_cost(op, ECON.terms("procurement", "platform"))


def test_list_everything_value_has_a_closed_form():
    t = ECON.terms("procurement", "platform")
    op = learning.prior_operating(policy.list_everything(), PRIOR, breakeven=0.8, stock_units=30, nodes=400)
    value = float(op.weights @ economics.value_per_sku(op, t, 104))
    closed = -3000 + (PRIOR.mean() * 50 - 40) * 104
    assert value == pytest.approx(closed, rel=0.01)
    table = economics.rule_table(PRIOR, ECON, {"all": policy.list_everything(), "none": policy.list_nothing_new()})
    assert table.loc["none", "value_per_tried"] == 0.0
    assert table.loc["all", "cost_per_survivor"] == pytest.approx(3000)


def test_testing_beats_both_baselines_at_base_values():
    rules = {
        "test": economics.decision_rule(PRIOR, ECON),
        "all": policy.list_everything(),
        "none": policy.list_nothing_new(),
    }
    v = economics.rule_table(PRIOR, ECON, rules, nodes=60)["value_per_tried"]
    assert v["test"] > v["all"] > v["none"]


def test_tried_share_cases():
    assert economics.tried_share(-1.0, -1.0, 0.75, 4)[0] == 0.0
    assert economics.tried_share(1.0, 1.0, 0.75, 4) == (1.0, 1.0)
    u_max, share = economics.tried_share(-1000.0, 3000.0, 0.75, 4.0)
    assert u_max == pytest.approx(0.75)
    from scipy import stats

    assert share == pytest.approx(stats.beta.cdf(0.75, 3.0, 1.0))


def test_arrangements_move_the_learning_cost_to_merchants():
    t = economics.arrangement_table(PRIOR, ECON, nodes=40).set_index(["arrangement", "party"])
    assert t.loc[("procurement", "merchant"), "learning_cost"] == 0.0
    assert (
        t.loc[("procurement", "platform"), "learning_cost"] > 10 * t.loc[("marketplace", "platform"), "learning_cost"]
    )
    assert t.loc[("marketplace", "merchant"), "learning_cost"] > 0
    assert 0 < t.loc[("marketplace", "merchant"), "arrangement_tried_share"] <= 1


def test_faster_learning_and_double11():
    fl = economics.faster_learning(PRIOR, ECON, [1.0, 3.0], nodes=40)
    assert fl.loc[3.0, "test_weeks"] < fl.loc[1.0, "test_weeks"]
    assert fl.loc[3.0, "gain_per_tried"] > 0 and fl.loc[1.0, "gain_per_tried"] == 0
    d11 = economics.double11_test(PRIOR, ECON, nodes=40)
    assert d11.loc["Double 11", "false_cut"] < d11.loc["ordinary week", "false_cut"]
    no_discount = economics.double11_test(
        PRIOR, economics.Economics(200, 0.25, 3000, 40, 30, 0.25, 104, spike_discount=0.0), nodes=40
    )
    assert no_discount.loc["Double 11", "learning_cost"] < d11.loc["Double 11", "learning_cost"]


@pytest.mark.parametrize(
    "change, name",
    [
        ({"price_yuan": 0}, "price_yuan"),
        ({"gross_margin_share": 1.2}, "gross_margin_share"),
        ({"salvage_share": -0.1}, "salvage_share"),
        ({"commission_rate": 0.3}, "commission_rate must be below gross_margin_share"),
        ({"spike_multiplier": 0.5}, "spike_multiplier"),
        ({"weekly_cost_yuan": float("inf")}, "weekly_cost_yuan"),
    ],
)
def test_bad_economics_name_the_parameter(change, name):
    base = {
        "price_yuan": 200,
        "gross_margin_share": 0.25,
        "listing_cost_yuan": 3000,
        "weekly_cost_yuan": 40,
        "first_batch_units": 30,
        "salvage_share": 0.25,
        "keep_life_weeks": 104,
    }
    with pytest.raises(ParameterError, match=name):
        economics.Economics(**{**base, **change})


def test_bad_choices_are_refused():
    with pytest.raises(ParameterError, match="arrangement"):
        ECON.terms("consignment", "platform")
    with pytest.raises(ParameterError, match="outcome"):
        economics.evaluate({}, "profit")
    with pytest.raises(ParameterError, match="missing"):
        economics.Economics.from_values({"price_yuan": 100})
