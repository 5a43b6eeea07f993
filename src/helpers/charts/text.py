"""Charts of an article's reading (notebook 01): keywords, entity mentions, how firmly claims fix their amounts.

Every function follows the collection's convention (:mod:`helpers.charts`): it takes a
table from :mod:`helpers.text`, an optional ``ax`` (``axes`` for the two-panel keyword
chart) and a ``source`` line, and returns the Figure. Chinese words are labelled with
their English gloss when the glossary has one (:func:`helpers.text.glosses.gloss`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from helpers.charts import add_source, figure_and_axes
from helpers.errors import ParameterError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["article_source", "plot_claim_bounds", "plot_keywords", "plot_mentions"]

_METHOD_LABELS = {
    "tfidf": ("TF-IDF", "weight: term frequency × inverse document frequency"),
    "textrank": ("TextRank", "score: PageRank on word co-occurrence, best = 1"),
}
_GROUP_COLOURS = {"exact": "#0072B2", "bounded": "#009E73", "open-ended": "#D55E00"}


def article_source(articles: Sequence[Any]) -> str:
    """The source line for charts of ``articles``: each text file with its publisher and date.

    Parameters
    ----------
    articles : sequence of Article
        From :func:`helpers.text.articles.load_article`.

    Returns
    -------
    str

    Examples
    --------
    >>> from helpers.text import load_article
    >>> article_source([load_article("data/articles/2015-11-14_tencent_jumei_cross_border.txt")])
    'data/articles/2015-11-14_tencent_jumei_cross_border.txt (腾讯科技 (Tencent Tech), 2015-11-14)'
    """
    from helpers import paths

    if not articles:
        raise ParameterError("article_source needs at least one article")
    parts = []
    for a in articles:
        try:
            where = a.path.relative_to(paths.ROOT).as_posix()
        except ValueError:
            where = a.path.name
        parts.append(f"{where} ({a.meta['publisher']}, {a.meta['date']})")
    return "; ".join(parts)


def _label(word: str, glossary: Mapping[str, str] | None) -> str:
    from helpers.text.glosses import gloss

    return gloss(word, dict(glossary or {}))


def plot_keywords(
    keywords: Mapping[str, pd.DataFrame],
    glossary: Mapping[str, str] | None = None,
    *,
    source: str,
    axes: Sequence[Axes] | None = None,
) -> Figure:
    """The top keywords by each method, side by side (best at the top).

    Parameters
    ----------
    keywords : mapping of str to DataFrame
        Method (``"tfidf"``, ``"textrank"``) to a table of :func:`helpers.text.keywords.keywords`.
    glossary : mapping, optional
        English glosses of words, for the labels.
    source : str
        Source line, e.g. ``"data/articles/<stem>.txt (Tencent Tech, 2015-11-14)"``.
    axes : sequence of Axes, optional
        One per method; default a new figure.

    Returns
    -------
    Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from helpers import plotting
    >>> plotting.setup()
    >>> kw = {"tfidf": pd.DataFrame({"word": ["跨境电商"], "weight": [0.3]})}
    >>> fig = plot_keywords(kw, {"跨境电商": "cross-border e-commerce"}, source="test")
    >>> fig.axes[0].get_yticklabels()[0].get_text()
    '跨境电商 (cross-border e-commerce)'
    """
    import matplotlib.pyplot as plt

    from helpers.plotting import PALETTE

    if not keywords:
        raise ParameterError("plot_keywords needs at least one keyword table")
    n = len(keywords)
    k = max(len(t) for t in keywords.values())
    if axes is None:
        fig, new = plt.subplots(1, n, figsize=(5.2 * n, 1.2 + 0.32 * k), squeeze=False)
        axes = list(new[0])
    elif len(axes) != n:
        raise ParameterError(f"axes must hold one Axes per method ({n}), got {len(axes)}")
    fig = axes[0].figure
    for i, (ax, (method, table)) in enumerate(zip(axes, keywords.items(), strict=True)):
        name, xlabel = _METHOD_LABELS.get(method, (method, "weight"))
        t = table.iloc[::-1]
        ax.barh([_label(w, glossary) for w in t["word"]], t["weight"], color=PALETTE[i % len(PALETTE)])
        ax.set(title=name, xlabel=xlabel)
        ax.set_xlim(left=0)
        ax.tick_params(axis="y", labelsize=8)
    fig.suptitle(f"The text's top {k} keywords by two methods" if n == 2 else f"The text's top {k} keywords")
    fig.tight_layout()
    return add_source(fig, source)


def plot_mentions(
    counts: pd.DataFrame,
    glossary: Mapping[str, str] | None = None,
    *,
    source: str,
    ax: Axes | None = None,
) -> Figure:
    """Mentions of each listed entity, grouped and coloured by kind (people, companies, ...).

    Parameters
    ----------
    counts : pandas.DataFrame
        From :func:`helpers.text.lexicon.entity_counts` (``type``, ``entity``, ``mentions``).
    glossary : mapping, optional
        English glosses of names and terms, for the labels.
    source : str
        Source line.
    ax : Axes, optional

    Returns
    -------
    Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from helpers import plotting
    >>> plotting.setup()
    >>> c = pd.DataFrame({"type": ["person"], "entity": ["刘惠璞"], "mentions": [17]})
    >>> fig = plot_mentions(c, {"刘惠璞": "Liu Huipu"}, source="test")
    >>> fig.axes[0].get_xlabel()
    'mentions in the text (count)'
    """
    from matplotlib.patches import Patch

    from helpers.plotting import PALETTE
    from helpers.text.lexicon import ENTITY_TYPE_NAMES, ENTITY_TYPES

    if counts.empty:
        raise ParameterError("plot_mentions: the text mentions no listed entity")
    fig, ax = figure_and_axes(ax, figsize=(7.5, 1.4 + 0.27 * len(counts)))
    order = {t: i for i, t in enumerate(ENTITY_TYPES)}
    colour = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(ENTITY_TYPES)}
    rows = counts.assign(_t=counts["type"].map(order)).sort_values(
        ["_t", "mentions", "entity"], ascending=[True, False, True]
    )
    rows = rows.iloc[::-1]
    ax.barh([_label(e, glossary) for e in rows["entity"]], rows["mentions"], color=[colour[t] for t in rows["type"]])
    ax.set(title="Who and what the text names, by kind of entity", xlabel="mentions in the text (count)")
    ax.set_xlim(left=0)
    ax.tick_params(axis="y", labelsize=8)
    present = [t for t in ENTITY_TYPES if t in set(rows["type"])]
    ax.legend(
        handles=[Patch(color=colour[t], label=ENTITY_TYPE_NAMES[t]) for t in present], loc="lower right", fontsize=8
    )
    fig.tight_layout()
    return add_source(fig, source)


def plot_claim_bounds(claims: pd.DataFrame, *, source: str, ax: Axes | None = None) -> Figure:
    """How tightly each claim fixes its amount: the interval its wording allows, relative to its point value.

    Each claim is a row: a dot at its point value (= 1), a bar from ``low / value`` to
    ``high / value`` on a logarithmic axis, an arrow where the wording leaves a side open
    (超过, 以上: no upper bound).

    Parameters
    ----------
    claims : pandas.DataFrame
        From :func:`helpers.text.claims.claims_table` (``span``, ``description``,
        ``value``, ``low``, ``high``, ``qualifier``).
    source : str
        Source line.
    ax : Axes, optional

    Returns
    -------
    Figure

    Examples
    --------
    >>> from helpers import plotting
    >>> from helpers.text.claims import claims_table
    >>> plotting.setup()
    >>> fig = plot_claim_bounds(claims_table("邮件更是近万封，sku超过10万个"), source="test")
    >>> fig.axes[0].get_xscale()
    'log'
    """
    from matplotlib.lines import Line2D

    if claims.empty:
        raise ParameterError("plot_claim_bounds: no claim to show")
    rows = claims[claims["value"] > 0].iloc[::-1]
    fig, ax = figure_and_axes(ax, figsize=(8.0, 1.5 + 0.34 * len(rows)))
    lo_edge, hi_edge = 0.2, 5.0
    labels = []
    for y, r in enumerate(rows.itertuples(index=False)):
        open_lo, open_hi = not math.isfinite(r.low), not math.isfinite(r.high)
        lo = r.low / r.value if not open_lo else lo_edge
        hi = r.high / r.value if not open_hi else hi_edge
        group = "open-ended" if (open_lo or open_hi) else ("exact" if lo == hi else "bounded")
        c = _GROUP_COLOURS[group]
        bar_lo = max(lo, lo_edge) if not open_lo else lo_edge * 1.35
        bar_hi = min(hi, hi_edge) if not open_hi else hi_edge / 1.35
        ax.plot([bar_lo, bar_hi], [y, y], color=c, lw=4, solid_capstyle="butt")
        ax.plot([1.0], [y], "o", color=c, ms=6, mec="white", zorder=3)
        arrow = {"arrowstyle": "-|>,head_width=0.35,head_length=0.6", "color": c, "lw": 2}
        if open_hi:
            ax.annotate("", xy=(hi_edge, y), xytext=(bar_hi, y), arrowprops=arrow)
        if open_lo:
            ax.annotate("", xy=(lo_edge, y), xytext=(bar_lo, y), arrowprops=arrow)
        desc = f" — {r.description}" if getattr(r, "description", "") else ""
        labels.append(f"{r.span}{desc}")
    ax.set_xscale("log")
    ax.set_xlim(lo_edge, hi_edge)
    ax.set_xticks([0.25, 0.5, 1, 2, 4], labels=["¼×", "½×", "1× (point value)", "2×", "4×"])
    ax.minorticks_off()
    ax.axvline(1.0, color="#999999", lw=0.8, zorder=0)
    ax.set_yticks(range(len(rows)), labels=labels, fontsize=8)
    ax.set(
        title="How tightly each claim fixes its amount",
        xlabel="amount the wording allows ÷ the claim's point value\n"
        "(log scale; the point value of a range is its midpoint)",
    )
    ax.legend(
        handles=[Line2D([], [], color=_GROUP_COLOURS[g], lw=4, label=g) for g in _GROUP_COLOURS],
        loc="lower right",
        fontsize=8,
    )
    fig.tight_layout()
    return add_source(fig, source)
