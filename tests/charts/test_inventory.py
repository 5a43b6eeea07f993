"""Tests of helpers.charts.inventory: each chart returns its Figure, is labelled and draws what it says."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import inventory as inv  # noqa: E402
from helpers import plotting  # noqa: E402
from helpers.charts import inventory as charts  # noqa: E402
from helpers.errors import ParameterError  # noqa: E402

PARAMS = inv.ChannelParams(
    price=100,
    unit_cost=60,
    commission=0.05,
    merchant_salvage=30,
    platform_salvage=30,
    ad_fee_rate=0.05,
    fixed_cost=200.0,
)
DEMAND = inv.lognormal_demand(240, 0.7)
SOURCE = "Model; assumptions in data/assumptions/consignment.csv"


@pytest.fixture(autouse=True)
def _close():
    plotting.setup()  # the shipped CJK font, so Chinese labels do not warn about missing glyphs
    yield
    plt.close("all")


def _labelled(fig) -> None:
    assert fig._suptitle is not None or fig.axes[0].get_title()
    for ax in fig.axes:
        if ax.get_label() == "<colorbar>":
            continue
        assert ax.get_xlabel() and ax.get_ylabel(), ax
        assert "_" not in ax.get_xlabel() + ax.get_ylabel()  # words, not identifiers
    assert f"Source: {SOURCE}" in [t.get_text() for t in fig.texts]


def test_profit_distributions_draw_one_curve_per_arrangement_and_party() -> None:
    sims = inv.simulate_channels(DEMAND, PARAMS, n_draws=500, seed=1)
    fig = charts.plot_profit_distributions(sims, source=SOURCE)
    _labelled(fig)
    assert [len(ax.lines) for ax in fig.axes] == [4, 4]  # three ECDFs and the zero line per panel


def test_wholesale_sweep_marks_consignment_and_the_best_response() -> None:
    sweep = inv.wholesale_sweep(DEMAND, PARAMS, np.linspace(61, 99, 20))
    cons = inv.consignment(DEMAND, PARAMS)
    w_star = inv.procurement(DEMAND, PARAMS).wholesale
    fig = charts.plot_wholesale_sweep(
        sweep, {"merchant": cons.merchant_profit, "platform": cons.platform_profit}, w_star, source=SOURCE
    )
    _labelled(fig)
    xs = [line.get_xdata()[0] for line in fig.axes[0].lines if len(set(line.get_xdata())) == 1]
    assert w_star in xs


def test_stock_size_uncertainty_shock_and_commission_charts() -> None:
    fig = charts.plot_stock_vs_salvage(inv.stock_vs_salvage(DEMAND, PARAMS, [0.0, 20.0]), 240.0, source=SOURCE)
    _labelled(fig)
    assert fig.axes[0].get_ylim()[0] == 0
    spec = inv.PopulationSpec(
        200, daily_median=2, scale_sigma=1.5, uplift=120, uplift_cv=0.3, cv_median=0.6, cv_sigma=0.3
    )
    res = {a: inv.simulate_population(spec, PARAMS, a, n_draws=100) for a in inv.ARRANGEMENTS}
    fig = charts.plot_size_profile({a: inv.size_profile(r) for a, r in res.items()}, source=SOURCE)
    _labelled(fig)
    assert len(fig.axes[0].lines) == 3
    fig = charts.plot_shock_and_losses(res["consignment"].draws, source=SOURCE)
    _labelled(fig)
    v = dict(
        price=100,
        unit_cost=60,
        commission=0.05,
        merchant_salvage=30,
        platform_salvage=30,
        return_rate=0.1,
        return_handling_cost=5,
        return_recovery=60,
        daily_median=2,
        scale_sigma=1.5,
        uplift=120,
        uplift_cv=0.3,
        cv_median=0.6,
        cv_sigma=0.3,
    )
    fig = charts.plot_losses_vs_uncertainty(
        inv.uncertainty_sweep(v, [0.3, 0.9], n_merchants=50, n_draws=50), 0.6, source=SOURCE
    )
    _labelled(fig)
    assert len(fig.axes[0].lines) == 5 and not fig.axes[0].patches  # four series and the base line; no estimate band
    fig = charts.plot_commission_sweep(
        inv.commission_sweep(v, [0.0, 0.025, 0.1], n_merchants=50, n_draws=50), source=SOURCE
    )
    _labelled(fig)
    assert len(fig.axes) == 2  # two panels, no twin axis
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == [
        "0%",
        "2.5%",
        "10%",
    ]  # ticks at the grid, not rounded


def test_uncertainty_chart_marks_an_estimate_and_leaves_a_gap_where_nobody_trades() -> None:
    t = pd.DataFrame(
        {
            "cv": [0.3, 1.0, 2.0],
            "single_trades": [True, True, False],
            "single_p_loss": [0.1, 0.3, np.nan],
            "population_share_participating": [0.9, 0.7, 0.3],
            "population_share_losing": [0.1, 0.2, 0.1],
            "population_share_losing_participants": [0.11, 0.29, 0.35],
        }
    )
    fig = charts.plot_losses_vs_uncertainty(
        t, 0.6, estimate=(1.8, 1.5, 2.1), estimate_label="estimated upper bound", source=SOURCE
    )
    _labelled(fig)
    ax = fig.axes[0]
    assert len(ax.patches) == 1  # the interval band
    assert "estimated upper bound" in [x.get_text() for x in ax.get_legend().get_texts()]
    assert np.isnan(ax.lines[0].get_ydata()[-1])  # no point drawn where the typical merchant does not consign


def test_price_war_marks_rounds_without_trade() -> None:
    war = inv.price_war(240, 0.7, PARAMS, rounds=8, discount=0.05, elasticity=2.0)
    fig = charts.plot_price_war(war, source=SOURCE)
    _labelled(fig)
    marked = sum(len(c.get_offsets()) for c in fig.axes[1].collections)
    assert marked == int((~war.participates).sum())


def test_literature_charts() -> None:
    b = np.linspace(1.1, 10, 30)
    fig = charts.plot_wjs(
        b, {0.0: inv.wjs_equilibrium(b, 0.0)}, {0.0: inv.wjs_fixed_share(b, 0.0, 0.5)}, 0.5, source=SOURCE
    )
    _labelled(fig)
    shares = np.linspace(0, 0.9, 10)
    fig = charts.plot_agency_vs_reselling(shares, {0.0: np.full(10, 0.5)}, {0.0: 0.75}, source=SOURCE)
    _labelled(fig)
    capped = np.array([inv.agency_equilibrium(1.0, s, cost=0.2)["price"] for s in shares])
    assert capped[-1] == 1.0  # above an 80% share nothing sells: the price is capped at the intercept
    fig = charts.plot_agency_vs_reselling(shares, {0.2: capped}, {0.2: 0.8}, source=SOURCE)
    drawn = fig.axes[0].lines[0].get_ydata()
    assert np.isnan(drawn[-1]) and not np.isnan(drawn[0])  # no trade is a gap, not a price of a
    assert any(t.get_text() == "no sale once the share reaches 80%" for t in fig.axes[0].texts)


def test_axes_given_and_wrong_number_of_axes() -> None:
    fig, axes = plt.subplots(1, 2)
    sims = inv.simulate_channels(DEMAND, PARAMS, n_draws=100, seed=1)
    assert charts.plot_profit_distributions(sims, ax=axes) is fig
    with pytest.raises(ParameterError, match="this chart needs 2 axes, got 1"):
        charts.plot_profit_distributions(sims, ax=[axes[0]])
