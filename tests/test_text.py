"""Tests for helpers.text: segmentation with the lexicon, sentences, keywords, entities, quotes."""

from __future__ import annotations

import pytest

from helpers import text as tx
from helpers.articles import load_article
from helpers.errors import DataError, ParameterError

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


def test_sentences_split_at_end_marks_and_keep_closing_quotes():
    t = "他说：“好。”我们走吧！真的？\n新的一行"
    assert tx.sentences(t) == ["他说：“好。”", "我们走吧！", "真的？", "新的一行"]
    spans = tx.sentence_spans(t)
    assert spans[0][0] == 0 and spans[-1][1] == len(t)
    assert all(a < b for a, b in spans)


def test_stopwords_are_shipped_lists():
    sw = tx.load_stopwords()
    assert len(sw) > 794  # Stopwords ISO zh has 794 entries; the supplement adds more
    assert {"我们", "的", "看来", "表示"} <= sw
    assert not any(w.startswith("# ") for w in sw)
    assert "跨境电商" not in sw and "双十一" not in sw


def test_stopwords_bad_path(tmp_path):
    with pytest.raises(DataError, match=r"none\.txt: stop-word list not found"):
        tx.load_stopwords((tmp_path / "none.txt",))


def test_keywords_of_the_article(tokens):
    stop = tx.load_stopwords()
    for method in ("tfidf", "textrank"):
        kw = tx.keywords(tokens, method=method, top_k=15)
        assert kw["rank"].tolist() == list(range(1, 16))
        assert kw["weight"].is_monotonic_decreasing
        assert not set(kw["word"]) & stop
        assert {"跨境电商", "刘惠璞", "双十一"} <= set(kw["word"])
        assert all(len(w) >= 2 and not any(c.isdigit() for c in w) for w in kw["word"])
    assert tx.keywords(tokens, top_k=1)["word"].item() == "刘惠璞"


def test_keywords_from_text_equal_keywords_from_tokens(article, tokens):
    assert tx.keywords(article, top_k=10).equals(tx.keywords(tokens, top_k=10))


def _digit_free(article: str) -> str:
    return "".join(c for c in article if not c.isdigit())


def test_tfidf_matches_jieba_analyse(article):
    """Independent implementation: jieba.analyse.TFIDF with the same tokenizer and stop words."""
    import jieba.analyse

    text = _digit_free(article)
    ref = jieba.analyse.TFIDF()
    ref.tokenizer = tx.tokenizer()
    ref.stop_words = set(tx.load_stopwords())
    expected = dict(ref.extract_tags(text, topK=None, withWeight=True))
    got = tx.keywords(text, top_k=len(expected) + 10)
    assert set(got["word"]) == set(expected)
    for w, weight in zip(got["word"], got["weight"], strict=True):
        assert weight == pytest.approx(expected[w], rel=1e-12)


def test_textrank_matches_jieba_analyse(article):
    """Independent implementation: jieba.analyse.TextRank fed the same tokens (no POS filter)."""
    import jieba.analyse
    from jieba.posseg import pair

    text = _digit_free(article)
    tokens = tx.segment(text)
    stop = tx.load_stopwords()

    class SameTokens:
        def cut(self, sentence):
            # jieba's pair filter checks length and stop words; mirror the digit rule via the flag
            return [pair(t, "x" if tx._is_candidate(t, stop) else "skip") for t in tokens]

    ref = jieba.analyse.TextRank()
    ref.tokenizer = SameTokens()
    ref.stop_words = set(stop)
    expected = dict(ref.textrank(text, topK=None, withWeight=True, allowPOS=("x",)))
    got = tx.keywords(tokens, method="textrank", top_k=len(expected) + 10)
    assert set(got["word"]) == set(expected)
    for w, weight in zip(got["word"], got["weight"], strict=True):
        assert weight == pytest.approx(expected[w], rel=1e-9)


def test_keywords_bad_arguments():
    with pytest.raises(ParameterError, match="method must be 'tfidf' or 'textrank', got 'lda'"):
        tx.keywords("文本", method="lda")
    with pytest.raises(ParameterError, match="top_k must be a positive integer, got 0"):
        tx.keywords("文本", top_k=0)
    assert tx.keywords("的了", top_k=3).empty


def test_entity_counts_match_plain_string_counts(article):
    counts = tx.entity_counts(article)
    got = {(r.type, r.entity): r.mentions for r in counts.itertuples()}
    assert got[("person", "刘惠璞")] == article.count("刘惠璞") == 17
    # 聚美 is a short form of 聚美优品; 聚美海外购 is its own entity
    assert got[("company_brand", "聚美优品")] == article.count("聚美") - article.count("聚美海外购")
    # 日韩 names Japan and Korea once each
    assert got[("country_region", "日本")] == article.count("日本") + article.count("日韩")
    assert got[("country_region", "韩国")] == article.count("韩国") + article.count("日韩")
    assert got[("policy_term", "保税区")] == 2
    assert got[("business_model", "寄售")] == 2
    assert list(dict.fromkeys(counts["type"])) == [t for t in tx.ENTITY_TYPES if t in set(counts["type"])]
    assert ("company_brand", "天猫") not in got  # listed but not mentioned


def test_entity_mentions_offsets(article):
    men = tx.entity_mentions(article)
    assert all(article[r.start : r.end] == r.mention for r in men.itertuples())


def test_entity_list_bad_type_names_line_and_column(tmp_path):
    bad = tmp_path / "ents.csv"
    bad.write_text(
        "mention,entity,type,source,source_url,note\n刘惠璞,刘惠璞,person,x,,\n聚美,聚美优品,brand,x,,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        tx.load_entities(bad)
    assert str(err.value) == (
        f"{bad}, line 3, column 'type': expected one of {', '.join(tx.ENTITY_TYPES)}, got 'brand'"
    )
    bad.write_text("mention,entity,source\n刘惠璞,刘惠璞,x\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"column 'type': missing column"):
        tx.load_entities(bad)


def test_quotes_of_the_article(article):
    q = tx.quotes(article)
    assert len(q) == article.count("“") == 13
    assert set(q["speaker"]) == {"刘惠璞"}
    assert (q["attribution"] == "same sentence").all()
    for r in q.itertuples():
        assert article[r.start : r.end] == f"“{r.quote}”"
        assert f"“{r.quote}”" in r.sentence
    first = q.iloc[0]
    assert first["quote"].startswith("日本品牌并不保守")
    assert first["sentence"].startswith("在聚美优品高级副总裁刘惠璞看来")


def test_quote_attribution_rules():
    t = "马云到场。刘惠璞坐下了。大家都笑了。“这是好事。”后来有人说：「没有人知道。」"
    q = tx.quotes(t)
    assert q["speaker"].tolist() == ["刘惠璞", ""]
    assert q["attribution"].tolist() == ["preceding sentences", "unattributed"]
    assert q["quote"].tolist() == ["这是好事。", "没有人知道。"]


def test_lexicon_tables_name_bad_files(tmp_path):
    """Both lexicon loaders share one reader: non-UTF-8 and broken CSV get a DataError, not a traceback."""
    from helpers import claims, text
    from helpers.errors import DataError

    gbk = tmp_path / "topics.csv"
    gbk.write_bytes("topic,keyword,description,source\ngmv,销售额,x,文章\n".encode("gbk"))
    with pytest.raises(DataError, match=r"topics.csv: expected a UTF-8 CSV \(claim topic list\)"):
        claims.load_claim_topics(gbk)
    broken = tmp_path / "entities.csv"
    broken.write_text('mention,entity,type,source\n"聚美,聚美优品,company,文章\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"entities.csv: not a readable CSV \(entity list\)"):
        text.load_entities(broken)
    empty_src = tmp_path / "e2.csv"
    empty_src.write_text("mention,entity,type,source\n聚美,聚美优品,company,\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"e2.csv, line 2, column 'source': expected a non-empty value"):
        text.load_entities(empty_src)
