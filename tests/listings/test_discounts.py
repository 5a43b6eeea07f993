"""Tests of helpers.listings.discounts: classes on generated prices, the popular rule, summaries."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.errors import ParameterError
from helpers.listings import (
    classify_discounts,
    discount_summary,
    item_table,
    load_listings,
    popular_discount_rule,
    rule_comparison,
)

DAYS = pd.to_datetime(["2016-11-08", "2016-11-09", "2016-11-10", "2016-11-11", "2016-11-12"])
PATHS = {  # item: prices on the five days, and the class it must get
    "cut": ([100, 100, 100, 80, 100], "real_cut"),
    "cut_kept": ([100, 100, 100, 80, 80], "real_cut"),
    "fake": ([100, 130, 130, 100, 100], "raise_then_cut"),
    "fake_partial": ([100, 150, 150, 120, 150], "raise_then_cut"),
    "flat": ([100, 100, 100, 100, 100], "no_change"),
    "tiny": ([100, 100, 100, 99.8, 100], "no_change"),
    "up_day": ([100, 100, 100, 110, 100], "raise_on_day"),
    "held": ([100, 120, 120, 120, 100], "raised_before"),
}


def listings() -> pd.DataFrame:
    rows = [
        {"date": d, "item_id": k, "price_yuan": float(p), "sale_count": pd.NA, "shop": "s", "title": k}
        for k, (prices, _) in PATHS.items()
        for d, p in zip(DAYS, prices)
    ]
    rows.append(
        {"date": DAYS[0], "item_id": "gone", "price_yuan": 50.0, "sale_count": pd.NA, "shop": "s", "title": "gone"}
    )
    df = pd.DataFrame(rows)
    df["sale_count"] = df["sale_count"].astype("Int64")
    return df


def test_each_path_gets_its_class() -> None:
    c = classify_discounts(item_table(listings())).set_index("item_id")
    for item, (_, expected) in PATHS.items():
        assert c.loc[item, "discount_class"] == expected, item
    assert pd.isna(c.loc["gone", "discount_class"])  # not on sale on the festival day: not comparable
    assert c.loc["cut", "real_depth"] == pytest.approx(0.2) and c.loc["fake", "real_depth"] == pytest.approx(0.0)
    assert c.loc["fake", "claimed_depth"] == pytest.approx(1 - 100 / 130)
    assert (c.loc["cut", "after"], c.loc["cut_kept", "after"]) == ("back up", "kept")


def test_tolerance_moves_small_changes() -> None:
    strict = classify_discounts(item_table(listings()), tolerance=0.0).set_index("item_id")
    assert strict.loc["tiny", "discount_class"] == "real_cut"
    with pytest.raises(ParameterError):
        classify_discounts(item_table(listings()), tolerance=-0.1)


def test_summary_shares_and_depths() -> None:
    s = discount_summary(classify_discounts(item_table(listings()))).iloc[0]
    assert s["comparable"] == len(PATHS)
    assert s["share_real_cut"] == pytest.approx(2 / 8) and s["share_raise_then_cut"] == pytest.approx(2 / 8)
    assert s["median_real_depth"] == pytest.approx(0.2) and s["share_back_up"] == pytest.approx(0.5)
    with pytest.raises(ParameterError):
        discount_summary(classify_discounts(item_table(listings())), by="nope")


def test_popular_rule_counts_any_change() -> None:
    pop = popular_discount_rule(listings()).set_index("item_id")
    assert bool(pop.loc["up_day", "price_changed"]) and not bool(pop.loc["up_day", "discounted"])
    # 先涨后降 is "truly discounted" (真打折) under the popular rule, because its price moved
    assert bool(pop.loc["fake", "price_changed"]) and pop.loc["fake", "ratio"] == pytest.approx(1.0)
    assert bool(pop.loc["cut", "discounted"]) and not bool(pop.loc["flat", "price_changed"])
    assert np.isnan(pop.loc["gone", "ratio"]) and not bool(pop.loc["gone", "discounted"])


def test_rule_comparison_on_generated_and_raw() -> None:
    df = listings()
    t = rule_comparison(classify_discounts(item_table(df)), popular_discount_rule(df))
    assert t["items"].tolist() == [9, 8, 8]
    assert t["flagged"].tolist()[0] == 7  # every item whose price moved, raises included
    raw = load_listings()
    r = rule_comparison(classify_discounts(item_table(raw)), popular_discount_rule(raw))
    assert r["items"].tolist() == [3_497, 2_274, 2_274]
    assert r["share"].iloc[2] == pytest.approx(794 / 2_274) and np.isfinite(r["median_depth"].iloc[2])
