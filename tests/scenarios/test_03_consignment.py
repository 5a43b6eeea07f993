"""Notebook 03 on other settings and assumptions: it runs, and its prose agrees with its numbers.

Unmarked (run in CI): the base case at small sizes, unit_cost = 68 (issue 13: it used to stop the notebook) and a
bad override, which stops before a kernel starts. The rest of the matrix (every assumption at both ends of its
range, and a table whose commission does not come from Tmall Global) is marked ``scenarios_full``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import helpers.assumptions as assumption_table
from helpers.build import NotebookFailed, execute, notebook_prose
from helpers.errors import ParameterError

ROOT = Path(__file__).resolve().parents[2]
NB = ROOT / "notebooks" / "03_consignment_vs_procurement.ipynb"
TABLE = assumption_table.load_assumptions(ROOT / "data" / "assumptions" / "consignment.csv")
SMALL = {
    "n_merchants": 200,
    "n_draws": 200,
    "n_sample": 20,
    "sweep_merchants": 100,
    "sweep_draws": 100,
    "example_draws": 2_000,
    "heat_points": 3,
    "war_rounds": 5,
    "wholesale_points": 10,
}
_MOVE = re.compile(r"\b(rises|falls|raises|lowers) (?:[a-z' ]+ )?from (-?[\d,.]+)%? (?:at b = [\d.]+ )?to (-?[\d,.]+)")
_RATIO = re.compile(r"income (rises|falls) to ([\d,.]+)% of its pre-war level")
_CITE = re.compile(r"((?:[A-Z][a-z]+(?:, | & ))*[A-Z][a-z]+)(?: et al\.)? \(?((?:19|20)\d\d)\)?")
_NOT_AUTHORS = {"November", "Double", "Singles", "Tmall", "Tencent", "October", "December"}


def run(tmp_path: Path, **params) -> dict:
    """Execute the notebook; return its prose (Markdown sources and outputs) and its references."""
    out = tmp_path / "03.ipynb"
    execute(NB, out, params={**SMALL, **params}, figures_dir=tmp_path / "f", progress=False)
    return {**notebook_prose(out), "figures": sorted(p.stem for p in (tmp_path / "f").glob("*.png"))}


def check_prose(result: dict) -> None:
    text = result["text"]
    for verb, a, b in _MOVE.findall(text):
        x, y = float(a.replace(",", "")), float(b.replace(",", ""))
        assert x != y and (verb in ("rises", "raises")) == (y > x), f"'{verb} from {a} to {b}'"
    for verb, ratio in _RATIO.findall(text):
        assert (verb == "rises") == (float(ratio.replace(",", "")) > 100), f"'{verb} to {ratio}%'"
    assert not re.search(r"\d\.\d+e[-+]\d\d", text), "a number printed in scientific notation"
    assert "nan" not in re.findall(r"\bnan\b", text.lower())
    for names, year in _CITE.findall(text):
        first = names.split(",")[0].split(" & ")[0]
        if first not in _NOT_AUTHORS:
            assert first in result["refs"] and year in result["refs"], f"{names} ({year}) is not in the References"
    assert len(result["figures"]) == 13


def test_base_case_small(tmp_path) -> None:
    result = run(tmp_path)
    check_prose(result)
    assert "Wang, Jiang & Shen's (2004) bounds reproduce" in result["text"]
    assert "against the abstract" in result["text"]
    assert "Set against estimates from notebook 05" in result["text"]  # the findings' sixth bullet
    assert "the typical merchant stays out" in result["text"]  # at the CV's upper bound (section 9)


@pytest.mark.scenarios_full
def test_estimates_outside_the_ranges_are_named(tmp_path) -> None:
    result = run(tmp_path, estimates={"uplift": [300, 250, 350]}, estimate_upper_bounds=[])
    check_prose(result)
    assert "0 of 1 lie inside the assumed ranges; outside: Double 11 demand multiplier (above)" in result["text"]


def test_unit_cost_68_runs_and_no_estimates_skip_section_9(tmp_path) -> None:
    """Issue 13: inside its documented range 45-70, unit_cost = 68 used to stop the notebook after 25 cells.
    Without estimates (``estimates={}``) section 9 says it is skipped and the findings have five bullets."""
    result = run(tmp_path, assumptions={"unit_cost": 68.0}, estimates={}, estimate_upper_bounds=[])
    check_prose(result)
    assert "this section is skipped" in result["text"]
    assert "Set against estimates" not in result["text"] and "estimates of section 9" not in result["text"]


def test_bad_settings_stop_at_the_checking_cell_with_one_message(tmp_path) -> None:
    """An assumption outside its range, a name the table lacks (the old ``wholesale``) or a bad setting stops the
    run in the parameter-checking cell, before any model runs."""
    with pytest.raises(
        NotebookFailed, match=r"cell 3 .* assumption unit_cost = 90.0: must be within its range \[45, 70\]"
    ):
        run(tmp_path, assumptions={"unit_cost": 90.0})
    with pytest.raises(NotebookFailed, match="cell 3 .* no assumption named 'wholesale'"):
        run(tmp_path, assumptions={"wholesale": 80.0})
    with pytest.raises(ParameterError, match="parameter war_rounds = 0: must be >= 1"):
        run(tmp_path, war_rounds=0)
    with pytest.raises(NotebookFailed, match=r"cell 3 .* estimates\['uplift'\]: need low <= estimate <= high"):
        run(tmp_path, estimates={"uplift": [100, 136, 203]})


CASES = [
    (row.name, end, getattr(row, end)) for row in TABLE.itertuples() if row.low != row.high for end in ("low", "high")
]


@pytest.mark.scenarios_full
@pytest.mark.parametrize(("name", "end", "value"), CASES, ids=[f"{n}-{e}" for n, e, _ in CASES])
def test_every_assumption_at_both_ends(tmp_path, name: str, end: str, value: float) -> None:
    check_prose(run(tmp_path, assumptions={name: float(value)}))


@pytest.mark.scenarios_full
def test_a_table_whose_commission_is_not_from_tmall_global(tmp_path) -> None:
    csv = tmp_path / "consignment.csv"
    text = (ROOT / "data" / "assumptions" / "consignment.csv").read_text(encoding="utf-8")
    csv.write_text(text.replace("Tmall Global", "Platform X"), encoding="utf-8")
    result = run(tmp_path, assumptions_csv=str(csv))
    check_prose(result)
    assert "does not come from Tmall Global" in result["text"]
