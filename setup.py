"""Build hook: copy the reference data into the wheel (``helpers/_data``).

Everything else is configured in ``pyproject.toml``. The data stay in
``data/`` in the repository (data flow one way: data/ -> helpers -> notebooks);
a built wheel carries a copy so that ``helpers`` works in another project
(``helpers.paths`` reads it through importlib.resources when no checkout is
around). Raw data sets (``data/raw/``) and the news article are not shipped.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
#: Reference data shipped with the package: folders of data/, plus single files.
SHIPPED_DIRS = ("sales", "policy", "assumptions", "lexicon", "listings")
SHIPPED_FILES = ("references.bib",)


class BuildWithData(build_py):
    """build_py that also copies the reference data into the package."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "helpers" / "_data"
        for name in SHIPPED_DIRS:
            src = HERE / "data" / name
            if src.is_dir():
                shutil.copytree(src, target / "data" / name, dirs_exist_ok=True)
        for name in SHIPPED_FILES:
            if (HERE / name).is_file():
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(HERE / name, target / name)


setup(cmdclass={"build_py": BuildWithData})
