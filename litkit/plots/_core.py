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

__all__ = ["PALETTE", "OTHER_COLOR", "publications", "shares", "rising_terms"]

#: Okabe & Ito (2008) colour-blind-safe palette (black moved last, yellow after blue)
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
OTHER_COLOR = "#999999"
SEQUENTIAL = "viridis"
_MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
_KNOWN = {"period", "start", "end", "count", "share", "growth", "incomplete", "papers", "thin"}


#: legend entries longer than this are cut (with "…"), so that a legend of long venue names
#: cannot squeeze the axes to nothing
LEGEND_CHARS = 40


def _text(value, limit: int | None = None) -> str:
    """Data as matplotlib text: ``$`` escaped, so names are never parsed as mathtext; cut to
    ``limit`` characters when given."""
    text = str(value)
    if limit is not None and len(text) > limit:
        text = text[:limit - 1].rstrip() + "…"
    return text.replace("$", r"\$")


#: longest label drawn before it is cut with an ellipsis
MAX_LABEL = 60


def _plain(value, limit: int = MAX_LABEL) -> str:
    """:func:`_text` with the default label length of the source and network figures."""
    return _text(value, limit)


def _count(n: int, noun: str) -> str:
    """``"1 source"``, ``"3 sources"``: a count with its noun in the right number."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


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
    """Stacked bars of papers per period.

    The table comes from :func:`litkit.counts_by_period` (with or without ``by=``), or from
    :func:`litkit.shares_over_time` for the largest groups and "other". One bar per period, in
    the order of the table; with a group column, one stacked segment per group (colours in the
    order of the table, "other" and "(none)" grey). Incomplete periods (an ``incomplete``
    column) are hatched and named in the legend.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per period (and group): columns ``x``, ``y`` and, optionally, the group column
        and ``incomplete`` (bool).
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new figure).
    hue : str, optional
        The group column (default: the one column that is not a period column such as
        ``period``, ``start``, ``count``, ``share``; none: one bar per period).
    x, y : str
        The period column (shown as text, one tick per period, at most 12 labelled) and the
        count column (summed per period and group).
    xlabel, title : str
        The x-axis label and the title (the y axis says ``"papers"``).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (``ax`` when given): one bar, or one stack of bars, per period.

    See Also
    --------
    shares : Each group's share of the papers per period.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> papers = litkit.read(litkit.data.RESEARCHER_PROFILE)
    >>> counts = litkit.counts_by_period(papers, "year")
    >>> ax = litkit.plots.publications(counts, ax=Figure().subplots())
    >>> len(ax.patches), ax.get_ylabel(), ax.get_title(loc="left")
    (8, 'papers', 'Publications over time')
    >>> [bar.get_hatch() for bar in ax.patches][:2], ax.get_legend().get_texts()[0].get_text()
    (['//', None], 'incomplete period')

    With a group column, one segment per period and group (8 years x 3 groups):

    >>> top = litkit.shares_over_time(papers, "categories", top=2)
    >>> ax = litkit.plots.publications(top, ax=Figure().subplots())
    >>> len(ax.patches), [t.get_text() for t in ax.get_legend().get_texts()]
    (24, ['cs.LG', 'cs.AI', 'other', 'incomplete period'])
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
            bars = ax.bar(pos, pivot[g].to_numpy(), bottom=bottom, color=colors[g], label=_text(g, LEGEND_CHARS),
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
    """Each group's share of the papers per period, as stacked areas or lines.

    The table comes from :func:`litkit.shares_over_time`: stacked areas when the shares of
    every period with papers add up to 1 (one group per paper), lines with markers otherwise
    (a paper in several groups). Groups are drawn in the order of the table ("other" grey);
    incomplete periods are shaded and the title says so.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``period``, ``share``, the group column and, optionally, ``incomplete``.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new figure).
    hue : str, optional
        The group column (default: the one column that is not a period column).
    xlabel, title : str
        The x-axis label and the title (the y axis says ``"share of papers"``).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (``ax`` when given), the share axis from 0 to 1 for stacked areas.

    See Also
    --------
    publications : The counts behind the shares, as stacked bars.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> papers = litkit.read(litkit.data.RESEARCHER_PROFILE)
    >>> top = litkit.shares_over_time(papers, "categories", top=2)
    >>> ax = litkit.plots.shares(top, ax=Figure().subplots())
    >>> ax.get_title(loc="left"), ax.get_ylabel()
    ('Shares over time (shaded: incomplete period)', 'share of papers')
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['other', 'cs.AI', 'cs.LG']
    """
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
        ax.stackplot(x, *[pivot[g].to_numpy() for g in groups], labels=[_text(g, LEGEND_CHARS) for g in groups],
                     colors=[colors[g] for g in groups], alpha=0.9, edgecolor="white", linewidth=0.3)
        ax.set_ylim(0, 1)
    else:
        for i, g in enumerate(groups):
            ax.plot(x, pivot[g].to_numpy(), color=colors[g], marker=_MARKERS[i % len(_MARKERS)],
                    markersize=4, label=_text(g, LEGEND_CHARS))
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
    """Horizontal bars of the most rising and most falling terms with their 95 % intervals.

    The table comes from :func:`litkit.rising_terms`: the ``n`` terms of highest positive ``z``
    (blue, at the top) and the ``n`` of lowest negative ``z`` (vermilion, at the bottom), each a
    bar of its log-odds ratio with an error bar of 1.96 standard errors. Terms with ``z == 0``
    are not shown; an empty table gives empty axes.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``term`` (see ``term``), ``log_odds``, ``se`` and ``z``.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on (default: a new figure, its height growing with ``n``).
    n : int
        How many rising and how many falling terms to show (at most ``2 * n`` bars).
    term : str
        The column of the labels.
    xlabel, title : str
        The x-axis label and the title.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (``ax`` when given): a bar and an error bar per term shown.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> table = pd.DataFrame({"term": ["agents", "diffusion", "kernels", "svm"],
    ...                       "log_odds": [1.2, 0.8, -0.5, -1.1], "se": [0.2, 0.3, 0.2, 0.4],
    ...                       "z": [6.0, 2.7, -2.5, -2.8]})
    >>> ax = litkit.plots.rising_terms(table, n=1, ax=Figure().subplots())
    >>> [t.get_text() for t in ax.get_yticklabels()], len(ax.patches)
    (['agents', 'svm'], 2)
    >>> ax.get_title(loc="left")
    'Rising and falling terms'
    """
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
