"""Readers: every export format into the one papers table (``litkit.schema``).

``read()`` detects the format of each file from its content (not only its name),
runs that format's reader, and returns the papers table. Records that could not be
read are listed in a ``skipped`` table with the reason, never dropped silently:
records in the input = rows + skipped rows.
"""

from __future__ import annotations

import importlib
import os
import warnings
from functools import cache
from pathlib import Path
from typing import Iterable

from .. import schema
from ..errors import ReadError
from ._base import MAX_DAMAGED_SHARE, Document, Format, Parsed, decode, load, settle  # noqa: F401

#: the reader modules of litkit.io, each declaring its ``FORMAT`` (``_base.Format``); the
#: order breaks ties in detection
_READER_MODULES = ("listing", "bibtex", "ris", "wos", "wos_tab", "scopus_csv", "ieee_csv", "pubmed",
                   "arxiv_atom", "arxiv_jsonl", "openalex", "semanticscholar", "csl_json",
                   "litkit_csv", "parquet")

#: files in a folder that are documentation, not exports
_IGNORED_SUFFIXES = {".md", ".rst", ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".html", ".ipynb",
                     ".py", ".xlsx", ".xls", ".docx", ".zip"}


@cache
def formats() -> dict[str, Format]:
    """The registry: format name -> the reader's declaration, for every installed reader.

    Built from the ``FORMAT`` each reader module declares, in detection order.

    Returns
    -------
    dict of str to Format
        See :class:`litkit.io._base.Format` (name, description, sniff, parse, suffixes,
        label, hints, line_records).

    Examples
    --------
    >>> from litkit.io import formats
    >>> list(formats())[:4]
    ['listing', 'bibtex', 'ris', 'wos']
    >>> formats()["scopus-csv"].hints["citations"]
    "export again with 'Citation count' ticked"
    """
    out: dict[str, Format] = {}
    for name in _READER_MODULES:
        try:
            module = importlib.import_module(f"litkit.io.{name}")
        except ModuleNotFoundError:      # a reader whose optional dependency is not installed
            continue
        out[module.FORMAT.name] = module.FORMAT
    return out


def available_readers() -> dict[str, str]:
    """Format name -> description of every reader that is installed.

    Returns
    -------
    dict of str to str
        In detection order.

    Examples
    --------
    >>> from litkit.io import available_readers
    >>> available_readers()["ris"]
    'RIS (.ris: Zotero, EndNote, Mendeley, Scopus, IEEE, Web of Science, Rayyan)'
    """
    return {name: fmt.description for name, fmt in formats().items()}


def detect_format(doc: Document) -> tuple[str | None, float]:
    """The most likely format of a decoded document and the reader's confidence.

    Every reader's ``sniff`` scores the document; the highest score wins, a tie goes to the
    reader first in detection order (see :func:`formats`).

    Parameters
    ----------
    doc : Document
        A decoded document (:func:`load`, ``document_from_text``).

    Returns
    -------
    format, score : str or None, float
        ``(None, 0.0)`` when no reader claims the document.

    Examples
    --------
    >>> import litkit.data
    >>> from litkit.io import detect_format, load
    >>> detect_format(load(litkit.data.RESEARCHER_PROFILE))
    ('listing', 0.9)
    """
    best, best_score = None, 0.0
    for name, fmt in formats().items():
        score = float(fmt.sniff(doc))   # a sniffer never raises: a bug in one must show
        if score > best_score:
            best, best_score = name, score
    return best, best_score


def _describe(doc: Document) -> str:
    fmt, score = detect_format(doc)
    if fmt and score >= 0.5:
        return f"it looks like {formats()[fmt].description} (format={fmt!r})"
    first = doc.head.lstrip()[:60].splitlines()[0] if doc.head.strip() else ""
    return f"it does not look like any format litkit reads (it starts with {first!r})"


def _expand(source) -> list[Path]:
    if isinstance(source, (str, os.PathLike)):
        sources = [source]
    elif isinstance(source, Iterable):
        sources = list(source)
    else:
        raise TypeError(f"source must be a path, a list of paths or a folder, not {type(source).__name__}")
    files: list[Path] = []
    seen: dict[Path, Path] = {}          # resolved path -> the path it was first named by
    repeated: list[str] = []
    for s in sources:
        p = Path(s)
        if p.is_dir():
            found = [f for f in sorted(p.rglob("*")) if _is_export(f, p)]
            if not found:
                raise ReadError("the folder holds no file litkit could read as an export",
                                path=p, hint="put the exported files (.bib, .ris, .csv, .txt, "
                                             ".json...) in it, or pass the files themselves")
        elif p.exists():
            found = [p]
        else:
            raise ReadError("no such file or folder", path=p, hint="check the path")
        for f in found:
            key = f.resolve()
            if key in seen:
                repeated.append(os.fspath(f))
                continue
            seen[key] = f
            files.append(f)
    if repeated:
        warnings.warn(f"{len(repeated)} file(s) were named more than once and are read once "
                      f"(first: {repeated[0]})", stacklevel=4)
    return files


def _is_export(f: Path, folder: Path) -> bool:
    """A file inside ``folder`` that may be an export (not hidden, not documentation)."""
    rel = f.relative_to(folder).parts
    return (f.is_file() and not any(part.startswith(".") for part in rel)
            and f.suffix.lower() not in _IGNORED_SUFFIXES
            and f.name.upper() not in {"SOURCES.MD", "README", "LICENSE"})


def read_document(doc: Document, format: str | None = None) -> Parsed:
    """Parse one decoded document with the given or detected reader.

    A text holding NUL characters on a few lines (what a crash leaves) is read when its
    reader holds one record a line (``Format.line_records``: JSON lines) and reports each
    such line as a skipped record; otherwise, or when NULs are on more than
    ``MAX_DAMAGED_SHARE`` of the lines, it is refused naming the first damaged line.

    Parameters
    ----------
    doc : Document
        A decoded document (:func:`load`, ``document_from_text``).
    format : str, optional
        The reader to use (a name of :func:`formats`); by default the detected one.

    Returns
    -------
    Parsed
        The records (settled, with ``source`` and ``id``), the skipped records with their
        reasons, and the format's name.

    Examples
    --------
    >>> import litkit.data
    >>> from litkit.io import load, read_document
    >>> parsed = read_document(load(litkit.data.RESEARCHER_PROFILE))
    >>> parsed.format, len(parsed.records), len(parsed.skipped)
    ('listing', 19, 0)
    """
    if doc.damaged:
        lines = doc.text.count("\n") + 1
        if len(doc.damaged) > MAX_DAMAGED_SHARE * lines:
            raise doc.nul_error()
        try:
            parsed = _parse_document(doc, format)
        except ReadError:
            raise doc.nul_error() from None
        refs = {r["source_ref"] for r in parsed.skipped}
        name = format or parsed.format
        if not formats()[name].line_records or \
                not all(doc.ref(line) in refs for line in doc.damaged):
            raise doc.nul_error()
        return parsed
    return _parse_document(doc, format)


def _parse_document(doc: Document, format: str | None) -> Parsed:
    if format is not None:
        if format not in formats():
            raise ReadError(f"unknown format {format!r}", path=doc.path,
                            hint=f"use one of {', '.join(formats())} or leave format=None to "
                                 f"detect it")
        fmt = formats()[format]
        if fmt.sniff(doc) <= 0:
            raise ReadError(f"format={format!r} was asked for, but the file is not "
                            f"{fmt.description}: {_describe(doc)}", path=doc.path,
                            hint="leave format=None to detect the format from the content")
        name = format
    else:
        name, score = detect_format(doc)
        if name is None or score < 0.2:
            if not doc.text.strip():
                raise ReadError("the file is empty", path=doc.path,
                                hint="export the records again")
            raise ReadError(_describe(doc)[0].upper() + _describe(doc)[1:], path=doc.path,
                            hint="litkit reads " + "; ".join(available_readers().values()))
        fmt = formats()[name]
    try:
        parsed = fmt.parse(doc)
    except ReadError:
        raise
    except RecursionError:
        raise doc.error("the file nests too deeply to be parsed", hint="is it damaged?") from None
    except MemoryError:
        raise doc.error("the file is too large to parse in memory") from None
    except Exception as exc:  # never a bare traceback from inside a parser
        raise doc.error(f"the {fmt.description} reader failed: {type(exc).__name__}: {exc}",
                        hint="the file may be damaged; please report this with the file") from exc
    parsed.format = name
    for rec in parsed.records:
        settle(rec)
        rec.setdefault("source", name)
        if not rec.get("id"):
            rec["id"] = schema.make_id(rec.get("doi"), rec.get("arxiv_id"), name, rec.get("title"),
                                       fallback=rec.get("source_ref", ""))
    return parsed


def read(source, format: str | None = None, *, return_skipped: bool = False,
         encoding: str | None = None, engine: str | None = None, blocksize: int | None = None):
    """Read paper metadata from exports into the papers table.

    Parameters
    ----------
    source : path, list of paths, or folder
        Files may be gzip-compressed. A folder is read recursively (hidden files and
        documentation such as ``.md`` are left out).
    format : str, optional
        Force a reader (see :func:`available_readers`). By default the format of each
        file is detected from its content. A file that is clearly not of the forced
        format raises :class:`litkit.ReadError` saying what it looks like.
    return_skipped : bool
        Also return the table of records that could not be read (``source_ref``, ``reason``).
    encoding : str, optional
        The text encoding, for exports that are not UTF-8 (e.g. ``"cp1252"``).
        By default UTF-8, or UTF-16/32 where a byte-order mark says so.
    engine : {None, "dask"}
        ``"dask"``: a Dask DataFrame, read in parallel (see :func:`litkit.dask.read`).
    blocksize : int, optional
        With ``engine="dask"``: bytes per partition of large JSON-lines files.

    Returns
    -------
    papers : pandas.DataFrame
        The papers table (see ``litkit.schema``), one row per record read, in file order.
    skipped : pandas.DataFrame
        Only with ``return_skipped=True``.

    Examples
    --------
    >>> import litkit.data
    >>> papers = litkit.read(litkit.data.RESEARCHER_PROFILE)     # a file, a folder or a list
    >>> len(papers)
    19
    >>> papers, skipped = litkit.read(litkit.data.RESEARCHER_PROFILE, return_skipped=True)
    >>> list(skipped.columns), len(skipped)
    (['source_ref', 'reason'], 0)
    """
    if engine is not None:  # the dask extra: litkit/dask/_read.py
        from ..dask._read import read_engine
        return read_engine(engine, source, format, return_skipped, encoding, blocksize)
    try:
        return _read(source, format, return_skipped, encoding)
    except (ReadError, TypeError):
        raise
    except MemoryError:
        raise ReadError("the input is too large to read in memory",
                        hint="split the export into smaller files") from None
    except (RecursionError, OverflowError) as exc:
        raise ReadError(f"the input could not be read ({type(exc).__name__}: {exc})",
                        hint="the file may be damaged; please report this with the file") from None


def _read(source, format, return_skipped, encoding):
    files = _expand(source)
    records: list[dict] = []
    skipped: list[dict] = []
    for f in files:
        if encoding is not None:
            from ._base import _read_bytes
            try:
                text = _read_bytes(f).decode(encoding)
            except (UnicodeDecodeError, LookupError) as exc:
                raise ReadError(f"cannot decode as {encoding}: {exc}", path=f) from None
            from ._base import document_from_text
            doc = document_from_text(text, os.fspath(f))
        else:
            doc = load(f)
        parsed = read_document(doc, format)
        records.extend(parsed.records)
        skipped.extend(parsed.skipped)
    papers = schema.from_records(records)
    skipped_df = schema.skipped_table(skipped)
    if skipped and not return_skipped:
        warnings.warn(f"{len(skipped)} record(s) could not be read and were skipped "
                      f"(first: {skipped[0]['source_ref']}: {skipped[0]['reason']}); "
                      f"pass return_skipped=True to get the list", stacklevel=3)
    return (papers, skipped_df) if return_skipped else papers


def read_text(text: str, format: str | None = None, *, name: str = "<string>",
              return_skipped: bool = False):
    """Like :func:`read`, for an export held in a string (e.g. pasted into a notebook)."""
    from ._base import document_from_text
    parsed = read_document(document_from_text(text, name), format)
    papers = schema.from_records(parsed.records)
    skipped = schema.skipped_table(parsed.skipped)
    return (papers, skipped) if return_skipped else papers
