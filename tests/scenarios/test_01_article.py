"""Notebook 01 on other inputs: its prose must agree with its numbers and name only what the data hold."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import nbformat
import pytest

from helpers.build import execute
from helpers.errors import ParameterError

ROOT = Path(__file__).resolve().parents[2]
NB = ROOT / "notebooks" / "01_article.ipynb"


def run(tmp_path: Path, **params) -> str:
    """Execute the notebook with ``params``; return the text of every Markdown and plain output, joined."""
    out = tmp_path / "01.ipynb"
    execute(NB, out, params=params, figures_dir=tmp_path / "f", progress=False)
    nb = nbformat.read(out, as_version=4)
    texts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            texts.append(data.get("text/markdown") or data.get("text/plain") or o.get("text", ""))
    assert sorted(p.stem for p in (tmp_path / "f").glob("*.png")) == ["01_claim_bounds", "01_keywords", "01_mentions"]
    return "\n\x00".join(texts)


def findings(text: str) -> str:
    """The Findings bullets (the first output that is a bullet list)."""
    return next(block for block in text.split("\n\x00") if block.startswith("- "))


def gmv_without(tmp_path: Path, platform: str) -> Path:
    """The shipped GMV table minus one platform's rows."""
    src = ROOT / "data" / "sales" / "gmv.csv"
    dst = tmp_path / f"gmv_no_{platform}.csv"
    with src.open(encoding="utf-8", newline="") as f, dst.open("w", encoding="utf-8", newline="") as g:
        rows = list(csv.reader(f))
        w = csv.writer(g)
        w.writerow(rows[0])
        w.writerows(r for r in rows[1:] if r[0] != platform)
    return dst


def test_gmv_file_without_the_platform_says_not_checked(tmp_path):
    """Issue 13: with no Alibaba row, the 912亿 figure is 'not checked', never 'does not agree'."""
    text = run(tmp_path, gmv_csv=str(gmv_without(tmp_path, "alibaba")))
    assert "The GMV figure 912亿 is not checked: no data for Alibaba (Tmall + Taobao) in 2015." in text
    assert "does not agree" not in text and "differs from the sales data" not in text
    assert "the GMV verdict flips" not in text  # no verdict, so nothing to flip
    assert "alibaba" not in findings(text)  # the code never leaks into prose


def test_another_article_with_its_own_year_and_no_glosses(tmp_path):
    art = tmp_path / "2016-11-12_test.txt"
    art.write_text("刘惠璞表示：“今年双十一，天猫的销售额为1207亿元。”邮件近千封，合作了三年多。", encoding="utf-8")
    meta = {
        "title": "A test article",
        "publisher": "Test Daily",
        "date": "2016-11-12",
        "author": "某记者",
        "language": "zh",
        "source": "written for this test",
    }
    (tmp_path / "2016-11-12_test.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    text = run(tmp_path, article_paths=[str(art)], top_k=5)
    assert "The GMV figure 1207亿元 agrees with the sales data: Alibaba (Tmall + Taobao) 2016 is 1,207.00 亿元" in text
    assert "(no English gloss stored)" in text and "Stored English glosses: 0 of 1 quotes." in text
    assert "近千封 reads as nearly 1,000 (900–1,000)" in text
    assert findings(text).startswith("- The text's one quote, ")
    assert "912亿" not in findings(text) and "2015" not in findings(text)
    assert "Sun, H. (2015)" not in text  # the seed article is not cited when it is not read


def test_plain_year_value_sales_file(tmp_path):
    """A plain year,value file with its unit checks the amount and says what the loader filled in."""
    f = tmp_path / "mine.csv"
    f.write_text("year,value\n2014,571.12\n2015,912.17\n", encoding="utf-8")
    text = run(tmp_path, gmv_csv=str(f), gmv_unit="亿元")
    assert (
        "The sales file is a plain year,value table, so the loader filled in the rest with stated defaults: "
        "values in 亿元 (from parameter gmv_unit), no sales window, confidence 'unverified', "
        "source 'user file mine.csv'"
    ) in text
    assert (
        "The GMV figure 912亿 agrees with the sales data: Alibaba (Tmall + Taobao) 2015 is 912.17 亿元, "
        "+0.17 亿元 from the claim, within the ±0.5 亿元 the claim's rounding allows "
        "(the data's figure is itself unverified: user file mine.csv)."
    ) in findings(text)


@pytest.mark.scenarios_full
def test_other_reading_of_nearly_and_fewer_keywords(tmp_path):
    text = run(tmp_path, near_low=0.5, top_k=5)
    assert "近万封 reads as nearly 10,000 (5,000–10,000)" in text
    assert "of their top 5 keywords" in text
    assert "reading 'nearly N' from 0.90 instead of 0.50 of N" in text


@pytest.mark.scenarios_full
def test_no_sales_table(tmp_path):
    text = run(tmp_path, gmv_csv=None)
    assert "The GMV claim is not checked: no sales table was given." in text


@pytest.mark.scenarios_full
def test_checked_against_another_platform(tmp_path):
    text = run(tmp_path, gmv_platform="jd", gmv_year=2019)
    assert "not checked: no data for JD.com in 2019" not in text  # JD 2019 is in the data
    assert "differs from the sales data: JD.com 2019 is 2,044.00 亿元" in text
    assert " jd " not in findings(text)


@pytest.mark.scenarios_full
def test_gmv_year_without_a_figure(tmp_path):
    text = run(tmp_path, gmv_platform="jd", gmv_year=2018)
    assert "is not checked: no data for JD.com in 2018" in text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"top_k": 0}, "top_k"),
        ({"near_low": 1.5}, "near_low"),
        ({"gmv_year": "2015"}, "gmv_year"),
        ({"gmv_unit": "dollars"}, "gmv_unit"),
        ({"article_paths": "data/articles/x.txt"}, "article_paths"),
    ],
)
def test_bad_parameters_stop_before_the_kernel(tmp_path, params, message):
    with pytest.raises(ParameterError, match=message):
        execute(NB, tmp_path / "x.ipynb", params=params, figures_dir=tmp_path / "f", progress=False)
