"""The collection's reading site: the stored executed notebooks as a book, built with Sphinx.

:func:`build_site` renders the notebooks as they are stored (never executed
again) with the stack economics books use, Sphinx + myst-nb + sphinx-book-theme
(the Jupyter Book 1 stack of the QuantEcon lectures): sidebar navigation in
notebook order with previous/next links, a table of contents per page, full-text
search (Chinese split by jieba with the collection's lexicon, English stemmed),
MathJax shipped with the site, citations and a bibliography page from
``references.bib``, figure captions, tables that wrap, collapsed parameter and
prose-generating cells, download links for each notebook and every data file,
a home page with each notebook's question, findings and key chart, and an API
reference generated from the helpers' docstrings. The site makes no request to
any other host, and Chinese renders even on a machine without a CJK font (a
subset of Noto Sans CJK SC is embedded).

Needs the optional dependencies of the ``site`` group: ``pip install -e ".[site]"``.

Examples
--------
>>> from helpers.site import build_site
>>> build_site(None, "site")                      # doctest: +SKIP
PosixPath('site')
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path

from helpers.errors import DataError, ParameterError

__all__ = ["SiteBuildError", "build_site", "inputs_digest", "list_notebooks"]

#: File in the built site recording what it was built from (a no-op rebuild compares it).
STAMP = ".site-stamp.json"
#: Bump when the site's layout changes in a way the inputs do not show.
LAYOUT_VERSION = 1
#: Packages whose versions change the output.
_TOOLS = (
    "sphinx",
    "myst-nb",
    "myst-parser",
    "sphinx-book-theme",
    "pydata-sphinx-theme",
    "sphinxcontrib-bibtex",
    "sphinx-mathjax-offline",
    "fonttools",
    "mplfonts",
    "jieba",
)


class SiteBuildError(RuntimeError):
    """Sphinx failed to build the site; the message ends with the end of its output."""


def list_notebooks(repo_root: str | Path) -> list[Path]:
    """The collection's notebooks, ``notebooks/NN_*.ipynb``, in number order.

    Parameters
    ----------
    repo_root : str or Path
        Repository root.

    Returns
    -------
    list of Path

    Examples
    --------
    >>> from helpers import paths
    >>> list_notebooks(paths.ROOT)[0].name
    '00_overview.ipynb'
    """
    folder = Path(repo_root) / "notebooks"
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if p.is_file())


def _package_dir() -> Path:
    import helpers

    return Path(helpers.__file__).parent


def _files_under(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and not any(q.startswith(".") for q in p.relative_to(folder).parts)
    )


def inputs_digest(notebooks: Sequence[Path], repo_root: Path, *, api: bool = True) -> str:
    """A fingerprint of everything the site is built from.

    Covers the notebooks, ``README.md``, ``references.bib``, ``data/``,
    ``figures/``, the ``helpers`` package (its docstrings make the API pages,
    and this subpackage's assets make the pages' frame) and the versions of the
    tools; two builds with the same digest give the same site.

    Parameters
    ----------
    notebooks : sequence of Path
        The notebooks, in order.
    repo_root : Path
        Repository root.
    api : bool
        Whether the API reference is built.

    Returns
    -------
    str
        Hex SHA-256.
    """
    h = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        h.update(label.encode() + b"\0" + len(data).to_bytes(8, "little") + data)

    add("layout", str(LAYOUT_VERSION).encode())
    add("api", str(api).encode())
    add("python", sys.version.encode())
    for tool in _TOOLS:
        try:
            add(f"tool:{tool}", metadata.version(tool).encode())
        except metadata.PackageNotFoundError:
            add(f"tool:{tool}", b"-")
    for nb in notebooks:
        add(f"notebook:{nb.name}", nb.read_bytes())
    for name in ("README.md", "references.bib"):
        f = repo_root / name
        add(name, f.read_bytes() if f.is_file() else b"<absent>")
    for folder in ("data", "figures"):
        for f in _files_under(repo_root / folder):
            add(f"{folder}:{f.relative_to(repo_root).as_posix()}", f.read_bytes())
    pkg = _package_dir()
    for f in _files_under(pkg):
        if api or f.is_relative_to(pkg / "site"):
            add(f"helpers:{f.relative_to(pkg).as_posix()}", f.read_bytes())
    return h.hexdigest()


def _check_replaceable(out_dir: Path) -> None:
    """Refuse to delete a folder that does not hold a previous site."""
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise ParameterError(f"out_dir must be a folder, but {out_dir} is a file")
    if (out_dir / STAMP).is_file() or (out_dir / "index.html").is_file() or not any(out_dir.iterdir()):
        return
    raise ParameterError(
        f"out_dir {out_dir} is not empty and holds no site (no index.html, no {STAMP}); "
        "refusing to replace it: give an empty or new folder"
    )


def _resolve_notebooks(notebooks: Sequence[str | Path] | None, repo_root: Path) -> list[Path]:
    paths = (
        list_notebooks(repo_root)
        if notebooks is None
        else [(Path(p) if Path(p).is_absolute() else repo_root / p) for p in notebooks]
    )
    if not paths:
        raise ParameterError(f"no notebooks to build the site from (looked for {repo_root / 'notebooks'}/NN_*.ipynb)")
    seen: set[str] = set()
    for p in paths:
        if p.suffix != ".ipynb":
            raise ParameterError(f"expected .ipynb notebooks, got {p}")
        if not p.is_file():
            raise DataError("notebook not found", path=p)
        if p.name in seen or p.stem in ("index", "data", "references", "search", "genindex"):
            raise ParameterError(
                f"notebook names must be unique and not a site page name, got {p.name} twice or reserved"
            )
        seen.add(p.name)
    return paths


def _run_sphinx(src: Path, html: Path, doctrees: Path) -> list[str]:
    env = dict(os.environ, PYTHONHASHSEED="0", MPLBACKEND="Agg")
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-d", str(doctrees), str(src), str(html)]
    proc = subprocess.run(cmd, cwd=src, env=env, capture_output=True, text=True)
    lines = [ln for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip()]
    if proc.returncode != 0 or not (html / "index.html").is_file():
        tail = "\n".join(lines[-25:])
        raise SiteBuildError(f"Sphinx failed to build the site (exit code {proc.returncode}):\n{tail}")
    # keep Sphinx's warnings and errors; drop chatter such as jieba's dictionary loading
    problems = [ln for ln in lines if any(k in ln for k in ("WARNING", "ERROR", "CRITICAL", "Traceback"))]
    return [ln.replace(str(src) + os.sep, "") for ln in problems]


def _fix_search_stemmer(language_data: Path) -> None:
    """Point the search at the stemmer Sphinx ships for Chinese pages (English, for Latin words).

    Sphinx 9.0's ``zh`` search writes ``window.Stemmer = ChineseStemmer`` but only
    defines ``EnglishStemmer``, so the search page fails with a ReferenceError.
    """
    if not language_data.is_file():
        return
    text = language_data.read_text(encoding="utf-8")
    m = re.search(r"window\.Stemmer = (\w+);", text)
    if (
        m
        and not re.search(rf"\b(var|let|const|class|function)\s+{m.group(1)}\b", text)
        and "var EnglishStemmer" in text
    ):
        language_data.write_text(text.replace(m.group(0), "window.Stemmer = EnglishStemmer;"), encoding="utf-8")


def _post_process(html: Path, notebooks: Sequence[Path]) -> None:
    """Embed the CJK font subset and put the original notebooks behind the download links."""
    from helpers.site import fonts

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in html.rglob("*.html")]
    search_index = html / "searchindex.js"
    if search_index.is_file():
        texts.append(search_index.read_text(encoding="utf-8", errors="replace"))
    css = fonts.font_face_css(fonts.subset_woff(fonts.cjk_characters(texts)))
    (html / "_static" / "site-cjk-font.css").write_text(css, encoding="ascii")
    _fix_search_stemmer(html / "_static" / "language_data.js")
    for source_map in (html / "_static").rglob("*.map"):  # debugging aids of the theme's bundles, 3.5 MB
        source_map.unlink()
    sources = html / "_sources"
    sources.mkdir(exist_ok=True)
    for nb in notebooks:  # the site renders a copy with site tags; downloads get the stored notebook
        shutil.copy2(nb, sources / nb.name)


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path`` for as long as the block runs (POSIX; no lock elsewhere)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_locked(nb_paths: list[Path], root: Path, out: Path, *, api: bool, force: bool, quiet: bool) -> None:
    from helpers.site.project import write_source_tree

    digest = inputs_digest(nb_paths, root, api=api)
    stamp = out / STAMP
    if not force and stamp.is_file():
        try:
            if json.loads(stamp.read_text(encoding="utf-8")).get("inputs") == digest:
                if not quiet:
                    print(f"site: unchanged, {out}", file=sys.stderr)
                return
        except (OSError, ValueError):
            pass
    start = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-build-", dir=out.parent))
    try:
        src, html = work / "src", work / "html"
        write_source_tree(src, nb_paths, root, api=api)
        warnings = _run_sphinx(src, html, work / "doctrees")
        _post_process(html, nb_paths)
        (html / STAMP).write_text(json.dumps({"inputs": digest, "notebooks": [p.name for p in nb_paths]}, indent=1))
        _check_replaceable(out)
        if out.exists():
            out.rename(work / "previous")  # removed with the work folder below
        html.rename(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not quiet:
        for line in warnings:
            print(f"site: {line}", file=sys.stderr)
        print(
            f"site: {len(nb_paths)} notebooks -> {out} in {time.perf_counter() - start:.1f} s, "
            f"{len(warnings)} warning lines",
            file=sys.stderr,
        )


def build_site(
    notebooks: Sequence[str | Path] | None,
    out_dir: str | Path,
    *,
    repo_root: str | Path | None = None,
    api: bool = True,
    force: bool = False,
    quiet: bool = False,
) -> Path:
    """Build the reading site from the stored executed notebooks.

    Copies the notebooks into a temporary Sphinx source tree with a generated
    home page and configuration, runs Sphinx (myst-nb with
    ``nb_execution_mode="off"``: nothing is executed) in a subprocess, embeds a
    CJK font subset, and replaces ``out_dir`` with the result. If nothing the
    site is built from has changed since the last build into ``out_dir`` (see
    :func:`inputs_digest`), returns at once.

    Parameters
    ----------
    notebooks : sequence of str or Path, or None
        Stored executed notebooks in reading order (relative paths from
        ``repo_root``); None for every ``notebooks/NN_*.ipynb``.
    out_dir : str or Path
        Folder of the site (``index.html`` inside). Replaced whole; must be
        absent, empty or a site built before.
    repo_root : str or Path, optional
        Repository root (``README.md``, ``references.bib``, ``data/``,
        ``figures/``); default :data:`helpers.paths.ROOT`.
    api : bool
        Build the API reference of ``helpers`` (about half the build time).
    force : bool
        Build even if nothing changed.
    quiet : bool
        Print nothing (by default one summary line and Sphinx's warnings go to stderr).

    Returns
    -------
    Path
        ``out_dir``.

    Raises
    ------
    ParameterError
        If there are no notebooks, a path is not a notebook, or ``out_dir``
        holds something other than a site.
    DataError
        If a notebook is missing, unreadable or has no ``#`` title.
    SiteBuildError
        If Sphinx fails.
    """
    from helpers import paths

    root = Path(repo_root) if repo_root is not None else paths.ROOT
    out = Path(out_dir)
    if not out.is_absolute():
        out = Path.cwd() / out
    nb_paths = _resolve_notebooks(notebooks, root)
    _check_replaceable(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    lock = Path(tempfile.gettempdir()) / f"helpers-site-{hashlib.sha1(str(out).encode()).hexdigest()[:16]}.lock"
    with _lock(lock):  # two builds into one folder at once: the second finds it built
        _build_locked(nb_paths, root, out, api=api, force=force, quiet=quiet)
    return Path(out_dir)
