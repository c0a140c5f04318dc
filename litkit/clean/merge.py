"""Merging linked records into one row each, and the audit of every record merged away.

Internal to :mod:`litkit.clean`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import schema
from ..schema import AUTHOR_ALIGNED
from ..names.keys import _keys
from .blocking import Components

#: the rules, strongest first (the audit names the strongest link of each removed record)
RULES = ["override", "doi", "arxiv", "title", "fuzzy"]
AUDIT_COLUMNS = {"kept_id": "string", "kept_source_ref": "string", "removed_id": "string",
                 "removed_source_ref": "string", "matched_source_ref": "string",
                 "rule": "string", "score": "Float64", "detail": "string", "fields": "string"}


def empty_audit() -> pd.DataFrame:
    """An audit table with no rows and the audit's columns and dtypes."""
    return pd.DataFrame({c: pd.Series([], dtype=d) for c, d in AUDIT_COLUMNS.items()})


def _filled(v) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return False
    if isinstance(v, str):
        return bool(v.strip())
    if isinstance(v, (list, tuple, dict)):
        return len(v) > 0
    if isinstance(v, float):
        return v == v
    try:
        return not bool(pd.isna(v))
    except (TypeError, ValueError):
        return True


_UNION = ("affiliations", "keywords", "categories")


def _fold_key(x) -> str:
    return " ".join(str(x).lower().split())



def merge(papers: pd.DataFrame, comp: Components, edges) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The merged table and the audit, from the components and the accepted links ``edges``."""
    n = len(papers)
    roots = comp.roots()
    sizes = np.bincount(roots, minlength=n)
    multi = sizes[roots] > 1
    if not multi.any():
        out = papers.copy()
        out.index = pd.RangeIndex(n)
        return out, empty_audit()

    # the record that represents each group: one with a DOI, then arXiv id, then most complete
    pos = np.arange(n)
    mpos = pos[multi]
    sub = papers.iloc[mpos]
    filled = np.zeros(n, dtype=np.int64)
    for col in ("title", "abstract", "venue", "doi", "arxiv_id", "url", "year", "citations"):
        filled[mpos] += sub[col].notna().to_numpy(dtype=bool)
    for col in ("authors", "affiliations", "keywords", "categories"):
        filled[mpos] += np.fromiter((isinstance(v, list) and len(v) > 0 for v in sub[col].tolist()),
                                    dtype=bool, count=len(mpos))
    has_doi = papers["doi"].notna().to_numpy(dtype=bool)
    has_arx = papers["arxiv_id"].notna().to_numpy(dtype=bool)
    order_ = np.argsort(roots[mpos], kind="stable")
    sorted_roots = roots[mpos][order_]
    cuts = np.flatnonzero(sorted_roots[1:] != sorted_roots[:-1]) + 1
    flat = mpos[order_].tolist()
    bounds = [0] + cuts.tolist() + [len(flat)]
    groups_list = [flat[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
    # best-matching edge per removed record (strongest rule first, then highest score)
    best_edge: dict[int, tuple] = {}
    rank = {r: k for k, r in enumerate(RULES)}
    for i, j, rule, score, detail in edges:
        for a, b in ((i, j), (j, i)):
            cur = best_edge.get(a)
            sc = -1.0 if score != score else score
            key = (rank[rule], -sc)
            if cur is None or key < cur[0]:
                best_edge[a] = (key, b, rule, score, detail)

    names = list(sub.columns)
    columns = [sub[c].astype(object).where(sub[c].notna(), None).tolist()
               if schema.COLUMNS.get(c) in (schema.STRING, schema.INT)
               else list(sub[c].to_numpy()) if schema.COLUMNS.get(c) == schema.DATE
               else sub[c].tolist()
               for c in names]
    recs = {p: dict(zip(names, vals)) for p, vals in zip(pos[multi].tolist(), zip(*columns))}
    all_refs = papers["source_ref"].tolist()
    merged, audit_rows, rep_pos, rep_rows = [], [], [], []
    for group in groups_list:
        rep = max(group, key=lambda i: (has_doi[i], has_arx[i], filled[i], -i))
        order = [rep] + [i for i in group if i != rep]
        rows = [recs[i] for i in order]
        m, taken = _merge_records(rows)
        merged.append(m)
        rep_pos.append(group[0])          # the merged paper stands where it first appeared
        rep_rows.append(rep)
        for k, i in enumerate(order[1:], 1):
            e = best_edge.get(i)
            _, other, rule, score, detail = e if e else (None, rep, "override", float("nan"), "")
            audit_rows.append({
                "kept_id": m["id"], "kept_source_ref": rows[0]["source_ref"],
                "removed_id": recs[i]["id"], "removed_source_ref": recs[i]["source_ref"],
                "matched_source_ref": all_refs[other],
                "rule": rule, "score": None if score != score else round(float(score), 4),
                "detail": detail, "fields": "; ".join(taken[k]),
                "_pos": group[0], "_rpos": i,
            })
    singles = papers.iloc[pos[~multi]]
    merged_df = schema.from_records(merged)
    for c in papers.columns:
        if c not in merged_df.columns:
            # columns of the user's own: the representative record's value
            merged_df[c] = papers[c].iloc[rep_rows].reset_index(drop=True)
    merged_df = merged_df[list(papers.columns)]
    for c in papers.columns:
        if merged_df[c].dtype != papers[c].dtype:
            try:
                merged_df[c] = merged_df[c].astype(papers[c].dtype)
            except (TypeError, ValueError):
                pass
    out = pd.concat([singles, merged_df], ignore_index=True)
    order = np.argsort(np.concatenate([pos[~multi], np.asarray(rep_pos, dtype=np.int64)]),
                       kind="stable")
    out = out.iloc[order].reset_index(drop=True)
    audit = pd.DataFrame(audit_rows).sort_values(["_pos", "_rpos"], kind="stable")
    audit = audit.drop(columns=["_pos", "_rpos"]).reset_index(drop=True)
    return out, audit.astype(AUDIT_COLUMNS)


def _is_upper(s) -> bool:
    return isinstance(s, str) and s.upper() == s and any(c.isalpha() for c in s) \
        and s.lower() != s


def _merge_records(rows: list[dict]) -> tuple[dict, list[list[str]]]:
    """Merge records (the representative first). Returns the record and, per input record,
    the fields the merged record took from it."""
    rep = rows[0]
    out = {c: rep.get(c) for c in schema.COLUMNS}
    taken: list[list[str]] = [[] for _ in rows]

    def pick(field, k):
        out[field] = rows[k].get(field)
        if k:
            taken[k].append(field)

    # title: the representative's, unless it is in capitals and another is not (Web of Science)
    if _is_upper(rep.get("title")):
        for k, r in enumerate(rows[1:], 1):
            if _filled(r.get("title")) and not _is_upper(r["title"]):
                pick("title", k)
                break
    for field in ("title", "venue", "doi", "arxiv_id", "url", "year", "date"):
        if not _filled(out.get(field)):
            for k, r in enumerate(rows[1:], 1):
                if _filled(r.get(field)):
                    pick(field, k)
                    break
    # a journal name beats "arXiv"
    if isinstance(out.get("venue"), str) and out["venue"].lower() == "arxiv":
        for k, r in enumerate(rows[1:], 1):
            v = r.get("venue")
            if _filled(v) and str(v).lower() != "arxiv":
                pick("venue", k)
                break
    # the longest abstract: never lost
    best, best_len = 0, len(rep["abstract"]) if _filled(rep.get("abstract")) else -1
    for k, r in enumerate(rows[1:], 1):
        a = r.get("abstract")
        if _filled(a) and len(a) > best_len:
            best, best_len = k, len(a)
    if best:
        pick("abstract", best)
    # the fullest author list: a complete list over a truncated one, then the longest
    def score(r):
        a = r.get("authors") if isinstance(r.get("authors"), list) else []
        return (len(a) > 0, not bool(r.get("authors_truncated")), len(a))
    best = max(range(len(rows)), key=lambda k: (score(rows[k]), -k))
    author_src = 0
    if best and score(rows[best]) > score(rep):
        author_src = best
        pick("authors", best)
        out["authors_truncated"] = bool(rows[best].get("authors_truncated"))
        taken[best].append("authors_truncated")
    # unions, in order, without case-only repeats
    for field in _UNION:
        vals, seen = [], set()
        for k, r in enumerate(rows):
            v = r.get(field)
            for x in (v if isinstance(v, list) else []):
                fk = _fold_key(x)
                if fk not in seen:
                    seen.add(fk)
                    vals.append(x)
                    if k and field not in taken[k]:
                        taken[k].append(field)
        out[field] = vals
    # the highest citation count
    cits = [(r.get("citations"), k) for k, r in enumerate(rows) if _filled(r.get("citations"))]
    if cits:
        c, k = max(cits, key=lambda t: (int(t[0]), -t[1]))
        out["citations"] = int(c)
        if k:
            taken[k].append("citations")
    # extra: the representative's wins; provenance of every record kept
    extra: dict = {}
    for k, r in reversed(list(enumerate(rows))):
        e = r.get("extra")
        if isinstance(e, dict):
            for key in e:
                if k and key not in (rep.get("extra") or {}) and key not in ("source_refs", "merged_ids") \
                        and key not in AUTHOR_ALIGNED:
                    if f"extra.{key}" not in taken[k]:
                        taken[k].append(f"extra.{key}")
            extra.update(e)
    _aligned_extra(rows, author_src, out.get("authors"), extra, taken)
    refs, ids = [], []
    for r in rows:
        e = r.get("extra") if isinstance(r.get("extra"), dict) else {}
        refs.extend(e.get("source_refs") or [r.get("source_ref")])
        if r is not rep:
            ids.extend(e.get("merged_ids") or [])
            ids.append(r.get("id"))
    prior = (rep.get("extra") or {}).get("merged_ids") or []
    extra["source_refs"] = [x for x in dict.fromkeys(refs) if x is not None]
    extra["merged_ids"] = [x for x in dict.fromkeys(list(prior) + ids) if x is not None]
    out["extra"] = extra
    for c in ("year", "citations"):
        v = out.get(c)
        out[c] = None if not _filled(v) else int(v)
    if not _filled(out.get("date")):
        out["date"] = None
    return out, taken


def _families(authors: list) -> list:
    return [(_keys(a)[0] or "").split(",")[0] if isinstance(a, str) else "" for a in authors]


def _aligned_extra(rows: list[dict], author_src: int, authors, extra: dict, taken) -> None:
    """Per-author ``extra`` lists (:data:`litkit.schema.AUTHOR_ALIGNED`) from the record whose
    author list was kept, else from a record listing the same authors in the same order: never a
    list that pairs its items with another record's authors."""
    present = [key for key in AUTHOR_ALIGNED
               if any(isinstance(r.get("extra"), dict) and key in r["extra"] for r in rows)]
    for key in AUTHOR_ALIGNED:
        extra.pop(key, None)
    authors = authors if isinstance(authors, list) else []
    fams = None
    for key in present:
        for k in [author_src] + [k for k in range(len(rows)) if k != author_src]:
            e = rows[k].get("extra") if isinstance(rows[k].get("extra"), dict) else {}
            v, a = e.get(key), rows[k].get("authors")
            if not isinstance(v, list) or not isinstance(a, list) or len(v) != len(authors) \
                    or len(a) != len(authors):
                continue
            if k != author_src:
                fams = _families(authors) if fams is None else fams
                if _families(a) != fams:
                    continue
            extra[key] = v
            if k and f"extra.{key}" not in taken[k]:
                taken[k].append(f"extra.{key}")
            break
