"""RIS text of the papers table: what RIS has tags for (see :mod:`litkit.io.write`)."""

from __future__ import annotations

import re

import pandas as pd

from .cells import _date_precision, _missing

_RIS_TYPES = {"article": "JOUR", "inproceedings": "CPAPER", "conference": "CPAPER",
              "book": "BOOK", "inbook": "CHAP", "incollection": "CHAP", "phdthesis": "THES",
              "mastersthesis": "THES", "thesis": "THES", "techreport": "RPRT", "report": "RPRT",
              "misc": "GEN", "unpublished": "UNPB", "online": "ELEC"}


def _ris_name(name: str) -> str:
    from ...names import parse_name
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
