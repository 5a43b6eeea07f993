r"""Keywords of a text: TF-IDF and TextRank over one segmentation, stop words removed.

Candidates are tokens of two or more characters that are not stop words and hold no
digit (:func:`is_candidate`). With :math:`n_w` the count of candidate :math:`w` and
:math:`N = \sum_w n_w`:

* **TF-IDF** (Spärck Jones 1972 for the inverse document frequency, Salton & Buckley
  1988 for the weighting), as jieba computes it:

  .. math:: \mathrm{tfidf}(w) = \frac{n_w}{N}\,\mathrm{idf}(w),

  with jieba's IDF table (:func:`idf_table`; words not in it get the table's median IDF).

* **TextRank** (Mihalcea & Tarau 2004): PageRank on the undirected graph of candidates
  that co-occur within a window of ``window`` tokens, edge weight :math:`w_{ij}` = number
  of co-occurrences, iterated ``iterations`` times from :math:`S = 1/|V|`:

  .. math:: S(V_i) = (1-d) + d \sum_{V_j \in \mathrm{Adj}(V_i)}
            \frac{w_{ji}}{\sum_{V_k \in \mathrm{Adj}(V_j)} w_{jk}}\, S(V_j),

  then scaled as jieba scales it, :math:`(S - m/10) / (M - m/10)` with :math:`m, M` the
  smallest and largest score.

Both reproduce ``jieba.analyse`` on the same tokens (the tests check it) but segment only
once and use the project's stop words.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.errors import ParameterError
from helpers.text.segment import load_stopwords, segment

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["METHODS", "idf_table", "is_candidate", "keywords", "textrank", "tfidf"]

#: Keyword methods of :func:`keywords`.
METHODS = ("tfidf", "textrank")

_NOT_WORD = re.compile(r"^[\W\d_]+$|\d")


@lru_cache(maxsize=2)
def idf_table() -> tuple[dict[str, float], float]:
    """jieba's IDF table and its median (the IDF given to words not in it).

    Returns
    -------
    (dict, float)
        IDF by word, and the median IDF.

    References
    ----------
    jieba 0.42, ``jieba/analyse/idf.txt``.

    Examples
    --------
    >>> idf, median = idf_table()
    >>> round(median, 2), "双十一" in idf  # 双十一 is not in the table: it gets the median
    (11.95, False)
    """
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    assert spec is not None and spec.origin is not None
    idf_path = Path(spec.origin).parent / "analyse" / "idf.txt"
    idf: dict[str, float] = {}
    for line in idf_path.read_text(encoding="utf-8").splitlines():
        word, value = line.strip().split(" ")
        idf[word] = float(value)
    median = sorted(idf.values())[len(idf) // 2]
    return idf, median


def is_candidate(word: str, stopwords: frozenset[str]) -> bool:
    """Whether a token can be a keyword: two or more characters, not a stop word, no digit.

    Examples
    --------
    >>> none = frozenset()
    >>> is_candidate("跨境电商", none), is_candidate("我们", frozenset({"我们"})), is_candidate("10万", none)
    (True, False, False)
    """
    w = word.strip()
    return len(w) >= 2 and w.lower() not in stopwords and not _NOT_WORD.search(w)


def tfidf(tokens: list[str], stopwords: frozenset[str]) -> dict[str, float]:
    """TF-IDF weight of every candidate token (see the module docstring).

    Parameters
    ----------
    tokens : list of str
        Segmented text.
    stopwords : frozenset of str
        Words left out.

    Returns
    -------
    dict
        Weight by word (empty if there is no candidate).

    References
    ----------
    Spärck Jones (1972); Salton & Buckley (1988); jieba.analyse.TFIDF.

    Examples
    --------
    >>> w = tfidf(["跨境电商", "的", "跨境电商", "采销"], frozenset({"的"}))
    >>> sorted(w, key=w.get, reverse=True)
    ['跨境电商', '采销']
    """
    freq = Counter(t for t in tokens if is_candidate(t, stopwords))
    total = sum(freq.values())
    idf, median = idf_table()
    return {w: n * idf.get(w, median) / total for w, n in freq.items()}


def textrank(
    tokens: list[str], stopwords: frozenset[str], window: int = 5, damping: float = 0.85, iterations: int = 10
) -> dict[str, float]:
    """TextRank score of every candidate token that co-occurs with another (module docstring).

    Parameters
    ----------
    tokens : list of str
        Segmented text.
    stopwords : frozenset of str
        Words left out (they still count as positions in the window).
    window : int
        Tokens ``i`` and ``i + k`` co-occur for ``1 <= k < window`` (jieba: 5).
    damping : float
        PageRank damping ``d`` in (0, 1) (jieba: 0.85).
    iterations : int
        Fixed number of sweeps (jieba: 10).

    Returns
    -------
    dict
        Scaled score by word, the best at 1.0.

    References
    ----------
    Mihalcea & Tarau (2004); jieba.analyse.TextRank.

    Examples
    --------
    >>> s = textrank(["跨境电商", "采销", "跨境电商", "保税区"], frozenset())
    >>> max(s, key=s.get)
    '跨境电商'
    """
    import numpy as np

    vocab: dict[str, int] = {}
    ids = np.fromiter(
        (vocab.setdefault(t, len(vocab)) if is_candidate(t, stopwords) else -1 for t in tokens),
        dtype=np.int64,
        count=len(tokens),
    )
    words = list(vocab)
    n = len(words)
    if n == 0:
        return {}
    codes = []
    for k in range(1, window):
        a, b = ids[:-k], ids[k:]
        keep = (a >= 0) & (b >= 0)
        codes.append(a[keep] * n + b[keep])
    pairs, counts = np.unique(np.concatenate(codes), return_counts=True)
    # undirected graph: each co-occurring ordered pair adds an edge both ways (as jieba does)
    graph: dict[int, list[tuple[int, float]]] = {}
    for code, w in zip(pairs.tolist(), counts.tolist(), strict=True):
        s, e = divmod(code, n)
        graph.setdefault(s, []).append((e, float(w)))
        graph.setdefault(e, []).append((s, float(w)))
    if not graph:
        return {}
    out_sum = {v: sum(w for _, w in edges) for v, edges in graph.items()}
    ws = dict.fromkeys(graph, 1.0 / len(graph))
    order = sorted(graph, key=lambda v: words[v])
    for _ in range(iterations):
        for v in order:
            ws[v] = (1 - damping) + damping * sum(w / out_sum[u] * ws[u] for u, w in graph[v])
    lo, hi = min(ws.values()), max(ws.values())
    return {words[v]: (w - lo / 10.0) / (hi - lo / 10.0) for v, w in ws.items()}


def keywords(
    text: str | list[str],
    method: str = "tfidf",
    top_k: int = 20,
    stopwords: frozenset[str] | None = None,
    userdict: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """Keywords of a text by TF-IDF or TextRank, stop words removed.

    Parameters
    ----------
    text : str or list of str
        Text, or tokens from :func:`~helpers.text.segment.segment` (to segment only once).
    method : {"tfidf", "textrank"}
        See :func:`tfidf` and :func:`textrank` (window 5, 10 iterations, damping 0.85).
    top_k : int
        Number of keywords (>= 1).
    stopwords : frozenset of str, optional
        Default :func:`~helpers.text.segment.load_stopwords`.
    userdict : str or PathLike, optional
        User dictionary when ``text`` is a string.

    Returns
    -------
    pandas.DataFrame
        Columns ``rank`` (1 = best), ``word``, ``weight``, ``count`` (occurrences in
        the text); ties broken by word, so the order is stable.

    Raises
    ------
    ParameterError
        An unknown method or a ``top_k`` that is not a positive integer.

    References
    ----------
    Spärck Jones (1972); Salton & Buckley (1988); Mihalcea & Tarau (2004), "TextRank:
    Bringing Order into Texts"; jieba.analyse (TFIDF, TextRank) for the details.

    Examples
    --------
    >>> kw = keywords("跨境电商的本质是采销。跨境电商不能退货。", top_k=2)
    >>> kw["word"].tolist()
    ['跨境电商', '采销']
    """
    import pandas as pd

    if method not in METHODS:
        raise ParameterError(f"method must be 'tfidf' or 'textrank', got {method!r}")
    if isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1:
        raise ParameterError(f"top_k must be a positive integer, got {top_k!r}")
    tokens = segment(text, userdict) if isinstance(text, str) else list(text)
    stop = load_stopwords() if stopwords is None else stopwords
    scores = tfidf(tokens, stop) if method == "tfidf" else textrank(tokens, stop)
    best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top_k]
    counts = Counter(tokens)
    return pd.DataFrame(
        {
            "rank": pd.array(range(1, len(best) + 1), dtype="int64"),
            "word": [w for w, _ in best],
            "weight": pd.array([s for _, s in best], dtype="float64"),
            "count": pd.array([counts[w] for w, _ in best], dtype="int64"),
        }
    )
