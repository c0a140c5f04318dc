"""Rising and falling terms: which words' share of papers changes between a recent window and before.

The comparison is the weighted log-odds ratio with an informative Dirichlet prior of Monroe,
Colaresi & Quinn (2008); the recent window comes from :func:`litkit.recent_window` (the last
complete, well-filled period), so an incomplete current year is never compared with the past.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .periods import MIN_PAPERS_PER_PERIOD, check_freq, effective_dates, recent_window

__all__ = ["rising_terms", "TEXT_FIELDS"]

#: a term is "rising"/"falling" when its z-score is beyond this (two-sided 95 %)
Z95 = 1.96

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
    out["trend"] = pd.array(np.where(zz >= Z95, "rising", np.where(zz <= -Z95, "falling", "stable")),
                            dtype="string")
    out = out.iloc[np.lexsort((out["term"].to_numpy(dtype=object), -zz))].reset_index(drop=True)
    if period is not None:
        out.insert(0, "period", pd.array([period] * len(out), dtype="string"))
    return out
