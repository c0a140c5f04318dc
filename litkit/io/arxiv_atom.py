"""arXiv API responses: the Atom feed of ``export.arxiv.org/api/query`` (also arXiv's daily
announcement feeds, ``rss.arxiv.org/atom/…`` and the RSS 2.0 ``rss.arxiv.org/rss/…``).

One ``<entry>`` a paper. Fields taken:

=====================================  ==========================================
Atom / arXiv element                   papers table
=====================================  ==========================================
``id`` (``…/abs/2401.01234v2``)        ``arxiv_id`` (no version), ``url``;
                                       the version goes to ``extra["version"]``
``title``                              ``title`` (LaTeX accents decoded)
``summary``                            ``abstract``
``author/name``                        ``authors``
``author/arxiv:affiliation``           ``affiliations`` (and, per author,
                                       ``extra["author_affiliations"]``)
``published``                          ``date``, ``year``
``updated``                            ``extra["updated"]``
``arxiv:primary_category``, then
``category/@term``                     ``categories`` (primary first)
``arxiv:doi``                          ``doi``
``arxiv:journal_ref``                  ``venue`` (else ``"arXiv"``)
``arxiv:comment``                      ``extra["comment"]``
``link[@title="pdf"]``                 ``extra["pdf_url"]``
=====================================  ==========================================

Decisions:

* **An API error is not a paper.** When a query is malformed the API answers with a
  feed holding one entry whose id is ``…/api/errors#…`` and whose summary is the
  message. That entry goes to ``skipped`` with the reason ``arXiv API error: <message>``
  (so ``read()`` warns and nothing is silent); the table has no row for it.
* **An empty feed** (``totalResults`` 0, no entries) is an empty table, not an error.
* **XML is parsed with defusedxml**: a document that declares entities (billion laughs,
  external entities) is refused with :class:`litkit.ReadError`; so is malformed XML,
  with the line and column the parser stopped at.
* **Mojibake is repaired**: responses saved by tools that decoded UTF-8 as Latin-1 spell
  ``Ramírez`` as ``RamÃ\xadrez``; such sequences are turned back into the characters they
  encode (:func:`litkit.normalize.fix_mojibake`), correct text is left alone.
* ``source_ref`` is ``file:line`` of the entry's start tag.
"""

from __future__ import annotations

import re

from ..normalize import (clean_text, fix_mojibake, latex_to_text, normalize_arxiv_id,
                         normalize_doi, parse_date, unique)
from ._base import Document, Format, Parsed, record_id

DESCRIPTION = "arXiv API Atom feed (.atom/.xml)"


ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"

_ENTRY_TAG = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?entry[\s>/]")
_ITEM_TAG = re.compile(r"<item[\s>/]")
_VERSION = re.compile(r"v(\d+)$")
_RSS_ABSTRACT = re.compile(r"^arXiv:\S+\s+Announce Type:\s*\S+\s*Abstract:\s*", re.I)


def sniff(doc: Document) -> float:
    head = doc.head.lstrip("\ufeff \n\t")
    if not head.startswith("<"):
        return 0.0
    if "<rss" in head and ("arxiv.org" in head or "arxiv.org/schemas/atom" in head):
        return 0.8          # arXiv's daily announcement feed, RSS 2.0 flavour
    if "<feed" not in head:
        # an XML document that declares entities, with its root beyond the head: refused by
        # this reader's safe parser with a clear message, rather than "not recognised"
        return 0.3 if "<!ENTITY" in head and "arxiv" in doc.text[:1_000_000].lower() else 0.0
    if "arxiv.org/schemas/atom" in head:
        return 0.95
    low = head.lower()
    if "w3.org/2005/atom" in low and "arxiv" in low:
        return 0.6
    if "w3.org/2005/atom" in low:
        return 0.1          # some other Atom feed: readable if asked for, never guessed
    return 0.0


def _parse_xml(doc: Document):
    """The root element, parsed safely; ReadError for a hostile or malformed document."""
    import xml.etree.ElementTree as ET

    import defusedxml
    import defusedxml.ElementTree as DET

    text = fix_mojibake(doc.text)     # markup is ASCII: only text content can change
    try:
        return DET.fromstring(text)
    except defusedxml.DTDForbidden:
        raise doc.error("the XML has a document type declaration, which litkit does not load",
                        hint="remove the <!DOCTYPE ...> block") from None
    except defusedxml.EntitiesForbidden as exc:
        raise doc.error(f"the XML declares entities ({exc.name!r}), which litkit refuses for "
                        "safety (entity expansion and external entities can exhaust memory or "
                        "read local files)",
                        hint="An arXiv API response never declares entities: download the "
                             "feed again from export.arxiv.org") from None
    except defusedxml.ExternalReferenceForbidden as exc:
        raise doc.error(f"the XML refers to an external resource ({exc.sysid!r}), which litkit "
                        "refuses for safety", hint="Download the feed again") from None
    except defusedxml.DefusedXmlException as exc:
        raise doc.error(f"the XML uses a construct litkit refuses for safety ({exc})") from None
    except ET.ParseError as exc:
        line, col = getattr(exc, "position", (None, None))
        what = str(exc).split(":")[0]
        raise doc.error(f"the XML is malformed ({what}) at line {line}, column {col + 1 if col is not None else None}",
                        line=line,
                        hint="The download may have been cut off; fetch the feed again") from None


def _text(el, tag: str) -> str | None:
    child = el.find(tag)
    if child is None:
        return None
    return "".join(child.itertext())


def _entry_lines(text: str, n: int, tag=_ENTRY_TAG) -> list[int] | None:
    """The line of each ``<entry`` start tag, when they can be matched one to one."""
    starts = [m.start() for m in tag.finditer(text)]
    if len(starts) != n:
        return None
    lines, line, pos = [], 1, 0
    for s in starts:
        line += text.count("\n", pos, s)
        pos = s
        lines.append(line)
    return lines


def _authors(entry) -> tuple[list[str], list[list[str]]]:
    names, affs = [], []
    for a in entry.findall(f"{ATOM}author"):
        name = clean_text(_text(a, f"{ATOM}name"))
        if not name:
            continue
        names.append(name)
        affs.append([x for x in (clean_text("".join(e.itertext()))
                                 for e in a.findall(f"{ARXIV}affiliation")) if x])
    if not names:                               # the announcement feed: one dc:creator list
        for c in entry.findall(f"{DC}creator"):
            raw = clean_text("".join(c.itertext())) or ""
            for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", raw):
                part = part.strip()
                if part:
                    names.append(part)
                    affs.append([])
    return names, affs


def _is_error(entry, raw_id: str | None) -> bool:
    rid = (raw_id or "").lower()
    return "/api/errors" in rid or (rid == "" and clean_text(_text(entry, f"{ATOM}title")) == "Error")


def parse(doc: Document) -> Parsed:
    out = Parsed()
    root = _parse_xml(doc)
    if root.tag == "rss":
        return _parse_rss(doc, root, out)
    if root.tag != f"{ATOM}feed":
        if root.tag == f"{ATOM}entry":          # a single entry saved on its own
            entries = [root]
        else:
            raise doc.error(f"the XML root element is <{root.tag}>, not an Atom <feed>",
                            hint="This reader takes arXiv API responses (Atom feeds)")
    else:
        entries = root.findall(f"{ATOM}entry")
    lines = _entry_lines(doc.text, len(entries))
    for i, entry in enumerate(entries):
        ref = doc.ref(line=lines[i]) if lines else doc.ref(record=i + 1)
        raw_id = clean_text(_text(entry, f"{ATOM}id"))
        if _is_error(entry, raw_id):
            message = clean_text(_text(entry, f"{ATOM}summary")) or raw_id or "no message"
            out.skip(ref, f"arXiv API error: {message}")
            continue
        arxiv_id = normalize_arxiv_id(raw_id)
        title = latex_to_text(_text(entry, f"{ATOM}title"))
        if not arxiv_id and not title:
            out.skip(ref, "an entry with no arXiv id and no title")
            continue
        abstract = clean_text(_text(entry, f"{ATOM}summary"))
        if abstract and _RSS_ABSTRACT.match(abstract):
            abstract = clean_text(_RSS_ABSTRACT.sub("", abstract, count=1))
        names, affs = _authors(entry)
        if len(set(names)) != len(names):       # keep the first of a repeated name, aligned
            seen: set = set()
            keep = [k for k, nm in enumerate(names) if not (nm in seen or seen.add(nm))]
            names, affs = [names[k] for k in keep], [affs[k] for k in keep]
        cats = []
        prim = entry.find(f"{ARXIV}primary_category")
        if prim is not None and prim.get("term"):
            cats.append(prim.get("term").strip())
        cats += [c.get("term").strip() for c in entry.findall(f"{ATOM}category") if c.get("term")]
        published = clean_text(_text(entry, f"{ATOM}published"))
        updated = clean_text(_text(entry, f"{ATOM}updated"))
        date, year = parse_date(published or updated)
        extra = {}
        m = _VERSION.search(raw_id or "")
        if arxiv_id and m:
            extra["version"] = int(m.group(1))
        if updated:
            extra["updated"] = updated
        comment = clean_text(_text(entry, f"{ARXIV}comment"))
        if comment:
            extra["comment"] = comment
        for link in entry.findall(f"{ATOM}link"):
            if link.get("title") == "pdf" or link.get("type") == "application/pdf":
                extra["pdf_url"] = link.get("href")
                break
        if any(affs):
            extra["author_affiliations"] = affs
        announce = clean_text(_text(entry, f"{ARXIV}announce_type"))
        if announce:
            extra["announce_type"] = announce
        journal_ref = clean_text(_text(entry, f"{ARXIV}journal_ref"))
        doi = normalize_doi(_text(entry, f"{ARXIV}doi"))
        out.records.append({
            "title": title,
            "abstract": abstract,
            "authors": names,
            "affiliations": unique(a for lst in affs for a in lst),
            "year": year,
            "date": date,
            "venue": journal_ref or "arXiv",
            "categories": unique(cats),
            "doi": doi,
            "arxiv_id": arxiv_id,
            "url": f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else clean_text(raw_id),
            "source_ref": ref,
            "extra": extra,
            # keyed by arXiv id, like the other arXiv readers, even when a journal DOI is known
            "id": record_id(("arxiv", arxiv_id)),
        })
    return out


def _split_creators(raw: str | None) -> list[str]:
    raw = clean_text(raw) or ""
    return [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", raw) if p.strip()]


def _parse_rss(doc: Document, root, out: Parsed) -> Parsed:
    """arXiv's announcement feed as RSS 2.0 (``rss.arxiv.org/rss/cs.LG``): one ``<item>`` a
    paper, authors in ``dc:creator``, the abstract after "Announce Type: … Abstract:"."""
    items = root.findall("./channel/item")
    lines = _entry_lines(doc.text, len(items), _ITEM_TAG)
    for i, item in enumerate(items):
        ref = doc.ref(line=lines[i]) if lines else doc.ref(record=i + 1)
        raw_id = clean_text(_text(item, "guid")) or clean_text(_text(item, "link"))
        arxiv_id = normalize_arxiv_id(raw_id)
        title = latex_to_text(_text(item, "title"))
        if not arxiv_id and not title:
            out.skip(ref, "an item with no arXiv id and no title")
            continue
        abstract = clean_text(_text(item, "description"))
        if abstract and _RSS_ABSTRACT.match(abstract):
            abstract = clean_text(_RSS_ABSTRACT.sub("", abstract, count=1))
        names: list[str] = []
        for c in item.findall(f"{DC}creator"):
            names += _split_creators("".join(c.itertext()))
        cats = [clean_text(c.text) for c in item.findall("category") if clean_text(c.text)]
        date, year = parse_date(_text(item, "pubDate"))
        extra = {}
        m = _VERSION.search(raw_id or "")
        if arxiv_id and m:
            extra["version"] = int(m.group(1))
        announce = clean_text(_text(item, f"{ARXIV}announce_type"))
        if announce:
            extra["announce_type"] = announce
        journal_ref = clean_text(_text(item, f"{ARXIV}journal_reference")) \
            or clean_text(_text(item, f"{ARXIV}journal_ref"))
        out.records.append({
            "title": title,
            "abstract": abstract,
            "authors": unique(names),
            "year": year,
            "date": date,
            "venue": journal_ref or "arXiv",
            "categories": unique(cats),
            "doi": normalize_doi(_text(item, f"{ARXIV}DOI") or _text(item, f"{ARXIV}doi")),
            "arxiv_id": arxiv_id,
            "url": f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else clean_text(_text(item, "link")),
            "source_ref": ref,
            "extra": extra,
            "id": record_id(("arxiv", arxiv_id)),
        })
    return out


#: this reader, for the registry (litkit.io.formats)
FORMAT = Format(name="arxiv-atom", description=DESCRIPTION, sniff=sniff, parse=parse,
                suffixes=(".atom", ".xml"), label="arXiv")
