"""Tests for helpers.text.report: the one-call reading of an article and its computed findings."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers import text as tx
from helpers.errors import DataError, ParameterError

SEED = "data/articles/2015-11-14_tencent_jumei_cross_border.txt"


def gmv(platform: str = "alibaba", year: int = 2015, value: float = 912.17e8) -> pd.DataFrame:
    return pd.DataFrame({"platform": [platform], "year": [year], "value_yuan": [value], "source": ["test"]})


@pytest.fixture(scope="module")
def reading() -> tx.ArticleReading:
    return tx.read_articles([SEED], gmv=gmv())


def test_reading_holds_every_result(reading):
    assert len(reading.articles) == 1 and reading.gmv_year == 2015
    assert set(reading.keywords) == {"tfidf", "textrank"}
    assert all(len(k) == 15 for k in reading.keywords.values())
    assert len(reading.quotes) == 13 and len(reading.claims) == 11 and len(reading.numbers) == 30
    assert reading.gmv_check["status"].tolist() == ["agrees"]
    s = reading.summary().set_index("measure")["value"]
    assert s["quotes"] == "13" and s["characters"] == "2,092" and s["GMV cross-check"] == "agrees"


def test_findings_carry_their_numbers(reading):
    f = reading.findings()
    assert 3 <= len(f) <= 6
    assert f[0].startswith("All 13 quotes, 48% of the text's 2,092 characters, are attributed to 刘惠璞 (Liu Huipu)")
    assert "agree on 10 of their top 15 keywords" in f[1]
    assert f[2].startswith("The text states 11 quantitative claims: 2 exact or approximate (39个, 912亿)")
    assert "近万封" in f[2] and "bounded on both sides" in f[2]
    assert "agrees with the sales data: Alibaba (Tmall + Taobao) 2015 is 912.17 亿元, +0.17 亿元 from the claim" in f[3]
    assert "within the ±0.5 亿元 the claim's rounding allows" in f[3]
    assert "alibaba" not in " ".join(f)  # the code never leaks into prose


def test_gmv_direction_words_follow_the_sign():
    f = tx.read_articles([SEED], gmv=gmv(value=900e8)).findings()[3]
    assert "differs from the sales data" in f and "−12.00" not in f and "-12.00 亿元" in f and "beyond" in f


@pytest.mark.parametrize(
    ("table", "says"),
    [
        (
            gmv(platform="jd"),
            "is not checked: no data for Alibaba (Tmall + Taobao) in 2015",
        ),  # a file without Alibaba (issue 13)
        (gmv(year=2016), "is not checked: no data for Alibaba (Tmall + Taobao) in 2015"),
        (gmv(value=float("nan")), "is not checked: no data for Alibaba (Tmall + Taobao) in 2015"),
        (None, "not checked: no sales table was given"),
    ],
)
def test_missing_gmv_data_is_reported_as_not_checked(table, says):
    r = tx.read_articles([SEED], gmv=table)
    sentence = r.findings()[3]
    assert says in sentence
    assert "differs" not in sentence and "agrees" not in sentence


def test_settings_flow_through():
    r = tx.read_articles([SEED], top_k=5, near_low=0.5, gmv_year=2016, gmv=gmv(year=2016, value=1207e8))
    assert all(len(k) == 5 for k in r.keywords.values())
    assert r.claims.set_index("span").loc["近万封", "low"] == pytest.approx(5e3)
    assert r.gmv_check["status"].item() == "differs"  # 1,207亿 (2016) is not the article's 912亿
    assert "of their top 5 keywords" in r.findings()[1]


def test_another_article_gets_its_own_words(tmp_path):
    """A text with no quotes, no claims and no GMV figure: every finding says so instead of failing."""
    (tmp_path / "b.txt").write_text("今天天气很好。我们去公园散步。", encoding="utf-8")
    meta = {"title": "t", "publisher": "p", "date": "2020-11-11", "author": "a", "language": "zh", "source": "s"}
    (tmp_path / "b.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    r = tx.read_articles([tmp_path / "b.txt"], gmv=gmv())
    f = r.findings()
    assert f[0] == "The text quotes nobody: every statement in it is the reporter's own."
    assert f[2] == "The text states no quantitative claim."
    assert f[3] == "The text makes no GMV claim, so there is nothing to check against the sales data."
    assert r.gmv_year == 2020


def test_bad_arguments():
    with pytest.raises(ParameterError, match="article_paths must be a non-empty list"):
        tx.read_articles([])
    with pytest.raises(ParameterError, match="article_paths must be a non-empty list"):
        tx.read_articles(SEED)
    with pytest.raises(ParameterError, match="top_k must be >= 1"):
        tx.read_articles([SEED], top_k=0)
    with pytest.raises(ParameterError, match="near_low must be"):
        tx.read_articles([SEED], near_low=0)
    with pytest.raises(DataError, match="file not found"):
        tx.read_articles(["data/articles/nothere.txt"])


def test_keyword_order_fragility_is_computed(reading):
    fragile, pairs = reading.fragile_ranks()
    assert pairs == reading.top_k - 1 and 0 < fragile <= pairs
    assert f"would tie or swap {fragile} of the {pairs} neighbouring TF-IDF ranks" in reading.findings()[1]
    assert "only the first few are robust" not in reading.findings()[1]


def test_an_unverified_figure_is_flagged_where_the_claim_is_checked(tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text("year,gmv_100m_yuan\n2015,912.17\n", encoding="utf-8")
    table, _ = tx.load_sales_table(f, "alibaba")
    sentence = tx.read_articles([SEED], gmv=table).findings()[3]
    assert (
        "agrees with the sales data" in sentence
        and "(the data's figure is itself unverified: user file mine.csv)" in sentence
    )
