"""Who carries the inventory risk: consignment (寄售, marketplace) versus procurement (采销, reseller).

* :func:`consignment` / :func:`procurement` / :func:`compare_channels` /
  :func:`simulate_channels`: one product, the same primitives, two arrangements.
  Under consignment the merchant stocks and bears leftovers and returns, the
  platform takes a commission (and advertising fees); under procurement the
  platform buys at a wholesale price and bears them.
* :func:`draw_merchants` / :func:`simulate_population`: thousands of
  heterogeneous merchants facing one Double 11 (a common demand-uplift shock
  plus their own noise), vectorised and chunked; :func:`lorenz_curve` and
  :func:`top_share` for the concentration of profits.
* :func:`price_war`: repeated discounting under each arrangement.
* :func:`wjs_equilibrium`: Wang, Jiang & Shen (2004) consignment with revenue
  sharing under iso-elastic demand.
* :func:`reselling_equilibrium` / :func:`agency_equilibrium`: the
  double-marginalisation example of agency selling versus reselling.

Units: prices and profits in yuan; demand and stock in units; shares and rates
as fractions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import special, stats

from helpers import newsvendor as nv
from helpers.errors import ParameterError

__all__ = [
    "ChannelParams",
    "ChannelResult",
    "lognormal_demand",
    "consignment",
    "procurement",
    "compare_channels",
    "simulate_channels",
    "PopulationSpec",
    "PopulationResult",
    "draw_merchants",
    "simulate_population",
    "combined_cv",
    "population_outcome",
    "consignment_advantage",
    "lorenz_curve",
    "top_share",
    "stock_vs_salvage",
    "price_war",
    "wjs_equilibrium",
    "reselling_equilibrium",
    "agency_equilibrium",
]

ARRANGEMENTS = ("consignment", "procurement")


# One argument check for both modules: a finite real number, else ParameterError.
_num = nv._number


# ---------------------------------------------------------------------------
# one product, two arrangements


@dataclass(frozen=True)
class ChannelParams:
    """Unit economics of one product sold through a platform.

    Parameters
    ----------
    price : float
        Retail price paid by the consumer, yuan per unit.
    unit_cost : float
        Merchant's (supplier's) cost of making or buying a unit, yuan.
    commission : float
        Platform's cut of the retail price of each unit kept by the customer under
        consignment, fraction in [0, 1).
    wholesale : float
        Price the platform pays the supplier per unit under procurement, yuan;
        ``unit_cost < wholesale < price``.
    merchant_salvage, platform_salvage : float
        Yuan recovered per unsold unit by whoever owns it (clearance, redistribution
        to lower-tier cities, or negative for disposal); below the owner's unit cost.
    returns : helpers.newsvendor.Returns, optional
        Customer returns, borne by the stock owner (refund net of commission under consignment).
    ad_fee_rate : float
        Advertising paid by a consignment merchant to the platform, as a fraction of the
        planned GMV (price × expected demand); paid whatever sells. Default 0.

    Examples
    --------
    >>> ChannelParams(price=100, unit_cost=60, commission=0.05, wholesale=75,
    ...               merchant_salvage=30, platform_salvage=30).merchant_price
    95.0
    """

    price: float
    unit_cost: float
    commission: float
    wholesale: float
    merchant_salvage: float
    platform_salvage: float
    returns: nv.Returns | None = None
    ad_fee_rate: float = 0.0

    def __post_init__(self) -> None:
        for name in ("price", "unit_cost", "commission", "wholesale", "merchant_salvage", "platform_salvage", "ad_fee_rate"):
            _num(name, getattr(self, name))
        if not 0.0 <= self.commission < 1.0:
            raise ParameterError(f"commission must be a fraction in [0, 1), got {self.commission:g}")
        if self.ad_fee_rate < 0:
            raise ParameterError(f"ad_fee_rate must be >= 0, got {self.ad_fee_rate:g}")
        if not self.unit_cost < self.wholesale < self.price:
            raise ParameterError(
                "expected unit_cost < wholesale < price, got "
                f"{self.unit_cost:g} < {self.wholesale:g} < {self.price:g} yuan"
            )
        if not self.merchant_price > self.unit_cost:
            raise ParameterError(
                f"the merchant's price after commission ({self.merchant_price:g} yuan) must exceed unit_cost "
                f"({self.unit_cost:g}); lower the commission"
            )
        if not self.merchant_salvage < self.unit_cost:
            raise ParameterError(
                f"merchant_salvage must be below unit_cost (got {self.merchant_salvage:g} >= {self.unit_cost:g} yuan)"
            )
        if not self.platform_salvage < self.wholesale:
            raise ParameterError(
                f"platform_salvage must be below wholesale (got {self.platform_salvage:g} >= {self.wholesale:g} yuan)"
            )
        if self.returns is not None and not isinstance(self.returns, nv.Returns):
            raise ParameterError(f"returns must be a helpers.newsvendor.Returns or None, got {type(self.returns).__name__}")

    @property
    def merchant_price(self) -> float:
        """Yuan the merchant keeps per unit sold under consignment: ``(1 - commission)·price``."""
        return (1.0 - self.commission) * self.price

    @property
    def keep_rate(self) -> float:
        """Fraction of units sold that customers keep (``1 - returns.rate``)."""
        return 1.0 - (self.returns.rate if self.returns is not None else 0.0)

    @classmethod
    def from_values(cls, values: Mapping[str, float]) -> ChannelParams:
        """Build from a ``{name: value}`` dict using the names of ``data/assumptions/consignment.csv``.

        Parameters
        ----------
        values : mapping
            Needs ``price, unit_cost, commission, wholesale, merchant_salvage, platform_salvage,
            return_rate, return_handling_cost, return_recovery``; ``ad_fee_rate`` optional.

        Returns
        -------
        ChannelParams

        Examples
        --------
        >>> v = dict(price=100, unit_cost=60, commission=0.05, wholesale=75, merchant_salvage=30,
        ...          platform_salvage=30, return_rate=0.1, return_handling_cost=5, return_recovery=60)
        >>> ChannelParams.from_values(v).returns.rate
        0.1
        """
        need = [
            "price", "unit_cost", "commission", "wholesale", "merchant_salvage", "platform_salvage",
            "return_rate", "return_handling_cost", "return_recovery",
        ]  # fmt: skip
        missing = [n for n in need if n not in values]
        if missing:
            raise ParameterError(f"missing parameter(s): {', '.join(missing)}")
        returns = nv.Returns(
            rate=float(values["return_rate"]),
            handling_cost=float(values["return_handling_cost"]),
            recovery_value=float(values["return_recovery"]),
        )
        return cls(
            price=float(values["price"]),
            unit_cost=float(values["unit_cost"]),
            commission=float(values["commission"]),
            wholesale=float(values["wholesale"]),
            merchant_salvage=float(values["merchant_salvage"]),
            platform_salvage=float(values["platform_salvage"]),
            returns=returns,
            ad_fee_rate=float(values.get("ad_fee_rate", 0.0)),
        )


@dataclass(frozen=True)
class ChannelResult:
    """Expected outcome of one arrangement for one product (closed forms).

    Attributes
    ----------
    arrangement : str
        ``"consignment"`` or ``"procurement"``.
    fractile : float
        Critical fractile of the party that stocks.
    order : float
        Units stocked.
    expected_sales, expected_leftover : float
        Units.
    merchant_profit, platform_profit : float
        Expected profit, yuan.
    merchant_p_loss, platform_p_loss : float
        Probability of a loss.
    """

    arrangement: str
    fractile: float
    order: float
    expected_sales: float
    expected_leftover: float
    merchant_profit: float
    platform_profit: float
    merchant_p_loss: float
    platform_p_loss: float


def lognormal_demand(mean: float, cv: float) -> Any:
    """Frozen lognormal demand with a given mean (units) and coefficient of variation.

    Parameters
    ----------
    mean : float
        Expected demand, units (> 0).
    cv : float
        Standard deviation / mean (> 0).

    Returns
    -------
    scipy.stats frozen lognorm
        ``ln D ~ N(ln mean - σ²/2, σ²)`` with ``σ² = ln(1 + cv²)``.

    Examples
    --------
    >>> d = lognormal_demand(1000, 0.5)
    >>> round(float(d.mean()), 6), round(float(d.std() / d.mean()), 6)
    (1000.0, 0.5)
    """
    mean, cv = _num("mean", mean), _num("cv", cv)
    if mean <= 0 or cv <= 0:
        raise ParameterError(f"mean and cv must be > 0, got mean={mean:g}, cv={cv:g}")
    sigma = math.sqrt(math.log1p(cv * cv))
    return stats.lognorm(sigma, scale=mean * math.exp(-sigma * sigma / 2.0))


def _ad_fee(demand: Any, params: ChannelParams) -> float:
    return params.ad_fee_rate * params.price * float(demand.mean())


def consignment(demand: Any, params: ChannelParams) -> ChannelResult:
    """Consignment (寄售 / marketplace): the merchant stocks, the platform takes commission.

    The merchant solves a newsvendor with price ``(1 - commission)·price`` (a refund
    returns the commission), its own salvage and the returns; it also pays
    ``ad_fee_rate × price × E[D]`` in advertising. The platform earns commission on
    units kept plus the advertising, and bears no inventory risk.

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
    Wang, Jiang & Shen (2004), *Management Science* 50(1):34–47 (consignment with revenue
    sharing); Arrow, Harris & Marschak (1951) for the newsvendor.

    Examples
    --------
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, wholesale=75,
    ...                   merchant_salvage=30, platform_salvage=30)
    >>> r = consignment(lognormal_demand(1000, 0.5), p)
    >>> round(r.fractile, 4), r.platform_p_loss
    (0.5385, 0.0)
    """
    kw = {"returns": params.returns}
    p_m, c, s = params.merchant_price, params.unit_cost, params.merchant_salvage
    ad = _ad_fee(demand, params)
    q = nv.optimal_order(demand, p_m, c, s, **kw)
    sales = float(nv.expected_sales(q, demand))
    merchant = float(nv.expected_profit(q, demand, p_m, c, s, **kw)) - ad
    platform = params.commission * params.price * params.keep_rate * sales + ad
    return ChannelResult(
        arrangement="consignment",
        fractile=nv.critical_fractile(p_m, c, s, **kw),
        order=q,
        expected_sales=sales,
        expected_leftover=q - sales,
        merchant_profit=merchant,
        platform_profit=platform,
        merchant_p_loss=float(nv.probability_of_loss(q, demand, p_m, c, s, fixed_cost=ad, **kw)),
        platform_p_loss=0.0,
    )


def procurement(demand: Any, params: ChannelParams) -> ChannelResult:
    """Procurement (采销 / 自营 / reseller): the platform buys at wholesale and bears the risk.

    The platform solves a newsvendor with the retail price, the wholesale price as cost,
    its own salvage and the returns; the supplier earns ``(wholesale - unit_cost)`` on every
    unit ordered, whatever sells.

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
    Arrow, Harris & Marschak (1951); Hagiu & Wright (2015), "Marketplace or reseller?",
    *Management Science* 61(1):184–203, for the framing.

    Examples
    --------
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, wholesale=75,
    ...                   merchant_salvage=30, platform_salvage=30)
    >>> r = procurement(lognormal_demand(1000, 0.5), p)
    >>> round(r.fractile, 4), r.merchant_p_loss
    (0.3571, 0.0)
    """
    kw = {"returns": params.returns}
    p, w, s = params.price, params.wholesale, params.platform_salvage
    q = nv.optimal_order(demand, p, w, s, **kw)
    sales = float(nv.expected_sales(q, demand))
    return ChannelResult(
        arrangement="procurement",
        fractile=nv.critical_fractile(p, w, s, **kw),
        order=q,
        expected_sales=sales,
        expected_leftover=q - sales,
        merchant_profit=(w - params.unit_cost) * q,
        platform_profit=float(nv.expected_profit(q, demand, p, w, s, **kw)),
        merchant_p_loss=0.0 if q == 0 or w > params.unit_cost else 1.0,
        platform_p_loss=float(nv.probability_of_loss(q, demand, p, w, s, **kw)) if q > 0 else 0.0,
    )


def compare_channels(demand: Any, params: ChannelParams) -> pd.DataFrame:
    """Both arrangements side by side, one row per arrangement and party.

    Parameters
    ----------
    demand : frozen scipy.stats continuous distribution
        Demand, units.
    params : ChannelParams
        Unit economics.

    Returns
    -------
    pandas.DataFrame
        Columns ``arrangement, party, order_units, expected_profit_yuan, p_loss``,
        plus ``bears_inventory_risk`` (bool).

    Examples
    --------
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, wholesale=75,
    ...                   merchant_salvage=30, platform_salvage=30)
    >>> compare_channels(lognormal_demand(1000, 0.5), p)[["arrangement", "party"]].values.tolist()
    [['consignment', 'merchant'], ['consignment', 'platform'], ['procurement', 'merchant'], ['procurement', 'platform']]
    """
    rows = []
    for result in (consignment(demand, params), procurement(demand, params)):
        for party in ("merchant", "platform"):
            rows.append(
                {
                    "arrangement": result.arrangement,
                    "party": party,
                    "order_units": result.order,
                    "expected_profit_yuan": getattr(result, f"{party}_profit"),
                    "p_loss": getattr(result, f"{party}_p_loss"),
                    "bears_inventory_risk": (result.arrangement == "consignment") == (party == "merchant"),
                }
            )
    return pd.DataFrame(rows)


def _party_profits(
    arrangement: str, q: np.ndarray, d: np.ndarray, params: ChannelParams, ad: np.ndarray | float
) -> tuple[np.ndarray, np.ndarray]:
    """Realised (merchant, platform) profits for stock q (broadcast) at demand d."""
    kw = {"returns": params.returns}
    if arrangement == "consignment":
        merchant = nv.profit_at_demand(q, d, params.merchant_price, params.unit_cost, params.merchant_salvage, **kw) - ad
        platform = params.commission * params.price * params.keep_rate * np.minimum(q, d) + ad
    else:
        platform = nv.profit_at_demand(q, d, params.price, params.wholesale, params.platform_salvage, **kw)
        merchant = np.broadcast_to((params.wholesale - params.unit_cost) * np.asarray(q, dtype=float), platform.shape)
    return merchant, platform


def simulate_channels(demand: Any, params: ChannelParams, *, n_draws: int = 100_000, seed: int = 0) -> pd.DataFrame:
    """Monte Carlo profit distributions of both parties under both arrangements.

    The same demand draws serve both arrangements (common random numbers); each party
    stocks as in :func:`consignment` / :func:`procurement`.

    Parameters
    ----------
    demand : frozen scipy.stats continuous distribution
        Demand, units.
    params : ChannelParams
        Unit economics.
    n_draws : int
        Number of demand draws.
    seed : int
        Seed of the numpy Generator.

    Returns
    -------
    pandas.DataFrame
        Long format: ``draw, demand_units, arrangement, party, profit_yuan``.

    Examples
    --------
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, wholesale=75,
    ...                   merchant_salvage=30, platform_salvage=30)
    >>> sims = simulate_channels(lognormal_demand(1000, 0.5), p, n_draws=1000, seed=1)
    >>> sims.groupby(["arrangement", "party"]).size().tolist()
    [1000, 1000, 1000, 1000]
    """
    if isinstance(n_draws, bool) or not isinstance(n_draws, (int, np.integer)) or n_draws < 1:
        raise ParameterError(f"n_draws must be a positive integer, got {n_draws!r}")
    rng = np.random.default_rng(seed)
    d = np.asarray(demand.rvs(size=int(n_draws), random_state=rng), dtype=float)
    ad = _ad_fee(demand, params)
    frames = []
    for result in (consignment(demand, params), procurement(demand, params)):
        merchant, platform = _party_profits(result.arrangement, np.asarray(result.order), d, params, ad)
        for party, values in (("merchant", merchant), ("platform", platform)):
            frames.append(
                pd.DataFrame(
                    {
                        "draw": np.arange(n_draws),
                        "demand_units": d,
                        "arrangement": result.arrangement,
                        "party": party,
                        "profit_yuan": np.asarray(values, dtype=float),
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


# ---------------------------------------------------------------------------
# a population of merchants


@dataclass(frozen=True)
class PopulationSpec:
    """How heterogeneous merchants' Double 11 demand is drawn.

    Merchant ``i`` has ordinary-day mean demand ``daily_i = daily_median·exp(scale_sigma·Z_i)``
    units and own coefficient of variation ``cv_i = cv_median·exp(cv_sigma·Z'_i)``.
    On Double 11 its demand is ``daily_i × uplift × U × ε_i``: ``U`` a common
    lognormal shock with mean 1 and CV ``uplift_cv`` (how big the festival turns out),
    ``ε_i`` its own lognormal noise with mean 1 and CV ``cv_i``. Whoever stocks plans
    for a mean ``(1 + forecast_bias)`` times the true one.

    Parameters
    ----------
    n_merchants : int
        Number of merchants.
    daily_median : float
        Median ordinary-day demand across merchants, units per day.
    scale_sigma : float
        Log-standard deviation of merchants' demand scale (heavy tail), >= 0.
    uplift : float
        Double 11 demand as a multiple of an ordinary day's, > 0.
    uplift_cv : float
        Coefficient of variation of the common uplift shock, >= 0.
    cv_median : float
        Median of merchants' own demand CV, > 0.
    cv_sigma : float
        Log-standard deviation of the CV across merchants, >= 0.
    forecast_bias : float
        Planned mean / true mean - 1 (> -1); 0 = unbiased.
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
        if isinstance(self.n_merchants, bool) or not isinstance(self.n_merchants, (int, np.integer)) or self.n_merchants < 10:
            raise ParameterError(f"n_merchants must be an integer >= 10, got {self.n_merchants!r}")
        for name in ("daily_median", "scale_sigma", "uplift", "uplift_cv", "cv_median", "cv_sigma", "forecast_bias"):
            _num(name, getattr(self, name))
        for name in ("daily_median", "uplift", "cv_median"):
            if getattr(self, name) <= 0:
                raise ParameterError(f"{name} must be > 0, got {getattr(self, name):g}")
        for name in ("scale_sigma", "uplift_cv", "cv_sigma"):
            if getattr(self, name) < 0:
                raise ParameterError(f"{name} must be >= 0, got {getattr(self, name):g}")
        if self.forecast_bias <= -1:
            raise ParameterError(f"forecast_bias must be > -1, got {self.forecast_bias:g}")

    @classmethod
    def from_values(cls, values: Mapping[str, float], n_merchants: int) -> PopulationSpec:
        """Build from a ``{name: value}`` dict (names as in ``data/assumptions/consignment.csv``).

        Parameters
        ----------
        values : mapping
            Needs ``daily_median, scale_sigma, uplift, uplift_cv, cv_median, cv_sigma``;
            ``forecast_bias`` optional.
        n_merchants : int
            Number of merchants.

        Returns
        -------
        PopulationSpec

        Examples
        --------
        >>> PopulationSpec.from_values(dict(daily_median=5, scale_sigma=1.5, uplift=10, uplift_cv=0.3,
        ...                                 cv_median=0.6, cv_sigma=0.3), 100).forecast_bias
        0.0
        """
        need = ["daily_median", "scale_sigma", "uplift", "uplift_cv", "cv_median", "cv_sigma"]
        missing = [n for n in need if n not in values]
        if missing:
            raise ParameterError(f"missing parameter(s): {', '.join(missing)}")
        return cls(
            n_merchants=int(n_merchants),
            forecast_bias=float(values.get("forecast_bias", 0.0)),
            **{n: float(values[n]) for n in need},
        )


def draw_merchants(spec: PopulationSpec, *, seed: int = 0) -> pd.DataFrame:
    """Draw the merchants' characteristics (fixed seed).

    Parameters
    ----------
    spec : PopulationSpec
        Population description.
    seed : int
        Seed of the numpy Generator.

    Returns
    -------
    pandas.DataFrame
        One row per merchant: ``merchant, daily_mean_units, mean_demand_units`` (Double 11,
        true), ``cv`` (own), ``sigma_own``, ``sigma_total`` (log-sd including the common
        shock), ``planned_mean_units``.

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
        ``"consignment"`` or ``"procurement"``.
    merchants : pandas.DataFrame
        :func:`draw_merchants` plus ``order_units``, ``expected_profit_yuan`` (Monte Carlo mean),
        ``profit_sd_yuan``, ``p_loss`` (share of draws with a loss), ``platform_income_yuan``
        (mean platform profit from that merchant's product).
    draws : pandas.DataFrame
        One row per Double 11 draw: ``uplift_shock, share_losing, merchant_profit_yuan,
        platform_profit_yuan, gmv_yuan``.
    sample_profits : numpy.ndarray
        Realised merchant profits, shape ``(n_merchants, n_sample)``: the first draws, kept for
        Lorenz curves and top shares.
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
            ``share_losing`` (expected share of merchants with a loss on one Double 11),
            ``share_expected_loss`` (share whose expected profit is negative),
            ``top_decile_share`` (profit of each draw's top 10 % of merchants, summed over
            the kept draws, over total merchant profit in those draws; above 1 when the
            other 90 % lose money in aggregate), ``merchant_profit_yuan`` and
            ``platform_profit_yuan`` (expected totals), ``platform_p_loss`` (share of draws
            in which the platform's total is negative), ``share_losing_p90`` (90th
            percentile over draws of the share losing).
        """
        kept = self.sample_profits
        k = max(1, int(round(0.1 * kept.shape[0])))
        top_sums = -np.sort(-kept, axis=0)[:k].sum(axis=0) if kept.size else np.array([])
        total = kept.sum() if kept.size else 0.0
        return {
            "share_losing": float(self.draws["share_losing"].mean()),
            "share_losing_p90": float(self.draws["share_losing"].quantile(0.9)),
            "share_expected_loss": float((self.merchants["expected_profit_yuan"] < 0).mean()),
            "top_decile_share": float(top_sums.sum() / total) if total > 0 else float("nan"),
            "merchant_profit_yuan": float(self.draws["merchant_profit_yuan"].mean()),
            "platform_profit_yuan": float(self.draws["platform_profit_yuan"].mean()),
            "platform_p_loss": float((self.draws["platform_profit_yuan"] < 0).mean()),
        }


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

    Each stocking party orders the newsvendor optimum for the lognormal demand it plans
    for (mean ``planned_mean_units``, log-sd ``sigma_total``). Demand draws: the common
    shock ``U_j`` is shared by all merchants in draw ``j``; own noise is independent.
    Memory is ``O(chunk_size × n_draws)``; results do not depend on ``chunk_size``.

    Parameters
    ----------
    spec : PopulationSpec
        Population.
    params : ChannelParams
        Unit economics (common to all merchants).
    arrangement : {"consignment", "procurement"}
        Who stocks.
    n_draws : int
        Double 11 scenarios.
    seed : int
        Seed (merchants and draws).
    n_sample : int
        How many draws to keep per merchant for concentration measures.
    chunk_size : int
        Merchants per vectorised block.

    Returns
    -------
    PopulationResult

    References
    ----------
    Arrow, Harris & Marschak (1951) for each merchant's stocking decision.

    Examples
    --------
    >>> spec = PopulationSpec(200, daily_median=5, scale_sigma=1.0, uplift=10, uplift_cv=0.3,
    ...                       cv_median=0.6, cv_sigma=0.3)
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, wholesale=75,
    ...                   merchant_salvage=30, platform_salvage=30)
    >>> res = simulate_population(spec, p, n_draws=500, seed=1)
    >>> 0 < res.summary()["share_losing"] < 1
    True
    """
    if arrangement not in ARRANGEMENTS:
        raise ParameterError(f"arrangement must be one of {', '.join(ARRANGEMENTS)}, got {arrangement!r}")
    for name, value, low in (("n_draws", n_draws, 1), ("n_sample", n_sample, 0), ("chunk_size", chunk_size, 1)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
            raise ParameterError(f"{name} must be an integer >= {low}, got {value!r}")
    n_sample = min(int(n_sample), int(n_draws))
    merchants = draw_merchants(spec, seed=seed)
    n = len(merchants)
    kw = {"returns": params.returns}
    if arrangement == "consignment":
        fractile = nv.critical_fractile(params.merchant_price, params.unit_cost, params.merchant_salvage, **kw)
    else:
        fractile = nv.critical_fractile(params.price, params.wholesale, params.platform_salvage, **kw)
    planned = merchants["planned_mean_units"].to_numpy()
    sig_tot = merchants["sigma_total"].to_numpy()
    sig_own = merchants["sigma_own"].to_numpy()
    mean = merchants["mean_demand_units"].to_numpy()
    if fractile > 0:
        order = planned * np.exp(-0.5 * sig_tot**2 + sig_tot * special.ndtri(fractile))
    else:
        order = np.zeros(n)
    ad = params.ad_fee_rate * params.price * planned if arrangement == "consignment" else np.zeros(n)

    rng = np.random.default_rng([int(seed), 2])
    sigma_common = math.sqrt(math.log1p(spec.uplift_cv**2))
    shock = np.exp(sigma_common * rng.standard_normal(n_draws) - 0.5 * sigma_common**2)
    mean_profit = np.empty(n)
    sd_profit = np.empty(n)
    p_loss = np.empty(n)
    platform_mean = np.empty(n)
    sample = np.empty((n, n_sample))
    losing = np.zeros(n_draws)
    merchant_total = np.zeros(n_draws)
    platform_total = np.zeros(n_draws)
    gmv_total = np.zeros(n_draws)
    for start in range(0, n, int(chunk_size)):
        sl = slice(start, min(start + int(chunk_size), n))
        z = rng.standard_normal((sl.stop - sl.start, n_draws))  # row-major stream: chunk-size invariant
        s = sig_own[sl, None]
        d = (mean[sl, None] * shock[None, :]) * np.exp(s * z - 0.5 * s * s)
        del z
        q = order[sl, None]
        merchant, platform = _party_profits(arrangement, q, d, params, ad[sl, None])
        gmv_total += params.price * params.keep_rate * np.minimum(q, d).sum(axis=0)
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


def lorenz_curve(values: np.ndarray, *, relative: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Lorenz curve of profits (losses allowed: the curve then dips below zero).

    Parameters
    ----------
    values : array
        Profits, yuan, one per merchant.
    relative : bool
        True: cumulative profit as a share of the total (the total must be > 0).
        False: cumulative profit in yuan (works whatever the sign of the total).

    Returns
    -------
    (population_share, cumulative) : tuple of ndarray
        Merchants sorted from lowest to highest profit; ``population_share`` runs from 0 to 1,
        ``cumulative`` from 0 to 1 (relative) or to the total profit in yuan.

    References
    ----------
    Lorenz, M.O. (1905). Methods of measuring the concentration of wealth. *JASA* 9(70):209–219.

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
        raise ParameterError(f"total profit must be > 0 for a relative Lorenz curve, got {total:g} (use relative=False)")
    return x, cumulative / total


def top_share(values: np.ndarray, top: float = 0.1) -> float:
    """Share of total profit earned by the top ``top`` fraction of merchants.

    Parameters
    ----------
    values : array
        Profits, yuan, one per merchant.
    top : float
        Fraction of merchants in the top group, in (0, 1).

    Returns
    -------
    float
        Sum of the top group's profits / total profit; above 1 when the others lose money
        in aggregate; NaN when the total is not positive.

    Examples
    --------
    >>> top_share(np.array([-1.0, 1.0, 2.0, 8.0]), 0.25)
    0.8
    """
    if not 0 < top < 1:
        raise ParameterError(f"top must be a fraction in (0, 1), got {top!r}")
    v = np.sort(np.asarray(values, dtype=float).ravel())[::-1]
    total = v.sum()
    if total <= 0:
        return float("nan")
    k = max(1, int(round(top * v.size)))
    return float(v[:k].sum() / total)


def combined_cv(cv_own: float, cv_common: float) -> float:
    """CV of the product of two independent mean-one lognormal factors.

    Parameters
    ----------
    cv_own, cv_common : float
        Coefficients of variation of the two factors (>= 0).

    Returns
    -------
    float
        ``sqrt((1 + cv_own²)(1 + cv_common²) - 1)``.

    Examples
    --------
    >>> round(combined_cv(0.6, 0.3), 4)
    0.6946
    """
    a, b = _num("cv_own", cv_own), _num("cv_common", cv_common)
    if a < 0 or b < 0:
        raise ParameterError(f"coefficients of variation must be >= 0, got {a:g} and {b:g}")
    return math.sqrt((1 + a * a) * (1 + b * b) - 1)


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

    For :func:`helpers.assumptions.one_at_a_time` / :func:`~helpers.assumptions.two_way`.

    Parameters
    ----------
    values : mapping
        Names as in ``data/assumptions/consignment.csv`` (see :meth:`ChannelParams.from_values`
        and :meth:`PopulationSpec.from_values`).
    outcome : str
        A key of :meth:`PopulationResult.summary`.
    arrangement : {"consignment", "procurement"}
        Who stocks.
    n_merchants, n_draws, seed : int
        Simulation size and seed.

    Returns
    -------
    float
        The outcome.

    Examples
    --------
    >>> v = dict(price=100, unit_cost=60, commission=0.05, wholesale=75, merchant_salvage=30,
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


def _typical_demand(values: Mapping[str, float]) -> Any:
    mean = float(values["daily_median"]) * float(values["uplift"])
    return lognormal_demand(mean, combined_cv(float(values["cv_median"]), float(values["uplift_cv"])))


def consignment_advantage(values: Mapping[str, float]) -> float:
    """Typical merchant's expected profit under consignment minus under procurement, per 100 yuan of GMV.

    The typical merchant has the median demand scale (``daily_median × uplift``) and the median
    own CV combined with the common shock. Positive: the merchant earns more by consigning
    (and carrying the risk) than by selling to a procurement platform at ``wholesale``.

    Parameters
    ----------
    values : mapping
        Names as in ``data/assumptions/consignment.csv``.

    Returns
    -------
    float
        Yuan per 100 yuan of expected demand at the retail price.

    Examples
    --------
    >>> v = dict(price=100, unit_cost=60, commission=0.05, wholesale=75, merchant_salvage=30,
    ...          platform_salvage=30, return_rate=0.1, return_handling_cost=5, return_recovery=60,
    ...          daily_median=2, uplift=120, uplift_cv=0.3, cv_median=0.6)
    >>> consignment_advantage(v) > 0
    True
    """
    params = ChannelParams.from_values(values)
    demand = _typical_demand(values)
    gain = consignment(demand, params).merchant_profit - procurement(demand, params).merchant_profit
    return 100.0 * gain / (params.price * float(demand.mean()))


def stock_vs_salvage(demand: Any, params: ChannelParams, salvage: np.ndarray | list[float]) -> pd.DataFrame:
    """Critical fractile and optimal stock of the stocking party as the salvage value varies.

    The same salvage value applies to whoever owns the leftovers (the merchant under
    consignment, the platform under procurement).

    Parameters
    ----------
    demand : frozen scipy.stats continuous distribution
        Demand, units.
    params : ChannelParams
        Unit economics (its salvage values are replaced).
    salvage : array of float
        Yuan per leftover unit; each must be below ``unit_cost`` (and so below ``wholesale``).

    Returns
    -------
    pandas.DataFrame
        ``salvage_yuan, arrangement, fractile, order_units``, one row per value and arrangement.

    References
    ----------
    Arrow, Harris & Marschak (1951).

    Examples
    --------
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, wholesale=75,
    ...                   merchant_salvage=30, platform_salvage=30)
    >>> t = stock_vs_salvage(lognormal_demand(1000, 0.5), p, [0.0, 50.0])
    >>> t.groupby("arrangement")["order_units"].apply(lambda x: bool(x.is_monotonic_increasing)).tolist()
    [True, True]
    """
    rows = []
    for s in np.asarray(salvage, dtype=float):
        try:
            p = ChannelParams(**{**params.__dict__, "merchant_salvage": float(s), "platform_salvage": float(s)})
        except ParameterError as exc:
            raise ParameterError(f"salvage {s:g}: {exc}") from None
        for result in (consignment(demand, p), procurement(demand, p)):
            rows.append(
                {
                    "salvage_yuan": float(s),
                    "arrangement": result.arrangement,
                    "fractile": result.fractile,
                    "order_units": result.order,
                }
            )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# price war


def price_war(
    mean_demand: float,
    cv: float,
    params: ChannelParams,
    *,
    rounds: int,
    discount: float,
    elasticity: float,
) -> pd.DataFrame:
    """Repeated discounting: margins, stock and profits under each arrangement, round by round.

    Round ``k`` sells at ``price·(1 - discount)^k``; competitors match, so the market's mean
    demand grows as ``(p_k / p_0)^(-elasticity)`` (a market, not own-price, elasticity) with
    the same CV. Under consignment the merchant funds the discount (commission is a fraction
    of the lower price); under procurement the platform funds it (the wholesale price stays).
    A party whose net price no longer covers its unit cost stops stocking (order 0).

    Parameters
    ----------
    mean_demand : float
        Expected demand at the starting price, units.
    cv : float
        Coefficient of variation of demand (lognormal).
    params : ChannelParams
        Unit economics at the starting price.
    rounds : int
        Number of discount rounds after round 0.
    discount : float
        Price cut per round, fraction in (0, 1).
    elasticity : float
        Market price elasticity of demand (> 0).

    Returns
    -------
    pandas.DataFrame
        One row per round and arrangement: ``round, arrangement, price_yuan, unit_margin_yuan``
        (margin of the stocking party per unit sold, before returns), ``fractile, order_units,
        expected_sales_units, merchant_profit_yuan, platform_profit_yuan, gmv_yuan``.

    References
    ----------
    Arrow, Harris & Marschak (1951) for each round's stocking decision.

    Examples
    --------
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, wholesale=75,
    ...                   merchant_salvage=30, platform_salvage=30)
    >>> w = price_war(1000, 0.5, p, rounds=3, discount=0.1, elasticity=2.0)
    >>> w.loc[w.arrangement == "procurement", "order_units"].round(0).tolist()
    [752.0, 803.0, 778.0, 0.0]
    """
    mean_demand, cv = _num("mean_demand", mean_demand), _num("cv", cv)
    discount, elasticity = _num("discount", discount), _num("elasticity", elasticity)
    if isinstance(rounds, bool) or not isinstance(rounds, (int, np.integer)) or rounds < 0:
        raise ParameterError(f"rounds must be an integer >= 0, got {rounds!r}")
    if not 0 < discount < 1:
        raise ParameterError(f"discount must be a fraction in (0, 1), got {discount:g}")
    if elasticity <= 0:
        raise ParameterError(f"elasticity must be > 0, got {elasticity:g}")
    rows = []
    kw = {"returns": params.returns}
    for k in range(int(rounds) + 1):
        factor = (1.0 - discount) ** k
        price = params.price * factor
        demand = lognormal_demand(mean_demand * factor ** (-elasticity), cv)
        keep = params.keep_rate
        # consignment: the merchant stocks at (1 - commission)·price
        p_m = (1.0 - params.commission) * price
        ad = params.ad_fee_rate * price * float(demand.mean())
        s_m = min(params.merchant_salvage, params.unit_cost - 1e-9)
        if p_m > params.unit_cost:
            q = nv.optimal_order(demand, p_m, params.unit_cost, s_m, **kw)
            frac = nv.critical_fractile(p_m, params.unit_cost, s_m, **kw)
            merchant = float(nv.expected_profit(q, demand, p_m, params.unit_cost, s_m, **kw)) - ad
        else:
            q, frac, merchant, ad = 0.0, 0.0, 0.0, 0.0
        sales = float(nv.expected_sales(q, demand)) if q > 0 else 0.0
        rows.append(
            {
                "round": k,
                "arrangement": "consignment",
                "price_yuan": price,
                "unit_margin_yuan": p_m - params.unit_cost,
                "fractile": frac,
                "order_units": q,
                "expected_sales_units": sales,
                "merchant_profit_yuan": merchant,
                "platform_profit_yuan": params.commission * price * keep * sales + ad,
                "gmv_yuan": price * keep * sales,
            }
        )
        # procurement: the platform stocks at the full (discounted) price, paying wholesale
        w = params.wholesale
        if price > w:
            s_p = min(params.platform_salvage, w - 1e-9)
            q = nv.optimal_order(demand, price, w, s_p, **kw)
            frac = nv.critical_fractile(price, w, s_p, **kw)
            platform = float(nv.expected_profit(q, demand, price, w, s_p, **kw))
        else:
            q, frac, platform = 0.0, 0.0, 0.0
        sales = float(nv.expected_sales(q, demand)) if q > 0 else 0.0
        rows.append(
            {
                "round": k,
                "arrangement": "procurement",
                "price_yuan": price,
                "unit_margin_yuan": price - w,
                "fractile": frac,
                "order_units": q,
                "expected_sales_units": sales,
                "merchant_profit_yuan": (w - params.unit_cost) * q,
                "platform_profit_yuan": platform,
                "gmv_yuan": price * keep * sales,
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# literature checks


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
    b = np.asarray(elasticity, dtype=float)
    lam = np.asarray(retailer_cost_share, dtype=float)
    c, a = _num("total_cost", total_cost), _num("scale", scale)
    if np.any(~np.isfinite(b)) or np.any(b <= 1):
        raise ParameterError("elasticity must be > 1 (iso-elastic demand with a finite optimal price)")
    if np.any(~np.isfinite(lam)) or np.any(lam < 0) or np.any(lam >= 1):
        raise ParameterError("retailer_cost_share must be in [0, 1)")
    if c <= 0 or a <= 0:
        raise ParameterError(f"total_cost and scale must be > 0, got {c:g} and {a:g}")
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


def _linear_args(a: float, slope: float, cost: float) -> tuple[float, float, float]:
    a, slope, cost = _num("a", a), _num("slope", slope), _num("cost", cost)
    if a <= 0 or slope <= 0:
        raise ParameterError(f"demand intercept a and slope must be > 0, got a={a:g}, slope={slope:g}")
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
    share = _num("share", share)
    if not 0 <= share < 1:
        raise ParameterError(f"share must be in [0, 1), got {share:g}")
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

