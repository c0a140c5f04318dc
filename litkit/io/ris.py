"""RIS (``TY  - JOUR`` … ``ER  -``) from IEEE Xplore, Scopus, Web of Science, Rayyan, Zotero,
EndNote, Mendeley and others.

One field a line, ``XX  - value``. Handled: untagged continuation lines (Rayyan writes one
keyword a line after a single ``KW  -``; long abstracts wrap), a missing ``ER`` (the next
``TY`` closes the record, and the last record counts without it), CRLF, lone CR and BOMs
(also a BOM in the middle of concatenated files), header lines before the first record
(``Provider: …``; JSTOR repeats it before every record) and record numbers (``12.``)
between records.

A hand-written line parser rather than ``rispy``: rispy silently merges a record whose ``ER``
is missing into the next one and drops a last record without ``ER`` (checked on the Scopus
sample: 6 records read as 5 in both cases), and it gives no line numbers for ``source_ref``.

A record with neither a title nor an author goes to ``skipped`` with its line; so does text
between records.
"""

from __future__ import annotations

import re

from ..normalize import clean_text, split_keywords, strip_markup, unique
from ._base import Document, Format, Parsed
from ..normalize import best_date
from ._tagged import (Raw, Stray, collect, doi_in_url, first_doi, pages, person, put, scan,
                      unique_ci)

DESCRIPTION = "RIS (.ris: Zotero, EndNote, Mendeley, Scopus, IEEE, Web of Science, Rayyan)"
#: how to export again from this source to get a thin field (litkit.coverage)
_EXPORT_HINTS = {
    "abstract": 'export again with abstracts included (in RIS the AB field)',
}


_TAG = re.compile(r"([A-Z][A-Z0-9])  -(?: |\t|$)")
_ANY_TAG = re.compile(r"^[A-Z][A-Z0-9]  -(?: |$)", re.M)
_TY = re.compile(r"^\ufeff?TY  -(?: |$)", re.M)
_HEADER = re.compile(r"^[A-Za-z][\w .-]{0,40}:\s")    # "Provider: JSTOR", "Content: text/plain"
#: the header JSTOR writes before every record of a multi-record export
_PROVIDER = re.compile(r"^(?:Provider|Database|Content):\s", re.I)
#: "1." alone on a line before each record (numbered exports, e.g. EndNote output styles)
_NUMBERING = re.compile(r"^\s*\d{1,6}\.\s*$")
#: citation counts in notes: Scopus "Cited By :2" / "Cited By: 12"; Web of Science
#: "Times Cited in Web of Science Core Collection:  5" (the core count, like TC) and,
#: through EndNote/Rayyan, "... Times Cited:0 Cited References Count:14"
_CITED = (re.compile(r"^Cited By\s*:?\s*(\d+)", re.I),
          re.compile(r"Times Cited in Web of Science Core Collection:\s*(\d+)", re.I),
          re.compile(r"\bTimes Cited:\s*(\d+)", re.I))

_BARE_DOI = re.compile(r"^\s*(?:doi:?\s*)?10\.\d{4,9}/", re.I)      # Mendeley M3 "doi: 10.…"

START = frozenset({"TY"})
END = frozenset({"ER"})


#: some home-made exporters write one space before the dash ("TY - JOUR"); such files are
#: read with this looser pattern (only when the file has no standard "TY  - " line)
_TAG_LOOSE = re.compile(r"([A-Z][A-Z0-9]) {1,2}-(?: |\t|$)")
_TY_LOOSE = re.compile(r"^\ufeff?TY -(?: |$)", re.M)


def _split(line: str):
    m = _TAG.match(line)
    if m is None:
        return None
    return m.group(1), line[6:].strip()


def _split_loose(line: str):
    m = _TAG_LOOSE.match(line)
    if m is None:
        return None
    return m.group(1), line[m.end():].strip()


def sniff(doc: Document) -> float:
    """RIS files have a ``TY  - `` line; Web of Science plain text and MEDLINE never do."""
    head = doc.head
    m = _TY.search(head)
    first = head.lstrip("\ufeff \n\t")
    if not m:
        if first.startswith("TY - ") and len(_TY_LOOSE.findall(head)) >= 1 \
                and re.search(r"^(?:TI|T1|AU|A1) -", head, re.M):
            return 0.7
        return 0.0
    if first.startswith("TY  -"):
        return 0.95
    before = [ln.strip() for ln in head[:m.start()].split("\n") if ln.strip()]
    if before and (all(_PROVIDER.match(ln) for ln in before)
                   or (len(before) == 1 and _NUMBERING.match(before[0]))):
        return 0.95       # JSTOR "Provider: …/Database: …/Content: …", or a record number "1."
    # TY further down: header lines (Provider: …) or blank lines before the first record
    if len(_ANY_TAG.findall(head)) >= 3:
        return 0.8
    return 0.3


def _names(values) -> list[str]:
    out = []
    for v in values:
        for part in v.split(";") if ";" in v else (v,):   # "AU  - Smith, J.; Doe, K."
            name = person(part)
            if name:
                out.append(name)
    return unique(out)


def _record(doc: Document, raw: Raw) -> dict | str:
    title = raw.text("TI", "T1", "CT")
    title_is_bt = False
    if title is None:                   # a whole book (BT), or only a short title (ST)
        title = raw.text("BT", "ST")
        title_is_bt = title is not None
    authors = _names(raw.lines("AU", "A1"))
    secondary = _names(raw.lines("A2", "A3", "A4", "ED"))
    from_secondary = False
    if not authors and secondary:
        authors, from_secondary = secondary, True
    if not title and not authors:
        return "no title and no author"
    abstract = raw.text("AB", "N2")
    # (Y2 is left out: Zotero writes the access date there)
    date, year, prec = best_date(raw.text("PY"), raw.text("Y1"), raw.text("DA"))
    venue = raw.text("JF", "T2", "JO", "JA", "J2", "J1")
    if venue is None and not title_is_bt:
        venue = raw.text("BT")                          # the book a chapter is in
    keywords = unique_ci(k for line in raw.lines("KW", "DE") for k in split_keywords(line, ";"))
    urls = raw.lines("UR")
    links = raw.lines("L2")
    doi = first_doi(*raw.values("DO", "DI"))
    if doi is None:
        for v in urls + links + raw.lines("L3", "L1"):
            doi = doi_in_url(v) or (first_doi(v) if _BARE_DOI.match(v) else None)
            if doi:
                break
    if doi is None:                                     # "M3  - doi: 10.…" (Mendeley), N1
        doi = next((first_doi(v) for v in raw.lines("M3", "N1") if _BARE_DOI.match(v)), None)
    notes, n_refs = [], 0
    for occ in raw.fields.get("N1", ()):
        if occ[0].lower().startswith("references:"):   # Scopus: the whole reference list
            n_refs += len(occ)
            continue
        notes.extend(s for s in (clean_text(ln) for ln in occ) if s)
    citations = None
    for pattern in _CITED:
        for note in notes:
            m = pattern.search(note)
            if m:
                citations = int(m.group(1))
                break
        if citations is not None:
            break
    url = next((u for u in urls + links if u.startswith(("http://", "https://"))), None)
    extra: dict = {}
    put(extra, "type", raw.text("TY"))
    put(extra, "ris_id", raw.text("ID"))
    an = raw.text("AN")
    put(extra, "accession", an)
    if an and an.upper().startswith("WOS:"):
        extra["wos_id"] = an.upper()
    for u in urls + links:
        if "WOS:" in u and "wos_id" not in extra:
            extra["wos_id"] = "WOS:" + u.split("WOS:", 1)[1].strip()
    put(extra, "issn", unique(raw.lines("SN")))
    put(extra, "volume", raw.text("VL", "VO"))
    put(extra, "issue", raw.text("IS"))
    put(extra, "pages", pages(raw.text("SP"), raw.text("EP")))
    put(extra, "publisher", raw.text("PB", "PU"))
    put(extra, "language", raw.text("LA"))
    put(extra, "short_title", raw.text("ST"))
    put(extra, "organizations", unique(raw.lines("C3")))
    if not from_secondary:
        put(extra, "editors", secondary)
    else:
        extra["authors_from"] = "secondary author tags (A2/A3/A4/ED)"
    put(extra, "notes", notes)
    put(extra, "n_references", n_refs or None)
    put(extra, "urls", [u for u in unique(urls + links) if u != url])
    put(extra, "date_precision", prec)
    end_text = raw.values("ER+")
    if end_text:                                        # "ER  - text" inside the record
        extra["end_text"] = end_text
        extra["warning"] = "an ER line inside the record carries text (kept in end_text)"
    return {
        "title": strip_markup(title),
        "abstract": strip_markup(abstract),
        "authors": authors,
        "affiliations": unique(raw.lines("AD")),
        "year": year,
        "date": date,
        "venue": venue,
        "keywords": keywords,
        "doi": doi,
        "url": url,
        "citations": citations,
        "source_ref": doc.ref(raw.line),
        "extra": extra,
    }


def _packaging(item: Stray, seen_record: bool) -> bool:
    """Stray text that is export packaging, not a lost record."""
    first = item.first.strip()
    if not seen_record and _HEADER.match(first):
        return True              # "Provider: …/Database: …" header of JSTOR-style exports
    # JSTOR repeats its header before every record; numbered exports put "12." before a record
    return bool((_PROVIDER.match(first) and item.count <= 4)
                or (_NUMBERING.match(first) and item.count == 1))


def parse(doc: Document) -> Parsed:
    split = _split if _TY.search(doc.text) or not _TY_LOOSE.search(doc.text) else _split_loose
    items = scan(doc.text, split_tag=split, start_tags=START, end_tags=END)
    return collect(doc, items, _record, kind="RIS record (TY  - … ER  -)", start_tag="TY",
                   ignore_stray=_packaging)


#: this reader, for the registry (litkit.io.formats)
FORMAT = Format(name="ris", description=DESCRIPTION, sniff=sniff, parse=parse,
                suffixes=(".ris",), label="RIS", hints=_EXPORT_HINTS)
