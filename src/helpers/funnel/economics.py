"""What the funnel costs, what faster learning is worth, and who pays for the learning.

Money per SKU, in yuan. A SKU that is tried costs a one-off listing cost (sourcing,
negotiation, registration and Chinese labelling, photographs and copy), a weekly cost
while listed (warehouse slot, capital in stock, page operations), and, if it is cut,
the first batch of stock still unsold, recovered only at a salvage share of its cost
(bonded stock cannot be moved to other channels: notebook 04). Each unit sold earns the
unit margin. A SKU is *worth keeping* when its weekly margin covers its weekly cost::

    lambda* = weekly cost / unit margin                      (units per week)

The **funnel cost** per tried SKU is the listing cost of every SKU tried plus the net
loss on the SKUs that are cut (their weeks listed, net of the margin on what they sold,
and their unsold first batch)::

    C = listing + weekly * E[weeks; cut] - margin * E[units; cut]
        + unit cost * (1 - salvage) * E[first-batch units left; cut]

and the **cost per surviving SKU** is ``C / survival``: what each SKU found costs. The
**value** of trying a SKU counts everything over the test window plus the weeks a kept SKU
stays listed (its margin net of weekly cost), so that rules and baselines compare on one
number.

Who bears it: under **procurement** (采销, the platform buys the stock) the platform
pays all of it and decides what to try and cut; in a **marketplace** (寄售/consignment,
merchants list) each merchant pays listing, weekly and stock costs and keeps the margin
net of the platform's commission, while the platform pays only a review and a small
slot cost and earns the commission. Whoever bears the cost tries a candidate only if its
expected value is positive; with candidates that differ in how likely they are to be
unwanted (a Beta distribution of unwanted shares), that sets the share of candidates tried.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from helpers import validation
from helpers.errors import ParameterError
from helpers.funnel.learning import Operating, prior_operating
from helpers.funnel.policy import Rule, exposure_schedule, thompson_rule, threshold_rule
from helpers.funnel.prior import PRIOR_NAMES, MixturePrior
from helpers.funnel.simulate import FunnelRun

__all__ = [
    "ARRANGEMENTS",
    "ECONOMICS_NAMES",
    "MODEL_NAMES",
    "OUTCOMES",
    "Economics",
    "Terms",
    "arrangement_table",
    "cost_per_survivor",
    "decision_rule",
    "double11_test",
    "evaluate",
    "faster_learning",
    "learning_cost",
    "replication_costs",
    "rule_table",
    "solve_assumption",
    "tried_share",
    "value_per_sku",
]

#: The two ways of bringing a SKU in.
ARRANGEMENTS = ("procurement", "marketplace")
#: Names of the economic parameters in ``data/assumptions/funnel.csv``.
ECONOMICS_NAMES = (
    "price_yuan",
    "gross_margin_share",
    "listing_cost_yuan",
    "weekly_cost_yuan",
    "first_batch_units",
    "salvage_share",
    "keep_life_weeks",
    "commission_rate",
    "merchant_salvage_share",
    "platform_review_cost_yuan",
    "platform_slot_cost_yuan",
    "spike_multiplier",
    "spike_discount",
    "candidate_concentration",
)


@dataclasses.dataclass(frozen=True)
class Terms:
    """What one party pays and earns per SKU under one arrangement (yuan).

    Attributes
    ----------
    party, arrangement : str
    listing : float
        One-off cost when the SKU is tried.
    weekly : float
        Cost per week listed.
    margin : float
        Earned per unit sold.
    stock_units : float
        First batch the party buys (0 if it holds no stock).
    writeoff : float
        Loss per first-batch unit left when the SKU is cut: unit cost x (1 - salvage share).
    """

    party: str
    arrangement: str
    listing: float
    weekly: float
    margin: float
    stock_units: float
    writeoff: float

    @property
    def breakeven(self) -> float:
        """Weekly sales at which the margin covers the weekly cost, units per week (inf if no margin)."""
        return self.weekly / self.margin if self.margin > 0 else float("inf")


@dataclasses.dataclass(frozen=True)
class Economics:
    """Per-SKU economics of the funnel (see ``data/assumptions/funnel.csv`` for each parameter).

    Examples
    --------
    >>> e = Economics(price_yuan=150, gross_margin_share=0.25, listing_cost_yuan=2000, weekly_cost_yuan=40,
    ...               first_batch_units=30, salvage_share=0.3, keep_life_weeks=104)
    >>> e.unit_margin, round(e.breakeven("procurement"), 3)
    (37.5, 1.067)
    >>> round(e.breakeven("marketplace"), 3)      # the merchant keeps the margin net of a 5% commission
    1.333
    """

    price_yuan: float
    gross_margin_share: float
    listing_cost_yuan: float
    weekly_cost_yuan: float
    first_batch_units: float
    salvage_share: float
    keep_life_weeks: float
    commission_rate: float = 0.05
    merchant_salvage_share: float = 0.6
    platform_review_cost_yuan: float = 200.0
    platform_slot_cost_yuan: float = 2.0
    spike_multiplier: float = 3.0
    spike_discount: float = 0.2
    candidate_concentration: float = 4.0

    def __post_init__(self) -> None:
        v = validation
        v.number(self.price_yuan, "price_yuan", low=0.0, low_open=True, unit="yuan")
        v.probability(self.gross_margin_share, "gross_margin_share", open_low=True, open_high=True)
        for name in ("listing_cost_yuan", "weekly_cost_yuan", "platform_review_cost_yuan", "platform_slot_cost_yuan"):
            v.number(getattr(self, name), name, low=0.0, unit="yuan")
        v.number(self.first_batch_units, "first_batch_units", low=0.0, unit="units")
        v.probability(self.salvage_share, "salvage_share")
        v.probability(self.merchant_salvage_share, "merchant_salvage_share")
        v.number(self.keep_life_weeks, "keep_life_weeks", low=0.0, unit="weeks")
        v.probability(self.commission_rate, "commission_rate", open_high=True)
        v.number(self.spike_multiplier, "spike_multiplier", low=1.0, high=1000.0)
        v.probability(self.spike_discount, "spike_discount", open_high=True)
        v.number(self.candidate_concentration, "candidate_concentration", low=0.0, low_open=True, high=1e6)
        if self.commission_rate >= self.gross_margin_share:
            raise ParameterError(
                f"commission_rate must be below gross_margin_share (got {self.commission_rate:g} >= "
                f"{self.gross_margin_share:g}): a merchant would lose on every unit"
            )
        for f in dataclasses.fields(self):
            object.__setattr__(self, f.name, float(getattr(self, f.name)))

    @classmethod
    def from_values(cls, values: Mapping[str, float], **overrides: float) -> Economics:
        """Build from an assumption-table dict (names :data:`ECONOMICS_NAMES`), with overrides."""
        merged = {**{k: values[k] for k in ECONOMICS_NAMES if k in values}, **overrides}
        missing = [k for k in ECONOMICS_NAMES if k not in merged]
        if missing:
            raise ParameterError(f"economic parameter(s) missing: {', '.join(missing)}")
        return cls(**{k: float(merged[k]) for k in ECONOMICS_NAMES})

    @property
    def unit_margin(self) -> float:
        """Gross margin per unit sold, yuan."""
        return self.price_yuan * self.gross_margin_share

    @property
    def unit_cost(self) -> float:
        """Cost of a unit to the owner of the stock, yuan."""
        return self.price_yuan * (1.0 - self.gross_margin_share)

    def terms(self, arrangement: str, party: str) -> Terms:
        """What ``party`` (``"platform"`` or ``"merchant"``) pays and earns under ``arrangement``.

        Examples
        --------
        >>> e = Economics(150, 0.25, 2000, 40, 30, 0.3, 104)
        >>> e.terms("marketplace", "platform").margin    # the commission on a unit
        7.5
        """
        validation.choice(arrangement, "arrangement", ARRANGEMENTS)
        validation.choice(party, "party", ("platform", "merchant"))
        commission = self.commission_rate * self.price_yuan
        if arrangement == "procurement":
            if party == "platform":
                return Terms(
                    party,
                    arrangement,
                    self.listing_cost_yuan,
                    self.weekly_cost_yuan,
                    self.unit_margin,
                    self.first_batch_units,
                    self.unit_cost * (1 - self.salvage_share),
                )
            return Terms(party, arrangement, 0.0, 0.0, 0.0, 0.0, 0.0)  # the supplier sells outright
        if party == "merchant":
            return Terms(
                party,
                arrangement,
                self.listing_cost_yuan,
                self.weekly_cost_yuan,
                self.unit_margin - commission,
                self.first_batch_units,
                self.unit_cost * (1 - self.merchant_salvage_share),
            )
        return Terms(
            party, arrangement, self.platform_review_cost_yuan, self.platform_slot_cost_yuan, commission, 0.0, 0.0
        )

    def decider(self, arrangement: str) -> str:
        """Who decides what to try and cut: the platform under procurement, the merchant in a marketplace."""
        return (
            "platform" if validation.choice(arrangement, "arrangement", ARRANGEMENTS) == "procurement" else "merchant"
        )

    def breakeven(self, arrangement: str = "procurement") -> float:
        """The deciding party's break-even demand rate, units per week."""
        return self.terms(arrangement, self.decider(arrangement)).breakeven


# ------------------------------------------------------------------------------------ costs
_TOTALS = ("survival", "cut_weeks", "cut_units", "leftover", "stock_units")


def _totals(result: Operating | FunnelRun | Mapping[str, float]) -> dict[str, float]:
    if isinstance(result, Operating):
        return {**{k: result.funnel()[k] for k in _TOTALS[:-1]}, "stock_units": result.stock_units}
    if isinstance(result, FunnelRun):
        return {**{k: result.per_tried()[k] for k in _TOTALS[:-1]}, "stock_units": result.stock_units}
    missing = [k for k in _TOTALS if k not in result]
    if missing:
        raise ParameterError(f"result needs {', '.join(_TOTALS)}; missing {', '.join(missing)}")
    return {k: float(result[k]) for k in _TOTALS}


def _check_stock(totals: Mapping[str, float], terms: Terms) -> None:
    if terms.stock_units > 0 and not np.isclose(totals["stock_units"], terms.stock_units):
        raise ParameterError(
            f"the result was computed with stock_units={totals['stock_units']:g} but the {terms.party} buys "
            f"{terms.stock_units:g} units: rerun with stock_units={terms.stock_units:g}"
        )


def learning_cost(result: Operating | FunnelRun | Mapping[str, float], terms: Terms) -> float:
    """Funnel cost per tried SKU for the party with ``terms``, yuan.

    ``listing + weekly * cut_weeks - margin * cut_units + writeoff * leftover``: every SKU's
    listing cost plus the net loss on the SKUs that are cut (all per tried SKU).

    Parameters
    ----------
    result : Operating, FunnelRun or mapping
        From :func:`~helpers.funnel.learning.prior_operating` or
        :func:`~helpers.funnel.simulate.simulate_funnel` (run with the party's stock), or a
        mapping with ``survival, cut_weeks, cut_units, leftover, stock_units``.
    terms : Terms

    Examples
    --------
    >>> t = Terms("platform", "procurement", 2000, 40, 37.5, 30, 78.75)
    >>> learning_cost({"survival": 0.1, "cut_weeks": 2, "cut_units": 1, "leftover": 20, "stock_units": 30}, t)
    3617.5
    """
    tot = _totals(result)
    _check_stock(tot, terms)
    return float(
        terms.listing
        + terms.weekly * tot["cut_weeks"]
        - terms.margin * tot["cut_units"]
        + terms.writeoff * tot["leftover"]
    )


def replication_costs(run: FunnelRun, terms: Terms) -> np.ndarray:
    """Funnel cost per surviving SKU in each replication of a simulation, yuan.

    Examples
    --------
    >>> from helpers.funnel import policy
    >>> from helpers.funnel.simulate import simulate_funnel
    >>> prior = MixturePrior(0.75, 0.25, 20.0, 1.0, 0.5)
    >>> run = simulate_funnel(policy.threshold_rule(prior, 0.8), prior, n_skus=2_000, replications=3, stock_units=30)
    >>> replication_costs(run, Terms("platform", "procurement", 3000, 40, 50, 30, 112.5)).shape
    (3,)
    """
    if terms.stock_units > 0 and not np.isclose(run.stock_units, terms.stock_units):
        raise ParameterError(f"rerun the simulation with stock_units={terms.stock_units:g} for the {terms.party}")
    cost = (
        terms.listing * run.tried
        + terms.weekly * run.cut_weeks
        - terms.margin * run.cut_units
        + terms.writeoff * run.leftover
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(run.kept > 0, cost / run.kept, np.inf)


def cost_per_survivor(result: Operating | FunnelRun | Mapping[str, float], terms: Terms) -> float:
    """Learning cost of the whole funnel divided by the SKUs it keeps, yuan per surviving SKU.

    Examples
    --------
    >>> t = Terms("platform", "procurement", 2000, 40, 37.5, 30, 78.75)
    >>> cost_per_survivor({"survival": 0.1, "cut_weeks": 2, "cut_units": 1, "leftover": 20, "stock_units": 30}, t)
    36175.0
    """
    tot = _totals(result)
    if tot["survival"] <= 0:
        return float("inf")
    return learning_cost(tot, terms) / tot["survival"]


def value_per_sku(op: Operating, terms: Terms, life_weeks: float, *, spike_discount_yuan: float = 0.0) -> np.ndarray:
    """Expected value of trying a SKU at each rate for the party with ``terms``, yuan.

    The test phase as in :func:`learning_cost` (negated); a SKU kept after week ``t`` then
    earns ``rate * margin - weekly`` per week for the rest of the test window plus
    ``life_weeks``. ``spike_discount_yuan`` is taken off the margin of the units sold in
    the first test week (a launch in a Double 11 promotion).
    """
    life = validation.number(life_weeks, "life_weeks", low=0.0, unit="weeks")
    if terms.stock_units > 0 and not np.isclose(op.stock_units, terms.stock_units):
        raise ParameterError(f"rerun operating() with stock_units={terms.stock_units:g} for the {terms.party}")
    h = op.keep_by_week.shape[1] - 1
    remaining = (h - np.arange(h + 1)) + life
    keep_value = (op.keep_by_week * remaining).sum(axis=1) * (op.rates * terms.margin - terms.weekly)
    test = -terms.listing - terms.weekly * op.weeks + terms.margin * op.units - terms.writeoff * op.leftover
    if spike_discount_yuan and h:
        test = test - spike_discount_yuan * op.rates * op.weekly_exposure[0]  # every SKU is on sale in week 1
    return test + keep_value


def _by_component(op: Operating, values: np.ndarray) -> tuple[float, float]:
    out = []
    for k in (0, 1):
        m = op.component == k
        w = op.weights[m]
        out.append(float(w @ values[m] / w.sum()) if w.sum() > 0 else float("nan"))
    return out[0], out[1]


def tried_share(
    value_unwanted: float, value_wanted: float, mean_unwanted_share: float, concentration: float
) -> tuple[float, float]:
    """Share of candidates worth trying when candidates differ in their chance of being unwanted.

    A candidate with unwanted share ``u`` is worth trying if ``(1 - u) V_W + u V_U > 0``,
    i.e. if ``u < u_max``; candidates' ``u`` follow a Beta distribution with mean
    ``mean_unwanted_share`` and concentration ``concentration`` (= a + b).

    Returns
    -------
    (u_max, share) : tuple of float
        The largest unwanted share still worth trying, and the share of candidates below it.

    Examples
    --------
    >>> [round(x, 3) for x in tried_share(-1000.0, 3000.0, 0.75, 4.0)]
    [0.75, 0.422]
    """
    u_bar = validation.probability(mean_unwanted_share, "mean_unwanted_share", open_low=True, open_high=True)
    k = validation.number(concentration, "concentration", low=0.0, low_open=True)
    vu, vw = float(value_unwanted), float(value_wanted)
    if vw <= 0:
        u_max = 0.0  # not even a surely wanted candidate pays for its test
    elif vu >= 0:
        u_max = 1.0  # even a surely unwanted candidate pays: try everything
    else:
        u_max = vw / (vw - vu)
    return u_max, float(stats.beta.cdf(u_max, k * u_bar, k * (1 - u_bar)))


# ------------------------------------------------------------------------------------ rules and summaries
def decision_rule(
    prior: MixturePrior,
    econ: Economics,
    arrangement: str = "procurement",
    *,
    kind: str = "threshold",
    keep_at: float = 0.95,
    cut_at: float = 0.05,
    horizon: int = 52,
    exposure: Sequence[float] | np.ndarray | None = None,
) -> Rule:
    """The deciding party's rule at its own break-even rate (``kind`` ``"threshold"`` or ``"thompson"``)."""
    validation.choice(kind, "kind", ("threshold", "thompson"))
    b = econ.breakeven(arrangement)
    if kind == "thompson":
        return thompson_rule(prior, b, horizon=horizon, exposure=exposure)
    return threshold_rule(prior, b, keep_at=keep_at, cut_at=cut_at, horizon=horizon, exposure=exposure)


def _summary(op: Operating, econ: Economics, arrangement: str, party: str, spike_yuan: float = 0.0) -> dict[str, Any]:
    terms = econ.terms(arrangement, party)
    f = op.funnel()
    values = value_per_sku(op, terms, econ.keep_life_weeks, spike_discount_yuan=spike_yuan)
    vu, vw = _by_component(op, values)
    cost = learning_cost(op, terms)
    if spike_yuan and len(op.weekly_exposure):
        cost += spike_yuan * float(op.weights @ op.rates) / float(op.weights.sum()) * float(op.weekly_exposure[0])
    return {
        "arrangement": arrangement,
        "party": party,
        "decides": econ.decider(arrangement) == party,
        "breakeven": econ.breakeven(arrangement),
        "survival": f["survival"],
        "test_weeks": f["test_weeks"],
        "false_keep": f["false_keep"],
        "false_cut": f["false_cut"],
        "learning_cost": cost,
        "cost_per_survivor": cost / f["survival"] if f["survival"] > 0 else float("inf"),
        "value_per_tried": float(op.weights @ values / op.weights.sum()),
        "value_unwanted": vu,
        "value_wanted": vw,
    }


def arrangement_table(
    prior: MixturePrior,
    econ: Economics,
    *,
    kind: str = "threshold",
    keep_at: float = 0.95,
    cut_at: float = 0.05,
    horizon: int = 52,
    nodes: int = 100,
) -> pd.DataFrame:
    """Who bears the learning cost, and how many candidates each arrangement tries.

    For each arrangement the deciding party (platform under procurement, merchant in a
    marketplace) tests with its own break-even; the table gives, per party, the learning
    cost per tried SKU and per survivor, the value of trying, the largest unwanted share of a
    candidate still worth trying (``u_max``) and the share of candidates tried (a marketplace
    lists a candidate only if both the merchant and the platform gain).

    Returns
    -------
    pandas.DataFrame
        One row per (arrangement, party).

    Examples
    --------
    >>> econ = Economics(150, 0.25, 2000, 40, 30, 0.3, 104)
    >>> t = arrangement_table(MixturePrior(0.75, 0.5, 20.0, 1.0, 0.5), econ, nodes=20)
    >>> list(t["party"])
    ['platform', 'merchant', 'platform', 'merchant']
    """
    rows = []
    for arrangement in ARRANGEMENTS:
        rule = decision_rule(prior, econ, arrangement, kind=kind, keep_at=keep_at, cut_at=cut_at, horizon=horizon)
        decider = econ.decider(arrangement)
        op = prior_operating(rule, prior, stock_units=econ.terms(arrangement, decider).stock_units, nodes=nodes)
        parts = {party: _summary(op, econ, arrangement, party) for party in ("platform", "merchant")}
        limits = []
        for party, row in parts.items():
            if econ.terms(arrangement, party).listing == 0 and econ.terms(arrangement, party).margin == 0:
                row["u_max"], row["tried_share"] = float("nan"), float("nan")
                continue
            row["u_max"], row["tried_share"] = tried_share(
                row["value_unwanted"], row["value_wanted"], prior.unwanted_share, econ.candidate_concentration
            )
            limits.append(row["u_max"])
        u_max = min(limits)
        k = econ.candidate_concentration
        arrangement_share = float(stats.beta.cdf(u_max, k * prior.unwanted_share, k * (1 - prior.unwanted_share)))
        for row in parts.values():
            row["arrangement_tried_share"] = arrangement_share
            rows.append(row)
    return pd.DataFrame(rows)


def rule_table(
    prior: MixturePrior,
    econ: Economics,
    rules: Mapping[str, Rule],
    *,
    nodes: int = 100,
) -> pd.DataFrame:
    """Rules and baselines side by side under procurement (the platform's money), one row per rule.

    Returns
    -------
    pandas.DataFrame
        Index: the rule labels; columns ``survival, false_keep, false_cut, test_weeks,
        learning_cost, cost_per_survivor, value_per_tried`` (yuan per SKU).

    Examples
    --------
    >>> from helpers.funnel import policy
    >>> econ = Economics(150, 0.25, 2000, 40, 30, 0.3, 104)
    >>> prior = MixturePrior(0.75, 0.5, 20.0, 1.0, 0.5)
    >>> t = rule_table(prior, econ, {"nothing": policy.list_nothing_new(), "all": policy.list_everything()}, nodes=20)
    >>> float(t.loc["nothing", "value_per_tried"]), round(float(t.loc["all", "survival"]), 6)
    (0.0, 1.0)
    """
    rows = {}
    terms = econ.terms("procurement", "platform")
    b = econ.breakeven("procurement")
    for label, rule in rules.items():
        op = prior_operating(rule, prior, breakeven=b, stock_units=terms.stock_units, nodes=nodes)
        f = op.funnel()
        values = value_per_sku(op, terms, econ.keep_life_weeks)
        tried = rule.kind != "list_nothing_new"
        cost = learning_cost(op, terms) if tried else 0.0
        rows[label] = {
            "survival": f["survival"] if tried else float("nan"),
            "false_keep": f["false_keep"] if tried else float("nan"),
            "false_cut": f["false_cut"] if tried else float("nan"),
            "test_weeks": f["test_weeks"],
            "learning_cost": cost,
            "cost_per_survivor": cost / f["survival"] if tried and f["survival"] > 0 else float("nan"),
            "value_per_tried": float(op.weights @ values / op.weights.sum()) if tried else 0.0,
        }
    return pd.DataFrame(rows).T


def double11_test(
    prior: MixturePrior,
    econ: Economics,
    *,
    keep_at: float = 0.95,
    cut_at: float = 0.05,
    horizon: int = 52,
    nodes: int = 100,
) -> pd.DataFrame:
    """Launching a new SKU in an ordinary week or on Double 11 (procurement), as a learning experiment.

    On Double 11 the first test week sells ``spike_multiplier`` times an ordinary week, at a price
    cut of ``spike_discount`` (taken off the margin of that week's units); the rule knows the
    week's multiplier and learns from it as from that many ordinary weeks.

    Returns
    -------
    pandas.DataFrame
        Rows ``ordinary week``, ``Double 11``: survival, test weeks, error rates, learning cost per
        tried SKU and per survivor, value per tried SKU (yuan).

    Examples
    --------
    >>> econ = Economics(150, 0.25, 2000, 40, 30, 0.3, 104, spike_multiplier=5)
    >>> t = double11_test(MixturePrior(0.75, 0.5, 20.0, 1.0, 0.5), econ, nodes=20)
    >>> bool(t.loc["Double 11", "false_cut"] < t.loc["ordinary week", "false_cut"])   # fewer hits lost
    True
    """
    out = {}
    terms = econ.terms("procurement", "platform")
    for label, spike in (("ordinary week", False), ("Double 11", True)):
        exposure = exposure_schedule(horizon, spike_week=1 if spike else None, spike_multiplier=econ.spike_multiplier)
        rule = decision_rule(
            prior, econ, "procurement", keep_at=keep_at, cut_at=cut_at, horizon=horizon, exposure=exposure
        )
        op = prior_operating(rule, prior, stock_units=terms.stock_units, nodes=nodes)
        spike_yuan = econ.spike_discount * econ.price_yuan if spike else 0.0
        row = _summary(op, econ, "procurement", "platform", spike_yuan)
        out[label] = {
            k: row[k]
            for k in (
                "survival",
                "test_weeks",
                "false_keep",
                "false_cut",
                "learning_cost",
                "cost_per_survivor",
                "value_per_tried",
            )
        }
    return pd.DataFrame(out).T


def faster_learning(
    prior: MixturePrior,
    econ: Economics,
    multipliers: Sequence[float] = (1.0, 1.5, 2.0, 3.0, 5.0),
    *,
    keep_at: float = 0.95,
    cut_at: float = 0.05,
    horizon: int = 52,
    nodes: int = 100,
) -> pd.DataFrame:
    """The funnel when every test week shows the SKU to ``m`` times the buyers (procurement).

    More buyers per week means more sales per week to learn from (and more margin); the
    value column is the most the platform could pay per tried SKU for that traffic.

    Returns
    -------
    pandas.DataFrame
        Index ``multiplier``; columns ``test_weeks, survival, false_cut, learning_cost,
        cost_per_survivor, value_per_tried, gain_per_tried`` (value over ``m = 1``).

    Examples
    --------
    >>> econ = Economics(150, 0.25, 2000, 40, 30, 0.3, 104)
    >>> t = faster_learning(MixturePrior(0.75, 0.5, 20.0, 1.0, 0.5), econ, [1.0, 2.0], nodes=20)
    >>> bool(t.loc[2.0, "test_weeks"] < t.loc[1.0, "test_weeks"])
    True
    """
    rows = {}
    terms = econ.terms("procurement", "platform")
    for m in multipliers:
        exposure = exposure_schedule(horizon, multiplier=m)
        rule = decision_rule(
            prior, econ, "procurement", keep_at=keep_at, cut_at=cut_at, horizon=horizon, exposure=exposure
        )
        op = prior_operating(rule, prior, stock_units=terms.stock_units, nodes=nodes)
        row = _summary(op, econ, "procurement", "platform")
        rows[float(m)] = {
            k: row[k]
            for k in ("test_weeks", "survival", "false_cut", "learning_cost", "cost_per_survivor", "value_per_tried")
        }
    table = pd.DataFrame(rows).T
    table.index.name = "multiplier"
    table["gain_per_tried"] = table["value_per_tried"] - table["value_per_tried"].iloc[0]
    return table


# ------------------------------------------------------------------------------------ one number for sensitivity
OUTCOMES = ("survival", "cost_per_survivor", "learning_cost", "test_weeks", "false_cut", "value_per_tried")


def evaluate(
    values: Mapping[str, float],
    outcome: str = "survival",
    *,
    arrangement: str = "procurement",
    kind: str = "threshold",
    keep_at: float = 0.95,
    cut_at: float = 0.05,
    horizon: int = 52,
    nodes: int = 60,
) -> float:
    """One outcome of the funnel for a full set of assumption values (for tornado charts and grids).

    Parameters
    ----------
    values : mapping
        Every name in :data:`~helpers.funnel.prior.PRIOR_NAMES` and :data:`ECONOMICS_NAMES`.
    outcome : str
        One of ``survival, cost_per_survivor, learning_cost, test_weeks, false_cut, value_per_tried``.

    Examples
    --------
    >>> v = {"unwanted_share": 0.75, "unwanted_mean": 0.5, "unwanted_shape": 1.0, "wanted_mean": 20.0,
    ...      "wanted_shape": 0.5, "price_yuan": 150, "gross_margin_share": 0.25, "listing_cost_yuan": 2000,
    ...      "weekly_cost_yuan": 40, "first_batch_units": 30, "salvage_share": 0.3, "keep_life_weeks": 104,
    ...      "commission_rate": 0.05, "merchant_salvage_share": 0.6, "platform_review_cost_yuan": 200,
    ...      "platform_slot_cost_yuan": 2, "spike_multiplier": 3, "spike_discount": 0.2, "candidate_concentration": 4}
    >>> round(evaluate(v, "survival"), 2)
    0.26
    """
    validation.choice(outcome, "outcome", OUTCOMES)
    try:
        key = (
            tuple(sorted((str(k), float(v)) for k, v in values.items())),
            arrangement,
            kind,
            float(keep_at),
            float(cut_at),
            int(horizon),
            int(nodes),
        )
    except (TypeError, ValueError):  # not plain numbers: let the checks below name the problem
        key = None
    summary = _EVALUATED.get(key) if key is not None else None
    if summary is None:
        prior = MixturePrior.from_values(values)
        econ = Economics.from_values(values)
        rule = decision_rule(prior, econ, arrangement, kind=kind, keep_at=keep_at, cut_at=cut_at, horizon=horizon)
        decider = econ.decider(arrangement)
        op = prior_operating(rule, prior, stock_units=econ.terms(arrangement, decider).stock_units, nodes=nodes)
        summary = _summary(op, econ, arrangement, decider)
        if key is not None:
            if len(_EVALUATED) >= 1024:
                _EVALUATED.clear()
            _EVALUATED[key] = summary
    return float(summary[outcome])


#: Outcomes already computed by :func:`evaluate`, by assumption values and rule settings (a sweep
#: that asks for several outcomes of the same point computes the funnel once).
_EVALUATED: dict[tuple[Any, ...], dict[str, Any]] = {}


MODEL_NAMES = PRIOR_NAMES + ECONOMICS_NAMES


def solve_assumption(
    values: Mapping[str, float],
    name: str,
    target: float,
    bounds: tuple[float, float],
    outcome: str = "survival",
    **kwargs: Any,
) -> float | None:
    """The value of one assumption, within ``bounds``, at which an outcome equals ``target``.

    Other assumptions stay at ``values``; ``kwargs`` go to :func:`evaluate`. Returns ``None``
    when the outcome does not cross ``target`` inside ``bounds`` (the claim cannot be met by
    moving this assumption alone).

    Examples
    --------
    >>> v = {"unwanted_share": 0.75, "unwanted_mean": 0.25, "unwanted_shape": 1.0, "wanted_mean": 20.0,
    ...      "wanted_shape": 0.5, "price_yuan": 200, "gross_margin_share": 0.25, "listing_cost_yuan": 3000,
    ...      "weekly_cost_yuan": 40, "first_batch_units": 30, "salvage_share": 0.25, "keep_life_weeks": 104,
    ...      "commission_rate": 0.05, "merchant_salvage_share": 0.6, "platform_review_cost_yuan": 200,
    ...      "platform_slot_cost_yuan": 2, "spike_multiplier": 3, "spike_discount": 0.2, "candidate_concentration": 4}
    >>> round(solve_assumption(v, "unwanted_share", 1 / 11, (0.5, 0.99)), 2)
    0.91
    >>> solve_assumption(v, "unwanted_share", 0.5, (0.5, 0.99)) is None
    True
    """
    from scipy import optimize

    if name not in values:
        raise ParameterError(f"no assumption named {name!r}")
    lo, hi = (float(b) for b in bounds)
    if not lo < hi:
        raise ParameterError(f"bounds must be (low, high) with low < high, got {bounds!r}")

    def gap(x: float) -> float:
        return evaluate({**values, name: x}, outcome, **kwargs) - target

    g_lo, g_hi = gap(lo), gap(hi)
    if g_lo == 0:
        return lo
    if g_lo * g_hi > 0:
        return None
    return float(optimize.brentq(gap, lo, hi, xtol=1e-4 * (hi - lo)))
