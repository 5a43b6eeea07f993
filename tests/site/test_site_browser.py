"""The reading site in a real browser: build it, open every page in headless Chromium, check what a reader sees.

Chromium is Debian's (``apt-get install chromium``), driven through the PyPI package
``playwright`` with ``executable_path``: playwright never downloads a browser of its
own here, and it reports console messages, page errors, failed requests and every
request made, which is what these checks need (selenium would need a matching
chromedriver and its log API for the same). The test skips, saying why, only when
playwright or a Chromium binary is missing.

Two sites are checked: the collection's own (``site/`` at the repository root,
or ``$HELPERS_SITE_DIR``), built with the API reference, and the demo collection
of ``conftest.py``, which has math, a citation and findings whatever the notebooks
hold today. Screenshots of the home page and one notebook page go to
``site/screenshots/``.

Run only these: ``pytest -m browser tests/site``; leave them out: ``-m "not browser"``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("site_deps")]

#: Flags for Chromium as root in a container, with nothing phoning home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _chromium() -> str:
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.skip("no Chromium to run the browser test: apt-get install chromium (or set CHROMIUM=/path/to/chrome)")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """A Chromium context with a fresh profile, 1280x900, light colour scheme."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason='the browser test drives Chromium with playwright: pip install -e ".[site]"'
    )
    executable = _chromium()
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
            color_scheme="light",
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="module")
def real_site(site_deps: None) -> Path:
    """The collection's own site, built (or found unchanged) where ``make run`` puts it."""
    from helpers import paths
    from helpers.site import build_site

    out = Path(os.environ.get("HELPERS_SITE_DIR", paths.ROOT / "site"))
    return build_site(None, out, quiet=True)


class Visit:
    """Everything that went wrong while one page loaded."""

    def __init__(self, context, site: Path, page_name: str) -> None:
        self.page = context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed request: {r.url} ({r.failure})"))
        self.page.on("request", self._request)
        self.page.goto(f"file://{site}/{page_name}", wait_until="load")

    def _request(self, request) -> None:
        if not request.url.startswith(("file://", "data:", "blob:", "about:")):
            self.problems.append(f"request to another host: {request.url}")

    def close(self) -> None:
        self.page.close()


def _pages(site: Path) -> list[str]:
    """Every page Sphinx wrote (from the search index), plus the index pages."""
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return [f"{name}.html" for name in index["docnames"]] + ["genindex.html", "search.html"]


def _titles(site: Path) -> dict[str, str]:
    """Notebook page -> the notebook's title (as the browser shows it: Markdown marks dropped)."""
    from helpers.site.notebooks import read_notebook, title_and_question

    stamp = json.loads((site / ".site-stamp.json").read_text())
    titles = {}
    for name in stamp["notebooks"]:
        title, _ = title_and_question(read_notebook(site / "_sources" / name))
        titles[f"{Path(name).stem}.html"] = re.sub(r"\*\*|`", "", title)
    return titles


_IMAGES_LOADED = """async () => {
  const imgs = [...document.images];
  for (const img of imgs) { if (!img.complete) { img.scrollIntoView(); } }
  await Promise.all(imgs.map(img => img.complete ? null : new Promise(r => { img.onload = img.onerror = r; })));
  return imgs.filter(img => !(img.naturalWidth > 0)).map(img => img.getAttribute('src'));
}"""

_MATH = """async () => {
  const nodes = [...document.querySelectorAll('.math')];
  if (!nodes.length) return {count: 0, untypeset: [], errors: 0};
  for (let i = 0; i < 100 && !(window.MathJax && MathJax.startup && MathJax.startup.promise); i++) {
    await new Promise(r => setTimeout(r, 100));
  }
  await MathJax.startup.promise;
  return {
    count: nodes.length,
    untypeset: nodes.filter(n => !n.querySelector('mjx-container')).map(n => n.textContent.slice(0, 60)),
    errors: document.querySelectorAll('mjx-merror, [data-mjx-error]').length,
  };
}"""

_CJK_FONT = """async () => {
  await document.fonts.ready;
  return [...document.fonts].filter(f => f.family.replace(/["']/g, '') === 'Site CJK').map(f => f.status);
}"""

_TABLES_FIT = """() => {
  const article = document.querySelector('article.bd-article');
  if (!article) return [];
  const right = article.getBoundingClientRect().right + 1;
  return [...article.querySelectorAll('table')]
    .filter(t => t.getBoundingClientRect().right > right && t.offsetParent !== null)
    .map(t => t.textContent.trim().slice(0, 60));
}"""

_NAV_LINKS = """() => [...document.querySelectorAll('nav.bd-links a')].map(a => a.href)"""


def _check_site(context, site: Path, *, expect_math: bool) -> dict[str, int]:
    titles = _titles(site)
    pages = _pages(site)
    assert set(titles) <= set(pages)
    failures: list[str] = []
    math_pages = 0
    for name in pages:
        visit = Visit(context, site, name)
        page = visit.page
        where = f"{site.name}/{name}"
        broken = page.evaluate(_IMAGES_LOADED)
        failures += [f"{where}: image not loaded: {src}" for src in broken]
        math = page.evaluate(_MATH)
        if math["count"]:
            math_pages += 1
            if math["untypeset"] or math["errors"]:
                failures.append(f"{where}: math not typeset: {math}")
        text = page.inner_text("body")
        if not _CJK.search(text):
            failures.append(f"{where}: no Chinese characters in the text")
        elif "loaded" not in page.evaluate(_CJK_FONT):
            failures.append(f"{where}: the shipped CJK font did not load")
        failures += [f"{where}: table cut off at the page edge: {t!r}" for t in page.evaluate(_TABLES_FIT)]
        nav = {Path(h.split("#")[0]).name for h in page.evaluate(_NAV_LINKS)}
        missing = set(titles) - nav - {name}
        if missing:
            failures.append(f"{where}: navigation lacks {sorted(missing)}")
        if name in titles:
            if not page.title().startswith(titles[name]):
                failures.append(f"{where}: title {page.title()!r} is not the notebook's {titles[name]!r}")
            params = page.locator("div.cell.tag_parameters")
            if params.count() and params.first.locator("details:not([open])").count() == 0:
                failures.append(f"{where}: the parameters cell is not collapsed")
        failures += [f"{where}: {p}" for p in visit.problems]
        visit.close()
    assert not failures, "\n".join(failures)
    if expect_math:
        assert math_pages > 0, "no page of the demo site has math"
    return {"pages": len(pages), "math_pages": math_pages}


def _search(context, site: Path, term: str) -> int:
    visit = Visit(context, site, f"search.html?q={term}")
    page = visit.page
    page.wait_for_function(
        "() => /Search finished|found/.test((document.querySelector('#search-results') || {}).innerText || '')",
        timeout=30_000,
    )
    hits = page.locator("#search-results ul.search li").count()
    problems = visit.problems
    visit.close()
    assert not problems, problems
    return hits


def test_demo_site_in_the_browser(browser, demo_site):
    result = _check_site(browser, demo_site, expect_math=True)
    assert result["pages"] >= 7
    assert _search(browser, demo_site, "保税区") >= 1
    assert _search(browser, demo_site, "newsvendor") >= 1


def test_collection_site_in_the_browser(browser, real_site):
    result = _check_site(browser, real_site, expect_math=False)
    assert result["pages"] > 10
    assert _search(browser, real_site, "双十一") >= 3
    assert _search(browser, real_site, "consignment") >= 1


def test_screenshots_of_the_home_page_and_a_notebook(browser, real_site):
    shots = real_site / "screenshots"
    shots.mkdir(exist_ok=True)
    titles = _titles(real_site)
    notebook = next((n for n in titles if n.startswith("02_")), sorted(titles)[0])
    for name, out, full in (("index.html", "home.png", True), (notebook, "notebook.png", False)):
        visit = Visit(browser, real_site, name)
        visit.page.evaluate(_MATH)
        visit.page.evaluate(_CJK_FONT)
        visit.page.screenshot(path=str(shots / out), full_page=full)
        visit.close()
        assert (shots / out).stat().st_size > 20_000
