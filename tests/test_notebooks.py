"""Every notebook executes end to end and reproduces what is committed, within tolerance.

The executed copy goes to a temporary folder (never over the committed
notebook); its figures are staged there too. Results are compared with
:mod:`helpers.build.compare`: text exactly except numbers (relative tolerance
1e-6), images by RMS pixel difference (<= 0.5 on 0-255), SVG coordinates to
0.05 pt. So the tests pass on another CPU (other BLAS kernels, other last bits)
and still fail on a real change (``test_a_changed_data_value_is_caught``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from helpers import build
from helpers.build import cache, compare

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
    warned = [
        "".join(o["text"])[:120]
        for c in code
        for o in c.get("outputs", [])
        if o.get("output_type") == "stream" and o.get("name") == "stderr" and "Warning" in "".join(o["text"])
    ]
    assert not warned, f"a stored output is a warning a reader should not see: {warned}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_committed_notebook_is_current_with_its_inputs(path):
    """The cache's record matches the inputs: `make run` would reuse it (else: run `make run`)."""
    assert cache.stale_reasons(path, ROOT) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_end_to_end_and_reproduces_committed_outputs(path, tmp_path):
    result = build.execute(path, tmp_path / path.name, figures_dir=tmp_path / "figures", progress=False)
    committed = nbformat.read(path, as_version=4)
    fresh = nbformat.read(result.output, as_version=4)
    why = compare.compare_notebooks(committed, fresh)
    assert why is None, f"{path.name}: a fresh run differs from the committed notebook: {why} (stale? run `make run`)"
    made = sorted(p.name for p in (tmp_path / "figures").iterdir())
    stored = sorted(p.name for p in (ROOT / "figures").glob(path.name[:3] + "*"))
    assert made == stored, f"{path.name}: figures made {made} but figures/ holds {stored}"
    for name in made:
        why = compare.compare_figure(ROOT / "figures" / name, tmp_path / "figures" / name)
        assert why is None, f"figures/{name} differs from a fresh run: {why}"


def test_a_changed_data_value_is_caught(tmp_path, monkeypatch):
    """Move the 2015 GMV by 1 % in a copy of data/: the fresh notebook no longer matches."""
    path = ROOT / "notebooks" / "01_article.ipynb"
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "data", root / "data")
    gmv = root / "data" / "sales" / "gmv.csv"
    text = gmv.read_text(encoding="utf-8")
    assert "912.17,亿元,91217000000" in text
    gmv.write_text(text.replace("912.17,亿元,91217000000", "921.29,亿元,92129000000", 1), encoding="utf-8")
    monkeypatch.setenv("HELPERS_ROOT", str(root))
    result = build.execute(path, tmp_path / path.name, figures_dir=tmp_path / "figures", progress=False)
    why = compare.compare_notebooks(nbformat.read(path, as_version=4), nbformat.read(result.output, as_version=4))
    assert why is not None, "a 1 % change of the 2015 GMV went unnoticed"
