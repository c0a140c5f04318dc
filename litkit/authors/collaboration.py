"""Collaboration, affiliations and authors' topics."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._long import _display_names, _labels_per_row, _long

__all__ = ["authors_per_paper", "collaboration_stats", "affiliation_counts", "author_topic_profiles"]

# --- collaboration ---------------------------------------------------------------------------

def _n_authors(papers: pd.DataFrame) -> np.ndarray:
    return papers["authors"].map(lambda v: len(v) if isinstance(v, (list, tuple)) else 0).to_numpy()


def authors_per_paper(papers: pd.DataFrame) -> pd.DataFrame:
    """The distribution of authors per paper (as listed; truncated lists count what is shown).

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table (its ``authors`` and, when present, ``authors_truncated`` columns). Not
        modified.

    Returns
    -------
    pandas.DataFrame
        ``n_authors``, ``papers``, ``share``, ``cumulative_share``, ``truncated`` (papers with
        that many authors shown whose list was cut), one row per observed ``n_authors``
        (papers without authors are the row ``0``).

    See Also
    --------
    litkit.plots.authors_per_paper : Bars of this table.

    Examples
    --------
    >>> t = litkit.schema.from_records([{"id": "a", "authors": ["Ann Lee"]},
    ...                                 {"id": "b", "authors": ["Ann Lee", "Bo Chen"]},
    ...                                 {"id": "c", "authors": []}])
    >>> litkit.authors_per_paper(t)[["n_authors", "papers", "truncated"]]
       n_authors  papers  truncated
    0          0       1          0
    1          1       1          0
    2          2       1          0
    """
    n = _n_authors(papers)
    tr = papers["authors_truncated"].to_numpy(dtype=bool) if "authors_truncated" in papers \
        else np.zeros(len(papers), bool)
    t = pd.DataFrame({"n": n, "t": tr}).groupby("n").agg(papers=("t", "size"), truncated=("t", "sum"))
    total = max(len(papers), 1)
    return pd.DataFrame({
        "n_authors": pd.array(t.index.to_numpy(), dtype="Int64"),
        "papers": pd.array(t["papers"].to_numpy(), dtype="Int64"),
        "share": pd.array(t["papers"].to_numpy() / total, dtype="Float64"),
        "cumulative_share": pd.array(np.cumsum(t["papers"].to_numpy()) / total, dtype="Float64"),
        "truncated": pd.array(t["truncated"].to_numpy().astype("int64"), dtype="Int64"),
    })


def collaboration_stats(papers: pd.DataFrame, freq: str | None = None) -> pd.DataFrame:
    """Collaboration measures, overall or per period.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table. Not modified.
    freq : {None, "year", "quarter", "month"}
        ``None``: one row for the whole table; else one row per period (see
        :func:`litkit.counts_by_period`; papers that cannot be placed are left out and counted
        in ``attrs["undated"]``).

    Returns
    -------
    pandas.DataFrame
        ``period`` (``"all"`` without ``freq``), ``papers``, ``authorships`` (author slots),
        ``mean_authors``, ``median_authors``, ``max_authors``, ``single_author`` (papers),
        ``multi_author_share`` (multi-author papers / papers with authors: Subramanyam's 1983
        degree of collaboration), ``collaboration_index`` (authors per multi-author paper:
        authorships of multi-author papers / multi-author papers, Elango & Rajendran 2012) and
        ``truncated_papers`` (lists cut by the source: the numbers above are lower bounds for
        them). Papers without authors count in ``papers`` only. A truncated list counts as a
        multi-author paper even when it shows one name ("A et al."). ``attrs``: ``undated``,
        ``freq``.

    See Also
    --------
    authors_per_paper : The whole distribution of the number of authors.

    Examples
    --------
    >>> papers = litkit.read(litkit.data.RESEARCHER_PROFILE)
    >>> litkit.collaboration_stats(papers)[["period", "papers", "authorships", "truncated_papers"]]
      period  papers  authorships  truncated_papers
    0    all      19           57                19
    >>> per_year = litkit.collaboration_stats(papers, "year")
    >>> per_year["period"].tolist()[:3], int(per_year["papers"].sum()), per_year.attrs["undated"]
    (['2018', '2019', '2020'], 19, 0)
    """
    n = _n_authors(papers)
    tr = papers["authors_truncated"].to_numpy(dtype=bool) if "authors_truncated" in papers \
        else np.zeros(len(papers), bool)
    undated = 0
    if freq is None:
        period = pd.Series("all", index=range(len(papers)), dtype="string")
    else:
        from ..periods import period_of
        period = period_of(papers, freq).reset_index(drop=True)
        undated = int(period.isna().sum())
        period = period.astype(str).where(period.notna(), None).astype("string")
    # single author: one author on a complete list ("A et al." is not single-authored)
    multi = (n >= 2) | ((n == 1) & tr)
    df = pd.DataFrame({"period": period, "n": n, "has": n > 0, "multi": multi,
                       "multi_n": np.where(multi, n, 0), "single": (n == 1) & ~tr, "tr": tr})
    df = df[df["period"].notna()]
    withauth = df[df["has"]]
    g = df.groupby("period", sort=True)
    ga = withauth.groupby("period", sort=True)["n"]
    out = pd.DataFrame({
        "papers": g.size(),
        "authorships": g["n"].sum(),
        "mean_authors": ga.mean(),
        "median_authors": ga.median(),
        "max_authors": g["n"].max(),
        "single_author": g["single"].sum(),
        "multi": g["multi"].sum(),
        "multi_n": g["multi_n"].sum(),
        "with_authors": g["has"].sum(),
        "truncated_papers": g["tr"].sum(),
    })
    res = pd.DataFrame({
        "period": pd.array(out.index.astype(str), dtype="string"),
        "papers": pd.array(out["papers"].to_numpy(), dtype="Int64"),
        "authorships": pd.array(out["authorships"].to_numpy(), dtype="Int64"),
        "mean_authors": pd.array(out["mean_authors"].to_numpy(dtype="float64"), dtype="Float64"),
        "median_authors": pd.array(out["median_authors"].to_numpy(dtype="float64"), dtype="Float64"),
        "max_authors": pd.array(out["max_authors"].to_numpy(), dtype="Int64"),
        "single_author": pd.array(out["single_author"].to_numpy().astype("int64"), dtype="Int64"),
        "multi_author_share": pd.array(out["multi"].to_numpy() / out["with_authors"].where(
            out["with_authors"] > 0).to_numpy(dtype="float64"), dtype="Float64"),
        "collaboration_index": pd.array(out["multi_n"].to_numpy() / out["multi"].where(
            out["multi"] > 0).to_numpy(dtype="float64"), dtype="Float64"),
        "truncated_papers": pd.array(out["truncated_papers"].to_numpy().astype("int64"), dtype="Int64"),
    })
    res.attrs.update(undated=undated, freq=freq)
    return res


# --- affiliations and topics -----------------------------------------------------------------

def affiliation_counts(papers: pd.DataFrame, *, top: int | None = None) -> pd.DataFrame:
    """Papers per affiliation (the ``affiliations`` column) and per organisation tag
    (``extra["orgs"]``, as the researcher-profile listing gives them).

    Names are compared after collapsing white space and case (the most frequent spelling is
    shown); a paper counts once per name.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table (its ``affiliations`` and ``extra`` columns, when present). Not modified.
    top : int, optional
        Keep the ``top`` first names of each kind (default: all).

    Returns
    -------
    pandas.DataFrame
        ``kind`` (``"affiliation"`` or ``"org"``), ``name``, ``papers``, ``share`` (of all
        papers), sorted by kind, papers (descending) and name; ``top`` keeps the first ``top``
        of each kind. ``attrs["papers_with"]``: papers with at least one name, per kind. A
        table without any name gives an empty table with these columns.

    Examples
    --------
    >>> papers = litkit.read(litkit.data.RESEARCHER_PROFILE)
    >>> orgs = litkit.affiliation_counts(papers, top=2)
    >>> orgs[["kind", "name", "papers"]]
      kind      name  papers
    0  org    oxford       3
    1  org  deepmind       2
    >>> orgs.attrs["papers_with"]
    {'affiliation': 0, 'org': 7}

    Spellings that differ only in case and spaces are one name, counted once per paper:

    >>> t = litkit.schema.from_records([{"id": "a", "affiliations": ["MIT", "mit "]},
    ...                                 {"id": "b", "affiliations": ["MIT"]}])
    >>> litkit.affiliation_counts(t)[["kind", "name", "papers"]].values.tolist()
    [['affiliation', 'MIT', 2]]
    """
    rows_k, rows_r, rows_n = [], [], []
    affs = papers["affiliations"].tolist() if "affiliations" in papers else [[]] * len(papers)
    extra = papers["extra"].tolist() if "extra" in papers else [{}] * len(papers)
    for r, (al, ex) in enumerate(zip(affs, extra)):
        if isinstance(al, (list, tuple)):
            for a in al:
                if isinstance(a, str) and a.strip():
                    rows_k.append("affiliation"); rows_r.append(r); rows_n.append(" ".join(a.split()))
        orgs = ex.get("orgs") if isinstance(ex, dict) else None
        if isinstance(orgs, (list, tuple)):
            for o in orgs:
                if isinstance(o, str) and o.strip():
                    rows_k.append("org"); rows_r.append(r); rows_n.append(" ".join(o.split()))
    cols = {"kind": pd.Series([], dtype="string"), "name": pd.Series([], dtype="string"),
            "papers": pd.Series([], dtype="Int64"), "share": pd.Series([], dtype="Float64")}
    if not rows_k:
        out = pd.DataFrame(cols)
        out.attrs["papers_with"] = {"affiliation": 0, "org": 0}
        return out
    t = pd.DataFrame({"kind": rows_k, "row": rows_r, "name": rows_n})
    t["norm"] = t["name"].str.casefold()
    shown = t.groupby(["kind", "norm", "name"]).size().rename("n").reset_index() \
        .sort_values(["kind", "norm", "n", "name"], ascending=[True, True, False, True], kind="stable") \
        .drop_duplicates(["kind", "norm"]).set_index(["kind", "norm"])["name"]
    c = t.drop_duplicates(["kind", "row", "norm"]).groupby(["kind", "norm"]).size().rename("papers")
    c = c.reset_index()
    c["name"] = [shown[(k, n)] for k, n in zip(c["kind"], c["norm"])]
    c = c.sort_values(["kind", "papers", "name"], ascending=[True, False, True], kind="stable")
    if top is not None:
        c = c.groupby("kind", sort=False).head(top)
    out = pd.DataFrame({"kind": pd.array(c["kind"].to_numpy(), dtype="string"),
                        "name": pd.array(c["name"].to_numpy(), dtype="string"),
                        "papers": pd.array(c["papers"].to_numpy(), dtype="Int64"),
                        "share": pd.array(c["papers"].to_numpy() / max(len(papers), 1), dtype="Float64")})
    out.attrs["papers_with"] = {k: int(t[t["kind"] == k]["row"].nunique()) for k in ("affiliation", "org")}
    return out


def author_topic_profiles(papers: pd.DataFrame, labels, *, min_papers: int = 1, authorships=None,
                          aliases=None) -> pd.DataFrame:
    """How each author's papers spread over topics (or any per-paper label).

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table. Not modified.
    labels : pandas.Series
        A label per paper aligned with ``papers.index`` (``TopicModel.labels_``, a category...).
        Papers whose label is missing are left out of the profile.
    min_papers : int
        Keep authors with at least this many labelled papers.
    authorships, aliases : pandas.DataFrame or dict, optional
        See :func:`author_stats`.

    Returns
    -------
    pandas.DataFrame
        ``key``, ``name``, ``topic``, ``papers`` (the author's papers with that label),
        ``share`` (of the author's labelled papers), ``author_papers``; sorted by
        ``author_papers`` (descending), key, then ``papers`` (descending) and topic.

    See Also
    --------
    author_stats : One row per author, with the main topic only.

    Examples
    --------
    >>> papers = litkit.read(litkit.data.RESEARCHER_PROFILE)
    >>> first_category = papers["categories"].str[0]
    >>> profiles = litkit.author_topic_profiles(papers, first_category, min_papers=3)
    >>> profiles[["name", "topic", "papers", "author_papers"]]
                   name  topic  papers  author_papers
    0  Feryal Behbahani  cs.LG       5              8
    1  Feryal Behbahani  cs.AI       3              8
    """
    L = _long(papers, authorships, aliases)
    lab = _labels_per_row(papers, labels).to_numpy(dtype=object)[L["row"].to_numpy()]
    T = pd.DataFrame({"key": L["key"].to_numpy(dtype=object), "topic": lab})
    T = T[pd.notna(T["topic"])]
    if pd.api.types.is_numeric_dtype(pd.Series(labels).dtype):
        T["topic"] = T["topic"].astype(pd.Series(labels).dtype)
    c = T.groupby(["key", "topic"]).size().rename("papers").reset_index()
    tot = c.groupby("key")["papers"].transform("sum")
    c["author_papers"] = tot
    c = c[c["author_papers"] >= min_papers]
    c["share"] = c["papers"] / c["author_papers"]
    c = c.sort_values(["author_papers", "key", "papers", "topic"], ascending=[False, True, False, True],
                      kind="stable")
    kc, keys = pd.factorize(L["key"], sort=True)
    names = pd.Series(_display_names(L, kc, len(keys)), index=keys)
    return pd.DataFrame({
        "key": pd.array(c["key"].to_numpy(dtype=object), dtype="string"),
        "name": pd.array(c["key"].map(names).to_numpy(dtype=object), dtype="string"),
        "topic": c["topic"].to_numpy(),
        "papers": pd.array(c["papers"].to_numpy(), dtype="Int64"),
        "share": pd.array(c["share"].to_numpy(dtype="float64"), dtype="Float64"),
        "author_papers": pd.array(c["author_papers"].to_numpy(), dtype="Int64"),
    })
