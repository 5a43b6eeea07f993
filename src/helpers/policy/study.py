"""Notebook 04's analysis in one call: a domestic importer against a bonded cross-border platform, under two dates' rules.

:func:`run_study` computes everything the notebook's findings rest on, once: the two
regimes, who pays which tax, the five sellers' jointly optimal price and stock, the
Shapley decomposition of the bonded platform's gap under each date's rules, the returns
regimes with the break-even demand loss, the disposal options, and the one-at-a-time
sensitivity of the gaps with the values at which they change sign. The sentences are in
:mod:`helpers.policy.narrative`; the charts in :mod:`helpers.charts.policy`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.errors import ParameterError
from helpers.inventory import newsvendor as nv
from helpers.inventory.pricing import (
    Disposal,
    PromotionDemand,
    Seller,
    best_by_salvage,
    breakeven_no_returns_discount,
    optimal_promotion,
    profit_surface,
    returns_regimes,
    salvage_regimes,
)
from helpers.policy.decomposition import ShapleyResult, shapley
from helpers.policy.regimes import Regime, regime_on
from helpers.policy.sellers import (
    ASSUMPTION_NAMES,
    CATEGORIES,
    bonded_disposals,
    build_demand,
    build_sellers,
    general_trade_salvage,
    optimal_discounts,
    promotion_gap,
    seller_features,
)
from helpers.policy.tax import who_pays
from helpers.sensitivity import flip_point, one_at_a_time
from helpers.validation import choice, integer

__all__ = ["BondedStudy", "ROLES", "assumed_vs_estimated", "heat_map", "returns_curve", "run_study"]

#: The sellers of the study, in display order.
ROLES = ("platform_before", "bonded_before", "platform_after", "bonded_after", "merchant")
#: Assumptions that cannot move the bonded-domestic gaps (scale, the merchant's commission,
#: the worked example of the landed-price section): left out of the sensitivity sweep.
NOT_IN_GAP = ("base_units", "commission_rate", "duty_free_price_yuan", "duty_free_volume_ml")
#: Points of the price grid in the sensitivity sweeps (the full 81 elsewhere).
SWEEP_GRID = 41


@dataclass(frozen=True)
class BondedStudy:
    """Everything notebook 04's findings rest on (money in yuan, stock in units, shares as fractions).

    Attributes
    ----------
    params : dict
        The assumptions used (after overrides).
    ranges : dict
        Their low-high ranges.
    category, tax_borne_by : str
        Product category and who bears the cross-border tax (``"consumer"`` or ``"seller"``).
    before, after : Regime
        The rules of the two dates.
    demand : PromotionDemand
    sellers : dict
        :data:`ROLES` -> :class:`~helpers.inventory.pricing.Seller`.
    depth : pandas.DataFrame
        Index role; each seller's optimal promotion (:class:`~helpers.inventory.pricing.PromotionResult` columns).
    alternative : pandas.DataFrame
        The bonded platform under each date's rules with the other bearer of the tax (包税 or not).
    who_pays : dict
        ``"before"``/``"after"`` -> :func:`helpers.policy.who_pays` at the list price and the import cost.
    shapley : dict
        ``"before"``/``"after"`` -> :class:`~helpers.policy.ShapleyResult` (domestic platform -> bonded platform).
    returns : pandas.DataFrame
        The bonded platform under the ``after`` rules' taxes and disposals with no returns, returns
        rare in practice and returns accepted (each at its optimal promotion).
    kappa_star : float
        Demand lost to a no-returns rule above which accepting returns pays (optimal prices).
    salvage : pandas.DataFrame
        The bonded platform under the ``after`` rules at its optimal discount with each disposal option.
    sensitivity : dict
        ``"<measure>_<when>"`` -> :func:`helpers.sensitivity.one_at_a_time` of the gap (``stock_units``: bonded minus
        domestic stock in units; ``consumer_price``: bonded minus domestic price paid, yuan).
    flips : pandas.DataFrame
        Assumptions whose range changes the sign of a gap, and the value where it does.
    """

    params: dict[str, float]
    ranges: dict[str, tuple[float, float]]
    category: str
    tax_borne_by: str
    before: Regime
    after: Regime
    demand: PromotionDemand
    sellers: dict[str, Seller] = field(repr=False)
    depth: pd.DataFrame = field(repr=False)
    alternative: pd.DataFrame = field(repr=False)
    who_pays: dict[str, pd.DataFrame] = field(repr=False)
    shapley: dict[str, ShapleyResult] = field(repr=False)
    returns: pd.DataFrame = field(repr=False)
    kappa_star: float = 0.0
    salvage: pd.DataFrame = field(default=None, repr=False)
    sensitivity: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    flips: pd.DataFrame = field(default=None, repr=False)

    @property
    def trades(self) -> bool:
        """Whether any domestic or bonded platform stocks the item under either date's rules."""
        roles = ["platform_before", "bonded_before", "platform_after", "bonded_after"]
        return bool((self.depth.loc[roles, "stock"] > 0).any())

    def regime(self, when: str) -> Regime:
        """The regime of ``"before"`` or ``"after"``."""
        return {"before": self.before, "after": self.after}[when]

    def gap(self, when: str, measure: str = "stock") -> float:
        """Bonded against domestic platform under one date's rules: ``stock`` and ``expected_profit``
        as bonded / domestic - 1 (NaN when the domestic platform does not stock), ``stock_units`` as a
        difference of units, ``consumer_price`` in yuan, ``discount`` as a difference of shares."""
        b, d = self.depth.loc[f"bonded_{when}"], self.depth.loc[f"platform_{when}"]
        if measure in ("stock", "expected_profit"):
            return float(b[measure] / d[measure] - 1) if d[measure] > 0 else float("nan")
        if measure == "stock_units":
            return float(b["stock"] - d["stock"])
        return float(b[measure] - d[measure])

    def summary(self) -> pd.DataFrame:
        """The optimal promotions as a display table (rounded: yuan to 0.1, stock and profit to whole units, shares to 0.1 pp).

        Returns
        -------
        pandas.DataFrame
            One row per seller: seller, rules (date), discount (%), price (yuan), buyer pays (yuan),
            stock (units), expected profit (yuan).
        """
        t = self.depth
        return pd.DataFrame(
            {
                "seller": t["seller"].str.replace(r" \(\d{4}-\d{2}-\d{2}\)$", "", regex=True),
                "rules of": [self.sellers[r].name[-11:-1] for r in t.index],
                "discount, %": (100 * t["discount"]).round(1),
                "price, yuan": t["price"].round(1),
                "buyer pays, yuan": t["consumer_price"].round(1),
                "stock, units": t["stock"].round(0).astype(int),
                "expected profit, yuan": t["expected_profit"].round(0).astype(int),
            },
            index=t.index,
        )


def _check(before: str | dt.date, after: str | dt.date, category: str, tax_borne_by: str) -> tuple[str, str]:
    choice(category, "tax_category", CATEGORIES)
    choice(tax_borne_by, "tax_borne_by", ("consumer", "seller"))
    b, a = pd.Timestamp(before).date(), pd.Timestamp(after).date()
    if not b < a:
        raise ParameterError(
            f"regime_before ({b}) must be earlier than regime_after ({a}): the notebook compares "
            "the rules of an earlier date with those of a later one"
        )
    return b.isoformat(), a.isoformat()


def _sensitivity(
    params: dict[str, float], bounds: Mapping[str, tuple[float, float]], kw: dict
) -> tuple[dict, pd.DataFrame]:
    sweep = {n: bounds[n] for n in ASSUMPTION_NAMES if n in bounds and n not in NOT_IN_GAP}
    models = {
        f"{measure}_{when}": (
            lambda p, m=measure, w=when, k=scale: k * promotion_gap(p, measure=m, when=w, grid_points=SWEEP_GRID, **kw)
        )
        for measure, scale in (("stock_units", 1.0), ("consumer_price", 1.0))
        for when in ("before", "after")
    }
    sens = {key: one_at_a_time(f, params, sweep) for key, f in models.items()}
    rows = []
    for key, table in sens.items():
        straddle = table[table["outcome_low"] * table["outcome_high"] < 0]
        for row in straddle.itertuples():
            value = flip_point(
                models[key], params, row.parameter, row.low, row.high, points=3, xtol=1e-3 * (row.high - row.low)
            )
            measure, when = key.rsplit("_", 1)
            rows.append(
                {
                    "measure": measure,
                    "when": when,
                    "parameter": row.parameter,
                    "base": row.base_value,
                    "flips_at": value,
                    "low": row.low,
                    "high": row.high,
                }
            )
    flips = pd.DataFrame(rows, columns=["measure", "when", "parameter", "base", "flips_at", "low", "high"])
    return sens, flips


def run_study(
    params: Mapping[str, float],
    ranges: Mapping[str, tuple[float, float]],
    *,
    before: str | dt.date = "2015-11-11",
    after: str | dt.date = "2019-11-11",
    category: str = "cosmetics_skincare_ordinary",
    tax_borne_by: str = "consumer",
    parameters: pd.DataFrame | str | Path | None = None,
    sensitivity: bool = True,
) -> BondedStudy:
    """Notebook 04's analysis: every number its findings rest on, computed once.

    Parameters
    ----------
    params : mapping
        Assumptions (:data:`helpers.policy.ASSUMPTION_NAMES`), e.g. ``assumptions.values(table)``.
    ranges : mapping
        Their ranges, ``assumptions.ranges(table)`` (swept one at a time).
    before, after : date or str
        The two dates whose rules are compared (``before`` earlier).
    category : str
        Explicit product category (:data:`helpers.policy.CATEGORIES`).
    tax_borne_by : str
        ``"consumer"`` (the buyer pays the cross-border tax on top) or ``"seller"`` (包税).
    parameters : DataFrame or path, optional
        The policy parameter table; default the shipped one.
    sensitivity : bool
        Run the one-at-a-time sweeps (about a second); False for quick checks.

    Returns
    -------
    BondedStudy

    Raises
    ------
    ParameterError
        An unknown category or bearer, ``before`` not earlier than ``after``, a date before the
        rule table starts, or a missing assumption.

    Examples
    --------
    >>> import helpers.assumptions as a
    >>> t = a.load_assumptions("data/assumptions/bonded.csv")
    >>> s = run_study(a.values(t), a.ranges(t), sensitivity=False)
    >>> s.before.system, s.after.returns_regime
    ('postal', 'into the bonded zone')
    """
    b, a = _check(before, after, category, tax_borne_by)
    params = {k: float(v) for k, v in params.items()}
    kw = dict(before=b, after=a, tax_borne_by=tax_borne_by, tax_category=category, parameters=parameters)
    sellers = build_sellers(params, **kw)
    demand = build_demand(params)
    regimes = {"before": regime_on(b, category, parameters), "after": regime_on(a, category, parameters)}
    depth = pd.DataFrame(
        [optimal_promotion(sellers[r], demand).as_dict() for r in ROLES], index=pd.Index(ROLES, name="role")
    )
    other = "seller" if tax_borne_by == "consumer" else "consumer"
    alt = build_sellers(params, **{**kw, "tax_borne_by": other})
    alternative = pd.DataFrame(
        [optimal_promotion(alt[f"bonded_{w}"], demand).as_dict() for w in ("before", "after")],
        index=pd.Index(["bonded_before", "bonded_after"], name="role"),
    )
    pays = {
        w: who_pays(params["list_price_yuan"], params["import_cost_yuan"], r.date, category, parameters)
        for w, r in regimes.items()
    }
    decomp = {
        w: shapley(sellers[f"platform_{w}"], seller_features(sellers[f"bonded_{w}"], sellers[f"platform_{w}"]), demand)
        for w in ("before", "after")
    }
    # returns regimes with the after-rules' taxes and disposals
    target = sellers["bonded_after"]
    base = dataclasses.replace(target, returns=None, demand_factor=1.0)
    full = nv.Returns(
        params["cross_border_return_rate"], params["cross_border_return_handling_yuan"], target.disposal.net
    )
    pi = params["returns_practice_share_2016_2018"]
    returns = returns_regimes(
        base, demand, no_returns_discount=params["no_returns_conversion_discount"], returns=full, practice_share=pi
    )
    kappa = breakeven_no_returns_discount(base, demand, returns=full)
    like_domestic = Disposal(
        "下沉分销 redistribute like a domestic unit (after general-trade taxes)",
        general_trade_salvage(params, regimes["after"], parameters),
    )
    options = [like_domestic, *bonded_disposals(params, regimes["after"], parameters)]
    salvage = salvage_regimes(target, demand, options, discount=float(depth.loc["bonded_after", "discount"]))
    sens, flips = _sensitivity(params, ranges, kw) if sensitivity else ({}, pd.DataFrame())
    return BondedStudy(
        params,
        dict(ranges),
        category,
        tax_borne_by,
        regimes["before"],
        regimes["after"],
        demand,
        sellers,
        depth,
        alternative,
        pays,
        decomp,
        returns,
        kappa,
        salvage,
        sens,
        flips,
    )


def heat_map(study: BondedStudy, points: int = 21, max_discount: float = 0.3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Expected profit of the bonded platform under the ``after`` rules over discount x net salvage value.

    Parameters
    ----------
    study : BondedStudy
    points : int
        Grid points per axis (5-61).
    max_discount : float
        Deepest discount on the grid (share of the seller's list price).

    Returns
    -------
    (surface, ridge) : (pandas.DataFrame, pandas.DataFrame)
        :func:`helpers.inventory.profit_surface` (index net salvage in yuan, columns discount) and
        :func:`helpers.inventory.best_by_salvage` (the best discount for each salvage value). The salvage
        axis runs from destroying a unit to redistributing it domestically.
    """
    n = integer(points, "heatmap_points", low=5, high=61)
    p = study.params
    lo = -p["destruction_cost_share"] * p["import_cost_yuan"]
    hi = float(study.salvage["net_salvage"].iloc[0])  # redistributed like a domestic unit
    salvages = np.linspace(lo, hi, n)
    discounts = np.linspace(0.0, max_discount, n)
    seller = dataclasses.replace(study.sellers["bonded_after"], disposal=Disposal("net salvage", 0.0))
    return profit_surface(seller, study.demand, discounts, salvages), best_by_salvage(seller, study.demand, salvages)


def returns_curve(study: BondedStudy, points: int = 31) -> pd.DataFrame:
    """Expected profit of each returns regime across the assumed range of the no-returns demand loss κ.

    With multiplicative demand, profit at the optimal price is proportional to the demand scale, so
    no returns earns :math:`(1-\\kappa)\\,\\Pi_0` and returns allowed but rare
    :math:`(1-(1-\\pi)\\kappa)\\,\\Pi_\\pi`, where :math:`\\Pi_0, \\Pi_\\pi` are the profits without the loss.

    Returns
    -------
    pandas.DataFrame
        Columns kappa, no_returns, rare, accepted (yuan).
    """
    n = integer(points, "points", low=2)
    k0 = study.params["no_returns_conversion_discount"]
    lo, hi = study.ranges.get("no_returns_conversion_discount", (k0, k0))
    pi = study.params["returns_practice_share_2016_2018"]
    t = study.returns.set_index("regime")["expected_profit"]
    kappas = np.linspace(lo, hi, n)
    return pd.DataFrame(
        {
            "kappa": kappas,
            "no_returns": t["no returns"] / (1 - k0) * (1 - kappas),
            "rare": t["returns rare in practice"] / (1 - (1 - pi) * k0) * (1 - (1 - pi) * kappas),
            "accepted": np.full(n, t["returns accepted"]),
        }
    )


def assumed_vs_estimated(
    study: BondedStudy,
    estimates: Mapping[str, float],
    parameters: pd.DataFrame | str | Path | None = None,
) -> pd.DataFrame:
    """Each seller's optimal promotion with the assumed values and with estimated ones.

    Parameters
    ----------
    study : BondedStudy
        From :func:`run_study` (its assumptions, dates, category and tax bearer are reused).
    estimates : mapping
        Assumption name -> estimated value (e.g. ``{"demand_cv": 1.81}``, notebook 05's
        within-shop spread of the Double 11 uplift); names must be assumptions of the study.
    parameters : DataFrame or path, optional
        The policy parameter table, as given to :func:`run_study`.

    Returns
    -------
    DataFrame
        Index ``role`` (as :data:`ROLES`); columns ``seller``, ``discount_assumed``,
        ``discount_estimated`` (fractions of the list price), ``stock_assumed``,
        ``stock_estimated`` (units).

    Raises
    ------
    ParameterError
        An estimate for a name that is not an assumption of the study.

    Examples
    --------
    >>> import helpers.assumptions as a
    >>> t = a.load_assumptions("data/assumptions/bonded.csv")
    >>> s = run_study(a.values(t), a.ranges(t), sensitivity=False)
    >>> c = assumed_vs_estimated(s, {"demand_cv": 0.5})
    >>> bool((c["stock_assumed"] == c["stock_estimated"]).all())
    True
    """
    unknown = sorted(set(estimates) - set(study.params))
    if unknown:
        raise ParameterError(f"estimates name assumptions the study does not have: {', '.join(unknown)}")
    kw = dict(
        before=study.before.date,
        after=study.after.date,
        tax_borne_by=study.tax_borne_by,
        tax_category=study.category,
        parameters=parameters,
    )
    base = study.depth
    est = optimal_discounts({**study.params, **{k: float(v) for k, v in estimates.items()}}, **kw)
    return pd.DataFrame(
        {
            "seller": base["seller"],
            "discount_assumed": base["discount"],
            "discount_estimated": est.loc[list(base.index), "discount"],
            "stock_assumed": base["stock"],
            "stock_estimated": est.loc[list(base.index), "stock"],
        },
        index=base.index,
    )
