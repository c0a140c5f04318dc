"""Web of Science tab-delimited exports ("Tab delimited file", Win/Mac, UTF-8 or UTF-16).

The first line names the fields with the two-letter WoS tags (``PT AU BA ... UT``); then one record
a line. The file is *not* CSV-quoted: fields are split on tabs and ``"`` is an ordinary character
(abstracts quote words freely). A trailing tab is tolerated; a line with another number of fields
goes to ``skipped`` with its line number.

Tags used: TI title; AB abstract; AF full names ``"Last, First"`` (else AU, else the book authors
BF/BA) and CA group authors; C1 addresses ``[Author; Author] Org, City`` (affiliations, and the
author/affiliation pairing in ``extra``); SO venue; PY year with PD (``"OCT"``, ``"JUN 1"``,
``"APR-JUN"``), or EY/EA (early access) when there is no PY, for the date; DI DOI; TC citations; WC categories; DE author
keywords and ID Keywords Plus; UT the WoS accession number. More goes to ``extra``.
"""

from __future__ import annotations

import re

from ..normalize import clean_text, display_name, normalize_doi, parse_date, strip_markup, unique
from . import _table as T
from ._base import Document, Format, Parsed, record_id
from ._tagged import pages, put
from .wos_fields import c1_addresses, extra_fields, split_c1
from .wos_fields import per_author as author_addresses

DESCRIPTION = "Web of Science tab-delimited export"
#: how to export again from this source to get a thin field (litkit.coverage)
_EXPORT_HINTS = {
    "abstract": "export again with 'Full Record' (not 'Author, Title, Source')",
}


#: the error for a file without the header
_NO_HEADER = ("no Web of Science tab-delimited header found (a first line of two-letter tags "
              "separated by tabs: PT AU ... TI ... UT)")
_HINT = "export from Web of Science as 'Tab delimited file'"

_TAG = re.compile(r"^[A-Z][A-Z0-9]$")


def _is_tag_line(fields: list[str]) -> bool:
    """A header line: (nearly) all fields two-letter WoS tags, TI among them."""
    if len(fields) < 5 or any(len(f) > 8 for f in fields):
        return False
    names = [n.strip().lstrip("\ufeff") for n in fields]
    while names and not names[-1]:
        names.pop()                                       # trailing tab
    if len(names) < 5 or "TI" not in names or not ({"PT", "UT", "AU", "FN"} & set(names)):
        return False
    return sum(1 for n in names if _TAG.match(n)) >= 0.9 * len(names)


def _header(doc: Document) -> tuple[int, list[str], str] | None:
    """The line number, tag names and delimiter (tab) of the header line, if the first non-blank
    line is one."""
    for no, line in enumerate(doc.head.split("\n"), 1):
        if not line.strip():
            continue
        if no <= 3 and re.match(r"^\ufeff?(?:FN|VR) [^\t]*$", line):
            continue                           # a plain-text style "FN .../VR 1.0" preamble
        fields = line.rstrip("\r").split("\t")
        if not _is_tag_line(fields):
            return None
        names = [n.strip().lstrip("\ufeff") for n in fields]
        while names and not names[-1]:
            names.pop()
        return no, names, "\t"
    return None


def sniff(doc: Document) -> float:
    return 0.95 if _header(doc) is not None else 0.0


def parse(doc: Document) -> Parsed:
    """Read a Web of Science tab-delimited export: one record a line."""
    return T.read_table(doc, _row, found=_header(doc), is_header=_is_tag_line, quoting=False,
                        missing=_NO_HEADER, hint=_HINT)


#: this reader, for the registry (litkit.io.formats)
FORMAT = Format(name="wos-tab", description=DESCRIPTION, sniff=sniff, parse=parse,
                suffixes=(".txt",), label="Web of Science", hints=_EXPORT_HINTS)


def _date(pd_text: str | None, py: str | None, ea: str | None):
    if py:
        text = pd_text if pd_text and re.search(r"\b\d{4}\b", pd_text) else f"{pd_text or ''} {py}"
        return parse_date(text)
    if ea:
        return parse_date(ea)
    return parse_date(pd_text) if pd_text else (None, None)


def _row(cols: T.Columns, f: list[str]) -> dict | str:
    """The record of one line, or why it is not one."""
    title = strip_markup(cols.get(f, "TI"))
    ut = cols.get(f, "UT")
    doi = normalize_doi(cols.get(f, "DI"))
    if not title and not ut and not doi:
        return "no title (TI), no accession number (UT) and no DOI (DI): not a record"
    people = (T.split_list(cols.get(f, "AF"), ";") or T.split_list(cols.get(f, "AU"), ";")
              or T.split_list(cols.get(f, "BF"), ";") or T.split_list(cols.get(f, "BA"), ";"))
    authors = [n for n in (display_name(p) for p in people) if n]
    authors += T.split_list(cols.get(f, "CA"), ";")          # group authors, as written
    pairs = c1_addresses(split_c1(cols.get(f, "C1")))
    affiliations = unique([addr for _, addr in pairs])
    date, year = _date(cols.get(f, "PD"), cols.get(f, "PY") or cols.get(f, "EY"),
                       cols.get(f, "EA"))
    author_kw = T.split_list(cols.get(f, "DE"), ";")
    plus_kw = T.split_list(cols.get(f, "ID"), ";")

    def text(tag):
        return cols.get(f, tag)

    extra = extra_fields(text, lambda tag: T.split_list(text(tag), ";"),
                         lambda v: T.split_list(v, ";"))
    put(extra, "pages", pages(text("BP"), text("EP")))
    # C1 names authors as AU/AF spell them: key them as display names on both sides
    authors = unique(authors)
    put(extra, "author_affiliations",
        author_addresses(authors, pairs, key=lambda n: (display_name(n) or n).lower()))
    return {
        # WoS records without a DOI are keyed by their accession number
        "id": record_id(("doi", doi), ("wos", ut and ut.removeprefix("WOS:"))),
        "title": title,
        "abstract": strip_markup(cols.get(f, "AB")),
        "authors": unique(authors),
        "affiliations": affiliations,
        "year": year,
        "date": date,
        "venue": clean_text(cols.get(f, "SO")),
        "categories": T.split_list(cols.get(f, "WC"), ";"),
        "keywords": unique(author_kw + plus_kw),
        "doi": doi,
        "url": cols.get(f, "DL"),
        "citations": T.to_int(cols.get(f, "TC")),
        "extra": extra,
    }
