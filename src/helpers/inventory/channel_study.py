"""Notebook 03's analysis in a few calls: consignment, buyback and procurement for one Double 11.

:func:`run_study` computes everything the findings rest on from one
``{name: value}`` dict of assumptions (``data/assumptions/consignment.csv``, after
overrides): the typical product under the three arrangements, the wholesale prices
each side would accept, a merchant population under each arrangement, a price war
and the Wang–Jiang–Shen checks (:func:`wjs_checks`) and, when estimates of some
assumptions are given, the same conclusions at those estimates (:func:`check_estimates`).
Sweeps used by single sections (:func:`commission_sweep`, :func:`uncertainty_sweep`) live
here too; the sentences and display tables are in :mod:`helpers.inventory.channel_text`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from helpers.errors import ParameterError
from helpers.inventory.arrangements import compare_channels, consignment, integrated, procurement_window
from helpers.inventory.demand import combined_cv, lognormal_demand
from helpers.inventory.equilibria import wjs_equilibrium, wjs_fixed_share, wjs_stochastic, wjs_worst_elasticity
from helpers.inventory.params import ARRANGEMENTS, ChannelParams
from helpers.inventory.population import (
    PopulationResult,
    PopulationSpec,
    arrangement_gap,
    simulate_population,
    size_profile,
    typical_demand,
)
from helpers.inventory.pricewar import price_war, price_war_summary
from helpers.validation import integer, number

__all__ = [
    "CONCLUSIONS",
    "ChannelStudy",
    "EstimateCheck",
    "channel_outcomes",
    "check_estimates",
    "commission_sweep",
    "example_study",
    "run_study",
    "uncertainty_sweep",
    "validate_estimates",
    "wjs_checks",
]


@dataclass(frozen=True)
class ChannelStudy:
    """Everything notebook 03's findings rest on.

    Attributes
    ----------
    values : dict
        The assumptions used (name → value).
    params : ChannelParams
        Unit economics built from them.
    spec : PopulationSpec
        The merchant population.
    demand : frozen scipy distribution
        The typical product's demand.
    compare : pandas.DataFrame
        :func:`~helpers.inventory.arrangements.compare_channels` for the typical product.
    integrated_profit : float
        The integrated channel's expected profit on the typical product, yuan.
    window : dict
        :func:`~helpers.inventory.arrangements.procurement_window` (procurement vs consignment).
    population : dict
        Arrangement → :class:`~helpers.inventory.population.PopulationResult`.
    size : dict
        Arrangement → :func:`~helpers.inventory.population.size_profile` (five groups).
    no_fixed_cost_size : pandas.DataFrame
        The consignment size profile with the fixed cost set to 0 (the check that size then
        cannot matter).
    war : pandas.DataFrame
        :func:`~helpers.inventory.pricewar.price_war` for the typical product.
    war_summary : pandas.DataFrame
        :func:`~helpers.inventory.pricewar.price_war_summary`.
    wjs : dict
        :func:`wjs_checks` output.
    estimates : EstimateCheck or None
        :func:`check_estimates` when estimates were given to :func:`run_study`.
    """

    values: dict[str, float]
    params: ChannelParams
    spec: PopulationSpec
    demand: Any
    compare: pd.DataFrame
    integrated_profit: float
    window: dict[str, float]
    population: dict[str, PopulationResult] = field(repr=False)
    size: dict[str, pd.DataFrame] = field(repr=False)
    no_fixed_cost_size: pd.DataFrame = field(repr=False)
    war: pd.DataFrame = field(repr=False)
    war_summary: pd.DataFrame = field(repr=False)
    wjs: dict[str, Any] = field(repr=False)
    estimates: EstimateCheck | None = field(default=None, repr=False)

    @property
    def typical_mean(self) -> float:
        """Expected Double 11 demand of the typical product, units."""
        return float(self.demand.mean())

    @property
    def typical_cv(self) -> float:
        """Coefficient of variation of the typical product's demand."""
        return float(self.demand.std() / self.demand.mean())

    def row(self, arrangement: str, party: str) -> pd.Series:
        """One row of :attr:`compare`."""
        return self.compare.set_index(["arrangement", "party"]).loc[(arrangement, party)]

    def summary(self) -> pd.DataFrame:
        """The population headline numbers, one column per arrangement."""
        return pd.DataFrame({a: r.summary() for a, r in self.population.items()})


def wjs_checks(
    cost_shares: Sequence[float],
    check_share: float,
    elasticities: Sequence[float],
    fixed_share: float,
    demand_cv: float = 0.7,
) -> dict[str, Any]:
    """What of Wang, Jiang & Shen's (2004) abstract this reduction reproduces, in numbers.

    Parameters
    ----------
    cost_shares : sequence of float
        Retailer cost shares λ to examine, each in [0, 1).
    check_share : float
        The λ at which the elasticity claim is checked (e.g. 0.6).
    elasticities : sequence of float
        Two or more elasticities (> 1) at which efficiency is reported for ``check_share``.
    fixed_share : float
        Revenue share for the fixed-share variant, in (0, 1).
    demand_cv : float
        CV of the multiplicative demand shock for the stochastic check (> 0).

    Returns
    -------
    dict
        ``max_loss`` and ``min_retailer_share`` over a wide grid (b to 10⁵, λ to 0.99);
        ``efficiency_at`` (elasticity → efficiency at ``check_share``); ``worst`` (λ → (b, efficiency)
        where the loss is largest); ``monotone_at_zero`` (loss rises with b at λ = 0);
        ``monotone_fixed`` (at the fixed share, loss rises with b for every λ below it);
        ``share_falls_with_b``, ``share_rises_with_lambda`` and ``loss_falls_with_lambda`` (bools over
        b up to 1,000 and λ up to 0.99); ``limits`` (efficiency and retailer share near b = 1 with λ = 0, and near λ = 1 with b = 4);
        ``stochastic`` (elasticity → (stochastic, deterministic) efficiency at ``check_share``);
        ``check_share``, ``fixed_share`` and ``demand_cv`` as given.

    References
    ----------
    Wang, Jiang & Shen (2004).

    Examples
    --------
    >>> c = wjs_checks([0.0, 0.6], 0.6, [1.5, 30.0], 0.8)
    >>> round(c["max_loss"], 3), c["monotone_at_zero"], c["efficiency_at"][30.0] > c["efficiency_at"][1.5]
    (0.264, True, True)
    """
    lam_check = number(check_share, "check_share", low=0.0, high=1.0, high_open=True)
    alpha = number(fixed_share, "fixed_share", low=0.0, high=1.0, low_open=True, high_open=True)
    b_grid = np.geomspace(1.001, 1e5, 1500)
    lam_grid = np.linspace(0.0, 0.99, 100)
    grid = wjs_equilibrium(b_grid[:, None], lam_grid[None, :])
    eff = grid["efficiency"]
    shape_b = np.geomspace(1.001, 1e3, 1500)  # shapes are checked where rounding cannot fake a trend
    shape = wjs_equilibrium(shape_b[:, None], lam_grid[None, :])
    fine_b = 1.0 + np.geomspace(1e-3, 200.0, 3000)
    fixed_ok = []
    for lam in cost_shares:
        if lam < alpha:
            fixed_ok.append(bool(np.all(np.diff(wjs_fixed_share(fine_b, lam, alpha)["efficiency"]) < 0)))
    return {
        "max_loss": float(1.0 - eff.min()),
        "min_retailer_share": float(grid["retailer_share"].min()),
        "efficiency_at": {float(b): float(wjs_equilibrium(float(b), lam_check)["efficiency"]) for b in elasticities},
        "worst": {float(lam): wjs_worst_elasticity(float(lam)) for lam in cost_shares},
        "monotone_at_zero": bool(np.all(np.diff(wjs_equilibrium(fine_b, 0.0)["efficiency"]) < 0)),
        "monotone_fixed": bool(all(fixed_ok)) if fixed_ok else False,
        "share_falls_with_b": bool(np.all(np.diff(shape["retailer_share"], axis=0) < 0)),
        "share_rises_with_lambda": bool(np.all(np.diff(shape["retailer_share"], axis=1) > 0)),
        "loss_falls_with_lambda": bool(np.all(np.diff(shape["efficiency"], axis=1) > 0)),
        "limits": {
            "low_elasticity": (
                float(wjs_equilibrium(1.0001, 0.0)["efficiency"]),
                float(wjs_equilibrium(1.0001, 0.0)["retailer_share"]),
            ),
            "high_cost_share": (
                float(wjs_equilibrium(4.0, 0.9999)["efficiency"]),
                float(wjs_equilibrium(4.0, 0.9999)["retailer_share"]),
            ),
        },
        "stochastic": {
            float(b): (
                wjs_stochastic(float(b), lam_check, demand_cv)["efficiency"],
                float(wjs_equilibrium(float(b), lam_check)["efficiency"]),
            )
            for b in elasticities
        },
        "check_share": lam_check,
        "fixed_share": alpha,
        "demand_cv": float(demand_cv),
    }


#: Conclusions of notebook 03 that other parameter values could overturn: key → (statement, test on
#: :func:`channel_outcomes`, words when it no longer holds, words when it holds instead). A size
#: gradient under one percentage point counts as no gradient.
CONCLUSIONS = {
    "most_take_part": (
        "most merchants take part under consignment",
        lambda o: o["share_participating"] > 0.5,
        "most merchants no longer consign",
        "most merchants now consign",
    ),
    "minority_lose": (
        "fewer than half of all merchants lose money on an average Double 11",
        lambda o: o["share_losing"] < 0.5,
        "most merchants lose money",
        "fewer than half of the merchants lose money",
    ),
    "small_lose_more": (
        "among trading merchants, the smallest fifth lose money more often than the largest",
        lambda o: o["size_gap"] > 0.01,
        "small trading merchants no longer lose money more often than large ones",
        "small trading merchants now lose money more often than large ones",
    ),
    "typical_trades": (
        "the typical merchant consigns",
        lambda o: o["typical_trades"] > 0.5,
        "the typical merchant stays out",
        "the typical merchant now consigns",
    ),
    "consignment_more_efficient": (
        "consignment earns a larger share of the integrated profit than procurement on the typical product",
        lambda o: o["efficiency_consignment"] > o["efficiency_procurement"],
        "consignment is no longer the more efficient contract for the typical product",
        "consignment becomes the more efficient contract for the typical product",
    ),
    "consigning_pays": (
        "the typical merchant earns more by consigning than by selling to a procurement platform",
        lambda o: o["gain"] > 0,
        "consigning no longer pays the typical merchant more than procurement",
        "consigning now pays the typical merchant more than procurement",
    ),
}


def channel_outcomes(values: Mapping[str, float], *, n_merchants: int, n_draws: int, seed: int = 0) -> dict[str, float]:
    """Notebook 03's headline outcomes at one set of assumptions (the numbers :data:`CONCLUSIONS` test).

    Parameters
    ----------
    values : mapping
        Assumptions by name (``data/assumptions/consignment.csv``).
    n_merchants, n_draws, seed : int
        Size and seed of the consignment population.

    Returns
    -------
    dict
        ``share_participating``, ``share_losing``, ``share_losing_participants`` (consignment
        population), ``size_gap`` (share of trading merchants losing money, smallest fifth minus
        largest fifth; NaN with fewer than two trading groups), ``typical_trades`` (1 or 0),
        ``typical_p_loss`` (the typical consignment merchant's probability of a loss; NaN if it does
        not trade), ``efficiency_consignment``, ``efficiency_procurement`` (share of the integrated
        channel's expected profit on the typical product) and ``gain`` (the typical merchant's
        consignment minus procurement profit, yuan per 100 yuan of expected sales).

    Examples
    --------
    >>> v = dict(example_study().values)
    >>> o = channel_outcomes(v, n_merchants=100, n_draws=100)
    >>> round(o["gain"], 1), o["typical_trades"]
    (-1.5, 1.0)
    """
    params = ChannelParams.from_values(values)
    spec = PopulationSpec.from_values(values, n_merchants)
    result = simulate_population(spec, params, "consignment", n_draws=n_draws, seed=seed, n_sample=0)
    summary = result.summary()
    groups = size_profile(result, 5)["share_losing_participants"].dropna()
    table = compare_channels(typical_demand(values), params).set_index(["arrangement", "party"])
    cons, proc = table.loc[("consignment", "merchant")], table.loc[("procurement", "merchant")]
    trades = bool(cons["participates"])
    return {
        "share_participating": summary["share_participating"],
        "share_losing": summary["share_losing"],
        "share_losing_participants": summary["share_losing_participants"],
        "size_gap": float(groups.iloc[0] - groups.iloc[-1]) if len(groups) >= 2 else math.nan,
        "typical_trades": float(trades),
        "typical_p_loss": float(cons["p_loss"]) if trades else math.nan,
        "efficiency_consignment": float(cons["channel_efficiency"]),
        "efficiency_procurement": float(proc["channel_efficiency"]),
        "gain": arrangement_gap(values),
    }


@dataclass(frozen=True)
class EstimateCheck:
    """Assumed values against estimates, and notebook 03's outcomes and conclusions at each.

    Attributes
    ----------
    parameters : pandas.DataFrame
        One row per estimated parameter: ``name, assumed, low, high`` (the table's value and range),
        ``estimate, estimate_low, estimate_high`` (the estimate and its interval), ``upper_bound``
        (the estimate bounds the parameter from above) and ``position`` (``"inside"``, ``"below"`` or
        ``"above"`` the assumed range).
    outcomes : pandas.DataFrame
        Rows: the keys of :func:`channel_outcomes`; columns: scenarios, ``"assumed"`` (the table's
        values), one per estimated parameter (that parameter at its estimate, the others assumed), and
        ``"all"``, ``"all_low"``, ``"all_high"`` (every estimated parameter at its estimate, at the low
        or at the high end of its interval).
    holds : pandas.DataFrame
        Rows: the keys of :data:`CONCLUSIONS`; columns as ``outcomes``; whether each conclusion holds.
    source : str
        Where the estimates come from.
    """

    parameters: pd.DataFrame
    outcomes: pd.DataFrame
    holds: pd.DataFrame
    source: str = ""

    def changed(self) -> pd.DataFrame:
        """The conclusions that hold at the assumed values but not in some scenario, or the reverse.

        Returns
        -------
        pandas.DataFrame
            ``conclusion`` (key), ``statement``, ``at_assumed`` (bool), ``change`` (words for the
            change) and ``scenarios`` (tuple of the scenario columns where it differs), one row per
            conclusion that changes.
        """
        rows = []
        for key, row in self.holds.iterrows():
            differ = tuple(c for c in self.holds.columns if c != "assumed" and bool(row[c]) != bool(row["assumed"]))
            if differ:
                statement, _, lost, gained = CONCLUSIONS[key]
                rows.append(
                    {
                        "conclusion": key,
                        "statement": statement,
                        "at_assumed": bool(row["assumed"]),
                        "change": lost if bool(row["assumed"]) else gained,
                        "scenarios": differ,
                    }
                )
        return pd.DataFrame(rows, columns=["conclusion", "statement", "at_assumed", "change", "scenarios"])


def validate_estimates(
    values: Mapping[str, float], estimates: Mapping[str, Sequence[float]], upper_bounds: Sequence[str] = ()
) -> dict[str, tuple[float, float, float]]:
    """Check estimates of assumptions before any model runs: names, ``[estimate, low, high]``, valid model values.

    Parameters
    ----------
    values : mapping
        Assumptions by name (the base case).
    estimates : mapping
        Name → ``[estimate, low, high]``.
    upper_bounds : sequence of str
        Names whose estimate is an upper bound; each must have an estimate.

    Returns
    -------
    dict
        Name → ``(estimate, low, high)`` as floats.

    Raises
    ------
    ParameterError
        An unknown name, not three numbers, ``low <= estimate <= high`` violated, a value the model
        refuses (e.g. a CV of zero), or an upper bound without an estimate.

    Examples
    --------
    >>> v = dict(example_study().values)
    >>> validate_estimates(v, {"uplift": [166, 136, 203]})
    {'uplift': (166.0, 136.0, 203.0)}
    >>> validate_estimates(v, {"uplift": [166, 170, 203]})
    Traceback (most recent call last):
    ...
    helpers.errors.ParameterError: estimates['uplift']: need low <= estimate <= high, got 170, 166, 203
    """
    if not isinstance(estimates, Mapping):
        raise ParameterError(f"estimates must be a dict name -> [estimate, low, high], got {type(estimates).__name__}")
    out = {}
    for name, triple in estimates.items():
        if name not in values:
            raise ParameterError(f"estimates: no assumption named {name!r} (known: {', '.join(sorted(values))})")
        if isinstance(triple, (str, bytes)) or not isinstance(triple, Sequence) or len(triple) != 3:
            raise ParameterError(f"estimates[{name!r}] must be [estimate, low, high], got {triple!r}")
        est, low, high = (number(x, f"estimates[{name!r}]") for x in triple)
        if not low <= est <= high:
            raise ParameterError(f"estimates[{name!r}]: need low <= estimate <= high, got {low:g}, {est:g}, {high:g}")
        for x in (low, high):
            v = {**values, name: x}
            try:
                ChannelParams.from_values(v)
                PopulationSpec.from_values(v, 10)
            except ParameterError as err:
                raise ParameterError(f"estimates[{name!r}] = {x:g} is not a value the model accepts: {err}") from None
        out[str(name)] = (est, low, high)
    unknown = [str(n) for n in upper_bounds if n not in out]
    if unknown:
        raise ParameterError(f"upper bounds named for parameters without an estimate: {', '.join(unknown)}")
    return out


def check_estimates(
    values: Mapping[str, float],
    ranges: Mapping[str, Sequence[float]],
    estimates: Mapping[str, Sequence[float]],
    *,
    upper_bounds: Sequence[str] = (),
    source: str = "",
    n_merchants: int = 800,
    n_draws: int = 800,
    seed: int = 0,
) -> EstimateCheck:
    """Compare assumed values and ranges with estimates, and rerun notebook 03's outcomes at the estimates.

    Parameters
    ----------
    values : mapping
        Assumptions by name (the base case).
    ranges : mapping
        Name → (low, high), the assumed ranges (:func:`helpers.assumptions.ranges` with
        ``only_varying=False``).
    estimates : mapping
        Name → ``[estimate, low, high]`` (the interval, e.g. 90 %). Empty: nothing to compare.
    upper_bounds : sequence of str
        Names whose estimate bounds the parameter from above.
    source : str
        Where the estimates come from (shown in the sentences).
    n_merchants, n_draws, seed : int
        Size and seed of the consignment population (the sensitivity runs' settings).

    Returns
    -------
    EstimateCheck

    Examples
    --------
    >>> v = dict(example_study().values)
    >>> r = {k: (x, x) for k, x in v.items()} | {"uplift": (20.0, 210.0)}
    >>> c = check_estimates(v, r, {"uplift": [166, 136, 203]}, n_merchants=100, n_draws=100)
    >>> c.parameters.position.tolist(), list(c.outcomes.columns)
    (['inside'], ['assumed', 'uplift', 'all', 'all_low', 'all_high'])
    """
    triples = validate_estimates(values, estimates, upper_bounds)
    bounds = [str(n) for n in upper_bounds]
    rows = []
    for name, (est, low, high) in triples.items():
        if name not in ranges:
            raise ParameterError(f"ranges has no entry for {name!r}")
        lo, hi = (float(x) for x in ranges[name])
        position = "below" if est < lo else "above" if est > hi else "inside"
        rows.append(
            {
                "name": name,
                "assumed": float(values[name]),
                "low": lo,
                "high": hi,
                "estimate": est,
                "estimate_low": low,
                "estimate_high": high,
                "upper_bound": name in bounds,
                "position": position,
            }
        )
    parameters = pd.DataFrame(
        rows,
        columns=[
            "name",
            "assumed",
            "low",
            "high",
            "estimate",
            "estimate_low",
            "estimate_high",
            "upper_bound",
            "position",
        ],
    )
    scenarios: dict[str, dict[str, float]] = {"assumed": dict(values)}
    if triples:
        for name, (est, _, _) in triples.items():
            scenarios[name] = {**values, name: est}
        for key, i in (("all", 0), ("all_low", 1), ("all_high", 2)):
            scenarios[key] = {**values, **{n: t[i] for n, t in triples.items()}}
    kw = {"n_merchants": n_merchants, "n_draws": n_draws, "seed": seed}
    outcomes = pd.DataFrame({k: channel_outcomes(v, **kw) for k, v in scenarios.items()})
    holds = pd.DataFrame(
        {k: {c: bool(spec[1](outcomes[k])) for c, spec in CONCLUSIONS.items()} for k in outcomes.columns}
    )
    return EstimateCheck(parameters=parameters, outcomes=outcomes, holds=holds, source=str(source))


def run_study(
    values: Mapping[str, float],
    *,
    n_merchants: int = 5_000,
    n_draws: int = 2_000,
    n_sample: int = 100,
    war_rounds: int = 8,
    wjs_cost_shares: Sequence[float] = (0.0, 0.3, 0.6, 0.9),
    wjs_check_share: float = 0.6,
    wjs_elasticities: Sequence[float] = (1.5, 30.0),
    wjs_fixed_share: float = 0.5,
    seed: int = 0,
    estimates: Mapping[str, Sequence[float]] | None = None,
    ranges: Mapping[str, Sequence[float]] | None = None,
    upper_bounds: Sequence[str] = (),
    estimates_source: str = "",
    estimate_merchants: int = 800,
    estimate_draws: int = 800,
) -> ChannelStudy:
    """Run notebook 03's models once.

    Parameters
    ----------
    values : mapping
        Assumptions by name (``data/assumptions/consignment.csv`` after overrides).
    n_merchants, n_draws, n_sample : int
        Population size, Double 11 scenarios, draws kept per merchant.
    war_rounds : int
        Rounds of the price war.
    wjs_cost_shares, wjs_check_share, wjs_elasticities, wjs_fixed_share
        See :func:`wjs_checks`.
    seed : int
        Random seed.
    estimates, ranges, upper_bounds, estimates_source
        When ``estimates`` is given (name → ``[estimate, low, high]``), :func:`check_estimates`
        against ``ranges`` (default: the base values, no range), stored as ``study.estimates``.
    estimate_merchants, estimate_draws : int
        Population size of that check (the sensitivity runs' settings).

    Returns
    -------
    ChannelStudy

    Examples
    --------
    >>> v = dict(price=100, unit_cost=60, commission=0.05, ad_fee_rate=0.05, stocking_fixed_cost=500,
    ...          merchant_salvage=30, platform_salvage=30, buyback_share=0.8, return_rate=0.1,
    ...          return_handling_cost=5, return_recovery=60, daily_median=2, scale_sigma=1.5, uplift=120,
    ...          uplift_cv=0.3, cv_median=0.6, cv_sigma=0.3, forecast_bias=0.0,
    ...          price_war_discount=0.05, price_war_elasticity=2.0)
    >>> s = run_study(v, n_merchants=100, n_draws=100, war_rounds=2)
    >>> sorted(s.population)
    ['buyback', 'consignment', 'procurement']
    """
    values = {str(k): float(v) for k, v in values.items()}
    params = ChannelParams.from_values(values)
    spec = PopulationSpec.from_values(values, integer(n_merchants, "n_merchants", low=10))
    demand = typical_demand(values)
    population = {
        a: simulate_population(spec, params, a, n_draws=n_draws, seed=seed, n_sample=n_sample) for a in ARRANGEMENTS
    }
    size = {a: size_profile(r, 5) for a, r in population.items()}
    no_k = ChannelParams.from_values({**values, "stocking_fixed_cost": 0.0})
    no_k_size = size_profile(simulate_population(spec, no_k, "consignment", n_draws=n_draws, seed=seed, n_sample=0), 5)
    war = price_war(
        float(demand.mean()),
        float(demand.std() / demand.mean()),
        params,
        rounds=war_rounds,
        discount=values["price_war_discount"],
        elasticity=values["price_war_elasticity"],
    )
    check = None
    if estimates is not None:
        check = check_estimates(
            values,
            ranges if ranges is not None else {k: (x, x) for k, x in values.items()},
            estimates,
            upper_bounds=upper_bounds,
            source=estimates_source,
            n_merchants=estimate_merchants,
            n_draws=estimate_draws,
            seed=seed,
        )
    return ChannelStudy(
        values=values,
        params=params,
        spec=spec,
        demand=demand,
        compare=compare_channels(demand, params),
        integrated_profit=integrated(demand, params),
        window=procurement_window(demand, params),
        population=population,
        size=size,
        no_fixed_cost_size=no_k_size,
        war=war,
        war_summary=price_war_summary(war),
        wjs=wjs_checks(
            wjs_cost_shares, wjs_check_share, wjs_elasticities, wjs_fixed_share, float(demand.std() / demand.mean())
        ),
        estimates=check,
    )


def commission_sweep(
    values: Mapping[str, float], commissions: Sequence[float], *, n_merchants: int, n_draws: int, seed: int = 0
) -> pd.DataFrame:
    """The consignment population's headline numbers at each commission rate.

    Returns
    -------
    pandas.DataFrame
        ``commission`` plus the keys of :meth:`PopulationResult.summary`.

    Examples
    --------
    >>> v = dict(price=100, unit_cost=60, commission=0.05, merchant_salvage=30, platform_salvage=30,
    ...          return_rate=0.1, return_handling_cost=5, return_recovery=60, daily_median=2,
    ...          scale_sigma=1.5, uplift=120, uplift_cv=0.3, cv_median=0.6, cv_sigma=0.3)
    >>> commission_sweep(v, [0.0, 0.2], n_merchants=50, n_draws=50).commission.tolist()
    [0.0, 0.2]
    """
    spec = PopulationSpec.from_values(values, n_merchants)
    rows = []
    for c in commissions:
        c = number(c, "commission", low=0.0, high=1.0, high_open=True)
        params = ChannelParams.from_values({**values, "commission": c})
        result = simulate_population(spec, params, "consignment", n_draws=n_draws, seed=seed, n_sample=0)
        rows.append({"commission": c, **result.summary()})
    return pd.DataFrame(rows)


def uncertainty_sweep(
    values: Mapping[str, float], cvs: Sequence[float], *, n_merchants: int, n_draws: int, seed: int = 0
) -> pd.DataFrame:
    """Consignment losses and participation against the merchants' own demand CV: one typical product and the population.

    Returns
    -------
    pandas.DataFrame
        ``cv``; ``single_trades`` (whether the typical merchant consigns at all) and ``single_p_loss``
        (its probability of a loss, closed form; NaN when it does not trade); for the population
        ``population_share_participating``, ``population_share_losing`` (share of all merchants losing
        money) and ``population_share_losing_participants`` (the same among those who trade).

    Examples
    --------
    >>> v = dict(price=100, unit_cost=60, commission=0.05, merchant_salvage=30, platform_salvage=30,
    ...          return_rate=0.1, return_handling_cost=5, return_recovery=60, daily_median=2,
    ...          scale_sigma=1.5, uplift=120, uplift_cv=0.3, cv_median=0.6, cv_sigma=0.3)
    >>> t = uncertainty_sweep(v, [0.3, 1.2], n_merchants=50, n_draws=200)
    >>> bool(t.single_p_loss.is_monotonic_increasing), t.single_trades.tolist()
    (True, [True, True])
    """
    params = ChannelParams.from_values(values)
    rows = []
    for cv in cvs:
        cv = number(cv, "cv", low=0.0, low_open=True)
        v = {**values, "cv_median": cv}
        demand = lognormal_demand(float(v["daily_median"]) * float(v["uplift"]), combined_cv(cv, float(v["uplift_cv"])))
        spec = PopulationSpec.from_values(v, n_merchants)
        summary = simulate_population(spec, params, "consignment", n_draws=n_draws, seed=seed, n_sample=0).summary()
        single = consignment(demand, params)
        rows.append(
            {
                "cv": cv,
                "single_trades": bool(single.participates),
                "single_p_loss": single.merchant_p_loss if single.participates else math.nan,
                "population_share_participating": summary["share_participating"],
                "population_share_losing": summary["share_losing"],
                "population_share_losing_participants": summary["share_losing_participants"],
            }
        )
    return pd.DataFrame(rows)


@functools.cache
def example_study() -> ChannelStudy:
    """A small study on notebook 03's base assumptions (200 merchants, 200 draws), for examples and tests.

    Cached: built once per process.

    Examples
    --------
    >>> example_study().spec.n_merchants
    200
    """

    v = dict(
        price=100,
        unit_cost=60,
        commission=0.05,
        ad_fee_rate=0.05,
        stocking_fixed_cost=500,
        merchant_salvage=30,
        platform_salvage=30,
        buyback_share=0.8,
        return_rate=0.1,
        return_handling_cost=5,
        return_recovery=60,
        daily_median=2,
        scale_sigma=1.5,
        uplift=120,
        uplift_cv=0.3,
        cv_median=0.6,
        cv_sigma=0.3,
        forecast_bias=0.0,
        price_war_discount=0.05,
        price_war_elasticity=2.0,
    )
    return run_study(v, n_merchants=200, n_draws=200, war_rounds=6)
