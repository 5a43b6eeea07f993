"""One call that reads an article (or several as one corpus) and states what it found.

:func:`read_articles` runs the whole pipeline of :mod:`helpers.text` (segmentation,
keywords, entities, quotes with their glosses, numbers, claims, the GMV cross-check and
the claim-to-notebook coverage) and returns an :class:`ArticleReading`, whose
:meth:`~ArticleReading.summary` is a table of the key counts and whose
:meth:`~ArticleReading.findings` are sentences computed from them (with
:mod:`helpers.prose`), for the top of notebook 01.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from helpers import prose, validation
from helpers.errors import ParameterError
from helpers.text.articles import Article, load_article
from helpers.text.claims import (
    claim_coverage,
    claims_table,
    cross_check_gmv,
    load_claim_links,
    load_claim_topics,
    platform_name,
)
from helpers.text.glosses import gloss, load_glossary
from helpers.text.keywords import METHODS, keywords
from helpers.text.lexicon import entity_counts, load_entities
from helpers.text.numbers import NEAR_LOW, extract_numbers
from helpers.text.quotes import corpus_quotes
from helpers.text.segment import segment
from helpers.text.sentences import sentences

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["ArticleReading", "read_articles"]

#: Share of quotes above which one speaker is "the main voice" of a text.
MAIN_VOICE = 0.5


def _are(n: int) -> str:
    return "is" if n == 1 else "are"


@dataclass(frozen=True, eq=False)
class ArticleReading:
    """What :func:`read_articles` found in a text.

    Attributes
    ----------
    articles : tuple of Article
    text : str
        The articles' texts joined by a blank line (offsets of ``numbers`` and ``claims`` refer to it).
    sentences : list of str
    tokens : list of str
        jieba tokens with the domain lexicon.
    keywords : dict of str to DataFrame
        ``"tfidf"`` and ``"textrank"`` tables of :func:`helpers.text.keywords.keywords`.
    entity_counts : DataFrame
        :func:`helpers.text.lexicon.entity_counts`.
    quotes : DataFrame
        :func:`helpers.text.quotes.corpus_quotes` (offsets within each article).
    numbers : DataFrame
        :func:`helpers.text.numbers.extract_numbers`.
    claims : DataFrame
        :func:`helpers.text.claims.claims_table`.
    topics : DataFrame
        The claim-topic keyword list the claims were read with.
    gmv_check : DataFrame or None
        :func:`helpers.text.claims.cross_check_gmv`; None when no sales table was given.
    coverage : DataFrame
        :func:`helpers.text.claims.claim_coverage`.
    glossary : dict
        English glosses of words (:func:`helpers.text.glosses.load_glossary`).
    gmv_platform : str
    gmv_year : int
    top_k : int
    near_low : float
    min_exact : float
    """

    articles: tuple[Article, ...]
    text: str
    sentences: list[str]
    tokens: list[str] = field(repr=False)
    keywords: dict[str, pd.DataFrame] = field(repr=False)
    entity_counts: pd.DataFrame = field(repr=False)
    quotes: pd.DataFrame = field(repr=False)
    numbers: pd.DataFrame = field(repr=False)
    claims: pd.DataFrame = field(repr=False)
    topics: pd.DataFrame = field(repr=False)
    gmv_check: pd.DataFrame | None = field(repr=False)
    coverage: pd.DataFrame = field(repr=False)
    glossary: dict[str, str] = field(repr=False)
    gmv_platform: str
    gmv_year: int
    top_k: int
    near_low: float
    min_exact: float

    # --- derived counts -------------------------------------------------------------
    def shared_keywords(self) -> list[str]:
        """Words in both the TF-IDF and the TextRank top ``top_k``, in TF-IDF order."""
        other = set(self.keywords["textrank"]["word"])
        return [w for w in self.keywords["tfidf"]["word"] if w in other]

    def fragile_ranks(self) -> tuple[int, int]:
        """How many neighbouring TF-IDF ranks one mention more or fewer would tie or swap, of how many pairs.

        A word's TF-IDF weight is proportional to its count, so one mention moves it by
        ``weight / count``; ranks ``i`` and ``i + 1`` are fragile when one mention fewer of
        the first or one more of the second closes the gap.

        Returns
        -------
        (fragile, pairs) : (int, int)
        """
        t = self.keywords["tfidf"]
        w, c = t["weight"].to_numpy(dtype=float), t["count"].to_numpy(dtype=float)
        step = w / c
        gap = w[:-1] - w[1:]
        fragile = (gap <= step[:-1] * (1 + 1e-9)) | (gap <= step[1:] * (1 + 1e-9))
        return int(fragile.sum()), int(len(gap))

    def quoted_share(self) -> float:
        """Share of the text's characters inside quotation marks (marks included)."""
        return float((self.quotes["end"] - self.quotes["start"]).sum()) / max(len(self.text), 1)

    def speakers(self) -> pd.Series:
        """Quotes per attributed speaker, most quoted first."""
        q = self.quotes
        return q.loc[q["speaker"] != "", "speaker"].value_counts()

    def claim_groups(self) -> dict[str, list[str]]:
        """Claim spans by how firmly they fix their amount: exact, open-ended, bounded."""
        c = self.claims
        open_ended = ((c["qualifier"] == "at_least") & (c["high"] == float("inf"))) | (
            (c["qualifier"] == "at_most") & (c["low"] == float("-inf"))
        )
        exact = c["qualifier"].isin(["exact", "approx"])
        return {
            "exact": c.loc[exact, "span"].tolist(),
            "open-ended": c.loc[open_ended, "span"].tolist(),
            "bounded": c.loc[~exact & ~open_ended, "span"].tolist(),
        }

    def summary(self) -> pd.DataFrame:
        """The key counts, one row each (``measure``, ``value``, ``unit``).

        Examples
        --------
        >>> r = read_articles(["data/articles/2015-11-14_tencent_jumei_cross_border.txt"])
        >>> r.summary().set_index("measure").loc["quantitative claims", "value"]
        '11'
        """
        import pandas as pd

        groups = self.claim_groups()
        check = (
            "no sales table given"
            if self.gmv_check is None
            else (", ".join(self.gmv_check["status"]) or "no GMV claim in the text")
        )
        rows = [
            ("articles", prose.integer(len(self.articles)), "count"),
            ("characters", prose.integer(len(self.text)), "count"),
            ("sentences", prose.integer(len(self.sentences)), "count"),
            ("quotes", prose.integer(len(self.quotes)), "count"),
            ("share of characters quoted", prose.pct(self.quoted_share(), 0), "%"),
            ("numeric expressions", prose.integer(len(self.numbers)), "count"),
            ("quantitative claims", prose.integer(len(self.claims)), "count"),
            ("exact claims", prose.integer(len(groups["exact"])), "count"),
            ("open-ended claims", prose.integer(len(groups["open-ended"])), "count"),
            ("GMV cross-check", check, ""),
        ]
        return pd.DataFrame(rows, columns=["measure", "value", "unit"])

    # --- sentences ------------------------------------------------------------------
    def _name(self, word: str) -> str:
        return gloss(word, self.glossary)

    def _speaker_sentence(self) -> str:
        n = len(self.quotes)
        if n == 0:
            return "The text quotes nobody: every statement in it is the reporter's own."
        who = self.speakers()
        if who.empty:
            return prose.say("The text holds {n} quotes, none attributed to a named person.", n=prose.integer(n))
        top, k = str(who.index[0]), int(who.iloc[0])
        if k == n:
            return prose.say(
                "{all}, {share} of the text's {chars} characters, {are} attributed to {who}: "
                "the article is, in substance, one speaker's argument relayed by the reporter.",
                all=f"All {prose.integer(n)} quotes" if n > 1 else "The text's one quote",
                are=_are(n),
                share=prose.pct(self.quoted_share(), 0),
                chars=prose.integer(len(self.text)),
                who=self._name(top),
            )
        role = "the main voice" if k / n >= MAIN_VOICE else f"the most quoted of {len(who)} speakers"
        return prose.say(
            "{k} of the {n} quotes ({share} of the text's characters are quoted) are attributed to {who}, {role}.",
            k=prose.integer(k),
            n=prose.integer(n),
            share=prose.pct(self.quoted_share(), 0),
            who=self._name(top),
            role=role,
        )

    def _keyword_sentence(self) -> str:
        shared = self.shared_keywords()
        if not shared:
            return prose.say(
                "TF-IDF and TextRank share none of their top {k} keywords; the text's topics are "
                "not identified by its vocabulary.",
                k=prose.integer(self.top_k),
            )
        fragile, pairs = self.fragile_ranks()
        return prose.say(
            "TF-IDF and TextRank agree on {m} of their top {k} keywords; the first they share are {words} "
            "(from {chars} characters of text, one mention more or fewer would tie or swap {f} of the {p} "
            "neighbouring TF-IDF ranks, so the list says more than the order).",
            m=prose.integer(len(shared)),
            k=prose.integer(self.top_k),
            words=", ".join(self._name(w) for w in shared[:5]),
            chars=prose.integer(len(self.text)),
            f=prose.integer(fragile),
            p=prose.integer(pairs),
        )

    def _claims_sentence(self) -> str:
        if self.claims.empty:
            return "The text states no quantitative claim."
        g = self.claim_groups()

        def part(spans: list[str], what: str) -> str:
            return f"{len(spans)} {what} ({', '.join(spans)})" if spans else f"none {what}"

        return prose.say(
            "The text states {n} quantitative claims: {exact}, {open} and {bounded}.",
            n=prose.integer(len(self.claims)),
            exact=part(g["exact"], "exact or approximate"),
            open=part(g["open-ended"], "open-ended, with one bound only"),
            bounded=part(g["bounded"], "bounded on both sides, as ranges or 'nearly' figures"),
        )

    def _gmv_sentence(self) -> str:
        name = platform_name(self.gmv_platform)
        if self.gmv_check is None:
            return "The GMV claim is not checked: no sales table was given."
        if self.gmv_check.empty:
            return "The text makes no GMV claim, so there is nothing to check against the sales data."
        out = []
        for r in self.gmv_check.itertuples(index=False):
            if r.status == "not checked":
                out.append(prose.say("The GMV figure {span} is {verdict}.", span=r.span, verdict=r.verdict))
                continue
            unverified = getattr(r, "dataset_confidence", "") == "unverified"
            out.append(
                prose.say(
                    "The GMV figure {span} {verb} the sales data: {name} {year} is {data}, {diff} from the claim, "
                    "{inside} the ±{tol} the claim's rounding allows{caveat}.",
                    caveat=prose.say(" (the data's figure is itself unverified: {src})", src=r.dataset_source)
                    if unverified
                    else "",
                    span=r.span,
                    verb="agrees with" if r.status == "agrees" else "differs from",
                    name=name,
                    year=self.gmv_year,
                    data=prose.yuan(r.dataset_yuan / 1e8, 2, "亿元"),
                    diff=prose.num(r.difference_yuan / 1e8, 2, signed=True) + " 亿元",
                    inside="within" if r.status == "agrees" else "beyond",
                    tol=prose.yuan(r.tolerance_yuan / 1e8, 1, "亿元"),
                )
            )
        return " ".join(out)

    def _coverage_sentence(self) -> str:
        cov = self.coverage
        by = {s: cov[cov["status"] == s] for s in ("modelled", "planned", "not modelled")}
        parts = [
            prose.say(
                "{m} of the article's {n} arguments {are} modelled by notebooks of this collection ({nbs})",
                m=prose.integer(len(by["modelled"])),
                n=prose.integer(len(cov)),
                are=_are(len(by["modelled"])),
                nbs=", ".join(dict.fromkeys(by["modelled"]["notebook"])) or "none",
            )
        ]
        if len(by["planned"]):
            planned = list(dict.fromkeys(by["planned"]["notebook"]))
            parts.append(
                prose.say(
                    "{p} {are} assigned to {which} not in this build ({nbs})",
                    p=prose.integer(len(by["planned"])),
                    are=_are(len(by["planned"])),
                    which="a notebook" if len(planned) == 1 else "notebooks",
                    nbs=", ".join(planned),
                )
            )
        if len(by["not modelled"]):
            parts.append(
                prose.say(
                    "{q} {are} not modelled ({args})",
                    q=prose.integer(len(by["not modelled"])),
                    are=_are(len(by["not modelled"])),
                    args="; ".join(by["not modelled"]["argument"]),
                )
            )
        return "; ".join(parts) + "."

    def findings(self) -> list[str]:
        """The findings as sentences computed from the results (for ``prose.bullets``).

        Examples
        --------
        >>> r = read_articles(["data/articles/2015-11-14_tencent_jumei_cross_border.txt"])
        >>> len(r.findings())
        5
        """
        return [
            self._speaker_sentence(),
            self._keyword_sentence(),
            self._claims_sentence(),
            self._gmv_sentence(),
            self._coverage_sentence(),
        ]

    def conclusions(self, alt_near_low: float | None = None) -> list[str]:
        """What the text supports, what it does not, and where a reading flips (computed).

        Parameters
        ----------
        alt_near_low : float, optional
            The other reading of "nearly N" to compare with (lower bound as a share of N);
            default 0.5, or 0.9 when the reading itself used 0.5 or less.

        Returns
        -------
        list of str
            Three sentences: supported, not supported, where it flips.

        Examples
        --------
        >>> r = read_articles(["data/articles/2015-11-14_tencent_jumei_cross_border.txt"])
        >>> r.conclusions()[1].startswith("Not supported by the text alone")
        True
        """
        from helpers.text.segment import DEFAULT_STOPWORDS, load_stopwords

        if alt_near_low is None:
            alt_near_low = 0.5 if self.near_low > 0.5 else 0.9

        checked = [] if self.gmv_check is None else self.gmv_check[self.gmv_check["status"] != "not checked"]
        who = self.speakers()
        voice = (
            "the text quotes nobody"
            if self.quotes.empty
            else prose.say(
                "{k} of the {n} quotes are attributed to {who}",
                k=prose.integer(int(who.iloc[0])),
                n=prose.integer(len(self.quotes)),
                who=self._name(str(who.index[0])),
            )
            if not who.empty
            else "no quote is attributed to a named person"
        )
        gmv = self._gmv_sentence()
        supported = prose.say(
            "Supported by the text and the data: {voice}; {gmv}", voice=voice, gmv=gmv[0].lower() + gmv[1:]
        )
        checked_spans = set() if len(checked) == 0 else set(checked["span"])
        rest = self.claims[~self.claims["span"].isin(checked_spans)]
        open_rest = [s for s in rest["span"] if s in set(self.claim_groups()["open-ended"])]
        used = []
        for c in self.coverage[self.coverage["status"] != "not modelled"].itertuples():
            spans = [x for x in c.claims.split(", ") if x and x not in checked_spans]
            if spans:
                used.append(f"{', '.join(spans)} in {c.notebook}")
        not_supported = prose.say(
            "Not supported by the text alone: {n} claims that no data in this collection checks ({spans}), {k} of "
            "them open-ended; they are the speaker's statements, so a model that uses them must treat them as "
            "assumptions with ranges (where notebooks use them: {used}).",
            n=prose.integer(len(rest)),
            spans=", ".join(rest["span"]) or "none",
            k=prose.integer(len(open_rest)),
            used="; ".join(used) or "none",
        )
        iso = load_stopwords(DEFAULT_STOPWORDS[:1])
        iso_kw = keywords(self.tokens, top_k=self.top_k, stopwords=iso)
        entered = [w for w in iso_kw["word"] if w not in set(self.keywords["tfidf"]["word"])]
        more = claims_table(self.text, self.topics, min_exact=2, near_low=self.near_low)
        extra = [s for s in more["span"] if s not in set(self.claims["span"])]
        alt = claims_table(self.text, self.topics, min_exact=self.min_exact, near_low=alt_near_low)
        moved = alt[alt["low"].to_numpy() != self.claims["low"].to_numpy()]
        flips = [
            prose.say(
                "with Stopwords ISO alone, {m} reporting {words} the TF-IDF top {k} ({w})",
                m=prose.integer(len(entered)),
                words="word enters" if len(entered) == 1 else "words enter",
                k=prose.integer(self.top_k),
                w="、".join(entered) or "none",
            ),
            prose.say(
                "counting exact numbers from 2 instead of {t} adds {e} enumerations as claims ({s})",
                t=prose.num(self.min_exact),
                e=prose.integer(len(extra)),
                s=", ".join(extra) or "none",
            ),
            prose.say(
                "reading 'nearly N' from {a} instead of {b} of N lowers the floor of {spans} and "
                "changes no other claim",
                a=prose.num(alt_near_low, 2),
                b=prose.num(self.near_low, 2),
                spans=", ".join(moved["span"]) or "no claim",
            ),
        ]
        if len(checked):
            r = checked.iloc[0]
            flips.insert(
                0,
                prose.say(
                    "the GMV verdict flips if the data's figure moves more than ±{tol} from {span}",
                    tol=prose.yuan(r.tolerance_yuan / 1e8, 1, "亿元"),
                    span=r.span,
                ),
            )
        return [supported, not_supported, "Where a reading flips: " + "; ".join(flips) + "."]


def read_articles(
    article_paths: Sequence[str | os.PathLike[str]],
    *,
    userdict: str | os.PathLike[str] | None = None,
    entities_csv: str | os.PathLike[str] | None = None,
    topics_csv: str | os.PathLike[str] | None = None,
    links_csv: str | os.PathLike[str] | None = None,
    glossary_csv: str | os.PathLike[str] | None = None,
    gmv: pd.DataFrame | None = None,
    gmv_platform: str = "alibaba",
    gmv_year: int | None = None,
    top_k: int = 15,
    near_low: float = NEAR_LOW,
    min_exact: float = 10,
    notebooks_dir: str | os.PathLike[str] | None = None,
) -> ArticleReading:
    """Read articles as one corpus: keywords, entities, quotes, numbers, claims and their checks.

    Parameters
    ----------
    article_paths : sequence of path
        Article text files, each with its ``.meta.json`` (:mod:`helpers.text.articles`).
    userdict, entities_csv, topics_csv, links_csv, glossary_csv : path, optional
        The lexicon and mapping files; defaults are the shipped ones.
    gmv : pandas.DataFrame, optional
        A sales table (``helpers.sales.load_gmv``) to check GMV claims against; None = no check.
    gmv_platform : str
        Platform code of the article's GMV figure in ``gmv``.
    gmv_year : int, optional
        Year the GMV figure refers to; default the first article's publication year.
    top_k : int
        Keywords per method (>= 1).
    near_low : float
        Lower bound of "nearly N" as a share of N, in (0, 1].
    min_exact : float
        Exact counts below this are enumerations, not claims (>= 0).
    notebooks_dir : path, optional
        Where to look for the notebooks that model the arguments.

    Returns
    -------
    ArticleReading

    Raises
    ------
    ParameterError
        No article, or a bad ``top_k``, ``near_low``, ``min_exact`` or ``gmv_year``.
    DataError
        A bad article, lexicon, gloss or mapping file (names file, line and column).

    Examples
    --------
    >>> r = read_articles(["data/articles/2015-11-14_tencent_jumei_cross_border.txt"], top_k=5)
    >>> len(r.quotes), len(r.claims), r.gmv_year
    (13, 11, 2015)
    """
    if isinstance(article_paths, (str, bytes, os.PathLike)) or len(article_paths) == 0:
        raise ParameterError(f"article_paths must be a non-empty list of article files, got {article_paths!r}")
    top_k = validation.integer(top_k, "top_k", low=1)
    near_low = validation.number(near_low, "near_low", low=0, high=1, low_open=True)
    min_exact = validation.number(min_exact, "min_exact", low=0)
    arts = tuple(load_article(p) for p in article_paths)
    year = (
        min(a.date.year for a in arts)
        if gmv_year is None
        else validation.integer(gmv_year, "gmv_year", low=2009, high=2100)
    )
    text = "\n\n".join(a.text for a in arts)
    ents = load_entities(entities_csv)
    tokens = segment(text, userdict)
    topics = load_claim_topics(topics_csv)
    claims = claims_table(text, topics, min_exact=min_exact, near_low=near_low)
    sents = sentences(text)
    return ArticleReading(
        articles=arts,
        text=text,
        sentences=sents,
        tokens=tokens,
        keywords={m: keywords(tokens, method=m, top_k=top_k) for m in METHODS},
        entity_counts=entity_counts(text, ents),
        quotes=corpus_quotes(arts, ents),
        numbers=extract_numbers(text, near_low),
        claims=claims,
        topics=topics,
        gmv_check=None if gmv is None else cross_check_gmv(claims, gmv, year=year, platform=gmv_platform),
        coverage=claim_coverage(load_claim_links(links_csv), claims, sents, notebooks_dir),
        glossary=load_glossary(glossary_csv),
        gmv_platform=gmv_platform,
        gmv_year=year,
        top_k=top_k,
        near_low=near_low,
        min_exact=min_exact,
    )
