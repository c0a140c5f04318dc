"""A 2-D map of papers and topics from a fitted model's space (LSA or document vectors)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.utils.validation import check_is_fitted

from ..text import paper_texts


def topic_map(model, papers: pd.DataFrame | None = None, embeddings=None) -> pd.DataFrame:
    """2-D coordinates of papers for a map of topics.

    The axes are the two principal directions of the topic centroids in the model's space, so
    topics that differ most lie furthest apart; each paper is placed by its projection.

    Parameters
    ----------
    model : TopicModel (fitted)
    papers : DataFrame, optional
        Papers to place (default: the papers the model was fitted on, normal path only).
    embeddings : array (len(papers), d), optional
        Their document vectors, for a model fitted on document vectors without an encoder.

    Returns
    -------
    DataFrame: id, x, y (Float64), topic (Int64), strength (Float64); papers without text are
    left out.

    Examples
    --------
    >>> import litkit
    >>> papers = litkit.read(litkit.data.ARXIV_SAMPLE).head(300)
    >>> model = litkit.TopicModel(n_topics=3, stability_runs=0)
    >>> points = litkit.topic_map(model.fit(papers))
    >>> list(points.columns), len(points), len(litkit.topic_map(model, papers.head(5)))
    (['id', 'x', 'y', 'topic', 'strength'], 300, 5)
    """
    check_is_fitted(model, "centers_")
    C = model.centers_
    if len(C) >= 3:
        Cc = C - C.mean(axis=0)
        _, _, vt = np.linalg.svd(Cc, full_matrices=False)
        axes = vt[:2]
    else:
        axes = None
    if papers is None:
        if model.doc_vectors_ is None:
            raise ValueError("pass the papers: the model was fitted on the large-corpus path")
        Z, ids = model.doc_vectors_, model.doc_ids_
        has = model.labels_.notna().to_numpy()
        lab = model.labels_.to_numpy(dtype=np.int64, na_value=-1)[has]
        st = model.strength_.to_numpy(dtype=float, na_value=np.nan)[has]
    else:
        texts = paper_texts(papers)
        idx = np.flatnonzero(texts.notna().to_numpy())
        part = papers.iloc[idx]
        E = None if embeddings is None else np.asarray(embeddings)[idx]
        Z = model._space_rows(texts.iloc[idx].tolist(), E)
        labels, strength = model.transform(part, return_strength=True, embeddings=E)
        lab = labels.to_numpy(dtype=np.int64)
        st = strength.to_numpy(dtype=float)
        ids = papers["id"].iloc[idx].astype(str).to_numpy() if "id" in papers else \
            papers.index[idx].astype(str).to_numpy()
    if axes is None:
        Zc = Z - Z.mean(axis=0)
        _, _, vt = np.linalg.svd(Zc[: min(len(Zc), 5000)], full_matrices=False)
        axes = vt[:2] if len(vt) >= 2 else np.vstack([vt[:1], np.zeros_like(vt[:1])])
    # deterministic orientation: the largest topic on the positive side of both axes
    xy = Z @ axes.T
    cxy = C @ axes.T
    flip = np.where(cxy[0] - (C.mean(axis=0) @ axes.T) < 0, -1.0, 1.0)
    xy = xy * flip
    return pd.DataFrame({"id": pd.array(ids, dtype="string"),
                         "x": pd.array(xy[:, 0], dtype="Float64"),
                         "y": pd.array(xy[:, 1], dtype="Float64"),
                         "topic": pd.array(lab, dtype="Int64"),
                         "strength": pd.array(st, dtype="Float64")})
