"""Author lists and Web of Science address lines of BibTeX fields."""

from __future__ import annotations

import re

from ...normalize import clean_text, display_name, unique
from .braces import split_top
from .fields import decode

#: names read from one author field at most; the rest is counted in extra["authors_not_read"]
MAX_AUTHORS = 20_000

_AND = re.compile(r"(?<!\s)\s+and\s+", re.I)
_COMMA = re.compile(r",")
_OTHERS = {"others", "et al", "et al.", "etal", "et. al."}
_ET_AL = re.compile(r"\s+et\.?\s*al\.?$")
_AND_WORD = "and"
_ORG_WORD = re.compile(r"\b(?:Univ|Inst|Dept|Ctr|Coll|Sch|Hosp|Lab|Natl|Acad|Corp|Co|Inc|Ltd|"
                       r"Minist|Fac|Res|Sci|Technol|Grp|Assoc|Soc|Fdn|Agcy|Div|Program|Off|Council"
                       r"|Museum|Serv|Network|Syst)\b", re.I)
_GIVEN = re.compile(r"^(?:[A-Z][\w'\-]*\.?|[A-Z]\.(?:-?[A-Z]\.)*)(?: (?:[A-Z][\w'\-]*\.?|[A-Z]\.))"
                    r"{0,3}$")
#: the most words a family name before the given names of an address line has
_FAMILY_WORDS = 3


def _name(raw: str) -> str | None:
    raw = " ".join(raw.split())
    if not raw:
        return None
    parts = [p.strip() for p in split_top(raw, _COMMA)]
    parts = [p for p in parts if p]
    if not parts:
        return None
    if len(parts) == 1:
        return decode(parts[0])
    dec = [decode(p) or "" for p in parts]
    if any("," in d for d in dec):                 # a comma inside braces: assemble by hand
        if len(dec) == 3:
            return clean_text(f"{dec[2]} {dec[0]} {dec[1]}")
        return clean_text(" ".join(dec[1:] + dec[:1]))
    return display_name(", ".join(dec))


def authors(raw: str | None) -> tuple[list[str], bool, int]:
    """Display names of an author (or editor) field.

    Names are split on ``and`` outside braces: "Last, First", "First Last", "Last, Jr.,
    First", ``{van der Berg}, Jan``, corporate names in braces; ``and others`` / ``et al.``
    mark the list as cut.

    Parameters
    ----------
    raw : str or None
        The raw field value.

    Returns
    -------
    tuple
        ``(names, truncated, omitted)``: the names, whether the list was cut, and how many
        names were not read (beyond :data:`MAX_AUTHORS`).

    Examples
    --------
    >>> authors("Kumar, Aviral and {World Health Organization} and Smith, Jr., John and others")
    (['Aviral Kumar', 'World Health Organization', 'John Smith Jr.'], True, 0)
    >>> authors('{van der Berg}, Jan and M\\\\"uller, H. et al.')
    (['Jan van der Berg', 'H. Müller'], True, 0)
    """
    if not raw:
        return [], False, 0
    names, truncated, omitted = [], False, 0
    raw = raw.strip()
    cut = len(_AND_WORD)
    if raw[-cut - 1:-cut].isspace() and raw[-cut:].lower() == _AND_WORD:   # "A and B and"
        raw = raw[:-cut].rstrip()
    if raw[cut:cut + 1].isspace() and raw[:cut].lower() == _AND_WORD:
        raw = raw[cut:].lstrip()
    pieces = split_top(raw, _AND)
    if len(pieces) > MAX_AUTHORS:
        # more names than any real paper has (a few thousand): a damaged or hostile field
        omitted = len(pieces) - MAX_AUTHORS
        pieces = pieces[:MAX_AUTHORS]
        truncated = True
    for i, piece in enumerate(pieces):
        p = " ".join(piece.split())
        if p.lower().strip("{} ") in _OTHERS:
            truncated = True
            continue
        if i == len(pieces) - 1 and _ET_AL.search(p):
            truncated = True
            p = _ET_AL.sub("", p)
        name = _name(p)
        if name:
            names.append(name)
    return unique(names), truncated, omitted


def wos_address(line: str | None) -> str | None:
    """The institution of a Web of Science address line, without the authors before it.

    Parameters
    ----------
    line : str or None
        "Family, Given[; Family, Given], Org, City, Country".

    Returns
    -------
    str or None

    Examples
    --------
    >>> wos_address("Selvanathan, Saroja, Griffith Univ, Brisbane, Australia.")
    'Griffith Univ, Brisbane, Australia.'
    >>> wos_address("Li, J; Wu, K, Zhejiang Univ, Hangzhou, China")
    'Zhejiang Univ, Hangzhou, China'
    >>> wos_address("Univ Tokyo, Dept Phys, Tokyo, Japan")
    'Univ Tokyo, Dept Phys, Tokyo, Japan'
    """
    if not line:
        return line
    if ";" in line:                                     # "A, B; C, D, Org": the org follows
        line = line.rsplit(";", 1)[1].strip()
    parts = [p.strip() for p in line.split(",")]
    if len(parts) >= 3 and not _ORG_WORD.search(parts[0] + " " + parts[1]) \
            and len(parts[0].split()) <= _FAMILY_WORDS and _GIVEN.match(parts[1]):
        return ", ".join(parts[2:])
    return line
