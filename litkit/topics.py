"""Topics: a fast, deterministic, explained TF-IDF topic model, and topics over time.

Pipeline of :class:`TopicModel` (every step seeded by ``random_state``):

1. text = title + abstract (the title alone without an abstract; papers with neither get no topic);
2. :class:`litkit.text.TextVectorizer`: words and adjacent-word bigrams, English + scholarly stop
   words, sublinear, L2-normalised TF-IDF, vocabulary limits that adapt to corpus size;
3. LSA: a randomized truncated SVD fitted on a sample of documents (at most ``svd_sample``), every
   document projected on it and L2-normalised, so that cosine similarity is a dot product;
4. spherical k-means (k-means++ seeding, ``n_init`` starts, the lowest inertia kept), then every
   paper is assigned to its most similar centroid;
5. self-training in term space: a few hard-EM steps of a multinomial naive Bayes on the full
   TF-IDF rows, started from the k-means topics, move papers across topic borders (the LSA space
   keeps only the main directions of the vocabulary; rare but telling terms count here); new
   papers are assigned by that classifier. A paper's membership strength is its cosine
   similarity to its topic's centroid in the LSA space;
6. topic labels from class-based distinctiveness: terms much more frequent in a topic than in the
   corpus (``p(t|topic) * log(p(t|topic) / p(t))``), bigrams preferred over their words.

Above ``large_threshold`` papers the vocabulary, SVD and centroids are learnt from an evenly spaced
sample and all papers are then assigned chunk by chunk, so memory stays bounded (a progress bar shows
when ``verbose=True``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.preprocessing import normalize
from sklearn.utils.extmath import randomized_svd
from threadpoolctl import threadpool_limits

from .dask import dispatch, is_dask
from .text import TextVectorizer, paper_texts

__all__ = ["TopicModel", "topic_stability", "topics_over_time", "emerging_topics", "topic_map",
           "Stability"]


_SVD_ITERS = 3        # power iterations of the randomized SVD
_REFINE_ITERS = 5     # spherical k-means steps on all papers after k-means on a sample
_NB_ITERS = 5         # hard-EM reassignment steps with a multinomial naive Bayes in term space
_NB_SMOOTH = 0.1      # its additive smoothing, as a fraction of the mean TF-IDF mass per cell


def _rng(seed) -> np.random.Generator:
    return np.random.default_rng(seed)


def _kmeans(Z: np.ndarray, k: int, seed: int, n_init: int, max_iter: int = 100) -> np.ndarray:
    """Spherical k-means on unit rows: returns unit centroids (k, d)."""
    km = KMeans(n_clusters=k, n_init=n_init, random_state=seed, max_iter=max_iter,
                init="k-means++").fit(Z)
    return normalize(km.cluster_centers_.astype(np.float32))


def _refine(Z: np.ndarray, centers: np.ndarray, k: int, iters: int) -> np.ndarray:
    """Spherical k-means (Lloyd) steps from ``centers`` on all rows of ``Z``."""
    n = len(Z)
    for _ in range(iters):
        lab = (Z @ centers.T).argmax(axis=1)
        M = sp.csr_matrix((np.ones(n, dtype=np.float32), (lab, np.arange(n))), shape=(k, n))
        new = np.asarray(M @ Z, dtype=np.float32)
        empty = np.abs(new).sum(axis=1) == 0
        new[empty] = centers[empty]
        new = normalize(new)
        if np.allclose(new, centers, atol=1e-6):
            return new
        centers = new
    return centers


def _assign(Z: np.ndarray, centers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    sim = Z @ centers.T
    lab = sim.argmax(axis=1)
    return lab, sim[np.arange(len(lab)), lab]


def _nb_params(X: sp.csr_matrix, lab: np.ndarray, k: int, alpha: float):
    """Log term probabilities (k, V) and log priors (k,) of a multinomial naive Bayes on ``X``."""
    n = X.shape[0]
    M = sp.csr_matrix((np.ones(n, dtype=np.float32), (lab, np.arange(n))), shape=(k, n))
    W = np.asarray((M @ X).todense(), dtype=np.float64) + alpha
    logp = np.log(W / W.sum(axis=1, keepdims=True)).astype(np.float32)
    sizes = np.bincount(lab, minlength=k)
    return logp, np.log(sizes / n).astype(np.float32)


def _nb_refine(X: sp.csr_matrix, lab: np.ndarray, k: int, iters: int = _NB_ITERS,
               smooth: float = _NB_SMOOTH):
    """Self-training in term space: starting from the k-means topics, a few hard-EM steps of a
    multinomial naive Bayes on the TF-IDF rows (each step refits the term distributions and the
    topic priors on the current topics, then moves every paper to its most probable topic).

    The k-means topics live in the LSA space, which keeps only the main directions of the
    vocabulary; these steps let the full vocabulary (rare but telling terms and bigrams) reshape
    the borders. A step that would empty a topic is not taken. Returns the labels and the final
    model ``(logp, logprior)``
    that gives them (None when no step was taken: the k-means topics stay).
    """
    alpha = max(smooth * float(X.data.sum()) / max(1, k * X.shape[1]), 1e-6)
    model = None
    for _ in range(iters):
        params = _nb_params(X, lab, k, alpha)
        new = _nb_predict(X, *params)
        if np.bincount(new, minlength=k).min() == 0:
            break
        changed = not np.array_equal(new, lab)
        lab, model = new, params
        if not changed:
            break
    return lab, model


def _nb_predict(X: sp.csr_matrix, logp: np.ndarray, logprior: np.ndarray) -> np.ndarray:
    """The most probable topic of each row of ``X`` under the naive Bayes ``(logp, logprior)``."""
    return (np.asarray(X @ logp.T) + logprior).argmax(axis=1).astype(np.int64)


def _strength(Z: np.ndarray, centers: np.ndarray, lab: np.ndarray) -> np.ndarray:
    """Cosine similarity of each row to its topic's centroid, clipped to [0, 1]."""
    return np.clip(np.einsum("ij,ij->i", Z, centers[lab]), 0, 1)


def _best_match(ref: np.ndarray, other: np.ndarray, k: int) -> np.ndarray:
    """Per reference topic, the Jaccard overlap with its matched topic in ``other`` (Hungarian)."""
    a = np.zeros((k, int(other.max()) + 1 if len(other) else 1))
    np.add.at(a, (ref, other), 1)
    size_r = a.sum(axis=1, keepdims=True)
    size_o = a.sum(axis=0, keepdims=True)
    jac = a / np.maximum(size_r + size_o - a, 1)
    rows, cols = linear_sum_assignment(-jac)
    out = np.zeros(k)
    out[rows] = jac[rows, cols]
    return out


class TopicModel:
    """Topic clustering of papers on title + abstract, scikit-learn style.

    Parameters
    ----------
    n_topics : int or "auto"
        Number of topics, or ``"auto"`` to choose it from silhouette and stability evidence
        (kept in ``k_scores_``).
    random_state : int
        Seed of every random step; the same seed gives the same labels in any process.
    n_components : int
        LSA dimensions (fewer for small corpora).
    n_init : int
        k-means++ starts; the one with the lowest inertia is kept.
    svd_sample : int
        Documents the SVD is fitted on (all when fewer).
    k_range : tuple of int, optional
        ``(min, max)`` candidates for ``n_topics="auto"`` (default: 3 to 25, fewer on tiny corpora;
        every k up to 10, then every other one).
    stability_runs : int
        Refits (other seeds, 80% subsamples) used for the ``stability`` column of ``topics_``;
        0 to skip.
    n_terms : int
        Top terms kept per topic.
    n_representative : int
        Representative paper ids per topic (most central first).
    large_threshold : int
        Above this many papers, learn from a sample and assign all papers in chunks.
    chunk_size : int
        Papers per chunk on the large-corpus path.
    kmeans_sample : int
        Above this many papers, k-means++ and its ``n_init`` starts run on a sample of this size,
        followed by spherical k-means steps on all papers.
    nb_iters : int
        After k-means, at most this many self-training steps of a multinomial naive Bayes on the
        full TF-IDF vocabulary move papers across topic borders (0: keep the k-means topics).
        New papers are then assigned by that classifier.
    min_df, max_df, max_features, bigrams, stop_words
        Passed to :class:`litkit.text.TextVectorizer`.
    n_threads : int or None
        Threads for BLAS and k-means (None: the libraries' default). One thread is the default:
        the matrices are small, and on a shared machine extra threads mostly wait for each other.
    verbose : bool
        Show a progress bar on long fits.

    Attributes
    ----------
    labels_ : Series of Int64
        Topic per paper, aligned with the fitted ``papers.index``; NA for papers with no text.
    strength_ : Series of Float64
        Cosine similarity of each paper to its topic's centroid (0 to 1; NA without text).
    topics_ : DataFrame
        topic, size, label, top_terms (list), representative_ids (list), stability.
    k_scores_ : DataFrame or None
        With ``n_topics="auto"``: k, silhouette, stability, inertia, chosen.
    n_topics_ : int
    stability_ : float
        Mean adjusted Rand index between the fit and the refits (NaN when skipped).
    terms_ : ndarray of str
        The vocabulary.

    Examples
    --------
    >>> import litkit
    >>> papers = litkit.read("data/arxiv-sample.jsonl.gz")
    >>> model = litkit.TopicModel(n_topics=8, random_state=0).fit(papers)
    >>> model.topics_[["topic", "size", "label"]]            # doctest: +SKIP
    """

    def __init__(self, n_topics="auto", random_state=0, *, n_components=100, n_init=3,
                 svd_sample=25_000, k_range=None, stability_runs=3, n_terms=10,
                 n_representative=3, large_threshold=150_000, chunk_size=20_000,
                 kmeans_sample=30_000,
                 nb_iters=5, min_df="auto", max_df="auto", max_features="auto", bigrams=True,
                 stop_words=None, n_threads=1, verbose=False):
        self.n_topics = n_topics
        self.random_state = random_state
        self.n_components = n_components
        self.n_init = n_init
        self.svd_sample = svd_sample
        self.k_range = k_range
        self.stability_runs = stability_runs
        self.n_terms = n_terms
        self.n_representative = n_representative
        self.large_threshold = large_threshold
        self.kmeans_sample = kmeans_sample
        self.nb_iters = nb_iters
        self.chunk_size = chunk_size
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.bigrams = bigrams
        self.stop_words = stop_words
        self.n_threads = n_threads
        self.verbose = verbose

    # ------------------------------------------------------------------ fitting
    def _vectorizer(self) -> TextVectorizer:
        return TextVectorizer(min_df=self.min_df, max_df=self.max_df,
                              max_features=self.max_features, bigrams=self.bigrams,
                              stop_words=self.stop_words, chunk_size=self.chunk_size)

    def _check_k(self, n_docs: int) -> None:
        if self.n_topics != "auto":
            if not isinstance(self.n_topics, (int, np.integer)) or self.n_topics < 1:
                raise ValueError(f"n_topics must be a positive int or 'auto', got {self.n_topics!r}")
            if self.n_topics > n_docs:
                raise ValueError(f"n_topics={self.n_topics} but only {n_docs} paper(s) have text; "
                                 "ask for fewer topics")

    def _project(self, X: sp.csr_matrix) -> np.ndarray:
        Z = np.asarray(X @ self._components.T, dtype=np.float32)
        return normalize(Z, copy=False)

    def _fit_space(self, X: sp.csr_matrix, seed: int) -> np.ndarray:
        n, v = X.shape
        nc = int(max(1, min(self.n_components, n - 1, v - 1)))
        rng = _rng(seed)
        rows = np.sort(rng.choice(n, self.svd_sample, replace=False)) if n > self.svd_sample \
            else np.arange(n)
        if nc >= min(len(rows), v) or v < 3:
            # too small for a reduction: the identity on the features
            self._components = np.eye(v, dtype=np.float32)
        else:
            _, _, vt = randomized_svd(X[rows], nc, n_iter=_SVD_ITERS, random_state=seed)
            # fix the sign of each component so that results do not depend on the solver
            signs = np.sign(vt[np.arange(len(vt)), np.abs(vt).argmax(axis=1)])
            self._components = (vt * signs[:, None]).astype(np.float32)
        return self._project(X)

    def fit(self, papers: pd.DataFrame, y=None) -> "TopicModel":
        """Fit topics on ``papers`` (a papers table); returns ``self``."""
        if is_dask(papers):  # a Dask DataFrame: litkit/dask (learns from a sample)
            return dispatch("fit", self, papers)
        with threadpool_limits(self.n_threads):
            return self._fit(papers)

    def _fit(self, papers: pd.DataFrame) -> "TopicModel":
        # whether each paper has text, without building a million joined strings at once
        has = np.zeros(len(papers), dtype=bool)
        for off in range(0, len(papers), self.chunk_size):
            has[off:off + self.chunk_size] = \
                paper_texts(papers.iloc[off:off + self.chunk_size]).notna().to_numpy()
        n = int(has.sum())
        if n == 0:
            raise ValueError("no paper has a title or an abstract: nothing to find topics in")
        self._check_k(n)
        seed = int(self.random_state)
        large = n > self.large_threshold
        pos = np.flatnonzero(has)
        if large:
            fit_rows = pos[np.linspace(0, n - 1, min(n, self.large_threshold)).round().astype(int)]
        else:
            fit_rows = pos
        docs = paper_texts(papers.iloc[fit_rows]).tolist()
        self.vectorizer_ = self._vectorizer()
        X = self.vectorizer_.fit_transform(docs)
        self.terms_ = self.vectorizer_.terms_
        Z = self._fit_space(X, seed)
        # number of topics
        self.k_scores_ = None
        if self.n_topics == "auto":
            k, self.k_scores_ = self._choose_k(Z, seed)
        else:
            k = int(self.n_topics)
        self.n_topics_ = k
        if k == 1:
            self.centers_ = normalize(Z.mean(axis=0, keepdims=True))
        elif len(Z) > self.kmeans_sample:
            # k-means++ starts on a sample, then spherical Lloyd steps on every paper
            rows = np.sort(_rng(seed + 1).choice(len(Z), self.kmeans_sample, replace=False))
            self.centers_ = _refine(Z, _kmeans(Z[rows], k, seed, self.n_init), k, _REFINE_ITERS)
        else:
            self.centers_ = _kmeans(Z, k, seed, self.n_init)
        lab, strength = _assign(Z, self.centers_)
        self._nb = None
        if k > 1 and self.nb_iters > 0:
            lab, self._nb = _nb_refine(X, lab, k, self.nb_iters)
            if self._nb is not None:
                M = sp.csr_matrix((np.ones(len(lab), dtype=np.float32), (lab, np.arange(len(lab)))),
                                  shape=(k, len(lab)))
                self.centers_ = normalize(np.asarray(M @ Z, dtype=np.float32))
                strength = _strength(Z, self.centers_, lab)
        # topics numbered by size (largest first), ties by centroid order: stable across runs
        sizes = np.bincount(lab, minlength=k)
        order = np.lexsort((np.arange(k), -sizes))
        self.centers_ = self.centers_[order]
        if self._nb is not None:
            self._nb = (self._nb[0][order], self._nb[1][order])
        rank = np.empty(k, dtype=np.int64)
        rank[order] = np.arange(k)
        lab = rank[lab]
        self._Z = Z if not large else None
        self._fit_labels = lab
        # labels for every paper
        full_lab = np.full(len(papers), -1, dtype=np.int64)
        full_str = np.full(len(papers), np.nan)
        if large:
            full_lab[pos], full_str[pos] = self._assign_chunks(papers, pos)
        else:
            full_lab[pos], full_str[pos] = lab, strength
        self.labels_ = pd.Series(pd.array(np.where(full_lab >= 0, full_lab, 0), dtype="Int64"),
                                 index=papers.index, name="topic")
        self.labels_[full_lab < 0] = pd.NA
        self.strength_ = pd.Series(pd.array(full_str, dtype="Float64"), index=papers.index,
                                   name="strength")
        ids = papers["id"].iloc[fit_rows].astype("string").to_numpy() if "id" in papers \
            else np.asarray(papers.index[fit_rows].astype(str))
        self._ids = ids if not large else None
        self.topics_ = self._describe(X, lab, strength, ids, k)
        per_topic, overall = self._stability(Z, lab, k, seed, self.stability_runs)
        self.topics_["stability"] = pd.array(per_topic, dtype="Float64")
        self.stability_ = overall
        return self

    def _assign_chunks(self, papers, pos):
        labs, strs = [], []
        steps = range(0, len(pos), self.chunk_size)
        if self.verbose:
            from tqdm.auto import tqdm
            steps = tqdm(steps, desc="assigning topics", unit="chunk")
        for off in steps:
            rows = pos[off:off + self.chunk_size]
            docs = paper_texts(papers.iloc[rows]).tolist()
            lab, s = self._predict(self.vectorizer_.transform(docs))
            labs.append(lab)
            strs.append(s)
        return np.concatenate(labs), np.concatenate(strs)

    # ------------------------------------------------------------------ choosing k
    def _choose_k(self, Z: np.ndarray, seed: int):
        n = len(Z)
        if self.k_range is not None:
            lo, hi = self.k_range
        else:
            lo, hi = (3 if n >= 30 else 2), max(2, min(25, n // 5))
        hi = min(hi, n - 1)
        lo = min(max(2, lo), hi)
        rng = _rng(seed)
        m = min(n, 2000)
        rows = np.sort(rng.choice(n, m, replace=False)) if n > m else np.arange(n)
        S = Z[rows]
        half = np.sort(rng.choice(m, max(2, int(0.8 * m)), replace=False))
        records = []
        grid = sorted({*range(lo, min(hi, 10) + 1), *range(12, hi + 1, 2), hi})
        for k in grid:
            km = KMeans(k, n_init=2, random_state=seed).fit(S)
            lab = km.labels_
            sil = silhouette_score(S, lab) if 1 < len(np.unique(lab)) < m else np.nan
            # stability: another seed on an 80% subsample, compared on all sample points
            km2 = KMeans(k, n_init=1, random_state=seed + 1).fit(S[half])
            stab = adjusted_rand_score(lab, km2.predict(S))
            records.append((k, float(sil), float(stab), float(km.inertia_)))
        table = pd.DataFrame(records, columns=["k", "silhouette", "stability", "inertia"])
        table["k"] = table["k"].astype("Int64")
        best = table["silhouette"].fillna(-1).to_numpy()
        # among the k within 0.005 of the best silhouette, the most stable one (then the smallest)
        near = best >= np.nanmax(best) - 0.005
        cand = table[near].sort_values(["stability", "k"], ascending=[False, True], kind="stable")
        k = int(cand["k"].iloc[0])
        table["chosen"] = table["k"] == k
        for c in ("silhouette", "stability", "inertia"):
            table[c] = table[c].astype("Float64")
        return k, table

    # ------------------------------------------------------------------ describing
    def _describe(self, X, lab, strength, ids, k) -> pd.DataFrame:
        n = X.shape[0]
        B = X.copy()
        B.data[:] = 1
        M = sp.csr_matrix((np.ones(n, dtype=np.float32), (lab, np.arange(n))), shape=(k, n))
        dfc = np.asarray((M @ B).todense())                 # (k, V) documents with the term
        sizes = np.bincount(lab, minlength=k)
        p_t = (dfc.sum(axis=0) + 0.5) / (n + 1)
        p_tc = (dfc + 0.5 / k) / (sizes[:, None] + 1)
        score = p_tc * np.log(p_tc / p_t)
        terms = self.terms_
        rows = []
        for t in range(k):
            top = np.lexsort((np.arange(len(terms)), -score[t]))[: max(self.n_terms * 3, 30)]
            top = [i for i in top if score[t, i] > 0] or list(top[:1])
            top_terms = [terms[i] for i in top[: self.n_terms]]
            members = np.flatnonzero(lab == t)
            central = members[np.argsort(-strength[members], kind="stable")][: self.n_representative]
            rows.append((t, int(sizes[t]), _label([terms[i] for i in top]), top_terms,
                         [str(x) for x in ids[central]]))
        out = pd.DataFrame(rows, columns=["topic", "size", "label", "top_terms", "representative_ids"])
        out["topic"] = out["topic"].astype("Int64")
        out["size"] = out["size"].astype("Int64")
        out["label"] = out["label"].astype("string")
        return out

    def _stability(self, Z, lab, k, seed, runs):
        if runs <= 0 or k < 2:
            return np.full(k, np.nan), float("nan")
        n = len(Z)
        m = min(n, 20_000)
        rng = _rng(seed + 7919)
        jac, aris = [], []
        for r in range(runs):
            rows = np.sort(rng.choice(n, max(k, int(0.8 * m)), replace=False))
            centers = _kmeans(Z[rows], k, seed + 1 + r, 1)
            other, _ = _assign(Z[rows], centers)
            jac.append(_best_match(lab[rows], other, k))
            aris.append(adjusted_rand_score(lab[rows], other))
        return np.mean(jac, axis=0), float(np.mean(aris))

    # ------------------------------------------------------------------ using
    def _predict(self, X: sp.csr_matrix, Z: np.ndarray | None = None):
        """Topic and membership strength of TF-IDF rows ``X`` (``Z``: their LSA projection)."""
        if Z is None:
            Z = self._project(X)
        if getattr(self, "_nb", None) is None:
            return _assign(Z, self.centers_)
        lab = _nb_predict(X, *self._nb)
        return lab, _strength(Z, self.centers_, lab)

    def _check_fitted(self):
        if not hasattr(self, "centers_"):
            raise ValueError("this TopicModel is not fitted yet: call fit(papers) first")

    def transform(self, papers: pd.DataFrame, return_strength: bool = False):
        """Assign papers to the fitted topics.

        Parameters
        ----------
        papers : DataFrame
            A papers table (new papers or the fitted ones).
        return_strength : bool
            Also return the membership strength (cosine similarity to the topic centroid).

        Returns
        -------
        labels : Series of Int64 aligned with ``papers.index`` (NA for papers with no text)
        strength : Series of Float64, only with ``return_strength=True``
        """
        self._check_fitted()
        with threadpool_limits(self.n_threads):
            return self._transform(papers, return_strength)

    def _transform(self, papers, return_strength):
        texts = paper_texts(papers)
        has = texts.notna().to_numpy()
        lab = np.full(len(papers), -1, dtype=np.int64)
        st = np.full(len(papers), np.nan)
        pos = np.flatnonzero(has)
        if len(pos):
            lab[pos], st[pos] = self._predict(self.vectorizer_.transform(texts.iloc[pos].tolist()))
        labels = pd.Series(pd.array(np.where(lab >= 0, lab, 0), dtype="Int64"), index=papers.index,
                           name="topic")
        labels[lab < 0] = pd.NA
        if not return_strength:
            return labels
        return labels, pd.Series(pd.array(st, dtype="Float64"), index=papers.index, name="strength")

    def fit_transform(self, papers: pd.DataFrame, y=None) -> pd.Series:
        """Fit, then return ``labels_``."""
        return self.fit(papers).labels_

    def coordinates(self, papers: pd.DataFrame | None = None) -> pd.DataFrame:
        """2-D coordinates of papers for a topic map (see :func:`topic_map`)."""
        return topic_map(self, papers)


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _label(terms: list[str], n: int = 3) -> str:
    """A short label: the first distinctive terms; a bigram replaces the words it contains and
    a word already there in another number ("llm", "llms") is skipped."""
    chosen: list[str] = []
    seen: set[str] = set()
    for t in terms:
        parts = [_stem(p) for p in t.split()]
        if len(parts) > 1:
            if all(p in seen for p in parts) and any(" " in c for c in chosen):
                continue
            # a bigram absorbs the words already chosen
            chosen = [c for c in chosen if " " in c or _stem(c) not in parts]
            chosen.append(t)
            seen.update(parts)
        else:
            if parts[0] in seen:
                continue
            chosen.append(t)
            seen.add(parts[0])
        if len(chosen) >= n:
            break
    return ", ".join(chosen[:n])


# ---------------------------------------------------------------------- stability
@dataclass
class Stability:
    """Agreement of refits with a reference fit.

    Attributes
    ----------
    per_topic : DataFrame
        topic, label, size, jaccard (mean best-match overlap over the refits), jaccard_min.
    runs : DataFrame
        run, seed, ari (adjusted Rand index with the reference on the resampled papers).
    overall : float
        Mean adjusted Rand index over the runs.
    """

    per_topic: pd.DataFrame
    runs: pd.DataFrame
    overall: float


def topic_stability(papers: pd.DataFrame, model=None, n_runs: int = 5, *, sample: float = 0.8,
                    random_state: int = 0, **params) -> Stability:
    """How much topics agree across refits with other seeds on bootstrap-like subsamples.

    The reference is ``model`` (a fitted :class:`TopicModel`, or an unfitted one / ``params``
    that is fitted here on ``papers``). Each run draws ``sample`` of the papers without
    replacement and refits the clustering with another seed in the model's LSA space; topics
    are matched to the reference by the Hungarian method on their overlaps.

    Parameters
    ----------
    papers : DataFrame
    model : TopicModel, dict or None
    n_runs : int
    sample : float
        Fraction of papers in each run.
    random_state : int
    **params
        TopicModel parameters when ``model`` is None.

    Returns
    -------
    Stability
    """
    if model is None:
        model = TopicModel(**params)
    elif isinstance(model, dict):
        model = TopicModel(**{**model, **params})
    if not hasattr(model, "centers_"):
        model = model.fit(papers)
    if getattr(model, "_Z", None) is None:
        raise ValueError("topic_stability needs a model fitted on the normal (not large) path; "
                         "fit on a sample of the papers instead")
    with threadpool_limits(model.n_threads):
        return _stability_runs(model, n_runs, sample, random_state)


def _stability_runs(model, n_runs, sample, random_state) -> Stability:
    Z, lab, k = model._Z, model._fit_labels, model.n_topics_
    n = len(Z)
    rng = _rng(random_state + 104729)
    jac, runs = [], []
    for r in range(n_runs):
        rows = np.sort(rng.choice(n, max(k, int(sample * n)), replace=False))
        seed = int(random_state) + 1000 + r
        centers = _kmeans(Z[rows], k, seed, model.n_init) if k > 1 else Z[:1]
        other, _ = _assign(Z[rows], centers)
        jac.append(_best_match(lab[rows], other, k))
        runs.append((r, seed, float(adjusted_rand_score(lab[rows], other))))
    jac = np.array(jac)
    per = pd.DataFrame({"topic": pd.array(np.arange(k), dtype="Int64"),
                        "label": model.topics_["label"].to_numpy(),
                        "size": model.topics_["size"].to_numpy(),
                        "jaccard": pd.array(jac.mean(axis=0), dtype="Float64"),
                        "jaccard_min": pd.array(jac.min(axis=0), dtype="Float64")})
    runs_t = pd.DataFrame(runs, columns=["run", "seed", "ari"]).astype(
        {"run": "Int64", "seed": "Int64", "ari": "Float64"})
    return Stability(per_topic=per, runs=runs_t, overall=float(runs_t["ari"].mean()))


# ---------------------------------------------------------------------- time
_FREQ = {"year": "Y", "quarter": "Q", "month": "M"}


def _labels_of(papers, labels) -> pd.Series:
    if isinstance(labels, TopicModel):
        labels = labels.labels_
    labels = pd.Series(labels)
    if not labels.index.equals(papers.index):
        raise ValueError("labels must be aligned with papers.index (use model.labels_ or "
                         "model.transform(papers))")
    return labels.astype("Int64")


def _periods(papers: pd.DataFrame, freq: str) -> pd.Series:
    if freq not in _FREQ:
        raise ValueError(f"freq must be one of {sorted(_FREQ)}, got {freq!r}")
    date = pd.to_datetime(papers["date"]) if "date" in papers else \
        pd.Series(pd.NaT, index=papers.index, dtype="datetime64[ns]")
    per = date.dt.to_period(_FREQ[freq])
    if freq == "year" and "year" in papers:
        year = papers["year"].astype("Int64")
        fill = year.notna() & per.isna()
        if fill.any():
            per = per.astype(object)
            per[fill] = [pd.Period(int(y), "Y") for y in year[fill]]
            per = per.astype(pd.PeriodDtype("Y"))
    return per


def topics_over_time(papers: pd.DataFrame, labels, freq: str = "year",
                     normalize: bool = True) -> pd.DataFrame:
    """Papers per topic and period, as a tidy table with every (period, topic) pair.

    Parameters
    ----------
    papers : DataFrame
        A papers table (uses ``date``; for ``freq="year"`` also ``year`` where there is no date).
    labels : Series or TopicModel
        Topics aligned with ``papers.index`` (NA = no topic; such papers are not counted).
    freq : {"year", "quarter", "month"}
    normalize : bool
        Add ``share``: the topic's fraction of the period's papers with a topic.

    Returns
    -------
    DataFrame with period (str), period_start (datetime), topic (Int64), count (Int64),
    total (Int64, papers with a topic in the period) and, with ``normalize``, share (Float64).
    Papers without a usable date are left out (their number is in ``.attrs["undated"]``).
    """
    lab = _labels_of(papers, labels)
    per = _periods(papers, freq)
    ok = lab.notna() & per.notna()
    df = pd.DataFrame({"period": per[ok], "topic": lab[ok]})
    counts = df.groupby(["period", "topic"], observed=True).size()
    topics = np.sort(lab.dropna().unique().astype(np.int64)) if lab.notna().any() else []
    periods = pd.period_range(per[ok].min(), per[ok].max(), freq=_FREQ[freq]) if ok.any() else []
    grid = pd.MultiIndex.from_product([periods, topics], names=["period", "topic"])
    counts = counts.reindex(grid, fill_value=0)
    out = counts.rename("count").reset_index()
    out["period_start"] = out["period"].dt.start_time if len(out) else pd.Series(
        [], dtype="datetime64[ns]")
    out["period"] = out["period"].astype(str).astype("string")
    out["topic"] = out["topic"].astype("Int64")
    out["count"] = out["count"].astype("Int64")
    out["total"] = out.groupby("period")["count"].transform("sum").astype("Int64")
    if normalize:
        share = out["count"].astype("Float64") / out["total"].astype("Float64")
        out["share"] = share.where(out["total"] > 0, pd.NA)
    out = out[["period", "period_start", "topic", "count", "total"]
              + (["share"] if normalize else [])]
    out.attrs["undated"] = int((lab.notna() & per.isna()).sum())
    return out


def _logistic_trend(x, k, n):
    """Binomial GLM (logit link) of k successes in n over x: slope and its standard error."""
    X = np.column_stack([np.ones_like(x), x])
    p0 = (k.sum() + 0.5) / (n.sum() + 1)
    beta = np.array([math.log(p0 / (1 - p0)), 0.0])
    for _ in range(50):
        eta = X @ beta
        p = 1 / (1 + np.exp(-eta))
        w = n * p * (1 - p) + 1e-9
        z = eta + (k - n * p) / w
        xtw = X.T * w
        new = np.linalg.solve(xtw @ X + 1e-9 * np.eye(2), xtw @ z)
        if np.max(np.abs(new - beta)) < 1e-10:
            beta = new
            break
        beta = new
    p = 1 / (1 + np.exp(-(X @ beta)))
    cov = np.linalg.inv((X.T * (n * p * (1 - p) + 1e-9)) @ X)
    return beta[1], math.sqrt(max(cov[1, 1], 0))


def emerging_topics(papers: pd.DataFrame, labels, freq: str = "quarter", *,
                    drop_incomplete: bool = True, topics: pd.DataFrame | None = None) -> pd.DataFrame:
    """Topics whose share of papers grows, with the uncertainty of the growth.

    For each topic a binomial regression (logit link) of its papers among all papers with a topic,
    period by period, gives the growth of its log-odds per period with a standard error and a
    95% interval. The last period is flagged when the data stop before it ends (its papers are
    still coming in) and, with ``drop_incomplete``, left out of the fit.

    Parameters
    ----------
    papers : DataFrame
    labels : Series or TopicModel
    freq : {"year", "quarter", "month"}
    drop_incomplete : bool
    topics : DataFrame, optional
        A ``topics_`` table to take labels from (taken from ``labels`` when it is a model).

    Returns
    -------
    DataFrame sorted by growth (largest first): topic, label, growth (log-odds per period),
    growth_se, growth_low, growth_high (95%), z, share_first, share_last, count_last,
    n_periods, last_period, last_period_complete.
    """
    if topics is None and isinstance(labels, TopicModel):
        topics = labels.topics_
    tbl = topics_over_time(papers, labels, freq=freq, normalize=True)
    periods = tbl[["period", "period_start"]].drop_duplicates().reset_index(drop=True)
    date = pd.to_datetime(papers["date"]) if "date" in papers else pd.Series(dtype="datetime64[ns]")
    last_complete = True
    last = periods["period"].iloc[-1] if len(periods) else pd.NA
    if len(periods) and date.notna().any():
        end = pd.Period(str(last), _FREQ[freq]).end_time.normalize()
        last_complete = bool(date.max().normalize() >= end)
    use = periods["period"]
    if drop_incomplete and not last_complete:
        use = use.iloc[:-1]
    sub = tbl[tbl["period"].isin(set(use))]
    xs = {p: i for i, p in enumerate(use)}
    rows = []
    for t, g in sub.groupby("topic", sort=True):
        x = g["period"].map(xs).to_numpy(float)
        k = g["count"].to_numpy(float)
        n = g["total"].to_numpy(float)
        m = n > 0
        if m.sum() >= 2:
            slope, se = _logistic_trend(x[m], k[m], n[m])
        else:
            slope, se = np.nan, np.nan
        sh = (k[m] / n[m]) if m.any() else np.array([np.nan])
        rows.append((t, slope, se, sh[0], sh[-1], int(k[m][-1]) if m.any() else 0, int(m.sum())))
    out = pd.DataFrame(rows, columns=["topic", "growth", "growth_se", "share_first", "share_last",
                                      "count_last", "n_periods"])
    out["growth_low"] = out["growth"] - 1.96 * out["growth_se"]
    out["growth_high"] = out["growth"] + 1.96 * out["growth_se"]
    out["z"] = out["growth"] / out["growth_se"]
    if topics is not None:
        out["label"] = out["topic"].map(dict(zip(topics["topic"].astype(int), topics["label"])))
    else:
        out["label"] = pd.NA
    out["last_period"] = last
    out["last_period_complete"] = last_complete
    out = out[["topic", "label", "growth", "growth_se", "growth_low", "growth_high", "z",
               "share_first", "share_last", "count_last", "n_periods", "last_period",
               "last_period_complete"]]
    out = out.astype({"topic": "Int64", "label": "string", "growth": "Float64",
                      "growth_se": "Float64", "growth_low": "Float64", "growth_high": "Float64",
                      "z": "Float64", "share_first": "Float64", "share_last": "Float64",
                      "count_last": "Int64", "n_periods": "Int64", "last_period": "string",
                      "last_period_complete": "bool"})
    return out.sort_values(["growth", "topic"], ascending=[False, True], kind="stable",
                           na_position="last").reset_index(drop=True)


# ---------------------------------------------------------------------- map
def topic_map(model: TopicModel, papers: pd.DataFrame | None = None) -> pd.DataFrame:
    """2-D coordinates of papers for a map of topics.

    The axes are the two principal directions of the topic centroids in the model's LSA space, so
    topics that differ most lie furthest apart; each paper is placed by its projection.

    Parameters
    ----------
    model : TopicModel (fitted)
    papers : DataFrame, optional
        Papers to place (default: the papers the model was fitted on, normal path only).

    Returns
    -------
    DataFrame: id, x, y (Float64), topic (Int64), strength (Float64); papers without text are
    left out.
    """
    model._check_fitted()
    C = model.centers_
    if len(C) >= 3:
        Cc = C - C.mean(axis=0)
        _, _, vt = np.linalg.svd(Cc, full_matrices=False)
        axes = vt[:2]
    else:
        axes = None
    if papers is None:
        if model._Z is None:
            raise ValueError("pass the papers: the model was fitted on the large-corpus path")
        Z, lab = model._Z, model._fit_labels
        st = _strength(Z, C, lab)
        idx = np.flatnonzero(model.labels_.notna().to_numpy())
        ids = model._ids
    else:
        texts = paper_texts(papers)
        idx = np.flatnonzero(texts.notna().to_numpy())
        X = model.vectorizer_.transform(texts.iloc[idx].tolist())
        Z = model._project(X)
        lab, st = model._predict(X, Z)
        ids = papers["id"].iloc[idx].astype(str).to_numpy() if "id" in papers else \
            papers.index[idx].astype(str).to_numpy()
    if axes is None:
        Zc = Z - Z.mean(axis=0)
        _, _, vt = np.linalg.svd(Zc[: min(len(Zc), 5000)], full_matrices=False)
        axes = vt[:2] if len(vt) >= 2 else np.vstack([vt[:1], np.zeros_like(vt[:1])])
    # deterministic orientation: the largest topic on the positive side of both axes
    xy = Z @ axes.T
    cxy = C @ axes.T
    flip = np.where(cxy[0] - (C.mean(axis=0) @ axes.T) < 0, -1.0, 1.0)
    xy = xy * flip
    return pd.DataFrame({"id": pd.array(ids, dtype="string"),
                         "x": pd.array(xy[:, 0], dtype="Float64"),
                         "y": pd.array(xy[:, 1], dtype="Float64"),
                         "topic": pd.array(lab, dtype="Int64"),
                         "strength": pd.array(st, dtype="Float64")})
