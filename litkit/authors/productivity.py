"""Productivity: papers per author and Lotka's law."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..dask import dispatch, is_dask
from ._long import _cooccurrence, _display_names, _labels_per_row, _long

__all__ = ["author_stats", "lotka"]

# --- productivity ----------------------------------------------------------------------------

def author_stats(papers: pd.DataFrame, labels=None, *, authorships=None, aliases=None) -> pd.DataFrame:
    """One row per author (person key): papers, first/last-author papers, years, co-authors.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table. Not modified.
    labels : pandas.Series, optional
        A label per paper aligned with ``papers.index`` (e.g. ``TopicModel.labels_``); adds the
        topic columns.
    authorships : pandas.DataFrame, optional
        A table from :func:`litkit.authorships` for these papers (built when not given).
    aliases : dict or pandas.DataFrame, optional
        Passed to :func:`litkit.authorships` when it is built here.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``papers`` (descending) then ``key``:

        ``key``; ``name`` (the display name used most); ``papers``; ``first_author``;
        ``last_author`` (last of two or more authors on a complete list); ``solo``
        (single-author papers, counted in neither of the two before); ``first_year``,
        ``last_year``; ``coauthors`` (distinct co-author keys); ``truncated_papers`` (papers
        whose author list was cut: the author's counts and co-authors are lower bounds there);
        ``ambiguous`` (some rows of the key could be another person with the same surname and
        initial, see :func:`litkit.authorships`). With ``labels``: ``topics`` (distinct labels),
        ``main_topic`` (the most frequent; ties to the smallest) and ``main_topic_papers``.

    Raises
    ------
    ValueError
        When both ``authorships`` and ``aliases`` are given, or ``authorships`` lacks the
        columns of :func:`litkit.authorships`, names papers that are not in ``papers``, or does
        not follow ``papers`` row by row while paper ids repeat.

    See Also
    --------
    litkit.plots.top_authors : Bars of the first rows of this table.
    author_topic_profiles : Every label of each author, not only the main one.

    Notes
    -----
    Full counting: every author of a paper is credited with the paper, whatever the length of
    the list (no paper is dropped for having many authors).

    Examples
    --------
    >>> papers = litkit.read(litkit.data.RESEARCHER_PROFILE)
    >>> stats = litkit.author_stats(papers)
    >>> stats[["name", "papers", "first_author", "coauthors", "truncated_papers"]].head(2)
                   name  papers  first_author  coauthors  truncated_papers
    0  Feryal Behbahani       8             1         15                 8
    1   Rishabh Agarwal       2             1          4                 2

    That listing cuts every author list after three names, so these counts are lower bounds.
    With a label per paper (here its first arXiv category):

    >>> by_category = litkit.author_stats(papers, papers["categories"].str[0])
    >>> by_category[["name", "topics", "main_topic", "main_topic_papers"]].head(1)
                   name  topics main_topic  main_topic_papers
    0  Feryal Behbahani       2      cs.LG                  5
    """
    if is_dask(papers):  # a Dask DataFrame: litkit/dask
        return dispatch("author_stats", papers, labels, authorships=authorships, aliases=aliases)
    L = _long(papers, authorships, aliases)
    kcode, keys = pd.factorize(L["key"], sort=True)
    K = len(keys)
    n = L["n_authors"].to_numpy()
    trunc = L["truncated"].to_numpy()
    first = L["position"].to_numpy() == 1
    last = (L["position"].to_numpy() == n) & (n >= 2) & ~trunc
    solo = (n == 1) & ~trunc
    cnt = lambda w: np.bincount(kcode, weights=w.astype("float64"), minlength=K).astype("int64")  # noqa: E731
    C, _ = _cooccurrence(L, kcode, K)
    coauthors = np.diff(C.indptr) - (C.diagonal() > 0)          # distinct co-authors
    yrs = pd.DataFrame({"k": kcode, "y": L["year"].to_numpy()}).groupby("k")["y"].agg(["min", "max"]) \
        .reindex(range(K))
    amb = np.bincount(kcode, weights=L["ambiguous"].to_numpy().astype(float), minlength=K) > 0
    tp = cnt(trunc)
    out = pd.DataFrame({
        "key": pd.array(keys.astype(str), dtype="string"),
        "name": pd.array(_display_names(L, kcode, K), dtype="string"),
        "papers": pd.array(np.bincount(kcode, minlength=K), dtype="Int64"),
        "first_author": pd.array(cnt(first & ~solo), dtype="Int64"),
        "last_author": pd.array(cnt(last), dtype="Int64"),
        "solo": pd.array(cnt(solo), dtype="Int64"),
        "first_year": pd.array(yrs["min"].round().astype("Int64"), dtype="Int64"),
        "last_year": pd.array(yrs["max"].round().astype("Int64"), dtype="Int64"),
        "coauthors": pd.array(coauthors, dtype="Int64"),
        "truncated_papers": pd.array(tp, dtype="Int64"),
        "ambiguous": amb,
    })
    if labels is not None:
        lab = _labels_per_row(papers, labels).to_numpy(dtype=object)[L["row"].to_numpy()]
        T = pd.DataFrame({"k": kcode, "t": lab})
        T = T[pd.notna(T["t"])]
        c = T.groupby(["k", "t"]).size().rename("n").reset_index()
        try:
            c = c.sort_values(["k", "n", "t"], ascending=[True, False, True], kind="stable")
        except TypeError:
            c["_s"] = c["t"].map(str)
            c = c.sort_values(["k", "n", "_s"], ascending=[True, False, True], kind="stable")
        top = c.drop_duplicates("k").set_index("k")
        out["topics"] = pd.array(c.groupby("k").size().reindex(range(K), fill_value=0), dtype="Int64")
        main = top["t"].reindex(range(K))
        out["main_topic"] = main.to_numpy() if pd.api.types.is_numeric_dtype(c["t"]) and not main.isna().any() \
            else main.astype(object).to_numpy()
        out["main_topic_papers"] = pd.array(top["n"].reindex(range(K), fill_value=0), dtype="Int64")
    out = out.sort_values(["papers", "key"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out.attrs.update(papers=len(papers), authorships=len(L),
                     truncated_papers=int(papers["authors_truncated"].sum()) if "authors_truncated" in papers else 0)
    return out


def lotka(papers: pd.DataFrame, *, method: str = "mle", authorships=None, aliases=None) -> pd.DataFrame:
    """Lotka's law: how many authors wrote n papers, observed and fitted ``C / n**exponent``.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table. Not modified.
    method : {"mle", "ls"}
        ``"mle"`` (default): maximum likelihood for a discrete power law with ``n >= 1``
        (Clauset, Shalizi & Newman 2009, eq. 3.5: the exponent that maximises
        ``-N log zeta(a) - a sum(log n_i)``); the expected counts are ``N n**-a / zeta(a)``.
        ``"ls"``: least squares of ``log(authors)`` on ``log(n)`` over the observed ``n`` (the
        classic fit, as bibliometrix does); expected counts ``exp(intercept) n**-a``. Least
        squares on a log-log histogram is biased by the sparse tail; prefer ``"mle"``.
    authorships, aliases : pandas.DataFrame or dict, optional
        See :func:`author_stats`.

    Returns
    -------
    pandas.DataFrame
        One row per observed number of papers: ``papers`` (n), ``authors`` (authors with n
        papers), ``share`` (of all authors), ``expected`` (authors the fit predicts),
        ``expected_share``, ``exponent`` (the fitted exponent, on every row).
        ``attrs``: ``exponent``, ``method``, ``authors`` (N), ``C`` (expected share of
        single-paper authors), ``ks`` (largest gap between the observed and fitted
        cumulative shares), ``truncated_papers``.

        With fewer than two productivity levels there is nothing to fit: ``exponent`` is NA
        and ``expected`` repeats the observed counts.

    Raises
    ------
    ValueError
        For a ``method`` other than ``"mle"`` or ``"ls"``.

    See Also
    --------
    litkit.plots.lotka : The observed and fitted counts on log-log axes.

    Examples
    --------
    >>> fit = litkit.lotka(litkit.read(litkit.data.RESEARCHER_PROFILE))
    >>> fit[["papers", "authors"]]
       papers  authors
    0       1       37
    1       2        6
    2       8        1
    >>> fit.attrs["method"], fit.attrs["authors"], round(fit.attrs["exponent"], 1)
    ('mle', 44, 3.1)
    """
    from scipy import optimize, special
    if method not in ("mle", "ls"):
        raise ValueError(f"method must be 'mle' or 'ls', not {method!r}")
    L = _long(papers, authorships, aliases)
    per_author = L.groupby("key").size()
    hist = per_author.value_counts().sort_index()
    x = hist.index.to_numpy(dtype="float64")
    f = hist.to_numpy(dtype="float64")
    N = float(f.sum())
    exponent = C = np.nan
    expected = np.full(len(x), np.nan)
    if N > 0 and len(x) >= 2:
        if method == "ls":
            slope, intercept = np.polyfit(np.log(x), np.log(f), 1)
            exponent = -slope
            expected = np.exp(intercept) * x ** slope
            C = float(np.exp(intercept) / N)
        else:
            slog = float((f * np.log(x)).sum())
            nll = lambda a: N * np.log(special.zeta(a, 1)) + a * slog  # noqa: E731
            res = optimize.minimize_scalar(nll, bounds=(1.0001, 20.0), method="bounded",
                                           options={"xatol": 1e-10})
            exponent = float(res.x)
            C = float(1.0 / special.zeta(exponent, 1))
            expected = N * C * x ** -exponent
    elif N > 0:
        # every author has the same number of papers: no slope to fit
        expected = f.copy()
    share = f / N if N else f
    out = pd.DataFrame({
        "papers": pd.array(x.astype("int64"), dtype="Int64"),
        "authors": pd.array(f.astype("int64"), dtype="Int64"),
        "share": pd.array(share, dtype="Float64"),
        "expected": pd.array(expected, dtype="Float64"),
        "expected_share": pd.array(expected / N if N else expected, dtype="Float64"),
        "exponent": pd.array(np.full(len(x), exponent), dtype="Float64"),
    })
    ks = float(np.nanmax(np.abs(np.cumsum(share) - np.cumsum(expected / N)))) if N and len(x) >= 2 else np.nan
    out.attrs.update(exponent=float(exponent), method=method, authors=int(N), C=C, ks=ks,
                     truncated_papers=int(papers["authors_truncated"].sum()) if "authors_truncated" in papers else 0)
    return out
