"""Deduplication: the rules that link records, and :func:`deduplicate`.

Deduplication (:func:`deduplicate`) links records in four rules, strongest first:

``doi``    the same DOI;
``arxiv``  the same arXiv id (an arXiv DOI ``10.48550/arxiv.X`` counts as arXiv id ``X``);
``title``  the same normalised title (case, punctuation, spacing, LaTeX, markup, accents, Greek
           letters, a leading article), with years within one and first authors agreeing
           (family name; for a title of eight words or more the same year is enough, as
           databases mangle group authors); a title under four words needs both;
``fuzzy``  nearly the same title (a typo, a changed word; similarity ≥ 0.9), or one title being
           the other's main title with the subtitle dropped — years within one and the same
           first author required, numbers in the titles equal ("Part II" ≠ "Part III"), and
           a correction or erratum never matched to its paper.

Title and fuzzy matches also need the volume and issue to agree where both records give them
(and first pages within two): proceedings parts and corrections share titles.

Candidate pairs come from blocking, never from all pairs: exact keys are grouped with pandas,
and near-duplicates are looked for in a sorted neighbourhood (records sorted by title, by
reversed title and by first author + title; each compared with its next few neighbours), all
vectorised, so 100,000 records take seconds and memory grows linearly. Linked records are
merged transitively (union-find). Two records that carry *different* DOIs (or arXiv ids) are
never merged by their titles: a conference paper and its journal extension stay two papers.
"""

from __future__ import annotations

import difflib
import gc

import numpy as np
import pandas as pd

from .. import schema
from ..dask import dispatch, is_dask
from .blocking import Components, compatible, first_author_codes, fuzzy_candidates, numbers_of, same_issue
from .merge import empty_audit, merge
from .titles import CORRECTION, edits_are_typos, norm_pair, numbers, similarity

__all__ = ["deduplicate"]

def _overrides(overrides, ids: pd.Series, refs: pd.Series) -> list[tuple[int, int, str, str, str]]:
    """[(i, j, action, a, b)] from the user's table, positions resolved via source_ref or id."""
    if overrides is None:
        return []
    if isinstance(overrides, pd.DataFrame):
        cols = list(overrides.columns)
        if "action" not in cols or len(cols) < 3:
            raise ValueError("overrides: a table with columns 'a', 'b' (a source_ref or an id "
                             "each) and 'action' ('merge' or 'separate'); got columns " + str(cols))
        others = [c for c in cols if c != "action"]
        a_col = "a" if "a" in cols else others[0]
        b_col = "b" if "b" in cols else [c for c in others if c != a_col][0]
        rows = list(zip(overrides[a_col], overrides[b_col], overrides["action"]))
    else:
        rows = [tuple(r) for r in overrides]
    by_ref: dict[str, list[int]] = {}
    for i, (pid, ref) in enumerate(zip(ids.tolist(), refs.tolist())):
        if isinstance(ref, str):
            by_ref.setdefault(ref, []).append(i)
        if isinstance(pid, str):
            by_ref.setdefault(pid, []).append(i)
    out = []
    for k, (a, b, action) in enumerate(rows, 1):
        action = str(action).strip().lower()
        if action not in ("merge", "separate"):
            raise ValueError(f"overrides row {k}: action {action!r} should be 'merge' or 'separate'")
        ia, ib = by_ref.get(str(a)), by_ref.get(str(b))
        for name, hit in ((a, ia), (b, ib)):
            if not hit:
                raise ValueError(f"overrides row {k}: {name!r} matches no record's source_ref or "
                                 "id; copy it from the audit table (removed_source_ref, kept_id)")
        for i in ia:
            for j in ib:
                if i != j:
                    out.append((i, j, action, str(a), str(b)))
    return out


def deduplicate(papers: pd.DataFrame, *, overrides=None, window: int = 4,
                threshold: float = 0.9) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Find and merge the records that are the same paper, and say what was done.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table, typically several exports read together. Not modified.
    overrides : pandas.DataFrame or list of tuples, optional
        Your decisions from a previous run: columns ``a``, ``b`` (each a ``source_ref`` or an
        ``id``) and ``action``, ``"separate"`` (never merge these two, whatever matches) or
        ``"merge"`` (always merge them). A reference that matches no record is an error.
    window : int
        How many sorted neighbours each record is compared with in the near-duplicate search.
    threshold : float
        The title similarity (0-1, difflib ratio on normalised titles) from which two titles
        with the same first author and years within one count as the same paper.

    Returns
    -------
    papers : pandas.DataFrame
        One row per paper, in the order of first appearance. A merged row keeps the most
        complete value of each field: the longest abstract, the longest author list (a full
        list over a truncated one), the union of affiliations, keywords and categories, the
        highest citation count, identifiers and other fields from the best record (one with a
        DOI first, then the most complete) and filled from the others. Its ``extra`` gains
        ``source_refs`` (every record merged into it, its own first) and ``merged_ids``.
    audit : pandas.DataFrame
        One row per record merged away: ``kept_id``, ``kept_source_ref``, ``removed_id``,
        ``removed_source_ref``, ``matched_source_ref`` (the record it was matched with),
        ``rule`` (override / doi / arxiv / title / fuzzy), ``score`` (title similarity, 0-1),
        ``detail`` (the evidence in words) and ``fields`` (the fields the merged record took
        from the removed one). ``len(papers) + len(audit)`` equals the rows given.

    Examples
    --------
    >>> papers = litkit.read(["scopus.csv", "wos.txt"])            # doctest: +SKIP
    >>> deduped, audit = litkit.deduplicate(papers)                  # doctest: +SKIP
    >>> audit.groupby("rule").size()                                 # doctest: +SKIP
    >>> fix = pd.DataFrame({"a": ["scopus.csv:12"], "b": ["wos.txt:88"], "action": ["separate"]})
    >>> deduped, audit = litkit.deduplicate(papers, overrides=fix)   # doctest: +SKIP
    """
    if is_dask(papers):  # a Dask DataFrame: litkit/dask
        return dispatch("deduplicate", papers, overrides=overrides, window=window,
                        threshold=threshold)
    schema.validate(papers)
    if len(papers) == 0:
        return papers.copy(), empty_audit()
    # the cyclic garbage collector would scan the ~10 objects a record holds again and again
    # while the many small tuples and dicts below are made; nothing here creates cycles
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _deduplicate(papers, overrides, window, threshold)
    finally:
        if enabled:
            gc.enable()


def _deduplicate(papers, overrides, window, threshold):
    n = len(papers)
    titles = papers["title"]
    pairs_nm = [norm_pair(t) for t in titles.tolist()]
    ntitle = pd.Series([p[0] for p in pairs_nm], dtype="object")
    main = pd.Series([p[1] for p in pairs_nm], dtype="object")
    tkey = ntitle.map(lambda s: s.replace(" ", "") if isinstance(s, str) else None)
    year = papers["year"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    fam, fam2, akey, akey2 = first_author_codes(papers["authors"])
    nums = numbers_of(papers["extra"].tolist())
    authors_l = papers["authors"].tolist()

    doi = papers["doi"].astype("object").where(papers["doi"].notna(), None)
    arx = papers["arxiv_id"].astype("object").where(papers["arxiv_id"].notna(), None)
    # an arXiv DOI is the arXiv id in another form
    is_arxiv_doi = doi.map(lambda d: isinstance(d, str) and d.startswith("10.48550/arxiv."))
    arx = arx.where(~(arx.isna() & is_arxiv_doi),
                    doi.map(lambda d: d[len("10.48550/arxiv."):] if isinstance(d, str) else None))
    doi_cmp = doi.where(~is_arxiv_doi, None)
    doi_l, arx_l = doi_cmp.tolist(), arx.tolist()
    comp = Components(n, doi_l, arx_l)

    edges: list[tuple[int, int, str, float, str]] = []   # accepted links, for the audit

    def sim(i, j) -> float:
        a, b = ntitle[i], ntitle[j]
        if not isinstance(a, str) or not isinstance(b, str):
            return float("nan")
        return similarity(a, b)

    # 0. the user's decisions
    for i, j, action, a, b in _overrides(overrides, papers["id"], papers["source_ref"]):
        if action == "separate":
            comp.forbid.setdefault(i, set()).add(j)
            comp.forbid.setdefault(j, set()).add(i)
    for i, j, action, a, b in _overrides(overrides, papers["id"], papers["source_ref"]):
        if action == "merge" and comp.union(i, j, check_ids=None):
            edges.append((i, j, "override", sim(i, j), f"merged by override ({a} = {b})"))

    # 1-2. identifiers
    for rule, values, check in (("doi", doi_cmp, None), ("arxiv", arx, "doi")):
        s = pd.Series(values.tolist(), dtype="object")
        dup = s.notna() & s.duplicated(keep=False)
        if dup.any():
            for value, idx in s[dup].groupby(s[dup], sort=False).groups.items():
                idx = list(idx)
                for j in idx[1:]:
                    if comp.union(idx[0], j, check_ids=check):
                        score = sim(idx[0], j)
                        what = f"same {'DOI' if rule == 'doi' else 'arXiv id'} {value}"
                        if score == score and score < 0.6:
                            what += (f"; the titles differ (similarity {score:.2f}): check the "
                                     "identifier, and separate them with overrides if needed")
                        edges.append((idx[0], j, rule, score, what))

    # 3. the same normalised title, years within one, first authors agreeing
    correction = ntitle.map(lambda s: bool(CORRECTION.match(s)) if isinstance(s, str) else False)
    tk = pd.Series(tkey.tolist(), dtype="object")
    dup = tk.notna() & tk.duplicated(keep=False)
    nwords = ntitle.map(lambda s: s.count(" ") + 1 if isinstance(s, str) else 0).to_numpy()
    if dup.any():
        for _, idx in tk[dup].groupby(tk[dup], sort=False).groups.items():
            idx = list(idx)
            if len(idx) > 50:   # a generic title ("Editorial"): only within the same first author
                idx.sort(key=lambda i: (fam[i], year[i] if year[i] == year[i] else -1, i))
                pairs = [(idx[k], idx[k + 1]) for k in range(len(idx) - 1)]
            else:
                pairs = [(a, b) for k, a in enumerate(idx) for b in idx[k + 1:]]
            for i, j in pairs:
                short = nwords[i] < 4
                if not same_issue(i, j, nums):
                    continue
                if not compatible(i, j, year, fam, fam2, need_authors=short):
                    # databases mangle group authors ("Team A."): a long title in the same
                    # year is evidence enough
                    if not (nwords[i] >= 8 and year[i] == year[j]):
                        continue
                if short and not (year[i] == year[j]):
                    continue
                if comp.union(i, j, check_ids="all"):
                    edges.append((i, j, "title", 1.0, _title_detail(i, j, year, authors_l)))

    # 4. near-duplicates: sorted neighbourhood, filtered vectorised, then scored
    cand = fuzzy_candidates(ntitle, akey, window)
    if len(cand):
        roots = comp.roots()
        a, b = cand[:, 0], cand[:, 1]
        keep = roots[a] != roots[b]
        ya, yb = year[a], year[b]
        keep &= ~((ya == ya) & (yb == yb) & (np.abs(ya - yb) > 1))
        fa, fb, f2a, f2b = akey[a], akey[b], akey2[a], akey2[b]
        keep &= (fa >= 0) & (fb >= 0) & ((fa == fb) | ((f2b >= 0) & (fa == f2b)) | ((f2a >= 0) & (f2a == fb)))
        lens = ntitle.map(lambda s: len(s) if isinstance(s, str) else 0).to_numpy()
        la, lb = lens[a], lens[b]
        keep &= (np.minimum(la, lb) >= 20) & (np.minimum(la, lb) >= 0.8 * np.maximum(la, lb))
        keep &= (nwords[a] >= 4) & (nwords[b] >= 4)
        corr = correction.to_numpy()
        keep &= corr[a] == corr[b]
        for k, arr in enumerate(nums):     # a first page may be off by one or two in a source
            keep &= ~((arr[a] >= 0) & (arr[b] >= 0) & (np.abs(arr[a] - arr[b]) > (2 if k == 2 else 0)))
        nt = ntitle.tolist()
        for i, j in cand[keep].tolist():
            x, y = nt[i], nt[j]
            wx, wy = set(x.split()), set(y.split())
            if len(wx & wy) < 0.5 * len(wx | wy):
                continue
            if numbers(x) != numbers(y):
                continue
            sm = difflib.SequenceMatcher(None, x, y, autojunk=False)
            if sm.real_quick_ratio() < threshold or sm.quick_ratio() < threshold:
                continue
            score = sm.ratio()
            if score >= threshold and edits_are_typos(x, y) \
                    and comp.union(i, j, check_ids="all"):
                edges.append((i, j, "fuzzy", score,
                              f"titles {score:.2f} similar; " + _title_detail(i, j, year, authors_l)))

    # 4b. one title is the other's main title (the subtitle was dropped)
    mkey = main.map(lambda s: s.replace(" ", "") if isinstance(s, str) and s.count(" ") >= 3
                    and len(s) >= 25 else None)
    if mkey.notna().any():
        left = pd.DataFrame({"key": mkey, "i": np.arange(n)}).dropna()
        right = pd.DataFrame({"key": tk, "j": np.arange(n)}).dropna()
        pairs = left.merge(right, on="key")
        for i, j in zip(pairs["i"].tolist(), pairs["j"].tolist()):
            if i == j or correction[i] != correction[j] or not same_issue(i, j, nums):
                continue
            if numbers(ntitle[i]) != numbers(ntitle[j]):     # "... (II)", "Part 2"
                continue
            if not compatible(i, j, year, fam, fam2, need_authors=True):
                continue
            if comp.union(j, i, check_ids="all"):
                edges.append((j, i, "fuzzy", sim(i, j),
                              "one title is the other's without its subtitle; "
                              + _title_detail(i, j, year, authors_l)))

    return merge(papers, comp, edges)


def _title_detail(i, j, year, authors: list) -> str:
    yi, yj = year[i], year[j]
    ys = "years " + "/".join("?" if y != y else str(int(y)) for y in (yi, yj))
    ai, aj = authors[i], authors[j]
    fa = ai[0] if isinstance(ai, list) and ai else "?"
    fb = aj[0] if isinstance(aj, list) and aj else "?"
    return f"first authors {fa!r}/{fb!r}; {ys}"

