"""Tests of helpers.listings.shares on generated items with known shares."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.errors import ParameterError
from helpers.listings import (
    BLOCS,
    item_table,
    load_brands,
    load_listings,
    lookup_share,
    origin_shares,
    popular_shares,
)


def brands_for(shops: dict[str, str]) -> pd.DataFrame:
    rows = [
        {
            "shop": s,
            "origin_region": r,
            "owner_region": "US" if r == "Japan" else r,
            "brand_en": s,
            "origin_country": r,
            "owner_group": "g",
            "owner_country": r,
            "price_tier": "mass",
        }
        for s, r in shops.items()
    ]
    return pd.DataFrame(rows)


def items_for(spec: list[tuple[str, float, float]]) -> pd.DataFrame:
    """Items as (shop, festival units, price); NaN units = not measured."""
    rows = [
        {
            "item_id": f"i{k}",
            "shop": shop,
            "listed_on_festival": True,
            "has_counts": not np.isnan(u),
            "festival_units": u,
            "festival_value_yuan": u * p,
        }
        for k, (shop, u, p) in enumerate(spec)
    ]
    return pd.DataFrame(rows)


SHOPS = {"a": "China", "b": "China", "c": "Japan", "d": "Europe", "e": "Europe"}
SPEC = [
    ("a", 60, 10.0),
    ("a", 0, 10.0),
    ("b", 20, 10.0),
    ("c", 10, 100.0),
    ("d", 5, 10.0),
    ("e", 5, 10.0),
    ("e", float("nan"), 10.0),
]


def test_known_shares_and_intervals() -> None:
    out = origin_shares(items_for(SPEC), brands_for(SHOPS), n_boot=500, seed=1)
    units = out[out["measure"] == "units"].set_index("group")
    assert units["share"].to_dict() == pytest.approx({"China": 0.8, "Japan": 0.1, "Europe": 0.1})
    value = out[out["measure"] == "value_yuan"].set_index("group")["share"]
    assert value["Japan"] == pytest.approx(1000 / 1900)
    listed = out[out["measure"] == "listings"].set_index("group")["share"]
    assert listed["Europe"] == pytest.approx(3 / 7)
    selling = out[out["measure"] == "items_selling"].set_index("group")["total"]
    assert selling["China"] == 2  # an item with zero festival units listed but did not sell
    assert ((out["share_low"] <= out["share"] + 1e-12) & (out["share"] <= out["share_high"] + 1e-12)).all()
    assert out.groupby("measure")["share"].sum().tolist() == pytest.approx([1.0] * 4)
    assert out.groupby("measure")["p_largest"].sum().tolist() == pytest.approx([1.0] * 4)
    assert list(units.index) == ["China", "Japan", "Europe"]  # region order, not alphabetical


def test_item_bootstrap_is_narrower_than_shop_bootstrap() -> None:
    rng = np.random.default_rng(0)
    spec = [(s, float(rng.poisson(20)), 10.0) for s in SHOPS for _ in range(40)]
    by_shop = origin_shares(items_for(spec), brands_for(SHOPS), n_boot=400)
    by_item = origin_shares(items_for(spec), brands_for(SHOPS), bootstrap="items", n_boot=400)
    width = lambda t: (t["share_high"] - t["share_low"]).mean()  # noqa: E731
    assert width(by_item) < width(by_shop)


def test_groups_and_lookup() -> None:
    out = origin_shares(items_for(SPEC), brands_for(SHOPS), groups=BLOCS, n_boot=200)
    assert set(out["group"]) == {"China", "Japan+Korea", "Europe+US"}
    jk = lookup_share(out, "Japan+Korea", "units")
    assert jk["share"] == pytest.approx(0.1) and jk["present"] == 1.0
    assert lookup_share(out, "Other", "units") == {
        "share": 0.0,
        "low": 0.0,
        "high": 0.0,
        "p_largest": 0.0,
        "total": 0.0,
        "present": 0.0,
    }
    with pytest.raises(ParameterError):
        lookup_share(out, "China", "revenue")


def test_bad_arguments() -> None:
    items, brands = items_for(SPEC), brands_for(SHOPS)
    for kwargs in ({"by": "colour"}, {"bootstrap": "days"}, {"n_boot": 10}, {"level": 1.5}):
        with pytest.raises(ParameterError):
            origin_shares(items, brands, **kwargs)
    with pytest.raises(ParameterError):
        origin_shares(items.drop(columns="festival_units"), brands)


def test_raw_file_popular_reading_and_missing_shops() -> None:
    df, brands = load_listings(), load_brands()
    out = origin_shares(item_table(df), brands, n_boot=200)
    assert set(out.attrs["shops_without_counts"]) == {"SKII", "玉兰油", "植村秀"}
    pop = popular_shares(df, brands).set_index("group")
    assert pop.loc["Other", "units_read"] == 0 and pop["share_units"].sum() == pytest.approx(1.0)
