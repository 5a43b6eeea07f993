"""Benchmark: the SKU funnel at the article's scale (helpers.funnel.simulate_funnel).

Times 110,000 candidate SKUs x 52 test weeks x 100 replications under the posterior-threshold
rule and under Thompson sampling (the slower: survivors stay under test all year), with the
assumptions of ``data/assumptions/funnel.csv``, and the exact recursion that replaces the
simulation in the notebook's sweeps. Prints a small table; asserts nothing. Run with
``python benchmarks/bench_funnel.py``.
"""

from __future__ import annotations

import time

from helpers import assumptions
from helpers.funnel import (
    Economics,
    MixturePrior,
    decision_rule,
    prior_operating,
    simulate_funnel,
)

PARAMETERS = "data/assumptions/funnel.csv"
N_SKUS, WEEKS, REPLICATIONS = 110_000, 52, 100


def main() -> None:
    """Print seconds per full-scale simulation for each rule, and for the exact recursion."""
    values = assumptions.values(assumptions.load_assumptions(PARAMETERS))
    prior, econ = MixturePrior.from_values(values), Economics.from_values(values)
    stock = econ.first_batch_units
    print(f"{'rule':<32} {'SKUs':>8} {'weeks':>5} {'reps':>5} {'seconds':>8} {'SKU-weeks/s':>12} {'survival':>8}")
    for kind in ("threshold", "thompson"):
        rule = decision_rule(prior, econ, kind=kind, horizon=WEEKS)
        start = time.perf_counter()
        run = simulate_funnel(rule, prior, n_skus=N_SKUS, replications=REPLICATIONS, seed=0, stock_units=stock)
        seconds = time.perf_counter() - start
        rate = run.sku_weeks.sum() / seconds
        print(
            f"{rule.name:<32} {N_SKUS:>8,} {WEEKS:>5} {REPLICATIONS:>5} {seconds:>8.2f} {rate:>12,.0f} "
            f"{run.per_tried()['survival']:>8.3f}"
        )
    for kind in ("threshold", "thompson"):
        rule = decision_rule(prior, econ, kind=kind, horizon=WEEKS)
        start = time.perf_counter()
        survival = prior_operating(rule, prior, stock_units=stock, nodes=100).funnel()["survival"]
        print(
            f"{'exact: ' + kind:<32} {'200 rates':>8} {WEEKS:>5} {'-':>5} {time.perf_counter() - start:>8.2f} "
            f"{'-':>12} {survival:>8.3f}"
        )


if __name__ == "__main__":
    main()
