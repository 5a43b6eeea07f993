"""Who carried Double 11: shares of listings, selling items, units and value by origin or owner.

:func:`origin_shares` splits four measures of the festival between groups of shops
(origin or owner regions of the brand table, price tiers, or shops): the items listed on
the festival day, the items that sold on it, the estimated festival-day units and their
value at the festival price. Units and value are indirect (estimated from the sales
counts, :func:`helpers.listings.item_table`), so each share carries a bootstrap interval:
resampling whole shops asks how the split would differ with another set of brands of the
same kind; resampling items asks only how noisy the items of these shops are.
:func:`popular_shares` reproduces the popular reading that sums the counts shown on the
day (empty counts as zero) for comparison.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpers.errors import ParameterError
from helpers.listings import _boot
from helpers.listings.brands import REGIONS, TIERS, attach_brands

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["BLOCS", "MEASURES", "lookup_share", "origin_shares", "popular_shares"]

#: A coarser grouping of regions for the article's comparison (Japan/Korea against Europe/US).
BLOCS = {
    "China": "China",
    "Japan": "Japan+Korea",
    "Korea": "Japan+Korea",
    "Europe": "Europe+US",
    "US": "Europe+US",
    "Other": "Other",
}

#: Measures split by :func:`origin_shares`, with what each counts.
MEASURES = {
    "listings": "items listed on the festival day",
    "items_selling": "items with estimated festival-day sales above zero",
    "units": "estimated festival-day units",
    "value_yuan": "estimated festival-day units times the festival price (yuan)",
}
_BY = ("origin_region", "owner_region", "origin_country", "owner_country", "price_tier", "shop")


def _groups(by: str, present: list[str]) -> list[str]:
    order = {
        "origin_region": REGIONS,
        "owner_region": REGIONS,
        "price_tier": TIERS,
        "bloc": tuple(dict.fromkeys(BLOCS.values())),
    }.get(by)
    if order is None:
        return sorted(present)
    return [g for g in order if g in present] + sorted(set(present) - set(order))


def origin_shares(
    items: pd.DataFrame,
    brands: pd.DataFrame,
    by: str = "origin_region",
    *,
    groups: dict[str, str] | None = None,
    bootstrap: str = "shops",
    n_boot: int = 2000,
    level: float = 0.9,
    seed: int | None = 0,
) -> pd.DataFrame:
    """Shares of the festival by group, with bootstrap intervals.

    Parameters
    ----------
    items : DataFrame
        From :func:`helpers.listings.item_table`.
    brands : DataFrame
        From :func:`helpers.listings.load_brands`.
    by : str
        ``"origin_region"``, ``"owner_region"``, ``"origin_country"``, ``"owner_country"``,
        ``"price_tier"`` or ``"shop"``.
    groups : dict, optional
        Coarser groups: value of ``by`` -> group label (e.g. :data:`BLOCS` to compare
        Japan+Korea with Europe+US); values not in the mapping keep their own label.
    bootstrap : {"shops", "items"}
        Resample whole shops (default) or single items.
    n_boot : int
        Bootstrap replicates (>= 100).
    level : float
        Interval level, e.g. 0.9 for a 90% percentile interval.
    seed : int or None
        Random seed (fixed by default so results are reproducible).

    Returns
    -------
    DataFrame
        Long table: ``group``, ``measure`` (keys of :data:`MEASURES`), ``total`` (items,
        units or yuan), ``share`` (fraction of all groups), ``share_low``, ``share_high``,
        ``p_largest`` (fraction of bootstrap replicates in which the group has the largest
        share of the measure), ``shops`` (in the group), ``shops_without_counts`` (listed on the festival day but
        with no sales counts at all: their units and value are unknown, not zero).
        ``attrs`` records ``bootstrap``, ``n_boot``, ``level`` and ``shops_without_brand``.

    References
    ----------
    Efron, B. & Tibshirani, R. (1993). *An Introduction to the Bootstrap*. Chapman & Hall
    (percentile intervals; resampling clusters for grouped data, ch. 8).

    Examples
    --------
    >>> from helpers.listings import load_listings, load_brands, item_table
    >>> s = origin_shares(item_table(load_listings()), load_brands(), n_boot=200)
    >>> round(float(s.groupby("measure")["share"].sum()["units"]), 6)
    1.0
    """
    import numpy as np
    import pandas as pd

    if by not in _BY:
        raise ParameterError(f"by must be one of {', '.join(_BY)}; got {by!r}")
    if bootstrap not in ("shops", "items"):
        raise ParameterError(f"bootstrap must be 'shops' or 'items'; got {bootstrap!r}")
    n_boot, level = _boot.check(n_boot, level, seed)
    need = ("shop", "listed_on_festival", "festival_units", "festival_value_yuan", "has_counts")
    missing = [c for c in need if c not in items.columns]
    if missing:
        raise ParameterError(f"items lacks column(s) {missing}; make it with helpers.listings.item_table()")
    table = attach_brands(items, brands)
    table = table[table["listed_on_festival"].to_numpy()]
    if table.empty:
        raise ParameterError("no item is listed on the festival day: nothing to split")
    group = table[by].astype("str").to_numpy()
    if groups:
        group = np.array([groups.get(g, g) for g in group], dtype=object)
    labels = _groups("bloc" if groups == BLOCS else by, sorted(set(group)))
    units = table["festival_units"].to_numpy(dtype="float64")
    measured = ~np.isnan(units)
    x = np.column_stack(
        [
            np.ones(len(table)),
            (measured & (units > 0)).astype("float64"),
            np.where(measured, units, 0.0),
            np.nan_to_num(table["festival_value_yuan"].to_numpy(dtype="float64")),
        ]
    )
    g_index = pd.Categorical(group, categories=labels).codes.astype(np.int64)
    n_g, n_m = len(labels), x.shape[1]

    shop = table["shop"].astype("str").to_numpy()
    if bootstrap == "shops":
        units_id, unit_of_row = np.unique(shop, return_inverse=True)
    else:
        units_id, unit_of_row = np.arange(len(table)), np.arange(len(table))
    # per resampling unit and group: totals of each measure, flattened (unit, group*measure)
    per_unit = np.zeros((len(units_id), n_g * n_m))
    for m in range(n_m):
        np.add.at(per_unit, (unit_of_row, g_index * n_m + m), x[:, m])
    totals = per_unit.sum(axis=0).reshape(n_g, n_m)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = totals / totals.sum(axis=0, keepdims=True)
    draws = []
    for block in _boot.weight_chunks(len(units_id), n_boot, seed):
        t = (block @ per_unit).reshape(len(block), n_g, n_m)
        with np.errstate(invalid="ignore", divide="ignore"):
            draws.append(t / t.sum(axis=1, keepdims=True))
    stacked = np.concatenate(draws)
    low, high = _boot.interval(stacked, level)
    # how often each group has the largest share of a measure across the replicates
    best = np.nanargmax(np.nan_to_num(stacked, nan=-1.0), axis=1)
    p_largest = np.stack([(best == gi).mean(axis=0) for gi in range(n_g)])

    no_counts = table.groupby("shop", observed=True)["has_counts"].any()
    no_counts_shops = set(no_counts[~no_counts].index.astype("str"))
    rows = []
    for gi, g in enumerate(labels):
        in_g = group == g
        shops_g = sorted(set(shop[in_g]))
        for mi, measure in enumerate(MEASURES):
            rows.append(
                {
                    "group": g,
                    "measure": measure,
                    "total": totals[gi, mi],
                    "share": share[gi, mi],
                    "share_low": low[gi, mi],
                    "share_high": high[gi, mi],
                    "p_largest": p_largest[gi, mi],
                    "shops": len(shops_g),
                    "shops_without_counts": len([s for s in shops_g if s in no_counts_shops]),
                }
            )
    out = pd.DataFrame(rows)
    out.attrs = {
        "by": by if not groups else f"{by} (grouped)",
        "bootstrap": bootstrap,
        "n_boot": n_boot,
        "level": level,
        "shops_without_brand": table.attrs.get("shops_without_brand", []),
        "shops_without_counts": sorted(no_counts_shops),
    }
    return out


def popular_shares(
    listings: pd.DataFrame, brands: pd.DataFrame, by: str = "origin_region", festival: Any = "2016-11-11"
) -> pd.DataFrame:
    """The popular reading: sum the counts shown on the festival day, empty counts as zero.

    Many copies of this data set fill empty counts with 0, call ``sale_count`` the day's
    sales volume (销量) and ``sale_count × price`` its sales value (销售额). This returns
    those figures by group so the notebook can set them beside :func:`origin_shares`.

    Returns
    -------
    DataFrame
        ``group``, ``units_read`` (sum of counts shown), ``value_read_yuan`` (sum of count
        × price), ``share_units``, ``share_value``.

    Examples
    --------
    >>> from helpers.listings import load_listings, load_brands
    >>> p = popular_shares(load_listings(), load_brands())
    >>> float(p.set_index("group").loc["Other", "units_read"])  # Olay: all counts empty, read as 0
    0.0
    """
    import pandas as pd

    if by not in _BY:
        raise ParameterError(f"by must be one of {', '.join(_BY)}; got {by!r}")
    day = pd.Timestamp(festival)
    on = listings[listings["date"] == day]
    if on.empty:
        raise ParameterError(f"no listings on {day:%Y-%m-%d}")
    on = attach_brands(on[["shop", "price_yuan", "sale_count"]].reset_index(drop=True), brands)
    counts = on["sale_count"].fillna(0).astype("float64")  # the popular step, reproduced on purpose
    frame = pd.DataFrame(
        {"group": on[by].astype("str"), "units_read": counts, "value_read_yuan": counts * on["price_yuan"]}
    )
    out = frame.groupby("group").sum()
    out = out.reindex(_groups(by, list(out.index))).reset_index()
    out["share_units"] = out["units_read"] / out["units_read"].sum()
    out["share_value"] = out["value_read_yuan"] / out["value_read_yuan"].sum()
    return out


def lookup_share(shares: pd.DataFrame, group: str, measure: str) -> dict[str, float]:
    """One share and its interval from :func:`origin_shares`; zeros if the group is absent.

    Returns
    -------
    dict
        ``share``, ``low``, ``high``, ``p_largest`` (fractions), ``total`` and ``present`` (1.0 if the group
        is in the table, else 0.0), so sentences stay computable on a file without the group.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"group": ["China"], "measure": ["units"], "share": [0.5], "share_low": [0.4],
    ...                   "share_high": [0.6], "total": [10.0]})
    >>> lookup_share(t, "China", "units")["share"], lookup_share(t, "Japan", "units")["present"]
    (0.5, 0.0)
    """
    if measure not in MEASURES:
        raise ParameterError(f"measure must be one of {', '.join(MEASURES)}; got {measure!r}")
    row = shares[(shares["group"] == group) & (shares["measure"] == measure)]
    if row.empty:
        return {"share": 0.0, "low": 0.0, "high": 0.0, "p_largest": 0.0, "total": 0.0, "present": 0.0}
    r = row.iloc[0]
    return {
        "share": float(r["share"]),
        "low": float(r["share_low"]),
        "high": float(r["share_high"]),
        "p_largest": float(r.get("p_largest", float("nan"))),
        "total": float(r["total"]),
        "present": 1.0,
    }
