"""Tests of helpers.funnel.learning: error rates measured by simulation against Wald's bounds; exact vs simulated."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers.errors import ParameterError
from helpers.funnel import learning, policy
from helpers.funnel.prior import MixturePrior
from helpers.funnel.simulate import simulate_funnel

PRIOR = MixturePrior(0.75, 0.25, 20.0, 1.0, 0.5)
B = 0.8
LONG = 600  # weeks: long enough that truncation hardly matters for the bounds (forced decisions are counted)


@pytest.mark.parametrize("alpha, beta", [(0.05, 0.05), (0.01, 0.10), (0.10, 0.20)])
def test_simple_sprt_error_rates_stay_within_wald_bounds(alpha, beta):
    lo, hi, n = 0.5, 2.0, 100_000
    rule = policy.sprt_rule(lo, hi, alpha, beta, horizon=LONG)
    at_lo = simulate_funnel(rule, rates=np.full(n, lo), replications=1, seed=21, breakeven=1.0)
    at_hi = simulate_funnel(rule, rates=np.full(n, hi), replications=1, seed=22, breakeven=1.0)
    a_measured, b_measured = at_lo.kept[0] / n, at_hi.cut[0] / n
    a_bound, b_bound = learning.wald_error_bounds(alpha, beta)
    assert a_measured <= a_bound
    assert b_measured <= b_bound
    assert a_measured + b_measured <= alpha + beta
    # the exact recursion gives the same error rates
    exact = learning.operating(rule, [lo, hi])
    assert exact.p_keep[0] == pytest.approx(a_measured, abs=4 * math.sqrt(a_measured / n) + 1e-4)
    assert exact.p_cut[1] == pytest.approx(b_measured, abs=4 * math.sqrt(b_measured / n) + 1e-4)


@pytest.mark.parametrize("keep_at, cut_at", [(0.95, 0.05), (0.9, 0.2), (0.99, 0.01)])
def test_posterior_rule_error_rates_stay_within_wald_bounds(keep_at, cut_at):
    rule = policy.threshold_rule(PRIOR, B, keep_at=keep_at, cut_at=cut_at, horizon=LONG)
    run = simulate_funnel(rule, PRIOR, n_skus=200_000, replications=1, seed=31)
    m = run.measures().iloc[0]
    forced = (run.keep_by_week[0, -1] + run.cut_by_week[0, -1]) / run.tried[0]
    keep_bound, cut_bound = learning.posterior_error_bounds(PRIOR, B, keep_at, cut_at)
    assert forced < 0.02
    assert m["false_keep"] <= keep_bound + forced
    assert m["false_cut"] <= cut_bound + forced
    # Bayesian calibration: among SKUs kept, at most 1 - keep_at are not worth keeping (up to forced decisions)
    assert m["unworthy_among_kept"] <= (1 - keep_at) + forced


def test_wald_oc_and_asn_closed_forms():
    A, Bw = learning.wald_boundaries(0.05, 0.10)
    assert (A, Bw) == (pytest.approx(18.0), pytest.approx(0.1 / 0.95))
    oc = learning.wald_oc([0.5, 2.0], 0.5, 2.0, A, Bw)
    np.testing.assert_allclose(oc, [0.95, 0.10], atol=1e-9)  # L = 1 - alpha at lambda_0, beta at lambda_1
    neutral = 1.5 / math.log(4.0)
    assert learning.wald_oc([neutral], 0.5, 2.0, A, Bw)[0] == pytest.approx(math.log(A) / (math.log(A) - math.log(Bw)))
    asn = learning.wald_asn([0.5, neutral, 2.0], 0.5, 2.0, A, Bw)
    assert asn[1] == pytest.approx(-math.log(A) * math.log(Bw) / (neutral * math.log(4.0) ** 2))
    # continuity of the ASN through the zero-drift rate
    near = learning.wald_asn([neutral * 0.999, neutral * 1.001], 0.5, 2.0, A, Bw)
    np.testing.assert_allclose(near, asn[1], rtol=0.01)


def test_wald_asn_is_a_lower_guide_to_the_exact_expected_weeks():
    rule = policy.sprt_rule(0.5, 2.0, 0.05, 0.05, horizon=LONG)
    exact = learning.operating(rule, [0.5, 2.0]).weeks
    approx = learning.wald_asn([0.5, 2.0], 0.5, 2.0, *learning.wald_boundaries(0.05, 0.05))
    assert np.all(exact >= approx)  # overshoot of the boundaries only lengthens the test
    assert np.all(exact <= approx + 2.0)  # by less than the largest weekly jump here


def test_operating_agrees_with_simulation_at_given_rates():
    rates = np.array([0.2, 0.8, 3.0])
    rule = policy.threshold_rule(PRIOR, B, horizon=52)
    op = learning.operating(rule, rates, stock_units=30)
    for i, r in enumerate(rates):
        run = simulate_funnel(rule, rates=np.full(40_000, r), replications=1, seed=40 + i, stock_units=30)
        p = op.p_keep[i]
        assert run.kept[0] / 40_000 == pytest.approx(p, abs=4 * math.sqrt(p * (1 - p) / 40_000) + 1e-4)
        assert run.sku_weeks[0] / 40_000 == pytest.approx(op.weeks[i], rel=0.03)
        assert run.leftover[0] / 40_000 == pytest.approx(op.leftover[i], rel=0.03)
    np.testing.assert_allclose(op.p_keep + op.p_cut, 1.0, atol=1e-9)
    np.testing.assert_allclose(op.units, rates * op.weeks, rtol=1e-9)  # one week's exposure per week listed


def test_weeks_to_learn_grows_near_break_even_and_with_stricter_errors():
    t = learning.weeks_to_learn(PRIOR, B, [0.1, 0.5, 0.8, 2.0, 10.0], errors=[0.01, 0.1], horizon=260)
    w = t.pivot(index="rate", columns="error", values="weeks")
    assert np.all(w[0.01] >= w[0.1] - 1e-9)
    assert w.loc[0.8].min() > max(w.loc[0.1].max(), w.loc[10.0].max())
    assert t["p_right"].min() >= 0.0 and t["p_right"].max() <= 1.0


def test_analytic_weeks_blow_up_at_break_even_and_follow_the_prior_odds():
    w = learning.wald_weeks([0.1, 0.8, 5.0], PRIOR, B, errors=[0.05])
    assert math.isinf(w.loc[0.8, 0.05])
    more_unwanted = learning.wald_weeks([0.1, 5.0], PRIOR.replace(unwanted_share=0.9), B, errors=[0.05])
    assert more_unwanted.loc[0.1, 0.05] < w.loc[0.1, 0.05]  # cutting is quicker when most candidates are unwanted
    assert learning.prior_boundaries(0.05, 0.75)[0] == pytest.approx(19 * 3)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: learning.wald_boundaries(0.0, 0.1), "alpha"),
        (lambda: learning.wald_boundaries(0.6, 0.5), "alpha \\+ beta"),
        (lambda: learning.prior_boundaries(0.6, 0.75), "error must be below 0.5"),
        (lambda: learning.wald_oc([1.0], 2.0, 0.5, 18, 0.1), "low_rate must be below high_rate"),
        (lambda: learning.operating(policy.list_everything(), [-1.0]), "rates must be finite"),
        (lambda: learning.weeks_to_learn(PRIOR, 0.0, [1.0]), "breakeven"),
        (lambda: learning.posterior_error_bounds(PRIOR, B, 0.2, 0.3), "cut_at must be below keep_at"),
    ],
)
def test_bad_arguments_name_the_argument(call, name):
    with pytest.raises(ParameterError, match=name):
        call()
