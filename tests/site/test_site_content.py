"""helpers.site without Sphinx: what the home page reads from a notebook, the site's copy, fonts, guards."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import nbformat
import nbformat.v4 as v4
import pytest

from helpers.errors import DataError, ParameterError
from helpers.site import _check_replaceable, _fix_search_stemmer, fonts, inputs_digest, list_notebooks, project
from helpers.site import notebooks as nbs


def _md(text: str):
    return v4.new_markdown_cell(text)


def _png_output(png: bytes = b"\x89PNG fake"):
    return v4.new_output("display_data", data={"image/png": base64.b64encode(png).decode(), "text/plain": "<Figure>"})


def _markdown_output(text: str):
    return v4.new_output("display_data", data={"text/markdown": text, "text/plain": "<Markdown>"})


# --- title, question, findings, key chart -----------------------------------------------------------


def test_title_and_question_read_the_first_markdown_cell():
    nb = v4.new_notebook(
        cells=[
            v4.new_code_cell("x = 1"),
            _md("# 03 · Consignment (寄售)\n\nWho carries the risk\nafter Double 11?\n\n## Findings\n- a"),
        ]
    )
    assert nbs.title_and_question(nb) == ("03 · Consignment (寄售)", "Who carries the risk after Double 11?")


def test_title_needs_a_level_one_heading_in_the_first_markdown_cell():
    nb = v4.new_notebook(cells=[_md("## Not a title\n\ntext"), _md("# Too late")])
    assert nbs.title_and_question(nb) == ("", "")


@pytest.mark.parametrize(
    "cell",
    [
        _md(
            "# T\n\nQ?\n\n## Findings\n\n- GMV rose 30%.\n- Returns cost 5 yuan.\n\n## How this notebook is organised\n\nx"
        ),
        _md(
            "# T\n\nQ?\n\n**Findings**\n\n- GMV rose 30%.\n- Returns cost 5 yuan.\n\n**How this notebook is organised**\n\nx"
        ),
    ],
)
def test_findings_from_a_markdown_section(cell):
    nb = v4.new_notebook(cells=[cell])
    assert nbs.findings_text(nb) == "- GMV rose 30%.\n- Returns cost 5 yuan."


def test_findings_from_a_computed_markdown_output():
    code = v4.new_code_cell("display(Markdown(text))")
    code.outputs = [_markdown_output("### Findings\n\n- Bonded stock (保税区) cannot be returned.")]
    nb = v4.new_notebook(cells=[_md("# T\n\nQ?"), code])
    assert nbs.findings_text(nb) == "- Bonded stock (保税区) cannot be returned."


def test_findings_under_a_header_cell_come_from_the_outputs_after_it():
    quiet = v4.new_code_cell("ev = evidence()")
    said = v4.new_code_cell("display(Markdown(prose.bullets(found)))")
    said.outputs = [_markdown_output("- **Chinese brands** sold 48.8% of units.\n- Discounts were real.")]
    nb = v4.new_notebook(
        cells=[
            _md("# T\n\nQ?"),
            _md("## Findings"),
            quiet,
            said,
            _md("The notebook has five sections.\n\n## 1. Data"),
        ]
    )
    assert nbs.findings_text(nb) == "- **Chinese brands** sold 48.8% of units.\n- Discounts were real."
    written = v4.new_notebook(cells=[_md("# T"), _md("## Findings"), _md("- Written out.\n\n## 1. Data")])
    assert nbs.findings_text(written) == "- Written out."


def test_findings_inline_after_a_bold_label_and_absent_when_far_down():
    nb = v4.new_notebook(cells=[_md("# T\n\nQ?\n\n**Findings:** GMV rose 30%.")])
    assert nbs.findings_text(nb) == "GMV rose 30%."
    late = v4.new_notebook(cells=[_md("# T")] + [_md("text") for _ in range(10)] + [_md("## Findings\n- late")])
    assert nbs.findings_text(late) == ""


def test_the_word_findings_in_a_sentence_is_not_a_section():
    nb = v4.new_notebook(cells=[_md("# T\n\nOur findings below rest on data.")])
    assert nbs.findings_text(nb) == ""


def test_key_chart_prefers_the_tagged_cell():
    first = v4.new_code_cell("plot_a()")
    first.outputs = [_png_output(b"first")]
    tagged = v4.new_code_cell("plot_b()")
    tagged.metadata["tags"] = ["key-chart"]
    tagged.outputs = [_png_output(b"tagged")]
    assert nbs.key_chart_png(v4.new_notebook(cells=[first, tagged])) == b"tagged"
    assert nbs.key_chart_png(v4.new_notebook(cells=[first])) == b"first"
    assert nbs.key_chart_png(v4.new_notebook(cells=[_md("# T")])) is None


def test_data_inputs_name_only_existing_files_under_data(tmp_path):
    (tmp_path / "data" / "sales").mkdir(parents=True)
    (tmp_path / "data" / "sales" / "gmv.csv").write_text("x\n")
    params = v4.new_code_cell(
        'gmv_csv = "data/sales/gmv.csv"\nothers = ["data/sales/gmv.csv", "data/none.csv", "../data/x.csv"]\n'
        'folder = "data/sales/"\nout = "output/x.csv"'
    )
    params.metadata["tags"] = ["parameters"]
    untagged = v4.new_code_cell('y = "data/sales/gmv.csv"')
    nb = v4.new_notebook(cells=[params, untagged])
    assert nbs.data_inputs(nb, tmp_path) == ["data/sales/gmv.csv", "data/sales"]


def test_summarize_refuses_a_broken_or_untitled_notebook(tmp_path):
    broken = tmp_path / "00_broken.ipynb"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match="00_broken.ipynb: not a readable notebook"):
        nbs.summarize(broken, tmp_path)
    untitled = tmp_path / "01_untitled.ipynb"
    nbformat.write(v4.new_notebook(cells=[_md("no heading")]), untitled)
    with pytest.raises(DataError, match="01_untitled.ipynb: expected a first Markdown cell"):
        nbs.summarize(untitled, tmp_path)
    with pytest.raises(DataError, match="02_missing.ipynb"):
        nbs.summarize(tmp_path / "02_missing.ipynb", tmp_path)


# --- the copy the site renders ----------------------------------------------------------------------


def _summary(name: str = "02_demo") -> nbs.NotebookSummary:
    return nbs.NotebookSummary(path=Path(f"{name}.ipynb"), title="T", question="Q?", data_files=["data/sales/gmv.csv"])


def test_prepare_hides_parameters_and_prose_cells_and_keeps_author_tags():
    params = v4.new_code_cell("x = 1")
    params.metadata["tags"] = ["parameters"]
    prose = v4.new_code_cell("display(Markdown(s))")
    prose.outputs = [_markdown_output("GMV **rose**.")]
    removed = v4.new_code_cell("secret()")
    removed.metadata["tags"] = ["remove-input"]
    removed.outputs = [_markdown_output("only output")]
    plain = v4.new_code_cell("1 + 1")
    plain.outputs = [v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=1)]
    nb = v4.new_notebook(cells=[_md("# T\n\nQ?"), params, prose, removed, plain])
    out = nbs.prepare_notebook(nb, _summary(), notebook_href="_sources/02_demo.ipynb")
    tags = [c.metadata.get("tags", []) for c in out.cells]
    assert tags[2] == ["parameters", "hide-input"]
    assert tags[3] == ["hide-input"]
    assert tags[4] == ["remove-input"]
    assert tags[5] == []
    assert nb.cells[1].metadata["tags"] == ["parameters"]  # the original is untouched


def test_prepare_puts_download_links_right_under_the_question():
    nb = v4.new_notebook(cells=[_md("# T\n\nQ?\n\n## Findings\n\n- a")])
    out = nbs.prepare_notebook(nb, _summary(), notebook_href="_sources/02_demo.ipynb")
    assert out.cells[0].source == "# T\n\nQ?"
    line = out.cells[1].source
    assert 'href="_sources/02_demo.ipynb" download' in line
    assert 'href="data/sales/gmv.csv" download' in line and 'href="data.html"' in line
    assert out.cells[2].source == "## Findings\n\n- a"


def test_prepare_captions_a_saved_chart_and_gives_it_its_own_cell():
    cell = v4.new_code_cell('fig = plot()\nplotting.savefig(fig, "02_gmv")\nsay("x")')
    cell.outputs = [_markdown_output("before"), _png_output(), _markdown_output("after")]
    other = v4.new_code_cell('plotting.savefig(fig2, "02_other")')
    other.outputs = [_png_output()]
    nb = v4.new_notebook(cells=[_md("# T\n\nQ?"), cell, other])
    files = {"02_gmv": ["figures/02_gmv.png", "figures/02_gmv.svg"], "02_other": ["figures/02_other.svg"]}
    out = nbs.prepare_notebook(nb, _summary(), notebook_href="x.ipynb", figure_files=files)
    code = [c for c in out.cells if c.cell_type == "code"]
    assert [len(c.outputs) for c in code] == [1, 1, 1, 1]
    assert code[0].source.startswith("fig = plot()") and "text/markdown" in code[0].outputs[0].data
    chart = code[1]
    assert chart.metadata["tags"] == ["remove-input"] and "image/png" in chart.outputs[0].data
    assert chart.metadata["mystnb"]["figure"] == {
        "caption": "Figure 1. Chart `02_gmv` (files: [PNG](figures/02_gmv.png) · [SVG](figures/02_gmv.svg))",
        "name": "fig-02-demo-02-gmv",
    }
    assert code[2].metadata["tags"] == ["remove-input"] and code[2].outputs[0].data["text/markdown"] == "after"
    assert code[3].metadata["mystnb"]["figure"]["caption"].startswith("Figure 2. Chart `02_other`")


def test_prepare_keeps_an_authors_caption():
    cell = v4.new_code_cell('plotting.savefig(fig, "02_gmv")')
    cell.metadata["mystnb"] = {"figure": {"caption": "GMV by year, 亿元"}}
    cell.outputs = [_png_output()]
    out = nbs.prepare_notebook(
        v4.new_notebook(cells=[_md("# T"), cell]),
        _summary(),
        notebook_href="x",
        figure_files={"02_gmv": ["figures/02_gmv.png"]},
    )
    assert out.cells[-1].metadata["mystnb"] == {"figure": {"caption": "GMV by year, 亿元"}}


# --- home page, API pages, fonts -------------------------------------------------------------------


def test_home_page_has_a_card_per_notebook_and_the_toctree_in_order():
    a = nbs.NotebookSummary(path=Path("00_a.ipynb"), title="00 · A", question="Why?", findings="- 1 yuan.")
    b = nbs.NotebookSummary(path=Path("01_b.ipynb"), title="01 · B", question="How?")
    page = project.home_page("Home", "Intro.", [a, b], {"00_a": "_thumbs/00_a.png"})
    assert page.startswith("# Home\n\nIntro.")
    assert len(re.findall(r"^::::\{container\} nb-card", page, re.M)) == 2 and "nb-card no-thumb" in page
    assert "```{image} _thumbs/00_a.png" in page and ":target: 00_a.html" in page
    assert "[00 · A](00_a.ipynb)" in page and "**Question.** Why?" in page and "- 1 yuan." in page
    toc = page[page.index(":caption: Notebooks") :]
    assert toc.index("00_a") < toc.index("01_b")


def test_readme_intro_drops_links_to_repository_files(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(
        "# 双十一 notes\n\nSee [the data](data/README.md) and [docs](https://example.org).\n\n## Next\nx\n"
    )
    assert project.readme_intro(readme) == ("双十一 notes", "See the data and [docs](https://example.org).")
    assert project.readme_intro(tmp_path / "none.md") == (project.SITE_TITLE, "")


def test_api_pages_one_per_subpackage_without_private_modules_or_shims(tmp_path):
    pkg = tmp_path / "helpers"
    (pkg / "growth").mkdir(parents=True)
    (pkg / "growth" / "__init__.py").write_text('"""Growth."""\n')
    (pkg / "_private.py").write_text("")
    (pkg / "units.py").write_text('"""Units."""\ndef f():\n    pass\n')
    (pkg / "old.py").write_text(
        '"""Moved."""\nimport warnings\ndef __getattr__(name):\n    warnings.warn("moved", DeprecationWarning)\n'
    )
    (pkg / "channels.py").write_text(
        '"""Deprecated: moved to helpers.inventory."""\nfrom helpers.inventory import x\ndef old():\n    pass\n'
    )
    (pkg / "notes").mkdir()  # a folder without __init__.py is not a subpackage
    assert project.api_modules(pkg) == ["helpers.growth", "helpers.units"]


def test_cjk_subset_font_holds_the_characters_and_is_small():
    import io

    from fontTools.ttLib import TTFont

    chars = fonts.cjk_characters(["<p>双十一 寄售 and English</p>"])
    assert "寄" in chars and "E" not in chars and "，" in chars
    woff = fonts.subset_woff(chars)
    font = TTFont(io.BytesIO(woff))
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "双十一寄售")
    assert ord("龍") not in cmap
    assert len(woff) < 60_000
    css = fonts.font_face_css(woff)
    assert 'font-family: "Site CJK"' in css and "unicode-range: U+2E80-2FDF" in css and "data:font/woff;base64," in css


def test_search_stemmer_fix_only_when_the_named_stemmer_is_missing(tmp_path):
    js = tmp_path / "language_data.js"
    js.write_text("var EnglishStemmer=function(){};\nwindow.Stemmer = ChineseStemmer;\n")
    _fix_search_stemmer(js)
    assert js.read_text().endswith("window.Stemmer = EnglishStemmer;\n")
    ok = "var ChineseStemmer=function(){};\nvar EnglishStemmer=1;\nwindow.Stemmer = ChineseStemmer;\n"
    js.write_text(ok)
    _fix_search_stemmer(js)
    assert js.read_text() == ok


# --- guards and the no-op fingerprint ---------------------------------------------------------------


def test_out_dir_that_is_not_a_site_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ParameterError, match="refusing to replace it"):
        _check_replaceable(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    _check_replaceable(empty)
    old_site = tmp_path / "old"
    old_site.mkdir()
    (old_site / "index.html").write_text("<html>")
    _check_replaceable(old_site)
    _check_replaceable(tmp_path / "new")


def test_build_site_refuses_bad_notebook_lists(tmp_path):
    from helpers.site import build_site

    with pytest.raises(ParameterError, match="no notebooks"):
        build_site(None, tmp_path / "site", repo_root=tmp_path)
    with pytest.raises(ParameterError, match="expected .ipynb"):
        build_site(["README.md"], tmp_path / "site", repo_root=tmp_path)
    with pytest.raises(DataError, match="notebook not found"):
        build_site(["notebooks/00_none.ipynb"], tmp_path / "site", repo_root=tmp_path)


def test_fingerprint_changes_with_a_notebook_and_the_bibliography(tmp_path):
    (tmp_path / "notebooks").mkdir()
    nb = tmp_path / "notebooks" / "00_a.ipynb"
    nbformat.write(v4.new_notebook(cells=[_md("# A")]), nb)
    notebooks = list_notebooks(tmp_path)
    assert notebooks == [nb]
    first = inputs_digest(notebooks, tmp_path, api=False)
    assert inputs_digest(notebooks, tmp_path, api=False) == first
    (tmp_path / "references.bib").write_text("@book{a, title={A}}\n")
    with_bib = inputs_digest(notebooks, tmp_path, api=False)
    nbformat.write(v4.new_notebook(cells=[_md("# A changed")]), nb)
    assert len({first, with_bib, inputs_digest(notebooks, tmp_path, api=False)}) == 3
