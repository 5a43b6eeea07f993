"""Tests of helpers.funnel.prior: closed-form posteriors recovered from generated data, the ML fit, checks."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from helpers.errors import ParameterError
from helpers.funnel.prior import MixturePrior, fit_mixture

PRIOR = MixturePrior(0.75, 0.25, 20.0, 1.0, 0.5)


def _generated(prior: MixturePrior, n: int, exposure: float, seed: int):
    rng = np.random.default_rng(seed)
    rates, wanted = prior.sample(rng, n, components=True)
    return rates, wanted, rng.poisson(rates * exposure)


def test_posterior_mean_recovered_from_generated_data():
    rates, _, sales = _generated(PRIOR, 400_000, 3.0, seed=1)
    for s in (0, 1, 2, 5, 10, 30):
        group = rates[sales == s]
        assert group.size > 500
        se = group.std() / np.sqrt(group.size)
        assert float(PRIOR.posterior_mean(s, 3.0)) == pytest.approx(group.mean(), abs=4 * se)


def test_component_posterior_recovered_from_generated_data():
    _, wanted, sales = _generated(PRIOR, 400_000, 2.0, seed=2)
    for s in (0, 1, 3, 8):
        share = wanted[sales == s].mean()
        n = (sales == s).sum()
        se = np.sqrt(share * (1 - share) / n) + 1e-4
        assert float(PRIOR.component_posterior(s, 2.0)[1]) == pytest.approx(share, abs=4 * se)


def test_posterior_sf_matches_generated_data():
    rates, _, sales = _generated(PRIOR, 400_000, 4.0, seed=3)
    for s in (0, 2, 4, 6):
        group = rates[sales == s]
        share = (group >= 0.8).mean()
        se = np.sqrt(share * (1 - share) / group.size) + 1e-4
        assert float(PRIOR.posterior_sf(0.8, s, 4.0)) == pytest.approx(share, abs=4 * se)


def test_marginal_pmf_is_the_negative_binomial_mixture():
    s = np.arange(4000)
    pmf = np.exp(PRIOR.marginal_logpmf(s, 2.5))
    assert pmf.sum() == pytest.approx(1.0, abs=1e-6)
    nb = sum(w * stats.nbinom.pmf(s, a, b / (b + 2.5)) for w, a, b in zip(PRIOR.weights, PRIOR.shapes, PRIOR.rates))
    np.testing.assert_allclose(pmf, nb, rtol=1e-9, atol=1e-300)
    _, _, sales = _generated(PRIOR, 200_000, 2.5, seed=4)
    for k in (0, 1, 5):
        assert pmf[k] == pytest.approx((sales == k).mean(), abs=0.004)


def test_prior_moments_and_shares():
    rng = np.random.default_rng(5)
    rates = PRIOR.sample(rng, 500_000)
    assert PRIOR.mean() == pytest.approx(rates.mean(), rel=0.02)
    assert PRIOR.share_below(0.8) == pytest.approx((rates < 0.8).mean(), abs=0.003)
    assert PRIOR.share_below(0.8) == pytest.approx(
        0.75 * (1 - np.exp(-0.8 / 0.25)) + 0.25 * stats.gamma.cdf(0.8, 0.5, scale=40)
    )


def test_quadrature_split_gives_exact_shares():
    r, w, c = PRIOR.quadrature(30, split=0.8)
    assert w.sum() == pytest.approx(1.0)
    assert w[r < 0.8].sum() == pytest.approx(PRIOR.share_below(0.8), rel=1e-9)
    assert w[c == 0].sum() == pytest.approx(0.75)


def test_fit_recovers_parameters():
    truth = MixturePrior(0.7, 0.3, 8.0, 1.0, 1.5)
    rng = np.random.default_rng(6)
    exposure = rng.choice([4 / 7, 5 / 7], 30_000)
    counts = rng.poisson(truth.sample(rng, 30_000) * exposure)
    fit = fit_mixture(counts, exposure)
    assert fit.prior.unwanted_share == pytest.approx(0.7, abs=0.03)
    assert fit.prior.wanted_mean == pytest.approx(8.0, rel=0.06)
    assert fit.prior.wanted_shape == pytest.approx(1.5, rel=0.2)
    assert fit.n == 30_000
    assert fit.summary()["loglik"] < 0


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"unwanted_share": 1.0}, "unwanted_share"),
        ({"unwanted_share": -0.1}, "unwanted_share"),
        ({"unwanted_mean": 0.0}, "unwanted_mean"),
        ({"wanted_mean": float("nan")}, "wanted_mean"),
        ({"wanted_shape": 0}, "wanted_shape"),
        ({"unwanted_mean": 30.0}, "unwanted_mean must be below wanted_mean"),
        ({"unwanted_shape": "1"}, "unwanted_shape"),
    ],
)
def test_bad_parameters_name_the_parameter(kwargs, name):
    base = {"unwanted_share": 0.75, "unwanted_mean": 0.25, "wanted_mean": 20.0}
    with pytest.raises(ParameterError, match=name):
        MixturePrior(**{**base, **kwargs})


def test_bad_data_is_refused():
    with pytest.raises(ParameterError, match="sales must be whole numbers"):
        PRIOR.posterior_mean(1.5, 2.0)
    with pytest.raises(ParameterError, match="exposure"):
        PRIOR.posterior_mean(1, -2.0)
    with pytest.raises(ParameterError, match="at least 10 counts"):
        fit_mixture([1, 2, 3], 1.0)
    with pytest.raises(ParameterError, match="exposure must be one number or one per count"):
        fit_mixture(np.ones(20), np.ones(3))
    with pytest.raises(ParameterError, match="missing: wanted_shape"):
        MixturePrior.from_values({"unwanted_share": 0.7, "unwanted_mean": 0.2, "unwanted_shape": 1, "wanted_mean": 5})
