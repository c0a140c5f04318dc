"""Trends, authors and deduplication on a Dask DataFrame of papers.

Each function gives what its pandas namesake gives on ``papers.compute()``, and does it by
running that very function on a smaller table (one home for each job):

* trends: every partition reduces itself to the distinct (date, year, group) combinations
  and their counts; the client puts those counts back into a table of (date, year, group)
  rows (repeated references, no per-paper objects) and runs the pandas function on it;
* authors: the person keys are corpus-wide (name variants are merged across the whole
  table), so the client gathers only the columns :func:`litkit.authorships` reads;
* deduplication: :mod:`litkit.dask._dedup`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import schema
from . import is_dask, no_string_conversion, releases

#: bits of a row position that hold the row number inside its partition
_ROW_BITS = 32
#: the columns :func:`litkit.authorships` and :func:`litkit.author_stats` read
AUTHOR_COLUMNS = ("id", "authors", "authors_truncated", "affiliations", "extra", "year", "date")
_GROUP = "_group"


def _positions(part: pd.DataFrame, partition_info=None) -> np.ndarray:
    """File-order positions of a partition's rows: partition number, then row."""
    number = partition_info["number"] if partition_info else 0
    return (np.int64(number) << _ROW_BITS) + np.arange(len(part), dtype=np.int64)


def _check_lists(papers, columns) -> None:
    """Refuse a table whose list columns dask turned into strings (``dataframe.convert-string``)."""
    bad = [c for c in columns if c in papers.columns
           and schema.COLUMNS.get(c) in (schema.LIST, schema.DICT)
           and papers._meta[c].dtype != object]
    if bad:
        raise schema.SchemaError(
            f"the list column(s) {bad} of this Dask DataFrame were turned into strings by dask "
            "('dataframe.convert-string'): build it inside litkit.dask.no_string_conversion(), "
            "or read it with litkit.read(..., engine='dask')")


# --- trends -----------------------------------------------------------------------------

def _hashable(v):
    if isinstance(v, (list, np.ndarray)):
        return tuple(v)
    return v


@releases
def _combos(part: pd.DataFrame, group: str | None) -> pd.DataFrame:
    cols = {"date": part["date"], "year": part["year"]}
    if group is not None:
        cols[_GROUP] = part[group].map(_hashable).astype(object) \
            if part[group].dtype == object else part[group]
    frame = pd.DataFrame(cols)
    return frame.groupby(list(cols), dropna=False, sort=False).size().rename("n").reset_index()


def _trend_table(papers, by):
    """(a pandas table of date, year and the group with the papers' counts, the ``by`` to use)."""
    if by is not None and not isinstance(by, str) and not is_dask(by):
        raise TypeError("with a Dask DataFrame, `by` is a column name or a Dask Series of the "
                        f"same table (e.g. model labels), not {type(by).__name__}")
    _check_lists(papers, [by] if isinstance(by, str) else [])
    group = None
    frame = papers[["date", "year"] + ([by] if isinstance(by, str) and by in papers.columns
                                       else [])]
    if isinstance(by, str):
        group = by if by in papers.columns else None
    elif by is not None:
        frame = frame.assign(**{_GROUP + "_s": by})
        group = _GROUP + "_s"
    with no_string_conversion():
        meta = _combos(frame._meta, group)
        counts = frame.map_partitions(_combos, group, meta=meta).compute()
    keys = [c for c in counts.columns if c != "n"]
    counts = counts.groupby(keys, dropna=False, sort=False)["n"].sum().reset_index()
    reps = counts["n"].to_numpy()
    out = {"date": np.repeat(counts["date"].to_numpy(), reps),
           "year": pd.array(np.repeat(counts["year"].to_numpy(dtype=object), reps), dtype="Int64")}
    table = pd.DataFrame({"date": pd.Series(out["date"], dtype="datetime64[ns]"),
                          "year": out["year"]})
    if group is None:
        return table, by if isinstance(by, str) else None
    values = np.repeat(counts[_GROUP].to_numpy(dtype=object), reps)
    dtype = frame._meta[group].dtype
    column = pd.Series([list(v) if isinstance(v, tuple) else v for v in values], dtype=object) \
        if dtype == object else pd.Series(values, dtype=dtype)
    if isinstance(by, str):
        table[by] = column
        return table, by
    return table, column.rename(by.name)


def counts_by_period(papers, freq="year", by=None, **kwargs):
    """:func:`litkit.counts_by_period` of a Dask DataFrame (the same table as on the computed one).

    Examples
    --------
    >>> import dask, litkit
    >>> from litkit.data import ARXIV_SAMPLE
    >>> with dask.config.set(scheduler="synchronous"):
    ...     t = litkit.counts_by_period(litkit.read(ARXIV_SAMPLE, engine="dask"), "year")
    >>> int(t["count"].sum())
    3126
    """
    from ..trends import counts_by_period as in_memory
    table, group = _trend_table(papers, by)
    return in_memory(table, freq, by=group, **kwargs)


def shares_over_time(papers, by="categories", freq="year", **kwargs):
    """:func:`litkit.shares_over_time` of a Dask DataFrame.

    Examples
    --------
    >>> import dask, litkit
    >>> papers = litkit.read(litkit.data.ARXIV_SAMPLE, engine="dask")
    >>> with dask.config.set(scheduler="synchronous"):
    ...     s = litkit.shares_over_time(papers, top=3)
    >>> s.attrs["groups"][-1]
    'other'
    """
    from ..trends import shares_over_time as in_memory
    table, group = _trend_table(papers, by)
    return in_memory(table, group, freq, **kwargs)


# --- authors ----------------------------------------------------------------------------

def author_stats(papers, labels=None, **kwargs):
    """:func:`litkit.author_stats` of a Dask DataFrame: the author columns are gathered.

    ``labels`` may be a Dask Series of the same table (``TopicModel.labels_`` of a Dask fit).

    Examples
    --------
    >>> import litkit
    >>> a = litkit.author_stats(litkit.read(litkit.data.ARXIV_SAMPLE, engine="dask"))
    >>> int(a["papers"].iloc[0]) >= int(a["papers"].iloc[-1])
    True
    """
    import dask
    from ..authors import author_stats as in_memory
    cols = [c for c in AUTHOR_COLUMNS if c in papers.columns]
    _check_lists(papers, cols)
    with no_string_conversion():
        if is_dask(labels):
            table, labels = dask.compute(papers[cols], labels)
            labels = labels.reset_index(drop=True)
        else:
            table = papers[cols].compute()
    return in_memory(table.reset_index(drop=True), labels, **kwargs)
