"""Small, pure normalisation helpers shared by the readers and the cleaning step.

Imports nothing of litkit above ``errors``/``schema``: readers and analyses both use it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import datetime
from functools import lru_cache

import pandas as pd

_WS = re.compile(r"\s+")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9:_.-]*)(?:\s[^<>]*)?/?>")
#: tags inside a word: removed without a space ("YBa<inf>2</inf>Cu" -> "YBa2Cu", "H<sub>2</sub>O")
_INLINE_TAGS = frozenset("sub sup inf i b em strong u sc span tt small italic bold underline "
                         "smallcaps monospace a font mml:mi mml:mn mml:mo mml:msub mml:msup "
                         "mml:mrow mml:math math mi mn mo msub msup mrow".split())


def _tag_space(m: re.Match) -> str:
    name = m.group(1).lower()
    if name.startswith("jats:"):
        name = name[5:]
    return "" if name in _INLINE_TAGS else " "
_LATEX_HINT = re.compile(r"[\\{}$~]")

MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
MONTHS.update({"sept": 9, "january": 1, "february": 2, "march": 3, "april": 4, "june": 6,
               "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
               "december": 12})
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


def is_missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def clean_text(value) -> str | None:
    """Collapse white space; ``None`` for missing or blank values."""
    if value is None:
        return None
    if not isinstance(value, str):
        if is_missing(value):
            return None
        value = str(value)
    s = " ".join(value.split())
    return s or None


def strip_markup(value) -> str | None:
    """Remove HTML/XML/JATS tags and decode HTML entities, then collapse white space.

    Only things that look like tags (``<jats:p>``, ``<i>``, ``</sub>``) are removed,
    so ``a < b`` and ``x<y`` in an abstract survive. Inline tags (sub/superscripts, italics,
    Scopus ``<inf>``) leave no space: ``YBa<inf>2</inf>Cu`` -> ``YBa2Cu``; block tags
    (``<jats:p>``, ``<br/>``) become one.
    """
    if is_missing(value):
        return None
    s = str(value)
    if "<" in s:
        s = _TAG.sub(_tag_space, s)
    if "&" in s:
        s = html.unescape(s)
    return clean_text(s)


@lru_cache(maxsize=1)
def _latex_converter():
    from pylatexenc.latex2text import LatexNodes2Text
    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


def latex_to_text(value) -> str | None:
    """Decode LaTeX accents and commands (``{\\"u}`` -> ``ü``) and drop protective braces.

    Text without backslashes, braces, ``$`` or ``~`` is returned as is (fast path).
    Math is kept verbatim (``$x^2$``).
    """
    if is_missing(value):
        return None
    s = str(value)
    if not _LATEX_HINT.search(s):
        return clean_text(s)
    try:
        out = _latex_converter().latex_to_text(s)
    except Exception:  # pylatexenc is lenient; never let a odd string stop a read
        out = s.replace("{", "").replace("}", "")
    return clean_text(out)


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


# --- identifiers -----------------------------------------------------------------------

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|https?://doi\.org/)", re.I)
_DOI_FIND = re.compile(r"10\.\d{4,9}/\S+")


def normalize_doi(value) -> str | None:
    """``https://doi.org/10.1000/ABC`` -> ``10.1000/abc``; ``None`` when it is not a DOI."""
    s = clean_text(value)
    if not s:
        return None
    s = _DOI_PREFIX.sub("", s.strip())
    m = _DOI_FIND.search(s)
    if not m:
        return None
    doi = m.group(0).rstrip(".,;)]}").lower()
    return doi


_ARXIV_NEW = re.compile(r"(\d{4}\.\d{4,5})(?:v\d+)?")
_ARXIV_OLD = re.compile(r"([a-z][a-z.-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.I)


def normalize_arxiv_id(value) -> str | None:
    """``http://arxiv.org/abs/2401.01234v2`` -> ``2401.01234``; old style ``hep-th/9901001``."""
    s = clean_text(value)
    if not s:
        return None
    s = re.sub(r"^(?:arxiv:|https?://(?:export\.)?arxiv\.org/(?:abs|pdf)/)", "", s, flags=re.I)
    m = _ARXIV_NEW.search(s)
    if m:
        return m.group(1)
    m = _ARXIV_OLD.search(s)
    if m:
        return m.group(1)
    return None


# --- names -----------------------------------------------------------------------------

_SUFFIX = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def display_name(value) -> str | None:
    """A person's name as "Given Family".

    ``"Kumar, Aviral"`` -> ``"Aviral Kumar"``; ``"Smith, J."`` -> ``"J. Smith"``;
    ``"King, Jr., Martin"`` -> ``"Martin King Jr."``; "Given Family" stays as it is.
    """
    s = clean_text(value)
    if not s:
        return None
    s = s.strip(" ,;")
    if "," in s:
        parts = [p.strip() for p in s.split(",") if p.strip()]
        if len(parts) == 2:
            family, given = parts
            return f"{given} {family}".strip()
        if len(parts) == 3 and parts[1].lower() in _SUFFIX:
            return f"{parts[2]} {parts[0]} {parts[1]}"
        if len(parts) >= 2:
            return f"{' '.join(parts[1:])} {parts[0]}"
    return s


# --- dates -----------------------------------------------------------------------------

_ISO = re.compile(r"^\s*(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d|21\d\d)(?!\d)")
_MONTH_WORD = re.compile(r"\b([A-Za-z]{3,9})\.?\b")
_DAY = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")


def _mk(y, m=None, d=None):
    try:
        return pd.Timestamp(datetime(int(y), int(m or 1), int(d or 1)))
    except (ValueError, OverflowError):
        try:
            return pd.Timestamp(datetime(int(y), int(m or 1), 1))
        except (ValueError, OverflowError):
            return pd.Timestamp(datetime(int(y), 1, 1))


def parse_date(value) -> tuple[pd.Timestamp | None, int | None]:
    """Parse the many date spellings of bibliographic exports.

    Returns ``(timestamp or None, year or None)``. The timestamp is as precise as
    the text: ``"2024"`` gives 2024-01-01, ``"Sep 2024"`` 2024-09-01,
    ``"Sep 19, 2024"``/``"2024 Sep 19"``/``"2024/09/19/"``/``"2024-09-19T10:00Z"`` the day.
    """
    s = clean_text(value)
    if not s:
        return None, None
    m = _ISO.match(s)
    if m and (m.group(2) is None or 1 <= int(m.group(2)) <= 12):
        y, mo, d = m.group(1), m.group(2), m.group(3)
        if mo is None:
            # "2024 Sep 19", "2024 Sep-Oct", "2024 Spring"
            rest = s[m.end():]
            mo = _month_from_words(rest)
            if mo is not None:
                dm = _DAY.search(rest)
                d = dm.group(1) if dm else None
        if d is not None and not (1 <= int(d) <= 31):
            d = None
        return _mk(y, mo, d), int(y)
    ym = _YEAR.search(s)
    if not ym:
        return None, None
    y = int(ym.group(1))
    rest = s[:ym.start()] + " " + s[ym.end():]
    mo = _month_from_words(rest)
    d = None
    if mo is not None:
        dm = _DAY.search(rest)
        d = int(dm.group(1)) if dm else None
        if d is not None and not 1 <= d <= 31:
            d = None
    else:
        # "19/09/2024" or "09/19/2024": only trust an unambiguous numeric month
        nums = [int(x) for x in re.findall(r"(?<!\d)\d{1,2}(?!\d)", rest)]
        if len(nums) == 2:
            a, b = nums
            if a > 12 >= b:
                mo, d = b, a
            elif b > 12 >= a:
                mo, d = a, b
    return _mk(y, mo, d), y


def _month_from_words(text: str):
    for w in _MONTH_WORD.findall(text):
        k = w.lower()
        if k in MONTHS:
            return MONTHS[k]
        if k[:3] in MONTHS and len(k) > 3 and k in {n for n in MONTHS}:
            return MONTHS[k[:3]]
        if k in _SEASONS:
            return _SEASONS[k]
    return None


def year_of(value) -> int | None:
    return parse_date(value)[1]


def split_keywords(value, seps: str = ";") -> list[str]:
    """Split a keyword string on any of ``seps``; strip, drop empties, keep order, dedupe."""
    s = clean_text(value)
    if not s:
        return []
    parts = re.split("[" + re.escape(seps) + "]", s)
    return unique([p.strip() for p in parts if p.strip()])


def unique(items) -> list:
    """Order-preserving de-duplication (case-sensitive)."""
    seen = set()
    out = []
    for x in items:
        if x is None or x == "" or x in seen:
            continue
        seen.add(x)
        out.append(x)
    return out


# --- mojibake ----------------------------------------------------------------------------

def _cp1252_high() -> dict[str, int]:
    out = {}
    for b in range(0x80, 0xA0):
        try:
            out[bytes([b]).decode("cp1252")] = b
        except UnicodeDecodeError:
            continue
    return out


_CP1252_HIGH = _cp1252_high()
_CONT = "[\x80-\xbf" + "".join(_CP1252_HIGH) + "]"
_MOJIBAKE = re.compile("[\xc2-\xdf]" + _CONT + "|[\xe0-\xef]" + _CONT + "{2}|[\xf0-\xf4]" + _CONT + "{3}")


def _unmojibake(m: re.Match) -> str:
    s = m.group(0)
    try:
        return bytes(_CP1252_HIGH.get(c, ord(c)) for c in s).decode("utf-8")
    except (UnicodeDecodeError, ValueError):
        return s


def fix_mojibake(value):
    """Repair UTF-8 text that was decoded as Latin-1/Windows-1252 somewhere upstream.

    ``"Aurora RamÃ­rez"`` -> ``"Aurora Ramírez"``, ``"$Ï\\x89$Test"`` -> ``"$ω$Test"``,
    ``"300Â\\xa0Â°C"`` -> ``"300\\xa0°C"``. Only character pairs/triples that spell a valid
    UTF-8 sequence are replaced (a lead byte ``Ã``, ``Â``, ``Ï``... followed by continuation
    characters), so correct text, including ``ü`` or ``é`` on their own, is left as it is.
    Missing values and ASCII text are returned unchanged.
    """
    if not isinstance(value, str) or value.isascii():
        return value
    return _MOJIBAKE.sub(_unmojibake, value)
