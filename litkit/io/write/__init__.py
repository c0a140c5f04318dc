"""Export the papers table: CSV, Parquet, BibTeX and RIS, chosen by the file extension.

What each format keeps (``litkit.read`` of the file gives it back):

=========  ==========================================================================
format     fields
=========  ==========================================================================
CSV        every column. List columns are joined with ``"; "`` (JSON, ``["a", "b"]``,
           when an item itself contains ``;``), ``extra`` is JSON, dates ISO 8601.
           Cells a spreadsheet would run as a formula — starting with ``=``, ``+``,
           ``-``, ``@``, a tab or a carriage return — get a leading ``'``, and so does a
           cell that already starts with ``'``; litkit's CSV reader removes exactly
           one leading ``'``, so the round trip is exact and the file is inert in
           Excel/LibreOffice (the ``'`` shows there, the formula never runs).
Parquet    every column, with types (lists as lists, ``extra`` as JSON text).
BibTeX     title, authors (``and others`` when truncated), year, date, venue, abstract,
           keywords, DOI, URL, arXiv id (``eprint``), categories (``primaryClass`` and
           ``research-areas``), affiliations, citations and the scalar ``extra`` fields
           BibTeX has a field for (volume, pages, publisher, note...). Not kept: ``id``,
           ``source``, ``source_ref``, other ``extra`` entries.
RIS        title, authors (``Family, Given``), year, date, venue, abstract, keywords,
           DOI, URL, affiliations (``AD``), citations (``N1  - Cited By: n``), volume,
           issue, pages, publisher, ISSN. Not kept: arXiv id (the URL is kept),
           categories, ``authors_truncated``, ``id``, ``source``, ``source_ref``.
=========  ==========================================================================

The modules: :mod:`.cells` (formula guard, list, date and JSON cells), :mod:`.table` (CSV,
Parquet), :mod:`.bibtex` and :mod:`.ris`; :func:`write` picks one by the extension.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ... import schema
from ...errors import WriteError
from .bibtex import to_bibtex_text
from .cells import neutralise
from .ris import to_ris_text
from .table import _write_csv, _write_parquet, to_csv_text

__all__ = ["WriteError", "neutralise", "to_bibtex_text", "to_csv_text", "to_ris_text", "write"]

_WRITERS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".bib": "bibtex",
            ".bibtex": "bibtex", ".ris": "ris"}


def write(papers: pd.DataFrame, path, *, format: str | None = None) -> Path:
    """Write the papers table to CSV, Parquet, BibTeX or RIS, chosen by the extension.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table (e.g. after :func:`litkit.deduplicate`). Not modified.
    path : str or path-like
        ``.csv``, ``.parquet``, ``.bib`` or ``.ris``. The folder must exist.
    format : {"csv", "parquet", "bibtex", "ris"}, optional
        Overrides the extension.

    Returns
    -------
    pathlib.Path
        The path written.

    Notes
    -----
    ``litkit.read`` reads each of these files back. CSV and Parquet keep every column; BibTeX
    and RIS keep what those formats have fields for (see :mod:`litkit.io.write`). In CSV, cells
    a spreadsheet would run as formulas (``=``, ``+``, ``-``, ``@``, tab, CR first) are
    prefixed with ``'``.

    Examples
    --------
    >>> import tempfile, pathlib, litkit.data
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> deduped, audit = litkit.deduplicate(litkit.read(litkit.data.RESEARCHER_PROFILE))
    >>> litkit.write(deduped, out / "review.bib").name
    'review.bib'
    >>> len(litkit.read(out / "review.bib")), len(litkit.read(litkit.write(deduped, out / "review.csv")))
    (19, 19)
    """
    p = Path(path)
    fmt = format or _WRITERS.get(p.suffix.lower())
    if fmt not in ("csv", "parquet", "bibtex", "ris"):
        raise WriteError(f"{os.fspath(path)}: cannot tell the format from the extension "
                         f"{p.suffix!r}; use .csv, .parquet, .bib or .ris, or format=")
    schema.validate(papers)
    if fmt == "csv":
        _write_csv(papers, p)
    elif fmt == "parquet":
        _write_parquet(papers, p)
    elif fmt == "bibtex":
        p.write_text(to_bibtex_text(papers), encoding="utf-8")
    else:
        p.write_text(to_ris_text(papers), encoding="utf-8")
    return p
