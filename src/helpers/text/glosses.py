"""English glosses of Chinese text, stored as data: quote translations and a word glossary.

Nothing here translates by machine. A gloss is a translation this project wrote and
stored, with its source, beside the text it glosses:

* quote glosses, one CSV per article (``<stem>.glosses.csv`` next to ``<stem>.txt``):
  ``start`` (offset of the opening quotation mark in the article text), ``quote_begins``
  (the quote's first characters, so a gloss cannot silently drift onto another quote
  when the text changes), ``gloss_en``, ``source``, ``note``;
* a word glossary (``data/articles/glossary.csv``): ``word``, ``gloss_en``, ``source``,
  ``note``, for the names and terms that charts and tables show.

A quote or word without a stored gloss stays without one (shown as such), never
with an invented one.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from helpers import paths
from helpers.errors import DataError, ParameterError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["DEFAULT_GLOSSARY", "add_quote_glosses", "gloss", "load_glossary", "load_quote_glosses"]

#: Word glossary shipped with the articles.
DEFAULT_GLOSSARY = "data/articles/glossary.csv"


def load_quote_glosses(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a quote-gloss table.

    Parameters
    ----------
    path : str or PathLike
        CSV with columns ``start, quote_begins, gloss_en, source, note``.

    Returns
    -------
    pandas.DataFrame
        ``start`` as int64, the rest as strings; ``attrs["lines"]`` holds the file's
        line of each row and ``attrs["path"]`` the file.

    Raises
    ------
    DataError
        Missing file or column, empty ``quote_begins``/``gloss_en``/``source``, a
        ``start`` that is not a whole number >= 0, or a repeated ``start``.

    Examples
    --------
    >>> g = load_quote_glosses("data/articles/2015-11-14_tencent_jumei_cross_border.glosses.csv")
    >>> int(g["start"].iloc[0]), g["quote_begins"].iloc[0]
    (165, '日本品牌并不保守')
    """
    from helpers.tables import read_csv

    p = paths.resolve(path)
    df = read_csv(
        p,
        required=("start", "quote_begins", "gloss_en", "source"),
        nonempty=("start", "quote_begins", "gloss_en", "source"),
        what="quote-gloss table",
    )
    starts = []
    for line, cell in zip(df.attrs["lines"], df["start"], strict=True):
        if not cell.isdigit():
            raise DataError(
                f"expected the quote's character offset, a whole number >= 0, got {cell!r}",
                path=p,
                line=line,
                column="start",
            )
        if int(cell) in starts:
            raise DataError(f"a second gloss for the quote at offset {cell}", path=p, line=line, column="start")
        starts.append(int(cell))
    df["start"] = starts
    df["start"] = df["start"].astype("int64")
    return df


def add_quote_glosses(quotes: pd.DataFrame, glosses: pd.DataFrame) -> pd.DataFrame:
    """Join stored glosses to quotes by the offset of the opening mark.

    Parameters
    ----------
    quotes : pandas.DataFrame
        From :func:`helpers.text.quotes.quotes` (columns ``quote``, ``start``).
    glosses : pandas.DataFrame
        From :func:`load_quote_glosses`, for the same text.

    Returns
    -------
    pandas.DataFrame
        ``quotes`` with ``gloss_en`` and ``gloss_source`` (``""`` where no gloss is stored).

    Raises
    ------
    DataError
        A gloss whose ``start`` is not a quote's opening mark, or whose
        ``quote_begins`` does not match the quote there (the text changed); names
        the gloss file and line.

    Examples
    --------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"quote": ["好。"], "start": [2]})
    >>> g = pd.DataFrame({"start": [2], "quote_begins": ["好"], "gloss_en": ["Good."], "source": ["ours"]})
    >>> add_quote_glosses(q, g)[["quote", "gloss_en"]].values.tolist()
    [['好。', 'Good.']]
    """
    for col in ("quote", "start"):
        if col not in quotes.columns:
            raise ParameterError(f"the quotes table needs a column {col!r}; build it with helpers.text.quotes()")
    by_start = {int(s): i for i, s in enumerate(quotes["start"])}
    lines = glosses.attrs.get("lines") or [None] * len(glosses)
    path = glosses.attrs.get("path")
    text_en = [""] * len(quotes)
    source = [""] * len(quotes)
    for line, row in zip(lines, glosses.itertuples(index=False), strict=True):
        i = by_start.get(int(row.start))
        if i is None:
            raise DataError(
                f"no quotation mark opens at offset {row.start} of the text (has the text changed?)",
                path=path,
                line=line,
                column="start",
            )
        quote = str(quotes["quote"].iloc[i])
        if not quote.startswith(row.quote_begins):
            raise DataError(
                f"the gloss is for a quote beginning {row.quote_begins!r}, but the quote at offset "
                f"{row.start} begins {quote[: len(row.quote_begins)]!r}",
                path=path,
                line=line,
                column="quote_begins",
            )
        text_en[i], source[i] = row.gloss_en, row.source
    return quotes.assign(gloss_en=text_en, gloss_source=source)


def load_glossary(path: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """The word glossary: English gloss by Chinese word.

    Parameters
    ----------
    path : str or PathLike, optional
        CSV with columns ``word, gloss_en, source, note``; default :data:`DEFAULT_GLOSSARY`.

    Returns
    -------
    dict

    Raises
    ------
    DataError
        Missing file or column, an empty cell in ``word``/``gloss_en``/``source``, or
        a word listed twice (names file, line and column).

    Examples
    --------
    >>> load_glossary()["跨境电商"]
    'cross-border e-commerce'
    """
    from helpers.tables import read_csv

    p = paths.resolve(path or DEFAULT_GLOSSARY)
    df = read_csv(p, required=("word", "gloss_en", "source"), nonempty=("word", "gloss_en", "source"), what="glossary")
    out: dict[str, str] = {}
    for line, word, text_en in zip(df.attrs["lines"], df["word"], df["gloss_en"], strict=True):
        if word in out:
            raise DataError(f"the word {word!r} is listed twice", path=p, line=line, column="word")
        out[word] = text_en
    return out


def gloss(word: str, glossary: dict[str, str], *, style: str = "both") -> str:
    """A word with its English gloss, for labels: ``"跨境电商 (cross-border e-commerce)"``.

    Parameters
    ----------
    word : str
        Chinese word.
    glossary : dict
        From :func:`load_glossary`.
    style : {"both", "english"}
        ``"both"``: the word and its gloss in brackets; ``"english"``: the gloss alone
        (``"Liu Huipu"``), falling back to the word when there is none.

    Returns
    -------
    str
        The word alone when the glossary has no gloss for it.

    Examples
    --------
    >>> g = {"高丝": "Kosé"}
    >>> gloss("高丝", g), gloss("高丝", g, style="english"), gloss("面霜", g)
    ('高丝 (Kosé)', 'Kosé', '面霜')
    """
    if style not in ("both", "english"):
        raise ParameterError(f"style must be 'both' or 'english', got {style!r}")
    text_en = glossary.get(word)
    if not text_en:
        return word
    return text_en if style == "english" else f"{word} ({text_en})"
