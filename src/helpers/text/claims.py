"""An article's quantitative claims, a cross-check of its GMV claim, and which notebook models each argument.

A claim is a number in the text (from :func:`helpers.text.numbers.scan`) that states an
amount: dates, ordinals, labels such as 三四线 and small exact counts used as
enumerations (两个问题, 一个印象) are left out. Each claim gets the clause it sits in and
a topic, read from the clause with the keyword list ``data/lexicon/claim_topics.csv``.
:func:`cross_check_gmv` compares GMV claims with a sales table; :func:`claim_coverage`
links the article's arguments to the notebooks that model them
(``data/articles/claim_notebooks.csv``, this project's mapping).
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from helpers import paths
from helpers.errors import ParameterError
from helpers.text.numbers import NEAR_LOW, reading, scan
from helpers.text.sentences import SentenceIndex, clause_at

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "CHECK_COLUMNS",
    "CHECK_STATUSES",
    "check_table",
    "CLAIM_COLUMNS",
    "COVERAGE_COLUMNS",
    "DEFAULT_LINKS",
    "DEFAULT_TOPICS",
    "LABEL_UNITS",
    "claim_coverage",
    "claims_table",
    "cross_check_gmv",
    "load_claim_links",
    "load_sales_table",
    "load_claim_topics",
    "platform_name",
]

#: Keyword list that assigns a topic to a claim.
DEFAULT_TOPICS = "data/lexicon/claim_topics.csv"
#: Which notebook models which of the article's arguments (this project's mapping).
DEFAULT_LINKS = "data/articles/claim_notebooks.csv"
#: Units that label a category rather than count something (三四线城市).
LABEL_UNITS = ("线",)
#: Columns of :func:`claims_table`.
CLAIM_COLUMNS = (
    "claim", "topic", "description", "span", "value", "low", "high", "qualifier", "unit", "kind",
    "reading", "precision", "clause", "sentence", "start", "end",
)  # fmt: skip
#: Columns of :func:`cross_check_gmv`.
CHECK_COLUMNS = (
    "span", "claim_yuan", "dataset_yuan", "difference_yuan", "relative_difference", "tolerance_yuan",
    "status", "consistent", "verdict", "dataset_source", "dataset_confidence",
)  # fmt: skip
#: Outcomes of a cross-check: the data agree, differ, or could not check the claim.
CHECK_STATUSES = ("agrees", "differs", "not checked")
#: Columns of :func:`claim_coverage`.
COVERAGE_COLUMNS = ("argument", "notebook", "status", "sentences", "claims", "note")


def platform_name(platform: str) -> str:
    """A platform code as prose shows it, from ``data/sales/platforms.csv``: ``"jd"`` -> ``"JD.com"``.

    The names come from :func:`helpers.sales.platform_name`. A code that is not in that
    table (a user's own series) is shown as written, in quotes, so that an identifier
    never passes for a name.

    Examples
    --------
    >>> platform_name("jd"), platform_name("kaola")
    ('JD.com', "platform 'kaola'")
    """
    from helpers import sales

    return sales.platform_name(platform) if platform in sales.load_platforms().index else f"platform {platform!r}"


def load_claim_topics(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The topic keyword list (rows tried in file order; first match wins).

    Parameters
    ----------
    path : str or PathLike, optional
        CSV with columns ``topic, keyword, description, source, source_url, note``;
        default :data:`DEFAULT_TOPICS`.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    DataError
        Missing file or column, not UTF-8, a malformed row, or an empty
        topic/keyword/source (names file, line, column).

    Examples
    --------
    >>> load_claim_topics()["topic"].iloc[0]
    'gmv'
    """
    from helpers.tables import read_csv

    return read_csv(
        paths.resolve(path or DEFAULT_TOPICS),
        required=("topic", "keyword", "description", "source"),
        nonempty=("topic", "keyword", "source"),
        what="claim topic list",
    )


def claims_table(
    text: str, topics: pd.DataFrame | None = None, min_exact: float = 10, near_low: float = NEAR_LOW
) -> pd.DataFrame:
    """The quantitative claims of a text, with their clause, sentence, topic and reading.

    Parameters
    ----------
    text : str
        Chinese text.
    topics : pandas.DataFrame, optional
        From :func:`load_claim_topics` (default list if omitted).
    min_exact : float
        Exact counts below this are taken as enumerations, not claims
        (两种企业, 一个印象); default 10. Hedged and approximate numbers
        (近10次, 1年多) are kept whatever their size.
    near_low : float
        Lower bound of "nearly N" as a share of N (:mod:`helpers.text.numbers`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CLAIM_COLUMNS`; ``claim`` numbers them from 1 in text order,
        ``topic`` is ``"other"`` when no keyword matches, ``reading`` says what the
        number allows in words (:func:`helpers.text.numbers.reading`), ``precision``
        is the place value of the last written digit (912亿 -> 1e8).

    Examples
    --------
    >>> c = claims_table("两个问题。但在双十一最终的912亿销售额中，依然是中国品牌主挑大梁。")
    >>> c[["topic", "span", "value", "reading"]].values.tolist()
    [['gmv', '912亿', 91200000000.0, '91.2 billion']]
    """
    import pandas as pd

    tops = load_claim_topics() if topics is None else topics
    rules = [(r.keyword.lower(), r.topic, r.description) for r in tops.itertuples(index=False)]
    idx = SentenceIndex(text)
    rows = []
    for n in scan(text, near_low):
        if n.kind not in ("quantity", "share") or n.unit in LABEL_UNITS:
            continue
        if n.kind == "quantity" and n.qualifier == "exact" and n.value < min_exact:
            continue
        clause = clause_at(text, n.start, n.end)
        low_clause = clause.lower()
        topic, desc = "other", ""
        for kw, t, d in rules:
            if kw in low_clause:
                topic, desc = t, d
                break
        rows.append(
            (topic, desc, n.span, n.value, n.low, n.high, n.qualifier, n.unit, n.kind,
             reading(n.value, n.low, n.high, n.qualifier, n.unit, n.kind), n.precision, clause,
             idx.sentence_at(n.start), n.start, n.end)
        )  # fmt: skip
    frame = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS[1:]))
    frame.insert(0, "claim", range(1, len(frame) + 1))
    return frame.astype(
        {
            "start": "int64",
            "end": "int64",
            "claim": "int64",
            "value": "float64",
            "low": "float64",
            "high": "float64",
            "precision": "float64",
        }
    )


def cross_check_gmv(claims: pd.DataFrame, gmv: pd.DataFrame, year: int, platform: str = "alibaba") -> pd.DataFrame:
    """Compare each GMV claim with the sales table's figure for that platform and year.

    A claim agrees with the data when the data's figure rounds to it:
    ``|dataset - claim| <= precision / 2`` (912亿 is written to the nearest 1亿, so any
    figure within 0.5亿 of 912亿 agrees with it). A claim the table has no figure
    for (no row for the platform and year, or a row without a value) is **not
    checked**, never reported as a disagreement.

    Parameters
    ----------
    claims : pandas.DataFrame
        From :func:`claims_table`; rows with ``topic == "gmv"`` are checked.
    gmv : pandas.DataFrame
        Sales data with columns ``platform``, ``year`` (int) and ``value_yuan``
        (yuan; rows without a figure, NaN, are skipped), e.g. from
        ``helpers.sales.load_gmv``; ``source`` is carried over when present.
    year : int
        The year the article's GMV figure refers to (e.g. the article's year).
    platform : str
        Platform code in ``gmv`` (default ``"alibaba"``); prose uses :func:`platform_name`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CHECK_COLUMNS`, one row per GMV claim: ``claim_yuan``,
        ``dataset_yuan``, ``difference_yuan`` (dataset - claim), ``relative_difference``
        (of the claim), ``tolerance_yuan``, ``status`` (one of :data:`CHECK_STATUSES`),
        ``consistent`` (True / False, or None when not checked), ``verdict`` (a
        sentence), ``dataset_source`` and ``dataset_confidence`` (the sales row's
        ``confidence``, e.g. ``"unverified"`` for a plain ``year,value`` file; "" if absent).

    Raises
    ------
    ParameterError
        If ``gmv`` lacks a needed column or ``claims`` lacks one.

    Examples
    --------
    >>> import pandas as pd
    >>> c = claims_table("在双十一最终的912亿销售额中")
    >>> g = pd.DataFrame({"platform": ["alibaba"], "year": [2015], "value_yuan": [912.17e8]})
    >>> cross_check_gmv(c, g, 2015)[["claim_yuan", "dataset_yuan", "status"]].values.tolist()
    [[91200000000.0, 91217000000.0, 'agrees']]
    >>> cross_check_gmv(c, g.assign(platform="jd"), 2015)["verdict"].item()
    'not checked: no data for Alibaba (Tmall + Taobao) in 2015'
    """
    import pandas as pd

    for col in ("platform", "year", "value_yuan"):
        if col not in gmv.columns:
            raise ParameterError(f"the GMV table needs a column {col!r} (has {', '.join(map(str, gmv.columns))})")
    for col in ("topic", "span", "value", "unit", "precision"):
        if col not in claims.columns:
            raise ParameterError(f"the claims table needs a column {col!r}; build it with claims_table()")
    name = platform_name(platform)
    values = pd.to_numeric(gmv["value_yuan"], errors="coerce")
    match = gmv[(gmv["platform"] == platform) & (gmv["year"] == int(year)) & values.notna()]
    rows = []
    for c in claims[claims["topic"] == "gmv"].itertuples(index=False):
        base = {"span": c.span, "claim_yuan": float(c.value), "status": "not checked", "consistent": None}
        if c.unit not in ("", "元"):
            rows.append({**base, "verdict": f"not checked: the figure is not in yuan (unit {c.unit!r})"})
            continue
        if match.empty:
            rows.append({**base, "verdict": f"not checked: no data for {name} in {int(year)}"})
            continue
        ref = float(match["value_yuan"].iloc[0])
        diff = ref - float(c.value)
        tol = float(c.precision) / 2 if math.isfinite(c.precision) else 0.0
        ok = abs(diff) <= tol
        verdict = (
            f"agrees: the data's {ref / 1e8:,.2f}亿 for {name} in {int(year)} rounds to the article's {c.span}"
            if ok
            else f"differs: the data have {ref / 1e8:,.2f}亿 for {name} in {int(year)}, "
            f"{diff / 1e8:+,.2f}亿 from the article's {c.span}"
        )
        rows.append(
            {
                **base,
                "dataset_yuan": ref,
                "difference_yuan": diff,
                "relative_difference": diff / float(c.value),
                "tolerance_yuan": tol,
                "status": "agrees" if ok else "differs",
                "consistent": ok,
                "verdict": verdict,
                "dataset_source": str(match["source"].iloc[0]) if "source" in match.columns else "",
                "dataset_confidence": str(match["confidence"].iloc[0]) if "confidence" in match.columns else "",
            }
        )
    out = pd.DataFrame(rows, columns=list(CHECK_COLUMNS))
    return out.astype({c: "float64" for c in CHECK_COLUMNS[1:6]}).astype({"consistent": "object"})


def check_table(check: pd.DataFrame) -> pd.DataFrame:
    """A GMV cross-check as notebook 01 shows it: amounts in 亿元 to 0.01, columns in words.

    Parameters
    ----------
    check : pandas.DataFrame
        Output of :func:`cross_check_gmv`.

    Returns
    -------
    pandas.DataFrame
        Text columns: as written, claim, data, data − claim, rounding tolerance (亿元), status,
        the data's source and confidence; "—" where the claim was not checked.

    Examples
    --------
    >>> import pandas as pd
    >>> c = claims_table("在双十一最终的912亿销售额中")
    >>> g = pd.DataFrame({"platform": ["alibaba"], "year": [2015], "value_yuan": [912.17e8]})
    >>> check_table(cross_check_gmv(c, g, 2015)).iloc[0, :5].tolist()
    ['912亿', '912.00', '912.17', '+0.17', '0.50']
    """
    import pandas as pd

    from helpers import prose

    def yi(v: float, signed: bool = False) -> str:
        return prose.num(v / 1e8, 2, signed=signed) if pd.notna(v) else "—"

    return pd.DataFrame(
        {
            "as written": check["span"],
            "claim (亿元)": [yi(v) for v in check["claim_yuan"]],
            "data (亿元)": [yi(v) for v in check["dataset_yuan"]],
            "data − claim (亿元)": [yi(v, signed=True) for v in check["difference_yuan"]],
            "rounding tolerance (亿元)": [yi(v) for v in check["tolerance_yuan"]],
            "status": check["status"],
            "source of the data": check["dataset_source"].fillna("—"),
            "confidence": check["dataset_confidence"].fillna("—"),
        }
    )


def load_sales_table(path: str | os.PathLike[str], platform: str, unit: str | None = None) -> tuple[pd.DataFrame, str]:
    """The sales table the GMV claim is checked against: the full schema, or a plain ``year,value`` file.

    A full-schema file (``data/README.md``) is read whole by :func:`helpers.sales.load_gmv`,
    so a platform it lacks leaves the claim "not checked". A plain file (``year`` and one
    value column such as ``value`` or ``gmv_100m_yuan``, optionally ``platform``) is read
    with ``unit``; without a ``platform`` column its series is taken to be ``platform``'s.

    Parameters
    ----------
    path : str or PathLike
        The CSV file (relative paths from the repository root).
    platform : str
        Platform code of the article's GMV figure (names a plain file's series).
    unit : str, optional
        Unit of a plain file's value column (``"亿元"``, ``"yuan"``...); None when the column
        name says it. Refused for a full-schema file, which has a ``unit`` column.

    Returns
    -------
    (table, note) : (pandas.DataFrame, str)
        The table of :func:`helpers.sales.load_gmv`, and for a plain file one sentence
        stating the defaults filled in ("" for a full-schema file).

    Raises
    ------
    DataError
        As :func:`helpers.sales.load_gmv` (file, line and column named).

    Examples
    --------
    >>> table, note = load_sales_table("data/sales/gmv.csv", "alibaba")
    >>> note, sorted(table["platform"].unique())
    ('', ['alibaba', 'industry_syntun', 'jd'])
    """
    from helpers import prose, sales

    table, filled = sales.load_gmv_file(path, platform, unit)
    if filled is None:
        return table, ""
    note = prose.say(
        "The sales file is a plain year,value table, so the loader filled in the rest with stated defaults: "
        "values in {unit} (from {where}), no sales window, confidence '{conf}', source '{src}'. It can check "
        "the claim's amount, not the window or the source behind it.",
        unit=filled["unit"],
        where=filled["unit_from"],
        conf=filled["confidence"],
        src=filled["source"],
    )
    return table, note


def load_claim_links(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The article's arguments and the notebook that models each (this project's mapping).

    Parameters
    ----------
    path : str or PathLike, optional
        CSV with columns ``argument, term, topics, notebook, source, note``: ``term``
        is a word whose sentences make the argument, ``topics`` the claim topics it
        rests on (``;``-separated, may be empty), ``notebook`` the notebook's file
        stem (empty when no notebook models it). Default :data:`DEFAULT_LINKS`.

    Returns
    -------
    pandas.DataFrame
        ``topics`` as a list of str.

    Raises
    ------
    DataError
        Missing file or column, or an empty argument/term/source (file, line, column).

    Examples
    --------
    >>> links = load_claim_links()
    >>> links.loc[links["notebook"] == "06_sku_funnel", "topics"].iloc[0]
    ['sku_kept', 'sku_cut', 'unwanted_share']
    """
    from helpers.tables import read_csv

    p = paths.resolve(path or DEFAULT_LINKS)
    df = read_csv(
        p,
        required=("argument", "term", "topics", "notebook", "source"),
        nonempty=("argument", "term", "source"),
        what="claim-to-notebook table",
    )
    df["topics"] = [[t.strip() for t in cell.split(";") if t.strip()] for cell in df["topics"]]
    return df


def claim_coverage(
    links: pd.DataFrame,
    claims: pd.DataFrame,
    sentences: Sequence[str],
    notebooks_dir: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """Which of the article's arguments a notebook of this build models, and on which claims they rest.

    Parameters
    ----------
    links : pandas.DataFrame
        From :func:`load_claim_links`.
    claims : pandas.DataFrame
        From :func:`claims_table`.
    sentences : sequence of str
        The article's sentences (:func:`helpers.text.sentences.sentences`).
    notebooks_dir : str or PathLike, optional
        Where the notebooks are; default ``notebooks/`` of the repository.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COVERAGE_COLUMNS`: ``status`` is ``"modelled"`` (the notebook is
        in the folder), ``"planned"`` (named but not in this build) or ``"not modelled"``
        (no notebook); ``sentences`` counts the sentences holding ``term``
        (case-insensitive); ``claims`` lists the spans of the claims on its topics.

    Examples
    --------
    >>> import pandas as pd
    >>> links = pd.DataFrame({"argument": ["GMV"], "term": ["销售额"], "topics": [["gmv"]],
    ...                       "notebook": ["02_gmv_growth"], "note": [""]})
    >>> c = claims_table("在双十一最终的912亿销售额中")
    >>> claim_coverage(links, c, ["在双十一最终的912亿销售额中"])[["status", "sentences", "claims"]].values.tolist()
    [['modelled', 1, '912亿']]
    """
    import pandas as pd

    folder = Path(paths.resolve(notebooks_dir)) if notebooks_dir is not None else paths.ROOT / "notebooks"
    low = [s.lower() for s in sentences]
    rows = []
    for r in links.itertuples(index=False):
        nb = str(r.notebook).strip()
        if not nb:
            status = "not modelled"
        else:
            status = "modelled" if (folder / f"{nb}.ipynb").is_file() else "planned"
        spans = claims.loc[claims["topic"].isin(list(r.topics)), "span"]
        rows.append(
            (
                r.argument,
                nb,
                status,
                sum(str(r.term).lower() in s for s in low),
                ", ".join(spans),
                str(getattr(r, "note", "") or ""),
            )
        )
    out = pd.DataFrame(rows, columns=list(COVERAGE_COLUMNS))
    return out.astype({"sentences": "int64"})
