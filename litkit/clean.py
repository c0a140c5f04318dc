"""Cleaning: title normalisation, auditable deduplication, and field coverage.

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
import html
import re
import unicodedata

import numpy as np
import pandas as pd

from . import schema
from .dask import dispatch, is_dask
from .names import _keys, _swap

__all__ = ["normalize_title", "deduplicate", "coverage"]

# --- titles ----------------------------------------------------------------------------

_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
          "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu",
          "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "ς": "sigma", "τ": "tau", "υ": "upsilon",
          "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega", "Γ": "gamma", "Δ": "delta",
          "Θ": "theta", "Λ": "lambda", "Ξ": "xi", "Π": "pi", "Σ": "sigma", "Φ": "phi", "Ψ": "psi",
          "Ω": "omega", "µ": "mu"}
_TRANS = str.maketrans({**{k: f" {v} " for k, v in _GREEK.items()}, "ß": "ss", "ø": "o",
                        "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l",
                        "đ": "d", "ð": "d", "þ": "th", "ı": "i", "&": " and "})
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:_.-]*(?:\s[^<>]*)?/?>")
_LATEX = re.compile(r"[\\{}$]")
_NONWORD = re.compile(r"[\W_]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_ARTICLE = re.compile(r"^(?:the|a|an) ")
_SUBTITLE = re.compile(r"\s*(?::|\?|!|\.\s|\s[-–—]+\s)")
_CORRECTION = re.compile(r"^(?:correction|corrigendum|erratum|errata|retraction|retracted|"
                         r"reply|response|comment|comments|author correction|publisher correction|"
                         r"expression of concern|withdrawn)\b")
_FUNCTION_WORDS = {"a", "an", "the", "of", "for", "and", "in", "on", "with", "to", "by", "from", "at",
                   "as", "or", "its", "their", "is", "are", "into", "via"}


_ACCENT = re.compile(r"\\[`'^\"~=.]\s*(?:\{\s*\\?([A-Za-z])\s*\}|\\?([A-Za-z]))"
                     r"|\\[uvHckbdrt]\s*(?:\{\s*\\?([A-Za-z])\s*\}|\s([A-Za-z]))")
_LATEX_FORMAT = re.compile(r"\\(?:text(?:it|bf|rm|tt|sc|sf|up|normal)?|emph|math(?:rm|bf|cal|bb|it|sf|"
                           r"tt|frak|scr)?|operatorname|boldsymbol|bm|mbox|hbox|small|large|Large|"
                           r"left|right|big|Big|bigg|Bigg)(?![A-Za-z])")
_LATEX_LETTER = {"ss": "ss", "o": "o", "O": "o", "ae": "ae", "AE": "ae", "oe": "oe", "OE": "oe",
                 "l": "l", "L": "l", "i": "i", "j": "j", "aa": "a", "AA": "a"}
_LATEX_CMD = re.compile(r"\\([A-Za-z]+)|\\(&)")


def _fast_latex(s: str) -> str:
    """LaTeX to words, for matching only: accents dropped (they are folded anyway), formatting
    commands removed, other commands kept as words (``\\alpha`` -> ``alpha``, as ``α`` is)."""
    s = _ACCENT.sub(lambda m: next(g for g in m.groups() if g), s)
    s = _LATEX_FORMAT.sub(" ", s)
    s = _LATEX_CMD.sub(lambda m: " and " if m.group(2) else
                       " " + _LATEX_LETTER.get(m.group(1), m.group(1)) + " "
                       if m.group(1) not in _LATEX_LETTER else _LATEX_LETTER[m.group(1)], s)
    return s.replace("{", "").replace("}", "").replace("$", " ")


_SUB_MARK = " qqsubtitleqq "


def _norm_pair(t) -> tuple[str | None, str | None]:
    """(normalised title, normalised main title before a subtitle separator or None)."""
    if t is None or t is pd.NA or (isinstance(t, float) and t != t):
        return None, None
    s = str(t)
    if "<" in s:
        s = _TAG.sub("", s)                        # CO<inf>2</inf> -> CO2, like the other databases
    if "&" in s and ";" in s:
        s = html.unescape(s)
    m = _SUBTITLE.search(s, 1)
    if m:
        s = s[:m.start()] + _SUB_MARK + s[m.start():]
    if _LATEX.search(s):
        s = _fast_latex(s)
    if not s.isascii():
        s = _COMBINING.sub("", unicodedata.normalize("NFKD", s.translate(_TRANS)))
    else:
        s = s.replace("&", " and ")
    s = " ".join(_NONWORD.sub(" ", s.lower()).split())
    main = None
    if m:
        head, _, tail = s.partition(_SUB_MARK.strip())
        head = " ".join(head.split())
        s = " ".join((head + " " + tail).split())
        main = _ARTICLE.sub("", head) or None
    s = _ARTICLE.sub("", s)
    return s or None, main


def _norm_one(t) -> str | None:
    return _norm_pair(t)[0]


def normalize_title(title) -> str | None:
    """A title reduced to what survives every database's way of writing it.

    Lower case; LaTeX decoded (``{\\"u}`` -> ``u``, ``$\\alpha$`` -> ``alpha``); HTML/JATS markup
    removed without a gap (``CO<inf>2</inf>`` -> ``co2``); accents folded; Greek letters
    spelled out (``α`` -> ``alpha``); ``&`` -> ``and``; punctuation and dashes to single spaces;
    a leading ``the``/``a``/``an`` dropped.

    Parameters
    ----------
    title : str or None

    Returns
    -------
    str or None
        ``None`` for a missing or empty title.

    Examples
    --------
    >>> normalize_title("The {E}ffect of $\\\\alpha$-Synuclein: A Review.")
    'effect of alpha synuclein a review'
    >>> normalize_title("CO<inf>2</inf> capture &amp; storage") == normalize_title("CO2 Capture and Storage")
    True
    """
    return _norm_one(title)


_NUMBER_WORD = re.compile(r"\b(?:\w*\d\w*|i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|first|second|third|"
                          r"fourth|fifth|sixth|part|vol|volume|supplement|extended|abstract)\b")


def _numbers(words: str) -> frozenset:
    return frozenset(_NUMBER_WORD.findall(words))


def _edits_are_typos(x: str, y: str) -> bool:
    """True when two titles differ only by typos, split/joined words and function words.

    A changed word ("Text" -> "Image", "Nano" -> "Ultra") means another paper, however
    similar the rest of the title is."""
    a, b = x.split(), y.split()
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        wa, wb = a[i1:i2], b[j1:j2]
        if op in ("delete", "insert"):
            if any(w not in _FUNCTION_WORDS for w in wa + wb):
                return False
            continue
        ja = "".join(w for w in wa if w not in _FUNCTION_WORDS) or "".join(wa)
        jb = "".join(w for w in wb if w not in _FUNCTION_WORDS) or "".join(wb)
        if ja == jb:
            continue
        if min(len(ja), len(jb)) < 4:
            return False
        if difflib.SequenceMatcher(None, ja, jb, autojunk=False).ratio() < 0.8:
            return False
    return True


def _similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


# --- union-find with cannot-link constraints ---------------------------------------------

class _Components:
    def __init__(self, n: int, doi: list, arx: list):
        self.parent = list(range(n))
        self.doi = list(doi)          # per root: the DOI of the component (None if none)
        self.arx = list(arx)
        self.forbid: dict[int, set] = {}   # root -> nodes it must not join (overrides)

    def find(self, i: int) -> int:
        p = self.parent
        root = i
        while p[root] != root:
            root = p[root]
        while p[i] != root:
            p[i], i = root, p[i]
        return root

    def union(self, i: int, j: int, *, check_ids: str | None) -> bool:
        """Join the components of i and j; refuse when an override separates them, or when
        (``check_ids``) their DOIs (``"doi"``) or DOIs and arXiv ids (``"all"``) conflict."""
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        if self.forbid:
            for x in self.forbid.get(a, ()):
                if self.find(x) == b:
                    return False
            for x in self.forbid.get(b, ()):
                if self.find(x) == a:
                    return False
        da, db = self.doi[a], self.doi[b]
        xa, xb = self.arx[a], self.arx[b]
        if check_ids and da is not None and db is not None and da != db:
            return False
        if check_ids == "all" and xa is not None and xb is not None and xa != xb:
            return False
        self.parent[b] = a
        self.doi[a] = da if da is not None else db
        self.arx[a] = xa if xa is not None else xb
        if b in self.forbid:
            self.forbid.setdefault(a, set()).update(self.forbid.pop(b))
        return True

    def roots(self) -> np.ndarray:
        return np.fromiter((self.find(i) for i in range(len(self.parent))), dtype=np.int64,
                           count=len(self.parent))


# --- the deduplication ------------------------------------------------------------------

_RULES = ["override", "doi", "arxiv", "title", "fuzzy"]
_AUDIT_COLUMNS = {"kept_id": "string", "kept_source_ref": "string", "removed_id": "string",
                  "removed_source_ref": "string", "matched_source_ref": "string",
                  "rule": "string", "score": "Float64", "detail": "string", "fields": "string"}


def _empty_audit() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=d) for c, d in _AUDIT_COLUMNS.items()})


def _first_author_codes(authors: pd.Series) -> tuple[np.ndarray, ...]:
    """Integer codes of the first author's family name and family + initial key, each also
    read family-first (for two-word names such as "Wang Ying"); -1 where missing."""
    fam, fam2, key, key2 = [], [], [], []
    for a in authors.tolist():
        if not isinstance(a, (list, tuple)) or not a or not isinstance(a[0], str):
            fam.append(None)
            fam2.append(None)
            key.append(None)
            key2.append(None)
            continue
        k = _keys(a[0])[0]
        fam.append(k.split(",")[0] if k else None)
        key.append(k)
        sw = _swap(a[0])[1]
        fam2.append(sw.split(",")[0] if sw else None)
        key2.append(sw)
    n = len(fam)
    codes, _ = pd.factorize(pd.Series(fam + fam2, dtype="object"), use_na_sentinel=True)
    kcodes, _ = pd.factorize(pd.Series(key + key2, dtype="object"), use_na_sentinel=True)
    return (codes[:n].astype(np.int64), codes[n:].astype(np.int64),
            kcodes[:n].astype(np.int64), kcodes[n:].astype(np.int64))


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


_FIRST_INT = re.compile(r"\d+")


def _numbers_of(extras: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Volume, issue and first page as integers (-1 when unknown) from ``extra``."""
    out = np.full((3, len(extras)), -1, dtype=np.int64)
    for k, e in enumerate(extras):
        if not isinstance(e, dict) or not e:
            continue
        for row, names in enumerate((("volume",), ("issue", "number"),
                                     ("page_start", "pages", "page"))):
            for nm in names:
                v = e.get(nm)
                if isinstance(v, (str, int)) and not isinstance(v, bool):
                    m = _FIRST_INT.search(str(v))
                    if m and len(m.group()) < 12:
                        out[row, k] = int(m.group())
                        break
    return out[0], out[1], out[2]


def _same_issue(i, j, nums) -> bool:
    """False when both records give a volume or issue and they differ, or first pages more
    than two apart (proceedings parts, corrections in later volumes, editions)."""
    for k, arr in enumerate(nums):
        a, b = arr[i], arr[j]
        if a >= 0 and b >= 0 and abs(a - b) > (2 if k == 2 else 0):
            return False
    return True


def _compatible(i, j, year, fam, fam2, *, need_authors: bool) -> bool:
    yi, yj = year[i], year[j]
    if yi == yi and yj == yj and abs(yi - yj) > 1:
        return False
    fi, fj = fam[i], fam[j]
    if fi < 0 or fj < 0:
        return not need_authors
    return fi == fj or (fam2[j] >= 0 and fi == fam2[j]) or (fam2[i] >= 0 and fam2[i] == fj)


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
        return papers.copy(), _empty_audit()
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
    pairs_nm = [_norm_pair(t) for t in titles.tolist()]
    ntitle = pd.Series([p[0] for p in pairs_nm], dtype="object")
    main = pd.Series([p[1] for p in pairs_nm], dtype="object")
    tkey = ntitle.map(lambda s: s.replace(" ", "") if isinstance(s, str) else None)
    year = papers["year"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    fam, fam2, akey, akey2 = _first_author_codes(papers["authors"])
    nums = _numbers_of(papers["extra"].tolist())
    authors_l = papers["authors"].tolist()

    doi = papers["doi"].astype("object").where(papers["doi"].notna(), None)
    arx = papers["arxiv_id"].astype("object").where(papers["arxiv_id"].notna(), None)
    # an arXiv DOI is the arXiv id in another form
    is_arxiv_doi = doi.map(lambda d: isinstance(d, str) and d.startswith("10.48550/arxiv."))
    arx = arx.where(~(arx.isna() & is_arxiv_doi),
                    doi.map(lambda d: d[len("10.48550/arxiv."):] if isinstance(d, str) else None))
    doi_cmp = doi.where(~is_arxiv_doi, None)
    doi_l, arx_l = doi_cmp.tolist(), arx.tolist()
    comp = _Components(n, doi_l, arx_l)

    edges: list[tuple[int, int, str, float, str]] = []   # accepted links, for the audit

    def sim(i, j) -> float:
        a, b = ntitle[i], ntitle[j]
        if not isinstance(a, str) or not isinstance(b, str):
            return float("nan")
        return _similarity(a, b)

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
    correction = ntitle.map(lambda s: bool(_CORRECTION.match(s)) if isinstance(s, str) else False)
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
                if not _same_issue(i, j, nums):
                    continue
                if not _compatible(i, j, year, fam, fam2, need_authors=short):
                    # databases mangle group authors ("Team A."): a long title in the same
                    # year is evidence enough
                    if not (nwords[i] >= 8 and year[i] == year[j]):
                        continue
                if short and not (year[i] == year[j]):
                    continue
                if comp.union(i, j, check_ids="all"):
                    edges.append((i, j, "title", 1.0, _title_detail(i, j, year, authors_l)))

    # 4. near-duplicates: sorted neighbourhood, filtered vectorised, then scored
    cand = _fuzzy_candidates(ntitle, akey, window)
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
            if _numbers(x) != _numbers(y):
                continue
            sm = difflib.SequenceMatcher(None, x, y, autojunk=False)
            if sm.real_quick_ratio() < threshold or sm.quick_ratio() < threshold:
                continue
            score = sm.ratio()
            if score >= threshold and _edits_are_typos(x, y) \
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
            if i == j or correction[i] != correction[j] or not _same_issue(i, j, nums):
                continue
            if _numbers(ntitle[i]) != _numbers(ntitle[j]):     # "... (II)", "Part 2"
                continue
            if not _compatible(i, j, year, fam, fam2, need_authors=True):
                continue
            if comp.union(j, i, check_ids="all"):
                edges.append((j, i, "fuzzy", sim(i, j),
                              "one title is the other's without its subtitle; "
                              + _title_detail(i, j, year, authors_l)))

    return _merge(papers, comp, edges)


def _title_detail(i, j, year, authors: list) -> str:
    yi, yj = year[i], year[j]
    ys = "years " + "/".join("?" if y != y else str(int(y)) for y in (yi, yj))
    ai, aj = authors[i], authors[j]
    fa = ai[0] if isinstance(ai, list) and ai else "?"
    fb = aj[0] if isinstance(aj, list) and aj else "?"
    return f"first authors {fa!r}/{fb!r}; {ys}"


def _filled(v) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return False
    t = type(v)
    if t is str:
        return bool(v.strip())
    if t is list or t is dict:
        return len(v) > 0
    if t is int:
        return True
    if isinstance(v, (list, tuple, dict)):
        return len(v) > 0
    if isinstance(v, float) and v != v:
        return False
    if v is pd.NaT:
        return False
    if isinstance(v, str):
        return bool(v.strip())
    try:
        return not bool(pd.isna(v))
    except (TypeError, ValueError):
        return True


def _fuzzy_candidates(ntitle: pd.Series, fam: np.ndarray, window: int) -> np.ndarray:
    """Pairs (i < j) of records that are near each other in one of three sort orders."""
    n = len(ntitle)
    has = ntitle.notna().to_numpy()
    idx = np.flatnonzero(has)
    if len(idx) < 2:
        return np.empty((0, 2), dtype=np.int64)
    t = ntitle[has].tolist()
    orders = []
    fwd = np.array(t, dtype=object)
    orders.append(idx[np.argsort(fwd, kind="stable")])
    rev = np.array([s[::-1] for s in t], dtype=object)
    orders.append(idx[np.argsort(rev, kind="stable")])
    f = fam[idx]
    by_author = np.lexsort((np.argsort(np.argsort(fwd, kind="stable"), kind="stable"), f))
    sel = f[by_author] >= 0
    orders.append(idx[by_author][sel])
    out = []
    for order in orders:
        for k in range(1, window + 1):
            if len(order) <= k:
                break
            a, b = order[:-k], order[k:]
            out.append(np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1))
    pairs = np.concatenate(out)
    code = np.sort(pairs[:, 0] * n + pairs[:, 1])
    code = code[np.concatenate(([True], code[1:] != code[:-1]))]
    return np.stack([code // n, code % n], axis=1)


_UNION = ("affiliations", "keywords", "categories")


def _fold_key(x) -> str:
    return " ".join(str(x).lower().split())


def _merge(papers: pd.DataFrame, comp: _Components, edges) -> tuple[pd.DataFrame, pd.DataFrame]:
    n = len(papers)
    roots = comp.roots()
    sizes = np.bincount(roots, minlength=n)
    multi = sizes[roots] > 1
    if not multi.any():
        out = papers.copy()
        out.index = pd.RangeIndex(n)
        return out, _empty_audit()

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
    rank = {r: k for k, r in enumerate(_RULES)}
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
    return out, audit.astype(_AUDIT_COLUMNS)


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
    if best and score(rows[best]) > score(rep):
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
                if k and key not in (rep.get("extra") or {}) and key not in ("source_refs", "merged_ids"):
                    if f"extra.{key}" not in taken[k]:
                        taken[k].append(f"extra.{key}")
            extra.update(e)
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


# --- coverage ---------------------------------------------------------------------------

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
    >>> cov = litkit.coverage(papers)                                          # doctest: +SKIP
    >>> cov.pivot(index="field", columns="source", values="share")             # doctest: +SKIP
    >>> cov.dropna(subset=["hint"])                                            # doctest: +SKIP
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
