"""A CJK web font cut down to the characters the site uses, so Chinese renders everywhere.

A reader whose system has a CJK font (PingFang, Microsoft YaHei, Noto Sans CJK, ...)
sees it through the font stack in ``site.css``; a reader without one gets the
subset of Noto Sans CJK SC (shipped by the PyPI package ``mplfonts``, see
:func:`helpers.plotting.cjk_font_path`) that this module writes as a WOFF font
embedded in a stylesheet (a ``data:`` URL: no second request, and it loads from
``file://`` in every browser). The subset is made at build time, so nothing
large is committed.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["FONT_FAMILY", "cjk_characters", "font_face_css", "subset_woff"]

#: Family name of the shipped subset in the site's CSS.
FONT_FAMILY = "Site CJK"

# CJK punctuation, kana, unified ideographs (+ extension A), compatibility forms, full-width forms
_CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
#: Always in the subset: full-width Chinese punctuation, so a sentence typed into search renders.
#: (Quotes, dashes and the middle dot are shared with English text and stay with the Latin font.)
BASE_CHARACTERS = "，。、；：？！（）《》【】「」『』　％＋－～"
#: Code points the subset font is used for (the ranges of :data:`_CJK`), as a CSS ``unicode-range``.
UNICODE_RANGE = "U+2E80-2FDF, U+3000-30FF, U+3100-312F, U+3190-31FF, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF"


def cjk_characters(texts: Iterable[str]) -> str:
    """The distinct CJK characters in some texts, sorted, plus :data:`BASE_CHARACTERS`.

    Parameters
    ----------
    texts : iterable of str
        Page texts (HTML is fine: only CJK code points are kept).

    Returns
    -------
    str
        Sorted, without duplicates.

    Examples
    --------
    >>> chars = cjk_characters(["双十一 sales", "<p>双11</p>"])
    >>> "双" in chars and "一" in chars and "s" not in chars
    True
    """
    found = set(BASE_CHARACTERS)
    for text in texts:
        found.update(_CJK.findall(text))
    return "".join(sorted(found))


def subset_woff(characters: str, font_path: str | Path | None = None) -> bytes:
    """A WOFF font holding only ``characters``.

    Parameters
    ----------
    characters : str
        Characters to keep.
    font_path : str or Path, optional
        Source OpenType font; default Noto Sans CJK SC from ``mplfonts``.

    Returns
    -------
    bytes
        The WOFF file (zlib-compressed; needs no ``brotli``).

    References
    ----------
    fontTools ``subset`` module: https://fonttools.readthedocs.io/en/latest/subset/

    Examples
    --------
    >>> woff = subset_woff("双十一")
    >>> woff[:4], len(woff) < 50_000
    (b'wOFF', True)
    """
    from fontTools import subset

    if font_path is None:
        from helpers.plotting import cjk_font_path

        font_path = cjk_font_path()
    opts = subset.Options()
    opts.flavor = "woff"
    opts.layout_features = ["*"]
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    font = subset.load_font(str(font_path), opts)
    subsetter = subset.Subsetter(opts)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    buf = io.BytesIO()
    subset.save_font(font, buf, opts)
    return buf.getvalue()


def font_face_css(woff: bytes) -> str:
    """An ``@font-face`` rule embedding a WOFF font as a ``data:`` URL.

    Parameters
    ----------
    woff : bytes
        The font file.

    Returns
    -------
    str
        CSS declaring the family :data:`FONT_FAMILY`.

    Examples
    --------
    >>> font_face_css(b"wOFF").startswith('@font-face {font-family: "Site CJK"')
    True
    """
    data = base64.b64encode(woff).decode("ascii")
    return (
        f'@font-face {{font-family: "{FONT_FAMILY}"; font-style: normal; font-weight: 100 900; '
        f"font-display: swap; unicode-range: {UNICODE_RANGE}; "
        f'src: url("data:font/woff;base64,{data}") format("woff");}}\n'
    )
