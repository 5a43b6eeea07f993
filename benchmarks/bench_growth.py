"""Speed of the growth-model helpers: one fit per model, intervals, a rolling-origin backtest, the null models.

Run with ``python benchmarks/bench_growth.py`` (or ``make bench``). Uses a generated
series (logistic, 11 years, 2% noise, fixed seed) the size of Alibaba's single-day series.
"""

from __future__ import annotations

import time

import numpy as np

from helpers import growth

MODELS = ("exponential", "logistic", "gompertz", "poly2", "poly3", "gm11")


def _time(fn, repeat: int) -> float:
    """Best-of-3 mean seconds per call over ``repeat`` calls."""
    best = np.inf
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(repeat):
            fn()
        best = min(best, (time.perf_counter() - t0) / repeat)
    return best


def main() -> None:
    """Print a table: task, milliseconds per call."""
    rng = np.random.default_rng(0)
    years = np.arange(2009, 2020)
    values = 4000.0 / (1 + np.exp(-0.55 * (years - 2017))) * np.exp(rng.normal(0, 0.02, years.size))
    rows = []
    for m in MODELS:
        rows.append((f"fit {m}", _time(lambda m=m: growth.fit_model(m, years, values), 20)))
    fit = growth.fit_logistic(years, values)
    rows.append(("logistic predict, delta 90%", _time(lambda: fit.predict([2020, 2021], 0.9), 50)))
    rows.append(
        (
            "logistic predict, bootstrap 300",
            _time(lambda: fit.predict([2020, 2021], 0.9, method="bootstrap", n_boot=300), 2),
        )
    )
    fitters = growth.model_fitters(MODELS, last_n={"gm11": 5})
    rows.append(
        (
            "backtest 6 models, origins 2013-2018, h=2",
            _time(lambda: growth.rolling_origin(years, values, fitters, 2013, horizon=2, n_boot=300), 2),
        )
    )
    rows.append(("R² simulation, 2000 series", _time(lambda: growth.simulate_polynomial_r2(n_sims=2000), 5)))
    rows.append(
        (
            "4 calibrated nulls, 10,000 series each",
            _time(lambda: growth.polynomial_r2_null(values[:10], 3, n_sims=10000), 3),
        )
    )
    width = max(len(r[0]) for r in rows)
    print(f"{'task':<{width}}  ms/call")
    for name, sec in rows:
        print(f"{name:<{width}}  {1000 * sec:8.1f}")


if __name__ == "__main__":
    main()
