"""Figures of the bibliometric graphs (litkit.biblio): keyword, co-citation and country
networks and the historiograph; re-exported by :mod:`litkit.plots.biblio`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._core import OTHER_COLOR, PALETTE, _axes, _finish, _plain
from .authors import _layout

__all__ = ["keyword_network", "cocitation_network", "country_collaboration", "historiograph"]


def _network(G, ax, *, size: str, labels: int, seed: int, title: str, what: str, label_attr=None):
    from matplotlib.collections import LineCollection
    ax = _axes(ax, figsize=(7.0, 7.0))
    nodes = sorted(G.nodes, key=lambda v: (-(G.nodes[v].get(size) or 0), str(v)))
    if nodes:
        xy = _layout(G.subgraph(nodes), nodes, seed, None)
        index = {v: i for i, v in enumerate(nodes)}
        segs, w = [], []
        for u, v, d in G.edges(data=True):
            segs.append((xy[index[u]], xy[index[v]]))
            w.append(d.get("weight", 1))
        if segs:
            w = np.asarray(w, dtype=float)
            ax.add_collection(LineCollection(segs, colors="#666666", alpha=0.35, zorder=1,
                                             linewidths=0.3 + 1.5 * np.log1p(w) / np.log1p(w.max())))
        comm = [G.nodes[v].get("community") for v in nodes]
        if all(c is not None for c in comm):
            big = pd.Series(comm).value_counts().index[:len(PALETTE)].tolist()
            colors = [dict(zip(big, PALETTE)).get(c, OTHER_COLOR) for c in comm]
        else:
            colors = PALETTE[0]
        s = np.array([G.nodes[v].get(size) or 1 for v in nodes], dtype=float)
        ax.scatter(xy[:, 0], xy[:, 1], s=10 + 200 * s / s.max(), c=colors, edgecolors="white",
                   linewidths=0.4, zorder=2)
        for v in nodes[:labels]:
            text = G.nodes[v].get(label_attr, v) if label_attr else v
            ax.annotate(_plain(text, 40), xy[index[v]], fontsize=7, zorder=3, xytext=(3, 3),
                        textcoords="offset points")
        ax.autoscale_view()
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    return _finish(ax, title, f"{G.number_of_nodes()} {what}, {G.number_of_edges()} links; "
                              f"colour: community, size: {size}", "")


def keyword_network(G, ax=None, *, labels: int = 30, seed: int = 0, title: str = "Keyword co-occurrence"):
    """The keyword co-occurrence graph: size = papers, line width = papers holding both.

    The graph comes from :func:`litkit.keyword_graph`. It is laid out whole with a seeded
    spring layout; nodes are coloured by community (the 8 largest in colour, the rest grey)
    and the ``labels`` keywords of most papers are named.

    Parameters
    ----------
    G : networkx.Graph
        Keywords as nodes with ``papers`` (and ``community``); edges with ``weight``.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new square figure).
    labels : int
        How many keywords to name, those of most papers first.
    seed : int
        Seed of the layout of the keywords (the same picture on every run).
    title : str
        The title.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (``ax`` when given); the x-axis label counts the keywords and their links.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> t = litkit.schema.from_records([{"id": "a", "keywords": ["graphs", "trees"]},
    ...                                 {"id": "b", "keywords": ["graphs"]}])
    >>> ax = litkit.plots.keyword_network(litkit.keyword_graph(t), ax=Figure().subplots())
    >>> ax.get_xlabel(), [x.get_text() for x in ax.texts]
    ('2 keywords, 1 links; colour: community, size: papers', ['graphs', 'trees'])
    """
    return _network(G, ax, size="papers", labels=labels, seed=seed, title=title, what="keywords")


def cocitation_network(G, ax=None, *, labels: int = 20, seed: int = 0, title: str = "Co-citation network"):
    """The co-citation graph of references or the coupling graph of papers.

    The graph comes from :func:`litkit.cocitation_graph` (node size = citations) or from
    :func:`litkit.coupling_graph` (node size = references: chosen when no node has a
    ``citations`` attribute). Colour = community; the largest nodes are named by ``label``.

    Parameters
    ----------
    G : networkx.Graph
        References or papers as nodes with ``citations`` or ``references``, ``label`` (and
        ``community``); edges with ``weight``.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new square figure).
    labels : int
        How many references (or papers) to name, the largest first.
    seed : int
        Seed of the layout (the same picture on every run).
    title : str
        The title (say "Bibliographic coupling" for a coupling graph).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (``ax`` when given); the x-axis label says what the nodes are.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> refs = [["A X, 2001, J", "B Y, 2002, J"], ["A X, 2001, J", "B Y, 2002, J"]]
    >>> t = litkit.schema.from_records([{"id": str(i), "extra": {"references": r}}
    ...                                 for i, r in enumerate(refs)])
    >>> ax = litkit.plots.cocitation_network(litkit.cocitation_graph(t), ax=Figure().subplots())
    >>> ax.get_xlabel()
    '2 references, 1 links; colour: community, size: citations'
    >>> ax = litkit.plots.cocitation_network(litkit.coupling_graph(t), ax=Figure().subplots())
    >>> ax.get_xlabel()
    '2 papers, 1 links; colour: community, size: references'
    """
    size = "citations" if any("citations" in d for _, d in G.nodes(data=True)) else "references"
    return _network(G, ax, size=size, labels=labels, seed=seed, title=title,
                    what="references" if size == "citations" else "papers", label_attr="label")


def country_collaboration(G, ax=None, *, labels: int = 20, seed: int = 0,
                          title: str = "Country collaboration"):
    """The country collaboration graph: size = papers, line width = papers shared.

    The graph comes from :func:`litkit.country_graph`; nodes are coloured by community and the
    ``labels`` countries of most papers are named.

    Parameters
    ----------
    G : networkx.Graph
        Countries as nodes with ``papers`` and ``community``, edges with ``weight`` (papers
        shared).
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new square figure).
    labels : int
        How many countries to name.
    seed : int
        Seed of the layout of the countries.
    title : str
        The title of the network of countries.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (``ax`` when given); its x-axis label gives the number of countries
        and links.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> affiliations = [["X, Chile", "Y, Peru"], ["Z, Chile"]]
    >>> t = litkit.schema.from_records([{"id": str(i), "affiliations": a}
    ...                                 for i, a in enumerate(affiliations)])
    >>> ax = litkit.plots.country_collaboration(litkit.country_graph(t), ax=Figure().subplots())
    >>> ax.get_xlabel(), [x.get_text() for x in ax.texts]
    ('2 countries, 1 links; colour: community, size: papers', ['Chile', 'Peru'])
    """
    return _network(G, ax, size="papers", labels=labels, seed=seed, title=title, what="countries")


def historiograph(G, ax=None, *, year: str = "year", label: str = "label", size: str = "local_citations",
                  title: str = "Historiograph (direct citations in the corpus)"):
    """The direct-citation graph with publication years on the x axis.

    The graph comes from :func:`litkit.citation_graph`: each paper a dot (size = local
    citations) in the column of its year, stacked up within the year, labelled; an arrow runs
    from the citing to the cited paper. Papers without a year are not drawn.

    Parameters
    ----------
    G : networkx.DiGraph
        Papers as nodes with the attributes named by ``year``, ``label`` and ``size``; edges
        from the citing to the cited paper.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new figure).
    year, label, size : str
        The node attributes of the year, of the label and of the dot size.
    title : str
        The title; the x axis is the publication year.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (``ax`` when given): a dot per dated paper and an arrow
        per citation between them.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> t = litkit.schema.from_records([
    ...     {"id": "doi:10.1000/a", "doi": "10.1000/a", "year": 2001},
    ...     {"id": "b", "year": 2005, "extra": {"references": ["Q R, 2001, J, DOI 10.1000/A"]}}])
    >>> ax = litkit.plots.historiograph(litkit.citation_graph(t), ax=Figure().subplots())
    >>> [x.get_text() for x in ax.texts], len(ax.patches), ax.get_xlabel()
    (['2001', '2005'], 1, 'publication year')
    """
    from matplotlib.patches import FancyArrowPatch
    ax = _axes(ax, figsize=(8.0, 6.0))
    nodes = sorted((v for v in G.nodes if G.nodes[v].get(year) is not None),
                   key=lambda v: (G.nodes[v][year], str(v)))
    rows: dict = {}
    pos = {}
    for v in nodes:
        yv = G.nodes[v][year]
        rows[yv] = rows.get(yv, 0) + 1
        pos[v] = (yv, rows[yv])
    for u, v in G.edges:
        if u in pos and v in pos:
            ax.add_patch(FancyArrowPatch(pos[u], pos[v], arrowstyle="-|>", mutation_scale=6,
                                         color="#888888", lw=0.5, alpha=0.6,
                                         connectionstyle="arc3,rad=0.15", zorder=1))
    if nodes:
        xy = np.array([pos[v] for v in nodes], dtype=float)
        s = np.array([G.nodes[v].get(size) or 0 for v in nodes], dtype=float)
        ax.scatter(xy[:, 0], xy[:, 1], s=15 + 150 * s / max(s.max(), 1), color=PALETTE[0], zorder=2,
                   edgecolors="white")
        for v in nodes:
            ax.annotate(_plain(G.nodes[v].get(label, v), 25), pos[v], fontsize=6, xytext=(3, 3),
                        textcoords="offset points", zorder=3)
        years = sorted(rows)
        ax.set_xticks(years[::max(1, int(np.ceil(len(years) / 12)))])
        ax.set_xlim(min(years) - 0.7, max(years) + 0.7)
        ax.set_ylim(0, max(rows.values()) + 1)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    return _finish(ax, title, "publication year", "")
