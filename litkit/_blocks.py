"""Work cut into fixed blocks and run on a few threads, with results that never depend on how many.

The blocks are chosen from the data's shape only (never from the number of threads), each block
is computed by the same calls as in a serial loop, and the results are put together in block
order. So ``n_jobs=1`` and ``n_jobs=8`` give the same bits; only the time differs. The blocks
are numpy, BLAS and scipy.sparse work, which releases the GIL; BLAS runs on the thread count the
caller set (one in the topic model, see ``TopicModel(n_threads=...)``).

Outside the main thread (a Dask worker's task, a thread of the caller's own pool) the blocks run
serially: the caller already uses the cores.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import scipy.sparse as sp

MAX_JOBS = 8          # n_jobs=None: the cores available, at most this many
ROW_BLOCK = 2048      # rows of a sparse matrix multiplied at a time
COL_BLOCK = 16        # columns of the dense factor of a transposed product at a time
CPU_MAX = "/sys/fs/cgroup/cpu.max"   # a container's CPU quota (cgroup v2): "quota period"


def available_cores() -> int:
    """The cores this process may use: those it may run on, fewer under a container's CPU
    quota (``docker --cpus=2`` on a large machine leaves all the machine's cores visible)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    try:
        with open(CPU_MAX) as f:
            quota, period = f.read().split()[:2]
        if quota != "max":
            cores = min(cores, max(1, int(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, cores)


def resolve_jobs(n_jobs) -> int:
    """Threads for ``n_jobs``: None means the cores available to this process
    (:func:`available_cores`, at most :data:`MAX_JOBS`); otherwise a positive int."""
    if n_jobs is None:
        return min(MAX_JOBS, available_cores())
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, (int, np.integer)) or n_jobs < 1:
        raise ValueError(f"n_jobs must be None or a positive int, got {n_jobs!r}")
    return int(n_jobs)


def map_blocks(fn, items, n_jobs, *, openmp: bool = False) -> list:
    """``[fn(x) for x in items]``, on up to ``n_jobs`` threads (see the module docstring).

    With ``openmp=True`` (for blocks that run OpenMP code, such as scikit-learn's k-means),
    each thread gets the caller's OpenMP thread count: OpenMP keeps that count per thread, and
    a new thread would otherwise start with all the cores (other sums, other results).
    """
    items = list(items)
    jobs = min(resolve_jobs(n_jobs), len(items))
    if jobs <= 1 or threading.current_thread() is not threading.main_thread():
        return [fn(x) for x in items]
    if not openmp:
        with ThreadPoolExecutor(jobs) as pool:
            return list(pool.map(fn, items))
    from threadpoolctl import ThreadpoolController
    controller = ThreadpoolController()
    counts = [lib["num_threads"] for lib in controller.select(user_api="openmp").info()]
    # scikit-learn's k-means limits BLAS (a setting of the whole process) for each fit and puts
    # back what it found: fits on several threads may put back one another's limit, so the
    # caller's BLAS setting is restored at the end
    blas = controller.select(user_api="blas").limit(limits=None)
    try:
        with ThreadPoolExecutor(jobs, initializer=_OpenMPLimit(min(counts)) if counts else None) \
                as pool:
            return list(pool.map(fn, items))
    finally:
        blas.restore_original_limits()


class _OpenMPLimit:
    """A thread initialiser setting the OpenMP thread count of the new thread."""

    def __init__(self, n: int):
        self.n = n

    def __call__(self):
        from threadpoolctl import ThreadpoolController
        ThreadpoolController().select(user_api="openmp").limit(limits=self.n)


def rows(X: sp.csr_matrix, a: int, b: int) -> sp.csr_matrix:
    """Rows ``a:b`` of ``X`` as a view on its arrays (no copy, unlike ``X[a:b]``)."""
    p = X.indptr
    s, e = int(p[a]), int(p[b])
    out = sp.csr_matrix((X.data[s:e], X.indices[s:e], p[a:b + 1] - s), shape=(b - a, X.shape[1]),
                        copy=False)
    out.has_sorted_indices = X.has_sorted_indices
    return out


def matmul(X: sp.csr_matrix, B: np.ndarray, n_jobs) -> np.ndarray:
    """``X @ B`` for CSR rows ``X`` and a dense ``B``, by blocks of :data:`ROW_BLOCK` rows
    (each row's sums are the same as in one product)."""
    n = X.shape[0]
    if n <= ROW_BLOCK:
        return np.asarray(X @ B)
    parts = map_blocks(lambda off: np.asarray(rows(X, off, min(off + ROW_BLOCK, n)) @ B),
                       range(0, n, ROW_BLOCK), n_jobs)
    return np.vstack(parts)


def tmatmul(X: sp.csr_matrix, B: np.ndarray, n_jobs) -> np.ndarray:
    """``X.T @ B`` for CSR rows ``X`` and a dense ``B``, by blocks of :data:`COL_BLOCK` columns
    of ``B`` (each output column's sums run over the rows of ``X`` in the same order)."""
    XT = X.T
    w = B.shape[1]
    if w <= COL_BLOCK:
        return np.asarray(XT @ B)
    parts = map_blocks(lambda off: np.asarray(XT @ np.ascontiguousarray(B[:, off:off + COL_BLOCK])),
                       range(0, w, COL_BLOCK), n_jobs)
    return np.hstack(parts)
