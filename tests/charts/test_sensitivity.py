"""Tests of helpers.charts.sensitivity: tornado charts and heat maps."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import helpers.sensitivity as sweeps  # noqa: E402
from helpers.charts import sensitivity  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_tornado_chart_orders_bars_labels_and_sources() -> None:
    t = sweeps.one_at_a_time(
        lambda p: p["a"] + 2 * p["b"],
        {"a": 1.0, "b": 1.0, "c": 0.0},
        {"a": (0.0, 2.0), "b": (0.5, 3.0), "c": (-1.0, 1.0)},
    )
    fig = sensitivity.tornado_chart(
        t, outcome_label="outcome (yuan)", labels={"b": "parameter b"}, title="T", source="Model"
    )
    ax = fig.axes[0]
    assert [x.get_text() for x in ax.get_yticklabels()] == ["a", "parameter b"]  # largest swing on top; c has none
    assert ax.get_title() == "T" and "Source: Model" in [x.get_text() for x in fig.texts]


def test_the_old_import_path_still_works() -> None:
    from helpers.charts.sensitivity import tornado_chart

    assert tornado_chart is sensitivity.tornado_chart


def test_heatmap_writes_values_and_zero_based_scale() -> None:
    grid = sweeps.two_way(lambda p: p["x"] * p["y"], {"x": 0.0, "y": 0.0}, "x", [0.1, 0.5, 0.9], "y", [0.2, 1.0])
    fig = sensitivity.heatmap_chart(
        grid,
        outcome_label="share",
        x_label="x (share)",
        y_label="y (share)",
        title="H",
        vmin=0,
        vmax=1,
        contours=(0.25,),
        source="Model",
    )
    ax = fig.axes[0]
    assert len(ax.texts) == 6 and ax.collections[0].get_clim() == (0, 1)
    assert "Source: Model" in [x.get_text() for x in fig.texts]


def test_tornado_writes_one_label_when_both_ends_nearly_coincide() -> None:
    """Both ends on one side of the base and almost equal: one label "low, high", not two printed over each other."""
    t = sweeps.one_at_a_time(
        lambda p: p["a"] + (0.01 + 0.0001 * p["h"] if p["h"] != 5 else 0.0),
        {"a": 1.0, "h": 5.0},
        {"a": (0.0, 2.0), "h": (0.0, 15.0)},
    )
    ax = sensitivity.tornado_chart(t, outcome_label="outcome (yuan)", min_swing=1e-12).axes[0]
    labels = [x.get_text() for x in ax.texts]
    assert "0, 15" in labels and "15" not in labels
    assert "0" in labels and "2" in labels  # the wide bar keeps a label at each end
