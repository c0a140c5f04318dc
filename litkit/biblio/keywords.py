"""Keywords: counts, the co-occurrence graph, and three-field flows (e.g. authors - keywords -
sources)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ._common import communities, incidence, long_table

#: fields whose cells are lists of keywords: table columns and ``extra`` keys
LIST_FIELDS = ("keywords", "author_keywords", "keywords_plus", "categories", "authors", "venue",
               "countries")
#: free-text fields, split into terms
TEXT_FIELDS = ("title", "abstract")


def _cells(papers: pd.DataFrame, field: str) -> pd.Series:
    if field in ("keywords", "categories", "authors"):
        return papers[field]
    if field == "venue":
        return papers["venue"].map(lambda v: [] if pd.isna(v) else [v])
    if field == "countries":
        from .countries import paper_countries
        return paper_countries(papers)
    return papers["extra"].map(lambda e: list(e.get(field) or ()))


def term_matrix(papers: pd.DataFrame, field: str = "keywords", *, min_papers: int = 1,
                bigrams: bool = False):
    """Binary papers x terms matrix of a field, and the term labels.

    List fields (keywords, ``extra`` keyword lists, authors...) are compared in lower case;
    ``title`` / ``abstract`` are split into words by :func:`litkit.text.tokenize` (the
    vectoriser of the topic models: stop words and scholarly boilerplate out), with adjacent-word
    bigrams when ``bigrams``.
    """
    if field in TEXT_FIELDS:
        from ..text import tokenize
        tok = tokenize(papers[field].tolist(), bigrams=bigrams)
        if len(tok.hash) == 0:
            return sp.csr_matrix((len(papers), 0)), pd.Index([], dtype=object)
        uniq, first, code = np.unique(tok.hash, return_index=True, return_inverse=True)
        X = sp.csr_matrix((np.ones(len(code)), (tok.doc, code.ravel())), shape=(len(papers), len(uniq)))
        X.sum_duplicates()
        X.data[:] = 1.0
        keep = np.flatnonzero(X.getnnz(axis=0) >= min_papers)
        return X[:, keep].tocsr(), pd.Index(tok.text(first[keep]), dtype=object)
    if field not in LIST_FIELDS:
        raise ValueError(f"field must be one of {LIST_FIELDS + TEXT_FIELDS}, not {field!r}")
    X, labels = incidence(long_table(_cells(papers, field)), len(papers))
    if min_papers > 1:
        keep = np.flatnonzero(np.asarray(X.sum(axis=0)).ravel() >= min_papers)
        X, labels = X[:, keep], labels[keep]
    return X.tocsr(), labels


def keyword_counts(papers: pd.DataFrame, field: str = "keywords", n: int | None = None, *,
                   min_papers: int = 1, bigrams: bool = False) -> pd.DataFrame:
    """How many papers hold each keyword (or title / abstract term).

    Parameters
    ----------
    papers : DataFrame
        A papers table.
    field : str
        ``keywords`` (author and index keywords), ``author_keywords`` or ``keywords_plus``
        (from ``extra``), ``categories``, ``title`` or ``abstract`` (words, English stop words
        out), or another list field (``authors``, ``venue``, ``countries``).
    n : int or None
        How many (None: all).
    min_papers : int
        Keep terms held by at least this many papers.
    bigrams : bool
        For title / abstract: also adjacent-word bigrams ("neural network").

    Returns
    -------
    DataFrame
        ``keyword`` (lower case), ``papers``, ``share`` (of all papers); most frequent first,
        ties alphabetical.

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> t = from_records([{"id": "a", "keywords": ["Graphs", "Trees"]}, {"id": "b", "keywords": ["graphs"]}])
    >>> litkit.keyword_counts(t)
      keyword  papers  share
    0  graphs       2    1.0
    1   trees       1    0.5
    """
    X, labels = term_matrix(papers, field, min_papers=min_papers, bigrams=bigrams)
    counts = np.asarray(X.sum(axis=0)).ravel().astype(np.int64)
    out = pd.DataFrame({"keyword": pd.array(labels.astype(str), dtype="string"),
                        "papers": pd.array(counts, dtype="Int64")})
    out["share"] = (out["papers"].astype("Float64") / max(len(papers), 1)).round(4)
    out = out.sort_values(["papers", "keyword"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return out if n is None else out.head(n)


def _top(X, labels, n):
    deg = np.asarray(X.sum(axis=0)).ravel()
    order = np.lexsort((labels.to_numpy(dtype=str), -deg))[:n]
    return order[deg[order] > 0], deg


def keyword_graph(papers: pd.DataFrame, field: str = "keywords", n: int = 50, *, min_weight: int = 1,
                  min_papers: int = 1, seed: int = 0, bigrams: bool = False, matrix=None) -> nx.Graph:
    """Keyword co-occurrence network of the ``n`` most frequent keywords.

    Parameters
    ----------
    papers : DataFrame
        A papers table.
    field : str
        As in :func:`litkit.keyword_counts`.
    n : int
        How many keywords (most frequent, ties alphabetical).
    min_weight : int
        Keep edges held by at least this many papers.
    min_papers : int
        Keep keywords held by at least this many papers.
    seed : int
        Seed of the Louvain communities.
    bigrams : bool
        For title / abstract terms.
    matrix : tuple, optional
        ``(X, labels)`` from :func:`term_matrix` when already computed.

    Returns
    -------
    networkx.Graph
        Nodes are keywords with ``papers`` and ``community`` (Louvain on the association
        weights, numbered by size); edges carry ``weight`` (papers holding both) and
        ``association`` (the equivalence index weight² / (papers_i × papers_j), in [0, 1]).

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> kw = [["a", "b"], ["a", "b", "c"], ["a"]]
    >>> t = from_records([{"id": str(i), "keywords": k} for i, k in enumerate(kw)])
    >>> G = litkit.keyword_graph(t)
    >>> G.edges["a", "b"]["weight"], float(G.edges["a", "b"]["association"]), G.nodes["a"]["papers"]
    (2, 0.6667, 3)
    """
    X, labels = matrix if matrix is not None else \
        term_matrix(papers, field, min_papers=min_papers, bigrams=bigrams)
    order, deg = _top(X, labels, n)
    sub = X[:, order].tocsc()
    C = sp.triu((sub.T @ sub).tocsr(), k=1).tocoo()
    names = [str(labels[j]) for j in order]
    d = deg[order]
    G = nx.Graph()
    for name, k in zip(names, d):
        G.add_node(name, papers=int(k))
    for a, b, w in zip(C.row, C.col, C.data):
        if w >= min_weight:
            G.add_edge(names[a], names[b], weight=int(w), association=round(w * w / (d[a] * d[b]), 4))
    return communities(G, weight="association", seed=seed)


def three_fields(papers: pd.DataFrame, fields=("authors", "keywords", "venue"), n: int = 10) -> pd.DataFrame:
    """Flows between three fields (bibliometrix' three-field plot): for each neighbouring pair
    of fields, how many papers hold an item of the left one and an item of the right one.

    Parameters
    ----------
    papers : DataFrame
        A papers table.
    fields : sequence of str
        Two or more list fields (see :func:`litkit.keyword_counts`), left to right.
    n : int
        Items per field (the most frequent).

    Returns
    -------
    DataFrame
        ``from_field``, ``from``, ``to_field``, ``to``, ``papers``; only pairs with papers.

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> t = from_records([{"id": "a", "authors": ["Ann Lee"], "keywords": ["x"], "venue": "J"},
    ...                   {"id": "b", "authors": ["Ann Lee"], "keywords": ["x", "y"], "venue": "K"}])
    >>> litkit.three_fields(t)
      from_field     from  to_field to  papers
    0    authors  ann lee  keywords  x       2
    1    authors  ann lee  keywords  y       1
    2   keywords        x     venue  j       1
    3   keywords        x     venue  k       1
    4   keywords        y     venue  k       1
    """
    mats = []
    for f in fields:
        X, labels = term_matrix(papers, f)
        order, _ = _top(X, labels, n)
        mats.append((f, X[:, order].tocsc(), [str(labels[j]) for j in order]))
    rows = []
    for (fa, A, la), (fb, B, lb) in zip(mats, mats[1:]):
        C = (A.T @ B).tocoo()
        for a, b, w in zip(C.row, C.col, C.data):
            if w > 0:
                rows.append((fa, la[a], fb, lb[b], int(w)))
    out = pd.DataFrame(rows, columns=["from_field", "from", "to_field", "to", "papers"])
    out = out.sort_values(["from_field", "papers", "from", "to"], ascending=[True, False, True, True],
                          kind="stable")
    order = {f: i for i, f in enumerate(fields)}
    out = out.sort_values("from_field", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    for c in ("from_field", "from", "to_field", "to"):
        out[c] = out[c].astype("string")
    out["papers"] = out["papers"].astype("Int64")
    return out
