"""The unit economics of one product and the result of one arrangement (shared by the inventory models).

:class:`ChannelParams` holds the prices, costs, salvage values, returns, fees and
contract terms of a product sold through a platform; :class:`ChannelResult` is the
expected outcome of one arrangement (:data:`ARRANGEMENTS`) for it.

Units: prices and profits in yuan; demand and stock in units; shares as fractions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

from helpers.errors import ParameterError
from helpers.inventory import newsvendor as nv
from helpers.validation import number

__all__ = ["ARRANGEMENTS", "ChannelParams", "ChannelResult", "no_trade"]

#: The three contracts, from the merchant bearing all leftover risk to the platform bearing it.
ARRANGEMENTS = ("consignment", "buyback", "procurement")


@dataclass(frozen=True)
class ChannelParams:
    """Unit economics of one product sold through a platform.

    Parameters
    ----------
    price : float
        Retail price paid by the consumer, yuan per unit (> unit_cost).
    unit_cost : float
        Merchant's (supplier's) cost of a unit, yuan (> 0).
    commission : float
        Platform's cut of the price of each unit kept under consignment, fraction in [0, 1).
    merchant_salvage, platform_salvage : float
        Yuan recovered per unsold unit by its owner (clearance, 下沉 redistribution; negative for
        disposal); below ``unit_cost``.
    returns : helpers.newsvendor.Returns, optional
        Customer returns, borne by the owner of the units sold.
    ad_fee_rate : float
        Advertising a consignment merchant pays the platform, fraction of planned GMV (price ×
        expected demand), paid whatever sells. Default 0.
    wholesale : float, optional
        Fixed wholesale price, yuan (``unit_cost < wholesale < price``); ``None`` (default): the
        supplier's best response (:func:`supplier_wholesale`).
    buyback_share : float
        Under buyback, the refund per unsold unit returned to the supplier as a fraction of the
        wholesale price, in [0, 1). Default 0.5.
    fixed_cost : float
        Yuan per product and event paid by whoever holds the stock (>= 0). Default 0.

    Examples
    --------
    >>> ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30,
    ...               platform_salvage=30).merchant_price
    95.0
    """

    price: float
    unit_cost: float
    commission: float
    merchant_salvage: float
    platform_salvage: float
    returns: nv.Returns | None = None
    ad_fee_rate: float = 0.0
    wholesale: float | None = None
    buyback_share: float = 0.5
    fixed_cost: float = 0.0

    def __post_init__(self) -> None:
        number(self.unit_cost, "unit_cost", low=0.0, low_open=True, unit="yuan")
        number(self.price, "price", unit="yuan")
        number(self.commission, "commission", low=0.0, high=1.0, high_open=True)
        number(self.ad_fee_rate, "ad_fee_rate", low=0.0)
        number(self.buyback_share, "buyback_share", low=0.0, high=1.0, high_open=True)
        number(self.fixed_cost, "fixed_cost", low=0.0, unit="yuan")
        for name in ("merchant_salvage", "platform_salvage"):
            number(getattr(self, name), name, unit="yuan")
        if not self.price > self.unit_cost:
            raise ParameterError(f"price ({self.price:g} yuan) must exceed unit_cost ({self.unit_cost:g} yuan)")
        for name in ("merchant_salvage", "platform_salvage"):
            if not getattr(self, name) < self.unit_cost:
                raise ParameterError(
                    f"{name} must be below unit_cost (got {getattr(self, name):g} >= {self.unit_cost:g} yuan): "
                    "a leftover unit cannot be worth more than it cost"
                )
        if self.wholesale is not None:
            w = number(self.wholesale, "wholesale", unit="yuan")
            if not self.unit_cost < w < self.price:
                raise ParameterError(
                    f"wholesale must lie between unit_cost and price, got {self.unit_cost:g} < {w:g} < {self.price:g} yuan"
                )
        if self.returns is not None and not isinstance(self.returns, nv.Returns):
            raise ParameterError(
                f"returns must be a helpers.newsvendor.Returns or None, got {type(self.returns).__name__}"
            )

    @property
    def merchant_price(self) -> float:
        """Yuan the merchant keeps per unit sold under consignment: ``(1 - commission)·price``."""
        return (1.0 - self.commission) * self.price

    @property
    def keep_rate(self) -> float:
        """Fraction of units sold that customers keep (``1 - returns.rate``)."""
        return 1.0 - (self.returns.rate if self.returns is not None else 0.0)

    def net_revenue(self, revenue: float) -> float:
        """Expected yuan kept per unit sold at ``revenue`` after customer returns, ``m(r)``."""
        return nv.net_unit_revenue(revenue, self.returns)

    def at_price(self, price: float) -> ChannelParams:
        """The same economics at another retail price (a fixed wholesale price is kept)."""
        return replace(self, price=float(price))

    @classmethod
    def from_values(cls, values: Mapping[str, float]) -> ChannelParams:
        """Build from a ``{name: value}`` dict with the names of ``data/assumptions/consignment.csv``.

        Parameters
        ----------
        values : mapping
            Needs ``price, unit_cost, commission, merchant_salvage, platform_salvage, return_rate,
            return_handling_cost, return_recovery``; optional ``ad_fee_rate``, ``buyback_share``,
            ``stocking_fixed_cost`` and ``wholesale`` (absent: the supplier's best response).

        Returns
        -------
        ChannelParams

        Examples
        --------
        >>> v = dict(price=100, unit_cost=60, commission=0.05, merchant_salvage=30,
        ...          platform_salvage=30, return_rate=0.1, return_handling_cost=5, return_recovery=60)
        >>> ChannelParams.from_values(v).returns.rate
        0.1
        """
        need = [
            "price",
            "unit_cost",
            "commission",
            "merchant_salvage",
            "platform_salvage",
            "return_rate",
            "return_handling_cost",
            "return_recovery",
        ]
        missing = [n for n in need if n not in values]
        if missing:
            raise ParameterError(f"missing parameter(s): {', '.join(missing)}")
        returns = nv.Returns(
            rate=float(values["return_rate"]),
            handling_cost=float(values["return_handling_cost"]),
            recovery_value=float(values["return_recovery"]),
        )
        wholesale = values.get("wholesale")
        return cls(
            price=float(values["price"]),
            unit_cost=float(values["unit_cost"]),
            commission=float(values["commission"]),
            merchant_salvage=float(values["merchant_salvage"]),
            platform_salvage=float(values["platform_salvage"]),
            returns=returns,
            ad_fee_rate=float(values.get("ad_fee_rate", 0.0)),
            wholesale=None if wholesale is None else float(wholesale),
            buyback_share=float(values.get("buyback_share", 0.5)),
            fixed_cost=float(values.get("stocking_fixed_cost", 0.0)),
        )


@dataclass(frozen=True)
class ChannelResult:
    """Expected outcome of one arrangement for one product.

    Attributes
    ----------
    arrangement : str
        One of :data:`ARRANGEMENTS`.
    participates : bool
        Whether trade takes place (every party expects a profit >= 0).
    wholesale : float
        Wholesale price, yuan (NaN under consignment or without trade).
    fractile : float
        Critical fractile of the party that stocks (0 without trade).
    order : float
        Units stocked.
    expected_sales, expected_leftover : float
        Units.
    merchant_profit, platform_profit : float
        Expected profit, yuan (the merchant is the supplier under buyback and procurement).
    merchant_p_loss, platform_p_loss : float
        Probability of a loss.
    """

    arrangement: str
    participates: bool
    wholesale: float
    fractile: float
    order: float
    expected_sales: float
    expected_leftover: float
    merchant_profit: float
    platform_profit: float
    merchant_p_loss: float
    platform_p_loss: float

    @property
    def channel_profit(self) -> float:
        """Merchant plus platform expected profit, yuan."""
        return self.merchant_profit + self.platform_profit

    def as_dict(self) -> dict[str, Any]:
        """The fields as a plain dict (one table row)."""
        return asdict(self)


def no_trade(arrangement: str) -> ChannelResult:
    """The result when a party declines to trade: nothing stocked, nothing earned.

    Examples
    --------
    >>> no_trade("procurement").participates
    False
    """
    return ChannelResult(arrangement, False, math.nan, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
