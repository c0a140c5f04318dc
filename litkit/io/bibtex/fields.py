"""Field values to text: LaTeX decoding of raw values, and an entry's fields by canonical name."""

from __future__ import annotations

import re

from ...normalize import clean_text, decode_accents, latex_to_text, plain_math
from .entry import Field, canon

_UNESCAPED = re.compile(r"(?<!\\)([%&])")
_TEX_HINT = re.compile(r"[\\{}$~]")
#: braces that must not count as braces (written by :mod:`litkit.io.write`)
_BRACE_CMD = re.compile(r"\\textbrace(left|right)(?:\{\}|(?![A-Za-z]))")
_URL_CMD = re.compile(r"\\url\s*\{([^{}]*)\}|\\href\s*\{([^{}]*)\}")
#: escapes undone in URLs
_URL_ESCAPES = (("\\_", "_"), ("\\%", "%"), ("\\&", "&"), ("\\#", "#"))
#: hostile sizes, above which a value only loses its braces (pylatexenc recurses per level)
_LONG, _MANY_BRACES = 50_000, 500


def _unbrace(raw: str) -> str:
    return raw.replace("{", "").replace("}", "")


def decode(raw: str | None) -> str | None:
    """Decode a raw BibTeX value to text (accents, commands, protective braces).

    Simple math loses its markup (:func:`litkit.normalize.plain_math`), the common accents
    are decoded without a parser (:func:`litkit.normalize.decode_accents`), ``--`` and
    ``---`` become dashes; what still holds commands goes to
    :func:`litkit.normalize.latex_to_text`.

    Parameters
    ----------
    raw : str or None
        The raw value (see :attr:`.Field.value`).

    Returns
    -------
    str or None
        The text, white space collapsed; ``None`` for ``None`` or a blank value.

    Examples
    --------
    >>> decode('{Schr\\\\"odinger} on Cu$_2$O, pp.~3--5'), decode(None)
    ('Schrödinger on Cu2O, pp. 3–5', None)
    >>> decode("\\\\emph{Deep} nets \\\\& 50% more")
    'Deep nets & 50% more'
    """
    if raw is None:
        return None
    if not _TEX_HINT.search(raw):
        return clean_text(raw)
    if len(raw) > _LONG or raw.count("{") > _MANY_BRACES:
        return clean_text(_unbrace(raw))
    if "$" in raw:
        raw = plain_math(raw)
    if "\\textbrace" in raw:
        raw = _BRACE_CMD.sub(lambda m: "\\{" if m.group(1) == "left" else "\\}", raw)
    if "\\" in raw:
        raw = decode_accents(raw)
    if "\\" not in raw and "$" not in raw:      # only protective braces and ties
        s = _unbrace(raw).replace("~", " ")
        if "--" in s:
            s = s.replace("---", "\u2014").replace("--", "\u2013")
        return clean_text(s)
    return latex_to_text(_UNESCAPED.sub(r"\\\1", raw))


def plain(raw: str) -> str | None:
    """An identifier or number: braces removed, nothing decoded (``321--331`` stays).

    Parameters
    ----------
    raw : str
        The raw value of a field such as ``pages``, ``issn`` or ``eprint``.

    Returns
    -------
    str or None
        White space collapsed; ``None`` when nothing is left.

    Examples
    --------
    >>> plain("{321--331}"), plain(" {} ")
    ('321--331', None)
    """
    return clean_text(_unbrace(raw))


def url(raw: str | None) -> str | None:
    """The URL of a raw value: ``\\url{…}``/``\\href{…}`` unwrapped, escapes undone, up to a blank.

    Parameters
    ----------
    raw : str or None
        The raw value of ``url``, ``ee``, ``link`` or ``howpublished``.

    Returns
    -------
    str or None
        The URL; ``None`` when the value is blank.

    Examples
    --------
    >>> url("\\\\url{https://x.org/a\\\\_b}"), url("https://x.org/p see also"), url("")
    ('https://x.org/a_b', 'https://x.org/p', None)
    """
    if not raw:
        return None
    m = _URL_CMD.search(raw)
    s = _unbrace((m.group(1) or m.group(2)) if m else raw)
    for escaped, char in _URL_ESCAPES:
        s = s.replace(escaped, char)
    s = clean_text(s)
    if s and " " in s:
        s = s.split(" ", 1)[0]
    return s


def split_list(text: str | None, sep: str | None = None) -> list[str]:
    """Keywords: ``;`` separates when present, else ``,`` (or only ``sep`` when given).

    Parameters
    ----------
    text : str or None
        The decoded or raw value.
    sep : str, optional
        The only separator, when the field has a fixed one.

    Returns
    -------
    list of str
        Stripped, without empty items.

    Examples
    --------
    >>> split_list("a, b; c"), split_list("a, b"), split_list("a, b", ";"), split_list(None)
    (['a, b', 'c'], ['a', 'b'], ['a, b'], [])
    """
    if not text:
        return []
    sep = sep or (";" if ";" in text else ",")
    return [p.strip() for p in text.split(sep) if p.strip()]


class Fields:
    """The fields of one entry, looked up by canonical name (:func:`.canon`); the first of
    repeats wins.

    Parameters
    ----------
    fields : list of Field

    Attributes
    ----------
    d : dict
        Canonical name -> ``(name as written, lower case and blanks folded; raw value)``.
    repeated : dict
        Name (as in ``d``) -> the decoded-blank-folded values of its repeats.
    repeated_raw : dict
        Canonical name -> the raw values of its repeats.

    Examples
    --------
    >>> f = Fields([Field("Times-Cited", "3", 1), Field("title", "{A}", 2), Field("title", "B", 3)])
    >>> f.raw("times cited"), f.text("title"), f.repeated
    ('3', 'A', {'title': ['B']})
    """

    def __init__(self, fields: list[Field]):
        self.d: dict[str, tuple[str, str]] = {}
        self.repeated: dict[str, list[str]] = {}
        self.repeated_raw: dict[str, list[str]] = {}
        for fld in fields:
            c = canon(fld.name)
            if c in self.d:
                self.repeated.setdefault(self.d[c][0], []).append(clean_text(fld.value) or "")
                self.repeated_raw.setdefault(c, []).append(fld.value)
            else:
                self.d[c] = (" ".join(fld.name.split()).lower(), fld.value)

    def raw(self, *names: str) -> str | None:
        """The raw value of the first of ``names`` that is present and not blank."""
        for nm in names:
            v = self.d.get(canon(nm))
            if v is not None and v[1].strip():
                return v[1]
        return None

    def text(self, *names: str) -> str | None:
        """Like :meth:`raw`, decoded (:func:`decode`)."""
        return decode(self.raw(*names))
