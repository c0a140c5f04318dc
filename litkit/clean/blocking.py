"""Blocking and linking: comparable codes of each record, candidate pairs, and the union-find
that joins records under cannot-link constraints (different DOIs, the user's "separate").

Internal to :mod:`litkit.clean`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..names.keys import _keys, _swap


def find_root(parent: list, i: int) -> int:
    """The root of ``i`` in the union-find forest ``parent`` (a list, compressed on the way)."""
    root = i
    while parent[root] != root:
        root = parent[root]
    while parent[i] != root:
        parent[i], i = root, parent[i]
    return root


class Components:
    """Union-find over record positions, each root carrying its component's DOI, arXiv id and
    venue kinds (a bit mask: 1 journal, 2 conference, as :mod:`.venues` codes them)."""

    def __init__(self, n: int, doi: list, arx: list, kinds: list | None = None):
        self.parent = list(range(n))
        self.doi = list(doi)          # per root: the DOI of the component (None if none)
        self.arx = list(arx)
        self.kinds = list(kinds) if kinds is not None else [0] * n
        self.forbid: dict[int, set] = {}   # root -> nodes it must not join (overrides)

    def find(self, i: int) -> int:
        return find_root(self.parent, i)

    def union(self, i: int, j: int, *, check_ids: str | None) -> bool:
        """Join the components of i and j; refuse when an override separates them, or when
        (``check_ids``) their DOIs (``"doi"``) or DOIs and arXiv ids (``"all"``) conflict;
        ``"all"`` also refuses to join a journal-only component with a conference-only one
        (a preprint does not bridge a conference paper and its journal version)."""
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
        ka, kb = self.kinds[a], self.kinds[b]
        if check_ids == "all" and ka in (1, 2) and kb in (1, 2) and ka != kb:
            return False
        self.parent[b] = a
        self.doi[a] = da if da is not None else db
        self.arx[a] = xa if xa is not None else xb
        self.kinds[a] = ka | kb
        if b in self.forbid:
            self.forbid.setdefault(a, set()).update(self.forbid.pop(b))
        return True

    def roots(self) -> np.ndarray:
        return np.fromiter((self.find(i) for i in range(len(self.parent))), dtype=np.int64,
                           count=len(self.parent))



def first_author_codes(authors: pd.Series) -> tuple[np.ndarray, ...]:
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


_FIRST_INT = re.compile(r"\d+")
#: the longest run of digits read as a volume, issue or page (longer ones are not numbers of that kind)
_MAX_DIGITS = 11
#: first pages this far apart are still the same paper (a source may be off by one or two)
PAGE_TOLERANCE = 2


def numbers_of(extras: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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
                    if m and len(m.group()) <= _MAX_DIGITS:
                        out[row, k] = int(m.group())
                        break
    return out[0], out[1], out[2]


def same_issue(i, j, nums) -> bool:
    """False when both records give a volume or issue and they differ, or first pages more
    than two apart (proceedings parts, corrections in later volumes, editions)."""
    for k, arr in enumerate(nums):
        a, b = arr[i], arr[j]
        if a >= 0 and b >= 0 and abs(a - b) > (PAGE_TOLERANCE if k == 2 else 0):
            return False
    return True


def compatible(i, j, year, fam, fam2, *, need_authors: bool) -> bool:
    """Years within one, and first authors' family names agreeing (either reading of a
    two-word name); with no first author on one side, ``not need_authors``."""
    yi, yj = year[i], year[j]
    if yi == yi and yj == yj and abs(yi - yj) > 1:
        return False
    fi, fj = fam[i], fam[j]
    if fi < 0 or fj < 0:
        return not need_authors
    return fi == fj or (fam2[j] >= 0 and fi == fam2[j]) or (fam2[i] >= 0 and fam2[i] == fj)


def fuzzy_candidates(ntitle: pd.Series, fam: np.ndarray, window: int) -> np.ndarray:
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
