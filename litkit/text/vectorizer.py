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


def _block_features(tok: Tokens):
    """A block's features: ``(tok, hashes in order of first appearance, the last occurrence
    of each, the number of documents with each, the documents' counts (CSR, sorted))``."""
    codes, uniq = pd.factorize(tok.hash, sort=False)
    counts = TextVectorizer._counts(tok, codes, len(uniq))
    last = np.empty(len(uniq), dtype=np.int64)
    last[codes] = np.arange(len(codes))
    return tok, np.asarray(uniq, dtype=np.uint64), last, \
        np.bincount(counts.indices, minlength=len(uniq)), counts


def _select_columns(counts: sp.csr_matrix, column: np.ndarray, width: int) -> sp.csr_matrix:
    """``counts`` with its column j moved to ``column[j]`` (dropped where -1), rows sorted."""
    new = column[counts.indices]
    keep = new >= 0
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))[keep]
    indptr = np.zeros(counts.shape[0] + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=counts.shape[0]), out=indptr[1:])
    out = sp.csr_matrix((counts.data[keep], new[keep].astype(np.int32), indptr),
                        shape=(counts.shape[0], width))
    out.sort_indices()
    return out


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
        # each sampled block on its own (on the threads): its features in order of first
        # appearance, its documents' counts of them, the last occurrence of each
        sample = dict(zip(picked, map_blocks(
            lambda b: _block_features(self._tokens(texts[starts[b]:starts[b] + _BLOCK])),
            picked, jobs)))
        # the vocabulary of the sample: features in order of first appearance over the blocks
        # (the same order as over all their tokens), document frequencies summed
        local = [sample[b][1] for b in picked]
        codes, uniques = pd.factorize(np.concatenate(local), sort=False)
        bounds = np.cumsum([0] + [len(u) for u in local])
        df = np.bincount(codes, weights=np.concatenate([sample[b][3] for b in picked]),
                         minlength=len(uniques)).astype(np.int64)
        ns = sum(sample[b][0].n_docs for b in picked)
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
        column = np.full(len(uniques), -1, dtype=np.int64)
        column[chosen] = np.arange(len(chosen))
        # the text of each chosen feature, from its last occurrence in the sample
        last_block = np.empty(len(uniques), dtype=np.int64)
        last_pos = np.empty(len(uniques), dtype=np.int64)
        for i, b in enumerate(picked):
            g = codes[bounds[i]:bounds[i + 1]]
            last_block[g] = i
            last_pos[g] = sample[b][2]
        terms = np.empty(len(chosen), dtype=object)
        for i, b in enumerate(picked):
            sel = np.flatnonzero(last_block[chosen] == i)
            terms[sel] = sample[b][0].text(last_pos[chosen][sel])
        self.terms_ = terms
        self._index = pd.Index(uh[chosen])
        # the sampled blocks' counts in the chosen columns
        counted = dict(zip(picked, map_blocks(
            lambda i: _select_columns(sample[picked[i]][4],
                                      column[codes[bounds[i]:bounds[i + 1]]], len(chosen)),
            range(len(picked)), jobs)))
        del sample, codes, uniques, local

        # counts for every document, then document frequencies over all of them
        def block_counts(b):
            if b in counted:
                return counted[b]
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
