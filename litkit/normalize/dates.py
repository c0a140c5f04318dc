"""Dates: the many spellings of bibliographic exports into a timestamp, a year and a precision.

One month table (:data:`MONTHS`, built from :data:`MONTH_NAMES`) serves every reader.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

import pandas as pd

from .numbers import plausible_year, to_int
from .text import clean_text

#: the months, in order
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
#: month word (three-letter abbreviation, "sept", full name; lower case) -> month number
MONTHS = {name[:3]: i for i, name in enumerate(MONTH_NAMES, 1)}
MONTHS["sept"] = 9
MONTHS.update({name: i for i, name in enumerate(MONTH_NAMES, 1) if name not in MONTHS})
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_SEASON_ABBREV = {"spr": 3, "sum": 6, "fal": 9, "aut": 9, "win": 12}     # Web of Science PD "SPR"
_LAST_MONTH, _LAST_DAY = 12, 31
#: the shortest month word read: "Jan", "Sept", "Janu"
_MONTH_STEM = 3

_PRECISION_RANK = {None: 0, "year": 1, "month": 2, "day": 3}
_TS_MIN, _TS_MAX = pd.Timestamp.min, pd.Timestamp.max


def _valid_day(d):
    return d if d is not None and 1 <= int(d) <= _LAST_DAY else None


def make_date(y, mo=None, d=None) -> pd.Timestamp | None:
    """A timestamp from parts, ``None`` without a plausible year or outside the table's range.

    An impossible day falls back to the month, an impossible month to the year.

    Parameters
    ----------
    y, mo, d : int, str or None
        Year, month and day.

    Returns
    -------
    pandas.Timestamp or None

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
    """``value`` (a timestamp, date or text) as a timestamp the table can hold, else ``None``.

    Parameters
    ----------
    value : object
        A timestamp, a date, text, or a missing value.

    Returns
    -------
    pandas.Timestamp or None
        Time-zone naive; ``None`` without a plausible year.

    Examples
    --------
    >>> safe_timestamp("Sep 2024"), safe_timestamp(pd.Timestamp("2024-01-02", tz="UTC"))
    (Timestamp('2024-09-01 00:00:00'), Timestamp('2024-01-02 00:00:00'))
    >>> safe_timestamp(pd.Timestamp("0900-01-01")), safe_timestamp(pd.NaT), safe_timestamp("")
    (None, None, None)
    """
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


#: a year of the range litkit reads (1500-2199) standing alone among digits
YEAR_PATTERN = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d|21\d\d)(?!\d)")
_ISO = re.compile(r"^\s*(\d{4})(?!\d)(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?")
_MONTH_WORD = re.compile(r"\b([A-Za-z]{3,9})\.?\b")
_DAY = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")


def parse_date(value) -> tuple[pd.Timestamp | None, int | None]:
    """Parse the many date spellings of bibliographic exports.

    The timestamp is as precise as the text: ``"2024"`` gives 2024-01-01, ``"Sep 2024"``
    2024-09-01, ``"Sep 19, 2024"``/``"2024 Sep 19"``/``"2024/09/19/"``/``"2024-09-19T10:00Z"``
    the day. A numeric day and month are trusted only when they cannot be swapped.

    Parameters
    ----------
    value : object
        A date as exports write it (``"Sep 19, 2024"``, ``"2024-09-19"``), or a missing
        value.

    Returns
    -------
    tuple
        ``(timestamp or None, year or None)``.

    Examples
    --------
    >>> parse_date("Sep 19, 2024"), parse_date("2024 Spring")
    ((Timestamp('2024-09-19 00:00:00'), 2024), (Timestamp('2024-03-01 00:00:00'), 2024))
    >>> parse_date("19/09/2024")[0], parse_date("05/06/2024")[0], parse_date("n.d.")
    (Timestamp('2024-09-19 00:00:00'), Timestamp('2024-01-01 00:00:00'), (None, None))
    """
    s = clean_text(value)
    if not s:
        return None, None
    m = _ISO.match(s)
    if m and (m.group(2) is None or 1 <= int(m.group(2)) <= _LAST_MONTH):
        y, mo, d = m.group(1), m.group(2), m.group(3)
        if mo is None:
            # "2024 Sep 19", "2024 Sep-Oct", "2024 Spring"
            rest = s[m.end():]
            mo = _month_from_words(rest)
            if mo is not None:
                dm = _DAY.search(rest)
                d = dm.group(1) if dm else None
        y = plausible_year(int(y))
        return make_date(y, mo, _valid_day(d)), y
    ym = YEAR_PATTERN.search(s)
    if not ym:
        return None, None
    y = int(ym.group(1))
    rest = s[:ym.start()] + " " + s[ym.end():]
    mo = _month_from_words(rest)
    d = None
    if mo is not None:
        dm = _DAY.search(rest)
        d = _valid_day(int(dm.group(1)) if dm else None)
    else:
        # "19/09/2024" or "09/19/2024": only trust an unambiguous numeric month
        nums = [int(x) for x in _DAY.findall(rest)]
        if len(nums) == 2:
            a, b = nums
            if a > _LAST_MONTH >= b:
                mo, d = b, a
            elif b > _LAST_MONTH >= a:
                mo, d = a, b
    y = plausible_year(y)
    return make_date(y, mo, d), y


def _month_from_words(text: str):
    for w in _MONTH_WORD.findall(text):
        k = w.lower()
        if k in MONTHS:
            return MONTHS[k]
        if k in _SEASONS:
            return _SEASONS[k]
    return None


def _month_of_word(w: str) -> int | None:
    k = w.lower()
    if k in MONTHS:
        return MONTHS[k]
    if len(k) >= _MONTH_STEM and k[:_MONTH_STEM] in MONTHS:
        full = [n for n in MONTHS if len(n) > 4 and n.startswith(k)]
        if full:                                         # "Sept", "Janu" (cut-off spellings)
            return MONTHS[full[0]]
    return _SEASONS.get(k) or _SEASON_ABBREV.get(k)


#: longer date texts are read from their start only
_MAX_DATE_TEXT = 200
#: RIS and ISO: YYYY/MM/DD..., YYYY-MM-DD, with parts possibly empty
_SLASHED = re.compile(r"(\d{4})(?:[/-](\d{0,2})(?:[/-](\d{0,2}))?)?(?=$|[/\sT-])")
_YEAR_IN_TEXT = re.compile(r"(?<![\d.])(1[5-9]\d\d|20\d\d|21\d\d)(?![\d])")
_ALPHA = re.compile(r"[A-Za-z]+")
_COMPACT = re.compile(r"(?<![\d.])(1[5-9]\d\d|20\d\d|21\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\d])")


def date_parts(value) -> tuple[int | None, int | None, int | None]:
    """``(year, month, day)`` of a bibliographic date, ``None`` for what the text lacks.

    Handles RIS ``2019/05/01/``, ``2019///``, ``2019/05//other``; MEDLINE ``2019 Mar 5``,
    ``2019 Spring``, ``2018 Dec-2019 Jan`` (the first date of a range), ``2016 Mar-Apr``;
    Web of Science ``JUN 8`` and ``SEP`` (no year); ISO ``2019-05-01``; ``1 Jan.-Feb. 2019``;
    compact ``20170812`` inside text (TRID ``Start date: 20170812``).

    Parameters
    ----------
    value : object
        A RIS, MEDLINE, Web of Science or ISO date, or a missing value.

    Returns
    -------
    tuple of (int or None)

    Examples
    --------
    >>> date_parts("2019/05//other"), date_parts("2018 Dec-2019 Jan"), date_parts("JUN 8")
    ((2019, 5, None), (2018, 12, None), (None, 6, 8))
    >>> date_parts("1 Jan.-Feb. 2019"), date_parts("Start date: 20170812"), date_parts(None)
    ((2019, 1, None), (2017, 8, 12), (None, None, None))
    """
    s = clean_text(value)
    if not s:
        return None, None, None
    return _date_parts(s[:_MAX_DATE_TEXT])


@lru_cache(maxsize=4096)
def _date_parts(s: str) -> tuple[int | None, int | None, int | None]:
    m = _SLASHED.match(s)
    if m:
        y = int(m.group(1))
        mo = int(m.group(2)) if m.group(2) else None
        d = int(m.group(3)) if m.group(3) else None
        if mo is not None and not 1 <= mo <= _LAST_MONTH:
            mo, d = None, None
        if mo is None:
            rest = s[m.end():]
            mo, d = _month_and_day(rest.split("-")[0] if _ALPHA.search(rest) else rest)
        return y, mo, _valid_day(d)
    m = _COMPACT.search(s)                               # TRID "Start date: 20170812"
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    ym = _YEAR_IN_TEXT.search(s)
    y = int(ym.group(1)) if ym else None
    if ym:
        before, after = s[:ym.start()], s[ym.end():]
        part = before if _ALPHA.search(before) else after
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
    dm = _DAY.search(text)
    return mo, _valid_day(int(dm.group(1)) if dm else None)


def precision(y, mo, d) -> str | None:
    """How precise a date of these parts is.

    Parameters
    ----------
    y, mo, d : int or None
        Year, month and day.

    Returns
    -------
    {"day", "month", "year"} or None
        ``None`` without a year; a day without a month is a year.

    Examples
    --------
    >>> precision(2024, 5, 1), precision(2024, 5, None), precision(2024, None, 3), precision(None, 5, 1)
    ('day', 'month', 'year', None)
    """
    if y is None:
        return None
    return "day" if d is not None and mo is not None else "month" if mo is not None else "year"


def best_date(*values, year_hint: int | None = None):
    """The most precise date among ``values`` that agrees with the year.

    A value without a year (Web of Science ``PD`` = ``JUN 8``) borrows ``year_hint``, else
    the first year among ``values``; a value of another year is passed over.

    Parameters
    ----------
    *values : object
        Date texts, most trusted first (missing ones are passed over).
    year_hint : int, optional
        The record's year, when it is given apart (Web of Science ``PY``).

    Returns
    -------
    tuple
        ``(timestamp or None, year or None, precision or None)``.

    Examples
    --------
    >>> best_date("JUN 8", year_hint=2019)
    (Timestamp('2019-06-08 00:00:00'), 2019, 'day')
    >>> best_date("2019", "2020 Mar 3", "2019 May")
    (Timestamp('2019-05-01 00:00:00'), 2019, 'month')
    >>> best_date(None, "")
    (None, None, None)
    """
    best = (None, None, None)
    year = year_hint
    parts = [date_parts(v) for v in values if v]
    if year is None:
        year = next((y for y, _, _ in parts if y is not None), None)
    for y, mo, d in parts:
        if y is None:
            y = year
        elif year is not None and y != year:
            continue
        p = precision(y, mo, d)
        if _PRECISION_RANK[p] > _PRECISION_RANK[best[2]]:
            best = (y, mo, d), y, p
    if best[2] is None:
        return (make_date(year), year, "year") if year is not None else (None, None, None)
    (y, mo, d), y, p = best
    return make_date(y, mo, d), y, p
