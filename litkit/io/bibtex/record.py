"""Mapping a BibTeX entry to a row of the papers table (``litkit.schema``), and ``crossref``."""

from __future__ import annotations

import re

from ...normalize import (YEAR_PATTERN, first_int, normalize_arxiv_id, normalize_doi, parse_date,
                          unique)
from .._base import Document
from .entry import Entry, Field, canon
from .fields import Fields, decode, plain, split_list, url
from .names import authors, wos_address

_CITED_BY = re.compile(r"cited\s+by\s*:?\s*(\d+)", re.I)
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/([^\s}]+)", re.I)
_ARXIV_TEXT = re.compile(r"arxiv[:\s/]*(?:abs/)?([a-z.-]+/\d{7}|\d{4}\.\d{4,5})", re.I)
_ARXIV_VENUE = re.compile(r"arxiv\b", re.I)
_DOI_URL = re.compile(r"(?:dx\.)?doi\.org/", re.I)
_DATE_RANGE = re.compile(r"/\d{4}")
_PMID = re.compile(r"PMID\W*(\d+)")
#: the DOI prefix of arXiv's own DOIs (10.48550/arXiv.2401.01234)
_ARXIV_DOI = "10.48550/arxiv."
_WOS_AUTHOR_MARKS = ("(Corresponding Author)", "(Reprint Author)")
_LAST_MONTH, _LAST_DAY = 12, 31

_IN_VOLUME = ("inproceedings", "conference", "incollection", "inbook")
_BOOKS = ("book", "inbook", "booklet", "manual", "proceedings", "collection")
_THESES = ("phdthesis", "mastersthesis", "thesis")
_REPORTS = ("techreport", "report")
#: whole volumes whose editors stand in for missing authors
_EDITED = ("book", "proceedings", "collection", "mvbook")
#: entry types whose title is the booktitle of the entries that cross-reference them
_CONTAINERS = {"proceedings", "book", "collection", "mvbook", "mvproceedings", "periodical"}
_NOT_INHERITED = ("crossref", "key")

#: fields kept in ``extra`` as text (under their lower-case name)
_EXTRA_FIELDS = ("volume", "number", "issue", "pages", "numpages", "issn", "eissn", "isbn",
                 "publisher", "address", "edition", "series", "editor", "language", "langid",
                 "type", "document_type", "unique-id", "note", "article-number", "art_number",
                 "pmid", "pmcid", "crossref", "howpublished", "school", "institution",
                 "organization", "chapter", "shorttitle", "journal-iso", "abbrev_source_title",
                 "eprint", "primaryclass", "urldate", "source")
_EXTRA_CANON = {canon(f) for f in _EXTRA_FIELDS}
#: identifiers and numbers: braces removed, nothing decoded ("321--331" stays)
_VERBATIM = {canon(f) for f in ("volume", "number", "issue", "pages", "numpages", "issn",
                                "eissn", "isbn", "unique-id", "article-number", "art_number",
                                "pmid", "pmcid", "eprint", "urldate", "crossref")}
_KEYWORD_FIELDS = ("author_keywords", "keywords", "keywords-plus", "mendeley-tags")
_CATEGORY_FIELDS = ("web-of-science-categories", "research-areas")


def _venue(f: Fields, typ: str) -> str | None:
    if typ in _IN_VOLUME:
        v = f.text("booktitle", "eventtitle", "journal", "journaltitle")
    else:
        v = f.text("journal", "journaltitle", "booktitle", "eventtitle")
    if v:
        return v
    if typ in _BOOKS:
        v = f.text("series", "publisher")
    elif typ in _THESES:
        v = f.text("school", "institution")
    elif typ in _REPORTS:
        v = f.text("institution", "organization")
    if v:
        return v
    hp = f.raw("howpublished")
    if hp and "\\url" not in hp and "http" not in hp:
        return decode(hp)
    if _eprint_prefix(f) == "arxiv":
        return "arXiv"
    return f.text("publisher", "organization")


def _eprint_prefix(f: Fields) -> str:
    return (f.text("archiveprefix", "eprinttype") or "").lower()


def _date(f: Fields):
    """``(timestamp, year)``: the biblatex ``date``, else year + month (+ day)."""
    year_raw = f.text("year")
    ym = YEAR_PATTERN.search(year_raw or "")
    date_raw = f.text("date")
    if date_raw and _DATE_RANGE.search(date_raw):       # a biblatex range "2020-03/2020-04"
        date_raw = date_raw.split("/", 1)[0]
    date, year = parse_date(date_raw) if date_raw else (None, None)
    if not ym:
        return date, year
    y = int(ym.group(1))
    if year == y:
        return date, year
    month, day = f.text("month"), f.text("day")
    parts = [str(y)]
    if month:
        mm = month.strip().rstrip(".")
        if mm.isdigit() and 1 <= int(mm) <= _LAST_MONTH:
            parts = [f"{y}-{int(mm):02d}" + (f"-{int(day):02d}" if day and day.isdigit()
                                             and 1 <= int(day) <= _LAST_DAY else "")]
            day = None
        else:
            parts.append(mm)
    if day:
        parts.append(day)
    date, year = parse_date(" ".join(parts))
    if year != y:
        date, year = parse_date(str(y))
    return date, year


def _doi(f: Fields) -> str | None:
    doi = normalize_doi(f.text("doi"))
    if doi:
        return doi
    for cand in (f.raw("url"), f.raw("ee")):
        u = url(cand)
        if u and _DOI_URL.search(u):
            doi = normalize_doi(u)
            if doi:
                return doi
    return None


def _arxiv(f: Fields, doi: str | None) -> str | None:
    """The arXiv id: eprint with an arXiv prefix, an arxiv.org url or "arXiv:…" text, the DOI."""
    arxiv = None
    eprint = f.raw("eprint")
    if _eprint_prefix(f) == "arxiv" or (eprint and "arxiv" in eprint.lower()):
        arxiv = normalize_arxiv_id(f.text("eprint"))
    if not arxiv:
        for cand in (f.raw("url"), f.raw("ee"), f.raw("journal"), f.raw("note"),
                     f.raw("howpublished")):
            if cand and "arxiv" in cand.lower():
                arxiv = _arxiv_in(cand)
                if arxiv:
                    break
    if not arxiv and doi and doi.startswith(_ARXIV_DOI):
        arxiv = normalize_arxiv_id(doi[len(_ARXIV_DOI):])
    return arxiv


def _arxiv_in(text: str) -> str | None:
    for pattern in (_ARXIV_URL, _ARXIV_TEXT):
        m = pattern.search(text)
        arxiv = normalize_arxiv_id(m.group(1)) if m else None
        if arxiv:
            return arxiv
    return None


def _citations(f: Fields) -> int | None:
    """Web of Science Times-Cited, else Scopus "cited By 12" in the note."""
    citations = first_int(f.raw("times-cited", "citations", "cited-by"))
    if citations is None:
        m = _CITED_BY.search(f.raw("note") or "")
        if m:
            citations = int(m.group(1))
    return citations


def _affiliations(f: Fields, extra: dict) -> list[str]:
    """"affiliations" (WoS: institutions; others: as given), else "affiliation"; the Web of
    Science address lines go to ``extra["addresses"]`` when both are given."""
    affiliations: list[str] = []
    plural, single = f.raw("affiliations"), f.raw("affiliation")
    if plural:
        affiliations = [decode(a) for a in plural.split(";")]
    elif single:
        if "\n" in single.strip() or any(mark in single for mark in _WOS_AUTHOR_MARKS):
            # Web of Science: one address a line, "Family, Given[; Family, Given], Org, City"
            lines = [ln for ln in single.split("\n") if ln.strip()]
            affiliations = [wos_address(decode(ln)) for ln in lines
                            if not any(mark in ln for mark in _WOS_AUTHOR_MARKS)]
        else:
            affiliations = [decode(a) for a in single.split(";")]
    if single and plural:
        extra["addresses"] = [a for a in (decode(ln) for ln in single.split("\n")) if a]
    return affiliations


def _keywords(f: Fields) -> list[str]:
    keywords = []
    for nm in _KEYWORD_FIELDS:
        # ScienceDirect writes one "keywords = ..." field per keyword: all of them count
        for raw in [f.raw(nm)] + f.repeated_raw.get(canon(nm), []):
            keywords.extend(decode(k) for k in split_list(raw))
    return keywords


def _categories(f: Fields) -> list[str]:
    categories = []
    for nm in _CATEGORY_FIELDS:
        categories.extend(decode(c) for c in split_list(f.raw(nm), ";"))
    pc = f.text("primaryclass", "eprintclass")
    if pc:
        categories.insert(0, pc)
    return categories


def _details(f: Fields, extra: dict) -> None:
    """Bibliographic details into ``extra`` (volume, pages, issn, note ...) and repeats."""
    for c, (orig, val) in f.d.items():
        if c in _EXTRA_CANON and val.strip():
            extra[orig] = plain(val) if c in _VERBATIM else decode(val)
    if f.repeated:
        extra["repeated_fields"] = f.repeated


def _pmid(f: Fields, extra: dict) -> None:
    """A PMID written in the note (Google Scholar: ``{PMID:} 23439512``) into ``extra``."""
    note = f.raw("note") or ""
    if "pmid" not in extra and "PMID" in note:
        m = _PMID.search(note.replace("{", "").replace("}", ""))
        if m:
            extra["pmid"] = m.group(1)


def record(doc: Document, entry: Entry) -> dict:
    """The papers-table row of one entry (see the package docstring for the fields read).

    Parameters
    ----------
    doc : Document
        The file, for the row's ``source_ref``.
    entry : Entry
        The entry, ``crossref`` already resolved.

    Returns
    -------
    dict
        The row; ``extra`` keeps the entry type, citation key and bibliographic details.

    Examples
    --------
    >>> from litkit.io._base import Document
    >>> from litkit.io.bibtex.scanner import scan
    >>> doc = Document(path="r.bib", text="", encoding="utf-8")
    >>> bib = "@article{k, title = {On {GPUs}}, author = {Doe, J.}, year = 2020, month = mar}"
    >>> row = record(doc, next(scan(bib)))
    >>> row["title"], row["authors"], str(row["date"].date()), row["source_ref"]
    ('On GPUs', ['J. Doe'], '2020-03-01', 'r.bib:1')
    >>> row["extra"]
    {'entry_type': 'article', 'citation_key': 'k'}
    """
    f = Fields(entry.fields)
    typ = entry.entry_type
    names, truncated, omitted = authors(f.raw("author full names", "authorfullnames", "author"))
    if not names and typ in _EDITED and not f.raw("author"):
        names, truncated, omitted = authors(f.raw("editor"))     # an edited volume
    date, year = _date(f)
    doi = _doi(f)
    arxiv = _arxiv(f, doi)
    extra: dict = {"entry_type": typ, "citation_key": entry.key or None}
    affiliations = _affiliations(f, extra)
    keywords, categories = _keywords(f), _categories(f)
    _details(f, extra)
    if entry.undefined_macros:
        extra["undefined_macros"] = unique(entry.undefined_macros)
    venue = _venue(f, typ)
    if venue and arxiv and _ARXIV_VENUE.match(venue):    # "arXiv preprint arXiv:…"
        venue = "arXiv"
    _pmid(f, extra)
    if omitted:
        extra["authors_not_read"] = omitted
    if entry.repaired:
        extra["repaired"] = f"read line by line: {entry.repaired}"
    return {
        "title": f.text("title"),
        "abstract": f.text("abstract"),
        "authors": names,
        "authors_truncated": truncated,
        "affiliations": unique(a for a in affiliations if a),
        "year": year,
        "date": date,
        "venue": venue,
        "categories": unique(c for c in categories if c),
        "keywords": unique(k for k in keywords if k),
        "doi": doi,
        "arxiv_id": arxiv,
        "url": url(f.raw("url")) or url(f.raw("ee")) or url(f.raw("link")),
        "citations": _citations(f),
        "source_ref": doc.ref(entry.start_line),
        "extra": extra,
    }


def resolve_crossrefs(entries: list[Entry]) -> None:
    """Give entries with ``crossref`` the fields they lack from the referenced entry.

    As in BibTeX/biber: the parent's ``title`` becomes the child's ``booktitle`` when the
    parent is a whole book or proceedings of another type; otherwise missing fields are
    copied (with the parent's lines). The entries are changed in place.

    Parameters
    ----------
    entries : list of Entry

    Examples
    --------
    >>> from litkit.io.bibtex.scanner import scan
    >>> es = list(scan("@inproceedings{a, title = {T}, crossref = {p}}\\n"
    ...                "@proceedings{p, title = {Proc. X}, year = 2001}"))
    >>> resolve_crossrefs(es)
    >>> [(f.name, f.value, f.line) for f in es[0].fields]
    [('title', 'T', 1), ('crossref', 'p', 1), ('booktitle', 'Proc. X', 2), ('year', '2001', 2)]
    """
    by_key: dict[str, Entry] = {}
    for e in entries:
        if e.key:
            by_key.setdefault(e.key.lower(), e)
    for e in entries:
        ref = next((fld.value for fld in e.fields if canon(fld.name) == "crossref"), None)
        if not ref:
            continue
        parent = by_key.get(ref.strip().strip("{}").lower())
        if parent is None or parent.fields is e.fields:
            continue
        have = {canon(fld.name) for fld in e.fields}
        for fld in list(parent.fields):
            c, name = canon(fld.name), fld.name
            if c == "title" and parent.entry_type in _CONTAINERS and e.entry_type != parent.entry_type:
                c, name = "booktitle", "booktitle"
            if c not in have and c not in _NOT_INHERITED:
                e.fields.append(Field(name, fld.value, fld.line))
                have.add(c)
