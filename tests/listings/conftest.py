"""Generated listing files with known answers, shared by the listings tests."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

FESTIVAL = pd.Timestamp("2016-11-11")
SNAPSHOTS = pd.date_range("2016-11-05", "2016-11-14")


def simulate(
    n_items: int = 200,
    *,
    kind: str = "cumulative",
    uplift: float = 50.0,
    history_days: int = 1000,
    seed: int = 0,
    shops: tuple[str, ...] = ("甲", "乙", "丙", "丁"),
) -> pd.DataFrame:
    """Daily Poisson sales per item, shown as a cumulative or a rolling 30-day count on 11-05..11-14.

    Item ``i`` sells ``lam_i`` a day on ordinary days and ``uplift * lam_i`` on the festival;
    the cumulative count starts from ``history_days`` days of past sales.
    """
    rng = np.random.default_rng(seed)
    days = pd.date_range("2016-09-01", SNAPSHOTS[-1])
    lam = rng.uniform(2, 20, n_items)
    rate = np.outer(lam, np.where(days == FESTIVAL, uplift, 1.0))
    q = rng.poisson(rate)
    if kind == "cumulative":
        shown = (lam * history_days).round()[:, None] + np.cumsum(q, axis=1)
    elif kind == "rolling":
        c = np.cumsum(q, axis=1)
        shown = c - np.concatenate([np.zeros((n_items, 30)), c[:, :-30]], axis=1)
    else:  # pragma: no cover - test helper misuse
        raise ValueError(kind)
    keep = days.isin(SNAPSHOTS)
    rows = []
    for i in range(n_items):
        for d, s in zip(days[keep], shown[i, keep]):
            rows.append(
                {
                    "date": d,
                    "item_id": f"I{i:04d}",
                    "title": f"item {i}",
                    "price_yuan": 100.0,
                    "sale_count": int(s),
                    "comment_count": 0,
                    "shop": shops[i % len(shops)],
                }
            )
    df = pd.DataFrame(rows)
    df["sale_count"] = df["sale_count"].astype("Int64")
    df["comment_count"] = df["comment_count"].astype("Int64")
    for col in ("item_id", "title", "shop"):
        df[col] = df[col].astype("category")
    df.attrs["lam"] = lam
    return df


@pytest.fixture(scope="session")
def cumulative() -> pd.DataFrame:
    return simulate(kind="cumulative")


@pytest.fixture(scope="session")
def rolling() -> pd.DataFrame:
    return simulate(kind="rolling")
