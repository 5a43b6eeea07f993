"""How much of the gap between two sellers' optimal promotions each difference between them explains.

Switching a seller's features to another's one at a time gives contributions that depend
on the order of the steps. The Shapley value (Shapley 1953) averages each feature's
marginal contribution over all :math:`n!` orders:

.. math::

    \\varphi_i = \\sum_{S \\subseteq N \\setminus \\{i\\}} \\frac{|S|!\\,(n-|S|-1)!}{n!}
    \\big(v(S \\cup \\{i\\}) - v(S)\\big),

where :math:`v(S)` is the outcome (optimal discount, price paid, stock or expected profit)
of the start seller with the features in :math:`S` switched to the target's. The values add
up to the whole gap, :math:`\\sum_i \\varphi_i = v(N) - v(\\varnothing)`. :func:`shapley`
solves the :math:`2^n` optima once (cached) and also returns every order's contributions,
so the order dependence is visible.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from helpers.errors import ParameterError
from helpers.inventory.pricing import PromotionDemand, Seller, optimal_promotion

__all__ = ["MEASURES", "ShapleyResult", "orders_table", "shapley"]

#: Outcomes decomposed: optimal discount (share), price the buyer pays (yuan), stock (units), profit (yuan).
MEASURES = ("discount", "consumer_price", "stock", "expected_profit")


@dataclass(frozen=True)
class ShapleyResult:
    """Shapley decomposition of the change in a seller's optimal promotion.

    Attributes
    ----------
    values : pandas.DataFrame
        Index feature; columns the :data:`MEASURES` (Shapley values) and, for each measure,
        ``<measure>_min`` and ``<measure>_max``: the smallest and largest contribution of the
        feature over all orders.
    orders : pandas.DataFrame
        One row per order and feature: ``order`` (features joined by " → "), ``feature`` and
        the contribution to each measure when the features are switched in that order.
    start, end : dict
        The outcomes of the start seller and of the target (all features switched).
    """

    values: pd.DataFrame
    orders: pd.DataFrame
    start: dict[str, float]
    end: dict[str, float]

    def summary(self, measure: str = "stock") -> pd.DataFrame:
        """One measure: Shapley value, range over orders, and the share of the total change.

        Examples
        --------
        >>> from helpers.inventory.pricing import Disposal
        >>> d = PromotionDemand(300, 1000, 3, 0.5)
        >>> r = shapley(Seller("a", 150, Disposal("x", 120)), {"cost": {"unit_cost": 165}, "salvage": {"disposal": Disposal("y", 40)}}, d)
        >>> list(r.summary("stock").columns)
        ['shapley', 'min_over_orders', 'max_over_orders', 'share_of_change']
        """
        if measure not in MEASURES:
            raise ParameterError(f"measure must be one of {', '.join(MEASURES)}, got {measure!r}")
        total = self.end[measure] - self.start[measure]
        out = pd.DataFrame(
            {
                "shapley": self.values[measure],
                "min_over_orders": self.values[f"{measure}_min"],
                "max_over_orders": self.values[f"{measure}_max"],
            }
        )
        out["share_of_change"] = out["shapley"] / total if total != 0 else float("nan")
        return out


def shapley(
    start: Seller,
    features: Mapping[str, Mapping[str, Any]],
    demand: PromotionDemand,
    **kwargs: Any,
) -> ShapleyResult:
    """Shapley decomposition of the optimal promotion as ``start`` takes on a set of features.

    Parameters
    ----------
    start : Seller
        E.g. a domestic procurement platform.
    features : mapping
        Feature name -> the Seller fields it replaces, e.g. ``{"disposal": {"disposal": carry_over}}``
        (:func:`helpers.policy.seller_features` gives those of a target seller). At most 6 features.
    demand : PromotionDemand
    **kwargs
        Passed to :func:`helpers.inventory.optimal_promotion`.

    Returns
    -------
    ShapleyResult

    References
    ----------
    Shapley, L.S. (1953). A value for n-person games. In *Contributions to the Theory of Games II*,
    307-317.

    Examples
    --------
    >>> from helpers.inventory.pricing import Disposal
    >>> d = PromotionDemand(300, 1000, 3, 0.5)
    >>> r = shapley(Seller("a", 150, Disposal("x", 120)),
    ...             {"cost": {"unit_cost": 165}, "salvage": {"disposal": Disposal("y", 40)}}, d)
    >>> bool(abs(r.values["stock"].sum() - (r.end["stock"] - r.start["stock"])) < 1e-9)
    True
    """
    names = list(features)
    n = len(names)
    if not 1 <= n <= 6:
        raise ParameterError(f"shapley needs 1 to 6 features, got {n}")
    fields = {f for changes in features.values() for f in changes}
    unknown = fields - {f.name for f in dataclasses.fields(Seller)}
    if unknown:
        raise ParameterError(f"features name fields that a Seller does not have: {', '.join(sorted(unknown))}")
    outcome: dict[frozenset, dict[str, float]] = {}
    for size in range(n + 1):
        for subset in itertools.combinations(names, size):
            changes: dict[str, Any] = {}
            for name in subset:
                changes.update(features[name])
            r = optimal_promotion(dataclasses.replace(start, **changes), demand, **kwargs)
            outcome[frozenset(subset)] = {m: float(getattr(r, m)) for m in MEASURES}
    rows = []
    for order in itertools.permutations(names):
        done: frozenset = frozenset()
        for name in order:
            after = done | {name}
            rows.append(
                {
                    "order": " → ".join(order),
                    "feature": name,
                    **{m: outcome[after][m] - outcome[done][m] for m in MEASURES},
                }
            )
            done = after
    orders = pd.DataFrame(rows)
    weights = {}
    for name in names:
        others = [x for x in names if x != name]
        value = {m: 0.0 for m in MEASURES}
        for size in range(n):
            w = math.factorial(size) * math.factorial(n - size - 1) / math.factorial(n)
            for subset in itertools.combinations(others, size):
                s = frozenset(subset)
                for m in MEASURES:
                    value[m] += w * (outcome[s | {name}][m] - outcome[s][m])
        weights[name] = value
    values = pd.DataFrame(weights).T
    grouped = orders.groupby("feature", sort=False)
    for m in MEASURES:
        values[f"{m}_min"] = grouped[m].min()
        values[f"{m}_max"] = grouped[m].max()
    values.index.name = "feature"
    return ShapleyResult(values.loc[names], orders, outcome[frozenset()], outcome[frozenset(names)])


def orders_table(result: ShapleyResult, measure: str = "stock") -> pd.DataFrame:
    """Every order's contributions to one measure, one row per order and one column per feature.

    Examples
    --------
    >>> from helpers.inventory.pricing import Disposal
    >>> d = PromotionDemand(300, 1000, 3, 0.5)
    >>> r = shapley(Seller("a", 150, Disposal("x", 120)), {"cost": {"unit_cost": 165}, "salvage": {"disposal": Disposal("y", 40)}}, d)
    >>> orders_table(r).shape
    (2, 2)
    """
    if measure not in MEASURES:
        raise ParameterError(f"measure must be one of {', '.join(MEASURES)}, got {measure!r}")
    wide = result.orders.pivot(index="order", columns="feature", values=measure)
    return wide[list(result.values.index)].loc[list(dict.fromkeys(result.orders["order"]))]
