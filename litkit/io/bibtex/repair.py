"""Reading a damaged entry line by line, one ``name = value`` a line.

Used when strict parsing fails but the entry's closing delimiter ends the text before the
next ``@`` line (e.g. an unbalanced brace inside one value, such as ``Thi\\{'ebaux`` for
``Thi{\\'e}baux``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .entry import Field
from .syntax import CLOSER, KEY, MACRO

if TYPE_CHECKING:
    from .scanner import Scanner

_LINE_FIELD = re.compile(r"^[ \t]*([A-Za-z][\w:.-]*(?:[^\S\n]+[\w:.-]+)*)[ \t]*=[ \t]*", re.M)
_COMMENT_LINE = re.compile(r"^[ \t]*%[^\n]*\n?", re.M)
#: a transposed accent: "\{'e" written for "{\'e}"
_TRANSPOSED = re.compile(r"\\\{(['`^\"~=.])([A-Za-z])")
_DELIMITED = ("{}", '""')


def read_line_by_line(sc: Scanner, open_pos: int, stop: int):
    """The key, fields and undefined macros of the entry opened at ``open_pos``, read line by
    line up to ``stop`` (the next ``@`` line); ``None`` when it is not closed there.

    Each ``name = value`` that starts a line runs to the next such line; ``%`` lines are
    comments.

    Parameters
    ----------
    sc : Scanner
        The scanner of the whole text (for its macros and lines).
    open_pos : int
        The offset of the entry's ``{`` or ``(``.
    stop : int
        The offset of the next line starting with ``@`` (or the end of the text).

    Returns
    -------
    tuple or None
        ``(key, fields, undefined_macros)``.

    Examples
    --------
    >>> from litkit.io.bibtex.scanner import Scanner
    >>> text = "@article{k,\\n  title = {Thi\\\\{'ebaux},\\n  year = 2001\\n}\\n"
    >>> key, fields, undefined = read_line_by_line(Scanner(text), 8, len(text))
    >>> key, fields
    ('k', [Field(name='title', value="Thi{\\\\'e}baux", line=2), Field(name='year', value='2001', line=3)])
    """
    text = sc.text
    opener = text[open_pos]
    close = CLOSER[opener]
    span = text[open_pos + 1:stop].rstrip()
    while True:                              # "% comment" lines before the next entry
        cut = span.rfind("\n")
        if cut < 0 or not span[cut + 1:].lstrip().startswith("%"):
            break
        span = span[:cut].rstrip()
    if not span.endswith(close):
        return None
    body = span[:-1]
    span = _COMMENT_LINE.sub("", body)
    m = KEY[opener].match(span)
    key = m.group(1) if m and span[m.end():m.end() + 1] == "," else None
    starts = list(_LINE_FIELD.finditer(span))
    if not starts:
        return None
    # comment lines are whole lines, so the field lines of ``span`` are those of ``body``
    lines = [sc.line(open_pos + 1 + f.start()) for f in _LINE_FIELD.finditer(body)]
    fields, undefined = [], []
    for i, (f, line) in enumerate(zip(starts, lines, strict=True)):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(span)
        val = span[f.end():end].strip().rstrip(",").strip()
        if i + 1 == len(starts) and val.count("{") != val.count("}"):
            return None       # the closer was the last value's own: the entry is not closed
        if len(val) >= 2 and val[0] + val[-1] in _DELIMITED:
            val = val[1:-1]
        elif MACRO.fullmatch(val):
            val = sc.macro(val, undefined)
        val = _TRANSPOSED.sub(r"{\\\1\2}", val)
        fields.append(Field(f.group(1).strip(), val, line))
    return key, fields, undefined
