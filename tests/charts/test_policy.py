"""Tests for helpers.charts.policy: every chart returns a Figure with a title, labelled axes and a source line."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import assumptions, policy  # noqa: E402
from helpers.charts import policy as charts  # noqa: E402
from helpers.errors import ParameterError  # noqa: E402
from helpers.policy import study as S  # noqa: E402


@pytest.fixture(autouse=True)
def _style():
    from helpers import plotting

    plotting.setup()
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def study():
    t = assumptions.load_assumptions("data/assumptions/bonded.csv")
    return S.run_study(assumptions.values(t), assumptions.ranges(t))


def _check(fig, source=True):
    assert isinstance(fig, matplotlib.figure.Figure)
    ax = fig.axes[0]
    assert ax.get_title() or fig._suptitle is not None
    assert ax.get_xlabel() and ax.get_ylabel()
    if source:
        assert any(t.get_text().startswith("Source:") for t in fig.texts)
    assert not any("_yuan" in t.get_text() or "_share" in t.get_text() for t in ax.get_yticklabels())
    plt.close(fig)


def test_every_chart(study, tmp_path, monkeypatch):
    path = policy.tax_path(300, "2015-01-01", "2020-12-31", policy.CATEGORIES)
    _check(
        charts.plot_tax_path(
            path,
            policy.load_rules(),
            highlight="cosmetics_skincare_ordinary",
            marks={"a": "2015-11-11", "b": "2015-11-14", "c": "2019-11-11"},
        )
    )
    prices = np.linspace(100, 800, 20)
    _check(
        charts.plot_landed_tax(
            prices,
            {"2015-11-11 rules": policy.tax_by_price(prices, "2015-11-11", "cosmetics_skincare_ordinary")},
            worked_price=300,
        )
    )
    _check(charts.plot_promotions(study.depth, alternative=study.alternative))
    _check(charts.plot_shapley({"x": study.shapley["after"].summary("stock")}))
    _check(charts.plot_salvage_regimes(study.salvage))
    curve = S.returns_curve(study)
    _check(
        charts.plot_returns_regimes(
            curve["kappa"],
            curve["no_returns"],
            float(curve["accepted"].iloc[0]),
            rare=curve["rare"],
            kappa_star=study.kappa_star,
            assumed=0.1,
        )
    )
    surface, ridge = S.heat_map(study, 7)
    _check(charts.plot_profit_heatmap(surface, ridge, marks={"best": 100.0}))
    fig = charts.plot_sensitivities(
        {"a": study.sensitivity["stock_units_before"], "b": study.sensitivity["stock_units_after"]},
        outcome_label="gap, %",
        labels={"import_cost_yuan": "import cost"},
    )
    assert len(fig.axes) == 2 and fig._suptitle.get_text()
    _check(fig)


def test_marks_a_few_days_apart_share_a_label():
    path = policy.tax_path(300, "2015-01-01", "2016-12-31", ("cosmetics_skincare_ordinary",))
    fig = charts.plot_tax_path(path, marks={"seed article": "2015-11-14", "first date": "2015-11-11"})
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert "first date / seed article" in labels
    plt.close(fig)


def test_zero_is_zero_and_bad_input(study):
    fig = charts.plot_promotions(study.depth, alternative=study.alternative)
    assert fig.axes[0].get_ylim()[0] == 0
    plt.close(fig)
    with pytest.raises(ParameterError, match="lacks column"):
        charts.plot_promotions(study.depth.drop(columns="stock"))
    with pytest.raises(ParameterError, match="nothing to draw"):
        charts.plot_shapley({})


def test_save_and_show_writes_the_files_and_returns_the_png(tmp_path, monkeypatch):
    monkeypatch.setenv("HELPERS_FIGURES_DIR", str(tmp_path))
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    width = round(fig.get_figwidth() * 100)
    image = charts.save_and_show(fig, "04_test")
    assert (tmp_path / "04_test.png").exists() and (tmp_path / "04_test.svg").exists()
    assert image.data[:4] == b"\x89PNG" and image.width == width
    assert not plt.fignum_exists(fig.number)
