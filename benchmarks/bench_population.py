"""Benchmark: the merchant-population Monte Carlo (helpers.inventory.simulate_population).

Times 10,000 merchants × 10,000 Double 11 draws (10^8 merchant-scenarios) under both
arrangements, and how the chunk size trades memory for speed. Prints a small table;
asserts nothing. Run with ``python benchmarks/bench_population.py``.
"""

from __future__ import annotations

import time

from helpers import assumptions
from helpers import inventory as inv

PARAMETERS = "data/assumptions/consignment.csv"


def _time(
    spec: inv.PopulationSpec, params: inv.ChannelParams, arrangement: str, n_draws: int, chunk: int
) -> tuple[float, float]:
    start = time.perf_counter()
    result = inv.simulate_population(spec, params, arrangement, n_draws=n_draws, seed=0, chunk_size=chunk)
    return time.perf_counter() - start, result.summary()["share_losing"]


def main() -> None:
    """Print seconds per run for a few sizes, arrangements and chunk sizes."""
    values = assumptions.values(assumptions.load_assumptions(PARAMETERS))
    params = inv.ChannelParams.from_values(values)
    rows = []
    sizes = ((1_000, 1_000, 64), (10_000, 10_000, 64), (10_000, 10_000, 256), (10_000, 10_000, 1024))
    for n_merchants, n_draws, chunk in sizes:
        spec = inv.PopulationSpec.from_values(values, n_merchants)
        for arrangement in ("consignment", "procurement"):
            seconds, share = _time(spec, params, arrangement, n_draws, chunk)
            memory_mb = chunk * n_draws * 8 * 6 / 1e6  # ~6 live float64 blocks per chunk
            rows.append((n_merchants, n_draws, chunk, arrangement, seconds, memory_mb, share))
    print(
        f"{'merchants':>9} {'draws':>6} {'chunk':>5} {'arrangement':<12} {'seconds':>8} {'~peak MB':>8} {'share losing':>12}"
    )
    for n_m, n_d, chunk, arrangement, seconds, memory_mb, share in rows:
        print(f"{n_m:>9,} {n_d:>6,} {chunk:>5} {arrangement:<12} {seconds:>8.2f} {memory_mb:>8.0f} {share:>12.3f}")


if __name__ == "__main__":
    main()
