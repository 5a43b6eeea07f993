"""Tests of helpers.listings.items: count changes, the counter evidence, the per-item table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.errors import ParameterError
from helpers.listings import count_changes, counter_evidence, daily_totals, item_table, load_listings


def toy(counts: dict[str, list[int | None]], days: list[str] | None = None, prices: dict | None = None) -> pd.DataFrame:
    days = days or ["2016-11-08", "2016-11-09", "2016-11-10", "2016-11-11", "2016-11-12"]
    rows = []
    for item, values in counts.items():
        for d, v, pr in zip(days, values, (prices or {}).get(item, [100.0] * len(values))):
            if v == "absent":
                continue
            rows.append(
                {
                    "date": pd.Timestamp(d),
                    "item_id": item,
                    "title": f"{item} 预售" if item == "p" else item,
                    "price_yuan": pr,
                    "sale_count": v,
                    "shop": "s",
                }
            )
    df = pd.DataFrame(rows)
    df["sale_count"] = df["sale_count"].astype("Int64")
    return df


def test_item_table_known_answers() -> None:
    t = item_table(toy({"a": [10, 12, 14, 60, 114]})).iloc[0]
    assert t.baseline_days == 2 and t.baseline_daily == pytest.approx(2.0)
    assert t.window_units == 100 and t.window_days == 2
    assert t.festival_units == pytest.approx(98.0)  # 100 in the window less one ordinary day
    assert t.uplift == pytest.approx(49.0)
    assert t.festival_value_yuan == pytest.approx(9800.0)
    assert bool(t.listed_on_festival) and bool(t.has_counts) and not bool(t.count_reset)


def test_hidden_on_festival_still_measured_and_wide_windows_dropped() -> None:
    days = ["2016-11-08", "2016-11-09", "2016-11-10", "2016-11-11", "2016-11-15"]
    t = item_table(toy({"h": [0, 1, 2, "absent", 52], "w": [0, 1, 2, 3, 80]}, days)).set_index("item_id")
    assert not bool(t.loc["h", "listed_on_festival"])
    assert np.isnan(t.loc["h", "price_festival"]) and t.loc["h", "festival_price_yuan"] == 100.0
    assert np.isnan(t.loc["h", "festival_units"])  # 11-10 -> 11-15 is a 5-day window, above max_window_days=4
    wide = item_table(toy({"h": [0, 1, 2, "absent", 52]}, days), max_window_days=5).iloc[0]
    assert wide.festival_units == pytest.approx(50 - 1.0 * 4)
    with pytest.raises(ParameterError):
        item_table(toy({"a": [1, 2, 3, 4, 5]}), max_window_days=1)


def test_reset_counts_are_flagged_and_not_used() -> None:
    t = item_table(toy({"r": [5000, 5010, 5020, 5200, 12], "ok": [1, 2, 3, 30, 40]})).set_index("item_id")
    assert bool(t.loc["r", "count_reset"]) and np.isnan(t.loc["r", "festival_units"])
    assert not bool(t.loc["ok", "count_reset"]) and t.loc["ok", "festival_units"] == pytest.approx(36.0)


def test_empty_counts_give_missing_not_zero() -> None:
    t = item_table(toy({"e": [None] * 5})).iloc[0]
    assert not bool(t.has_counts) and np.isnan(t.festival_units) and np.isnan(t.baseline_daily)


def test_prices_and_presale_flag() -> None:
    t = item_table(toy({"p": [1, 2, 3, 4, 5]}, prices={"p": [100.0, 120.0, 110.0, 90.0, 100.0]})).iloc[0]
    assert (t.price_base, t.price_peak_before, t.price_last_before, t.price_festival, t.price_after) == (
        100.0,
        120.0,
        110.0,
        90.0,
        100.0,
    )
    assert bool(t.presale)


def test_count_changes_and_daily_totals() -> None:
    df = toy({"a": [10, 12, 14, 60, 114], "b": [5, None, 5, 7, 7]})
    ch = count_changes(df)
    assert ch["change"].tolist() == [2, 2, 46, 54, 0, 2, 0]  # b's empty count on 11-09 is skipped
    assert ch["gap_days"].tolist() == [1, 1, 1, 1, 2, 1, 1]
    tot = daily_totals(df).set_index("date")
    assert tot.loc["2016-11-11", "units_since_previous_day"] == 48
    assert tot.loc["2016-11-09", "sum_of_counts"] == 12  # the popular reading: an empty count adds nothing
    assert pd.isna(tot.loc["2016-11-08", "units_since_previous_day"])


def test_generated_cumulative_counter_recovers_sales(cumulative: pd.DataFrame) -> None:
    t = item_table(cumulative)
    lam = cumulative.attrs["lam"]
    order = t["item_id"].astype(str).str[1:].astype(int).to_numpy()
    assert np.corrcoef(t["baseline_daily"], lam[order])[0, 1] > 0.8
    assert t["festival_units"].sum() / lam.sum() == pytest.approx(50, rel=0.05)  # the true uplift is 50


def test_counter_evidence_tells_cumulative_from_rolling(cumulative: pd.DataFrame, rolling: pd.DataFrame) -> None:
    cum, roll = counter_evidence(cumulative).summary, counter_evidence(rolling).summary
    assert cum["share_ordinary_down"] == 0.0 and roll["share_ordinary_down"] > 0.3
    # the rolling-count expectation (Skellam) matches what a rolling count does, not what a cumulative one does
    assert roll["share_ordinary_down"] == pytest.approx(roll["expected_down_if_rolling"], abs=0.05)
    assert roll["share_ordinary_zero"] == pytest.approx(roll["expected_zero_if_rolling"], abs=0.03)
    assert cum["share_ordinary_down"] < cum["expected_down_if_rolling"] - 0.3


def test_counter_evidence_on_the_raw_file() -> None:
    ev = counter_evidence(load_listings())
    s = ev.summary
    assert s["share_ordinary_down"] < 0.03 < 0.4 < s["expected_down_if_rolling"]
    assert s["share_ordinary_zero"] > 2 * s["expected_zero_if_rolling"]
    assert s["rank_corr_drop_window"] > s["rank_corr_drop_level"]
    assert s["items_reset"] == 83 and s["items_with_counts"] == 3_196
    assert list(ev.by_level["band"].astype(str))[0] == "0-29"
    with pytest.raises(ParameterError):
        counter_evidence(load_listings(), window_days=0)
