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

