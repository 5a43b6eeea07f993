"""Tests for helpers.text.articles: loading articles and their metadata, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.errors import DataError, ParameterError
from helpers.text import articles

SEED = "data/articles/2015-11-14_tencent_jumei_cross_border.txt"
META = {
    "title": "A test article",
    "publisher": "Test Daily",
    "date": "2020-11-11",
    "author": "某记者",
    "language": "zh",
    "source": "written for this test",
}


def write_article(folder: Path, stem: str, text: str | bytes, meta: dict | str | None = META) -> Path:
    path = folder / f"{stem}.txt"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    if meta is not None:
        body = meta if isinstance(meta, str) else json.dumps(meta, ensure_ascii=False)
        (folder / f"{stem}.meta.json").write_text(body, encoding="utf-8")
    return path


def test_seed_article_loads_with_its_metadata():
    art = articles.load_article(SEED)
    assert art.id == "2015-11-14_tencent_jumei_cross_border"
    assert art.meta["author"] == "孙宏超"
    assert art.meta["publisher"].startswith("腾讯科技")
    assert art.meta["language"] == "zh"
    assert art.date.isoformat() == "2015-11-14"
    assert art.text.startswith("腾讯科技 孙宏超 11月14日 报道今年双十一期间")
    assert len(art.text) == 2092
    assert "刘惠璞" in art.text and "912亿" in art.text


def test_load_corpus_reads_every_article_sorted(tmp_path):
    write_article(tmp_path, "b_second", "第二篇。")
    write_article(tmp_path, "a_first", "第一篇。")
    (tmp_path / "README.md").write_text("not an article", encoding="utf-8")
    corpus = articles.load_corpus(tmp_path)
    assert [a.id for a in corpus] == ["a_first", "b_second"]
    assert [a.text for a in corpus] == ["第一篇。", "第二篇。"]
    frame = articles.corpus_frame(corpus)
    assert frame["n_chars"].tolist() == [4, 4]
    assert list(frame.columns) == ["id", *articles.REQUIRED_META, "n_chars"]


def test_shipped_folder_is_a_corpus():
    corpus = articles.load_corpus("data/articles")
    assert SEED.split("/")[-1] in [a.path.name for a in corpus]


def test_byte_order_mark_is_dropped(tmp_path):
    path = write_article(tmp_path, "bom", "\ufeff你好。".encode("utf-8"))
    assert articles.load_article(path).text == "你好。"


def test_empty_file_names_the_file(tmp_path):
    path = write_article(tmp_path, "empty", "  \n ")
    with pytest.raises(DataError, match=r"empty\.txt: the article text is empty"):
        articles.load_article(path)


def test_non_utf8_file_names_file_and_line(tmp_path):
    path = write_article(tmp_path, "gbk", "第一行\n双十一".encode("gbk"))
    with pytest.raises(DataError) as err:
        articles.load_article(path)
    assert str(err.value).startswith(f"{path}, line 1: expected UTF-8 text")


def test_missing_metadata_names_the_file(tmp_path):
    path = write_article(tmp_path, "nometa", "正文。", meta=None)
    with pytest.raises(DataError, match=r"nometa\.txt: no metadata record: expected nometa\.meta\.json"):
        articles.load_article(path)


@pytest.mark.parametrize("field", articles.REQUIRED_META)
def test_missing_metadata_field_names_file_and_field(tmp_path, field):
    meta = {k: v for k, v in META.items() if k != field}
    path = write_article(tmp_path, "partial", "正文。", meta=meta)
    with pytest.raises(DataError) as err:
        articles.load_article(path)
    expected = f"{tmp_path / 'partial.meta.json'}, column {field!r}: expected a non-empty string, got None"
    assert str(err.value) == expected


def test_bad_json_names_line(tmp_path):
    path = write_article(tmp_path, "badjson", "正文。", meta='{\n "title": "x",\n oops\n}')
    with pytest.raises(DataError, match=r"badjson\.meta\.json, line 3: not valid JSON"):
        articles.load_article(path)


def test_bad_date_names_the_field(tmp_path):
    path = write_article(tmp_path, "baddate", "正文。", meta={**META, "date": "14/11/2015"})
    with pytest.raises(DataError, match=r"column 'date': expected an ISO date YYYY-MM-DD, got '14/11/2015'"):
        articles.load_article(path)


def test_folder_errors(tmp_path):
    with pytest.raises(DataError, match="no article"):
        articles.load_corpus(tmp_path)
    with pytest.raises(DataError, match="folder not found"):
        articles.load_corpus(tmp_path / "missing")
    (tmp_path / "orphan.meta.json").write_text(json.dumps(META), encoding="utf-8")
    with pytest.raises(DataError, match=r"orphan\.meta\.json: metadata record without its text file orphan\.txt"):
        articles.load_corpus(tmp_path)


def test_path_errors(tmp_path):
    with pytest.raises(ParameterError, match="must end in '.txt'"):
        articles.load_article(tmp_path / "x.md")
    with pytest.raises(DataError, match=r"missing\.txt: file not found"):
        articles.load_article(tmp_path / "missing.txt")


def test_companion_path_sits_beside_the_text():
    art = articles.load_article(SEED)
    assert art.companion_path("glosses") == art.path.with_name(f"{art.id}.glosses.csv")
    assert art.companion_path("glosses").is_file()
    with pytest.raises(ParameterError, match="kind must be a plain name"):
        art.companion_path("../x")


def test_companion_files_are_not_articles():
    """The glosses CSV and the other non-article files in data/articles do not disturb the corpus."""
    ids = [a.id for a in articles.load_corpus("data/articles")]
    assert all(not i.endswith(".glosses") for i in ids)
