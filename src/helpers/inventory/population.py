"""A population of merchants facing one Double 11: who takes part, who loses money, how concentrated profits are.

Merchant ``i`` has ordinary-day mean demand ``daily_i = daily_median·exp(scale_sigma·Z_i)``
and own coefficient of variation ``cv_i = cv_median·exp(cv_sigma·Z'_i)``. On Double 11
its demand is ``daily_i × uplift × U × ε_i``: ``U`` a lognormal shock with mean 1 and CV
``uplift_cv`` common to all merchants (how big the festival turns out), ``ε_i`` its own
mean-one lognormal noise. Whoever stocks plans for ``(1 + forecast_bias)`` times the true
mean and for the total log-variance ``σ_i² = ln(1 + cv_i²) + ln(1 + uplift_cv²)``.

Under each arrangement of :mod:`helpers.inventory.arrangements` the stocking party orders
its newsvendor optimum and every party follows one rule: it takes part only if it expects a
profit of at least zero. With the fixed cost ``K`` per product this is where merchant size
matters: under consignment a small merchant either stays out or risks a loss; under
procurement the platform does not list it (its supplier earns nothing, but loses nothing).
Everything is vectorised over merchants and chunked over draws.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from helpers.errors import ParameterError
from helpers.inventory import newsvendor as nv
from helpers.inventory.arrangements import buyback, consignment, procurement, realised_profits
from helpers.inventory.demand import combined_cv, lognormal_demand, lognormal_units
from helpers.inventory.params import ARRANGEMENTS, ChannelParams
from helpers.inventory.wholesale import lognormal_unit_profits, wholesale_best_response
from helpers.validation import integer, number

__all__ = [
    "PopulationResult",
    "PopulationSpec",
    "arrangement_gap",
    "draw_merchants",
    "lorenz_curve",
    "population_outcome",
    "simulate_population",
    "size_profile",
    "top_share",
    "typical_demand",
]


@dataclass(frozen=True)
class PopulationSpec:
    """How heterogeneous merchants' Double 11 demand is drawn.

    Parameters
    ----------
    n_merchants : int
        Number of merchants (>= 10).
    daily_median : float
        Median ordinary-day demand across merchants, units per day (> 0).
    scale_sigma : float
        Log-standard deviation of merchants' demand scale (heavy tail), >= 0.
    uplift : float
        Double 11 demand as a multiple of an ordinary day's (> 0).
    uplift_cv : float
        Coefficient of variation of the common uplift shock (>= 0).
    cv_median : float
        Median of merchants' own demand CV (> 0).
    cv_sigma : float
        Log-standard deviation of the CV across merchants (>= 0).
    forecast_bias : float
        Planned mean / true mean - 1 (> -1); 0 = unbiased.

    Examples
    --------
    >>> PopulationSpec(100, daily_median=5, scale_sigma=1.5, uplift=10, uplift_cv=0.3,
    ...                cv_median=0.6, cv_sigma=0.3).forecast_bias
    0.0
    """

    n_merchants: int
    daily_median: float
    scale_sigma: float
    uplift: float
    uplift_cv: float
    cv_median: float
    cv_sigma: float
    forecast_bias: float = 0.0

    def __post_init__(self) -> None:
        integer(self.n_merchants, "n_merchants", low=10)
        for name in ("daily_median", "uplift", "cv_median"):
            number(getattr(self, name), name, low=0.0, low_open=True)
        for name in ("scale_sigma", "uplift_cv", "cv_sigma"):
            number(getattr(self, name), name, low=0.0)
        number(self.forecast_bias, "forecast_bias", low=-1.0, low_open=True)

    @classmethod
    def from_values(cls, values: Mapping[str, float], n_merchants: int) -> PopulationSpec:
        """Build from a ``{name: value}`` dict (names as in ``data/assumptions/consignment.csv``).

        Examples
        --------
        >>> PopulationSpec.from_values(dict(daily_median=5, scale_sigma=1.5, uplift=10, uplift_cv=0.3,
        ...                                 cv_median=0.6, cv_sigma=0.3), 100).n_merchants
        100
        """
        need = ["daily_median", "scale_sigma", "uplift", "uplift_cv", "cv_median", "cv_sigma"]
        missing = [n for n in need if n not in values]
        if missing:
            raise ParameterError(f"missing parameter(s): {', '.join(missing)}")
        return cls(
            n_merchants=integer(n_merchants, "n_merchants", low=10),
            forecast_bias=float(values.get("forecast_bias", 0.0)),
            **{n: float(values[n]) for n in need},
        )


def draw_merchants(spec: PopulationSpec, *, seed: int = 0) -> pd.DataFrame:
    """Draw the merchants' characteristics (fixed seed).

    Returns
    -------
    pandas.DataFrame
        One row per merchant: ``merchant, daily_mean_units, mean_demand_units`` (Double 11, true),
        ``cv`` (own), ``sigma_own``, ``sigma_total`` (log-sd including the common shock),
        ``planned_mean_units``.

    Examples
    --------
    >>> spec = PopulationSpec(100, daily_median=5, scale_sigma=1.0, uplift=10, uplift_cv=0.3,
    ...                       cv_median=0.6, cv_sigma=0.3)
    >>> m = draw_merchants(spec, seed=1)
    >>> len(m), bool((m["sigma_total"] > m["sigma_own"]).all())
    (100, True)
    """
    rng = np.random.default_rng([int(seed), 1])
    z_scale = rng.standard_normal(spec.n_merchants)
    z_cv = rng.standard_normal(spec.n_merchants)
    daily = spec.daily_median * np.exp(spec.scale_sigma * z_scale)
    cv = spec.cv_median * np.exp(spec.cv_sigma * z_cv)
    sigma_own = np.sqrt(np.log1p(cv**2))
    sigma_common = math.sqrt(math.log1p(spec.uplift_cv**2))
    mean = daily * spec.uplift
    return pd.DataFrame(
        {
            "merchant": np.arange(spec.n_merchants),
            "daily_mean_units": daily,
            "mean_demand_units": mean,
            "cv": cv,
            "sigma_own": sigma_own,
            "sigma_total": np.sqrt(sigma_own**2 + sigma_common**2),
            "planned_mean_units": mean * (1.0 + spec.forecast_bias),
        }
    )


@dataclass(frozen=True)
class PopulationResult:
    """Outcome of :func:`simulate_population`.

    Attributes
    ----------
    arrangement : str
        One of :data:`~helpers.inventory.params.ARRANGEMENTS`.
    merchants : pandas.DataFrame
        :func:`draw_merchants` plus ``participates``, ``wholesale_yuan``, ``wholesale_capped`` (the
        supplier prices below its unconstrained best response so that the platform lists the
        product), ``order_units``,
        ``expected_profit_yuan`` (Monte Carlo mean), ``profit_sd_yuan``, ``p_loss`` (share of
        draws with a loss), ``platform_income_yuan`` (mean platform profit from that product).
    draws : pandas.DataFrame
        One row per Double 11 draw: ``uplift_shock, share_losing, merchant_profit_yuan,
        platform_profit_yuan, gmv_yuan``.
    sample_profits : numpy.ndarray
        Realised merchant profits, shape ``(n_merchants, n_sample)``: the first draws.
    """

    arrangement: str
    merchants: pd.DataFrame
    draws: pd.DataFrame
    sample_profits: np.ndarray = field(repr=False)

    def summary(self) -> dict[str, float]:
        """Headline numbers.

        Returns
        -------
        dict
            ``share_participating`` (merchants who trade), ``share_losing`` (expected share of all
            merchants with a loss on one Double 11), ``share_losing_participants`` (the same among
            those who trade), ``share_losing_p90`` (90th percentile over draws),
            ``share_expected_loss`` (share whose expected profit is negative), ``top_decile_share``
            (profit of each kept draw's top 10 % of merchants over total merchant profit; above 1
            when the rest lose in aggregate; NaN if the total is not positive),
            ``merchant_profit_yuan``, ``platform_profit_yuan`` (expected totals),
            ``platform_p_loss`` (share of draws in which the platform's total is negative).
        """
        m = self.merchants
        kept = self.sample_profits
        k = max(1, int(round(0.1 * kept.shape[0])))
        top_sums = -np.sort(-kept, axis=0)[:k].sum(axis=0) if kept.size else np.array([])
        total = kept.sum() if kept.size else 0.0
        part = m["participates"].to_numpy()
        return {
            "share_participating": float(part.mean()),
            "share_losing": float(self.draws["share_losing"].mean()),
            "share_losing_participants": float(m.loc[part, "p_loss"].mean()) if part.any() else 0.0,
            "share_losing_p90": float(self.draws["share_losing"].quantile(0.9)),
            "share_expected_loss": float((m["expected_profit_yuan"] < 0).mean()),
            "top_decile_share": float(top_sums.sum() / total) if total > 0 else float("nan"),
            "merchant_profit_yuan": float(self.draws["merchant_profit_yuan"].mean()),
            "platform_profit_yuan": float(self.draws["platform_profit_yuan"].mean()),
            "platform_p_loss": float((self.draws["platform_profit_yuan"] < 0).mean()),
        }


def _plan(
    merchants: pd.DataFrame, params: ChannelParams, arrangement: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each merchant's (participates, wholesale, order, ad fee, price capped) under ``arrangement``.

    "Price capped": the supplier charges less than its best response without the platform's fixed
    cost, because at that price the platform would not list the product.
    """
    planned = merchants["planned_mean_units"].to_numpy()
    sigma = merchants["sigma_total"].to_numpy()
    n = planned.size
    if arrangement == "consignment":
        c, v = params.unit_cost, params.merchant_salvage
        p_m = params.merchant_price
        m = params.net_revenue(p_m) if p_m > c else -math.inf
        frac = nv.critical_fractile(p_m, c, v, returns=params.returns) if m > c else 0.0
        if frac <= 0:
            return np.zeros(n, bool), np.full(n, np.nan), np.zeros(n), np.zeros(n), np.zeros(n, bool)
        u = lognormal_units(frac, sigma)
        ad = params.ad_fee_rate * params.price * planned
        profit = planned * (m * u.sales + v * u.leftover - c * u.stock) - ad - params.fixed_cost
        part = profit >= 0
        return (
            part,
            np.full(n, np.nan),
            np.where(part, planned * u.stock, 0.0),
            np.where(part, ad, 0.0),
            np.zeros(n, bool),
        )
    capped = np.zeros(n, bool)
    if params.wholesale is not None:
        w = np.full(n, float(params.wholesale))
    else:
        w = wholesale_best_response(params, sigma, planned, arrangement)
        if params.fixed_cost > 0:
            free = wholesale_best_response(replace(params, fixed_cost=0.0), sigma, planned, arrangement)
            capped = np.isfinite(w) & (w < free - 1e-6)
    trade = np.isfinite(w)
    w_safe = np.where(trade, w, params.unit_cost + 1.0)
    supplier, platform, stock = lognormal_unit_profits(params, w_safe, sigma, arrangement)
    part = trade & (planned * platform - params.fixed_cost >= 0) & (supplier >= 0) & (stock > 0)
    return part, np.where(part, w, np.nan), np.where(part, planned * stock, 0.0), np.zeros(n), capped & part


def simulate_population(
    spec: PopulationSpec,
    params: ChannelParams,
    arrangement: str = "consignment",
    *,
    n_draws: int = 10_000,
    seed: int = 0,
    n_sample: int = 100,
    chunk_size: int = 64,
) -> PopulationResult:
    """Simulate every merchant's Double 11 under one arrangement, vectorised in merchant chunks.

    Demand draws: the common shock ``U_j`` is shared by all merchants in draw ``j``; own noise
    is independent. Memory is ``O(chunk_size × n_draws)``; results do not depend on ``chunk_size``.

    Parameters
    ----------
    spec : PopulationSpec
        Population.
    params : ChannelParams
        Unit economics (common to all merchants); ``wholesale=None`` lets each supplier set its
        best-response price (:func:`~helpers.inventory.wholesale.wholesale_best_response`).
    arrangement : str
        One of :data:`~helpers.inventory.params.ARRANGEMENTS`.
    n_draws : int
        Double 11 scenarios (>= 1).
    seed : int
        Seed (merchants and draws).
    n_sample : int
        Draws kept per merchant for concentration measures (>= 0).
    chunk_size : int
        Merchants per vectorised block (>= 1).

    Returns
    -------
    PopulationResult

    References
    ----------
    Arrow, Harris & Marschak (1951); Lariviere & Porteus (2001) for the wholesale price.

    Examples
    --------
    >>> spec = PopulationSpec(200, daily_median=5, scale_sigma=1.0, uplift=10, uplift_cv=0.3,
    ...                       cv_median=0.6, cv_sigma=0.3)
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30, platform_salvage=30)
    >>> res = simulate_population(spec, p, n_draws=500, seed=1)
    >>> 0 < res.summary()["share_losing"] < 1
    True
    """
    if arrangement not in ARRANGEMENTS:
        raise ParameterError(f"arrangement must be one of {', '.join(ARRANGEMENTS)}, got {arrangement!r}")
    n_draws = integer(n_draws, "n_draws", low=1)
    n_sample = min(integer(n_sample, "n_sample", low=0), n_draws)
    chunk_size = integer(chunk_size, "chunk_size", low=1)
    merchants = draw_merchants(spec, seed=seed)
    n = len(merchants)
    part, wholesale, order, ad, capped = _plan(merchants, params, arrangement)
    sig_own = merchants["sigma_own"].to_numpy()
    mean = merchants["mean_demand_units"].to_numpy()
    rng = np.random.default_rng([int(seed), 2])
    sigma_common = math.sqrt(math.log1p(spec.uplift_cv**2))
    shock = np.exp(sigma_common * rng.standard_normal(n_draws) - 0.5 * sigma_common**2)
    mean_profit, sd_profit, p_loss, platform_mean = (np.empty(n) for _ in range(4))
    sample = np.empty((n, n_sample))
    losing, merchant_total, platform_total, gmv_total = (np.zeros(n_draws) for _ in range(4))
    keep = params.keep_rate
    for start in range(0, n, chunk_size):
        sl = slice(start, min(start + chunk_size, n))
        z = rng.standard_normal((sl.stop - sl.start, n_draws))  # row-major stream: chunk-size invariant
        s = sig_own[sl, None]
        d = (mean[sl, None] * shock[None, :]) * np.exp(s * z - 0.5 * s * s)
        del z
        q = order[sl, None]
        merchant, platform = realised_profits(
            arrangement, q, d, params, wholesale=wholesale[sl, None], ad_fee=ad[sl, None]
        )
        gmv_total += params.price * keep * np.minimum(q, d).sum(axis=0)
        del d
        mean_profit[sl] = merchant.mean(axis=1)
        sd_profit[sl] = merchant.std(axis=1)
        is_loss = merchant < 0
        p_loss[sl] = is_loss.mean(axis=1)
        losing += is_loss.sum(axis=0)
        merchant_total += merchant.sum(axis=0)
        platform_total += platform.sum(axis=0)
        platform_mean[sl] = platform.mean(axis=1)
        sample[sl] = merchant[:, :n_sample]
    merchants = merchants.assign(
        participates=part,
        wholesale_yuan=wholesale,
        wholesale_capped=capped,
        order_units=order,
        expected_profit_yuan=mean_profit,
        profit_sd_yuan=sd_profit,
        p_loss=p_loss,
        platform_income_yuan=platform_mean,
    )
    draws = pd.DataFrame(
        {
            "draw": np.arange(n_draws),
            "uplift_shock": shock,
            "share_losing": losing / n,
            "merchant_profit_yuan": merchant_total,
            "platform_profit_yuan": platform_total,
            "gmv_yuan": gmv_total,
        }
    )
    return PopulationResult(arrangement=arrangement, merchants=merchants, draws=draws, sample_profits=sample)


def size_profile(result: PopulationResult, n_groups: int = 5) -> pd.DataFrame:
    """Participation and losses by merchant size (quantile groups of ordinary-day demand).

    Parameters
    ----------
    result : PopulationResult
        From :func:`simulate_population`.
    n_groups : int
        Number of equal-count size groups (2-20), smallest first.

    Returns
    -------
    pandas.DataFrame
        ``size_group`` (1 = smallest), ``median_daily_units``, ``share_participating``,
        ``share_losing`` (expected share of the group with a loss on one Double 11),
        ``share_losing_participants`` (the same among those who trade; NaN if none does),
        ``expected_profit_yuan`` (group mean).

    Examples
    --------
    >>> spec = PopulationSpec(200, daily_median=5, scale_sigma=1.0, uplift=10, uplift_cv=0.3,
    ...                       cv_median=0.6, cv_sigma=0.3)
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30,
    ...                   platform_salvage=30, fixed_cost=300)
    >>> t = size_profile(simulate_population(spec, p, n_draws=200, seed=1), 4)
    >>> t.share_participating.is_monotonic_increasing
    True
    """
    n_groups = integer(n_groups, "n_groups", low=2, high=20)
    m = result.merchants
    rank = m["daily_mean_units"].rank(method="first")
    group = np.ceil(rank * n_groups / len(m)).astype(int)
    m = m.assign(size_group=group, p_loss_trading=m["p_loss"].where(m["participates"]))
    out = (
        m.groupby("size_group")
        .agg(
            median_daily_units=("daily_mean_units", "median"),
            share_participating=("participates", "mean"),
            share_losing=("p_loss", "mean"),
            share_losing_participants=("p_loss_trading", "mean"),
            expected_profit_yuan=("expected_profit_yuan", "mean"),
        )
        .reset_index()
    )
    return out


def lorenz_curve(values: np.ndarray, *, relative: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Lorenz curve of profits (losses allowed: the curve then dips below zero).

    Parameters
    ----------
    values : array
        Profits, yuan, one per merchant.
    relative : bool
        True: cumulative profit as a share of the total (the total must be > 0).
        False: cumulative profit in yuan.

    Returns
    -------
    (population_share, cumulative) : tuple of ndarray
        Merchants sorted from lowest to highest profit.

    References
    ----------
    Lorenz (1905).

    Examples
    --------
    >>> x, y = lorenz_curve(np.array([-1.0, 1.0, 2.0, 8.0]))
    >>> y.tolist()
    [0.0, -0.1, 0.0, 0.2, 1.0]
    >>> lorenz_curve(np.array([-5.0, 1.0]), relative=False)[1].tolist()
    [0.0, -5.0, -4.0]
    """
    v = np.sort(np.asarray(values, dtype=float).ravel())
    if v.size == 0 or not np.all(np.isfinite(v)):
        raise ParameterError("values must be a non-empty array of finite numbers")
    x = np.arange(v.size + 1) / v.size
    cumulative = np.concatenate([[0.0], np.cumsum(v)])
    if not relative:
        return x, cumulative
    total = v.sum()
    if total <= 0:
        raise ParameterError(
            f"total profit must be > 0 for a relative Lorenz curve, got {total:g} (use relative=False)"
        )
    return x, cumulative / total


def top_share(values: np.ndarray, top: float = 0.1) -> float:
    """Share of total profit earned by the top ``top`` fraction of merchants.

    Returns
    -------
    float
        Sum of the top group's profits / total profit; above 1 when the others lose money in
        aggregate; NaN when the total is not positive.

    Examples
    --------
    >>> top_share(np.array([-1.0, 1.0, 2.0, 8.0]), 0.25)
    0.8
    """
    number(top, "top", low=0.0, high=1.0, low_open=True, high_open=True)
    v = np.sort(np.asarray(values, dtype=float).ravel())[::-1]
    total = v.sum()
    if total <= 0:
        return float("nan")
    k = max(1, int(round(top * v.size)))
    return float(v[:k].sum() / total)


def population_outcome(
    values: Mapping[str, float],
    outcome: str = "share_losing",
    *,
    arrangement: str = "consignment",
    n_merchants: int = 1_000,
    n_draws: int = 1_000,
    seed: int = 0,
) -> float:
    """One headline number of :func:`simulate_population` as a function of a parameter dict.

    For :func:`helpers.sensitivity.one_at_a_time` and :func:`~helpers.sensitivity.two_way`.

    Parameters
    ----------
    values : mapping
        Names as in ``data/assumptions/consignment.csv``.
    outcome : str
        A key of :meth:`PopulationResult.summary`.
    arrangement : str
        One of :data:`~helpers.inventory.params.ARRANGEMENTS`.
    n_merchants, n_draws, seed : int
        Simulation size and seed.

    Returns
    -------
    float

    Examples
    --------
    >>> v = dict(price=100, unit_cost=60, commission=0.05, merchant_salvage=30,
    ...          platform_salvage=30, return_rate=0.1, return_handling_cost=5, return_recovery=60,
    ...          daily_median=2, scale_sigma=1.5, uplift=120, uplift_cv=0.3, cv_median=0.6, cv_sigma=0.3)
    >>> population_outcome(v, "platform_p_loss", n_merchants=100, n_draws=200)
    0.0
    """
    spec = PopulationSpec.from_values(values, n_merchants)
    result = simulate_population(spec, ChannelParams.from_values(values), arrangement, n_draws=n_draws, seed=seed)
    summary = result.summary()
    if outcome not in summary:
        raise ParameterError(f"outcome must be one of {', '.join(summary)}, got {outcome!r}")
    return summary[outcome]


def typical_demand(values: Mapping[str, float]) -> Any:
    """Demand of the typical (median) merchant: mean ``daily_median × uplift``, CV of own and common noise.

    Examples
    --------
    >>> d = typical_demand(dict(daily_median=2, uplift=120, cv_median=0.6, uplift_cv=0.3))
    >>> round(float(d.mean()))
    240
    """
    mean = float(values["daily_median"]) * float(values["uplift"])
    return lognormal_demand(mean, combined_cv(float(values["cv_median"]), float(values["uplift_cv"])))


_SINGLE = {"consignment": consignment, "buyback": buyback, "procurement": procurement}


def arrangement_gap(
    values: Mapping[str, float], party: str = "merchant", arrangement: str = "consignment", against: str = "procurement"
) -> float:
    """The typical merchant's product: a party's expected profit under one arrangement minus another, per 100 yuan of GMV.

    Parameters
    ----------
    values : mapping
        Names as in ``data/assumptions/consignment.csv``.
    party : {"merchant", "platform"}
        Whose profit.
    arrangement, against : str
        Two of :data:`~helpers.inventory.params.ARRANGEMENTS`.

    Returns
    -------
    float
        Yuan per 100 yuan of expected demand at the retail price; positive: ``arrangement`` pays more.

    Examples
    --------
    >>> v = dict(price=100, unit_cost=60, commission=0.05, merchant_salvage=30,
    ...          platform_salvage=30, return_rate=0.1, return_handling_cost=5, return_recovery=60,
    ...          daily_median=2, uplift=120, uplift_cv=0.3, cv_median=0.6)
    >>> round(arrangement_gap(v, "merchant"), 1)
    5.6
    """
    if party not in ("merchant", "platform"):
        raise ParameterError(f"party must be 'merchant' or 'platform', got {party!r}")
    for a in (arrangement, against):
        if a not in ARRANGEMENTS:
            raise ParameterError(f"arrangement must be one of {', '.join(ARRANGEMENTS)}, got {a!r}")
    params = ChannelParams.from_values(values)
    demand = typical_demand(values)
    gain = getattr(_SINGLE[arrangement](demand, params), f"{party}_profit") - getattr(
        _SINGLE[against](demand, params), f"{party}_profit"
    )
    return 100.0 * gain / (params.price * float(demand.mean()))
