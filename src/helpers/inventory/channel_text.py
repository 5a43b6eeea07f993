"""Notebook 03's section sentences and display tables, computed from :mod:`helpers.inventory.channel_study` results.

Sentences follow the conventions of :mod:`helpers.inventory.channel_findings`
(:mod:`helpers.prose` words and rounding; a missing value stops the sentence).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from helpers import prose
from helpers.errors import ParameterError
from helpers.inventory.channel_findings import (
    WJS_LOSS,
    WJS_SHARE,
    estimate_changes,
    flip_list,
    join_words,
    parameter_label,
    wjs_key_numbers,
    wjs_sentence,
)
from helpers.inventory.channel_study import CONCLUSIONS, ChannelStudy, EstimateCheck
from helpers.inventory.equilibria import agency_equilibrium, reselling_equilibrium, wjs_implied_elasticity
from helpers.sensitivity import crossings

__all__ = [
    "agency_sentence",
    "assumption_display",
    "commission_sentence",
    "compare_table",
    "crossborder_note",
    "estimate_conclusion_table",
    "estimate_outcome_table",
    "estimate_parameter_table",
    "estimate_sentence",
    "population_table",
    "salvage_sentence",
    "sensitivity_sentence",
    "uncertainty_sentence",
    "war_range_sentence",
    "window_sentence",
    "wjs_explanation",
    "wjs_table",
]


def _check(study: Any) -> ChannelStudy:
    if not isinstance(study, ChannelStudy):
        raise ParameterError(f"expected a ChannelStudy from run_study, got {type(study).__name__}")
    return study


def compare_table(compare: pd.DataFrame) -> pd.DataFrame:
    """:func:`~helpers.inventory.arrangements.compare_channels` rounded for display.

    Returns
    -------
    pandas.DataFrame
        Text cells: wholesale price to 0.1 yuan, stock to whole units, profits to whole yuan,
        probabilities and efficiency to 0.1 percentage point.

    Examples
    --------
    >>> from helpers.inventory.channel_study import example_study
    >>> compare_table(example_study().compare).columns.tolist()[:3]
    ['arrangement', 'party', 'trades']
    """

    def fmt(x: float, kind: str) -> str:
        if not math.isfinite(x):
            return "–"
        return {"yuan1": prose.num(x, 1), "units": prose.integer(x), "yuan": prose.integer(x), "pct": prose.pct(x)}[
            kind
        ]

    return pd.DataFrame(
        {
            "arrangement": compare["arrangement"],
            "party": compare["party"],
            "trades": compare["participates"].map({True: "yes", False: "no"}),
            "wholesale price, yuan": [fmt(x, "yuan1") for x in compare["wholesale_yuan"]],
            "stock, units": [fmt(x, "units") for x in compare["order_units"]],
            "expected profit, yuan": [fmt(x, "yuan") for x in compare["expected_profit_yuan"]],
            "probability of a loss": [fmt(x, "pct") for x in compare["p_loss"]],
            "channel efficiency": [fmt(x, "pct") for x in compare["channel_efficiency"]],
        }
    )


_POPULATION_ROWS = {
    "share_participating": ("merchants (products) that trade", "pct"),
    "share_losing": ("all merchants losing money, average Double 11", "pct"),
    "share_losing_participants": ("trading merchants losing money", "pct"),
    "share_losing_p90": ("all merchants losing money, one year in ten", "pct"),
    "top_decile_share": ("top 10% of merchants' share of merchant profit", "pct"),
    "merchant_profit_yuan": ("merchants' expected profit, million yuan", "myuan"),
    "platform_profit_yuan": ("platform's expected profit, million yuan", "myuan"),
    "platform_p_loss": ("probability the platform loses in total", "pct"),
}


def population_table(summary: pd.DataFrame) -> pd.DataFrame:
    """:meth:`ChannelStudy.summary` with readable row names, rounded for display.

    Examples
    --------
    >>> from helpers.inventory.channel_study import example_study
    >>> population_table(example_study().summary()).shape
    (8, 3)
    """
    rows = {}
    for key, (label, kind) in _POPULATION_ROWS.items():
        vals = summary.loc[key]
        rows[label] = [
            ("–" if not math.isfinite(x) else prose.pct(x) if kind == "pct" else prose.num(x / 1e6, 1)) for x in vals
        ]
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(summary.columns))


def wjs_table(checks: Mapping[str, Any]) -> pd.DataFrame:
    """Each claim of Wang, Jiang & Shen's (2004) abstract, what this reduction gives, and whether it reproduces.

    Parameters
    ----------
    checks : mapping
        From :func:`wjs_checks`.

    Returns
    -------
    pandas.DataFrame
        ``claim`` (the abstract's statement, paraphrased), ``this reduction`` (computed),
        ``reproduces`` ("yes", "no" or "partly").

    Examples
    --------
    >>> from helpers.inventory.channel_study import example_study
    >>> t = wjs_table(example_study().wjs)
    >>> t["reproduces"].tolist()
    ['yes', 'yes', 'partly', 'yes', 'yes', 'yes', 'yes']
    """
    w = checks
    b_lo, e_lo, b_hi, e_hi, b_worst, e_worst = wjs_key_numbers(w)
    yes = lambda ok: "yes" if ok else "no"  # noqa: E731
    rising_everywhere = w["monotone_at_zero"] and e_hi <= e_lo
    lim_b, lim_l = w["limits"]["low_elasticity"], w["limits"]["high_cost_share"]
    limits_ok = min(lim_b + lim_l) > 0.99
    stoch = max(abs(a - b) for a, b in w["stochastic"].values())
    rows = [
        (
            "the channel loses at most 26.4% of the integrated profit",
            prose.say("largest loss {x} (elasticity up to 100,000, λ up to 0.99)", x=prose.pct(w["max_loss"], 2)),
            yes(abs(w["max_loss"] - WJS_LOSS) < 5e-4),
        ),
        (
            "the retailer keeps at least 50% of the channel profit",
            prose.say("smallest share {x}", x=prose.pct(w["min_retailer_share"], 2)),
            yes(abs(w["min_retailer_share"] - WJS_SHARE) < 5e-4),
        ),
        (
            "the loss increases with price elasticity",
            prose.say(
                "{z} at λ = 0; at a fixed {a} share {f} for every λ below it; share optimised, λ = {lam}: efficiency "
                "{e1} at b = {b1}, lowest {ew} at b ≈ {bw}, {e2} at b = {b2}",
                z="the loss rises with b" if w["monotone_at_zero"] else "the loss is not monotone in b",
                a=prose.pct(w["fixed_share"], 0),
                f="it rises" if w["monotone_fixed"] else "it is not monotone",
                lam=prose.num(w["check_share"], 1),
                e1=prose.num(e_lo, 3),
                b1=prose.num(b_lo, 1),
                ew=prose.num(e_worst, 3),
                bw=prose.num(b_worst, 2),
                e2=prose.num(e_hi, 3),
                b2=prose.num(b_hi, 1),
            ),
            "yes" if rising_everywhere else ("partly" if w["monotone_at_zero"] or w["monotone_fixed"] else "no"),
        ),
        (
            "the loss decreases with the retailer's cost share",
            "at every elasticity up to 1,000" if w["loss_falls_with_lambda"] else "not at every elasticity",
            yes(w["loss_falls_with_lambda"]),
        ),
        (
            "the retailer's share falls with elasticity and rises with its cost share",
            "both, everywhere on the grid"
            if w["share_falls_with_b"] and w["share_rises_with_lambda"]
            else "not everywhere",
            yes(w["share_falls_with_b"] and w["share_rises_with_lambda"]),
        ),
        (
            "at low elasticity or a cost share near 100% the retailer takes nearly all of a nearly integrated profit",
            prose.say(
                "b → 1: efficiency {a}, retailer share {b}; λ → 1: {c}, {d}",
                a=prose.num(lim_b[0], 3),
                b=prose.num(lim_b[1], 3),
                c=prose.num(lim_l[0], 3),
                d=prose.num(lim_l[1], 3),
            ),
            yes(limits_ok),
        ),
        (
            "(our check) a multiplicative lognormal demand shock changes none of this",
            prose.say(
                "largest difference in efficiency {x} (CV {cv}, solved numerically)",
                x=prose.num(stoch, 4),
                cv=prose.num(w["demand_cv"], 2),
            ),
            yes(stoch < 1e-3),
        ),
    ]
    return pd.DataFrame(rows, columns=["claim", "this reduction", "reproduces"])


def window_sentence(study: ChannelStudy) -> str:
    """Section 2: the wholesale prices at which each side prefers procurement.

    Examples
    --------
    >>> from helpers.inventory.channel_study import example_study
    >>> "wholesale price" in window_sentence(example_study())
    True
    """
    w = _check(study).window
    best = w["best_response"]
    lead = (
        prose.say(
            "The supplier's best-response wholesale price is {w} yuan (unit cost {c}, retail price {p}). ",
            w=prose.num(best, 1),
            c=prose.num(study.params.unit_cost, 0),
            p=prose.num(study.params.price, 0),
        )
        if math.isfinite(best)
        else "No wholesale price lets the platform cover its fixed cost, so there is no procurement. "
    )
    pm, mm = w["platform_max"], w["merchant_min"]
    if math.isfinite(pm) and math.isfinite(mm):
        verdict = prose.say(
            "The platform earns more than under consignment only below {pm} yuan and the merchant only above {mm} yuan, "
            "so {which}.",
            pm=prose.num(pm, 1),
            mm=prose.num(mm, 1),
            which=(
                prose.say(
                    "both prefer procurement between those prices, a window {gap} yuan wide", gap=prose.num(pm - mm, 1)
                )
                if w["mutual"]
                else "no wholesale price makes both prefer procurement"
            ),
        )
    elif math.isfinite(pm):
        verdict = prose.say(
            "The platform prefers procurement below {pm} yuan, but at no wholesale price does the merchant earn "
            "more than under consignment.",
            pm=prose.num(pm, 1),
        )
    elif math.isfinite(mm):
        verdict = prose.say(
            "The merchant prefers procurement above {mm} yuan, but at no wholesale price does the platform earn "
            "more than under consignment.",
            mm=prose.num(mm, 1),
        )
    else:
        verdict = "Neither side earns more under procurement than under consignment at any wholesale price."
    return lead + verdict


def salvage_sentence(stock: pd.DataFrame, dropped: int = 0) -> str:
    """Section 3: how stock moves with the salvage value, per arrangement.

    Examples
    --------
    >>> t = pd.DataFrame({"salvage_yuan": [0.0, 40.0] * 2, "arrangement": ["consignment"] * 2 + ["procurement"] * 2,
    ...                   "order_units": [150.0, 260.0, 90.0, 120.0], "participates": True})
    >>> salvage_sentence(t)
    'Raising the value of a leftover unit from 0 to 40 yuan raises the optimal stock from 150 to 260 units under consignment and from 90 to 120 units under procurement.'
    """
    if stock.empty:
        return "No salvage value in the grid lies below the unit cost, so this section is skipped."
    lo, hi = stock["salvage_yuan"].min(), stock["salvage_yuan"].max()
    parts = []
    change = 0.0
    for arrangement, g in stock.groupby("arrangement", sort=False):
        a, b = g.loc[g.salvage_yuan == lo, "order_units"].iloc[0], g.loc[g.salvage_yuan == hi, "order_units"].iloc[0]
        change += b - a
        parts.append(
            prose.say("from {a} to {b} units under {arr}", a=prose.integer(a), b=prose.integer(b), arr=arrangement)
        )
    text = prose.say(
        "Raising the value of a leftover unit from {lo} to {hi} yuan {verb} the optimal stock {parts}.",
        lo=prose.num(lo, 0),
        hi=prose.num(hi, 0),
        parts=" and ".join(parts),
        verb=prose.direction(change, "raises", "lowers", "leaves unchanged"),
    )
    if dropped:
        text += prose.say(" ({n} grid values at or above the unit cost were dropped.)", n=dropped)
    return text


def war_range_sentence(ends: Mapping[float, pd.DataFrame]) -> str:
    """Section 7: the consignment platform's best round across the elasticity range.

    Parameters
    ----------
    ends : mapping
        Elasticity → :func:`~helpers.inventory.pricewar.price_war_summary`.

    Examples
    --------
    >>> s = pd.DataFrame({"platform_peak_ratio": [1.0, 1.0], "platform_ratio": [0.9, 0.0]}, index=["consignment", "procurement"])
    >>> war_range_sentence({1.2: s, 4.0: s.assign(platform_peak_ratio=[2.0, 1.0])}).split(". ")[0]
    "Across market elasticities from 1.2 to 4.0 the consignment platform's best round brings 100% to 200% of its pre-war income"
    >>> "built into the assumed range" in war_range_sentence({0.8: s, 4.0: s})
    False
    """
    (e0, s0), (e1, s1) = sorted(ends.items())[0], sorted(ends.items())[-1]
    r0, r1 = s0.loc["consignment", "platform_peak_ratio"], s1.loc["consignment", "platform_peak_ratio"]
    if not (math.isfinite(r0) and math.isfinite(r1)):
        return "At an end of the elasticity range there is no consignment trade before the war."
    text = prose.say(
        "Across market elasticities from {e0} to {e1} the consignment platform's best round brings {r0} to {r1} of its "
        "pre-war income.",
        e0=prose.num(e0, 1),
        e1=prose.num(e1, 1),
        r0=prose.pct(r0, 0),
        r1=prose.pct(r1, 0),
    )
    if e0 > 1:
        text += (
            " Every elasticity in this range exceeds 1, so each matched cut raises sales revenue, p·μ ∝ p^(1−e), and with "
            "it the commission: the platform's gain is built into the assumed range, not found by the model. With a "
            "market elasticity below 1 sales revenue would fall with every cut."
        )
    return text


def sensitivity_sentence(tornado_loss: pd.DataFrame, tornado_gain: pd.DataFrame, heat: pd.DataFrame) -> str:
    """Section 8: the strongest drivers, the parameters without effect and where the gain from consigning flips.

    Examples
    --------
    >>> from helpers.sensitivity import one_at_a_time, two_way
    >>> f = lambda v: 0.2 + 0.1 * v["a"]
    >>> t = one_at_a_time(f, {"a": 0.0, "b": 0.0}, {"a": (-1.0, 1.0), "b": (0.0, 1.0)})
    >>> g = one_at_a_time(lambda v: v["a"] - 0.5, {"a": 0.0, "b": 0.0}, {"a": (-1.0, 1.0), "b": (0.0, 1.0)})
    >>> "moves most with a" in sensitivity_sentence(t, g, two_way(f, {"a": 0.0, "b": 0.0}, "a", [-1, 1], "b", [0, 1]))
    True
    """
    top = tornado_loss.iloc[0]
    lo, hi = (
        tornado_loss[["outcome_low", "outcome_high"]].min().min(),
        tornado_loss[["outcome_low", "outcome_high"]].max().max(),
    )
    none_loss = ", ".join(map(parameter_label, tornado_loss.loc[tornado_loss.swing <= 1e-9, "parameter"])) or "none"
    none_gain = ", ".join(map(parameter_label, tornado_gain.loc[tornado_gain.swing <= 1e-9, "parameter"])) or "none"
    text = prose.say(
        "The share of merchants losing money moves most with {p} ({a} at {la}, {b} at {hb}); over every single range it "
        "stays between {lo} and {hi}. ",
        p=parameter_label(top.parameter),
        a=prose.pct(top.outcome_low),
        la=f"{top['low']:g}",
        b=prose.pct(top.outcome_high),
        hb=f"{top['high']:g}",
        lo=prose.pct(lo),
        hi=prose.pct(hi),
    )
    majority = int((heat.to_numpy() > 0.5).sum())
    text += (
        prose.say(
            "A majority of merchants lose money in {m} of {n} cells of the two-way grid. ", m=majority, n=heat.size
        )
        if majority
        else prose.say(
            "No cell of the two-way grid has a majority of merchants losing money (at most {x}). ",
            x=prose.pct(float(heat.to_numpy().max())),
        )
    )
    base_gain = float(tornado_gain.base_outcome.iloc[0])
    flips = crossings(tornado_gain, 0.0)
    text += prose.say(
        "At base the typical merchant {verb} {g} yuan per 100 yuan of sales by consigning rather than selling at the "
        "supplier's best-response price; ",
        verb=prose.direction(base_gain, "gains", "loses", "neither gains nor loses"),
        g=prose.num(abs(base_gain), 1),
    )
    text += (
        prose.say("this flips at {f}. ", f=flip_list(flips))
        if len(flips)
        else "this does not flip over any single range. "
    )
    return text + prose.say(
        "Parameters with no effect (left out of the charts): on losses {a}; on the gain {b}.", a=none_loss, b=none_gain
    )


def wjs_explanation(study: ChannelStudy, commission: float) -> str:
    """Section 9: why the elasticity claim fails with λ > 0 here, and what the real commission implies.

    Examples
    --------
    >>> from helpers.inventory.channel_study import example_study
    >>> "elasticity" in wjs_explanation(example_study(), 0.05)
    True
    """
    w = _check(study).wjs
    text = wjs_sentence(study)
    worst = {lam: bw for lam, bw in w["worst"].items() if lam > 0}
    if worst:
        text += prose.say(
            " In this reduction the retailer re-optimises its share as demand grows more elastic: α* falls towards λ, the "
            "price ratio p*/p_I = (b − λ)/(b − 1) tends to 1, but the output ratio (p*/p_I)^(−b) tends to e^−(1−λ) and the "
            "margin ratio to 2 − λ, so efficiency returns towards (2 − λ)e^−(1−λ) after its low point (b ≈ {pts}). Only for "
            "λ = 0 is that limit, 2/e, also the lowest value. We read only the paper's abstract, so we cannot tell whether "
            "its claim is meant for λ = 0, for a given share, for a range of elasticities, or rests on a set-up that differs "
            "from this one (for example in where the retailer's cost falls).",
            pts=", ".join(f"{prose.num(bw[0], 2)} for λ = {lam:g}" for lam, bw in worst.items()),
        )
    b = wjs_implied_elasticity(commission, 0.0)
    if math.isfinite(b):
        text += prose.say(
            " A retailer in this model would set the {c} commission only if demand elasticity were {b} (with λ = 0), far "
            "above the market elasticity assumed for the price war ({e}): the marketplace commissions observed are not the "
            "monopoly share of this model, which ignores competition between platforms and their advertising income.",
            c=prose.pct(commission, 0),
            b=prose.num(b, 1),
            e=prose.num(study.values["price_war_elasticity"], 1),
        )
    return text


def agency_sentence(commission: float, cost: float) -> str:
    """Section 10: reselling against agency prices, and where agency becomes dearer.

    Examples
    --------
    >>> agency_sentence(0.05, 0.2).startswith("With a = 1 and no cost the reselling price is 0.75")
    True
    """
    r0, a0 = reselling_equilibrium(1.0), agency_equilibrium(1.0, commission)
    text = prose.say(
        "With a = 1 and no cost the reselling price is {r} and the agency price {a} (at a {s} share); the channel earns "
        "{ca} under agency against {cr} under reselling, and consumers get {sa} against {sr}.",
        r=prose.num(r0["price"], 2),
        a=prose.num(a0["price"], 2),
        s=prose.pct(commission, 0),
        ca=prose.num(a0["channel_profit"], 4),
        cr=prose.num(r0["channel_profit"], 4),
        sa=prose.num(a0["consumer_surplus"], 4),
        sr=prose.num(r0["consumer_surplus"], 4),
    )
    if cost > 0:
        resell = reselling_equilibrium(1.0, cost=cost)["price"]
        # agency price a/2 + c/(2(1 - s)) exceeds the reselling price once s > 1 - c / (2·resell - 1)
        denom = 2.0 * resell - 1.0
        s_star = 1.0 - cost / denom if denom > 0 else math.nan
        text += (
            prose.say(
                " With a unit cost of {c}·a the agency price exceeds the reselling price once the platform's share "
                "passes {s}.",
                c=f"{cost:g}",
                s=prose.pct(s_star),
            )
            if 0 < s_star < 1
            else prose.say(
                " With a unit cost of {c}·a the agency price stays below the reselling price at every share.",
                c=f"{cost:g}",
            )
        )
    return text


def crossborder_note(table: pd.DataFrame) -> str:
    """Section 11: where the commission comes from, and whether that source is a cross-border marketplace.

    Parameters
    ----------
    table : pandas.DataFrame
        The assumption table (``name, value, status, source, source_url``).

    Examples
    --------
    >>> t = pd.DataFrame({"name": ["commission"], "value": [0.05], "status": ["sourced"],
    ...                   "source": ["an agency: Tmall Global charges a commission"], "source_url": ["https://x"]})
    >>> crossborder_note(t).startswith("The commission (5.0%, sourced) rests on")
    True
    """
    rows = table.set_index("name")
    if "commission" not in rows.index:
        raise ParameterError("the assumption table has no 'commission' row")
    row = rows.loc["commission"]
    text = prose.say(
        "The commission ({v}, {st}) rests on: {src}{url}.",
        v=prose.pct(float(row["value"])),
        st=row["status"],
        src=str(row["source"]).rstrip("."),
        url=f" <{row['source_url']}>" if row.get("source_url") else "",
    )
    if "Tmall Global" in str(row["source"]):
        text += (
            "\n\nTmall Global (天猫国际) is a marketplace: overseas brands and retailers run their own stores, set their "
            'prices and own their stock, and the platform takes a commission on each sale (PLTFRM n.d., "Tmall Global vs '
            'JD Worldwide"). That is the consignment contract of this notebook, used by a cross-border platform. So '
            '"跨境的本质是采销" describes Jumei\'s own choice (its 聚美海外购 channel sources its goods from the brands, as the '
            "article reports), "
            "not cross-border retail as such; and this notebook's consignment arm is calibrated with a cross-border "
            "marketplace's fee, because no domestic fee table was retrieved. The model therefore compares contracts, not "
            "domestic against cross-border retail. Which contract a platform picks is what Hagiu & Wright (2015) model: "
            "control over prices, marketing and stock goes to whoever has the better information, and the inventory "
            "arithmetic of sections 1–2 is only one input to that choice."
        )
    else:
        text += (
            "\n\nThis table's commission does not come from Tmall Global, so the tension discussed for the default "
            "table (a cross-border marketplace's fee calibrating consignment) does not arise here."
        )
    return text


def _amounts(a: float, b: float) -> tuple[str, str, str, float]:
    """Two yuan amounts in one unit chosen by their size: (a, b, unit, display step)."""
    big = max(abs(a), abs(b))
    scale, unit = (1e6, "million yuan") if big >= 1e6 else (1e3, "thousand yuan") if big >= 1e3 else (1.0, "yuan")
    digits = 1 if scale > 1 else 0
    return prose.num(a / scale, digits), prose.num(b / scale, digits), unit, 0.5 * scale * 10.0**-digits


def commission_sentence(sweep: pd.DataFrame, n_merchants: int) -> str:
    """Section 6: what the commission moves, from the first to the last value of the sweep.

    Parameters
    ----------
    sweep : pandas.DataFrame
        From :func:`~helpers.inventory.channel_study.commission_sweep`.
    n_merchants : int
        Merchants in the sweep (for the totals).

    Examples
    --------
    >>> s = pd.DataFrame({"commission": [0.0, 0.2], "platform_profit_yuan": [2.3e6, 6.5e6], "merchant_profit_yuan": [6.5e6, 1.1e6],
    ...                   "share_participating": [0.878, 0.515], "share_losing_participants": [0.237, 0.251]})
    >>> commission_sentence(s, 800).split(";")[0]
    "For 800 merchants, moving the commission from 0% to 20% raises the platform's income from 2.3 to 6.5 million yuan and lowers merchants' total profit from 6.5 to 1.1 million yuan"
    """
    c0, c1 = sweep.iloc[0], sweep.iloc[-1]

    def move(a: float, b: float, what: str) -> str:
        x, y, unit, step = _amounts(a, b)
        verb = prose.direction(b - a, "raises", "lowers", "leaves", tol=step)
        if verb == "leaves":
            return prose.say("leaves {what} at {x} {unit}", what=what, x=x, unit=unit)
        return prose.say("{verb} {what} from {x} to {y} {unit}", verb=verb, what=what, x=x, y=y, unit=unit)

    return prose.say(
        "For {n} merchants, moving the commission from {a} to {b} {plat} and {merch}; the share taking part goes from "
        "{t0} to {t1}, and the share of trading merchants who lose money from {l0} to {l1}.",
        n=prose.integer(n_merchants),
        a=prose.pct(c0["commission"], 0),
        b=prose.pct(c1["commission"], 0),
        plat=move(c0["platform_profit_yuan"], c1["platform_profit_yuan"], "the platform's income"),
        merch=move(c0["merchant_profit_yuan"], c1["merchant_profit_yuan"], "merchants' total profit"),
        t0=prose.pct(c0["share_participating"]),
        t1=prose.pct(c1["share_participating"]),
        l0=prose.pct(c0["share_losing_participants"])
        if math.isfinite(c0["share_losing_participants"])
        else "none (nobody trades)",
        l1=prose.pct(c1["share_losing_participants"])
        if math.isfinite(c1["share_losing_participants"])
        else "none (nobody trades)",
    )


def uncertainty_sentence(table: pd.DataFrame) -> str:
    """Section 5: losses and participation from the first to the last CV of the sweep, and any peak in between.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`~helpers.inventory.channel_study.uncertainty_sweep`.

    Examples
    --------
    >>> t = pd.DataFrame({"cv": [0.2, 1.0, 2.0], "single_trades": [True, True, False],
    ...                   "single_p_loss": [0.088, 0.33, float("nan")],
    ...                   "population_share_participating": [0.95, 0.8, 0.3],
    ...                   "population_share_losing": [0.10, 0.25, 0.12],
    ...                   "population_share_losing_participants": [0.11, 0.31, 0.38]})
    >>> print(uncertainty_sentence(t))
    Across own-demand CVs from 0.20 to 2.00, the typical merchant's probability of a loss rises from 8.8% to 33.0% and it stops consigning from a CV of 2.00. Among merchants who consign, the share losing money rises from 11.0% to 38.0%, but the share who consign falls from 95.0% to 30.0%, so the share of all merchants losing money peaks at 25.0% (CV 1.00) and ends at 12.0%.
    """
    t = table.reset_index(drop=True)
    a, z = t.iloc[0], t.iloc[-1]

    def move(col: str, what: str) -> str:
        x, y = float(t[col].iloc[0]), float(t[col].iloc[-1])
        if prose.pct(x) == prose.pct(y):
            return prose.say("{what} stays at {x}", what=what, x=prose.pct(x))
        return prose.say(
            "{what} {verb} from {x} to {y}",
            what=what,
            verb=prose.direction(y - x, "rises", "falls"),
            x=prose.pct(x),
            y=prose.pct(y),
        )

    traded = t[t["single_trades"].astype(bool)]
    if traded.empty:
        single = "the typical merchant does not consign at any of these CVs"
    else:
        single = prose.say(
            "the typical merchant's probability of a loss {verb} from {x} to {y}",
            verb=prose.direction(
                traded["single_p_loss"].iloc[-1] - traded["single_p_loss"].iloc[0], "rises", "falls", "stays"
            ),
            x=prose.pct(traded["single_p_loss"].iloc[0]),
            y=prose.pct(traded["single_p_loss"].iloc[-1]),
        )
        stops = t.loc[~t["single_trades"].astype(bool) & (t.index > traded.index[0]), "cv"]
        if len(stops):
            single += prose.say(" and it stops consigning from a CV of {c}", c=prose.num(stops.iloc[0], 2))
    text = prose.say(
        "Across own-demand CVs from {a} to {b}, {single}. ",
        a=prose.num(a["cv"], 2),
        b=prose.num(z["cv"], 2),
        single=single,
    )
    losing = t["population_share_losing"]
    peak = int(losing.idxmax())
    if 0 < peak < len(t) - 1 and losing.iloc[peak] - max(losing.iloc[0], losing.iloc[-1]) > 0.005:
        overall = prose.say(
            "the share of all merchants losing money peaks at {p} (CV {c}) and ends at {e}",
            p=prose.pct(losing.iloc[peak]),
            c=prose.num(t["cv"].iloc[peak], 2),
            e=prose.pct(losing.iloc[-1]),
        )
    else:
        overall = move("population_share_losing", "the share of all merchants losing money")
    part = move("population_share_participating", "the share who consign")
    joint = ", but " if (z["population_share_participating"] < a["population_share_participating"]) else " and "
    return text + prose.say(
        "Among merchants who consign, {trading}{joint}{part}, so {overall}.",
        trading=move("population_share_losing_participants", "the share losing money"),
        joint=joint,
        part=part,
        overall=overall,
    )


def assumption_display(table: pd.DataFrame) -> pd.DataFrame:
    """The assumption table for display: the parameter in words, its name, value, range, unit and status.

    Examples
    --------
    >>> t = pd.DataFrame({"name": ["uplift"], "value": [120.0], "low": [20.0], "high": [210.0],
    ...                   "unit": ["multiplier"], "status": ["assumption"]})
    >>> d = assumption_display(t)
    >>> d.index[0], d.iloc[0].tolist()
    ('Double 11 demand multiplier', ['uplift', '120', '20–210', 'multiplier', 'assumption'])
    """
    return pd.DataFrame(
        {
            "parameter": [parameter_label(n) for n in table["name"]],
            "name (for overrides)": table["name"],
            "value": [f"{x:g}" for x in table["value"]],
            "range": [f"{lo:g}" if lo == hi else f"{lo:g}–{hi:g}" for lo, hi in zip(table["low"], table["high"])],
            "unit": table["unit"],
            "status": table["status"],
        }
    ).set_index("parameter")


def _like(x: float, ref: float) -> str:
    """``x`` with as many decimals as ``ref`` shows (``ref`` 1.81 → "1.50")."""
    text = f"{ref:g}"
    digits = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    return f"{x:.{digits}f}"


def estimate_parameter_table(check: EstimateCheck) -> pd.DataFrame:
    """Each estimated parameter: assumed value and range beside the estimate and its interval.

    Examples
    --------
    >>> from helpers.inventory.channel_study import check_estimates, example_study
    >>> v = dict(example_study().values)
    >>> c = check_estimates(v, {"cv_median": (0.3, 2.1)}, {"cv_median": [1.81, 1.5, 2.06]}, upper_bounds=["cv_median"],
    ...                     n_merchants=50, n_draws=50)
    >>> estimate_parameter_table(c).iloc[0].tolist()
    ['cv_median', '0.6', '0.3–2.1', '1.81 (1.50–2.06)', 'upper bound', 'inside the range']
    """
    t = check.parameters
    return pd.DataFrame(
        {
            "parameter": [parameter_label(n) for n in t["name"]],
            "name": t["name"],
            "assumed": [f"{x:g}" for x in t["assumed"]],
            "assumed range": [f"{lo:g}–{hi:g}" for lo, hi in zip(t["low"], t["high"])],
            "estimate (interval)": [
                f"{e:g} ({_like(lo, e)}–{_like(hi, e)})"
                for e, lo, hi in zip(t["estimate"], t["estimate_low"], t["estimate_high"])
            ],
            "reads as": ["upper bound" if b else "estimate" for b in t["upper_bound"]],
            "position": [f"{x} the range" for x in t["position"]],
        }
    ).set_index("parameter")


#: Rows of :func:`estimate_outcome_table`: outcome key → (label, format).
_OUTCOME_ROWS = {
    "share_participating": ("merchants that consign, share of all", "pct"),
    "share_losing": ("all merchants losing money, average Double 11", "pct"),
    "share_losing_participants": ("consigning merchants losing money", "pct"),
    "size_gap": ("trading merchants losing money, smallest minus largest fifth", "pp"),
    "typical_trades": ("typical merchant consigns", "yesno"),
    "typical_p_loss": ("typical merchant's probability of a loss", "pct"),
    "efficiency_consignment": ("consignment, share of integrated profit (typical product)", "pct"),
    "efficiency_procurement": ("procurement, share of integrated profit (typical product)", "pct"),
    "gain": ("gain from consigning, yuan per 100 yuan of sales", "yuan"),
}


def _scenario_columns(columns: list[str]) -> pd.MultiIndex:
    """Two-level column labels: assumed / one estimate at a time / all estimates at once."""
    fixed = {
        "assumed": ("assumed", "values"),
        "all": ("all estimates at once", "at the estimates"),
        "all_low": ("all estimates at once", "at the interval lows"),
        "all_high": ("all estimates at once", "at the interval highs"),
    }
    return pd.MultiIndex.from_tuples([fixed.get(c, ("one estimate at a time", parameter_label(c))) for c in columns])


def estimate_outcome_table(check: EstimateCheck) -> pd.DataFrame:
    """Notebook 03's outcomes at the assumed values and at the estimates, rounded for display.

    Examples
    --------
    >>> from helpers.inventory.channel_study import check_estimates, example_study
    >>> v = dict(example_study().values)
    >>> c = check_estimates(v, {"uplift": (20, 210)}, {"uplift": [166, 136, 203]}, n_merchants=50, n_draws=50)
    >>> estimate_outcome_table(c).columns.tolist()[:2]
    [('assumed', 'values'), ('one estimate at a time', 'Double 11 demand multiplier')]
    """

    def fmt(x: float, kind: str) -> str:
        if not math.isfinite(x):
            return "–"
        if kind == "yesno":
            return "yes" if x > 0.5 else "no"
        return {"pct": prose.pct(x), "pp": prose.pp(x, signed=True), "yuan": prose.num(x, 1, signed=True)}[kind]

    o = check.outcomes
    rows = {label: [fmt(float(x), kind) for x in o.loc[key]] for key, (label, kind) in _OUTCOME_ROWS.items()}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.columns = _scenario_columns(list(o.columns))
    return out


def estimate_conclusion_table(check: EstimateCheck) -> pd.DataFrame:
    """Whether each conclusion checked holds at the assumed values and at the estimates ("yes"/"no").

    Examples
    --------
    >>> from helpers.inventory.channel_study import check_estimates, example_study
    >>> v = dict(example_study().values)
    >>> c = check_estimates(v, {"uplift": (20, 210)}, {"uplift": [166, 136, 203]}, n_merchants=50, n_draws=50)
    >>> estimate_conclusion_table(c).loc["the typical merchant consigns"].tolist()
    ['yes', 'yes', 'yes', 'yes', 'yes']
    """
    h = check.holds
    out = pd.DataFrame(
        [["yes" if bool(x) else "no" for x in h.loc[k]] for k in h.index],
        index=[CONCLUSIONS[k][0] for k in h.index],
    )
    out.columns = _scenario_columns(list(h.columns))
    out.index.name = "conclusion"
    return out


def _moves(o: pd.DataFrame, key: str, what: str, kind: str = "pct") -> str:
    a, b = float(o.loc[key, "assumed"]), float(o.loc[key, "all"])
    f = prose.pct if kind == "pct" else (lambda x: prose.num(x, 1))
    if f(a) == f(b):
        return prose.say("{what} stays at {a}", what=what, a=f(a))
    return prose.say(
        "{what} {verb} from {a} to {b}", what=what, verb=prose.direction(b - a, "rises", "falls"), a=f(a), b=f(b)
    )


def estimate_sentence(check: EstimateCheck) -> str:
    """Section 9: the estimates against the assumed ranges, and which conclusions change at them.

    Examples
    --------
    >>> from helpers.inventory.channel_study import check_estimates, example_study
    >>> v = dict(example_study().values)
    >>> c = check_estimates(v, {"uplift": (20, 210)}, {"uplift": [166, 136, 203]}, n_merchants=50, n_draws=50)
    >>> estimate_sentence(c).startswith("Estimates: Double 11 demand multiplier 166 (136–203), assumed 120")
    True
    """
    t = check.parameters
    if t.empty:
        return "No estimates were given, so the assumed ranges are not compared with data and this section is skipped."
    items = [
        prose.say(
            "{label} {e} ({lo}–{hi}{ub}), assumed {a} (range {rlo}–{rhi})",
            label=parameter_label(r.name),
            e=f"{r.estimate:g}",
            lo=_like(r.estimate_low, r.estimate),
            hi=_like(r.estimate_high, r.estimate),
            ub="; an upper bound" if r.upper_bound else "",
            a=f"{r.assumed:g}",
            rlo=f"{r.low:g}",
            rhi=f"{r.high:g}",
        )
        for r in t.itertuples(index=False)
    ]
    inside = int((t["position"] == "inside").sum())
    outside = [f"{parameter_label(r.name)} ({r.position})" for r in t.itertuples(index=False) if r.position != "inside"]
    text = prose.say(
        "Estimates{src}: {items}. ", src=f" from {check.source}" if check.source else "", items="; ".join(items)
    )
    text += prose.say(
        "{k} of {n} lie inside the assumed ranges{rest} (the assumption table's notes say how each range was set against "
        "its estimate). ",
        k=inside,
        n=len(t),
        rest=f"; outside: {join_words(outside)}" if outside else "",
    )
    o = check.outcomes
    every = "every estimate" if len(t) > 1 else "the estimate"
    text += prose.say(
        "With {every} at once, {a}, {b}, and {c}; {d} yuan per 100 yuan of sales. ",
        every=every,
        a=_moves(o, "share_participating", "the share of merchants that consign"),
        b=_moves(o, "share_losing_participants", "the share of consigning merchants losing money"),
        c=_moves(o, "share_losing", "the share of all merchants losing money"),
        d=_moves(o, "gain", "the typical merchant's gain from consigning", kind="yuan"),
    )
    changes = estimate_changes(check)
    text += (
        prose.say("Conclusions that change (third table): {c}.", c="; ".join(changes))
        if changes
        else "No conclusion checked changes at the estimates or at either end of their intervals (third table)."
    )
    bounds = [parameter_label(n) for n in t.loc[t["upper_bound"], "name"]]
    if bounds:
        text += prose.say(
            " For the {b} the data give only {what}, so the columns at the estimates show the far end of what the data "
            "allow, not a best guess.",
            b=join_words(bounds),
            what="an upper bound" if len(bounds) == 1 else "upper bounds",
        )
    return text
