"""Notebook 04's sentences, computed from a :class:`~helpers.policy.study.BondedStudy`.

Every date, rule, direction word and number in them comes from the study: the regime
named is the one in force on the date (with "the table holds no later rules" for a date
after the last change the table records), "fewer"/"more" follow the sign of the gap, and a
result that the assumptions cannot decide is called that. Built with :mod:`helpers.prose`.
"""

from __future__ import annotations

import pandas as pd

from helpers import prose
from helpers.policy.regimes import Regime
from helpers.policy.study import BondedStudy

__all__ = [
    "CATEGORY_WORDS",
    "alternative_sentence",
    "assumption_table",
    "depth_table",
    "flips_table",
    "landed_sentence",
    "orders_display",
    "returns_table",
    "rules_sentence",
    "rules_table",
    "salvage_table",
    "seller_table",
    "setup_sentence",
    "who_pays_table",
    "LABELS",
    "assumption_label",
    "category_words",
    "conclusions",
    "depth_sentence",
    "findings",
    "heatmap_sentence",
    "no_trade_sentence",
    "verdict",
    "knife_edge",
    "returns_sentence",
    "rules_words",
    "salvage_sentence",
    "scale_sentence",
    "sensitivity_sentence",
    "shapley_sentence",
    "who_pays_sentence",
]

#: Product categories in words.
CATEGORY_WORDS = {
    "cosmetics_skincare_ordinary": "ordinary skincare (护肤类)",
    "cosmetics_skincare_high_end": "high-end skincare (高档护肤类)",
    "cosmetics_makeup_ordinary": "ordinary make-up (美容、修饰类)",
    "cosmetics_makeup_high_end": "high-end make-up (高档美容、修饰类)",
}

#: Assumptions in words (for sentences and chart labels).
LABELS = {
    "list_price_yuan": "regular price",
    "base_units": "expected units at the regular price",
    "elasticity": "price elasticity",
    "demand_cv": "demand uncertainty (CV)",
    "import_cost_yuan": "import cost (CIF)",
    "commission_rate": "platform commission",
    "domestic_salvage_share": "domestic redistribution value",
    "carry_over_value_share": "bonded carry-over value",
    "carry_over_holding_share": "bonded carry-over holding cost",
    "reexport_value_share": "re-export value",
    "destruction_cost_share": "destruction cost",
    "general_trade_conversion_cost_share": "cost of converting bonded stock to general trade",
    "domestic_return_rate": "domestic return rate",
    "domestic_return_handling_yuan": "domestic return handling cost",
    "cross_border_return_rate": "cross-border return rate",
    "cross_border_return_handling_yuan": "cross-border return handling cost",
    "no_returns_conversion_discount": "demand lost without returns",
    "returns_practice_share_2016_2018": "share of returns that happened in 2016-18",
    "duty_free_price_yuan": "duty-free price",
    "duty_free_volume_ml": "content of the worked item",
}

_FEATURES = {"taxes": "the taxes", "disposal": "the bonded disposal options", "returns": "the return rules"}


def assumption_label(name: str) -> str:
    """An assumption's name in words.

    Examples
    --------
    >>> assumption_label("import_cost_yuan"), assumption_label("other_thing")
    ('import cost (CIF)', 'other thing')
    """
    return LABELS.get(name, name.replace("_", " "))


def category_words(category: str) -> str:
    """A product category in words.

    Examples
    --------
    >>> category_words("cosmetics_skincare_high_end")
    'high-end skincare (高档护肤类)'
    """
    return CATEGORY_WORDS.get(category, category.replace("_", " "))


def rules_words(regime: Regime) -> str:
    """'the rules of <date>', with the table's caveat for a date after its last change.

    Examples
    --------
    >>> from helpers.policy.regimes import regime_on
    >>> rules_words(regime_on("2019-11-11"))
    'the rules of 2019-11-11'
    >>> rules_words(regime_on("2030-11-11"))
    'the rules of 2030-11-11 (those as of 2020-03-28; the table holds no later rules)'
    """
    text = f"the rules of {regime.date.isoformat()}"
    if regime.after_table:
        text += f" (those as of {regime.as_of.isoformat()}; the table holds no later rules)"
    return text


def _tax_words(regime: Regime) -> str:
    if regime.system == "postal":
        return f"postal-articles tax of {prose.pct(regime.postal_tax_rate, 0)}"
    return f"cross-border comprehensive tax of {prose.pct(regime.comprehensive_rate)}"


def _units(x: float) -> str:
    return prose.integer(x)


def _gap_words(study: BondedStudy, when: str) -> str:
    d = study.depth
    b, p = d.loc[f"bonded_{when}"], d.loc[f"platform_{when}"]
    rules = rules_words(study.regime(when))
    if b["stock"] <= 0 or p["stock"] <= 0:
        if b["stock"] <= 0 and p["stock"] <= 0:
            return prose.say(
                "under {rules} neither the bonded platform nor a domestic platform stocks the item at all", rules=rules
            )
        who, other, n = (
            ("bonded platform", "a domestic platform", p["stock"])
            if b["stock"] <= 0
            else ("domestic platform", "the bonded platform", b["stock"])
        )
        return prose.say(
            "under {rules} the {who} does not stock the item at all ({other} stocks {n} units)",
            rules=rules,
            who=who,
            other=other,
            n=_units(n),
        )
    gap = study.gap(when, "stock")
    return prose.say(
        "under {rules} the bonded platform stocks {share} {fewer} units than a domestic platform ({b} against {p}) and "
        "its buyers pay {bp} against {pp} yuan",
        rules=rules_words(study.regime(when)),
        share=prose.pct(abs(gap)),
        fewer=prose.direction(gap, "more", "fewer", "as many"),
        b=_units(b["stock"]),
        p=_units(p["stock"]),
        bp=prose.num(b["consumer_price"], 1),
        pp=prose.num(p["consumer_price"], 1),
    )


def who_pays_sentence(study: BondedStudy) -> str:
    """Tax on one unit in each channel under both dates' rules, and which is heavier."""
    parts = []
    for when in ("before", "after"):
        t = study.who_pays[when]
        dom, cb = float(t["tax_yuan"].iloc[0]), float(t["tax_yuan"].iloc[1])
        parts.append(
            prose.say(
                "under {rules} ({tax}) it includes {cb} yuan of tax when bought cross-border against {dom} yuan of "
                "general-trade taxes when bought from a domestic importer, {heavier}",
                rules=rules_words(study.regime(when)),
                tax=_tax_words(study.regime(when)),
                cb=prose.num(cb, 1),
                dom=prose.num(dom, 1),
                heavier=prose.direction(
                    cb - dom,
                    "a heavier tax on the cross-border channel",
                    "a lighter tax on the cross-border channel",
                    "the same tax",
                    tol=0.05,
                ),
            )
        )
    p = study.params
    return prose.say(
        "When the buyer pays {price} yuan, taxes included, for a unit of {cat} bought abroad for {cost} yuan, {a}; {b}.",
        price=prose.num(p["list_price_yuan"]),
        cat=category_words(study.category),
        cost=prose.num(p["import_cost_yuan"]),
        a=parts[0],
        b=parts[1],
    )


def scale_sentence(study: BondedStudy) -> str:
    """The bonded platform's optimal promotion against a domestic platform's under both dates' rules."""
    return prose.say(
        "Choosing price and stock together, {a}; {b}.", a=_gap_words(study, "before"), b=_gap_words(study, "after")
    )


def depth_sentence(study: BondedStudy) -> str:
    """The optimal promotions compared under both dates' rules, and the consignment merchant."""
    merchant = study.depth.loc["merchant"]
    return (
        scale_sentence(study)
        + " "
        + prose.say(
            "A consignment merchant under {rules}, keeping {keep} of the price, stocks {m} units at {mp} yuan.",
            rules=rules_words(study.after),
            keep=prose.pct(1 - study.params["commission_rate"], 0),
            m=_units(merchant["stock"]),
            mp=prose.num(merchant["consumer_price"], 1),
        )
    )


def shapley_sentence(study: BondedStudy, when: str, measure: str = "stock") -> str:
    """The Shapley decomposition of one date's stock gap, with the range over orders of its largest part."""
    if not study.trades:
        return no_trade_sentence(study, "the decomposition")
    res = study.shapley[when]
    s = res.summary(measure)
    total = res.end[measure] - res.start[measure]
    parts = _parts(s["shapley"])
    top = s["shapley"].abs().idxmax()
    return prose.say(
        "Under {rules} the bonded platform's stock differs from a domestic platform's by {total} units: {parts} "
        "(Shapley values, averaged over the {n} orders of the steps); the largest part, {top}, ranges from {lo} to {hi} "
        "units depending on the order.",
        rules=rules_words(study.regime(when)),
        total=prose.num(total, 0, signed=True),
        parts=parts,
        n=len(res.orders["order"].unique()),
        top=_FEATURES.get(top, top),
        lo=prose.num(s.loc[top, "min_over_orders"], 0, signed=True),
        hi=prose.num(s.loc[top, "max_over_orders"], 0, signed=True),
    )


def no_trade_sentence(study: BondedStudy, what: str) -> str:
    """The one sentence a section says when no platform stocks the item (nothing to compare), naming ``what`` it skips.

    Examples
    --------
    >>> import helpers.assumptions as a
    >>> from helpers.policy.study import run_study
    >>> t = a.load_assumptions("data/assumptions/bonded.csv")
    >>> s = run_study({**a.values(t), "list_price_yuan": 150.0}, a.ranges(t), sensitivity=False)
    >>> print(no_trade_sentence(s, "the decomposition"))
    With these assumptions no platform stocks the item under either date's rules (a regular price of 150 yuan does not cover a unit's cost and taxes), so the decomposition is skipped.
    """
    return prose.say(
        "With these assumptions no platform stocks the item under either date's rules (a regular price of {p} yuan "
        "does not cover a unit's cost and taxes), so {what} is skipped.",
        p=prose.num(study.params["list_price_yuan"]),
        what=what,
    )


def _moves(change: float, a: str, b: str, up: str = "rises", down: str = "falls") -> str:
    """'rises from a to b', 'falls from a to b', or 'stays at a'."""
    if a == b:
        return f"stays at {a}"
    return f"{prose.direction(change, up, down, 'stays')} from {a} to {b}"


def _parts(values: pd.Series) -> str:
    return ", ".join(f"{_FEATURES.get(f, f)} {prose.num(v, 0, signed=True)}" for f, v in values.items())


def salvage_sentence(study: BondedStudy) -> str:
    """What the disposal options do to the bonded platform's stock at its optimal price."""
    if not study.trades:
        return no_trade_sentence(study, "the comparison of disposal options")
    t = study.salvage
    best = t.iloc[1:].sort_values("net_salvage", kind="stable").iloc[-1]
    worst = t.iloc[1:].sort_values("net_salvage", kind="stable").iloc[0]
    dom = t.iloc[0]
    return prose.say(
        "At its optimal price under {rules}, the bonded platform's best way out is {best} ({bn} yuan net per leftover "
        "unit, stock {bs}); if leftovers could be redistributed like domestic units after general-trade taxes "
        "({dn} yuan) it would stock {ds}, and if only {worst} were open, {ws}.",
        rules=rules_words(study.after),
        best=best["disposal"],
        bn=prose.num(best["net_salvage"], 1),
        bs=_units(best["stock"]),
        dn=prose.num(dom["net_salvage"], 1),
        ds=_units(dom["stock"]),
        worst=worst["disposal"],
        ws=_units(worst["stock"]),
    )


def knife_edge(study: BondedStudy) -> dict[str, float | str | bool]:
    """Where the assumed no-returns demand loss stands against the break-even.

    Returns
    -------
    dict
        ``kappa`` (assumed), ``kappa_star``, ``low``, ``high`` (its range), ``inside`` (the
        break-even lies inside the range), ``knife_edge`` (the assumption is within a tenth
        of the range of the break-even), ``better`` ("returns accepted" or "no returns" at the
        assumed value).
    """
    k = study.params["no_returns_conversion_discount"]
    lo, hi = study.ranges.get("no_returns_conversion_discount", (k, k))
    ks = study.kappa_star
    width = hi - lo
    return {
        "kappa": k,
        "kappa_star": ks,
        "low": lo,
        "high": hi,
        "inside": bool(lo < ks < hi),
        "knife_edge": bool(width > 0 and abs(k - ks) <= 0.1 * width),
        "better": "accepting returns" if k > ks else "refusing returns",
    }


def returns_sentence(study: BondedStudy) -> str:
    """The returns result, stated with its knife-edge."""
    if not study.trades:
        return no_trade_sentence(study, "the comparison of returns rules")
    e = knife_edge(study)
    head = prose.say(
        "With the taxes and disposal options of {rules}, accepting returns pays only if a no-returns rule loses more than "
        "{ks} of demand; the assumed {k} is {d} {side} that break-even, so at the assumed value {better} earns more",
        rules=rules_words(study.after),
        ks=prose.pct(e["kappa_star"]),
        k=prose.pct(e["kappa"]),
        d=prose.pp(abs(e["kappa"] - e["kappa_star"])),
        side=prose.direction(e["kappa"] - e["kappa_star"], "above", "below", "at"),
        better=e["better"],
    )
    if e["inside"]:
        tail = prose.say(
            ", but the break-even lies inside the assumed range ({lo}–{hi}){edge}: which returns rule serves a bonded "
            "platform better is not identified by the model.",
            lo=prose.pct(e["low"], 0),
            hi=prose.pct(e["high"], 0),
            edge=", within a tenth of the range of the assumed value (a knife-edge)" if e["knife_edge"] else "",
        )
    else:
        tail = prose.say(
            " across the whole assumed range ({lo}–{hi}).", lo=prose.pct(e["low"], 0), hi=prose.pct(e["high"], 0)
        )
    return head + tail


def heatmap_sentence(study: BondedStudy, ridge: pd.DataFrame) -> str:
    """How the best discount and stock move from destroying leftovers to redistributing them."""
    if not study.trades:
        return no_trade_sentence(study, "the reading of the profit map")
    first, last = ridge.iloc[0], ridge.iloc[-1]
    return prose.say(
        "Under {rules}, from leftovers that must be destroyed ({s0} yuan) to leftovers that fetch what a domestic unit "
        "does after general-trade taxes ({s1} yuan), the bonded platform's best discount {d} and its stock {q} units.",
        rules=rules_words(study.after),
        s0=prose.num(first["salvage_yuan"], 1),
        s1=prose.num(last["salvage_yuan"], 1),
        d=_moves(last["discount"] - first["discount"], prose.pct(first["discount"]), prose.pct(last["discount"])),
        q=_moves(last["stock"] - first["stock"], _units(first["stock"]), _units(last["stock"])),
    )


def _flip_list(study: BondedStudy, when: str, measure: str = "stock_units", limit: int = 3) -> tuple[int, str]:
    f = study.flips
    rows = f[(f["when"] == when) & (f["measure"] == measure)] if len(f) else f
    if not len(rows):
        return 0, "none"
    order = study.sensitivity[f"{measure}_{when}"]["parameter"].tolist()
    rows = rows.assign(rank=[order.index(p) for p in rows["parameter"]]).sort_values("rank")
    text = ", ".join(
        f"{assumption_label(r.parameter)} (at {prose.num(r.flips_at, 2 if abs(r.flips_at) < 10 else 0)})"
        for r in rows.head(limit).itertuples()
    )
    return len(rows), text + (" and others" if len(rows) > limit else "")


def sensitivity_sentence(study: BondedStudy) -> str:
    """How many assumptions can flip each stock gap within their ranges, and which."""
    if not study.trades:
        return no_trade_sentence(study, "the reading of the sensitivity sweep")
    if not study.sensitivity:
        return "The sensitivity sweep was not run."
    n_swept = len(study.sensitivity["stock_units_before"])
    parts = []
    for when in ("before", "after"):
        n, names = _flip_list(study, when)
        base = study.sensitivity[f"stock_units_{when}"]["base_outcome"].iloc[0]
        parts.append(
            prose.say(
                "under {rules} the stock gap ({gap} units) changes sign within the ranges of {n} of the {m} swept{names}",
                rules=rules_words(study.regime(when)),
                gap=prose.num(base, 0, signed=True),
                n=n,
                m=_plural(n_swept, "assumption") if n_swept != 1 else "1 assumption",
                names=f": {names}" if n else "",
            )
        )
    return prose.say("Moved one at a time across their ranges, {a}; {b}.", a=parts[0], b=parts[1])


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def verdict(study: BondedStudy, when: str, measure: str = "stock_units") -> str:
    """How far the sign of a gap is decided: 'holds across every assumption range', 'holds except near the
    end of a range' (every flip needs an assumption moved over 80% of the way from its base to an end of its
    range) or 'is not decided by the model'.

    Examples
    --------
    >>> import helpers.assumptions as a
    >>> from helpers.policy.study import run_study
    >>> t = a.load_assumptions("data/assumptions/bonded.csv")
    >>> verdict(run_study(a.values(t), a.ranges(t), sensitivity=False), "after")
    'is not checked (no sensitivity run)'
    """
    if not study.sensitivity:
        return "is not checked (no sensitivity run)"
    f = study.flips
    rows = f[(f["when"] == when) & (f["measure"] == measure)] if len(f) else f
    if not len(rows):
        return "holds across every assumption range"
    far = []
    for r in rows.itertuples():
        end = r.low if r.flips_at < r.base else r.high
        far.append(abs(end - r.base) > 0 and abs(r.flips_at - r.base) / abs(end - r.base) > 0.8)
    return "holds except near the end of a range" if all(far) else "is not decided by the model"


def findings(study: BondedStudy) -> list[str]:
    """The notebook's 5 findings, each with the number it rests on (2 when no platform stocks the item)."""
    if not study.trades:
        return [
            "**Taxes, both channels explicit.** " + who_pays_sentence(study),
            "**No promotion to compare.** " + no_trade_sentence(study, "everything that compares promotions"),
        ]
    out = [
        "**Taxes, both channels explicit.** " + who_pays_sentence(study),
        "**Promotion size.** " + scale_sentence(study),
    ]
    res = study.shapley["after"]
    out.append(
        "**Where the gap comes from.** "
        + shapley_sentence(study, "before")
        + " "
        + prose.say(
            "Under {rules} the gap is {total} units: {parts}.",
            rules=rules_words(study.after),
            total=prose.num(res.end["stock"] - res.start["stock"], 0, signed=True),
            parts=_parts(res.summary("stock")["shapley"]),
        )
    )
    out.append("**Returns.** " + returns_sentence(study))
    out.append(
        "**How far to trust it.** "
        + sensitivity_sentence(study)
        + " "
        + prose.say(
            "The sign of the gap {a} under {rb}, and {b} under {ra}; every number of the model is an assumption.",
            a=verdict(study, "before"),
            rb=rules_words(study.before),
            b=verdict(study, "after"),
            ra=rules_words(study.after),
        )
    )
    return out


def _compare_stock(study: BondedStudy, when: str, than: str) -> str:
    """'39.2% smaller than' (or '12 units against none' when the domestic platform does not stock)."""
    gap = study.gap(when, "stock")
    if gap != gap:  # NaN: the domestic platform stocks nothing
        b = study.depth.loc[f"bonded_{when}", "stock"]
        return "zero, like" if b <= 0 else prose.say("{b} units, against none for", b=_units(b))
    word = prose.direction(gap, "larger", "smaller", "as large")
    return f"{prose.pct(abs(gap))} {word}" + (f" {than}" if than else "")


def conclusions(study: BondedStudy) -> list[str]:
    """Three paragraphs: what the model supports, what it does not, where it flips (one when nothing trades)."""
    if not study.trades:
        return ["**What the model supports.** " + no_trade_sentence(study, "every comparison of promotions")]
    e = knife_edge(study)
    supports = prose.say(
        "**What the model supports.** Once a domestic importer's tariff, consumption tax and VAT are counted as the bonded "
        "platform's cross-border tax is, the bonded platform's optimal Double 11 stock is {b} a domestic platform's "
        "under {rb} (a sign that {vb}) and {a} under {ra} (a sign that {va}). Between the two dates the "
        "cross-border tax in a unit's regular price went from {tax_before} to {tax_after}, against general-trade taxes "
        "of {gt_before} and {gt_after} yuan.",
        b=_compare_stock(study, "before", "than"),
        rb=rules_words(study.before),
        a=_compare_stock(study, "after", ""),
        ra=rules_words(study.after),
        vb=verdict(study, "before"),
        va=verdict(study, "after"),
        tax_before=prose.yuan(study.who_pays["before"]["tax_yuan"].iloc[1], 1),
        tax_after=prose.yuan(study.who_pays["after"]["tax_yuan"].iloc[1], 1),
        gt_before=prose.num(study.who_pays["before"]["tax_yuan"].iloc[0], 1),
        gt_after=prose.num(study.who_pays["after"]["tax_yuan"].iloc[0], 1),
    )
    sb, sa = study.shapley["before"], study.shapley["after"]
    not_supported = prose.say(
        "**What it does not support.** That the bonded zone's ways out for unsold stock alone decide how big a bonded "
        "platform's promotion can be: of the {tb}-unit gap under {rb} they explain {db} and the taxes {xb}; of the "
        "{ta}-unit gap under {ra}, {da} against {xa} for the taxes; and each part moves with the order in which the "
        "steps are taken (section 5). Nor which returns rule serves a bonded platform better: the comparison {edge}, with "
        "the break-even demand loss ({ks}) {inside} the assumed range. The base values are not estimated from this item's sales: "
        "demand, costs, salvage values and return rates are assumptions (section 3); where listing data give an estimate "
        "(notebook 05), section 10 shows the results at it; the rules are sourced rows of data/policy.",
        tb=prose.num(sb.end["stock"] - sb.start["stock"], 0, signed=True),
        rb=rules_words(study.before),
        db=prose.num(sb.values.loc["disposal", "stock"], 0, signed=True),
        xb=prose.num(sb.values.loc["taxes", "stock"], 0, signed=True),
        ta=prose.num(sa.end["stock"] - sa.start["stock"], 0, signed=True),
        ra=rules_words(study.after),
        da=prose.num(sa.values.loc["disposal", "stock"], 0, signed=True),
        xa=prose.num(sa.values.loc["taxes", "stock"], 0, signed=True),
        ks=prose.pct(e["kappa_star"]),
        inside="inside" if e["inside"] else "outside",
        edge="is a knife-edge" if e["knife_edge"] else ("is not identified" if e["inside"] else "is decided"),
    )
    n_b, names_b = _flip_list(study, "before")
    n_a, names_a = _flip_list(study, "after")
    flips = prose.say(
        "**Where it flips.** Under {rb} the sign of the stock gap changes within the ranges of {nb} ({xb}); "
        "under {ra}, of {na} ({xa}). The returns comparison flips at a demand loss of {ks}.",
        rb=rules_words(study.before),
        nb=_plural(n_b, "assumption"),
        xb=names_b,
        ra=rules_words(study.after),
        na=_plural(n_a, "assumption"),
        xa=names_a,
        ks=prose.pct(e["kappa_star"]),
    )
    return [supports, not_supported, flips]


# ---------------------------------------------------------------------------
# section sentences and display tables (rounded to what they mean)
_PARAM_WORDS = {
    "postal_tax_rate": "postal-articles tax rate",
    "consumption_tax_rate": "consumption-tax rate",
    "vat_rate": "VAT rate",
    "general_trade_tariff_rate": "general-trade tariff",
    "returns_into_bonded_zone": "returns into the zone in practice",
    "returns_allowed_in_law": "returns allowed in law",
    "bonded_stock_general_trade_import": "bonded stock imported as general trade",
    "comprehensive_tax_share": "share of statutory tax collected",
    "per_order_limit_yuan": "per-order limit",
    "annual_limit_yuan": "annual limit",
    "postal_tax_exemption_yuan": "postal-tax exemption",
}


def rules_sentence(study: BondedStudy, rules: pd.DataFrame, parameters: pd.DataFrame | None = None) -> str:
    """The two regimes in words (from the table), and the values they rest on that are not fully verified."""
    from helpers.policy.regimes import parameters_in_force, regime_label

    text = prose.say(
        "The comparison uses {a}, and {b}.", a=regime_label(study.before, rules), b=regime_label(study.after, rules)
    )
    weak = []
    for r in (study.before, study.after):
        rows = parameters_in_force(r.date, study.category, parameters)
        rows = rows[rows["confidence"].isin(["unverified", "conflicting"])]
        weak += [
            f"{_PARAM_WORDS.get(x.parameter, x.parameter.replace('_', ' '))} on {r.date.isoformat()} ({x.confidence})"
            for x in rows.itertuples()
        ]
    if weak:
        text += " " + prose.say(
            "Values used that the table marks as not verified: {w}.", w="; ".join(dict.fromkeys(weak))
        )
    return text


def rules_table(rules: pd.DataFrame, start: object, end: object) -> pd.DataFrame:
    """The rule changes between two dates, for display (date, id, document, confidence)."""
    t = rules[(rules["date"] >= pd.Timestamp(start)) & (rules["date"] <= pd.Timestamp(end))]
    return t.assign(date=t["date"].dt.strftime("%Y-%m-%d"))[["date", "rule_id", "document", "confidence"]].reset_index(
        drop=True
    )


def who_pays_table(study: BondedStudy) -> pd.DataFrame:
    """Who pays what on one unit, under both dates' rules (yuan to 0.1)."""
    frames = []
    for when in ("before", "after"):
        t = study.who_pays[when].copy()
        t.insert(0, "rules of", study.regime(when).date.isoformat())
        t["available"] = t["available"].map({True: "yes", False: "not under these rules"})
        frames.append(t)
    out = pd.concat(frames, ignore_index=True)
    return out.rename(
        columns={
            "tariff_yuan": "tariff",
            "consumption_tax_yuan": "consumption tax",
            "vat_yuan": "VAT",
            "tax_yuan": "total tax",
            "buyer_pays_yuan": "buyer pays",
            "available": "open",
        }
    )


def landed_sentence(price: float, volume_ml: float, category: str, derived: str, tax: pd.DataFrame) -> str:
    """The worked product's tax per regime, and whether the category parameter matches its price per ml.

    Parameters
    ----------
    price, volume_ml : float
        The worked product (duty-free price, yuan; content, ml).
    category : str
        The category parameter.
    derived : str
        :func:`helpers.policy.cosmetics_category` of the product on the ``after`` date.
    tax : pandas.DataFrame
        :func:`helpers.policy.tax_timeline` of the product at the regime dates (date, tax_yuan, effective_rate).
    """
    first, last = tax.iloc[0], tax.iloc[-1]
    text = prose.say(
        "At an assumed duty-free price of {p} yuan, the worked {cat} item paid {t0} yuan ({r0}) on one order under the rules "
        "of {d0} and {t1} yuan ({r1}) under those of {d1}.",
        p=prose.num(price),
        cat=category_words(category),
        t0=prose.num(first["tax_yuan"], 1),
        r0=prose.pct(first["effective_rate"]),
        d0=first["date"].strftime("%Y-%m-%d"),
        t1=prose.num(last["tax_yuan"], 1),
        r1=prose.pct(last["effective_rate"]),
        d1=last["date"].strftime("%Y-%m-%d"),
    )
    if derived != category:
        text += " " + prose.say(
            "At {ppm} yuan per ml the item would count as {d} under Cai Shui [2016] No. 103's threshold, not {c} as the "
            "tax_category parameter says; the notebook follows the parameter.",
            ppm=prose.num(price / volume_ml, 1),
            d=category_words(derived),
            c=category_words(category),
        )
    return text


def seller_table(study: BondedStudy) -> pd.DataFrame:
    """The five sellers' economics, for display (yuan to 0.1, shares to 0.1 pp)."""
    rows = []
    for s in study.sellers.values():
        rows.append(
            {
                "seller": s.name,
                "unit cost, yuan": round(s.unit_cost, 1),
                "keeps, % of price": round(100 * s.revenue_share, 1),
                "tax": s.levy.label if s.levy is not None else "none",
                "tax paid by": "buyer, on top" if s.levy_borne_by == "consumer" else "seller, out of the price",
                "leftovers": s.disposal.name,
                "net salvage, yuan": round(s.disposal.net, 1),
                "return rate, %": round(100 * (s.returns.rate if s.returns else 0.0), 1),
                "demand kept, %": round(100 * s.demand_factor, 1),
            }
        )
    return pd.DataFrame(rows, index=pd.Index(list(study.sellers), name="role")).loc[list(study.depth.index)]


def setup_sentence(study: BondedStudy) -> str:
    """What differs between the sellers, from the study."""
    s = study.sellers
    return prose.say(
        "Every seller buys the unit abroad for {v} yuan; a domestic importer's unit cost is {cb} yuan under {rb} and {ca} "
        "under {ra} (tariff and consumption tax), the bonded platform's {v}. The bonded platform's best way out for leftovers "
        "is {db} under the first rules and {da} under the second; its returns regime is '{qb}' and '{qa}'.",
        v=prose.num(study.params["import_cost_yuan"], 1),
        cb=prose.num(s["platform_before"].unit_cost, 1),
        rb=rules_words(study.before),
        ca=prose.num(s["platform_after"].unit_cost, 1),
        ra=rules_words(study.after),
        db=s["bonded_before"].disposal.name,
        da=s["bonded_after"].disposal.name,
        qb=study.before.returns_regime,
        qa=study.after.returns_regime,
    )


def alternative_sentence(study: BondedStudy) -> str:
    """What changes if the other party bears the cross-border tax (包税 or not)."""
    other = (
        "the platform absorbs the tax (包税)" if study.tax_borne_by == "consumer" else "the buyer pays the tax on top"
    )
    parts = []
    for when in ("before", "after"):
        r = study.alternative.loc[f"bonded_{when}"]
        base = study.depth.loc[f"bonded_{when}"]
        parts.append(
            prose.say(
                "under {rules} its stock {moves} units",
                rules=rules_words(study.regime(when)),
                moves=_moves(r["stock"] - base["stock"], _units(base["stock"]), _units(r["stock"])),
            )
        )
    return prose.say("If {other}, {a}; {b}.", other=other, a=parts[0], b=parts[1])


def depth_table(study: BondedStudy) -> pd.DataFrame:
    """:meth:`BondedStudy.summary` (display rounding)."""
    return study.summary()


def orders_display(study: BondedStudy, when: str, measure: str = "stock") -> pd.DataFrame:
    """Every order's contribution to one date's gap, rounded (units to whole units, yuan to 0.1)."""
    from helpers.policy.decomposition import orders_table

    t = orders_table(study.shapley[when], measure)
    t.columns = [_FEATURES.get(c, c) for c in t.columns]
    return t.round(0 if measure == "stock" else 1)


def returns_table(study: BondedStudy) -> pd.DataFrame:
    """The returns regimes, for display."""
    t = study.returns
    return pd.DataFrame(
        {
            "regime": t["regime"],
            "discount, %": (100 * t["discount"]).round(1),
            "buyer pays, yuan": t["consumer_price"].round(1),
            "stock, units": t["stock"].round(0).astype(int),
            "returned, units": t["expected_returned_units"].round(0).astype(int),
            "cost of returns, yuan": t["returns_cost"].round(0).astype(int),
            "expected profit, yuan": t["expected_profit"].round(0).astype(int),
        }
    )


def salvage_table(study: BondedStudy) -> pd.DataFrame:
    """The disposal options, for display."""
    t = study.salvage
    return pd.DataFrame(
        {
            "way out": t["disposal"],
            "net value, yuan": t["net_salvage"].round(1),
            "critical fractile, %": (100 * t["critical_fractile"]).round(1),
            "stock, units": t["stock"].round(0).astype(int),
            "leftover, units": t["expected_leftover"].round(0).astype(int),
            "expected profit, yuan": t["expected_profit"].round(0).astype(int),
        }
    )


def flips_table(study: BondedStudy) -> pd.DataFrame:
    """The assumptions that flip a gap's sign within their range, and where (rounded)."""
    f = study.flips
    if not len(f):
        return pd.DataFrame(columns=["gap", "rules of", "assumption", "base", "flips at", "range"])
    return pd.DataFrame(
        {
            "gap": f["measure"].map({"stock_units": "stock, units", "consumer_price": "price paid, yuan"}),
            "rules of": [study.regime(w).date.isoformat() for w in f["when"]],
            "assumption": [assumption_label(n) for n in f["parameter"]],
            "base": f["base"].round(3),
            "flips at": f["flips_at"].round(3),
            "range": [f"{lo:g}–{hi:g}" for lo, hi in zip(f["low"], f["high"])],
        }
    )


def assumption_table(table: pd.DataFrame) -> pd.DataFrame:
    """The assumption table for display (value and range, unit, status, note)."""
    return (
        table[["name", "value", "low", "high", "unit", "status", "note"]]
        .assign(name=[assumption_label(n) for n in table["name"]])
        .round({"value": 3, "low": 3, "high": 3})
    )


def estimate_table(study: BondedStudy, comparison: pd.DataFrame) -> pd.DataFrame:
    """Assumed against estimated: each seller's optimal discount and stock, then the bonded-domestic
    stock gap under each date's rules (rounded: 0.1 pp, whole units).

    ``comparison`` is :func:`helpers.policy.study.assumed_vs_estimated`.
    """
    c = comparison
    rows = [
        {
            "seller": study.sellers[r].name,
            "discount, % (assumed)": round(100 * c.loc[r, "discount_assumed"], 1),
            "discount, % (estimated)": round(100 * c.loc[r, "discount_estimated"], 1),
            "stock, units (assumed)": int(round(c.loc[r, "stock_assumed"])),
            "stock, units (estimated)": int(round(c.loc[r, "stock_estimated"])),
        }
        for r in c.index
    ]
    for w in ("before", "after"):
        b, d = c.loc[f"bonded_{w}"], c.loc[f"platform_{w}"]
        rows.append(
            {
                "seller": f"bonded minus domestic, pp / units ({study.regime(w).date.isoformat()} rules)",
                "discount, % (assumed)": round(100 * (b["discount_assumed"] - d["discount_assumed"]), 1),
                "discount, % (estimated)": round(100 * (b["discount_estimated"] - d["discount_estimated"]), 1),
                "stock, units (assumed)": int(round(b["stock_assumed"] - d["stock_assumed"])),
                "stock, units (estimated)": int(round(b["stock_estimated"] - d["stock_estimated"])),
            }
        )
    return pd.DataFrame(rows).set_index("seller")


def estimate_sentence(study: BondedStudy, comparison: pd.DataFrame, estimates: dict[str, float]) -> str:
    """What changes when the assumptions are replaced by estimates (discounts, stock gap, corners)."""
    if not estimates:
        return "No estimated values are given (parameter `estimates` is empty), so this comparison is skipped."
    c = comparison
    names = "; ".join(
        prose.say("{label} {a} → {e}", label=assumption_label(k), a=prose.num(study.params[k], 2), e=prose.num(v, 2))
        for k, v in estimates.items()
    )
    corner = c.index[(c["discount_estimated"] <= 5e-4) & (c["discount_assumed"] > 5e-4)]
    mean_a, mean_e = c["discount_assumed"].mean(), c["discount_estimated"].mean()
    gaps = []
    for w in ("before", "after"):
        ga = c.loc[f"bonded_{w}", "stock_assumed"] - c.loc[f"platform_{w}", "stock_assumed"]
        ge = c.loc[f"bonded_{w}", "stock_estimated"] - c.loc[f"platform_{w}", "stock_estimated"]
        sign = "keeps its sign" if (ga < 0) == (ge < 0) else "changes sign"
        gaps.append(
            prose.say(
                "under {rules} from {a} to {e} units ({s})",
                rules=rules_words(study.regime(w)),
                a=prose.num(ga, 0, signed=True),
                e=prose.num(ge, 0, signed=True),
                s=sign,
            )
        )
    text = prose.say(
        "With {names}, the sellers' optimal discounts average {e} instead of {a}{corner}; the bonded platform's stock gap "
        "goes {g1}, and {g2}.",
        names=names,
        a=prose.pct(mean_a),
        e=prose.pct(mean_e),
        corner=(
            prose.say(
                " ({k} of {n} sellers that discount at the assumed value stop discounting: at that uncertainty "
                "the list price is a corner of the model)",
                k=prose.integer(len(corner)),
                n=prose.integer(int((c["discount_assumed"] > 5e-4).sum())),
            )
            if len(corner)
            else ""
        ),
        g1=gaps[0],
        g2=gaps[1],
    )
    return text
