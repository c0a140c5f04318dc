"""The space papers are clustered in: LSA of the TF-IDF rows, or document vectors given by the user.

Either way a paper is a unit row, so that cosine similarity is a dot product and spherical k-means,
the choice of k, stability and the map work the same on both.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize
from sklearn.utils.extmath import randomized_svd

from .._blocks import matmul
from ._cluster import FLOAT, _rng

SVD_ITERS = 3               # power iterations of the randomized SVD
COMPONENTS = (50, 100)      # bounds of the automatic LSA dimension
COMPONENTS_PER_SQRT_DOC = 1 / 2.5


def auto_components(n: int) -> int:
    """The LSA dimension for ``n`` documents (``n_components="auto"``): ``sqrt(n) / 2.5``,
    within :data:`COMPONENTS` (more documents support more directions)."""
    lo, hi = COMPONENTS
    return int(min(hi, max(lo, round(math.sqrt(n) * COMPONENTS_PER_SQRT_DOC))))


def fit_lsa(X: sp.csr_matrix, n_components, svd_sample: int, seed: int) -> np.ndarray:
    """LSA directions (d, V) of the TF-IDF rows ``X``, each scaled by its singular value relative
    to the first (the identity when ``X`` is too small for a reduction)."""
    n, v = X.shape
    nc = auto_components(n) if n_components == "auto" else n_components
    nc = int(max(1, min(nc, n - 1, v - 1)))
    rows = np.sort(_rng(seed).choice(n, svd_sample, replace=False)) if n > svd_sample \
        else np.arange(n)
    if nc >= min(len(rows), v) or v < 3:
        return np.eye(v, dtype=FLOAT)
    _, sv, vt = randomized_svd(X[rows], nc, n_iter=SVD_ITERS, random_state=seed)
    # fix the sign of each component so that results do not depend on the solver, and weight it
    # by its singular value: the main directions of the vocabulary count more than the tail
    # (steadier topics across seeds and corpus sizes)
    signs = np.sign(vt[np.arange(len(vt)), np.abs(vt).argmax(axis=1)])
    return (vt * (signs * sv / sv[0])[:, None]).astype(FLOAT)


def project(X: sp.csr_matrix, components: np.ndarray, n_jobs=1) -> np.ndarray:
    """Unit rows of the TF-IDF rows ``X`` projected on the LSA ``components`` (blocks of rows
    on ``n_jobs`` threads: the same rows for any number)."""
    return normalize(np.asarray(matmul(X, components.T, n_jobs), dtype=FLOAT), copy=False)


def unit_vectors(E, n_rows: int, what: str) -> np.ndarray:
    """``E`` (document vectors, one row per paper) as unit float64 rows, checked.

    Raises ValueError when ``E`` is not a 2-D array of ``n_rows`` finite rows; a zero row stays
    zero (its paper is equally far from every topic).
    """
    E = np.asarray(E, dtype=FLOAT)
    if E.ndim != 2 or len(E) != n_rows or E.shape[1] == 0:
        raise ValueError(f"{what} must be an array of shape ({n_rows}, d), one row per paper; "
                         f"got shape {E.shape}")
    if not np.isfinite(E).all():
        raise ValueError(f"{what} has NaN or infinite values")
    return normalize(E)


def encode(encoder, texts: list[str], chunk_size: int) -> np.ndarray:
    """Unit document vectors of ``texts`` from ``encoder`` (a callable list of str -> (n, d)),
    called on at most ``chunk_size`` texts at a time."""
    parts = [unit_vectors(encoder(texts[off:off + chunk_size]), len(texts[off:off + chunk_size]),
                          "the encoder's output")
             for off in range(0, len(texts), chunk_size)]
    return np.vstack(parts) if parts else np.zeros((0, 1), dtype=FLOAT)
