"""IEEE Xplore CSV exports (``Document Title``, ``Authors``, ``Publication Title``, ...).

Columns are found by name (case/space-insensitive, BOM tolerated). ``Authors`` and
``Author Affiliations`` are ``;``-separated, names already "Given Family". Keywords are the
author keywords, IEEE terms, INSPEC controlled and non-controlled terms and MeSH terms (the author
keywords alone are also kept in ``extra["author_keywords"]``). ``Article Citation Count`` gives
``citations``. The date is the issue or online date when it falls in the publication year, else the
year. Cells are kept as text. A row with the wrong number of fields goes to ``skipped``.
"""

from __future__ import annotations

import re

from ..normalize import clean_text, normalize_doi, parse_date, strip_markup, unique
from . import _table as T
from ._base import Document, Format, Parsed

DESCRIPTION = "IEEE Xplore CSV export"
#: how to export again from this source to get a thin field (litkit.coverage)
_EXPORT_HINTS = {
    "abstract": 'IEEE CSV exports include abstracts: check the export options',
}


#: the error for a file without the header
_NO_HEADER = ("no IEEE Xplore CSV header found in the first lines (a header with Document Title "
              "and Publication Title)")
_HINT = "export from IEEE Xplore as CSV"


def _is_header(keys: set[str]) -> bool:
    return "document title" in keys and "publication title" in keys


def sniff(doc: Document) -> float:
    return 0.95 if T.find_header(doc, _is_header) is not None else 0.0


def parse(doc: Document) -> Parsed:
    """Read an IEEE Xplore CSV export: one record a row (see the module's description)."""
    return T.read_table(doc, _row, accept=_is_header, missing=_NO_HEADER, hint=_HINT)


#: this reader, for the registry (litkit.io.formats)
FORMAT = Format(name="ieee-csv", description=DESCRIPTION, sniff=sniff, parse=parse,
                suffixes=(".csv",), label="IEEE Xplore", hints=_EXPORT_HINTS)


_KEYWORDS = ("Author Keywords", "IEEE Terms", "INSPEC Controlled Terms",
             "INSPEC Non-Controlled Terms", "Mesh_Terms")
_EXTRA = {
    "document identifier": "document_type",
    "publisher": "publisher",
    "issn": "issn",
    "isbns": "isbn",
    "volume": "volume",
    "issue": "issue",
    "start page": "page_start",
    "end page": "page_end",
    "date added to xplore": "date_added",
    "online date": "online_date",
    "issue date": "issue_date",
    "meeting date": "meeting_date",
    "patent citation count": "patent_citations",
    "reference count": "reference_count",
    "funding information": "funding",
    "license": "license",
}
_ARNUMBER = re.compile(r"arnumber=(\d+)")


def _date(cols: T.Columns, f: list[str], year: int | None):
    for name in ("Issue Date", "Online Date"):
        text = cols.get(f, name)
        if not text:
            continue
        date, y = parse_date(text)
        if date is not None and (year is None or y == year):
            return date
    return parse_date(str(year))[0] if year is not None else None


def _row(cols: T.Columns, f: list[str]) -> dict | str:
    """The record of one row, or why it is not one."""
    title = strip_markup(cols.get(f, "Document Title"))
    doi = normalize_doi(cols.get(f, "DOI"))
    if not title and not doi:
        return "no document title and no DOI: not a record"
    year_text = cols.get(f, "Publication Year", "Year")
    year = T.to_year(year_text)
    if year is None and year_text:
        year = parse_date(year_text)[1]
    keywords: list[str] = []
    for name in _KEYWORDS:
        keywords += T.split_list(cols.get(f, name), ";")
    extra = cols.mapped(f, _EXTRA)
    author_kw = T.split_list(cols.get(f, "Author Keywords"), ";")
    if author_kw:
        extra["author_keywords"] = author_kw
    url = cols.get(f, "PDF Link")
    m = _ARNUMBER.search(url or "")
    if m:
        extra["arnumber"] = m.group(1)
    # affiliations are listed per author, in author order: keep that pairing too
    authors = unique(T.split_list(cols.get(f, "Authors"), ";"))
    raw_names = [n.strip() for n in (cols.raw(f, "Authors") or "").split(";") if n.strip()]
    per_author = [T.value(a) for a in (cols.raw(f, "Author Affiliations") or "").split(";")]
    if any(per_author) and len(per_author) == len(raw_names):
        # one affiliation per author, in author order (schema.EXTRA: a list per author)
        by_name: dict[str, list[str]] = {}
        for n, a in zip(raw_names, per_author):
            lst = by_name.setdefault(n, [])
            if a and a not in lst:
                lst.append(a)
        extra["author_affiliations"] = [by_name.get(n, []) for n in authors]
    return {
        "title": title,
        "abstract": strip_markup(cols.get(f, "Abstract")),
        "authors": authors,
        "affiliations": T.split_list(cols.get(f, "Author Affiliations"), ";"),
        "year": year,
        "date": _date(cols, f, year),
        "venue": clean_text(cols.get(f, "Publication Title")),
        "keywords": unique(keywords),
        "doi": doi,
        "url": url,
        "citations": T.to_int(cols.get(f, "Article Citation Count", "Citation Count")),
        "extra": extra,
    }
