"""Speed of the text pipeline (segment + numbers + keywords) against bare ``jieba.lcut``.

Run with ``python benchmarks/bench_text.py [megabytes]`` (or ``make bench``). The corpus is
built in memory, deterministically: the sentences of the shipped articles shuffled with a
fixed seed and repeated until it holds ~10 MB of UTF-8 text. Both sides run after their
dictionaries are loaded (the load is timed once, separately); the ratio is
pipeline time / bare jieba time, goal <= 1.5.
"""

from __future__ import annotations

import logging
import sys
import time

import numpy as np

from helpers import text as tx
from helpers.articles import load_corpus

SEED = 20151111


def build_corpus(megabytes: float = 10.0, seed: int = SEED) -> str:
    """About ``megabytes`` MB (UTF-8) of text: the articles' sentences, shuffled, repeated.

    Parameters
    ----------
    megabytes : float
        Target size in MB (1e6 bytes of UTF-8).
    seed : int
        Seed of the shuffle.

    Returns
    -------
    str
    """
    rng = np.random.default_rng(seed)
    pool = [s for a in load_corpus("data/articles") for s in tx.sentences(a.text)]
    target = int(megabytes * 1e6)
    parts: list[str] = []
    size = 0
    while size < target:
        for i in rng.permutation(len(pool)):
            parts.append(pool[i])
            size += len(pool[i].encode("utf-8"))
            if size >= target:
                break
        parts.append("\n")
    return "".join(parts)


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def main(megabytes: float = 10.0) -> None:
    """Print a table: step, seconds, share of bare jieba; then the ratio."""
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    corpus = build_corpus(megabytes)
    n_bytes = len(corpus.encode("utf-8"))
    load_jieba, _ = _timed(lambda: jieba.dt.check_initialized())
    load_ours, _ = _timed(lambda: tx.tokenizer())
    tx.load_stopwords()
    tx.keywords("预热", top_k=1)  # loads the IDF table once

    t_bare, bare = _timed(lambda: jieba.lcut(corpus))
    t_seg, tokens = _timed(lambda: tx.segment(corpus))
    t_num, numbers = _timed(lambda: tx.extract_numbers(corpus))
    t_tfidf, _ = _timed(lambda: tx.keywords(tokens, "tfidf", top_k=20))
    t_tr, _ = _timed(lambda: tx.keywords(tokens, "textrank", top_k=20))
    rows = [
        ("dictionary load: jieba (once per process)", load_jieba),
        ("dictionary load: ours, + user dict (once)", load_ours),
        ("bare jieba.lcut", t_bare),
        ("segment (jieba + lexicon)", t_seg),
        ("extract_numbers", t_num),
        ("keywords tfidf (from tokens)", t_tfidf),
        ("keywords textrank (from tokens)", t_tr),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"corpus: {n_bytes / 1e6:.1f} MB UTF-8, {len(corpus):,} characters, {len(bare):,} jieba tokens, "
          f"{len(tokens):,} tokens with the lexicon, {len(numbers):,} numeric expressions")  # fmt: skip
    print(f"{'step':<{width}}  {'seconds':>8}  {'x bare':>7}")
    for name, sec in rows:
        print(f"{name:<{width}}  {sec:8.2f}  {sec / t_bare:7.2f}")
    pipeline = t_seg + t_num + t_tfidf
    print(f"ratio (segment + numbers + tfidf keywords) / bare jieba.lcut: {pipeline / t_bare:.2f} (goal <= 1.5)")
    print(f"ratio with textrank keywords as well:                        {(pipeline + t_tr) / t_bare:.2f}")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 10.0)
