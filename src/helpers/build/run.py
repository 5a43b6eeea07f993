"""Execute the collection's notebooks reproducibly, with a cache and a tolerance.

``python -m helpers.build`` (what ``make run`` calls) executes the notebooks in
``notebooks/`` in order, stores each one executed in place, exports its charts
to ``figures/`` and builds the reading site in ``site/`` (:mod:`helpers.site`). A notebook whose
inputs have not changed since its stored run is reused, not re-executed
(:mod:`helpers.build.cache`); a re-executed notebook or figure is written only
when it differs from the committed one beyond the tolerance of
:mod:`helpers.build.compare`, so a rebuild on unchanged inputs changes no
committed byte on any machine. Rerunning one notebook on other inputs writes
to ``output/`` and never touches committed files::

    python -m helpers.build --notebook notebooks/02_gmv_growth.ipynb \\
        --params "gmv_csv=path/to/mine.csv horizon=3"

A notebook is executed into a temporary folder with its figures staged there;
only when every cell succeeded are the notebook and figures copied into place,
so a failing notebook leaves the committed files untouched.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers import paths
from helpers.build import cache, compare, trace
from helpers.build.params import check_overrides, format_params, load_params_file, notebook_spec, parse_params
from helpers.errors import ParameterError

#: Seconds a single cell may run before the build gives up.
CELL_TIMEOUT = 900
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
#: The kernel's file name for a cell (``/tmp/ipykernel_1234/567.py``) changes with every run.
_KERNEL_FILE = re.compile(r"/tmp/ipykernel_\d+/\d+\.py")
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
        super().__init__(f"{notebook.name}: cell {cell_index} ({first[:60]!r}) raised {ename}: {evalue}")


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
        Every file written (notebook, figures, HTML); files kept because the
        new run was the same result are not listed.
    status : str
        ``"ran"`` or ``"reused"``.
    reason : str
        Why it ran (what changed) or why it was reused.
    """

    notebook: Path
    output: Path
    seconds: float
    files: list[Path] = field(default_factory=list)
    status: str = "ran"
    reason: str = ""


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
    kept = {k: nb.metadata[k] for k in ("helpers",) if k in nb.metadata}
    nb.metadata = {
        "kernelspec": dict(_KERNELSPEC),
        "language_info": dict(_LANGUAGE_INFO),
        **kept,
    }
    nb.nbformat, nb.nbformat_minor = 4, 5
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
        meta = cell.get("metadata", {})
        cell["metadata"] = {k: v for k, v in meta.items() if k in ("tags", "jupyter", "collapsed") and v}
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                output["text"] = _KERNEL_FILE.sub("<cell>", _ADDRESS.sub("", output["text"]))
            data = output.get("data", {})
            if "text/plain" in data:
                data["text/plain"] = _ADDRESS.sub("", data["text/plain"])
            output.pop("metadata", None) if output.get("output_type") == "stream" else None
    return nb


def _write_notebook(nb: Any, path: Path) -> bool:
    import nbformat

    text = nbformat.writes(nb, version=4)
    path.parent.mkdir(parents=True, exist_ok=True)
    return _write_if_changed(path, text.encode("utf-8") + (b"" if text.endswith("\n") else b"\n"))


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def check_notebook_path(notebook: Path) -> Path:
    """An existing ``.ipynb`` file, or one clear :class:`ParameterError`.

    Examples
    --------
    >>> check_notebook_path(Path("notebooks"))
    Traceback (most recent call last):
    ...
    helpers.errors.ParameterError: notebooks is a folder, not a notebook: give a file such as notebooks/02_gmv_growth.ipynb
    """
    notebook = Path(notebook)
    if notebook.is_dir():
        raise ParameterError(
            f"{notebook} is a folder, not a notebook: give a file such as notebooks/02_gmv_growth.ipynb"
        )
    if not notebook.exists():
        raise ParameterError(f"no notebook at {notebook}")
    if notebook.suffix != ".ipynb":
        raise ParameterError(f"{notebook} is not a notebook (.ipynb file)")
    return notebook


def read_notebook(notebook: Path) -> Any:
    """Read a notebook file, or raise one clear :class:`ParameterError`."""
    import nbformat

    notebook = check_notebook_path(notebook)
    try:
        return nbformat.read(notebook, as_version=4)
    except Exception as exc:  # nbformat raises several kinds (NotJSONError, ValidationError, ...)
        raise ParameterError(f"{notebook} is not a readable notebook: {exc.__class__.__name__}") from None


def execute(
    notebook: Path,
    output: Path,
    *,
    params: dict[str, Any] | None = None,
    figures_dir: Path | None = None,
    progress: bool = True,
    keep_if_same: bool = False,
    record_inputs: bool = False,
) -> RunResult:
    """Execute one notebook into ``output``; figures go to ``figures_dir``.

    The kernel runs with the repository root as working directory, with
    ``HELPERS_FIGURES_DIR`` pointing at a staging folder and
    ``HELPERS_TRACE_READS`` at a log of the files it reads; figures and the
    notebook are moved into place only after every cell succeeded.

    Parameters
    ----------
    notebook : Path
        Source notebook.
    output : Path
        Where to write the executed, normalised notebook (may equal ``notebook``).
    params : dict, optional
        Parameters injected after the ``parameters`` cell (papermill
        convention); each must be a name the parameters cell assigns, and is
        checked against the notebook's ``SPEC`` before the kernel starts.
    figures_dir : Path, optional
        Where exported charts go; default ``figures/``.
    progress : bool
        Print a line per executed cell.
    keep_if_same : bool
        Leave an existing output notebook or figure untouched when the new one
        is the same result within :mod:`helpers.build.compare`'s tolerance, and
        remove figures of this notebook (same ``NN_`` prefix) it no longer makes.
    record_inputs : bool
        Store the digests of the run's inputs in the notebook's metadata (the cache).

    Returns
    -------
    RunResult

    Raises
    ------
    NotebookFailed
        A cell raised; nothing was written.
    ParameterError
        An unknown or bad parameter, or a path that is not a notebook.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = Path(notebook)
    nb = read_notebook(notebook)
    if params:
        check_overrides(nb, params, notebook.name)
        from papermill.parameterize import parameterize_notebook

        for cell in nb.cells:  # papermill expects every cell to carry a tags list
            cell.metadata.setdefault("tags", [])
        nb.metadata.setdefault("papermill", {})
        nb = parameterize_notebook(nb, params, kernel_name="python3", language="python")
    source_cells = read_notebook(notebook) if record_inputs else None
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
        log = Path(tmp) / "reads.log"
        kernel_env = {
            "HELPERS_FIGURES_DIR": str(staging),  # figures are staged, moved into place on success
            trace.ENV_VAR: str(log),  # the files the notebook reads, for the cache
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
        if record_inputs:
            cache.store_record(nb, cache.inputs_record(source_cells, trace.read_log(log)))
        written = _store(nb, Path(output), staging, figures_dir, keep_if_same, notebook)
    return RunResult(notebook=notebook, output=Path(output), seconds=seconds, files=written)


def _store(nb: Any, output: Path, staging: Path, figures_dir: Path, keep_if_same: bool, source: Path) -> list[Path]:
    """Move a successful run into place; with ``keep_if_same`` keep files that hold the same result."""
    import nbformat

    written: list[Path] = []
    figures_dir.mkdir(parents=True, exist_ok=True)
    made = sorted(staging.iterdir())
    for fig in made:
        dest = figures_dir / fig.name
        if keep_if_same and dest.exists() and compare.compare_figure(dest, fig) is None:
            continue
        if _write_if_changed(dest, fig.read_bytes()):
            written.append(dest)
    if keep_if_same:
        prefix = re.match(r"(\d\d_)", source.name)
        if prefix:
            names = {f.name for f in made}
            for old in sorted(figures_dir.glob(prefix.group(1) + "*")):
                if old.name not in names and old.suffix in (".png", ".svg"):
                    old.unlink()
                    written.append(old)
    if keep_if_same and output.exists():
        try:
            old_nb = nbformat.read(output, as_version=4)
        except Exception:  # an unreadable committed file is simply replaced
            old_nb = None
        if old_nb is not None and compare.compare_notebooks(old_nb, nb) is None:
            old_nb.metadata = nb.metadata  # same results: keep the stored outputs, update the inputs record
            nb = old_nb
    if _write_notebook(nb, output):
        written.insert(0, output)
    return written


def notebook_prose(notebook: Path) -> dict[str, str]:
    """What an executed notebook says in words: its Markdown cells and Markdown outputs, and its References.

    Used by the scenario tests to check that prose agrees with numbers whatever the inputs.

    Parameters
    ----------
    notebook : Path
        An executed notebook.

    Returns
    -------
    dict
        ``{"text": all Markdown sources and outputs joined, "refs": the output that starts with "## References"}``.

    Raises
    ------
    NotebookFailed
        The notebook holds an error output.
    """
    nb = read_notebook(Path(notebook))
    texts, refs = [c.source for c in nb.cells if c.cell_type == "markdown"], ""
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                raise NotebookFailed(Path(notebook), i, out.get("ename", ""), out.get("evalue", ""), cell.source)
            md = out.get("data", {}).get("text/markdown", "")
            if md.startswith("## References"):
                refs = md
            elif md:
                texts.append(md)
    return {"text": "\n".join(texts), "refs": refs}


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


def build(
    notebooks: list[Path] | None = None,
    *,
    params: dict[str, Any] | None = None,
    output_dir: Path | None = None,
    site_dir: Path | None = None,
    html_out: bool = True,
    force: bool = False,
) -> list[RunResult]:
    """Execute the notebooks that need it, export figures, render HTML; print a summary.

    Parameters
    ----------
    notebooks : list of Path, optional
        Default: every notebook in ``notebooks/``.
    params : dict, optional
        Parameter overrides. With parameters (or ``output_dir``) results go to
        ``output_dir`` (default ``output/``): notebook, ``figures/`` and HTML,
        never over the committed files, and the notebook always runs.
    output_dir : Path, optional
        Separate output folder; default in place (committed notebooks and ``figures/``).
    site_dir : Path, optional
        HTML folder; default ``site/`` (in place) or ``output_dir/site``.
    html_out : bool
        Build the reading site (:func:`helpers.site.build_site`; a no-op when nothing changed).
    force : bool
        Re-execute even notebooks whose inputs did not change.

    Returns
    -------
    list of RunResult
    """
    notebooks = [check_notebook_path(Path(p)) for p in (notebooks or list_notebooks())]
    if params and output_dir is None:
        output_dir = paths.ROOT / "output"
    in_place = output_dir is None
    if not in_place:
        output_dir = Path(output_dir)
        figures = output_dir / "figures"
        site = Path(site_dir) if site_dir else output_dir / "site"
    else:
        figures = paths.ROOT / "figures"
        site = Path(site_dir) if site_dir else paths.ROOT / "site"
    if params:  # every override is checked before anything runs or any earlier output is removed
        for nb_path in notebooks:
            check_overrides(read_notebook(nb_path), params, nb_path.name)
    results: list[RunResult] = []
    total = len(notebooks)
    for i, nb_path in enumerate(notebooks, 1):
        dest = nb_path if in_place else output_dir / nb_path.name
        reasons = (
            ["FORCE=1"]
            if force
            else (cache.stale_reasons(nb_path) if in_place else ["parameters or output folder given"])
        )
        if not reasons:
            print(f"[{i}/{total}] {nb_path.name}: reused (inputs unchanged)", flush=True)
            results.append(RunResult(nb_path, dest, 0.0, [], "reused", "inputs unchanged"))
        else:
            print(f"[{i}/{total}] {nb_path.name}: running ({'; '.join(reasons)})", flush=True)
            if not in_place:
                _clear_previous_output(dest, figures)
            try:
                result = execute(
                    nb_path, dest, params=params, figures_dir=figures, keep_if_same=in_place, record_inputs=in_place
                )
            except NotebookFailed:
                if not in_place:
                    print(
                        f"    {dest.parent} holds no result of this run (its previous results were removed)",
                        file=sys.stderr,
                    )
                raise
            result.reason = "; ".join(reasons)
            results.append(result)
            print(f"    done in {result.seconds:.1f} s ({len(result.files)} files written)", flush=True)
    if html_out and results:
        from helpers.site import build_site

        # The site always lists the whole collection (in place) or every notebook of the output folder.
        listed = list_notebooks(paths.NOTEBOOKS_DIR) if in_place else sorted(output_dir.glob("[0-9][0-9]_*.ipynb"))
        build_site(listed, site, repo_root=paths.ROOT)
    _print_summary(results)
    if html_out and results:
        print(f"site: {site / 'index.html'}")
    return results


def _clear_previous_output(dest: Path, figures: Path) -> None:
    """Remove an earlier parameterised run's notebook and figures, so a failed run leaves none behind."""
    dest.unlink(missing_ok=True)
    prefix = re.match(r"(\d\d_)", dest.name)
    if prefix and figures.exists():
        for old in figures.glob(prefix.group(1) + "*"):
            old.unlink()


def _print_summary(results: list[RunResult]) -> None:
    print("\nSummary")
    print(f"{'notebook':<38}{'status':<8}{'seconds':>8}{'files':>6}  why")
    for r in results:
        print(f"{r.notebook.name:<38}{r.status:<8}{r.seconds:>8.1f}{len(r.files):>6}  {r.reason}")
    total_s = sum(r.seconds for r in results)
    n_files = sum(len(r.files) for r in results)
    ran = sum(r.status == "ran" for r in results)
    print(f"{f'total: {ran} ran, {len(results) - ran} reused':<46}{total_s:>8.1f}{n_files:>6}")
    folders = sorted(
        {
            str(f.parent.relative_to(paths.ROOT)) if f.is_relative_to(paths.ROOT) else str(f.parent)
            for r in results
            for f in r.files
        }
    )
    print("written to: " + (", ".join(folders) if folders else "nothing (every file already up to date)"))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (``python -m helpers.build``).

    Parameters
    ----------
    argv : list of str, optional
        Arguments; default ``sys.argv[1:]``.

    Returns
    -------
    int
        Exit status: 0 on success, 1 when a notebook failed, 2 on bad arguments,
        130 when interrupted.
    """
    parser = argparse.ArgumentParser(prog="python -m helpers.build", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--notebook", "-n", action="append", type=Path, help="notebook to run (repeatable); default: all in notebooks/"
    )
    parser.add_argument(
        "--params",
        "-p",
        default="",
        help='parameter overrides, e.g. "gmv_csv=mine.csv horizon=3 assumption.demand_cv=0.3"',
    )
    parser.add_argument(
        "--params-file", type=Path, help="parameters from a YAML file (name: value), papermill's convention"
    )
    parser.add_argument(
        "--list-params",
        action="store_true",
        help="print each notebook's parameters (type, range, unit, meaning) and exit",
    )
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        help="write results here instead of in place (default output/ when parameters are given)",
    )
    parser.add_argument("--force", action="store_true", help="re-execute even notebooks whose inputs did not change")
    parser.add_argument("--no-html", "--no-site", action="store_true", help="skip the reading site")
    args = parser.parse_args(argv)
    try:
        notebooks = [paths.resolve(p) for p in args.notebook] if args.notebook else None
        if args.list_params:
            for nb_path in notebooks or list_notebooks():
                print(f"== {nb_path.name}\n{format_params(read_notebook(nb_path))}\n")
            return 0
        spec: dict[str, Any] = {}
        if notebooks and len(notebooks) == 1:
            spec = notebook_spec(read_notebook(notebooks[0]))
        params = load_params_file(paths.resolve(args.params_file)) if args.params_file else {}
        params.update(parse_params(args.params, spec))
        if params and not notebooks:
            raise ParameterError("parameters apply to one notebook: name it with NB=notebooks/NN_x.ipynb")
        build(notebooks, params=params or None, output_dir=args.output, html_out=not args.no_html, force=args.force)
    except NotebookFailed as exc:
        where = exc.notebook.relative_to(paths.ROOT) if exc.notebook.is_relative_to(paths.ROOT) else exc.notebook
        print(f"\nBUILD FAILED in {where}", file=sys.stderr)
        print(f"  cell {exc.cell_index}:", file=sys.stderr)
        for line in exc.source.strip().splitlines()[:12]:
            print(f"    | {line}", file=sys.stderr)
        print(f"  {exc.ename}: {exc.evalue}", file=sys.stderr)
        print("  The committed notebook and figures were left untouched.", file=sys.stderr)
        return 1
    except ParameterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted; committed files untouched", file=sys.stderr)
        return 130
    return 0
