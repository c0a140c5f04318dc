"""``litkit.deduplicate`` of a Dask DataFrame: block on keys, shuffle the blocks, dedup each.

Partitions compute blocking keys (DOI, arXiv id, normalised title, main title, first-author key
in both readings) as hashes; the client joins the records that share an exact key, or that a
``merge`` override ties, into blocks (connected components of the small key table), then joins
blocks that share a first-author key while a block stays within a cap (the largest input
partition, at least :data:`MIN_BLOCK` records), and places the blocks on partitions, largest
first, each on the least loaded. Every record is shuffled to its block's partition (records in
no block stay in theirs), each partition runs the in-memory :func:`litkit.deduplicate` on its
blocks, and one shuffle puts the papers and the audit rows back in file order. So no worker
holds more than about two partitions' records at a time, however large the corpus: the client
holds the keys (56 bytes a record), the graph the block and partition of each blocked record
(24 bytes a record, each task its own partition's).

Each record travels through the shuffles as one pickled cell beside its integer keys, so that
under a distributed client the shuffles are dask's P2P shuffle (it spills to disk: a worker's
memory does not grow with the corpus; it goes through Arrow, which would turn list and dict
cells into arrays), and dask's task shuffle otherwise.
"""

from __future__ import annotations

import pickle
import re

import numpy as np
import pandas as pd

from .. import schema
from ..clean.blocking import find_root
from ._ops import _ROW_BITS, _check_lists, _positions
from . import active_client, no_string_conversion, releases, require

#: the column that holds a record (its other fields, pickled) while it is shuffled
_ROW = "_row"
_KEYS = ["doi", "arxiv", "title", "main", "author", "swapped"]
#: the columns of what goes back to file order: position, removed record's position (audit),
#: kind (0: a paper, 1: an audit row), the packed row
_BACK = ["_pos", "_rpos", "_kind", _ROW]
#: the stand-in ``source_ref`` of row k of a shuffled partition while the in-memory function
#: runs (no id or reference looks like it)
_TOKEN = "\x1f{}\x1f"
_TOKEN_RE = re.compile("\x1f(\\d+)\x1f")


def _key_hashes(values: pd.Series, kind: str) -> np.ndarray:
    """int64 hashes of non-missing keys (-1 where missing), one key space per ``kind``."""
    out = np.full(len(values), -1, dtype=np.int64)
    has = values.notna().to_numpy()
    if has.any():
        h = pd.util.hash_array((kind + "\x1f" + values[has].astype(str)).to_numpy(dtype=object))
        out[has] = (h >> np.uint64(1)).astype(np.int64)
    return out


@releases
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


#: the keys that tie records which may be the same paper by an exact rule (never split)
_EXACT = ["doi", "arxiv", "title", "main"]
#: the first-author keys (both readings): near-duplicate candidates, joined up to a cap
_AUTHOR = ["author", "swapped"]
#: the smallest cap on a block's records (the cap is the largest input partition, at least this)
MIN_BLOCK = 10_000


def _blocks(keys: pd.DataFrame, links: list[tuple[int, int]], cap: int) -> pd.Series:
    """Block number of every record that shares a key with another record, or is tied to one
    by ``links`` (pairs of positions), by position; records in no such block are left out.

    Records sharing a DOI, an arXiv id, a normalised title or a main title, or tied by a link,
    are one block whatever its size (every pair an exact rule may merge stays together).
    First-author keys (near-duplicate titles need the same first author) then join blocks,
    first by the names as written, then by either reading of two-word names, smallest author
    groups first in each pass, only while the joined block holds at most ``cap`` records:
    chained through common names, they would otherwise join about half of any large corpus
    into one block (one worker's partition, growing with the corpus). An author group too
    large for the cap is cut into runs of consecutive records (file order) of at most ``cap``.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    n = len(keys)
    if not n:
        return pd.Series([], dtype="int64")
    rows = np.concatenate([np.arange(n)[keys[c].to_numpy() >= 0] for c in _EXACT])
    vals = np.concatenate([keys[c].to_numpy()[keys[c].to_numpy() >= 0] for c in _EXACT])
    codes, uniques = pd.factorize(vals)
    where = pd.Index(keys["_pos"]).get_indexer([p for link in links for p in link])
    rows = np.concatenate([rows, where[0::2]]).astype(np.int64)
    cols = np.concatenate([n + codes, where[1::2]]).astype(np.int64)
    g = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)),
                   shape=(n + len(uniques), n + len(uniques)))
    _, label = connected_components(g, directed=False)
    label = pd.factorize(label[:n])[0]            # numbered by first record, file order
    label = _join_authors(keys, label, cap)
    sizes = np.bincount(label)
    multi = sizes[label] > 1
    return pd.Series(label[multi], index=keys["_pos"].to_numpy()[multi], dtype="int64")


def _join_authors(keys: pd.DataFrame, label: np.ndarray, cap: int,
                  passes=((("author",), True), (_AUTHOR, True))) -> np.ndarray:
    """``label`` (exact blocks) with blocks joined by shared first-author keys, each joined
    block at most ``cap`` records (see :func:`_blocks`): first by the first authors' own
    reading, then by either reading (swapped two-word names), in each pass the smallest
    groups first."""
    parent = np.arange(label.max() + 1).tolist()
    size = np.bincount(label).tolist()
    blk = label.tolist()

    def find(x):
        return find_root(parent, x)

    for columns, small_first in passes:
        rec = np.concatenate([np.arange(len(keys))[keys[c].to_numpy() >= 0] for c in columns])
        val = np.concatenate([keys[c].to_numpy()[keys[c].to_numpy() >= 0] for c in columns])
        group, _ = pd.factorize(val)
        count = np.bincount(group) if len(group) else np.zeros(0, dtype=np.int64)
        keep = count[group] > 1                      # a key no other record has ties nothing
        rec, group = rec[keep], group[keep]
        order = np.lexsort((rec, group, count[group] if small_first else -count[group]))
        current, last = -1, -1
        for r, grp in zip(rec[order].tolist(), group[order].tolist()):
            b = find(blk[r])
            if grp != last:
                current, last = b, grp
            elif b != current:
                if size[b] + size[current] <= cap:
                    if size[b] > size[current]:
                        b, current = current, b
                    parent[b] = current
                    size[current] += size[b]
                else:
                    current = b                   # the group goes on in another block
    roots = np.array([find(b) for b in range(len(parent))], dtype=np.int64)
    return pd.factorize(roots[label])[0]


def _pack(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The ``keys`` columns and one cell per row holding the other fields, pickled."""
    cols = [c for c in frame.columns if c not in keys]
    rows = [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL)
            for r in frame[cols].itertuples(index=False, name=None)]
    out = frame[keys].reset_index(drop=True)
    out[_ROW] = pd.Series(rows, dtype=object)
    return out


def _packed_meta(keys: list[str]) -> pd.DataFrame:
    return pd.DataFrame({**{k: pd.Series([], dtype="int64") for k in keys},
                         _ROW: pd.Series([], dtype=object)})


def _unpack(frame: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """The rows of a :func:`_pack`ed frame with the columns and dtypes of ``meta``."""
    cols = [c for c in meta.columns if c not in frame.columns]
    rows = [pickle.loads(b) for b in frame[_ROW].tolist()]
    data = pd.DataFrame.from_records(rows, columns=cols) if rows else meta[cols].iloc[:0].copy()
    data = data.astype({c: meta[c].dtype for c in cols if data[c].dtype != meta[c].dtype})
    data.index = frame.index
    for c in meta.columns:
        if c in frame.columns:
            data[c] = frame[c]
    return data[list(meta.columns)]


@releases
def _split(part: pd.DataFrame, blocks: pd.DataFrame, number: int) -> pd.DataFrame:
    """Partition ``number``'s records packed with their position, block and destination
    partition (``blocks``: those of its records in a multi-record block), for the shuffle to
    the destinations; a record in no such block stays in its partition, with a block of its
    own (``-1 - pos``)."""
    pos = _positions(part, {"number": number})
    mine = blocks.reindex(pos)
    alone = mine["block"].isna().to_numpy()
    block = np.where(alone, -1 - pos, mine["block"].fillna(0).to_numpy()).astype(np.int64)
    dest = np.where(alone, number, mine["dest"].fillna(0).to_numpy()).astype(np.int64)
    return _pack(part.assign(_pos=pos, _block=block, _dest=dest), ["_pos", "_block", "_dest"])


def _destinations(sizes: np.ndarray, alone: np.ndarray) -> np.ndarray:
    """The partition each multi-record block (``sizes``: its records) is deduplicated in:
    largest blocks first, each to the partition with the fewest records so far (``alone``: the
    records of each partition in no block, which stay there). No partition gets more than the
    largest input partition and the largest block together, however many partitions there are
    (hashing the blocks would pile several large ones into one partition)."""
    import heapq
    heap = [(int(v), i) for i, v in enumerate(alone.tolist())]
    heapq.heapify(heap)
    dest = np.zeros(len(sizes), dtype=np.int64)
    for b in np.argsort(-sizes, kind="stable").tolist():
        load, i = heapq.heappop(heap)
        dest[b] = i
        heapq.heappush(heap, (load + int(sizes[b]), i))
    return dest


def _override_names(overrides) -> set[str]:
    """Every value that may name a record in ``overrides`` (a superset; checked later)."""
    if isinstance(overrides, pd.DataFrame):
        return {str(v) for c in overrides.columns if c != "action" for v in overrides[c]}
    return {str(v) for row in overrides for v in tuple(row)[:2]}


@releases
def _named(part: pd.DataFrame, names: set[str], partition_info=None) -> pd.DataFrame:
    """The records of a partition whose id or source_ref is one of ``names``."""
    pos = _positions(part, partition_info)
    hit = (part["id"].astype(object).isin(names) | part["source_ref"].astype(object).isin(names))
    hit = hit.to_numpy(dtype=bool)
    return pd.DataFrame({"_pos": pos[hit], "id": part["id"].to_numpy()[hit],
                         "source_ref": part["source_ref"].to_numpy()[hit]})


def _override_pairs(papers, overrides) -> list[tuple[int, int, str, str, str]]:
    """The user's pairs as (position, position, action, a, b), in the in-memory order.

    Only the records the overrides name are gathered; the in-memory resolver checks the table
    and says which reference matches no record.
    """
    from ..clean.overrides import user_pairs
    names = _override_names(overrides)
    meta = _named(schema.empty_papers(), names)
    named = papers[["id", "source_ref"]].map_partitions(_named, names, meta=meta).compute()
    pos = named["_pos"].to_numpy()
    return [(int(pos[i]), int(pos[j]), action, a, b) for i, j, action, a, b in
            user_pairs(overrides, named["id"].reset_index(drop=True),
                       named["source_ref"].reset_index(drop=True))]


def _token_overrides(pairs, pos: np.ndarray):
    """The pairs of this partition's records as overrides on the stand-in references, and the
    (stand-in a, stand-in b) -> (a, b) of each, its first occurrence."""
    row = {p: k for k, p in enumerate(pos.tolist())}
    rows, names = [], {}
    for i, j, action, a, b in pairs:
        if i in row and j in row:
            ta, tb = _TOKEN.format(row[i]), _TOKEN.format(row[j])
            rows.append((ta, tb, action))
            names.setdefault((ta, tb), (a, b))
    return rows or None, names


def _named_back(detail: str, names: dict) -> str:
    """An override's audit detail with the user's references in place of the stand-ins."""
    found = [_TOKEN.format(k) for k in _TOKEN_RE.findall(detail)]
    if len(found) < 2 or (found[0], found[1]) not in names:
        return detail
    a, b = names[found[0], found[1]]
    return detail.replace(found[0], a, 1).replace(found[1], b, 1)


@releases
def _dedup_part(packed: pd.DataFrame, meta: pd.DataFrame, kwargs: dict, pairs: list):
    """Deduplicate one shuffled partition: its records in no block as they are, the others
    deduplicated; the papers and the audit rows, packed together with their positions (``_kind``
    0 and 1) for the one shuffle back to file order.

    The records' ``source_ref`` are replaced by stand-ins while the in-memory function runs (a
    file read twice repeats them) and put back in every place the result holds them.
    """
    from ..clean import deduplicate as in_memory
    alone = packed["_block"].to_numpy() < 0
    singles = packed.loc[alone, ["_pos", _ROW]].assign(_rpos=np.int64(0), _kind=np.int64(0))
    if alone.all():
        return singles[_BACK]
    part = _unpack(packed[~alone], meta).sort_values("_pos", kind="stable") \
        .reset_index(drop=True)
    pos = part["_pos"].to_numpy()
    refs = part["source_ref"].tolist()
    token = pd.array([_TOKEN.format(k) for k in range(len(part))], dtype="string")
    overrides, names = _token_overrides(pairs, pos)
    out, audit = in_memory(part.drop(columns=["_pos", "_block"]).assign(source_ref=token),
                           overrides=overrides, **kwargs)
    row = lambda t: int(t.strip("\x1f"))  # noqa: E731
    back = lambda col: col.map(lambda t: refs[row(t)]).astype("string")  # noqa: E731
    kept = pos[audit["kept_source_ref"].map(row).to_numpy(dtype=np.int64)]
    removed = pos[audit["removed_source_ref"].map(row).to_numpy(dtype=np.int64)]
    first = pd.Series(np.minimum(kept, removed)).groupby(kept).min()
    minima = sorted(set(pos.tolist()) - set(removed.tolist()) - set(kept.tolist())
                    | set(first.tolist()))
    out = out.assign(source_ref=back(out["source_ref"]), extra=out["extra"].map(
        lambda e: {**e, "source_refs": list(dict.fromkeys(refs[row(t)] for t in e["source_refs"]))}
        if isinstance(e, dict) and "source_refs" in e else e),
        _pos=np.asarray(minima, dtype=np.int64))
    audit = audit.assign(**{c: back(audit[c]) for c in ("kept_source_ref", "removed_source_ref",
                                                           "matched_source_ref")},
                         _pos=first.reindex(kept).to_numpy(), _rpos=removed)
    if names:
        is_override = (audit["rule"] == "override").to_numpy(dtype=bool)
        audit.loc[is_override, "detail"] = audit.loc[is_override, "detail"].map(
            lambda d: _named_back(d, names))
    out = _pack(out.assign(_rpos=np.int64(0), _kind=np.int64(0)), ["_pos", "_rpos", "_kind"])
    audit = _pack(audit.assign(_kind=np.int64(1)), ["_pos", "_rpos", "_kind"])
    return pd.concat([singles[_BACK], out[_BACK], audit[_BACK]], ignore_index=True)


def deduplicate(papers, **kwargs):
    """:func:`litkit.deduplicate` of a Dask DataFrame: (papers, audit) as two Dask DataFrames.

    Records that share a DOI, an arXiv id, a normalised title or a main title (the title
    without its subtitle), or that a ``merge`` override ties, are joined into blocks, whatever
    their size; blocks that share a first-author key (near-duplicate titles need the same first
    author) are joined too while a block holds at most the largest input partition (at least
    :data:`MIN_BLOCK` records): chained through common names, first authors would join about
    half of a large corpus into one block. The records of multi-record blocks are shuffled to
    their block's partition and each partition is deduplicated by the in-memory function with
    the overrides of its records. The override, identifier, title and main-title rules give
    exactly the in-memory result. Near-duplicate titles (rule ``fuzzy``) are compared in sorted
    windows, here taken over the partition rather than the whole table: a window holds fewer
    other records, so a fuzzy pair beyond the in-memory window can be compared (and merged)
    here, and a pair whose first-author group was cut at the cap is compared only if both
    records land in one partition.

    ``overrides`` are resolved on the client (the records they name are gathered: ``id`` and
    ``source_ref`` only); a reference that matches no record is the in-memory ``ValueError``.
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
    overrides = kwargs.pop("overrides", None)
    if overrides is not None and not isinstance(overrides, pd.DataFrame):
        overrides = [tuple(row) for row in overrides]       # read twice: once per pass
    missing = [c for c in schema.COLUMNS if c not in papers.columns]
    if missing:
        raise schema.SchemaError(f"not a papers table: missing column(s) {missing}")
    _check_lists(papers, list(schema.COLUMNS))
    n = papers.npartitions
    with no_string_conversion():
        pairs = [] if overrides is None else _override_pairs(papers, overrides)
        key_meta = _block_keys(schema.empty_papers())
        keys = papers.map_partitions(_block_keys, meta=key_meta).compute()
        part_of = keys["_pos"].to_numpy() >> _ROW_BITS
        cap = max(MIN_BLOCK, int(np.bincount(part_of, minlength=n).max()) if len(keys) else 0)
        blocks = _blocks(keys, [(i, j) for i, j, action, _, _ in pairs if action == "merge"],
                         cap)
        # where each block is deduplicated; each partition's task gets its own records'
        # blocks and destinations only (24 bytes a record), in the graph: no worker holds the
        # whole table
        owner = blocks.index.to_numpy() >> _ROW_BITS
        label = blocks.to_numpy()
        alone = np.bincount(part_of, minlength=n) - np.bincount(owner, minlength=n)
        dest = _destinations(np.bincount(label), alone)
        table = pd.DataFrame({"block": label, "dest": dest[label]}, index=blocks.index)
        del keys, part_of, blocks, label, dest
        cuts = np.searchsorted(owner, np.arange(n + 1))
        slices = [dask.delayed(table.iloc[a:b], pure=True) for a, b in zip(cuts[:-1], cuts[1:])]
        del table, owner
        meta = papers._meta.assign(_pos=np.int64(0))
        method = "p2p" if active_client() is not None else "tasks"
        parts = papers.to_delayed()
        split = dask.delayed(_split, pure=True)
        # every record goes through both shuffles (to disk under P2P): records kept aside
        # until the blocks are done would wait in the workers' memory
        packed = dd.from_delayed([split(p, b, i) for i, (p, b) in
                                  enumerate(zip(parts, slices))],
                                 meta=_packed_meta(["_pos", "_block", "_dest"]),
                                 verify_meta=False)
        packed = packed.set_index("_dest", divisions=list(range(n + 1)), sort=True,
                                  shuffle_method=method)
        dup_meta = meta.assign(_block=np.int64(0))
        audit_meta = _empty_audit().assign(_pos=np.int64(0), _rpos=np.int64(0))
        done = packed.map_partitions(_dedup_part, dup_meta, kwargs, pairs,
                                     meta=_packed_meta(["_pos", "_rpos", "_kind"]))
        # papers and audit rows back to the input's partitions (of the paper's first record),
        # in file order, in one shuffle
        divisions = [i << _ROW_BITS for i in range(n)] + [(n << _ROW_BITS) - 1]
        back = done.set_index("_pos", divisions=divisions, sort=True, shuffle_method=method)
        out_meta = meta.set_index("_pos")
        audit = back.map_partitions(_audit_order, audit_meta.set_index("_pos"),
                                    meta=audit_meta.set_index("_pos").drop(columns="_rpos"))
        # each papers partition waits for its (small) audit partition, so that the papers'
        # task is the last to read a shuffled-back partition: computed with the papers, the
        # audit cannot keep every shuffled-back partition of a worker waiting in its memory
        out = back.map_partitions(_papers_of, out_meta, audit, meta=out_meta,
                                  align_dataframes=False)
    return out, audit


@releases
def _papers_of(back: pd.DataFrame, meta: pd.DataFrame, audit=None) -> pd.DataFrame:
    """The papers of a partition shuffled back (file order: sorted by the shuffle); ``audit``
    (its audit partition) is only waited for."""
    return _unpack(back.loc[back["_kind"].to_numpy() == 0, [_ROW]], meta)


@releases
def _audit_order(back: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """The audit rows of a partition shuffled back, in the in-memory order: by the kept
    paper's first position, then the removed one's."""
    audit = _unpack(back.loc[back["_kind"].to_numpy() == 1, ["_rpos", _ROW]], meta)
    audit = audit.reset_index().sort_values(["_pos", "_rpos"], kind="stable")
    return audit.set_index("_pos").drop(columns="_rpos")


def _empty_audit() -> pd.DataFrame:
    from ..clean import deduplicate as in_memory
    return in_memory(schema.empty_papers())[1]
