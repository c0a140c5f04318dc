"""The co-authorship graph: nodes, weighted edges, communities, centralities."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd

from ._long import _cooccurrence, _display_names, _ids, _long

__all__ = ["coauthor_graph", "graph_nodes"]

# --- the co-authorship graph -----------------------------------------------------------------

#: graphs with at most this many nodes get exact betweenness by default
EXACT_BETWEENNESS_NODES = 2000


def coauthor_graph(papers: pd.DataFrame, min_weight: int = 1, *, max_authors: int | None = 500,
                   communities: bool = True, centrality: bool = True, betweenness_k: int | None = None,
                   resolution: float = 1.0, seed: int = 0, authorships=None, aliases=None):
    """The co-authorship graph: one node per author key, edges weighted by joint papers.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table. Not modified.
    min_weight : int
        Keep edges of at least this many joint papers (nodes are kept whatever their edges).
    max_authors : int or None
        Papers with more distinct authors than this add their authors as nodes (with the paper
        counted in ``papers``) but no edges: one 3,000-author paper would otherwise add 4.5
        million edges and dominate every community and centrality. The ids of those papers are in
        ``G.graph["papers_without_edges"]``. ``None`` links every paper.
    communities : bool
        Louvain communities (modularity, weighted, ``resolution``), seeded by ``seed``; node
        attribute ``community`` (0 is the largest community; ties by the first key).
    centrality : bool
        Node attributes ``degree`` (co-authors in the graph), ``strength`` (sum of edge weights),
        ``degree_centrality`` (degree / (n - 1)) and ``betweenness`` (normalised like
        networkx's ``betweenness_centrality``; hop counts, unweighted).
    betweenness_k : int, optional
        Number of source nodes for approximate betweenness (Brandes & Pich 2007: sampled sources,
        scaled by n / k), sampled with ``seed``. Default: exact up to 2,000 nodes, else 64
        sources (enough to rank the hubs; pass more for finer estimates, at about 0.05 s per
        source on a 2-million-edge graph). The method used is in ``G.graph["betweenness"]``.
    resolution : float
        Louvain resolution (above 1: smaller communities).
    seed : int
        Seed of the community detection and of the betweenness sample.
    authorships, aliases : pandas.DataFrame or dict, optional
        See :func:`author_stats`.

    Returns
    -------
    networkx.Graph
        Nodes are author keys with attributes ``name``, ``papers``, and the community and
        centrality attributes above; edges have ``weight`` (joint papers). ``G.graph`` holds
        ``papers``, ``papers_without_edges``, ``max_authors``, ``min_weight``, ``modularity``,
        ``communities`` and ``betweenness`` (how they were computed).

    See Also
    --------
    graph_nodes : The nodes and their attributes as a table.
    litkit.plots.coauthor_network : The graph of the most productive authors.

    Notes
    -----
    The community detection and betweenness run on igraph (C) for speed: the same Louvain
    algorithm as networkx's ``louvain_communities``, with a seeded random generator, so the
    result is the same on every run.

    Examples
    --------
    >>> papers = litkit.read(litkit.data.RESEARCHER_PROFILE)
    >>> G = litkit.coauthor_graph(papers)
    >>> G.number_of_nodes(), G.number_of_edges(), G.graph["betweenness"]
    (44, 56, 'exact')
    >>> {k: G.nodes["behbahani, f"][k] for k in ("name", "papers", "degree", "strength")}
    {'name': 'Feryal Behbahani', 'papers': 8, 'degree': 15, 'strength': 16}

    A paper with more authors than ``max_authors`` adds nodes but no edges:

    >>> big = litkit.schema.from_records([{"id": "big", "authors": ["Al Ng", "Bo Wu", "Cy Li"]},
    ...                                   {"id": "duo", "authors": ["Al Ng", "Bo Wu"]}])
    >>> H = litkit.coauthor_graph(big, max_authors=2)
    >>> sorted(H.nodes), list(H.edges(data="weight")), H.graph["papers_without_edges"]
    (['li, c', 'ng, a', 'wu, b'], [('ng, a', 'wu, b', 1)], ['big'])
    """
    import networkx as nx
    L = _long(papers, authorships, aliases)
    kcode, keys = pd.factorize(L["key"], sort=True)
    K = len(keys)
    from scipy import sparse
    C, skipped_rows = _cooccurrence(L, kcode, K, max_authors)
    U = sparse.triu(C, k=1).tocoo()
    sel = U.data >= min_weight
    ea, eb, ew = U.row[sel].astype("int64"), U.col[sel].astype("int64"), U.data[sel].astype("int64")
    o = np.lexsort((eb, ea))
    ea, eb, ew = ea[o], eb[o], ew[o]
    papers_per = np.bincount(kcode, minlength=K)
    names = _display_names(L, kcode, K)
    key_list = [str(k) for k in keys]

    attrs: dict[str, np.ndarray] = {}
    info = {"papers": len(papers), "papers_without_edges": _ids(papers, skipped_rows),
            "max_authors": max_authors, "min_weight": min_weight, "modularity": None,
            "communities": None, "betweenness": None}
    if (communities or centrality) and K:
        import igraph as ig
        g = ig.Graph(n=K, edges=np.c_[ea, eb].tolist() if len(ea) else [],
                     edge_attrs={"weight": ew.astype("float64").tolist()})
        if communities:
            rng_before = random.getstate()
            ig.set_random_number_generator(random.Random(seed))
            try:
                cl = g.community_multilevel(weights="weight" if len(ea) else None,
                                            resolution=resolution)
            finally:
                ig.set_random_number_generator(random)
                random.setstate(rng_before)
            memb = np.asarray(cl.membership)
            # renumber: largest first, ties by the smallest member (keys are sorted)
            sizes = np.bincount(memb)
            first_member = np.full(len(sizes), K)
            np.minimum.at(first_member, memb, np.arange(K))
            order = np.lexsort((first_member, -sizes))
            rank = np.empty_like(order)
            rank[order] = np.arange(len(order))
            attrs["community"] = rank[memb]
            info["modularity"] = float(cl.modularity) if len(ea) else 0.0
            info["communities"] = f"louvain (igraph multilevel), resolution={resolution}, seed={seed}"
        if centrality:
            deg = np.asarray(g.degree(), dtype="int64")
            attrs["degree"] = deg
            attrs["strength"] = np.asarray(g.strength(weights="weight"), dtype="int64") if len(ea) \
                else np.zeros(K, dtype="int64")
            attrs["degree_centrality"] = deg / (K - 1) if K > 1 else np.zeros(K)
            k = betweenness_k
            if k is None:
                k = K if K <= EXACT_BETWEENNESS_NODES else 64
            k = min(int(k), K)
            if k >= K:
                b = np.asarray(g.betweenness(directed=False), dtype="float64")
                info["betweenness"] = "exact"
            else:
                src = np.sort(np.random.default_rng(seed).choice(K, size=k, replace=False))
                b = np.asarray(g.betweenness(directed=False, sources=src.tolist()), dtype="float64") * K / k
                info["betweenness"] = f"approximate: {k} sampled sources of {K}, seed={seed}"
            scale = 2.0 / ((K - 1) * (K - 2)) if K > 2 else 1.0
            attrs["betweenness"] = b * scale

    return _nx_graph(key_list, _node_attrs(names, papers_per, attrs, K), ea, eb, ew, info)


def _node_attrs(names, papers_per, attrs, K) -> list[dict]:
    cols = {"name": [None if n is None else str(n) for n in names], "papers": papers_per.tolist()}
    for col, vals in attrs.items():
        cols[col] = vals.astype(float).tolist() if vals.dtype.kind == "f" else vals.astype(int).tolist()
    names_ = list(cols)
    return [dict(zip(names_, row)) for row in zip(*cols.values())]


def _nx_graph(key_list, node_attrs, ea, eb, ew, info):
    """A networkx Graph built straight into its adjacency dicts (networkx's documented data
    structure: one shared attribute dict per undirected edge), ten times faster than
    ``add_weighted_edges_from`` for millions of edges."""
    import networkx as nx
    G = nx.Graph()
    G.graph.update(info)
    G.add_nodes_from(zip(key_list, node_attrs))
    if len(ea):
        data = [{"weight": w} for w in ew.tolist()]
        src = np.concatenate([ea, eb])
        dst = np.concatenate([eb, ea])
        eid = np.concatenate([np.arange(len(ea)), np.arange(len(ea))])
        order = np.argsort(src, kind="stable")
        src, dst, eid = src[order], dst[order], eid[order]
        bounds = np.searchsorted(src, np.arange(len(key_list) + 1))
        dst_keys = [key_list[i] for i in dst.tolist()]
        dd = [data[i] for i in eid.tolist()]
        adj = G._adj
        for i in np.flatnonzero(np.diff(bounds)).tolist():
            lo, hi = bounds[i], bounds[i + 1]
            adj[key_list[i]].update(zip(dst_keys[lo:hi], dd[lo:hi]))
    return G


def graph_nodes(G) -> pd.DataFrame:
    """The nodes of a :func:`coauthor_graph` as a table (one row per author key), by degree.

    Parameters
    ----------
    G : networkx.Graph
        A graph from :func:`coauthor_graph` (nodes with at least a ``name`` attribute).

    Returns
    -------
    pandas.DataFrame
        ``key`` and one column per node attribute (``name``, ``papers``, ``community``,
        ``degree``...), sorted by ``degree`` and ``papers`` (descending, where present) then
        ``key``. An empty graph gives a table with the ``key`` column only.

    Examples
    --------
    >>> from litkit.authors import graph_nodes
    >>> nodes = graph_nodes(litkit.coauthor_graph(litkit.read(litkit.data.RESEARCHER_PROFILE)))
    >>> len(nodes)
    44
    >>> nodes[["key", "name", "papers", "degree"]].head(2)
                key              name  papers  degree
    0  behbahani, f  Feryal Behbahani       8      15
    1    agarwal, r   Rishabh Agarwal       2       4
    """
    rows = [{"key": n, **d} for n, d in G.nodes(data=True)]
    t = pd.DataFrame(rows)
    if t.empty:
        return pd.DataFrame({"key": pd.Series([], dtype="string")})
    t["key"] = t["key"].astype("string")
    t["name"] = t["name"].astype("string")
    sort = [c for c in ("degree", "papers") if c in t]
    return t.sort_values(sort + ["key"], ascending=[False] * len(sort) + [True],
                         kind="stable").reset_index(drop=True)
