"""Tests for helpers.text.segment: jieba with the domain lexicon, and the stop-word lists."""

from __future__ import annotations

import pytest

from helpers import text as tx
from helpers.errors import DataError
from helpers.text import load_article

SEED = "data/articles/2015-11-14_tencent_jumei_cross_border.txt"


@pytest.fixture(scope="module")
def article() -> str:
    return load_article(SEED).text


@pytest.fixture(scope="module")
def tokens(article) -> list[str]:
    return tx.segment(article)


# Terms of the field and a sentence they occur in (from the seed article where they occur there).
TERMS = [
    ("双十一", "在双十一期间，聚美的销量也有百分之百以上的增长"),
    ("聚美优品", "在聚美优品高级副总裁刘惠璞看来"),
    ("聚美", "在双十一期间，聚美的销量也有百分之百以上的增长"),
    ("聚美海外购", "近日聚美海外购与日本化妆品品牌资生堂、高丝签署全面合作授权"),
    ("跨境电商", "独立的跨境电商平台并未表现出过旺热情"),
    ("保税区", "不能离开保税区进行再分销"),
    ("资生堂", "近日聚美海外购与日本化妆品品牌资生堂、高丝签署全面合作授权"),
    ("高丝", "近日聚美海外购与日本化妆品品牌资生堂、高丝签署全面合作授权"),
    ("刘惠璞", "刘惠璞对腾讯科技表示与资生堂、高丝的谈判开始于1年多前"),
    ("寄售", "在这种寄售体制下，每年的双十一都是卖的好的商家在笑"),
    ("采销", "而跨境的本质是采销"),
    ("天猫", "天猫双十一的成交额再创新高"),
    ("阿里巴巴", "在阿里巴巴双十一动员大会上"),
    ("SKU", "聚美优品的SKU超过1万个"),
    ("sku", "目前聚美优品有超过1万个sku"),
    ("腾讯科技", "刘惠璞对腾讯科技表示"),
    ("价格战", "可以采取寻找更多的品类，而不是仅仅停留在价格战"),
    ("再分销", "不能离开保税区进行再分销"),
]


@pytest.mark.parametrize(("term", "sentence"), TERMS)
def test_domain_terms_stay_whole(term, sentence):
    assert term in tx.segment(sentence)


def test_plain_jieba_splits_what_the_lexicon_keeps():
    import jieba

    plain = jieba.Tokenizer()
    assert "双十一" not in plain.lcut("今年双十一期间")
    assert "聚美优品" not in plain.lcut("在聚美优品高级副总裁刘惠璞看来")
    assert "双十一" in tx.segment("今年双十一期间")


def test_segmentation_covers_the_text(article, tokens):
    assert "".join(tokens) == article
    assert tokens.count("刘惠璞") == article.count("刘惠璞")


def test_lexicon_does_not_touch_global_jieba():
    import jieba

    tx.segment("聚美优品")
    jieba.dt.check_initialized()
    assert "聚美海外购" not in jieba.dt.FREQ
    assert tx.tokenizer() is tx.tokenizer()


def test_custom_user_dictionary(tmp_path):
    userdict = tmp_path / "mine.txt"
    userdict.write_text("喵喵购 2000 nt\n", encoding="utf-8")
    assert "喵喵购" in tx.segment("我在喵喵购买了面膜", userdict=userdict)
    with pytest.raises(DataError, match=r"nothere\.txt: user dictionary not found"):
        tx.segment("x", userdict=tmp_path / "nothere.txt")


def test_stopwords_are_shipped_lists():
    sw = tx.load_stopwords()
    assert len(sw) > 794  # Stopwords ISO zh has 794 entries; the supplement adds more
    assert {"我们", "的", "看来", "表示"} <= sw
    assert not any(w.startswith("# ") for w in sw)
    assert "跨境电商" not in sw and "双十一" not in sw


def test_stopwords_bad_path(tmp_path):
    with pytest.raises(DataError, match=r"none\.txt: .*stop-word list"):
        tx.load_stopwords((tmp_path / "none.txt",))
