"""Sentences and clauses of a Chinese text, by character offset.

A sentence ends after 。！？!?… (with any closing quote or bracket that follows) or
at a line break; a clause ends at any of ，,。；;：:！？!?“”「」、（）() or a line
break. Offsets always refer to the text as given, so the other modules of
:mod:`helpers.text` can point from a number, a quote or a mention to the sentence
and clause it sits in.
"""

from __future__ import annotations

import bisect
import re

__all__ = ["SentenceIndex", "clause_at", "sentence_spans", "sentences"]

_SENTENCE_END = re.compile(r"[。！？!?…]+[”’」』）)]*|\n+")
_CLAUSE_BREAK = re.compile(r"[，,。；;：:！？!?“”「」、（）()\n]")


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


def clause_at(text: str, start: int, end: int) -> str:
    """The clause around ``text[start:end]``: out to the nearest punctuation mark on each side.

    Parameters
    ----------
    text : str
        Text.
    start, end : int
        Character offsets of the piece (end exclusive).

    Returns
    -------
    str
        The clause, stripped.

    Examples
    --------
    >>> t = "但在双十一最终的912亿销售额中，依然是中国品牌主挑大梁。"
    >>> clause_at(t, 8, 12)
    '但在双十一最终的912亿销售额中'
    """
    a = start
    while a > 0 and not _CLAUSE_BREAK.match(text, a - 1):
        a -= 1
    b = end
    while b < len(text) and not _CLAUSE_BREAK.match(text, b):
        b += 1
    return text[a:b].strip()


class SentenceIndex:
    """Find the sentence a character offset sits in (binary search over :func:`sentence_spans`).

    Parameters
    ----------
    text : str
        Text.

    Attributes
    ----------
    text : str
    spans : list of (int, int)
        The sentence spans (the whole text as one span if it has no sentence).

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
