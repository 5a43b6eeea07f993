"""Tests for helpers.text.numbers: numeric expressions in Chinese text, and how they read."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers import text as tx
from helpers.errors import ParameterError
from helpers.text import load_article
from helpers.text import numbers as nz

INF = math.inf
SEED = "data/articles/2015-11-14_tencent_jumei_cross_border.txt"

# expression, value, low, high, qualifier, unit, kind
CASES = [
    # the issue's examples
    ("912亿", 9.12e10, 9.12e10, 9.12e10, "exact", "", "quantity"),
    ("1万", 1e4, 1e4, 1e4, "exact", "", "quantity"),
    ("百分之百", 1.0, 1.0, 1.0, "exact", "%", "share"),
    ("七八成", 0.75, 0.7, 0.8, "range", "share", "share"),
    ("七八成甚至更多", 0.7, 0.7, 1.0, "at_least", "share", "share"),  # "or even more": up to the whole
    ("三四成或更少", 0.4, 0.0, 0.4, "at_most", "share", "share"),  # a share in 成 lies in [0, 100%]
    ("近万封", 1e4, 9e3, 1e4, "nearly", "封", "quantity"),  # issue 12: not -inf
    ("超过10万个", 1e5, 1e5, INF, "at_least", "个", "quantity"),
    ("上百次", 100.0, 100.0, INF, "at_least", "次", "quantity"),
    ("百分之百以上", 1.0, 1.0, INF, "at_least", "%", "share"),
    ("两个", 2.0, 2.0, 2.0, "exact", "个", "quantity"),
    ("十几个", 15.5, 12.0, 19.0, "range", "个", "quantity"),
    ("一万多", 1.5e4, 1e4, 2e4, "at_least", "", "quantity"),
    ("1.5万", 1.5e4, 1.5e4, 1.5e4, "exact", "", "quantity"),
    ("三四线", 3.5, 3.0, 4.0, "range", "线", "quantity"),
    # the rest of the article's forms
    ("超过1万个", 1e4, 1e4, INF, "at_least", "个", "quantity"),
    ("近10次", 10.0, 9.0, 10.0, "nearly", "次", "quantity"),
    ("39个", 39.0, 39.0, 39.0, "exact", "个", "quantity"),
    ("几万", 5.5e4, 2e4, 9e4, "range", "", "quantity"),
    ("1年多", 1.5, 1.0, 2.0, "at_least", "年", "quantity"),
    # Arabic numerals, separators, magnitudes, currencies
    ("1,000件", 1000.0, 1000.0, 1000.0, "exact", "件", "quantity"),
    ("3千万元", 3e7, 3e7, 3e7, "exact", "元", "quantity"),
    ("912.17亿元", 9.1217e10, 9.1217e10, 9.1217e10, "exact", "元", "quantity"),
    ("143亿美元", 1.43e10, 1.43e10, 1.43e10, "exact", "美元", "quantity"),
    ("１２个", 12.0, 12.0, 12.0, "exact", "个", "quantity"),
    ("5000元", 5000.0, 5000.0, 5000.0, "exact", "元", "quantity"),
    ("3千克", 3.0, 3.0, 3.0, "exact", "千克", "quantity"),
    # Chinese numerals
    ("两万", 2e4, 2e4, 2e4, "exact", "", "quantity"),
    ("一万五千", 1.5e4, 1.5e4, 1.5e4, "exact", "", "quantity"),
    ("一亿二千万", 1.2e8, 1.2e8, 1.2e8, "exact", "", "quantity"),
    ("三十九个", 39.0, 39.0, 39.0, "exact", "个", "quantity"),
    ("二十几岁", 25.5, 22.0, 29.0, "range", "岁", "quantity"),
    ("几十家", 55.0, 20.0, 90.0, "range", "家", "quantity"),
    ("数百家", 550.0, 200.0, 900.0, "range", "家", "quantity"),
    ("十多万", 1.5e5, 1e5, 2e5, "at_least", "", "quantity"),
    ("10余家", 15.0, 10.0, 20.0, "at_least", "家", "quantity"),
    ("一百多家", 150.0, 100.0, 200.0, "at_least", "家", "quantity"),
    ("五六百万", 5.5e6, 5e6, 6e6, "range", "", "quantity"),
    ("一个多月", 1.5, 1.0, 2.0, "at_least", "个月", "quantity"),
    ("增长3倍多", 3.5, 3.0, 4.0, "at_least", "倍", "quantity"),
    # ranges
    ("3-5个", 4.0, 3.0, 5.0, "range", "个", "quantity"),
    ("三到五年", 4.0, 3.0, 5.0, "range", "年", "quantity"),
    ("10%-20%", 0.15, 0.1, 0.2, "range", "%", "share"),
    # shares
    ("60%", 0.6, 0.6, 0.6, "exact", "%", "share"),
    ("68.67%", 0.6867, 0.6867, 0.6867, "exact", "%", "share"),
    ("百分之六十", 0.6, 0.6, 0.6, "exact", "%", "share"),
    ("百分之3.5", 0.035, 0.035, 0.035, "exact", "%", "share"),
    ("百分百", 1.0, 1.0, 1.0, "exact", "%", "share"),
    ("三成", 0.3, 0.3, 0.3, "exact", "share", "share"),
    ("两成", 0.2, 0.2, 0.2, "exact", "share", "share"),
    ("九成以上", 0.9, 0.9, 1.0, "at_least", "share", "share"),  # a share in 成: at most 100%
    # qualifiers
    ("约3万元", 3e4, 3e4, 3e4, "approx", "元", "quantity"),
    ("26亿元左右", 2.6e9, 2.6e9, 2.6e9, "approx", "元", "quantity"),
    ("不超过5000元", 5000.0, -INF, 5000.0, "at_most", "元", "quantity"),
    ("至少3家", 3.0, 3.0, INF, "at_least", "家", "quantity"),
    ("将近两年", 2.0, 1.8, 2.0, "nearly", "年", "quantity"),
    ("不到两年", 2.0, -INF, 2.0, "at_most", "年", "quantity"),  # "less than" stays open below
    ("接近100万", 1e6, 9e5, 1e6, "nearly", "", "quantity"),
    ("过亿", 1e8, 1e8, INF, "at_least", "", "quantity"),
    ("5万以下", 5e4, -INF, 5e4, "at_most", "", "quantity"),
]


@pytest.mark.parametrize(("expr", "value", "low", "high", "qualifier", "unit", "kind"), CASES)
def test_expression(expr, value, low, high, qualifier, unit, kind):
    df = tx.extract_numbers(expr)
    assert len(df) == 1, df
    row = df.iloc[0]
    assert (row["start"], row["end"]) == (0, len(expr)) or row["span"] == expr[row["start"] : row["end"]]
    assert row["value"] == pytest.approx(value, rel=1e-12)
    assert row["low"] == pytest.approx(low, rel=1e-12)
    assert row["high"] == pytest.approx(high, rel=1e-12)
    assert (row["qualifier"], row["unit"], row["kind"]) == (qualifier, unit, kind)


def test_value_is_exactly_the_issue_values():
    n = nz.parse_number("七八成")
    assert (n.value, n.low, n.high) == (0.75, 0.7, 0.8)
    assert nz.parse_number("912亿").value == 9.12e10


@pytest.mark.parametrize(
    ("expr", "iso"),
    [
        ("2015年", "2015"),
        ("11月14日", "--11-14"),
        ("2015年11月11日", "2015-11-11"),
        ("2015年11月", "2015-11"),
        ("二〇一五年十一月十一日", "2015-11-11"),
        ("十一月十一日", "--11-11"),
        ("2019-11-11", "2019-11-11"),
        ("11月", "--11"),
        ("14日", "---14"),
    ],
)
def test_dates_are_tagged_as_dates(expr, iso):
    df = tx.extract_numbers(expr)
    assert df[["span", "kind", "unit", "date"]].values.tolist() == [[expr, "date", "date", iso]]
    assert math.isnan(df["value"].iloc[0])


def test_duration_in_years_is_not_a_date():
    df = tx.extract_numbers("谈判开始于1年多前，双方合作了三年。")
    assert df["kind"].tolist() == ["quantity", "quantity"]
    assert df["span"].tolist() == ["1年多", "三年"]


@pytest.mark.parametrize(
    "text",
    [
        "双十一期间",
        "双11当天",
        "一直在关注",
        "一向保守",
        "统一的标准",
        "进一步恶化",
        "竹篮打水一场空",
        "十分重要",
        "千万不要",
        "百货商店",
        "一成不变",
        "之一",
        "万一出事",
        "成千上万",
        "四川",
        "三亚的酒店",
        "数据积累",
        "多次互访",
        "大多数",
        "一些人",
        "一样",
        "第一时间",
    ],
)
def test_words_with_numeral_characters_are_not_numbers(text):
    assert tx.extract_numbers(text).empty


def test_ordinals():
    df = tx.extract_numbers("第一个是买不到，第二种企业；资生堂是日本第一大化妆品集团")
    assert df[["span", "value", "kind", "unit"]].values.tolist() == [
        ["第一个", 1.0, "ordinal", "个"],
        ["第二种", 2.0, "ordinal", "种"],
        ["第一", 1.0, "ordinal", ""],
    ]


def test_not_a_share_when_cheng_starts_a_word():
    df = tx.extract_numbers("最后发展成为一个面霜，三成为新品")
    assert "share" not in set(df["kind"])


def test_seeded_random_chinese_numerals_round_trip():
    """Independent implementation: cn2an.an2cn writes the numeral, we read it back in context."""
    import cn2an

    rng = np.random.default_rng(20151111)
    for n in rng.integers(1, 10**9, size=300).tolist() + list(range(1, 120)):
        chinese = cn2an.an2cn(n)
        df = tx.extract_numbers(f"共有{chinese}个商品。")
        assert df["value"].tolist() == [float(n)], chinese
        assert df["span"].tolist() == [f"{chinese}个"]
        df = tx.extract_numbers(f"共有{n:,}个商品。")
        assert df["value"].tolist() == [float(n)]


def test_article_numbers(tmp_path):
    text = load_article(SEED).text
    df = tx.extract_numbers(text)
    assert list(df.columns) == list(nz.COLUMNS)
    assert (df["start"].diff().dropna() > 0).all()
    for r in df.itertuples():
        assert text[r.start : r.end] == r.span
        assert r.span in r.sentence
    spans = df["span"].tolist()
    for expected in ["11月14日", "百分之百以上", "39个", "912亿", "几万", "三四线", "超过1万个", "超过10万个",
                     "七八成甚至更多", "1年多", "上百次", "近万封", "近10次"]:  # fmt: skip
        assert expected in spans
    assert "十一" not in spans and not any("双十一" in s for s in spans)
    assert df.loc[df["span"] == "11月14日", "kind"].item() == "date"
    assert set(df["qualifier"]) <= set(nz.QUALIFIERS)
    assert set(df["kind"]) <= set(nz.KINDS)
    quantities = df[df["kind"] != "date"]
    assert (quantities["low"] <= quantities["value"]).all() and (quantities["value"] <= quantities["high"]).all()


def test_sentence_column():
    df = tx.extract_numbers("这里没有数。后面有39个国家！")
    assert df["sentence"].tolist() == ["后面有39个国家！"]


def test_numbers_reject_non_text():
    with pytest.raises(ParameterError, match="text must be a str, got int"):
        tx.extract_numbers(912)


def test_parse_number_needs_one_expression():
    assert nz.parse_number("11月14日").date == "--11-14"
    assert nz.parse_number("1.5万").precision == 1000.0
    with pytest.raises(ParameterError, match=r"expected one numeric expression, got '双十一' \(0 found\)"):
        nz.parse_number("双十一")
    with pytest.raises(ParameterError, match=r"\(2 found\)"):
        nz.parse_number("3个和5个")


def test_empty_text():
    df = tx.extract_numbers("")
    assert df.empty and list(df.columns) == list(nz.COLUMNS)


def test_nearly_reads_as_just_under_with_a_settable_floor():
    assert nz.NEAR_LOW == pytest.approx(0.9)
    n = nz.parse_number("近万封", near_low=0.8)
    assert (n.low, n.high, n.qualifier) == (pytest.approx(8e3), 1e4, "nearly")
    assert tx.extract_numbers("近10次", near_low=0.5)["low"].item() == pytest.approx(5.0)
    for bad in (0, 1.2, "0.9", float("nan")):
        with pytest.raises(ParameterError, match="near_low"):
            nz.scan("近万封", near_low=bad)


def test_year_plus_is_between_one_and_two_years():
    """1年多: 多 after a measure word marks a remainder, so more than 1 and less than 2 years."""
    n = nz.parse_number("1年多")
    assert (n.value, n.low, n.high, n.qualifier, n.unit) == (1.5, 1.0, 2.0, "at_least", "年")


def test_scan_is_the_public_engine():
    objs = nz.scan("超过1万个sku，近万封")
    df = tx.extract_numbers("超过1万个sku，近万封")
    assert [o.span for o in objs] == df["span"].tolist()
    assert [o.low for o in objs] == pytest.approx(df["low"].tolist())


@pytest.mark.parametrize(
    ("expr", "text"),
    [
        ("百分之百以上", "at least 100%"),
        ("七八成", "70%–80%"),
        ("九成以上", "at least 90% (a share: at most 100%)"),
        ("912亿", "91.2 billion"),
        ("2684亿元", "268.4 billion yuan"),
        ("39个", "39"),
        ("几万", "20,000–90,000"),
        ("近万封", "nearly 10,000 (9,000–10,000)"),
        ("近10次", "nearly 10 times (9–10)"),
        ("不超过5000元", "at most 5,000 yuan"),
        ("1年多", "more than 1, less than 2 years"),
        ("一万多", "more than 10,000, less than 20,000"),
        ("约3.5万", "about 35,000"),
        ("1.5%", "1.5%"),
        ("200万", "2 million"),
        ("一年", "1 year"),
        ("两年", "2 years"),
    ],
)
def test_reading_in_words(expr, text):
    n = nz.parse_number(expr)
    assert nz.reading(n.value, n.low, n.high, n.qualifier, n.unit, n.kind) == text


def test_reading_of_a_date_is_empty_and_bad_qualifier_refused():
    n = nz.parse_number("11月14日")
    assert nz.reading(n.value, n.low, n.high, n.qualifier, n.unit, n.kind) == ""
    with pytest.raises(ParameterError, match="qualifier must be one of"):
        nz.reading(1.0, 1.0, 1.0, "roughly")


def test_readings_of_a_table():
    df = tx.extract_numbers("聚美的销量也有百分之百以上的增长，邮件更是近万封")
    assert nz.readings(df) == ["at least 100%", "nearly 10,000 (9,000–10,000)"]
