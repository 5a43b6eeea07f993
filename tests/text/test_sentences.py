"""Tests for helpers.text.sentences: sentence and clause spans."""

from __future__ import annotations

import pytest

from helpers import text as tx
from helpers.text import load_article

SEED = "data/articles/2015-11-14_tencent_jumei_cross_border.txt"


@pytest.fixture(scope="module")
def article() -> str:
    return load_article(SEED).text


def test_sentences_split_at_end_marks_and_keep_closing_quotes():
    t = "他说：“好。”我们走吧！真的？\n新的一行"
    assert tx.sentences(t) == ["他说：“好。”", "我们走吧！", "真的？", "新的一行"]
    spans = tx.sentence_spans(t)
    assert spans[0][0] == 0 and spans[-1][1] == len(t)
    assert all(a < b for a, b in spans)


def test_clause_is_bounded_by_punctuation():
    t = "刘惠璞表示，目前聚美优品有超过1万个sku，但是被砍掉的sku超过10万个。"
    a = t.index("超过1万个")
    assert tx.clause_at(t, a, a + 5) == "目前聚美优品有超过1万个sku"
    assert tx.clause_at(t, 0, 3) == "刘惠璞表示"
    b = t.index("超过10万个")
    assert tx.clause_at(t, b, b + 6) == "但是被砍掉的sku超过10万个"


def test_sentence_index_finds_the_sentence_of_an_offset(article):
    idx = tx.SentenceIndex(article)
    for k in (0, 500, len(article) - 1):
        a, b = idx.spans[idx.number_at(k)]
        assert a <= k < b or k >= b  # trailing blanks belong to the last sentence
    assert idx.sentence_at(article.index("912亿")).startswith("电商应回归本质在阿里巴巴双十一动员大会上")
    assert tx.SentenceIndex("").spans == [(0, 0)]
