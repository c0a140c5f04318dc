"""The papers table: one row per paper. Defined here once, used everywhere.

This module imports nothing of litkit except ``errors``.

=====================  ==================  ==================================================
column                 dtype               meaning
=====================  ==================  ==================================================
id                     string              ``doi:10.…``, ``arxiv:2401.01234``, else a hash
title                  string              whitespace-normalised, markup removed
abstract               string, NA
authors                list of str         display names, "Given Family"
authors_truncated      bool                the source showed only the first authors
affiliations           list of str         as given, deduplicated, in order
year                   Int64
date                   datetime64, NaT     as precise as the source allows
venue                  string, NA          journal, conference or archive
categories             list of str         arXiv codes (``cs.LG``) or subject categories
keywords               list of str         author and index keywords
doi                    string, NA          lower-case, no resolver prefix
arxiv_id               string, NA          no version suffix
url                    string, NA
citations              Int64, NA
source                 string              the format read (``bibtex``, ``ris``...)
source_ref             string              ``file:line`` or ``file#record``
extra                  dict                format-specific fields worth keeping
=====================  ==================  ==================================================
"""

from __future__ import annotations

import hashlib
from typing import Any, Iterable

import numpy as np
import pandas as pd

from .errors import SchemaError

STRING = "string"
LIST = "list"
BOOL = "bool"
INT = "Int64"
DATE = "datetime64[ns]"
DICT = "dict"

#: column name -> kind, in table order
COLUMNS: dict[str, str] = {
    "id": STRING,
    "title": STRING,
    "abstract": STRING,
    "authors": LIST,
    "authors_truncated": BOOL,
    "affiliations": LIST,
    "year": INT,
    "date": DATE,
    "venue": STRING,
    "categories": LIST,
    "keywords": LIST,
    "doi": STRING,
    "arxiv_id": STRING,
    "url": STRING,
    "citations": INT,
    "source": STRING,
    "source_ref": STRING,
    "extra": DICT,
}

LIST_COLUMNS = [c for c, k in COLUMNS.items() if k == LIST]
STRING_COLUMNS = [c for c, k in COLUMNS.items() if k == STRING]

#: the columns of the table listing records that could not be read
SKIPPED_COLUMNS = ["source_ref", "reason"]


def make_id(doi=None, arxiv_id=None, source: str = "", title: str | None = None,
            fallback: str = "") -> str:
    """The stable key of a paper: its DOI, else its arXiv id, else a hash.

    The hash is of the source and the normalised title (or ``fallback`` when
    there is no title), so it is the same in every process and on every run.
    """
    if doi:
        return f"doi:{doi}"
    if arxiv_id:
        return f"arxiv:{arxiv_id}"
    basis = " ".join((title or "").lower().split()) or fallback
    digest = hashlib.sha1(f"{source}\x1f{basis}".encode("utf-8")).hexdigest()[:16]
    return f"{source or 'rec'}:{digest}"


def empty_papers() -> pd.DataFrame:
    """An empty papers table with every column and dtype."""
    return from_records([])


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, float) and np.isnan(value):
        return []
    if isinstance(value, (list, tuple, np.ndarray, pd.Series)):
        return [v for v in value if v is not None and v == v and str(v) != ""]
    if isinstance(value, str):
        return [value] if value else []
    return [value]


def _string(values: Iterable[Any]) -> pd.Series:
    s = pd.Series(list(values), dtype="object")
    s = s.where(s.notna(), None)
    s = s.map(lambda v: None if v is None or (isinstance(v, str) and v.strip() == "") else str(v))
    return s.astype("string")


def from_records(records: list[dict], *, index=None) -> pd.DataFrame:
    """Build a papers table from a list of dicts (missing keys become NA/empty).

    Unknown keys are an error: a reader's typo must not silently lose a field.
    """
    n = len(records)
    cols: dict[str, Any] = {}
    for rec in records:
        unknown = set(rec) - COLUMNS.keys()
        if unknown:
            raise SchemaError(f"unknown papers-table field(s) {sorted(unknown)}")
    for name, kind in COLUMNS.items():
        raw = [r.get(name) for r in records]
        if kind == STRING:
            cols[name] = _string(raw)
        elif kind == LIST:
            cols[name] = pd.Series([_as_list(v) for v in raw], dtype="object")
        elif kind == BOOL:
            cols[name] = pd.Series([bool(v) if v is not None and v == v else False for v in raw],
                                   dtype="bool")
        elif kind == INT:
            cols[name] = pd.array([None if v is None or v != v else int(v) for v in raw], dtype="Int64")
        elif kind == DATE:
            cols[name] = pd.to_datetime(pd.Series(raw, dtype="object"), errors="coerce")
            if n == 0:
                cols[name] = pd.Series([], dtype=DATE)
        elif kind == DICT:
            cols[name] = pd.Series([dict(v) if isinstance(v, dict) else {} for v in raw], dtype="object")
    df = pd.DataFrame(cols, index=index if index is not None else pd.RangeIndex(n))
    df["date"] = df["date"].astype(DATE)
    return df


def empty_skipped() -> pd.DataFrame:
    return pd.DataFrame({"source_ref": pd.Series([], dtype="string"),
                         "reason": pd.Series([], dtype="string")})


def skipped_table(rows: list[dict]) -> pd.DataFrame:
    if not rows:
        return empty_skipped()
    return pd.DataFrame({"source_ref": _string(r["source_ref"] for r in rows),
                         "reason": _string(r["reason"] for r in rows)})


def validate(papers: pd.DataFrame, *, unique_ids: bool = False) -> pd.DataFrame:
    """Check that ``papers`` follows the schema; return it unchanged.

    Raises :class:`litkit.errors.SchemaError` naming every problem found:
    missing columns, wrong dtypes, list cells that are not lists, missing ids,
    and (with ``unique_ids=True``) repeated ids.
    """
    if not isinstance(papers, pd.DataFrame):
        raise SchemaError(f"expected a pandas DataFrame, got {type(papers).__name__}")
    problems = []
    missing = [c for c in COLUMNS if c not in papers.columns]
    if missing:
        problems.append(f"missing column(s) {missing}")
    for name, kind in COLUMNS.items():
        if name not in papers.columns:
            continue
        col = papers[name]
        if kind == STRING and not pd.api.types.is_string_dtype(col.dtype):
            problems.append(f"column {name!r} should be string, is {col.dtype}")
        elif kind == INT and str(col.dtype) != "Int64":
            problems.append(f"column {name!r} should be Int64, is {col.dtype}")
        elif kind == BOOL and col.dtype != bool:
            problems.append(f"column {name!r} should be bool, is {col.dtype}")
        elif kind == DATE and not pd.api.types.is_datetime64_dtype(col.dtype):
            problems.append(f"column {name!r} should be datetime64, is {col.dtype}")
        elif kind == LIST:
            bad = ~col.map(lambda v: isinstance(v, list))
            if bad.any():
                problems.append(f"column {name!r} has {int(bad.sum())} cell(s) that are not lists "
                                f"(first at index {col.index[bad.to_numpy()][0]!r})")
        elif kind == DICT:
            bad = ~col.map(lambda v: isinstance(v, dict))
            if bad.any():
                problems.append(f"column {name!r} has {int(bad.sum())} cell(s) that are not dicts")
    if "id" in papers.columns:
        if papers["id"].isna().any():
            problems.append(f"{int(papers['id'].isna().sum())} row(s) have no id")
        if unique_ids and papers["id"].duplicated().any():
            dup = papers.loc[papers["id"].duplicated(), "id"].iloc[0]
            problems.append(f"{int(papers['id'].duplicated().sum())} repeated id(s), e.g. {dup!r}")
    if problems:
        raise SchemaError("not a valid papers table: " + "; ".join(problems))
    return papers
