"""Every notebook executes end to end in a temporary copy and reproduces what is committed.

The executed copy goes to a temporary folder (never over the committed
notebook); its figures are staged there too. Because the build normalises
notebooks and exports figures deterministically, the re-executed notebook and
its figures must equal the committed files byte for byte: a mismatch means the
committed notebook is stale (rerun ``make run``) or the output is not
reproducible.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import build

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = build.list_notebooks(ROOT / "notebooks")


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["00_overview.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_committed_notebook_is_executed_and_parameterised(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", []), "first code cell must be tagged 'parameters'"
    assert nb["cells"][0]["cell_type"] == "markdown" and nb["cells"][0]["source"][0].startswith("# ")
    assert any(c.get("outputs") for c in code), "stored without outputs"
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_end_to_end_and_reproduces_committed_outputs(path, tmp_path):
    result = build.execute(path, tmp_path / path.name, figures_dir=tmp_path / "figures", progress=False)
    assert result.output.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
        f"{path.name}: re-executed notebook differs from the committed one (stale? run `make run`)"
    )
    for fig in sorted((tmp_path / "figures").iterdir()):
        committed = ROOT / "figures" / fig.name
        assert committed.exists(), f"{fig.name} is not committed in figures/"
        assert fig.read_bytes() == committed.read_bytes(), f"figures/{fig.name} differs from a fresh run"
