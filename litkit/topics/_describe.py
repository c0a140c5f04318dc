"""Describing fitted topics: distinctive terms, short labels, representative papers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp


def describe(X: sp.csr_matrix, lab: np.ndarray, strength: np.ndarray, ids: np.ndarray, k: int,
             terms: np.ndarray, n_terms: int, n_representative: int) -> pd.DataFrame:
    """The topics table: topic, size, label, top_terms, representative_ids.

    Terms are ranked by class-based distinctiveness ``p(t|topic) * log(p(t|topic) / p(t))`` on
    document frequencies; representative papers are the members most similar to the centroid.
    """
    n = X.shape[0]
    B = X.copy()
    B.data[:] = 1
    M = sp.csr_matrix((np.ones(n, dtype=np.float64), (lab, np.arange(n))), shape=(k, n))
    dfc = np.asarray((M @ B).todense(), dtype=np.float64)      # (k, V) documents with the term
    sizes = np.bincount(lab, minlength=k)
    p_t = (dfc.sum(axis=0) + 0.5) / (n + 1)
    p_tc = (dfc + 0.5 / k) / (sizes[:, None] + 1)
    score = p_tc * np.log(p_tc / p_t)
    rows = []
    for t in range(k):
        top = np.lexsort((np.arange(len(terms)), -score[t]))[: max(n_terms * 3, 30)]
        top = [i for i in top if score[t, i] > 0] or list(top[:1])
        top_terms = [terms[i] for i in top[:n_terms]]
        members = np.flatnonzero(lab == t)
        central = members[np.lexsort((members, -np.round(strength[members], 6)))][:n_representative]
        rows.append((t, int(sizes[t]), label_terms([terms[i] for i in top]), top_terms,
                     [str(x) for x in ids[central]]))
    out = pd.DataFrame(rows, columns=["topic", "size", "label", "top_terms", "representative_ids"])
    out["topic"] = out["topic"].astype("Int64")
    out["size"] = out["size"].astype("Int64")
    out["label"] = out["label"].astype("string")
    return out


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def label_terms(terms: list[str], n: int = 3) -> str:
    """A short label: the first distinctive terms; a bigram replaces the words it contains and
    a word already there in another number ("llm", "llms") is skipped."""
    chosen: list[str] = []
    seen: set[str] = set()
    for t in terms:
        parts = [_stem(p) for p in t.split()]
        if len(parts) > 1:
            if all(p in seen for p in parts) and any(" " in c for c in chosen):
                continue
            # a bigram absorbs the words already chosen
            chosen = [c for c in chosen if " " in c or _stem(c) not in parts]
            chosen.append(t)
            seen.update(parts)
        else:
            if parts[0] in seen:
                continue
            chosen.append(t)
            seen.add(parts[0])
        if len(chosen) >= n:
            break
    return ", ".join(chosen[:n])



#: topics whose term profiles have at least this cosine similarity are flagged as near-duplicates
SIMILAR_TOPICS = 0.7


def similar_pairs(X: sp.csr_matrix, lab: np.ndarray, k: int) -> pd.DataFrame:
    """Pairs of topics that say nearly the same thing: topic, other, similarity (cosine of
    their summed TF-IDF rows, 0 to 1), for pairs at or above :data:`SIMILAR_TOPICS`."""
    n = X.shape[0]
    M = sp.csr_matrix((np.ones(n), (lab, np.arange(n))), shape=(k, n))
    T = np.asarray((M @ X).todense(), dtype=np.float64)
    T /= np.maximum(np.linalg.norm(T, axis=1, keepdims=True), 1e-300)
    sim = np.round(T @ T.T, 3)          # rounded: the flag never hinges on the last bits
    a, b = np.triu_indices(k, 1)
    keep = sim[a, b] >= SIMILAR_TOPICS
    return pd.DataFrame({"topic": pd.array(a[keep], dtype="Int64"),
                         "other": pd.array(b[keep], dtype="Int64"),
                         "similarity": pd.array(sim[a, b][keep], dtype="Float64")})
