"""The topic model: :class:`TopicModel`, a scikit-learn estimator over a papers table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from ..dask import dispatch, is_dask
from ..text import TextVectorizer, paper_texts
from . import _cluster as C
from ._choose_k import choose_k
from ._describe import describe, similar_pairs
from ._space import encode, fit_lsa, project, unit_vectors

_STABILITY_ROWS = 5000  # refits for the stability column run on at most this many papers
_STABILITY_SEED = 7919  # offset of the stability refits' seeds from the model's
_MAX_SEED = 2 ** 31 - 1


class TopicModel(ClusterMixin, BaseEstimator):
    """Topic clustering of papers on title + abstract, scikit-learn style.

    Papers are clustered in the LSA space of their TF-IDF rows (the default), or on document
    vectors: ``fit(papers, embeddings=E)`` with precomputed vectors, or ``encoder=`` a callable
    that turns texts into vectors (e.g. a sentence-transformers model's ``encode``). Terms,
    labels, representative papers, stability and the tables are the same either way; the terms
    still come from the TF-IDF of each topic's papers.

    Parameters
    ----------
    n_topics : int or "auto"
        Number of topics, or ``"auto"`` to choose it from the stability of refits over a grid
        (kept in ``k_scores_``).
    random_state : int
        Seed of every random step; the same seed gives the same labels in any process.
    n_components : int or "auto"
        LSA dimensions. ``"auto"``: ``sqrt(n) / 2.5`` for ``n`` documents, within 50 to 100 (more
        documents support more directions; fewer dimensions also make small corpora faster).
        Not used on document vectors.
    n_init : int
        Runs of the clustering: with ``method="graph"``, Leiden runs with seeds ``random_state``
        to ``random_state + n_init - 1``, the most typical kept (the highest summed adjusted
        Rand index with the others), so the topics depend little on the seed; with k-means,
        k-means++ starts, the one with the lowest inertia kept.
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
    method : {"graph", "kmeans"}
        How papers are grouped in the clustering space. ``"graph"`` (default): each paper is
        joined to its ``n_neighbors`` most similar papers, and the topics are the k communities
        of that graph (Leiden, modularity at the resolution that gives k; on a seeded sample of
        ``graph_sample`` papers, the others assigned by the naive Bayes below): a large field
        stays one topic and small distinctive ones get theirs. ``"kmeans"``: spherical k-means,
        which cuts the space into cells of similar spread (faster on very large samples).
        When no resolution gives exactly k communities, k-means is used.
    graph_sample : int or "auto"
        Papers the graph is built on (all when fewer); ``"auto"``: all up to 3,000, then 15% of
        the papers within 3,000 to 10,000.
    n_neighbors : int or "auto"
        Neighbours of each paper in the graph; ``"auto"``: ``sqrt(n) / 2`` for a graph of ``n``
        papers, within 10 to 40.
    nb_iters : int
        After the clustering step, at most this many self-training steps of a multinomial naive Bayes on the
        full TF-IDF vocabulary move papers across topic borders (0: keep the k-means topics).
        New papers are then assigned by that classifier. Not used on document vectors.
    min_df, max_df, max_features, bigrams, stop_words
        Passed to :class:`litkit.text.TextVectorizer`.
    encoder : callable or None
        ``encoder(texts) -> array (len(texts), d)``: document vectors to cluster instead of LSA
        (called on title + abstract, at most ``chunk_size`` texts at a time, in fit and on new
        papers). Nothing of it is needed at install time.
    n_threads : int or None
        Threads for BLAS and k-means (None: the libraries' default). One thread is the default:
        the matrices are small, and on a shared machine extra threads mostly wait for each other.
    n_jobs : int or None
        Threads for the steps cut into fixed blocks: tokenising and counting, the LSA's sparse
        products, the projections and naive-Bayes scores by rows, each paper's neighbours in
        the graph, and the k grid of ``n_topics="auto"`` (None: the cores this process may
        use, at most 8). The blocks do not depend on it, and each runs BLAS on ``n_threads``,
        so the topics are the same for any value (threads pick up blocks as they finish, so a
        busy core slows only its own).
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
    similar_topics_ : DataFrame
        Near-duplicate topics: topic, other, similarity (cosine of their term profiles, at
        least 0.7); read such topics together or ask for fewer topics.
    k_scores_ : DataFrame or None
        With ``n_topics="auto"``: the evidence for each k on the grid (k, stability,
        stability_min, cohesion, chosen; see ``litkit.topics._choose_k``).
    n_topics_ : int
    stability_ : float
        Size-weighted mean of the ``stability`` column (0 to 1; NaN when skipped).
    terms_ : ndarray of str
        The vocabulary.
    vectorizer_ : TextVectorizer
        The fitted TF-IDF vectoriser.
    space_ : str
        ``"lsa"``, or ``"embeddings"`` when fitted on document vectors.
    components_ : ndarray (n_components, n_terms) or None
        The LSA directions, each scaled by its singular value (relative to the first); None on
        document vectors.
    centers_ : ndarray (n_topics, n_components)
        Unit topic centroids in the clustering space.
    term_log_prob_, topic_log_prior_ : ndarray or None
        The naive-Bayes model that assigns papers (None when the k-means topics are kept).
    doc_vectors_ : ndarray or None
        Unit coordinates (LSA or document vectors) of the fitted papers with text (None on the
        large-corpus path).
    doc_ids_ : ndarray of str or None
        Their ids, in the same order.

    Examples
    --------
    >>> import litkit
    >>> from sklearn.base import clone
    >>> from litkit.data import ARXIV_SAMPLE
    >>> papers = litkit.read(ARXIV_SAMPLE)
    >>> model = litkit.TopicModel(n_topics=8, random_state=0, stability_runs=0).fit(papers)
    >>> model.n_topics_, int(model.topics_["size"].sum())
    (8, 3126)
    >>> model.predict(papers).equals(model.labels_)
    True
    >>> clone(model).get_params()["n_topics"]
    8

    On document vectors (here a stand-in: the TF-IDF LSA of another model), the same tables:

    >>> E = litkit.TopicModel(n_topics=2, stability_runs=0).fit(papers).doc_vectors_
    >>> on_vectors = litkit.TopicModel(n_topics=8, stability_runs=0).fit(papers, embeddings=E)
    >>> on_vectors.space_, list(on_vectors.topics_.columns) == list(model.topics_.columns)
    ('embeddings', True)
    """

    def __init__(self, n_topics="auto", random_state=0, *, n_components="auto", n_init=5,
                 svd_sample=25_000, k_range=None, stability_runs=3, n_terms=10,
                 n_representative=3, large_threshold=150_000, chunk_size=20_000,
                 kmeans_sample=30_000,
                 method="graph", graph_sample="auto", n_neighbors="auto",
                 nb_iters=5, min_df="auto", max_df="auto", max_features="auto", bigrams=True,
                 stop_words=None, encoder=None, n_threads=1, n_jobs=None, verbose=False):
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
        self.method = method
        self.graph_sample = graph_sample
        self.n_neighbors = n_neighbors
        self.nb_iters = nb_iters
        self.chunk_size = chunk_size
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.bigrams = bigrams
        self.stop_words = stop_words
        self.encoder = encoder
        self.n_threads = n_threads
        self.n_jobs = n_jobs
        self.verbose = verbose

    # ------------------------------------------------------------------ fitting
    def _seed(self) -> int:
        rs = self.random_state
        if isinstance(rs, (int, np.integer)) and not isinstance(rs, bool):
            return int(rs)
        return int(check_random_state(rs).randint(_MAX_SEED))

    def _vectorizer(self) -> TextVectorizer:
        return TextVectorizer(min_df=self.min_df, max_df=self.max_df,
                              max_features=self.max_features, bigrams=self.bigrams,
                              stop_words=self.stop_words, chunk_size=self.chunk_size,
                              n_jobs=self.n_jobs)

    def _check_k(self, n_docs: int) -> None:
        if self.n_topics != "auto":
            if not isinstance(self.n_topics, (int, np.integer)) or self.n_topics < 1:
                raise ValueError(f"n_topics must be a positive int or 'auto', got {self.n_topics!r}")
            if self.n_topics > n_docs:
                raise ValueError(f"n_topics={self.n_topics} but only {n_docs} paper(s) have text; "
                                 "ask for fewer topics")

    def _space_rows(self, texts: list[str], embeddings=None) -> np.ndarray:
        """Unit rows of the papers with text ``texts`` (and vectors ``embeddings``) in the
        fitted space."""
        if self.components_ is not None:
            return project(self.vectorizer_.transform(texts), self.components_, self.n_jobs)
        if embeddings is not None:
            return unit_vectors(embeddings, len(texts), "embeddings")
        if self.encoder is None:
            raise ValueError("this model was fitted on document vectors: pass embeddings= for "
                             "these papers (one row each), or fit with encoder=")
        return encode(self.encoder, texts, self.chunk_size)

    def fit(self, papers: pd.DataFrame, y=None, embeddings=None) -> "TopicModel":
        """Fit topics on ``papers`` (a papers table).

        Parameters
        ----------
        papers : DataFrame
            A papers table (``title``, ``abstract``; ``id`` for the representative papers).
        y : ignored
        embeddings : array (len(papers), d), optional
            Precomputed document vectors, one row per paper in the order of ``papers``: the
            topics are found on them instead of the LSA space (rows of papers with neither
            title nor abstract are not used: those papers get no topic).

        Returns
        -------
        self : TopicModel
        """
        if is_dask(papers):  # a Dask DataFrame: litkit/dask (learns from a sample)
            if embeddings is not None:
                raise ValueError("embeddings= needs a pandas papers table; with a Dask "
                                 "DataFrame, pass encoder= to TopicModel instead")
            return dispatch("fit", self, papers)
        if embeddings is not None:
            embeddings = unit_vectors(embeddings, len(papers), "embeddings")
        with threadpool_limits(self.n_threads):
            return self._fit(papers, embeddings)

    def _fit(self, papers: pd.DataFrame, embeddings) -> "TopicModel":
        # whether each paper has text, without building a million joined strings at once; up
        # to large_threshold papers (all of them are fitted) the texts are kept for the fit
        has = np.zeros(len(papers), dtype=bool)
        keep = len(papers) <= self.large_threshold
        kept = []
        for off in range(0, len(papers), self.chunk_size):
            texts = paper_texts(papers.iloc[off:off + self.chunk_size])
            has[off:off + self.chunk_size] = ok = texts.notna().to_numpy()
            if keep:
                kept += texts[ok].tolist()
        n = int(has.sum())
        if n == 0:
            raise ValueError("no paper has a title or an abstract: nothing to find topics in")
        self._check_k(n)
        seed = self._seed()
        large = n > self.large_threshold
        pos = np.flatnonzero(has)
        if large:
            fit_rows = pos[np.linspace(0, n - 1, min(n, self.large_threshold)).round().astype(int)]
        else:
            fit_rows = pos
        docs = kept if keep else paper_texts(papers.iloc[fit_rows]).tolist()
        del kept
        self.vectorizer_ = self._vectorizer()
        X = self.vectorizer_.fit_transform(docs)
        self.terms_ = self.vectorizer_.terms_
        vectors = embeddings is not None or self.encoder is not None
        self.space_ = "embeddings" if vectors else "lsa"
        if vectors:
            self.components_ = None
            Z = embeddings[fit_rows] if embeddings is not None else \
                encode(self.encoder, docs, self.chunk_size)
        else:
            self.components_ = fit_lsa(X, self.n_components, self.svd_sample, seed, self.n_jobs)
            Z = project(X, self.components_, self.n_jobs)
        self.k_scores_ = None
        if self.n_topics == "auto":
            k, self.k_scores_ = choose_k(Z, seed, self.k_range, self.n_jobs)
        else:
            k = int(self.n_topics)
        self.n_topics_ = k
        lab, strength = self._cluster(X, Z, k, seed, use_nb=not vectors)
        self.doc_vectors_ = Z if not large else None
        # labels for every paper
        full_lab = np.full(len(papers), -1, dtype=np.int64)
        full_str = np.full(len(papers), np.nan)
        if large:
            full_lab[pos], full_str[pos] = self._assign_chunks(papers, pos, embeddings)
        else:
            full_lab[pos], full_str[pos] = lab, strength
        self.labels_, self.strength_ = _series(full_lab, full_str, papers.index)
        ids = papers["id"].iloc[fit_rows].astype("string").to_numpy() if "id" in papers \
            else np.asarray(papers.index[fit_rows].astype(str))
        self.doc_ids_ = ids if not large else None
        self.topics_ = describe(X, lab, strength, ids, k, self.terms_, self.n_terms,
                                self.n_representative)
        if large:     # terms come from the fitted sample; sizes count every paper labelled
            self.topics_["size"] = pd.array(np.bincount(full_lab[pos], minlength=k), dtype="Int64")
        self.similar_topics_ = similar_pairs(X, lab, k)
        per_topic, overall = self._stability(Z, lab, k, seed)
        self.topics_["stability"] = pd.array(per_topic, dtype="Float64")
        self.stability_ = overall
        return self

    def _cluster(self, X, Z, k, seed, use_nb=True):
        """Centroids, the naive-Bayes model and the fitted papers' topics, numbered by size."""
        self.centers_, nb, lab, strength, self._graph = C.fit_topics(
            X, Z, k, seed, n_init=self.n_init, kmeans_sample=self.kmeans_sample,
            nb_iters=self.nb_iters if use_nb else 0, method=self.method,
            graph_sample=self.graph_sample, n_neighbors=self.n_neighbors, n_jobs=self.n_jobs)
        self.term_log_prob_, self.topic_log_prior_ = (None, None) if nb is None else nb
        return lab, strength

    def _assign_chunks(self, papers, pos, embeddings=None):
        labs, strs = [], []
        steps = range(0, len(pos), self.chunk_size)
        if self.verbose:
            from tqdm.auto import tqdm
            steps = tqdm(steps, desc="assigning topics", unit="chunk")
        for off in steps:
            rows = pos[off:off + self.chunk_size]
            docs = paper_texts(papers.iloc[rows]).tolist()
            E = None if embeddings is None else embeddings[rows]
            lab, s = self._predict(self.vectorizer_.transform(docs),
                                   self._space_rows(docs, E))
            labs.append(lab)
            strs.append(s)
        return np.concatenate(labs), np.concatenate(strs)

    def _stability(self, Z, lab, k, seed):
        graph, self._graph = self._graph, None      # the graph is not kept on the model
        if self.stability_runs <= 0 or k < 2:
            return np.full(k, np.nan), float("nan")
        if graph is not None:   # refits of the same method: communities of subgraphs
            jac, _ = C.graph_refit_agreement(lab, graph, k, seed + _STABILITY_SEED,
                                             self.stability_runs)
        else:
            jac, _ = C.refit_agreement(Z, lab, k, seed + _STABILITY_SEED, self.stability_runs,
                                       max_rows=_STABILITY_ROWS)
        sizes = np.bincount(lab, minlength=k).astype(float)
        per_topic = jac.mean(axis=0)
        return per_topic, float(per_topic @ sizes / sizes.sum())

    # ------------------------------------------------------------------ using
    def _predict(self, X: sp.csr_matrix, Z: np.ndarray):
        """Topic and membership strength of papers: TF-IDF rows ``X``, unit rows ``Z``."""
        if self.term_log_prob_ is None:
            return C._assign(Z, self.centers_)
        lab = C._nb_predict(X, self.term_log_prob_, self.topic_log_prior_, n_jobs=self.n_jobs)
        return lab, C._strength(Z, self.centers_, lab)

    def transform(self, papers: pd.DataFrame, return_strength: bool = False, embeddings=None):
        """Assign papers to the fitted topics.

        Parameters
        ----------
        papers : DataFrame
            A papers table (new papers or the fitted ones).
        return_strength : bool
            Also return the membership strength (cosine similarity to the topic centroid).
        embeddings : array (len(papers), d), optional
            Their document vectors, needed by a model fitted on ``embeddings=`` without an
            ``encoder`` (ignored on the LSA space).

        Returns
        -------
        labels : Series of Int64 aligned with ``papers.index`` (NA for papers with no text)
        strength : Series of Float64, only with ``return_strength=True``

        Examples
        --------
        >>> import litkit
        >>> from litkit.data import ARXIV_SAMPLE
        >>> papers = litkit.read(ARXIV_SAMPLE).head(300)
        >>> model = litkit.TopicModel(n_topics=3, stability_runs=0).fit(papers)
        >>> model.transform(papers.head(5)).equals(model.labels_.head(5))
        True
        """
        check_is_fitted(self, "centers_")
        with threadpool_limits(self.n_threads):
            texts = paper_texts(papers)
            lab = np.full(len(papers), -1, dtype=np.int64)
            st = np.full(len(papers), np.nan)
            pos = np.flatnonzero(texts.notna().to_numpy())
            if len(pos):
                docs = texts.iloc[pos].tolist()
                E = None if embeddings is None else \
                    unit_vectors(embeddings, len(papers), "embeddings")[pos]
                X = self.vectorizer_.transform(docs)
                lab[pos], st[pos] = self._predict(X, self._space_rows(docs, E))
        labels, strength = _series(lab, st, papers.index)
        return (labels, strength) if return_strength else labels

    def predict(self, papers: pd.DataFrame, embeddings=None) -> pd.Series:
        """The topic of each paper (NA without text): on the fitted papers, exactly ``labels_``.

        Parameters
        ----------
        papers : DataFrame
            New papers, or the fitted ones.
        embeddings : array (len(papers), d), optional
            Their document vectors, as in :meth:`transform`.

        Returns
        -------
        labels : Series of Int64 aligned with ``papers.index``
        """
        return self.transform(papers, embeddings=embeddings)

    def fit_predict(self, papers: pd.DataFrame, y=None, embeddings=None) -> pd.Series:
        """Fit, then return ``labels_``.

        Parameters
        ----------
        papers : DataFrame
        y : ignored
        embeddings : array (len(papers), d), optional
            As in :meth:`fit`.

        Returns
        -------
        Series of Int64 aligned with ``papers.index``.
        """
        return self.fit(papers, embeddings=embeddings).labels_

    fit_transform = fit_predict

    def coordinates(self, papers: pd.DataFrame | None = None) -> pd.DataFrame:
        """2-D coordinates of papers for a topic map (see :func:`litkit.topic_map`)."""
        from .map import topic_map
        return topic_map(self, papers)


def _series(lab: np.ndarray, strength: np.ndarray, index) -> tuple[pd.Series, pd.Series]:
    """Topic (Int64, NA where ``lab`` < 0) and strength (Float64) series on ``index``."""
    labels = pd.Series(pd.array(np.where(lab >= 0, lab, 0), dtype="Int64"), index=index,
                       name="topic")
    labels[lab < 0] = pd.NA
    return labels, pd.Series(pd.array(strength, dtype="Float64"), index=index, name="strength")
