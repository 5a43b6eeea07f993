"""Notebook 02 on other inputs: its prose must agree with its numbers and name only what the data hold.

Unmarked (run in CI): JD.com's series alone, a shorter Alibaba series, and the bad parameters (which stop
before or at the first computing cell). The rest of the matrix is marked ``scenarios_full``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import nbformat
import pytest

from helpers.build import NotebookFailed, execute
from helpers.errors import ParameterError

ROOT = Path(__file__).resolve().parents[2]
NB = ROOT / "notebooks" / "02_gmv_growth.ipynb"
LABELS = {"alibaba": "Alibaba", "jd": "JD.com", "industry_syntun": "Syntun"}
_DIRECTION = re.compile(r"\b(rose|fell) from ([\d,.]+)(%| 亿元) in (\d{4}) to ([\d,.]+)(%| 亿元) in (\d{4})")


def write_rows(path: Path, keep) -> Path:
    """A copy of data/sales/gmv.csv with only the rows ``keep(row)`` accepts."""
    with (ROOT / "data" / "sales" / "gmv.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    with path.open("w", encoding="utf-8", newline="") as g:
        w = csv.writer(g)
        w.writerow(rows[0])
        w.writerows(r for r in rows[1:] if keep(r))
    return path


def run(tmp_path: Path, **params) -> dict:
    """Execute the notebook; return its prose (Markdown cells and outputs, References left out) and figures."""
    out = tmp_path / "02.ipynb"
    execute(NB, out, params=params, figures_dir=tmp_path / "f", progress=False)
    nb = nbformat.read(out, as_version=4)
    texts = [c.source for c in nb.cells if c.cell_type == "markdown"]
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            text = data.get("text/markdown") or data.get("text/html") or o.get("text", "")
            if text.startswith("## References"):
                continue
            texts.append(text)
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    return {"text": "\n".join(texts), "figures": sorted(p.stem for p in (tmp_path / "f").glob("*.png"))}


def check_prose(text: str, platforms_in_data: set[str]) -> None:
    """Direction words match the numbers; no platform outside the data is named; nothing at noise level."""
    for verb, a, ua, _ya, b, ub, _yb in _DIRECTION.findall(text):
        x, y = float(a.replace(",", "")), float(b.replace(",", ""))
        assert ua == ub and x != y and (verb == "rose") == (y > x), f"'{verb} from {a} to {b}'"
    for code, name in LABELS.items():
        if code not in platforms_in_data:
            assert name not in text, f"{name} is named but not in the data"
    assert not re.search(r"\d\.\d+e[-+]\d\d", text), "a number printed in scientific notation"
    assert "nan" not in re.findall(r"\bnan\b", text.lower())


@pytest.fixture(scope="module")
def jd_alone(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("jd")
    csv_path = write_rows(tmp / "jd.csv", lambda r: r[0] == "jd")
    return run(tmp, gmv_csv=str(csv_path), platform="jd")


def test_jd_alone_is_a_jd_notebook(jd_alone):
    """Issue 13: the README's JD example gives a correct JD notebook."""
    text = jd_alone["text"]
    check_prose(text, {"jd"})
    assert "**JD.com: Double 11 GMV 2017–2021, 11 days, 1-11 Nov, from jd.csv.**" in text
    assert "comparable year-on-year growth fell from 32.8% in 2020 to 28.6% in 2021" in text
    assert "ceilings are not identified" in text and "3,491,000" not in text
    assert "the models cannot be ranked" in text and "the most accurate model" not in text
    assert "The file has no row for 2018." in text
    assert text.count("so this section is skipped") >= 2  # the cubic claim and Liu & Wu
    assert 'perfect cubic" against null models' in text  # the organisation line still lists every section
    assert "For this series sections 3 (the cubic claim), 4 (GM(1,1) and Liu & Wu), 5 (backtests) do not apply" in text
    assert "nothing to draw beside JD.com" in text  # no platform chart of one series
    assert jd_alone["figures"] == ["02_forecasts", "02_gmv_series", "02_gmv_yoy", "02_model_fits"]


def test_plain_year_value_file(tmp_path):
    """Issue 13 / load_gmv: a plain year,value file with a stated unit runs, and the notebook says what it assumed."""
    f = tmp_path / "jd_plain.csv"
    f.write_text("year,value\n2017,1271\n2019,2044\n2020,2715\n2021,3491\n", encoding="utf-8")
    out = run(tmp_path, gmv_csv=str(f), platform="jd", gmv_unit="亿元")
    text = out["text"]
    check_prose(text, {"jd"})
    assert "**JD.com: Double 11 GMV 2017–2021, from jd_plain.csv (no measurement window stated).**" in text
    assert (
        "the loader filled in the rest with stated defaults: values in 亿元 (from parameter gmv_unit), "
        "no sales window, confidence 'unverified', source 'user file jd_plain.csv'"
    ) in text
    assert "The model series is the 4 years in the file: 2017, 2019, 2020, 2021." in text
    assert text.count("The file states no measurement window for JD.com") == 1  # the window checks: one sentence
    assert "11 days" not in text and "1-11 Nov" not in text and "window changed" not in text
    assert "comparable year-on-year growth fell from 32.8% in 2020 to 28.6% in 2021" in text
    assert text.count("so this section is skipped") == 2  # the cubic claim and Liu & Wu, once each
    assert out["figures"] == ["02_forecasts", "02_gmv_series", "02_gmv_yoy", "02_model_fits"]


def test_shorter_series_cannot_rank_and_skips_the_claim(tmp_path):
    csv_path = write_rows(tmp_path / "short.csv", lambda r: r[0] == "alibaba" and 2013 <= int(r[2]) <= 2019)
    out = run(tmp_path, gmv_csv=str(csv_path))
    text = out["text"]
    check_prose(text, {"alibaba"})
    assert (
        "The cubic claim fitted 2009–2018 and forecast 2019; the comparable series lacks 2009, 2010, 2011, 2012" in text
    )
    assert "2 origins are too few to rank the models (at least 5 needed)" in text
    assert "too few refits to judge whether the ceiling holds still" in text
    assert "with the only window that fits, 4 years" in text  # GM(1,1) vs Liu & Wu on what the data allow
    assert "02_claim_cubic" not in out["figures"] and "02_r2_null" not in out["figures"]


def test_bad_parameters_stop_before_the_kernel(tmp_path):
    with pytest.raises(ParameterError, match=r"parameter horizon = 'abc': must be a whole number"):
        execute(NB, tmp_path / "x.ipynb", params={"horizon": "abc"}, progress=False)
    with pytest.raises(ParameterError, match=r"parameter models = \['a', 'b'\]: .*must be one of 'exponential'"):
        execute(NB, tmp_path / "x.ipynb", params={"models": ["a", "b"]}, progress=False)
    with pytest.raises(ParameterError, match=r"parameter gmv_unit = 'dollars': must be one of 'yuan'"):
        execute(NB, tmp_path / "x.ipynb", params={"gmv_unit": "dollars"}, progress=False)


def test_unknown_platform_fails_at_the_first_computing_cell(tmp_path):
    with pytest.raises(NotebookFailed) as info:
        execute(NB, tmp_path / "x.ipynb", params={"platform": "nosuch"}, figures_dir=tmp_path / "f", progress=False)
    assert info.value.cell_index <= 5  # the Findings cell (after the injected parameters)
    assert re.match(
        r"parameter platform = 'nosuch': not in data/sales/gmv.csv; the file has (alibaba|jd|industry_syntun)",
        info.value.evalue,
    )


# ------------------------------------------------------------------ the full matrix (on demand)
@pytest.mark.scenarios_full
def test_alibaba_default(tmp_path):
    out = run(tmp_path)
    text = out["text"]
    check_prose(text, {"alibaba", "jd", "industry_syntun"})
    assert "the models cannot be ranked" in text and "it does beat the exponential significantly" in text
    assert "a ceiling that rises as years are added reflects the recent slowdown" in text
    assert "The old benchmark never produces one (0 of 10,000 series)" in text


@pytest.mark.scenarios_full
def test_jd_in_the_full_file_carries_no_alibaba_result(tmp_path):
    text = run(tmp_path, platform="jd")["text"]
    check_prose(text, {"alibaba", "jd", "industry_syntun"})
    conclusions = text[text.index("**What the data support.**") :]
    assert "cubic" not in conclusions.split("**Where a conclusion flips.**")[0].replace("cubic (needs", "")
    assert "R² (0.9994)" not in text and "2,684" not in conclusions


@pytest.mark.scenarios_full
def test_a_single_year_series_fits_nothing(tmp_path):
    text = run(tmp_path, platform="industry_syntun")["text"]
    check_prose(text, {"alibaba", "jd", "industry_syntun"})
    assert "it is the only year measured over that window, so no growth can be measured" in text
    assert "no model is fitted and nothing is forecast" in text


@pytest.mark.scenarios_full
@pytest.mark.parametrize(
    "params",
    [
        {"fit_scale": "log"},
        {"horizon": 1, "interval": 0.8},
        {"models": ["exponential", "poly2"]},
        {"null_shocks": "normal", "n_sims": 2000},
        {"claim_degree": 2},
        {"fit_window_days": 11},
        {"first_origin": 2015},
    ],
    ids=lambda p: ",".join(f"{k}={v}" for k, v in p.items()),
)
def test_alibaba_settings(tmp_path, params):
    check_prose(run(tmp_path, **params)["text"], {"alibaba", "jd", "industry_syntun"})
