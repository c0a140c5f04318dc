"""PubMed MEDLINE text (PubMed "Save" → Format: PubMed; ``.nbib`` citation files).

Each record starts with ``PMID- ``; tags are up to four letters padded to four, then
``- ``; continuation lines are indented by six spaces; records are separated by blank
lines. Mapping: ``TI`` (else ``BTI``/``TT``), ``AB``, ``FAU`` full names (else ``AU``
"Family Initials"), ``CN`` group authors, ``AD`` affiliations (also per author in
``extra["author_affiliations"]``), ``DP`` date (``2019 Mar 5``, ``2019 Spring``,
``2018 Dec-2019 Jan``; a year-only ``DP`` is refined by ``DEP`` of the same year),
``JT`` (else ``TA``) venue, ``OT`` + ``MH`` keywords (MeSH descriptors without ``*`` and
subheadings; the full headings in ``extra["mesh"]``), ``AID``/``LID`` ``[doi]`` DOI,
``PMID`` → ``extra["pmid"]``, ``PT`` → ``extra["publication_types"]``.

A record with neither a title nor an author goes to ``skipped`` with its line; so does text
between records. A tag line after a blank line opens a new record even without ``PMID``,
so a record whose first line was lost does not merge into the previous one.
"""

from __future__ import annotations

import re

from ..normalize import clean_text, normalize_doi, strip_markup, unique
from ._base import Document, Format, Parsed, record_id
from ..normalize import best_date
from ._tagged import Raw, collect, pages, person, put, scan, unique_ci

DESCRIPTION = "PubMed MEDLINE text (.txt/.nbib: PMID- … records)"
#: how to export again from this source to get a thin field (litkit.coverage)
_EXPORT_HINTS = {
    "abstract": 'export as MEDLINE/PubMed format, not summary text',
}


_TAG = re.compile(r"([A-Z][A-Z0-9]{1,3}) *-")          # "PMID- 1", "AB  - x", "PMID-1"
START = frozenset({"PMID"})
_PMID = re.compile(r"^\ufeff?PMID- ?\d", re.M)
_SHORT = re.compile(r"^(.*\S)\s+([A-Z]{1,4})$")          # "Mazurek J", "van der Berg JH"
_DEP = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def _split(line: str):
    c = line[0]
    if c == " " or c == "\t" or len(line) < 5 or line[4] != "-":
        return None
    m = _TAG.match(line)
    if m is None:
        return None
    return m.group(1), line[5:].strip()


def sniff(doc: Document) -> float:
    head = doc.head
    if not _PMID.search(head) or re.search(r"^TY  - ", head, re.M):
        return 0.0
    first = head.lstrip("\ufeff \n\t")
    if first.startswith("PMID-"):
        return 0.95
    return 0.85


def _short_name(value: str) -> str | None:
    """MEDLINE ``AU`` "Family Initials" -> "Initials Family"."""
    s = clean_text(value)
    if not s:
        return None
    m = _SHORT.match(s)
    if m:
        return f"{m.group(2)} {m.group(1)}"
    return s


def _authors(raw: Raw) -> tuple[list[str], list[list[str]], list[str]]:
    """Authors in order with their AD addresses; group authors (CN) listed apart too."""
    names: list[str] = []
    affs: list[list[str]] = []
    groups: list[str] = []
    pending_au = False                  # the last author came from FAU and awaits its AU
    for tag, occ in raw.items:
        if tag == "FAU":
            n = person(" ".join(occ))
            if n:
                names.append(n)
                affs.append([])
                pending_au = True
            continue
        if tag == "AU":
            if pending_au:
                pending_au = False
                continue
            n = _short_name(" ".join(occ))
            if n:
                names.append(n)
                affs.append([])
            continue
        if tag == "CN":
            n = clean_text(" ".join(occ))
            if n:
                names.append(n)
                affs.append([])
                groups.append(n)
            pending_au = False
            continue
        if tag == "AD" and affs:
            a = clean_text(" ".join(occ))
            if a and a not in affs[-1]:
                affs[-1].append(a)
    # the same person twice (FAU and CN lists repeat in some exports)
    seen: dict[str, int] = {}
    out_n, out_a = [], []
    for n, a in zip(names, affs):
        if n in seen:
            for x in a:
                if x not in out_a[seen[n]]:
                    out_a[seen[n]].append(x)
            continue
        seen[n] = len(out_n)
        out_n.append(n)
        out_a.append(a)
    return out_n, out_a, groups


def _doi(raw: Raw) -> str | None:
    for v in raw.values("AID", "LID"):
        if v.endswith("[doi]"):
            d = normalize_doi(v[:-5])
            if d:
                return d
    return None


def _record(doc: Document, raw: Raw) -> dict | str:
    authors, per_author, groups = _authors(raw)
    title = raw.text("TI", "BTI", "TT", "VTI")
    if title and title.endswith(".") and not title.endswith(".."):
        title = title[:-1].rstrip()                     # MEDLINE ends every title with "."
    translated = bool(title and title.startswith("[") and title.endswith("]"))
    if translated:                                      # "[English title]": translated by NLM
        title = title[1:-1].strip()
    if not title and not authors:
        return "no title (TI) and no author (FAU/AU/CN)"
    dp = raw.text("DP")
    date, year, prec = best_date(dp)
    dep = raw.text("DEP")
    m = _DEP.match(dep or "")
    if m and (prec in (None, "year")):
        y = int(m.group(1))
        if year is None or y == year:
            date, year, prec = best_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")
    mesh = raw.values("MH")
    descriptors = [h.split("/")[0].strip().lstrip("*").strip() for h in mesh]
    keywords = unique_ci(raw.values("OT") + descriptors)
    pmid = raw.text("PMID")
    extra: dict = {}
    put(extra, "pmid", pmid)
    if translated:
        extra["title_translated"] = True
        put(extra, "original_title", raw.text("TT"))
    put(extra, "pmcid", raw.text("PMC"))
    put(extra, "publication_types", unique(raw.values("PT")))
    put(extra, "mesh", mesh)
    put(extra, "journal_abbrev", raw.text("TA"))
    put(extra, "language", raw.text("LA"))
    put(extra, "issn", unique(raw.values("IS")))
    put(extra, "volume", raw.text("VI"))
    put(extra, "issue", raw.text("IP"))
    put(extra, "pages", pages(raw.text("PG"), None))
    put(extra, "epub_date", dep)
    put(extra, "citation", raw.text("SO"))
    put(extra, "copyright", raw.text("CI"))
    put(extra, "conflicts_of_interest", raw.text("COIS"))
    if any(per_author):
        extra["author_affiliations"] = per_author
    put(extra, "group_authors", groups)
    put(extra, "editors", unique(p for p in map(person, raw.values("FED")) if p)
        or unique(p for p in map(_short_name, raw.values("ED")) if p))
    put(extra, "date_precision", prec)
    doi = _doi(raw)
    return {
        "id": record_id(("doi", doi), ("pmid", pmid)),
        "title": strip_markup(title),
        "abstract": strip_markup(raw.text("AB")),
        "authors": authors,
        "affiliations": unique(raw.values("AD")),
        "year": year,
        "date": date,
        "venue": raw.text("JT", "TA"),
        "keywords": keywords,
        "doi": doi,
        "url": f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid and pmid.isdigit() else None,
        "source_ref": doc.ref(raw.line),
        "extra": extra,
    }


def parse(doc: Document) -> Parsed:
    items = scan(doc.text, split_tag=_split, start_tags=START, new_after_blank=True)
    return collect(doc, items, _record, kind="MEDLINE record (PMID- …)", start_tag="PMID")


#: this reader, for the registry (litkit.io.formats)
FORMAT = Format(name="pubmed", description=DESCRIPTION, sniff=sniff, parse=parse,
                suffixes=(".txt", ".nbib"), label="PubMed", hints=_EXPORT_HINTS)
