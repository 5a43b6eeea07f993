"""Were the Double 11 discounts real? Each item's festival price against its own prices.

:func:`classify_discounts` compares an item's price on the festival day with its own
prices on the days before (and after):

* **real cut** — below its ordinary price (the first price seen before the festival);
* **raise then cut** (先涨后降) — the price was raised before the festival and the
  festival "cut" only brings it back to (or stays above) the ordinary price;
* **raise on the day** — higher on the festival day than the day before and than the
  ordinary price;
* **raised before, held** — raised before the festival and kept there on the day;
* **no change** — the ordinary price, never raised.

Prices within a relative tolerance count as equal. :func:`popular_discount_rule`
reproduces the widely copied rule ("the price changed at all in ten days" = discounted;
depth from the lowest prices), so the two can be set side by side, and
:func:`discount_summary` gives shares and depths by group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpers import validation
from helpers.errors import ParameterError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "CLASSES",
    "classify_discounts",
    "discount_summary",
    "popular_discount_rule",
    "rule_comparison",
]

#: Discount classes, in display order, with their labels.
CLASSES = {
    "real_cut": "real cut",
    "no_change": "no change",
    "raise_then_cut": "raise then cut (先涨后降)",
    "raised_before": "raised before, held",
    "raise_on_day": "raise on the day",
}


def classify_discounts(items: pd.DataFrame, *, tolerance: float = 0.005) -> pd.DataFrame:
    """Classify each item's festival price against its own ordinary price.

    Parameters
    ----------
    items : DataFrame
        From :func:`helpers.listings.item_table` (needs ``price_base``,
        ``price_peak_before``, ``price_last_before``, ``price_festival``, ``price_after``).
    tolerance : float
        Relative difference below which two prices count as equal (default 0.005, half
        a per cent: 0.5 yuan on 100).

    Returns
    -------
    DataFrame
        ``items`` plus ``discount_class`` (a key of :data:`CLASSES`, or missing when the
        item has no price before or on the festival day), ``real_depth`` (1 - festival
        price / ordinary price; negative = dearer), ``claimed_depth`` (1 - festival price
        / highest price before, what a "was" price would claim) and ``after`` for real
        cuts: ``"back up"``, ``"kept"`` or ``"cut further"`` on the first day after (or
        missing).

    Examples
    --------
    >>> import pandas as pd
    >>> toy = pd.DataFrame({"price_base": [100, 100, 100, 100, 100], "price_peak_before": [100, 120, 100, 100, 120],
    ...                     "price_last_before": [100, 120, 100, 100, 120], "price_festival": [80, 100, 100, 110, 120],
    ...                     "price_after": [100, 100, 100, 100, 120]}).astype(float)
    >>> classify_discounts(toy)["discount_class"].tolist()
    ['real_cut', 'raise_then_cut', 'no_change', 'raise_on_day', 'raised_before']
    """
    import numpy as np
    import pandas as pd

    tol = validation.number(tolerance, "tolerance", low=0.0, high=0.2)
    need = ("price_base", "price_peak_before", "price_last_before", "price_festival", "price_after")
    missing = [c for c in need if c not in items.columns]
    if missing:
        raise ParameterError(f"items lacks column(s) {missing}; make it with helpers.listings.item_table()")
    base, peak, last, fest, after = (items[c].to_numpy(dtype="float64") for c in need)

    def up(x: Any, y: Any) -> Any:
        return x > y * (1 + tol)

    def down(x: Any, y: Any) -> Any:
        return x < y * (1 - tol)

    ok = ~np.isnan(base) & ~np.isnan(fest) & (base > 0)
    raised_before = up(peak, base)
    klass = np.select(
        [down(fest, base), raised_before & down(fest, peak), up(fest, base) & up(fest, last), up(fest, base)],
        ["real_cut", "raise_then_cut", "raise_on_day", "raised_before"],
        "no_change",
    ).astype(object)
    klass[~ok] = None
    with np.errstate(invalid="ignore", divide="ignore"):
        real = np.where(ok, 1 - fest / base, np.nan)
        claimed = np.where(ok, 1 - fest / np.fmax(peak, base), np.nan)
    later = np.select([up(after, fest), down(after, fest)], ["back up", "cut further"], "kept").astype(object)
    later[(klass != "real_cut") | np.isnan(after)] = None
    out = items.copy()
    out["discount_class"] = pd.Categorical(klass, categories=list(CLASSES))
    out["real_depth"] = real
    out["claimed_depth"] = claimed
    out["after"] = pd.Categorical(later, categories=["back up", "kept", "cut further"])
    out.attrs = dict(items.attrs, tolerance=tol)
    return out


def discount_summary(classified: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Shares of each discount class, and the depth of real cuts, overall or by a column.

    Parameters
    ----------
    classified : DataFrame
        From :func:`classify_discounts` (with brand columns attached for ``by``).
    by : str, optional
        Column to group by (e.g. ``"origin_region"``, ``"price_tier"``, ``"shop"``).

    Returns
    -------
    DataFrame
        Per group: ``comparable`` (items with a price before and on the festival day), one
        ``share_<class>`` column per class (fractions of comparable items),
        ``median_real_depth`` and ``mean_real_depth`` of real cuts (fractions of the
        ordinary price), ``median_claimed_depth`` of real cuts and raise-then-cuts, and
        ``share_back_up`` (real cuts whose price went back up the next day).

    Examples
    --------
    >>> import pandas as pd
    >>> toy = classify_discounts(pd.DataFrame({"price_base": [100.0, 100.0], "price_peak_before": [100.0, 100.0],
    ...     "price_last_before": [100.0, 100.0], "price_festival": [80.0, 100.0], "price_after": [100.0, 100.0]}))
    >>> discount_summary(toy)[["comparable", "share_real_cut", "median_real_depth"]].iloc[0].round(3).tolist()
    [2.0, 0.5, 0.2]
    """
    import numpy as np
    import pandas as pd

    if "discount_class" not in classified.columns:
        raise ParameterError("classified lacks 'discount_class'; make it with classify_discounts()")
    if by is not None and by not in classified.columns:
        raise ParameterError(f"no column {by!r} to group by")
    frame = classified[classified["discount_class"].notna()]
    keys = frame[by].astype("str") if by else pd.Series("all", index=frame.index)

    def one(g: pd.DataFrame) -> dict[str, float]:
        k = g["discount_class"].astype("str")
        cut = g[k == "real_cut"]
        claimed = g.loc[k.isin(["real_cut", "raise_then_cut"]), "claimed_depth"]
        row = {"comparable": float(len(g))}
        row.update({f"share_{c}": float((k == c).mean()) for c in CLASSES})
        row.update(
            {
                "median_real_depth": float(cut["real_depth"].median()) if len(cut) else np.nan,
                "mean_real_depth": float(cut["real_depth"].mean()) if len(cut) else np.nan,
                "median_claimed_depth": float(claimed.median()) if len(claimed) else np.nan,
                "share_back_up": float((cut["after"] == "back up").sum() / cut["after"].notna().sum())
                if cut["after"].notna().any()
                else np.nan,
            }
        )
        return row

    rows = {key: one(g) for key, g in frame.groupby(keys, sort=False)}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = by or "group"
    if by and isinstance(classified[by].dtype, pd.CategoricalDtype):
        order = [str(c) for c in classified[by].cat.categories if str(c) in out.index]
        out = out.loc[order]
    elif by in ("origin_region", "owner_region"):
        from helpers.listings.brands import REGIONS

        out = out.loc[[g for g in REGIONS if g in out.index] + sorted(set(out.index) - set(REGIONS))]
    return out.reset_index()


def popular_discount_rule(
    listings: pd.DataFrame, festival: Any = "2016-11-11", *, threshold: float = 0.95
) -> pd.DataFrame:
    """The widely copied rule: an item whose price changed at all in the window was discounted.

    The popular scripts (e.g. the "电商打折套路解析" analysis of this file) call an item
    "truly discounted" (真打折) if its price took more than one value over the ten days,
    and measure the discount rate as the festival-day price over the lowest price before
    it, counting rates below ``threshold`` as discounts.

    Parameters
    ----------
    listings : DataFrame
        From :func:`helpers.listings.load_listings`.
    festival : date-like
        The festival day.
    threshold : float
        Price ratio below which the popular scripts count a discount (0.95).

    Returns
    -------
    DataFrame
        Per item: ``item_id``, ``shop``, ``price_changed`` (any change in the window),
        ``ratio`` (lowest festival-day price / lowest earlier price; missing if the item
        lacks either) and ``discounted`` (``ratio < threshold``).

    Examples
    --------
    >>> import pandas as pd
    >>> toy = pd.DataFrame({"date": pd.to_datetime(["2016-11-10", "2016-11-11", "2016-11-12"] * 2),
    ...                     "item_id": ["a"] * 3 + ["b"] * 3, "shop": "s",
    ...                     "price_yuan": [100.0, 120, 100, 100, 90, 100]})
    >>> popular_discount_rule(toy)[["price_changed", "discounted"]].values.tolist()
    [[True, False], [True, True]]
    """
    import pandas as pd

    thr = validation.number(threshold, "threshold", low=0.0, high=1.0, low_open=True)
    day = pd.Timestamp(festival)
    ids = listings["item_id"].astype("str")
    frame = pd.DataFrame(
        {
            "item_id": ids,
            "shop": listings["shop"].astype("str"),
            "date": listings["date"],
            "price": listings["price_yuan"],
        }
    )
    g = frame.groupby("item_id", sort=True)
    changed = g["price"].nunique() > 1
    before = frame[frame["date"] < day].groupby("item_id")["price"].min()
    on = frame[frame["date"] == day].groupby("item_id")["price"].min()
    ratio = (on / before).reindex(changed.index)
    return pd.DataFrame(
        {
            "item_id": changed.index,
            "shop": g["shop"].last().to_numpy(),
            "price_changed": changed.to_numpy(),
            "ratio": ratio.to_numpy(),
            "discounted": (ratio < thr).to_numpy(),
        }
    )


def rule_comparison(classified: pd.DataFrame, popular: pd.DataFrame) -> pd.DataFrame:
    """This module's classification beside the popular rule, on the same items.

    Parameters
    ----------
    classified : DataFrame
        From :func:`classify_discounts`.
    popular : DataFrame
        From :func:`popular_discount_rule` on the same listings.

    Returns
    -------
    DataFrame
        One row per reading: ``rule``, ``denominator`` (what the share is of), ``items``
        (denominator size), ``flagged`` (items called discounted), ``share`` and
        ``median_depth`` (fraction of the reference price) of the flagged items.

    Examples
    --------
    >>> import pandas as pd
    >>> listings = pd.DataFrame({"date": pd.to_datetime(["2016-11-10", "2016-11-11", "2016-11-12"] * 2),
    ...     "item_id": ["a"] * 3 + ["b"] * 3, "shop": "s", "price_yuan": [100.0, 120, 100, 100, 90, 100]})
    >>> from helpers.listings.items import item_table
    >>> t = rule_comparison(classify_discounts(item_table(listings.assign(sale_count=pd.NA))),
    ...                     popular_discount_rule(listings))
    >>> t["flagged"].tolist()
    [2, 1, 1]
    """
    import numpy as np
    import pandas as pd

    comparable = classified[classified["discount_class"].notna()]
    cut = comparable[comparable["discount_class"] == "real_cut"]
    with_ratio = popular[popular["ratio"].notna()]
    flagged = with_ratio[with_ratio["discounted"]]
    rows = [
        {
            "rule": "popular: price changed at all in the window (真打折, 'truly discounted')",
            "denominator": "all items in the file",
            "items": len(popular),
            "flagged": int(popular["price_changed"].sum()),
            "median_depth": np.nan,
        },
        {
            "rule": "popular: festival price < 95% of lowest earlier price",
            "denominator": "items priced before and on the festival day",
            "items": len(with_ratio),
            "flagged": len(flagged),
            "median_depth": float((1 - flagged["ratio"]).median()) if len(flagged) else np.nan,
        },
        {
            "rule": "this notebook: real cut below the item's ordinary price",
            "denominator": "items priced before and on the festival day",
            "items": len(comparable),
            "flagged": len(cut),
            "median_depth": float(cut["real_depth"].median()) if len(cut) else np.nan,
        },
    ]
    out = pd.DataFrame(rows)
    out["share"] = out["flagged"] / out["items"].where(out["items"] > 0)
    return out[["rule", "denominator", "items", "flagged", "share", "median_depth"]]
