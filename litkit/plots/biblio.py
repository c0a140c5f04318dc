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

from ._core import OTHER_COLOR, PALETTE, _axes, _count, _finish, _plain
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
    """Horizontal bars of the ``n`` first rows of a ranked table of documents, the first on top.

    The table comes from :func:`litkit.most_cited` (or :func:`litkit.most_cited_references`,
    :func:`litkit.local_citations` with ``value=``); the x axis is named after ``value``.

    Parameters
    ----------
    table : pandas.DataFrame
        Ranked rows with the columns ``label`` and ``value``.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new figure, its height growing with the rows shown).
    label, value : str
        The columns of the bar labels (cut at 60 characters) and of the bar lengths.
    n : int
        How many rows to show.
    title : str
        The title; the x axis is named after ``value``.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (``ax`` when given): one bar per document.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> t = litkit.schema.from_records([
    ...     {"id": "a", "authors": ["Ann Lee"], "year": 2020, "citations": 10},
    ...     {"id": "b", "authors": ["Bo Chen"], "year": 2021, "citations": 3}])
    >>> ax = litkit.plots.most_cited(litkit.most_cited(t), ax=Figure().subplots())
    >>> [x.get_text() for x in ax.get_yticklabels()], ax.get_xlabel()
    (['Lee 2020', 'Chen 2021'], 'citations')
    """
    t = table.head(n)
    ax = _axes(ax, figsize=(7.0, 0.28 * max(len(t), 1) + 1.2))
    _barh(ax, t[label].astype(str).tolist(), t[value].astype(float).to_numpy(), PALETTE[0])
    return _finish(ax, title, value.replace("_", " "), "")


def citations_per_year(table: pd.DataFrame, ax=None, *, year: str = "year",
                       value: str = "mean_citations_per_year", title: str = "Average citations per year"):
    """Line of the mean citations per citable year of each publication year.

    The table comes from :func:`litkit.citations_by_year`; at most 12 years are labelled.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per publication year.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new figure).
    year, value : str
        The columns of the publication years and of the values (the y axis is named after it).
    title : str
        The title; ``value`` names the y axis.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (``ax`` when given): one line, a marker per year.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> t = litkit.schema.from_records([{"id": str(y), "year": y, "citations": c}
    ...                                 for y, c in [(2020, 10), (2021, 3), (2022, 0)]])
    >>> ax = litkit.plots.citations_per_year(litkit.citations_by_year(t), ax=Figure().subplots())
    >>> [x.get_text() for x in ax.get_xticklabels()], ax.get_ylabel()
    (['2020', '2021', '2022'], 'mean citations per year')
    """
    ax = _axes(ax)
    x = table[year].astype(float).to_numpy()
    ax.plot(x, table[value].astype(float).to_numpy(), color=PALETTE[0], marker="o", markersize=4)
    ax.grid(axis="y", alpha=0.3)
    if len(x):
        ax.set_xticks(np.unique(x.astype(int))[::max(1, int(np.ceil(len(np.unique(x)) / 12)))])
    return _finish(ax, title, "publication year", value.replace("_", " "))


def bradford(table: pd.DataFrame, ax=None, *, venue: str = "venue", papers: str = "papers",
             zone: str = "zone", n: int = 25, title: str = "Sources and Bradford zones"):
    """Bars of the ``n`` most productive sources coloured by Bradford zone.

    The table comes from :func:`litkit.bradford` (sources ranked by papers, zones 1 to 3); the
    legend says how many sources each zone holds, the x-axis label how many are shown.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per source, most productive first.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new figure, its height growing with the sources shown).
    venue, papers, zone : str
        The columns of the source names, of their papers and of their zone (1, 2 or 3).
    n : int
        How many sources to show.
    title : str
        The title; the legend names the zones.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (``ax`` when given): the bars, the legend of the zones.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> t = litkit.schema.from_records([{"id": str(i), "venue": v} for i, v in enumerate("JJJKL")])
    >>> ax = litkit.plots.bradford(litkit.bradford(t), ax=Figure().subplots())
    >>> [x.get_text() for x in ax.get_legend().get_texts()]
    ['zone 1 (1 source)', 'zone 2 (1 source)', 'zone 3 (1 source)']
    >>> ax.get_xlabel()
    'papers (the 3 most productive of 3 sources)'
    """
    t = table.head(n)
    ax = _axes(ax, figsize=(7.0, 0.28 * max(len(t), 1) + 1.2))
    colors = {1: PALETTE[3], 2: PALETTE[0], 3: OTHER_COLOR}
    z = t[zone].astype(int).tolist()
    _barh(ax, t[venue].astype(str).tolist(), t[papers].astype(float).to_numpy(), [colors[k] for k in z])
    from matplotlib.patches import Patch
    sizes = table[zone].astype(int).value_counts()
    handles = [Patch(color=colors[k], label=f"zone {k} ({_count(int(sizes.get(k, 0)), 'source')})") for k in (1, 2, 3)]
    ax.legend(handles=handles, fontsize=8, frameon=False, loc="lower right")
    shown = f"papers (the {len(t)} most productive of {len(table)} sources)"
    return _finish(ax, title, shown, "")


def thematic_map(table: pd.DataFrame, ax=None, *, x: str = "centrality", y: str = "density",
                 size: str = "size", label: str = "label", quadrant: str = "quadrant",
                 xlabel: str = "centrality (relevance)", ylabel: str = "density (development)",
                 title: str = "Thematic map"):
    """Callon's strategic diagram: one bubble per theme, the quadrants named.

    The table comes from :func:`litkit.thematic_map`: each theme is a bubble (area growing with
    ``size``, coloured by ``quadrant``) at its centrality and density, labelled; the medians of
    the themes draw the quadrant lines. An empty table gives empty axes.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per theme.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new figure).
    x, y, size, label, quadrant : str
        The columns of the centrality, density, bubble size, theme label and quadrant.
    xlabel, ylabel : str
        The axis labels (say what ``x`` and ``y`` hold when they are other columns).
    title : str
        The title.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (``ax`` when given): a labelled bubble per theme, the quadrant lines dashed.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> kw = [["a", "b"], ["a", "b"], ["c", "d"], ["c", "d"], ["b", "c"]]
    >>> t = litkit.schema.from_records([{"id": str(i), "keywords": k} for i, k in enumerate(kw)])
    >>> ax = litkit.plots.thematic_map(litkit.thematic_map(t, min_papers=1), ax=Figure().subplots())
    >>> [x.get_text() for x in ax.texts][:3], ax.get_xlabel()
    (['b', 'c', 'motor themes'], 'centrality (relevance)')
    """
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
    return _finish(ax, title, xlabel, ylabel)


def country_production(table: pd.DataFrame, ax=None, *, country: str = "country",
                       single: str = "single_country", multi: str = "multi_country", n: int = 20,
                       title: str = "Papers per country"):
    """Stacked bars of single- and multiple-country papers of the ``n`` first countries.

    The table comes from :func:`litkit.country_stats` (most productive first, at the top).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per country.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new figure, its height growing with the countries shown).
    country, single, multi : str
        The columns of the country names, of the papers of that country only and of the papers
        shared with other countries.
    n : int
        How many countries to show.
    title : str
        The title; the legend tells single- from multiple-country papers.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (``ax`` when given): for each country shown, two bars end
        to end.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> t = litkit.schema.from_records([
    ...     {"id": "a", "affiliations": ["X, Japan", "Y, France"]},
    ...     {"id": "b", "affiliations": ["Z, Japan"]}])
    >>> ax = litkit.plots.country_production(litkit.country_stats(t), ax=Figure().subplots())
    >>> [x.get_text() for x in ax.get_yticklabels()], len(ax.patches)
    (['Japan', 'France'], 4)
    """
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
    """Flows between fields: one column of boxes per field, bands between them.

    The table comes from :func:`litkit.three_fields` (one row per flow from an item of one field
    to an item of the next). Fields are the columns in order of appearance; each item is a box
    whose height is the papers flowing through it (the larger of its in- and outflow), the
    largest on top; each flow is a band whose width is ``value``.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per flow between two items.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new figure).
    from_field, source, to_field, target, value : str
        The columns of the field and item a flow starts from, the field and item it goes to,
        and its size.
    title : str
        The title; the x-axis label says what the widths of the bands are.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (``ax`` when given): a box per item, a band per flow.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> t = litkit.schema.from_records([
    ...     {"id": "a", "authors": ["Ann Lee"], "keywords": ["x"], "venue": "J"},
    ...     {"id": "b", "authors": ["Ann Lee"], "keywords": ["x", "y"], "venue": "K"}])
    >>> ax = litkit.plots.three_fields(litkit.three_fields(t), ax=Figure().subplots())
    >>> [x.get_text() for x in ax.get_xticklabels()], [x.get_text() for x in ax.texts]
    (['authors', 'keywords', 'venue'], ['ann lee', 'x', 'y', 'k', 'j'])
    """
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
