"""Quoted passages of a text, who they are attributed to, and their stored English glosses.

A quote is a passage between “…” or 「…」. Its speaker is the last person (an
entity of type ``person`` in the entity list) named before the opening mark in the
same sentence; failing that, in the two sentences before; else nobody.
"""

from __future__ import annotations

import bisect
import re
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from helpers.text.glosses import add_quote_glosses, gloss, load_quote_glosses
from helpers.text.lexicon import entity_mentions
from helpers.text.sentences import SentenceIndex

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from helpers.text.articles import Article

__all__ = ["QUOTE_COLUMNS", "corpus_quotes", "quotes", "quotes_markdown"]

#: Columns of :func:`quotes`.
QUOTE_COLUMNS = ("quote", "speaker", "attribution", "start", "end", "sentence")

_QUOTE = re.compile(r"“([^“”]*)”|「([^「」]*)」")


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
        From :func:`helpers.text.lexicon.load_entities`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`QUOTE_COLUMNS`: ``quote`` (without the marks), ``speaker``,
        ``attribution``, ``start``, ``end`` (offsets of the marks, end exclusive),
        ``sentence`` (from the start of the sentence with the opening mark to the
        end of the sentence with the closing one).

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
    return pd.DataFrame(rows, columns=list(QUOTE_COLUMNS)).astype({"start": "int64", "end": "int64"})


def corpus_quotes(articles: Sequence[Article], entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """The quotes of several articles, each with its stored English gloss when there is one.

    Parameters
    ----------
    articles : sequence of Article
        From :func:`helpers.text.articles.load_article` or ``load_corpus``.
    entities : pandas.DataFrame, optional
        From :func:`helpers.text.lexicon.load_entities`.

    Returns
    -------
    pandas.DataFrame
        ``article`` (the article's id), the columns of :func:`quotes` (offsets within
        that article's text), ``gloss_en`` and ``gloss_source`` (from the article's
        ``<stem>.glosses.csv`` when it exists, else ``""``).

    Raises
    ------
    DataError
        A gloss file that does not fit its article (see
        :func:`helpers.text.glosses.add_quote_glosses`).

    Examples
    --------
    >>> from helpers.text.articles import load_corpus
    >>> q = corpus_quotes(load_corpus("data/articles"))
    >>> len(q), bool((q["gloss_en"] != "").all())
    (13, True)
    """
    import pandas as pd

    frames = []
    for art in articles:
        q = quotes(art.text, entities)
        gpath = art.companion_path("glosses")
        if gpath.is_file():
            q = add_quote_glosses(q, load_quote_glosses(gpath))
        else:
            q = q.assign(gloss_en="", gloss_source="")
        frames.append(q.assign(article=art.id))
    cols = ["article", *QUOTE_COLUMNS, "gloss_en", "gloss_source"]
    if not frames:
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)[cols]


def quotes_markdown(quotes: pd.DataFrame, glossary: dict[str, str] | None = None, *, width: int = 0) -> str:
    """The quotes as a numbered Markdown list: the whole quote, its speaker, its English gloss.

    Parameters
    ----------
    quotes : pandas.DataFrame
        From :func:`quotes` or :func:`corpus_quotes` (``gloss_en`` used when present).
    glossary : dict, optional
        From :func:`helpers.text.glosses.load_glossary`, to give the speaker's name in English.
    width : int
        Wrap each line at this many characters (0 = leave wrapping to the reader's screen).

    Returns
    -------
    str
        Markdown; a quote without a stored gloss says so ("no English gloss stored").

    Examples
    --------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"quote": ["好。"], "speaker": ["刘惠璞"], "gloss_en": ["Good."]})
    >>> print(quotes_markdown(q, {"刘惠璞": "Liu Huipu"}))
    1. “好。” — 刘惠璞 (Liu Huipu)<br>*Good.*
    """
    glossary = glossary or {}
    lines = []
    for i, row in enumerate(quotes.itertuples(index=False), start=1):
        who = gloss(row.speaker, glossary) if row.speaker else "unattributed"
        text_en = getattr(row, "gloss_en", "") or ""
        english = f"*{text_en}*" if text_en else "(no English gloss stored)"
        item = f"{i}. “{row.quote}” — {who}<br>{english}"
        if width:
            item = textwrap.fill(item, width=width, subsequent_indent="   ")
        lines.append(item)
    return "\n".join(lines)
