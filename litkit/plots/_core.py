"""Figures: one function per figure, in the seaborn style.

Each function takes the table (or graph) that its analysis function returns and the names of
its columns, draws on the ``ax`` it is given — or, when none is given, on a new figure from
``plt.subplots`` (never on the current axes of an existing figure) — and returns the ``Axes``.
Nothing is computed here and no ``.attrs`` is read: lump small groups with
:func:`litkit.shares_over_time` (``top=``), pick the rows to show before drawing. Text from the
data is never read as mathtext: a ``$`` in a name shows as ``$``.

One style for all: the Okabe-Ito colour-blind-safe palette (grey for "other"), viridis for
heat maps, titled and labelled axes, light horizontal grid, no top/right spines.

Examples
--------
>>> import litkit, litkit.data
>>> from matplotlib.figure import Figure
>>> papers = litkit.read(litkit.data.RESEARCHER_PROFILE)
>>> ax = litkit.plots.publications(litkit.counts_by_period(papers, "year"), ax=Figure().subplots())
>>> ax.get_ylabel()
'papers'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["PALETTE", "OTHER_COLOR", "publications", "shares", "rising_terms", "top_authors",
           "lotka", "coauthor_network", "topics_over_time", "topic_map", "authors_per_paper"]

#: Okabe & Ito (2008) colour-blind-safe palette (black moved last, yellow after blue)
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
OTHER_COLOR = "#999999"
SEQUENTIAL = "viridis"
_MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
_KNOWN = {"period", "start", "end", "count", "share", "growth", "incomplete", "papers", "thin"}
#: topic_map: topics drawn in colour (the largest); the others are grey
MAP_COLOURED = len(PALETTE)
#: topic_map: topics labelled at their centre (the largest)
MAP_LABELLED = 25
#: topics_over_time: the colour scale ends at this quantile of the values (robust to outliers)
HEATMAP_QUANTILE = 0.98


def _text(value) -> str:
    """Data as matplotlib text: ``$`` escaped, so names are never parsed as mathtext."""
    return str(value).replace("$", r"\$")


def _axes(ax, figsize=(7.0, 4.0)):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt
    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _finish(ax, title, xlabel, ylabel):
    ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_axisbelow(True)
    return ax


def _legend(ax, *args, **kw):
    """A legend only when there is something to put in it (no warning on empty tables)."""
    if args or ax.get_legend_handles_labels()[0]:
        ax.legend(*args, **kw)


def _colors(groups) -> dict:
    out, i = {}, 0
    for g in groups:
        if str(g) in ("other", "(none)"):
            out[g] = OTHER_COLOR
        else:
            out[g] = PALETTE[i % len(PALETTE)]
            i += 1
    return out


def _group_column(table: pd.DataFrame, hue):
    """``hue``, or the one column of a grouped period table that is not a known one."""
    if hue is not None:
        return hue
    rest = [c for c in table.columns if c not in _KNOWN]
    return rest[0] if rest else None


def _period_ticks(ax, labels):
    n = len(labels)
    step = max(1, int(np.ceil(n / 12)))
    ax.set_xticks(np.arange(n)[::step])
    ax.set_xticklabels([_text(x) for x in labels][::step], rotation=45 if n > 6 else 0,
                       ha="right" if n > 6 else "center")


def publications(table: pd.DataFrame, ax=None, *, hue: str | None = None, x: str = "period",
                 y: str = "count", xlabel: str = "period", title: str = "Publications over time"):
    """Stacked bars of papers per period (from :func:`litkit.counts_by_period`, or
    :func:`litkit.shares_over_time` for the largest groups and "other").

    ``hue`` is the group column (default: the one column that is not a period column).
    Incomplete periods (an ``incomplete`` column) are hatched and named in the legend.
    """
    ax = _axes(ax)
    hue = _group_column(table, hue)
    periods = list(dict.fromkeys(table[x].astype(str)))
    pos = np.arange(len(periods))
    inc = table.groupby(table[x].astype(str), sort=False)["incomplete"].any().reindex(periods) \
        if "incomplete" in table else pd.Series(False, index=periods)
    hatch = ["//" if v else None for v in inc.to_numpy(dtype=bool)]
    if hue is None:
        height = table.groupby(table[x].astype(str), sort=False)[y].sum().reindex(periods)
        bars = ax.bar(pos, height.to_numpy(dtype=float), color=PALETTE[0], edgecolor="white",
                      linewidth=0.5)
        for b, h in zip(bars, hatch):
            b.set_hatch(h)
    else:
        lab = table[hue].astype(object).map(str)
        groups = list(dict.fromkeys(lab))
        pivot = table.assign(_g=lab, _p=table[x].astype(str)).pivot_table(
            index="_p", columns="_g", values=y, aggfunc="sum", fill_value=0, observed=True) \
            .reindex(index=periods, columns=groups, fill_value=0).astype(float)
        colors = _colors(groups)
        bottom = np.zeros(len(periods))
        for g in groups:
            bars = ax.bar(pos, pivot[g].to_numpy(), bottom=bottom, color=colors[g], label=_text(g),
                          edgecolor="white", linewidth=0.5)
            for b, h in zip(bars, hatch):
                b.set_hatch(h)
            bottom += pivot[g].to_numpy()
        _legend(ax, title=_text(hue), fontsize=8, title_fontsize=9, frameon=False,
                loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if any(hatch):
        from matplotlib.patches import Patch
        handles, labels = ax.get_legend_handles_labels()
        handles.append(Patch(facecolor="white", edgecolor="black", hatch="//"))
        labels.append("incomplete period")
        _legend(ax, handles, labels, title=_text(hue) if hue else None, fontsize=8, title_fontsize=9,
                frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _period_ticks(ax, periods)
    ax.grid(axis="y", alpha=0.3)
    return _finish(ax, title, xlabel, "papers")


def shares(table: pd.DataFrame, ax=None, *, hue: str | None = None, xlabel: str = "period",
           title: str = "Shares over time"):
    """Each group's share of the papers per period (from :func:`litkit.shares_over_time`):
    stacked areas when the shares of a period add up to 1, lines otherwise. Groups are drawn
    in the order of the table; incomplete periods are shaded."""
    ax = _axes(ax)
    hue = _group_column(table, hue)
    periods = list(dict.fromkeys(table["period"].astype(str)))
    groups = list(dict.fromkeys(table[hue].astype(object)))
    pivot = table.assign(_p=table["period"].astype(str), _g=table[hue].astype(object)).pivot_table(
        index="_p", columns="_g", values="share", aggfunc="sum", fill_value=0.0, observed=True) \
        .reindex(index=periods, columns=groups, fill_value=0.0).astype(float)
    colors = _colors(groups)
    x = np.arange(len(periods))
    sums = pivot.sum(axis=1).to_numpy()
    if len(sums) and np.allclose(sums[sums > 0], 1.0):
        ax.stackplot(x, *[pivot[g].to_numpy() for g in groups], labels=[_text(g) for g in groups],
                     colors=[colors[g] for g in groups], alpha=0.9, edgecolor="white", linewidth=0.3)
        ax.set_ylim(0, 1)
    else:
        for i, g in enumerate(groups):
            ax.plot(x, pivot[g].to_numpy(), color=colors[g], marker=_MARKERS[i % len(_MARKERS)],
                    markersize=4, label=_text(g))
    if "incomplete" in table:
        inc = table.groupby(table["period"].astype(str), sort=False)["incomplete"].any().reindex(periods)
        for i in np.flatnonzero(inc.to_numpy(dtype=bool)):
            ax.axvspan(i - 0.5, i + 0.5, color="black", alpha=0.06, lw=0)
    ax.set_xlim(-0.5 if len(x) == 1 else 0, max(len(x) - 1, 0.5))
    _period_ticks(ax, periods)
    _legend(ax, title=_text(hue), fontsize=8, title_fontsize=9, frameon=False, loc="upper left",
            bbox_to_anchor=(1.0, 1.0), reverse=True)
    ax.grid(axis="y", alpha=0.3)
    sub = " (shaded: incomplete period)" if "incomplete" in table and table["incomplete"].any() else ""
    return _finish(ax, title + sub, xlabel, "share of papers")


def rising_terms(table: pd.DataFrame, ax=None, *, n: int = 10, term: str = "term",
                 xlabel: str = "log-odds ratio, recent vs earlier (bars: 95% interval)",
                 title: str = "Rising and falling terms"):
    """The ``n`` most rising and ``n`` most falling terms (from :func:`litkit.rising_terms`):
    log-odds ratio with its 95 % interval (1.96 standard errors)."""
    ax = _axes(ax, figsize=(7.0, 0.28 * 2 * n + 1.2))
    t = table.sort_values("z", ascending=False, kind="stable")
    up = t[t["z"] > 0].head(n)
    down = t[t["z"] < 0].tail(n)
    sel = pd.concat([up, down])
    y = np.arange(len(sel))[::-1]
    lo = sel["log_odds"].to_numpy(dtype=float)
    err = 1.96 * sel["se"].to_numpy(dtype=float)
    colors = np.where(lo > 0, PALETTE[0], PALETTE[3])
    ax.barh(y, lo, color=colors, alpha=0.85, height=0.7)
    ax.errorbar(lo, y, xerr=err, fmt="none", ecolor="black", elinewidth=0.8, capsize=2)
    ax.set_yticks(y)
    ax.set_yticklabels([_text(t) for t in sel[term]], fontsize=8)
    ax.axvline(0, color="black", lw=0.8)
    ax.grid(axis="x", alpha=0.3)
    return _finish(ax, title, xlabel, "")


def top_authors(table: pd.DataFrame, ax=None, *, n: int = 15, title: str = "Most productive authors"):
    """Papers of the ``n`` most productive authors (from :func:`litkit.author_stats`), the
    first-author share darker; "≥" marks counts that are lower bounds (truncated lists)."""
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
    """Observed and fitted number of authors with n papers, log-log (from :func:`litkit.lotka`:
    its ``expected`` column is the fit, its ``exponent`` column the fitted exponent)."""
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
    """Papers by number of authors (from :func:`litkit.authors.authors_per_paper`), log x axis."""
    ax = _axes(ax, figsize=(6.0, 4.0))
    ax.bar(table["n_authors"].to_numpy(dtype=float), table["papers"].to_numpy(dtype=float),
           color=PALETTE[0], width=0.8)
    if len(table) and table["n_authors"].max() > 50:
        ax.set_xscale("symlog", linthresh=10)
    ax.grid(axis="y", alpha=0.3)
    return _finish(ax, title, "authors listed", "papers")


def coauthor_network(G, ax=None, *, top: int = 300, rank_by: str = "papers", labels: int = 12,
                     seed: int = 0, iterations: int | None = None, title: str = "Co-authorship network"):
    """The co-authorship graph (from :func:`litkit.coauthor_graph`) restricted to the ``top``
    authors, laid out with a seeded spring layout.

    ``rank_by`` chooses them: ``"papers"`` (default; ties by degree, then key), ``"degree"``,
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


def topics_over_time(table: pd.DataFrame, ax=None, *, value: str = "share", topic: str = "topic",
                     period: str = "period", names=None, robust: bool = True,
                     title: str = "Topics over time"):
    """Heat map of topics (rows) by period (columns), from a tidy table with ``period``,
    ``topic`` and ``value`` columns (``litkit.topics_over_time``). ``names`` maps topic ids to
    labels. With ``robust`` the colour scale ends at the 98th percentile of the values (as
    seaborn's ``robust=True``), so one extreme cell (a one-paper period) cannot wash out the
    rest; leave thin periods out of the table before drawing (:func:`litkit.period_table`)."""
    ax = _axes(ax, figsize=(8.0, 5.0))
    t = table.assign(_p=table[period].astype(str))
    periods = list(dict.fromkeys(t.sort_values(period, kind="stable")["_p"]))
    topics = sorted(t[topic].dropna().unique().tolist(), key=lambda v: (str(type(v)), v))
    grid = t.pivot_table(index=topic, columns="_p", values=value, aggfunc="sum", fill_value=0.0,
                         observed=True).reindex(index=topics, columns=periods, fill_value=0.0)
    values = grid.to_numpy(dtype=float)
    finite = values[np.isfinite(values)]
    vmax = float(np.quantile(finite, HEATMAP_QUANTILE)) if robust and finite.size else None
    im = ax.imshow(values, aspect="auto", cmap=SEQUENTIAL, interpolation="nearest", vmin=0,
                   vmax=vmax if vmax else None)
    ax.figure.colorbar(im, ax=ax, label=_text(value), shrink=0.8, extend="max" if vmax else "neither")
    ax.set_yticks(np.arange(len(topics)))
    ax.set_yticklabels([_text(_name(names, k)) for k in topics], fontsize=7 if len(topics) > 20 else 8)
    step = max(1, int(np.ceil(len(periods) / 12)))
    ax.set_xticks(np.arange(len(periods))[::step])
    ax.set_xticklabels([_text(p) for p in periods[::step]], rotation=45, ha="right")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
    ax.set_xlabel("period")
    ax.set_ylabel("topic")
    return ax


def _name(names, k) -> str:
    if isinstance(names, dict):
        return str(names.get(k, k))
    return str(names[k]) if names is not None else str(k)


def topic_map(table: pd.DataFrame, ax=None, *, x: str = "x", y: str = "y", topic: str = "topic",
              names=None, xlabel: str | None = None, ylabel: str | None = None,
              coloured: int = MAP_COLOURED, labelled: int = MAP_LABELLED,
              title: str = "Map of papers by topic"):
    """Scatter of papers on 2-D coordinates (a table with ``x``, ``y`` and ``topic`` columns).

    Readable with many topics: the ``coloured`` largest topics get a colour of the palette
    (and a legend entry), every other topic is grey; the ``labelled`` largest topics are named
    at their centre (the median of their papers' positions). The outlier topic -1 and papers
    without a topic are light grey. ``xlabel``/``ylabel`` say what the axes are (default: the
    column names).
    """
    ax = _axes(ax, figsize=(8.0, 7.0))
    t = table[[x, y, topic]]
    miss = (t[topic].isna() | (t[topic].astype(object) == -1)).to_numpy(dtype=bool)
    sizes = t.loc[~miss, topic].value_counts()
    ranked = sorted(sizes.index.tolist(), key=lambda k: (-int(sizes[k]), str(k)))
    s = 4 if len(t) > 5000 else 10
    if miss.any():
        ax.scatter(t.loc[miss, x], t.loc[miss, y], s=s, c="#DDDDDD", alpha=0.5, linewidths=0,
                   label="no topic / outliers", rasterized=True)
    grey = ~miss & ~t[topic].isin(ranked[:coloured]).to_numpy(dtype=bool)
    if grey.any():
        ax.scatter(t.loc[grey, x], t.loc[grey, y], s=s, c=OTHER_COLOR, alpha=0.35, linewidths=0,
                   label=f"{len(ranked) - coloured} smaller topics", rasterized=True)
    for i, k in enumerate(ranked[:coloured]):
        m = (t[topic] == k).fillna(False).to_numpy(dtype=bool)
        ax.scatter(t.loc[m, x], t.loc[m, y], s=s, color=PALETTE[i % len(PALETTE)], alpha=0.7,
                   linewidths=0, label=_text(_name(names, k)), rasterized=True)
    for k in ranked[:labelled]:
        m = (t[topic] == k).fillna(False).to_numpy(dtype=bool)
        cx, cy = float(t.loc[m, x].median()), float(t.loc[m, y].median())
        ax.annotate(_text(_name(names, k)), (cx, cy), fontsize=7, ha="center", va="center",
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.75})
    _legend(ax, title=_text(topic), fontsize=7, title_fontsize=8, frameon=False, markerscale=2,
            loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_xticks([])
    ax.set_yticks([])
    return _finish(ax, title, xlabel or _text(x), ylabel or _text(y))
