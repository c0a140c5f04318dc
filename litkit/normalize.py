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
_SEASON_ABBREV = {"spr": 3, "sum": 6, "fal": 9, "aut": 9, "win": 12}     # Web of Science PD "SPR"


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
    return _strip_trailing(m.group(0)).lower()


_CLOSING = {")": "(", "]": "[", "}": "{"}


def _strip_trailing(doi: str) -> str:
    """Drop the punctuation that ends the sentence around a DOI, not the DOI's own: a final
    ``)`` stays when its ``(`` is in the DOI (``10.1002/(SICI)…(199806)``, ``10.1000/abc(12)``)."""
    while doi:
        c = doi[-1]
        if c in ".,;":
            doi = doi[:-1]
        elif c in _CLOSING and doi.count(_CLOSING[c]) < doi.count(c):
            doi = doi[:-1]
        else:
            break
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

_ISO = re.compile(r"^\s*(\d{4})(?!\d)(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d|21\d\d)(?!\d)")
_MONTH_WORD = re.compile(r"\b([A-Za-z]{3,9})\.?\b")
_DAY = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")


#: the years a bibliographic record can plausibly carry. Another year (0, 9999, 10**10) costs
#: the record its year and date, never the record or the file.
FIRST_YEAR, LAST_YEAR = 1000, 2199
#: the largest integer a papers-table column (Int64) holds
INT64_MAX = 2**63 - 1
_DIGITS = re.compile(r"\s*[+]?(\d{1,18})\s*")


def to_int(value, *, low: int = 0, high: int = INT64_MAX) -> int | None:
    """A whole number in ``[low, high]`` from an int, an integral float or a digit string.

    Anything else (``True``, ``"12a"``, ``1e400``, ``10**30``, NaN) is ``None``, never an
    exception: a count or a year too large for the table costs that value only.

    Examples
    --------
    >>> to_int("42"), to_int(7.0), to_int(10**30), to_int("-3"), to_int("-3", low=-10)
    (42, 7, None, None, -3)
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")) or not value.is_integer():
            return None
        value = int(value)
    elif isinstance(value, str):
        s = value.strip()
        neg = s.startswith("-")
        m = _DIGITS.fullmatch(s[1:] if neg else s)
        if not m:
            return None
        value = -int(m.group(1)) if neg else int(m.group(1))
    elif not isinstance(value, int):
        try:
            value = int(value)           # numpy integers
        except (TypeError, ValueError, OverflowError):
            return None
    return value if low <= value <= high else None


def plausible_year(value) -> int | None:
    """``value`` as a year when it lies in ``[FIRST_YEAR, LAST_YEAR]``, else ``None``.

    Examples
    --------
    >>> plausible_year(2024), plausible_year("1999"), plausible_year(0), plausible_year(9999)
    (2024, 1999, None, None)
    """
    return to_int(value, low=FIRST_YEAR, high=LAST_YEAR)


_TS_MIN, _TS_MAX = pd.Timestamp.min, pd.Timestamp.max


def make_date(y, mo=None, d=None) -> pd.Timestamp | None:
    """A timestamp from parts, ``None`` without a plausible year or outside the table's range.

    An impossible day falls back to the month, an impossible month to the year.

    Examples
    --------
    >>> make_date(2024, 2, 30), make_date(0), make_date(9999, 1, 1)
    (Timestamp('2024-02-01 00:00:00'), None, None)
    """
    y = plausible_year(y)
    if y is None:
        return None
    mo, d = to_int(mo), to_int(d)
    for args in ((y, mo or 1, d or 1), (y, mo or 1, 1), (y, 1, 1)):
        try:
            ts = pd.Timestamp(datetime(*args))
        except (ValueError, OverflowError):
            continue
        return ts if _TS_MIN <= ts <= _TS_MAX else None
    return None


def safe_timestamp(value) -> pd.Timestamp | None:
    """``value`` (a timestamp, date or text) as a timestamp the table can hold, else ``None``."""
    if value is None or isinstance(value, str):
        return parse_date(value)[0] if value else None
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        return None
    if ts is pd.NaT:
        return None
    if ts.tz is not None:
        ts = ts.tz_convert(None)
    if plausible_year(ts.year) is None or not _TS_MIN <= ts <= _TS_MAX:
        return None
    return ts


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
        y = plausible_year(int(y))
        return make_date(y, mo, d), y
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
    y = plausible_year(y)
    return make_date(y, mo, d), y


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


_YEAR_IN_TEXT = re.compile(r"(?<![\d.])(1[5-9]\d\d|20\d\d|21\d\d)(?![\d])")
_ALPHA = re.compile(r"[A-Za-z]+")
_DAY_NUM = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")
_COMPACT = re.compile(r"(?<![\d.])(1[5-9]\d\d|20\d\d|21\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\d])")


def _month_of_word(w: str) -> int | None:
    k = w.lower()
    if k in MONTHS:
        return MONTHS[k]
    if len(k) >= 3 and k[:3] in MONTHS and MONTHS.get(k) is None:
        full = [n for n in MONTHS if len(n) > 4 and n.startswith(k)]
        if full:                                         # "Sept", "Janu" (cut-off spellings)
            return MONTHS[full[0]]
    return _SEASONS.get(k) or _SEASON_ABBREV.get(k)


@lru_cache(maxsize=4096)
def _date_parts(s: str):
    return _parse_parts(s)


def date_parts(value) -> tuple[int | None, int | None, int | None]:
    """``(year, month, day)`` of a bibliographic date, ``None`` for what the text lacks.

    Handles RIS ``2019/05/01/``, ``2019///``, ``2019/05//other``; MEDLINE ``2019 Mar 5``,
    ``2019 Spring``, ``2018 Dec-2019 Jan`` (the first date of a range), ``2016 Mar-Apr``;
    Web of Science ``JUN 8`` and ``SEP`` (no year); ISO ``2019-05-01``; ``1 Jan.-Feb. 2019``;
    compact ``20170812`` inside text (TRID ``Start date: 20170812``).
    """
    s = clean_text(value)
    if not s:
        return None, None, None
    return _date_parts(s[:200])


def _parse_parts(s: str) -> tuple[int | None, int | None, int | None]:
    # RIS slash form and ISO: YYYY/MM/DD..., YYYY-MM-DD
    m = re.match(r"(\d{4})(?:[/-](\d{0,2})(?:[/-](\d{0,2}))?)?(?=$|[/\sT-])", s)
    if m:
        y = int(m.group(1))
        mo = int(m.group(2)) if m.group(2) else None
        d = int(m.group(3)) if m.group(3) else None
        if mo is not None and not 1 <= mo <= 12:
            mo, d = None, None
        if mo is None:
            rest = s[m.end():]
            mo, d = _month_and_day(rest.split("-")[0] if re.search(r"[A-Za-z]", rest) else rest)
        if d is not None and not 1 <= d <= 31:
            d = None
        return y, mo, d
    m = _COMPACT.search(s)                               # TRID "Start date: 20170812"
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    ym = _YEAR_IN_TEXT.search(s)
    y = int(ym.group(1)) if ym else None
    if ym:
        before, after = s[:ym.start()], s[ym.end():]
        part = before if re.search(r"[A-Za-z]", before) else after
    else:
        part = s
    mo, d = _month_and_day(part)
    return y, mo, d


def _month_and_day(text: str) -> tuple[int | None, int | None]:
    months = [m for m in map(_month_of_word, _ALPHA.findall(text)) if m is not None]
    if not months:
        return None, None
    mo = months[0]
    if len(months) > 1:                                  # "Jan.-Feb.": a range, no day
        return mo, None
    dm = _DAY_NUM.search(text)
    d = int(dm.group(1)) if dm else None
    if d is not None and not 1 <= d <= 31:
        d = None
    return mo, d




def precision(y, mo, d) -> str | None:
    if y is None:
        return None
    return "day" if d is not None and mo is not None else "month" if mo is not None else "year"


def best_date(*values, year_hint: int | None = None):
    """The most precise date among ``values`` that agrees with the year.

    A value without a year (Web of Science ``PD`` = ``JUN 8``) borrows ``year_hint``.
    Returns ``(timestamp or None, year or None, precision or None)``.
    """
    best = (None, None, None)
    rank = {None: 0, "year": 1, "month": 2, "day": 3}
    year = year_hint
    parts = [date_parts(v) for v in values if v]
    if year is None:
        for y, _, _ in parts:
            if y is not None:
                year = y
                break
    for y, mo, d in parts:
        if y is None:
            y = year
        elif year is not None and y != year:
            continue
        p = precision(y, mo, d)
        if rank[p] > rank[best[2]]:
            best = (y, mo, d), y, p
    if best[2] is None:
        return (make_date(year), year, "year") if year is not None else (None, None, None)
    (y, mo, d), y, p = best
    return make_date(y, mo, d), y, p



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
