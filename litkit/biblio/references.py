"""Cited references: one row per reference, and local citations (papers of the corpus cited by
others of the corpus)."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

#: the ``extra`` keys holding cited references as given (WoS CR, Scopus References)
TEXT_KEYS = ("references",)
#: the ``extra`` keys holding identifiers of cited works (OpenAlex work ids, Semantic Scholar ids)
ID_KEYS = ("referenced_works",)
#: the ``extra`` keys holding a corpus paper's own identifier of those kinds
OWN_ID_KEYS = ("openalex_id", "s2_paper_id")

_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s,;\]\[]+)", re.I)
_YEAR = re.compile(r"(?<![\d.])(1[5-9]\d\d|20\d\d)(?![\d])")
_PAREN_YEAR = re.compile(r"\((1[5-9]\d\d|20\d\d)\)")
#: a WoS CR part tagged by its letter: "V49" (volume), "P773" (page)
_VOL, _PAGE = (re.compile(rf"(?:^|,\s*){tag}(\w+)\s*(?:,|$)") for tag in "VP")
_SCOPUS_VOL_PAGE = re.compile(r",\s*(\d+)\s*(?:\([^)]*\))?\s*,\s*pp?\.\s*(\w+)")
_OPENALEX = re.compile(r"(?:https?://openalex\.org/)?(W\d+)$", re.I)
_NON_ALNUM = re.compile(r"[^0-9A-Z]+")
_INITIALS = re.compile(r"^[A-Z]{1,4}$")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).upper()


def _clean_doi(doi: str) -> str:
    return doi.rstrip(".").lower()


def parse_reference(text: str) -> dict:
    """The parts of one cited reference as a WoS ``CR`` or a Scopus ``References`` entry gives it.

    Parameters
    ----------
    text : str
        The reference as given.

    Returns
    -------
    dict
        ``key`` (the DOI as ``doi:…`` when there is one, else ``AUTHOR, YEAR, SOURCE, VOLUME,
        PAGE`` normalised: upper case, accents folded), ``doi``, ``author`` (the first author's
        words, upper case), ``year``, ``volume``, ``page`` (None where absent).

    Examples
    --------
    >>> r = parse_reference("Albrecht TR, 2013, IEEE T MAGN, V49, P773, DOI 10.1109/TMAG.2012.2227303")
    >>> r["key"], r["author"], r["year"], r["volume"], r["page"]
    ('doi:10.1109/tmag.2012.2227303', 'ALBRECHT TR', 2013, '49', '773')
    >>> parse_reference("Smith J., Jones K., A title, (2010) Nature, 12 (3), pp. 45-67.")["key"]
    'SMITH J, 2010, NATURE, 12, 45'
    >>> parse_reference("Cheng M.; Xue Y., Burden of pain, Spine J, 50, pp. E128-E139, (2025)")["key"]
    'CHENG M, 2025, SPINE J, 50, E128'
    """
    m = _DOI.search(text)
    doi = _clean_doi(m.group(1)) if m else None
    body = text[:m.start()] if m else text
    body = re.sub(r",?\s*DOI\s*\[?\s*$", "", body.strip(), flags=re.I).strip(" ,")
    parts = [p.strip() for p in body.split(",")]
    author = _fold(parts[0].split(";")[0]).replace(".", " ").strip() if parts else ""
    author = " ".join(author.split())
    volume = page = source = None
    years = list(_PAREN_YEAR.finditer(body))
    if years and not body[years[-1].end():].strip(" .,"):
        # Scopus since 2024: "A B.; C D., Title, Source, 50, pp. E128-E139, (2025)"
        year = int(years[-1].group(1))
        head = [p.strip() for p in body[:years[-1].start()].split(",") if p.strip()]
        if head and re.match(r"pp?\.", head[-1]):
            page = re.sub(r"^pp?\.\s*", "", head.pop()).split("-")[0].strip() or None
        if len(head) > 2 and re.fullmatch(r"\d+", head[-1]):
            volume = head.pop()
        source = head[-1] if len(head) > 2 else None
    elif years:
        # Scopus before 2024: "Authors, Title, (2010) Source, 12 (3), pp. 45-67"
        my = years[0]
        year = int(my.group(1))
        source = body[my.end():].split(",")[0].strip() or None
        mv = _SCOPUS_VOL_PAGE.search(body, my.end())
        if mv:
            volume, page = mv.group(1), mv.group(2)
    else:                                            # WoS: "Author, 2013, SOURCE, V49, P773"
        yr = [p for p in parts[1:3] if _YEAR.fullmatch(p)]
        year = int(yr[0]) if yr else None
        if yr:
            i = parts.index(yr[0])
            source = parts[i + 1] if len(parts) > i + 1 and not _VOL.match("," + parts[i + 1]) else None
        for p in parts[1:]:
            if volume is None and re.fullmatch(r"V\w+", p):
                volume = p[1:]
            elif page is None and re.fullmatch(r"[Pp]\w+", p):
                page = p[1:]
    if doi:
        key = f"doi:{doi}"
    else:
        bits = [author, str(year) if year else "", _fold(source or ""), volume or "", page or ""]
        key = ", ".join(" ".join(b.replace(".", " ").split()) for b in bits).strip(", ")
    return {"key": key, "doi": doi, "author": author or None, "year": year,
            "volume": volume, "page": page}


def has_references(papers: pd.DataFrame) -> bool:
    """Whether any paper carries cited references (as text or as work identifiers)."""
    keys = (*TEXT_KEYS, *ID_KEYS)
    return bool(papers["extra"].map(lambda e: any(e.get(k) for k in keys)).any())


def _work_key(value: str) -> str:
    m = _OPENALEX.search(str(value).strip())
    return f"openalex:{m.group(1).upper()}" if m else f"s2:{str(value).strip()}"


def references(papers: pd.DataFrame) -> pd.DataFrame:
    """One row per cited reference of every paper.

    Read from ``extra["references"]`` (WoS ``CR``, Scopus ``References``: the text as given) and
    ``extra["referenced_works"]`` (OpenAlex work ids, Semantic Scholar paper ids): one row per
    reference the export lists, in its order (a reference listed twice is two rows; the analyses
    built on this table count each citing paper once).

    Parameters
    ----------
    papers : DataFrame
        A papers table.

    Returns
    -------
    DataFrame
        ``id`` (the citing paper), ``reference`` (as given), ``key`` (see
        :func:`parse_reference`; ``openalex:W…`` / ``s2:…`` for identifiers), ``doi``, ``author``,
        ``year``, ``volume``, ``page``.

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> t = from_records([{"id": "p1", "extra": {"references": [
    ...     "Albrecht TR, 2013, IEEE T MAGN, V49, P773, DOI 10.1109/TMAG.2012.2227303",
    ...     "Smith J, 2001, NATURE, V4, P1"]}}])
    >>> litkit.references(t)[["id", "key", "doi"]]
       id                            key                        doi
    0  p1  doi:10.1109/tmag.2012.2227303  10.1109/tmag.2012.2227303
    1  p1    SMITH J, 2001, NATURE, 4, 1                       <NA>
    """
    rows: dict[str, list] = {c: [] for c in ("id", "reference", "key", "doi", "author", "year",
                                              "volume", "page")}
    cache: dict = {}
    for pid, extra in zip(papers["id"].tolist(), papers["extra"].tolist()):
        for k in TEXT_KEYS:
            for text in extra.get(k) or ():
                r = cache.get(text)
                if r is None:
                    r = cache[text] = parse_reference(str(text))
                if r["key"]:
                    rows["id"].append(pid)
                    rows["reference"].append(text)
                    for c in ("key", "doi", "author", "year", "volume", "page"):
                        rows[c].append(r[c])
        for k in ID_KEYS:
            for work in extra.get(k) or ():
                rows["id"].append(pid)
                rows["reference"].append(str(work))
                rows["key"].append(_work_key(work))
                for c in ("doi", "author", "year", "volume", "page"):
                    rows[c].append(None)
    out = {c: pd.array(v, dtype="string") for c, v in rows.items() if c != "year"}
    out["year"] = pd.array(rows["year"], dtype="Int64")
    return pd.DataFrame(out)[list(rows)]


def most_cited_references(papers: pd.DataFrame, n: int | None = 20, *, refs=None) -> pd.DataFrame:
    """The references cited by most papers of the corpus.

    Parameters
    ----------
    papers : DataFrame
        A papers table.
    n : int or None
        How many (None: all).
    refs : DataFrame, optional
        The result of :func:`litkit.references` when already computed.

    Returns
    -------
    DataFrame
        ``key``, ``reference`` (the most frequent spelling), ``citations`` (citing papers in the
        corpus); most cited first, ties by key.

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> t = from_records([{"id": "a", "extra": {"references": ["X Y, 2001, J, V1, P2", "Z Q, 1999, K"]}},
    ...                   {"id": "b", "extra": {"references": ["X Y, 2001, J, V1, P2"]}}])
    >>> litkit.most_cited_references(t)
                      key             reference  citations
    0  X Y, 2001, J, 1, 2  X Y, 2001, J, V1, P2          2
    1        Z Q, 1999, K          Z Q, 1999, K          1
    """
    R = references(papers) if refs is None else refs
    counts = R.groupby("key")["id"].nunique().rename("citations")
    spell = R.groupby(["key", "reference"]).size().rename("n").reset_index() \
        .sort_values(["key", "n", "reference"], ascending=[True, False, True], kind="stable") \
        .drop_duplicates("key").set_index("key")["reference"]
    out = pd.DataFrame({"key": counts.index.astype("string"),
                        "reference": pd.array(spell.reindex(counts.index).to_numpy(), dtype="string"),
                        "citations": pd.array(counts.to_numpy(), dtype="Int64")})
    out = out.sort_values(["citations", "key"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return out if n is None else out.head(n)


def _surname(name: str) -> str:
    """The last word of an author's family name as a match key (``"Takashi Hasegawa"`` -> ``HASEGAWA``)."""
    name = name.split(",")[0] if "," in name else name
    words = _NON_ALNUM.sub(" ", _fold(name)).split()
    return words[-1] if words else ""


def _own_keys(papers: pd.DataFrame) -> pd.DataFrame:
    """Match keys of the corpus papers: DOI, work ids, and (surname, year, volume, first page)."""
    rows, keys = [], []
    for i, (doi, authors, year, extra) in enumerate(zip(papers["doi"].tolist(), papers["authors"].tolist(),
                                                        papers["year"].tolist(), papers["extra"].tolist())):
        if isinstance(doi, str) and doi:
            rows.append(i)
            keys.append(f"doi:{doi.lower()}")
        for k in OWN_ID_KEYS:
            if extra.get(k):
                rows.append(i)
                keys.append(_work_key(extra[k]) if k == "openalex_id" else f"s2:{extra[k]}")
        vol = extra.get("volume")
        page = extra.get("page_start") or str(extra.get("pages") or "").split("-")[0].strip()
        if authors and year is not None and year == year and vol and page:
            rows.append(i)
            keys.append(f"avp:{_surname(authors[0])}|{int(year)}|{_NON_ALNUM.sub('', _fold(str(vol)))}|"
                        f"{_NON_ALNUM.sub('', _fold(page))}")
    return pd.DataFrame({"row": np.asarray(rows, dtype=np.int64), "key": keys})


def _avp_keys(R: pd.DataFrame) -> pd.DataFrame:
    """Author/year/volume/page keys of references (one per word of the first author's name)."""
    ok = R["year"].notna() & R["volume"].notna() & R["page"].notna() & R["author"].notna()
    sub = R[ok]
    idx, keys = [], []
    for i, a, y, v, p in zip(np.flatnonzero(ok.to_numpy()), sub["author"].tolist(), sub["year"].tolist(),
                             sub["volume"].tolist(), sub["page"].tolist()):
        words = [w for w in _NON_ALNUM.sub(" ", a).split() if not _INITIALS.match(w) or len(w) > 3] \
            or _NON_ALNUM.sub(" ", a).split()[:1]
        tail = f"|{int(y)}|{_NON_ALNUM.sub('', v.upper())}|{_NON_ALNUM.sub('', p.upper())}"
        for w in dict.fromkeys(words):
            idx.append(i)
            keys.append(f"avp:{w}{tail}")
    return pd.DataFrame({"ref": np.asarray(idx, dtype=np.int64), "key": keys})


def citation_links(papers: pd.DataFrame, *, refs=None) -> pd.DataFrame:
    """Direct citations inside the corpus: which paper cites which other paper of the corpus.

    A reference matches a paper by DOI (any of the DOIs it gives: WoS sometimes lists a wrong
    and a corrected one), by OpenAlex / Semantic Scholar id, or (when both carry them) by first
    author's family name, year, volume and first page. Self-matches are dropped.

    Returns
    -------
    DataFrame
        ``citing``, ``cited`` (paper ids), ``by`` (``doi``, ``id`` or ``author/year/volume/page``),
        one row per pair (a DOI match wins).

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> t = from_records([{"id": "doi:10.1000/a", "doi": "10.1000/a"},
    ...                   {"id": "b", "extra": {"references": ["Q R, 2001, J, DOI 10.1000/A"]}}])
    >>> litkit.citation_links(t)
      citing          cited   by
    0      b  doi:10.1000/a  doi
    """
    R = references(papers) if refs is None else refs
    own = _own_keys(papers)
    ids = papers["id"].to_numpy()
    cols = {"citing": pd.Series([], dtype="string"), "cited": pd.Series([], dtype="string"),
            "by": pd.Series([], dtype="string")}
    if len(R) == 0 or len(own) == 0:
        return pd.DataFrame(cols)
    dois = R["reference"].astype(str).str.lower().str.findall(_DOI.pattern)   # every DOI a reference gives
    dois = dois[dois.map(len) > 1].explode()
    more = pd.DataFrame({"id": R["id"].to_numpy()[R.index.get_indexer(dois.index)],
                         "key": "doi:" + dois.astype(str).str.rstrip(".").to_numpy()})
    # empty parts are left out: pandas 2 warns on concatenating empty frames (dtype rules change)
    direct = pd.concat([f for f in (R[["id", "key"]], more) if len(f)], ignore_index=True).merge(own, on="key")
    direct = direct.assign(by=np.where(direct["key"].str.startswith("doi:"), "doi", "id"))
    A = _avp_keys(R)
    avp = A.merge(own, on="key").drop_duplicates(["ref", "row"])
    avp = pd.DataFrame({"id": R["id"].to_numpy()[avp["ref"].to_numpy()], "row": avp["row"].to_numpy(),
                        "by": "author/year/volume/page"})
    parts = [f for f in (direct[["id", "row", "by"]], avp) if len(f)]
    L = pd.concat(parts, ignore_index=True) if parts else avp
    L = pd.DataFrame({"citing": L["id"].astype(str).to_numpy(), "cited": ids[L["row"].to_numpy()],
                      "by": L["by"].to_numpy()})
    L["rank"] = L["by"].map({"doi": 0, "id": 1}).fillna(2)
    L = L[L["citing"] != L["cited"]].sort_values(["citing", "cited", "rank"], kind="stable") \
        .drop_duplicates(["citing", "cited"]).drop(columns="rank").reset_index(drop=True)
    return pd.DataFrame({c: pd.array(L[c].to_numpy(), dtype="string") for c in cols})


def local_citations(papers: pd.DataFrame, *, links=None) -> pd.DataFrame:
    """How often each paper is cited by the other papers of the corpus (bibliometrix' LCS).

    Parameters
    ----------
    papers : DataFrame
        A papers table.
    links : DataFrame, optional
        The result of :func:`citation_links` when already computed.

    Returns
    -------
    DataFrame
        ``id``, ``title``, ``year``, ``local_citations`` (citing papers in the corpus),
        ``citations`` (global, as the export gives them) and ``local_share`` (local / global,
        NA where global is 0 or missing); every paper, most locally cited first.

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> t = from_records([{"id": "doi:10.1000/a", "doi": "10.1000/a", "citations": 4},
    ...                   {"id": "b", "extra": {"references": ["Q R, 2001, J, DOI 10.1000/A"]}}])
    >>> litkit.local_citations(t)[["id", "local_citations", "citations"]]
                  id  local_citations  citations
    0  doi:10.1000/a                1          4
    1              b                0       <NA>
    """
    L = citation_links(papers) if links is None else links
    n = L.groupby("cited").size()
    local = pd.array(n.reindex(papers["id"].astype(str).to_numpy()).fillna(0).astype(int).to_numpy(),
                     dtype="Int64")
    out = pd.DataFrame({"id": papers["id"].to_numpy(), "title": papers["title"].to_numpy(),
                        "year": papers["year"].to_numpy(), "local_citations": local,
                        "citations": papers["citations"].array})
    g = out["citations"].astype("Float64")
    out["local_share"] = (out["local_citations"].astype("Float64") / g.where(g > 0)).round(3)
    return out.sort_values(["local_citations", "id"], ascending=[False, True], kind="stable") \
        .reset_index(drop=True)
