"""Trends, authors and deduplication on a Dask DataFrame of papers.

Each function gives what its pandas namesake gives on ``papers.compute()``, and does it by
running that very function on a smaller table (one home for each job):

* trends: every partition reduces itself to the distinct (date, year, group) combinations
  and their counts; the client puts those counts back into a table of (date, year, group)
  rows (repeated references, no per-paper objects) and runs the pandas function on it;
* authors: the person keys are corpus-wide (name variants are merged across the whole
  table), so the client gathers only the columns :func:`litkit.authorships` reads;
* deduplication: partitions compute blocking keys (DOI, arXiv id, normalised title, main
  title, first-author key in both readings), the client joins the records that share a key into blocks (connected components
  of the small key table), the records of multi-record blocks are shuffled on their block
  and each partition runs :func:`litkit.deduplicate`; records in no such block pass through.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import schema
from . import is_dask, no_string_conversion, require, share

#: bits of a row position that hold the row number inside its partition
_ROW_BITS = 32
#: the columns :func:`litkit.authorships` and :func:`litkit.author_stats` read
AUTHOR_COLUMNS = ("id", "authors", "authors_truncated", "affiliations", "extra", "year", "date")
_GROUP = "_group"
#: dask's task shuffle pickles the cells; the P2P shuffle goes through Arrow, which turns the
#: list and dict cells into arrays
_SHUFFLE = "tasks"


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


# --- deduplication ----------------------------------------------------------------------

def _key_hashes(values: pd.Series, kind: str) -> np.ndarray:
    """int64 hashes of non-missing keys (-1 where missing), one key space per ``kind``."""
    out = np.full(len(values), -1, dtype=np.int64)
    has = values.notna().to_numpy()
    if has.any():
        h = pd.util.hash_array((kind + "\x1f" + values[has].astype(str)).to_numpy(dtype=object))
        out[has] = (h >> np.uint64(1)).astype(np.int64)
    return out


def _block_keys(part: pd.DataFrame, partition_info=None) -> pd.DataFrame:
    from ..clean.titles import norm_pair
    from ..names.keys import _keys, _swap
    pairs = [norm_pair(t) for t in part["title"].tolist()]
    tkey = pd.Series([p[0].replace(" ", "") if p[0] else None for p in pairs], dtype=object)
    mkey = pd.Series([p[1].replace(" ", "") if p[1] and p[1].count(" ") >= 3 and len(p[1]) >= 25
                      else None for p in pairs], dtype=object)
    doi = part["doi"].astype(object).where(part["doi"].notna(), None).reset_index(drop=True)
    arx = part["arxiv_id"].astype(object).where(part["arxiv_id"].notna(), None) \
        .reset_index(drop=True)
    prefix = "10.48550/arxiv."
    is_ax = doi.map(lambda d: isinstance(d, str) and d.startswith(prefix))
    arx = arx.where(~(arx.isna() & is_ax), doi.map(lambda d: d[len(prefix):] if isinstance(d, str) else None))
    doi = doi.where(~is_ax, None)
    first = [a[0] if isinstance(a, (list, tuple)) and a and isinstance(a[0], str) else None
             for a in part["authors"].tolist()]
    author = pd.Series([_keys(a)[0] if a else None for a in first], dtype=object)
    swapped = pd.Series([_swap(a)[1] if a else None for a in first], dtype=object)
    return pd.DataFrame({"_pos": _positions(part, partition_info),
                         "doi": _key_hashes(doi, "doi"), "arxiv": _key_hashes(arx, "arxiv"),
                         "title": _key_hashes(tkey, "title"), "main": _key_hashes(mkey, "title"),
                         "author": _key_hashes(author, "author"),
                         "swapped": _key_hashes(swapped, "author")})


def _blocks(keys: pd.DataFrame) -> pd.Series:
    """Block number of every record that shares a key with another record, by position."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    n = len(keys)
    cols = ["doi", "arxiv", "title", "main", "author", "swapped"]
    rows = np.concatenate([np.arange(n)[keys[c].to_numpy() >= 0] for c in cols])
    vals = np.concatenate([keys[c].to_numpy()[keys[c].to_numpy() >= 0] for c in cols])
    if not len(vals):
        return pd.Series([], dtype="int64")
    codes, uniques = pd.factorize(vals)
    g = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, n + codes)),
                   shape=(n + len(uniques), n + len(uniques)))
    _, label = connected_components(g, directed=False)
    label = label[:n]
    sizes = np.bincount(label)
    multi = sizes[label] > 1
    return pd.Series(label[multi], index=keys["_pos"].to_numpy()[multi], dtype="int64")


def _split(part: pd.DataFrame, blocks: pd.Series, in_block: bool, partition_info=None):
    pos = _positions(part, partition_info)
    mask = np.isin(pos, blocks.index.to_numpy()) == in_block
    out = part.iloc[np.flatnonzero(mask)].assign(_pos=pos[mask])
    if in_block:
        out["_block"] = blocks.reindex(pos[mask]).to_numpy()
    return out.reset_index(drop=True)


def _dedup_part(part: pd.DataFrame, kwargs: dict):
    """Deduplicate one shuffled partition; the output rows and audit carry their positions.

    The records' ``source_ref`` are replaced by their row numbers while the in-memory function
    runs (a file read twice repeats them) and put back in every place the result holds them.
    """
    from ..clean import deduplicate as in_memory
    part = part.sort_values("_pos", kind="stable").reset_index(drop=True)
    pos = part["_pos"].to_numpy()
    refs = part["source_ref"].tolist()
    token = pd.array([str(k) for k in range(len(part))], dtype="string")
    out, audit = in_memory(part.drop(columns=["_pos", "_block"]).assign(source_ref=token),
                           **kwargs)
    back = lambda col: col.map(lambda t: refs[int(t)]).astype("string")  # noqa: E731
    kept = pos[audit["kept_source_ref"].astype(int).to_numpy()]
    removed = pos[audit["removed_source_ref"].astype(int).to_numpy()]
    first = pd.Series(np.minimum(kept, removed)).groupby(kept).min()
    minima = sorted(set(pos.tolist()) - set(removed.tolist()) - set(kept.tolist())
                    | set(first.tolist()))
    out = out.assign(source_ref=back(out["source_ref"]), extra=out["extra"].map(
        lambda e: {**e, "source_refs": list(dict.fromkeys(refs[int(t)] for t in e["source_refs"]))}
        if isinstance(e, dict) and "source_refs" in e else e),
        _pos=np.asarray(minima, dtype=np.int64))
    audit = audit.assign(**{c: back(audit[c]) for c in ("kept_source_ref", "removed_source_ref",
                                                           "matched_source_ref")},
                         _pos=first.reindex(kept).to_numpy(), _rpos=removed)
    return out, audit


def deduplicate(papers, **kwargs):
    """:func:`litkit.deduplicate` of a Dask DataFrame: (papers, audit) as two Dask DataFrames.

    Records that share a DOI, an arXiv id, a normalised title, a main title (the title without
    its subtitle) or a first-author key are joined into blocks, so every pair of records any
    rule can merge is in one block; the records of multi-record blocks are shuffled on their
    block and each partition is deduplicated by the in-memory function. The identifier, title
    and main-title rules give exactly the in-memory result. Near-duplicate titles (rule
    ``fuzzy``) are compared in sorted windows, here taken over the partition rather than the
    whole table: a window holds fewer other records, so a fuzzy pair beyond the in-memory
    window can be compared (and merged) here. ``overrides`` are not supported on a Dask
    DataFrame (compute the table and deduplicate it in memory).

    Both results are in file order (index: the position of the first record of each paper);
    ``out.compute().reset_index(drop=True)`` is what the in-memory function gives.

    Examples
    --------
    >>> import dask, litkit
    >>> papers = litkit.read(litkit.data.ARXIV_SAMPLE, engine="dask")
    >>> out, audit = dask.compute(*litkit.deduplicate(papers), scheduler="synchronous")
    >>> len(out), len(audit)          # 3,126 distinct arXiv papers
    (3126, 0)
    """
    dd = require()
    import dask
    if kwargs.get("overrides") is not None:
        raise ValueError("overrides= is not supported with a Dask DataFrame: compute() the table "
                         "and deduplicate it in memory, or deduplicate before applying them")
    kwargs.pop("overrides", None)
    missing = [c for c in schema.COLUMNS if c not in papers.columns]
    if missing:
        raise schema.SchemaError(f"not a papers table: missing column(s) {missing}")
    _check_lists(papers, list(schema.COLUMNS))
    n = papers.npartitions
    with no_string_conversion():
        key_meta = _block_keys(schema.empty_papers())
        keys = papers.map_partitions(_block_keys, meta=key_meta).compute()
        blocks = share(_blocks(keys))
        meta = papers._meta.assign(_pos=np.int64(0))
        singles = papers.map_partitions(_split, blocks, False, meta=meta)
        dup_meta = meta.assign(_block=np.int64(0))
        dups = papers.map_partitions(_split, blocks, True, meta=dup_meta) \
            .shuffle("_block", shuffle_method=_SHUFFLE)
        audit_meta = _empty_audit().assign(_pos=np.int64(0), _rpos=np.int64(0))
        done = [dask.delayed(_dedup_part, nout=2)(p, kwargs) for p in dups.to_delayed()]
        merged = dd.from_delayed([d[0] for d in done], meta=meta, verify_meta=False)
        audit = dd.from_delayed([d[1] for d in done], meta=audit_meta, verify_meta=False)
        # back to the input's partitions, in file order
        divisions = [i << _ROW_BITS for i in range(n)] + [(n << _ROW_BITS) - 1]
        out = dd.concat([singles, merged]).set_index("_pos", divisions=divisions, sort=True,
                                                     shuffle_method=_SHUFFLE)
        audit = audit.set_index("_pos", divisions=divisions, sort=True, shuffle_method=_SHUFFLE)
        audit = audit.map_partitions(_audit_order, meta=audit_meta.set_index("_pos")
                                     .drop(columns="_rpos"))
    return out, audit


def _audit_order(audit: pd.DataFrame) -> pd.DataFrame:
    """The in-memory audit order: by the kept paper's first position, then the removed one's."""
    audit = audit.reset_index().sort_values(["_pos", "_rpos"], kind="stable")
    return audit.set_index("_pos").drop(columns="_rpos")


def _empty_audit() -> pd.DataFrame:
    from ..clean import deduplicate as in_memory
    return in_memory(schema.empty_papers())[1]
