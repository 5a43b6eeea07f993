"""Tests for helpers.policy: the cross-border rule tables, the regime on a date, and order tax.

Worked examples are computed by hand from the rules; the arithmetic is in the comments.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import policy
from helpers.errors import DataError, ParameterError


# ---------------------------------------------------------------------------
# the shipped tables
def test_shipped_tables_load_and_cross_reference():
    params = policy.load_parameters()
    rules = policy.load_rules()
    # every parameter row points at a rule in the rule table
    assert set(params["rule_id"]) <= set(rules["rule_id"])
    # source, note and confidence columns are on every row
    for table in (params, rules):
        assert (table["source"].str.strip() != "").all()
        assert table["confidence"].isin(policy.CONFIDENCE_LEVELS).all()
        assert "source_url" in table.columns and "note" in table.columns
    # the rule changes the issue asks for are all there
    dates = {r.rule_id: str(r.date.date()) for r in rules.itertuples()}
    assert dates["cgs_2016_18"] == "2016-04-08"
    assert dates["cs_2016_103"] == "2016-10-01"
    assert dates["cgs_2018_49"] == "2019-01-01"
    assert "gac_2018_194" in dates and "gac_2010_43" in dates


def test_unverified_rows_say_so():
    params = policy.load_parameters()
    returns_2015 = params[(params.parameter == "returns_into_bonded_zone") & (params.value == 0)]
    assert returns_2015["confidence"].tolist() == ["unverified"]
    assert "seed article" in returns_2015["note"].iloc[0].lower()


# ---------------------------------------------------------------------------
# regime on a date
def test_regime_switches_on_the_reform_day():
    assert policy.regime_on("2016-04-07").system == "postal"
    assert policy.regime_on("2016-04-08").system == "comprehensive"


def test_regime_2015_double_11():
    r = policy.regime_on("2015-11-11", "cosmetics_ordinary")
    assert r.system == "postal"
    assert r.postal_tax_rate == 0.5
    assert r.postal_exemption_yuan == 50
    assert r.per_order_limit_yuan == 1000
    assert r.annual_limit_yuan is None
    assert r.returns_into_bonded_zone is False
    assert r.return_window_days is None
    assert r.comprehensive_rate is None


def test_regime_limits_and_returns_over_time():
    r2017 = policy.regime_on("2017-11-11")
    assert (r2017.per_order_limit_yuan, r2017.annual_limit_yuan) == (2000, 20000)
    assert r2017.returns_into_bonded_zone is False  # only the 30-day tax refund
    assert r2017.return_window_days == 30
    r2019 = policy.regime_on("2019-11-11")
    assert (r2019.per_order_limit_yuan, r2019.annual_limit_yuan) == (5000, 26000)
    assert r2019.returns_into_bonded_zone is True
    assert r2019.return_window_days == 30
    assert policy.parameter_on("return_arrival_window_days", "2019-11-11") == 45


def test_vat_steps():
    assert policy.parameter_on("vat_rate", "2018-04-30") == 0.17
    assert policy.parameter_on("vat_rate", "2018-05-01") == 0.16
    assert policy.parameter_on("vat_rate", "2019-03-31") == 0.16
    assert policy.parameter_on("vat_rate", "2019-04-01") == 0.13


def test_category_fallback():
    # before 2016-10-01 both cosmetics categories take the 'cosmetics' 30% rate
    assert policy.regime_on("2016-09-30", "cosmetics_ordinary").consumption_tax_rate == 0.30
    assert policy.regime_on("2016-09-30", "cosmetics_high_end").consumption_tax_rate == 0.30
    assert policy.regime_on("2016-10-01", "cosmetics_ordinary").consumption_tax_rate == 0.0
    assert policy.regime_on("2016-10-01", "cosmetics_high_end").consumption_tax_rate == 0.15


def test_regime_before_table_and_unknown_category():
    with pytest.raises(ParameterError, match="table starts 2010-09-01"):
        policy.regime_on("2009-11-11")
    with pytest.raises(ParameterError, match="no cross-border tax rule for category 'shoes'"):
        policy.regime_on("2015-11-11", "shoes")
    with pytest.raises(ParameterError, match="date must be a date"):
        policy.regime_on("not a date")


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
    # 23000 already spent: 23000 + 4000 = 27000 > 26000 -> general trade
    with pytest.raises(ParameterError, match="above the annual limit"):
        policy.order_tax(4000, "2019-11-11", year_to_date_yuan=23000)
    o = policy.order_tax(4000, "2019-11-11", year_to_date_yuan=23000, general_trade_tariff=0.0)
    assert o.basis == "general_trade" and o.tax == pytest.approx(4000 * 0.13)


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
    t = policy.tax_timeline(300, ["2015-11-11", "2016-06-18", "2016-11-11"])
    assert list(t.columns[:3]) == ["date", "category", "system"]
    assert len(t) == 6
    high = t[t.category == "cosmetics_high_end"].set_index(t[t.category == "cosmetics_high_end"].date.dt.year)
    assert high["tax_yuan"].round(4).tolist() == [150.0, 141.0, 79.0588]
    assert (t["landed_price_yuan"] + t["net_if_absorbed_yuan"]).eq(600).all()


# ---------------------------------------------------------------------------
# bad data files: error type and message (file, line, column)
HEADER = "parameter,category,value,unit,effective_from,effective_to,rule_id,confidence,source,source_url,note\n"
GOOD = "vat_rate,all,0.17,share,2016-04-08,2018-04-30,r,verified,src,,\n"


def _write(tmp_path, body, name="p.csv"):
    f = tmp_path / name
    f.write_text(HEADER + body, encoding="utf-8")
    return f


def test_bad_value(tmp_path):
    f = _write(tmp_path, GOOD + "vat_rate,all,abc,share,2018-05-01,,r,verified,src,,\n")
    with pytest.raises(DataError) as err:
        policy.load_parameters(f)
    assert str(err.value) == f"{f}, line 3, column 'value': expected a number, got 'abc'"


def test_share_out_of_range(tmp_path):
    f = _write(tmp_path, "vat_rate,all,17,share,2016-04-08,,r,verified,src,,\n")
    with pytest.raises(DataError, match=r"line 2, column 'value': expected a share in \[0, 1\), got '17'"):
        policy.load_parameters(f)


def test_bad_date_and_reversed_interval(tmp_path):
    f = _write(tmp_path, "vat_rate,all,0.17,share,2016/04/08,,r,verified,src,,\n")
    with pytest.raises(DataError, match="line 2, column 'effective_from': expected a date YYYY-MM-DD, got '2016/04/08'"):
        policy.load_parameters(f)
    f = _write(tmp_path, "vat_rate,all,0.17,share,2016-04-08,2016-01-01,r,verified,src,,\n", "q.csv")
    with pytest.raises(DataError, match="line 2, column 'effective_to': effective_to 2016-01-01 is before"):
        policy.load_parameters(f)


def test_overlapping_intervals(tmp_path):
    f = _write(tmp_path, GOOD + "vat_rate,all,0.16,share,2018-04-01,,r,verified,src,,\n")
    with pytest.raises(DataError, match="line 3, column 'effective_from': interval for 'vat_rate' \\(all\\) overlaps the one on line 2"):
        policy.load_parameters(f)


def test_missing_source_confidence_and_column(tmp_path):
    f = _write(tmp_path, "vat_rate,all,0.17,share,2016-04-08,,r,verified,,,\n")
    with pytest.raises(DataError, match="line 2, column 'source': every row needs a source"):
        policy.load_parameters(f)
    f = _write(tmp_path, "vat_rate,all,0.17,share,2016-04-08,,r,sure,src,,\n", "c.csv")
    with pytest.raises(DataError, match="line 2, column 'confidence': expected one of verified"):
        policy.load_parameters(f)
    g = tmp_path / "m.csv"
    g.write_text("parameter,value\nvat_rate,0.17\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 1: missing column\\(s\\) category"):
        policy.load_parameters(g)
    with pytest.raises(DataError, match="file not found"):
        policy.load_parameters(tmp_path / "none.csv")


def test_rules_duplicate_id(tmp_path):
    f = tmp_path / "r.csv"
    f.write_text(
        "date,rule_id,document,rule,rule_zh,confidence,source,source_url,note\n"
        "2016-04-08,a,d,r,z,verified,s,,\n2016-10-01,a,d,r,z,verified,s,,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="line 3, column 'rule_id': rule_id 'a' already used on line 2"):
        policy.load_rules(f)


def test_custom_table_is_used(tmp_path):
    # a table passed in replaces the shipped one
    f = _write(
        tmp_path,
        "comprehensive_tax_share,all,0.5,share,2016-04-08,,r,verified,src,,\n"
        "vat_rate,all,0.2,share,2016-04-08,,r,verified,src,,\n"
        "consumption_tax_rate,all,0.0,share,2016-04-08,,r,verified,src,,\n",
    )
    table = policy.load_parameters(f)
    assert policy.order_tax(100, "2020-01-01", "anything", parameters=table).tax == pytest.approx(10.0)
    assert isinstance(table["effective_from"].iloc[0], pd.Timestamp)
    assert pd.isna(table["effective_to"].iloc[0])  # blank = still in force
