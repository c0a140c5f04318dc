"""Field coverage: how much of each field every source filled, with a hint where it is thin.

The export hints (``_HOW``: how to export again from each database) belong with the readers
(issue 13: each reader owns its export hints); they stay here until the readers expose them.
"""

from __future__ import annotations

import pandas as pd

from .. import schema

__all__ = ["coverage"]

_IMPORTANT = ["title", "abstract", "authors", "year", "doi", "keywords", "affiliations",
              "venue", "citations"]
_SOURCE_NAMES = {"scopus-csv": "Scopus", "wos": "Web of Science", "wos-tab": "Web of Science",
                 "ieee-csv": "IEEE Xplore", "pubmed": "PubMed", "bibtex": "BibTeX",
                 "ris": "RIS", "openalex": "OpenAlex", "semanticscholar": "Semantic Scholar",
                 "arxiv-jsonl": "arXiv", "arxiv-atom": "arXiv", "listing": "profile listing",
                 "csl-json": "CSL-JSON", "litkit-csv": "litkit CSV", "parquet": "Parquet"}
_LABELS = {"abstract": "abstracts", "doi": "DOIs", "keywords": "keywords",
           "affiliations": "affiliations", "citations": "citation counts", "venue": "venues",
           "year": "years", "authors": "authors", "title": "titles"}
_HOW = {
    "abstract": {"scopus-csv": "export again with 'Abstract' ticked (Export > CSV > Abstract & keywords)",
                 "wos": "export again with 'Full Record' (not 'Author, Title, Source')",
                 "wos-tab": "export again with 'Full Record' (not 'Author, Title, Source')",
                 "ieee-csv": "IEEE CSV exports include abstracts: check the export options",
                 "ris": "export again with abstracts included (in RIS the AB field)",
                 "bibtex": "export again with abstracts (many reference managers leave them out by default)",
                 "pubmed": "export as MEDLINE/PubMed format, not summary text",
                 "listing": "the listing has abstracts on the third line of each paper",
                 "_": "export again with abstracts included, or add the abstracts from another database"},
    "keywords": {"scopus-csv": "export again with 'Author keywords' and 'Index keywords' ticked",
                 "wos": "export again with 'Full Record' to get DE and ID keywords",
                 "_": "export again with keywords included; topic models can work from abstracts instead"},
    "doi": {"_": "records without DOI are deduplicated by title only; add DOIs if the database offers them"},
    "affiliations": {"scopus-csv": "export again with 'Affiliations' ticked",
                     "wos": "export again with 'Full Record' to get C1 addresses",
                     "_": "affiliation analyses will be empty for these records"},
    "year": {"_": "trend analyses leave out records without a year"},
    "authors": {"_": "author analyses leave out these records"},
    "citations": {"scopus-csv": "export again with 'Citation count' ticked",
                  "_": "this source does not give citation counts; citation analyses need another database"},
}


def coverage(papers: pd.DataFrame, *, by: str = "source", threshold: float = 0.5) -> pd.DataFrame:
    """How much of each field is filled, per source, with a hint where something important is missing.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table. Not modified.
    by : str
        The column to group by: ``"source"`` (the format read, default) or e.g. ``"venue"``.
        Use ``papers.assign(file=papers.source_ref.str.rsplit(":", n=1).str[0])`` and
        ``by="file"`` to see each file.
    threshold : float
        Below this share an important field gets a hint.

    Returns
    -------
    pandas.DataFrame
        One row per group and field: ``source`` (the group), ``field``, ``records``,
        ``filled`` (count), ``share`` (0-1, rounded to 3 places) and ``hint`` (NA when fine).
        Fields are the papers-table columns except ``id``, ``source``, ``source_ref``,
        ``authors_truncated`` and ``extra``. The share of ``authors_truncated`` is reported
        as the field ``authors_complete`` (author lists not cut by "et al.").

    Examples
    --------
    >>> import litkit, litkit.data
    >>> cov = coverage(litkit.read(litkit.data.ARXIV_SAMPLE))
    >>> doi = cov.set_index("field").loc["doi"]
    >>> int(doi["records"]), int(doi["filled"]), float(doi["share"])
    (3126, 0, 0.0)
    >>> cov.set_index("field").loc["doi", "hint"]
    'this arXiv export has no DOIs: records without DOI are deduplicated by title only; add DOIs if the database offers them'
    """
    fields = [c for c in schema.COLUMNS if c not in ("id", "source", "source_ref",
                                                     "authors_truncated", "extra")]
    filled = {}
    for c in fields:
        col = papers[c]
        if schema.COLUMNS[c] == schema.LIST:
            filled[c] = col.map(lambda v: isinstance(v, list) and len(v) > 0).astype(bool)
        elif schema.COLUMNS[c] == schema.STRING:
            filled[c] = col.notna() & (col.astype("string").str.strip() != "").fillna(False)
        else:
            filled[c] = col.notna()
    filled["authors_complete"] = ~papers["authors_truncated"].astype(bool)
    f = pd.DataFrame(filled)
    groups = papers[by].astype("string").fillna("(none)")
    counts = f.groupby(groups.to_numpy(), sort=True).agg(["sum"])
    counts.columns = [c for c, _ in counts.columns]
    sizes = groups.value_counts()
    rows = []
    for g in counts.index:
        total = int(sizes[g])
        for c in f.columns:
            k = int(counts.loc[g, c])
            share = k / total if total else 0.0
            hint = None
            if c in _IMPORTANT and share < threshold:
                name = _SOURCE_NAMES.get(g, g)
                label = _LABELS.get(c, c)
                how = _HOW.get(c, {})
                advice = how.get(g, how.get("_", ""))
                if k == 0:
                    hint = f"this {name} export has no {label}" + (f": {advice}" if advice else "")
                else:
                    hint = (f"this {name} export has {label} for only {k} of {total} records"
                            + (f": {advice}" if advice and c in ("abstract", "keywords") else ""))
            elif c == "authors_complete" and share < threshold:
                hint = (f"{total - k} of {total} {_SOURCE_NAMES.get(g, g)} records list only the "
                        "first authors (et al.): author counts and last-author analyses are partial")
            rows.append({by: g, "field": c, "records": total, "filled": k,
                         "share": round(share, 3), "hint": hint})
    out = pd.DataFrame(rows, columns=[by, "field", "records", "filled", "share", "hint"])
    return out.astype({by: "string", "field": "string", "records": "Int64", "filled": "Int64",
                       "share": "Float64", "hint": "string"})
