"""The price-setting newsvendor: a seller picks its promotion price and its stock together.

Notation of Petruzzi & Dada (1999), multiplicative case. The regular price the buyer pays,
taxes included, is :math:`\\bar p` for every seller. A seller whose tax :math:`T` is added on
top of its price (a cross-border order) lists at :math:`\\bar p_s`, the highest price with
:math:`\\bar p_s + T(\\bar p_s) \\le \\bar p`; one whose price contains the tax lists at
:math:`\\bar p_s = \\bar p`. It sets the price :math:`p = \\bar p_s\\,(1-x)` (discount
:math:`x`) and the stock :math:`q` before Double 11; the buyer pays :math:`p_c = p + T(p)` or
:math:`p_c = p`. (For a tax proportional to the price, :math:`x` is also the cut in what the
buyer pays.) Demand is multiplicative and iso-elastic,

.. math::

    D(p_c) = y(p_c)\\,\\varepsilon, \\qquad y(p_c) = a\\,\\phi\\,(p_c/\\bar p)^{-b},

with :math:`\\varepsilon` lognormal, mean 1 and coefficient of variation ``cv``,
:math:`a` the expected units at the list price and :math:`\\phi` a demand factor (e.g.
buyers lost to a no-returns rule). A unit sold is worth :math:`m = s_r\\,p - T(p)` to the
seller when it bears the tax out of its price (:math:`s_r` the share of the price it keeps
after commission; :math:`T` e.g. VAT inside a domestic price, or an absorbed cross-border
tax), :math:`m = s_r\\,p` otherwise, and after returns (rate :math:`\\rho`, net recovery
:math:`v`) :math:`\\tilde m = (1-\\rho)\\,m + \\rho\\,v`. With unit cost :math:`c` and net
salvage :math:`s - h` the stock is the newsvendor optimum
:math:`q^*(p) = F^{-1}\\big((\\tilde m - c)/(\\tilde m - s + h)\\big)` and expected profit

.. math::

    \\Pi(p) = (\\tilde m - s + h)\\,E[\\min(q^*, D)] - (c - s + h)\\,q^*,

which :func:`optimal_promotion` maximises over the discount. Riskless limit
(:math:`cv \\to 0`, no tax): :math:`p^* = \\frac{b}{b-1}\\,c/s_r` (Lerner); with
multiplicative uncertainty :math:`p^*` is at or above it (Petruzzi & Dada 1999).

Taxes enter through a *levy*: any hashable object with ``tax(prices) -> yuan per unit``
(vectorised), e.g. :class:`helpers.policy.CrossBorderLevy` or :class:`helpers.policy.VATInPrice`.
Every model evaluates whole arrays of discounts at once with the closed-form lognormal
newsvendor (:class:`helpers.inventory.newsvendor.LognormalNewsvendor`); :func:`optimal_promotion`
caches its results by value.

(Formerly the first half of ``helpers.bonded``.)
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import pandas as pd
from scipy import optimize

from helpers.errors import ParameterError
from helpers.inventory import newsvendor as nv
from helpers.inventory.demand import lognormal_demand
from helpers.validation import integer, number

__all__ = [
    "Disposal",
    "Levy",
    "PromotionDemand",
    "PromotionResult",
    "Seller",
    "best_by_salvage",
    "best_disposal",
    "breakeven_no_returns_discount",
    "compare_sellers",
    "consumer_price",
    "decompose",
    "levy_on",
    "optimal_promotion",
    "profit_surface",
    "promotion_curve",
    "promotion_profit",
    "returns_regimes",
    "salvage_regimes",
    "seller_list_price",
    "unit_revenue",
]


# ---------------------------------------------------------------------------
# demand
@dataclass(frozen=True)
class PromotionDemand:
    """Price-dependent Double 11 demand for one product (multiplicative, iso-elastic).

    Parameters
    ----------
    list_price : float
        Regular price the buyer pays, taxes included, yuan per unit (the same for every seller).
    base_units : float
        Expected units demanded at the list price (> 0). Optimal prices do not
        depend on it; stock and profit scale with it.
    elasticity : float
        Price elasticity of expected demand during the promotion (b > 1 for an
        interior optimum).
    cv : float
        Coefficient of variation of demand (> 0), the same at every price.

    Examples
    --------
    >>> d = PromotionDemand(list_price=300, base_units=1000, elasticity=3, cv=0.5)
    >>> round(float(d.at_price(150).mean()), 1)   # half price: 2**3 = 8 times the units
    8000.0
    """

    list_price: float
    base_units: float
    elasticity: float
    cv: float

    def __post_init__(self) -> None:
        for name in ("list_price", "base_units", "elasticity", "cv"):
            number(getattr(self, name), f"PromotionDemand.{name}", low=0.0, low_open=True)

    def mean_at(self, price: float | np.ndarray, factor: float = 1.0) -> float | np.ndarray:
        """Expected units at ``price`` (yuan, what the buyer pays), times a demand ``factor``."""
        return self.base_units * factor * (np.asarray(price, dtype=float) / self.list_price) ** (-self.elasticity)

    def at_price(self, price: float, factor: float = 1.0) -> Any:
        """Frozen lognormal demand at ``price`` (yuan), mean :meth:`mean_at`, CV ``cv``."""
        price = number(price, "price", low=0.0, low_open=True, unit="yuan")
        factor = number(factor, "demand factor", low=0.0, low_open=True)
        return lognormal_demand(float(self.mean_at(price, factor)), self.cv)


# ---------------------------------------------------------------------------
# sellers and disposal options
@dataclass(frozen=True)
class Disposal:
    """A way to get rid of stock left after the promotion.

    Parameters
    ----------
    name : str
        E.g. "redistribute to lower-tier cities", "carry over in the bonded zone".
    salvage : float
        Yuan recovered per leftover unit (negative: a disposal cost).
    holding_cost : float
        Yuan per leftover unit spent to get that value (rent, capital, taxes, ageing); >= 0.

    Examples
    --------
    >>> Disposal("carry over", salvage=140, holding_cost=30).net
    110.0
    """

    name: str
    salvage: float
    holding_cost: float = 0.0

    def __post_init__(self) -> None:
        number(self.salvage, "salvage")
        number(self.holding_cost, "holding_cost", low=0.0, unit="yuan per leftover unit")

    @property
    def net(self) -> float:
        """Net yuan per leftover unit: salvage minus holding cost."""
        return float(self.salvage) - float(self.holding_cost)


def best_disposal(options: Iterable[Disposal]) -> Disposal:
    """The disposal option with the highest net value per leftover unit (the first on ties).

    Examples
    --------
    >>> best_disposal([Disposal("re-export", 40), Disposal("destroy", -10), Disposal("carry", 140, 30)]).name
    'carry'
    """
    options = list(options)
    if not options:
        raise ParameterError("best_disposal needs at least one Disposal option")
    return max(options, key=lambda o: o.net)


class Levy(Protocol):
    """A tax per unit as a vectorised function of the price (yuan -> yuan); hashable."""

    def tax(self, price: np.ndarray) -> np.ndarray:  # pragma: no cover - protocol
        ...


@dataclass(frozen=True)
class Seller:
    """Unit economics of one seller that bears the Double 11 inventory risk.

    Parameters
    ----------
    name : str
        Label, e.g. "domestic procurement platform".
    unit_cost : float
        Yuan per unit paid before the season (> 0), including any tax that is a cost
        of the stock (e.g. general-trade tariff and consumption tax).
    disposal : Disposal
        What happens to leftovers (salvage and holding cost, yuan per unit).
    revenue_share : float
        Share of the price the seller keeps (1 - platform commission), in (0, 1].
    returns : helpers.inventory.newsvendor.Returns, optional
        Customer returns of units sold; None = no returns.
    demand_factor : float
        Multiplier on demand, e.g. 1 - a no-returns conversion discount.
    levy : Levy, optional
        Tax per unit sold as a function of the price; None = no tax in the price.
    levy_borne_by : str
        ``"consumer"``: added on top of the price, so demand responds to price plus tax
        (the buyer is the taxpayer of cross-border orders); ``"seller"``: paid out of the
        price (VAT inside a domestic price, or a platform absorbing the cross-border tax, 包税).

    Examples
    --------
    >>> s = Seller("platform", unit_cost=165, disposal=Disposal("redistribute", 132))
    >>> unit_revenue(s, 250)
    250.0
    """

    name: str
    unit_cost: float
    disposal: Disposal
    revenue_share: float = 1.0
    returns: nv.Returns | None = None
    demand_factor: float = 1.0
    levy: Levy | None = None
    levy_borne_by: str = "consumer"

    def __post_init__(self) -> None:
        if self.levy_borne_by not in ("consumer", "seller"):
            raise ParameterError(f"levy_borne_by must be 'consumer' or 'seller', got {self.levy_borne_by!r}")
        number(self.unit_cost, "unit_cost", low=0.0, low_open=True, unit="yuan")
        number(self.revenue_share, "revenue_share", low=0.0, high=1.0, low_open=True)
        number(self.demand_factor, "demand_factor", low=0.0, low_open=True)
        if not isinstance(self.disposal, Disposal):
            raise ParameterError(f"disposal must be a Disposal, got {type(self.disposal).__name__}")
        if self.levy is not None and not callable(getattr(self.levy, "tax", None)):
            raise ParameterError(f"levy must have a tax(prices) method, got {type(self.levy).__name__}")
        if not self.disposal.salvage < self.unit_cost:
            raise ParameterError(
                f"{self.name}: salvage ({self.disposal.salvage:g}) must be below unit_cost ({self.unit_cost:g} yuan)"
            )


def seller_list_price(seller: Seller, demand: PromotionDemand) -> float:
    """The seller's own list price, yuan: the highest price at which the buyer pays no more than
    ``demand.list_price`` (the tax added on top included), and not above the levy's ``max_price``.

    A levy with a ``price_for_paid(paid)`` method gives it in closed form; otherwise it is found by
    bisection (the price paid must rise with the price; a jump, e.g. at an exemption, is fine).

    Examples
    --------
    >>> class Ten:   # a 10% tax on top of the price
    ...     def tax(self, p):
    ...         return 0.1 * np.asarray(p, dtype=float)
    >>> round(seller_list_price(Seller("b", 150, Disposal("c", 100), levy=Ten()), PromotionDemand(330, 1000, 3, 0.5)), 6)
    300.0
    """
    target = float(demand.list_price)
    levy = seller.levy
    if levy is None or seller.levy_borne_by == "seller":
        return target
    inverse = getattr(levy, "price_for_paid", None)
    if callable(inverse):  # a levy that knows its own inverse (e.g. helpers.policy.CrossBorderLevy)
        return float(inverse(target))
    hi = min(target, float(getattr(levy, "max_price", None) or target))

    def paid(p: float) -> float:
        return p + float(levy.tax(np.array([p]))[0])

    if paid(hi) <= target:
        return hi
    lo = 0.0
    for _ in range(200):  # bisection: the price paid rises with the price (a jump at an exemption is fine)
        mid = 0.5 * (lo + hi)
        if paid(mid) <= target:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-12 * target:
            break
    return round(lo, 9)


def levy_on(seller: Seller, price: float) -> float:
    """Tax per unit at ``price``, yuan (0 without a levy).

    Examples
    --------
    >>> levy_on(Seller("b", 165, Disposal("c", 110)), 300)
    0.0
    """
    if seller.levy is None:
        return 0.0
    return float(seller.levy.tax(np.array([float(price)]))[0])


def consumer_price(seller: Seller, price: float) -> float:
    """What the buyer pays per unit, yuan: the price, plus the tax if it is added on top."""
    return float(price) + (levy_on(seller, price) if seller.levy_borne_by == "consumer" else 0.0)


def unit_revenue(seller: Seller, price: float) -> float:
    """Yuan a seller keeps per unit sold at ``price`` before returns: its share, minus any tax it bears.

    Examples
    --------
    >>> unit_revenue(Seller("m", 150, Disposal("r", 120), revenue_share=0.95), 200)
    190.0
    """
    price = number(price, "price", low=0.0, low_open=True, unit="yuan")
    tax = levy_on(seller, price) if seller.levy_borne_by == "seller" else 0.0
    return seller.revenue_share * price - tax


# ---------------------------------------------------------------------------
# one price: the newsvendor core
@dataclass(frozen=True)
class PromotionResult:
    """Optimal stock (and price) of one seller, with the quantities behind it.

    All money in yuan, quantities in units; ``discount`` is a share of the seller's
    ``list_price`` (:func:`seller_list_price`); ``consumer_price`` is what the buyer pays.
    """

    seller: str
    discount: float
    list_price: float
    price: float
    consumer_price: float
    unit_revenue: float
    stock: float
    expected_profit: float
    expected_sales: float
    expected_leftover: float
    expected_demand: float
    critical_fractile: float

    def as_dict(self) -> dict[str, float | str]:
        """The fields as a plain dict (one table row)."""
        return dataclasses.asdict(self)


_RESULT_FIELDS = tuple(f.name for f in dataclasses.fields(PromotionResult))


class _PriceModel:
    """One seller facing one demand, as vectorised functions of the discount (checked once)."""

    def __init__(self, seller: Seller, demand: PromotionDemand) -> None:
        if not isinstance(seller, Seller):
            raise ParameterError(f"seller must be a Seller, got {type(seller).__name__}")
        if not isinstance(demand, PromotionDemand):
            raise ParameterError(f"demand must be a PromotionDemand, got {type(demand).__name__}")
        self.seller, self.demand = seller, demand
        self.list_price = seller_list_price(seller, demand)
        self.newsvendor = nv.LognormalNewsvendor(
            demand.cv,
            seller.unit_cost,
            seller.disposal.salvage,
            returns=seller.returns,
            holding_cost=seller.disposal.holding_cost,
        )

    def evaluate(self, discounts: np.ndarray) -> dict[str, np.ndarray]:
        """The :class:`PromotionResult` quantities for checked discounts (shares in [0, 1))."""
        s, d = self.seller, self.demand
        price = self.list_price * (1 - discounts)
        tax = s.levy.tax(price) if s.levy is not None else np.zeros_like(price)
        if s.levy_borne_by == "consumer":
            paid, m = price + tax, s.revenue_share * price
        else:
            paid, m = price, s.revenue_share * price - tax
        mean = d.base_units * s.demand_factor * (paid / d.list_price) ** (-d.elasticity)
        sol = self.newsvendor.solve(mean, m)
        active = sol.stock > 0
        return {
            "discount": discounts,
            "list_price": np.full_like(price, self.list_price),
            "price": price,
            "consumer_price": paid,
            "unit_revenue": m,
            "stock": sol.stock,
            "expected_profit": np.where(active, sol.expected_profit, 0.0),
            "expected_sales": sol.expected_sales,
            "expected_leftover": sol.expected_leftover,
            "expected_demand": mean,
            "critical_fractile": sol.fractile,
        }

    def profit(self, discount: float) -> float:
        """Expected profit at one discount, yuan (stock optimal)."""
        return float(self.evaluate(np.array([discount]))["expected_profit"][0])

    def result(self, discount: float) -> PromotionResult:
        values = self.evaluate(np.array([float(discount)]))
        return PromotionResult(self.seller.name, *(float(values[f][0]) for f in _RESULT_FIELDS[1:]))


def _check_discounts(discounts: float | Sequence[float] | np.ndarray) -> np.ndarray:
    try:
        x = np.asarray(discounts, dtype=float)
    except (TypeError, ValueError):
        raise ParameterError(f"discount must be a share in [0, 1), got {discounts!r}") from None
    if not np.all(np.isfinite(x)):
        raise ParameterError(f"discount must be a finite share in [0, 1), got {discounts!r}")
    bad = (x < 0) | (x >= 1)
    if np.any(bad):
        raise ParameterError(f"discount must be a share in [0, 1), got {float(x[bad].ravel()[0])!r}")
    return x


def promotion_profit(seller: Seller, demand: PromotionDemand, discount: float) -> PromotionResult:
    """Best stock and expected profit of a seller at one discount depth.

    Parameters
    ----------
    seller : Seller
    demand : PromotionDemand
    discount : float
        Share off the list price, in [0, 1).

    Returns
    -------
    PromotionResult
        With stock 0 and profit 0 when a unit sold would not cover its cost.

    References
    ----------
    Newsvendor optimum with the seller's net unit revenue as the price and its disposal
    as salvage and holding cost (Arrow, Harris & Marschak 1951; Vlachos & Dekker 2003).

    Examples
    --------
    >>> d = PromotionDemand(300, 1000, 3, 0.5)
    >>> r = promotion_profit(Seller("platform", 165, Disposal("redistribute", 132)), d, 0.2)
    >>> round(r.price), round(r.critical_fractile, 3)
    (240, 0.694)
    """
    x = float(_check_discounts(number(discount, "discount")))
    return _PriceModel(seller, demand).result(x)


def promotion_curve(seller: Seller, demand: PromotionDemand, discounts: Sequence[float] | np.ndarray) -> pd.DataFrame:
    """:func:`promotion_profit` for many discount depths at once (one vectorised evaluation).

    Returns
    -------
    pandas.DataFrame
        One row per discount, the columns of :class:`PromotionResult`.

    Examples
    --------
    >>> d = PromotionDemand(300, 1000, 3, 0.5)
    >>> t = promotion_curve(Seller("platform", 165, Disposal("redistribute", 132)), d, [0.0, 0.2, 0.5])
    >>> t["price"].tolist(), t["stock"].round(1).tolist()[2]
    ([300.0, 240.0, 150.0], 0.0)
    """
    x = _check_discounts(discounts).reshape(-1)
    values = _PriceModel(seller, demand).evaluate(x)
    return pd.DataFrame({"seller": [seller.name] * len(x), **{f: values[f] for f in _RESULT_FIELDS[1:]}})


# ---------------------------------------------------------------------------
# price and stock together
#: Tolerance of the bounded Brent search on the discount (share of the list price).
_XATOL = 1e-10
#: Half-width of the central differences of the final Newton step on the discount.
_NEWTON_STEP = 1e-5
#: The optimal discount is rounded to 1e-9 of the list price: far above the solver's accuracy
#: (~1e-11), far below anything shown, so it does not move with the CPU's last bits.
_DISCOUNT_DIGITS = 9


def _polish(f: Callable[[float], float], x: float, lo: float, hi: float, top: float) -> float:
    """Newton steps on the central-difference derivative, where the profit is smooth and concave.

    Brent's method on function values stops near sqrt(machine epsilon) of the optimum
    because the profit is flat there; the symmetric difference quotient locates it to
    ~1e-11. Steps that are not small (a kink, e.g. the postal-tax exemption) or that
    lower the profit are refused.
    """
    h = _NEWTON_STEP
    for _ in range(4):
        if x - h < 0 or x + h > top:
            break
        fm, f0, fp = f(x - h), f(x), f(x + h)
        curvature = fp - 2 * f0 + fm
        if not curvature < 0:
            break
        step = -h * (fp - fm) / (2 * curvature)
        if not abs(step) <= 0.1 * h or not lo <= x + step <= hi:
            break
        if f(x + step) < f0 - 1e-13 * abs(f0):
            break
        x += step
        if abs(step) < 1e-14:
            break
    return x


@functools.lru_cache(maxsize=8192)
def _optimise(seller: Seller, demand: PromotionDemand, max_discount: float, grid_points: int) -> PromotionResult:
    model = _PriceModel(seller, demand)
    grid = np.linspace(0.0, max_discount, grid_points)
    profits = model.evaluate(grid)["expected_profit"]
    i = int(np.argmax(profits))
    lo, hi = float(grid[max(i - 1, 0)]), float(grid[min(i + 1, len(grid) - 1)])
    res = optimize.minimize_scalar(
        lambda x: -model.profit(x), bounds=(lo, hi), method="bounded", options={"xatol": _XATOL}
    )
    x = _polish(model.profit, float(res.x), lo, hi, max_discount)
    rounded, at_x = round(x, _DISCOUNT_DIGITS), model.profit(x)
    if lo <= rounded <= hi and model.profit(rounded) >= at_x - 1e-12 * abs(at_x):  # not across a tax kink
        x = rounded
    refined, best = model.result(x), model.result(float(grid[i]))
    return refined if refined.expected_profit > best.expected_profit else best


def optimal_promotion(
    seller: Seller, demand: PromotionDemand, *, max_discount: float = 0.8, grid_points: int = 81
) -> PromotionResult:
    """Jointly optimal discount and stock (price-setting newsvendor).

    A grid over the discount (one vectorised evaluation) finds the best cell (robust
    to the jump in tax at the postal-tax exemption), then
    :func:`scipy.optimize.minimize_scalar` (bounded, tolerance 1e-10) and Newton steps
    on the difference quotient refine it; for every discount the stock is the
    newsvendor optimum. The discount is returned rounded to 1e-9 of the list price.
    Results are cached by value: the same seller and demand are solved once.

    Parameters
    ----------
    seller : Seller
    demand : PromotionDemand
    max_discount : float
        Deepest discount considered, share of the list price, in (0, 1).
    grid_points : int
        Points of the coarse grid (>= 3).

    Returns
    -------
    PromotionResult
        The optimum; discount 0 means no promotion (the list price is the cap).

    References
    ----------
    Petruzzi, N.C. & Dada, M. (1999). Pricing and the newsvendor problem: a review
    with extensions. *Operations Research* 47(2):183-194 (multiplicative demand: the
    optimal price is at or above the riskless price).

    Examples
    --------
    >>> d = PromotionDemand(300, 1000, 3, 0.5)
    >>> r = optimal_promotion(Seller("platform", 165, Disposal("redistribute", 132)), d)
    >>> 0.1 < r.discount < 0.2
    True
    """
    number(max_discount, "max_discount", low=0.0, high=1.0, low_open=True, high_open=True)
    grid_points = integer(grid_points, "grid_points", low=3)
    if not isinstance(seller, Seller):
        raise ParameterError(f"seller must be a Seller, got {type(seller).__name__}")
    if not isinstance(demand, PromotionDemand):
        raise ParameterError(f"demand must be a PromotionDemand, got {type(demand).__name__}")
    key = (seller, demand, float(max_discount), grid_points)
    try:
        hash(key)
    except TypeError:  # e.g. an unhashable levy: solve without the cache
        return _optimise.__wrapped__(*key)
    return _optimise(*key)


def compare_sellers(sellers: Sequence[Seller], demand: PromotionDemand, **kwargs: Any) -> pd.DataFrame:
    """Optimal promotion of several sellers facing the same demand, one row each (in the order given).

    Examples
    --------
    >>> d = PromotionDemand(300, 1000, 3, 0.5)
    >>> t = compare_sellers([Seller("a", 150, Disposal("x", 120)), Seller("b", 165, Disposal("y", 40))], d)
    >>> t["seller"].tolist(), bool(t["discount"].iloc[0] > t["discount"].iloc[1])
    (['a', 'b'], True)
    """
    return pd.DataFrame([optimal_promotion(s, demand, **kwargs).as_dict() for s in sellers])


# ---------------------------------------------------------------------------
# salvage and returns regimes
def salvage_regimes(
    seller: Seller, demand: PromotionDemand, disposals: Sequence[Disposal], *, discount: float
) -> pd.DataFrame:
    """Optimal stock and expected profit at one discount under several disposal options.

    Parameters
    ----------
    seller : Seller
        Its own disposal is replaced by each option in turn.
    demand : PromotionDemand
    disposals : sequence of Disposal
    discount : float
        Fixed discount depth, share of the list price.

    Returns
    -------
    pandas.DataFrame
        One row per disposal: disposal, salvage, holding_cost, net_salvage and the
        :class:`PromotionResult` columns.

    References
    ----------
    Lower net salvage raises the overage cost c - s + h and lowers the critical fractile.

    Examples
    --------
    >>> d = PromotionDemand(300, 1000, 3, 0.5)
    >>> t = salvage_regimes(Seller("b", 165, Disposal("x", 0)), d, [Disposal("hi", 132), Disposal("lo", -10)], discount=0.2)
    >>> bool(t["stock"].iloc[0] > t["stock"].iloc[1])
    True
    """
    rows = []
    for option in disposals:
        r = promotion_profit(dataclasses.replace(seller, disposal=option), demand, discount)
        rows.append(
            {
                "disposal": option.name,
                "salvage": option.salvage,
                "holding_cost": option.holding_cost,
                "net_salvage": option.net,
                **r.as_dict(),
            }
        )
    return pd.DataFrame(rows)


def returns_regimes(
    seller: Seller,
    demand: PromotionDemand,
    *,
    no_returns_discount: float,
    returns: nv.Returns,
    discount: float | None = None,
    practice_share: float | None = None,
) -> pd.DataFrame:
    """No returns against returns accepted (and, optionally, returns allowed but rare).

    Under "no returns" demand is scaled by ``1 - no_returns_discount`` (fewer buyers convert
    when they cannot send the item back) and nothing comes back. Under "returns accepted"
    demand is full and a share of units sold is refunded, handled and recovered. With
    ``practice_share`` = π a middle row has returns at π times the rate and demand scaled by
    ``1 - (1 - π) · no_returns_discount``.

    Parameters
    ----------
    seller : Seller
        Its returns and demand factor are replaced.
    demand : PromotionDemand
    no_returns_discount : float
        Share of demand lost when returns are not accepted, in [0, 1).
    returns : helpers.inventory.newsvendor.Returns
        Returns when accepted (rate, handling cost, recovery value).
    discount : float, optional
        A fixed discount; default each row's own optimal promotion.
    practice_share : float, optional
        π in [0, 1]: adds the row "returns rare in practice".

    Returns
    -------
    pandas.DataFrame
        One row per regime: regime, the :class:`PromotionResult` columns,
        expected_returned_units and returns_cost (yuan: refunds minus net recovery).

    References
    ----------
    Vlachos & Dekker (2003) (non-resalable returns); GAC Announcement 2018 No. 194.

    Examples
    --------
    >>> d = PromotionDemand(300, 1000, 3, 0.5)
    >>> s = Seller("b", 165, Disposal("carry", 140, 30))
    >>> t = returns_regimes(s, d, discount=0.1, no_returns_discount=0.1, returns=nv.Returns(0.05, 30, 110))
    >>> t["regime"].tolist()
    ['no returns', 'returns accepted']
    """
    k = number(no_returns_discount, "no_returns_discount", low=0.0, high=1.0, high_open=True)
    if not isinstance(returns, nv.Returns):
        raise ParameterError(f"returns must be a helpers.inventory.newsvendor.Returns, got {type(returns).__name__}")
    cases = [("no returns", None, 1 - k)]
    if practice_share is not None:
        pi = number(practice_share, "practice_share", low=0.0, high=1.0)
        rare = dataclasses.replace(returns, rate=returns.rate * pi) if pi > 0 else None
        cases.append(("returns rare in practice", rare, 1 - (1 - pi) * k))
    cases.append(("returns accepted", returns, 1.0))
    rows = []
    for regime, ret, factor in cases:
        s = dataclasses.replace(seller, returns=ret, demand_factor=seller.demand_factor * factor)
        r = (optimal_promotion(s, demand) if discount is None else promotion_profit(s, demand, discount)).as_dict()
        rate = 0.0 if ret is None else ret.rate
        per_unit = 0.0 if ret is None else r["unit_revenue"] - ret.net_recovery
        rows.append(
            {
                "regime": regime,
                **r,
                "expected_returned_units": rate * r["expected_sales"],
                "returns_cost": rate * r["expected_sales"] * per_unit,
            }
        )
    return pd.DataFrame(rows)


def breakeven_no_returns_discount(
    seller: Seller, demand: PromotionDemand, *, returns: nv.Returns, discount: float | None = None
) -> float:
    """Demand lost to a no-returns rule at which accepting returns starts to pay.

    With multiplicative demand, expected profit at a given price is proportional to the
    demand scale, and the optimal price does not depend on it; so the break-even is
    :math:`\\kappa^* = 1 - \\Pi_{\\text{returns}} / \\Pi_{\\text{no returns}}(\\kappa = 0)`,
    at a fixed ``discount`` or at each regime's optimal promotion (default).

    Parameters
    ----------
    seller, demand, returns
        As in :func:`returns_regimes`.
    discount : float, optional
        A fixed discount; default the optimal ones.

    Returns
    -------
    float
        κ* in [0, 1): for a no-returns demand loss above it, accepting returns earns more;
        0.0 when accepting returns pays even with no demand loss.

    Examples
    --------
    >>> d = PromotionDemand(300, 1000, 3, 0.5)
    >>> s = Seller("b", 165, Disposal("carry", 140, 30))
    >>> k = breakeven_no_returns_discount(s, d, discount=0.1, returns=nv.Returns(0.05, 30, 110))
    >>> 0 < k < 0.2
    True
    """
    solve = (
        (lambda s: optimal_promotion(s, demand))
        if discount is None
        else (lambda s: promotion_profit(s, demand, discount))
    )  # noqa: E731
    with_returns = solve(dataclasses.replace(seller, returns=returns)).expected_profit
    without = solve(dataclasses.replace(seller, returns=None)).expected_profit
    if without <= 0:
        return 0.0
    return float(min(max(1.0 - with_returns / without, 0.0), 1.0 - 1e-12))


# ---------------------------------------------------------------------------
# surfaces and cumulative steps
def profit_surface(
    seller: Seller, demand: PromotionDemand, discounts: Sequence[float], salvages: Sequence[float]
) -> pd.DataFrame:
    """Expected profit (stock optimal at each point) over discount depth x salvage value.

    Returns
    -------
    pandas.DataFrame
        Index salvage (yuan), columns discount, values expected profit (yuan).

    Examples
    --------
    >>> d = PromotionDemand(300, 1000, 3, 0.5)
    >>> t = profit_surface(Seller("p", 165, Disposal("x", 0)), d, [0.1, 0.2], [0, 100])
    >>> t.shape, bool((t.loc[100] > t.loc[0]).all())
    ((2, 2), True)
    """
    x = _check_discounts(discounts).reshape(-1)
    data = np.empty((len(salvages), len(x)))
    for i, s in enumerate(salvages):
        sel = dataclasses.replace(seller, disposal=dataclasses.replace(seller.disposal, salvage=float(s)))
        data[i] = _PriceModel(sel, demand).evaluate(x)["expected_profit"]
    return pd.DataFrame(
        data,
        index=pd.Index([float(s) for s in salvages], name="salvage_yuan"),
        columns=pd.Index([float(v) for v in x], name="discount"),
    )


def best_by_salvage(seller: Seller, demand: PromotionDemand, salvages: Sequence[float]) -> pd.DataFrame:
    """Jointly optimal discount and stock for each salvage value (the ridge of :func:`profit_surface`).

    Returns
    -------
    pandas.DataFrame
        Columns salvage_yuan, discount, price, stock, expected_profit.

    Examples
    --------
    >>> d = PromotionDemand(300, 1000, 3, 0.5)
    >>> t = best_by_salvage(Seller("p", 165, Disposal("x", 0)), d, [-10, 132])
    >>> bool(t["discount"].iloc[1] > t["discount"].iloc[0])
    True
    """
    rows = []
    for s in salvages:
        sel = dataclasses.replace(seller, disposal=dataclasses.replace(seller.disposal, salvage=float(s)))
        r = optimal_promotion(sel, demand)
        rows.append(
            {
                "salvage_yuan": float(s),
                "discount": r.discount,
                "price": r.price,
                "stock": r.stock,
                "expected_profit": r.expected_profit,
            }
        )
    return pd.DataFrame(rows)


def decompose(start: Seller, steps: Sequence[tuple[str, dict]], demand: PromotionDemand, **kwargs: Any) -> pd.DataFrame:
    """Optimal promotion as one seller's economics change step by step (cumulatively, in the order given).

    The contributions depend on the order; :func:`helpers.policy.shapley` averages over all orders.

    Returns
    -------
    pandas.DataFrame
        One row per stage (the start first): step, discount, stock, expected_profit, and the
        change in each from the previous stage.

    Examples
    --------
    >>> d = PromotionDemand(300, 1000, 3, 0.5)
    >>> t = decompose(Seller("p", 165, Disposal("x", 132)), [("low salvage", {"disposal": Disposal("y", 40)})], d)
    >>> t["step"].tolist()
    ['start', 'low salvage']
    """
    stages, current = [("start", start)], start
    for label, changes in steps:
        current = dataclasses.replace(current, **changes)
        stages.append((label, current))
    rows = []
    for label, seller in stages:
        r = optimal_promotion(seller, demand, **kwargs)
        rows.append(
            {
                "step": label,
                "discount": r.discount,
                "price": r.price,
                "stock": r.stock,
                "expected_profit": r.expected_profit,
            }
        )
    out = pd.DataFrame(rows)
    for col in ("discount", "stock", "expected_profit"):
        out[f"change_{col}"] = out[col].diff().fillna(0.0)
    return out
