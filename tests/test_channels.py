"""Tests for helpers.channels: the two arrangements, the merchant population, the price war and
the literature checks (Wang, Jiang & Shen 2004; agency vs reselling)."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from scipy import optimize, stats

from helpers import newsvendor as nv
from helpers.channels import (
    ChannelParams,
    PopulationSpec,
    agency_equilibrium,
    combined_cv,
    consignment_advantage,
    population_outcome,
    compare_channels,
    consignment,
    draw_merchants,
    lognormal_demand,
    lorenz_curve,
    price_war,
    procurement,
    reselling_equilibrium,
    simulate_channels,
    simulate_population,
    stock_vs_salvage,
    top_share,
    wjs_equilibrium,
)
from helpers.errors import ParameterError

RETURNS = nv.Returns(rate=0.1, handling_cost=5, recovery_value=60)
PARAMS = ChannelParams(
    price=100,
    unit_cost=60,
    commission=0.05,
    wholesale=75,
    merchant_salvage=30,
    platform_salvage=20,
    returns=RETURNS,
    ad_fee_rate=0.05,
)
DEMAND = lognormal_demand(500, 0.7)
SPEC = PopulationSpec(
    n_merchants=300, daily_median=2, scale_sigma=1.2, uplift=100, uplift_cv=0.3, cv_median=0.6, cv_sigma=0.3
)


# --- one product ------------------------------------------------------------------------------------------


def test_consignment_by_hand() -> None:
    r = consignment(DEMAND, PARAMS)
    m = 0.9 * 95 + 0.1 * 55  # merchant's net revenue per unit sold
    assert r.fractile == pytest.approx((m - 60) / (m - 30))
    assert r.order == pytest.approx(float(DEMAND.ppf(r.fractile)))
    sales = float(nv.expected_sales(r.order, DEMAND))
    ad = 0.05 * 100 * 500
    assert r.merchant_profit == pytest.approx(m * sales + 30 * (r.order - sales) - 60 * r.order - ad)
    assert r.platform_profit == pytest.approx(0.05 * 100 * 0.9 * sales + ad)
    assert r.platform_p_loss == 0.0


def test_procurement_by_hand() -> None:
    r = procurement(DEMAND, PARAMS)
    m = 0.9 * 100 + 0.1 * 55
    assert r.fractile == pytest.approx((m - 75) / (m - 20))
    assert r.merchant_profit == pytest.approx(15 * r.order)
    assert r.merchant_p_loss == 0.0
    assert r.platform_profit == pytest.approx(nv.expected_profit(r.order, DEMAND, 100, 75, 20, returns=RETURNS))


@pytest.mark.parametrize("arrangement", ["consignment", "procurement"])
def test_parties_add_up_to_the_channel(arrangement: str) -> None:
    r = consignment(DEMAND, PARAMS) if arrangement == "consignment" else procurement(DEMAND, PARAMS)
    salvage = PARAMS.merchant_salvage if arrangement == "consignment" else PARAMS.platform_salvage
    channel = nv.expected_profit(r.order, DEMAND, 100, 60, salvage, returns=RETURNS)
    assert r.merchant_profit + r.platform_profit == pytest.approx(channel)
    # a decentralised channel never beats the integrated optimum
    q_int = nv.optimal_order(DEMAND, 100, 60, salvage, returns=RETURNS)
    assert channel <= nv.expected_profit(q_int, DEMAND, 100, 60, salvage, returns=RETURNS) + 1e-9
    assert r.order < q_int  # both arrangements under-stock relative to the integrated channel here


def test_simulation_agrees_with_closed_forms() -> None:
    sims = simulate_channels(DEMAND, PARAMS, n_draws=200_000, seed=3)
    table = compare_channels(DEMAND, PARAMS).set_index(["arrangement", "party"])
    for (arrangement, party), group in sims.groupby(["arrangement", "party"]):
        x = group["profit_yuan"].to_numpy()
        expected = table.loc[(arrangement, party)]
        se = max(x.std(ddof=1) / math.sqrt(x.size), 1e-9)
        assert abs(x.mean() - expected["expected_profit_yuan"]) < 4 * se + 1e-9
        assert abs((x < 0).mean() - expected["p_loss"]) < 4 * math.sqrt(0.25 / x.size)
    assert table["bears_inventory_risk"].tolist() == [True, False, False, True]


def test_more_uncertainty_more_merchant_losses_under_consignment_only() -> None:
    p_loss = [consignment(lognormal_demand(500, cv), PARAMS).merchant_p_loss for cv in (0.2, 0.5, 1.0, 1.5)]
    assert all(a < b for a, b in zip(p_loss, p_loss[1:]))
    assert all(procurement(lognormal_demand(500, cv), PARAMS).merchant_p_loss == 0 for cv in (0.2, 1.5))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"commission": 1.0}, r"commission must be a fraction in \[0, 1\)"),
        ({"wholesale": 55}, "expected unit_cost < wholesale < price"),
        ({"commission": 0.45}, r"merchant's price after commission \(55 yuan\) must exceed unit_cost"),
        ({"merchant_salvage": 60}, "merchant_salvage must be below unit_cost"),
        ({"platform_salvage": 80}, "platform_salvage must be below wholesale"),
        ({"ad_fee_rate": -0.1}, "ad_fee_rate must be >= 0"),
        ({"price": "100"}, "price must be a number"),
    ],
)
def test_bad_channel_params(changes: dict, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        replace(PARAMS, **changes)


def test_from_values_and_missing_names() -> None:
    v = dict(price=100, unit_cost=60, commission=0.05, wholesale=75, merchant_salvage=30, platform_salvage=20,
             return_rate=0.1, return_handling_cost=5, return_recovery=60, ad_fee_rate=0.05)  # fmt: skip
    assert ChannelParams.from_values(v) == PARAMS
    del v["wholesale"]
    with pytest.raises(ParameterError, match="missing parameter\\(s\\): wholesale"):
        ChannelParams.from_values(v)


# --- population ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def population() -> object:
    return simulate_population(SPEC, PARAMS, "consignment", n_draws=20_000, seed=5, n_sample=50)


def test_population_merchants_match_closed_forms(population) -> None:
    merchants = population.merchants
    sigma_common2 = math.log1p(0.3**2)
    for i in (0, 17, 123, 299):
        row = merchants.iloc[i]
        cv_total = math.sqrt(math.exp(row["sigma_own"] ** 2 + sigma_common2) - 1.0)
        demand = lognormal_demand(row["mean_demand_units"], cv_total)
        single = consignment(demand, PARAMS)
        assert row["order_units"] == pytest.approx(single.order, rel=1e-9)
        se = row["profit_sd_yuan"] / math.sqrt(20_000)
        assert abs(row["expected_profit_yuan"] - single.merchant_profit) < 4 * se
        assert abs(row["p_loss"] - single.merchant_p_loss) < 4 * math.sqrt(0.25 / 20_000)
        assert abs(row["platform_income_yuan"] - single.platform_profit) < 0.02 * single.platform_profit


def test_population_identities(population) -> None:
    # expected share losing (over draws) = mean over merchants of each one's loss probability
    assert population.draws["share_losing"].mean() == pytest.approx(population.merchants["p_loss"].mean())
    assert population.draws["merchant_profit_yuan"].mean() == pytest.approx(
        population.merchants["expected_profit_yuan"].sum()
    )
    assert population.sample_profits.shape == (300, 50)
    s = population.summary()
    assert 0 < s["share_losing"] < 1 and s["platform_p_loss"] == 0.0
    assert s["platform_profit_yuan"] > 0


def test_population_is_chunk_invariant_and_seeded() -> None:
    a = simulate_population(SPEC, PARAMS, n_draws=300, seed=2, chunk_size=7)
    b = simulate_population(SPEC, PARAMS, n_draws=300, seed=2, chunk_size=300)
    c = simulate_population(SPEC, PARAMS, n_draws=300, seed=3, chunk_size=300)
    np.testing.assert_allclose(a.merchants["expected_profit_yuan"], b.merchants["expected_profit_yuan"], rtol=1e-12)
    np.testing.assert_allclose(a.draws["share_losing"], b.draws["share_losing"])
    assert not np.allclose(a.merchants["expected_profit_yuan"], c.merchants["expected_profit_yuan"])


def test_procurement_population_moves_the_risk_to_the_platform() -> None:
    res = simulate_population(SPEC, PARAMS, "procurement", n_draws=2000, seed=1)
    s = res.summary()
    assert s["share_losing"] == 0.0
    np.testing.assert_allclose(res.merchants["expected_profit_yuan"], 15 * res.merchants["order_units"])
    # pooling many products: the platform's total loses far less often than one product does
    one = procurement(lognormal_demand(200, 0.6), PARAMS).platform_p_loss
    assert s["platform_p_loss"] < one


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


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"arrangement": "barter"}, "arrangement must be one of consignment, procurement"),
        ({"n_draws": 0}, "n_draws must be an integer >= 1"),
        ({"chunk_size": 0}, "chunk_size must be an integer >= 1"),
    ],
)
def test_population_bad_input(kwargs: dict, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        simulate_population(SPEC, PARAMS, **kwargs)


def test_population_spec_bad_input() -> None:
    with pytest.raises(ParameterError, match="n_merchants must be an integer >= 10"):
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
    # lognormal(σ) population: the top 10 % hold 1 - Φ(z_0.9 - σ) of the total
    sample = np.random.default_rng(0).lognormal(0.0, 1.5, 400_000)
    assert top_share(sample, 0.1) == pytest.approx(stats.norm.sf(stats.norm.ppf(0.9) - 1.5), abs=0.01)
    with pytest.raises(ParameterError, match="total profit must be > 0"):
        lorenz_curve(np.array([-1.0, 0.5]))
    np.testing.assert_allclose(lorenz_curve(np.array([0.5, -1.0]), relative=False)[1], [0, -1.0, -0.5])
    with pytest.raises(ParameterError, match=r"top must be a fraction in \(0, 1\)"):
        top_share(np.array([1.0]), 1.0)


# --- price war -------------------------------------------------------------------------------------------------


def test_price_war_round_zero_matches_single_product() -> None:
    war = price_war(500, 0.7, PARAMS, rounds=4, discount=0.05, elasticity=2.0).set_index(["round", "arrangement"])
    c0, p0 = consignment(DEMAND, PARAMS), procurement(DEMAND, PARAMS)
    assert war.loc[(0, "consignment"), "order_units"] == pytest.approx(c0.order)
    assert war.loc[(0, "consignment"), "merchant_profit_yuan"] == pytest.approx(c0.merchant_profit)
    assert war.loc[(0, "consignment"), "platform_profit_yuan"] == pytest.approx(c0.platform_profit)
    assert war.loc[(0, "procurement"), "platform_profit_yuan"] == pytest.approx(p0.platform_profit)
    assert war.loc[(0, "procurement"), "merchant_profit_yuan"] == pytest.approx(p0.merchant_profit)


def test_price_war_erodes_margins_and_fractiles_until_exit() -> None:
    war = price_war(500, 0.7, PARAMS, rounds=12, discount=0.05, elasticity=2.0)
    for arrangement, g in war.groupby("arrangement"):
        assert np.all(np.diff(g["unit_margin_yuan"]) < 0)
        assert np.all(np.diff(g["fractile"]) <= 0)
        exited = g[g["fractile"] == 0]
        assert len(exited) > 0, arrangement
        assert np.all(exited["order_units"] == 0) and np.all(exited["expected_sales_units"] == 0)
    cons = war[war.arrangement == "consignment"].reset_index(drop=True)
    # the merchant leaves when (1 - commission)·price no longer beats the net-of-returns break-even
    price = 100 * 0.95 ** np.arange(13)
    m = 0.9 * 0.95 * price + 0.1 * 55
    np.testing.assert_array_equal(cons["order_units"] > 0, m > 60)


def test_price_war_bad_input() -> None:
    with pytest.raises(ParameterError, match=r"discount must be a fraction in \(0, 1\)"):
        price_war(500, 0.7, PARAMS, rounds=3, discount=1.2, elasticity=2.0)
    with pytest.raises(ParameterError, match="rounds must be an integer >= 0"):
        price_war(500, 0.7, PARAMS, rounds=-1, discount=0.1, elasticity=2.0)


# --- Wang, Jiang & Shen (2004) ---------------------------------------------------------------------------------


def _stackelberg_numeric(b: float, lam: float, c: float = 1.0, a: float = 1.0) -> tuple[float, float]:
    """Independent solution: retailer picks α (outer search), supplier best-responds with p (inner search)."""
    c_r, c_s = lam * c, (1 - lam) * c

    def best_price(alpha: float) -> float:
        lo = math.log(c_s / (1 - alpha))
        res = optimize.minimize_scalar(
            lambda lp: -((1 - alpha) * math.exp(lp) - c_s) * a * math.exp(-b * lp),
            bounds=(lo, lo + 10),
            method="bounded",
            options={"xatol": 1e-12},
        )
        return math.exp(res.x)

    res = optimize.minimize_scalar(
        lambda al: -(al * best_price(al) - c_r) * a * best_price(al) ** (-b),
        bounds=(1e-6, 1 - 1e-6),
        method="bounded",
        options={"xatol": 1e-12},
    )
    return float(res.x), best_price(float(res.x))


@pytest.mark.parametrize(("b", "lam"), [(2.0, 0.0), (3.0, 0.5), (5.0, 0.2), (1.5, 0.8), (8.0, 0.0)])
def test_wjs_matches_numerical_stackelberg(b: float, lam: float) -> None:
    alpha, price = _stackelberg_numeric(b, lam)
    eq = wjs_equilibrium(b, lam)
    # the retailer's objective is flat at the top: compare shares loosely, profits tightly
    assert float(eq["revenue_share"]) == pytest.approx(alpha, abs=1e-3)
    assert float(eq["price"]) == pytest.approx(price, rel=1e-3)
    c_r = lam * 1.0
    numeric_profit = (alpha * price - c_r) * price ** (-b)
    assert float(eq["retailer_profit"]) == pytest.approx(numeric_profit, rel=1e-6)
    # the supplier's price is its best response to the formula's share
    best = _stackelberg_numeric_price(b, lam, float(eq["revenue_share"]))
    assert float(eq["price"]) == pytest.approx(best, rel=1e-6)
    # integrated benchmark by direct maximisation too
    res = optimize.minimize_scalar(lambda p: -(p - 1.0) * p ** (-b), bounds=(1.0, 50.0), method="bounded")
    assert float(eq["integrated_price"]) == pytest.approx(res.x, rel=1e-4)


def _stackelberg_numeric_price(b: float, lam: float, alpha: float) -> float:
    c_s = 1.0 - lam
    lo = math.log(c_s / (1 - alpha))
    res = optimize.minimize_scalar(
        lambda lp: -((1 - alpha) * math.exp(lp) - c_s) * math.exp(-b * lp),
        bounds=(lo, lo + 10),
        method="bounded",
        options={"xatol": 1e-12},
    )
    return math.exp(res.x)


def test_wjs_spot_values() -> None:
    eq = wjs_equilibrium(np.array([2.0, 3.0]), np.array([0.0, 0.5]))
    np.testing.assert_allclose(eq["revenue_share"], [0.5, 0.6])
    np.testing.assert_allclose(eq["price"], [4.0, 1.875])
    np.testing.assert_allclose(eq["efficiency"], [0.75, 0.896], atol=5e-4)
    np.testing.assert_allclose(eq["retailer_share"], [2 / 3, 0.714], atol=5e-4)


def test_wjs_bounds_264_percent_and_half() -> None:
    b = np.concatenate([1 + np.logspace(-3, 4, 400)])[:, None]
    lam = np.linspace(0, 0.999, 200)[None, :]
    eq = wjs_equilibrium(b, lam)
    assert eq["efficiency"].min() >= 2 / math.e - 1e-12  # loss never above 1 - 2/e = 26.4 %
    assert eq["retailer_share"].min() >= 0.5 - 1e-12
    assert 1 - 2 / math.e == pytest.approx(0.264, abs=5e-4)
    # and the bounds are tight: approached as elasticity grows with lambda = 0
    far = wjs_equilibrium(1e6, 0.0)
    assert float(far["efficiency"]) == pytest.approx(2 / math.e, abs=1e-5)
    assert float(far["retailer_share"]) == pytest.approx(0.5, abs=1e-5)


def test_wjs_comparative_statics() -> None:
    b = np.linspace(1.1, 20, 100)
    for lam in (0.0, 0.3, 0.7):
        eq = wjs_equilibrium(b, lam)
        assert np.all(np.diff(eq["retailer_share"]) < 0)  # retailer share falls with elasticity
    # the loss rises with elasticity when the retailer bears no cost (lambda = 0) ...
    assert np.all(np.diff(wjs_equilibrium(b, 0.0)["efficiency"]) < 0)
    # ... but in this deterministic reduction it peaks at an intermediate elasticity when lambda > 0,
    # ending at (2 - lambda)·exp(-(1 - lambda)) as elasticity grows
    eff = wjs_equilibrium(np.linspace(1.01, 2000, 20_000), 0.3)["efficiency"]
    assert 0 < int(np.argmin(eff)) < eff.size - 1
    assert eff[-1] == pytest.approx(1.7 * math.exp(-0.7), abs=1e-3)
    lam = np.linspace(0, 0.95, 50)
    for bb in (1.5, 4.0, 50.0):
        eq = wjs_equilibrium(bb, lam)
        assert np.all(np.diff(eq["efficiency"]) > 0) and np.all(np.diff(eq["retailer_share"]) > 0)
    near = wjs_equilibrium(4.0, 0.9999)
    assert float(near["efficiency"]) == pytest.approx(1.0, abs=1e-3)
    assert float(near["retailer_share"]) == pytest.approx(1.0, abs=1e-3)
    low = wjs_equilibrium(1.0001, 0.0)
    assert float(low["efficiency"]) == pytest.approx(1.0, abs=2e-3)


def test_wjs_bad_input() -> None:
    with pytest.raises(ParameterError, match="elasticity must be > 1"):
        wjs_equilibrium(1.0, 0.2)
    with pytest.raises(ParameterError, match=r"retailer_cost_share must be in \[0, 1\)"):
        wjs_equilibrium(2.0, 1.0)


# --- agency vs reselling ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("a", [1.0, 10.0, 250.0])
def test_reselling_three_quarters_agency_half(a: float) -> None:
    assert reselling_equilibrium(a)["price"] == pytest.approx(3 * a / 4)
    assert reselling_equilibrium(a)["wholesale"] == pytest.approx(a / 2)
    for share in (0.0, 0.15, 0.3, 0.7):
        assert agency_equilibrium(a, share)["price"] == pytest.approx(a / 2)


def test_reselling_by_brute_force_stackelberg() -> None:
    a, slope, cost = 12.0, 1.5, 2.0
    prices = np.linspace(0, a / slope, 80_001)

    def retail_price(w: float) -> float:
        return prices[np.argmax((prices - w) * (a - slope * prices))]

    ws = np.linspace(cost, a / slope, 2001)
    profits = [(w - cost) * (a - slope * retail_price(w)) for w in ws]
    w_star = ws[int(np.argmax(profits))]
    eq = reselling_equilibrium(a, slope=slope, cost=cost)
    assert eq["wholesale"] == pytest.approx(w_star, abs=5e-3)
    assert eq["price"] == pytest.approx(retail_price(w_star), abs=5e-3)
    share = 0.2
    p_agency = prices[np.argmax(((1 - share) * prices - cost) * (a - slope * prices))]
    assert agency_equilibrium(a, share, slope=slope, cost=cost)["price"] == pytest.approx(p_agency, abs=5e-4)


def test_agency_removes_double_marginalisation() -> None:
    res, agc = reselling_equilibrium(1.0), agency_equilibrium(1.0, 0.3)
    assert agc["channel_profit"] == pytest.approx(0.25)  # the integrated monopoly profit a²/4
    assert res["channel_profit"] == pytest.approx(3 / 16)
    assert agc["consumer_surplus"] > res["consumer_surplus"]
    assert agc["platform_profit"] == pytest.approx(0.3 * 0.25)


def test_linear_bad_input() -> None:
    with pytest.raises(ParameterError, match="demand intercept a and slope must be > 0"):
        reselling_equilibrium(-1.0)
    with pytest.raises(ParameterError, match=r"share must be in \[0, 1\)"):
        agency_equilibrium(1.0, 1.0)
    with pytest.raises(ParameterError, match=r"cost must be in \[0, a/slope\)"):
        agency_equilibrium(1.0, 0.1, cost=2.0)


# --- parameter-dict wrappers used by the sensitivity charts -----------------------------------------------------

VALUES = dict(price=100, unit_cost=60, commission=0.05, wholesale=75, merchant_salvage=30, platform_salvage=20,
              return_rate=0.1, return_handling_cost=5, return_recovery=60, ad_fee_rate=0.05, daily_median=2,
              scale_sigma=1.2, uplift=100, uplift_cv=0.3, cv_median=0.6, cv_sigma=0.3)  # fmt: skip


def test_combined_cv_by_simulation() -> None:
    rng = np.random.default_rng(0)
    a, b = lognormal_demand(1, 0.6).rvs(size=400_000, random_state=rng), lognormal_demand(1, 0.3).rvs(
        size=400_000, random_state=rng
    )
    x = a * b
    assert combined_cv(0.6, 0.3) == pytest.approx(x.std() / x.mean(), rel=0.02)
    assert combined_cv(0.6, 0.0) == pytest.approx(0.6)
    with pytest.raises(ParameterError, match="must be >= 0"):
        combined_cv(-0.1, 0.3)


def test_population_outcome_is_the_summary() -> None:
    direct = simulate_population(PopulationSpec.from_values(VALUES, 200), PARAMS, n_draws=300, seed=4).summary()
    assert population_outcome(VALUES, "share_losing", n_merchants=200, n_draws=300, seed=4) == direct["share_losing"]
    with pytest.raises(ParameterError, match="outcome must be one of"):
        population_outcome(VALUES, "happiness", n_merchants=20, n_draws=10)


def test_consignment_advantage_by_hand() -> None:
    demand = lognormal_demand(200, combined_cv(0.6, 0.3))
    gain = consignment(demand, PARAMS).merchant_profit - procurement(demand, PARAMS).merchant_profit
    assert consignment_advantage(VALUES) == pytest.approx(100 * gain / (100 * 200))
    # heavy advertising makes consigning worse for the merchant, one-for-one per 100 yuan of GMV
    assert consignment_advantage({**VALUES, "ad_fee_rate": 0.15}) == pytest.approx(consignment_advantage(VALUES) - 10)


def test_stock_vs_salvage() -> None:
    t = stock_vs_salvage(DEMAND, PARAMS, [-20.0, 0.0, 30.0, 55.0])
    for arrangement, g in t.groupby("arrangement"):
        assert np.all(np.diff(g["fractile"]) > 0) and np.all(np.diff(g["order_units"]) > 0)
    row = t[(t.arrangement == "consignment") & (t.salvage_yuan == 30.0)].iloc[0]
    assert row["order_units"] == pytest.approx(consignment(DEMAND, replace(PARAMS, platform_salvage=30)).order)
    with pytest.raises(ParameterError, match="salvage 60: merchant_salvage must be below unit_cost"):
        stock_vs_salvage(DEMAND, PARAMS, [60.0])
