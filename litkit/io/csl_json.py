"""CSL-JSON: the Citation Style Language's JSON (Zotero, Better BibTeX, Mendeley, pandoc, citeproc).

The file is an array of items; a single item object and ``{"items": [...]}`` are read too.

=========================================  =======================================================
CSL field                                  papers table
=========================================  =======================================================
``title``                                  ``title`` (HTML-like markup such as ``<i>`` removed)
``author`` (``given``, ``family``,         ``authors`` as "Given particle Family Suffix";
``dropping-particle``,                     ``literal`` names (organisations) as given
``non-dropping-particle``, ``suffix``,
``literal``)
``issued`` (``date-parts``, ``season``,    ``date`` (as precise as the parts; a season gives its
``circa``, ``raw``, ``literal``)           first month; a range gives its start), ``year``
``container-title``                        ``venue``
``DOI`` (else a ``doi.org`` ``URL``)       ``doi``; a short DOI (``10/fqd6hj``) is kept in
                                           ``extra["short_doi"]``
arXiv ``URL``, ``number`` or DOI           ``arxiv_id``
``URL``, ``abstract``, ``keyword``         ``url``, ``abstract``, ``keywords`` (split at ``,``/``;``)
=========================================  =======================================================

``extra`` keeps ``type``, ``csl_id`` (the item ``id``), ``citation_key``, ``ISBN``, ``ISSN``,
``volume``, ``issue``, ``page``, ``publisher``, ``publisher_place``, ``language``, ``PMID``,
``PMCID``, ``editors``, and ``issued`` details a date column cannot hold (``circa``,
``season``, the end of a range, a year before the common era, a literal such as "13th cent").

An array element that is not an object, or an object with no title, author or DOI, goes to
``skipped`` with its line. A file cut short (damaged JSON inside the array) keeps the items
before the damage and lists the rest as one skipped entry naming the line.
"""

from __future__ import annotations

import json
import re

from ..normalize import (clean_text, normalize_arxiv_id, normalize_doi, parse_date, split_keywords,
                         strip_markup, unique)
from ._base import Document, Format, Parsed
from ._json import as_str, line_of, line_starts, value_end

DESCRIPTION = "CSL-JSON (Zotero, Better BibTeX, pandoc)"


#: fields that only CSL-JSON has (among the JSON formats litkit reads)
_CSL_MARKERS = re.compile(r'"(?:date-parts|container-title|citation-key|issued|'
                          r'non-dropping-particle|collection-title|title-short|number-of-pages|'
                          r'publisher-place|event-place)"\s*:')
_CSL_TYPE = re.compile(r'"type"\s*:\s*"(?:article-journal|article-magazine|article-newspaper|'
                       r'paper-conference|chapter|book|report|thesis|webpage|post-weblog|manuscript|'
                       r'dataset|article|entry-encyclopedia|entry-dictionary|speech|patent|'
                       r'motion_picture|broadcast|software|standard|legal_case|legislation|'
                       r'personal_communication|interview|review|review-book|map|graphic|song|'
                       r'pamphlet|bill|treaty|post|document|event|performance|classic|'
                       r'collection|periodical|regulation|hearing)"')
#: keys that say the JSON is another format (OpenAlex, Semantic Scholar, arXiv dumps)
_OTHER_FORMATS = re.compile(r'"(?:paperId|corpusId|openalex|abstract_inverted_index|authorships|'
                            r'externalIds|publication_year|display_name|authorId|'
                            r'authors_parsed|update_date)"\s*:|openalex\.org/W')
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/", re.I)
_SEASON_MONTH = {1: 3, 2: 6, 3: 9, 4: 12}   # spring, summer, autumn, winter (CSL 1-4; EDTF 21-24)
_SEASON_NAME = {1: "spring", 2: "summer", 3: "autumn", 4: "winter"}
_SEASON_WORDS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}

_EXTRA_FIELDS = {"ISBN": "ISBN", "ISSN": "ISSN", "volume": "volume", "issue": "issue",
                 "page": "page", "publisher": "publisher", "publisher-place": "publisher_place",
                 "language": "language", "PMID": "PMID", "PMCID": "PMCID",
                 "citation-key": "citation_key", "number": "number", "edition": "edition",
                 "collection-title": "collection_title", "number-of-pages": "number_of_pages",
                 "title-short": "title_short", "genre": "genre", "medium": "medium"}


def sniff(doc: Document) -> float:
    head = doc.head.lstrip("\ufeff \n\t\r")
    if head[:1] not in ("[", "{"):
        return 0.0
    if _OTHER_FORMATS.search(head):
        return 0.0
    has_type = re.search(r'"type"\s*:', head) is not None
    has_core = re.search(r'"(?:title|author|issued)"\s*:', head) is not None
    if not (has_type and has_core):
        return 0.0
    if _CSL_MARKERS.search(head) or _CSL_TYPE.search(head):
        return 0.9
    if re.search(r'"(?:family|given|literal)"\s*:', head):
        return 0.7
    return 0.3


# --- values ----------------------------------------------------------------------------------

def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):          # some exporters write ["title"]
        value = " ".join(str(v) for v in value if v is not None)
    if isinstance(value, (dict, bool)):
        return None
    return strip_markup(str(value))


def _name(person) -> str | None:
    """A CSL name object as "Given dropping-particle non-dropping-particle Family Suffix"."""
    if isinstance(person, str):
        from ..normalize import display_name
        return display_name(person)
    if not isinstance(person, dict):
        return None
    if person.get("literal"):
        return _text(person["literal"])
    family = _text(person.get("family"))
    given = _text(person.get("given"))
    if not family and not given:
        return None
    particles = [p for p in (_text(person.get("dropping-particle")),
                             _text(person.get("non-dropping-particle"))) if p]
    if family and particles and family.lower().startswith(" ".join(particles).lower() + " "):
        particles = []                  # the family name already carries them: "van der Berg"
    parts = [given, *particles, family]
    name = " ".join(p for p in parts if p)
    suffix = _text(person.get("suffix"))
    if suffix:
        name += (", " if person.get("comma-suffix") else " ") + suffix
    return clean_text(name)


def _names(value) -> list[str]:
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return []
    return unique(n for n in (_name(p) for p in value) if n)


def _int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,5}\s*", value):
        return int(value)
    return None


def _season(value) -> int | None:
    n = _int(value)
    if n is not None:
        if 1 <= n <= 4:
            return n
        if 21 <= n <= 24:
            return n - 20
        return None
    if isinstance(value, str):
        return _SEASON_WORDS.get(value.strip().lower())
    return None


def _iso(parts: list) -> str:
    """[2012, 6, 26] -> "2012-06-26"; [-44, 3] -> "-44-03"."""
    y, rest = parts[0], [p for p in parts[1:] if p is not None]
    out = f"{y:04d}" if y >= 0 else str(y)
    return "-".join([out] + [f"{p:02d}" for p in rest])


def _issued(value) -> tuple[str | None, int | None, dict]:
    """``issued`` -> (ISO date or None, year or None, details for ``extra``)."""
    info: dict = {}
    if value is None:
        return None, None, info
    if isinstance(value, list) and value and isinstance(value[0], dict):
        # the old citeproc-js form: [{"year": 2019, "month": 5}, {"year": ...}]
        first = value[0]
        value = {"date-parts": [[first.get("year"), first.get("month"), first.get("day")]],
                 "season": first.get("season"), "circa": first.get("circa")}
        value["date-parts"][0] = [v for v in value["date-parts"][0] if v is not None] or [None]
    elif isinstance(value, dict) and "date-parts" not in value and "year" in value:
        value = dict(value, **{"date-parts": [[p for p in (value.get("year"), value.get("month"),
                                                          value.get("day")) if p is not None]]})
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        ts, year = parse_date(str(value))
        return (ts.date().isoformat() if ts is not None else None), year, info
    if not isinstance(value, dict):
        return None, None, info
    if value.get("circa"):
        info["date_circa"] = True
    season = _season(value.get("season"))
    parts = value.get("date-parts")
    year = month = day = None
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = parts[0]
        year = _int(first[0])
        month = _int(first[1]) if len(first) > 1 else None
        day = _int(first[2]) if len(first) > 2 else None
        if month is not None and (13 <= month <= 16 or 21 <= month <= 24):
            season = season or _season(month - 12 if month <= 16 else month)
            month, day = None, None
        if month is not None and not 1 <= month <= 12:
            month, day = None, None
        if day is not None and not 1 <= day <= 31:
            day = None
        if len(parts) > 1 and isinstance(parts[1], list) and parts[1] and _int(parts[1][0]):
            info["date_end"] = _iso([_int(p) for p in parts[1][:3]])
        elif len(parts) > 1:
            info["date_open_ended"] = True
    if year is None:
        for key in ("raw", "literal"):
            if value.get(key):
                ts, y = parse_date(str(value[key]))
                if y is not None:
                    return (ts.date().isoformat() if ts is not None else None), y, info
                info[f"date_{key}"] = str(value[key])
        return None, None, info
    if season is not None:
        info["season"] = _SEASON_NAME[season]
        if month is None:
            month = _SEASON_MONTH[season]
    if year <= 0:
        # CSL writes years before the common era as negative numbers (-334 = 334 BCE);
        # the year is kept as the source gives it, a datetime column cannot hold it
        info["year_bce"] = -year
        return None, year, info
    if year > 9999:
        return None, None, info
    try:
        import datetime as _dt
        when = _dt.date(year, month or 1, day or 1)
    except ValueError:
        when = _dt.date(year, month or 1, 1) if month else _dt.date(year, 1, 1)
    return when.isoformat(), year, info


def _preprint_server(item: dict, arxiv_id) -> str | None:
    """A preprint has no container; its server (publisher "arXiv", "bioRxiv") is the venue."""
    pub = _text(item.get("publisher"))
    if pub and re.search(r"arxiv|biorxiv|medrxiv|chemrxiv|ssrn|preprints|research square|osf",
                         pub, re.I):
        return pub
    return "arXiv" if arxiv_id else None


# --- the file ----------------------------------------------------------------------------------

_TOO_DEEP = object()            # the place of an item skipped as too deep (keeps the numbering)


def _items(doc: Document, out: Parsed) -> list[tuple[int, object]]:
    """(line, element) for each element of the top-level array; damage becomes a skip."""
    text = doc.text.lstrip("\ufeff")
    starts = line_starts(text)
    dec = json.JSONDecoder()
    ws = re.compile(r"[ \t\n\r]*")
    pos = ws.match(text, 0).end()
    if pos >= len(text):
        raise doc.error("the file is empty", hint="export the items again")
    if text[pos] == "{":
        try:
            obj, end = dec.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise doc.error(f"not valid JSON ({exc.msg})", line=exc.lineno,
                            hint="the file may be cut short; export it again") from None
        if ws.match(text, end).end() != len(text):
            raise doc.error("more than one JSON value at the top level", line=line_of(starts, end),
                            hint="a CSL-JSON file is one array of items")
        if isinstance(obj.get("items"), list):
            # {"items": [...]}: positions of the items are not tracked; use record numbers
            return [(0, it) for it in obj["items"]]
        return [(line_of(starts, pos), obj)]
    if text[pos] != "[":
        raise doc.error("not CSL-JSON: the file does not start with an array or an object")
    pos += 1
    items: list[tuple[int, object]] = []
    while True:
        pos = ws.match(text, pos).end()
        if pos < len(text) and text[pos] == "]" and not items:
            end = pos + 1
            break
        try:
            obj, end = dec.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            out.skip(doc.ref(exc.lineno),
                     f"the JSON is damaged or cut short here ({exc.msg}, column {exc.colno}); "
                     f"{len(items)} item(s) before it were read, anything after it is lost")
            return items
        except RecursionError:
            end = value_end(text, pos)
            if end is None:
                out.skip(doc.ref(line_of(starts, pos)),
                         "an item nests too deeply to be read and is not closed; anything "
                         "after it is lost")
                return items
            out.skip(doc.ref(line_of(starts, pos)),
                     f"item {len(items) + 1} nests too deeply to be read (the items after it "
                     f"are read)")
            obj = _TOO_DEEP
        items.append((line_of(starts, pos), obj))
        pos = ws.match(text, end).end()
        if pos < len(text) and text[pos] == ",":
            pos += 1
            continue
        if pos < len(text) and text[pos] == "]":
            end = pos + 1
            break
        out.skip(doc.ref(line_of(starts, min(pos, len(text) - 1))),
                 f"expected ',' or ']' after item {len(items)}; the rest of the file is "
                 f"damaged or cut short")
        return items
    rest = ws.match(text, end).end()
    if rest != len(text):
        out.skip(doc.ref(line_of(starts, rest)), "text after the end of the JSON array was ignored")
    return items


def parse(doc: Document) -> Parsed:
    out = Parsed()
    for n, (line, item) in enumerate(_items(doc, out), 1):
        ref = doc.ref(line) if line else doc.ref(record=n)
        if item is _TOO_DEEP:
            continue                                   # already in skipped
        if not isinstance(item, dict):
            out.skip(ref, f"item {n} is a JSON {type(item).__name__}, not an item object")
            continue
        title = _text(item.get("title")) or _text(item.get("title-short"))
        authors = _names(item.get("author"))
        raw_doi = as_str(item.get("DOI"))
        url = as_str(item.get("URL"))
        doi = normalize_doi(raw_doi)
        if doi is None and url and "doi.org/" in url:
            doi = normalize_doi(url)
        if not title and not authors and not doi:
            out.skip(ref, f"item {n} has no title, author or DOI")
            continue
        date, year, date_info = _issued(item.get("issued"))
        if year is None:                # Crossref's CSL: "published-print", "published-online"
            for key in ("published", "published-print", "published-online"):
                if isinstance(item.get(key), dict):
                    date, year, date_info = _issued(item.get(key))
                    if year is not None:
                        date_info = {**date_info, "date_from": key}
                        break
        arxiv_id = None
        for cand in (url, item.get("number"), raw_doi):
            if not isinstance(cand, str):
                continue
            low = cand.lower()
            if _ARXIV_URL.search(cand) or low.startswith("arxiv:") or "10.48550/arxiv." in low:
                arxiv_id = normalize_arxiv_id(cand.split("arxiv.", 1)[-1] if "10.48550" in low
                                              else cand)
                if arxiv_id:
                    break
        extra: dict = {}
        if item.get("type"):
            extra["type"] = str(item["type"])
        if item.get("id") is not None:
            extra["csl_id"] = str(item["id"])
        for key, name in _EXTRA_FIELDS.items():
            v = item.get(key)
            if v not in (None, "", []) and not isinstance(v, (dict, list)):
                extra[name] = v if isinstance(v, (int, float)) else clean_text(str(v))
        if raw_doi and re.match(r"^\s*10/\w+", raw_doi):
            extra["short_doi"] = raw_doi.strip()     # a shortDOI handle: doi.org/10/fqd6hj
        elif raw_doi and not doi:
            extra["doi_raw"] = raw_doi
        editors = _names(item.get("editor"))
        if editors:
            extra["editors"] = editors
        extra.update(date_info)
        keywords = item.get("keyword")
        if isinstance(keywords, list):
            keywords = unique(clean_text(str(k)) for k in keywords if k)
        else:
            keywords = split_keywords(keywords, ",;") if isinstance(keywords, str) else []
        out.records.append({
            "title": title,
            "abstract": _text(item.get("abstract")),
            "authors": authors,
            "year": year,
            "date": date,
            "venue": _text(item.get("container-title")) or _preprint_server(item, arxiv_id),
            "keywords": keywords,
            "doi": doi,
            "arxiv_id": arxiv_id,
            "url": clean_text(url),
            "source_ref": ref,
            "extra": extra,
        })
    return out


#: this reader, for the registry (litkit.io.formats)
FORMAT = Format(name="csl-json", description=DESCRIPTION, sniff=sniff, parse=parse,
                suffixes=(".json",), label="CSL-JSON")
