"""What every reader shares: loading bytes, decoding text, and the reader contract.

A reader is a module in ``litkit.io`` that declares itself with a module-level
``FORMAT = Format(...)`` (:class:`Format`): its name (used in ``format=`` and in the ``source``
column), a description a person recognises, its ``sniff(doc)`` (a score in [0, 1]: how sure it
is that ``doc`` is its format, looking at the content first and the name second), its
``parse(doc)`` (a :class:`Parsed` with one dict per paper, papers-table fields, and one
``{"source_ref", "reason"}`` dict per record it could not read), the file suffixes its exports
have, and the export hints :func:`litkit.coverage` gives when a field is thin.
The registry in ``litkit.io`` is built from these declarations.

Every record the file holds must end up in exactly one of the two lists.
"""

from __future__ import annotations

import codecs
import gc
import os
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from ..errors import ReadError
from ..normalize import (FIRST_YEAR, INT64_MAX, LAST_YEAR, is_missing, plausible_year,
                         safe_timestamp, to_int)

#: files larger than this are refused before reading (a bibliographic export this size is a mistake)
MAX_BYTES = 4 * 1024**3
HEAD_CHARS = 8192
MAX_HEAD_CHARS = 256 * 1024


@dataclass
class Document:
    """A decoded text file, ready for a reader."""

    path: str          # as shown in messages and source_ref
    text: str
    encoding: str
    name: str = ""     # the file name without compression suffix, lower-case (for extension hints)
    data: bytes | None = None   # the raw bytes of a binary format (Parquet); then text is ""
    original: str | None = None  # the text before "\r\n"/"\r" became "\n" (only when it did)
    damaged: tuple = ()         # lines holding NUL characters (a crash's damage), 1-based
    nul_line: int | None = None  # the first of them as the file's own bytes count lines

    def nul_error(self) -> ReadError:
        return nul_error(self.path, self.nul_line or self.damaged[0])

    @property
    def head(self) -> str:
        """The start of the text for sniffing: ``HEAD_CHARS``, stretched to the end of the line
        it cuts when that line ends within ``MAX_HEAD_CHARS`` (a CSV header of many columns is
        longer than 8 KB; a longer line is no header, and sniffers stay cheap on it)."""
        text = self.text
        if self.damaged:                 # lines of NULs say nothing of the format: blanked
            text = "\n".join("" if "\x00" in ln else ln
                             for ln in text[:MAX_HEAD_CHARS].split("\n"))
        if len(text) <= HEAD_CHARS:
            return text
        eol = text.find("\n", HEAD_CHARS, MAX_HEAD_CHARS)
        return text[:eol if eol >= 0 else HEAD_CHARS]

    def ref(self, line: int | None = None, record: int | str | None = None) -> str:
        if line is not None:
            return f"{self.path}:{line}"
        if record is not None:
            return f"{self.path}#{record}"
        return self.path

    def error(self, message: str, *, line=None, record=None, hint=None) -> ReadError:
        return ReadError(message, path=self.path, line=line, record=record, hint=hint)


@dataclass
class Parsed:
    records: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    format: str = ""            # the reader that produced it (set by read_document)

    def skip(self, source_ref: str, reason: str) -> None:
        self.skipped.append({"source_ref": source_ref, "reason": reason})


@dataclass(frozen=True)
class Format:
    """A reader's declaration of itself: what the registry in ``litkit.io`` knows of it.

    Parameters
    ----------
    name : str
        The format name, as in ``litkit.read(..., format=name)`` and the ``source`` column.
    description : str
        A few words a person recognises ("BibTeX (.bib: Zotero, JabRef, ...)").
    sniff : callable
        ``sniff(doc)`` -> how sure the reader is that ``doc`` is its format, in [0, 1].
    parse : callable
        ``parse(doc)`` -> a :class:`Parsed`.
    suffixes : tuple of str
        The file suffixes the format's exports have (lower case, with the dot).
    label : str
        What a person calls the source in a sentence ("Scopus", "Web of Science").
    hints : dict
        Papers-table field -> how to export again from that source to get the field, for
        :func:`litkit.coverage` (fields without a hint get its general advice).
    line_records : bool
        One record a line (JSON lines): a line damaged by a crash (NUL bytes) is one skipped
        record, not a refused file.

    Examples
    --------
    >>> from litkit.io import formats
    >>> ris = formats()["ris"]
    >>> ris.suffixes, ris.label
    (('.ris',), 'RIS')
    >>> ris.hints["abstract"]
    'export again with abstracts included (in RIS the AB field)'
    """

    name: str
    description: str
    sniff: Callable[[Document], float]
    parse: Callable[[Document], Parsed]
    suffixes: tuple[str, ...] = ()
    label: str = ""
    hints: dict[str, str] = field(default_factory=dict)
    line_records: bool = False


def record_id(*keys: tuple[str, object]) -> str | None:
    """A record's id by the readers' one rule: the first identifier it has, as ``kind:value``.

    Each reader lists its identifiers strongest first (usually the DOI, then the arXiv id, then
    the database's own record id); a record with none gets ``None``, and ``litkit.read`` then
    keys it with :func:`litkit.schema.make_id`.

    Parameters
    ----------
    *keys : (str, object)
        ``(kind, value)`` pairs; a value that is empty or ``None`` is absent.

    Returns
    -------
    str or None

    Examples
    --------
    >>> record_id(("doi", None), ("scopus", "2-s2.0-85")), record_id(("doi", ""))
    ('scopus:2-s2.0-85', None)
    """
    for kind, value in keys:
        if value:
            return f"{kind}:{value}"
    return None


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"cannot open the file ({exc.strerror or exc})", path=path,
                        hint="check the path") from None
    if size > MAX_BYTES:
        raise ReadError(f"the file is {size / 1e9:.1f} GB, larger than litkit reads at once",
                        path=path, hint="split the export into smaller files and pass the folder")
    try:
        with open(path, "rb") as fh:
            if fh.read(2) == b"\x1f\x8b":
                fh.seek(0)
                return _gunzip(fh, size, path)
            fh.seek(0)
            return fh.read()
    except OSError as exc:
        raise ReadError(f"cannot read the file ({exc.strerror or exc})", path=path) from None


#: gzip data is unpacked as a stream and refused beyond this size ...
MAX_UNPACKED_BYTES = 2 * 1024**3
#: ... or beyond this many bytes out per byte in, once past RATIO_CHECK_BYTES (exports
#: compress 3-10x; a "zip bomb" 1000x)
MAX_RATIO = 100
RATIO_CHECK_BYTES = 64 * 1024**2
_CHUNK = 1024**2


def _gunzip(fh, size: int, path) -> bytes:
    """Unpack a gzip file (one or more members) chunk by chunk, within the limits above."""
    parts: list[bytes] = []
    total = consumed = 0
    d = zlib.decompressobj(31)                          # gzip header and trailer
    pending = b""
    while True:
        if not pending:
            pending = fh.read(_CHUNK)
            consumed += len(pending)
            if not pending:
                break
        try:
            out = d.decompress(pending, _CHUNK)
        except zlib.error as exc:
            raise ReadError(f"the gzip data is damaged or truncated ({exc})", path=path,
                            hint="download or compress the file again") from None
        pending = d.unconsumed_tail
        total += len(out)
        parts.append(out)
        if total > MAX_UNPACKED_BYTES or (total > RATIO_CHECK_BYTES and total > MAX_RATIO * consumed):
            raise ReadError(f"the gzip data unpacks to more than "
                            f"{min(total, MAX_UNPACKED_BYTES) / 1024**2:,.0f} MB from "
                            f"{consumed / 1024**2:,.1f} MB read (more than litkit unpacks: at most "
                            f"{MAX_UNPACKED_BYTES / 1024**3:.0f} GB, {MAX_RATIO}x)",
                            path=path, hint="is it a damaged or hostile file? Unpack a real "
                                            "export and split it into smaller files")
        if d.eof:
            rest = d.unused_data + pending
            pending = b""
            if not rest.strip(b"\x00"):
                tail = fh.read(_CHUNK)
                consumed += len(tail)
                if not tail.strip(b"\x00"):
                    if not tail:
                        break
                    continue                            # zero padding (gzip allows it)
                rest = tail
            d = zlib.decompressobj(31)                  # the next member
            pending = rest
    if not d.eof and (total or consumed):
        raise ReadError("the gzip data is damaged or truncated (the data ends before the end "
                        "of the compressed stream)", path=path,
                        hint="download or compress the file again")
    return b"".join(parts)


@contextmanager
def no_gc():
    """Pause the cyclic garbage collector while a reader builds many small objects.

    Records are dicts of strings and lists with no reference cycles; with tens of
    thousands of them alive, each automatic collection walks all of them again
    (it made reading the 75k-paper arXiv dump 1.5x slower).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def nul_error(path, line: int) -> ReadError:
    return ReadError("the file contains NUL bytes, so it is not a text export",
                     path=path, line=line,
                     hint="is it a PDF, a spreadsheet (.xlsx) or a zip? Export the records as "
                          "text (BibTeX, RIS, CSV...) and read that file")


#: a text file may hold NUL bytes on at most this share of its lines (a crash leaves a run of
#: NULs on a line or two); more, and it is a binary file
MAX_DAMAGED_SHARE = 0.1


def damaged_lines(text: str) -> tuple[int, ...]:
    """The line numbers (1-based) of ``text`` that hold NUL characters."""
    out = []
    pos = text.find("\x00")
    while pos >= 0:
        line = text.count("\n", 0, pos) + 1
        out.append(line)
        end = text.find("\n", pos)
        if end < 0:
            break
        pos = text.find("\x00", end)
    return tuple(out)


def decode(data: bytes, path) -> tuple[str, str]:
    """Decode bytes to text: UTF-8 (with or without BOM), UTF-16/32 with or without BOM.

    Other 8-bit encodings are refused with the line of the first undecodable byte:
    guessing (cp1252? latin-1? mac-roman?) silently corrupts names.
    """
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise ReadError(f"the file starts with a {enc} byte-order mark but is not valid "
                                f"{enc} ({exc.reason})", path=path) from None
            return text, enc
    sample = data[:4096]
    if sample and b"\x00" in sample:
        # UTF-16 without a BOM: every other byte is NUL in mostly-ASCII text
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        enc = "utf-16-le" if odd > 0.4 * len(sample) / 2 else "utf-16-be" if even > 0.4 * len(sample) / 2 else None
        if enc:
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                pass
    nul = data.find(b"\x00")
    if nul >= 0:
        try:
            return data.decode("utf-8"), "utf-8"      # NULs in text: see read_document
        except UnicodeDecodeError:
            raise nul_error(path, _line_of(data, nul)) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        bad = data[exc.start:exc.start + 4]
        raise ReadError(f"the file is not UTF-8 (byte {bad[:1].hex()} at byte offset {exc.start} "
                        f"cannot be decoded)", path=path, line=line,
                        hint="it is probably in a legacy encoding such as Windows-1252 or Latin-1; "
                             "pass the encoding, e.g. litkit.read(path, encoding=\"cp1252\"), "
                             "or export it again as UTF-8 (or convert it with "
                             "`iconv -f cp1252 -t utf-8 FILE > FILE.utf8`)") from None


def load(path) -> Document:
    p = Path(path)
    data = _read_bytes(p)
    name = p.name.lower()
    if data[:4] == b"PAR1":                 # Parquet (litkit.write): binary, read as bytes
        return Document(path=os.fspath(path), text="", encoding="binary",
                        name=name[:-3] if name.endswith(".gz") else name, data=data)
    text, enc = decode(data, p)
    original = None
    if b"\r" in data and "\r" in text:      # the bytes test is a fast memchr
        original = text
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    name = p.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    nul = data.find(b"\x00")
    damaged = damaged_lines(text) if nul >= 0 else ()
    return Document(path=os.fspath(path), text=text, encoding=enc, name=name, damaged=damaged,
                    original=original,
                    nul_line=_line_of(data, nul) if damaged else None)


def document_from_text(text: str, path: str = "<string>") -> Document:
    original = text if "\r" in text else None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return Document(path=path, text=text, encoding="utf-8", name=Path(path).name.lower(),
                    original=original,
                    damaged=damaged_lines(text) if "\x00" in text else ())


def settle(rec: dict) -> dict:
    """Hold a record's year, date and citation count to what the papers table can carry.

    Every reader's records pass here (``read_document``), so an implausible year (0, 9999,
    ``10**10``), a date outside the table's range or a count of ``10**30`` costs that value
    (noted in ``extra["dropped"]``), never the record or the file. A negative year that the
    reader marked as before the common era (``extra["year_bce"]``, CSL-JSON) is kept.
    """
    dropped = []
    year = rec.get("year")
    if year is not None and not (type(year) is int and FIRST_YEAR <= year <= LAST_YEAR) \
            and not is_missing(year):                 # the common case costs a type check
        y = to_int(year, low=-(10**4), high=10**4)
        bce = y is not None and y < 0 and isinstance(rec.get("extra"), dict) and "year_bce" in rec["extra"]
        if not bce and plausible_year(y) is None:
            dropped.append(f"year {str(year)[:24]} (outside {FIRST_YEAR}-{LAST_YEAR})")
            rec["year"] = None
        else:
            rec["year"] = y
    date = rec.get("date")
    if date is not None and not (type(date) is pd.Timestamp and FIRST_YEAR <= date.year <= LAST_YEAR
                                 and date.tz is None) and not is_missing(date):
        ts = safe_timestamp(date)
        if ts is None:
            dropped.append(f"date {str(date)[:24]}")
        rec["date"] = ts
    cites = rec.get("citations")
    if cites is not None and not (type(cites) is int and 0 <= cites <= INT64_MAX) \
            and not is_missing(cites):
        c = to_int(cites)
        if c is None:
            dropped.append(f"citation count {str(cites)[:24]}")
        rec["citations"] = c
    if dropped:
        extra = rec.setdefault("extra", {})
        if isinstance(extra, dict):
            extra["dropped"] = "not plausible, left out: " + "; ".join(dropped)
    return rec
