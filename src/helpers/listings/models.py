"""Set the listing estimates against the models of notebooks 03 and 04.

:func:`model_outcomes` reruns the headline outcomes of notebook 03 (share of consignment
merchants losing money, the typical merchant's gain from consigning) and notebook 04
(each seller's optimal Double 11 discount) with their assumption tables as shipped and
with the parameters replaced by the listing estimates (and their interval ends).
:func:`observed_depth` summarises the discounts the listings actually show, in the same
unit as notebook 04's optimal discount (a fraction of the list price). The assumption
tables are read, never written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers.errors import ParameterError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["model_discounts", "model_elasticity", "model_outcomes", "observed_depth"]

#: Smallest spread (CV or log sd) handed to the models: an estimate of zero is used as this.
MIN_SPREAD = 0.01

_ENDS = (("estimate", "estimate"), ("at_low_ends", "estimate_low"), ("at_high_ends", "estimate_high"))


def _find(names: tuple[str, ...], modules: tuple[str, ...]) -> tuple[Any, ...]:
    """The functions ``names`` from the first of ``modules`` that has them all.

    The model modules of notebooks 03 and 04 are being regrouped into ``helpers.inventory``;
    this looks in the new places first and in the old flat modules after.
    """
    import importlib

    for module in modules:
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        found = tuple(getattr(mod, n, None) for n in names)
        if all(f is not None for f in found):
            return found
    raise ImportError(f"no module among {', '.join(modules)} provides {', '.join(names)}")


def _notebook03_functions() -> tuple[Any, Any]:
    """Notebook 03's population outcome and the typical merchant's consignment-vs-procurement gap."""
    for gap in ("arrangement_gap", "consignment_advantage"):
        try:
            return _find(
                ("population_outcome", gap), ("helpers.inventory.population", "helpers.inventory", "helpers.channels")
            )
        except ImportError:
            continue
    raise ImportError("notebook 03's model (population_outcome, arrangement_gap) cannot be imported")


def _notebook04_functions() -> tuple[Any, Any, Any]:
    """Notebook 04's seller builder, demand builder and optimiser (each looked up on its own)."""
    builders = ("helpers.policy.sellers", "helpers.policy", "helpers.inventory.pricing", "helpers.bonded")
    (build_sellers,) = _find(("build_sellers",), builders)
    (build_demand,) = _find(("build_demand",), builders)
    (compare_sellers,) = _find(
        ("compare_sellers",), ("helpers.inventory.pricing", "helpers.inventory", "helpers.bonded")
    )
    return build_sellers, build_demand, compare_sellers


def model_discounts(
    bonded_csv: str | Path = "data/assumptions/bonded.csv",
    overrides: dict[str, float] | None = None,
    *,
    before: str = "2015-11-11",
    after: str = "2019-11-11",
    tax_borne_by: str = "consumer",
    tax_category: str | None = None,
) -> pd.DataFrame:
    """Notebook 04's optimal Double 11 discount of each seller.

    Parameters
    ----------
    bonded_csv : str or Path
        Notebook 04's assumption table.
    overrides : dict, optional
        Parameter values to use instead of the table's (e.g. ``{"demand_cv": 1.8}``).
    before, after, tax_borne_by, tax_category
        As in notebook 04's parameters cell (``tax_category`` None: notebook 04's default).

    Returns
    -------
    DataFrame
        ``seller``, ``discount`` (fraction of the list price), ``stock`` (units).
    """
    from helpers import assumptions

    build_sellers, build_demand, compare_sellers = _notebook04_functions()
    table = assumptions.load_assumptions(bonded_csv)
    params = assumptions.values(table)
    for name, value in (overrides or {}).items():
        if name not in params:
            raise ParameterError(f"{bonded_csv} has no parameter {name!r}")
        params[name] = float(value)
    extra = {} if tax_category is None else {"tax_category": tax_category}
    sellers = build_sellers(params, before=before, after=after, tax_borne_by=tax_borne_by, **extra)
    if isinstance(sellers, dict):  # newer notebook 04: sellers keyed by role
        sellers = list(sellers.values())
    out = compare_sellers(sellers, build_demand(params))
    return out[["seller", "discount", "stock"]].reset_index(drop=True)


def model_elasticity(bonded_csv: str | Path = "data/assumptions/bonded.csv") -> float:
    """Notebook 04's assumed price elasticity of festival demand (a positive number).

    Examples
    --------
    >>> model_elasticity() > 1
    True
    """
    from helpers import assumptions

    values = assumptions.values(assumptions.load_assumptions(bonded_csv))
    if "elasticity" not in values:
        raise ParameterError(f"{bonded_csv} has no parameter 'elasticity'")
    return float(values["elasticity"])


def model_outcomes(
    comparison: pd.DataFrame,
    consignment_csv: str | Path = "data/assumptions/consignment.csv",
    bonded_csv: str | Path = "data/assumptions/bonded.csv",
    *,
    n_merchants: int = 800,
    n_draws: int = 800,
    seed: int = 20151111,
) -> pd.DataFrame:
    """Headline outcomes of notebooks 03 and 04 at the assumed values and at the estimates.

    Parameters
    ----------
    comparison : DataFrame
        From :func:`helpers.listings.assumption_comparison` (estimates with intervals).
    consignment_csv, bonded_csv : str or Path
        The two assumption tables.
    n_merchants, n_draws, seed : int
        Size and seed of notebook 03's population simulation (its sweep settings).

    Returns
    -------
    DataFrame
        ``notebook``, ``outcome``, ``unit``, ``assumed`` (tables as shipped), ``estimate``
        (estimated parameters at their point values), ``at_low_ends`` and ``at_high_ends``
        (every estimated parameter at the low, or high, end of its interval at once: a
        sensitivity, not an interval of the outcome), and ``changed`` (the parameters
        replaced). Parameters that cannot be estimated keep their assumed values; an
        estimate of zero is used as :data:`MIN_SPREAD` (the models need a positive spread).
    """
    import pandas as pd

    from helpers import assumptions

    population_outcome, merchant_gap = _notebook03_functions()
    base03 = assumptions.values(assumptions.load_assumptions(consignment_csv))

    def replaced(stem: str, column: str) -> dict[str, float]:
        which = comparison["table"] if "table" in comparison.columns else comparison["file"]
        rows = comparison[which.astype(str).str.contains(stem) & comparison["estimate"].notna()]
        # the models need a positive spread: an estimated spread of zero is used as MIN_SPREAD
        return {r.parameter: max(float(getattr(r, column)), MIN_SPREAD) for r in rows.itertuples()}

    rows = []
    for outcome, unit, fn in (
        (
            "share of consignment merchants losing money",
            "fraction",
            lambda v: population_outcome(v, n_merchants=n_merchants, n_draws=n_draws, seed=seed),
        ),
        ("typical merchant's gain from consigning", "yuan per 100 yuan of sales", merchant_gap),
    ):
        values = {name: fn({**base03, **replaced("consignment", k)}) for name, k in _ENDS}
        rows.append(
            {
                "notebook": "03",
                "outcome": outcome,
                "unit": unit,
                "assumed": fn(base03),
                **values,
                "changed": ", ".join(replaced("consignment", "estimate")),
            }
        )
    at = {name: model_discounts(bonded_csv, replaced("bonded", k)) for name, k in _ENDS}
    base04 = model_discounts(bonded_csv)
    for i, seller in enumerate(base04["seller"]):
        rows.append(
            {
                "notebook": "04",
                "outcome": f"optimal discount: {seller}",
                "unit": "fraction of list price",
                "assumed": float(base04["discount"].iloc[i]),
                **{k: float(v["discount"].iloc[i]) for k, v in at.items()},
                "changed": ", ".join(replaced("bonded", "estimate")),
            }
        )
    return pd.DataFrame(rows)


def observed_depth(classified: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Observed festival discounts in notebook 04's unit: a fraction of the list (ordinary) price.

    Parameters
    ----------
    classified : DataFrame
        From :func:`helpers.listings.classify_discounts` (brand columns attached for ``by``).
    by : str, optional
        Group column (e.g. ``"origin_region"``).

    Returns
    -------
    DataFrame
        Per group: ``items`` (comparable), ``mean_depth`` (over all comparable items, no cut
        counted as 0 and raises as 0), ``share_cut``, ``median_cut``, ``p25_cut``,
        ``p75_cut`` (quartiles of the real cuts).

    Examples
    --------
    >>> import pandas as pd
    >>> from helpers.listings.discounts import classify_discounts
    >>> c = classify_discounts(pd.DataFrame({"price_base": [100.0, 100.0], "price_peak_before": [100.0, 100.0],
    ...     "price_last_before": [100.0, 100.0], "price_festival": [80.0, 100.0], "price_after": [100.0, 100.0]}))
    >>> observed_depth(c)[["items", "mean_depth", "median_cut"]].iloc[0].round(3).tolist()
    [2.0, 0.1, 0.2]
    """
    import numpy as np
    import pandas as pd

    if "discount_class" not in classified.columns:
        raise ParameterError("classified lacks 'discount_class'; make it with classify_discounts()")
    frame = classified[classified["discount_class"].notna()]
    keys = frame[by].astype("str") if by else pd.Series("all", index=frame.index)
    rows = {}
    for key, g in frame.groupby(keys, sort=False):
        cut = g.loc[g["discount_class"] == "real_cut", "real_depth"]
        depth = np.where(g["discount_class"] == "real_cut", g["real_depth"], 0.0)
        rows[key] = {
            "items": len(g),
            "mean_depth": float(depth.mean()),
            "share_cut": float(len(cut) / len(g)),
            "median_cut": float(cut.median()) if len(cut) else np.nan,
            "p25_cut": float(cut.quantile(0.25)) if len(cut) else np.nan,
            "p75_cut": float(cut.quantile(0.75)) if len(cut) else np.nan,
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = by or "group"
    return out.reset_index()
