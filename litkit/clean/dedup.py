"""Deduplication: the rules that link records, and :func:`deduplicate`.

Deduplication (:func:`deduplicate`) links records in four rules, strongest first:

``doi``    the same DOI;
``arxiv``  the same arXiv id (an arXiv DOI ``10.48550/arxiv.X`` counts as arXiv id ``X``);
``title``  the same normalised title (case, punctuation, spacing, LaTeX, markup, accents, Greek
           letters, a leading article), with years within one and first authors agreeing
           (family name; for a title of eight words or more the same year is enough, as
           databases mangle group authors);
``fuzzy``  nearly the same title (a typo, a changed word; similarity >= 0.9), or one title being
           the other's main title with the subtitle dropped -- years within one and the same
           first author required, numbers in the titles equal ("Part II" != "Part III"), and
           a correction or erratum never matched to its paper.

Generic titles ("Editorial", "Reply to comments", "Comment on X", a title many different first
authors carry) and short ones (under four words) never merge on the title alone: they need the
same year, first authors agreeing and further evidence -- the full first name, co-authors, the
venue, volume and page, the abstract; see :mod:`litkit.clean.evidence`.

Title and fuzzy matches also need the volume and issue to agree where both records give them
(and first pages within two): proceedings parts and corrections share titles; and venues of
different kinds (a conference paper and its journal version) are never merged by their titles.

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
from .blocking import (PAGE_TOLERANCE, Components, compatible, first_author_codes, fuzzy_candidates,
                       numbers_of, same_issue)
from .evidence import SHORT_WORDS, SPECIFIC, Evidence, strength
from .venues import venue_kinds
from .merge import empty_audit, merge
from .overrides import user_pairs
from .titles import CORRECTION, edits_are_typos, norm_pair, numbers, similarity

__all__ = ["deduplicate"]


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

    Notes
    -----
    The rules are in the module docstring (:mod:`litkit.clean.dedup`). Two records are never
    merged on their title alone when the title is generic ("Editorial", "Reply to comments",
    "Comment on X", a title many different first authors carry) or short (under four words):
    then the year, the first author and further evidence must agree (full first name,
    co-authors, venue, volume and page, abstract; :mod:`litkit.clean.evidence`), and the
    audit's ``detail`` names that evidence. A conference paper and a journal paper with the
    same title stay two papers unless a DOI or arXiv id ties them.

    Examples
    --------
    Three arXiv papers, and the same three exported again without their arXiv ids:

    >>> import litkit, litkit.data
    >>> import pandas as pd
    >>> part = litkit.read(litkit.data.ARXIV_SAMPLE).iloc[:3]
    >>> again = part.assign(source_ref=part["source_ref"] + "(again)",
    ...                     arxiv_id=pd.Series([None] * 3, dtype="string"))
    >>> deduped, audit = deduplicate(pd.concat([part, again], ignore_index=True))
    >>> len(deduped), len(audit), audit["rule"].tolist()
    (3, 3, ['title', 'title', 'title'])
    >>> audit["detail"].iloc[0]
    "first authors 'Zhengyuan Peng'/'Zhengyuan Peng'; years 2025/2025"

    Your decision on a pair, from the audit's references, is kept for the next run:

    >>> fix = pd.DataFrame({"a": [audit["removed_source_ref"].iloc[0]],
    ...                     "b": [audit["kept_source_ref"].iloc[0]], "action": ["separate"]})
    >>> deduped, audit = deduplicate(pd.concat([part, again], ignore_index=True), overrides=fix)
    >>> len(deduped), len(audit)
    (4, 2)

    Generic titles need more than the title:

    >>> two = litkit.schema.from_records([
    ...     {"id": "a", "title": "Editorial", "authors": ["Ann Wang"], "year": 2020, "source_ref": "x:1"},
    ...     {"id": "b", "title": "Editorial", "authors": ["Mona Wang"], "year": 2020, "source_ref": "x:2"}])
    >>> len(deduplicate(two)[1])
    0
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


#: a title group larger than this is compared within each first author and year only,
#: each record with the next LARGE_GROUP of them ("Editorial" in a journal's whole run)
LARGE_GROUP = 50
#: a title of this many words or more, in the same year, merges even when the first authors
#: disagree (databases mangle group authors: "Team A.")
LONG_TITLE = 8
#: identifiers that tie two records whose titles are less similar than this get a warning
ID_TITLE_WARNING = 0.6
#: fuzzy matches: shortest title (characters), length ratio and shared-word share
FUZZY_MIN_CHARS = 20
FUZZY_LENGTH_RATIO = 0.8
FUZZY_WORD_SHARE = 0.5
#: the subtitle rule: a main title needs this many words and characters
MAIN_MIN_WORDS = 4
MAIN_MIN_CHARS = 25
_ARXIV_DOI = "10.48550/arxiv."


class _Table:
    """What the rules read of each record, computed once."""

    def __init__(self, papers: pd.DataFrame):
        self.n = len(papers)
        pairs_nm = [norm_pair(t) for t in papers["title"].tolist()]
        self.ntitle = pd.Series([p[0] for p in pairs_nm], dtype="object")
        self.main = pd.Series([p[1] for p in pairs_nm], dtype="object")
        self.tkey = pd.Series([s.replace(" ", "") if isinstance(s, str) else None
                               for s in self.ntitle.tolist()], dtype="object")
        self.nwords = self.ntitle.map(lambda s: s.count(" ") + 1 if isinstance(s, str) else 0).to_numpy()
        self.correction = self.ntitle.map(lambda s: bool(CORRECTION.match(s)) if isinstance(s, str)
                                          else False).to_numpy(dtype=bool)
        self.year = papers["year"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        self.fam, self.fam2, self.akey, self.akey2 = first_author_codes(papers["authors"])
        self.nums = numbers_of(papers["extra"].tolist())
        self.authors = papers["authors"].tolist()
        self.strength = strength(self.ntitle, self.tkey, self.fam)
        self.kind = venue_kinds(papers["venue"])
        self.evidence = Evidence(papers, self.year, self.nums)

    def sim(self, i, j) -> float:
        a, b = self.ntitle[i], self.ntitle[j]
        if not isinstance(a, str) or not isinstance(b, str):
            return float("nan")
        return similarity(a, b)

    def detail(self, i, j) -> str:
        return _title_detail(i, j, self.year, self.authors)

    def weak_evidence(self, i, j) -> str | None:
        """For a generic or short title: the evidence beyond it, or None when not enough.
        For a specific title: ``""``."""
        level = max(self.strength[i], self.strength[j])
        if level == SPECIFIC:
            return ""
        return self.evidence.weigh(i, j, int(level))


def _identifiers(papers):
    doi = papers["doi"].astype("object").where(papers["doi"].notna(), None)
    arx = papers["arxiv_id"].astype("object").where(papers["arxiv_id"].notna(), None)
    # an arXiv DOI is the arXiv id in another form
    is_arxiv_doi = doi.map(lambda d: isinstance(d, str) and d.startswith(_ARXIV_DOI))
    arx = arx.where(~(arx.isna() & is_arxiv_doi),
                    doi.map(lambda d: d[len(_ARXIV_DOI):] if isinstance(d, str) else None))
    return doi.where(~is_arxiv_doi, None), arx


def _deduplicate(papers, overrides, window, threshold):
    t = _Table(papers)
    doi, arx = _identifiers(papers)
    comp = Components(t.n, doi.tolist(), arx.tolist(), t.kind.tolist())
    edges: list[tuple[int, int, str, float, str]] = []   # accepted links, for the audit
    _link_overrides(papers, overrides, t, comp, edges)
    _link_identifiers(doi, arx, t, comp, edges)
    _link_titles(t, comp, edges)
    _link_fuzzy(t, comp, edges, window, threshold)
    _link_subtitles(t, comp, edges)
    return merge(papers, comp, edges)


def _link_overrides(papers, overrides, t, comp, edges):
    """0. the user's decisions"""
    decided = user_pairs(overrides, papers["id"], papers["source_ref"])
    for i, j, action, a, b in decided:
        if action == "separate":
            comp.forbid.setdefault(i, set()).add(j)
            comp.forbid.setdefault(j, set()).add(i)
    for i, j, action, a, b in decided:
        if action == "merge" and comp.union(i, j, check_ids=None):
            edges.append((i, j, "override", t.sim(i, j), f"merged by override ({a} = {b})"))


def _link_identifiers(doi, arx, t, comp, edges):
    """1-2. the same DOI; the same arXiv id (unless their DOIs differ)"""
    for rule, values, check in (("doi", doi, None), ("arxiv", arx, "doi")):
        s = pd.Series(values.tolist(), dtype="object")
        dup = s.notna() & s.duplicated(keep=False)
        if not dup.any():
            continue
        for value, idx in s[dup].groupby(s[dup], sort=False).groups.items():
            idx = list(idx)
            for j in idx[1:]:
                if comp.union(idx[0], j, check_ids=check):
                    score = t.sim(idx[0], j)
                    what = f"same {'DOI' if rule == 'doi' else 'arXiv id'} {value}"
                    if score == score and score < ID_TITLE_WARNING:
                        what += (f"; the titles differ (similarity {score:.2f}): check the "
                                 "identifier, and separate them with overrides if needed")
                    edges.append((idx[0], j, rule, score, what))


def _title_pairs(idx: list, t) -> list[tuple[int, int]]:
    """Pairs to compare within one title group: all of them, or in a large group (a generic
    title) each record with the next LARGE_GROUP of the same first author and year."""
    if len(idx) <= LARGE_GROUP:
        return [(a, b) for k, a in enumerate(idx) for b in idx[k + 1:]]
    fam, year = t.fam, t.year
    block = lambda i: (fam[i], year[i] if year[i] == year[i] else -1)  # noqa: E731
    idx = sorted(idx, key=lambda i: (block(i), str(t.authors[i][:1]), i))
    pairs = []
    for k, a in enumerate(idx):
        for b in idx[k + 1:k + 1 + LARGE_GROUP]:
            if block(b) != block(a):
                break
            pairs.append((a, b))
    return pairs


def _link_titles(t, comp, edges):
    """3. the same normalised title, years within one, first authors agreeing"""
    tk = t.tkey
    dup = tk.notna() & tk.duplicated(keep=False)
    if not dup.any():
        return
    for _, idx in tk[dup].groupby(tk[dup], sort=False).groups.items():
        for i, j in _title_pairs(list(idx), t):
            if not same_issue(i, j, t.nums):
                continue
            why = t.weak_evidence(i, j)
            if why is None:
                continue
            if not why and not compatible(i, j, t.year, t.fam, t.fam2, need_authors=False):
                # databases mangle group authors ("Team A."): a long title in the same
                # year is evidence enough
                if not (t.nwords[i] >= LONG_TITLE and t.year[i] == t.year[j]):
                    continue
            if comp.union(i, j, check_ids="all"):
                edges.append((i, j, "title", 1.0, (why + "; " if why else "") + t.detail(i, j)))


def _link_fuzzy(t, comp, edges, window, threshold):
    """4. near-duplicates: sorted neighbourhood, filtered vectorised, then scored"""
    cand = fuzzy_candidates(t.ntitle, t.akey, window)
    if not len(cand):
        return
    year, akey, akey2, nwords = t.year, t.akey, t.akey2, t.nwords
    roots = comp.roots()
    a, b = cand[:, 0], cand[:, 1]
    keep = roots[a] != roots[b]
    ya, yb = year[a], year[b]
    keep &= ~((ya == ya) & (yb == yb) & (np.abs(ya - yb) > 1))
    fa, fb, f2a, f2b = akey[a], akey[b], akey2[a], akey2[b]
    keep &= (fa >= 0) & (fb >= 0) & ((fa == fb) | ((f2b >= 0) & (fa == f2b)) | ((f2a >= 0) & (f2a == fb)))
    lens = t.ntitle.map(lambda s: len(s) if isinstance(s, str) else 0).to_numpy()
    la, lb = lens[a], lens[b]
    keep &= (np.minimum(la, lb) >= FUZZY_MIN_CHARS) & \
        (np.minimum(la, lb) >= FUZZY_LENGTH_RATIO * np.maximum(la, lb))
    keep &= (nwords[a] >= SHORT_WORDS) & (nwords[b] >= SHORT_WORDS)
    keep &= t.correction[a] == t.correction[b]
    # (venue kinds are checked when joining: Components)
    for k, arr in enumerate(t.nums):     # a first page may be off by one or two in a source
        keep &= ~((arr[a] >= 0) & (arr[b] >= 0)
                  & (np.abs(arr[a] - arr[b]) > (PAGE_TOLERANCE if k == 2 else 0)))
    nt = t.ntitle.tolist()
    for i, j in cand[keep].tolist():
        x, y = nt[i], nt[j]
        wx, wy = set(x.split()), set(y.split())
        if len(wx & wy) < FUZZY_WORD_SHARE * len(wx | wy):
            continue
        if numbers(x) != numbers(y):
            continue
        sm = difflib.SequenceMatcher(None, x, y, autojunk=False)
        if sm.real_quick_ratio() < threshold or sm.quick_ratio() < threshold:
            continue
        score = sm.ratio()
        if score < threshold or not edits_are_typos(x, y):
            continue
        why = t.weak_evidence(i, j)
        if why is not None and comp.union(i, j, check_ids="all"):
            edges.append((i, j, "fuzzy", score, f"titles {score:.2f} similar; "
                          + (why + "; " if why else "") + t.detail(i, j)))


def _link_subtitles(t, comp, edges):
    """4b. one title is the other's main title (the subtitle was dropped)"""
    mkey = t.main.map(lambda s: s.replace(" ", "") if isinstance(s, str)
                      and s.count(" ") + 1 >= MAIN_MIN_WORDS and len(s) >= MAIN_MIN_CHARS else None)
    if not mkey.notna().any():
        return
    left = pd.DataFrame({"key": mkey, "i": np.arange(t.n)}).dropna()
    right = pd.DataFrame({"key": t.tkey, "j": np.arange(t.n)}).dropna()
    pairs = left.merge(right, on="key")
    for i, j in zip(pairs["i"].tolist(), pairs["j"].tolist()):
        if i == j or t.correction[i] != t.correction[j] or not same_issue(i, j, t.nums):
            continue
        if numbers(t.ntitle[i]) != numbers(t.ntitle[j]):     # "... (II)", "Part 2"
            continue
        if not compatible(i, j, t.year, t.fam, t.fam2, need_authors=True):
            continue
        why = t.weak_evidence(i, j)
        if why is not None and comp.union(j, i, check_ids="all"):
            edges.append((j, i, "fuzzy", t.sim(i, j),
                          "one title is the other's without its subtitle; "
                          + (why + "; " if why else "") + t.detail(i, j)))


def _title_detail(i, j, year, authors: list) -> str:
    yi, yj = year[i], year[j]
    ys = "years " + "/".join("?" if y != y else str(int(y)) for y in (yi, yj))
    ai, aj = authors[i], authors[j]
    fa = ai[0] if isinstance(ai, list) and ai else "?"
    fb = aj[0] if isinstance(aj, list) and aj else "?"
    return f"first authors {fa!r}/{fb!r}; {ys}"

