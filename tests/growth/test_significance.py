"""Tests of the Diebold-Mariano test (HLN-corrected), Holm's adjustment and the backtest ranking, against known cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers import growth
from helpers.errors import ParameterError


def test_dm_hand_computed_h1_and_h2():
    # h = 1: d = 1, 2, 3, 4 -> mean 2.5, gamma0 = 1.25, DM = 2.5 / sqrt(1.25/4), HLN factor sqrt(3/4)
    r = growth.dm_test([1.0, 2.0, 3.0, 4.0], [0.0, 0.0, 0.0, 0.0])
    assert r["statistic"] == pytest.approx(2.5 / np.sqrt(1.25 / 4) * np.sqrt(3 / 4))
    assert r["p_value"] == pytest.approx(2 * stats.t.sf(r["statistic"], 3))
    # h = 2 adds twice the lag-1 autocovariance; n = 5, d = 1, 3, 2, 5, 4
    d = np.array([1.0, 3.0, 2.0, 5.0, 4.0])
    dc = d - d.mean()
    g0, g1 = dc @ dc / 5, dc[1:] @ dc[:-1] / 5
    dm = d.mean() / np.sqrt((g0 + 2 * g1) / 5)
    r = growth.dm_test(d, np.zeros(5), horizon=2)
    assert r["statistic"] == pytest.approx(dm * np.sqrt((5 + 1 - 4 + 2 / 5) / 5))


def test_dm_symmetry_identity_and_loss():
    rng = np.random.default_rng(1)
    e1, e2 = rng.normal(0, 1, 12), rng.normal(0, 1.5, 12)
    a, b = growth.dm_test(e1, e2), growth.dm_test(e2, e1)
    assert a["statistic"] == pytest.approx(-b["statistic"]) and a["p_value"] == pytest.approx(b["p_value"])
    same = growth.dm_test(e1, -e1)  # equal absolute losses at every target
    assert same["statistic"] == 0.0 and same["p_value"] == 1.0
    sq = growth.dm_test(e1, e2, loss="squared")
    assert sq["mean_difference"] == pytest.approx(np.mean(e1**2 - e2**2))
    with pytest.raises(ParameterError, match="same length"):
        growth.dm_test([1.0, 2.0], [1.0])
    with pytest.raises(ParameterError, match="loss must be one of 'absolute', 'squared'"):
        growth.dm_test(e1, e2, loss="log")


@pytest.mark.parametrize("h", [1, 2])
def test_dm_has_its_size_under_equal_accuracy(h):
    """With equally accurate forecasts (h-1 dependent errors) the 5% test rejects about 5% of the time."""
    rng = np.random.default_rng(10 + h)
    n, reps, rejections = 20, 2000, 0
    for _ in range(reps):
        u = rng.normal(size=(n + h - 1, 2))
        e = u[h - 1 :] + (0.5 * u[:n] if h == 2 else 0.0)  # MA(h-1) errors, as h-step forecasts have
        rejections += growth.dm_test(e[:, 0], e[:, 1], horizon=h, loss="squared")["p_value"] < 0.05
    assert 0.025 <= rejections / reps <= 0.085


def test_dm_has_power_against_a_clearly_worse_model():
    rng = np.random.default_rng(2)
    e_good, e_bad = rng.normal(0, 1, 30), rng.normal(0, 3, 30)
    assert growth.dm_test(e_good, e_bad)["p_value"] < 0.01


def test_holm():
    p = pd.Series([0.01, 0.04, 0.03, np.nan], index=list("abcd"))
    adj = growth.holm(p)
    assert adj[["a", "b", "c"]].tolist() == pytest.approx([0.03, 0.06, 0.06])
    assert np.isnan(adj["d"])
    assert growth.holm(pd.Series([0.5, 0.9])).tolist() == pytest.approx([1.0, 1.0])


def _backtest(errors: dict[str, list[float]]) -> pd.DataFrame:
    rows = []
    for m, errs in errors.items():
        for i, e in enumerate(errs):
            rows.append({"model": m, "horizon": 1, "origin": 2000 + i, "year": 2001 + i, "pct_error": e})
    return pd.DataFrame(rows)


def test_rank_models_reports_a_winner_only_when_it_is_one():
    rng = np.random.default_rng(4)
    clear = _backtest({"good": list(rng.normal(0, 0.01, 12)), "bad": list(0.3 + rng.normal(0, 0.02, 12))})
    r = growth.rank_models(clear)
    assert r.best == "good" and r.rankable and r.beaten == ["bad"] and r.tied == []
    tie = _backtest({"a": list(rng.normal(0, 0.05, 12)), "b": list(rng.normal(0, 0.05, 12))})
    r = growth.rank_models(tie)
    assert not r.rankable and "cannot be told apart" in r.reason
    few = _backtest({"a": [0.01, 0.02], "b": [0.3, 0.4]})
    r = growth.rank_models(few, min_forecasts=5)
    assert not r.rankable and r.reason == "only 2 forecast origins (fewer than 5): the models cannot be ranked"
    assert r.table["p_value"].isna().all()  # no test shown on two points
    one = _backtest({"a": [0.01] * 6})
    assert growth.rank_models(one).reason == "only one model was backtested: nothing to rank"
