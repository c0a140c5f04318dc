"""Citations: most cited documents, citations by year, impact (h, g, m) of authors, sources and
countries."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._common import long_table, reference_year

#: the groupings :func:`impact` knows, and the name of their column in its result
IMPACT_BY = {"author": "author", "venue": "venue", "country": "country"}


def _cited(papers: pd.DataFrame) -> pd.DataFrame:
    return papers[papers["citations"].notna()]


def most_cited(papers: pd.DataFrame, n: int | None = 20, *, as_of: int | None = None) -> pd.DataFrame:
    """The most cited documents (global citations: the counts the export gives).

    Parameters
    ----------
    papers : DataFrame
        A papers table.
    n : int or None
        How many rows (None: all papers with a citation count).
    as_of : int, optional
        The year citations per year are counted to (default: the corpus' latest year, so the
        result is the same on any day).

    Returns
    -------
    DataFrame
        ``id``, ``label`` (first author and year), ``title``, ``year``, ``venue``, ``citations``,
        ``citations_per_year`` (citations / (as_of - year + 1)) and ``normalized_citations``
        (citations over the mean of the papers of the same year; NA where that mean is 0).
        Most cited first, ties by id. Empty when the corpus has no citation counts.

    Examples
    --------
    >>> import pandas as pd, litkit
    >>> from litkit.schema import from_records
    >>> t = from_records([{"id": "a", "year": 2020, "citations": 10},
    ...                   {"id": "b", "year": 2020, "citations": 2},
    ...                   {"id": "c", "year": 2022, "citations": 3}])
    >>> litkit.most_cited(t)[["id", "citations", "citations_per_year", "normalized_citations"]]
      id  citations  citations_per_year  normalized_citations
    0  a         10                3.33                  1.67
    1  c          3                 3.0                   1.0
    2  b          2                0.67                  0.33
    """
    from ._common import labelled_ids
    cited = _cited(papers)
    ref = reference_year(papers, as_of)
    c = cited["citations"].astype("Float64")
    age = (ref - cited["year"]).astype("Float64") + 1 if ref is not None else c * np.nan
    per_year = (c / age.where(age > 0)).round(2)
    year_mean = c.groupby(cited["year"]).transform("mean")
    norm = (c / year_mean.where(year_mean > 0)).round(2)
    out = pd.DataFrame({
        "id": cited["id"], "label": labelled_ids(cited), "title": cited["title"],
        "year": cited["year"], "venue": cited["venue"], "citations": cited["citations"],
        "citations_per_year": per_year, "normalized_citations": norm,
    }).sort_values(["citations", "id"], ascending=[False, True], kind="stable")
    out = out.reset_index(drop=True)
    return out if n is None else out.head(n)


def citations_by_year(papers: pd.DataFrame, *, as_of: int | None = None) -> pd.DataFrame:
    """Citations of the papers of each publication year (bibliometrix' "average citations per year").

    Parameters
    ----------
    papers : DataFrame
        A papers table.
    as_of : int, optional
        The year citable years are counted to (default: the corpus' latest year).

    Returns
    -------
    DataFrame
        ``year``, ``papers`` (with a citation count), ``citations`` (total),
        ``mean_citations`` (per paper), ``citable_years`` (as_of - year + 1) and
        ``mean_citations_per_year`` (mean_citations / citable_years), one row per year.

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> t = from_records([{"id": "a", "year": 2020, "citations": 10},
    ...                   {"id": "b", "year": 2020, "citations": 2},
    ...                   {"id": "c", "year": 2022, "citations": 3}])
    >>> litkit.citations_by_year(t)[["year", "papers", "citations", "citable_years",
    ...                               "mean_citations_per_year"]]
       year  papers  citations  citable_years  mean_citations_per_year
    0  2020       2         12              3                      2.0
    1  2022       1          3              1                      3.0
    """
    cited = _cited(papers)
    cited = cited[cited["year"].notna()]
    ref = reference_year(papers, as_of)
    g = cited.groupby("year")["citations"]
    out = pd.DataFrame({"papers": g.size(), "citations": g.sum()}).reset_index()
    out["year"] = out["year"].astype("Int64")
    out["papers"] = out["papers"].astype("Int64")
    out["citations"] = out["citations"].astype("Int64")
    out["mean_citations"] = (out["citations"] / out["papers"]).astype("Float64").round(2)
    out["citable_years"] = (ref - out["year"] + 1).astype("Int64") if len(out) else \
        pd.array([], dtype="Int64")
    out["mean_citations_per_year"] = (out["mean_citations"]
                                      / out["citable_years"].where(out["citable_years"] > 0)
                                      ).astype("Float64").round(2)
    return out


def _groups(papers: pd.DataFrame, by: str) -> pd.DataFrame:
    """One row per (row position, group key, display name)."""
    if by == "venue":
        from .sources import venue_rows
        return venue_rows(papers)
    if by == "country":
        from .countries import paper_countries
        L = long_table(paper_countries(papers), key=str)
        return L.assign(name=L["key"])
    from ..names import author_key
    cache: dict = {}
    rows, keys, names = [], [], []
    for i, cell in enumerate(papers["authors"].tolist()):
        seen = set()
        for name in cell:
            k = cache.get(name)
            if k is None:
                k = cache[name] = author_key(name) or ""
            if k and k not in seen:
                seen.add(k)
                rows.append(i)
                keys.append(k)
                names.append(name)
    return pd.DataFrame({"row": np.asarray(rows, dtype=np.int64), "key": keys, "name": names})


def impact(papers: pd.DataFrame, by: str = "author", *, min_papers: int = 1,
           as_of: int | None = None) -> pd.DataFrame:
    """Production and impact of each author, source or country: papers, citations, h, g, m.

    Parameters
    ----------
    papers : DataFrame
        A papers table.
    by : {"author", "venue", "country"}
        Authors are matched by :func:`litkit.author_key` (shown under their most frequent
        spelling), sources by their name in upper case, countries as
        :func:`litkit.paper_countries` finds them.
    min_papers : int
        Keep groups with at least this many papers.
    as_of : int, optional
        The year the m-index counts to (default: the corpus' latest year).

    Returns
    -------
    DataFrame
        ``author`` / ``venue`` / ``country``, ``papers``, ``citations`` (sum), ``h_index``,
        ``g_index`` (at most ``papers``), ``m_index`` (h / (as_of - first_year + 1), rounded to
        3 places) and ``first_year``; by h, then citations, then name. Papers without a
        citation count are counted in ``papers`` and add no citations. Empty when the corpus has
        no citation counts.

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> t = from_records([{"id": str(i), "venue": "J", "year": 2018 + i, "citations": c}
    ...                   for i, c in enumerate([10, 8, 5, 4, 3])])
    >>> litkit.impact(t, by="venue")
      venue  papers  citations  h_index  g_index  m_index  first_year
    0     J       5         30        4        5      0.8        2018
    """
    if by not in IMPACT_BY:
        raise ValueError(f"by must be one of {sorted(IMPACT_BY)}, not {by!r}")
    col = IMPACT_BY[by]
    empty = pd.DataFrame({col: pd.Series([], dtype="string"), "papers": pd.Series([], dtype="Int64"),
                          "citations": pd.Series([], dtype="Int64"),
                          "h_index": pd.Series([], dtype="Int64"), "g_index": pd.Series([], dtype="Int64"),
                          "m_index": pd.Series([], dtype="Float64"),
                          "first_year": pd.Series([], dtype="Int64")})
    if len(papers) == 0 or not papers["citations"].notna().any():
        return empty
    G = _groups(papers, by)
    if len(G) == 0:
        return empty
    cit = papers["citations"].astype("Float64").fillna(0).to_numpy(dtype=float)
    year = papers["year"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    G = G.assign(c=cit[G["row"].to_numpy()], y=year[G["row"].to_numpy()])
    G = G.sort_values(["key", "c"], ascending=[True, False], kind="stable")
    G["rank"] = G.groupby("key").cumcount() + 1
    G["cum"] = G.groupby("key")["c"].cumsum()
    G["h_ok"] = G["c"] >= G["rank"]
    G["g_ok"] = np.where(G["cum"] >= G["rank"] ** 2, G["rank"], 0)
    agg = G.groupby("key").agg(papers=("row", "size"), citations=("c", "sum"), h_index=("h_ok", "sum"),
                               g_index=("g_ok", "max"), first_year=("y", "min"))
    names = G.groupby(["key", "name"]).size().rename("n").reset_index() \
        .sort_values(["key", "n", "name"], ascending=[True, False, True], kind="stable") \
        .drop_duplicates("key").set_index("key")["name"]
    agg = agg[agg["papers"] >= min_papers]
    ref = reference_year(papers, as_of)
    span = ref - agg["first_year"] + 1 if ref is not None else agg["first_year"] * np.nan
    out = pd.DataFrame({
        col: pd.array(names.reindex(agg.index).to_numpy(), dtype="string"),
        "papers": agg["papers"].astype("Int64").to_numpy(),
        "citations": agg["citations"].astype("Int64").to_numpy(),
        "h_index": agg["h_index"].astype("Int64").to_numpy(),
        "g_index": agg["g_index"].astype("Int64").to_numpy(),
        "m_index": pd.array((agg["h_index"] / span.where(span > 0)).round(3).to_numpy(), dtype="Float64"),
        "first_year": pd.array(agg["first_year"].to_numpy(), dtype="Float64").astype("Int64"),
    })
    return out.sort_values(["h_index", "citations", col], ascending=[False, False, True],
                           kind="stable").reset_index(drop=True)
