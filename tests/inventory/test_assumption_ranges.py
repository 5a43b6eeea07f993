"""Issue 13: every assumption of data/assumptions/consignment.csv, at both ends of its range, goes through the
model calls notebook 03 makes; the documented ranges are consistent with each other (jointly, too)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import helpers.assumptions as assumption_table
from helpers import inventory as inv

TABLE = assumption_table.load_assumptions("data/assumptions/consignment.csv")
BASE = assumption_table.values(TABLE)
RANGES = assumption_table.ranges(TABLE)
CASES = [(name, end) for name in RANGES for end in ("low", "high")]
#: Notebook 05's estimates as notebook 03's ``estimates`` parameter holds them (estimate, 90% interval).
ESTIMATES = {"uplift": [166, 136, 203], "cv_median": [1.81, 1.50, 2.06], "scale_sigma": [2.28, 1.90, 2.69]}


def notebook_calls(values: dict[str, float]) -> None:
    """The notebook's model calls, small: each must run and its sentences must state numbers, not NaN."""
    study = inv.run_study(
        values,
        n_merchants=100,
        n_draws=100,
        n_sample=20,
        war_rounds=3,
        estimates=ESTIMATES,
        ranges=assumption_table.ranges(TABLE, only_varying=False),
        upper_bounds=["uplift", "cv_median"],
        estimate_merchants=50,
        estimate_draws=50,
    )
    texts = inv.findings(study)
    assert len(texts) == 6
    texts.append(inv.estimate_sentence(study.estimates))
    for table in (inv.estimate_parameter_table, inv.estimate_outcome_table, inv.estimate_conclusion_table):
        texts.append(table(study.estimates).to_string())
    params, demand = study.params, study.demand
    salvage = [s for s in (-20.0, 0.0, 20.0, 40.0, 50.0) if s < params.unit_cost]
    texts.append(inv.salvage_sentence(inv.stock_vs_salvage(demand, params, salvage)))
    grid = np.linspace(params.unit_cost, params.price, 7)[1:-1]
    assert len(inv.wholesale_sweep(demand, params, grid)) == 5
    texts.append(inv.window_sentence(study))
    texts.append(inv.size_sentence(study))
    inv.commission_sweep(values, [0.0, 0.2], n_merchants=50, n_draws=50)
    texts.append(inv.uncertainty_sentence(inv.uncertainty_sweep(values, [0.3, 1.2, 2.1], n_merchants=50, n_draws=50)))
    assert math.isfinite(inv.arrangement_gap(values))
    assert 0 <= inv.population_outcome(values, n_merchants=50, n_draws=50) <= 1
    texts.append(inv.wjs_explanation(study, values["commission"]))
    texts.append(inv.crossborder_note(TABLE))
    texts.append(inv.compare_table(study.compare).to_string())
    texts.append(inv.population_table(study.summary()).to_string())
    for t in texts:
        assert "nan" not in t.lower().split(), t


@pytest.mark.parametrize(("name", "end"), CASES, ids=[f"{n}-{e}" for n, e in CASES])
def test_every_assumption_at_both_ends_of_its_range(name: str, end: str) -> None:
    low, high = RANGES[name]
    values = {**BASE, name: low if end == "low" else high}
    table = assumption_table.with_overrides(TABLE, {name: values[name]})  # accepted as an override, too
    assert assumption_table.values(table)[name] == values[name]
    notebook_calls(values)


def test_the_ranges_are_jointly_consistent() -> None:
    """Every combination of range ends of the parameters with cross-constraints builds valid economics."""
    rng = np.random.default_rng(13)
    names = list(RANGES)
    for _ in range(200):
        values = {**BASE, **{n: float(rng.uniform(*RANGES[n])) for n in names}}
        params = inv.ChannelParams.from_values(values)  # raises if any constraint is violated
        inv.PopulationSpec.from_values(values, 10)
        assert params.merchant_salvage < params.unit_cost and params.platform_salvage < params.unit_cost
    for cost in RANGES["unit_cost"]:
        for salvage in RANGES["merchant_salvage"]:
            inv.ChannelParams.from_values(
                {**BASE, "unit_cost": cost, "merchant_salvage": salvage, "platform_salvage": salvage}
            )


def test_issue_13_unit_cost_68_runs() -> None:
    """Issue 13: unit_cost = 68 used to stop the notebook (wholesale 65-90 overlapped unit cost 45-70)."""
    notebook_calls({**BASE, "unit_cost": 68.0})
