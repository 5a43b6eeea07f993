"""Tests for helpers.inventory.demand: lognormal demand from a mean and CV, closed-form newsvendor quantities."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers.errors import ParameterError
from helpers.inventory import combined_cv, lognormal_demand, lognormal_sigma, lognormal_units
from helpers.inventory import newsvendor as nv


@pytest.mark.parametrize(("mean", "cv"), [(1.0, 0.1), (240.0, 0.69), (5e4, 2.0)])
def test_lognormal_demand_has_the_mean_and_cv_asked_for(mean: float, cv: float) -> None:
    d = lognormal_demand(mean, cv)
    assert float(d.mean()) == pytest.approx(mean, rel=1e-12)
    assert float(d.std() / d.mean()) == pytest.approx(cv, rel=1e-12)


def test_units_agree_with_the_newsvendor_core() -> None:
    for cv in (0.2, 0.7, 1.5):
        d = lognormal_demand(1.0, cv)
        for a in (0.1, 0.5, 0.9):
            u = lognormal_units(a, lognormal_sigma(cv))
            q = float(d.ppf(a))
            assert float(u.stock) == pytest.approx(q, rel=1e-9)
            assert float(u.sales) == pytest.approx(float(nv.expected_sales(q, d)), rel=1e-9)
    zero = lognormal_units(np.array([0.0, 0.5]), 0.5)
    assert zero.stock[0] == 0 and zero.sales[0] == 0


def test_combined_cv_is_the_cv_of_the_product() -> None:
    rng = np.random.default_rng(0)
    a, b = 0.6, 0.3
    x = rng.lognormal(-0.5 * math.log1p(a * a), math.sqrt(math.log1p(a * a)), 2_000_000)
    y = rng.lognormal(-0.5 * math.log1p(b * b), math.sqrt(math.log1p(b * b)), 2_000_000)
    z = x * y
    assert combined_cv(a, b) == pytest.approx(z.std() / z.mean(), rel=0.01)


def test_bad_demand_inputs() -> None:
    with pytest.raises(ParameterError, match="mean must be > 0 units"):
        lognormal_demand(0, 0.5)
    with pytest.raises(ParameterError, match="cv must be > 0"):
        lognormal_demand(10, 0)
    with pytest.raises(ParameterError, match=r"fractile must be in \[0, 1\)"):
        lognormal_units(1.0, 0.5)
    with pytest.raises(ParameterError, match="cv_own must be >= 0"):
        combined_cv(-0.1, 0.3)
