"""arXiv metadata as JSON lines: the OAI metadata snapshot (Kaggle's ``arxiv-metadata-oai-snapshot``)
and daily-listing dumps (``id``, ``title``, ``authors`` list, ``categories``, ``summary``, ``listed``).

One JSON object a line. A line that is not valid JSON, or has no arXiv id and no title, goes to
``skipped`` with its line number; the rest of the file is read.
"""

from __future__ import annotations

import re

from ..normalize import (clean_text, latex_to_text, normalize_arxiv_id, normalize_doi, parse_date,
                         unique)
from ._base import Document, Format, Parsed, no_gc, record_id
from ._json import json_lines

DESCRIPTION = "arXiv JSON lines (OAI snapshot or listing dump)"


_KEY_HINT = re.compile(r'"(?:id|title)"\s*:')
_AND = re.compile(r",\s*and\s+|\s+and\s+|,\s*")


def sniff(doc: Document) -> float:
    head = doc.head.lstrip()
    if not head.startswith("{"):
        return 0.0
    first = head.split("\n", 1)[0]
    # one object a line: the first line holds a whole object
    if not first.rstrip().endswith("}") and len(first) < len(head) - 1:
        return 0.0
    if '"abstract"' in first and '"categories"' in first and '"id"' in first:
        return 0.95
    if '"summary"' in first and '"categories"' in first and '"id"' in first:
        return 0.95
    if _KEY_HINT.search(first) and ("arxiv" in first.lower()):
        return 0.4
    return 0.0


def _split_authors(value) -> list[str]:
    if isinstance(value, list):
        return [" ".join(x.split()) if isinstance(x, str) else clean_text(x) for x in value if x]
    s = latex_to_text(value) or ""
    return [a for a in (p.strip() for p in _AND.split(s)) if a]


def _parsed_authors(parsed) -> list[str]:
    out = []
    for item in parsed:
        if not item:
            continue
        family = item[0] if len(item) > 0 else ""
        given = item[1] if len(item) > 1 else ""
        suffix = item[2] if len(item) > 2 else ""
        name = " ".join(p for p in (given, family, suffix) if p)
        name = clean_text(name)
        if name:
            out.append(name)
    return out


_ID_PLAIN = re.compile(r"(\d{4}\.\d{4,5})(?:v\d+)?")


def _squash(value) -> str | None:
    """``clean_text`` for long text with hard line breaks (abstracts), 3x faster on the
    usual case: once the line breaks are spaces, a printable string with no double, leading
    or trailing space is already clean (" " is the only printable white-space character).
    """
    if type(value) is not str:
        return clean_text(value)
    t = value.replace("\n", " ")
    if t.isprintable() and "  " not in t and t[:1] != " " and t[-1:] != " ":
        return t or None
    return clean_text(value)


def _arxiv_id(value) -> str | None:
    if type(value) is str:
        m = _ID_PLAIN.fullmatch(value)
        if m:
            return m.group(1)
    return normalize_arxiv_id(value)


def _listing_authors(value) -> list[str]:
    if type(value) is list:
        # fast path: all names already clean. Joined with " ! ", a name with a leading,
        # trailing or double space shows a double space, and any other white space
        # (tab, line break...) makes the string unprintable.
        try:
            joined = " ! ".join(value)
        except TypeError:
            joined = None
        if joined is not None and joined.isprintable() and "  " not in joined \
                and joined[:1] != " " and joined[-1:] != " " and "" not in value \
                and len(set(value)) == len(value):
            return value.copy()
    if isinstance(value, list):
        names = [" ".join(x.split()) if isinstance(x, str) else clean_text(x) for x in value if x]
        if len(set(names)) == len(names) and "" not in names and None not in names:
            return names
        return unique(names)
    return unique(_split_authors(value))


def parse(doc: Document) -> Parsed:
    with no_gc():     # millions of small objects kept alive: the cyclic GC only costs time here
        return _parse(doc)


def _parse(doc: Document) -> Parsed:
    out = Parsed()
    dates: dict = {}          # a listing dump has one date per day: parse each once
    append = out.records.append
    path = doc.path
    for lineno, obj in json_lines(doc, out, "a paper record"):
        if not isinstance(obj, dict):
            out.skip(doc.ref(lineno), f"a JSON {type(obj).__name__}, not an object")
            continue
        arxiv_id = _arxiv_id(obj.get("id"))
        raw_title = obj.get("title")
        if not arxiv_id and not raw_title:
            out.skip(doc.ref(lineno), "no arXiv id and no title")
            continue
        if "summary" in obj or "listed" in obj:                       # listing dump
            title = clean_text(raw_title)
            abstract = _squash(obj.get("summary"))
            authors = _listing_authors(obj.get("authors"))
            cats = obj.get("categories") or []
            if isinstance(cats, str):
                cats = cats.split()
            listed = obj.get("listed")
            try:
                date, year = dates[listed]
            except KeyError:
                date, year = dates[listed] = parse_date(listed)
            except TypeError:                                          # not hashable
                date, year = parse_date(listed)
            comment = obj.get("comment")
            extra = {"comment": comment} if comment else {}
            doi = obj.get("doi")
            doi = normalize_doi(doi) if doi is not None else None
            venue = "arXiv"
        else:                                                          # OAI snapshot
            title = latex_to_text(raw_title)
            abstract = clean_text(obj.get("abstract"))
            if obj.get("authors_parsed"):
                authors = _parsed_authors(obj["authors_parsed"])
            else:
                authors = _split_authors(obj.get("authors"))
            authors = unique(authors)
            cats = (obj.get("categories") or "").split()
            versions = obj.get("versions") or []
            created = versions[0].get("created") if versions and isinstance(versions[0], dict) else None
            date, year = parse_date(created or obj.get("update_date"))
            extra = {k: obj[k] for k in ("comments", "journal-ref", "report-no", "license",
                                         "submitter", "update_date") if obj.get(k)}
            doi = normalize_doi(obj.get("doi"))
            venue = clean_text(obj.get("journal-ref")) or "arXiv"
        append({
            "title": title,
            "abstract": abstract,
            "authors": authors,
            "year": year,
            "date": date,
            "venue": venue,
            "categories": list(cats),
            "doi": doi,
            "arxiv_id": arxiv_id,
            "url": f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else None,
            "source_ref": f"{path}:{lineno}",
            "extra": extra,
            # an arXiv dump is keyed by arXiv id, even when a journal DOI is known
            "id": record_id(("arxiv", arxiv_id)),
        })
    return out


#: this reader, for the registry (litkit.io.formats)
FORMAT = Format(name="arxiv-jsonl", description=DESCRIPTION, sniff=sniff, parse=parse,
                suffixes=(".jsonl", ".json"), label="arXiv", line_records=True)
