"""What the scanner finds: an :class:`Entry` (fields with their lines) or a :class:`BadEntry`.

Modelled on bibtexparser 2's entry model: the entry type, the citation key, the fields in
file order with the line each starts on, and where the entry starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

#: entry types that are records (``@comment``, ``@preamble``, ``@string`` are not)
RECORD_TYPES = frozenset({
    "article", "book", "booklet", "conference", "inbook", "incollection", "inproceedings",
    "manual", "mastersthesis", "misc", "phdthesis", "proceedings", "techreport", "unpublished",
    "online", "report", "thesis", "patent", "software", "dataset", "electronic", "www",
    "collection", "periodical"})
#: blocks that are not records
SPECIAL_TYPES = frozenset({"comment", "preamble", "string"})

_NAME_NOISE = re.compile(r"[\s_-]+")


@lru_cache(maxsize=4096)
def canon(name: str) -> str:
    """A field name compared without case, blanks, ``-`` or ``_``.

    Parameters
    ----------
    name : str
        A field name as written.

    Returns
    -------
    str

    Examples
    --------
    >>> canon("Times-Cited") == canon("times cited") == canon("TIMES_CITED") == "timescited"
    True
    """
    return _NAME_NOISE.sub("", name.lower())


@dataclass(slots=True)
class Field:
    """One ``name = value`` of an entry.

    Parameters
    ----------
    name : str
        The field name as written (``Author-Full-Names``).
    value : str
        The raw value: macros expanded and ``#`` joined, the outer delimiters removed, LaTeX
        not decoded.
    line : int
        The line (from 1) the field starts on.

    Examples
    --------
    >>> Field("Title", "{Deep} nets", 3)
    Field(name='Title', value='{Deep} nets', line=3)
    """

    name: str
    value: str
    line: int


@dataclass(slots=True)
class Entry:
    """One ``@type{key, name = value, ...}`` record of a BibTeX file.

    Parameters
    ----------
    entry_type : str
        The type in lower case (``article``).
    key : str or None
        The citation key (``None`` when the entry has none).
    fields : list of Field
        In file order, repeats included.
    start_line : int
        The line (from 1) of the ``@``.
    offset : int
        The offset of the ``@`` in the text.
    undefined_macros : list of str
        Macro names used in values but never defined (kept as their names).
    repaired : str, optional
        Why the entry had to be read line by line; ``None`` when it was read as written.

    Examples
    --------
    >>> e = Entry("article", "k1", [Field("title", "T", 2)], start_line=1, offset=0)
    >>> e.entry_type, e.key, [f.name for f in e.fields], e.repaired
    ('article', 'k1', ['title'], None)
    """

    entry_type: str
    key: str | None
    fields: list[Field]
    start_line: int
    offset: int
    undefined_macros: list[str] = field(default_factory=list)
    repaired: str | None = None


@dataclass(slots=True)
class BadEntry:
    """An entry that could not be read: where it starts and why.

    Parameters
    ----------
    entry_type : str
        The type in lower case.
    start_line : int
        The line (from 1) of the ``@``.
    offset : int
        The offset of the ``@`` in the text.
    reason : str
        What is wrong, for the ``skipped`` table.

    Examples
    --------
    >>> BadEntry("article", 4, 120, "the entry is never closed").reason
    'the entry is never closed'
    """

    entry_type: str
    start_line: int
    offset: int
    reason: str
