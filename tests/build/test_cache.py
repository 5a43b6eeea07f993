"""helpers.build.cache and trace: a notebook is re-executed exactly when something it read changed."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers import build, paths
from helpers.build import cache


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A small repository: data/a.csv, data/b.csv and notebooks/01_x.ipynb reading a.csv."""
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    (root / "data" / "a.csv").write_text("x\n1\n", encoding="utf-8")
    (root / "data" / "b.csv").write_text("x\n2\n", encoding="utf-8")
    for name in ("pyproject.toml", "constraints.txt"):
        (root / name).write_text("pins\n", encoding="utf-8")
    nb = new_notebook(
        cells=[
            new_markdown_cell("# 01 · Cache test\n\nIs the cache right?"),
            new_code_cell("src = 'data/a.csv'", metadata={"tags": ["parameters"]}),
            new_code_cell("from helpers import paths\nprint(paths.resolve(src).read_text())"),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    (root / "notebooks").mkdir()
    nbformat.write(nb, root / "notebooks" / "01_x.ipynb")
    monkeypatch.setenv("HELPERS_ROOT", str(root))
    monkeypatch.setattr(paths, "ROOT", root)
    monkeypatch.setattr(paths, "NOTEBOOKS_DIR", root / "notebooks")
    return root


def test_cache_reruns_only_when_a_read_file_changes(repo, capsys):
    nb = repo / "notebooks" / "01_x.ipynb"
    assert cache.stale_reasons(nb, repo) == ["no record of a previous run"]
    first = build.build([nb], html_out=False)
    assert first[0].status == "ran"
    record = cache.stored_record(nbformat.read(nb, as_version=4))
    assert "data/a.csv" in record["files"] and "data/b.csv" not in record["files"]
    assert cache.stale_reasons(nb, repo) == []

    before = nb.read_bytes()
    second = build.build([nb], html_out=False)
    assert second[0].status == "reused" and nb.read_bytes() == before
    assert "reused (inputs unchanged)" in capsys.readouterr().out

    (repo / "data" / "b.csv").write_text("x\n3\n", encoding="utf-8")  # not read: still current
    assert cache.stale_reasons(nb, repo) == []
    (repo / "data" / "a.csv").write_text("x\n4\n", encoding="utf-8")
    assert cache.stale_reasons(nb, repo) == ["data/a.csv changed"]
    third = build.build([nb], html_out=False)
    assert third[0].status == "ran" and "data/a.csv changed" in third[0].reason
    assert "4" in "".join(nbformat.read(nb, as_version=4).cells[2].outputs[0]["text"])

    forced = build.build([nb], html_out=False, force=True)
    assert forced[0].status == "ran" and nb.read_bytes() == nb.read_bytes()


def test_a_rerun_with_the_same_result_writes_no_byte(repo):
    nb = repo / "notebooks" / "01_x.ipynb"
    build.build([nb], html_out=False)
    before = nb.read_bytes()
    mtime = nb.stat().st_mtime_ns
    build.build([nb], html_out=False, force=True)
    assert nb.read_bytes() == before and nb.stat().st_mtime_ns == mtime


def test_changed_cells_and_environment_are_reasons(repo):
    nb_path = repo / "notebooks" / "01_x.ipynb"
    build.build([nb_path], html_out=False)
    (repo / "constraints.txt").write_text("other pins\n", encoding="utf-8")
    assert cache.stale_reasons(nb_path, repo) == ["the pinned environment changed"]
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells[0].source += " Yes."
    nbformat.write(nb, nb_path)
    assert "the notebook changed" in cache.stale_reasons(nb_path, repo)
