"""Tests for helpers.inventory.channel_study and .channel_text: notebook 03's analysis and its sentences."""

from __future__ import annotations

import re

import numpy as np
import pytest

import helpers.assumptions as assumption_table
from helpers import inventory as inv
from helpers.errors import ParameterError

BASE = assumption_table.values(assumption_table.load_assumptions("data/assumptions/consignment.csv"))
_RATIO = re.compile(r"income (rises|falls|stays) to ([\d.]+)% of its pre-war level")
_FROM_TO = re.compile(r"(rises|falls) from ([\d.]+) at b = [\d.]+ to ([\d.]+) at b")


@pytest.fixture(scope="module")
def study():
    return inv.run_study(BASE, n_merchants=400, n_draws=400, war_rounds=8, seed=1)


def test_findings_carry_their_numbers_and_words_follow_signs(study) -> None:
    bullets = inv.findings(study)
    assert len(bullets) == 5
    text = " ".join(bullets)
    for verb, ratio in _RATIO.findall(text):
        assert (verb == "rises") == (float(ratio) > 100) or float(ratio) == 100
    for verb, a, b in _FROM_TO.findall(text):
        assert (verb == "rises") == (float(b) > float(a))
    assert "nan" not in text.lower().split()
    assert "cannot lose" in bullets[0]  # who carries the risk is said to be built in, not found


def test_wjs_table_states_what_reproduces(study) -> None:
    t = inv.wjs_table(study.wjs).set_index("claim")["reproduces"]
    assert t["the channel loses at most 26.4% of the integrated profit"] == "yes"
    assert t["the retailer keeps at least 50% of the channel profit"] == "yes"
    assert t["the loss increases with price elasticity"] == "partly"
    assert (t == "yes").sum() == 6


def test_no_fixed_cost_check_is_flat(study) -> None:
    flat = study.no_fixed_cost_size["share_losing_participants"]
    assert flat.max() - flat.min() < 0.03


def test_sentences_when_nobody_consigns() -> None:
    """A merchant whose net revenue after returns is below cost never consigns: the prose must say so, not fail."""
    v = {**BASE, "unit_cost": 70.0, "return_rate": 0.4, "return_handling_cost": 15.0, "return_recovery": 30.0}
    s = inv.run_study(v, n_merchants=100, n_draws=100, war_rounds=2)
    assert not s.row("consignment", "merchant")["participates"]
    bullets = inv.findings(s)
    assert "does not trade" in bullets[0]
    assert "no trade under consignment" in bullets[1]
    assert "no trade under consignment before the price war" in bullets[3]
    assert "0.0% of merchants take part under consignment" in bullets[2]


def test_crossborder_note_follows_the_source() -> None:
    table = assumption_table.load_assumptions("data/assumptions/consignment.csv")
    assert "marketplace" in inv.crossborder_note(table)
    other = table.assign(source=table["source"].str.replace("Tmall Global", "Platform X"))
    assert "does not come from Tmall Global" in inv.crossborder_note(other)
    with pytest.raises(ParameterError, match="no 'commission' row"):
        inv.crossborder_note(table[table.name != "commission"])


def test_display_tables_are_rounded(study) -> None:
    t = inv.compare_table(study.compare)
    assert t["probability of a loss"].str.fullmatch(r"\d+\.\d%").all()
    assert t["stock, units"].str.fullmatch(r"[\d,]+").all()
    p = inv.population_table(study.summary())
    assert list(p.columns) == ["consignment", "buyback", "procurement"]


def test_findings_needs_a_study() -> None:
    with pytest.raises(ParameterError, match="needs a ChannelStudy"):
        inv.findings({"not": "a study"})


# --- the assumptions against estimates (section 9) ------------------------------------------------------------------

RANGES = assumption_table.ranges(
    assumption_table.load_assumptions("data/assumptions/consignment.csv"), only_varying=False
)
ESTIMATES = {"uplift": [166, 136, 203], "cv_median": [1.81, 1.50, 2.06], "scale_sigma": [2.28, 1.90, 2.69]}


@pytest.fixture(scope="module")
def check():
    return inv.check_estimates(
        BASE, RANGES, ESTIMATES, upper_bounds=["uplift", "cv_median"], source="listings", n_merchants=300, n_draws=300
    )


def test_estimate_check_has_every_scenario_and_conclusion(check) -> None:
    assert list(check.outcomes.columns) == [
        "assumed",
        "uplift",
        "cv_median",
        "scale_sigma",
        "all",
        "all_low",
        "all_high",
    ]
    assert list(check.holds.index) == list(inv.CONCLUSIONS)
    assert check.parameters.set_index("name")["position"].tolist() == ["inside"] * 3  # the ranges were widened
    assert check.parameters.set_index("name")["upper_bound"].tolist() == [True, True, False]
    # the assumed column is the base case: consignment is the more efficient contract, the typical merchant trades
    assert check.holds.loc["typical_trades", "assumed"] and check.holds.loc["consignment_more_efficient", "assumed"]


def test_the_cv_bound_keeps_the_typical_merchant_out(check) -> None:
    """At the CV's upper bound (1.81) with a 500-yuan fixed cost the typical merchant's expected profit is negative."""
    o = check.outcomes
    assert o.loc["typical_trades", "cv_median"] == 0 and np.isnan(o.loc["typical_p_loss", "cv_median"])
    assert o.loc["share_participating", "cv_median"] < 0.5 < o.loc["share_participating", "assumed"]
    # fewer take part, so fewer of all merchants lose money although more of those who trade do
    assert o.loc["share_losing", "all"] < o.loc["share_losing", "assumed"]
    assert o.loc["share_losing_participants", "all"] > o.loc["share_losing_participants", "assumed"]
    changed = check.changed().set_index("conclusion")
    assert "typical_trades" in changed.index and "cv_median" in changed.loc["typical_trades", "scenarios"]
    assert "uplift" not in {c for s in changed["scenarios"] for c in s}


def test_estimate_sentences_and_tables(check) -> None:
    text = inv.estimate_sentence(check)
    assert text.startswith("Estimates from listings: Double 11 demand multiplier 166 (136–203; an upper bound)")
    assert "merchants' own demand uncertainty 1.81 (1.50–2.06; an upper bound)" in text
    assert "the typical merchant stays out" in text
    for verb, a, b in re.findall(r"(rises|falls) from (-?[\d.]+)%? to (-?[\d.]+)", text):
        assert (verb == "rises") == (float(b) > float(a)), (verb, a, b)
    finding = inv.estimate_finding(check)
    assert "merchants' own demand uncertainty at its upper bound (1.81) changes" in finding
    assert "nan" not in (text + finding).lower().split()
    t = inv.estimate_outcome_table(check)
    assert t.shape == (9, 7) and t.columns[0] == ("assumed", "values")
    assert inv.estimate_conclusion_table(check).isin(["yes", "no"]).all().all()
    assert (
        inv.estimate_parameter_table(check).loc["spread of merchant sizes", "estimate (interval)"] == "2.28 (1.90–2.69)"
    )


def test_no_estimates_skips_the_section() -> None:
    c = inv.check_estimates(BASE, RANGES, {}, n_merchants=100, n_draws=100)
    assert c.parameters.empty and list(c.outcomes.columns) == ["assumed"] and c.changed().empty
    assert "skipped" in inv.estimate_sentence(c)
    s = inv.run_study(BASE, n_merchants=100, n_draws=100, war_rounds=2, estimates={})
    assert len(inv.findings(s)) == 5


def test_bad_estimates_are_refused_with_one_message() -> None:
    with pytest.raises(ParameterError, match="no assumption named 'upliftt'"):
        inv.validate_estimates(BASE, {"upliftt": [1, 0, 2]})
    with pytest.raises(ParameterError, match=r"must be \[estimate, low, high\]"):
        inv.validate_estimates(BASE, {"uplift": [166, 136]})
    with pytest.raises(ParameterError, match="need low <= estimate <= high"):
        inv.validate_estimates(BASE, {"uplift": [100, 136, 203]})
    with pytest.raises(ParameterError, match="is not a value the model accepts"):
        inv.validate_estimates(BASE, {"cv_median": [0.5, 0.0, 1.0]})
    with pytest.raises(ParameterError, match="without an estimate: scale_sigma"):
        inv.validate_estimates(BASE, {"uplift": [166, 136, 203]}, ["scale_sigma"])


def test_the_table_records_the_estimates_the_notebook_uses() -> None:
    """data/assumptions/consignment.csv notes each estimate and interval that notebook 03's `estimates` default holds,
    with its source, and each range now includes the estimate."""
    import nbformat

    nb = nbformat.read("notebooks/03_consignment_vs_procurement.ipynb", as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    ns: dict = {}
    exec(cell.source, ns)  # plain assignments only
    table = assumption_table.load_assumptions("data/assumptions/consignment.csv").set_index("name")
    for name, (est, lo, hi) in ns["estimates"].items():
        note = table.loc[name, "note"]
        digits = len(f"{est:g}".split(".")[1]) if "." in f"{est:g}" else 0
        assert f"Estimate: {est:g} (90% CI {lo:.{digits}f}-{hi:.{digits}f}" in note, name
        assert "notebooks/05_listings.ipynb" in note and "data/raw/taobao_cosmetics_2016" in note
        assert table.loc[name, "low"] <= est <= table.loc[name, "high"]
    assert "Not estimable" in table.loc["uplift_cv", "note"]


def test_uncertainty_sweep_reports_participation() -> None:
    t = inv.uncertainty_sweep(BASE, [0.3, 2.1], n_merchants=200, n_draws=200, seed=1)
    assert t["single_trades"].tolist() == [True, False] and np.isnan(t["single_p_loss"].iloc[1])
    assert t["population_share_participating"].iloc[1] < t["population_share_participating"].iloc[0]
    text = inv.uncertainty_sentence(t)
    assert "stops consigning from a CV of 2.10" in text and "but the share who consign falls" in text
