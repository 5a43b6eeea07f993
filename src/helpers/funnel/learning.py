"""How long learning takes: Wald's bounds and approximations, and exact operating characteristics.

Two routes to the weeks a test needs and the errors it makes:

* **Wald (analytic).** For the simple test of a low rate ``lambda_0`` (cut) against a high rate
  ``lambda_1`` (keep) with Poisson weekly sales, the log likelihood ratio moves by
  ``Z = S_week * log(lambda_1 / lambda_0) - (lambda_1 - lambda_0)`` per week. Stopping at
  ``log A`` or ``log B`` gives error rates within Wald's bounds (:func:`wald_error_bounds`), the
  operating characteristic :func:`wald_oc` and the expected sample number :func:`wald_asn`
  (Wald 1947, ch. 3). With a prior, a posterior error target ``epsilon`` moves the boundaries
  by the prior odds (:func:`prior_boundaries`), so a higher unwanted share makes cuts faster
  and keeps slower.
* **Exact (recursion).** Any :class:`~helpers.funnel.policy.Rule` depends on the data only
  through cumulative sales, so the distribution of ``S`` among SKUs still under test can be
  carried forward week by week (a Poisson convolution per week): :func:`operating` gives, at
  each demand rate, the exact probabilities of keeping and cutting, the decision week, the
  expected weeks listed, units sold and stock left at a cut. :func:`prior_operating`
  integrates them over the prior; :func:`weeks_to_learn` tabulates them.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import fft as sp_fft
from scipy import optimize, special, stats

from helpers import validation
from helpers.errors import ParameterError
from helpers.funnel.policy import Rule, threshold_rule
from helpers.funnel.prior import MixturePrior

__all__ = [
    "Operating",
    "operating",
    "posterior_error_bounds",
    "prior_boundaries",
    "prior_operating",
    "wald_asn",
    "wald_boundaries",
    "wald_error_bounds",
    "wald_oc",
    "wald_weeks",
    "weeks_to_learn",
]


# ---------------------------------------------------------------------------------------- Wald
def wald_boundaries(alpha: float, beta: float) -> tuple[float, float]:
    """Wald's stopping boundaries on the likelihood ratio: ``A = (1 - beta) / alpha``, ``B = beta / (1 - alpha)``.

    Parameters
    ----------
    alpha : float
        Target probability of keeping a SKU at the low rate (type I error).
    beta : float
        Target probability of cutting a SKU at the high rate (type II error).

    Returns
    -------
    (A, B) : tuple of float
        Keep when the ratio reaches ``A``, cut when it falls to ``B``.

    References
    ----------
    Wald, A. (1945), *Annals of Mathematical Statistics* 16(2):117-186, eq. (3.20)-(3.21).

    Examples
    --------
    >>> wald_boundaries(0.05, 0.10)
    (18.0, 0.10526315789473685)
    """
    a = validation.probability(alpha, "alpha", open_low=True, open_high=True)
    b = validation.probability(beta, "beta", open_low=True, open_high=True)
    if a + b >= 1:
        raise ParameterError(f"alpha + beta must be below 1 (got {a + b:g})")
    return (1 - b) / a, b / (1 - a)


def wald_error_bounds(alpha: float, beta: float) -> tuple[float, float]:
    """Wald's bounds on the error rates actually achieved with boundaries :func:`wald_boundaries`.

    The achieved rates ``alpha', beta'`` satisfy ``alpha' <= alpha / (1 - beta)``,
    ``beta' <= beta / (1 - alpha)`` (and ``alpha' + beta' <= alpha + beta``), whatever the
    overshoot of the boundaries.

    Examples
    --------
    >>> [round(x, 4) for x in wald_error_bounds(0.05, 0.05)]
    [0.0526, 0.0526]
    """
    a = validation.probability(alpha, "alpha", open_low=True, open_high=True)
    b = validation.probability(beta, "beta", open_low=True, open_high=True)
    return a / (1 - b), b / (1 - a)


def prior_boundaries(error: float, unwanted_share: float) -> tuple[float, float]:
    """Likelihood-ratio boundaries that reach a posterior error ``error`` under a prior unwanted share.

    Keeping when the posterior probability of "wanted" reaches ``1 - error`` and cutting when
    it falls to ``error`` is an SPRT with ``A = (1 - e)/e * u/(1 - u)`` and
    ``B = e/(1 - e) * u/(1 - u)``: the prior odds shift both boundaries.

    Examples
    --------
    >>> [round(x, 3) for x in prior_boundaries(0.05, 0.75)]
    [57.0, 0.158]
    """
    e = validation.probability(error, "error", open_low=True, open_high=True)
    if e >= 0.5:
        raise ParameterError(f"error must be below 0.5, got {e:g}")
    u = validation.probability(unwanted_share, "unwanted_share", open_low=True, open_high=True)
    odds = u / (1 - u)
    return (1 - e) / e * odds, e / (1 - e) * odds


def posterior_error_bounds(prior: MixturePrior, breakeven: float, keep_at: float, cut_at: float) -> tuple[float, float]:
    """Wald's bounds on the prior-averaged error rates of the posterior-threshold rule (no horizon).

    The rule keeps when the Bayes factor for ``lambda >= lambda*`` reaches
    ``A = [k/(1-k)] / O`` and cuts when it falls to ``B = [c/(1-c)] / O``, with ``O`` the prior
    odds that a SKU is worth keeping. The Bayes factor is a martingale under the prior restricted
    to ``lambda < lambda*`` (and its inverse under ``lambda >= lambda*``), so Wald's argument gives

        P(keep | not worth keeping) <= (1 - P(cut | worth keeping)) / A <= 1 / A
        P(cut | worth keeping) <= B

    Returns
    -------
    (false_keep_bound, false_cut_bound) : tuple of float

    References
    ----------
    Wald (1945), section 3.2; Ville, J. (1939), *Étude critique de la notion de collectif*,
    Gauthier-Villars (the maximal inequality for non-negative martingales).

    Examples
    --------
    >>> [round(x, 4) for x in posterior_error_bounds(MixturePrior(0.75, 0.5, 10.0), 1.0, 0.95, 0.05)]
    [0.0257, 0.108]
    """
    b = validation.number(breakeven, "breakeven", low=0.0, low_open=True, unit="units per week")
    k = validation.probability(keep_at, "keep_at", open_low=True, open_high=True)
    c = validation.probability(cut_at, "cut_at", open_low=True, open_high=True)
    if not c < k:
        raise ParameterError(f"cut_at must be below keep_at (got cut_at={c:g}, keep_at={k:g})")
    below = prior.share_below(b)
    odds = (1 - below) / below
    return min(1.0, odds / (k / (1 - k))), min(1.0, (c / (1 - c)) / odds)


def _check_rates(low_rate: float, high_rate: float) -> tuple[float, float]:
    lo = validation.number(low_rate, "low_rate", low=0.0, low_open=True, unit="units per week")
    hi = validation.number(high_rate, "high_rate", low=0.0, low_open=True, unit="units per week")
    if not lo < hi:
        raise ParameterError(f"low_rate must be below high_rate (got {lo:g} and {hi:g} units per week)")
    return lo, hi


def _wald_h(rate: float, lo: float, hi: float) -> float:
    """Root h != 0 of E[exp(h Z)] = 1 for Poisson sales at ``rate`` (0 at the zero-drift rate)."""
    r, d = hi / lo, hi - lo
    neutral = d / math.log(r)
    if math.isclose(rate, neutral, rel_tol=1e-9):
        return 0.0

    def f(h: float) -> float:
        return rate * math.expm1(h * math.log(r)) - h * d

    # the root has the sign of (neutral - rate): h = 1 at lo, -1 at hi
    if rate < neutral:
        a, b = 1e-12, 1.0
        while f(b) < 0:
            b *= 2
    else:
        a, b = -1.0, -1e-12
        while f(a) < 0:
            a *= 2
    return optimize.brentq(f, a, b, xtol=1e-14, rtol=1e-12)


def wald_oc(rate: Any, low_rate: float, high_rate: float, A: float, B: float) -> np.ndarray:
    """Wald's approximate probability of **cutting** a SKU selling ``rate`` units per week.

    ``L(lambda) = (A^h - 1) / (A^h - B^h)`` with ``h`` the non-zero root of
    ``lambda (r^h - 1) = h (lambda_1 - lambda_0)``, ``r = lambda_1 / lambda_0``
    (``L = log A / (log A - log B)`` at the rate where ``h = 0``).

    References
    ----------
    Wald (1947), *Sequential Analysis*, section 3.7 (the OC function) and A.2.

    Examples
    --------
    >>> A, B = wald_boundaries(0.05, 0.05)
    >>> [round(float(x), 3) for x in wald_oc([0.5, 2.0], 0.5, 2.0, A, B)]
    [0.95, 0.05]
    """
    lo, hi = _check_rates(low_rate, high_rate)
    la, lb = (
        math.log(validation.number(A, "A", low=1.0, low_open=True)),
        math.log(validation.number(B, "B", low=0.0, high=1.0, low_open=True, high_open=True)),
    )
    out = []
    for lam in np.atleast_1d(np.asarray(rate, dtype=float)):
        h = _wald_h(float(lam), lo, hi)
        if h == 0.0:
            out.append(la / (la - lb))
            continue
        # (A^h - 1) / (A^h - B^h), computed in logs for stability
        x, y = h * la, h * lb
        if x > 0:
            val = (-math.expm1(-x)) / (1 - math.exp(y - x))
        else:
            val = math.expm1(x) / (math.exp(x) - math.exp(y))
        out.append(val)
    return np.array(out)


def wald_asn(rate: Any, low_rate: float, high_rate: float, A: float, B: float) -> np.ndarray:
    """Wald's approximate expected weeks to a decision (average sample number) at ``rate``.

    ``E[T] = (L log B + (1 - L) log A) / E[Z]`` with ``E[Z] = lambda log(r) - (lambda_1 - lambda_0)``;
    at zero drift ``E[T] = -log A log B / E[Z^2]`` with ``E[Z^2] = lambda log(r)^2``. Overshoot
    of the boundaries is ignored, so the true expectation is somewhat longer.

    Examples
    --------
    >>> A, B = wald_boundaries(0.05, 0.05)
    >>> [round(float(x), 2) for x in wald_asn([0.5, 2.0], 0.5, 2.0, A, B)]
    [3.28, 2.08]
    """
    lo, hi = _check_rates(low_rate, high_rate)
    la, lb = math.log(A), math.log(B)
    lr = math.log(hi / lo)
    rates = np.atleast_1d(np.asarray(rate, dtype=float))
    oc = wald_oc(rates, lo, hi, A, B)
    out = []
    for lam, L in zip(rates, oc):
        drift = lam * lr - (hi - lo)
        if abs(drift) < 1e-9 * (hi - lo):
            out.append(-la * lb / (lam * lr**2))
        else:
            out.append((L * lb + (1 - L) * la) / drift)
    return np.array(out)


def wald_weeks(
    rates: Sequence[float] | np.ndarray,
    prior: MixturePrior,
    breakeven: float,
    errors: Sequence[float] = (0.01, 0.05, 0.10),
) -> pd.DataFrame:
    """Analytic weeks to classify a SKU selling ``rate``: Wald's drift approximation against the break-even rate.

    Testing the SKU's true rate against the break-even rate ``lambda*``, the log likelihood
    ratio drifts by the Kullback-Leibler information per week
    ``I = lambda log(lambda / lambda*) - lambda + lambda*``, and the posterior-threshold rule
    stops when it has moved ``log((1 - e)/e) + log(prior odds against the SKU's side)``.
    Wald's approximation (overshoot ignored) is that distance divided by ``I`` (at least one
    week): the prior enters through the odds, and the time grows without bound as the rate
    approaches break-even.

    Returns
    -------
    pandas.DataFrame
        Index: demand rate (units per week); one column per error rate; cells: weeks.

    References
    ----------
    Wald (1947), ch. 3 (expected sample number); the large-deviation form is Chernoff, H. (1959),
    "Sequential design of experiments", *Annals of Mathematical Statistics* 30(3):755-770.

    Examples
    --------
    >>> t = wald_weeks([0.2, 5.0], MixturePrior(0.75, 0.5, 10.0), 1.0, errors=[0.05])
    >>> t.round(2).values.tolist()
    [[4.66], [1.0]]
    """
    b = validation.number(breakeven, "breakeven", low=0.0, low_open=True, unit="units per week")
    lam = np.asarray(rates, dtype=float)
    if lam.size == 0 or not np.all(np.isfinite(lam)) or np.any(lam < 0):
        raise ParameterError("rates must be finite numbers >= 0 (units per week)")
    below = prior.share_below(b)
    info = special.xlogy(lam, lam / b) - lam + b
    out = {}
    for e in errors:
        e = validation.probability(e, "error", open_low=True, open_high=True)
        if e >= 0.5:
            raise ParameterError(f"error must be below 0.5, got {e:g}")
        need_keep = math.log((1 - e) / e) + math.log(below / (1 - below))
        need_cut = math.log((1 - e) / e) + math.log((1 - below) / below)
        need = np.where(lam >= b, need_keep, need_cut)
        with np.errstate(divide="ignore"):
            weeks = np.where(info > 0, np.maximum(need, 0.0) / info, np.inf)
        out[e] = np.maximum(weeks, 1.0)
    return pd.DataFrame(out, index=pd.Index(lam, name="rate"))


# ---------------------------------------------------------------------------------------- exact
@dataclasses.dataclass(frozen=True, eq=False)
class Operating:
    """Exact operating characteristics of a rule at a set of demand rates (one entry per rate).

    Attributes
    ----------
    rule : str
    rates : numpy.ndarray
        Demand rates, units per week.
    weights : numpy.ndarray
        Weight of each rate (prior quadrature weights, or equal weights).
    component : numpy.ndarray
        Prior component of each rate (0 unwanted, 1 wanted; all 1 when not from a prior).
    breakeven : float
    stock_units : float
    p_keep, p_cut : numpy.ndarray
        Probability the test ends in a keep / a cut.
    keep_by_week, cut_by_week : numpy.ndarray
        ``(n_rates, horizon + 1)`` probability of a keep / cut after each week (column 0: at listing).
    weeks, units, leftover : numpy.ndarray
        Expected weeks listed under test, units sold under test, and first-batch units left when
        cut (``E[max(q0 - S, 0); cut]``).
    cut_weeks, cut_units : numpy.ndarray
        Weeks listed and units sold by SKUs that end up cut (``E[T; cut]``, ``E[S_T; cut]``).
    weekly_exposure : numpy.ndarray
        The rule's exposure per test week.
    """

    rule: str
    rates: np.ndarray
    weights: np.ndarray
    component: np.ndarray
    breakeven: float
    stock_units: float
    p_keep: np.ndarray
    p_cut: np.ndarray
    keep_by_week: np.ndarray
    cut_by_week: np.ndarray
    weeks: np.ndarray
    units: np.ndarray
    leftover: np.ndarray
    cut_weeks: np.ndarray
    cut_units: np.ndarray
    weekly_exposure: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0))

    def table(self) -> pd.DataFrame:
        """One row per rate: ``rate, p_keep, p_cut, weeks, units, leftover, cut_weeks, cut_units``."""
        return pd.DataFrame(
            {
                "rate": self.rates,
                "p_keep": self.p_keep,
                "p_cut": self.p_cut,
                "weeks": self.weeks,
                "units": self.units,
                "leftover": self.leftover,
                "cut_weeks": self.cut_weeks,
                "cut_units": self.cut_units,
            }
        )

    def outcomes(self) -> dict[str, float]:
        """Shares of tried SKUs by outcome: kept or cut, worth keeping (rate >= break-even) or not.

        Examples
        --------
        >>> from helpers.funnel.policy import list_everything
        >>> operating(list_everything(), [0.5, 2.0], breakeven=1.0).outcomes()["kept, worth keeping"]
        0.5
        """
        w = self.weights / self.weights.sum()
        worth = self.rates >= self.breakeven
        return {
            "kept, worth keeping": float(w[worth] @ self.p_keep[worth]),
            "kept, not worth keeping": float(w[~worth] @ self.p_keep[~worth]),
            "cut, worth keeping": float(w[worth] @ self.p_cut[worth]),
            "cut, not worth keeping": float(w[~worth] @ self.p_cut[~worth]),
        }

    def decided_by_week(self, group: str = "all") -> np.ndarray:
        """Probability of a decision after each week (length ``horizon + 1``) for ``group``.

        ``group`` is ``"all"``, ``"worth keeping"`` or ``"not worth keeping"``.
        """
        validation.choice(group, "group", ("all", "worth keeping", "not worth keeping"))
        m = np.ones(self.rates.size, dtype=bool)
        if group != "all":
            m = (self.rates >= self.breakeven) == (group == "worth keeping")
        w = self.weights[m] / self.weights[m].sum()
        return w @ (self.keep_by_week[m] + self.cut_by_week[m])

    def funnel(self) -> dict[str, float]:
        """Weighted over the rates: the funnel's shares and per-tried-SKU totals.

        Keys: ``survival, worth_share, low_share, false_keep, false_cut, unworthy_among_kept,
        low_among_kept, test_weeks, units, leftover, cut_weeks, cut_units, kept_rate``.
        """
        w = self.weights / self.weights.sum()
        worth = self.rates >= self.breakeven
        low = self.component == 0
        kept = float(w @ self.p_keep)
        ws = float(w[worth].sum())

        def ratio(a: float, b: float) -> float:
            return a / b if b > 0 else float("nan")

        return {
            "survival": kept,
            "worth_share": ws,
            "low_share": float(w[low].sum()),
            "false_keep": ratio(float(w[~worth] @ self.p_keep[~worth]), 1 - ws),
            "false_cut": ratio(float(w[worth] @ self.p_cut[worth]), ws),
            "unworthy_among_kept": ratio(float(w[~worth] @ self.p_keep[~worth]), kept),
            "low_among_kept": ratio(float(w[low] @ self.p_keep[low]), kept),
            "test_weeks": float(w @ self.weeks),
            "units": float(w @ self.units),
            "leftover": float(w @ self.leftover),
            "cut_weeks": float(w @ self.cut_weeks),
            "cut_units": float(w @ self.cut_units),
            "kept_rate": float(w @ (self.p_keep * self.rates)),
        }


def operating(
    rule: Rule,
    rates: Any,
    *,
    breakeven: float | None = None,
    stock_units: float = 0.0,
    weights: Any = None,
    component: Any = None,
) -> Operating:
    """Exact keep/cut probabilities, decision weeks and expected test totals of ``rule`` at each rate.

    The probability mass of SKUs still under test is carried over cumulative sales
    ``0 .. cap`` (the last cell collecting ``S >= cap``, where the rule no longer
    distinguishes) and convolved each week with the Poisson distribution of the week's sales.

    Parameters
    ----------
    rule : Rule
        A sequential rule or a baseline.
    rates : array_like
        Demand rates, units per week (>= 0).
    breakeven : float, optional
        Rate that makes a SKU worth keeping (default ``rule.breakeven``).
    stock_units : float
        First batch per SKU, for the expected leftover at a cut.
    weights, component : array_like, optional
        Weights of the rates and their prior components (see :func:`prior_operating`).

    Returns
    -------
    Operating

    Examples
    --------
    >>> from helpers.funnel.policy import sprt_rule
    >>> op = operating(sprt_rule(0.5, 2.0, 0.05, 0.05, horizon=200), [0.5, 2.0])
    >>> [round(float(x), 3) for x in op.p_keep]
    [0.014, 0.959]
    """
    lam = np.atleast_1d(np.asarray(rates, dtype=float))
    if lam.size == 0 or not np.all(np.isfinite(lam)) or np.any(lam < 0):
        raise ParameterError("rates must be finite numbers >= 0 (units per week), at least one")
    q0 = validation.number(stock_units, "stock_units", low=0.0, unit="units")
    b = rule.breakeven if breakeven is None else breakeven
    b = float("nan") if b is None else validation.number(b, "breakeven", low=0.0, low_open=True, unit="units per week")
    w = np.full(lam.size, 1.0 / lam.size) if weights is None else np.asarray(weights, dtype=float)
    comp = np.ones(lam.size, dtype=np.int8) if component is None else np.asarray(component, dtype=np.int8)
    if w.shape != lam.shape or comp.shape != lam.shape:
        raise ParameterError("weights and component need one entry per rate")
    n, h = lam.size, rule.horizon
    keep_w = np.zeros((n, h + 1))
    cut_w = np.zeros((n, h + 1))
    weeks = np.zeros(n)
    units = np.zeros(n)
    leftover = np.zeros(n)
    cut_units = np.zeros(n)
    if rule.kind == "list_nothing_new":
        pass
    elif rule.kind == "list_everything":
        keep_w[:, 0] = 1.0
    else:
        keep_tab, cut_tab = rule.table()
        cap = keep_tab.shape[1] - 1
        s = np.arange(cap + 1)
        short = np.maximum(q0 - s, 0.0)
        mass = np.zeros((n, cap + 1))
        mass[:, 0] = 1.0
        bounds_only = rule.cut_probability is None
        # The week's convolution by FFT; the Poisson pmf's spectrum is computed once per distinct
        # weekly exposure (ordinary weeks share one).
        n_fft = sp_fft.next_fast_len(2 * cap - 1, real=True) if cap > 1 else 1
        spectra: dict[float, np.ndarray] = {}
        for t in range(h):
            alive = mass.sum(axis=1)
            weeks += alive
            e_t = float(rule.weekly_exposure[t])
            mu = lam * e_t
            units += mu * alive
            if cap > 0:
                if e_t not in spectra:
                    pmf = stats.poisson.pmf(s[None, :cap], mu[:, None])
                    spectra[e_t] = sp_fft.rfft(pmf, n_fft, axis=1) if cap > 1 else pmf
                if cap > 1:
                    body = sp_fft.irfft(sp_fft.rfft(mass[:, :cap], n_fft, axis=1) * spectra[e_t], n_fft, axis=1)[
                        :, :cap
                    ]
                else:
                    body = mass[:, :1] * spectra[e_t]
                body = np.clip(body, 0.0, None)
                new = np.empty_like(mass)
                new[:, :cap] = body
                new[:, cap] = np.clip(alive - body.sum(axis=1), 0.0, None)
            else:
                new = mass
            if bounds_only:  # keep and cut are the cells S >= keep_at and S <= cut_at: slice, don't multiply
                kt, ct = min(int(rule.keep_at[t]), cap + 1), max(int(rule.cut_at[t]) + 1, 0)
                keep_w[:, t + 1] = new[:, kt:].sum(axis=1)
                cut_w[:, t + 1] = new[:, :ct].sum(axis=1)
                leftover += new[:, :ct] @ short[:ct]
                cut_units += new[:, :ct] @ s[:ct]
                new[:, kt:] = 0.0
                new[:, :ct] = 0.0
                mass = new
                continue
            k = new * keep_tab[t]
            c = new * cut_tab[t]
            keep_w[:, t + 1] = k.sum(axis=1)
            cut_w[:, t + 1] = c.sum(axis=1)
            leftover += c @ short
            cut_units += c @ s
            mass = new - k - c
        if h and np.any(mass.sum(axis=1) > 1e-9):  # pragma: no cover - every rule decides at its horizon
            raise ParameterError(f"rule {rule.name!r} leaves SKUs undecided at its horizon")
    return Operating(
        rule=rule.name,
        rates=lam,
        weights=w,
        component=comp,
        breakeven=b,
        stock_units=q0,
        p_keep=keep_w.sum(axis=1),
        p_cut=cut_w.sum(axis=1),
        keep_by_week=keep_w,
        cut_by_week=cut_w,
        weeks=weeks,
        units=units,
        leftover=leftover,
        cut_weeks=cut_w @ np.arange(h + 1, dtype=float),
        cut_units=cut_units,
        weekly_exposure=np.asarray(rule.weekly_exposure, dtype=float),
    )


def prior_operating(
    rule: Rule,
    prior: MixturePrior,
    *,
    breakeven: float | None = None,
    stock_units: float = 0.0,
    nodes: int = 200,
) -> Operating:
    """:func:`operating` over the prior's equal-probability quadrature (``2 * nodes`` rates).

    ``result.funnel()`` then gives the expected funnel per candidate SKU: the survival share,
    error rates and test totals that the simulation estimates with noise.

    Examples
    --------
    >>> prior = MixturePrior(0.75, 0.5, 10.0)
    >>> f = prior_operating(threshold_rule(prior, 1.0), prior).funnel()
    >>> round(f["survival"], 2), round(f["worth_share"], 2)
    (0.31, 0.33)
    """
    b = rule.breakeven if breakeven is None else breakeven
    rates, weights, comp = prior.quadrature(nodes, split=b)
    return operating(rule, rates, breakeven=breakeven, stock_units=stock_units, weights=weights, component=comp)


def weeks_to_learn(
    prior: MixturePrior,
    breakeven: float,
    rates: Sequence[float] | np.ndarray,
    errors: Sequence[float] = (0.01, 0.05, 0.10),
    *,
    horizon: int = 520,
    exposure_multiplier: float = 1.0,
) -> pd.DataFrame:
    """Expected weeks until the posterior-threshold rule classifies a SKU, by demand rate and error rate.

    For each error rate ``e`` the rule keeps at posterior ``>= 1 - e`` and cuts at ``<= e``
    (:func:`~helpers.funnel.policy.threshold_rule`), tested for at most ``horizon`` weeks; the
    expectations are exact (:func:`operating`).

    Returns
    -------
    pandas.DataFrame
        Long format: ``rate, error, weeks`` (expected weeks to a decision), ``p_right``
        (probability the decision is right for that rate: keep if ``rate >= breakeven``),
        ``p_by_horizon`` (probability of deciding before the horizon forces it).

    Examples
    --------
    >>> t = weeks_to_learn(MixturePrior(0.75, 0.5, 10.0), 1.0, [0.2, 5.0], errors=[0.05], horizon=104)
    >>> t[["rate", "weeks"]].round(1).values.tolist()
    [[0.2, 2.7], [5.0, 1.5]]
    """
    b = validation.number(breakeven, "breakeven", low=0.0, low_open=True, unit="units per week")
    m = validation.number(exposure_multiplier, "exposure_multiplier", low=0.0, low_open=True, high=1e3)
    rows = []
    lam = np.asarray(rates, dtype=float)
    for e in errors:
        e = validation.probability(e, "error", open_low=True, open_high=True)
        if e >= 0.5:
            raise ParameterError(f"error must be below 0.5, got {e:g}")
        rule = threshold_rule(
            prior,
            b,
            keep_at=1 - e,
            cut_at=e,
            horizon=horizon,
            final=0.5,
            exposure=np.full(validation.integer(horizon, "horizon", low=1), m),
        )
        op = operating(rule, lam, breakeven=b)
        right = np.where(lam >= b, op.p_keep, op.p_cut)
        forced = op.keep_by_week[:, -1] + op.cut_by_week[:, -1]
        for i, r in enumerate(lam):
            rows.append(
                {
                    "rate": float(r),
                    "error": e,
                    "weeks": float(op.weeks[i]),
                    "p_right": float(right[i]),
                    "p_by_horizon": float(1 - forced[i]),
                }
            )
    return pd.DataFrame(rows)
