"""Who carries the inventory risk: consignment (寄售), buyback, procurement (采销) for one product.

The same product, demand and costs, three contracts between a merchant (the
supplier) and a platform (notation of Snyder & Shen 2019, ch. 4: revenue ``r``,
unit cost ``c``, salvage ``v``; ``m(r) = (1 − ρ)r + ρ(v_r − h_r)`` the net
revenue of a unit sold when a share ``ρ`` is returned):

* **consignment** (寄售, marketplace, agency): the merchant stocks ``Q`` and keeps
  the leftovers; the platform keeps a commission ``α`` of the price of every unit
  customers keep, plus advertising paid up front. The merchant's newsvendor has
  revenue ``(1 − α)p``.
* **procurement** (采销, 自营, reseller; the wholesale-price contract): the
  platform buys ``Q`` at ``w`` and keeps the leftovers; the supplier earns
  ``(w − c)Q`` whatever sells.
* **buyback** (return-to-vendor, the middle case): as procurement, but the
  platform returns unsold units for ``b = β·w`` each and the supplier salvages them.

The wholesale price is the supplier's decision unless fixed: the supplier, who
knows the platform's newsvendor response ``Q(w)``, picks the ``w`` that maximises
its own expected profit, subject to the platform expecting to cover its fixed cost
(Lariviere & Porteus 2001). Whoever holds the stock pays a fixed cost ``K`` per
product and event (listing, inbound, slotting). One participation rule holds for
every party: a party trades only if it expects a profit of at least zero;
otherwise it stocks nothing and earns nothing.

Units: prices and profits in yuan; demand and stock in units; shares as fractions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from helpers.errors import ParameterError
from helpers.inventory import newsvendor as nv
from helpers.inventory.params import ARRANGEMENTS, ChannelParams, ChannelResult, no_trade
from helpers.inventory.wholesale import platform_response, supplier_wholesale
from helpers.validation import integer

__all__ = [
    "buyback",
    "compare_channels",
    "consignment",
    "integrated",
    "procurement",
    "procurement_window",
    "realised_profits",
    "simulate_channels",
    "stock_vs_salvage",
    "wholesale_sweep",
]


def _ad_fee(demand: Any, params: ChannelParams) -> float:
    return params.ad_fee_rate * params.price * float(demand.mean())


def consignment(demand: Any, params: ChannelParams) -> ChannelResult:
    """Consignment (寄售, marketplace): the merchant stocks, the platform takes commission.

    The merchant solves a newsvendor with revenue ``(1 − α)p`` per unit (a refund returns
    the commission), its own salvage and the returns; it pays advertising
    ``ad_fee_rate·p·E[D]`` and the fixed cost ``K``. It takes part only if its expected
    profit is >= 0. The platform earns ``α·p`` on every unit kept plus the advertising.

    Parameters
    ----------
    demand : frozen scipy.stats continuous distribution
        Demand for the product in the event, units.
    params : ChannelParams
        Unit economics.

    Returns
    -------
    ChannelResult

    References
    ----------
    Wang, Jiang & Shen (2004) for the contract; Arrow, Harris & Marschak (1951) for the newsvendor.

    Examples
    --------
    >>> from helpers.inventory.demand import lognormal_demand
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30, platform_salvage=30)
    >>> r = consignment(lognormal_demand(1000, 0.5), p)
    >>> round(r.fractile, 4), r.platform_p_loss
    (0.5385, 0.0)
    """
    p_m, c, v = params.merchant_price, params.unit_cost, params.merchant_salvage
    if p_m <= c or params.net_revenue(p_m) <= c:
        return no_trade("consignment")
    kw = {"returns": params.returns}
    fixed = _ad_fee(demand, params) + params.fixed_cost
    q = nv.optimal_order(demand, p_m, c, v, **kw)
    merchant = float(nv.expected_profit(q, demand, p_m, c, v, **kw)) - fixed
    if q <= 0 or merchant < 0:
        return no_trade("consignment")
    sales = float(nv.expected_sales(q, demand))
    return ChannelResult(
        arrangement="consignment",
        participates=True,
        wholesale=math.nan,
        fractile=nv.critical_fractile(p_m, c, v, **kw),
        order=q,
        expected_sales=sales,
        expected_leftover=q - sales,
        merchant_profit=merchant,
        platform_profit=params.commission * params.price * params.keep_rate * sales + _ad_fee(demand, params),
        merchant_p_loss=float(nv.probability_of_loss(q, demand, p_m, c, v, fixed_cost=fixed, **kw)),
        platform_p_loss=0.0,
    )


def _stocking_platform(demand: Any, params: ChannelParams, arrangement: str) -> ChannelResult:
    w = params.wholesale if params.wholesale is not None else supplier_wholesale(demand, params, arrangement)
    if math.isnan(w):
        return no_trade(arrangement)
    side = platform_response(demand, params, w, arrangement)
    q = side["q"]
    if q <= 0 or side["platform"] < 0 or side["supplier"] < 0:
        return no_trade(arrangement)
    kw = {"returns": params.returns}
    b, v_m = side["b"], params.merchant_salvage
    supplier_loss = 0.0
    if not math.isnan(b) and b > v_m:  # the supplier loses if more than (w - c)Q/(b - v_M) units come back
        threshold = q * (1.0 - (w - params.unit_cost) / (b - v_m))
        supplier_loss = float(demand.cdf(threshold)) if threshold > 0 else 0.0
    return ChannelResult(
        arrangement=arrangement,
        participates=True,
        wholesale=float(w),
        fractile=nv.critical_fractile(params.price, w, side["v_eff"], **kw),
        order=q,
        expected_sales=side["sales"],
        expected_leftover=side["leftover"],
        merchant_profit=side["supplier"],
        platform_profit=side["platform"],
        merchant_p_loss=supplier_loss,
        platform_p_loss=float(
            nv.probability_of_loss(q, demand, params.price, w, side["v_eff"], fixed_cost=params.fixed_cost, **kw)
        ),
    )


def procurement(demand: Any, params: ChannelParams) -> ChannelResult:
    """Procurement (采销, 自营, reseller): the platform buys at wholesale and bears the risk.

    The platform solves a newsvendor with the retail price, the wholesale price as cost,
    its own salvage and the returns, and pays the fixed cost; the supplier earns
    ``(w − c)·Q`` whatever sells, so its loss probability is 0 by construction.

    Parameters
    ----------
    demand : frozen scipy.stats continuous distribution
        Demand, units.
    params : ChannelParams
        Unit economics (``commission`` and ``ad_fee_rate`` are not used).

    Returns
    -------
    ChannelResult

    References
    ----------
    Lariviere & Porteus (2001); Hagiu & Wright (2015) for the reseller framing.

    Examples
    --------
    >>> from helpers.inventory.demand import lognormal_demand
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30,
    ...                   platform_salvage=30, wholesale=75)
    >>> r = procurement(lognormal_demand(1000, 0.5), p)
    >>> round(r.fractile, 4), r.merchant_p_loss
    (0.3571, 0.0)
    """
    return _stocking_platform(demand, params, "procurement")


def buyback(demand: Any, params: ChannelParams) -> ChannelResult:
    """Buyback (return-to-vendor): the platform buys at ``w`` and returns leftovers for ``β·w``.

    The platform's salvage becomes ``max(β·w, platform_salvage)``; returned units go back to
    the supplier, who salvages them at ``merchant_salvage``. The leftover risk is shared: the
    supplier can now lose money.

    Parameters
    ----------
    demand : frozen scipy.stats continuous distribution
        Demand, units.
    params : ChannelParams
        Unit economics; ``buyback_share`` is ``β``.

    Returns
    -------
    ChannelResult

    References
    ----------
    Pasternack, B.A. (1985). Optimal pricing and return policies for perishable commodities.
    *Marketing Science* 4(2):166–176.

    Examples
    --------
    >>> from helpers.inventory.demand import lognormal_demand
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30,
    ...                   platform_salvage=30, wholesale=75, buyback_share=0.8)
    >>> r = buyback(lognormal_demand(1000, 0.5), p)
    >>> round(r.fractile, 4), r.merchant_p_loss > 0
    (0.625, True)
    """
    return _stocking_platform(demand, params, "buyback")


_FUNCTIONS = {"consignment": consignment, "buyback": buyback, "procurement": procurement}


def _check_arrangements(arrangements: Sequence[str]) -> list[str]:
    out = list(arrangements)
    bad = [a for a in out if a not in ARRANGEMENTS]
    if bad or not out:
        raise ParameterError(f"arrangements must be among {', '.join(ARRANGEMENTS)}, got {out!r}")
    return out


def integrated(demand: Any, params: ChannelParams) -> float:
    """Expected profit of an integrated channel (one firm makes, stocks and sells), yuan.

    The benchmark for channel efficiency: cost ``c``, the better of the two salvage values,
    the returns and one fixed cost; commission and advertising are transfers and drop out.

    Examples
    --------
    >>> from helpers.inventory.demand import lognormal_demand
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30, platform_salvage=30)
    >>> round(integrated(lognormal_demand(1000, 0.5), p))
    26950
    """
    v = max(params.merchant_salvage, params.platform_salvage)
    if params.net_revenue(params.price) <= params.unit_cost:
        return 0.0
    kw = {"returns": params.returns}
    q = nv.optimal_order(demand, params.price, params.unit_cost, v, **kw)
    return max(float(nv.expected_profit(q, demand, params.price, params.unit_cost, v, **kw)) - params.fixed_cost, 0.0)


def compare_channels(demand: Any, params: ChannelParams, arrangements: Sequence[str] = ARRANGEMENTS) -> pd.DataFrame:
    """The arrangements side by side, one row per arrangement and party.

    Parameters
    ----------
    demand : frozen scipy.stats continuous distribution
        Demand, units.
    params : ChannelParams
        Unit economics.
    arrangements : sequence of str
        Which of :data:`ARRANGEMENTS`.

    Returns
    -------
    pandas.DataFrame
        ``arrangement, party, participates, wholesale_yuan, order_units, expected_profit_yuan,
        p_loss, channel_efficiency`` (channel profit / :func:`integrated`).

    Examples
    --------
    >>> from helpers.inventory.demand import lognormal_demand
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30, platform_salvage=30)
    >>> compare_channels(lognormal_demand(1000, 0.5), p, ["consignment", "procurement"])[["arrangement", "party"]].values.tolist()
    [['consignment', 'merchant'], ['consignment', 'platform'], ['procurement', 'merchant'], ['procurement', 'platform']]
    """
    best = integrated(demand, params)
    rows = []
    for arrangement in _check_arrangements(arrangements):
        r = _FUNCTIONS[arrangement](demand, params)
        for party in ("merchant", "platform"):
            rows.append(
                {
                    "arrangement": arrangement,
                    "party": party,
                    "participates": r.participates,
                    "wholesale_yuan": r.wholesale,
                    "order_units": r.order,
                    "expected_profit_yuan": getattr(r, f"{party}_profit"),
                    "p_loss": getattr(r, f"{party}_p_loss"),
                    "channel_efficiency": r.channel_profit / best if best > 0 else math.nan,
                }
            )
    return pd.DataFrame(rows)


def realised_profits(
    arrangement: str,
    q: np.ndarray | float,
    d: np.ndarray | float,
    params: ChannelParams,
    *,
    wholesale: np.ndarray | float = math.nan,
    ad_fee: np.ndarray | float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Realised (merchant, platform) profits of stock ``q`` at demand ``d`` (numpy broadcasting), yuan.

    Returns are taken at their expected rate on units sold; ``q = 0`` means no trade (both 0,
    no fee, no fixed cost). ``wholesale`` may differ by merchant (an array broadcast with ``q``).

    Examples
    --------
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30, platform_salvage=30)
    >>> m, pl = realised_profits("procurement", 10.0, [5.0, 20.0], p, wholesale=75.0)
    >>> m.tolist(), pl.tolist()
    ([150.0, 150.0], [-100.0, 250.0])
    """
    if arrangement not in ARRANGEMENTS:
        raise ParameterError(f"arrangement must be one of {', '.join(ARRANGEMENTS)}, got {arrangement!r}")
    q = np.asarray(q, dtype=float)
    d = np.asarray(d, dtype=float)
    sold = np.minimum(q, d)
    left = q - sold
    trade = q > 0
    c = params.unit_cost
    if arrangement == "consignment":
        m = params.net_revenue(params.merchant_price)
        merchant = m * sold + params.merchant_salvage * left - c * q - np.where(trade, ad_fee + params.fixed_cost, 0.0)
        platform = params.commission * params.price * params.keep_rate * sold + np.where(trade, ad_fee, 0.0)
        return merchant, platform
    w = np.asarray(wholesale, dtype=float)
    if np.any(trade & ~np.isfinite(w)):
        raise ParameterError("wholesale must be a finite price wherever the platform stocks")
    w = np.where(np.isfinite(w), w, 0.0)
    b = params.buyback_share * w if arrangement == "buyback" else np.zeros_like(w)
    returned = (arrangement == "buyback") & (b > params.platform_salvage)
    v_eff = np.where(returned, b, params.platform_salvage)
    m = params.net_revenue(params.price)
    platform = m * sold + v_eff * left - w * q - np.where(trade, params.fixed_cost, 0.0)
    merchant = (w - c) * q - np.where(returned, (b - params.merchant_salvage) * left, 0.0)
    return np.broadcast_to(merchant, platform.shape), platform


def simulate_channels(
    demand: Any,
    params: ChannelParams,
    *,
    n_draws: int = 100_000,
    seed: int = 0,
    arrangements: Sequence[str] = ARRANGEMENTS,
) -> pd.DataFrame:
    """Monte Carlo profit distributions of both parties under each arrangement.

    The same demand draws serve every arrangement (common random numbers); each party stocks
    and prices as in :func:`consignment`, :func:`buyback` and :func:`procurement`.

    Parameters
    ----------
    demand : frozen scipy.stats continuous distribution
        Demand, units.
    params : ChannelParams
        Unit economics.
    n_draws : int
        Number of demand draws (>= 1).
    seed : int
        Seed of the numpy Generator.
    arrangements : sequence of str
        Which of :data:`ARRANGEMENTS`.

    Returns
    -------
    pandas.DataFrame
        Long format: ``draw, demand_units, arrangement, party, profit_yuan``.

    Examples
    --------
    >>> from helpers.inventory.demand import lognormal_demand
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30, platform_salvage=30)
    >>> sims = simulate_channels(lognormal_demand(1000, 0.5), p, n_draws=1000, seed=1)
    >>> sims.groupby(["arrangement", "party"]).size().tolist()
    [1000, 1000, 1000, 1000, 1000, 1000]
    """
    n_draws = integer(n_draws, "n_draws", low=1)
    rng = np.random.default_rng(seed)
    d = np.asarray(demand.rvs(size=n_draws, random_state=rng), dtype=float)
    frames = []
    for arrangement in _check_arrangements(arrangements):
        r = _FUNCTIONS[arrangement](demand, params)
        ad = _ad_fee(demand, params) if arrangement == "consignment" else 0.0
        merchant, platform = realised_profits(arrangement, r.order, d, params, wholesale=r.wholesale, ad_fee=ad)
        for party, values in (("merchant", merchant), ("platform", platform)):
            frames.append(
                pd.DataFrame(
                    {
                        "draw": np.arange(n_draws),
                        "demand_units": d,
                        "arrangement": arrangement,
                        "party": party,
                        "profit_yuan": np.asarray(values, dtype=float),
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


def stock_vs_salvage(
    demand: Any,
    params: ChannelParams,
    salvage: np.ndarray | Sequence[float],
    arrangements: Sequence[str] = ("consignment", "procurement"),
) -> pd.DataFrame:
    """Critical fractile and optimal stock of the stocking party as the salvage value varies.

    The same salvage value applies to whoever owns the leftovers.

    Parameters
    ----------
    demand : frozen scipy.stats continuous distribution
        Demand, units.
    params : ChannelParams
        Unit economics (its salvage values are replaced).
    salvage : array of float
        Yuan per leftover unit; each must be below ``unit_cost``.
    arrangements : sequence of str
        Which of :data:`ARRANGEMENTS`.

    Returns
    -------
    pandas.DataFrame
        ``salvage_yuan, arrangement, participates, wholesale_yuan, fractile, order_units``.

    References
    ----------
    Arrow, Harris & Marschak (1951).

    Examples
    --------
    >>> from helpers.inventory.demand import lognormal_demand
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30, platform_salvage=30)
    >>> t = stock_vs_salvage(lognormal_demand(1000, 0.5), p, [0.0, 50.0])
    >>> t.groupby("arrangement")["order_units"].apply(lambda x: bool(x.is_monotonic_increasing)).tolist()
    [True, True]
    """
    rows = []
    arrangements = _check_arrangements(arrangements)
    for s in np.asarray(salvage, dtype=float):
        try:
            p = replace(params, merchant_salvage=float(s), platform_salvage=float(s))
        except ParameterError as exc:
            raise ParameterError(f"salvage {s:g}: {exc}") from None
        for arrangement in arrangements:
            r = _FUNCTIONS[arrangement](demand, p)
            rows.append(
                {
                    "salvage_yuan": float(s),
                    "arrangement": arrangement,
                    "participates": r.participates,
                    "wholesale_yuan": r.wholesale,
                    "fractile": r.fractile,
                    "order_units": r.order,
                }
            )
    return pd.DataFrame(rows)


def wholesale_sweep(
    demand: Any, params: ChannelParams, wholesale: np.ndarray | Sequence[float], arrangement: str = "procurement"
) -> pd.DataFrame:
    """Both parties' expected profits under procurement (or buyback) at each given wholesale price.

    Parameters
    ----------
    demand : frozen scipy.stats continuous distribution
        Demand, units.
    params : ChannelParams
        Unit economics (its ``wholesale`` is replaced by each value).
    wholesale : array of float
        Yuan per unit, each strictly between ``unit_cost`` and ``price``.
    arrangement : {"procurement", "buyback"}
        Contract.

    Returns
    -------
    pandas.DataFrame
        ``wholesale_yuan, participates, order_units, merchant_profit_yuan, platform_profit_yuan``.

    Examples
    --------
    >>> from helpers.inventory.demand import lognormal_demand
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30, platform_salvage=30)
    >>> t = wholesale_sweep(lognormal_demand(1000, 0.5), p, [65.0, 80.0])
    >>> bool(t.platform_profit_yuan.is_monotonic_decreasing)
    True
    """
    if arrangement not in ("procurement", "buyback"):
        raise ParameterError(f"arrangement must be 'procurement' or 'buyback', got {arrangement!r}")
    rows = []
    for w in np.asarray(wholesale, dtype=float):
        try:
            p = replace(params, wholesale=float(w))
        except ParameterError as exc:
            raise ParameterError(f"wholesale {w:g}: {exc}") from None
        r = _FUNCTIONS[arrangement](demand, p)
        rows.append(
            {
                "wholesale_yuan": float(w),
                "participates": r.participates,
                "order_units": r.order,
                "merchant_profit_yuan": r.merchant_profit,
                "platform_profit_yuan": r.platform_profit,
            }
        )
    return pd.DataFrame(rows)


def procurement_window(demand: Any, params: ChannelParams, arrangement: str = "procurement") -> dict[str, float]:
    """The wholesale prices at which each party prefers procurement (or buyback) to consignment.

    The platform's profit under procurement falls with ``w``; the supplier's rises up to its
    best-response price. Bisection finds ``platform_max``, the highest ``w`` at which the platform
    earns at least its consignment profit, and ``merchant_min``, the lowest ``w`` at which the
    supplier earns at least its consignment profit. Both prefer procurement only if
    ``merchant_min <= platform_max``.

    Parameters
    ----------
    demand : frozen scipy.stats continuous distribution
        Demand, units.
    params : ChannelParams
        Unit economics (``wholesale`` is ignored).
    arrangement : {"procurement", "buyback"}
        The contract compared with consignment.

    Returns
    -------
    dict
        ``platform_max``, ``merchant_min`` (yuan; NaN when no such price exists),
        ``best_response`` (the supplier's price, yuan) and ``mutual`` (1.0 if some price suits
        both, else 0.0).

    Examples
    --------
    >>> from helpers.inventory.demand import lognormal_demand
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30, platform_salvage=30)
    >>> w = procurement_window(lognormal_demand(1000, 0.5), p)
    >>> round(w["platform_max"], 1), w["merchant_min"], w["mutual"]
    (90.7, nan, 0.0)
    """
    if arrangement not in ("procurement", "buyback"):
        raise ParameterError(f"arrangement must be 'procurement' or 'buyback', got {arrangement!r}")
    base = consignment(demand, params)
    c = params.unit_cost
    upper = min(params.price, params.net_revenue(params.price))
    best = supplier_wholesale(demand, params, arrangement)
    out = {"platform_max": math.nan, "merchant_min": math.nan, "best_response": best, "mutual": 0.0}
    if upper <= c:
        return out

    def side(w: float) -> dict[str, float]:
        return platform_response(demand, params, w, arrangement)

    def bisect(f: Any, lo: float, hi: float, keep_low: bool) -> float:
        """Boundary of {w: f(w) >= 0} in [lo, hi], with f monotone; keeps the side where f >= 0."""
        for _ in range(60):
            mid = 0.5 * (lo + hi)
            ok = f(mid) >= 0
            lo, hi = (mid, hi) if ok == keep_low else (lo, mid)
        return lo if keep_low else hi

    lo, hi = c + 1e-9 * (upper - c), upper - 1e-9 * (upper - c)
    platform_gain = lambda w: side(w)["platform"] - base.platform_profit  # noqa: E731
    if platform_gain(lo) >= 0:
        out["platform_max"] = hi if platform_gain(hi) >= 0 else bisect(platform_gain, lo, hi, keep_low=True)
    top = best if math.isfinite(best) else hi
    merchant_gain = lambda w: side(w)["supplier"] - base.merchant_profit  # noqa: E731
    if merchant_gain(top) >= 0:
        out["merchant_min"] = lo if merchant_gain(lo) >= 0 else bisect(merchant_gain, lo, top, keep_low=False)
    if math.isfinite(out["platform_max"]) and math.isfinite(out["merchant_min"]):
        out["mutual"] = float(out["merchant_min"] <= out["platform_max"])
    return out
