"""Tests of helpers.funnel.simulate: seeded, and in agreement with the exact recursion and closed forms."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from helpers.errors import ParameterError
from helpers.funnel import learning, policy
from helpers.funnel.prior import MixturePrior
from helpers.funnel.simulate import simulate_funnel

PRIOR = MixturePrior(0.75, 0.25, 20.0, 1.0, 0.5)
B = 0.8


def test_same_seed_same_numbers_other_seed_other_numbers():
    rule = policy.threshold_rule(PRIOR, B)
    a = simulate_funnel(rule, PRIOR, n_skus=5_000, replications=3, seed=7, stock_units=30)
    b = simulate_funnel(rule, PRIOR, n_skus=5_000, replications=3, seed=7, stock_units=30)
    c = simulate_funnel(rule, PRIOR, n_skus=5_000, replications=3, seed=8, stock_units=30)
    np.testing.assert_array_equal(a.kept, b.kept)
    np.testing.assert_array_equal(a.leftover, b.leftover)
    assert not np.array_equal(a.kept, c.kept)


@pytest.mark.parametrize("kind", ["threshold", "thompson"])
def test_simulation_agrees_with_exact_recursion(kind):
    rule = policy.threshold_rule(PRIOR, B) if kind == "threshold" else policy.thompson_rule(PRIOR, B)
    run = simulate_funnel(rule, PRIOR, n_skus=100_000, replications=4, seed=11, stock_units=30)
    exact = learning.prior_operating(rule, PRIOR, stock_units=30, nodes=200).funnel()
    sim = run.per_tried()
    n = run.tried.sum()
    for key in ("survival",):
        se = np.sqrt(exact[key] * (1 - exact[key]) / n)
        assert sim[key] == pytest.approx(exact[key], abs=5 * se + 1e-3)
    assert sim["sku_weeks"] == pytest.approx(exact["test_weeks"], rel=0.02)
    assert sim["leftover"] == pytest.approx(exact["leftover"], rel=0.02)
    assert sim["cut_weeks"] == pytest.approx(exact["cut_weeks"], rel=0.02)
    assert sim["cut_units"] == pytest.approx(exact["cut_units"], rel=0.03)
    m = run.summary()["mean"]
    assert m["false_cut"] == pytest.approx(exact["false_cut"], abs=0.01)
    assert m["worth_share"] == pytest.approx(1 - PRIOR.share_below(B), abs=0.005)
    assert m["low_share"] == pytest.approx(0.75, abs=0.005)


def test_first_week_cuts_match_the_poisson_closed_form():
    rates = np.array([0.1, 0.5, 1.0, 3.0])
    rule = policy.threshold_rule(PRIOR, B)
    c0 = rule.cut_at[0]
    closed = stats.poisson.cdf(c0, rates) if c0 >= 0 else np.zeros(rates.size)
    run = simulate_funnel(rule, rates=np.repeat(rates, 50_000), replications=1, seed=3)
    sim = run.cut_by_week[0, 1] / run.tried[0]
    assert sim == pytest.approx(closed.mean(), abs=0.005)
    op = learning.operating(rule, rates)
    np.testing.assert_allclose(op.cut_by_week[:, 1], closed, atol=1e-9)


def test_fixed_rates_keep_or_cut_everyone():
    rule = policy.threshold_rule(PRIOR, B)
    run = simulate_funnel(rule, rates=np.full(20_000, 40.0), replications=2, seed=1)
    assert run.kept.sum() == run.tried.sum()
    run = simulate_funnel(rule, rates=np.zeros(20_000), replications=2, seed=1)
    assert run.cut.sum() == run.tried.sum()
    assert run.measures()["test_weeks"].iloc[0] == pytest.approx(run.sku_weeks[0] / 20_000)


def test_baselines():
    every = simulate_funnel(policy.list_everything(), PRIOR, n_skus=1_000, replications=2, breakeven=B)
    assert every.kept.tolist() == [1_000, 1_000] and every.sku_weeks.sum() == 0
    nothing = simulate_funnel(policy.list_nothing_new(), PRIOR, n_skus=1_000, replications=2, breakeven=B)
    assert nothing.tried.sum() == 0 and nothing.per_tried()["survival"] == 0.0


def test_decisions_add_up_by_week():
    run = simulate_funnel(policy.thompson_rule(PRIOR, B), PRIOR, n_skus=20_000, replications=2, seed=5)
    np.testing.assert_array_equal(run.keep_by_week.sum(axis=1), run.kept)
    np.testing.assert_array_equal(run.cut_by_week.sum(axis=1), run.cut)
    np.testing.assert_array_equal(run.kept + run.cut, run.tried)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({}, "give either prior"),
        ({"prior": PRIOR, "rates": [1.0]}, "give either prior"),
        ({"prior": PRIOR, "replications": 0}, "replications"),
        ({"prior": PRIOR, "n_skus": 0}, "n_skus"),
        ({"prior": PRIOR, "seed": -1}, "seed"),
        ({"prior": PRIOR, "stock_units": -5}, "stock_units"),
        ({"rates": [1.0, -1.0]}, "rates must be finite"),
    ],
)
def test_bad_arguments_name_the_argument(kwargs, name):
    with pytest.raises(ParameterError, match=name):
        simulate_funnel(policy.threshold_rule(PRIOR, B), **kwargs)


def test_baseline_without_breakeven_is_refused():
    with pytest.raises(ParameterError, match="breakeven is needed"):
        simulate_funnel(policy.list_everything(), PRIOR, n_skus=10, replications=1)


def test_the_article_scale_funnel_agrees_with_the_exact_one():
    """The full scale that notebook 06 documents and ``benchmarks/bench_funnel.py`` times: 110,000 candidates
    x 52 weeks x 100 replications with the shipped assumptions (the notebook itself runs fewer replications)."""
    from helpers import assumptions
    from helpers.funnel import economics

    values = assumptions.values(assumptions.load_assumptions("data/assumptions/funnel.csv"))
    prior, econ = MixturePrior.from_values(values), economics.Economics.from_values(values)
    rule = economics.decision_rule(prior, econ, horizon=52)
    run = simulate_funnel(
        rule, prior, n_skus=110_000, replications=100, seed=20151114, stock_units=econ.first_batch_units
    )
    exact = learning.prior_operating(rule, prior, stock_units=econ.first_batch_units, nodes=100).funnel()
    assert run.kept.shape == (100,)
    se = np.sqrt(exact["survival"] * (1 - exact["survival"]) / run.tried.sum())
    assert run.per_tried()["survival"] == pytest.approx(exact["survival"], abs=4 * se)
    assert run.summary()["mean"]["test_weeks"] == pytest.approx(exact["test_weeks"], rel=0.01)
