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
from ._base import Document, Parsed

NAME = "wos-tab"
DESCRIPTION = "Web of Science tab-delimited export"

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


def _header(doc: Document) -> tuple[int, list[str]] | None:
    """The line number and tag names of the header line, if the first non-blank line is one."""
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
        return no, names
    return None


def sniff(doc: Document) -> float:
    return 0.95 if _header(doc) is not None else 0.0


def _affiliations(c1: str | None) -> tuple[list[str], list[dict]]:
    """``"[A; B] Org 1, City; [C] Org 2"`` -> (["Org 1, City", "Org 2"], [{"authors", "affiliation"}])."""
    if not c1:
        return [], []
    pieces: list[str] = []
    pending = None                       # an address whose "[..." author list is still open
    for part in c1.split(";"):
        if pending is not None:
            pending += ";" + part
            if "]" in part:
                pieces.append(pending)
                pending = None
        elif part.count("[") > part.count("]"):
            pending = part
        else:
            pieces.append(part)
    if pending is not None:
        pieces.append(pending)
    orgs, pairs = [], []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        names: list[str] = []
        m = re.match(r"^\[([^\]]*)\]\s*(.*)$", piece)
        if m:
            names = [n for n in (display_name(x) for x in m.group(1).split(";")) if n]
            piece = m.group(2)
        org = clean_text(piece.rstrip(". "))
        if not org:
            continue
        orgs.append(org)
        if names:
            pairs.append({"authors": names, "affiliation": org})
    return unique(orgs), pairs


def _date(pd_text: str | None, py: str | None, ea: str | None):
    if py:
        text = pd_text if pd_text and re.search(r"\b\d{4}\b", pd_text) else f"{pd_text or ''} {py}"
        return parse_date(text)
    if ea:
        return parse_date(ea)
    return parse_date(pd_text) if pd_text else (None, None)


_EXTRA = {
    "PT": "publication_type", "DT": "document_type", "LA": "language", "PU": "publisher",
    "SN": "issn", "EI": "eissn", "BN": "isbn", "PM": "pubmed_id", "Z9": "times_cited_all",
    "OA": "open_access", "EA": "early_access", "J9": "venue_abbrev", "JI": "venue_iso_abbrev",
    "VL": "volume", "IS": "issue", "BP": "page_start", "EP": "page_end", "AR": "article_number",
    "NR": "reference_count", "SE": "series", "CT": "conference", "CY": "conference_date",
    "CL": "conference_location", "UT": "wos_id",
}


def parse(doc: Document) -> Parsed:
    out = Parsed()
    found = _header(doc)
    if found is None:
        raise doc.error("no Web of Science tab-delimited header found (a first line of two-letter "
                        "tags separated by tabs: PT AU ... TI ... UT)", line=1,
                        hint="export from Web of Science as 'Tab delimited file'")
    line_no, names = found
    layout = T.Layout(names, lambda names: T.fit_exact(len(names)), is_header=_is_tag_line)
    for row in T.iter_rows(doc, T.lines_of(doc), line_no, layout, out, delimiter="\t",
                           quoting=False):
        cols = layout.cols
        f = row.fields
        ref = doc.ref(row.first)
        title = strip_markup(cols.get(f, "TI"))
        ut = cols.get(f, "UT")
        doi = normalize_doi(cols.get(f, "DI"))
        if not title and not ut and not doi:
            out.skip(ref, "no title (TI), no accession number (UT) and no DOI (DI): not a record")
            continue
        people = (T.split_list(cols.get(f, "AF"), ";") or T.split_list(cols.get(f, "AU"), ";")
                  or T.split_list(cols.get(f, "BF"), ";") or T.split_list(cols.get(f, "BA"), ";"))
        authors = [n for n in (display_name(p) for p in people) if n]
        authors += T.split_list(cols.get(f, "CA"), ";")          # group authors, as written
        affiliations, pairs = _affiliations(cols.get(f, "C1"))
        date, year = _date(cols.get(f, "PD"), cols.get(f, "PY") or cols.get(f, "EY"),
                           cols.get(f, "EA"))
        author_kw = T.split_list(cols.get(f, "DE"), ";")
        plus_kw = T.split_list(cols.get(f, "ID"), ";")
        extra: dict = {}
        for tag, name in _EXTRA.items():
            v = cols.get(f, tag)
            if v is not None:
                extra[name] = v
        for tag, name in (("SC", "research_areas"), ("C3", "organizations")):
            items = T.split_list(cols.get(f, tag), ";")
            if items:
                extra[name] = items
        if author_kw:
            extra["author_keywords"] = author_kw
        if plus_kw:
            extra["keywords_plus"] = plus_kw
        if pairs:
            extra["author_affiliations"] = pairs
        out.records.append({
            # WoS records without a DOI are keyed by their accession number
            "id": f"doi:{doi}" if doi else (f"wos:{ut.removeprefix('WOS:')}" if ut else None),
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
            "source_ref": ref,
            "extra": extra,
        })
    return out
