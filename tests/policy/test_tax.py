"""Tests for helpers.policy.tax: the cross-border tax of an order, general-trade rates, who pays what, the levies.

Worked examples are computed by hand from the rules; the arithmetic is in the comments.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import policy
from helpers.errors import ParameterError


# ---------------------------------------------------------------------------
# worked examples: postal-articles tax (before 2016-04-08)
def test_postal_tax_exemption_boundary():
    # 100 yuan of cosmetics: 50% x 100 = 50.0 yuan <= 50 -> waived (GAC 2010/43 "含50元")
    o = policy.order_tax(100, "2015-11-11")
    assert o.exempt and o.tax == 0.0 and o.basis == "postal"
    # 101 yuan: 50% x 101 = 50.5 > 50 -> charged in full (the exemption is not a deduction)
    o = policy.order_tax(101, "2015-11-11")
    assert not o.exempt and o.tax == pytest.approx(50.5)
    # 300 yuan: 0.5 x 300 = 150
    assert policy.order_tax(300, "2015-11-11").tax == pytest.approx(150.0)


def test_postal_parcel_limit():
    # 1,200 yuan > 1,000-yuan per-parcel limit: a divisible parcel cannot clear as personal articles
    with pytest.raises(ParameterError, match="exceeds the 1,000-yuan per-parcel limit"):
        policy.order_tax(1200, "2015-11-11")
    # a single indivisible item may: 0.5 x 1200 = 600
    assert policy.order_tax(1200, "2015-11-11", indivisible=True).tax == pytest.approx(600.0)


# ---------------------------------------------------------------------------
# worked examples: comprehensive tax (from 2016-04-08)
def test_comprehensive_cosmetics_before_october_2016_is_47_percent():
    # P = 300, t_c = 0.30, t_v = 0.17
    # CT  = 300 x 0.30 / 0.70            = 128.571429
    # VAT = (300 + 128.571429) x 0.17    =  72.857143
    # tax = 0.7 x (128.571429 + 72.857143) = 0.7 x 201.428571 = 141.0  -> 47.0% exactly
    o = policy.order_tax(300, "2016-06-18", "cosmetics_high_end")
    assert o.consumption_tax == pytest.approx(0.7 * 128.571428571)
    assert o.vat == pytest.approx(0.7 * 72.857142857)
    assert o.tax == pytest.approx(141.0)
    assert o.effective_rate == pytest.approx(0.47)


def test_comprehensive_ordinary_cosmetics_from_october_2016_is_11_9_percent():
    # t_c = 0: tax = 0.7 x 300 x 0.17 = 35.7 -> 11.9%
    o = policy.order_tax(300, "2016-11-11", "cosmetics_ordinary")
    assert o.consumption_tax == 0.0
    assert o.tax == pytest.approx(35.7)
    assert o.effective_rate == pytest.approx(0.119)


def test_comprehensive_high_end_cosmetics_is_26_35_not_26_37_percent():
    # P = 300, t_c = 0.15, t_v = 0.17
    # CT  = 300 x 0.15 / 0.85          = 52.941176
    # VAT = (300 + 52.941176) x 0.17   = 60.0
    # tax = 0.7 x 112.941176           = 79.058824 -> 26.353% (the reference rounds to "about 26.4%",
    # a Chinese explainer gives 26.37%; the formula gives 26.35%)
    o = policy.order_tax(300, "2016-11-11", "cosmetics_high_end")
    assert o.tax == pytest.approx(79.0588235, rel=1e-8)
    assert o.effective_rate == pytest.approx(0.2635294, rel=1e-6)
    assert round(o.effective_rate, 4) == 0.2635


def test_comprehensive_after_vat_cuts():
    # 2018-11-11, VAT 16%: ordinary 0.7 x 0.16 = 11.2%; high-end 0.7 x (52.941176 + 352.941176 x 0.16)/300
    #   = 0.7 x (52.941176 + 56.470588) / 300 = 0.7 x 109.411765 / 300 = 25.529%
    assert policy.order_tax(300, "2018-11-11", "cosmetics_ordinary").effective_rate == pytest.approx(0.112)
    assert policy.order_tax(300, "2018-11-11", "cosmetics_high_end").tax == pytest.approx(76.5882353)
    # 2019-11-11, VAT 13%: ordinary 9.1%; high-end 0.7 x (52.941176 + 45.882353) = 69.176471
    assert policy.order_tax(300, "2019-11-11", "cosmetics_ordinary").effective_rate == pytest.approx(0.091)
    assert policy.order_tax(300, "2019-11-11", "cosmetics_high_end").tax == pytest.approx(69.1764706)


@pytest.mark.parametrize("t_v", [0.13, 0.16, 0.17])
@pytest.mark.parametrize("t_c", [0.0, 0.15, 0.30])
def test_closed_form_rate_matches_component_arithmetic(t_v, t_c):
    # independent: consumption tax is t_c of the tax-inclusive base (P + CT), VAT is t_v of (P + CT)
    p = 250.0
    ct = p * t_c / (1 - t_c)
    assert ct == pytest.approx(t_c * (p + ct))
    vat = (p + ct) * t_v
    assert policy.comprehensive_rate(t_v, t_c) * p == pytest.approx(0.7 * (ct + vat))


def test_comprehensive_rate_rejects_bad_rates():
    with pytest.raises(ParameterError, match="consumption_tax_rate must be a share in \\[0, 1\\)"):
        policy.comprehensive_rate(0.17, 1.0)


# ---------------------------------------------------------------------------
# limits
def test_above_per_order_limit_needs_a_tariff_then_pays_full_general_trade_tax():
    with pytest.raises(ParameterError, match="above the per-order limit on 2016-11-11"):
        policy.order_tax(2500, "2016-11-11", "cosmetics_ordinary")
    # hypothetical 5% tariff for the test: tariff 125; CT 0; VAT (2500 + 125) x 0.17 = 446.25; total 571.25
    o = policy.order_tax(2500, "2016-11-11", "cosmetics_ordinary", general_trade_tariff=0.05)
    assert o.basis == "general_trade"
    assert (o.tariff, o.consumption_tax) == (pytest.approx(125.0), 0.0)
    assert o.tax == pytest.approx(571.25)


def test_general_trade_with_consumption_tax():
    # 2019-11-11 high-end, 6000 yuan, hypothetical tariff 5%:
    # tariff 300; CT = 6300 x 0.15/0.85 = 1111.764706; VAT = (6300 + 1111.764706) x 0.13 = 963.529412
    o = policy.order_tax(6000, "2019-11-11", "cosmetics_high_end", general_trade_tariff=0.05)
    assert o.tax == pytest.approx(300 + 1111.7647059 + 963.5294118)


def test_annual_limit():
    # 4000 within the 5000 per-order limit and 26000 annual limit: 0.7 x 13% = 9.1% -> 364
    assert policy.order_tax(4000, "2019-11-11").tax == pytest.approx(364.0)
    # 23000 already spent: 23000 + 4000 = 27000 > 26000 -> general trade; a legacy category has no tariff row
    with pytest.raises(ParameterError, match="above the annual limit"):
        policy.order_tax(4000, "2019-11-11", "cosmetics_ordinary", year_to_date_yuan=23000)
    o = policy.order_tax(4000, "2019-11-11", year_to_date_yuan=23000, general_trade_tariff=0.0)
    assert o.basis == "general_trade" and o.tax == pytest.approx(4000 * 0.13)
    # skincare: the table's general-trade tariff (1% from 2018-07-01): 40 + (4000 + 40) x 0.13 = 565.2
    o = policy.order_tax(4000, "2019-11-11", year_to_date_yuan=23000)
    assert o.tariff == pytest.approx(40.0) and o.tax == pytest.approx(565.2)


def test_bad_order_arguments():
    with pytest.raises(ParameterError, match="price_yuan must be a positive number of yuan, got -5"):
        policy.order_tax(-5, "2019-11-11")
    with pytest.raises(ParameterError, match="year_to_date_yuan must be >= 0"):
        policy.order_tax(5, "2019-11-11", year_to_date_yuan=-1)


# ---------------------------------------------------------------------------
# high-end threshold and timeline table
def test_cosmetics_category_threshold():
    assert policy.cosmetics_category(300, "2016-11-11", volume_ml=30) == "cosmetics_high_end"  # 10.0/ml
    assert policy.cosmetics_category(299, "2016-11-11", volume_ml=30) == "cosmetics_ordinary"  # 9.97/ml
    assert policy.cosmetics_category(15, "2016-11-11", pieces=1) == "cosmetics_high_end"
    assert policy.cosmetics_category(14.9, "2016-11-11", pieces=1) == "cosmetics_ordinary"
    assert policy.cosmetics_category(300, "2016-09-30", volume_ml=30) == "cosmetics"
    with pytest.raises(ParameterError, match="exactly one of volume_ml or pieces"):
        policy.cosmetics_category(300, "2016-11-11")


def test_tax_timeline_table():
    t = policy.tax_timeline(
        300, ["2015-11-11", "2016-06-18", "2016-11-11"], ("cosmetics_ordinary", "cosmetics_high_end")
    )
    assert list(t.columns[:3]) == ["date", "category", "system"]
    assert len(t) == 6
    high = t[t.category == "cosmetics_high_end"].set_index(t[t.category == "cosmetics_high_end"].date.dt.year)
    assert high["tax_yuan"].round(4).tolist() == [150.0, 141.0, 79.0588]
    assert (t["landed_price_yuan"] + t["net_if_absorbed_yuan"]).eq(600).all()


# ---------------------------------------------------------------------------
# general trade, who pays what, the levies
def test_general_trade_rates_by_date_and_category():
    assert policy.general_trade_rates("2015-05-31", "cosmetics_skincare_ordinary") == (0.05, 0.0, 0.17)
    assert policy.general_trade_rates("2015-06-01", "cosmetics_skincare_ordinary") == (0.02, 0.0, 0.17)
    assert policy.general_trade_rates("2018-07-01", "cosmetics_skincare_high_end") == (0.01, 0.15, 0.16)
    assert policy.general_trade_rates("2015-11-11", "cosmetics_makeup_ordinary") == (0.10, 0.30, 0.17)
    assert policy.general_trade_rates("2017-12-01", "cosmetics_makeup_high_end") == (0.05, 0.15, 0.17)
    with pytest.raises(ParameterError, match="no general-trade tariff for category 'cosmetics_ordinary'"):
        policy.general_trade_rates("2019-11-11", "cosmetics_ordinary")


def test_general_trade_landed_cost_and_import_taxes():
    # make-up 2015: V = 150, tariff 10% -> 15; CT = 165 x 0.3 / 0.7 = 70.714; VAT = (165 + 70.714) x 0.17 = 40.071
    rates = policy.general_trade_rates("2015-11-11", "cosmetics_makeup_ordinary")
    tariff, ct, vat = rates.import_taxes(150)
    assert (tariff, ct, vat) == (pytest.approx(15.0), pytest.approx(70.7142857), pytest.approx(40.0714286))
    assert rates.landed_cost(150) == pytest.approx(150 + tariff + ct)


def test_who_pays_symmetric_taxes():
    # every buyer pays 300. 2019 skincare: general trade tariff 1.5 on V = 150, VAT in the price 300 x 13/113 = 34.51;
    # cross-border: price 300 / 1.091 = 274.98, tax 0.091 x 274.98 = 25.02
    t = policy.who_pays(300, 150, "2019-11-11", "cosmetics_skincare_ordinary")
    dom, cb, conv = t.iloc[0], t.iloc[1], t.iloc[2]
    assert (dom["tariff_yuan"], dom["vat_yuan"], dom["tax_yuan"], dom["buyer_pays_yuan"]) == (1.5, 34.5, 36.0, 300.0)
    assert (cb["tax_yuan"], cb["buyer_pays_yuan"], cb["seller_gets_yuan"]) == (25.0, 300.0, 275.0)
    assert bool(conv["available"]) is True
    # 2015 postal tax 50%: price 200, tax 100 (the buyer pays 300 in both channels)
    t15 = policy.who_pays(300, 150, "2015-11-11", "cosmetics_skincare_ordinary")
    assert t15["tax_yuan"].iloc[1] == 100.0 and "postal" in t15["channel"].iloc[1]
    assert bool(t15["available"].iloc[2]) is False  # no conversion of bonded stock before 2019


@pytest.mark.parametrize(
    ("date", "category"),
    [
        ("2015-11-11", "cosmetics_skincare_ordinary"),
        ("2016-06-18", "cosmetics_makeup_ordinary"),
        ("2016-06-18", "cosmetics_skincare_high_end"),
        ("2016-11-11", "cosmetics_makeup_high_end"),
        ("2017-11-11", "cosmetics_skincare_ordinary"),
        ("2019-11-11", "cosmetics_skincare_high_end"),
    ],
)
def test_cross_border_levy_matches_order_tax(date, category):
    # includes the 2015 postal exemption edge: 50% of 100 yuan = 50 yuan, waived; 100.01 pays
    prices = np.array([20.0, 99.99, 100.0, 100.01, 150.0, 271.25, 600.0])
    levy = policy.CrossBorderLevy(policy.regime_on(date, category))
    expected = [policy.order_tax(p, date, category).tax for p in prices]
    np.testing.assert_allclose(levy.tax(prices), expected, rtol=1e-15, atol=0)
    np.testing.assert_allclose(policy.tax_by_price(prices, date, category), expected, rtol=1e-15, atol=0)


def test_cross_border_levy_refuses_a_price_above_the_limit():
    levy = policy.CrossBorderLevy(policy.regime_on("2015-11-11"))
    assert levy.max_price == 1000
    with pytest.raises(ParameterError, match="above the 1,000-yuan per-parcel limit"):
        levy.tax(np.array([500.0, 1200.0]))
    assert np.isnan(policy.tax_by_price([1200.0], "2015-11-11", "cosmetics_skincare_ordinary")[0])


def test_vat_in_price():
    assert float(policy.VATInPrice(0.17).tax(np.array([117.0]))[0]) == pytest.approx(17.0)
    with pytest.raises(ParameterError, match="VAT rate must be < 1"):
        policy.VATInPrice(1.0)


def test_cosmetics_category_explicit_kinds():
    assert policy.cosmetics_category(300, "2016-11-11", volume_ml=30, kind="skincare") == "cosmetics_skincare_high_end"
    assert policy.cosmetics_category(300, "2016-11-11", volume_ml=100, kind="makeup") == "cosmetics_makeup_ordinary"
    # no threshold before 2016-10-01: the explicit name is the ordinary one (no high-end category existed)
    assert policy.cosmetics_category(300, "2016-09-30", volume_ml=10, kind="skincare") == "cosmetics_skincare_ordinary"
    with pytest.raises(ParameterError, match="kind must be 'skincare' or 'makeup'"):
        policy.cosmetics_category(300, "2016-11-11", volume_ml=30, kind="perfume")


def test_tax_path_is_the_step_function_of_the_timeline():
    path = policy.tax_path(300, "2015-01-01", "2020-12-31", ("cosmetics_makeup_ordinary",))
    days = pd.date_range("2015-01-01", "2020-12-31", freq="7D")
    full = policy.tax_timeline(300, list(days), ("cosmetics_makeup_ordinary",))
    # every daily value equals the value of the last change on or before that day
    steps = path.set_index("date")["tax_yuan"]
    for day, tax in zip(full["date"], full["tax_yuan"]):
        assert steps[steps.index <= day].iloc[-1] == pytest.approx(tax)
    assert policy.change_dates("2016-01-01", "2016-12-31")[1:3] == [
        pd.Timestamp("2016-04-08"),
        pd.Timestamp("2016-10-01"),
    ]
