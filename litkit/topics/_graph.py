"""Topics as communities of the papers' nearest-neighbour graph (the default clustering step).

k-means cuts the space into cells of similar spread, so a large field with several sub-fields
(computer vision in an arXiv sample, say) comes out as several topics while small, distinctive
fields share one. Communities of the k-nearest-neighbour graph follow where papers are dense
instead: each paper is joined to its most similar papers (cosine in the LSA space), and the
Leiden algorithm (igraph, modularity with a resolution) groups papers that are more connected
among themselves than chance. The resolution is searched so that there are exactly k
communities; of several runs with successive seeds, the most typical one (the highest summed
adjusted Rand index with the others) is kept. Measured on labelled real corpora (``bench/bench_topics.py``) this agrees better
with the labels than k-means on arXiv subsamples of 1,000 to 10,000 papers and on a corpus of
eight real exports from eight fields.

Deterministic for a seed: igraph's random generator is seeded for each call, and the edge weights
are rounded (to 1e-9) so that the last bits of a BLAS kernel do not move the communities.
"""

from __future__ import annotations

import random

import numpy as np
import scipy.sparse as sp

from .._blocks import map_blocks
from ._cluster import FLOAT, _ari

NEIGHBORS = (10, 40)      # bounds of the automatic number of neighbours of a paper
SAMPLE = (3000, 10_000)   # bounds of the automatic graph sample
SAMPLE_SHARE = 0.15       # its share of the papers between those bounds
_CHUNK = 1024             # rows of the similarity matrix computed at a time
_PARTITION_COLS = 2500    # up to this many columns, _top_m partitions whole rows
_RES_RANGE = (1e-3, 1e3)  # the resolutions searched
_TRIES = 40               # Leiden runs of the resolution search at most
_RES_TOL = 1e-2           # the search stops when the bracket of log resolutions is this narrow


def _top_m(B: np.ndarray, m: int) -> np.ndarray:
    """Columns of the ``m`` largest values of each row of ``B`` (in no particular order; among
    equal values at the boundary, the lowest columns).

    Up to :data:`_PARTITION_COLS` columns, a partition of each row. Wider, a threshold per row
    from a strided sample of the columns keeps the candidates few, then they are sorted; rows
    with too few candidates fall back to the partition.
    """
    r, n = B.shape
    step = max(1, n // 512)
    sub = B[:, ::step]
    q = min(sub.shape[1], int(np.ceil(3 * m * sub.shape[1] / n)) + 1)
    if n <= _PARTITION_COLS or q >= sub.shape[1] or n <= 4 * m:
        return _partition_top(B, m)
    t = np.partition(sub, -q, axis=1)[:, -q]
    ri, ci = np.nonzero(B >= t[:, None])
    v = B[ri, ci]
    order = np.lexsort((ci, -v, ri))          # by row, then similarity (ties: lower column)
    ri, ci = ri[order], ci[order]
    cnt = np.bincount(ri, minlength=r)
    start = np.concatenate([[0], np.cumsum(cnt)[:-1]])
    pos = np.arange(len(ri)) - start[ri]
    keep = pos < m
    out = np.empty((r, m), dtype=np.int64)
    out[ri[keep], pos[keep]] = ci[keep]
    short = np.flatnonzero(cnt < m)
    if len(short):
        out[short] = _partition_top(B[short], m)
    return out


def _partition_top(B: np.ndarray, m: int) -> np.ndarray:
    """:func:`_top_m` by a partition of each row; the rows where values equal to the m-th
    largest are left out are redone by a sort (ties: lower column), so the choice does not
    depend on how the partition orders equal values."""
    idx = np.argpartition(B, -m, axis=1)[:, -m:]
    t = np.take_along_axis(B, idx, axis=1).min(axis=1)
    for i in np.flatnonzero((B >= t[:, None]).sum(axis=1) > m):
        cand = np.flatnonzero(B[i] >= t[i])
        idx[i] = cand[np.lexsort((cand, -B[i, cand]))[:m]]
    return idx


def auto_sample(n: int) -> int:
    """Papers the graph is built on for ``n`` papers (``graph_sample="auto"``): all up to 3,000,
    then 15% of them within 3,000 to 10,000 (the others are assigned by the naive Bayes of the
    sample's topics; a larger sample resolves more fields, at a cost growing as its square)."""
    lo, hi = SAMPLE
    return int(min(n, max(lo, min(hi, round(SAMPLE_SHARE * n)))))


def auto_neighbors(n: int) -> int:
    """Neighbours of each of ``n`` papers in the graph (``n_neighbors="auto"``): ``sqrt(n) / 2``
    within :data:`NEIGHBORS` (a larger graph needs more links to keep its fields together)."""
    lo, hi = NEIGHBORS
    return int(min(hi, max(lo, round(np.sqrt(n) / 2))))


def knn_graph(Z: np.ndarray, n_neighbors="auto", n_jobs=1):
    """The symmetric k-nearest-neighbour graph of the unit rows ``Z`` (igraph ``Graph``, edge
    attribute ``weight``: the cosine similarity, summed when both papers chose each other,
    at least 1e-6); ``n_neighbors`` an int or ``"auto"`` (:func:`auto_neighbors`). Blocks of
    :data:`_CHUNK` rows are searched on ``n_jobs`` threads (the same graph for any number)."""
    import igraph as ig

    n = len(Z)
    m = auto_neighbors(n) if n_neighbors == "auto" else n_neighbors
    m = int(min(m, n - 1))
    if m < 1:
        return ig.Graph(n=n, edge_attrs={"weight": []})
    ZT = np.ascontiguousarray(Z.T, dtype=FLOAT)
    cols = np.empty((n, m), dtype=np.int64)
    vals = np.empty((n, m), dtype=FLOAT)

    def chunk(off):
        B = np.matmul(Z[off:off + _CHUNK], ZT)
        B[np.arange(len(B)), np.arange(off, off + len(B))] = -np.inf   # not its own neighbour
        idx = _top_m(B, m)
        cols[off:off + len(B)] = idx
        vals[off:off + len(B)] = np.take_along_axis(B, idx, axis=1)

    map_blocks(chunk, range(0, n, _CHUNK), n_jobs)
    w = np.round(np.clip(vals.ravel(), 1e-6, None), 9)
    A = sp.coo_matrix((w, (np.repeat(np.arange(n), m), cols.ravel())), shape=(n, n)).tocsr()
    A = (A + A.T).tocoo()
    upper = A.row < A.col
    # pairs from two flat lists: a tenth of the time of an (E, 2) array's tolist()
    return ig.Graph(n=n, edges=list(zip(A.row[upper].tolist(), A.col[upper].tolist())),
                    edge_attrs={"weight": A.data[upper].tolist()})


def _leiden(G, resolution: float, seed: int) -> np.ndarray:
    import igraph as ig

    state = random.getstate()
    ig.set_random_number_generator(random.Random(seed))
    try:     # igraph's community_leiden(objective_function="modularity"), without the
        # VertexClustering it builds around the membership (a tenth of the run's time)
        membership, _ = ig.GraphBase.community_leiden(
            G, edge_weights="weight", node_weights=None, resolution=resolution,
            normalize_resolution=True, beta=0.01, initial_membership=None, n_iterations=2)
    finally:
        ig.set_random_number_generator(random)
        random.setstate(state)
    return np.asarray(membership, dtype=np.int64)


def _search(G, k: int, seed: int, r: float = 0.0):
    """Leiden runs on ``G`` until one gives exactly ``k`` communities, starting at the log
    resolution ``r``: ``(membership, log resolution)``, or, when none does, ``(None, above)``
    with ``above`` the run of fewest groups above k as ``(membership, groups, log resolution)``
    (None when no run had more than k).

    The number of communities grows about in proportion to the resolution, so the next
    resolution is stepped by ``k / q`` while only one side of ``k`` has been seen, then
    interpolated (on log scales) inside the bracket, which shrinks by at least a tenth each run.
    """
    lo, hi = np.log(_RES_RANGE[0]), np.log(_RES_RANGE[1])
    q_lo = q_hi = None
    above = None                       # the partition of fewest (> k) groups, its resolution
    grow, last = 1.0, None
    for _ in range(_TRIES):
        lab = _leiden(G, float(np.exp(r)), seed)
        q = int(lab.max()) + 1 if len(lab) else 0
        if q == k:
            return lab, r
        if q < k:
            lo, q_lo = r, q
        else:
            hi, q_hi = r, q
            if above is None or q < above[1]:
                above = (lab, q, r)
        if hi - lo < _RES_TOL:
            break
        if q_lo is not None and q_hi is not None:
            t = (np.log(k) - np.log(q_lo)) / (np.log(q_hi) - np.log(q_lo))
            r = lo + float(np.clip(t, 0.1, 0.9)) * (hi - lo)
        else:                          # one side only: step by the factor still missing,
            grow = grow * 2 if q == last else 1.0      # doubled while the count does not move
            last = q
            step = np.log(k / max(q, 1))
            r = float(np.clip(r + np.sign(step) * max(abs(step), 0.05) * grow, lo, hi))
            if r in (lo, hi) and (q_lo if r == lo else q_hi) is not None:
                break                  # the end of the range is reached
    return None, above


def communities(G, k: int, seed: int, n_init: int = 1) -> tuple[np.ndarray, float] | None:
    """Exactly ``k`` Leiden communities of ``G``: the membership and the resolution, or None
    when no resolution in the range gives ``k``.

    The resolution is searched from 1 (plain modularity; see :func:`_search`); when the count
    jumps over k, the nearest finer partition is merged (:func:`_merge_to`). With ``n_init``
    > 1, as many runs with seeds ``seed, seed + 1...`` (each search starts at the previous
    run's resolution), and the run that agrees best with the others (highest summed adjusted
    Rand index; ties: the first): the most typical partition, so that the topics depend less on
    the seed than any single run's.
    """
    if G.ecount() == 0:
        return None
    runs, r = [], 0.0
    for i in range(max(1, n_init)):
        found, r_found = _search(G, k, seed + i, r)
        if found is None:      # q jumps over k: merge the groups of the nearest finer partition
            above = r_found
            if above is None:
                break
            found, r_found = _merge_to(G, above[0], k), above[2]
        runs.append((found, r_found))
        r = r_found
    if not runs:
        return None
    if len(runs) > 1:
        ari = np.ones((len(runs), len(runs)))
        for i in range(len(runs)):
            for j in range(i):
                ari[i, j] = ari[j, i] = _ari(runs[i][0], runs[j][0])
        agree = [sum(row) for row in ari.tolist()]
        found, r = runs[int(np.argmax(agree))]
    else:
        found, r = runs[0]
    return found, float(np.exp(r))


def _merge_to(G, lab: np.ndarray, k: int) -> np.ndarray:
    """``lab`` with, step by step, the two groups whose merge gains the most modularity merged
    (the most connected pair for their size), until ``k`` groups are left; renumbered 0..k-1."""
    groups, lab = np.unique(lab, return_inverse=True)
    q = len(groups)
    edges = np.asarray(G.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    w = np.asarray(G.es["weight"], dtype=FLOAT) if len(edges) else np.zeros(0)
    E = np.zeros((q, q))
    np.add.at(E, (lab[edges[:, 0]], lab[edges[:, 1]]), w)
    E = E + E.T                                # E[i, j]: weight between groups (i != j)
    total = max(float(w.sum()), 1e-12)
    np.fill_diagonal(E, 0)
    deg = np.bincount(lab[edges[:, 0]], weights=w, minlength=q) + \
        np.bincount(lab[edges[:, 1]], weights=w, minlength=q)
    alive = np.ones(q, dtype=bool)
    target = np.arange(q)
    while alive.sum() > k:
        gain = E / total - np.outer(deg, deg) / (2 * total ** 2)
        ok = np.outer(alive, alive)
        np.fill_diagonal(ok, False)
        gain[~ok] = -np.inf
        i, j = np.unravel_index(int(np.argmax(gain)), gain.shape)   # ties: lowest pair
        i, j = min(i, j), max(i, j)
        E[i] += E[j]
        E[:, i] += E[:, j]
        E[i, i] = 0
        E[j] = 0
        E[:, j] = 0
        deg[i] += deg[j]
        alive[j] = False
        target[target == j] = i
    return np.unique(target[lab], return_inverse=True)[1]
