"""Tests of helpers.charts.listings: every chart draws, has a title, axis labels and a source line."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import listings as L  # noqa: E402
from helpers.charts import listings as C  # noqa: E402
from helpers.errors import ParameterError  # noqa: E402


@pytest.fixture(scope="module")
def data() -> dict:
    from helpers import plotting

    plotting.setup()  # the CJK font, as in the notebook
    df = L.load_listings()
    brands = L.load_brands()
    items = L.attach_brands(L.classify_discounts(L.item_table(df)), brands)
    sample = L.uplift_sample(items)
    stats = L.uplift_statistics(sample, n_boot=100)
    return {"df": df, "brands": brands, "items": items, "sample": sample, "stats": stats}


def _check(fig, source: str = "x.csv") -> None:
    texts = [t.get_text() for t in fig.texts]
    assert any(t == f"Source: {source}" for t in texts)
    titled = [ax for ax in fig.axes if ax.get_title()]
    assert titled or fig._suptitle is not None
    assert all(ax.get_xlabel() or ax.get_ylabel() or not ax.has_data() for ax in fig.axes)


def test_source_line(data: dict) -> None:
    assert C.source_line(data["df"]).endswith("(listing snapshots, 2016-11-05..2016-11-14)")


def test_each_chart(data: dict) -> None:
    d = data
    _check(C.plot_counter_evidence(L.counter_evidence(d["df"]), source="x.csv"))
    _check(C.plot_daily_units(L.daily_totals(d["df"]), source="x.csv"))
    _check(C.plot_shares(L.origin_shares(d["items"], d["brands"], n_boot=100), source="x.csv"))
    _check(C.plot_discount_classes(L.discount_summary(d["items"], "price_tier"), source="x.csv"))
    _check(C.plot_uplift(d["sample"], d["stats"], source="x.csv"))
    checks = pd.DataFrame(
        [
            {
                "file": "data/assumptions/bonded.csv",
                "parameter": "demand_cv",
                "assumed": 0.5,
                "low": 0.2,
                "high": 1.0,
                "estimate": 1.8,
                "estimate_low": 1.5,
                "estimate_high": 2.1,
            }
        ]
    )
    _check(C.plot_assumption_check(checks, source="x.csv"))
    model = pd.DataFrame({"seller": ["国内寄售商家 consignment merchant"], "assumed": [0.136], "estimate": [0.005]})
    _check(C.plot_depth_vs_model(L.observed_depth(d["items"]), model, source="x.csv"))


def test_errors() -> None:
    with pytest.raises(ParameterError):
        C.plot_assumption_check(pd.DataFrame({"estimate": [float("nan")]}), source="x")
    with pytest.raises(ParameterError):
        C.plot_daily_units(pd.DataFrame(), source="x", axes=[None])
