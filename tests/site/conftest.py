"""Fixtures for the reading-site tests: a small made-up collection with every feature the site shows.

The demo collection (two notebooks, a data file, a bibliography, exported charts) is
written here, not committed: it has math, a citation, Chinese text, a findings
section in Markdown and one in a computed output, a ``key-chart`` tag, a
``parameters`` cell, a prose-generating cell, a removed cell and a wide table.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: builds the reading site and opens every page in headless Chromium (slow)"
    )


def _png(color: str, size: tuple[int, int] = (320, 180)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, format="PNG")
    return buf.getvalue()


def _image_output(png: bytes):
    import nbformat.v4 as v4

    return v4.new_output("display_data", data={"image/png": base64.b64encode(png).decode(), "text/plain": "<Figure>"})


def _markdown_output(text: str):
    import nbformat.v4 as v4

    return v4.new_output("display_data", data={"text/markdown": text, "text/plain": "<Markdown>"})


WIDE_TABLE = (
    "<table class='dataframe'><thead><tr>"
    + "".join(f"<th>column_with_a_long_name_{i}</th>" for i in range(8))
    + "</tr></thead><tbody><tr>"
    + "".join(f"<td>{'一段很长的中文说明 and a long English explanation ' * 3}</td>" for _ in range(8))
    + "</tr></tbody></table>"
)

BIB = """@article{arrow1951,
  author = {Arrow, Kenneth J. and Harris, Theodore and Marschak, Jacob},
  title = {Optimal Inventory Policy},
  journal = {Econometrica},
  year = {1951},
  volume = {19},
  number = {3},
  pages = {250--272},
  doi = {10.2307/1906813}
}
"""


def make_demo_repo(root: Path, *, bib: bool = True) -> Path:
    """Write the demo collection under ``root`` and return ``root``."""
    import nbformat
    import nbformat.v4 as v4

    (root / "notebooks").mkdir(parents=True)
    (root / "data" / "sales").mkdir(parents=True)
    (root / "figures").mkdir()
    (root / "README.md").write_text(
        "# Demo collection (双十一)\n\nA made-up collection for the site tests.\n\n## Later\n\nNot shown.\n",
        encoding="utf-8",
    )
    (root / "data" / "README.md").write_text(
        "# Data dictionary\n\n`sales/gmv.csv`: yearly GMV, 亿元.\n", encoding="utf-8"
    )
    (root / "data" / "sales" / "gmv.csv").write_text(
        "year,gmv_100m_yuan,source\n2015,912,Alibaba announcement\n", encoding="utf-8"
    )
    if bib:
        (root / "references.bib").write_text(BIB, encoding="utf-8")
    chart = _png("#0072B2")
    (root / "figures" / "00_demo_chart.png").write_bytes(chart)
    (root / "figures" / "00_demo_chart.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8"
    )

    params = v4.new_code_cell(
        'gmv_csv = "data/sales/gmv.csv"  # input: yearly GMV (data/README.md)\nhorizon = 2  # years ahead'
    )
    params.metadata["tags"] = ["parameters"]
    prose = v4.new_code_cell('display(Markdown("GMV **rose** to 912亿 yuan in 2015."))')
    prose.outputs = [_markdown_output("GMV **rose** to 912亿 yuan in 2015.")]
    first_chart = v4.new_code_cell("fig = plot_gmv(data)")
    first_chart.outputs = [_image_output(_png("#D55E00"))]
    key = v4.new_code_cell('fig = plot_growth(data)\nplotting.savefig(fig, "00_demo_chart")\nsay("Growth slowed.")')
    key.metadata["tags"] = ["key-chart"]
    key.outputs = [_markdown_output("Growth slowed after 2015."), _image_output(chart)]
    removed = v4.new_code_cell("secret = 42")
    removed.metadata["tags"] = ["remove-input"]
    removed.outputs = [v4.new_output("stream", name="stdout", text="only the output of a removed-input cell\n")]
    table = v4.new_code_cell("wide_table")
    table.outputs = [
        v4.new_output("execute_result", data={"text/html": WIDE_TABLE, "text/plain": "<table>"}, execution_count=1)
    ]
    nb0 = v4.new_notebook(
        cells=[
            v4.new_markdown_cell(
                "# 00 · Demo growth of 双十一 sales\n\nHow fast did Double 11 (双十一) GMV grow, and what does a "
                "newsvendor say about consignment?\n\n## Findings\n\n- GMV grew to **912亿 yuan** in 2015.\n"
                "- The critical fractile is $\\frac{p-c}{p-s} = 0.5$.\n\n## How this notebook is organised\n\nTwo sections."
            ),
            params,
            v4.new_markdown_cell(
                "## 1. The model\n\nThe optimal stock is $q^* = F^{-1}\\left(\\frac{p-c}{p-s}\\right)$ "
                "{cite}`arrow1951`, and\n\n$$\\pi(q) = p\\,\\min(q, D) - c\\,q.$$\n\n寄售 means consignment."
            ),
            prose,
            first_chart,
            key,
            removed,
            table,
            v4.new_markdown_cell("## References\n\n```{bibliography}\n:filter: docname in docnames\n```"),
        ]
    )
    findings = v4.new_code_cell("display(Markdown(prose.bullets(findings)))")
    findings.outputs = [
        _markdown_output("**Findings**\n\n- Bonded stock (保税区) cannot be returned.\n- Promotions are 30% shallower.")
    ]
    nb1 = v4.new_notebook(
        cells=[
            v4.new_markdown_cell("# 01 · Demo bonded zone (保税区)\n\nWhy can cross-border platforms not go big?"),
            findings,
            v4.new_markdown_cell("## 1. Rules\n\n保税区 goods cannot leave the zone; procurement (采销) instead."),
        ]
    )
    for nb in (nb0, nb1):
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb0, root / "notebooks" / "00_demo.ipynb")
    nbformat.write(nb1, root / "notebooks" / "01_bonded.ipynb")
    return root


@pytest.fixture(scope="session")
def make_demo():
    """The function that writes a demo collection: ``make_demo(root, bib=True) -> root``."""
    return make_demo_repo


@pytest.fixture(scope="session")
def demo_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small collection with every feature the site shows."""
    return make_demo_repo(tmp_path_factory.mktemp("demo_repo"))


@pytest.fixture(scope="session")
def site_deps() -> None:
    """Skip when the optional ``site`` dependencies are not installed."""
    for module in ("sphinx", "myst_nb", "sphinx_book_theme", "sphinxcontrib.bibtex"):
        pytest.importorskip(module, reason='the site needs the "site" extra: pip install -e ".[site]"')


@pytest.fixture(scope="session")
def demo_site(demo_repo: Path, site_deps: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo collection's site (no API reference), built once per session."""
    from helpers.site import build_site

    out = tmp_path_factory.mktemp("demo_site") / "site"
    return build_site(None, out, repo_root=demo_repo, api=False, quiet=True)
