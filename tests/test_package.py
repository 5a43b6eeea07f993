"""The package itself: cheap import, every module registered, pinned environment."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import helpers

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "scipy", "matplotlib", "jieba", "numpy", "nbformat", "papermill")


def test_import_helpers_loads_no_heavy_library():
    code = "import sys, helpers; print(','.join(m for m in %r if m in sys.modules))" % (HEAVY,)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_every_module_is_registered_and_importable():
    files = {p.stem for p in (ROOT / "src" / "helpers").glob("*.py") if p.stem not in ("__init__", "errors")}
    registered = set(helpers._SUBMODULES)
    assert files == registered, f"unregistered: {files - registered}, missing: {registered - files}"
    for name in sorted(registered):
        assert getattr(helpers, name) is importlib.import_module(f"helpers.{name}")


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        helpers.nonsense  # noqa: B018


def _pyproject_pins() -> dict[str, str]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^dependencies = \[(.*?)^\]", text, re.S | re.M).group(1)
    return dict(re.findall(r'"([A-Za-z0-9_.\-]+)==([^"]+)"', block))


def test_environment_yml_matches_pyproject():
    env = (ROOT / "environment.yml").read_text(encoding="utf-8")
    conda_pins = dict(re.findall(r"^\s+- ([A-Za-z0-9_.\-]+)==(\S+)\s*$", env, re.M))
    assert conda_pins == _pyproject_pins()


def test_constraints_pin_every_direct_dependency_at_the_same_version():
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    locked = dict(ln.split("==", 1) for ln in lines if "==" in ln and not ln.startswith("#"))
    locked = {k.lower().replace("_", "-"): v for k, v in locked.items()}
    for name, version in _pyproject_pins().items():
        assert locked.get(name.lower().replace("_", "-")) == version, name


def test_installed_versions_are_the_pinned_ones():
    for name, version in _pyproject_pins().items():
        assert metadata.version(name) == version, name
