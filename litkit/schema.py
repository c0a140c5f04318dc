"""The papers table: one row per paper. Defined here once, used everywhere.

This module imports nothing of litkit except ``errors``.

=====================  ==================  ==================================================
column                 dtype               meaning
=====================  ==================  ==================================================
id                     string              ``doi:10.…``, ``arxiv:2401.01234``, else a hash
title                  string              whitespace-normalised, markup removed
abstract               string, NA
authors                list of str         display names, "Given Family"
authors_truncated      bool                the source showed only the first authors
affiliations           list of str         as given, deduplicated, in order
year                   Int64
date                   datetime64, NaT     as precise as the source allows
venue                  string, NA          journal, conference or archive
categories             list of str         arXiv codes (``cs.LG``) or subject categories
keywords               list of str         author and index keywords
doi                    string, NA          lower-case, no resolver prefix
arxiv_id               string, NA          no version suffix
url                    string, NA
citations              Int64, NA
source                 string              the format read (``bibtex``, ``ris``...)
source_ref             string              ``file:line`` or ``file#record``
extra                  dict                format-specific fields worth keeping
=====================  ==================  ==================================================
"""

from __future__ import annotations

import gc
import hashlib
from typing import Any, Iterable

import numpy as np
import pandas as pd

from .errors import SchemaError

STRING = "string"
LIST = "list"
BOOL = "bool"
INT = "Int64"
DATE = "datetime64[ns]"
DICT = "dict"

#: column name -> kind, in table order
COLUMNS: dict[str, str] = {
    "id": STRING,
    "title": STRING,
    "abstract": STRING,
    "authors": LIST,
    "authors_truncated": BOOL,
    "affiliations": LIST,
    "year": INT,
    "date": DATE,
    "venue": STRING,
    "categories": LIST,
    "keywords": LIST,
    "doi": STRING,
    "arxiv_id": STRING,
    "url": STRING,
    "citations": INT,
    "source": STRING,
    "source_ref": STRING,
    "extra": DICT,
}

LIST_COLUMNS = [c for c, k in COLUMNS.items() if k == LIST]
STRING_COLUMNS = [c for c, k in COLUMNS.items() if k == STRING]

#: The ``extra`` vocabulary: keys that mean the same in every reader, and their kind
#: (``str``, ``int``, ``bool``, ``list`` of str, ``per_author``: a list aligned with
#: ``authors``, each item a list of str, possibly empty). Readers use these names for these
#: things; a reader may keep further fields of its format under their own names (BibTeX
#: and CSL-JSON pass-through fields such as ``crossref``, ``note``).
EXTRA: dict[str, tuple[str, str]] = {
    "author_affiliations": ("per_author", "each author's affiliations (WoS C1, Scopus, IEEE, "
                                          "PubMed AD, OpenAlex authorships)"),
    "orcids": ("list", "ORCID of each author, aligned with authors (None where unknown)"),
    "author_ids": ("list", "the source's id of each author, aligned with authors"),
    "references": ("list", "the cited references as given (WoS CR, Scopus References)"),
    "referenced_works": ("list", "ids of cited works (OpenAlex W…, Semantic Scholar paper ids)"),
    "author_keywords": ("list", "keywords given by the authors"),
    "keywords_plus": ("list", "Web of Science KeyWords Plus"),
    "research_areas": ("list", "subject areas of the database"),
    "organizations": ("list", "organisation names (WoS C3, RIS C3)"),
    "group_authors": ("list", "group or consortium authors"),
    "editors": ("list", "editors, display names"),
    "emails": ("list", "e-mail addresses"),
    "wos_id": ("str", "Web of Science accession number (WOS:…)"),
    "scopus_eid": ("str", "Scopus EID"),
    "openalex_id": ("str", "OpenAlex work id (W…)"),
    "pmid": ("str", "PubMed id"),
    "pmcid": ("str", "PubMed Central id"),
    "document_type": ("str", "the database's document type"),
    "publication_type": ("str", "the database's publication type code"),
    "language": ("str", "language of the record"),
    "publisher": ("str", "publisher"),
    "issn": ("any", "ISSN (a str, or a list when the source gives several)"),
    "eissn": ("str", "electronic ISSN"),
    "isbn": ("any", "ISBN"),
    "journal_abbrev": ("str", "abbreviated venue"),
    "volume": ("str", "volume"),
    "issue": ("str", "issue"),
    "pages": ("str", "pages, first-last"),
    "article_number": ("str", "article number"),
    "conference": ("str", "conference name"),
    "citations_all_databases": ("int", "citation count over all databases (WoS Z9)"),
    "n_references": ("int", "number of cited references"),
    "date_precision": ("str", "year, month or day: how precise ``date`` is"),
    "dropped": ("str", "values left out as implausible (a year 9999, a count of 10**30)"),
    "end_text": ("list", "text on an end-of-record line (RIS/WoS ``ER  - text``), kept"),
    "warning": ("str", "what looked damaged in the record"),
    "year_bce": ("int", "the year, before the common era (CSL-JSON negative years)"),
}
#: ``extra`` keys with one item per author, in author order: they follow the author list
#: (when records are merged, they come from the record whose authors are kept)
AUTHOR_ALIGNED = ("author_affiliations", "orcids", "author_ids", "scopus_author_ids")


def check_extra(extra: dict, n_authors: int) -> list[str]:
    """The ways ``extra`` departs from the vocabulary :data:`EXTRA` (empty when it does not).

    Examples
    --------
    >>> check_extra({"author_affiliations": [["Univ A"], []]}, n_authors=2)
    []
    >>> check_extra({"author_affiliations": [{"authors": ["X"]}]}, n_authors=1)
    ['author_affiliations: item 0 is not a list of str']
    """
    problems = []
    for key, value in extra.items():
        kind = EXTRA.get(key, ("any",))[0]
        if kind == "per_author":
            if not isinstance(value, list) or len(value) != n_authors:
                problems.append(f"{key}: not a list aligned with the {n_authors} author(s)")
                continue
            for i, item in enumerate(value):
                if not isinstance(item, list) or not all(isinstance(x, str) for x in item):
                    problems.append(f"{key}: item {i} is not a list of str")
                    break
        elif kind == "list" and not isinstance(value, list):
            problems.append(f"{key}: not a list")
        elif kind == "str" and not isinstance(value, str):
            problems.append(f"{key}: not a str")
        elif kind == "int" and (not isinstance(value, int) or isinstance(value, bool)):
            problems.append(f"{key}: not an int")
    return problems


#: the columns of the table listing records that could not be read
SKIPPED_COLUMNS = ["source_ref", "reason"]


def make_id(doi=None, arxiv_id=None, source: str = "", title: str | None = None,
            fallback: str = "") -> str:
    """The stable key of a paper: its DOI, else its arXiv id, else a hash.

    The hash is of the source and the normalised title (or ``fallback`` when
    there is no title), so it is the same in every process and on every run.

    Parameters
    ----------
    doi, arxiv_id : str, optional
        Normalised identifiers (see :mod:`litkit.normalize`).
    source : str
        The format read, the prefix of a hashed id.
    title : str, optional
        Hashed (lower-cased, whitespace collapsed) when there is no identifier.
    fallback : str
        Hashed when there is no title either (e.g. the record's ``source_ref``).

    Returns
    -------
    str
        ``doi:...``, ``arxiv:...`` or ``<source>:<16 hex digits>``.

    Examples
    --------
    >>> from litkit.schema import make_id
    >>> make_id(doi="10.1000/xyz", arxiv_id="2401.01234")
    'doi:10.1000/xyz'
    >>> make_id(arxiv_id="2401.01234")
    'arxiv:2401.01234'
    >>> make_id(source="ris", title="A  Title") == make_id(source="ris", title="a title")
    True
    """
    if doi:
        return f"doi:{doi}"
    if arxiv_id:
        return f"arxiv:{arxiv_id}"
    basis = " ".join((title or "").lower().split()) or fallback
    digest = hashlib.sha1(f"{source}\x1f{basis}".encode("utf-8")).hexdigest()[:16]
    return f"{source or 'rec'}:{digest}"


def empty_papers() -> pd.DataFrame:
    """An empty papers table with every column and dtype.

    Returns
    -------
    pandas.DataFrame
        No rows; the columns of :data:`COLUMNS` in order.

    Examples
    --------
    >>> from litkit.schema import COLUMNS, empty_papers
    >>> list(empty_papers().columns) == list(COLUMNS)
    True
    """
    return from_records([])


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, float) and np.isnan(value):
        return []
    if isinstance(value, (list, tuple, np.ndarray, pd.Series)):
        return [v for v in value if v is not None and v == v and str(v) != ""]
    if isinstance(value, str):
        return [value] if value else []
    return [value]


def _list_cell(value) -> list:
    """``_as_list`` with a fast path for the common cases: a list of non-empty strings, NaN."""
    t = type(value)
    if t is list:
        try:
            "".join(value)                   # only succeeds when every item is a string
        except TypeError:
            return _as_list(value)
        if "" in value:
            return _as_list(value)
        return value.copy()
    if t is float and value != value:        # NaN: a key the record does not have
        return []
    return _as_list(value)


def _is_na_scalar(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value)) if pd.api.types.is_scalar(value) else False
    except (TypeError, ValueError):
        return False


def _string_cell(v):
    if v is None:
        return None
    if type(v) is str:                       # fast path: most cells
        return None if not v or v.isspace() else v
    if type(v) is float:                     # NaN: a key the record does not have
        return None if v != v else str(v)
    if _is_na_scalar(v):
        return None
    if isinstance(v, str):
        return None if v.strip() == "" else str(v)
    return str(v)


def _string_array(values: list):
    """Strings, with missing values and blank strings as ``<NA>``."""
    return pd.array([v if type(v) is str and v and not v.isspace() else _string_cell(v)
                     for v in values], dtype="string")


def _string(values: Iterable[Any]) -> pd.Series:
    return pd.Series(_string_array(list(values)))


def _object_array(values: list) -> np.ndarray:
    """A 1-D object array holding ``values`` as they are (lists stay list cells)."""
    return pd.Series(values, dtype="object").to_numpy()


def _int_cell(v):
    if v is None or v != v:
        return None
    return int(v)


def _records_to_array(records: list[dict], names: list[str]) -> np.ndarray:
    """A 2-D object array of the records' values, one column per name (NaN where missing)."""
    try:   # pandas' compiled loop (what ``pd.DataFrame(list_of_dicts)`` uses): 5-10x faster
        from pandas._libs.lib import dicts_to_array
        return dicts_to_array(records, names)
    except (ImportError, AttributeError, TypeError):  # pragma: no cover - other pandas versions
        table = np.empty((len(records), len(names)), dtype=object)
        for j, name in enumerate(names):
            table[:, j] = [r.get(name, np.nan) for r in records]
        return table


def from_records(records: list[dict], *, index=None) -> pd.DataFrame:
    """Build a papers table from a list of dicts (missing keys become NA/empty).

    Unknown keys are an error: a reader's typo must not silently lose a field.

    Parameters
    ----------
    records : list of dict
        One dict per paper, keys among :data:`COLUMNS`.
    index : optional
        The index of the table (default: 0, 1, ...).

    Returns
    -------
    pandas.DataFrame
        The papers table, every column in its schema dtype.

    Examples
    --------
    >>> from litkit.schema import from_records
    >>> papers = from_records([{"id": "doi:10.1/a", "title": "A", "authors": ["Ada Lovelace"],
    ...                         "year": 1843}])
    >>> papers.loc[0, "authors"], int(papers.loc[0, "year"]), papers.loc[0, "keywords"]
    (['Ada Lovelace'], 1843, [])
    """
    was_enabled = gc.isenabled()
    gc.disable()          # many small lists, no cycles: automatic collections only cost time
    try:
        return _from_records(records, index)
    finally:
        if was_enabled:
            gc.enable()


def _from_records(records: list[dict], index) -> pd.DataFrame:
    n = len(records)
    keys: set = set()
    for rec in records:
        keys.update(rec)
    unknown = keys - COLUMNS.keys()
    if unknown:
        raise SchemaError(f"unknown papers-table field(s) {sorted(unknown)}")
    names = list(COLUMNS)
    table = _records_to_array(records, names) if n else None
    cols: dict[str, Any] = {}
    for j, (name, kind) in enumerate(COLUMNS.items()):
        raw = table[:, j].tolist() if n else []
        if kind == STRING:
            cols[name] = _string_array(raw)
        elif kind == LIST:
            cols[name] = _object_array([_list_cell(v) for v in raw])
        elif kind == BOOL:
            cols[name] = np.array([bool(v) if v is not None and v == v else False for v in raw],
                                  dtype=bool)
        elif kind == INT:
            cols[name] = pd.array([_int_cell(v) for v in raw], dtype="Int64")
        elif kind == DATE:
            if n == 0:
                cols[name] = pd.Series([], dtype=DATE)
            else:
                cols[name] = pd.to_datetime(pd.Series(raw, dtype="object"), errors="coerce")
            cols[name] = cols[name].astype(DATE).array
        elif kind == DICT:
            cols[name] = _object_array([dict(v) if isinstance(v, dict) else {} for v in raw])
    return pd.DataFrame(cols, index=index if index is not None else pd.RangeIndex(n), copy=False)


def empty_skipped() -> pd.DataFrame:
    """An empty table of skipped records (``source_ref``, ``reason``).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> from litkit.schema import empty_skipped
    >>> list(empty_skipped().columns)
    ['source_ref', 'reason']
    """
    return pd.DataFrame({"source_ref": pd.Series([], dtype="string"),
                         "reason": pd.Series([], dtype="string")})


def skipped_table(rows: list[dict]) -> pd.DataFrame:
    """The records a reader could not read, as a table.

    Parameters
    ----------
    rows : list of dict
        ``{"source_ref": ..., "reason": ...}`` each.

    Returns
    -------
    pandas.DataFrame
        Columns ``source_ref`` and ``reason`` (string).

    Examples
    --------
    >>> from litkit.schema import skipped_table
    >>> skipped_table([{"source_ref": "x.ris:12", "reason": "no title"}]).to_dict("records")
    [{'source_ref': 'x.ris:12', 'reason': 'no title'}]
    """
    if not rows:
        return empty_skipped()
    return pd.DataFrame({"source_ref": _string(r["source_ref"] for r in rows),
                         "reason": _string(r["reason"] for r in rows)})


def validate(papers: pd.DataFrame, *, unique_ids: bool = False) -> pd.DataFrame:
    """Check that ``papers`` follows the schema; return it unchanged.

    Parameters
    ----------
    papers : pandas.DataFrame
        The table to check.
    unique_ids : bool
        Also require every ``id`` to be different (true after :func:`litkit.deduplicate`).

    Returns
    -------
    pandas.DataFrame
        ``papers`` itself.

    Raises
    ------
    litkit.SchemaError
        Naming every problem found: missing columns, wrong dtypes, list cells that are not
        lists, missing ids, and (with ``unique_ids=True``) repeated ids.

    Examples
    --------
    >>> from litkit.data import RESEARCHER_PROFILE
    >>> papers = litkit.validate(litkit.read(RESEARCHER_PROFILE))
    >>> litkit.validate(papers.drop(columns="title"))
    Traceback (most recent call last):
    ...
    litkit.errors.SchemaError: not a valid papers table: missing column(s) ['title']
    """
    if not isinstance(papers, pd.DataFrame):
        raise SchemaError(f"expected a pandas DataFrame, got {type(papers).__name__}")
    problems = []
    missing = [c for c in COLUMNS if c not in papers.columns]
    if missing:
        problems.append(f"missing column(s) {missing}")
    for name, kind in COLUMNS.items():
        if name not in papers.columns:
            continue
        col = papers[name]
        if kind == STRING and not pd.api.types.is_string_dtype(col.dtype):
            problems.append(f"column {name!r} should be string, is {col.dtype}")
        elif kind == INT and str(col.dtype) != "Int64":
            problems.append(f"column {name!r} should be Int64, is {col.dtype}")
        elif kind == BOOL and col.dtype != bool:
            problems.append(f"column {name!r} should be bool, is {col.dtype}")
        elif kind == DATE and not pd.api.types.is_datetime64_dtype(col.dtype):
            problems.append(f"column {name!r} should be datetime64, is {col.dtype}")
        elif kind == LIST:
            bad = ~col.map(lambda v: isinstance(v, list))
            if bad.any():
                problems.append(f"column {name!r} has {int(bad.sum())} cell(s) that are not lists "
                                f"(first at index {col.index[bad.to_numpy()][0]!r})")
        elif kind == DICT:
            bad = ~col.map(lambda v: isinstance(v, dict))
            if bad.any():
                problems.append(f"column {name!r} has {int(bad.sum())} cell(s) that are not dicts")
    if "id" in papers.columns:
        if papers["id"].isna().any():
            problems.append(f"{int(papers['id'].isna().sum())} row(s) have no id")
        if unique_ids and papers["id"].duplicated().any():
            dup = papers.loc[papers["id"].duplicated(), "id"].iloc[0]
            problems.append(f"{int(papers['id'].duplicated().sum())} repeated id(s), e.g. {dup!r}")
    if problems:
        raise SchemaError("not a valid papers table: " + "; ".join(problems))
    return papers
