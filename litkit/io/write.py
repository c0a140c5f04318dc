"""Export the papers table: CSV, Parquet, BibTeX and RIS, chosen by the file extension.

What each format keeps (``litkit.read`` of the file gives it back):

=========  ==========================================================================
format     fields
=========  ==========================================================================
CSV        every column. List columns are joined with ``"; "`` (JSON, ``["a", "b"]``,
           when an item itself contains ``;``), ``extra`` is JSON, dates ISO 8601.
           Cells a spreadsheet would run as a formula — starting with ``=``, ``+``,
           ``-``, ``@``, a tab or a carriage return — get a leading ``'``, and so does a
           cell that already starts with ``'``; litkit's CSV reader removes exactly
           one leading ``'``, so the round trip is exact and the file is inert in
           Excel/LibreOffice (the ``'`` shows there, the formula never runs).
Parquet    every column, with types (lists as lists, ``extra`` as JSON text).
BibTeX     title, authors (``and others`` when truncated), year, date, venue, abstract,
           keywords, DOI, URL, arXiv id (``eprint``), categories (``primaryClass`` and
           ``research-areas``), affiliations, citations and the scalar ``extra`` fields
           BibTeX has a field for (volume, pages, publisher, note...). Not kept: ``id``,
           ``source``, ``source_ref``, other ``extra`` entries.
RIS        title, authors (``Family, Given``), year, date, venue, abstract, keywords,
           DOI, URL, affiliations (``AD``), citations (``N1  - Cited By: n``), volume,
           issue, pages, publisher, ISSN. Not kept: arXiv id (the URL is kept),
           categories, ``authors_truncated``, ``id``, ``source``, ``source_ref``.
=========  ==========================================================================
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .. import schema
from ..errors import LitkitError

__all__ = ["write", "to_csv_text"]

#: characters that make a spreadsheet treat a cell as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIST_SEP = "; "
#: characters that some readers take as the end of a line (str.splitlines' list, less "\n")
_LINE_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class WriteError(LitkitError, ValueError):
    """The table cannot be written to the path asked for."""


def _missing(v) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, float) and v != v:
        return True
    return False


def neutralise(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula (or that starts with ``'``)."""
    if cell and (cell[0] in FORMULA_START or cell[0] == "'"):
        return "'" + cell
    return cell


def _json_default(o):
    if isinstance(o, (pd.Timestamp,)):
        return o.isoformat()
    if isinstance(o, np.integer):
        return int(o)
    if isinstance(o, np.floating):
        return float(o)
    if isinstance(o, np.ndarray):
        return o.tolist()
    if isinstance(o, (set, frozenset, tuple)):
        return list(o)
    return str(o)


def _list_cell(items) -> str:
    items = [str(x) for x in (items if isinstance(items, (list, tuple, np.ndarray)) else [])]
    if not items:
        return ""
    joined = LIST_SEP.join(items)
    if any(";" in x or x != x.strip() for x in items) or joined.startswith('["'):
        return json.dumps(items, ensure_ascii=False)
    return joined


def _date_cell(v) -> str:
    if _missing(v):
        return ""
    ts = pd.Timestamp(v)
    if ts.hour == ts.minute == ts.second == 0 and ts.microsecond == 0:
        return ts.strftime("%Y-%m-%d")
    return ts.isoformat()


def _table_rows(papers: pd.DataFrame):
    cols = list(schema.COLUMNS)
    extra_cols = [c for c in papers.columns if c not in schema.COLUMNS]
    header = cols + extra_cols
    data = {c: papers[c].tolist() for c in header}
    n = len(papers)
    rows = []
    for i in range(n):
        row = []
        for c in header:
            v = data[c][i]
            kind = schema.COLUMNS.get(c)
            if kind == schema.LIST:
                cell = _list_cell(v)
            elif kind == schema.DICT:
                cell = json.dumps(v, ensure_ascii=False, default=_json_default, sort_keys=True) \
                    if isinstance(v, dict) and v else ""
            elif kind == schema.DATE:
                cell = _date_cell(v)
            elif kind == schema.BOOL:
                cell = "true" if (not _missing(v) and bool(v)) else "false"
            elif kind == schema.INT:
                cell = "" if _missing(v) else str(int(v))
            else:
                cell = "" if _missing(v) else str(v)
            row.append(neutralise(cell) if kind != schema.INT else cell)
        rows.append(row)
    return header, rows


def to_csv_text(papers: pd.DataFrame) -> str:
    """The papers table as litkit CSV text (see the module docstring)."""
    header, rows = _table_rows(papers)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    # csv quotes a cell holding "\n" but not one holding "\r" or a Unicode line break (U+2028,
    # NEL...), which other readers split rows on: such rows are written fully quoted
    quoted = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    w.writerow(header)
    for row in rows:
        (quoted if any(_LINE_BREAKS.search(c) for c in row) else w).writerow(row)
    return buf.getvalue()


def _write_csv(papers, path: Path) -> None:
    # UTF-8 with a byte-order mark: Excel then reads accents correctly; litkit skips the BOM
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(to_csv_text(papers))


def _write_parquet(papers, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrays, fields = [], []
    for c in papers.columns:
        kind = schema.COLUMNS.get(c)
        vals = papers[c].tolist()
        if kind == schema.LIST:
            arr = pa.array([[str(x) for x in v] if isinstance(v, (list, tuple, np.ndarray)) else []
                            for v in vals], type=pa.list_(pa.string()))
        elif kind == schema.DICT:
            arr = pa.array([json.dumps(v, ensure_ascii=False, default=_json_default, sort_keys=True)
                            if isinstance(v, dict) else None for v in vals], type=pa.string())
        elif kind == schema.DATE:
            arr = pa.array([None if _missing(v) else pd.Timestamp(v).to_pydatetime() for v in vals],
                           type=pa.timestamp("ns"))
        elif kind == schema.INT:
            arr = pa.array([None if _missing(v) else int(v) for v in vals], type=pa.int64())
        elif kind == schema.BOOL:
            arr = pa.array([bool(v) if not _missing(v) else False for v in vals], type=pa.bool_())
        elif kind == schema.STRING:
            arr = pa.array([None if _missing(v) else str(v) for v in vals], type=pa.string())
        else:
            try:
                arr = pa.array(vals)
            except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
                arr = pa.array([None if _missing(v) else json.dumps(v, default=_json_default)
                                for v in vals], type=pa.string())
        arrays.append(arr)
        fields.append(pa.field(c, arr.type))
    meta = {b"litkit": json.dumps({"format": "litkit papers table", "columns": list(papers.columns),
                                   "json_columns": ["extra"]}).encode()}
    table = pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata=meta))
    pq.write_table(table, path)


# --- BibTeX -------------------------------------------------------------------------------

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


def _date_precision(date, extra) -> str | None:
    if _missing(date):
        return None
    p = extra.get("date_precision") if isinstance(extra, dict) else None
    if p in ("year", "month", "day"):
        return p
    ts = pd.Timestamp(date)
    if ts.month == 1 and ts.day == 1:
        return "year"
    return "day" if ts.day != 1 else "month"


def _cite_key(rec, used: set) -> str:
    extra = rec["extra"] if isinstance(rec["extra"], dict) else {}
    key = extra.get("citation_key")
    if not isinstance(key, str) or not key.strip() or re.search(r"[\s,{}()\"#%'=\\]", key):
        from ..names import author_key
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


# --- RIS ----------------------------------------------------------------------------------

_RIS_TYPES = {"article": "JOUR", "inproceedings": "CPAPER", "conference": "CPAPER",
              "book": "BOOK", "inbook": "CHAP", "incollection": "CHAP", "phdthesis": "THES",
              "mastersthesis": "THES", "thesis": "THES", "techreport": "RPRT", "report": "RPRT",
              "misc": "GEN", "unpublished": "UNPB", "online": "ELEC"}


def _ris_name(name: str) -> str:
    from ..names import parse_name
    if "," in name:
        return name
    kind, family, given = parse_name(name)
    if kind != "person" or not given:
        return name
    tokens = name.split()
    # keep what follows the family name ("Jr.") out of the split: only plain "Given Family"
    if " ".join(tokens[-len(family.split()):]) != family:
        return name
    return f"{family}, {given}"


def _one_line(v) -> str:
    return " ".join(str(v).split())


def to_ris_text(papers: pd.DataFrame) -> str:
    """The papers table as RIS text (see the module docstring for what is kept)."""
    out = []
    for rec in papers.to_dict("records"):
        extra = rec["extra"] if isinstance(rec["extra"], dict) else {}
        lines = []

        def tag(t, v):
            if not _missing(v) and str(v).strip():
                lines.append(f"{t}  - {_one_line(v)}")

        ty = extra.get("type") if isinstance(extra.get("type"), str) and \
            re.fullmatch(r"[A-Z]{2,6}", extra.get("type") or "") else None
        if ty is None:
            typ = str(extra.get("entry_type") or "").lower()
            ty = _RIS_TYPES.get(typ) or ("JOUR" if not _missing(rec["venue"])
                                         and str(rec["venue"]).lower() != "arxiv" else "GEN")
        tag("TY", ty)
        tag("TI", rec["title"])
        for a in rec["authors"] or []:
            if isinstance(a, str):
                tag("AU", _ris_name(a))
        for a in rec["affiliations"] or []:
            tag("AD", a)
        if not _missing(rec["year"]):
            tag("PY", int(rec["year"]))
        prec = _date_precision(rec["date"], extra)
        if prec in ("month", "day"):
            ts = pd.Timestamp(rec["date"])
            tag("DA", ts.strftime("%Y/%m/%d/" if prec == "day" else "%Y/%m//"))
        tag("T2" if ty in ("CPAPER", "CONF", "CHAP") else "JO", rec["venue"])
        tag("AB", rec["abstract"])
        for k in rec["keywords"] or []:
            tag("KW", str(k).replace(";", ","))
        tag("DO", rec["doi"])
        tag("UR", rec["url"] if not _missing(rec["url"]) else
            (f"https://arxiv.org/abs/{rec['arxiv_id']}" if not _missing(rec["arxiv_id"]) else None))
        if not _missing(rec["citations"]):
            tag("N1", f"Cited By: {int(rec['citations'])}")
        for t, name in (("VL", "volume"), ("IS", "issue"), ("PB", "publisher"), ("LA", "language")):
            v = extra.get(name)
            if isinstance(v, (str, int)) and not isinstance(v, bool):
                tag(t, v)
        issn = extra.get("issn")
        for v in (issn if isinstance(issn, list) else [issn] if isinstance(issn, str) else []):
            tag("SN", v)
        pages = extra.get("pages")
        if isinstance(pages, str) and pages.strip():
            parts = re.split(r"\s*[-–]+\s*", pages.strip(), maxsplit=1)
            tag("SP", parts[0])
            if len(parts) > 1:
                tag("EP", parts[1])
        lines.append("ER  - ")
        out.append("\n".join(lines))
    return "\n\n".join(out) + ("\n" if out else "")


_WRITERS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".bib": "bibtex",
            ".bibtex": "bibtex", ".ris": "ris"}


def write(papers: pd.DataFrame, path, *, format: str | None = None) -> Path:
    """Write the papers table to CSV, Parquet, BibTeX or RIS, chosen by the extension.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table (e.g. after :func:`litkit.deduplicate`). Not modified.
    path : str or path-like
        ``.csv``, ``.parquet``, ``.bib`` or ``.ris``. The folder must exist.
    format : {"csv", "parquet", "bibtex", "ris"}, optional
        Overrides the extension.

    Returns
    -------
    pathlib.Path
        The path written.

    Notes
    -----
    ``litkit.read`` reads each of these files back. CSV and Parquet keep every column; BibTeX
    and RIS keep what those formats have fields for (see :mod:`litkit.io.write`). In CSV, cells
    a spreadsheet would run as formulas (``=``, ``+``, ``-``, ``@``, tab, CR first) are
    prefixed with ``'``.

    Examples
    --------
    >>> deduped, audit = litkit.deduplicate(papers)           # doctest: +SKIP
    >>> litkit.write(deduped, "review.bib")                     # doctest: +SKIP
    >>> litkit.write(deduped, "review.csv")                     # doctest: +SKIP
    """
    p = Path(path)
    fmt = format or _WRITERS.get(p.suffix.lower())
    if fmt not in ("csv", "parquet", "bibtex", "ris"):
        raise WriteError(f"{os.fspath(path)}: cannot tell the format from the extension "
                         f"{p.suffix!r}; use .csv, .parquet, .bib or .ris, or format=")
    schema.validate(papers)
    if fmt == "csv":
        _write_csv(papers, p)
    elif fmt == "parquet":
        _write_parquet(papers, p)
    elif fmt == "bibtex":
        p.write_text(to_bibtex_text(papers), encoding="utf-8")
    else:
        p.write_text(to_ris_text(papers), encoding="utf-8")
    return p
