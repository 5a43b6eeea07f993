"""Vectorised simulation of the SKU funnel: many candidate SKUs, weekly Poisson sales, a test-and-cut rule.

Each replication draws ``n_skus`` demand rates from the prior (or takes fixed rates),
then runs the weeks of the test: every SKU still under test sells ``Poisson(lambda e_t)``
units in week ``t`` (``e_t`` the week's exposure), and the rule keeps it, cuts it or
tests it another week. Only the SKUs still under test are carried from week to week,
so the work is proportional to the SKU-weeks actually tested. Everything is drawn from
one seeded :class:`numpy.random.Generator`: the same seed gives the same numbers.

The full scale of the article's funnel (110,000 candidates x 52 weeks x 100
replications) runs in a few seconds (``benchmarks/bench_funnel.py``).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pandas as pd

from helpers import validation
from helpers.errors import ParameterError
from helpers.funnel.policy import NEVER, Rule
from helpers.funnel.prior import MixturePrior

__all__ = ["FunnelRun", "simulate_funnel"]

_TALLIES = (
    "tried",
    "worth",
    "low",
    "kept",
    "kept_worth",
    "kept_low",
    "cut",
    "cut_worth",
    "sku_weeks",
    "units",
    "leftover",
    "cut_weeks",
    "cut_units",
    "kept_rate",
)


@dataclasses.dataclass(frozen=True, eq=False)
class FunnelRun:
    """Per-replication totals of a funnel simulation (arrays of length ``replications``).

    Attributes
    ----------
    rule : str
        Name of the rule simulated.
    n_skus, replications, horizon : int
        Candidates per replication, replications, test weeks.
    breakeven : float
        Demand rate (units per week) that makes a SKU "worth keeping".
    stock_units : float
        First batch of stock per SKU used for ``leftover``.
    tried, worth, low : numpy.ndarray
        SKUs tried; of them worth keeping (rate >= break-even); from the prior's unwanted component.
    kept, kept_worth, kept_low, cut, cut_worth : numpy.ndarray
        Decisions, and how many of them concerned SKUs worth keeping / from the unwanted component.
    sku_weeks, units : numpy.ndarray
        SKU-weeks listed during tests, units sold during tests.
    leftover : numpy.ndarray
        Sum over cut SKUs of ``max(stock_units - S, 0)``: first-batch units left when cut.
    cut_weeks, cut_units : numpy.ndarray
        Weeks listed and units sold by the SKUs that were cut.
    kept_rate : numpy.ndarray
        Sum of the true demand rates of kept SKUs (units per week).
    keep_by_week, cut_by_week : numpy.ndarray
        ``(replications, horizon + 1)`` decisions after each week (column 0: at listing).
    """

    rule: str
    n_skus: int
    replications: int
    horizon: int
    breakeven: float
    stock_units: float
    tried: np.ndarray
    worth: np.ndarray
    low: np.ndarray
    kept: np.ndarray
    kept_worth: np.ndarray
    kept_low: np.ndarray
    cut: np.ndarray
    cut_worth: np.ndarray
    sku_weeks: np.ndarray
    units: np.ndarray
    leftover: np.ndarray
    cut_weeks: np.ndarray
    cut_units: np.ndarray
    kept_rate: np.ndarray
    keep_by_week: np.ndarray
    cut_by_week: np.ndarray

    def measures(self) -> pd.DataFrame:
        """One row per replication: survival and error rates (shares), mean test weeks.

        Columns: ``tried, kept, survival`` (kept / tried), ``worth_share`` (share of tried SKUs
        worth keeping), ``low_share`` (share from the unwanted component), ``false_keep``
        (kept among those not worth keeping), ``false_cut`` (cut among those worth keeping),
        ``unworthy_among_kept``, ``low_among_kept``, ``test_weeks`` (mean per tried SKU).
        """
        with np.errstate(invalid="ignore", divide="ignore"):
            tried = self.tried.astype(float)
            return pd.DataFrame(
                {
                    "tried": self.tried,
                    "kept": self.kept,
                    "survival": self.kept / tried,
                    "worth_share": self.worth / tried,
                    "low_share": self.low / tried,
                    "false_keep": (self.kept - self.kept_worth) / (tried - self.worth),
                    "false_cut": self.cut_worth / self.worth,
                    "unworthy_among_kept": (self.kept - self.kept_worth) / self.kept,
                    "low_among_kept": self.kept_low / self.kept,
                    "test_weeks": self.sku_weeks / tried,
                }
            )

    def summary(self) -> pd.DataFrame:
        """Mean, standard deviation and 5th/95th percentiles across replications of :meth:`measures`."""
        m = self.measures()
        return pd.DataFrame(
            {
                "mean": m.mean(),
                "sd": m.std(ddof=1) if len(m) > 1 else 0.0,
                "p5": m.quantile(0.05),
                "p95": m.quantile(0.95),
            }
        )

    def per_tried(self) -> dict[str, float]:
        """Totals pooled over replications, per tried SKU (for the cost model).

        Keys: ``survival, sku_weeks, units, leftover, cut_weeks, cut_units, kept_rate`` (sum of
        kept rates per tried SKU).
        """
        keys = ("sku_weeks", "units", "leftover", "cut_weeks", "cut_units", "kept_rate")
        n = float(self.tried.sum())
        if n == 0:
            return {"survival": 0.0, **{k: 0.0 for k in keys}}
        return {"survival": float(self.kept.sum()) / n, **{k: float(getattr(self, k).sum()) / n for k in keys}}


def simulate_funnel(
    rule: Rule,
    prior: MixturePrior | None = None,
    *,
    rates: Any = None,
    n_skus: int = 110_000,
    replications: int = 100,
    seed: int = 0,
    breakeven: float | None = None,
    stock_units: float = 0.0,
) -> FunnelRun:
    """Simulate the funnel: candidates listed, tested week by week, kept or cut.

    Parameters
    ----------
    rule : Rule
        From :mod:`helpers.funnel.policy`.
    prior : MixturePrior, optional
        Demand rates are drawn from it, afresh in each replication.
    rates : array_like, optional
        Fixed demand rates (units per week), one per SKU, the same in every replication
        (instead of ``prior``; used to measure error rates at given rates).
    n_skus : int
        Candidates per replication (ignored with ``rates``).
    replications : int
        Independent replications.
    seed : int
        Seed of :func:`numpy.random.default_rng`.
    breakeven : float, optional
        Rate (units per week) that makes a SKU worth keeping; default ``rule.breakeven``.
    stock_units : float
        First batch of stock per SKU, for the leftover count at cuts (0 = none).

    Returns
    -------
    FunnelRun

    Raises
    ------
    ParameterError
        Neither or both of ``prior`` and ``rates``; a bad size, seed or break-even.

    Examples
    --------
    >>> from helpers.funnel import policy
    >>> prior = MixturePrior(0.75, 0.5, 10.0)
    >>> run = simulate_funnel(policy.threshold_rule(prior, 1.0), prior, n_skus=2_000, replications=3)
    >>> run.kept.shape, bool(0.15 < run.summary().loc["survival", "mean"] < 0.35)
    ((3,), True)
    """
    if (prior is None) == (rates is None):
        raise ParameterError("give either prior (rates drawn afresh) or rates (fixed), not both or neither")
    reps = validation.integer(replications, "replications", low=1, high=100_000)
    seed = validation.integer(seed, "seed", low=0)
    q0 = validation.number(stock_units, "stock_units", low=0.0, unit="units")
    fixed = None
    if rates is not None:
        fixed = np.asarray(rates, dtype=float).ravel()
        if fixed.size == 0 or not np.all(np.isfinite(fixed)) or np.any(fixed < 0):
            raise ParameterError("rates must be finite numbers >= 0 (units per week), at least one")
        n = fixed.size
    else:
        n = validation.integer(n_skus, "n_skus", low=1, high=50_000_000)
    b = rule.breakeven if breakeven is None else breakeven
    if b is None:
        raise ParameterError("breakeven is needed (the rule has none): the rate that makes a SKU worth keeping")
    b = validation.number(b, "breakeven", low=0.0, low_open=True, unit="units per week")

    rng = np.random.default_rng(seed)
    h = rule.horizon
    tallies = {k: np.zeros(reps) for k in _TALLIES}
    keep_by_week = np.zeros((reps, h + 1))
    cut_by_week = np.zeros((reps, h + 1))
    q = rule.cut_probability
    qcap = None if q is None else q.shape[1] - 1
    # With randomised cuts (Thompson sampling) a SKU whose sales reach the table's cap can no longer be
    # cut (probability < 1e-12) and is kept at the horizon: its remaining weeks are drawn in one go.
    fast_forward = np.zeros(h, dtype=bool)
    if q is not None and h > 1:
        later = np.arange(h)
        for week in range(h - 1):
            rest = later > week
            fast_forward[week] = (
                np.all(rule.cut_at[rest] < qcap)
                and np.all(rule.keep_at[rest][:-1] >= NEVER)
                and rule.keep_at[-1] <= qcap
            )
    remaining = np.concatenate([np.cumsum(rule.weekly_exposure[::-1])[::-1][1:], [0.0]]) if h else np.zeros(0)
    for r in range(reps):
        if fixed is None:
            lam, comp = prior.sample(rng, n, components=True)  # type: ignore[union-attr]
            low = comp == 0
        else:
            lam, low = fixed, np.zeros(n, dtype=bool)
        if rule.kind == "list_nothing_new":
            continue
        worth = lam >= b
        t = tallies
        t["tried"][r], t["worth"][r], t["low"][r] = n, worth.sum(), low.sum()
        if rule.kind == "list_everything":
            t["kept"][r], t["kept_worth"][r], t["kept_low"][r] = n, worth.sum(), low.sum()
            t["kept_rate"][r] = lam.sum()
            keep_by_week[r, 0] = n
            continue
        idx = np.arange(n)  # SKUs still under test
        s_a = np.zeros(n, dtype=np.int64)  # their cumulative sales
        for week in range(h):
            if idx.size == 0:
                break
            lam_a = lam[idx]
            t["sku_weeks"][r] += idx.size
            sold = rng.poisson(lam_a * rule.weekly_exposure[week])
            s_a += sold
            t["units"][r] += sold.sum()
            if q is None:
                keep = s_a >= rule.keep_at[week]
                cut = s_a <= rule.cut_at[week]
            else:
                rand_cut = rng.random(idx.size) < q[week, np.minimum(s_a, qcap)]
                keep = (s_a >= rule.keep_at[week]) & ~rand_cut
                cut = rand_cut | ((s_a <= rule.cut_at[week]) & ~keep)
            keep_by_week[r, week + 1] += keep.sum()
            if fast_forward[week]:
                safe = (s_a >= qcap) & ~cut & ~keep
                if safe.any():  # kept at the horizon; their remaining sales drawn at once
                    t["units"][r] += rng.poisson(lam_a[safe] * remaining[week]).sum()
                    t["sku_weeks"][r] += safe.sum() * (h - week - 1)
                    keep_by_week[r, h] += safe.sum()
                    keep = keep | safe
            if keep.any():
                kept = idx[keep]
                t["kept"][r] += kept.size
                t["kept_worth"][r] += worth[kept].sum()
                t["kept_low"][r] += low[kept].sum()
                t["kept_rate"][r] += lam[kept].sum()
            if cut.any():
                t["cut"][r] += cut.sum()
                t["cut_worth"][r] += worth[idx[cut]].sum()
                s_cut = s_a[cut]
                t["cut_units"][r] += s_cut.sum()
                t["cut_weeks"][r] += s_cut.size * (week + 1)
                if q0 > 0:
                    t["leftover"][r] += np.maximum(q0 - s_cut, 0.0).sum()
                cut_by_week[r, week + 1] = cut.sum()
            done = keep | cut
            if done.any():
                go = ~done
                idx, s_a = idx[go], s_a[go]
        if idx.size:  # pragma: no cover - every rule decides at its horizon
            raise ParameterError(f"rule {rule.name!r} left {idx.size} SKUs undecided at its horizon")
    return FunnelRun(
        rule=rule.name,
        n_skus=n,
        replications=reps,
        horizon=h,
        breakeven=b,
        stock_units=q0,
        **tallies,
        keep_by_week=keep_by_week,
        cut_by_week=cut_by_week,
    )
