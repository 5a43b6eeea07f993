"""Word segmentation with the domain lexicon, and the stop-word lists.

Segmentation is jieba's, with the project's user dictionary (``data/lexicon/userdict.txt``)
loaded into a private :class:`jieba.Tokenizer` created once per process and per
dictionary, so the global ``jieba`` state other code may use is left alone. The stop
words are Stopwords ISO (``zh``) plus the project's short supplement of reporting verbs
(``data/lexicon/README.md``).
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from helpers import paths
from helpers.errors import DataError

if TYPE_CHECKING:  # pragma: no cover
    import jieba

__all__ = ["DEFAULT_STOPWORDS", "DEFAULT_USERDICT", "load_stopwords", "segment", "tokenizer"]

#: jieba user dictionary of the field's names and terms.
DEFAULT_USERDICT = "data/lexicon/userdict.txt"
#: Stop-word lists: Stopwords ISO (zh) and the project's supplement.
DEFAULT_STOPWORDS = ("data/lexicon/stopwords_zh_iso.txt", "data/lexicon/stopwords_project.txt")


@lru_cache(maxsize=8)
def _tokenizer_for(userdict: str) -> jieba.Tokenizer:
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
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

    Raises
    ------
    DataError
        Missing file, or a file jieba cannot read as a user dictionary.

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


def _read_word_list(p: Path) -> set[str]:
    from helpers.tables import decode

    text, _ = decode(p, what="stop-word list")
    return {ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("# ")}


@lru_cache(maxsize=8)
def _stopwords_for(files: tuple[str, ...]) -> frozenset[str]:
    words: set[str] = set()
    for f in files:
        words |= _read_word_list(Path(f))
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

    Raises
    ------
    DataError
        A missing or non-UTF-8 list (names the file and line).

    References
    ----------
    Stopwords ISO, ``zh`` list (Diaz, stopwords-iso).

    Examples
    --------
    >>> sw = load_stopwords()
    >>> "我们" in sw, "跨境电商" in sw
    (True, False)
    """
    files = DEFAULT_STOPWORDS if files is None else files
    return _stopwords_for(tuple(str(paths.resolve(f)) for f in files))
