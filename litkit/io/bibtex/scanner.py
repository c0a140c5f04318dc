"""The scanner: entries and their values from the text of a BibTeX file.

Braces are matched once for the whole file (:class:`.braces.Matches`), so nesting needs no
recursion and the work is linear in the size of the file; the patterns are written so that
long runs of blanks cannot make them quadratic. An entry that fails to parse as written is
handed to :func:`.repair.read_line_by_line`.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right

from ...errors import EntrySyntaxError
from .braces import Matches
from .entry import RECORD_TYPES, SPECIAL_TYPES, BadEntry, Entry, Field
from .repair import read_line_by_line
from .syntax import CLOSER, KEY, MACRO, MONTH_MACROS

#: outside entries: a ``%`` comment line, or ``@type`` followed by ``{`` / ``(``
_START = re.compile(r"^[ \t]*%[^\n]*|@[ \t\n]*([A-Za-z][\w:.+-]*)[ \t\n]*([{(]?)", re.M)
#: a line that starts an entry (used to resynchronise and to detect run-on entries)
ENTRY_LINE = re.compile(r"^[ \t]*@[ \t]*[A-Za-z][\w:.+-]*[ \t]*[{(]", re.M)
_AT_LINE = re.compile(r"^[ \t]*@", re.M)
#: white space, commas and closing delimiters: what may stand between nested entries' ends
_CLOSERS = re.compile(r"[\s,})]+")
#: how much of the text a message quotes
_SNIPPET = 30
_RUN_ON = "the value runs into the next entry at line {} (a {{ or \" is probably not closed)"

# field names may hold spaces ("Author Full Names"); written as words separated by blanks so
# that matching stays linear on hostile runs of white space
_FIELD = re.compile(r"([^\s=,{}()\"#%@'][^\s=,{}()\"#@]*(?:[^\S\n]+[^\s=,{}()\"#@]+)*)\s*=\s*")
_SEPARATORS = re.compile(r"[\s,]*")
_WS = re.compile(r"\s*")
_QUOTED_STOP = re.compile(r"[\"{}]")
_NUMBER = re.compile(r"[0-9]+")


class Scanner:
    """Positions, values and entry bodies of one text; ``@string`` macros as they come.

    Parameters
    ----------
    text : str
        The whole file.

    Examples
    --------
    >>> sc = Scanner('@string{j = "Nature"}\\n@article{k, journal = j # " X"}')
    >>> sc.body(7, with_key=False)[1]
    [Field(name='j', value='Nature', line=1)]
    >>> sc.line(sc.text.index("@article"))
    2
    """

    def __init__(self, text: str):
        self.text = text
        self.n = len(text)
        self.match = Matches(text)
        self._parens = None
        self._closer_runs = None
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.at_lines = [m.end() - 1 for m in _AT_LINE.finditer(text)]   # '@' offsets
        self.entry_lines = [m.start() for m in ENTRY_LINE.finditer(text)]
        self.strings: dict[str, str] = {}

    # -- positions ------------------------------------------------------------------
    def line(self, pos: int) -> int:
        """The line (from 1) of offset ``pos``."""
        return bisect_left(self.newlines, pos) + 1

    def starts_line(self, at: int) -> bool:
        """Is the ``@`` at offset ``at`` the first non-blank character of its line?"""
        i = bisect_left(self.at_lines, at)
        return i < len(self.at_lines) and self.at_lines[i] == at

    def check_span(self, start: int, end: int, limit: int) -> None:
        """A value spanning an entry line must be text of the entry ending at ``limit``
        (see :meth:`swallowed`); checked before the value is copied."""
        i = bisect_right(self.entry_lines, start)
        if i < len(self.entry_lines) and self.entry_lines[i] < end:
            nxt = self.swallowed(start, limit)
            if nxt is not None:
                raise EntrySyntaxError(_RUN_ON.format(self.line(nxt)), start)

    def swallowed(self, start: int, end: int) -> int | None:
        """The entry line inside ``text[start:end]`` (one parsed entry) that it ran into, or
        ``None`` when the span is one entry.

        A line starting ``@article{`` inside balanced braces is text of a value (a pasted
        reference) when the entry goes on with more than closing braces after the last such
        line's own entry closes; when only ``}`` follow, a brace was left open and the entry
        swallowed the next one (then the caller skips it and reads on from that line).
        """
        i = bisect_right(self.entry_lines, start)
        if i >= len(self.entry_lines) or self.entry_lines[i] >= end:
            return None
        last = self.entry_lines[bisect_left(self.entry_lines, end) - 1]
        opener = ENTRY_LINE.match(self.text, last).end() - 1
        close = self.match.get(opener) if self.text[opener] == "{" else self.skip_block(opener)
        if close is None or close >= end:
            return None                          # not an entry of its own: text of the value
        if not self.only_closers(close + 1, end):
            return None                          # the entry goes on after it: it was a value's text
        return self.entry_lines[i]

    def only_closers(self, start: int, end: int) -> bool:
        """Does ``text[start:end]`` hold only white space, commas and closing delimiters?

        Answered from the runs of such characters, found once (lazily: few files need it),
        so nested entries cost a bisection each, never a rescan.
        """
        if start >= end:
            return True
        if self._closer_runs is None:
            starts, ends = array("q"), array("q")
            for m in _CLOSERS.finditer(self.text):
                starts.append(m.start())
                ends.append(m.end())
            self._closer_runs = starts, ends
        starts, ends = self._closer_runs
        k = bisect_right(starts, start) - 1
        return k >= 0 and ends[k] >= end

    def next_at_line(self, pos: int) -> int:
        """Offset of the first ``@`` that starts a line after the line holding ``pos``."""
        i = bisect_left(self.newlines, pos)
        eol = self.newlines[i] if i < len(self.newlines) else self.n
        j = bisect_right(self.at_lines, eol)
        return self.at_lines[j] if j < len(self.at_lines) else self.n

    def snippet(self, pos: int) -> str:
        """The text at ``pos`` (to the end of its line, at most a few words), for a message."""
        s = self.text[pos:pos + _SNIPPET].split("\n", 1)[0]
        return repr(s) if s else "the end of the line"

    # -- values ----------------------------------------------------------------------
    def macro(self, name: str, undefined: list) -> str:
        """The text of a macro.

        Parameters
        ----------
        name : str
            The macro as written (compared without case).
        undefined : list of str
            Gets ``name`` appended when the file does not define it.

        Returns
        -------
        str
            The ``@string`` of the file seen so far, else the month (``jan`` -> ``January``),
            else ``name`` itself.
        """
        low = name.lower()
        if low in self.strings:
            return self.strings[low]
        if low in MONTH_MACROS:
            return MONTH_MACROS[low]
        undefined.append(name)
        return name

    def _quoted_end(self, pos: int, limit: int) -> int:
        """The offset of the ``"`` that closes the quoted value opened at ``pos``."""
        text, p = self.text, pos + 1
        while True:
            q = _QUOTED_STOP.search(text, p, limit)
            if q is None:
                raise EntrySyntaxError('a " in a field value is never closed', pos)
            ch = q.group()
            if ch == '"':
                if text[q.start() - 1] != "\\":    # M\"uller: an accent, not the end
                    return q.start()
                p = q.end()
                continue
            if ch == "}":
                raise EntrySyntaxError('a } without its { inside a "quoted" value', q.start())
            end = self.match.get(q.start())
            if end is None or end > limit:
                raise EntrySyntaxError("a { in a field value is never closed", q.start())
            p = end + 1

    def value(self, pos: int, limit: int, undefined: list) -> tuple[str, int]:
        """One field value (``{…}``, ``"…"``, a number, a macro, joined by ``#``) from ``pos``,
        not past ``limit`` (the entry's closing brace), and the offset after it; the macros the
        file does not define are added to ``undefined``."""
        text = self.text
        parts = []
        while True:
            pos = _WS.match(text, pos).end()
            c = text[pos] if pos < self.n else ""
            if c == "{":
                end = self.match.get(pos)
                if end is None or end > limit:
                    raise EntrySyntaxError("a { in a field value is never closed", pos)
                self.check_span(pos, end, limit)
                parts.append(text[pos + 1:end])
                pos = end + 1
            elif c == '"':
                end = self._quoted_end(pos, limit)
                self.check_span(pos, end, limit)
                parts.append(text[pos + 1:end])
                pos = end + 1
            elif c.isdigit():
                m = _NUMBER.match(text, pos)
                parts.append(m.group())
                pos = m.end()
            elif c and (c.isalpha() or c == "_"):
                m = MACRO.match(text, pos)
                parts.append(self.macro(m.group(), undefined))
                pos = m.end()
            else:
                raise EntrySyntaxError(f"expected a field value, found {self.snippet(pos)}", pos)
            pos = _WS.match(text, pos).end()
            if pos < self.n and text[pos] == "#":
                pos += 1
                continue
            return "".join(parts), pos

    def _key(self, open_pos: int) -> tuple[str | None, int]:
        """The citation key after the opener at ``open_pos`` and where the fields start."""
        text, pos = self.text, open_pos + 1
        close = CLOSER[text[open_pos]]
        m = KEY[text[open_pos]].match(text, pos)
        nxt = text[m.end()] if m.end() < self.n else ""
        if nxt in (",", close):
            return m.group(1), m.end()
        if nxt == "=":
            return None, pos                   # no citation key: fields start at once
        eol = text.find("\n", pos)             # a key with spaces: up to the comma on its line
        comma = text.find(",", pos, self.n if eol < 0 else eol)
        cand = text[pos:comma].strip() if comma > 0 else ""
        if not cand or any(ch in cand for ch in '={}()"#'):
            raise EntrySyntaxError(f"expected a citation key and a comma, found "
                                   f"{self.snippet(m.end())}", m.end())
        return cand, comma

    def body(self, open_pos: int, with_key: bool):
        """Parse ``{key, name = value, …}`` (or with parentheses) from its opening delimiter.

        Parameters
        ----------
        open_pos : int
            The offset of the ``{`` or ``(``.
        with_key : bool
            Whether a citation key comes first (not for ``@string``).

        Returns
        -------
        tuple
            ``(key, fields, undefined_macros, end)``: ``fields`` is a list of :class:`.Field`
            in file order, ``end`` the offset of the closing delimiter.

        Raises
        ------
        EntrySyntaxError
            Where the text is malformed (caught by :func:`scan`).
        """
        text = self.text
        opener = text[open_pos]
        close = CLOSER[opener]
        limit = self.match.get(open_pos, self.n) if opener == "{" else self.n
        key, pos = self._key(open_pos) if with_key else (None, open_pos + 1)
        fields: list[Field] = []
        undefined: list[str] = []
        n = self.n
        while True:
            pos = _SEPARATORS.match(text, pos).end()          # white space and commas, at once
            if pos >= n or pos >= limit and opener == "{" and pos != limit:
                raise EntrySyntaxError("the entry is never closed (the file ends first)", open_pos)
            c = text[pos]
            if c == close:
                nxt = self.swallowed(open_pos, pos)
                if nxt is not None:
                    raise EntrySyntaxError(_RUN_ON.format(self.line(nxt)), open_pos)
                return key, fields, undefined, pos
            if c == "%":                       # a commented-out line between fields (biber)
                eol = text.find("\n", pos)
                pos = n if eol < 0 else eol
                continue
            m = _FIELD.match(text, pos)
            if m is None:
                raise EntrySyntaxError(f"expected a field (name = value) or the closing {close}, "
                                       f"found {self.snippet(pos)}", pos)
            name = m.group(1).strip()
            val, pos = self.value(m.end(), limit, undefined)
            fields.append(Field(name, val, self.line(m.start())))
            if pos < n and text[pos] not in (",", close, "%") and not _FIELD.match(text, pos):
                raise EntrySyntaxError(f"expected a comma or the closing {close} after field "
                                       f"{name!r}, found {self.snippet(pos)}", pos)

    def skip_block(self, open_pos: int) -> int | None:
        """End offset of a ``@comment``/``@preamble`` block, ``None`` if it is not closed."""
        if self.text[open_pos] == "{":
            return self.match.get(open_pos)
        if self._parens is None:                 # only files with @comment( … ) need it
            self._parens = Matches(self.text, "()")
        return self._parens.get(open_pos)


def scan(text: str):
    """Yield the entries of a BibTeX text, in order.

    ``@string`` macros are applied as they come; ``@comment`` and ``@preamble`` blocks and
    ``%`` lines outside entries are passed over, and so is an ``@`` inside free text
    (``me@home (weekends)``). An entry that is damaged inside but closed before the next
    ``@`` line is read line by line (:attr:`.Entry.repaired` says why); one that is not
    closed, or runs into the next entry, is a :class:`.BadEntry`, and reading resumes at the
    next line starting with ``@``.

    Parameters
    ----------
    text : str
        The whole file.

    Yields
    ------
    Entry or BadEntry

    Examples
    --------
    >>> bib = ('@string{aij = "Artif. Intell."}\\n'
    ...        '@article{k1, title = {One}, journal = aij}\\n'
    ...        '@article{k2, title = {Two\\n'
    ...        '@book(k3, title = "Three")\\n')
    >>> for e in scan(bib):
    ...     print(type(e).__name__, e.entry_type, e.start_line, getattr(e, "key", None))
    Entry article 2 k1
    BadEntry article 3 None
    Entry book 4 k3
    >>> next(scan(bib)).fields
    [Field(name='title', value='One', line=2), Field(name='journal', value='Artif. Intell.', line=2)]
    """
    sc = Scanner(text)
    pos = 0
    n = sc.n
    while pos < n:
        m = _START.search(text, pos)
        if m is None:
            break
        typ = m.group(1)
        if typ is None:                          # % comment line outside entries
            pos = m.end()
            continue
        at = m.start()
        low = typ.lower()
        if not m.group(2):
            if low == "comment":                 # "@Comment Len Schubert": to the end of line
                eol = text.find("\n", m.end())
                pos = n if eol < 0 else eol + 1
                continue
            if low in RECORD_TYPES and sc.starts_line(at):
                yield BadEntry(low, sc.line(at), at,
                               f"@{typ} is not followed by {{ or (, so it is not a readable entry")
            pos = m.end()
            continue
        open_pos = m.end() - 1
        if low not in RECORD_TYPES and low not in SPECIAL_TYPES and not sc.starts_line(at):
            pos = m.end()                        # "write to me@home (weekends)": free text
            continue
        if low in ("comment", "preamble"):
            end = sc.skip_block(open_pos)
            pos = end + 1 if end is not None else sc.next_at_line(at)
            continue
        if low == "string":
            pos = _define_strings(sc, at, open_pos)
            continue
        try:
            key, fields, undefined, end = sc.body(open_pos, with_key=True)
        except EntrySyntaxError as bad:
            nxt = sc.next_at_line(at)
            why = f"{bad.reason} (line {sc.line(bad.pos)})"
            repaired = read_line_by_line(sc, open_pos, nxt)
            if repaired is not None:
                key, fields, undefined = repaired
                yield Entry(low, key, fields, sc.line(at), at, undefined, why)
            else:
                yield BadEntry(low, sc.line(at), at, f"{why}; the entry was skipped")
            pos = nxt
            continue
        yield Entry(low, key, fields, sc.line(at), at, undefined)
        pos = end + 1


def _define_strings(sc: Scanner, at: int, open_pos: int) -> int:
    """Read the ``@string`` block opened at ``open_pos`` into ``sc.strings``; where to go on."""
    try:
        _, fields, _, end = sc.body(open_pos, with_key=False)
    except EntrySyntaxError:
        return sc.next_at_line(at)
    for f in fields:
        sc.strings[f.name.lower()] = f.value
    return end + 1
