"""The cross-border retail-import regime in force on a date, for one product category.

:func:`parameter_on` looks one value up in the dated parameter table;
:func:`regime_on` gathers everything a model needs on a date into a frozen
:class:`Regime` (the tax system and rates, limits, return rules, whether unsold
bonded stock may be imported as general trade) with the rule ids it rests on, the
last change before the date and whether the date lies after the last change the
table records (then the regime is the table's last one, an assumption).
``regime_on`` is cached per table, date and category.

Categories fall back from specific to general by dropping ``_``-parts:
``cosmetics_skincare_high_end`` -> ``cosmetics_skincare`` -> ``cosmetics`` -> ``all``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.errors import ParameterError
from helpers.policy.tables import last_change, parameter_table, table_key

__all__ = [
    "RETURNS_REGIMES",
    "Regime",
    "categories",
    "parameter_on",
    "parameters_in_force",
    "regime_label",
    "regime_on",
    "rules_in_force",
]

#: The three returns regimes a date can fall in (see :attr:`Regime.returns_regime`).
RETURNS_REGIMES = ("none", "in law, rare in practice", "into the bonded zone")

_index_cache: dict[tuple, dict] = {}
_regime_cache: dict[tuple, tuple[pd.DataFrame | None, Regime]] = {}


def _index(table: pd.DataFrame) -> dict[tuple[str, str], list[tuple[pd.Timestamp, pd.Timestamp | None, float, str]]]:
    """{(parameter, category): [(start, end or None, value, rule_id), ...]}, cached per table object."""
    key = (id(table), len(table))
    cached = _index_cache.get(key)
    if cached is not None and cached["table"] is table:
        return cached["index"]
    index: dict[tuple[str, str], list] = {}
    for row in table[["parameter", "category", "effective_from", "effective_to", "value", "rule_id"]].itertuples(
        index=False
    ):
        end = None if pd.isna(row.effective_to) else row.effective_to
        index.setdefault((row.parameter, row.category), []).append(
            (row.effective_from, end, float(row.value), row.rule_id)
        )
    if len(_index_cache) > 32:
        _index_cache.clear()
    _index_cache[key] = {"table": table, "index": index}
    return index


def _as_timestamp(date: dt.date | str | pd.Timestamp) -> pd.Timestamp:
    try:
        out = pd.Timestamp(date)
    except (ValueError, TypeError):
        raise ParameterError(f"date must be a date or 'YYYY-MM-DD', got {date!r}") from None
    if pd.isna(out):
        raise ParameterError(f"date must be a date or 'YYYY-MM-DD', got {date!r}")
    return out.normalize()


def categories(category: str) -> list[str]:
    """Look-up order for a category, from specific to ``"all"``.

    Examples
    --------
    >>> categories("cosmetics_skincare_ordinary")
    ['cosmetics_skincare_ordinary', 'cosmetics_skincare', 'cosmetics', 'all']
    """
    if not isinstance(category, str) or not category:
        raise ParameterError(f"category must be a non-empty text, got {category!r}")
    parts = category.split("_")
    chain = ["_".join(parts[:k]) for k in range(len(parts), 0, -1)]
    return chain + ([] if category == "all" else ["all"])


def _lookup(index: dict, name: str, when: pd.Timestamp, category: str) -> tuple[float, str, pd.Timestamp] | None:
    for cat in categories(category):
        for start, end, value, rule in index.get((name, cat), ()):
            if start <= when and (end is None or when <= end):
                return value, rule, start
    return None


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
        Table from :func:`helpers.policy.load_parameters`; default the shipped table.

    Returns
    -------
    float or None
        The value (a share, yuan, days or a 0/1 flag: see the table's unit column).

    Examples
    --------
    >>> parameter_on("vat_rate", "2018-11-11")
    0.16
    >>> parameter_on("consumption_tax_rate", "2016-11-11", "cosmetics_skincare_high_end")
    0.15
    >>> parameter_on("annual_limit_yuan", "2015-11-11") is None
    True
    """
    hit = _lookup(_index(parameter_table(parameters)), name, _as_timestamp(date), category)
    return None if hit is None else hit[0]


@dataclass(frozen=True)
class Regime:
    """The cross-border retail-import rules in force on one date for one product category.

    Attributes
    ----------
    date : datetime.date
    category : str
    system : str
        ``"postal"`` (postal-articles tax, before 2016-04-08) or ``"comprehensive"``
        (cross-border comprehensive tax from 2016-04-08).
    postal_tax_rate, postal_exemption_yuan : float or None
        Postal system only: rate (share) and the waived tax amount (yuan).
    vat_rate, consumption_tax_rate, comprehensive_share, tariff_within_limits : float or None
        Comprehensive system only (shares).
    per_order_limit_yuan, annual_limit_yuan : float or None
        Value limits (yuan); None where no limit applies.
    returns_allowed_in_law : bool
        Consumer returns provided for in the rules (tax refund within the window; from 2016-04-08).
    returns_into_bonded_zone : bool
        Returns accepted back into the bonded zone in practice (GAC 2018/194, from 2019).
    return_window_days : int or None
        Days after release within which a return must be applied for (the tax-refund
        window from 2016, the return window from 2019); None where none is recorded.
    general_trade_import : bool
        Unsold bonded stock may be imported as general trade (after paying general-trade taxes).
    rule_ids : tuple of str
        Rules (``cross_border_rules.csv``) behind the values used, oldest first.
    as_of : datetime.date
        The last change the table records on or before ``date``.
    after_table : bool
        ``date`` is after the last change the table records: the regime is that of
        ``as_of``, assumed to continue (the table holds no later rules).
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
    returns_allowed_in_law: bool
    returns_into_bonded_zone: bool
    return_window_days: int | None
    general_trade_import: bool
    rule_ids: tuple[str, ...]
    as_of: dt.date
    after_table: bool

    @property
    def comprehensive_rate(self) -> float | None:
        """Comprehensive tax as a share of the order price (None under the postal system)."""
        if self.system != "comprehensive":
            return None
        t_v, t_c, share = self.vat_rate, self.consumption_tax_rate, self.comprehensive_share
        return share * (t_c + t_v) / (1 - t_c)

    @property
    def returns_regime(self) -> str:
        """One of :data:`RETURNS_REGIMES`: ``"none"``, ``"in law, rare in practice"``, ``"into the bonded zone"``."""
        if self.returns_into_bonded_zone:
            return RETURNS_REGIMES[2]
        return RETURNS_REGIMES[1] if self.returns_allowed_in_law else RETURNS_REGIMES[0]

    @property
    def tax_rate_on_price(self) -> float | None:
        """Tax as a share of the price where it is proportional (comprehensive), else the postal rate."""
        return self.comprehensive_rate if self.system == "comprehensive" else self.postal_tax_rate


def regime_on(
    date: dt.date | str | pd.Timestamp,
    category: str = "cosmetics_skincare_ordinary",
    parameters: pd.DataFrame | str | Path | None = None,
) -> Regime:
    """The cross-border retail-import regime in force on a date (cached).

    Parameters
    ----------
    date : date or str
        Calendar date, e.g. ``"2015-11-11"``.
    category : str
        Product category, e.g. ``"cosmetics_skincare_ordinary"``,
        ``"cosmetics_makeup_high_end"`` (legacy ``"cosmetics_ordinary"`` and
        ``"cosmetics_high_end"`` are still read; they fall back to ``"cosmetics"``).
    parameters : DataFrame or path, optional
        Table from :func:`helpers.policy.load_parameters`; default the shipped table.

    Returns
    -------
    Regime

    Raises
    ------
    ParameterError
        A date before the table starts (2010-09-01), or a category without a
        tax rate on that date.

    References
    ----------
    GAC Announcement 2010 No. 43; Cai Guan Shui [2016] No. 18; Cai Shui [2016]
    No. 103; Cai Guan Shui [2018] No. 49; GAC Announcements 2018 No. 194 and 2020 No. 45.

    Examples
    --------
    >>> regime_on("2015-11-11").system
    'postal'
    >>> r = regime_on("2017-11-11")
    >>> r.returns_regime, round(r.comprehensive_rate, 3)
    ('in law, rare in practice', 0.119)
    >>> r = regime_on("2019-11-11", "cosmetics_skincare_high_end")
    >>> (r.per_order_limit_yuan, r.annual_limit_yuan, r.returns_regime)
    (5000.0, 26000.0, 'into the bonded zone')
    >>> regime_on("2030-11-11").after_table, str(regime_on("2030-11-11").as_of)
    (True, '2020-03-28')
    """
    when = _as_timestamp(date)
    key = (table_key(parameters), when, category)
    hit = _regime_cache.get(key)
    if hit is not None and (not isinstance(parameters, pd.DataFrame) or hit[0] is parameters):
        return hit[1]
    table = parameter_table(parameters)
    index = _index(table)
    used: dict[str, pd.Timestamp] = {}

    def get(name: str) -> float | None:
        found = _lookup(index, name, when, category)
        if found is None:
            return None
        value, rule, start = found
        used[rule] = start
        return value

    share = get("comprehensive_tax_share")
    postal_rate = get("postal_tax_rate") if share is None else None
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
    in_law, in_zone = get("returns_allowed_in_law"), get("returns_into_bonded_zone")
    window = get("return_application_window_days")
    if window is None:
        window = get("return_arrival_window_days") if in_zone else None
    if window is None and in_law:
        window = get("return_tax_refund_window_days")
    conversion = get("bonded_stock_general_trade_import")
    limits = (get("per_order_limit_yuan"), get("annual_limit_yuan"))
    regime = Regime(
        date=when.date(),
        category=category,
        system=system,
        postal_tax_rate=postal_rate,
        postal_exemption_yuan=get("postal_tax_exemption_yuan") if system == "postal" else None,
        vat_rate=vat,
        consumption_tax_rate=ct,
        comprehensive_share=share,
        tariff_within_limits=get("tariff_rate_within_limits") if system == "comprehensive" else None,
        per_order_limit_yuan=limits[0],
        annual_limit_yuan=limits[1],
        returns_allowed_in_law=bool(in_law),
        returns_into_bonded_zone=bool(in_zone),
        return_window_days=None if window is None else int(window),
        general_trade_import=bool(conversion),
        rule_ids=tuple(sorted(used, key=lambda r: (used[r], r))),
        as_of=_as_of(table, when),
        after_table=when.date() > last_change(table),
    )
    if len(_regime_cache) > 4096:
        _regime_cache.clear()
    _regime_cache[key] = (parameters if isinstance(parameters, pd.DataFrame) else None, regime)
    return regime


def _as_of(table: pd.DataFrame, when: pd.Timestamp) -> dt.date:
    starts = table.loc[table["effective_from"] <= when, "effective_from"]
    ends = table["effective_to"].dropna() + pd.Timedelta(days=1)
    return max([*starts, *ends[ends <= when]]).date()


def rules_in_force(regime: Regime, rules: pd.DataFrame) -> pd.DataFrame:
    """The rows of the rule table behind a regime, dated on or before its date, oldest first.

    Parameters
    ----------
    regime : Regime
    rules : pandas.DataFrame
        From :func:`helpers.policy.load_rules`.

    Returns
    -------
    pandas.DataFrame
        Columns date, rule_id, document (a rule listed for a later date, e.g. the
        change that ended a 'no returns' row, is left out).

    Examples
    --------
    >>> from helpers.policy.tables import load_rules
    >>> rules_in_force(regime_on("2015-11-11"), load_rules())["rule_id"].tolist()
    ['gac_2010_43', 'postal_tiers_pre2016']
    """
    out = rules[rules["rule_id"].isin(regime.rule_ids) & (rules["date"] <= pd.Timestamp(regime.date))]
    return out[["date", "rule_id", "document"]].sort_values(["date", "rule_id"]).reset_index(drop=True)


def regime_label(regime: Regime, rules: pd.DataFrame | None = None, *, short: bool = False) -> str:
    """Words for a regime, from the table: the date, the tax system, the returns regime, and
    "rules as of <last change>; the table holds no later rules" when the date is beyond the table.

    Parameters
    ----------
    regime : Regime
    rules : pandas.DataFrame, optional
        From :func:`helpers.policy.load_rules`: names the documents (otherwise rule ids).
    short : bool
        Only ``"<date> rules"`` (with ``" (as of <last change>)"`` beyond the table), for
        table columns and chart legends.

    Returns
    -------
    str

    Examples
    --------
    >>> regime_label(regime_on("2017-11-11"), short=True)
    '2017-11-11 rules'
    >>> regime_label(regime_on("2030-11-11"), short=True)
    '2030-11-11 rules (as of 2020-03-28)'
    >>> print(regime_label(regime_on("2017-11-11")))
    the rules in force on 2017-11-11: cross-border comprehensive tax of 11.9% within limits of 2,000 yuan per order and 20,000 yuan a year; returns allowed in law, rare in practice (30-day window)
    """
    date = regime.date.isoformat()
    if short:
        return f"{date} rules" + (f" (as of {regime.as_of.isoformat()})" if regime.after_table else "")
    if regime.system == "postal":
        exempt = regime.postal_exemption_yuan
        tax = f"postal-articles tax of {regime.postal_tax_rate:.0%}" + (
            f", waived up to {exempt:,.0f} yuan of tax" if exempt else ""
        )
    else:
        tax = f"cross-border comprehensive tax of {100 * regime.comprehensive_rate:.1f}%"
        if regime.per_order_limit_yuan is not None and regime.annual_limit_yuan is not None:
            tax += (
                f" within limits of {regime.per_order_limit_yuan:,.0f} yuan per order and "
                f"{regime.annual_limit_yuan:,.0f} yuan a year"
            )
    returns = {
        "none": "no returns into the bonded zone",
        "in law, rare in practice": "returns allowed in law, rare in practice",
        "into the bonded zone": "returns accepted back into the bonded zone",
    }[regime.returns_regime]
    if regime.return_window_days and regime.returns_regime != "none":
        returns += f" ({regime.return_window_days}-day window)"
    text = f"the rules in force on {date}: {tax}; {returns}"
    if rules is not None:
        docs = [d.split(" (")[0] for d in rules_in_force(regime, rules)["document"]]
        if docs:
            text += f" ({'; '.join(dict.fromkeys(docs))})"
    if regime.after_table:
        text += (
            f". These are the rules as of {regime.as_of.isoformat()}; the table holds no later rules, "
            f"so applying them to {date} is an assumption"
        )
    return text


def parameters_in_force(
    date: dt.date | str | pd.Timestamp, category: str, parameters: pd.DataFrame | str | Path | None = None
) -> pd.DataFrame:
    """The parameter rows in force on a date for a category (the most specific row of each parameter).

    Returns
    -------
    pandas.DataFrame
        Columns parameter, category, value, unit, rule_id, confidence, one row per parameter.

    Examples
    --------
    >>> t = parameters_in_force("2016-06-18", "cosmetics_skincare_high_end")
    >>> t.set_index("parameter").loc["consumption_tax_rate", "confidence"]
    'conflicting'
    """
    table = parameter_table(parameters)
    when = _as_timestamp(date)
    chain = categories(category)
    live = table[
        (table["effective_from"] <= when)
        & (table["effective_to"].isna() | (table["effective_to"] >= when))
        & table["category"].isin(chain)
    ]
    live = live.assign(_rank=[chain.index(c) for c in live["category"]]).sort_values(["parameter", "_rank"])
    out = live.drop_duplicates("parameter")[["parameter", "category", "value", "unit", "rule_id", "confidence"]]
    return out.reset_index(drop=True)
