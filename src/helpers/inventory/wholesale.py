"""The wholesale price as the supplier's decision (procurement and buyback).

Under procurement the platform orders the newsvendor quantity ``Q(w)`` for the
wholesale price ``w`` it is offered; the supplier, knowing that response, chooses
``w`` to maximise its own profit (the wholesale-price contract of Lariviere &
Porteus 2001). Under buyback the platform also returns unsold units for
``b = β·w`` each (Pasternack 1985), so its salvage value is ``max(b, v_P)`` and the
supplier carries part of the leftover risk. The supplier's price is capped where
the platform would no longer cover its fixed cost: both sides follow one rule,
trade only at an expected profit of at least zero.

:func:`supplier_wholesale` solves this for any demand distribution;
:func:`wholesale_best_response` for many lognormal products at once (the
merchant population), using the closed forms of :mod:`helpers.inventory.demand`.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy import optimize

from helpers.errors import ParameterError
from helpers.inventory import newsvendor as nv
from helpers.inventory.demand import lognormal_units
from helpers.inventory.params import ChannelParams

__all__ = ["lognormal_unit_profits", "platform_response", "supplier_wholesale", "wholesale_best_response"]


def _buyback_price(params: ChannelParams, w: float, arrangement: str) -> float:
    """Refund per returned unsold unit; NaN when the platform keeps its leftovers."""
    if arrangement != "buyback":
        return math.nan
    b = params.buyback_share * w
    return b if b > params.platform_salvage else math.nan


def platform_response(
    demand: Any, params: ChannelParams, w: float, arrangement: str = "procurement"
) -> dict[str, float]:
    """The stocking platform's newsvendor at wholesale price ``w`` and both parties' expected profits.

    Parameters
    ----------
    demand : frozen scipy.stats continuous distribution
        Demand, units.
    params : ChannelParams
        Unit economics.
    w : float
        Wholesale price, yuan (between ``unit_cost`` and ``price``).
    arrangement : {"procurement", "buyback"}
        Contract.

    Returns
    -------
    dict
        ``q`` (units ordered), ``v_eff`` (the platform's value of a leftover, yuan), ``b`` (buyback
        price, NaN when leftovers are kept), ``sales``, ``leftover`` (units), ``platform`` (expected
        profit after its fixed cost) and ``supplier`` (expected profit), yuan.

    Examples
    --------
    >>> from helpers.inventory.demand import lognormal_demand
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30, platform_salvage=30)
    >>> r = platform_response(lognormal_demand(1000, 0.5), p, 75.0)
    >>> round(r["supplier"] / r["q"], 6)
    15.0
    """
    p, c = params.price, params.unit_cost
    b = _buyback_price(params, w, arrangement)
    v_eff = params.platform_salvage if math.isnan(b) else b
    kw = {"returns": params.returns}
    q = nv.optimal_order(demand, p, w, v_eff, **kw)
    sales = float(nv.expected_sales(q, demand)) if q > 0 else 0.0
    leftover = q - sales
    platform = (
        float(nv.expected_profit(q, demand, p, w, v_eff, **kw)) - params.fixed_cost if q > 0 else -params.fixed_cost
    )
    supplier = (w - c) * q - (0.0 if math.isnan(b) else (b - params.merchant_salvage) * leftover)
    return {
        "q": q,
        "v_eff": v_eff,
        "b": b,
        "sales": sales,
        "leftover": leftover,
        "platform": platform,
        "supplier": supplier,
    }


def _lognormal_shape(demand: Any) -> tuple[float, float] | None:
    """(log-sd, mean) of a frozen scipy lognormal with location 0; None for any other distribution."""
    dist = getattr(demand, "dist", None)
    if getattr(dist, "name", None) != "lognorm" or float(demand.support()[0]) != 0.0:
        return None
    mean, sd = float(demand.mean()), float(demand.std())
    return math.sqrt(math.log1p((sd / mean) ** 2)), mean


def supplier_wholesale(
    demand: Any, params: ChannelParams, arrangement: str = "procurement", *, closed_form: bool = True
) -> float:
    """The supplier's profit-maximising wholesale price, given the platform's newsvendor response.

    The supplier (a Stackelberg leader) chooses ``w`` in ``(c, min(p, m(p)))`` to maximise
    ``(w − c)·Q(w) − (b − v_M)·E[(Q(w) − D)+]`` (the second term under buyback only), where
    ``Q(w)`` is the platform's optimal order, subject to the platform's expected profit
    covering its fixed cost. For lognormal demand (location 0) the closed form of
    :func:`wholesale_best_response` is used; otherwise a coarse grid finds the best region and
    a bounded search refines it (to 1e-6 yuan).

    Parameters
    ----------
    demand : frozen scipy.stats continuous distribution
        Demand, units.
    params : ChannelParams
        Unit economics (``wholesale`` is ignored).
    arrangement : {"procurement", "buyback"}
        Contract.
    closed_form : bool
        Use the lognormal closed form when ``demand`` is lognormal (default); False forces the
        numerical search (for checking one against the other).

    Returns
    -------
    float
        Yuan per unit; NaN when no wholesale price lets the platform cover its fixed cost.

    References
    ----------
    Lariviere, M.A. & Porteus, E.L. (2001). Selling to the newsvendor. *Manufacturing & Service
    Operations Management* 3(4):293–305; Pasternack (1985) for buyback.

    Examples
    --------
    >>> from helpers.inventory.demand import lognormal_demand
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30, platform_salvage=30)
    >>> round(supplier_wholesale(lognormal_demand(1000, 0.5), p), 1)
    91.0
    """
    if arrangement not in ("procurement", "buyback"):
        raise ParameterError(f"arrangement must be 'procurement' or 'buyback', got {arrangement!r}")
    lognormal = _lognormal_shape(demand) if closed_form else None
    if lognormal is not None:  # closed form, same answer (tests/inventory/test_wholesale.py)
        sigma, mean = lognormal
        return float(wholesale_best_response(params, sigma, mean, arrangement))
    c = params.unit_cost
    upper = min(params.price, params.net_revenue(params.price))
    if upper <= c:
        return math.nan

    def platform_profit(w: float) -> float:
        return platform_response(demand, params, w, arrangement)["platform"]

    lo, hi = c + 1e-9 * (upper - c), upper - 1e-9 * (upper - c)
    if platform_profit(lo) < 0:
        return math.nan
    cap = hi
    if platform_profit(hi) < 0:  # the platform's profit falls with w: the largest w it accepts
        a, b = lo, hi
        for _ in range(60):  # bisection that keeps the feasible end
            mid = 0.5 * (a + b)
            a, b = (mid, b) if platform_profit(mid) >= 0 else (a, mid)
        cap = max(a - 1e-7, lo)  # just inside the feasible side: rounding cannot flip participation

    def supplier(w: float) -> float:
        return platform_response(demand, params, w, arrangement)["supplier"]

    grid = np.linspace(lo, cap, 41)
    values = np.array([supplier(w) for w in grid])
    j = int(np.argmax(values))
    a, b = grid[max(j - 1, 0)], grid[min(j + 1, grid.size - 1)]
    res = optimize.minimize_scalar(lambda w: -supplier(w), bounds=(a, b), method="bounded", options={"xatol": 1e-7})
    return float(res.x) if -res.fun >= values[j] else float(grid[j])


def lognormal_unit_profits(
    params: ChannelParams, w: np.ndarray | float, sigma: np.ndarray | float, arrangement: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Procurement or buyback with lognormal demand, per unit of planned mean demand, vectorised.

    Parameters
    ----------
    params : ChannelParams
        Unit economics.
    w : float or array
        Wholesale price, yuan (between ``unit_cost`` and ``price``).
    sigma : float or array
        Log-standard deviation of demand (> 0); broadcast with ``w``.
    arrangement : {"procurement", "buyback"}
        Contract.

    Returns
    -------
    (supplier, platform, stock) : tuple of ndarray
        Expected supplier profit and platform profit before its fixed cost, yuan per unit of
        mean demand, and the platform's optimal stock per unit of mean demand.

    Examples
    --------
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30, platform_salvage=30)
    >>> s, pl, q = lognormal_unit_profits(p, 75.0, 0.5, "procurement")
    >>> round(float(s), 2) == round(15 * float(q), 2)
    True
    """
    w = np.asarray(w, dtype=float)
    c, v_p, v_m = params.unit_cost, params.platform_salvage, params.merchant_salvage
    m = params.net_revenue(params.price)
    b = params.buyback_share * w if arrangement == "buyback" else np.zeros_like(w)
    returned = (arrangement == "buyback") & (b > v_p)
    v_eff = np.where(returned, b, v_p)
    frac = np.clip((m - w) / (m - v_eff), 0.0, 1.0 - 1e-12)
    u = lognormal_units(frac, sigma)
    platform = m * u.sales + v_eff * u.leftover - w * u.stock
    supplier = (w - c) * u.stock - np.where(returned, (b - v_m) * u.leftover, 0.0)
    return supplier, platform, u.stock


def wholesale_best_response(
    params: ChannelParams,
    sigma: float | np.ndarray,
    planned_mean: float | np.ndarray = 1.0,
    arrangement: str = "procurement",
) -> np.ndarray:
    """:func:`supplier_wholesale` for lognormal demand, vectorised over products.

    With lognormal demand the supplier's problem scales with mean demand, so ``w*`` depends
    only on the log-standard deviation ``σ`` — except through the platform's fixed cost, which
    caps ``w`` where ``planned_mean × platform profit per unit = K``. A 41-point grid per product
    brackets the maximum; a vectorised golden-section search refines it to 1e-6 yuan.

    Parameters
    ----------
    params : ChannelParams
        Unit economics.
    sigma : float or array
        Log-standard deviation of each product's demand (> 0).
    planned_mean : float or array
        Mean demand each platform plans for, units (> 0); broadcast with ``sigma``.
    arrangement : {"procurement", "buyback"}
        Contract.

    Returns
    -------
    ndarray
        Yuan per unit; NaN where no wholesale price lets the platform cover its fixed cost.

    References
    ----------
    Lariviere & Porteus (2001).

    Examples
    --------
    >>> from helpers.inventory.demand import lognormal_sigma
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30, platform_salvage=30)
    >>> np.round(wholesale_best_response(p, lognormal_sigma(np.array([0.5, 1.0]))), 1).tolist()
    [91.0, 84.8]
    """
    if arrangement not in ("procurement", "buyback"):
        raise ParameterError(f"arrangement must be 'procurement' or 'buyback', got {arrangement!r}")
    sig, mu = np.broadcast_arrays(np.asarray(sigma, dtype=float), np.asarray(planned_mean, dtype=float))
    if np.any(~np.isfinite(sig)) or np.any(sig <= 0) or np.any(~np.isfinite(mu)) or np.any(mu <= 0):
        raise ParameterError("sigma and planned_mean must be finite and > 0")
    sig, mu = sig.ravel(), mu.ravel()
    c = params.unit_cost
    upper = min(params.price, params.net_revenue(params.price))
    out = np.full(sig.shape, np.nan)
    shape = np.broadcast_shapes(np.shape(sigma), np.shape(planned_mean))
    if upper <= c:
        return out.reshape(shape)
    lo, hi = c + 1e-9 * (upper - c), upper - 1e-9 * (upper - c)
    K = params.fixed_cost

    def platform_total(w: np.ndarray) -> np.ndarray:
        return mu * lognormal_unit_profits(params, w, sig, arrangement)[1] - K

    ok = platform_total(np.full(sig.shape, lo)) >= 0
    # the platform's profit falls with w: bisect for the largest w it accepts
    a, b = np.full(sig.shape, lo), np.full(sig.shape, hi)
    capped = platform_total(b) < 0
    for _ in range(60):
        mid = 0.5 * (a + b)
        good = platform_total(mid) >= 0
        a, b = np.where(good, mid, a), np.where(good, b, mid)
    # step just inside the feasible side, so that rounding cannot flip the platform's participation
    cap = np.where(capped, np.maximum(a - 1e-7, lo), hi)
    grid = lo + (cap - lo)[:, None] * np.linspace(0.0, 1.0, 41)[None, :]
    values = lognormal_unit_profits(params, grid, sig[:, None], arrangement)[0]
    j = np.argmax(values, axis=1)
    rows = np.arange(sig.size)
    left = grid[rows, np.maximum(j - 1, 0)]
    right = grid[rows, np.minimum(j + 1, 40)]
    ratio = (math.sqrt(5.0) - 1.0) / 2.0
    x1, x2 = right - ratio * (right - left), left + ratio * (right - left)
    f1, f2 = (lognormal_unit_profits(params, x, sig, arrangement)[0] for x in (x1, x2))
    for _ in range(80):
        move = f1 < f2  # maximum in [x1, right]
        left = np.where(move, x1, left)
        right = np.where(move, right, x2)
        x1, x2 = right - ratio * (right - left), left + ratio * (right - left)
        f1, f2 = (lognormal_unit_profits(params, x, sig, arrangement)[0] for x in (x1, x2))
    best = 0.5 * (left + right)
    better_grid = values[rows, j] > lognormal_unit_profits(params, best, sig, arrangement)[0]
    best = np.where(better_grid, grid[rows, j], best)
    return np.where(ok, best, np.nan).reshape(shape)
