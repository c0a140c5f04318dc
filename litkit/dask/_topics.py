"""``TopicModel.fit`` on a Dask DataFrame: learn from a seeded sample, assign every partition.

The vocabulary, the reduction and the centroids are learnt, by the in-memory fit, from a sample
of at most ``sample_cap`` papers gathered from the partitions in file order; then every
partition is assigned in parallel by the fitted model (the same assignment ``fit`` gives its
training papers). When the corpus has at most ``sample_cap`` papers the sample is the whole
corpus, so the labels are those of the in-memory fit. Above it, the sample is
``sample_positions(len(papers), sample_cap, random_state)`` — the same rows in any
partitioning — and the labels are those of the in-memory model fitted on
:func:`sample` of the computed table.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd

from . import no_string_conversion, releases, require, share

#: papers a Dask fit learns from (the others are assigned by the fitted model)
SAMPLE_CAP = 150_000
#: the columns the fit reads
TEXT_COLUMNS = ["id", "title", "abstract"]


def sample_positions(n: int, cap: int = SAMPLE_CAP, seed: int | None = 0) -> np.ndarray:
    """File-order positions of the papers a Dask fit learns from: all of them up to ``cap``.

    Parameters
    ----------
    n : int
        Papers in the corpus.
    cap : int
        At most this many positions.
    seed : int or None
        The model's ``random_state`` (None: a fresh random sample).

    Returns
    -------
    numpy.ndarray of int64, sorted.

    Examples
    --------
    >>> from litkit.dask import sample_positions
    >>> sample_positions(5, cap=10).tolist()
    [0, 1, 2, 3, 4]
    >>> len(sample_positions(1000, cap=10, seed=0))
    10
    """
    if n <= cap:
        return np.arange(n, dtype=np.int64)
    return np.sort(np.random.default_rng(seed).choice(n, cap, replace=False)).astype(np.int64)


@releases
def _rows(part: pd.DataFrame, local: np.ndarray) -> pd.DataFrame:
    return part.iloc[local]


def sample(papers, cap: int = SAMPLE_CAP, seed: int = 0) -> pd.DataFrame:
    """The papers a Dask fit learns from, as a pandas table in file order.

    Parameters
    ----------
    papers : pandas.DataFrame or dask.dataframe.DataFrame
        A papers table. From a Dask DataFrame only the columns the fit reads are gathered.
    cap, seed
        See :func:`sample_positions`.

    Returns
    -------
    pandas.DataFrame with a fresh index.

    Examples
    --------
    >>> import litkit
    >>> from litkit.data import ARXIV_SAMPLE
    >>> from litkit.dask import sample
    >>> len(sample(litkit.read(ARXIV_SAMPLE), cap=100, seed=0))
    100
    """
    from . import is_dask
    if not is_dask(papers):
        return papers.iloc[sample_positions(len(papers), cap, seed)].reset_index(drop=True)
    import dask
    with no_string_conversion():
        sub = papers[[c for c in TEXT_COLUMNS if c in papers.columns]]
        lengths = sub.map_partitions(len).compute().tolist()
        pos = sample_positions(int(sum(lengths)), cap, seed)
        offsets = np.concatenate([[0], np.cumsum(lengths)])
        parts = [dask.delayed(_rows, pure=True)(p, pos[(pos >= lo) & (pos < hi)] - lo)
                 for p, lo, hi in zip(sub.to_delayed(), offsets[:-1], offsets[1:])]
        picked = dask.compute(*parts)
    if not picked:
        return sub._meta.copy()
    return pd.concat(picked, ignore_index=True)


@releases
def _assign(part: pd.DataFrame, model) -> pd.DataFrame:
    labels, strength = model.transform(part, return_strength=True)
    return pd.DataFrame({"topic": labels, "strength": strength})


def fit(model, papers, sample_cap: int = SAMPLE_CAP):
    """Fit ``model`` (a :class:`litkit.TopicModel`) on a Dask DataFrame; returns the model.

    ``labels_`` and ``strength_`` become Dask Series aligned with ``papers`` (compute them, or
    pass ``labels_`` to :func:`litkit.author_stats`/:func:`litkit.counts_by_period` as ``by``);
    ``topics_``, ``terms_`` and the other fitted attributes describe the sample.

    Examples
    --------
    >>> import dask, litkit
    >>> from litkit.data import ARXIV_SAMPLE
    >>> papers = litkit.read(ARXIV_SAMPLE, engine="dask")
    >>> with dask.config.set(scheduler="synchronous"):
    ...     model = litkit.TopicModel(n_topics=5, stability_runs=0).fit(papers)
    ...     labels = model.labels_.compute()
    >>> len(labels), model.n_topics_
    (3126, 5)
    """
    require()
    seed = model.random_state if isinstance(model.random_state, (int, np.integer)) else None
    model.fit(sample(papers, sample_cap, seed))
    fitted = copy.copy(model)          # what the workers need: no labels of the sample
    for name in ("labels_", "strength_", "_Z"):
        vars(fitted).pop(name, None)
    meta = pd.DataFrame({"topic": pd.Series([], dtype="Int64"),
                         "strength": pd.Series([], dtype="Float64")})
    with no_string_conversion():
        sub = papers[[c for c in TEXT_COLUMNS if c in papers.columns]]
        assigned = sub.map_partitions(_assign, share(fitted), meta=meta)
    model.labels_ = assigned["topic"]
    model.strength_ = assigned["strength"]
    return model
