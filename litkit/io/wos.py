"""Web of Science plain text ("Other file formats" → Plain text; ``savedrecs.txt``).

``FN``/``VR`` header, then records ``PT J`` … ``ER``, then ``EF``. Two-letter tags, one
space, value; continuation lines are indented by three spaces. For list fields (``AU``,
``AF``, ``CR``, ``C1``) each continuation line is a new item; for text fields (``TI``,
``AB``, ``SO``, ``DE``, ``ID``…) it continues the text. Files are detected by content, so an
export misnamed ``.ris`` is still read as Web of Science.

Mapping: ``AF`` full names (else ``AU``), ``TI``, ``AB``, ``SO`` venue, ``PY``/``PD`` year and
date, ``DI`` DOI, ``TC`` citations (Web of Science Core Collection), ``WC`` categories,
``DE`` + ``ID`` keywords, ``C1`` affiliations (the address without the ``[Author; …]``
prefix, deduplicated; each author's addresses in ``extra["author_affiliations"]``),
``UT`` → ``extra["wos_id"]``, ``CR`` → ``extra["references"]``.

A record with neither a title nor an author goes to ``skipped`` with its line; so does text
between records. A record whose ``ER`` is missing is closed by the next ``PT``.
"""

from __future__ import annotations

import re

from ..normalize import split_keywords, strip_markup, unique
from ._base import Document, Format, Parsed, record_id
from ..normalize import best_date
from .wos_fields import c1_addresses, extra_fields
from .wos_fields import per_author as author_addresses
from ._tagged import (Raw, collect, first_doi, pages, person, put, scan, to_int,
                      unique_ci)

DESCRIPTION = "Web of Science plain text (savedrecs.txt: FN/VR header, PT … ER records)"
#: how to export again from this source to get a thin field (litkit.coverage)
_EXPORT_HINTS = {
    "abstract": "export again with 'Full Record' (not 'Author, Title, Source')",
    "keywords": "export again with 'Full Record' to get DE and ID keywords",
    "affiliations": "export again with 'Full Record' to get C1 addresses",
}


_TAG = re.compile(r"([A-Z][A-Z0-9])(?: |$)")
START = frozenset({"PT"})
END = frozenset({"ER"})
FILE = frozenset({"FN", "VR", "EF"})
#: RIS "TY  - " and MEDLINE "PMID- "/"AB  - "/"AID - " tag lines (a WoS tag has one space, so
#: a title such as "TI T- and B-cell ..." does not match)
_RIS_OR_MEDLINE = re.compile(r"^(?:[A-Z][A-Z0-9]  -|[A-Z]{4}- |[A-Z]{3} - )", re.M)
_WOS_LINE = re.compile(r"^(?:[A-Z][A-Z0-9](?: .*)?|\s.*|)$")


def _split(line: str):
    if line[0] == " " or (len(line) > 2 and line[2] != " "):
        return None
    m = _TAG.match(line)
    if m is None:
        return None
    return m.group(1), line[3:].strip()


def sniff(doc: Document) -> float:
    """``FN``/``VR``/``PT`` first, two-letter tags with a space, no RIS/MEDLINE dash tags."""
    head = doc.head.lstrip("\ufeff \n\t")
    if head[:3] not in ("FN ", "VR ", "PT "):
        return 0.0
    if _RIS_OR_MEDLINE.search(head):
        return 0.0
    lines = head.split("\n")
    if len(lines) > 1 and len(doc.text) > len(doc.head):
        lines = lines[:-1]                                  # the last line may be cut
    lines = lines[:60]
    good = sum(1 for ln in lines if _WOS_LINE.match(ln))
    if good < 0.9 * len(lines):
        return 0.0
    has_pt = "\nPT " in "\n" + head
    has_end = re.search(r"^ER\s*$", doc.text, re.M) is not None
    if head.startswith(("FN ", "VR ")):
        return 0.95 if (has_pt or has_end) else 0.6
    return 0.9 if has_end else 0.6


def _record(doc: Document, raw: Raw) -> dict | str:
    # book records may carry their authors in BF/BA instead of AF/AU
    raw_names = raw.lines("AF") or raw.lines("AU") or raw.lines("BF") or raw.lines("BA")
    authors, kept_raw = [], []
    for n in raw_names:
        p = person(n)
        if p and p not in authors:
            authors.append(p)
            kept_raw.append(n)
    groups = [g for g in raw.lines("CA", "GP") if g]
    for g in groups:
        if g not in authors:
            authors.append(g)
    title = raw.text("TI")
    if not title and not authors:
        return "no title (TI) and no author (AU/AF)"
    pairs = c1_addresses(raw.lines("C1"))
    affiliations = unique([addr for _, addr in pairs])
    per_author = author_addresses(kept_raw, pairs)
    if per_author is not None:                  # group authors (CA) have no C1 address
        per_author += [[] for _ in range(len(authors) - len(per_author))]
    date, year, prec = best_date(raw.text("PY"), raw.text("PD"))
    if year is None:                                       # early access only
        date, year, prec = best_date(raw.text("EA"))
    keywords = unique_ci(k for tag in ("DE", "ID") for v in raw.values(tag)
                         for k in split_keywords(v, ";"))
    doi = first_doi(raw.text("DI"), raw.text("D2"))
    extra: dict = extra_fields(raw.text, raw.lines, lambda v: split_keywords(v, ";"))
    put(extra, "pages", pages(raw.text("BP"), raw.text("EP")))
    put(extra, "author_affiliations", per_author)
    put(extra, "editors", [p for p in map(person, raw.lines("BE")) if p])
    put(extra, "date_precision", prec)
    put(extra, "end_text", raw.values("ER+"))            # "ER some text": kept, not an end
    if groups:
        extra["group_authors"] = groups
    ut = raw.text("UT")
    return {
        # the DOI when there is one; else the Web of Science accession number, which is unique
        # per record (a title hash is not: the 500-record sample has one paper listed twice)
        "id": record_id(("doi", doi), ("wos", ut and ut.upper().removeprefix("WOS:"))),
        "title": strip_markup(title),
        "abstract": strip_markup(raw.text("AB")),
        "authors": authors,
        "affiliations": affiliations,
        "year": year,
        "date": date,
        "venue": raw.text("SO", "SE", "BS", "CT"),
        "categories": split_keywords(raw.text("WC"), ";"),
        "keywords": keywords,
        "doi": doi,
        "citations": to_int(raw.text("TC")),
        "source_ref": doc.ref(raw.line),
        "extra": extra,
    }


def parse(doc: Document) -> Parsed:
    items = scan(doc.text, split_tag=_split, start_tags=START, end_tags=END, file_tags=FILE)
    return collect(doc, items, _record, kind="Web of Science record (PT … ER)", start_tag="PT")


#: this reader, for the registry (litkit.io.formats)
FORMAT = Format(name="wos", description=DESCRIPTION, sniff=sniff, parse=parse,
                suffixes=(".txt",), label="Web of Science", hints=_EXPORT_HINTS)
