"""Tests for helpers.text.keywords: TF-IDF and TextRank against jieba.analyse."""

from __future__ import annotations

import pytest

from helpers import text as tx
from helpers.errors import ParameterError
from helpers.text import load_article

SEED = "data/articles/2015-11-14_tencent_jumei_cross_border.txt"


@pytest.fixture(scope="module")
def article() -> str:
    return load_article(SEED).text


@pytest.fixture(scope="module")
def tokens(article) -> list[str]:
    return tx.segment(article)


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
            return [pair(t, "x" if tx.is_candidate(t, stop) else "skip") for t in tokens]

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
