"""Tests for helpers.inventory.population: merchants on one Double 11, participation, size, concentration."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from scipy import stats

from helpers.errors import ParameterError
from helpers.inventory import (
    ChannelParams,
    PopulationSpec,
    arrangement_gap,
    consignment,
    draw_merchants,
    lognormal_demand,
    lorenz_curve,
    population_outcome,
    procurement,
    simulate_population,
    size_profile,
    top_share,
    typical_demand,
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
    fixed_cost=0.0,
    buyback_share=0.8,
)
SPEC = PopulationSpec(
    n_merchants=300, daily_median=2, scale_sigma=1.2, uplift=100, uplift_cv=0.3, cv_median=0.6, cv_sigma=0.3
)


@pytest.fixture(scope="module")
def population() -> object:
    return simulate_population(SPEC, PARAMS, "consignment", n_draws=20_000, seed=5, n_sample=50)


def test_population_merchants_match_closed_forms(population) -> None:
    merchants = population.merchants
    sigma_common2 = math.log1p(0.3**2)
    for i in (0, 17, 123, 299):
        row = merchants.iloc[i]
        cv_total = math.sqrt(math.exp(row["sigma_own"] ** 2 + sigma_common2) - 1.0)
        single = consignment(lognormal_demand(row["mean_demand_units"], cv_total), PARAMS)
        assert row["order_units"] == pytest.approx(single.order, rel=1e-9)
        se = row["profit_sd_yuan"] / math.sqrt(20_000)
        assert abs(row["expected_profit_yuan"] - single.merchant_profit) < 4 * se
        assert abs(row["p_loss"] - single.merchant_p_loss) < 4 * math.sqrt(0.25 / 20_000)
        assert abs(row["platform_income_yuan"] - single.platform_profit) < 0.02 * single.platform_profit


def test_population_identities(population) -> None:
    assert population.draws["share_losing"].mean() == pytest.approx(population.merchants["p_loss"].mean())
    assert population.draws["merchant_profit_yuan"].mean() == pytest.approx(
        population.merchants["expected_profit_yuan"].sum()
    )
    assert population.sample_profits.shape == (300, 50)
    s = population.summary()
    assert s["share_participating"] == 1.0 and s["share_losing"] == pytest.approx(s["share_losing_participants"])
    assert 0 < s["share_losing"] < 1 and s["platform_p_loss"] == 0.0 and s["platform_profit_yuan"] > 0


def test_population_is_chunk_invariant_and_seeded() -> None:
    a = simulate_population(SPEC, PARAMS, n_draws=300, seed=2, chunk_size=7)
    b = simulate_population(SPEC, PARAMS, n_draws=300, seed=2, chunk_size=300)
    c = simulate_population(SPEC, PARAMS, n_draws=300, seed=3, chunk_size=300)
    np.testing.assert_allclose(a.merchants["expected_profit_yuan"], b.merchants["expected_profit_yuan"], rtol=1e-12)
    np.testing.assert_allclose(a.draws["share_losing"], b.draws["share_losing"])
    assert not np.allclose(a.merchants["expected_profit_yuan"], c.merchants["expected_profit_yuan"])


def test_procurement_suppliers_never_lose_but_buyback_suppliers_can() -> None:
    proc = simulate_population(SPEC, PARAMS, "procurement", n_draws=2000, seed=1)
    assert proc.summary()["share_losing"] == 0.0
    m = proc.merchants
    np.testing.assert_allclose(m["expected_profit_yuan"], (m["wholesale_yuan"] - 60) * m["order_units"], rtol=1e-9)
    # each supplier's price is its own best response: it matches the one-product solver
    row = m.iloc[11]
    cv_total = math.sqrt(math.exp(row["sigma_total"] ** 2) - 1.0)
    single = procurement(lognormal_demand(row["planned_mean_units"], cv_total), PARAMS)
    assert row["wholesale_yuan"] == pytest.approx(single.wholesale, abs=1e-3)
    bb = simulate_population(SPEC, PARAMS, "buyback", n_draws=2000, seed=1)
    assert bb.summary()["share_losing"] > 0
    # pooling: the platform's total loses less often than a single product does
    assert proc.summary()["platform_p_loss"] < procurement(lognormal_demand(200, 0.6), PARAMS).platform_p_loss


def test_size_matters_only_with_a_fixed_cost() -> None:
    big = replace(SPEC, n_merchants=3000)
    flat = size_profile(simulate_population(big, PARAMS, n_draws=1500, seed=4), 5)
    assert flat["share_participating"].eq(1.0).all()
    assert flat["share_losing"].max() - flat["share_losing"].min() < 0.02  # same in every size group, up to noise
    sized = size_profile(simulate_population(big, replace(PARAMS, fixed_cost=500.0), n_draws=1500, seed=4), 5)
    assert sized["share_participating"].iloc[0] < 0.8 and sized["share_participating"].iloc[-1] == 1.0
    traders = sized["share_losing_participants"].dropna()
    assert traders.iloc[0] > traders.iloc[-1] + 0.05


def test_capped_wholesale_prices_are_flagged() -> None:
    res = simulate_population(SPEC, replace(PARAMS, fixed_cost=500.0), "procurement", n_draws=200, seed=1)
    m = res.merchants
    assert m["wholesale_capped"].any() and not m.loc[~m["participates"], "wholesale_capped"].any()
    # capped prices belong to smaller products
    assert (
        m.loc[m["wholesale_capped"], "planned_mean_units"].median()
        < m.loc[m["participates"], "planned_mean_units"].median()
    )


def test_forecast_bias_and_uncertainty_raise_losses() -> None:
    base = simulate_population(SPEC, PARAMS, n_draws=2000, seed=1).summary()["share_losing"]
    biased = simulate_population(replace(SPEC, forecast_bias=0.4), PARAMS, n_draws=2000, seed=1)
    noisy = simulate_population(replace(SPEC, cv_median=1.2), PARAMS, n_draws=2000, seed=1)
    assert biased.summary()["share_losing"] > base + 0.05
    assert noisy.summary()["share_losing"] > base + 0.05


def test_draw_merchants_distribution() -> None:
    m = draw_merchants(replace(SPEC, n_merchants=20_000, cv_sigma=0.0), seed=0)
    assert np.median(m["daily_mean_units"]) == pytest.approx(2.0, rel=0.03)
    assert np.std(np.log(m["daily_mean_units"])) == pytest.approx(1.2, rel=0.02)
    np.testing.assert_allclose(m["cv"], 0.6)


def test_outcome_and_gap_helpers() -> None:
    v = dict(
        price=100,
        unit_cost=60,
        commission=0.05,
        merchant_salvage=30,
        platform_salvage=30,
        return_rate=0.1,
        return_handling_cost=5,
        return_recovery=60,
        daily_median=2,
        scale_sigma=1.5,
        uplift=120,
        uplift_cv=0.3,
        cv_median=0.6,
        cv_sigma=0.3,
        ad_fee_rate=0.05,
        stocking_fixed_cost=500,
    )
    assert float(typical_demand(v).mean()) == pytest.approx(240)
    assert 0 < population_outcome(v, n_merchants=100, n_draws=200) < 1
    # the platform gains from consignment, the merchant's gain depends on the fees it pays
    assert arrangement_gap(v, "platform") > 0
    assert arrangement_gap({**v, "ad_fee_rate": 0.0, "stocking_fixed_cost": 0.0}) > arrangement_gap(v)
    with pytest.raises(ParameterError, match="outcome must be one of"):
        population_outcome(v, "nonsense", n_merchants=100, n_draws=100)
    with pytest.raises(ParameterError, match="party must be 'merchant' or 'platform'"):
        arrangement_gap(v, "customer")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"arrangement": "barter"}, "arrangement must be one of consignment, buyback, procurement"),
        ({"n_draws": 0}, "n_draws must be >= 1"),
        ({"chunk_size": 0}, "chunk_size must be >= 1"),
    ],
)
def test_population_bad_input(kwargs: dict, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        simulate_population(SPEC, PARAMS, **kwargs)


def test_population_spec_bad_input() -> None:
    with pytest.raises(ParameterError, match="n_merchants must be >= 10"):
        replace(SPEC, n_merchants=3)
    with pytest.raises(ParameterError, match="uplift_cv must be >= 0"):
        replace(SPEC, uplift_cv=-0.1)
    with pytest.raises(ParameterError, match="forecast_bias must be > -1"):
        replace(SPEC, forecast_bias=-1.0)


def test_lorenz_and_top_share() -> None:
    x, y = lorenz_curve(np.array([3.0, 1.0, 0.0, 6.0]))
    np.testing.assert_allclose(x, [0, 0.25, 0.5, 0.75, 1])
    np.testing.assert_allclose(y, [0, 0, 0.1, 0.4, 1])
    assert top_share(np.array([3.0, 1.0, 0.0, 6.0]), 0.25) == pytest.approx(0.6)
    assert math.isnan(top_share(np.array([-3.0, 1.0])))
    sample = np.random.default_rng(0).lognormal(0.0, 1.5, 400_000)
    assert top_share(sample, 0.1) == pytest.approx(stats.norm.sf(stats.norm.ppf(0.9) - 1.5), abs=0.01)
    with pytest.raises(ParameterError, match="total profit must be > 0"):
        lorenz_curve(np.array([-1.0, 0.5]))
    with pytest.raises(ParameterError, match="top must be < 1"):
        top_share(np.array([1.0]), 1.0)
