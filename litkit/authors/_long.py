"""The long authorship table every author analysis works on (one row per paper and person)."""

from __future__ import annotations

import numpy as np
import pandas as pd


# --- the long table --------------------------------------------------------------------------

def _paper_years(papers: pd.DataFrame) -> np.ndarray:
    year = pd.to_numeric(papers["year"], errors="coerce") if "year" in papers else \
        pd.Series(np.nan, index=papers.index)
    if "date" in papers:
        year = year.fillna(pd.to_datetime(papers["date"], errors="coerce").dt.year)
    return year.to_numpy(dtype="float64", na_value=np.nan)


def _long(papers: pd.DataFrame, authorships=None, aliases=None) -> pd.DataFrame:
    """The authorship table with ``row`` (position of the paper in ``papers``) and ``year``;
    one row per (paper, key): a person listed twice on a paper (two spellings) counts once."""
    if authorships is None:
        from ..names import authorships as _authorships
        a = _authorships(papers, aliases=aliases)
    else:
        if aliases is not None:
            raise ValueError("give either authorships= or aliases=, not both "
                             "(build the authorships with litkit.authorships(papers, aliases))")
        missing = {"id", "key", "position", "n_authors", "truncated"} - set(authorships.columns)
        if missing:
            raise ValueError(f"authorships table lacks column(s) {sorted(missing)}: "
                             "build it with litkit.authorships(papers)")
        a = authorships
    lengths = papers["authors"].map(lambda v: len(v) if isinstance(v, (list, tuple)) else 0).to_numpy()
    rows = np.repeat(np.arange(len(papers)), lengths)
    ids = papers["id"].to_numpy(dtype=object)
    if len(rows) == len(a) and (ids[rows] == a["id"].to_numpy(dtype=object)).all():
        row = rows
    else:
        if papers["id"].duplicated().any():
            raise ValueError("the authorship table does not follow the papers table row by row and "
                             "paper ids are not unique: deduplicate first (litkit.deduplicate) or "
                             "build the authorships from this very table")
        pos = pd.Series(np.arange(len(papers)), index=papers["id"].astype(object))
        row = a["id"].astype(object).map(pos)
        if row.isna().any():
            raise ValueError(f"{int(row.isna().sum())} authorship row(s) name papers that are not "
                             "in the papers table")
        row = row.to_numpy(dtype="int64")
    out = pd.DataFrame({
        "row": row,
        "id": a["id"].to_numpy(dtype=object),
        "key": a["key"].astype(object).to_numpy(),
        "name": a["name"].astype(object).to_numpy() if "name" in a else a["key"].astype(object).to_numpy(),
        "position": a["position"].to_numpy(dtype="int64", na_value=0),
        "n_authors": a["n_authors"].to_numpy(dtype="int64", na_value=0),
        "truncated": a["truncated"].to_numpy(dtype=bool),
        "ambiguous": a["ambiguous"].to_numpy(dtype=bool) if "ambiguous" in a else False,
    })
    if "affiliation" in a:
        out["affiliation"] = a["affiliation"].astype(object).to_numpy()
    out = out[pd.notna(out["key"])]
    out = out.drop_duplicates(["row", "key"], keep="first")
    out["year"] = _paper_years(papers)[out["row"].to_numpy()]
    return out.reset_index(drop=True)


def _labels_per_row(papers: pd.DataFrame, labels) -> pd.Series:
    if not isinstance(labels, pd.Series):
        labels = pd.Series(np.asarray(labels), index=papers.index[:len(labels)] if
                           len(labels) == len(papers) else None)
        if len(labels) != len(papers):
            raise ValueError(f"labels has {len(labels)} values for {len(papers)} papers")
    aligned = labels.reindex(papers.index)
    if len(labels) and aligned.isna().all() and not labels.isna().all():
        raise ValueError("labels is a Series whose index does not match the papers table's index")
    return aligned.reset_index(drop=True)


def _display_names(L: pd.DataFrame, kcode: np.ndarray, K: int) -> np.ndarray:
    """The most used display name of each key code (ties: the alphabetically first)."""
    ncode, names = pd.factorize(L["name"].astype(object).fillna(""), sort=True)
    c = pd.DataFrame({"k": kcode, "n": ncode}).value_counts(sort=False).rename("c").reset_index()
    c = c.iloc[np.lexsort((c["n"].to_numpy(), -c["c"].to_numpy(), c["k"].to_numpy()))]
    c = c.drop_duplicates("k")
    out = np.empty(K, dtype=object)
    out[c["k"].to_numpy()] = np.asarray(names, dtype=object)[c["n"].to_numpy()]
    return out


def _cooccurrence(L: pd.DataFrame, kcode: np.ndarray, K: int, max_authors: int | None = None):
    """Key x key matrix of joint papers (scipy CSR; the diagonal holds each key's papers).

    Papers with more than ``max_authors`` keys are left out; their rows are returned too."""
    from scipy import sparse
    rows = L["row"].to_numpy()
    P = int(rows.max()) + 1 if len(rows) else 0
    size = np.bincount(rows, minlength=P)
    keep = np.ones(len(rows), bool)
    skipped = np.array([], dtype="int64")
    if max_authors is not None:
        big = size > max_authors
        skipped = np.flatnonzero(big)
        keep = ~big[rows]
    A = sparse.csr_matrix((np.ones(int(keep.sum()), dtype=np.int32), (kcode[keep], rows[keep])),
                          shape=(K, P))
    return (A @ A.T).tocsr(), skipped


def _ids(papers: pd.DataFrame, rows) -> list[str]:
    return [str(x) for x in papers["id"].to_numpy(dtype=object)[np.asarray(rows, dtype="int64")]]
