"""The single-period newsvendor: how much stock to commit before an uncertain sale.

(Formerly ``helpers.newsvendor``, which remains as a deprecated alias.)

A seller buys (or makes) ``q`` units at ``cost`` yuan each before the season,
sells ``min(q, D)`` of them at ``price``, and salvages each leftover unit at
``salvage`` (negative for a disposal cost). Options: a per-unit shortage
(goodwill) penalty, a per-unit holding cost on leftovers and customer
:class:`Returns` of units sold (refunded in full, then recovered at a value net
of a handling cost).

``demand`` is any frozen :mod:`scipy.stats` continuous distribution. The loss
functions (expected lost sales, expected leftover) use closed forms for the
normal, lognormal and gamma families and numerical integration of the
survival function (:func:`scipy.integrate.quad_vec`) otherwise; every function
is vectorised over ``q`` and checks its arguments once per call.
:class:`LognormalNewsvendor` solves the lognormal case in closed form for whole
arrays of mean demands and prices at once (price-setting models call it inside
optimisers, so it is validated once, at construction).

Profit of a stock ``q`` at demand ``D`` (yuan)::

    m·min(q, D) + (s − h)·(q − D)+ − c·q − g·(D − q)+
    with m = (1 − ρ)·p + ρ·(v_r − h_r)   (net value of a unit sold)

so the optimum is the critical fractile ``F(q*) = (m − c + g) / (m − s + h + g)``.

References
----------
Arrow, K.J., Harris, T. & Marschak, J. (1951). Optimal inventory policy.
*Econometrica* 19(3):250–272.
Snyder, L.V. & Shen, Z.-J.M. (2019). *Fundamentals of Supply Chain Theory*,
2nd ed., Wiley, ch. 4 and appendix C (loss functions).
Vlachos, D. & Dekker, R. (2003). Return handling options and order quantities
for single period products. *European Journal of Operational Research*
151(1):38–52.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from scipy import integrate, special, stats

from helpers.errors import ParameterError
from helpers.inventory.demand import lognormal_sigma
from helpers.validation import number

__all__ = [
    "Returns",
    "critical_fractile",
    "net_unit_revenue",
    "optimal_order",
    "expected_sales",
    "expected_leftover",
    "expected_lost_sales",
    "expected_profit",
    "profit_at_demand",
    "loss_threshold",
    "probability_of_loss",
    "simulate_profit",
    "LognormalNewsvendor",
    "LognormalSolution",
]


@dataclass(frozen=True)
class Returns:
    """Customer returns of units sold (each refunded in full at the selling price).

    Parameters
    ----------
    rate : float
        Fraction of units sold that come back, in [0, 1).
    handling_cost : float
        Yuan per returned unit (reverse logistics, inspection, repacking); >= 0.
    recovery_value : float
        Yuan recovered per returned unit (resale, refurbishing or salvage of the
        returned item); may be 0 or negative (disposal).

    References
    ----------
    Vlachos & Dekker (2003), the non-resalable-returns option.

    Examples
    --------
    >>> Returns(rate=0.3, handling_cost=5, recovery_value=50).net_recovery
    45.0
    """

    rate: float
    handling_cost: float
    recovery_value: float

    def __post_init__(self) -> None:
        for name in ("rate", "handling_cost", "recovery_value"):
            number(getattr(self, name), f"Returns.{name}")
        if not 0.0 <= self.rate < 1.0:
            raise ParameterError(f"Returns.rate must be in [0, 1) (a fraction of units sold), got {self.rate!r}")
        if self.handling_cost < 0:
            raise ParameterError(
                f"Returns.handling_cost must be >= 0 yuan per returned unit, got {self.handling_cost!r}"
            )

    @property
    def net_recovery(self) -> float:
        """Yuan recovered per returned unit after handling: ``recovery_value - handling_cost``."""
        return float(self.recovery_value) - float(self.handling_cost)


# ---------------------------------------------------------------------------
# argument checks


def _number(name: str, value: Any) -> float:
    """A finite number (one checker for the package: :func:`helpers.validation.number`)."""
    return number(value, name)


def _check_economics(
    price: Any, cost: Any, salvage: Any, returns: Returns | None, shortage_penalty: Any, holding_cost: Any
) -> tuple[float, float, float, float, float, float]:
    """Validate the unit economics; return (price, cost, salvage, m, g, h)."""
    p = _number("price", price)
    c = _number("cost", cost)
    s = _number("salvage", salvage)
    g = _number("shortage_penalty", shortage_penalty)
    h = _number("holding_cost", holding_cost)
    if not c < p:
        raise ParameterError(f"cost must be below price (got cost={c:g}, price={p:g} yuan per unit)")
    if not s < c:
        raise ParameterError(f"salvage must be below cost (got salvage={s:g}, cost={c:g} yuan per unit)")
    if g < 0:
        raise ParameterError(f"shortage_penalty must be >= 0 yuan per unit short, got {g:g}")
    if h < 0:
        raise ParameterError(f"holding_cost must be >= 0 yuan per leftover unit, got {h:g}")
    if returns is not None and not isinstance(returns, Returns):
        raise ParameterError(
            f"returns must be a helpers.inventory.newsvendor.Returns or None, got {type(returns).__name__}"
        )
    m = net_unit_revenue(p, returns)
    return p, c, s, m, g, h


def _check_demand(demand: Any) -> float:
    """Check that ``demand`` is a frozen continuous distribution with a finite mean; return the mean (units)."""
    dist = getattr(demand, "dist", None)
    if not isinstance(dist, stats.rv_continuous):
        raise ParameterError(
            "demand must be a frozen scipy.stats continuous distribution, e.g. scipy.stats.norm(1000, 300); "
            f"got {type(demand).__name__}"
        )
    mean = float(demand.mean())
    if not math.isfinite(mean):
        raise ParameterError(f"demand must have a finite mean (got {dist.name} with mean {mean})")
    return mean


def _check_q(q: Any) -> np.ndarray:
    try:
        arr = np.asarray(q, dtype=float)
    except (TypeError, ValueError):
        raise ParameterError(f"q (units stocked) must be a number or an array of numbers, got {q!r}") from None
    if not np.all(np.isfinite(arr)):
        raise ParameterError("q (units stocked) must be finite")
    if np.any(arr < 0):
        raise ParameterError(f"q (units stocked) must be >= 0, got min {arr.min():g}")
    return arr


def _out(arr: np.ndarray, like: np.ndarray) -> float | np.ndarray:
    return float(arr) if like.ndim == 0 else arr


# ---------------------------------------------------------------------------
# unit economics


def net_unit_revenue(price: float, returns: Returns | None = None) -> float:
    """Expected yuan a seller keeps per unit sold, after customer returns.

    Parameters
    ----------
    price : float
        Selling price, yuan per unit.
    returns : Returns, optional
        Customer returns; ``None`` means no returns.

    Returns
    -------
    float
        ``(1 - rate)·price + rate·(recovery_value - handling_cost)``, yuan per unit sold.

    References
    ----------
    Vlachos & Dekker (2003); non-resalable returns.

    Examples
    --------
    >>> net_unit_revenue(100, Returns(rate=0.3, handling_cost=5, recovery_value=50))
    83.5
    """
    p = _number("price", price)
    if returns is None:
        return p
    return (1.0 - returns.rate) * p + returns.rate * returns.net_recovery


def critical_fractile(
    price: float,
    cost: float,
    salvage: float,
    *,
    returns: Returns | None = None,
    shortage_penalty: float = 0.0,
    holding_cost: float = 0.0,
) -> float:
    """Share of demand scenarios the optimal newsvendor stock covers, F(q*).

    Parameters
    ----------
    price, cost, salvage : float
        Yuan per unit; requires salvage < cost < price (salvage may be negative: a disposal cost).
    returns : Returns, optional
        Customer returns of units sold.
    shortage_penalty : float
        Goodwill loss, yuan per unit of unmet demand (default 0).
    holding_cost : float
        Yuan per leftover unit on top of the lost value (storage, default 0).

    Returns
    -------
    float
        ``Cu / (Cu + Co)`` with underage ``Cu = m - cost + shortage_penalty`` and overage
        ``Co = cost - salvage + holding_cost``, m the net revenue per unit sold; in [0, 1).
        0.0 when returns make a sold unit worth less than its cost (stock nothing).

    References
    ----------
    Arrow, Harris & Marschak (1951); Vlachos & Dekker (2003) for returns.

    Examples
    --------
    >>> critical_fractile(100, 60, 20)
    0.5
    >>> round(critical_fractile(100, 60, 20, returns=Returns(0.3, 5, 50)), 4)
    0.3701
    """
    p, c, s, m, g, h = _check_economics(price, cost, salvage, returns, shortage_penalty, holding_cost)
    underage = m - c + g
    overage = c - s + h
    if underage <= 0:
        return 0.0
    return underage / (underage + overage)


# ---------------------------------------------------------------------------
# loss functions


_SQRT_2PI = math.sqrt(2.0 * math.pi)


def _lost_sales_closed(q: np.ndarray, demand: Any) -> np.ndarray | None:
    """E[(D - q)+] in closed form for normal, lognormal and gamma; None otherwise."""
    name = demand.dist.name
    if name == "norm":
        mu, sigma = float(demand.mean()), float(demand.std())
        z = (q - mu) / sigma
        return sigma * (np.exp(-(z**2) / 2.0) / _SQRT_2PI - z * special.ndtr(-z))
    if name == "lognorm":
        # scipy: D = loc + scale·exp(s·Z); ln(D - loc) ~ N(ln scale, s²)
        s = float(demand.kwds.get("s", demand.args[0] if demand.args else np.nan))
        loc, scale = _loc_scale(demand, n_shape=1)
        if not (math.isfinite(s) and s > 0):
            return None
        x = q - loc
        mean_y = scale * math.exp(s * s / 2.0)
        with np.errstate(divide="ignore"):
            lx = np.log(np.where(x > 0, x, 1.0))
        m = math.log(scale)
        pos = mean_y * special.ndtr((m + s * s - lx) / s) - x * special.ndtr(-((lx - m) / s))
        return np.where(x > 0, pos, mean_y - x)
    if name == "gamma":
        k = float(demand.kwds.get("a", demand.args[0] if demand.args else np.nan))
        loc, scale = _loc_scale(demand, n_shape=1)
        if not (math.isfinite(k) and k > 0):
            return None
        x = np.maximum(q - loc, 0.0)
        # E[(Y - x)+] = kθ·(1 - P(k+1, x/θ)) - x·(1 - P(k, x/θ)), P the regularised lower gamma
        pos = k * scale * special.gammaincc(k + 1.0, x / scale) - x * special.gammaincc(k, x / scale)
        return np.where(q - loc > 0, pos, k * scale - (q - loc))
    return None


def _loc_scale(demand: Any, n_shape: int) -> tuple[float, float]:
    args = list(demand.args)
    kwds = dict(demand.kwds)
    rest = args[n_shape:]
    loc = float(kwds.get("loc", rest[0] if len(rest) > 0 else 0.0))
    scale = float(kwds.get("scale", rest[1] if len(rest) > 1 else 1.0))
    return loc, scale


def _lost_sales_numeric(q: np.ndarray, demand: Any) -> np.ndarray:
    """E[(D - q)+] = ∫_0^∞ P(D > q + u) du, one vectorised adaptive quadrature for all q."""
    lower, _upper = demand.support()
    mean = float(demand.mean())
    flat = q.reshape(-1)
    below = np.isfinite(lower) & (flat <= lower)
    out = np.where(below, mean - flat, 0.0)
    if not np.all(below):
        start = np.where(below, lower, flat)
        tail, _err = integrate.quad_vec(
            lambda u: demand.sf(start + u), 0.0, np.inf, epsabs=1e-10, epsrel=1e-10, limit=2000
        )
        out = np.where(below, out, tail)
    return out.reshape(q.shape)


def _lost_sales(arr: np.ndarray, demand: Any) -> np.ndarray:
    """E[(D - q)+] for checked arguments, clipped at 0 (closed form where there is one)."""
    closed = _lost_sales_closed(arr, demand)
    result = closed if closed is not None else _lost_sales_numeric(arr, demand)
    return np.maximum(np.asarray(result, dtype=float), 0.0)


def _sales(arr: np.ndarray, demand: Any, mean: float) -> np.ndarray:
    """E[min(q, D)] for checked arguments; ``mean`` is E[D]."""
    return mean - _lost_sales(arr, demand)


def expected_lost_sales(q: float | np.ndarray, demand: Any) -> float | np.ndarray:
    """Expected unmet demand E[(D - q)+], units (the first-order loss function n(q)).

    Parameters
    ----------
    q : float or array
        Units stocked (>= 0).
    demand : frozen scipy.stats continuous distribution
        Demand in the season, units.

    Returns
    -------
    float or ndarray
        Units, same shape as ``q``.

    References
    ----------
    Snyder & Shen (2019), eq. 4.102 (lognormal) and appendix C (normal, gamma).

    Examples
    --------
    >>> from scipy import stats
    >>> round(expected_lost_sales(18.6, stats.norm(15, 3)), 6)
    0.168307
    >>> round(expected_lost_sales(10, stats.lognorm(0.3, scale=np.exp(2))), 6)
    0.28365
    """
    _check_demand(demand)
    arr = _check_q(q)
    return _out(_lost_sales(arr, demand), arr)


def expected_sales(q: float | np.ndarray, demand: Any) -> float | np.ndarray:
    """Expected units sold E[min(q, D)] = E[D] - E[(D - q)+].

    Parameters
    ----------
    q : float or array
        Units stocked (>= 0).
    demand : frozen scipy.stats continuous distribution
        Demand, units.

    Returns
    -------
    float or ndarray
        Units, same shape as ``q``.

    References
    ----------
    Snyder & Shen (2019), ch. 4.

    Examples
    --------
    >>> from scipy import stats
    >>> round(expected_sales(1000, stats.norm(1000, 300)), 2)
    880.32
    """
    mean = _check_demand(demand)
    arr = _check_q(q)
    return _out(_sales(arr, demand, mean), arr)


def expected_leftover(q: float | np.ndarray, demand: Any) -> float | np.ndarray:
    """Expected unsold stock E[(q - D)+] = q - E[min(q, D)], units.

    Parameters
    ----------
    q : float or array
        Units stocked (>= 0).
    demand : frozen scipy.stats continuous distribution
        Demand, units.

    Returns
    -------
    float or ndarray
        Units, same shape as ``q``.

    References
    ----------
    Snyder & Shen (2019), ch. 4 (n̄(x) = x - E[D] + n(x)).

    Examples
    --------
    >>> from scipy import stats
    >>> round(expected_leftover(18.6, stats.norm(15, 3)), 4)
    3.7683
    """
    mean = _check_demand(demand)
    arr = _check_q(q)
    return _out(arr - _sales(arr, demand, mean), arr)


# ---------------------------------------------------------------------------
# decisions and profit


def optimal_order(
    demand: Any,
    price: float,
    cost: float,
    salvage: float,
    *,
    returns: Returns | None = None,
    shortage_penalty: float = 0.0,
    holding_cost: float = 0.0,
) -> float:
    """Profit-maximising stock q* = F⁻¹(critical fractile), units (never below 0).

    Parameters
    ----------
    demand : frozen scipy.stats continuous distribution
        Demand, units.
    price, cost, salvage : float
        Yuan per unit; salvage < cost < price.
    returns, shortage_penalty, holding_cost
        As in :func:`critical_fractile`.

    Returns
    -------
    float
        Units to stock; 0.0 when the fractile is 0 or its quantile is negative.

    References
    ----------
    Arrow, Harris & Marschak (1951).

    Examples
    --------
    >>> from scipy import stats
    >>> optimal_order(stats.norm(1000, 300), 100, 60, 20)
    1000.0
    >>> round(optimal_order(stats.norm(1000, 300), 100, 60, 20, returns=Returns(0.3, 5, 50)), 1)
    900.5
    """
    _check_demand(demand)
    alpha = critical_fractile(
        price, cost, salvage, returns=returns, shortage_penalty=shortage_penalty, holding_cost=holding_cost
    )
    if alpha <= 0:
        return 0.0
    return max(float(demand.ppf(alpha)), 0.0)


def expected_profit(
    q: float | np.ndarray,
    demand: Any,
    price: float,
    cost: float,
    salvage: float,
    *,
    returns: Returns | None = None,
    shortage_penalty: float = 0.0,
    holding_cost: float = 0.0,
) -> float | np.ndarray:
    """Expected profit of stocking ``q`` units, yuan.

    Parameters
    ----------
    q : float or array
        Units stocked (>= 0).
    demand : frozen scipy.stats continuous distribution
        Demand, units.
    price, cost, salvage : float
        Yuan per unit; salvage < cost < price.
    returns, shortage_penalty, holding_cost
        As in :func:`critical_fractile`.

    Returns
    -------
    float or ndarray
        ``(m - s + h + g)·E[min(q, D)] - (c - s + h)·q - g·E[D]``, yuan, same shape as ``q``.

    References
    ----------
    Snyder & Shen (2019), ch. 4; Vlachos & Dekker (2003) for returns.

    Examples
    --------
    >>> from scipy import stats
    >>> d = stats.lognorm(0.5, scale=100 * np.exp(-0.125))   # mean 100 units
    >>> q = optimal_order(d, 10, 6, 2)
    >>> round(q, 2), round(expected_profit(q, d, 10, 6, 2), 2)
    (88.25, 246.83)
    """
    _p, c, s, m, g, h = _check_economics(price, cost, salvage, returns, shortage_penalty, holding_cost)
    mean = _check_demand(demand)
    arr = _check_q(q)
    sales = _sales(arr, demand, mean)
    profit = (m - s + h + g) * sales - (c - s + h) * arr - g * mean
    return _out(profit, arr)


def profit_at_demand(
    q: float | np.ndarray,
    d: float | np.ndarray,
    price: float,
    cost: float,
    salvage: float,
    *,
    returns: Returns | None = None,
    shortage_penalty: float = 0.0,
    holding_cost: float = 0.0,
) -> np.ndarray:
    """Realised profit of stock ``q`` when demand turns out ``d``, yuan (numpy broadcasting).

    Returns are taken at their expected rate on the units sold.

    Parameters
    ----------
    q : float or array
        Units stocked (>= 0).
    d : float or array
        Realised demand, units.
    price, cost, salvage : float
        Yuan per unit; salvage < cost < price.
    returns, shortage_penalty, holding_cost
        As in :func:`critical_fractile`.

    Returns
    -------
    ndarray
        ``m·min(q, d) + (s - h)·(q - d)+ - c·q - g·(d - q)+``, yuan, shape of ``q`` broadcast with ``d``.

    References
    ----------
    Arrow, Harris & Marschak (1951).

    Examples
    --------
    >>> profit_at_demand(100, [40, 100, 150], 10, 6, 2).tolist()
    [-80.0, 400.0, 400.0]
    """
    _p, c, s, m, g, h = _check_economics(price, cost, salvage, returns, shortage_penalty, holding_cost)
    qa = _check_q(q)
    da = np.asarray(d, dtype=float)
    sold = np.minimum(qa, da)
    return m * sold + (s - h) * (qa - sold) - c * qa - g * np.maximum(da - qa, 0.0)


def loss_threshold(
    q: float | np.ndarray,
    price: float,
    cost: float,
    salvage: float,
    *,
    returns: Returns | None = None,
    holding_cost: float = 0.0,
    fixed_cost: float = 0.0,
) -> float | np.ndarray:
    """Break-even demand: below it, stocking ``q`` loses money, units.

    Parameters
    ----------
    q : float or array
        Units stocked (>= 0).
    price, cost, salvage : float
        Yuan per unit; salvage < cost < price.
    returns, holding_cost
        As in :func:`critical_fractile`.
    fixed_cost : float
        Yuan paid regardless of sales (e.g. advertising), default 0.

    Returns
    -------
    float or ndarray
        ``((c - s + h)·q + fixed_cost) / (m - s + h)``, units (may exceed ``q``: then even a sell-out loses).

    References
    ----------
    Follows from the profit function of Arrow, Harris & Marschak (1951).

    Examples
    --------
    >>> loss_threshold(100, 10, 6, 2)
    50.0
    """
    _p, c, s, m, _g, h = _check_economics(price, cost, salvage, returns, 0.0, holding_cost)
    f = _number("fixed_cost", fixed_cost)
    if m - s + h <= 0:
        raise ParameterError(
            f"net revenue per unit sold after returns ({m:g} yuan) must exceed salvage minus holding cost ({s - h:g})"
        )
    arr = _check_q(q)
    return _out(((c - s + h) * arr + f) / (m - s + h), arr)


def probability_of_loss(
    q: float | np.ndarray,
    demand: Any,
    price: float,
    cost: float,
    salvage: float,
    *,
    returns: Returns | None = None,
    shortage_penalty: float = 0.0,
    holding_cost: float = 0.0,
    fixed_cost: float = 0.0,
) -> float | np.ndarray:
    """Probability that stocking ``q`` ends in a loss (profit < 0), in [0, 1].

    Profit rises with demand up to ``q`` (slope m - s + h) and, with a shortage penalty,
    falls beyond it, so a loss happens for demand below :func:`loss_threshold` and, if
    ``shortage_penalty > 0``, for demand far above ``q``.

    Parameters
    ----------
    q : float or array
        Units stocked (>= 0).
    demand : frozen scipy.stats continuous distribution
        Demand, units.
    price, cost, salvage, returns, shortage_penalty, holding_cost
        As in :func:`expected_profit`.
    fixed_cost : float
        Yuan paid regardless of sales, default 0.

    Returns
    -------
    float or ndarray
        Probability, same shape as ``q``.

    References
    ----------
    Follows from the profit function of Arrow, Harris & Marschak (1951).

    Examples
    --------
    >>> from scipy import stats
    >>> round(probability_of_loss(1000, stats.norm(1000, 300), 100, 60, 20), 4)
    0.0478
    """
    _p, c, _s, m, g, _h = _check_economics(price, cost, salvage, returns, shortage_penalty, holding_cost)
    _check_demand(demand)
    arr = _check_q(q)
    f = _number("fixed_cost", fixed_cost)
    d0 = np.asarray(loss_threshold(arr, price, cost, salvage, returns=returns, holding_cost=holding_cost, fixed_cost=f))
    peak = (m - c) * arr - f  # profit at d = q
    low = np.where(peak <= 0, 1.0, demand.cdf(np.minimum(d0, arr)))
    if g > 0:
        high_cut = arr + np.maximum(peak, 0.0) / g
        high = np.where(peak <= 0, 0.0, demand.sf(high_cut))
        low = low + high
    return _out(np.clip(low, 0.0, 1.0), arr)


def simulate_profit(
    q: float | np.ndarray,
    demand: Any,
    price: float,
    cost: float,
    salvage: float,
    *,
    returns: Returns | None = None,
    shortage_penalty: float = 0.0,
    holding_cost: float = 0.0,
    n_draws: int = 100_000,
    seed: int = 0,
) -> np.ndarray:
    """Monte Carlo profits of stocking ``q``: one value per demand draw, yuan.

    The same demand draws are used for every ``q`` (common random numbers); returns
    are taken at their expected rate on the units sold.

    Parameters
    ----------
    q : float or array
        Units stocked (>= 0).
    demand : frozen scipy.stats continuous distribution
        Demand, units.
    price, cost, salvage, returns, shortage_penalty, holding_cost
        As in :func:`expected_profit`.
    n_draws : int
        Number of demand draws (>= 1).
    seed : int
        Seed of the numpy Generator.

    Returns
    -------
    ndarray
        Shape ``(n_draws,)`` for scalar ``q``, ``q.shape + (n_draws,)`` otherwise; yuan.

    References
    ----------
    Arrow, Harris & Marschak (1951) for the profit function.

    Examples
    --------
    >>> from scipy import stats
    >>> sims = simulate_profit(1000, stats.norm(1000, 300), 100, 60, 20, n_draws=200_000, seed=1)
    >>> bool(abs(sims.mean() - expected_profit(1000, stats.norm(1000, 300), 100, 60, 20)) < 200)
    True
    """
    _check_economics(price, cost, salvage, returns, shortage_penalty, holding_cost)
    _check_demand(demand)
    arr = _check_q(q)
    if isinstance(n_draws, bool) or not isinstance(n_draws, (int, np.integer)) or n_draws < 1:
        raise ParameterError(f"n_draws must be a positive integer, got {n_draws!r}")
    rng = np.random.default_rng(seed)
    d = np.asarray(demand.rvs(size=int(n_draws), random_state=rng), dtype=float)
    return profit_at_demand(
        arr[..., None],
        d,
        price,
        cost,
        salvage,
        returns=returns,
        shortage_penalty=shortage_penalty,
        holding_cost=holding_cost,
    )


# ---------------------------------------------------------------------------
# lognormal demand in closed form, vectorised over mean demand and price


class LognormalSolution(NamedTuple):
    """Optimal stock and its consequences, one value per (mean demand, price) pair.

    Every field is an array of the broadcast shape of the ``mean`` and ``price``
    given to :meth:`LognormalNewsvendor.solve`.

    Attributes
    ----------
    net_unit_revenue : ndarray
        Yuan kept per unit sold after returns (:func:`net_unit_revenue`).
    fractile : ndarray
        Critical fractile F(q*) (0 where nothing is stocked).
    stock : ndarray
        Optimal stock q*, units.
    expected_sales, expected_leftover, expected_lost_sales : ndarray
        Units.
    expected_profit : ndarray
        Yuan.
    """

    net_unit_revenue: np.ndarray
    fractile: np.ndarray
    stock: np.ndarray
    expected_sales: np.ndarray
    expected_leftover: np.ndarray
    expected_lost_sales: np.ndarray
    expected_profit: np.ndarray


@dataclass(frozen=True)
class LognormalNewsvendor:
    """The newsvendor optimum for lognormal demand with a fixed CV, in closed form for arrays.

    Demand is lognormal with mean ``mean`` and coefficient of variation ``cv``
    (``ln D ~ N(ln mean - σ²/2, σ²)``, ``σ² = ln(1 + cv²)``). The economics other
    than the price are checked once, when the object is built; :meth:`solve`
    then costs a few array operations, so a price optimiser can call it many
    times. The results equal :func:`optimal_order`, :func:`expected_sales`,
    :func:`expected_leftover` and :func:`expected_profit` for
    ``scipy.stats.lognorm(σ, scale=mean·exp(-σ²/2))`` up to rounding.

    Parameters
    ----------
    cv : float
        Coefficient of variation of demand (> 0).
    cost, salvage : float
        Yuan per unit; salvage < cost (salvage may be negative: a disposal cost).
    returns : Returns, optional
        Customer returns of units sold.
    shortage_penalty : float
        Yuan per unit of unmet demand (>= 0).
    holding_cost : float
        Yuan per leftover unit (>= 0).

    References
    ----------
    Arrow, Harris & Marschak (1951); Snyder & Shen (2019), eq. 4.102 (lognormal
    loss function); Vlachos & Dekker (2003) for returns.

    Examples
    --------
    >>> nvl = LognormalNewsvendor(cv=math.sqrt(math.expm1(0.25)), cost=6, salvage=2)   # σ = 0.5
    >>> sol = nvl.solve(mean=100.0, price=np.array([10.0, 12.0]))
    >>> np.round(sol.stock, 2).tolist(), np.round(sol.expected_profit, 2).tolist()
    ([88.25, 100.17], [246.83, 402.59])
    """

    cv: float
    cost: float
    salvage: float
    returns: Returns | None = None
    shortage_penalty: float = 0.0
    holding_cost: float = 0.0

    def __post_init__(self) -> None:
        cv = _number("cv", self.cv)
        if cv <= 0:
            raise ParameterError(f"cv (coefficient of variation of demand) must be > 0, got {cv:g}")
        c = _number("cost", self.cost)
        s = _number("salvage", self.salvage)
        if not s < c:
            raise ParameterError(f"salvage must be below cost (got salvage={s:g}, cost={c:g} yuan per unit)")
        if _number("shortage_penalty", self.shortage_penalty) < 0:
            raise ParameterError(f"shortage_penalty must be >= 0 yuan per unit short, got {self.shortage_penalty:g}")
        if _number("holding_cost", self.holding_cost) < 0:
            raise ParameterError(f"holding_cost must be >= 0 yuan per leftover unit, got {self.holding_cost:g}")
        if self.returns is not None and not isinstance(self.returns, Returns):
            raise ParameterError(
                f"returns must be a helpers.inventory.newsvendor.Returns or None, got {type(self.returns).__name__}"
            )

    @property
    def sigma(self) -> float:
        """Standard deviation of log demand, ``sqrt(ln(1 + cv²))``."""
        return float(lognormal_sigma(float(self.cv)))

    def solve(self, mean: float | np.ndarray, price: float | np.ndarray) -> LognormalSolution:
        """Optimal stock, sales, leftovers and expected profit for each mean demand and price.

        Parameters
        ----------
        mean : float or array
            Expected demand, units (> 0).
        price : float or array
            Selling price (revenue per unit sold before returns), yuan; broadcast with ``mean``.
            Where ``price <= cost`` (refused by the scalar functions) or returns leave a sold
            unit worth no more than its cost, nothing is stocked.

        Returns
        -------
        LognormalSolution
        """
        mu = np.asarray(mean, dtype=float)
        p = np.asarray(price, dtype=float)
        if not (np.all(np.isfinite(mu)) and np.all(mu > 0)):
            raise ParameterError("mean demand must be finite and > 0 units")
        if not np.all(np.isfinite(p)):
            raise ParameterError("price must be finite")
        mu, p = np.broadcast_arrays(mu, p)
        c, s, g, h = float(self.cost), float(self.salvage), float(self.shortage_penalty), float(self.holding_cost)
        r = self.returns
        m = p if r is None else (1.0 - r.rate) * p + r.rate * r.net_recovery
        underage = m - c + g
        overage = c - s + h
        active = (p > c) & (underage > 0)
        alpha = np.where(active, underage / np.where(active, underage + overage, 1.0), 0.0)
        sigma = self.sigma
        scale = mu * math.exp(-sigma * sigma / 2.0)
        z = special.ndtri(np.where(active, alpha, 0.5))
        q = np.where(active, np.exp(sigma * z) * scale, 0.0)
        # E[(D - q)+] as in _lost_sales_closed (lognormal branch), E[D] - q where q = 0
        with np.errstate(divide="ignore"):
            lx = np.log(np.where(active, q, 1.0))
        lm = np.log(scale)
        mean_y = scale * math.exp(sigma * sigma / 2.0)
        lost = mean_y * special.ndtr((lm + sigma * sigma - lx) / sigma) - q * special.ndtr(-((lx - lm) / sigma))
        lost = np.maximum(np.where(active, lost, mu), 0.0)
        sales = mu - lost
        profit = (m - s + h + g) * sales - (c - s + h) * q - g * mu
        return LognormalSolution(m, alpha, q, sales, q - sales, lost, profit)
