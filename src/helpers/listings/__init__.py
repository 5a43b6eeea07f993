"""Listing-level data: item snapshots as analysts of Double 11 actually get them.

One row per item per day it was listed (date, item, title, price, sales count, comment
count, shop), in CSV (UTF-8, UTF-8 with BOM or GB18030), Excel or Parquet, with Chinese
or English headers. The package loads and checks such files, joins a sourced brand
table (origin and owner of each shop's brand, price tier), establishes what the sales
count measures, and estimates from it:

- ordinary and festival-day sales per item (:func:`item_table`);
- shares of the festival by brand origin or owner, with bootstrap intervals
  (:func:`origin_shares`), beside the popular reading (:func:`popular_shares`);
- whether each item's festival discount was real (:func:`classify_discounts`), beside
  the popular "price changed = discounted" rule (:func:`popular_discount_rule`);
- the Double 11 uplift and its spread across items (:func:`uplift_statistics`), set
  against the assumptions of notebooks 03 and 04 (:func:`assumption_comparison`,
  :func:`model_outcomes`).

Typical use (notebook ``05_listings``)::

    from helpers import listings
    df = listings.load_listings()                      # the shipped 2016 Taobao file
    items = listings.item_table(df, "2016-11-11")
    shares = listings.origin_shares(items, listings.load_brands())
"""

from __future__ import annotations

from helpers.listings.brands import (
    BRANDS_COLUMNS,
    BRANDS_CSV,
    REGIONS,
    TIERS,
    attach_brands,
    load_brands,
    price_tiers,
)
from helpers.listings.demand import (
    STATISTICS,
    assumption_comparison,
    depth_response,
    uplift_sample,
    uplift_statistics,
)
from helpers.listings.discounts import (
    CLASSES,
    classify_discounts,
    discount_summary,
    popular_discount_rule,
    rule_comparison,
)
from helpers.listings.items import CounterEvidence, count_changes, counter_evidence, daily_totals, item_table
from helpers.listings.loader import COLUMNS, HEADER_ALIASES, RAW_CSV, LoadReport, load_listings, load_report
from helpers.listings.models import model_discounts, model_elasticity, model_outcomes, observed_depth
from helpers.listings.shares import BLOCS, MEASURES, lookup_share, origin_shares, popular_shares

__all__ = [
    "BLOCS",
    "BRANDS_COLUMNS",
    "BRANDS_CSV",
    "CLASSES",
    "COLUMNS",
    "HEADER_ALIASES",
    "MEASURES",
    "RAW_CSV",
    "REGIONS",
    "STATISTICS",
    "TIERS",
    "CounterEvidence",
    "LoadReport",
    "assumption_comparison",
    "attach_brands",
    "classify_discounts",
    "count_changes",
    "counter_evidence",
    "daily_totals",
    "depth_response",
    "discount_summary",
    "item_table",
    "load_brands",
    "load_listings",
    "load_report",
    "lookup_share",
    "model_discounts",
    "model_elasticity",
    "model_outcomes",
    "observed_depth",
    "origin_shares",
    "popular_discount_rule",
    "popular_shares",
    "price_tiers",
    "rule_comparison",
    "uplift_sample",
    "uplift_statistics",
]
