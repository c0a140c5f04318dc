"""OpenAlex works as JSON: an API page (``{"meta": …, "results": [works]}``), a single work
(``api.openalex.org/works/W…``), a plain list of works (pyalex, saved lists) or JSON lines
with one work (or one page) a line (the snapshot, ``works/*.gz``).

=====================================================  ===========================================
OpenAlex field                                         papers table
=====================================================  ===========================================
``display_name`` (else ``title``)                      ``title`` (HTML tags removed)
``abstract_inverted_index``                            ``abstract`` (words put back at positions)
``authorships[].author.display_name``                  ``authors`` (else ``raw_author_name``)
``authorships[].institutions[].display_name``          ``affiliations`` (an author with no
                                                       institution: ``raw_affiliation_strings``)
``publication_year``, ``publication_date``             ``year``, ``date``
``primary_location.source.display_name``               ``venue`` (else ``host_venue``, the raw
                                                       source name, another location's source)
``doi``                                                ``doi`` (resolver prefix removed)
arXiv DOI ``10.48550/arxiv.…`` or arXiv location        ``arxiv_id``
``cited_by_count``                                     ``citations``
``primary_topic``, ``topics`` (else ``concepts``)       ``categories`` (display names, primary first)
``keywords``                                           ``keywords``
``is_authors_truncated``                               ``authors_truncated``
=====================================================  ===========================================

``extra`` keeps ``openalex_id`` (``W…``), ``type``, ``language``, ``is_retracted``,
``open_access`` (``is_oa``, ``oa_status``, ``oa_url``), ``field``/``subfield`` of the primary
topic and, aligned with ``authors`` (``None`` where missing), ``orcids``, ``author_ids``
(OpenAlex ``A…``) and ``author_affiliations`` (one list per author), for the cleaning and
authorship steps.

The ``id`` is ``doi:…``, else ``arxiv:…``, else ``openalex:W…`` (OpenAlex's own stable key).
A work with neither an OpenAlex id nor a title goes to ``skipped``; an API error response
(``{"error": …, "message": …}``) is one skipped record with its message.
"""

from __future__ import annotations

import json
import re

from ..normalize import (clean_text, fix_mojibake, normalize_arxiv_id, normalize_doi, parse_date,
                         strip_markup, unique)
from ._base import Document, Format, Parsed, record_id
from ._json import as_list, get, json_lines

DESCRIPTION = "OpenAlex works JSON (API page, single work or JSON lines)"


_WORK_ID = re.compile(r"openalex\.org/(W\d+)", re.I)
_OTHER_ENTITY = re.compile(r"openalex\.org/([ASIPFCT])\d+$", re.I)
_ENTITY_KINDS = {"A": "author", "S": "source", "I": "institution", "P": "publisher",
                 "F": "funder", "C": "concept", "T": "topic"}
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/", re.I)
_ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.I)
#: positions beyond this in an inverted index are not an abstract (a hostile file)
_MAX_WORDS = 100_000


def sniff(doc: Document) -> float:
    head = doc.head.lstrip("\ufeff \n\t\r")
    if head[:1] not in ("{", "["):
        return 0.0
    if re.search(r'"id"\s*:\s*"https://openalex\.org/W\d+', head):
        return 0.95
    if "openalex.org/W" in head or '"abstract_inverted_index"' in head:
        return 0.8
    if "openalex.org" in head:
        return 0.5
    if _EMPTY_PAGE.match(head):
        return 0.6                      # a page with no results: an empty table, not an error
    return 0.0


#: an API page that found nothing: {"meta": {"count": 0, ..., "per_page": 25}, "results": []}
_EMPTY_PAGE = re.compile(r'\{\s*"meta"\s*:\s*\{[^{}]*"count"\s*:\s*0\s*[,}][^{}]*\}?\s*,'
                         r'\s*"results"\s*:\s*\[\s*\]')


def abstract_from_inverted_index(index) -> str | None:
    """Rebuild an abstract from OpenAlex's ``{word: [positions]}`` form.

    Missing or empty indexes give ``None``; entries that are not lists of integers are
    ignored. Positions are sorted, so gaps in the numbering do not matter.
    """
    if not isinstance(index, dict) or not index:
        return None
    at: dict[int, str] = {}
    for word, positions in index.items():
        if not isinstance(word, str) or not isinstance(positions, list):
            continue
        for p in positions:
            if isinstance(p, int) and not isinstance(p, bool) and 0 <= p and len(at) < _MAX_WORDS:
                at.setdefault(p, word)
    if not at:
        return None
    return strip_markup(" ".join(at[p] for p in sorted(at)))


def _venue(work) -> str | None:
    primary = work.get("primary_location")
    for name in (get(primary, "source", "display_name"),
                 get(work, "host_venue", "display_name")):
        if clean_text(name):
            return clean_text(name)
    raw = clean_text(get(primary, "raw_source_name"))
    if raw and not re.match(r"(?:https?://|www\.|issn\b)", raw, re.I):
        return raw
    for loc in as_list(work.get("locations")):
        name = clean_text(get(loc, "source", "display_name"))
        if name:
            return name
    return None


def _arxiv_id(work, doi) -> str | None:
    if doi and doi.startswith("10.48550/arxiv."):
        return normalize_arxiv_id(doi[len("10.48550/arxiv."):])
    ids = work.get("ids") if isinstance(work.get("ids"), dict) else {}
    if ids.get("arxiv"):
        return normalize_arxiv_id(ids["arxiv"])
    for loc in [work.get("primary_location")] + as_list(work.get("locations")):
        for key in ("landing_page_url", "pdf_url"):
            url = get(loc, key)
            if isinstance(url, str) and _ARXIV_URL.search(url):
                found = normalize_arxiv_id(url)
                if found:
                    return found
    return None


def _names(items, *keys) -> list[str]:
    out = []
    for item in as_list(items):
        if isinstance(item, str):
            name = clean_text(item)
        else:
            name = next((clean_text(get(item, k)) for k in keys if clean_text(get(item, k))), None)
        if name:
            out.append(name)
    return unique(out)


def _authorships(work):
    names, orcids, ids, affs = [], [], [], []
    for a in as_list(work.get("authorships")):
        if not isinstance(a, dict):
            continue
        author = a.get("author") if isinstance(a.get("author"), dict) else {}
        name = clean_text(author.get("display_name")) or clean_text(a.get("raw_author_name"))
        if not name or name in names:
            continue
        names.append(name)
        m = _ORCID.search(author.get("orcid") or "") if isinstance(author.get("orcid"), str) else None
        orcids.append(m.group(1).upper() if m else None)
        aid = author.get("id")
        ids.append(aid.rsplit("/", 1)[-1] if isinstance(aid, str) and aid else None)
        inst = _names(a.get("institutions"), "display_name")
        if not inst:
            inst = unique(clean_text(s) for s in as_list(a.get("raw_affiliation_strings"))
                          if isinstance(s, str))
        affs.append(inst)
    return names, orcids, ids, affs


def _categories(work) -> list[str]:
    topics = []
    prim = work.get("primary_topic")
    if isinstance(prim, dict):
        topics.append(prim)
    topics += [t for t in as_list(work.get("topics")) if isinstance(t, dict)]
    cats = _names(topics, "display_name")
    if not cats:
        cats = _names(work.get("concepts"), "display_name")
    return cats


def _record(work: dict, ref: str) -> dict | str:
    """A papers-table record, or the reason the work cannot be read."""
    wid = work.get("id")
    other = _OTHER_ENTITY.search(wid) if isinstance(wid, str) else None
    if other:
        kind = _ENTITY_KINDS.get(other.group(1).upper(), "entity")
        return f"an OpenAlex {kind} ({other.group(0).rsplit('/', 1)[-1]}), not a work"
    m = _WORK_ID.search(wid) if isinstance(wid, str) else None
    openalex_id = m.group(1) if m else None
    title = strip_markup(work.get("display_name")) or strip_markup(work.get("title"))
    if not openalex_id and not title:
        return "no OpenAlex id and no title: not an OpenAlex work"
    doi = normalize_doi(work.get("doi") or get(work, "ids", "doi"))
    arxiv_id = _arxiv_id(work, doi)
    names, orcids, author_ids, affs = _authorships(work)
    date, year = parse_date(work.get("publication_date"))
    py = work.get("publication_year")
    if isinstance(py, int) and not isinstance(py, bool):
        year = py
        if date is None or date.year != py:
            date, _ = parse_date(str(py))
    extra: dict = {}
    if openalex_id:
        extra["openalex_id"] = openalex_id
    refs = [clean_text(r) for r in (work.get("referenced_works") or []) if isinstance(r, str)]
    if any(refs):
        extra["referenced_works"] = [r for r in refs if r]
    for key in ("type", "language", "is_retracted"):
        if work.get(key) is not None:
            extra[key] = work[key]
    oa = work.get("open_access")
    if isinstance(oa, dict):
        extra["open_access"] = {k: oa.get(k) for k in ("is_oa", "oa_status", "oa_url") if k in oa}
    prim = work.get("primary_topic")
    for level in ("field", "subfield"):
        name = clean_text(get(prim, level, "display_name"))
        if name:
            extra[level] = name
    if names:
        if any(orcids):
            extra["orcids"] = orcids
        if any(author_ids):
            extra["author_ids"] = author_ids
        if any(affs):
            extra["author_affiliations"] = affs
    citations = work.get("cited_by_count")
    url = clean_text(get(work, "primary_location", "landing_page_url"))
    if not url and doi:
        url = f"https://doi.org/{doi}"
    return {
        "title": title,
        "abstract": abstract_from_inverted_index(work.get("abstract_inverted_index"))
        or strip_markup(work.get("abstract")),
        "authors": names,
        "authors_truncated": work.get("is_authors_truncated") is True,
        "affiliations": unique(a for lst in affs for a in lst),
        "year": year,
        "date": date,
        "venue": _venue(work),
        "categories": _categories(work),
        "keywords": _names(work.get("keywords"), "display_name", "keyword"),
        "doi": doi,
        "arxiv_id": arxiv_id,
        "url": url or (wid if isinstance(wid, str) else None),
        "citations": citations if isinstance(citations, int) and not isinstance(citations, bool)
        else None,
        "source_ref": ref,
        "extra": extra,
        "id": record_id(("doi", doi), ("arxiv", arxiv_id), ("openalex", openalex_id)),
    }


# --- document shapes ------------------------------------------------------------------------

def _works(obj, where: str, out: Parsed, line: bool = False) -> list[tuple[str, object]]:
    """(source_ref, work) pairs held by one decoded JSON value: the whole file at ``where``,
    or (``line=True``) one JSON line at ``where``."""
    if isinstance(obj, dict) and "results" in obj and "id" not in obj:       # an API page
        results = obj["results"]
        if not isinstance(results, list):
            out.skip(where, f'"results" is a JSON {type(results).__name__}, not a list of works')
            return []
        return [(f"{where}#{i + 1}", w) for i, w in enumerate(results)]
    if isinstance(obj, dict) and "error" in obj and "id" not in obj:          # an API error
        message = clean_text(obj.get("message")) or clean_text(obj.get("error"))
        out.skip(where, f"OpenAlex API error: {message}")
        return []
    if isinstance(obj, list):
        return [(f"{where}#{i + 1}", w) for i, w in enumerate(obj)]
    return [(where if line else f"{where}#1", obj)]


def _decode_error(doc: Document, exc: json.JSONDecodeError):
    return doc.error(f"the JSON is malformed ({exc.msg} at line {exc.lineno}, column {exc.colno})",
                     line=exc.lineno,
                     hint="The file may be cut off or damaged; download it again")


def _json_lines(doc: Document, text: str, out: Parsed) -> list[tuple[str, object]]:
    """(source_ref, work) pairs of a JSON-lines ``text``: one work, or one API page, a line."""
    pairs: list[tuple[str, object]] = []
    for lineno, obj in json_lines(doc, out, "a work", text):
        pairs += _works(obj, doc.ref(lineno), out, line=True)
    return pairs


def parse(doc: Document) -> Parsed:
    out = Parsed()
    text = doc.text if doc.text.isascii() else fix_mojibake(doc.text)
    try:
        pairs = _works(json.loads(text), doc.path, out)
    except RecursionError:
        raise doc.error("the JSON nests too deeply to be OpenAlex works",
                        hint="Is it damaged, or another kind of file?") from None
    except json.JSONDecodeError as exc:
        # JSON lines: the first non-blank line is a whole JSON value on its own
        first = next((ln for ln in text.split("\n", 50)[:50] if ln.strip()), "")
        try:
            json.loads(first)
        except (ValueError, RecursionError):
            raise _decode_error(doc, exc) from None
        pairs = _json_lines(doc, text, out)
    for ref, work in pairs:
        if not isinstance(work, dict):
            out.skip(ref, f"a JSON {type(work).__name__}, not an OpenAlex work object")
            continue
        rec = _record(work, ref)
        if isinstance(rec, str):
            out.skip(ref, rec)
        else:
            out.records.append(rec)
    return out


#: this reader, for the registry (litkit.io.formats)
FORMAT = Format(name="openalex", description=DESCRIPTION, sniff=sniff, parse=parse,
                suffixes=(".json", ".jsonl"), label="OpenAlex", line_records=True)
