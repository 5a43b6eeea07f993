"""Tests for helpers.text.claims: the article's claims, the GMV cross-check, claim-to-notebook coverage."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.errors import DataError, ParameterError
from helpers.text import claims, load_article

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
    ("unwanted_share", "七八成甚至更多", 0.7, 0.7, 1.0, "at_least"),  # "70-80% or even more": up to 100%
    ("embassies", "39个", 39.0, 39.0, 39.0, "exact"),
    ("negotiation_trips", "近10次", 10.0, 9.0, 10.0, "nearly"),
    ("negotiation_emails", "近万封", 1e4, 9e3, 1e4, "nearly"),
    ("negotiation_length", "1年多", 1.5, 1.0, 2.0, "at_least"),
    ("negotiation_calls", "上百次", 100.0, 100.0, math.inf, "at_least"),
]


@pytest.mark.parametrize(("topic", "span", "value", "low", "high", "qualifier"), EXPECTED)
def test_article_claims(table, topic, span, value, low, high, qualifier):
    row = table[table["topic"] == topic]
    assert len(row) == 1
    row = row.iloc[0]
    assert (row["span"], row["qualifier"]) == (span, qualifier)
    assert [row["value"], row["low"], row["high"]] == pytest.approx([value, low, high], rel=1e-12)
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
    assert list(out.columns) == list(claims.CHECK_COLUMNS)
    assert len(out) == 1
    row = out.iloc[0]
    assert row["status"] == "agrees" and bool(row["consistent"]) is True
    assert row["difference_yuan"] == pytest.approx(0.17e8)
    assert row["relative_difference"] == pytest.approx(0.17 / 912)
    assert row["tolerance_yuan"] == pytest.approx(0.5e8)
    assert row["dataset_source"] == "test"
    assert (
        row["verdict"]
        == "agrees: the data's 912.17亿 for Alibaba (Tmall + Taobao) in 2015 rounds to the article's 912亿"
    )


def test_cross_check_differs_just_beyond_the_rounding(table):
    out = claims.cross_check_gmv(table, gmv_frame(y2015=912.6e8), 2015)
    assert out["status"].item() == "differs" and not bool(out["consistent"].item())
    out = claims.cross_check_gmv(table, gmv_frame(y2015=900e8), 2015)
    assert out["verdict"].item() == (
        "differs: the data have 900.00亿 for Alibaba (Tmall + Taobao) in 2015, -12.00亿 from the article's 912亿"
    )


@pytest.mark.parametrize(
    ("gmv", "why"),
    [
        (gmv_frame(y2014=571e8), "no data for Alibaba (Tmall + Taobao) in 2015"),  # the year is missing
        (
            gmv_frame(y2015=float("nan")),
            "no data for Alibaba (Tmall + Taobao) in 2015",
        ),  # a year without an official figure
        (
            gmv_frame(y2015=912.17e8).assign(platform="jd"),
            "no data for Alibaba (Tmall + Taobao) in 2015",
        ),  # no Alibaba row at all
    ],
)
def test_missing_data_is_not_checked_never_a_disagreement(table, gmv, why):
    """Issue 13: a GMV file without the platform's row must not make the claim 'disagree'."""
    out = claims.cross_check_gmv(table, gmv, 2015)
    assert out["status"].item() == "not checked"
    assert out["consistent"].item() is None
    assert out["verdict"].item() == f"not checked: {why}"
    assert "differ" not in out["verdict"].item() and "agree" not in out["verdict"].item()


def test_cross_check_names_the_platform_not_its_code(table):
    out = claims.cross_check_gmv(table, gmv_frame(y2015=1.0).assign(platform="jd"), 2015, platform="jd")
    assert "JD.com" in out["verdict"].item() and " jd " not in out["verdict"].item()
    assert claims.platform_name("mystery") == "platform 'mystery'"


def test_cross_check_foreign_currency_is_not_compared():
    c = claims.claims_table("双十一的销售额为143亿美元。")
    out = claims.cross_check_gmv(c, gmv_frame(y2015=912.17e8), 2015)
    assert out["status"].item() == "not checked"
    assert out["verdict"].item() == "not checked: the figure is not in yuan (unit '美元')"


def test_cross_check_bad_frames(table):
    with pytest.raises(ParameterError, match="the GMV table needs a column 'value_yuan'"):
        claims.cross_check_gmv(table, pd.DataFrame({"platform": [], "year": []}), 2015)
    with pytest.raises(ParameterError, match="the claims table needs a column 'precision'"):
        claims.cross_check_gmv(table.drop(columns="precision"), gmv_frame(y2015=1.0), 2015)


def test_cross_check_with_the_shipped_sales_data(table):
    from helpers.sales import load_gmv

    out = claims.cross_check_gmv(table, load_gmv(), 2015)
    assert out["status"].item() == "agrees"
    assert out["dataset_yuan"].item() == pytest.approx(912.17e8, rel=1e-9)


def test_readings_say_what_each_claim_allows(table):
    got = dict(zip(table["span"], table["reading"], strict=True))
    assert got["百分之百以上"] == "at least 100%"  # issue 12: not "1.0 %"
    assert got["912亿"] == "91.2 billion"  # not 9.120000e+10
    assert got["近万封"] == "nearly 10,000 (9,000–10,000)"
    assert got["1年多"] == "more than 1, less than 2 years"
    assert got["七八成甚至更多"] == "at least 70% (a share: at most 100%)"


def test_near_low_moves_only_the_nearly_claims(table):
    wide = claims.claims_table(load_article(SEED).text, near_low=0.5)
    changed = wide["low"].to_numpy() != table["low"].to_numpy()
    assert set(wide.loc[changed, "span"]) == {"近万封", "近10次"}
    assert wide.set_index("span").loc["近万封", "low"] == pytest.approx(5e3)
    with pytest.raises(ParameterError, match="near_low must be <= 1"):
        claims.claims_table("近万封", near_low=1.5)


def test_claim_links_and_coverage(tmp_path, table):
    links = claims.load_claim_links()
    assert {"02_gmv_growth", "03_consignment_vs_procurement", "04_bonded_zone", "05_listings", "06_sku_funnel"} <= set(
        links["notebook"]
    )
    sents = __import__("helpers.text", fromlist=["sentences"]).sentences(load_article(SEED).text)
    (tmp_path / "02_gmv_growth.ipynb").write_text("{}", encoding="utf-8")
    cov = claims.claim_coverage(links, table, sents, notebooks_dir=tmp_path)
    assert list(cov.columns) == list(claims.COVERAGE_COLUMNS)
    status = dict(zip(cov["notebook"], cov["status"], strict=False))
    assert status["02_gmv_growth"] == "modelled"
    assert status["06_sku_funnel"] == "planned"  # named, but not in tmp_path
    sku = cov[cov["notebook"] == "06_sku_funnel"].iloc[0]
    assert sku["claims"] == "超过1万个, 超过10万个, 七八成甚至更多"
    assert (cov.loc[cov["notebook"] == "", "status"] == "not modelled").all()
    assert (cov["sentences"] >= 1).all()  # every argument's term occurs in the article


def test_claim_links_errors(tmp_path):
    from helpers.errors import DataError

    bad = tmp_path / "links.csv"
    bad.write_text("argument,term,topics,notebook,source\nGMV,,gmv,02_gmv_growth,x\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"links.csv, line 2, column 'term': expected a non-empty value"):
        claims.load_claim_links(bad)


# ------------------------------------------------------------------ names and plain sales files
def test_platform_names_come_from_the_platform_table():
    from helpers import sales

    assert claims.platform_name("jd") == sales.platform_name("jd")
    assert claims.platform_name("alibaba") == sales.load_platforms().loc["alibaba", "name_en"]
    assert not hasattr(claims, "PLATFORM_NAMES")


def test_plain_sales_file_checks_the_amount_and_says_what_was_filled_in(tmp_path, table):
    f = tmp_path / "mine.csv"
    f.write_text("year,value\n2014,571\n2015,912.17\n", encoding="utf-8")
    gmv, note = claims.load_sales_table(f, "alibaba", unit="亿元")
    assert (
        note.startswith("The sales file is a plain year,value table")
        and "values in 亿元 (from parameter gmv_unit)" in note
    )
    out = claims.cross_check_gmv(table, gmv, 2015)
    assert out["status"].item() == "agrees" and out["dataset_confidence"].item() == "unverified"
    shown = claims.check_table(out)
    assert shown.iloc[0][["claim (亿元)", "data (亿元)", "data − claim (亿元)", "confidence"]].tolist() == [
        "912.00",
        "912.17",
        "+0.17",
        "unverified",
    ]
    with pytest.raises(DataError, match="needs its unit"):
        claims.load_sales_table(f, "alibaba")
    assert claims.load_sales_table("data/sales/gmv.csv", "alibaba")[1] == ""
