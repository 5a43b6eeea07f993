"""Bonded-zone (保税, customs code 1210) promotion models on top of the shared newsvendor core.

Three questions from the seed article (Tencent Tech, 2015-11-14): what happens to
unsold Double 11 stock that cannot leave the bonded zone (salvage regimes), what a
no-returns rule costs against accepted returns (returns regimes), and how deep a
promotion each kind of seller should run (a price-setting newsvendor). All
newsvendor arithmetic is delegated to :mod:`helpers.newsvendor`; this module
adds the sellers' unit economics, a price-dependent demand and the optimisation
over price. Taxes come from :mod:`helpers.policy`.

Demand is multiplicative and iso-elastic (Petruzzi & Dada 1999):
``D(p) = base_units * factor * (p / list_price) ** (-elasticity) * eps`` with
``eps`` lognormal, mean 1 and coefficient of variation ``cv``, where ``p`` is
what the buyer pays (the price, plus the import tax when the buyer bears it).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, stats

from helpers import newsvendor as nv
from helpers import policy
from helpers.errors import ParameterError

__all__ = [
    "PromotionDemand",
    "Disposal",
    "Seller",
    "PromotionResult",
    "best_disposal",
    "import_tax",
    "consumer_price",
    "unit_revenue",
    "promotion_profit",
    "optimal_promotion",
    "compare_sellers",
    "salvage_regimes",
    "returns_regimes",
    "breakeven_no_returns_discount",
    "profit_surface",
    "best_by_salvage",
    "decompose",
    "steps_towards",
    "landed_price_comparison",
    "ASSUMPTION_NAMES",
    "build_demand",
    "bonded_disposals",
    "build_sellers",
    "promotion_gap",
    "flip_point",
]


def _finite(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) or not math.isfinite(value):
        raise ParameterError(f"{name} must be a finite number, got {value!r}")
    return float(value)


# ---------------------------------------------------------------------------
# demand
@dataclass(frozen=True)
class PromotionDemand:
    """Price-dependent Double 11 demand for one product (multiplicative, iso-elastic).

    Parameters
    ----------
    list_price : float
        Regular price, yuan per unit; discounts are fractions of it.
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
            if _finite(name, getattr(self, name)) <= 0:
                raise ParameterError(f"PromotionDemand.{name} must be > 0, got {getattr(self, name)!r}")

    def mean_at(self, price: float, factor: float = 1.0) -> float:
        """Expected units at ``price`` (yuan), times a demand ``factor``."""
        return self.base_units * factor * (price / self.list_price) ** (-self.elasticity)

    def at_price(self, price: float, factor: float = 1.0) -> stats.rv_continuous:
        """Frozen lognormal demand at ``price`` (yuan), mean :meth:`mean_at`, CV ``cv``."""
        price = _finite("price", price)
        if price <= 0:
            raise ParameterError(f"price must be > 0 yuan, got {price!r}")
        if not factor > 0:
            raise ParameterError(f"demand factor must be > 0, got {factor!r}")
        s = math.sqrt(math.log1p(self.cv**2))
        return stats.lognorm(s, scale=self.mean_at(price, factor) * math.exp(-s * s / 2))


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
        Yuan per leftover unit spent to get that value (rent, capital, ageing
        until the next season); >= 0.

    Examples
    --------
    >>> Disposal("carry over", salvage=140, holding_cost=30).net
    110.0
    """

    name: str
    salvage: float
    holding_cost: float = 0.0

    def __post_init__(self) -> None:
        _finite("salvage", self.salvage)
        if _finite("holding_cost", self.holding_cost) < 0:
            raise ParameterError(f"holding_cost must be >= 0 yuan per leftover unit, got {self.holding_cost!r}")

    @property
    def net(self) -> float:
        """Net yuan per leftover unit: salvage minus holding cost."""
        return float(self.salvage) - float(self.holding_cost)


def best_disposal(options: Iterable[Disposal]) -> Disposal:
    """The disposal option with the highest net value per leftover unit.

    Parameters
    ----------
    options : iterable of Disposal
        E.g. carry over, re-export, destroy (GAC 2018/194 lists these for bonded stock).

    Returns
    -------
    Disposal
        The best one (the first on ties).

    Examples
    --------
    >>> best_disposal([Disposal("re-export", 40), Disposal("destroy", -10), Disposal("carry", 140, 30)]).name
    'carry'
    """
    options = list(options)
    if not options:
        raise ParameterError("best_disposal needs at least one Disposal option")
    return max(options, key=lambda o: o.net)


@dataclass(frozen=True)
class Seller:
    """Unit economics of one seller that bears the Double 11 inventory risk.

    Parameters
    ----------
    name : str
        Label, e.g. "domestic consignment merchant".
    unit_cost : float
        Yuan per unit paid by the risk-bearer before the season.
    disposal : Disposal
        What happens to leftovers (salvage and holding cost, yuan per unit).
    revenue_share : float
        Share of the price the seller keeps (1 - platform commission), in (0, 1].
    returns : helpers.newsvendor.Returns, optional
        Customer returns of units sold; None = no returns.
    demand_factor : float
        Multiplier on demand, e.g. 1 - a no-returns conversion discount.
    tax_date : str, optional
        Cross-border sellers: the date whose tax regime applies
        (:func:`helpers.policy.order_tax`, one unit per order). None: no
        per-sale import tax.
    tax_category : str
        Product category for the tax (see :func:`helpers.policy.regime_on`).
    tax_borne_by : str
        ``"consumer"`` (default; the buyer is the taxpayer under both the
        postal tax and Cai Guan Shui [2016] No. 18, so demand responds to price
        plus tax) or ``"seller"`` (the platform absorbs the tax out of a
        tax-inclusive price, 包税).

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
    tax_date: str | None = None
    tax_category: str = "cosmetics_ordinary"
    tax_borne_by: str = "consumer"

    def __post_init__(self) -> None:
        if self.tax_borne_by not in ("consumer", "seller"):
            raise ParameterError(f"tax_borne_by must be 'consumer' or 'seller', got {self.tax_borne_by!r}")
        if _finite("unit_cost", self.unit_cost) <= 0:
            raise ParameterError(f"unit_cost must be > 0 yuan, got {self.unit_cost!r}")
        if not 0 < _finite("revenue_share", self.revenue_share) <= 1:
            raise ParameterError(f"revenue_share must be in (0, 1], got {self.revenue_share!r}")
        if not _finite("demand_factor", self.demand_factor) > 0:
            raise ParameterError(f"demand_factor must be > 0, got {self.demand_factor!r}")
        if not isinstance(self.disposal, Disposal):
            raise ParameterError(f"disposal must be a Disposal, got {type(self.disposal).__name__}")
        if not self.disposal.salvage < self.unit_cost:
            raise ParameterError(
                f"{self.name}: salvage ({self.disposal.salvage:g}) must be below unit_cost ({self.unit_cost:g} yuan)"
            )


def import_tax(seller: Seller, price: float) -> float:
    """Cross-border import tax on a one-unit order at ``price``, yuan (0 for domestic sellers).

    Parameters
    ----------
    seller : Seller
    price : float
        Seller's price, yuan.

    Returns
    -------
    float
        :func:`helpers.policy.order_tax` under the regime of ``seller.tax_date``.

    Examples
    --------
    >>> import_tax(Seller("b", 165, Disposal("c", 110), tax_date="2015-11-11"), 300)
    150.0
    """
    if seller.tax_date is None:
        return 0.0
    return policy.order_tax(price, seller.tax_date, seller.tax_category).tax


def consumer_price(seller: Seller, price: float) -> float:
    """What the buyer pays per unit, yuan: the price, plus the import tax if the buyer bears it.

    Examples
    --------
    >>> consumer_price(Seller("b", 165, Disposal("c", 110), tax_date="2019-11-11"), 300)
    327.3
    """
    if seller.tax_borne_by == "consumer":
        return round(price + import_tax(seller, price), 10)
    return price


def unit_revenue(seller: Seller, price: float) -> float:
    """Yuan a seller keeps per unit sold at ``price`` before returns: its share, minus any tax it absorbs.

    Parameters
    ----------
    seller : Seller
    price : float
        Tax-inclusive selling price, yuan.

    Returns
    -------
    float
        ``revenue_share * price``, minus :func:`import_tax` when the seller
        bears the tax.

    References
    ----------
    Cai Guan Shui [2016] No. 18; GAC Announcement 2010 No. 43 (postal tax).

    Examples
    --------
    >>> s = Seller("bonded", 165, Disposal("carry", 110), tax_date="2019-11-11", tax_borne_by="seller")
    >>> round(unit_revenue(s, 300), 2)     # 300 - 0.7 x 13% x 300
    272.7
    """
    price = _finite("price", price)
    if price <= 0:
        raise ParameterError(f"price must be > 0 yuan, got {price!r}")
    tax = import_tax(seller, price) if seller.tax_borne_by == "seller" else 0.0
    return seller.revenue_share * price - tax


# ---------------------------------------------------------------------------
# one price: the newsvendor core
@dataclass(frozen=True)
class PromotionResult:
    """Optimal stock (and price) of one seller, with the quantities behind it.

    All money in yuan, quantities in units; ``discount`` is a share of the list price.
    """

    seller: str
    discount: float
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
    Newsvendor optimum from :func:`helpers.newsvendor.optimal_order` with the
    seller's net unit revenue as the price and its disposal as salvage and
    holding cost (Arrow, Harris & Marschak 1951; Vlachos & Dekker 2003).

    Examples
    --------
    >>> d = PromotionDemand(300, 1000, 3, 0.5)
    >>> s = Seller("platform", 165, Disposal("redistribute", 132))
    >>> r = promotion_profit(s, d, 0.2)
    >>> round(r.price), round(r.critical_fractile, 3)
    (240, 0.694)
    """
    discount = _finite("discount", discount)
    if not 0 <= discount < 1:
        raise ParameterError(f"discount must be a share in [0, 1), got {discount!r}")
    price = demand.list_price * (1 - discount)
    paid = consumer_price(seller, price)
    dist = demand.at_price(paid, seller.demand_factor)
    m = unit_revenue(seller, price)
    mean = float(dist.mean())
    kwargs = dict(returns=seller.returns, holding_cost=seller.disposal.holding_cost)
    if m <= seller.unit_cost or nv.net_unit_revenue(m, seller.returns) <= seller.unit_cost:
        return PromotionResult(seller.name, discount, price, paid, m, 0.0, 0.0, 0.0, 0.0, mean, 0.0)
    c, s = seller.unit_cost, seller.disposal.salvage
    q = nv.optimal_order(dist, m, c, s, **kwargs)
    return PromotionResult(
        seller=seller.name,
        discount=discount,
        price=price,
        consumer_price=paid,
        unit_revenue=m,
        stock=q,
        expected_profit=float(nv.expected_profit(q, dist, m, c, s, **kwargs)),
        expected_sales=float(nv.expected_sales(q, dist)),
        expected_leftover=float(nv.expected_leftover(q, dist)),
        expected_demand=mean,
        critical_fractile=nv.critical_fractile(m, c, s, **kwargs),
    )


# ---------------------------------------------------------------------------
# price and stock together
def optimal_promotion(
    seller: Seller,
    demand: PromotionDemand,
    *,
    max_discount: float = 0.8,
    grid_points: int = 81,
) -> PromotionResult:
    """Jointly optimal discount and stock (price-setting newsvendor).

    A grid over the discount finds the best cell (robust to the jump in tax at
    the postal-tax exemption), then :func:`scipy.optimize.minimize_scalar`
    (bounded) refines it; for every discount the stock is the newsvendor optimum.

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
    Petruzzi, N.C. & Dada, M. (1999). Pricing and the newsvendor problem: a
    review with extensions. *Operations Research* 47(2):183-194 (multiplicative
    demand: the optimal price is at or above the riskless price).

    Examples
    --------
    >>> d = PromotionDemand(300, 1000, 3, 0.5)
    >>> r = optimal_promotion(Seller("platform", 165, Disposal("redistribute", 132)), d)
    >>> 0.1 < r.discount < 0.2
    True
    """
    if not 0 < _finite("max_discount", max_discount) < 1:
        raise ParameterError(f"max_discount must be in (0, 1), got {max_discount!r}")
    if int(grid_points) < 3:
        raise ParameterError(f"grid_points must be >= 3, got {grid_points!r}")
    grid = np.linspace(0.0, max_discount, int(grid_points))
    profits = np.array([promotion_profit(seller, demand, float(x)).expected_profit for x in grid])
    i = int(np.argmax(profits))
    best = promotion_profit(seller, demand, float(grid[i]))
    lo, hi = float(grid[max(i - 1, 0)]), float(grid[min(i + 1, len(grid) - 1)])
    res = optimize.minimize_scalar(
        lambda x: -promotion_profit(seller, demand, float(x)).expected_profit,
        bounds=(lo, hi),
        method="bounded",
        options={"xatol": 1e-7},
    )
    refined = promotion_profit(seller, demand, float(res.x))
    return refined if refined.expected_profit > best.expected_profit else best


def compare_sellers(sellers: Sequence[Seller], demand: PromotionDemand, **kwargs: float) -> pd.DataFrame:
    """Optimal promotion of several sellers facing the same demand, one row each.

    Parameters
    ----------
    sellers : sequence of Seller
    demand : PromotionDemand
    **kwargs
        Passed to :func:`optimal_promotion`.

    Returns
    -------
    pandas.DataFrame
        Columns of :class:`PromotionResult`, in the order given.

    Examples
    --------
    >>> d = PromotionDemand(300, 1000, 3, 0.5)
    >>> t = compare_sellers([Seller("a", 150, Disposal("x", 120)), Seller("b", 165, Disposal("y", 40))], d)
    >>> t["seller"].tolist(), bool(t["discount"].iloc[0] > t["discount"].iloc[1])
    (['a', 'b'], True)
    """
    return pd.DataFrame([optimal_promotion(s, demand, **kwargs).as_dict() for s in sellers])


# ---------------------------------------------------------------------------
# salvage and returns regimes at a fixed price
def salvage_regimes(
    seller: Seller, demand: PromotionDemand, disposals: Sequence[Disposal], *, discount: float
) -> pd.DataFrame:
    """Optimal stock and expected profit at one discount under several disposal regimes.

    Parameters
    ----------
    seller : Seller
        Its own disposal is replaced by each option in turn.
    demand : PromotionDemand
    disposals : sequence of Disposal
        E.g. domestic redistribution, bonded carry-over, re-export, destruction.
    discount : float
        Fixed discount depth, share of the list price.

    Returns
    -------
    pandas.DataFrame
        One row per disposal: disposal, salvage, holding_cost, net_salvage and
        the :class:`PromotionResult` columns.

    References
    ----------
    Lower net salvage raises the overage cost c - s + h and lowers the critical
    fractile (Arrow, Harris & Marschak 1951).

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
            {"disposal": option.name, "salvage": option.salvage, "holding_cost": option.holding_cost,
             "net_salvage": option.net, **r.as_dict()}
        )
    return pd.DataFrame(rows)


def returns_regimes(
    seller: Seller,
    demand: PromotionDemand,
    *,
    discount: float,
    no_returns_discount: float,
    returns: nv.Returns,
) -> pd.DataFrame:
    """No returns (2015) against returns accepted (GAC 2018/194) at one discount.

    Under "no returns" demand is scaled by ``1 - no_returns_discount`` (fewer
    buyers convert when they cannot send the item back; an assumption) and no
    unit comes back. Under "returns accepted" demand is full and a share of
    units sold is refunded, handled and recovered (:class:`helpers.newsvendor.Returns`).

    Parameters
    ----------
    seller : Seller
        Its returns and demand factor are replaced.
    demand : PromotionDemand
    discount : float
        Share off the list price.
    no_returns_discount : float
        Share of demand lost when returns are not accepted, in [0, 1).
    returns : helpers.newsvendor.Returns
        Returns when accepted (rate, handling cost, recovery value).

    Returns
    -------
    pandas.DataFrame
        Two rows (regime "no returns", "returns accepted") with the
        :class:`PromotionResult` columns plus expected_returned_units and
        returns_cost (yuan: refunds minus recovery plus handling, relative to
        keeping the sale).

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
    k = _finite("no_returns_discount", no_returns_discount)
    if not 0 <= k < 1:
        raise ParameterError(f"no_returns_discount must be a share in [0, 1), got {no_returns_discount!r}")
    if not isinstance(returns, nv.Returns):
        raise ParameterError(f"returns must be a helpers.newsvendor.Returns, got {type(returns).__name__}")
    rows = []
    for regime, s in (
        ("no returns", dataclasses.replace(seller, returns=None, demand_factor=seller.demand_factor * (1 - k))),
        ("returns accepted", dataclasses.replace(seller, returns=returns)),
    ):
        r = promotion_profit(s, demand, discount).as_dict()
        rate = 0.0 if s.returns is None else s.returns.rate
        per_unit = 0.0 if s.returns is None else r["unit_revenue"] - s.returns.net_recovery
        r.update(
            regime=regime,
            expected_returned_units=rate * r["expected_sales"],
            returns_cost=rate * r["expected_sales"] * per_unit,
        )
        rows.append(r)
    cols = ["regime"] + [c for c in rows[0] if c != "regime"]
    return pd.DataFrame(rows)[cols]


def breakeven_no_returns_discount(
    seller: Seller, demand: PromotionDemand, *, discount: float, returns: nv.Returns
) -> float:
    """Demand lost to a no-returns rule at which accepting returns starts to pay.

    Parameters
    ----------
    seller, demand, discount, returns
        As in :func:`returns_regimes`.

    Returns
    -------
    float
        kappa* in [0, 1): for a no-returns conversion discount above it, the
        seller earns more accepting returns; 0.0 when accepting returns pays
        even with no demand loss. Found with :func:`scipy.optimize.brentq`.

    Examples
    --------
    >>> d = PromotionDemand(300, 1000, 3, 0.5)
    >>> s = Seller("b", 165, Disposal("carry", 140, 30))
    >>> k = breakeven_no_returns_discount(s, d, discount=0.1, returns=nv.Returns(0.05, 30, 110))
    >>> 0 < k < 0.2
    True
    """
    with_returns = promotion_profit(dataclasses.replace(seller, returns=returns), demand, discount).expected_profit

    def gap(k: float) -> float:
        s = dataclasses.replace(seller, returns=None, demand_factor=seller.demand_factor * (1 - k))
        return promotion_profit(s, demand, discount).expected_profit - with_returns

    if gap(0.0) <= 0:
        return 0.0
    return float(optimize.brentq(gap, 0.0, 1 - 1e-9, xtol=1e-10))


# ---------------------------------------------------------------------------
# surfaces and decompositions
def profit_surface(
    seller: Seller, demand: PromotionDemand, discounts: Sequence[float], salvages: Sequence[float]
) -> pd.DataFrame:
    """Expected profit (stock optimal at each point) over discount depth x salvage value.

    Parameters
    ----------
    seller : Seller
        Its disposal salvage is replaced (holding cost kept).
    demand : PromotionDemand
    discounts : sequence of float
        Discount depths, shares of the list price.
    salvages : sequence of float
        Salvage values, yuan per leftover unit (each below the unit cost).

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
    data = np.empty((len(salvages), len(discounts)))
    for i, s in enumerate(salvages):
        sel = dataclasses.replace(seller, disposal=dataclasses.replace(seller.disposal, salvage=float(s)))
        for j, x in enumerate(discounts):
            data[i, j] = promotion_profit(sel, demand, float(x)).expected_profit
    return pd.DataFrame(
        data,
        index=pd.Index([float(s) for s in salvages], name="salvage_yuan"),
        columns=pd.Index([float(x) for x in discounts], name="discount"),
    )


def best_by_salvage(seller: Seller, demand: PromotionDemand, salvages: Sequence[float]) -> pd.DataFrame:
    """Jointly optimal discount and stock for each salvage value (the ridge of :func:`profit_surface`).

    Parameters
    ----------
    seller : Seller
        Its disposal salvage is replaced (holding cost kept).
    demand : PromotionDemand
    salvages : sequence of float
        Salvage values, yuan per leftover unit (each below the unit cost).

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
        rows.append({"salvage_yuan": float(s), "discount": r.discount, "price": r.price, "stock": r.stock,
                     "expected_profit": r.expected_profit})
    return pd.DataFrame(rows)


def decompose(
    start: Seller, steps: Sequence[tuple[str, dict]], demand: PromotionDemand, **kwargs: float
) -> pd.DataFrame:
    """Optimal promotion as one seller's economics change step by step (cumulatively).

    Parameters
    ----------
    start : Seller
        The starting seller, e.g. a domestic procurement platform.
    steps : sequence of (label, dict)
        Each dict holds Seller fields to replace, applied on top of the previous
        step (e.g. ``("bonded salvage", {"disposal": carry_over})``).
    demand : PromotionDemand
    **kwargs
        Passed to :func:`optimal_promotion`.

    Returns
    -------
    pandas.DataFrame
        One row per stage (the start first): step, discount, stock,
        expected_profit, and the change in each from the previous stage.

    Examples
    --------
    >>> d = PromotionDemand(300, 1000, 3, 0.5)
    >>> t = decompose(Seller("p", 165, Disposal("x", 132)), [("low salvage", {"disposal": Disposal("y", 40)})], d)
    >>> t["step"].tolist()
    ['start', 'low salvage']
    """
    stages = [("start", start)]
    current = start
    for label, changes in steps:
        current = dataclasses.replace(current, **changes)
        stages.append((label, current))
    rows = []
    for label, seller in stages:
        r = optimal_promotion(seller, demand, **kwargs)
        rows.append({"step": label, "discount": r.discount, "price": r.price, "stock": r.stock,
                     "expected_profit": r.expected_profit})
    out = pd.DataFrame(rows)
    for col in ("discount", "stock", "expected_profit"):
        out[f"change_{col}"] = out[col].diff().fillna(0.0)
    return out


def steps_towards(target: Seller) -> list[tuple[str, dict]]:
    """The cumulative steps from a domestic seller to ``target`` used by :func:`decompose`.

    Unit cost, then disposal (no redistribution), then the return rules (returns and
    the demand factor together), then the import tax.

    Parameters
    ----------
    target : Seller
        E.g. a bonded platform from :func:`build_sellers`.

    Returns
    -------
    list of (label, dict)

    Examples
    --------
    >>> [label for label, _ in steps_towards(Seller("b", 165, Disposal("carry", 110)))]
    ['unit cost', 'no redistribution (bonded disposal)', 'return rules', 'import tax']
    """
    return [
        ("unit cost", {"unit_cost": target.unit_cost}),
        ("no redistribution (bonded disposal)", {"disposal": target.disposal}),
        ("return rules", {"returns": target.returns, "demand_factor": target.demand_factor}),
        ("import tax", {"tax_date": target.tax_date, "tax_borne_by": target.tax_borne_by,
                        "tax_category": target.tax_category}),
    ]


# ---------------------------------------------------------------------------
# landed price of the cosmetic example
def landed_price_comparison(
    price_yuan: float, dates: Sequence[str], *, volume_ml: float | None = None, pieces: int | None = None
) -> pd.DataFrame:
    """What a cross-border price must cover in tax, under the regime of each date.

    The seed article says Jumei sells Shiseido and Kosé at Japanese duty-free
    prices. For one product at that price this gives, per regime, the import tax
    on a one-item order, the consumer's price if the tax is added on top, and
    what the platform keeps if it absorbs the tax at the duty-free price.

    Parameters
    ----------
    price_yuan : float
        Duty-free price converted to yuan (an assumption unless sourced).
    dates : sequence of str
        Dates whose regimes to compare, e.g. ["2015-11-11", "2016-06-18", ...].
    volume_ml, pieces
        Content, to classify ordinary vs high-end cosmetics from 2016-10-01
        (:func:`helpers.policy.cosmetics_category`); give exactly one.

    Returns
    -------
    pandas.DataFrame
        Columns date, category, system, tax_yuan, effective_rate,
        landed_price_yuan, net_if_absorbed_yuan, exempt.

    References
    ----------
    GAC Announcement 2010 No. 43; Cai Guan Shui [2016] No. 18; Cai Shui [2016] No. 103.

    Examples
    --------
    >>> t = landed_price_comparison(300, ["2015-11-11", "2019-11-11"], volume_ml=50)
    >>> t["tax_yuan"].round(1).tolist()
    [150.0, 27.3]
    """
    frames = []
    for d in dates:
        cat = policy.cosmetics_category(price_yuan, d, volume_ml=volume_ml, pieces=pieces)
        if cat == "cosmetics":
            cat = "cosmetics_ordinary"  # one cosmetics rate before 2016-10-01; either name finds it
        frames.append(policy.tax_timeline(price_yuan, [d], (cat,)))
    return pd.concat(frames, ignore_index=True)


# ---------------------------------------------------------------------------
# the notebook's scenario, built from a {name: value} parameter dict
#: Parameters :func:`build_sellers` and :func:`build_demand` read (data/assumptions/bonded.csv).
ASSUMPTION_NAMES = (
    "list_price_yuan", "base_units", "elasticity", "demand_cv",
    "merchant_unit_cost_yuan", "commission_rate", "wholesale_cost_yuan", "bonded_unit_cost_yuan",
    "domestic_salvage_share", "carry_over_value_share", "carry_over_holding_share",
    "reexport_value_share", "destruction_cost_share",
    "domestic_return_rate", "domestic_return_handling_yuan",
    "cross_border_return_rate", "cross_border_return_handling_yuan",
    "no_returns_conversion_discount",
)


def _need(params: dict[str, float], names: Iterable[str]) -> None:
    missing = [n for n in names if n not in params]
    if missing:
        raise ParameterError(f"missing parameter(s): {', '.join(missing)}")


def build_demand(params: dict[str, float]) -> PromotionDemand:
    """The promotion demand from a parameter dict.

    Parameters
    ----------
    params : dict
        Needs list_price_yuan, base_units, elasticity, demand_cv.

    Returns
    -------
    PromotionDemand

    Examples
    --------
    >>> build_demand({"list_price_yuan": 300, "base_units": 1000, "elasticity": 3, "demand_cv": 0.5}).elasticity
    3
    """
    _need(params, ("list_price_yuan", "base_units", "elasticity", "demand_cv"))
    return PromotionDemand(params["list_price_yuan"], params["base_units"], params["elasticity"], params["demand_cv"])


def bonded_disposals(params: dict[str, float], unit_cost: float | None = None) -> list[Disposal]:
    """The three ways out for unsold bonded stock (GAC 2018/194): carry over, re-export, destroy.

    Parameters
    ----------
    params : dict
        Needs carry_over_value_share, carry_over_holding_share, reexport_value_share,
        destruction_cost_share (shares of the unit cost) and, unless ``unit_cost``
        is given, bonded_unit_cost_yuan.
    unit_cost : float, optional
        Yuan per unit the shares apply to.

    Returns
    -------
    list of Disposal
        Carry over (value and holding cost), re-export (value), destroy (minus the cost).

    Examples
    --------
    >>> p = {"carry_over_value_share": 0.85, "carry_over_holding_share": 0.2,
    ...      "reexport_value_share": 0.25, "destruction_cost_share": 0.05}
    >>> [round(d.net, 2) for d in bonded_disposals(p, unit_cost=100)]
    [65.0, 25.0, -5.0]
    """
    _need(params, ("carry_over_value_share", "carry_over_holding_share", "reexport_value_share",
                   "destruction_cost_share"))
    c = params["bonded_unit_cost_yuan"] if unit_cost is None else unit_cost
    return [
        Disposal("保税区结转 carry over", params["carry_over_value_share"] * c, params["carry_over_holding_share"] * c),
        Disposal("退运 re-export", params["reexport_value_share"] * c),
        Disposal("销毁 destroy", -params["destruction_cost_share"] * c),
    ]


def build_sellers(
    params: dict[str, float],
    *,
    before: str = "2015-11-11",
    after: str = "2019-11-11",
    tax_borne_by: str = "consumer",
    tax_category: str = "cosmetics_ordinary",
) -> list[Seller]:
    """The four sellers of the notebook, from a parameter dict.

    1. domestic consignment merchant (寄售): own unit cost, keeps 1 - commission,
       redistributes leftovers, accepts returns;
    2. domestic procurement platform (自营/采销): buys at the wholesale cost,
       redistributes leftovers, accepts returns;
    3. bonded cross-border platform under the rules of ``before`` (2015): best of
       the bonded disposals, no returns (demand lower by the no-returns conversion
       discount), the import tax of that date;
    4. the same platform under the rules of ``after`` (2019): returns accepted back
       into the bonded zone (recovered at the best bonded disposal value), the tax
       of that date.

    Parameters
    ----------
    params : dict
        Values for :data:`ASSUMPTION_NAMES`.
    before, after : str
        Dates of the two cross-border regimes.
    tax_borne_by : str
        "consumer" or "seller" (see :class:`Seller`).
    tax_category : str
        Product category for the tax.

    Returns
    -------
    list of Seller

    Examples
    --------
    >>> import helpers.assumptions as a
    >>> p = a.values(a.load_assumptions("data/assumptions/bonded.csv"))
    >>> [s.name for s in build_sellers(p)][2]
    '保税跨境平台 2015 bonded platform (2015 rules)'
    """
    _need(params, ASSUMPTION_NAMES)
    p = params
    dom_merchant = Disposal("下沉分销 redistribute", p["domestic_salvage_share"] * p["merchant_unit_cost_yuan"])
    dom_platform = Disposal("下沉分销 redistribute", p["domestic_salvage_share"] * p["wholesale_cost_yuan"])
    best = best_disposal(bonded_disposals(p))
    rate, k = p["cross_border_return_rate"], p["no_returns_conversion_discount"]
    if not 0 <= k < 1:
        raise ParameterError(f"no_returns_conversion_discount must be a share in [0, 1), got {k!r}")
    return [
        Seller("国内寄售商家 consignment merchant", p["merchant_unit_cost_yuan"], dom_merchant,
               revenue_share=1 - p["commission_rate"],
               returns=nv.Returns(p["domestic_return_rate"], p["domestic_return_handling_yuan"], dom_merchant.salvage)),
        Seller("国内自营平台 procurement platform", p["wholesale_cost_yuan"], dom_platform,
               returns=nv.Returns(p["domestic_return_rate"], p["domestic_return_handling_yuan"], dom_platform.salvage)),
        Seller(f"保税跨境平台 {before[:4]} bonded platform ({before[:4]} rules)", p["bonded_unit_cost_yuan"], best,
               demand_factor=1 - k, tax_date=before, tax_borne_by=tax_borne_by, tax_category=tax_category),
        Seller(f"保税跨境平台 {after[:4]} bonded platform ({after[:4]} rules)", p["bonded_unit_cost_yuan"], best,
               returns=nv.Returns(rate, p["cross_border_return_handling_yuan"], best.net),
               tax_date=after, tax_borne_by=tax_borne_by, tax_category=tax_category),
    ]


def promotion_gap(
    params: dict[str, float],
    *,
    measure: str = "discount",
    bonded: int = 2,
    domestic: int = 1,
    grid_points: int = 81,
    **kwargs: str,
) -> float:
    """How the bonded platform's optimal promotion differs from a domestic seller's.

    Parameters
    ----------
    params : dict
        Values for :data:`ASSUMPTION_NAMES`.
    measure : str
        ``"discount"``: bonded minus domestic optimal discount (share of list
        price; negative = shallower). ``"stock"``: bonded stock / domestic stock
        - 1 (negative = smaller). ``"profit"``: the same ratio for expected profit.
    bonded, domestic : int
        Positions in :func:`build_sellers` (default: 2015 bonded platform vs
        domestic procurement platform).
    grid_points : int
        Passed to :func:`optimal_promotion` (fewer = faster sweeps).
    **kwargs
        Passed to :func:`build_sellers`.

    Returns
    -------
    float

    Examples
    --------
    >>> import helpers.assumptions as a
    >>> p = a.values(a.load_assumptions("data/assumptions/bonded.csv"))
    >>> promotion_gap(p) < 0
    True
    """
    if measure not in ("discount", "stock", "profit"):
        raise ParameterError(f"measure must be 'discount', 'stock' or 'profit', got {measure!r}")
    sellers = build_sellers(params, **kwargs)
    demand = build_demand(params)
    rb = optimal_promotion(sellers[bonded], demand, grid_points=grid_points)
    rd = optimal_promotion(sellers[domestic], demand, grid_points=grid_points)
    if measure == "discount":
        return rb.discount - rd.discount
    a, d = (rb.stock, rd.stock) if measure == "stock" else (rb.expected_profit, rd.expected_profit)
    return a / d - 1 if d > 0 else float("nan")


def flip_point(
    model: Callable[[dict[str, float]], float], base: dict[str, float], name: str, low: float, high: float,
    *, points: int = 9, xtol: float | None = None,
) -> float | None:
    """Value of one parameter at which ``model`` changes sign (others at base), or None.

    Scans ``points`` values across [low, high] and refines the first sign change
    with :func:`scipy.optimize.brentq`.

    Parameters
    ----------
    model : callable
        ``model(params) -> float``, e.g. ``lambda p: promotion_gap(p)``.
    base : dict
        Base-case parameters.
    name : str
        Parameter to move.
    low, high : float
        Its range.
    points : int
        Scan resolution (>= 2).
    xtol : float, optional
        Absolute tolerance of the flip value; default 1e-6 of the range.

    Returns
    -------
    float or None
        The flip value, or None if the sign does not change across the range.

    Examples
    --------
    >>> round(flip_point(lambda p: p["x"] - 0.3, {"x": 0.0}, "x", 0.0, 1.0), 6)
    0.3
    """
    if name not in base:
        raise ParameterError(f"parameter {name!r} is not in the base case")
    tol = 1e-6 * (abs(high - low) or 1.0) if xtol is None else float(xtol)
    f = lambda v: float(model({**base, name: float(v)}))  # noqa: E731
    xs = np.linspace(low, high, max(int(points), 2))
    ys = [f(x) for x in xs]
    for (x0, y0), (x1, y1) in zip(zip(xs, ys), zip(xs[1:], ys[1:])):
        if y0 == 0:
            return float(x0)
        if y0 * y1 < 0:
            return float(optimize.brentq(f, x0, x1, xtol=tol))
    return float(xs[-1]) if ys[-1] == 0 else None
