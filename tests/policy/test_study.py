"""Tests for helpers.policy.study and helpers.policy.narrative: notebook 04's analysis and its sentences."""

from __future__ import annotations

import re

import numpy as np
import pytest

from helpers import assumptions
from helpers.errors import ParameterError
from helpers.policy import narrative
from helpers.policy import study as S


@pytest.fixture(scope="module")
def table():
    return assumptions.load_assumptions("data/assumptions/bonded.csv")


@pytest.fixture(scope="module")
def base(table):
    return S.run_study(assumptions.values(table), assumptions.ranges(table))


def test_study_numbers_agree_with_their_parts(base):
    d = base.depth
    assert list(d.index) == list(S.ROLES)
    assert base.gap("after") == pytest.approx(d.loc["bonded_after", "stock"] / d.loc["platform_after", "stock"] - 1)
    for when in ("before", "after"):
        sh = base.shapley[when]
        assert sh.start["stock"] == pytest.approx(d.loc[f"platform_{when}", "stock"])
        assert sh.end["stock"] == pytest.approx(d.loc[f"bonded_{when}", "stock"])
    # the returns table brackets: no returns, rare in practice, accepted
    assert base.returns["regime"].tolist() == ["no returns", "returns rare in practice", "returns accepted"]
    curve = S.returns_curve(base)
    i = int(np.argmin(np.abs(curve["kappa"] - base.kappa_star)))
    assert curve["no_returns"].iloc[i] == pytest.approx(curve["accepted"].iloc[i], rel=0.02)
    summary = base.summary()
    assert summary["stock, units"].dtype.kind == "i" and summary["price, yuan"].round(1).equals(summary["price, yuan"])


def test_sensitivity_is_in_the_units_it_says(base):
    s = base.sensitivity["stock_units_before"]
    assert s["base_outcome"].iloc[0] == pytest.approx(base.gap("before", "stock_units"))
    assert base.sensitivity["consumer_price_after"]["base_outcome"].iloc[0] == pytest.approx(
        base.gap("after", "consumer_price")
    )
    flips = base.flips
    for row in flips[flips["measure"] == "stock_units"].itertuples():
        assert min(row.low, row.high) <= row.flips_at <= max(row.low, row.high)


def test_findings_prose_agrees_with_numbers(base):
    text = " ".join(narrative.findings(base))
    for when in ("before", "after"):
        gap = base.gap(when)
        word = "fewer" if gap < 0 else "more"
        assert f"{abs(100 * gap):.1f}% {word} units" in text
        assert f"the rules of {base.regime(when).date.isoformat()}" in text
    assert f"{100 * base.kappa_star:.1f}%" in text
    assert "knife-edge" in text  # the assumed 10% against a break-even near 10.2%


def test_bad_settings(table):
    v, r = assumptions.values(table), assumptions.ranges(table)
    with pytest.raises(ParameterError, match="regime_before \\(2019-11-11\\) must be earlier than regime_after"):
        S.run_study(v, r, before="2019-11-11", after="2015-11-11", sensitivity=False)
    with pytest.raises(ParameterError, match="tax_category must be one of"):
        S.run_study(v, r, category="cosmetics_ordinary", sensitivity=False)
    with pytest.raises(ParameterError, match="table starts 2010-09-01"):
        S.run_study(v, r, before="2009-11-11", sensitivity=False)


@pytest.mark.parametrize("after", ["2017-11-11", "2030-11-11"])
def test_other_dates_are_named_as_the_table_says(table, after):
    s = S.run_study(assumptions.values(table), assumptions.ranges(table), after=after, sensitivity=False)
    text = " ".join([narrative.scale_sentence(s), narrative.returns_sentence(s), narrative.setup_sentence(s)])
    if after == "2017-11-11":
        assert s.after.returns_regime == "in law, rare in practice"
        assert "'in law, rare in practice'" in text and "2019" not in text
    else:
        assert "those as of 2020-03-28; the table holds no later rules" in text


def test_knife_edge_and_verdict_words(base, table):
    e = narrative.knife_edge(base)
    assert e["inside"] and e["knife_edge"] and e["better"] == "refusing returns"
    moved = S.run_study(
        {**assumptions.values(table), "no_returns_conversion_discount": 0.25},
        assumptions.ranges(table),
        sensitivity=False,
    )
    assert (
        narrative.knife_edge(moved)["better"] == "accepting returns" and not narrative.knife_edge(moved)["knife_edge"]
    )
    assert narrative.verdict(base, "after") == "is not decided by the model"
    assert narrative.verdict(moved, "after") == "is not checked (no sensitivity run)"


def test_display_tables_are_rounded(base):
    for t in (
        narrative.who_pays_table(base),
        narrative.returns_table(base),
        narrative.salvage_table(base),
        narrative.flips_table(base),
        narrative.seller_table(base),
    ):
        for col in t.select_dtypes("float").columns:
            assert (t[col].round(3) == t[col]).all(), col
    assert not re.search(r"\de[+-]\d", narrative.who_pays_table(base).to_string())


def test_optimal_discounts_match_the_study(base, table):
    from helpers.policy import optimal_discounts

    t = optimal_discounts(assumptions.values(table))
    assert set(t.index) == set(S.ROLES)
    for role in S.ROLES:
        assert t.loc[role, "discount"] == pytest.approx(base.depth.loc[role, "discount"], abs=1e-6)
        assert t.loc[role, "stock"] == pytest.approx(base.depth.loc[role, "stock"], rel=1e-6)


def test_assumed_vs_estimated_moves_with_the_estimate(base):
    same = S.assumed_vs_estimated(base, {"demand_cv": base.params["demand_cv"]})
    np.testing.assert_allclose(same["stock_estimated"], same["stock_assumed"], rtol=1e-9)
    c = S.assumed_vs_estimated(base, {"demand_cv": 1.81})
    # more uncertainty: every seller stocks less and none discounts deeper
    assert (c["stock_estimated"] < c["stock_assumed"]).all()
    assert (c["discount_estimated"] <= c["discount_assumed"] + 1e-9).all()
    shown = narrative.estimate_table(base, c)
    assert len(shown) == len(S.ROLES) + 2
    text = narrative.estimate_sentence(base, c, {"demand_cv": 1.81})
    gap = round(c.loc["bonded_after", "stock_estimated"] - c.loc["platform_after", "stock_estimated"])
    assert f"{gap:+,}".replace("-", "-") in text.replace("−", "-")
    with pytest.raises(ParameterError, match="nosuch"):
        S.assumed_vs_estimated(base, {"nosuch": 1.0})
