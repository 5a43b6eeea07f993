"""Speed of the price-setting newsvendor that notebook 04 calls most, before and after vectorising.

Run with ``python benchmarks/bench_bonded.py`` (or ``make bench``). Uses the base case
of ``data/assumptions/bonded.csv`` (the notebook's assumptions).

"before" is the original algorithm, kept here as a reference: for every discount a
frozen ``scipy.stats.lognorm`` and the scalar newsvendor functions (each checking the
distribution again), and a price grid of ``promotion_profit`` calls in a Python loop
before a bounded search. (It runs on today's :mod:`helpers.newsvendor`, which checks
the distribution once per call instead of three times, so it is already a little
faster than the original code: on the development machine the original took about
2.1 ms per ``promotion_profit``, 96 ms per ``optimal_promotion`` and 120 ms per
``promotion_gap``.) "after" is :mod:`helpers.inventory.pricing` as it is: one closed-form,
array-valued evaluation per price grid (:class:`helpers.inventory.newsvendor.LognormalNewsvendor`),
with results of ``optimal_promotion`` cached; the cache is cleared before every
timed call, so the table shows uncached cost.

"calls" is how many times one run of notebook 04 called the function before the
change (cProfile); the notebook's model code took about 30 s then.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

import numpy as np
from scipy import optimize

from helpers import assumptions, policy
from helpers.inventory import newsvendor as nv
from helpers.inventory import pricing as bonded

ASSUMPTIONS_CSV = "data/assumptions/bonded.csv"


def _time(fn: Callable[[], object], repeat: int) -> float:
    """Best-of-3 mean seconds per call over ``repeat`` calls."""
    best = np.inf
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(repeat):
            fn()
        best = min(best, (time.perf_counter() - t0) / repeat)
    return best


# ---------------------------------------------------------------------------
# the reference ("before") algorithm
def _reference_profit(seller: bonded.Seller, demand: bonded.PromotionDemand, discount: float) -> float:
    """Expected profit at one discount, the original way (frozen scipy distribution per call)."""
    price = bonded.seller_list_price(seller, demand) * (1 - discount)
    dist = demand.at_price(bonded.consumer_price(seller, price), seller.demand_factor)
    m = bonded.unit_revenue(seller, price)
    if m <= seller.unit_cost or nv.net_unit_revenue(m, seller.returns) <= seller.unit_cost:
        return 0.0
    kw = dict(returns=seller.returns, holding_cost=seller.disposal.holding_cost)
    c, s = seller.unit_cost, seller.disposal.salvage
    q = nv.optimal_order(dist, m, c, s, **kw)
    nv.expected_sales(q, dist), nv.expected_leftover(q, dist), nv.critical_fractile(m, c, s, **kw)
    return float(nv.expected_profit(q, dist, m, c, s, **kw))


def _reference_optimum(seller: bonded.Seller, demand: bonded.PromotionDemand, grid_points: int = 81) -> float:
    """Optimal discount, the original way (a Python loop over the grid, then a bounded search)."""
    grid = np.linspace(0.0, 0.8, grid_points)
    profits = np.array([_reference_profit(seller, demand, float(x)) for x in grid])
    i = int(np.argmax(profits))
    lo, hi = float(grid[max(i - 1, 0)]), float(grid[min(i + 1, len(grid) - 1)])
    res = optimize.minimize_scalar(
        lambda x: -_reference_profit(seller, demand, float(x)),
        bounds=(lo, hi),
        method="bounded",
        options={"xatol": 1e-7},
    )
    return float(res.x)


def _reference_gap(params: dict[str, float]) -> float:
    sellers, demand = policy.build_sellers(params), policy.build_demand(params)
    return _reference_optimum(sellers["bonded_before"], demand, 41) - _reference_optimum(
        sellers["platform_before"], demand, 41
    )


def _reference_surface(seller: bonded.Seller, demand: bonded.PromotionDemand, discounts, salvages) -> np.ndarray:
    out = np.empty((len(salvages), len(discounts)))
    for i, s in enumerate(salvages):
        sel = dataclasses.replace(seller, disposal=dataclasses.replace(seller.disposal, salvage=float(s)))
        for j, x in enumerate(discounts):
            out[i, j] = _reference_profit(sel, demand, float(x))
    return out


# ---------------------------------------------------------------------------
def _uncached(fn: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        bonded._optimise.cache_clear()
        return fn()

    return run


def main() -> None:
    """Print a table: task, calls per notebook-04 run (before), ms per call before and after."""
    table = assumptions.load_assumptions(ASSUMPTIONS_CSV)
    params = assumptions.values(table)
    sellers, demand = policy.build_sellers(params), policy.build_demand(params)
    b15, b19 = sellers["bonded_before"], sellers["bonded_after"]
    discounts, salvages = np.linspace(0.0, 0.3, 21), np.linspace(-7.5, 119.7, 21)
    heat = dataclasses.replace(b19, disposal=bonded.Disposal("net salvage", 0.0))
    rows = [
        (
            "promotion_profit (one discount)",
            "24,452",
            _time(lambda: _reference_profit(b15, demand, 0.1), 100),
            _time(lambda: bonded.promotion_profit(b15, demand, 0.1), 500),
        ),
        (
            "optimal_promotion (81-point grid + search)",
            "398",
            _time(lambda: _reference_optimum(b15, demand), 3),
            _time(_uncached(lambda: bonded.optimal_promotion(b15, demand)), 50),
        ),
        (
            "promotion_gap (two optima, 41-point grids)",
            "179",
            _time(lambda: _reference_gap(params), 2),
            _time(_uncached(lambda: policy.promotion_gap(params, when="before", grid_points=41)), 30),
        ),
        (
            "profit_surface 21 x 21",
            "1",
            _time(lambda: _reference_surface(heat, demand, discounts, salvages), 1),
            _time(lambda: bonded.profit_surface(heat, demand, discounts, salvages), 20),
        ),
        (
            "run_study (notebook 04's analysis, sensitivity included)",
            "1",
            float("nan"),
            _time(_uncached(lambda: policy.run_study(params, assumptions.ranges(table))), 3),
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'task':<{width}}  {'calls':>7}  {'before ms':>10}  {'after ms':>9}  {'speed-up':>8}")
    for name, calls, before, after in rows:
        print(f"{name:<{width}}  {calls:>7}  {1000 * before:10.2f}  {1000 * after:9.3f}  {before / after:7.0f}x")


if __name__ == "__main__":
    main()
