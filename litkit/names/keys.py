"""Parsing display names, and the person key of each (see :mod:`litkit.names`)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pandas as pd

from ..normalize import latex_to_text
from .tables import ORG_WORDS, PARTICLES, SPECIAL_LETTERS, SUFFIXES

__all__ = ["author_key", "parse_name", "fold", "normalize_orcid"]

_SPECIAL = str.maketrans(SPECIAL_LETTERS)
_LATEX_HINT = re.compile(r"[\\{}$~]")
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3040-\u30ff]")
# a token of initials: "J", "J.", "JM", "J.M.", "J.-P.", "JP"
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,4}$")
_NICK = re.compile(r"\([^)]*\)|\"[^\"]*\"")
# German umlauts written out ("Mueller", "Guenther"), while Web of Science writes "Muller":
# "ue"/"oe"/"ae" before a consonant fold to the vowel in family names of five letters or more
# (so the pinyin "Xue"/"Yue" and the Cantonese "Yuen" stay apart from "Xu"/"Yu"/"Yun")
_UMLAUT = re.compile(r"([aou])e(?=[bcdfghjklmnpqrstvwxz])")
_ORCID = re.compile(r"(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])")


def fold(text: str) -> str:
    """Lower-case folding for keys: accents and diacritics removed, special letters spelled out.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        Lower case, without combining marks; letters NFKD does not decompose are replaced
        (:data:`SPECIAL_LETTERS`: ``ß`` -> ``ss``, ``ø`` -> ``o``, ``ł`` -> ``l``).

    Examples
    --------
    >>> fold("Müller-Łukasiewicz"), fold("Straße")
    ('muller-lukasiewicz', 'strasse')
    """
    if text.isascii():
        return text.lower()
    s = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.lower()


def normalize_orcid(value) -> str | None:
    """An ORCID in its bare form.

    Parameters
    ----------
    value : str or None
        An ORCID with or without its resolver, with or without dashes.

    Returns
    -------
    str or None
        ``0000-0002-1825-0097`` (check character upper case); None when no ORCID is found.

    Examples
    --------
    >>> normalize_orcid("https://orcid.org/0000-0002-1825-009x")
    '0000-0002-1825-009X'
    >>> normalize_orcid("not an orcid") is None
    True
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    m = _ORCID.search(str(value))
    if not m:
        return None
    return "-".join(m.groups()).upper()


def _clean(name: str) -> str:
    s = name
    if _LATEX_HINT.search(s):
        s = latex_to_text(s) or ""
    s = unicodedata.normalize("NFC", s)
    s = _NICK.sub(" ", s)
    return " ".join(s.replace("\u00a0", " ").split()).strip(" ,;")


def _is_org(tokens_lower: list[str]) -> bool:
    return len(tokens_lower) >= 2 and any(t.strip(".,") in ORG_WORDS for t in tokens_lower) \
        and not any(t.endswith(".") and len(t) <= 3 for t in tokens_lower)


def _strip_suffix(tokens: list[str]) -> list[str]:
    while len(tokens) > 1 and tokens[-1].strip(",") in SUFFIXES:
        tokens = tokens[:-1]
    return tokens


def parse_name(name: str) -> tuple[str, str, str]:
    """Split a display name into ``(kind, family, given)``.

    Parameters
    ----------
    name : str
        A name in any of the forms :func:`author_key` reads.

    Returns
    -------
    tuple of str
        ``kind`` is ``"person"``, ``"org"`` (a team or organisation, kept whole in ``family``),
        ``"cjk"`` (a name in CJK characters, kept whole), ``"mono"`` (a single word) or
        ``"empty"``; ``given`` is the given-name part as written (may be initials).

    Examples
    --------
    >>> parse_name("Berg, J. van der")
    ('person', 'Berg', 'J.')
    >>> parse_name("Jan van der Berg")
    ('person', 'van der Berg', 'Jan')
    >>> parse_name("Smith JM"), parse_name("Gemini Team")[0]
    (('person', 'Smith', 'JM'), 'org')
    """
    kind, family, given, _form = _parse(name)
    return kind, family, given


@lru_cache(maxsize=1 << 18)
def _parse(name: str) -> tuple[str, str, str, str]:
    """``(kind, family, given, form)``; form: "comma", "initials" (both explicit about which
    part is the family name), "natural" ("First Last") or "" (not a person)."""
    s = _clean(name)
    if not s:
        return "empty", "", "", ""
    if _CJK.search(s) and not re.search(r"[A-Za-z]", s):
        return "cjk", s.replace(" ", ""), "", ""
    if "," in s:
        parts = [p.strip() for p in s.split(",") if p.strip()]
        if len(parts) >= 3 or len(parts) == 2 and parts[1] in SUFFIXES:
            # "King, Jr., Martin"; "Martin Luther King, Jr."
            parts = [p for p in parts if p not in SUFFIXES] or parts
        if len(parts) >= 2:
            family, given = parts[0], " ".join(parts[1:])
            # "Berg, J. van der": particles written after the given names belong to the family
            g = given.split()
            while len(g) > 1 and g[-1].lower() in PARTICLES:
                g = g[:-1]
            return "person", family, " ".join(g), "comma"
        s = parts[0] if parts else s
    tokens = _strip_suffix(s.split())
    low = [t.lower() for t in tokens]
    if _is_org(low):
        return "org", " ".join(tokens), "", ""
    if len(tokens) == 1:
        return "mono", tokens[0], "", ""
    upper = s.upper() == s and any(c.isalpha() for c in s)
    last = tokens[-1]
    # "Smith J.", "Smith JM", "Van Der Berg J.-P." (Scopus / WoS): initials after the family name
    if _INITIALS.match(last) and (not upper or len(last.replace(".", "").replace("-", "")) == 1
                                  or "." in last):
        if not _INITIALS.match(tokens[0]) or len(tokens) == 2 and not tokens[0].endswith("."):
            # ...unless the name starts with initials too ("J. M. K": not a family name)
            k = len(tokens) - 1
            while k > 1 and _INITIALS.match(tokens[k - 1]) and (tokens[k - 1].endswith(".")
                                                                   or len(tokens[k - 1]) == 1):
                k -= 1
            return "person", " ".join(tokens[:k]), " ".join(tokens[k:]), "initials"
    # "First [Middle] [particles] Last"
    k = len(tokens) - 1
    while k > 1 and low[k - 1] in PARTICLES:
        k -= 1
    return "person", " ".join(tokens[k:]), " ".join(tokens[:k]), "natural"


_WS_HYPHEN = re.compile(r"[\s\-]+")
_NOT_WORD = re.compile(r"[^\w]+")
_GIVEN_SPLIT = re.compile(r"[\s.\-]+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def _family_key(family: str) -> str:
    words = [_NOT_WORD.sub("", w) for w in _WS_HYPHEN.split(fold(family))]
    # single letters inside a family name ("Tavakkoli K G, A.") are initials put in the wrong field
    words = [w for w in words if len(w) > 1] or [w for w in words if w]
    if not words:
        return ""
    return _UMLAUT.sub(r"\1", words[-1]) if len(words[-1]) >= 5 else words[-1]


def _given_tokens(given: str) -> list[str]:
    return [t for t in _GIVEN_SPLIT.split(given) if t]


def _initial(given: str) -> str:
    for t in _given_tokens(given):
        f = fold(t)
        for c in f:
            if c.isalnum():
                return c
    return ""


def _first_given(given: str) -> str | None:
    """The first given name written out in full (``John`` in ``John A.``), else None."""
    tokens = given.split(None, 1)
    if not tokens:
        return None
    t = tokens[0]
    if t.endswith(".") or _INITIALS.match(t) and t.upper() == t:
        return None
    # "Jean-Pierre" is one given name; "J.-P." is initials (caught above)
    t = _NOT_WORD.sub("", fold(t))   # "Jian-Gang" = "Jiangang"
    letters = _NOT_ALNUM.sub("", t)
    if len(letters) < 2:
        return None
    return t


@lru_cache(maxsize=1 << 18)
def _keys(name: str) -> tuple[str | None, str | None]:
    """(initial key, full-first-name key or None)."""
    kind, family, given, _form = _parse(name)
    if kind == "empty":
        return None, None
    if kind == "cjk":
        return family, None
    if kind in ("org", "mono"):
        k = " ".join(re.sub(r"[^\w\s]", " ", fold(family)).split())
        return k or fold(family), None
    fam = _family_key(family)
    ini = _initial(given)
    key = f"{fam}, {ini}" if ini else fam
    full = _first_given(given)
    return key, (f"{fam}, {full}" if full and ini else None)


@lru_cache(maxsize=1 << 18)
def _swap(name: str) -> tuple[bool, str | None, str | None]:
    """(explicit form?, key and full key read family-first) for a two-word "natural" name.

    Web of Science full names and many Chinese sources write ``Wang Ying`` (family first, no
    comma); the same person is ``Ying Wang`` on arXiv and ``Wang, Y`` in the short form.
    """
    kind, family, given, form = _parse(name)
    if kind != "person":
        return False, None, None
    if form != "natural":
        return True, None, None
    tokens = given.split() + family.split()
    if len(tokens) != 2 or _INITIALS.match(tokens[0]):
        return False, None, None
    fam = _family_key(tokens[0])
    ini = _initial(tokens[1])
    full = _first_given(tokens[1])
    if not fam or not ini:
        return False, None, None
    return False, f"{fam}, {ini}", (f"{fam}, {full}" if full else None)


def author_key(name, orcid=None) -> str | None:
    """The normalised key of one author name.

    Parameters
    ----------
    name : str
        The name in any of the usual forms: ``"Smith, J."``, ``"Smith J"``, ``"J. Smith"``,
        ``"John Smith"``, ``"Smith JM"``, ``"van der Berg, J."``, LaTeX (``"M{\\"u}ller, H."``).
    orcid : str, optional
        When given (with or without the ``https://orcid.org/`` prefix), the key is the ORCID:
        an identifier wins over any spelling.

    Returns
    -------
    str or None
        ``"family, i"`` (lower-case, diacritics folded, last word of the family name, first
        initial); a team or organisation name or a CJK name kept whole; ``"orcid:…"`` with an
        ORCID; ``None`` for an empty name. See the module docstring for the full rule.

    Examples
    --------
    >>> author_key("Smith J.") == author_key("Smith, J") == author_key("J. Smith")
    True
    >>> author_key("Cheng Yang"), author_key("Cheng Yu")
    ('yang, c', 'yu, c')
    >>> author_key('M{\\"u}ller, Hans')
    'muller, h'
    """
    o = normalize_orcid(orcid)
    if o:
        return f"orcid:{o}"
    if name is None or (not isinstance(name, str) and pd.isna(name)):
        return None
    return _keys(str(name))[0]
