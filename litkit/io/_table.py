"""Shared machinery of the delimited-table readers (Scopus CSV, IEEE Xplore CSV, WoS tab-delimited).

What it does, so that the readers only map columns:

* finds the header line (the first non-blank line, or one of the first few when a tool writes a
  preamble) and the delimiter (``,`` ``;`` or tab) from it;
* keys header names case- and space-insensitively (``"Source title"`` = ``"source  Title"``), without a BOM;
* iterates records with the line numbers of their first and last physical lines, so that
  ``source_ref`` is ``file:line`` of the record's first line, also for quoted fields with newlines;
* never loses a record silently: a row with the wrong number of fields goes to ``skipped``; when an
  unclosed quote swallows the lines after it, only its first line is skipped and parsing restarts on
  the next line (the swallowed records are read, not lost).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Callable, Iterator

from ._base import Document, Parsed

# a single multi-megabyte field (a long reference list) is legal; the file size is capped in _base
csv.field_size_limit(2**31 - 1)

_DELIMITERS = (",", ";", "\t")
_MISSING = {"", "na", "n/a", "null", "none"}
_NO_VALUE = re.compile(r"^\[no [a-z ]+ available\]$", re.I)


@lru_cache(maxsize=4096)
def key(name: str) -> str:
    """Header name as a lookup key: no BOM, no surrounding quotes/space, lower case, single spaces,
    ``_`` as a space (IEEE wrote ``Publication_Year`` in some years)."""
    return " ".join(name.replace("\ufeff", "").strip().strip('"').strip().lower()
                    .replace("_", " ").split())


def missing(value: str | None) -> bool:
    """Blank, an R-style ``NA``, or a Scopus placeholder such as ``[No abstract available]``."""
    if value is None:
        return True
    s = value.strip()
    if len(s) > 4 and s[0] != "[":
        return False
    return s.lower() in _MISSING or bool(_NO_VALUE.match(s))


def value(value: str | None) -> str | None:
    """A cell's text with white space collapsed, or ``None`` when :func:`missing`."""
    if not value or missing(value):
        return None
    s = " ".join(value.split())
    return s or None


def lines_of(doc: Document) -> list[str]:
    """The document's physical lines, each ending in ``\\n`` (the last one may not)."""
    parts = doc.text.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


def parse_header_line(line: str, delimiter: str | None = None) -> tuple[list[str], str]:
    """Split one header line with the given or the most plausible delimiter."""
    line = line.lstrip("\ufeff").rstrip("\r\n")
    if delimiter is not None:
        return next(csv.reader([line], delimiter=delimiter)), delimiter
    best: tuple[list[str], str] = ([line], ",")
    for d in _DELIMITERS:
        try:
            fields = next(csv.reader([line], delimiter=d))
        except (csv.Error, StopIteration):
            continue
        if len(fields) > len(best[0]):
            best = (fields, d)
    return best


def find_header(doc: Document, accept: Callable[[set[str]], bool], *, max_lines: int = 5,
                delimiter: str | None = None) -> tuple[int, list[str], str] | None:
    """The first of the document's first ``max_lines`` non-blank lines that ``accept`` takes as a header.

    Returns ``(line number, header names, delimiter)`` or ``None``. Only ``doc.head`` is looked at,
    so sniffing stays cheap.
    """
    seen = 0
    for no, line in enumerate(doc.head.split("\n"), 1):
        if not line.strip():
            continue
        seen += 1
        if seen > max_lines:
            break
        names, delim = parse_header_line(line, delimiter)
        while names and not names[-1].strip():
            names.pop()                      # a trailing delimiter names no column
        if len(names) >= 3 and accept({key(n) for n in names}):
            return no, names, delim
    return None


@dataclass
class Row:
    first: int      # line number of the record's first physical line (1-based)
    last: int       # ... and of its last
    fields: list[str]


def fit_exact(n: int) -> Callable[[list[str]], list[str] | None]:
    """A row fits when it has ``n`` fields, or more where the extra ones are empty (trailing delimiters)."""
    def fit(fields: list[str]) -> list[str] | None:
        if len(fields) == n:
            return fields
        if len(fields) > n and not any(f.strip() for f in fields[n:]):
            return fields[:n]
        return None
    return fit


def fit_header(names: list[str]) -> Callable[[list[str]], list[str] | None]:
    """The row-fitting rule of a header whose rows have exactly its fields (:func:`fit_exact`)."""
    return fit_exact(len(names))


def header_like(fields: list[str], accept: Callable[[set[str]], bool]) -> bool:
    """Is this row a (repeated) header line that ``accept`` takes? Cheap for long data rows."""
    if len(fields) < 3 or any(len(f) > 100 for f in fields):
        return False
    return accept({key(f) for f in fields})


class Layout:
    """The current header of a table: its names, column lookup and row-fitting rule.

    Exports concatenated with ``cat`` repeat their header line, possibly with other columns;
    :func:`iter_rows` then calls :meth:`set` with the new names, and rows after it are read with them.
    """

    def __init__(self, names: list[str], fit_factory: Callable[[list[str]], Callable],
                 is_header: Callable[[list[str]], bool] | None = None):
        self.fit_factory = fit_factory
        self.is_header = is_header
        self.set(names)

    def set(self, names: list[str]) -> None:
        names = list(names)
        while names and not names[-1].strip():
            names.pop()                      # a trailing delimiter names no column
        self.names = names
        self.n = len(names)
        self.cols = Columns(names)
        self.fit = self.fit_factory(names)


def iter_rows(doc: Document, lines: list[str], start: int, layout: Layout, out: Parsed, *,
              delimiter: str = ",", quoting: bool = True) -> Iterator[Row]:
    """Yield the records after the header line ``start`` (1-based) whose fields fit the header.

    Rows that do not fit are added to ``out.skipped`` with their line and reason; blank lines are
    not records; a repeated header line (``layout.is_header``) switches the layout. With
    ``quoting=False`` every physical line is one record split on ``delimiter`` and ``"`` is an
    ordinary character (Web of Science tab-delimited).
    """
    is_header = layout.is_header
    if not quoting:
        for idx in range(start, len(lines)):
            raw = lines[idx].rstrip("\n").rstrip("\r")
            if not raw.strip():
                continue
            fields = raw.split(delimiter)
            if is_header is not None and is_header(fields):
                layout.set([f.strip().lstrip("\ufeff") for f in fields])
                continue                                 # exports concatenated with their headers
            fitted = layout.fit(fields)
            if fitted is None:
                out.skip(doc.ref(idx + 1), f"{len(fields)} fields where the header has {layout.n}")
                continue
            yield Row(idx + 1, idx + 1, fitted)
        return

    pos = start  # 0-based index of the next line to parse
    while pos < len(lines):
        reader = csv.reader(islice(lines, pos, None), delimiter=delimiter, quotechar='"',
                            doublequote=True, skipinitialspace=False, strict=False)
        consumed = 0
        restart = None
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                first, last = pos + consumed + 1, pos + reader.line_num
                out.skip(doc.ref(first), f"CSV syntax error up to line {last}: {exc}")
                consumed = reader.line_num
                continue
            first, last = pos + consumed + 1, pos + reader.line_num
            consumed = reader.line_num
            if not fields or not any(f.strip() for f in fields):
                continue                                 # a blank line or a row of empty cells
            if last > first and _lines_hold_rows(lines, first, last, layout, delimiter):
                # an unclosed quote on line `first` swallowed the record(s) after it (even when the
                # merged row happens to have the right number of fields): skip that one line and
                # parse again from the next, so the swallowed records are read
                out.skip(doc.ref(first), f"a quoted field opened on this line is not closed "
                                         f"(it ran on to line {last}); this line was not read")
                restart = first          # 0-based index of the line after `first`
                break
            if last == first and is_header is not None and is_header(fields):
                layout.set(fields)                       # exports concatenated with their headers
                continue
            fitted = layout.fit(fields)
            if fitted is not None:
                yield Row(first, last, fitted)
                continue
            where = f" (lines {first}-{last})" if last > first else ""
            out.skip(doc.ref(first), f"{len(fields)} fields where the header has {layout.n}{where}")
        if restart is None:
            break
        pos = restart


#: what a table reader makes of one row: the record (without ``source_ref``), or the reason
#: the row is not a record
RowReader = Callable[["Columns", list[str]], "dict | str"]


def read_table(doc: Document, row: RowReader, *, missing: str, hint: str,
               accept: Callable[[set[str]], bool] | None = None,
               found: tuple[int, list[str], str] | None = None,
               is_header: Callable[[list[str]], bool] | None = None,
               fit: Callable[[list[str]], Callable] = fit_header, quoting: bool = True) -> Parsed:
    """The row loop that every delimited-table reader shares.

    Parameters
    ----------
    doc : Document
        The decoded export.
    row : callable
        ``row(columns, fields)`` -> the record of one row, or a ``str``: why the row is skipped.
    missing, hint : str
        The error and its hint when there is no header.
    accept : callable, optional
        ``accept(keys)``: is a line with these (keyed) names the header? Finds the header with
        :func:`find_header` and repeated header lines with :func:`header_like`.
    found : tuple, optional
        Without ``accept``: ``(header line number, names, delimiter)``, ``None`` for no header.
    is_header : callable, optional
        Without ``accept``: is a row a repeated header line (exports concatenated with ``cat``)?
    fit : callable
        ``fit(names)`` -> the row-fitting rule of a header (see :class:`Layout`).
    quoting : bool
        ``False``: one line a record, split on the delimiter, ``"`` an ordinary character.

    Returns
    -------
    Parsed
        The records (``source_ref`` the row's first line) and the skipped rows with reasons.

    Examples
    --------
    >>> from litkit.io import _table as T
    >>> from litkit.io._base import document_from_text
    >>> doc = document_from_text("Title,Year,DOI\\nA paper,2024,\\n,2023,\\n", "t.csv")
    >>> def row(cols, fields):
    ...     return {"title": cols.get(fields, "Title")} if cols.get(fields, "Title") else "no title"
    >>> parsed = T.read_table(doc, row, accept=lambda keys: "title" in keys, missing="no header",
    ...                       hint="")
    >>> parsed.records, parsed.skipped
    ([{'title': 'A paper', 'source_ref': 't.csv:2'}], [{'source_ref': 't.csv:3', 'reason': 'no title'}])
    """
    if accept is not None:
        found = find_header(doc, accept)

        def is_header(fields: list[str]) -> bool:
            return header_like(fields, accept)
    if found is None:
        raise doc.error(missing, line=1, hint=hint)
    out = Parsed()
    line_no, names, delimiter = found
    layout = Layout(names, fit, is_header=is_header)
    for r in iter_rows(doc, lines_of(doc), line_no, layout, out, delimiter=delimiter,
                       quoting=quoting):
        ref = doc.ref(r.first)
        rec = row(layout.cols, r.fields)
        if isinstance(rec, str):
            out.skip(ref, rec)
        else:
            rec["source_ref"] = ref
            out.records.append(rec)
    return out


def _lines_hold_rows(lines, first, last, layout: Layout, delimiter) -> bool:
    """Do the lines after ``first`` (up to ``last``) parse on their own into rows that fit?"""
    reader = csv.reader(islice(lines, first, last), delimiter=delimiter, strict=False)
    try:
        for fields in reader:
            if fields and len(fields) >= 2 and layout.fit(fields) is not None:
                return True
    except csv.Error:
        return False
    return False


class Columns:
    """Header names -> positions, looked up by :func:`key`; the first of repeated names wins."""

    def __init__(self, names: list[str]):
        self.names = names
        self.index: dict[str, int] = {}
        for i, n in enumerate(names):
            self.index.setdefault(key(n), i)
        self._where: dict[tuple[str, ...], tuple[int, ...]] = {}

    def __contains__(self, name: str) -> bool:
        return key(name) in self.index

    def get(self, fields: list[str], *names: str) -> str | None:
        """The first non-missing value among the named columns (``None`` when absent or missing)."""
        where = self._where.get(names)
        if where is None:
            where = self._where[names] = tuple(self.index[key(n)] for n in names
                                               if key(n) in self.index)
        for i in where:
            if i < len(fields):
                v = fields[i]
                if v and not v.isspace():
                    v = value(v)
                    if v is not None:
                        return v
        return None

    def mapped(self, fields: list[str], names: dict[str, str]) -> dict[str, str]:
        """``{new name: value}`` for each ``{column: new name}`` of ``names`` that has a value."""
        out = {}
        for column, name in names.items():
            v = self.get(fields, column)
            if v is not None:
                out[name] = v
        return out

    def raw(self, fields: list[str], name: str) -> str | None:
        i = self.index.get(key(name))
        if i is None or i >= len(fields):
            return None
        return fields[i]


def split_list(text: str | None, sep: str = ";") -> list[str]:
    """``"a; b;; a"`` -> ``["a", "b"]`` (stripped, empty and repeated items dropped, order kept)."""
    if not text:
        return []
    if "\n" in text or "  " in text or "\t" in text:
        text = " ".join(text.split())
    parts = [p.strip() for p in text.split(sep)]
    out = list(dict.fromkeys(p for p in parts if p and not missing(p)))
    return out


def to_int(text: str | None) -> int | None:
    """``"13169"`` -> 13169; ``"1,234"`` -> 1234; anything else (or absurdly large) -> ``None``."""
    if not text:
        return None
    s = text.strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    if not s.isascii() or not s.isdigit() or len(s) > 12:
        return None
    return int(s)


def to_year(text: str | None) -> int | None:
    """A four-digit publication year between 1000 and 2999, else ``None``."""
    y = to_int(text)
    return y if y is not None and 1000 <= y <= 2999 else None
