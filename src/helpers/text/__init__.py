"""Reading Chinese news text: articles, sentences, words, keywords, entities, quotes, numbers, claims.

The modules, from the text up (each imports only those above it):

* :mod:`~helpers.text.articles` -- an article file and its metadata record; a corpus.
* :mod:`~helpers.text.sentences` -- sentences and clauses by character offset.
* :mod:`~helpers.text.segment` -- jieba segmentation with the domain lexicon; stop words.
* :mod:`~helpers.text.keywords` -- TF-IDF (Spärck Jones 1972) and TextRank (Mihalcea & Tarau 2004).
* :mod:`~helpers.text.lexicon` -- the entity list, mentions and counts.
* :mod:`~helpers.text.glosses` -- English glosses stored as data (quotes, a word glossary).
* :mod:`~helpers.text.quotes` -- quoted passages, their speakers and glosses.
* :mod:`~helpers.text.numbers` -- numeric expressions in Chinese (values, bounds, qualifiers).
* :mod:`~helpers.text.claims` -- quantitative claims, the GMV cross-check, claim-to-notebook coverage.
* :mod:`~helpers.text.report` -- one call that runs all of the above and states the findings.

Heavy libraries (pandas, numpy, jieba, cn2an) load only when a function needs them, so
``import helpers.text`` stays cheap. Charts of these results are in
:mod:`helpers.charts.text`. The old modules ``helpers.numbers_zh``, ``helpers.claims`` and
``helpers.articles`` still import, with a ``DeprecationWarning``.

Examples
--------
>>> from helpers import text
>>> text.parse_number("近万封").qualifier
'nearly'
"""

from __future__ import annotations

from helpers.text.articles import (
    META_SUFFIX,
    REQUIRED_META,
    TEXT_SUFFIX,
    Article,
    corpus_frame,
    load_article,
    load_corpus,
)
from helpers.text.claims import (
    CHECK_COLUMNS,
    CHECK_STATUSES,
    CLAIM_COLUMNS,
    COVERAGE_COLUMNS,
    DEFAULT_LINKS,
    DEFAULT_TOPICS,
    LABEL_UNITS,
    check_table,
    claim_coverage,
    claims_table,
    cross_check_gmv,
    load_claim_links,
    load_claim_topics,
    load_sales_table,
    platform_name,
)
from helpers.text.glosses import DEFAULT_GLOSSARY, add_quote_glosses, gloss, load_glossary, load_quote_glosses
from helpers.text.keywords import METHODS, idf_table, is_candidate, keywords, textrank, tfidf
from helpers.text.lexicon import (
    DEFAULT_ENTITIES,
    ENTITY_TYPE_NAMES,
    ENTITY_TYPES,
    LEXICON_DIR,
    entity_counts,
    entity_mentions,
    load_entities,
)
from helpers.text.numbers import (
    COLUMNS,
    KINDS,
    NEAR_LOW,
    QUALIFIERS,
    UNIT_WORDS,
    Number,
    extract_numbers,
    parse_number,
    reading,
    readings,
    scan,
)
from helpers.text.quotes import QUOTE_COLUMNS, corpus_quotes, quotes, quotes_markdown
from helpers.text.report import ArticleReading, read_articles
from helpers.text.segment import DEFAULT_STOPWORDS, DEFAULT_USERDICT, load_stopwords, segment, tokenizer
from helpers.text.sentences import SentenceIndex, clause_at, sentence_spans, sentences

__all__ = [
    "CHECK_COLUMNS",
    "CHECK_STATUSES",
    "CLAIM_COLUMNS",
    "COLUMNS",
    "COVERAGE_COLUMNS",
    "DEFAULT_ENTITIES",
    "DEFAULT_GLOSSARY",
    "DEFAULT_LINKS",
    "DEFAULT_STOPWORDS",
    "DEFAULT_TOPICS",
    "DEFAULT_USERDICT",
    "ENTITY_TYPES",
    "ENTITY_TYPE_NAMES",
    "KINDS",
    "LABEL_UNITS",
    "LEXICON_DIR",
    "METHODS",
    "META_SUFFIX",
    "NEAR_LOW",
    "QUALIFIERS",
    "QUOTE_COLUMNS",
    "REQUIRED_META",
    "TEXT_SUFFIX",
    "UNIT_WORDS",
    "Article",
    "ArticleReading",
    "Number",
    "SentenceIndex",
    "add_quote_glosses",
    "check_table",
    "claim_coverage",
    "claims_table",
    "clause_at",
    "corpus_frame",
    "corpus_quotes",
    "cross_check_gmv",
    "entity_counts",
    "entity_mentions",
    "extract_numbers",
    "gloss",
    "idf_table",
    "is_candidate",
    "keywords",
    "load_article",
    "load_claim_links",
    "load_claim_topics",
    "load_corpus",
    "load_entities",
    "load_glossary",
    "load_quote_glosses",
    "load_sales_table",
    "load_stopwords",
    "parse_number",
    "platform_name",
    "quotes",
    "quotes_markdown",
    "read_articles",
    "reading",
    "readings",
    "scan",
    "segment",
    "sentence_spans",
    "sentences",
    "textrank",
    "tfidf",
    "tokenizer",
]
