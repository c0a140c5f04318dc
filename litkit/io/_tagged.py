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
from typing import Callable, Iterator
from urllib.parse import unquote

from ..normalize import clean_text, display_name, normalize_doi

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

    An end tag that carries text (``ER  - some text``) does not end the record: the text is
    a field of it, under the tag name with ``+`` (``"ER+"``), which the reader keeps
    (the record goes on, so the fields after it are not lost either).
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
        if tag in end_tags and value.strip():
            tag = tag + "+"                      # "ER  - text": a value, not the record's end
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


def collect(doc, items, make_record, *, kind: str, start_tag: str, ignore_stray=None):
    """Turn scanned items into a :class:`Parsed`: one record per item, the rest skipped.

    ``make_record(doc, raw)`` gives the record, or (a ``str``) what the record lacks ("no
    title and no author"), which becomes the reason it is skipped; ``kind`` names the record
    shape in reasons ("RIS record (TY  - … ER  -)"); ``start_tag`` is the tag a record should
    open with (its absence is noted in ``extra["warning"]``); ``ignore_stray(item,
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
        if isinstance(rec, str):
            tags = ", ".join(dict.fromkeys(t for t, _ in item.items)) or "no tags"
            out.skip(doc.ref(item.line), f"{name} with {rec} (tags: {snippet(tags)})")
            continue
        if item.items and item.items[0][0] != start_tag:
            rec["extra"]["warning"] = (f"the record has no {start_tag} line "
                                       "(its start may be damaged)")
        out.records.append(rec)
    return out
