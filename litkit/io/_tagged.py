"""What the tagged line formats share (RIS, Web of Science plain text, PubMed MEDLINE).

All three write one field a line, ``TAG<separator>value``, with untagged or indented
continuation lines, and mark where a record starts (``TY``, ``PT``, ``PMID``) and, for
two of them, where it ends (``ER``). :func:`scan` walks the lines once and yields

* :class:`Raw` records: the tagged fields in file order, each with its continuation lines,
  and the line number where the record starts (for ``source_ref``);
* :class:`Stray` blocks: non-blank text outside any record (the reader reports them in
  ``skipped``; nothing is dropped silently).

A record that lacks its end tag is closed by the next start tag, so one broken record
never swallows the next. Tag recognition looks only at the first few characters of a
line, so a multi-megabyte line costs one slice, never a regex backtrack.

The helpers below turn raw field values into papers-table values (dates as precise as the
text allows, names, DOIs in URLs, citation counts in notes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime
from typing import Callable, Iterator
from urllib.parse import unquote

import pandas as pd

from ..normalize import MONTHS, clean_text, display_name, normalize_doi

_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12,
            "spr": 3, "sum": 6, "fal": 9, "aut": 9, "win": 12}     # Web of Science PD "SPR"
SNIPPET = 60


def snippet(text: str, n: int = SNIPPET) -> str:
    """The start of a line, for messages (never megabytes of it)."""
    s = " ".join(text[: n * 4].split())
    return s if len(s) <= n else s[: n - 1] + "…"


@dataclass(slots=True)
class Raw:
    """One record as tagged in the file."""

    line: int                                            # line of its first tag
    items: list = field(default_factory=list)            # [(tag, [line, continuation...]), ...]
    fields: dict = field(default_factory=dict)           # tag -> [[line, continuation...], ...]
    ended: bool = False                                  # its end tag was seen

    def add(self, tag: str, value: str) -> list:
        occ = [value]
        self.items.append((tag, occ))
        self.fields.setdefault(tag, []).append(occ)
        return occ

    def text(self, *tags: str, sep: str = " ") -> str | None:
        """The first of ``tags`` present, its lines joined (white space collapsed)."""
        for tag in tags:
            for occ in self.fields.get(tag, ()):
                s = clean_text(sep.join(occ))
                if s:
                    return s
        return None

    def _occurrences(self, tags):
        if len(tags) == 1:
            return self.fields.get(tags[0], ())
        wanted = set(tags)
        return [occ for tag, occ in self.items if tag in wanted]       # file order

    def values(self, *tags: str) -> list[str]:
        """Every occurrence of ``tags`` in file order, lines of one occurrence joined."""
        out = []
        for occ in self._occurrences(tags):
            s = clean_text(" ".join(occ))
            if s:
                out.append(s)
        return out

    def lines(self, *tags: str) -> list[str]:
        """Every line of ``tags`` in file order: each continuation line is an item of its own."""
        out = []
        for occ in self._occurrences(tags):
            for ln in occ:
                s = clean_text(ln)
                if s:
                    out.append(s)
        return out


@dataclass(slots=True)
class Stray:
    """Non-blank lines outside any record."""

    line: int
    first: str
    count: int = 1

    def reason(self, what: str = "record") -> str:
        n = f"{self.count} line{'s' if self.count > 1 else ''}"
        return (f"{n} of text outside any {what} (starting {snippet(self.first)!r}); "
                f"not read")


def scan(text: str, *, split_tag: Callable[[str], tuple[str, str] | None],
         start_tags: frozenset, end_tags: frozenset = frozenset(),
         file_tags: frozenset = frozenset(), new_after_blank: bool = False,
         cont_value: Callable[[str], str] = str.strip) -> Iterator[Raw | Stray]:
    """Walk the lines of a tagged export and yield records and stray text in file order.

    Parameters
    ----------
    split_tag : callable
        ``line -> (tag, value)`` for a tag line, ``None`` for any other line.
    start_tags, end_tags : frozenset
        Tags that open and close a record. A tag line outside a record opens one too
        (a record whose start tag was lost is still a record).
    file_tags : frozenset
        Header/footer tags (``FN``, ``VR``, ``EF``): they close an open record.
    new_after_blank : bool
        A tag line after a blank line opens a new record (MEDLINE separates records by
        blank lines and has no end tag).
    """
    cur: Raw | None = None
    last: list | None = None
    stray: Stray | None = None
    blank = False
    lineno = 0
    for line in text.split("\n"):
        lineno += 1
        if line and line[0] == "\ufeff":        # a byte-order mark left by `cat a.ris b.ris`
            line = line[1:]
        if not line:
            blank = True
            continue
        tv = split_tag(line)
        if tv is None:
            if line.isspace():
                blank = True
                continue
            if new_after_blank and blank and cur is not None:
                yield cur                        # a blank line ended it: this is not its text
                cur, last = None, None
            if cur is not None and last is not None:
                last.append(cont_value(line))
            elif stray is not None:
                stray.count += 1
            else:
                stray = Stray(lineno, line)
            blank = False
            continue
        tag, value = tv
        if stray is not None:
            yield stray
            stray = None
        if tag in file_tags:
            if cur is not None:
                yield cur
            cur, last = None, None
            blank = False
            continue
        if cur is None and tag in end_tags:
            blank = False
            continue                             # a repeated end tag: no record, no data
        if cur is None or tag in start_tags or (new_after_blank and blank):
            if cur is not None:
                yield cur
            cur = Raw(lineno)
        blank = False
        if tag in end_tags:
            cur.ended = True
            yield cur
            cur, last = None, None
            continue
        last = cur.add(tag, value)
    if cur is not None:
        yield cur
    if stray is not None:
        yield stray


# --- values -----------------------------------------------------------------------------

_YEAR = re.compile(r"(?<![\d.])(1[5-9]\d\d|20\d\d|21\d\d)(?![\d])")
_WORD = re.compile(r"[A-Za-z]+")
_NUM = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")
_COMPACT = re.compile(r"(?<![\d.])(1[5-9]\d\d|20\d\d|21\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\d])")


def _month_word(w: str) -> int | None:
    k = w.lower()
    if k in MONTHS:
        return MONTHS[k]
    if len(k) >= 3 and k[:3] in MONTHS and MONTHS.get(k) is None:
        full = [n for n in MONTHS if len(n) > 4 and n.startswith(k)]
        if full:                                         # "Sept", "Janu" (cut-off spellings)
            return MONTHS[full[0]]
    return _SEASONS.get(k)


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
            mo, d = _month_day(rest.split("-")[0] if re.search(r"[A-Za-z]", rest) else rest)
        if d is not None and not 1 <= d <= 31:
            d = None
        return y, mo, d
    m = _COMPACT.search(s)                               # TRID "Start date: 20170812"
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    ym = _YEAR.search(s)
    y = int(ym.group(1)) if ym else None
    if ym:
        before, after = s[:ym.start()], s[ym.end():]
        part = before if re.search(r"[A-Za-z]", before) else after
    else:
        part = s
    mo, d = _month_day(part)
    return y, mo, d


def _month_day(text: str) -> tuple[int | None, int | None]:
    months = [m for m in map(_month_word, _WORD.findall(text)) if m is not None]
    if not months:
        return None, None
    mo = months[0]
    if len(months) > 1:                                  # "Jan.-Feb.": a range, no day
        return mo, None
    dm = _NUM.search(text)
    d = int(dm.group(1)) if dm else None
    if d is not None and not 1 <= d <= 31:
        d = None
    return mo, d


def make_date(y, mo=None, d=None):
    """A timestamp from parts (``None`` without a year); impossible days fall back to the month."""
    if y is None:
        return None
    for args in ((y, mo or 1, d or 1), (y, mo or 1, 1), (y, 1, 1)):
        try:
            return pd.Timestamp(datetime(*args))
        except (ValueError, OverflowError):
            continue
    return None


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


# compared exactly (case matters): "NA" is R's missing value, "Na" is a given name ("Zhao, Na")
_PLACEHOLDER = {"null", "NULL", "Null", "none", "None", "NONE", "nan", "NaN", "NAN", "undefined",
                "n/a", "N/A", "na", "NA", "unknown", "Unknown", "UNKNOWN"}
_ANON = re.compile(r"^\[?(?:anonymous|anon\.?|no authors? listed|et al\.?)\]?$", re.I)


def person(value) -> str | None:
    """A person's name as "Given Family", with export placeholders dropped.

    ``"van den Hoven, null"`` -> ``"van den Hoven"`` (a serialised missing value);
    ``"[Anonymous]"`` -> ``None``.
    """
    s = clean_text(value)
    if not s or _ANON.match(s):
        return None
    if "," in s:
        parts = [p for p in s.split(",") if p.strip() not in _PLACEHOLDER]
        s = ",".join(parts)
    elif s in _PLACEHOLDER:
        return None
    return display_name(s)


def to_int(value) -> int | None:
    s = clean_text(value)
    if not s:
        return None
    m = re.match(r"\d{1,9}", s.replace(",", ""))
    return int(m.group(0)) if m else None


_URL_DOI = re.compile(r"(?:doi=|doi\.org/|/doi/(?:abs/|full/|pdf/)?)(10\.\d{4,9}/[^&?#\s]+)", re.I)


def doi_in_url(value) -> str | None:
    """A DOI inside a link: ``https://doi.org/…``, ``…?doi=10.1016%2fj.x&…``, ``…/doi/10.…``."""
    s = clean_text(value)
    if not s or "10." not in s:
        return None
    s = unquote(s)
    m = _URL_DOI.search(s)
    if m:
        return normalize_doi(m.group(1))
    return None


def first_doi(*values) -> str | None:
    for v in values:
        d = normalize_doi(v)
        if d:
            return d
    return None


def unique_ci(items) -> list[str]:
    """Order-preserving de-duplication ignoring case: author keywords and Web of Science
    KeyWords Plus repeat each other in upper case ("Graphene", "GRAPHENE")."""
    seen, out = set(), []
    for x in items:
        k = x.casefold() if x else x
        if not x or k in seen:
            continue
        seen.add(k)
        out.append(x)
    return out


def pages(first, last) -> str | None:
    a, b = clean_text(first), clean_text(last)
    if a and b and a != b and "-" not in a:
        return f"{a}-{b}"
    return a or b


def put(extra: dict, key: str, value) -> None:
    """Set ``extra[key]`` only when there is something to keep."""
    if value is None or value == "" or value == [] or value == {}:
        return
    extra[key] = value


def collect(doc, items, make_record, *, kind: str, start_tag: str, missing: str,
            ignore_stray=None):
    """Turn scanned items into a :class:`Parsed`: one record per item, the rest skipped.

    ``kind`` names the record shape in reasons ("RIS record (TY  - … ER  -)"); ``missing`` says
    which tags a record needs ("no title and no author"); ``start_tag`` is the tag a record
    should open with (its absence is noted in ``extra["warning"]``); ``ignore_stray(item,
    seen_record)`` may excuse stray text that is known packaging rather than a lost record.
    """
    from ._base import Parsed
    out = Parsed()
    name = kind.split(" (")[0]
    seen_record = False
    for item in items:
        if isinstance(item, Stray):
            if ignore_stray is not None and ignore_stray(item, seen_record):
                continue
            out.skip(doc.ref(item.line), item.reason(kind))
            continue
        seen_record = True
        rec = make_record(doc, item)
        if rec is None:
            tags = ", ".join(dict.fromkeys(t for t, _ in item.items)) or "no tags"
            out.skip(doc.ref(item.line), f"{name} with {missing} (tags: {snippet(tags)})")
            continue
        if item.items and item.items[0][0] != start_tag:
            rec["extra"]["warning"] = (f"the record has no {start_tag} line "
                                       "(its start may be damaged)")
        out.records.append(rec)
    return out
