"""Figures of the author analyses (:mod:`litkit.authors`): productivity, Lotka, co-authors."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._core import OTHER_COLOR, PALETTE, _axes, _finish, _legend, _text

__all__ = ["top_authors", "lotka", "authors_per_paper", "coauthor_network"]


def top_authors(table: pd.DataFrame, ax=None, *, n: int = 15, title: str = "Most productive authors"):
    """Horizontal bars of the papers of the first ``n`` authors of a productivity table.

    The table comes from :func:`litkit.author_stats` (sorted by papers): one light bar of
    papers per author, the most productive at the top, with the papers as first author drawn
    darker over it when there is a ``first_author`` column. "≥" before a name marks counts that
    are lower bounds (the author has papers whose author list was truncated by the source), and
    the x-axis label then says so.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``papers`` and ``name`` (or ``key`` when there is no ``name``); optionally
        ``first_author`` and ``truncated_papers``. The first ``n`` rows are shown, in order.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new figure, its height growing with ``n``).
    n : int
        How many authors (rows) to show.
    title : str
        The title above the bars.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (``ax`` when given): a bar of papers per author shown, a darker one
        over it for the papers as first author.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> papers = litkit.read(litkit.data.RESEARCHER_PROFILE)
    >>> ax = litkit.plots.top_authors(litkit.author_stats(papers), n=3, ax=Figure().subplots())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['≥ Feryal Behbahani', '≥ Rishabh Agarwal', '≥ Kai Arulkumaran']
    >>> len(ax.patches), ax.get_xlabel()
    (6, 'papers (≥: some author lists truncated)')
    """
    ax = _axes(ax, figsize=(7.0, 0.3 * n + 1.2))
    t = table.head(n)
    y = np.arange(len(t))[::-1]
    total = t["papers"].to_numpy(dtype=float)
    ax.barh(y, total, color=PALETTE[4], label="papers", height=0.7)
    if "first_author" in t:
        ax.barh(y, t["first_author"].to_numpy(dtype=float), color=PALETTE[0], label="as first author",
                height=0.7)
    trunc = t["truncated_papers"].to_numpy(dtype=float) > 0 if "truncated_papers" in t else np.zeros(len(t), bool)
    names = t["name"].astype(str) if "name" in t else t["key"].astype(str)
    ax.set_yticks(y)
    ax.set_yticklabels([("≥ " if tr else "") + _text(nm) for nm, tr in zip(names, trunc)], fontsize=8)
    _legend(ax, fontsize=8, frameon=False, loc="lower right")
    ax.grid(axis="x", alpha=0.3)
    xl = "papers" + (" (≥: some author lists truncated)" if trunc.any() else "")
    return _finish(ax, title, xl, "")


def lotka(table: pd.DataFrame, ax=None, *, x: str = "papers", observed: str = "authors",
          expected: str = "expected", exponent: str = "exponent",
          title: str = "Author productivity (Lotka's law)"):
    """Observed and fitted number of authors with n papers, on log-log axes.

    The table comes from :func:`litkit.lotka`: its ``expected`` column is the fit (drawn as a
    line, the exponent of the first row in the legend), its ``authors`` column the observed
    counts (dots). With no finite fit (fewer than two productivity levels) the axes say so in
    a note instead of drawing a line.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per productivity level (number of papers n).
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new figure).
    x, observed, expected, exponent : str
        The columns of the number of papers n, of the observed and of the fitted number of
        authors with n papers, and of the fitted exponent.
    title : str
        The title of the plot.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (``ax`` when given), both axes logarithmic.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> papers = litkit.read(litkit.data.RESEARCHER_PROFILE)
    >>> ax = litkit.plots.lotka(litkit.lotka(papers), ax=Figure().subplots())
    >>> ax.get_xscale(), ax.get_xlabel(), ax.get_ylabel()
    ('log', 'papers per author (n)', 'authors with n papers')
    >>> [t.get_text().split(":")[0] for t in ax.get_legend().get_texts()]
    ['observed', 'fit']

    Two authors with one paper each: nothing to fit.

    >>> two = litkit.schema.from_records([{"id": "a", "authors": ["Ann Lee"]},
    ...                                   {"id": "b", "authors": ["Bo Chen"]}])
    >>> [t.get_text() for t in litkit.plots.lotka(litkit.lotka(two), ax=Figure().subplots()).texts]
    ['no fit: fewer than two productivity levels']
    """
    ax = _axes(ax, figsize=(5.5, 4.0))
    xs = table[x].to_numpy(dtype=float, na_value=np.nan)
    ax.scatter(xs, table[observed].to_numpy(dtype=float, na_value=np.nan), color=PALETTE[0], s=18,
               zorder=3, label="observed")
    exp = table[expected].to_numpy(dtype=float, na_value=np.nan)
    a = table[exponent].to_numpy(dtype=float, na_value=np.nan)
    if len(xs) and np.isfinite(a).any() and np.isfinite(exp).any():
        ax.plot(xs, exp, color=PALETTE[3], lw=1.5, label=f"fit: exponent {a[0]:.2f}")
    else:
        ax.text(0.98, 0.95, "no fit: fewer than two productivity levels", transform=ax.transAxes,
                ha="right", va="top", fontsize=8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    _legend(ax, fontsize=8, frameon=False)
    ax.grid(alpha=0.3, which="major")
    return _finish(ax, title, "papers per author (n)", "authors with n papers")


def authors_per_paper(table: pd.DataFrame, ax=None, *, title: str = "Authors per paper"):
    """Bars of the number of papers by number of authors listed.

    The table comes from :func:`litkit.authors_per_paper`: one bar per observed number
    of authors. When some paper lists more than 50 authors the x axis is symmetric-log (linear
    up to 10), so that large collaborations do not squeeze the rest.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``n_authors`` and ``papers``.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new figure).
    title : str
        The title.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (``ax`` when given): one bar per number of authors.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> papers = litkit.schema.from_records([{"id": "a", "authors": ["Ann Lee"]},
    ...                                      {"id": "b", "authors": ["Ann Lee", "Bo Chen"]},
    ...                                      {"id": "c", "authors": ["Bo Chen", "Cy Dale"]}])
    >>> ax = litkit.plots.authors_per_paper(litkit.authors_per_paper(papers),
    ...                                     ax=Figure().subplots())
    >>> [(int(b.get_x() + b.get_width() / 2), int(b.get_height())) for b in ax.patches]
    [(1, 1), (2, 2)]
    >>> ax.get_xscale(), ax.get_xlabel(), ax.get_ylabel()
    ('linear', 'authors listed', 'papers')
    """
    ax = _axes(ax, figsize=(6.0, 4.0))
    ax.bar(table["n_authors"].to_numpy(dtype=float), table["papers"].to_numpy(dtype=float),
           color=PALETTE[0], width=0.8)
    if len(table) and table["n_authors"].max() > 50:
        ax.set_xscale("symlog", linthresh=10)
    ax.grid(axis="y", alpha=0.3)
    return _finish(ax, title, "authors listed", "papers")


def coauthor_network(G, ax=None, *, top: int = 300, rank_by: str = "papers", labels: int = 12,
                     seed: int = 0, iterations: int | None = None, title: str = "Co-authorship network"):
    """The co-authorship graph of the ``top`` authors, laid out with a seeded spring layout.

    The graph comes from :func:`litkit.coauthor_graph`. ``rank_by`` chooses the authors: ``"papers"`` (default; ties by degree, then key), ``"degree"``,
    ``"strength"`` or ``"betweenness"`` (node attributes of the graph). Degree alone is
    dominated by the members of one long author list (a 300-author paper makes 300 authors with
    299 co-authors each), hence papers by default. Authors without a link to another shown
    author are left out (the axis label gives the numbers). Nodes are coloured by community
    (the 8 largest in colour, the rest grey) and sized by papers; the ``labels`` first authors
    of the ranking are named. Readable up to about 2,000 nodes. The layout is igraph's
    Fruchterman-Reingold (``iterations`` steps, by default 500 for up to 300 shown nodes, fewer
    above so that 2,000 nodes stay under 2 s; weighted by log(1 + joint papers)) from seeded
    random starting positions, with igraph's random generator seeded too: the same picture on
    every run.

    Parameters
    ----------
    G : networkx.Graph
        Author keys as nodes, with the attributes ``papers``, ``name`` and ``community`` (and
        the ``rank_by`` attribute) of :func:`litkit.coauthor_graph`; edges with ``weight``.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new square figure).
    top : int
        How many authors of the ranking to consider.
    rank_by : {"papers", "degree", "strength", "betweenness"}
        How to rank the authors; anything else raises ``ValueError``.
    labels : int
        How many of the shown authors, in the order of the ranking, are named.
    seed : int
        Seed of the starting positions and of igraph's layout.
    iterations : int, optional
        Steps of the layout (default: by the number of nodes, see above).
    title : str
        The title; the x-axis label says how many authors are shown.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; the x-axis label says how many authors are shown of how many.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> papers = litkit.read(litkit.data.RESEARCHER_PROFILE)
    >>> G = litkit.coauthor_graph(papers)
    >>> ax = litkit.plots.coauthor_network(G, top=10, labels=3, ax=Figure().subplots())
    >>> ax.get_xlabel()
    '7 linked of the top 10 of 44 authors by papers; colour: community, size: papers'
    >>> [t.get_text() for t in ax.texts]
    ['Feryal Behbahani', 'Kai Arulkumaran', 'Kate Baumli']
    """
    from matplotlib.collections import LineCollection
    ax = _axes(ax, figsize=(7.0, 7.0))
    if rank_by not in ("papers", "degree", "strength", "betweenness"):
        raise ValueError(f"rank_by must be 'papers', 'degree', 'strength' or 'betweenness', not {rank_by!r}")
    all_nodes = list(G.nodes)
    deg = np.fromiter((d for _, d in G.degree(all_nodes)), dtype=float, count=len(all_nodes))
    score = deg if rank_by == "degree" else np.fromiter(
        (x or 0 for _, x in G.nodes(data=rank_by)), dtype=float, count=len(all_nodes))
    name_rank = np.argsort(np.argsort(np.array([str(v) for v in all_nodes], dtype=object), kind="stable"))
    order = np.lexsort((name_rank, -deg, -score))[:top]
    ranked = [all_nodes[i] for i in order]
    chosen = set(ranked)
    adj = G.adj
    pairs, weights = [], []
    seen = set()
    for u in ranked:                       # edges among the chosen authors, each once
        for v, d in adj[u].items():
            if v in chosen and v not in seen and v != u:
                pairs.append((u, v))
                weights.append(d.get("weight", 1))
        seen.add(u)
    linked = {x for e in pairs for x in e}
    nodes = [v for v in ranked if v in linked]
    import networkx as nx
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_weighted_edges_from((u, v, w) for (u, v), w in zip(pairs, weights))
    if H.number_of_nodes():
        xy = _layout(H, nodes, seed, iterations)
        index = {v: i for i, v in enumerate(nodes)}
        pos = {v: xy[i] for i, v in enumerate(nodes)}
        segs = [(xy[index[u]], xy[index[v]]) for u, v in pairs]
        w = np.array(weights, dtype=float)
        if segs:
            ax.add_collection(LineCollection(segs, colors="#666666", linewidths=0.3 + 0.7 * np.log1p(w) / np.log1p(w.max()),
                                             alpha=0.35, zorder=1))
        comm = [G.nodes[v].get("community") for v in nodes]
        if all(c is not None for c in comm):
            big = pd.Series(comm).value_counts().index[:len(PALETTE)].tolist()
            cmap = {c: PALETTE[i] for i, c in enumerate(big)}
            colors = [cmap.get(c, OTHER_COLOR) for c in comm]
        else:
            colors = PALETTE[0]
        papers = np.array([G.nodes[v].get("papers", 1) for v in nodes], dtype=float)
        ax.scatter(xy[:, 0], xy[:, 1], s=8 + 60 * np.sqrt(papers / max(papers.max(), 1)), c=colors,
                   edgecolors="white", linewidths=0.3, zorder=2)
        for v in nodes[:labels]:
            ax.annotate(_text(G.nodes[v].get("name", v)), pos[v], fontsize=7, zorder=3,
                        xytext=(3, 3), textcoords="offset points")
        ax.autoscale_view()
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    shown = (f"{H.number_of_nodes()} linked of the top {min(top, G.number_of_nodes())} of "
             f"{G.number_of_nodes()} authors by {rank_by}")
    return _finish(ax, title, f"{shown}; colour: community, size: papers", "")


def _layout(H, nodes, seed: int, iterations: int) -> np.ndarray:
    import random

    import igraph as ig
    index = {v: i for i, v in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in H.edges()]
    w = [float(np.log1p(d.get("weight", 1))) for _, _, d in H.edges(data=True)]
    g = ig.Graph(n=len(nodes), edges=edges)
    if iterations is None:
        iterations = int(np.clip(150_000 // max(len(nodes), 1), 60, 500))
    start = np.random.default_rng(seed).uniform(-1, 1, size=(len(nodes), 2)).tolist()
    state = random.getstate()
    ig.set_random_number_generator(random.Random(seed))
    try:
        lay = g.layout_fruchterman_reingold(weights=w if edges else None, niter=iterations, seed=start)
    finally:
        ig.set_random_number_generator(random)
        random.setstate(state)
    return np.asarray(lay.coords, dtype=float)
