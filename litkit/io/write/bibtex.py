"""BibTeX text of the papers table: what BibTeX has fields for (see :mod:`litkit.io.write`)."""

from __future__ import annotations

import re

import pandas as pd

from .cells import _date_precision, _missing

#: what the BibTeX reader would take as LaTeX, spelled so that it reads back as itself
_TEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
                "$": r"\$", "%": r"\%", "&": r"\&", "#": r"\#", "_": r"\_",
                "~": r"\textasciitilde{}", "^": r"\string^"}
#: ... and the ligatures (-- ---, `` '', ?` !`): broken with \relax{}
_TEX_SPECIAL = re.compile(r"[\\{}$%&#_~^]|-(?=-)|'(?=')|`(?=`)|[?!](?=`)")
#: fields the reader takes verbatim (braces dropped, nothing decoded)
_BIB_VERBATIM = {"volume", "number", "issue", "pages", "numpages", "issn", "isbn", "pmid", "pmcid",
                 "eprint"}


def _tex_escape(m: re.Match) -> str:
    c = m.group()
    return _TEX_ESCAPES.get(c) or c + r"\relax{}"


def _bib_text(text: str) -> str:
    """A text field value: every character the reader would decode as LaTeX escaped, so
    ``\\textbf{x} ~ $x_1$ 50% & #1`` reads back as itself (white space is collapsed)."""
    return "{" + _TEX_SPECIAL.sub(_tex_escape, " ".join(str(text).split())) + "}"


def _bib_value(text: str) -> str:
    """A verbatim or URL value in braces: ``& % #`` escaped, unbalanced braces escaped."""
    s = " ".join(str(text).split())
    s = re.sub(r"(?<!\\)([&%#])", r"\\\1", s)
    depth = 0
    ok = True
    for ch in s:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                ok = False
                break
    if not ok or depth != 0:
        s = s.replace("{", "\\{").replace("}", "\\}")
    return "{" + s + "}"


_BIB_EXTRA = ("volume", "number", "issue", "pages", "numpages", "issn", "isbn", "publisher",
              "address", "edition", "series", "note", "language", "pmid", "pmcid",
              "organization", "school", "institution", "howpublished", "chapter")
_BIB_TYPES = {"article", "inproceedings", "conference", "book", "inbook", "incollection",
              "misc", "phdthesis", "mastersthesis", "techreport", "unpublished", "proceedings",
              "manual", "booklet", "online", "report", "thesis"}
_KEY_CHARS = re.compile(r"[^A-Za-z0-9]")


def _cite_key(rec, used: set) -> str:
    extra = rec["extra"] if isinstance(rec["extra"], dict) else {}
    key = extra.get("citation_key")
    if not isinstance(key, str) or not key.strip() or re.search(r"[\s,{}()\"#%'=\\]", key):
        from ...names import author_key
        first = rec["authors"][0] if isinstance(rec["authors"], list) and rec["authors"] else "anon"
        fam = (author_key(first) or "anon").split(",")[0]
        fam = _KEY_CHARS.sub("", fam.title()) or "Anon"
        year = "" if _missing(rec["year"]) else str(int(rec["year"]))
        word = next((w for w in re.findall(r"[A-Za-z]{4,}", str(rec["title"] or ""))), "")
        key = f"{fam}{year}{word.lower()}"
    base, k = key, 0
    while key in used:
        k += 1
        key = f"{base}{chr(ord('a') + (k - 1) % 26)}{'' if k <= 26 else k}"
    used.add(key)
    return key


def to_bibtex_text(papers: pd.DataFrame) -> str:
    """The papers table as BibTeX text (see the module docstring for what is kept)."""
    out, used = [], set()
    for rec in papers.to_dict("records"):
        extra = rec["extra"] if isinstance(rec["extra"], dict) else {}
        typ = str(extra.get("entry_type") or "").lower()
        if typ not in _BIB_TYPES:
            typ = "article" if not _missing(rec["venue"]) and str(rec["venue"]).lower() != "arxiv" \
                else "misc"
        fields: list[tuple[str, str]] = []

        def add(name, value):
            if not _missing(value) and str(value).strip():
                fields.append((name, _bib_value(value) if name in _BIB_VERBATIM or name == "url"
                               else _bib_text(value)))

        add("title", rec["title"])
        authors = [a for a in (rec["authors"] or []) if isinstance(a, str)]
        if authors:
            names = [_bib_text(a) if " and " in a.lower() or "," in a else _bib_text(a)[1:-1]
                     for a in authors]
            if rec["authors_truncated"]:
                names.append("others")
            fields.append(("author", "{" + " and ".join(names) + "}"))
        if not _missing(rec["year"]):
            fields.append(("year", str(int(rec["year"]))))
        prec = _date_precision(rec["date"], extra)
        if prec in ("month", "day"):
            ts = pd.Timestamp(rec["date"])
            fields.append(("date", "{" + ts.strftime("%Y-%m-%d" if prec == "day" else "%Y-%m") + "}"))
        venue_field = "booktitle" if typ in ("inproceedings", "conference", "incollection") \
            else "journal"
        if not (typ == "misc" and str(rec["venue"]).lower() == "arxiv"):
            add(venue_field, rec["venue"])
        add("abstract", rec["abstract"])
        kw = [str(k) for k in (rec["keywords"] or [])]
        if kw:
            value = "; ".join(kw)
            if ";" not in value:
                value += ";" if "," in value else ""
            fields.append(("keywords", _bib_text(value)))
        add("doi", rec["doi"])
        add("url", rec["url"])
        if not _missing(rec["arxiv_id"]):
            fields.append(("eprint", _bib_value(rec["arxiv_id"])))
            fields.append(("archiveprefix", "{arXiv}"))
        cats = [str(c) for c in (rec["categories"] or [])]
        if cats and not _missing(rec["arxiv_id"]):
            fields.append(("primaryclass", _bib_text(cats[0])))
            cats = cats[1:]
        if cats:
            fields.append(("research-areas", _bib_text("; ".join(cats))))
        affs = [str(a) for a in (rec["affiliations"] or [])]
        if affs:
            fields.append(("affiliations", _bib_text("; ".join(affs))))
        if not _missing(rec["citations"]):
            fields.append(("citations", str(int(rec["citations"]))))
        for name in _BIB_EXTRA:
            v = extra.get(name)
            if isinstance(v, (str, int)) and not isinstance(v, bool) and str(v).strip() \
                    and name not in {f for f, _ in fields}:
                add(name, v)
        key = _cite_key(rec, used)
        body = ",\n".join(f"  {name} = {value}" for name, value in fields)
        out.append(f"@{typ}{{{key},\n{body}\n}}\n")
    return "\n".join(out)
