"""Tests of helpers.funnel.policy: rule boundaries agree with the closed-form posterior and with Wald's SPRT."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers.errors import ParameterError
from helpers.funnel import policy
from helpers.funnel.prior import MixturePrior

PRIOR = MixturePrior(0.75, 0.25, 20.0, 1.0, 0.5)


def test_threshold_boundaries_are_where_the_posterior_crosses():
    rule = policy.threshold_rule(PRIOR, 0.8, keep_at=0.9, cut_at=0.1, horizon=20)
    for t, e in enumerate(rule.cumulative_exposure[:-1]):
        k, c = rule.keep_at[t], rule.cut_at[t]
        assert PRIOR.posterior_sf(0.8, k, e) >= 0.9 > PRIOR.posterior_sf(0.8, k - 1, e)
        if c >= 0:
            assert PRIOR.posterior_sf(0.8, c, e) <= 0.1 < PRIOR.posterior_sf(0.8, c + 1, e)
    last, e = rule.keep_at[-1], rule.cumulative_exposure[-1]
    assert PRIOR.posterior_sf(0.8, last, e) >= 0.5 > PRIOR.posterior_sf(0.8, last - 1, e)
    assert rule.cut_at[-1] == last - 1


def test_sprt_boundaries_follow_wald():
    lo, hi, a, b = 0.5, 2.0, 0.05, 0.1
    rule = policy.sprt_rule(lo, hi, a, b, horizon=30)
    log_a, log_b = math.log((1 - b) / a), math.log(b / (1 - a))

    def llr(s: float, e: float) -> float:
        return s * math.log(hi / lo) - (hi - lo) * e

    for t in range(29):
        e = t + 1.0
        assert llr(rule.keep_at[t], e) >= log_a - 1e-9 > llr(rule.keep_at[t] - 1, e)
        if rule.cut_at[t] >= 0:
            assert llr(rule.cut_at[t], e) <= log_b + 1e-9 < llr(rule.cut_at[t] + 1, e)


def test_thompson_cut_probability_is_the_posterior_below_break_even():
    rule = policy.thompson_rule(PRIOR, 0.8, horizon=10)
    e = rule.cumulative_exposure
    for t, s in ((0, 0), (3, 2), (9, 7)):
        assert rule.cut_probability[t, s] == pytest.approx(1 - float(PRIOR.posterior_sf(0.8, s, e[t])))
    assert rule.cut_probability[-1, -1] < 1e-12
    assert rule.keep_at[-1] == 0  # survivors are kept at the horizon


def test_table_applies_random_cuts_first():
    rule = policy.thompson_rule(PRIOR, 0.8, horizon=5)
    keep, cut = rule.table()
    np.testing.assert_allclose(keep[:-1], 0.0)
    np.testing.assert_allclose(keep[-1] + cut[-1], 1.0)
    np.testing.assert_allclose(cut[:-1], rule.cut_probability[:-1, : cut.shape[1]])


def test_exposure_moves_the_boundaries_with_cumulative_exposure():
    spike = policy.exposure_schedule(10, spike_week=1, spike_multiplier=3.0)
    a = policy.threshold_rule(PRIOR, 0.8, horizon=10, exposure=spike)
    b = policy.threshold_rule(PRIOR, 0.8, horizon=12)
    # week t of the spike schedule has the exposure of week t + 2 of the ordinary one
    np.testing.assert_array_equal(a.keep_at[:-1], b.keep_at[2:-1])
    np.testing.assert_array_equal(a.cut_at[:-1], b.cut_at[2:-1])


def test_baselines():
    assert policy.list_everything().kind == "list_everything"
    assert policy.list_nothing_new().horizon == 0


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: policy.threshold_rule(PRIOR, 0.0), "breakeven"),
        (lambda: policy.threshold_rule(PRIOR, 0.8, keep_at=1.0), "keep_at"),
        (lambda: policy.threshold_rule(PRIOR, 0.8, keep_at=0.5, cut_at=0.6), "cut_at must be below keep_at"),
        (lambda: policy.threshold_rule(PRIOR, 0.8, final=0.99), "final"),
        (lambda: policy.threshold_rule(PRIOR, 0.8, horizon=0), "horizon"),
        (lambda: policy.threshold_rule(PRIOR, 0.8, horizon=3, exposure=[1, 1]), "exposure"),
        (lambda: policy.sprt_rule(2.0, 0.5, 0.05, 0.05), "low_rate must be below high_rate"),
        (lambda: policy.sprt_rule(0.5, 2.0, 0.6, 0.5), "alpha \\+ beta"),
        (lambda: policy.exposure_schedule(5, spike_week=9), "spike_week"),
        (lambda: policy.exposure_schedule(5, multiplier=-1), "multiplier"),
    ],
)
def test_bad_parameters_name_the_parameter(call, name):
    with pytest.raises(ParameterError, match=name):
        call()
