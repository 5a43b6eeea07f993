"""Notebook 06 on other claims, priors and costs: it runs, and its verdicts agree with its numbers.

Unmarked (run in CI): the base case at small sizes, and other readings of the article's counts (the verdict must
follow the computed survival band). The rest (assumptions at the ends of their ranges, another listing file, a
bad setting) is marked ``scenarios_full``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import helpers.assumptions as assumption_table
from helpers.build import NotebookFailed, execute, notebook_prose

ROOT = Path(__file__).resolve().parents[2]
NB = ROOT / "notebooks" / "06_sku_funnel.ipynb"
TABLE = assumption_table.load_assumptions(ROOT / "data" / "assumptions" / "funnel.csv")
SMALL = {"replications": 2, "n_skus": 20_000, "nodes": 40, "sweep_nodes": 20, "learning_horizon": 156}
FIGURES = {
    "06_funnel_outcomes",
    "06_survival_map",
    "06_weeks_to_learn",
    "06_decision_times",
    "06_error_check",
    "06_empirical_prior",
    "06_faster_learning",
    "06_who_pays",
    "06_sensitivity",
}
_VERDICT = re.compile(
    r"\*\*(The article's two figures fit together\.|They fit only at the edge of what the article's "
    r"words allow\.|The article's two figures do not fit together\.)\*\* At [\d.]+%–[\d.]+% unwanted, "
    r"a funnel that tests each SKU until it is \d+% sure keeps ([\d.]+)%–([\d.]+)% of those it tries, "
    r"against the article's ([\d.]+)% \([\d,]+ kept of [\d,]+ tried; ([\d.]+)%–([\d.]+)%"
)
_CITE = re.compile(r"((?:[A-Z][A-Za-z]+(?:, | & ))*[A-Z][A-Za-z]+)(?: et al\.)? \(?((?:19|20)\d\d)\)?")
_NOT_AUTHORS = {"Double", "Singles", "Tmall", "Taobao", "November", "Jumei", "Tencent", "Thompson sampling"}


def run(tmp_path: Path, **params) -> dict:
    out = tmp_path / "06.ipynb"
    execute(NB, out, params={**SMALL, **params}, figures_dir=tmp_path / "f", progress=False)
    return {**notebook_prose(out), "figures": {p.stem for p in (tmp_path / "f").glob("*.png")}}


def check(result: dict) -> str:
    """The verdict follows the numbers; plain numbers; every citation listed; every figure written."""
    text = result["text"]
    found = _VERDICT.search(text)
    assert found, "the first finding is missing or reworded"
    verdict, lo, hi, claim, band_lo, band_hi = found.groups()
    lo, hi, claim, band_lo, band_hi = (float(x) for x in (lo, hi, claim, band_lo, band_hi))
    if lo <= claim <= hi:
        assert "fit together." in verdict and "do not" not in verdict
    elif lo <= band_hi and hi >= band_lo:
        assert "only at the edge" in verdict
    else:
        assert "do not fit" in verdict
    assert not re.search(r"\d\.\d+e[-+]\d\d", text), "a number printed in scientific notation"
    assert not re.search(r"\bnan\b", text.lower())
    for names, year in _CITE.findall(text):
        first = names.split(",")[0].split(" & ")[0]
        if first not in _NOT_AUTHORS:
            assert first in result["refs"] and year in result["refs"], f"{names} ({year}) is not in the References"
    assert result["figures"] == FIGURES
    return verdict


def test_base_case_small(tmp_path) -> None:
    assert "do not fit" in check(run(tmp_path))


def test_other_readings_of_the_counts(tmp_path) -> None:
    """2万 kept of 7万 tried: the claimed survival lies above the model's band but the words' range overlaps it."""
    result = run(tmp_path, kept_claim=[20_000, 30_000], cut_claim=[50_000, 60_000])
    assert "only at the edge" in check(result)
    assert "20,000 kept of 70,000 tried" in result["text"]


CASES = [
    ("unwanted_share", "low"),
    ("unwanted_share", "high"),
    ("listing_cost_yuan", "high"),
    ("wanted_mean", "low"),
    ("first_batch_units", "low"),
    ("spike_multiplier", "high"),
]


@pytest.mark.scenarios_full
@pytest.mark.parametrize(("name", "end"), CASES, ids=[f"{n}-{e}" for n, e in CASES])
def test_assumptions_at_their_ends(tmp_path, name: str, end: str) -> None:
    value = float(TABLE.set_index("name").loc[name, end])
    check(run(tmp_path, assumptions={name: value}))


@pytest.mark.scenarios_full
def test_stricter_rule_and_shorter_test(tmp_path) -> None:
    check(run(tmp_path, keep_at=0.99, cut_at=0.01, horizon_weeks=26))


@pytest.mark.scenarios_full
def test_claims_given_high_before_low_stop_at_the_checking_cell(tmp_path) -> None:
    with pytest.raises(NotebookFailed, match="kept_claim and cut_claim"):
        run(tmp_path, kept_claim=[30_000, 20_000])
