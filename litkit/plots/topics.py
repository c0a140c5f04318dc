"""Figures of the topic analyses (:mod:`litkit.topics`): topics over time, the map of papers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._core import LEGEND_CHARS, OTHER_COLOR, PALETTE, SEQUENTIAL, _axes, _count, _finish, _legend, _text

__all__ = ["topics_over_time", "topic_map"]

#: topic_map: topics drawn in colour (the largest); the others are grey
MAP_COLOURED = len(PALETTE)
#: topic_map: topics labelled at their centre (the largest)
MAP_LABELLED = 25
#: topics_over_time: the colour scale ends at this quantile of the values (robust to outliers)
HEATMAP_QUANTILE = 0.98


def topics_over_time(table: pd.DataFrame, ax=None, *, value: str = "share", topic: str = "topic",
                     period: str = "period", names=None, robust: bool = True,
                     title: str = "Topics over time"):
    """Heat map of topics (rows) by period (columns), with a colour bar.

    The table is tidy, with ``period``, ``topic`` and ``value`` columns, as
    :func:`litkit.topics_over_time` returns. Periods are sorted, topics too (missing topics are
    left out); a (topic, period) pair absent from the table is 0. With ``robust`` the colour
    scale ends at the 98th percentile of the values (as seaborn's ``robust=True``), so one
    extreme cell (a one-paper period) cannot wash out the rest; leave thin periods out of the
    table before drawing (:func:`litkit.period_table`).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per period and topic.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new figure); the colour bar is added to its figure.
    value, topic, period : str
        The columns of the cell values (also the colour bar's label), of the topic ids and of
        the periods.
    names : dict or sequence, optional
        Labels of the topic ids (a dict, or a list indexed by id); default: the ids.
    robust : bool
        End the colour scale at the 98th percentile of the values instead of their maximum.
    title : str
        The title (the axes are labelled "period" and "topic").

    Returns
    -------
    matplotlib.axes.Axes
        The axes of the heat map.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> papers = litkit.read(litkit.data.RESEARCHER_PROFILE)
    >>> deepmind = papers["extra"].map(lambda e: int("deepmind" in e.get("orgs", [])))
    >>> table = litkit.topics_over_time(papers, deepmind)
    >>> ax = litkit.plots.topics_over_time(table, names={0: "others", 1: "DeepMind"},
    ...                                    ax=Figure().subplots())
    >>> [t.get_text() for t in ax.get_yticklabels()], len(ax.get_xticklabels())
    (['others', 'DeepMind'], 8)
    >>> ax.figure.axes[-1].get_ylabel(), ax.get_ylabel()
    ('share', 'topic')
    """
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
              names=None, centre_names=None, xlabel: str | None = None, ylabel: str | None = None,
              coloured: int = MAP_COLOURED, labelled: int = MAP_LABELLED,
              title: str = "Map of papers by topic"):
    """Scatter of papers on 2-D coordinates (a table with ``x``, ``y`` and ``topic`` columns).

    Readable with many topics: the ``coloured`` largest topics get a colour of the palette
    (and a legend entry, named by ``names``), every other topic is grey; the ``labelled`` largest
    topics are named at their centre (the median of their papers' positions) by ``centre_names``
    (default ``names``; short names read best), labels nudged apart so that they do not overlap.
    The outlier topic -1 and papers without a topic are light grey. ``xlabel``/``ylabel`` say
    what the axes are (default: the column names).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per paper, as :func:`litkit.topic_map` returns.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new figure).
    x, y, topic : str
        The columns of the coordinates and of the topic ids.
    names : dict or sequence, optional
        Legend labels of the topic ids (a dict, or a list indexed by id); default: the ids.
    centre_names : dict or sequence, optional
        Labels at the topic centres (default: ``names``).
    xlabel, ylabel : str, optional
        The axis labels (default: ``x`` and ``y``).
    coloured : int
        How many of the largest topics get a colour (default: the 8 colours of the palette).
    labelled : int
        How many of the largest topics are named at their centre.
    title : str
        The title.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (``ax`` when given): one dot per paper, no ticks.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> table = pd.DataFrame({"x": [0.0, 0.1, 1.0, 1.1, 0.5], "y": [0.0, 0.2, 1.0, 0.9, 0.5],
    ...                       "topic": pd.array([0, 0, 1, 1, None], dtype="Int64")})
    >>> ax = litkit.plots.topic_map(table, names={0: "graphs", 1: "text"}, coloured=1,
    ...                             ax=Figure().subplots())
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['no topic / outliers', '1 smaller topic', 'graphs']
    >>> [t.get_text() for t in ax.texts], ax.get_xlabel()
    (['graphs', 'text'], 'x')
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
                   label=_count(len(ranked) - coloured, "smaller topic"), rasterized=True)
    for i, k in enumerate(ranked[:coloured]):
        m = (t[topic] == k).fillna(False).to_numpy(dtype=bool)
        ax.scatter(t.loc[m, x], t.loc[m, y], s=s, color=PALETTE[i % len(PALETTE)], alpha=0.7,
                   linewidths=0, label=_text(_name(names, k), LEGEND_CHARS), rasterized=True)
    centres = [(k, float(t.loc[(t[topic] == k).fillna(False).to_numpy(dtype=bool), x].median()),
                float(t.loc[(t[topic] == k).fillna(False).to_numpy(dtype=bool), y].median()))
               for k in ranked[:labelled]]
    _centre_labels(ax, centres, centre_names if centre_names is not None else names)
    _legend(ax, title=_text(topic), fontsize=7, title_fontsize=8, frameon=False, markerscale=2,
            loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_xticks([])
    ax.set_yticks([])
    return _finish(ax, title, xlabel or _text(x), ylabel or _text(y))


_LABEL_FONT = 7          # points
_LABEL_STEPS = 12        # vertical nudges tried per label


def _centre_labels(ax, centres, names) -> None:
    """Labels at the topic centres, each nudged up or down (in steps of a line) off the labels
    already placed, with a thin line back to its centre when moved."""
    ax.autoscale_view()
    to_px = ax.transData.transform
    px_per_pt = ax.figure.dpi / 72.0
    line = 1.5 * _LABEL_FONT
    placed: list[tuple[float, float, float, float]] = []
    for k, cx, cy in centres:
        text = _text(_name(names, k))
        w, h = 0.62 * _LABEL_FONT * len(text), line
        px, py = (to_px((cx, cy)) / px_per_pt) if np.isfinite([cx, cy]).all() else (0.0, 0.0)
        offsets = [0.0] + [sign * line * j for j in range(1, _LABEL_STEPS + 1) for sign in (1, -1)]
        dy = next((o for o in offsets if not any(
            abs(px - qx) * 2 < (w + qw) and abs(py + o - qy) * 2 < (h + qh)
            for qx, qy, qw, qh in placed)), 0.0)
        placed.append((px, py + dy, w, h))
        ax.annotate(text, (cx, cy), xytext=(0, dy), textcoords="offset points", fontsize=_LABEL_FONT,
                    ha="center", va="center", zorder=5,
                    arrowprops={"arrowstyle": "-", "lw": 0.4, "color": "#555555"} if dy else None,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
