"""Tests of helpers.listings.models: notebook 03/04 reruns and the observed depth."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.errors import ParameterError
from helpers.listings import classify_discounts, model_discounts, model_elasticity, model_outcomes, observed_depth


def test_model_discounts_shrink_with_demand_uncertainty() -> None:
    base = model_discounts()
    assert len(base) >= 4 and (base["discount"] >= 0).all()
    uncertain = model_discounts(overrides={"demand_cv": 1.0})
    assert (uncertain["discount"] <= base["discount"] + 1e-9).all()
    with pytest.raises(ParameterError):
        model_discounts(overrides={"no_such": 1.0})
    assert model_elasticity() > 1


def test_model_outcomes_with_estimates() -> None:
    comparison = pd.DataFrame(
        [
            {
                "file": "data/assumptions/bonded.csv",
                "parameter": "demand_cv",
                "estimate": 0.5,
                "estimate_low": 0.5,
                "estimate_high": 0.5,
            },
            {
                "file": "data/assumptions/consignment.csv",
                "parameter": "uplift_cv",
                "estimate": float("nan"),
                "estimate_low": float("nan"),
                "estimate_high": float("nan"),
            },
        ]
    )
    out = model_outcomes(comparison, n_merchants=60, n_draws=60)
    nb04 = out[out["notebook"] == "04"]
    # the estimate equals the assumed demand_cv of 0.5, so notebook 04's optimum must not move
    assert nb04["estimate"].tolist() == pytest.approx(nb04["assumed"].tolist())
    nb03 = out[out["notebook"] == "03"]
    assert nb03["changed"].eq("").all() and nb03["estimate"].tolist() == pytest.approx(nb03["assumed"].tolist())


def test_observed_depth_counts_no_cut_as_zero() -> None:
    prices = pd.DataFrame(
        {
            "price_base": [100.0, 100, 100, 100],
            "price_peak_before": [100.0, 100, 100, 100],
            "price_last_before": [100.0, 100, 100, 100],
            "price_festival": [50.0, 80, 100, 110],
            "price_after": [100.0] * 4,
            "origin_region": ["China", "China", "US", "US"],
        }
    )
    c = classify_discounts(prices)
    all_ = observed_depth(c).iloc[0]
    assert (
        all_["mean_depth"] == pytest.approx(0.7 / 4)
        and all_["share_cut"] == 0.5
        and all_["median_cut"] == pytest.approx(0.35)
    )
    by = observed_depth(c, "origin_region").set_index("origin_region")
    assert by.loc["US", "mean_depth"] == 0.0 and pd.isna(by.loc["US", "median_cut"])
