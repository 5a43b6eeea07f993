"""Rebuild time of each notebook against the floor: an empty notebook run the same way.

The floor is what executing any notebook costs here (kernel start included),
measured by running a notebook with one trivial cell through the same
``helpers.build.execute``. Goal: the whole rebuild within 2x the floor times
the number of notebooks. Nothing committed is touched: outputs go to a
temporary folder.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from helpers import build

REPEATS = 3


def _time(path: Path, tmp: Path, repeats: int = REPEATS) -> float:
    times = []
    for i in range(repeats):
        result = build.execute(path, tmp / f"{path.stem}-{i}.ipynb", figures_dir=tmp / "figures", progress=False)
        times.append(result.seconds)
    return statistics.median(times)


def main() -> None:
    """Print a table: notebook, median seconds, ratio to the empty-notebook floor."""
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        empty = tmp / "empty.ipynb"
        nb = new_notebook(cells=[new_code_cell("pass", metadata={"tags": ["parameters"]})],
                          metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
        nbformat.write(nb, empty)
        floor = _time(empty, tmp)
        notebooks = build.list_notebooks()
        print(f"floor (empty notebook, kernel start included): {floor:.2f} s; median of {REPEATS} runs")
        print(f"{'notebook':<42}{'seconds':>9}{'x floor':>9}")
        total = 0.0
        for path in notebooks:
            seconds = _time(path, tmp)
            total += seconds
            print(f"{path.name:<42}{seconds:>9.2f}{seconds / floor:>9.1f}")
        budget = 2 * floor * len(notebooks)
        print(f"{'whole rebuild':<42}{total:>9.2f}{total / (floor * len(notebooks)):>9.1f}"
              f"   (goal: <= 2.0, i.e. {budget:.1f} s)")


if __name__ == "__main__":
    main()
