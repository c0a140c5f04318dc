"""Identifiers: DOIs and arXiv ids in one spelling each."""

from __future__ import annotations

import re

from .text import clean_text

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|https?://doi\.org/)", re.I)
_DOI_FIND = re.compile(r"10\.\d{4,9}/\S+")
#: a closing bracket -> its opener
_CLOSING = {")": "(", "]": "[", "}": "{"}
#: punctuation that ends the sentence around a DOI
_TRAILING = ".,;"
_ARXIV_PREFIX = re.compile(r"^(?:arxiv:|https?://(?:export\.)?arxiv\.org/(?:abs|pdf)/)", re.I)
_ARXIV_NEW = re.compile(r"(\d{4}\.\d{4,5})(?:v\d+)?")
_ARXIV_OLD = re.compile(r"([a-z][a-z.-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.I)


def normalize_doi(value) -> str | None:
    """``https://doi.org/10.1000/ABC`` -> ``10.1000/abc``; ``None`` when it is not a DOI.

    Parameters
    ----------
    value : object
        A DOI, a doi.org URL, text holding a DOI, or a missing value.

    Returns
    -------
    str or None
        The DOI in lower case, without the punctuation of the sentence around it.

    Examples
    --------
    >>> normalize_doi("https://doi.org/10.1000/ABC."), normalize_doi("10.1000/abc(12)")
    ('10.1000/abc', '10.1000/abc(12)')
    >>> normalize_doi("(see 10.1000/xyz)"), normalize_doi("n/a")
    ('10.1000/xyz', None)
    """
    s = clean_text(value)
    if not s:
        return None
    s = _DOI_PREFIX.sub("", s.strip())
    m = _DOI_FIND.search(s)
    if not m:
        return None
    return _strip_trailing(m.group(0)).lower()


def _strip_trailing(doi: str) -> str:
    """Drop the punctuation that ends the sentence around a DOI, not the DOI's own: a final
    ``)`` stays when its ``(`` is in the DOI (``10.1002/(SICI)…(199806)``, ``10.1000/abc(12)``)."""
    while doi:
        c = doi[-1]
        if c in _TRAILING:
            doi = doi[:-1]
        elif c in _CLOSING and doi.count(_CLOSING[c]) < doi.count(c):
            doi = doi[:-1]
        else:
            break
    return doi


def normalize_arxiv_id(value) -> str | None:
    """``http://arxiv.org/abs/2401.01234v2`` -> ``2401.01234``; old style ``hep-th/9901001``.

    Parameters
    ----------
    value : object
        An arXiv id, URL or ``arXiv:`` text, or a missing value.

    Returns
    -------
    str or None
        The id without its version.

    Examples
    --------
    >>> normalize_arxiv_id("http://arxiv.org/abs/2401.01234v2"), normalize_arxiv_id("arXiv:hep-th/9901001")
    ('2401.01234', 'hep-th/9901001')
    >>> normalize_arxiv_id("no id here") is None
    True
    """
    s = clean_text(value)
    if not s:
        return None
    s = _ARXIV_PREFIX.sub("", s)
    m = _ARXIV_NEW.search(s)
    if m:
        return m.group(1)
    m = _ARXIV_OLD.search(s)
    if m:
        return m.group(1)
    return None
