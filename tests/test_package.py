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
    code = f"import sys, helpers; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_every_module_and_subpackage_is_registered_and_importable():
    base = ROOT / "src" / "helpers"
    files = {p.stem for p in base.glob("*.py") if p.stem not in ("__init__", "errors")}
    folders = {p.name for p in base.iterdir() if (p / "__init__.py").is_file()}
    registered = set(helpers._SUBMODULES)
    assert files | folders == registered, (
        f"unregistered: {(files | folders) - registered}, gone: {registered - files - folders}"
    )
    assert set(helpers.SUBPACKAGES) == folders
    for name in sorted(set(helpers.SUBPACKAGES) | set(helpers.MODULES)):
        assert getattr(helpers, name) is importlib.import_module(f"helpers.{name}")


@pytest.mark.parametrize("name", sorted(helpers.DEPRECATED))
def test_old_module_paths_still_work_with_a_deprecation_warning(name):
    code = (
        f"import warnings; warnings.simplefilter('error', DeprecationWarning)\n"
        f"try:\n    import helpers.{name}\nexcept DeprecationWarning as w:\n    print('WARNED', w)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "WARNED" in out.stdout and "helpers." in out.stdout, out.stdout + out.stderr


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        helpers.nonsense  # noqa: B018


def _lock() -> dict[str, str]:
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pins = dict(ln.split("==", 1) for ln in lines if "==" in ln and not ln.startswith("#"))
    return {_norm(k): v.strip() for k, v in pins.items()}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements() -> list[str]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"])
    for group in project["optional-dependencies"].values():
        reqs.extend(group)
    return reqs


def test_pyproject_gives_ranges_and_the_lock_satisfies_them():
    from packaging.requirements import Requirement

    lock = _lock()
    for text in _requirements():
        req = Requirement(text)
        assert "==" not in text, f"pyproject gives ranges, the lock gives pins: {text}"
        assert _norm(req.name) in lock, f"{req.name} is not in constraints.txt (run make lock)"
        assert req.specifier.contains(lock[_norm(req.name)], prereleases=True), (text, lock[_norm(req.name)])


def test_environment_yml_takes_the_lock_versions():
    env = (ROOT / "environment.yml").read_text(encoding="utf-8")
    conda_pins = dict(re.findall(r"^\s+- ([A-Za-z0-9_.\-]+)=([0-9][^\s=]*)\s*$", env, re.M))
    assert {"numpy", "pandas", "scipy", "matplotlib"} <= set(conda_pins)
    lock = _lock()
    for name, version in conda_pins.items():
        if name != "python":
            assert lock[_norm(name)] == version, name
    assert "-c constraints.txt" in env and "-e .[notebooks,test,site]" in env


def test_installed_versions_are_the_locked_ones():
    lock = _lock()
    for text in _requirements():
        from packaging.requirements import Requirement

        name = Requirement(text).name
        assert metadata.version(name) == lock[_norm(name)], name
