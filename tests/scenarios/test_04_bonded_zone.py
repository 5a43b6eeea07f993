"""Notebook 04 on other dates, categories and assumptions: it runs, and its prose agrees with its numbers.

Unmarked (run in CI): the base case; issue 13's case (``regime_after=2017-11-11`` with high-end skincare: the
2016-18 returns regime, allowed in law but rare in practice, and the high-end rate in every section); a date after
the table's last change; and bad settings, which stop at the checking cell. Marked ``scenarios_full``: one date
inside every rule regime of the policy table, every category, the other bearer of the tax, and every assumption at
both ends of its range.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from helpers import assumptions as A
from helpers import policy
from helpers.build import NotebookFailed, execute
from helpers.errors import ParameterError
from helpers.policy import narrative
from helpers.policy import study as S

ROOT = Path(__file__).resolve().parents[2]
NB = ROOT / "notebooks" / "04_bonded_zone.ipynb"
TABLE = A.load_assumptions(ROOT / "data" / "assumptions" / "bonded.csv")
FAST = {"heatmap_points": 7}
_STOCK = re.compile(
    r"the bonded platform stocks ([\d.]+)% (fewer|more|as many) units than a domestic platform \(([\d,]+) against ([\d,]+)\)"
)
_MOVE = re.compile(r"(rises|falls|stays) from (-?[\d,.]+)%?(?: when [^()]+\([^)]*\))? to (-?[\d,.]+)%?")
_SIDE = re.compile(r"the assumed ([\d.]+)% is ([\d.]+) pp (above|below|at) that break-even")


def run(tmp_path: Path, **params) -> str:
    """Execute the notebook; return its prose (Markdown cells and Markdown outputs), failing on any error output."""
    out = tmp_path / "04.ipynb"
    execute(NB, out, params={**FAST, **params}, figures_dir=tmp_path / "f", progress=False)
    nb = nbformat.read(out, as_version=4)
    texts = [c.source for c in nb.cells if c.cell_type == "markdown"]
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            assert o.get("output_type") != "error", o
            texts.append(o.get("data", {}).get("text/markdown", ""))
    assert len(list((tmp_path / "f").glob("04_*.png"))) == 7
    return "\n".join(texts)


def expected_study(**params) -> S.BondedStudy:
    table = A.with_overrides(TABLE, params.pop("assumptions", {}))
    return S.run_study(
        A.values(table),
        A.ranges(table),
        before=params.get("regime_before", "2015-11-11"),
        after=params.get("regime_after", "2019-11-11"),
        category=params.get("tax_category", "cosmetics_skincare_ordinary"),
        tax_borne_by=params.get("tax_borne_by", "consumer"),
    )


def check_prose(text: str, study: S.BondedStudy) -> None:
    assert not re.search(r"\d\.\d+e[-+]\d\d", text), "a number printed in scientific notation"
    assert not re.search(r"\bnan\b", text.lower())
    found = _STOCK.findall(text)
    assert found or "the item at all" in text, "no stock comparison found"
    for share, word, a, b in found:
        x, y = float(a.replace(",", "")), float(b.replace(",", ""))
        assert word == ("fewer" if x < y else "more" if x > y else "as many"), f"{word}: {a} against {b}"
        assert float(share) == pytest.approx(abs(100 * (x / y - 1)), abs=0.1), f"{share}% for {a} against {b}"
    for verb, a, b in _MOVE.findall(text):
        x, y = float(a.replace(",", "")), float(b.replace(",", ""))
        assert (verb == "rises") == (y > x) or verb == "stays", f"'{verb} from {a} to {b}'"
    for assumed, _gap, side in _SIDE.findall(text):
        ks = 100 * study.kappa_star
        assert side == ("above" if float(assumed) > ks else "below"), f"{assumed}% {side} {ks:.1f}%"
    # the regimes named are the ones in force, with the table's caveat after its last change
    for regime in (study.before, study.after):
        assert f"the rules of {regime.date.isoformat()}" in text
        words = {
            "none": "no returns into the bonded zone",
            "in law, rare in practice": "returns allowed in law, rare in practice",
            "into the bonded zone": "returns accepted back into the bonded zone",
        }[regime.returns_regime]
        assert f"the rules in force on {regime.date.isoformat()}: " in text and words in text
        if regime.after_table:
            assert "the table holds no later rules" in text
    # the numbers of every section come from this category and these dates (sensitivity included)
    assert narrative.category_words(study.category) in text
    if not study.trades:
        assert "no platform stocks the item" in text
        return
    for when in ("before", "after"):
        units = study.sensitivity[f"stock_units_{when}"]["base_outcome"].iloc[0]
        assert f"stock gap ({narrative.prose.num(units, 0, signed=True)} units)" in text
        gap = study.gap(when)
        if gap == gap:  # defined when the domestic platform stocks
            assert f"{abs(100 * gap):.1f}%" in text


def test_base_case(tmp_path) -> None:
    text = run(tmp_path)
    check_prose(text, expected_study())
    assert "knife-edge" in text
    assert "With demand uncertainty (CV) 0.50 → 1.81, the sellers' optimal discounts average" in text


def test_no_estimates_skips_section_10(tmp_path) -> None:
    text = run(tmp_path, estimates={})
    assert "this comparison is skipped" in text
    with pytest.raises(NotebookFailed, match="demand_cv"):
        run(tmp_path, estimates={"demand_cv": 5.0})


def test_issue_13_case_2017_rules_and_high_end_skincare(tmp_path) -> None:
    params = {"regime_after": "2017-11-11", "tax_category": "cosmetics_skincare_high_end"}
    text = run(tmp_path, **params)
    study = expected_study(**params)
    check_prose(text, study)
    assert study.after.returns_regime == "in law, rare in practice"
    sentence = next(line for line in text.splitlines() if line.startswith("The comparison uses"))
    after = sentence.split("the rules in force on 2017-11-11")[1]
    assert "returns allowed in law, rare in practice" in after and "GAC Announcement 2018 No. 194" not in after
    assert "2019" not in after and "2019 rules" not in text
    assert "high-end skincare (高档护肤类)" in text
    # the only mention of the ordinary category is the check that the worked item's price per ml would make it one
    assert re.sub(r"would count as ordinary skincare \(护肤类\) under", "", text).count("ordinary skincare") == 0


def test_a_date_after_the_table_is_an_assumption(tmp_path) -> None:
    text = run(tmp_path, regime_after="2030-11-11")
    study = expected_study(regime_after="2030-11-11")
    check_prose(text, study)
    assert f"rules as of {policy.last_change()}" in text


def test_bad_settings_stop_before_any_model_runs(tmp_path) -> None:
    with pytest.raises(ParameterError, match="parameter tax_category = 'cosmetics_ordinary': must be one of"):
        run(tmp_path, tax_category="cosmetics_ordinary")
    with pytest.raises(ParameterError, match="parameter regime_after = '2009-11-11': must be on or after 2010-09-01"):
        run(tmp_path, regime_after="2009-11-11")
    with pytest.raises(NotebookFailed, match=r"assumption demand_cv = 3.0: must be within its range \[0.2, 2\]"):
        run(tmp_path, assumptions={"demand_cv": 3.0})
    with pytest.raises(
        NotebookFailed, match=r"regime_before \(2019-11-11\) must be earlier than regime_after \(2015-11-11\)"
    ):
        run(tmp_path, regime_before="2019-11-11", regime_after="2015-11-11")


def _regime_dates() -> list[tuple[str, str]]:
    """(before, after) with ``after`` inside every rule regime of the parameter table (the middle of each interval)."""
    days = policy.change_dates("2010-09-01", policy.last_change())
    out = []
    for a, b in zip(days, days[1:] + [days[-1] + pd.Timedelta(days=365)]):
        mid = (a + (b - a) / 2).normalize()
        before = "2015-11-11" if mid > pd.Timestamp("2015-11-11") else "2010-09-01"
        if pd.Timestamp(before) < mid:
            out.append((before, mid.date().isoformat()))
    return out


@pytest.mark.scenarios_full
@pytest.mark.parametrize(("before", "after"), _regime_dates())
def test_every_rule_regime(tmp_path, before, after) -> None:
    params = {"regime_before": before, "regime_after": after}
    check_prose(run(tmp_path, **params), expected_study(**params))


@pytest.mark.scenarios_full
@pytest.mark.parametrize("category", policy.CATEGORIES)
@pytest.mark.parametrize("borne", ["consumer", "seller"])
def test_every_category_and_bearer(tmp_path, category, borne) -> None:
    params = {"tax_category": category, "tax_borne_by": borne, "regime_after": "2016-06-18"}
    check_prose(run(tmp_path, **params), expected_study(**params))


CASES = [
    (row.name, end, getattr(row, end)) for row in TABLE.itertuples() if row.low != row.high for end in ("low", "high")
]


@pytest.mark.scenarios_full
@pytest.mark.parametrize(("name", "end", "value"), CASES, ids=[f"{n}-{e}" for n, e, _ in CASES])
def test_every_assumption_at_both_ends(tmp_path, name, end, value) -> None:
    params = {"assumptions": {name: float(value)}}
    check_prose(run(tmp_path, **params), expected_study(**dict(params)))
