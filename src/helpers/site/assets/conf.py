# Sphinx configuration of the collection's reading site (copied by helpers.site.build_site).
# Everything that depends on the collection is read from site.json beside this file.
# The stack is the Jupyter Book 1 one of the QuantEcon lectures: Sphinx + myst-nb + sphinx-book-theme.
import json
from pathlib import Path

_settings = json.loads((Path(__file__).parent / "site.json").read_text(encoding="utf-8"))

project = _settings["project"]
author = _settings["author"]
copyright = _settings["copyright"]
html_title = _settings["title"]
language = "en"
smartquotes = False  # titles and quotes exactly as the notebooks write them

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinxcontrib.bibtex",
]
exclude_patterns = _settings["exclude_patterns"]
# .rst first: autosummary writes its generated API pages with the first suffix
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
templates_path = ["_templates"]

# notebooks are rendered as stored: never executed here
nb_execution_mode = "off"
nb_merge_streams = True
nb_output_stderr = "remove"
nb_render_markdown_format = "myst"
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "substitution"]
myst_heading_anchors = 3
numfig = False  # figures are numbered per notebook in their captions (helpers.site.notebooks)

# math: MathJax 3 (SVG output, no web fonts) shipped with the site, never a CDN
mathjax_path = "mathjax/tex-svg-full.js"
mathjax3_config = {
    "tex": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]], "processEscapes": True},
    "options": {"processHtmlClass": "tex2jax_process|mathjax_process|math|output_area"},
    "svg": {"fontCache": "global"},
}

# citations from the collection's bibliography (an empty one if the file is absent)
bibtex_bibfiles = [_settings["bibfile"]]
bibtex_reference_style = "author_year"
bibtex_default_style = "plain"
bibtex_encoding = "utf-8"

# API reference from the docstrings (numpy style, examples rendered as doctest blocks)
autosummary_generate = True
autosummary_imported_members = False
autosummary_ignore_module_all = False
autodoc_default_options = {"members": True, "show-inheritance": True}
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_preserve_defaults = True
python_maximum_signature_line_length = 88
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
napoleon_use_ivar = True  # "Attributes" as fields: no second description beside autodoc's members
add_module_names = False

# search: jieba splits Chinese (with the collection's own lexicon), English is stemmed
html_search_language = "zh"
html_search_options = {"dict": _settings["search_dict"]} if _settings["search_dict"] else {}

html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
html_css_files = ["site-cjk-font.css", "site.css"]
html_extra_path = ["_extra"]
html_copy_source = True
html_show_sourcelink = False
html_show_search_summary = False  # summaries are fetched per result, which file:// pages may not do
html_last_updated_fmt = None
html_permalinks_icon = "#"
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "navigation_with_keys": False,
    "toc_title": "On this page",
    "extra_footer": _settings["footer"],
}
html_context = {"default_mode": "light"}
# ref.python: a type named in a docstring ("date") that several classes also name as an attribute;
# bibtex.duplicate_citation: the References page lists every entry, and a notebook may keep its own
# bibliography too (a citation links to the one on its own page first, then to the References page)
suppress_warnings = ["mystnb.unknown_mime_type", "myst.header", "ref.python", "bibtex.duplicate_citation"]
