"""Tests for helpers.inventory.equilibria: Wang, Jiang & Shen (2004) and agency versus reselling."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import optimize

from helpers.errors import ParameterError
from helpers.inventory import (
    agency_equilibrium,
    reselling_equilibrium,
    wjs_equilibrium,
    wjs_fixed_share,
    wjs_implied_elasticity,
    wjs_stochastic,
    wjs_worst_elasticity,
)

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
    with pytest.raises(ParameterError, match="a must be > 0 units"):
        reselling_equilibrium(-1.0)
    with pytest.raises(ParameterError, match="share must be < 1"):
        agency_equilibrium(1.0, 1.0)
    with pytest.raises(ParameterError, match=r"cost must be in \[0, a/slope\)"):
        agency_equilibrium(1.0, 0.1, cost=2.0)


# --- what the abstract says and what this reduction gives -----------------------------------------------------------


def test_efficiency_at_the_issue_12_case() -> None:
    """Issue 12: at λ = 0.6 efficiency rises with elasticity, 0.911 at b = 1.5 to 0.937 at b = 30."""
    eff = wjs_equilibrium(np.array([1.5, 30.0]), 0.6)["efficiency"]
    np.testing.assert_allclose(eff, [0.911, 0.937], atol=5e-4)
    b, e = wjs_worst_elasticity(0.6)
    assert 1.2 < b < 1.4 and e < eff[0]
    # the limit as b grows is (2 - λ)·exp(-(1 - λ)), the lowest point only when λ = 0
    assert float(wjs_equilibrium(1e6, 0.6)["efficiency"]) == pytest.approx(1.4 * math.exp(-0.4), abs=1e-5)
    assert wjs_worst_elasticity(0.0)[0] == pytest.approx(1e4)


@pytest.mark.parametrize(("b", "lam", "cv"), [(1.5, 0.6, 0.7), (3.0, 0.6, 0.3), (30.0, 0.6, 1.0), (2.0, 0.0, 0.7)])
def test_a_multiplicative_lognormal_shock_leaves_efficiency_unchanged(b: float, lam: float, cv: float) -> None:
    stoch = wjs_stochastic(b, lam, cv)
    det = wjs_equilibrium(b, lam)
    assert stoch["efficiency"] == pytest.approx(float(det["efficiency"]), abs=1e-6)
    assert stoch["revenue_share"] == pytest.approx(float(det["revenue_share"]), abs=1e-5)
    assert stoch["stocking_factor"] == pytest.approx(stoch["integrated_stocking_factor"], rel=1e-6)


def test_with_a_fixed_share_the_loss_rises_with_elasticity_for_every_cost_share() -> None:
    b = 1.0 + np.geomspace(1e-3, 100, 2000)
    for lam in (0.0, 0.2, 0.45):
        r = wjs_fixed_share(b, lam, 0.5)
        assert np.all(np.diff(r["efficiency"]) < 0)
    lams = np.linspace(0, 0.49, 50)
    for bb in (1.5, 4.0, 20.0):
        assert np.all(np.diff(wjs_fixed_share(bb, lams, 0.5)["efficiency"]) > 0)


def test_implied_elasticity_inverts_the_optimal_share() -> None:
    for lam in (0.0, 0.1, 0.3):
        for b in (1.5, 4.0, 20.0):
            alpha = float(wjs_equilibrium(b, lam)["revenue_share"])
            assert wjs_implied_elasticity(alpha, lam) == pytest.approx(b, rel=1e-9)
    assert wjs_implied_elasticity(0.05) == pytest.approx(20.0)
    assert math.isnan(wjs_implied_elasticity(0.2, 0.3))
