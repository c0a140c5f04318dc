"""The TF-IDF vectoriser of the topic model: vocabulary from a sample, chunked transforms."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from .._blocks import map_blocks, resolve_jobs
from ._tokens import Tokens, _stop_set, _tokenize

_BLOCK = 2000         # documents per block of the vocabulary sample and of the counts
_TOKEN_BLOCK = 500    # documents tokenised at a time (the tokens do not depend on it)


def _auto_min_df(n: int) -> int:
    if n <= 50:
        return 1
    return max(2, int(round(n * 2e-5)))


def _auto_max_df(n: int) -> float:
    return 0.5 if n >= 200 else 0.9


def _auto_max_features(n: int) -> int:
    return int(min(40_000, max(2_000, 8 * math.sqrt(n) * 25)))


class TextVectorizer(TransformerMixin, BaseEstimator):
    """Sublinear, L2-normalised TF-IDF over words and adjacent-word bigrams, fast and deterministic.

    Parameters
    ----------
    min_df, max_df : int/float or "auto"
        Document-frequency limits. ``min_df`` is a count (``"auto"``: 1 up to 50 documents, else
        2, growing to 20 at a million); ``max_df`` a fraction (``"auto"``: 0.5, or 0.9 under 200
        documents).
    max_features : int or "auto"
        Keep this many features with the highest document frequency (``"auto"``: from 2,000 for
        tiny corpora to 40,000).
    bigrams : bool
        Add bigrams of adjacent words.
    stop_words : collection of str, optional
        Defaults to :data:`STOP_WORDS`.
    fit_sample : int
        Choose the vocabulary from at most this many documents (evenly spaced blocks), so that
        fitting on many documents costs little; document frequencies come from all documents.
    chunk_size : int
        Documents tokenised at a time (bounds memory).
    n_jobs : int or None
        Threads that tokenise blocks of documents at the same time (None: the cores available,
        at most 8). The matrices are the same for any value.

    Attributes
    ----------
    terms_ : ndarray of str
        Feature names (bigrams with a space).
    idf_ : ndarray of float32
    df_ : ndarray of int64
        Document frequencies in the fitted documents.
    n_docs_ : int

    Examples
    --------
    >>> from sklearn.base import clone
    >>> vec = TextVectorizer(bigrams=True)
    >>> X = vec.fit_transform(["Neural networks for graphs.", "Graph neural networks, again.",
    ...                         "Protein folding."])
    >>> X.shape[0], "neural networks" in set(vec.terms_)
    (3, True)
    >>> clone(vec).get_params()["bigrams"]
    True
    """

    def __init__(self, min_df="auto", max_df="auto", max_features="auto", bigrams=True,
                 stop_words=None, fit_sample=20_000, chunk_size=20_000, n_jobs=None):
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.bigrams = bigrams
        self.stop_words = stop_words
        self.fit_sample = fit_sample
        self.chunk_size = chunk_size
        self.n_jobs = n_jobs

    # -- helpers
    def _tokens(self, texts):
        return _tokenize(list(texts), _stop_set(self.stop_words), self.bigrams, _TOKEN_BLOCK,
                         self.n_jobs)

    @staticmethod
    def _counts(tok: Tokens, codes: np.ndarray, n_features: int) -> sp.csr_matrix:
        ok = codes >= 0
        m = sp.csr_matrix((np.ones(int(ok.sum()), dtype=np.float32),
                           (tok.doc[ok], codes[ok].astype(np.int32))),
                          shape=(tok.n_docs, n_features))
        m.sum_duplicates()
        return m

    def fit(self, texts, y=None):
        """Choose the vocabulary and IDF weights from ``texts`` (a sequence of str); returns self."""
        self.fit_transform(texts)
        return self

    def fit_transform(self, texts, y=None):
        """Fit, then return the TF-IDF matrix of ``texts`` (CSR, float32, rows L2-normalised).

        The vocabulary is chosen from evenly spaced blocks of at most ``fit_sample`` documents;
        document frequencies and IDF weights then come from all of ``texts``.
        """
        texts = list(texts)
        n = len(texts)
        jobs = resolve_jobs(self.n_jobs)
        starts = list(range(0, n, _BLOCK)) or [0]
        want = min(len(starts), max(1, math.ceil(self.fit_sample / _BLOCK)))
        picked = sorted(set(np.linspace(0, len(starts) - 1, want).round().astype(int).tolist()))
        toks = dict(zip(picked, map_blocks(lambda b: self._tokens(texts[starts[b]:starts[b] + _BLOCK]),
                                           picked, jobs)))
        # vocabulary from the sampled blocks
        hashes = np.concatenate([toks[b].hash for b in picked])
        offs = np.cumsum([0] + [toks[b].n_docs for b in picked])
        docs = np.concatenate([toks[b].doc + offs[i] for i, b in enumerate(picked)])
        ns = int(offs[-1])
        codes, uniques = pd.factorize(hashes, sort=False)
        pairs = sp.csr_matrix((np.ones(len(codes), dtype=np.float32),
                               (docs, codes.astype(np.int32))), shape=(max(ns, 1), len(uniques)))
        pairs.sum_duplicates()
        df = np.bincount(pairs.indices, minlength=len(uniques))
        del docs
        min_df = _auto_min_df(ns) if self.min_df == "auto" else self.min_df
        max_df = _auto_max_df(ns) if self.max_df == "auto" else self.max_df
        max_features = (_auto_max_features(ns) if self.max_features == "auto"
                        else self.max_features)
        max_count = max_df * ns if isinstance(max_df, float) else max_df
        cand = np.flatnonzero((df >= min_df) & (df <= max(max_count, 1)))
        if len(cand) == 0:             # tiny or degenerate corpora: keep what there is
            cand = np.flatnonzero(df >= 1)
        # highest df first; ties broken by hash value so the choice is reproducible
        uh = np.asarray(uniques, dtype=np.uint64)
        order = np.lexsort((uh[cand], -df[cand]))
        chosen = np.sort(cand[order[:max_features]])
        # the text of each chosen feature, from one of its occurrences
        occ = np.empty(len(uniques), dtype=np.int64)
        occ[codes] = np.arange(len(codes))
        block_of = np.searchsorted(np.cumsum([len(toks[b].hash) for b in picked]), occ[chosen],
                                   side="right")
        base = np.concatenate([[0], np.cumsum([len(toks[b].hash) for b in picked])])
        terms = []
        for i, b in enumerate(picked):
            sel = np.flatnonzero(block_of == i)
            texts_b = toks[b].text(occ[chosen][sel] - base[i])
            terms.extend(zip(sel.tolist(), texts_b))
        terms.sort()
        self.terms_ = np.array([t for _, t in terms], dtype=object)
        self._index = pd.Index(uh[chosen])
        del codes, uniques, hashes
        # counts for every document (the sampled blocks' from their pairs), then document
        # frequencies over all of them
        sampled = pairs[:, chosen]
        # chosen is sorted, so each row's columns keep the sorted order of pairs' (scipy does
        # not know it and would sort them again)
        sampled.has_sorted_indices = True
        del pairs, toks
        def block_counts(b):
            if b in picked:
                i = picked.index(b)
                return sampled[int(offs[i]):int(offs[i + 1])]
            tok = self._tokens(texts[starts[b]:starts[b] + _BLOCK])
            return self._counts(tok, self._index.get_indexer(tok.hash), len(chosen))

        blocks = map_blocks(block_counts, range(len(starts)), jobs)
        counts = sp.vstack(blocks, format="csr") if len(blocks) > 1 else blocks[0]
        self.df_ = np.bincount(counts.indices, minlength=len(chosen)).astype(np.int64)
        self.n_docs_ = n
        self.idf_ = (np.log((1 + n) / (1 + self.df_)) + 1).astype(np.float32)
        return self._weight(counts)

    def _weight(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        x = counts.astype(np.float32)
        np.log(x.data, out=x.data)
        x.data += 1
        x.data *= self.idf_[x.indices]
        rows = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
        norms = np.sqrt(np.bincount(rows, weights=x.data.astype(np.float64) ** 2,
                                    minlength=x.shape[0])).astype(np.float32)
        x.data /= norms[rows]
        return x

    def transform(self, texts, *, chunks: bool = False):
        """TF-IDF rows of ``texts`` with the fitted vocabulary (CSR, float32, L2-normalised).

        With ``chunks=True`` return an iterator of ``(offset, matrix)`` blocks of ``chunk_size``
        documents instead, for corpora too large to hold at once.
        """
        check_is_fitted(self, "terms_")
        texts = list(texts)
        if chunks:
            return self._iter(texts)
        return sp.vstack([m for _, m in self._iter(texts)] or
                         [sp.csr_matrix((0, len(self.terms_)), dtype=np.float32)], format="csr")

    def _iter(self, texts):
        for off in range(0, len(texts), self.chunk_size):
            tok = self._tokens(texts[off:off + self.chunk_size])
            codes = self._index.get_indexer(tok.hash)
            yield off, self._weight(self._counts(tok, codes, len(self.terms_)))

    def counts(self, texts) -> sp.csr_matrix:
        """Binary document-term matrix (1 where a document has a feature) for ``texts``."""
        check_is_fitted(self, "terms_")
        tok = self._tokens(list(texts))
        m = self._counts(tok, self._index.get_indexer(tok.hash), len(self.terms_))
        m.data[:] = 1
        return m
