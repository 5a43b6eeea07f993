"""The Double 11 demand spike and its spread across items, with bootstrap intervals.

From the per-item estimates of :func:`helpers.listings.item_table` (ordinary daily sales
:math:`\\hat b_i`, festival-day sales :math:`\\hat f_i`, uplift :math:`u_i = \\hat f_i/\\hat b_i`)
:func:`uplift_statistics` estimates

* the pooled uplift :math:`U = \\sum_i \\hat f_i / \\sum_i \\hat b_i` (festival-day sales
  of the category over its ordinary daily sales), and the median item uplift;
* the spread of the uplift across items on the log scale, :math:`\\sigma_u = \\mathrm{sd}(\\ln u_i)`,
  and the coefficient of variation of a lognormal with that spread,
  :math:`\\mathrm{CV} = \\sqrt{e^{\\sigma_u^2} - 1}`: how far an item's festival demand
  strays from "ordinary sales times the typical uplift" — the forecast error a seller
  who knows only that would face;
* the same spread within shops, given the item's real discount depth and a pre-sale flag,
  less the counting noise of the two estimates (:math:`1/B_i + 1/F_i` in log variance,
  with :math:`B_i, F_i` the units behind them) — closer to what a seller who knows its
  shop and its own discount could not foresee, and still an upper bound;
* the spread of festival-day sales across items and across shops (merchant size),
  :math:`\\mathrm{sd}(\\ln \\hat f_i)`,

each with a percentile bootstrap interval over items (or shops).
:func:`assumption_comparison` sets them beside the assumed ranges of notebooks 03 and 04.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers import paths, validation
from helpers.errors import ParameterError
from helpers.listings import _boot

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["STATISTICS", "assumption_comparison", "depth_response", "uplift_sample", "uplift_statistics"]

#: Statistics returned by :func:`uplift_statistics`: unit and definition.
STATISTICS = {
    "pooled_uplift": ("multiplier of an ordinary day", "sum of festival-day units / sum of ordinary daily units"),
    "median_uplift": (
        "multiplier of an ordinary day",
        "median over items of festival-day units / ordinary daily units",
    ),
    "log_sd_uplift": ("log standard deviation", "sd of ln(uplift) across items"),
    "cv_uplift": ("coefficient of variation", "sqrt(exp(sd^2) - 1) of the lognormal with that log sd"),
    "log_sd_uplift_within": (
        "log standard deviation",
        "residual sd of ln(uplift) given the shop, the item's real discount depth and a pre-sale "
        "flag, less the counting (Poisson) noise of the two sales estimates",
    ),
    "cv_uplift_within": ("coefficient of variation", "sqrt(exp(sd^2) - 1) of that residual spread"),
    "log_sd_item_units": ("log standard deviation", "sd of ln(festival-day units) across items"),
    "log_sd_shop_units": ("log standard deviation", "sd of ln(festival-day units) across shops"),
}


def uplift_sample(items: pd.DataFrame, *, min_baseline_units: float = 5.0) -> pd.DataFrame:
    """Items whose uplift can be estimated: ordinary sales of at least ``min_baseline_units``.

    An item that sold one unit in the five ordinary days has an uplift estimate that a
    single sale more or less would double; requiring a few units of ordinary sales keeps
    the spread from being mostly counting noise.

    Parameters
    ----------
    items : DataFrame
        From :func:`helpers.listings.item_table`.
    min_baseline_units : float
        Least units sold over the ordinary days (default 5).

    Returns
    -------
    DataFrame
        The rows of ``items`` with ``festival_units`` measured, ``baseline_units >=
        min_baseline_units`` and ``baseline_daily > 0``; ``attrs["excluded"]`` counts the
        items with a festival estimate left out, and ``attrs["nonpositive"]`` those kept
        whose festival-day sales are zero or negative (refunds above sales).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"festival_units": [50.0, 30.0, 40.0, 3.0, float("nan")],
    ...                   "baseline_units": [10.0, 10.0, 10.0, 1.0, 9.0], "baseline_daily": [2.0, 2.0, 2.0, 0.2, 1.8],
    ...                   "uplift": [25.0, 15.0, 20.0, 15.0, float("nan")]})
    >>> len(uplift_sample(t)), uplift_sample(t).attrs["excluded"]
    (3, 1)
    """

    m = validation.number(min_baseline_units, "min_baseline_units", low=0.0, unit="units")
    need = ("festival_units", "baseline_units", "baseline_daily", "uplift")
    missing = [c for c in need if c not in items.columns]
    if missing:
        raise ParameterError(f"items lacks column(s) {missing}; make it with helpers.listings.item_table()")
    measured = items["festival_units"].notna()
    keep = measured & (items["baseline_units"] >= m) & (items["baseline_daily"] > 0)
    out = items[keep.to_numpy()].copy()
    out.attrs = dict(
        items.attrs,
        min_baseline_units=m,
        excluded=int((measured & ~keep).sum()),
        nonpositive=int((out["festival_units"] <= 0).sum()),
    )
    if len(out) < 3:
        raise ParameterError(
            f"only {len(out)} items have a festival estimate and at least {m:g} units of ordinary sales; "
            "lower min_baseline_units or use a longer file"
        )
    return out


def _within_fit(y: Any, covs: Any, group: Any, w: Any) -> tuple[Any, Any, float]:
    """Weighted least squares of ``y`` on ``covs`` with one intercept per group (Frisch–Waugh).

    Returns the slopes, the residuals of the rows with ``w > 0`` and the residual degrees
    of freedom (total weight minus groups present minus slopes).
    """
    import numpy as np

    keep = w > 0
    y, covs, group, w = y[keep], covs[keep], group[keep], w[keep]
    n_g = int(group.max()) + 1 if group.size else 0
    tot = np.bincount(group, weights=w, minlength=n_g)
    present = tot > 0

    def demean(v: Any) -> Any:
        means = np.bincount(group, weights=w * v, minlength=n_g) / np.where(present, tot, 1.0)
        return v - means[group]

    yt = demean(y)
    xt = np.column_stack([demean(covs[:, k]) for k in range(covs.shape[1])]) if covs.shape[1] else np.zeros((y.size, 0))
    used = [k for k in range(xt.shape[1]) if np.any(np.abs(xt[:, k]) > 1e-12)]
    beta = np.full(covs.shape[1], np.nan)
    resid = yt
    if used:
        xu = xt[:, used]
        b = np.linalg.solve((xu * w[:, None]).T @ xu, (xu * w[:, None]).T @ yt)
        beta[used] = b
        resid = yt - xu @ b
    dof = float(w.sum() - present.sum() - len(used))
    return beta, resid, dof


def _within(lu: Any, covs: Any, group: Any, w: Any, noise: Any) -> float:
    """Weighted within-group residual sd of ``lu`` on ``covs`` less the mean counting-noise variance."""
    import numpy as np

    _, resid, dof = _within_fit(lu, covs, group, w)
    keep = w > 0
    if dof <= 1:
        return float("nan")
    var = (w[keep] * resid**2).sum() / dof
    var -= (w[keep] * noise[keep]).sum() / w[keep].sum()
    return float(np.sqrt(max(var, 0.0)))


def _stats(
    f: Any, b: Any, w: Any, shop_index: Any, n_shops: int, shop_w: Any = None, design: Any = None, noise: Any = None
) -> Any:
    """The statistics for weights ``w`` over items (festival units ``f``, baseline ``b``)."""
    import numpy as np

    sw = w.sum()
    pooled = (w * f).sum() / (w * b).sum()
    u = f / b
    order = np.argsort(u)
    cw = np.cumsum(w[order])
    median = u[order][np.searchsorted(cw, 0.5 * sw)]
    pos = f > 0
    lu = np.log(u[pos])
    wp = w[pos]
    mean_l = (wp * lu).sum() / wp.sum()
    sd_l = np.sqrt((wp * (lu - mean_l) ** 2).sum() / max(wp.sum() - 1, 1))
    sd_w = _within(lu, design[pos], shop_index[pos], wp, noise[pos]) if design is not None else np.nan
    lf = np.log(f[pos])
    mean_f = (wp * lf).sum() / wp.sum()
    sd_f = np.sqrt((wp * (lf - mean_f) ** 2).sum() / max(wp.sum() - 1, 1))
    # shop totals of the drawn items; a shop drawn k times (shop bootstrap) counts k times
    per_item = w if shop_w is None else np.ones_like(w)
    shop_f = np.bincount(shop_index, weights=per_item * np.maximum(f, 0), minlength=n_shops)
    mult = (np.bincount(shop_index, weights=w, minlength=n_shops) > 0).astype(float) if shop_w is None else shop_w
    present = (mult > 0) & (shop_f > 0)
    ls, ms = np.log(shop_f[present]), mult[present]
    if ms.sum() > 1:
        mean_s = (ms * ls).sum() / ms.sum()
        sd_s = np.sqrt((ms * (ls - mean_s) ** 2).sum() / (ms.sum() - 1))
    else:
        sd_s = np.nan
    return np.array([pooled, median, sd_l, np.sqrt(np.expm1(sd_l**2)), sd_w, np.sqrt(np.expm1(sd_w**2)), sd_f, sd_s])


def uplift_statistics(
    sample: pd.DataFrame,
    *,
    bootstrap: str = "items",
    n_boot: int = 2000,
    level: float = 0.9,
    seed: int | None = 0,
) -> pd.DataFrame:
    """Festival uplift and its spread across items, with bootstrap intervals.

    Parameters
    ----------
    sample : DataFrame
        From :func:`uplift_sample`.
    bootstrap : {"items", "shops"}
        Resample items (default) or whole shops.
    n_boot : int
        Bootstrap replicates (>= 100).
    level : float
        Interval level (e.g. 0.9).
    seed : int or None
        Random seed.

    Returns
    -------
    DataFrame
        One row per statistic of :data:`STATISTICS`: ``statistic``, ``estimate``,
        ``low``, ``high``, ``unit``, ``definition``; ``attrs`` records the sample size and
        settings. Log spreads use the items with festival-day sales above zero.

    References
    ----------
    Efron, B. & Tibshirani, R. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.
    The lognormal CV :math:`\\sqrt{e^{\\sigma^2}-1}` is the standard moment identity
    (e.g. Johnson, Kotz & Balakrishnan 1994, *Continuous Univariate Distributions* 1, ch. 14).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> b = rng.uniform(1, 10, 4000); u = np.exp(rng.normal(np.log(100), 0.8, 4000))
    >>> s = pd.DataFrame({"festival_units": b * u, "baseline_daily": b, "baseline_units": 5 * b,
    ...                   "uplift": u, "shop": rng.choice(list("abcdefghij"), 4000)})
    >>> out = uplift_statistics(uplift_sample(s), n_boot=200).set_index("statistic")
    >>> bool(out.loc["log_sd_uplift", "low"] < 0.8 < out.loc["log_sd_uplift", "high"])
    True
    """
    import numpy as np
    import pandas as pd

    if bootstrap not in ("items", "shops"):
        raise ParameterError(f"bootstrap must be 'items' or 'shops'; got {bootstrap!r}")
    n_boot, level = _boot.check(n_boot, level, seed)
    f = sample["festival_units"].to_numpy(dtype="float64")
    b = sample["baseline_daily"].to_numpy(dtype="float64")
    if np.isnan(f).any() or (b <= 0).any() or np.isnan(b).any():
        raise ParameterError("sample must come from uplift_sample() (festival units measured, baseline > 0)")
    if (f > 0).sum() < 3:
        raise ParameterError("fewer than 3 items with festival-day sales above zero: no spread to estimate")
    shops = sample["shop"].astype("str").to_numpy() if "shop" in sample.columns else np.zeros(len(sample), dtype=str)
    shop_ids, shop_index = np.unique(shops, return_inverse=True)
    ones = np.ones(len(sample))
    # covariates of the within-shop spread (shop effects are taken out by demeaning)
    cols = [
        np.nan_to_num(sample[name].to_numpy(dtype="float64"))
        for name in ("real_depth", "presale")
        if name in sample.columns
    ]
    design = np.column_stack(cols) if cols else np.zeros((len(sample), 0))
    bu = sample["baseline_units"].to_numpy(dtype="float64") if "baseline_units" in sample.columns else b * 5
    with np.errstate(divide="ignore", invalid="ignore"):
        noise = np.where(f > 0, 1.0 / np.maximum(bu, 1.0) + 1.0 / np.maximum(f, 1.0), np.nan)
    n_s = len(shop_ids)
    estimate = _stats(f, b, ones, shop_index, n_s, design=design, noise=noise)
    if bootstrap == "items":
        draws = _boot.replicate(
            lambda w: _stats(f, b, w, shop_index, n_s, design=design, noise=noise), len(sample), n_boot, seed
        )
    else:
        draws = _boot.replicate(
            lambda w: _stats(f, b, w[shop_index], shop_index, n_s, shop_w=w, design=design, noise=noise),
            n_s,
            n_boot,
            seed,
        )
    low, high = _boot.interval(draws, level)
    out = pd.DataFrame(
        {
            "statistic": list(STATISTICS),
            "estimate": estimate,
            "low": low,
            "high": high,
            "unit": [v[0] for v in STATISTICS.values()],
            "definition": [v[1] for v in STATISTICS.values()],
        }
    )
    out.attrs = {
        "items": len(sample),
        "items_positive": int((f > 0).sum()),
        "shops": len(shop_ids),
        "bootstrap": bootstrap,
        "n_boot": n_boot,
        "level": level,
        "min_baseline_units": sample.attrs.get("min_baseline_units"),
    }
    return out


#: How each estimate maps onto a parameter of notebooks 03/04 (file stem, parameter, statistic, reading).
PARAMETER_MAP = (
    (
        "consignment",
        "uplift",
        "pooled_uplift",
        "festival-day sales over an ordinary day's, for the category (pooled over items)",
    ),
    (
        "consignment",
        "cv_median",
        "cv_uplift_within",
        "a merchant's own demand uncertainty, read as the spread of festival demand around ordinary sales x the uplift "
        "expected from its shop and its discount (an upper bound: sellers know more)",
    ),
    (
        "consignment",
        "scale_sigma",
        "log_sd_shop_units",
        "spread of merchants' demand scale, read as the spread of festival-day units across shops",
    ),
    (
        "consignment",
        "uplift_cv",
        None,
        "the common shock to every merchant in one year: one festival cannot estimate it",
    ),
    (
        "bonded",
        "demand_cv",
        "cv_uplift_within",
        "uncertainty of one item's Double 11 demand, read as the spread of its uplift given its shop and discount "
        "(an upper bound: sellers know more)",
    ),
)


def assumption_comparison(
    statistics: pd.DataFrame,
    consignment_csv: str | Path = "data/assumptions/consignment.csv",
    bonded_csv: str | Path = "data/assumptions/bonded.csv",
) -> pd.DataFrame:
    """The estimates beside the assumed values and ranges of notebooks 03 and 04.

    Parameters
    ----------
    statistics : DataFrame
        From :func:`uplift_statistics`.
    consignment_csv, bonded_csv : str or Path
        The assumption tables (read, never written).

    Returns
    -------
    DataFrame
        ``file`` (as given, relative to the repository root when inside it), ``parameter``,
        ``table`` (``"consignment"`` or ``"bonded"``), ``assumed``, ``low``, ``high``, ``status`` (sourced or
        assumption), ``statistic``, ``estimate``, ``estimate_low``, ``estimate_high``,
        ``position`` (``"inside"``, ``"below"``, ``"above"`` the assumed range, or ``"not
        estimable"``) and ``reading`` (how the estimate is read as the parameter: a
        judgement, stated).
    """
    import numpy as np
    import pandas as pd

    from helpers import assumptions
    from helpers.listings.loader import shown_path

    files = {"consignment": paths.resolve(consignment_csv), "bonded": paths.resolve(bonded_csv)}
    tables = {stem: assumptions.load_assumptions(f) for stem, f in files.items()}
    stats = statistics.set_index("statistic")
    rows = []
    for stem, name, stat, reading in PARAMETER_MAP:
        t = tables[stem].set_index("name")
        if name not in t.index:
            raise ParameterError(f"{stem} table has no parameter {name!r}")
        a = t.loc[name]
        est = stats.loc[stat] if stat else None
        if est is None:
            position = "not estimable"
        elif est["estimate"] < a["low"]:
            position = "below"
        elif est["estimate"] > a["high"]:
            position = "above"
        else:
            position = "inside"
        rows.append(
            {
                "file": shown_path(files[stem]),
                "parameter": name,
                "table": stem,
                "assumed": float(a["value"]),
                "low": float(a["low"]),
                "high": float(a["high"]),
                "status": a["status"],
                "statistic": stat or "",
                "estimate": float(est["estimate"]) if est is not None else np.nan,
                "estimate_low": float(est["low"]) if est is not None else np.nan,
                "estimate_high": float(est["high"]) if est is not None else np.nan,
                "position": position,
                "reading": reading,
            }
        )
    return pd.DataFrame(rows)


def depth_response(
    sample: pd.DataFrame,
    *,
    n_boot: int = 2000,
    level: float = 0.9,
    seed: int | None = 0,
    step: float = 0.1,
) -> dict[str, float]:
    r"""How much more an item sold on the festival day, relative to its ordinary days, per deeper cut.

    The within-shop least-squares slope :math:`\beta` of :math:`\ln u_i` on the item's
    real discount depth :math:`d_i` (shop effects and a pre-sale flag held fixed): an item
    cut ``step`` deeper had an uplift :math:`e^{\beta\,\mathrm{step}}` times as large. It
    is an association across items (sellers choose which items to cut, and promote
    them), not the price elasticity of one item's demand.

    Parameters
    ----------
    sample : DataFrame
        From :func:`uplift_sample` on items classified by
        :func:`helpers.listings.classify_discounts` (needs ``real_depth``).
    n_boot, level, seed
        Bootstrap over items.
    step : float
        Difference in depth to report, a fraction of the ordinary price (0.1 = 10 points).

    Returns
    -------
    dict
        ``slope`` (per unit of depth) with ``slope_low``/``slope_high``, ``ratio`` (uplift
        ratio per ``step``) with ``ratio_low``/``ratio_high``, ``items`` and ``step``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(2)
    >>> d = rng.uniform(0, 0.5, 600); u = np.exp(3 + 4 * d + rng.normal(0, 0.3, 600))
    >>> s = pd.DataFrame({"festival_units": u, "baseline_daily": 1.0, "baseline_units": 5.0, "uplift": u,
    ...                   "real_depth": d, "shop": rng.choice(["a", "b"], 600)})
    >>> r = depth_response(uplift_sample(s), n_boot=200)
    >>> bool(r["slope_low"] < 4 < r["slope_high"])
    True
    """
    import numpy as np

    n_boot, level = _boot.check(n_boot, level, seed)
    st = validation.number(step, "step", low=0.0, high=1.0, low_open=True)
    if "real_depth" not in sample.columns:
        raise ParameterError("sample lacks 'real_depth'; classify the items with classify_discounts() first")
    f = sample["festival_units"].to_numpy(dtype="float64")
    keep = f > 0
    frame = sample[keep]
    lu = np.log(frame["uplift"].to_numpy(dtype="float64"))
    depth = np.nan_to_num(frame["real_depth"].to_numpy(dtype="float64"))
    shops = frame["shop"].astype("str").to_numpy() if "shop" in frame.columns else np.zeros(len(frame), dtype=str)
    _, idx = np.unique(shops, return_inverse=True)
    covs = [depth]
    if "presale" in frame.columns:
        covs.append(frame["presale"].to_numpy(dtype="float64"))
    x = np.column_stack(covs)

    def slope(w: Any) -> float:
        return float(_within_fit(lu, x, idx, w)[0][0])

    est = slope(np.ones(len(frame)))
    draws = _boot.replicate(lambda w: np.array([slope(w)]), len(frame), n_boot, seed)
    lo, hi = _boot.interval(draws, level)
    return {
        "slope": est,
        "slope_low": float(lo[0]),
        "slope_high": float(hi[0]),
        "ratio": float(np.exp(est * st)),
        "ratio_low": float(np.exp(lo[0] * st)),
        "ratio_high": float(np.exp(hi[0] * st)),
        "items": float(len(frame)),
        "step": st,
    }
