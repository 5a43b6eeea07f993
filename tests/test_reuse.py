"""The third use of the collection: the helpers reused in another project, from a built wheel.

Builds the wheel from a copy of the repository, installs it (without
dependencies, which this environment already has) into a folder outside the
repository, and runs the README's reuse example from an empty project folder:
the packaged reference data must load and the figures must land in that
folder, not next to the package.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_reuse_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- reuse-example -->\s*```python\n(.*?)```", text, re.S)
    assert block, "README.md has no ```python block after <!-- reuse-example -->"
    return block.group(1)


def test_wheel_outside_the_repository_runs_the_readme_example(tmp_path):
    src = tmp_path / "checkout"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md", "references.bib", "LICENSE"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "src", src / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(ROOT / "data", src / "data", ignore=shutil.ignore_patterns("raw"))
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(src)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("*.whl")
    site = tmp_path / "site-packages"
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)], check=True, capture_output=True)

    project = tmp_path / "my_project"
    project.mkdir()
    script = project / "reuse.py"
    script.write_text(
        readme_reuse_example() + "\nimport helpers\nprint('HELPERS_AT', helpers.__file__)\n", encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELPERS_")}
    env.update(PYTHONPATH=str(site), MPLBACKEND="Agg")
    out = subprocess.run([sys.executable, str(script)], cwd=project, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert f"HELPERS_AT {site}" in out.stdout, out.stdout  # the installed copy, not the checkout
    assert sorted(p.suffix for p in (project / "figures").iterdir()) == [".png", ".svg"]
    assert not list((site / "helpers").rglob("*.png")), "figures were written next to the package"
