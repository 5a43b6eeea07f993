"""Reading Chinese text: segmentation with the domain lexicon, sentences, keywords, entities, quotes.

Segmentation is jieba's, with the project's user dictionary (``data/lexicon/userdict.txt``)
loaded into a private :class:`jieba.Tokenizer` created once per process and per
dictionary, so the global ``jieba`` state other code may use is left alone.
Keywords are TF-IDF (jieba's IDF table) and TextRank (Mihalcea & Tarau 2004, as jieba
implements it), computed from one segmentation with the shipped stop-word lists removed.
Entity mentions are counted from ``data/lexicon/entities.csv``; quotes are the “…”
passages with the person they are attributed to. Numbers are read by
:mod:`helpers.numbers_zh` (:func:`extract_numbers` here is a shortcut).
"""

from __future__ import annotations

import bisect
import logging
import os
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from helpers import paths
from helpers.errors import DataError, ParameterError

if TYPE_CHECKING:  # pragma: no cover
    import jieba
    import pandas as pd

#: Folder of the shipped lexicon.
LEXICON_DIR: Path = paths.DATA_DIR / "lexicon"
#: jieba user dictionary of the field's names and terms.
DEFAULT_USERDICT = "data/lexicon/userdict.txt"
#: Stop-word lists: Stopwords ISO (zh) and the project's supplement.
DEFAULT_STOPWORDS = ("data/lexicon/stopwords_zh_iso.txt", "data/lexicon/stopwords_project.txt")
#: Entity mentions with their entity and type.
DEFAULT_ENTITIES = "data/lexicon/entities.csv"
#: Allowed entity types in the entity list.
ENTITY_TYPES = ("person", "company_brand", "country_region", "policy_term", "business_model")

_SENTENCE_END = re.compile(r"[。！？!?…]+[”’」』）)]*|\n+")
_QUOTE = re.compile(r"“([^“”]*)”|「([^「」]*)」")
_NOT_WORD = re.compile(r"^[\W\d_]+$|\d")


def _quiet_jieba() -> None:
    logging.getLogger("jieba").setLevel(logging.WARNING)


@lru_cache(maxsize=8)
def _tokenizer_for(userdict: str) -> jieba.Tokenizer:
    import jieba

    _quiet_jieba()
    tk = jieba.Tokenizer()
    tk.initialize()
    try:
        tk.load_userdict(userdict)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataError(f"not a jieba user dictionary ({exc})", path=userdict) from None
    return tk


def tokenizer(userdict: str | os.PathLike[str] | None = None) -> jieba.Tokenizer:
    """The jieba tokenizer with the domain lexicon loaded (built once per process).

    Parameters
    ----------
    userdict : str or PathLike, optional
        jieba user dictionary (``word [freq] [pos]`` per line); default
        :data:`DEFAULT_USERDICT`.

    Returns
    -------
    jieba.Tokenizer
        A private tokenizer (the global ``jieba.dt`` is not changed).

    Examples
    --------
    >>> tokenizer() is tokenizer()
    True
    """
    p = paths.resolve(userdict or DEFAULT_USERDICT)
    if not p.is_file():
        raise DataError("user dictionary not found", path=p)
    return _tokenizer_for(str(p))


def segment(text: str, userdict: str | os.PathLike[str] | None = None) -> list[str]:
    """Split Chinese text into words with jieba and the domain lexicon.

    Parameters
    ----------
    text : str
        Text to segment.
    userdict : str or PathLike, optional
        jieba user dictionary; default :data:`DEFAULT_USERDICT`.

    Returns
    -------
    list of str
        Tokens in order; ``"".join(tokens) == text``.

    References
    ----------
    jieba 0.42 (Sun Junyi), precise mode with HMM for unknown words.

    Examples
    --------
    >>> segment("双十一聚美优品跨境电商")
    ['双十一', '聚美优品', '跨境电商']
    """
    return tokenizer(userdict).lcut(text)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a text.

    A sentence ends after 。！？!?… (with any closing quote or bracket that
    follows) or at a line break.

    Parameters
    ----------
    text : str
        Text.

    Returns
    -------
    list of (int, int)
        ``(start, end)`` offsets, covering the text in order (blank pieces dropped).

    Examples
    --------
    >>> t = "他说：“好。”我们走吧！"
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['他说：“好。”', '我们走吧！']
    """
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of a text, stripped (see :func:`sentence_spans`).

    Parameters
    ----------
    text : str
        Text.

    Returns
    -------
    list of str
        Sentences in order.

    Examples
    --------
    >>> sentences("一。二！")
    ['一。', '二！']
    """
    return [text[a:b].strip() for a, b in sentence_spans(text)]


class SentenceIndex:
    """Find the sentence a character offset sits in (binary search over :func:`sentence_spans`).

    Parameters
    ----------
    text : str
        Text.

    Examples
    --------
    >>> idx = SentenceIndex("一。二！")
    >>> idx.sentence_at(2), idx.number_at(2)
    ('二！', 1)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentence_spans(text) or [(0, len(text))]
        self._starts = [a for a, _ in self.spans]

    def number_at(self, offset: int) -> int:
        """0-based number of the sentence holding ``offset``."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def sentence_at(self, offset: int) -> str:
        """The (stripped) sentence holding ``offset``."""
        a, b = self.spans[self.number_at(offset)]
        return self.text[a:b].strip()


def _read_word_list(p: Path) -> set[str]:
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise DataError("expected a UTF-8 word list", path=p) from None
    return {ln.strip() for ln in lines if ln.strip() and not ln.startswith("# ")}


@lru_cache(maxsize=8)
def _stopwords_for(files: tuple[str, ...]) -> frozenset[str]:
    words: set[str] = set()
    for f in files:
        p = Path(f)
        if not p.is_file():
            raise DataError("stop-word list not found", path=p)
        words |= _read_word_list(p)
    return frozenset(words)


def load_stopwords(files: tuple[str | os.PathLike[str], ...] | None = None) -> frozenset[str]:
    """The stop words (one word a line; lines starting with ``"# "`` are comments).

    Parameters
    ----------
    files : tuple of str or PathLike, optional
        Word lists; default :data:`DEFAULT_STOPWORDS` (Stopwords ISO ``zh`` and the
        project's supplement, see ``data/lexicon/README.md``).

    Returns
    -------
    frozenset of str

    Examples
    --------
    >>> sw = load_stopwords()
    >>> "我们" in sw, "跨境电商" in sw
    (True, False)
    """
    files = DEFAULT_STOPWORDS if files is None else files
    return _stopwords_for(tuple(str(paths.resolve(f)) for f in files))


@lru_cache(maxsize=2)
def _idf_table() -> tuple[dict[str, float], float]:
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


def _is_candidate(word: str, stop: frozenset[str]) -> bool:
    w = word.strip()
    return len(w) >= 2 and w.lower() not in stop and not _NOT_WORD.search(w)


def _tfidf(tokens: list[str], stop: frozenset[str]) -> dict[str, float]:
    freq = Counter(t for t in tokens if _is_candidate(t, stop))
    total = sum(freq.values())
    idf, median = _idf_table()
    return {w: n * idf.get(w, median) / total for w, n in freq.items()}


def _textrank(tokens: list[str], stop: frozenset[str], span: int = 5, d: float = 0.85) -> dict[str, float]:
    import numpy as np

    vocab: dict[str, int] = {}
    ids = np.fromiter(
        (vocab.setdefault(t, len(vocab)) if _is_candidate(t, stop) else -1 for t in tokens),
        dtype=np.int64,
        count=len(tokens),
    )
    words = list(vocab)
    n = len(words)
    if n == 0:
        return {}
    codes = []
    for k in range(1, span):
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
    out_sum = {v: sum(w for _, w in edges) for v, edges in graph.items()}
    ws = dict.fromkeys(graph, 1.0 / len(graph))
    order = sorted(graph, key=lambda v: words[v])
    for _ in range(10):
        for v in order:
            ws[v] = (1 - d) + d * sum(w / out_sum[u] * ws[u] for u, w in graph[v])
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

    Candidates are tokens of two or more characters, not stop words and
    holding no digit.

    Parameters
    ----------
    text : str or list of str
        Text, or tokens from :func:`segment` (to segment only once).
    method : {"tfidf", "textrank"}
        TF-IDF: term frequency × jieba's IDF table (median IDF for unknown words).
        TextRank: PageRank over a co-occurrence graph (window of 5 tokens, 10
        iterations, damping 0.85), weights scaled as jieba scales them.
    top_k : int
        Number of keywords (>= 1).
    stopwords : frozenset of str, optional
        Default :func:`load_stopwords`.
    userdict : str or PathLike, optional
        User dictionary when ``text`` is a string.

    Returns
    -------
    pandas.DataFrame
        Columns ``rank`` (1 = best), ``word``, ``weight``, ``count`` (occurrences in
        the text); ties broken by word, so the order is stable.

    References
    ----------
    Salton & Buckley (1988), term weighting; Mihalcea & Tarau (2004), "TextRank:
    Bringing Order into Texts"; jieba.analyse (TFIDF, TextRank) for the details.

    Examples
    --------
    >>> kw = keywords("跨境电商的本质是采销。跨境电商不能退货。", top_k=2)
    >>> kw["word"].tolist()
    ['跨境电商', '采销']
    """
    import pandas as pd

    if method not in ("tfidf", "textrank"):
        raise ParameterError(f"method must be 'tfidf' or 'textrank', got {method!r}")
    if not isinstance(top_k, int) or top_k < 1:
        raise ParameterError(f"top_k must be a positive integer, got {top_k!r}")
    tokens = segment(text, userdict) if isinstance(text, str) else list(text)
    stop = load_stopwords() if stopwords is None else stopwords
    scores = _tfidf(tokens, stop) if method == "tfidf" else _textrank(tokens, stop)
    best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top_k]
    counts = Counter(tokens)
    return pd.DataFrame(
        {
            "rank": range(1, len(best) + 1),
            "word": [w for w, _ in best],
            "weight": [s for _, s in best],
            "count": [counts[w] for w, _ in best],
        }
    )


def read_lexicon_csv(
    path: Path, *, required: tuple[str, ...], nonempty: tuple[str, ...], what: str
) -> pd.DataFrame:
    """Read a lexicon table (UTF-8 CSV, all text) and check its columns and cells.

    Parameters
    ----------
    path : Path
        The CSV file.
    required : tuple of str
        Columns that must be present.
    nonempty : tuple of str
        Columns that must have a value on every row.
    what : str
        What the file is, for messages (e.g. ``"entity list"``).

    Returns
    -------
    pandas.DataFrame
        Every cell as a string (empty cells as ``""``).

    Raises
    ------
    DataError
        Missing file, not UTF-8, unparseable CSV, missing column, or an empty
        required cell; names the file, line and column.

    Examples
    --------
    >>> read_lexicon_csv(paths.resolve(DEFAULT_ENTITIES), required=("mention",),
    ...                  nonempty=("mention",), what="entity list").columns[0]
    'mention'
    """
    import pandas as pd

    if not path.is_file():
        raise DataError(f"{what} not found", path=path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError(f"expected a UTF-8 CSV ({what})", path=path) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"not a readable CSV ({what}): {str(exc).strip()}", path=path) from None
    for col in required:
        if col not in df.columns:
            raise DataError(f"missing column (columns are {', '.join(df.columns)})", path=path, line=1, column=col)
    for i, row in enumerate(df[list(nonempty)].itertuples(index=False), start=2):
        for col, value in zip(nonempty, row):
            if not value.strip():
                raise DataError("expected a non-empty value", path=path, line=i, column=col)
    return df


def load_entities(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The entity list: surface form, entity it names, and type.

    Parameters
    ----------
    path : str or PathLike, optional
        CSV with columns ``mention, entity, type, source, source_url, note``;
        default :data:`DEFAULT_ENTITIES`. ``type`` is one of :data:`ENTITY_TYPES`.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    DataError
        Missing file or column, empty mention/entity/source, unknown type
        (message names file, line and column).

    Examples
    --------
    >>> ents = load_entities()
    >>> ents.loc[ents["mention"] == "聚美", "entity"].item()
    '聚美优品'
    """
    p = paths.resolve(path or DEFAULT_ENTITIES)
    df = read_lexicon_csv(p, required=("mention", "entity", "type", "source"),
                          nonempty=("mention", "entity", "source"), what="entity list")
    for i, row in enumerate(df.itertuples(index=False), start=2):
        if row.type not in ENTITY_TYPES:
            raise DataError(
                f"expected one of {', '.join(ENTITY_TYPES)}, got {row.type!r}", path=p, line=i, column="type"
            )
    return df


def entity_mentions(text: str, entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every mention of a listed entity in a text (longest surface form wins).

    Parameters
    ----------
    text : str
        Text.
    entities : pandas.DataFrame, optional
        From :func:`load_entities` (default list if omitted).

    Returns
    -------
    pandas.DataFrame
        Columns ``mention``, ``entity``, ``type``, ``start``, ``end``; a surface
        form naming two entities (日韩) gives a row for each.

    Examples
    --------
    >>> entity_mentions("聚美优品和聚美")[["mention", "entity"]].values.tolist()
    [['聚美优品', '聚美优品'], ['聚美', '聚美优品']]
    """
    import pandas as pd

    ents = load_entities() if entities is None else entities
    by_mention: dict[str, list[tuple[str, str]]] = {}
    for row in ents.itertuples(index=False):
        by_mention.setdefault(row.mention, []).append((row.entity, row.type))
    forms = sorted(by_mention, key=lambda s: (-len(s), s))
    rows = []
    if forms:
        pattern = re.compile("|".join(re.escape(f) for f in forms))
        for m in pattern.finditer(text):
            for entity, kind in by_mention[m.group()]:
                rows.append((m.group(), entity, kind, m.start(), m.end()))
    return pd.DataFrame(rows, columns=["mention", "entity", "type", "start", "end"]).astype(
        {"start": "int64", "end": "int64"}
    )


def entity_counts(text: str, entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mentions per entity, by type.

    Parameters
    ----------
    text : str
        Text.
    entities : pandas.DataFrame, optional
        From :func:`load_entities`.

    Returns
    -------
    pandas.DataFrame
        Columns ``type``, ``entity``, ``mentions``; entities not mentioned are
        left out; sorted by type (in :data:`ENTITY_TYPES` order), then mentions
        (descending), then entity.

    Examples
    --------
    >>> entity_counts("日本和韩国，日韩").values.tolist()
    [['country_region', '日本', 2], ['country_region', '韩国', 2]]
    """
    men = entity_mentions(text, entities)
    out = men.groupby(["type", "entity"], as_index=False).size().rename(columns={"size": "mentions"})
    out["_t"] = out["type"].map({t: i for i, t in enumerate(ENTITY_TYPES)})
    out = out.sort_values(["_t", "mentions", "entity"], ascending=[True, False, True])
    return out.drop(columns="_t").reset_index(drop=True)


def quotes(text: str, entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every quoted passage (“…” or 「…」) with its speaker and the sentence it sits in.

    The speaker is the last person (entity type ``person``) named before the
    opening mark in the same sentence (``attribution = "same sentence"``); if
    none, the last person named in the two sentences before (``"preceding
    sentences"``); else ``""`` (``"unattributed"``).

    Parameters
    ----------
    text : str
        Text.
    entities : pandas.DataFrame, optional
        From :func:`load_entities`.

    Returns
    -------
    pandas.DataFrame
        Columns ``quote`` (without the marks), ``speaker``, ``attribution``,
        ``start``, ``end`` (offsets of the marks, end exclusive), ``sentence``
        (from the start of the sentence with the opening mark to the end of the
        sentence with the closing one).

    Examples
    --------
    >>> q = quotes("刘惠璞表示：“日本品牌并不保守。”")
    >>> q[["quote", "speaker", "attribution"]].values.tolist()
    [['日本品牌并不保守。', '刘惠璞', 'same sentence']]
    """
    import pandas as pd

    idx = SentenceIndex(text)
    men = entity_mentions(text, entities)
    people = men[men["type"] == "person"]
    p_start = people["start"].tolist()
    p_name = people["entity"].tolist()
    rows = []
    for m in _QUOTE.finditer(text):
        quote = m.group(1) if m.group(1) is not None else m.group(2)
        s_open = idx.number_at(m.start())
        s_close = idx.number_at(max(m.end() - 1, m.start()))
        a = idx.spans[s_open][0]
        b = idx.spans[s_close][1]
        k = bisect.bisect_left(p_start, m.start()) - 1  # last person mention before the quote
        speaker, how = "", "unattributed"
        if k >= 0 and p_start[k] >= a:
            speaker, how = p_name[k], "same sentence"
        elif k >= 0 and p_start[k] >= idx.spans[max(0, s_open - 2)][0]:
            speaker, how = p_name[k], "preceding sentences"
        rows.append((quote, speaker, how, m.start(), m.end(), text[a:b].strip()))
    return pd.DataFrame(rows, columns=["quote", "speaker", "attribution", "start", "end", "sentence"]).astype(
        {"start": "int64", "end": "int64"}
    )


def extract_numbers(text: str) -> pd.DataFrame:
    """Every numeric expression in a text; see :func:`helpers.numbers_zh.extract_numbers`.

    Parameters
    ----------
    text : str
        Chinese text.

    Returns
    -------
    pandas.DataFrame
        Columns ``span, start, end, value, low, high, qualifier, unit, sentence, kind, date``.

    Examples
    --------
    >>> extract_numbers("近万封")[["value", "low", "high", "qualifier"]].values.tolist()
    [[10000.0, -inf, 10000.0, 'at_most']]
    """
    from helpers.numbers_zh import extract_numbers as _extract

    return _extract(text)
