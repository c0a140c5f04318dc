"""Semantic Scholar Academic Graph API responses saved as JSON.

Recognised shapes (each paper is an object with ``paperId``, ``externalIds``, ``title``...):

* a search or list page ``{"total", "offset", "next", "data": [papers]}``;
* an author ``{"authorId", "name", ..., "papers": [papers]}``, or a page of authors with papers;
* a single paper, or a plain list of papers (``/paper/batch`` answers ``null`` for unknown ids:
  each ``null`` goes to ``skipped``);
* citation/reference pages ``{"data": [{"citingPaper": {...}}]}`` and recommendations
  ``{"recommendedPapers": [...]}``;
* a paper of the retired v1 API (``doi``, ``arxivId``, ``numCitedBy``, ``topics``);
* JSON lines of papers, also the lower-case records of the bulk ``papers`` dataset
  (``corpusid``, ``externalids``, ``citationcount``...).

Mapped: title, abstract, ``authors[].name`` (and their ``affiliations`` when requested), year,
``publicationDate`` (else the year) as date, ``journal.name`` / ``venue`` / ``publicationVenue.name``
as venue, ``externalIds.DOI`` / ``ArXiv``, url, ``citationCount``, ``fieldsOfStudy`` and
``s2FieldsOfStudy[].category`` as categories; ``paperId``, ``corpusId``, ``openAccessPdf`` and the
other ids go to ``extra``. ``source_ref`` is ``file#N``: the N-th paper of the file (1-based).
OpenAlex (``openalex.org`` ids) and CSL-JSON are not claimed.
"""

from __future__ import annotations

import json
import re

from ..normalize import (clean_text, normalize_arxiv_id, normalize_doi, parse_date, strip_markup,
                         unique)
from ._base import Document, Format, Parsed, record_id
from ._json import as_int, as_list, as_str, json_lines

DESCRIPTION = "Semantic Scholar API JSON"


_PAPER_ID = re.compile(r'"(?:paperId|corpusid)"\s*:')
_AUTHOR_ID = re.compile(r'"authorId"\s*:')
_PAPERS = re.compile(r'"(?:papers|data|recommendedPapers|citingPaper|citedPaper)"\s*:')
_DATASET = re.compile(r'"corpusid"\s*:.*"externalids"\s*:|"externalids"\s*:.*"corpusid"\s*:')


def sniff(doc: Document) -> float:
    head = doc.head.lstrip()
    if not head[:1] in ("{", "["):
        return 0.0
    if re.search(r'"paperId"\s*:', head) or _DATASET.search(head.split("\n", 1)[0]):
        return 0.95
    if _AUTHOR_ID.search(head) and _PAPERS.search(head) and "openalex.org" not in head:
        return 0.7
    if _EMPTY_SEARCH.match(head):
        return 0.6      # a search that found nothing: an empty table, not an error
    if re.match(r'\{\s*"(?:error|message)"\s*:', head) and len(head) < 2000:
        return 0.1      # an API error response: never detected, but readable when forced
    return 0.0


#: {"total": 0, "offset": 0, "data": []} (graph API search with no hit; key order as the API)
_EMPTY_SEARCH = re.compile(r'\{\s*"total"\s*:\s*0\s*,\s*"offset"\s*:\s*\d+\s*,\s*'
                           r'"data"\s*:\s*\[\s*\]\s*\}\s*$')


def _lower(obj: dict) -> dict:
    return {k.lower() if isinstance(k, str) else k: v for k, v in obj.items()}


def _is_paper(obj) -> bool:
    """An API paper (``paperId``) or a paper of the bulk datasets (lower-case ``corpusid``)."""
    if not isinstance(obj, dict):
        return False
    if "paperId" in obj or "corpusid" in obj and "title" in obj:
        return True
    return "externalIds" in obj and "title" in obj


def _papers(obj, out: Parsed, doc: Document) -> list:
    """The list of paper objects (and Nones) held by a decoded response, in file order."""
    if isinstance(obj, list):
        items = []
        for x in obj:
            if isinstance(x, dict) and isinstance(x.get("papers"), list) and not _is_paper(x):
                items.extend(x["papers"])                     # a page of authors with papers
            else:
                items.append(x)
        return [_unwrap(x) for x in items]
    if not isinstance(obj, dict):
        raise doc.error(f"a JSON {type(obj).__name__} at the top, not a Semantic Scholar response",
                        hint="save the API response as it came (an object or a list of papers)")
    if ("error" in obj or "message" in obj) and not obj.get("title") \
            and not any(isinstance(obj.get(k), list) for k in ("data", "papers")):
        # an API error response: one skipped record with its message, as in every reader
        # (OpenAlex, arXiv Atom), so a folder of responses still reads and says what failed
        msg = clean_text(str(obj.get("error") or obj.get("message")))[:200]
        out.skip(doc.ref(), f"Semantic Scholar API error: {msg}")
        return []
    if _is_paper(obj):
        return [obj]
    for k in ("data", "papers", "recommendedPapers"):
        if isinstance(obj.get(k), list):
            return _papers(obj[k], out, doc)
    raise doc.error("no papers found: expected a 'data' or 'papers' list, or a paper with 'paperId'",
                    hint="save the response of a paper search, an author's papers or a paper")


def _unwrap(x):
    if isinstance(x, dict) and not _is_paper(x):
        for k in ("citingPaper", "citedPaper", "paper"):
            if isinstance(x.get(k), dict):
                return x[k]
    return x


def _categories(p: dict) -> list[str]:
    cats = [c for c in as_list(p.get("fieldsofstudy")) if isinstance(c, str)]
    for item in as_list(p.get("s2fieldsofstudy")):
        if isinstance(item, dict) and isinstance(item.get("category"), str):
            cats.append(item["category"])
    return unique(cats)


def _venue(p: dict) -> str | None:
    journal = p.get("journal")
    if isinstance(journal, dict) and clean_text(as_str(journal.get("name"))):
        return clean_text(journal.get("name"))
    if clean_text(as_str(p.get("venue"))):
        return clean_text(p["venue"])
    pv = p.get("publicationvenue")
    if isinstance(pv, dict):
        return clean_text(as_str(pv.get("name")))
    return None


def _record(paper: dict, ref: str) -> dict:
    p = _lower(paper)                 # API camelCase and bulk-dataset lower-case keys alike
    ext = p.get("externalids") if isinstance(p.get("externalids"), dict) else {}
    # graph API: externalIds.DOI / ArXiv; the retired v1 API: top-level doi / arxivId
    doi = normalize_doi(as_str(ext.get("DOI")) or as_str(p.get("doi")))
    arxiv = normalize_arxiv_id(as_str(ext.get("ArXiv")) or as_str(p.get("arxivid")))
    authors, affiliations = [], []
    for a in as_list(p.get("authors")):
        if isinstance(a, dict):
            name = clean_text(as_str(a.get("name")))
            affiliations += [x for x in (clean_text(s) for s in as_list(a.get("affiliations"))
                                         if isinstance(s, str)) if x]
        else:
            name = clean_text(as_str(a))
        if name:
            authors.append(name)
    year = as_int(p.get("year"), low=1000, high=2999)
    date, y = parse_date(as_str(p.get("publicationdate")))
    if date is None and year is not None:
        date = parse_date(str(year))[0]
    paper_id = p.get("paperid") if isinstance(p.get("paperid"), (str, int)) else None
    corpus_id = p.get("corpusid", ext.get("CorpusId"))
    extra: dict = {}
    if paper_id:
        extra["s2_paper_id"] = str(paper_id)
    if isinstance(corpus_id, (str, int)) and not isinstance(corpus_id, bool):
        extra["s2_corpus_id"] = str(corpus_id)
    others = {k: v for k, v in ext.items() if k not in ("DOI", "ArXiv", "CorpusId") and v}
    if others:
        extra["external_ids"] = others
    pdf = p.get("openaccesspdf")
    if isinstance(pdf, dict) and as_str(pdf.get("url")):
        extra["open_access_pdf"] = pdf["url"]
    for k, name in (("publicationtypes", "publication_types"), ("referencecount", "reference_count"),
                    ("influentialcitationcount", "influential_citations"),
                    ("isopenaccess", "is_open_access")):
        if p.get(k) is not None:
            extra[name] = p[k]
    journal = p.get("journal")
    if isinstance(journal, dict):
        for k in ("volume", "pages"):
            if as_str(journal.get(k)) and journal[k].strip():
                extra[k] = journal[k].strip()
    tldr = p.get("tldr")
    if isinstance(tldr, dict) and as_str(tldr.get("text")):
        extra["tldr"] = tldr["text"]
    return {
        "title": strip_markup(as_str(p.get("title"))),
        "abstract": strip_markup(as_str(p.get("abstract"))),
        "authors": unique(authors),
        "affiliations": unique(affiliations),
        "year": year if year is not None else y,
        "date": date,
        "venue": _venue(p),
        "categories": _categories(p),
        "doi": doi,
        "arxiv_id": arxiv,
        "url": clean_text(as_str(p.get("url"))),
        "citations": as_int(p["citationcount"] if "citationcount" in p else p.get("numcitedby")),
        "keywords": unique([clean_text(t.get("topic")) for t in as_list(p.get("topics"))
                            if isinstance(t, dict) and as_str(t.get("topic"))]),
        "source_ref": ref,
        "extra": extra,
        # a paper without DOI or arXiv id is keyed by its Semantic Scholar id
        "id": record_id(("doi", doi), ("arxiv", arxiv), ("s2", paper_id),
                        ("s2corpus", extra.get("s2_corpus_id"))),
    }


def _add(items: list, out: Parsed, doc: Document, refs: list[str] | None = None) -> None:
    for i, p in enumerate(items, 1):
        ref = refs[i - 1] if refs else doc.ref(record=i)
        if p is None:
            out.skip(ref, "null: the API found no paper for this id")
        elif not isinstance(p, dict):
            out.skip(ref, f"a JSON {type(p).__name__}, not a paper object")
        elif not (p.get("paperId") or p.get("corpusid") or as_str(p.get("title"))):
            out.skip(ref, "no paperId and no title")
        else:
            out.records.append(_record(p, ref))


def parse(doc: Document) -> Parsed:
    out = Parsed()
    text = doc.text
    try:
        obj = json.loads(text)
    except RecursionError:
        raise doc.error("the JSON nests too deeply to be a Semantic Scholar response",
                        hint="is the file damaged?") from None
    except ValueError as exc:
        lines = [ln for ln in text.split("\n") if ln.strip()]
        if len(lines) > 1 and lines[0].lstrip().startswith("{") and _PAPER_ID.search(lines[0]):
            return _parse_lines(doc)                       # JSON lines of papers
        raise doc.error(f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})",
                        line=exc.lineno,
                        hint="the file is truncated or damaged; save the API response again") from None
    _add(_papers(obj, out, doc), out, doc)
    return out


def _parse_lines(doc: Document) -> Parsed:
    out = Parsed()
    items, refs = [], []
    for no, obj in json_lines(doc, out, "a paper"):
        items.append(_unwrap(obj))
        refs.append(doc.ref(no))
    _add(items, out, doc, refs)
    return out


#: this reader, for the registry (litkit.io.formats)
FORMAT = Format(name="semanticscholar", description=DESCRIPTION, sniff=sniff, parse=parse,
                suffixes=(".json", ".jsonl"), label="Semantic Scholar", line_records=True)
