"""Trends: publications per period (and group), shares over time (rising terms: :mod:`litkit.terms`).

Every function takes a papers table (``litkit.read``), never modifies it, and returns a tidy
table (one row per period and group, or per term) that :mod:`litkit.plots` draws.

Periods
-------
``freq`` is ``"year"``, ``"quarter"`` or ``"month"``; how papers are placed in periods, and which
periods are incomplete or too thin to trust, is decided in :mod:`litkit.periods` (one home for
every analysis). Papers that cannot be placed are counted in ``result.attrs["undated"]`` and a
warning says how many: they are not in the table, and not silently.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .dask import dispatch, is_dask
from .periods import MIN_PAPERS_PER_PERIOD, check_freq, coverage, effective_dates, period_table
from .periods import incomplete as _incomplete

__all__ = ["counts_by_period", "shares_over_time"]

#: group label for papers with no value in the grouping column
NONE_LABEL = "(none)"
OTHER_LABEL = "other"


def _group_values(papers: pd.DataFrame, by, multi: str) -> tuple[pd.Series, str, bool]:
    """(group value per paper — a list per paper when exploded —, column name, exploded?)."""
    if isinstance(by, pd.Series):
        name = by.name if by.name is not None else "group"
        values = by.reindex(papers.index)
        if not papers.index.equals(by.index) and values.isna().all() and len(by):
            raise ValueError("`by` is a Series whose index does not match the papers table's index; "
                             "align it first (e.g. labels.index = papers.index)")
    elif isinstance(by, str):
        if by not in papers.columns:
            raise ValueError(f"`by`={by!r} is not a column of the papers table "
                             f"(columns: {', '.join(map(str, papers.columns))})")
        name = by
        values = papers[by]
    else:
        raise TypeError(f"`by` must be a column name or a pandas Series, not {type(by).__name__}")
    is_list = values.map(lambda v: isinstance(v, (list, tuple, np.ndarray))).any()
    if is_list:
        if multi not in ("first", "explode"):
            raise ValueError(f"multi must be 'first' or 'explode', not {multi!r}")
        lists = values.map(lambda v: list(v) if isinstance(v, (list, tuple, np.ndarray)) else
                           ([] if v is None or (not isinstance(v, str) and pd.isna(v)) else [v]))
        if multi == "first":
            values = lists.map(lambda v: v[0] if v else NONE_LABEL)
            return values.astype("string"), str(name), False
        return lists.map(lambda v: v if v else [NONE_LABEL]), str(name), True
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        return values, str(name), False
    values = values.astype("string").fillna(NONE_LABEL)
    return values, str(name), False


def counts_by_period(papers: pd.DataFrame, freq: str = "year", by=None, *, multi: str = "first",
                     start=None, end=None, today=None) -> pd.DataFrame:
    """Publications per period, optionally per group, with shares, growth and incomplete periods.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table. Not modified.
    freq : {"year", "quarter", "month"}
        Period length.
    by : str or pandas.Series, optional
        Group papers by a column (``"source"``, ``"venue"``, ``"categories"``...) or by a Series
        aligned with ``papers.index`` (e.g. topic labels, ``TopicModel.labels_``). Missing values
        form the group ``"(none)"`` (numeric labels keep NA), so every paper is counted.
    multi : {"first", "explode"}
        For a list column (``categories``, ``keywords``): ``"first"`` counts each paper once under
        its first value (arXiv's primary category); ``"explode"`` counts it under every value, so
        the counts of a period add up to more than its papers.
    start, end : date-like, optional
        The span your search covered; default: the span of the data (see the module notes).
    today : date-like, optional
        "Now" for the current-period rule; default ``pandas.Timestamp.today()``.

    Returns
    -------
    pandas.DataFrame
        One row per period (and group; every period between the first and the last is present,
        with zeros), sorted by period then group:

        ``period`` (string: ``2025``, ``2025Q1``, ``2025-03``), ``start`` and ``end`` (first and
        last day), the group column (named after ``by``; absent without ``by``), ``count``
        (Int64), ``share`` (Float64: the group's fraction of the period's papers; without
        ``by``, the period's fraction of all dated papers), ``growth`` (Float64: relative change
        of ``count`` from the previous period of the same group, NA after a zero or for the
        first period; it is computed for incomplete periods too, so read it together with the
        flag) and ``incomplete`` (bool, see the module notes).

        ``attrs``: ``freq``, ``by`` (the group column or None), ``papers`` (rows in),
        ``undated`` (papers that could not be placed), ``coverage`` (first, last day).

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> papers = from_records([{"id": f"p{i}", "date": d, "source": s} for i, (d, s) in enumerate(
    ...     [("2020-01-01", "ris"), ("2020-12-31", "bibtex"), ("2021-01-01", "ris"),
    ...      ("2021-06-30", "ris")])])
    >>> t = litkit.counts_by_period(papers, "year", by="source", today="2030-01-01")
    >>> print(t[["period", "source", "count", "share", "incomplete"]].to_string(index=False))
    period source  count  share  incomplete
      2020 bibtex      1    0.5       False
      2020    ris      1    0.5       False
      2021 bibtex      0    0.0        True
      2021    ris      2    1.0        True
    """
    if is_dask(papers):  # a Dask DataFrame: litkit/dask
        return dispatch("counts_by_period", papers, freq, by, multi=multi, start=start, end=end,
                        today=today)
    code = check_freq(freq)
    dates = effective_dates(papers, freq)
    if freq != "year":
        d = dates.dropna()
        if len(d) >= 5 and ((d.dt.month == 1) & (d.dt.day == 1)).all():
            warnings.warn(f"every date is a 1 January: the dates look year-only, so freq={freq!r} "
                          "puts every paper in January; use freq='year'", UserWarning, stacklevel=2)
    periods = dates.dt.to_period(code)
    dated = periods.notna()
    undated = int((~dated).sum())
    if undated:
        warnings.warn(f"{undated} of {len(papers)} paper(s) have no {'year' if freq == 'year' else 'date'} "
                      "and are not counted (see result.attrs['undated'])", UserWarning, stacklevel=2)

    group_name = None
    frame = pd.DataFrame({"_p": periods[dated]})
    exploded = False
    if by is not None:
        values, group_name, exploded = _group_values(papers, by, multi)
        if group_name in ("period", "start", "end", "count", "share", "growth", "incomplete", "_p"):
            group_name = "group"
        frame[group_name] = values[dated]
    first_cov, last_cov = coverage(dates[dated], start, end)
    if frame.empty:
        cols = {"period": pd.Series([], dtype="string"), "start": pd.Series([], dtype="datetime64[ns]"),
                "end": pd.Series([], dtype="datetime64[ns]")}
        if group_name:
            cols[group_name] = pd.Series([], dtype="string")
        cols.update({"count": pd.Series([], dtype="Int64"), "share": pd.Series([], dtype="Float64"),
                     "growth": pd.Series([], dtype="Float64"), "incomplete": pd.Series([], dtype="bool")})
        out = pd.DataFrame(cols)
        out.attrs.update(freq=freq, by=group_name, papers=len(papers), undated=undated,
                         coverage=(first_cov, last_cov), papers_per_period={})
        return out

    all_periods = pd.period_range(frame["_p"].min(), frame["_p"].max(), freq=code)
    # papers per period (before exploding: exploded group counts may add up to more)
    per_total = frame.groupby("_p").size().reindex(all_periods, fill_value=0)
    if group_name is None:
        counts = per_total.rename("count").rename_axis("_p").reset_index()
        counts["share"] = counts["count"] / max(int(per_total.sum()), 1)
        keys = ["_p"]
    else:
        if exploded:
            frame = frame.explode(group_name)
            frame[group_name] = frame[group_name].astype("string")
        g = frame.groupby(["_p", group_name], dropna=False, sort=False).size()
        groups = g.index.get_level_values(1).unique()
        try:
            groups = groups.sort_values(na_position="last")
        except TypeError:
            groups = pd.Index(sorted(groups, key=str))
        full = pd.MultiIndex.from_product([all_periods, groups], names=["_p", group_name])
        counts = g.reindex(full, fill_value=0).rename("count").reset_index()
        denom = counts["_p"].map(per_total).astype("float64")
        counts["share"] = np.where(denom > 0, counts["count"] / denom.where(denom > 0, 1), np.nan)
        keys = ["_p", group_name]
    counts = counts.sort_values(keys, kind="stable").reset_index(drop=True)
    prev = counts.groupby(group_name, dropna=False, sort=False)["count"].shift(1) \
        if group_name else counts["count"].shift(1)
    growth = (counts["count"] - prev) / prev.where(prev > 0)
    p = counts["_p"]
    pstart = p.map(lambda x: x.start_time.normalize())
    pend = p.map(lambda x: x.end_time.normalize())
    flagged = _incomplete(pstart, pend, first_cov, last_cov, today)
    out = pd.DataFrame({"period": p.astype(str).astype("string"),
                        "start": pstart.astype("datetime64[ns]"),
                        "end": pend.astype("datetime64[ns]")})
    if group_name is not None:
        out[group_name] = counts[group_name].values
    out["count"] = counts["count"].astype("Int64")
    out["share"] = pd.array(counts["share"].astype("float64"), dtype="Float64")
    out["growth"] = pd.array(growth.astype("float64"), dtype="Float64")
    out["incomplete"] = flagged
    out.attrs.update(freq=freq, by=group_name, papers=len(papers), undated=undated,
                     coverage=(first_cov, last_cov),
                     papers_per_period={str(k): int(v) for k, v in per_total.items()})
    return out


def shares_over_time(papers: pd.DataFrame, by="categories", freq: str = "year", *, top: int = 8,
                     multi: str = "first", other: str = OTHER_LABEL,
                     min_papers: int = MIN_PAPERS_PER_PERIOD, **kwargs) -> pd.DataFrame:
    """Each group's share of the papers per period: the ``top`` groups, the rest as ``"other"``.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table. Not modified.
    by : str or pandas.Series
        A column (``"categories"`` — the primary, first category by default —, ``"venue"``,
        ``"source"``) or a Series aligned with ``papers`` (topic labels).
    freq : {"year", "quarter", "month"}
    top : int
        Keep the ``top`` groups with the most papers over the whole span; the others are summed
        into one ``other`` group (absent when there is nothing to sum).
    multi : {"first", "explode"}
        See :func:`counts_by_period`. With ``"explode"`` a period's shares add up to more than 1.
    min_papers : int
        A period with fewer papers (or too few next to the typical period, see
        :mod:`litkit.periods`) is ``thin``: its shares jump to 0 or 100 % by chance.
    **kwargs
        ``start``, ``end``, ``today``: passed to :func:`counts_by_period`.

    Returns
    -------
    pandas.DataFrame
        ``period``, ``start``, ``end``, the group column, ``count``, ``share`` (of the period's
        papers), ``incomplete``, ``papers`` (the period's papers) and ``thin`` (bool: not well
        filled; leave such periods out of a figure, or mark them); groups ordered by total
        count, ``other`` last (the order is also in ``attrs["groups"]``).

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> papers = from_records([{"id": f"p{i}", "year": y, "venue": v} for i, (y, v) in enumerate(
    ...     [(2019, "A")] * 2 + [(2020, "A")] * 6 + [(2020, "B")] * 6)])
    >>> s = litkit.shares_over_time(papers, by="venue", today="2030-01-01")
    >>> s.loc[s["thin"], "period"].unique().tolist()        # 2 papers: their 100 % means little
    ['2019']
    """
    if is_dask(papers):  # a Dask DataFrame: litkit/dask
        return dispatch("shares_over_time", papers, by, freq, top=top, multi=multi, other=other,
                        **kwargs)
    if top < 1:
        raise ValueError("top must be at least 1")
    t = counts_by_period(papers, freq, by=by, multi=multi, **kwargs)
    name = t.attrs["by"]
    totals = t.groupby(name, dropna=False, sort=False)["count"].sum()
    order = sorted(totals.index, key=lambda g: (-int(totals[g]), str(g)))
    keep = order[:top]
    lab = t[name].astype(object)
    is_kept = lab.isin(keep)
    groups = list(keep)
    if (~is_kept).any():
        if not all(isinstance(k, str) for k in keep):      # numeric labels (topics): as text
            lab, groups = lab.map(str), [str(k) for k in keep]
        lab = lab.where(is_kept, other)
        groups.append(other)
    work = pd.DataFrame({"period": t["period"], "start": t["start"], "end": t["end"], name: lab,
                         "count": t["count"].astype("int64"), "incomplete": t["incomplete"]})
    agg = work.groupby(["period", "start", "end", name], sort=False, dropna=False) \
        .agg(count=("count", "sum"), incomplete=("incomplete", "first")).reset_index()
    papers_in = pd.Series(t.attrs["papers_per_period"], dtype="float64")
    rank = {g: i for i, g in enumerate(groups)}
    agg["_r"] = agg[name].map(rank)
    agg = agg.sort_values(["start", "_r"], kind="stable").drop(columns="_r").reset_index(drop=True)
    denom = agg["period"].astype(str).map(papers_in).astype("float64")
    out = agg[["period", "start", "end", name]].copy()
    out["count"] = agg["count"].astype("Int64")
    out["share"] = pd.array(np.where(denom > 0, agg["count"] / denom.where(denom > 0, 1), np.nan),
                            dtype="Float64")
    out["incomplete"] = agg["incomplete"].astype(bool)
    out["papers"] = pd.array(denom.fillna(0).astype("int64"), dtype="Int64")
    spans = {k: kwargs[k] for k in ("start", "end", "today") if k in kwargs}
    filled = period_table(papers, freq, min_papers=min_papers, **spans).set_index("period")["well_filled"]
    out["thin"] = ~out["period"].astype(str).map(filled).fillna(False).astype(bool)
    out.attrs.update(t.attrs)
    out.attrs["groups"] = groups
    return out
