"""Shared helpers of the bibliometric analyses: list cells, indices, reference year, guards."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import scipy.sparse as sp

#: what to do when a corpus has no cited references
NO_REFERENCES = ("Skipped because no paper has cited references: export them with the records "
                 "(Web of Science: 'Full Record and Cited References'; Scopus: tick 'References'; "
                 "OpenAlex works carry referenced_works).")

_SPACE = re.compile(r"\s+")


def lacks(papers: pd.DataFrame, need: str) -> str | None:
    """Why ``papers`` cannot feed an analysis that needs ``need``, or None when it can.

    ``"references"`` (cited references as text or as work identifiers) is checked here; every
    other need is :func:`litkit.check`'s.

    Parameters
    ----------
    papers : DataFrame
        A papers table.
    need : str
        ``"references"`` or a need of :func:`litkit.check` (``"citations"``, ``"venue"``,
        ``"keywords"``, ``"affiliations"``, ``"authors"``, ``"dates"``...).

    Returns
    -------
    str or None
        The one-line "Skipped because ..." message, or None.

    Examples
    --------
    >>> import litkit, litkit.data
    >>> papers = litkit.read(litkit.data.ARXIV_SAMPLE)
    >>> litkit.biblio.lacks(papers, "references")[:46]
    'Skipped because no paper has cited references:'
    >>> litkit.biblio.lacks(papers, "authors") is None
    True
    """
    from ..guards import check
    if need == "references":
        from .references import has_references
        if len(papers) == 0:
            return check(papers, min_papers=1).message
        return None if has_references(papers) else NO_REFERENCES
    result = check(papers, needs=(need,))
    return None if result else result.message


def clean_term(value) -> str:
    """A keyword or name as a comparison key: lower case, single spaces, trimmed."""
    return _SPACE.sub(" ", str(value)).strip().lower()


def long_table(values: pd.Series, *, key=clean_term) -> pd.DataFrame:
    """One row per (row position, distinct key) of a column of list cells.

    ``row`` is the position in ``values``; each key counts once per row.
    """
    rows, keys = [], []
    cache: dict = {}
    for i, cell in enumerate(values.tolist()):
        seen = set()
        for v in cell if isinstance(cell, list) else ():
            k = cache.get(v)
            if k is None:
                k = cache[v] = key(v)
            if k and k not in seen:
                seen.add(k)
                rows.append(i)
                keys.append(k)
    return pd.DataFrame({"row": np.asarray(rows, dtype=np.int64),
                         "key": pd.array(keys, dtype="string")})


def incidence(long: pd.DataFrame, n_rows: int, labels=None):
    """A binary sparse matrix rows x keys from a :func:`long_table`, and the key labels.

    With ``labels`` given, only those keys are columns (in that order).
    """
    if labels is None:
        labels = pd.Index(long["key"].unique())
    else:
        labels = pd.Index(labels)
    col = labels.get_indexer(long["key"])
    keep = col >= 0
    data = np.ones(int(keep.sum()), dtype=np.float64)
    X = sp.csr_matrix((data, (long["row"].to_numpy()[keep], col[keep])),
                      shape=(n_rows, len(labels)))
    X.sum_duplicates()
    X.data[:] = 1.0
    return X, labels


def h_index(citations) -> int:
    """The h-index: the largest h such that h papers have at least h citations each.

    Examples
    --------
    >>> h_index([10, 8, 5, 4, 3]), h_index([25, 8, 5, 3, 3]), h_index([0, 0]), h_index([])
    (4, 3, 0, 0)
    """
    c = np.sort(np.asarray(citations, dtype=float))[::-1]
    c = c[~np.isnan(c)]
    return int(np.sum(c >= np.arange(1, len(c) + 1)))


def g_index(citations) -> int:
    """The g-index (Egghe 2006): the largest g such that the g most cited papers have at least
    g² citations together (g is at most the number of papers, as in bibliometrix).

    Examples
    --------
    >>> g_index([10, 8, 5, 4, 3]), g_index([25, 8, 5, 3, 3]), g_index([0, 0])
    (5, 5, 0)
    """
    c = np.sort(np.asarray(citations, dtype=float))[::-1]
    c = c[~np.isnan(c)]
    ranks = np.arange(1, len(c) + 1)
    ok = np.flatnonzero(np.cumsum(c) >= ranks ** 2)
    return int(ok[-1] + 1) if len(ok) else 0


def reference_year(papers: pd.DataFrame, as_of: int | None = None) -> int | None:
    """The year that ages are counted to: ``as_of``, else the corpus' latest year.

    Never today's date, so a report says the same thing on every machine and every day.
    """
    if as_of is not None:
        return int(as_of)
    years = papers["year"].dropna()
    return int(years.max()) if len(years) else None


def labelled_ids(papers: pd.DataFrame) -> pd.Series:
    """A short label of each paper: first author's family name, year (``"Smith 2019"``)."""
    first = papers["authors"].map(lambda a: a[0].split()[-1] if a and a[0].split() else "")
    year = papers["year"].astype("string").fillna("")
    return (first + " " + year).str.strip().replace("", pd.NA).fillna(papers["id"])


def communities(G, *, weight: str = "weight", seed: int = 0):
    """Louvain communities (seeded, so the same on every run), numbered by size (0 = largest,
    ties by first member); stored as the ``community`` node attribute. Returns ``G``."""
    import networkx as nx
    if G.number_of_edges() == 0:
        comms = [{v} for v in G.nodes]
    else:
        comms = nx.community.louvain_communities(G, weight=weight, seed=seed)
    comms = sorted((sorted(c, key=str) for c in comms), key=lambda c: (-len(c), str(c[0])))
    for i, c in enumerate(comms):
        for v in c:
            G.nodes[v]["community"] = i
    return G
