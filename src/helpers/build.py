"""Execute the collection's notebooks reproducibly and render them to HTML.

``python -m helpers.build`` (what ``make run`` calls) executes every notebook in
``notebooks/`` in order, stores each one executed in place, exports its charts
to ``figures/`` and writes a small reading site to ``site/``. Rerunning one
notebook on other inputs writes to ``output/`` and never touches committed files::

    python -m helpers.build --notebook notebooks/02_gmv_growth.ipynb \\
        --params "gmv_csv=path/to/mine.csv horizon=3"

A notebook is executed into a temporary folder with its figures staged there;
only when every cell succeeded are the notebook and figures copied into place,
so a failing notebook leaves the committed files untouched. Stored notebooks are
normalised (stable cell ids, no timing or papermill metadata, no memory
addresses in text output), so a rebuild on the same data changes no byte.
"""

from __future__ import annotations

import argparse
import ast
import html
import os
import re
import shlex
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers import paths
from helpers.errors import ParameterError

#: Seconds a single cell may run before the build gives up.
CELL_TIMEOUT = 900
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}
_KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


class NotebookFailed(RuntimeError):
    """A notebook cell raised: carries the notebook, the cell and the error.

    Parameters
    ----------
    notebook : Path
        The notebook that failed.
    cell_index : int
        0-based index of the failing cell.
    ename, evalue : str
        Exception name and message raised in the kernel.
    source : str
        Source of the failing cell.
    """

    def __init__(self, notebook: Path, cell_index: int, ename: str, evalue: str, source: str) -> None:
        self.notebook = notebook
        self.cell_index = cell_index
        self.ename = ename
        self.evalue = evalue
        self.source = source
        first = source.strip().splitlines()[0] if source.strip() else ""
        super().__init__(
            f"{notebook.name}: cell {cell_index} ({first[:60]!r}) raised {ename}: {evalue}"
        )


@dataclass
class RunResult:
    """What one notebook run produced.

    Attributes
    ----------
    notebook : Path
        Source notebook.
    output : Path
        Where the executed notebook was written.
    seconds : float
        Wall time of the execution, kernel start included (s).
    files : list of Path
        Every file written (notebook, figures, HTML).
    """

    notebook: Path
    output: Path
    seconds: float
    files: list[Path] = field(default_factory=list)


def list_notebooks(folder: Path | None = None) -> list[Path]:
    """The collection's notebooks in run order (``NN_topic.ipynb``, sorted by name).

    Parameters
    ----------
    folder : Path, optional
        Default ``notebooks/``.

    Returns
    -------
    list of Path
    """
    folder = folder or paths.NOTEBOOKS_DIR
    return sorted(p for p in folder.glob("*.ipynb") if re.match(r"\d\d_", p.name))


def parse_params(text: str) -> dict[str, Any]:
    """Parse ``"key=value key2=value2"`` into notebook parameters.

    Values are read as Python literals where possible (numbers, lists, ``None``,
    ``True``), otherwise kept as strings (paths).

    Parameters
    ----------
    text : str
        Space-separated ``key=value`` pairs; quote values with spaces.

    Returns
    -------
    dict
        Parameter names to values.

    Examples
    --------
    >>> parse_params("gmv_csv=data/x.csv horizon=3 levels=[0.5,0.9]")
    {'gmv_csv': 'data/x.csv', 'horizon': 3, 'levels': [0.5, 0.9]}
    """
    params: dict[str, Any] = {}
    for token in shlex.split(text or ""):
        key, sep, raw = token.partition("=")
        if not sep or not key.isidentifier():
            raise ParameterError(f"parameters are given as key=value, got {token!r}")
        try:
            params[key] = ast.literal_eval(raw)
        except (ValueError, SyntaxError):
            params[key] = raw
    return params


def notebook_parameters(nb: Any) -> dict[str, str]:
    """Names assigned in the notebook's ``parameters`` cell, with their source text.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook.

    Returns
    -------
    dict
        Parameter name to the expression text it is set to.
    """
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            tree = ast.parse(cell.source)
            found: dict[str, str] = {}
            for node in tree.body:
                targets = node.targets if isinstance(node, ast.Assign) else (
                    [node.target] if isinstance(node, ast.AnnAssign) else []
                )
                for target in targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = ast.get_source_segment(cell.source, node.value) or ""
            return found
    return {}


def normalise(nb: Any) -> Any:
    """Strip everything from a notebook that changes between identical runs.

    Cell ids become ``cell-NN``; timing, papermill and widget metadata go;
    ``language_info`` keeps no interpreter version; memory addresses in text
    output are removed.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        Notebook, modified in place.

    Returns
    -------
    nbformat.NotebookNode
        The same notebook.
    """
    nb.metadata = {
        "kernelspec": dict(_KERNELSPEC),
        "language_info": dict(_LANGUAGE_INFO),
    }
    nb.nbformat, nb.nbformat_minor = 4, 5
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
        meta = cell.get("metadata", {})
        cell["metadata"] = {k: v for k, v in meta.items() if k in ("tags", "jupyter", "collapsed") and v}
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                output["text"] = _ADDRESS.sub("", output["text"])
            data = output.get("data", {})
            if "text/plain" in data:
                data["text/plain"] = _ADDRESS.sub("", data["text/plain"])
            output.pop("metadata", None) if output.get("output_type") == "stream" else None
    return nb


def _write_notebook(nb: Any, path: Path) -> None:
    import nbformat

    text = nbformat.writes(nb, version=4)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_if_changed(path, text.encode("utf-8") + (b"" if text.endswith("\n") else b"\n"))


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def execute(
    notebook: Path,
    output: Path,
    *,
    params: dict[str, Any] | None = None,
    figures_dir: Path | None = None,
    progress: bool = True,
) -> RunResult:
    """Execute one notebook into ``output``; figures go to ``figures_dir``.

    The kernel runs with the repository root as working directory and with
    ``HELPERS_FIGURES_DIR`` pointing at a staging folder; figures and the
    notebook are moved into place only after every cell succeeded.

    Parameters
    ----------
    notebook : Path
        Source notebook.
    output : Path
        Where to write the executed, normalised notebook (may equal ``notebook``).
    params : dict, optional
        Parameters injected after the ``parameters`` cell (papermill
        convention); each must be a name the parameters cell assigns.
    figures_dir : Path, optional
        Where exported charts go; default ``figures/``.
    progress : bool
        Print a line per executed cell.

    Returns
    -------
    RunResult

    Raises
    ------
    NotebookFailed
        A cell raised; nothing was written.
    ParameterError
        An unknown parameter name, or a notebook without a ``parameters`` cell.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = Path(notebook)
    if not notebook.exists():
        raise ParameterError(f"no notebook at {notebook}")
    nb = nbformat.read(notebook, as_version=4)
    declared = notebook_parameters(nb)
    if params:
        if not declared:
            raise ParameterError(f"{notebook.name} has no cell tagged 'parameters' to override")
        unknown = sorted(set(params) - set(declared))
        if unknown:
            raise ParameterError(
                f"{notebook.name} has no parameter {', '.join(map(repr, unknown))}; "
                f"its parameters are: {', '.join(declared)}"
            )
        from papermill.parameterize import parameterize_notebook

        for cell in nb.cells:  # papermill expects every cell to carry a tags list
            cell.metadata.setdefault("tags", [])
        nb.metadata.setdefault("papermill", {})
        nb = parameterize_notebook(nb, params, kernel_name="python3", language="python")
    figures_dir = Path(figures_dir) if figures_dir is not None else paths.ROOT / "figures"
    n_code = sum(c.cell_type == "code" for c in nb.cells)
    state = {"index": -1, "done": 0}

    def on_cell_start(cell: Any, cell_index: int) -> None:
        state["index"] = cell_index

    def on_cell_executed(cell: Any, cell_index: int, execute_reply: Any) -> None:
        if cell.cell_type == "code":
            state["done"] += 1
            if progress and sys.stdout.isatty():
                print(f"    cell {state['done']}/{n_code}", end="\r", flush=True)

    with tempfile.TemporaryDirectory(prefix="helpers-build-") as tmp:
        staging = Path(tmp) / "figures"
        staging.mkdir()
        kernel_env = {
            "HELPERS_FIGURES_DIR": str(staging),  # figures are staged, moved into place on success
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",  # charts shown inline
            "PYTHONHASHSEED": "0",  # stable set/dict-of-set ordering
        }
        env_before = {k: os.environ.get(k) for k in kernel_env}
        os.environ.update(kernel_env)
        from jupyter_client.manager import KernelManager

        # IPC transport through a private socket path: no TCP port, no warning.
        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(tmp) / "kernel"))
        client = NotebookClient(
            nb,
            km=km,
            timeout=CELL_TIMEOUT,
            kernel_name="python3",
            resources={"metadata": {"path": str(paths.ROOT)}},
            record_timing=False,
            on_cell_start=on_cell_start,
            on_cell_executed=on_cell_executed,
        )
        start = time.perf_counter()
        try:
            client.execute()
        except CellExecutionError as exc:
            cell = nb.cells[state["index"]] if state["index"] >= 0 else {"source": ""}
            raise NotebookFailed(
                notebook, state["index"], exc.ename or "Error", exc.evalue or str(exc), cell["source"]
            ) from None
        finally:
            if km.has_kernel:  # we own the kernel manager, so we shut the kernel down
                km.shutdown_kernel(now=True)
            for key, value in env_before.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        seconds = time.perf_counter() - start
        if progress and sys.stdout.isatty():
            print(" " * 30, end="\r")
        normalise(nb)
        written: list[Path] = []
        figures_dir.mkdir(parents=True, exist_ok=True)
        for fig in sorted(staging.iterdir()):
            dest = figures_dir / fig.name
            _write_if_changed(dest, fig.read_bytes())
            written.append(dest)
        _write_notebook(nb, Path(output))
        written.insert(0, Path(output))
    return RunResult(notebook=notebook, output=Path(output), seconds=seconds, files=written)


def notebook_title(nb: Any) -> tuple[str, str]:
    """Title (first ``#`` heading) and the question (the paragraph after it).

    Parameters
    ----------
    nb : nbformat.NotebookNode

    Returns
    -------
    (str, str)
        Title and question; empty strings when the first cell is not markdown.
    """
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = [ln.strip() for ln in cell.source.splitlines()]
        title = next((ln.lstrip("#").strip() for ln in lines if ln.startswith("#")), "")
        body = [ln for ln in lines if ln and not ln.startswith("#")]
        return title, " ".join(body)
    return "", ""


def render_html(notebook: Path, site_dir: Path) -> Path:
    """Render an executed notebook to ``site_dir/<stem>.html`` (images embedded).

    Parameters
    ----------
    notebook : Path
        Executed notebook.
    site_dir : Path
        Output folder.

    Returns
    -------
    Path
        The HTML file.
    """
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(notebook, as_version=4)
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    site_dir.mkdir(parents=True, exist_ok=True)
    out = site_dir / f"{notebook.stem}.html"
    out.write_text(body, encoding="utf-8")
    return out


def write_index(notebooks: list[Path], site_dir: Path) -> Path:
    """Write ``site_dir/index.html``: one entry per notebook with its title and question.

    Parameters
    ----------
    notebooks : list of Path
        Executed notebooks, in order.
    site_dir : Path
        Output folder.

    Returns
    -------
    Path
        The index page.
    """
    import nbformat

    items = []
    for path in notebooks:
        title, question = notebook_title(nbformat.read(path, as_version=4))
        items.append(
            f'<li><a href="{html.escape(path.stem)}.html">{html.escape(title or path.stem)}</a>'
            f"<p>{html.escape(question)}</p></li>"
        )
    page = (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Singles' Day (双十一) economics notebooks</title>"
        "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5}"
        "li{margin-bottom:1em}</style></head><body>"
        "<h1>Singles' Day (双十一) economics: the notebooks</h1><ol>"
        + "".join(items)
        + "</ol></body></html>\n"
    )
    site_dir.mkdir(parents=True, exist_ok=True)
    out = site_dir / "index.html"
    out.write_text(page, encoding="utf-8")
    return out


def build(
    notebooks: list[Path] | None = None,
    *,
    params: dict[str, Any] | None = None,
    output_dir: Path | None = None,
    site_dir: Path | None = None,
    html_out: bool = True,
) -> list[RunResult]:
    """Execute notebooks in order, export figures, render HTML; print a summary.

    Parameters
    ----------
    notebooks : list of Path, optional
        Default: every notebook in ``notebooks/``.
    params : dict, optional
        Parameter overrides. With parameters (or ``output_dir``) results go to
        ``output_dir`` (default ``output/``): notebook, ``figures/`` and HTML,
        never over the committed files.
    output_dir : Path, optional
        Separate output folder; default in place (committed notebooks and ``figures/``).
    site_dir : Path, optional
        HTML folder; default ``site/`` (in place) or ``output_dir/site``.
    html_out : bool
        Render HTML and the index page.

    Returns
    -------
    list of RunResult
    """
    notebooks = [Path(p) for p in (notebooks or list_notebooks())]
    if params and output_dir is None:
        output_dir = paths.ROOT / "output"
    if output_dir is not None:
        output_dir = Path(output_dir)
        figures = output_dir / "figures"
        site = Path(site_dir) if site_dir else output_dir / "site"
    else:
        figures = paths.ROOT / "figures"
        site = Path(site_dir) if site_dir else paths.ROOT / "site"
    results: list[RunResult] = []
    total = len(notebooks)
    for i, nb_path in enumerate(notebooks, 1):
        print(f"[{i}/{total}] {nb_path.name}", flush=True)
        dest = (output_dir / nb_path.name) if output_dir is not None else nb_path
        result = execute(nb_path, dest, params=params, figures_dir=figures)
        if html_out:
            result.files.append(render_html(result.output, site))
        print(f"    done in {result.seconds:.1f} s ({len(result.files)} files)", flush=True)
        results.append(result)
    if html_out and results:
        index = write_index([r.output for r in results], site)
        results[-1].files.append(index)
    _print_summary(results)
    return results


def _print_summary(results: list[RunResult]) -> None:
    print("\nSummary")
    print(f"{'notebook':<42}{'seconds':>9}{'files':>7}")
    for r in results:
        print(f"{r.notebook.name:<42}{r.seconds:>9.1f}{len(r.files):>7}")
    total_s = sum(r.seconds for r in results)
    n_files = sum(len(r.files) for r in results)
    print(f"{'total: ' + str(len(results)) + ' notebooks':<42}{total_s:>9.1f}{n_files:>7}")
    folders = sorted({str(f.parent.relative_to(paths.ROOT)) if f.is_relative_to(paths.ROOT) else str(f.parent)
                      for r in results for f in r.files})
    print("written to: " + ", ".join(folders))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (``python -m helpers.build``).

    Parameters
    ----------
    argv : list of str, optional
        Arguments; default ``sys.argv[1:]``.

    Returns
    -------
    int
        Exit status: 0 on success, 1 when a notebook failed, 2 on bad arguments.
    """
    parser = argparse.ArgumentParser(prog="python -m helpers.build", description=__doc__.split("\n")[0])
    parser.add_argument("--notebook", "-n", action="append", type=Path,
                        help="notebook to run (repeatable); default: all in notebooks/")
    parser.add_argument("--params", "-p", default="",
                        help='parameter overrides, e.g. "gmv_csv=mine.csv horizon=3"')
    parser.add_argument("--output", "-o", type=Path,
                        help="write results here instead of in place (default output/ when --params is given)")
    parser.add_argument("--in-place", action="store_true",
                        help="store the executed notebook over its source (the default without --params)")
    parser.add_argument("--no-html", action="store_true", help="skip the HTML site")
    args = parser.parse_args(argv)
    try:
        params = parse_params(args.params)
        if params and args.in_place:
            raise ParameterError("--in-place cannot be combined with --params: results go to output/")
        notebooks = [paths.resolve(p) for p in args.notebook] if args.notebook else None
        build(notebooks, params=params or None, output_dir=args.output, html_out=not args.no_html)
    except NotebookFailed as exc:
        print(f"\nBUILD FAILED in {exc.notebook.relative_to(paths.ROOT) if exc.notebook.is_relative_to(paths.ROOT) else exc.notebook}",
              file=sys.stderr)
        print(f"  cell {exc.cell_index}:", file=sys.stderr)
        for line in exc.source.strip().splitlines()[:12]:
            print(f"    | {line}", file=sys.stderr)
        print(f"  {exc.ename}: {exc.evalue}", file=sys.stderr)
        print("  The committed notebook and figures were left untouched.", file=sys.stderr)
        return 1
    except ParameterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
