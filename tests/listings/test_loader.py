"""Tests of helpers.listings.loader: encodings, headers, dates, duplicates, empty counts, bad files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from helpers.errors import DataError, ParameterError
from helpers.listings import COLUMNS, RAW_CSV, load_listings, load_report

HEADER_ZH = ["update_time", "id", "title", "price", "sale_count", "comment_count", "店名"]
ROWS = [
    ["2016/11/5", "A1", "自然堂 面霜 50g", "139", "100", "10", "自然堂"],
    ["2016/11/6", "A1", "自然堂 面霜 50g", "139", "103", "11", "自然堂"],
    ["2016/11/11", "A1", "自然堂 面霜 50g", "99", "", "", "自然堂"],
    ["2016/11/5", "B2", "SK-II 神仙水", "1540", "", "", "SKII"],
    ["2016/11/6", "B2", "SK-II 神仙水", "1540", "", "", "SKII"],
]


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_each_encoding_reads_the_same(tmp_path: Path, encoding: str) -> None:
    df = load_listings(write_csv(tmp_path / "x.csv", HEADER_ZH, ROWS, encoding))
    assert list(df.columns) == list(COLUMNS)
    assert df["shop"].astype(str).tolist() == ["自然堂"] * 3 + ["SKII"] * 2
    assert df["title"].astype(str).iloc[3] == "SK-II 神仙水"
    assert load_report(df).encoding == encoding


def test_detected_encoding_of_the_raw_file_and_its_figures() -> None:
    df = load_listings()
    report = load_report(df)
    assert report.encoding == "gb18030"
    assert (report.rows_read, report.exact_duplicates, report.rows_kept) == (27_598, 86, 27_512)
    assert (report.items, report.shops) == (3_497, 22)
    assert report.empty_sale_count == 2_350
    assert str(report.first_date) == "2016-11-05" and str(report.last_date) == "2016-11-14"
    assert load_listings(RAW_CSV, encoding="gb18030").shape == df.shape


def test_types_and_empty_counts_stay_missing(tmp_path: Path) -> None:
    df = load_listings(write_csv(tmp_path / "x.csv", HEADER_ZH, ROWS, "utf-8"))
    assert str(df["sale_count"].dtype) == "Int64" and str(df["comment_count"].dtype) == "Int64"
    assert df["sale_count"].isna().tolist() == [False, False, True, True, True]
    assert df["sale_count"].sum() == 203  # missing counts are not read as zero, nor summed as such
    assert df["date"].dt.strftime("%Y-%m-%d").tolist()[:3] == ["2016-11-05", "2016-11-06", "2016-11-11"]
    assert df["price_yuan"].tolist() == pytest.approx([139, 139, 99, 1540, 1540])


def test_english_headers_and_other_date_styles(tmp_path: Path) -> None:
    header = ["date", "item_id", "title", "price_yuan", "sale_count", "comment_count", "shop", "extra"]
    rows = [
        ["2016-11-05", "A1", "t", "10", "1", "0", "s", "x"],
        ["2016.11.6", "A1", "t", "9.5", "2", "0", "s", "x"],
        ["20161107", "A1", "t", "9.5", "2", "0", "s", "x"],
    ]
    df = load_listings(write_csv(tmp_path / "x.csv", header, rows, "utf-8"))
    assert df["date"].dt.day.tolist() == [5, 6, 7]
    assert load_report(df).ignored_columns == ("extra",)


def test_chinese_relabelled_headers(tmp_path: Path) -> None:
    header = ["更新时间", "商品id", "商品名称", "价格", "销量", "评论数", "店铺"]
    df = load_listings(write_csv(tmp_path / "x.csv", header, [r for r in ROWS], "gb18030"))
    assert len(df) == len(ROWS) and df["item_id"].astype(str).iloc[0] == "A1"


def test_missing_column_is_named(tmp_path: Path) -> None:
    header = ["更新时间", "商品", "价格", "销售量", "评论量", "店名"]  # the popular re-labelled copy, without ids
    rows = [[r[0], r[2], r[3], r[4], r[5], r[6]] for r in ROWS]
    with pytest.raises(DataError) as err:
        load_listings(write_csv(tmp_path / "x.csv", header, rows, "utf-8"))
    assert err.value.line == 1 and err.value.column == "item_id" and "x.csv" in str(err.value)


def test_exact_duplicates_are_dropped_and_reported(tmp_path: Path) -> None:
    rows = ROWS[:2] + [ROWS[1]] + ROWS[2:] + [ROWS[0]]
    df = load_listings(write_csv(tmp_path / "x.csv", HEADER_ZH, rows, "utf-8"))
    report = load_report(df)
    assert len(df) == len(ROWS)
    assert report.exact_duplicates == 2 and report.duplicate_lines == (4, 8)


def test_conflicting_rows_raise_or_keep_one(tmp_path: Path) -> None:
    rows = ROWS + [["2016/11/5", "A1", "自然堂 面霜 50g", "120", "100", "10", "自然堂"]]
    path = write_csv(tmp_path / "x.csv", HEADER_ZH, rows, "utf-8")
    with pytest.raises(DataError) as err:
        load_listings(path)
    assert err.value.line == 7 and "lines 2, 7" in str(err.value) and err.value.column == "id"
    first = load_listings(path, conflicts="first")
    last = load_listings(path, conflicts="last")
    a1 = lambda d: d[(d["item_id"] == "A1") & (d["date"] == "2016-11-05")]["price_yuan"].item()  # noqa: E731
    assert (a1(first), a1(last)) == (139.0, 120.0)
    assert load_report(first).conflicting_duplicates == 1
    with pytest.raises(ParameterError):
        load_listings(path, conflicts="mean")


@pytest.mark.parametrize(
    ("line", "column", "value", "message"),
    [
        (3, "price", "abc", "expected a number, got 'abc'"),
        (4, "sale_count", "-3", "whole number"),
        (5, "comment_count", "2.5", "whole number"),
        (2, "update_time", "11/5/2016", "expected a date"),
        (6, "price", "", "empty price"),
        (5, "id", "", "empty value"),
    ],
)
def test_bad_cells_name_file_line_and_column(tmp_path: Path, line: int, column: str, value: str, message: str) -> None:
    rows = [list(r) for r in ROWS]
    rows[line - 2][HEADER_ZH.index(column)] = value
    with pytest.raises(DataError) as err:
        load_listings(write_csv(tmp_path / "bad.csv", HEADER_ZH, rows, "gb18030"))
    assert (err.value.line, err.value.column) == (line, column)
    assert message in str(err.value) and "bad.csv" in str(err.value)


def test_malformed_line(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", HEADER_ZH, ROWS, "utf-8")
    path.write_text(path.read_text(encoding="utf-8") + "2016/11/7,A1,t,1,2,3,s,extra,fields\r\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_listings(path)
    assert err.value.line == 7


def test_unreadable_text_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"update_time,id\r\n\x80\x80,\xff\xff\r\n")
    with pytest.raises(DataError, match="neither UTF-8 nor GB18030"):
        load_listings(bad)
    with pytest.raises(DataError, match="file not found"):
        load_listings(tmp_path / "none.csv")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(DataError, match="empty"):
        load_listings(empty)


def test_wrong_declared_encoding_names_the_line(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", HEADER_ZH, ROWS, "gb18030")
    with pytest.raises(DataError) as err:
        load_listings(path, encoding="utf-8")
    assert err.value.line == 1  # the GB18030 header 店名 is the first non-UTF-8 byte
    with pytest.raises(ParameterError):
        load_listings(path, encoding="no-such-codec")


def test_excel_round_trip(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    frame = pd.DataFrame(ROWS, columns=HEADER_ZH)
    frame["update_time"] = pd.to_datetime(frame["update_time"], format="%Y/%m/%d")  # Excel copies hold real dates
    frame["price"] = frame["price"].astype(float)
    frame["sale_count"] = pd.to_numeric(frame["sale_count"])
    path = tmp_path / "x.xlsx"
    frame.to_excel(path, index=False)
    df = load_listings(path)
    assert load_report(df).file_format == "excel" and len(df) == len(ROWS)
    assert df["sale_count"].isna().sum() == 3 and df["date"].dt.day.tolist()[:2] == [5, 6]


def test_excel_bad_cell_and_missing_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("openpyxl")
    frame = pd.DataFrame(ROWS, columns=HEADER_ZH)
    frame.loc[2, "price"] = "n/a"
    path = tmp_path / "x.xlsx"
    frame.to_excel(path, index=False)
    with pytest.raises(DataError) as err:
        load_listings(path)
    assert (err.value.line, err.value.column) == (4, "price")
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "openpyxl" else real(name, *a))
    with pytest.raises(DataError, match="openpyxl"):
        load_listings(path)
    with pytest.raises(DataError, match=".xls"):
        (tmp_path / "old.xls").write_bytes(b"x")
        load_listings(tmp_path / "old.xls")


def test_parquet_needs_pyarrow_or_reads(tmp_path: Path) -> None:
    import importlib.util

    frame = pd.DataFrame(ROWS, columns=HEADER_ZH)
    path = tmp_path / "x.parquet"
    if importlib.util.find_spec("pyarrow") is None:
        path.write_bytes(b"PAR1")
        with pytest.raises(DataError, match="pyarrow"):
            load_listings(path)
    else:  # pragma: no cover - pyarrow is not a pinned dependency
        frame.to_parquet(path)
        assert len(load_listings(path)) == len(ROWS)
