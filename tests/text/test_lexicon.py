"""Tests for helpers.text.lexicon: the entity list, mentions and counts."""

from __future__ import annotations

import pytest

from helpers import text as tx
from helpers.errors import DataError
from helpers.text import load_article

SEED = "data/articles/2015-11-14_tencent_jumei_cross_border.txt"


@pytest.fixture(scope="module")
def article() -> str:
    return load_article(SEED).text


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
    with pytest.raises(DataError, match=r"line 1, column 'type': missing column"):
        tx.load_entities(bad)


def test_lexicon_tables_name_bad_files(tmp_path):
    """The lexicon loaders share the collection's CSV reader: bad bytes and broken rows give a DataError and line."""
    from helpers import text

    gbk = tmp_path / "topics.csv"
    gbk.write_bytes("topic,keyword,description,source\ngmv,销售额,x,文章\n".encode("gbk"))
    with pytest.raises(DataError, match=r"topics.csv, line 2: .*UTF-8"):
        text.load_claim_topics(gbk)
    broken = tmp_path / "entities.csv"
    broken.write_text('mention,entity,type,source\n"聚美,聚美优品,company,文章\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"entities.csv, line 2: expected 4 fields, got 1"):
        text.load_entities(broken)
    empty_src = tmp_path / "e2.csv"
    empty_src.write_text("mention,entity,type,source\n聚美,聚美优品,company,\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"e2.csv, line 2, column 'source': expected a non-empty value"):
        text.load_entities(empty_src)


def test_entity_type_names_cover_every_type():
    assert set(tx.ENTITY_TYPE_NAMES) == set(tx.ENTITY_TYPES)
    assert set(tx.load_entities()["type"]) <= set(tx.ENTITY_TYPES)
