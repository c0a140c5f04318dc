"""Choosing the number of topics from evidence: how stable the topics are over a grid of k.

The grid scales with the corpus: from ``log2(n) / 2`` topics (5 for a thousand papers, 8 for
70,000) to three times that (at most :data:`MAX_K`), every k up to 10 and every other one above.
For each k, k-means on a sample of the papers is refitted with other seeds on 80% subsamples;
``stability`` is the size-weighted share of a topic's papers that come back together (0 to 1,
see :func:`._cluster.refit_agreement`). The chosen k is the smallest whose stability is within
:data:`STABILITY_TOLERANCE` of the best on the grid: stable solutions first, fewer topics on a
tie, and nothing pulls towards the top of the grid.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .._blocks import map_blocks
from ._cluster import _assign, _kmeans, _rng, refit_agreement

MAX_K = 25                 # the largest k the default grid reaches
STABILITY_TOLERANCE = 0.02  # stabilities this close to the best count as tied
_SAMPLE = 2000             # papers the grid is evaluated on
_RUNS = 3                  # refits per k
_N_INIT = 2                # k-means++ starts of each k's reference fit


def default_grid(n: int) -> tuple[int, int]:
    """``(lo, hi)`` of the k grid for ``n`` papers (see the module docstring)."""
    lo = max(2, round(math.log2(max(n, 2)) / 2))
    hi = min(MAX_K, 3 * lo, max(2, n // 5))
    return min(lo, hi), hi


def choose_k(Z: np.ndarray, seed: int, k_range=None, n_jobs=1) -> tuple[int, pd.DataFrame]:
    """The number of topics for the unit rows ``Z``, and the evidence (each k of the grid is
    scored on its own, on up to ``n_jobs`` threads: the same table for any number).

    Returns
    -------
    k : int
    table : DataFrame
        k; stability (0-1, the size-weighted share of a topic's papers that refits with other
        seeds on 80% subsamples keep together); stability_min (the least stable topic's);
        cohesion (mean cosine similarity of papers to their topic's centroid: higher is
        tighter); chosen. Near-duplicate topics of the fitted model are in its
        ``similar_topics_``.
    """
    n = len(Z)
    lo, hi = default_grid(n) if k_range is None else k_range
    hi = max(2, min(hi, n - 1))
    lo = min(max(2, lo), hi)
    m = min(n, _SAMPLE)
    S = Z[np.sort(_rng(seed).choice(n, m, replace=False))] if n > m else Z
    grid = sorted({*range(lo, min(hi, 10) + 1), *range(12, hi + 1, 2), hi})

    def score(k):
        centers = _kmeans(S, k, seed, _N_INIT)
        lab, sim = _assign(S, centers)
        jac, _ = refit_agreement(S, lab, k, seed + 1, _RUNS)
        sizes = np.bincount(lab, minlength=k).astype(float)
        per_topic = jac.mean(axis=0)
        return (k, float(per_topic @ sizes / sizes.sum()), float(per_topic.min()),
                float(sim.mean()))

    # the largest k first: they take longest, so the threads finish together
    records = map_blocks(score, grid[::-1], n_jobs, openmp=True)[::-1]
    table = pd.DataFrame(records, columns=["k", "stability", "stability_min", "cohesion"])
    # rounded so that the choice never hinges on the last bits of a sum
    stab = table["stability"].round(6).to_numpy()
    k = int(table["k"][stab >= stab.max() - STABILITY_TOLERANCE].min())
    table["chosen"] = table["k"] == k
    table["k"] = table["k"].astype("Int64")
    for c in ("stability", "stability_min", "cohesion"):
        table[c] = table[c].astype("Float64")
    return k, table
