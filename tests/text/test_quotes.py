"""Tests for helpers.text.quotes and helpers.text.glosses: quotes, speakers, English glosses."""

from __future__ import annotations

import pytest

from helpers import text as tx
from helpers.errors import DataError, ParameterError
from helpers.text import load_article

SEED = "data/articles/2015-11-14_tencent_jumei_cross_border.txt"


@pytest.fixture(scope="module")
def article() -> str:
    return load_article(SEED).text


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


GLOSSES = "data/articles/2015-11-14_tencent_jumei_cross_border.glosses.csv"


def test_every_quote_of_the_seed_article_has_a_stored_gloss():
    q = tx.corpus_quotes([load_article(SEED)])
    assert len(q) == 13
    assert (q["gloss_en"].str.len() > 40).all()  # whole sentences, not labels
    assert set(q["gloss_source"]) == {"this project's translation"}
    assert (q["article"] == "2015-11-14_tencent_jumei_cross_border").all()
    # spot checks: the numbers in a gloss are the quote's numbers
    by_start = dict(zip(q["start"], q["gloss_en"], strict=True))
    assert "more than 100%" in by_start[237]
    assert "more than 10,000 SKUs" in by_start[1124] and "70-80%" in by_start[1124]


def test_quote_glosses_must_fit_the_text(tmp_path, article):
    q = tx.quotes(article)
    bad = tmp_path / "g.csv"
    bad.write_text(
        "start,quote_begins,gloss_en,source,note\n165,日本品牌并不保守,ok,ours,\n237,错的开头,x,ours,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"g.csv, line 3, column 'quote_begins': the gloss is for a quote beginning"):
        tx.add_quote_glosses(q, tx.load_quote_glosses(bad))
    bad.write_text("start,quote_begins,gloss_en,source,note\n166,本品牌,x,ours,\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 2, column 'start': no quotation mark opens at offset 166"):
        tx.add_quote_glosses(q, tx.load_quote_glosses(bad))
    bad.write_text("start,quote_begins,gloss_en,source,note\nx,本品牌,x,ours,\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"column 'start': expected the quote's character offset"):
        tx.load_quote_glosses(bad)
    bad.write_text("start,quote_begins,gloss_en,source,note\n165,日本,a,ours,\n165,日本,b,ours,\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 3, column 'start': a second gloss"):
        tx.load_quote_glosses(bad)
    bad.write_text("start,quote_begins,gloss_en,source,note\n165,日本,,ours,\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"column 'gloss_en': expected a non-empty value"):
        tx.load_quote_glosses(bad)


def test_an_article_without_glosses_gets_none_invented(tmp_path):
    import json

    (tmp_path / "a.txt").write_text("刘惠璞说：“好。”", encoding="utf-8")
    meta = {"title": "t", "publisher": "p", "date": "2020-11-11", "author": "a", "language": "zh", "source": "s"}
    (tmp_path / "a.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    q = tx.corpus_quotes([load_article(tmp_path / "a.txt")])
    assert q["gloss_en"].tolist() == [""]
    md = tx.quotes_markdown(q)
    assert "(no English gloss stored)" in md and "“好。”" in md


def test_quotes_markdown_shows_whole_quotes_with_gloss_and_speaker():
    q = tx.corpus_quotes([load_article(SEED)])
    md = tx.quotes_markdown(q, tx.load_glossary())
    lines = md.splitlines()
    assert len(lines) == 13
    for line, row in zip(lines, q.itertuples(), strict=True):
        assert f"“{row.quote}”" in line  # whole, not cut at 80 characters
        assert row.gloss_en in line
        assert "刘惠璞 (Liu Huipu)" in line
    assert max(len(r) for r in q["quote"]) > 80


def test_glossary():
    g = tx.load_glossary()
    assert g["保税区"] == "bonded zone" and g["刘惠璞"] == "Liu Huipu"
    assert tx.gloss("寄售", g) == "寄售 (consignment)"
    assert tx.gloss("寄售", g, style="english") == "consignment"
    assert tx.gloss("无此词", g) == "无此词"
    with pytest.raises(ParameterError, match="style must be"):
        tx.gloss("寄售", g, style="pinyin")
    # every entity of the shipped lexicon has a gloss
    assert set(tx.load_entities()["entity"]) <= set(g)


def test_glossary_errors(tmp_path):
    bad = tmp_path / "gl.csv"
    bad.write_text("word,gloss_en,source\n寄售,consignment,ours\n寄售,sale,ours\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"gl.csv, line 3, column 'word': the word '寄售' is listed twice"):
        tx.load_glossary(bad)
