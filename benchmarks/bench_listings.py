"""Benchmark: load a listing file 100 times the size of the 2016 Taobao file and build the item tables.

Generates a GB18030 CSV of the same schema with the shipped file's rows repeated 100 times under
new item ids (2.76 million rows, about 280 MB), then, in a fresh process, times what notebook 05
does to it: ``load_listings`` and the per-item tables (``item_table``, ``classify_discounts`` with
``attach_brands``, ``uplift_sample``, ``discount_summary``, the shares by origin with 2,000 shop
resamples), and reports that process's peak resident memory. Goal: under 10 s and 1 GB.
Prints a small table; asserts nothing. Run with ``python benchmarks/bench_listings.py``.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FACTOR = 100


def make_file(folder: Path, factor: int = FACTOR) -> tuple[Path, int]:
    """Write the shipped rows ``factor`` times (item ids suffixed) as a GB18030 CSV; return path and rows."""
    import pandas as pd

    from helpers import listings as L

    raw = pd.read_csv(L.RAW_CSV, encoding="gb18030", dtype=str, keep_default_na=False)
    copies = []
    for k in range(factor):
        c = raw.copy()
        c["id"] = c["id"] + f"_{k:03d}"
        copies.append(c)
    big = pd.concat(copies, ignore_index=True)
    path = folder / "listings_x100.csv"
    big.to_csv(path, index=False, encoding="gb18030")
    return path, len(big)


def run(path: Path) -> None:
    """Time each step on ``path`` (no tracing overhead) and print the process's peak RSS."""
    from helpers import listings as L

    brands = L.load_brands()
    rows = []
    start = time.perf_counter()

    def step(name: str, fn):  # noqa: ANN001, ANN202
        t = time.perf_counter()
        out = fn()
        rows.append((name, time.perf_counter() - t))
        return out

    df = step("load_listings", lambda: L.load_listings(path))
    items = step("item_table", lambda: L.item_table(df, "2016-11-11"))
    items = step("classify_discounts + attach_brands", lambda: L.attach_brands(L.classify_discounts(items), brands))
    step("uplift_sample", lambda: L.uplift_sample(items))
    step("discount_summary by origin", lambda: L.discount_summary(items, "origin_region"))
    step("origin_shares (2,000 shop resamples)", lambda: L.origin_shares(items, brands))
    total = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{'step':<40} {'seconds':>8}")
    for name, seconds in rows:
        print(f"{name:<40} {seconds:>8.2f}")
    print(f"{'total (goal < 10 s)':<40} {total:>8.2f}")
    print(
        f"rows loaded {len(df):,}; items {len(items):,}; loaded table "
        f"{df.memory_usage(deep=True).sum() / 1e6:,.0f} MB; peak resident memory of this process "
        f"{rss_mb:,.0f} MB (goal < 1,000 MB; includes Python, pandas and scipy)"
    )


def main() -> None:
    """Generate the file, then time and measure the work in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        path, n_rows = make_file(Path(tmp))
        print(
            f"generated {n_rows:,} rows ({path.stat().st_size / 1e6:,.0f} MB, GB18030) in "
            f"{time.perf_counter() - t0:.1f} s (not timed below)",
            flush=True,
        )
        subprocess.run([sys.executable, __file__, "--run", str(path)], check=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--run":
        run(Path(sys.argv[2]))
    else:
        main()
