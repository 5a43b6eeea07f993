"""Tests of the brand table (data/listings/brands.csv) and helpers.listings.brands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.errors import DataError, ParameterError
from helpers.listings import BRANDS_CSV, REGIONS, attach_brands, load_brands, load_listings, price_tiers


@pytest.fixture(scope="module")
def brands() -> pd.DataFrame:
    return load_brands()


def test_every_shop_of_the_raw_file_has_one_row(brands: pd.DataFrame) -> None:
    shops = set(load_listings()["shop"].astype(str))
    assert set(brands["shop"]) == shops and len(brands) == 22


def test_hard_cases_are_decided_both_ways(brands: pd.DataFrame) -> None:
    b = brands.set_index("shop")
    expect = {
        "欧珀莱": ("China", "Japan"),  # AUPRES: created for China by Shiseido's Beijing joint venture
        "SKII": ("Japan", "US"),  # SK-II: Japanese origin, P&G
        "植村秀": ("Japan", "Europe"),  # Shu Uemura: Japanese origin, L'Oréal
        "玉兰油": ("Other", "US"),  # Olay: South African origin, P&G
        "美加净": ("China", "China"),  # MAXAM: Shanghai Jahwa
        "美宝莲": ("US", "Europe"),  # Maybelline: L'Oréal
    }
    for shop, (origin, owner) in expect.items():
        assert (b.loc[shop, "origin_region"], b.loc[shop, "owner_region"]) == (origin, owner), shop
    assert b.loc["美加净", "confidence"] == "unverified"  # 2016 owner inferred, said so in the note
    assert all(len(n) > 20 for n in b.loc[list(expect), "note"])


def test_rows_carry_sources(brands: pd.DataFrame) -> None:
    assert brands["source_url"].str.match(r"https?://").all()
    assert (brands["source"].str.len() > 20).all()
    assert set(brands["origin_region"]) | set(brands["owner_region"]) <= set(REGIONS)


def test_shipped_tiers_follow_the_price_rule(brands: pd.DataFrame) -> None:
    computed = price_tiers(load_listings()).set_index("shop")
    shipped = brands.set_index("shop")
    assert (computed.loc[shipped.index, "price_tier"] == shipped["price_tier"].astype(str)).all()
    assert computed.loc[shipped.index, "median_price_yuan"].tolist() == pytest.approx(
        shipped["tier_median_price_yuan"].tolist()
    )


def test_price_tiers_on_generated_prices() -> None:
    days = pd.to_datetime(["2016-11-05", "2016-11-06", "2016-11-11"])
    rows = []
    for shop, price in (("a", 50.0), ("b", 150.0), ("c", 300.0), ("d", 900.0)):
        rows += [
            {"date": d, "shop": shop, "item_id": shop + "1", "price_yuan": price if d.day < 11 else 1.0} for d in days
        ]
    out = price_tiers(pd.DataFrame(rows)).set_index("shop")
    assert out["price_tier"].tolist() == ["mass", "masstige", "premium", "luxury"]  # festival prices ignored
    with pytest.raises(ParameterError):
        price_tiers(pd.DataFrame(rows), thresholds=(200, 100, 500))


def test_attach_brands_marks_unknown_shops(brands: pd.DataFrame) -> None:
    out = attach_brands(pd.DataFrame({"shop": ["SKII", "小店"]}), brands)
    assert out["owner_region"].tolist() == ["US", "Other"]
    assert out.attrs["shops_without_brand"] == ["小店"]
    with pytest.raises(ParameterError):
        attach_brands(pd.DataFrame({"x": [1]}), brands)


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "brands.csv"
    shutil.copy(BRANDS_CSV, path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "column", "line"),
    [
        (
            ",Korea,Amorepacific,South Korea,Korea,,masstige",
            ",Asia,Amorepacific,South Korea,Korea,,masstige",
            "origin_region",
            2,
        ),
        ("https://www.pressreader.com/thailand/bangkok-post/20150609/282505772216327", "pressreader", "source_url", 2),
        (",masstige,110,", ",cheap,110,", "price_tier", 2),
        ("佰草集,佰草集,Herborist", "悦诗风吟,佰草集,Herborist", "shop", 3),
        (",verified-secondary,Created by its owner; origin", ",sure,Created by its owner; origin", "confidence", 2),
    ],
)
def test_bad_rows_name_line_and_column(tmp_path: Path, old: str, new: str, column: str, line: int) -> None:
    with pytest.raises(DataError) as err:
        load_brands(_edited(tmp_path, old, new))
    assert (err.value.line, err.value.column) == (line, column)
