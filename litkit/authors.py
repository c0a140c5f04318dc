"""Authors: productivity, Lotka's law, the co-authorship graph, collaboration, affiliations.

Every function takes a papers table (``litkit.read``), never modifies it, and works on the
long authorship table of :func:`litkit.authorships` (one row per paper and author, with the
normalised person ``key``). Pass ``authorships=`` to reuse one you already built (or corrected
with ``aliases``); otherwise it is built here.

Truncated author lists
----------------------
Some sources show only the first authors ("et al.", ``authors_truncated``). The authors that
are not shown cannot be counted, so counts over such papers are lower bounds. Nothing is
silently dropped: :func:`author_stats` has a ``truncated_papers`` column, and the other results
give the number of truncated papers in ``attrs["truncated_papers"]``. Papers with very long
author lists (hundreds or thousands, as in large collaborations) are counted like any other;
only :func:`coauthor_graph` has a ``max_authors`` bound for its edges, reported on the graph.
"""

from __future__ import annotations

import random

import numpy as np
import pandas as pd

from .dask import dispatch, is_dask

__all__ = ["author_stats", "lotka", "coauthor_graph", "collaboration_stats", "authors_per_paper",
           "affiliation_counts", "author_topic_profiles"]


# --- the long table --------------------------------------------------------------------------

def _paper_years(papers: pd.DataFrame) -> np.ndarray:
    year = pd.to_numeric(papers["year"], errors="coerce") if "year" in papers else \
        pd.Series(np.nan, index=papers.index)
    if "date" in papers:
        year = year.fillna(pd.to_datetime(papers["date"], errors="coerce").dt.year)
    return year.to_numpy(dtype="float64", na_value=np.nan)


def _long(papers: pd.DataFrame, authorships=None, aliases=None) -> pd.DataFrame:
    """The authorship table with ``row`` (position of the paper in ``papers``) and ``year``;
    one row per (paper, key): a person listed twice on a paper (two spellings) counts once."""
    if authorships is None:
        from .names import authorships as _authorships
        a = _authorships(papers, aliases=aliases)
    else:
        if aliases is not None:
            raise ValueError("give either authorships= or aliases=, not both "
                             "(build the authorships with litkit.authorships(papers, aliases))")
        missing = {"id", "key", "position", "n_authors", "truncated"} - set(authorships.columns)
        if missing:
            raise ValueError(f"authorships table lacks column(s) {sorted(missing)}: "
                             "build it with litkit.authorships(papers)")
        a = authorships
    lengths = papers["authors"].map(lambda v: len(v) if isinstance(v, (list, tuple)) else 0).to_numpy()
    rows = np.repeat(np.arange(len(papers)), lengths)
    ids = papers["id"].to_numpy(dtype=object)
    if len(rows) == len(a) and (ids[rows] == a["id"].to_numpy(dtype=object)).all():
        row = rows
    else:
        if papers["id"].duplicated().any():
            raise ValueError("the authorship table does not follow the papers table row by row and "
                             "paper ids are not unique: deduplicate first (litkit.deduplicate) or "
                             "build the authorships from this very table")
        pos = pd.Series(np.arange(len(papers)), index=papers["id"].astype(object))
        row = a["id"].astype(object).map(pos)
        if row.isna().any():
            raise ValueError(f"{int(row.isna().sum())} authorship row(s) name papers that are not "
                             "in the papers table")
        row = row.to_numpy(dtype="int64")
    out = pd.DataFrame({
        "row": row,
        "id": a["id"].to_numpy(dtype=object),
        "key": a["key"].astype(object).to_numpy(),
        "name": a["name"].astype(object).to_numpy() if "name" in a else a["key"].astype(object).to_numpy(),
        "position": a["position"].to_numpy(dtype="int64", na_value=0),
        "n_authors": a["n_authors"].to_numpy(dtype="int64", na_value=0),
        "truncated": a["truncated"].to_numpy(dtype=bool),
        "ambiguous": a["ambiguous"].to_numpy(dtype=bool) if "ambiguous" in a else False,
    })
    if "affiliation" in a:
        out["affiliation"] = a["affiliation"].astype(object).to_numpy()
    out = out[pd.notna(out["key"])]
    out = out.drop_duplicates(["row", "key"], keep="first")
    out["year"] = _paper_years(papers)[out["row"].to_numpy()]
    return out.reset_index(drop=True)


def _labels_per_row(papers: pd.DataFrame, labels) -> pd.Series:
    if not isinstance(labels, pd.Series):
        labels = pd.Series(np.asarray(labels), index=papers.index[:len(labels)] if
                           len(labels) == len(papers) else None)
        if len(labels) != len(papers):
            raise ValueError(f"labels has {len(labels)} values for {len(papers)} papers")
    aligned = labels.reindex(papers.index)
    if len(labels) and aligned.isna().all() and not labels.isna().all():
        raise ValueError("labels is a Series whose index does not match the papers table's index")
    return aligned.reset_index(drop=True)


def _display_names(L: pd.DataFrame, kcode: np.ndarray, K: int) -> np.ndarray:
    """The most used display name of each key code (ties: the alphabetically first)."""
    ncode, names = pd.factorize(L["name"].astype(object).fillna(""), sort=True)
    c = pd.DataFrame({"k": kcode, "n": ncode}).value_counts(sort=False).rename("c").reset_index()
    c = c.iloc[np.lexsort((c["n"].to_numpy(), -c["c"].to_numpy(), c["k"].to_numpy()))]
    c = c.drop_duplicates("k")
    out = np.empty(K, dtype=object)
    out[c["k"].to_numpy()] = np.asarray(names, dtype=object)[c["n"].to_numpy()]
    return out


def _cooccurrence(L: pd.DataFrame, kcode: np.ndarray, K: int, max_authors: int | None = None):
    """Key x key matrix of joint papers (scipy CSR; the diagonal holds each key's papers).

    Papers with more than ``max_authors`` keys are left out; their rows are returned too."""
    from scipy import sparse
    rows = L["row"].to_numpy()
    P = int(rows.max()) + 1 if len(rows) else 0
    size = np.bincount(rows, minlength=P)
    keep = np.ones(len(rows), bool)
    skipped = np.array([], dtype="int64")
    if max_authors is not None:
        big = size > max_authors
        skipped = np.flatnonzero(big)
        keep = ~big[rows]
    A = sparse.csr_matrix((np.ones(int(keep.sum()), dtype=np.int32), (kcode[keep], rows[keep])),
                          shape=(K, P))
    return (A @ A.T).tocsr(), skipped


def _ids(papers: pd.DataFrame, rows) -> list[str]:
    return [str(x) for x in papers["id"].to_numpy(dtype=object)[np.asarray(rows, dtype="int64")]]


# --- productivity ----------------------------------------------------------------------------

def author_stats(papers: pd.DataFrame, labels=None, *, authorships=None, aliases=None) -> pd.DataFrame:
    """One row per author (person key): papers, first/last-author papers, years, co-authors.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table. Not modified.
    labels : pandas.Series, optional
        A label per paper aligned with ``papers.index`` (e.g. ``TopicModel.labels_``); adds the
        topic columns.
    authorships : pandas.DataFrame, optional
        A table from :func:`litkit.authorships` for these papers (built when not given).
    aliases : dict or pandas.DataFrame, optional
        Passed to :func:`litkit.authorships` when it is built here.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``papers`` (descending) then ``key``:

        ``key``; ``name`` (the display name used most); ``papers``; ``first_author``;
        ``last_author`` (last of two or more authors on a complete list); ``solo``
        (single-author papers, counted in neither of the two before); ``first_year``,
        ``last_year``; ``coauthors`` (distinct co-author keys); ``truncated_papers`` (papers
        whose author list was cut: the author's counts and co-authors are lower bounds there);
        ``ambiguous`` (some rows of the key could be another person with the same surname and
        initial, see :func:`litkit.authorships`). With ``labels``: ``topics`` (distinct labels),
        ``main_topic`` (the most frequent; ties to the smallest) and ``main_topic_papers``.

    Notes
    -----
    Full counting: every author of a paper is credited with the paper, whatever the length of
    the list (no paper is dropped for having many authors).
    """
    if is_dask(papers):  # a Dask DataFrame: litkit/dask
        return dispatch("author_stats", papers, labels, authorships=authorships, aliases=aliases)
    L = _long(papers, authorships, aliases)
    kcode, keys = pd.factorize(L["key"], sort=True)
    K = len(keys)
    n = L["n_authors"].to_numpy()
    trunc = L["truncated"].to_numpy()
    first = L["position"].to_numpy() == 1
    last = (L["position"].to_numpy() == n) & (n >= 2) & ~trunc
    solo = (n == 1) & ~trunc
    cnt = lambda w: np.bincount(kcode, weights=w.astype("float64"), minlength=K).astype("int64")  # noqa: E731
    C, _ = _cooccurrence(L, kcode, K)
    coauthors = np.diff(C.indptr) - (C.diagonal() > 0)          # distinct co-authors
    yrs = pd.DataFrame({"k": kcode, "y": L["year"].to_numpy()}).groupby("k")["y"].agg(["min", "max"]) \
        .reindex(range(K))
    amb = np.bincount(kcode, weights=L["ambiguous"].to_numpy().astype(float), minlength=K) > 0
    tp = cnt(trunc)
    out = pd.DataFrame({
        "key": pd.array(keys.astype(str), dtype="string"),
        "name": pd.array(_display_names(L, kcode, K), dtype="string"),
        "papers": pd.array(np.bincount(kcode, minlength=K), dtype="Int64"),
        "first_author": pd.array(cnt(first & ~solo), dtype="Int64"),
        "last_author": pd.array(cnt(last), dtype="Int64"),
        "solo": pd.array(cnt(solo), dtype="Int64"),
        "first_year": pd.array(yrs["min"].round().astype("Int64"), dtype="Int64"),
        "last_year": pd.array(yrs["max"].round().astype("Int64"), dtype="Int64"),
        "coauthors": pd.array(coauthors, dtype="Int64"),
        "truncated_papers": pd.array(tp, dtype="Int64"),
        "ambiguous": amb,
    })
    if labels is not None:
        lab = _labels_per_row(papers, labels).to_numpy(dtype=object)[L["row"].to_numpy()]
        T = pd.DataFrame({"k": kcode, "t": lab})
        T = T[pd.notna(T["t"])]
        c = T.groupby(["k", "t"]).size().rename("n").reset_index()
        try:
            c = c.sort_values(["k", "n", "t"], ascending=[True, False, True], kind="stable")
        except TypeError:
            c["_s"] = c["t"].map(str)
            c = c.sort_values(["k", "n", "_s"], ascending=[True, False, True], kind="stable")
        top = c.drop_duplicates("k").set_index("k")
        out["topics"] = pd.array(c.groupby("k").size().reindex(range(K), fill_value=0), dtype="Int64")
        main = top["t"].reindex(range(K))
        out["main_topic"] = main.to_numpy() if pd.api.types.is_numeric_dtype(c["t"]) and not main.isna().any() \
            else main.astype(object).to_numpy()
        out["main_topic_papers"] = pd.array(top["n"].reindex(range(K), fill_value=0), dtype="Int64")
    out = out.sort_values(["papers", "key"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out.attrs.update(papers=len(papers), authorships=len(L),
                     truncated_papers=int(papers["authors_truncated"].sum()) if "authors_truncated" in papers else 0)
    return out


def lotka(papers: pd.DataFrame, *, method: str = "mle", authorships=None, aliases=None) -> pd.DataFrame:
    """Lotka's law: how many authors wrote n papers, observed and fitted ``C / n**exponent``.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table. Not modified.
    method : {"mle", "ls"}
        ``"mle"`` (default): maximum likelihood for a discrete power law with ``n >= 1``
        (Clauset, Shalizi & Newman 2009, eq. 3.5: the exponent that maximises
        ``-N log zeta(a) - a sum(log n_i)``); the expected counts are ``N n**-a / zeta(a)``.
        ``"ls"``: least squares of ``log(authors)`` on ``log(n)`` over the observed ``n`` (the
        classic fit, as bibliometrix does); expected counts ``exp(intercept) n**-a``. Least
        squares on a log-log histogram is biased by the sparse tail; prefer ``"mle"``.
    authorships, aliases
        See :func:`author_stats`.

    Returns
    -------
    pandas.DataFrame
        One row per observed number of papers: ``papers`` (n), ``authors`` (authors with n
        papers), ``share`` (of all authors), ``expected`` (authors the fit predicts),
        ``expected_share``, ``exponent`` (the fitted exponent, on every row).
        ``attrs``: ``exponent``, ``method``, ``authors`` (N), ``C`` (expected share of
        single-paper authors), ``ks`` (largest gap between the observed and fitted
        cumulative shares), ``truncated_papers``.
    """
    from scipy import optimize, special
    if method not in ("mle", "ls"):
        raise ValueError(f"method must be 'mle' or 'ls', not {method!r}")
    L = _long(papers, authorships, aliases)
    per_author = L.groupby("key").size()
    hist = per_author.value_counts().sort_index()
    x = hist.index.to_numpy(dtype="float64")
    f = hist.to_numpy(dtype="float64")
    N = float(f.sum())
    exponent = C = np.nan
    expected = np.full(len(x), np.nan)
    if N > 0 and len(x) >= 2:
        if method == "ls":
            slope, intercept = np.polyfit(np.log(x), np.log(f), 1)
            exponent = -slope
            expected = np.exp(intercept) * x ** slope
            C = float(np.exp(intercept) / N)
        else:
            slog = float((f * np.log(x)).sum())
            nll = lambda a: N * np.log(special.zeta(a, 1)) + a * slog  # noqa: E731
            res = optimize.minimize_scalar(nll, bounds=(1.0001, 20.0), method="bounded",
                                           options={"xatol": 1e-10})
            exponent = float(res.x)
            C = float(1.0 / special.zeta(exponent, 1))
            expected = N * C * x ** -exponent
    elif N > 0:
        # every author has the same number of papers: no slope to fit
        expected = f.copy()
    share = f / N if N else f
    out = pd.DataFrame({
        "papers": pd.array(x.astype("int64"), dtype="Int64"),
        "authors": pd.array(f.astype("int64"), dtype="Int64"),
        "share": pd.array(share, dtype="Float64"),
        "expected": pd.array(expected, dtype="Float64"),
        "expected_share": pd.array(expected / N if N else expected, dtype="Float64"),
        "exponent": pd.array(np.full(len(x), exponent), dtype="Float64"),
    })
    ks = float(np.nanmax(np.abs(np.cumsum(share) - np.cumsum(expected / N)))) if N and len(x) >= 2 else np.nan
    out.attrs.update(exponent=float(exponent), method=method, authors=int(N), C=C, ks=ks,
                     truncated_papers=int(papers["authors_truncated"].sum()) if "authors_truncated" in papers else 0)
    return out


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
    authorships, aliases
        See :func:`author_stats`.

    Returns
    -------
    networkx.Graph
        Nodes are author keys with attributes ``name``, ``papers``, and the community and
        centrality attributes above; edges have ``weight`` (joint papers). ``G.graph`` holds
        ``papers``, ``papers_without_edges``, ``max_authors``, ``min_weight``, ``modularity``,
        ``communities`` and ``betweenness`` (how they were computed).

    Notes
    -----
    The community detection and betweenness run on igraph (C) for speed: the same Louvain
    algorithm as networkx's ``louvain_communities``, with a seeded random generator, so the
    result is the same on every run.
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
    """The nodes of a :func:`coauthor_graph` as a table (one row per author key), by degree."""
    rows = [{"key": n, **d} for n, d in G.nodes(data=True)]
    t = pd.DataFrame(rows)
    if t.empty:
        return pd.DataFrame({"key": pd.Series([], dtype="string")})
    t["key"] = t["key"].astype("string")
    t["name"] = t["name"].astype("string")
    sort = [c for c in ("degree", "papers") if c in t]
    return t.sort_values(sort + ["key"], ascending=[False] * len(sort) + [True],
                         kind="stable").reset_index(drop=True)


# --- collaboration ---------------------------------------------------------------------------

def _n_authors(papers: pd.DataFrame) -> np.ndarray:
    return papers["authors"].map(lambda v: len(v) if isinstance(v, (list, tuple)) else 0).to_numpy()


def authors_per_paper(papers: pd.DataFrame) -> pd.DataFrame:
    """The distribution of authors per paper (as listed; truncated lists count what is shown).

    Returns
    -------
    pandas.DataFrame
        ``n_authors``, ``papers``, ``share``, ``cumulative_share``, ``truncated`` (papers with
        that many authors shown whose list was cut), one row per observed ``n_authors``
        (papers without authors are the row ``0``).
    """
    n = _n_authors(papers)
    tr = papers["authors_truncated"].to_numpy(dtype=bool) if "authors_truncated" in papers \
        else np.zeros(len(papers), bool)
    t = pd.DataFrame({"n": n, "t": tr}).groupby("n").agg(papers=("t", "size"), truncated=("t", "sum"))
    total = max(len(papers), 1)
    return pd.DataFrame({
        "n_authors": pd.array(t.index.to_numpy(), dtype="Int64"),
        "papers": pd.array(t["papers"].to_numpy(), dtype="Int64"),
        "share": pd.array(t["papers"].to_numpy() / total, dtype="Float64"),
        "cumulative_share": pd.array(np.cumsum(t["papers"].to_numpy()) / total, dtype="Float64"),
        "truncated": pd.array(t["truncated"].to_numpy().astype("int64"), dtype="Int64"),
    })


def collaboration_stats(papers: pd.DataFrame, freq: str | None = None) -> pd.DataFrame:
    """Collaboration measures, overall or per period.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table. Not modified.
    freq : {None, "year", "quarter", "month"}
        ``None``: one row for the whole table; else one row per period (see
        :func:`litkit.counts_by_period`; papers that cannot be placed are left out and counted
        in ``attrs["undated"]``).

    Returns
    -------
    pandas.DataFrame
        ``period`` (``"all"`` without ``freq``), ``papers``, ``authorships`` (author slots),
        ``mean_authors``, ``median_authors``, ``max_authors``, ``single_author`` (papers),
        ``multi_author_share`` (multi-author papers / papers with authors: Subramanyam's 1983
        degree of collaboration), ``collaboration_index`` (authors per multi-author paper:
        authorships of multi-author papers / multi-author papers, Elango & Rajendran 2012) and ``truncated_papers`` (lists cut by the source: the numbers above are lower
        bounds for them). Papers without authors count in ``papers`` only.
    """
    n = _n_authors(papers)
    tr = papers["authors_truncated"].to_numpy(dtype=bool) if "authors_truncated" in papers \
        else np.zeros(len(papers), bool)
    undated = 0
    if freq is None:
        period = pd.Series("all", index=range(len(papers)), dtype="string")
    else:
        from .periods import period_of
        period = period_of(papers, freq).reset_index(drop=True)
        undated = int(period.isna().sum())
        period = period.astype(str).where(period.notna(), None).astype("string")
    # single author: one author on a complete list ("A et al." is not single-authored)
    multi = (n >= 2) | ((n == 1) & tr)
    df = pd.DataFrame({"period": period, "n": n, "has": n > 0, "multi": multi,
                       "multi_n": np.where(multi, n, 0), "single": (n == 1) & ~tr, "tr": tr})
    df = df[df["period"].notna()]
    withauth = df[df["has"]]
    g = df.groupby("period", sort=True)
    ga = withauth.groupby("period", sort=True)["n"]
    out = pd.DataFrame({
        "papers": g.size(),
        "authorships": g["n"].sum(),
        "mean_authors": ga.mean(),
        "median_authors": ga.median(),
        "max_authors": g["n"].max(),
        "single_author": g["single"].sum(),
        "multi": g["multi"].sum(),
        "multi_n": g["multi_n"].sum(),
        "with_authors": g["has"].sum(),
        "truncated_papers": g["tr"].sum(),
    })
    res = pd.DataFrame({
        "period": pd.array(out.index.astype(str), dtype="string"),
        "papers": pd.array(out["papers"].to_numpy(), dtype="Int64"),
        "authorships": pd.array(out["authorships"].to_numpy(), dtype="Int64"),
        "mean_authors": pd.array(out["mean_authors"].to_numpy(dtype="float64"), dtype="Float64"),
        "median_authors": pd.array(out["median_authors"].to_numpy(dtype="float64"), dtype="Float64"),
        "max_authors": pd.array(out["max_authors"].to_numpy(), dtype="Int64"),
        "single_author": pd.array(out["single_author"].to_numpy().astype("int64"), dtype="Int64"),
        "multi_author_share": pd.array(out["multi"].to_numpy() / out["with_authors"].where(
            out["with_authors"] > 0).to_numpy(dtype="float64"), dtype="Float64"),
        "collaboration_index": pd.array(out["multi_n"].to_numpy() / out["multi"].where(
            out["multi"] > 0).to_numpy(dtype="float64"), dtype="Float64"),
        "truncated_papers": pd.array(out["truncated_papers"].to_numpy().astype("int64"), dtype="Int64"),
    })
    res.attrs.update(undated=undated, freq=freq)
    return res


# --- affiliations and topics -----------------------------------------------------------------

def affiliation_counts(papers: pd.DataFrame, *, top: int | None = None) -> pd.DataFrame:
    """Papers per affiliation (the ``affiliations`` column) and per organisation tag
    (``extra["orgs"]``, as the researcher-profile listing gives them).

    Names are compared after collapsing white space and case (the most frequent spelling is
    shown); a paper counts once per name.

    Returns
    -------
    pandas.DataFrame
        ``kind`` (``"affiliation"`` or ``"org"``), ``name``, ``papers``, ``share`` (of all
        papers), sorted by kind, papers (descending) and name; ``top`` keeps the first ``top``
        of each kind. ``attrs["papers_with"]``: papers with at least one name, per kind.
    """
    rows_k, rows_r, rows_n = [], [], []
    affs = papers["affiliations"].tolist() if "affiliations" in papers else [[]] * len(papers)
    extra = papers["extra"].tolist() if "extra" in papers else [{}] * len(papers)
    for r, (al, ex) in enumerate(zip(affs, extra)):
        if isinstance(al, (list, tuple)):
            for a in al:
                if isinstance(a, str) and a.strip():
                    rows_k.append("affiliation"); rows_r.append(r); rows_n.append(" ".join(a.split()))
        orgs = ex.get("orgs") if isinstance(ex, dict) else None
        if isinstance(orgs, (list, tuple)):
            for o in orgs:
                if isinstance(o, str) and o.strip():
                    rows_k.append("org"); rows_r.append(r); rows_n.append(" ".join(o.split()))
    cols = {"kind": pd.Series([], dtype="string"), "name": pd.Series([], dtype="string"),
            "papers": pd.Series([], dtype="Int64"), "share": pd.Series([], dtype="Float64")}
    if not rows_k:
        out = pd.DataFrame(cols)
        out.attrs["papers_with"] = {"affiliation": 0, "org": 0}
        return out
    t = pd.DataFrame({"kind": rows_k, "row": rows_r, "name": rows_n})
    t["norm"] = t["name"].str.casefold()
    shown = t.groupby(["kind", "norm", "name"]).size().rename("n").reset_index() \
        .sort_values(["kind", "norm", "n", "name"], ascending=[True, True, False, True], kind="stable") \
        .drop_duplicates(["kind", "norm"]).set_index(["kind", "norm"])["name"]
    c = t.drop_duplicates(["kind", "row", "norm"]).groupby(["kind", "norm"]).size().rename("papers")
    c = c.reset_index()
    c["name"] = [shown[(k, n)] for k, n in zip(c["kind"], c["norm"])]
    c = c.sort_values(["kind", "papers", "name"], ascending=[True, False, True], kind="stable")
    if top is not None:
        c = c.groupby("kind", sort=False).head(top)
    out = pd.DataFrame({"kind": pd.array(c["kind"].to_numpy(), dtype="string"),
                        "name": pd.array(c["name"].to_numpy(), dtype="string"),
                        "papers": pd.array(c["papers"].to_numpy(), dtype="Int64"),
                        "share": pd.array(c["papers"].to_numpy() / max(len(papers), 1), dtype="Float64")})
    out.attrs["papers_with"] = {k: int(t[t["kind"] == k]["row"].nunique()) for k in ("affiliation", "org")}
    return out


def author_topic_profiles(papers: pd.DataFrame, labels, *, min_papers: int = 1, authorships=None,
                          aliases=None) -> pd.DataFrame:
    """How each author's papers spread over topics (or any per-paper label).

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table. Not modified.
    labels : pandas.Series
        A label per paper aligned with ``papers.index`` (``TopicModel.labels_``, a category...).
        Papers whose label is missing are left out of the profile.
    min_papers : int
        Keep authors with at least this many labelled papers.

    Returns
    -------
    pandas.DataFrame
        ``key``, ``name``, ``topic``, ``papers`` (the author's papers with that label),
        ``share`` (of the author's labelled papers), ``author_papers``; sorted by
        ``author_papers`` (descending), key, then ``papers`` (descending) and topic.
    """
    L = _long(papers, authorships, aliases)
    lab = _labels_per_row(papers, labels).to_numpy(dtype=object)[L["row"].to_numpy()]
    T = pd.DataFrame({"key": L["key"].to_numpy(dtype=object), "topic": lab})
    T = T[pd.notna(T["topic"])]
    if pd.api.types.is_numeric_dtype(pd.Series(labels).dtype):
        T["topic"] = T["topic"].astype(pd.Series(labels).dtype)
    c = T.groupby(["key", "topic"]).size().rename("papers").reset_index()
    tot = c.groupby("key")["papers"].transform("sum")
    c["author_papers"] = tot
    c = c[c["author_papers"] >= min_papers]
    c["share"] = c["papers"] / c["author_papers"]
    c = c.sort_values(["author_papers", "key", "papers", "topic"], ascending=[False, True, False, True],
                      kind="stable")
    kc, keys = pd.factorize(L["key"], sort=True)
    names = pd.Series(_display_names(L, kc, len(keys)), index=keys)
    return pd.DataFrame({
        "key": pd.array(c["key"].to_numpy(dtype=object), dtype="string"),
        "name": pd.array(c["key"].map(names).to_numpy(dtype=object), dtype="string"),
        "topic": c["topic"].to_numpy(),
        "papers": pd.array(c["papers"].to_numpy(), dtype="Int64"),
        "share": pd.array(c["share"].to_numpy(dtype="float64"), dtype="Float64"),
        "author_papers": pd.array(c["author_papers"].to_numpy(), dtype="Int64"),
    })
