"""The brand table: who each shop's brand is, where it comes from, who owns it, its price tier.

``data/listings/brands.csv`` has one row per shop of the listing data (the ``店名``
values), with the brand's country and region of origin (where the brand was created),
its owning group and the group's country and region, a price tier, and a source for
every row (``data/listings/README.md`` explains the columns and the hard cases).
:func:`load_brands` reads and checks it; :func:`attach_brands` joins it to item or
listing tables; :func:`price_tiers` recomputes the tier rule from listing prices.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers import paths
from helpers.errors import DataError, ParameterError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "BRANDS_COLUMNS",
    "BRANDS_CSV",
    "CONFIDENCE",
    "REGIONS",
    "TIERS",
    "TIER_THRESHOLDS_YUAN",
    "attach_brands",
    "load_brands",
    "price_tiers",
]

#: Shipped brand table for the 22 shops of the 2016 Taobao cosmetics file.
BRANDS_CSV: Path = paths.DATA_DIR / "listings" / "brands.csv"
#: Columns of a brand table, in order.
BRANDS_COLUMNS = (
    "shop",
    "brand_zh",
    "brand_en",
    "origin_country",
    "origin_region",
    "owner_group",
    "owner_country",
    "owner_region",
    "owner_since",
    "price_tier",
    "tier_median_price_yuan",
    "source",
    "source_url",
    "confidence",
    "note",
)
#: Regions used to group origins and owners (Europe = the European countries in the table).
REGIONS = ("China", "Japan", "Korea", "Europe", "US", "Other")
#: Price tiers, cheapest first.
TIERS = ("mass", "masstige", "premium", "luxury")
#: Lower bounds of the tiers above ``mass``: a shop's median listed price (yuan) before the festival.
TIER_THRESHOLDS_YUAN = (100.0, 200.0, 500.0)
#: Confidence words (as in ``data/README.md``).
CONFIDENCE = ("verified", "verified-secondary", "unverified")
_URL = re.compile(r"https?://\S+")


def _read(path: Path) -> pd.DataFrame:
    from helpers import tables

    return tables.read_csv(path, required=BRANDS_COLUMNS, what="brand table")


def load_brands(path: str | Path | None = None) -> pd.DataFrame:
    """Read and check a brand table.

    Parameters
    ----------
    path : str or Path, optional
        Default :data:`BRANDS_CSV`; relative paths are read from the repository root.

    Returns
    -------
    pandas.DataFrame
        One row per shop, columns :data:`BRANDS_COLUMNS`; ``owner_since`` is a nullable
        integer year (empty when the owner created the brand), ``tier_median_price_yuan`` a
        float (yuan), ``price_tier`` an ordered categorical.

    Raises
    ------
    DataError
        Missing column, duplicate or empty shop, a region not in :data:`REGIONS`, a tier
        not in :data:`TIERS`, an unknown confidence word, a row without source or without
        a ``http(s)://`` URL, or a bad year or price — naming the file, line and column.

    Examples
    --------
    >>> brands = load_brands()
    >>> len(brands), brands.set_index("shop").loc["欧珀莱", ["origin_region", "owner_region"]].tolist()
    (22, ['China', 'Japan'])
    """
    import pandas as pd

    path = BRANDS_CSV if path is None else paths.resolve(path)
    table = _read(path)

    def err(i: int, column: str, message: str) -> DataError:
        return DataError(message, path=path, line=i + 2, column=column)

    seen: dict[str, int] = {}
    for i, row in enumerate(table.itertuples(index=False)):
        if not row.shop:
            raise err(i, "shop", "empty shop name")
        if row.shop in seen:
            raise err(i, "shop", f"shop {row.shop!r} already on line {seen[row.shop] + 2}")
        seen[row.shop] = i
        for column in ("brand_en", "origin_country", "owner_group", "owner_country", "source", "note"):
            if not getattr(row, column):
                raise err(i, column, "empty value")
        for column in ("origin_region", "owner_region"):
            if getattr(row, column) not in REGIONS:
                raise err(i, column, f"expected one of {', '.join(REGIONS)}, got {getattr(row, column)!r}")
        if row.price_tier not in TIERS:
            raise err(i, "price_tier", f"expected one of {', '.join(TIERS)}, got {row.price_tier!r}")
        if row.confidence not in CONFIDENCE:
            raise err(i, "confidence", f"expected one of {', '.join(CONFIDENCE)}, got {row.confidence!r}")
        if not _URL.fullmatch(row.source_url):
            raise err(i, "source_url", f"expected one http(s):// URL, got {row.source_url!r}")
        if row.owner_since and not (row.owner_since.isdigit() and 1800 <= int(row.owner_since) <= 2100):
            raise err(i, "owner_since", f"expected a year or empty, got {row.owner_since!r}")
        try:
            price = float(row.tier_median_price_yuan)
        except ValueError:
            raise err(i, "tier_median_price_yuan", f"expected a number, got {row.tier_median_price_yuan!r}") from None
        if not math.isfinite(price) or price < 0:
            raise err(i, "tier_median_price_yuan", f"expected a price >= 0 yuan, got {row.tier_median_price_yuan!r}")
    out = table.copy()
    out["owner_since"] = pd.array([int(x) if x else None for x in table["owner_since"]], dtype="Int64")
    out["tier_median_price_yuan"] = table["tier_median_price_yuan"].astype(float)
    out["price_tier"] = pd.Categorical(table["price_tier"], categories=list(TIERS), ordered=True)
    return out


def attach_brands(table: pd.DataFrame, brands: pd.DataFrame, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Join brand columns to a table with a ``shop`` column (listings or items).

    Shops missing from ``brands`` get region ``"Other"`` and tier missing, and their names
    are listed in ``attrs["shops_without_brand"]`` so a notebook can say so.

    Parameters
    ----------
    table : DataFrame
        Must have a ``shop`` column.
    brands : DataFrame
        From :func:`load_brands`.
    columns : tuple of str, optional
        Brand columns to add; default brand, origin, owner and tier columns.

    Returns
    -------
    DataFrame
        ``table`` with the brand columns added (same row order).

    Examples
    --------
    >>> import pandas as pd
    >>> out = attach_brands(pd.DataFrame({"shop": ["SKII", "无名小店"]}), load_brands())
    >>> out["origin_region"].tolist(), out.attrs["shops_without_brand"]
    (['Japan', 'Other'], ['无名小店'])
    """
    import pandas as pd

    if "shop" not in table.columns:
        raise ParameterError("attach_brands needs a table with a 'shop' column")
    columns = columns or (
        "brand_en",
        "origin_country",
        "origin_region",
        "owner_group",
        "owner_country",
        "owner_region",
        "price_tier",
    )
    unknown = [c for c in columns if c not in brands.columns]
    if unknown:
        raise ParameterError(f"brand table has no column(s) {unknown}")
    lookup = brands.set_index("shop")[list(columns)]
    shops = table["shop"].astype("str")
    out = table.copy()
    for column in columns:
        values = shops.map(lookup[column])
        if column.endswith("_region"):
            values = values.fillna("Other")
        out[column] = (
            values.to_numpy()
            if column != "price_tier"
            else pd.Categorical(values, categories=list(TIERS), ordered=True)
        )
    out.attrs = dict(table.attrs)
    out.attrs["shops_without_brand"] = sorted(set(shops.unique()) - set(lookup.index))
    return out


def price_tiers(
    listings: pd.DataFrame,
    festival: Any = "2016-11-11",
    thresholds: tuple[float, float, float] = TIER_THRESHOLDS_YUAN,
) -> pd.DataFrame:
    """Price tier of each shop from its listings: the rule behind ``price_tier``.

    A shop's tier price is the median, over its items, of each item's median listed
    price on the days before the festival (list prices, before any festival cut).

    Parameters
    ----------
    listings : DataFrame
        From :func:`helpers.listings.load_listings`.
    festival : date-like
        The festival day; only earlier snapshots count.
    thresholds : (float, float, float)
        Lower bounds (yuan) of masstige, premium and luxury.

    Returns
    -------
    DataFrame
        ``shop``, ``median_price_yuan`` (rounded to whole yuan), ``n_items``, ``price_tier``.

    Examples
    --------
    >>> from helpers.listings import load_listings
    >>> t = price_tiers(load_listings()).set_index("shop")
    >>> t.loc["SKII", "price_tier"], t.loc["美加净", "price_tier"]
    ('luxury', 'mass')
    """
    import numpy as np
    import pandas as pd

    lo, mid, hi = (float(x) for x in thresholds)
    if not 0 < lo < mid < hi:
        raise ParameterError(f"thresholds must rise and be positive (yuan), got {thresholds}")
    day = pd.Timestamp(festival)
    before = listings.loc[listings["date"] < day, ["shop", "item_id", "price_yuan"]]
    if before.empty:
        raise ParameterError(f"no snapshots before {day:%Y-%m-%d}: cannot price the shops before the festival")
    per_item = before.groupby(["shop", "item_id"], observed=True)["price_yuan"].median()
    per_shop = per_item.groupby(level="shop", observed=True).agg(["median", "size"])
    median = np.round(per_shop["median"].to_numpy(), 0)
    tier = np.select([median >= hi, median >= mid, median >= lo], ["luxury", "premium", "masstige"], "mass")
    return pd.DataFrame(
        {
            "shop": per_shop.index.astype("str"),
            "median_price_yuan": median,
            "n_items": per_shop["size"].to_numpy(),
            "price_tier": tier,
        }
    ).reset_index(drop=True)
