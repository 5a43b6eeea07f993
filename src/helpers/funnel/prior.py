"""What a platform believes about a new SKU's demand before and after it sells: a Gamma–Poisson mixture.

A candidate SKU sells a Poisson number of units each week at an unknown rate
:math:`\\lambda` (units per week). Before listing, the rate is drawn from a
two-component mixture of Gamma distributions: an *unwanted* component (products
Chinese consumers hardly buy, weight :math:`u`) and a *wanted* component (weight
:math:`1-u`)::

    lambda ~ u * Gamma(a_U, b_U) + (1 - u) * Gamma(a_W, b_W)      (shape a, rate b = a / mean)

After :math:`E` weeks of exposure (ordinary weeks count 1; a Double 11 week counts
its demand multiplier) and :math:`S` units sold, the posterior is again a Gamma
mixture, in closed form::

    lambda | S, E ~ sum_k w_k(S, E) * Gamma(a_k + S, b_k + E)
    w_k(S, E) ∝ pi_k * NB(S; a_k, b_k / (b_k + E))

with ``NB`` the negative-binomial (Gamma–Poisson) marginal of the sales count.
:func:`fit_mixture` estimates the five parameters by maximum likelihood from observed
counts (the empirical prior of the notebook).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import numpy as np
from scipy import optimize, special

from helpers import validation
from helpers.errors import ParameterError

__all__ = ["PRIOR_NAMES", "MixtureFit", "MixturePrior", "fit_mixture"]

#: Names of the prior's parameters in an assumption table (``data/assumptions/funnel.csv``).
PRIOR_NAMES = ("unwanted_share", "unwanted_mean", "unwanted_shape", "wanted_mean", "wanted_shape")


@dataclasses.dataclass(frozen=True)
class MixturePrior:
    """Two-component Gamma mixture over a SKU's weekly demand rate (units per week).

    Parameters
    ----------
    unwanted_share : float
        Prior weight :math:`u` of the unwanted component, in (0, 1).
    unwanted_mean, wanted_mean : float
        Mean weekly demand of each component, units per week; ``0 < unwanted_mean < wanted_mean``.
    unwanted_shape, wanted_shape : float
        Gamma shape of each component (1 = exponential; below 1 more mass near zero and in the tail).

    References
    ----------
    Gelman, A. et al. (2013), *Bayesian Data Analysis*, 3rd ed., ch. 2 (Gamma–Poisson conjugacy)
    and ch. 22 (finite mixtures).

    Examples
    --------
    >>> prior = MixturePrior(0.75, 0.5, 10.0)
    >>> round(prior.mean(), 3)
    2.875
    >>> round(float(prior.posterior_mean(0, 4.0)), 3)   # four weeks without a sale
    0.169
    >>> MixturePrior(0.75, 12.0, 10.0)
    Traceback (most recent call last):
    ...
    helpers.errors.ParameterError: unwanted_mean must be below wanted_mean (got 12 and 10 units per week)
    """

    unwanted_share: float
    unwanted_mean: float
    wanted_mean: float
    unwanted_shape: float = 1.0
    wanted_shape: float = 1.0

    def __post_init__(self) -> None:
        validation.probability(self.unwanted_share, "unwanted_share", open_low=True, open_high=True)
        for name in ("unwanted_mean", "wanted_mean"):
            validation.number(getattr(self, name), name, low=0.0, low_open=True, high=1e6, unit="units per week")
        for name in ("unwanted_shape", "wanted_shape"):
            validation.number(getattr(self, name), name, low=1e-3, high=1e4)
        if not self.unwanted_mean < self.wanted_mean:
            raise ParameterError(
                f"unwanted_mean must be below wanted_mean (got {self.unwanted_mean:g} and {self.wanted_mean:g} units per week)"
            )
        for f in dataclasses.fields(self):
            object.__setattr__(self, f.name, float(getattr(self, f.name)))

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_values(cls, values: Mapping[str, float], **overrides: float) -> MixturePrior:
        """Build from an assumption-table dict (names :data:`PRIOR_NAMES`), with optional overrides.

        Examples
        --------
        >>> MixturePrior.from_values({"unwanted_share": 0.8, "unwanted_mean": 0.3, "unwanted_shape": 1,
        ...                           "wanted_mean": 8, "wanted_shape": 1}).unwanted_share
        0.8
        """
        merged = {**{k: values[k] for k in PRIOR_NAMES if k in values}, **overrides}
        missing = [k for k in PRIOR_NAMES if k not in merged]
        if missing:
            raise ParameterError(f"prior parameter(s) missing: {', '.join(missing)}")
        return cls(**{k: float(merged[k]) for k in PRIOR_NAMES})

    def replace(self, **changes: float) -> MixturePrior:
        """A copy with some parameters changed (checked again)."""
        return dataclasses.replace(self, **changes)

    # ------------------------------------------------------------------ component arrays (U, W)
    @property
    def weights(self) -> np.ndarray:
        """Component weights ``[u, 1 - u]``."""
        return np.array([self.unwanted_share, 1.0 - self.unwanted_share])

    @property
    def shapes(self) -> np.ndarray:
        """Gamma shapes ``[a_U, a_W]``."""
        return np.array([self.unwanted_shape, self.wanted_shape])

    @property
    def rates(self) -> np.ndarray:
        """Gamma rates ``[b_U, b_W]`` (weeks per unit): shape / mean."""
        return np.array([self.unwanted_shape / self.unwanted_mean, self.wanted_shape / self.wanted_mean])

    # ------------------------------------------------------------------ prior
    def mean(self) -> float:
        """Prior mean weekly demand, units per week."""
        return float(self.unwanted_share * self.unwanted_mean + (1 - self.unwanted_share) * self.wanted_mean)

    def sf(self, rate: float | np.ndarray) -> np.ndarray:
        """Prior probability that the demand rate is at least ``rate`` (units per week).

        Examples
        --------
        >>> round(float(MixturePrior(0.5, 1.0, 2.0).sf(0.0)), 6)
        1.0
        """
        x = np.asarray(rate, dtype=float)
        out = sum(
            w * special.gammaincc(a, b * np.maximum(x, 0.0)) for w, a, b in zip(self.weights, self.shapes, self.rates)
        )
        return np.asarray(out)

    def share_below(self, breakeven: float) -> float:
        """Prior share of SKUs whose demand rate is below ``breakeven`` (units per week).

        Examples
        --------
        >>> round(MixturePrior(0.75, 0.5, 10.0).share_below(1.0), 3)
        0.672
        """
        b = validation.number(breakeven, "breakeven", low=0.0, low_open=True, unit="units per week")
        return float(1.0 - self.sf(b))

    def sample(self, rng: np.random.Generator, n: int, *, components: bool = False) -> Any:
        """Draw ``n`` demand rates (units per week); with ``components=True`` also the component (1 = wanted).

        Examples
        --------
        >>> rates = MixturePrior(0.75, 0.5, 10.0).sample(np.random.default_rng(0), 100_000)
        >>> bool(abs(rates.mean() - 2.875) < 0.1)
        True
        """
        n = validation.integer(n, "n", low=0)
        wanted = rng.random(n) >= self.unwanted_share
        shape = np.where(wanted, self.wanted_shape, self.unwanted_shape)
        mean = np.where(wanted, self.wanted_mean, self.unwanted_mean)
        rates = rng.standard_gamma(shape) * (mean / shape)
        return (rates, wanted.astype(np.int8)) if components else rates

    def quadrature(self, nodes: int = 200, *, split: float | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Equal-probability quadrature of the prior: rates, weights and component (1 = wanted).

        Each component is cut into ``nodes`` slices of equal probability; a node is the slice's
        median. With ``split`` (a rate, e.g. the break-even) each component is first divided at
        that rate and each side gets ``nodes`` slices, so shares above and below it are exact.
        Integrals of bounded functions of the rate converge like ``1 / nodes``.

        Returns
        -------
        rates, weights, component : numpy.ndarray
            Rates (units per week), their weights (summing to 1), component labels.

        Examples
        --------
        >>> r, w, c = MixturePrior(0.75, 0.5, 10.0).quadrature(400)
        >>> round(float(w @ r), 2), round(float(w.sum()), 6)
        (2.87, 1.0)
        >>> r, w, c = MixturePrior(0.75, 0.5, 10.0).quadrature(50, split=1.0)
        >>> round(float(w[r < 1.0].sum()), 6) == round(MixturePrior(0.75, 0.5, 10.0).share_below(1.0), 6)
        True
        """
        from scipy import stats

        n = validation.integer(nodes, "nodes", low=2, high=100_000)
        mid = (np.arange(n) + 0.5) / n
        rates, weights, comp = [], [], []
        for k, (w, a, b) in enumerate(zip(self.weights, self.shapes, self.rates)):
            if split is None:
                pieces = [(0.0, 1.0)]
            else:
                x = validation.number(split, "split", low=0.0, low_open=True, unit="units per week")
                p = float(special.gammainc(a, b * x))
                pieces = [(0.0, p), (p, 1.0)]
            for lo, hi in pieces:
                if hi - lo <= 0:
                    continue
                rates.append(stats.gamma.ppf(lo + (hi - lo) * mid, a, scale=1.0 / b))
                weights.append(np.full(n, w * (hi - lo) / n))
                comp.append(np.full(n, k, dtype=np.int8))
        return np.concatenate(rates), np.concatenate(weights), np.concatenate(comp)

    # ------------------------------------------------------------------ marginal and posterior
    def _component_logpmf(self, sales: Any, exposure: Any) -> np.ndarray:
        s = np.asarray(sales, dtype=float)
        e = np.asarray(exposure, dtype=float)
        a = self.shapes.reshape((2,) + (1,) * max(s.ndim, e.ndim))
        b = self.rates.reshape(a.shape)
        return (
            special.gammaln(a + s)
            - special.gammaln(a)
            - special.gammaln(s + 1)
            + a * np.log(b / (b + e))
            + special.xlogy(s, e / (b + e))
        )

    def marginal_logpmf(self, sales: Any, exposure: Any) -> np.ndarray:
        """Log probability of selling ``sales`` units in ``exposure`` weeks (a negative-binomial mixture).

        Examples
        --------
        >>> p = MixturePrior(0.75, 0.5, 10.0)
        >>> round(float(np.exp(p.marginal_logpmf(np.arange(2000), 2.0)).sum()), 6)
        1.0
        """
        _check_counts(sales, exposure)
        lp = self._component_logpmf(sales, exposure)
        lw = np.log(self.weights).reshape((2,) + (1,) * (lp.ndim - 1))
        return special.logsumexp(lw + lp, axis=0)

    def component_posterior(self, sales: Any, exposure: Any) -> np.ndarray:
        """Posterior weights ``w_k(S, E)`` of the two components, stacked on a first axis of length 2 (U, W).

        Examples
        --------
        >>> w = MixturePrior(0.75, 0.5, 10.0).component_posterior([0, 10], 2.0)
        >>> np.round(w[1], 3).tolist()    # probability of the wanted component
        [0.031, 0.952]
        """
        _check_counts(sales, exposure)
        lp = self._component_logpmf(sales, exposure)
        lw = np.log(self.weights).reshape((2,) + (1,) * (lp.ndim - 1))
        joint = lw + lp
        wanted = special.expit(joint[1] - joint[0])  # two components: a logistic of the log odds
        return np.stack([1.0 - wanted, wanted])

    def posterior_mean(self, sales: Any, exposure: Any) -> np.ndarray:
        """Posterior mean rate ``E[lambda | S, E]``, units per week.

        Examples
        --------
        >>> round(float(MixturePrior(0.75, 0.5, 10.0).posterior_mean(30, 3.0)), 2)
        10.0
        """
        w = self.component_posterior(sales, exposure)
        s = np.asarray(sales, dtype=float)
        e = np.asarray(exposure, dtype=float)
        a = self.shapes.reshape((2,) + (1,) * (w.ndim - 1))
        b = self.rates.reshape(a.shape)
        return np.sum(w * (a + s) / (b + e), axis=0)

    def posterior_sf(self, rate: float, sales: Any, exposure: Any) -> np.ndarray:
        """Posterior probability ``P(lambda >= rate | S, E)`` (closed form: regularised incomplete gamma).

        Parameters
        ----------
        rate : float
            Threshold, units per week (e.g. the break-even rate).
        sales, exposure : array_like
            Units sold and weeks of exposure (broadcast together).

        Examples
        --------
        >>> p = MixturePrior(0.75, 0.5, 10.0)
        >>> round(float(p.posterior_sf(1.0, 0, 0.0)), 3) == round(1 - p.share_below(1.0), 3)
        True
        """
        x = validation.number(rate, "rate", low=0.0, unit="units per week")
        w = self.component_posterior(sales, exposure)
        s = np.asarray(sales, dtype=float)
        e = np.asarray(exposure, dtype=float)
        a = self.shapes.reshape((2,) + (1,) * (w.ndim - 1))
        b = self.rates.reshape(a.shape)
        return np.sum(w * special.gammaincc(a + s, (b + e) * x), axis=0)


def _check_counts(sales: Any, exposure: Any) -> None:
    s = np.asarray(sales, dtype=float)
    e = np.asarray(exposure, dtype=float)
    if s.size and (not np.all(np.isfinite(s)) or np.any(s < 0) or np.any(s != np.round(s))):
        raise ParameterError("sales must be whole numbers >= 0 (units sold)")
    if e.size and (not np.all(np.isfinite(e)) or np.any(e < 0)):
        raise ParameterError("exposure must be finite and >= 0 weeks")


@dataclasses.dataclass(frozen=True)
class MixtureFit:
    """Result of :func:`fit_mixture`: the fitted prior, its log-likelihood, the data size and mean exposure (weeks)."""

    prior: MixturePrior
    loglik: float
    n: int
    exposure: float

    def summary(self) -> dict[str, float]:
        """The fitted parameters and fit statistics as a flat dict."""
        out = {k: getattr(self.prior, k) for k in PRIOR_NAMES}
        out.update(loglik=self.loglik, n=float(self.n), exposure_weeks=self.exposure)
        return out


def fit_mixture(counts: Any, exposure: Any, *, starts: int = 6, seed: int = 0) -> MixtureFit:
    """Maximum-likelihood Gamma–Poisson mixture for sales counts observed over ``exposure`` weeks.

    Parameters
    ----------
    counts : array_like
        Units sold per SKU (whole numbers >= 0), one per SKU.
    exposure : float or array_like
        Weeks over which each count was observed (e.g. 5 / 7 for a five-day count): one
        number for all, or one per count.
    starts : int
        Number of starting points of the optimiser (the best is kept).
    seed : int
        Seed of the random starting points.

    Returns
    -------
    MixtureFit
        The prior (rates per week), log-likelihood and number of counts.

    References
    ----------
    McLachlan, G. and Peel, D. (2000), *Finite Mixture Models*, Wiley (ML for mixtures);
    Greenwood, M. and Yule, G. U. (1920), JRSS 83(2):255-279 (the Gamma–Poisson, negative binomial).

    Examples
    --------
    >>> truth = MixturePrior(0.7, 0.2, 5.0, 1.0, 2.0)
    >>> rng = np.random.default_rng(1)
    >>> counts = rng.poisson(truth.sample(rng, 20_000) * 4.0)
    >>> fit = fit_mixture(counts, 4.0)
    >>> round(fit.prior.unwanted_share, 1), round(fit.prior.wanted_mean)
    (0.7, 5)
    """
    validation.integer(starts, "starts", low=1, high=100)
    x = np.asarray(counts, dtype=float).ravel()
    if x.size < 10:
        raise ParameterError(f"counts: need at least 10 counts to fit a mixture, got {x.size}")
    if np.ndim(exposure) == 0:
        ex = np.full(x.size, validation.number(exposure, "exposure", low=0.0, low_open=True, unit="weeks"))
    else:
        ex = np.asarray(exposure, dtype=float).ravel()
        if ex.shape != x.shape:
            raise ParameterError(f"exposure must be one number or one per count ({x.size}), got {ex.size}")
        if not np.all(np.isfinite(ex)) or np.any(ex <= 0):
            raise ParameterError("exposure must be > 0 weeks for every count")
    _check_counts(x, ex)
    pairs, freq = np.unique(np.column_stack([x, ex]), axis=0, return_counts=True)
    values, e = pairs[:, 0], pairs[:, 1]

    def unpack(theta: np.ndarray) -> tuple[float, ...]:
        u = special.expit(theta[0])
        m_u = np.exp(theta[1])
        m_w = m_u * (1.0 + np.exp(theta[2]))
        return u, m_u, m_w, np.exp(theta[3]), np.exp(theta[4])

    def nll(theta: np.ndarray) -> float:
        u, m_u, m_w, a_u, a_w = unpack(theta)
        if not (1e-6 < u < 1 - 1e-6) or not (1e-3 < a_u < 1e4 and 1e-3 < a_w < 1e4):
            return 1e300
        a = np.array([a_u, a_w])[:, None]
        b = a / np.array([m_u, m_w])[:, None]
        lp = (
            special.gammaln(a + values)
            - special.gammaln(a)
            - special.gammaln(values + 1)
            + a * np.log(b / (b + e))
            + special.xlogy(values, e / (b + e))
        )
        ll = special.logsumexp(np.log([[u], [1 - u]]) + lp, axis=0)
        return float(-(freq * ll).sum())

    rng = np.random.default_rng(seed)
    rate = x / ex
    lo = max(np.quantile(rate, 0.25), 0.05 / float(np.median(ex)))
    hi = max(np.quantile(rate, 0.9), 2 * lo)
    guesses = [np.array([special.logit(0.5), np.log(lo), np.log(hi / lo - 1 + 1e-9), 0.0, 0.0])]
    for _ in range(starts - 1):
        guesses.append(guesses[0] + rng.normal(0, [1.0, 1.0, 1.0, 0.7, 0.7]))
    best = None
    for g in guesses:
        res = optimize.minimize(nll, g, method="Nelder-Mead", options={"maxiter": 4000, "xatol": 1e-3, "fatol": 1e-4})
        res = optimize.minimize(nll, res.x, method="L-BFGS-B")
        if best is None or res.fun < best.fun:
            best = res
    assert best is not None
    # Polish to well inside the precision kept, then keep 4 significant digits (far finer than the
    # estimates' standard errors), so the fit does not move with the CPU's last bits.
    best = optimize.minimize(
        nll, best.x, method="Nelder-Mead", options={"maxiter": 20000, "xatol": 1e-10, "fatol": 1e-12}
    )
    u, m_u, m_w, a_u, a_w = (float(f"{v:.4g}") for v in unpack(best.x))
    prior = MixturePrior(u, m_u, m_w, a_u, a_w)
    return MixtureFit(prior=prior, loglik=float(-best.fun), n=int(x.size), exposure=float(ex.mean()))
