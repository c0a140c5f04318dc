"""Topic stability: how much topics agree across refits with other seeds on subsamples."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from ._cluster import refit_agreement

_SEED_OFFSET = 1000   # refit seeds apart from the model's own

@dataclass
class Stability:
    """Agreement of refits with a reference fit.

    Attributes
    ----------
    per_topic : DataFrame
        topic, label, size, jaccard (mean best-match overlap over the refits), jaccard_min.
    runs : DataFrame
        run, seed, jaccard (size-weighted mean of the per-topic overlaps, 0 to 1), ari (adjusted
        Rand index with the reference on the resampled papers; near 0 or below for chance
        agreement).
    overall : float
        Mean of the runs' ``jaccard``, on a 0-1 scale: 1 means every topic came back with the
        same papers in every refit.
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
    from .model import TopicModel
    if model is None:
        model = TopicModel(**params)
    elif isinstance(model, dict):
        model = TopicModel(**{**model, **params})
    if not hasattr(model, "centers_"):
        model = model.fit(papers)
    if model.doc_vectors_ is None:
        raise ValueError("topic_stability needs a model fitted on the normal (not large) path; "
                         "fit on a sample of the papers instead")
    Z, k = model.doc_vectors_, model.n_topics_
    lab = model.labels_.dropna().to_numpy(dtype=np.int64)
    seed = int(random_state) + _SEED_OFFSET
    if k < 2:
        jac, ari = np.ones((n_runs, k)), np.ones(n_runs)
    else:
        with threadpool_limits(model.n_threads):
            jac, ari = refit_agreement(Z, lab, k, seed, n_runs, sample=sample, n_init=model.n_init)
    sizes = model.topics_["size"].to_numpy(dtype=float)
    per = pd.DataFrame({"topic": pd.array(np.arange(k), dtype="Int64"),
                        "label": model.topics_["label"].to_numpy(),
                        "size": model.topics_["size"].to_numpy(),
                        "jaccard": pd.array(jac.mean(axis=0), dtype="Float64"),
                        "jaccard_min": pd.array(jac.min(axis=0), dtype="Float64")})
    runs = pd.DataFrame({"run": pd.array(np.arange(n_runs), dtype="Int64"),
                         "seed": pd.array(seed + 1 + np.arange(n_runs), dtype="Int64"),
                         "jaccard": pd.array(jac @ sizes / sizes.sum(), dtype="Float64"),
                         "ari": pd.array(ari, dtype="Float64")})
    return Stability(per_topic=per, runs=runs, overall=float(runs["jaccard"].mean()))
