"""Tests for helpers.policy.tables and helpers.policy.regimes: the rule tables and the regime on a date.

Worked examples are computed by hand from the rules; the arithmetic is in the comments.
"""

from __future__ import annotations

import numpy as np
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
    no_returns = params[(params.parameter == "returns_into_bonded_zone") & (params.value == 0)]
    # 2010-2016 rests on the seed article only; 2016-2018 is its own regime: allowed in law, rare in practice
    assert no_returns["confidence"].tolist() == ["unverified", "unverified"]
    assert "seed article" in no_returns["note"].iloc[0].lower()
    assert "allowed in law" in no_returns["note"].iloc[1].lower()
    assert str(no_returns["effective_from"].iloc[1].date()) == "2016-04-08"
    # every conflicting row says which reading it ships
    conflicting = params[params.confidence == "conflicting"]
    assert len(conflicting) >= 1 and conflicting["note"].str.contains("Shipped").all()


def test_returns_2016_2018_allowed_in_law_rare_in_practice():
    assert policy.parameter_on("returns_allowed_in_law", "2015-11-11") is None
    assert policy.parameter_on("returns_allowed_in_law", "2017-11-11") == 1
    assert policy.parameter_on("returns_into_bonded_zone", "2017-11-11") == 0
    assert policy.parameter_on("returns_into_bonded_zone", "2019-01-01") == 1


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
    # GAC 2018/194: goods back within 30 days; GAC 2020/45 (2020-03-28): apply within 30, arrive within 45
    assert policy.parameter_on("return_arrival_window_days", "2019-11-11") == 30
    assert policy.parameter_on("return_application_window_days", "2019-11-11") is None
    assert policy.parameter_on("return_arrival_window_days", "2020-03-27") == 30
    assert policy.parameter_on("return_arrival_window_days", "2020-03-28") == 45
    assert policy.parameter_on("return_application_window_days", "2020-11-11") == 30
    assert policy.regime_on("2020-11-11").return_window_days == 30


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


def test_make_up_and_skincare_before_and_after_october_2016():
    # before 2016-10-01: all make-up and sets 30% (47% comprehensive), skincare untaxed in practice (11.9%)
    for cat in ("cosmetics_makeup_ordinary", "cosmetics_makeup_high_end"):
        assert policy.regime_on("2016-06-18", cat).comprehensive_rate == pytest.approx(0.47)
    for cat in ("cosmetics_skincare_ordinary", "cosmetics_skincare_high_end"):
        assert policy.regime_on("2016-06-18", cat).comprehensive_rate == pytest.approx(0.119)
    # from 2016-10-01 (Cai Shui [2016] No. 103): ordinary untaxed, high-end make-up and skincare 15%
    for kind in ("makeup", "skincare"):
        assert policy.regime_on("2016-11-11", f"cosmetics_{kind}_ordinary").consumption_tax_rate == 0.0
        assert policy.regime_on("2016-11-11", f"cosmetics_{kind}_high_end").consumption_tax_rate == 0.15
    # a 300-yuan high-end skincare item: 0.119 x 300 = 35.7 before, 79.06 after (a rise)
    assert policy.order_tax(300, "2016-06-18", "cosmetics_skincare_high_end").tax == pytest.approx(35.7)
    assert policy.order_tax(300, "2016-11-11", "cosmetics_skincare_high_end").tax == pytest.approx(79.0588235)
    # the postal regime before 2016-04-08 taxes make-up and skincare alike (cosmetics tier, 50%)
    assert policy.regime_on("2015-11-11", "cosmetics_skincare_ordinary").postal_tax_rate == 0.5


def test_postal_tiers_close_when_they_change():
    rate = lambda tier, day: policy.parameter_on("postal_tax_tier_rate", day, tier)  # noqa: E731
    assert (rate("tier_1", "2018-10-31"), rate("tier_2", "2018-10-31"), rate("tier_3", "2018-10-31")) == (
        0.15,
        0.30,
        0.60,
    )
    assert (rate("tier_1", "2018-11-01"), rate("tier_2", "2018-11-01"), rate("tier_3", "2018-11-01")) == (
        0.15,
        0.25,
        0.50,
    )
    assert (rate("tier_1", "2019-04-08"), rate("tier_2", "2019-04-08")) == (0.15, 0.25)
    assert (rate("tier_1", "2019-04-09"), rate("tier_2", "2019-04-09"), rate("tier_3", "2019-04-09")) == (
        0.13,
        0.20,
        0.50,
    )
    assert rate("tier_4", "2016-04-08") is None  # four tiers before the 2016 reform, three after


def test_regime_before_table_and_unknown_category():
    with pytest.raises(ParameterError, match="table starts 2010-09-01"):
        policy.regime_on("2009-11-11")
    with pytest.raises(ParameterError, match="no cross-border tax rule for category 'shoes'"):
        policy.regime_on("2015-11-11", "shoes")
    with pytest.raises(ParameterError, match="date must be a date"):
        policy.regime_on("not a date")


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
    with pytest.raises(
        DataError, match="line 2, column 'effective_from': expected a date YYYY-MM-DD, got '2016/04/08'"
    ):
        policy.load_parameters(f)
    f = _write(tmp_path, "vat_rate,all,0.17,share,2016-04-08,2016-01-01,r,verified,src,,\n", "q.csv")
    with pytest.raises(DataError, match="line 2, column 'effective_to': effective_to 2016-01-01 is before"):
        policy.load_parameters(f)


def test_overlapping_intervals(tmp_path):
    f = _write(tmp_path, GOOD + "vat_rate,all,0.16,share,2018-04-01,,r,verified,src,,\n")
    with pytest.raises(
        DataError, match="line 3, column 'effective_from': interval for 'vat_rate' \\(all\\) overlaps the one on line 2"
    ):
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
    with pytest.raises(DataError, match="line 1, column 'category': missing column\\(s\\) category"):
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


# ---------------------------------------------------------------------------
# the corrected rules: categories, returns regimes, windows, conversion, labels
def test_worked_skincare_is_11_9_percent_before_october_2016_not_47():
    # Cai Shui [2006] No. 33 / ChemLinked: skincare paid no consumption tax in practice before 2016-10-01
    for cat in ("cosmetics_skincare_ordinary", "cosmetics_skincare_high_end"):
        assert policy.regime_on("2016-06-18", cat).comprehensive_rate == pytest.approx(0.119)
    # the 30% on paper for high-end skincare is a conflicting row, and the table says which reading it ships
    rows = policy.parameters_in_force("2016-06-18", "cosmetics_skincare_high_end").set_index("parameter")
    assert rows.loc["consumption_tax_rate", "confidence"] == "conflicting"
    # Cai Shui [2016] No. 103: high-end skincare rose to 26.35%, ordinary make-up fell from 47% to 11.9%
    assert policy.regime_on("2016-11-11", "cosmetics_skincare_high_end").comprehensive_rate == pytest.approx(
        0.2635294, rel=1e-6
    )
    assert policy.regime_on("2016-11-11", "cosmetics_makeup_ordinary").comprehensive_rate == pytest.approx(0.119)


@pytest.mark.parametrize(
    ("date", "regime", "window"),
    [
        ("2015-11-11", "none", None),
        ("2016-04-08", "in law, rare in practice", 30),
        ("2017-11-11", "in law, rare in practice", 30),
        ("2018-12-31", "in law, rare in practice", 30),
        ("2019-01-01", "into the bonded zone", 30),
        ("2020-03-28", "into the bonded zone", 30),
    ],
)
def test_three_returns_regimes(date, regime, window):
    r = policy.regime_on(date)
    assert r.returns_regime == regime
    assert r.return_window_days == window
    assert r.returns_allowed_in_law == (regime != "none")


def test_gac_2018_194_versus_2020_45_windows():
    # GAC 2018/194 (from 2019): goods back within 30 days; GAC 2020/45 (2020-03-28): apply 30, arrive 45
    assert policy.parameter_on("return_arrival_window_days", "2020-03-27") == 30
    assert policy.parameter_on("return_application_window_days", "2020-03-27") is None
    assert (
        policy.parameter_on("return_application_window_days", "2020-03-28"),
        policy.parameter_on("return_arrival_window_days", "2020-03-28"),
    ) == (30, 45)
    assert "gac_2020_45" in policy.regime_on("2020-11-11").rule_ids
    assert "gac_2020_45" not in policy.regime_on("2019-11-11").rule_ids


def test_bonded_stock_may_be_imported_as_general_trade_only_from_2019():
    assert not policy.regime_on("2015-11-11").general_trade_import
    assert not policy.regime_on("2018-12-31").general_trade_import
    assert policy.regime_on("2019-01-01").general_trade_import


def test_regime_after_the_last_change_is_labelled_as_an_assumption():
    last = policy.last_change()
    r = policy.regime_on("2030-11-11")
    assert r.after_table and r.as_of == last
    assert not policy.regime_on("2019-11-11").after_table
    label = policy.regime_label(r)
    assert f"rules as of {last}" in label and "the table holds no later rules" in label and "assumption" in label
    # everything but the date equals the last regime the table records
    same = policy.regime_on(last)
    assert (r.vat_rate, r.comprehensive_rate, r.returns_regime) == (
        same.vat_rate,
        same.comprehensive_rate,
        same.returns_regime,
    )


def test_regime_labels_name_the_regime_in_force():
    rules = policy.load_rules()
    assert "returns allowed in law, rare in practice" in policy.regime_label(policy.regime_on("2017-11-11"), rules)
    assert "Cai Guan Shui [2016] No. 18" in policy.regime_label(policy.regime_on("2017-11-11"), rules)
    assert "GAC Announcement 2018 No. 194" not in policy.regime_label(policy.regime_on("2017-11-11"), rules)
    assert "postal-articles tax of 50%" in policy.regime_label(policy.regime_on("2015-11-11"), rules)
    assert "accepted back into the bonded zone" in policy.regime_label(policy.regime_on("2019-11-11"), rules)
    # a rule dated later than the regime is not listed as in force, even if its id marks an older row
    assert list(policy.rules_in_force(policy.regime_on("2015-11-11"), rules)["rule_id"]) == [
        "gac_2010_43",
        "postal_tiers_pre2016",
    ]


def test_postal_tiers_2018_and_2019():
    rate = lambda tier, day: policy.parameter_on("postal_tax_tier_rate", day, tier)  # noqa: E731
    assert (rate("tier_2", "2018-10-31"), rate("tier_2", "2018-11-01"), rate("tier_2", "2019-04-09")) == (
        0.30,
        0.25,
        0.20,
    )
    assert (rate("tier_3", "2018-10-31"), rate("tier_3", "2018-11-01")) == (0.60, 0.50)
    assert (rate("tier_1", "2019-04-08"), rate("tier_1", "2019-04-09")) == (0.15, 0.13)


def test_regime_on_is_cached_and_a_frame_is_not_confused_with_another():
    a = policy.regime_on("2019-11-11")
    assert policy.regime_on("2019-11-11") is a
    t1 = policy.load_parameters()
    t2 = t1.assign(value=np.where(t1["parameter"] == "vat_rate", 0.2, t1["value"]))
    assert policy.regime_on("2019-11-11", parameters=t1).vat_rate == 0.13
    assert policy.regime_on("2019-11-11", parameters=t2).vat_rate == 0.2


def test_every_parameter_row_rule_exists_and_dates_are_coherent():
    params, rules = policy.load_parameters(), policy.load_rules()
    dates = dict(zip(rules["rule_id"], rules["date"]))
    assert set(params["rule_id"]) <= set(dates)
    # a row that starts a rule's value does not start before the rule (the 'no returns' rows before a
    # rule are the documented exception: their rule_id names the change that ended them)
    starts = params[params["effective_from"] >= params["rule_id"].map(dates)]
    assert len(starts) >= 0.8 * len(params)
