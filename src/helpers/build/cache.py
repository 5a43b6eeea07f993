"""The execution cache: re-execute a notebook only when one of its inputs changed.

A notebook's inputs are its own cells (sources and tags, not outputs), the
pinned environment (``pyproject.toml`` and ``constraints.txt``), and the
repository files it read during its last run, recorded by
:mod:`helpers.build.trace`: the helper modules it imported, data files, other
notebooks, folders it listed. A change to ``src/helpers/growth/`` therefore
re-executes the notebooks that import it and no others. The build stores a SHA-256 of each in the executed notebook's
metadata (``metadata.helpers.inputs``); on the next build
:func:`stale_reasons` recomputes them and names what changed.

Hashes are of file contents with line endings normalised, never of
timestamps, so a fresh clone on any machine sees the same digests and reuses
the committed notebooks. This is a small hash of inputs rather than
``jupyter-cache``: jupyter-cache keys on the code cells only, and here a
change to a data file or to the helpers must re-execute the notebooks that use
them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from helpers import paths

__all__ = ["ENVIRONMENT_FILES", "file_digest", "inputs_record", "notebook_digest", "stale_reasons"]

#: Files whose change (a new pin) re-executes every notebook.
ENVIRONMENT_FILES = ("pyproject.toml", "constraints.txt")
_METADATA_KEY = "helpers"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _text_bytes(path: Path) -> bytes:
    return path.read_bytes().replace(b"\r\n", b"\n")


def notebook_digest(nb: Any) -> str:
    """Digest of a notebook's cells (type, source, tags); outputs and metadata are ignored.

    Parameters
    ----------
    nb : nbformat.NotebookNode or dict

    Returns
    -------
    str
        16 hex digits.
    """
    cells = [
        (c.get("cell_type"), _joined(c.get("source", "")).replace("\r\n", "\n"), c.get("metadata", {}).get("tags", []))
        for c in nb["cells"]
    ]
    return _sha(json.dumps(cells, ensure_ascii=False).encode("utf-8"))


def _joined(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def file_digest(path: Path) -> str:
    """Digest of a file's contents (a notebook: of its cells only); ``"missing"`` if absent.

    Examples
    --------
    >>> file_digest(paths.ROOT / "no-such-file")
    'missing'
    """
    path = Path(path)
    if not path.exists():
        return "missing"
    if path.is_dir():
        names = sorted(p.name for p in path.iterdir() if not p.name.startswith("."))
        return _sha("\n".join(names).encode("utf-8"))
    if path.suffix == ".ipynb":
        try:
            return notebook_digest(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, KeyError):
            pass
    return _sha(_text_bytes(path))


def _environment_digest(root: Path) -> str:
    return _sha(b"".join(_text_bytes(root / f) if (root / f).exists() else b"-" for f in ENVIRONMENT_FILES))


def inputs_record(nb: Any, reads: Mapping[str, Iterable[str]], root: Path | None = None) -> dict[str, Any]:
    """What the cache stores for a run: one digest per input.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook as run (its cells).
    reads : mapping
        ``{"file": [...], "dir": [...]}`` relative paths it read (from the trace).
    root : Path, optional
        Repository root.

    Returns
    -------
    dict
        ``{"notebook": ..., "environment": ..., "files": {path: digest}, "dirs": {path: digest}}``.
    """
    root = Path(root) if root else paths.ROOT
    return {
        "notebook": notebook_digest(nb),
        "environment": _environment_digest(root),
        "files": {rel: file_digest(root / rel) for rel in sorted(reads.get("file", []))},
        "dirs": {rel: file_digest(root / rel) for rel in sorted(reads.get("dir", []))},
    }


def stored_record(nb: Any) -> dict[str, Any] | None:
    """The inputs record stored in an executed notebook, or ``None``."""
    return nb.get("metadata", {}).get(_METADATA_KEY, {}).get("inputs")


def store_record(nb: Any, record: Mapping[str, Any]) -> None:
    """Put an inputs record into a notebook's metadata (in place)."""
    nb.metadata[_METADATA_KEY] = {"inputs": dict(record)}


def stale_reasons(notebook: Path, root: Path | None = None) -> list[str]:
    """Why ``notebook`` must be re-executed; an empty list when its stored run is current.

    Parameters
    ----------
    notebook : Path
        An executed notebook as stored (in place).
    root : Path, optional
        Repository root.

    Returns
    -------
    list of str
        E.g. ``["data/sales/gmv.csv changed"]``, ``["src/helpers/growth/curves.py changed"]``,
        ``["no record of a previous run"]``.
    """
    root = Path(root) if root else paths.ROOT
    try:
        nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"cannot read the stored notebook ({exc.__class__.__name__})"]
    old = stored_record(nb)
    if not old:
        return ["no record of a previous run"]
    if not any(c.get("outputs") for c in nb["cells"] if c.get("cell_type") == "code"):
        return ["stored without outputs"]
    reasons = []
    if old.get("notebook") != notebook_digest(nb):
        reasons.append("the notebook changed")
    if old.get("environment") != _environment_digest(root):
        reasons.append("the pinned environment changed")
    for kind in ("files", "dirs"):
        for rel, digest in old.get(kind, {}).items():
            if file_digest(root / rel) != digest:
                reasons.append(f"{rel}{'/' if kind == 'dirs' else ''} changed")
    return reasons
