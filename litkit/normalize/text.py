"""Text: missing values, white space, HTML/XML markup, mojibake, order-keeping de-duplication."""

from __future__ import annotations

import html
import re

import pandas as pd

_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9:_.-]*)(?:\s[^<>]*)?/?>")
#: tags inside a word: removed without a space ("YBa<inf>2</inf>Cu" -> "YBa2Cu", "H<sub>2</sub>O")
_INLINE_TAGS = frozenset("sub sup inf i b em strong u sc span tt small italic bold underline "
                         "smallcaps monospace a font mml:mi mml:mn mml:mo mml:msub mml:msup "
                         "mml:mrow mml:math math mi mn mo msub msup mrow".split())
_JATS = "jats:"


def is_missing(value) -> bool:
    """Is ``value`` missing (``None``, NaN, ``pd.NA``, ``NaT``)? A string never is.

    Parameters
    ----------
    value : object
        Any scalar.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_missing(None), is_missing(float("nan")), is_missing(""), is_missing([1])
    (True, True, False, False)
    """
    if value is None:
        return True
    if isinstance(value, str):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def clean_text(value) -> str | None:
    """Collapse white space; ``None`` for missing or blank values.

    Parameters
    ----------
    value : object
        A string, a number or a missing value.

    Returns
    -------
    str or None

    Examples
    --------
    >>> clean_text("  a\\n b  "), clean_text("   "), clean_text(12)
    ('a b', None, '12')
    """
    if value is None:
        return None
    if not isinstance(value, str):
        if is_missing(value):
            return None
        value = str(value)
    s = " ".join(value.split())
    return s or None


def _tag_space(m: re.Match) -> str:
    name = m.group(1).lower()
    if name.startswith(_JATS):
        name = name[len(_JATS):]
    return "" if name in _INLINE_TAGS else " "


def strip_markup(value) -> str | None:
    """Remove HTML/XML/JATS tags and decode HTML entities, then collapse white space.

    Only things that look like tags (``<jats:p>``, ``<i>``, ``</sub>``) are removed,
    so ``a < b`` and ``x<y`` in an abstract survive. Inline tags (sub/superscripts, italics,
    Scopus ``<inf>``) leave no space: ``YBa<inf>2</inf>Cu`` -> ``YBa2Cu``; block tags
    (``<jats:p>``, ``<br/>``) become one.

    Parameters
    ----------
    value : object
        Text, or a missing value.

    Returns
    -------
    str or None

    Examples
    --------
    >>> strip_markup("<jats:p>YBa<inf>2</inf>Cu &amp; a < b</jats:p>")
    'YBa2Cu & a < b'
    """
    if is_missing(value):
        return None
    s = str(value)
    if "<" in s:
        s = _TAG.sub(_tag_space, s)
    if "&" in s:
        s = html.unescape(s)
    return clean_text(s)


def unique(items) -> list:
    """Order-preserving de-duplication (case-sensitive); ``None`` and ``""`` are dropped.

    Parameters
    ----------
    items : iterable

    Returns
    -------
    list

    Examples
    --------
    >>> unique(["b", "a", "b", None, "", "A"])
    ['b', 'a', 'A']
    """
    seen = set()
    out = []
    for x in items:
        if x is None or x == "" or x in seen:
            continue
        seen.add(x)
        out.append(x)
    return out


def split_keywords(value, seps: str = ";") -> list[str]:
    """Split a keyword string on any of ``seps``; strip, drop empties, keep order, dedupe.

    Parameters
    ----------
    value : object
        The keyword text, or a missing value.
    seps : str, default ";"
        Each character separates.

    Returns
    -------
    list of str

    Examples
    --------
    >>> split_keywords("a; b;; a, c"), split_keywords("a; b, c", seps=";,")
    (['a', 'b', 'a, c'], ['a', 'b', 'c'])
    """
    s = clean_text(value)
    if not s:
        return []
    parts = re.split("[" + re.escape(seps) + "]", s)
    return unique([p.strip() for p in parts if p.strip()])


# --- mojibake ----------------------------------------------------------------------------

#: the bytes 0x80-0x9F, which Windows-1252 shows as printable characters (``€``, ``‰``...)
_CP1252_PRINTABLE = range(0x80, 0xA0)


def _cp1252_high() -> dict[str, int]:
    out = {}
    for b in _CP1252_PRINTABLE:
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

    Parameters
    ----------
    value : object
        Text; anything else is returned as it is.

    Returns
    -------
    object
        The repaired text, or ``value`` itself.

    Examples
    --------
    >>> fix_mojibake("Aurora RamÃ­rez"), fix_mojibake("Müller"), fix_mojibake(None)
    ('Aurora Ramírez', 'Müller', None)
    """
    if not isinstance(value, str) or value.isascii():
        return value
    return _MOJIBAKE.sub(_unmojibake, value)
