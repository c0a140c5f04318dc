"""Web of Science field tags: one table for both exports (plain text ``wos`` and tab-delimited
``wos-tab``), like wostools' ``IsiField``, so that the two readers give the same ``extra`` keys.

Each :class:`WosField` names the tag, the ``extra`` key (see ``litkit.schema.EXTRA``) and how
the value is read: ``text`` (one string), ``list`` (``;``-separated), ``lines`` (one item a
line in plain text, ``;``-separated in the tab-delimited export: ``CR``), ``int``.
The papers-table columns (TI, AU/AF, SO, PY/PD, DI, TC, WC, DE/ID, C1) are mapped by the readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..normalize import clean_text, to_int


@dataclass(frozen=True)
class WosField:
    tag: str
    key: str
    kind: str = "text"          # text | list | lines | int


FIELDS: tuple[WosField, ...] = (
    WosField("UT", "wos_id"),
    WosField("PT", "publication_type"),
    WosField("DT", "document_type"),
    WosField("LA", "language"),
    WosField("Z9", "citations_all_databases", "int"),
    WosField("NR", "n_references", "int"),
    WosField("CR", "references", "lines"),
    WosField("SC", "research_areas", "list"),
    WosField("C3", "organizations", "list"),
    WosField("RP", "reprint_address"),
    WosField("EM", "emails", "list"),
    WosField("PU", "publisher"),
    WosField("SN", "issn"),
    WosField("EI", "eissn"),
    WosField("BN", "isbn"),
    WosField("JI", "journal_abbrev"),
    WosField("J9", "journal_abbrev"),
    WosField("VL", "volume"),
    WosField("IS", "issue"),
    WosField("AR", "article_number"),
    WosField("PM", "pmid"),
    WosField("OA", "open_access"),
    WosField("EA", "early_access"),
    WosField("SE", "series"),
    WosField("CT", "conference"),
    WosField("CY", "conference_date"),
    WosField("CL", "conference_location"),
    WosField("FU", "funding"),
    WosField("DE", "author_keywords", "list"),
    WosField("ID", "keywords_plus", "list"),
)


def extra_fields(text: Callable[[str], str | None], lines: Callable[[str], list[str]],
                 split: Callable[[str | None], list[str]]) -> dict:
    """The ``extra`` of one record from the table.

    ``text(tag)`` gives a tag's value, ``lines(tag)`` its items one a line, ``split(value)``
    splits a ``;``-separated value; the first tag of a key that has a value wins.
    """
    out: dict = {}
    for f in FIELDS:
        if f.key in out:
            continue
        if f.kind == "int":
            v = to_int((text(f.tag) or "").replace(",", ""))
        elif f.kind == "list":
            v = split(text(f.tag))
        elif f.kind == "lines":
            v = lines(f.tag)
        else:
            v = text(f.tag)
        if v is not None and v != "" and v != []:
            out[f.key] = v
    return out


_C1 = re.compile(r"^\[([^\]]*)\]\s*(.*)$")


def c1_addresses(items: list[str]) -> list[tuple[list[str], str]]:
    """C1 items ``[Author; Author] Org, City`` -> ``[(names as written, address), ...]``."""
    pairs = []
    for item in items:
        m = _C1.match(item.strip())
        names, addr = ([n.strip() for n in m.group(1).split(";") if n.strip()], m.group(2)) \
            if m else ([], item)
        addr = clean_text(addr.rstrip(". "))
        if addr:
            pairs.append((names, addr))
    return pairs


def split_c1(c1: str | None) -> list[str]:
    """A tab-delimited C1 cell into its addresses (a ``[...]`` author list holds ``;`` too)."""
    if not c1:
        return []
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
    return [p.strip() for p in pieces if p.strip()]


def per_author(raw_names: list[str], pairs, key: Callable[[str], str] = str.lower
               ) -> list[list[str]] | None:
    """Each author's addresses (aligned with ``raw_names``), from the C1 bracket lists;
    ``None`` when C1 names no author."""
    if not pairs or not any(names for names, _ in pairs):
        return None
    index: dict[str, list[str]] = {}
    for names, addr in pairs:
        for n in names:
            lst = index.setdefault(key(n), [])
            if addr not in lst:
                lst.append(addr)
    return [index.get(key(n), []) for n in raw_names]
