"""Notebook 05 on other listing files and settings: it runs, and its prose agrees with its numbers.

Unmarked (run in CI): a 7-shop subset of the shipped file written in UTF-8 with English headers and dates like
``2016/11/5``, and the same file with shops the brand table does not know (the sections that need origins must
say so and be skipped). The rest of the matrix (the shipped file, GB18030 with Chinese headers, an Excel copy,
a shop subset with counts missing, extreme settings) is marked ``scenarios_full``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import listings as L
from helpers.build import execute, notebook_prose
from helpers.errors import ParameterError

ROOT = Path(__file__).resolve().parents[2]
NB = ROOT / "notebooks" / "05_listings.ipynb"
FAST = {"n_boot": 200}
SEVEN = (
    "佰草集",
    "自然堂",
    "兰蔻",
    "雅诗兰黛",
    "悦诗风吟",
    "资生堂",
    "美宝莲",
)  # 2 Chinese, Europe, US x2, Korea, Japan
ALL_FIGURES = {
    "05_sale_count",
    "05_daily_units",
    "05_shares_origin",
    "05_shares_owner",
    "05_discounts_origin",
    "05_uplift",
    "05_assumptions",
    "05_depth_vs_model",
}
ORIGIN_FIGURES = {"05_shares_origin", "05_shares_owner", "05_discounts_origin"}
_MOVE = re.compile(r"\b(rose|fell) from (-?[\d,.]+)%? to (-?[\d,.]+)")
_CITE = re.compile(r"((?:[A-Z][A-Za-z]+(?:, | & ))*[A-Z][A-Za-z]+)(?: et al\.)? \(?((?:19|20)\d\d)\)?")
_NOT_AUTHORS = {"Double", "Singles", "Tmall", "Taobao", "November", "Japan", "Korea", "Europe", "China", "US", "Other"}


@pytest.fixture(scope="module")
def shipped() -> pd.DataFrame:
    return L.load_listings(L.RAW_CSV)


def write_subset(
    listings: pd.DataFrame,
    path: Path,
    shops,
    *,
    headers: dict[str, str] | None = None,
    encoding: str = "utf-8",
    rename: dict[str, str] | None = None,
) -> Path:
    """The rows of ``shops`` as a CSV (or .xlsx) the way a user's export looks: plain dates, own headers."""
    sub = listings[listings["shop"].astype(str).isin(shops)]
    out = pd.DataFrame(
        {
            "date": [f"{d.year}/{d.month}/{d.day}" for d in sub["date"]],
            "item_id": sub["item_id"].astype(str),
            "title": sub["title"].astype(str),
            "price_yuan": sub["price_yuan"],
            "sale_count": sub["sale_count"],
            "comment_count": sub["comment_count"],
            "shop": sub["shop"].astype(str).map(lambda s: (rename or {}).get(s, s)),
        }
    ).rename(columns=headers or {})
    if path.suffix == ".xlsx":
        out.to_excel(path, index=False)
    else:
        out.to_csv(path, index=False, encoding=encoding)
    return path


def run(tmp_path: Path, **params) -> dict:
    """Execute the notebook; return its prose (Markdown sources and outputs), references and figures."""
    out = tmp_path / "05.ipynb"
    execute(NB, out, params={**FAST, **params}, figures_dir=tmp_path / "f", progress=False)
    return {**notebook_prose(out), "figures": {p.stem for p in (tmp_path / "f").glob("*.png")}}


def check_prose(result: dict, shops_in_file) -> None:
    """Direction words match signs; no shop named that is not in the file; citations listed; plain numbers."""
    text = result["text"]
    for verb, a, b in _MOVE.findall(text):
        x, y = float(a.replace(",", "")), float(b.replace(",", ""))
        assert x != y and (verb == "rose") == (y > x), f"'{verb} from {a} to {b}'"
    absent = set(L.load_brands()["shop"]) - set(shops_in_file)
    named = sorted(s for s in absent if s in text)
    assert not named, f"prose names shops that are not in the file: {named}"
    assert not re.search(r"\d\.\d+e[-+]\d\d", text), "a number printed in scientific notation"
    assert not re.search(r"\bnan\b", text.lower())
    for names, year in _CITE.findall(text):
        first = names.split(",")[0].split(" & ")[0]
        if first not in _NOT_AUTHORS:
            assert first in result["refs"] and year in result["refs"], f"{names} ({year}) is not in the References"


def test_seven_shops_english_headers_utf8(tmp_path, shipped) -> None:
    csv = write_subset(shipped, tmp_path / "seven.csv", SEVEN)
    result = run(tmp_path, listings_csv=str(csv))
    check_prose(result, SEVEN)
    text = result["text"]
    assert "7 shops" in text and "seven.csv (csv, utf-8)" in text
    assert "every shop of another origin shows counts" in text  # no shop lacks counts, so nothing can flip
    assert "not identified" not in text and "without counts (" not in text
    assert result["figures"] == ALL_FIGURES


def test_shops_missing_from_the_brand_table_skip_the_origin_sections(tmp_path, shipped) -> None:
    unknown = {s: f"店{i}" for i, s in enumerate(SEVEN)}
    csv = write_subset(shipped, tmp_path / "anonymous.csv", SEVEN, rename=unknown)
    result = run(tmp_path, listings_csv=str(csv))
    check_prose(result, ())
    text = result["text"]
    assert text.count("None of the 7 shops in the file is in the brand table") >= 2
    assert "cannot be said from this file" in text and "who sold the festival by origin is not known" in text
    assert "Chinese-origin brands made" not in text and "by origin the share cut" not in text
    assert result["figures"] == ALL_FIGURES - ORIGIN_FIGURES


@pytest.mark.scenarios_full
def test_shipped_file(tmp_path, shipped) -> None:
    result = run(tmp_path)
    shops = set(shipped["shop"].astype(str))
    check_prose(result, shops)
    assert "22 shops" in result["text"] and result["figures"] == ALL_FIGURES
    assert "China stays first by estimated units unless the Japan-origin shops without counts" in result["text"]


@pytest.mark.scenarios_full
def test_gb18030_with_chinese_headers(tmp_path, shipped) -> None:
    zh = {
        "date": "更新时间",
        "item_id": "商品id",
        "title": "标题",
        "price_yuan": "价格",
        "sale_count": "销量",
        "comment_count": "评论数",
        "shop": "店名",
    }
    csv = write_subset(shipped, tmp_path / "zh.csv", SEVEN, headers=zh, encoding="gb18030")
    result = run(tmp_path, listings_csv=str(csv))
    check_prose(result, SEVEN)
    assert "zh.csv (csv, gb18030)" in result["text"]


@pytest.mark.scenarios_full
def test_excel_copy(tmp_path, shipped) -> None:
    pytest.importorskip("openpyxl")
    xlsx = write_subset(shipped, tmp_path / "seven.xlsx", SEVEN)
    result = run(tmp_path, listings_csv=str(xlsx))
    check_prose(result, SEVEN)
    assert "seven.xlsx (excel" in result["text"]


@pytest.mark.scenarios_full
def test_subset_with_a_shop_without_counts_and_one_unknown_shop(tmp_path, shipped) -> None:
    shops = ("自然堂", "兰蔻", "悦诗风吟", "SKII", "雅诗兰黛")
    csv = write_subset(shipped, tmp_path / "mixed.csv", shops, rename={"雅诗兰黛": "无名小店"})
    result = run(tmp_path, listings_csv=str(csv))
    check_prose(result, (*shops, "无名小店"))
    text = result["text"]
    assert "counted under Other origin: 无名小店" in text
    assert "SKII" in text and "not identified" in text  # the Japan-origin shop has no counts
    assert result["figures"] == ALL_FIGURES


@pytest.mark.scenarios_full
@pytest.mark.parametrize(
    "settings",
    [
        {"price_tolerance": 0.0},
        {"price_tolerance": 0.2},
        {"min_baseline_units": 50.0},
        {"level": 0.5, "n_boot": 100, "seed": 1},
    ],
    ids=["tolerance-0", "tolerance-0.2", "baseline-50", "level-0.5"],
)
def test_settings_at_their_ends(tmp_path, shipped, settings) -> None:
    csv = write_subset(shipped, tmp_path / "seven.csv", SEVEN)
    check_prose(run(tmp_path, listings_csv=str(csv), **settings), SEVEN)


@pytest.mark.scenarios_full
def test_a_bad_setting_stops_before_a_kernel_starts(tmp_path) -> None:
    with pytest.raises(ParameterError, match="price_tolerance"):
        run(tmp_path, price_tolerance=0.5)
