"""BibTeX (``.bib``) from Zotero, Better BibTeX, JabRef, Mendeley, Scopus, Web of Science and
hand-written files.

A small iterative scanner written for litkit, not a library parser: bibtexparser 1.x silently
drops Scopus entries, and bibtexparser 2.x moves entries that reuse a citation key or repeat a
field into ``failed_blocks``. Here every ``@type{`` / ``@type(`` outside an entry is one record
(``@comment``, ``@preamble`` and ``@string`` are not records), and it ends up either in the
papers table or in ``skipped`` with its line and the reason:

* two entries with one citation key are two records;
* a field given twice: the first value is kept, the repeats are listed in
  ``extra["repeated_fields"]``;
* ``@string`` macros, ``#`` concatenation, month macros (``jan``); an undefined macro is kept as
  its name (``journal = AIJ`` gives the venue ``AIJ``) and listed in ``extra["undefined_macros"]``;
* ``@article( … )`` as well as ``@article{ … }``; field names with spaces or dashes
  (``Times-Cited``, ``Author Full Names``, ``funding_text 1``);
* ``crossref``: fields the entry lacks are taken from the cross-referenced entry of the file;
* LaTeX accents and commands are decoded (:func:`litkit.normalize.latex_to_text`), protective
  braces removed;
* names "Last, First", "First Last", "Last, Jr., First", ``{van der Berg}, Jan``, corporate names
  in braces (``{World Health Organization}``) and ``and others`` (``authors_truncated``).

Malformed input: braces are matched once for the whole file (thousands of nested braces need
no recursion, and the work is linear in the size of the file; the patterns are written so
that long runs of blanks cannot make them quadratic). An entry whose text is
damaged inside but which is closed before the next ``@`` line (an unbalanced brace in one
value, a stray character) is read line by line, one ``name = value`` a line, and says so in
``extra["repaired"]``. An entry that is not closed, or that runs into the next ``@entry{``
line, goes to ``skipped`` with its line, and reading resumes at the next line starting with
``@``. ``%`` lines outside entries and between fields are comments; an ``@`` inside free text
(``me@home (weekends)``) is not an entry.

Field names are compared without case, blanks, ``-`` or ``_``; the papers-table columns come
from: title; author (Web of Science ``Author-Full-Names`` preferred), editor for whole books;
year/month/day or biblatex ``date``; journal/journaltitle, booktitle for conference papers,
series/publisher, school, institution; abstract; keywords, author_keywords, keywords-plus
(``;``-separated when there is a ``;``, else ``,``); doi (else a doi.org url); eprint with
archiveprefix/eprinttype arXiv, or an arxiv.org url or "arXiv:…" text; url; Times-Cited or
Scopus "cited By N" in the note; affiliations (Web of Science institutions) or affiliation
(``;``-separated; the Web of Science address lines go to ``extra["addresses"]``);
Web-of-Science-Categories and Research-Areas, primaryclass. ``extra`` keeps the entry type,
citation key and bibliographic details (volume, pages, issn, publisher, language, document
type, unique-id, note ...).

The modules, in the order the text goes through them: :mod:`.scanner` (entries and values;
:mod:`.braces` matches braces, :mod:`.repair` reads damaged entries line by line) yields
:class:`Entry` / :class:`BadEntry` (:mod:`.entry`); :mod:`.record` maps an entry to a row,
decoding values with :mod:`.fields` and names with :mod:`.names`.
"""

from __future__ import annotations

import re

from .._base import Document, Format, Parsed
from .braces import brace_depths
from .entry import RECORD_TYPES, SPECIAL_TYPES, BadEntry, Entry, Field
from .names import MAX_AUTHORS
from .record import record, resolve_crossrefs
from .scanner import scan

__all__ = ["BadEntry", "DESCRIPTION", "Entry", "FORMAT", "Field", "MAX_AUTHORS", "brace_depths",
           "parse", "scan", "sniff"]

DESCRIPTION = "BibTeX (.bib: Zotero, JabRef, Mendeley, Scopus, Web of Science)"
_EXPORT_HINTS = {"abstract": "export again with abstracts (many reference managers leave them out by default)"}

_SNIFF_ENTRY = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]", re.M)
_OTHER_FORMATS = re.compile(r"^(?:TY  -|[A-Z][A-Z0-9]  - |FN |VR |PT [A-Z]\b|PMID-|\{|\[|<\?xml|<)",
                            re.M)
_SUFFIXES = (".bib", ".bibtex")
#: how sure :func:`sniff` is: an entry line first; a .bib of comments only; an entry line after
#: free text, of a known or an unknown type; an entry line inside another format
_SURE, _COMMENTS_ONLY, _KNOWN_AFTER_TEXT, _UNKNOWN_AFTER_TEXT, _INSIDE_OTHER = \
    0.95, 0.25, 0.8, 0.5, 0.05


def sniff(doc: Document) -> float:
    """How much ``doc`` looks like BibTeX.

    An ``@type{`` / ``@type(`` line, before it only blank lines, ``%`` comments or free text;
    a ``.bib`` file of comments only is BibTeX too (an empty table, not an error).

    Parameters
    ----------
    doc : Document
        The decoded file; only its head is looked at.

    Returns
    -------
    float
        From 0 (not BibTeX) to 1.

    Examples
    --------
    >>> sniff(Document(path="r.bib", text="% refs\\n@article{k, title = {T}}", encoding="utf-8"))
    0.95
    >>> sniff(Document(path="r.ris", text="TY  - JOUR\\nER  - ", encoding="utf-8"))
    0.0
    """
    head = doc.head.lstrip("\ufeff")
    m = _SNIFF_ENTRY.search(head)
    if m is None:
        if doc.name.endswith(_SUFFIXES) and head.strip() and "@" not in head \
                and not _OTHER_FORMATS.search(head):
            return _COMMENTS_ONLY
        return 0.0
    before = head[:m.start()]
    if not before.strip() or all(not ln.strip() or ln.lstrip().startswith("%")
                                 for ln in before.split("\n")):
        return _SURE
    if _OTHER_FORMATS.search(before):
        return _INSIDE_OTHER          # a RIS/WoS/JSON/XML file that happens to hold an "@x{" line
    known = m.group(1).lower() in RECORD_TYPES | SPECIAL_TYPES
    return _KNOWN_AFTER_TEXT if known else _UNKNOWN_AFTER_TEXT


def parse(doc: Document) -> Parsed:
    """The rows and skipped records of a BibTeX file.

    Parameters
    ----------
    doc : Document
        The decoded file (its whole text is read).

    Returns
    -------
    Parsed
        One row per entry read, one skipped record (line and reason) per entry that was not.

    Examples
    --------
    >>> doc = Document(path="r.bib", text="@article{a, title = {One}}\\n@article{b, title = {Two",
    ...                encoding="utf-8")
    >>> out = parse(doc)
    >>> [r["title"] for r in out.records], len(out.skipped)
    (['One'], 1)
    """
    out = Parsed()
    good = []
    for item in scan(doc.text):
        if isinstance(item, BadEntry):
            out.skip(doc.ref(item.start_line), item.reason)
        else:
            good.append(item)
    resolve_crossrefs(good)
    out.records.extend(record(doc, e) for e in good)
    return out


#: this reader, for the registry (litkit.io.formats)
FORMAT = Format(name="bibtex", description=DESCRIPTION, sniff=sniff, parse=parse,
                suffixes=_SUFFIXES, label="BibTeX", hints=_EXPORT_HINTS)
