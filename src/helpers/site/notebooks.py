"""Read what the home page shows from a notebook, and prepare its copy for the site.

The home page shows, for each notebook, its title (the first ``#`` heading of
its first Markdown cell), its question (the paragraph after that heading), its
findings (a Markdown section or output headed "Findings" near the top) and a
thumbnail of its key chart (the first image output of a cell tagged
``key-chart``, else the first image output of the notebook).

:func:`prepare_notebook` turns a stored executed notebook into the copy the
site renders, without touching the original: the ``parameters`` cell and the
code cells whose only output is Markdown prose get the myst-nb tag
``hide-input`` (collapsed, one click to open), a line of download links is
inserted under the title, and a chart saved with ``plotting.savefig(fig,
"name")`` gets a numbered figure caption linking its PNG and SVG files (a
caption the author set in the cell's metadata, ``{"mystnb": {"figure":
{"caption": "..."}}}``, is kept as it is).
"""

from __future__ import annotations

import ast
import base64
import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.errors import DataError

__all__ = [
    "NotebookSummary",
    "data_inputs",
    "findings_text",
    "key_chart_png",
    "prepare_notebook",
    "read_notebook",
    "summarize",
    "title_and_question",
]

#: Cells searched for a "Findings" section, counted from the top of the notebook.
FINDINGS_WINDOW = 8
#: Tags that already say how a cell's input is shown; the site adds none of its own then.
INPUT_TAGS = {"hide-input", "remove-input", "hide-cell", "remove-cell"}
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FINDINGS_HEAD = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:key\s+)?findings\b\s*[:.]?\s*(?:\*\*|__)?\s*[:.]?\s*(.*)$", re.I
)
_SAVEFIG = re.compile(r"savefig\(\s*[A-Za-z_][\w.]*\s*,\s*(?:name\s*=\s*)?[rRuU]?([\"'])([A-Za-z0-9_\-]+)\1")


@dataclass
class NotebookSummary:
    """What the home page shows for one notebook.

    Attributes
    ----------
    path : Path
        The notebook file.
    title : str
        First ``#`` heading of the first Markdown cell (Markdown inline markup kept).
    question : str
        The paragraph after the title (Markdown).
    findings : str
        The findings section as Markdown (usually a bullet list); empty if none.
    key_chart : bytes or None
        PNG bytes of the key chart; None if the notebook has no image output.
    data_files : list of str
        Repository-relative paths under ``data/`` named in the ``parameters`` cell.
    """

    path: Path
    title: str
    question: str
    findings: str = ""
    key_chart: bytes | None = None
    data_files: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """File stem, e.g. ``"02_gmv_growth"``: the page's name on the site."""
        return self.path.stem


def read_notebook(path: str | Path) -> Any:
    """Read a notebook file, refusing anything that is not one.

    Parameters
    ----------
    path : str or Path
        ``.ipynb`` file.

    Returns
    -------
    nbformat.NotebookNode
        The notebook, version 4.

    Raises
    ------
    DataError
        If the file is missing or is not a readable notebook.
    """
    import nbformat

    path = Path(path)
    if not path.is_file():
        raise DataError("expected a notebook file (.ipynb), found none", path=path)
    try:
        return nbformat.read(path, as_version=4)
    except Exception as exc:  # nbformat raises several types for broken JSON
        raise DataError(f"not a readable notebook ({exc.__class__.__name__}: {exc})", path=path) from None


def _source(cell: Any) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _tags(cell: Any) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def title_and_question(nb: Any) -> tuple[str, str]:
    """Title and question of a notebook.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook.

    Returns
    -------
    (str, str)
        The first ``#`` heading of the first Markdown cell, and the paragraph
        after it (its lines joined with spaces); empty strings if absent.

    Examples
    --------
    >>> import nbformat.v4 as v4
    >>> nb = v4.new_notebook(cells=[v4.new_markdown_cell("# 02 · Growth\\n\\nHow fast did GMV\\ngrow?\\n\\nMore.")])
    >>> title_and_question(nb)
    ('02 · Growth', 'How fast did GMV grow?')
    """
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = _source(cell).splitlines()
        for i, line in enumerate(lines):
            m = _HEADING.match(line)
            if m and len(m.group(1)) == 1:
                para: list[str] = []
                for nxt in lines[i + 1 :]:
                    if not nxt.strip():
                        if para:
                            break
                        continue
                    if _HEADING.match(nxt):
                        break
                    para.append(nxt.strip())
                return m.group(2).strip(), " ".join(para)
        return "", ""
    return "", ""


def _section_after(lines: list[str], start: int, first: str) -> str:
    """Lines after a "Findings" header up to the next heading or bold header paragraph."""
    head = _HEADING.match(lines[start])
    level = len(head.group(1)) if head else 7
    body = [first] if first else []
    for line in lines[start + 1 :]:
        h = _HEADING.match(line)
        if h and len(h.group(1)) <= level:
            break
        if not head and re.match(r"^\s*(\*\*|__)[^*_]+(\*\*|__)\s*[:.]?\s*$", line) and body:
            break  # next bold pseudo-heading ("**How this notebook is organised**")
        body.append(line)
    text = "\n".join(body).strip("\n")
    # a heading inside the findings becomes bold text (no sections on the home page)
    return re.sub(r"^#{1,6}\s+(.*?)\s*#*\s*$", r"**\1**", text, flags=re.M).strip()


def _findings_in(text: str) -> str | None:
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = _FINDINGS_HEAD.match(line)
        if m and (line.lstrip().startswith(("#", "**", "__")) or line.strip().lower().rstrip(":.") == "findings"):
            return _section_after(lines, i, m.group(1).strip())
    return None


def _markdown_texts(cell: Any) -> list[str]:
    """A Markdown cell's source, or a code cell's Markdown outputs."""
    if cell.cell_type == "markdown":
        return [_source(cell)]
    texts = []
    for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
        md = out.get("data", {}).get("text/markdown")
        if md:
            texts.append("".join(md) if isinstance(md, list) else md)
    return texts


def _findings_after(cells: list[Any]) -> str:
    """Findings that follow a header standing alone: the next Markdown outputs, or the next Markdown cell."""
    body: list[str] = []
    for cell in cells:
        if cell.cell_type == "markdown":
            if not body:  # findings written out in the next Markdown cell, up to its first heading
                lines = []
                for line in _source(cell).splitlines():
                    if _HEADING.match(line):
                        break
                    lines.append(line)
                body.append("\n".join(lines).strip())
            break
        body += [t.strip() for t in _markdown_texts(cell)]
    return "\n\n".join(b for b in body if b)


def findings_text(nb: Any, window: int = FINDINGS_WINDOW) -> str:
    """The notebook's findings, as Markdown.

    Looks in the first ``window`` cells for a Markdown cell, or a Markdown
    output of a code cell, with a line headed "Findings" (``## Findings``,
    ``**Findings**``, ``**Findings:** ...``) and returns what follows it up to
    the next heading of the same or a higher level. A header that stands alone
    in its cell (the findings are computed) takes the Markdown outputs of the
    code cells after it, up to the next Markdown cell.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook.
    window : int
        Cells searched from the top.

    Returns
    -------
    str
        The findings (often a bullet list); ``""`` if the notebook has none.

    Examples
    --------
    >>> import nbformat.v4 as v4
    >>> nb = v4.new_notebook(cells=[v4.new_markdown_cell("# T\\n\\nQ?\\n\\n## Findings\\n\\n- GMV rose 30%.\\n\\n## Next")])
    >>> findings_text(nb)
    '- GMV rose 30%.'
    """
    for i, cell in enumerate(nb.cells[:window]):
        for text in _markdown_texts(cell):
            found = _findings_in(text)
            if found is None:
                continue
            return found or _findings_after(nb.cells[i + 1 : i + 1 + window])
    return ""


def _png_of(cell: Any) -> bytes | None:
    for out in cell.get("outputs", []):
        data = out.get("data", {}).get("image/png")
        if data:
            raw = "".join(data) if isinstance(data, list) else data
            return base64.b64decode(raw)
    return None


def key_chart_png(nb: Any) -> bytes | None:
    """PNG bytes of the notebook's key chart.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook.

    Returns
    -------
    bytes or None
        The first PNG output of a cell tagged ``key-chart``, else the first PNG
        output in the notebook; None if there is none.
    """
    tagged = [c for c in nb.cells if c.cell_type == "code" and "key-chart" in _tags(c)]
    for cell in tagged + [c for c in nb.cells if c.cell_type == "code"]:
        png = _png_of(cell)
        if png:
            return png
    return None


def _parameter_strings(source: str) -> list[str]:
    """String constants assigned in a parameters cell (lists, tuples and dicts walked)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            for sub in ast.walk(node.value):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                    found.append(sub.value)
    return found


def data_inputs(nb: Any, repo_root: str | Path) -> list[str]:
    """Files and folders under ``data/`` that the ``parameters`` cell names.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook.
    repo_root : str or Path
        Folder the relative paths are read from.

    Returns
    -------
    list of str
        Repository-relative POSIX paths that exist, in the order named, no duplicates.

    Examples
    --------
    >>> import nbformat.v4 as v4
    >>> from helpers import paths
    >>> cell = v4.new_code_cell('gmv_csv = "data/sales/gmv.csv"  # input\\nx = "data/nope.csv"')
    >>> cell.metadata["tags"] = ["parameters"]
    >>> data_inputs(v4.new_notebook(cells=[cell]), paths.ROOT)
    ['data/sales/gmv.csv']
    """
    root = Path(repo_root)
    out: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "parameters" not in _tags(cell):
            continue
        for value in _parameter_strings(_source(cell)):
            rel = value.strip().replace("\\", "/")
            if rel.startswith("./"):
                rel = rel[2:]
            if rel.startswith("data/") and ".." not in rel.split("/") and (root / rel).exists() and rel not in out:
                out.append(rel.rstrip("/"))
    return out


def summarize(path: str | Path, repo_root: str | Path) -> NotebookSummary:
    """Everything the home page shows for one notebook.

    Parameters
    ----------
    path : str or Path
        Stored executed notebook.
    repo_root : str or Path
        Repository root (for the data files the parameters name).

    Returns
    -------
    NotebookSummary

    Raises
    ------
    DataError
        If the file is not a notebook or has no ``#`` title in its first Markdown cell.
    """
    nb = read_notebook(path)
    title, question = title_and_question(nb)
    if not title:
        raise DataError("expected a first Markdown cell starting with a '# ' title heading", path=path)
    return NotebookSummary(
        path=Path(path),
        title=title,
        question=question,
        findings=findings_text(nb),
        key_chart=key_chart_png(nb),
        data_files=data_inputs(nb, repo_root),
    )


def _only_markdown_output(cell: Any) -> bool:
    outs = cell.get("outputs", [])
    if not outs:
        return False
    for out in outs:
        if out.get("output_type") not in ("display_data", "execute_result"):
            return False
        kinds = set(out.get("data", {})) - {"text/plain"}
        if kinds != {"text/markdown"}:
            return False
    return True


def _link(href: str, text: str, download: bool = True) -> str:
    import html

    attr = " download" if download else ""
    return f'<a class="reference download" href="{html.escape(href)}"{attr}>{html.escape(text)}</a>'


def _split_after_question(text: str) -> tuple[str, str]:
    """Split a Markdown cell after its ``#`` title and the paragraph that follows it.

    Examples
    --------
    >>> _split_after_question("# T\\n\\nQ?\\nmore Q.\\n\\n## Findings\\n- x")
    ('# T\\n\\nQ?\\nmore Q.', '## Findings\\n- x')
    """
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = _HEADING.match(line)
        if m and len(m.group(1)) == 1:
            j, seen = i + 1, False
            while j < len(lines):
                if not lines[j].strip():
                    if seen:
                        break
                elif _HEADING.match(lines[j]):
                    break
                else:
                    seen = True
                j += 1
            return "\n".join(lines[:j]).rstrip(), "\n".join(lines[j:]).strip("\n")
    return text, ""


def _caption_chart(cell: Any, page: str, figure_files: dict[str, list[str]], number: int) -> list[Any]:
    """A code cell whose chart is saved with ``savefig(fig, "name")``, with that chart as a captioned figure.

    myst-nb applies a cell's figure options to every output of the cell, so a
    chart that shares its cell with other outputs (a computed sentence, a
    table) moves to a cell of its own (input removed) carrying the caption.
    """
    import nbformat.v4 as v4

    outputs = cell.get("outputs", [])
    images = [i for i, o in enumerate(outputs) if "image/png" in o.get("data", {})]
    meta = cell.setdefault("metadata", {})
    if len(images) != 1 or (isinstance(meta.get("mystnb"), dict) and "figure" in meta["mystnb"]):
        return [cell]
    names = [m.group(2) for m in _SAVEFIG.finditer(_source(cell))]
    if len(names) != 1 or names[0] not in figure_files:
        return [cell]
    name = names[0]
    links = " · ".join(f"[{Path(href).suffix.lstrip('.').upper()}]({href})" for href in figure_files[name])
    figure = {
        "caption": f"Figure {number}. Chart `{name}` (files: {links})",
        "name": f"fig-{page}-{name}".replace("_", "-"),
    }
    if len(outputs) == 1:
        meta.setdefault("mystnb", {})["figure"] = figure
        return [cell]
    i = images[0]
    # (myst-nb skips cells with empty source; the input of these cells is removed anyway)
    chart = v4.new_code_cell(
        f"# chart {name}, output of the cell above", metadata={"tags": ["remove-input"], "mystnb": {"figure": figure}}
    )
    chart.outputs = [outputs[i]]
    parts = [cell, chart]
    if outputs[i + 1 :]:
        rest = v4.new_code_cell("# further output of the cell above", metadata={"tags": ["remove-input"]})
        rest.outputs = outputs[i + 1 :]
        parts.append(rest)
    cell.outputs = outputs[:i]
    return parts


def prepare_notebook(
    nb: Any,
    summary: NotebookSummary,
    *,
    notebook_href: str,
    figure_files: dict[str, list[str]] | None = None,
) -> Any:
    """The copy of a notebook that the site renders (the original is not changed).

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The stored executed notebook.
    summary : NotebookSummary
        Its summary (for the data files it reads).
    notebook_href : str
        Link, relative to the page, that downloads the original ``.ipynb``.
    figure_files : dict, optional
        Chart name -> site-relative links of its exported files (PNG, SVG), for
        the captions of charts saved with ``plotting.savefig(fig, "name")``.

    Returns
    -------
    nbformat.NotebookNode
        A deep copy with site tags, a download line under the title and figure captions.

    Examples
    --------
    >>> import nbformat.v4 as v4
    >>> p = v4.new_code_cell("x = 1"); p.metadata["tags"] = ["parameters"]
    >>> nb = v4.new_notebook(cells=[v4.new_markdown_cell("# T\\n\\nQ?"), p])
    >>> s = NotebookSummary(path=Path("00_t.ipynb"), title="T", question="Q?")
    >>> out = prepare_notebook(nb, s, notebook_href="_sources/00_t.ipynb")
    >>> out.cells[2].metadata["tags"]
    ['parameters', 'hide-input']
    >>> "download" in out.cells[1].source
    True
    """
    import nbformat.v4 as v4

    nb = copy.deepcopy(nb)
    figure_files = figure_files or {}
    cells = []
    figures = 0  # charts numbered per notebook, in the caption text
    for cell in nb.cells:
        if cell.cell_type != "code":
            cells.append(cell)
            continue
        meta = cell.setdefault("metadata", {})
        tags = _tags(cell)
        if not (INPUT_TAGS & set(tags)) and ("parameters" in tags or _only_markdown_output(cell)):
            meta["tags"] = [*tags, "hide-input"]
        parts = _caption_chart(cell, summary.name, figure_files, figures + 1)
        figures += any(
            str(c.metadata.get("mystnb", {}).get("figure", {}).get("caption", "")).startswith(f"Figure {figures + 1}.")
            for c in parts
        )
        cells.extend(parts)
    nb.cells = cells
    # download line under the title cell
    parts = [_link(notebook_href, f"{summary.path.name} (notebook)")]
    for rel in summary.data_files:  # a folder has no page of its own: the data page lists its files
        is_file = bool(Path(rel).suffix)
        parts.append(
            _link(rel if is_file else "data.html", Path(rel).name + ("" if is_file else "/"), download=is_file)
        )
    parts.append(_link("data.html", "all data files", download=False))
    line = '<p class="nb-downloads"><span>Download:</span> ' + " · ".join(parts) + "</p>"
    first_md = next((i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"), -1)
    downloads = v4.new_markdown_cell(line, metadata={"tags": ["site-downloads"]})
    if first_md < 0:
        nb.cells.insert(0, downloads)
    else:  # right under the title and question, before any findings in the same cell
        head, rest = _split_after_question(_source(nb.cells[first_md]))
        nb.cells[first_md].source = head
        extra = [v4.new_markdown_cell(rest)] if rest.strip() else []
        nb.cells[first_md + 1 : first_md + 1] = [downloads, *extra]
    for cell in nb.cells:  # nbformat 4.5 wants ids; keep them unique after the insert
        cell.pop("id", None)
    nb.nbformat, nb.nbformat_minor = 4, 4
    return nb
