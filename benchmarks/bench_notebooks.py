"""Rebuild time of each notebook against a fair floor, and the no-op rebuild.

A notebook's floor is what it costs to run *any* notebook that does the same
chores: start a kernel, import the same scientific libraries (numpy, pandas,
scipy, matplotlib, and jieba with its dictionary where the notebook segments
text), call ``plotting.setup()`` and save the same number of figures (each a
small line chart, PNG and SVG) — executed through the same
``helpers.build.execute``. Goal (issue #10): every notebook within 2x its
floor, so the whole cold rebuild within 2x the sum of the floors.

Nothing committed is touched: outputs go to a temporary folder.
``BENCH_REPEATS`` (default 3) sets the runs per notebook; the median is shown.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from helpers import build, paths

REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
_IMPORTS = (
    "import numpy as np, pandas as pd, scipy.stats, scipy.optimize, matplotlib.pyplot as plt\n"
    "from IPython.display import Markdown, display\nfrom helpers import plotting\nplotting.setup()\n"
)


def _floor_notebook(path: Path, n_figures: int, jieba: bool) -> Path:
    cells = [new_code_cell("pass", metadata={"tags": ["parameters"]}), new_code_cell(_IMPORTS)]
    if jieba:
        cells.append(new_code_cell("import jieba\njieba.setLogLevel(60)\njieba.initialize()"))
    cells.append(
        new_code_cell(
            f"for i in range({n_figures}):\n"
            "    fig, ax = plt.subplots()\n    ax.plot([0, 1, 2], [1, 3, 2]); ax.set_title('floor 地板')\n"
            "    plotting.savefig(fig, f'floor_{i:02d}')\n    plt.close(fig)"
        )
    )
    nb = new_notebook(
        cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    nbformat.write(nb, path)
    return path


def _time(path: Path, tmp: Path) -> float:
    times = []
    for i in range(REPEATS):
        result = build.execute(
            path, tmp / f"{path.stem}-{i}.ipynb", figures_dir=tmp / f"figures-{path.stem}", progress=False
        )
        times.append(result.seconds)
    return statistics.median(times)


def _n_figures(notebook: Path) -> int:
    return len(list((paths.ROOT / "figures").glob(notebook.name[:3] + "*.png")))


def _uses_jieba(notebook: Path) -> bool:
    return "jieba" in notebook.read_text(encoding="utf-8") or "segment" in notebook.read_text(encoding="utf-8")


def noop_rebuild_seconds() -> float:
    """Wall time of ``python -m helpers.build`` when every notebook is current (the no-op rebuild)."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "helpers.build", "--no-html"], cwd=paths.ROOT, check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def main() -> None:
    """Print a table: notebook, median seconds, its floor, the ratio; then the whole rebuild and the no-op."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for path in build.list_notebooks():
            n_fig, jb = _n_figures(path), _uses_jieba(path)
            floor = _time(_floor_notebook(tmp / f"floor_{path.stem}.ipynb", n_fig, jb), tmp)
            seconds = _time(path, tmp)
            rows.append((path.name, seconds, floor, n_fig))
    print(f"median of {REPEATS} run(s); floor = kernel + same imports + plotting.setup() + same number of figures")
    print(f"{'notebook':<38}{'figures':>8}{'seconds':>9}{'floor':>8}{'x floor':>9}")
    for name, seconds, floor, n_fig in rows:
        print(f"{name:<38}{n_fig:>8}{seconds:>9.2f}{floor:>8.2f}{seconds / floor:>9.2f}")
    total, floors = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(f"{'cold rebuild (sum)':<38}{'':>8}{total:>9.2f}{floors:>8.2f}{total / floors:>9.2f}   (goal: <= 2.0)")
    worst = max(rows, key=lambda r: r[1] / r[2])
    print(f"slowest against its floor: {worst[0]} at {worst[1] / worst[2]:.2f}x")
    try:
        print(f"no-op rebuild (python -m helpers.build, all current): {noop_rebuild_seconds():.2f} s (goal: < 5 s)")
    except subprocess.CalledProcessError as exc:  # pragma: no cover - reported, not raised
        print(f"no-op rebuild failed: {exc}")


if __name__ == "__main__":
    main()
