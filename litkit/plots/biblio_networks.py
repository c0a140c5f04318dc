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
    """The keyword co-occurrence graph (:func:`litkit.keyword_graph`): node size = papers, colour =
    community, line width = papers holding both."""
    return _network(G, ax, size="papers", labels=labels, seed=seed, title=title, what="keywords")


def cocitation_network(G, ax=None, *, labels: int = 20, seed: int = 0, title: str = "Co-citation network"):
    """The co-citation graph of references (:func:`litkit.cocitation_graph`) or the coupling graph
    of papers (:func:`litkit.coupling_graph`): size = citations (or references), colour = community."""
    size = "citations" if any("citations" in d for _, d in G.nodes(data=True)) else "references"
    return _network(G, ax, size=size, labels=labels, seed=seed, title=title,
                    what="references" if size == "citations" else "papers", label_attr="label")


def country_collaboration(G, ax=None, *, labels: int = 20, seed: int = 0,
                          title: str = "Country collaboration"):
    """The country collaboration graph (:func:`litkit.country_graph`): size = papers, line width =
    papers shared."""
    return _network(G, ax, size="papers", labels=labels, seed=seed, title=title, what="countries")


def historiograph(G, ax=None, *, year: str = "year", label: str = "label", size: str = "local_citations",
                  title: str = "Historiograph (direct citations in the corpus)"):
    """The direct-citation graph (:func:`litkit.citation_graph`) with publication years on the x
    axis: each paper a dot (size = local citations), an arrow from the citing to the cited paper."""
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
