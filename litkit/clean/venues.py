"""Venues: one venue written two ways, and the kind of a venue (journal or conference).

Venue *kinds* are evidence for every title: a paper in a conference (``Proceedings of the
... Conference``, ``Workshop``, ``Symposium``) and one in a journal (``Journal``,
``Transactions``, ``Letters``) are two publications, the conference paper and its journal
version, even with the same title, first author and year: they merge only when a DOI or an
arXiv id ties them (rules ``doi``/``arxiv``). Preprint servers (arXiv, CoRR, bioRxiv) and
venues that are neither or both (``Journal of Physics: Conference Series``, ``Lecture Notes in
Computer Science``, ``Proceedings of the IEEE``) have no kind and never disagree.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..names.keys import fold

__all__ = ["venue_tokens", "venue_kind", "venue_kinds", "venues_agree", "NO_KIND", "JOURNAL",
           "CONFERENCE"]

_VENUE_STOP = frozenset("of the and on in for at to a an de des der und".split())
_CONFERENCE = frozenset("conference conferences conf symposium symp workshop workshops congress "
                        "colloquium meeting summit".split())
_JOURNAL = frozenset("journal journals j transactions trans letters lett magazine mag bulletin "
                     "bull annals ann acta quarterly".split())
_PREPRINT = frozenset("arxiv corr preprint preprints biorxiv medrxiv ssrn chemrxiv".split())
_PROCEEDINGS = frozenset("proceedings proc".split())
_MEETING_MARK = re.compile(r"^(?:\d{4}|\d+(?:st|nd|rd|th)|international|annual|intl)$")
#: venue kinds; bits, as :class:`.blocking.Components` ORs them over a component
NO_KIND, JOURNAL, CONFERENCE = 0, 1, 2


def venue_tokens(venue) -> tuple[str, ...]:
    """A venue's words for comparison: folded, without punctuation and stop words.

    Parameters
    ----------
    venue : str or None

    Returns
    -------
    tuple of str
        Empty for a missing venue.

    Examples
    --------
    >>> venue_tokens("Journal of the Association for Computing Machinery")
    ('journal', 'association', 'computing', 'machinery')
    """
    if not isinstance(venue, str):
        return ()
    words = re.sub(r"[^\w]+", " ", fold(venue)).split()
    return tuple(w for w in words if w not in _VENUE_STOP)


def venue_kind(venue) -> int:
    """The kind of a venue: a journal or a conference.

    Parameters
    ----------
    venue : str or None

    Returns
    -------
    int
        JOURNAL, CONFERENCE or NO_KIND (a preprint server, neither, both, or missing).
        "Proceedings" alone is no kind (Proceedings of the IEEE, of the National Academy
        of Sciences are journals); with a year, an ordinal or "International" it is a
        conference.

    Examples
    --------
    >>> venue_kind("Proceedings of the AAAI Conference on Artificial Intelligence") == CONFERENCE
    True
    >>> venue_kind("IEEE Transactions on Pattern Analysis and Machine Intelligence") == JOURNAL
    True
    >>> [venue_kind(v) for v in ("arXiv", "Journal of Physics: Conference Series",
    ...                          "Proceedings of the National Academy of Sciences")]
    [0, 0, 0]
    """
    words = set(venue_tokens(venue))
    if not words or words & _PREPRINT:
        return NO_KIND
    conf = bool(words & _CONFERENCE) or (bool(words & _PROCEEDINGS)
                                         and any(_MEETING_MARK.match(w) for w in words))
    journal = bool(words & _JOURNAL)
    if conf == journal:
        return NO_KIND
    return CONFERENCE if conf else JOURNAL


def venue_kinds(venues: pd.Series) -> np.ndarray:
    """:func:`venue_kind` of every record, each distinct venue classified once.

    Parameters
    ----------
    venues : pandas.Series

    Returns
    -------
    numpy.ndarray
        int8, NO_KIND where the venue is missing.

    Examples
    --------
    >>> venue_kinds(pd.Series(["Workshop on X", None, "IEEE Trans. Y", "Workshop on X"])).tolist()
    [2, 0, 1, 2]
    """
    codes, uniques = pd.factorize(venues, use_na_sentinel=True)
    kinds = np.fromiter((venue_kind(v) for v in uniques), dtype=np.int8, count=len(uniques))
    return np.where(codes >= 0, kinds[np.maximum(codes, 0)] if len(kinds) else 0, 0).astype(np.int8)


def venues_agree(a: tuple, b: tuple) -> bool:
    """Whether two venues are one, written two ways.

    Parameters
    ----------
    a, b : tuple of str
        :func:`venue_tokens` of each.

    Returns
    -------
    bool
        True for equal words, word-by-word abbreviations ("J. Assoc. Comput. Mach."), or
        one being the acronym of the other ("JACM"); False when either is missing.

    Examples
    --------
    >>> jacm = venue_tokens("Journal of the Association for Computing Machinery")
    >>> venues_agree(venue_tokens("J. Assoc. Comput. Mach."), jacm), venues_agree(("jacm",), jacm)
    (True, True)
    >>> venues_agree(venue_tokens("Nature"), venue_tokens("Nature Physics"))
    False
    """
    if not a or not b:
        return False
    if a == b:
        return True
    if len(a) == len(b) and all(x.startswith(y) or y.startswith(x) for x, y in zip(a, b)):
        return True
    for one, other in ((a, b), (b, a)):
        if len(one) == 1 and len(other) >= 2 and one[0] == "".join(w[0] for w in other):
            return True
    return False
