"""Tests for helpers.claims: the article's quantitative claims and the GMV cross-check."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers import claims
from helpers.articles import load_article
from helpers.errors import DataError, ParameterError

SEED = "data/articles/2015-11-14_tencent_jumei_cross_border.txt"


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return claims.claims_table(load_article(SEED).text)


# topic, span, value, low, high, qualifier (the list of the article's claims)
EXPECTED = [
    ("gmv", "912亿", 9.12e10, 9.12e10, 9.12e10, "exact"),
    ("sales_growth", "百分之百以上", 1.0, 1.0, math.inf, "at_least"),
    ("sku_kept", "超过1万个", 1e4, 1e4, math.inf, "at_least"),
    ("sku_cut", "超过10万个", 1e5, 1e5, math.inf, "at_least"),
    ("unwanted_share", "七八成", 0.75, 0.7, 0.8, "range"),
    ("embassies", "39个", 39.0, 39.0, 39.0, "exact"),
    ("negotiation_trips", "近10次", 10.0, -math.inf, 10.0, "at_most"),
    ("negotiation_emails", "近万封", 1e4, -math.inf, 1e4, "at_most"),
    ("negotiation_calls", "上百次", 100.0, 100.0, math.inf, "at_least"),
]


@pytest.mark.parametrize(("topic", "span", "value", "low", "high", "qualifier"), EXPECTED)
def test_article_claims(table, topic, span, value, low, high, qualifier):
    row = table[table["topic"] == topic]
    assert len(row) == 1
    row = row.iloc[0]
    assert (row["span"], row["qualifier"]) == (span, qualifier)
    assert (row["value"], row["low"], row["high"]) == (value, low, high)
    assert span in row["clause"] and row["clause"] in row["sentence"]


def test_claims_leave_out_enumerations_labels_and_dates(table):
    spans = set(table["span"])
    assert not spans & {"两个", "两种", "一个", "一款", "三四线", "11月14日", "第一个", "一年"}
    assert table["claim"].tolist() == list(range(1, len(table) + 1))
    assert table["start"].is_monotonic_increasing
    assert list(table.columns) == list(claims.CLAIM_COLUMNS)
    # lowering the threshold brings enumerations back
    more = claims.claims_table(load_article(SEED).text, min_exact=2)
    assert {"两个", "两种"} <= set(more["span"])


def test_unmatched_clause_gets_topic_other():
    c = claims.claims_table("今天来了35位客人。")
    assert c[["topic", "span"]].values.tolist() == [["other", "35位"]]


def test_topic_list_errors(tmp_path):
    bad = tmp_path / "topics.csv"
    bad.write_text("topic,keyword,description,source\ngmv,,sales,x\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        claims.load_claim_topics(bad)
    assert str(err.value) == f"{bad}, line 2, column 'keyword': expected a non-empty value"
    bad.write_text("topic,keyword,source\ngmv,x,y\n", encoding="utf-8")
    with pytest.raises(DataError, match="column 'description': missing column"):
        claims.load_claim_topics(bad)


def gmv_frame(**values: float) -> pd.DataFrame:
    years = [int(y[1:]) for y in values]
    return pd.DataFrame(
        {
            "platform": ["alibaba"] * len(years),
            "year": years,
            "value_yuan": list(values.values()),
            "source": ["test"] * len(years),
        }
    )


def test_cross_check_consistent(table):
    out = claims.cross_check_gmv(table, gmv_frame(y2014=571.12e8, y2015=912.17e8), 2015)
    assert len(out) == 1
    row = out.iloc[0]
    assert bool(row["consistent"]) is True
    assert row["difference_yuan"] == pytest.approx(0.17e8)
    assert row["relative_difference"] == pytest.approx(0.17 / 912)
    assert row["tolerance_yuan"] == 0.5e8
    assert row["dataset_source"] == "test"
    assert row["verdict"].startswith("consistent")


def test_cross_check_inconsistent_and_missing(table):
    out = claims.cross_check_gmv(table, gmv_frame(y2015=900e8), 2015)
    assert not bool(out["consistent"].iloc[0])
    assert out["verdict"].iloc[0] == "differs: the dataset has 900.00亿, -12.00亿 from the article's 912亿"
    out = claims.cross_check_gmv(table, gmv_frame(y2014=571e8), 2015)
    assert out["verdict"].iloc[0] == "the dataset has no alibaba figure for 2015"
    out = claims.cross_check_gmv(table, gmv_frame(y2015=float("nan")), 2015)  # a year without an official figure
    assert out["verdict"].iloc[0] == "the dataset has no alibaba figure for 2015"
    assert pd.isna(out["consistent"].iloc[0])


def test_cross_check_foreign_currency_is_not_compared():
    c = claims.claims_table("双十一的销售额为143亿美元。")
    out = claims.cross_check_gmv(c, gmv_frame(y2015=912.17e8), 2015)
    assert out["verdict"].item() == "not in yuan (unit '美元'): not compared"


def test_cross_check_bad_frames(table):
    with pytest.raises(ParameterError, match="the GMV table needs a column 'value_yuan'"):
        claims.cross_check_gmv(table, pd.DataFrame({"platform": [], "year": []}), 2015)
    with pytest.raises(ParameterError, match="the claims table needs a column 'precision'"):
        claims.cross_check_gmv(table.drop(columns="precision"), gmv_frame(y2015=1.0), 2015)
