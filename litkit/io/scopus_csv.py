"""Scopus CSV exports, in every column vintage seen in the wild.

* 41/43 columns: ``Authors`` only (no ids, no full names);
* 45 columns with ``Author(s) ID`` (``Authors`` as ``"Phillips J.C., Braun R."``);
* 45+ columns with ``Author full names`` (``"Liu, Fengyuan (60410297700); ..."``; ``Authors`` as
  ``"Liu F.; Li C."`` or ``"Kumar, A.; Zhuang, V."``).

Columns are found by name (case/space-insensitive, BOM tolerated), so reordered, missing or extra
columns are fine. Cells are kept as text (nothing is evaluated: ``=1+1`` stays ``"=1+1"``).
``[No abstract available]`` and the like, and R's ``NA``, are missing values.

Some exports list fewer ``Funding Text N`` columns in the header than the rows carry (56 of the 58
rows of litstudy's sample have 46 fields under a 45-name header). Such a row is realigned: the
columns before the surplus are read from the left, those after it from the right, and the split
point is the one where Year, DOI, Link, EID, Source, ISSN... all look like themselves. A row that
cannot be realigned that way, or has too few fields, goes to ``skipped`` with its line and reason.
"""

from __future__ import annotations

import re

from ..normalize import clean_text, display_name, normalize_doi, parse_date, strip_markup, unique
from . import _table as T
from ._base import Document, Format, Parsed, record_id

DESCRIPTION = "Scopus CSV export"
#: how to export again from this source to get a thin field (litkit.coverage)
_EXPORT_HINTS = {
    "abstract": "export again with 'Abstract' ticked (Export > CSV > Abstract & keywords)",
    "keywords": "export again with 'Author keywords' and 'Index keywords' ticked",
    "affiliations": "export again with 'Affiliations' ticked",
    "citations": "export again with 'Citation count' ticked",
}


#: the error for a file without the header
_NO_HEADER = ("no Scopus CSV header found in the first lines (a header with Authors, Title, "
              "Source title, EID...)")
_HINT = "export from Scopus as CSV with the column headers"

#: header names (keyed) that only Scopus writes, or writes together
_SCOPUS_NAMES = {"eid", "link", "source title", "cited by", "art. no.", "page start", "author(s) id",
                 "author full names", "authors with affiliations", "abbreviated source title",
                 "publication stage", "document type", "source", "index keywords",
                 "language of original document", "correspondence address"}


def _is_header(keys: set[str]) -> bool:
    # Dimensions and Lens exports also have Title/Authors/Source title: ask for three Scopus names
    return "title" in keys and ("authors" in keys or "eid" in keys) \
        and len(keys & _SCOPUS_NAMES) >= 3


def sniff(doc: Document) -> float:
    found = T.find_header(doc, _is_header)
    if found is None:
        return 0.0
    keys = {T.key(n) for n in found[1]}
    return 0.95 if ("eid" in keys or "link" in keys or "source title" in keys) else 0.6


def parse(doc: Document) -> Parsed:
    """Read a Scopus CSV export: one record a row (see the module's description)."""
    return T.read_table(doc, _row, accept=_is_header, fit=_realigner, missing=_NO_HEADER,
                        hint=_HINT)


#: this reader, for the registry (litkit.io.formats)
FORMAT = Format(name="scopus-csv", description=DESCRIPTION, sniff=sniff, parse=parse,
                suffixes=(".csv",), label="Scopus", hints=_EXPORT_HINTS)


# --- realigning rows that carry more fields than the header names -----------------------

_CHECKS = {
    "year": re.compile(r"^\d{4}$"),
    "cited by": re.compile(r"^\d+$"),
    "doi": re.compile(r"^10\.\d{3,9}/"),
    "link": re.compile(r"^https?://"),
    "eid": re.compile(r"^2-s2\.0-\d+$"),
    "source": re.compile(r"^Scopus$", re.I),
    "publication stage": re.compile(r"^(?:Final|Article in [Pp]ress)$"),
    "open access": re.compile(r"^All Open Access"),
    "issn": re.compile(r"^[0-9]{7}[0-9Xx](?:[;, ]+[0-9]{7}[0-9Xx])*$"),
    "pubmed id": re.compile(r"^\d+$"),
    "language of original document": re.compile(r"^[A-Z][a-z]+(?:[;,] ?[A-Z][a-z]+)*$"),
    "page count": re.compile(r"^\d+$"),
}


def _state(rx, text: str) -> int:
    v = text.strip()
    if not v or v.upper() == "NA":
        return 0
    return 1 if rx.match(v) else -1


def _realigner(names: list[str]):
    n = len(names)
    keys = [T.key(x) for x in names]
    checks = [(i, _CHECKS[k]) for i, k in enumerate(keys) if k in _CHECKS]
    funding = [i for i, k in enumerate(keys) if k.startswith("funding text")]
    preferred = funding[-1] + 1 if funding else None
    exact = T.fit_exact(n)

    def fit(fields: list[str]) -> list[str] | None:
        got = exact(fields)
        if got is not None or len(fields) < n or not checks:
            return got
        k = len(fields) - n
        # each check column, read from the left (fields[i]) and from the right (fields[i+k]):
        # 0 = empty, 1 = looks right, -1 = looks wrong
        left = [_state(rx, fields[i]) for i, rx in checks]
        right = [_state(rx, fields[i + k]) for i, rx in checks]
        best, best_ps = None, []
        for p in range(n + 1):          # the surplus sits at fields[p:p+k]
            ok = bad = right_ok = 0
            for j, (i, _) in enumerate(checks):
                st = left[j] if i < p else right[j]
                if st > 0:
                    ok += 1
                    right_ok += i >= p
                elif st < 0:
                    bad += 1
            # the columns after the surplus must vouch for it; a surplus after the last column
            # (an unnamed trailing column) needs two columns that look right and none wrong
            if bad or not (right_ok or (p == n and ok >= 2)):
                continue
            if best is None or ok > best:
                best, best_ps = ok, [p]
            elif ok == best:
                best_ps.append(p)
        if not best_ps:
            return None
        p = preferred if preferred in best_ps else best_ps[-1]
        return fields[:p] + fields[p + k:]
    return fit


# --- names -------------------------------------------------------------------------------

# one way only to match each initial ("J.", "Ch.", "J.-P.", "J. -P."): no catastrophic backtracking
_INITIAL = r"[A-Z][a-z]?\.(?:\s?-\s?|\s(?=[A-Z]))?"
_INITIALS = re.compile(r"^(?P<family>\S.*?)\s+(?P<given>(?:" + _INITIAL + r")+|[A-Z]{1,3})$")
_ONLY_INITIALS = re.compile(r"^(?:" + _INITIAL + r")+$")
_ID_SUFFIX = re.compile(r"\s*\(\d+\)\s*$")


def _short_name(name: str) -> str:
    """Scopus's ``"Phillips J.C."`` -> ``"J.C. Phillips"``; ``"Kumar, A."`` -> ``"A. Kumar"``."""
    if "," in name:
        return display_name(name) or name
    m = _INITIALS.match(name) if len(name) <= 300 else None
    if m:
        return f"{m.group('given').strip()} {m.group('family').strip()}"
    return name


def _split_authors(text: str | None) -> list[str]:
    if not text:
        return []
    if ";" in text:
        parts = T.split_list(text, ";")
    else:
        pieces = [p.strip() for p in text.split(",") if p.strip()]
        if 2 <= len(pieces) <= 2000 and all(_ONLY_INITIALS.match(p) for p in pieces[1::2]) \
                and not any(_ONLY_INITIALS.match(p) for p in pieces[0::2]):
            # "Kumar, A., Zhuang, V." : family, initials pairs
            parts = [f"{pieces[i]}, {pieces[i + 1]}" for i in range(0, len(pieces) - 1, 2)]
            if len(pieces) % 2:
                parts.append(pieces[-1])
        else:
            parts = pieces
    return [n for n in (_short_name(p) for p in parts) if n and not T.missing(n)]


def _full_names(text: str | None) -> tuple[list[str], list[str]]:
    """``"Liu, Fengyuan (60410297700); ..."`` -> (["Fengyuan Liu", ...], ["60410297700", ...])."""
    names, ids = [], []
    for part in T.split_list(text, ";"):
        m = re.search(r"\((\d+)\)\s*$", part)
        if m:
            ids.append(m.group(1))
        name = display_name(_ID_SUFFIX.sub("", part))
        if name:
            names.append(name)
    return names, ids


# --- cited references ----------------------------------------------------------------------

#: the 2024 layout ends each reference with its year: "Cheng M.; Xue Y., Title, Spine, 50, (2025); ..."
_REF_END_NEW = re.compile(r"(?<=\(\d{4}\));\s*")
#: the older layout puts the year before the source: "Kalé, L., Skeel, R., (1999) J Comp Phys, 151, p. 283; ..."
_YEAR_BEFORE_SOURCE = re.compile(r"\(\d{4}\) ")
_YEAR_AT_END = re.compile(r"\(\d{4}\)(?:;|\s*$)")


def split_references(cell) -> list[str]:
    """The cited references of a Scopus ``References`` cell, one string each, as given.

    Scopus has two layouts: before 2024 references are separated by ``"; "`` and authors by
    ``", "``; since 2024 authors are separated by ``"; "`` too and each reference ends with its
    ``(year)``, so the cell is split after each ``(year);``.

    Examples
    --------
    >>> split_references("Kalé, L., (1999) J Comp Phys, 151, p. 283; Humphrey, W., (1996) J Mol Graphics, 14")
    ['Kalé, L., (1999) J Comp Phys, 151, p. 283', 'Humphrey, W., (1996) J Mol Graphics, 14']
    >>> split_references("Cheng M.; Xue Y., Burden of back pain, Spine, 50, (2025); Li T., Robots, Ann Med, (2024)")
    ['Cheng M.; Xue Y., Burden of back pain, Spine, 50, (2025)', 'Li T., Robots, Ann Med, (2024)']
    """
    if not isinstance(cell, str) or not cell.strip():
        return []
    new_layout = len(_YEAR_AT_END.findall(cell)) > len(_YEAR_BEFORE_SOURCE.findall(cell))
    parts = _REF_END_NEW.split(cell) if new_layout else cell.split("; ")
    return [p.strip() for p in parts if p.strip()]


# --- the reader --------------------------------------------------------------------------

_EXTRA = {
    "eid": "scopus_eid",
    "document type": "document_type",
    "publication stage": "publication_stage",
    "open access": "open_access",
    "source": "database",
    "language of original document": "language",
    "publisher": "publisher",
    "issn": "issn",
    "isbn": "isbn",
    "pubmed id": "pubmed_id",
    "abbreviated source title": "venue_abbrev",
    "volume": "volume",
    "issue": "issue",
    "art. no.": "article_number",
    "page start": "page_start",
    "page end": "page_end",
    "conference name": "conference",
}


def _per_author(authors: list[str], with_aff: list[str]) -> list[list[str]] | None:
    """Scopus "Authors with affiliations" (``Family, G., Org, City, Country`` per author, in
    author order) as one list per author; ``None`` when the counts do not agree."""
    if not authors or len(with_aff) != len(authors) or len(set(authors)) != len(authors):
        return None
    out = []
    for item in with_aff:
        parts = [p.strip() for p in item.split(",")]
        aff = ", ".join(parts[2:]).strip()
        out.append([aff] if aff else [])
    return out if any(out) else None


def _row(cols: T.Columns, f: list[str]) -> dict | str:
    """The record of one row, or why it is not one."""
    title = strip_markup(cols.get(f, "Title"))
    eid = cols.get(f, "EID")
    if not title and not eid and not cols.get(f, "DOI"):
        return "no title, no DOI and no EID: not a record"
    full_names, full_ids = _full_names(cols.get(f, "Author full names"))
    authors = full_names or _split_authors(cols.get(f, "Authors"))
    ids = T.split_list(cols.get(f, "Author(s) ID"), ";") or full_ids
    year = T.to_year(cols.get(f, "Year"))
    date = parse_date(str(year))[0] if year is not None else None
    # keywords carry Scopus markup too: "YBa<inf>2</inf>Cu<inf>3</inf>O<inf>7−z</inf>"
    author_kw = [k for k in map(strip_markup, T.split_list(cols.get(f, "Author Keywords"),
                                                           ";")) if k]
    index_kw = [k for k in map(strip_markup, T.split_list(cols.get(f, "Index Keywords"),
                                                          ";")) if k]
    extra = cols.mapped(f, _EXTRA)
    if ids:
        extra["scopus_author_ids"] = ids
    if author_kw:
        extra["author_keywords"] = author_kw
    with_aff = T.split_list(cols.get(f, "Authors with affiliations"), ";")
    if with_aff:
        extra["authors_with_affiliations"] = with_aff
    refs = split_references(cols.get(f, "References"))
    if refs:
        extra["references"] = refs
    per_author = _per_author(authors, with_aff)
    if per_author:
        extra["author_affiliations"] = per_author
    doi = normalize_doi(cols.get(f, "DOI"))
    return {
        # distinct records may share a title (proceedings volumes): the EID keys them
        "id": record_id(("doi", doi), ("scopus", eid)),
        "title": title,
        "abstract": strip_markup(cols.get(f, "Abstract")),
        "authors": unique(authors),
        "affiliations": T.split_list(cols.get(f, "Affiliations"), ";"),
        "year": year,
        "date": date,
        "venue": clean_text(cols.get(f, "Source title")),
        "keywords": unique(author_kw + index_kw),
        "doi": doi,
        "url": cols.get(f, "Link"),
        "citations": T.to_int(cols.get(f, "Cited by")),
        "extra": extra,
    }
