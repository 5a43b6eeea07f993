"""The build: execute notebooks with a cache, compare results with a tolerance, render the site.

- :mod:`helpers.build.run` executes notebooks (``python -m helpers.build``);
- :mod:`helpers.build.cache` decides which notebooks must run again;
- :mod:`helpers.build.trace` records the files a notebook reads;
- :mod:`helpers.build.compare` decides whether two runs hold the same result;
- :mod:`helpers.build.params` reads, lists and checks notebook parameters.
"""

from __future__ import annotations

from helpers.build.params import notebook_parameters, notebook_spec, parse_params
from helpers.build.run import (
    NotebookFailed,
    RunResult,
    build,
    check_notebook_path,
    execute,
    list_notebooks,
    main,
    normalise,
    notebook_prose,
    notebook_title,
    read_notebook,
)

__all__ = [
    "NotebookFailed",
    "RunResult",
    "build",
    "check_notebook_path",
    "execute",
    "list_notebooks",
    "main",
    "normalise",
    "notebook_parameters",
    "notebook_prose",
    "notebook_spec",
    "notebook_title",
    "parse_params",
    "read_notebook",
]
