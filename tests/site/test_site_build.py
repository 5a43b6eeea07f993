"""build_site on the demo collection: what lands in the HTML (Sphinx runs; no browser needed)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from helpers.errors import ParameterError

pytestmark = pytest.mark.usefixtures("site_deps")

#: A tag that makes the browser fetch something, pointing at another host.
_EXTERNAL_FETCH = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)=\"(?:https?:)?//", re.I
)


def _page(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def test_home_page_shows_question_findings_and_key_chart(demo_site, demo_repo):
    from PIL import Image

    home = _page(demo_site, "index.html")
    assert "<title>Demo collection (双十一)" in home
    assert "How fast did Double 11 (双十一) GMV grow" in home
    assert "GMV grew to <strong>912亿 yuan</strong> in 2015." in home  # findings section of a Markdown cell
    assert "Bonded stock (保税区) cannot be returned." in home  # findings printed by a code cell
    assert 'href="00_demo.html"' in home and 'href="01_bonded.html"' in home
    thumbs = re.findall(r'<div class="nb-card-thumb[^"]*">\s*<a[^>]*>\s*<img alt="[^"]*" src="([^"]+)"', home)
    assert len(thumbs) == 1  # the second notebook has no chart
    with Image.open(demo_site / thumbs[0]) as im:
        assert im.convert("RGB").getpixel((5, 5)) == (0, 114, 178)  # the key-chart cell, not the first chart


def test_notebook_page_renders_the_stored_outputs_with_site_tags(demo_site):
    page = _page(demo_site, "00_demo.html")
    assert "<title>00 · Demo growth of 双十一 sales" in page
    assert re.search(r'class="cell tag_parameters tag_hide-input[^"]*"', page)
    assert re.search(r'<details class="[^"]*\bhide above-input">', page)  # collapsed, one click to open
    assert "secret = 42" not in page and "only the output of a removed-input cell" in page
    assert re.search(r"<figcaption>\s*<p><span class=\"caption-text\">Figure 1\. Chart", page), page[
        page.index("<figcaption") :
    ][:300]
    assert 'href="_downloads/' in page and "00_demo_chart.svg" in page
    assert 'href="_sources/00_demo.ipynb" download' in page and 'href="data/sales/gmv.csv" download' in page
    assert "Arrow <em>et al.</em>, 1951" in page  # author-year citation
    assert r"\frac{p-c}{p-s}" in page and 'src="_static/mathjax/tex-svg-full.js' in page
    footer = page[page.index('class="prev-next-area"') :]
    assert 'href="index.html"' in footer and 'href="01_bonded.html"' in footer  # previous / next


def test_downloads_are_the_stored_files(demo_site, demo_repo):
    assert (demo_site / "_sources" / "00_demo.ipynb").read_bytes() == (
        demo_repo / "notebooks" / "00_demo.ipynb"
    ).read_bytes()
    assert (demo_site / "data" / "sales" / "gmv.csv").read_bytes() == (
        demo_repo / "data" / "sales" / "gmv.csv"
    ).read_bytes()
    assert (demo_site / "references.bib").read_bytes() == (demo_repo / "references.bib").read_bytes()
    data_page = _page(demo_site, "data.html")
    assert 'href="data/sales/gmv.csv" download' in data_page and 'href="data/README.html"' in data_page


def test_bibliography_page_lists_the_collection_bibliography(demo_site):
    refs = _page(demo_site, "references.html")
    assert "Optimal inventory policy" in refs and "10.2307/1906813" in refs


def test_no_page_fetches_from_another_host(demo_site):
    for html in demo_site.rglob("*.html"):
        if "_static" in html.parts:
            continue
        text = html.read_text(encoding="utf-8")
        assert not _EXTERNAL_FETCH.search(text), f"{html.name} loads {_EXTERNAL_FETCH.search(text).group(0)}"
    for css in (demo_site / "_static").rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"url\(\s*[\"']?(?:https?:)?//", text), css.name
        assert "fonts.googleapis" not in text
    font_css = (demo_site / "_static" / "site-cjk-font.css").read_text()
    assert font_css.startswith('@font-face {font-family: "Site CJK"') and "data:font/woff;base64," in font_css


def test_search_index_holds_chinese_and_english_terms(demo_site):
    index = (demo_site / "searchindex.js").read_text(encoding="utf-8")
    assert '"\\u4fdd\\u7a0e\\u533a"' in index or '"保税区"' in index  # 保税区, a word of the lexicon
    assert '"newsvendor"' in index
    assert (
        "ChineseStemmer"
        not in (demo_site / "_static" / "language_data.js").read_text(encoding="utf-8").split("window.Stemmer")[-1]
    )


def test_unchanged_inputs_make_a_no_op(demo_site, demo_repo):
    from helpers.site import STAMP, build_site

    before = (demo_site / STAMP).stat().st_mtime_ns
    start = time.perf_counter()
    build_site(None, demo_site, repo_root=demo_repo, api=False, quiet=True)
    assert time.perf_counter() - start < 5
    assert (demo_site / STAMP).stat().st_mtime_ns == before


def test_a_missing_bibliography_and_a_rebuild(tmp_path, capsys, make_demo):
    from helpers.site import build_site

    repo = make_demo(tmp_path / "repo", bib=False)
    site = build_site(None, tmp_path / "site", repo_root=repo, api=False)
    err = capsys.readouterr().err
    assert "2 notebooks ->" in err
    refs = _page(site, "references.html")
    assert "is not in the repository yet" in refs
    assert not (site / "references.bib").exists()
    nb = repo / "notebooks" / "01_bonded.ipynb"
    nb.write_text(
        nb.read_text(encoding="utf-8").replace("Why can cross-border", "Why could cross-border"), encoding="utf-8"
    )
    build_site(None, site, repo_root=repo, api=False, quiet=True)
    assert "Why could cross-border" in _page(site, "index.html")
    with pytest.raises(ParameterError, match="refusing to replace"):
        build_site(None, repo / "data", repo_root=repo, api=False, quiet=True)


def test_demo_site_builds_without_warnings(tmp_path, demo_repo, capsys):
    from helpers.site import build_site

    build_site(None, tmp_path / "site", repo_root=demo_repo, api=False, force=True)
    err = capsys.readouterr().err
    assert "WARNING" not in err and ", 0 warning lines" in err, err
