"""Tests of helpers.charts.funnel: each chart has a title, labelled axes and a source line."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest

from helpers import plotting
from helpers.charts import funnel as charts
from helpers.errors import ParameterError
from helpers.funnel import economics, learning
from helpers.funnel.prior import MixturePrior

matplotlib.use("Agg")
PRIOR = MixturePrior(0.75, 0.25, 20.0, 1.0, 0.5)
ECON = economics.Economics(200, 0.25, 3000, 40, 30, 0.25, 104)


@pytest.fixture(autouse=True)
def _style():
    plotting.setup()
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def _check(fig):
    ax = fig.axes[0]
    assert ax.get_title() or fig._suptitle is not None
    assert ax.get_xlabel() and ax.get_ylabel() or ax.get_yticklabels()
    assert any(t.get_text().startswith("Source:") for t in fig.texts)


def test_every_chart_draws_with_a_source():
    rule = economics.decision_rule(PRIOR, ECON)
    op = learning.prior_operating(rule, PRIOR, stock_units=30, nodes=20)
    outcomes = pd.DataFrame(
        {
            "kept, worth keeping": [0.2],
            "kept, not worth keeping": [0.01],
            "cut, worth keeping": [0.03],
            "cut, not worth keeping": [0.76],
        },
        index=["rule"],
    )
    grid = pd.DataFrame([[0.3, 0.1], [0.2, 0.05]], index=[5.0, 20.0], columns=[0.6, 0.9])
    weeks = learning.weeks_to_learn(PRIOR, 0.8, [0.1, 1.0, 5.0], errors=[0.05], horizon=52)
    checks = pd.DataFrame({"test": ["a"], "error": ["keep"], "measured": [0.01], "bound": [0.05]})
    figs = [
        charts.plot_outcomes(outcomes, article_survival=1 / 11),
        charts.plot_survival_map(grid, y_label="mean weekly demand of a wanted SKU, units"),
        charts.plot_weeks_to_learn(weeks, breakeven=0.8),
        charts.plot_decision_times({"all": op.weights @ (op.keep_by_week + op.cut_by_week)}, horizon=52),
        charts.plot_error_check(checks),
        charts.plot_empirical_prior(
            np.array([0.0, 1.0, 7.0, 50.0]), np.array([0.0, 2.0, 5.0, 60.0]), breakeven=0.8, source="toy"
        ),
        charts.plot_faster_learning(economics.faster_learning(PRIOR, ECON, [1.0, 2.0], nodes=20)),
        charts.plot_arrangements(economics.arrangement_table(PRIOR, ECON, nodes=20)),
    ]
    for fig in figs:
        _check(fig)


def test_charts_refuse_tables_without_their_columns():
    with pytest.raises(ParameterError, match="plot_outcomes needs"):
        charts.plot_outcomes(pd.DataFrame({"x": [1]}))
    with pytest.raises(ParameterError, match="horizon \\+ 1"):
        charts.plot_decision_times({"a": np.zeros(3)}, horizon=5)
    with pytest.raises(ParameterError, match="source line"):
        charts.plot_weeks_to_learn(
            pd.DataFrame({"rate": [1.0], "error": [0.1], "weeks": [2.0]}), breakeven=1.0, source=" "
        )
