"""Write the Sphinx source tree of the reading site: pages, configuration, assets.

:func:`write_source_tree` lays out, in an empty folder, everything Sphinx needs:
the prepared notebooks, the generated home page (``index.md``), the data page,
the bibliography page, the API reference index, ``conf.py`` (a fixed file in
``assets/``) with its ``site.json`` settings, the CSS, the MathJax file and the
files copied verbatim into the site (``_extra/``: data files and the
bibliography). Nothing here runs Sphinx; see :func:`helpers.site.build_site`.
"""

from __future__ import annotations

import ast
import html
import io
import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

from helpers.site import notebooks as nbs

__all__ = [
    "ASSETS",
    "api_modules",
    "home_page",
    "mathjax_file",
    "readme_intro",
    "write_source_tree",
]

#: Folder of the fixed site assets (conf.py, CSS, templates).
ASSETS = Path(__file__).parent / "assets"
#: Width of the home page thumbnails, pixels.
THUMB_WIDTH = 560
#: Site title, shown in the header and in every page title.
SITE_TITLE = "Singles' Day (双十一) economics"
_MD_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\((?!https?://|#)[^)]+\)")


def mathjax_file() -> Path:
    """MathJax 3 (TeX input, SVG output, all extensions in one file) from an installed package.

    The file comes from the PyPI package ``sphinx-mathjax-offline`` (MathJax
    3.2.2); the site ships it, so no page asks a CDN for it.

    Returns
    -------
    Path
        ``tex-svg-full.js``.

    Raises
    ------
    ImportError
        If the package is not installed (``pip install -e ".[site]"``).
    """
    from importlib import metadata

    try:
        dist = metadata.distribution("sphinx-mathjax-offline")
    except metadata.PackageNotFoundError:
        raise ImportError(
            "the site needs MathJax from the 'sphinx-mathjax-offline' package: pip install -e \".[site]\""
        ) from None
    path = Path(str(dist.locate_file("sphinx-mathjax-offline/static/mathjax/tex-svg-full.js")))
    if not path.is_file():  # pragma: no cover - broken installation
        raise ImportError(f"MathJax file missing from the installed sphinx-mathjax-offline package: {path}")
    return path


def readme_intro(readme: Path) -> tuple[str, str]:
    """Title and opening paragraphs of the repository README, for the home page.

    Parameters
    ----------
    readme : Path
        ``README.md``.

    Returns
    -------
    (str, str)
        The ``#`` heading (or :data:`SITE_TITLE`) and the paragraphs before
        the first ``## `` heading, with links to repository files turned into
        plain text (they are not pages of the site).

    Examples
    --------
    >>> from helpers import paths
    >>> title, intro = readme_intro(paths.ROOT / "README.md")
    >>> "双十一" in title
    True
    """
    if not readme.is_file():
        return SITE_TITLE, ""
    lines = readme.read_text(encoding="utf-8").splitlines()
    title, body = SITE_TITLE, []
    for line in lines:
        if line.startswith("# ") and title == SITE_TITLE and not body:
            title = line[2:].strip()
            continue
        if line.startswith("## "):
            break
        body.append(line)
    return title, _MD_LINK.sub(r"\1", "\n".join(body).strip())


def _is_shim(path: Path) -> bool:
    """A module kept only to warn that its names moved (deprecation shim): its docstring
    starts with "Deprecated", or all it defines is a warning ``__getattr__``."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return False
    doc = (ast.get_docstring(tree) or "").lstrip().lower()
    if doc.startswith("deprecated"):  # "Deprecated: the channel models moved to helpers.inventory"
        return True
    defs = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    return "DeprecationWarning" in ast.unparse(tree) and set(defs) <= {"__getattr__", "__dir__"}


def api_modules(package_dir: Path, package: str = "helpers") -> list[str]:
    """The pages of the API reference: one per subpackage (and per remaining top-level module).

    Parameters
    ----------
    package_dir : Path
        Folder of the package (``src/helpers``).
    package : str
        Its import name.

    Returns
    -------
    list of str
        Dotted module names, sorted; private modules, ``__main__`` and
        deprecation shims left out.

    Examples
    --------
    >>> from pathlib import Path
    >>> import helpers
    >>> "helpers.site" in api_modules(Path(helpers.__file__).parent)
    True
    """
    names = []
    for entry in sorted(package_dir.iterdir()):
        stem = entry.stem if entry.is_file() else entry.name
        if stem.startswith("_"):
            continue
        if entry.is_dir() and (entry / "__init__.py").is_file():
            if not _is_shim(entry / "__init__.py"):
                names.append(f"{package}.{stem}")
        elif entry.is_file() and entry.suffix == ".py" and not _is_shim(entry):
            names.append(f"{package}.{stem}")
    return names


def _thumbnail(png: bytes, dest: Path) -> None:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        im = im.convert("RGB")
        if im.width > THUMB_WIDTH:
            im = im.resize((THUMB_WIDTH, round(im.height * THUMB_WIDTH / im.width)), Image.Resampling.LANCZOS)
        dest.parent.mkdir(parents=True, exist_ok=True)
        im.save(dest, format="PNG", optimize=True)


def home_page(title: str, intro: str, summaries: Sequence[nbs.NotebookSummary], thumbs: dict[str, str]) -> str:
    """The home page (MyST Markdown): one card per notebook, then the site's table of contents.

    Parameters
    ----------
    title : str
        Page title.
    intro : str
        Opening Markdown.
    summaries : sequence of NotebookSummary
        The notebooks, in order.
    thumbs : dict
        Notebook name -> thumbnail path relative to the source folder.

    Returns
    -------
    str
        Markdown for ``index.md``.

    Examples
    --------
    >>> s = nbs.NotebookSummary(path=Path("02_g.ipynb"), title="02 · Growth", question="How fast?",
    ...                         findings="- Fast (30%).")
    >>> page = home_page("Home", "", [s], {})
    >>> "[02 · Growth](02_g.ipynb)" in page and "- Fast (30%)." in page
    True
    """
    out = [f"# {title}", "", intro, "", "## The notebooks", "", ":::::{container} nb-cards", ""]
    for s in summaries:
        thumb = thumbs.get(s.name)
        out += [f"::::{{container}} nb-card{'' if thumb else ' no-thumb'}"]
        if thumb:
            alt = html.escape(f"Key chart of notebook {s.name}", quote=True)
            out += [
                ":::{container} nb-card-thumb",
                f"```{{image}} {thumb}",
                f":alt: {alt}",
                f":target: {s.name}.html",
                "```",
                ":::",
            ]
        out += [":::{container} nb-card-body", "", f"[{s.title}]({s.path.name})"]
        if s.question:
            out += ["", f"**Question.** {s.question}"]
        if s.findings:
            out += ["", "**Findings**", "", s.findings]
        out += [":::", "::::", ""]
    out += [":::::", ""]
    names = "\n".join(s.name for s in summaries)
    out += [
        "```{toctree}",
        ":hidden:",
        ":caption: Notebooks",
        "",
        names,
        "```",
        "",
        "```{toctree}",
        ":hidden:",
        ":caption: Reference",
        "",
        "data",
        "references",
        "api/index",
        "```",
        "",
    ]
    return "\n".join(out)


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.0f} kB"
    return f"{n} B"


def data_page(data_dir: Path, readmes: Sequence[str]) -> str:
    """The data page: the data dictionary pages, then every data file with a download link.

    Parameters
    ----------
    data_dir : Path
        The collection's ``data/`` folder.
    readmes : sequence of str
        Source-relative doc names of the data dictionary pages (``data/README``...).

    Returns
    -------
    str
        Markdown for ``data.md``.
    """
    out = [
        "# Data",
        "",
        "Every file the notebooks read, as committed in the repository's `data/` folder. "
        "Each table carries its `source`, `source_url` and a `note` on every row; the data dictionary "
        "pages below describe every file, column and unit.",
        "",
    ]
    if readmes:
        out += ["```{toctree}", ":maxdepth: 1", ":caption: Data dictionary", "", *readmes, "```", ""]
    rows = []
    if data_dir.is_dir():
        for path in sorted(p for p in data_dir.rglob("*") if p.is_file() and not _hidden(p, data_dir)):
            rel = path.relative_to(data_dir).as_posix()
            href = html.escape(f"data/{rel}", quote=True)
            rows.append(
                f'<tr><td><a class="reference download" href="{href}" download>data/{html.escape(rel)}</a>'
                f"</td><td>{_size(path.stat().st_size)}</td></tr>"
            )
    out += ["## Files", ""]
    if rows:
        out += [
            '<table class="table site-files"><thead><tr><th>file</th><th>size</th></tr></thead><tbody>',
            *rows,
            "</tbody></table>",
            "",
        ]
    else:
        out += ["The collection has no data files yet.", ""]
    return "\n".join(out)


def references_page(bib_present: bool) -> str:
    """The bibliography page (every entry of the collection's bibliography).

    Parameters
    ----------
    bib_present : bool
        Whether ``references.bib`` exists; if not, the page says so.

    Returns
    -------
    str
        Markdown for ``references.md``.
    """
    if bib_present:
        lead = (
            "Every work in the collection's bibliography, `references.bib` "
            '(<a class="reference download" href="references.bib" download>download</a>), '
            "which the notebooks cite."
        )
    else:
        lead = "The collection's bibliography file, `references.bib`, is not in the repository yet."
    return "\n".join(["# References", "", lead, "", "```{bibliography}", ":all:", "```", ""])


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") or part == "__pycache__" for part in path.relative_to(root).parts)


def _copy_tree(src: Path, dest: Path) -> None:
    if src.is_dir():
        shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".*", "__pycache__"), dirs_exist_ok=True)


def write_source_tree(
    src: Path,
    notebooks: Sequence[Path],
    repo_root: Path,
    *,
    api: bool = True,
    package_dir: Path | None = None,
) -> dict[str, object]:
    """Lay out the Sphinx source folder of the site.

    Parameters
    ----------
    src : Path
        Empty folder to fill.
    notebooks : sequence of Path
        Stored executed notebooks, in reading order.
    repo_root : Path
        Repository root: ``README.md``, ``references.bib``, ``data/`` and
        ``figures/`` are read from it.
    api : bool
        Write the API reference (autosummary pages of ``helpers``).
    package_dir : Path, optional
        Folder of the ``helpers`` package; default the imported one.

    Returns
    -------
    dict
        ``summaries`` (list of NotebookSummary), ``bib_present`` (bool) and
        ``api_modules`` (list of str).
    """
    import nbformat

    src.mkdir(parents=True, exist_ok=True)
    (src / "_static").mkdir()
    (src / "_extra").mkdir()
    # fixed assets
    shutil.copy2(ASSETS / "conf.py", src / "conf.py")
    shutil.copy2(ASSETS / "site.css", src / "_static" / "site.css")
    shutil.copytree(ASSETS / "templates", src / "_templates")
    (src / "_static" / "mathjax").mkdir()
    shutil.copy2(mathjax_file(), src / "_static" / "mathjax" / "tex-svg-full.js")
    # placeholder; the real font subset is written into the built site once its characters are known
    (src / "_static" / "site-cjk-font.css").write_text("/* CJK font subset: written after the build */\n")

    # notebooks, their thumbnails and the chart files their captions link
    summaries = [nbs.summarize(p, repo_root) for p in notebooks]
    figures_dir = repo_root / "figures"
    thumbs: dict[str, str] = {}
    for path, summary in zip(notebooks, summaries, strict=True):
        nb = nbs.read_notebook(path)
        figure_files: dict[str, list[str]] = {}
        code = "\n".join(nbs._source(c) for c in nb.cells if c.cell_type == "code")
        for name in sorted({m.group(2) for m in nbs._SAVEFIG.finditer(code)}):
            files = [figures_dir / f"{name}{ext}" for ext in (".png", ".svg")]
            present = [f for f in files if f.is_file()]
            if present:
                (src / "figures").mkdir(exist_ok=True)
                for f in present:
                    shutil.copy2(f, src / "figures" / f.name)
                figure_files[name] = [f"figures/{f.name}" for f in present]
        prepared = nbs.prepare_notebook(nb, summary, notebook_href=f"_sources/{path.name}", figure_files=figure_files)
        nbformat.write(prepared, src / path.name)
        if summary.key_chart:
            rel = f"_thumbs/{summary.name}.png"
            _thumbnail(summary.key_chart, src / rel)
            thumbs[summary.name] = rel

    # data: the files verbatim (downloads), the data dictionary as pages
    data_dir = repo_root / "data"
    _copy_tree(data_dir, src / "_extra" / "data")
    readmes = []
    if data_dir.is_dir():
        for md in sorted(p for p in data_dir.rglob("*.md") if not _hidden(p, data_dir)):
            rel = md.relative_to(repo_root)
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(md, src / rel)
            readmes.append(rel.with_suffix("").as_posix())
        # files the dictionary pages link to (CSV, JSON, ...) must exist beside them
        for f in data_dir.rglob("*"):
            if f.is_file() and f.suffix != ".md" and not _hidden(f, data_dir):
                dest = src / f.relative_to(repo_root)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(f, dest)
    (src / "data.md").write_text(data_page(data_dir, readmes), encoding="utf-8")

    # bibliography (an empty one keeps {cite} roles and the page working when the file is absent)
    bib = repo_root / "references.bib"
    bib_present = bib.is_file()
    if bib_present:
        shutil.copy2(bib, src / "_extra" / "references.bib")
        shutil.copy2(bib, src / "references.bib")
    else:
        (src / "references.bib").write_text("% no bibliography file in the repository yet\n", encoding="utf-8")
    (src / "references.md").write_text(references_page(bib_present), encoding="utf-8")

    # API reference
    modules: list[str] = []
    (src / "api").mkdir()
    if api:
        if package_dir is None:
            import helpers

            package_dir = Path(helpers.__file__).parent
        modules = api_modules(package_dir)
        body = [
            "API reference",
            "=============",
            "",
            "The tested helpers behind the notebooks (``import helpers``), one page per subpackage, "
            "generated from their docstrings; the examples are run as doctests by the test suite.",
            "",
            ".. autosummary::",
            "   :toctree: .",
            "",
            *[f"   {m}" for m in modules],
            "",
        ]
        (src / "api" / "index.rst").write_text("\n".join(body), encoding="utf-8")
    else:
        (src / "api" / "index.md").write_text("# API reference\n\nNot built for this site.\n", encoding="utf-8")

    # home page and settings
    title, intro = readme_intro(repo_root / "README.md")
    (src / "index.md").write_text(home_page(title, intro, summaries, thumbs), encoding="utf-8")
    lexicon = repo_root / "data" / "lexicon" / "userdict.txt"
    settings = {
        "project": SITE_TITLE,
        "title": SITE_TITLE,
        "author": "the collection's contributors",
        "copyright": "the collection's contributors; code MIT licence",
        "bibfile": "references.bib",
        "search_dict": str(src / "data" / "lexicon" / "userdict.txt") if lexicon.is_file() else "",
        "footer": "Built from the stored executed notebooks; works offline.",
        "exclude_patterns": [
            "_build",
            "_extra",
            "_static",
            "_templates",
            "_thumbs",
            "figures",
            "**/.ipynb_checkpoints",
            "data/**/*.ipynb",
            "data/**/*.rst",
        ],
    }
    (src / "site.json").write_text(json.dumps(settings, ensure_ascii=False, indent=1), encoding="utf-8")
    return {"summaries": summaries, "bib_present": bib_present, "api_modules": modules}
