"""Taxes on an imported product, by channel: cross-border orders, general trade, and who pays what.

Cross-border retail orders (bonded 1210 or direct mail 9610), within the limits:

* before 2016-04-08 the personal postal-articles tax (行邮税): ``tax = rate · P``,
  waived when it is 50 yuan or less (GAC Announcement 2010 No. 43);
* from 2016-04-08 the cross-border comprehensive tax (跨境电商综合税): tariff 0,
  consumption tax :math:`CT = P\\,t_c/(1-t_c)`, VAT :math:`= (P+CT)\\,t_v`,
  tax :math:`= 0.7\\,(CT + VAT)` (Cai Guan Shui [2016] No. 18), paid by the buyer
  (the platform withholds it).

General trade (一般贸易), the domestic importer's channel and the way out for unsold
bonded stock from 2019 (GAC 2018/194), on the customs value :math:`V` (CIF):
tariff :math:`V t_m`, consumption tax :math:`(V + V t_m)\\,t_c/(1-t_c)`, import VAT on
all of that, which the importer credits against the output VAT
:math:`P\\,t_v/(1+t_v)` on its VAT-inclusive retail price :math:`P`. Tariff and
consumption tax are costs of the stock; VAT is borne through the price.

:class:`CrossBorderLevy` and :class:`VATInPrice` are the two taxes as vectorised
functions of a price, for the price-setting newsvendor (:mod:`helpers.inventory.pricing`).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from helpers.errors import ParameterError
from helpers.policy.regimes import Regime, parameter_on, regime_on
from helpers.policy.tables import parameter_table
from helpers.validation import number

__all__ = [
    "CrossBorderLevy",
    "change_dates",
    "GeneralTradeRates",
    "OrderTax",
    "VATInPrice",
    "comprehensive_rate",
    "cosmetics_category",
    "general_trade_rates",
    "order_tax",
    "tax_by_price",
    "tax_path",
    "tax_timeline",
    "who_pays",
]


def comprehensive_rate(vat_rate: float, consumption_tax_rate: float, share: float = 0.7) -> float:
    """Cross-border comprehensive tax as a share of the order price (tariff 0).

    Parameters
    ----------
    vat_rate : float
        Statutory import VAT rate t_v (share).
    consumption_tax_rate : float
        Statutory consumption tax rate t_c (share, in [0, 1)).
    share : float
        Share of the statutory amount collected (0.7 since 2016-04-08).

    Returns
    -------
    float
        share · (t_c / (1 - t_c) + (1 + t_c / (1 - t_c)) · t_v) = share · (t_c + t_v) / (1 - t_c).

    References
    ----------
    Cai Guan Shui [2016] No. 18; consumption tax on the composite assessable price P / (1 - t_c).

    Examples
    --------
    >>> round(comprehensive_rate(0.17, 0.30), 6)   # make-up, 2016-04-08 .. 2016-09-30
    0.47
    >>> round(comprehensive_rate(0.17, 0.0), 6)    # skincare then, ordinary cosmetics after
    0.119
    """
    for name, v in (("vat_rate", vat_rate), ("consumption_tax_rate", consumption_tax_rate), ("share", share)):
        if not (0 <= v < 1) or not math.isfinite(v):
            raise ParameterError(f"{name} must be a share in [0, 1), got {v!r}")
    return share * (consumption_tax_rate + vat_rate) / (1 - consumption_tax_rate)


class GeneralTradeRates(NamedTuple):
    """Statutory general-trade import rates on one date for one category (shares)."""

    tariff: float
    consumption_tax: float
    vat: float

    def landed_cost(self, customs_value: float) -> float:
        """Tariff and consumption tax added to a customs value, yuan (import VAT is creditable, so not a cost)."""
        return customs_value * (1 + self.tariff) / (1 - self.consumption_tax)

    def import_taxes(self, customs_value: float) -> tuple[float, float, float]:
        """(tariff, consumption tax, import VAT) on a customs value, yuan."""
        tariff = customs_value * self.tariff
        ct = (customs_value + tariff) * self.consumption_tax / (1 - self.consumption_tax)
        return tariff, ct, (customs_value + tariff + ct) * self.vat


_RATE_WORDS = {
    "general_trade_tariff_rate": "tariff",
    "consumption_tax_rate": "consumption-tax rate",
    "vat_rate": "VAT rate",
}


def general_trade_rates(
    date: dt.date | str | pd.Timestamp,
    category: str,
    parameters: pd.DataFrame | str | Path | None = None,
) -> GeneralTradeRates:
    """General-trade tariff, consumption-tax and VAT rates in force on a date.

    Parameters
    ----------
    date : date or str
    category : str
        An explicit category such as ``"cosmetics_skincare_ordinary"`` (the tariff
        rows are kept for ``cosmetics_skincare`` and ``cosmetics_makeup``).
    parameters : DataFrame or path, optional
        Table from :func:`helpers.policy.load_parameters`.

    Returns
    -------
    GeneralTradeRates

    Raises
    ------
    ParameterError
        A category or date the table has no tariff, consumption-tax or VAT rate for.

    References
    ----------
    Shui Wei Hui [2015] No. 6 and the 2017 and 2018 tariff notices (tariffs); Cai Shui
    [2006] No. 33 and [2016] No. 103 (consumption tax); VAT regulations.

    Examples
    --------
    >>> general_trade_rates("2015-11-11", "cosmetics_skincare_ordinary")
    GeneralTradeRates(tariff=0.02, consumption_tax=0.0, vat=0.17)
    >>> general_trade_rates("2019-11-11", "cosmetics_makeup_high_end")
    GeneralTradeRates(tariff=0.05, consumption_tax=0.15, vat=0.13)
    """
    got = {
        name: parameter_on(name, date, category, parameters)
        for name in ("general_trade_tariff_rate", "consumption_tax_rate", "vat_rate")
    }
    missing = [n for n, v in got.items() if v is None]
    if missing:
        table = parameter_table(parameters)
        known = sorted(set(table.loc[table["parameter"] == "general_trade_tariff_rate", "category"]))
        raise ParameterError(
            f"no general-trade {', '.join(_RATE_WORDS[m] for m in missing)} for category {category!r} on "
            f"{pd.Timestamp(date).date()} (tariffs are recorded for {', '.join(known)} and their sub-categories)"
        )
    return GeneralTradeRates(got["general_trade_tariff_rate"], got["consumption_tax_rate"], got["vat_rate"])


@dataclass(frozen=True)
class OrderTax:
    """Tax on one cross-border order, all amounts in yuan.

    Attributes
    ----------
    price_yuan : float
        Dutiable price of the order (transaction price incl. freight and insurance).
    basis : str
        ``"postal"``, ``"comprehensive"`` (within limits) or ``"general_trade"`` (above a limit).
    tariff, consumption_tax, vat, postal_tax : float
        Components actually charged (after the 70% share, the exemption etc.).
    tax : float
        Total tax charged.
    exempt : bool
        True when a postal tax of 50 yuan or less was waived.
    regime : Regime
    """

    price_yuan: float
    basis: str
    tariff: float
    consumption_tax: float
    vat: float
    postal_tax: float
    tax: float
    exempt: bool
    regime: Regime

    @property
    def effective_rate(self) -> float:
        """Tax as a share of the price."""
        return self.tax / self.price_yuan if self.price_yuan > 0 else 0.0

    @property
    def landed_price(self) -> float:
        """Price plus tax, yuan: what the consumer pays when the tax is added on top."""
        return self.price_yuan + self.tax


def order_tax(
    price_yuan: float,
    date: dt.date | str | pd.Timestamp,
    category: str = "cosmetics_skincare_ordinary",
    *,
    year_to_date_yuan: float = 0.0,
    general_trade_tariff: float | None = None,
    indivisible: bool = False,
    parameters: pd.DataFrame | str | Path | None = None,
) -> OrderTax:
    """Tax on a cross-border retail order under the regime in force on a date.

    Parameters
    ----------
    price_yuan : float
        Dutiable price P of the order, yuan (> 0).
    date : date or str
        Date of clearance.
    category : str
        Product category (see :func:`helpers.policy.regime_on`).
    year_to_date_yuan : float
        The buyer's cross-border purchases earlier in the calendar year, yuan
        (for the annual limit; ignored under the postal system).
    general_trade_tariff : float, optional
        The product's general-trade tariff rate (share), used when the order is
        above a limit; default the table's rate for the category, if it has one.
    indivisible : bool
        Postal system: a single indivisible item above the per-parcel limit
        may still clear as a personal article (GAC 2010/43, art. 3).
    parameters : DataFrame or path, optional
        Table from :func:`helpers.policy.load_parameters`; default the shipped table.

    Returns
    -------
    OrderTax

    Raises
    ------
    ParameterError
        Non-positive price, negative year-to-date spending, a divisible parcel
        above the postal per-parcel limit, or an order above a limit when no
        general-trade tariff is known.

    References
    ----------
    Postal: tax = rate · P, waived when <= 50 yuan (GAC Announcement 2010 No. 43).
    Comprehensive: CT = P t_c / (1 - t_c), VAT = (P + CT) t_v, tax = 0.7 (CT + VAT)
    (Cai Guan Shui [2016] No. 18). General trade: tariff = P t_m,
    CT = (P + tariff) t_c / (1 - t_c), VAT = (P + tariff + CT) t_v.

    Examples
    --------
    >>> order_tax(100, "2015-11-11").tax          # 50% of 100 = 50 <= 50: waived
    0.0
    >>> round(order_tax(200, "2016-06-18").tax, 2)  # skincare: 11.9% of 200
    23.8
    >>> round(order_tax(200, "2016-06-18", "cosmetics_makeup_ordinary").tax, 2)  # make-up: 47%
    94.0
    >>> round(order_tax(200, "2019-11-11").tax, 2)  # 0.7 x 13% of 200
    18.2
    """
    if (
        isinstance(price_yuan, bool)
        or not isinstance(price_yuan, (int, float, np.floating, np.integer))
        or not math.isfinite(price_yuan)
        or price_yuan <= 0
    ):
        raise ParameterError(f"price_yuan must be a positive number of yuan, got {price_yuan!r}")
    number(year_to_date_yuan, "year_to_date_yuan", low=0.0, unit="yuan")
    regime = regime_on(date, category, parameters)
    p = float(price_yuan)
    if regime.system == "postal":
        limit = regime.per_order_limit_yuan
        if limit is not None and p > limit and not indivisible:
            raise ParameterError(
                f"a parcel of {p:,.0f} yuan exceeds the {limit:,.0f}-yuan per-parcel limit of the postal "
                f"regime on {regime.date} (GAC 2010/43): it must be split, returned or cleared as goods "
                "(pass indivisible=True for a single indivisible item)"
            )
        raw = regime.postal_tax_rate * p
        exempt = raw <= (regime.postal_exemption_yuan or 0.0)
        tax = 0.0 if exempt else raw
        return OrderTax(p, "postal", 0.0, 0.0, 0.0, tax, tax, exempt, regime)
    over_order = regime.per_order_limit_yuan is not None and p > regime.per_order_limit_yuan
    over_year = regime.annual_limit_yuan is not None and p + year_to_date_yuan > regime.annual_limit_yuan
    t_v, t_c = regime.vat_rate, regime.consumption_tax_rate
    if over_order or over_year:
        tariff_rate = general_trade_tariff
        if tariff_rate is None:
            tariff_rate = parameter_on("general_trade_tariff_rate", regime.date, category, parameters)
        if tariff_rate is None:
            which = "per-order" if over_order else "annual"
            raise ParameterError(
                f"the order ({p:,.0f} yuan, {year_to_date_yuan:,.0f} yuan earlier this year) is above the "
                f"{which} limit on {regime.date}: full general-trade tax applies; pass general_trade_tariff "
                "(the product's import tariff rate)"
            )
        number(tariff_rate, "general_trade_tariff", low=0.0, high=10.0)
        tariff = p * tariff_rate
        ct = (p + tariff) * t_c / (1 - t_c)
        vat = (p + tariff + ct) * t_v
        return OrderTax(p, "general_trade", tariff, ct, vat, 0.0, tariff + ct + vat, False, regime)
    share = regime.comprehensive_share
    ct_full = p * t_c / (1 - t_c)
    vat_full = (p + ct_full) * t_v
    tariff = p * (regime.tariff_within_limits or 0.0)
    ct, vat = share * ct_full, share * vat_full
    return OrderTax(p, "comprehensive", tariff, ct, vat, 0.0, tariff + ct + vat, False, regime)


# ---------------------------------------------------------------------------
# the two taxes as vectorised functions of the price (for the price-setting newsvendor)
@dataclass(frozen=True)
class CrossBorderLevy:
    """The cross-border tax of one regime on a one-unit order, for whole arrays of prices.

    The same arithmetic as :func:`order_tax` (postal exemption, comprehensive tax);
    a price above a value limit is refused, as there.

    Examples
    --------
    >>> levy = CrossBorderLevy(regime_on("2015-11-11"))
    >>> levy.tax(np.array([100.0, 300.0])).tolist()   # 50 yuan waived; 150 charged
    [0.0, 150.0]
    """

    regime: Regime

    def price_for_paid(self, paid: float) -> float:
        """The highest price whose buyer pays at most ``paid`` (price plus this tax), yuan; capped at :attr:`max_price`.

        Examples
        --------
        >>> CrossBorderLevy(regime_on("2015-11-11")).price_for_paid(300)   # 200 + 50% = 300
        200.0
        >>> CrossBorderLevy(regime_on("2015-11-11")).price_for_paid(120)   # exempt up to 100
        100.0
        >>> round(CrossBorderLevy(regime_on("2019-11-11")).price_for_paid(327.3), 6)
        300.0
        """
        r, paid = self.regime, float(paid)
        if r.system == "postal":
            threshold = (r.postal_exemption_yuan or 0.0) / r.postal_tax_rate
            taxed = paid / (1 + r.postal_tax_rate)
            price = max(min(paid, threshold), taxed if taxed > threshold else 0.0)
        else:
            price = paid / (1 + (r.tariff_within_limits or 0.0) + r.comprehensive_rate)
        limit = self.max_price
        return price if limit is None else min(price, limit)

    @property
    def max_price(self) -> float | None:
        """Highest one-unit order the regime taxes as a cross-border order (the value limit), yuan."""
        limits = [v for v in (self.regime.per_order_limit_yuan, self.regime.annual_limit_yuan) if v is not None]
        return min(limits) if limits else None

    @property
    def label(self) -> str:
        """Short description, e.g. ``"cross-border tax, 2019-11-11 rules"``."""
        return f"cross-border tax, {self.regime.date.isoformat()} rules"

    def tax(self, price: np.ndarray) -> np.ndarray:
        """Tax per unit, yuan, for an array of prices (yuan)."""
        r, p = self.regime, np.asarray(price, dtype=float)
        limit = r.per_order_limit_yuan
        if r.system == "postal":
            if limit is not None and np.any(p > limit):
                self._refuse(float(p[p > limit].ravel()[0]), limit, "per-parcel")
            raw = r.postal_tax_rate * p
            return np.where(raw <= (r.postal_exemption_yuan or 0.0), 0.0, raw)
        for lim, what in ((limit, "per-order"), (r.annual_limit_yuan, "annual")):
            if lim is not None and np.any(p > lim):
                self._refuse(float(p[p > lim].ravel()[0]), lim, what)
        t_v, t_c, share = r.vat_rate, r.consumption_tax_rate, r.comprehensive_share
        ct_full = p * t_c / (1 - t_c)
        vat_full = (p + ct_full) * t_v
        return p * (r.tariff_within_limits or 0.0) + share * ct_full + share * vat_full

    def _refuse(self, price: float, limit: float, what: str) -> None:
        raise ParameterError(
            f"a one-unit order of {price:,.0f} yuan is above the {limit:,.0f}-yuan {what} limit of the rules "
            f"in force on {self.regime.date}: the cross-border tax does not apply (lower the list price)"
        )


@dataclass(frozen=True)
class VATInPrice:
    """Output VAT contained in a VAT-inclusive domestic price: ``P · t_v / (1 + t_v)`` per unit.

    A domestic seller remits it (after crediting the import VAT it paid), so it is
    borne out of the price, like a tax the seller absorbs.

    Examples
    --------
    >>> round(float(VATInPrice(0.13).tax(np.array([113.0]))[0]), 6)
    13.0
    """

    rate: float

    def __post_init__(self) -> None:
        number(self.rate, "VAT rate", low=0.0, high=1.0, high_open=True)

    @property
    def label(self) -> str:
        """Short description."""
        return f"VAT {100 * self.rate:g}% in the price"

    def tax(self, price: np.ndarray) -> np.ndarray:
        """VAT per unit, yuan, for an array of VAT-inclusive prices (yuan)."""
        return np.asarray(price, dtype=float) * self.rate / (1 + self.rate)


# ---------------------------------------------------------------------------
# tables
def who_pays(
    price_yuan: float,
    customs_value_yuan: float,
    date: dt.date | str | pd.Timestamp,
    category: str,
    parameters: pd.DataFrame | str | Path | None = None,
) -> pd.DataFrame:
    """Who pays which tax on one unit of an imported product, by channel, under the rules of a date.

    Every buyer pays the same ``price_yuan``, taxes included: the domestic seller's price contains
    VAT; the cross-border order's price is the one at which price plus cross-border tax equals it
    (:meth:`CrossBorderLevy.price_for_paid`).

    Parameters
    ----------
    price_yuan : float
        What the buyer pays for the unit, taxes included, yuan.
    customs_value_yuan : float
        Purchase abroad plus freight and insurance (CIF), yuan: the general-trade customs value.
    date : date or str
    category : str
        Explicit category, e.g. ``"cosmetics_skincare_ordinary"``.
    parameters : DataFrame or path, optional

    Returns
    -------
    pandas.DataFrame
        One row per channel (general-trade domestic seller; cross-border order;
        unsold bonded stock imported as general trade, with ``available`` saying whether
        the rules of the date allow it): ``channel``, ``taxpayer``, ``tariff_yuan``,
        ``consumption_tax_yuan``, ``vat_yuan`` (net VAT borne: output VAT on the price
        for general trade), ``tax_yuan``, ``seller_gets_yuan`` (what is left of the buyer's payment
        after taxes, before the cost), ``buyer_pays_yuan``, ``available``. Yuan rounded to 0.1.

    References
    ----------
    Cai Guan Shui [2016] No. 18 (the buyer is the taxpayer of cross-border orders; the
    platform withholds); GAC Announcement 2018 No. 194 (bonded stock imported as general trade).

    Examples
    --------
    >>> t = who_pays(300, 150, "2019-11-11", "cosmetics_skincare_ordinary")
    >>> t[["tariff_yuan", "vat_yuan", "tax_yuan", "seller_gets_yuan"]].values.tolist()[:2]
    [[1.5, 34.5, 36.0, 264.0], [0.0, 25.0, 25.0, 275.0]]
    """
    p = number(price_yuan, "price_yuan", low=0.0, low_open=True, unit="yuan")
    v = number(customs_value_yuan, "customs_value_yuan", low=0.0, low_open=True, unit="yuan")
    regime = regime_on(date, category, parameters)
    rates = general_trade_rates(date, category, parameters)
    tariff, ct, _import_vat = rates.import_taxes(v)
    out_vat = p * rates.vat / (1 + rates.vat)
    cb = order_tax(CrossBorderLevy(regime).price_for_paid(p), date, category, parameters=parameters)
    rows = [
        {
            "channel": "general trade (一般贸易): domestic importer sells at a VAT-inclusive price",
            "taxpayer": "importer pays tariff and consumption tax at the border; VAT is remitted on the sale (import VAT credited)",
            "tariff_yuan": tariff,
            "consumption_tax_yuan": ct,
            "vat_yuan": out_vat,
            "buyer_pays_yuan": p,
            "available": True,
        },
        {
            "channel": (
                "cross-border order (1210 bonded / 9610 direct mail): postal-articles tax"
                if cb.basis == "postal"
                else "cross-border order (1210 bonded / 9610 direct mail): comprehensive tax"
            ),
            "taxpayer": "buyer (withheld by the platform or carrier); a platform that absorbs it (包税) pays it out of its price",
            "tariff_yuan": cb.tariff,
            "consumption_tax_yuan": cb.consumption_tax,
            "vat_yuan": cb.vat + cb.postal_tax,
            "buyer_pays_yuan": cb.landed_price,
            "available": True,
        },
        {
            "channel": "unsold bonded stock imported as general trade (GAC 2018/194)",
            "taxpayer": "platform pays general-trade tariff and consumption tax; VAT on the resale (import VAT credited)",
            "tariff_yuan": tariff,
            "consumption_tax_yuan": ct,
            "vat_yuan": out_vat,
            "buyer_pays_yuan": p,
            "available": regime.general_trade_import,
        },
    ]
    out = pd.DataFrame(rows)
    out["tax_yuan"] = out["tariff_yuan"] + out["consumption_tax_yuan"] + out["vat_yuan"]
    out["seller_gets_yuan"] = out["buyer_pays_yuan"] - out["tax_yuan"]
    cols = [
        "channel",
        "taxpayer",
        "tariff_yuan",
        "consumption_tax_yuan",
        "vat_yuan",
        "tax_yuan",
        "seller_gets_yuan",
        "buyer_pays_yuan",
        "available",
    ]
    out = out[cols]
    money = [c for c in cols if c.endswith("_yuan")]
    out[money] = out[money].round(1)
    return out


def cosmetics_category(
    price_yuan: float,
    date: dt.date | str | pd.Timestamp,
    *,
    volume_ml: float | None = None,
    pieces: int | None = None,
    kind: str | None = None,
    parameters: pd.DataFrame | str | Path | None = None,
) -> str:
    """Ordinary or high-end cosmetics under Cai Shui [2016] No. 103 (price per ml or per piece).

    Parameters
    ----------
    price_yuan : float
        Price excluding VAT, yuan (the rule's basis).
    date : date or str
        Before 2016-10-01 no threshold existed (make-up paid 30% whatever its price).
    volume_ml : float, optional
        Content in ml (or g); high-end at >= 10 yuan per ml.
    pieces : int, optional
        For products sold by the piece; high-end at >= 15 yuan per piece.
    kind : str, optional
        ``"skincare"`` or ``"makeup"``: return the explicit category
        (``"cosmetics_skincare_high_end"``; before 2016-10-01 ``"..._ordinary"``, as no
        threshold defined high-end). Without it, the legacy names
        (``"cosmetics"`` before 2016-10-01, ``"cosmetics_ordinary"``, ``"cosmetics_high_end"``).
    parameters : DataFrame or path, optional

    Returns
    -------
    str

    Examples
    --------
    >>> cosmetics_category(300, "2016-11-11", volume_ml=100, kind="skincare")   # 3 yuan/ml
    'cosmetics_skincare_ordinary'
    >>> cosmetics_category(300, "2016-11-11", volume_ml=30)    # 10 yuan/ml
    'cosmetics_high_end'
    """
    if (volume_ml is None) == (pieces is None):
        raise ParameterError("give exactly one of volume_ml or pieces")
    if kind is not None and kind not in ("skincare", "makeup"):
        raise ParameterError(f"kind must be 'skincare' or 'makeup', got {kind!r}")
    per_ml = parameter_on("high_end_threshold_yuan_per_ml", date, "cosmetics", parameters)
    per_piece = parameter_on("high_end_threshold_yuan_per_piece", date, "cosmetics", parameters)
    if volume_ml is not None:
        number(volume_ml, "volume_ml", low=0.0, low_open=True, unit="ml")
    elif not (isinstance(pieces, (int, np.integer)) and pieces > 0):
        raise ParameterError(f"pieces must be a positive integer, got {pieces!r}")
    if per_ml is None or per_piece is None:
        return "cosmetics" if kind is None else f"cosmetics_{kind}_ordinary"
    high = price_yuan / volume_ml >= per_ml if volume_ml is not None else price_yuan / pieces >= per_piece
    grade = "high_end" if high else "ordinary"
    return f"cosmetics_{grade}" if kind is None else f"cosmetics_{kind}_{grade}"


def tax_timeline(
    price_yuan: float,
    dates: list[str] | list[dt.date] | pd.DatetimeIndex,
    categories: tuple[str, ...] = ("cosmetics_skincare_ordinary", "cosmetics_skincare_high_end"),
    parameters: pd.DataFrame | str | Path | None = None,
) -> pd.DataFrame:
    """Tax on one cross-border order at several dates and categories, as a tidy table.

    Parameters
    ----------
    price_yuan : float
        Order price, yuan (within the limits on every date).
    dates : list of date or str
    categories : tuple of str
    parameters : DataFrame or path, optional

    Returns
    -------
    pandas.DataFrame
        Columns date, category, system, tax_yuan, effective_rate, landed_price_yuan
        (price + tax), net_if_absorbed_yuan (price - tax: what a platform keeps when it
        sells at a tax-inclusive price and pays the tax itself), exempt.

    Examples
    --------
    >>> t = tax_timeline(200, ["2015-11-11", "2019-11-11"], ("cosmetics_skincare_ordinary",))
    >>> t["tax_yuan"].round(2).tolist()
    [100.0, 18.2]
    """
    rows = []
    for d in dates:
        for cat in categories:
            o = order_tax(price_yuan, d, cat, parameters=parameters)
            rows.append(
                {
                    "date": pd.Timestamp(o.regime.date),
                    "category": cat,
                    "system": o.basis,
                    "tax_yuan": o.tax,
                    "effective_rate": o.effective_rate,
                    "landed_price_yuan": o.landed_price,
                    "net_if_absorbed_yuan": o.price_yuan - o.tax,
                    "exempt": o.exempt,
                }
            )
    return pd.DataFrame(rows)


def tax_path(
    price_yuan: float,
    start: dt.date | str,
    end: dt.date | str,
    categories: tuple[str, ...],
    parameters: pd.DataFrame | str | Path | None = None,
) -> pd.DataFrame:
    """The cross-border tax on one order as a step function of the date: one row per change.

    Evaluates :func:`tax_timeline` only on ``start`` and on the days the parameter table
    changes between ``start`` and ``end`` (the tax is constant in between), plus ``end``.

    Parameters
    ----------
    price_yuan : float
        Order price, yuan.
    start, end : date or str
        Window (inclusive).
    categories : tuple of str
    parameters : DataFrame or path, optional

    Returns
    -------
    pandas.DataFrame
        As :func:`tax_timeline`, dates ascending; draw with ``where="post"`` steps.

    Examples
    --------
    >>> t = tax_path(300, "2016-01-01", "2016-12-31", ("cosmetics_makeup_ordinary",))
    >>> [(str(d.date()), round(r, 3)) for d, r in zip(t["date"], t["effective_rate"])]
    [('2016-01-01', 0.5), ('2016-04-08', 0.47), ('2016-10-01', 0.119), ('2016-12-31', 0.119)]
    """
    return tax_timeline(price_yuan, change_dates(start, end, parameters), categories, parameters)


def change_dates(
    start: dt.date | str | pd.Timestamp,
    end: dt.date | str | pd.Timestamp,
    parameters: pd.DataFrame | str | Path | None = None,
) -> list[pd.Timestamp]:
    """``start``, every day the parameter table changes strictly between ``start`` and ``end``, and ``end``.

    Examples
    --------
    >>> [str(d.date()) for d in change_dates("2016-01-01", "2016-12-31")]
    ['2016-01-01', '2016-04-08', '2016-10-01', '2016-12-31']
    """
    t0, t1 = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    if not t0 <= t1:
        raise ParameterError(f"start ({t0.date()}) must not be after end ({t1.date()})")
    table = parameter_table(parameters)
    changes = set(table["effective_from"]) | {d + pd.Timedelta(days=1) for d in table["effective_to"].dropna()}
    return sorted({t0, t1} | {d for d in changes if t0 < d < t1})


def tax_by_price(
    prices: np.ndarray | list[float],
    date: dt.date | str | pd.Timestamp,
    category: str,
    parameters: pd.DataFrame | str | Path | None = None,
) -> np.ndarray:
    """Cross-border tax on a one-item order at each of many prices under one date's rules, yuan.

    Prices above the regime's value limit (where the cross-border tax does not apply) give NaN.

    Examples
    --------
    >>> tax_by_price([100, 300, 1200], "2015-11-11", "cosmetics_skincare_ordinary").tolist()
    [0.0, 150.0, nan]
    """
    levy = CrossBorderLevy(regime_on(date, category, parameters))
    x = np.asarray(prices, dtype=float)
    limit = levy.max_price
    inside = np.ones(x.shape, dtype=bool) if limit is None else x <= limit
    out = np.full(x.shape, np.nan)
    out[inside] = levy.tax(x[inside])
    return out
