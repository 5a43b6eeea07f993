"""An article's quantitative claims, and a cross-check of a GMV claim against the sales data.

A claim is a number in the text (from :func:`helpers.numbers_zh.extract_numbers`) that
states an amount: dates, ordinals, labels such as 三四线 and small exact counts used as
enumerations (两个问题, 一个印象) are left out. Each claim gets the clause it sits in and
a topic, read from the clause with the keyword list ``data/lexicon/claim_topics.csv``.
"""

from __future__ import annotations

import math
import os
import re
from typing import TYPE_CHECKING

from helpers import paths
from helpers.errors import DataError, ParameterError
from helpers.numbers_zh import _scan
from helpers.text import SentenceIndex, read_lexicon_csv

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: Keyword list that assigns a topic to a claim.
DEFAULT_TOPICS = "data/lexicon/claim_topics.csv"
#: Units that label a category rather than count something (三四线城市).
LABEL_UNITS = ("线",)
#: Columns of :func:`claims_table`.
CLAIM_COLUMNS = (
    "claim", "topic", "description", "span", "value", "low", "high", "qualifier", "unit",
    "precision", "clause", "sentence", "start", "end",
)  # fmt: skip
_CLAUSE_BREAK = re.compile(r"[，,。；;：:！？!?“”「」、（）()\n]")


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
        Missing file or column, or an empty topic/keyword/source (names file, line, column).

    Examples
    --------
    >>> load_claim_topics()["topic"].iloc[0]
    'gmv'
    """
    return read_lexicon_csv(paths.resolve(path or DEFAULT_TOPICS), required=("topic", "keyword", "description", "source"),
                            nonempty=("topic", "keyword", "source"), what="claim topic list")


def _clause(text: str, start: int, end: int) -> str:
    a = start
    while a > 0 and not _CLAUSE_BREAK.match(text, a - 1):
        a -= 1
    b = end
    while b < len(text) and not _CLAUSE_BREAK.match(text, b):
        b += 1
    return text[a:b].strip()


def claims_table(text: str, topics: pd.DataFrame | None = None, min_exact: float = 10) -> pd.DataFrame:
    """The quantitative claims of a text, with their clause, sentence and topic.

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

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CLAIM_COLUMNS`; ``claim`` numbers them from 1 in text order,
        ``topic`` is ``"other"`` when no keyword matches, ``precision`` is the
        place value of the last written digit (912亿 -> 1e8).

    Examples
    --------
    >>> c = claims_table("两个问题。但在双十一最终的912亿销售额中，依然是中国品牌主挑大梁。")
    >>> c[["topic", "span", "value"]].values.tolist()
    [['gmv', '912亿', 91200000000.0]]
    """
    import pandas as pd

    tops = load_claim_topics() if topics is None else topics
    rules = [(r.keyword.lower(), r.topic, r.description) for r in tops.itertuples(index=False)]
    idx = SentenceIndex(text)
    rows = []
    for n in _scan(text):
        if n.kind not in ("quantity", "share") or n.unit in LABEL_UNITS:
            continue
        if n.kind == "quantity" and n.qualifier == "exact" and n.value < min_exact:
            continue
        clause = _clause(text, n.start, n.end)
        low_clause = clause.lower()
        topic, desc = "other", ""
        for kw, t, d in rules:
            if kw in low_clause:
                topic, desc = t, d
                break
        rows.append(
            (topic, desc, n.span, n.value, n.low, n.high, n.qualifier, n.unit, n.precision, clause,
             idx.sentence_at(n.start), n.start, n.end)
        )  # fmt: skip
    frame = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS[1:]))
    frame.insert(0, "claim", range(1, len(frame) + 1))
    return frame.astype({"start": "int64", "end": "int64", "claim": "int64"})


def cross_check_gmv(
    claims: pd.DataFrame, gmv: pd.DataFrame, year: int, platform: str = "alibaba"
) -> pd.DataFrame:
    """Compare each GMV claim with the sales dataset's figure for that year.

    A claim is consistent with the dataset when the dataset's figure rounds to
    it: ``|dataset - claim| <= precision / 2`` (912亿 is written to the nearest
    1亿, so any figure within 0.5亿 of 912亿 agrees with it).

    Parameters
    ----------
    claims : pandas.DataFrame
        From :func:`claims_table`; rows with ``topic == "gmv"`` are checked.
    gmv : pandas.DataFrame
        Sales data with columns ``platform``, ``year`` (int) and ``value_yuan``
        (yuan; rows without a figure, NaN, are skipped); ``source`` is carried
        over when present.
    year : int
        The year the article's GMV figure refers to (e.g. the article's year).
    platform : str
        Platform in ``gmv`` (default ``"alibaba"``).

    Returns
    -------
    pandas.DataFrame
        One row per GMV claim: ``span``, ``claim_yuan``, ``dataset_yuan``,
        ``difference_yuan`` (dataset - claim), ``relative_difference`` (of the
        claim), ``tolerance_yuan``, ``consistent`` (bool, or None without data),
        ``verdict`` (a sentence), ``dataset_source``.

    Raises
    ------
    ParameterError
        If ``gmv`` lacks a needed column or ``claims`` lacks ``topic``.

    Examples
    --------
    >>> import pandas as pd
    >>> c = claims_table("在双十一最终的912亿销售额中")
    >>> g = pd.DataFrame({"platform": ["alibaba"], "year": [2015], "value_yuan": [912.17e8]})
    >>> cross_check_gmv(c, g, 2015)[["claim_yuan", "dataset_yuan", "consistent"]].values.tolist()
    [[91200000000.0, 91217000000.0, True]]
    """
    import pandas as pd

    for col in ("platform", "year", "value_yuan"):
        if col not in gmv.columns:
            raise ParameterError(f"the GMV table needs a column {col!r} (has {', '.join(map(str, gmv.columns))})")
    for col in ("topic", "span", "value", "unit", "precision"):
        if col not in claims.columns:
            raise ParameterError(f"the claims table needs a column {col!r}; build it with claims_table()")
    values = pd.to_numeric(gmv["value_yuan"], errors="coerce")
    match = gmv[(gmv["platform"] == platform) & (gmv["year"] == int(year)) & values.notna()]
    rows = []
    for c in claims[claims["topic"] == "gmv"].itertuples(index=False):
        base = {"span": c.span, "claim_yuan": float(c.value)}
        if c.unit not in ("", "元"):
            rows.append({**base, "consistent": None, "verdict": f"not in yuan (unit {c.unit!r}): not compared"})
            continue
        if match.empty:
            rows.append({**base, "consistent": None, "verdict": f"the dataset has no {platform} figure for {year}"})
            continue
        ref = float(match["value_yuan"].iloc[0])
        diff = ref - float(c.value)
        tol = float(c.precision) / 2 if math.isfinite(c.precision) else 0.0
        ok = abs(diff) <= tol
        verdict = (
            f"consistent: the dataset's {ref / 1e8:,.2f}亿 rounds to the article's {c.span}"
            if ok
            else f"differs: the dataset has {ref / 1e8:,.2f}亿, {diff / 1e8:+,.2f}亿 from the article's {c.span}"
        )
        rows.append(
            {
                **base,
                "dataset_yuan": ref,
                "difference_yuan": diff,
                "relative_difference": diff / float(c.value),
                "tolerance_yuan": tol,
                "consistent": ok,
                "verdict": verdict,
                "dataset_source": str(match["source"].iloc[0]) if "source" in match.columns else "",
            }
        )
    cols = [
        "span", "claim_yuan", "dataset_yuan", "difference_yuan", "relative_difference",
        "tolerance_yuan", "consistent", "verdict", "dataset_source",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)
