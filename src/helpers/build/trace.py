"""Record which repository files a notebook reads while it runs.

The build starts each kernel with ``HELPERS_TRACE_READS`` set to a log file;
``import helpers`` then calls :func:`install`, which adds a Python audit hook
(PEP 578) that appends every file opened for reading and every folder listed
under the repository root to that log, once each. The execution cache
(:mod:`helpers.build.cache`) hashes exactly those files, so a change to a data
file re-executes the notebooks that read it and no others.

Helper modules count as read when they are imported: a compiled
``src/helpers/x/__pycache__/y.cpython-311.pyc`` is recorded as its source
``src/helpers/x/y.py``, and the modules loaded before the hook (the package's
``__init__``) are recorded when it is installed. Files under ``.venv/``,
``.git/``, ``output/``, ``site/``, ``src/helpers/build/`` (the build is not an
input of what it builds), packaging metadata and anything outside the
repository are not recorded.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["ENV_VAR", "install", "read_log"]

#: Environment variable naming the log file; set by the build for each kernel.
ENV_VAR = "HELPERS_TRACE_READS"
_installed = False


def install(log_path: str | os.PathLike[str], root: str | os.PathLike[str]) -> None:
    """Start recording reads under ``root`` into ``log_path`` (idempotent).

    Parameters
    ----------
    log_path : path
        Log file; one ``file<TAB>relative/path`` or ``dir<TAB>relative/path`` line per entry.
    root : path
        Repository root; only paths below it are recorded.
    """
    global _installed
    if _installed:
        return
    _installed = True
    root_s = os.path.abspath(root) + os.sep
    log_s = os.path.abspath(log_path)
    # The build itself is not an input of the notebooks it runs; nor is packaging metadata.
    skip = tuple(
        root_s + p
        for p in (".venv", ".git", "output" + os.sep, "site" + os.sep, os.path.join("src", "helpers", "build") + os.sep)
    )
    seen: set[str] = set()
    state = {"busy": False}

    def record(kind: str, raw: object) -> None:
        if state["busy"] or isinstance(raw, int):
            return
        path = os.fsdecode(raw) if isinstance(raw, (bytes, os.PathLike)) else raw
        if not isinstance(path, str):
            return
        full = os.path.abspath(path)
        if not full.startswith(root_s) or full.startswith(skip) or full == log_s or ".egg-info" in full:
            return
        if kind == "dir" and full.startswith(root_s + "src"):  # the import system listing packages
            return
        if "__pycache__" in full:  # an imported module: record its source file
            folder, name = os.path.split(full)
            if not name.endswith(".pyc"):
                return
            full = os.path.join(os.path.dirname(folder), name.split(".")[0] + ".py")
        key = f"{kind}\t{Path(full[len(root_s) :]).as_posix()}"
        if key in seen:
            return
        seen.add(key)
        state["busy"] = True
        try:
            with open(log_s, "a", encoding="utf-8") as fh:
                fh.write(key + "\n")
        finally:
            state["busy"] = False

    def hook(event: str, args: tuple) -> None:
        if event == "open":
            mode = args[1] if len(args) > 1 else None
            if isinstance(mode, str) and not any(c in mode for c in "wax+"):
                record("file", args[0])
        elif event in ("os.scandir", "os.listdir") and args and args[0] is not None:
            record("dir", args[0])

    sys.addaudithook(hook)
    for module in list(sys.modules.values()):  # imported before the hook existed
        origin = getattr(module, "__file__", None)
        if origin:
            record("file", origin)


def read_log(log_path: str | os.PathLike[str]) -> dict[str, list[str]]:
    """Read a trace log: ``{"file": [...], "dir": [...]}``, sorted, without duplicates.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "log"
    >>> _ = p.write_text("file\\tdata/a.csv\\ndir\\tnotebooks\\nfile\\tdata/a.csv\\n")
    >>> read_log(p)
    {'file': ['data/a.csv'], 'dir': ['notebooks']}
    """
    out: dict[str, set[str]] = {"file": set(), "dir": set()}
    path = Path(log_path)
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            kind, _, rel = line.partition("\t")
            if kind in out and rel:
                out[kind].add(rel)
    return {k: sorted(v) for k, v in out.items()}
