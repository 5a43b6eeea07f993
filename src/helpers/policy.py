"""China's cross-border retail-import (跨境电商零售进口) rules: the regime in force on a date and the tax on an order.

The rules live in two dated tables under ``data/policy/``: ``cross_border_rules.csv``
(one row per rule change, for timelines) and ``cross_border_parameters.csv`` (one
row per parameter value and validity interval: tax rates, limits, return windows).
This module reads and checks them, returns the :class:`Regime` in force on a
date for a product category, and computes the tax on an order under it:

* before 2016-04-08 the personal postal-articles tax (行邮税): ``tax = rate * P``,
  waived when it is 50 yuan or less (GAC Announcement 2010 No. 43);
* from 2016-04-08 the cross-border comprehensive tax (跨境电商综合税) within the
  limits: tariff 0, consumption tax ``CT = P * t_c / (1 - t_c)``, VAT
  ``= (P + CT) * t_v``, tax ``= 0.7 * (CT + VAT)`` (Cai Guan Shui [2016] No. 18);
* above the per-order or annual limit, full general-trade tax, which needs the
  product's general-trade tariff rate (not in the tables: the caller supplies it).

Categories fall back from specific to general: ``cosmetics_high_end`` ->
``cosmetics`` -> ``all``.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.errors import DataError, ParameterError
from helpers.paths import resolve

#: Default location of the parameter table (repo-relative).
PARAMETERS_CSV = "data/policy/cross_border_parameters.csv"
#: Default location of the rule-change table (repo-relative).
RULES_CSV = "data/policy/cross_border_rules.csv"

CONFIDENCE_LEVELS = ("verified", "verified-secondary", "conflicting", "unverified")
_PARAMETER_COLUMNS = (
    "parameter", "category", "value", "unit", "effective_from", "effective_to",
    "rule_id", "confidence", "source", "source_url", "note",
)
_RULE_COLUMNS = ("date", "rule_id", "document", "rule", "rule_zh", "confidence", "source", "source_url", "note")
_SHARE_PARAMETERS = (
    "postal_tax_rate", "postal_tax_tier_rate", "comprehensive_tax_share",
    "tariff_rate_within_limits", "vat_rate", "consumption_tax_rate",
)

_cache: dict[tuple[str, float], pd.DataFrame] = {}
_regime_cache: dict[tuple, "Regime"] = {}
_index_cache: dict[int, tuple[pd.DataFrame, dict]] = {}


# ---------------------------------------------------------------------------
# loading and validation
# ---------------------------------------------------------------------------
def _read_csv(path: str | Path, columns: tuple[str, ...]) -> tuple[pd.DataFrame, Path]:
    file = resolve(path)
    if not file.exists():
        raise DataError("file not found", path=path)
    try:
        frame = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot be read as UTF-8 CSV ({exc})", path=path) from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(f"missing column(s) {', '.join(missing)}; expected {', '.join(columns)}", path=path, line=1)
    return frame, file


def _parse_date(text: str, *, path: str | Path, line: int, column: str, required: bool) -> pd.Timestamp | None:
    text = text.strip()
    if not text:
        if required:
            raise DataError("expected a date YYYY-MM-DD, got an empty cell", path=path, line=line, column=column)
        return None
    try:
        return pd.Timestamp(dt.date.fromisoformat(text))
    except ValueError:
        raise DataError(f"expected a date YYYY-MM-DD, got {text!r}", path=path, line=line, column=column) from None


def _check_text(frame: pd.DataFrame, path: str | Path) -> None:
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        if not str(row.source).strip():
            raise DataError("every row needs a source, got an empty cell", path=path, line=i, column="source")
        if row.confidence not in CONFIDENCE_LEVELS:
            raise DataError(
                f"expected one of {', '.join(CONFIDENCE_LEVELS)}, got {row.confidence!r}",
                path=path, line=i, column="confidence",
            )


def load_parameters(path: str | Path = PARAMETERS_CSV) -> pd.DataFrame:
    """Read and check the dated table of cross-border tax and limit parameters.

    Parameters
    ----------
    path : str or Path
        CSV with columns parameter, category, value, unit, effective_from,
        effective_to (blank = still in force), rule_id, confidence, source,
        source_url, note. Repo-relative paths resolve from the repository root.

    Returns
    -------
    pandas.DataFrame
        One row per parameter value; ``value`` as float, ``effective_from`` and
        ``effective_to`` as Timestamps (``NaT`` = open-ended), sorted by
        parameter, category and start date.

    Raises
    ------
    DataError
        Naming file, line and column: a missing column, a non-numeric value, a
        share outside [0, 1), a bad date, an interval that ends before it
        starts, overlapping intervals for one parameter and category, an empty
        source or an unknown confidence word.

    Examples
    --------
    >>> table = load_parameters()
    >>> float(table.query("parameter == 'comprehensive_tax_share'")["value"].iloc[0])
    0.7
    """
    frame, file = _read_csv(path, _PARAMETER_COLUMNS)
    _check_text(frame, path)
    values, starts, ends = [], [], []
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        try:
            value = float(row.value)
        except ValueError:
            raise DataError(f"expected a number, got {row.value!r}", path=path, line=i, column="value") from None
        if not math.isfinite(value) or value < 0:
            raise DataError(f"expected a non-negative number, got {row.value!r}", path=path, line=i, column="value")
        if row.parameter in _SHARE_PARAMETERS and value >= 1:
            raise DataError(f"expected a share in [0, 1), got {row.value!r}", path=path, line=i, column="value")
        start = _parse_date(row.effective_from, path=path, line=i, column="effective_from", required=True)
        end = _parse_date(row.effective_to, path=path, line=i, column="effective_to", required=False)
        if end is not None and end < start:
            raise DataError(
                f"effective_to {row.effective_to} is before effective_from {row.effective_from}",
                path=path, line=i, column="effective_to",
            )
        values.append(value)
        starts.append(start)
        ends.append(end if end is not None else pd.NaT)
    out = frame.assign(
        value=np.array(values, dtype=float),
        effective_from=pd.to_datetime(pd.Series(starts, dtype="datetime64[ns]")),
        effective_to=pd.to_datetime(pd.Series(ends, dtype="datetime64[ns]")),
        line=np.arange(2, len(frame) + 2),
    )
    # no two intervals of one (parameter, category) may overlap
    for (param, cat), group in out.groupby(["parameter", "category"], sort=True):
        g = group.sort_values("effective_from")
        prev_end, prev_line = None, None
        for row in g.itertuples(index=False):
            if prev_line is not None and (prev_end is pd.NaT or prev_end >= row.effective_from):
                raise DataError(
                    f"interval for {param!r} ({cat}) overlaps the one on line {prev_line}",
                    path=path, line=int(row.line), column="effective_from",
                )
            prev_end, prev_line = row.effective_to, int(row.line)
    return out.sort_values(["parameter", "category", "effective_from"], kind="stable").reset_index(drop=True)


def load_rules(path: str | Path = RULES_CSV) -> pd.DataFrame:
    """Read and check the dated table of rule changes (for timelines).

    Parameters
    ----------
    path : str or Path
        CSV with columns date, rule_id, document, rule, rule_zh, confidence,
        source, source_url, note.

    Returns
    -------
    pandas.DataFrame
        One row per rule change, ``date`` as Timestamp, sorted by date then rule_id.

    Raises
    ------
    DataError
        A missing column, a bad date, a duplicated rule_id, an empty source or
        an unknown confidence word (with file, line and column).

    Examples
    --------
    >>> rules = load_rules()
    >>> str(rules.loc[rules.rule_id == "cgs_2016_18", "date"].iloc[0].date())
    '2016-04-08'
    """
    frame, file = _read_csv(path, _RULE_COLUMNS)
    _check_text(frame, path)
    dates, seen = [], {}
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        dates.append(_parse_date(row.date, path=path, line=i, column="date", required=True))
        if row.rule_id in seen:
            raise DataError(f"rule_id {row.rule_id!r} already used on line {seen[row.rule_id]}", path=path, line=i, column="rule_id")
        seen[row.rule_id] = i
    out = frame.assign(date=pd.to_datetime(pd.Series(dates, dtype="datetime64[ns]")))
    return out.sort_values(["date", "rule_id"], kind="stable").reset_index(drop=True)


def _table(parameters: pd.DataFrame | str | Path | None) -> pd.DataFrame:
    if isinstance(parameters, pd.DataFrame):
        return parameters
    path = resolve(PARAMETERS_CSV if parameters is None else parameters)
    key = (str(path), path.stat().st_mtime if path.exists() else 0.0)
    if key not in _cache:
        _cache[key] = load_parameters(path)
    return _cache[key]


def _index(table: pd.DataFrame) -> dict[tuple[str, str], list[tuple[pd.Timestamp, pd.Timestamp | None, float]]]:
    """{(parameter, category): [(start, end or None, value), ...]} for fast look-ups (cached per table object)."""
    cached = _index_cache.get(id(table))
    if cached is not None and cached[0] is table:
        return cached[1]
    index: dict[tuple[str, str], list] = {}
    for row in table[["parameter", "category", "effective_from", "effective_to", "value"]].itertuples(index=False):
        end = None if pd.isna(row.effective_to) else row.effective_to
        index.setdefault((row.parameter, row.category), []).append((row.effective_from, end, float(row.value)))
    if len(_index_cache) > 32:
        _index_cache.clear()
    _index_cache[id(table)] = (table, index)
    return index


def _as_timestamp(date: dt.date | str | pd.Timestamp) -> pd.Timestamp:
    try:
        return pd.Timestamp(date).normalize()
    except (ValueError, TypeError):
        raise ParameterError(f"date must be a date or 'YYYY-MM-DD', got {date!r}") from None


def _categories(category: str) -> list[str]:
    """Lookup order for a category: 'cosmetics_high_end' -> cosmetics_high_end, cosmetics, all."""
    parts = category.split("_")
    chain = ["_".join(parts[:k]) for k in range(len(parts), 0, -1)]
    return chain + ([] if category == "all" else ["all"])


def parameter_on(
    name: str,
    date: dt.date | str | pd.Timestamp,
    category: str = "all",
    parameters: pd.DataFrame | str | Path | None = None,
) -> float | None:
    """Value of one rule parameter in force on a date, or None if none is.

    Parameters
    ----------
    name : str
        Parameter name, e.g. ``"vat_rate"``, ``"per_order_limit_yuan"``.
    date : date or str
        Calendar date (``"YYYY-MM-DD"``).
    category : str
        Product category; falls back to its prefixes and then ``"all"``.
    parameters : DataFrame or path, optional
        Table from :func:`load_parameters`; default the shipped table.

    Returns
    -------
    float or None
        The value (a share, yuan or days, see the table's unit column).

    Examples
    --------
    >>> parameter_on("vat_rate", "2018-11-11")
    0.16
    >>> parameter_on("consumption_tax_rate", "2016-11-11", "cosmetics_high_end")
    0.15
    >>> parameter_on("annual_limit_yuan", "2015-11-11") is None
    True
    """
    index = _index(_table(parameters))
    when = _as_timestamp(date)
    for cat in _categories(category):
        for start, end, value in index.get((name, cat), ()):
            if start <= when and (end is None or when <= end):
                return value
    return None


# ---------------------------------------------------------------------------
# regime and tax
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Regime:
    """The cross-border retail-import rules in force on one date for one category.

    Attributes
    ----------
    date : datetime.date
    category : str
    system : str
        ``"postal"`` (postal-articles tax) or ``"comprehensive"`` (cross-border
        comprehensive tax from 2016-04-08).
    postal_tax_rate, postal_exemption_yuan : float or None
        Postal system only: rate (share) and the waived tax amount (yuan).
    vat_rate, consumption_tax_rate, comprehensive_share, tariff_within_limits : float or None
        Comprehensive system only (shares).
    per_order_limit_yuan, annual_limit_yuan : float or None
        Value limits (yuan); None where no limit applies.
    returns_into_bonded_zone : bool
        Whether consumer returns can go back into the bonded zone (GAC 2018/194).
    return_window_days : int or None
        Days after clearance within which a return must be applied for (tax refund
        window from 2016, return window from 2019); None where none is recorded.
    """

    date: dt.date
    category: str
    system: str
    postal_tax_rate: float | None
    postal_exemption_yuan: float | None
    vat_rate: float | None
    consumption_tax_rate: float | None
    comprehensive_share: float | None
    tariff_within_limits: float | None
    per_order_limit_yuan: float | None
    annual_limit_yuan: float | None
    returns_into_bonded_zone: bool
    return_window_days: int | None

    @property
    def comprehensive_rate(self) -> float | None:
        """Comprehensive tax as a share of the order price (None under the postal system)."""
        if self.system != "comprehensive":
            return None
        return comprehensive_rate(self.vat_rate, self.consumption_tax_rate, self.comprehensive_share)


def regime_on(
    date: dt.date | str | pd.Timestamp,
    category: str = "cosmetics_ordinary",
    parameters: pd.DataFrame | str | Path | None = None,
) -> Regime:
    """The cross-border retail-import regime in force on a date.

    Parameters
    ----------
    date : date or str
        Calendar date, e.g. ``"2015-11-11"``.
    category : str
        Product category, e.g. ``"cosmetics_ordinary"``, ``"cosmetics_high_end"``
        (falls back to ``"cosmetics"`` and ``"all"``).
    parameters : DataFrame or path, optional
        Table from :func:`load_parameters`; default the shipped table.

    Returns
    -------
    Regime

    Raises
    ------
    ParameterError
        If the date is before the table starts (2010-09-01) or the category has
        no tax rate on that date.

    References
    ----------
    GAC Announcement 2010 No. 43; Cai Guan Shui [2016] No. 18; Cai Shui [2016]
    No. 103; Cai Guan Shui [2018] No. 49; GAC Announcement 2018 No. 194.

    Examples
    --------
    >>> regime_on("2015-11-11").system
    'postal'
    >>> r = regime_on("2019-11-11", "cosmetics_high_end")
    >>> (r.per_order_limit_yuan, r.annual_limit_yuan, r.returns_into_bonded_zone)
    (5000.0, 26000.0, True)
    """
    when = _as_timestamp(date)
    cache_key = None
    if not isinstance(parameters, pd.DataFrame):
        path = resolve(PARAMETERS_CSV if parameters is None else parameters)
        cache_key = (str(path), path.stat().st_mtime if path.exists() else 0.0, when, category)
        if cache_key in _regime_cache:
            return _regime_cache[cache_key]
    table = _table(parameters)

    def get(name: str) -> float | None:
        return parameter_on(name, when, category, table)

    share = get("comprehensive_tax_share")
    postal_rate = get("postal_tax_rate")
    if share is not None:
        system = "comprehensive"
        vat, ct = get("vat_rate"), get("consumption_tax_rate")
        if vat is None or ct is None:
            raise ParameterError(
                f"no VAT or consumption-tax rate for category {category!r} on {when.date()} "
                f"(known categories: {', '.join(sorted(set(table['category'])))})"
            )
    elif postal_rate is not None:
        system, vat, ct = "postal", None, None
    else:
        first = table["effective_from"].min().date()
        raise ParameterError(
            f"no cross-border tax rule for category {category!r} on {when.date()} "
            f"(the table starts {first}; postal rates are recorded for: "
            f"{', '.join(sorted(set(table.loc[table.parameter == 'postal_tax_rate', 'category'])))})"
        )
    returns_flag = get("returns_into_bonded_zone")
    window = get("return_application_window_days")
    if window is None:
        window = get("return_tax_refund_window_days")
    regime = Regime(
        date=when.date(),
        category=category,
        system=system,
        postal_tax_rate=postal_rate if system == "postal" else None,
        postal_exemption_yuan=get("postal_tax_exemption_yuan") if system == "postal" else None,
        vat_rate=vat,
        consumption_tax_rate=ct,
        comprehensive_share=share,
        tariff_within_limits=get("tariff_rate_within_limits") if system == "comprehensive" else None,
        per_order_limit_yuan=get("per_order_limit_yuan"),
        annual_limit_yuan=get("annual_limit_yuan"),
        returns_into_bonded_zone=bool(returns_flag) if returns_flag is not None else False,
        return_window_days=None if window is None else int(window),
    )
    if cache_key is not None:
        _regime_cache[cache_key] = regime
    return regime


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
        share * (t_c / (1 - t_c) + (1 + t_c / (1 - t_c)) * t_v)
        = share * (t_c + t_v) / (1 - t_c).

    References
    ----------
    Cai Guan Shui [2016] No. 18; consumption tax on the composite assessable
    price P / (1 - t_c).

    Examples
    --------
    >>> round(comprehensive_rate(0.17, 0.30), 6)   # cosmetics, 2016-04-08 .. 2016-09-30
    0.47
    >>> round(comprehensive_rate(0.17, 0.0), 6)    # ordinary cosmetics from 2016-10-01
    0.119
    """
    for name, v in (("vat_rate", vat_rate), ("consumption_tax_rate", consumption_tax_rate), ("share", share)):
        if not (0 <= v < 1) or not math.isfinite(v):
            raise ParameterError(f"{name} must be a share in [0, 1), got {v!r}")
    return share * (consumption_tax_rate + vat_rate) / (1 - consumption_tax_rate)


@dataclass(frozen=True)
class OrderTax:
    """Tax on one cross-border order, all amounts in yuan.

    Attributes
    ----------
    price_yuan : float
        Dutiable price of the order (transaction price incl. freight and insurance).
    basis : str
        ``"postal"``, ``"comprehensive"`` (within limits) or ``"general_trade"``
        (above a limit, full tax).
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
    category: str = "cosmetics_ordinary",
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
        Product category (see :func:`regime_on`).
    year_to_date_yuan : float
        The buyer's cross-border purchases earlier in the calendar year, yuan
        (for the annual limit; ignored under the postal system).
    general_trade_tariff : float, optional
        The product's general-trade import tariff rate (share). Needed only
        when the order is above a limit and full general-trade tax applies.
    indivisible : bool
        Postal system: a single indivisible item above the per-parcel limit
        may still clear as a personal article (GAC 2010/43, art. 3).
    parameters : DataFrame or path, optional
        Table from :func:`load_parameters`; default the shipped table.

    Returns
    -------
    OrderTax

    Raises
    ------
    ParameterError
        Non-positive price, negative year-to-date spending, a divisible parcel
        above the postal per-parcel limit, or an order above a limit without
        ``general_trade_tariff``.

    References
    ----------
    Postal: tax = rate * P, waived when <= 50 yuan (GAC Announcement 2010
    No. 43). Comprehensive: CT = P t_c / (1 - t_c), VAT = (P + CT) t_v, tax =
    0.7 (CT + VAT) (Cai Guan Shui [2016] No. 18). General trade: tariff = P t_m,
    CT = (P + tariff) t_c / (1 - t_c), VAT = (P + tariff + CT) t_v.

    Examples
    --------
    >>> order_tax(100, "2015-11-11").tax          # 50% of 100 = 50 <= 50: waived
    0.0
    >>> round(order_tax(200, "2016-06-18").tax, 2)  # 47% of 200
    94.0
    >>> round(order_tax(200, "2019-11-11").tax, 2)  # 0.7 * 13% of 200
    18.2
    """
    if not (isinstance(price_yuan, (int, float, np.floating, np.integer)) and math.isfinite(price_yuan) and price_yuan > 0):
        raise ParameterError(f"price_yuan must be a positive number of yuan, got {price_yuan!r}")
    if not (math.isfinite(year_to_date_yuan) and year_to_date_yuan >= 0):
        raise ParameterError(f"year_to_date_yuan must be >= 0 yuan, got {year_to_date_yuan!r}")
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
        exemption = regime.postal_exemption_yuan or 0.0
        exempt = raw <= exemption
        tax = 0.0 if exempt else raw
        return OrderTax(p, "postal", 0.0, 0.0, 0.0, tax, tax, exempt, regime)

    over_order = regime.per_order_limit_yuan is not None and p > regime.per_order_limit_yuan
    over_year = regime.annual_limit_yuan is not None and p + year_to_date_yuan > regime.annual_limit_yuan
    t_v, t_c = regime.vat_rate, regime.consumption_tax_rate
    if over_order or over_year:
        if general_trade_tariff is None:
            which = "per-order" if over_order else "annual"
            raise ParameterError(
                f"the order ({p:,.0f} yuan, {year_to_date_yuan:,.0f} yuan earlier this year) is above the "
                f"{which} limit on {regime.date}: full general-trade tax applies; pass general_trade_tariff "
                "(the product's import tariff rate)"
            )
        if not (0 <= general_trade_tariff < 10):
            raise ParameterError(f"general_trade_tariff must be a non-negative share, got {general_trade_tariff!r}")
        tariff = p * general_trade_tariff
        ct = (p + tariff) * t_c / (1 - t_c)
        vat = (p + tariff + ct) * t_v
        return OrderTax(p, "general_trade", tariff, ct, vat, 0.0, tariff + ct + vat, False, regime)

    share = regime.comprehensive_share
    ct_full = p * t_c / (1 - t_c)
    vat_full = (p + ct_full) * t_v
    tariff = p * (regime.tariff_within_limits or 0.0)
    ct, vat = share * ct_full, share * vat_full
    return OrderTax(p, "comprehensive", tariff, ct, vat, 0.0, tariff + ct + vat, False, regime)


def cosmetics_category(
    price_yuan: float,
    date: dt.date | str | pd.Timestamp,
    *,
    volume_ml: float | None = None,
    pieces: int | None = None,
    parameters: pd.DataFrame | str | Path | None = None,
) -> str:
    """Ordinary or high-end cosmetics under Cai Shui [2016] No. 103.

    Parameters
    ----------
    price_yuan : float
        Price excluding VAT, yuan (the rule's basis; the caller's simplification
        if a retail price is used).
    date : date or str
        Before 2016-10-01 there is one cosmetics rate, and ``"cosmetics"`` is returned.
    volume_ml : float, optional
        Content in ml (or g); high-end at >= 10 yuan per ml.
    pieces : int, optional
        For products sold by the piece; high-end at >= 15 yuan per piece.
    parameters : DataFrame or path, optional
        Table from :func:`load_parameters`; default the shipped table.

    Returns
    -------
    str
        ``"cosmetics"``, ``"cosmetics_ordinary"`` or ``"cosmetics_high_end"``.

    Examples
    --------
    >>> cosmetics_category(300, "2016-11-11", volume_ml=100)   # 3 yuan/ml
    'cosmetics_ordinary'
    >>> cosmetics_category(300, "2016-11-11", volume_ml=30)    # 10 yuan/ml
    'cosmetics_high_end'
    """
    if (volume_ml is None) == (pieces is None):
        raise ParameterError("give exactly one of volume_ml or pieces")
    per_ml = parameter_on("high_end_threshold_yuan_per_ml", date, "cosmetics", parameters)
    per_piece = parameter_on("high_end_threshold_yuan_per_piece", date, "cosmetics", parameters)
    if per_ml is None or per_piece is None:
        return "cosmetics"
    if volume_ml is not None:
        if not volume_ml > 0:
            raise ParameterError(f"volume_ml must be positive, got {volume_ml!r}")
        high = price_yuan / volume_ml >= per_ml
    else:
        if not (pieces is not None and pieces > 0):
            raise ParameterError(f"pieces must be a positive integer, got {pieces!r}")
        high = price_yuan / pieces >= per_piece
    return "cosmetics_high_end" if high else "cosmetics_ordinary"


def tax_timeline(
    price_yuan: float,
    dates: list[str] | list[dt.date],
    categories: tuple[str, ...] = ("cosmetics_ordinary", "cosmetics_high_end"),
    parameters: pd.DataFrame | str | Path | None = None,
) -> pd.DataFrame:
    """Tax on one order at several dates and categories, as a tidy table.

    Parameters
    ----------
    price_yuan : float
        Order price, yuan (within the limits on every date).
    dates : list of date or str
        Dates to evaluate.
    categories : tuple of str
        Product categories.
    parameters : DataFrame or path, optional
        Table from :func:`load_parameters`.

    Returns
    -------
    pandas.DataFrame
        Columns date, category, system, tax_yuan, effective_rate,
        landed_price_yuan (price + tax), net_if_absorbed_yuan (price - tax:
        what a platform keeps when it sells at a tax-inclusive price and pays
        the tax itself), exempt.

    Examples
    --------
    >>> t = tax_timeline(200, ["2015-11-11", "2019-11-11"], ("cosmetics_ordinary",))
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
