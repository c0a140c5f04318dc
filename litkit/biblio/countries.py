"""Countries of the affiliations: one normalised country name per affiliation, country
production, single- and multiple-country papers, and the country collaboration graph."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import networkx as nx
import numpy as np
import pandas as pd

from ._common import incidence, long_table
from ._country_names import COUNTRY_TABLE, US_STATE_NAMES, US_STATES

#: ``extra`` keys that hold country codes or names directly (e.g. OpenAlex institutions)
COUNTRY_KEYS = ("countries", "country_codes")

_PUNCT = re.compile(r"[^\w&' ]+")
_DIGITS = re.compile(r"\b[\w-]*\d[\w-]*\b")
_EMAIL = re.compile(r"\S+@\S+")
#: names of places and institutions that contain a country's name but are not in it
_NOT_COUNTRIES = re.compile(r"\b(georgia (institute|tech|state|southern|regents|health)|university of georgia|"
                            r"new mexico|new jersey|new england|new south wales|indiana|jordan hall|"
                            r"papua|guinea pig)\b")
_STATE_NAMES = frozenset(US_STATE_NAMES)
_US_ZIP = re.compile(r"(?:^|\s)(?:%s)\s*\d{5}(?:-\d{4})?$" % "|".join(US_STATES))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_PUNCT.sub(" ", text.replace("'", "")).lower().split())


@lru_cache(maxsize=1)
def _tables():
    names, codes = {}, {}
    for line in COUNTRY_TABLE.strip().splitlines():
        code, name, *aliases = line.split("|")
        codes[code] = name
        for alias in (name, *aliases):
            names[_fold(alias)] = name
    pattern = re.compile(r"\b(%s)\b" % "|".join(
        re.escape(a) for a in sorted(names, key=len, reverse=True) if len(a) > 3 or a in ("usa", "uk")))
    return names, codes, pattern


def country_of(affiliation: str) -> str | None:
    """The country of one affiliation string, or None.

    The last comma-separated part is tried first (Web of Science, Scopus, PubMed, IEEE all end
    with the country), without postcodes and e-mail addresses; a US state with a ZIP code, or a
    last part that is a US state code (IEEE's "Atlanta, GA"), counts as the United States;
    failing that, the last country name found anywhere in the string (not inside names such as
    "Georgia Institute of Technology" or "New Mexico").

    Parameters
    ----------
    affiliation : str
        An affiliation as the export gives it.

    Returns
    -------
    str or None
        The country's name as litkit shows it (``"China"`` for ``Peoples R China``,
        ``"United Kingdom"`` for ``England``, ``"United States"`` for ``USA``).

    Examples
    --------
    >>> country_of("Waseda Univ, Dept Appl Chem, Shinjuku Ku, Tokyo 1698555, Japan")
    'Japan'
    >>> country_of("Univ Oxford, Dept Phys, Oxford OX1 3PU, England")
    'United Kingdom'
    >>> country_of("Stanford Univ, Stanford, CA 94305 USA"), country_of("Stanford, CA 94305")
    ('United States', 'United States')
    >>> country_of("Telfer School of Management, Ottawa, ON, Canada. someone@uottawa.ca")
    'Canada'
    >>> country_of("GLOBALFOUNDRIES, 840 N McCarthy Blvd, Milpitas CA 95035")
    'United States'
    >>> country_of("Texas Instruments Inc") is None
    True
    """
    names, _, pattern = _tables()
    text = _EMAIL.sub(" ", str(affiliation))
    parts = [p.strip() for p in text.split(",") if p.strip()]
    for k, part in enumerate(reversed(parts[-2:])):
        bare = _DIGITS.sub(" ", part).strip(" .")
        if _US_ZIP.search(part.strip(" .")) or (bare in US_STATES and (k == 0 or not parts[-1].strip(" .0123456789-"))):
            return names["usa"]
        key = _fold(bare)
        if key in names:
            return names[key]
        words = key.split()
        if words and words[-1] in ("usa", "uk"):
            return names[words[-1]]
        if k == 0 and key in _STATE_NAMES:
            return names["usa"]
    found = pattern.findall(_NOT_COUNTRIES.sub(" ", _fold(text)))
    return names[found[-1]] if found else None


def _code_name(value) -> str | None:
    names, codes, _ = _tables()
    v = str(value).strip()
    if len(v) == 2 and v.upper() in codes:
        return codes[v.upper()]
    return names.get(_fold(v))


def paper_countries(papers: pd.DataFrame) -> pd.Series:
    """The distinct countries of each paper's affiliations, in order of first appearance.

    From ``extra["countries"]`` / ``extra["country_codes"]`` (ISO codes or names) when the
    reader filled them, else from the ``affiliations`` column (every affiliation string), else
    from the reprint address (``extra["reprint_address"]``, WoS ``RP``).

    Returns
    -------
    Series
        A list of country names per paper (empty when none is known), aligned with ``papers``.

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> t = from_records([{"id": "a", "affiliations": ["MIT, Cambridge, MA 02139 USA",
    ...                                                 "Univ Tokyo, Tokyo, Japan", "Harvard Univ, USA"]},
    ...                   {"id": "b", "extra": {"country_codes": ["FR"]}}])
    >>> litkit.paper_countries(t).tolist()
    [['United States', 'Japan'], ['France']]
    """
    out = []
    for affs, extra in zip(papers["affiliations"].tolist(), papers["extra"].tolist()):
        found: list = []
        given = [c for k in COUNTRY_KEYS for c in (extra.get(k) or ())]
        if given:
            found = [_code_name(c) for c in given]
        else:
            found = [country_of(a) for a in affs]
            if not any(found) and extra.get("reprint_address"):
                found = [country_of(extra["reprint_address"])]
        out.append(list(dict.fromkeys(c for c in found if c)))
    return pd.Series(out, index=papers.index, dtype=object, name="countries")


def country_stats(papers: pd.DataFrame) -> pd.DataFrame:
    """Production of each country: papers with an affiliation there, single- and
    multiple-country papers, citations.

    A paper counts once for every country of its affiliations (full counting); ``single_country``
    papers have only that country (bibliometrix' SCP), ``multi_country`` have others too (MCP).

    Returns
    -------
    DataFrame
        ``country``, ``papers``, ``single_country``, ``multi_country``, ``mcp_share``
        (multi / papers), ``citations`` (sum; NA when the corpus has no citation counts),
        ``mean_citations``; most papers first.

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> t = from_records([{"id": "a", "affiliations": ["X, Japan", "Y, France"], "citations": 4},
    ...                   {"id": "b", "affiliations": ["Z, Japan"], "citations": 1}])
    >>> litkit.country_stats(t)[["country", "papers", "single_country", "multi_country", "citations"]]
      country  papers  single_country  multi_country  citations
    0   Japan       2               1              1          5
    1  France       1               0              1          4
    """
    C = paper_countries(papers)
    L = long_table(C, key=str)
    k = C.map(len).to_numpy()
    cit = papers["citations"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    rows = L["row"].to_numpy()
    L = L.assign(single=k[rows] == 1, c=cit[rows])
    g = L.groupby("key")
    has_cit = papers["citations"].notna().any()
    out = pd.DataFrame({"papers": g.size(), "single_country": g["single"].sum()})
    out["multi_country"] = out["papers"] - out["single_country"]
    out["citations"] = g["c"].sum(min_count=1) if has_cit else np.nan
    out = out.reset_index().rename(columns={"key": "country"})
    res = pd.DataFrame({
        "country": pd.array(out["country"].astype(str).to_numpy(), dtype="string"),
        "papers": pd.array(out["papers"].to_numpy(), dtype="Int64"),
        "single_country": pd.array(out["single_country"].to_numpy(), dtype="Int64"),
        "multi_country": pd.array(out["multi_country"].to_numpy(), dtype="Int64"),
        "mcp_share": pd.array((out["multi_country"] / out["papers"]).round(3).to_numpy(), dtype="Float64"),
        "citations": pd.array(out["citations"].to_numpy(dtype=float), dtype="Float64").round().astype("Int64"),
    })
    res["mean_citations"] = (res["citations"].astype("Float64") / res["papers"]).round(2)
    return res.sort_values(["papers", "country"], ascending=[False, True], kind="stable").reset_index(drop=True)


def country_graph(papers: pd.DataFrame, *, min_weight: int = 1) -> nx.Graph:
    """Country collaboration: two countries are linked when a paper has affiliations in both;
    edge ``weight`` = the number of such papers.

    Returns
    -------
    networkx.Graph
        Nodes are countries with ``papers``; edges carry ``weight``.

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> t = from_records([{"id": "a", "affiliations": ["X, Japan", "Y, France"]},
    ...                   {"id": "b", "affiliations": ["Z, Japan", "W, Paris, France", "V, Spain"]}])
    >>> G = litkit.country_graph(t)
    >>> G.edges["Japan", "France"]["weight"], G.nodes["Spain"]["papers"]
    (2, 1)
    """
    L = long_table(paper_countries(papers), key=str)
    X, labels = incidence(L, len(papers))
    C = (X.T @ X).tocoo()
    G = nx.Graph()
    deg = np.asarray(X.sum(axis=0)).ravel()
    for name, d in zip(labels, deg):
        G.add_node(str(name), papers=int(d))
    for a, b, w in zip(C.row, C.col, C.data):
        if a < b and w >= min_weight:
            G.add_edge(str(labels[a]), str(labels[b]), weight=int(w))
    return G
