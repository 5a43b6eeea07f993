"""The sentences notebook 02 shows, computed from a :class:`~helpers.growth.study.Study` (its tables: :mod:`~helpers.growth.display`).

Every number is rounded to what it means (GMV to whole 亿元, or 0.1 亿元 below
100; growth and errors to 0.1 percentage point; parameters to the precision of
their standard errors); every direction word is computed; every platform name,
year and window comes from the data. A part the data cannot support returns
the study's one-sentence reason instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers import prose
from helpers.growth.models import model_label
from helpers.growth.results import round_to_se
from helpers.growth.study import Study

__all__ = [
    "yi",
    "amount",
    "growth_pct",
    "share_text",
    "platform_label",
    "ceiling_verdict",
    "headline",
    "input_note",
    "findings",
    "claim_intro",
    "liu_wu_intro",
    "organisation",
    "series",
    "yoy",
    "others",
    "models",
    "ceiling_path",
    "claim",
    "design",
    "nulls",
    "liu_wu",
    "backtest",
    "forecasts",
    "conclusions",
]


def yi(value: float) -> str:
    """GMV in 亿元 (1e8 yuan): whole 亿 from 100 up, 0.1 亿 below.

    Examples
    --------
    >>> yi(2684.0), yi(0.52), yi(912.17)
    ('2,684 亿元', '0.5 亿元', '912 亿元')
    """
    return prose.yuan(value, 0 if abs(value) >= 100 else 1, "亿元")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _and(items: Sequence[object]) -> str:
    words = [str(i) for i in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _span(a: int, b: int) -> str:
    return str(a) if a == b else f"{a}–{b}"


def growth_pct(share: float, signed: bool = False) -> str:
    """A growth rate as a percentage: 0.1 pp, whole percent from 1,000% up.

    Examples
    --------
    >>> growth_pct(0.2567), growth_pct(17.0), growth_pct(0.05, signed=True)
    ('25.7%', '1,700%', '+5.0%')
    """
    return prose.pct(share, 0 if abs(share) >= 10 else 1, signed=signed)


def amount(value: float) -> str:
    """An amount in 亿元 without the unit: whole numbers from 100 up, one decimal below.

    Examples
    --------
    >>> amount(912.17), amount(52.0)
    ('912', '52.0')
    """
    return prose.num(value, 0 if abs(value) >= 100 else 1)


def _lab(names: Sequence[str]) -> str:
    words = [model_label(m) for m in names]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def share_text(p: float, n: int) -> str:
    """A simulated share: 0.1 pp; "< 0.1%" when smaller but not zero; "none of n" when no series qualifies.

    Examples
    --------
    >>> share_text(0.1964, 10000), share_text(0.0004, 10000), share_text(0.0, 10000)
    ('19.6%', '< 0.1%', 'none of 10,000')
    """
    if p == 0:
        return f"none of {prose.integer(n)}"
    return "< 0.1%" if p < 0.0005 else prose.pct(p)


def _one_in(share: float) -> str:
    if share <= 0:
        return "none of the simulated series"
    return f"about 1 in {prose.num(round(1 / share), 0)}"


def _growth_rows(study: Study) -> pd.Series:
    t = study.yoy.loc[study.yoy.index.isin(study.series.index), "growth"].dropna()
    return t


# ---------------------------------------------------------------- headline and findings
def headline(study: Study) -> str:
    """The first line under Findings: what series, which years, which window.

    Examples
    --------
    >>> from helpers import sales
    >>> from helpers.growth.study import Settings, run_study
    >>> study = run_study(sales.load_gmv(platform="jd"), Settings(platform="jd"))
    >>> headline(study)
    '**JD.com: Double 11 GMV 2017–2021, 11 days, 1-11 Nov, from data/sales/gmv.csv.**'
    """
    if study.window is None:
        text = prose.say(
            "**{label}: Double 11 GMV {span}, from {src} (no measurement window stated).**",
            label=_cap(study.label),
            span=_span(study.first_year, study.last_year),
            src=study.source,
        )
    else:
        text = prose.say(
            "**{label}: Double 11 GMV {span}, {window}, from {src}.**",
            label=_cap(study.label),
            span=_span(study.first_year, study.last_year),
            window=study.window_text,
            src=study.source,
        )
    note = input_note(study)
    return text + (" " + note if note else "")


def input_note(study: Study) -> str:
    """The defaults filled in for a plain ``year,value`` file, in one sentence ('' for a full-schema file).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> input_note(SimpleNamespace(filled={"unit": "亿元", "unit_from": "parameter gmv_unit", "window": "none stated",
    ...                                     "confidence": "unverified", "source": "user file jd.csv"}))
    "The file is a plain year,value table, so the loader filled in the rest with stated defaults: values in 亿元 (from parameter gmv_unit), no sales window, confidence 'unverified', source 'user file jd.csv'."
    """
    f = study.filled
    if not f:
        return ""
    return prose.say(
        "The file is a plain year,value table, so the loader filled in the rest with stated defaults: values in "
        "{unit} (from {unit_from}), no sales window, confidence '{conf}', source '{src}'.",
        unit=f["unit"],
        unit_from=f["unit_from"],
        conf=f["confidence"],
        src=f["source"],
    )


def _growth_finding(study: Study) -> str:
    s = study.series
    v0, v1 = float(s.iloc[0]), float(s.iloc[-1])
    if len(s) == 1:
        return prose.say(
            "{label}'s Double 11 GMV was {v} in {y} ({window}); it is the only year measured over that "
            "window, so no growth can be measured.",
            label=_cap(study.label),
            v=yi(v0),
            y=study.first_year,
            window=study.window_text,
        )
    cov = [y for y in study.coverage_breaks if study.first_year < y <= study.last_year]
    start = max(cov) if cov else study.first_year
    v0 = float(s.loc[start])
    fold = v1 / v0
    text = prose.say(
        "{label}'s Double 11 GMV went from {a} in {y0} to {b} in {y1} ({window}), {fold} times as much",
        label=_cap(study.label),
        a=yi(v0),
        y0=start,
        b=yi(v1),
        y1=study.last_year,
        window=study.window_text,
        fold=prose.num(fold, 0 if fold >= 10 else 1),
    )
    if cov:
        text += prose.say(
            " (from {y}, when the figure's coverage last widened; the narrower {y0} figure was {v})",
            y=start,
            y0=study.first_year,
            v=yi(float(s.iloc[0])),
        )
    g = _growth_rows(study)
    if len(g) >= 2:
        text += prose.say(
            "; comparable year-on-year growth {verb} from {g0} in {y0} to {g1} in {y1}",
            verb=prose.direction(g.iloc[-1] - g.iloc[0]),
            g0=growth_pct(g.iloc[0]),
            y0=int(g.index[0]),
            g1=growth_pct(g.iloc[-1]),
            y1=int(g.index[-1]),
        )
        step = pd.Series(np.diff(g.index.to_numpy()), index=g.index[1:])
        d = g.diff().iloc[1:][step.to_numpy() == 1]
        if len(d) >= 2:
            text += prose.say(" and slowed in {k} of {m} pairs of consecutive years", k=int((d < 0).sum()), m=len(d))
    elif len(g) == 1:
        text += prose.say(
            "; the only comparable year-on-year growth is {g} in {y}", g=growth_pct(g.iloc[0]), y=int(g.index[0])
        )
    return text + "."


def _est(est: float, se: float) -> str:
    """``est ± se`` rounded to the standard error's precision."""
    e, r, dec = round_to_se(est, se)
    d = max(dec, 0)
    return f"{prose.num(e, d)} ± {prose.num(r, d)}" if np.isfinite(r) else prose.num(e, d)


def _ceiling_finding(study: Study, *, moves: bool = True) -> str | None:
    c = study.ceilings
    if c is None:
        return None
    ident = c[c["identified"]]
    if ident.empty:
        return prose.say(
            "The data show no saturation level: the {models} ceiling{s} {are} not identified (at the bound of "
            "the fit, with a standard error over half the estimate, or clearly below values already observed), "
            "so no market size can be read off.",
            models=_lab(list(c.index)),
            s="s" if len(c) > 1 else "",
            are="are" if len(c) > 1 else "is",
        )
    parts = [
        prose.say(
            "{m} K = {k} 亿元 ({x} times the last value)",
            m=model_label(str(m)),
            k=_est(float(row["K"]), float(row["se_K"])),
            x=prose.num(row["multiple_of_last"], 1),
        )
        for m, row in ident.iterrows()
    ]
    parts += [prose.say("the {m} ceiling is not identified", m=model_label(str(m))) for m in c.index[~c["identified"]]]
    text = prose.say("With data to {y} the fitted ceilings are ", y=study.last_year) + "; ".join(parts)
    moved = _ceiling_moves(study) if moves else ""
    return text + (". " + moved if moved else ".")


def ceiling_verdict(study: Study) -> str:
    """``"none"`` (no saturating fit), ``"unidentified"``, ``"untested"``, ``"moving"`` or ``"stable"``.

    A ceiling is *stable* when every saturating fit is identified and its estimate with all the data lies within
    ±2 standard errors of the estimate made three years of data earlier; *moving* when one does not; *untested*
    when the series allows no such comparison.
    """
    c = study.ceilings
    if c is None:
        return "none"
    if not c["identified"].all():
        return "unidentified"
    if "moved" not in c or c["moved"].isna().any():
        return "untested"
    return "moving" if c["moved"].astype(bool).any() else "stable"


def _ceiling_moves(study: Study) -> str:
    """How the ceiling estimates moved as years were added ('' when not tracked)."""
    c = study.ceilings
    if c is None or "steps" not in c or not study.ceiling_paths:
        return ""
    p0 = min(int(p.index[0]) for p in study.ceiling_paths.values())
    parts = [
        prose.say("the {m} ceiling rose {up} of {n} times", m=model_label(str(m)), up=int(r.steps_up), n=int(r.steps))
        for m, r in c.iterrows()
    ]
    text = prose.say("Adding one year at a time to the fit from {y0}, ", y0=p0) + " and ".join(parts)
    verdict = ceiling_verdict(study)
    if verdict in ("moving", "stable"):
        cmp = [
            prose.say(
                "{m} {k} against {k0} with data to {y0}",
                m=model_label(str(m)),
                k=_est(float(r.K), float(r.se_K)),
                k0=_est(float(r.K_earlier), float(r.se_earlier)),
                y0=int(r.earlier_origin),
            )
            for m, r in c.iterrows()
        ]
        text += " (" + "; ".join(cmp) + ")"
    if verdict == "moving":
        rising = bool((c["steps_up"] > c["steps"] / 2).any())
        text += (
            ": a ceiling that rises as years are added reflects the recent slowdown, not a measured market size"
            if rising
            else ": the estimates move by more than their standard errors, so they measure no market size"
        )
    elif verdict == "untested":
        text += ": too few refits to judge whether the ceiling holds still"
    elif verdict == "stable":
        text += ": the last estimates lie within two standard errors of those three years earlier"
    return text + "."


def _fit_finding(study: Study) -> str | None:
    if study.ic is None or study.ic.empty:
        return None
    ic = study.ic
    best = str(ic.index[0])
    if not np.isfinite(ic["aicc"].iloc[0]):
        return prose.say(
            "With {n} years AICc is not defined for any model (too few years for the parameters), so the "
            "fits are not compared.",
            n=len(study.series),
        )
    close = [str(m) for m, d in ic["delta_aicc"].iloc[1:].items() if np.isfinite(d) and d < 2]
    if close:
        return prose.say(
            "In sample the {best} curve has the lowest AICc, but the {close} fit{s} about as well "
            "(ΔAICc < 2): the data do not single out one curve.",
            best=model_label(best),
            close=_lab(close),
            s="" if len(close) > 1 else "s",
        )
    text = prose.say("In sample, AICc prefers the {best} curve", best=model_label(best))
    nxt = ic["delta_aicc"].iloc[1:2]
    if len(nxt) and np.isfinite(nxt.iloc[0]):
        text += prose.say(" (next: {m}, ΔAICc {d})", m=model_label(str(nxt.index[0])), d=prose.num(nxt.iloc[0], 1))
    elif len(ic) > 1:
        text += " (AICc is not defined for the others: too few years for their parameters)"
    return text + "."


def _ranking_words(study: Study, h: int = 1) -> str:
    r = study.rankings.get(h)
    if r is None:
        return study.skipped.get("backtest", "No backtest was run.")
    mape = float(r.table.loc[r.best, "mape"])
    first = int(study.backtest.loc[study.backtest["horizon"] == h, "origin"].min())
    last = int(study.backtest.loc[study.backtest["horizon"] == h, "origin"].max())
    text = prose.say(
        "Forecasting {h} year{s} ahead from {n} origin{s2} ({span}), the {best} curve had the lowest error "
        "(MAPE {mape})",
        h=h,
        s="s" if h > 1 else "",
        n=r.n_origins,
        s2="s" if r.n_origins != 1 else "",
        span=_span(first, last),
        best=model_label(r.best),
        mape=prose.pct(mape),
    )
    if r.n_origins < study.settings.min_origins:
        return text + prose.say(
            ", but {n} {are} too few to rank the models (at least {k} needed).",
            n=f"{r.n_origins} origin{'s' if r.n_origins != 1 else ''}",
            are="are" if r.n_origins != 1 else "is",
            k=study.settings.min_origins,
        )
    if r.rankable:
        return text + prose.say(
            ", and it is significantly more accurate than the {beaten} (Diebold–Mariano with the HLN correction, "
            "Holm-adjusted p < {a}).",
            beaten=_lab(r.beaten),
            a=prose.num(study.settings.alpha, 2),
        )
    text += prose.say(
        ", but it cannot be told apart from the {tied} (Diebold–Mariano with the HLN correction, "
        "Holm-adjusted p ≥ {a}), so the models cannot be ranked",
        tied=_lab(r.tied),
        a=prose.num(study.settings.alpha, 2),
    )
    if r.beaten:
        text += prose.say("; it does beat the {beaten} significantly", beaten=_lab(r.beaten))
    return text + "."


_NULL_MEANING = {
    ("log", 1): "growth rates are resampled",
    ("level", 1): "yearly increments are resampled",
    ("log", 2): "changes in the growth rate are resampled",
    ("level", 2): "changes in the increments are resampled, so that the increments keep their trend",
}
_NULL_SAYS = {
    ("log", 1): "the series grew at similar rates each year",
    ("level", 1): "the series rose by similar amounts each year",
    ("log", 2): "growth slowed along a steady trend",
    ("level", 2): "the yearly increments grew along a steady trend",
}


def _null_verdict(study: Study) -> dict[str, object]:
    """Which nulls make the R² common (share >= 5%), which make it rare, and the hit rate under the loosest."""
    c = study.claim
    t = c["null_table"].drop(c["old_label"])
    keys = {nulls_label: key for key, nulls_label in _null_labels().items()}
    loose = str(t["share_r2_at_least_observed"].idxmax())
    common = [str(n) for n, v in t["share_r2_at_least_observed"].items() if v >= 0.05]
    rare = [str(n) for n in t.index if str(n) not in common]
    return {
        "table": t,
        "loose": loose,
        "loose_key": keys.get(loose),
        "common": common,
        "rare": rare,
        "p": float(t.loc[loose, "share_r2_at_least_observed"]),
        "q": float(t.drop(loose)["share_r2_at_least_observed"].max()) if len(t) > 1 else np.nan,
        "hit": float(t.loc[loose, "share_error_within_observed"]),
        "hit_max": float(t["share_error_within_observed"].max()),
    }


def _null_labels() -> dict[tuple[str, int], str]:
    from helpers.growth.nulls import NULLS

    return dict(NULLS)


def _claim_finding(study: Study) -> str | None:
    c = study.claim
    if c is None:
        return None
    s = study.settings
    v = _null_verdict(study)
    n = s.n_sims
    text = prose.say(
        "The viral {yt} {model} fit ({y0}–{y1}) forecast {yt} within {err} of the announced {a}, with R² = {r2}. ",
        yt=s.claim_target_year,
        model=model_label(f"poly{s.claim_degree}"),
        y0=s.claim_fit_years[0],
        y1=s.claim_fit_years[1],
        err=prose.pct(abs(c["error"])),
        a=yi(c["actual"]),
        r2=prose.num(c["fit"].r2, 4),
    )
    if v["common"]:
        text += prose.say(
            "Against null models estimated from the series itself, that R² is common only where {meaning} "
            "({p} of simulated series reach it; at most {q} under the other nulls)",
            meaning=_NULL_MEANING.get(v["loose_key"], v["loose"]),
            p=share_text(v["p"], n),
            q=share_text(v["q"], n),
        )
    else:
        text += prose.say(
            "Against null models estimated from the series itself, that R² is rare: at most {p} of "
            "simulated series reach it",
            p=share_text(v["p"], n),
        )
    text += ". " + _hit_sentence(study)
    return text


def _hit_sentence(study: Study) -> str:
    """How rare the claim's close forecast is, under the nulls and under the fit itself; why one hit identifies nothing."""
    c, s = study.claim, study.settings
    v = _null_verdict(study)
    own = c.get("own_hit", np.nan)
    text = prose.say(
        "A forecast within {err} comes in at most {hit} of the simulated series ({one_in})",
        err=prose.pct(abs(c["error"])),
        hit=share_text(v["hit_max"], s.n_sims),
        one_in=_one_in(v["hit_max"]),
    )
    if np.isfinite(own):
        text += prose.say(
            ", and {own} of the time even if the {model} were the true curve (its own prediction distribution), "
            "so closeness is mostly luck",
            own=prose.pct(own, 0 if own >= 0.1 else 1),
            model=model_label(f"poly{s.claim_degree}"),
        )
    return text + (
        ": one hit, known because the post went viral, cannot tell a managed figure from a lucky forecast "
        "(not identified)."
    )


def _forecast_finding(study: Study) -> str | None:
    if not study.fans:
        return None
    y = min(int(f.index[0]) for f in study.fans.values())
    pts = pd.Series({m: float(f.loc[y, "forecast"]) for m, f in study.fans.items()})
    tag = round(100 * study.settings.interval)
    lo = min(float(f.loc[y, f"lower_{tag}"]) for f in study.fans.values())
    hi = max(float(f.loc[y, f"upper_{tag}"]) for f in study.fans.values())
    text = prose.say(
        "On the same basis ({window}), the models' point forecasts for {y} range from {lo} ({mlo}) to {hi} "
        "({mhi}), and their {tag}% intervals together span {ilo} to {ihi}",
        window=study.window_text,
        y=y,
        lo=yi(pts.min()),
        mlo=model_label(str(pts.idxmin())),
        hi=yi(pts.max()),
        mhi=model_label(str(pts.idxmax())),
        tag=tag,
        ilo=yi(lo),
        ihi=yi(hi),
    )
    if study.errors is not None and 1 in study.errors.index.get_level_values("horizon"):
        e = study.errors.loc[1]
        held = (e["coverage"] * e["n"]).round().dropna()
        if len(held):
            text += prose.say(
                " (in the one-year backtest such intervals held the outcome in {lo} to {hi} of {n} forecasts, "
                "depending on the model)",
                lo=int(held.min()),
                hi=int(held.max()),
                n=int(e["n"].max()),
            )
    if study.later is not None:
        ly = int(study.later.index[0])
        w = study.windows.get(ly)
        wtxt = f"{int(w)}-day window" if w is not None and not pd.isna(w) else "window not stated"
        text += prose.say(
            "; the published {ly} figure ({v}, {w}) is measured differently and is not an outcome of these forecasts",
            ly=ly,
            v=yi(float(study.later.iloc[0])),
            w=wtxt,
        )
    return text + "."


def findings(study: Study) -> list[str]:
    """3-6 sentences that answer the notebook's question for this series, each with its number.

    Returns
    -------
    list of str
    """
    items = [_growth_finding(study), _fit_finding(study), _ceiling_finding(study)]
    if "models" not in study.skipped:
        items.append(_ranking_words(study))
    items += [_claim_finding(study), _forecast_finding(study)]
    if "models" in study.skipped:
        items.append(study.skipped["models"])
    return [i for i in items if i][:6]


_SECTIONS = {"claim": "3 (the cubic claim)", "liu_wu": "4 (GM(1,1) and Liu & Wu)", "backtest": "5 (backtests)"}


def organisation(study: Study) -> str:
    """How the notebook is organised, and which sections this series cannot use.

    Returns
    -------
    str
    """
    text = (
        "Section 1 shows the series and its growth rates, 2 fits growth curves, 3 re-examines the viral "
        '"perfect cubic" against null models, 4 checks GM(1,1) against Liu & Wu (2018), 5 backtests every '
        "model with significance tests and 6 forecasts; then conclusions and references."
    )
    skipped = [v for k, v in _SECTIONS.items() if k in study.skipped]
    if "models" in study.skipped:
        skipped = ["2", *skipped, "6"]
    if skipped:
        text += (
            " For this series section"
            + ("s " if len(skipped) > 1 else " ")
            + ", ".join(skipped)
            + (" do" if len(skipped) > 1 else " does")
            + " not apply and say"
            + ("" if len(skipped) > 1 else "s")
            + " why."
        )
    return text


# ---------------------------------------------------------------- section sentences
def claim_intro(study: Study) -> str:
    """What the cubic claim was, from the settings; or why the section does not apply."""
    if study.claim is None:
        return study.skipped["claim"]
    s = study.settings
    return prose.say(
        "Before Double 11 {y} a post fitted a polynomial of degree {d} to {label}'s {y0}–{y1} GMV "
        "(R² = {r2}) and forecast {y}; the announced figure landed close to it, and the post went viral "
        "as evidence that the number was managed (Alibaba Cloud developer community 2019; Yao 2019; "
        "Zheng 2019). Here it is refitted on a centred year, the raw-year pitfall is checked, and the "
        "fit is set against null models estimated from the same years.",
        y=s.claim_target_year,
        d=s.claim_degree,
        label=study.label,
        y0=s.claim_fit_years[0],
        y1=s.claim_fit_years[1],
        r2=prose.num(s.claim_r2, 4),
    )


def liu_wu_intro(study: Study) -> str:
    """What Liu & Wu forecast, from the settings; or why the section does not apply."""
    if study.liu_wu is None:
        return study.skipped["liu_wu"]
    s = study.settings
    return prose.say(
        "Liu & Wu (2018) fitted an improved GM(1,1) model to {label}'s Double 11 turnover and forecast "
        "{years}. Their variant and window are not in the abstract, so the standard model is run on "
        "windows of {a} years ending in {end} (an assumption: liu_wu_fit_end).",
        label=study.label,
        years=_and(study.liu_wu["targets"]),
        a=_span(min(study.liu_wu["table"].index), max(study.liu_wu["table"].index)),
        end=s.liu_wu_fit_end,
    )


def series(study: Study) -> str:
    """What the series chart shows: comparable years, breaks, gaps."""
    text = prose.say(
        "The model series is the {n} {how}: {years}.",
        n=f"{len(study.series)} year{'s' if len(study.series) != 1 else ''}",
        how="in the file" if study.window is None else f"measured over {study.window_text}",
        years=_span(study.first_year, study.last_year)
        if study.last_year - study.first_year + 1 == len(study.series)
        else ", ".join(map(str, study.series.index)),
    )
    if study.breaks:
        text += prose.say(
            " The measurement window changed in {years}; values on either side of a change are not "
            "comparable and are never pooled.",
            years=_and(study.breaks),
        )
    else:
        text += " " + _cap(study.skipped.get("window_change", ""))
    if study.coverage_breaks:
        text += prose.say(
            " In {years} the figure's coverage widened (see data/README.md), so growth into that year is not computed.",
            years=_and(study.coverage_breaks),
        )
    absent = [
        y
        for y in range(int(study.values.index.min()), int(study.values.index.max()) + 1)
        if y not in study.values.index
    ]
    if absent:
        text += prose.say(" The file has no row for {years}.", years=_and(absent))
    gaps = [int(y) for y in study.values.index[study.values.isna()]]
    if gaps:
        text += prose.say(" No figure was published for {gaps}: drawn as gaps, not zeros.", gaps=_and(gaps))
    article = study.settings.article_year
    if article in study.series.index:
        g = study.yoy["growth"].get(article, np.nan)
        text += prose.say(
            " The seed article's year, {y}, stands at {v}", y=article, v=yi(float(study.series.loc[article]))
        )
        text += prose.say(" ({g} on the year before).", g=growth_pct(g, signed=True)) if np.isfinite(g) else "."
    return text.strip()


def yoy(study: Study) -> str:
    """Growth rates and CAGR in one sentence."""
    g = _growth_rows(study)
    if g.empty:
        return "No two consecutive comparable years: no year-on-year growth rate can be computed."
    slow = g.idxmin()
    text = prose.say(
        "Comparable growth {verb} from {g0} in {y0} to {g1} in {y1}; the slowest year was {ys} ({gs}).",
        verb=prose.direction(g.iloc[-1] - g.iloc[0]),
        g0=growth_pct(g.iloc[0]),
        y0=int(g.index[0]),
        g1=growth_pct(g.iloc[-1]),
        y1=int(g.index[-1]),
        ys=int(slow),
        gs=growth_pct(g.loc[slow]),
    )
    if len(study.cagr):
        text += (
            " CAGR "
            + "; ".join(
                prose.say("{a}–{b}: {c}", a=r.start, b=r.end, c=growth_pct(r.cagr)) for r in study.cagr.itertuples()
            )
            + "."
        )
    return text


def others(study: Study) -> str:
    """Which other series are drawn beside this one."""
    if not study.others:
        return prose.say(
            "The file holds no other platform's series, so there is nothing to draw beside {label}.", label=study.label
        )
    return prose.say(
        "Beside {label}: {others}, each with its own windows (hollow points: a different or unknown "
        "window); they are drawn, never pooled.",
        label=study.label,
        others=_and(list(study.others)),
    )


def models(study: Study) -> str:
    """Which models were fitted, which could not be, and the ceilings."""
    if "models" in study.skipped:
        return study.skipped["models"]
    text = _fit_finding(study) or ""
    if study.model_reasons:
        text += " Not fitted: " + "; ".join(f"{model_label(m)} ({why})" for m, why in study.model_reasons.items()) + "."
    ceil = _ceiling_finding(study, moves=False)
    if ceil:
        text += " " + ceil
    if "gm11" in study.fits:
        text += prose.say(
            " GM(1,1) on the last {n} years implies constant growth of {g} a year.",
            n=study.fits["gm11"].n,
            g=prose.pct(study.fits["gm11"].params["growth"]),
        )
    return text.strip()


def ceiling_path(study: Study) -> str:
    """How the ceiling estimates moved as years were added."""
    if "models" in study.skipped:
        return study.skipped["models"]
    if "ceiling_path" in study.skipped:
        return study.skipped["ceiling_path"]
    text = _ceiling_moves(study)
    bounds = {m: int(p["at_bound"].sum()) for m, p in study.ceiling_paths.items()}
    return (
        text
        + " "
        + "; ".join(
            prose.say("{m}: {k} of {n} fits at the bound", m=_cap(model_label(m)), k=k, n=len(study.ceiling_paths[m]))
            for m, k in bounds.items()
        )
        + "."
    )


def claim(study: Study) -> str:
    """The cubic reproduced, its cubic term, the lower-degree fit."""
    if study.claim is None:
        return study.skipped["claim"]
    c, s = study.claim, study.settings
    fit = c["fit"]
    top = f"b{s.claim_degree}"
    zero = abs(fit.params[top]) < 2 * fit.stderr[top]
    text = prose.say(
        "The degree-{d} fit reproduces the claim: R² = {r2} (reported {rep}), forecast {f} for {y} against "
        "{a} announced ({e}). Its top coefficient is {b} ({within} two standard errors of zero).",
        d=s.claim_degree,
        r2=prose.num(fit.r2, 4),
        rep=prose.num(s.claim_r2, 4),
        f=yi(float(fit.mean([s.claim_target_year])[0])),
        y=s.claim_target_year,
        a=yi(c["actual"]),
        e=prose.pct(c["error"], signed=True),
        b=_est(fit.params[top], fit.stderr[top]),
        within="within" if zero else "more than",
    )
    lower = c["lower"]
    if lower is not None:
        e2 = float(lower.mean([s.claim_target_year])[0] / c["actual"] - 1)
        text += prose.say(
            " One degree lower reaches R² = {r2} and misses by {e}{tail}",
            r2=prose.num(lower.r2, 4),
            e=prose.pct(e2, signed=True),
            tail=": the series is essentially one degree simpler than the claim's curve." if zero else ".",
        )
    return text


def design(study: Study) -> str:
    """The raw-year pitfall in one sentence."""
    if study.claim is None:
        return study.skipped["claim"]
    d = study.claim["design"]
    raw, cen = d.iloc[0], d.iloc[-1]
    exp = int(math.floor(math.log10(raw["condition_number"])))
    dropped = raw["dropped_by_r_lm"]
    return prose.say(
        "With raw years the design matrix has a condition number of about 10^{e}{drop}; centring the year "
        "brings it to {c} and keeps every term. Every polynomial here is fitted on a centred year.",
        e=exp,
        c=prose.num(cen["condition_number"], 0),
        drop=(
            f", and a pivoting solver such as R's lm drops the power{'s' if len(dropped) > 1 else ''} "
            f"{', '.join(map(str, dropped))}"
        )
        if dropped
        else "",
    )


def nulls(study: Study) -> str:
    """What the calibrated nulls show, against the old benchmark."""
    if study.claim is None:
        return study.skipped["claim"]
    c = study.claim
    old = c["null_table"].loc[c["old_label"]]
    neg = c["second_differences"]
    neg_years = [int(y) for y in neg.index[neg < 0]]
    n_old = int(old["n"])
    text = prose.say(
        "The real series has {k} negative second difference{s}{years}. ",
        k=len(neg_years),
        s="s" if len(neg_years) != 1 else "",
        years=(" (" + ", ".join(f"{y}: {amount(float(neg.loc[y]))} 亿元" for y in neg_years) + ")")
        if neg_years
        else "",
    )
    if old["share_negative_second_difference"] == 0:
        text += prose.say(
            "The old benchmark never produces one (0 of {n} series) and reaches the real R² in {p}: its "
            "trend is built in. ",
            n=prose.integer(n_old),
            p=prose.pct(old["share_r2_at_least_observed"]),
        )
    v = _null_verdict(study)
    lines = [
        prose.say(
            "{null}: {p} reach the R² and {q} forecast as closely",
            null=str(n),
            p=share_text(r.share_r2_at_least_observed, n_old),
            q=share_text(r.share_error_within_observed, n_old),
        )
        for n, r in v["table"].iterrows()
    ]
    text += "Under the nulls estimated from the data, " + "; ".join(lines) + ". "
    if v["common"] and v["rare"]:
        text += prose.say(
            "So an R² this high is common under the null in which {meaning}, and rare under the {k} others "
            "(at most {q}): the fit says that {says}, not that the figure was managed.",
            meaning=_NULL_MEANING.get(v["loose_key"], v["loose"]),
            k=len(v["rare"]),
            q=share_text(v["q"], n_old),
            says=_NULL_SAYS.get(v["loose_key"], "it follows a trend"),
        )
    elif v["common"]:
        text += "So an R² this high is common under every null: it says nothing about this series."
    else:
        text += "So an R² this high is rare under every null: the series is smoother than any of them."
    return text


def liu_wu(study: Study) -> str:
    """GM(1,1) forecasts by window against Liu & Wu and the outcome."""
    if study.liu_wu is None:
        return study.skipped["liu_wu"]
    lw, s = study.liu_wu, study.settings
    y = lw["targets"][-1]
    err = lw["errors"][y]
    pub = float(lw["published"][y])
    over = int((lw["errors"] > 0).to_numpy().sum())
    if len(err) > 1:
        what = prose.say(
            "at {lo} to {hi} depending on the window ({elo} to {ehi} against the announced {a})",
            lo=yi(float(lw["table"][y].min())),
            hi=yi(float(lw["table"][y].max())),
            elo=prose.pct(err.min(), signed=True),
            ehi=prose.pct(err.max(), signed=True),
            a=yi(float(lw["announced"][y])),
        )
    else:
        what = prose.say(
            "at {f} with the only window that fits, {w} years ({e} against the announced {a})",
            f=yi(float(lw["table"][y].iloc[0])),
            w=int(lw["table"].index[0]),
            e=prose.pct(err.iloc[0], signed=True),
            a=yi(float(lw["announced"][y])),
        )
    text = prose.say(
        "Standard GM(1,1) fitted through {end} forecasts {y} {what}; Liu & Wu published {pub} ({epub}). "
        "{over} of {n} forecasts in the table are too high: GM(1,1) extrapolates constant growth.",
        end=s.liu_wu_fit_end,
        y=y,
        what=what,
        pub=yi(pub),
        epub=prose.pct(pub / float(lw["announced"][y]) - 1, signed=True),
        over=over,
        n=int(lw["errors"].size),
    )
    if len(err) > 1 and err.is_monotonic_increasing:
        text += " The miss grows with the window, because longer windows carry more of the early, faster growth."
    return text


def backtest(study: Study) -> str:
    """The ranking verdict for every horizon, and the other error scale."""
    if not study.rankings:
        return study.skipped.get("backtest", "No backtest was run.")
    text = " ".join(_ranking_words(study, h) for h in sorted(study.rankings))
    if "backtest_models" in study.skipped:
        text += " " + study.skipped["backtest_models"]
    alt = study.other_scale_ranking
    if alt is not None:
        other = "log" if study.settings.fit_scale == "level" else "level"
        same = alt.best == study.rankings[1].best if 1 in study.rankings else False
        text += prose.say(
            " Fitted on the {other} scale instead, the lowest one-year error is the {b}'s ({m}), {same}.",
            other=other,
            b=model_label(alt.best),
            m=prose.pct(float(alt.table.loc[alt.best, "mape"])),
            same="the same model" if same else "a different model",
        )
    return text


def forecasts(study: Study) -> str:
    """The forecast range for the next years."""
    return _forecast_finding(study) or study.skipped.get("models", "No model was fitted, so nothing is forecast.")


def conclusions(study: Study) -> str:
    """The notebook's conclusions: what the data support, what they do not, where a conclusion flips (Markdown)."""
    s = study.settings
    sup = [_growth_finding(study)]
    fit = _fit_finding(study)
    if fit:
        sup.append(fit)
    if study.rankings.get(1) is not None and study.rankings[1].beaten:
        r = study.rankings[1]
        sup.append(
            prose.say(
                "Out of sample the {best} curve forecast one year ahead significantly better than the {beaten} "
                "({n} origins, Holm-adjusted Diebold–Mariano tests).",
                best=model_label(r.best),
                beaten=_lab(r.beaten),
                n=r.n_origins,
            )
        )
    if study.claim is not None:
        v = _null_verdict(study)
        sup.append(
            prose.say(
                "The {y} {model} fit's R² ({r2}) is no evidence of a managed number: under null models estimated "
                "from the data an R² this high is common where {meaning} (section 3).",
                y=s.claim_target_year,
                model=model_label(f"poly{s.claim_degree}"),
                r2=prose.num(study.claim["fit"].r2, 4),
                meaning=_NULL_MEANING.get(v["loose_key"], v["loose"]),
            )
            if v["common"]
            else prose.say(
                "The {y} {model} fit's R² ({r2}) is rare under every null model estimated from the data (at most "
                "{p}): the series is smoother than any of them, which by itself does not say why (section 3).",
                y=s.claim_target_year,
                model=model_label(f"poly{s.claim_degree}"),
                r2=prose.num(study.claim["fit"].r2, 4),
                p=share_text(v["p"], s.n_sims),
            )
        )
    nots = []
    if study.claim is not None:
        nots.append(prose.say("Whether the {y} figure was managed. ", y=s.claim_target_year) + _hit_sentence(study))
    ceil = _ceiling_finding(study)
    if ceil and ceiling_verdict(study) == "stable":
        sup.append("A ceiling, with caution: " + ceil[0].lower() + ceil[1:])
    elif ceil:
        nots.append("A market size. " + ceil)
    if "models" not in study.skipped:
        nots.append(
            "A ranking of the models. " + _ranking_words(study)
            if study.rankings
            else "A ranking of the models. " + study.skipped.get("backtest", "")
        )
    after = [int(y) for y in study.values.index if y > study.last_year]
    if after:
        nots.append(
            prose.say(
                "Growth after {y} on the same basis: the later figures ({years}) use another window or "
                "were not published.",
                y=study.last_year,
                years=_span(min(after), max(after)),
            )
        )
    flips = []
    alt = study.other_scale_ranking
    if alt is not None and 1 in study.rankings:
        flips.append(
            prose.say(
                "Error scale: fitted on the {o} scale the lowest-error model is the {b} ({same} as on the {f} scale).",
                o="log" if s.fit_scale == "level" else "level",
                b=model_label(alt.best),
                same="the same" if alt.best == study.rankings[1].best else "not the same",
                f=s.fit_scale,
            )
        )
    if study.liu_wu is not None and len(study.liu_wu["table"]) > 1:
        e = study.liu_wu["errors"][study.liu_wu["targets"][-1]]
        flips.append(
            prose.say(
                "GM(1,1) window: its {y} forecast misses by {lo} to {hi} over windows of {a}–{b} years.",
                y=study.liu_wu["targets"][-1],
                lo=prose.pct(e.min(), signed=True),
                hi=prose.pct(e.max(), signed=True),
                a=int(e.index.min()),
                b=int(e.index.max()),
            )
        )
    if study.claim is not None:
        v = _null_verdict(study)
        flips.append(
            prose.say(
                "The null: the share of simulated series fitting the polynomial as well ranges from {lo} to {hi} "
                "across the {k} nulls; whether R² near 1 is ordinary depends on which features of the "
                "series the null keeps.",
                lo=share_text(float(v["table"]["share_r2_at_least_observed"].min()), s.n_sims),
                hi=share_text(v["p"], s.n_sims),
                k=len(v["table"]),
            )
        )
    if not flips:
        flips.append(
            prose.say(
                "No alternative setting is compared for this series: with {n} comparable year{s} every "
                "result above is fragile.",
                n=len(study.series),
                s="s" if len(study.series) != 1 else "",
            )
        )
    parts = [
        "**What the data support.**",
        "",
        prose.bullets(sup),
        "",
        "**What they do not support.**",
        "",
        prose.bullets([x for x in nots if x]),
        "",
        "**Where a conclusion flips.**",
        "",
        prose.bullets(flips),
    ]
    return "\n".join(parts)


def platform_label(code: str) -> str:
    """Display name of a platform code (``data/sales/platforms.csv`` via :func:`helpers.sales.platform_name`).

    Examples
    --------
    >>> platform_label("jd"), platform_label("myshop")
    ('JD.com', 'myshop')
    """
    from helpers import sales

    return sales.platform_name(code)
