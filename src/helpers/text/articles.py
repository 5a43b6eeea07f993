"""Article files: the text of a news article plus its metadata record.

An article is two files side by side in one folder (see ``data/articles/README.md``):
``<stem>.txt`` holds the text (UTF-8) and ``<stem>.meta.json`` holds its metadata
(title, publisher, date, author, language, source). :func:`load_article` reads one,
:func:`load_corpus` every article in a folder, so a user can drop in more articles
and rerun the notebooks. Files that belong to an article sit beside it with the same
stem (:meth:`Article.companion_path`), e.g. ``<stem>.glosses.csv``, the English glosses
of its quotes (:mod:`helpers.text.glosses`).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers import paths
from helpers.errors import DataError, ParameterError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: Fields every metadata record must hold (non-empty strings).
REQUIRED_META = ("title", "publisher", "date", "author", "language", "source")

__all__ = ["META_SUFFIX", "REQUIRED_META", "TEXT_SUFFIX", "Article", "corpus_frame", "load_article", "load_corpus"]

#: File name endings of the two files of an article.
TEXT_SUFFIX = ".txt"
META_SUFFIX = ".meta.json"


@dataclass(frozen=True)
class Article:
    """One article: its text, its metadata and where it was read from.

    Attributes
    ----------
    text : str
        The article text, exactly as stored (character offsets elsewhere refer to it).
    meta : dict
        The metadata record (at least the fields in :data:`REQUIRED_META`).
    path : Path
        The text file.
    """

    text: str
    meta: dict[str, Any] = field(repr=False)
    path: Path

    @property
    def id(self) -> str:
        """The file stem, e.g. ``"2015-11-14_tencent_jumei_cross_border"``."""
        return self.path.name[: -len(TEXT_SUFFIX)]

    @property
    def date(self) -> _dt.date:
        """Publication date (from ``meta["date"]``)."""
        return _dt.date.fromisoformat(self.meta["date"])

    def companion_path(self, kind: str, suffix: str = ".csv") -> Path:
        """The path of a file that belongs to this article: ``<stem>.<kind><suffix>`` beside it.

        Examples
        --------
        >>> art = load_article("data/articles/2015-11-14_tencent_jumei_cross_border.txt")
        >>> art.companion_path("glosses").name
        '2015-11-14_tencent_jumei_cross_border.glosses.csv'
        """
        if not kind or "/" in kind or "\\" in kind:
            raise ParameterError(f"kind must be a plain name such as 'glosses', got {kind!r}")
        return self.path.with_name(f"{self.id}.{kind}{suffix}")


def _meta_path(text_path: Path) -> Path:
    return text_path.with_name(text_path.name[: -len(TEXT_SUFFIX)] + META_SUFFIX)


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            f"expected UTF-8 text, got byte 0x{raw[exc.start]:02x} at byte offset {exc.start} (save the file as UTF-8)",
            path=path,
            line=line,
        ) from None
    if not text.strip():
        raise DataError("the article text is empty", path=path)
    return text


def _read_meta(path: Path, text_path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise DataError(
            f"no metadata record: expected {path.name} beside the text file (fields: {', '.join(REQUIRED_META)})",
            path=text_path,
        )
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise DataError("expected UTF-8 JSON", path=path) from None
    except json.JSONDecodeError as exc:
        raise DataError(f"not valid JSON ({exc.msg})", path=path, line=exc.lineno) from None
    if not isinstance(meta, dict):
        raise DataError(f"expected a JSON object, got {type(meta).__name__}", path=path)
    for key in REQUIRED_META:
        value = meta.get(key)
        if not isinstance(value, str) or not value.strip():
            raise DataError(f"expected a non-empty string, got {value!r}", path=path, column=key)
    try:
        _dt.date.fromisoformat(meta["date"])
    except ValueError:
        raise DataError(f"expected an ISO date YYYY-MM-DD, got {meta['date']!r}", path=path, column="date") from None
    return meta


def load_article(path: str | os.PathLike[str]) -> Article:
    """Read one article: ``<stem>.txt`` and its ``<stem>.meta.json``.

    Parameters
    ----------
    path : str or PathLike
        The text file (relative paths resolve from the repository root).

    Returns
    -------
    Article
        With ``.text`` (str) and ``.meta`` (dict).

    Raises
    ------
    DataError
        If the file is missing, empty, not UTF-8, or its metadata record is
        missing, not JSON, or lacks a required field; the message names the file.

    Examples
    --------
    >>> art = load_article("data/articles/2015-11-14_tencent_jumei_cross_border.txt")
    >>> art.meta["author"], art.meta["date"], art.text[:4]
    ('孙宏超', '2015-11-14', '腾讯科技')
    """
    p = paths.resolve(path)
    if not p.name.endswith(TEXT_SUFFIX):
        raise ParameterError(f"an article path must end in {TEXT_SUFFIX!r}, got {str(path)!r}")
    if not p.is_file():
        raise DataError("file not found", path=p)
    text = _read_text(p)
    meta = _read_meta(_meta_path(p), p)
    return Article(text=text, meta=meta, path=p)


def load_corpus(folder: str | os.PathLike[str]) -> list[Article]:
    """Read every article (``*.txt`` with its ``.meta.json``) in a folder.

    Parameters
    ----------
    folder : str or PathLike
        Folder (relative paths resolve from the repository root). Files other
        than ``*.txt`` and ``*.meta.json`` (e.g. a README.md) are ignored.

    Returns
    -------
    list of Article
        Sorted by file name.

    Raises
    ------
    DataError
        If the folder is missing or holds no article, if any article is bad
        (see :func:`load_article`), or if a ``.meta.json`` has no text file.

    Examples
    --------
    >>> [a.id for a in load_corpus("data/articles")][:1]
    ['2015-11-14_tencent_jumei_cross_border']
    """
    d = paths.resolve(folder)
    if not d.is_dir():
        raise DataError("folder not found", path=d)
    texts = sorted(p for p in d.iterdir() if p.is_file() and p.name.endswith(TEXT_SUFFIX))
    for meta in sorted(p for p in d.iterdir() if p.name.endswith(META_SUFFIX)):
        txt = meta.with_name(meta.name[: -len(META_SUFFIX)] + TEXT_SUFFIX)
        if not txt.is_file():
            raise DataError(f"metadata record without its text file {txt.name}", path=meta)
    if not texts:
        raise DataError(f"no article (*{TEXT_SUFFIX} with {META_SUFFIX}) in this folder", path=d)
    return [load_article(p) for p in texts]


def corpus_frame(articles: list[Article]) -> pd.DataFrame:
    """One row per article: id, metadata fields and length in characters.

    Parameters
    ----------
    articles : list of Article
        E.g. from :func:`load_corpus`.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, the :data:`REQUIRED_META` fields and ``n_chars``.

    Examples
    --------
    >>> corpus_frame(load_corpus("data/articles"))[["id", "n_chars"]].to_dict("records")[:1]
    [{'id': '2015-11-14_tencent_jumei_cross_border', 'n_chars': 2092}]
    """
    import pandas as pd

    rows = [{"id": a.id, **{k: a.meta[k] for k in REQUIRED_META}, "n_chars": len(a.text)} for a in articles]
    return pd.DataFrame(rows, columns=["id", *REQUIRED_META, "n_chars"])
