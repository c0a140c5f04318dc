"""litkit._blocks: work in fixed blocks on threads, the same results on any number of them."""

import threading

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

from litkit._blocks import MAX_JOBS, map_blocks, matmul, resolve_jobs


def test_resolve_jobs():
    assert 1 <= resolve_jobs(None) <= MAX_JOBS
    assert resolve_jobs(3) == 3
    for bad in (0, -1, 1.5, "2", True):
        with pytest.raises(ValueError, match="n_jobs"):
            resolve_jobs(bad)


def test_map_blocks_keeps_order_and_runs_serially_off_the_main_thread():
    names = map_blocks(lambda i: (i, threading.current_thread().name), range(20), 2)
    assert [i for i, _ in names] == list(range(20))
    assert any(n != threading.main_thread().name for _, n in names)
    box = []
    t = threading.Thread(target=lambda: box.append(
        map_blocks(lambda i: threading.current_thread().name, range(5), 4)))
    t.start()
    t.join()
    assert len(set(box[0])) == 1 and box[0][0] != threading.main_thread().name


def test_matmul_by_row_blocks_is_the_same_product():
    X = sp.random(5000, 300, density=0.02, format="csr", dtype=np.float32, random_state=0)
    B = np.random.default_rng(0).normal(size=(300, 7))
    whole = np.asarray(X @ B)
    for jobs in (1, 2, 3):
        assert np.array_equal(matmul(X, B, jobs), whole)


def test_openmp_blocks_keep_the_callers_thread_count():
    # OpenMP's thread count is per thread: without openmp=True, k-means in a new thread would
    # run on all the cores and sum in another order
    Z = np.random.default_rng(0).normal(size=(1500, 20))

    def fit(k):
        return KMeans(k, n_init=2, random_state=0).fit(Z).cluster_centers_

    with threadpool_limits(1):
        serial = [fit(k) for k in range(2, 8)]
        threaded = map_blocks(fit, range(2, 8), 2, openmp=True)
    for a, b in zip(serial, threaded):
        assert np.array_equal(a, b)


def test_lsa_is_scikit_learns_randomized_svd_to_the_last_bit():
    from sklearn.utils.extmath import randomized_svd

    from litkit.topics._space import SVD_ITERS, _randomized_svd
    rng = np.random.default_rng(1)
    for shape in ((3000, 500), (400, 3000)):          # both sides of scikit-learn's transpose
        X = sp.random(*shape, density=0.03, format="csr", dtype=np.float32, random_state=rng)
        _, s_ref, v_ref = randomized_svd(X, 20, n_iter=SVD_ITERS, random_state=4)
        sign = np.sign(v_ref[np.arange(20), np.abs(v_ref).argmax(axis=1)])[:, None]
        for jobs in (1, 2, 3):
            s, v = _randomized_svd(X, 20, 4, jobs)
            assert np.array_equal(s, s_ref)
            assert np.array_equal(v * np.sign(v[np.arange(20), np.abs(v).argmax(axis=1)])[:, None],
                                  v_ref * sign)


def test_openmp_blocks_leave_the_callers_blas_setting():
    from threadpoolctl import threadpool_info
    Z = np.random.default_rng(0).normal(size=(600, 10))

    def blas():
        return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]

    before = blas()
    for _ in range(5):       # scikit-learn's own limit per fit, from 2 threads at once
        map_blocks(lambda k: KMeans(k, n_init=1, random_state=0).fit(Z), range(2, 10), 2,
                   openmp=True)
        assert blas() == before


def test_available_cores_follows_a_containers_cpu_quota(tmp_path, monkeypatch):
    import os

    import litkit._blocks as B
    visible = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    for text, want in (("100000 100000\n", 1), ("250000 100000\n", min(2, visible)),
                       ("max 100000\n", visible), ("garbage", visible)):
        (tmp_path / "cpu.max").write_text(text)
        monkeypatch.setattr(B, "CPU_MAX", str(tmp_path / "cpu.max"))
        assert B.available_cores() == want
    monkeypatch.setattr(B, "CPU_MAX", str(tmp_path / "missing"))
    assert B.available_cores() == visible
