"""Choosing the number of topics from evidence: silhouette and stability over a grid of k."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score

from ._cluster import _rng

_SAMPLE = 2000        # papers the grid is evaluated on
_NEAR_BEST = 0.005    # silhouettes this close to the best count as tied


def choose_k(Z: np.ndarray, seed: int, k_range=None) -> tuple[int, pd.DataFrame]:
    """The number of topics for the unit rows ``Z`` and the evidence table (k, silhouette,
    stability, inertia, chosen)."""
    n = len(Z)
    if k_range is not None:
        lo, hi = k_range
    else:
        lo, hi = (3 if n >= 30 else 2), max(2, min(25, n // 5))
    hi = min(hi, n - 1)
    lo = min(max(2, lo), hi)
    rng = _rng(seed)
    m = min(n, _SAMPLE)
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
    # among the k within _NEAR_BEST of the best silhouette, the most stable one (then the smallest)
    near = best >= np.nanmax(best) - _NEAR_BEST
    cand = table[near].sort_values(["stability", "k"], ascending=[False, True], kind="stable")
    k = int(cand["k"].iloc[0])
    table["chosen"] = table["k"] == k
    for c in ("silhouette", "stability", "inertia"):
        table[c] = table[c].astype("Float64")
    return k, table
