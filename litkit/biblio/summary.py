"""The main-information table of a corpus (bibliometrix' ``summary``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._common import lacks, reference_year

#: the reason given for a metric the corpus cannot support
NOT_IN_DATA = "not in the data"


def annual_growth(papers: pd.DataFrame) -> float | None:
    """Compound annual growth of papers (%) from the first to the last complete year.

    ((papers of the last year / papers of the first year) ^ (1 / (last - first)) - 1) × 100, as
    bibliometrix computes it, except that the corpus' last year is left out when its papers
    stop before December (a partial year would read as a fall). None with fewer than two years.

    Examples
    --------
    >>> from litkit.schema import from_records
    >>> t = from_records([{"id": str(i), "year": y, "date": f"{y}-12-15"}
    ...                   for i, y in enumerate([2020] * 2 + [2022] * 8)])
    >>> annual_growth(t)
    100.0
    """
    years = papers["year"].dropna().astype(int)
    if years.nunique() < 2:
        return None
    last = int(years.max())
    dates = papers.loc[papers["year"] == last, "date"].dropna()
    if len(dates) and dates.max().month < 12:
        years = years[years < last]
        if years.nunique() < 2:
            return None
    counts = years.value_counts().sort_index()
    span = int(counts.index[-1] - counts.index[0])
    return round(float(((counts.iloc[-1] / counts.iloc[0]) ** (1 / span) - 1) * 100), 2)


def summary(papers: pd.DataFrame, *, as_of: int | None = None) -> pd.DataFrame:
    """Main information about the corpus, one metric a row; a metric the data cannot support
    says so instead of showing a number.

    Parameters
    ----------
    papers : DataFrame
        A papers table.
    as_of : int, optional
        The year ages are counted to (default: the corpus' latest year, so the table is the
        same on any day).

    Returns
    -------
    DataFrame
        ``metric``, ``value`` (a string: numbers rounded for reading), ``note``: documents,
        timespan, sources, annual growth rate %, average document age, average citations per
        document, average citations per year per document, authors, author appearances,
        single-authored documents, co-authors per document, international co-authorships %,
        distinct keywords (author and index), distinct author keywords, distinct cited references.

    Examples
    --------
    >>> import litkit, litkit.data
    >>> t = litkit.summary(litkit.read(litkit.data.ARXIV_SAMPLE))
    >>> t.set_index("metric").loc[["documents", "average citations per document"], "value"].tolist()
    ['3126', 'not in the data']
    """
    rows: list[tuple[str, str, str]] = []

    def add(metric, value, note=""):
        rows.append((metric, NOT_IN_DATA if value is None else str(value), note))

    n = len(papers)
    add("documents", n)
    years = papers["year"].dropna()
    ref = reference_year(papers, as_of)
    add("timespan", f"{int(years.min())}-{int(years.max())}" if len(years) else None,
        "" if len(years) == n else f"{n - len(years)} without a year")
    has_venue = lacks(papers, "venue") is None
    add("sources (journals, books, etc.)",
        papers["venue"].dropna().map(lambda s: " ".join(str(s).split()).upper()).nunique() if has_venue else None)
    growth = annual_growth(papers)
    add("annual growth rate %", growth if growth is not None or not len(years) else
        "fewer than two complete years", "complete years only")
    add("average document age (years)",
        round(float((ref - years.astype(int)).mean()), 2) if len(years) else None,
        f"counted to {ref}" if ref is not None else "")
    cited = papers[papers["citations"].notna()]
    if len(cited):
        c = cited["citations"].astype(float)
        add("average citations per document", round(float(c.mean()), 2),
            "" if len(cited) == n else f"{len(cited)} documents with a count")
        age = (ref - cited["year"].astype("Float64") + 1) if ref is not None else c * np.nan
        per = (c / age.where(age > 0)).dropna()
        add("average citations per year per document", round(float(per.mean()), 3) if len(per) else None,
            f"counted to {ref}")
    else:
        add("average citations per document", None)
        add("average citations per year per document", None)
    k = papers["authors"].map(len)
    if k.gt(0).any():
        from ..names import author_key
        keys = {author_key(a) for a in {a for cell in papers["authors"] for a in cell}} - {None}
        add("authors", len(keys), "distinct author keys (family name, initial)")
        add("author appearances", int(k.sum()))
        add("single-authored documents", int(k.eq(1).sum()))
        add("co-authors per document", round(float(k[k > 0].mean()), 2),
            "" if not papers["authors_truncated"].any() else
            f"{int(papers['authors_truncated'].sum())} truncated author lists: an undercount")
    else:
        for m in ("authors", "author appearances", "single-authored documents", "co-authors per document"):
            add(m, None)
    if lacks(papers, "affiliations") is None:
        from .countries import paper_countries
        nc = paper_countries(papers).map(len)
        known = nc.gt(0)
        add("international co-authorships %", round(100 * float(nc[known].gt(1).mean()), 2) if known.any() else None,
            f"of {int(known.sum())} documents with a known country")
    else:
        add("international co-authorships %", None)
    kw = {" ".join(str(x).split()).lower() for cell in papers["keywords"] for x in cell}
    add("distinct keywords", len(kw) if kw else None, "author and index keywords")
    akw = {" ".join(str(x).split()).lower() for e in papers["extra"] for x in (e.get("author_keywords") or ())}
    add("distinct author keywords", len(akw) if akw else None)
    if lacks(papers, "references") is None:
        from .references import references
        R = references(papers)
        add("distinct cited references", R["key"].nunique(),
            f"{len(R)} citations from {R['id'].nunique()} documents")
    else:
        add("distinct cited references", None)
    return pd.DataFrame(rows, columns=["metric", "value", "note"]).astype("string")

