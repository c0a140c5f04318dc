"""The structure of a listing file: category+date lines, and the two lines after each.

A record is a category+date line and the next two non-blank lines that are not date lines;
a record with a line missing, or lines that belong to no record, go to ``skipped`` with their
line and the reason, and reading resumes at the next date line.
"""

from __future__ import annotations

import re

from .._base import Document, Parsed
from .record import _record

_MONTH_RE = (r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
             r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?")
#: category code (lazy, may be empty) glued to "Mon D, YYYY", then an optional tail ("Code")
_DATE_LINE = re.compile(
    r"^\s*(?P<cat>[A-Za-z][A-Za-z0-9.\-]*?)?(?P<mon>" + _MONTH_RE + r")\.?\s+(?P<day>\d{1,2}),?\s+"
    r"(?P<year>\d{4})(?!\d)\s*(?P<tail>\S.*?)?\s*$")
#: a date line's tail longer than this (and not "Code") is prose, not a listing's date line
_MAX_TAIL = 12
#: :func:`sniff` looks at the first non-blank lines of the head's first lines, and a record
#: may start on one of the first of them
_HEAD_LINES, _SNIFF_LINES, _SNIFF_STARTS = 200, 8, 4
#: a line this long before any date line is an abstract: the text is not a listing
_ABSTRACT_CHARS = 200
#: what :func:`sniff` says: a record on the first line; after a short header; a lone date line
_SURE, _HEADER_FIRST, _LONE_DATE = 0.9, 0.6, 0.5
#: the start of a stray line quoted in its skipped row's reason
_QUOTE_CHARS = 50


def _date_match(line: str) -> re.Match | None:
    """The match of a category+date line, or ``None``."""
    m = _DATE_LINE.match(line)
    if not m:
        return None
    tail = (m.group("tail") or "").strip()
    if tail and not re.fullmatch(r"(?i)code|\(?code\)?|·?\s*code", tail) and len(tail) > _MAX_TAIL:
        return None
    return m


def sniff(doc: Document) -> float:
    """Sure when the first non-blank line is a category+date line followed by two other lines;
    less sure when a short header (a name, "Publications") comes before the first record."""
    lines = [ln for ln in doc.head.split("\n")[:_HEAD_LINES] if ln.strip()][:_SNIFF_LINES]
    for k, line in enumerate(lines[:_SNIFF_STARTS]):
        if _date_match(line):
            if len(lines) >= k + 3 and not _date_match(lines[k + 1]) \
                    and not _date_match(lines[k + 2]):
                return _SURE if k == 0 else _HEADER_FIRST
            return _LONE_DATE if k == 0 else 0.0
        if len(line) > _ABSTRACT_CHARS:
            return 0.0
    return 0.0


def parse(doc: Document) -> Parsed:
    """Read a listing: one record per category+date line and the two lines after it."""
    out = Parsed()
    lines = doc.text.split("\n")
    n = len(lines)
    i = 0
    stray_start = None            # first line of a run of lines that belong to no record

    def flush_stray(upto: int) -> None:
        nonlocal stray_start
        if stray_start is not None:
            first = lines[stray_start].strip()
            last = upto
            while last > stray_start + 1 and not lines[last - 1].strip():
                last -= 1
            what = f"{first[:_QUOTE_CHARS]!r}" + ("..." if len(first) > _QUOTE_CHARS else "")
            span = f"lines {stray_start + 1}-{last} do" if last > stray_start + 1 else \
                f"line {stray_start + 1} does"
            out.skip(doc.ref(stray_start + 1),
                     f"{span} not start with a category+date line like 'LGSep 19, 2024' "
                     f"(found {what}): a damaged record or a header, skipped up to the next "
                     f"date line")
            stray_start = None

    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        m = _date_match(line)
        if not m:
            if stray_start is None:
                stray_start = i
            i += 1
            continue
        flush_stray(i)
        date_ln = i + 1
        # the next two non-blank lines that are not date lines
        got: list[tuple[int, str]] = []
        j = i + 1
        while j < n and len(got) < 2:
            if lines[j].strip():
                if _date_match(lines[j]):
                    break
                got.append((j + 1, lines[j]))
            j += 1
        if len(got) < 2:
            missing = "the title/authors line and the abstract line are missing" if not got \
                else "the abstract line is missing (only one line follows)"
            out.skip(doc.ref(date_ln), f"{missing} after the date line {line.strip()!r}; "
                                       f"the record is skipped")
            i = j
            continue
        (_, body), (_, abstract) = got
        _record(doc, date_ln, m, body, abstract, out)
        i = j
    flush_stray(n)
    return out
