"""helpers.bibliography: references.bib parses, every cited key exists, citations read right, bad input is named."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from helpers import bibliography
from helpers.errors import DataError, ParameterError

ROOT = Path(__file__).resolve().parents[1]

#: Works the issue asks the bibliography to hold (notebooks, helpers' References, data sources, rules).
REQUIRED = (
    "sun2015jumei",
    "wang2004consignment",
    "abhishek2016agency",
    "hagiu2015marketplace",
    "petruzzi1999pricing",
    "arrow1951optimal",
    "snyder2019fundamentals",
    "caro2007dynamic",
    "diebold1995comparing",
    "hyndman2021forecasting",
    "deng1982control",
    "liu2018gm",
    "shapley1953value",
    "okabe2008color",
    "vlachos2003return",
    "tashman2000out",
    "hyndman2006another",
    "yao2019fabricated",
    "zheng2019alibaba",
    "caishui2006no33",
    "caishui2016no103",
    "caiguanshui2016no18",
    "caiguanshui2018no49",
    "shangcaifa2018no486",
    "gac2010no43",
    "gac2018no194",
    "gac2020no45",
    "shuiweihui2016no2",
    "shuiweihui2019no17",
    "tianchi2015ijcai",
)


def write(tmp_path: Path, text: str, name: str = "refs.bib") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """@article{doe2020x,
  author = {Doe, Jane and Roe, Richard},
  title = {A Title},
  journal = {A Journal},
  year = {2020},
  volume = {1}, number = {2}, pages = {3--4},
  doi = {10.1000/xyz}
}
"""


def test_shipped_bibliography_loads_and_holds_the_required_works():
    bib = bibliography.load()
    missing = [k for k in REQUIRED if k not in bib.entries]
    assert not missing, missing
    assert len(bib.entries) >= len(REQUIRED)


def test_every_entry_has_a_doi_or_url_or_says_unverified():
    bib = bibliography.load()
    for key, entry in bib.entries.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", key), key
        fields = entry.fields
        assert fields.get("doi") or fields.get("url") or "unverified" in fields.get("note", ""), key
        if "doi" in fields:
            assert re.fullmatch(r"10\.\d{4,9}/\S+", fields["doi"]), key
        if "url" in fields:
            assert re.fullmatch(r"https?://[^/\s]+/\S*", fields["url"]), f"{key}: not a specific page: {fields['url']}"


def test_file_is_utf8_and_keeps_chinese_text():
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    assert "关于调整化妆品消费税政策的通知" in text
    assert "高档" not in bibliography.cite("caishui2016no103")  # the in-text form names the issuer


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("wang2004consignment", "Wang, Jiang & Shen (2004)"),
        ("arrow1951optimal", "Arrow, Harris & Marschak (1951)"),
        ("petruzzi1999pricing", "Petruzzi & Dada (1999)"),
        ("abhishek2016agency", "Abhishek, Jerath & Zhang (2016)"),
        ("hagiu2015marketplace", "Hagiu & Wright (2015)"),
        ("caro2007dynamic", "Caro & Gallien (2007)"),
        ("shapley1953value", "Shapley (1953)"),
        ("gac2020no45", "General Administration of Customs (2020)"),
        ("rcore_lm", "R Core Team (n.d.)"),
    ],
)
def test_cite_author_year(key, expected):
    assert bibliography.cite(key) == expected


def test_cite_four_or_more_authors_is_et_al(tmp_path):
    path = write(tmp_path, GOOD.replace("Doe, Jane and Roe, Richard", "Doe, J. and Roe, R. and Poe, E. and Moe, M."))
    assert bibliography.cite("doe2020x", bibliography.load(path)) == "Doe et al. (2020)"


def test_references_markdown_lists_sorted_entries_with_links():
    md = bibliography.references_markdown(
        [
            "wang2004consignment",
            "arrow1951optimal",
            "wang2004consignment",
            "yao2019fabricated",
            "meade1998technological",
        ]
    )
    lines = md.splitlines()
    assert lines[0] == "## References" and lines[1] == ""
    items = lines[2:]
    assert len(items) == 4 and all(line.startswith("- ") for line in items)
    assert items[0].startswith("- Arrow, K. J., Harris, T. & Marschak, J. (1951). Optimal Inventory Policy.")
    assert "[doi:10.2307/1906813](https://doi.org/10.2307/1906813)" in items[0]
    assert items[1].startswith("- Meade, N. & Islam, T. (1998).") and items[1].endswith("(unverified)")
    assert items[2].startswith("- Wang, Y., Jiang, L. & Shen, Z.-J. (2004).")
    assert "<https://www.yulingyao.com/blog/2019/alibaba/>" in items[3]
    assert bibliography.references_markdown(["arrow1951optimal"], heading="Sources", level=3).startswith(
        "### Sources\n"
    )


def test_unknown_keys_are_named():
    with pytest.raises(ParameterError, match="unknown citation key 'nosuch2020'"):
        bibliography.cite("nosuch2020")
    with pytest.raises(ParameterError, match=r"unknown citation key\(s\) 'a1', 'b2'"):
        bibliography.references_markdown(["arrow1951optimal", "a1", "b2"])
    with pytest.raises(ParameterError, match="no citation keys"):
        bibliography.references_markdown([])
    with pytest.raises(ParameterError, match="list of citation keys"):
        bibliography.references_markdown("arrow1951optimal")
    with pytest.raises(ParameterError, match="heading level"):
        bibliography.references_markdown(["arrow1951optimal"], level=7)


def test_bad_files_raise_data_error(tmp_path):
    with pytest.raises(DataError, match="file not found"):
        bibliography.load(tmp_path / "none.bib")
    bad = tmp_path / "gbk.bib"
    bad.write_bytes(GOOD.replace("A Title", "标题").encode("gbk"))
    with pytest.raises(DataError, match="line 3: not UTF-8"):
        bibliography.load(bad)
    path = write(tmp_path, GOOD.replace("year = {2020},", "year = {2020}"), "syntax.bib")
    with pytest.raises(DataError, match="BibTeX syntax error") as info:
        bibliography.load(path)
    assert info.value.line is not None
    path = write(tmp_path, GOOD + "\n" + GOOD, "dup.bib")
    with pytest.raises(DataError, match="doe2020x"):
        bibliography.load(path)
    path = write(tmp_path, GOOD.replace("  doi = {10.1000/xyz}\n", "  note = {checked}\n"), "nolink.bib")
    with pytest.raises(DataError, match=r"nolink.bib, line 1, column 'url': entry 'doe2020x' needs a doi or url"):
        bibliography.load(path)
    path = write(tmp_path, GOOD.replace("  doi = {10.1000/xyz}\n", "  note = {unverified: no URL}\n"), "unver.bib")
    assert "(unverified)" in bibliography.references_markdown(["doe2020x"], bibliography.load(path))
    path = write(tmp_path, GOOD.replace("  year = {2020},\n", ""), "noyear.bib")
    with pytest.raises(DataError, match="column 'year': entry 'doe2020x' has no year"):
        bibliography.load(path)


# --- every key a notebook cites exists -------------------------------------------------------------------

_CITE = re.compile(r"""\bcite\(\s*(['"])([^'"]+)\1""")


def _keys_in_source(source: str) -> set[str]:
    """Keys in ``cite("k")`` calls and in the literal list given to ``references_markdown([...])``."""
    keys = {m.group(2) for m in _CITE.finditer(source)}
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics: fall back to the regular expression alone
        return keys
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "references_markdown" and node.args and isinstance(node.args[0], (ast.List, ast.Tuple)):
                keys |= {e.value for e in node.args[0].elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            if name == "cite" and node.args and isinstance(node.args[0], ast.Constant):
                keys.add(node.args[0].value)
    return keys


def _notebook_keys() -> dict[str, set[str]]:
    found = {}
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        found[nb.name] = _keys_in_source(source)
    return found


def test_key_finder_reads_both_forms():
    src = 'x = cite("wang2004consignment")\nprint(bibliography.references_markdown(["a1", \'b2\']))\n%matplotlib inline'
    assert _keys_in_source(src) == {"wang2004consignment"}  # the magic line stops ast: regex only
    assert _keys_in_source(src.rsplit("\n", 1)[0]) == {"wang2004consignment", "a1", "b2"}


def test_every_key_cited_in_a_notebook_exists():
    # passes while no notebook cites yet; fails naming the notebook and key once one cites a missing work
    bib = bibliography.load()
    missing = {nb: sorted(k for k in keys if k not in bib.entries) for nb, keys in _notebook_keys().items()}
    missing = {nb: keys for nb, keys in missing.items() if keys}
    assert not missing, f"keys cited but not in references.bib: {missing}"
