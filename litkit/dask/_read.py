"""``litkit.read(..., engine="dask")``: the papers table as a Dask DataFrame.

One task per file; a large uncompressed JSON-lines file (arXiv, OpenAlex, Semantic Scholar
snapshots) is cut into byte ranges of about ``blocksize`` bytes, each cut moved to the next line
break. Every block is parsed by the format's own reader, so rows, ids and skip reasons are the
in-memory ones; line numbers in ``source_ref`` are made file-wide by adding the line breaks that
come before the block (counted by one small task per block, in parallel).

A block after the first is parsed with the file's first line put in front of it (and that line's
output dropped): the readers decide "JSON lines" from the first line of what they are given, so
each block is read exactly as the same lines are read inside the whole file.
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from .. import schema
from ..errors import ReadError
from ..io import _expand, detect_format, formats, read as read_in_memory, read_document
from ..io._base import HEAD_CHARS, Document, decode
from . import no_string_conversion, releases, require

#: formats whose files may be cut at line breaks (one record a line: ``Format.line_records``)
BLOCK_FORMATS = frozenset(name for name, fmt in formats().items() if fmt.line_records)
#: default bytes per block of a large JSON-lines file
DEFAULT_BLOCKSIZE = 64 * 2**20
#: bytes read from the start of a file to detect its format and find its first line
_HEAD_BYTES = 256 * 1024
#: bytes read at a time when looking for the line break that ends a block
_SCAN_BYTES = 1 << 20
_GZIP = b"\x1f\x8b"
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")        # UTF-16/32: never cut into blocks
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass
class _Block(Document):
    """A block of a file: the block's text, with the whole file's head for the sniffers."""

    file_head: str = ""

    @property
    def head(self) -> str:
        return self.file_head


@dataclass(frozen=True)
class _Plan:
    """How a large JSON-lines file is cut: its format, head, first line and block starts."""

    path: str
    format: str
    head: str
    first_line: str
    starts: tuple[int, ...]
    size: int


def _block_plan(path: Path, format: str | None, encoding: str | None, blocksize: int):
    """A :class:`_Plan` when ``path`` can be read by byte ranges, else None (one task)."""
    size = path.stat().st_size
    if encoding is not None or size <= blocksize:
        return None
    with open(path, "rb") as fh:
        raw = fh.read(_HEAD_BYTES)
    if raw[:2] == _GZIP or raw.startswith(_WIDE_BOMS) or b"\x00" in raw or b"PAR1" == raw[:4]:
        return None
    raw = raw[len(_UTF8_BOM):] if raw.startswith(_UTF8_BOM) else raw
    text = raw.decode("utf-8", errors="ignore").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if len(lines) < 3 or sum(1 for ln in lines[:-1] if ln.strip()) < 2:
        return None                   # the head holds fewer than two whole lines: not JSON lines
    head = text[:HEAD_CHARS]
    name = format
    if name is None:
        name, score = detect_format(Document(path=os.fspath(path), text=head, encoding="utf-8"))
        if score < 0.2:
            return None
    if name not in BLOCK_FORMATS or not lines[0].lstrip().startswith(("{", "[")):
        return None
    starts = tuple(range(0, size, blocksize))
    return _Plan(os.fspath(path), name, head, lines[0], starts, size)


def _breaks(chunk: bytes, next_byte: bytes) -> int:
    """Line breaks in ``chunk`` as the in-memory reader sees them (``\\r\\n``, ``\\r``, ``\\n``)."""
    n = chunk.count(b"\n") + chunk.count(b"\r") - chunk.count(b"\r\n")
    return n - 1 if chunk.endswith(b"\r") and next_byte == b"\n" else n


def _count_breaks(path: str, start: int, end: int) -> int:
    with open(path, "rb") as fh:
        fh.seek(start)
        chunk = fh.read(end - start + 1)
    return _breaks(chunk[:end - start], chunk[end - start:])


def _line_start_at_or_after(fh, pos: int) -> int:
    """The offset of the first line that starts at or after ``pos`` (the file size at the end)."""
    if pos == 0:
        return 0
    fh.seek(pos - 1)
    offset = pos - 1
    while True:
        buf = fh.read(_SCAN_BYTES)
        if not buf:
            return offset
        k = buf.find(b"\n")
        if k >= 0:
            return offset + k + 1
        offset += len(buf)


def _shift_ref(ref: str, path: str, shift: int) -> tuple[str, int | None]:
    """``path:N...`` -> ``path:(N + shift)...`` and N (None for a ref without a line)."""
    m = re.match(r"(\d+)(.*)\Z", ref[len(path) + 1:], re.S) if ref.startswith(path + ":") else None
    if m is None:
        return ref, None
    line = int(m.group(1))
    return f"{path}:{line + shift}{m.group(2)}", line


def _relocated(exc: ReadError, shift: int) -> ReadError:
    """``exc`` with its line number made file-wide."""
    prefix = f"{exc.path}:{exc.line}: "
    body = str(exc)[len(prefix):]
    if exc.hint and body.endswith(exc.hint):
        body = body[:-len(exc.hint) - 1]
    return ReadError(body, path=exc.path, line=exc.line + shift, hint=exc.hint)


def _offsets(counts: list[int]) -> list[int]:
    """Line breaks before each block: the running sum of the blocks' counts."""
    out, total = [], 0
    for c in counts:
        out.append(total)
        total += c
    return out


def _empty():
    return schema.empty_papers(), schema.empty_skipped()


@releases
def _read_block(plan: _Plan, i: int, offsets: list[int]):
    """Parse block ``i`` of a planned file: (papers, skipped) with file-wide line numbers."""
    start = plan.starts[i]
    end = plan.starts[i + 1] if i + 1 < len(plan.starts) else plan.size
    with open(plan.path, "rb") as fh:
        a = _line_start_at_or_after(fh, start)
        b = _line_start_at_or_after(fh, end) if end < plan.size else plan.size
        fh.seek(a)
        data = fh.read(max(b - a, 0))
        fh.seek(start)
        before = fh.read(max(a - start, 0))
    first_line = 1 + offsets[i] + _breaks(before, data[:1])
    if i == 0 and data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    try:
        text, _ = decode(data, plan.path)
    except ReadError as exc:
        raise (_relocated(exc, first_line - 1) if exc.line is not None else exc) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():      # no line starts in this block (a long line spans it)
        return _empty()
    shift = first_line - 1
    if i > 0:                 # the file's first line in front: the reader sees JSON lines
        text = plan.first_line + "\n" + text
        shift -= 1
    doc = _Block(path=plan.path, text=text, encoding="utf-8",
                 name=Path(plan.path).name.lower(), file_head=plan.head)
    parsed = read_document(doc, plan.format)
    records, skipped = [], []
    for rec in parsed.records:
        old = rec["source_ref"]
        new, line = _shift_ref(old, plan.path, shift)
        if i > 0 and line == 1:
            continue
        if rec["id"] == schema.make_id(rec.get("doi"), rec.get("arxiv_id"), rec["source"],
                                       rec.get("title"), fallback=old):
            rec["id"] = schema.make_id(rec.get("doi"), rec.get("arxiv_id"), rec["source"],
                                       rec.get("title"), fallback=new)
        rec["source_ref"] = new
        records.append(rec)
    for row in parsed.skipped:
        new, line = _shift_ref(row["source_ref"], plan.path, shift)
        if not (i > 0 and line == 1):
            skipped.append({"source_ref": new, "reason": row["reason"]})
    return schema.from_records(records), schema.skipped_table(skipped)


@releases
def _read_file(path: str, format, encoding):
    return read_in_memory(path, format, return_skipped=True, encoding=encoding)


def _papers(part, warn: bool):
    papers, skipped = part
    if warn and len(skipped):
        warnings.warn(f"{len(skipped)} record(s) could not be read and were skipped (first: "
                      f"{skipped['source_ref'].iloc[0]}: {skipped['reason'].iloc[0]}); pass "
                      "return_skipped=True to get the list", UserWarning, stacklevel=2)
    return papers


def _skipped(part):
    return part[1]


def read(source, format: str | None = None, *, return_skipped: bool = False,
         encoding: str | None = None, blocksize: int | None = None):
    """Read exports into a Dask DataFrame of papers (``litkit.read(..., engine="dask")``).

    Parameters
    ----------
    source, format, encoding
        As for :func:`litkit.read`.
    return_skipped : bool
        Also return the records that could not be read, as a second Dask DataFrame
        (``source_ref``, ``reason``) built from the same tasks: compute both together,
        ``dask.compute(papers, skipped)``, to read the files once. Without it, a block with
        skipped records warns when it is computed.
    blocksize : int, optional
        Bytes per partition of a large uncompressed JSON-lines file (default 64 MiB). Other
        files, and gzip files, are one partition each.

    Returns
    -------
    papers : dask.dataframe.DataFrame
        The papers schema as its meta; ``papers.compute().reset_index(drop=True)`` equals
        ``litkit.read(source)`` (same rows, order, ids and ``source_ref`` line numbers). Each
        partition has its own index from 0, as with ``dask.dataframe.read_csv``.
    skipped : dask.dataframe.DataFrame
        Only with ``return_skipped=True``.

    Examples
    --------
    >>> import dask, litkit
    >>> from litkit.data import ARXIV_SAMPLE
    >>> papers = litkit.read(ARXIV_SAMPLE, engine="dask")
    >>> papers.npartitions
    1
    >>> with dask.config.set(scheduler="synchronous"):
    ...     len(papers)
    3126
    """
    dd = require()
    from dask import delayed

    blocksize = DEFAULT_BLOCKSIZE if blocksize is None else int(blocksize)
    if blocksize < 1:
        raise ValueError("blocksize must be a positive number of bytes")
    parts = []
    for f in _expand(source):
        plan = _block_plan(f, format, encoding, blocksize)
        if plan is None:
            parts.append(delayed(_read_file, pure=True)(os.fspath(f), format, encoding))
            continue
        ends = plan.starts[1:] + (plan.size,)
        counts = [delayed(_count_breaks, pure=True)(plan.path, s, e)
                  for s, e in zip(plan.starts, ends)]
        offsets = delayed(_offsets, pure=True)(counts)
        parts += [delayed(_read_block, pure=True)(plan, i, offsets)
                  for i in range(len(plan.starts))]
    if not parts:
        parts = [delayed(_empty, pure=True)()]
    with no_string_conversion():
        papers = dd.from_delayed([delayed(_papers, pure=True)(p, not return_skipped)
                                  for p in parts], meta=schema.empty_papers(), verify_meta=False)
        if not return_skipped:
            return papers
        skipped = dd.from_delayed([delayed(_skipped, pure=True)(p) for p in parts],
                                  meta=schema.empty_skipped(), verify_meta=False)
    return papers, skipped



def read_engine(engine: str, source, format, return_skipped, encoding, blocksize):
    """The ``engine=`` hook of :func:`litkit.read`."""
    if engine != "dask":
        raise ValueError(f"unknown engine {engine!r}: use engine='dask' or leave it out")
    return read(source, format, return_skipped=return_skipped, encoding=encoding,
                blocksize=blocksize)
