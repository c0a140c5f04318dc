"""The clustering steps of the topic model: spherical k-means, naive-Bayes refinement, agreement.

Every function is deterministic for a given seed; ties in an argmax go to the lowest index.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.preprocessing import normalize

from .._blocks import matmul

#: the dtype of the reduced space, centroids and naive-Bayes weights: float64, so that which
#: topic a paper gets never hinges on the last bits of a BLAS kernel's float32 sums
FLOAT = np.float64

_REFINE_ITERS = 5     # spherical k-means steps on all papers after k-means on a sample
_NB_ITERS = 5         # hard-EM reassignment steps with a multinomial naive Bayes in term space
_NB_SMOOTH = 0.1      # its additive smoothing, as a fraction of the mean TF-IDF mass per cell


def _rng(seed) -> np.random.Generator:
    return np.random.default_rng(seed)


def _kmeans(Z: np.ndarray, k: int, seed: int, n_init: int, max_iter: int = 100) -> np.ndarray:
    """Spherical k-means on unit rows: returns unit centroids (k, d)."""
    km = KMeans(n_clusters=k, n_init=n_init, random_state=seed, max_iter=max_iter,
                init="k-means++").fit(Z)
    return normalize(km.cluster_centers_.astype(FLOAT))


def _refine(Z: np.ndarray, centers: np.ndarray, k: int, iters: int) -> np.ndarray:
    """Spherical k-means (Lloyd) steps from ``centers`` on all rows of ``Z``."""
    n = len(Z)
    for _ in range(iters):
        lab = (Z @ centers.T).argmax(axis=1)
        M = sp.csr_matrix((np.ones(n, dtype=FLOAT), (lab, np.arange(n))), shape=(k, n))
        new = np.asarray(M @ Z, dtype=FLOAT)
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
    M = sp.csr_matrix((np.ones(n, dtype=FLOAT), (lab, np.arange(n))), shape=(k, n))
    W = np.asarray((M @ X).todense(), dtype=np.float64) + alpha
    logp = np.log(W / W.sum(axis=1, keepdims=True)).astype(FLOAT)
    sizes = np.bincount(lab, minlength=k)
    with np.errstate(divide="ignore"):         # an empty topic: prior 0, never chosen
        return logp, np.log(sizes / n).astype(FLOAT)


def _nb_refine(X: sp.csr_matrix, lab: np.ndarray, k: int, iters: int = _NB_ITERS,
               smooth: float = _NB_SMOOTH, n_jobs=1):
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
        new = _nb_predict(X, *params, n_jobs=n_jobs)
        if np.bincount(new, minlength=k).min() == 0:
            break
        changed = not np.array_equal(new, lab)
        lab, model = new, params
        if not changed:
            break
    return lab, model


def _nb_predict(X: sp.csr_matrix, logp: np.ndarray, logprior: np.ndarray,
                n_jobs=1) -> np.ndarray:
    """The most probable topic of each row of ``X`` under the naive Bayes ``(logp, logprior)``
    (blocks of rows on ``n_jobs`` threads: the same sums for any number)."""
    return (matmul(X, logp.T, n_jobs) + logprior).argmax(axis=1).astype(np.int64)


def _strength(Z: np.ndarray, centers: np.ndarray, lab: np.ndarray) -> np.ndarray:
    """Cosine similarity of each row to its topic's centroid, clipped to [0, 1]."""
    return np.clip(np.einsum("ij,ij->i", Z, centers[lab]), 0, 1)


def _centroids(Z: np.ndarray, lab: np.ndarray, k: int) -> np.ndarray:
    M = sp.csr_matrix((np.ones(len(lab), dtype=FLOAT), (lab, np.arange(len(lab)))),
                      shape=(k, len(lab)))
    return normalize(np.asarray(M @ Z, dtype=FLOAT))


def _graph_topics(X, Z: np.ndarray, k: int, seed: int, graph_sample, n_neighbors,
                  nb_iters: int, n_init: int, n_jobs=1):
    """Labels of all rows from k Leiden communities of the k-NN graph of (a sample of) them,
    with the graph for the stability refits: ``(labels, (rows, graph, resolution))``, or None
    when no resolution gives k communities."""
    from . import _graph

    n = len(Z)
    if graph_sample == "auto":
        graph_sample = _graph.auto_sample(n)
    rows = np.sort(_rng(seed + 2).choice(n, graph_sample, replace=False)) if n > graph_sample \
        else np.arange(n)
    G = _graph.knn_graph(Z[rows], n_neighbors, n_jobs)
    found = _graph.communities(G, k, seed, n_init)
    if found is None:
        return None
    lab_s, res = found
    if len(rows) == n:
        lab = lab_s
    else:      # the other papers go to the sample's most probable topic; the sample keeps its own
        if nb_iters > 0:
            alpha = max(_NB_SMOOTH * float(X.data.sum()) / max(1, k * X.shape[1]), 1e-6)
            lab = _nb_predict(X, *_nb_params(X[rows], lab_s, k, alpha), n_jobs=n_jobs)
        else:
            lab, _ = _assign(Z, _centroids(Z[rows], lab_s, k))
        lab[rows] = lab_s                      # so no topic is empty
    return lab, (rows, G, res)


def fit_topics(X: sp.csr_matrix, Z: np.ndarray, k: int, seed: int, *, n_init: int,
               kmeans_sample: int, nb_iters: int, method: str = "graph",
               graph_sample="auto", n_neighbors="auto", n_jobs=1):
    """Topics of the unit rows ``Z`` (TF-IDF rows ``X``), then ``nb_iters`` naive-Bayes steps
    (0: none). ``method="graph"``: k Leiden communities of the nearest-neighbour graph of at most
    ``graph_sample`` rows (see :mod:`._graph`), the other rows assigned by the naive Bayes of
    those; k-means when no resolution gives k communities; the graph is built on ``n_jobs``
    threads (the same graph for any number). ``method="kmeans"``: spherical
    k-means (on a sample of ``kmeans_sample`` rows then Lloyd steps on all, for many rows).
    Topics are numbered by size, largest first (ties by centroid order, stable across runs).

    Returns ``(centers, nb, labels, strength, graph)``: unit centroids (k, d), the naive-Bayes
    model ``(logp, logprior)`` that assigns papers or None (nearest centroid), labels,
    strengths, and ``(rows, graph, resolution)`` of the graph step (None with k-means).
    """
    if method not in ("graph", "kmeans"):
        raise ValueError(f"method must be 'graph' or 'kmeans', got {method!r}")
    graph = None
    found = _graph_topics(X, Z, k, seed, graph_sample, n_neighbors, nb_iters, n_init, n_jobs) \
        if method == "graph" and 1 < k < len(Z) else None
    if found is not None:
        lab, graph = found
        centers = _centroids(Z, lab, k)
    elif k == 1:
        centers = normalize(Z.mean(axis=0, keepdims=True))
    elif len(Z) > kmeans_sample:
        rows = np.sort(_rng(seed + 1).choice(len(Z), kmeans_sample, replace=False))
        centers = _refine(Z, _kmeans(Z[rows], k, seed, n_init), k, _REFINE_ITERS)
    else:
        centers = _kmeans(Z, k, seed, n_init)
    if found is None:
        lab, _ = _assign(Z, centers)
    nb = None
    if k > 1 and nb_iters > 0:
        lab, nb = _nb_refine(X, lab, k, nb_iters, n_jobs=n_jobs)
        if nb is not None:
            centers = _centroids(Z, lab, k)
    if nb is None:          # papers go to the nearest centroid, as predict() will send them
        lab, _ = _assign(Z, centers)
    strength = _strength(Z, centers, lab)
    sizes = np.bincount(lab, minlength=k)
    order = np.lexsort((np.arange(k), -sizes))
    rank = np.empty(k, dtype=np.int64)
    rank[order] = np.arange(k)
    nb = None if nb is None else (nb[0][order], nb[1][order])
    return centers[order], nb, rank[lab], strength, graph


def _ari(a: np.ndarray, b: np.ndarray) -> float:
    """The adjusted Rand index of two memberships (0..q-1), computed as scikit-learn's
    ``adjusted_rand_score`` does (pair counts in Python integers, the same formula, so the same
    float), without its input checks, which cost more than the index at these sizes."""
    n = len(a)
    qb = int(b.max()) + 1 if n else 1
    cont = np.bincount(a * qb + b).astype(np.int64)
    cont = cont[cont > 0]
    n_a = np.bincount(a).astype(np.int64)
    n_b = np.bincount(b).astype(np.int64)
    squares = int((cont * cont).sum())
    tp = squares - n
    fp = int((n_b * n_b).sum()) - squares          # pairs together in b, apart in a
    fn = int((n_a * n_a).sum()) - squares          # together in a, apart in b
    tn = n * n - fp - fn - squares
    if fn == 0 and fp == 0:
        return 1.0
    return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))


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



def refit_agreement(Z: np.ndarray, lab: np.ndarray, k: int, seed: int, runs: int, *,
                    sample: float = 0.8, max_rows: int | None = None, n_init: int = 1):
    """How well ``lab`` (k topics of the rows of ``Z``) comes back when k-means is refitted with
    other seeds on random subsamples (``sample`` of at most ``max_rows`` rows).

    Returns the per-topic Jaccard overlap with the matched refit topic (Hungarian matching),
    shape (runs, k), and the adjusted Rand index of each run, shape (runs,). The one home of
    stability: the fitted model, :func:`topic_stability` and the choice of k use it.
    """
    n = len(Z)
    m = n if max_rows is None else min(n, max_rows)
    rng = _rng(seed)
    jac, aris = [], []
    for r in range(runs):
        rows = np.sort(rng.choice(n, max(k, int(sample * m)), replace=False))
        centers = _kmeans(Z[rows], k, seed + 1 + r, n_init)
        other, _ = _assign(Z[rows], centers)
        jac.append(_best_match(lab[rows], other, k))
        aris.append(_ari(lab[rows], other))
    return np.array(jac).reshape(runs, k), np.array(aris, dtype=float)



def graph_refit_agreement(lab: np.ndarray, graph, k: int, seed: int, runs: int, *,
                          sample: float = 0.8):
    """:func:`refit_agreement` for topics found as graph communities: each run finds the Leiden
    communities (another seed, the fit's resolution) of the graph restricted to a random
    ``sample`` of its papers; returns the per-topic Jaccard overlaps (runs, k) and the adjusted
    Rand index of each run."""
    from ._graph import _leiden

    rows, G, res = graph
    n = len(rows)
    rng = _rng(seed)
    ref = lab[rows]
    jac, aris = [], []
    for r in range(runs):
        sub = np.sort(rng.choice(n, max(k, int(sample * n)), replace=False))
        other = _leiden(G.induced_subgraph(sub.tolist()), res, seed + 1 + r)
        jac.append(_best_match(ref[sub], other, k))
        aris.append(_ari(ref[sub], other))
    return np.array(jac).reshape(runs, k), np.array(aris, dtype=float)
