"""Figures of the bibliometric analyses (litkit.biblio): one function per figure, the table or
graph of the analysis in (column names as parameters), ``ax=`` honoured, the ``Axes`` out.

Nothing is computed here except what keeps a figure readable (the first ``n`` rows of a ranked
table, the ``labels`` largest nodes named). Text from the data is shown as given: a ``$`` in a
title or a name is a dollar sign, never the start of mathtext. The graphs (keyword, co-citation
and country networks, the historiograph) are drawn by :mod:`litkit.plots.biblio_networks`, whose
functions this module re-exports.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._core import OTHER_COLOR, PALETTE, _axes, _finish, _plain
from .biblio_networks import cocitation_network, country_collaboration, historiograph, keyword_network

__all__ = ["most_cited", "citations_per_year", "bradford", "keyword_network", "thematic_map",
           "country_production", "country_collaboration", "historiograph", "cocitation_network",
           "three_fields"]

#: colours of the quadrants of a thematic map
QUADRANT_COLORS = {"motor": PALETTE[3], "basic": PALETTE[0], "niche": PALETTE[2],
                   "emerging or declining": PALETTE[1]}


def _barh(ax, labels, values, colors):
    y = np.arange(len(labels))[::-1]
    ax.barh(y, values, color=colors, height=0.7)
    ax.set_yticks(y)
    ax.set_yticklabels([_plain(v) for v in labels], fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    return y


def most_cited(table: pd.DataFrame, ax=None, *, label: str = "label", value: str = "citations",
               n: int = 20, title: str = "Most cited documents"):
    """Horizontal bars of the ``n`` first rows of :func:`litkit.most_cited` (or of
    :func:`litkit.most_cited_references`, :func:`litkit.local_citations` with ``value=``)."""
    t = table.head(n)
    ax = _axes(ax, figsize=(7.0, 0.28 * max(len(t), 1) + 1.2))
    _barh(ax, t[label].astype(str).tolist(), t[value].astype(float).to_numpy(), PALETTE[0])
    return _finish(ax, title, value.replace("_", " "), "")


def citations_per_year(table: pd.DataFrame, ax=None, *, year: str = "year",
                       value: str = "mean_citations_per_year", title: str = "Average citations per year"):
    """Line of the mean citations per citable year of each publication year
    (:func:`litkit.citations_by_year`)."""
    ax = _axes(ax)
    x = table[year].astype(float).to_numpy()
    ax.plot(x, table[value].astype(float).to_numpy(), color=PALETTE[0], marker="o", markersize=4)
    ax.grid(axis="y", alpha=0.3)
    if len(x):
        ax.set_xticks(np.unique(x.astype(int))[::max(1, int(np.ceil(len(np.unique(x)) / 12)))])
    return _finish(ax, title, "publication year", value.replace("_", " "))


def bradford(table: pd.DataFrame, ax=None, *, venue: str = "venue", papers: str = "papers",
             zone: str = "zone", n: int = 25, title: str = "Sources and Bradford zones"):
    """Bars of the ``n`` most productive sources coloured by Bradford zone (:func:`litkit.bradford`);
    the axis label says how many sources each zone holds."""
    t = table.head(n)
    ax = _axes(ax, figsize=(7.0, 0.28 * max(len(t), 1) + 1.2))
    colors = {1: PALETTE[3], 2: PALETTE[0], 3: OTHER_COLOR}
    z = t[zone].astype(int).tolist()
    _barh(ax, t[venue].astype(str).tolist(), t[papers].astype(float).to_numpy(), [colors[k] for k in z])
    from matplotlib.patches import Patch
    sizes = table[zone].astype(int).value_counts()
    handles = [Patch(color=colors[k], label=f"zone {k} ({int(sizes.get(k, 0))} sources)") for k in (1, 2, 3)]
    ax.legend(handles=handles, fontsize=8, frameon=False, loc="lower right")
    shown = f"papers (the {len(t)} most productive of {len(table)} sources)"
    return _finish(ax, title, shown, "")


def thematic_map(table: pd.DataFrame, ax=None, *, x: str = "centrality", y: str = "density",
                 size: str = "size", label: str = "label", quadrant: str = "quadrant",
                 title: str = "Thematic map"):
    """Callon's strategic diagram (:func:`litkit.thematic_map`): one bubble per theme (area =
    ``size``), the medians of the themes as the quadrant lines, the quadrants named."""
    ax = _axes(ax, figsize=(7.0, 6.0))
    cx = table[x].astype(float).to_numpy()
    cy = table[y].astype(float).to_numpy()
    s = table[size].astype(float).to_numpy()
    colors = [QUADRANT_COLORS.get(str(q), OTHER_COLOR) for q in table[quadrant]]
    if len(table):
        ax.scatter(cx, cy, s=40 + 1200 * s / max(s.max(), 1), c=colors, alpha=0.6, edgecolors="white")
        for a, b, t in zip(cx, cy, table[label]):
            ax.annotate(_plain(t, 30), (a, b), fontsize=8, ha="center", va="center")
        mx, my = np.median(cx), np.median(cy)
        ax.axvline(mx, color="black", lw=0.8, ls="--")
        ax.axhline(my, color="black", lw=0.8, ls="--")
        for text, hx, hy in [("motor themes", 0.98, 0.98), ("niche themes", 0.02, 0.98),
                             ("basic themes", 0.98, 0.02), ("emerging or declining", 0.02, 0.02)]:
            ax.text(hx, hy, text, transform=ax.transAxes, fontsize=8, color="#555555", style="italic",
                    ha="right" if hx > 0.5 else "left", va="top" if hy > 0.5 else "bottom")
    return _finish(ax, title, "centrality (relevance)", "density (development)")


def country_production(table: pd.DataFrame, ax=None, *, country: str = "country",
                       single: str = "single_country", multi: str = "multi_country", n: int = 20,
                       title: str = "Papers per country"):
    """Stacked bars of single- and multiple-country papers of the ``n`` first countries
    (:func:`litkit.country_stats`)."""
    t = table.head(n)
    ax = _axes(ax, figsize=(7.0, 0.28 * max(len(t), 1) + 1.2))
    y = _barh(ax, t[country].astype(str).tolist(), t[single].astype(float).to_numpy(), PALETTE[0])
    ax.barh(y, t[multi].astype(float).to_numpy(), left=t[single].astype(float).to_numpy(), color=PALETTE[1],
            height=0.7)
    from matplotlib.patches import Patch
    ax.legend(handles=[Patch(color=PALETTE[0], label="single country"),
                         Patch(color=PALETTE[1], label="with other countries")],
            fontsize=8, frameon=False, loc="lower right")
    return _finish(ax, title, "papers", "")


def three_fields(table: pd.DataFrame, ax=None, *, from_field: str = "from_field", source: str = "from",
                 to_field: str = "to_field", target: str = "to", value: str = "papers",
                 title: str = "Three-field plot"):
    """Flows between fields (:func:`litkit.three_fields`): one column of boxes per field (height
    = the papers flowing through an item), bands between neighbouring columns (width = papers)."""
    from matplotlib.patches import PathPatch, Rectangle
    from matplotlib.path import Path
    ax = _axes(ax, figsize=(9.0, 6.0))
    fields = list(dict.fromkeys([*table[from_field].astype(str), *table[to_field].astype(str)]))
    totals: dict = {}
    for f, col in ((from_field, source), (to_field, target)):
        g = table.groupby([table[f].astype(str), table[col].astype(str)])[value].sum()
        for (fld, item), v in g.items():
            totals[(fld, item)] = max(totals.get((fld, item), 0), float(v))
    gap = 0.02
    place: dict = {}
    for i, f in enumerate(fields):
        items = sorted((k for k in totals if k[0] == f), key=lambda k: (-totals[k], k[1]))
        height = sum(totals[k] for k in items) or 1
        yy = 1.0
        for k in items:
            h = totals[k] / height * (1 - gap * len(items))
            place[k] = [i, yy - h, h, yy, yy]      # column, bottom, height, out-cursor, in-cursor
            ax.add_patch(Rectangle((i - 0.03, yy - h), 0.06, h, color=PALETTE[i % len(PALETTE)], zorder=2))
            ax.text(i + (0.05 if i < len(fields) - 1 else -0.05), yy - h / 2, _plain(k[1], 30), fontsize=7,
                    va="center", ha="left" if i < len(fields) - 1 else "right", zorder=3)
            yy -= h + gap
    for fa, ia, fb, ib, v in zip(table[from_field].astype(str), table[source].astype(str),
                                 table[to_field].astype(str), table[target].astype(str),
                                 table[value].astype(float)):
        a, b = place[(fa, ia)], place[(fb, ib)]
        ha = a[2] * v / totals[(fa, ia)]
        hb = b[2] * v / totals[(fb, ib)]
        x0, x1 = a[0] + 0.03, b[0] - 0.03
        y0, y1 = a[3], b[4]
        a[3] -= ha
        b[4] -= hb
        xm = (x0 + x1) / 2
        verts = [(x0, y0), (xm, y0), (xm, y1), (x1, y1), (x1, y1 - hb), (xm, y1 - hb), (xm, y0 - ha),
                 (x0, y0 - ha), (x0, y0)]
        codes = [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.LINETO, Path.CURVE4, Path.CURVE4,
                 Path.CURVE4, Path.CLOSEPOLY]
        ax.add_patch(PathPatch(Path(verts, codes), facecolor="#999999", alpha=0.3, lw=0, zorder=1))
    ax.set_xlim(-0.3, max(len(fields) - 1, 1) + 0.3)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xticks(range(len(fields)))
    ax.set_xticklabels([_plain(f) for f in fields])
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    return _finish(ax, title, f"band width: {value}", "")
