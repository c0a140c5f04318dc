"""Evidence beyond the title, for titles that do not identify a paper on their own.

A title identifies a paper when it is long and specific. Two classes do not:

*generic* titles, the same words on many distinct papers ("Introduction", "Editorial",
"Reply to comments", "Book review", "Erratum", "Comment on ..."). A title is generic when

1. it has no informative word: every word is a function word, a number or a word of
   :data:`GENERIC_WORDS` (the vocabulary of front matter, notes and corrections:
   "Reply to the comments on the editorial" is as generic as "Reply");
2. or it has one of the :data:`GENERIC_PREFIX` forms ("comment on X", "reply to X",
   "erratum to X", "book review: X", "introduction to the special issue ..."): several people
   comment on one paper, under the same title;
3. or the corpus says so: the same normalised title (under :data:`FREQUENT_MAX_WORDS` words)
   carried by records of :data:`FREQUENT_AUTHORS` or more different first-author family names.

*short* titles: fewer than :data:`SHORT_WORDS` words ("Deep Lookup Network").

For these, the same title, year and first-author family name + initial are not enough
("Ann Wang" and "Mona Wang" both give ``wang``): :meth:`Evidence.weigh` asks for points of
further evidence (:data:`NEEDED`: 2 for generic, 1 for short titles) and none against.

=========================================  ======  ==========================================
evidence                                    points  against (never merged)
=========================================  ======  ==========================================
first author's full first name agreeing     1       both full first names given and different;
                                                    family + initial not agreeing
co-authors overlapping (half or more)       1       both lists complete, no co-author shared;
                                                    (generic) different author counts
the same venue (abbreviations, acronyms)    1       (generic) venues that do not match
the same volume and first page              1       (always) a volume, issue or page differing
the same abstract (100 characters or more)  2
=========================================  ======  ==========================================

Venue kinds (a conference paper and its journal version) are in :mod:`.venues`.
"""

from __future__ import annotations

import difflib
import re

import numpy as np
import pandas as pd

from ..names.keys import _keys, _swap, fold
from .titles import FUNCTION_WORDS
from .venues import venue_tokens, venues_agree

__all__ = ["is_generic", "strength", "Evidence", "GENERIC_WORDS", "GENERIC_PREFIX", "SPECIFIC",
           "SHORT", "GENERIC"]

#: words of front matter, notes, replies and corrections: a title made only of these (and
#: function words and numbers) says nothing about which paper it is
GENERIC_WORDS = frozenset("""
    introduction introductions editorial editorials editor editors note notes preface foreword
    forward prologue epilogue afterword review reviews reviewed book books erratum errata
    corrigendum corrigenda correction corrections corrected addendum addenda retraction retracted
    notice concern expression withdrawn withdrawal reply replies response responses rejoinder
    discussion discussions comment comments commentary letter letters news announcement
    announcements obituary memoriam abstract abstracts index indexes contents table front back
    matter cover issue issues special guest invited keynote talk talks panel session chair chairs
    message welcome summary summaries conclusion conclusions overview acknowledgement
    acknowledgements acknowledgment acknowledgments reviewers referees list author authors
    untitled title available volume part section chapter appendix supplement supplementary
    material report reports proceedings program programme committee highlights perspective
    perspectives viewpoint opinion about this journal our year new reader readers thanks
    remarks closing opening foreword preliminary information instructions contributors
    """.split())
#: titles of this form are shared by distinct papers: comments on one paper by several people
GENERIC_PREFIX = re.compile(
    r"^(?:comments? (?:on|to)|reply (?:to|on)|response (?:to|on)|rejoinder to|discussion (?:of|on)|"
    r"correction (?:to|for)|corrigendum (?:to|for)|erratum (?:to|for)|errata (?:to|for)|"
    r"addendum to|retraction (?:of|note|notice)|notice of retraction|expression of concern|"
    r"book reviews?|introduction to (?:the )?(?:special|focus|themed|virtual) (?:issue|section)|"
    r"editorial|guest editorial|preface to|foreword to|letter to the editor)\b")
#: records of this many different first-author family names with one title make it generic
FREQUENT_AUTHORS = 3
#: ...for titles under this many words (a long title shared by several first authors is one
#: paper whose author list a database mangled, "Team A." for a group author)
FREQUENT_MAX_WORDS = 8
#: titles of fewer words are short
SHORT_WORDS = 4
#: strength levels of a title, and the points of evidence each needs
SPECIFIC, SHORT, GENERIC = 0, 1, 2
NEEDED = {SHORT: 1, GENERIC: 2}
#: abstracts shorter than this ("No abstract available") are no evidence
MIN_ABSTRACT = 100
#: the share of the shorter co-author list found in the other that counts as overlapping
COAUTHOR_SHARE = 0.5
#: abstracts this similar (difflib ratio of their first characters) are the same
ABSTRACT_SIMILARITY = 0.9
_ABSTRACT_HEAD = 400
_NUMBER = re.compile(r"^(?:\d+\w*|[ivxlc]+)$")


def is_generic(ntitle) -> bool:
    """Whether a normalised title is generic by its words (rules 1 and 2 above).

    Parameters
    ----------
    ntitle : str or None
        A title as :func:`litkit.normalize_title` gives it.

    Returns
    -------
    bool

    Examples
    --------
    >>> from litkit.clean import normalize_title
    >>> is_generic(normalize_title("Reply to the Comments on the Editorial"))
    True
    >>> is_generic(normalize_title("Comment on: Deep learning for graphs"))
    True
    >>> is_generic(normalize_title("Deep learning for graphs"))
    False
    """
    if not isinstance(ntitle, str):
        return False
    first = ntitle.partition(" ")[0]
    if first not in GENERIC_WORDS and first not in FUNCTION_WORDS and not _NUMBER.match(first):
        return False            # both rules need it (every prefix starts with a generic word)
    if GENERIC_PREFIX.match(ntitle):
        return True
    return all(w in GENERIC_WORDS or w in FUNCTION_WORDS or _NUMBER.match(w)
               for w in ntitle.split())


def strength(ntitle: pd.Series, tkey: pd.Series, fam: np.ndarray) -> np.ndarray:
    """How well each record's title identifies it: SPECIFIC, SHORT or GENERIC.

    Parameters
    ----------
    ntitle : pandas.Series
        Normalised titles (None where missing).
    tkey : pandas.Series
        The same without spaces: the key the title rule groups by.
    fam : numpy.ndarray
        Integer codes of the first author's family name (-1 where missing).

    Returns
    -------
    numpy.ndarray
        int8, one level per record (rule 3 of the module docstring uses ``tkey`` and ``fam``).

    Examples
    --------
    >>> t = pd.Series(["editorial", "ai safety", "ai safety", "ai safety", "graph neural networks in practice"])
    >>> strength(t, t.str.replace(" ", ""), np.array([0, 1, 2, 3, 1])).tolist()
    [2, 2, 2, 2, 0]
    """
    n = len(ntitle)
    out = np.zeros(n, dtype=np.int8)
    nt = ntitle.tolist()
    nwords = np.fromiter((s.count(" ") + 1 if isinstance(s, str) else 0 for s in nt),
                         dtype=np.int64, count=n)
    out[(nwords > 0) & (nwords < SHORT_WORDS)] = SHORT
    generic = np.fromiter((is_generic(s) for s in nt), dtype=bool, count=n)
    # the corpus's word: one title, many different first authors
    frame = pd.DataFrame({"t": tkey, "f": fam})
    frame = frame[frame["t"].notna() & (frame["f"] >= 0) & (nwords < FREQUENT_MAX_WORDS)]
    if len(frame):
        distinct = frame.groupby("t")["f"].nunique()
        common = set(distinct.index[distinct >= FREQUENT_AUTHORS])
        if common:
            generic |= tkey.isin(common).to_numpy(dtype=bool)
    out[generic] = GENERIC
    return out


# --- the pair evidence -----------------------------------------------------------------------

def _readings(name) -> tuple[set, set, set]:
    """(family + initial keys, full first-name keys, family names) of a name, both readings."""
    if not isinstance(name, str):
        return set(), set(), set()
    key, full = _keys(name)
    _explicit, skey, sfull = _swap(name)
    keys = {k for k in (key, skey) if k}
    fulls = {f for f in (full, sfull) if f}
    fams = {k.split(",")[0] for k in keys}
    return keys, fulls, fams


def _fulls_agree(a: set, b: set) -> bool:
    """Full-name keys agreeing: equal family, one first name the other's start ("Jian" /
    "Jiangang" from "Jian-Gang")."""
    for x in a:
        fx, _, gx = x.partition(", ")
        for y in b:
            fy, _, gy = y.partition(", ")
            if fx == fy and (gx.startswith(gy) or gy.startswith(gx)):
                return True
    return False


class Evidence:
    """What two records say about being one paper, beyond their title (see the module).

    Parameters
    ----------
    papers : pandas.DataFrame
        The papers table being deduplicated.
    year : numpy.ndarray
        Years as floats (NaN where missing).
    nums : tuple of numpy.ndarray
        Volume, issue and first page per record (-1 where unknown).

    Examples
    --------
    >>> import litkit
    >>> two = litkit.schema.from_records([
    ...     {"id": "a", "title": "Editorial", "authors": ["Ann Wang"], "year": 2020,
    ...      "venue": "Research Policy"},
    ...     {"id": "b", "title": "EDITORIAL", "authors": ["Wang, Ann"], "year": 2020,
    ...      "venue": "RESEARCH POLICY"}])
    >>> unknown = np.full(2, -1)
    >>> ev = Evidence(two, np.array([2020.0, 2020.0]), (unknown, unknown, unknown))
    >>> ev.weigh(0, 1, GENERIC)
    'generic title, so more than the title: full first-author names agree, same venue'
    """

    def __init__(self, papers: pd.DataFrame, year: np.ndarray, nums):
        self.authors = papers["authors"].tolist()
        self.truncated = papers["authors_truncated"].astype(bool).tolist()
        self.venue = papers["venue"].tolist()          # NA is not a str: no venue, no abstract
        self.abstract = papers["abstract"].tolist()
        self.year = year
        self.nums = nums
        self._people: dict[int, tuple] = {}

    def _person(self, i: int) -> tuple:
        got = self._people.get(i)
        if got is None:
            a = self.authors[i] if isinstance(self.authors[i], list) else []
            first = _readings(a[0]) if a else (set(), set(), set())
            co = [_readings(x)[2] for x in a[1:]]
            got = (first, co, len(a))
            self._people[i] = got
        return got

    def weigh(self, i: int, j: int, level: int) -> str | None:
        """The evidence in words when it is enough for a title of strength ``level``, else None."""
        yi, yj = self.year[i], self.year[j]
        if not (yi == yi and yj == yj and yi == yj):
            return None
        (ki, fi, _), co_i, ni = self._person(i)
        (kj, fj, _), co_j, nj = self._person(j)
        if not ki or not kj or not ki & kj:
            return None
        points, why = 0, []
        if fi and fj:
            if not _fulls_agree(fi, fj):
                return None
            points += 1
            why.append("full first-author names agree")
        complete = not self.truncated[i] and not self.truncated[j]
        if level == GENERIC and complete and ni != nj:
            return None
        if co_i and co_j:
            fam_j = set().union(*co_j)
            fam_i = set().union(*co_i)
            shorter, other = (co_i, fam_j) if len(co_i) <= len(co_j) else (co_j, fam_i)
            shared = sum(bool(f & other) for f in shorter)
            if shared == 0 and complete:
                return None
            if shared >= COAUTHOR_SHARE * len(shorter):
                points += 1
                why.append(f"{shared} co-author(s) shared")
        va, vb = venue_tokens(self.venue[i]), venue_tokens(self.venue[j])
        if va and vb:
            if venues_agree(va, vb):
                points += 1
                why.append("same venue")
            elif level == GENERIC:
                return None
        vol, _issue, page = self.nums
        if vol[i] >= 0 and vol[i] == vol[j] and page[i] >= 0 and page[j] >= 0:
            points += 1
            why.append("same volume and page")
        if self._same_abstract(i, j):
            points += 2
            why.append("same abstract")
        if points < NEEDED[level]:
            return None
        kind = "generic" if level == GENERIC else "short"
        return f"{kind} title, so more than the title: " + ", ".join(why)

    def _same_abstract(self, i: int, j: int) -> bool:
        a, b = self.abstract[i], self.abstract[j]
        if not isinstance(a, str) or not isinstance(b, str):
            return False
        a = " ".join(fold(a).split())[:_ABSTRACT_HEAD]
        b = " ".join(fold(b).split())[:_ABSTRACT_HEAD]
        if min(len(a), len(b)) < MIN_ABSTRACT:
            return False
        return a == b or difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() \
            >= ABSTRACT_SIMILARITY
