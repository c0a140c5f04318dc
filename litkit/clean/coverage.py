"""Field coverage: how much of each field every source filled, with a hint where it is thin.

How to export a field again from a database is the reader's knowledge: each reader declares
its ``label`` and export ``hints`` (``litkit.io.formats()``); here is only the general advice
for a field no reader has a hint for.
"""

from __future__ import annotations

import pandas as pd

from .. import schema
from ..io import formats

__all__ = ["coverage"]

_IMPORTANT = ["title", "abstract", "authors", "year", "doi", "keywords", "affiliations",
              "venue", "citations"]
_LABELS = {"abstract": "abstracts", "doi": "DOIs", "keywords": "keywords",
           "affiliations": "affiliations", "citations": "citation counts", "venue": "venues",
           "year": "years", "authors": "authors", "title": "titles"}
#: the advice for a thin field when the source's reader has no hint of its own
_GENERAL_HOW = {
    "abstract": "export again with abstracts included, or add the abstracts from another database",
    "keywords": "export again with keywords included; topic models can work from abstracts instead",
    "doi": "records without DOI are deduplicated by title only; add DOIs if the database offers them",
    "affiliations": "affiliation analyses will be empty for these records",
    "year": "trend analyses leave out records without a year",
    "authors": "author analyses leave out these records",
    "citations": "this source does not give citation counts; citation analyses need another database",
}


def _label(source: str) -> str:
    """What a person calls ``source`` (a format name) in a sentence."""
    fmt = formats().get(source)
    return fmt.label if fmt is not None else source


def _advice(field: str, source: str) -> str:
    """How to get ``field`` from ``source`` next time ("" when there is nothing to say)."""
    fmt = formats().get(source)
    hint = fmt.hints.get(field) if fmt is not None else None
    return hint or _GENERAL_HOW.get(field, "")


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
                name = _label(g)
                label = _LABELS.get(c, c)
                advice = _advice(c, g)
                if k == 0:
                    hint = f"this {name} export has no {label}" + (f": {advice}" if advice else "")
                else:
                    hint = (f"this {name} export has {label} for only {k} of {total} records"
                            + (f": {advice}" if advice and c in ("abstract", "keywords") else ""))
            elif c == "authors_complete" and share < threshold:
                hint = (f"{total - k} of {total} {_label(g)} records list only the "
                        "first authors (et al.): author counts and last-author analyses are partial")
            rows.append({by: g, "field": c, "records": total, "filled": k,
                         "share": round(share, 3), "hint": hint})
    out = pd.DataFrame(rows, columns=[by, "field", "records", "filled", "share", "hint"])
    return out.astype({by: "string", "field": "string", "records": "Int64", "filled": "Int64",
                       "share": "Float64", "hint": "string"})
