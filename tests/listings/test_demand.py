"""Tests of helpers.listings.demand on generated items where the uplift and its spread are known."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers.errors import ParameterError
from helpers.listings import (
    assumption_comparison,
    depth_response,
    item_table,
    uplift_sample,
    uplift_statistics,
)
from tests.listings.conftest import simulate


def generated(n: int = 3000, sigma_within: float = 0.6, shop_sd: float = 0.8, seed: int = 0) -> pd.DataFrame:
    """Items whose log uplift = log 100 + shop effect + 3 x depth + N(0, sigma_within); baselines large (no counting noise)."""
    rng = np.random.default_rng(seed)
    shops = np.array(list("abcdefghij"))
    effect = dict(zip(shops, rng.normal(0, shop_sd, shops.size)))
    shop = rng.choice(shops, n)
    depth = rng.uniform(0, 0.4, n)
    lu = np.log(100) + np.array([effect[s] for s in shop]) + 3 * depth + rng.normal(0, sigma_within, n)
    b = rng.uniform(50, 500, n)
    return pd.DataFrame(
        {
            "shop": shop,
            "baseline_daily": b,
            "baseline_units": 5 * b,
            "uplift": np.exp(lu),
            "festival_units": b * np.exp(lu),
            "real_depth": depth,
            "presale": False,
        }
    )


def test_within_spread_recovers_the_residual_sd() -> None:
    out = uplift_statistics(uplift_sample(generated()), n_boot=300).set_index("statistic")
    assert out.loc["log_sd_uplift_within", "low"] < 0.6 < out.loc["log_sd_uplift_within", "high"]
    assert out.loc["cv_uplift_within", "estimate"] == pytest.approx(np.sqrt(np.expm1(0.6**2)), rel=0.08)
    assert out.loc["log_sd_uplift", "estimate"] > 0.9  # shop effects and depth widen the unconditional spread
    assert out.loc["cv_uplift", "estimate"] == pytest.approx(
        np.sqrt(np.expm1(out.loc["log_sd_uplift", "estimate"] ** 2))
    )


def test_pooled_and_median_uplift_on_a_simulated_counter() -> None:
    sample = uplift_sample(item_table(simulate(n_items=300, uplift=40.0, seed=3)))
    out = uplift_statistics(sample, n_boot=300).set_index("statistic")
    assert out.loc["pooled_uplift", "low"] < 40 < out.loc["pooled_uplift", "high"]
    assert out.loc["median_uplift", "estimate"] == pytest.approx(40, rel=0.15)


def test_counting_noise_is_taken_out() -> None:
    rng = np.random.default_rng(5)
    n = 4000
    b_units = rng.integers(5, 15, n).astype(float)  # few ordinary units: noisy baselines
    true_lu = np.log(60) + rng.normal(0, 0.5, n)
    base = rng.poisson(b_units) + 1e-9
    fest = rng.poisson(b_units / 5 * np.exp(true_lu))
    t = pd.DataFrame(
        {
            "shop": "s",
            "baseline_units": base,
            "baseline_daily": base / 5,
            "festival_units": fest.astype(float),
            "uplift": fest / (base / 5),
        }
    )
    out = uplift_statistics(uplift_sample(t), n_boot=200).set_index("statistic")
    assert out.loc["log_sd_uplift", "estimate"] > 0.55  # raw spread includes the Poisson noise
    assert out.loc["log_sd_uplift_within", "estimate"] == pytest.approx(0.5, abs=0.06)


def test_sample_filters_and_errors() -> None:
    t = generated(50)
    t.loc[:4, "baseline_units"] = 2
    t.loc[5, "festival_units"] = np.nan
    s = uplift_sample(t)
    assert len(s) == 44 and s.attrs["excluded"] == 5
    with pytest.raises(ParameterError):
        uplift_sample(t.head(3), min_baseline_units=1e6)
    with pytest.raises(ParameterError):
        uplift_statistics(s, bootstrap="weeks")
    with pytest.raises(ParameterError):
        uplift_sample(t.drop(columns="uplift"))


def test_shop_bootstrap_is_wider() -> None:
    s = uplift_sample(generated())
    item = uplift_statistics(s, n_boot=300).set_index("statistic")
    shop = uplift_statistics(s, bootstrap="shops", n_boot=300).set_index("statistic")
    w = lambda t: t.loc["pooled_uplift", "high"] - t.loc["pooled_uplift", "low"]  # noqa: E731
    assert w(shop) > w(item)


def test_depth_response_recovers_the_slope() -> None:
    r = depth_response(uplift_sample(generated()), n_boot=300)
    assert r["slope_low"] < 3 < r["slope_high"]
    assert r["ratio"] == pytest.approx(np.exp(0.1 * r["slope"]))
    with pytest.raises(ParameterError):
        depth_response(uplift_sample(generated()).drop(columns="real_depth"))


def test_assumption_comparison_positions(tmp_path: Path) -> None:
    stats = uplift_statistics(uplift_sample(generated()), n_boot=200)
    header = "name,value,low,high,unit,status,source,source_url,note\n"
    cons = tmp_path / "c.csv"
    cons.write_text(
        header
        + "\n".join(
            [
                "uplift,120,100,1000,x,assumption,this project,,n",
                "cv_median,0.6,0.3,1.2,x,assumption,this project,,n",
                "scale_sigma,1.5,1.0,2.0,x,assumption,this project,,n",
                "uplift_cv,0.3,0.1,0.6,x,assumption,this project,,n",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    bond = tmp_path / "b.csv"
    bond.write_text(
        header + "demand_cv,0.5,0.2,0.4,x,assumption,this project,,n\n".replace("0.5,0.2,0.4", "0.3,0.2,0.4"),
        encoding="utf-8",
    )
    out = assumption_comparison(stats, cons, bond).set_index("parameter")
    assert out.loc["uplift_cv", "position"] == "not estimable" and np.isnan(out.loc["uplift_cv", "estimate"])
    assert out.loc["cv_median", "position"] == "inside"  # CV of 0.6 log sd is about 0.66
    assert out.loc["demand_cv", "position"] == "above"
    assert out.loc["uplift", "statistic"] == "pooled_uplift"
