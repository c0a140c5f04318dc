"""Author names: one normalised key per person, and the long authorship table.

The key
-------
:func:`author_key` turns every spelling of a person's name that the exports use into one key:

=============================  ===============
name as exported               key
=============================  ===============
``Smith J.``  (Scopus)         ``smith, j``
``Smith, J`` / ``Smith, JM``   ``smith, j``
``J. Smith`` / ``John Smith``  ``smith, j``
``M{\\"u}ller, Hans`` (BibTeX)  ``muller, h``
``van der Berg, J.``           ``berg, j``
``Berg, J. van der``           ``berg, j``
``Jean-Pierre Dupont``         ``dupont, j``
``Cheng Yang`` / ``Cheng Yu``  ``yang, c`` / ``yu, c``
``Gemini Team``                ``gemini team``
``张伟``                        ``张伟``
any name with an ORCID         ``orcid:0000-0002-1825-0097``
=============================  ===============

The rule: **family name + first initial**, where the family name is

* the part before the comma in ``Last, First``;
* the words before the initials in ``Last F.`` / ``Last FM`` (Scopus, Web of Science);
* the last word otherwise (``First Last``), suffixes such as ``Jr.`` left out;

LaTeX accents are decoded, diacritics folded (``Müller`` = ``Muller``; ``Mueller`` stays
different), and the key keeps only the *last word* of the family name, so particles and
compound names agree across spellings (``van der Berg`` = ``Berg`` and ``García López, M.`` =
``M. García López``). Names written in CJK characters are kept whole (no initials exist),
and organisation authors (``Gemini Team``, ``ATLAS Collaboration``) are kept whole.

Surname + initial is the classic key and it merges distinct people who share both. Within a
corpus, :func:`authorships` therefore splits a key when it covers **two or more different full
first names** (``John Smith`` and ``James Smith`` become ``smith, john`` and ``smith, james``);
the rows written only with the initial (``J. Smith``) cannot be attributed and keep ``smith, j``
with ``ambiguous = True``. Ambiguity is shown, never hidden: pass an ``aliases`` table to decide.

Known limits (documented, not guessed): transliteration variants (``Mueller``/``Müller``),
nicknames (``Bill``/``William``), family-name-first order without a comma (``Yang Cheng``
meaning family Yang) and two people with the same full name are not told apart without ORCID.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pandas as pd

from .normalize import latex_to_text

__all__ = ["author_key", "authorships", "parse_name", "fold"]

# --- the name tables: their one home (titles and deduplication import them from here) ---------

#: letters that NFKD does not decompose into a base letter + accent, and typographic marks
SPECIAL_LETTERS = {"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                   "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th",
                   "Þ": "Th", "ı": "i", "’": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"}
#: name suffixes, matched case-sensitively: "JR" and "MD" after a comma are initials (Web of Science)
SUFFIXES = frozenset({"Jr", "Jr.", "jr", "jr.", "JR.", "Sr", "Sr.", "sr.", "II", "III", "Ph.D.", "PhD"})
#: family-name particles (lower case): "van der Berg", "Berg, J. van der"
PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das",
                       "du", "la", "le", "ten", "ter", "zu", "bin", "ibn", "al", "el", "vander",
                       "vanden", "'t"})
#: words that make an author name a team or an organisation ("Gemini Team")
ORG_WORDS = frozenset({"team", "teams", "consortium", "collaboration", "group", "project",
                       "committee", "initiative", "alliance", "laboratory", "laboratories", "lab",
                       "labs", "institute", "university", "association", "society", "council",
                       "organization", "organisation", "corporation", "inc", "ltd", "foundation",
                       "agency", "centre", "center", "network", "investigators", "contributors",
                       "authors", "members", "study", "taskforce", "working", "community",
                       "research"})
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


def _alias_map(aliases) -> dict[str, str]:
    if aliases is None:
        return {}
    if isinstance(aliases, dict):
        pairs = aliases.items()
    elif isinstance(aliases, pd.DataFrame):
        cols = list(aliases.columns)
        src = next((c for c in ("alias", "name", "from", "variant") if c in cols), None)
        dst = next((c for c in ("key", "to", "canonical") if c in cols and c != src), None)
        if src is None or dst is None:
            if len(cols) != 2:
                raise ValueError("aliases: give a dict {name or key: key} or a table with columns "
                                 f"'alias' and 'key' (got columns {cols})")
            src, dst = cols
        pairs = zip(aliases[src], aliases[dst])
    else:
        raise TypeError("aliases must be a dict or a DataFrame with columns 'alias' and 'key'")
    out = {}
    for a, k in pairs:
        if a is None or k is None or pd.isna(a) or pd.isna(k):
            continue
        out[" ".join(fold(str(a)).split())] = str(k)
    return out


def _aligned_affiliations(extra: dict, n: int) -> list[str | None] | None:
    """Each author's affiliations joined by ``"; "`` (None where the source gives none), from
    ``extra["author_affiliations"]`` in its one shape: a list aligned with the ``n`` authors,
    each item a list of str. None when the record has no such list (or one of another shape)."""
    per = extra.get("author_affiliations")
    if not isinstance(per, (list, tuple)) or len(per) != n \
            or not all(isinstance(a, (list, tuple)) for a in per):
        return None
    out = []
    for a in per:
        names = [x.strip() for x in a if isinstance(x, str) and x.strip()]
        out.append("; ".join(names) if names else None)
    return out


_COLUMNS = {"id": "string", "position": "Int64", "n_authors": "Int64", "name": "string",
            "key": "string", "orcid": "string", "affiliation": "string", "truncated": "bool",
            "is_first": "bool", "is_last": "boolean", "ambiguous": "bool"}


def authorships(papers: pd.DataFrame, aliases=None) -> pd.DataFrame:
    """The long authorship table: one row per paper and author.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table (``litkit.read``). Not modified.
    aliases : dict or pandas.DataFrame, optional
        Your decisions on names: ``{name or key: key}``, or a table with columns ``alias``
        (a display name or a key) and ``key``. Matching is case- and accent-insensitive; an
        aliased row is no longer ambiguous.

    Returns
    -------
    pandas.DataFrame
        Columns:

        ``id`` the paper id; ``position`` 1-based; ``n_authors`` authors listed on the paper;
        ``name`` the display name as read; ``key`` the person key (see :func:`author_key`);
        ``orcid`` where the source gave one (``extra["orcids"]`` aligned with ``authors``);
        ``affiliation`` the author's affiliations (joined by ``"; "``) where the source pairs
        authors with affiliations: ``extra["author_affiliations"]``, a list aligned with
        ``authors`` whose items are each author's list of str (the one shape every reader
        gives; a list of another shape or length is not read); else the paper's only
        affiliation when it lists exactly one; otherwise NA — the paper-level
        ``affiliations`` list is not per author, and guessing would misattribute; ``truncated`` the author list
        was cut ("et al."); ``is_first``; ``is_last`` (NA when the list was truncated: the last
        author shown is not the last author); ``ambiguous`` the key could be several people
        (see below).

    Notes
    -----
    Keys are family name + first initial, refined within the corpus:

    1. An ORCID wins: rows with one get ``orcid:…``. Rows without one whose name key was seen
       with exactly one ORCID in the corpus get that ORCID key (the name would have merged them
       anyway); with several ORCIDs they are ``ambiguous``. An ambiguous name key (rule 2) is
       never given an ORCID.
    2. When one initial key covers two or more different full first names (``John Smith``,
       ``James Smith``), each full name gets its own key (``smith, john``) and rows written only
       with the initial keep ``smith, j`` and are flagged ``ambiguous``.
    3. ``aliases`` are applied last.

    Examples
    --------
    >>> import litkit, litkit.data
    >>> papers = litkit.read(litkit.data.ARXIV_SAMPLE)
    >>> a = authorships(papers)
    >>> len(a) == int(papers["authors"].map(len).sum())
    True
    >>> "Y. Wang" in set(a.loc[a["ambiguous"], "name"])   # initials only, and several Y. Wangs
    True
    >>> table = litkit.schema.from_records([{"id": "p1", "authors": ["Ann Wang", "Bo Li"],
    ...     "extra": {"author_affiliations": [["MIT", "Broad Institute"], []]}}])
    >>> authorships(table)["affiliation"].tolist()
    ['MIT; Broad Institute', <NA>]
    """
    rows_id, rows_pos, rows_n, rows_name, rows_orcid, rows_aff, rows_trunc = [], [], [], [], [], [], []
    ids = papers["id"].tolist()
    authors_col = papers["authors"].tolist()
    trunc_col = papers["authors_truncated"].tolist() if "authors_truncated" in papers else [False] * len(papers)
    aff_col = papers["affiliations"].tolist() if "affiliations" in papers else [[]] * len(papers)
    extra_col = papers["extra"].tolist() if "extra" in papers else [{}] * len(papers)
    for pid, authors, trunc, affs, extra in zip(ids, authors_col, trunc_col, aff_col, extra_col):
        if not isinstance(authors, (list, tuple)) or not authors:
            continue
        n = len(authors)
        extra = extra if isinstance(extra, dict) else {}
        orcids = extra.get("orcids")
        if not isinstance(orcids, (list, tuple)) or len(orcids) != n:
            orcids = [None] * n
        aff = _aligned_affiliations(extra, n)
        if aff is None:
            # the paper's only affiliation is every author's; several are not per author
            only = affs[0] if isinstance(affs, (list, tuple)) and len(affs) == 1 else None
            aff = [only] * n
        for i, name in enumerate(authors):
            rows_id.append(pid)
            rows_pos.append(i + 1)
            rows_n.append(n)
            rows_name.append(name)
            rows_orcid.append(normalize_orcid(orcids[i]))
            rows_aff.append(aff[i])
            rows_trunc.append(bool(trunc) if trunc is not None and trunc == trunc else False)

    keys = [_keys(nm) if isinstance(nm, str) else (None, None) for nm in rows_name]
    base = [k[0] for k in keys]
    full = [k[1] for k in keys]

    # 0. family-first names without a comma ("Wang Ying", Web of Science full names): read them
    #    family-first when only that reading is backed by explicit forms ("Wang, Y", "Wang Y.")
    swaps = [_swap(nm) if isinstance(nm, str) else (False, None, None) for nm in rows_name]
    explicit = {b for b, sw in zip(base, swaps) if sw[0] and b is not None}
    if explicit:
        for i, sw in enumerate(swaps):
            if sw[1] is not None and base[i] not in explicit and sw[1] in explicit:
                base[i], full[i] = sw[1], sw[2]

    # 2. split initial keys that cover several different full first names
    fulls_by_key: dict[str, set] = {}
    for b, f in zip(base, full):
        if b is not None and f is not None:
            fulls_by_key.setdefault(b, set()).add(f)
    split = {b for b, fs in fulls_by_key.items() if len(fs) > 1}
    key = []
    ambiguous = []
    for b, f in zip(base, full):
        if b in split:
            if f is not None:
                key.append(f)
                ambiguous.append(False)
            else:
                key.append(b)
                ambiguous.append(True)
        else:
            key.append(b)
            ambiguous.append(False)

    # 1. ORCID wins, and is carried to the same name key where it is the only one seen
    orcids_by_key: dict[str, set] = {}
    for k, o in zip(key, rows_orcid):
        if k is not None and o is not None:
            orcids_by_key.setdefault(k, set()).add(o)
    for i, (k, o) in enumerate(zip(key, rows_orcid)):
        if o is not None:
            key[i] = f"orcid:{o}"
            ambiguous[i] = False
        elif k in orcids_by_key and not ambiguous[i]:
            found = orcids_by_key[k]
            if len(found) == 1:
                key[i] = f"orcid:{next(iter(found))}"
            else:
                ambiguous[i] = True

    # 3. the user's aliases
    amap = _alias_map(aliases)
    if amap:
        for i, (nm, k) in enumerate(zip(rows_name, key)):
            hit = None
            if isinstance(nm, str):
                hit = amap.get(" ".join(fold(nm).split()))
            if hit is None and k is not None:
                hit = amap.get(k) or amap.get(base[i])
            if hit is not None:
                key[i] = hit
                ambiguous[i] = False

    out = pd.DataFrame({
        "id": pd.array(rows_id, dtype="string"),
        "position": pd.array(rows_pos, dtype="Int64"),
        "n_authors": pd.array(rows_n, dtype="Int64"),
        "name": pd.array(rows_name, dtype="string"),
        "key": pd.array(key, dtype="string"),
        "orcid": pd.array(rows_orcid, dtype="string"),
        "affiliation": pd.array(rows_aff, dtype="string"),
        "truncated": pd.array(rows_trunc, dtype="bool"),
    })
    out["is_first"] = (out["position"] == 1).astype("bool")
    is_last = (out["position"] == out["n_authors"]).astype("boolean")
    out["is_last"] = is_last.mask(out["truncated"], pd.NA)
    out["ambiguous"] = pd.array(ambiguous, dtype="bool")
    return out.astype(_COLUMNS)
