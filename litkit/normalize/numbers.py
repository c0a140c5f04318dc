"""Whole numbers: counts and years from ints, floats and text, within the table's range."""

from __future__ import annotations

import re

#: the years a bibliographic record can plausibly carry. Another year (0, 9999, 10**10) costs
#: the record its year and date, never the record or the file.
FIRST_YEAR, LAST_YEAR = 1000, 2199
#: the largest integer a papers-table column (Int64) holds
INT64_MAX = 2**63 - 1
_DIGITS = re.compile(r"\s*[+]?(\d{1,18})\s*")
_DIGIT_RUN = re.compile(r"\d+")
#: thousands separators ignored by :func:`first_int` ("1,234")
_THOUSANDS = ","


def to_int(value, *, low: int = 0, high: int = INT64_MAX) -> int | None:
    """A whole number in ``[low, high]`` from an int, an integral float or a digit string.

    Anything else (``True``, ``"12a"``, ``1e400``, ``10**30``, NaN) is ``None``, never an
    exception: a count or a year too large for the table costs that value only.

    Parameters
    ----------
    value : object
        The number or its text.
    low, high : int
        The range accepted (both included).

    Returns
    -------
    int or None

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


def first_int(text: str | None) -> int | None:
    """The first run of digits in ``text`` (thousands commas ignored), else ``None``.

    For counts written inside words ("Times-Cited = {1,234}", "12 citations").

    Parameters
    ----------
    text : str or None

    Returns
    -------
    int or None

    Examples
    --------
    >>> first_int("1,234"), first_int("cited 12 times"), first_int("none"), first_int(None)
    (1234, 12, None, None)
    """
    if not text:
        return None
    m = _DIGIT_RUN.search(text.replace(_THOUSANDS, ""))
    return int(m.group()) if m else None


def plausible_year(value) -> int | None:
    """``value`` as a year when it lies in ``[FIRST_YEAR, LAST_YEAR]``, else ``None``.

    Parameters
    ----------
    value : object
        The year or its text.

    Returns
    -------
    int or None

    Examples
    --------
    >>> plausible_year(2024), plausible_year("1999"), plausible_year(0), plausible_year(9999)
    (2024, 1999, None, None)
    """
    return to_int(value, low=FIRST_YEAR, high=LAST_YEAR)
