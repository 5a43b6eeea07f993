"""Test-and-cut rules: what the platform does with a new SKU after each week of sales.

Every rule is turned into a :class:`Rule`: for each week ``t`` of the test, integer
boundaries on the cumulative units sold ``S`` (keep if ``S >= keep_at[t]``, cut if
``S <= cut_at[t]``, otherwise test another week) and, for randomised rules, a table of
cut probabilities by ``S``. Because every rule depends on the data only through
``(S, E)`` (units sold, weeks of exposure), the same table drives the vectorised
simulation (:mod:`helpers.funnel.simulate`) and the exact recursion
(:mod:`helpers.funnel.learning`).

Rules
-----
* :func:`threshold_rule` -- the posterior-threshold rule: keep once
  ``P(lambda >= lambda* | S, E) >= keep_at``, cut once it is ``<= cut_at``, decide by
  ``final`` at the horizon. Under the mixture prior this is Wald's sequential probability
  ratio test (SPRT) on the Bayes factor, with boundaries shifted by the prior odds.
* :func:`thompson_rule` -- Thompson sampling (probability matching) with irrevocable cuts:
  each week draw a rate from the posterior and delist if it is below break-even, i.e. cut
  with probability ``P(lambda < lambda* | S, E)``; survivors at the horizon are kept.
* :func:`sprt_rule` -- Wald's SPRT of a simple low rate against a simple high rate.
* :func:`list_everything`, :func:`list_nothing_new` -- the two baselines.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import numpy as np

from helpers import validation
from helpers.errors import ParameterError
from helpers.funnel.prior import MixturePrior

__all__ = [
    "NEVER",
    "Rule",
    "exposure_schedule",
    "list_everything",
    "list_nothing_new",
    "sprt_rule",
    "thompson_rule",
    "threshold_rule",
]

#: Sentinel of ``keep_at`` for "never keep this week".
NEVER = np.iinfo(np.int64).max // 4
_KINDS = ("sequential", "list_everything", "list_nothing_new")


@dataclasses.dataclass(frozen=True, eq=False)
class Rule:
    """A test-and-cut rule as per-week boundaries on cumulative sales.

    Attributes
    ----------
    name : str
        Label for tables and charts.
    kind : str
        ``"sequential"``, ``"list_everything"`` or ``"list_nothing_new"``.
    weekly_exposure : numpy.ndarray
        Demand multiplier of each test week (1 = an ordinary week), length = horizon.
    keep_at, cut_at : numpy.ndarray
        Per week (int): keep if ``S >= keep_at[t]``, cut if ``S <= cut_at[t]``
        (:data:`NEVER` and -1 mean no such decision that week).
    cut_probability : numpy.ndarray or None
        ``(horizon, cap + 1)`` probability of a random cut after week ``t`` at ``S = s``
        (the last column holds for every ``S >= cap``); applied before the boundaries.
    breakeven : float or None
        Demand rate (units per week) the rule tries to detect; SKUs at or above it are
        "worth keeping".
    """

    name: str
    kind: str
    weekly_exposure: np.ndarray
    keep_at: np.ndarray
    cut_at: np.ndarray
    cut_probability: np.ndarray | None = None
    breakeven: float | None = None

    def __post_init__(self) -> None:
        validation.choice(self.kind, "kind", _KINDS)
        h = len(self.weekly_exposure)
        if len(self.keep_at) != h or len(self.cut_at) != h:
            raise ParameterError("keep_at and cut_at need one entry per test week")
        if np.any(self.cut_at >= self.keep_at):
            raise ParameterError("cut_at must be below keep_at in every week")
        if self.cut_probability is not None and self.cut_probability.shape[0] != h:
            raise ParameterError("cut_probability needs one row per test week")

    @property
    def horizon(self) -> int:
        """Number of test weeks (0 for the baselines)."""
        return len(self.weekly_exposure)

    @property
    def cumulative_exposure(self) -> np.ndarray:
        """Weeks of exposure after each test week (ordinary weeks count 1)."""
        return np.cumsum(self.weekly_exposure)

    @property
    def cap(self) -> int:
        """Largest cumulative-sales value the rule distinguishes; every ``S >= cap`` is treated alike."""
        finite = self.keep_at[self.keep_at < NEVER]
        cap = int(finite.max()) if finite.size else 1
        if self.cut_probability is not None:
            cap = max(cap, self.cut_probability.shape[1] - 1)
        return max(cap, int(self.cut_at.max()) + 1, 1)

    def table(self) -> tuple[np.ndarray, np.ndarray]:
        """Keep and cut probabilities ``(horizon, cap + 1)`` by week and cumulative sales.

        Random cuts come first, then the boundaries act on the SKUs not cut.

        Examples
        --------
        >>> rule = sprt_rule(0.5, 2.0, 0.05, 0.05, horizon=3)
        >>> keep, cut = rule.table()
        >>> keep.shape == cut.shape == (3, rule.cap + 1)
        True
        """
        cap = self.cap
        s = np.arange(cap + 1)[None, :]
        keep = (s >= self.keep_at[:, None]).astype(float)
        cut = (s <= self.cut_at[:, None]).astype(float)
        if self.cut_probability is not None:
            q = _pad(self.cut_probability, cap + 1)
            keep, cut = (1 - q) * keep, q + (1 - q) * cut
        return keep, cut

    def describe(self) -> str:
        """One line saying what the rule does."""
        return f"{self.name}: {self.kind}, {self.horizon} test weeks"


def _pad(table: np.ndarray, width: int) -> np.ndarray:
    if table.shape[1] >= width:
        return table[:, :width]
    return np.concatenate([table, np.repeat(table[:, -1:], width - table.shape[1], axis=1)], axis=1)


def exposure_schedule(
    horizon: int, *, spike_week: int | None = None, spike_multiplier: float = 1.0, multiplier: float = 1.0
) -> np.ndarray:
    """Weekly exposure of a test: ``multiplier`` per ordinary week, ``spike_multiplier`` in the spike week.

    Parameters
    ----------
    horizon : int
        Test weeks.
    spike_week : int, optional
        1-based week of a Double 11 spike (e.g. 1 = the SKU is launched on Double 11).
    spike_multiplier : float
        Demand in the spike week relative to an ordinary week (>= 1).
    multiplier : float
        Traffic multiplier of ordinary test weeks (> 0; 2 = twice the buyers see the SKU).

    Examples
    --------
    >>> exposure_schedule(4, spike_week=1, spike_multiplier=3.0).tolist()
    [3.0, 1.0, 1.0, 1.0]
    """
    h = validation.integer(horizon, "horizon", low=1, high=100_000)
    m = validation.number(multiplier, "multiplier", low=0.0, low_open=True, high=1e3)
    out = np.full(h, m)
    if spike_week is not None:
        w = validation.integer(spike_week, "spike_week", low=1, high=h)
        out[w - 1] = validation.number(spike_multiplier, "spike_multiplier", low=1.0, high=1e3)
    return out


def _schedule(horizon: int, exposure: Sequence[float] | np.ndarray | None) -> np.ndarray:
    h = validation.integer(horizon, "horizon", low=1, high=100_000)
    if exposure is None:
        return np.ones(h)
    e = np.asarray(exposure, dtype=float)
    if e.shape != (h,) or not np.all(np.isfinite(e)) or np.any(e <= 0):
        raise ParameterError(f"exposure must be {h} positive numbers (one per test week), got shape {e.shape}")
    return e


def _posterior_table(prior: MixturePrior, breakeven: float, exposure: np.ndarray, smax: int) -> np.ndarray:
    cum = np.cumsum(exposure)
    s = np.arange(smax + 1)
    return prior.posterior_sf(breakeven, s[None, :], cum[:, None])


def threshold_rule(
    prior: MixturePrior,
    breakeven: float,
    *,
    keep_at: float = 0.95,
    cut_at: float = 0.05,
    horizon: int = 52,
    final: float = 0.5,
    exposure: Sequence[float] | np.ndarray | None = None,
    name: str | None = None,
) -> Rule:
    """The posterior-threshold rule: keep when ``P(lambda >= breakeven | S, E) >= keep_at``, cut when ``<= cut_at``.

    Parameters
    ----------
    prior : MixturePrior
        The platform's prior over the weekly demand rate.
    breakeven : float
        Demand rate at which a listed SKU pays its weekly cost, units per week.
    keep_at, cut_at : float
        Posterior probabilities that end the test (``0 < cut_at < keep_at < 1``).
    horizon : int
        Maximum test weeks; at the last one the SKU is kept if the posterior is ``>= final``.
    final : float
        Posterior needed to keep at the horizon (``cut_at < final <= keep_at``).
    exposure : sequence of float, optional
        Demand multiplier of each test week (default all 1; see :func:`exposure_schedule`).
    name : str, optional
        Label.

    Returns
    -------
    Rule

    References
    ----------
    Wald, A. (1945), "Sequential tests of statistical hypotheses", *Annals of Mathematical
    Statistics* 16(2):117-186; Wald, A. (1947), *Sequential Analysis*, Wiley.

    Examples
    --------
    >>> rule = threshold_rule(MixturePrior(0.75, 0.5, 10.0), 1.0, horizon=4)
    >>> rule.cut_at.tolist(), rule.keep_at.tolist()
    ([-1, 0, 1, 5], [5, 6, 8, 6])
    """
    b = validation.number(breakeven, "breakeven", low=0.0, low_open=True, unit="units per week")
    hi = validation.probability(keep_at, "keep_at", open_low=True, open_high=True)
    lo = validation.probability(cut_at, "cut_at", open_low=True, open_high=True)
    fin = validation.probability(final, "final", open_low=True, open_high=True)
    if not lo < hi:
        raise ParameterError(f"cut_at must be below keep_at (got cut_at={lo:g}, keep_at={hi:g})")
    if not lo < fin <= hi:
        raise ParameterError(f"final must lie in (cut_at, keep_at] (got final={fin:g})")
    e = _schedule(horizon, exposure)
    total = b * e.sum()
    smax = int(64 + total + 10 * np.sqrt(total + 1))
    while True:
        post = _posterior_table(prior, b, e, smax)
        if np.all(post[:, -1] >= hi):
            break
        if smax > 50_000_000:  # pragma: no cover - guard
            raise ParameterError("keep_at cannot be reached: lower keep_at or check the prior")
        smax *= 2
    keep = np.argmax(post >= hi, axis=1).astype(np.int64)
    cut = (post <= lo).sum(axis=1).astype(np.int64) - 1  # posterior increases in S
    keep[-1] = int(np.argmax(post[-1] >= fin))
    cut[-1] = keep[-1] - 1
    label = name or f"posterior threshold ({lo:g}/{hi:g})"
    return Rule(label, "sequential", e, keep, cut, None, b)


def thompson_rule(
    prior: MixturePrior,
    breakeven: float,
    *,
    horizon: int = 52,
    exposure: Sequence[float] | np.ndarray | None = None,
    name: str = "Thompson sampling",
) -> Rule:
    """Thompson sampling with irrevocable cuts: delist when a posterior draw falls below break-even.

    After each week a rate is drawn from the posterior; if it is below ``breakeven`` the SKU
    is delisted for good. The cut probability is therefore ``P(lambda < breakeven | S, E)``
    (no draw is needed in the simulation). SKUs still listed after ``horizon`` weeks are kept.

    References
    ----------
    Thompson, W. R. (1933), "On the likelihood that one unknown probability exceeds another in
    view of the evidence of two samples", *Biometrika* 25(3/4):285-294; Russo, D. et al. (2018),
    "A Tutorial on Thompson Sampling", *Foundations and Trends in Machine Learning* 11(1):1-96.

    Examples
    --------
    >>> rule = thompson_rule(MixturePrior(0.75, 0.5, 10.0), 1.0, horizon=3)
    >>> round(float(rule.cut_probability[0, 0]), 3)   # no sale in week 1
    0.938
    """
    b = validation.number(breakeven, "breakeven", low=0.0, low_open=True, unit="units per week")
    e = _schedule(horizon, exposure)
    total = b * e.sum()
    smax = int(64 + total + 10 * np.sqrt(total + 1))
    while True:
        q = 1.0 - _posterior_table(prior, b, e, smax)
        if q[-1, -1] < 1e-12:
            break
        smax *= 2
    last = int(np.argmax(q[-1] < 1e-12))  # the last week has the most exposure, so the largest q at each S
    q = np.clip(q[:, : last + 1], 0.0, 1.0)
    h = len(e)
    keep = np.full(h, NEVER, dtype=np.int64)
    keep[-1] = 0
    cut = np.full(h, -1, dtype=np.int64)
    return Rule(name, "sequential", e, keep, cut, q, b)


def sprt_rule(
    low_rate: float,
    high_rate: float,
    alpha: float,
    beta: float,
    *,
    horizon: int = 52,
    exposure: Sequence[float] | np.ndarray | None = None,
    name: str | None = None,
) -> Rule:
    """Wald's SPRT of ``lambda = low_rate`` (cut) against ``lambda = high_rate`` (keep), Poisson sales.

    The log likelihood ratio after ``E`` weeks and ``S`` units is
    ``S log(high/low) - (high - low) E``; keep when it reaches ``log A``, cut when it falls
    to ``log B``, with Wald's ``A = (1 - beta) / alpha`` and ``B = beta / (1 - alpha)``. At the
    horizon the SKU is kept if the ratio is at least 1.

    Parameters
    ----------
    low_rate, high_rate : float
        The two rates, units per week (``0 < low_rate < high_rate``).
    alpha, beta : float
        Nominal error rates: keeping a low-rate SKU, cutting a high-rate SKU.

    References
    ----------
    Wald (1945), section 3; Wald (1947), ch. 3 and 5 (the Poisson case).

    Examples
    --------
    >>> rule = sprt_rule(0.5, 2.0, 0.05, 0.05, horizon=3)
    >>> rule.cut_at.tolist(), rule.keep_at.tolist()
    ([-1, 0, 3], [4, 5, 4])
    """
    lo = validation.number(low_rate, "low_rate", low=0.0, low_open=True, unit="units per week")
    hi = validation.number(high_rate, "high_rate", low=0.0, low_open=True, unit="units per week")
    if not lo < hi:
        raise ParameterError(f"low_rate must be below high_rate (got {lo:g} and {hi:g} units per week)")
    a = validation.probability(alpha, "alpha", open_low=True, open_high=True)
    bt = validation.probability(beta, "beta", open_low=True, open_high=True)
    if a + bt >= 1:
        raise ParameterError(f"alpha + beta must be below 1 (got {a + bt:g})")
    e = _schedule(horizon, exposure)
    cum = np.cumsum(e)
    log_a, log_b = math.log((1 - bt) / a), math.log(bt / (1 - a))
    step = math.log(hi / lo)
    drift = (hi - lo) * cum
    keep = np.ceil((log_a + drift) / step - 1e-12).astype(np.int64)
    cut = np.floor((log_b + drift) / step + 1e-12).astype(np.int64)
    cut = np.maximum(cut, -1)
    keep[-1] = int(np.ceil(drift[-1] / step - 1e-12))
    cut[-1] = keep[-1] - 1
    label = name or f"SPRT {lo:g} vs {hi:g} units/week"
    return Rule(label, "sequential", e, keep, cut, None, math.sqrt(lo * hi))


def list_everything(name: str = "list everything") -> Rule:
    """Baseline: list every candidate and never cut (no test).

    Examples
    --------
    >>> list_everything().kind
    'list_everything'
    """
    empty = np.zeros(0, dtype=np.int64)
    return Rule(name, "list_everything", np.zeros(0), empty, empty - 1)


def list_nothing_new(name: str = "list nothing new") -> Rule:
    """Baseline: list no new candidate (no learning cost, no new SKU).

    Examples
    --------
    >>> list_nothing_new().horizon
    0
    """
    empty = np.zeros(0, dtype=np.int64)
    return Rule(name, "list_nothing_new", np.zeros(0), empty, empty - 1)
