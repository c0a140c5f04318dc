"""Citation networks: co-citation of references, bibliographic coupling of papers, and the
historiograph (direct citations inside the corpus).

Co-citation and coupling are sparse matrix products over the papers x references incidence,
restricted first to the ``n`` most cited references (or the ``n`` papers with most references
cited elsewhere), so they never enumerate all pairs of references.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ._common import communities, incidence, labelled_ids
from .references import citation_links, local_citations, references


def _incidence(papers: pd.DataFrame, refs=None):
    R = references(papers) if refs is None else refs
    rows = pd.Index(papers["id"].astype(str)).get_indexer(R["id"].astype(str))
    long = pd.DataFrame({"row": rows, "key": R["key"].astype(str)})
    X, keys = incidence(long[long["row"] >= 0], len(papers))
    return X.tocsc(), keys, R


def _pairs(C: sp.spmatrix, min_weight: int):
    C = sp.triu(C, k=1).tocoo()
    keep = C.data >= min_weight
    return C.row[keep], C.col[keep], C.data[keep]


def cocitation_graph(papers: pd.DataFrame, n: int = 50, *, min_weight: int = 2, refs=None) -> nx.Graph:
    """Co-citation network of the ``n`` most cited references: two references are linked when
    papers of the corpus cite both; edge ``weight`` = the number of such papers.

    Parameters
    ----------
    papers : DataFrame
        A papers table with cited references (see :func:`litkit.references`).
    n : int
        How many references (the most cited; ties by key).
    min_weight : int
        Keep edges with at least this many co-citing papers.
    refs : DataFrame, optional
        The result of :func:`litkit.references` when already computed.

    Returns
    -------
    networkx.Graph
        Nodes are reference keys with ``label`` (the reference as given), ``citations`` (citing
        papers) and ``community`` (Louvain, seeded, numbered by size); edges carry ``weight``.

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> refs = [["A X, 2001, J", "B Y, 2002, J"], ["A X, 2001, J", "B Y, 2002, J"], ["A X, 2001, J"]]
    >>> t = from_records([{"id": str(i), "extra": {"references": r}} for i, r in enumerate(refs)])
    >>> G = litkit.cocitation_graph(t)
    >>> G.edges["A X, 2001, J", "B Y, 2002, J"]["weight"], G.nodes["A X, 2001, J"]["citations"]
    (2, 3)
    """
    X, keys, R = _incidence(papers, refs)
    deg = np.asarray(X.sum(axis=0)).ravel()
    order = np.lexsort((keys.to_numpy(dtype=str), -deg))[:n]
    order = order[deg[order] > 0]
    sub = X[:, order]
    C = (sub.T @ sub).tocsr()
    r, c, w = _pairs(C, min_weight)
    label = R.drop_duplicates("key").set_index("key")["reference"]
    G = nx.Graph()
    for j in order:
        k = keys[j]
        G.add_node(k, label=str(label.get(k, k)), citations=int(deg[j]))
    names = keys[order]
    G.add_weighted_edges_from((names[a], names[b], int(x)) for a, b, x in zip(r, c, w))
    return communities(G)


def coupling_graph(papers: pd.DataFrame, n: int = 100, *, min_weight: int = 2, refs=None) -> nx.Graph:
    """Bibliographic coupling of papers: two papers are linked when they cite the same
    references; edge ``weight`` = the number of shared references.

    Only references cited by two papers or more can couple, so only those enter the product;
    of the papers, the ``n`` citing most such references are kept.

    Parameters
    ----------
    papers : DataFrame
        A papers table with cited references.
    n : int
        How many papers (the most coupled-capable; ties by id).
    min_weight : int
        Keep edges with at least this many shared references.
    refs : DataFrame, optional
        The result of :func:`litkit.references` when already computed.

    Returns
    -------
    networkx.Graph
        Nodes are paper ids with ``label`` (first author and year), ``year``, ``references``
        (shared-capable references) and ``community``; edges carry ``weight``.

    Examples
    --------
    >>> import litkit
    >>> shared = {"references": ["A X, 2001, J", "B Y, 2002, J"]}
    >>> t = litkit.schema.from_records([{"id": "0", "extra": shared}, {"id": "1", "extra": shared},
    ...                                 {"id": "2", "extra": {"references": ["C Z, 2003, K"]}}])
    >>> list(litkit.coupling_graph(t).edges(data="weight"))
    [('0', '1', 2)]
    """
    X, keys, _ = _incidence(papers, refs)
    deg = np.asarray(X.sum(axis=0)).ravel()
    X = X[:, np.flatnonzero(deg >= 2)].tocsr()
    per = np.asarray(X.sum(axis=1)).ravel()
    ids = papers["id"].astype(str).to_numpy()
    order = np.lexsort((ids, -per))[:n]
    order = order[per[order] > 0]
    sub = X[order]
    C = (sub @ sub.T).tocsr()
    r, c, w = _pairs(C, min_weight)
    labels = labelled_ids(papers).to_numpy()
    years = papers["year"].to_numpy()
    G = nx.Graph()
    for i in order:
        y = years[i]
        G.add_node(ids[i], label=str(labels[i]), year=None if pd.isna(y) else int(y),
                   references=int(per[i]))
    names = ids[order]
    G.add_weighted_edges_from((names[a], names[b], int(x)) for a, b, x in zip(r, c, w))
    return communities(G)


def citation_graph(papers: pd.DataFrame, n: int | None = 30, *, links=None) -> nx.DiGraph:
    """The historiograph: direct citations among the ``n`` most locally cited papers.

    Parameters
    ----------
    papers : DataFrame
        A papers table with cited references.
    n : int or None
        How many papers (most local citations; ties by id; None: every paper cited or citing
        inside the corpus).
    links : DataFrame, optional
        The result of :func:`litkit.citation_links` when already computed.

    Returns
    -------
    networkx.DiGraph
        Nodes are paper ids with ``label``, ``title``, ``year``, ``local_citations``,
        ``citations``; an edge runs from the citing paper to the cited one (``by``: how it was
        matched).

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> t = from_records([{"id": "doi:10.1000/a", "doi": "10.1000/a", "year": 2001},
    ...                   {"id": "b", "year": 2005, "extra": {"references": ["Q R, 2001, J, DOI 10.1000/A"]}}])
    >>> list(litkit.citation_graph(t).edges)
    [('b', 'doi:10.1000/a')]
    """
    L = citation_links(papers) if links is None else links
    lc = local_citations(papers, links=L)
    involved = set(L["citing"].astype(str)) | set(L["cited"].astype(str))
    lc = lc[lc["id"].astype(str).isin(involved)]
    if n is not None:
        lc = lc.head(n)
    keep = set(lc["id"].astype(str))
    info = papers.assign(label=labelled_ids(papers)).set_index(papers["id"].astype(str))
    G = nx.DiGraph()
    for row in lc.itertuples(index=False):
        pid = str(row.id)
        y = row.year
        G.add_node(pid, label=str(info.at[pid, "label"]), title=str(row.title),
                   year=None if pd.isna(y) else int(y), local_citations=int(row.local_citations),
                   citations=None if pd.isna(row.citations) else int(row.citations))
    for a, b, by in zip(L["citing"].astype(str), L["cited"].astype(str), L["by"].astype(str)):
        if a in keep and b in keep:
            G.add_edge(a, b, by=by)
    return G
