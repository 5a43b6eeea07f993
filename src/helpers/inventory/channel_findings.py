"""Notebook 03's findings and conclusions as sentences, computed from a :class:`ChannelStudy`.

Every sentence is built with :mod:`helpers.prose`: the direction words follow the
signs, numbers are rounded to what they mean (units to whole units, yuan to whole
yuan or 0.1 yuan for prices, shares to 0.1 percentage point) and a missing value
stops the sentence instead of printing ``nan``. Cases the data may produce (nobody
trades, nobody exits, a bound that does not reproduce) get their own wording. The
section sentences and display tables are in :mod:`helpers.inventory.channel_text`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from helpers import prose
from helpers.errors import ParameterError
from helpers.inventory.channel_study import CONCLUSIONS, ChannelStudy, EstimateCheck
from helpers.inventory.equilibria import wjs_worst_elasticity
from helpers.sensitivity import crossings

__all__ = [
    "PARAMETER_LABELS",
    "WJS_LOSS",
    "WJS_SHARE",
    "conclusions",
    "efficiency_sentence",
    "estimate_changes",
    "estimate_finding",
    "findings",
    "flip_list",
    "join_words",
    "parameter_label",
    "risk_sentence",
    "scenario_label",
    "size_sentence",
    "war_sentence",
    "wjs_bounds_reproduce",
    "wjs_key_numbers",
    "wjs_sentence",
]


#: Words for the parameters of ``data/assumptions/consignment.csv`` (charts and sentences show these, not the names).
PARAMETER_LABELS = {
    "price": "retail price",
    "unit_cost": "merchant's unit cost",
    "commission": "commission rate",
    "ad_fee_rate": "advertising rate (share of planned GMV)",
    "stocking_fixed_cost": "fixed cost per product",
    "merchant_salvage": "merchant's value of a leftover unit",
    "platform_salvage": "platform's value of a leftover unit",
    "buyback_share": "buyback refund (share of wholesale price)",
    "return_rate": "return rate",
    "return_handling_cost": "handling cost per return",
    "return_recovery": "value recovered per return",
    "daily_median": "median ordinary-day demand",
    "scale_sigma": "spread of merchant sizes",
    "uplift": "Double 11 demand multiplier",
    "uplift_cv": "uncertainty of the festival shock",
    "cv_median": "merchants' own demand uncertainty",
    "cv_sigma": "spread of own demand uncertainty",
    "forecast_bias": "forecast bias of stock plans",
    "price_war_discount": "price cut per round",
    "price_war_elasticity": "market price elasticity",
}


def parameter_label(name: str) -> str:
    """Words for a parameter name (its name with spaces when it has no label).

    Examples
    --------
    >>> parameter_label("cv_median"), parameter_label("new_thing")
    ("merchants' own demand uncertainty", 'new thing')
    """
    return PARAMETER_LABELS.get(name, name.replace("_", " "))


def _loss_phrase(study: ChannelStudy, arrangement: str, party: str) -> str:
    r = study.row(arrangement, party)
    if not r["participates"]:
        return "does not trade (its expected profit would be negative)"
    if r["p_loss"] <= 0:
        return "never loses money"
    return prose.say("loses money with probability {p}", p=prose.pct(r["p_loss"]))


def risk_sentence(study: ChannelStudy) -> str:
    return prose.say(
        "Who carries the leftover risk is written into each contract, not found by the model: for the typical product "
        "(expected demand {mean} units, CV {cv}) the consignment merchant {cm} and the procurement platform {pp}, while "
        "the consignment platform and the procurement supplier cannot lose; in the buyback middle case the supplier "
        "{bm} and the platform {bp}.",
        mean=prose.integer(study.typical_mean),
        cv=prose.num(study.typical_cv, 2),
        cm=_loss_phrase(study, "consignment", "merchant"),
        pp=_loss_phrase(study, "procurement", "platform"),
        bm=_loss_phrase(study, "buyback", "merchant"),
        bp=_loss_phrase(study, "buyback", "platform"),
    )


def efficiency_sentence(study: ChannelStudy) -> str:
    c, p = study.row("consignment", "merchant"), study.row("procurement", "merchant")
    if not (c["participates"] and p["participates"]):
        missing = [a for a, r in (("consignment", c), ("procurement", p)) if not r["participates"]]
        return prose.say(
            "For the typical product there is no trade under {a}, so the arrangements cannot be ranked.",
            a=" or ".join(missing),
        )
    w = study.window
    if w["mutual"]:
        tail = prose.say(
            "Both sides would prefer procurement at a wholesale price between {lo} and {hi} yuan.",
            lo=prose.num(w["merchant_min"], 1),
            hi=prose.num(w["platform_max"], 1),
        )
    elif math.isfinite(w["platform_max"]) and math.isfinite(w["merchant_min"]):
        tail = prose.say(
            "No wholesale price makes both prefer procurement: the platform would need at most {hi} yuan, the merchant "
            "at least {lo} yuan.",
            hi=prose.num(w["platform_max"], 1),
            lo=prose.num(w["merchant_min"], 1),
        )
    else:
        who = "the merchant" if not math.isfinite(w["merchant_min"]) else "the platform"
        tail = prose.say("No wholesale price makes {who} prefer procurement.", who=who)
    return prose.say(
        "For the typical product, consignment with a {com} commission earns {ec} of what an integrated channel would; procurement at the "
        "supplier's best-response wholesale price ({w} yuan) earns {ep}, because the platform then stocks only {qp} "
        "units against the consignment merchant's {qc}. {tail}",
        com=prose.pct(study.params.commission, 0),
        ec=prose.pct(c["channel_efficiency"]),
        w=prose.num(p["wholesale_yuan"], 1),
        ep=prose.pct(p["channel_efficiency"]),
        qp=prose.integer(p["order_units"]),
        qc=prose.integer(c["order_units"]),
        tail=tail,
    )


def size_sentence(study: ChannelStudy) -> str:
    cons, proc = study.population["consignment"].summary(), study.population["procurement"].summary()
    n = len(study.size["consignment"])
    trading = study.size["consignment"].dropna(subset=["share_losing_participants"])
    text = prose.say(
        "With a fixed cost of {k} yuan per product, {part} of merchants take part under consignment and {lose} of all "
        "merchants lose money on an average Double 11 ({p90} in one year out of ten)",
        k=prose.integer(study.params.fixed_cost),
        part=prose.pct(cons["share_participating"]),
        lose=prose.pct(cons["share_losing"]),
        p90=prose.pct(cons["share_losing_p90"]),
    )
    if len(trading) >= 2:
        small, large = trading.iloc[0], trading.iloc[-1]
        first = (
            "the smallest fifth"
            if int(small["size_group"]) == 1
            else prose.say(
                "the smallest size group with any trader (group {g} of {n})", g=int(small["size_group"]), n=n
            )
        )
        text += prose.say(
            "; among those who trade, {first} lose money {s} of the time and the largest fifth {l}",
            first=first,
            s=prose.pct(small["share_losing_participants"]),
            l=prose.pct(large["share_losing_participants"]),
        )
    m = study.population["procurement"].merchants
    capped = float(m["wholesale_capped"].mean())
    text += prose.say(
        ". Under procurement the platform lists {listed} of the products ({cmp} take part under consignment) and their "
        "suppliers never lose{why}.",
        listed=prose.pct(proc["share_participating"]),
        cmp=prose.compare(
            proc["share_participating"], cons["share_participating"], "more than", "fewer than", "as many as"
        ),
        why=prose.say(
            "; {c} of all products are listed only because their supplier prices below its best response so "
            "that the platform covers its fixed cost",
            c=prose.pct(capped),
        )
        if capped > 0
        else "",
    )
    return text


def war_sentence(study: ChannelStudy) -> str:
    s = study.war_summary
    rounds = int(study.war["round"].max())
    v = study.values

    def exit_text(arrangement: str, who: str) -> str:
        r = s.loc[arrangement, "exit_round"]
        verb = "stops" if who == "trade" else "exits"
        if math.isnan(r):
            return prose.say("{who} continues through all {n} rounds", who=who, n=rounds)
        if r == 0:
            return prose.say("{who} does not trade even before the war", who=who)
        g = study.war[study.war["arrangement"] == arrangement]
        back = g.loc[(g["round"] > r) & g["participates"], "round"]
        text = prose.say("{who} {verb} in round {r}", who=who, verb=verb, r=int(r))
        if len(back):
            text += prose.say(
                " and resumes in round {b}, once demand has grown enough to cover the fixed cost", b=int(back.min())
            )
        return text

    c = s.loc["consignment"]
    if not math.isfinite(c["platform_peak_ratio"]):
        return prose.say("There is no trade under consignment before the price war starts, so it cannot be compared.")
    peak = prose.say(
        "the consignment platform's expected income {verb} to {ratio} of its pre-war level (round {r})",
        verb=prose.direction(c["platform_peak_ratio"] - 1.0, "rises", "falls", "stays"),
        ratio=prose.pct(c["platform_peak_ratio"], 0),
        r=int(c["platform_peak_round"]),
    )
    p = s.loc["procurement"]
    exit_round = s.loc["consignment", "exit_round"]
    mexit = exit_text("consignment", "the merchant")
    if math.isfinite(exit_round) and exit_round > 0:
        mexit = prose.say(
            "{m}, and its income from the product drops to zero",
            m=mexit.replace("the merchant", "until the merchant", 1),
        )
    else:
        mexit = "; " + mexit
    head = prose.say(
        "In a matched price war ({d} per round, market elasticity {e}) {peak}{mexit}.",
        d=prose.pct(v["price_war_discount"], 0),
        e=prose.num(v["price_war_elasticity"], 1),
        peak=peak,
        mexit=(" " + mexit) if mexit.startswith("until") else mexit,
    )
    if not math.isfinite(p["platform_ratio"]):
        return head + " There is no procurement trade before the war."
    g = study.war[(study.war["arrangement"] == "procurement") & study.war["participates"]]
    squeezed = g.loc[g["platform_profit_yuan"] < 0.005 * g["platform_profit_yuan"].iloc[0], "round"]
    if len(squeezed):
        proc = prose.say(
            "which squeezes the platform's profit to zero from round {r}: the supplier keeps it just "
            "covering its fixed cost",
            r=int(squeezed.min()),
        )
    else:
        proc = prose.say(
            "leaving the platform {ratio} of its pre-war profit by round {r}",
            ratio=prose.pct(p["platform_ratio"], 0),
            r=int(p["last_round"]),
        )
    return head + prose.say(
        " Under procurement the supplier cuts its wholesale price every round, {proc}; {pexit}.",
        proc=proc,
        pexit=exit_text("procurement", "trade"),
    )


#: The bounds stated in Wang, Jiang & Shen's (2004) abstract: channel loss at most 1 - 2/e, retailer share at least 1/2.
WJS_LOSS, WJS_SHARE = 1.0 - 2.0 / math.e, 0.5


def wjs_bounds_reproduce(w: Mapping[str, Any]) -> bool:
    """Whether the 26.4 % and 50 % bounds of Wang, Jiang & Shen's abstract come out (to 0.05 pp).

    Examples
    --------
    >>> from helpers.inventory.channel_study import example_study
    >>> wjs_bounds_reproduce(example_study().wjs)
    True
    """
    return abs(w["max_loss"] - WJS_LOSS) < 5e-4 and abs(w["min_retailer_share"] - WJS_SHARE) < 5e-4


def wjs_key_numbers(w: Mapping[str, Any]) -> tuple[float, float, float, float, float, float]:
    """(b_low, efficiency there, b_high, efficiency there, b with the largest loss, efficiency there) at the checked λ.

    Parameters
    ----------
    w : mapping
        From :func:`~helpers.inventory.channel_study.wjs_checks`.

    Examples
    --------
    >>> from helpers.inventory.channel_study import example_study
    >>> [round(x, 3) for x in wjs_key_numbers(example_study().wjs)]
    [1.5, 0.911, 30.0, 0.937, 1.288, 0.908]
    """
    (b_lo, e_lo), (b_hi, e_hi) = sorted(w["efficiency_at"].items())[0], sorted(w["efficiency_at"].items())[-1]
    b_worst, e_worst = w["worst"].get(w["check_share"]) or wjs_worst_elasticity(w["check_share"])
    return b_lo, e_lo, b_hi, e_hi, b_worst, e_worst


def wjs_sentence(study: ChannelStudy) -> str:
    w = study.wjs
    b_lo, e_lo, b_hi, e_hi, b_worst, e_worst = wjs_key_numbers(w)
    text = prose.say(
        "Wang, Jiang & Shen's (2004) bounds {verb} (largest channel loss {loss} against {bl}, smallest retailer share "
        "{share} against {bs})",
        verb="reproduce" if wjs_bounds_reproduce(w) else "do not reproduce",
        loss=prose.pct(w["max_loss"]),
        bl=prose.pct(WJS_LOSS),
        share=prose.pct(w["min_retailer_share"]),
        bs=prose.pct(WJS_SHARE, 0),
    )
    cases = [
        c
        for c, ok in (
            ("the retailer bears no cost (λ = 0)", w["monotone_at_zero"]),
            ("its share is held fixed", w["monotone_fixed"]),
        )
        if ok
    ]
    if cases:
        text += prose.say(", and the loss rises with elasticity when {cases}", cases=" or ".join(cases))
    lam = prose.num(w["check_share"], 1)
    if e_hi > e_lo:
        worst = (
            prose.say(
                "the loss is largest at b ≈ {b} ({e} efficiency) and ", b=prose.num(b_worst, 1), e=prose.num(e_worst, 3)
            )
            if b_worst < 0.999e4
            else ""
        )
        text += prose.say(
            "; but with the share optimised and λ = {lam}, {worst}efficiency rises from {e1} at b = {b1} to {e2} at "
            "b = {b2}, against the abstract.",
            lam=lam,
            worst=worst,
            e1=prose.num(e_lo, 3),
            b1=prose.num(b_lo, 1),
            e2=prose.num(e_hi, 3),
            b2=prose.num(b_hi, 1),
        )
    else:
        text += prose.say(
            "; with the share optimised and λ = {lam}, efficiency falls from {e1} at b = {b1} to {e2} at b = {b2}, as the "
            "abstract says.",
            lam=lam,
            e1=prose.num(e_lo, 3),
            b1=prose.num(b_lo, 1),
            e2=prose.num(e_hi, 3),
            b2=prose.num(b_hi, 1),
        )
    return text


def flip_list(flips: pd.DataFrame) -> str:
    """Where a conclusion flips, in words ("the low end of commission rate and either end of ...").

    Parameters
    ----------
    flips : pandas.DataFrame
        From :func:`helpers.sensitivity.crossings`.

    Examples
    --------
    >>> flip_list(pd.DataFrame({"parameter": ["commission", "unit_cost"], "flips_at": ["low", "both"]}))
    "the low end of commission rate and either end of merchant's unit cost"
    """
    ends = {"low": "the low end", "high": "the high end", "both": "either end"}
    items = [f"{ends[r.flips_at]} of {parameter_label(r.parameter)}" for r in flips.itertuples()]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def join_words(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c".

    Examples
    --------
    >>> join_words(["x"]), join_words(["x", "y", "z"])
    ('x', 'x, y and z')
    """
    if not items:
        raise ParameterError("join_words: nothing to join")
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def scenario_label(key: str) -> str:
    """Words for a scenario column of :class:`~helpers.inventory.channel_study.EstimateCheck`.

    Examples
    --------
    >>> scenario_label("all_high"), scenario_label("uplift")
    ('all at their interval highs', 'Double 11 demand multiplier at its estimate')
    """
    fixed = {
        "assumed": "assumed values",
        "all": "all at their estimates",
        "all_low": "all at their interval lows",
        "all_high": "all at their interval highs",
    }
    return fixed.get(key, f"{parameter_label(key)} at its estimate")


def estimate_changes(check: EstimateCheck) -> list[str]:
    """The conclusions that change at the estimates, grouped by where they change, one clause per group.

    Examples
    --------
    >>> from helpers.inventory.channel_study import check_estimates, example_study
    >>> c = check_estimates(dict(example_study().values), {"cv_median": (0.3, 2.1)}, {"cv_median": [1.81, 1.5, 2.06]},
    ...                     n_merchants=100, n_draws=100)
    >>> estimate_changes(c)[0].startswith("with merchants' own demand uncertainty at its estimate")
    True
    """
    changed = check.changed()
    out = []
    for scenarios, group in changed.groupby("scenarios", sort=False):
        out.append(
            prose.say(
                "with {where}, {what}",
                where=join_words([scenario_label(c) for c in scenarios]),
                what=join_words(list(group["change"])),
            )
        )
    return out


def estimate_finding(check: EstimateCheck) -> str:
    """The findings' sentence on the estimates: which estimate overturns which conclusion, and the joint moves.

    Examples
    --------
    >>> from helpers.inventory.channel_study import check_estimates, example_study
    >>> c = check_estimates(dict(example_study().values), {"uplift": (20, 210)}, {"uplift": [166, 136, 203]},
    ...                     upper_bounds=["uplift"], source="listings", n_merchants=100, n_draws=100)
    >>> estimate_finding(c).startswith("Set against estimates from listings, the Double 11 demand multiplier (at most 166)")
    True
    """
    t = check.parameters
    if t.empty:
        raise ParameterError("estimate_finding: the check has no estimates")
    holds = check.holds
    n = len(holds.index)
    clauses, quiet = [], []
    for r in t.itertuples(index=False):
        keys = [k for k in holds.index if bool(holds.loc[k, r.name]) != bool(holds.loc[k, "assumed"])]
        if keys:
            words = [CONCLUSIONS[k][2] if holds.loc[k, "assumed"] else CONCLUSIONS[k][3] for k in keys]
            clauses.append(
                prose.say(
                    "the {l} at its {at} ({e}) changes {k} of them: {words}",
                    l=parameter_label(r.name),
                    at="upper bound" if r.upper_bound else "estimate",
                    e=f"{r.estimate:g}",
                    k=len(keys),
                    words=join_words(words),
                )
            )
        else:
            quiet.append(
                prose.say(
                    "the {l} ({w}{e})",
                    l=parameter_label(r.name),
                    w="at most " if r.upper_bound else "",
                    e=f"{r.estimate:g}",
                )
            )
    parts = []
    if quiet:
        parts.append(
            prose.say(
                "{q} change{s} none of the {n} conclusions checked on {their} own",
                q=join_words(quiet),
                s="s" if len(quiet) == 1 else "",
                n=n,
                their="its" if len(quiet) == 1 else "their",
            )
        )
    parts += clauses
    o = check.outcomes

    def move(key: str) -> str:
        a, b = float(o.loc[key, "assumed"]), float(o.loc[key, "all"])
        if prose.pct(a) == prose.pct(b):
            return prose.say("stays at {a}", a=prose.pct(a))
        return prose.say(
            "{v} from {a} to {b}", v=prose.direction(b - a, "rises", "falls"), a=prose.pct(a), b=prose.pct(b)
        )

    text = prose.say("Set against estimates from {src}, {body}.", src=check.source or "data", body="; ".join(parts))
    if len(t) > 1:
        text += prose.say(
            " With all at once the share of merchants that consign {p} and the share of them losing money {l}.",
            p=move("share_participating"),
            l=move("share_losing_participants"),
        )
    return text


def findings(study: ChannelStudy) -> list[str]:
    """The notebook's findings as sentences, each carrying the number it rests on.

    Parameters
    ----------
    study : ChannelStudy
        From :func:`run_study`.

    Returns
    -------
    list of str
        Five sentences: risk allocation, efficiency and the wholesale price, merchant size,
        the price war, the literature check; a sixth on the estimates when the study has them
        (:func:`estimate_finding`).

    Examples
    --------
    >>> from helpers.inventory.channel_study import example_study
    >>> len(findings(example_study()))
    5
    """
    if not isinstance(study, ChannelStudy):
        raise ParameterError(f"findings needs a ChannelStudy from run_study, got {type(study).__name__}")
    out = [
        risk_sentence(study),
        efficiency_sentence(study),
        size_sentence(study),
        war_sentence(study),
        wjs_sentence(study),
    ]
    if study.estimates is not None and not study.estimates.parameters.empty:
        out.append(estimate_finding(study.estimates))
    return out


def conclusions(study: ChannelStudy, tornado_loss: pd.DataFrame, tornado_gain: pd.DataFrame) -> str:
    """The notebook's conclusions: what the model supports, what it does not, where it flips.

    Parameters
    ----------
    study : ChannelStudy
        From :func:`~helpers.inventory.channel_study.run_study`.
    tornado_loss, tornado_gain : pandas.DataFrame
        :func:`helpers.sensitivity.one_at_a_time` for the share losing and for the gain from consigning.

    Returns
    -------
    str
        Markdown.

    Examples
    --------
    >>> from helpers.inventory.channel_study import example_study
    >>> from helpers.sensitivity import one_at_a_time
    >>> t = one_at_a_time(lambda v: 0.2 + 0.1 * v["a"], {"a": 0.0}, {"a": (-1.0, 1.0)})
    >>> conclusions(example_study(), t, t).startswith("**What the model supports.**")
    True
    """
    if not isinstance(study, ChannelStudy):
        raise ParameterError(f"conclusions needs a ChannelStudy from run_study, got {type(study).__name__}")
    cons, proc = study.population["consignment"].summary(), study.population["procurement"].summary()
    c_m = study.row("consignment", "merchant")
    flat = study.no_fixed_cost_size["share_losing_participants"].dropna()
    sized = study.size["consignment"]["share_losing_participants"].dropna()
    war = study.war_summary
    supports = [
        prose.say(
            "*Who carries the risk is the contract itself.* The consignment platform's income (commission plus advertising) "
            "cannot be negative and the procurement supplier's revenue is fixed once the order is placed, for every "
            "parameter value: that is how the contracts are written, not a finding. What the model adds is how large the "
            "risk is: the typical consignment merchant {loss}, and a procurement platform pooling {n} products loses in "
            "total in {pp} of Double 11 scenarios, because only the common festival shock does not diversify away.",
            loss=_loss_phrase(study, "consignment", "merchant"),
            n=prose.integer(study.spec.n_merchants),
            pp=prose.pct(proc["platform_p_loss"]),
        ),
        prose.say(
            "*Efficiency separates the contracts as much as risk does.* A small commission barely distorts the consignment "
            "merchant's stocking ({ec} of the integrated channel's profit), whereas a wholesale price set by the supplier "
            "makes the procurement platform understock ({ep}): double marginalisation in the stock decision (Lariviere & "
            "Porteus 2001). The buyback contract recovers part of it ({eb}) and shifts some leftover risk back to the supplier.",
            ec=prose.pct(c_m["channel_efficiency"]),
            ep=prose.pct(study.row("procurement", "merchant")["channel_efficiency"]),
            eb=prose.pct(study.row("buyback", "merchant")["channel_efficiency"]),
        ),
    ]
    if len(flat) >= 2 and len(sized) >= 2:
        supports.append(
            prose.say(
                "*Merchant size matters only through fixed costs.* With no fixed cost the share of trading merchants who lose "
                "money is the same in every size group ({f0} to {f1}); with {k} yuan per product it runs from {s0} in the "
                'smallest trading group to {s1} in the largest, and {out} of merchants stay out altogether. "A few laugh, '
                'many cry" is a matter of degree: {lose} of all merchants lose money on an average Double 11, {p90} in a bad year.',
                f0=prose.pct(flat.min()),
                f1=prose.pct(flat.max()),
                k=prose.integer(study.params.fixed_cost),
                s0=prose.pct(sized.iloc[0]),
                s1=prose.pct(sized.iloc[-1]),
                out=prose.pct(1 - cons["share_participating"]),
                lose=prose.pct(cons["share_losing"]),
                p90=prose.pct(cons["share_losing_p90"]),
            )
        )
    if math.isfinite(war.loc["consignment", "platform_peak_ratio"]) and math.isfinite(
        war.loc["procurement", "platform_ratio"]
    ):
        supports.append(
            prose.say(
                "*Under consignment a price war is paid by the merchant.* The platform's income {verb} to {peak} of its pre-war "
                "level while the merchant's margin shrinks until it exits{why}; under procurement the platform shares every cut "
                "with its supplier and ends with {end} of its pre-war profit. That fits Liu Huipu's view that a procurement "
                "platform has a reason to avoid price wars, but the reason is the contract, not cross-border retail.",
                verb=prose.direction(war.loc["consignment", "platform_peak_ratio"] - 1, "rises", "falls", "stays"),
                peak=prose.pct(war.loc["consignment", "platform_peak_ratio"], 0),
                why=" (the rise follows from the assumed market elasticity above 1, section 7)"
                if study.values["price_war_elasticity"] > 1
                else "",
                end=prose.pct(war.loc["procurement", "platform_ratio"], 0),
            )
        )
    supports.append(
        "*Literature checks:* " + wjs_sentence(study) + " The agency-versus-reselling example reproduces "
        "(3a/4 against a/2 without cost)."
    )
    not_supported = (
        "**What it does not support.** No merchant-level Double 11 data were available: demand scale and uncertainty, "
        "margins, fixed costs, advertising, buyback terms and salvage values are assumptions (the table above); only the "
        "commission range and the return rate are sourced, each from a secondary source. The model gives shares, not "
        'counts, so it cannot confirm "几万" (tens of thousands). The supplier sets the wholesale price here; if the '
        "platform has the bargaining power, procurement moves along the curve of section 2. Parties are risk-neutral, "
        "returns come at their expected rate, demand is lognormal, and merchants know their demand distribution (except for "
        "the forecast-bias parameter). The paper behind the consignment literature check was read only as an abstract. "
        'Whether cross-border retail "is" procurement is not a question this model can answer: it is a choice of '
        "contract (section 12)."
    )
    check = study.estimates
    if check is not None and not check.parameters.empty:
        t = check.parameters
        bounds = [parameter_label(n) for n in t.loc[t["upper_bound"], "name"]]
        not_supported += prose.say(
            " Estimates from {src} inform the {names} (section 9){ub}; they come from real sales, but not from the "
            "merchants of this model.",
            src=check.source or "data",
            names=join_words([parameter_label(n) for n in t["name"]]),
            ub=prose.say(
                "; for the {b} they are only upper {v}",
                b=join_words(bounds),
                v="bound" if len(bounds) == 1 else "bounds",
            )
            if bounds
            else "",
        )
    flips = crossings(tornado_gain, 0.0)
    where = prose.say(
        "**Where it flips.** Whether consigning pays the typical merchant more than selling at the supplier's price "
        "({g} yuan per 100 yuan of sales at base) flips {f}; the share of merchants losing money is most sensitive to {a}.",
        g=prose.num(float(tornado_gain.base_outcome.iloc[0]), 1, signed=True),
        f=("at " + flip_list(flips)) if len(flips) else "over no single range",
        a=" and ".join(map(parameter_label, tornado_loss.parameter.iloc[:2])),
    )
    if check is not None and not check.parameters.empty:
        changed = check.changed()
        if len(changed):
            where += prose.say(
                " At the estimates of section 9, {k} of the {m} conclusions checked change: {which}.",
                k=len(changed),
                m=len(check.holds.index),
                which="; ".join(estimate_changes(check)),
            )
        else:
            where += " No conclusion checked changes at the estimates of section 9."
    return "**What the model supports.**\n\n" + prose.bullets(supports) + "\n\n" + not_supported + "\n\n" + where
