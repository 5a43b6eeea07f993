"""helpers.sales: the shipped tables round-trip, match their sources, and bad input is named."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

from helpers import sales
from helpers.errors import DataError

HEADER = ",".join(sales.COLUMNS)
GOOD = "alibaba,gmv,2015,912.17,亿元,91217000000,2015-11-11,2015-11-11,1,verified,Chain Store Age,https://x,note"

# Alibaba (Tmall + Taobao) Double 11 GMV in 亿元 as announced, from the reference compilation the
# data file cites: chainstoreage.com 2015-11-11 (2014: 571, 2015: 912.17), Xinhua/CGTN 2019-11-11
# (2019: 2684), CGTN 2020-11-12 (2020: 4982, Nov 1-11), developer.aliyun.com/article/726896 and
# Yuling Yao's blog for the rest; 2013 uses the announced closing figure 350.19.
REFERENCE = {
    2009: 0.52,
    2010: 9.36,
    2011: 52,
    2012: 191,
    2013: 350.19,
    2014: 571,
    2015: 912.17,
    2016: 1207,
    2017: 1682.69,
    2018: 2135,
    2019: 2684,
    2020: 4982,
    2021: 5403,
}
UNDISCLOSED = (2022, 2023, 2024)


def write(tmp_path: Path, *rows: str, header: str = HEADER, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_shipped_alibaba_series_equals_the_reference():
    g = sales.load_gmv(platform="alibaba").set_index("year")
    assert {y: v for y, v in g["gmv_100m_yuan"].items() if not math.isnan(v)} == pytest.approx(REFERENCE)
    assert g.loc[list(UNDISCLOSED), "value_yuan"].isna().all()
    assert g.loc[list(UNDISCLOSED), "note"].str.contains("not disclosed").all()
    assert (g.loc[2009:2019, "window_days"] == 1).all() and (g.loc[2020:2021, "window_days"] == 11).all()
    # after 2021 the windows are not 11 days: 2024 ran 29 days from Oct 14; 2022-23 are not recorded
    assert g.loc[2024, "window_days"] == 29 and str(g.loc[2024, "period_start"].date()) == "2024-10-14"
    assert g.loc[[2022, 2023], "window_days"].isna().all()


def test_shipped_rows_cite_specific_sources():
    for path in (sales.GMV_CSV, sales.OPERATIONS_CSV):
        table = sales.read_table(path)
        # no circular citation of the project's own notes, no bare-domain URLs
        assert not table["source"].str.contains("reference compilation").any()
        urls = table.loc[table["source_url"] != "", "source_url"]
        assert not urls.str.fullmatch(r"https?://[^/]+/?").any(), urls[urls.str.fullmatch(r"https?://[^/]+/?")].tolist()
        # a 'verified' row always has a URL
        assert (table.loc[table["confidence"] == "verified", "source_url"] != "").all()
    g = sales.load_gmv().set_index(["platform", "year"])
    assert g.loc[("industry_syntun", 2022), "gmv_100m_yuan"] == pytest.approx(11150)  # 1.115 trillion yuan
    assert "lower bound" not in g.loc[("industry_syntun", 2022), "note"]
    for year in (2009, 2010):
        assert "Tmall) only" in g.loc[("alibaba", year), "note"]


def test_2015_peaks_are_orders_and_payments():
    ops = sales.load_operations().set_index(["metric", "year"])
    assert ops.loc[("peak_orders_per_second", 2015), "value_base"] == 140_000  # order creation
    assert ops.loc[("peak_payments_per_second", 2015), "value_base"] == 85_900  # Alipay payments


def test_load_gmv_types_and_order():
    g = sales.load_gmv()
    assert isinstance(g["platform"].dtype, pd.CategoricalDtype)
    assert g["year"].dtype == "int64" and g["value_yuan"].dtype == "float64"
    assert str(g["window_days"].dtype) == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(g["period_start"])
    assert list(g[["platform", "year"]].itertuples(index=False)) == sorted(
        g[["platform", "year"]].itertuples(index=False)
    )
    assert (g["value_yuan"] == g["gmv_100m_yuan"] * 1e8).where(g["value_yuan"].notna(), True).all()


@pytest.mark.parametrize("path", [sales.GMV_CSV, sales.OPERATIONS_CSV], ids=["gmv", "operations"])
def test_shipped_files_round_trip(path, tmp_path):
    table = sales.read_table(path)
    out = tmp_path / path.name
    frame = table.copy()
    for col in ("period_start", "period_end"):
        frame[col] = frame[col].dt.strftime("%Y-%m-%d")
    frame.to_csv(out, index=False, float_format="%.10g")
    again = sales.read_table(out)
    pd.testing.assert_frame_equal(table, again)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(table) and all(r["source"] for r in rows)


def test_operations_values_in_base_units():
    ops = sales.load_operations().set_index(["metric", "year"])
    assert ops.loc[("delivery_orders", 2015), "value_base"] == 467_000_000
    assert ops.loc[("peak_orders_per_second", 2019), "value_base"] == 544_000
    assert 0 < ops.loc[("mobile_share", 2015), "value_base"] < 1


def test_gmv_series_single_day_years():
    s = sales.gmv_series(sales.load_gmv(), "alibaba", window_days=1)
    assert list(s.index) == list(range(2009, 2020)) and s[2015] == 91_217_000_000


def test_appended_year_appears_in_every_load(tmp_path):
    lines = sales.GMV_CSV.read_text(encoding="utf-8").splitlines()
    extra = "jd,gmv,2022,3900,亿元,,2022-11-01,2022-11-11,11,unverified,a generated test row,,generated for the test"
    path = write(tmp_path, *lines[1:], extra)
    g = sales.load_gmv(path, platform="jd")
    assert g["year"].max() == 2022 and g.set_index("year").loc[2022, "value_yuan"] == 3.9e11
    assert sales.gmv_series(sales.load_gmv(path), "jd").index.max() == 2022


def test_relative_paths_resolve_from_the_repository_root():
    assert len(sales.load_gmv("data/sales/gmv.csv")) == len(sales.load_gmv())


# --- bad input: one exception type, a message naming file, line and column ---------------------------


def bad_row(**changes: str) -> str:
    cells = dict(zip(sales.COLUMNS, next(csv.reader([GOOD]))))
    cells.update(changes)
    return ",".join(f'"{v}"' if "," in v else v for v in cells.values())


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"value": "nine hundred"}, "value", "expected a number, got 'nine hundred'"),
        ({"value": "-5", "value_base": ""}, "value", "expected a non-negative number, got '-5'"),
        ({"value": "", "value_base": "", "note": ""}, "value", "needs a note"),
        ({"unit": "亿美元"}, "unit", "unknown unit '亿美元'"),
        ({"year": "1999"}, "year", "expected a year from 2009"),
        ({"year": "20x5"}, "year", "expected a whole year"),
        ({"value_base": "912"}, "value_base", "expected value × 亿元"),
        ({"window_days": "3"}, "window_days", "expected 1 (the days from 2015-11-11"),
        ({"period_start": "2015-13-01"}, "period_start", "expected a date as YYYY-MM-DD"),
        ({"period_start": "2015-11-12"}, "period_end", "ends (2015-11-11) before it starts"),
        ({"source": ""}, "source", "every row needs a source"),
        ({"confidence": "sure"}, "confidence", "expected one of verified"),
        ({"platform": "Tmall Global"}, "platform", "expected a lower-case name"),
    ],
)
def test_bad_cell_is_named(tmp_path, changes, column, message):
    path = write(
        tmp_path,
        GOOD.replace("2015", "2014").replace("912.17", "571").replace("91217000000", "57100000000"),
        bad_row(**changes),
    )
    with pytest.raises(DataError) as info:
        sales.read_table(path)
    err = info.value
    assert (err.path, err.line, err.column) == (str(path), 3, column)
    assert message in str(err) and str(err).startswith(f"{path}, line 3, column {column!r}: ")


def test_missing_column(tmp_path):
    path = write(tmp_path, GOOD.rsplit(",", 1)[0], header=HEADER.rsplit(",", 1)[0])
    with pytest.raises(DataError, match=r"line 1, column 'note': missing column\(s\) note"):
        sales.read_table(path)


def test_duplicate_platform_metric_year(tmp_path):
    path = write(tmp_path, GOOD, GOOD)
    with pytest.raises(DataError, match=r"line 3, column 'year': duplicate \(alibaba, gmv, 2015\): already on line 2"):
        sales.read_table(path)


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes((HEADER + "\n" + GOOD + "\n").encode("gbk"))
    with pytest.raises(DataError, match=r"gbk.csv, line 2: not UTF-8"):
        sales.read_table(path)


def test_missing_file_and_empty_file(tmp_path):
    with pytest.raises(DataError, match="nope.csv: file not found"):
        sales.load_gmv(tmp_path / "nope.csv")
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    with pytest.raises(DataError, match="line 1: empty file"):
        sales.read_table(tmp_path / "empty.csv")


def test_wrong_number_of_fields(tmp_path):
    path = write(tmp_path, GOOD + ",extra")
    with pytest.raises(DataError, match="line 2: expected 13 fields, got 14"):
        sales.read_table(path)


def test_gmv_loader_refuses_other_metrics_and_unknown_platform(tmp_path):
    path = write(tmp_path, bad_row(metric="orders", unit="亿", value="4.67", value_base="467000000"))
    with pytest.raises(DataError, match="column 'metric': a GMV table holds metric 'gmv'"):
        sales.load_gmv(path)
    with pytest.raises(DataError, match="no platform 'taobao'; the file has: alibaba"):
        sales.load_gmv(platform="taobao")
    with pytest.raises(DataError, match="no metric 'gmv'"):
        sales.load_operations(metric="gmv")


def test_share_above_one_is_refused(tmp_path):
    path = write(tmp_path, bad_row(metric="mobile_share", unit="share", value="68.67", value_base=""))
    with pytest.raises(DataError, match="column 'value': a share cannot exceed 100%"):
        sales.read_table(path)


# --- plain files, plausibility, loaders refusing each other's files (issue #13) -----------------


def test_plain_year_value_file_loads_with_a_stated_unit(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("year,value\n2017,1271\n2018,1598\n2019,2044\n", encoding="utf-8")
    with pytest.raises(DataError, match="needs its unit"):
        sales.load_gmv(path)
    g = sales.load_gmv(path, unit="亿元", platform="jd")
    assert list(g["platform"].astype(str)) == ["jd"] * 3
    assert g.set_index("year").loc[2019, "gmv_100m_yuan"] == pytest.approx(2044)
    assert g["window_days"].isna().all() and (g["confidence"] == "unverified").all()
    named = tmp_path / "named.csv"
    named.write_text("year,gmv_100m_yuan\n2017,1271\n", encoding="utf-8")
    assert sales.load_gmv(named)["value_yuan"].iat[0] == pytest.approx(1.271e11)


def test_unit_slip_is_an_error_and_a_spike_a_warning(tmp_path):
    path = tmp_path / "slip.csv"
    path.write_text("year,gmv_100m_yuan\n2017,1271\n2018,1598\n2019,204400000000\n", encoding="utf-8")
    with pytest.raises(DataError, match="2019.*median.*元 under a 亿元"):
        sales.load_gmv(path)
    typo = tmp_path / "typo.csv"
    typo.write_text("year,gmv_100m_yuan\n2017,1271\n2018,15980\n2019,2044\n", encoding="utf-8")
    with pytest.warns(sales.DataWarning, match="2018 is 12.6x the year before"):
        sales.load_gmv(typo)


def test_each_loader_refuses_the_others_file():
    with pytest.raises(DataError, match="load_gmv"):
        sales.load_operations(sales.GMV_CSV)
    with pytest.raises(DataError, match="load_operations"):
        sales.load_gmv(sales.OPERATIONS_CSV)
