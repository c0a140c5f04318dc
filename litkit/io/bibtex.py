"""BibTeX (``.bib``) from Zotero, Better BibTeX, JabRef, Mendeley, Scopus, Web of Science and
hand-written files.

A small iterative scanner written for litkit, not a library parser: bibtexparser 1.x silently
drops Scopus entries, and bibtexparser 2.x moves entries that reuse a citation key or repeat a
field into ``failed_blocks``. Here every ``@type{`` / ``@type(`` outside an entry is one record
(``@comment``, ``@preamble`` and ``@string`` are not records), and it ends up either in the
papers table or in ``skipped`` with its line and the reason:

* two entries with one citation key are two records;
* a field given twice: the first value is kept, the repeats are listed in
  ``extra["repeated_fields"]``;
* ``@string`` macros, ``#`` concatenation, month macros (``jan``); an undefined macro is kept as
  its name (``journal = AIJ`` gives the venue ``AIJ``) and listed in ``extra["undefined_macros"]``;
* ``@article( … )`` as well as ``@article{ … }``; field names with spaces or dashes
  (``Times-Cited``, ``Author Full Names``, ``funding_text 1``);
* ``crossref``: fields the entry lacks are taken from the cross-referenced entry of the file;
* LaTeX accents and commands are decoded (:func:`litkit.normalize.latex_to_text`), protective
  braces removed;
* names "Last, First", "First Last", "Last, Jr., First", ``{van der Berg}, Jan``, corporate names
  in braces (``{World Health Organization}``) and ``and others`` (``authors_truncated``).

Malformed input: braces are matched once for the whole file by an explicit stack (thousands of
nested braces need no recursion, and the work is linear in the size of the file; the patterns
are written so that long runs of blanks cannot make them quadratic). An entry whose text is
damaged inside but which is closed before the next ``@`` line (an unbalanced brace in one
value, a stray character) is read line by line, one ``name = value`` a line, and says so in
``extra["repaired"]``. An entry that is not closed, or that runs into the next ``@entry{``
line, goes to ``skipped`` with its line, and reading resumes at the next line starting with
``@``. ``%`` lines outside entries and between fields are comments; an ``@`` inside free text
(``me@home (weekends)``) is not an entry.

Field names are compared without case, blanks, ``-`` or ``_``; the papers-table columns come
from: title; author (Web of Science ``Author-Full-Names`` preferred), editor for whole books;
year/month/day or biblatex ``date``; journal/journaltitle, booktitle for conference papers,
series/publisher, school, institution; abstract; keywords, author_keywords, keywords-plus
(``;``-separated when there is a ``;``, else ``,``); doi (else a doi.org url); eprint with
archiveprefix/eprinttype arXiv, or an arxiv.org url or "arXiv:…" text; url; Times-Cited or
Scopus "cited By N" in the note; affiliations (Web of Science institutions) or affiliation
(``;``-separated; the Web of Science address lines go to ``extra["addresses"]``);
Web-of-Science-Categories and Research-Areas, primaryclass. ``extra`` keeps the entry type,
citation key and bibliographic details (volume, pages, issn, publisher, language, document
type, unique-id, note ...).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from functools import lru_cache

import numpy as np

from ..normalize import (clean_text, display_name, latex_to_text, normalize_arxiv_id,
                         normalize_doi, parse_date, unique)
from ._base import Document, Parsed

NAME = "bibtex"
DESCRIPTION = "BibTeX (.bib: Zotero, JabRef, Mendeley, Scopus, Web of Science)"

# ---------------------------------------------------------------------------------------
# scanning
# ---------------------------------------------------------------------------------------

#: outside entries: a ``%`` comment line, or ``@type`` followed by ``{`` / ``(``
_START = re.compile(r"^[ \t]*%[^\n]*|@[ \t\n]*([A-Za-z][\w:.+-]*)[ \t\n]*([{(]?)", re.M)
#: a line that starts an entry (used to resynchronise and to detect run-on entries)
_ENTRY_LINE = re.compile(r"^[ \t]*@[ \t]*[A-Za-z][\w:.+-]*[ \t]*[{(]", re.M)
_AT_LINE = re.compile(r"^[ \t]*@", re.M)
_BRACES = re.compile(r"[{}]")
_PARENS = re.compile(r"[()]")
_WS = re.compile(r"\s*")
_CLOSERS = re.compile(r"[\s,})]+")
_SEPARATORS = re.compile(r"[\s,]*")
_KEY = {"{": re.compile(r"\s*([^\s,={}\"#]*)\s*"), "(": re.compile(r"\s*([^\s,={}()\"#]*)\s*")}
# field names may hold spaces ("Author Full Names"); written as words separated by blanks so
# that matching stays linear on hostile runs of white space
_FIELD = re.compile(r"([^\s=,{}()\"#%@'][^\s=,{}()\"#@]*(?:[^\S\n]+[^\s=,{}()\"#@]+)*)\s*=\s*")
_LINE_FIELD = re.compile(r"^[ \t]*([A-Za-z][\w:.-]*(?:[^\S\n]+[\w:.-]+)*)[ \t]*=[ \t]*", re.M)
_COMMENT_LINE = re.compile(r"^[ \t]*%[^\n]*\n?", re.M)
_TRANSPOSED = re.compile(r"\\\{(['`^\"~=.])([A-Za-z])")
_QUOTED_STOP = re.compile(r"[\"{}]")
_NUMBER = re.compile(r"[0-9]+")
_MACRO = re.compile(r"[A-Za-z_][^\s\"#%'(),={}]*")

_MONTH_MACROS = {m[:3]: m for m in ("january", "february", "march", "april", "may", "june", "july",
                                     "august", "september", "october", "november", "december")}
_MONTH_MACROS = {k: v.capitalize() for k, v in _MONTH_MACROS.items()}

_RECORD_LIKE = {"article", "book", "booklet", "conference", "inbook", "incollection",
                "inproceedings", "manual", "mastersthesis", "misc", "phdthesis", "proceedings",
                "techreport", "unpublished", "online", "report", "thesis", "patent", "software",
                "dataset", "electronic", "www", "collection", "periodical"}
_SPECIAL = {"comment", "preamble", "string"}


class _Bad(Exception):
    """A malformed entry: the reason, and where in the text the problem was seen."""

    def __init__(self, reason: str, pos: int):
        super().__init__(reason)
        self.reason = reason
        self.pos = pos


def brace_depths(text: str, pair: str = "{}"):
    """Offsets of the delimiters of ``pair`` in ``text`` and the depth after each.

    As BibTeX does, an unmatched closer is ignored: the depth never goes below 0 (a running
    sum clamped at 0 is the sum less its running minimum). Computed with numpy, so a
    megabyte of braces costs milliseconds, not a Python loop.
    """
    buf = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    op, cl = ord(pair[0]), ord(pair[1])
    pos = np.flatnonzero((buf == op) | (buf == cl))
    step = np.where(buf[pos] == op, 1, -1)
    total = np.cumsum(step)
    depth = total - np.minimum(np.minimum.accumulate(total), 0)
    return pos, depth


def _pairs(pos, depth, text, opener):
    """Each opener's offset and the offset of its closer (-1 when it is never closed)."""
    is_open = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)[pos] == ord(opener)
    before = np.concatenate(([0], depth[:-1])) if len(depth) else depth
    closing = ~is_open & (before > 0)                 # a closer that closes something
    level = np.where(is_open, depth, before)          # openers and their closers share a level
    keep = is_open | closing
    p, lv, op = pos[keep], level[keep], is_open[keep]
    order = np.lexsort((p, lv))                       # by level, then position: open, close, ...
    p, lv, op = p[order], lv[order], op[order]
    opens = p[op]
    closes = np.full(len(opens), -1, dtype=np.int64)
    nxt_is_close = np.zeros(len(p), dtype=bool)
    nxt_is_close[:-1] = ~op[1:] & (lv[1:] == lv[:-1])
    idx = np.flatnonzero(op)
    has = nxt_is_close[idx]
    closes[has] = p[idx[has] + 1]
    sort = np.argsort(opens, kind="stable")
    return opens[sort].astype(np.int64), closes[sort]


class _Matches:
    """The matching ``}`` of every ``{`` (or ``)`` of every ``(``) of the whole text, found
    once with an explicit stack.

    Like BibTeX, a backslash does not escape a brace. An unmatched ``{`` has no match; an
    unmatched ``}`` is ignored. Two arrays of 8-byte offsets (not a dict), so a brace-dense
    file costs 16 bytes a brace.
    """

    def __init__(self, text: str, pair: str = "{}"):
        pos, depth = brace_depths(text, pair)
        opens, closes = _pairs(pos, depth, text, pair[0])
        self.opens, self.closes = array("q"), array("q")    # bisect on these beats numpy's
        self.opens.frombytes(opens.tobytes())
        self.closes.frombytes(closes.tobytes())

    def get(self, pos: int, default=None):
        i = bisect_left(self.opens, pos)
        if i < len(self.opens) and self.opens[i] == pos and self.closes[i] >= 0:
            return self.closes[i]
        return default


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.n = len(text)
        self.match = _Matches(text)
        self._parens = None
        self._closer_runs = None
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.at_lines = [m.end() - 1 for m in _AT_LINE.finditer(text)]          # '@' offsets
        self.entry_lines = [m.start() for m in _ENTRY_LINE.finditer(text)]
        self.strings: dict[str, str] = {}

    # -- positions ------------------------------------------------------------------
    def line(self, pos: int) -> int:
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
                raise _Bad(f"the value runs into the next entry at line {self.line(nxt)} "
                           f"(a {{ or \" is probably not closed)", start)

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
        opener = _ENTRY_LINE.match(self.text, last).end() - 1
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
        s = self.text[pos:pos + 30].split("\n", 1)[0]
        return repr(s) if s else "the end of the line"

    # -- values ----------------------------------------------------------------------
    def value(self, pos: int, limit: int, undefined: list) -> tuple[str, int]:
        """One field value (``{…}``, ``"…"``, a number, a macro, joined by ``#``)."""
        text, match = self.text, self.match
        parts = []
        while True:
            pos = _WS.match(text, pos).end()
            c = text[pos] if pos < self.n else ""
            if c == "{":
                end = match.get(pos)
                if end is None or end > limit:
                    raise _Bad("a { in a field value is never closed", pos)
                self.check_span(pos, end, limit)
                parts.append(text[pos + 1:end])
                pos = end + 1
            elif c == '"':
                p = pos + 1
                while True:
                    q = _QUOTED_STOP.search(text, p, limit)
                    if q is None:
                        raise _Bad('a " in a field value is never closed', pos)
                    ch = q.group()
                    if ch == '"':
                        if text[q.start() - 1] == "\\":    # M\"uller: an accent, not the end
                            p = q.end()
                            continue
                        break
                    if ch == "}":
                        raise _Bad('a } without its { inside a "quoted" value', q.start())
                    end = match.get(q.start())
                    if end is None or end > limit:
                        raise _Bad("a { in a field value is never closed", q.start())
                    p = end + 1
                self.check_span(pos, q.start(), limit)
                parts.append(text[pos + 1:q.start()])
                pos = q.end()
            elif c.isdigit():
                m = _NUMBER.match(text, pos)
                parts.append(m.group())
                pos = m.end()
            elif c and (c.isalpha() or c == "_"):
                m = _MACRO.match(text, pos)
                name = m.group()
                low = name.lower()
                if low in self.strings:
                    parts.append(self.strings[low])
                elif low in _MONTH_MACROS:
                    parts.append(_MONTH_MACROS[low])
                else:
                    parts.append(name)
                    undefined.append(name)
                pos = m.end()
            else:
                raise _Bad(f"expected a field value, found {self.snippet(pos)}", pos)
            pos = _WS.match(text, pos).end()
            if pos < self.n and text[pos] == "#":
                pos += 1
                continue
            return "".join(parts), pos

    def body(self, open_pos: int, with_key: bool):
        """Parse ``{key, name = value, …}`` (or with parentheses) from its opening delimiter.

        Returns ``(key, fields, undefined_macros, end)``; ``fields`` is a list of
        ``(name, raw value)`` in file order; ``end`` is the offset of the closing delimiter.
        """
        text = self.text
        opener = text[open_pos]
        close = "}" if opener == "{" else ")"
        limit = self.match.get(open_pos, self.n) if opener == "{" else self.n
        pos = open_pos + 1
        key = None
        if with_key:
            m = _KEY[opener].match(text, pos)
            nxt = text[m.end()] if m.end() < self.n else ""
            if nxt in (",", close):
                key, pos = m.group(1), m.end()
            elif nxt == "=":
                pos = open_pos + 1             # no citation key: fields start at once
            else:                              # a key with spaces: up to the comma on its line
                eol = text.find("\n", pos)
                comma = text.find(",", pos, self.n if eol < 0 else eol)
                cand = text[pos:comma].strip() if comma > 0 else ""
                if not cand or any(ch in cand for ch in '={}()"#'):
                    raise _Bad(f"expected a citation key and a comma, found "
                               f"{self.snippet(m.end())}", m.end())
                key, pos = cand, comma
        fields: list[tuple[str, str]] = []
        undefined: list[str] = []
        n = self.n
        while True:
            pos = _SEPARATORS.match(text, pos).end()          # white space and commas, at once
            if pos >= n or pos >= limit and opener == "{" and pos != limit:
                raise _Bad("the entry is never closed (the file ends first)", open_pos)
            c = text[pos]
            if c == close:
                nxt = self.swallowed(open_pos, pos)
                if nxt is not None:
                    raise _Bad(f"the value runs into the next entry at line {self.line(nxt)} "
                               f"(a {{ or \" is probably not closed)", open_pos)
                return key, fields, undefined, pos
            if c == "%":                       # a commented-out line between fields (biber)
                eol = text.find("\n", pos)
                pos = n if eol < 0 else eol
                continue
            m = _FIELD.match(text, pos)
            if m is None:
                raise _Bad(f"expected a field (name = value) or the closing {close}, found "
                           f"{self.snippet(pos)}", pos)
            name = m.group(1).strip()
            val, pos = self.value(m.end(), limit, undefined)
            fields.append((name, val))
            if pos < n and text[pos] not in (",", close, "%") and not _FIELD.match(text, pos):
                raise _Bad(f"expected a comma or the closing {close} after field {name!r}, "
                           f"found {self.snippet(pos)}", pos)

    def repair(self, open_pos: int, stop: int):
        """Read a damaged entry line by line, or ``None`` when it is not closed.

        Used when strict parsing fails but the entry's closing delimiter ends the text
        before the next ``@`` line (e.g. an unbalanced brace inside one value, such as
        ``Thi\\{'ebaux`` for ``Thi{\\'e}baux``): each ``name = value`` that starts a line
        runs to the next such line.
        """
        text = self.text
        opener = text[open_pos]
        close = "}" if opener == "{" else ")"
        span = text[open_pos + 1:stop].rstrip()
        while True:                              # "% comment" lines before the next entry
            cut = span.rfind("\n")
            if cut < 0 or not span[cut + 1:].lstrip().startswith("%"):
                break
            span = span[:cut].rstrip()
        if not span.endswith(close):
            return None
        span = _COMMENT_LINE.sub("", span[:-1])
        m = _KEY[opener].match(span)
        key = m.group(1) if m and span[m.end():m.end() + 1] == "," else None
        starts = list(_LINE_FIELD.finditer(span))
        if not starts:
            return None
        fields, undefined = [], []
        for i, f in enumerate(starts):
            end = starts[i + 1].start() if i + 1 < len(starts) else len(span)
            val = span[f.end():end].strip().rstrip(",").strip()
            if i + 1 == len(starts) and val.count("{") != val.count("}"):
                return None       # the closer was the last value's own: the entry is not closed
            if len(val) >= 2 and val[0] == "{" and val[-1] == "}" or \
                    len(val) >= 2 and val[0] == '"' and val[-1] == '"':
                val = val[1:-1]
            elif _MACRO.fullmatch(val):
                low = val.lower()
                if low in self.strings:
                    val = self.strings[low]
                elif low in _MONTH_MACROS:
                    val = _MONTH_MACROS[low]
                else:
                    undefined.append(val)
            # a transposed accent: "\\{'e" written for "{\\'e}"
            val = _TRANSPOSED.sub(r"{\\\1\2}", val)
            fields.append((f.group(1).strip(), val))
        return key, fields, undefined

    def skip_block(self, open_pos: int) -> int | None:
        """End offset of a ``@comment``/``@preamble`` block, ``None`` if it is not closed."""
        if self.text[open_pos] == "{":
            return self.match.get(open_pos)
        if self._parens is None:                 # only files with @comment( … ) need it
            self._parens = _Matches(self.text, "()")
        return self._parens.get(open_pos)


def scan(text: str):
    """Yield the entries of a BibTeX text, in order.

    Each item is ``("entry", at_offset, line, type, key, fields, undefined_macros, repaired)``
    (``repaired``: why the entry had to be read line by line, else ``None``) or
    ``("bad", at_offset, line, type, reason)``. ``@string`` macros are applied as they come.
    """
    sc = _Scanner(text)
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
        delim = m.group(2)
        if not delim:
            if low == "comment":                 # "@Comment Len Schubert": to the end of line
                eol = text.find("\n", m.end())
                pos = n if eol < 0 else eol + 1
                continue
            if low in _RECORD_LIKE and sc.starts_line(at):
                yield ("bad", at, sc.line(at), low,
                       f"@{typ} is not followed by {{ or (, so it is not a readable entry")
            pos = m.end()
            continue
        open_pos = m.end() - 1
        if low not in _RECORD_LIKE and low not in _SPECIAL and not sc.starts_line(at):
            pos = m.end()                        # "write to me@home (weekends)": free text
            continue
        if low == "comment" or low == "preamble":
            end = sc.skip_block(open_pos)
            pos = end + 1 if end is not None else sc.next_at_line(at)
            continue
        if low == "string":
            try:
                _, fields, _, end = sc.body(open_pos, with_key=False)
            except _Bad:
                pos = sc.next_at_line(at)
                continue
            for name, val in fields:
                sc.strings[name.lower()] = val
            pos = end + 1
            continue
        try:
            key, fields, undefined, end = sc.body(open_pos, with_key=True)
        except _Bad as bad:
            nxt = sc.next_at_line(at)
            why = f"{bad.reason} (line {sc.line(bad.pos)})"
            repaired = sc.repair(open_pos, nxt)
            if repaired is not None:
                key, fields, undefined = repaired
                yield ("entry", at, sc.line(at), low, key, fields, undefined, why)
            else:
                yield ("bad", at, sc.line(at), low, f"{why}; the entry was skipped")
            pos = nxt
            continue
        yield ("entry", at, sc.line(at), low, key, fields, undefined, None)
        pos = end + 1


# ---------------------------------------------------------------------------------------
# sniffing
# ---------------------------------------------------------------------------------------

_SNIFF_ENTRY = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]", re.M)
_OTHER_FORMATS = re.compile(r"^(?:TY  -|[A-Z][A-Z0-9]  - |FN |VR |PT [A-Z]\b|PMID-|\{|\[|<\?xml|<)",
                            re.M)


def sniff(doc: Document) -> float:
    """An ``@type{`` / ``@type(`` line; before it only blank lines, ``%`` comments or free text."""
    head = doc.head.lstrip("\ufeff")
    m = _SNIFF_ENTRY.search(head)
    if m is None:
        # a .bib file without entries (only comments): an empty table, not an error
        if doc.name.endswith((".bib", ".bibtex")) and head.strip() and "@" not in head \
                and not _OTHER_FORMATS.search(head):
            return 0.25
        return 0.0
    before = head[:m.start()]
    if not before.strip() or all(not ln.strip() or ln.lstrip().startswith("%")
                                 for ln in before.split("\n")):
        return 0.95
    if _OTHER_FORMATS.search(before):
        return 0.05          # a RIS/WoS/JSON/XML file that happens to hold an "@x{" line
    known = m.group(1).lower() in _RECORD_LIKE | {"string", "comment", "preamble"}
    return 0.8 if known else 0.5


# ---------------------------------------------------------------------------------------
# mapping to the papers table
# ---------------------------------------------------------------------------------------

_UNESCAPED = re.compile(r"(?<!\\)([%&])")
_TEX_HINT = re.compile(r"[\\{}$~]")
_CITED_BY = re.compile(r"cited\s+by\s*:?\s*(\d+)", re.I)
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d|21\d\d)(?!\d)")
_URL_CMD = re.compile(r"\\url\s*\{([^{}]*)\}|\\href\s*\{([^{}]*)\}")
_ARXIV_TEXT = re.compile(r"arxiv[:\s/]*(?:abs/)?([a-z.-]+/\d{7}|\d{4}\.\d{4,5})", re.I)
_LONG = 50_000
#: math without commands: letters, digits, signs, sub/superscripts
_SIMPLE_MATH = re.compile(r"[\w+\-.,=()/^_{}]{1,40}")


@lru_cache(maxsize=4096)
def _canon(name: str) -> str:
    """``Times-Cited``, ``Times Cited`` and ``times_cited`` are one field."""
    return re.sub(r"[\s_-]+", "", name.lower())


def _tex(raw) -> str | None:
    """Decode a raw BibTeX value to text (accents, commands, protective braces)."""
    if raw is None:
        return None
    if not _TEX_HINT.search(raw):
        return clean_text(raw)
    if len(raw) > _LONG or raw.count("{") > 500:
        # hostile sizes: pylatexenc recurses per brace level; a plain strip is enough here
        return clean_text(raw.replace("{", "").replace("}", ""))
    if "$" in raw:
        raw = _plain_math(raw)
    if "\\textbrace" in raw:      # braces that must not count as braces (written by litkit.write)
        raw = _BRACE_CMD.sub(lambda m: "\\{" if m.group(1) == "left" else "\\}", raw)
    if "\\" in raw:
        raw = _accents(raw)
    if "\\" not in raw and "$" not in raw:      # only protective braces and ties
        s = raw.replace("{", "").replace("}", "").replace("~", " ")
        if "--" in s:
            s = s.replace("---", "\u2014").replace("--", "\u2013")
        return clean_text(s)
    return latex_to_text(_UNESCAPED.sub(r"\\\1", raw))


_BRACE_CMD = re.compile(r"\\textbrace(left|right)(?:\{\}|(?![A-Za-z]))")
_COMBINING = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303",
              "=": "\u0304", ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306",
              "H": "\u030b", "k": "\u0328", "r": "\u030a"}
_LETTERS = {"ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ",
            "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł"}
#: \"o  \"{o}  \"{\i}  \'\i  \c{c}  \c c; and the letters \ss \o \aa \l ...
_ACCENT = re.compile(r"\\(?:([\"'`^~=.])\s*|([cvuHkr])(?:\s+|(?=\{)))"
                     r"(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij](?![A-Za-z])|[A-Za-z]))")
_LETTER = re.compile(r"\\(ss|aa|AA|ae|AE|oe|OE|[oOlL])(?![A-Za-z])(?:\s*\{\}|[ \t]+)?")


def _accent_sub(m: re.Match) -> str:
    base = m.group(3) or m.group(4)
    if base.startswith("\\"):
        base = base[1]                   # \'\i: the dotless i takes the accent as a plain i
    return unicodedata.normalize("NFC", base + _COMBINING[m.group(1) or m.group(2)])


def _letter_sub(m: re.Match) -> str:
    return _LETTERS[m.group(1)]


def _accents(raw: str) -> str:
    """The common LaTeX accents and letters, without a LaTeX parser (the rest is left alone)."""
    raw = _ACCENT.sub(_accent_sub, raw)
    if "\\" in raw:
        raw = _LETTER.sub(_letter_sub, raw)
    return raw


def _plain_math(raw: str) -> str:
    """``Cu$_2$O`` -> ``Cu2O``, ``the $1S$ exciton`` -> ``the 1S exciton``.

    ``$`` signs are paired in order; a pair holding only letters, digits, signs and
    sub/superscripts (no spaces, no commands) loses its markup. Other math stays verbatim.
    """
    dollars = [m.start() for m in re.finditer(r"(?<!\\)\$", raw)]
    if len(dollars) < 2:
        return raw
    out, last = [], 0
    for a, b in zip(dollars[0::2], dollars[1::2]):
        inner = raw[a + 1:b]
        if _SIMPLE_MATH.fullmatch(inner):
            out.append(raw[last:a])
            out.append(re.sub(r"[_^{}]", "", inner))
            last = b + 1
    out.append(raw[last:])
    return "".join(out)


def _split_top(value: str, sep: re.Pattern) -> list[str]:
    """Split ``value`` on ``sep`` only at brace depth 0."""
    if "{" not in value:
        return sep.split(value)
    if len(value) < _SHORT:
        return _split_top_short(value, sep)
    pos, depth = brace_depths(value)
    cuts = [(m.start(), m.end()) for m in sep.finditer(value)]
    if not cuts:
        return [value]
    starts = np.fromiter((a for a, _ in cuts), dtype=np.int64, count=len(cuts))
    k = np.searchsorted(pos, starts)                  # braces before each separator
    at = np.where(k > 0, depth[np.maximum(k - 1, 0)], 0)
    out, start = [], 0
    for (a, b), d in zip(cuts, at.tolist()):
        if d == 0:
            out.append(value[start:a])
            start = b
    out.append(value[start:])
    return out


#: values shorter than this are split with a plain loop (numpy's set-up costs more)
_SHORT = 4096


def _split_top_short(value: str, sep: re.Pattern) -> list[str]:
    out, depth, start, prev = [], 0, 0, 0
    top = []
    for m in _BRACES.finditer(value):
        p = m.start()
        if depth == 0:
            top.append((prev, p))
        depth = depth + 1 if value[p] == "{" else max(depth - 1, 0)
        if depth == 0:
            prev = p + 1
    if depth == 0:
        top.append((prev, len(value)))
    for a, b in top:
        for m in sep.finditer(value, a, b):
            out.append(value[start:m.start()])
            start = m.end()
    out.append(value[start:])
    return out


_AND = re.compile(r"(?<!\s)\s+and\s+", re.I)
_COMMA = re.compile(r",")
_OTHERS = {"others", "et al", "et al.", "etal", "et. al."}


def _name(raw: str) -> str | None:
    raw = " ".join(raw.split())
    if not raw:
        return None
    parts = [p.strip() for p in _split_top(raw, _COMMA)]
    parts = [p for p in parts if p]
    if not parts:
        return None
    if len(parts) == 1:
        return _tex(parts[0])
    dec = [_tex(p) or "" for p in parts]
    if any("," in d for d in dec):                 # a comma inside braces: assemble by hand
        if len(dec) == 3:
            return clean_text(f"{dec[2]} {dec[0]} {dec[1]}")
        return clean_text(" ".join(dec[1:] + dec[:1]))
    return display_name(", ".join(dec))


#: names read from one author field at most; the rest is counted in extra["authors_not_read"]
MAX_AUTHORS = 20_000


def _authors(raw: str | None) -> tuple[list[str], bool, int]:
    """Display names, whether the list was cut ("and others"), and how many names were not read."""
    if not raw:
        return [], False, 0
    names, truncated, omitted = [], False, 0
    raw = raw.strip()
    if raw[-4:-3].isspace() and raw[-3:].lower() == "and":     # "A and B and" (a cut-off list)
        raw = raw[:-3].rstrip()
    if raw[3:4].isspace() and raw[:3].lower() == "and":
        raw = raw[3:].lstrip()
    pieces = _split_top(raw, _AND)
    if len(pieces) > MAX_AUTHORS:
        # more names than any real paper has (a few thousand): a damaged or hostile field
        omitted = len(pieces) - MAX_AUTHORS
        pieces = pieces[:MAX_AUTHORS]
        truncated = True
    for i, piece in enumerate(pieces):
        p = " ".join(piece.split())
        if p.lower().strip("{} ") in _OTHERS:
            truncated = True
            continue
        if i == len(pieces) - 1 and re.search(r"\s+et\.?\s*al\.?$", p):
            truncated = True
            p = re.sub(r"\s+et\.?\s*al\.?$", "", p)
        name = _name(p)
        if name:
            names.append(name)
    return unique(names), truncated, omitted


def _split_list(text: str | None, sep: str | None = None) -> list[str]:
    """Keywords: ``;`` separates when present, else ``,`` (or only ``sep`` when given)."""
    if not text:
        return []
    sep = sep or (";" if ";" in text else ",")
    return [p.strip() for p in text.split(sep) if p.strip()]


_ORG_WORD = re.compile(r"\b(?:Univ|Inst|Dept|Ctr|Coll|Sch|Hosp|Lab|Natl|Acad|Corp|Co|Inc|Ltd|"
                       r"Minist|Fac|Res|Sci|Technol|Grp|Assoc|Soc|Fdn|Agcy|Div|Program|Off|Council"
                       r"|Museum|Serv|Network|Syst)\b", re.I)
_GIVEN = re.compile(r"^(?:[A-Z][\w'\-]*\.?|[A-Z]\.(?:-?[A-Z]\.)*)(?: (?:[A-Z][\w'\-]*\.?|[A-Z]\.))"
                    r"{0,3}$")


def _wos_address(line: str | None) -> str | None:
    """"Selvanathan, Saroja, Griffith Univ, Brisbane, Australia." -> "Griffith Univ, ..."."""
    if not line:
        return line
    if ";" in line:                                     # "A, B; C, D, Org": the org follows
        line = line.rsplit(";", 1)[1].strip()
    parts = [p.strip() for p in line.split(",")]
    if len(parts) >= 3 and not _ORG_WORD.search(parts[0] + " " + parts[1]) \
            and len(parts[0].split()) <= 3 and _GIVEN.match(parts[1]):
        return ", ".join(parts[2:])
    return line


def _url(raw: str | None) -> str | None:
    if not raw:
        return None
    m = _URL_CMD.search(raw)
    s = (m.group(1) or m.group(2)) if m else raw
    s = clean_text(s.replace("{", "").replace("}", "").replace("\\_", "_").replace("\\%", "%")
                   .replace("\\&", "&").replace("\\#", "#"))
    if s and " " in s:
        s = s.split(" ", 1)[0]
    return s


def _int(raw: str | None) -> int | None:
    if not raw:
        return None
    m = re.search(r"\d+", raw.replace(",", ""))
    return int(m.group()) if m else None


#: fields kept in ``extra`` as text (under their lower-case name)
_EXTRA_FIELDS = ("volume", "number", "issue", "pages", "numpages", "issn", "eissn", "isbn",
                 "publisher", "address", "edition", "series", "editor", "language", "langid",
                 "type", "document_type", "unique-id", "note", "article-number", "art_number",
                 "pmid", "pmcid", "crossref", "howpublished", "school", "institution",
                 "organization", "chapter", "shorttitle", "journal-iso", "abbrev_source_title",
                 "eprint", "primaryclass", "urldate", "source")
_EXTRA_CANON = {_canon(f): f for f in _EXTRA_FIELDS}
#: identifiers and numbers: braces removed, nothing decoded ("321--331" stays)
_VERBATIM = {_canon(f) for f in ("volume", "number", "issue", "pages", "numpages", "issn",
                                 "eissn", "isbn", "unique-id", "article-number", "art_number",
                                 "pmid", "pmcid", "eprint", "urldate", "crossref")}


def _plain(raw: str) -> str | None:
    return clean_text(raw.replace("{", "").replace("}", ""))


class _Fields:
    """The fields of one entry, looked up by canonical name; the first of repeats wins."""

    def __init__(self, fields):
        self.d: dict[str, tuple[str, str]] = {}
        self.repeated: dict[str, list[str]] = {}
        self.repeated_raw: dict[str, list[str]] = {}
        for name, val in fields:
            c = _canon(name)
            if c in self.d:
                self.repeated.setdefault(self.d[c][0], []).append(clean_text(val) or "")
                self.repeated_raw.setdefault(c, []).append(val)
            else:
                self.d[c] = (" ".join(name.split()).lower(), val)

    def raw(self, *names) -> str | None:
        for nm in names:
            v = self.d.get(_canon(nm))
            if v is not None and v[1].strip():
                return v[1]
        return None

    def text(self, *names) -> str | None:
        return _tex(self.raw(*names))


def _venue(f: _Fields, typ: str) -> str | None:
    if typ in ("inproceedings", "conference", "incollection", "inbook"):
        v = f.text("booktitle", "eventtitle", "journal", "journaltitle")
    else:
        v = f.text("journal", "journaltitle", "booktitle", "eventtitle")
    if v:
        return v
    if typ in ("book", "inbook", "booklet", "manual", "proceedings", "collection"):
        v = f.text("series", "publisher")
    elif typ in ("phdthesis", "mastersthesis", "thesis"):
        v = f.text("school", "institution")
    elif typ in ("techreport", "report"):
        v = f.text("institution", "organization")
    if v:
        return v
    hp = f.raw("howpublished")
    if hp and "\\url" not in hp and "http" not in hp:
        return _tex(hp)
    prefix = (f.text("archiveprefix", "eprinttype") or "").lower()
    if prefix == "arxiv":
        return "arXiv"
    return f.text("publisher", "organization")


def _record(doc: Document, line: int, typ: str, key, fields, undefined) -> dict:
    f = _Fields(fields)
    title = f.text("title")
    authors, truncated, omitted = _authors(f.raw("author full names", "authorfullnames", "author"))
    if not authors and typ in ("book", "proceedings", "collection", "mvbook") \
            and not f.raw("author"):
        authors, truncated, omitted = _authors(f.raw("editor"))     # an edited volume
    # dates: biblatex date, else year + month (+ day)
    year_raw = f.text("year")
    ym = _YEAR.search(year_raw or "")
    date_raw = f.text("date")
    if date_raw and re.search(r"/\d{4}", date_raw):     # a biblatex range "2020-03/2020-04"
        date_raw = date_raw.split("/", 1)[0]
    date, year = parse_date(date_raw) if date_raw else (None, None)
    if ym:
        y = int(ym.group(1))
        if year != y:
            month = f.text("month")
            day = f.text("day")
            parts = [str(y)]
            if month:
                mm = month.strip().rstrip(".")
                if mm.isdigit() and 1 <= int(mm) <= 12:
                    parts = [f"{y}-{int(mm):02d}" + (f"-{int(day):02d}" if day and day.isdigit()
                                                     and 1 <= int(day) <= 31 else "")]
                    day = None
                else:
                    parts.append(mm)
            if day:
                parts.append(day)
            date, year = parse_date(" ".join(parts))
            if year != y:
                date, year = parse_date(str(y))
    # identifiers
    url = _url(f.raw("url")) or _url(f.raw("ee")) or _url(f.raw("link"))
    doi = normalize_doi(f.text("doi"))
    if not doi:
        for cand in (f.raw("url"), f.raw("ee")):
            u = _url(cand)
            if u and re.search(r"(?:dx\.)?doi\.org/", u, re.I):
                doi = normalize_doi(u)
                if doi:
                    break
    arxiv = None
    prefix = (f.text("archiveprefix", "eprinttype") or "").lower()
    if prefix == "arxiv" or (f.raw("eprint") and "arxiv" in (f.raw("eprint") or "").lower()):
        arxiv = normalize_arxiv_id(f.text("eprint"))
    if not arxiv:
        for cand in (f.raw("url"), f.raw("ee"), f.raw("journal"), f.raw("note"),
                     f.raw("howpublished")):
            if cand and "arxiv" in cand.lower():
                m = re.search(r"arxiv\.org/(?:abs|pdf)/([^\s}]+)", cand, re.I)
                arxiv = normalize_arxiv_id(m.group(1)) if m else None
                if not arxiv:
                    m = _ARXIV_TEXT.search(cand)
                    arxiv = normalize_arxiv_id(m.group(1)) if m else None
                if arxiv:
                    break
    if not arxiv and doi and doi.startswith("10.48550/arxiv."):
        arxiv = normalize_arxiv_id(doi[len("10.48550/arxiv."):])
    # citations: Web of Science Times-Cited, Scopus "cited By 12" in the note
    citations = _int(f.raw("times-cited", "citations", "cited-by"))
    if citations is None:
        note = f.raw("note")
        m = _CITED_BY.search(note or "")
        if m:
            citations = int(m.group(1))
    # affiliations: "affiliations" (WoS: institutions; others: as given), else "affiliation"
    affiliations: list[str] = []
    extra: dict = {"entry_type": typ, "citation_key": key}
    plural = f.raw("affiliations")
    single = f.raw("affiliation")
    if plural:
        affiliations = [_tex(a) for a in plural.split(";")]
    elif single:
        if "\n" in single.strip() or \
                "(Corresponding Author)" in single or "(Reprint Author)" in single:
            # Web of Science: one address a line, "Family, Given[; Family, Given], Org, City"
            lines = [ln for ln in single.split("\n") if ln.strip()]
            affiliations = [_wos_address(_tex(ln)) for ln in lines
                            if "(Corresponding Author)" not in ln and "(Reprint Author)" not in ln]
        else:
            affiliations = [_tex(a) for a in single.split(";")]
    if single and plural:
        extra["addresses"] = [a for a in (_tex(ln) for ln in single.split("\n")) if a]
    keywords = []
    for nm in ("author_keywords", "keywords", "keywords-plus", "mendeley-tags"):
        # ScienceDirect writes one "keywords = ..." field per keyword: all of them count
        for raw in [f.raw(nm)] + f.repeated_raw.get(_canon(nm), []):
            keywords.extend(_tex(k) for k in _split_list(raw))
    categories = []
    for nm in ("web-of-science-categories", "research-areas"):
        categories.extend(_tex(c) for c in _split_list(f.raw(nm), ";"))
    pc = f.text("primaryclass", "eprintclass")
    if pc:
        categories.insert(0, pc)
    for c, (orig, val) in f.d.items():
        if c in _EXTRA_CANON and val.strip():
            extra[orig] = _plain(val) if c in _VERBATIM else _tex(val)
    if f.repeated:
        extra["repeated_fields"] = f.repeated
    if undefined:
        extra["undefined_macros"] = unique(undefined)
    venue = _venue(f, typ)
    if venue and arxiv and re.match(r"arxiv\b", venue, re.I):    # "arXiv preprint arXiv:…"
        venue = "arXiv"
    note = f.raw("note") or ""
    if "pmid" not in extra and re.search(r"PMID", note):
        m = re.search(r"PMID\W*(\d+)", note.replace("{", "").replace("}", ""))
        if m:
            extra["pmid"] = m.group(1)
    if omitted:
        extra["authors_not_read"] = omitted
    if extra["citation_key"] == "":
        extra["citation_key"] = None
    return {
        "title": title,
        "abstract": f.text("abstract"),
        "authors": authors,
        "authors_truncated": truncated,
        "affiliations": unique(a for a in affiliations if a),
        "year": year,
        "date": date,
        "venue": venue,
        "categories": unique(c for c in categories if c),
        "keywords": unique(k for k in keywords if k),
        "doi": doi,
        "arxiv_id": arxiv,
        "url": url,
        "citations": citations,
        "source_ref": doc.ref(line),
        "extra": extra,
    }


def _resolve_crossrefs(entries: list) -> None:
    """Give entries with ``crossref`` the fields they lack from the referenced entry.

    As in BibTeX/biber: the parent's ``title`` becomes the child's ``booktitle`` when the
    parent is a whole book or proceedings of another type; otherwise missing fields are copied.
    """
    by_key: dict[str, tuple] = {}
    for e in entries:
        if e[4]:
            by_key.setdefault(e[4].lower(), (e[3], e[5]))
    containers = {"proceedings", "book", "collection", "mvbook", "mvproceedings", "periodical"}
    for e in entries:
        typ, fields = e[3], e[5]
        ref = next((v for n, v in fields if _canon(n) == "crossref"), None)
        if not ref:
            continue
        target = by_key.get(ref.strip().strip("{}").lower())
        if target is None or target[1] is fields:
            continue
        ptype, pfields = target
        have = {_canon(n) for n, _ in fields}
        for n, v in list(pfields):
            c = _canon(n)
            if c == "title" and ptype in containers and typ != ptype:
                c, n = "booktitle", "booktitle"
            if c not in have and c not in ("crossref", "key"):
                fields.append((n, v))
                have.add(c)


def parse(doc: Document) -> Parsed:
    out = Parsed()
    good = []
    for item in scan(doc.text):
        if item[0] == "bad":
            out.skip(doc.ref(item[2]), item[4])
        else:
            good.append(item)
    _resolve_crossrefs(good)
    for e in good:
        _, at, line, typ, key, fields, undefined, repaired = e
        rec = _record(doc, line, typ, key, fields, undefined)
        if repaired:
            rec["extra"]["repaired"] = f"read line by line: {repaired}"
        out.records.append(rec)
    return out
