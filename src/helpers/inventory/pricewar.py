"""A price war under each arrangement: matched discounts, round by round, with one exit rule for every party.

Round ``k`` sells at ``p_k = p_0·(1 − d)^k``. Competitors match every cut, so the
market's mean demand grows only with the market elasticity ``e``:
``μ_k = μ_0·(p_k/p_0)^(−e)``, with the same CV. In every round each arrangement is
solved afresh (:mod:`helpers.inventory.arrangements`): under consignment the
merchant restocks at ``(1 − α)p_k``; under procurement the supplier resets its
wholesale price as a best response (unless a fixed one is given) and the platform
restocks. Every party follows the same rule: it stays in while it expects a profit
of at least zero after its fixed costs, and exits (stocks nothing, earns nothing)
otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from helpers.errors import ParameterError
from helpers.inventory.arrangements import buyback, consignment, procurement
from helpers.inventory.demand import lognormal_demand
from helpers.inventory.params import ARRANGEMENTS, ChannelParams, no_trade
from helpers.validation import integer, number

__all__ = ["price_war", "price_war_summary"]

_FUNCTIONS = {"consignment": consignment, "buyback": buyback, "procurement": procurement}


def price_war(
    mean_demand: float,
    cv: float,
    params: ChannelParams,
    *,
    rounds: int,
    discount: float,
    elasticity: float,
    arrangements: Sequence[str] = ("consignment", "procurement"),
) -> pd.DataFrame:
    """Margins, stock, participation and profits under each arrangement, round by round.

    Parameters
    ----------
    mean_demand : float
        Expected demand at the starting price, units (> 0).
    cv : float
        Coefficient of variation of demand (lognormal, > 0).
    params : ChannelParams
        Unit economics at the starting price; ``wholesale=None`` lets the supplier reset its price
        each round.
    rounds : int
        Discount rounds after round 0 (>= 0).
    discount : float
        Price cut per round, fraction in (0, 1).
    elasticity : float
        Market price elasticity of demand (> 0).
    arrangements : sequence of str
        Which of :data:`~helpers.inventory.params.ARRANGEMENTS`.

    Returns
    -------
    pandas.DataFrame
        One row per round and arrangement: ``round, arrangement, price_yuan, wholesale_yuan,
        participates, stocking_margin_yuan`` (revenue minus unit cost of the party that stocks,
        per unit sold, before returns), ``fractile, order_units, expected_sales_units,
        merchant_profit_yuan, platform_profit_yuan, gmv_yuan``.

    References
    ----------
    Arrow, Harris & Marschak (1951) for each round's stocking decision; Lariviere & Porteus (2001)
    for the wholesale price.

    Examples
    --------
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30,
    ...                   platform_salvage=30, wholesale=75)
    >>> w = price_war(1000, 0.5, p, rounds=3, discount=0.1, elasticity=2.0)
    >>> w.loc[w.arrangement == "procurement", "participates"].tolist()
    [True, True, True, False]
    """
    mean_demand = number(mean_demand, "mean_demand", low=0.0, low_open=True, unit="units")
    cv = number(cv, "cv", low=0.0, low_open=True)
    rounds = integer(rounds, "rounds", low=0)
    discount = number(discount, "discount", low=0.0, high=1.0, low_open=True, high_open=True)
    elasticity = number(elasticity, "elasticity", low=0.0, low_open=True)
    arrangements = list(arrangements)
    bad = [a for a in arrangements if a not in ARRANGEMENTS]
    if bad or not arrangements:
        raise ParameterError(f"arrangements must be among {', '.join(ARRANGEMENTS)}, got {arrangements!r}")
    rows = []
    for k in range(rounds + 1):
        factor = (1.0 - discount) ** k
        price = params.price * factor
        demand = lognormal_demand(mean_demand * factor ** (-elasticity), cv)
        for arrangement in arrangements:
            fixed_w = params.wholesale
            if price <= params.unit_cost or (arrangement != "consignment" and fixed_w is not None and price <= fixed_w):
                result = no_trade(arrangement)
            else:
                p_k = replace(params, price=price, wholesale=None if arrangement == "consignment" else fixed_w)
                result = _FUNCTIONS[arrangement](demand, p_k)
            if arrangement == "consignment":
                margin = (1.0 - params.commission) * price - params.unit_cost
            else:
                margin = price - result.wholesale if result.participates else math.nan
            rows.append(
                {
                    "round": k,
                    "arrangement": arrangement,
                    "price_yuan": price,
                    "wholesale_yuan": result.wholesale,
                    "participates": result.participates,
                    "stocking_margin_yuan": margin,
                    "fractile": result.fractile,
                    "order_units": result.order,
                    "expected_sales_units": result.expected_sales,
                    "merchant_profit_yuan": result.merchant_profit,
                    "platform_profit_yuan": result.platform_profit,
                    "gmv_yuan": price * params.keep_rate * result.expected_sales,
                }
            )
    return pd.DataFrame(rows)


def price_war_summary(war: pd.DataFrame) -> pd.DataFrame:
    """Per arrangement: when trade stops and where each party ends relative to round 0.

    Parameters
    ----------
    war : pandas.DataFrame
        From :func:`price_war`.

    Returns
    -------
    pandas.DataFrame
        Index ``arrangement``; ``exit_round`` (first round without trade, NaN if none),
        ``last_round``, ``merchant_ratio`` and ``platform_ratio`` (expected profit in the last
        round with trade over round 0; NaN if there was no trade in round 0),
        ``platform_peak_round`` and ``platform_peak_ratio`` (its best round and that round over round 0).

    Examples
    --------
    >>> p = ChannelParams(price=100, unit_cost=60, commission=0.05, merchant_salvage=30,
    ...                   platform_salvage=30, wholesale=75)
    >>> s = price_war_summary(price_war(1000, 0.5, p, rounds=3, discount=0.1, elasticity=2.0))
    >>> int(s.loc["procurement", "exit_round"])
    3
    """
    rows = {}
    for arrangement, g in war.groupby("arrangement", sort=False):
        g = g.sort_values("round")
        traded = g[g["participates"]]
        stopped = g.loc[~g["participates"], "round"]
        first = g.iloc[0]
        last = traded.iloc[-1] if len(traded) else first

        def ratio(value: float, base: float, traded_at_start: bool = bool(first["participates"])) -> float:
            return float(value / base) if traded_at_start and base != 0 else math.nan

        peak = traded.loc[traded["platform_profit_yuan"].idxmax()] if len(traded) else first
        rows[arrangement] = {
            "exit_round": float(stopped.min()) if len(stopped) else math.nan,
            "last_round": int(last["round"]),
            "merchant_ratio": ratio(last["merchant_profit_yuan"], first["merchant_profit_yuan"]),
            "platform_ratio": ratio(last["platform_profit_yuan"], first["platform_profit_yuan"]),
            "platform_peak_round": int(peak["round"]),
            "platform_peak_ratio": ratio(peak["platform_profit_yuan"], first["platform_profit_yuan"]),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "arrangement"
    return out
