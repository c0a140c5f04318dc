"""One listing record: the arXiv category of its code, and the record built from its lines."""

from __future__ import annotations

import re
from datetime import date as _date

from ...normalize import MONTHS, clean_text
from .._base import Document, Parsed
from . import weights as W
from .split import split_title_authors

_ET_AL = re.compile(r"\s*,?\s*\bet\.?\s+al\.?\s*$")
_ORGS = re.compile(r"\s+[·•]\s+")

# --- arXiv category codes ----------------------------------------------------------------

_CS = set("AI AR CC CE CG CL CR CV CY DB DC DL DM DS ET FL GL GR GT HC IR IT LG LO MA MM MS NA NE "
          "NI OH OS PF PL RO SC SD SE SI SY".split())
#: two-letter codes that are not computer science (when the code is not also a cs one)
_OTHER = {"ML": "stat.ML", "ME": "stat.ME", "TH": "stat.TH", "AP": "stat.AP", "CO": "stat.CO",
          "OT": "stat.OT", "AS": "eess.AS", "IV": "eess.IV", "SP": "eess.SP", "OC": "math.OC",
          "PR": "math.PR", "ST": "math.ST", "NT": "math.NT", "AG": "math.AG", "AT": "math.AT",
          "FA": "math.FA", "DG": "math.DG", "MP": "math.MP", "CA": "math.CA", "AC": "math.AC",
          "CT": "math.CT", "GM": "math.GM", "HO": "math.HO", "KT": "math.KT", "MG": "math.MG",
          "OA": "math.OA", "QA": "math.QA", "RA": "math.RA", "RT": "math.RT", "SG": "math.SG",
          "NC": "q-bio.NC", "QM": "q-bio.QM", "BM": "q-bio.BM", "GN": "q-bio.GN", "PE": "q-bio.PE",
          "MN": "q-bio.MN", "TO": "q-bio.TO", "CB": "q-bio.CB", "EM": "econ.EM", "CP": "q-fin.CP",
          "MF": "q-fin.MF", "PM": "q-fin.PM", "RM": "q-fin.RM", "TR": "q-fin.TR"}
_ARCHIVES = {"astro-ph", "cond-mat", "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th", "math-ph",
             "nlin", "nucl-ex", "nucl-th", "physics", "quant-ph", "math", "cs", "stat", "eess",
             "econ", "q-bio", "q-fin"}
_PHYSICS = set("acc-ph ao-ph app-ph atm-clus atom-ph bio-ph chem-ph class-ph comp-ph data-an ed-ph "
               "flu-dyn gen-ph geo-ph hist-ph ins-det med-ph optics plasm-ph pop-ph soc-ph "
               "space-ph".split())
_COND_MAT = set("dis-nn mes-hall mtrl-sci quant-gas soft stat-mech str-el supr-con".split())


def arxiv_category(code: str | None) -> str | None:
    """The arXiv category for a listing's short code: ``"LG"`` -> ``"cs.LG"``.

    Codes of computer science map to ``cs.XX``; a few two-letter codes that exist only in other
    archives map there (``"ML"`` -> ``"stat.ML"``, ``"IV"`` -> ``"eess.IV"``); physics
    sub-archives map to their archive (``"comp-ph"`` -> ``"physics.comp-ph"``); full codes
    (``"stat.ML"``, ``"quant-ph"``) are kept. Other two-letter upper-case codes default to
    ``cs.XX``; anything else is returned as given.

    Parameters
    ----------
    code : str or None
        The code glued before the date on a listing's first line.

    Returns
    -------
    str or None
        The arXiv category, ``None`` for no code.

    Examples
    --------
    >>> from litkit.io.listing import arxiv_category
    >>> arxiv_category("LG"), arxiv_category("ML"), arxiv_category("comp-ph")
    ('cs.LG', 'stat.ML', 'physics.comp-ph')
    """
    if not code:
        return None
    if "." in code or code in _ARCHIVES:
        return code
    if code in _CS:
        return f"cs.{code}"
    if code in _OTHER:
        return _OTHER[code]
    if code in _PHYSICS:
        return f"physics.{code}"
    if code in _COND_MAT:
        return f"cond-mat.{code}"
    if len(code) == 2 and code.isupper():
        return f"cs.{code}"
    return code


def _record(doc: Document, date_ln: int, m: re.Match, body: str, abstract: str,
            out: Parsed) -> None:
    """Append the record of a date line match ``m``, its title+authors line and its abstract
    to ``out`` (or skip it, with the reason, when its date does not exist)."""
    mon = MONTHS[m.group("mon")[:3].lower()]
    try:
        when = _date(int(m.group("year")), mon, int(m.group("day")))
    except ValueError:
        out.skip(doc.ref(date_ln), f"the date {m.group('mon')} {m.group('day')}, "
                                   f"{m.group('year')} does not exist")
        return
    code = m.group("cat") or None
    tail = (m.group("tail") or "").strip()
    line = " ".join(body.split())
    orgs: list[str] = []
    parts = _ORGS.split(line)
    if len(parts) > 1:
        line = parts[0]
        orgs = [o.strip() for o in ",".join(parts[1:]).split(",") if o.strip()]
    truncated = False
    m_et = _ET_AL.search(line)
    if m_et:
        truncated = True
        line = line[:m_et.start()]
    abstract = clean_text(abstract)
    title, authors, margin = split_title_authors(line, abstract or "", truncated)
    extra = {"code": tail.lower().strip("() ·") == "code", "orgs": orgs, "category_code": code}
    if tail and not extra["code"]:
        extra["date_line_tail"] = tail
    if not authors:
        extra["title_author_split"] = "no author found"
    elif margin < W.UNCERTAIN_MARGIN:
        extra["title_author_split"] = "uncertain"
    cat = arxiv_category(code)
    out.records.append({
        "title": clean_text(title),
        "abstract": abstract,
        "authors": authors,
        "authors_truncated": truncated,
        "year": when.year,
        "date": when.isoformat(),
        "venue": None,
        "categories": [cat] if cat else [],
        "source_ref": doc.ref(date_ln),
        "extra": extra,
    })
