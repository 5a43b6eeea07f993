"""Tests of helpers.growth.models, .study and .narrative on generated series: what can be fitted, what is skipped, what is said."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from helpers import growth
from helpers.errors import ParameterError
from helpers.growth import narrative
from helpers.growth.study import Settings, run_study, window_words


def _table(platform: str, years, values, window: int = 1) -> pd.DataFrame:
    years = list(years)
    return pd.DataFrame(
        {
            "platform": platform,
            "year": years,
            "gmv_100m_yuan": values,
            "window_days": pd.array([window] * len(years), "Int64"),
            "period_start": pd.to_datetime([f"{y}-11-{12 - window:02d}" for y in years]),
            "period_end": pd.to_datetime([f"{y}-11-11" for y in years]),
        }
    )


@pytest.mark.parametrize(
    ("name", "truth", "make"),
    [
        ("exponential", {"g": 0.3}, lambda t: 50 * np.exp(0.3 * (t - t[-1]))),
        ("logistic", {"K": 900.0, "r": 0.6}, lambda t: 900 / (1 + np.exp(-0.6 * (t - 2010)))),
        ("gompertz", {"K": 700.0, "c": 0.35}, lambda t: 700 * np.exp(-np.exp(-0.35 * (t - 2008)))),
        ("poly2", {"b2": 3.0}, lambda t: 40 + 12 * (t - t.mean()) + 3 * (t - t.mean()) ** 2),
    ],
)
def test_fit_model_recovers_known_parameters(name, truth, make):
    years = np.arange(2000, 2021)
    rng = np.random.default_rng(7)
    y = make(years.astype(float)) * np.exp(rng.normal(0, 0.01, years.size))
    r = growth.fit_model(name, years, y, scale="log")
    for k, v in truth.items():
        assert abs(r.params[k] - v) < 4 * r.stderr[k], (k, r.params[k], r.stderr[k])
    est = r.summary(rounded=True)
    assert est.loc[list(truth), "stderr"].gt(0).all()


def test_round_to_se():
    assert growth.round_to_se(3808.678, 349.831)[:2] == (3810.0, 350.0)
    assert growth.round_to_se(2017.4251, 0.3942)[:2] == (2017.43, 0.39)
    est, se, dec = growth.round_to_se(0.000123456, 0.0000071)
    assert (est, se, dec) == (pytest.approx(0.0001235), pytest.approx(0.0000071), 7)


def test_feasible_models_and_windows():
    ok, why = growth.feasible_models(
        ["exponential", "logistic", "poly3", "gm11"], [2017, 2019, 2020, 2021], {"gm11": 4}
    )
    assert ok == ["exponential", "logistic"]
    assert why["poly3"] == "needs at least 5 years, the series has 4"
    assert "2019-2021" in why["gm11"]
    s = pd.Series([1.0, 2.0, 3.0, 9.0, 10.0], index=range(2017, 2022))
    assert growth.choose_window(s, pd.Series([1, 1, 11, 11, 11], index=s.index)) == (11.0, False)
    assert growth.comparable_series(s, pd.Series([1, 1, 11, 11, 11], index=s.index), 11.0).index.tolist() == [
        2019,
        2020,
        2021,
    ]


def test_study_of_a_saturating_series_says_what_it_found():
    years = np.arange(2006, 2020)
    rng = np.random.default_rng(11)
    y = 1000 / (1 + np.exp(-0.7 * (years - 2011))) * np.exp(rng.normal(0, 0.02, years.size))
    study = run_study(_table("demo", years, y), Settings(platform="demo", n_sims=500, n_boot=50))
    assert study.window == 1.0 and study.label == "demo"
    assert study.claim is None and "another platform's series" in study.skipped["claim"]
    assert study.ceilings.loc["logistic", "identified"]
    k = study.ceilings.loc["logistic", "K"]
    assert k == pytest.approx(1000, rel=0.1)
    text = " ".join(narrative.findings(study))
    assert "Demo's Double 11 GMV" in text and "logistic K = " in text
    for verb, a, b in re.findall(r"(rose|fell) from ([\d,.]+)% in \d{4} to ([\d,.]+)%", text):
        assert (verb == "rose") == (float(b.replace(",", "")) > float(a.replace(",", "")))
    assert "fell from" in text  # growth of a logistic series slows


def test_rising_growth_says_rose():
    years = np.arange(2010, 2016)
    y = np.cumprod([1.0, 1.1, 1.2, 1.35, 1.5, 1.7])  # growth rising every year
    study = run_study(_table("up", years, y), Settings(platform="up", models=("exponential",), n_sims=500))
    assert "comparable year-on-year growth rose from 10.0% in 2011 to 70.0% in 2015" in narrative.findings(study)[0]


def test_study_refuses_unknown_platform_and_window():
    t = _table("demo", range(2010, 2016), np.arange(1.0, 7.0))
    with pytest.raises(
        ParameterError, match="parameter platform = 'nope': not in data/sales/gmv.csv; the file has demo"
    ):
        run_study(t, Settings(platform="nope"))
    with pytest.raises(ParameterError, match=r"parameter fit_window_days = 3: no demo year .* windows \[1\] days"):
        run_study(t, Settings(platform="demo", fit_window_days=3))
    with pytest.raises(ParameterError, match="claim_fit_years"):
        Settings(claim_fit_years=(2018, 2009))


def test_window_words():
    rows = pd.DataFrame(
        {
            "window_days": [1],
            "period_start": pd.to_datetime(["2019-11-11"]),
            "period_end": pd.to_datetime(["2019-11-11"]),
        }
    )
    assert window_words(rows, 1.0) == "one day, 11 Nov"
    assert narrative.yi(0.52) == "0.5 亿元" and narrative.yi(2684.0) == "2,684 亿元"


# ------------------------------------------------------------------ plain year,value files and platform names
def test_platform_names_come_from_the_platform_table():
    from helpers import sales

    assert Settings(platform="jd").label == sales.platform_name("jd") == "JD.com"
    assert Settings(platform="alibaba").label == sales.load_platforms().loc["alibaba", "name_en"]
    assert Settings(platform="my_shop").label == "my_shop" and narrative.platform_label("my_shop") == "my_shop"
    assert not hasattr(__import__("helpers.growth.study", fromlist=["x"]), "PLATFORM_LABELS")


def test_load_table_plain_file_names_its_series_and_states_its_defaults(tmp_path):
    from helpers.errors import DataError
    from helpers.growth.study import load_table

    f = tmp_path / "jd.csv"
    f.write_text("year,value\n2017,1271\n2019,2044\n2020,2715\n2021,3491\n", encoding="utf-8")
    table, filled = load_table(f, "jd", unit="亿元")
    assert table["platform"].astype(str).unique().tolist() == ["jd"]
    assert table["gmv_100m_yuan"].tolist() == pytest.approx([1271, 2044, 2715, 3491])
    assert filled == {
        "unit": "亿元",
        "unit_from": "parameter gmv_unit",
        "window": "none stated",
        "confidence": "unverified",
        "source": "user file jd.csv",
    }
    g = tmp_path / "yi.csv"
    g.write_text("year,gmv_100m_yuan\n2017,1271\n2019,2044\n", encoding="utf-8")
    assert load_table(g, "jd")[1]["unit_from"] == "the column name gmv_100m_yuan"
    with pytest.raises(DataError, match="needs its unit"):
        load_table(f, "jd")
    with pytest.raises(DataError, match="only for a plain year,value file"):
        load_table("data/sales/gmv.csv", "jd", unit="亿元")
    full, none = load_table("data/sales/gmv.csv", "jd")
    assert none is None and {"alibaba", "jd"} <= set(full["platform"].astype(str))


def test_a_series_without_windows_skips_the_window_checks_and_says_so(tmp_path):
    from helpers.growth.study import load_table

    f = tmp_path / "jd.csv"
    f.write_text("year,value\n2017,1271\n2019,2044\n2020,2715\n2021,3491\n", encoding="utf-8")
    table, filled = load_table(f, "jd", unit="亿元")
    study = run_study(table, Settings(platform="jd", n_sims=500, n_boot=50), source="jd.csv", filled=filled)
    assert study.window is None and study.window_assumed and study.breaks == []
    head = narrative.headline(study)
    assert head.startswith("**JD.com: Double 11 GMV 2017–2021, from jd.csv (no measurement window stated).**")
    assert "values in 亿元 (from parameter gmv_unit), no sales window, confidence 'unverified'" in head
    series = narrative.series(study)
    assert "The model series is the 4 years in the file: 2017, 2019, 2020, 2021." in series
    assert "states no measurement window for JD.com" in series and "(an assumption)" in series
    assert "no change of measurement window" not in series


def test_claim_hit_and_ceiling_sentences_are_rounded_alike():
    from helpers import sales

    study = run_study(sales.load_gmv(), Settings(n_sims=500, n_boot=50, coverage_changes={"alibaba": [2011]}))
    own = study.claim["own_hit"]
    assert 0.03 < own < 0.15  # a hit within 0.2% is rare even for the true curve (90% interval ±3.6%)
    text = " ".join(narrative.findings(study))
    assert "cannot tell a managed figure from a lucky forecast (not identified)" in text
    assert "evidence neither" not in text
    k = study.ceilings.loc["logistic"]
    once = narrative._est(float(k["K"]), float(k["se_K"]))
    assert text.count(once) >= 2  # the same estimate is written the same way wherever it appears
    assert "0.0%" not in narrative.conclusions(study)
