"""The space papers are clustered in: LSA of the TF-IDF rows, or document vectors given by the user.

Either way a paper is a unit row, so that cosine similarity is a dot product and spherical k-means,
the choice of k, stability and the map work the same on both.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp
from scipy import linalg
from sklearn.preprocessing import normalize

from .._blocks import matmul, tmatmul
from ._cluster import FLOAT, _rng

SVD_ITERS = 3               # power iterations of the randomized SVD
SVD_OVERSAMPLES = 10        # its extra random directions
COMPONENTS = (50, 100)      # bounds of the automatic LSA dimension
COMPONENTS_PER_SQRT_DOC = 1 / 2.5


def auto_components(n: int) -> int:
    """The LSA dimension for ``n`` documents (``n_components="auto"``): ``sqrt(n) / 2.5``,
    within :data:`COMPONENTS` (more documents support more directions)."""
    lo, hi = COMPONENTS
    return int(min(hi, max(lo, round(math.sqrt(n) * COMPONENTS_PER_SQRT_DOC))))


def _randomized_svd(X: sp.csr_matrix, nc: int, seed: int, n_jobs) -> tuple[np.ndarray, np.ndarray]:
    """The first ``nc`` singular values and right singular vectors (nc, v) of ``X``.

    scikit-learn's ``randomized_svd(X, nc, n_iter=SVD_ITERS, random_state=seed)`` step by step
    (Halko et al.: a Gaussian start, power iterations normalised by LU, a QR, the SVD of the
    small projected matrix; the same values to the last bit), with the sparse products in
    blocks on ``n_jobs`` threads (:mod:`litkit._blocks`); the signs are left to the caller.
    """
    n, v = X.shape
    transpose = n < v                # the range of the smaller side, as scikit-learn does
    # A is X.T when transposed: A @ Q is X.T @ Q, and A.T @ Q is X @ Q
    a_mul = (lambda Q: tmatmul(X, Q, n_jobs)) if transpose else (lambda Q: matmul(X, Q, n_jobs))
    at_mul = (lambda Q: matmul(X, Q, n_jobs)) if transpose else (lambda Q: tmatmul(X, Q, n_jobs))
    Q = np.random.RandomState(seed).normal(size=(n if transpose else v, nc + SVD_OVERSAMPLES))
    Q = Q.astype(X.dtype, copy=False)
    for _ in range(SVD_ITERS):
        Q, _ = linalg.lu(a_mul(Q), permute_l=True, check_finite=False)
        Q, _ = linalg.lu(at_mul(Q), permute_l=True, check_finite=False)
    Q, _ = linalg.qr(a_mul(Q), mode="economic", check_finite=False)
    Uhat, s, Vt = linalg.svd(at_mul(Q).T, full_matrices=False, lapack_driver="gesdd")
    return s[:nc], ((Q @ Uhat)[:, :nc].T if transpose else Vt[:nc])


def fit_lsa(X: sp.csr_matrix, n_components, svd_sample: int, seed: int,
            n_jobs=1) -> np.ndarray:
    """LSA directions (d, V) of the TF-IDF rows ``X``, each scaled by its singular value relative
    to the first (the identity when ``X`` is too small for a reduction)."""
    n, v = X.shape
    nc = auto_components(n) if n_components == "auto" else n_components
    nc = int(max(1, min(nc, n - 1, v - 1)))
    rows = np.sort(_rng(seed).choice(n, svd_sample, replace=False)) if n > svd_sample \
        else np.arange(n)
    if nc >= min(len(rows), v) or v < 3:
        return np.eye(v, dtype=FLOAT)
    sv, vt = _randomized_svd(X[rows], nc, seed, n_jobs)
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
