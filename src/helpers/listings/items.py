"""Per-item tables from listing snapshots, and what ``sale_count`` measures.

A listing file holds one row per item per day it was seen. :func:`count_changes` puts
consecutive snapshots of each item side by side (how the sales count moved);
:func:`counter_evidence` tests whether the count behaves like a cumulative counter or a
rolling 30-day count (月销量); :func:`item_table` turns the snapshots into one row per
item with its prices around the festival and its estimated sales:

.. math::

    \\hat b_i = \\frac{S_i(t_1) - S_i(t_0)}{t_1 - t_0}, \\qquad
    \\hat f_i = \\big[S_i(a) - S_i(p)\\big] - \\hat b_i\\,(a - p - 1), \\qquad
    u_i = \\hat f_i / \\hat b_i,

where :math:`S_i(t)` is the count shown on day :math:`t`, :math:`t_0 < t_1` the first and
last snapshots before the festival, :math:`p` the last snapshot before it and :math:`a`
the first after it: :math:`\\hat b_i` is the ordinary daily sales, :math:`\\hat f_i` the
festival-day sales (the sales between the two snapshots around the festival less the
ordinary sales of the other days in that window) and :math:`u_i` the festival uplift.
All of it is vectorised over items (sorting once, then index arithmetic).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from helpers.errors import ParameterError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "CounterEvidence",
    "count_changes",
    "counter_evidence",
    "daily_totals",
    "item_table",
]

_DAY = 86_400_000_000_000  # nanoseconds per day


def _festival(festival: Any) -> Any:
    import pandas as pd

    try:
        return pd.Timestamp(festival).normalize()
    except (ValueError, TypeError):
        raise ParameterError(f"festival must be a date like '2016-11-11', got {festival!r}") from None


def _need(listings: pd.DataFrame, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in listings.columns]
    if missing:
        raise ParameterError(f"the listings table lacks column(s) {missing}; load it with load_listings()")


def _sorted_arrays(listings: pd.DataFrame) -> dict[str, Any]:
    """Snapshots sorted by (item, date) as numpy arrays, with item codes and day numbers."""
    import numpy as np
    import pandas as pd

    _need(listings, ("date", "item_id", "price_yuan", "sale_count", "shop"))
    ids = listings["item_id"]
    if isinstance(ids.dtype, pd.CategoricalDtype):
        codes, labels = ids.cat.codes.to_numpy(), ids.cat.categories
    else:
        codes, labels = pd.factorize(ids)
    day = listings["date"].to_numpy(dtype="datetime64[ns]").astype("int64") // _DAY
    order = np.lexsort((day, codes))
    count = listings["sale_count"]
    counts = count.to_numpy(dtype="float64", na_value=np.nan)
    out = {
        "codes": codes[order],
        "day": day[order],
        "price": listings["price_yuan"].to_numpy(dtype="float64")[order],
        "count": counts[order],
        "row": order,
        "labels": labels,
    }
    return out


def _at(series: pd.Series, rows: Any) -> Any:
    """Values of ``series`` at positions ``rows`` (categoricals stay categorical: no object copy of the column)."""
    return series.iloc[rows].to_numpy() if not hasattr(series, "cat") else series.iloc[rows].array


def _first_last(codes: Any, mask: Any, n_codes: int) -> tuple[Any, Any]:
    """Per item code: sorted-array position of the first and last row where ``mask`` holds (-1 if none)."""
    import numpy as np

    first = np.full(n_codes, -1, dtype=np.int64)
    last = np.full(n_codes, -1, dtype=np.int64)
    pos = np.flatnonzero(mask)
    if pos.size:
        c = codes[pos]
        starts = np.flatnonzero(np.r_[True, c[1:] != c[:-1]])
        ends = np.r_[starts[1:] - 1, c.size - 1]
        first[c[starts]] = pos[starts]
        last[c[ends]] = pos[ends]
    return first, last


def _take(values: Any, index: Any) -> Any:
    import numpy as np

    out = np.full(index.shape, np.nan, dtype="float64")
    ok = index >= 0
    out[ok] = values[index[ok]]
    return out


def count_changes(listings: pd.DataFrame) -> pd.DataFrame:
    """Consecutive snapshots of each item side by side: how its sales count moved.

    Parameters
    ----------
    listings : DataFrame
        From :func:`~helpers.listings.load_listings` (or any table with ``date``,
        ``item_id``, ``price_yuan``, ``sale_count``, ``shop``).

    Returns
    -------
    DataFrame
        One row per pair of consecutive counted snapshots of an item (snapshots with an
        empty count are skipped): ``item_id``, ``shop``, ``date`` (the later snapshot), ``gap_days``,
        ``level`` (count at the earlier snapshot), ``change`` (later minus earlier, units)
        and ``price_yuan`` (at the later snapshot).

    Examples
    --------
    >>> import pandas as pd
    >>> toy = pd.DataFrame({"date": pd.to_datetime(["2016-11-05", "2016-11-06", "2016-11-08"]),
    ...                     "item_id": ["a", "a", "a"], "price_yuan": [10.0, 10.0, 9.0],
    ...                     "sale_count": pd.array([5, 7, 6], dtype="Int64"), "shop": ["s", "s", "s"]})
    >>> count_changes(toy)[["gap_days", "level", "change"]].values.tolist()
    [[1, 5, 2], [2, 7, -1]]
    """
    import numpy as np
    import pandas as pd

    a = _sorted_arrays(listings)
    has = ~np.isnan(a["count"])  # snapshots without a count are skipped: pairs join the nearest counted days
    codes, day, count, price, row = a["codes"][has], a["day"][has], a["count"][has], a["price"][has], a["row"][has]
    pair = np.flatnonzero(codes[1:] == codes[:-1])
    later, earlier = pair + 1, pair
    rows = row[later]
    return pd.DataFrame(
        {
            "item_id": _at(listings["item_id"], rows),
            "shop": _at(listings["shop"], rows),
            "date": (day[later] * _DAY).astype("datetime64[ns]"),
            "gap_days": (day[later] - day[earlier]).astype("int64"),
            "level": count[earlier].astype("int64"),
            "change": (count[later] - count[earlier]).astype("int64"),
            "price_yuan": price[later],
        }
    )


def daily_totals(listings: pd.DataFrame) -> pd.DataFrame:
    """Per snapshot date: the sum of counts shown, and the estimated units sold since the day before.

    The sum of counts is what analyses that read ``sale_count`` as daily sales plot;
    the sum of one-day changes is the estimate of units sold between snapshots.

    Returns
    -------
    DataFrame
        ``date``, ``items_listed``, ``items_with_counts``, ``sum_of_counts`` (empty counts
        as zero, the popular reading), ``pairs`` (items with a count on this and the previous
        day), ``units_since_previous_day`` (sum of their changes), ``median_change``.

    Examples
    --------
    >>> t = daily_totals(__import__("helpers.listings", fromlist=["x"]).load_listings())
    >>> t["units_since_previous_day"].idxmax() == t.index[t["date"] == "2016-11-11"][0]
    True
    """
    import pandas as pd

    changes = count_changes(listings)
    one_day = changes[changes["gap_days"] == 1]
    by = listings.groupby("date")
    out = pd.DataFrame(
        {
            "items_listed": by["item_id"].size(),
            "items_with_counts": by["sale_count"].count(),
            "sum_of_counts": by["sale_count"].sum().astype("int64"),
        }
    )
    moves = one_day.groupby("date")["change"].agg(pairs="size", units_since_previous_day="sum", median_change="median")
    out = out.join(moves, how="left").reset_index()
    out["pairs"] = out["pairs"].fillna(0).astype("int64")
    out["units_since_previous_day"] = out["units_since_previous_day"].astype("Float64").where(out["pairs"] > 0)
    return out


def item_table(listings: pd.DataFrame, festival: Any = "2016-11-11", *, max_window_days: int = 4) -> pd.DataFrame:
    """One row per item: prices around the festival and estimated ordinary and festival sales.

    Parameters
    ----------
    listings : DataFrame
        From :func:`~helpers.listings.load_listings`.
    festival : date-like
        The festival day (default 2016-11-11).
    max_window_days : int
        Largest gap (days) between the last snapshot before and the first after the
        festival for which festival sales are estimated (default 4).

    Returns
    -------
    DataFrame
        ``item_id``, ``shop``, ``title`` (last seen), ``n_snapshots``, ``first_date``,
        ``last_date``, ``listed_on_festival``, ``has_counts``, ``count_reset`` (the count
        fell below half of itself between two snapshots: the listing was re-published and
        its sales estimates are left missing), ``presale`` (预售 in a title before the
        festival); prices in yuan: ``price_base`` (first snapshot before the
        festival), ``price_peak_before``, ``price_last_before``, ``price_festival``,
        ``price_after`` (first snapshot after); counts in units: ``count_first_pre``,
        ``count_last_pre``, ``baseline_days``, ``baseline_units``, ``baseline_daily``
        (units/day), ``count_first_post``, ``window_days``, ``window_units``,
        ``festival_units`` (festival-day estimate), ``uplift`` (festival-day sales over
        ordinary daily sales; missing when those are zero), ``festival_price_yuan`` and
        ``festival_value_yuan``. Missing where the snapshots do not allow the estimate.

    Notes
    -----
    The estimate rests on ``sale_count`` being a cumulative count net of refunds (see
    :func:`counter_evidence`); it counts refunds made inside the window against sales,
    assumes the days of the window other than the festival sell at the ordinary rate,
    and cannot see items whose counts are empty or that were listed only after the
    festival began.

    Examples
    --------
    >>> import pandas as pd
    >>> days = pd.to_datetime(["2016-11-09", "2016-11-10", "2016-11-11", "2016-11-12"])
    >>> toy = pd.DataFrame({"date": days, "item_id": "a", "price_yuan": [100.0, 100, 80, 100],
    ...                     "sale_count": pd.array([10, 12, 60, 113], dtype="Int64"), "shop": "s"})
    >>> row = item_table(toy).iloc[0]
    >>> row.baseline_daily, row.window_units, row.festival_units, row.uplift
    (np.float64(2.0), np.float64(101.0), np.float64(99.0), np.float64(49.5))
    """
    import numpy as np
    import pandas as pd

    day0 = _festival(festival)
    if int(max_window_days) < 2:
        raise ParameterError(
            f"max_window_days must be >= 2 (the days either side of the festival), got {max_window_days}"
        )
    a = _sorted_arrays(listings)
    codes, day, price, count = a["codes"], a["day"], a["price"], a["count"]
    f = day0.value // _DAY
    n_codes = len(a["labels"])
    present = np.zeros(n_codes, dtype=bool)
    present[codes] = True

    first_any, last_any = _first_last(codes, np.ones(codes.size, dtype=bool), n_codes)
    pre, on, post = day < f, day == f, day > f
    has = ~np.isnan(count)
    first_pre, last_pre = _first_last(codes, pre, n_codes)
    on_pos, _ = _first_last(codes, on, n_codes)
    first_post, _ = _first_last(codes, post, n_codes)
    first_pre_c, last_pre_c = _first_last(codes, pre & has, n_codes)
    first_post_c, _ = _first_last(codes, post & has, n_codes)

    # a count that falls below half of itself (from 10 or more) was reset (item re-listed)
    pair = np.flatnonzero((codes[1:] == codes[:-1]) & has[1:] & has[:-1])
    reset_pairs = pair[(count[pair + 1] < 0.5 * count[pair]) & (count[pair] >= 10)]
    reset = np.zeros(n_codes, dtype=bool)
    reset[codes[reset_pairs]] = True

    price_s = pd.Series(price[pre])
    peak = price_s.groupby(codes[pre]).max().reindex(range(n_codes)).to_numpy()
    n_snap = np.bincount(codes, minlength=n_codes)
    with_counts = np.bincount(codes[has], minlength=n_codes) > 0

    rows = a["row"]
    last_row = rows[np.maximum(last_any, 0)][present]

    presale = np.zeros(n_codes, dtype=bool)
    if "title" in listings.columns:
        t = listings["title"]
        if isinstance(t.dtype, pd.CategoricalDtype):
            cat_flag = np.asarray(t.cat.categories.astype("str").str.contains("预售", regex=False), dtype=bool)
            tc = t.cat.codes.to_numpy()
            flag = np.append(cat_flag, False)[np.where(tc >= 0, tc, len(cat_flag))]
        else:
            flag = t.astype("str").str.contains("预售", regex=False).fillna(False).to_numpy(dtype=bool)
        hit = flag[rows] & pre
        presale[np.unique(codes[hit])] = True

    def dates(pos: Any) -> Any:
        out = np.full(pos.shape, np.datetime64("NaT"), dtype="datetime64[ns]")
        ok = pos >= 0
        out[ok] = (day[pos[ok]] * _DAY).astype("datetime64[ns]")
        return out

    c0, c1 = _take(count, first_pre_c), _take(count, last_pre_c)
    d0, d1 = _take(day.astype("float64"), first_pre_c), _take(day.astype("float64"), last_pre_c)
    c0[reset], c1[reset] = np.nan, np.nan
    base_days = d1 - d0
    base_units = c1 - c0
    with np.errstate(invalid="ignore", divide="ignore"):
        base_daily = np.where(base_days >= 1, base_units / base_days, np.nan)
    ca = _take(count, first_post_c)
    da = _take(day.astype("float64"), first_post_c)
    win_days = da - d1
    win_ok = (win_days >= 2) & (win_days <= int(max_window_days))
    win_units = np.where(win_ok, ca - c1, np.nan)
    fest_units = win_units - base_daily * (win_days - 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        uplift = np.where(base_daily > 0, fest_units / base_daily, np.nan)
    p_fest = _take(price, on_pos)
    p_last = _take(price, last_pre)
    fest_price = np.where(np.isnan(p_fest), p_last, p_fest)

    keep = present
    table = pd.DataFrame(
        {
            "n_snapshots": n_snap,
            "first_date": dates(first_any),
            "last_date": dates(last_any),
            "listed_on_festival": on_pos >= 0,
            "has_counts": with_counts,
            "count_reset": reset,
            "presale": presale,
            "price_base": _take(price, first_pre),
            "price_peak_before": peak,
            "price_last_before": p_last,
            "price_festival": p_fest,
            "price_after": _take(price, first_post),
            "count_first_pre": c0,
            "count_last_pre": c1,
            "baseline_days": base_days,
            "baseline_units": base_units,
            "baseline_daily": base_daily,
            "count_first_post": ca,
            "window_days": np.where(np.isnan(ca) | np.isnan(c1), np.nan, win_days),
            "window_units": win_units,
            "festival_units": fest_units,
            "uplift": uplift,
            "festival_price_yuan": fest_price,
            "festival_value_yuan": fest_units * fest_price,
        }
    )[keep].reset_index(drop=True)
    head = {
        "item_id": _at(listings["item_id"], last_row),
        "shop": _at(listings["shop"], last_row),
        "title": _at(listings["title"], last_row) if "title" in listings.columns else None,
    }
    for i, (column, values) in enumerate(head.items()):
        table.insert(i, column, values)
    for column in ("item_id", "shop"):
        if not isinstance(table[column].dtype, pd.CategoricalDtype):
            table[column] = table[column].astype("category")
    table.attrs["festival"] = day0
    return table


@dataclasses.dataclass(frozen=True)
class CounterEvidence:
    """How ``sale_count`` moves, the tables behind the verdict of :func:`counter_evidence`.

    Attributes
    ----------
    by_date : DataFrame
        Per snapshot date: one-day pairs, shares of counts that went up, stayed, went down.
    by_level : DataFrame
        Ordinary (pre-festival) one-day changes by the size of the count: observed shares
        unchanged and down beside the shares a rolling count would show, and the median
        change relative to the count.
    summary : dict
        The headline numbers (see :func:`counter_evidence`).
    """

    by_date: pd.DataFrame
    by_level: pd.DataFrame
    summary: dict[str, float]


_BANDS = ([-1, 29, 299, 2_999, 29_999, float("inf")], ["0-29", "30-299", "300-2,999", "3,000-29,999", "30,000+"])


def _rolling_expectations(level: Any, window: int) -> tuple[Any, Any]:
    """Chance that a rolling ``window``-day count is unchanged, or falls, from one day to the next.

    With steady Poisson sales of ``level / window`` a day, the change is the difference of two
    independent Poisson draws (today's sales and those leaving the window): it is zero with
    probability :math:`e^{-2\\lambda} I_0(2\\lambda)` (Skellam) and negative with half the rest.
    """
    import numpy as np
    from scipy import special

    lam = np.maximum(np.asarray(level, dtype="float64"), 0.0) / window
    zero = special.i0e(2 * lam)  # e^{-2 lam} I0(2 lam)
    return zero, (1 - zero) / 2


def counter_evidence(listings: pd.DataFrame, festival: Any = "2016-11-11", *, window_days: int = 30) -> CounterEvidence:
    """Evidence on what ``sale_count`` measures: a cumulative count, or a rolling window?

    A count over the last ``window_days`` days (Taobao's 月销量 is 30) changes each day by
    the day's sales less the sales leaving the window, so with steady sales it falls about
    as often as it rises and is rarely exactly unchanged when it is large; a slump before
    the festival would make falls more common still. A cumulative count falls only by
    refunds and stays unchanged whenever nothing sells. After the festival, falls of a
    cumulative count are refunds and scale with the festival's sales; falls of a rolling
    count scale with the sales a month earlier, i.e. with the count.

    Parameters
    ----------
    listings : DataFrame
        From :func:`~helpers.listings.load_listings`.
    festival : date-like
        The festival day.
    window_days : int
        The rolling window tested against (days).

    Returns
    -------
    CounterEvidence
        ``summary`` holds: ``ordinary_pairs``; ``share_ordinary_down``, ``share_ordinary_zero``,
        ``share_ordinary_up`` (one-day changes before the festival) beside
        ``expected_down_if_rolling`` and ``expected_zero_if_rolling`` (the same shares for a
        rolling count with steady Poisson sales of count/``window_days`` a day);
        ``median_relative_change`` (per day, a fraction of the count); ``items_after`` and
        ``share_items_down_after`` (items whose count fell after the festival),
        ``median_drop_share_of_window`` (that fall as a share of the festival window's sales),
        ``rank_corr_drop_window`` and ``rank_corr_drop_level`` (Spearman);
        ``items_hidden_on_festival`` and ``share_hidden_rose`` (hidden on the festival day,
        counted either side: the count rose across the gap); ``items_reset`` (counts that fell
        below half of themselves: a re-published listing) and ``items_with_counts``.

    References
    ----------
    Skellam, J. G. (1946). The frequency distribution of the difference between two
    Poisson variates. *Journal of the Royal Statistical Society* 109(3):296.

    Examples
    --------
    >>> ev = counter_evidence(__import__("helpers.listings", fromlist=["x"]).load_listings())
    >>> ev.summary["share_ordinary_down"] < 0.05 < 0.3 < ev.summary["expected_down_if_rolling"]
    True
    """
    import numpy as np
    import pandas as pd

    day0 = _festival(festival)
    w = int(window_days)
    if w < 1:
        raise ParameterError(f"window_days must be >= 1, got {window_days}")
    changes = count_changes(listings)
    one = changes[changes["gap_days"] == 1]
    sign = np.sign(one["change"].to_numpy())
    by_date = (
        pd.DataFrame({"date": one["date"].to_numpy(), "up": sign > 0, "zero": sign == 0, "down": sign < 0})
        .groupby("date")
        .agg(pairs=("up", "size"), share_up=("up", "mean"), share_zero=("zero", "mean"), share_down=("down", "mean"))
        .reset_index()
    )
    ordinary = one[one["date"] < day0]
    level = ordinary["level"].to_numpy()
    change = ordinary["change"].to_numpy()
    rel = change / np.maximum(level, 1)
    exp_zero, exp_down = _rolling_expectations(level, w)
    bands = pd.cut(ordinary["level"], _BANDS[0], labels=_BANDS[1])
    by_level = (
        pd.DataFrame(
            {
                "band": bands.array,
                "zero": change == 0,
                "down": change < 0,
                "rel": rel,
                "exp_zero": exp_zero,
                "exp_down": exp_down,
            }
        )
        .groupby("band", observed=False)
        .agg(
            pairs=("zero", "size"),
            share_zero=("zero", "mean"),
            expected_zero_if_rolling=("exp_zero", "mean"),
            share_down=("down", "mean"),
            expected_down_if_rolling=("exp_down", "mean"),
            median_relative_change=("rel", "median"),
        )
        .reset_index()
    )

    items = item_table(listings, day0)
    # after the festival: drops against the festival window's sales and against the count
    after = changes[(changes["date"] > day0 + pd.Timedelta(days=1))]
    drop = (-after["change"].clip(upper=0)).groupby(after["item_id"].astype("str"), observed=True).sum()
    keyed = items.set_index(items["item_id"].astype("str"))
    joined = pd.DataFrame({"drop": drop}).join(keyed[["window_units", "count_last_pre"]]).dropna()
    dropped = joined[joined["drop"] > 0]

    def spearman(x: Any, y: Any) -> float:
        if len(x) < 3:
            return float("nan")
        return float(pd.Series(np.asarray(x)).rank().corr(pd.Series(np.asarray(y)).rank()))

    hidden = items[~items["listed_on_festival"] & items["count_last_pre"].notna() & items["count_first_post"].notna()]
    rose = (hidden["count_first_post"] - hidden["count_last_pre"]) > 0
    nan = float("nan")
    summary = {
        "window_days": float(w),
        "ordinary_pairs": float(len(ordinary)),
        "share_ordinary_down": float((change < 0).mean()) if change.size else nan,
        "share_ordinary_zero": float((change == 0).mean()) if change.size else nan,
        "share_ordinary_up": float((change > 0).mean()) if change.size else nan,
        "expected_down_if_rolling": float(exp_down.mean()) if change.size else nan,
        "expected_zero_if_rolling": float(exp_zero.mean()) if change.size else nan,
        "median_relative_change": float(np.median(rel)) if rel.size else nan,
        "items_after": float(len(joined)),
        "share_items_down_after": float((joined["drop"] > 0).mean()) if len(joined) else nan,
        "median_drop_share_of_window": float(
            (dropped["drop"] / dropped["window_units"].where(dropped["window_units"] > 0)).median()
        )
        if len(dropped)
        else nan,
        "rank_corr_drop_window": spearman(dropped["drop"], dropped["window_units"]),
        "rank_corr_drop_level": spearman(dropped["drop"], dropped["count_last_pre"]),
        "items_hidden_on_festival": float(len(hidden)),
        "share_hidden_rose": float(rose.mean()) if len(hidden) else nan,
        "items_reset": float(items["count_reset"].sum()),
        "items_with_counts": float(items["has_counts"].sum()),
    }
    return CounterEvidence(by_date=by_date, by_level=by_level, summary=summary)
