"""LaTeX to text: the common accents and letters without a parser, and pylatexenc for the rest."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .text import clean_text, is_missing

_LATEX_HINT = re.compile(r"[\\{}$~]")

#: accent command -> the combining character it puts on its letter
_COMBINING = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303",
              "=": "\u0304", ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306",
              "H": "\u030b", "k": "\u0328", "r": "\u030a"}
#: letter command -> the letter
_LETTERS = {"ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ",
            "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł"}
#: \"o  \"{o}  \"{\i}  \'\i  \c{c}  \c c; and the letters \ss \o \aa \l ...
_ACCENT = re.compile(r"\\(?:([\"'`^~=.])\s*|([cvuHkr])(?:\s+|(?=\{)))"
                     r"(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij](?![A-Za-z])|[A-Za-z]))")
_LETTER = re.compile(r"\\(ss|aa|AA|ae|AE|oe|OE|[oOlL])(?![A-Za-z])(?:\s*\{\}|[ \t]+)?")
#: math without commands: letters, digits, signs, sub/superscripts
_SIMPLE_MATH = re.compile(r"[\w+\-.,=()/^_{}]{1,40}")
_DOLLAR = re.compile(r"(?<!\\)\$")
_MATH_MARKUP = re.compile(r"[_^{}]")


@lru_cache(maxsize=1)
def _latex_converter():
    from pylatexenc.latex2text import LatexNodes2Text
    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


@lru_cache(maxsize=1)
def _parser_failures() -> tuple[type[BaseException], ...]:
    """What pylatexenc raises on odd input instead of passing it through: its own error, and
    (fuzzing 40,000 random LaTeX-like strings) IndexError, AttributeError, TypeError, and
    RecursionError on deep nesting."""
    from pylatexenc.latexwalker import LatexWalkerError
    return (LatexWalkerError, LookupError, AttributeError, TypeError, ValueError, RecursionError)


def latex_to_text(value) -> str | None:
    """Decode LaTeX accents and commands (``{\\"u}`` -> ``ü``) and drop protective braces.

    Text without backslashes, braces, ``$`` or ``~`` is returned as is (fast path).
    Math is kept verbatim (``$x^2$``).

    Parameters
    ----------
    value : object
        LaTeX text, or a missing value.

    Returns
    -------
    str or None
        The text, white space collapsed; ``None`` for missing or blank values.

    Examples
    --------
    >>> latex_to_text('M{\\\\"u}ller on {GPUs} and $x^2$'), latex_to_text(None)
    ('Müller on GPUs and $x^2$', None)
    """
    if is_missing(value):
        return None
    s = str(value)
    if not _LATEX_HINT.search(s):
        return clean_text(s)
    try:
        out = _latex_converter().latex_to_text(s)
    except _parser_failures():       # never let an odd string stop a read: drop the braces
        out = s.replace("{", "").replace("}", "")
    return clean_text(out)


def _accent_sub(m: re.Match) -> str:
    base = m.group(3) or m.group(4)
    if base.startswith("\\"):
        base = base[1]                   # \'\i: the dotless i takes the accent as a plain i
    return unicodedata.normalize("NFC", base + _COMBINING[m.group(1) or m.group(2)])


def _letter_sub(m: re.Match) -> str:
    return _LETTERS[m.group(1)]


def decode_accents(raw: str) -> str:
    """The common LaTeX accents and letters, without a LaTeX parser (the rest is left alone).

    Parameters
    ----------
    raw : str
        LaTeX text, e.g. a BibTeX field value.

    Returns
    -------
    str
        ``raw`` with ``\\"o``, ``\\"{o}``, ``\\'\\i``, ``\\c{c}``, ``\\ss``, ``\\o`` ... as
        Unicode letters; other commands and braces stay.

    Examples
    --------
    >>> decode_accents('Schr\\\\"{o}dinger, Erd\\\\H{o}s, \\\\c c, Stra\\\\ss e, \\\\textbf{x}')
    'Schrödinger, Erdős, ç, Straße, \\\\textbf{x}'
    """
    raw = _ACCENT.sub(_accent_sub, raw)
    if "\\" in raw:
        raw = _LETTER.sub(_letter_sub, raw)
    return raw


def plain_math(raw: str) -> str:
    """``Cu$_2$O`` -> ``Cu2O``, ``the $1S$ exciton`` -> ``the 1S exciton``.

    ``$`` signs are paired in order; a pair holding only letters, digits, signs and
    sub/superscripts (no spaces, no commands) loses its markup. Other math stays verbatim.

    Parameters
    ----------
    raw : str
        Text with ``$…$`` math.

    Returns
    -------
    str
        ``raw`` with the simple math unwrapped.

    Examples
    --------
    >>> plain_math("Cu$_2$O and $\\\\alpha + \\\\beta$")
    'Cu2O and $\\\\alpha + \\\\beta$'
    """
    dollars = [m.start() for m in _DOLLAR.finditer(raw)]
    if len(dollars) < 2:
        return raw
    out, last = [], 0
    for a, b in zip(dollars[0::2], dollars[1::2]):
        inner = raw[a + 1:b]
        if _SIMPLE_MATH.fullmatch(inner):
            out.append(raw[last:a])
            out.append(_MATH_MARKUP.sub("", inner))
            last = b + 1
    out.append(raw[last:])
    return "".join(out)
