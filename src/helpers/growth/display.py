"""The tables notebook 02 shows: strings rounded to what they mean, never 9.12e+10.

GMV in whole 亿元 (one decimal below 100), growth and shares to 0.1 percentage
point, parameters to the precision of their standard errors, p-values to three
decimals, condition numbers as powers of ten. Each function takes a
:class:`~helpers.growth.study.Study` and returns a :class:`pandas.DataFrame` of
text, indexed by what a row is.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from helpers import prose
from helpers.growth.models import model_label
from helpers.growth.narrative import amount, growth_pct, share_text, yi
from helpers.growth.results import round_to_se
from helpers.growth.study import Study

__all__ = [
    "cagr_table",
    "ic_table",
    "params_table",
    "claim_table",
    "design_table",
    "null_table",
    "liu_wu_table",
    "ranking_table",
]


def cagr_table(study: Study) -> pd.DataFrame:
    """CAGR periods: values in 亿元, multiple, CAGR to 0.1 pp."""
    t = study.cagr
    if t.empty:
        return pd.DataFrame({"note": ["no period of two or more comparable years"]})
    return pd.DataFrame(
        {
            "period": [f"{r.start}–{r.end}" for r in t.itertuples()],
            "start, 亿元": [amount(v) for v in t["start_value"]],
            "end, 亿元": [amount(v) for v in t["end_value"]],
            "multiple": [prose.num(v, 1) for v in t["multiple"]],
            "CAGR": [growth_pct(v) for v in t["cagr"]],
        }
    ).set_index("period")


def ic_table(study: Study) -> pd.DataFrame:
    """Information criteria, rounded to 0.1 (R² to 4 decimals)."""
    ic = study.ic
    out = pd.DataFrame(index=pd.Index([model_label(str(m)) for m in ic.index], name="model"))
    out["years"] = ic["n"].to_numpy()
    out["parameters (with σ)"] = ic["k"].to_numpy()
    for col, name in (("aicc", "AICc"), ("bic", "BIC"), ("delta_aicc", "ΔAICc")):
        out[name] = [prose.num(v, 1) if np.isfinite(v) else "n/a (too few years)" for v in ic[col]]
    out["R²"] = [prose.num(v, 4) for v in ic["r2"]]
    return out


def params_table(study: Study) -> pd.DataFrame:
    """Estimates ± standard errors, each rounded to its SE's precision."""
    rows = []
    unident = set() if study.ceilings is None else set(study.ceilings.index[~study.ceilings["identified"]])
    for m, r in study.fits.items():
        tab = r.summary(rounded=True)
        for name, row in tab.iterrows():
            if name == "x0_first":
                continue
            if m in unident and name in ("K", "t0", "tm"):
                rows.append(
                    {
                        "model": model_label(m),
                        "parameter": str(name) + (" (year)" if name != "K" else ""),
                        "estimate": "not identified"
                        + (" (at its bound)" if name == "K" and r.meta.get("at_bound") else ""),
                        "standard error": "—",
                    }
                )
                continue
            est, se = float(row["estimate"]), float(row["stderr"])
            _, _, dec = round_to_se(float(r.params[name]), float(r.stderr[name]))
            d = max(dec, 0)
            year = name in ("t0", "tm")  # inflection years: no thousands separator
            rows.append(
                {
                    "model": model_label(m),
                    "parameter": str(name) + (" (year)" if year else ""),
                    "estimate": f"{est:.{d}f}" if year else prose.num(est, d),
                    "standard error": prose.num(se, d) if np.isfinite(se) else "—",
                }
            )
    return pd.DataFrame(rows).set_index(["model", "parameter"])


def claim_table(study: Study) -> pd.DataFrame:
    """The claim's fit and its variants: R², forecast, interval, error."""
    c, s = study.claim, study.settings
    rows = {}
    for name, r in c["variants"].items():
        p = r.predict([s.claim_target_year], s.interval).iloc[0]
        rows[name] = {
            "R²": prose.num(r.r2, 4),
            f"forecast {s.claim_target_year}": yi(p["forecast"]),
            f"{round(100 * s.interval)}% interval": f"{amount(p['lower'])}–{amount(p['upper'])}",
            "error vs announced": prose.pct(p["forecast"] / c["actual"] - 1, signed=True),
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("fit")


def design_table(study: Study) -> pd.DataFrame:
    """Condition numbers (as powers of ten) and dropped terms by year origin."""
    d = study.claim["design"]
    return pd.DataFrame(
        {
            "centre (year)": [f"{v:.1f}" for v in d["centre"]],
            "condition number": [
                f"about 10^{int(math.floor(math.log10(v)))}" if v >= 1e4 else prose.num(v, 0)
                for v in d["condition_number"]
            ],
            "powers dropped by R's lm": [", ".join(map(str, v)) or "none" for v in d["dropped_by_r_lm"]],
        },
        index=d.index,
    )


def null_table(study: Study) -> pd.DataFrame:
    """Each null: median R², share reaching the real R², share forecasting as closely, share with a negative second difference."""
    t = study.claim["null_table"]
    return pd.DataFrame(
        {
            "median R²": [prose.num(v, 4) for v in t["median_r2"]],
            "share with R² ≥ real": [share_text(v, n) for v, n in zip(t["share_r2_at_least_observed"], t["n"])],
            "share forecasting as closely": [
                share_text(v, n) for v, n in zip(t["share_error_within_observed"], t["n"])
            ],
            "share with a negative second difference": [
                share_text(v, n) for v, n in zip(t["share_negative_second_difference"], t["n"])
            ],
        },
        index=t.index,
    )


def liu_wu_table(study: Study) -> pd.DataFrame:
    """GM(1,1) by window: first year, growth, forecasts; then Liu & Wu and the announced values."""
    lw = study.liu_wu
    t = lw["table"]
    out = pd.DataFrame(
        {"first year": [str(int(v)) for v in t["first_year"]], "growth a year": [prose.pct(v) for v in t["growth"]]},
        index=pd.Index([f"GM(1,1), {n} years" for n in t.index], name="forecast"),
    )
    for y in lw["targets"]:
        out[f"{y}, 亿元"] = [amount(v) for v in t[y]]
    extra = pd.DataFrame(
        {
            "first year": ["", ""],
            "growth a year": ["", ""],
            **{f"{y}, 亿元": [amount(lw["published"][y]), amount(lw["announced"][y])] for y in lw["targets"]},
        },
        index=pd.Index(["Liu & Wu (2018), published", "announced"], name="forecast"),
    )
    return pd.concat([out, extra])


def ranking_table(study: Study, horizon: int = 1) -> pd.DataFrame:
    """Backtest accuracy and the DM tests against the best model, for one horizon."""
    r = study.rankings[horizon]
    e = study.errors.loc[horizon]
    t = r.table
    return pd.DataFrame(
        {
            "forecasts": t["n"].astype(int).to_numpy(),
            "MAPE": [prose.pct(v) for v in t["mape"]],
            "bias (mean log error)": [prose.num(e.loc[m, "bias"], 2, signed=True) for m in t.index],
            f"{round(100 * study.settings.interval)}% interval coverage": [
                prose.pct(e.loc[m, "coverage"], 0) for m in t.index
            ],
            "DM* vs best": ["—" if not np.isfinite(v) else prose.num(v, 2, signed=True) for v in t["dm_statistic"]],
            "p (Holm)": [
                "—" if not np.isfinite(v) else ("< 0.001" if v < 0.001 else prose.num(v, 3)) for v in t["p_holm"]
            ],
        },
        index=pd.Index([model_label(str(m)) for m in t.index], name="model"),
    )
