"""Literature checks for the channel models: Wang, Jiang & Shen (2004) and agency versus reselling.

**Consignment with revenue sharing** (Wang, Jiang & Shen 2004, in the set-up their
abstract describes). Demand ``D = a·p^(-b)·ε``, ``b > 1``, ``ε`` a mean-one shock
(``ε ≡ 1`` in the deterministic reduction). The supplier (unit cost
``c_s = (1 − λ)c``) sets the price and the delivery quantity and keeps the goods; the
retailer (unit cost ``c_r = λc`` per unit delivered) moves first and keeps a fraction
``α`` of revenue. :func:`wjs_equilibrium` gives the closed form of the deterministic
reduction; :func:`wjs_stochastic` solves the model with lognormal ``ε`` numerically
(the stocking factor ``z = Q/(a·p^(-b))`` solves the same equation in the integrated
and the decentralised channel, so the efficiency is the deterministic one);
:func:`wjs_fixed_share` holds ``α`` fixed instead of optimising it, and
:func:`wjs_worst_elasticity` finds the elasticity with the largest loss.

**Agency selling versus reselling** with linear demand ``Q = a − slope·P``
(Spengler 1950; the example of Abhishek, Jerath & Zhang 2016).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import optimize, special

from helpers.errors import ParameterError
from helpers.inventory.demand import lognormal_sigma
from helpers.validation import number

__all__ = [
    "agency_equilibrium",
    "reselling_equilibrium",
    "wjs_equilibrium",
    "wjs_fixed_share",
    "wjs_implied_elasticity",
    "wjs_stochastic",
    "wjs_worst_elasticity",
]


def _check_b_lam(elasticity: float | np.ndarray, cost_share: float | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    b = np.asarray(elasticity, dtype=float)
    lam = np.asarray(cost_share, dtype=float)
    if np.any(~np.isfinite(b)) or np.any(b <= 1):
        raise ParameterError("elasticity must be > 1 (iso-elastic demand with a finite optimal price)")
    if np.any(~np.isfinite(lam)) or np.any(lam < 0) or np.any(lam >= 1):
        raise ParameterError("retailer_cost_share must be in [0, 1)")
    return b, lam


def wjs_equilibrium(
    elasticity: float | np.ndarray,
    retailer_cost_share: float | np.ndarray,
    *,
    total_cost: float = 1.0,
    scale: float = 1.0,
) -> dict[str, np.ndarray]:
    """Consignment with revenue sharing under iso-elastic demand (Wang, Jiang & Shen 2004).

    Demand ``D = scale·p^(-b)``, ``b > 1``. Unit channel cost ``c = c_s + c_r`` with the
    retailer's (platform's) share ``λ = c_r / c``. The retailer moves first and keeps a
    fraction ``α`` of revenue; the supplier then sets the price, ``p(α) = b·c_s /
    ((b - 1)(1 - α))``. Solving the retailer's problem gives ``α* = (1 + λ(b - 2)) /
    (b - λ)`` and ``p* = b·c·(b - λ) / (b - 1)²`` against the integrated ``p_I = b·c /
    (b - 1)``.

    Parameters
    ----------
    elasticity : float or array
        Price elasticity ``b`` (> 1).
    retailer_cost_share : float or array
        ``λ`` in [0, 1).
    total_cost : float
        Channel unit cost ``c``, yuan (> 0).
    scale : float
        Demand scale ``a`` (> 0).

    Returns
    -------
    dict of ndarray
        ``revenue_share`` (α*), ``price`` (p*), ``integrated_price``, ``efficiency``
        (channel profit / integrated profit), ``retailer_share`` (retailer's share of the
        channel profit), ``retailer_profit``, ``supplier_profit``, ``channel_profit``,
        ``integrated_profit`` (yuan); arrays broadcast from the inputs.

    References
    ----------
    Wang, Y., Jiang, L. & Shen, Z.-J. (2004). Channel performance under consignment contract
    with revenue sharing. *Management Science* 50(1):34–47: the channel loses at most 26.4 %
    (→ 1 - 2/e) of the integrated profit and the retailer keeps at least 50 %.

    Examples
    --------
    >>> r = wjs_equilibrium(2.0, 0.0)
    >>> [round(float(r[k]), 4) for k in ("revenue_share", "price", "efficiency", "retailer_share")]
    [0.5, 4.0, 0.75, 0.6667]
    """
    b, lam = _check_b_lam(elasticity, retailer_cost_share)
    c = number(total_cost, "total_cost", low=0.0, low_open=True, unit="yuan")
    a = number(scale, "scale", low=0.0, low_open=True)
    alpha = (1.0 + lam * (b - 2.0)) / (b - lam)
    price = b * c * (b - lam) / (b - 1.0) ** 2
    p_int = b * c / (b - 1.0)
    quantity = a * price ** (-b)
    retailer = (alpha * price - lam * c) * quantity
    supplier = ((1.0 - alpha) * price - (1.0 - lam) * c) * quantity
    channel = retailer + supplier
    integrated = (p_int - c) * a * p_int ** (-b)
    return {
        "revenue_share": alpha,
        "price": price,
        "integrated_price": np.broadcast_to(p_int, price.shape).copy(),
        "efficiency": channel / integrated,
        "retailer_share": retailer / channel,
        "retailer_profit": retailer,
        "supplier_profit": supplier,
        "channel_profit": channel,
        "integrated_profit": np.broadcast_to(integrated, price.shape).copy(),
    }


def wjs_fixed_share(
    elasticity: float | np.ndarray, retailer_cost_share: float | np.ndarray, share: float
) -> dict[str, np.ndarray]:
    """Wang–Jiang–Shen consignment when the retailer's revenue share is fixed, not optimised.

    The supplier's price is its best response ``p = b·c_s / ((b − 1)(1 − α))``; with
    ``r = p/p_I = (1 − λ)/(1 − α)`` the channel efficiency is ``(1 + b(r − 1))·r^(−b)``.
    For ``α > λ`` it falls with ``b`` and rises with ``λ`` for every ``λ``.

    Parameters
    ----------
    elasticity : float or array
        ``b`` (> 1).
    retailer_cost_share : float or array
        ``λ`` in [0, 1).
    share : float
        The retailer's revenue share ``α`` in (0, 1).

    Returns
    -------
    dict of ndarray
        ``price_ratio`` (p / p_I), ``efficiency``, ``retailer_share`` (of channel profit; may be
        negative when ``α·p`` does not cover the retailer's cost).

    References
    ----------
    Wang, Jiang & Shen (2004).

    Examples
    --------
    >>> r = wjs_fixed_share(np.array([2.0, 10.0]), 0.3, 0.5)
    >>> np.round(r["efficiency"], 3).tolist()
    [0.918, 0.173]
    """
    b, lam = _check_b_lam(elasticity, retailer_cost_share)
    alpha = number(share, "share", low=0.0, high=1.0, low_open=True, high_open=True)
    r = (1.0 - lam) / (1.0 - alpha)
    efficiency = (1.0 + b * (r - 1.0)) * r ** (-b)
    p_over_c = r * b / (b - 1.0)  # price in units of channel cost
    retailer = (alpha * p_over_c - lam) / (p_over_c - 1.0)
    return {
        "price_ratio": np.broadcast_to(r, efficiency.shape).copy(),
        "efficiency": efficiency,
        "retailer_share": retailer,
    }


def wjs_implied_elasticity(share: float, retailer_cost_share: float = 0.0) -> float:
    """The elasticity at which a Wang–Jiang–Shen retailer would choose revenue share ``share``.

    Inverts ``α* = (1 + λ(b − 2)) / (b − λ)``: ``b = (1 − λ(2 − α)) / (α − λ)``.

    Parameters
    ----------
    share : float
        Revenue share ``α`` in (λ, 1).
    retailer_cost_share : float
        ``λ`` in [0, 1).

    Returns
    -------
    float
        ``b``; NaN when no ``b > 1`` gives that share.

    Examples
    --------
    >>> wjs_implied_elasticity(0.05)
    20.0
    """
    alpha = number(share, "share", low=0.0, high=1.0, low_open=True, high_open=True)
    lam = number(retailer_cost_share, "retailer_cost_share", low=0.0, high=1.0, high_open=True)
    if alpha <= lam:
        return math.nan
    b = (1.0 - lam * (2.0 - alpha)) / (alpha - lam)
    return float(b) if b > 1 else math.nan


def wjs_worst_elasticity(retailer_cost_share: float, *, upper: float = 1e4) -> tuple[float, float]:
    """The elasticity at which the Wang–Jiang–Shen channel loses most, and its efficiency there.

    Parameters
    ----------
    retailer_cost_share : float
        ``λ`` in [0, 1).
    upper : float
        Largest elasticity searched (> 2).

    Returns
    -------
    (elasticity, efficiency) : tuple of float
        With ``λ = 0`` the loss keeps rising, so the search ends at ``upper``; with ``λ > 0``
        an interior minimum.

    Examples
    --------
    >>> b, e = wjs_worst_elasticity(0.6)
    >>> round(b, 2), round(e, 3)
    (1.29, 0.908)
    """
    lam = number(retailer_cost_share, "retailer_cost_share", low=0.0, high=1.0, high_open=True)
    upper = number(upper, "upper", low=2.0, low_open=True)
    grid = 1.0 + np.geomspace(1e-4, upper - 1.0, 4001)
    eff = wjs_equilibrium(grid, lam)["efficiency"]
    j = int(np.argmin(eff))
    if j == grid.size - 1:
        return float(grid[j]), float(eff[j])
    lo, hi = grid[max(j - 1, 0)], grid[min(j + 1, grid.size - 1)]
    res = optimize.minimize_scalar(
        lambda x: float(wjs_equilibrium(x, lam)["efficiency"]),
        bounds=(lo, hi),
        method="bounded",
        options={"xatol": 1e-10},
    )
    return float(res.x), float(res.fun)


def _mean_one_lognormal_sales(z: float, sigma: float) -> float:
    """E[min(z, ε)] for ε mean-one lognormal with log-sd ``sigma``."""
    k = (math.log(z) + 0.5 * sigma * sigma) / sigma
    return float(special.ndtr(k - sigma) + z * special.ndtr(-k))


def wjs_stochastic(elasticity: float, retailer_cost_share: float, demand_cv: float) -> dict[str, float]:
    """Wang–Jiang–Shen consignment with a multiplicative lognormal demand shock, solved numerically.

    Demand ``a·p^(−b)·ε`` with ``ε`` mean-one lognormal of CV ``demand_cv``; the supplier picks
    price and stocking factor ``z`` (delivery ``Q = z·a·p^(−b)``), paying ``c_s`` per unit
    delivered; the retailer pays ``c_r`` per unit delivered and chooses ``α`` first. For a given
    ``z`` the price has the closed form ``p = b·c·z / ((b − 1)(1 − α)·S(z))`` (``S(z) = E[min(z, ε)]``);
    ``z`` and ``α`` are found by bounded one-dimensional searches (not from the closed form of
    :func:`wjs_equilibrium`), as is the integrated channel's ``z``.

    Parameters
    ----------
    elasticity : float
        ``b`` (> 1).
    retailer_cost_share : float
        ``λ`` in [0, 1).
    demand_cv : float
        CV of ``ε`` (> 0).

    Returns
    -------
    dict
        ``revenue_share``, ``stocking_factor`` (decentralised), ``integrated_stocking_factor``,
        ``efficiency``, ``retailer_share``.

    References
    ----------
    Wang, Jiang & Shen (2004); Petruzzi & Dada (1999) for multiplicative demand.

    Examples
    --------
    >>> r = wjs_stochastic(3.0, 0.5, 0.5)
    >>> round(r["efficiency"], 3), round(float(wjs_equilibrium(3.0, 0.5)["efficiency"]), 3)
    (0.896, 0.896)
    """
    b = float(_check_b_lam(elasticity, retailer_cost_share)[0])
    lam = float(retailer_cost_share)
    sigma = float(lognormal_sigma(number(demand_cv, "demand_cv", low=0.0, low_open=True)))
    c_s, c_r = 1.0 - lam, lam
    zmax = math.exp(8.0 * sigma)

    def best_z(cost: float, keep: float) -> tuple[float, float]:
        """Stocking factor maximising y(p)·(keep·p·S(z) − cost·z) with p at its optimum for z."""

        def neg(lz: float) -> float:
            z = math.exp(lz)
            s = _mean_one_lognormal_sales(z, sigma)
            p = b * cost * z / ((b - 1.0) * keep * s)
            return -(p ** (-b)) * (keep * p * s - cost * z)

        res = optimize.minimize_scalar(
            neg, bounds=(-8.0 * sigma, math.log(zmax)), method="bounded", options={"xatol": 1e-10}
        )
        return math.exp(res.x), -res.fun

    z_int, channel_int = best_z(1.0, 1.0)

    def outcome(alpha: float) -> tuple[float, float, float]:
        z, _ = best_z(c_s, 1.0 - alpha)
        s = _mean_one_lognormal_sales(z, sigma)
        p = b * c_s * z / ((b - 1.0) * (1.0 - alpha) * s)
        y = p ** (-b)
        retailer = y * (alpha * p * s - c_r * z)
        channel = y * (p * s - z)
        return retailer, channel, z

    res = optimize.minimize_scalar(
        lambda al: -outcome(al)[0], bounds=(1e-6, 1 - 1e-6), method="bounded", options={"xatol": 1e-10}
    )
    retailer, channel, z = outcome(float(res.x))
    return {
        "revenue_share": float(res.x),
        "stocking_factor": z,
        "integrated_stocking_factor": z_int,
        "efficiency": float(channel / channel_int),
        "retailer_share": float(retailer / channel),
    }


def _linear_args(a: float, slope: float, cost: float) -> tuple[float, float, float]:
    a = number(a, "a", low=0.0, low_open=True, unit="units")
    slope = number(slope, "slope", low=0.0, low_open=True, unit="units per yuan")
    cost = number(cost, "cost", unit="yuan")
    if not 0 <= cost < a / slope:
        raise ParameterError(f"cost must be in [0, a/slope) = [0, {a / slope:g}), got {cost:g}")
    return a, slope, cost


def reselling_equilibrium(a: float, *, slope: float = 1.0, cost: float = 0.0) -> dict[str, float]:
    """Reselling (wholesale) channel with linear demand ``Q = a - slope·P``: double marginalisation.

    The manufacturer sets the wholesale price ``w``; the retailer (platform) then sets ``P``.

    Parameters
    ----------
    a : float
        Demand intercept, units (> 0).
    slope : float
        Units lost per yuan of price (> 0).
    cost : float
        Manufacturer's unit cost, yuan, in [0, a/slope).

    Returns
    -------
    dict
        ``wholesale, price, quantity, manufacturer_profit, platform_profit, channel_profit,
        consumer_surplus``.

    References
    ----------
    Spengler (1950), "Vertical integration and antitrust policy", *JPE* 58(4):347–352;
    the agency/wholesale example as in Abhishek, Jerath & Zhang (2016), *Management Science*
    62(8):2259–2280.

    Examples
    --------
    >>> reselling_equilibrium(1.0)["price"]
    0.75
    """
    a, b, c = _linear_args(a, slope, cost)
    w = (a + b * c) / (2.0 * b)
    price = (a + b * w) / (2.0 * b)
    q = a - b * price
    return {
        "wholesale": w,
        "price": price,
        "quantity": q,
        "manufacturer_profit": (w - c) * q,
        "platform_profit": (price - w) * q,
        "channel_profit": (price - c) * q,
        "consumer_surplus": q * q / (2.0 * b),
    }


def agency_equilibrium(a: float, share: float, *, slope: float = 1.0, cost: float = 0.0) -> dict[str, float]:
    """Agency selling with linear demand: the manufacturer sets ``P``, the platform keeps ``share`` of revenue.

    Parameters
    ----------
    a : float
        Demand intercept, units (> 0).
    share : float
        Platform's revenue share (commission), in [0, 1).
    slope : float
        Units lost per yuan of price (> 0).
    cost : float
        Manufacturer's unit cost, yuan.

    Returns
    -------
    dict
        ``price, quantity, manufacturer_profit, platform_profit, channel_profit,
        consumer_surplus``. With ``cost = 0`` the price is ``a / (2·slope)`` whatever the
        share: no double marginalisation.

    References
    ----------
    Abhishek, Jerath & Zhang (2016), *Management Science* 62(8):2259–2280; Hagiu & Wright (2015),
    *Management Science* 61(1):184–203.

    Examples
    --------
    >>> agency_equilibrium(1.0, 0.3)["price"]
    0.5
    """
    a, b, c = _linear_args(a, slope, cost)
    share = number(share, "share", low=0.0, high=1.0, high_open=True)
    price = min(a / (2.0 * b) + c / (2.0 * (1.0 - share)), a / b)
    q = a - b * price
    return {
        "price": price,
        "quantity": q,
        "manufacturer_profit": ((1.0 - share) * price - c) * q,
        "platform_profit": share * price * q,
        "channel_profit": (price - c) * q,
        "consumer_surplus": q * q / (2.0 * b),
    }
