"""Trends: publications per period (and group), shares over time, rising and falling terms.

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
from .periods import MIN_PAPERS_PER_PERIOD, check_freq, coverage, effective_dates, period_table, recent_window
from .periods import incomplete as _incomplete

__all__ = ["counts_by_period", "shares_over_time", "rising_terms"]

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


# --- rising and falling terms -------------------------------------------------------------

_TOKEN = r"(?u)\b[^\W\d_][\w\-]*[^\W_]\b"      # words of 2+ characters starting with a letter
TEXT_FIELDS = ("title", "abstract", "title+abstract", "keywords")


def _documents(papers: pd.DataFrame, field: str) -> list:
    if field not in TEXT_FIELDS:
        raise ValueError(f"field must be one of {', '.join(map(repr, TEXT_FIELDS))}, not {field!r}")
    if field == "keywords":
        return [sorted({str(k).strip().lower() for k in v if str(k).strip()})
                if isinstance(v, (list, tuple)) else [] for v in papers["keywords"]]
    if field == "title+abstract":
        return (papers["title"].fillna("").astype(str) + " . "
                + papers["abstract"].fillna("").astype(str)).tolist()
    return papers[field].fillna("").astype(str).tolist()


def _count_matrix(docs: list, field: str, ngram_range, stop_words):
    from sklearn.feature_extraction.text import CountVectorizer
    if field == "keywords":
        cv = CountVectorizer(analyzer=lambda v: v, binary=True, dtype=np.int32)
    else:
        cv = CountVectorizer(ngram_range=ngram_range, stop_words=stop_words, token_pattern=_TOKEN,
                             binary=True, lowercase=True, dtype=np.int32)
    try:
        X = cv.fit_transform(docs)
    except ValueError:                       # empty vocabulary
        return None, np.array([], dtype=object)
    return X.tocsr(), cv.get_feature_names_out()


def _log_odds(y_i, y_j, alpha):
    """Monroe et al. (2008) weighted log-odds ratio with an informative Dirichlet prior."""
    n_i, n_j, a0 = y_i.sum(), y_j.sum(), alpha.sum()
    delta = (np.log((y_i + alpha) / (n_i + a0 - y_i - alpha))
             - np.log((y_j + alpha) / (n_j + a0 - y_j - alpha)))
    se = np.sqrt(1.0 / (y_i + alpha) + 1.0 / (y_j + alpha))
    return delta, se, delta / se


def rising_terms(papers: pd.DataFrame, *, field: str = "title", recent=None, freq: str = "year",
                 by_period: bool = False, ngram_range: tuple[int, int] = (1, 2), min_count: int = 5,
                 prior_scale: float = 0.1, stop_words="english", top: int | None = None,
                 min_papers: int = MIN_PAPERS_PER_PERIOD, today=None) -> pd.DataFrame:
    """Terms and bigrams whose share of papers rises or falls, with a z-score of the change.

    The comparison is the weighted log-odds ratio with an informative Dirichlet prior of
    Monroe, Colaresi & Quinn (2008, "Fightin' Words", eq. 16 and 22): the prior of a term is
    its count in the whole corpus (times ``prior_scale``), which shrinks rare terms towards no
    change, and the z-score (log-odds / its standard error) says how sure the change is — unlike
    raw counts or frequency ratios, which crown the rarest words.

    Counts are of papers: a term counts once per paper that uses it (``binary``), so "share" is
    the fraction of a window's papers that use the term.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table. Not modified.
    field : {"title", "abstract", "title+abstract", "keywords"}
        The text to count. Titles are fast (75k papers in ~3 s); abstracts cost about a minute
        on 75k papers (bigram vocabularies are large). ``"keywords"`` takes each keyword whole.
    recent : date-like, optional
        Papers dated on or after it form the recent window, the earlier ones the reference. By
        default the recent window is the last *complete, well-filled* period at ``freq`` (see
        :func:`litkit.recent_window`): an incomplete current year or a thin tail is left out
        of both sides, and when no such window exists the result is empty and
        ``attrs["skipped"]`` says why.
    freq : {"year", "quarter", "month"}
        Period length for the default ``recent`` and for ``by_period``.
    by_period : bool
        Instead of two windows, compare each period with all other periods (one block of rows
        per period).
    ngram_range : (int, int)
        ``(1, 2)``: words and bigrams (stop words removed first, English by default).
    min_count : int
        Keep terms used by at least this many papers in total (in the compared papers).
    prior_scale : float
        Strength of the prior: the prior count of a term is ``prior_scale`` times its count in the
        compared papers (0.1 by default; 1.0 is the convention of R's tidylo, more conservative).
    stop_words : "english", list or None
        Passed to scikit-learn's ``CountVectorizer``.
    top : int, optional
        Keep only the ``top`` rising and ``top`` falling terms (per period with ``by_period``).
    min_papers : int
        Fewest papers in a period of the default recent window (and in the reference).
    today : date-like, optional
        "Now" for the incomplete-period rule of the default window (default: today).

    Returns
    -------
    pandas.DataFrame
        Two windows: ``term``, ``ngram`` (words in the term), ``count_recent``,
        ``count_earlier`` (papers using it), ``share_recent``, ``share_earlier`` (fractions of
        the window's papers), ``log_odds`` (recent vs earlier), ``se``, ``z``, ``trend``
        (``"rising"``/``"falling"`` where ``|z| >= 1.96``, else ``"stable"``), sorted by ``z``
        descending. ``attrs``: ``recent`` (start of the recent window), ``recent_end`` (its
        last day, None with an explicit ``recent``), ``left_out`` (periods after the window),
        ``papers_recent``, ``papers_earlier``, ``field`` and ``skipped`` ("" when compared, else
        the reason, e.g. on a corpus of one year).

        ``by_period=True``: ``period``, ``term``, ``ngram``, ``count``, ``count_other``,
        ``share``, ``share_other``, ``log_odds`` (the period vs all other periods), ``se``,
        ``z``, ``trend``; sorted by period, then ``z`` descending.

    References
    ----------
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical feature
    selection and evaluation for identifying the content of political conflict. Political
    Analysis, 16(4), 372-403.

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> one_year = from_records([{"id": f"p{i}", "title": "graph networks", "year": 2019}
    ...                          for i in range(30)])
    >>> litkit.rising_terms(one_year).attrs["skipped"]
    'all dated papers fall in one year (2019): there is nothing earlier to compare with'
    """
    code = check_freq(freq)
    if min_count < 1:
        raise ValueError("min_count must be at least 1")
    dates = effective_dates(papers, freq)
    dated = dates.notna().to_numpy()
    docs_all = _documents(papers, field)
    docs = [d for d, ok in zip(docs_all, dated) if ok]
    d = dates[dated]
    X, terms = _count_matrix(docs, field, ngram_range, stop_words)
    if by_period:
        periods = d.dt.to_period(code)
        labels = periods.astype(str).to_numpy()
        blocks = []
        order = sorted(periods.unique())
        for per in order:
            mask = labels == str(per)
            blocks.append(_compare(X, terms, mask, min_count, prior_scale, top,
                                   ("count", "count_other", "share", "share_other"), str(per)))
        out = pd.concat(blocks, ignore_index=True) if blocks else _empty_terms(True)
        out.attrs.update(field=field, freq=freq)
        return out
    recent_end, left_out = None, []
    if recent is None:
        window = recent_window(papers, freq, min_papers=min_papers, today=today)
        if not window.ok:
            out = _empty_terms(False)
            out.attrs.update(field=field, recent=window.start, recent_end=window.end,
                             left_out=window.left_out, papers_recent=window.papers_recent,
                             papers_earlier=window.papers_reference, skipped=window.reason)
            return out
        start, recent_end, left_out = window.start, window.end, window.left_out
        keep = (d <= recent_end).to_numpy()
        X = X[np.flatnonzero(keep)] if X is not None else X
        d = d[keep]
    else:
        start = pd.Timestamp(recent)
    mask = (d >= start).to_numpy()
    if recent is not None and len(d) and (mask.all() or not mask.any()):
        raise ValueError(f"the recent window (from {start.date()}) holds {int(mask.sum())} of "
                         f"{len(d)} dated papers: nothing to compare; choose another `recent`")
    out = _compare(X, terms, mask, min_count, prior_scale, top,
                   ("count_recent", "count_earlier", "share_recent", "share_earlier"), None)
    out.attrs.update(field=field, recent=start, recent_end=recent_end, left_out=left_out,
                     papers_recent=int(mask.sum()), papers_earlier=int((~mask).sum()), skipped="")
    return out


def _empty_terms(by_period: bool, names=("count_recent", "count_earlier", "share_recent",
                                         "share_earlier")) -> pd.DataFrame:
    cols = {}
    if by_period:
        cols["period"] = pd.Series([], dtype="string")
        names = ("count", "count_other", "share", "share_other")
    cols.update({"term": pd.Series([], dtype="string"), "ngram": pd.Series([], dtype="Int64"),
                 names[0]: pd.Series([], dtype="Int64"), names[1]: pd.Series([], dtype="Int64"),
                 names[2]: pd.Series([], dtype="Float64"), names[3]: pd.Series([], dtype="Float64"),
                 "log_odds": pd.Series([], dtype="Float64"), "se": pd.Series([], dtype="Float64"),
                 "z": pd.Series([], dtype="Float64"), "trend": pd.Series([], dtype="string")})
    return pd.DataFrame(cols)


def _compare(X, terms, mask, min_count, prior_scale, top, names, period) -> pd.DataFrame:
    if X is None or X.shape[0] == 0:
        return _empty_terms(period is not None, names)
    y_i = np.asarray(X[mask].sum(axis=0)).ravel().astype("float64")
    y_j = np.asarray(X[~mask].sum(axis=0)).ravel().astype("float64")
    alpha = prior_scale * (y_i + y_j)
    # the prior must be positive for every term in the sums
    alpha = np.where(alpha > 0, alpha, 1e-9)
    delta, se, z = _log_odds(y_i, y_j, alpha)
    keep = (y_i + y_j) >= min_count
    idx = np.flatnonzero(keep)
    if top is not None:
        zk = z[idx]
        o = np.argsort(-zk, kind="stable")
        sel = np.concatenate([o[:top], o[::-1][:top]])
        sel = np.unique(sel)
        idx = idx[sel]
    n_i, n_j = int(mask.sum()), int((~mask).sum())
    t = terms[idx]
    out = pd.DataFrame({
        "term": pd.array(t, dtype="string"),
        "ngram": pd.array([s.count(" ") + 1 for s in t], dtype="Int64"),
        names[0]: pd.array(y_i[idx].astype("int64"), dtype="Int64"),
        names[1]: pd.array(y_j[idx].astype("int64"), dtype="Int64"),
        names[2]: pd.array(y_i[idx] / n_i if n_i else np.full(len(idx), np.nan), dtype="Float64"),
        names[3]: pd.array(y_j[idx] / n_j if n_j else np.full(len(idx), np.nan), dtype="Float64"),
        "log_odds": pd.array(delta[idx], dtype="Float64"),
        "se": pd.array(se[idx], dtype="Float64"),
        "z": pd.array(z[idx], dtype="Float64"),
    })
    zz = z[idx]
    out["trend"] = pd.array(np.where(zz >= 1.96, "rising", np.where(zz <= -1.96, "falling", "stable")),
                            dtype="string")
    out = out.iloc[np.lexsort((out["term"].to_numpy(dtype=object), -zz))].reset_index(drop=True)
    if period is not None:
        out.insert(0, "period", pd.array([period] * len(out), dtype="string"))
    return out
